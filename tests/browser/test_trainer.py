"""A trainer running the introductory quiz on a projector: one slide at a time, keys, reveal, highlight and timer."""

import re

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "quiz" / "intro.yml").read_text(encoding="utf-8"))
QUESTIONS = sorted(QUIZ["questions"], key=lambda q: q["order"])


def trainer_url(site_url: str) -> str:
    return site_url + "quiz/intro/trainer/"


def current_slide(page: Page):
    return page.locator("section.dpup-slide:not([hidden])")


def status(page: Page):
    return page.locator(".dpup-trainer__status")


def timer(page: Page):
    return page.locator(".dpup-trainer__timer")


def open_trainer(page: Page, site_url: str) -> None:
    page.goto(trainer_url(site_url))
    expect(page.locator('section.dpup-trainer[data-dpup-widget="trainer"][data-quiz-id="quiz-intro"]')).to_have_count(1)
    expect(current_slide(page)).to_have_count(1)


def test_only_the_first_slide_shows_and_its_stem_is_large(page: Page, site_url):
    open_trainer(page, site_url)
    slides = page.locator("section.dpup-slide")
    expect(slides).to_have_count(7)
    expect(page.locator("section.dpup-slide--final")).to_have_count(1)
    expect(slides.first).to_be_visible()
    expect(slides.first).to_contain_text("Question 1 of 6")
    for index in range(1, 7):
        expect(slides.nth(index)).to_be_hidden()
    stem = slides.first.locator("h2.dpup-slide__stem")
    expect(stem).to_have_text(QUESTIONS[0]["stem"])
    font_size = stem.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    assert font_size >= 28, f"the stem is {font_size}px, too small for a projector"
    expect(slides.first.locator("li.dpup-slide__option")).to_have_count(4)
    expect(slides.first.locator(".dpup-slide__answer")).to_be_hidden()


def test_arrow_keys_move_between_slides_and_announce_them(page: Page, site_url):
    open_trainer(page, site_url)
    page.keyboard.press("ArrowRight")
    expect(current_slide(page)).to_contain_text("Question 2 of 6")
    expect(current_slide(page).locator("h2.dpup-slide__stem")).to_have_text(QUESTIONS[1]["stem"])
    expect(status(page)).to_contain_text("Question 2 of 6")
    expect(page.locator("section.dpup-slide:visible")).to_have_count(1)

    page.keyboard.press("ArrowLeft")
    expect(current_slide(page)).to_contain_text("Question 1 of 6")
    expect(status(page)).to_contain_text("Question 1 of 6")

    page.keyboard.press("PageDown")
    expect(current_slide(page)).to_contain_text("Question 2 of 6")
    page.keyboard.press("PageUp")
    expect(current_slide(page)).to_contain_text("Question 1 of 6")


def test_r_reveals_the_answer_and_announces_it(page: Page, site_url):
    open_trainer(page, site_url)
    slide = current_slide(page)
    expect(slide.locator('li[data-correct="true"]')).to_have_count(0)

    page.keyboard.press("r")
    correct = slide.locator('li.dpup-slide__option[data-option="C"]')
    expect(correct).to_have_attribute("data-correct", "true")
    expect(correct).to_contain_text("Correct answer")
    expect(slide.locator('li[data-correct="true"]')).to_have_count(1)
    answer = slide.locator(".dpup-slide__answer")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("People have asked whether DPUP could")
    expect(status(page)).to_contain_text("Answer: C")


def test_the_reveal_button_toggles_to_hide_answer(page: Page, site_url):
    open_trainer(page, site_url)
    answer = current_slide(page).locator(".dpup-slide__answer")
    page.get_by_role("button", name="Reveal answer").click()
    expect(answer).to_be_visible()
    expect(page.get_by_role("button", name="Hide answer")).to_be_visible()
    page.get_by_role("button", name="Hide answer").click()
    expect(answer).to_be_hidden()
    expect(page.get_by_role("button", name="Reveal answer")).to_be_visible()


def test_number_keys_highlight_one_option_at_a_time(page: Page, site_url):
    open_trainer(page, site_url)
    slide = current_slide(page)
    page.keyboard.press("2")
    expect(slide.locator('li.dpup-slide__option[data-option="B"]')).to_have_attribute("data-highlighted", "true")
    expect(slide.locator('li[data-highlighted="true"]')).to_have_count(1)
    page.keyboard.press("3")
    expect(slide.locator('li.dpup-slide__option[data-option="C"]')).to_have_attribute("data-highlighted", "true")
    expect(slide.locator('li.dpup-slide__option[data-option="B"]')).not_to_have_attribute("data-highlighted", "true")
    expect(slide.locator('li[data-highlighted="true"]')).to_have_count(1)
    expect(slide.locator('li[data-correct="true"]')).to_have_count(0)


def test_the_timer_counts_up_pauses_and_never_reveals_the_answer(page: Page, site_url):
    open_trainer(page, site_url)
    expect(timer(page)).to_have_attribute("role", "timer")
    expect(timer(page)).to_have_text("0:00")

    page.get_by_role("button", name="Start timer").click()
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    page.wait_for_timeout(1300)
    expect(timer(page)).to_have_text(re.compile(r"^\s*\d+:\d\d\s*$"))
    expect(timer(page)).not_to_have_text("0:00")

    page.get_by_role("button", name="Pause timer").click()
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
    paused = timer(page).inner_text()
    page.wait_for_timeout(1200)
    assert timer(page).inner_text() == paused

    page.keyboard.press("t")
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    page.keyboard.press("t")
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
    page.get_by_role("button", name="Reset timer").click()
    expect(timer(page)).to_have_text("0:00")

    slide = current_slide(page)
    expect(slide).to_contain_text("Question 1 of 6")
    expect(slide.locator(".dpup-slide__answer")).to_be_hidden()
    expect(slide.locator('li[data-correct="true"]')).to_have_count(0)
    expect(status(page)).not_to_contain_text("Answer:")


def test_next_leads_to_the_end_of_the_quiz_and_back_to_it(page: Page, site_url):
    open_trainer(page, site_url)
    next_button = page.get_by_role("button", name="Next")
    for number in range(2, 7):
        next_button.click()
        expect(current_slide(page)).to_contain_text(f"Question {number} of 6")
        expect(status(page)).to_contain_text(f"Question {number} of 6")
    next_button.click()
    final = page.locator("section.dpup-slide--final")
    expect(final).to_be_visible()
    expect(final).to_contain_text("End of quiz")
    expect(page.locator("section.dpup-slide:visible")).to_have_count(1)

    final.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "quiz/intro/") + r"(index\.html)?(#.*)?$"))
    expect(page.locator('form.dpup-quiz[data-quiz-id="quiz-intro"]')).to_be_visible()
