"""After the engine: what is done to the built site on disk, whatever engine built it.

The offline copy is made here from the built site, not by building it again: every page keeps
its place (`tools/purpose-statement/index.html`) and every link to a folder is pointed at that
folder's `index.html`, which a browser opens from disk (a folder link does not). No engine
imports: this reads and writes files only.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

ZIP_PATH = "downloads/dpup-toolkit-offline.zip"
FOLDER_IN_ZIP = "dpup-toolkit"
# The 404 page and sitemaps serve a web server, not a copy opened from disk.
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
# Zip entries get this date, so that two builds of the same site give the same bytes.
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
# Material runs its search in a Web Worker, which browsers refuse on file://; this shim (in
# overrides/) runs it in a hidden iframe. Only the offline copy loads it.
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"

ZIP_LINK = re.compile(r'<a\b[^>]*\bhref="[^"]*' + re.escape(ZIP_PATH) + r'"[^>]*>(.*?)</a>', re.S)
# A relative URL in an attribute: not a scheme (mailto:, https:), not //host, /path or #id.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"?#]*)([^"]*")')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')
_CONFIG_BASE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base": "([^"]*)"')


def file_style(path: str) -> str:
    """A relative URL's path, pointed at a file: `x/` and `..` become `x/index.html`, `../index.html`."""
    if path in (".", "./"):
        return "index.html"
    if path == ".." or path.endswith("/..") or path.endswith("/."):
        return path + "/index.html"
    if path.endswith("/"):
        return path + "index.html"
    return path


def offline_page(html: str) -> str:
    """One built page as the offline copy has it: file-style links, no zip link (it would point at
    the copy itself), no canonical address, and the search worker shim."""
    html = ZIP_LINK.sub(r"\1", html)
    html = _CANONICAL.sub("", html)
    html = _URL_ATTRIBUTE.sub(lambda m: m.group(1) + file_style(m.group(2)) + m.group(3), html)
    base = _CONFIG_BASE.search(html)
    if base is not None and WORKER_SHIM not in html:
        # In the head, so before Material's bundle, which starts the search worker.
        html = html.replace("</head>", f'<script src="{base.group(1)}/{WORKER_SHIM}"></script></head>', 1)
    return html


def offline_search_index(text: str) -> str:
    """Material's search index with file-style locations, as a script (a page opened from disk
    cannot fetch JSON; Material reads it as `__index` on file://, as its offline plugin writes it)."""
    index = json.loads(text)
    for doc in index.get("docs", []):
        path, hash_mark, fragment = doc.get("location", "").partition("#")
        doc["location"] = file_style(path or ".") + hash_mark + fragment
    return "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER_IN_ZIP}/{name}", date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def make_offline_zip(site_dir: Path) -> Path:
    """The offline copy of the site built in `site_dir`, zipped into its downloads/; returns the
    zip's path. Byte for byte the same for the same site."""
    target = site_dir / ZIP_PATH
    files = sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file() and path.name not in SERVER_ONLY and path != target and path.suffix != ".gz"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in files:
            name = path.relative_to(site_dir).as_posix()
            if path.suffix == ".html":
                archive.writestr(_entry(name), offline_page(path.read_text(encoding="utf-8")))
            elif name == "search/search_index.json":
                text = path.read_text(encoding="utf-8")
                archive.writestr(_entry(name), text)
                archive.writestr(_entry("search/search_index.js"), offline_search_index(text))
            else:
                archive.writestr(_entry(name), path.read_bytes())
    partial.replace(target)
    return target
