"""Each tool as an editable Word document: built from the same YAML as its page, opened here with
python-docx as Word would open it and converted to PDF by LibreOffice as an agency without Word
opens it, byte-identical from one build to the next, linked from the tool page and in the offline
copy.

In LibreOffice (with Carlito, which has Calibri's metrics) each document is measured as a person
sees it: at most 2 A4 pages, like the tool's printed page, and still 2 where LibreOffice has
neither Calibri nor Carlito and sets it in a wider font; the question column as wide as the
document says; no table row, question or answer box, split across a page; numbers from 10 up
clear of their text; body text at 11 pt and nothing smaller.
"""

import collections
import io
import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
import yaml
from conftest import ROOT
from docx.oxml.ns import qn
from libreoffice import WITHOUT_CARLITO, convert
from playwright.sync_api import Page, expect
from test_hostile_content import PAYLOADS, hostile_copy

from macros import kinds, word, word_docx
from macros.loader import load_site

TOOLS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "content/tools").glob("*.yml"))
}
ANSWERS = ["Yes", "No", "Not applicable"]


def active(items: list[dict]) -> list[dict]:
    return [item for item in items if item.get("status", "active") == "active"]


def load() -> object:
    return load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT, registry=kinds.REGISTRY)


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return word.documents(load())


def opened(documents: dict[str, bytes], tool_id: str):
    return docx.Document(io.BytesIO(documents[f"downloads/{tool_id}.docx"]))


def headings(document, level: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == level]


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_each_tool_opens_with_its_title_and_section_headings(documents, tool_id):
    tool = TOOLS[tool_id]
    document = opened(documents, tool_id)
    assert headings(document, "Title") == [tool["title"]]
    expected = (["How to use it"] if tool.get("how_to_use") else []) + [s["title"] for s in tool["sections"]]
    assert headings(document, "Heading 1") == expected
    text = "\n".join(p.text for p in document.paragraphs)
    assert word_docx.plain(tool["summary"]) in " ".join(text.split())
    assert document.core_properties.title == tool["title"]


@pytest.mark.parametrize("tool_id", [t for t, tool in TOOLS.items() if tool["format"] == "checklist"])
def test_a_checklist_is_a_table_per_section_with_an_answer_column_each_and_notes(documents, tool_id):
    document = opened(documents, tool_id)
    sections = [s for s in TOOLS[tool_id]["sections"] if active(s.get("items", []))]
    assert len(document.tables) == len(sections)
    for table, section in zip(document.tables, sections, strict=True):
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0] == ["Check", *ANSWERS, "Notes"]
        assert [row[0].split("\n")[0] for row in rows[1:]] == [item["text"] for item in active(section["items"])]
        assert all(row[1:4] == [word_docx.TICK_BOX] * 3 and row[4] == "" for row in rows[1:])


def test_the_purpose_statement_has_its_six_headings_prompts_and_a_box_for_each(documents):
    tool = TOOLS["tool-purpose-statement"]
    document = opened(documents, "tool-purpose-statement")
    assert headings(document, "Heading 1")[1:] == ["What", "Why", "How", "Choice", "Law", "Transparency"]
    prompts = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    for section in tool["sections"]:
        for item in active(section["items"]):
            assert any(prompt.startswith(item["text"]) for prompt in prompts), item["id"]
    assert "Say when you will review this statement." not in prompts  # retired
    boxes = [table.rows[0].cells[0].text.split("\n")[0] for table in document.tables]
    assert boxes == [f"Your answer: {s['title']}" for s in tool["sections"]]


def test_two_builds_are_byte_identical_with_fixed_dates(documents):
    site = load()
    again = word.documents(site)
    assert again.keys() == documents.keys() and all(again[k] == documents[k] for k in documents)
    # Made afresh, not read back from the build cache on disk: still the same bytes.
    for tool in site.items("tool"):
        assert word_docx.build_tool(site, tool, site.release.reviewed) == documents[word.document_path(tool)]
    first = next(iter(documents.values()))
    # Dated the content's review day (content/release.yml), not the day of the build.
    reviewed = yaml.safe_load((ROOT / "content/release.yml").read_text(encoding="utf-8"))["reviewed"]
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(*reviewed.timetuple()[:3], 0, 0, 0)}
    properties = docx.Document(io.BytesIO(first)).core_properties
    assert properties.created == properties.modified == properties.last_printed
    assert properties.created.date() == reviewed


def test_a_hostile_tool_still_makes_a_document():
    """Control characters (which XML forbids) are dropped; a title past Word's 255-character limit
    for a document property is cut there, not refused."""
    site = load()
    tool = site.get("tool-check-your-actions").model_copy(update={"title": "Check\x01 " + "long " * 80})
    document = docx.Document(io.BytesIO(word_docx.build_tool(site, tool, site.release.reviewed)))
    assert document.paragraphs[0].text.startswith("Check long")
    assert len(document.core_properties.title) == 255


def test_text_keeps_its_tabs_line_breaks_markup_characters_and_end_spaces():
    """The toolkit writes the WordprocessingML itself: what a field says is what Word shows, as
    python-docx reads it back (a tab as a tab, a line break as a break, markup characters as text)."""
    site = load()
    title = " Tab\there, a line\nbreak & <b>not bold</b> "
    tool = site.get("tool-policy-cycle").model_copy(update={"title": title})
    document = docx.Document(io.BytesIO(word_docx.build_tool(site, tool, site.release.reviewed)))
    assert document.paragraphs[0].text == title
    assert document.core_properties.title == title


def test_documents_are_written_without_python_docx_or_lxml():
    """python-docx's object model and lxml took 0.4 s of CPU to make a build's six documents, a
    fifth of the first build (issue 38): they are written from its blank template, read as a file."""
    code = (
        "import sys; from pathlib import Path; from macros import kinds, word; from macros.loader import load_site; "
        "site = load_site(Path('content'), Path('quiz'), registry=kinds.REGISTRY); "
        "assert len(word.documents(site)) == len(site.items('tool')); "
        "print(sorted(name for name in ('docx', 'lxml') if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_changed_blank_template_is_refused_by_name():
    """Our styles are changes to python-docx's blank template: a template without what they change
    stops the build with what is missing, never a document with the template's styles."""
    with pytest.raises(word_docx.TemplateChanged, match="Normal"):
        word_docx._our_styles('<w:styles><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:styles>')


def test_markdown_fields_become_plain_paragraphs_and_bullets():
    assert word_docx.blocks("``\n\n<br>\n\n- ``\n- kept") == [("bullet", "kept")]
    assert word_docx.blocks("text\n\n  indented first\n- item") == [
        ("paragraph", "text"),
        ("paragraph", "indented first - item"),
    ]
    assert word_docx.blocks("Read **this** and [that](https://example.org).\n\n- one\n- two\n  more") == [
        ("paragraph", "Read this and that."),
        ("bullet", "one"),
        ("bullet", "two more"),
    ]


@pytest.mark.browser
def test_each_tool_page_links_its_word_document_and_the_offline_copy_has_it(page: Page, built_site: Path, site_url):
    with zipfile.ZipFile(built_site / "downloads/dpup-toolkit-offline.zip") as offline:
        in_zip = set(offline.namelist())
    for tool_id, tool in TOOLS.items():
        page.goto(site_url + f"tools/{tool_id.removeprefix('tool-')}/")
        link = page.get_by_role("link", name="Download as a Word document")
        size = (built_site / f"downloads/{tool_id}.docx").stat().st_size
        expect(link.locator("xpath=..")).to_contain_text(f"(.docx, {-(-size // 1024)} KB)")
        with page.expect_download() as info:
            link.click()
        assert info.value.suggested_filename == f"{tool_id}.docx"
        saved = Path(info.value.path()).read_bytes()
        assert docx.Document(io.BytesIO(saved)).paragraphs[0].text == tool["title"]
        assert f"dpup-toolkit/downloads/{tool_id}.docx" in in_zip
        assert re.search(rf'href="\.\./\.\./downloads/{tool_id}\.docx"', page.content())


# --- every text field, hostile or empty, reaches the Word builder safely --------------------------

# Whole field values that leave nothing once marks and tags are removed, or that look like
# Markdown structure: each stopped the build (an IndexError) or could.
EMPTIED = ("``", "<br>", "**", "_", "[]()", "- ", "  \n- x", "x\n\n  indented\n- y", "\x00\x01", "\ud800", "")


def test_the_hostile_field_corpus_builds_every_document_as_text(tmp_path):
    """The HTML side's corpus (tests/build/test_hostile_content.py: template syntax, HTML, script,
    a shell command), appended to every text field of every kind: each tool still makes a
    document that opens, with the payloads as plain text, and nothing runs."""
    hostile_copy(tmp_path)
    site = load_site(tmp_path / "content", tmp_path / "quiz", shown_relative_to=tmp_path, registry=kinds.REGISTRY)
    for tool in site.items("tool"):
        document = docx.Document(io.BytesIO(word_docx.build_tool(site, tool, site.release.reviewed, "<b>&")))
        text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
        assert PAYLOADS[0] in text and "<script>alert(3)</script>" in text and "3703701" not in text, tool.id


@pytest.mark.parametrize("value", EMPTIED, ids=repr)
def test_a_field_empty_once_its_marks_are_removed_still_makes_a_document(value):
    """Every text field of a tool (the pages validate them; the builder does not rely on it)."""
    site = load()
    for tool_id in ("tool-funding-contracting-checklist", "tool-purpose-statement", "tool-policy-cycle"):
        tool = site.get(tool_id)
        sections = [
            section.model_copy(
                update={
                    "title": value,
                    "intro": value,
                    "items": [item.model_copy(update={"text": value, "help": value}) for item in section.items],
                }
            )
            for section in tool.sections
        ]
        sources = [source.model_copy(update={"title": value}) for source in tool.sources]
        hostile = tool.model_copy(
            update={"title": value, "summary": value, "how_to_use": value, "sections": sections, "sources": sources}
        )
        document = docx.Document(io.BytesIO(word_docx.build_tool(site, hostile, site.release.reviewed, value)))
        assert len(document.paragraphs) > len(tool.sections)


# --- what the file says about itself ---------------------------------------------------------------


def test_the_properties_name_the_toolkit_the_publisher_and_the_content_version_and_nothing_false():
    site = load()
    tool = site.get("tool-purpose-statement")
    data = word_docx.build_tool(site, tool, site.release.reviewed, "Te Tari <Examples> & Co")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name).decode("utf-8") for name in names if name.endswith((".xml", ".rels"))}
    assert not [name for name in names if "thumbnail" in name or name.endswith((".jpeg", ".jpg", ".png"))]
    assert "thumbnail" not in parts["_rels/.rels"] and "jpeg" not in parts["[Content_Types].xml"]
    app = parts["docProps/app.xml"]
    assert "<Application>DPUP Toolkit</Application>" in app
    assert "<Company>Te Tari &lt;Examples&gt; &amp; Co</Company>" in app
    assert not re.search(r"Microsoft|Macintosh|<Pages>|<Words>|<AppVersion>|Normal\.dotm", app)
    assert not [name for name, text in parts.items() if "python-docx" in text.lower()]
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == tool.title and properties.author == "DPUP Toolkit"
    assert properties.version == site.release.version
    assert "Published by Te Tari <Examples> & Co." in properties.comments
    assert f"content version {site.release.version}" in properties.comments


def test_every_table_has_grid_widths_equal_to_its_cells_and_rows_that_cannot_split(documents):
    for path, data in documents.items():
        document = docx.Document(io.BytesIO(data))
        assert document.tables, path
        for table in document.tables:
            grid = [column.w for column in table._tbl.tblGrid.gridCol_lst]
            assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
            table_width = int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
            assert table_width == pytest.approx(sum(grid) / word_docx.TWIP, abs=len(grid))  # twips, rounded
            for number, row in enumerate(table.rows):
                assert [cell.width for cell in row.cells] == grid, path
                properties = row._tr.trPr
                assert properties is not None and properties.find(qn("w:cantSplit")) is not None, path
                repeats = properties.find(qn("w:tblHeader")) is not None
                assert repeats == (number == 0 and len(grid) > 1), path


# --- opened in LibreOffice ---------------------------------------------------------------------------

A4 = (595, 842)  # points
MAX_PAGES = 2  # each tool's printed page (tests/browser/test_print.py) has the same limit
CM = 72 / 2.54


@pytest.fixture(scope="module")
def in_libreoffice(documents, tmp_path_factory) -> dict[str, pymupdf.Document]:
    """Every tool's document as LibreOffice lays it out (one conversion of all six, about 3 s)."""
    folder = tmp_path_factory.mktemp("word")
    files = []
    for path, data in documents.items():
        files.append(folder / Path(path).name)
        files[-1].write_bytes(data)
    pdfs = convert(files, "pdf", folder / "pdf", tmp_path_factory.mktemp("libreoffice-profile"))
    return {pdf.stem: pymupdf.open(pdf) for pdf in pdfs}


@pytest.fixture(scope="module")
def without_carlito(documents, tmp_path_factory) -> dict[str, pymupdf.Document]:
    """The same, on a system with neither Calibri nor Carlito (LibreOffice's fallback is wider)."""
    folder = tmp_path_factory.mktemp("word-without-carlito")
    files = []
    for path, data in documents.items():
        files.append(folder / Path(path).name)
        files[-1].write_bytes(data)
    (folder / "fonts.conf").write_text(WITHOUT_CARLITO, encoding="utf-8")
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    pdfs = convert(files, "pdf", folder / "pdf", profile, env={"FONTCONFIG_FILE": str(folder / "fonts.conf")})
    return {pdf.stem: pymupdf.open(pdf) for pdf in pdfs}


def page_texts(pdf) -> list[str]:
    return [" ".join(page.get_text().split()) for page in pdf]


def vertical_lines(page) -> list[tuple[float, float, float]]:
    """The page's vertical border lines as (x, top, bottom); LibreOffice draws each cell's edge."""
    found = []
    for drawing in page.get_drawings():
        for item in drawing["items"]:
            if item[0] == "l" and abs(item[1].x - item[2].x) < 0.5:
                found.append((round(item[1].x, 1), min(item[1].y, item[2].y), max(item[1].y, item[2].y)))
            elif item[0] == "re":
                rect = item[1]
                found += [(round(rect.x0, 1), rect.y0, rect.y1), (round(rect.x1, 1), rect.y0, rect.y1)]
    return found


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_each_document_fits_two_a4_pages_at_11_pt_in_libreoffice(in_libreoffice, tool_id):
    pdf = in_libreoffice[tool_id]
    assert pdf.page_count <= MAX_PAGES, f"{tool_id}: {pdf.page_count} pages"
    sizes: collections.Counter = collections.Counter()
    for page in pdf:
        assert (round(page.rect.width), round(page.rect.height)) == A4
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if span["text"].strip():
                        sizes[round(span["size"], 1)] += len(span["text"].strip())
    assert sizes.most_common(1)[0][0] == 11, sizes
    assert min(sizes) >= 11, f"{tool_id}: text at {min(sizes)} pt"


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_each_document_fits_two_a4_pages_even_without_calibri_or_carlito(without_carlito, tool_id):
    pdf = without_carlito[tool_id]
    fonts = {font[3].split("+")[-1] for page in pdf for font in page.get_fonts()}
    assert not [font for font in fonts if "Carlito" in font or "Calibri" in font], fonts
    assert pdf.page_count <= MAX_PAGES, f"{tool_id}: {pdf.page_count} pages in {sorted(fonts)}"


@pytest.mark.parametrize("tool_id", [t for t, tool in TOOLS.items() if tool["format"] == "checklist"])
def test_the_question_column_is_as_wide_as_the_document_says(in_libreoffice, documents, tool_id):
    """Equal grid columns made it 3.4 cm (six lines a question); it is about 8 cm."""
    grid = opened(documents, tool_id).tables[0]._tbl.tblGrid.gridCol_lst
    page = in_libreoffice[tool_id][0]
    edges = sorted({x for x, top, bottom in vertical_lines(page) if bottom - top > 5})
    assert len(edges) == len(grid) + 1, edges
    measured = [(right - left) / CM for left, right in itertools.pairwise(edges)]
    assert measured == pytest.approx([column.w.cm for column in grid], abs=0.05)
    assert measured[0] >= 7.5, f"question column {measured[0]:.1f} cm"


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_no_question_or_answer_box_is_split_across_a_page(in_libreoffice, documents, tool_id):
    pdf, texts = in_libreoffice[tool_id], page_texts(in_libreoffice[tool_id])
    rows = [row for table in opened(documents, tool_id).tables for row in table.rows[1:]]
    for row in rows:  # checklists: a row's first and last words on one page
        words = row.cells[0].text.split()
        first, last = " ".join(words[:4]), " ".join(words[-4:])
        pages = [number for number, text in enumerate(texts) if first in text and last in text]
        assert pages, f"{tool_id}: row '{first} ... {last}' is split across pages"
    boxes = [(number, rect) for number, page in enumerate(pdf) for rect in page.search_for("Your answer:")]
    boxes += [(number, rect) for number, page in enumerate(pdf) for rect in page.search_for("Notes") if rect.x0 < 70]
    for number, label in boxes:  # templates, steps: the box's edge runs three lines below its label
        edges = [bottom for x, top, bottom in vertical_lines(pdf[number]) if x < label.x0 and top <= label.y0]
        assert edges and max(edges) - label.y1 >= 2 * 11, f"{tool_id}: the box under '{label}' is split"
    assert rows or boxes


def test_numbers_from_10_up_stand_clear_of_their_text(in_libreoffice):
    """The template's 0.25 inch hanging indent holds one digit: "10.How does..." in LibreOffice."""
    numbers = []
    for page in in_libreoffice["tool-policy-cycle"]:
        words = page.get_text("words")  # x0, y0, x1, y1, word, block, line, word number
        assert not [w[4] for w in words if re.fullmatch(r"\d+\.\S+", w[4])]
        for index, word_box in enumerate(words[:-1]):
            if re.fullmatch(r"\d+\.", word_box[4]) and int(word_box[4][:-1]) >= 10:
                following = words[index + 1]
                numbers.append(word_box[4])
                assert following[0] - word_box[2] >= 0.3 * CM, f"{word_box[4]} {following[4]}"
    assert len(numbers) >= 5, numbers
