"""Where each item lives on the site, and the thin Markdown pages generated for them.

Kept free of MkDocs imports so that a move to another engine only replaces the hook that
feeds these pages in (`hooks.py`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .loader import Site

# Kind -> (folder in the site, macro that renders the page, id prefix stripped for the slug).
PAGE_KINDS = {
    "principle": ("principles", "principle_page", "principle-"),
    "guideline": ("guidelines", "guideline_page", "guideline-"),
    "role": ("roles", "role_page", "role-"),
    "tool": ("tools", "tool_page", "tool-"),
    "element": ("maturity", "element_page", "element-"),
    "plan": ("maturity/plans", "plan_page", "plan-"),
    "quiz": ("quiz", "quiz_page", "quiz-"),
    "workshop": ("quiz", "workshop_page", ""),
}

# Extra pages for every quiz, beside its main page: (view, macro, title). Not in the navigation;
# the quiz and workshop pages link to them.
QUIZ_VIEWS = (
    ("trainer", "quiz_trainer", "Trainer mode"),
    ("handout", "quiz_handout", "Printable handout"),
    ("answer-key", "quiz_answer_key", "Answer key"),
)

# Kinds shown as an anchor on another page: kind -> page that holds them ("parent" = the parent's page).
ANCHOR_KINDS = {
    "criterion": "parent",
    "question": "parent",
    "tool-item": "parent",
    "section": "maturity/index.md",
    "level": "maturity/index.md",
    "term": "glossary.md",
}


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # path relative to docs/, for example principles/he-tangata.md
    title: str
    markdown: str
    in_nav: bool = True


def quiz_slug(quiz) -> str:
    return quiz.id.removeprefix("quiz-")


def quiz_view_src(quiz, view: str) -> str:
    return f"quiz/{quiz_slug(quiz)}/{view}.md"


def workshop_pack_src(quiz) -> str:
    """The offline workshop pack: one self-contained HTML file per quiz."""
    return f"quiz/{quiz_slug(quiz)}/dpup-{quiz_slug(quiz)}-quiz-workshop-pack.html"


def _thin_page(src: str, title: str, macro: str, item_id: str, in_nav: bool = True, hide: tuple = (),
               template: str = "") -> GeneratedPage:
    # MkDocs themes print nav titles unescaped. Escaping "<" makes markup in a title show
    # as text everywhere, while ordinary titles ("A & B") pass through unchanged.
    title = title.replace("<", "&lt;")
    front = title.replace("\\", "\\\\").replace('"', '\\"')
    hidden = "".join(f"\n  - {part}" for part in hide)
    meta = f'title: "{front}"' + (f"\nhide:{hidden}" if hide else "") + (f"\ntemplate: {template}" if template else "")
    markdown = f'---\n{meta}\n---\n\n{{{{ {macro}("{item_id}") }}}}\n'
    return GeneratedPage(src, title, markdown, in_nav)


def page_src(site: Site, item_id: str) -> str:
    """The docs-relative source path of the page showing `item_id`."""
    item = site.get(item_id)
    if item.kind in PAGE_KINDS:
        folder, _, prefix = PAGE_KINDS[item.kind]
        return f"{folder}/{item.id.removeprefix(prefix)}.md"
    holder = ANCHOR_KINDS.get(item.kind)
    if holder == "parent":
        return page_src(site, site.index[item_id].parent)
    if holder:
        return holder
    raise KeyError(f"'{item_id}' ({item.kind}) has no page")


def anchor(site: Site, item_id: str) -> str:
    """The fragment for an item shown inside a page ('' for items that are a whole page)."""
    kind = site.get(item_id).kind
    if kind in PAGE_KINDS:
        return ""
    return f"level-{item_id}" if kind == "level" else item_id


def title_of(item) -> str:
    for name in ("title", "name", "term"):
        if getattr(item, name, None):
            return getattr(item, name)
    if item.kind == "question":
        return item.stem
    return item.id


def generated_pages(site: Site) -> list[GeneratedPage]:
    """One thin page per principle, guideline, role, tool, element, plan, quiz and workshop,
    plus each quiz's trainer, handout and answer key pages."""
    groups = (site.principles, site.guidelines, site.roles, site.tools, site.elements, site.plans, site.quizzes,
              site.workshops)
    pages = []
    for items in groups:
        for item in items:
            _, macro, _ = PAGE_KINDS[item.kind]
            title = f"{item.number}. {item.title}" if item.kind == "element" else title_of(item)
            pages.append(_thin_page(page_src(site, item.id), title, macro, item.id))
    for quiz in site.quizzes:
        for view, macro, title in QUIZ_VIEWS:
            # The trainer is projected: give it the whole width (a Material front-matter option).
            hide = ("navigation", "toc") if view == "trainer" else ()
            # The trainer is projected: a theme template with no site header, tabs, sidebars or footer.
            template = "dpup-projector.html" if view == "trainer" else ""
            pages.append(_thin_page(quiz_view_src(quiz, view), f"{title}: {quiz.title}", macro, quiz.id, False, hide,
                                    template))
    return pages


def page_url(src: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a source file (matching its own rules)."""
    if not src.endswith(".md"):
        return src  # a static file keeps its path
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        directory = stem.removesuffix("index")
        return directory if use_directory_urls else directory + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_href(from_src: str, to_src: str, fragment: str, use_directory_urls: bool) -> str:
    """A link from one page to another that works under any site prefix (and from disk)."""
    from_url = page_url(from_src, use_directory_urls)
    to_url = page_url(to_src, use_directory_urls)
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/" if target != "." else "./"
    href = target
    if fragment:
        href = f"{'' if from_url == to_url else href}#{fragment}"
    return href
