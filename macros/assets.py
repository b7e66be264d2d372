"""The toolkit's own CSS and widget scripts. They ship with the package (macros/assets/) and
are added to every site built with it, so an agency's site gets them without copying files."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).parent / "assets"
SITE_FOLDER = "assets/dpup"  # where they appear in the built site

# Every page loads only these: the site's styles, the small widget loader, theme fixes.
STYLES = ("css/dpup.css",)
SCRIPTS = ("js/widgets.js", "js/theme-fixes.js")

# What each widget needs, in load order (pure logic and storage first, then the DOM layer).
# widgets.js loads them only on pages that have the widget; the offline pack inlines them.
WIDGET_STYLES = ("css/widgets.css",)
WIDGETS = {
    "quiz": ("js/quiz-score.js", "js/quiz-store.js", "js/quiz.js"),
    "trainer": ("js/trainer.js",),
    "selfcheck": ("js/answers-core.js", "js/answers-store.js", "js/selfcheck.js"),
    "checklist": ("js/answers-core.js", "js/answers-store.js", "js/checklist.js"),
    "template": ("js/answers-core.js", "js/answers-store.js", "js/checklist.js"),
}
ALL_FILES = tuple(dict.fromkeys((*STYLES, *SCRIPTS, *WIDGET_STYLES, *(f for files in WIDGETS.values() for f in files))))
# The offline pack: the quiz and trainer inlined, then the loader (which finds them defined).
PACK_SCRIPTS = (*WIDGETS["quiz"], *WIDGETS["trainer"], "js/widgets.js")


def widget_scripts(widget: str) -> str:
    """The space-separated script list a widget's root carries in data-dpup-scripts."""
    return " ".join(name.removeprefix("js/") for name in WIDGETS[widget])


def site_path(name: str) -> str:
    return f"{SITE_FOLDER}/{name}"


def read(name: str) -> str:
    return (SOURCE / name).read_text(encoding="utf-8")
