"""The one place that touches private internals of MkDocs, watchdog and mkdocs-macros.

Each patch names the versions it was written against and steps aside, with one log line, on any
other: the feature it adds is lost, the build is not. tests/unit/test_compat.py fails when an
installed version leaves these ranges or a patched thing changes shape, so an upgrade (./dev
lock) shows what to look at. Everything a public API can do is done by the plugin instead.
"""

from __future__ import annotations

import functools
import logging
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


def installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def tested(distribution: str) -> bool:
    found = installed(distribution)
    ok = found is not None and found.startswith(TESTED[distribution])
    if not ok:
        log.info(f"{distribution} {found} is not one the toolkit was tested with; a serve-time nicety is off")
    return ok


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
