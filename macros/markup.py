"""Markdown fields to HTML, and the rule for the links they may hold.

Only fields typed `Markdown` in models.py are converted. Raw HTML in content is shown as text,
and a link or image may only go where `link_problems` allows; the loader reports anything else
as a content error, and `markdown_to_html` refuses it, so nothing else reaches a page.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator

import markdown as markdown_lib
from markupsafe import Markup

_MARKDOWN = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")
# Raw HTML in content is shown as text: without its HTML block and inline HTML readers,
# Python-Markdown treats "<" as a character and escapes it once, like "&" (in code spans too).
_MARKDOWN.preprocessors.deregister("html_block")
_MARKDOWN.inlinePatterns.deregister("html")

# Link schemes a reader may follow from content. Everything else (javascript:, data:, vbscript:,
# file:, ...) is refused, however it is written.
ALLOWED_SCHEMES = ("http", "https", "mailto")
_TARGET = re.compile(r'<(a|img)\b[^>]*?\s(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^([^/?#]*):")
# Browsers drop these before reading a URL's scheme ("java\tscript:" is javascript:).
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f]")


# Every text converted in this process, by its Markdown: the loader converts each field to check
# its links, and pages show the same fields.
_CONVERTED: dict[str, str] = {}
_RECORDING: list[dict[str, str]] = []


def _markdown_cached(text: str) -> str:
    converted = _CONVERTED.get(text)
    if converted is None:
        if len(_CONVERTED) >= 65536:
            _CONVERTED.clear()
        # One converter, reset between texts: building a new one per field dominated build time.
        converted = _CONVERTED[text] = _MARKDOWN.reset().convert(text)
    if _RECORDING:
        _RECORDING[-1][text] = converted
    return converted


@contextlib.contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Every text converted inside the block, with its HTML (`build.cached_load_site` keeps the
    content's with the content, so that a build from the cache converts none again)."""
    texts: dict[str, str] = {}
    _RECORDING.append(texts)
    try:
        yield texts
    finally:
        _RECORDING.remove(texts)


def remember(converted: dict[str, str]) -> None:
    """Texts converted before, by this same code and library version."""
    _CONVERTED.update(converted)


def target_problem(raw: str, image: bool = False) -> str | None:
    """Why a link (or image) target may not be followed from a page, or None. `raw` is the
    target as written in an HTML attribute (character references not yet decoded)."""
    # Unescaped twice: once for the HTML attribute, once more for character references an
    # author wrote to disguise a scheme ("java&#115;cript:" is refused, not left as a path).
    target = _IGNORED_IN_URLS.sub("", html.unescape(html.unescape(raw)))
    scheme = _SCHEME.match(target)
    # Shown as written, with invisible characters made visible ("java\tscript:").
    written = _INVISIBLE.sub(
        lambda c: {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(c.group(), f"\\x{ord(c.group()):02x}"),
        # (Markdown keeps an author's character references and escapes a bare "&" as "&amp;".)
        raw[:1000].replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">"),
    )
    shown = written if len(written) <= 60 else written[:57] + "..."
    if image and (scheme or target.startswith("//")):
        return (
            f"the image '{shown}' is not a file of this site; images must be relative paths "
            "(the site makes no third-party requests)"
        )
    if scheme and scheme.group(1) == "id" and not image:
        return None  # a link to an item by its id: the loader checks the id
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"the link '{shown}' is not allowed; links may be http, https, mailto or relative"
    return None


def _problems_in(converted: str) -> list[str]:
    found = []
    for tag, _, raw in _TARGET.findall(converted):
        problem = target_problem(raw, image=tag == "img")
        if problem:
            found.append(problem)
    return found


def internal_links(text: str) -> list[str]:
    """The targets of the links in a Markdown text that stay on this site (`id:` links and
    relative addresses), decoded, in order."""
    if not text:
        return []
    found = []
    for tag, _, raw in _TARGET.findall(_markdown_cached(text)):
        target = html.unescape(raw)
        if tag != "a" or target.startswith("//"):
            continue
        if target.startswith("id:") or not _SCHEME.match(_IGNORED_IN_URLS.sub("", html.unescape(target))):
            found.append(target)
    return found


def link_problems(text: str) -> list[str]:
    """What is wrong with the links and images in a Markdown text (empty when all are allowed)."""
    return _problems_in(_markdown_cached(text)) if text else []


def markdown_to_html(text: str | None) -> Markup:
    """Markdown fields allow lists, emphasis, links and paragraphs, never raw HTML."""
    if not text:
        return Markup("")
    converted = _markdown_cached(text)
    problems = _problems_in(converted)
    if problems:  # validated at load: reaching here means content bypassed the loader
        raise ValueError(f"refused Markdown: {problems[0]}")
    return Markup(converted)


_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol|li)>")


def markdown_to_phrasing(text: str | None) -> Markup:
    """Markdown for places that allow only phrasing content, such as a <label>: paragraphs and
    lists become spans (styled as blocks), so a level descriptor can sit inside its radio label."""

    def to_span(match: re.Match) -> str:
        closing, tag = match.groups()
        return "</span>" if closing else f'<span class="dpup-{tag}">'

    return Markup(_BLOCK_TAG.sub(to_span, str(markdown_to_html(text))))
