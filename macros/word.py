"""Each tool as an editable Word document (.docx), built from the same YAML as its page.

People fill the official DPUP tools in and attach them to business cases, so each tool is also a
Word file: its summary and how-to, a checklist as a table with a column per answer (Yes / No /
Not applicable) and one for notes, a template as its headings and prompts with a box to write in,
questions and steps as numbered lists with room for notes. `word_docx.py` writes them (from
python-docx's blank template, without python-docx's code); no MkDocs.

Builds compare byte for byte: the document's dates are the content's review date, and every zip
entry gets that date too. A document is made only when something it is made from changed: the
build's cache (macros/cache.py) keeps it by its sources, the toolkit's code and python-docx's version (its template).
"""

from __future__ import annotations

import datetime
import functools
import json

from .cache import Cache

FOLDER = "downloads"


def document_path(tool) -> str:
    """Where a tool's Word document is published, relative to the site root."""
    return f"{FOLDER}/{tool.id}.docx"


def publisher_name(config) -> str:
    """Who publishes this copy, as every footer names it: `extra.publisher.name`, else the site's name."""
    return str((config.extra.get("publisher") or {}).get("name") or config.site_name or "")


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


def _build(site, tool, when: datetime.date, publisher: str) -> bytes:
    from .word_docx import build_tool  # only when a document must be made

    return build_tool(site, tool, when, publisher)


def documents(site, publisher: str = "", cache: Cache | None = None) -> dict[str, bytes]:
    """Every tool's Word document, by its path in the site (the build context keeps them).
    `publisher` is who publishes this copy (`publisher_name`), named in each one's properties."""
    when = site.release.reviewed
    store = (cache or Cache.off()).store("word")
    made = {}
    for tool in site.items("tool"):
        inputs = _source_key(site, tool, when, publisher).encode("utf-8")
        made[document_path(tool)] = store.get(inputs, functools.partial(_build, site, tool, when, publisher))
    return made
