"""One site, several engines: `dpup-toolkit build --engine ...` (./dev build --engine ...).

ProperDocs, the maintained fork of MkDocs 1.x, must build the same site as MkDocs: the same files,
byte for byte apart from the generator tag (the offline zip compared entry by entry, the sitemap
unpacked). Two MkDocs builds of the same content give the same zip, byte for byte.

Zensical runs no plugin: the toolkit's steps run around it (macros/stage.py before, macros/finish.py
after). Its site has the same pages with the same words, every link resolves, and the finishing
touches are there. The widgets are driven in Chromium by tests/browser/test_engines_in_browser.py."""

import gzip
import html
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from macros import stage
from macros.finish import ZIP_PATH

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def dpup_build(engine: str, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", engine, "-d", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def comparable(name: str, data: bytes):
    if name.endswith(".html"):
        return GENERATOR.sub(b"", data)
    if name.endswith(".gz"):
        return gzip.decompress(data)  # the gzip header holds the time it was written
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {entry: comparable(entry, archive.read(entry)) for entry in archive.namelist()}
    return data


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = dpup_build("properdocs", site)
    assert result.returncode == 0, result.stderr
    return site


def test_properdocs_builds_the_same_site_apart_from_the_generator_tag(mkdocs_site, properdocs_site):
    ours, theirs = files(mkdocs_site), files(properdocs_site)
    assert sorted(theirs) == sorted(ours)
    assert len([name for name in ours if name.endswith(".html")]) >= 47
    different = [
        name
        for name in ours
        if comparable(name, ours[name].read_bytes()) != comparable(name, theirs[name].read_bytes())
    ]
    assert different == []
    assert b"ProperDocs 1.6.7" in (properdocs_site / "index.html").read_bytes()


def test_two_builds_make_the_same_offline_zip_byte_for_byte(mkdocs_site, properdocs_site, tmp_path):
    again = tmp_path / "again"
    result = dpup_build("mkdocs", again)
    assert result.returncode == 0, result.stderr
    assert (again / ZIP_PATH).read_bytes() == (mkdocs_site / ZIP_PATH).read_bytes()


def test_an_unknown_engine_is_refused_with_a_message(tmp_path):
    result = dpup_build("hugo", tmp_path / "hugo")
    assert result.returncode == 1 and "unknown engine 'hugo'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "hugo").exists()


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def words(page: Path) -> str:
    """A page's own content as a reader gets it: text only, entities read, spaces ignored (the
    engines highlight code blocks with different markup)."""
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))) if found else ""


def test_zensical_builds_the_same_pages_with_the_same_words(mkdocs_site, zensical_site):
    ours = sorted(path.relative_to(mkdocs_site).as_posix() for path in mkdocs_site.rglob("*.html"))
    theirs = sorted(path.relative_to(zensical_site).as_posix() for path in zensical_site.rglob("*.html"))
    assert theirs == ours and len(ours) >= 47
    different = [name for name in ours if words(mkdocs_site / name) != words(zensical_site / name)]
    assert different == []


def test_every_link_on_the_zensical_site_resolves(zensical_site):
    from test_site_build import test_every_internal_link_anchor_script_and_stylesheet_resolves as check_links

    check_links(zensical_site)


def test_zensical_pages_get_the_finishing_touches(mkdocs_site, zensical_site):
    for name in ("index.html", "principles/kaitiakitanga/index.html", "quiz/intro/index.html", "glossary/index.html"):
        ours, theirs = (
            (mkdocs_site / name).read_text(encoding="utf-8"),
            (zensical_site / name).read_text(encoding="utf-8"),
        )
        assert theirs.count('<html lang="en-NZ"') == 1
        # Te reo Māori marked and glossary tooltips, as many as on the MkDocs site.
        assert theirs.count('lang="mi"') == ours.count('lang="mi"') > 0, name
        assert theirs.count("<abbr title=") == ours.count("<abbr title="), name
        assert "<!--dpup-" not in theirs
        # The same navigation, once (Zensical's INHERIT appends lists: the nav came twice). The
        # home page also has a table of contents, which Zensical draws once and MkDocs twice.
        if name != "index.html":
            assert theirs.count('class="md-nav__link') == ours.count('class="md-nav__link'), name
        assert theirs.count("widgets.css") == ours.count("widgets.css"), name
        # The footer's links and lines, which MkDocs hands the theme and Zensical cannot.
        assert 'aria-label="About this site"' in theirs and "Published by the DPUP Toolkit project." in theirs
        # One search dialog: Zensical's own, drawn by its script; the header's box around its
        # Search button is a plain box (Zensical marks it a dialog named "Search"). MkDocs' page
        # keeps Material's box, which is its search dialog.
        assert theirs.count('<div class="md-search" data-md-component="search">') == 1, name
        assert 'role="dialog"' not in theirs, name
        assert ours.count('<div class="md-search" data-md-component="search" role="dialog">') == 1, name
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/dpup-toolkit-offline.zip"' in home and (zensical_site / ZIP_PATH).is_file()


def test_the_workshop_pack_is_the_same_self_contained_file_on_every_engine(mkdocs_site, zensical_site):
    """The pack is finished when it is made (styles and scripts inlined): the finishing pass on
    Zensical leaves it alone (it linked two stylesheets there, so it was not self-contained)."""
    from macros.build import create_context
    from macros.pages import pack_files
    from macros.siteconfig import SiteConfig, read_config

    context = create_context(SiteConfig.of(read_config(ROOT / "mkdocs.yml"), ROOT / "mkdocs.yml"))
    packs = [path for path, _ in pack_files(context.site)]
    assert packs
    for path in packs:
        ours, theirs = (mkdocs_site / path).read_bytes(), (zensical_site / path).read_bytes()
        assert theirs == ours
        assert not re.search(rb"<link\b|<script\b[^>]*\bsrc=", theirs), path


ACTIVE_LINK = re.compile(
    r'<a href="([^"]*)" class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<'
)


def test_the_zensical_sidebar_marks_the_current_page_as_mkdocs_does(mkdocs_site, zensical_site):
    """The nav partial finds the current page by `active`, which both engines set (`nav_item ==
    page` never matched under Zensical's templates: no link was marked, and it read "././"; the
    home page's links home read "", an anchor with no name to HTML_CodeSniffer)."""
    for name in (
        "index.html",
        "about/index.html",
        "tools/index.html",
        "tools/purpose-statement/index.html",
        "glossary/index.html",
    ):
        ours = (mkdocs_site / name).read_text(encoding="utf-8")
        theirs = (zensical_site / name).read_text(encoding="utf-8")
        assert ACTIVE_LINK.findall(theirs) == ACTIVE_LINK.findall(ours) != [], name
        assert 'href="././"' not in theirs and 'href=""' not in theirs


def test_the_zensical_offline_copy_links_files_that_exist(zensical_site, tmp_path):
    with zipfile.ZipFile(zensical_site / ZIP_PATH) as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / "dpup-toolkit"
    broken = []
    for page in copy.rglob("*.html"):
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            if not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(copy)}: {href}")
    assert len(list(copy.rglob("*.html"))) >= 46 and broken == []


def test_a_broken_link_fails_the_zensical_build_naming_the_file_line_and_target(tmp_path):
    """Zensical builds with --strict: a link to a part of a page that does not exist stops it,
    with one plain line per link (no colour codes, no traceback)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    about = tmp_path / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\nSee [Kaitiakitanga](principles/kaitiakitanga.md#no-such-part).\n", encoding="utf-8")
    line = text.count("\n") + 2
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nwatch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        f"extra:\n  dpup:\n    content_dir: {ROOT / 'content'}\n    quiz_dir: {ROOT / 'quiz'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", "zensical", "-f", "mkdocs.yml", "-d", "site"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    assert f"docs/about.md:{line}: anchor does not exist: no-such-part" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b[" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_zensical_warnings_are_read_into_one_plain_line_each(tmp_path):
    from macros.engines import zensical_warnings

    staged, docs = tmp_path / ".dpup" / "docs", tmp_path / "docs"
    for folder in (staged / "tools", docs):
        folder.mkdir(parents=True, exist_ok=True)
    (docs / "about.md").write_text("# About\n\nSee [x](gone.md).\n", encoding="utf-8")
    (staged / "about.md").write_text("# About\n\nSee [x](gone.md).\n", encoding="utf-8")
    (staged / "tools" / "x.md").write_text('<a href="../nowhere.md#part">y</a>\n', encoding="utf-8")
    box = "\x1b[38;5;246m╭─[\x1b[0m {} \x1b[38;5;246m]\x1b[0m"
    output = (
        "Build started\n"
        f"\x1b[33mWarning:\x1b[0m page does not exist\n    {box.format('about.md:3:9')}\n    │ ...\n"
        f"\x1b[33mWarning:\x1b[0m anchor does not exist\n    {box.format('tools/x.md:1:10')}\n"
        "2 issues found\nTraceback (most recent call last):\n  File x\nRuntimeError: Aborted because --strict flag is set\n"
    )
    assert zensical_warnings(output, staged, docs, tmp_path).splitlines() == [
        "docs/about.md:3: page does not exist: gone.md",
        "tools/x.md (generated):1: anchor does not exist: ../nowhere.md#part",
    ]
    # A warning in a form not known here is shown as Zensical wrote it, without the traceback.
    odd = zensical_warnings(
        "Warning: something new\nmore\nTraceback (most recent call last):\n  File x\n", staged, docs, tmp_path
    )
    assert "Warning: something new" in odd and "Traceback" not in odd


# Run first in every Python process of the build (Python imports `sitecustomize` at start-up from
# PYTHONPATH): MkDocs, Material and mkdocs-macros cannot be imported, as in an environment that
# has only Zensical and the toolkit's own dependencies.
WITHOUT_MKDOCS = """\
import importlib.abc
import sys

BLOCKED = {"mkdocs", "material", "mkdocs_macros"}


class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
"""


def test_zensical_builds_without_mkdocs_material_or_mkdocs_macros(tmp_path):
    """`dpup-toolkit build --engine zensical` needs no MkDocs: the config (INHERIT, a
    `!!python/name:` tag) is read by the toolkit, written to the staged config with its tag, and
    resolved by Zensical, whose own macros extension runs the page macros."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(WITHOUT_MKDOCS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker), "DPUP_OFFLINE_ZIP": "1"}
    for package in ("mkdocs", "material", "mkdocs_macros"):
        blocked = subprocess.run([sys.executable, "-c", f"import {package}"], env=env, capture_output=True, text=True)
        assert f"No module named '{package}'" in blocked.stderr
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    about = tmp_path / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nChecked :white_check_mark:\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nwatch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        # A list in the child replaces the parent's whole: the parent's extensions are listed again.
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n  - attr_list\n  - md_in_html\n"
        "  - tables\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:pymdownx.emoji.to_alt\n"
        f"extra:\n  dpup:\n    content_dir: {ROOT / 'content'}\n    quiz_dir: {ROOT / 'quiz'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", "zensical", "-f", "mkdocs.yml", "-d", "site"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    staged = (tmp_path / ".dpup" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "emoji_generator: !!python/name:pymdownx.emoji.to_alt" in staged and "<function" not in staged
    site = tmp_path / "site"
    assert len(list(site.rglob("*.html"))) >= 47
    about_page = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "Checked ✅" in about_page and ":white_check_mark:" not in about_page
    # The page macros ran in Zensical's process: cards on the tools page, no placeholder left.
    tools = (site / "tools" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in tools and 'class="dpup-card' in tools
    assert (site / ZIP_PATH).is_file()
    # `dpup-toolkit check` reads the same config without MkDocs too.
    checked = subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0 and checked.stdout.startswith("Content OK"), checked.stderr


@pytest.mark.parametrize(
    "plugins, expected",
    [
        (["search", "dpup"], ["search", "dpup", stage.PAGE_MACROS_PLUGIN]),
        (None, [stage.PAGE_MACROS_PLUGIN]),
        (
            ["search", {"macros": {"modules": ["macros"]}}, "dpup"],
            ["search", {"macros": {"modules": ["macros"]}}, "dpup"],
        ),
        ({"search": {}, "dpup": {}}, {"search": {}, "dpup": {}, **stage.PAGE_MACROS_PLUGIN}),
        ({"macros": {"j2_variable_start_string": "[["}}, {"macros": {"j2_variable_start_string": "[["}}),
    ],
)
def test_zensicals_staged_config_turns_on_its_macros_extension_once(plugins, expected):
    # The toolkit's mkdocs.yml no longer lists mkdocs-macros (the dpup plugin runs the pages'
    # macros on MkDocs); Zensical runs them in its macros extension, which that entry turns on.
    # A site that lists it keeps its own options, and is not given a second entry.
    assert stage.with_page_macros(plugins) == expected
