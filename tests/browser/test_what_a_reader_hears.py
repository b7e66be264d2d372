"""What a screen-reader user hears (issue 33, parts 2 and 3), from Chromium's accessibility tree and
the live regions a key press changes, using the keyboard alone: each announcement says one thing
once, and each field's name says which question, item or criterion it belongs to."""

import re

import pytest
from announcements import ax, ax_focused, listen, said
from playwright.sync_api import Page, expect
from test_checklists import checklist_items, checklist_url, item
from test_quiz import ANSWER_KEY, explanation_paragraphs, press_until_focused, question, quiz_url, radio, shown_feedback

pytestmark = pytest.mark.browser
CHECKLIST = "tool-transparency-choice-checklist"


def words(text: str) -> str:
    return " ".join(re.sub(r"\*\*|`", "", text).split())


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


def test_the_quiz_says_the_verdict_and_the_chosen_feedback_once_and_leaves_the_explanation(page: Page, site_url):
    page.goto(quiz_url(site_url))
    # Six buttons, each named by its question.
    for number in range(1, 7):
        check = question(page, number).locator(".dpup-question__check")
        expect(check).to_have_text(re.compile(r"^\s*Check answer"))
        assert ax(page, f'[data-question-id="quiz-intro.0{number}"] .dpup-question__check')["name"] == (
            f"Check answer to question {number}"
        )

    check_with_the_keyboard(page, 1, "A")
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Not quite.")
    heard = said(page)
    # The Editorial label is set in capitals by CSS, which Chromium's tree keeps.
    assert [text.casefold() for text in heard] == [f"Not quite. You chose A. Editorial {words(shown_feedback(1, 'A'))}".casefold()]
    # Focus stays on the button: no second route (focus landing on the region) says it again.
    assert ax_focused(page)["name"] == "Check answer to question 1"
    # The hint stays on the page, outside what is announced.
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Choose another answer")

    check_with_the_keyboard(page, 1, ANSWER_KEY[1])
    expect(question(page, 1).locator(".dpup-question__feedback")).to_contain_text("Correct.")
    heard = said(page)
    assert len(heard) == 1 and heard[0].casefold().startswith(f"Correct. You chose {ANSWER_KEY[1]}. Editorial ".casefold())
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


def test_checklist_notes_are_named_by_their_item_and_help_describes_its_group(page: Page, site_url):
    items = checklist_items(CHECKLIST)
    page.goto(checklist_url(site_url, CHECKLIST))
    names = [ax(page, f'[id="{entry["id"]}-note"]')["name"] for entry in items]
    assert names == [f"Note (optional) on: {entry['text']}" for entry in items]
    assert len(set(names)) == len(items)
    helped = next(entry for entry in items if entry.get("help"))
    group = ax(page, f'fieldset[data-item-id="{helped["id"]}"]')
    assert (group["role"], group["name"], group["description"]) == ("group", helped["text"], words(helped["help"]))
    unhelped = ax(page, f'fieldset[data-item-id="{items[0]["id"]}"]')
    assert unhelped["description"] == ""
    # With the keyboard: Tab from the last radio of the item reaches its note, which says its item.
    radio_yes = item(page, helped["id"]).get_by_role("radio", name="Yes", exact=True)
    press_until_focused(page, radio_yes, limit=80)
    page.keyboard.press("Tab")
    assert ax_focused(page)["name"] == f"Note (optional) on: {helped['text']}"
