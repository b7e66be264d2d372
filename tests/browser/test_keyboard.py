"""Keyboard only: the skip link comes first, focus is always visible, and Tab never gets stuck."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {tag: el.tagName, text: (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40),
          visible: outline || shadow, key: el.id || el.name || el.outerHTML.slice(0, 80)};
}"""


def tab_through(page: Page, presses: int):
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STYLE)
        if stop:
            stops.append(stop)
    return stops


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(page: Page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#dpup-content")
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()


@pytest.mark.parametrize("path, presses", [("", 60), ("quiz/intro/", 80), ("maturity/self-check/", 100)])
def test_tabbing_shows_focus_everywhere_and_never_gets_stuck(page: Page, site_url, path, presses):
    page.goto(site_url + path)
    stops = tab_through(page, presses)
    invisible = [stop for stop in stops if not stop["visible"]]
    assert invisible == [], f"no visible focus on: {invisible[:5]}"
    distinct = {stop["key"] for stop in stops}
    # A trap holds focus on one or two elements; real pages move through dozens.
    assert len(distinct) > presses * 0.6, f"focus moved through only {len(distinct)} elements in {presses} presses"
