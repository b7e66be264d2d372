"""Shared fixtures: the project root, a strict build of the shipped site, and a local server."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Debian's Chromium. Its headless shell (package chromium-headless-shell, the same engine without
# the browser's window code, as Playwright's own headless Chromium is) runs the browser tests about
# twice as fast as the full browser in headless mode; /usr/bin/chromium serves where it is missing.
# DPUP_CHROMIUM points elsewhere (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("DPUP_CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(path).exists()),
    "/usr/bin/chromium",
)
# Without the background-networking flags Chromium tries to reach Google from this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def run_build(config_dir: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """A strict build. The offline zip (a second build) is made only when extra_env asks for it
    with DPUP_OFFLINE_ZIP=1: most tests look at the site, not the zip."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DPUP_OFFLINE_ZIP": "0", **(extra_env or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config_dir / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# DPUP_TEST_ENGINE=zensical (or properdocs) runs the tests on a site that engine built.
ENGINE = os.environ.get("DPUP_TEST_ENGINE", "mkdocs")


def engine_build(engine: str, site_dir: Path) -> subprocess.CompletedProcess:
    """`dpup-toolkit build --engine ENGINE` of the shipped content, offline zip included."""
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", engine, "-d", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DPUP_OFFLINE_ZIP": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def shared_build(tmp_path_factory, name: str, build) -> Path:
    """A folder that `build(folder)` fills once a test run, shared by the pytest-xdist workers:
    the first to take the lock builds, the others wait for it and read the same folder. Only for
    builds that no test writes into."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's own folder, above each worker's
    folder, done = shared / name, shared / f"{name}.ok"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            if folder.exists():  # a build that failed in another worker: again, to report its error here
                shutil.rmtree(folder)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def _build_with(engine: str):
    def build(folder: Path) -> None:
        if engine == "mkdocs":
            result = run_build(ROOT, folder, {"DPUP_OFFLINE_ZIP": "1"})
        else:
            result = engine_build(engine, folder / "site")
        assert result.returncode == 0, f"{engine} build failed:\n{result.stdout}\n{result.stderr}"

    return build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content, built once as `mkdocs build --strict` builds it: with the offline zip
    (or by the engine DPUP_TEST_ENGINE names)."""
    folder = shared_build(tmp_path_factory, f"built-site-{ENGINE}", _build_with(ENGINE))
    return folder if ENGINE == "mkdocs" else folder / "site"


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """The shipped content built by MkDocs, whatever DPUP_TEST_ENGINE names: what the other
    engines' sites are compared with (the same build as `built_site` when the engine is MkDocs)."""
    return shared_build(tmp_path_factory, "built-site-mkdocs", _build_with("mkdocs"))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The shipped content built by Zensical, with the toolkit's steps around it."""
    return shared_build(tmp_path_factory, "built-site-zensical", _build_with("zensical")) / "site"


def free_port() -> int:
    """A free port on 127.0.0.1, for a site whose site_url must be known before it is built."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 (a free port), for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright's own browser download is not available here."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./dev test, which installs Debian's Chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items):
    """Tests that share a module-scoped fixture (most build a site of their own) run on one
    pytest-xdist worker (`--dist loadgroup`, as ./dev test runs), so the fixture is made once a
    run, not once a worker. Other tests go to whichever worker is free, long-running ones first:
    workers take tests in this order, and a long test taken last keeps the run waiting for it.
    The long tests take turns by module, so the first two workers start on different builds."""
    turns: dict[str, int] = {}

    def turn(item) -> tuple[int, int]:
        if item.get_closest_marker("long_running") is None:
            return (1, 0)
        turns[item.module.__name__] = turns.get(item.module.__name__, -1) + 1
        return (0, turns[item.module.__name__])

    items.sort(key=turn)
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        for name in info.names_closure:
            definitions = info.name2fixturedefs.get(name, ())
            if definitions and definitions[-1].scope == "module":
                item.add_marker(pytest.mark.xdist_group(item.module.__name__))
                break
