"""Taking the self-check away and bringing it back: the CSV and JSON downloads, importing, and refusing bad files."""

import csv
import io
import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from test_self_check import (
    CRITERIA, ELEMENT_OF, RATINGS, SECTION_TITLE, add_a_row, add_gaps_to_plan, count_text,
    fill_plan_row, notes, plan_field, plan_rows, plan_values, radio, rate, rate_all, self_check_url, status,
    stored, target_select, wait_for_stored, write_note,
)

pytestmark = pytest.mark.browser

BOM = b"\xef\xbb\xbf"
RATINGS_HEADER = ["Section", "Element", "Criterion ID", "Criterion", "Rating", "Notes"]
PLAN_HEADER = ["Focus area", "Recommendation", "Action number", "Planned action", "Owner", "Due date", "Status"]
NOTES = {
    "element-treaty-partner.01": 'Kōrero with iwi, "early days", and more to do',
    "element-capability.01": "Training is ad hoc\nSecond line of the note",
}
GAP = "element-capability.01"  # the only gap once the target is Foundational


def import_error(page: Page):
    return page.locator('.dpup-selfcheck__import-error[role="alert"]')


def import_file(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("Import a JSON file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content})


def download(page: Page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def fill_in_a_full_self_check(page: Page) -> None:
    """All 14 rated, two notes, target Foundational, and a plan of three rows with 2, 1 and 0 actions."""
    rate_all(page)
    for criterion_id, text in NOTES.items():
        write_note(page, criterion_id, text)
    target_select(page).select_option(label="Foundational")
    add_gaps_to_plan(page)
    expect(plan_rows(page)).to_have_count(1)
    fill_plan_row(plan_rows(page).nth(0), actions="Set up induction training\nTrain contractors too",
                  owner="Privacy officer", due="2025-06-30", status="In progress")
    add_a_row(page)
    fill_plan_row(plan_rows(page).nth(1), focus="Privacy culture", recommendation="Hold a privacy week",
                  actions="Book a speaker", owner="Comms team", due="2025-09-01", status="Done")
    add_a_row(page)
    fill_plan_row(plan_rows(page).nth(2), focus="Later", recommendation="Review next year")
    wait_for_stored(page, "dpup.selfcheck.plan", "Review next year")


def expected_gap_recommendation() -> str:
    return "Move Providing privacy training from Informal to Foundational"


def test_the_csv_has_a_bom_every_criterion_and_numbered_plan_actions(page: Page, site_url):
    page.goto(self_check_url(site_url))
    fill_in_a_full_self_check(page)
    file = download(page, "Download CSV")
    assert file.suggested_filename == "dpup-self-check.csv"
    raw = file.path().read_bytes()
    assert raw.startswith(BOM)
    text = raw.decode("utf-8-sig")
    assert "Identifying Māori interests" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))

    assert rows[0] == RATINGS_HEADER
    ratings = rows[1:15]
    assert [row[2] for row in ratings] == [c["id"] for c in CRITERIA]
    for row, criterion in zip(ratings, CRITERIA):
        assert row[0] == SECTION_TITLE
        assert row[1] == ELEMENT_OF[criterion["id"]]["title"]
        assert row[3] == criterion["title"]
        assert row[4].lower() == RATINGS[criterion["id"]], row
        assert row[5] == NOTES.get(criterion["id"], ""), row
    assert not any(rows[15]), f"expected an empty line after the ratings, got {rows[15]}"

    assert rows[16] == PLAN_HEADER
    plan = [row for row in rows[17:] if any(row)]
    assert len(plan) == 4, plan
    gap_focus = ELEMENT_OF[GAP]["title"]
    assert plan[0][:6] == [gap_focus, expected_gap_recommendation(), "1", "Set up induction training",
                           "Privacy officer", "2025-06-30"]
    assert plan[1][:6] == [gap_focus, expected_gap_recommendation(), "2", "Train contractors too",
                           "Privacy officer", "2025-06-30"]
    assert plan[2][:6] == ["Privacy culture", "Hold a privacy week", "3", "Book a speaker", "Comms team", "2025-09-01"]
    assert plan[0][6].lower().replace(" ", "-") == "in-progress"
    assert plan[2][6].lower() == "done"
    assert plan[3][0:2] == ["Later", "Review next year"]
    assert plan[3][3] == ""


def test_the_json_export_follows_the_documented_format(page: Page, site_url):
    page.goto(self_check_url(site_url))
    fill_in_a_full_self_check(page)
    file = download(page, "Download JSON")
    assert file.suggested_filename == "dpup-self-check.json"
    data = json.loads(file.path().read_text(encoding="utf-8"))
    assert data["format"] == "dpup-self-check"
    assert data["version"] == 1
    assert re.match(r"^\d{4}-\d{2}-\d{2}", data["exported"])
    assert data["target"] == "foundational"
    assert {cid: entry["level"] for cid, entry in data["ratings"].items()} == RATINGS
    for criterion_id, text in NOTES.items():
        assert data["ratings"][criterion_id]["note"] == text
    assert [row["actions"] for row in data["plan"]] == [
        ["Set up induction training", "Train contractors too"], ["Book a speaker"], []]
    assert data["plan"][0]["criterion"] == GAP
    assert data["plan"][0]["recommendation"] == expected_gap_recommendation()
    assert data["plan"][1]["status"] == "done"
    assert data["plan"][1]["due"] == "2025-09-01"
    assert data["plan"][1]["criterion"] == ""


def test_a_json_export_imports_into_a_fresh_browser(page: Page, browser: Browser, site_url):
    page.goto(self_check_url(site_url))
    fill_in_a_full_self_check(page)
    before_plan = plan_values(page)
    exported = download(page, "Download JSON").path().read_bytes()

    context = browser.new_context()
    try:
        fresh = context.new_page()
        fresh.goto(self_check_url(site_url))
        assert stored(fresh) == {}
        expect(count_text(fresh)).to_contain_text("0 of 14 criteria rated")
        import_file(fresh, "dpup-self-check.json", exported)
        expect(status(fresh)).to_contain_text("Imported 14 ratings from the file.")
        expect(count_text(fresh)).to_contain_text("14 of 14 criteria rated")
        for criterion_id, level in RATINGS.items():
            expect(radio(fresh, criterion_id, level)).to_be_checked()
        for criterion_id, text in NOTES.items():
            expect(notes(fresh, criterion_id)).to_have_value(text)
        expect(target_select(fresh).locator("option:checked")).to_have_text("Foundational")
        expect(plan_rows(fresh)).to_have_count(3)
        assert plan_values(fresh) == before_plan
        expect(plan_field(plan_rows(fresh).nth(1), "Status").locator("option:checked")).to_have_text("Done")
        expect(fresh.locator(".dpup-selfcheck__import-error:visible", has_text="could not")).to_have_count(0)

        saved = stored(fresh)
        assert json.loads(saved["dpup.selfcheck.element-treaty-partner.01"]) == {
            "level": "managed", "note": NOTES["element-treaty-partner.01"]}
        assert saved["dpup.selfcheck.target"] in ("foundational", '"foundational"')
        assert len(json.loads(saved["dpup.selfcheck.plan"])) == 3

        fresh.reload()
        expect(radio(fresh, "element-capability.01", "informal")).to_be_checked()
        expect(plan_rows(fresh)).to_have_count(3)
    finally:
        context.close()


def test_importing_replaces_the_current_answers(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "informal")
    write_note(page, "element-culture.01", "Old note")
    add_a_row(page)
    fill_plan_row(plan_rows(page).first, focus="Old focus", recommendation="Old recommendation")
    payload = {
        "format": "dpup-self-check", "version": 1, "exported": "2025-05-01", "target": "managed",
        "ratings": {"element-people-centred.01": {"level": "foundational", "note": "Imported note"}},
        "plan": [],
    }
    import_file(page, "partial.json", json.dumps(payload).encode("utf-8"))
    expect(status(page)).to_contain_text(re.compile(r"Imported 1 ratings? from the file\."))
    expect(radio(page, "element-people-centred.01", "foundational")).to_be_checked()
    expect(notes(page, "element-people-centred.01")).to_have_value("Imported note")
    expect(radio(page, "element-culture.01", "informal")).not_to_be_checked()
    expect(notes(page, "element-culture.01")).to_have_value("")
    expect(plan_rows(page)).to_have_count(0)
    expect(count_text(page)).to_contain_text("1 of 14 criteria rated")


def valid_payload() -> dict:
    return {
        "format": "dpup-self-check", "version": 1, "exported": "2025-05-01", "target": "managed",
        "ratings": {c["id"]: {"level": "managed", "note": ""} for c in CRITERIA},
        "plan": [],
    }


def with_changes(**changes) -> bytes:
    return json.dumps(valid_payload() | changes).encode("utf-8")


BAD_FILES = [
    pytest.param(b"{not json", id="malformed"),
    pytest.param(b'{"format": "something-else"}', id="foreign-format"),
    pytest.param(with_changes(ratings={"element-people-centred.01": {"level": "managd", "note": ""}}),
                 id="unknown-level"),
    pytest.param(with_changes(version=99), id="wrong-version"),
]


@pytest.mark.parametrize("content", BAD_FILES)
def test_a_bad_file_is_refused_and_changes_nothing(page: Page, site_url, content):
    page.goto(self_check_url(site_url))
    rate(page, "element-people-centred.01", "foundational")
    rate(page, "element-culture.02", "informal")
    write_note(page, "element-culture.02", "Keep this note")
    target_select(page).select_option(label="Foundational")
    add_gaps_to_plan(page)
    wait_for_stored(page, "dpup.selfcheck.element-culture.02", "Keep this note")
    before = stored(page)
    before_plan = plan_values(page)

    import_file(page, "bad.json", content)
    expect(import_error(page)).to_have_text(re.compile(r"^\s*That file could not be imported:"))
    expect(import_error(page)).to_be_visible()
    expect(radio(page, "element-people-centred.01", "foundational")).to_be_checked()
    expect(radio(page, "element-culture.02", "informal")).to_be_checked()
    expect(notes(page, "element-culture.02")).to_have_value("Keep this note")
    expect(target_select(page).locator("option:checked")).to_have_text("Foundational")
    expect(count_text(page)).to_contain_text("2 of 14 criteria rated")
    assert plan_values(page) == before_plan
    assert stored(page) == before
    expect(status(page)).not_to_contain_text("Imported")


def test_print_calls_the_browsers_print_dialog(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("window.__printed === 1", timeout=5000)
