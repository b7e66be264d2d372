"""Time from navigation to the quiz being usable (its "Check answer" buttons shown by the script),
in Debian's Chromium, against the page's own load event measured in the same runs.

Usage: .venv/bin/python bench/quiz_ready.py [runs]     (default 7)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import ROOT, build, median, serve, write_result
from conftest import CHROMIUM, CHROMIUM_ARGS  # the browser as the tests launch it
from playwright.sync_api import sync_playwright

READY = """() => new Promise(resolve => {
  const check = () => {
    const button = document.querySelector(".dpup-question__check");
    if (button && !button.hidden) resolve(performance.now()); else requestAnimationFrame(check);
  };
  check();
})"""


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(ROOT / "mkdocs.yml", site)
        base, server = serve(site)
        ready, loaded = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                page = browser.new_page()
                page.goto(base + "quiz/intro/", wait_until="commit")
                ready.append(page.evaluate(READY))
                page.wait_for_load_state("load")
                loaded.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                page.close()
            browser.close()
        server.shutdown()
    write_result(
        "quiz-ready.md",
        [
            "# Quiz ready",
            "",
            f"`bench/quiz_ready.py`: {runs} cold loads of the quiz page in Chromium, served on 127.0.0.1.",
            "",
            f"Navigation to quiz usable (Check answer shown): median **{median(ready):.0f} ms**; page load event: "
            f"median {median(loaded):.0f} ms; ratio {median(ready) / median(loaded):.2f}.",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
