"""A learner taking the introductory quiz in Debian's Chromium: checking answers, scores, saved answers, keyboard use."""

import json
import re

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "quiz" / "intro.yml").read_text(encoding="utf-8"))
QUESTIONS = sorted(QUIZ["questions"], key=lambda q: q["order"])
ANSWER_KEY = {q["order"]: next(o["key"] for o in q["options"] if o.get("correct")) for q in QUESTIONS}
STORAGE_PREFIX = "dpup.quiz.quiz-intro."


def quiz_url(site_url: str) -> str:
    return site_url + "quiz/intro/"


def question(page: Page, number: int) -> Locator:
    return page.locator(f'fieldset.dpup-question[data-question-id="quiz-intro.{number:02d}"]')


def radio(page: Page, number: int, key: str) -> Locator:
    return question(page, number).get_by_role("radio", name=re.compile(rf"^{key}\."))


def feedback(page: Page, number: int) -> Locator:
    return question(page, number).locator(".dpup-question__feedback")


def option_feedback(number: int, key: str) -> str:
    return next(o["feedback"] for o in QUESTIONS[number - 1]["options"] if o["key"] == key)


def shown_feedback(number: int, key: str) -> str:
    """The option's feedback as shown under the verdict: its own opening "Correct." is not repeated."""
    return re.sub(r"^Correct\.\s*", "", option_feedback(number, key))


def explanation_paragraphs(number: int) -> list[str]:
    """The explanation as the reader sees it: one string per paragraph or list item, Markdown emphasis removed."""
    parts = []
    for block in QUESTIONS[number - 1]["explanation"].strip().split("\n\n"):
        for line in block.splitlines() if block.lstrip().startswith("- ") else [block]:
            text = re.sub(r"^\s*-\s+", "", line).replace("**", "")
            if text.strip():
                parts.append(" ".join(text.split()))
    return parts


def choose_and_check(page: Page, number: int, key: str) -> None:
    radio(page, number, key).check()
    question(page, number).get_by_role("button", name="Check answer").click()


def answer_all_correctly(page: Page) -> None:
    for number, key in ANSWER_KEY.items():
        choose_and_check(page, number, key)


def saved_answers(page: Page) -> dict:
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
            .filter(key => key.startsWith(prefix)).map(key => [key, localStorage.getItem(key)]))""",
        STORAGE_PREFIX,
    )


def press_until_focused(page: Page, target: Locator, key: str = "Tab", limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"pressing {key} {limit} times never focused {target}")


def test_the_answer_key_in_the_yaml_is_the_one_the_contract_names():
    assert ANSWER_KEY == {1: "C", 2: "A", 3: "B", 4: "A", 5: "A", 6: "B"}


def test_questions_are_named_groups_of_native_radios(page: Page, site_url):
    page.goto(quiz_url(site_url))
    expect(page.locator('form.dpup-quiz[data-dpup-widget="quiz"][data-quiz-id="quiz-intro"]')).to_have_count(1)
    expect(page.locator("fieldset.dpup-question")).to_have_count(6)
    group = page.get_by_role("group", name=re.compile("Who was DPUP developed for"))
    expect(group).to_contain_text("Question 1 of 6")
    expect(group.get_by_role("radio")).to_have_count(4)
    expect(group.get_by_role("radio", name=re.compile(r"^C\."))).to_have_attribute("value", "C")


def test_a_wrong_answer_then_the_right_one_gets_feedback_each_time(page: Page, site_url):
    page.goto(quiz_url(site_url))
    choose_and_check(page, 1, "A")
    expect(feedback(page, 1)).to_contain_text("Not quite.")
    expect(feedback(page, 1)).to_contain_text(option_feedback(1, "A"))
    expect(question(page, 1)).to_have_attribute("data-result", "incorrect")

    choose_and_check(page, 1, "C")
    expect(feedback(page, 1)).to_contain_text("Correct.")
    expect(feedback(page, 1)).not_to_contain_text("Not quite.")
    expect(feedback(page, 1)).to_contain_text(shown_feedback(1, "C"))
    assert feedback(page, 1).inner_text().count("Correct.") == 1, "the verdict is said twice"
    for paragraph in explanation_paragraphs(1):
        expect(feedback(page, 1)).to_contain_text(paragraph)
    expect(question(page, 1)).to_have_attribute("data-result", "correct")


def test_all_six_right_gives_a_full_score(page: Page, site_url):
    page.goto(quiz_url(site_url))
    score = page.locator(".dpup-quiz__score")
    for number, key in list(ANSWER_KEY.items())[:5]:
        choose_and_check(page, number, key)
    expect(score).to_be_hidden()
    choose_and_check(page, 6, ANSWER_KEY[6])
    expect(score).to_contain_text("You answered 6 of 6 correctly.")
    expect(score).to_contain_text("On your first try: 6 of 6.")


def test_a_first_wrong_try_counts_against_the_first_try_score(page: Page, site_url):
    page.goto(quiz_url(site_url))
    choose_and_check(page, 1, "A")
    answer_all_correctly(page)
    score = page.locator(".dpup-quiz__score")
    expect(score).to_contain_text("You answered 6 of 6 correctly.")
    expect(score).to_contain_text("On your first try: 5 of 6.")


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["phone", "laptop"])
def test_the_score_names_the_questions_to_revisit_with_links_to_them(page: Page, site_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(quiz_url(site_url))
    wrong = {2: "B", 5: "B"}  # wrong on the first try, then put right
    for number, key in wrong.items():
        choose_and_check(page, number, key)
    answer_all_correctly(page)
    score = page.get_by_role("group", name="Your score")
    expect(score).to_be_focused()  # the check that finished the quiz took focus there
    expect(score).to_contain_text("You answered 6 of 6 correctly.")
    expect(score).to_contain_text("Questions to revisit (not right on your first try):")
    links = score.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_text("Question 2: " + QUESTIONS[1]["stem"])
    expect(links.nth(1)).to_have_text("Question 5: " + QUESTIONS[4]["stem"])
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    links.nth(1).click()
    expect(page).to_have_url(re.compile(r"#quiz-intro\.05$"))
    box = question(page, 5).bounding_box()
    header = page.locator("header.md-header").bounding_box()
    # The question lands in view, below the site's sticky header rather than under it.
    assert header["y"] + header["height"] <= box["y"] + 1 and box["y"] < size[1]


def test_a_quiz_right_first_time_has_nothing_to_revisit(page: Page, site_url):
    page.goto(quiz_url(site_url))
    answer_all_correctly(page)
    score = page.locator(".dpup-quiz__score")
    expect(score).to_contain_text("You got every question right on the first try.")
    expect(score.get_by_role("link")).to_have_count(0)


def test_checking_with_nothing_chosen_asks_for_an_answer(page: Page, site_url):
    page.goto(quiz_url(site_url))
    question(page, 1).get_by_role("button", name="Check answer").click()
    expect(question(page, 1)).to_contain_text("Choose an answer first.")
    expect(question(page, 1)).not_to_have_attribute("data-result", re.compile("correct"))


def test_answers_survive_a_reload_and_are_saved_as_the_contract_says(page: Page, site_url):
    page.goto(quiz_url(site_url))
    choose_and_check(page, 1, "A")
    choose_and_check(page, 1, "C")
    expect(feedback(page, 1)).to_contain_text("Correct.")
    choose_and_check(page, 2, "B")
    expect(feedback(page, 2)).to_contain_text("Not quite.")

    page.reload()
    expect(radio(page, 1, "C")).to_be_checked()
    expect(feedback(page, 1)).to_contain_text("Correct.")
    expect(feedback(page, 1)).to_contain_text(shown_feedback(1, "C"))
    expect(question(page, 1)).to_have_attribute("data-result", "correct")
    expect(radio(page, 2, "B")).to_be_checked()
    expect(feedback(page, 2)).to_contain_text("Not quite.")
    expect(question(page, 3).get_by_role("radio").first).not_to_be_checked()

    stored = saved_answers(page)
    first = json.loads(stored["dpup.quiz.quiz-intro.quiz-intro.01"])
    second = json.loads(stored["dpup.quiz.quiz-intro.quiz-intro.02"])
    assert {k: first.get(k) for k in ("choice", "checked", "firstChoice")} == {
        "choice": "C",
        "checked": True,
        "firstChoice": "A",
    }
    assert {k: second.get(k) for k in ("choice", "checked", "firstChoice")} == {
        "choice": "B",
        "checked": True,
        "firstChoice": "B",
    }


def test_clear_my_answers_forgets_everything_and_says_so(page: Page, site_url):
    page.goto(quiz_url(site_url))
    choose_and_check(page, 1, "C")
    choose_and_check(page, 2, "B")
    assert len(saved_answers(page)) >= 2

    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator(".dpup-quiz__status")).to_contain_text("Your answers have been cleared.")
    assert saved_answers(page) == {}
    expect(page.locator("form.dpup-quiz input[type=radio]:checked")).to_have_count(0)
    expect(feedback(page, 1)).not_to_contain_text("Correct.")
    expect(question(page, 1)).not_to_have_attribute("data-result", re.compile("correct"))

    page.reload()
    expect(page.locator("form.dpup-quiz input[type=radio]:checked")).to_have_count(0)
    expect(feedback(page, 2)).not_to_contain_text("Not quite.")


def test_try_again_resets_the_quiz_and_returns_to_the_first_question(page: Page, site_url):
    page.goto(quiz_url(site_url))
    answer_all_correctly(page)
    expect(page.locator(".dpup-quiz__score")).to_contain_text("You answered 6 of 6 correctly.")

    page.get_by_role("button", name="Try again").click()
    expect(question(page, 1).get_by_role("radio").first).to_be_focused()
    expect(page.locator("form.dpup-quiz input[type=radio]:checked")).to_have_count(0)
    expect(page.locator("fieldset.dpup-question[data-result]")).to_have_count(0)
    expect(page.locator(".dpup-quiz__score")).not_to_contain_text("You answered")


def test_a_keyboard_user_answers_and_hears_the_feedback(page: Page, site_url):
    page.goto(quiz_url(site_url))
    check_button = question(page, 1).get_by_role("button", name="Check answer")

    press_until_focused(page, radio(page, 1, "A"))
    page.keyboard.press("ArrowDown")
    expect(radio(page, 1, "B")).to_be_checked()
    press_until_focused(page, check_button, limit=6)
    page.keyboard.press("Enter")
    # Focus stays on the button; the feedback's live region speaks (test_what_a_reader_hears.py).
    expect(check_button).to_be_focused()
    expect(feedback(page, 1)).to_contain_text("Not quite.")

    press_until_focused(page, radio(page, 1, "B"), key="Shift+Tab", limit=6)
    page.keyboard.press("ArrowDown")
    expect(radio(page, 1, "C")).to_be_checked()
    press_until_focused(page, check_button, limit=6)
    page.keyboard.press("Enter")
    expect(check_button).to_be_focused()
    expect(feedback(page, 1)).to_contain_text("Correct.")


def test_enter_on_an_option_checks_that_question(page: Page, site_url):
    """Each "Check answer" is the question's submit button: Enter on the option a person has
    chosen checks that question, not the first one (H32.2: a form has a real submit)."""
    page.goto(quiz_url(site_url))
    expect(page.locator("form.dpup-quiz[data-dpup-ready]")).to_have_count(1)
    radio(page, 3, ANSWER_KEY[3]).check()
    radio(page, 3, ANSWER_KEY[3]).press("Enter")
    expect(feedback(page, 3)).to_contain_text("Correct.")
    expect(feedback(page, 1)).to_be_empty()
    assert page.url == quiz_url(site_url)  # checked here, not sent anywhere


def test_each_question_has_one_live_region_and_the_score_is_not_live(page: Page, site_url):
    page.goto(quiz_url(site_url))
    regions = page.locator(".dpup-question__feedback [role=status]")
    expect(regions).to_have_count(6)
    expect(page.locator(".dpup-question__feedback[tabindex], .dpup-question__feedback [tabindex]")).to_have_count(0)
    # Focus goes to the score once the quiz is finished: a focus target, not a live region as well.
    expect(page.locator(".dpup-quiz__score")).not_to_have_attribute("role", "status")
    expect(page.locator(".dpup-quiz__score")).to_have_attribute("tabindex", "-1")
    expect(page.locator(".dpup-quiz__status")).to_have_attribute("role", "status")


def test_without_javascript_the_answers_are_behind_show_the_answer(browser: Browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_url(site_url))
        for number, key in ANSWER_KEY.items():
            details = question(page, number).locator("details.dpup-question__answer")
            expect(details).to_have_count(1)
            expect(details.get_by_text(f"The correct answer is {key}.")).to_be_hidden()
        details = question(page, 1).locator("details.dpup-question__answer")
        details.get_by_text("Show the answer").click()
        expect(details.get_by_text("The correct answer is C.")).to_be_visible()
        expect(details).to_contain_text(explanation_paragraphs(1)[1])
        for option in QUESTIONS[0]["options"]:
            expect(details).to_contain_text(option["feedback"])
    finally:
        context.close()


@pytest.mark.parametrize(
    ("link_text", "path", "heading"),
    [
        ("Trainer mode", "quiz/intro/trainer/", re.compile("trainer", re.I)),
        ("Printable handout", "quiz/intro/handout/", QUIZ["title"]),  # its h1 is the quiz title
        ("Answer key", "quiz/intro/answer-key/", re.compile("answer key", re.I)),
        (r"workshop(?! pack)", "quiz/workshop-intro/", re.compile("workshop", re.I)),
    ],
)
def test_the_quiz_links_to_its_companion_pages(page: Page, site_url, link_text, path, heading):
    page.goto(quiz_url(site_url))
    page.locator("article").get_by_role("link", name=re.compile(link_text, re.I)).first.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + path)))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


@pytest.mark.parametrize("number", sorted(ANSWER_KEY))
def test_a_right_answer_says_correct_once(page: Page, site_url, number):
    page.goto(quiz_url(site_url))
    choose_and_check(page, number, ANSWER_KEY[number])
    expect(feedback(page, number)).to_contain_text("Correct.")
    expect(feedback(page, number)).to_contain_text(shown_feedback(number, ANSWER_KEY[number]))
    text = feedback(page, number).inner_text()
    assert text.count("Correct") == 1, f"question {number} says Correct more than once: {text!r}"
