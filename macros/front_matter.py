"""The front matter of a hand-written page: the keys it may set, and what each may hold.

Both engines hand a page's front matter to its template code as variables, merged over the
settings (`config: {site_name: "<img ...>"}` would replace the validated site name), and both
render a `title` that holds template syntax. So front matter is a closed list too:

- only the keys in `KEYS`, each with the values it documents; any other key is refused, which
  also keeps every variable a page reads (`config`, the macros) out of a page's reach;
- no value, at any depth, may hold template syntax: `{{`, `{%`, `{#`, or the delimiters the site
  configures for its engine;
- a title and a description are printed by the theme unescaped: plain text only.

MkDocs also reads `key: value` lines at the very top of a page without `---` as front matter
(MultiMarkdown style); those keys are held to the same list. Generated pages are not in docs/
and are not read here (they carry `render_macros: false` and are written by the toolkit).

`template:` is not on the list: the toolkit's one page template (dpup-projector.html) is the
trainer's projector view of a quiz, with no navigation and a skip link to its slides, chosen
for generated pages by the registry (kinds.View.theme_template). On a hand-written page it
would hide the site's navigation; any other value lets a page pick a theme file (Material's,
or one an agency adds) to render itself with, outside the review of the theme folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import text_setting_problem
from .yamlfile import ContentProblem, LineDict, LineList, excerpt, parse_text

# MkDocs' own patterns (mkdocs.utils.meta), so that the same lines are read as front matter.
_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
# `render_macros:` exactly as both engines read it: PyYAML (MkDocs) also reads `False`, `no` and
# `off` as false, Zensical's reader only `false`; a page either engine would render is checked.
_RENDER_MACROS = re.compile(r"^render_macros:[ \t]*(?:true|false)[ \t]*(?:#.*)?$")
# Material's `hide:` values.
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    return text_setting_problem(value)


def _hide(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(part, str) and part in HIDE for part in value):
        return f"must be a list of: {', '.join(HIDE)}"
    return None


def _search(value: object) -> str | None:
    if not isinstance(value, dict) or set(value) - {"exclude", "boost"}:
        return "must be a mapping of exclude: true or false, and boost: a number"
    if not isinstance(value.get("exclude", False), bool):
        return "exclude: must be true or false"
    boost = value.get("boost", 1)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)):
        return "boost: must be a number"
    return None


def _true_or_false(value: object) -> str | None:
    # Exactly a YAML true or false: Zensical skips a page only on `False` itself (`is False`),
    # mkdocs-macros also on 0 (`== False`).
    return None if isinstance(value, bool) else "must be true or false"


# Each key a page may set (Material's, MkDocs' and mkdocs-macros' documented ones that a page of
# this site needs), and what it must hold.
KEYS: dict[str, Callable[[object], str | None]] = {
    "title": _text,
    "description": _text,
    "hide": _hide,
    "search": _search,
    "render_macros": _true_or_false,
}
_WHY_NOT = {
    "template": "hand-written pages use the site's own page template (see macros/front_matter.py)",
    "config": "settings are set in mkdocs.yml, never by a page",
    "extra": "settings are set in mkdocs.yml, never by a page",
    "include_yaml": "a page reads no data files; content belongs in content/",
}


def as_read(text: str) -> str:
    """A page's text as MkDocs reads it (a byte-order mark dropped, Windows' line endings made
    `\n`), and Zensical with it: front matter is looked for in what the engines see, so a page
    saved with a byte-order mark or CRLF cannot hide its front matter from the check."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def problems(text: str, shown: str, delimiters: tuple[str, ...]) -> tuple[list[ContentProblem], dict]:
    """(problems, the front matter as read), for a page's text as the engines read it (`as_read`)."""

    def problem(line: int, message: str) -> ContentProblem:
        return ContentProblem(shown, line, "(page)", message)

    found = _YAML.match(text)
    if found:
        data, read = parse_text(found.group(1))
        problems_found = [problem(line + 1, f"front matter: {message}") for line, message in read]
        if data is None:
            return problems_found, {}
        if not isinstance(data, LineDict):
            return [*problems_found, problem(2, "front matter must be a mapping of keys (title: ...)")], {}
        lines = {key: data.key_lines[key] + 1 for key in data}
        meta: dict = dict(data)
    else:
        problems_found, meta, lines = [], *_multimarkdown(text)
    for key, value in meta.items():
        line = lines[key]
        check = KEYS.get(key)
        if check is None:
            why = _WHY_NOT.get(key, f"a page may set only {', '.join(KEYS)}")
            problems_found.append(problem(line, f"front matter: '{excerpt(key)}' is not allowed: {why}"))
            continue
        syntax = _template_syntax(value, delimiters)
        if syntax is not None:
            problems_found.append(
                problem(
                    _line_in(value, line),
                    f"front matter: {key}: '{excerpt(syntax, 60)}' holds template syntax, which is never run "
                    "from front matter; write plain text",
                )
            )
            continue
        wrong = check(value)
        if not wrong and key == "render_macros" and found and not _RENDER_MACROS.match(text.split("\n")[line - 1]):
            wrong = (
                "must be written true or false, in lower case and without quotes (Zensical reads False or no as text)"
            )
        if wrong:
            problems_found.append(problem(line, f"front matter: {key}: {wrong} (got '{excerpt(value, 60)}')"))
    return problems_found, meta


def last_line(text: str) -> int:
    """The last line of a page's `---` front matter (0 without one)."""
    found = _YAML.match(text)
    return text.count("\n", 0, found.end()) if found else 0


def lines_before_body(text: str) -> int:
    """The lines MkDocs takes off the top of a page before its body: `---` front matter and the
    blank lines after it."""
    found = _YAML.match(text)
    if not found:
        return 0
    rest = text[found.end() :]
    return text.count("\n", 0, found.end()) + (len(rest) - len(rest.lstrip("\n")))


def _multimarkdown(text: str) -> tuple[dict, dict]:
    """The `key: value` lines MkDocs reads as front matter at the top of a page without `---`."""
    meta: dict = {}
    lines: dict = {}
    key = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            break
        if found := _META.match(line):
            key = found.group("key").lower().strip()
            meta[key] = (meta[key] + " " if key in meta else "") + found.group("value").strip()
            lines.setdefault(key, number)
        elif key and _META_MORE.match(line):
            meta[key] += " " + line.strip()
        else:
            break
    return meta, lines


def _template_syntax(value: object, delimiters: tuple[str, ...]) -> str | None:
    """The first text, key or value at any depth, that holds template syntax."""
    if isinstance(value, str):
        return value if any(delimiter in value for delimiter in delimiters) else None
    if isinstance(value, dict):
        for key, inner in value.items():
            found = _template_syntax(key, delimiters) or _template_syntax(inner, delimiters)
            if found:
                return found
    if isinstance(value, list):
        for inner in value:
            found = _template_syntax(inner, delimiters)
            if found:
                return found
    return None


def _line_in(value: object, line: int) -> int:
    """The line of a nested value when the reader knows it (front matter starts on line 2)."""
    if isinstance(value, (LineDict, LineList)) and value.line:
        return max(line, value.line + 1)
    return line
