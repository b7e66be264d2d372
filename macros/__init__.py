"""The DPUP Toolkit's mkdocs-macros module: registers the page macros. No logic lives here.

Content is loaded and validated once per build by `build.site_for` (first called from the
MkDocs hook in hooks.py, before any page is written).
"""

from .build import site_for
from .pages import PAGE_KINDS, QUIZ_VIEWS
from .render import Renderer


def define_env(env):
    site = site_for(env.conf)
    renderer = Renderer(
        site,
        current_page=lambda: env.page.file.src_uri,
        use_directory_urls=env.conf["use_directory_urls"],
        site_url=env.conf["site_url"] or "",
    )

    def page_macro(kind):
        def macro(item_id: str) -> str:
            return renderer.item_page(kind, item_id)

        macro.__name__ = PAGE_KINDS[kind][1]
        return macro

    for kind in PAGE_KINDS:
        env.macro(page_macro(kind))

    def quiz_view_macro(view, macro_name):
        def macro(quiz_id: str) -> str:
            template = "quiz_" + view.replace("-", "_") + ".html"
            return renderer.render(template, quiz=site.get(quiz_id, "quiz"))

        macro.__name__ = macro_name
        return macro

    for view, macro_name, _ in QUIZ_VIEWS:
        env.macro(quiz_view_macro(view, macro_name))

    def cards(kind: str) -> str:
        """Cards for every item of a kind: principles, guidelines, roles, tools, elements, quizzes."""
        lists = {
            "principle": site.principles, "guideline": site.guidelines, "role": site.roles,
            "tool": site.tools, "element": site.elements, "quiz": site.quizzes, "plan": site.plans,
            "workshop": site.workshops,
        }
        if kind not in lists:
            raise ValueError(f"cards(): unknown kind '{kind}' (expected one of: {', '.join(lists)})")
        return renderer.render("cards.html", entries=lists[kind])

    def maturity_overview() -> str:
        """The three levels, the rule for combining ratings, and every section's elements and criteria."""
        return renderer.render("maturity.html")

    def self_check() -> str:
        """The maturity self-check form: every section, element and criterion in the content."""
        return renderer.render(
            "selfcheck.html",
            level_names={level.id: level.name for level in site.levels},
            criteria_count=sum(1 for e in site.elements for c in e.criteria if c.status == "active"),
        )

    def about_dpup() -> str:
        return renderer.render("about.html")

    def glossary() -> str:
        return renderer.render("glossary.html")

    def link_to(item_id: str) -> str:
        """A Markdown-safe relative href to any item's page or anchor, for hand-written pages."""
        return renderer.link(item_id)

    for function in (cards, maturity_overview, self_check, about_dpup, glossary, link_to):
        env.macro(function)
