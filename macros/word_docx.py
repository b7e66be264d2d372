"""Builds one tool's editable Word document (.docx). `macros/word.py` decides when (and caches the
result); this module writes the document's WordprocessingML itself, in the standard library.

People fill the official DPUP tools in and attach them to business cases, so each tool is also a
Word file: its summary and how-to, a checklist as a table with a column per answer (Yes / No /
Not applicable) and one for notes, a template as its headings and prompts with a box to write in,
questions and steps as numbered lists with room for notes. No MkDocs.

The document starts from python-docx's blank template (its `templates/default.docx`, read as a
file: python-docx's code is not imported, as its object model and lxml made a document take 16
times as long). Our styles (11 pt Calibri on A4, New Zealand English) are changed in the
template's own parts, and the document's body is written here, in the same bytes python-docx
wrote for the same document: the same XML, parts and zip entries. tests/build/test_word_documents.py
opens the documents with python-docx and in LibreOffice, as Word and an agency would.

Builds compare byte for byte: the document's dates are the content's review date, and every zip
entry gets that date too.
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import re
import zipfile
import zlib
from pathlib import Path

from . import ziparchive

TICK_BOX = "☐"
# Lengths are counted in EMUs (English Metric Units, Word's smallest unit), as python-docx counted
# them: widths are worked out in EMUs and written in twips (twentieths of a point), rounded.
EMU_PER_CM = 360_000
TWIP = 635  # EMUs in a twip


def cm(length: float) -> int:
    """A length in centimetres, in EMUs."""
    return int(length * EMU_PER_CM)


def twips(emus: int) -> int:
    return round(emus / TWIP)


# A4 less 2 cm margins each side: the width every table spans.
TEXT_WIDTH = cm(17)
# Answer columns (a tick box under its label, each word of it on one line) and the notes column;
# the question column takes the rest, at least MIN_QUESTION, so a question wraps to two or three
# lines, not six.
NOTES_WIDTH, MIN_QUESTION = cm(4), cm(6)
ANSWER_MIN, ANSWER_MAX = cm(1.3), cm(3)
# A width per character of 11 pt bold text wide enough for DejaVu Sans, the widest font LibreOffice
# falls back to where Calibri and Carlito are missing ("applicable": Carlito 1.65 cm, DejaVu
# 2.25 cm), and the cell's margins: an answer label's longest word fits on one line (up to ANSWER_MAX).
CHAR_WIDTH, CELL_MARGINS = cm(0.22), cm(0.45)
# A hanging indent for numbered items that holds "10." and more at 11 pt (the default holds one digit).
NUMBER_INDENT = cm(1)


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


# --- WordprocessingML: runs, paragraphs, tables -------------------------------------------------------


def _escape(text: str) -> str:
    """Text as XML character data (a carriage return kept as a reference, as an XML parser would
    otherwise read it as a line feed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _text(text: str) -> str:
    """A run's text: tabs as tab marks, line breaks as breaks, the rest in `w:t` elements
    (with `xml:space="preserve"` where spaces at either end must be kept)."""
    parts = []
    for piece in re.split(r"(\t|\r|\n)", text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            preserve = ' xml:space="preserve"' if piece.strip() != piece else ""
            parts.append(f"<w:t{preserve}>{_escape(piece)}</w:t>")
    return "".join(parts)


def run(text: str, bold: bool | None = None, italic: bool = False) -> str:
    """A run of text; `bold=False` marks it not bold (text between the strong parts of a field)."""
    marks = {True: "<w:b/>", False: '<w:b w:val="0"/>', None: ""}[bold] + ("<w:i/>" if italic else "")
    content = (f"<w:rPr>{marks}</w:rPr>" if marks else "") + _text(text)
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


# Paragraph properties, given in the order WordprocessingML requires them (after the style).
KEEP_WITH_NEXT = "<w:keepNext/>"
# Every paragraph in a table: single-spaced and with 2 pt after, as the table style ("Table Grid")
# sets them: a box's lines are lines to write on, and a checklist row is one question with its
# hints. (Set on each paragraph: Normal's own spacing would win over the table style's in Word.)
TIGHT = '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>'
CENTRED = '<w:jc w:val="center"/>'
# What an empty cell or a line to write on holds.
EMPTY_LINE = f"<w:p><w:pPr>{TIGHT}</w:pPr></w:p>"
# An empty run that starts a labelled cell: the documents are the bytes python-docx wrote, and its
# cell text ("") left one. Word and LibreOffice show nothing for it.
EMPTY_RUN = "<w:r/>"


def paragraph(runs: str = "", style: str | None = None, *properties: str) -> str:
    """A paragraph of `runs` with its style (an id: "ListBullet") and other properties."""
    inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + "".join(properties)
    content = (f"<w:pPr>{inner}</w:pPr>" if inner else "") + runs
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def heading(text: str, level: int) -> str:
    """A heading (level 0: the document's title)."""
    return paragraph(run(text) if text else "", "Title" if level == 0 else f"Heading{level}")


def _markdown(markdown: str | None, *properties: str) -> list[str]:
    """The field's paragraphs and bullets. Strong text stays strong (it marks the test a checklist
    is about); other marks go."""
    added = []
    for kind, text in _blocks(markdown):
        parts = _STRONG.split(plain(text, keep_strong=True))
        if not "".join(parts).strip():
            continue
        runs = "".join(run(part, bold=number % 2 == 1) for number, part in enumerate(parts) if part)
        added.append(paragraph(runs, "ListBullet" if kind == "bullet" else None, *properties))
    return added


def _italic(text: str, style: str | None = None, *properties: str) -> str:
    """A paragraph of italic text (a run only where there is text: an empty field has none)."""
    return paragraph(run(text, italic=True) if text else "", style, *properties)


def cell(width: int, paragraphs: list[str]) -> str:
    """A table cell `width` EMUs wide (its paragraphs made with TIGHT spacing)."""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips(width)}"/></w:tcPr>{"".join(paragraphs)}</w:tc>'


def table(widths: list[int], rows: list[list[list[str]]], header: bool = False) -> str:
    """A bordered table, fixed layout, whose grid widths are its cells' widths; each row a list of
    cells, each cell a list of paragraphs.

    Word lays a table out from its cells' widths (`w:tcW`); LibreOffice from the grid
    (`w:tblGrid/w:gridCol`). Both are set from one list, with the table's own width (`w:tblW`)
    their sum and a fixed layout (`w:tblLayout`), so neither editor re-balances the columns to
    their contents. No row splits across a page (`w:cantSplit`): a checklist question and its tick
    boxes, or a box and its label, stay together. A header row repeats on every page a long
    checklist runs on to (`w:tblHeader`)."""
    properties = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:type="dxa" w:w="{sum(widths) // TWIP}"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
        'w:val="04A0"/></w:tblPr>'
    )
    grid = "".join(f'<w:gridCol w:w="{twips(width)}"/>' for width in widths)
    body = []
    for number, cells in enumerate(rows):
        repeats = '<w:tblHeader w:val="true"/>' if header and number == 0 else ""
        content = "".join(cell(width, paragraphs) for width, paragraphs in zip(widths, cells, strict=True))
        body.append(f"<w:tr><w:trPr><w:cantSplit/>{repeats}</w:trPr>{content}</w:tr>")
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"


def _write_box(label: str, lines: int = 3) -> str:
    """A bordered box with room to write (a one-cell table the person types into), its label
    inside at the top; the row cannot split, so label and space stay on one page."""
    first = paragraph(EMPTY_RUN + (run(label, italic=True) if label else ""), None, TIGHT)
    return table([TEXT_WIDTH], [[[first] + [EMPTY_LINE] * (lines - 1)]])


# --- the parts of a tool ---------------------------------------------------------------------------


def _section_about(site, section) -> list[str]:
    """What the section is about and its introduction, kept on the page of what follows them (the
    heading keeps with them by its style): a heading never ends a page without its questions."""
    named = [site.name_of(site.get(ref)) for ref in (section.principle, section.guideline) if ref]
    added = []
    if named and named != [section.title]:
        added.append(_italic(_x("About " + " and ".join(named)), None, KEEP_WITH_NEXT))
    return added + _markdown(section.intro, KEEP_WITH_NEXT)


def _checklist(site, section) -> list[str]:
    items = [entry for entry in section.items if entry.status == "active"]
    if not items:
        return []
    answers: list = next((site.get(entry.answers).options for entry in items if entry.answers), [])
    labels = [_x(option.label) for option in answers]
    answer_widths = _answer_widths(labels)
    widths = [TEXT_WIDTH - sum(answer_widths) - NOTES_WIDTH, *answer_widths, NOTES_WIDTH]
    header = [
        [paragraph(EMPTY_RUN + (run(label, bold=True) if label else ""), None, TIGHT)]
        for label in ["Check", *labels, "Notes"]
    ]
    rows = [header]
    for entry in items:
        question = [paragraph(run(_x(entry.text)), None, TIGHT)]
        for kind, text in blocks(entry.help):
            question.append(_italic(text, "ListBullet" if kind == "bullet" else None, TIGHT))
        tick = paragraph(run(TICK_BOX if entry.answers else ""), None, TIGHT, CENTRED)
        rows.append([question, *[[tick] for _ in labels], [EMPTY_LINE]])
    return [table(widths, rows, header=True)]


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


def _prompts(section, numbered: bool) -> list[str]:
    """Each prompt with its help in italics; the prompts stay on the page of the box that follows them."""
    added = []
    for entry in section.items:
        if entry.status != "active":
            continue
        text, help_text = _x(entry.text), plain(entry.help or "")
        runs = (run(text) if text else "") + (run(" " + help_text, italic=True) if help_text else "")
        added.append(paragraph(runs, "ListNumber" if numbered else "ListBullet", KEEP_WITH_NEXT))
    return added


def _sources(tool) -> list[str]:
    listed = [paragraph(run(_x(f"{source.title}: {source.url}")), "ListBullet") for source in tool.sources]
    return [heading("Sources", 2), *listed]


def build_tool(site, tool, when: datetime.date, publisher: str = "") -> bytes:
    """The tool as a .docx file's bytes; `when` is its fixed date (the content's review date),
    `publisher` the agency publishing this copy (mkdocs.yml `extra.publisher.name`)."""
    body = [heading(_x(tool.title), 0), *_markdown(tool.summary)]
    if tool.how_to_use:
        body += [heading("How to use it", 1), *_markdown(tool.how_to_use)]
    body.append(_italic(EDITORIAL))

    for section in tool.sections:
        body += [heading(_x(section.title), 1), *_section_about(site, section)]
        if tool.format == "checklist":
            body += _checklist(site, section)
        elif tool.format == "template":
            body += [*_prompts(section, numbered=False), _write_box(_x(f"Your answer: {section.title}"))]
        else:
            body += [*_prompts(section, numbered=True), _write_box("Notes")]
    if tool.sources:
        body += _sources(tool)
    else:  # a document may not end with a table: Word adds a paragraph, and asks to save on closing
        body.append(paragraph())
    return _package("".join(body), tool, when, site.release.version, _x(publisher))


EDITORIAL = (
    "Editorial: this tool is written for the DPUP Toolkit in our own words, after the official DPUP "
    "toolkit. It is not official DPUP text."
)


# --- the template, and our styles in it ----------------------------------------------------------------

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# The template's parts written as python-docx wrote them (declaration, then the XML without the
# whitespace between its tags); the others are copied as they are.
REWRITTEN = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", ".rels")
# The page: A4 (21 x 29.7 cm) with 2 cm margins, in twips.
SECTION = (
    '<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="720" w:footer="720" w:gutter="0"/>'
    '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)
# Our styles, as changes to the template's (style id, the template's text, ours): 11 pt Calibri
# with 6 pt after and Word's own line spacing since 2013 (1.08; the template has 1.15); headings
# and the title spaced for two pages.
STYLES = (
    (
        "Normal",
        '<w:rsid w:val="00FC693F"/>',
        '<w:rsid w:val="00FC693F"/><w:pPr><w:spacing w:after="120" w:line="259" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr>',
    ),
    ("Heading1", '<w:spacing w:before="480" w:after="0"/>', '<w:spacing w:before="200" w:after="60"/>'),
    ("Heading2", '<w:spacing w:before="200" w:after="0"/>', '<w:spacing w:before="160" w:after="60"/>'),
    ("Title", '<w:spacing w:after="300" ', '<w:spacing w:after="160" '),
    ("Title", '<w:sz w:val="52"/>', '<w:sz w:val="40"/>'),
)
# The template's default language is en-US: Word would mark "organisation" as misspelt.
LANGUAGE = (
    '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>',
    '<w:lang w:val="en-NZ" w:eastAsia="en-US" w:bidi="ar-SA"/>',
)


class TemplateChanged(RuntimeError):
    """python-docx's template is not the one our styles were written against."""


def _replace_once(text: str, old: str, new: str, where: str) -> str:
    if text.count(old) != 1:
        raise TemplateChanged(f"python-docx's blank template: expected {old!r} once in {where}")
    return text.replace(old, new)


def _style(styles: str, style_id: str) -> str:
    found = re.search(rf'<w:style [^>]*w:styleId="{style_id}">.*?</w:style>', styles)
    if not found:
        raise TemplateChanged(f"python-docx's blank template has no style {style_id}")
    return found.group()


def _our_styles(styles: str) -> str:
    styles = _replace_once(styles, *LANGUAGE, "its styles")
    for style_id, old, new in STYLES:
        style = _style(styles, style_id)
        styles = styles.replace(style, _replace_once(style, old, new, f"its style {style_id}"))
    return styles


def _our_numbering(numbering: str, styles: str) -> str:
    """The "List Number" style's first level, indented by NUMBER_INDENT with the number hanging
    in it and a tab stop where the text starts (the template's 0.25 inch holds one digit: "10."
    ran into its text in LibreOffice)."""
    number = re.search(r'<w:numId w:val="(\d+)"/>', _style(styles, "ListNumber"))
    abstract = number and re.search(rf'<w:num w:numId="{number[1]}"><w:abstractNumId w:val="(\d+)"/>', numbering)
    level = abstract and re.search(
        rf'<w:abstractNum w:abstractNumId="{abstract[1]}"[^>]*>.*?(<w:lvl w:ilvl="0".*?</w:lvl>)', numbering
    )
    if not level:
        raise TemplateChanged("python-docx's blank template: no first level for the List Number style")
    indent = NUMBER_INDENT // TWIP
    ours = re.sub(r'<w:tab w:val="num" w:pos="\d+"/>', f'<w:tab w:val="num" w:pos="{indent}"/>', level[1])
    ours = re.sub(r'<w:ind w:left="\d+" w:hanging="\d+"/>', f'<w:ind w:left="{indent}" w:hanging="{indent}"/>', ours)
    return numbering[: level.start(1)] + ours + numbering[level.end(1) :]


# The parts in the order python-docx wrote them (numbering.xml last: it loaded it on first use).
PARTS = (
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/stylesWithEffects.xml",
    "word/settings.xml",
    "word/webSettings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
    "customXml/item1.xml",
    "customXml/_rels/item1.xml.rels",
    "customXml/itemProps1.xml",
    "word/numbering.xml",
)


@functools.cache
def template() -> dict[str, bytes]:
    """python-docx's blank document's parts, in its order, with our styles; without its thumbnail
    (a picture of another document) or its properties, which every document writes its own."""
    spec = importlib.util.find_spec("docx")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise TemplateChanged("python-docx is not installed: its blank template is the start of every document")
    path = Path(spec.submodule_search_locations[0]) / "templates" / "default.docx"
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(REWRITTEN):
                text = data.decode("utf-8").split("?>", 1)[1].strip()
                data = (DECLARATION + re.sub(r">\s+<", "><", text)).encode("utf-8")
            parts[name] = data
    styles, numbering = (parts[name].decode("utf-8") for name in ("word/styles.xml", "word/numbering.xml"))
    parts["word/numbering.xml"] = _our_numbering(numbering, styles).encode("utf-8")
    parts["word/styles.xml"] = _our_styles(styles).encode("utf-8")
    relationships = parts["_rels/.rels"].decode("utf-8")
    parts["_rels/.rels"] = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', "", relationships).encode()
    for name in ("docProps/thumbnail.jpeg", "docProps/core.xml", "docProps/app.xml", "[Content_Types].xml"):
        parts.pop(name)
    return parts


def _content_types(names: list[str]) -> bytes:
    """What each part is, as Word looks it up: by extension for the relationships and plain XML,
    by name for the rest."""
    kinds = {
        "/customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "/word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "/word/stylesWithEffects.xml": "application/vnd.ms-word.stylesWithEffects+xml",
        "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        "/word/webSettings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
    }
    overrides = "".join(
        f'<Override PartName="{name}" ContentType="{kinds[name]}"/>'
        for name in sorted(f"/{name}" for name in names)
        if name in kinds
    )
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    ).encode()


# --- what the file says about itself ------------------------------------------------------------------

_CORE_XML = (
    DECLARATION
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>Data Protection and Use Policy (DPUP)</dc:subject>"
    "<dc:creator>DPUP Toolkit</dc:creator><cp:keywords></cp:keywords><dc:description>{comments}</dc:description>"
    "<cp:lastModifiedBy>DPUP Toolkit</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified><cp:category></cp:category>'
    "<cp:version>{version}</cp:version><cp:lastPrinted>{moment}</cp:lastPrinted></cp:coreProperties>"
)

_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>DPUP Toolkit</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
</Properties>"""


def _properties(tool, when: datetime.date, version: str, publisher: str) -> dict[str, bytes]:
    """The document's properties say who made it, from what, and when; nothing else.

    Core properties (docProps/core.xml): title, subject, the toolkit as author, where it came
    from, the content's version and its review date as every date. Extended properties
    (docProps/app.xml): the application, the publisher as the company and nothing it cannot know
    (the template's say "Microsoft Macintosh Word", with page and word counts of an empty
    document). Word's limit for a property is 255 characters."""
    comments = (
        (f"Published by {publisher}. " if publisher else "")
        + f"Made by the DPUP Toolkit from its content version {version}, last reviewed {when.isoformat()}. "
        + EDITORIAL
    )
    core = _CORE_XML.format(
        title=_escape(_x(tool.title)[:255]),
        comments=_escape(comments[:255]),
        version=_escape(version),
        moment=f"{when.isoformat()}T00:00:00Z",
    )
    app = _APP_XML.format(company=publisher[:255].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return {"docProps/core.xml": core.encode("utf-8"), "docProps/app.xml": app.encode("utf-8")}


@functools.cache
def _template_entries() -> dict[str, ziparchive.Entry]:
    """The template's parts as zip entries, deflated once a build (as zipfile deflates by default):
    its styles are most of each document's bytes."""
    return {name: ziparchive.entry(name, data, zlib.Z_DEFAULT_COMPRESSION) for name, data in template().items()}


def _package(body: str, tool, when: datetime.date, version: str, publisher: str) -> bytes:
    """The .docx file: the template's parts with this document's body and properties, in the
    order python-docx wrote them (the bytes zipfile writes), every zip entry dated `when`."""
    start = template()["word/document.xml"].decode("utf-8").split("<w:body>")[0]
    made = {
        "[Content_Types].xml": _content_types(list(PARTS)),
        **_properties(tool, when, version, publisher),
        "word/document.xml": f"{start}<w:body>{body}{SECTION}</w:body></w:document>".encode(),
    }
    entries = [
        ziparchive.entry(name, made[name], zlib.Z_DEFAULT_COMPRESSION) if name in made else _template_entries()[name]
        for name in ("[Content_Types].xml", *PARTS)
    ]
    return ziparchive.zip_bytes(entries, (max(when.year, 1980), when.month, when.day, 0, 0, 0))
