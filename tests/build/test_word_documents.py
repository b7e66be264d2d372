"""Each tool as an editable Word document: built from the same YAML as its page, opened here with
python-docx as Word would open it, byte-identical from one build to the next, linked from the tool
page and in the offline copy."""

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Page, expect

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
    word._by_source.clear()
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


def test_markdown_fields_become_plain_paragraphs_and_bullets():
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
