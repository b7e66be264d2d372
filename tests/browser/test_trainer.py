"""A trainer running the introductory quiz on a projector: the room joins with a QR code, one slide
at a time fits the screen, keys, reveal, the show of hands and its chart, the session summary,
full screen and the timer (driven by Playwright's clock)."""

import csv
import functools
import http.server
import io
import re
import shutil
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
import zxingcpp
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _QuietHandler, free_port, run_build
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "quiz" / "intro.yml").read_text(encoding="utf-8"))
QUESTIONS = sorted(QUIZ["questions"], key=lambda q: q["order"])
CORRECT = [next(o["key"] for o in q["options"] if o.get("correct")) for q in QUESTIONS]
STORAGE = "dpup.trainer-sessions.quiz-intro."  # one saved entry per session
OLD_STORAGE = "dpup.trainer.quiz-intro."  # one per question, before sessions were kept apart
PACK = "quiz/intro/dpup-intro-quiz-workshop-pack.html"
PROJECTORS = [pytest.param((1280, 720), id="1280x720"), pytest.param((1920, 1080), id="1920x1080")]
# A 720p screen with the browser's toolbars leaves 1280x632; an old projector is 1024x768.
WINDOWS = [*PROJECTORS, pytest.param((1280, 632), id="1280x632"), pytest.param((1024, 768), id="1024x768")]


def trainer_url(site_url: str) -> str:
    return site_url + "quiz/intro/trainer/"


def current_slide(page: Page):
    return page.locator("section.dpup-slide:not([hidden])")


def status(page: Page):
    return page.locator(".dpup-trainer__status")


def timer(page: Page):
    return page.locator(".dpup-trainer__timer")


def expect_question_announced(page: Page, number: int) -> None:
    """The status region says the question's number and its words."""
    expect(status(page)).to_have_text(f"Question {number} of 6: {QUESTIONS[number - 1]['stem']}")


def option(page: Page, key: str):
    return current_slide(page).locator(f'li.dpup-slide__option[data-option="{key}"]')


def open_trainer(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("section.dpup-trainer.dpup-trainer--active[data-quiz-id='quiz-intro']")).to_have_count(1)
    expect(current_slide(page)).to_have_count(1)


def go_to_question(page: Page, number: int) -> None:
    page.keyboard.press("Home")
    for _ in range(number):
        page.keyboard.press("ArrowRight")
    expect(current_slide(page)).to_contain_text(f"Question {number} of 6")


def count_hands(page: Page, hands: dict[str, int]) -> None:
    """A show of hands by keys only: a number picks the option, ↑ adds a hand."""
    slide = current_slide(page)
    keys = [o.get_attribute("data-option") for o in slide.locator("li.dpup-slide__option").all()]
    for key, number in hands.items():
        page.keyboard.press(str(keys.index(key) + 1))
        for _ in range(number):
            page.keyboard.press("ArrowUp")


# --- the deck ------------------------------------------------------------------------------------


def test_the_page_is_chrome_free_with_a_skip_link_and_language(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    for chrome in ("header.md-header", ".md-tabs", ".md-sidebar", ".md-footer__inner"):
        expect(page.locator(chrome)).to_have_count(0)
    assert page.evaluate("document.documentElement.lang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trainer mode: " + QUIZ["title"])
    expect(page.get_by_role("main")).to_have_count(1)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the slides")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#dpup-slides")).to_be_focused()
    # The site's small print (contact, accessibility, privacy) is still there, in the deck's bar.
    expect(page.get_by_role("contentinfo")).to_have_count(0)
    bar = page.locator(".dpup-trainer__bar")
    bar.get_by_text("About", exact=True).click()
    small_print = bar.get_by_role("navigation", name="About this site")
    for name in ("Accessibility", "Privacy"):
        expect(small_print.get_by_role("link", name=name)).to_be_in_viewport(ratio=1)
    expect(bar).to_contain_text("Published by")


def test_the_deck_opens_on_the_join_slide_then_the_questions(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    slides = page.locator("section.dpup-slide")
    expect(slides).to_have_count(8)  # join, six questions, summary
    expect(current_slide(page).get_by_role("heading", level=2)).to_contain_text("Join on your phone")
    # This build has no site_url and is served on 127.0.0.1: the slide shows the address the
    # browser has and says plainly that phones cannot open it, with no code pointing nowhere.
    expect(current_slide(page)).to_contain_text("This is a preview on this computer: phones can’t open it.")
    expect(current_slide(page).locator(".dpup-join__address")).to_have_text(site_url + "quiz/intro/")
    expect(current_slide(page).get_by_role("img")).to_have_count(0)
    expect(current_slide(page)).not_to_contain_text("site_url")
    page.keyboard.press("ArrowRight")
    expect(current_slide(page)).to_contain_text("Question 1 of 6")
    stem = current_slide(page).get_by_role("heading", level=2)
    expect(stem).to_have_text(QUESTIONS[0]["stem"])
    font_size = stem.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    assert font_size >= 28, f"the stem is {font_size}px, too small for a projector"
    expect(current_slide(page).get_by_role("listitem")).to_have_count(4)
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_hidden()
    expect(page.locator("section.dpup-slide:visible")).to_have_count(1)


def test_arrow_keys_move_between_slides_and_announce_them(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.keyboard.press("ArrowRight")
    expect(current_slide(page)).to_contain_text("Question 2 of 6")
    expect(current_slide(page).locator("h2.dpup-slide__stem")).to_have_text(QUESTIONS[1]["stem"])
    expect_question_announced(page, 2)
    expect(page.locator("section.dpup-slide:visible")).to_have_count(1)
    page.keyboard.press("ArrowLeft")
    expect_question_announced(page, 1)
    page.keyboard.press("PageDown")
    expect(current_slide(page)).to_contain_text("Question 2 of 6")
    page.keyboard.press("PageUp")
    expect(current_slide(page)).to_contain_text("Question 1 of 6")
    page.keyboard.press("End")
    expect(current_slide(page).get_by_role("heading", level=2)).to_have_text(re.compile("^End of quiz"))
    page.keyboard.press("Home")
    expect(current_slide(page).get_by_role("heading", level=2)).to_contain_text("Join on your phone")


def test_space_moves_on_like_presentation_software_and_never_scrolls_the_slide_away(page: Page, site_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.evaluate("document.activeElement.blur()")  # focus on the page, not on a control
    page.keyboard.press("Space")
    expect_question_announced(page, 2)
    page.keyboard.press("Shift+Space")
    expect_question_announced(page, 1)
    assert page.evaluate("scrollY") == 0
    stem = current_slide(page).get_by_role("heading", level=2).bounding_box()
    assert 0 <= stem["y"] and stem["y"] + stem["height"] <= 720
    # On a focused button, Space is the button's: "Reveal answer" reveals, the slide stays.
    reveal = page.get_by_role("button", name=re.compile("^Reveal"))
    reveal.focus()
    page.keyboard.press("Space")
    expect(current_slide(page).locator('li[data-correct="true"]')).to_have_count(1)
    expect(status(page)).not_to_contain_text("Question 2 of 6")


def test_r_reveals_the_answer_and_announces_it(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    slide = current_slide(page)
    expect(slide.locator('li[data-correct="true"]')).to_have_count(0)
    page.keyboard.press("r")
    correct = slide.locator('li.dpup-slide__option[data-option="C"]')
    expect(correct).to_have_attribute("data-correct", "true")
    expect(correct).to_contain_text("Correct answer")
    expect(slide.locator('li[data-correct="true"]')).to_have_count(1)
    answer = slide.locator(".dpup-slide__answer")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Answer: C.")
    expect(answer).to_contain_text("People have asked whether DPUP could")
    expect(status(page)).to_contain_text("Answer: C")


def test_the_reveal_button_toggles_to_hide_answer(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    answer = current_slide(page).locator(".dpup-slide__answer")
    page.get_by_role("button", name="Reveal answer").click()
    expect(answer).to_be_visible()
    page.get_by_role("button", name="Hide answer").click()
    expect(answer).to_be_hidden()
    expect(page.get_by_role("button", name="Reveal answer")).to_be_visible()


def test_number_keys_pick_one_option_at_a_time(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.keyboard.press("2")
    expect(option(page, "B")).to_be_focused()
    page.keyboard.press("3")
    expect(option(page, "C")).to_be_focused()
    expect(current_slide(page).locator('li[data-correct="true"]')).to_have_count(0)
    expect(status(page)).to_have_text("Option C picked: 0 hands")


# How an option looks, apart from the focus ring (outline): what the room could read as a hint.
LOOK = """el => { const s = getComputedStyle(el), t = getComputedStyle(el.querySelector('.dpup-slide__text'));
  return [s.borderTopColor, s.borderTopWidth, s.backgroundColor, s.color, t.color, t.fontWeight].join(' | '); }"""
RING = "el => getComputedStyle(el).outlineStyle"


def test_before_the_reveal_nothing_but_the_focus_ring_singles_out_an_option(page: Page, site_url):
    # Counting the correct answer (C) last left it orange until the reveal: a room reads a hint.
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"A": 1, "C": 3})
    options = current_slide(page).locator("li.dpup-slide__option")
    expect(option(page, "C")).to_be_focused()
    looks = [o.evaluate(LOOK) for o in options.all()]
    assert len(set(looks)) == 1, f"before the reveal an option looks different: {looks}"
    # The trainer's own focus ring is on the option the next + counts, and on no other.
    assert [o.evaluate(RING) for o in options.all()] == ["none", "none", "solid", "none"]
    page.keyboard.press("ArrowUp")
    expect(option(page, "C").locator(".dpup-tally__text")).to_have_text("4 hands")


def test_the_reveal_leaves_only_the_correct_answer_marked(page: Page, site_url):
    # An option still picked for counting, ringed beside the correct one, looked like a second answer.
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    slide = current_slide(page)
    page.keyboard.press("1")
    expect(option(page, "A")).to_be_focused()
    page.keyboard.press("r")
    expect(slide.locator('li[data-option="C"]').get_by_text("Correct answer")).to_be_visible()
    expect(page.locator(".dpup-trainer__stage")).to_be_focused()
    assert [o.evaluate(RING) for o in slide.locator("li.dpup-slide__option").all()] == ["none"] * 4
    looks = {key: option(page, key).evaluate(LOOK) for key in "ABCD"}
    assert looks["A"] == looks["B"] == looks["D"] != looks["C"]
    page.keyboard.press("1")  # and picking again still works
    expect(status(page)).to_have_text("Option A picked: 0 hands")


def test_a_count_key_for_an_option_the_question_lacks_says_so_and_keeps_the_pick(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 6)  # two options, A and B
    count_hands(page, {"B": 2})
    page.keyboard.press("3")
    notice = current_slide(page).locator(".dpup-slide__notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Question 6 has options A and B. B is still picked.")
    expect(status(page)).to_have_text("Question 6 has options A and B. B is still picked.")
    expect(option(page, "B")).to_be_focused()
    page.keyboard.press("ArrowUp")  # the + goes where the slide says: B
    expect(option(page, "B").locator(".dpup-tally__text")).to_have_text("3 hands")
    expect(option(page, "A").locator(".dpup-tally__text")).to_have_text("0 hands")
    expect(notice).to_be_hidden()
    # With nothing picked, the slide says which options there are.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("4")
    expect(notice).to_have_text("Question 6 has options A and B.")


def test_the_timer_counts_up_pauses_and_never_reveals_the_answer(page: Page, site_url):
    page.clock.install()
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    expect(timer(page)).to_have_attribute("role", "timer")
    expect(timer(page)).to_have_text("0:00")

    page.get_by_role("button", name="Start timer").click()
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    page.clock.run_for(65_000)
    expect(timer(page)).to_have_text("1:05")

    page.get_by_role("button", name="Pause timer").click()
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
    page.clock.run_for(30_000)
    expect(timer(page)).to_have_text("1:05")

    # The one-key shortcuts work on the slide, not on the bar's buttons.
    page.keyboard.press("t")
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
    current_slide(page).locator(".dpup-slide__stem").click()
    page.keyboard.press("t")
    page.clock.run_for(10_000)
    expect(timer(page)).to_have_text("1:15")
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
    open_trainer(page, trainer_url(site_url))
    next_button = page.get_by_role("button", name="Next")
    for number in range(1, 7):
        next_button.click()
        expect_question_announced(page, number)
    next_button.click()
    final = page.locator("section.dpup-slide--final")
    expect(final).to_be_visible()
    expect(next_button).to_be_disabled()
    final.get_by_role("link", name="Back to the quiz page").click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "quiz/intro/") + r"(index\.html)?(#.*)?$"))
    expect(page.locator('form.dpup-quiz[data-quiz-id="quiz-intro"]')).to_be_visible()


# --- fitting the projector -------------------------------------------------------------------------

MEASURE = """() => {
  const slide = document.querySelector('section.dpup-slide:not([hidden])');
  const stage = document.querySelector('.dpup-trainer__stage');
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  // Every box on the slide the room can see: question, options, bars, counts, answer, explanation.
  const boxes = [...slide.querySelectorAll('*')].filter(el => el.getClientRects().length)
    .map(el => { const r = el.getBoundingClientRect();
      return {what: el.className || el.tagName, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; });
  const explanation = [...slide.querySelectorAll('.dpup-slide__answer > :not(.dpup-slide__verdict)')];
  return {
    width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth,
    scrolled: scrollY, deckBottom: document.querySelector('.dpup-trainer').getBoundingClientRect().bottom,
    stageOverflow: stage.scrollHeight - stage.clientHeight, boxes,
    bars: slide.querySelectorAll('.dpup-tally__bar').length,
    optionFonts: [...slide.querySelectorAll('.dpup-slide__text')].map(size),
    explanationFonts: explanation.filter(el => el.getClientRects().length).map(size),
  };
}"""

# Smallest text at each window: option and explanation text at least 24px on a 1280x720
# projector, more on 1920x1080; a smaller window may use smaller text as long as it all fits.
SMALLEST_TEXT = {(1280, 720): 24, (1920, 1080): 32, (1280, 632): 20, (1024, 768): 18}


def assert_fits(m: dict, where: str) -> None:
    width, height = m["width"], m["height"]
    assert m["scrollWidth"] <= width, f"{where}: the page scrolls sideways ({m['scrollWidth']}px)"
    assert m["scrolled"] == 0 and m["deckBottom"] <= height and m["stageOverflow"] <= 0, (
        f"{where} needs scrolling: overflow {m['stageOverflow']}px"
    )
    for box in m["boxes"]:
        assert 0 <= box["top"] and box["bottom"] <= height and 0 <= box["left"] and box["right"] <= width, (
            f"{where}: {box['what']} is outside the window: {box}"
        )


@pytest.mark.parametrize("size", WINDOWS)
def test_every_question_fits_the_window_with_hands_counted_and_after_the_reveal(page: Page, site_url, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_trainer(page, trainer_url(site_url))
    smallest = SMALLEST_TEXT[size]
    for number, question in enumerate(QUESTIONS, start=1):
        page.keyboard.press("ArrowRight")
        expect_question_announced(page, number)
        # The worst case: hands counted on every option, so each carries its count, then its bar.
        count_hands(page, {o["key"]: 2 + i for i, o in enumerate(question["options"])})
        counted = page.evaluate(MEASURE)
        assert_fits(counted, f"Q{number} at {width}x{height} with hands counted")
        page.keyboard.press("r")
        expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
        m = page.evaluate(MEASURE)
        assert_fits(m, f"Q{number} at {width}x{height} after the reveal")
        assert m["bars"] == len(question["options"]) and m["explanationFonts"]
        assert min(m["optionFonts"]) >= smallest, f"Q{number}: option text is {m['optionFonts']}px at {width}x{height}"
        assert min(m["explanationFonts"]) >= smallest, (
            f"Q{number}: the explanation is {m['explanationFonts']}px at {width}x{height}"
        )


def test_option_text_grows_with_the_screen(page: Page, site_url):
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        open_trainer(page, trainer_url(site_url))
        go_to_question(page, 1)
        sizes[width] = (
            current_slide(page)
            .locator(".dpup-slide__text")
            .first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        )
    assert sizes[1280] >= 24 and sizes[1920] >= sizes[1280] * 1.4, sizes


def test_full_screen_hides_the_bar_keeps_the_keys_and_offers_to_exit(page: Page, site_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_trainer(page, trainer_url(site_url))
    button = page.locator('button[data-action="fullscreen"]')
    expect(button).to_have_text("Full screen")
    page.evaluate("""() => { window.__fullscreenChanges = 0;
      document.addEventListener('fullscreenchange', () => { window.__fullscreenChanges += 1; }); }""")
    button.click()
    page.wait_for_function("window.__fullscreenChanges === 1")
    assert page.evaluate("document.fullscreenElement && document.fullscreenElement.matches('.dpup-trainer')")
    expect(button).to_have_text("Exit full screen")
    # The room sees the slide only: the control bar is out of sight...
    bar = page.locator(".dpup-trainer__bar").bounding_box()
    assert bar["height"] <= 1 and bar["width"] <= 1, f"the control bar still shows in full screen: {bar}"
    # ...and the keys keep working.
    page.keyboard.press("ArrowRight")
    expect_question_announced(page, 1)
    page.keyboard.press("r")
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
    stem = current_slide(page).locator(".dpup-slide__stem").bounding_box()
    assert stem["y"] < 100, f"the question starts at {stem['y']}px in full screen"
    # Shift+Tab brings the bar back, with the button that leaves full screen.
    page.keyboard.press("Shift+Tab")
    bar = page.locator(".dpup-trainer__bar").bounding_box()
    assert bar["height"] > 20 and bar["width"] > 600, f"Shift+Tab did not bring the bar back: {bar}"
    expect(button).to_be_visible()
    # F, back on the slide, leaves full screen (in the bar, the one-key shortcuts are not active).
    current_slide(page).locator(".dpup-slide__stem").click()
    page.keyboard.press("f")
    page.wait_for_function("window.__fullscreenChanges === 2")
    assert page.evaluate("document.fullscreenElement") is None
    expect(button).to_have_text("Full screen")


# --- what the room and the trainer see (issue 32) -----------------------------------------------

DECK_BOX = """() => { const deck = document.querySelector('.dpup-trainer').getBoundingClientRect();
  return {page: document.documentElement.scrollHeight, wide: document.documentElement.scrollWidth,
          top: deck.top, bottom: deck.bottom}; }"""


@pytest.mark.parametrize("size", WINDOWS)
def test_the_deck_is_exactly_the_window_with_the_small_print_inside_it(page: Page, site_url, size):
    # The footer below the deck made the page 155px taller than the window: a wheel or Page Down
    # scrolled the control bar away, and Firefox showed a scrollbar on the projected slide.
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_trainer(page, trainer_url(site_url))
    for where in ("join", "question 1 revealed", "summary"):
        if where == "question 1 revealed":
            go_to_question(page, 1)
            count_hands(page, {"A": 2, "C": 3})
            page.keyboard.press("r")
        elif where == "summary":
            page.keyboard.press("End")
        m = page.evaluate(DECK_BOX)
        assert m == {"page": height, "wide": width, "top": 0, "bottom": height}, f"{where} at {width}x{height}: {m}"
    # The site's small print is inside the deck: its links a click away in the bar.
    bar = page.locator(".dpup-trainer__bar")
    bar.get_by_text("About", exact=True).click()
    for name in ("Feedback and contact", "Accessibility", "Privacy"):
        expect(bar.get_by_role("link", name=name)).to_be_in_viewport(ratio=1)
    assert page.evaluate(DECK_BOX)["page"] == height


@pytest.mark.parametrize("size", WINDOWS)
def test_the_summary_reads_at_the_question_slides_size(page: Page, site_url, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"A": 2, "C": 1})
    font = "el => parseFloat(getComputedStyle(el).fontSize)"
    question_size = option(page, "A").locator(".dpup-slide__text").evaluate(font)
    page.keyboard.press("End")
    final = current_slide(page)
    for part in (final.locator(".dpup-summary__hardest > li:visible").first, final.locator("p").last):
        assert part.evaluate(font) >= question_size - 0.1, f"{part} at {width}x{height}: {part.evaluate(font)}px"
    assert question_size >= SMALLEST_TEXT[size]


def test_reloading_the_offline_pack_keeps_trainer_mode(page: Page, built_site, tmp_path):
    pack = tmp_path / "pack.html"
    shutil.copy(built_site / PACK, pack)
    page.goto(pack.as_uri())
    trainer_button = page.get_by_role("button", name="Trainer mode")
    trainer_button.click()
    page.keyboard.press("ArrowRight")  # the keys work at once: the slides have focus
    expect_question_announced(page, 1)
    page.reload()
    expect(trainer_button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".dpup-trainer__stage")).to_be_visible()
    expect(page.locator("form.dpup-quiz")).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect_question_announced(page, 1)
    # And the quiz stays the quiz.
    page.get_by_role("button", name="Quiz", exact=True).click()
    page.reload()
    expect(page.locator("form.dpup-quiz")).to_be_visible()
    expect(trainer_button).to_have_attribute("aria-pressed", "false")


def test_session_dates_are_in_new_zealand_english_in_an_american_browser(browser, site_url):
    context = browser.new_context(locale="en-US", timezone_id="Pacific/Auckland")
    page = context.new_page()
    page.clock.install(time=datetime(2026, 12, 6, 7, 33, tzinfo=ZoneInfo("Pacific/Auckland")))
    open_trainer(page, trainer_url(site_url))
    assert page.evaluate("navigator.language") == "en-US"
    go_to_question(page, 1)
    count_hands(page, {"A": 1})
    page.locator(".dpup-trainer__sessions > summary").click()
    expect(page.locator(".dpup-sessions__list > li > span").first).to_have_text(
        "Started Sun, 6 December 2026 at 7:33 am: 1 question, 1 hand (this session)"
    )
    page.reload()
    expect(page.locator(".dpup-trainer__resume")).to_contain_text(
        "(started Sun, 6 December 2026 at 7:33 am: 1 question"
    )
    context.close()


# Whether each option's centre is the option's own (nothing drawn over it) and how far it is from
# the window's edges.
OPTION_PLACES = """els => els.map(el => { el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {text: el.textContent.trim().slice(0, 30), own: el.contains(hit), left: r.left, right: innerWidth - r.right}; })"""


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["projector", "phone"])
def test_without_javascript_the_page_is_a_readable_list_with_each_answer_behind_a_disclosure(browser, site_url, size):
    width, height = size
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(trainer_url(site_url))
    expect(page.get_by_text("Without JavaScript this page lists the questions")).to_be_visible()
    questions = page.locator("section.dpup-slide--question")
    expect(questions).to_have_count(6)
    for number, question in enumerate(questions.all(), start=1):
        expect(question).to_be_visible()
        expect(question.locator(".dpup-slide__answer")).to_be_hidden()
        show = question.get_by_text(f"Show the answer to question {number}")
        expect(show).to_be_visible()
        places = question.locator("li.dpup-slide__option").evaluate_all(OPTION_PLACES)
        for place in places:
            assert place["own"], f"Q{number} at {width}x{height}: something covers {place}"
            assert place["left"] >= 8 and place["right"] >= 0, f"Q{number}: touches the window's edge: {place}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first = questions.first
    first.get_by_text("Show the answer to question 1").click()
    expect(first.locator(".dpup-slide__answer")).to_be_visible()
    expect(first.locator(".dpup-slide__answer")).to_contain_text(f"Answer: {CORRECT[0]}.")
    text_left = page.get_by_text("Without JavaScript this page lists the questions").bounding_box()["x"]
    assert text_left >= 8, f"the text starts {text_left}px from the window's edge"
    context.close()


# --- what a keyboard, speech-input or screen-reader user meets (issue 33) ----------------------------


def test_the_keys_do_nothing_on_a_link_or_menu_outside_the_slides(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.get_by_role("link", name="Back to the quiz").focus()
    for key in ("ArrowRight", "End", "t", "r", "1", "f", "Space"):
        page.keyboard.press(key)
    expect(page.get_by_role("link", name="Back to the quiz")).to_be_focused()
    page.locator(".dpup-trainer__sessions > summary").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("t")
    expect(current_slide(page)).to_contain_text("Question 1 of 6")
    expect(page.get_by_role("button", name="Start timer")).to_be_visible()
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_hidden()
    expect_question_announced(page, 1)
    # The arrows still work on the bar's own slide buttons (a clicker after a click on Next).
    page.get_by_role("button", name="Next").focus()
    page.keyboard.press("PageDown")
    expect_question_announced(page, 2)


def test_the_one_key_shortcuts_can_be_turned_off_and_this_browser_remembers(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    keys = page.locator(".dpup-trainer__keys > summary")
    keys.click()
    switch = page.get_by_role("checkbox", name=re.compile("^One-key shortcuts"))
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(status(page)).to_have_text("One-key shortcuts off: the buttons and the arrow keys still work.")
    expect(keys).to_have_text("Keys (one-key off)")
    keys.click()  # closed again: the slide shows whole
    for again in (False, True):
        if again:
            page.reload()
            open_trainer(page, trainer_url(site_url))
            expect(keys).to_have_text("Keys (one-key off)")
            go_to_question(page, 1)  # the arrows still work
        current_slide(page).locator(".dpup-slide__stem").click()
        for key in ("r", "t", "1", "Space"):
            page.keyboard.press(key)
        expect(current_slide(page).locator(".dpup-slide__answer")).to_be_hidden()
        expect(page.get_by_role("button", name="Start timer")).to_be_visible()
        expect(current_slide(page)).to_contain_text("Question 1 of 6")
    page.get_by_role("button", name="Reveal answer").click()  # the buttons still work
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
    keys.click()
    switch.check()
    keys.click()
    current_slide(page).locator(".dpup-slide__stem").click()
    page.keyboard.press("r")
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_hidden()


def test_starting_pausing_and_resetting_the_timer_is_announced(page: Page, site_url):
    page.clock.install()
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.get_by_role("button", name="Start timer").click()
    expect(status(page)).to_have_text("Timer started.")
    page.clock.run_for(65_000)
    page.get_by_role("button", name="Pause timer").click()
    expect(status(page)).to_have_text("Timer paused at 1:05.")
    page.get_by_role("button", name="Resume timer").click()
    expect(status(page)).to_have_text("Timer resumed.")
    page.get_by_role("button", name="Reset timer").click()
    expect(status(page)).to_have_text("Timer reset to 0:00.")


def test_on_reload_the_question_about_an_earlier_session_takes_focus(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"C": 2})
    page.reload()
    open_trainer(page, trainer_url(site_url))
    question = page.locator(".dpup-trainer__resume p")
    expect(question).to_be_focused()
    # What a screen reader reads on arriving: the question, in its group named by it, with its answers.
    expect(question).to_have_text(
        re.compile(r"^Counts from an earlier session are saved in this browser \(started .+\)\.")
    )
    expect(
        page.get_by_role(
            "group",
            name=re.compile(
                r"^Counts from an earlier session are saved in this browser \(started .*: 1 question, 2 hands\)\. Continue that session, or start a new one\?$"
            ),
        )
    ).to_be_visible()
    page.get_by_role("button", name="Continue that session").click()
    expect(page.locator(".dpup-trainer__stage")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect_question_announced(page, 1)


# --- the room's show of hands ---------------------------------------------------------------------


def test_a_show_of_hands_is_counted_by_keys_and_charted_after_the_reveal(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"C": 4, "A": 2})
    page.keyboard.press("Minus")  # one fewer for A
    expect(status(page)).to_have_text("A: 1 hand")
    page.keyboard.press("2")
    page.keyboard.press("Equal")  # + without Shift
    expect(status(page)).to_have_text("B: 1 hand")
    # Before the reveal: the running count only, no shares that could lead the room.
    expect(option(page, "C").locator(".dpup-tally")).to_have_text("4 hands")
    expect(option(page, "D").locator(".dpup-tally")).to_have_text("0 hands")
    expect(current_slide(page).locator(".dpup-slide__options")).not_to_contain_text("%")

    page.keyboard.press("r")
    expect(option(page, "C")).to_contain_text("4 hands, 67%")
    expect(option(page, "A")).to_contain_text("1 hand, 17%")
    expect(option(page, "B")).to_contain_text("1 hand, 16%")
    expect(option(page, "D")).to_contain_text("0 hands, 0%")
    expect(current_slide(page).locator(".dpup-slide__answer")).to_contain_text(
        "The room: 6 hands counted; 4 (67%) chose C."
    )
    expect(status(page)).to_contain_text("Answer: C. The room: 6 hands counted")
    # The bars only repeat the words: the longest is the most chosen.
    widths = {key: option(page, key).locator(".dpup-tally__bar").bounding_box()["width"] for key in "ABC"}
    assert widths["C"] > widths["A"] * 3.5 and abs(widths["A"] - widths["B"]) < 1, widths


def test_the_plus_and_minus_buttons_count_too_and_never_go_below_zero(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 2)
    more = page.get_by_role("button", name="One more hand for A")
    for _ in range(3):
        more.click()
    page.get_by_role("button", name="One hand fewer for B").click()
    page.keyboard.press("r")
    expect(option(page, "A")).to_contain_text("3 hands, 100%")
    expect(option(page, "B")).to_contain_text("0 hands, 0%")


def test_counting_needs_an_option_picked_first(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.keyboard.press("ArrowUp")
    expect(status(page)).to_have_text("Pick an option first with 1 to 4.")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('dpup.trainer'))") == []


def saved_sessions(page: Page) -> dict:
    return page.evaluate(f"""Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('{STORAGE}'))
      .map(k => [k.slice({len(STORAGE)}), JSON.parse(localStorage.getItem(k))]))""")


def test_the_counts_are_kept_in_this_browser_and_survive_a_reload(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 3)
    count_hands(page, {"A": 2, "B": 5})
    [(session_id, saved)] = saved_sessions(page).items()
    assert saved["counts"]["quiz-intro.03"] == {"A": 2, "B": 5}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", saved["started"]) and session_id.startswith("s")
    page.reload()
    expect(page.locator(".dpup-trainer--active")).to_have_count(1)
    page.get_by_role("button", name="Continue that session").click()
    go_to_question(page, 3)
    page.keyboard.press("r")
    expect(option(page, "B")).to_contain_text("5 hands, 71%")


def test_damaged_or_hostile_saved_counts_read_as_nothing(page: Page, site_url):
    # Counts saved in the old form (one entry per question) become the first session.
    page.goto(trainer_url(site_url))
    page.evaluate(f"""() => {{
      localStorage.setItem('{OLD_STORAGE}quiz-intro.01', JSON.stringify({{A: -5, B: "9", C: 1e12, D: 2.5, Z: 3}}));
      localStorage.setItem('{OLD_STORAGE}quiz-intro.02', '{{not json');
      localStorage.setItem('{OLD_STORAGE}quiz-intro.03', '"<img src=x onerror=alert(1)>"');
      localStorage.setItem('{STORAGE}s1', '{{"started": "<img src=x onerror=alert(2)>", "counts": {{"__proto__": 1}}}}');
      localStorage.setItem('{STORAGE}s2', '[1, 2]');
    }}""")
    open_trainer(page, trainer_url(site_url))
    page.get_by_role("button", name="Continue that session").click()
    go_to_question(page, 1)
    page.keyboard.press("r")
    expect(option(page, "A")).to_contain_text("0 hands, 0%")
    expect(option(page, "B")).to_contain_text("0 hands, 0%")
    expect(option(page, "C")).to_contain_text("9999 hands, 100%")
    expect(option(page, "D")).to_contain_text("0 hands, 0%")
    for _number in (2, 3):
        page.keyboard.press("ArrowRight")
        page.keyboard.press("r")
        expect(current_slide(page).locator(".dpup-tally:visible")).to_have_count(0)
    expect(page.locator("img")).to_have_count(0)


def test_full_or_blocked_storage_keeps_the_count_on_screen(page: Page, site_url):
    page.add_init_script("""Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError'); };""")
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"C": 2})
    expect(status(page)).to_contain_text("could not be saved")
    page.keyboard.press("r")
    expect(option(page, "C")).to_contain_text("2 hands, 100%")


def test_a_second_tab_shows_the_counts_made_in_the_first(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    other = page.context.new_page()
    open_trainer(other, trainer_url(site_url))
    go_to_question(other, 1)
    other.keyboard.press("r")
    go_to_question(page, 1)
    count_hands(page, {"A": 3})
    expect(option(other, "A")).to_contain_text("3 hands, 100%")
    other.close()


def hands_on(page: Page, key: str):
    return option(page, key).locator(".dpup-tally__text")


def test_two_windows_counting_at_once_keep_every_press(page: Page, site_url):
    # Each window wrote its whole session and the later write won: 26 to 38 of 51 presses were kept.
    open_trainer(page, trainer_url(site_url))
    other = page.context.new_page()
    open_trainer(other, trainer_url(site_url))
    go_to_question(page, 1)
    go_to_question(other, 1)
    page.keyboard.press("1")
    other.keyboard.press("3")
    for press in range(51):
        (page if press % 2 == 0 else other).keyboard.press("ArrowUp")
    for window in (page, other):
        expect(hands_on(window, "A")).to_have_text("26 hands")
        expect(hands_on(window, "C")).to_have_text("25 hands")
    [session] = saved_sessions(page).values()
    assert session["counts"]["quiz-intro.01"] == {"A": 26, "B": 0, "C": 25, "D": 0}
    other.close()


def test_a_new_session_started_in_one_window_never_follows_another_that_counts(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    other = page.context.new_page()
    open_trainer(other, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"A": 2})
    # The other window starts a new session for a new room while the first one keeps counting.
    other.locator(".dpup-trainer__sessions > summary").click()
    other.get_by_role("button", name="Start a new session").click()
    expect(status(other)).to_have_text("A new session: no hands counted yet.")
    count_hands(page, {"A": 1})
    expect(hands_on(page, "A")).to_have_text("3 hands")
    expect(other.locator(".dpup-trainer__stage")).to_be_focused()  # the list closed; the keys work at once
    go_to_question(other, 1)
    count_hands(other, {"B": 4})
    expect(hands_on(other, "B")).to_have_text("4 hands")
    expect(hands_on(other, "A")).to_have_text("0 hands")
    expect(hands_on(page, "B")).to_have_text("0 hands")
    expect(hands_on(page, "A")).to_have_text("3 hands")
    counts = sorted(tuple(s["counts"]["quiz-intro.01"].values()) for s in saved_sessions(page).values())
    assert counts == [(0, 4, 0, 0), (3, 0, 0, 0)]
    other.close()


def test_an_old_format_count_after_migration_never_replaces_the_migrated_session(page: Page, site_url):
    page.goto(trainer_url(site_url))
    page.evaluate(f"""() => {{ localStorage.clear();
      localStorage.setItem('{OLD_STORAGE}quiz-intro.01', JSON.stringify({{C: 10}})); }}""")
    open_trainer(page, trainer_url(site_url))
    expect(page.locator(".dpup-trainer__resume")).to_contain_text("1 question, 10 hands")
    # A window still running the old code saves its own count in the old form again.
    page.evaluate(f"localStorage.setItem('{OLD_STORAGE}quiz-intro.04', JSON.stringify({{B: 1}}))")
    page.reload()
    open_trainer(page, trainer_url(site_url))
    expect(page.locator(".dpup-trainer__resume")).to_contain_text("2 questions, 11 hands")
    page.get_by_role("button", name="Continue that session").click()
    go_to_question(page, 1)
    page.keyboard.press("r")
    expect(hands_on(page, "C")).to_have_text("10 hands, 100%")
    go_to_question(page, 4)
    page.keyboard.press("r")
    expect(hands_on(page, "B")).to_have_text("1 hand, 100%")


# --- sessions: one workshop's counts never show at the next -----------------------------------------


def tallies_shown(page: Page) -> list[str]:
    return current_slide(page).locator(".dpup-tally:visible").all_inner_texts()


@pytest.fixture
def last_workshop(page: Page, site_url, browser):
    """A workshop counted 7 hands on question 1 and 3 on question 2 in this browser; the next one
    opens trainer mode in a fresh page (a new context with the same saved storage)."""
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"C": 7})
    page.keyboard.press("ArrowRight")
    count_hands(page, {"A": 3})
    context = browser.new_context(storage_state=page.context.storage_state())
    yield context.new_page()
    context.close()


def test_a_new_session_in_a_fresh_page_shows_no_counts_before_or_after_the_reveal(last_workshop, site_url):
    page = last_workshop
    open_trainer(page, trainer_url(site_url))
    ask = page.get_by_role("group", name=re.compile("^Counts from an earlier session are saved in this browser"))
    expect(ask).to_be_visible()
    expect(ask).to_contain_text("2 questions, 10 hands")
    # Until the trainer answers, the deck is a new session: nothing of the last room shows.
    go_to_question(page, 1)
    assert tallies_shown(page) == []
    page.get_by_role("button", name="Start a new session").click()
    expect(ask).to_be_hidden()
    for number in (1, 2):
        go_to_question(page, number)
        assert tallies_shown(page) == []
        page.keyboard.press("r")
        expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
        assert tallies_shown(page) == []
        expect(current_slide(page).locator(".dpup-slide__room")).to_have_text("")
    page.keyboard.press("End")
    expect(current_slide(page)).to_contain_text("No hands counted yet.")
    # This room's counts are kept apart from the last one's.
    go_to_question(page, 1)
    count_hands(page, {"B": 2})
    sessions = saved_sessions(page)
    assert sorted(sum(c.values()) for s in sessions.values() for c in s["counts"].values() if sum(c.values())) == [
        2,
        3,
        7,
    ]
    assert len(sessions) == 2


def test_continuing_keeps_the_counts_and_shows_them_after_the_reveal(last_workshop, site_url):
    page = last_workshop
    open_trainer(page, trainer_url(site_url))
    page.get_by_role("button", name="Continue that session").click()
    expect(status(page)).to_contain_text("Continuing the session started")
    go_to_question(page, 1)
    assert tallies_shown(page) == []  # never before the reveal, unless the trainer counts
    page.keyboard.press("r")
    expect(option(page, "C")).to_contain_text("7 hands, 100%")
    go_to_question(page, 2)
    count_hands(page, {"A": 1})  # counting here is asking: the running count shows
    expect(option(page, "A").locator(".dpup-tally")).to_have_text("4 hands")
    [session] = saved_sessions(page).values()
    assert session["counts"]["quiz-intro.01"]["C"] == 7 and session["counts"]["quiz-intro.02"]["A"] == 4


def test_counts_saved_in_the_old_form_become_the_first_session(page: Page, site_url):
    page.goto(trainer_url(site_url))
    page.evaluate(f"""() => {{ localStorage.clear();
      localStorage.setItem('{OLD_STORAGE}quiz-intro.01', JSON.stringify({{A: 1, C: 7}}));
      localStorage.setItem('{OLD_STORAGE}quiz-intro.04', JSON.stringify({{B: 2}})); }}""")
    open_trainer(page, trainer_url(site_url))
    ask = page.get_by_role("group", name=re.compile("^Counts from an earlier session"))
    expect(ask).to_contain_text("before sessions were kept apart: 2 questions, 10 hands")
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{OLD_STORAGE}'))") == []
    [session] = saved_sessions(page).values()
    assert session["started"] is None and session["counts"]["quiz-intro.01"] == {"A": 1, "B": 0, "C": 7, "D": 0}
    page.get_by_role("button", name="Continue that session").click()
    go_to_question(page, 4)
    page.keyboard.press("r")
    expect(option(page, "B")).to_contain_text("2 hands, 100%")


def test_earlier_sessions_can_be_downloaded_and_deleted(last_workshop, site_url, tmp_path):
    page = last_workshop
    open_trainer(page, trainer_url(site_url))
    page.get_by_role("button", name="Start a new session").click()
    go_to_question(page, 1)
    count_hands(page, {"A": 4})
    page.get_by_text("Sessions", exact=True).click()
    sessions = page.locator(".dpup-sessions__list > li")
    expect(sessions).to_have_count(2)
    expect(sessions.nth(0)).to_contain_text("1 question, 4 hands (this session)")
    expect(sessions.nth(1)).to_contain_text("2 questions, 10 hands")
    with page.expect_download() as info:
        sessions.nth(1).get_by_role("button", name=re.compile("^Download the counts of the session started")).click()
    path = tmp_path / "earlier.csv"
    info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert [(r[0], r[2], r[5]) for r in rows[1:] if r[5] != "0"] == [("1", "C", "7"), ("2", "A", "3")]
    sessions.nth(1).get_by_role("button", name=re.compile("^Delete the session started")).click()
    question = sessions.nth(1).get_by_text(re.compile("^Delete the counts of the session started"))
    expect(question).to_be_focused()
    sessions.nth(1).get_by_role("button", name="No, keep them").click()
    expect(question).to_be_hidden()
    expect(sessions).to_have_count(2)
    sessions.nth(1).get_by_role("button", name=re.compile("^Delete the session")).click()
    sessions.nth(1).get_by_role("button", name="Yes, delete them").click()
    expect(sessions).to_have_count(1)
    expect(sessions.nth(0)).to_contain_text("(this session)")
    assert len(saved_sessions(page)) == 1


# --- the session summary ------------------------------------------------------------------------


def run_a_session(page: Page) -> None:
    """Six questions by keys only: the room gets Q4 most wrong, then Q2; Q1 and Q3 all right."""
    hands = {
        1: {"C": 10},
        2: {"A": 4, "C": 4, "D": 2},
        3: {"B": 9},
        4: {"A": 2, "B": 8},
        5: {"A": 6, "B": 3},
        6: {"B": 7, "A": 1},
    }
    for number in range(1, 7):
        page.keyboard.press("ArrowRight")
        expect_question_announced(page, number)
        count_hands(page, hands[number])
        page.keyboard.press("r")
        expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
    page.keyboard.press("ArrowRight")


def test_the_summary_lists_the_hardest_questions_with_what_to_revisit(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    run_a_session(page)
    final = current_slide(page)
    expect(final.get_by_role("heading", level=2)).to_have_text("End of quiz: how the room answered")
    expect(final.get_by_role("heading", level=3)).to_have_text("Questions the room found hardest")
    items = final.locator(".dpup-summary__hardest > li:visible")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Question 4: " + QUESTIONS[3]["stem"])
    expect(items.nth(0)).to_contain_text("2 of 10 hands (20%) on the correct answer.")
    expect(items.nth(1)).to_contain_text("Question 2:")
    expect(items.nth(1)).to_contain_text("4 of 10 hands (40%)")
    expect(items.nth(2)).to_contain_text("Question 5:")
    expect(items.nth(2)).to_contain_text("6 of 9 hands (67%)")
    link = items.nth(0).get_by_role("link", name="Transparency and Choice guideline")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "guidelines/transparency-and-choice/")))


def test_the_summary_fits_the_projector(page: Page, site_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_trainer(page, trainer_url(site_url))
    run_a_session(page)
    stage = page.evaluate("""() => { const s = document.querySelector('.dpup-trainer__stage');
      return [s.scrollHeight - s.clientHeight, document.documentElement.scrollWidth]; }""")
    assert stage[0] <= 0 and stage[1] <= 1280, stage


def test_the_session_downloads_as_csv_that_a_spreadsheet_cannot_run(page: Page, site_url, tmp_path):
    open_trainer(page, trainer_url(site_url))
    run_a_session(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the counts (CSV)").click()
    download = info.value
    assert re.fullmatch(r"dpup-quiz-intro-room-counts-\d{4}-\d\d-\d\d-\d{4}\.csv", download.suggested_filename)
    path = tmp_path / "counts.csv"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Question", "Question text", "Option", "Option text", "Correct", "Hands", "Percent"]
    assert len(rows) == 1 + sum(len(q["options"]) for q in QUESTIONS)
    q4 = [row for row in rows[1:] if row[0] == "4"]
    assert [(row[2], row[4], row[5], row[6]) for row in q4] == [("A", "yes", "2", "20"), ("B", "no", "8", "80")]
    assert q4[0][3] == QUESTIONS[3]["options"][0]["text"]
    # Every option's whole text, te reo Māori and abbreviation markup included (it was cut there).
    texts = [" ".join(o["text"].split()) for q in QUESTIONS for o in q["options"]]
    assert [row[3] for row in rows[1:]] == texts
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_clearing_the_session_asks_first(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    run_a_session(page)
    clear = page.get_by_role("button", name="Clear the counts")
    clear.click()
    question = page.get_by_text("Clear the hands counted for every question in this session?")
    expect(question).to_be_visible()
    expect(question).to_be_focused()
    page.get_by_role("button", name="No, keep them").click()
    expect(question).to_be_hidden()
    expect(clear).to_be_focused()
    expect(status(page)).to_have_text("The counts were kept.")
    expect(page.locator(".dpup-summary__hardest > li:visible")).to_have_count(3)

    clear.click()
    # What cannot be undone looks like a warning (red, white text), not like the main action.
    confirm = page.get_by_role("button", name="Yes, clear the counts")
    expect(confirm).to_have_css("background-color", "rgb(163, 38, 27)")
    expect(confirm).to_have_css("color", "rgb(255, 255, 255)")
    confirm.click()
    expect(status(page)).to_have_text("The counts for this session were cleared.")
    expect(page.locator(".dpup-summary__hardest > li:visible")).to_have_count(0)
    expect(current_slide(page)).to_contain_text("No hands counted yet.")
    assert saved_sessions(page) == {}


def test_a_room_that_got_everything_right_is_told_so(page: Page, site_url):
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    count_hands(page, {"C": 5})
    page.keyboard.press("End")
    expect(current_slide(page)).to_contain_text("Every hand counted was on the correct answer.")
    expect(page.locator(".dpup-summary__hardest > li:visible")).to_have_count(0)


# --- the room joins on their phones (a site with a published address) -----------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site built with a site_url under a project-pages prefix and served at that address.

    The address is a name (dpup.test), not 127.0.0.1, because phones can open a name on the
    network but never this computer's loopback address; `room_browser` resolves it here."""
    port = free_port()
    www = tmp_path_factory.mktemp("published")
    prefix = "dpup-toolkit"
    result = run_build(ROOT, www / prefix, {"DPUP_SITE_URL": f"http://dpup.test:{port}/{prefix}/"})
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://dpup.test:{port}/{prefix}/", www / prefix
    server.shutdown()


@pytest.fixture(scope="module")
def room_browser(browser_type):
    """Chromium that resolves *.test names to this computer, as a room's network would resolve the
    published site's name."""
    browser = browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP *.test 127.0.0.1"]
    )
    yield browser
    browser.close()


@pytest.fixture
def room(room_browser):
    context = room_browser.new_context()
    yield context.new_page()
    context.close()


def decode_qr(page: Page, locator) -> list[str]:
    """What a phone's camera reads: the QR codes in a screenshot of what the screen shows."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("size", PROJECTORS)
def test_the_join_slide_qr_code_opens_the_published_quiz(room: Page, published, size):
    base, _ = published
    width, height = size
    room.set_viewport_size({"width": width, "height": height})
    open_trainer(room, trainer_url(base))
    address = base + "quiz/intro/"
    code = current_slide(room).get_by_role("img", name=f"QR code: opens {QUIZ['title']} at {address}")
    expect(code).to_be_visible()
    box = code.bounding_box()
    assert box["y"] + box["height"] <= height and box["height"] >= height * 0.4, (
        f"the code is too small or cut off: {box}"
    )
    assert decode_qr(room, room.locator("body")) == [address]
    expect(current_slide(room).get_by_role("link", name=address)).to_have_attribute("href", address)


def test_a_phone_that_scans_the_code_gets_the_quiz(room: Page, published, room_browser):
    base, _ = published
    open_trainer(room, trainer_url(base))
    [address] = decode_qr(room, room.locator("body"))
    phone = room_browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(address)
    expect(phone.locator('form.dpup-quiz[data-quiz-id="quiz-intro"]')).to_be_visible()
    expect(phone.get_by_role("heading", level=1)).to_have_text(QUIZ["title"])
    phone.close()


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["phone", "laptop"])
def test_the_workshop_page_shows_the_code_with_its_address(room: Page, published, size):
    base, _ = published
    room.set_viewport_size({"width": size[0], "height": size[1]})
    room.goto(base + "quiz/workshop-intro/")
    address = base + "quiz/intro/"
    join = room.locator(".dpup-join")
    join.scroll_into_view_if_needed()
    expect(join.get_by_role("img", name=re.compile("^QR code: opens"))).to_be_visible()
    expect(join.get_by_role("link", name=address)).to_be_visible()
    assert decode_qr(room, join) == [address]
    assert room.evaluate("document.documentElement.scrollWidth") <= size[0]


def test_the_published_build_previewed_on_this_computer_says_so(room: Page, published):
    # The same build opened at 127.0.0.1: the browser's address is this computer's, so the slide
    # says phones cannot open it, and offers the published site's code instead.
    base, _ = published
    local = base.replace("dpup.test", "127.0.0.1")
    open_trainer(room, trainer_url(local))
    slide = current_slide(room)
    expect(slide).to_contain_text("This is a preview on this computer: phones can’t open it.")
    expect(slide.get_by_role("link", name=base + "quiz/intro/")).to_be_visible()
    assert decode_qr(room, room.locator("body")) == [base + "quiz/intro/"]


def test_an_address_other_than_the_published_one_is_shown_in_words_without_a_code(room: Page, published):
    # Served under another name phones may reach: the built code would open another copy, so the
    # slide shows the browser's own address to type instead.
    base, _ = published
    other = base.replace("dpup.test", "intranet.test")
    open_trainer(room, trainer_url(other))
    slide = current_slide(room)
    expect(slide.get_by_role("img")).to_have_count(0)
    expect(slide).to_contain_text("Type this address on your phone:")
    address = slide.get_by_role("link", name=other + "quiz/intro/")
    expect(address).to_have_attribute("href", other + "quiz/intro/")
    assert address.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 24
    expect(slide).not_to_contain_text("phones can’t")


def test_the_offline_pack_carries_the_code_and_published_links(room: Page, published, tmp_path):
    base, site_dir = published
    pack = tmp_path / "pack.html"
    shutil.copy(site_dir / PACK, pack)
    requests: list[str] = []
    room.on("request", lambda request: requests.append(request.url))
    room.set_viewport_size({"width": 1280, "height": 720})
    room.goto(pack.as_uri())
    room.get_by_role("button", name="Trainer mode", exact=True).click()
    assert decode_qr(room, room.locator("body")) == [base + "quiz/intro/"]
    expect(current_slide(room)).to_contain_text(
        "This copy was opened from a file: phones can’t open it. The code opens the quiz on the published site instead"
    )
    room.keyboard.press("End")
    links = room.locator(".dpup-summary__hardest a")
    assert links.count() > 0
    assert all(href.startswith(base) for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))"))
    assert [url for url in requests if url != pack.as_uri()] == []


# --- the QR module on its own -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_url", "page_url", "expected"),
    [
        ("https://org.github.io/dpup", "quiz/intro/", "https://org.github.io/dpup/quiz/intro/"),
        ("https://org.github.io/dpup/", "quiz/intro.html", "https://org.github.io/dpup/quiz/intro.html"),
        ("https://dpup.example.govt.nz/", "", "https://dpup.example.govt.nz/"),
        ("", "quiz/intro/", ""),
        ("   ", "quiz/intro/", ""),
    ],
)
def test_the_published_address_joins_site_url_and_page(site_url, page_url, expected):
    from macros.qr import published_address

    assert published_address(site_url, page_url) == expected


@pytest.mark.parametrize(
    "site_url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/", "//example.org"]
)
def test_a_code_never_points_anywhere_but_a_web_page(site_url):
    from macros.qr import published_address

    with pytest.raises(ValueError, match="not an http"):
        published_address(site_url, "quiz/intro/")


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("http://127.0.0.1:8000/quiz/intro/", True),
        ("http://localhost:8000/", True),
        ("http://[::1]:8000/", True),
        ("https://org.github.io/dpup/quiz/intro/", False),
        ("https://127.example.org/", False),
    ],
)
def test_a_preview_address_is_told_apart_from_one_phones_can_open(address, local):
    from macros.qr import only_on_this_computer

    assert only_on_this_computer(address) is local


def test_the_svg_is_one_named_image_with_its_label_escaped():
    from macros.qr import qr_svg

    svg = str(qr_svg("https://example.org/quiz/intro/", 'QR code "<script>alert(1)</script>"'))
    assert svg.startswith('<svg role="img" aria-label="QR code &#34;&lt;script&gt;')
    assert "<script" not in svg and svg.count("<svg") == 1 and "viewBox" in svg


def test_the_projector_page_loads_and_runs_a_question_without_a_script_error(page: Page, site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    page.keyboard.press("r")
    expect(current_slide(page)).to_contain_text("Answer: C")
    assert errors == []


def test_a_long_explanation_an_agency_writes_shrinks_to_fit_and_the_options_keep_their_size(page: Page, site_url):
    # The shipped quiz fits at full size (above); an agency's own quiz may explain at length. Its
    # answer takes the wider column, then shrinks, rather than pushing the slide off the screen.
    page.set_viewport_size({"width": 1280, "height": 720})
    open_trainer(page, trainer_url(site_url))
    go_to_question(page, 1)
    option_size = "el => parseFloat(getComputedStyle(el).fontSize)"
    before = current_slide(page).locator(".dpup-slide__text").first.evaluate(option_size)
    current_slide(page).locator(".dpup-slide__answer").evaluate(
        """answer => { for (let i = 0; i < 3; i++) { const p = document.createElement('p');
             p.textContent = 'A longer explanation that an agency wrote for its own quiz. '.repeat(5);
             answer.append(p); } }"""
    )
    page.keyboard.press("r")
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_visible()
    m = page.evaluate(MEASURE)
    assert_fits(m, "Q1 with a long explanation at 1280x720")
    assert min(m["optionFonts"]) == before
    assert 0.7 * before <= min(m["explanationFonts"]) < before, (m["explanationFonts"], before)
    page.keyboard.press("r")  # hidden again: nothing stays shrunk
    expect(current_slide(page).locator(".dpup-slide__answer")).to_be_hidden()
    assert page.locator(".dpup-trainer__stage").evaluate("s => s.style.getPropertyValue('--dpup-answer-fit')") == ""
