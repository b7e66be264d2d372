"""Unit tests of the self-check and checklist engine (answers-core.js), with no page markup."""

import json

import pytest
from playwright.sync_api import Page

from macros import assets

pytestmark = pytest.mark.browser
LEVELS = ["informal", "foundational", "managed"]
EXPECTED = {"format": "dpup-self-check", "version": 1, "label": "DPUP self-check", "levels": LEVELS,
            "answers": LEVELS + ["unsure"], "criteria": ["e.01", "e.02"]}


@pytest.fixture
def engine(page: Page):
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(content=assets.read("js/answers-core.js"))
    return lambda expression: page.evaluate(f"() => {{ const A = DPUP.assess; return {expression}; }}")


def test_an_element_takes_its_lowest_criterion_level(engine):
    ratings = {"e.01": {"level": "managed"}, "e.02": {"level": "foundational"}, "f.01": {"level": "informal"}}
    elements = [{"id": "e", "criteria": ["e.01", "e.02"]}, {"id": "f", "criteria": ["f.01", "f.02"]}]
    result = engine(f"A.elementLevels({json.dumps(elements)}, {json.dumps(ratings)}, {json.dumps(LEVELS)}, 'lowest')")
    assert result == {"e": "foundational", "f": None}  # f.02 is unrated, so f has no level yet


def test_not_sure_yet_leaves_an_element_unrated_and_is_not_counted(engine):
    ratings = {"e.01": {"level": "unsure"}, "e.02": {"level": "managed"}}
    assert engine(f"A.rollup('lowest', {json.dumps(LEVELS)}, ['unsure', 'managed'])") is None
    assert engine(f"A.countRated(['e.01', 'e.02'], {json.dumps(ratings)}, {json.dumps(LEVELS)})") == 1


def test_an_unknown_rule_is_an_error_not_a_guess(engine):
    with pytest.raises(Exception, match="unknown rollup rule median"):
        engine(f"A.rollup('median', {json.dumps(LEVELS)}, ['managed'])")


def test_gaps_are_rated_criteria_below_the_target_with_the_next_level(engine):
    ratings = {"e.01": {"level": "informal"}, "e.02": {"level": "managed"}, "e.03": {"level": "unsure"}}
    found = engine(f"A.gaps(['e.01', 'e.02', 'e.03', 'e.04'], {json.dumps(ratings)}, {json.dumps(LEVELS)}, 'managed')")
    assert found == [{"criterion": "e.01", "level": "informal", "next": "foundational"}]
    assert engine(f"A.gaps(['e.01'], {json.dumps(ratings)}, {json.dumps(LEVELS)}, 'informal')") == []


def test_planned_actions_are_numbered_across_the_plan(engine):
    plan = [{"actions": ["a", "", "b"]}, {"actions": []}, {"actions": ["c"]}]
    numbered = engine(f"A.numberedActions({json.dumps(plan)}).map(e => [e.number, e.action])")
    assert numbered == [[1, "a"], [2, "b"], ["", ""], [3, "c"]]


def test_csv_has_a_bom_quotes_what_needs_it_and_defuses_formulas(engine):
    text = engine("""A.toCsv([[["Name", "Note"], ["Māori, whānau", 'He said "hi"\\nthen left'], ["=SUM(A1)", "@x"]]])""")
    assert text.startswith("\ufeff")
    assert text == ('\ufeffName,Note\r\n"Māori, whānau","He said ""hi""\nthen left"\r\n\'=SUM(A1),\'@x\r\n')


@pytest.mark.parametrize("content, message", [
    ("{not json", "it is not a JSON file."),
    ('{"format": "something-else"}', "it is not a DPUP self-check export."),
    ('{"format": "dpup-self-check", "version": 2, "ratings": {}}', "it is version 2 of the format; this page reads version 1."),
    ('{"format": "dpup-self-check", "version": 1, "ratings": {"e.01": {"level": "managd"}}, "plan": []}',
     "e.01 has an unknown level 'managd'."),
    ('{"format": "dpup-self-check", "version": 1}', "its ratings or plan are missing."),
])
def test_a_bad_import_is_refused_with_a_reason(engine, content, message):
    result = engine(f"A.validateImport({json.dumps(content)}, {json.dumps(EXPECTED)})")
    assert result == {"ok": False, "error": message}


def test_a_good_import_keeps_known_criteria_and_reports_the_rest(engine):
    content = json.dumps({"format": "dpup-self-check", "version": 1, "target": "foundational", "plan": [],
                          "ratings": {"e.01": {"level": "managed", "note": "n"}, "x.09": {"level": "informal"}}})
    result = engine(f"A.validateImport({json.dumps(content)}, {json.dumps(EXPECTED)})")
    assert result == {"ok": True, "ratings": {"e.01": {"level": "managed", "note": "n"}}, "skipped": ["x.09"],
                      "target": "foundational", "plan": []}
