"""What a screen-reader user hears (issue 33, parts 2 and 3), from Chromium's accessibility tree and
the live regions a key press changes, using the keyboard alone: each announcement says one thing
once, and each field's name says which question, item or criterion it belongs to."""

import json
import re

import pytest
from announcements import ax, ax_focused, listen, said
from playwright.sync_api import Page, expect
from test_checklists import checklist_items, checklist_url, item
from test_quiz import ANSWER_KEY, explanation_paragraphs, press_until_focused, question, quiz_url, radio, shown_feedback
from test_self_check import (
    CRITERIA,
    ELEMENTS,
    LEVEL_NAME,
    criterion,
    descriptor,
    go_to,
    message,
    rate,
    self_check_url,
    show_criterion,
    steps,
)

pytestmark = pytest.mark.browser
CHECKLIST = "tool-transparency-choice-checklist"
# A self-check file with nothing in it: it imports without asking (nothing would be replaced).
EMPTY_FILE = json.dumps({"format": "dpup-self-check", "version": 2, "about": {}, "ratings": {}, "plan": []}).encode()


def words(text: str) -> str:
    return " ".join(re.sub(r"\*\*|`", "", text).split())


def no_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_with_the_keyboard(page: Page, number: int, key: str) -> None:
    """Tab to the question's first option, arrow to `key`, Tab to Check answer and press Enter."""
    press_until_focused(page, radio(page, number, "A"))
    # Space checks A; an arrow key moves and checks at once (from A, ArrowDown goes to B, and so on).
    page.keyboard.press("Space")
    for _ in range("ABCD".index(key)):
        page.keyboard.press("ArrowDown")
    expect(radio(page, number, key)).to_be_checked()
    button = question(page, number).locator(".dpup-question__check")
    press_until_focused(page, button, limit=6)
    listen(page)
    page.keyboard.press("Enter")


# Quiz


def test_the_six_check_answer_buttons_are_named_by_their_question(page: Page, site_url):
    page.goto(quiz_url(site_url))
    for number in range(1, 7):
        check = question(page, number).locator(".dpup-question__check")
        expect(check).to_have_text(re.compile(r"^\s*Check answer"))  # the visible words stay as they were
        assert ax(page, f'[data-question-id="quiz-intro.0{number}"] .dpup-question__check')["name"] == (
            f"Check answer to question {number}"
        )


def test_the_quiz_says_the_verdict_and_the_chosen_feedback_once_and_leaves_the_explanation(page: Page, site_url):
    page.goto(quiz_url(site_url))
    check_with_the_keyboard(page, 1, "A")
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Not quite.")
    heard = said(page)
    # The Editorial label is set in capitals by CSS, which Chromium's tree keeps.
    assert [text.casefold() for text in heard] == [
        f"Not quite. You chose A. Editorial {words(shown_feedback(1, 'A'))}".casefold()
    ]
    # Focus stays on the button: no second route (focus landing on the region) says it again.
    expect(question(page, 1).locator(".dpup-question__check")).to_be_focused()
    # The hint stays on the page, outside what is announced.
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Choose another answer")

    check_with_the_keyboard(page, 1, ANSWER_KEY[1])
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Correct.")
    heard = said(page)
    assert len(heard) == 1 and heard[0].casefold().startswith(
        f"Correct. You chose {ANSWER_KEY[1]}. Editorial ".casefold()
    )
    explanation = explanation_paragraphs(1)
    assert not any(words(part) in heard[0] for part in explanation)
    for part in explanation:
        expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text(words(part))


def test_the_check_that_finishes_the_quiz_moves_focus_to_the_score_and_nothing_else_speaks(page: Page, site_url):
    page.goto(quiz_url(site_url))
    for number in range(1, 6):
        check_with_the_keyboard(page, number, ANSWER_KEY[number])
        expect(question(page, number).locator(".dpup-question__feedback")).to_contain_text("Correct.")
    check_with_the_keyboard(page, 6, "A")  # wrong: the score has one question to revisit
    expect(page.locator(".dpup-quiz__score")).to_contain_text("You answered 5 of 6 correctly.")
    assert said(page) == []
    reader = ax_focused(page)
    assert (reader["role"], reader["name"]) == ("group", "Your score")
    assert reader["description"] == "You answered 5 of 6 correctly. On your first try: 5 of 6."
    # The last question's feedback is on the page, shown as for any other question.
    last = question(page, 6).locator(".dpup-question__feedback")
    for shown in ("Not quite.", "You chose A.", words(shown_feedback(6, "A")), "Choose another answer"):
        expect(last).to_contain_text(shown)


# Checklists


def test_a_checklist_says_a_short_count_only_when_it_changes(page: Page, site_url):
    items = checklist_items(CHECKLIST)
    total = len(items)
    page.goto(checklist_url(site_url, CHECKLIST))
    first = item(page, items[0]["id"])
    press_until_focused(page, first.get_by_role("radio", name="Yes", exact=True), limit=80)
    listen(page)
    page.keyboard.press("Space")
    expect(first.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    assert said(page) == [f"1 of {total} answered."]
    page.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="No", exact=True)).to_be_checked()
    assert said(page) == [f"1 of {total} answered, 1 needs attention."]
    page.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="Not applicable", exact=True)).to_be_checked()
    assert said(page) == [f"1 of {total} answered."]
    # Back to Yes: the count is as it was, so nothing is said again.
    page.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    assert said(page) == []
    # The list of what needs attention stays on the page, outside the live region.
    page.keyboard.press("ArrowRight")
    expect(page.locator("ul.dpup-checklist__attention > li")).to_have_text(items[0]["text"])
    assert said(page) == [f"1 of {total} answered, 1 needs attention."]


def test_checklist_notes_are_named_by_their_item(page: Page, site_url):
    items = checklist_items(CHECKLIST)
    page.goto(checklist_url(site_url, CHECKLIST))
    names = [ax(page, f'[id="{entry["id"]}-note"]')["name"] for entry in items]
    assert names == [f"Note (optional) on: {entry['text']}" for entry in items]
    assert len(set(names)) == len(items)
    # With the keyboard: Tab from an item's radios reaches its note, which says its item.
    press_until_focused(page, item(page, items[2]["id"]).get_by_role("radio", name="Yes", exact=True), limit=80)
    page.keyboard.press("Tab")
    assert ax_focused(page)["name"] == f"Note (optional) on: {items[2]['text']}"


def test_checklist_help_text_describes_its_group(page: Page, site_url):
    items = checklist_items(CHECKLIST)
    page.goto(checklist_url(site_url, CHECKLIST))
    helped = next(entry for entry in items if entry.get("help"))
    group = ax(page, f'fieldset[data-item-id="{helped["id"]}"]')
    assert (group["role"], group["name"], group["description"]) == ("group", helped["text"], words(helped["help"]))
    unhelped = ax(page, f'fieldset[data-item-id="{items[0]["id"]}"]')
    assert unhelped["description"] == ""


# Self-check


def full_tree_under(page: Page, selector: str) -> list[dict]:
    """Chromium's accessibility nodes inside the element (itself included), ignored ones left out."""
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({selector!r})"})["result"]
        backend = cdp.send("DOM.describeNode", {"objectId": found["objectId"]})["node"]["backendNodeId"]
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    by_id = {node["nodeId"]: node for node in nodes}
    top = next(node for node in nodes if node.get("backendDOMNodeId") == backend)
    inside, todo = [], [top]
    while todo:
        node = todo.pop()
        if not node.get("ignored"):
            inside.append(node)
        todo += [by_id[child] for child in node.get("childIds", []) if child in by_id]
    return inside


def test_self_check_progress_is_said_only_when_the_count_changes(page: Page, site_url):
    element = ELEMENTS[0]
    first = element["criteria"][0]["id"]
    page.goto(self_check_url(site_url) + "#sc-" + element["id"])
    lowest = criterion(page, first).get_by_role("radio").first
    press_until_focused(page, lowest, limit=10)
    listen(page)
    page.keyboard.press("Space")
    expect(lowest).to_be_checked()
    total = len(element["criteria"])
    assert said(page) == [f"1 of {total} criteria rated in this element; 1 of {len(CRITERIA)} criteria rated in all."]
    # Another level for the same criterion: the count is the same, so nothing is said again.
    page.keyboard.press("ArrowDown")
    expect(criterion(page, first).get_by_role("radio").nth(1)).to_be_checked()
    assert said(page) == []
    # Tab on to the next criterion and rate it: the new count is said.
    second = criterion(page, element["criteria"][1]["id"]).get_by_role("radio").first
    press_until_focused(page, second, limit=10)
    page.keyboard.press("Space")
    assert said(page) == [f"2 of {total} criteria rated in this element; 2 of {len(CRITERIA)} criteria rated in all."]


def test_the_heat_maps_caption_is_read_once(page: Page, site_url):
    page.goto(self_check_url(site_url) + "#sc-results")
    expect(page.locator("svg.dpup-selfcheck__chart rect").first).to_be_attached()
    caption = words(page.locator("figure.dpup-selfcheck__figure figcaption").inner_text())
    assert caption.startswith("Heat map of your ratings")
    heard = [
        words(node.get("name", {}).get("value", ""))
        for node in full_tree_under(page, "figure.dpup-selfcheck__figure")
        if node["role"]["value"] != "InlineTextBox"
    ]
    assert [text for text in heard if "Heat map of your ratings" in text] == [caption]


def test_self_check_notes_are_named_by_their_criterion(page: Page, site_url):
    page.goto(self_check_url(site_url))
    names = []
    for c in CRITERIA:
        show_criterion(page, c["id"])  # a hidden step is out of the tree
        names.append(ax(page, f'[id="sc-{c["id"]}-note"]')["name"])
        assert names[-1] == f"Notes on this criterion ({c['label']}: {words(c['title'])})"
    assert len(set(names)) == len(CRITERIA)


def test_self_check_level_radios_are_named_by_the_level_and_described_by_the_rest(page: Page, site_url):
    page.goto(self_check_url(site_url))
    for c in CRITERIA:
        show_criterion(page, c["id"])
        for d in c["descriptors"]:
            option = f"sc-{c['id']}-{d['level']}"
            reader = ax(page, f'[id="{option}"]')
            assert (reader["role"], reader["name"]) == ("radio", LEVEL_NAME[d["level"]])
            # The descriptor as the page shows it. (Chromium joins a descriptor's list items with
            # no space between them, "about:what kinds", so spaces are not compared.)
            shown = page.locator(f'[id="{option}-text"]').text_content()
            assert no_spaces(reader["description"]) == no_spaces(shown) != ""
        unsure = ax(page, f'[id="sc-{c["id"]}-unsure"]')
        assert (unsure["name"], unsure["description"]) == ("Not sure yet", "")
    # With the keyboard: the first radio of the first criterion says its level, then its description.
    element = ELEMENTS[0]
    page.goto(self_check_url(site_url) + "#sc-" + element["id"])
    first = element["criteria"][0]
    press_until_focused(page, criterion(page, first["id"]).get_by_role("radio").first, limit=10)
    reader = ax_focused(page)
    level = first["descriptors"][0]["level"]
    assert (reader["role"], reader["name"]) == ("radio", LEVEL_NAME[level])
    assert no_spaces(reader["description"]) == no_spaces(descriptor(first["id"], level))


def test_the_step_list_says_current_step_once(page: Page, site_url):
    element = ELEMENTS[0]
    page.goto(self_check_url(site_url) + "#sc-" + element["id"])
    title = f"{element['number']}. {element['title']}"
    current = steps(page).locator("a[aria-current=step]")
    expect(current).to_have_count(1)
    # "(you are here)" is seen (CSS) but not read: aria-current already makes readers say "current step".
    assert "(you are here)" in current.evaluate("a => getComputedStyle(a, '::after').content")
    assert ax(page, ".dpup-selfcheck__steps a[aria-current=step]")["name"] == title


def test_each_elements_status_is_said_with_its_step_link(page: Page, site_url):
    element = ELEMENTS[0]
    page.goto(self_check_url(site_url) + "#sc-" + element["id"])
    title = f"{element['number']}. {element['title']}"
    # Each element's status is its link's description.
    for e in ELEMENTS:
        link = ax(page, f'.dpup-selfcheck__steps a[data-step-link="sc-{e["id"]}"]')
        assert (link["name"], link["description"]) == (f"{e['number']}. {e['title']}", "Not started")
    rate(page, element["criteria"][0]["id"], "informal")
    status = page.locator(f'.dpup-selfcheck__steps [data-element-id="{element["id"]}"] .dpup-selfcheck__step-status')
    expect(status).not_to_have_text("Not started")
    # With the keyboard: Shift+Tab back from the step's heading area to its link in the list.
    link = steps(page).get_by_role("link", name=title)
    press_until_focused(page, link, key="Shift+Tab", limit=40)
    reader = ax_focused(page)
    assert (reader["name"], reader["description"]) == (title, words(status.inner_text()))


def test_a_failed_import_marks_the_file_field_invalid_with_an_error_prefix(page: Page, site_url):
    page.goto(self_check_url(site_url) + "#sc-save")
    page.locator("#sc-import").set_input_files(
        {"name": "broken.json", "mimeType": "application/json", "buffer": b"{nope"}
    )
    summary = page.locator(".dpup-selfcheck__errors")
    expect(summary).to_be_focused()
    field = ax(page, "#sc-import")
    assert field["states"].get("invalid") == "true"
    assert field["description"].startswith("Error: broken.json could not be imported; your answers are unchanged.")
    # Seen without the word "Error:", which is for readers (as in GOV.UK's error message).
    expect(page.locator("#sc-import-error")).to_have_text(re.compile(r"^\s*Error: broken\.json could not be imported"))
    expect(page.locator("#sc-import-error .dpup-visually-hidden")).to_have_text("Error: ")
    # A file that imports takes the mark away again.
    page.locator("#sc-import").set_input_files(
        {"name": "empty.json", "mimeType": "application/json", "buffer": EMPTY_FILE}
    )
    expect(message(page, "import")).to_contain_text("Imported 0 ratings")
    assert ax(page, "#sc-import")["states"].get("invalid", "false") == "false"
    expect(page.locator("#sc-import-error")).to_have_text("")


def test_the_error_summary_goes_away_when_the_person_moves_to_another_step(page: Page, site_url):
    page.goto(self_check_url(site_url) + "#sc-save")
    page.locator("#sc-import").set_input_files(
        {"name": "broken.json", "mimeType": "application/json", "buffer": b"{nope"}
    )
    summary = page.locator(".dpup-selfcheck__errors")
    expect(summary).to_be_focused()
    # Moving to another step with the keyboard takes the summary away; the field keeps its message.
    previous = page.get_by_role("button", name=re.compile("^Previous: "))
    press_until_focused(page, previous, limit=30)
    page.keyboard.press("Enter")
    expect(page.locator("section.dpup-selfcheck__step:visible h2")).to_be_focused()
    expect(summary).to_be_hidden()
    go_to(page, "Save and print")
    expect(summary).to_be_hidden()
    assert ax(page, "#sc-import")["states"].get("invalid") == "true"


def test_next_steps_copy_a_descriptor_without_its_id(page: Page, site_url):
    """A level's text is its radio's description (by id); the next steps show a copy, which must
    not take the id too: a reader would be given whichever came first."""
    page.goto(self_check_url(site_url))
    rate(page, CRITERIA[0]["id"], "informal")
    go_to(page, "Results and next steps")
    expect(page.locator("ol.dpup-selfcheck__gaps > li")).to_have_count(1)
    duplicated = page.evaluate(
        """() => { const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
                   return ids.filter((id, i) => ids.indexOf(id) !== i); }"""
    )
    assert duplicated == []
