"""A year's work is not lost by one click, a full or refusing storage, or a second tab; the quiz and
checklists, which share the same storage code, keep working when saving fails."""

import json
import re

import pytest
from playwright.sync_api import Page, expect
from test_self_check import (
    STATE_KEY,
    add_a_row,
    count_text,
    fill_plan_row,
    go_to,
    message,
    notes,
    plan_field,
    plan_rows,
    radio,
    rate,
    saved_state,
    self_check_url,
    stored,
    wait_for_stored,
    write_note,
)

pytestmark = pytest.mark.browser

# Storage that refuses every write, as in some private modes or when the disk is full.
REFUSING_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
SAVE_WARNING = "Your answers could not be saved in this browser: its storage is full, turned off or in private mode."


def some_work(page: Page) -> None:
    rate(page, "element-culture.01", "managed")
    write_note(page, "element-culture.01", "A year of work")
    add_a_row(page)
    fill_plan_row(plan_rows(page).first, focus="Training", recommendation="Train everyone.")
    wait_for_stored(page, STATE_KEY, "Train everyone.")


def clear_dialog(page: Page):
    return page.get_by_role("dialog", name="Clear all your answers?")


def start_clearing(page: Page) -> None:
    go_to(page, "Save and print")
    page.get_by_role("button", name="Clear my answers").click()


def test_clearing_asks_first_and_a_no_or_escape_loses_nothing(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    before = stored(page)
    start_clearing(page)
    dialog = clear_dialog(page)
    expect(dialog).to_contain_text("This removes 1 rating, every note and comment, the cover details and 1 plan row")
    expect(dialog.get_by_role("button", name="Keep my answers")).to_be_focused()
    dialog.get_by_role("button", name="Keep my answers").click()
    expect(dialog).to_be_hidden()
    expect(message(page, "clear")).to_have_text("Nothing cleared; your answers are unchanged.")
    page.get_by_role("button", name="Clear my answers").click()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert stored(page) == before
    expect(notes(page, "element-culture.01")).to_have_value("A year of work")


def test_clearing_offers_a_download_then_clears_and_can_be_undone(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    before = saved_state(page)
    start_clearing(page)
    with page.expect_download() as download:
        clear_dialog(page).get_by_role("button", name="Download a copy first").click()
    copy = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert copy["ratings"]["element-culture.01"] == {"level": "managed", "note": "A year of work"}
    expect(clear_dialog(page)).to_contain_text("Copy downloaded.")
    clear_dialog(page).get_by_role("button", name="Clear my answers").click()
    expect(message(page, "clear")).to_have_text(
        "Your answers have been cleared. Use “Undo the clear” to bring them back."
    )
    expect(count_text(page)).to_have_text("0 of 14 criteria rated")
    assert saved_state(page)["ratings"] == {}
    # The cleared answers are kept as the undo copy, even across a reload.
    page.reload()
    go_to(page, "Save and print")
    page.get_by_role("button", name="Undo the clear").click()
    expect(message(page, "clear")).to_have_text("Your answers are back as they were before the clear.")
    expect(radio(page, "element-culture.01", "managed")).to_be_checked()
    after = saved_state(page)
    assert (after["ratings"], after["plan"]) == (before["ratings"], before["plan"])


def test_refusing_storage_is_shown_plainly_and_the_form_keeps_working(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    raw_before = page.evaluate("() => localStorage.getItem('dpup.selfcheck.state')")
    page.add_init_script(REFUSING_STORAGE)
    page.reload()
    rate(page, "element-people-centred.01", "informal")
    warning = page.get_by_role("alert").filter(has_text="could not be saved")
    expect(warning).to_contain_text(SAVE_WARNING)
    expect(page.locator(".dpup-selfcheck__saved")).to_contain_text(
        "Not saved: this browser refused to store your latest changes."
    )
    expect(page.get_by_role("button", name="Download a copy now")).to_be_visible()
    # The page still works for this visit.
    expect(count_text(page)).to_have_text("2 of 14 criteria rated")
    go_to(page, "Results and next steps")
    expect(page.locator("ol.dpup-selfcheck__gaps > li")).to_have_count(1)
    assert page.evaluate("() => localStorage.getItem('dpup.selfcheck.state')") == raw_before


def test_an_oversized_save_leaves_the_stored_answers_byte_identical(page: Page, site_url):
    page.goto(self_check_url(site_url))
    some_work(page)
    raw_before = page.evaluate("() => localStorage.getItem('dpup.selfcheck.state')")
    box = notes(page, "element-culture.01")
    # About 12 MB as UTF-16: more than any browser's localStorage quota for one site.
    box.evaluate("""box => { box.value = 'x'.repeat(6 * 1024 * 1024);
        box.dispatchEvent(new Event('input', { bubbles: true })); }""")
    expect(page.get_by_role("alert").filter(has_text="could not be saved")).to_contain_text(SAVE_WARNING)
    assert page.evaluate("() => localStorage.getItem('dpup.selfcheck.state')") == raw_before
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")


def test_two_tabs_take_each_others_changes_instead_of_overwriting_them(page: Page, site_url):
    page.goto(self_check_url(site_url))
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "managed")
    expect(message(other, "sync")).to_have_text("Updated with changes made in another tab or window.")
    expect(count_text(other)).to_have_text("1 of 14 criteria rated")
    rate(other, "element-capability.01", "informal")
    expect(count_text(page)).to_have_text("2 of 14 criteria rated")
    write_note(page, "element-treaty-partner.01", "From the first tab")
    expect(notes(other, "element-treaty-partner.01")).to_have_value("From the first tab")
    ratings = saved_state(page)["ratings"]
    assert ratings["element-culture.01"]["level"] == "managed"
    assert ratings["element-capability.01"]["level"] == "informal"
    other.close()


def test_a_removed_plan_row_goes_back_in_its_place_after_other_changes(page: Page, site_url):
    page.goto(self_check_url(site_url))
    for focus in ("Governance", "Training", "Notices", "Access requests"):
        add_a_row(page)
        fill_plan_row(plan_rows(page).last, focus=focus, actions=f"First step for {focus}\nSecond step")
    wait_for_stored(page, STATE_KEY, "Access requests")
    plan_rows(page).nth(2).get_by_role("button", name="Remove row 3").click()

    def focus_areas():
        return [plan_field(plan_rows(page).nth(i), "Focus area").input_value() for i in range(plan_rows(page).count())]

    expect(plan_rows(page)).to_have_count(3)
    assert focus_areas() == ["Governance", "Training", "Access requests"]
    put_back = page.get_by_role("button", name="Put back row 3 (Notices)")
    expect(put_back).to_be_focused()

    # Another tab saves meanwhile, and a row is added here: the row can still be put back.
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    rate(other, "element-culture.01", "managed")
    expect(message(page, "sync")).to_have_text("Updated with changes made in another tab or window.")
    expect(put_back).to_be_focused()
    other.close()
    add_a_row(page)
    fill_plan_row(plan_rows(page).last, focus="Retention")
    put_back.click()
    expect(plan_rows(page)).to_have_count(5)
    assert focus_areas() == ["Governance", "Training", "Notices", "Access requests", "Retention"]
    expect(message(page, "plan")).to_have_text("Row 3 is back.")
    expect(plan_field(plan_rows(page).nth(2), "Focus area")).to_be_focused()
    page.wait_for_function("() => JSON.parse(localStorage.getItem('dpup.selfcheck.state')).plan.length === 5")
    plan = saved_state(page)["plan"]
    assert plan[2]["focusArea"] == "Notices" and plan[2]["actions"] == ["First step for Notices", "Second step"]
    assert saved_state(page)["ratings"]["element-culture.01"]["level"] == "managed"  # the other tab's rating kept


def test_the_page_asks_for_persistent_storage_and_shows_when_it_saved_and_downloaded(page: Page, site_url):
    # A clock that moves on at every reading, so that no two times the page takes are the same
    # millisecond: the download's time and its save's time were, by luck, most of the time.
    page.add_init_script("""{ const RealDate = Date; let tick = 0;
        window.Date = class extends RealDate { constructor(...args) { args.length ? super(...args) : super(RealDate.now() + ++tick); } };
        Date.now = () => RealDate.now() + ++tick; }""")
    page.add_init_script("""window.__persistCalls = 0;
        navigator.storage.persisted = () => Promise.resolve(false);
        navigator.storage.persist = () => { window.__persistCalls += 1; return Promise.resolve(true); };""")
    page.goto(self_check_url(site_url))
    saved = page.locator(".dpup-selfcheck__saved")
    expect(saved).to_contain_text("Nothing saved in this browser yet. Last downloaded copy: none yet.")
    rate(page, "element-culture.01", "managed")
    rate(page, "element-culture.02", "managed")
    expect(saved).to_contain_text(re.compile(r"Last saved in this browser: \d+ \w+ \d{4}"))
    expect(saved).to_contain_text("Some browsers delete saved data after a week without a visit")
    assert page.evaluate("window.__persistCalls") == 1
    with page.expect_download():
        page.get_by_role("button", name="Download a copy now").click()
    expect(saved).to_contain_text(re.compile(r"Last downloaded copy: \d+ \w+ \d{4}"))
    expect(page.get_by_role("button", name="Download a copy now")).to_be_hidden()


@pytest.mark.parametrize(
    ("path", "act"),
    [
        pytest.param(
            "quiz/intro/",
            lambda page: (
                page.locator('fieldset.dpup-question[data-question-id="quiz-intro.01"]')
                .get_by_role("radio")
                .first.check(),
                page.locator('fieldset.dpup-question[data-question-id="quiz-intro.01"]')
                .get_by_role("button", name="Check answer")
                .click(),
                expect(
                    page.locator('fieldset.dpup-question[data-question-id="quiz-intro.01"] .dpup-question__feedback')
                ).not_to_be_empty(),
            ),
            id="quiz",
        ),
        pytest.param(
            "tools/transparency-choice-checklist/",
            lambda page: (
                page.locator("fieldset.dpup-checklist__item").first.get_by_role("radio", name="No", exact=True).check(),
                expect(page.locator("ul.dpup-checklist__attention > li")).to_have_count(1),
            ),
            id="checklist",
        ),
    ],
)
def test_the_quiz_and_checklists_keep_working_when_saving_fails(page: Page, site_url, path, act):
    page.add_init_script(REFUSING_STORAGE)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site_url + path)
    act(page)
    expect(page.get_by_role("alert").filter(has_text="could not be saved").first).to_contain_text(SAVE_WARNING)
    assert errors == []
