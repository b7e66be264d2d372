"""axe-core finds no WCAG 2.2 AA problems on the quiz pages, including after feedback or an answer is shown."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

AXE = Axe()
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def assert_no_axe_violations(page: Page) -> None:
    results = AXE.run(page, options=WCAG_AA)
    violations = results.response["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}; nodes: {[node['target'] for node in v['nodes']]}"
        for v in violations
    )
    assert results.violations_count == 0, f"{results.violations_count} axe violations on {page.url}:\n{report}"


def check_a_wrong_answer(page: Page) -> None:
    question = page.locator('fieldset.dpup-question[data-question-id="quiz-intro.01"]')
    question.get_by_role("radio", name=re.compile(r"^A\.")).check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.locator(".dpup-question__feedback")).to_contain_text("Not quite.")


def reveal_the_answer(page: Page) -> None:
    page.get_by_role("button", name="Reveal answer").click()
    expect(page.locator("section.dpup-slide:not([hidden]) .dpup-slide__answer")).to_be_visible()


def nothing(page: Page) -> None:
    pass


@pytest.mark.parametrize(("path", "action"), [
    pytest.param("quiz/intro/", nothing, id="quiz"),
    pytest.param("quiz/intro/", check_a_wrong_answer, id="quiz-with-feedback"),
    pytest.param("quiz/intro/trainer/", nothing, id="trainer"),
    pytest.param("quiz/intro/trainer/", reveal_the_answer, id="trainer-revealed"),
    pytest.param("quiz/intro/handout/", nothing, id="handout"),
    pytest.param("quiz/intro/answer-key/", nothing, id="answer-key"),
    pytest.param("quiz/workshop-intro/", nothing, id="workshop"),
])
def test_quiz_pages_have_no_wcag_aa_violations(page: Page, site_url, path, action):
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    action(page)
    assert_no_axe_violations(page)
