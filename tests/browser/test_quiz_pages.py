"""The quiz's companion pages: printable handout, answer key, workshop page and the offline workshop pack."""

import io
import re
import shutil

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

QUIZ = yaml.safe_load((ROOT / "quiz" / "intro.yml").read_text(encoding="utf-8"))
QUESTIONS = sorted(QUIZ["questions"], key=lambda q: q["order"])
PACK = "quiz/intro/dpup-intro-quiz-workshop-pack.html"


def normalise(text: str) -> str:
    return " ".join(text.split())


def correct_key(question: dict) -> str:
    return next(o["key"] for o in question["options"] if o.get("correct"))


def explanation_paragraphs(question: dict) -> list[str]:
    """The explanation as the reader sees it: one string per paragraph or list item, Markdown emphasis removed."""
    parts = []
    for block in question["explanation"].strip().split("\n\n"):
        for line in block.splitlines() if block.lstrip().startswith("- ") else [block]:
            text = re.sub(r"^\s*-\s+", "", line).replace("**", "")
            if text.strip():
                parts.append(normalise(text))
    return parts


def article(page: Page):
    return page.locator("article").first


def test_the_handout_has_every_question_and_option_but_no_answers(page: Page, site_url):
    page.goto(site_url + "quiz/intro/handout/")
    content = article(page)
    for question in QUESTIONS:
        expect(content).to_contain_text(question["stem"])
        for option in question["options"]:
            expect(content).to_contain_text(option["text"])
            expect(content).not_to_contain_text(option["feedback"])
        options = normalise(" ".join(o["text"] for o in question["options"]))
        for paragraph in explanation_paragraphs(question):
            if paragraph not in options:  # some explanations repeat the right option word for word
                expect(content).not_to_contain_text(paragraph)
    expect(content).not_to_contain_text(re.compile("correct answer", re.I))


@pytest.mark.parametrize("path", ["quiz/intro/handout/", "quiz/intro/answer-key/"])
def test_printing_leaves_out_the_site_header_and_navigation(page: Page, site_url, path):
    page.goto(site_url + path)
    expect(page.locator("header.md-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("nav.md-nav--primary")).to_be_hidden()
    expect(article(page).get_by_text(QUESTIONS[0]["stem"]).first).to_be_visible()
    # Our own print rule: on paper the handout drops the "back to the quiz" line.
    if page.locator(".dpup-print-hide").count():
        expect(page.locator(".dpup-print-hide").first).to_be_hidden()
        page.emulate_media(media="screen")
        expect(page.locator(".dpup-print-hide").first).to_be_visible()


def test_the_answer_key_gives_each_answer_with_its_explanation_and_feedback(page: Page, site_url):
    page.goto(site_url + "quiz/intro/answer-key/")
    content = article(page)
    for question in QUESTIONS:
        expect(content).to_contain_text(f"The correct answer is {correct_key(question)}")
        for paragraph in explanation_paragraphs(question):
            expect(content).to_contain_text(paragraph)
        for option in question["options"]:
            expect(content).to_contain_text(option["feedback"])

    # Each answer sits under its own question, in order.
    text = normalise(content.inner_text())
    position = 0
    for number, question in enumerate(QUESTIONS, start=1):
        stem_at = text.find(question["stem"], position)
        assert stem_at >= 0, f"question {number}'s stem is missing or out of order"
        answer_at = text.find("The correct answer is", stem_at)
        assert text[answer_at : answer_at + 23] == f"The correct answer is {correct_key(question)}", (
            f"question {number}: expected answer {correct_key(question)}, found {text[answer_at : answer_at + 30]!r}"
        )
        position = answer_at


def minutes_in(cell: str) -> int | None:
    match = re.fullmatch(r"\s*(\d+)\s*(?:min(?:ute)?s?\.?)?\s*", cell, flags=re.I)
    return int(match.group(1)) if match else None


def test_the_workshop_agenda_has_nine_parts_in_ninety_minutes(page: Page, site_url):
    page.goto(site_url + "quiz/workshop-intro/")
    table = article(page).locator("table").first
    expect(table).to_be_visible()
    headers = [normalise(h) for h in table.locator("thead th").all_inner_texts()]
    minutes_column = next((i for i, h in enumerate(headers) if re.search("min", h, re.I)), None)

    parts, total = [], None
    for row in table.locator("tbody tr, tfoot tr").all():
        cells = [normalise(c) for c in row.locator("th, td").all_inner_texts()]
        if minutes_column is not None and minutes_column < len(cells):
            minutes = minutes_in(cells[minutes_column])
        else:
            minutes = next((m for m in map(minutes_in, reversed(cells)) if m is not None), None)
        if re.match("total", cells[0], re.I):
            total = minutes
        else:
            assert minutes is not None, f"no minutes in agenda row {cells}"
            parts.append(minutes)
    assert len(parts) == 9, f"expected 9 agenda parts, found {len(parts)}: {parts}"
    assert sum(parts) == 90, f"the agenda parts add up to {sum(parts)} minutes, not 90"
    if total is not None:
        assert total == 90


def test_the_workshop_page_links_to_the_offline_pack(page: Page, site_url):
    page.goto(site_url + "quiz/workshop-intro/")
    link = article(page).get_by_role("link", name=re.compile("offline workshop pack", re.I)).first
    expect(link).to_be_visible()
    href = link.evaluate("a => a.href")
    assert href == site_url + PACK
    response = page.request.get(href)
    assert response.ok
    assert "data-dpup-widget" in response.text()


def switch_to(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).or_(page.get_by_role("button", name=name, exact=True)).first.click()


def test_the_offline_pack_works_from_a_file_without_the_network(page: Page, built_site, tmp_path):
    pack = tmp_path / "pack.html"
    shutil.copy(built_site / PACK, pack)
    html = pack.read_text(encoding="utf-8")
    links = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", html)
    assert [url for url in links if url and not url.startswith("#")] == []

    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(pack.as_uri())

    switch_to(page, "Quiz")
    q1 = page.locator('[data-dpup-widget="quiz"] fieldset.dpup-question[data-question-id="quiz-intro.01"]')
    q1.get_by_role("radio", name=re.compile(r"^C\.")).check()
    q1.get_by_role("button", name="Check answer").click()
    expect(q1.locator(".dpup-question__feedback")).to_contain_text("Correct.")

    switch_to(page, "Trainer mode")
    trainer = page.locator('[data-dpup-widget="trainer"]')
    expect(trainer).to_be_visible()
    # Opened from a file, with no published address in this build: the join slide says plainly
    # that phones cannot open it, with no code pointing nowhere and no file path for the room.
    join = trainer.locator("section.dpup-slide:not([hidden])")
    expect(join).to_contain_text("This copy was opened from a file: phones can’t open it.")
    expect(join.get_by_role("img")).to_have_count(0)
    expect(join).not_to_contain_text("file://", use_inner_text=True)
    page.keyboard.press("ArrowRight")
    expect(trainer.locator("section.dpup-slide:not([hidden])")).to_contain_text("Question 1 of 6")
    page.keyboard.press("1")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("r")
    expect(trainer.locator('section.dpup-slide:not([hidden]) li[data-option="A"]')).to_contain_text("1 hand, 100%")

    assert [url for url in requests if url != pack.as_uri()] == []


def test_the_pack_toggle_shows_which_mode_is_on(page: Page, built_site, tmp_path):
    pack = tmp_path / "pack.html"
    shutil.copy(built_site / PACK, pack)
    page.goto(pack.as_uri())
    modes = page.get_by_role("group", name="Choose a mode")
    quiz = modes.get_by_role("button", name="Quiz", exact=True)
    trainer = modes.get_by_role("button", name="Trainer mode")
    expect(quiz).to_have_attribute("aria-pressed", "true")
    expect(trainer).to_have_attribute("aria-pressed", "false")
    # Seen as well as announced: the pressed button is filled and ticked, the other is outlined.
    look = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el, '::before').content]"
    assert quiz.evaluate(look)[1] != "none" and trainer.evaluate(look)[1] in ("none", "normal")
    assert quiz.evaluate(look)[0] != trainer.evaluate(look)[0]
    trainer.click()
    expect(trainer).to_have_attribute("aria-pressed", "true")
    expect(quiz).to_have_attribute("aria-pressed", "false")
    expect(page.locator("form.dpup-quiz")).to_be_hidden()
    # The chosen mode has the focus: Space moves the slides on rather than pressing the button again.
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text="Question 1 of 6")).to_have_count(1)
    expect(trainer).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_pack_trainer_fills_the_projector_and_every_revealed_question_fits(page: Page, built_site, tmp_path, size):
    width, height = size
    pack = tmp_path / "pack.html"
    shutil.copy(built_site / PACK, pack)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(pack.as_uri())
    switch_to(page, "Trainer mode")
    stage = page.locator(".dpup-trainer__stage").bounding_box()
    assert stage["width"] >= width - 1, f"the deck uses {stage['width']}px of a {width}px screen"
    for number, question in enumerate(QUESTIONS, start=1):
        page.keyboard.press("ArrowRight")
        slide = page.locator("section.dpup-slide:not([hidden])")
        expect(slide).to_contain_text(f"Question {number} of 6")
        for index in range(len(question["options"])):  # hands on every option: each shows its bar
            page.keyboard.press(str(index + 1))
            page.keyboard.press("ArrowUp")
        page.keyboard.press("r")
        expect(slide.locator(".dpup-slide__answer")).to_be_visible()
        parts = [
            slide.locator(".dpup-slide__stem"),
            *slide.locator("li.dpup-slide__option").all(),
            slide.locator(".dpup-slide__answer > *").first,
            slide.locator(".dpup-slide__answer"),
        ]
        for part in parts:
            box = part.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"Q{number}: {part} is off screen: {box}"
        font = slide.locator(".dpup-slide__text").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert font >= (24 if width == 1280 else 32), f"Q{number}: option text is {font}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# --- on paper -------------------------------------------------------------------------------------

PRINT_LIMITS = [
    pytest.param("quiz/intro/handout/", 2, id="handout"),
    pytest.param("quiz/intro/answer-key/", 4, id="answer-key"),
    pytest.param("quiz/workshop-intro/", 3, id="workshop-run-sheet"),
]


def pdf_pages(page: Page) -> list[str]:
    """The text of each A4 page, as the browser prints it."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [normalise(p.extract_text()) for p in reader.pages]


@pytest.mark.parametrize(("path", "limit"), PRINT_LIMITS)
def test_the_printed_materials_stay_within_their_page_limits(page: Page, site_url, path, limit):
    page.goto(site_url + path)
    pages = pdf_pages(page)
    assert len(pages) <= limit, f"{path} prints on {len(pages)} A4 pages; the limit is {limit}"
    text = " ".join(pages)
    for question in QUESTIONS if "workshop" not in path else []:
        assert normalise(question["stem"]) in text, f"{path}: question missing on paper: {question['stem']}"
    # Nothing to press on paper.
    for control in ("Check answer", "Reveal answer", "Clear my answers", "Skip to", "Back to the quiz"):
        assert control not in text, f"{path}: {control!r} is printed"


def test_the_handout_prints_one_box_per_option_and_no_bullets_or_underlines(page: Page, site_url):
    page.goto(site_url + "quiz/intro/handout/")
    page.emulate_media(media="print")
    options = page.locator(".dpup-handout__options > li")
    expect(options).to_have_count(sum(len(q["options"]) for q in QUESTIONS))
    styles = options.evaluate_all("els => els.map(el => getComputedStyle(el).listStyleType)")
    assert styles == ["none"] * options.count()
    # A real tick box: a drawn square a pen can tick (not a small character), one per option.
    boxes = page.locator(".dpup-handout__options > li .dpup-handout__box")
    expect(boxes).to_have_count(options.count())
    drawn = boxes.evaluate_all(
        "els => els.map(el => { const s = getComputedStyle(el), r = el.getBoundingClientRect();"
        " return [Math.round(r.width), Math.round(r.height), s.borderTopStyle, parseFloat(s.borderTopWidth)]; })"
    )
    assert all(w == h and w >= 13 and style == "solid" and border >= 1 for w, h, style, border in drawn), drawn[:3]
    underlines = page.locator("article abbr").evaluate_all(
        "els => els.map(el => getComputedStyle(el).textDecorationLine + '|' + getComputedStyle(el).borderBottomStyle)"
    )
    assert underlines and all(u in ("none|none", "none|hidden") for u in underlines), underlines


def test_the_workshop_page_prints_as_a_run_sheet(page: Page, site_url):
    page.goto(site_url + "quiz/workshop-intro/")
    pages = pdf_pages(page)
    text = " ".join(pages)
    assert "Part Minutes Starts Led by Facilitator notes" in text
    workshop = yaml.safe_load((ROOT / "content" / "workshops" / "workshop-intro.yml").read_text(encoding="utf-8"))
    start = 0
    for part in workshop["agenda"]:
        assert normalise(part["title"]) in text
        assert f"{start // 60}:{start % 60:02d}" in text, f"no start time for {part['title']}"
        start += part["minutes"]
    # On paper the links, the download and the QR code have no use.
    assert "Download the offline workshop pack" not in text and "Point your phone" not in text
    page.emulate_media(media="print")
    expect(page.locator(".dpup-join")).to_be_hidden()
