"""Build overhead: the toolkit's full strict build against a plain Material build of the same pages
already rendered (their HTML fed back as Markdown pages; no macros, no hooks, no content loading).
Runs alternate, one after the other, so that the machine's load weighs on every build alike; the
ratio of medians and of fastest runs is reported, with the load average before each round.

Usage: .venv/bin/python bench/build_overhead.py [runs] [scale]    (default 9 runs, scale 1)
With a scale (for example 10), the content is multiplied as in bench/scaling.py, which shows
how much of the overhead is fixed per build and how much is per page.

Budgets (issue 38), each as a ratio to the plain build:
- the first build, with the cache empty (a CI run that publishes, a new user's first build),
  offline copy included: at most 1.6x;
- the build a user runs again (cache kept), offline copy included: at most 1.3x.
The site alone (DPUP_OFFLINE_ZIP=0, cache kept) is reported for comparison.

The project is copied to a temporary folder, so that its cache (`.cache/dpup/` beside the
config) is the bench's own: emptied before every first build, kept for the others.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, add_result, build, load_average, median, timed_build
from scaling import synthetic

NO_ZIP = {"DPUP_OFFLINE_ZIP": "0"}
BUDGETS = {"cold": 1.6, "warm": 1.3}

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def prerendered_site(built: Path, work: Path) -> Path:
    """A plain Material project whose pages are the built pages' content, as raw HTML."""
    docs = work / "docs"
    for page in built.rglob("index.html"):
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        relative = page.parent.relative_to(built)
        target = docs / ("index.md" if str(relative) == "." else f"{relative}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<div>\n{match.group(1)}\n</div>\n", encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "validation:\n  links:\n    not_found: info\n    unrecognized_links: info\n",
        encoding="utf-8",
    )
    return config


def project_copy(work: Path) -> Path:
    """The shipped project in a folder of the bench's own (the toolkit's code is the installed one)."""
    project = work / "project"
    for name in ("content", "quiz", "docs", "overrides", "macros"):  # macros/: mkdocs.yml watches it
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project / "mkdocs.yml"


def row(name: str, times: list[float], cpu: list[float]) -> str:
    return (
        f"| {name} | {median(times):.2f} | {min(times):.2f} | {median(cpu):.2f} | "
        f"{', '.join(f'{t:.2f}' for t in times)} |"
    )


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    scale = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        config = synthetic(work, scale) / "mkdocs.yml" if scale > 1 else project_copy(work)
        cache = config.parent / ".cache" / "dpup"
        build(config, work / "toolkit-site", NO_ZIP)
        plain_config = prerendered_site(work / "toolkit-site", work / "plain")
        pages = len(list((work / "plain" / "docs").rglob("*.md")))
        builds: dict[str, tuple[list[float], list[float]]] = {
            name: ([], []) for name in ("plain", "cold", "warm", "alone")
        }
        loads = []
        build(plain_config, work / "plain-site")  # Python's own compiled modules, for both
        for _ in range(runs):
            loads.append(load_average())
            for name in ("plain", "cold", "warm", "plain", "alone"):
                if name == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                target = work / ("plain-site" if name == "plain" else "toolkit-site")
                wall, cpu = timed_build(
                    plain_config if name == "plain" else config, target, NO_ZIP if name == "alone" else None
                )
                builds[name][0].append(wall)
                builds[name][1].append(cpu)
            loads.append(load_average())
        plain_wall, plain_cpu = builds["plain"]

        def ratios(name: str) -> tuple[float, float, float]:
            wall, cpu = builds[name]
            return median(wall) / median(plain_wall), min(wall) / min(plain_wall), median(cpu) / median(plain_cpu)

        lines = [
            f"# Build overhead{'' if scale == 1 else f' at {scale}x content'}",
            "",
            f"`bench/build_overhead.py`, {runs} rounds, {pages} pages, a fresh process per build. Each round "
            "builds plain, first (cache emptied), again, plain, site alone; the plain build runs twice a round.",
            f"Load average (1 min) before and after each round: {min(loads):.1f} to {max(loads):.1f} "
            f"(median {median(loads):.1f}; the machine has 2 cores).",
            "",
            "| Build | Median wall (s) | Fastest (s) | Median CPU (s) | Runs, wall (s) |",
            "| --- | --- | --- | --- | --- |",
            row("Plain Material, same pages pre-rendered", *builds["plain"]),
            row("First build, cache empty, offline copy included", *builds["cold"]),
            row("The build a user runs again (cache kept), offline copy included", *builds["warm"]),
            row("Site alone (DPUP_OFFLINE_ZIP=0, cache kept)", *builds["alone"]),
            "",
            "| Ratio to the plain build | Medians (wall) | Fastest (wall) | Medians (CPU) | Budget |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, label in (
            ("cold", "First build, cache empty"),
            ("warm", "Build again, cache kept"),
            ("alone", "Site alone"),
        ):
            median_ratio, fastest_ratio, cpu_ratio = ratios(name)
            budget = f"at most {BUDGETS[name]}x" if name in BUDGETS else "-"
            lines.append(f"| {label} | **{median_ratio:.2f}x** | {fastest_ratio:.2f}x | {cpu_ratio:.2f}x | {budget} |")
        add_result("build-overhead.md" if scale == 1 else f"build-overhead-x{scale}.md", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
