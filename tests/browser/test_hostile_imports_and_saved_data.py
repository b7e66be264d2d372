"""Hostile browser-side inputs, as an attacker or a damaged disk would give them: imported files with
HTML, prototype keys and wrong types, huge files, corrupt or hostile saved state for the self-check,
the quiz, the trainer and the checklists. Each is refused with a plain message (stored answers
byte-identical) or handled sanely; nothing from a file or from storage runs as code."""

import json

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Page, expect
from test_checklists import checklist_items, checklist_url, item, note, summary
from test_self_check import (
    ELEMENTS,
    RATINGS,
    STATE_KEY,
    count_text,
    go_to,
    message,
    plan_rows,
    rate,
    saved_state,
    self_check_url,
    stored,
    wait_for_stored,
)
from test_self_check_export import error_summary, import_error, import_file
from test_self_check_report import assessment, load

pytestmark = pytest.mark.browser

# HTML, an event handler, a script and template syntax: shown as text everywhere, never run.
HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>{{7*7}}<b>bold</b>'
TO_STRING = {"toString": 1, "valueOf": 1}  # String() of this throws a TypeError


class Watch:
    """Every dialog the page opens, every uncaught error (including rejected promises) and every
    error logged to the console (widgets.js logs a widget that failed to start)."""

    def __init__(self, page: Page, ignore: tuple[str, ...] = ()):
        self.page, self.dialogs, self.errors = page, [], []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.note(str(error), ignore))
        page.on("console", lambda msg: msg.type == "error" and self.note(msg.text, ignore))

    def note(self, text: str, ignore: tuple[str, ...]) -> None:
        if not any(text.startswith(start) for start in ignore):
            self.errors.append(text)

    def assert_nothing_ran(self) -> None:
        injected = self.page.evaluate("""() => ({
            pwned: window.__pwned || null,
            onerror: document.querySelectorAll('img[onerror], [onerror], [onload]').length,
            scripts: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__pwned')).length,
            bold: document.querySelectorAll('[data-dpup-widget] b').length })""")
        assert injected == {"pwned": None, "onerror": 0, "scripts": 0, "bold": 0}
        assert self.dialogs == []
        assert self.errors == []


def hostile_assessment(assessor: str = HOSTILE) -> dict:
    data = assessment(RATINGS, assessor=assessor, rows=2)
    data["about"] |= {"agency": HOSTILE, "period": HOSTILE}
    data["ratings"] = {cid: {"level": level, "note": HOSTILE} for cid, level in RATINGS.items()}
    data["elements"] = {e["id"]: {"achievements": HOSTILE, "challenges": HOSTILE, "focus": HOSTILE} for e in ELEMENTS}
    for row in data["plan"]:
        row |= {
            "focusArea": HOSTILE,
            "recommendation": HOSTILE,
            "actions": [HOSTILE],
            "owner": HOSTILE,
            "resources": HOSTILE,
            "reason": HOSTILE,
            "status": "in-progress",
        }
    return data


def raw_state(page: Page):
    return page.evaluate("() => localStorage.getItem('dpup.selfcheck.state')")


def some_work(page: Page) -> None:
    rate(page, "element-culture.01", "managed")
    wait_for_stored(page, STATE_KEY, "managed")


# --- the self-check: imported files -----------------------------------------------------------------


def test_html_in_every_text_field_shows_as_text_in_the_form_report_comparison_and_colleagues(page: Page, site_url):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    import_file(page, "hostile.json", json.dumps(hostile_assessment()).encode("utf-8"))
    expect(message(page, "import")).to_contain_text("Imported 14 ratings and 2 plan rows")
    go_to(page, "Last year and colleagues")
    page.get_by_label("Name for last year’s assessment").fill(HOSTILE)
    last_year = hostile_assessment()
    for row in last_year["plan"]:
        row["focusArea"] += " (last year)"
    load(page, "Load last year’s file", [("last.json", last_year)])
    expect(message(page, "previous")).to_contain_text("Comparing with " + HOSTILE)
    load(page, "Load colleagues’ files", [("ben.json", hostile_assessment(HOSTILE + " Ben"))])
    consolidation = page.locator(".dpup-selfcheck__consolidation")
    expect(consolidation.get_by_role("columnheader", name=HOSTILE + " Ben")).to_have_count(1)
    go_to(page, "Improvement plan")
    page.get_by_role("button", name="Carry over last year’s open actions").click()
    expect(plan_rows(page)).to_have_count(4)
    expect(plan_rows(page).nth(3)).to_contain_text("Carried over from " + HOSTILE)
    page.evaluate("() => { window.print = () => {}; }")
    go_to(page, "Save and print")
    page.get_by_role("button", name="Print the report or save it as PDF").click()
    report = page.locator(".dpup-report")
    # The report is for paper (hidden on screen, so no roles here): found by its markup and text.
    expect(report.locator("h2")).to_have_text("Privacy maturity self-assessment: " + HOSTILE)
    expect(report.locator("dd", has_text=HOSTILE)).not_to_have_count(0)
    expect(report.locator(".dpup-report__note", has_text=HOSTILE)).to_have_count(14)
    expect(report.locator(".dpup-report__plan-table li", has_text=HOSTILE)).to_have_count(4)
    expect(report.locator("th", has_text=HOSTILE)).not_to_have_count(0)  # last year's column
    watch.assert_nothing_ran()


def file_with(**fields) -> bytes:
    return json.dumps({"format": "dpup-self-check", "version": 2, "ratings": {}, "plan": []} | fields).encode("utf-8")


REFUSED = [
    pytest.param(
        file_with(ratings={"element-culture.01": {"level": TO_STRING}}),
        "Criterion “Creating a privacy culture”",
        id="level-with-toString",
    ),
    pytest.param(
        file_with(version=TO_STRING),
        "of the self-check format; this page reads versions 1, 2 and 3",
        id="version-with-toString",
    ),
    pytest.param(file_with(target=TO_STRING), "The target level", id="target-with-toString"),
    pytest.param(file_with(plan=[{"status": TO_STRING}]), "Plan row 1: the status", id="status-with-toString"),
    pytest.param(file_with(plan=[{"due": TO_STRING}]), "Plan row 1: the target date", id="due-with-toString"),
    pytest.param(file_with(plan=[{"due": ["2026-01-01"]}]), "Plan row 1: the target date", id="due-as-a-list"),
    pytest.param(
        file_with(ratings={"element-culture.01": {"level": "managed", "note": 5}}),
        "the note is not text",
        id="note-as-a-number",
    ),
    pytest.param(
        file_with(ratings={"element-culture.01": {"level": ["managed"]}}), "is not one of", id="level-as-a-list"
    ),
    pytest.param(file_with(ratings=None), "The file has no ratings", id="ratings-null"),
    pytest.param(file_with(ratings=[]), "The file has no ratings", id="ratings-a-list"),
    pytest.param(b"null", "The file is not a DPUP self-check file.", id="null"),
    pytest.param(b'"dpup-self-check"', "The file is not a DPUP self-check file.", id="a-string"),
    pytest.param(
        b'{"__proto__": {"format": "dpup-self-check"}, "version": 2, "ratings": {}}',
        "The file is not a DPUP self-check file.",
        id="format-only-in-__proto__",
    ),
    pytest.param(
        b"Section,Element\n=cmd|' /C calc'!A0,x\n", "This is a CSV file, made for spreadsheets", id="a-csv-file"
    ),
    pytest.param(file_with(plan=[{}] * 100_000), "The plan has 100000 rows", id="100000-plan-rows"),
]


@pytest.mark.parametrize(("content", "problem"), REFUSED)
def test_a_hostile_file_is_refused_plainly_and_the_stored_answers_stay_byte_identical(
    page: Page, site_url, content, problem
):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    some_work(page)
    before = stored(page)
    import_file(page, "hostile.json", content)
    expect(error_summary(page)).to_be_focused()
    expect(import_error(page)).to_contain_text("hostile.json could not be imported; your answers are unchanged.")
    expect(import_error(page)).to_contain_text(problem)
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert stored(page) == before
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    watch.assert_nothing_ran()


def test_a_comparison_inside_an_imported_file_is_ignored_however_deep(page: Page, site_url):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    deep = b'{"ratings": {}, "previous": ' * 30_000
    content = file_with(ratings={"element-culture.01": {"level": "managed"}}, previous=None).replace(
        b'"previous": null', b'"previous": ' + deep + b"{}" + b"}" * 30_000
    )
    assert len(content) < 1_000_000
    import_file(page, "deep.json", content)
    expect(message(page, "import")).to_contain_text("Imported 1 rating and 0 plan rows")
    assert saved_state(page)["previous"] is None
    watch.assert_nothing_ran()


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(page: Page, site_url, tmp_path):
    watch = Watch(page)
    big = tmp_path / "huge.json"
    with big.open("wb") as out:
        out.write(file_with())
        out.write(b" " * 50_000_000)
    page.goto(self_check_url(site_url))
    some_work(page)
    before = stored(page)
    go_to(page, "Save and print")
    page.get_by_label("Continue from a downloaded file").set_input_files(big)
    expect(import_error(page)).to_contain_text("The file is 50.0 MB; a self-check file is under 30 MB.")
    assert stored(page) == before
    watch.assert_nothing_ran()


def test_wrong_types_in_text_fields_are_read_as_empty_text(page: Page, site_url):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    content = file_with(
        about={"agency": 5, "period": ["x"], "assessor": None, "date": TO_STRING},
        ratings={"element-culture.01": {"level": "managed"}},
        elements={"element-culture": {"achievements": {"a": 1}, "challenges": 7}},
        plan=[{"focusArea": 5, "owner": ["x"], "actions": ["Act", 5, None, {"a": 1}], "reason": TO_STRING}],
    )
    import_file(page, "types.json", content)
    expect(message(page, "import")).to_contain_text("Imported 1 rating and 1 plan row")
    state = saved_state(page)
    assert state["about"] == {"agency": "", "period": "", "assessor": "", "date": ""}
    assert state["elements"]["element-culture"] == {"achievements": "", "challenges": "", "focus": ""}
    assert (
        state["plan"][0]["actions"] == ["Act"]
        and state["plan"][0]["focusArea"] == ""
        and state["plan"][0]["reason"] == ""
    )
    watch.assert_nothing_ran()


def test_last_years_file_with_only_unknown_ids_compares_as_not_rated(page: Page, site_url):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    some_work(page)
    unknown = file_with(
        ratings={"element-gone.01": {"level": "managed"}, "__proto__": {"level": "managed"}},
        plan=[{"focusArea": "Old", "status": "in-progress", "criterion": "element-gone.01"}],
    )
    go_to(page, "Last year and colleagues")
    page.get_by_label("Load last year’s file", exact=True).set_input_files(
        {"name": "2025.json", "mimeType": "application/json", "buffer": unknown}
    )
    expect(message(page, "previous")).to_contain_text("Comparing with Last year (0 ratings, 1 open actions)")
    assert saved_state(page)["previous"]["ratings"] == {}
    go_to(page, "Results and next steps")
    row = page.locator('.dpup-selfcheck__ratings [data-criterion-id="element-culture.01"] .dpup-selfcheck__rating')
    expect(row).to_have_text("Managed (Last year: Not rated; cannot compare)")
    watch.assert_nothing_ran()


def test_the_same_colleagues_file_twice_is_one_colleague(page: Page, site_url):
    watch = Watch(page)
    page.goto(self_check_url(site_url))
    ben = ("ben.json", assessment(RATINGS, "Ben"))
    load(page, "Load colleagues’ files", [ben, ("ben (1).json", assessment(RATINGS, "Ben"))])
    expect(message(page, "colleagues")).to_contain_text(
        "1 file loaded. ben (1).json is the same as a file already loaded (Ben)."
    )
    load(page, "Load colleagues’ files", [ben])
    expect(message(page, "colleagues")).to_contain_text("ben.json is the same as a file already loaded (Ben).")
    table = page.locator(".dpup-selfcheck__consolidation table")
    expect(table.get_by_role("columnheader")).to_have_text(["Criterion", "You", "Ben", "Agreement", "Agreed rating"])
    # The same name with other ratings is another file: told apart, not merged.
    load(
        page,
        "Load colleagues’ files",
        [("ben-2.json", assessment(RATINGS | {"element-culture.01": "informal"}, "Ben"))],
    )
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Criterion", "You", "Ben", "Ben (2)", "Agreement", "Agreed rating"]
    )
    watch.assert_nothing_ran()


@pytest.mark.parametrize(
    "fragment", ["#constructor", "#__proto__", "#%3Cimg%20src=x%20onerror=alert(1)%3E", "#sc-dialog-text"]
)
def test_an_address_naming_no_step_opens_the_start(page: Page, site_url, fragment):
    watch = Watch(page)
    page.goto(self_check_url(site_url) + "?element=__proto__" + fragment)
    expect(page.locator("[data-step]:not([hidden])")).to_have_count(1)
    expect(page.locator("[data-step]:not([hidden]) h2")).to_have_text("Start")
    watch.assert_nothing_ran()


# --- the self-check: what was saved before the page loaded -------------------------------------------

DEEP = '{"ratings": {}, "previous": ' * 30_000 + "{}" + "}" * 30_000
CORRUPT_STATES = [
    pytest.param("{not json", id="not-json"),
    pytest.param("null", id="null"),
    pytest.param("false", id="false"),
    pytest.param('"a string"', id="a-string"),
    pytest.param("[1, 2]", id="a-list"),
    pytest.param(
        json.dumps(
            {
                "ratings": {
                    "__proto__": {"level": "managed"},
                    "constructor": {"level": "managed"},
                    "element-culture.01": {"level": TO_STRING, "note": TO_STRING},
                },
                "plan": [{"due": TO_STRING, "status": TO_STRING, "actions": TO_STRING}, None, 5],
                "about": {"agency": TO_STRING},
                "target": TO_STRING,
                "savedAt": TO_STRING,
                "elements": {"__proto__": {"achievements": "x"}},
            }
        ),
        id="toString-everywhere",
    ),
    pytest.param(
        json.dumps({"plan": "rows", "about": 5, "previous": {"ratings": 5, "label": HOSTILE}, "ratings": []}),
        id="wrong-types",
    ),
    pytest.param(
        json.dumps(
            {
                "plan": [{"id": "__proto__", "at": "x"}, {"id": "a"}, {"id": "a", "at": 1e308}, {"id": "row-3"}, {}],
                "stamps": {"plan/__proto__": 5, "plan/constructor": 9, "plan/a/toString": 1, "plan/a/../b": 2},
            }
        ),
        id="hostile-plan-ids-and-stamps",
    ),
    pytest.param(DEEP, id="30000-deep-previous"),
]


@pytest.mark.parametrize("saved", CORRUPT_STATES)
def test_the_page_loads_and_works_with_corrupt_or_hostile_saved_state(page: Page, site_url, saved):
    watch = Watch(page)
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); "
        f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(saved)}); }}"
    )
    page.goto(self_check_url(site_url))
    expect(count_text(page)).to_have_text("0 of 14 criteria rated")
    rate(page, "element-culture.01", "managed")
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    wait_for_stored(page, STATE_KEY, "managed")
    assert saved_state(page)["ratings"]["element-culture.01"]["level"] == "managed"
    page.reload()
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    assert page.evaluate("() => ({}).level === undefined && Object.prototype.achievements === undefined")
    watch.assert_nothing_ran()


CORRUPT_UNDO = [
    pytest.param("{not json", None, id="not-json"),
    pytest.param(json.dumps({"action": "constructor", "state": {"ratings": {}}}), "Undo", id="action-constructor"),
    pytest.param(json.dumps({"action": HOSTILE, "state": 5}), "Undo", id="hostile-action"),
    pytest.param('{"action": "clear", "state": ' + DEEP + "}", "Undo the clear", id="30000-deep-previous"),
]


@pytest.mark.parametrize(("saved", "button"), CORRUPT_UNDO)
def test_a_corrupt_or_hostile_undo_copy_never_breaks_the_page(page: Page, site_url, saved, button):
    watch = Watch(page)
    state = {"ratings": {"element-culture.01": {"level": "managed", "note": ""}}}
    page.add_init_script(
        f"localStorage.setItem('dpup.selfcheck.undo', {json.dumps(saved)}); "
        f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(json.dumps(state))});"
    )
    page.goto(self_check_url(site_url))
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    go_to(page, "Save and print")
    undo = page.locator("[data-action=undo]")
    if button is None:
        expect(undo).to_be_hidden()
    else:
        expect(undo).to_have_text(button)
        undo.click()
        expect(count_text(page)).to_have_text("0 of 14 criteria rated")
    watch.assert_nothing_ran()


# --- the quiz, the trainer and the checklists --------------------------------------------------------


QUIZ = yaml.safe_load((ROOT / "quiz" / "intro.yml").read_text(encoding="utf-8"))
QUESTION_IDS = [q["id"] for q in sorted(QUIZ["questions"], key=lambda q: q["order"])]


def quiz_saved(choice: str) -> dict:
    return {qid: {"choice": choice, "checked": True, "firstChoice": choice} for qid in QUESTION_IDS}


@pytest.mark.parametrize("choice", ["constructor", "__proto__", "toString", HOSTILE])
def test_the_quiz_works_with_a_hostile_saved_answer(page: Page, site_url, choice):
    watch = Watch(page)
    page.add_init_script(
        "".join(
            f"localStorage.setItem('dpup.quiz.quiz-intro.{qid}', {json.dumps(json.dumps(value))});"
            for qid, value in quiz_saved(choice).items()
        )
    )
    page.goto(site_url + "quiz/intro/")
    questions = page.locator(".dpup-question")
    expect(questions.first.get_by_role("button", name="Check answer")).to_be_visible()
    expect(questions.last.get_by_role("button", name="Check answer")).to_be_visible()
    expect(page.get_by_role("button", name="Clear my answers")).to_be_visible()
    first = questions.first
    first.get_by_role("radio").first.check()
    first.get_by_role("button", name="Check answer").click()
    expect(first.locator(".dpup-question__feedback")).to_contain_text("You chose A.")
    watch.assert_nothing_ran()


def test_the_trainer_reads_hostile_counts_as_none_and_caps_huge_ones(page: Page, site_url):
    watch = Watch(page)
    counts = {"A": -5, "B": 1e308, "C": "7", "D": 2.5, "__proto__": 3, "constructor": 4}
    page.add_init_script(
        "".join(
            f"localStorage.setItem('dpup.trainer.quiz-intro.{qid}', {json.dumps(raw)});"
            for qid, raw in zip(
                list(quiz_saved("A")), [json.dumps(counts), "{not json", "null", '"A"', "[9, 9]", "1e999"], strict=False
            )
        )
    )
    page.goto(site_url + "quiz/intro/trainer/?question=99#question-99")
    expect(page.locator("section.dpup-trainer--active")).to_have_count(1)
    # Counts saved in the old form become the first session, offered on opening.
    page.get_by_role("button", name="Continue that session").click()
    slide = page.locator("section.dpup-slide:not([hidden])")
    expect(slide).to_have_count(1)
    page.keyboard.press("ArrowRight")
    expect(slide).to_contain_text("Question 1 of 6")
    page.keyboard.press("r")
    expect(slide.locator(".dpup-slide__room")).to_contain_text("The room: 9999 hands counted")
    expect(slide.locator('li[data-option="B"] .dpup-tally__text')).to_have_text("9999 hands, 100%")
    page.keyboard.press("ArrowRight")
    expect(slide).to_contain_text("Question 2 of 6")
    expect(slide.locator(".dpup-slide__room")).to_have_text("")
    watch.assert_nothing_ran()


def test_a_checklist_shows_hostile_saved_notes_as_text_and_neutralises_them_in_csv(page: Page, site_url):
    watch = Watch(page)
    tool_id = "tool-transparency-choice-checklist"
    items = checklist_items(tool_id)
    saved = {
        items[0]["id"]: {"answer": "no", "note": "-2+3 " + HOSTILE},
        items[1]["id"]: {"answer": TO_STRING, "note": TO_STRING},
        items[2]["id"]: "a string",
        items[3]["id"]: None,
    }
    page.add_init_script(
        "".join(
            f"localStorage.setItem('dpup.checklist.{iid}', {json.dumps(json.dumps(value))});"
            for iid, value in saved.items()
        )
        + f"localStorage.setItem('dpup.checklist.{items[4]['id']}', '{{bad');"
    )
    page.goto(checklist_url(site_url, tool_id))
    expect(note(page, items[0]["id"])).to_have_value("-2+3 " + HOSTILE)
    expect(note(page, items[1]["id"])).to_have_value("")
    expect(summary(page)).to_contain_text("1 needs attention")
    item(page, items[1]["id"]).get_by_role("radio", name="Yes", exact=True).check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV", exact=True).click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "'-2+3 <img" in text
    watch.assert_nothing_ran()
