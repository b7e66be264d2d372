"""A strict build of the shipped content: every item has its page, links resolve, nothing leaves the site."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from conftest import ROOT

from macros.kinds import REGISTRY
from macros.loader import load_site
from macros.pages import anchor, page_src, page_url


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.assets, self.html_lang = set(), [], [], None
        self.lang_mi_text, self._mi_depth, self._stack = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self._stack.append(attrs.get("lang") == "mi")

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if any(self._stack) and data.strip():
            self.lang_mi_text.append(data.strip())


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site_dir: Path):
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


def test_every_item_has_its_page_or_anchor(built_site, site):
    # Every kind the registry gives a page or an anchor: a new kind is checked with no change here.
    shown = [kind for kind in site.registry if kind.pages is not None or kind.anchor_on]
    items = [item for kind in shown for item in site.items(kind.name)]
    missing = []
    for item in items:
        page = built_site / page_url(page_src(site, item.id), True) / "index.html"
        fragment = anchor(site, item.id)
        if not page.is_file():
            missing.append(f"{item.id}: no page {page.relative_to(built_site)}")
        elif fragment and fragment not in parse(page).ids:
            missing.append(f"{item.id}: no #{fragment} on {page.relative_to(built_site)}")
    assert not missing, "\n".join(missing)
    assert len(items) >= 5 + 4 + 5 + 6 + 5 + 14 + 6


def test_every_internal_link_anchor_script_and_stylesheet_resolves(built_site):
    broken, checked = [], 0
    parsed = {page: parse(page) for page in html_pages(built_site)}
    for page, parser in parsed.items():
        for href in parser.links:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path_part, fragment = urldefrag(href)
            target = (page.parent / unquote(path_part)).resolve() if path_part else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such page)")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {href} (no #{fragment})")
        for asset in parser.assets:
            if urlparse(asset).scheme or asset.startswith("//"):
                continue
            checked += 1
            target = (page.parent / unquote(urldefrag(asset)[0].split("?")[0])).resolve()
            if not (target / "index.html" if target.is_dir() else target).is_file():
                broken.append(f"{page.relative_to(built_site)}: {asset} (no such file)")
    assert checked > 500
    assert not broken, f"{len(broken)} of {checked} links broken:\n" + "\n".join(broken[:50])


def test_no_page_loads_anything_from_another_host(built_site):
    foreign = []
    for page in html_pages(built_site):
        for asset in parse(page).assets:
            if urlparse(asset).netloc or asset.startswith("//"):
                foreign.append(f"{page.relative_to(built_site)}: {asset}")
    assert not foreign, "\n".join(foreign)
    css = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert not re.search(r"@import\s+url\(\s*['\"]?https?:|fonts\.googleapis|fonts\.gstatic", css)


def test_te_reo_maori_is_marked_on_pages(built_site):
    parser = parse(built_site / "principles" / "he-tangata" / "index.html")
    assert "He Tāngata" in parser.lang_mi_text
    assert "whānau" in parser.lang_mi_text
    glossary = parse(built_site / "glossary" / "index.html")
    assert "kaitiakitanga" in glossary.lang_mi_text


def test_a_principle_page_lists_its_roles_guidelines_tools_criteria_and_questions(built_site):
    html = (built_site / "principles" / "mana-whakahaere" / "index.html").read_text(encoding="utf-8")
    for heading in (
        "What it looks like in practice",
        "Guidelines that support it",
        "Tools that put it into practice",
        "Privacy maturity criteria it helps with",
        "Quiz questions about it",
    ):
        assert heading in html, heading
    assert "It is upheld when you:" in html
    assert 'href="../../guidelines/access-to-information/"' in html


def test_editorial_text_is_labelled(built_site):
    for page in ("roles/frontline", "tools/purpose-statement", "principles/kaitiakitanga"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert 'class="dpup-editorial"' in html, page
    element = (built_site / "maturity" / "capability" / "index.html").read_text(encoding="utf-8")
    assert "this title is ours" in element


def test_the_maturity_page_declares_the_levels_and_the_rule(built_site):
    html = (built_site / "maturity" / "index.html").read_text(encoding="utf-8")
    for level in ("level-informal", "level-foundational", "level-managed"):
        assert f'id="{level}"' in html
    assert "<strong>lowest</strong> level among its criteria" in html


@pytest.mark.parametrize("kind", [kind.name for kind in REGISTRY.with_pages])
def test_every_kind_with_pages_is_in_the_navigation(built_site, site, kind):
    items = site.items(kind)
    assert items, f"the shipped content has no {kind}"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    # MkDocs writes the home page's links as "principles/…", Zensical as "./principles/…".
    url = page_url(page_src(site, items[0].id), True)
    assert f'href="{url}"' in home or f'href="./{url}"' in home


def test_the_navigation_reaches_every_section(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for label in (
        "Start here",
        "About DPUP",
        "Principles",
        "Guidelines",
        "Toolkit by role",
        "Tools",
        "Privacy maturity",
        "Quiz",
        "Glossary",
        "Privacy",
    ):
        assert re.search(rf">\s*{re.escape(label)}\s*<", html), label


def test_the_theme_loads_no_web_fonts(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_plain_mkdocs_build_makes_the_offline_zip_the_home_page_links(built_site):
    # built_site is a plain `mkdocs build --strict` (as `mkdocs gh-deploy` runs it): no extra step.
    import zipfile

    from macros.finish import ZIP_PATH

    assert 'href="downloads/dpup-toolkit-offline.zip"' in (built_site / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        assert "dpup-toolkit/index.html" in names and "dpup-toolkit/tools/purpose-statement/index.html" in names
        # The copy inside the zip does not link a zip it does not contain.
        assert "dpup-toolkit-offline.zip" not in archive.read("dpup-toolkit/index.html").decode("utf-8")
        # Its pages link files, not folders (a folder does not open from disk), the quiz's
        # included: it is rendered beside the workshop pack, whose links are its own.
        folder_links = [
            (name, href)
            for name in names
            if name.endswith(".html")
            for href in re.findall(r'href="([^"#:]+/)(?:#[^"]*)?"', archive.read(name).decode("utf-8"))
        ]
        assert folder_links == []


def test_a_site_built_without_the_zip_does_not_link_it(tmp_path):
    from conftest import run_build

    result = run_build(ROOT, tmp_path / "site", {"DPUP_OFFLINE_ZIP": "0"})
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "dpup-toolkit-offline.zip" not in home and "Download the whole toolkit" in home
    # downloads/ still holds the tools' Word documents, but no zip.
    assert not list((tmp_path / "site" / "downloads").glob("*.zip"))
