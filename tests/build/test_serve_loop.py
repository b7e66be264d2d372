"""`mkdocs serve` survives mistakes: a broken save shows its errors on the page being viewed and
in the terminal, the server keeps running, and the next good save brings the site back.

A real server on a free port, over a copy of the minimal content; each step saves a file and
fetches the page a person has open, until it shows what it should (each fetch answers at once:
a request that waits on a failed build is a failure).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, ROOT, free_port

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TOOL_PAGE = "tools/check-your-actions/"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def until(url: str, wanted: str, seconds: float = 60) -> str:
    """Fetch `url` until its HTML contains `wanted` (MkDocs rebuilds a moment after a save)."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = fetch(url)
        # TimeoutError: the Zensical preview listens from the start and answers once its first
        # build is done, which takes longer than fetch's 15 seconds on a loaded machine.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            text = ""
        if wanted in text:
            return text
        time.sleep(0.2)  # polling a separate process's HTTP server; no browser involved
    raise AssertionError(f"{url} never showed {wanted!r}; last answer:\n{text[:2000]}")


@contextlib.contextmanager
def serving(tmp_path: Path, break_content=None):
    """A real `mkdocs serve` over a copy of the minimal content; `break_content(root)` spoils it first."""
    shutil.copytree(MINIMAL, tmp_path, dirs_exist_ok=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n{{ cards('tool') }}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Serve\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n  - dpup\n"
        "watch:\n  - content\n  - quiz\n",
        encoding="utf-8",
    )
    if break_content:
        break_content(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*MKDOCS, "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def server(tmp_path):
    with serving(tmp_path) as (base, process):
        until(base + TOOL_PAGE, "Check your actions align with DPUP", seconds=120)
        yield tmp_path, base, process


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_yaml_shows_the_error_on_the_open_page_and_a_fix_brings_it_back(server):
    root, base, process = server
    principles = root / "content" / "principles.yml"
    save(principles, "    order: 1\n", "    order: [1\n")
    page = until(base + TOOL_PAGE, "The site could not be built")
    assert "content/principles.yml:5: (file): YAML syntax error" in page
    assert "<script>" in page  # the server's reload script: the page comes back by itself
    save(principles, "    order: [1\n", "    order: 1\n")
    until(base + TOOL_PAGE, "Check your actions align with DPUP")
    assert process.poll() is None
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert "content/principles.yml:5: (file): YAML syntax error" in log  # and in the terminal


def test_started_on_broken_content_the_server_shows_the_errors_and_waits_for_the_fix(tmp_path):
    principles = tmp_path / "content" / "principles.yml"
    with serving(tmp_path, lambda root: save(principles, "    order: 1\n", "    order: [1\n")) as (base, process):
        page = until(base, "The site could not be built", seconds=120)
        assert "content/principles.yml:5: (file): YAML syntax error" in page
        assert "<script>" in page  # the reload script: the home page comes back by itself
        assert "YAML syntax error" in fetch(base + "no-such-page/")  # any address says why
        assert process.poll() is None
        save(principles, "    order: [1\n", "    order: 1\n")
        until(base + TOOL_PAGE, "Check your actions align with DPUP", seconds=120)
        assert 'href="tools/check-your-actions/"' in fetch(base)
        assert process.poll() is None


def test_a_bad_macro_in_a_page_does_not_end_the_server(server):
    root, base, process = server
    home = root / "docs" / "index.md"
    save(home, "{{ cards('tool') }}", "{{ cards('tols') }}")
    page = until(base, "The site could not be built")
    assert "cards(): unknown kind" in page
    assert process.poll() is None
    save(home, "{{ cards('tols') }}", "{{ cards('tool') }}")
    until(base, 'href="tools/check-your-actions/"')
    assert process.poll() is None


def test_a_strict_warning_at_start_shows_on_every_page_although_the_pages_were_written(tmp_path):
    # --strict stops the build after every page is written: none may look as if all were well,
    # generated pages included (the first build knows only docs/ in advance).
    link = "\n\nSee [the missing page](missing.md)."
    spoil = lambda root: save(root / "docs" / "index.md", "{{ cards('tool') }}", "{{ cards('tool') }}" + link)  # noqa: E731
    with serving(tmp_path, spoil) as (base, process):
        page = until(base + TOOL_PAGE, "The site could not be built", seconds=120)
        assert "missing.md" in page
        assert "missing.md" in fetch(base)
        save(tmp_path / "docs" / "index.md", link, "")
        until(base + TOOL_PAGE, "Check your actions align with DPUP", seconds=120)
        assert process.poll() is None


def test_while_previewing_the_zip_link_says_why_there_is_no_zip(server):
    root, base, _process = server
    save(
        root / "docs" / "index.md",
        "{{ cards('tool') }}",
        "{{ cards('tool') }}\n\n<a href=\"downloads/dpup-toolkit-offline.zip\" download>Download the whole toolkit</a>",
    )
    page = until(base, "Download the whole toolkit")
    assert "dpup-toolkit-offline.zip" not in page
    assert "(no zip while previewing: <code>./dev build</code> makes it)" in page


def test_while_previewing_the_join_code_says_phones_cannot_open_its_address(server):
    _root, base, _process = server
    page = fetch(base + "quiz/intro/trainer/")
    assert f'href="{base}quiz/intro/"' in page  # mkdocs serve sets site_url to the preview address
    assert "This is a preview on this computer: phones can’t open it." in page


def test_template_syntax_in_content_is_text_while_serving(server):
    root, base, process = server
    tool = root / "content" / "tools" / "tool-check-your-actions.yml"
    save(tool, "title: Check your actions align with DPUP", "title: Check {% raw %} {{ 6*7 }}")
    page = until(base + TOOL_PAGE, "<h1>Check {% raw %} {{ 6*7 }}</h1>")
    assert "42" not in page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert process.poll() is None


@pytest.mark.browser
def test_the_page_a_person_has_open_shows_the_errors_then_comes_back_by_itself(server, page):
    from playwright.sync_api import expect

    root, base, process = server
    page.goto(base + TOOL_PAGE)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Check your actions align with DPUP")
    principles = root / "content" / "principles.yml"
    save(principles, "    order: 1\n", "    order: [1\n")
    # No reload by the test: the server's reload script brings each state to the open page.
    expect(heading).to_have_text("The site could not be built", timeout=60000)
    expect(page.get_by_role("alert")).to_contain_text("reloads by itself")
    expect(page.get_by_text("content/principles.yml:5: (file): YAML syntax error", exact=False)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    save(principles, "    order: [1\n", "    order: 1\n")
    expect(heading).to_have_text("Check your actions align with DPUP", timeout=60000)
    assert process.poll() is None


@contextlib.contextmanager
def zensical_preview(tmp_path: Path):
    """`dpup-toolkit serve --engine zensical` (./dev serve --engine zensical) over a copy of the
    shipped content and pages, whose config inherits the toolkit's."""
    for folder in ("content", "quiz", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nwatch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n",
        encoding="utf-8",
    )
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.cli", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_the_zensical_preview_rebuilds_on_a_save_shows_the_errors_and_comes_back(tmp_path):
    """The same error page as `mkdocs serve`, on the page a person has open, with the preview's
    script that reloads it; a save to content/ or docs/ is seen (zensical serve sees neither)."""
    with zensical_preview(tmp_path) as (base, process):
        until(base + TOOL_PAGE, "Check your actions align with DPUP", seconds=120)
        principles = tmp_path / "content" / "principles.yml"
        save(principles, "    order: 1\n", "    order: [1\n")
        page = until(base + TOOL_PAGE, "The site could not be built")
        assert re.search(r"content/principles.yml:\d+: \(file\): YAML syntax error", page)
        assert "/__dpup/wait" in page  # the preview's reload script: the page comes back by itself
        assert "YAML syntax error" in fetch(base + "no-such-page/")  # any address says why
        save(principles, "    order: [1\n", "    order: 1\n")
        until(base + TOOL_PAGE, "Check your actions align with DPUP")
        # A hand-written page, edited: the next build shows it.
        save(tmp_path / "docs" / "about.md", "\n", "\nPreviewed on Zensical.\n")
        until(base + "about/", "Previewed on Zensical.")
        assert process.poll() is None
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert re.search(r"content/principles.yml:\d+: \(file\): YAML syntax error", log) and "Traceback" not in log
