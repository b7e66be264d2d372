"""Every page with a widget, with JavaScript turned off, as a person on a phone meets it: the widget
says what works there, and nothing on it promises what only the script does (saving, progress that
counts, results, buttons).

The widgets are read from the component folders (each template's data-dpup-widget, and
macros/assets.py WIDGETS: widget_pages.py) and the pages from the built site, so a new widget is
checked as soon as a page carries it."""

import re

import pytest
from playwright.sync_api import Browser, expect
from widget_pages import component_widgets

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


# Promises that need the script: saving, a counter that never moves, a button that is not there.
PROMISES = re.compile(r"kept only in this browser|saved in this browser|Clear my answers|\b0 of \d+", re.I)


@pytest.mark.parametrize("name", component_widgets())
def test_without_javascript_each_widget_says_what_works_and_promises_nothing_more(
    browser: Browser, built_site, site_url, name
):
    marker = f'data-dpup-widget="{name}"'
    pages = sorted(
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if marker in path.read_text(encoding="utf-8")
    )
    assert pages, f"no built page has the {name} widget: ship one, so that it is checked"
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path.removesuffix("index.html"))
            root = page.locator(f"[{marker}]")
            note = root.locator(".dpup-without-js").first  # the first says what works on the whole widget
            expect(note, f"{path}: no note of what works without JavaScript").to_be_visible()
            expect(note).to_contain_text("JavaScript")
            box = note.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{path}: the note is off screen"
            shown = root.inner_text()  # the text as drawn: what is hidden is left out
            assert not PROMISES.search(shown), (
                f"{path}: promises {PROMISES.search(shown).group(0)!r} without JavaScript"
            )
            expect(root.locator("[data-needs-js]").filter(visible=True)).to_have_count(0)
            expect(
                root.get_by_role("button").filter(visible=True), f"{path}: a button that does nothing"
            ).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("name", component_widgets())
def test_with_javascript_the_notes_for_pages_without_it_are_hidden(page, built_site, site_url, name):
    marker = f'data-dpup-widget="{name}"'
    path = next(
        path.relative_to(built_site).as_posix()
        for path in sorted(built_site.rglob("*.html"))
        if marker in path.read_text(encoding="utf-8")
    )
    page.goto(site_url + path.removesuffix("index.html"))
    expect(page.locator(f"[{marker}][data-dpup-ready]")).to_have_count(1)
    expect(page.locator(".dpup-without-js").filter(visible=True)).to_have_count(0)


@pytest.mark.parametrize("script", ["checklist.js", "widgets.js"])
def test_when_the_script_does_not_arrive_the_page_says_what_works_without_it(page, site_url, script):
    """A widget's script, or the loader, blocked or lost on the way: the page is as it is without
    JavaScript, and says so, rather than promise saving that will never happen."""
    page.route(f"**/assets/dpup/js/{script}", lambda route: route.abort())
    page.goto(site_url + "tools/check-your-actions/")
    root = page.locator('[data-dpup-widget="checklist"]')
    expect(root.locator(".dpup-without-js")).to_be_visible()
    expect(root.locator(".dpup-without-js")).to_contain_text("has not loaded")
    expect(root.get_by_role("button").filter(visible=True)).to_have_count(0)
