"""Mark te reo Māori in rendered HTML with lang="mi", and give glossary terms tooltips.

Works on finished HTML text, outside tags, so it serves every page whatever produced it
(Markdown, macros or the theme's navigation). Text inside <script>, <style>, <code>, <pre>,
<textarea>, <title> and inside anything already marked lang="mi" is left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .models import Term

_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_SKIP = {"script", "style", "code", "pre", "textarea", "title", "head", "abbr", "dfn", "svg", "kbd", "option"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LANG_MI = re.compile(r"""\slang\s*=\s*["']?mi\b""", re.I)


class TermMarker:
    def __init__(self, terms: Iterable[Term]):
        self.terms = list(terms)
        self.by_text: dict[str, Term] = {}
        for term in self.terms:
            for text in (term.term, *term.variants):
                self.by_text[text.casefold()] = term
        # Longest first, so "mana whakahaere" wins over "mana". Word edges are Unicode-aware.
        alternatives = sorted(self.by_text, key=len, reverse=True)
        body = "|".join(re.escape(text) for text in alternatives) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w-])({body})(?![\w-])", re.I)

    def mark(self, page_html: str, tooltips: bool) -> str:
        """Wrap te reo terms in lang="mi"; with `tooltips`, the first use of each term gets <abbr>."""
        seen: set[str] = set()
        out: list[str] = []
        stack: list[tuple[str, bool]] = []  # (tag, skip-inside)

        def skipping() -> bool:
            return any(skip for _, skip in stack)

        for part in _TAG.split(page_html):
            if not part:
                continue
            if part.startswith("<"):
                out.append(part)
                if part.startswith(("<!", "<?")):
                    continue
                name = re.match(r"</?\s*([a-zA-Z0-9-]+)", part)
                if not name:
                    continue
                tag = name.group(1).lower()
                if part.startswith("</"):
                    while stack:
                        if stack.pop()[0] == tag:
                            break
                elif tag not in _VOID and not part.endswith("/>"):
                    stack.append((tag, tag in _SKIP or bool(_LANG_MI.search(part))))
                continue
            if skipping():
                out.append(part)
                continue
            out.append(self.pattern.sub(lambda match: self._wrap(match.group(0), seen, tooltips), part))
        return "".join(out)

    def _wrap(self, text: str, seen: set[str], tooltips: bool) -> str:
        term = self.by_text[text.casefold()]
        lang = ' lang="mi"' if term.language == "mi" else ""
        if tooltips and term.tooltip and term.id not in seen:
            seen.add(term.id)
            return f'<abbr title="{html.escape(term.meaning)}"{lang}>{text}</abbr>'
        return f'<span lang="mi">{text}</span>' if lang else text
