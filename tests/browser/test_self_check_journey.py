"""The self-check over a working year: the browser's Back, Forward and reload; numbered next steps;
last year's file under a name of one's own; files that say whose they are; two tabs at once."""

import csv
import io
import json
import re

import pytest
from playwright.sync_api import Page, expect
from test_self_check import (
    CRITERIA,
    ELEMENTS,
    STATE_KEY,
    count_text,
    go_to,
    message,
    notes,
    plan_rows,
    rate,
    rate_all,
    self_check_url,
    show_criterion,
    steps,
)

pytestmark = pytest.mark.browser
STEP_TITLES = ["Start"] + [f"{e['number']}. {e['title']}" for e in ELEMENTS]


def visible_heading(page: Page):
    return page.locator("section.dpup-selfcheck__step:visible h2")


def expect_step(page: Page, title: str) -> None:
    expect(visible_heading(page)).to_have_text(title)
    expect(visible_heading(page)).to_be_focused()
    expect(steps(page).get_by_role("link", name=re.compile(re.escape(title)))).to_have_attribute("aria-current", "step")


def test_back_forward_and_reload_keep_the_step(page: Page, site_url):
    page.goto(site_url + "maturity/")
    page.get_by_role("link", name="Start your self-check").click()
    expect(page.locator(".dpup-selfcheck--steps")).to_have_count(1)
    expect(visible_heading(page)).to_have_text("Start")
    for title in STEP_TITLES[1:4]:
        page.get_by_role("button", name=f"Next: {title}").click()
        expect_step(page, title)
    assert page.url.endswith("#sc-" + ELEMENTS[2]["id"])
    page.go_back()
    expect_step(page, STEP_TITLES[2])
    page.go_back()
    expect_step(page, STEP_TITLES[1])
    page.go_forward()
    expect_step(page, STEP_TITLES[2])
    page.reload()
    expect_step(page, STEP_TITLES[2])
    page.go_back()
    expect_step(page, STEP_TITLES[1])
    page.go_back()  # the address the person arrived at: the start step
    expect_step(page, "Start")
    page.go_back()  # and then out of the self-check, as for any page
    expect(page).to_have_url(site_url + "maturity/")


def test_a_step_link_is_an_address_of_its_own(page: Page, site_url):
    page.goto(self_check_url(site_url))
    go_to(page, "Save and print")
    assert page.url.endswith("#sc-save")
    page.reload()
    expect_step(page, "Save and print")


def list_markers(page: Page, selector: str) -> list[str]:
    """The numbers a person sees beside a list's own items (Chromium's list markers, from the
    accessibility tree), leaving out the markers of lists inside them."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    backend = cdp.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
    tree = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    the_list = next(n for n in tree.values() if n.get("backendDOMNodeId") == backend)
    markers = []
    for item_id in the_list.get("childIds", []):
        item = tree[item_id]
        for child_id in item.get("childIds", []):
            child = tree[child_id]
            if child.get("role", {}).get("value") == "ListMarker":
                markers.append(child.get("name", {}).get("value", "").strip())
    return markers


def test_next_steps_are_numbered_one_by_one(page: Page, site_url):
    page.goto(self_check_url(site_url))
    # The third criterion's next level (Managed) has a bullet list in its description.
    ratings = {c["id"]: "informal" for c in CRITERIA} | {"element-people-centred.03": "foundational"}
    rate_all(page, ratings)
    go_to(page, "Results and next steps")
    gaps = page.locator("ol.dpup-selfcheck__gaps > li")
    expect(gaps).to_have_count(len(CRITERIA))
    # Some next descriptors hold bullet lists of their own; they once pushed the count to 1, 2, 3, 7, 8.
    assert page.locator("ol.dpup-selfcheck__gaps .dpup-li").count() > 0
    assert list_markers(page, "ol.dpup-selfcheck__gaps") == [f"{n}." for n in range(1, len(CRITERIA) + 1)]


def last_year_file(**about) -> bytes:
    return json.dumps(
        {
            "format": "dpup-self-check",
            "version": 2,
            "about": {"agency": "", "period": "", "assessor": "", "date": ""} | about,
            "ratings": {c["id"]: {"level": "informal", "note": ""} for c in CRITERIA},
            "plan": [
                {
                    "focusArea": "Governance",
                    "recommendation": "Name a privacy officer.",
                    "actions": ["Appoint"],
                    "due": "2025-06-30",
                    "status": "in-progress",
                },
                {
                    "focusArea": "Training",
                    "recommendation": "Train everyone.",
                    "actions": ["Book"],
                    "due": "2099-06-30",
                    "status": "not-started",
                },
            ],
        }
    ).encode()


def test_last_years_name_comes_first_and_can_change_after_loading(page: Page, site_url):
    page.goto(self_check_url(site_url))
    go_to(page, "Last year and colleagues")
    name_box = page.get_by_label("Name for last year’s assessment")
    picker = page.get_by_role("button", name="Load last year’s file", exact=True)
    assert name_box.bounding_box()["y"] < picker.bounding_box()["y"]
    picker.set_input_files({"name": "last.json", "mimeType": "application/json", "buffer": last_year_file()})
    expect(message(page, "previous")).to_contain_text("Comparing with Last year")
    name_box.fill("2024/25 return")
    name_box.press("Tab")
    expect(message(page, "previous")).to_have_text("Now comparing with “2024/25 return”.")
    go_to(page, "Improvement plan")
    page.get_by_role("button", name="Carry over last year’s open actions").click()
    expect(message(page, "plan")).to_have_text(
        "2 open actions carried over from 2024/25 return. 1 of them are overdue: give them new target dates."
    )
    expect(plan_rows(page).first).to_contain_text("Carried over from 2024/25 return.")
    # Overdue in words, beside the date it is about (not colour alone); a future date is not.
    expect(plan_rows(page).first).to_contain_text("Overdue: the target date, 30 June 2025, has passed.")
    expect(plan_rows(page).nth(1).get_by_text("Overdue")).to_have_count(0)
    expect(plan_rows(page).first.get_by_label("Target date")).to_have_accessible_description(re.compile("Overdue"))
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    report = page.locator(".dpup-report")
    expect(report).to_contain_text("Compared with2024/25 return")
    expect(report.locator(".dpup-report__plan-table")).to_contain_text("In progress (overdue) (from 2024/25 return)")
    page.reload()
    go_to(page, "Last year and colleagues")
    expect(page.get_by_label("Name for last year’s assessment")).to_have_value("2024/25 return")


def fill_about(page: Page) -> None:
    go_to(page, "Start")
    for label, value in (
        ("Agency", "Te Puni Kōkiri"),
        ("Assessment period", "2025/26"),
        ("Assessed by", "Aroha Smith"),
    ):
        page.get_by_label(label, exact=True).fill(value)
    page.wait_for_function("k => (localStorage.getItem(k) || '').includes('Aroha Smith')", arg=STATE_KEY)


def test_every_file_says_whose_it_is(page: Page, site_url):
    page.goto(self_check_url(site_url))
    fill_about(page)
    rate(page, "element-culture.01", "informal")
    go_to(page, "Improvement plan")
    page.get_by_role("button", name="Add gaps to the plan").click()
    go_to(page, "Save and print")
    files = {}
    for button in ("Download a copy (JSON)", "Download ratings (CSV)", "Download plan (CSV)"):
        with page.expect_download() as info:
            page.get_by_role("button", name=button).click()
        files[info.value.suggested_filename] = info.value.path().read_text(encoding="utf-8-sig")
    day = r"\d{4}-\d{2}-\d{2}"
    names = sorted(files)
    assert re.fullmatch(rf"dpup-self-check-plan-te-puni-kokiri-2025-26-{day}\.csv", names[0]), names
    assert re.fullmatch(rf"dpup-self-check-ratings-te-puni-kokiri-2025-26-{day}\.csv", names[1]), names
    assert re.fullmatch(rf"dpup-self-check-te-puni-kokiri-2025-26-{day}\.json", names[2]), names
    data = json.loads(files[names[2]])
    assert data["version"] == 3
    assert data["about"] | {"date": ""} == {
        "agency": "Te Puni Kōkiri",
        "period": "2025/26",
        "assessor": "Aroha Smith",
        "date": "",
    }
    for name in names[:2]:
        rows = list(csv.DictReader(io.StringIO(files[name])))
        assert rows, name
        assert {(r["Agency"], r["Assessment period"], r["Assessed by"]) for r in rows} == {
            ("Te Puni Kōkiri", "2025/26", "Aroha Smith")
        }, name
    # A CSV chosen to continue from is refused with the file to choose instead.
    page.get_by_label("Continue from a downloaded file").set_input_files(
        {"name": names[1], "mimeType": "text/csv", "buffer": files[names[1]].encode()}
    )
    expect(page.locator("#sc-import-error")).to_contain_text(
        "This is a CSV file, made for spreadsheets, and it cannot be read back. Choose the JSON copy instead"
    )
    expect(page.get_by_role("alert").get_by_role("link", name=re.compile("This is a CSV file"))).to_be_visible()


def test_colleagues_table_fits_its_box_at_1366(page: Page, site_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(self_check_url(site_url))
    go_to(page, "Last year and colleagues")
    colleagues = [
        {
            "name": f"{who}.json",
            "mimeType": "application/json",
            "buffer": json.dumps(
                {
                    "format": "dpup-self-check",
                    "version": 3,
                    "about": {"assessor": who},
                    "ratings": {c["id"]: {"level": level} for c in CRITERIA},
                }
            ).encode(),
        }
        for who, level in (("Aroha Smith-Ngata", "managed"), ("Bill Jones", "unsure"), ("Chen Wei", "foundational"))
    ]
    page.get_by_label("Load colleagues’ files").set_input_files(colleagues)
    expect(message(page, "colleagues")).to_contain_text("3 files loaded.")
    region = page.get_by_role("region", name="Ratings side by side")
    seen = region.evaluate(AS_LAID_OUT)
    assert seen["overflow"] <= 0, f"the table is {seen['overflow']} px wider than its box"
    # Criterion names ran to 8 or 9 lines, "Foundational" broke inside the word and the agreed
    # rating's select showed "Foundatic".
    assert seen["nameLines"] <= 3, f"a criterion's name takes {seen['nameLines']} lines"
    assert seen["split"] == [], f"words broken across lines: {seen['split'][:5]}"
    assert seen["widestOption"] <= seen["selectRoom"], seen


# How the colleagues' table is laid out: how far it overflows its region, the most lines a criterion's
# name takes, the words broken across lines (not at a hyphen), and the select's widest option
# against its room for text.
AS_LAID_OUT = """region => {
  const table = region.querySelector("table");
  const lineCount = (range) => new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  const nameLines = Math.max(...[...table.querySelectorAll("tbody th")].map((th) => {
    const range = document.createRange(); range.selectNodeContents(th); return lineCount(range);
  }));
  const split = [];
  for (const cell of table.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {  // a line may end at a hyphen
        const range = document.createRange();
        range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
        if (lineCount(range) > 1) split.push(word[0]);
      }
    }
  }
  const select = table.querySelector("select"), style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const widestOption = Math.max(...[...select.options].map((option) => context.measureText(option.text).width));
  const arrow = 20;  // Chromium draws the select's arrow inside its padding box
  const selectRoom = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
  return { overflow: region.scrollWidth - region.clientWidth, nameLines, split, widestOption, selectRoom };
}"""


def schedule_click(page, element_id: str, at: float) -> None:
    """Click at a given moment (the same clock for both tabs), so that two tabs write at once."""
    page.evaluate(
        "([id, at]) => setTimeout(() => document.getElementById(id).click(), Math.max(0, at - Date.now()))",
        [element_id, at],
    )


def test_two_tabs_rating_at_the_same_moment_keep_both_ratings(page: Page, site_url):
    page.goto(self_check_url(site_url))
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    pairs = [(CRITERIA[i]["id"], CRITERIA[i + 7]["id"]) for i in range(6)]
    for mine, theirs in pairs:  # six trials, each a fresh pair of criteria
        show_criterion(page, mine)
        show_criterion(other, theirs)
        at = page.evaluate("() => Date.now() + 400")
        schedule_click(page, f"sc-{mine}-managed", at)
        schedule_click(other, f"sc-{theirs}-informal", at)
        for tab in (page, other):
            tab.wait_for_function(
                "([key, a, b]) => { const s = JSON.parse(localStorage.getItem(key) || '{}').ratings || {};"
                " return s[a] && s[a].level === 'managed' && s[b] && s[b].level === 'informal'; }",
                arg=[STATE_KEY, mine, theirs],
                timeout=5000,
            )
    for tab in (page, other):
        expect(count_text(tab)).to_have_text(f"{len(pairs) * 2} of {len(CRITERIA)} criteria rated")
    other.close()


def test_clearing_in_one_tab_updates_the_other_and_says_so(page: Page, site_url):
    page.goto(self_check_url(site_url))
    criterion = "element-culture.01"
    rate(page, criterion, "managed")
    box = notes(page, criterion)
    box.fill("A note")
    other = page.context.new_page()
    other.goto(self_check_url(site_url))
    notes(other, criterion).click()  # the other tab has this very note focused
    expect(notes(other, criterion)).to_be_focused()
    go_to(page, "Save and print")
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("dialog").get_by_role("button", name="Clear my answers").click()
    expect(message(other, "sync")).to_contain_text("Your answers were replaced in another tab or window")
    expect(notes(other, criterion)).to_have_value("")
    expect(count_text(other)).to_have_text(f"0 of {len(CRITERIA)} criteria rated")
    # Typing on in the other tab after the clear is kept, in both tabs.
    notes(other, criterion).fill("Typed after the clear")
    show_criterion(page, criterion)
    expect(notes(page, criterion)).to_have_value("Typed after the clear")
    go_to(other, "Save and print")
    expect(other.get_by_role("button", name="Undo the clear")).to_be_visible()
    other.close()


def test_the_skip_link_and_back_leave_the_step_as_it_is(page: Page, site_url):
    page.goto(self_check_url(site_url))
    go_to(page, "Results and next steps")
    skip = page.locator("a.dpup-skip")
    skip.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#dpup-content$"))
    expect(visible_heading(page)).to_have_text("Results and next steps")
    page.go_back()
    expect_step(page, "Results and next steps")
