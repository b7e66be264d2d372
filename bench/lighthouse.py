"""Lighthouse scores for key pages (a benchmark, not a test: scores vary from run to run).

Usage: .venv/bin/python bench/lighthouse.py      (needs npm; fetches lighthouse@12 once)
Builds the site, serves it on 127.0.0.1, runs Lighthouse in Debian's Chromium on each page, and
writes bench/results/lighthouse.md. Targets: accessibility 100, best practices 100, SEO >= 95,
performance >= 95.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "", "principle": "principles/kaitiakitanga/", "quiz": "quiz/intro/", "self-check": "maturity/self-check/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="dpup-lighthouse-"))
    site = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    for name, path in PAGES.items():
        report = work / f"{name}.json"
        subprocess.run(
            ["npx", "--yes", "lighthouse@12", base + path, "--quiet", "--output=json", f"--output-path={report}",
             f"--chrome-flags={FLAGS}", "--only-categories=" + ",".join(CATEGORIES), "--preset=desktop"],
            env={**env, "CHROME_PATH": "/usr/bin/chromium"}, check=True, timeout=600,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
        scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
        rows.append((name, path or "/", scores))
        print(name, scores, flush=True)
    server.shutdown()
    lines = ["# Lighthouse scores", "", "Measured by `bench/lighthouse.py` (Lighthouse 12, desktop preset, Debian Chromium).",
             "", "| Page | Path | Performance | Accessibility | Best practices | SEO |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {n} | `{p}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for n, p, s in rows]
    (ROOT / "bench" / "results" / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
