"""The toolkit's own CSS and widget scripts. They ship with the package and are added to every
site built with it, so an agency's site gets them without copying files.

Site-wide files live in macros/assets/{css,js}/. A widget lives whole in its own component folder,
macros/components/<name>/: its template, scripts (pure logic in *-core.js, tested under Node by
*.test.js beside it), styles and notes. In the built site every script is served from
assets/dpup/js/ and every stylesheet from assets/dpup/css/ under its own file name, so file names
are unique across the toolkit (checked below). A page with a widget links widgets.css (rules the
widgets share, with the components' styles appended) and, for the trainer, its own stylesheet."""

from __future__ import annotations

import re
from importlib import metadata
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

# Every page loads only these: the site's styles and the small widget loader, with what APPENDED adds.
STYLES = ("css/dpup.css",)
SCRIPTS = ("js/widgets.js",)

# Files served with others appended: one request and one gzip stream each. Every print rule
# (print.css, inside @media print) rides in dpup.css and the theme fixes in widgets.js, on every
# page, 0.7 KB less than as files of their own. The widgets' styles ride in widgets.css, except
# those in OWN_STYLESHEETS: the trainer's, the largest, which only its projector page needs. (A
# stylesheet per widget weighed 1.3 KB more in all: gzip compresses the selectors and rules they
# share once per file.)
OWN_STYLESHEETS = ("css/trainer.css",)
APPENDED = {
    "css/dpup.css": ("css/print.css",),
    "js/widgets.js": ("js/theme-fixes.js",),
    "css/widgets.css": tuple(name for name in COMPONENT_STYLES if name not in OWN_STYLESHEETS),
}

# What each widget needs, in load order (pure logic and storage first, then the DOM layer).
# widgets.js loads them only on pages that have the widget; the offline pack inlines them.
SHARED_WIDGET_STYLES = "css/widgets.css"
# The answer rules, the store and the DOM helpers: every widget loads them, served as one answers.js
# (the quiz uses only the store and the helpers, but the component is served whole).
ANSWERS = ("js/answers-core.js", "js/answers-store.js", "js/answers-dom.js")
WIDGETS = {
    "quiz": ("js/quiz-core.js", *ANSWERS, "js/quiz.js"),
    "trainer": ("js/trainer-core.js", *ANSWERS, "js/trainer-room.js", "js/trainer.js"),
    "selfcheck": (
        *ANSWERS,
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
    "checklist": (*ANSWERS, "js/checklist-core.js", "js/checklist-tool.js", "js/checklist.js"),
    "template": (*ANSWERS, "js/checklist-core.js", "js/checklist-tool.js", "js/checklist-template.js"),
}


def _bundles() -> dict[str, list[str]]:
    """A component's scripts are served as one file named after its folder (components/selfcheck/ as
    selfcheck.js, components/answers/ as answers.js), holding those of its scripts that widgets load,
    in load order: one request and one gzip stream instead of nine (4 KB less on the self-check
    page; answers-core.js and answers-store.js together 0.13 KB less than apart, though the quiz,
    which needs only the store, now loads the answer rules too). The sources stay apart, as written
    and tested."""
    bundles: dict[str, list[str]] = {}
    for files in WIDGETS.values():
        for name in files:
            path = COMPONENT_FILES.get(name)
            if not path:
                continue
            served = f"js/{path.parent.name}.js"
            if (served in COMPONENT_FILES and COMPONENT_FILES[served].parent != path.parent) or (
                SOURCE / served
            ).exists():
                raise RuntimeError(f"{served} is served for components/{path.parent.name}/ and is another file too")
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


def _widget_styles(widget: str) -> tuple[str, ...]:
    """widgets.css, then the component's own stylesheet if it has one (the component is the folder
    of the widget's last script: the "template" widget's is components/checklist/)."""
    own = f"css/{COMPONENT_FILES[WIDGETS[widget][-1]].parent.name}.css"
    return (SHARED_WIDGET_STYLES, own) if own in OWN_STYLESHEETS else (SHARED_WIDGET_STYLES,)


WIDGET_STYLES = {widget: _widget_styles(widget) for widget in WIDGETS}
# Scripts a widget loads only when the person asks for what they do (DPUP.loadScript in
# widgets.js; the self-check's spreadsheet files, its undo once an undo is offered, its file check
# once a file is chosen and colleagues' ratings side by side once their files are chosen, and the
# notice for saved answers that could not be read, on a visit that has some), so that its page's
# first load does not carry them: served on their own, in no bundle.
ON_REQUEST = (
    "js/selfcheck-sheets.js",
    "js/selfcheck-undo.js",
    "js/selfcheck-import.js",
    "js/selfcheck-colleagues.js",
    "js/answers-unreadable.js",
)
ALL_FILES = served(
    (
        *STYLES,
        *SCRIPTS,
        SHARED_WIDGET_STYLES,
        *OWN_STYLESHEETS,
        *(f for files in WIDGETS.values() for f in files),
        *ON_REQUEST,
    )
)
# The offline pack: the quiz and trainer inlined, then the loader (which finds them defined).
PACK_SCRIPTS = served((*WIDGETS["quiz"], *WIDGETS["trainer"], "js/widgets.js", "js/pack.js"))
PACK_STYLES = (*dict.fromkeys((*WIDGET_STYLES["quiz"], *WIDGET_STYLES["trainer"])), "css/print.css", "css/pack.css")


def widget_scripts(widget: str) -> str:
    """The space-separated script list a widget's root carries in data-dpup-scripts."""
    return " ".join(name.removeprefix("js/") for name in served(WIDGETS[widget]))


def widget_styles(widget: str) -> str:
    """The space-separated stylesheet list a widget's root carries in data-dpup-styles: the page
    links them in its head, and widgets.js adds them after an instant page change."""
    return " ".join(name.removeprefix("css/") for name in WIDGET_STYLES[widget])


def site_path(name: str) -> str:
    return f"{SITE_FOLDER}/{name}"


def source_path(name: str) -> Path:
    """Where 'js/quiz.js' or 'css/widgets.css' is kept: a component folder or assets/."""
    return COMPONENT_FILES.get(name) or SOURCE / name


def parts(name: str) -> list[str]:
    """The source files a served file is made of: a component's bundle, or a file with its APPENDED ones."""
    return list(BUNDLES.get(name) or (name, *APPENDED.get(name, ())))


def read(name: str) -> str:
    """A served file's text: its parts' sources, one after another."""
    return "\n".join(source_path(part).read_text(encoding="utf-8") for part in parts(name))


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}


# ES2015 at most: the minifier must not write newer syntax (such as `catch {}`) than the sources use.
_MINIFIER_OPTIONS = {"js-version": 2015}


def _minifier_version() -> str | None:
    """tdewolff-minify's version where it is installed (a compiled wheel), None where it has none."""
    try:
        return metadata.version("tdewolff-minify")
    except metadata.PackageNotFoundError:
        return None


_MINIFIER_VERSION = _minifier_version()


def _minify(name: str, text: str) -> str:
    import minify  # a Go library, loaded only where the minifier is used

    minify.config(_MINIFIER_OPTIONS)
    return minify.string(_MEDIA_TYPES[Path(name).suffix], text)


def compact(name: str) -> str:
    """The file as the site serves it: minified (comments and white space removed, a function's
    local names shortened), or, where the minifier is not installed, only comments and indentation
    removed. The sources keep their comments and names (they say why); browsers need neither.

    Safe for these classic scripts: each wraps its code in a function, so only local names are
    shortened; names shared between files are properties of window.DPUP, which are kept.
    Not cached: minifying every file takes about 15 ms, less than keeping it would save."""
    if _MINIFIER_VERSION is None:
        return strip_comments(name, read(name))
    # Each part alone: given them together, the minifier joins their `(function(){...})()` with
    # commas and drops the parentheses of all but the first, which makes the browser parse those
    # functions twice (a lazy pre-parse, then in full when called): 40 ms more on a phone.
    # It drops a script's last ";", but scripts are joined here and in the offline pack, and
    # without it `(function(){...})()` then `(function(){...})()` calls the first's result.
    end = ";\n" if name.endswith(".js") else "\n"
    return "".join(_minify(part, source_path(part).read_text(encoding="utf-8")) + end for part in parts(name))


def strip_comments(name: str, text: str) -> str:
    """Block comments, whole-line // comments and leading white space removed, code untouched:
    safe because no string in these files contains "/*"."""
    text = _BLOCK_COMMENT.sub("", text)
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not (name.endswith(".js") and stripped.startswith("//")):
            kept.append(stripped)
    return "\n".join(kept) + "\n"
