"""Taking the self-check away and bringing it back: the two CSV files, the JSON copy, importing with a
question first, and refusing bad files with every problem named in people's words."""

import csv
import io
import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_self_check import (
    CRITERIA,
    ELEMENT_OF,
    RATINGS,
    SECTION_TITLE,
    STATE_KEY,
    add_a_row,
    add_gaps_to_plan,
    count_text,
    fill_plan_row,
    go_to,
    message,
    notes,
    plan_rows,
    plan_values,
    radio,
    rate,
    rate_all,
    saved_state,
    self_check_url,
    stored,
    target_select,
    wait_for_stored,
    write_note,
)

pytestmark = pytest.mark.browser

BOM = b"\xef\xbb\xbf"
RATINGS_HEADER = [
    "Section",
    "Element",
    "Element level",
    "Criterion ID",
    "Criterion",
    "Rating",
    "Notes",
    "Element achievements",
    "Element challenges",
    "Element areas of future focus",
    "Agency",
    "Assessment period",
    "Assessed by",
]
PLAN_HEADER = [
    "Focus area",
    "Recommendation",
    "Action number",
    "Planned action",
    "Owner",
    "Resources",
    "Target date",
    "Status",
    "Reason for no action",
    "Agency",
    "Assessment period",
    "Assessed by",
]
NOTES = {
    "element-treaty-partner.01": 'Kōrero with iwi, "early days", and more to do',
    "element-capability.01": "-1 for training: ad hoc\nSecond line of the note",
}
GAP = "element-capability.01"  # the only gap once the target is Foundational


def import_error(page: Page):
    return page.locator("#sc-import-error")


def error_summary(page: Page):
    return page.get_by_role("alert").locator(".dpup-selfcheck__errors")


def import_file(page: Page, name: str, content: bytes) -> None:
    go_to(page, "Save and print")
    page.get_by_label("Continue from a downloaded file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content}
    )


def download(page: Page, button: str):
    go_to(page, "Save and print")
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def fill_in_a_full_self_check(page: Page) -> None:
    """All 14 rated, two notes, target Foundational, and a plan of three rows with 2, 1 and 0 actions."""
    rate_all(page)
    for criterion_id, text in NOTES.items():
        write_note(page, criterion_id, text)
    go_to(page, "Results and next steps")
    target_select(page).select_option(label="Foundational")
    add_gaps_to_plan(page)
    expect(plan_rows(page)).to_have_count(1)
    fill_plan_row(
        plan_rows(page).nth(0),
        actions='Set up induction training\n=HYPERLINK("http://x")',
        owner="Privacy officer",
        resources="0.2 FTE",
        due="2025-06-30",
        status="In progress",
    )
    add_a_row(page)
    fill_plan_row(
        plan_rows(page).nth(1),
        focus="Privacy culture",
        recommendation="Hold a privacy week.",
        actions="Book a speaker",
        owner="@comms team",
        due="2025-09-01",
        status="Done",
    )
    add_a_row(page)
    fill_plan_row(plan_rows(page).nth(2), focus="Later", recommendation="Review next year.", status="No action planned")
    plan_rows(page).nth(2).get_by_label("Reason for no action").fill("+ budget not approved")
    wait_for_stored(page, STATE_KEY, "budget not approved")


def gap_recommendation() -> str:
    return (
        "Raise “Providing privacy training” from Informal to Foundational, "
        "as the Foundational description for this criterion sets out."
    )


def read_csv(file) -> list[list[str]]:
    raw = file.path().read_bytes()
    assert raw.startswith(BOM)
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_ratings_and_plan_are_two_csv_files_with_formulas_neutralised(page: Page, site_url):
    page.goto(self_check_url(site_url))
    fill_in_a_full_self_check(page)
    # The GCPO's comments on the gap's element go with each of its criteria.
    go_to(page, ELEMENT_OF[GAP]["title"])
    page.get_by_label("Achievements", exact=True).filter(visible=True).fill("A privacy week for 200 staff")
    page.get_by_label("Challenges", exact=True).filter(visible=True).fill("-staff turnover")
    ratings_file = download(page, "Download ratings (CSV)")
    assert re.fullmatch(r"dpup-self-check-ratings-\d{4}-\d{2}-\d{2}\.csv", ratings_file.suggested_filename)
    rows = read_csv(ratings_file)
    assert rows[0] == RATINGS_HEADER
    assert len(rows) == 1 + len(CRITERIA)  # one table only
    for row, criterion in zip(rows[1:], CRITERIA, strict=False):
        assert row[0] == SECTION_TITLE
        assert row[1] == ELEMENT_OF[criterion["id"]]["title"]
        assert row[3] == criterion["id"] and row[4] == criterion["title"]
        assert row[5].lower() == RATINGS[criterion["id"]], row
    assert rows[1 + [c["id"] for c in CRITERIA].index(GAP)][6] == "'" + NOTES[GAP]  # starts with "-"
    for row, criterion in zip(rows[1:], CRITERIA, strict=False):
        same_element = ELEMENT_OF[criterion["id"]] is ELEMENT_OF[GAP]
        assert row[7:10] == (
            ["A privacy week for 200 staff", "'-staff turnover", ""] if same_element else ["", "", ""]
        ), row
    assert (
        rows[1 + [c["id"] for c in CRITERIA].index("element-treaty-partner.01")][6]
        == NOTES["element-treaty-partner.01"]
    )

    plan = read_csv(download(page, "Download plan (CSV)"))
    assert plan[0] == PLAN_HEADER
    gap_focus = ELEMENT_OF[GAP]["title"]
    assert plan[1] == [
        gap_focus,
        gap_recommendation(),
        "1",
        "Set up induction training",
        "Privacy officer",
        "0.2 FTE",
        "2025-06-30",
        "In progress",
        "",
        "",
        "",
        "",
    ]
    assert plan[2][2:4] == ["2", '\'=HYPERLINK("http://x")']
    assert plan[3][:5] == ["Privacy culture", "Hold a privacy week.", "3", "Book a speaker", "'@comms team"]
    assert plan[3][7] == "Done"
    assert plan[4][:4] == ["Later", "Review next year.", "", ""]
    assert plan[4][7:9] == ["No action planned", "'+ budget not approved"]
    go_to(page, "Save and print")
    expect(message(page, "save")).to_contain_text("Downloaded dpup-self-check-plan-")


def test_the_json_copy_follows_the_documented_format(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.get_by_label("Agency", exact=True).fill("Ministry of Examples")
    fill_in_a_full_self_check(page)
    file = download(page, "Download a copy (JSON)")
    data = json.loads(file.path().read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("dpup-self-check", 3)
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", data["exported"])
    assert data["about"]["agency"] == "Ministry of Examples"
    assert data["target"] == "foundational"
    assert {cid: entry["level"] for cid, entry in data["ratings"].items()} == RATINGS
    assert [row["actions"] for row in data["plan"]] == [
        ["Set up induction training", '=HYPERLINK("http://x")'],
        ["Book a speaker"],
        [],
    ]
    assert data["plan"][0]["criterion"] == GAP
    assert data["plan"][0]["recommendation"] == gap_recommendation()
    assert data["plan"][2]["reason"] == "+ budget not approved"
    assert "previous" not in data
    # The last download is remembered and shown.
    expect(page.locator(".dpup-selfcheck__saved")).to_contain_text(re.compile(r"Last downloaded copy: \d"))


def test_a_json_copy_imports_into_a_fresh_browser(page: Page, browser: Browser, site_url):
    page.goto(self_check_url(site_url))
    fill_in_a_full_self_check(page)
    go_to(page, "Improvement plan")
    before_plan = plan_values(page)
    exported = download(page, "Download a copy (JSON)").path().read_bytes()
    context = browser.new_context()
    try:
        fresh = context.new_page()
        fresh.goto(self_check_url(site_url))
        assert stored(fresh) == {}
        import_file(fresh, "dpup-self-check.json", exported)  # nothing to lose: no question
        expect(message(fresh, "import")).to_have_text("Imported 14 ratings and 3 plan rows from dpup-self-check.json.")
        expect(count_text(fresh)).to_have_text("14 of 14 criteria rated")
        for criterion_id, text in NOTES.items():
            expect(notes(fresh, criterion_id)).to_have_value(text)
        go_to(fresh, "Improvement plan")
        assert plan_values(fresh) == before_plan
        fresh.reload()
        expect(radio(fresh, "element-capability.01", "informal")).to_be_checked()
        assert saved_state(fresh)["target"] == "foundational"
    finally:
        context.close()


def partial_payload() -> bytes:
    return json.dumps(
        {
            "format": "dpup-self-check",
            "version": 1,
            "exported": "2025-05-01",
            "target": "managed",
            "ratings": {"element-people-centred.01": {"level": "foundational", "note": "Imported note"}},
            "plan": [],
        }
    ).encode("utf-8")


def some_work(page: Page) -> None:
    rate(page, "element-culture.01", "informal")
    write_note(page, "element-culture.01", "Old note")
    add_a_row(page)
    fill_plan_row(plan_rows(page).first, focus="Old focus", recommendation="Old recommendation")
    wait_for_stored(page, STATE_KEY, "Old recommendation")


def test_importing_over_work_says_what_changes_and_a_no_keeps_everything(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    before = stored(page)
    import_file(page, "partial.json", partial_payload())
    dialog = page.get_by_role("dialog", name="Replace your answers with this file?")
    expect(dialog).to_contain_text("2 of 14 ratings and 2 notes would change; the plan would go from 1 to 0 rows.")
    expect(dialog.get_by_role("button", name="Keep my answers")).to_be_focused()
    dialog.get_by_role("button", name="Keep my answers").click()
    expect(dialog).to_be_hidden()
    expect(message(page, "import")).to_have_text("Nothing imported; your answers are unchanged.")
    assert stored(page) == before
    # Escape is a no too.
    import_file(page, "partial.json", partial_payload())
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert stored(page) == before
    expect(radio(page, "element-culture.01", "informal")).to_be_checked()


def test_an_import_replaces_the_answers_and_can_be_undone(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    before = saved_state(page)
    import_file(page, "partial.json", partial_payload())
    page.get_by_role("dialog").get_by_role("button", name="Replace my answers").click()
    expect(message(page, "import")).to_have_text("Imported 1 rating and 0 plan rows from partial.json.")
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    expect(radio(page, "element-people-centred.01", "foundational")).to_be_checked()
    expect(notes(page, "element-culture.01")).to_have_value("")
    go_to(page, "Save and print")
    page.get_by_role("button", name="Undo the import").click()
    expect(message(page, "clear")).to_have_text("Your answers are back as they were before the import.")
    expect(radio(page, "element-culture.01", "informal")).to_be_checked()
    expect(notes(page, "element-culture.01")).to_have_value("Old note")
    after = saved_state(page)
    assert after["ratings"] == before["ratings"] and after["plan"] == before["plan"]


def valid_payload() -> dict:
    return {
        "format": "dpup-self-check",
        "version": 2,
        "exported": "2025-05-01",
        "target": "managed",
        "ratings": {c["id"]: {"level": "managed", "note": ""} for c in CRITERIA},
        "plan": [],
    }


def with_changes(**changes) -> bytes:
    return json.dumps(valid_payload() | changes).encode("utf-8")


BAD_FILES = [
    pytest.param(b"{not json", ["The file is not a JSON file."], id="malformed"),
    pytest.param(b'{"format": "something-else"}', ["The file is not a DPUP self-check file."], id="foreign-format"),
    pytest.param(with_changes(version=99), ["The file is version 99 of the self-check format"], id="wrong-version"),
    pytest.param(
        with_changes(
            ratings={"element-people-centred.01": {"level": "managd"}, "element-culture.02": {"level": "constructor"}}
        ),
        [
            "Criterion “Having a people-centred privacy programme” (Take a people-centred approach, Criteria 1): "
            "the rating “managd” is not one of Informal, Foundational, Managed, Not sure yet.",
            "Criterion “Communicating privacy values and aspirations”",
        ],
        id="unknown-levels-all-named",
    ),
    pytest.param(
        with_changes(plan=[{"status": "constructor"}, {"due": "31/12/2025"}, {"status": "__proto__"}]),
        [
            "Plan row 1: the status “constructor” is not one of Not started",
            "Plan row 2: the target date “31/12/2025” is not a date written as YYYY-MM-DD.",
            "Plan row 3: the status “__proto__”",
        ],
        id="plan-values-outside-the-lists",
    ),
]


@pytest.mark.parametrize(("content", "problems"), BAD_FILES)
def test_a_bad_file_is_refused_with_every_problem_and_changes_nothing(page: Page, site_url, content, problems):
    page.goto(self_check_url(site_url))
    some_work(page)
    before = stored(page)
    import_file(page, "bad.json", content)
    summary = error_summary(page)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link").first).to_have_text(
        "bad.json could not be imported; your answers are unchanged."
    )
    for problem in problems:
        expect(summary.get_by_role("link").filter(has_text=problem)).to_have_count(1)
        expect(import_error(page)).to_contain_text(problem)
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert stored(page) == before
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Continue from a downloaded file")).to_be_focused()


def test_prototype_ids_in_a_file_are_unknown_criteria_not_object_properties(page: Page, site_url):
    page.goto(self_check_url(site_url))
    payload = valid_payload()
    content = json.dumps(payload)[:-1] + ', "elements": {"__proto__": {"achievements": "x"}}}'
    content = content.replace(
        '"ratings": {', '"ratings": {"__proto__": {"level": "managed"}, "constructor": {"level": "managed"}, '
    )
    import_file(page, "proto.json", content.encode("utf-8"))
    expect(message(page, "import")).to_contain_text("Skipped 2 ratings for criteria this site does not have.")
    assert page.evaluate("() => ({}).level === undefined && Object.prototype.achievements === undefined")
    assert set(saved_state(page)["ratings"]) == {c["id"] for c in CRITERIA}


def test_print_builds_the_report_and_opens_the_print_dialog(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    go_to(page, "Save and print")
    page.get_by_role("button", name="Print the report or save it as PDF").click()
    page.wait_for_function("window.__printed === 1", timeout=5000)
    expect(page.locator(".dpup-report")).to_contain_text("Privacy maturity self-assessment")
