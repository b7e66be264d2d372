"""Where each item lives on the site, and the list of pages generated from the content.

A generated page is a description (source path, title, item, template), never text for a
template engine: on MkDocs its file holds only front matter and the plugin renders its body straight
from the model. Kept free of MkDocs imports, like everything but the adapter (`plugin.py`, `compat.py`).
"""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from .kinds import View
from .loader import Site
from .yamlfile import ContentProblem


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # path relative to docs/, for example principles/he-tangata.md
    title: str  # as the content says it (escaped for the theme by `nav_title`)
    item_id: str | None  # None for a section's index page, which lists the cards of `kinds`
    template: str  # the project template that renders the page body
    in_nav: bool = True
    view: View | None = None  # set for a view page (trainer, handout, answer key)
    kinds: tuple[str, ...] = ()  # a section page's kinds (the kinds whose pages are in its folder)

    @property
    def nav_title(self) -> str:
        # MkDocs themes print nav titles unescaped. Escaping "<" makes markup in a title show
        # as text everywhere, while ordinary titles ("A & B") pass through unchanged.
        return self.title.replace("<", "&lt;")

    @property
    def front_matter(self) -> str:
        """The generated file: page settings only. `render_macros: false` keeps mkdocs-macros
        away from it (its title included); the body is rendered from the model by the plugin."""
        meta: dict[str, object] = {"title": self.nav_title, "render_macros": False}
        if self.view and self.view.hide:
            meta["hide"] = list(self.view.hide)
        if self.view and not self.view.searchable:
            meta["search"] = {"exclude": True}  # Material's search (and Zensical's) skip the page
        if self.view and self.view.theme_template:
            meta["template"] = self.view.theme_template
        # JSON is YAML: every value is quoted and escaped, whatever the title holds.
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        return "---\n" + "\n".join(lines) + "\n---\n"


def _item_folder(site: Site, item) -> str:
    kind = site.registry[item.kind]
    return f"{kind.pages}/{item.id.removeprefix(kind.slug_prefix)}"


def view_src(site: Site, item, view: str) -> str:
    """The page of one of an item's views, for example quiz/intro/trainer.md."""
    return f"{_item_folder(site, item)}/{view}.md"


def pack_src(site: Site, item) -> str:
    """An item's offline pack (a quiz's workshop pack): one self-contained HTML file beside its page."""
    kind = site.registry[item.kind]
    return f"{_item_folder(site, item)}/{kind.pack_file.format(slug=item.id.removeprefix(kind.slug_prefix))}"


def pack_files(site: Site) -> list[tuple[str, str]]:
    """(docs-relative path, item id) of every offline pack: single files, finished when made."""
    return [
        (pack_src(site, item), item.id) for kind in site.registry if kind.pack_file for item in site.items(kind.name)
    ]


def page_src(site: Site, item_id: str) -> str:
    """The docs-relative source path of the page showing `item_id`."""
    item = site.get(item_id)
    kind = site.registry[item.kind]
    if kind.pages is not None:
        return f"{_item_folder(site, item)}.md"
    if kind.anchor_on == "parent":
        parent = site.index[item_id].parent
        if parent is None:
            raise KeyError(f"'{item_id}' ({item.kind}) is shown on its parent's page but has no parent")
        return page_src(site, parent)
    if kind.anchor_on:
        return kind.anchor_on
    raise KeyError(f"'{item_id}' ({item.kind}) has no page")


def anchor(site: Site, item_id: str) -> str:
    """The fragment for an item shown inside a page ('' for items that are a whole page)."""
    kind = site.registry[site.get(item_id).kind]
    return "" if kind.pages is not None else kind.anchor_prefix + item_id


def generated_pages(site: Site, docs_dir: Path | None = None) -> list[GeneratedPage]:
    """One page per item of every kind that has pages, plus each item's views (for a quiz: its
    trainer, handout and answer key pages), in the registry's order; with `docs_dir`, the index
    page of each section that docs/ has no index page for (`section_pages`)."""
    pages = section_pages(site, docs_dir) if docs_dir is not None else []
    for kind in site.registry.with_pages:
        for item in site.items(kind.name):
            title = site.name_of(item, "page")
            pages.append(GeneratedPage(page_src(site, item.id), title, item.id, kind.template))
    for kind in site.registry.with_pages:
        for item in site.items(kind.name):
            for view in kind.views:
                pages.append(
                    GeneratedPage(
                        view_src(site, item, view.name),
                        f"{view.label}: {site.name_of(item, 'page')}",
                        item.id,
                        view.template,
                        in_nav=False,
                        view=view,
                    )
                )
    return pages


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages
SECTION_TEMPLATE = "_section.html"


def sections(site: Site) -> dict[str, tuple[str, list[str]]]:
    """Every folder of generated pages: folder -> (its section's title, the kinds in it), in the
    registry's order (a quiz and a workshop share `quiz/`: the first kind names the section)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for kind in site.registry.with_pages:
        assert kind.pages is not None
        found.setdefault(kind.pages, (kind.section, []))[1].append(kind.name)
    return found


def has_index(docs_dir: Path | None, folder: str, made_by_toolkit: str = "") -> bool:
    """Whether docs/ has its own index page for `folder` (index.md, README.md, any Markdown
    suffix); one that starts with `made_by_toolkit` (a section page's front matter, staged for
    Zensical by stage.py) is the toolkit's, not the site's own."""
    if docs_dir is None:
        return False
    for stem in ("index", "README"):
        for suffix in MARKDOWN_SUFFIXES:
            path = docs_dir / folder / f"{stem}{suffix}"
            if path.is_file() and not (made_by_toolkit and _starts_with(path, made_by_toolkit)):
                return True
    return False


def _starts_with(path: Path, text: str) -> bool:
    expected = text.encode("utf-8")
    with path.open("rb") as file:
        return file.read(len(expected)) == expected


def section_pages(site: Site, docs_dir: Path) -> list[GeneratedPage]:
    """The index page of each section of generated pages that docs/ has no index page for: its
    title and its items' cards. A hand-written `docs/<folder>/index.md` says more, and wins."""
    found = []
    for folder, (title, kinds) in sections(site).items():
        page = GeneratedPage(f"{folder}/index.md", title, None, SECTION_TEMPLATE, kinds=tuple(kinds))
        if not has_index(docs_dir, folder, page.front_matter):
            found.append(page)
    return found


def address_problems(site: Site, pages: list[GeneratedPage], docs_dir: Path | None) -> list[ContentProblem]:
    """Generated pages whose address is taken: by a hand-written page in docs/, or by another
    generated page (a quiz and a workshop with the same name). Each is a content error."""
    problems = []
    # Addresses that differ only in case are one file on Windows and macOS (the offline copy is
    # unzipped there, and one page would overwrite the other): they are compared case-folded.
    taken: dict[str, tuple[str, str]] = {}  # folded address -> (address, whose it is)

    def clash(url: str) -> str | None:
        if url.casefold() not in taken:
            return None
        other_url, other = taken[url.casefold()]
        same = (
            ""
            if other_url == url
            else f" ({other_url}: addresses that differ only in case are one file on Windows and macOS)"
        )
        return f"{other}{same}"

    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                src = path.relative_to(docs_dir).as_posix()
                # A page may be .markdown, .mdown...: its address is that of the same .md page.
                stem, dot, suffix = src.rpartition(".")
                url = page_url(f"{stem}.md" if dot and f".{suffix}" in MARKDOWN_SUFFIXES else src, True)
                other = clash(url)
                if other:
                    problems.append(
                        ContentProblem(
                            f"{docs_dir.name}/{src}", 1, "(page)", f"its address ({url}) is taken by {other}; rename it"
                        )
                    )
                    continue
                taken[url.casefold()] = (url, f"the hand-written page docs/{src}")
    for page in pages:
        url = page_url(page.src, True)
        other = clash(url)
        if other:
            if page.item_id is not None:  # (a section page is made only where docs/ has no index)
                entry = site.index[page.item_id]
                problems.append(
                    ContentProblem(
                        entry.path,
                        entry.line,
                        page.item_id,
                        f"the page for this id ({url}) would replace {other}; choose another id",
                    )
                )
            continue
        taken[url.casefold()] = (url, f"the page of '{page.item_id}'" if page.item_id else f"the index page of {url}")
    return problems + _folder_case_problems(pages, docs_dir, {problem.path for problem in problems})


def _folder_case_problems(
    pages: list[GeneratedPage], docs_dir: Path | None, reported: set[str]
) -> list[ContentProblem]:
    """Folders of the built site whose names differ only in case (docs/Tools/ beside the tools'
    pages): one folder on Windows and macOS, where the offline copy is unzipped."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    folders: dict[str, str] = {}

    def first_clash(src: str) -> tuple[str, str] | None:
        for directory_urls in (True, False):
            parts = page_url(src, directory_urls).split("/")[:-1]
            for end in range(1, len(parts) + 1):
                folder = "/".join(parts[:end])
                first = folders.setdefault(folder.casefold(), folder)
                if first != folder:
                    return folder, first
        return None

    for page in pages:
        first_clash(page.src)
    # A page whose whole address clashes with a generated page is reported already, as such.
    generated = {page_url(page.src, True).casefold() for page in pages}
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        src = path.relative_to(docs_dir).as_posix()
        stem, dot, suffix = src.rpartition(".")
        shown = f"{docs_dir.name}/{src}"
        as_md = f"{stem}.md" if dot and f".{suffix}" in MARKDOWN_SUFFIXES else src
        clash = first_clash(as_md) if path.is_file() else None
        if clash and shown not in reported and page_url(as_md, True).casefold() not in generated:
            problems.append(
                ContentProblem(
                    shown,
                    1,
                    "(page)",
                    f"its folder '{clash[0]}/' differs only in case from '{clash[1]}/', one folder on Windows "
                    "and macOS; rename it",
                )
            )
    return problems


@functools.lru_cache(maxsize=65536)
def page_url(src: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a source file (matching its own rules)."""
    if not src.endswith(".md"):
        return src  # a static file keeps its path
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        directory = stem.removesuffix("index")
        return directory if use_directory_urls else directory + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_url(from_url: str, to_url: str, fragment: str = "") -> str:
    """The one way a link is written from one address of the site to another (both
    site-relative, as `page_url` gives them): relative, so that it works under any site prefix
    and from disk."""
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/" if target != "." else "./"
    if fragment:
        return f"{'' if from_url == to_url else target}#{fragment}"
    return target


def built_url(path: str) -> str:
    """The address of a built page by its path in the site (`tools/x/index.html` -> `tools/x/`)."""
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


@functools.lru_cache(maxsize=65536)  # every page links the same few hundred targets
def relative_href(from_src: str, to_src: str, fragment: str, use_directory_urls: bool) -> str:
    """A link from one page to another, by their source files (`relative_url`)."""
    return relative_url(page_url(from_src, use_directory_urls), page_url(to_src, use_directory_urls), fragment)


def source_href(from_src: str, to_src: str, fragment: str) -> str:
    """A link from one source file to another (`../tools/x.md#part`), for an engine that resolves
    links from the source, in raw HTML too (Zensical)."""
    if from_src == to_src:
        return f"#{fragment}" if fragment else posixpath.basename(to_src)
    href = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{href}#{fragment}" if fragment else href
