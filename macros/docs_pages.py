"""Hand-written pages in docs/, checked before any engine reads or renders them.

A page's template code is read on its syntax tree, before mkdocs-macros (or Zensical, which
builds its own plain Jinja environment) runs it, against a closed grammar (`_Checker`): calls of
the toolkit's macros by bare name, with quoted text as arguments in the forms each documents;
the settings on the list below, read by their exact paths; and text. Nothing else: no other call,
name, filter, test, subscript, `if`, `and`, `or`, `not`, loop, `set`, `include`, `import`,
`macro`, comment or raw block. A page could otherwise reach Python's internals
(`lipsum.__globals__.os`) and run commands during the build. Its front matter is checked too
(macros/front_matter.py): keys on a list, and no template syntax in any value. This runs with
the content, when a build context is made (macros/build.py): before MkDocs renders, before
Zensical starts and again in Zensical's own process, and in `dpup-toolkit check`. Behind it,
both engines render in Jinja's sandbox (macros/compat.py, macros/zensical_sandboxed.py).

Also refused, each as `docs/page.md:line: (page): message`, all at once: a page that is not
UTF-8, and anything in docs/ that is a link out of the project or not a regular file (it would
be published).
"""

from __future__ import annotations

import difflib
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeGuard, TypeVar

from jinja2 import Environment, TemplateSyntaxError, nodes

from . import assets, folders, front_matter
from .finish import ZIP_PATH
from .loader import Site
from .pages import MARKDOWN_SUFFIXES, generated_pages, pack_src
from .yamlfile import ContentProblem, excerpt

# The macros a page may call (defined in macros/page_macros.py), each with the arguments it takes:
# the quoted values it takes in order, and the quoted values it may take by name. Nothing else.
MACROS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cards": (("kind",), ()),
    # link_to('id', otherwise='quiz/index.md'): a page of docs/ for a site whose content lacks the id.
    "link_to": (("id",), ("otherwise",)),
    "maturity_overview": ((), ()),
    "self_check": ((), ()),
    "about_dpup": ((), ()),
    "glossary": ((), ()),
    "what_changed": ((), ()),
}
_EXAMPLES = {
    "cards": "cards('tool')",
    "link_to": "link_to('tool-purpose-statement') or link_to('workshop-intro', otherwise='quiz/index.md')",
}
# The settings a page may read, by these exact paths. Each is validated before the build
# (build._page_setting_problems, models.Publisher), so what it prints is plain text; front matter
# cannot replace them (macros/front_matter.py allows no `config` key).
SETTINGS = ("config.site_name", "config.extra.publisher.name")
# Far above any page (the longest is about 10 KB).
MAX_PAGE_BYTES = 1_000_000

_ENVIRONMENT = Environment()  # only parses, never renders
_ALLOWED = f"pages may use only {', '.join([*(f'{name}()' for name in MACROS), *SETTINGS])}"


_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]*`", re.S | re.M)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.M)
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# link_to(..., otherwise='quiz/index.md'): a page's source file, named from docs/ as written,
# in plain letters, digits, `_` and `-` (no `..`, no address, no scheme, nothing Markdown reads).
_PAGE_SOURCE = re.compile(r"(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md")


def docs_problems(
    docs_dir: Path,
    project_root: Path,
    site: Site | None,
    card_kinds: list[str],
    delimiters: dict | None = None,
    config=None,
) -> list[ContentProblem]:
    """Every problem with the files in `docs_dir`. `site` is None when the content failed to load
    (ids in link_to() are then not checked); `card_kinds` are the kinds cards() accepts;
    `delimiters`, Jinja's `block_start_string` and the like when the engine is set to others, so
    that pages are parsed as the engine will read them; `config`, the site's settings, so that a
    setting a page reads is known to be set (else each engine fails its own way, mid-build)."""
    environment = Environment(**(delimiters or {})) if delimiters else _ENVIRONMENT
    if not docs_dir.is_dir():
        return []
    unset = {name for name in SETTINGS if config is not None and not _setting(config, name)}
    allowed = (docs_dir.resolve(), project_root.resolve())
    generated, written_by_toolkit = _toolkit_files(site, docs_dir)

    def is_page(src: str) -> bool:  # a page of the built site, named by its source file
        return src in (generated or ()) or (docs_dir / src).is_file()

    # Without the content, the toolkit's own pages are unknown: link_to() targets are then checked
    # for their form only, as ids are not checked.
    page_exists = is_page if generated is not None else None

    problems: list[ContentProblem] = []
    for path in sorted(docs_dir.rglob("*")):
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        refused = folders.entry_problem(path, allowed, docs_dir.name)
        if refused:
            problems.append(ContentProblem(shown, 1, "(file)", refused))
        elif path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            src = path.relative_to(docs_dir).as_posix()
            if src in written_by_toolkit and _starts_with(path, written_by_toolkit[src]):
                # A generated page, staged beside the hand-written ones for Zensical: its front
                # matter is the toolkit's own (with render_macros: false), its body HTML it rendered.
                continue
            found = page_problems(path, shown, site, card_kinds, environment, unset, page_exists)
            problems += found
            if not found and generated is not None:
                problems += link_problems(
                    front_matter.as_read(path.read_text(encoding="utf-8")), src, shown, docs_dir, generated
                )
    return problems


def _toolkit_files(site: Site | None, docs_dir: Path) -> tuple[set[str] | None, dict[str, str]]:
    """What the build adds to docs/, which a page may link as their source file (None when the
    content failed to load), and each generated page's front matter by its source path."""
    if site is None:
        return None, {}
    written_by_toolkit = {page.src: page.front_matter for page in generated_pages(site, docs_dir)}
    generated = set(written_by_toolkit)
    generated |= {pack_src(site, item) for kind in site.registry if kind.pack_file for item in site.items(kind.name)}
    generated |= {assets.site_path(name) for name in assets.ALL_FILES} | {ZIP_PATH}
    return generated, written_by_toolkit


def _starts_with(path: Path, front_matter_text: str) -> bool:
    with path.open("rb") as file:
        return file.read(len(front_matter_text.encode("utf-8"))) == front_matter_text.encode("utf-8")


def link_problems(text: str, src: str, shown: str, docs_dir: Path, generated: set[str]) -> list[ContentProblem]:
    """Links in a page's Markdown that point to no page or file of the site (the build checks them
    too, while it writes; `check` finds them first). A page of this site is linked as its source
    file (`tools/purpose-statement.md`): an address (`tools/purpose-statement/`) is not checked by
    the build, so it would be dead after a rename."""
    text = _CODE.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    found = []
    for match in _LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if _HAS_SCHEME.match(target) or target.startswith(("#", "/")) or "{" in target:
            continue
        path = urllib.parse.unquote(target.split("#")[0].split("?")[0])
        if not path:
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        if resolved in generated or (docs_dir / resolved).is_file():
            continue
        line = text.count("\n", 0, match.start()) + 1
        as_source = resolved.rstrip("/") + ".md"
        if as_source in generated or (docs_dir / as_source).is_file() or (docs_dir / resolved / "index.md").is_file():
            source = as_source if not (docs_dir / resolved / "index.md").is_file() else f"{resolved}/index.md"
            message = (
                f"the link '{excerpt(target, 80)}' is an address, which the build does not check; "
                f"link the page's source file instead ('{posixpath.relpath(source, posixpath.dirname(src) or '.')}')"
            )
        else:
            message = f"the link '{excerpt(target, 80)}' points to no page or file of this site"
        found.append(ContentProblem(shown, line, "(page)", message))
    return found


def _setting(config, name: str) -> object:
    """The value of a setting in SETTINGS (`config.extra.publisher.name`), or None."""
    value = config
    for part in name.split(".")[1:]:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def page_problems(
    path: Path,
    shown: str,
    site: Site | None,
    card_kinds: list[str],
    environment: Environment = _ENVIRONMENT,
    unset: set[str] | frozenset[str] = frozenset(),
    is_page: Callable[[str], bool] | None = None,
) -> list[ContentProblem]:
    """What is wrong with one page: its front matter (macros/front_matter.py) and its template code.
    `is_page` tells whether a source path (`quiz/index.md`) is a page of the site; without it, a
    link_to() `otherwise` page is checked for its form only."""

    def problem(line: int, message: str) -> ContentProblem:
        return ContentProblem(shown, line, "(page)", message)

    with path.open("rb") as file:
        raw = file.read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        return [problem(1, f"the page is over {MAX_PAGE_BYTES // 1_000_000} MB; split it")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [problem(line, "the page is not UTF-8 text; save it as UTF-8 (macrons need it)")]
    wrong_endings = _line_ending_problem(text)
    if wrong_endings:
        return [problem(*wrong_endings)]
    text = front_matter.as_read(text)
    found, meta = front_matter.problems(text, shown, _delimiters(environment))
    if meta.get("render_macros") is False and not found:
        # Neither engine renders such a page, its title included (mkdocs-macros returns it as
        # written; Zensical skips it), so template syntax in it is text, as in authoring.md.
        return found
    # The whole file is read as template code, front matter included: where an engine's front
    # matter ends is its own business (MkDocs also reads `key: value` lines at the top), and
    # whatever it reads as body is checked either way.
    try:
        tree = environment.parse(text)
    except TemplateSyntaxError as error:
        return [*found, problem(error.lineno or 1, f"template syntax error: {excerpt(error.message or '', 200)}")]
    checker = _Checker(site, card_kinds, unset, is_page)
    checker.tokens(environment, text)
    checker.template(tree)
    # A line of front matter already refused for its template syntax is said once.
    said = {problem.line for problem in found if problem.line <= front_matter.last_line(text)}
    return found + [
        ContentProblem(shown, line, item_id, message) for line, item_id, message in checker.found if line not in said
    ]


def _line_ending_problem(text: str) -> tuple[int, str] | None:
    """(line, message) unless every line ends the same way, with `\n` or with `\r\n`: a bare
    `\r` ends a line for MkDocs and not for Zensical, and so does a mix of the two in front
    matter, so that one engine would read front matter (`render_macros: false`) the other
    renders as the page."""
    bare = re.search(r"\r(?!\n)", text)
    if bare:
        message = "a line ends with a bare carriage return (old Mac line endings); save the page with Unix line endings"
        return text.count("\n", 0, bare.start()) + 1, message
    unix = re.search(r"(?<!\r)\n", text)
    if "\r\n" in text and unix:
        message = "the page mixes Windows (CRLF) and Unix (LF) line endings, which the engines read differently; save it with one kind"
        return text.count("\n", 0, unix.start()) + 1, message
    return None


def _delimiters(environment: Environment) -> tuple[str, ...]:
    """What starts template code for this engine, and for Jinja's defaults (a value is rendered
    by whichever engine reads it)."""
    return tuple(
        dict.fromkeys(
            (
                environment.variable_start_string,
                environment.block_start_string,
                environment.comment_start_string,
                "{{",
                "{%",
                "{#",
            )
        )
    )


class _Checker:
    """The grammar of a page's template code, whole; anything it does not name is refused:

        page     := (text | "{{" output "}}")*
        output   := macro "(" arguments ")"      a macro of MACROS, in the form it documents
                  | setting                      a dotted path of SETTINGS, read, never called
        argument := 'text in quotes'

    Each node's fields are compared with the fields this walk knows, so a node that Jinja grows a
    field for is refused rather than accepted unread; nothing inside an accepted node is left
    unlooked-at, because an accepted node holds only names and quoted text."""

    def __init__(
        self,
        site: Site | None,
        card_kinds: list[str],
        unset: set[str] | frozenset[str] = frozenset(),
        is_page: Callable[[str], bool] | None = None,
    ):
        self.site = site
        self.card_kinds = card_kinds
        self.unset = unset
        self.is_page = is_page
        self.found: list[tuple[int, str, str]] = []

    def refuse(self, node: nodes.Node | int, message: str, item_id: str = "(page)") -> None:
        if isinstance(node, int):
            line = node
        else:  # a few nodes ({% autoescape %}) carry no line; the first inside them does
            line = node.lineno or next((inner.lineno for inner in node.find_all(nodes.Node) if inner.lineno), 1)
        self.found.append((line, item_id, message))

    def tokens(self, environment: Environment, text: str) -> None:
        """Comments and raw blocks leave nothing in the syntax tree: refused from the tokens."""
        for line, token, _value in environment.lex(text):
            if token == "comment_begin":
                self.refuse(line, f"a template comment is not allowed in a page (use an HTML comment); {_ALLOWED}")
            elif token == "raw_begin":
                self.refuse(
                    line,
                    "{% raw %} is not allowed in a page: to show template code as text, put it in a page "
                    f"with render_macros: false; {_ALLOWED}",
                )

    def template(self, tree: nodes.Template) -> None:
        if not _shaped(tree, nodes.Template):
            self.not_allowed(tree)
            return
        for statement in tree.body:
            if not _shaped(statement, nodes.Output):
                self.not_allowed(statement)
                continue
            for node in statement.nodes:
                if _shaped(node, nodes.TemplateData):
                    continue
                if type(node) is nodes.Call:
                    self.call(node)
                else:
                    self.setting(node)

    def not_allowed(self, node: nodes.Node) -> None:
        # Name the way into Python's internals when there is one: it is what the author must remove.
        private = next((name for name in _names_in(node) if name.startswith("_")), None)
        if private is not None:
            self.refuse(node, f"'{excerpt(private)}': a name starting with _ is never allowed in a page; {_ALLOWED}")
        else:
            self.refuse(node, f"{_describe(node)} is not allowed in a page; {_ALLOWED}")

    def setting(self, node: nodes.Node) -> None:
        parts = _dotted(node)
        if parts is None:
            self.not_allowed(node)
            return
        name = ".".join(parts)
        if name in self.unset:
            self.refuse(node, f"'{name}' is not set in mkdocs.yml; set it there, or leave it out of the page")
            return
        if name in SETTINGS:
            return
        if any(part.startswith("_") for part in parts):
            self.not_allowed(node)
        elif name in MACROS:
            self.refuse(node, f"'{name}' is a macro: call it, as {name}(...)")
        else:
            self.refuse(node, _undefined(name))

    def call(self, node: nodes.Call) -> None:
        """A call: only of a toolkit macro, with its arguments as text in quotes, and those right."""
        target = node.node
        name = target.name if _shaped(target, nodes.Name) and target.ctx == "load" else None
        if not _shaped(node, nodes.Call) or name not in MACROS:
            self.not_a_macro(node, name)
            return
        text = self.text_arguments(node, name)
        if text is not None:
            self.check_arguments(node, name, text)

    def not_a_macro(self, node: nodes.Call, name: str | None) -> None:
        if any(part.startswith("_") for part in _names_in(node)):
            self.not_allowed(node)
        elif name is not None:
            self.refuse(node, _undefined(name))
        else:
            parts = _dotted(node.node)
            shown = f"'{'.'.join(parts)}'" if parts else "this"
            self.refuse(node, f"{shown} cannot be called in a page: only the toolkit's macros can; {_ALLOWED}")

    def text_arguments(self, node: nodes.Call, name: str) -> dict[str, str] | None:
        """The macro's arguments by parameter, each text in quotes; None (refused, saying the
        macro's form) for any other argument, or too many or too few."""
        positional, keywords = MACROS[name]
        example = _EXAMPLES.get(name, f"{name}()")
        form = f"{name}() takes {_takes(positional, keywords)}" + (f", such as {example}" if positional else "")
        if node.dyn_args is not None or node.dyn_kwargs is not None or len(node.args) != len(positional):
            self.refuse(node, form)
            return None
        values = dict(zip(positional, node.args, strict=True))  # the count was checked above
        for keyword in node.kwargs:
            if not _shaped(keyword, nodes.Keyword) or keyword.key not in keywords or keyword.key in values:
                self.refuse(node, form)
                return None
            values[keyword.key] = keyword.value
        text = {
            parameter: value.value
            for parameter, value in values.items()
            if _shaped(value, nodes.Const) and type(value.value) is str
        }
        if len(text) != len(values):  # an argument that is not text in quotes
            self.refuse(node, form)
            return None
        return text

    def check_arguments(self, node: nodes.Call, name: str, text: dict[str, str]) -> None:
        """A kind cards() lists; an id link_to() finds (unless it says where to go `otherwise`); a
        page of the site `otherwise` names, as its source file (it is written into the page's
        Markdown as a link, so anything else would publish a link no engine checks)."""
        if name == "cards" and text["kind"] not in self.card_kinds:
            hint = difflib.get_close_matches(text["kind"], self.card_kinds, n=1)
            suggestion = f"did you mean '{hint[0]}'? " if hint else ""
            self.refuse(
                node,
                f"cards(): unknown kind '{excerpt(text['kind'])}' ({suggestion}expected one of: "
                f"{', '.join(self.card_kinds)})",
            )
        elif name == "link_to" and "otherwise" in text:
            otherwise = text["otherwise"]
            if not _PAGE_SOURCE.fullmatch(otherwise):
                self.refuse(
                    node,
                    f"link_to(): otherwise='{excerpt(otherwise, 80)}' must name a page of docs/ by its source "
                    "file, in letters, digits, '_' and '-', such as otherwise='quiz/index.md'",
                )
            elif self.is_page is not None and not self.is_page(otherwise):
                self.refuse(node, f"link_to(): otherwise='{excerpt(otherwise, 80)}' is not a page of this site")
        elif name == "link_to" and self.site is not None:
            try:
                self.site.get(text["id"])
            except KeyError as error:
                self.refuse(node, error.args[0], item_id=excerpt(text["id"], 64))


_Node = TypeVar("_Node", bound=nodes.Node)


def _shaped(node: object, kind: type[_Node]) -> TypeGuard[_Node]:
    """`node` is exactly a `kind` (not a subclass) with exactly the fields this module reads."""
    return type(node) is kind and kind.fields == _FIELDS[kind]


# The fields of each node the grammar accepts, as written for Jinja 3.1: a Jinja that adds one
# makes every such node refused until this list is read again (tests/unit/test_hostile_input.py).
_FIELDS: dict[type, tuple[str, ...]] = {
    nodes.Template: ("body",),
    nodes.Output: ("nodes",),
    nodes.TemplateData: ("data",),
    nodes.Call: ("node", "args", "kwargs", "dyn_args", "dyn_kwargs"),
    nodes.Name: ("name", "ctx"),
    nodes.Getattr: ("node", "attr", "ctx"),
    nodes.Keyword: ("key", "value"),
    nodes.Const: ("value",),
}


def _takes(positional: tuple[str, ...], keywords: tuple[str, ...]) -> str:
    if not positional and not keywords:
        return "no arguments"
    said = [f"one {parameter} in quotes" for parameter in positional]
    said += [f"optionally {keyword}='...'" for keyword in keywords]
    return " and ".join(said)


def _undefined(name: str) -> str:
    hint = difflib.get_close_matches(name, [*SETTINGS, *MACROS], n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"'{excerpt(name, 60)}' is undefined{suggestion}; {_ALLOWED}"


def _names_in(node: nodes.Node) -> list[str]:
    """Every name, attribute and quoted text in an expression, roughly in reading order (a chain
    `a.b.c` is nested outermost first, so the walk is reversed): `|attr('__class__')` and
    `['__globals__']` name their way in as plainly as `.__globals__`."""
    names = []
    for part in [node, *node.find_all(nodes.Node)]:
        if isinstance(part, nodes.Getattr):
            names.append(part.attr)
        elif isinstance(part, nodes.Name):
            names.append(part.name)
        elif isinstance(part, nodes.Const) and isinstance(part.value, str):
            names.append(part.value)
    return names[::-1]


def _dotted(node: nodes.Node) -> list[str] | None:
    """`config.extra.publisher.name` as its parts; None for anything else (a subscript, a call)."""
    if _shaped(node, nodes.Name) and node.ctx == "load":  # type: ignore[attr-defined]
        return [node.name]  # type: ignore[attr-defined]
    if _shaped(node, nodes.Getattr) and node.ctx == "load":  # type: ignore[attr-defined]
        parent = _dotted(node.node)  # type: ignore[attr-defined]
        return None if parent is None else [*parent, node.attr]  # type: ignore[attr-defined]
    return None


_NAMES = {
    nodes.If: "{% if %}",
    nodes.CondExpr: "an inline if (... if ... else ...)",
    nodes.And: "'and'",
    nodes.Or: "'or'",
    nodes.Not: "'not'",
    nodes.Getitem: "a subscript ([...])",
    nodes.Concat: "joining with ~",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.For: "a {% for %} loop",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
    nodes.Macro: "a {% macro %} definition",
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Filter: "a filter (|)",
    nodes.FilterBlock: "a {% filter %} block",
    nodes.Test: "a test (is ...)",
    nodes.Block: "a {% block %}",
    nodes.With: "{% with %}",
    nodes.CallBlock: "a {% call %} block",
}


def _describe(node: nodes.Node) -> str:
    for kind, name in _NAMES.items():
        if isinstance(node, kind):
            return name
    return "this expression" if isinstance(node, nodes.Expr) else f"{{% {type(node).__name__.lower()} %}}"
