"""Reads built pages the way a reader meets the labels: which label governs a piece of text.

A page's main content is flattened into one run of visible text, with a marker wherever an
Editorial label (`.dpup-editorial`, or a bare `.dpup-editorial__label`) or a word-for-word note
(`.dpup-source`) stands. The label that governs a text is the first marker after it (our notes sit
under what they describe), or, when none follows, the last one before it (a label at the top of a
page covers the whole page). The words of the labels themselves are left out of the text run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "head", "title", "svg", "textarea"}
# Elements that break the text run; inline ones (a, abbr, span, strong, small...) do not.
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def markdown_chunks(text: str | None) -> list[str]:
    """A Markdown field as the separate paragraphs and list items a reader sees (markup removed)."""
    chunks, current = [], []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("- "):
            if current:
                chunks.append(" ".join(current))
            current = [stripped[2:]] if stripped.startswith("- ") else []
        else:
            current.append(stripped)
    if current:
        chunks.append(" ".join(current))
    return [squash(chunk.replace("**", "")) for chunk in chunks if chunk.strip()]


@dataclass
class Marker:
    kind: str  # "editorial" or "verbatim"
    at: int  # position in the flattened text
    text: str  # the label's own words


@dataclass
class FlatPage:
    text: str = ""
    markers: list[Marker] = field(default_factory=list)
    based_on_links: list[tuple[str, str]] = field(default_factory=list)  # (href, link text)
    based_on_in_verbatim: int = 0

    def governing(self, start: int, end: int) -> Marker | None:
        after = [marker for marker in self.markers if marker.at >= end]
        if after:
            return after[0]
        before = [marker for marker in self.markers if marker.at <= start]
        return before[-1] if before else None

    def labels_of(self, snippet: str) -> list[Marker | None]:
        """The governing label of every place the snippet appears (empty if it never appears)."""
        snippet = squash(snippet)
        found, start = [], self.text.find(snippet)
        while start >= 0:
            found.append(self.governing(start, start + len(snippet)))
            start = self.text.find(snippet, start + 1)
        return found


class _Flattener(HTMLParser):
    def __init__(self, whole_document: bool):
        super().__init__(convert_charrefs=True)
        self.page = FlatPage()
        self.parts: list[str] = []
        self.stack: list[tuple[str, set[str]]] = []
        self.in_main = whole_document
        self.main_depth = None
        self.whole_document = whole_document
        self.label_words: list[str] | None = None
        self.label_tag_depth = 0
        self.link_href: str | None = None
        self.link_words: list[str] = []

    # The flattened text so far, squashed, so that positions match `squash`ed snippets.
    def _length(self) -> int:
        return len(squash("".join(self.parts)))

    def _inside(self, css_class: str) -> bool:
        return any(css_class in classes for _, classes in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if not self.whole_document and not self.in_main and tag == "article" and "md-content__inner" in classes:
            self.in_main, self.main_depth = True, len(self.stack)
        if self.in_main and self.label_words is None:
            bare_label = "dpup-editorial__label" in classes and not self._inside("dpup-editorial")
            if "dpup-editorial" in classes or bare_label:
                self.page.markers.append(Marker("editorial", self._length(), ""))
                self.label_words, self.label_tag_depth = [], len(self.stack)
            elif "dpup-source" in classes:
                self.page.markers.append(Marker("verbatim", self._length(), ""))
                self.label_words, self.label_tag_depth = [], len(self.stack)
        if "dpup-based-on" in classes and self._inside("dpup-source"):
            self.page.based_on_in_verbatim += 1
        if tag == "a" and self._inside("dpup-based-on"):
            self.link_href, self.link_words = attrs.get("href"), []
        if tag not in VOID:
            self.stack.append((tag, classes))
        if tag in BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "a" and self.link_href is not None:
            self.page.based_on_links.append((self.link_href, squash("".join(self.link_words))))
            self.link_href = None
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self.label_words is not None and len(self.stack) == self.label_tag_depth:
                self.page.markers[-1].text = squash("".join(self.label_words))
                self.label_words = None
            if self.main_depth is not None and len(self.stack) == self.main_depth:
                self.in_main = False
                self.main_depth = None
            if open_tag == tag:
                break
        if tag in BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        if any(tag in SKIP for tag, _ in self.stack) or not self.in_main:
            return
        if self.link_href is not None:
            self.link_words.append(data)
        if self.label_words is not None:
            self.label_words.append(data)
            return
        self.parts.append(data)


def flatten(html: str, whole_document: bool = False) -> FlatPage:
    parser = _Flattener(whole_document)
    parser.feed(html)
    parser.close()
    parser.page.text = squash("".join(parser.parts))
    return parser.page


def page_html(site_dir, src: str) -> str:
    """The built HTML of a docs-relative source page, for example `roles/frontline.md`."""
    path = site_dir / (src[:-3] + "/index.html" if not src.endswith("index.md") else src[:-3] + ".html")
    return path.read_text(encoding="utf-8")
