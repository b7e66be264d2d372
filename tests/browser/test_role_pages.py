"""Role pages lead with what a person came to do (issue 20 item 10): the "When you share information"
summary and the tools for the role come first, and every part is labelled for what it is.

Before this change "Tools for your role" started 3,211 px down the 4,042 px frontline page on a
390x844 phone (3.8 screens) and 2,319 px down on a 1366x900 laptop (2.6 screens).

The threshold: on a laptop the tools heading and the first tool's link sit inside the first
screenful, so they are seen without scrolling; on a phone they sit inside the first two screenfuls,
one swipe down, because the sharing summary above them (the safety limits staff must know) comes
first and takes most of the first screen at 390 px.
"""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROLES = [
    "frontline",
    "frontline-leaders",
    "funding-contracting-partnering",
    "policy-service-development",
    "analysis-research-evaluation",
]
SIZES = {"phone": ({"width": 390, "height": 844}, 2), "laptop": ({"width": 1366, "height": 900}, 1)}


def page_bottom(locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().bottom + window.scrollY")


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("role", ROLES)
def test_the_sharing_summary_and_the_tools_come_within_the_first_screens(page: Page, site_url, role, size):
    viewport, screens = SIZES[size]
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}roles/{role}/")
    sharing = page.get_by_role("heading", name="When you share information", level=2)
    tools = page.get_by_role("heading", name="Tools for your role", level=2)
    expect(sharing).to_be_visible()
    expect(tools).to_be_visible()
    first_tool = page.get_by_role("region", name="Tools for your role").get_by_role("link").first
    limit = screens * viewport["height"]
    assert page_bottom(first_tool) <= limit, f"{role} at {size}: the first tool ends at {page_bottom(first_tool):.0f}px"
    # Sharing first, then the tools, then the rest of the page.
    headings = page.locator("article h2").all_inner_texts()
    assert headings[:3] == ["When you share information", "Tools for your role", "What you do"], headings


def test_the_frontline_sharing_summary_states_the_safety_limits_and_its_sources(page: Page, site_url):
    page.goto(f"{site_url}roles/frontline/")
    summary = page.get_by_role("region", name="When you share information")
    expect(summary).to_contain_text("Put people's safety first")
    expect(summary).to_contain_text("serious threat to someone's life, health or safety")
    expect(summary).to_contain_text("only with someone who can act on it")
    expect(summary).to_contain_text("Oranga Tamariki Act 1989 and the Family Violence Act 2018")
    expect(summary.get_by_text("Editorial", exact=True)).to_be_visible()
    expect(
        summary.get_by_role("link", name="What's a 'serious threat'? (Office of the Privacy Commissioner)")
    ).to_be_visible()


def test_each_principle_summary_on_a_role_page_is_marked_official(page: Page, site_url):
    page.goto(f"{site_url}roles/frontline/")
    marks = page.get_by_text("(Official DPUP summary, word for word.)")
    expect(marks).to_have_count(5)
    expect(page.get_by_text("This role page is written for this toolkit")).to_have_count(0)
    expect(page.get_by_text("These points are ours.")).to_have_count(5)


# axe (best practices included), sideways scrolling and the skip link are checked on every role page at
# these two sizes by the site-wide crawl (test_site_wide.py).
