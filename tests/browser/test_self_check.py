"""An agency rating itself in the privacy maturity self-check: levels, next steps, the plan builder, saving, keyboard use."""

import json
import re

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from conftest import ROOT
from storage import stored as stored_with_prefix
from storage import wait_for_stored

pytestmark = pytest.mark.browser

MATURITY = ROOT / "content" / "maturity"
LEVELS = sorted(yaml.safe_load((MATURITY / "levels.yml").read_text(encoding="utf-8"))["levels"],
                key=lambda level: level["order"])
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
NOTES_LABEL = "Notes on this criterion (achievements, challenges, future focus)"
PLAN_FIELDS = ("Focus area", "Recommendation", "Planned actions (one per line)", "Owner", "Due date")
STORAGE_PREFIX = "dpup.selfcheck."


def normalise(text: str) -> str:
    return " ".join(text.split())


def self_check_url(site_url: str) -> str:
    return site_url + "maturity/self-check/"


def gaps_for(ratings: dict, target: str) -> list[str]:
    return [cid for cid in CRITERION if cid in ratings and ratings[cid] in LEVEL_IDS
            and LEVEL_IDS.index(ratings[cid]) < LEVEL_IDS.index(target)]


def next_level(level: str) -> str:
    return LEVEL_IDS[LEVEL_IDS.index(level) + 1]


def descriptor(criterion_id: str, level: str) -> str:
    return normalise(next(d["text"] for d in CRITERION[criterion_id]["descriptors"] if d["level"] == level))


def recommendation(criterion_id: str, level: str) -> str:
    return (f"Move {CRITERION[criterion_id]['title']} from {LEVEL_NAME[level]} "
            f"to {LEVEL_NAME[next_level(level)]}")


def criterion(page: Page, criterion_id: str) -> Locator:
    return page.locator(f'fieldset.dpup-selfcheck__criterion[data-criterion-id="{criterion_id}"]')


def radio(page: Page, criterion_id: str, level: str) -> Locator:
    return criterion(page, criterion_id).get_by_role("radio", name=re.compile("^" + re.escape(LEVEL_NAME[level])))


def rate(page: Page, criterion_id: str, level: str) -> None:
    radio(page, criterion_id, level).check()


def rate_all(page: Page, ratings: dict = RATINGS) -> None:
    for criterion_id, level in ratings.items():
        rate(page, criterion_id, level)


def notes(page: Page, criterion_id: str) -> Locator:
    return criterion(page, criterion_id).get_by_role("textbox", name=NOTES_LABEL)


def write_note(page: Page, criterion_id: str, text: str) -> None:
    box = notes(page, criterion_id)
    box.fill(text)
    box.blur()


def count_text(page: Page) -> Locator:
    return page.locator(".dpup-selfcheck__count")


def status(page: Page) -> Locator:
    return page.locator(".dpup-selfcheck__status")


def target_select(page: Page) -> Locator:
    return page.locator("section.dpup-selfcheck__next").get_by_label("Target level")


def gap(page: Page, criterion_id: str) -> Locator:
    return page.locator(f'ol.dpup-selfcheck__gaps > li[data-criterion-id="{criterion_id}"]')


def element_row(page: Page, element_id: str) -> Locator:
    return page.locator("table.dpup-selfcheck__table tr").filter(
        has=page.locator("th", has_text=ELEMENT[element_id]["title"]))


def element_level(page: Page, element_id: str) -> Locator:
    return element_row(page, element_id).locator("td.dpup-selfcheck__element-level")


def plan_rows(page: Page) -> Locator:
    return page.locator("section.dpup-plan-builder tbody tr.dpup-plan-row")


def plan_field(row: Locator, label: str) -> Locator:
    return row.get_by_label(label)


def add_gaps_to_plan(page: Page) -> None:
    page.locator("section.dpup-plan-builder").get_by_role("button", name="Add gaps to the plan").click()


def add_a_row(page: Page) -> None:
    page.locator("section.dpup-plan-builder").get_by_role("button", name="Add a row").click()


def fill_plan_row(row: Locator, **values: str) -> None:
    """Fill a plan row: keys focus, recommendation, actions, owner, due; status by its label."""
    fields = {"focus": "Focus area", "recommendation": "Recommendation", "actions": "Planned actions",
              "owner": "Owner", "due": "Due date"}
    for key, label in fields.items():
        if key in values:
            box = plan_field(row, label)
            box.fill(values[key])
            box.blur()
    if "status" in values:
        plan_field(row, "Status").select_option(label=values["status"])


def plan_values(page: Page) -> list[dict]:
    rows = plan_rows(page)
    return [{label: plan_field(rows.nth(i), label).input_value() for label in PLAN_FIELDS}
            for i in range(rows.count())]


def stored(page: Page, prefix: str = STORAGE_PREFIX) -> dict:
    return stored_with_prefix(page, prefix)


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


def test_the_form_has_an_element_section_and_a_named_group_per_criterion(page: Page, site_url):
    page.goto(self_check_url(site_url))
    expect(page.locator('form.dpup-selfcheck[data-dpup-widget="selfcheck"]')).to_have_count(1)
    expect(page.locator("section.dpup-selfcheck__element")).to_have_count(len(ELEMENTS))
    expect(page.locator("fieldset.dpup-selfcheck__criterion")).to_have_count(len(CRITERIA))
    first = ELEMENTS[0]
    section = page.locator(f'section.dpup-selfcheck__element[id="sc-{first["id"]}"]')
    expect(section.get_by_role("heading", level=3)).to_have_text(f"{first['number']}. {first['title']}")
    legend = criterion(page, CRITERIA[0]["id"]).locator("legend")
    expect(legend).to_have_text(f"{CRITERIA[0]['label']}: {CRITERIA[0]['title']}")
    for level in [*LEVEL_IDS, "unsure"]:
        expect(radio(page, CRITERIA[0]["id"], level)).to_have_attribute("value", level)
    expect(criterion(page, CRITERIA[0]["id"]).get_by_role("radio")).to_have_count(4)
    expect(radio(page, CRITERIA[0]["id"], "managed")).to_have_accessible_name(
        re.compile(re.escape(descriptor(CRITERIA[0]["id"], "managed")[:60])))
    with_guidance = next(c for c in CRITERIA if c.get("guidance"))
    expect(criterion(page, with_guidance["id"]).locator("details.dpup-guidance")).to_contain_text("Guidance note")
    expect(notes(page, CRITERIA[0]["id"])).to_have_count(1)
    expect(target_select(page).locator("option:checked")).to_have_text("Managed")


def test_rating_all_fourteen_updates_the_progress_text_and_bar(page: Page, site_url):
    page.goto(self_check_url(site_url))
    bar = page.locator("progress.dpup-selfcheck__bar")
    expect(bar).to_have_js_property("max", 14)
    expect(count_text(page)).to_contain_text("0 of 14 criteria rated")
    rate(page, CRITERIA[0]["id"], "informal")
    expect(count_text(page)).to_contain_text("1 of 14 criteria rated")
    expect(bar).to_have_js_property("value", 1)
    rate_all(page)
    expect(count_text(page)).to_contain_text("14 of 14 criteria rated")
    expect(status(page)).to_have_attribute("role", "status")
    expect(status(page)).to_contain_text("14 of 14 criteria rated")
    expect(bar).to_have_js_property("value", 14)
    overview = page.locator("ul.dpup-selfcheck__overview > li")
    expect(overview).to_have_count(len(ELEMENTS))
    for index, element in enumerate(ELEMENTS):
        item = overview.nth(index)
        expect(item.locator(f'a[href$="#sc-{element["id"]}"]')).to_have_count(1)
        n = len(element["criteria"])
        expect(item).to_contain_text(f"{n} of {n} rated")


def test_the_element_level_is_the_lowest_of_its_criteria(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-people-centred.01", "managed")
    rate(page, "element-people-centred.02", "foundational")
    expect(element_level(page, "element-people-centred")).to_have_text("Not yet rated")
    rate(page, "element-people-centred.03", "managed")
    expect(element_level(page, "element-people-centred")).to_have_text("Foundational")
    row = element_row(page, "element-people-centred")
    expect(row).to_contain_text("Managed")
    expect(row).to_contain_text("Foundational")
    expect(page.locator("section.dpup-selfcheck__results")).to_contain_text("lowest")
    # An element with a criterion still unrated has no level yet.
    rate(page, "element-culture.01", "managed")
    expect(element_level(page, "element-culture")).to_have_text("Not yet rated")
    expect(element_row(page, "element-culture")).to_contain_text("Not rated")


def test_not_sure_yet_does_not_count_as_rated(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate(page, "element-treaty-partner.01", "managed")
    rate(page, "element-treaty-partner.02", "unsure")
    expect(radio(page, "element-treaty-partner.02", "unsure")).to_be_checked()
    expect(count_text(page)).to_contain_text("1 of 14 criteria rated")
    expect(page.locator("progress.dpup-selfcheck__bar")).to_have_js_property("value", 1)
    expect(element_level(page, "element-treaty-partner")).to_have_text("Not yet rated")
    expect(gap(page, "element-treaty-partner.02")).to_have_count(0)
    # Everything else rated, one still unsure: not 14 of 14, and no section level.
    rate_all(page, {k: v for k, v in RATINGS.items() if k != "element-treaty-partner.02"})
    expect(count_text(page)).to_contain_text("13 of 14 criteria rated")
    expect(page.locator(".dpup-selfcheck__section-level:visible", has_text="Core expectations:")).to_have_count(0)


def test_the_section_level_appears_once_every_criterion_is_rated(page: Page, site_url):
    page.goto(self_check_url(site_url))
    section_level = page.locator(".dpup-selfcheck__section-level")
    rate_all(page, {k: v for k, v in RATINGS.items() if k != CRITERIA[-1]["id"]})
    expect(page.locator(".dpup-selfcheck__section-level:visible", has_text=f"{SECTION_TITLE}:")).to_have_count(0)
    rate(page, CRITERIA[-1]["id"], RATINGS[CRITERIA[-1]["id"]])
    for element_id, level in ELEMENT_LEVELS.items():
        expect(element_level(page, element_id)).to_have_text(level)
    expect(section_level).to_contain_text(f"{SECTION_TITLE}: Informal")
    chart = page.locator("svg.dpup-selfcheck__chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("rect")).to_have_count(len(CRITERIA))
    expect(chart.locator("text", has_text=re.compile(r"^\s*M\s*$"))).to_have_count(
        sum(1 for level in RATINGS.values() if level == "managed"))


def test_next_steps_list_each_gap_with_the_next_descriptor_and_helpful_links(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    gaps = page.locator("ol.dpup-selfcheck__gaps > li")
    expected = gaps_for(RATINGS, "managed")
    expect(gaps).to_have_count(len(expected))
    for criterion_id in expected:
        item = gap(page, criterion_id)
        expect(item).to_have_count(1)
        expect(item).to_contain_text(CRITERION[criterion_id]["title"])
        expect(item).to_contain_text(f"Now: {LEVEL_NAME[RATINGS[criterion_id]]}")
        expect(item).to_contain_text(descriptor(criterion_id, next_level(RATINGS[criterion_id])))
        expect(item.locator("a")).to_have_count(len(CRITERION[criterion_id]["helped_by"]))
    expect(gap(page, "element-culture.01")).to_have_count(0)
    expect(gap(page, "element-people-centred.01")).to_have_count(0)

    link = gap(page, "element-people-centred.02").locator("a").first
    link.click()
    expect(page).not_to_have_url(re.compile(r"/maturity/self-check/(#.*)?$"))
    expect(page).to_have_url(re.compile("^" + re.escape(site_url)))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\S"))


def test_a_foundational_target_drops_the_gaps_that_only_a_managed_target_has(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    gaps = page.locator("ol.dpup-selfcheck__gaps > li")
    expect(gaps).to_have_count(len(gaps_for(RATINGS, "managed")))
    target_select(page).select_option(label="Foundational")
    expected = gaps_for(RATINGS, "foundational")
    assert expected == ["element-capability.01"]
    expect(gaps).to_have_count(1)
    expect(gap(page, "element-capability.01")).to_contain_text(descriptor("element-capability.01", "foundational"))
    expect(gap(page, "element-people-centred.02")).to_have_count(0)
    target_select(page).select_option(label="Managed")
    expect(gaps).to_have_count(len(gaps_for(RATINGS, "managed")))


def test_adding_gaps_to_the_plan_creates_rows_with_the_defaults(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    add_gaps_to_plan(page)
    expected_gaps = gaps_for(RATINGS, "managed")
    expect(plan_rows(page)).to_have_count(len(expected_gaps))
    expected = sorted(
        (ELEMENT_OF[cid]["title"], recommendation(cid, RATINGS[cid]), "") for cid in expected_gaps)
    actual = sorted((row["Focus area"], row["Recommendation"], row["Planned actions (one per line)"])
                    for row in plan_values(page))
    assert actual == expected
    # Gaps already in the plan are not added twice.
    add_gaps_to_plan(page)
    expect(plan_rows(page)).to_have_count(len(expected_gaps))
    row = plan_rows(page).first
    expect(row.get_by_role("button", name="Remove row 1")).to_have_count(1)
    expect(plan_field(row, "Status").locator("option")).to_have_text(
        ["Not started", "In progress", "Done", "Deferred"])


def test_plan_rows_can_be_edited_added_and_removed(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    add_gaps_to_plan(page)
    count = len(gaps_for(RATINGS, "managed"))
    expect(plan_rows(page)).to_have_count(count)
    first = plan_rows(page).first
    first_recommendation = plan_field(first, "Recommendation").input_value()
    fill_plan_row(first, owner="Privacy officer", due="2025-06-30", status="In progress",
                  actions="Update the privacy policy\nRun a workshop with service users")
    expect(plan_field(first, "Owner")).to_have_value("Privacy officer")
    expect(plan_field(first, "Due date")).to_have_value("2025-06-30")
    expect(plan_field(first, "Status").locator("option:checked")).to_have_text("In progress")

    add_a_row(page)
    expect(plan_rows(page)).to_have_count(count + 1)
    new = plan_rows(page).last
    expect(plan_field(new, "Focus area")).to_have_value("")
    expect(plan_field(new, "Recommendation")).to_have_value("")
    fill_plan_row(new, focus="Privacy culture", recommendation="Hold a privacy week", actions="Book speakers")
    wait_for_stored(page, "dpup.selfcheck.plan", "Hold a privacy week")
    plan = json.loads(stored(page)["dpup.selfcheck.plan"])
    assert len(plan) == count + 1
    edited = next(row for row in plan if row["recommendation"] == first_recommendation)
    assert edited["owner"] == "Privacy officer"
    assert edited["due"] == "2025-06-30"
    assert edited["status"] == "in-progress"
    assert edited["actions"] == ["Update the privacy policy", "Run a workshop with service users"]
    assert plan[-1]["focusArea"] == "Privacy culture"
    assert plan[-1]["actions"] == ["Book speakers"]

    plan_rows(page).first.get_by_role("button", name="Remove row 1").click()
    expect(plan_rows(page)).to_have_count(count)
    assert first_recommendation not in [row["Recommendation"] for row in plan_values(page)]
    page.wait_for_function("n => JSON.parse(localStorage.getItem('dpup.selfcheck.plan') || '[]').length === n",
                           arg=count, timeout=5000)


def test_a_reload_keeps_ratings_notes_target_and_plan(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    write_note(page, "element-treaty-partner.01", "Kōrero with iwi partners, started in 2024")
    write_note(page, "element-capability.01", "Training is ad hoc")
    add_gaps_to_plan(page)
    fill_plan_row(plan_rows(page).first, owner="Privacy officer", due="2025-06-30", status="Done",
                  actions="First action\nSecond action")
    target_select(page).select_option(label="Foundational")
    wait_for_stored(page, "dpup.selfcheck.plan", "Second action")
    before = plan_values(page)

    page.reload()
    for criterion_id, level in RATINGS.items():
        expect(radio(page, criterion_id, level)).to_be_checked()
    expect(notes(page, "element-treaty-partner.01")).to_have_value("Kōrero with iwi partners, started in 2024")
    expect(notes(page, "element-capability.01")).to_have_value("Training is ad hoc")
    expect(notes(page, "element-culture.01")).to_have_value("")
    expect(target_select(page).locator("option:checked")).to_have_text("Foundational")
    expect(page.locator("ol.dpup-selfcheck__gaps > li")).to_have_count(1)
    expect(count_text(page)).to_contain_text("14 of 14 criteria rated")
    expect(plan_rows(page)).to_have_count(len(before))
    assert plan_values(page) == before
    expect(plan_field(plan_rows(page).first, "Status").locator("option:checked")).to_have_text("Done")

    saved = stored(page)
    assert json.loads(saved["dpup.selfcheck.element-treaty-partner.01"]) == {
        "level": "managed", "note": "Kōrero with iwi partners, started in 2024"}
    assert json.loads(saved["dpup.selfcheck.element-culture.02"])["level"] == "managed"
    assert saved["dpup.selfcheck.target"] in ("foundational", '"foundational"')
    plan = json.loads(saved["dpup.selfcheck.plan"])
    assert isinstance(plan, list) and len(plan) == len(before)
    assert any(row["actions"] == ["First action", "Second action"] and row["owner"] == "Privacy officer"
               and row["status"] == "done" for row in plan)


def test_clear_my_answers_removes_everything_and_resets(page: Page, site_url):
    page.goto(self_check_url(site_url))
    rate_all(page)
    write_note(page, "element-culture.01", "A note to forget")
    add_gaps_to_plan(page)
    target_select(page).select_option(label="Foundational")
    wait_for_stored(page, "dpup.selfcheck.element-culture.01", "A note to forget")
    assert len(stored(page)) >= 15

    page.get_by_role("button", name="Clear my answers").click()
    expect(status(page)).to_contain_text("Your answers have been cleared.")
    assert stored(page) == {}
    expect(page.locator("form.dpup-selfcheck input[type=radio]:checked")).to_have_count(0)
    expect(notes(page, "element-culture.01")).to_have_value("")
    expect(count_text(page)).to_contain_text("0 of 14 criteria rated")
    expect(plan_rows(page)).to_have_count(0)
    expect(page.locator("ol.dpup-selfcheck__gaps > li")).to_have_count(0)
    expect(target_select(page).locator("option:checked")).to_have_text("Managed")

    page.reload()
    expect(page.locator("form.dpup-selfcheck input[type=radio]:checked")).to_have_count(0)
    expect(plan_rows(page)).to_have_count(0)
    expect(count_text(page)).to_contain_text("0 of 14 criteria rated")
    assert stored(page) == {}


def test_a_keyboard_user_rates_a_criterion_and_writes_a_note(page: Page, site_url):
    page.goto(self_check_url(site_url))
    first_id = CRITERIA[0]["id"]
    radio(page, first_id, "informal").focus()
    page.keyboard.press("ArrowDown")
    expect(radio(page, first_id, "foundational")).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(radio(page, first_id, "managed")).to_be_checked()
    expect(radio(page, first_id, "managed")).to_be_focused()
    expect(count_text(page)).to_contain_text("1 of 14 criteria rated")
    press_until_focused(page, notes(page, first_id), limit=6)
    page.keyboard.type("Typed with the keyboard")
    expect(notes(page, first_id)).to_have_value("Typed with the keyboard")
    page.keyboard.press("Tab")
    wait_for_stored(page, f"dpup.selfcheck.{first_id}", "Typed with the keyboard")
    assert json.loads(stored(page)[f"dpup.selfcheck.{first_id}"]) == {
        "level": "managed", "note": "Typed with the keyboard"}
    expect(count_text(page)).to_contain_text("1 of 14 criteria rated")


def test_rating_exporting_and_importing_make_no_network_requests(page: Page, site_url):
    page.goto(self_check_url(site_url))
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    rate_all(page)
    write_note(page, "element-culture.01", "Offline only")
    add_gaps_to_plan(page)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    csv_download.value.path()
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download JSON").click()
    exported = json_download.value.path().read_bytes()
    page.get_by_label("Import a JSON file").set_input_files(
        {"name": "dpup-self-check.json", "mimeType": "application/json", "buffer": exported})
    expect(status(page)).to_contain_text("Imported 14 ratings from the file.")
    page.wait_for_timeout(500)
    network = [url for url in requests if not url.startswith(("blob:", "data:"))]
    assert network == [], f"requests after load: {network}"
