"""The DPUP Toolkit's mkdocs-macros module: the macros that hand-written pages in docs/ call.
No logic lives here.

Content is loaded and validated once per build by `build.site_for` (first called from the
MkDocs plugin, before any page is written). Generated pages do not use these macros: the plugin
renders them straight from the models. A component's HTML is handed back as raw HTML blocks
(`Renderer.raw_block`), which Markdown leaves as they are.
"""

import posixpath

from . import pages
from .build import renderer_for, site_for


def page_source(page) -> str:
    """The page's source path in docs/: mkdocs-macros hands MkDocs' page (`file.src_uri`),
    Zensical's macros extension a small page object with `path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def define_env(env):
    site = site_for(env.conf)
    renderer = renderer_for(env.conf)

    def component(template: str, **context) -> str:
        renderer.set_page(page_source(env.page))
        return renderer.raw_block(renderer.render(template, **context))

    with_cards = [kind.name for kind in site.registry if kind.cards]

    def cards(kind: str) -> str:
        """Cards for every item of a kind: principles, guidelines, roles, tools, elements, plans, quizzes, workshops."""
        if kind not in with_cards:
            raise ValueError(f"cards(): unknown kind '{kind}' (expected one of: {', '.join(with_cards)})")
        return component(
            "cards.html", entries=site.items(kind), card_templates=list(site.registry[kind].card_templates)
        )

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
        here = posixpath.dirname(page_source(env.page))
        if otherwise is not None:
            try:
                site.get(item_id)
            except KeyError:
                return posixpath.relpath(otherwise, here or ".")
        fragment = pages.anchor(site, item_id)
        target = posixpath.relpath(pages.page_src(site, item_id), here or ".")
        return target + (f"#{fragment}" if fragment else "")

    for function in (cards, maturity_overview, self_check, about_dpup, glossary, link_to):
        env.macro(function)
