"""The macros that hand-written pages in docs/ call: `{{ cards("tool") }}`, `{{ link_to(id) }}`.

Generated pages do not use them: the adapter renders those straight from the models. A
component's HTML is handed back as raw HTML blocks (`Renderer.raw_block`), which Markdown leaves
as it is.

Who renders a page's template code:
- MkDocs and ProperDocs: the dpup plugin itself (`PageTemplates`), in Jinja's sandbox, with these
  macros and the two settings a page may read: nothing else is in a page's namespace.
- Zensical: its macros extension (in Zensical's own process, once for every page), which calls
  `define_env`; so does mkdocs-macros where a site's mkdocs.yml still lists it (the toolkit's
  own no longer does: it cost about 0.06 s of a 1.5 s first build, bench/results/build-overhead.md).
  Each finds this build's context in the one place its engine can hand it:
  - mkdocs-macros: the dpup plugin's instance, which made it (`plugins.dpup.context`);
  - Zensical: the staged config's `extra.dpup_stage.config_file` (macros/stage.py) names the
    site's own config file, from which the context is made once for Zensical's process.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from . import pages
from .build import BuildContext, create_context
from .siteconfig import SiteConfig, read_config
from .stage import STAGE_KEY

# The mark each macro a page may call carries: the engines' sandbox (macros/compat.py) calls
# nothing without it.
PAGE_MACRO = "dpup_page_macro"

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def page_source(page) -> str:
    """The page's source path in docs/: mkdocs-macros hands MkDocs' page (`file.src_uri`),
    Zensical's macros extension a small page object with `path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def define_env(env) -> None:
    context = _context(env.conf)
    for function in page_macros(context, lambda: page_source(env.page)):
        env.macro(function)


def _context(conf: Mapping) -> BuildContext:
    staged = (conf.get("extra") or {}).get(STAGE_KEY)
    if isinstance(staged, Mapping) and isinstance(staged.get("config_file"), str):
        return _staged_context(staged["config_file"])
    plugins = conf.get("plugins")
    plugin = plugins.get("dpup") if isinstance(plugins, Mapping) else None
    context = getattr(plugin, "context", None)
    if not isinstance(context, BuildContext):
        raise RuntimeError("the toolkit's macros need the dpup plugin: list '- dpup' under plugins: in mkdocs.yml")
    return context


@functools.lru_cache(maxsize=1)
def _staged_context(config_file: str) -> BuildContext:
    """Zensical's process builds one site and calls define_env for every page: one context for it.
    Its links are written relative to the source file, which Zensical re-bases ("source")."""
    path = Path(config_file)
    return create_context(SiteConfig.of(read_config(path), path), link_style="source")


class PageTemplates:
    """Hand-written pages' template code, rendered by the toolkit (MkDocs, ProperDocs). The page
    check (macros/docs_pages.py) has let through only the macros and SETTINGS by then; behind it,
    `sandbox` (Jinja's sandbox calling only the page macros, macros/compat.py) holds the macros,
    the two settings and nothing else, and an undefined name is an error."""

    def __init__(self, context: BuildContext, sandbox: type[Environment]):
        self.src = ""
        self.env = sandbox(undefined=StrictUndefined, autoescape=False)  # Markdown, as mkdocs-macros renders it
        self.env.globals.update((macro.__name__, macro) for macro in page_macros(context, lambda: self.src))
        self.env.globals["config"] = _settings(context)

    def render(self, markdown: str, src: str) -> str:
        """The page (`src`, its path in docs/) with its template code run."""
        self.src = src
        return self.env.from_string(markdown).render()


def _settings(context: BuildContext) -> dict:
    """The settings a page may read (docs_pages.SETTINGS, validated with the build), as nested
    mappings; one that is not set is left out, so reading it is an error (the page check names it first)."""
    config = context.config
    publisher = config.extra.get("publisher") if isinstance(config.extra, Mapping) else None
    name = publisher.get("name") if isinstance(publisher, Mapping) else None
    settings: dict = {"extra": {"publisher": {"name": name}} if isinstance(name, str) else {}}
    if isinstance(config.site_name, str):
        settings["site_name"] = config.site_name
    return settings


def page_macros(context: BuildContext, current_page: Callable[[], str]) -> list[Callable]:
    """The macros, for pages whose source path `current_page()` gives."""
    site, renderer = context.site, context.renderer

    def component(template: str, **values) -> str:
        renderer.set_page(current_page())
        return renderer.raw_block(renderer.render(template, **values))

    with_cards = [kind.name for kind in site.registry if kind.cards]

    @functools.cache
    def markdown_of(src: str) -> str:
        path = context.folders.docs / src
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    def cards(kind: str) -> str:
        """Cards for every item of a kind: principles, guidelines, roles, tools, elements, plans,
        quizzes, workshops. Their headings are one level below the heading the call is under."""
        if kind not in with_cards:
            raise ValueError(f"cards(): unknown kind '{kind}' (expected one of: {', '.join(with_cards)})")
        renderer.set_page(current_page())
        call = re.compile(r"cards\(\s*(['\"])" + re.escape(kind) + r"\1\s*\)")
        level = card_level(markdown_of(current_page()), call)
        return renderer.raw_block(renderer.cards(site.items(kind), level))

    def maturity_overview() -> str:
        """The three levels, the rule for combining ratings, and every section's elements and criteria."""
        return component("maturity.html")

    def self_check() -> str:
        """The maturity self-check form: every section, element and criterion in the content."""
        return component(
            "selfcheck.html",
            level_names={level.id: level.name for level in site.levels},
            criteria_count=sum(len(element.criteria) for element in site.elements),
        )

    def about_dpup() -> str:
        return component("about.html")

    def glossary() -> str:
        return component("glossary.html")

    def link_to(item_id: str, otherwise: str | None = None) -> str:
        """A Markdown-safe relative href to any item's page or anchor, for hand-written pages.
        With `otherwise` (a page of docs/, such as 'quiz/index.md'), a site without that item
        (an agency's own content) links there instead of failing."""
        # A link to the target's source file (quiz/workshop-intro.md), which every engine checks
        # and turns into the page's address; a link by address would be left unchecked.
        here = posixpath.dirname(current_page())
        if otherwise is not None:
            try:
                site.get(item_id)
            except KeyError:
                return posixpath.relpath(otherwise, here or ".")
        fragment = pages.anchor(site, item_id)
        target = posixpath.relpath(pages.page_src(site, item_id), here or ".")
        return target + (f"#{fragment}" if fragment else "")

    def what_changed() -> str:
        """Each release's content changes, newest first, from content/release.yml (issue 35)."""
        return component("changes.html")

    macros: list[Callable] = [cards, maturity_overview, self_check, about_dpup, glossary, link_to, what_changed]
    for macro in macros:
        setattr(macro, PAGE_MACRO, True)  # the engines' sandbox calls these and nothing else
    return macros


def card_level(markdown: str, call: re.Pattern) -> int:
    """The level of the card headings for the first `call` in a hand-written page: one below the
    last Markdown heading (`#`, `##`...) above it, outside code blocks; 2 under the page's title
    or where the call is not found."""
    level = 1
    fence = ""
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence:
            fence = "" if opening and opening.group(1).startswith(fence) else fence
            continue
        if opening:
            fence = opening.group(1)
            continue
        if call.search(line):
            return min(level + 1, 6)
        heading = _ATX_HEADING.match(line)
        if heading:
            level = len(heading.group(1))
    return 2
