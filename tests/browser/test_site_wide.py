"""The whole built site, page by page: WCAG 2.2 AA by axe-core, and no request to another host.

Pages are found by crawling the build output, not from a list, so a new page is checked too.
"""

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def every_page(built_site):
    return sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))


def describe(violations):
    return "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def test_every_page_has_no_axe_violations_and_makes_no_foreign_request(page: Page, built_site, site_url):
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith(("data:", "blob:"))
            else None)
    axe = Axe()
    failures, pages = [], every_page(built_site)
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options=AXE_OPTIONS)
        if result.violations_count:
            failures.append(f"{path}: {describe(result.response['violations'])}")
    print(f"\naxe checked {len(pages)} pages: {len(failures)} with violations; foreign requests: {len(foreign)}")
    assert len(pages) >= 45
    assert failures == [], "\n".join(failures)
    assert foreign == []


def test_the_open_search_dialog_is_named_and_passes_axe(page: Page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("privacy")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.get_by_role("dialog", name="Search this site").count() == 1
    result = Axe().run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, describe(result.response["violations"])


def test_a_narrow_screen_passes_axe(page: Page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("", "quiz/intro/", "maturity/self-check/"):
        page.goto(site_url + path)
        result = Axe().run(page, options=AXE_OPTIONS)
        assert result.violations_count == 0, f"{path}: {describe(result.response['violations'])}"


@pytest.mark.parametrize("path", ["principles/kaitiakitanga/", "maturity/people-centred/", "tools/check-your-actions/"])
def test_content_pages_print_without_the_site_around_them(page: Page, site_url, path):
    page.goto(site_url + path)
    page.emulate_media(media="print")
    for selector in ("header.md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print on {path}"
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible()
    # Links stay recognisable on paper: underlined, not told apart by colour alone.
    decoration = page.locator("article a[href]").first.evaluate("a => getComputedStyle(a).textDecorationLine")
    assert "underline" in decoration
