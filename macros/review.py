"""The toolkit's review of its own statements of law and policy (issue 35).

A *statement* is every content field that carries sources: any field of the models typed
`list[Source]` (`sources`, `meaning_sources`, `standing_sources`, a role's sharing summary...), found
by walking the loaded models, plus the word-for-word extracts that `release.yml` names under
`verbatim`. Each source carries the month a person last read it against the text (`checked`); the
review lists every statement's sources oldest first, and marks those checked longer ago than the
review period, never checked, not read in an official copy, or not on an official domain.

The date belongs to the source, not to the item: it records that someone read *that page* against
*that text*. An item's (or page's) date is derived: the oldest of its sources' dates, so a page is
never shown as more current than its stalest statement.

Core code: no engine, no clock. The caller passes `today`, so tests run with a fixed date and the
build (which never calls this) cannot fail because time passed.
"""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from . import models as m
from .loader import Site

MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class Statement:
    """A field that carries sources: where it is (file, item id and field path) and its sources."""

    file: str
    where: str
    sources: tuple[m.Source, ...]


@dataclass(frozen=True)
class Row:
    """One source of one statement, as the review reports it."""

    statement: Statement
    source: m.Source
    age_months: int | None  # None: never checked
    overdue: bool
    official: bool

    @property
    def marks(self) -> list[str]:
        marks = []
        if self.source.checked is None:
            marks.append("NEVER CHECKED")
        elif self.overdue:
            marks.append(f"OVERDUE ({self.age_months} months)")
        if self.source.no_official_copy:
            marks.append(f"NO OFFICIAL COPY ({self.source.no_official_copy})")
        if not self.official:
            marks.append("NOT AN OFFICIAL DOMAIN")
        return marks


def _is_sources(field) -> bool:
    return field.annotation == list[m.Source]


def _label(entry: BaseModel, index: int) -> str:
    for key in ("id", "principle", "key", "title"):
        value = getattr(entry, key, None)
        if isinstance(value, str):
            return f"{key}={value}"
    return str(index)


def fields_with_sources(model: BaseModel, path: str = "") -> Iterator[tuple[str, tuple[m.Source, ...]]]:
    """(field path, sources) for every `list[Source]` field in `model` that has sources, walking into
    nested models but not into child items (each is reported as its own item)."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if _is_sources(field):
            if value:
                yield here, tuple(value)
        elif isinstance(value, m.Item):
            continue
        elif isinstance(value, BaseModel):
            yield from fields_with_sources(value, here)
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, BaseModel) and not isinstance(entry, m.Item):
                    yield from fields_with_sources(entry, f"{here}[{_label(entry, index)}]")


def statements(site: Site) -> list[Statement]:
    """Every sourced statement in the site: each item's fields with sources, each site-wide file's,
    and the word-for-word extracts named in release.yml."""
    found = []
    for item_id, entry in site.index.items():
        for path, sources in fields_with_sources(entry.item):
            found.append(Statement(entry.path, f"{item_id}: {path}", sources))
    files = {data.attribute: f"{site.content_dir.name}/{data.pattern}" for data in site.registry.data_files}
    files |= {
        kind.whole_file_as: f"{site.content_dir.name}/{kind.file}" for kind in site.registry if kind.whole_file_as
    }
    for name, model in sorted(site.site_data.items()):
        if isinstance(model, BaseModel) and not isinstance(model, (m.Release, m.LawFacts)):
            for path, sources in fields_with_sources(model):
                found.append(Statement(files.get(name, name), f"{name}: {path}", sources))
    release = site.release
    for extract in release.verbatim if release else []:
        found.append(Statement(files["release"], f"{extract.item}: {extract.field} (word for word)", (extract.source,)))
    return found


def months_between(checked: str, today: datetime.date) -> int:
    year, month = (int(part) for part in checked.split("-"))
    return (today.year - year) * 12 + today.month - month


def is_official(url: str, domains: list[str]) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def review(site: Site, today: datetime.date, period_months: int, official_domains: list[str]) -> list[Row]:
    """Every statement's sources, oldest check first (never checked before all), then by place."""
    rows = []
    for statement in statements(site):
        for source in statement.sources:
            age = None if source.checked is None else months_between(source.checked, today)
            overdue = age is None or age > period_months
            rows.append(Row(statement, source, age, overdue, is_official(source.url, official_domains)))
    return sorted(rows, key=lambda row: (row.source.checked or "", row.statement.file, row.statement.where))


def month_year(checked: str) -> str:
    year, month = checked.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def report(rows: list[Row], today: datetime.date, period_months: int) -> str:
    """The review as plain text, one line per source: date, marks, where, and the page."""
    lines = [
        f"Statements of law and policy, oldest check first (as at {today:%-d %B %Y}; "
        f"review period {period_months} months)",
        "",
    ]
    for row in rows:
        when = row.source.checked or "never"
        marks = "  ".join(row.marks)
        lines.append(f"{when:7}  {row.statement.file}: {row.statement.where}{'  ' + marks if marks else ''}")
        lines.append(f"         {row.source.title} <{row.source.url}>")
    overdue = sum(row.overdue for row in rows)
    never = sum(row.source.checked is None for row in rows)
    unofficial = sum(not row.official for row in rows)
    no_copy = sum(bool(row.source.no_official_copy) for row in rows)
    statements_count = len({(row.statement.file, row.statement.where) for row in rows})
    lines += [
        "",
        f"{statements_count} statements, {len(rows)} sources: {overdue} overdue ({never} never checked), "
        f"{no_copy} without an official copy, {unofficial} not on an official domain.",
    ]
    if overdue:
        lines.append(
            "Read each overdue source against the text it supports, correct the text if the law or policy "
            "has moved, then write the month you read it in its `checked` (see docs/authoring.md)."
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class PageCheck:
    """What a page says about how current its statements of law are (issue 35)."""

    oldest: str | None  # the oldest `checked` among its sources
    undated: int  # sources with no check date

    @property
    def sentence(self) -> str:
        if self.oldest and not self.undated:
            return f"Checked against the law as at {month_year(self.oldest)}."
        if self.oldest:
            sources = "source" if self.undated == 1 else "sources"
            return (
                f"Checked against the law as at {month_year(self.oldest)}, except for {self.undated} {sources} "
                "with no recorded check yet."
            )
        return "The sources on this page have no recorded check against the law yet."


def page_check(*models: BaseModel | list | None) -> PageCheck | None:
    """The check date a page shows, from every source in the models it displays (child items
    included; a list of models counts as its entries); None when they carry no sources (the page
    states no law)."""
    sources: list[m.Source] = []

    def gather(model: BaseModel) -> None:
        for name, field in type(model).model_fields.items():
            value = getattr(model, name)
            if _is_sources(field):
                sources.extend(value)
            elif isinstance(value, BaseModel):
                gather(value)
            elif isinstance(value, list):
                for entry in value:
                    if isinstance(entry, BaseModel):
                        gather(entry)

    for model in models:
        for each in model if isinstance(model, list) else [model]:
            if isinstance(each, BaseModel):
                gather(each)
    if not sources:
        return None
    dated = [source.checked for source in sources if source.checked]
    return PageCheck(min(dated) if dated else None, len(sources) - len(dated))
