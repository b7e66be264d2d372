"""Build overhead: the toolkit's full strict build against a plain Material build of the same
pages already rendered (their HTML fed back as Markdown pages; no macros, no hooks, no content
loading). Runs alternate, one after the other, and the ratio of medians is reported.

Usage: .venv/bin/python bench/build_overhead.py [runs] [scale]    (default 7 runs, scale 1)
With a scale (for example 10), the content is multiplied as in bench/scaling.py, which shows
how much of the overhead is fixed per build and how much is per page.
Budgets (issue 18): the build a user runs, offline copy included, at most 1.5x the plain build;
the site alone (DPUP_OFFLINE_ZIP=0) at most 1.35x. (Issue 11: 1.15x at 10x content.)

The offline copy is made from the built site on disk by the finishing pass (macros/finish.py),
not by a second build. The three builds run in turn, in every run.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from common import ROOT, build, median, write_result
from scaling import synthetic

NO_ZIP = {"DPUP_OFFLINE_ZIP": "0"}

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


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    scale = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        config = synthetic(work, scale) / "mkdocs.yml" if scale > 1 else ROOT / "mkdocs.yml"
        build(config, work / "toolkit-site", NO_ZIP)
        plain_config = prerendered_site(work / "toolkit-site", work / "plain")
        pages = len(list((work / "plain" / "docs").rglob("*.md")))
        toolkit, plain, with_zip = [], [], []
        build(plain_config, work / "plain-site")  # warm both once
        build(config, work / "toolkit-site", NO_ZIP)
        for _ in range(runs):
            toolkit.append(build(config, work / "toolkit-site", NO_ZIP))
            plain.append(build(plain_config, work / "plain-site"))
            with_zip.append(build(config, work / "toolkit-site"))
        ratio = median(toolkit) / median(plain)
        user_ratio = median(with_zip) / median(plain)
        # On a shared machine the fastest run of each is the least disturbed: reported as well.
        fastest = (min(with_zip) / min(plain), min(toolkit) / min(plain))
        write_result(
            "build-overhead.md" if scale == 1 else f"build-overhead-x{scale}.md",
            [
                f"# Build overhead{'' if scale == 1 else f' at {scale}x content'}",
                "",
                f"`bench/build_overhead.py`, {runs} alternating runs each, {pages} pages, fresh process per build.",
                "",
                "| Build | Median (s) | Runs (s) |",
                "| --- | --- | --- |",
                f"| Toolkit site alone (content, validation, macros, plugin; DPUP_OFFLINE_ZIP=0) | {median(toolkit):.2f} | {', '.join(f'{t:.2f}' for t in toolkit)} |",
                f"| Plain Material, same pages pre-rendered | {median(plain):.2f} | {', '.join(f'{t:.2f}' for t in plain)} |",
                f"| The build a user runs (`mkdocs build`, offline copy included) | {median(with_zip):.2f} | "
                f"{', '.join(f'{t:.2f}' for t in with_zip)} |",
                "",
                f"Ratio, the user's build to the plain build: **{user_ratio:.2f}x** (budget at most 1.5x).",
                f"Ratio, site alone to the plain build: **{ratio:.2f}x** (budget at most {1.35 if scale == 1 else 1.15}x).",
                f"Fastest runs compared: user's build {fastest[0]:.2f}x, site alone {fastest[1]:.2f}x.",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
