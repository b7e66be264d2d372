"""`dpup-toolkit serve --engine zensical` (./dev serve --engine zensical): a preview of the site as
Zensical builds it, which rebuilds after every save and shows what to fix when a save breaks it.

`zensical serve` cannot be the preview. It serves a config file, and the config Zensical builds
from is the staged one (`.dpup/mkdocs.yml`, macros/stage.py), which the toolkit writes before
each build from content/, quiz/, docs/ and the site's own mkdocs.yml: Zensical watches only the
staged copy, never sees an edit to those, and runs none of the toolkit's steps around its build.

So the toolkit previews by itself: it builds with `engines.build` (the same build as
`dpup-toolkit build --engine zensical`, without the offline zip), serves the built site on
127.0.0.1 with Python's http.server, and watches the project's files. A failed build writes the
list of errors over every page, the same page `mkdocs serve` shows (macros/errorpage.py). Each
HTML page is served with a short script that waits for the next build and then reloads.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errorpage import write_error_pages

# Folders of a project that are never what a person edits for the site.
_NOT_WATCHED = {".git", ".dpup", ".venv", "node_modules", "site", "__pycache__", "schemas"}
# Seconds between looks at the project's files, as `mkdocs serve` with the toolkit (0.1 to 0.5).
POLL_SECONDS = 0.2
# How long a page's wait for the next build is held before it asks again.
WAIT_SECONDS = 25
WAIT_PATH = "/__dpup/wait"

_RELOAD = """<script>
// Added by the toolkit's preview (macros/preview.py): reload when the site has been built again.
(function waitForBuild(version) {
  fetch("%s?version=" + version)
    .then(function (response) { return response.text(); })
    .then(function (latest) {
      if (latest !== String(version)) location.reload();
      else waitForBuild(version);
    }, function () { setTimeout(function () { waitForBuild(version); }, 1000); });
})(%d);
</script>"""


def watched_files(root: Path, extra: list[Path]) -> Iterator[Path]:
    """Every file of the project (its folder and the folders it names elsewhere, such as an
    agency's content), except build output and tools' folders."""
    for top in [root, *extra]:
        if top.is_file():
            yield top
            continue
        for folder, folders, files in os.walk(top):
            folders[:] = sorted(name for name in folders if name not in _NOT_WATCHED and not name.startswith("."))
            for name in files:
                yield Path(folder) / name


def snapshot(files: Iterator[Path]) -> dict[Path, tuple[int, int]]:
    found = {}
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue  # removed while looking
        found[path] = (status.st_mtime_ns, status.st_size)
    return found


class Preview:
    """The built site in `site_dir`, built again by `build()` (which raises with the message to
    show) whenever `files()` changes; `version` counts the builds, for the pages' reload script."""

    def __init__(self, site_dir: Path, build: Callable[[], object], files: Callable[[], Iterator[Path]]):
        self.site_dir = site_dir
        self.build = build
        self.files = files
        self.version = 0
        self.seen: dict[Path, tuple[int, int]] = {}  # the files as the last build found them
        self.built = threading.Condition()
        # Every page a good build made: a failed build shows its errors on each of them.
        self.pages: set[Path] = {Path("index.html")}

    def rebuild(self) -> bool:
        # Taken before the build, so that a save made while it builds is built next.
        self.seen = snapshot(self.files())
        started = time.perf_counter()
        try:
            self.build()
        except Exception as error:  # whatever stops the build is shown, and the preview goes on
            write_error_pages(self.site_dir, self.pages, [str(error)])
            print(
                f"{error}\nThe site could not be built; each page shows why until the next good save.", file=sys.stderr
            )
            ok = False
        else:
            self.pages |= {path.relative_to(self.site_dir) for path in self.site_dir.rglob("*.html")}
            print(f"Built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            ok = True
        with self.built:
            self.version += 1
            self.built.notify_all()
        return ok

    def wait_for_build(self, seen: int, seconds: float = WAIT_SECONDS) -> int:
        """The build's version once it is not `seen` any more (or after `seconds`)."""
        with self.built:
            self.built.wait_for(lambda: self.version != seen, timeout=seconds)
            return self.version

    def watch(self, stop: threading.Event) -> None:
        """Build again after each change to the project's files, until `stop` is set."""
        while not stop.wait(POLL_SECONDS):
            if snapshot(self.files()) != self.seen:
                self.rebuild()


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format, *args):
        pass  # the terminal shows builds and errors, not every request

    def do_GET(self):
        address = urlsplit(self.path)
        if address.path == WAIT_PATH:
            seen = parse_qs(address.query).get("version", ["-1"])[0]
            version = self.preview.wait_for_build(int(seen) if seen.lstrip("-").isdigit() else -1)
            return self._send(200, str(version).encode(), "text/plain; charset=utf-8")
        target = Path(self.translate_path(address.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            status = 200 if target.is_file() else 404
            page = target if status == 200 else self.preview.site_dir / "404.html"
            html = page.read_text(encoding="utf-8") if page.is_file() else "<!doctype html><title>Not found</title>"
            script = _RELOAD % (WAIT_PATH, self.preview.version)
            body = html.replace("</body>", script + "</body>", 1) if "</body>" in html else html + script
            return self._send(status, body.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(preview: Preview, host: str, port: int) -> int:
    """Build, serve and watch until interrupted (Ctrl+C); 1 when the address cannot be used."""
    handler = functools.partial(type("Handler", (_Handler,), {"preview": preview}), directory=str(preview.site_dir))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        print(
            f"Cannot serve on {host}:{port}: {error.strerror} (another preview? try -a {host}:{port + 1})",
            file=sys.stderr,
        )
        return 1
    server.daemon_threads = True
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), name="dpup-watch", daemon=True)
    watcher.start()
    print(f"Serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


def serve_zensical(config_file: Path, host: str, port: int) -> int:
    """The Zensical preview of the site `config_file` describes, from a temporary folder."""
    from .build import project_folders, read_settings
    from .engines import build
    from .siteconfig import SiteConfig, inherit_chain, read_config
    from .yamlfile import ContentErrors

    def files() -> Iterator[Path]:
        extra = inherit_chain(config_file)
        try:  # content kept outside the project (DPUP_CONTENT_DIR, an agency's settings)
            config = SiteConfig.of(read_config(config_file), config_file)
            folders = project_folders(config, read_settings(config))
            extra += [folders.content, folders.quiz, folders.docs]
        except ContentErrors:
            pass  # the build says what is wrong; the project's own folder is watched meanwhile
        outside = [path for path in extra if not path.resolve().is_relative_to(config_file.parent.resolve())]
        return watched_files(config_file.parent, outside)

    site_dir = Path(tempfile.mkdtemp(prefix="dpup-preview-"))
    env = {"DPUP_OFFLINE_ZIP": "0"}  # as `mkdocs serve`: the zip is made by a build, not a preview
    preview = Preview(site_dir, lambda: build("zensical", config_file, site_dir, extra_env=env), files)
    try:
        return serve(preview, host, port)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
