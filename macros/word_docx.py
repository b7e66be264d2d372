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
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TICK_BOX = "☐"
# A4 less 2 cm margins each side: the width every table spans.
TEXT_WIDTH = Cm(17)
# Answer columns (a tick box under its label, each word of it on one line) and the notes column;
# the question column takes the rest, at least MIN_QUESTION, so a question wraps to two or three
# lines, not six.
NOTES_WIDTH, MIN_QUESTION = Cm(4), Cm(6)
ANSWER_MIN, ANSWER_MAX = Cm(1.3), Cm(3)
# A width per character of 11 pt bold text wide enough for DejaVu Sans, the widest font LibreOffice
# falls back to where Calibri and Carlito are missing ("applicable": Carlito 1.65 cm, DejaVu
# 2.25 cm), and the cell's margins: an answer label's longest word fits on one line (up to ANSWER_MAX).
CHAR_WIDTH, CELL_MARGINS = Cm(0.22), Cm(0.45)
# A hanging indent for numbered items that holds "10." and more at 11 pt (the default holds one digit).
NUMBER_INDENT = Cm(1)
CELL_SPACE_AFTER = 2  # points
TWIP = 635  # EMUs in a twentieth of a point, the unit of widths and indents in WordprocessingML


# --- Markdown fields as Word paragraphs -------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_STRONG = re.compile(r"\*\*(.+?)\*\*")


# Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """Text as Word can hold it: characters XML forbids are dropped."""
    return _NOT_XML.sub("", text)


def plain(markdown: str, keep_strong: bool = False) -> str:
    """Markdown's inline syntax removed: link text kept, emphasis marks and HTML tags dropped
    (with keep_strong, **strong** marks stay, for the caller to make bold runs)."""
    text = _LINK.sub(r"\1", _x(markdown))  # first: NUL marks strong text below
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
        if lines and _LIST_ITEM.match(lines[0]) and all(_LIST_ITEM.match(line) or line[0] in " \t" for line in lines):
            items: list[str] = []
            for line in lines:
                if _LIST_ITEM.match(line):
                    items.append(_LIST_ITEM.sub("", line))
                else:  # an indented line continues the item above it
                    items[-1] += " " + line.strip()
            found += [("bullet", item) for item in items]
        elif lines:
            found.append(("paragraph", " ".join(lines)))
    return found


def blocks(markdown: str | None) -> list[tuple[str, str]]:
    """('paragraph' | 'bullet', plain text) for each paragraph and list item of a field; a block
    with no text left once its marks and tags are removed (two backticks, `<br>`) is left out."""
    return [(kind, text) for kind, text in ((kind, plain(text)) for kind, text in _blocks(markdown)) if text]


def _add_markdown(document, markdown: str | None) -> list:
    """The field's paragraphs and bullets, added; returns them."""
    added = []
    for kind, text in _blocks(markdown):
        parts = _STRONG.split(plain(text, keep_strong=True))
        if not "".join(parts).strip():
            continue
        paragraph = document.add_paragraph(style="List Bullet" if kind == "bullet" else None)
        # Strong text stays strong (it marks the test a checklist is about); other marks go.
        for number, part in enumerate(parts):
            if part:
                paragraph.add_run(part).bold = number % 2 == 1
        added.append(paragraph)
    return added


def _italic(container, text: str, style: str | None = None):
    """A paragraph of italic text (a run is added only when there is text: an empty field has none)."""
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text).italic = True
    return paragraph


# --- tables that keep their shape in Word and LibreOffice -------------------------------------------


def _set(parent, tag: str, **values: str):
    """`parent`'s child `tag` (made if missing, replacing none), with attributes `w:<key>` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for key, value in values.items():
        child.set(qn(f"w:{key}"), value)
    return child


def _table(document, widths: list):
    """A bordered table of one row, fixed layout, whose grid widths are its cells' widths.

    Word lays a table out from its cells' widths (`w:tcW`); LibreOffice from the grid
    (`w:tblGrid/w:gridCol`), which python-docx makes equal. Both are set from one list, with the
    table's own width (`w:tblW`) their sum and a fixed layout (`w:tblLayout`), so neither editor
    re-balances the columns to their contents."""
    table = document.add_table(rows=1, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    _set(table._tbl.tblPr, "w:tblW", w=str(sum(widths) // TWIP), type="dxa")
    _shape_row(table.rows[0], widths)
    return table


def _add_row(table, widths: list):
    row = table.add_row()
    _shape_row(row, widths)
    return row


def _shape_row(row, widths: list) -> None:
    """The row's cells get the table's widths, and the row never splits across a page
    (`w:cantSplit`): a checklist question and its tick boxes, or a box and its label, stay together."""
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = width
    _set(row._tr.get_or_add_trPr(), "w:cantSplit")


def _header_row(row, labels) -> None:
    for cell, label in zip(row.cells, labels, strict=True):
        cell.text = ""
        if label:
            cell.paragraphs[0].add_run(label).bold = True
    # The header row repeats on every page a long checklist runs on to.
    _set(row._tr.get_or_add_trPr(), "w:tblHeader", val="true")


def _write_box(document, label: str, lines: int = 3) -> None:
    """A bordered box with room to write (a one-cell table the person types into), its label
    inside at the top; the row cannot split, so label and space stay on one page."""
    cell = _table(document, [TEXT_WIDTH]).rows[0].cells[0]
    cell.text = ""
    if label:
        cell.paragraphs[0].add_run(label).italic = True
    for _ in range(lines - 1):
        cell.add_paragraph("")


def _cells_tight(document) -> None:
    """Paragraphs in tables single-spaced and without the body's space after, as the table style
    ("Table Grid") sets them: a box's lines are lines to write on, and a checklist row is one
    question with its hints. (Set on each paragraph: Normal's own spacing would win over the
    table style's in Word.)"""
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(CELL_SPACE_AFTER)
                    paragraph.paragraph_format.line_spacing = 1.0


# --- the parts of a tool ---------------------------------------------------------------------------


def _section_about(document, site, section) -> None:
    """What the section is about and its introduction, kept on the page of what follows them (the
    heading keeps with them by its style): a heading never ends a page without its questions."""
    named = [site.name_of(site.get(ref)) for ref in (section.principle, section.guideline) if ref]
    added = []
    if named and named != [section.title]:
        added.append(_italic(document, _x("About " + " and ".join(named))))
    added += _add_markdown(document, section.intro)
    for paragraph in added:
        paragraph.paragraph_format.keep_with_next = True


def _checklist(document, site, section) -> None:
    items = [entry for entry in section.items if entry.status == "active"]
    if not items:
        return
    answers: list = next((site.get(entry.answers).options for entry in items if entry.answers), [])
    labels = [_x(option.label) for option in answers]
    answer_widths = _answer_widths(labels)
    widths = [TEXT_WIDTH - sum(answer_widths) - NOTES_WIDTH, *answer_widths, NOTES_WIDTH]
    table = _table(document, widths)
    _header_row(table.rows[0], ["Check", *labels, "Notes"])
    for entry in items:
        cells = _add_row(table, widths).cells
        cells[0].text = _x(entry.text)
        for kind, text in blocks(entry.help):
            _italic(cells[0], text, style="List Bullet" if kind == "bullet" else None)
        for cell in cells[1 : 1 + len(labels)]:
            cell.text = TICK_BOX if entry.answers else ""
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _answer_widths(labels: list[str]) -> list[int]:
    """Each answer column wide enough for its label's longest word (within ANSWER_MIN and
    ANSWER_MAX), all narrowed together if the question column would get less than MIN_QUESTION."""
    wanted = [
        min(
            max(CHAR_WIDTH * max((len(word) for word in label.split()), default=0) + CELL_MARGINS, ANSWER_MIN),
            ANSWER_MAX,
        )
        for label in labels
    ]
    room = TEXT_WIDTH - NOTES_WIDTH - MIN_QUESTION
    if sum(wanted) > room:
        wanted = [width * room // sum(wanted) for width in wanted]
    return [int(width) for width in wanted]


def _prompts(document, section, numbered: bool) -> None:
    for entry in section.items:
        if entry.status != "active":
            continue
        paragraph = document.add_paragraph(_x(entry.text), style="List Number" if numbered else "List Bullet")
        # The prompts stay on the page of the box that follows them.
        paragraph.paragraph_format.keep_with_next = True
        help_text = plain(entry.help or "")
        if help_text:
            paragraph.add_run(" " + help_text).italic = True


def _sources(document, tool) -> None:
    document.add_heading("Sources", level=2)
    for source in tool.sources:
        document.add_paragraph(_x(f"{source.title}: {source.url}"), style="List Bullet")


def _styles(document) -> None:
    """11 pt Calibri on A4 with 2 cm margins; headings and paragraphs spaced for two pages;
    proofing in New Zealand English; numbered items with room for two digits."""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08  # Word's own default since 2013 (the template has 1.15)
    for name, before in (("Heading 1", 10), ("Heading 2", 8)):
        document.styles[name].paragraph_format.space_before = Pt(before)
        document.styles[name].paragraph_format.space_after = Pt(3)
    document.styles["Title"].paragraph_format.space_after = Pt(8)
    document.styles["Title"].font.size = Pt(20)
    # The template's default language is en-US: Word would mark "organisation" as misspelt.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _set(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), "w:lang", val="en-NZ")
    _number_indent(document)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def _remember_style_ids(document) -> None:
    """Look each style up by name once per document. python-docx finds a style's id from its name
    by reading every style in the document (and again for the default), for each paragraph and
    table given a style: a quarter of a document's making. Styles are not renamed while a
    document is made, so the first answer for a name stays right (the same bytes)."""
    part = document.part
    look_up = part.get_style_id
    found: dict[tuple[str, object], str | None] = {}

    def style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):  # a style object (or None): python-docx's own way
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = look_up(style_or_name, style_type)
        return found[key]

    part.get_style_id = style_id


def _number_indent(document) -> None:
    """The "List Number" style's first level, indented by NUMBER_INDENT with the number hanging
    in it and a tab stop where the text starts (the template's 0.25 inch holds one digit: "10."
    ran into its text in LibreOffice)."""
    style = document.styles["List Number"].element
    num_id = style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    (abstract,) = [a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id]
    (level,) = [lvl for lvl in abstract.findall(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0"]
    twips = str(NUMBER_INDENT // TWIP)
    properties = level.find(qn("w:pPr"))
    _set(properties.find(qn("w:tabs")), "w:tab", val="num", pos=twips)
    _set(properties, "w:ind", left=twips, hanging=twips)


def build_tool(site, tool, when: datetime.date, publisher: str = "") -> bytes:
    """The tool as a .docx file's bytes; `when` is its fixed date (the content's review date),
    `publisher` the agency publishing this copy (mkdocs.yml `extra.publisher.name`)."""
    document = Document()
    _remember_style_ids(document)
    _styles(document)

    document.add_heading(_x(tool.title), level=0)
    _add_markdown(document, tool.summary)
    if tool.how_to_use:
        document.add_heading("How to use it", level=1)
        _add_markdown(document, tool.how_to_use)
    _italic(document, EDITORIAL)

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
            _write_box(document, "Notes")
    if tool.sources:
        _sources(document, tool)
    else:  # a document may not end with a table: Word adds a paragraph, and asks to save on closing
        document.add_paragraph()
    _cells_tight(document)
    return _fixed(document, tool, when, site.release.version, _x(publisher))


EDITORIAL = (
    "Editorial: this tool is written for the DPUP Toolkit in our own words, after the official DPUP "
    "toolkit. It is not official DPUP text."
)


# --- what the file says about itself ------------------------------------------------------------------

_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>DPUP Toolkit</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
</Properties>"""


def _properties(document, tool, moment: datetime.datetime, version: str, publisher: str) -> None:
    """The document's properties say who made it, from what, and when; nothing else.

    Core properties (docProps/core.xml) through python-docx. It has no API for the extended
    properties (docProps/app.xml), whose template says "Microsoft Macintosh Word" with page and
    word counts of an empty document: that part is rewritten whole with the application, the
    publisher as the company and nothing it cannot know. The template's thumbnail (a picture of
    another document) goes, with its relationship; python-docx then writes neither it nor its
    content type."""
    properties = document.core_properties
    properties.title = _x(tool.title)[:255]  # Word's limit for a document property
    properties.subject = "Data Protection and Use Policy (DPUP)"
    properties.author = properties.last_modified_by = "DPUP Toolkit"
    properties.comments = (
        (f"Published by {publisher}. " if publisher else "")
        + f"Made by the DPUP Toolkit from its content version {version}, last reviewed {moment.date().isoformat()}. "
        + EDITORIAL
    )[:255]
    properties.version = version
    properties.keywords = properties.category = ""
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    package = document.part.package
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            company = publisher[:255].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            part._blob = _APP_XML.format(company=company).encode("utf-8")
    for rel_id in [rel_id for rel_id, rel in package.rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package.rels[rel_id]


def _fixed(document, tool, when: datetime.date, version: str, publisher: str) -> bytes:
    """The saved document with its properties, its dates and its zip entries' dates set to `when`."""
    moment = datetime.datetime(when.year, when.month, when.day, tzinfo=datetime.UTC)
    _properties(document, tool, moment, version, publisher)
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
