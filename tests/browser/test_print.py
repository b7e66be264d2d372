"""Every kind of printed page, read from the PDF Chromium makes of it on A4 (PyMuPDF's text spans):
the type is readable, the page count within its limit and nothing runs past the right margin.

What is measured:
- body text: the size most of the page's characters are set in, at least 11 pt (Word's default);
- every other piece of text, at least 9 pt. Nothing is left out: labels, sources, table cells,
  the report's running footer and the addresses printed after external links all count;
- no text span ends to the right of the page's right margin (13 mm, from print.css);
- no page but the last is more than a fifth empty: the text on it reaches at least 80 % of the
  way down its page area (a row or block kept whole left a page a quarter or half blank).
"""

import collections
import json

import pymupdf
import pytest
from playwright.sync_api import Page, expect
from ready import wait_until_ready
from test_self_check_report import THIS_YEAR, assessment

pytestmark = pytest.mark.browser

BODY_PT, MIN_PT = 11, 9
RIGHT_MARGIN_PT = 13 * 72 / 25.4
TOP_MARGIN_PT, BOTTOM_MARGIN_PT = 12 * 72 / 25.4, 13 * 72 / 25.4
FULL = 0.8  # how far down its page area the text of every page but the last must reach
# (address, most A4 pages or None); every page kind a reader prints.
PAGES = {
    "tool: checklist": ("tools/check-your-actions/", 2),
    "tool: long checklist": ("tools/funding-contracting-checklist/", 2),
    "tool: transparency checklist": ("tools/transparency-choice-checklist/", 2),
    "tool: template": ("tools/purpose-statement/", 2),
    "tool: questions": ("tools/principles-in-practice/", 2),
    "tool: steps": ("tools/policy-cycle/", 2),
    "element": ("maturity/people-centred/", 4),
    "element: capability": ("maturity/capability/", 4),
    "element: culture": ("maturity/culture/", 4),
    "element: collective responsibility": ("maturity/collective-responsibility/", 4),
    "element: Treaty partner": ("maturity/treaty-partner/", 4),
    "principle": ("principles/kaitiakitanga/", None),
    "guideline": ("guidelines/purpose-matters/", None),
    "role": ("roles/policy-service-development/", None),
    "glossary": ("glossary/", None),
    "about": ("about/", None),
    "worked plan": ("maturity/plans/example-2024-25/", None),
    "quiz handout": ("quiz/intro/handout/", 2),
    "answer key": ("quiz/intro/answer-key/", 4),
    "workshop run-sheet": ("quiz/workshop-intro/", 2),
}
REPORT_LIMIT = 9


def measure(pdf: bytes) -> dict:
    """Pages, body size (by characters), smallest text and spans past the right margin."""
    document = pymupdf.open(stream=pdf, filetype="pdf")
    sizes: collections.Counter = collections.Counter()
    smallest, past_margin, texts, fills = [], [], [], []
    for number, page in enumerate(document, start=1):
        texts.append(page.get_text())
        limit = page.rect.width - RIGHT_MARGIN_PT + 1
        bottom = page.rect.height - BOTTOM_MARGIN_PT  # the running footer, below it, does not count
        lowest = max(
            (b["bbox"][3] for b in page.get_text("dict")["blocks"] if b.get("lines") and b["bbox"][3] <= bottom),
            default=TOP_MARGIN_PT,
        )
        fills.append(round((lowest - TOP_MARGIN_PT) / (bottom - TOP_MARGIN_PT), 2))
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    text = span["text"].strip()
                    if not text:
                        continue
                    sizes[round(span["size"], 1)] += len(text)
                    smallest.append((round(span["size"], 1), number, text[:40]))
                    if span["bbox"][2] > limit:
                        past_margin.append((number, round(span["bbox"][2]), text[:40]))
    return {
        "pages": document.page_count,
        "body": sizes.most_common(1)[0][0],
        "smallest": min(smallest),
        "past_margin": past_margin,
        "texts": texts,
        "fills": fills,
    }


def printed(page: Page) -> dict:
    wait_until_ready(page)
    page.emulate_media(media="print")
    return measure(page.pdf(format="A4"))


def assert_readable(found: dict, kind: str) -> None:
    assert found["body"] >= BODY_PT, f"{kind}: body text is {found['body']} pt"
    assert found["smallest"][0] >= MIN_PT, f"{kind}: text at {found['smallest']} (pt, page, text)"
    assert found["past_margin"] == [], f"{kind}: text past the right margin: {found['past_margin'][:5]}"
    gaps = [(number, fill) for number, fill in enumerate(found["fills"][:-1], start=1) if fill < FULL]
    assert gaps == [], f"{kind}: pages more than a fifth empty (page, how far down its text reaches): {gaps}"


@pytest.mark.parametrize("kind", PAGES)
def test_every_printed_page_is_readable_and_within_its_page_limit(page: Page, site_url, kind):
    path, limit = PAGES[kind]
    page.goto(site_url + path)
    on_screen = [
        " ".join(t.replace("¶", "").split()) for t in page.locator("article :is(h1, blockquote)").all_inner_texts()
    ]
    found = printed(page)
    print(
        f"\n{kind}: {found['pages']} A4 pages, body {found['body']} pt, smallest {found['smallest'][0]} pt, "
        f"filled {found['fills']}"
    )
    assert_readable(found, kind)
    if limit is not None:
        assert found["pages"] <= limit, f"{kind} prints on {found['pages']} A4 pages; the limit is {limit}"
    # The title and the quoted summaries on screen are on paper too (a print rule for the trainer's
    # summary once hid the summary of every principle and element).
    words = " ".join(" ".join(found["texts"]).split())
    missing = [text[:40] for text in on_screen if text[:40] not in words]
    assert missing == [], f"{kind}: on screen but not on paper: {missing}"
    # Nothing to press on paper, and only the self-check report has a running footer.
    assert page.get_by_role("button").filter(visible=True).count() == 0
    assert not any("Page 1 of" in text for text in found["texts"])


def test_the_self_check_report_is_readable_numbered_and_inside_its_margins(page: Page, site_url):
    """All 14 criteria with notes, every element's comments and a 12-row plan."""
    state = assessment(THIS_YEAR, rows=12)
    state["plan"][0]["owner"] = "Chief privacy officer with shared responsibility across business groups"
    page.add_init_script(f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(json.dumps(state))})")
    page.goto(site_url + "maturity/self-check/")
    expect(page.locator(".dpup-report")).to_contain_text("Focus area 12")
    found = printed(page)
    print(
        f"\nself-check report: {found['pages']} A4 pages, body {found['body']} pt, smallest {found['smallest'][0]} pt, "
        f"filled {found['fills']}"
    )
    assert_readable(found, "self-check report")
    assert found["pages"] <= REPORT_LIMIT
    total = found["pages"]
    for number, text in enumerate(found["texts"], start=1):
        footer = f"Ministry of Examples · 1 July 2025 to 30 June 2026 · Page {number} of {total}"
        assert footer in " ".join(text.split()), f"page {number} has no running footer: {text[-200:]!r}"


def test_the_running_footer_takes_the_agency_as_text_however_it_is_written(page: Page, site_url):
    state = assessment(THIS_YEAR, rows=1)
    state["about"] |= {"agency": 'Te "Tari" \\ Example\n</style>', "period": ""}
    page.add_init_script(f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(json.dumps(state))})")
    page.goto(site_url + "maturity/self-check/")
    expect(page.locator(".dpup-report")).to_contain_text("Focus area 1")
    found = printed(page)
    assert 'Te "Tari" \\ Example </style> · Page 1 of' in " ".join(found["texts"][0].split())


# A browser without page-margin boxes (Firefox, Safari) drops the margin rule from every style sheet
# it parses: this one, the only way Chromium can be made to print as they do.
WITHOUT_MARGIN_BOXES = """(() => {
  const parse = CSSStyleSheet.prototype.replaceSync;
  CSSStyleSheet.prototype.replaceSync = function (text) {
    return parse.call(this, text.replace(/@(top|bottom|left|right)-[a-z-]+\\s*\\{[^}]*\\}/g, ""));
  };
})()"""


def test_without_page_margin_boxes_every_report_page_still_names_agency_and_period(page: Page, site_url):
    """Firefox printed the report with no agency, period or page number: print.css's fallback line,
    repeated on every page in room of its own, overlapping nothing."""
    state = assessment(THIS_YEAR, rows=12)
    page.add_init_script(WITHOUT_MARGIN_BOXES)
    page.add_init_script(f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(json.dumps(state))})")
    page.goto(site_url + "maturity/self-check/")
    expect(page.locator(".dpup-report")).to_contain_text("Focus area 12")
    wait_until_ready(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    line = "Ministry of Examples · 1 July 2025 to 30 June 2026 · Privacy maturity self-assessment"
    for number, page_of_pdf in enumerate(pymupdf.open(stream=pdf, filetype="pdf"), start=1):
        spans = [
            (span["text"], pymupdf.Rect(span["bbox"]))
            for block in page_of_pdf.get_text("dict")["blocks"]
            for row in block.get("lines", [])
            for span in row["spans"]
            if span["text"].strip()
        ]
        running = [box for text, box in spans if " ".join(text.split()) == line]
        assert len(running) == 1, f"page {number}: {len(running)} running lines: {page_of_pdf.get_text()[-300:]!r}"
        covered = [text[:40] for text, box in spans if box.intersects(running[0]) and " ".join(text.split()) != line]
        assert covered == [], f"page {number}: the running line overlaps {covered}"
    found = measure(pdf)
    assert_readable(found, "self-check report without margin boxes")
    assert found["pages"] <= REPORT_LIMIT
