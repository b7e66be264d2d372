"""axe-core finds no WCAG 2.2 AA problems on the quiz pages, including after feedback or an answer is shown."""

import re

import pytest
from axe_check import WITH_BEST_PRACTICE, WITHOUT_SIDEBAR, assert_no_axe_violations
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def check_a_wrong_answer(page: Page) -> None:
    question = page.locator('fieldset.dpup-question[data-question-id="quiz-intro.01"]')
    question.get_by_role("radio", name=re.compile(r"^A\.")).check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.locator(".dpup-question__feedback")).to_contain_text("Not quite.")


def reveal_the_answer(page: Page) -> None:
    page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="Reveal answer").click()
    expect(page.locator("section.dpup-slide:not([hidden]) .dpup-slide__answer")).to_be_visible()


def count_and_reveal(page: Page) -> None:
    page.keyboard.press("ArrowRight")
    for key, hands in (("1", 2), ("3", 5)):
        page.keyboard.press(key)
        for _ in range(hands):
            page.keyboard.press("ArrowUp")
    page.keyboard.press("r")
    expect(page.locator("section.dpup-slide:not([hidden])")).to_contain_text("5 hands, 71%")


def summary_with_results(page: Page) -> None:
    count_and_reveal(page)
    page.keyboard.press("End")
    expect(page.locator(".dpup-summary__hardest > li:visible")).to_have_count(1)


def asking_to_clear(page: Page) -> None:
    summary_with_results(page)
    page.get_by_role("button", name="Clear the counts").click()
    expect(page.get_by_role("button", name="Yes, clear the counts")).to_be_visible()


def trainer_in_the_pack(page: Page) -> None:
    page.get_by_role("button", name="Trainer mode", exact=True).click()
    count_and_reveal(page)


def finished_with_questions_to_revisit(page: Page) -> None:
    for number, key in ((1, "A"), (1, "C"), (2, "A"), (3, "B"), (4, "A"), (5, "A"), (6, "B")):
        question = page.locator(f'fieldset.dpup-question[data-question-id="quiz-intro.{number:02d}"]')
        question.get_by_role("radio", name=re.compile(rf"^{key}\.")).check()
        question.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dpup-quiz__revisit a")).to_have_count(1)


def asked_to_continue_with_sessions_open(page: Page) -> None:
    # Counts from an earlier session: opening again asks whether to continue it.
    count_and_reveal(page)
    page.reload()
    expect(page.get_by_role("button", name="Continue that session")).to_be_visible()
    page.get_by_text("Sessions", exact=True).click()
    page.get_by_role("button", name=re.compile("^Delete the session")).click()
    expect(page.get_by_role("button", name="Yes, delete them")).to_be_visible()


def nothing(page: Page) -> None:
    pass


@pytest.mark.parametrize(
    ("path", "action"),
    [
        pytest.param("quiz/intro/", nothing, id="quiz"),
        pytest.param("quiz/intro/", check_a_wrong_answer, id="quiz-with-feedback"),
        pytest.param("quiz/intro/", finished_with_questions_to_revisit, id="quiz-finished"),
        pytest.param("quiz/intro/handout/", nothing, id="handout"),
        pytest.param("quiz/intro/answer-key/", nothing, id="answer-key"),
    ],
)
def test_quiz_pages_have_no_wcag_aa_violations(page: Page, site_url, path, action):
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    action(page)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["projector", "phone"])
@pytest.mark.parametrize(
    ("path", "action"),
    [
        pytest.param("quiz/intro/trainer/", nothing, id="trainer-join"),
        pytest.param("quiz/intro/trainer/", reveal_the_answer, id="trainer-revealed"),
        pytest.param("quiz/intro/trainer/", count_and_reveal, id="trainer-tally-chart"),
        pytest.param("quiz/intro/trainer/", summary_with_results, id="trainer-summary"),
        pytest.param("quiz/intro/trainer/", asking_to_clear, id="trainer-clear-question"),
        pytest.param("quiz/intro/trainer/", asked_to_continue_with_sessions_open, id="trainer-sessions"),
        pytest.param("quiz/workshop-intro/", nothing, id="workshop"),
        pytest.param("quiz/intro/dpup-intro-quiz-workshop-pack.html", nothing, id="pack-quiz"),
        pytest.param("quiz/intro/dpup-intro-quiz-workshop-pack.html", trainer_in_the_pack, id="pack-trainer"),
    ],
)
def test_the_workshop_room_has_no_violations_including_best_practice(page: Page, site_url, path, action, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    action(page)
    has_sidebar = page.locator(".md-sidebar--primary").count() > 0
    assert_no_axe_violations(page, WITH_BEST_PRACTICE, WITHOUT_SIDEBAR if has_sidebar else None)
