"""The whole site as a zip that works opened from disk: a second build with file-style URLs
(page.html rather than page/), zipped into the main site's downloads/ folder. The MkDocs hook
makes it after every `mkdocs build` (and so `mkdocs gh-deploy`); `dpup-toolkit offline-zip`
makes it for a site built without it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ZIP_PATH = "downloads/dpup-toolkit-offline.zip"
FOLDER_IN_ZIP = "dpup-toolkit"
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def make_offline_zip(config_file: Path, site_dir: Path, extra_env: dict | None = None) -> Path:
    """Build the offline copy and write it to site_dir/downloads/; return the zip's path."""
    with tempfile.TemporaryDirectory(prefix="dpup-offline-") as work:
        offline = Path(work) / FOLDER_IN_ZIP
        # The copy itself makes no zip (DPUP_OFFLINE_BUILD): it would build itself forever.
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "DPUP_SITE_URL": "",
            "DPUP_OFFLINE_BUILD": "1",
            **(extra_env or {}),
        }
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                # Never --quiet: it drops warnings before --strict can count them, so a warning
                # that only this build raises would pass unseen.
                "--strict",
                "--no-directory-urls",
                "-f",
                str(config_file),
                "-d",
                str(offline),
            ],
            cwd=config_file.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            output = f"{result.stdout}{result.stderr}"
            said = [line for line in output.splitlines() if not line.startswith("INFO")]
            raise RuntimeError("the offline copy did not build:\n" + "\n".join(said)[-20000:])
        write_search_script(offline)
        target = site_dir / ZIP_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(offline.rglob("*")):
                # The 404 page and sitemaps serve a web server, not a copy opened from disk.
                if path.is_file() and path.name not in SERVER_ONLY:
                    archive.write(path, Path(FOLDER_IN_ZIP) / path.relative_to(offline))
    return target


def write_search_script(offline: Path) -> None:
    """Ship the search index as a script, which a page opened from disk can load (it cannot fetch
    JSON there): Material reads it as `__index` on file://, as its own offline plugin writes it."""
    index = offline / "search" / "search_index.json"
    if index.is_file():
        (offline / "search" / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
        )
