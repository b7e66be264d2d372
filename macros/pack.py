"""The offline workshop pack: one HTML file per quiz with the quiz and trainer mode, its styles
and scripts inlined, for a training room with no internet. Opened straight from disk.
"""

from __future__ import annotations

from markupsafe import Markup

from . import assets
from .cache import Cache
from .glossary import TermMarker
from .pages import pack_src
from .render import Renderer


def build_pack(
    site, quiz_id: str, site_name: str, site_url: str = "", use_directory_urls: bool = True, cache: Cache | None = None
) -> str:
    """The pack's HTML. With a `site_url`, the trainer's join slide carries a QR code for the
    published quiz and the summary links to the published principle and guideline pages."""
    quiz = site.get(quiz_id)
    js = "\n".join(assets.compact(name) for name in assets.PACK_SCRIPTS)
    css = "\n".join(assets.compact(name) for name in assets.PACK_STYLES)
    # Our own files, inlined as code: autoescaping would break them, so check they cannot end
    # their element early and mark them safe.
    for code, closing in ((js, "</script"), (css, "</style")):
        if closing in code.lower():
            raise ValueError(f"an inlined asset contains '{closing}', which would end it early")
    renderer = Renderer(
        site,
        current_page=lambda: pack_src(site, quiz),
        use_directory_urls=use_directory_urls,
        site_url=site_url,
        cache=cache,
    )
    # The pack is one file opened from disk: an `id:` link in content goes to the published page.
    renderer.content_link = renderer.published_url
    html = renderer.env.get_template("workshop_pack.html").render(
        quiz=quiz, css=Markup(css), js=Markup(js), site_name=site_name
    )
    return TermMarker(site.glossary).mark(html, tooltips=True)
