"""Page weight: the project's own JS and CSS each page loads, gzipped (theme files not counted).

Usage: .venv/bin/python bench/page_weight.py
Counts what the HTML links (assets/dpup/...) plus the scripts widgets.js loads for the page's
widgets (data-dpup-scripts). Budget (issue 36): at most 38 KB for all widgets together (quiz,
trainer, self-check, checklists; 35 KB before the widget scripts were written for readers), and at
most 25 KB for any one page; pages without a widget load no widget code.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

from common import ROOT, build, write_result

sys.path.insert(0, str(ROOT))
from macros.assets import ON_REQUEST  # the project's own package, beside bench/

PAGES = {
    "home": "index.html",
    "principle": "principles/kaitiakitanga/index.html",
    "quiz": "quiz/intro/index.html",
    "trainer": "quiz/intro/trainer/index.html",
    "self-check": "maturity/self-check/index.html",
    "checklist": "tools/transparency-choice-checklist/index.html",
    "purpose statement": "tools/purpose-statement/index.html",
}


BUDGET_ALL = 38  # KB, all widgets together (issue 36; 35 in issue 20)
BUDGET_PAGE = 25  # KB, the heaviest page

# The figures before issue 20 item 14 (comments stripped only; one widgets.css with every widget's
# styles; print.css and theme-fixes.js as files of their own), for comparison.
BEFORE = [
    "Before (comments and indentation stripped only, one widgets.css with every widget's styles, print.css "
    "and theme-fixes.js apart), in KB: home 6.6, principle 6.6, quiz 14.2, trainer 20.4, self-check 29.8 "
    "(JS 21.1, CSS 8.7), checklist 15.5, purpose statement 15.5; all widgets 41.9.",
    "",
    "Minified, before the answers component was served as one answers.js (answers-core.js and answers-store.js "
    "apart, the quiz loading only the store) and before the pass that removed dead exports and covered print "
    "rules, in KB: home 5.3, quiz 10.5, trainer 17.1, self-check 24.5, checklist 11.4; all widgets 36.1 "
    "(36,953 bytes). Shared helpers for repeated patterns were measured and left out: under gzip a repeat costs a "
    "few bytes, and a table helper for the report made selfcheck.js 27 bytes heavier.",
    "Before widgets.js kept what a person chooses or types while a widget's scripts load (0.2 KB, in the loader "
    "every page runs), in KB: home 5.3, quiz 11.1, trainer 17.0, self-check 24.3, checklist 11.4; all widgets 35.7 "
    "(36,527 bytes).",
    "Before the pass that wrote repeated code once in every widget's scripts and styles (stop 26), in KB: home 5.6, "
    "quiz 11.4, trainer 17.3, self-check 24.6, checklist 11.7; all widgets 36.0 (36,894 bytes).",
    "Before the self-check's spreadsheet files loaded on request (issue 31: the ratings and plan tables, their "
    "CSVs and the new .xlsx workbook moved to selfcheck-sheets.js, which loads when one is asked for and is not "
    "counted; DPUP.loadScript in widgets.js; the CSV guard's plain-number rule), measured before the trainer and "
    "accessibility merges, in KB: home 5.4, self-check 23.8; all widgets 34.9 (35,705 bytes); after it, self-check "
    "23.6, all widgets 35,567 bytes (138 fewer).",
    "Before issue 30 (never lose saved work: the undo that keeps later work, unreadable saves kept apart, early "
    "typing added to saved text, lost typing quoted; the undo, the file check and the unreadable-answers notice "
    "loaded when needed), after the trainer, accessibility and spreadsheet merges, in KB: home 5.5, quiz 11.2, "
    "self-check 23.7, checklist 11.4; all widgets 37,218 bytes.",
    "Before issue 36 (widget scripts written for the next reader: the quiz and trainer as classes with declared "
    "private state, one check of every widget's parts, the self-check's shared object declared in code, JSDoc, "
    "readable names and lines; issue 30's and 31's merges and the no-JavaScript pass included), in KB: home 5.6, "
    "quiz 12.0, trainer 19.1, self-check 24.7 (25,315 bytes), checklist 12.5; all widgets 37.7 (38,641 bytes). "
    "After it: 791 bytes more (selfcheck.js +363, 243 of them the declared shape of its shared object; answers.js "
    "+216 for DPUP.Widget and MissingPartError; trainer.js +147; quiz.js +65), which misses both budgets: all "
    "widgets by 520 bytes, the self-check page by 294.",
    "Before the self-check's remaining scripts were rewritten to issue 36's rules (core, merge, import, undo, "
    "sheets, files, plan, report and selfcheck.js), after the trainer's answer fitting: self-check 25,894 bytes, "
    "all widgets 39,643; selfcheck.js 15,264, selfcheck-import.js 1,247. The rewrite itself adds 78 bytes to "
    "selfcheck.js (the SelfCheck class, one helper each for what the report, the page and the dialogs share). "
    "Code that runs only once a person has chosen a file now loads with it: colleagues' ratings side by side "
    "(consolidate(), the table, adding their files) in the new selfcheck-colleagues.js (1,334 bytes), 663 bytes "
    "out of selfcheck.js; continuing from a file (the question before it replaces answers, the replacement, the "
    "count of what it changes) in selfcheck-import.js (now 1,958), 459 bytes out. After it: selfcheck.js 14,220 "
    "bytes (1,044 fewer), self-check page 24,850, all widgets 38,599.",
]


def own_files(site: Path, page: str) -> list[Path]:
    html = (site / page).read_text(encoding="utf-8")
    found = [re.sub(r"^(\.\./)+", "", ref) for ref in re.findall(r'(?:src|href)="([^"]*assets/dpup/[^"]+)"', html)]
    files = [site / ref for ref in found]
    for names in re.findall(r'data-dpup-scripts="([^"]*)"', html):
        files += [site / "assets" / "dpup" / "js" / name for name in names.split()]
    return list(dict.fromkeys(files))


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(ROOT / "mkdocs.yml", site)
        lines = [
            "# Page weight",
            "",
            "Own JS and CSS each page loads, gzip -9, measured by `bench/page_weight.py`.",
            "",
            "| Page | Files | JS (KB) | CSS (KB) | Total (KB) |",
            "| --- | --- | --- | --- | --- |",
        ]
        budget_files: set[Path] = set()  # the budget as set: quiz, self-check and checklists
        trainer_files: set[Path] = set()
        weights: dict[str, float] = {}
        for name, page in PAGES.items():
            files = own_files(site, page)
            if name in ("quiz", "self-check", "checklist", "purpose statement"):
                budget_files.update(files)
            if name == "trainer":
                trainer_files.update(files)
            js = sum(gz(f) for f in files if f.suffix == ".js") / 1024
            css = sum(gz(f) for f in files if f.suffix == ".css") / 1024
            lines.append(f"| {name} | {len(files)} | {js:.1f} | {css:.1f} | {js + css:.1f} |")
            weights[name] = js + css
        together = sum(gz(f) for f in budget_files) / 1024
        with_trainer = sum(gz(f) for f in budget_files | trainer_files) / 1024
        verdict = "meets" if with_trainer <= BUDGET_ALL else "misses"
        all_bytes = sum(gz(f) for f in budget_files | trainer_files)
        heaviest = max(weights, key=weights.get)
        lines += [
            "",
            f"Quiz, self-check and checklists together, each file once, site stylesheet and loader "
            f"included: {together:.1f} KB. With trainer mode as well (all widgets): **{with_trainer:.1f} KB** ({all_bytes:,} bytes) "
            f"({verdict} the {BUDGET_ALL} KB budget). Heaviest page: {heaviest}, **{weights[heaviest]:.1f} KB** "
            f"({'meets' if weights[heaviest] <= BUDGET_PAGE else 'misses'} the {BUDGET_PAGE} KB budget).",
            "",
            "Served files are minified at build time by tdewolff-minify (`compact()` in macros/assets.py; "
            "the sources keep their comments and names; each part of a served script alone). print.css rides in "
            "dpup.css and theme-fixes.js in widgets.js; the widgets' styles ride in widgets.css, except the "
            "trainer's own trainer.css; each component's scripts ride in one file named after it (answers.js: the "
            "answer rules, the store and the DOM helpers every widget shares). "
            "print.css was linked as a plain stylesheet (its rules inside @media print), so every page "
            "downloaded it before rendering: it is counted, as it was before.",
            "",
            "Loaded only when needed, and not counted above (`ON_REQUEST` in macros/assets.py): "
            + ", ".join(
                f"{name.split('/')[-1]} {gz(site / 'assets' / 'dpup' / name) / 1024:.1f} KB" for name in ON_REQUEST
            )
            + " (the self-check's spreadsheet files when one is asked for, its undo once an undo is offered, its "
            "file check once a file is chosen, colleagues' ratings side by side once their files are chosen, and "
            "the notice for saved answers that could not be read, on a visit that has some).",
            "",
            *BEFORE,
        ]
        write_result("page-weight.md", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
