"""Editor loop: time from saving a YAML file to the changed page being served by `mkdocs serve`.

Usage: .venv/bin/python bench/editor_loop.py [edits]     (default 5)
Runs `mkdocs serve` on a copy of the project, changes a principle's summary in content/, and
polls the principle page until the new text appears. Target: median under 1.0 s on the shipped content.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ENV, ROOT, add_result, load_average, median


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far: on a loaded machine the time a
    rebuild takes on the clock says more about the load than about the rebuild (Linux only)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        for name in ("content", "quiz", "docs", "overrides", "macros"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/principles/kaitiakitanga/"
        try:
            deadline = time.monotonic() + 60
            while "Kaitiakitanga" not in fetch(url):
                if time.monotonic() > deadline:
                    raise SystemExit("mkdocs serve did not start")
                time.sleep(0.2)
            principles = project / "content" / "principles.yml"
            original = principles.read_text(encoding="utf-8")
            times, loads, cpu = [], [load_average()], []
            for edit in range(edits):
                marker = f"Benchmark edit {edit}."
                saved = time.monotonic()
                cpu_before = cpu_seconds(server.pid)
                principles.write_text(
                    original.replace(
                        "summary: Act as a steward in a way that people understand and trust.",
                        f"summary: Act as a steward in a way that people understand and trust. {marker}",
                    ),
                    encoding="utf-8",
                )
                while marker not in fetch(url):
                    if time.monotonic() - saved > 60:
                        raise SystemExit("the edit never appeared")
                    time.sleep(0.05)
                times.append(time.monotonic() - saved)
                cpu.append(cpu_seconds(server.pid) - cpu_before)
                loads.append(load_average())
                time.sleep(1.5)  # let the watcher settle before the next edit
        finally:
            server.terminate()
            server.wait(timeout=20)
    add_result(
        "editor-loop.md",
        [
            "# Editor loop",
            "",
            f"`bench/editor_loop.py`: {edits} edits of `content/principles.yml` under `mkdocs serve`.",
            "",
            f"Save to changed page served: median **{median(times):.2f} s** (runs: {', '.join(f'{t:.2f}' for t in times)}; "
            "target under 1.0 s). Includes MkDocs' file-watcher delay and the full rebuild.",
            "",
            f"CPU time of the server from the save to the page served (the rebuild, load aside): median "
            f"{median(cpu):.2f} s (runs: {', '.join(f'{t:.2f}' for t in cpu)}).",
            f"Load average (1 min) during the edits: {min(loads):.1f} to {max(loads):.1f} (the machine has 2 cores).",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
