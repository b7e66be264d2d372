"""Each tool as an editable Word document (.docx), built from the same YAML as its page.

People fill the official DPUP tools in and attach them to business cases, so each tool is also a
Word file: its summary and how-to, a checklist as a table with a column per answer (Yes / No /
Not applicable) and one for notes, a template as its headings and prompts with a box to write in,
questions and steps as numbered lists with room for notes. `word_docx.py` builds them with
python-docx; no MkDocs.

Builds compare byte for byte: the document's dates are the content's review date, and every zip
entry gets that date too. A document is made only when something it is made from changed: it is
kept in memory for `mkdocs serve` and on disk (the system's temporary folder, like Jinja2's
compiled templates) between builds, by a hash of its sources, this code and python-docx's version.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from importlib import metadata
from pathlib import Path

from . import diskcache

FOLDER = "downloads"
_CODE = Path(__file__).with_name("word_docx.py")


def document_path(tool) -> str:
    """Where a tool's Word document is published, relative to the site root."""
    return f"{FOLDER}/{tool.id}.docx"


def publisher_name(config) -> str:
    """Who publishes this copy, as every footer names it: `extra.publisher.name`, else the site's name."""
    return str((config.extra.get("publisher") or {}).get("name") or config.site_name or "")


# A document, by everything it is made from: `mkdocs serve` rebuilds (a new site per save)
# rebuild only the tools whose words changed.
_by_source: dict[str, bytes] = {}


def _source_key(site, tool, when: datetime.date, publisher: str) -> str:
    names = [site.name_of(site.get(ref)) for s in tool.sections for ref in (s.principle, s.guideline) if ref]
    answers = [
        [option.label for option in site.get(entry.answers).options]
        for section in tool.sections
        for entry in section.items
        if entry.answers
    ]
    # repr: every field, nested models too, without building the model's serializer.
    return json.dumps([repr(tool), when.isoformat(), site.release.version, publisher, names, answers])


def _maker() -> str:
    """What makes the documents besides their sources: the builder's code and python-docx's version."""
    return _CODE.read_text(encoding="utf-8") + "\0" + metadata.version("python-docx")


def _made(site, tool, key: str, when: datetime.date, publisher: str, cache: Path | None, maker: str) -> bytes:
    if key in _by_source:
        return _by_source[key]
    path = cache / (hashlib.sha256(f"{key}\0{maker}".encode()).hexdigest() + ".docx") if cache else None
    kept = diskcache.read(path)
    if kept is not None:
        return kept
    from .word_docx import build_tool  # python-docx and lxml, only when a document must be made

    data = build_tool(site, tool, when, publisher)
    diskcache.write(path, data)
    return data


def documents(site, publisher: str = "") -> dict[str, bytes]:
    """Every tool's Word document, by its path in the site (the build context keeps them).
    `publisher` is who publishes this copy (`publisher_name`), named in each one's properties."""
    when = site.release.reviewed
    cache = diskcache.folder("word-cache")
    maker = _maker() if cache else ""  # read once a build, not once a tool
    made, kept = {}, {}
    for tool in site.items("tool"):
        key = _source_key(site, tool, when, publisher)
        kept[key] = _made(site, tool, key, when, publisher, cache, maker)
        made[document_path(tool)] = kept[key]
    _by_source.clear()
    _by_source.update(kept)
    return made
