"""Render content models to HTML through Jinja2 templates (autoescaped).

Every data string is escaped on its way into HTML. Markdown is rendered only for fields typed
`Markdown` in models.py, by `markdown_to_html`, which escapes raw HTML first.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import re

import markdown as markdown_lib
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import assets, pages, qr
from .loader import Site

TEMPLATES = Path(__file__).parent / "templates"


_MARKDOWN = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")


@functools.lru_cache(maxsize=4096)
def _markdown_cached(text: str) -> str:
    # One converter, reset between texts: building a new one per field dominated build time.
    return _MARKDOWN.reset().convert(text)


def markdown_to_html(text: str | None) -> Markup:
    """Markdown fields allow lists, emphasis and paragraphs, never raw HTML."""
    if not text:
        return Markup("")
    # Escaping < and & before conversion turns any HTML in content into visible text,
    # while Markdown syntax (which uses neither) still works.
    safe = text.replace("&", "&amp;").replace("<", "&lt;")
    return Markup(_markdown_cached(safe))


_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol|li)>")


def markdown_to_phrasing(text: str | None) -> Markup:
    """Markdown for places that allow only phrasing content, such as a <label>: paragraphs and
    lists become spans (styled as blocks), so a level descriptor can sit inside its radio label."""

    def to_span(match: re.Match) -> str:
        closing, tag = match.groups()
        return "</span>" if closing else f'<span class="dpup-{tag}">'

    return Markup(_BLOCK_TAG.sub(to_span, str(markdown_to_html(text))))


class Renderer:
    """Renders components for the page currently being built.

    `current_page` returns the docs-relative source path of that page, so that links are
    relative and keep working under any URL prefix and when the site is opened from disk.
    """

    def __init__(self, site: Site, current_page: Callable[[], str], use_directory_urls: bool = True,
                 site_url: str = ""):
        self.site = site
        self.site_url = site_url or ""
        self.current_page = current_page
        self.use_directory_urls = use_directory_urls
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = markdown_to_html
        self.env.filters["md_phrasing"] = markdown_to_phrasing
        self.env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
        self.env.filters["items"] = lambda ids: [site.get(item_id) for item_id in ids]
        self.env.globals.update(
            site=site, link=self.link, title=self.title, item=site.get, referrers=site.referrers, page=self.page_link,
            view_link=self.view_link, pack_link=self.pack_link, widget_scripts=assets.widget_scripts,
            site_url=self.site_url, published_url=self.published_url, qr_svg=qr.qr_svg,
        )

    # --- helpers available in templates -----------------------------------------------------

    def link(self, item_id: str) -> str:
        """Relative href to the page or anchor that shows `item_id`."""
        return pages.relative_href(
            self.current_page(), pages.page_src(self.site, item_id), pages.anchor(self.site, item_id),
            self.use_directory_urls,
        )

    def page_link(self, src: str, fragment: str = "") -> str:
        """Relative href to a hand-written page, by its docs-relative source path."""
        return pages.relative_href(self.current_page(), src, fragment, self.use_directory_urls)

    def view_link(self, quiz, view: str) -> str:
        """Relative href to one of a quiz's extra pages: trainer, handout or answer-key."""
        return self.page_link(pages.quiz_view_src(quiz, view))

    def pack_link(self, quiz) -> str:
        """Relative href to a quiz's offline workshop pack."""
        return self.page_link(pages.workshop_pack_src(quiz))

    def published_url(self, item_id: str) -> str:
        """The absolute address of an item's page on the published site ('' without a site_url)."""
        src = pages.page_src(self.site, item_id)
        return qr.published_address(self.site_url, pages.page_url(src, self.use_directory_urls),
                                    pages.anchor(self.site, item_id))

    def title(self, item_id: str) -> str:
        return pages.title_of(self.site.get(item_id))

    # --- components --------------------------------------------------------------------------

    def render(self, template: str, **context) -> str:
        html = self.env.get_template(template).render(**context)
        # Python-Markdown ends a raw HTML block at a blank line followed by text at the margin;
        # templates emit no blank lines so that each component stays one HTML block.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def item_page(self, kind: str, item_id: str) -> str:
        return self.render(f"{kind}.html", **{kind: self.site.get(item_id, kind)})
