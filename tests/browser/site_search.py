"""The site's search box as a person uses it, on the engine that built the site.

Material (MkDocs, ProperDocs) draws its search dialog in the page: one result per page, the page's
matching sections inside it. Zensical draws its own, a <dialog> in a shadow root: a combobox, a
status ("2 results") and a listbox named "Search results" with one option per matching section of a
page (its search.json entry), ordered by where the word is (title, then the page's path, then the
text). Zensical searches again on every key, so the list first shows the results for "c", then
"co"...; the results a person reads are the ones for the whole word, which every highlighted word
in them then starts with.
"""

import re

from conftest import ENGINE
from playwright.sync_api import Locator, Page, expect


def search_for(page: Page, word: str) -> Locator:
    """Types `word` into the search box (opened with "/", as a keyboard user opens it) and returns
    the results once they are the results for the whole word: Material's result list, or Zensical's
    listbox."""
    page.keyboard.press("/")
    # Zensical opens its dialog and focuses its box a moment after the key: letters typed before
    # then are lost ("consent" became "sent").
    expect(search_box(page)).to_be_focused()
    page.keyboard.type(word)
    if ENGINE == "zensical":
        results = page.get_by_role("listbox", name="Search results")
        marks = results.locator("mark")
        expect(marks.first).to_be_visible(timeout=10_000)
        # A result for a shorter query ("conse") highlights words that do not start with `word`.
        expect(marks.filter(has_not_text=re.compile("^" + re.escape(word), re.I))).to_have_count(0)
        return results
    results = page.locator(".md-search-result")
    expect(results.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    return results


def items(results: Locator) -> Locator:
    """Each result the list shows: a page (Material) or a section of a page (Zensical)."""
    if ENGINE == "zensical":
        return results.get_by_role("option")
    return results.locator(".md-search-result__item")


def open_dialog(page: Page) -> Locator:
    """The open search dialog, by its role and accessible name: Material's, which the toolkit's
    theme-fixes.js names "Search this site" (the theme gives it no name), or Zensical's own
    <dialog aria-modal="true">, which Zensical names "Search" (the finishing pass takes the same
    role and name off the header's box around its Search button)."""
    if ENGINE == "zensical":
        return page.get_by_role("dialog", name="Search", exact=True)
    return page.get_by_role("dialog", name="Search this site")


# A dialog whose name says it searches, on either engine: "Search this site" or "Search".
SEARCH_DIALOG_NAME = re.compile(r"\bsearch\b", re.I)


def search_dialogs(page: Page, include_hidden: bool = False) -> Locator:
    """Every dialog named for search, shadow roots included (Playwright's role locator pierces
    open ones); with include_hidden, the closed ones too."""
    return page.get_by_role("dialog", name=SEARCH_DIALOG_NAME, include_hidden=include_hidden)


def search_box(page: Page) -> Locator:
    """The box a person types in, inside the dialog named for search: Zensical's combobox or
    Material's text box."""
    dialog = search_dialogs(page)
    return dialog.get_by_role("combobox").or_(dialog.get_by_role("textbox"))


# What axe finds in Zensical's own search dialog (README: "What stays different on Zensical"):
# each result's page path, an item of the list Zensical ids "...-path", at 3.36:1 on white
# (color-contrast), and its results list, which scrolls but takes no focus: a keyboard reaches
# each result with the arrow keys from the search box (scrollable-region-focusable). The words it
# highlights, a path's among them, must pass: dpup.css gives them the link colour (6.86:1).
_PATH_ITEM = re.compile(r"-path > li(:nth-child\(\d+\))?$")


def in_shadow_root(node: dict) -> bool:
    """axe names a node inside a shadow root by a list: the host's selector, then the node's."""
    return isinstance(node["target"][0], list)


def zensical_search_finding(rule: str, node: dict) -> bool:
    """Whether axe's finding on `node` is one of those README names in Zensical's search dialog."""
    if not in_shadow_root(node):
        return False
    if rule == "scrollable-region-focusable":
        return True
    return rule == "color-contrast" and _PATH_ITEM.search(node["target"][0][-1]) is not None


def without_zensical_search_findings(violations: list[dict]) -> list[dict]:
    """axe's violations less the nodes `zensical_search_finding` allows; a violation left with no
    node is dropped."""
    left = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if not zensical_search_finding(violation["id"], node)]
        if nodes:
            left.append({**violation, "nodes": nodes})
    return left
