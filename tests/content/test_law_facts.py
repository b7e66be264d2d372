"""Issue 29: every corrected statement of law in `content/law-facts.yml` is still in the content, word
for word, in the field the table names, and the official page it rests on is still cited beside it.

The table is loaded through the content model (the loader validates it like any content file). Each
entry's `field` is found by walking the file's data, not by searching the file's text, so a claim that
moves to another field, loses its source, or is reworded fails here and names the entry.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from editorial_html import flatten

from macros import models as m
from macros.loader import load_site

SEGMENT = re.compile(r"^([a-z_]+)(?:\[(?:(\d+)|([a-z_]+)=([^\]]+))\])?$")


def segments(path: str) -> list[str]:
    """`a[k=x.y].b` -> ["a[k=x.y]", "b"]: dots inside brackets belong to the selector."""
    parts, current, depth = [], "", 0
    for char in path:
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        current += char
    return [*parts, current]


def resolve(data, path: str):
    """The value at `path` (the table's path form) in a file's parsed data; LookupError names the step."""
    for segment in segments(path):
        match = SEGMENT.match(segment)
        if not match:
            raise LookupError(f"'{segment}' is not a path step")
        name, index, key, value = match.groups()
        if not isinstance(data, dict) or name not in data:
            raise LookupError(f"no '{name}' at '{segment}'")
        data = data[name]
        if index is not None:
            if not isinstance(data, list) or int(index) >= len(data):
                raise LookupError(f"no entry {index} in '{name}'")
            data = data[int(index)]
        elif key is not None:
            found = [entry for entry in data if isinstance(entry, dict) and str(entry.get(key)) == value]
            if len(found) != 1:
                raise LookupError(f"{len(found)} entries of '{name}' have {key} = {value!r}, not one")
            data = found[0]
    return data


def text_of(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(text_of(entry) for entry in value)
    if isinstance(value, dict):
        return "\n".join(text_of(entry) for entry in value.values())
    return ""


def squash(text: str) -> str:
    return " ".join(text.split())


def problems_with(fact: m.LawFact, root: Path) -> list[str]:
    """Why `fact` no longer holds in the content under `root` (empty when it does)."""
    data = yaml.safe_load((root / fact.file).read_text(encoding="utf-8"))
    found = []
    try:
        field = resolve(data, fact.field)
    except LookupError as error:
        return [f"{fact.id}: {fact.file}: {fact.field}: {error}"]
    if squash(fact.claim) not in squash(text_of(field)):
        found.append(f"{fact.id}: {fact.file}: {fact.field} no longer says {fact.claim!r}")
    try:
        sources = resolve(data, fact.cited_in)
    except LookupError as error:
        return [*found, f"{fact.id}: {fact.file}: {fact.cited_in}: {error}"]
    urls = [source.get("url") for source in sources or [] if isinstance(source, dict)]
    if fact.source not in urls:
        found.append(f"{fact.id}: {fact.file}: {fact.cited_in} no longer cites {fact.source}")
    return found


@cache
def facts() -> tuple[m.LawFact, ...]:
    table = load_site(ROOT / "content", ROOT / "quiz").law_facts
    assert table is not None, "content/law-facts.yml is missing"
    return tuple(table.facts)


def test_the_table_is_loaded_and_validated_with_the_content():
    ids = [fact.id for fact in facts()]
    assert len(ids) == len(set(ids)), "fact ids must be unique"
    assert len(ids) >= 30
    # Every correction issue 29 asks for is in the table, by the file it sits in.
    files = {fact.file for fact in facts()}
    for file in (
        "content/roles/role-funding-contracting-partnering.yml",
        "content/tools/tool-funding-contracting-checklist.yml",
        "content/tools/tool-transparency-choice-checklist.yml",
        "content/roles/role-analysis-research-evaluation.yml",
        "content/roles/role-frontline.yml",
        "content/roles/role-frontline-leaders.yml",
        "content/glossary.yml",
        "content/about.yml",
        "content/maturity/elements/element-treaty-partner.yml",
        "content/maturity/sections.yml",
    ):
        assert file in files, file


@pytest.mark.parametrize("fact", facts(), ids=lambda fact: fact.id)
def test_each_fact_is_still_in_its_field_and_cited_beside_it(fact):
    assert problems_with(fact, ROOT) == []


@pytest.mark.parametrize("fact", facts(), ids=lambda fact: fact.id)
def test_each_fact_names_the_copy_read_or_says_why_there_is_none(fact):
    if fact.copy_read is None:
        assert fact.note, f"{fact.id}: no copy was read, so the note must say what could not be settled"


def test_the_check_fails_when_a_fact_drifts_from_its_source(tmp_path):
    """The check is real: rewording a claim, or dropping its source, is caught and named."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    fact = next(fact for fact in facts() if fact.id == "frontline-ot-s66")
    path = tmp_path / fact.file
    text = path.read_text(encoding="utf-8")
    assert problems_with(fact, tmp_path) == []
    path.write_text(text.replace("you are required to share", "you may choose to share", 1), encoding="utf-8")
    assert problems_with(fact, tmp_path) == [f"{fact.id}: {fact.file}: summary no longer says {fact.claim!r}"]
    # The source dropped from the role's own list (it stays cited elsewhere in the file: not enough).
    data = yaml.safe_load(text)
    data["sources"] = [source for source in data["sources"] if source["url"] != fact.source]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert fact.source in path.read_text(encoding="utf-8")
    assert problems_with(fact, tmp_path) == [f"{fact.id}: {fact.file}: sources no longer cites {fact.source}"]
    # A field that has gone is named, not a traceback.
    missing = fact.model_copy(update={"field": "principles_in_action[principle=principle-nobody].upheld_when"})
    assert "0 entries of 'principles_in_action'" in problems_with(missing, tmp_path)[0]


def test_the_path_form_picks_one_entry_by_key_or_position():
    data = {"a": [{"id": "x.01", "t": "one"}, {"id": "x.02", "t": "two"}], "n": [{"t": "first"}]}
    assert resolve(data, "a[id=x.02].t") == "two"
    assert resolve(data, "n[0].t") == "first"
    with pytest.raises(LookupError):
        resolve(data, "a[id=x.03].t")
    with pytest.raises(LookupError):
        resolve(data, "n[1].t")


def test_every_claim_about_a_page_is_what_the_reader_sees(built_site):
    """The claim reaches the built site: word for word in some page's visible text (an editorial note
    beside verbatim text is itself the label, so the labels' words are read too)."""
    pages = []
    for path in built_site.rglob("*.html"):
        flat = flatten(path.read_text(encoding="utf-8"))
        pages += [squash(flat.text), *(squash(marker.text) for marker in flat.markers)]
    shown = "\n".join(pages)
    missing = [fact.id for fact in facts() if not fact.field.endswith("sources") and squash(fact.claim) not in shown]
    assert missing == []
