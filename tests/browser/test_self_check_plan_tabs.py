"""Two tabs editing the improvement plan at the same moment: each tab's rows and fields are kept, a
removed row stays removed, and the tab whose typing lost to a later change is told what it typed."""

import re

import pytest
from playwright.sync_api import Page, expect
from test_self_check import (
    RATINGS,
    STATE_KEY,
    add_a_row,
    clear_answers,
    fill_plan_row,
    go_to,
    message,
    plan_field,
    plan_rows,
    self_check_url,
    wait_for_stored,
)

pytestmark = pytest.mark.browser

# Holds back the `storage` events a tab receives while window.__holding is set, so that both tabs
# type before either hears of the other; then hands them on in order. Added before the page's own
# scripts, so that this listener runs first and can stop theirs.
HOLDER = """window.__held = [];
window.addEventListener("storage", (event) => {
  if (!window.__holding) return;
  event.stopImmediatePropagation();
  window.__held.push({ key: event.key, oldValue: event.oldValue, newValue: event.newValue });
});"""
RELEASE_STORAGE_EVENTS = """() => {
  window.__holding = false;
  for (const held of window.__held) {
    window.dispatchEvent(new StorageEvent("storage", { ...held, storageArea: localStorage, url: location.href }));
  }
  return window.__held.length;
}"""


def focus_areas(page: Page) -> list[str]:
    rows = plan_rows(page)
    return [plan_field(rows.nth(i), "Focus area").input_value() for i in range(rows.count())]


def expect_plan(page: Page, areas: list[str], owner: str, due: str, resources: str) -> None:
    """The plan as both tabs should show it after merging (waits for the rows, then reads them)."""
    rows = plan_rows(page)
    expect(rows).to_have_count(len(areas))
    for i, area in enumerate(areas):
        expect(plan_field(rows.nth(i), "Focus area")).to_have_value(area)
    expect(plan_field(rows.nth(0), "Resources")).to_have_value(resources)
    expect(plan_field(rows.nth(1), "Owner")).to_have_value(owner)
    expect(plan_field(rows.nth(1), "Target date")).to_have_value(due)


def test_two_tabs_editing_the_plan_at_the_same_moment_keep_both_edits(page: Page, site_url):
    page.add_init_script(HOLDER)
    page.goto(self_check_url(site_url))
    for focus in ("Governance", "Training", "Notices"):
        add_a_row(page)
        fill_plan_row(plan_rows(page).last, focus=focus)
    wait_for_stored(page, STATE_KEY, "Notices")
    other = page.context.new_page()
    other.add_init_script(HOLDER)
    other.goto(self_check_url(site_url))
    go_to(other, "Improvement plan")
    expect(plan_rows(other)).to_have_count(3)
    for tab in (page, other):
        tab.evaluate("() => { window.__holding = true; }")

    # Both tabs edit before either hears of the other: storage ends up holding only the second's entry.
    fill_plan_row(plan_rows(page).nth(0), resources="Budget from this tab")
    plan_rows(page).nth(2).get_by_role("button", name="Remove row 3").click()
    owner = plan_field(plan_rows(page).nth(1), "Owner")
    owner.fill("Aroha")
    fill_plan_row(plan_rows(other).nth(1), due="2027-06-30")
    fill_plan_row(plan_rows(other).nth(0), resources="Budget from the other tab")  # later: this one wins
    add_a_row(other)
    fill_plan_row(plan_rows(other).last, focus="Retention")
    plan_field(plan_rows(other).nth(2), "Owner").fill("Typed in a row removed elsewhere")  # still typing there
    wait_for_stored(other, STATE_KEY, "Typed in a row removed elsewhere")
    assert page.evaluate(RELEASE_STORAGE_EVENTS) > 0
    assert other.evaluate(RELEASE_STORAGE_EVENTS) > 0

    for tab in (page, other):
        expect_plan(tab, ["Governance", "Training", "Retention"], "Aroha", "2027-06-30", "Budget from the other tab")
    expect(owner).to_be_focused()  # merging redrew the plan under the person typing here
    expect(message(page, "sync")).to_contain_text("In the plan, ")
    expect(message(page, "plan")).to_have_text(
        "A later change in another tab or window replaced what you typed in row 1 (Governance), "
        "resources: “Budget from this tab”."
    )
    expect(message(other, "plan")).to_have_text(
        "Row 3 (Notices), where you typed, was removed in another tab or window: “Put back row 3 (Notices)” brings it back."
    )
    page.wait_for_function(
        "key => { const plan = JSON.parse(localStorage.getItem(key)).plan;"
        " return plan.length === 3 && plan[1].owner === 'Aroha' && plan[1].due === '2027-06-30'; }",
        arg=STATE_KEY,
    )

    # The removed row stays removed, though the other tab typed in it; that tab can put it back, typing and all.
    put_back = other.get_by_role("button", name="Put back row 3 (Notices)")
    expect(put_back).to_be_focused()  # the row that tab was typing in went: focus goes to what brings it back
    put_back.click()
    for tab in (page, other):
        expect_plan(
            tab, ["Governance", "Training", "Notices", "Retention"], "Aroha", "2027-06-30", "Budget from the other tab"
        )
        expect(plan_field(plan_rows(tab).nth(2), "Owner")).to_have_value("Typed in a row removed elsewhere")
    expect(message(page, "sync")).to_contain_text("row 3 (Notices) was added")
    other.close()


# An entry saved before plan rows had ids: the whole plan under one stamp, after a clear (replacedAt).
OLD_ENTRY = {
    "about": {"agency": "MSD"},
    "ratings": {"element-culture.01": {"level": "managed", "note": ""}},
    "plan": [
        {"focusArea": "Governance", "actions": ["Name a privacy lead"], "status": "in-progress"},
        {"focusArea": "Training", "owner": "Aroha", "due": "2026-06-30"},
    ],
    "stamps": {"plan": 1764000000000, "ratings/element-culture.01": 1763000000000},
    "replacedAt": 1762000000000,
}


def test_a_plan_saved_by_an_earlier_version_loads_whole_and_two_tabs_do_not_double_it(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.evaluate("([key, entry]) => localStorage.setItem(key, JSON.stringify(entry))", [STATE_KEY, OLD_ENTRY])
    page.reload()
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    for tab in (page, other):
        go_to(tab, "Improvement plan")
        expect(plan_rows(tab)).to_have_count(2)
    fill_plan_row(plan_rows(page).nth(1), resources="Two trainers")
    add_a_row(other)
    fill_plan_row(plan_rows(other).last, focus="Retention")
    for tab in (page, other):
        expect(plan_rows(tab)).to_have_count(3)
        assert focus_areas(tab) == ["Governance", "Training", "Retention"]
        expect(plan_field(plan_rows(tab).nth(1), "Resources")).to_have_value("Two trainers")
        expect(plan_field(plan_rows(tab).nth(1), "Owner")).to_have_value("Aroha")
    expect(plan_field(plan_rows(page).nth(0), "Planned actions")).to_have_value("Name a privacy lead")
    other.close()


def test_two_tabs_adding_the_gaps_and_carrying_over_at_the_same_moment_add_each_row_once(page: Page, site_url):
    """Both tabs press "Add gaps to the plan" and "Carry over" before either hears of the other: each
    gap and each open action of last year is one row, in both tabs and in storage."""
    ratings = {criterion_id: {"level": level, "note": ""} for criterion_id, level in RATINGS.items()}
    last_year = {
        "label": "2025",
        "ratings": ratings,
        "plan": [
            {"focusArea": "Governance", "recommendation": "Name a privacy lead", "status": "in-progress"},
            {"focusArea": "Training", "recommendation": "Train new staff", "status": "not-started"},
            {"focusArea": "Notices", "recommendation": "Done already", "status": "done"},
        ],
    }
    page.add_init_script(HOLDER)
    page.goto(self_check_url(site_url))
    page.evaluate(
        "([key, entry]) => localStorage.setItem(key, JSON.stringify(entry))",
        [STATE_KEY, {"ratings": ratings, "previous": last_year}],
    )
    page.reload()
    other = page.context.new_page()
    other.add_init_script(HOLDER)
    other.goto(self_check_url(site_url))
    for tab in (page, other):
        go_to(tab, "Improvement plan")
        expect(plan_rows(tab)).to_have_count(0)
        tab.evaluate("() => { window.__holding = true; }")

    for tab in (page, other):
        tab.locator("section.dpup-plan-builder").get_by_role("button", name="Add gaps to the plan").click()
        tab.get_by_role("button", name="Carry over last year’s open actions").click()
    expected = focus_areas(page)
    assert len(expected) > 2  # the gaps, then last year's two open actions
    assert expected[-2:] == ["Governance", "Training"]
    assert focus_areas(other) == expected
    page.evaluate(RELEASE_STORAGE_EVENTS)
    other.evaluate(RELEASE_STORAGE_EVENTS)

    for tab in (page, other):
        expect(plan_rows(tab)).to_have_count(len(expected))
        assert focus_areas(tab) == expected
    page.wait_for_function(
        "([key, count]) => JSON.parse(localStorage.getItem(key)).plan.length === count", arg=[STATE_KEY, len(expected)]
    )
    other.close()


def test_a_clear_in_another_tab_offers_only_buttons_that_exist_and_its_undo_brings_back_the_typing(
    page: Page, site_url
):
    page.goto(self_check_url(site_url))
    add_a_row(page)
    fill_plan_row(plan_rows(page).last, focus="Governance")
    owner = plan_field(plan_rows(page).last, "Owner")
    owner.fill("Aroha")
    wait_for_stored(page, STATE_KEY, "Aroha")
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    clear_answers(other)

    expect(message(page, "sync")).to_have_text(
        "Your answers were replaced in another tab or window (cleared, imported or undone); this page now shows them."
    )
    expect(plan_rows(page)).to_have_count(0)
    # Whatever the plan's message names, the page has: no "Put back" for a row the clear took.
    plan_message = message(page, "plan").text_content() or ""
    for named in re.findall(r"“(Put back [^”]+)”", plan_message):
        expect(page.get_by_role("button", name=named)).to_be_visible()
    undo = page.get_by_role("button", name="Undo the clear")
    go_to(page, "Save and print")
    undo.click()
    go_to(page, "Improvement plan")
    expect(plan_field(plan_rows(page).first, "Owner")).to_have_value("Aroha")
    for tab in (page, other):
        go_to(tab, "Improvement plan")
        expect(plan_field(plan_rows(tab).first, "Focus area")).to_have_value("Governance")
    other.close()
