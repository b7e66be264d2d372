"""axe-core finds no WCAG 2.2 AA problems on the self-check, the checklists and the purpose statement form, in use."""

import pytest
from axe_check import assert_no_axe_violations
from playwright.sync_api import Page, expect
from test_self_check import add_gaps_to_plan, count_text, go_to, plan_rows, rate_all

pytestmark = pytest.mark.browser


def nothing(page: Page) -> None:
    pass


def rate_everything_and_plan(page: Page) -> None:
    """Checks the plan step, then leaves the results step open for the final check."""
    rate_all(page)
    expect(count_text(page)).to_contain_text("14 of 14 criteria rated")
    add_gaps_to_plan(page)
    expect(plan_rows(page).first).to_be_visible()
    assert_no_axe_violations(page)
    go_to(page, "Results and next steps")
    expect(page.locator("svg.dpup-selfcheck__chart")).to_be_visible()
    expect(page.locator("ol.dpup-selfcheck__gaps > li").first).to_be_visible()


def answer_the_first_item_no(page: Page) -> None:
    page.locator("fieldset.dpup-checklist__item").first.get_by_role("radio", name="No", exact=True).check()
    expect(page.locator("ul.dpup-checklist__attention > li")).to_have_count(1)


def write_what(page: Page) -> None:
    page.locator(".dpup-template").get_by_role("textbox", name="What", exact=True).fill("Names and addresses")
    expect(page.locator(".dpup-template__output")).to_contain_text("Names and addresses")


@pytest.mark.parametrize(
    ("path", "action"),
    [
        pytest.param("maturity/self-check/", nothing, id="self-check"),
        pytest.param("maturity/self-check/", rate_everything_and_plan, id="self-check-with-results-and-plan"),
        pytest.param("tools/transparency-choice-checklist/", answer_the_first_item_no, id="transparency-choice"),
        pytest.param("tools/funding-contracting-checklist/", answer_the_first_item_no, id="funding-contracting"),
        pytest.param("tools/check-your-actions/", answer_the_first_item_no, id="check-your-actions"),
        pytest.param("tools/purpose-statement/", nothing, id="purpose-statement"),
        pytest.param("tools/purpose-statement/", write_what, id="purpose-statement-filled"),
    ],
)
def test_self_check_and_tool_pages_have_no_wcag_aa_violations(page: Page, site_url, path, action):
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    action(page)
    assert_no_axe_violations(page)
