"""The offline workshop pack: one HTML file per quiz with the quiz and trainer mode, its styles
and scripts inlined, for a training room with no internet. Opened straight from disk.
"""

from __future__ import annotations

from pathlib import Path

from .glossary import TermMarker
from .pages import workshop_pack_src
from .render import Renderer

# The widget scripts, in load order. mkdocs.yml's extra_javascript lists the same files
# (a test keeps the two in step).
WIDGET_SCRIPTS = ("quiz-score.js", "quiz-store.js", "quiz.js", "trainer.js", "widgets.js")
WIDGET_STYLES = ("widgets.css",)


def build_pack(site, quiz_id: str, docs_dir: Path, site_name: str) -> str:
    quiz = site.get(quiz_id, "quiz")
    scripts = [(docs_dir / "assets" / "js" / name).read_text(encoding="utf-8") for name in WIDGET_SCRIPTS]
    styles = [(docs_dir / "assets" / "css" / name).read_text(encoding="utf-8") for name in WIDGET_STYLES]
    js = "\n".join(scripts)
    if "</script" in js.lower():
        raise ValueError("a widget script contains '</script', which would end the inlined script early")
    renderer = Renderer(site, current_page=lambda: workshop_pack_src(quiz))
    html = renderer.env.get_template("workshop_pack.html").render(
        quiz=quiz, css="\n".join(styles), js=js, site_name=site_name
    )
    return TermMarker(site.glossary).mark(html, tooltips=True)
