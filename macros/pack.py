"""The offline workshop pack: one HTML file per quiz with the quiz and trainer mode, its styles
and scripts inlined, for a training room with no internet. Opened straight from disk.
"""

from __future__ import annotations

from . import assets
from .glossary import TermMarker
from .pages import workshop_pack_src
from .render import Renderer


def build_pack(site, quiz_id: str, site_name: str) -> str:
    quiz = site.get(quiz_id, "quiz")
    js = "\n".join(assets.read(name) for name in assets.SCRIPTS)
    styles = [assets.read(name) for name in assets.WIDGET_STYLES]
    if "</script" in js.lower():
        raise ValueError("a widget script contains '</script', which would end the inlined script early")
    renderer = Renderer(site, current_page=lambda: workshop_pack_src(quiz))
    html = renderer.env.get_template("workshop_pack.html").render(
        quiz=quiz, css="\n".join(styles), js=js, site_name=site_name
    )
    return TermMarker(site.glossary).mark(html, tooltips=True)
