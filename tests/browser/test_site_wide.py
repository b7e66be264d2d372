"""The whole built site, page by page, as its readers meet it: on a 390 px phone, on a laptop, with
the keyboard, with a screen reader (axe-core, WCAG 2.2 AA and best practices) and on A4 paper.

Pages are found by crawling the build output, not from a list, so a new page is checked too.
"""

import re
from urllib.parse import urlparse

import pytest
from axe_check import WITH_BEST_PRACTICE as AXE_OPTIONS
from axe_check import run_axe
from conftest import ENGINE, ROOT
from playwright.sync_api import Page, expect
from ready import wait_until_ready
from site_search import open_dialog, search_box, search_dialogs, search_for, without_zensical_search_findings

from macros.kinds import REGISTRY

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


def landing_pages() -> list[str]:
    """The home page and every section index that lists a kind's cards, from the registry."""
    found = []
    for kind in REGISTRY.with_pages:
        index = ROOT / "docs" / kind.pages / "index.md"
        if index.is_file() and f'cards("{kind.name}")' in index.read_text(encoding="utf-8"):
            found.append(f"{kind.pages}/")
    return ["", *dict.fromkeys(found)]


LANDING_PAGES = landing_pages()


def every_page(built_site):
    return sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))


def url_path(path: str) -> str:
    """The address a reader uses for a built file: folders for index.html."""
    return path.removesuffix("index.html")


def describe(violations):
    return "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF printed by Chromium (one /Type /Page object per page, not in object streams)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


# A fieldset's question (its legend) inside its box: a wrapped legend once sat across the top border.
LEGENDS_OUTSIDE_THEIR_BOX = """() => [...document.querySelectorAll("fieldset > legend")].flatMap((legend) => {
  const box = legend.parentElement.getBoundingClientRect(), own = legend.getBoundingClientRect();
  if (box.height === 0 || own.height === 0) return [];  // not shown (another step)
  // A legend in the border's place starts at the box's very top; inside, it starts below the border.
  const border = parseFloat(getComputedStyle(legend.parentElement).borderTopWidth);
  const inside = border === 0 || (own.top >= box.top + border && own.bottom <= box.bottom);
  return inside ? [] : [legend.textContent.trim().slice(0, 60)];
})"""
# The crawl is split into shards, so that the parallel workers share the longest check in the suite.
SHARDS = 4


def problems_as_seen(page: Page, width: int) -> list[str]:
    """What a reader would meet on the open page: sideways scrolling, a question across its box's
    border, then (with the keyboard) a first Tab that does not reach a visible skip link."""
    found = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        found.append(f"{scroll_width} px wide")
    found += [f"legend across its box's border: {text}" for text in page.evaluate(LEGENDS_OUTSIDE_THEIR_BOX)]
    result = run_axe(page, AXE_OPTIONS)
    if result.violations_count:
        found.append(f"axe: {describe(result.response['violations'])}")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    name = focused.evaluate("el => el.tagName === 'A' ? el.textContent.trim() : ''") if focused.count() else ""
    if not name.startswith("Skip to") or not focused.is_visible():
        found.append(f"first Tab reached {name!r}")
    return found


@pytest.mark.long_running
@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_page_fits_passes_axe_with_best_practices_starts_with_a_skip_link_and_asks_no_one_else(
    page: Page, built_site, site_url, viewport, shard
):
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", None)
            and not request.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    every = every_page(built_site)
    assert len(every) >= 45
    failures, pages = [], every[shard::SHARDS]
    page.set_viewport_size(viewport)
    for path in pages:
        page.goto(site_url + url_path(path))
        wait_until_ready(page)
        failures += [
            f"{viewport['width']} px {path}: {problem}" for problem in problems_as_seen(page, viewport["width"])
        ]
    print(
        f"\n{len(pages)} of {len(every)} pages at {viewport['width']} px (axe with best practices, width, "
        f"legends, skip link): {len(failures)} problems; foreign requests: {len(foreign)}"
    )
    assert failures == [], "\n".join(failures)
    assert foreign == []


@pytest.mark.parametrize(
    "path", ["", "principles/kaitiakitanga/", "quiz/intro/", "tools/purpose-statement/", "404.html"]
)
def test_the_skip_link_moves_focus_past_the_menu_to_the_page_content(page: Page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "dpup-content"
    # The next Tab lands inside the page's own content, not in the header or the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('.md-content').contains(document.activeElement)")


@pytest.mark.parametrize("path", LANDING_PAGES)
def test_landing_pages_show_cards_side_by_side_on_a_laptop_and_stacked_on_a_phone(page: Page, site_url, path):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + path)
    article = page.locator("article").first
    cards = article.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    assert cards.count() >= 1
    if cards.count() < 2:
        pytest.skip(f"{path} has a single card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2, f"{path}: the first two cards are not side by side at 1366 px"
    assert second["x"] >= first["x"] + first["width"] + 8, f"{path}: cards touch at 1366 px"
    # No list bullets on cards.
    assert cards.first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    page.set_viewport_size(PHONE)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] + 8, f"{path}: cards do not stack with a gap at 390 px"
    assert first["x"] >= 0 and first["x"] + first["width"] <= PHONE["width"]


def test_principle_cards_give_the_te_reo_name_and_its_meaning(page: Page, site_url):
    page.goto(site_url + "principles/")
    card = (
        page.locator("article")
        .first.get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name="Kaitiakitanga"))
    )
    expect(card.locator('[lang="mi"]', has_text="Kaitiakitanga")).to_be_visible()
    expect(card).to_contain_text("Guardianship, stewardship")


def test_the_start_page_offers_four_ways_in(page: Page, site_url):
    page.goto(site_url)
    ways = page.locator("article").first.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3))
    expect(ways).to_have_count(4)
    page.get_by_role("link", name="Start your self-check").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-check")


@pytest.mark.parametrize("path", ["principles/kaitiakitanga/", "guidelines/purpose-matters/"])
def test_official_words_come_first_attributed_and_at_full_contrast(page: Page, site_url, path):
    page.goto(site_url + path)
    official = page.get_by_role("figure").first
    expect(official.get_by_role("blockquote")).to_be_visible()
    expect(official).to_contain_text("Official DPUP text")
    # The official box comes before any editorial label on the page.
    editorial = page.get_by_text("Editorial", exact=True).first
    assert official.bounding_box()["y"] < editorial.bounding_box()["y"]
    quote_size = official.get_by_role("blockquote").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    editorial_size = editorial.locator("xpath=..").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert quote_size > editorial_size
    # Full-contrast text, not the theme's faded blockquote grey.
    color = official.get_by_role("blockquote").evaluate("el => getComputedStyle(el).color")
    alpha = re.match(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", color).group(4)
    assert alpha is None or float(alpha) >= 0.85, color


def test_a_role_page_opens_with_who_it_is_for_in_that_role(page: Page, site_url):
    page.goto(site_url + "roles/frontline/")
    lead = page.locator("article p").first
    expect(lead).to_contain_text("For frontline workers, who ask people for their information")


@pytest.mark.parametrize(
    "path",
    [
        "principles/kaitiakitanga/",
        "maturity/people-centred/",
        "tools/check-your-actions/",
        "glossary/",
        "maturity/plans/example-2024-25/",
    ],
)
def test_pages_print_without_the_site_around_them(page: Page, site_url, path):
    page.goto(site_url + path)
    page.emulate_media(media="print")
    for selector in ("header.md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print on {path}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.get_by_role("button").filter(visible=True).count() == 0, "buttons on paper"
    assert page.get_by_role("navigation").filter(visible=True).count() == 0, "navigation on paper"
    # Abbreviations are not underlined on paper (a dotted line there is noise, not a tooltip).
    underlined = page.locator("article abbr").evaluate_all(
        "els => els.filter(el => getComputedStyle(el).textDecorationLine !== 'none'"
        " || getComputedStyle(el).borderBottomStyle !== 'none').length"
    )
    assert underlined == 0
    # Links stay recognisable on paper: underlined, not told apart by colour alone.
    links = page.locator("article a[href]:not(.headerlink)")
    if links.count():
        assert "underline" in links.first.evaluate("a => getComputedStyle(a).textDecorationLine")
    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) >= 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("innerWidth"), f"{path} is wider than the paper"


def test_external_links_show_their_address_on_paper_and_internal_ones_do_not(page: Page, site_url):
    page.goto(site_url + "principles/kaitiakitanga/")
    # The shipped content links only within the site; an agency's page may link out, as here.
    page.locator("article p").first.evaluate(
        "p => p.insertAdjacentHTML('beforeend', ' <a href=\"https://www.digital.govt.nz/\">Digital.govt.nz</a>')"
    )
    page.emulate_media(media="print")
    external = page.locator('article a[href="https://www.digital.govt.nz/"]')
    assert "https://www.digital.govt.nz/" in external.evaluate("a => getComputedStyle(a, '::after').content")
    internal = page.locator('article a[href]:not([href^="http"]):not(.headerlink)').first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


def test_the_open_search_dialog_is_named_and_passes_axe(page: Page, site_url):
    page.goto(site_url)
    search_for(page, "privacy")
    expect(open_dialog(page)).to_have_count(1)
    violations = run_axe(page, AXE_OPTIONS).response["violations"]
    if ENGINE == "zensical":
        # Zensical's dialog is in a shadow root (axe names a node there by the host and the path
        # inside it) which the site's styles reach only through the theme's custom properties;
        # README names the two things axe finds in it that those cannot fix. Everything else on
        # the page, and any other node in the dialog (a highlighted word among them), fails here.
        violations = without_zensical_search_findings(violations)
    assert violations == [], describe(violations)


def header_search_control(page: Page, viewport: dict):
    """What a person clicks in the header to search: on a laptop Zensical's Search button or
    Material's search box; on a phone, on both engines, the magnifier (a label for the theme's
    search toggle)."""
    header = page.get_by_role("banner")
    if viewport == PHONE:
        return header.locator('label.md-header__button[for="__search"]')
    return header.get_by_role("button", name=re.compile("^Search")).or_(
        header.get_by_role("textbox", name="Search", exact=True)
    )


def expect_one_search_dialog_finding(page: Page, word: str) -> None:
    """The search box in the open dialog has the focus and finds `word`; then the page has one
    dialog named for search, shown or not (Zensical draws its dialog once its index has loaded, so
    the count waits for the results), and the toolkit's name for Material's dialog is on nothing
    else (Zensical's header box is not a dialog)."""
    expect(search_box(page)).to_be_focused()
    page.keyboard.type(word)
    expect(search_dialogs(page).locator("mark").first).to_be_visible(timeout=10_000)
    expect(search_dialogs(page, include_hidden=True)).to_have_count(1)
    expect(search_dialogs(page)).to_have_count(1)
    expect(page.locator('[aria-label="Search this site"]:not([role="dialog"])')).to_have_count(0)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_header_search_opens_the_one_search_dialog_by_mouse(page: Page, site_url, viewport):
    """A screen reader meets one dialog named for search on either engine: Material's (named
    "Search this site" by theme-fixes.js) or Zensical's <dialog> in its shadow root ("Search"),
    not also the header's box around Zensical's Search button, which Zensical marks as a dialog
    named "Search" too (the finishing pass makes it a plain box)."""
    page.set_viewport_size(viewport)
    page.goto(site_url)
    header_search_control(page, viewport).click()
    expect_one_search_dialog_finding(page, "privacy")


def test_the_header_search_opens_the_one_search_dialog_by_keyboard(page: Page, site_url):
    """Tab reaches the header's search control (third, after the skip link and the logo; five
    presses at most): Zensical's Search button opens the dialog on Enter, Material's search box as
    it takes the focus."""
    page.set_viewport_size(LAPTOP)
    page.goto(site_url)
    control = header_search_control(page, LAPTOP)
    for _ in range(5):
        page.keyboard.press("Tab")
        if control.evaluate("el => el === document.activeElement"):
            break
    expect(control).to_be_focused()
    if control.evaluate("el => el.tagName") == "BUTTON":
        page.keyboard.press("Enter")
    expect_one_search_dialog_finding(page, "privacy")


def test_widgets_in_their_answered_states_pass_axe_with_best_practices(page: Page, site_url):
    """The states a reader reaches by using the widgets, not only the page as it loads."""
    failures = []
    page.goto(site_url + "tools/check-your-actions/")
    page.get_by_role("radio", name="No").first.check()
    expect(page.get_by_role("heading", name="What still needs attention")).to_be_visible()
    page.get_by_role("radio", name="Yes").nth(1).check()
    failures.append(("checklist answered", run_axe(page, AXE_OPTIONS)))

    page.goto(site_url + "tools/purpose-statement/")
    page.locator("article").first.get_by_role("textbox").first.fill("Names and addresses of people who ask for help")
    expect(page.locator("pre")).to_contain_text("Names and addresses")
    failures.append(("template filled in", run_axe(page, AXE_OPTIONS)))

    page.goto(site_url + "quiz/intro/")
    question = page.locator("article fieldset").first
    question.get_by_role("radio").first.check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_role("status")).not_to_be_empty()
    failures.append(("quiz answer checked", run_axe(page, AXE_OPTIONS)))

    page.goto(site_url + "maturity/self-check/")
    # The self-check opens on its Start step; the first element's step holds the first ratings.
    page.get_by_role("navigation", name="Self-check steps").get_by_role("link").nth(1).click()
    page.locator("article fieldset").get_by_role("radio").locator("visible=true").first.check()
    failures.append(("self-check rated", run_axe(page, AXE_OPTIONS)))

    page.set_viewport_size(PHONE)
    page.goto(site_url + "principles/kaitiakitanga/")
    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    failures.append(("phone menu open", run_axe(page, AXE_OPTIONS)))

    found = [
        f"{state}: {describe(result.response['violations'])}" for state, result in failures if result.violations_count
    ]
    assert found == [], "\n".join(found)


def test_the_self_check_offers_only_its_own_previous_and_next(page: Page, site_url):
    # The site's links to the previous and next pages looked like more steps and left the page.
    page.goto(site_url + "maturity/self-check/")
    expect(page.get_by_role("navigation", name="Footer")).to_be_hidden()
    expect(page.get_by_role("button", name=re.compile("^Next: "))).to_be_visible()
    page.goto(site_url + "maturity/")
    expect(page.get_by_role("navigation", name="Footer")).to_be_visible()


def test_a_link_styled_as_a_button_is_not_underlined_until_hovered(page: Page, site_url):
    page.goto(site_url + "maturity/")
    start = page.get_by_role("link", name="Start your self-check")
    assert start.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    start.hover()
    expect(start).to_have_css("text-decoration-line", "underline")
    page.emulate_media(media="print")  # a button is no use on paper
    expect(start).to_be_hidden()
