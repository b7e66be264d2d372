"""Never lose saved work (issue 30, items 1 to 10): an undo after later work, an import into nearly
full storage, a person's own downloaded files imported again, saved answers that cannot be read,
an undo in another tab, last year's name, a warning that outlives the problem, messages naming
buttons that are gone, typing before the scripts arrive and the same box typed in two tabs."""

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from storage import stored as stored_with_prefix
from test_checklists import (
    CHECKLIST_IDS,
    checklist_items,
    checklist_url,
    first_prompt_id,
    note,
    purpose_url,
    template_box,
)
from test_early_input import let_go, open_holding
from test_self_check import (
    RATINGS,
    STATE_KEY,
    add_a_row,
    clear_answers,
    count_text,
    fill_plan_row,
    go_to,
    message,
    notes,
    plan_rows,
    radio,
    rate,
    saved_state,
    self_check_url,
    stored,
    wait_for_stored,
    write_note,
)
from test_self_check_export import download, import_file
from test_self_check_plan_tabs import HOLDER, RELEASE_STORAGE_EVENTS
from test_self_check_report import assessment, load

pytestmark = pytest.mark.browser


def self_check_file(ratings: dict, plan: list | None = None, period: str = "") -> bytes:
    return json.dumps(
        {
            "format": "dpup-self-check",
            "version": 3,
            "about": {"agency": "Te Puni Kōkiri", "period": period, "assessor": "Aroha"},
            "ratings": {cid: {"level": level, "note": ""} for cid, level in ratings.items()},
            "plan": plan or [],
        }
    ).encode("utf-8")


LAST_YEAR = {"element-culture.01": "informal", "element-culture.02": "informal", "element-capability.01": "managed"}


def replace_answers(page: Page) -> None:
    page.get_by_role("dialog", name="Replace your answers with this file?").get_by_role(
        "button", name="Replace my answers"
    ).click()


# --- 1. An undo after later work -------------------------------------------------------------------


def test_undo_the_import_after_later_work_asks_first_with_counts_and_keeps_that_work(page: Page, site_url):
    page.goto(self_check_url(site_url))
    import_file(page, "2024-25.json", self_check_file(LAST_YEAR, [{"focusArea": "From last year"}]))
    expect(message(page, "import")).to_contain_text("Imported 3 ratings and 1 plan row")
    # Later work, over two sessions: a rating changed, a new one, a new plan row.
    rate(page, "element-culture.01", "managed")
    rate(page, "element-treaty-partner.01", "foundational")
    page.reload()
    add_a_row(page)
    fill_plan_row(plan_rows(page).last, focus="This year")
    wait_for_stored(page, STATE_KEY, "This year")
    before = stored(page)

    go_to(page, "Save and print")
    page.get_by_role("button", name="Undo the import").click()
    dialog = page.get_by_role("dialog", name="Undo the import?")
    expect(dialog).to_contain_text(
        "Those changes are kept, but this changes or removes 2 ratings, 1 plan row and 2 comments or cover details"
    )
    dialog.get_by_role("button", name="Keep my answers").click()
    expect(message(page, "clear")).to_have_text("Nothing undone; your answers are unchanged.")
    assert stored(page) == before

    page.get_by_role("button", name="Undo the import").click()
    dialog.get_by_role("button", name="Undo the import").click()
    expect(message(page, "clear")).to_have_text(
        "Your answers are back as they were before the import, with what was changed since."
    )
    # The work done since the import is kept; what the import alone brought is gone.
    expect(count_text(page)).to_have_text("2 of 14 criteria rated")
    ratings = saved_state(page)["ratings"]
    assert ratings["element-culture.01"]["level"] == "managed"
    assert ratings["element-treaty-partner.01"]["level"] == "foundational"
    assert "element-capability.01" not in ratings
    assert [row["focusArea"] for row in saved_state(page)["plan"]] == ["This year"]


# --- 2. An import when storage is nearly full ------------------------------------------------------

FILL_STORAGE_LEAVING = """headroom => {
  // The largest filler the quota takes, found by halving, then made smaller by `headroom` characters.
  let low = 0, high = 6000000;
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2);
    try { localStorage.setItem("filler", "x".repeat(middle)); low = middle; }
    catch (error) { localStorage.removeItem("filler"); high = middle; }
  }
  localStorage.setItem("filler", "x".repeat(Math.max(0, low - headroom)));
}"""


def test_an_import_into_nearly_full_storage_changes_nothing_unless_its_undo_copy_is_saved(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "managed")
    year = "A year of evidence: DOC-88812. " * 10_000  # 300,000 characters of notes
    notes(page, "element-culture.01").evaluate(
        "(box, text) => { box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); }", year
    )
    wait_for_stored(page, STATE_KEY, "DOC-88812")
    # Room for the imported file's answers, not for a second copy of this year's.
    page.evaluate(FILL_STORAGE_LEAVING, 50_000)
    raw_before = page.evaluate("key => localStorage.getItem(key)", STATE_KEY)

    import_file(page, "2024-25.json", self_check_file(LAST_YEAR))
    replace_answers(page)
    expect(message(page, "import")).to_have_text(
        "Nothing imported: this browser’s storage is too full to keep the copy that would let you undo it. "
        "Your answers are unchanged and still saved here. Download a copy, then free some space in this browser "
        "(for example by removing other sites’ data) and try again."
    )
    assert page.evaluate("key => localStorage.getItem(key)", STATE_KEY) == raw_before
    expect(page.get_by_role("button", name="Undo the import")).to_have_count(0)
    expect(notes(page, "element-culture.01")).to_have_value(year)
    page.reload()
    expect(radio(page, "element-culture.01", "managed")).to_be_checked()

    # With space again, the same import works and can be undone after a reload.
    page.evaluate("() => localStorage.removeItem('filler')")
    import_file(page, "2024-25.json", self_check_file(LAST_YEAR))
    replace_answers(page)
    expect(message(page, "import")).to_contain_text("Imported 3 ratings and 0 plan rows")
    page.reload()
    go_to(page, "Save and print")
    page.get_by_role("button", name="Undo the import").click()
    expect(notes(page, "element-culture.01")).to_have_value(year)


# --- 3. A person's own downloaded files import again -----------------------------------------------


def import_into_a_fresh_browser(browser: Browser, site_url: str, content: bytes) -> dict:
    context = browser.new_context()
    try:
        fresh = context.new_page()
        fresh.goto(self_check_url(site_url))
        import_file(fresh, "copy.json", content)
        expect(message(fresh, "import")).to_contain_text("Imported")
        expect(fresh.locator("#sc-import-error")).to_be_empty()
        return saved_state(fresh)
    finally:
        context.close()


def test_a_copy_with_fourteen_long_notes_imports_again(page: Page, browser: Browser, site_url):
    page.goto(self_check_url(site_url))
    long_note = "Evidence pasted from the board paper. " * 2_100  # about 80 KB
    page.evaluate(
        """text => document.querySelectorAll('.dpup-selfcheck__criterion textarea').forEach((box, i) => {
            box.value = i + ': ' + text; box.dispatchEvent(new Event('input', { bubbles: true })); })""",
        long_note,
    )
    wait_for_stored(page, STATE_KEY, "13: Evidence")
    content = download(page, "Download a copy (JSON)").path().read_bytes()
    assert len(content) > 1_000_000
    state = import_into_a_fresh_browser(browser, site_url, content)
    assert len(state["ratings"]) == 14
    assert all(rating["note"].endswith(long_note) for rating in state["ratings"].values())


def test_a_plan_stops_at_500_rows_where_rows_are_added_and_a_row_of_150_actions_imports_again(
    page: Page, browser: Browser, site_url
):
    page.goto(self_check_url(site_url))
    rows = [
        {"id": f"r{i}", "at": i, "focusArea": f"Area {i}", "actions": [], "status": "not-started"} for i in range(500)
    ]
    rows[0]["actions"] = [f"Step {i}" for i in range(150)]
    page.evaluate("([key, plan]) => localStorage.setItem(key, JSON.stringify({ plan }))", [STATE_KEY, rows])
    page.reload()
    add_a_row(page)
    expect(message(page, "plan")).to_have_text(
        "No rows added: a plan holds at most 500 rows, and this one has 500. "
        "Remove rows that are done, or keep them in a downloaded copy."
    )
    expect(plan_rows(page)).to_have_count(500)
    content = download(page, "Download a copy (JSON)").path().read_bytes()
    state = import_into_a_fresh_browser(browser, site_url, content)
    assert len(state["plan"]) == 500
    assert state["plan"][0]["actions"] == [f"Step {i}" for i in range(150)]


# --- 4. Saved answers that cannot be read ----------------------------------------------------------

CUT_SHORT = '{"ratings":{"element-culture.01":{"level":"managed","note":"A year of evidence: DOC-88'


@pytest.mark.parametrize(
    ("url", "key", "act"),
    [
        pytest.param(
            self_check_url,
            STATE_KEY,
            lambda page: rate(page, "element-capability.01", "informal"),
            id="self-check",
        ),
        pytest.param(
            lambda site_url: checklist_url(site_url, CHECKLIST_IDS[0]),
            "dpup.checklist." + checklist_items(CHECKLIST_IDS[0])[0]["id"],
            lambda page: note(page, checklist_items(CHECKLIST_IDS[0])[0]["id"]).fill("New note"),
            id="checklist",
        ),
        pytest.param(
            purpose_url,
            "dpup.template." + first_prompt_id("What"),
            lambda page: template_box(page, "What").fill("New words"),
            id="purpose-statement",
        ),
    ],
)
def test_saved_answers_that_cannot_be_read_are_kept_said_and_offered_as_they_are(page: Page, site_url, url, key, act):
    page.goto(url(site_url))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, CUT_SHORT])
    page.reload()
    alert = page.get_by_role("alert").filter(has_text="could not be read")
    expect(alert).to_contain_text("Some answers saved in this browser could not be read")
    act(page)
    page.wait_for_function("key => localStorage.getItem(key) !== " + json.dumps(CUT_SHORT), arg=key)
    assert list(stored_with_prefix(page, "dpup.unreadable." + key + ".").values()) == [CUT_SHORT]
    with page.expect_download() as info:
        alert.get_by_role("button", name="Download the answers that could not be read").click()
    assert info.value.path().read_text(encoding="utf-8") == CUT_SHORT
    # Still said, and still kept, after a reload, until the person removes it.
    page.reload()
    expect(alert).to_contain_text("Some answers saved in this browser could not be read")
    assert list(stored_with_prefix(page, "dpup.unreadable.").values()) == [CUT_SHORT]
    page.once("dialog", lambda dialog: dialog.accept())
    alert.get_by_role("button", name="Remove them from this browser").click()
    expect(alert).to_have_count(0)
    assert stored_with_prefix(page, "dpup.unreadable.") == {}
    page.reload()
    expect(page.locator("[data-dpup-ready]").first).to_be_attached()
    expect(alert).to_have_count(0)


# --- 5. Undo the clear in another tab --------------------------------------------------------------


def test_undo_the_clear_in_another_tab_keeps_a_note_typed_since(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "managed")
    write_note(page, "element-culture.01", "Before the clear")
    wait_for_stored(page, STATE_KEY, "Before the clear")
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    clear_answers(other)
    expect(count_text(page)).to_have_text("0 of 14 criteria rated")
    write_note(page, "element-capability.01", "Typed after the clear")
    expect(notes(other, "element-capability.01")).to_have_value("Typed after the clear")
    go_to(other, "Save and print")
    other.get_by_role("button", name="Undo the clear").click()
    for tab in (page, other):
        expect(notes(tab, "element-capability.01")).to_have_value("Typed after the clear")
        expect(notes(tab, "element-culture.01")).to_have_value("Before the clear")
    other.close()


# --- 6. Last year's name ---------------------------------------------------------------------------


def test_last_years_name_is_the_files_period_and_is_saved_as_it_is_typed(page: Page, site_url):
    page.goto(self_check_url(site_url))
    go_to(page, "Last year and colleagues")
    page.get_by_role("button", name="Load last year’s file", exact=True).set_input_files(
        {"name": "last.json", "mimeType": "application/json", "buffer": self_check_file(LAST_YEAR, period="2024/25")}
    )
    expect(message(page, "previous")).to_contain_text("Comparing with 2024/25 (3 ratings")
    name_box = page.get_by_label("Name for last year’s assessment")
    expect(name_box).to_have_value("2024/25")
    name_box.fill("2024/25 return")
    expect(name_box).to_be_focused()
    wait_for_stored(page, STATE_KEY, '"label":"2024/25 return"')  # saved while the box still has the focus
    page.reload()
    go_to(page, "Last year and colleagues")
    expect(page.get_by_label("Name for last year’s assessment")).to_have_value("2024/25 return")


# --- 7. A storage-full warning that outlives the problem -------------------------------------------

SWITCHABLE_STORAGE = """{ const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (...args) {
    if (window.__storageFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.apply(this, args);
  }; }"""


def test_the_storage_full_warning_goes_once_saving_works_again(page: Page, site_url):
    page.add_init_script(SWITCHABLE_STORAGE)
    page.goto(self_check_url(site_url))
    page.evaluate("window.__storageFull = true")
    rate(page, "element-culture.01", "managed")
    warning = page.get_by_role("alert").filter(has_text="could not be saved")
    expect(warning).to_contain_text("what you enter now will be lost")
    page.evaluate("window.__storageFull = false")
    rate(page, "element-culture.02", "managed")
    expect(page.locator(".dpup-save-warning")).to_be_hidden()
    expect(page.locator(".dpup-selfcheck__saved")).not_to_contain_text("Not saved")
    assert len(saved_state(page)["ratings"]) == 2


# --- 8. Messages name only buttons that are on the page --------------------------------------------


def expect_named_buttons_shown(page: Page) -> None:
    for name in ("sync", "import", "clear", "plan", "previous", "save"):
        text = message(page, name).text_content() or ""
        for quoted in re.findall(r"“((?:Undo|Redo|Put back)[^”]*)”", text):
            expect(page.get_by_role("button", name=quoted, exact=True)).to_be_visible()


def test_after_a_clear_and_an_import_the_messages_name_the_undo_button_shown(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "managed")
    clear_answers(page)
    expect(message(page, "clear")).to_contain_text("Use “Undo the clear”")
    expect_named_buttons_shown(page)
    rate(page, "element-capability.01", "informal")
    import_file(page, "2024-25.json", self_check_file(LAST_YEAR))
    replace_answers(page)
    expect(page.get_by_role("button", name="Undo the import")).to_be_visible()
    expect(message(page, "clear")).not_to_contain_text("Undo the clear")
    expect_named_buttons_shown(page)


# --- 9. Typing before the scripts arrive -----------------------------------------------------------

EARLY_NOTE = "A year of evidence: board minutes, DOC-88812."
EARLY_SAID = "Your saved text appeared here after you started typing, so what you typed has been added after it."


def test_typing_before_the_self_check_starts_is_added_to_the_saved_note(page: Page, site_url):
    page.goto(self_check_url(site_url))
    write_note(page, "element-culture.01", EARLY_NOTE)
    wait_for_stored(page, STATE_KEY, "DOC-88812")
    held = open_holding(page, "selfcheck.js", lambda: page.reload(wait_until="domcontentloaded"))
    box = page.locator("#sc-element-culture\\.01-note")
    box.fill(" added today")
    let_go(page, held, "selfcheck")
    expect(notes(page, "element-culture.01")).to_have_value(EARLY_NOTE + " added today")
    expect(page.get_by_role("status").filter(has_text=EARLY_SAID)).to_have_count(1)
    wait_for_stored(page, STATE_KEY, "DOC-88812. added today")


@pytest.mark.parametrize("widget", ["checklist", "purpose statement"])
def test_typing_before_a_checklist_or_the_purpose_statement_starts_is_added_to_the_saved_text(
    page: Page, site_url, widget
):
    if widget == "checklist":
        item_id = checklist_items(CHECKLIST_IDS[0])[0]["id"]
        url, key, box, name = (
            checklist_url(site_url, CHECKLIST_IDS[0]),
            f"dpup.checklist.{item_id}",
            lambda: note(page, item_id),
            "checklist",
        )
    else:
        url, key, box, name = (
            purpose_url(site_url),
            "dpup.template." + first_prompt_id("What"),
            lambda: template_box(page, "What"),
            "template",
        )
    page.goto(url)
    box().fill(EARLY_NOTE)
    wait_for_stored(page, key, "DOC-88812")
    held = open_holding(page, "checklist.js", lambda: page.reload(wait_until="domcontentloaded"))
    box().fill("Added today")
    let_go(page, held, name)
    expect(box()).to_have_value(EARLY_NOTE + "\nAdded today")
    expect(page.get_by_role("status").filter(has_text=EARLY_SAID)).to_have_count(1)
    wait_for_stored(page, key, "DOC-88812.\\nAdded today")


# --- 10. The same box typed in two tabs at once ----------------------------------------------------


@pytest.mark.parametrize("widget", ["checklist", "purpose statement", "self-check"])
def test_the_same_box_typed_in_two_tabs_at_once_quotes_what_was_replaced(page: Page, site_url, widget):
    if widget == "checklist":
        item_id = checklist_items(CHECKLIST_IDS[0])[0]["id"]
        url, box = checklist_url(site_url, CHECKLIST_IDS[0]), lambda tab: note(tab, item_id)
    elif widget == "self-check":
        url, box = self_check_url(site_url), lambda tab: notes(tab, "element-culture.01")
    else:
        url, box = purpose_url(site_url), lambda tab: template_box(tab, "What")
    page.context.add_init_script(HOLDER)
    page.goto(url)
    other = page.context.new_page()
    other.goto(url)
    for tab in (page, other):
        tab.evaluate("window.__holding = true")
    box(page).fill("Typed in the first tab")
    box(other).fill("Typed in the second tab")  # saved later: it is what the box holds in the end
    for tab in (page, other):
        tab.evaluate(RELEASE_STORAGE_EVENTS)
    expect(box(page)).to_have_value("Typed in the second tab")
    expect(page.get_by_role("status").filter(has_text="another tab")).to_contain_text("replaced what you typed in")
    expect(page.get_by_role("status").filter(has_text="another tab")).to_contain_text("“Typed in the first tab”.")
    # The tab whose text was kept lost nothing, and says nothing was replaced.
    expect(box(other)).to_have_value("Typed in the second tab")
    expect(other.get_by_role("status").filter(has_text="replaced what you typed")).to_have_count(0)
    # The quote stays through the other tab's next change, not only until it.
    box(other).press_sequentially(" and on")
    expect(box(page)).to_have_value("Typed in the second tab and on")
    expect(page.get_by_role("status").filter(has_text="another tab")).to_contain_text("“Typed in the first tab”.")
    other.close()


# --- The parts loaded when needed ------------------------------------------------------------------


def test_an_undo_or_import_whose_code_cannot_load_changes_nothing_and_works_once_it_can(page: Page, site_url):
    """The undo's and the file check's code load only when needed: offline, the page says so and
    changes nothing, and the next try loads them."""
    page.goto(self_check_url(site_url))
    rate(page, "element-culture.01", "managed")
    page.route("**/assets/dpup/js/selfcheck-*.js", lambda route: route.abort())
    clear_answers(page)
    page.get_by_role("button", name="Undo the clear").click()
    expect(message(page, "clear")).to_have_text(
        "Nothing undone: this page could not load the part that undoes. Check your connection and try again."
    )
    import_file(page, "2024-25.json", self_check_file(LAST_YEAR))
    expect(page.locator("#sc-import-error")).to_contain_text(
        "This page could not load the part that reads files. Check your connection and try again."
    )
    expect(count_text(page)).to_have_text("0 of 14 criteria rated")
    page.unroute_all()
    page.get_by_role("button", name="Undo the clear").click()
    expect(radio(page, "element-culture.01", "managed")).to_be_checked()
    import_file(page, "2024-25.json", self_check_file(LAST_YEAR))
    replace_answers(page)
    expect(message(page, "import")).to_contain_text("Imported 3 ratings")


def test_colleagues_files_whose_drawing_cannot_load_add_no_one_and_load_once_it_can(page: Page, site_url):
    """Colleagues' ratings side by side load with their files (selfcheck-colleagues.js): offline,
    the page says so and shows no table, and the next try shows them."""
    page.goto(self_check_url(site_url))
    page.route("**/assets/dpup/js/selfcheck-colleagues.js", lambda route: route.abort())
    ben = [("ben.json", assessment(RATINGS, "Ben"))]
    load(page, "Load colleagues’ files", ben)
    expect(message(page, "colleagues")).to_have_text(
        "No files loaded: this page could not load the part that shows colleagues’ ratings. "
        "Check your connection and try again."
    )
    expect(page.locator(".dpup-selfcheck__consolidation")).to_be_hidden()
    page.unroute_all()
    load(page, "Load colleagues’ files", ben)
    expect(message(page, "colleagues")).to_contain_text("1 file loaded.")
    table = page.locator(".dpup-selfcheck__consolidation table")
    expect(table.get_by_role("columnheader")).to_have_text(["Criterion", "You", "Ben", "Agreement", "Agreed rating"])
