"""Every page: New Zealand English, te reo Māori marked, and the footer's trust links."""

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from macros.glossary import TermMarker
from macros.loader import load_site

SKIP = {"script", "style", "title", "head", "code", "pre", "textarea", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class UnmarkedTeReo(HTMLParser):
    """Collects te reo Māori glossary terms found in text outside any lang="mi" element."""

    def __init__(self, pattern):
        super().__init__()
        self.pattern, self.stack, self.found, self.html_lang = pattern, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag not in VOID:
            self.stack.append(tag in SKIP or attrs.get("lang") == "mi")

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.found += self.pattern.findall(data)


@pytest.fixture(scope="module")
def te_reo_pattern():
    site = load_site(ROOT / "content", ROOT / "quiz")
    return TermMarker([term for term in site.glossary if term.language == "mi"]).pattern


def test_no_te_reo_maori_term_is_left_unmarked_on_any_page(built_site, te_reo_pattern):
    unmarked, pages = [], sorted(built_site.rglob("*.html"))
    for page in pages:
        parser = UnmarkedTeReo(te_reo_pattern)
        parser.feed(page.read_text(encoding="utf-8"))
        unmarked += [f"{page.relative_to(built_site)}: {word}" for word in parser.found]
    assert len(pages) >= 45
    assert unmarked == [], "\n".join(unmarked[:40])


def test_the_check_finds_an_unmarked_term(te_reo_pattern):
    parser = UnmarkedTeReo(te_reo_pattern)
    parser.feed('<html lang="en-NZ"><body><p>Support <span lang="mi">whānau</span> and whānau.</p></body></html>')
    assert parser.found == ["whānau"]


def test_every_page_is_in_new_zealand_english(built_site):
    wrong = []
    for page in built_site.rglob("*.html"):
        match = re.search(r'<html[^>]*\blang="([^"]+)"', page.read_text(encoding="utf-8"))
        if not match or match.group(1) != "en-NZ":
            wrong.append(f"{page.relative_to(built_site)}: {match.group(1) if match else 'no lang'}")
    assert wrong == []


def test_every_site_page_has_the_contact_accessibility_and_privacy_links(built_site):
    missing = []
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for label in ("Feedback and contact", "Accessibility", "Privacy", "Published by"):
            if label not in html.split('class="md-copyright dpup-footer"', 1)[-1]:
                missing.append(f"{page.relative_to(built_site)}: {label}")
    assert missing == []
