"""Mark te reo Māori in rendered HTML with lang="mi", and give glossary terms tooltips.

Works on finished HTML text, outside tags and character references, so it serves every page whatever produced it
(Markdown, macros or the theme's navigation). Text inside <script>, <style>, <code>, <pre>,
<textarea>, <title> and inside anything already marked lang="mi" is left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .cache import Store
from .models import Term

# What the marker never changes, found by the regex engine: whole elements whose text must stay
# as it is (scripts, code, existing marks...), elements already marked lang="mi" (assumed not to
# nest an element of their own name, as all our output does), comments, every other tag
# (attributes are never touched) and character references.
_TOKEN = (
    r"<(script|style|code|pre|textarea|title|svg|kbd|abbr|dfn|option)\b[^>]*>.*?</\1\s*>"
    r"|<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\slang\s*=\s*[\"']?mi\b[^>]*>.*?</\2\s*>"
    r"|<!--.*?-->|<[^>]+>"
    # Character references: a term such as "AMP" or "LT" must not be marked inside "&amp;".
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
)
# One match per run of them with the white space between (the navigation is mostly tags and
# indentation): a fifth of the matches one token each would make, and the same text between.
_UNTOUCHED = re.compile(rf"(?=[<&])(?:(?:{_TOKEN})\s*)+", re.S | re.I)


class TermMarker:
    """`store`: pages marked by earlier builds (the build cache's "marked" store), by this
    glossary and each page's HTML: a build marks the same theme parts and mostly the same pages
    as the one before."""

    def __init__(self, terms: Iterable[Term], store: Store | None = None):
        self.terms = list(terms)
        self.store = store
        self._glossary = repr(self.terms).encode("utf-8")  # every field; needs no serializer
        self.by_text: dict[str, Term] = {}
        for term in self.terms:
            for text in (term.term, *term.variants):
                self.by_text[text.casefold()] = term
        # The longest term wins ("mana whakahaere" over "mana"), and the terms' first letters let
        # the regex engine pass over other positions quickly. Word edges are Unicode-aware.
        firsts = "".join(sorted({re.escape(text[0]) for text in self.by_text}))
        body = rf"(?=[{firsts}])(?<![\w-])({_alternation(self.by_text)})(?![\w-])" if firsts else r"(?!x)x"
        self.pattern = re.compile(body, re.I)
        self._segments: dict[str, str] = {}

    def mark(self, page_html: str, tooltips: bool) -> str:
        """Wrap te reo terms in lang="mi"; with `tooltips`, the first use of each term gets <abbr>."""
        if self.store is None:
            return self._mark(page_html, tooltips)
        inputs = b"\0".join((self._glossary, b"T" if tooltips else b"-", page_html.encode("utf-8")))
        return self.store.get(inputs, lambda: self._mark(page_html, tooltips))

    def _mark(self, page_html: str, tooltips: bool) -> str:
        seen: set[str] = set()
        out: list[str] = []
        position = 0

        def wrap(match: re.Match) -> str:
            return self._wrap(match.group(0), seen, tooltips)

        def text(segment: str) -> str:
            # Most text between tags is indentation: no need to search it.
            return segment if segment.isspace() else self.pattern.sub(wrap, segment)

        if not tooltips:
            # Without tooltips a segment's marking depends on nothing else, and the theme's parts
            # (navigation, header, footer) repeat the same segments on every page.
            plain_text = text

            def text(segment: str) -> str:
                marked = self._segments.get(segment)
                if marked is None:
                    if len(self._segments) > 50000:
                        self._segments.clear()
                    marked = self._segments[segment] = plain_text(segment)
                return marked

        for untouched in _UNTOUCHED.finditer(page_html):
            start, end = untouched.span()
            if start > position:
                out.append(text(page_html[position:start]))
            out.append(untouched.group(0))
            position = end
        out.append(text(page_html[position:]))
        return "".join(out)

    def _wrap(self, text: str, seen: set[str], tooltips: bool) -> str:
        term = self.by_text[text.casefold()]
        lang = ' lang="mi"' if term.language == "mi" else ""
        if tooltips and term.tooltip and term.id not in seen:
            seen.add(term.id)
            return f'<abbr title="{html.escape(term.meaning)}"{lang}>{text}</abbr>'
        return f'<span lang="mi">{text}</span>' if lang else text


def _alternation(texts) -> str:
    """A regex for any of `texts`, as a tree of their shared beginnings ("mana(?: whakahaere)?"):
    the engine reads each letter once, not once per term. Where a text ends inside a longer one,
    the longer one is tried first, as when the terms are listed longest first."""
    tree: dict = {}
    for text in texts:
        node = tree
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}  # a text ends here

    def branch(node: dict) -> str:
        longer = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not longer:
            return ""
        body = longer[0] if len(longer) == 1 else "(?:" + "|".join(longer) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)
