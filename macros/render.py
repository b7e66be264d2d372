"""Render content models to HTML through the project's Jinja2 templates (autoescaped).

Templates are files in templates/; content is only ever a value passed to them, never template
source. Every data string is escaped on its way into HTML. Markdown is rendered only for fields
typed `Markdown` in models.py, by `markdown_to_html`, which escapes raw HTML first.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from . import assets, pages, qr, review, word
from .cache import Cache, Store
from .loader import Site
from .markup import markdown_to_html, markdown_to_phrasing
from .templates_ahead import compiled_name

TEMPLATES = Path(__file__).parent / "templates"
# The filters a Renderer adds to those of `_environment` (which its templates need to compile).
RENDERER_FILTERS = ("items",)
# Every button the templates draw ("Check answer", "+", "Print") is control text, not content:
# Material's search leaves an element with `data-search-exclude` out of its index. Content cannot
# make a `<button` here: every data string is escaped.
_BUTTON = re.compile(r"<button(?=[\s>])")
_ID_LINK = re.compile(r'<a href="id:([^"]*)"([^>]*)>(.*?)</a>', re.S)
# Each widget's template sits in its component folder (macros/components/<name>/<name>.html).
COMPONENT_FOLDERS = tuple(sorted(path for path in (Path(__file__).parent / "components").iterdir() if path.is_dir()))


def _environment(extra_folders: tuple, cache: Cache) -> Environment:
    """A Jinja2 environment for the templates (one per renderer: templates imported by others,
    such as `_parts.html`, keep the globals of the renderer that first imported them).

    Compiling the templates is most of the cost of rendering, so compiled templates are kept in
    the build's cache (`CompiledTemplates`): also within one build, where each workshop pack's
    renderer would compile them again."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in (*extra_folders, TEMPLATES, *COMPONENT_FOLDERS)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=CompiledTemplates(cache),
    )
    env.filters["md"] = markdown_to_html
    env.filters["md_phrasing"] = markdown_to_phrasing
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


class CompiledTemplates(BytecodeCache):
    """Jinja2's compiled templates, kept in the build's cache by each template's name and source
    (Jinja2's `bucket.key` and `checksum`): the same for the toolkit's templates and the theme's.
    On a first build they may be arriving from a second process (macros/templates_ahead.py)."""

    def __init__(self, cache: Cache):
        self.store: Store = cache.store("templates")

    def load_bytecode(self, bucket) -> None:
        kept = self.store.find(compiled_name(bucket.environment, bucket.key, bucket.checksum))
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket) -> None:
        self.store.put(compiled_name(bucket.environment, bucket.key, bucket.checksum), bucket.bytecode_to_string())


def compile_environment(extra_folders: tuple) -> Environment:
    """An environment that compiles the toolkit's templates as a `Renderer`'s does (the same
    folders, options and filter names: a filter must exist for a template using it to compile)."""
    env = _environment(extra_folders, Cache.off())
    env.bytecode_cache = None
    for name in RENDERER_FILTERS:
        env.filters.setdefault(name, str)
    return env


def template_name(kind: str) -> str:
    """The variable a kind's item is given to templates as: `tool`, `case_study`."""
    return kind.replace("-", "_")


class Renderer:
    """Renders components for the page currently being built.

    `current_page` returns the docs-relative source path of that page, so that links are
    relative and keep working under any URL prefix and when the site is opened from disk.
    Without it, the page is the one last given to `set_page`.
    """

    def __init__(
        self,
        site: Site,
        current_page: Callable[[], str] | None = None,
        use_directory_urls: bool = True,
        site_url: str = "",
        link_style: str = "url",
        documents: Callable[[], Mapping[str, bytes]] | None = None,
        cache: Cache | None = None,
    ):
        self.site = site
        self.site_url = site_url or ""
        self._page_src = ""
        self.current_page = current_page or (lambda: self._page_src)
        self.use_directory_urls = use_directory_urls
        # "url": relative to the page's address (MkDocs leaves links in raw HTML alone);
        # "source": relative to the source file, to .md targets (Zensical re-bases them).
        self.link_style = link_style
        # The tools' Word documents (`word.documents`), made when a page first shows one's size.
        cache = cache or Cache.off()
        self.documents = documents or functools.cache(functools.partial(word.documents, site, cache=cache))
        self.env = _environment(tuple(site.registry.template_dirs), cache)
        self.env.filters["items"] = lambda ids: [site.get(item_id) for item_id in ids]  # RENDERER_FILTERS
        # Links written `id:<item id>` in Markdown fields go to that item from the page shown.
        self.env.filters["md"] = lambda text: self.resolve_ids(markdown_to_html(text))
        self.env.filters["md_phrasing"] = lambda text: self.resolve_ids(markdown_to_phrasing(text))
        # Where an `id:` link goes: the item's page, relative to the current one. The offline
        # workshop pack, a single file, links the published page instead ('' leaves it out).
        self.content_link: Callable[[str], str] = self.link
        self.env.globals.update(
            site=site,
            link=self.link,
            item=site.get,
            referrers=site.referrers,
            page=self.page_link,
            view_link=self.view_link,
            pack_link=self.pack_link,
            word_download=self.word_download,
            cards=self.cards,
            widget_scripts=assets.widget_scripts,
            widget_styles=assets.widget_styles,
            # The published address ('' when unknown), for what must name it in full (a QR code).
            site_url=self.site_url,
            published_url=self.published_url,
            qr_svg=qr.qr_svg,
            only_on_this_computer=qr.only_on_this_computer,
            # "Checked against the law as at <month year>": the oldest check date on the page (issue 35).
            law_check=review.page_check,
        )

    def set_page(self, src: str) -> None:
        self._page_src = src

    # --- helpers available in templates -----------------------------------------------------

    def link(self, item_id: str) -> str:
        """Relative href to the page or anchor that shows `item_id`."""
        return self.page_link(pages.page_src(self.site, item_id), pages.anchor(self.site, item_id))

    def page_link(self, src: str, fragment: str = "") -> str:
        """Relative href to a page (or file), by its docs-relative source path."""
        if self.link_style == "source":
            return pages.source_href(self.current_page(), src, fragment)
        return pages.relative_href(self.current_page(), src, fragment, self.use_directory_urls)

    def view_link(self, quiz, view: str) -> str:
        """Relative href to one of an item's views: for a quiz, trainer, handout or answer-key."""
        return self.page_link(pages.view_src(self.site, quiz, view))

    def pack_link(self, quiz) -> str:
        """Relative href to a quiz's offline workshop pack."""
        return self.page_link(pages.pack_src(self.site, quiz))

    def published_url(self, item_id: str) -> str:
        """The absolute address of an item's page on the published site ('' without a site_url)."""
        src = pages.page_src(self.site, item_id)
        return qr.published_address(
            self.site_url, pages.page_url(src, self.use_directory_urls), pages.anchor(self.site, item_id)
        )

    def resolve_ids(self, converted: Markup) -> Markup:
        """Markdown's HTML with each `id:` link pointing at its item (checked at load)."""
        if 'href="id:' not in converted:
            return converted

        def resolve(match: re.Match) -> str:
            href = self.content_link(html.unescape(match.group(1)))
            if not href:
                return match.group(3)
            return f'<a href="{html.escape(href)}"{match.group(2)}>{match.group(3)}</a>'

        return Markup(_ID_LINK.sub(resolve, str(converted)))

    def word_download(self, tool) -> dict:
        """The tool's Word document: its relative href and size in KB (rounded up)."""
        path = word.document_path(tool)
        size = len(self.documents()[path])
        return {"href": self.page_link(path), "kb": -(-size // 1024)}

    # --- components --------------------------------------------------------------------------

    def render(self, template: str, **context) -> str:
        # Markdown never changes the result: generated pages replace the page body, and
        # components in hand-written pages are raw HTML blocks (`raw_block`).
        return _BUTTON.sub("<button data-search-exclude", self.env.get_template(template).render(**context))

    def cards(self, entries, level: int = 2) -> Markup:
        """A card for each item (each in its kind's card template), headed `<h{level}>`: a card's
        heading is one level below the heading it is placed under."""
        if not (isinstance(level, int) and 2 <= level <= 6):
            raise ValueError(f"cards(): level must be 2 to 6 (got {level!r})")
        cards = [(entry, list(self.site.registry[entry.kind].card_templates)) for entry in entries]
        return Markup(self.render("cards.html", cards=cards, level=level))

    def generated_page(self, page: pages.GeneratedPage) -> str:
        """The body of a generated page, from its item's model (a section page: its items' cards)."""
        self.set_page(page.src)
        if page.item_id is None:
            entries = [item for kind in page.kinds for item in self.site.items(kind)]
            return self.render(page.template, title=page.title, entries=entries)
        item = self.site.get(page.item_id)
        return self.render(page.template, **{template_name(item.kind): item})

    # --- components placed in hand-written pages ----------------------------------------------

    @staticmethod
    def raw_block(html: str) -> str:
        """A component as raw HTML blocks, which Markdown (MkDocs' and Zensical's) leaves alone:
        each top-level element starts a line, and blank lines set it apart from the page's
        Markdown. No slot waits for an engine's event to be filled (tests/unit/test_render.py)."""
        return "\n\n" + html + "\n\n"
