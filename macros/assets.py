"""The toolkit's own CSS and widget scripts. They ship with the package (macros/assets/) and
are added to every site built with it, so an agency's site gets them without copying files."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).parent / "assets"
SITE_FOLDER = "assets/dpup"  # where they appear in the built site

STYLES = ("css/dpup.css", "css/widgets.css")
# Widget scripts in load order: pure scoring and storage first, then the DOM layers, then boot.
SCRIPTS = (
    "js/quiz-score.js", "js/quiz-store.js", "js/answers-core.js", "js/answers-store.js",
    "js/quiz.js", "js/trainer.js", "js/selfcheck.js", "js/checklist.js", "js/widgets.js", "js/theme-fixes.js",
)
# The offline pack needs only the quiz and trainer.
PACK_SCRIPTS = ("js/quiz-score.js", "js/quiz-store.js", "js/quiz.js", "js/trainer.js", "js/widgets.js")
WIDGET_STYLES = ("css/widgets.css",)  # what the offline pack needs


def site_path(name: str) -> str:
    return f"{SITE_FOLDER}/{name}"


def read(name: str) -> str:
    return (SOURCE / name).read_text(encoding="utf-8")
