"""Hand-written pages in docs/, checked before any engine reads or renders them.

A page's template code is checked on its syntax tree, before mkdocs-macros (or Zensical, which
builds its own plain Jinja environment) runs it: a page may call the toolkit's macros, with the
arguments they take, and read the variables on the list below, and nothing else. No other name,
no attribute starting with `_`, no filter, loop, include or assignment: a page could otherwise
reach Python's internals (`self.__init__.__globals__`) and run commands during the build. A
sandbox would guard one engine only; this check guards every engine, because it runs first.

Also refused, each as `docs/page.md:line: (page): message`, all at once: a page that is not
UTF-8, and anything in docs/ that is a link out of the project or not a regular file (it would
be published).
"""

from __future__ import annotations

import difflib
import posixpath
import re
import urllib.parse
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from . import assets
from .finish import ZIP_PATH
from .loader import Site, outside_problem
from .pages import MARKDOWN_SUFFIXES, generated_pages, pack_src
from .yamlfile import ContentProblem, excerpt

# The macros a page may call (defined in macros/page_macros.py), and what each takes: one quoted
# kind, one quoted id, or nothing.
MACROS = {
    "cards": "kind",
    "link_to": "id",
    "maturity_overview": None,
    "self_check": None,
    "about_dpup": None,
    "glossary": None,
}
# The variables a page may read. Each is a setting validated before the build (models.Publisher),
# so what it prints is plain text.
VARIABLES = ("config.site_name", "config.extra.publisher.name")
# Far above any page (the longest is about 10 KB).
MAX_PAGE_BYTES = 1_000_000

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ENVIRONMENT = Environment()  # only parses, never renders
_ALLOWED = f"pages may use only {', '.join([*(f'{name}()' for name in MACROS), *VARIABLES])}"


_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]*`", re.S | re.M)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.M)
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def docs_problems(
    docs_dir: Path, project_root: Path, site: Site | None, card_kinds: list[str], delimiters: dict | None = None
) -> list[ContentProblem]:
    """Every problem with the files in `docs_dir`. `site` is None when the content failed to load
    (ids in link_to() are then not checked); `card_kinds` are the kinds cards() accepts;
    `delimiters`, Jinja's `block_start_string` and the like when the engine is set to others, so
    that pages are parsed as the engine will read them."""
    environment = Environment(**(delimiters or {})) if delimiters else _ENVIRONMENT
    if not docs_dir.is_dir():
        return []
    problems: list[ContentProblem] = []
    allowed = (docs_dir.resolve(), project_root.resolve())
    # The pages the build adds (one per item), which a page may link as their source file.
    generated = None
    if site is not None:
        generated = {page.src for page in generated_pages(site)}
        generated |= {
            pack_src(site, item) for kind in site.registry if kind.pack_file for item in site.items(kind.name)
        }
        generated |= {assets.site_path(name) for name in assets.ALL_FILES} | {ZIP_PATH}
    for path in sorted(docs_dir.rglob("*")):
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        if path.is_symlink() and not path.exists():
            target = excerpt(str(path.readlink()), 200)
            problems.append(ContentProblem(shown, 1, "(file)", f"a symbolic link to '{target}', which does not exist"))
            continue
        refused = outside_problem(path, allowed, docs_dir.name)
        if path.is_symlink() and path.is_dir() and not refused:
            # The engine would publish what it holds, unchecked (and a link to a parent loops).
            refused = "a linked folder; docs/ holds its own pages: copy them in instead"
        if refused:
            problems.append(ContentProblem(shown, 1, "(file)", refused))
        elif path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            found = page_problems(path, shown, site, card_kinds, environment)
            problems += found
            if not found and generated is not None:
                src = path.relative_to(docs_dir).as_posix()
                problems += link_problems(path.read_text(encoding="utf-8"), src, shown, docs_dir, generated)
    return problems


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


def page_problems(
    path: Path, shown: str, site: Site | None, card_kinds: list[str], environment: Environment = _ENVIRONMENT
) -> list[ContentProblem]:
    """What is wrong with one page's text and template code."""

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
    # The engine reads front matter itself; blank it out, keeping the line numbers.
    text = _FRONT_MATTER.sub(lambda match: "\n" * match.group(0).count("\n"), text, count=1)
    try:
        tree = environment.parse(text)
    except TemplateSyntaxError as error:
        return [problem(error.lineno or 1, f"template syntax error: {excerpt(error.message or '', 200)}")]
    checker = _Checker(site, card_kinds)
    checker.visit(tree)
    return [ContentProblem(shown, line, item_id, message) for line, item_id, message in checker.found]


class _Checker:
    """Walks a page's syntax tree and lists everything not on the allowlist."""

    def __init__(self, site: Site | None, card_kinds: list[str]):
        self.site = site
        self.card_kinds = card_kinds
        self.found: list[tuple[int, str, str]] = []

    def refuse(self, node: nodes.Node, message: str, item_id: str = "(page)") -> None:
        self.found.append((node.lineno or 1, item_id, message))

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, (nodes.Template, nodes.Output)):
            for child in node.iter_child_nodes():
                self.visit(child)
        elif isinstance(node, (nodes.TemplateData, nodes.Const)):
            return
        elif isinstance(node, nodes.If):
            for child in node.iter_child_nodes():
                self.visit(child)
        elif isinstance(node, (nodes.Not, nodes.And, nodes.Or)):
            for child in node.iter_child_nodes():
                self.visit(child)
        elif isinstance(node, nodes.Call):
            self.call(node)
        elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.variable(node)
        else:
            self.not_allowed(node)

    def not_allowed(self, node: nodes.Node) -> None:
        # Name the way into Python's internals when there is one: it is what the author must remove.
        private = next((name for name in _names_in(node) if name.startswith("_")), None)
        if private is not None:
            self.refuse(node, f"'{excerpt(private)}': a name starting with _ is never allowed in a page; {_ALLOWED}")
        else:
            self.refuse(node, f"{_describe(node)} is not allowed in a page; {_ALLOWED}")

    def variable(self, node: nodes.Node) -> None:
        parts = _dotted(node)
        if parts is None:
            self.not_allowed(node)
            return
        private = next((part for part in parts if part.startswith("_")), None)
        if private is not None:
            self.refuse(node, f"'{excerpt(private)}': a name starting with _ is never allowed in a page; {_ALLOWED}")
            return
        name = ".".join(parts)
        if name in VARIABLES:
            return
        if parts[0] in MACROS and len(parts) == 1:
            self.refuse(node, f"'{name}' is a macro: call it, as {name}(...)")
            return
        self.refuse(node, _undefined(name))

    def call(self, node: nodes.Call) -> None:
        name = node.node.name if isinstance(node.node, nodes.Name) else None
        if name not in MACROS:
            if name is None:
                self.variable(node.node)
            else:
                self.refuse(node, _undefined(name))
            return
        takes = MACROS[name]
        if takes is None:
            if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
                self.refuse(node, f"{name}() takes no arguments")
            return
        example = "cards('tool')" if takes == "kind" else "link_to('tool-purpose-statement')"
        # link_to('id', otherwise='quiz/index.md'): a page of docs/ for a site whose content lacks the id.
        otherwise = [kwarg for kwarg in node.kwargs if takes == "id" and kwarg.key == "otherwise"]
        if otherwise and not (
            isinstance(otherwise[0].value, nodes.Const) and isinstance(otherwise[0].value.value, str)
        ):
            self.refuse(
                node, "link_to(): otherwise= takes a page of docs/ in quotes, such as otherwise='quiz/index.md'"
            )
            return
        if len(node.kwargs) > len(otherwise) or node.dyn_args or node.dyn_kwargs or len(node.args) != 1:
            self.refuse(node, f"{name}() takes one {takes} in quotes, such as {example}")
            return
        argument = node.args[0]
        if not (isinstance(argument, nodes.Const) and isinstance(argument.value, str)):
            self.refuse(node, f"{name}() takes one {takes} in quotes, such as {example}")
            return
        value = argument.value
        if takes == "kind" and value not in self.card_kinds:
            hint = difflib.get_close_matches(value, self.card_kinds, n=1)
            suggestion = f"did you mean '{hint[0]}'? " if hint else ""
            self.refuse(
                node,
                f"cards(): unknown kind '{excerpt(value)}' ({suggestion}expected one of: {', '.join(self.card_kinds)})",
            )
        elif takes == "id" and self.site is not None and not otherwise:
            try:
                self.site.get(value)
            except KeyError as error:
                self.refuse(node, error.args[0], item_id=excerpt(value, 64))


def _undefined(name: str) -> str:
    hint = difflib.get_close_matches(name, [*VARIABLES, *MACROS], n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"'{excerpt(name, 60)}' is undefined{suggestion}; {_ALLOWED}"


def _names_in(node: nodes.Node) -> list[str]:
    """Every attribute and item name used in an expression, roughly in reading order (a chain
    `a.b.c` is nested outermost first, so the walk is reversed)."""
    names = []
    for part in [node, *node.find_all((nodes.Getattr, nodes.Getitem))]:
        if isinstance(part, nodes.Getattr):
            names.append(part.attr)
        elif isinstance(part, nodes.Getitem) and isinstance(part.arg, nodes.Const) and isinstance(part.arg.value, str):
            names.append(part.arg.value)
    return names[::-1]


def _dotted(node: nodes.Node) -> list[str] | None:
    """`config.extra.publisher.name` (or with ['name']) as its parts; None for anything else."""
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        parent = _dotted(node.node)
        return None if parent is None else [*parent, node.attr]
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        parent = _dotted(node.node)
        return None if parent is None else [*parent, node.arg.value]
    return None


_NAMES = {
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
