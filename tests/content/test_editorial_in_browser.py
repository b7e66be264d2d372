"""The Editorial labels and "Based on" links read as secondary and fit on a phone and a laptop.

Checked the way a reader meets them: links found by their accessible name, boxes inside the
viewport, no sideways scrolling, and text no larger than the body text it annotates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 900)]
PAGES = [
    ("principles/he-tangata/", "DPUP: an overview (digital.govt.nz)"),
    ("roles/frontline/", "DPUP: if you work at the frontline (digital.govt.nz)"),
    ("tools/purpose-statement/", "DPUP: purpose statement template (digital.govt.nz)"),
    ("glossary/", "Social Investment Agency (sia.govt.nz)"),
]


@pytest.mark.parametrize("width,height", SIZES, ids=["phone", "laptop"])
@pytest.mark.parametrize("path,source", PAGES, ids=[p for p, _ in PAGES])
def test_based_on_links_fit_and_read_as_secondary(page: Page, site_url, path, source, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + path)
    content = page.locator("article.md-content__inner")
    link = content.get_by_role("link", name=source).first
    expect(link).to_be_visible()
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # The line reads "Based on ...", in the toolkit's own words, at or below body size.
    holder = link.locator("xpath=ancestor::*[contains(@class, 'dpup-based-on')][1]")
    expect(holder).to_contain_text(re.compile(r"^Based on "))
    size = float(holder.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    body = float(content.locator("p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert 11 <= size <= body
    # Every Editorial label on the page is visible, fits, and none sits in a word-for-word note.
    labels = content.locator(".dpup-editorial__label")
    assert labels.count() >= 1
    for index in range(labels.count()):
        label = labels.nth(index)
        expect(label).to_have_text("Editorial")
        label_box = label.bounding_box()
        assert label_box and label_box["x"] + label_box["width"] <= width
    assert content.locator(".dpup-source .dpup-editorial__label, .dpup-source .dpup-based-on").count() == 0


def test_checking_an_answer_reads_out_labelled_feedback_and_its_source(page: Page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "quiz/intro/")
    question = page.locator("fieldset", has=page.get_by_text("Which statement best summarises the Access to"))
    question.get_by_label(re.compile(r"^B\. Under the Privacy Act 2020")).check()
    question.get_by_role("button", name="Check answer").click()
    feedback = question.get_by_role("status")
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("Editorial")
    expect(feedback).to_contain_text("There is no legal requirement that requests be made in writing.")
    expect(feedback.get_by_role("link", name=re.compile("Comparing DPUP to the information privacy"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # Right answers are labelled too, not only wrong ones.
    question.get_by_label(re.compile(r"^A\. Under the Privacy Act 2020")).check()
    question.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("Correct.")
    expect(feedback.locator(".dpup-editorial__label")).to_have_text("Editorial")
