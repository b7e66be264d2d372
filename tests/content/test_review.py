"""Issue 35: a date on every statement of law or policy, `dpup-toolkit review` (run here with a fixed
clock), the date readers see, and the What changed page.

A statement is any content field typed `list[Source]` in the models, found by walking the loaded
models (macros/review.py), plus the word-for-word extracts release.yml names.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build
from editorial_html import flatten, page_html, squash

from macros import models as m
from macros import pages, review
from macros.loader import load_site

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def run_review(content: Path | None, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if content is not None:
        env["DPUP_CONTENT_DIR"] = str(content)
        if (content.parent / "quiz").is_dir():
            env["DPUP_QUIZ_DIR"] = str(content.parent / "quiz")
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "review", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def sources_in_yaml(data) -> int:
    """Source entries counted in the raw YAML, independently of the models: a mapping with a title
    and an address (the law-facts table's `source` is a plain address, not a Source)."""
    if isinstance(data, dict):
        here = 1 if {"title", "url"} <= set(data) else 0
        return here + sum(sources_in_yaml(value) for value in data.values())
    if isinstance(data, list):
        return sum(sources_in_yaml(value) for value in data)
    return 0


def content_with_every_source_checked(tmp_path: Path, month: str) -> Path:
    """A copy of the shipped content (and quiz) in which every source says it was read in `month`."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "quiz", tmp_path / "quiz")
    for path in [*content.rglob("*.yml"), *(tmp_path / "quiz").rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        # A date may carry a comment (docs/authoring.md writes one; the review writes "read as stored at").
        text = re.sub(r"^(\s*)checked: \d{4}-\d{2}([ \t]+#.*)?\n", "", text, flags=re.M)
        text = re.sub(
            r"^(\s*)(- )?url: (.*)$",
            lambda mt: f"{mt.group(0)}\n{mt.group(1)}{'  ' if mt.group(2) else ''}checked: {month}",
            text,
            flags=re.M,
        )
        path.write_text(text, encoding="utf-8")
    return content


# --- What a statement is --------------------------------------------------------------------------


def test_every_source_in_the_content_is_found_through_the_models(site):
    files = [*(ROOT / "content").rglob("*.yml"), *(ROOT / "quiz").rglob("*.yml")]
    in_yaml = sum(
        sources_in_yaml(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in files
        if path.name != "law-facts.yml"
    )
    rows = review.review(site, TODAY, 12, ["govt.nz", "privacy.org.nz"])
    assert len(rows) == in_yaml and in_yaml > 140
    kinds = {row.statement.where.split(":")[0] for row in rows}
    # Roles, tools, principles, guidelines, glossary terms, quiz options, sections, the scale, the
    # About page, element 5's note and the word-for-word extracts all carry statements.
    for expected in ("role-frontline", "tool-funding-contracting-checklist", "principle-he-tangata", "term-swa"):
        assert expected in kinds
    assert any(row.statement.where.startswith("quiz-intro.05: options[key=B]") for row in rows)
    assert any(row.statement.where == "element-treaty-partner: notes[0].sources" for row in rows)
    assert any(row.statement.where == "element-treaty-partner: guidance (word for word)" for row in rows)
    assert any(row.statement.where == "about: standing_sources" for row in rows)


def test_the_walk_finds_a_sources_field_by_its_type_not_its_name():
    class Note(m.Model):
        words: str
        based_on: list[m.Source] = m.Field(default_factory=list)

    class Holder(m.Model):
        notes: list[Note]

    source = m.Source(title="A page", url="https://www.digital.govt.nz/x", checked="2026-01")
    found = list(review.fields_with_sources(Holder(notes=[Note(words="a"), Note(words="b", based_on=[source])])))
    assert found == [("notes[1].based_on", (source,))]


def test_each_word_for_word_extract_names_a_field_its_item_has(site):
    assert site.release.verbatim
    for extract in site.release.verbatim:
        assert getattr(site.get(extract.item), extract.field), (extract.item, extract.field)


# --- The check date ---------------------------------------------------------------------------------


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "26-01", "2026-1", "December 2026", "2026-12-01"])
def test_a_check_date_is_a_month_written_yyyy_mm(month):
    with pytest.raises(ValueError):
        m.Source(title="A page", url="https://www.digital.govt.nz/", checked=month)


def test_a_source_has_no_check_date_until_someone_writes_one():
    assert m.Source(title="A page", url="https://www.digital.govt.nz/").checked is None
    assert m.Source.model_fields["checked"].default is None


def test_reviewing_and_building_never_write_a_date_into_the_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    run_review(content, "--today", "2030-01-01")
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before


# --- The review, with a fixed clock --------------------------------------------------------------------


def test_the_review_lists_oldest_first_and_exits_non_zero_when_a_source_is_overdue(tmp_path):
    content = content_with_every_source_checked(tmp_path, "2026-01")
    path = content / "roles" / "role-frontline.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("checked: 2026-01", "checked: 2025-06", 1), encoding="utf-8"
    )

    in_time = run_review(content, "--today", "2026-12-06")
    assert in_time.returncode == 1, in_time.stdout + in_time.stderr  # 2025-06 is 18 months old
    lines = [line for line in in_time.stdout.splitlines() if re.match(r"^(\d{4}-\d{2}|never)\s", line)]
    assert lines[0].startswith("2025-06") and "role-frontline.yml" in lines[0] and "OVERDUE (18 months)" in lines[0]
    assert all(line.startswith("2026-01") for line in lines[1:])
    assert "1 overdue (0 never checked)" in in_time.stdout

    path.write_text(path.read_text(encoding="utf-8").replace("checked: 2025-06", "checked: 2026-01"), encoding="utf-8")
    current = run_review(content, "--today", "2026-12-06")
    assert current.returncode == 0, current.stdout
    assert "0 overdue" in current.stdout
    # Twelve months is the default period: the same dates are overdue a year and a month later.
    later = run_review(content, "--today", "2027-02-01")
    assert later.returncode == 1 and "OVERDUE (13 months)" in later.stdout
    # The period is a setting (and the command line can shorten it).
    shorter = run_review(content, "--today", "2026-12-06", "--months", "6")
    assert shorter.returncode == 1 and "review period 6 months" in shorter.stdout


def test_the_shipped_content_lists_never_checked_sources_and_says_so(tmp_path):
    result = run_review(None, "--today", "2026-12-06")
    assert result.returncode == 1  # most sources have no recorded check yet: the review says which
    assert "NEVER CHECKED" in result.stdout
    assert re.search(r"^2026-12\s+content/roles/role-frontline\.yml: role-frontline: sources", result.stdout, re.M)
    herald = next(line for line in result.stdout.splitlines() if "element-treaty-partner: notes[0].sources" in line)
    assert "NOT AN OFFICIAL DOMAIN" in herald
    unread = next(line for line in result.stdout.splitlines() if "NO OFFICIAL COPY" in line)
    assert "no copy" in unread or "could be read" in unread


def test_the_strict_build_ignores_the_review_period(tmp_path):
    """A published site never fails because time passed: every source decades overdue, still built.
    The principles' sources are left undated, so their pages show that instead of a date."""
    content = content_with_every_source_checked(tmp_path, "2000-01")
    principles = content / "principles.yml"
    principles.write_text(
        re.sub(r"^\s*checked: 2000-01\n", "", principles.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    assert run_review(content, "--today", "2026-12-06").returncode == 1
    result = run_build(
        ROOT, tmp_path / "site", {"DPUP_CONTENT_DIR": str(content), "DPUP_QUIZ_DIR": str(tmp_path / "quiz")}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = flatten((tmp_path / "site" / "roles" / "frontline" / "index.html").read_text(encoding="utf-8")).text
    assert "Checked against the law as at January 2000." in text
    undated = flatten((tmp_path / "site" / "principles" / "kaitiakitanga" / "index.html").read_text(encoding="utf-8"))
    assert "The sources on this page have no recorded check against the law yet." in squash(undated.text)
    assert "Checked against the law as at" not in undated.text


@pytest.mark.parametrize(
    "url, official",
    [
        ("https://www.privacy.org.nz/privacy-principles/3a/", True),
        ("https://www.legislation.govt.nz/act/public/2020/0031/latest/LMS23342.html", True),
        ("https://govt.nz/", True),
        ("https://nzherald.co.nz/kahu/x", False),
        ("https://evilgovt.nz/", False),
        ("https://www.govt.nz.example.com/", False),
        ("https://privacy.org.nz@example.com/", False),
    ],
)
def test_official_domains_are_matched_by_host_not_by_text(url, official):
    assert review.is_official(url, ["govt.nz", "privacy.org.nz"]) is official


def test_the_review_period_setting_is_checked():
    assert m.Settings().review_months == 12
    for bad in (0, -1, 121):
        with pytest.raises(ValueError):
            m.Settings(review_months=bad)
    with pytest.raises(ValueError):
        m.Settings(official_domains=["not a domain"])


# --- What readers see -----------------------------------------------------------------------------------


def test_a_page_that_states_law_shows_when_it_was_checked(built_site, site):
    def shown(item_id):
        return squash(flatten(page_html(built_site, pages.page_src(site, item_id))).text)

    assert "Checked against the law as at December 2026." in shown("element-treaty-partner")
    funding = shown("role-funding-contracting-partnering")
    # The sentence follows the content (sources get dated as they are read): the page shows the
    # oldest date among its sources and counts those not yet checked.
    sentence = review.page_check(site.get("role-funding-contracting-partnering")).sentence
    assert re.fullmatch(r"Checked against the law as at December 2026(, except for \d+ sources? .*)?\.", sentence)
    assert sentence in funding
    assert "How this toolkit is kept current" in funding
    # A page whose sources are all undated says so, rather than showing a date: see the strict build test,
    # which builds a copy of the content with the principles' dates taken out.
    # A page that carries no sources states no law, and shows nothing.
    assert "Checked against the law" not in shown("element-culture")
    assert "no recorded check" not in shown("element-culture")


def test_the_date_shown_is_the_oldest_on_the_page():
    old = m.Source(title="a", url="https://x.govt.nz/a", checked="2025-03")
    new = m.Source(title="b", url="https://x.govt.nz/b", checked="2026-11")
    undated = m.Source(title="c", url="https://x.govt.nz/c")
    note = m.EditorialNote(text="x", sources=[new, old])
    assert review.page_check(note).sentence == "Checked against the law as at March 2025."
    both = review.page_check(m.EditorialNote(text="x", sources=[new, undated]))
    assert (
        both.sentence == "Checked against the law as at November 2026, except for 1 source with no recorded check yet."
    )
    assert review.page_check(None, []) is None


def test_the_about_page_says_how_the_toolkit_is_kept_current(built_site):
    flat = flatten(page_html(built_site, "about.md"))
    text = squash(flat.text + " " + " ".join(marker.text for marker in flat.markers))
    assert "How this toolkit is kept current" in text
    assert "records the month someone last read that page" in text and "every month" in text
    assert 'id="how-this-toolkit-is-kept-current"' in page_html(built_site, "about.md")


def test_the_what_changed_page_lists_each_release_from_release_yml(built_site, site):
    html = page_html(built_site, "changes.md")
    text = squash(flatten(html).text)
    first = site.release.history[0]
    assert first.version == site.release.version == "1.1"
    assert f"Version 1.1: {first.title}" in text and "Published 6 December 2026" in text
    assert "IPP 3A" in text and "Education and Training Act 2020" in text
    # Its links go to the pages that changed.
    assert 'href="../roles/funding-contracting-partnering/"' in html
    assert "\n  - What changed: changes.md\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_scheduled_review_is_its_own_workflow_pinned_to_commits():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "review.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["1", "*", "*"]  # monthly
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["review"]["steps"]
    assert any("./dev review" in step.get("run", "") for step in steps)
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    text = (ROOT / ".github" / "workflows" / "review.yml").read_text(encoding="utf-8")
    assert "deploy" not in text.split("\njobs:", 1)[1] and "pages: write" not in text
