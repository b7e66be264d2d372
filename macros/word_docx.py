"""Builds one tool's editable Word document (.docx) with python-docx. `macros/word.py` decides
when (and caches the result); this module is imported only when a document must be made, since
importing python-docx and lxml costs about half a second a build.

People fill the official DPUP tools in and attach them to business cases, so each tool is also a
Word file: its summary and how-to, a checklist as a table with a column per answer (Yes / No /
Not applicable) and one for notes, a template as its headings and prompts with a box to write in,
questions and steps as numbered lists with room for notes. Built with python-docx; no MkDocs.

Builds compare byte for byte: the document's dates are the content's review date, and every zip
entry gets that date too (python-docx stamps them with the time of saving).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TICK_BOX = "☐"


# --- Markdown fields as Word paragraphs -------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_STRONG = re.compile(r"\*\*(.+?)\*\*")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """Text as Word can hold it: characters XML forbids (control characters) are dropped."""
    return _NOT_XML.sub("", text)


def plain(markdown: str, keep_strong: bool = False) -> str:
    """Markdown's inline syntax removed: link text kept, emphasis marks and HTML tags dropped
    (with keep_strong, **strong** marks stay, for the caller to make bold runs)."""
    text = _LINK.sub(r"\1", markdown)
    if keep_strong:
        text = _STRONG.sub("\x00\\1\x00", text)
    text = _EMPHASIS.sub(r"\2", text)
    if keep_strong:
        text = text.replace("\x00", "**")
    text = re.sub(r"<[^>]+>", "", text).replace("`", "")
    return _x(" ".join(text.split()))


def _blocks(markdown: str | None) -> list[tuple[str, str]]:
    """('paragraph' | 'bullet', Markdown text) for each paragraph and list item of a field."""
    found: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", (markdown or "").strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(_LIST_ITEM.match(line) or line.startswith((" ", "\t")) for line in lines):
            items: list[str] = []
            for line in lines:
                if _LIST_ITEM.match(line):
                    items.append(_LIST_ITEM.sub("", line))
                else:
                    items[-1] += " " + line.strip()
            found += [("bullet", item) for item in items]
        elif lines:
            found.append(("paragraph", " ".join(lines)))
    return found


def blocks(markdown: str | None) -> list[tuple[str, str]]:
    """('paragraph' | 'bullet', plain text) for each paragraph and list item of a field."""
    return [(kind, plain(text)) for kind, text in _blocks(markdown)]


def _add_markdown(document, markdown: str | None) -> None:
    for kind, text in _blocks(markdown):
        paragraph = document.add_paragraph(style="List Bullet" if kind == "bullet" else None)
        # Strong text stays strong (it marks the test a checklist is about); other marks go.
        for number, part in enumerate(_STRONG.split(plain(text, keep_strong=True))):
            if part:
                paragraph.add_run(part).bold = number % 2 == 1


# --- the parts of a tool ---------------------------------------------------------------------------


def _borders(table) -> None:
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _header_row(row, labels) -> None:
    for cell, label in zip(row.cells, labels, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    # The header row repeats on every page a long checklist runs on to.
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _write_box(document, label: str, lines: int = 4) -> None:
    """A bordered box with room to write (an empty one-cell table the person types into)."""
    table = document.add_table(rows=1, cols=1)
    _borders(table)
    cell = table.rows[0].cells[0]
    cell.text = ""
    cell.paragraphs[0].add_run(label).italic = True
    for _ in range(lines - 1):
        cell.add_paragraph("")
    document.add_paragraph("")


def _section_about(document, site, section) -> None:
    named = [site.name_of(site.get(ref)) for ref in (section.principle, section.guideline) if ref]
    if named and named != [section.title]:
        document.add_paragraph(_x("About " + " and ".join(named))).runs[0].italic = True
    _add_markdown(document, section.intro)


def _checklist(document, site, section) -> None:
    items = [entry for entry in section.items if entry.status == "active"]
    if not items:
        return
    answers: list = next((site.get(entry.answers).options for entry in items if entry.answers), [])
    labels = [_x(option.label) for option in answers]
    table = document.add_table(rows=1, cols=2 + len(labels))
    _borders(table)
    _header_row(table.rows[0], ["Check", *labels, "Notes"])
    for entry in items:
        cells = table.add_row().cells
        cells[0].text = _x(entry.text)
        for kind, text in blocks(entry.help):
            cells[0].add_paragraph(text, style="List Bullet" if kind == "bullet" else None).runs[0].italic = True
        for cell in cells[1 : 1 + len(labels)]:
            cell.text = TICK_BOX if entry.answers else ""
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    widths = [Cm(7.5), *[Cm(1.6)] * len(labels), Cm(4.2)]
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    document.add_paragraph("")


def _prompts(document, section, numbered: bool) -> None:
    for entry in section.items:
        if entry.status != "active":
            continue
        paragraph = document.add_paragraph(_x(entry.text), style="List Number" if numbered else "List Bullet")
        if entry.help:
            paragraph.add_run(" " + plain(entry.help)).italic = True


def _sources(document, tool) -> None:
    document.add_heading("Sources", level=2)
    for source in tool.sources:
        document.add_paragraph(_x(f"{source.title}: {source.url}"), style="List Bullet")


def build_tool(site, tool, when: datetime.date) -> bytes:
    """The tool as a .docx file's bytes; `when` is its fixed date (the content's review date)."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)

    document.add_heading(_x(tool.title), level=0)
    _add_markdown(document, tool.summary)
    if tool.how_to_use:
        document.add_heading("How to use it", level=1)
        _add_markdown(document, tool.how_to_use)
    document.add_paragraph(
        "Editorial: this tool is written for the DPUP Toolkit in our own words, after the official DPUP "
        "toolkit. It is not official DPUP text."
    ).runs[0].italic = True

    for section in tool.sections:
        document.add_heading(_x(section.title), level=1)
        _section_about(document, site, section)
        if tool.format == "checklist":
            _checklist(document, site, section)
        elif tool.format == "template":
            _prompts(document, section, numbered=False)
            _write_box(document, _x(f"Your answer: {section.title}"))
        else:
            _prompts(document, section, numbered=True)
            _write_box(document, "Notes", lines=3)
    if tool.sources:
        _sources(document, tool)
    return _fixed(document, tool, when)


def _fixed(document, tool, when: datetime.date) -> bytes:
    """The saved document with its dates, and its zip entries' dates, set to `when`."""
    moment = datetime.datetime(when.year, when.month, when.day, tzinfo=datetime.UTC)
    properties = document.core_properties
    properties.title = _x(tool.title)[:255]  # Word's limit for a document property
    properties.subject = "Data Protection and Use Policy (DPUP)"
    properties.author = properties.last_modified_by = "DPUP Toolkit"
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    saved = io.BytesIO()
    document.save(saved)
    fixed = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()
