"""Lighthouse scores for key pages, mobile and desktop (a benchmark, not a test: scores vary).

Usage: .venv/bin/python bench/lighthouse.py      (needs npm; fetches lighthouse@12 once)
Builds the site, serves it on 127.0.0.1 the way GitHub Pages serves it (gzip for text files,
ETag and a 10-minute cache), runs Lighthouse in Debian's Chromium on each page with the mobile
preset (Lighthouse's default: a mid-range phone on a slow 4G connection) and the desktop preset,
and writes bench/results/lighthouse.md. Targets: performance >= 95; accessibility, best
practices and SEO 100.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "principle": "principles/kaitiakitanga/",
    "quiz": "quiz/intro/",
    "self-check": "maturity/self-check/",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
# GitHub Pages compresses these; images, fonts and zips go as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


# The scores before issue 20 item 14 (served files only comment-stripped), for comparison.
BEFORE = [
    "Before the served files were minified (issue 20 item 14): mobile performance 100 (home), 100 (principle), "
    "99 (quiz), 98 (self-check); desktop 100 throughout; accessibility, best practices and SEO 100 throughout.",
]


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, with GitHub Pages' caching headers."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, compresslevel=6), "gzip"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return _Body(body)


class _Body:
    """The bytes to send, shaped like the file object SimpleHTTPRequestHandler copies from."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_lighthouse(url: str, preset: str, report: Path, env: dict) -> dict[str, int]:
    command = [
        "npx",
        "--yes",
        "lighthouse@12",
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(
        command, env={**env, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}, check=True, timeout=600
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="dpup-lighthouse-"))
    site = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True
    )
    server, base = serve(site)
    rows = []
    try:
        # One run thrown away: the first Lighthouse run after npx starts pays for cold caches.
        run_lighthouse(base, "mobile", work / "warm-up.json", env)
        for preset in PRESETS:
            for name, path in PAGES.items():
                scores = run_lighthouse(base + path, preset, work / f"{preset}-{name}.json", env)
                rows.append((preset, name, path or "/", scores))
                print(preset, name, scores, flush=True)
    finally:
        server.shutdown()
    lines = [
        "# Lighthouse scores",
        "",
        "Measured by `bench/lighthouse.py`: Lighthouse 12 (npm) in Debian's Chromium, both presets, the site",
        "served on 127.0.0.1 gzip-compressed with a 10-minute cache, as GitHub Pages serves it. The mobile",
        "preset simulates a mid-range phone on a slow 4G connection. Targets: performance at least 95;",
        "accessibility, best practices and SEO 100. Scores vary by a few points from run to run on a busy machine.",
        "",
        "| Preset | Page | Path | Performance | Accessibility | Best practices | SEO |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {preset} | {n} | `{p}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for preset, n, p, s in rows
    ]
    lines += ["", *BEFORE]
    (ROOT / "bench" / "results" / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
