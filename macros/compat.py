"""The one place that touches private internals of MkDocs, watchdog and mkdocs-macros.

Each patch names the versions it was written against and steps aside, with one log line, on any
other: the feature it adds is lost, the build is not. tests/unit/test_compat.py fails when an
installed version leaves these ranges or a patched thing changes shape, so an upgrade (./dev
lock) shows what to look at. Everything a public API can do is done by the plugin instead.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import threading
import traceback
import types
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

log = logging.getLogger("mkdocs.plugins.dpup")

# Version prefixes each patch was written against and tested with.
TESTED = {
    "mkdocs": ("1.6.",),  # mkdocs.commands.serve calls its module-level `build`
    "watchdog": ("6.", "7."),  # BaseObserver keeps its poll interval in `_timeout`
    "mkdocs-macros-plugin": ("1.5.",),  # mkdocs_macros.context.get_git_info() runs git
    # zensical.extensions.macros builds `jinja2.Environment(**env_kw)` through its `jinja2` name
    "zensical": ("0.0.73",),
}
_TESTED: dict[str, bool] = {}


def installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def tested(distribution: str) -> bool:
    if distribution not in _TESTED:  # the installed version is looked up once per process
        found = installed(distribution)
        _TESTED[distribution] = found is not None and found.startswith(TESTED[distribution])
        if not _TESTED[distribution]:
            log.info(f"{distribution} {found} is not one the toolkit was tested with; a nicety is off")
    return _TESTED[distribution]


def wrap_first_serve_build(wrapper: Callable[[Callable[[], None], Any], None]) -> bool:
    """`mkdocs serve` ends when its first build fails, before any plugin sees the server. Route
    that one build through `wrapper(build, config)`; later builds go through on_serve's builder."""
    if not tested("mkdocs"):
        return False
    from mkdocs.commands import serve as serve_command

    real_build = serve_command.build

    def first_build(config, **kwargs):
        serve_command.build = real_build
        wrapper(lambda: real_build(config, **kwargs), config)

    serve_command.build = first_build
    return True


# How mkdocs.livereload logs a request: its time (added by its log adapter), the line and the code.
_REQUEST_LINE = re.compile(r'(\[[0-9:]+\] )?"[^"]*" code \S+')


class _RequestLinesAtInfo(logging.Filter):
    """A request line mkdocs.livereload logs at WARNING (`"GET /x/ HTTP/1.1" code 404`), at INFO."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and _REQUEST_LINE.fullmatch(record.getMessage()):
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


def requests_are_not_build_warnings() -> bool:
    """`mkdocs serve` logs each request it does not answer with 200 as a WARNING on
    mkdocs.livereload, and a strict build running in another thread at that moment counts it as
    its own: a page asked for while the build rewrote it stopped the build, and the error page read
    `"GET /tools/x/ HTTP/1.1" code 404`. Those lines are logged at INFO: shown, never counted."""
    if not tested("mkdocs"):
        return False
    logger = logging.getLogger("mkdocs.livereload")
    if not any(isinstance(found, _RequestLinesAtInfo) for found in logger.filters):
        logger.addFilter(_RequestLinesAtInfo())
    return True


def poll_every(server, seconds: float, paths: list[str]) -> bool:
    """MkDocs' LiveReloadServer polls every half second and takes no interval from plugins.
    Folders watched after this (content/, quiz/) and `paths`, watched again, poll every `seconds`."""
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout") or not tested("watchdog"):
        return False
    observer._timeout = seconds
    for path in paths:
        try:
            server.unwatch(path)
        except KeyError:  # not watched (mkdocs serve --no-livereload)
            continue
        server.watch(path)
    return True


def cache_git_info() -> bool:
    """mkdocs-macros asks git about the project (eight commands) on every rebuild; while serving,
    ask once. The pages read `git` as before."""
    if not tested("mkdocs-macros-plugin"):
        return False
    from mkdocs_macros import context

    if not hasattr(context, "get_git_info"):
        return False
    if not hasattr(context.get_git_info, "cache_info"):
        context.get_git_info = functools.lru_cache(maxsize=1)(context.get_git_info)
    return True


def prefetch_git_info() -> bool:
    """mkdocs-macros asks git about the project (twelve commands, one after another) when it sets
    up, after the toolkit's on_config: ask in a thread from the start of the build, so that git
    runs while the content loads. mkdocs-macros gets the answer of its own function, once."""
    if not tested("mkdocs-macros-plugin"):
        return False
    from mkdocs_macros import context

    original = getattr(context, "get_git_info", None)
    if original is None or hasattr(original, "cache_info"):  # `mkdocs serve` asks once already
        return False
    answer: list = []
    thread = threading.Thread(target=lambda: answer.append(original()), name="dpup-git-info", daemon=True)

    def get_git_info():
        context.get_git_info = original
        thread.join()
        return answer[0] if answer else original()  # the thread failed: ask here, as before

    context.get_git_info = get_git_info
    thread.start()
    return True


# --- Jinja's sandbox for the engines' page rendering ----------------------------------------------
# The page check (macros/docs_pages.py) lets through only the toolkit's macros, two settings and
# text, before any engine renders; the sandbox is the second wall behind it: a name starting
# with `_` and the attributes that reach Python's internals raise SecurityError instead of running.


def _sandbox_class():
    """Jinja's immutable sandbox, which calls only the toolkit's page macros. Both engines put
    more callables in a page's namespace (mkdocs-macros' and Zensical's `macros_info`, `context`,
    `now`, Zensical's `read_csv` and `read_raw` table readers, `config.get`...); the page check
    (macros/docs_pages.py) refuses every name but the macros, and behind it this refuses every
    call but theirs, so a page that got past the check still could not read a file."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from .page_macros import PAGE_MACRO

    class PageMacrosSandbox(ImmutableSandboxedEnvironment):
        def is_safe_callable(self, obj) -> bool:
            return getattr(obj, PAGE_MACRO, False) is True and super().is_safe_callable(obj)

    return PageMacrosSandbox


def sandbox_macros(page_source: Callable[[], tuple[str, int]] | None = None) -> bool:
    """mkdocs-macros builds its environment, in its on_config after loading the page macros,
    from the `Environment` name its plugin module imports: put the sandbox there. Called from
    the dpup plugin's on_config, which runs first (the page macros need the plugin anyway). A
    no-op when mkdocs-macros is not loaded.

    `page_source()` gives the page being rendered, as (its path as shown, the lines before its
    template code): an error raised while a page renders then stops the build as one line,
    `docs/index.md:6: (page): UndefinedError: ...`, not mkdocs-macros' traceback."""
    plugin = sys.modules.get("mkdocs_macros.plugin")
    if plugin is None or not tested("mkdocs-macros-plugin"):
        return False
    from jinja2 import Environment

    current = getattr(plugin, "Environment", None)
    if current is not Environment and not getattr(current, "dpup_sandbox", False):
        log.info("mkdocs-macros' Environment is not Jinja's own; the sandbox is off")  # someone else's patch
        return False
    setattr(plugin, "Environment", page_sandbox(page_source))  # noqa: B010 - a module found at run time
    return True


def page_sandbox(page_source: Callable[[], tuple[str, int]] | None):
    """The sandbox the toolkit renders hand-written pages in (macros/page_macros.py), as
    mkdocs-macros does behind `sandbox_macros`: only the page macros can be called, and an error
    in a page stops the build as one line naming the page and the line in it."""
    from jinja2 import Template

    class PageTemplate(Template):
        def render(self, *args, **kwargs):
            try:
                return super().render(*args, **kwargs)
            except Exception as error:
                if page_source is None:
                    raise
                shown, before = page_source()
                frames = traceback.extract_tb(error.__traceback__)
                line = next((frame.lineno for frame in reversed(frames) if frame.filename == "<template>"), None)
                message = f"{type(error).__name__}: {error}".replace("\n", " ")
                # SystemExit, as mkdocs-macros' own on_error_fail: it passes its `except Exception`
                # and MkDocs', and Python prints the one line.
                raise SystemExit(f"{shown}:{(line or 1) + before}: (page): {message}") from None

    class PageSandbox(_sandbox_class()):  # type: ignore[misc]
        dpup_sandbox = True
        template_class = PageTemplate

    return PageSandbox


def sandbox_zensical() -> bool:
    """Zensical's macros extension runs in Zensical's own process and builds
    `jinja2.Environment(**env_kw)` for each page, before it loads the page macros: the toolkit
    runs Zensical through `python -m macros.zensical_sandboxed`, which calls this first and hands
    the extension a `jinja2` whose Environment is the sandbox (Jinja itself is left unchanged for
    the toolkit's own templates)."""
    if not tested("zensical"):
        return False
    from zensical.extensions import macros as extension

    real = getattr(extension, "jinja2", None)
    if not isinstance(real, types.ModuleType) or not hasattr(real, "Environment"):
        return False
    if isinstance(real, _SandboxedJinja):
        return True
    extension.jinja2 = _SandboxedJinja(real)  # type: ignore[attr-defined]
    return True


class _SandboxedJinja(types.ModuleType):
    """The `jinja2` module as Zensical's macros extension sees it: the same in every name but
    Environment, which is the sandbox."""

    def __init__(self, real: types.ModuleType):
        super().__init__(real.__name__)
        self._real = real
        self.Environment = _sandbox_class()

    def __getattr__(self, name: str):
        return getattr(self._real, name)


# The first words of the error `name_zensical_page_errors` raises; macros/engines.py reads it.
PAGE_ERROR = "dpup page error:"


def name_zensical_page_errors() -> bool:
    """An error raised while Zensical's macros extension renders a page reaches its output as
    one line with no file or line ("RuntimeError: Python error: UndefinedError: ..."). Raise it
    again as `dpup page error: index.md:3: UndefinedError: ...`: the page (as Zensical names it,
    in the staged docs folder) and the line in its template code."""
    if not tested("zensical"):
        return False
    from zensical.extensions import macros as extension

    preprocessor = getattr(extension, "MacrosPreprocessor", None)
    run = getattr(preprocessor, "run", None)
    context_of = getattr(getattr(extension, "ContextPreprocessor", None), "from_markdown", None)
    if run is None or context_of is None:
        return False
    if getattr(run, "names_pages", False):
        return True

    def named_run(self, lines):
        try:
            return run(self, lines)
        except Exception as error:
            context = context_of(self.md)
            page = getattr(getattr(context, "page", None), "path", None) or "(unknown page)"
            frames = traceback.extract_tb(error.__traceback__)
            line = next((frame.lineno for frame in reversed(frames) if frame.filename == "<template>"), None)
            message = f"{type(error).__name__}: {error}".replace("\n", " ")
            raise RuntimeError(f"{PAGE_ERROR} {page}:{line or 0}: {message}") from None

    named_run.names_pages = True  # type: ignore[attr-defined]
    preprocessor.run = named_run  # type: ignore[union-attr]
    return True
