"""Shared helpers for the benchmarks: builds, a local server, medians. Benchmarks print ratios
measured side by side in one run, because these machines are noisy; absolute times are context."""

from __future__ import annotations

import functools
import http.server
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The benchmarks drive Chromium exactly as the tests do (tests/conftest.py holds its flags).
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = ROOT / "bench" / "results"
# Builds run as on a user's machine: Python keeps its compiled modules. With PYTHONDONTWRITEBYTECODE
# set (some sandboxes set it), the toolkit's own modules, not installed by pip, were compiled from
# source in every build (about 0.06-0.09 s here), while the libraries came compiled.
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
    "DPUP_SITE_URL": "",
}


def build(config_file: Path, site_dir: Path, extra_env: dict | None = None) -> float:
    """One strict build in a fresh process; returns wall seconds."""
    return timed_build(config_file, site_dir, extra_env)[0]


def timed_build(config_file: Path, site_dir: Path, extra_env: dict | None = None) -> tuple[float, float]:
    """One strict build in a fresh process; returns wall seconds and the CPU seconds it used (user
    and system): on a loaded machine the CPU time varies far less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env={**ENV, **(extra_env or {})},
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load_average() -> float:
    """The machine's load average over the last minute (0 where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def median(values) -> float:
    return statistics.median(values)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1; returns (base_url, server). Call server.shutdown() when done."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def add_result(name: str, lines: list[str]) -> None:
    """`lines` (a title, then the run's tables) as the newest run at the top of results/`name`,
    under a heading with the date and the commit; the runs recorded before stay below it."""
    path = RESULTS / name
    title, body = lines[0], lines[1:]
    earlier = path.read_text(encoding="utf-8").split("\n", 1)[1].lstrip("\n") if path.is_file() else ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    now = time.gmtime()
    when = f"{now.tm_mday} {time.strftime('%B %Y, %H:%M UTC', now)}"
    write_result(name, [title, "", f"## {when}, {commit or 'no commit'}", *body, "", earlier.rstrip("\n")])


def write_result(name: str, lines: list[str]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
