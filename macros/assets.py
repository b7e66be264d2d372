"""The toolkit's own CSS and widget scripts. They ship with the package and are added to every
site built with it, so an agency's site gets them without copying files.

Site-wide files live in macros/assets/{css,js}/. A widget lives whole in its own component folder,
macros/components/<name>/: its template, scripts (pure logic in *-core.js, tested under Node by
*.test.js beside it), styles and notes. In the built site every script is served from
assets/dpup/js/ and every stylesheet from assets/dpup/css/ under its own file name, so file names
are unique across the toolkit (checked below); a component's .css is appended to widgets.css, the
one stylesheet every widget page links."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).parent / "assets"
COMPONENTS = Path(__file__).parent / "components"
SITE_FOLDER = "assets/dpup"  # where they appear in the built site


def _component_files() -> dict[str, Path]:
    """'js/quiz.js' -> its file in a component folder; tests (*.test.js) are not shipped."""
    found: dict[str, Path] = {}
    for path in sorted(COMPONENTS.glob("*/*")):
        if path.suffix not in (".js", ".css") or path.name.endswith(".test.js"):
            continue
        name = f"{path.suffix[1:]}/{path.name}"
        if name in found or (SOURCE / name).exists():
            raise RuntimeError(
                f"two toolkit assets are called {path.name}: {found.get(name) or SOURCE / name} and {path}"
            )
        found[name] = path
    return found


COMPONENT_FILES = _component_files()
COMPONENT_STYLES = tuple(name for name in COMPONENT_FILES if name.startswith("css/"))

# Every page loads only these: the site's styles, the small widget loader, theme fixes.
STYLES = ("css/dpup.css", "css/print.css")  # print.css: every print rule, inside @media print
SCRIPTS = ("js/widgets.js", "js/theme-fixes.js")

# What each widget needs, in load order (pure logic and storage first, then the DOM layer).
# widgets.js loads them only on pages that have the widget; the offline pack inlines them.
WIDGET_STYLES = ("css/widgets.css",)
WIDGETS = {
    "quiz": ("js/quiz-core.js", "js/answers-store.js", "js/quiz.js"),
    "trainer": (
        "js/trainer-core.js",
        "js/answers-core.js",
        "js/answers-store.js",
        "js/trainer-room.js",
        "js/trainer.js",
    ),
    "selfcheck": (
        "js/answers-core.js",
        "js/answers-store.js",
        "js/selfcheck-core.js",
        "js/selfcheck-merge.js",
        "js/selfcheck-dom.js",
        "js/selfcheck-steps.js",
        "js/selfcheck-render.js",
        "js/selfcheck-plan.js",
        "js/selfcheck-report.js",
        "js/selfcheck-files.js",
        "js/selfcheck.js",
    ),
    "checklist": ("js/answers-core.js", "js/answers-store.js", "js/checklist-core.js", "js/checklist.js"),
    "template": ("js/answers-core.js", "js/answers-store.js", "js/checklist-core.js", "js/checklist-template.js"),
}


def _bundles() -> dict[str, list[str]]:
    """A component with a script named after its folder (components/selfcheck/selfcheck.js) is served
    as that one file, holding all of its scripts in load order: one request and one gzip stream
    instead of nine (4 KB less on the self-check page). The sources stay apart, as written and tested."""
    bundles: dict[str, list[str]] = {}
    for files in WIDGETS.values():
        for name in files:
            path = COMPONENT_FILES.get(name)
            served = f"js/{path.parent.name}.js" if path else ""
            if path and served in COMPONENT_FILES and COMPONENT_FILES[served].parent == path.parent:
                parts = bundles.setdefault(served, [])
                if name not in parts:
                    parts.append(name)
    return bundles


BUNDLES = _bundles()


def served(files: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Source names to the files the site serves: a bundled component's scripts become its one file,
    loaded where its last part was, so that the shared scripts listed between its parts (the answer
    store between quiz-core.js and quiz.js) still load before the parts that use them."""
    bundle_of = {part: bundle for bundle, parts in BUNDLES.items() for part in parts}
    last_part = {bundle_of[name]: name for name in files if name in bundle_of}
    return tuple(
        dict.fromkeys(
            bundle_of.get(name, name) for name in files if last_part.get(bundle_of.get(name, "")) in (None, name)
        )
    )


ALL_FILES = served((*STYLES, *SCRIPTS, *WIDGET_STYLES, *(f for files in WIDGETS.values() for f in files)))
# The offline pack: the quiz and trainer inlined, then the loader (which finds them defined).
PACK_SCRIPTS = served((*WIDGETS["quiz"], *WIDGETS["trainer"], "js/widgets.js", "js/pack.js"))
PACK_STYLES = (*WIDGET_STYLES, "css/print.css", "css/pack.css")


def widget_scripts(widget: str) -> str:
    """The space-separated script list a widget's root carries in data-dpup-scripts."""
    return " ".join(name.removeprefix("js/") for name in served(WIDGETS[widget]))


def site_path(name: str) -> str:
    return f"{SITE_FOLDER}/{name}"


def source_path(name: str) -> Path:
    """Where 'js/quiz.js' or 'css/widgets.css' is kept: a component folder or assets/."""
    return COMPONENT_FILES.get(name) or SOURCE / name


def read(name: str) -> str:
    """A served file's text: a source file, a component's bundle, or widgets.css with the components' styles."""
    if name in BUNDLES:
        return "".join(source_path(part).read_text(encoding="utf-8") for part in BUNDLES[name])
    text = source_path(name).read_text(encoding="utf-8")
    if name == "css/widgets.css":  # the one widget stylesheet: shared rules, then each component's
        text += "".join("\n" + source_path(style).read_text(encoding="utf-8") for style in COMPONENT_STYLES)
    return text


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
