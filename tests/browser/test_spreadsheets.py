"""Every spreadsheet file the site offers, opened in LibreOffice Calc as an agency without Excel
would open it: the self-check's ratings and plan CSVs and its .xlsx workbook, a checklist's CSV
and the trainer's counts. Each is downloaded from the page, converted headless to flat OpenDocument (one XML file
with every cell's type and value) and read back cell by cell:
- macrons intact (the CSVs read as UTF-8, the import option LibreOffice asks for);
- numbers as numbers and target dates as dates;
- no cell a formula: the CSVs' guarded cells keep their apostrophe as text, the workbook's are
  marked as text and shown as typed;
- the script that writes them (selfcheck-sheets.js) loads only when the person asks for one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from libreoffice import CSV_UTF8, convert, need_libreoffice
from playwright.sync_api import Page, expect
from test_checklists import checklist_items, checklist_url, note
from test_checklists import download as checklist_download
from test_self_check import STATE_KEY, go_to, plan_rows, self_check_url, wait_for_stored
from test_self_check_export import download, fill_in_a_full_self_check
from test_self_check_journey import fill_about
from test_trainer import QUESTIONS, open_trainer, run_a_session, trainer_url

pytestmark = pytest.mark.browser

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
FORMULA_ATTRIBUTE = f"{{{NS['table']}}}formula"
XLSX_BUTTON = "Download ratings and plan (Excel .xlsx)"


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def read_sheets(fods: Path) -> dict[str, list[list[dict]]]:
    """Each sheet's rows of cells as {type, value, text, formula}, from LibreOffice's flat ODS."""
    sheets = {}
    for table in ET.parse(fods).getroot().iter(q("table:table")):
        rows = []
        for row in table.iter(q("table:table-row")):
            cells = []
            for cell in row.findall(q("table:table-cell")):
                repeat = min(int(cell.get(q("table:number-columns-repeated"), "1")), 64)
                value = cell.get(q("office:value")) or cell.get(q("office:date-value"))
                found = {
                    "type": cell.get(q("office:value-type"), ""),
                    "value": value,
                    "text": "\n".join("".join(p.itertext()) for p in cell.findall(q("text:p"))),
                    "formula": cell.get(FORMULA_ATTRIBUTE),
                }
                cells += [found] * repeat
            while cells and not cells[-1]["type"]:
                cells.pop()
            if cells:
                rows.append(cells)
        sheets[table.get(q("table:name"))] = rows
    return sheets


def by_heading(rows: list[list[dict]]) -> list[dict[str, dict]]:
    headings = [cell["text"] for cell in rows[0]]
    return [
        dict(zip(headings, row + [{"type": "", "text": "", "value": None}] * len(headings), strict=False))
        for row in rows[1:]
    ]


def no_formulas(sheets: dict) -> None:
    live = [cell["text"] for rows in sheets.values() for row in rows for cell in row if cell["formula"]]
    assert live == [], f"cells LibreOffice runs as formulas: {live}"


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    need_libreoffice()
    return tmp_path_factory.mktemp("libreoffice-profile")


def saved(file, folder: Path) -> Path:
    path = folder / file.suggested_filename
    file.save_as(path)
    return path


def test_the_self_checks_spreadsheets_open_in_libreoffice_with_text_numbers_and_dates_intact(
    page: Page, site_url, tmp_path, profile
):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(self_check_url(site_url))
    fill_about(page)
    fill_in_a_full_self_check(page)
    go_to(page, "Improvement plan")
    plan_rows(page).nth(1).get_by_label("Resources").fill("-5,000")
    plan_rows(page).nth(0).get_by_label("Owner").fill("+64 21 555 0101")
    wait_for_stored(page, STATE_KEY, "555 0101")
    assert not [url for url in requested if "selfcheck-sheets" in url], (
        "the spreadsheet files' script loaded before one was asked for"
    )

    ratings_csv = saved(download(page, "Download ratings (CSV)"), tmp_path)
    plan_csv = saved(download(page, "Download plan (CSV)"), tmp_path)
    workbook = saved(download(page, XLSX_BUTTON), tmp_path)
    assert [url for url in requested if url.endswith("/selfcheck-sheets.js")], (
        "the spreadsheet files' script was not loaded on request"
    )
    expect(page.locator('[data-message="save"]')).to_contain_text(f"Downloaded {workbook.name}")
    assert workbook.name.startswith("dpup-self-check-te-puni-kokiri-2025-26-") and workbook.suffix == ".xlsx"
    with zipfile.ZipFile(workbook) as archive:  # a sound zip (every CRC checked) of well-formed XML parts
        assert archive.testzip() is None
        for name in archive.namelist():
            ET.fromstring(archive.read(name))
        assert "xl/worksheets/sheet2.xml" in archive.namelist()

    ratings_ods, plan_ods = convert([ratings_csv, plan_csv], "fods", tmp_path / "csv", profile, infilter=CSV_UTF8)
    (workbook_ods,) = convert([workbook], "fods", tmp_path / "xlsx", profile)
    csv_ratings, csv_plan = read_sheets(ratings_ods), read_sheets(plan_ods)
    book = read_sheets(workbook_ods)
    assert list(book) == ["Ratings", "Plan"]
    for sheets in (csv_ratings, csv_plan, book):
        no_formulas(sheets)

    # The ratings: whose they are, with macrons; a note that starts with "-" stays text.
    for ratings in (by_heading(next(iter(csv_ratings.values()))), by_heading(book["Ratings"])):
        assert len(ratings) == 14
        assert {row["Agency"]["text"] for row in ratings} == {"Te Puni Kōkiri"}
        assert {row["Assessment period"]["text"] for row in ratings} == {"2025/26"}
        assert any(row["Notes"]["text"].startswith('Kōrero with iwi, "early days"') for row in ratings)
    notes = [row["Notes"]["text"] for row in by_heading(book["Ratings"]) if row["Notes"]["text"].startswith("-1")]
    assert notes == ["-1 for training: ad hoc\nSecond line of the note"]  # shown as typed, not "'-1 ..."
    csv_notes = [
        row["Notes"] for row in by_heading(next(iter(csv_ratings.values()))) if "-1 for" in row["Notes"]["text"]
    ]
    assert csv_notes[0]["type"] == "string" and csv_notes[0]["text"].startswith("'-1 for training")

    # The plan: action numbers are numbers, target dates are dates, every attack is text.
    for plan, marked in ((by_heading(next(iter(csv_plan.values()))), "'"), (by_heading(book["Plan"]), "")):
        assert [row["Action number"]["type"] for row in plan[:3]] == ["float"] * 3
        assert [float(row["Action number"]["value"]) for row in plan[:3]] == [1, 2, 3]
        assert plan[0]["Target date"]["type"] == "date" and plan[0]["Target date"]["value"].startswith("2025-06-30")
        assert plan[1]["Planned action"]["text"] == marked + '=HYPERLINK("http://x")'
        assert plan[1]["Planned action"]["type"] == "string"
        assert plan[0]["Owner"]["text"] == marked + "+64 21 555 0101"
        assert plan[2]["Owner"]["text"] == marked + "@comms team"
        assert {row["Agency"]["text"] for row in plan} == {"Te Puni Kōkiri"}
    # A plain number is not guarded: in the CSV it is the number; the workbook keeps what was typed.
    csv_resources = by_heading(next(iter(csv_plan.values())))[2]["Resources"]
    assert csv_resources["type"] == "float" and float(csv_resources["value"]) == -5000
    assert by_heading(book["Plan"])[2]["Resources"]["text"] == "-5,000"


def test_a_checklists_csv_opens_in_libreoffice_with_its_notes_as_text(page: Page, site_url, tmp_path, profile):
    tool_id = "tool-transparency-choice-checklist"
    items = checklist_items(tool_id)
    page.goto(checklist_url(site_url, tool_id))
    for item_id, text in (
        (items[0]["id"], "Ask Māori data experts"),
        (items[1]["id"], "=1+1"),
        (items[2]["id"], "-12.5"),
    ):
        note(page, item_id).fill(text)
        note(page, item_id).blur()
        wait_for_stored(page, f"dpup.checklist.{item_id}", text[-3:])
    file = saved(checklist_download(page, "Download CSV"), tmp_path)
    (ods,) = convert([file], "fods", tmp_path / "csv", profile, infilter=CSV_UTF8)
    sheets = read_sheets(ods)
    no_formulas(sheets)
    rows = by_heading(next(iter(sheets.values())))
    assert [row["Question"]["text"] for row in rows] == [item["text"] for item in items]
    assert [row["Note"]["text"] for row in rows[:2]] == ["Ask Māori data experts", "'=1+1"]
    assert rows[2]["Note"]["type"] == "float" and float(rows[2]["Note"]["value"]) == -12.5


def test_the_trainers_counts_open_in_libreoffice_with_counts_as_numbers(page: Page, site_url, tmp_path, profile):
    open_trainer(page, trainer_url(site_url))
    run_a_session(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the counts (CSV)").click()
    (ods,) = convert([saved(info.value, tmp_path)], "fods", tmp_path / "csv", profile, infilter=CSV_UTF8)
    sheets = read_sheets(ods)
    no_formulas(sheets)
    rows = by_heading(next(iter(sheets.values())))
    assert len(rows) == sum(len(question["options"]) for question in QUESTIONS)
    assert [" ".join(row["Option text"]["text"].split()) for row in rows] == [
        " ".join(option["text"].split()) for question in QUESTIONS for option in question["options"]
    ]
    assert any("ā" in row["Option text"]["text"] or "Māori" in row["Question text"]["text"] for row in rows)
    question_4 = [row for row in rows if row["Question"]["value"] == "4"]
    assert [(row["Hands"]["type"], float(row["Hands"]["value"])) for row in question_4] == [("float", 2), ("float", 8)]
    assert [float(row["Percent"]["value"]) for row in question_4] == [20, 80]
