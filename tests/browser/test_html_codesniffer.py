"""HTML_CodeSniffer, the second accessibility engine beside axe (WCAG 2 AA), over every built page
as a person has it on a laptop, JavaScript and widgets running. Only the theme's own findings named
in htmlcs_check.THEME_FINDINGS are let through."""

import pytest
from htmlcs_check import html_codesniffer, unexpected
from playwright.sync_api import Page
from ready import wait_until_ready
from test_site_wide import LAPTOP, every_page, url_path

pytestmark = pytest.mark.browser
SHARDS = 2


@pytest.mark.long_running
@pytest.mark.parametrize("shard", range(SHARDS))
def test_html_codesniffer_finds_nothing_of_ours_on_any_page(page: Page, built_site, site_url, shard):
    every = every_page(built_site)
    assert len(every) >= 45
    page.set_viewport_size(LAPTOP)
    failures, theirs = [], 0
    for path in every[shard::SHARDS]:
        page.goto(site_url + url_path(path))
        wait_until_ready(page)
        findings = html_codesniffer(page)
        theirs += sum(1 for finding in findings if finding["expected"])
        failures += [f"{path}: {problem}" for problem in unexpected(findings)]
    print(f"\nHTML_CodeSniffer, shard {shard}: {len(failures)} of ours, {theirs} of the theme's")
    assert failures == [], "\n".join(failures)


def test_html_codesniffer_catches_what_it_caught_in_our_markup(page: Page, site_url):
    """The engine runs and reports: the three findings of issue 32, in a page of their own, and the
    theme's search checkbox off the projector page (the only page it is let through on) is ours."""
    page.goto(site_url + "404.html")
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Findings</title></head><body><main>
        <form class="dpup-checklist"><fieldset><legend>Done?</legend>
        <input type="radio" name="a" id="a-yes"><label for="a-yes">Yes</label></fieldset></form>
        <h2 id="sc-dialog-title"></h2>
        <pre id="__code_x"><code>one</code></pre><pre id="__code_x"><code>two</code></pre>
        <input class="md-toggle" type="checkbox" id="__search">
        </main></body></html>"""
    )
    found = "\n".join(unexpected(html_codesniffer(page)))
    for code in ("H32.2", "H42.2", "F77", "InputCheckbox.Name"):
        assert code in found, f"{code} not reported:\n{found}"
