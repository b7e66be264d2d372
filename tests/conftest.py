"""Shared fixtures: the project root, a strict build of the shipped site, and a local server."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Debian's Chromium by default; DPUP_CHROMIUM points elsewhere (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("DPUP_CHROMIUM", "/usr/bin/chromium")
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content, built once as `mkdocs build --strict` builds it: with the offline zip."""
    site_dir = tmp_path_factory.mktemp("site")
    if ENGINE != "mkdocs":
        result = engine_build(ENGINE, site_dir / "site")
        assert result.returncode == 0, f"{ENGINE} build failed:\n{result.stdout}\n{result.stderr}"
        return site_dir / "site"
    result = run_build(ROOT, site_dir, {"DPUP_OFFLINE_ZIP": "1"})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


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
        pytest.fail(f"{CHROMIUM} is missing: run ./dev test, which installs Debian's chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
