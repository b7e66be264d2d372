"""Unit tests of the self-check and checklist engine (answers-core.js, selfcheck-core.js), with no page markup."""

import json

import pytest
from playwright.sync_api import Page

from macros import assets

pytestmark = pytest.mark.browser
LEVELS = ["informal", "foundational", "managed"]
STRUCTURE = {
    "levels": LEVELS,
    "names": {"informal": "Informal", "foundational": "Foundational", "managed": "Managed"},
    "rules": {"element": "lowest", "section": "lowest"},
    "defaultTarget": "managed",
    "sections": [{"id": "s", "title": "Core"}],
    "elements": [
        {"id": "e", "title": "People", "number": "1", "sectionId": "s", "criteria": ["e.01", "e.02"]},
        {"id": "f", "title": "Culture", "number": "2", "sectionId": "s", "criteria": ["f.01"]},
    ],
    "criteria": [
        {"id": "e.01", "title": "Engaging", "label": "Criteria 1", "elementId": "e"},
        {"id": "e.02", "title": "Telling", "label": "Criteria 2", "elementId": "e"},
        {"id": "f.01", "title": "Leading", "label": "Criteria 1", "elementId": "f"},
    ],
}


def file(**fields) -> str:
    return json.dumps({"format": "dpup-self-check", "version": 2, "ratings": {}, "plan": []} | fields)


@pytest.fixture
def engine(page: Page):
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(content=assets.read("js/answers-core.js"))
    page.add_script_tag(content=assets.read("js/selfcheck-core.js"))
    page.evaluate(f"() => {{ window.S = {json.dumps(STRUCTURE)}; }}")
    return lambda expression: page.evaluate(
        f"() => {{ const A = DPUP.assess, C = DPUP.selfcheckCore; return {expression}; }}"
    )


# The answers-core tests (rollup, gaps, numbering, CSV) run under Node:
# macros/components/answers/answers.test.js.


@pytest.mark.parametrize(
    "content, problems",
    [
        ("{not json", ["The file is not a JSON file."]),
        ('{"format": "something-else"}', ["The file is not a DPUP self-check file."]),
        (
            '{"format": "dpup-self-check", "version": 3, "ratings": {}}',
            ["The file is version 3 of the self-check format; this page reads versions 1 and 2."],
        ),
        ('{"format": "dpup-self-check", "version": 2}', ["The file has no ratings, or its plan is not a list."]),
        (
            file(ratings={"e.01": {"level": "managd"}, "f.01": {"level": "constructor"}}, target="toString"),
            [
                "Criterion “Engaging” (People, Criteria 1): the rating “managd” is not one of Informal, Foundational, Managed, Not sure yet.",
                "Criterion “Leading” (Culture, Criteria 1): the rating “constructor” is not one of Informal, Foundational, Managed, Not sure yet.",
                "The target level “toString” is not one of Informal, Foundational, Managed.",
            ],
        ),
        (
            file(plan=[{"status": "constructor"}, {"due": "tomorrow", "actions": "one"}]),
            [
                "Plan row 1: the status “constructor” is not one of Not started, In progress, Done, Deferred, No action planned.",
                "Plan row 2: the target date “tomorrow” is not a date written as YYYY-MM-DD.",
                "Plan row 2: the planned actions are not a list.",
            ],
        ),
    ],
)
def test_a_bad_file_is_refused_with_every_problem_in_words(engine, content, problems):
    result = engine(f"C.validateFile({json.dumps(content)}, S, 100)")
    assert result == {"ok": False, "errors": problems}


def test_a_file_over_a_megabyte_is_refused_before_it_is_read(engine):
    assert engine("C.validateFile('', S, 5200000)") == {
        "ok": False,
        "errors": ["The file is 5.2 MB; a self-check file is well under 1 MB. Check that you chose the right file."],
    }


def test_a_good_file_keeps_known_criteria_and_skips_prototype_keys(engine):
    content = (
        '{"format": "dpup-self-check", "version": 1, "target": "foundational", "plan": [{"status": "done"}],'
        ' "ratings": {"e.01": {"level": "managed", "note": "n"}, "x.09": {"level": "informal"},'
        ' "__proto__": {"level": "managed"}, "constructor": {"level": "managed"}},'
        ' "elements": {"__proto__": {"focus": "x"}, "e": {"focus": "Next year"}}}'
    )
    result = engine(f"C.validateFile({json.dumps(content)}, S, 100)")
    assert result["ok"] is True
    assert result["skipped"] == ["x.09", "__proto__", "constructor"]
    assert result["state"]["ratings"] == {"e.01": {"level": "managed", "note": "n"}}
    assert result["state"]["elements"] == {"e": {"achievements": "", "challenges": "", "focus": "Next year"}}
    assert result["state"]["plan"][0]["status"] == "done" and result["state"]["target"] == "foundational"
    assert engine("({}).level === undefined && ({}).focus === undefined")


def test_element_status_is_not_started_in_progress_or_completed(engine):
    state = {"ratings": {"e.01": {"level": "managed"}, "f.01": {"level": "", "note": "thinking"}}}
    statuses = engine(f"S.elements.map(e => C.elementStatus(S, e, {json.dumps(state)}).label)")
    assert statuses == ["In progress", "In progress"]
    state["ratings"]["e.02"] = {"level": "informal"}
    assert engine(f"C.elementStatus(S, S.elements[0], {json.dumps(state)})") == {
        "status": "completed",
        "rated": 2,
        "total": 2,
        "label": "Completed",
    }
    assert engine("C.elementStatus(S, S.elements[1], {ratings: {}}).label") == "Not started"


def test_gap_rows_are_plain_sentences_and_not_repeated(engine):
    state = {
        "ratings": {"e.01": {"level": "informal"}, "f.01": {"level": "foundational"}},
        "plan": [{"criterion": "f.01"}],
        "target": "managed",
    }
    rows = engine(f"C.gapRows(S, {json.dumps(state)})")
    assert [row["recommendation"] for row in rows] == [
        "Raise “Engaging” from Informal to Foundational, as the Foundational description for this criterion sets out."
    ]
    assert rows[0]["focusArea"] == "People" and rows[0]["status"] == "not-started"


def test_the_ratings_and_plan_csv_are_separate_tables(engine):
    state = {
        "ratings": {"e.01": {"level": "managed", "note": "=1+1"}, "e.02": {"level": "unsure"}},
        "plan": [
            {
                "focusArea": "People",
                "recommendation": "Do it.",
                "actions": ["-first", "second"],
                "owner": "Me",
                "resources": "",
                "due": "2026-06-30",
                "status": "no-action",
                "reason": "No budget",
            }
        ],
        "previous": None,
    }
    ratings = engine(f"C.ratingsCsv(S, {json.dumps(state)})").lstrip("\ufeff").split("\r\n")
    assert ratings[0] == (
        "Section,Element,Element level,Criterion ID,Criterion,Rating,Notes,"
        "Element achievements,Element challenges,Element areas of future focus"
    )
    assert ratings[1] == "Core,People,,e.01,Engaging,Managed,'=1+1,,,"
    assert ratings[2] == "Core,People,,e.02,Telling,Not sure yet,,,,"
    with_comments = {
        **state,
        "elements": {
            "e": {"achievements": "A privacy week", "challenges": "+ staff turnover", "focus": 'Training, "for all"'}
        },
    }
    ratings = engine(f"C.ratingsCsv(S, {json.dumps(with_comments)})").lstrip("\ufeff").split("\r\n")
    assert ratings[1].endswith(',Managed,\'=1+1,A privacy week,\'+ staff turnover,"Training, ""for all"""')
    assert ratings[2].endswith(',A privacy week,\'+ staff turnover,"Training, ""for all"""')
    plan = engine(f"C.planCsv({json.dumps(state)})").lstrip("\ufeff").split("\r\n")
    assert plan[1:3] == [
        "People,Do it.,1,'-first,Me,,2026-06-30,No action planned,No budget",
        "People,Do it.,2,second,Me,,2026-06-30,No action planned,No budget",
    ]
    assert engine("C.planCsv({plan: [{actions: [], status: 'constructor'}]})").split("\r\n")[1] == ",,,,,,,,"


def test_comparison_gives_previous_current_and_change_in_words(engine):
    state = {
        "ratings": {"e.01": {"level": "managed"}, "e.02": {"level": "informal"}, "f.01": {"level": "unsure"}},
        "previous": {
            "label": "2024/25",
            "ratings": {"e.01": {"level": "informal"}, "e.02": {"level": "informal"}, "f.01": {"level": "managed"}},
            "plan": [],
        },
    }
    result = engine(f"C.compare(S, {json.dumps(state)})")
    assert result["criteria"]["e.01"]["text"] == "Up from Informal to Managed"
    assert result["criteria"]["e.02"]["text"] == "No change"
    assert result["criteria"]["f.01"] == {
        "previous": "Managed",
        "current": "Not sure yet",
        "text": "Cannot compare",
        "direction": "none",
    }
    assert result["elements"]["e"]["text"] == "No change"  # lowest of its criteria, both years
    state["ratings"]["e.02"] = {"level": "foundational"}
    assert engine(f"C.compare(S, {json.dumps(state)}).elements.e.text") == "Up from Informal to Foundational"


def test_open_actions_carry_over_once(engine):
    state = {
        "plan": [{"focusArea": "A", "recommendation": "kept"}],
        "previous": {
            "label": "Last year",
            "ratings": {},
            "plan": [
                {"focusArea": "A", "recommendation": "kept", "status": "in-progress"},
                {"focusArea": "B", "recommendation": "open", "status": "deferred"},
                {"focusArea": "C", "recommendation": "finished", "status": "done"},
                {"focusArea": "D", "recommendation": "skipped", "status": "no-action"},
            ],
        },
    }
    rows = engine(f"C.openActions({json.dumps(state)})")
    assert [(row["focusArea"], row["status"], row["carriedFrom"]) for row in rows] == [("B", "deferred", "Last year")]


def test_consolidation_shows_agreement_and_disagreement(engine):
    people = [
        {"ratings": {"e.01": {"level": "managed"}, "e.02": {"level": "informal"}}},
        {"ratings": {"e.01": {"level": "managed"}, "e.02": {"level": "foundational"}}},
    ]
    rows = engine(f"C.consolidate(S, {json.dumps(people)})")
    assert rows == [
        {"criterion": "e.01", "ratings": ["managed", "managed"], "agree": True, "unrated": False, "agreed": "managed"},
        {"criterion": "e.02", "ratings": ["informal", "foundational"], "agree": False, "unrated": False, "agreed": ""},
        {"criterion": "f.01", "ratings": ["", ""], "agree": False, "unrated": True, "agreed": ""},
    ]
