"""Scaling: build time per page and peak memory with the content multiplied 1x, 10x and 100x.

Usage: .venv/bin/python bench/scaling.py [factors...]     (default: 1 10 100)
Synthetic content: the shipped content plus copies of every element (with its criteria), tool,
role and quiz under new ids. Target: time per page within 1.2x of the 1x figure.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ENV, ROOT, write_result

COPIED = {"content/maturity/elements": "element-", "content/tools": "tool-", "content/roles": "role-", "quiz": "quiz-"}


def synthetic(work: Path, factor: int) -> Path:
    """A project folder whose content is the shipped content times `factor`."""
    project = work / f"x{factor}"
    for name in ("content", "quiz", "docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder, prefix in COPIED.items():
        for path in sorted((project / folder).glob("*.yml")):
            text = path.read_text(encoding="utf-8")
            own = re.search(rf"^id: ({prefix}[a-z0-9-]+)$", text, re.M).group(1)
            for copy in range(1, factor):
                # Only the item's own id (and its children's ids) change; references stay valid.
                renamed = re.sub(rf"\b{re.escape(own)}(?=[.\s]|$)", f"{own}-c{copy}", text)
                if prefix == "quiz-":  # a quiz's pages and pack are named after its file
                    target = path.with_name(f"{path.stem}-c{copy}.yml")
                else:
                    target = path.with_name(f"{own}-c{copy}.yml")
                target.write_text(renamed, encoding="utf-8")
    return project


def measure(project: Path) -> tuple[float, int, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(project / "site")],
        cwd=project,
        env=ENV,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    return seconds, pages, max(peak, before) / 1024


def main() -> int:
    factors = [int(f) for f in sys.argv[1:]] or [1, 10, 100]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for factor in factors:
            project = synthetic(Path(folder), factor)
            seconds, pages, peak = measure(project)
            rows.append((factor, pages, seconds, peak))
            print(f"{factor}x: {pages} pages in {seconds:.1f} s, peak {peak:.0f} MB", flush=True)
            shutil.rmtree(project)
    base = rows[0][2] / rows[0][1]
    lines = [
        "# Scaling",
        "",
        "`bench/scaling.py`: the shipped content multiplied (elements with their criteria, "
        "tools, roles, quizzes), one strict build each.",
        "",
        "| Content | Pages | Build (s) | Per page (ms) | Per page vs 1x | Peak memory (MB) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for factor, pages, seconds, peak in rows:
        per_page = seconds / pages
        lines.append(
            f"| {factor}x | {pages} | {seconds:.1f} | {per_page * 1000:.0f} | {per_page / base:.2f}x | {peak:.0f} |"
        )
    write_result("scaling.md", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
