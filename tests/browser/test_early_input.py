"""What a person chooses or types while a widget's scripts are still loading (seconds on a slow
phone) is kept when the widget starts, and saved as if made then."""

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect
from storage import wait_for_stored
from test_checklists import CHECKLIST_IDS, answer, checklist_items, checklist_url, item, note
from test_self_check import STATE_KEY, self_check_url
from widget_pages import component_widgets, pages_with

pytestmark = pytest.mark.browser


def open_holding(page: Page, script: str, open_page: Callable[[], object]) -> list[Route]:
    """Open the page with the widget's script held back until `let_go`, as on a slow connection. The page
    waits for DOMContentLoaded only: a held script also holds back the load event."""
    held: list[Route] = []
    pattern = f"**/assets/dpup/js/{script}"
    page.route(pattern, lambda route: held.append(route))
    with page.expect_request(pattern):
        open_page()
    # The server sends a held request's route before the reply to any later call: one round trip delivers it.
    page.evaluate("0")
    assert held, f"{script} was requested but not held"
    return held


def let_go(page: Page, held: list[Route], widget: str) -> None:
    for route in held:
        route.continue_()
    page.unroute_all()  # a reload after this fetches the script as usual
    expect(page.locator(f'[data-dpup-widget="{widget}"]').first).to_have_attribute("data-dpup-ready", "true")


def test_an_answer_chosen_before_the_quiz_starts_is_kept_and_can_be_checked(page: Page, site_url):
    held = open_holding(page, "quiz.js", lambda: page.goto(site_url + "quiz/intro/", wait_until="domcontentloaded"))
    question = page.get_by_role("group", name="Question 1 of 6 Who was DPUP developed for?")
    # The server-drawn radios work before the script: the person picks C while it loads.
    expect(question.get_by_role("button", name="Check answer")).to_be_hidden()
    question.get_by_role("radio", name="C.").check()
    let_go(page, held, "quiz")

    expect(question.get_by_role("radio", name="C.")).to_be_checked()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_role("status")).to_contain_text("Correct.")
    page.reload()
    expect(question.get_by_role("radio", name="C.")).to_be_checked()


def test_a_checklist_answer_and_note_made_before_it_starts_are_kept_and_saved(page: Page, site_url):
    tool_id = CHECKLIST_IDS[0]
    first, second = checklist_items(tool_id)[:2]
    held = open_holding(
        page, "checklist.js", lambda: page.goto(checklist_url(site_url, tool_id), wait_until="domcontentloaded")
    )
    answer(page, first["id"], "no")
    note(page, second["id"]).fill("Written while the page was loading")
    let_go(page, held, "checklist")

    expect(item(page, first["id"]).get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(note(page, second["id"])).to_have_value("Written while the page was loading")
    wait_for_stored(page, f"dpup.checklist.{second['id']}", "Written while the page was loading")
    page.reload()
    expect(item(page, first["id"]).get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(note(page, second["id"])).to_have_value("Written while the page was loading")


def test_a_saved_answer_still_wins_over_an_untouched_form(page: Page, site_url):
    """Only fields the person changed are played again: a radio the browser restored on its own,
    with no input from the person, does not replace the saved answer."""
    page.goto(site_url + "quiz/intro/")
    question = page.get_by_role("group", name="Question 1 of 6 Who was DPUP developed for?")
    question.get_by_role("radio", name="A.").check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_role("status")).to_contain_text("Not quite.")
    held = open_holding(page, "quiz.js", lambda: page.reload(wait_until="domcontentloaded"))
    let_go(page, held, "quiz")
    expect(question.get_by_role("radio", name="A.")).to_be_checked()
    # Shown again, not announced again: a page that opens says nothing from its live regions.
    expect(question.locator(".dpup-question__feedback")).to_contain_text("Not quite.")


def test_the_agency_typed_before_the_self_check_starts_is_kept_and_saved(page: Page, site_url):
    held = open_holding(
        page, "selfcheck.js", lambda: page.goto(self_check_url(site_url), wait_until="domcontentloaded")
    )
    page.get_by_label("Agency", exact=True).fill("Te Puni Kōkiri")
    let_go(page, held, "selfcheck")

    expect(page.get_by_label("Agency", exact=True)).to_have_value("Te Puni Kōkiri")
    wait_for_stored(page, STATE_KEY, "Te Puni K")
    page.reload()
    expect(page.get_by_label("Agency", exact=True)).to_have_value("Te Puni Kōkiri")


def test_a_file_chosen_before_the_self_check_starts_is_read_when_it_starts(page: Page, site_url):
    saved = {
        "format": "dpup-self-check",
        "version": 1,
        "target": "managed",
        "plan": [],
        "ratings": {"element-culture.01": {"level": "informal", "note": "Chosen early"}},
    }
    held = open_holding(
        page, "selfcheck.js", lambda: page.goto(self_check_url(site_url), wait_until="domcontentloaded")
    )
    page.get_by_label("Continue from a downloaded file").set_input_files(
        {"name": "early.json", "mimeType": "application/json", "buffer": json.dumps(saved).encode()}
    )
    let_go(page, held, "selfcheck")
    # Nothing was entered in this browser yet, so nothing is replaced: the file is read at once.
    # (the message sits on the "Save and print" step, which is not the one shown)
    expect(page.locator('[data-message="import"]')).to_contain_text("Imported 1 rating and 0 plan rows from early.json")
    wait_for_stored(page, STATE_KEY, "Chosen early")


def test_typing_before_the_start_keeps_its_caret(page: Page, site_url):
    held = open_holding(
        page, "selfcheck.js", lambda: page.goto(self_check_url(site_url), wait_until="domcontentloaded")
    )
    agency = page.get_by_label("Agency", exact=True)
    agency.fill("Te Kōkiri")
    agency.evaluate("field => field.setSelectionRange(3, 3)")  # the caret after "Te "
    let_go(page, held, "selfcheck")
    page.keyboard.type("Puni ")
    expect(agency).to_have_value("Te Puni Kōkiri")


WIDGETS = component_widgets()  # read from the component folders: a new widget is checked here too


def test_every_widget_is_on_a_built_page(built_site):
    """The tests below go through each widget's pages: a widget no page carries would be checked
    by none of them."""
    assert WIDGETS, "no widget declared in macros/components/*/*.html"
    assert [widget for widget in WIDGETS if not pages_with(built_site, widget)] == []


@pytest.mark.parametrize("widget", WIDGETS)
def test_without_javascript_no_control_built_hidden_shows(browser, built_site, site_url, widget):
    """Controls that need the script (Check answer, Try again, summaries) are built hidden; no
    class may show them on a page whose script never runs, where they would do nothing. Every
    page that carries the widget."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    shown = {}
    for path in pages_with(built_site, widget):
        page.goto(site_url + path)
        shown[path] = page.evaluate(
            """() => Array.from(document.querySelectorAll("[data-dpup-widget] [hidden], [data-dpup-widget][hidden]"))
                .filter(node => getComputedStyle(node).display !== "none")
                .map(node => node.outerHTML.slice(0, 100))"""
        )
    context.close()
    assert shown, f"no built page carries the {widget} widget"
    assert {path: found for path, found in shown.items() if found} == {}


# A field the server draws, as a person finds it before the script runs.
FIRST_FIELDS = """(root) => {
  const shown = (field) => !field.disabled && field.getClientRects().length > 0;
  const all = Array.from(root.querySelectorAll("input, textarea")).filter(shown);
  const radio = all.find((field) => field.type === "radio" && !field.checked);
  const text = all.find((field) => field.tagName === "TEXTAREA" || field.type === "text");
  return [radio, text].filter(Boolean).map((field) => field.id || (field.id = "early-" + field.name));
}"""


@pytest.mark.parametrize("widget", WIDGETS)
def test_a_choice_and_words_made_before_any_widget_starts_are_kept(page: Page, built_site, site_url, widget):
    """What a person chooses or types in the server-drawn form while the widget's own script is
    held back is still there once the widget has drawn itself (a radio left unchecked, then the
    first text field). A widget whose page offers no field before its script runs (the trainer)
    has nothing to lose: it still starts once its held script arrives."""
    path = pages_with(built_site, widget)[0]
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    root_tag = re.search(rf'<[^>]*data-dpup-widget="{widget}"[^>]*>', html)
    assert root_tag, f"{path}: no root for {widget}"
    own_script = re.search(r'data-dpup-scripts="([^"]*)"', root_tag.group()).group(1).split()[-1]
    held = open_holding(page, own_script, lambda: page.goto(site_url + path, wait_until="domcontentloaded"))
    ids = page.locator(f'[data-dpup-widget="{widget}"]').first.evaluate(FIRST_FIELDS)
    for field_id in ids:
        field = page.locator(f'[id="{field_id}"]')
        if field.get_attribute("type") == "radio":
            field.check()
        else:
            field.fill("Typed while the page loaded")
    let_go(page, held, widget)
    for field_id in ids:
        field = page.locator(f'[id="{field_id}"]')
        if field.get_attribute("type") == "radio":
            expect(field).to_be_checked()
        else:
            expect(field).to_have_value("Typed while the page loaded")
