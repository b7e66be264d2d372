"""The report fit to hand on (at most 9 A4 pages at 11 pt, measured in test_print.py), last year beside this year, colleagues' ratings
brought together, and every step readable on a phone."""

import json
import re

import pytest
from axe_check import WITH_BEST_PRACTICE, WITHOUT_SIDEBAR
from axe_check import assert_no_axe_violations as assert_axe_passes
from playwright.sync_api import Page, expect
from test_self_check import CRITERIA, ELEMENTS, RATINGS, count_text, go_to, plan_rows, radio, self_check_url

pytestmark = pytest.mark.browser

NOTE = (
    "We ran two workshops with service users this year and changed the consent wording. More work is needed "
    "on the website notice and staff guidance, which we plan for next year."
)
COMMENT = (
    "Privacy champions in each business group; a privacy week with 200 staff attending. The governance group "
    "now reviews privacy risks every quarter."
)
THIS_YEAR = RATINGS | {"element-capability.03": "unsure"}
LAST_YEAR = {cid: "informal" for cid in RATINGS} | {"element-culture.01": "managed"}
STEPS = [
    "Start",
    ELEMENTS[0]["title"],
    "Results and next steps",
    "Improvement plan",
    "Last year and colleagues",
    "Save and print",
]


def assert_no_axe_violations(page: Page) -> None:
    """WCAG 2.2 AA and best practices on everything of the self-check (the theme's sidebar is checked site-wide)."""
    assert_axe_passes(page, WITH_BEST_PRACTICE, WITHOUT_SIDEBAR)


def assessment(ratings: dict, assessor: str = "Aroha Smith, Privacy Officer", rows: int = 9) -> dict:
    return {
        "format": "dpup-self-check",
        "version": 2,
        "exported": "2026-05-30",
        "about": {
            "agency": "Ministry of Examples",
            "period": "1 July 2025 to 30 June 2026",
            "assessor": assessor,
            "date": "2026-05-30",
        },
        "target": "managed",
        "ratings": {cid: {"level": level, "note": NOTE} for cid, level in ratings.items()},
        "elements": {e["id"]: {"achievements": COMMENT, "challenges": COMMENT, "focus": COMMENT} for e in ELEMENTS},
        "plan": [
            {
                "focusArea": f"Focus area {i}",
                "recommendation": "Raise “Providing privacy training” from Informal to Foundational.",
                "actions": [
                    "Design an induction module for all new staff",
                    "Train contractors and temporary staff",
                    "Report completion rates to the governance group",
                ],
                "owner": "Privacy officer",
                "resources": "0.2 FTE",
                "due": "2026-12-31" if i % 2 else "",
                "status": ["done", "in-progress", "no-action"][i % 3],
                "reason": "Covered elsewhere" if i % 3 == 2 else "",
            }
            for i in range(1, rows + 1)
        ],
    }


def seeded(page: Page, site_url: str, state: dict) -> None:
    page.add_init_script(f"localStorage.setItem('dpup.selfcheck.state', {json.dumps(json.dumps(state))})")
    page.goto(self_check_url(site_url))
    expect(count_text(page)).not_to_have_text("0 of 14 criteria rated")


def load(page: Page, label: str, files: list[tuple[str, dict]]) -> None:
    go_to(page, "Last year and colleagues")
    page.get_by_label(label, exact=True).set_input_files(
        [
            {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode("utf-8")}
            for name, data in files
        ]
    )


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from the page objects Chromium writes uncompressed."""
    boxes = re.findall(rb"/Type /Page\b(?!s).*?/MediaBox \[([\d. ]+)\]", pdf, re.S)
    return [tuple(float(n) for n in box.split()[2:4]) for box in boxes]


def test_the_report_for_a_full_assessment_fits_nine_a4_pages(page: Page, site_url):
    seeded(page, site_url, assessment(THIS_YEAR))
    report = page.locator(".dpup-report")
    expect(report).to_contain_text("Privacy maturity self-assessment: Ministry of Examples")
    for text in (
        "Assessment period1 July 2025 to 30 June 2026",
        "Assessed byAroha Smith, Privacy Officer",
        "Date of assessment30 May 2026",
        "How levels combine: an element’s level is the lowest level",
        "Core expectations: not yet rated",
        "Not sure yet",
        "Areas of future focus",
        NOTE,
        "Focus area 9",
        "No action planned: Covered elsewhere",
        "31 Dec 2026",
        "Not set",
    ):
        expect(report).to_contain_text(text)
    for heading in ("Focus area", "Recommendations", "Planned actions", "Owner", "Target date", "Status"):
        expect(report.locator("table.dpup-report__plan-table th", has_text=heading)).to_have_count(1)
    expect(report.locator("table.dpup-report__plan-table li")).to_have_count(27)  # numbered 1 to 27
    expect(report.locator("table.dpup-report__plan-table li").last).to_have_attribute("value", "27")
    expect(report.locator("input, select, textarea, button")).to_have_count(0)
    expect(report).not_to_contain_text("mm/dd/yyyy")
    pages = pdf_pages(page.pdf(format="A4", margin={side: "12mm" for side in ("top", "right", "bottom", "left")}))
    assert 1 <= len(pages) <= 9, f"{len(pages)} pages"
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in pages), pages


def test_printing_shows_only_the_report(page: Page, site_url):
    seeded(page, site_url, assessment(THIS_YEAR, rows=2))
    page.emulate_media(media="print")
    expect(page.locator(".dpup-report")).to_be_visible()
    expect(page.locator("fieldset.dpup-selfcheck__criterion:visible")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    expect(page.locator(".dpup-selfcheck input:visible, .dpup-selfcheck button:visible")).to_have_count(0)


def test_last_year_beside_this_year_in_results_chart_and_report(page: Page, site_url):
    seeded(page, site_url, assessment(THIS_YEAR, rows=0))
    last_year = assessment(LAST_YEAR, rows=3)
    last_year["about"]["period"] = "2024/25"  # last year's name on the page, unless one is typed
    load(page, "Load last year’s file", [("2025.json", last_year)])
    expect(page.locator('[data-message="previous"]')).to_contain_text(
        "Comparing with 2024/25 (14 ratings, 1 open actions)"
    )
    go_to(page, "Results and next steps")
    row = page.locator('.dpup-selfcheck__ratings li[data-criterion-id="element-people-centred.02"]')
    expect(row).to_have_text(re.compile(r"Foundational \(2024/25: Informal; up from Informal to Foundational\)"))
    expect(page.locator('.dpup-selfcheck__ratings li[data-criterion-id="element-culture.01"]')).to_contain_text(
        "no change"
    )
    expect(page.locator('td.dpup-selfcheck__element-level[data-element-id="element-culture"]')).to_have_text(
        "Managed (2024/25: Informal; up from Informal to Managed)"
    )
    # The heat map is hidden from screen readers (its figure's table says the same): found by its figure.
    chart = page.locator("figure", has_text="Heat map of your ratings").locator("svg.dpup-selfcheck__chart")
    expect(chart.locator("text", has_text="was I")).to_have_count(13)
    expect(page.locator(".dpup-report")).to_contain_text("Up from Informal to Managed")
    # Open actions from last year's plan carry over once.
    go_to(page, "Improvement plan")
    page.get_by_role("button", name="Carry over last year’s open actions").click()
    expect(plan_rows(page)).to_have_count(1)
    expect(plan_rows(page).first).to_contain_text("Carried over from 2024/25.")
    expect(page.get_by_role("button", name="Carry over last year’s open actions")).to_be_hidden()


def test_colleagues_ratings_side_by_side_and_the_lead_picks_the_agreed_one(page: Page, site_url):
    seeded(page, site_url, assessment(RATINGS, rows=0))
    ben = RATINGS | {"element-culture.01": "informal"}
    mere = RATINGS | {"element-culture.01": "foundational", "element-treaty-partner.02": "unsure"}
    load(
        page, "Load colleagues’ files", [("ben.json", assessment(ben, "Ben")), ("mere.json", assessment(mere, "Mere"))]
    )
    expect(page.locator('[data-message="colleagues"]')).to_contain_text("2 files loaded.")
    table = page.get_by_role("table", name="Ratings side by side")
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Criterion", "You", "Ben", "Mere", "Agreement", "Agreed rating"]
    )
    expect(page.get_by_text("2 of 14 criteria have different ratings.")).to_be_visible()
    culture = table.locator('tr[data-criterion-id="element-culture.01"]')
    expect(culture.get_by_role("cell")).to_have_text(
        ["Managed", "Informal", "Foundational", "Differ", re.compile(".*")]
    )
    expect(table.locator('tr[data-criterion-id="element-culture.02"]')).to_contain_text("Agree")
    culture.get_by_role("combobox").select_option(label="Foundational")
    expect(page.locator('[data-message="colleagues"]')).to_have_text(
        "Agreed rating for Creating a privacy culture: Foundational."
    )
    expect(radio(page, "element-culture.01", "foundational")).to_be_checked()


def test_a_criterion_nobody_rated_is_a_gap_not_a_disagreement(page: Page, site_url):
    # Walkthrough: "13 of 14 criteria have different ratings" counted five nobody had rated.
    partial = {cid: level for cid, level in RATINGS.items() if cid != "element-culture.02"}
    seeded(page, site_url, assessment(partial, rows=0))
    load(
        page, "Load colleagues’ files", [("ben.json", assessment(partial | {"element-culture.01": "informal"}, "Ben"))]
    )
    expect(page.locator('[data-message="colleagues"]')).to_contain_text("1 file loaded.")
    expect(
        page.get_by_text(
            "1 of 14 criteria have different ratings. Choose the agreed rating for each. 1 not rated by anyone yet."
        )
    ).to_be_visible()
    table = page.get_by_role("table", name="Ratings side by side")
    unrated = table.locator('tr[data-criterion-id="element-culture.02"]')
    expect(unrated.get_by_role("cell")).to_have_text(["Not rated", "Not rated", "Not rated yet", re.compile(".*")])


@pytest.mark.long_running
@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_every_step_fits_the_screen_and_passes_axe(page: Page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    seeded(page, site_url, assessment(THIS_YEAR))
    load(page, "Load last year’s file", [("2025.json", assessment(LAST_YEAR, rows=3))])
    load(page, "Load colleagues’ files", [("ben.json", assessment(RATINGS, "Ben"))])
    expect(page.get_by_role("table", name="Ratings side by side")).to_be_visible()
    for step in STEPS:
        go_to(page, step)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"{step} overflows at {width}px"
        box = page.locator("section.dpup-selfcheck__step:visible h2").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert_no_axe_violations(page)
    go_to(page, "Save and print")
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.get_by_role("dialog", name="Clear all your answers?")).to_be_visible()
    assert_no_axe_violations(page)
    page.keyboard.press("Escape")
    expect(count_text(page)).to_have_text(f"{len(CRITERIA) - 1} of 14 criteria rated")
