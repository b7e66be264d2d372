"""The one place that touches private internals of MkDocs, watchdog and mkdocs-macros.

Each patch names the versions it was written against and steps aside, with one log line, on any
other: the feature it adds is lost, the build is not. tests/unit/test_compat.py fails when an
installed version leaves these ranges or a patched thing changes shape, so an upgrade (./dev
lock) shows what to look at. Everything a public API can do is done by the plugin instead.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

log = logging.getLogger("mkdocs.plugins.dpup")

# Version prefixes each patch was written against and tested with.
TESTED = {
    "mkdocs": ("1.6.",),  # mkdocs.commands.serve calls its module-level `build`
    "watchdog": ("6.", "7."),  # BaseObserver keeps its poll interval in `_timeout`
    "mkdocs-macros-plugin": ("1.5.",),  # mkdocs_macros.context.get_git_info() runs git
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
