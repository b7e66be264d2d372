"""A person browsing the built site in Debian's Chromium: navigation, cross-links, search, tooltips."""

import re
from urllib.parse import urlparse

import pytest
from conftest import ENGINE
from playwright.sync_api import Page, expect
from site_search import items, search_for

pytestmark = pytest.mark.browser


@pytest.fixture
def requests_seen(page: Page):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_a_reader_goes_from_the_home_page_to_a_principle_and_on_to_a_role(page: Page, site_url, requests_seen):
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Start here"))
    page.get_by_role("link", name="Read the principles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Principles"))
    page.locator("article").first.get_by_role("link", name="Kaitiakitanga").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaitiakitanga")
    expect(page.get_by_role("heading", name="What it looks like in practice")).to_be_visible()
    page.locator("article").first.get_by_role("link", name="Work at the frontline").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work at the frontline")
    expect(page.get_by_role("heading", name="Principles in action")).to_be_visible()
    expect(page.get_by_text("Editorial", exact=True).first).to_be_visible()
    foreign = [url for url in requests_seen if urlparse(url).hostname != "127.0.0.1"]
    assert foreign == []


def test_the_workshop_guide_link_on_the_home_page_opens_the_workshop(page: Page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="Find the workshop guide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DPUP introductory workshop")
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()


def test_a_criterion_link_lands_on_its_anchor(page: Page, site_url):
    page.goto(site_url + "principles/mana-whakahaere/")
    page.get_by_role("link", name=re.compile("Criteria 3, Being transparent")).click()
    assert page.url.endswith("maturity/people-centred/#element-people-centred.03")
    expect(page.locator('[id="element-people-centred.03"]')).to_be_in_viewport()
    expect(page.locator('[id="element-people-centred.03"] table caption')).to_contain_text("Being transparent")


def test_guidance_notes_open_with_the_keyboard(page: Page, site_url):
    page.goto(site_url + "maturity/culture/")
    summary = page.get_by_text("Guidance note for this element")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The Public Service Act 2020 supports developing a robust privacy culture")).to_be_visible()


def test_search_finds_a_criterion_without_leaving_the_site(page: Page, site_url, requests_seen):
    page.goto(site_url)
    results = search_for(page, "induction")
    # On every engine the criterion's element is named with it (Zensical names the section by its
    # page's path: "Privacy maturity / 3. Build and maintain privacy capability").
    expect(results).to_contain_text("privacy capability")
    expect(items(results).filter(has_text="Providing privacy training").first).to_be_visible()
    assert [url for url in requests_seen if urlparse(url).hostname != "127.0.0.1"] == []


def test_search_for_consent_shows_the_criterion_in_its_own_words(page: Page, site_url):
    """The results a person reads: the criterion that mentions consent, its snippet a sentence of
    the framework, not the form around it ("Not sure yet Guidance note", "LevelWhat it looks like").
    Zensical lists the criterion itself first (the word is in its text, and it is the section that
    is about it); Material lists it within its page."""
    page.goto(site_url)
    results = search_for(page, "consent")
    if ENGINE == "zensical":
        expect(items(results).first).to_contain_text("Criteria 3: Being transparent")
    else:
        expect(results).to_contain_text("Criteria 3: Being transparent")
    shown = " ".join(results.inner_text().split())
    assert "general clauses in consent forms" in shown
    for furniture in ("Not sure yet", "Guidance note", "Notes on this criterion", "What it looks like", "Not started"):
        assert furniture not in shown, furniture
    assert not re.search(r"(Level|Informal|Foundational|Managed)[A-Z]", shown), shown


def test_te_reo_terms_are_marked_and_explained(page: Page, site_url):
    page.goto(site_url + "about/")
    first = page.locator('article abbr[lang="mi"]', has_text="whānau").first
    expect(first).to_have_attribute("title", re.compile("family", re.I))
    assert page.locator('article [lang="mi"]').count() > 5
