"""What each of the cache's stores buys: the build a user runs (offline copy included) with the cache
kept, against the same build with one store emptied first, and with the whole cache emptied.
Builds alternate in every round; the CPU time (user and system) of each build is reported beside
the wall time, as it varies far less on a loaded machine.

Usage: .venv/bin/python bench/cache_stores.py [rounds]    (default 3)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from build_overhead import project_copy
from common import load_average, median, timed_build, write_result

STORES = ("content", "word", "templates", "marked", "offline-zip")


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        config = project_copy(work)
        cache = config.parent / ".cache" / "dpup"
        timed_build(config, work / "site")
        builds: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in ("kept", *STORES, "empty")}
        loads = []
        for _ in range(rounds):
            loads.append(load_average())
            for name in builds:
                if name == "empty":
                    shutil.rmtree(cache)
                elif name != "kept":
                    (cache / f"{name}.pickle").unlink()
                wall, cpu = timed_build(config, work / "site")
                builds[name][0].append(wall)
                builds[name][1].append(cpu)
            loads.append(load_average())
        kept_cpu = median(builds["kept"][1])
        lines = [
            "# What each store of the cache buys",
            "",
            f"`bench/cache_stores.py`, {rounds} rounds: the build a user runs (offline copy included) with the "
            "cache kept, then with one store emptied, in turn. Load average (1 min) "
            f"{min(loads):.1f} to {max(loads):.1f} (2 cores).",
            "",
            "| Store emptied | Median CPU (s) | CPU it buys (s) | Median wall (s) | Runs, CPU (s) |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, (wall, cpu) in builds.items():
            lines.append(
                f"| {name} | {median(cpu):.2f} | {median(cpu) - kept_cpu:+.2f} | {median(wall):.2f} | "
                f"{', '.join(f'{value:.2f}' for value in cpu)} |"
            )
        write_result("cache-stores.md", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
