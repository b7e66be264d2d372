"""An agency rating itself in the privacy maturity self-check: levels, next steps, the plan builder, saving, keyboard use."""

import json
import re

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Locator, Page, expect
from storage import stored as stored_with_prefix
from storage import wait_for_stored

pytestmark = pytest.mark.browser

MATURITY = ROOT / "content" / "maturity"
LEVELS = sorted(
    yaml.safe_load((MATURITY / "levels.yml").read_text(encoding="utf-8"))["levels"], key=lambda level: level["order"]
)
LEVEL_IDS = [level["id"] for level in LEVELS]
LEVEL_NAME = {level["id"]: level["name"] for level in LEVELS} | {"unsure": "Not sure yet"}
SECTION_TITLE = yaml.safe_load((MATURITY / "sections.yml").read_text(encoding="utf-8"))["sections"][0]["title"]
ELEMENTS = sorted(
    (yaml.safe_load(path.read_text(encoding="utf-8")) for path in (MATURITY / "elements").glob("*.yml")),
    key=lambda element: element["order"],
)
for _element in ELEMENTS:
    _element["criteria"].sort(key=lambda criterion: criterion["order"])
CRITERIA = [criterion for element in ELEMENTS for criterion in element["criteria"]]
CRITERION = {criterion["id"]: criterion for criterion in CRITERIA}
ELEMENT_OF = {criterion["id"]: element for element in ELEMENTS for criterion in element["criteria"]}
ELEMENT = {element["id"]: element for element in ELEMENTS}

# A full set of ratings whose element levels follow from the lowest-level rule.
RATINGS = {
    "element-people-centred.01": "managed",
    "element-people-centred.02": "foundational",
    "element-people-centred.03": "managed",
    "element-culture.01": "managed",
    "element-culture.02": "managed",
    "element-culture.03": "managed",
    "element-capability.01": "informal",
    "element-capability.02": "foundational",
    "element-capability.03": "managed",
    "element-collective-responsibility.01": "foundational",
    "element-collective-responsibility.02": "managed",
    "element-collective-responsibility.03": "foundational",
    "element-treaty-partner.01": "managed",
    "element-treaty-partner.02": "managed",
}
ELEMENT_LEVELS = {
    "element-people-centred": "Foundational",
    "element-culture": "Managed",
    "element-capability": "Informal",
    "element-collective-responsibility": "Foundational",
    "element-treaty-partner": "Managed",
}
NOTES_LABEL = "Notes on this criterion"
PLAN_FIELDS = ("Focus area", "Recommendation", "Planned actions (one per line)", "Owner", "Target date")
STORAGE_PREFIX = "dpup.selfcheck."
STATE_KEY = "dpup.selfcheck.state"


def normalise(text: str) -> str:
    return " ".join(text.split())


def self_check_url(site_url: str) -> str:
    return site_url + "maturity/self-check/"


def gaps_for(ratings: dict, target: str) -> list[str]:
    return [
        cid
        for cid in CRITERION
        if cid in ratings and ratings[cid] in LEVEL_IDS and LEVEL_IDS.index(ratings[cid]) < LEVEL_IDS.index(target)
    ]


def next_level(level: str) -> str:
    return LEVEL_IDS[LEVEL_IDS.index(level) + 1]


def descriptor(criterion_id: str, level: str) -> str:
    return normalise(next(d["text"] for d in CRITERION[criterion_id]["descriptors"] if d["level"] == level))


def recommendation(criterion_id: str, level: str) -> str:
    name = LEVEL_NAME[next_level(level)]
    return (
        f"Raise “{CRITERION[criterion_id]['title']}” from {LEVEL_NAME[level]} to {name}, "
        f"as the {name} description for this criterion sets out."
    )


def steps(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Self-check steps")


def go_to(page: Page, step: str) -> None:
    """Open a step from the steps list, as a person does: "Start", "Results and next steps", an element's title..."""
    steps(page).get_by_role("link", name=re.compile(re.escape(step))).click()
    expect(page.locator("section.dpup-selfcheck__step:visible h2")).to_contain_text(step)


def clear_answers(page: Page) -> None:
    """Clear every answer as a person does: the button on the last step, then its dialog's confirmation."""
    go_to(page, "Save and print")
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("dialog", name="Clear all your answers?").get_by_role("button", name="Clear my answers").click()


def criterion(page: Page, criterion_id: str) -> Locator:
    return page.locator(f'fieldset.dpup-selfcheck__criterion[data-criterion-id="{criterion_id}"]')


def radio(page: Page, criterion_id: str, level: str) -> Locator:
    """The radio button, after opening its element's step (hidden steps have no roles)."""
    show_criterion(page, criterion_id)
    return criterion(page, criterion_id).get_by_role("radio", name=re.compile("^" + re.escape(LEVEL_NAME[level])))


def show_criterion(page: Page, criterion_id: str) -> None:
    if not criterion(page, criterion_id).is_visible():
        go_to(page, ELEMENT_OF[criterion_id]["title"])


def rate(page: Page, criterion_id: str, level: str) -> None:
    show_criterion(page, criterion_id)
    radio(page, criterion_id, level).check()


def rate_all(page: Page, ratings: dict = RATINGS) -> None:
    for criterion_id, level in ratings.items():
        rate(page, criterion_id, level)


def notes(page: Page, criterion_id: str) -> Locator:
    show_criterion(page, criterion_id)
    return criterion(page, criterion_id).get_by_role("textbox", name=NOTES_LABEL)


def write_note(page: Page, criterion_id: str, text: str) -> None:
    show_criterion(page, criterion_id)
    box = notes(page, criterion_id)
    box.fill(text)
    box.blur()


def count_text(page: Page) -> Locator:
    return page.locator(".dpup-selfcheck__count")


def message(page: Page, name: str) -> Locator:
    """The status line beside a group of controls: plan, save, import, clear, previous, colleagues, sync."""
    return page.locator(f'.dpup-selfcheck__message[data-message="{name}"]')


def target_select(page: Page) -> Locator:
    return page.locator("section.dpup-selfcheck__results").get_by_label("Target level")


def gap(page: Page, criterion_id: str) -> Locator:
    return page.locator(f'ol.dpup-selfcheck__gaps > li[data-criterion-id="{criterion_id}"]')


def element_row(page: Page, element_id: str) -> Locator:
    return page.locator("table.dpup-selfcheck__table tr").filter(
        has=page.locator("th", has_text=ELEMENT[element_id]["title"])
    )


def element_level(page: Page, element_id: str) -> Locator:
    return element_row(page, element_id).locator("td.dpup-selfcheck__element-level")


def plan_rows(page: Page) -> Locator:
    return page.locator("section.dpup-plan-builder li.dpup-plan-row")


def plan_field(row: Locator, label: str) -> Locator:
    return row.get_by_label(label)


def add_gaps_to_plan(page: Page) -> None:
    go_to(page, "Improvement plan")
    page.locator("section.dpup-plan-builder").get_by_role("button", name="Add gaps to the plan").click()


def add_a_row(page: Page) -> None:
    go_to(page, "Improvement plan")
    page.locator("section.dpup-plan-builder").get_by_role("button", name="Add a row").click()


def fill_plan_row(row: Locator, **values: str) -> None:
    """Fill a plan row: keys focus, recommendation, actions, owner, resources, due; status by its label."""
    fields = {
        "focus": "Focus area",
        "recommendation": "Recommendation",
        "actions": "Planned actions",
        "owner": "Owner",
        "resources": "Resources",
        "due": "Target date",
    }
    if "status" in values:
        plan_field(row, "Status").select_option(label=values["status"])
    for key, label in fields.items():
        if key in values:
            box = plan_field(row, label)
            box.fill(values[key])
            box.blur()


def plan_values(page: Page) -> list[dict]:
    rows = plan_rows(page)
    return [{label: plan_field(rows.nth(i), label).input_value() for label in PLAN_FIELDS} for i in range(rows.count())]


def stored(page: Page, prefix: str = STORAGE_PREFIX) -> dict:
    return stored_with_prefix(page, prefix)


def saved_state(page: Page) -> dict:
    return json.loads(stored(page)[STATE_KEY])


def press_until_focused(page: Page, target: Locator, key: str = "Tab", limit: int = 10) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"pressing {key} {limit} times never focused {target}")


def test_the_content_has_five_elements_and_fourteen_criteria():
    assert len(ELEMENTS) == 5
    assert len(CRITERIA) == 14
    assert set(RATINGS) == set(CRITERION)
    for element_id, level in ELEMENT_LEVELS.items():
        lowest = min((RATINGS[c["id"]] for c in ELEMENT[element_id]["criteria"]), key=LEVEL_IDS.index)
        assert LEVEL_NAME[lowest] == level


def test_the_form_has_an_element_step_and_a_named_group_per_criterion(page: Page, site_url):
    page.goto(self_check_url(site_url))
    expect(page.locator('.dpup-selfcheck[data-dpup-widget="selfcheck"]')).to_have_count(1)
    expect(page.locator("section.dpup-selfcheck__element")).to_have_count(len(ELEMENTS))
    expect(page.locator("fieldset.dpup-selfcheck__criterion")).to_have_count(len(CRITERIA))
    first = ELEMENTS[0]
    go_to(page, first["title"])
    section = page.locator(f'section.dpup-selfcheck__element[id="sc-{first["id"]}"]')
    expect(section.get_by_role("heading", level=2)).to_have_text(f"{first['number']}. {first['title']}")
    legend = criterion(page, CRITERIA[0]["id"]).locator("legend")
    expect(legend).to_have_text(f"{CRITERIA[0]['label']}: {CRITERIA[0]['title']}")
    for level in [*LEVEL_IDS, "unsure"]:
        expect(radio(page, CRITERIA[0]["id"], level)).to_have_attribute("value", level)
    expect(criterion(page, CRITERIA[0]["id"]).get_by_role("radio")).to_have_count(4)
    # Named by its level, described by the level's text (GOV.UK's radios with a hint).
    expect(radio(page, CRITERIA[0]["id"], "managed")).to_have_accessible_name("Managed")
    expect(radio(page, CRITERIA[0]["id"], "managed")).to_have_accessible_description(
        re.compile(re.escape(descriptor(CRITERIA[0]["id"], "managed")[:60]))
    )
    with_guidance = next(c for c in CRITERIA if c.get("guidance"))
    expect(criterion(page, with_guidance["id"]).locator("details.dpup-guidance")).to_contain_text("Guidance note")
    expect(notes(page, CRITERIA[0]["id"])).to_have_count(1)
    comments = section.get_by_role("group", name="Comments on this element for the GCPO")
    for label in ("Achievements", "Challenges", "Areas of future focus"):
        expect(comments.get_by_role("textbox", name=label)).to_be_visible()
    go_to(page, "Results and next steps")
    expect(target_select(page).locator("option:checked")).to_have_text("Managed")


def test_the_steps_show_one_part_at_a_time_and_lead_through_the_elements(page: Page, site_url):
    page.goto(self_check_url(site_url))
    expect(page.locator("section.dpup-selfcheck__step:visible")).to_have_count(1)
    expect(page.get_by_role("heading", level=2, name="Start", exact=True)).to_be_visible()
    expect(steps(page).get_by_role("link", name="Start")).to_have_attribute("aria-current", "step")
    expect(page.get_by_role("button", name=re.compile("^Previous"))).to_be_hidden()
    for element in ELEMENTS:
        page.get_by_role("button", name=f"Next: {element['number']}. {element['title']}").click()
        heading = page.get_by_role("heading", level=2, name=f"{element['number']}. {element['title']}")
        expect(heading).to_be_visible()
        expect(heading).to_be_focused()
        expect(page.locator("section.dpup-selfcheck__step:visible")).to_have_count(1)
    for name in ("Results and next steps", "Improvement plan", "Last year and colleagues", "Save and print"):
        page.get_by_role("button", name=f"Next: {name}").click()
        expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Next"))).to_be_hidden()
    page.get_by_role("button", name="Previous: Last year and colleagues").click()
    expect(page.get_by_role("heading", level=2, name="Last year and colleagues")).to_be_visible()


def test_the_overview_gives_each_elements_status(page: Page, site_url):
    page.goto(self_check_url(site_url))
    overview = page.locator("ol.dpup-selfcheck__overview > li")
    expect(overview).to_have_count(len(ELEMENTS))
    expect(overview.first).to_contain_text("Not started, 0 of 3 rated")
    rate(page, "element-people-centred.01", "managed")
    expect(page.locator('section[id="sc-element-people-centred"] [role=status]')).to_have_text(
        "1 of 3 criteria rated in this element; 1 of 14 criteria rated in all."
    )
    write_note(page, "element-culture.01", "A note but no rating yet")
    rate_all(page, {k: v for k, v in RATINGS.items() if k.startswith("element-capability")})
    go_to(page, "Start")
    expect(overview.nth(0)).to_contain_text("In progress, 1 of 3 rated")
    expect(overview.nth(1)).to_contain_text("In progress, 0 of 3 rated")
    expect(overview.nth(2)).to_contain_text("Completed, 3 of 3 rated")
    expect(overview.nth(3)).to_contain_text("Not started, 0 of 3 rated")
    expect(steps(page).locator("li", has_text=ELEMENT["element-capability"]["title"])).to_contain_text("Completed")
    overview.nth(3).get_by_role("link").click()
    expect(
        page.get_by_role("heading", level=2, name=re.compile(ELEMENT["element-collective-responsibility"]["title"]))
    ).to_be_visible()


def test_rating_all_fourteen_updates_the_progress_text_and_bar(page: Page, site_url):
    page.goto(self_check_url(site_url))
    bar = page.locator("progress.dpup-selfcheck__bar")
    expect(bar).to_have_js_property("max", 14)
    expect(count_text(page)).to_contain_text("0 of 14 criteria rated")
    rate(page, CRITERIA[0]["id"], "informal")
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    expect(bar).to_have_js_property("value", 1)
    rate_all(page)
    expect(count_text(page)).to_have_text("14 of 14 criteria rated")
    expect(page.locator('section[id="sc-element-treaty-partner"] [role=status]')).to_contain_text(
        "14 of 14 criteria rated in all"
    )
    expect(bar).to_have_js_property("value", 14)
    for index, element in enumerate(ELEMENTS):
        n = len(element["criteria"])
        expect(page.locator("ol.dpup-selfcheck__overview > li").nth(index)).to_contain_text(
            f"Completed, {n} of {n} rated"
        )


def test_the_element_level_is_the_lowest_of_its_criteria(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-people-centred.01", "managed")
    rate(page, "element-people-centred.02", "foundational")
    go_to(page, "Results and next steps")
    expect(element_level(page, "element-people-centred")).to_have_text("Not yet rated")
    rate(page, "element-people-centred.03", "managed")
    go_to(page, "Results and next steps")
    expect(element_level(page, "element-people-centred")).to_have_text("Foundational")
    row = element_row(page, "element-people-centred")
    expect(row).to_contain_text("Managed")
    expect(row).to_contain_text("Foundational")
    expect(page.locator("section.dpup-selfcheck__results")).to_contain_text("lowest")
    expect(element_level(page, "element-culture")).to_have_text("Not yet rated")
    expect(element_row(page, "element-culture")).to_contain_text("Not rated")


def test_not_sure_yet_does_not_count_as_rated_and_shows_as_such(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-treaty-partner.01", "managed")
    rate(page, "element-treaty-partner.02", "unsure")
    expect(radio(page, "element-treaty-partner.02", "unsure")).to_be_checked()
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    go_to(page, "Results and next steps")
    expect(element_level(page, "element-treaty-partner")).to_have_text("Not yet rated")
    expect(element_row(page, "element-treaty-partner")).to_contain_text("Not sure yet")
    expect(page.locator("svg.dpup-selfcheck__chart text", has_text="?")).to_have_count(1)
    expect(gap(page, "element-treaty-partner.02")).to_have_count(0)
    rate_all(page, {k: v for k, v in RATINGS.items() if k != "element-treaty-partner.02"})
    expect(count_text(page)).to_have_text("13 of 14 criteria rated")
    expect(page.locator(".dpup-selfcheck__section-level")).to_have_text(
        f"{SECTION_TITLE}: not yet rated (every criterion needs a level)"
    )


def test_the_section_level_and_heat_map_once_every_criterion_is_rated(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    go_to(page, "Results and next steps")
    for element_id, level in ELEMENT_LEVELS.items():
        expect(element_level(page, element_id)).to_have_text(level)
    expect(page.locator(".dpup-selfcheck__section-level")).to_have_text(f"{SECTION_TITLE}: Informal")
    # The drawing is hidden from readers (the table gives the same), its caption read once as text.
    chart = page.locator("figure", has_text="Heat map of your ratings").locator("svg.dpup-selfcheck__chart")
    expect(chart.locator("rect")).to_have_count(len(CRITERIA))
    for element in ELEMENTS:  # rows are named by element, not E1, E2
        expect(chart.locator("text.dpup-chart__label", has_text=f"{element['number']}.")).to_have_count(1)
    expect(chart.locator("text", has_text=re.compile(r"^\s*M\s*$"))).to_have_count(
        sum(1 for level in RATINGS.values() if level == "managed")
    )
    fills = chart.locator('rect[data-criterion-id="element-culture.01"]').get_attribute("fill")
    assert fills == next(level["colour"] for level in LEVELS if level["id"] == "managed")


def test_next_steps_list_each_gap_with_the_next_descriptor_and_helpful_links(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    go_to(page, "Results and next steps")
    gaps = page.locator("ol.dpup-selfcheck__gaps > li")
    expected = gaps_for(RATINGS, "managed")
    expect(gaps).to_have_count(len(expected))
    for criterion_id in expected:
        item = gap(page, criterion_id)
        expect(item).to_contain_text(CRITERION[criterion_id]["title"])
        expect(item).to_contain_text(f"Now: {LEVEL_NAME[RATINGS[criterion_id]]}")
        expect(item).to_contain_text(descriptor(criterion_id, next_level(RATINGS[criterion_id])))
        expect(item.locator("a")).to_have_count(len(CRITERION[criterion_id]["helped_by"]))
    expect(gap(page, "element-culture.01")).to_have_count(0)

    link = gap(page, "element-people-centred.02").locator("a").first
    title = link.inner_text()
    link.click()
    expect(page).not_to_have_url(re.compile(r"/maturity/self-check/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(title.split(":")[0].strip())))


def test_a_foundational_target_drops_the_gaps_that_only_a_managed_target_has(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    go_to(page, "Results and next steps")
    gaps = page.locator("ol.dpup-selfcheck__gaps > li")
    expect(gaps).to_have_count(len(gaps_for(RATINGS, "managed")))
    target_select(page).select_option(label="Foundational")
    assert gaps_for(RATINGS, "foundational") == ["element-capability.01"]
    expect(gaps).to_have_count(1)
    expect(gap(page, "element-capability.01")).to_contain_text(descriptor("element-capability.01", "foundational"))
    target_select(page).select_option(label="Managed")
    expect(gaps).to_have_count(len(gaps_for(RATINGS, "managed")))


def test_adding_gaps_to_the_plan_creates_rows_with_plain_sentences(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    add_gaps_to_plan(page)
    expected_gaps = gaps_for(RATINGS, "managed")
    expect(plan_rows(page)).to_have_count(len(expected_gaps))
    expect(message(page, "plan")).to_have_text(f"{len(expected_gaps)} rows added to the plan.")
    expected = sorted((ELEMENT_OF[cid]["title"], recommendation(cid, RATINGS[cid]), "") for cid in expected_gaps)
    actual = sorted(
        (row["Focus area"], row["Recommendation"], row["Planned actions (one per line)"]) for row in plan_values(page)
    )
    assert actual == expected
    page.get_by_role("button", name="Add gaps to the plan").click()
    expect(message(page, "plan")).to_have_text("Every gap is already in the plan.")
    expect(plan_rows(page)).to_have_count(len(expected_gaps))
    row = plan_rows(page).first
    expect(row.get_by_role("group", name=re.compile("^Plan row 1: "))).to_be_visible()
    expect(row.get_by_role("button", name="Remove row 1")).to_have_count(1)
    expect(plan_field(row, "Status").locator("option")).to_have_text(
        ["Not started", "In progress", "Done", "Deferred", "No action planned"]
    )


def test_plan_rows_can_be_edited_added_and_removed(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    add_gaps_to_plan(page)
    count = len(gaps_for(RATINGS, "managed"))
    first = plan_rows(page).first
    first_recommendation = plan_field(first, "Recommendation").input_value()
    fill_plan_row(
        first,
        owner="Privacy officer",
        resources="0.2 FTE",
        due="2025-06-30",
        status="In progress",
        actions="Update the privacy policy\nRun a workshop with service users",
    )
    expect(plan_field(first, "Target date")).to_have_value("2025-06-30")
    expect(first.get_by_label("Reason for no action")).to_be_hidden()
    add_a_row(page)
    expect(plan_rows(page)).to_have_count(count + 1)
    new = plan_rows(page).last
    expect(plan_field(new, "Focus area")).to_be_focused()
    fill_plan_row(new, focus="Privacy culture", recommendation="Hold a privacy week.", status="No action planned")
    expect(new.get_by_text("Give a reason for taking no action.")).to_be_visible()
    new.get_by_label("Reason for no action").fill("Covered by the wellbeing programme")
    expect(new.get_by_text("Give a reason for taking no action.")).to_have_count(0)
    wait_for_stored(page, STATE_KEY, "Covered by the wellbeing programme")
    plan = saved_state(page)["plan"]
    assert len(plan) == count + 1
    edited = next(row for row in plan if row["recommendation"] == first_recommendation)
    assert (edited["owner"], edited["resources"], edited["due"], edited["status"]) == (
        "Privacy officer",
        "0.2 FTE",
        "2025-06-30",
        "in-progress",
    )
    assert edited["actions"] == ["Update the privacy policy", "Run a workshop with service users"]
    assert (plan[-1]["focusArea"], plan[-1]["status"], plan[-1]["reason"]) == (
        "Privacy culture",
        "no-action",
        "Covered by the wellbeing programme",
    )

    plan_rows(page).first.get_by_role("button", name="Remove row 1").click()
    expect(plan_rows(page)).to_have_count(count)
    expect(message(page, "plan")).to_contain_text("Row 1 removed")
    assert first_recommendation not in [row["Recommendation"] for row in plan_values(page)]
    page.wait_for_function(
        "n => JSON.parse(localStorage.getItem('dpup.selfcheck.state')).plan.length === n", arg=count, timeout=5000
    )

    # One click removed a row with all its actions: the button to put it back takes the focus.
    put_back = page.get_by_role("button", name=re.compile(r"^Put back row 1\b"))
    expect(put_back).to_be_focused()
    page.keyboard.press("Enter")
    expect(plan_rows(page)).to_have_count(count + 1)
    expect(message(page, "plan")).to_have_text("Row 1 is back.")
    expect(put_back).to_be_hidden()
    expect(plan_field(plan_rows(page).first, "Recommendation")).to_have_value(first_recommendation)
    expect(plan_field(plan_rows(page).first, "Focus area")).to_be_focused()
    page.wait_for_function(
        "n => JSON.parse(localStorage.getItem('dpup.selfcheck.state')).plan.length === n", arg=count + 1, timeout=5000
    )
    assert saved_state(page)["plan"][0]["actions"] == ["Update the privacy policy", "Run a workshop with service users"]


def test_a_reload_keeps_ratings_notes_comments_cover_target_and_plan(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.get_by_label("Agency", exact=True).fill("Ministry of Examples")
    rate_all(page)
    write_note(page, "element-treaty-partner.01", "Kōrero with iwi partners, started in 2024")
    page.get_by_role("textbox", name="Achievements").fill("A privacy week")
    add_gaps_to_plan(page)
    fill_plan_row(
        plan_rows(page).first,
        owner="Privacy officer",
        due="2025-06-30",
        status="Done",
        actions="First action\nSecond action",
    )
    go_to(page, "Results and next steps")
    target_select(page).select_option(label="Foundational")
    wait_for_stored(page, STATE_KEY, '"target":"foundational"')
    go_to(page, "Improvement plan")
    before = plan_values(page)

    page.reload()
    expect(page.get_by_label("Agency", exact=True)).to_have_value("Ministry of Examples")
    for criterion_id, level in RATINGS.items():
        expect(radio(page, criterion_id, level)).to_be_checked()
    expect(notes(page, "element-treaty-partner.01")).to_have_value("Kōrero with iwi partners, started in 2024")
    expect(notes(page, "element-culture.01")).to_have_value("")
    expect(page.locator('[id="sc-element-treaty-partner-achievements"]')).to_have_value("A privacy week")
    expect(count_text(page)).to_have_text("14 of 14 criteria rated")
    go_to(page, "Results and next steps")
    expect(target_select(page).locator("option:checked")).to_have_text("Foundational")
    expect(page.locator("ol.dpup-selfcheck__gaps > li")).to_have_count(1)
    go_to(page, "Improvement plan")
    assert plan_values(page) == before
    expect(plan_field(plan_rows(page).first, "Status").locator("option:checked")).to_have_text("Done")

    state = saved_state(page)
    assert list(stored(page)) == [STATE_KEY]  # one entry, written whole
    assert state["ratings"]["element-treaty-partner.01"] == {
        "level": "managed",
        "note": "Kōrero with iwi partners, started in 2024",
    }
    assert state["elements"]["element-treaty-partner"]["achievements"] == "A privacy week"
    assert state["about"]["agency"] == "Ministry of Examples"
    assert state["target"] == "foundational"
    assert any(row["actions"] == ["First action", "Second action"] and row["status"] == "done" for row in state["plan"])


def test_answers_saved_by_the_previous_version_are_moved_to_the_new_entry(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.evaluate("""() => { localStorage.clear();
        localStorage.setItem('dpup.selfcheck.element-culture.01', JSON.stringify({level: 'managed', note: 'Old note'}));
        localStorage.setItem('dpup.selfcheck.plan', JSON.stringify([{focusArea: 'Old plan', actions: ['a'], status: 'done'}]));
        localStorage.setItem('dpup.selfcheck.target', JSON.stringify('foundational')); }""")
    page.reload()
    expect(radio(page, "element-culture.01", "managed")).to_be_checked()
    state = saved_state(page)
    assert state["ratings"]["element-culture.01"] == {"level": "managed", "note": "Old note"}
    assert state["plan"][0]["focusArea"] == "Old plan" and state["target"] == "foundational"
    assert list(stored(page)) == [STATE_KEY]


def test_a_keyboard_user_rates_a_criterion_and_writes_a_note(page: Page, site_url):
    page.goto(self_check_url(site_url))
    first_id = CRITERIA[0]["id"]
    go_to(page, ELEMENTS[0]["title"])
    radio(page, first_id, "informal").focus()
    page.keyboard.press("ArrowDown")
    expect(radio(page, first_id, "foundational")).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(radio(page, first_id, "managed")).to_be_checked()
    expect(radio(page, first_id, "managed")).to_be_focused()
    expect(count_text(page)).to_have_text("1 of 14 criteria rated")
    press_until_focused(page, notes(page, first_id), limit=6)
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Tab")
    wait_for_stored(page, STATE_KEY, "Typed with the keyboard")
    assert saved_state(page)["ratings"][first_id] == {"level": "managed", "note": "Typed with the keyboard"}
    # The Next button is reachable and moves focus to the next step's heading.
    next_button = page.get_by_role("button", name=f"Next: {ELEMENTS[1]['number']}. {ELEMENTS[1]['title']}")
    press_until_focused(page, next_button, limit=40)
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", level=2, name=f"{ELEMENTS[1]['number']}. {ELEMENTS[1]['title']}")
    ).to_be_focused()


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_next_brings_the_whole_step_into_view_below_the_site_header(page: Page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(self_check_url(site_url))
    header_bottom = page.get_by_role("banner").bounding_box()["height"]
    for element in ELEMENTS:
        page.get_by_role("button", name=f"Next: {element['number']}. {element['title']}").click()
        heading = page.get_by_role("heading", level=2, name=f"{element['number']}. {element['title']}")
        expect(heading).to_be_focused()
        page.wait_for_function("() => window.scrollY > 0 || document.documentElement.scrollHeight <= innerHeight")
        line = page.get_by_text(f"element {element['number']} of {len(ELEMENTS)}")
        for box in (line.bounding_box(), heading.bounding_box()):
            assert header_bottom <= box["y"] and box["y"] + box["height"] <= height, (
                element["title"],
                box,
                header_bottom,
            )
        # The theme's "Back to top" pill, shown on scrolling up, appeared over each title.
        expect(page.get_by_role("button", name="Back to top", include_hidden=True)).to_be_hidden()


def test_plan_rows_use_the_whole_width_of_a_phone(page: Page, site_url):
    # List markers' indent once took 30 px from each row on a 390 px screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(self_check_url(site_url))
    add_a_row(page)
    row = page.get_by_role("group", name="Plan row 1").bounding_box()
    heading = page.get_by_role("heading", level=2, name="Improvement plan").bounding_box()
    assert abs(row["x"] - heading["x"]) <= 1 and row["x"] + row["width"] <= 390, (row, heading)


def test_without_javascript_the_form_is_one_readable_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(self_check_url(site_url))
        for element in ELEMENTS:
            expect(
                page.get_by_role("heading", level=2, name=f"{element['number']}. {element['title']}")
            ).to_be_visible()
        expect(page.locator("fieldset.dpup-selfcheck__criterion:visible")).to_have_count(len(CRITERIA))
        expect(page.get_by_text("so this is the whole self-check on one page")).to_be_visible()
        expect(steps(page).get_by_role("link", name="Results and next steps")).to_be_visible()
        # Controls that cannot work without JavaScript are not offered.
        expect(page.locator(".dpup-selfcheck").get_by_role("button")).to_have_count(0)
        expect(steps(page).get_by_role("link", name="Save and print")).to_be_hidden()
        radio(page, CRITERIA[0]["id"], "managed").check()
        expect(radio(page, CRITERIA[0]["id"], "managed")).to_be_checked()
    finally:
        context.close()


def test_the_privacy_maturity_page_leads_to_the_self_check(page: Page, site_url):
    page.goto(site_url + "maturity/")
    page.get_by_role("link", name="Start your self-check").click()
    expect(page).to_have_url(self_check_url(site_url))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Privacy maturity self-check"))


def test_rating_exporting_and_importing_make_no_network_requests(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    rate_all(page)
    write_note(page, "element-culture.01", "Offline only")
    add_gaps_to_plan(page)
    go_to(page, "Save and print")
    for button in ("Download ratings (CSV)", "Download plan (CSV)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=button).click()
        download.value.path()
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download a copy (JSON)").click()
    exported = json_download.value.path().read_bytes()
    page.get_by_label("Continue from a downloaded file").set_input_files(
        {"name": "dpup-self-check.json", "mimeType": "application/json", "buffer": exported}
    )
    page.get_by_role("dialog").get_by_role("button", name="Replace my answers").click()
    expect(message(page, "import")).to_contain_text("Imported 14 ratings")
    # Each step has its own address (history.pushState), and Chromium asks for the page's own icon
    # again at each one: the same file from the same site, carrying nothing a person entered. The
    # parts of the page's own code loaded when needed (the spreadsheet files on the first download,
    # the file check on the first file chosen, the undo) load from the site, carrying nothing either.
    own_files = (
        "/favicon.png",
        "/assets/dpup/js/selfcheck-sheets.js",
        "/assets/dpup/js/selfcheck-import.js",
        "/assets/dpup/js/selfcheck-undo.js",
    )
    network = [url for url in requests if not url.startswith(("blob:", "data:")) and not url.endswith(own_files)]
    assert network == [], f"requests after load: {network}"
    assert all(url.startswith(site_url) for url in requests if url.startswith("http"))
