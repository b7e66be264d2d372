"""The toolkit's own CSS and widget scripts. They ship with the package (macros/assets/) and
are added to every site built with it, so an agency's site gets them without copying files."""

from __future__ import annotations

import re
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
    "quiz": ("js/quiz-score.js", "js/answers-store.js", "js/quiz.js"),
    "trainer": ("js/tally.js", "js/answers-core.js", "js/answers-store.js", "js/trainer.js"),
    "selfcheck": ("js/answers-core.js", "js/answers-store.js", "js/selfcheck-core.js", "js/selfcheck.js"),
    "checklist": ("js/answers-core.js", "js/answers-store.js", "js/checklist.js"),
    "template": ("js/answers-core.js", "js/answers-store.js", "js/checklist.js"),
}
ALL_FILES = tuple(dict.fromkeys((*STYLES, *SCRIPTS, *WIDGET_STYLES, *(f for files in WIDGETS.values() for f in files))))
# The offline pack: the quiz and trainer inlined, then the loader (which finds them defined).
PACK_SCRIPTS = tuple(dict.fromkeys((*WIDGETS["quiz"], *WIDGETS["trainer"], "js/widgets.js", "js/pack.js")))
PACK_STYLES = (*WIDGET_STYLES, "css/pack.css")


def widget_scripts(widget: str) -> str:
    """The space-separated script list a widget's root carries in data-dpup-scripts."""
    return " ".join(name.removeprefix("js/") for name in WIDGETS[widget])


def site_path(name: str) -> str:
    return f"{SITE_FOLDER}/{name}"


def read(name: str) -> str:
    return (SOURCE / name).read_text(encoding="utf-8")


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def compact(name: str) -> str:
    """The file as the site serves it: comments and indentation removed, code untouched.

    The sources keep their comments (they say why); readers' browsers need not download them.
    Deliberately simple: no renaming or rewriting, only block comments, whole-line // comments
    and leading white space go, which is safe because no string in these files contains "/*"."""
    text = _BLOCK_COMMENT.sub("", read(name))
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not (name.endswith(".js") and stripped.startswith("//")):
            kept.append(stripped)
    return "\n".join(kept) + "\n"
