"""Every folder the build reads from or publishes follows one rule (macros/folders.py, issue 28,
2): nothing that leaves the project, nothing that is not a regular file or folder. A site's
theme folder (custom_dir) is published by MkDocs and Zensical alike: a link in it to a file
elsewhere would put that file in the site and the offline zip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_hostile_pages import last_good_site, tiny_site
from test_page_injection import build

ENGINES = ("mkdocs", "zensical")
SECRET = "DPUP-SECRET-OUTSIDE-THE-PROJECT"


def site_with_own_theme(tmp_path):
    """A site whose theme folder is its own copy of the toolkit's overrides/ (inside the project)."""
    root = tiny_site(tmp_path / "project", {"index.md": "# Home\n"})
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'overrides'}", "custom_dir: overrides"),
        encoding="utf-8",
    )
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return root


def check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_a_link_out_of_the_theme_folder_is_refused_by_name_and_not_published(tmp_path, engine):
    root = site_with_own_theme(tmp_path)
    (root / "overrides" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "overrides" / "assets" / "linked").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(root / "overrides" / "pipe.txt")
    last_good_site(root)
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for expected in (
        f"overrides/leak.txt:1: (file): a symbolic link to '{tmp_path / 'secret.txt'}', outside the project",
        f"overrides/assets/linked:1: (file): a symbolic link to '{tmp_path}', outside the project",
        "overrides/pipe.txt:1: (file): not a regular file (a device, pipe or socket)",
    ):
        assert expected in output, output
    assert "Traceback" not in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "last good build"
    assert not any(SECRET in path.read_text(errors="ignore") for path in (root / "site").rglob("*") if path.is_file())


@pytest.mark.parametrize("engine", ENGINES)
def test_control_a_plain_file_in_the_theme_folder_is_published(tmp_path, engine):
    """What the rule guards: the engine copies every file of the theme folder into the site."""
    root = site_with_own_theme(tmp_path)
    shutil.copy(tmp_path / "secret.txt", root / "overrides" / "leak.txt")
    # Zensical stops on links to the maturity page's parts from the generated pages.
    (root / "docs" / "maturity").mkdir()
    (root / "docs" / "maturity" / "index.md").write_text("# Maturity\n\n{{ maturity_overview() }}\n", "utf-8")
    result = build(engine, root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "leak.txt").read_text(encoding="utf-8") == SECRET


def test_a_theme_folder_outside_the_project_and_styles_that_leave_docs_are_refused(tmp_path):
    root = tiny_site(tmp_path / "project", {"index.md": "# Home\n"})
    (tmp_path / "elsewhere").mkdir()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f"custom_dir: {ROOT / 'overrides'}", f"custom_dir: {tmp_path / 'elsewhere'}"
        )
        + "extra_css:\n  - ../../secret.css\n  - https://example.org/x.css\nextra_javascript:\n  - ../x.js\n",
        encoding="utf-8",
    )
    result = check(root)
    assert result.returncode == 1
    assert "theme.custom_dir: the folder is outside the project" in result.stderr, result.stderr
    assert "extra_css: '../../secret.css' leaves docs/" in result.stderr
    assert "extra_javascript: '../x.js' leaves docs/" in result.stderr
    assert "example.org" not in result.stderr and "Traceback" not in result.stderr


# --- Hard links and names that cannot be written (the attack run after issue 28) --------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hard_link_to_a_file_outside_the_project_is_refused_and_not_published(tmp_path, engine):
    """A hard link is the same file under a second name: it resolves inside the project, and the
    engines copy what it holds (the control below) from wherever its other name is."""
    root = site_with_own_theme(tmp_path)
    os.link(tmp_path / "secret.txt", root / "overrides" / "leak.txt")
    os.link(tmp_path / "secret.txt", root / "docs" / "leak.txt")
    last_good_site(root)
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for name in ("overrides/leak.txt", "docs/leak.txt"):
        assert f"{name}:1: (file): a hard link (the same file has another name" in output, output
    assert "Traceback" not in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "last good build"


def test_control_a_hard_link_is_published_when_the_check_is_taken_away(tmp_path):
    root = site_with_own_theme(tmp_path)
    os.link(tmp_path / "secret.txt", root / "docs" / "leak.txt")
    (root / "docs" / "maturity").mkdir()
    (root / "docs" / "maturity" / "index.md").write_text("# Maturity\n\n{{ maturity_overview() }}\n", "utf-8")
    bypass = tmp_path / "bypass"
    bypass.mkdir()
    (bypass / "sitecustomize.py").write_text(
        "import macros.folders\nmacros.folders.entry_problem = lambda *args, **kwargs: None\n", encoding="utf-8"
    )
    result = build("mkdocs", root, {"PYTHONPATH": str(bypass)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "leak.txt").read_text(encoding="utf-8") == SECRET


@pytest.mark.parametrize("engine", ENGINES)
def test_a_file_name_that_is_not_utf8_or_holds_a_newline_is_refused_by_name(tmp_path, engine):
    """Such a name stopped MkDocs' build with a traceback in the offline zip, and Zensical with
    no file or line; a newline in a name would forge a second `file:line: message`."""
    root = tiny_site(tmp_path / "project", {"index.md": "# Home\n"})
    docs = os.fsencode(root / "docs")
    (Path(os.fsdecode(docs + b"/caf\xe9.txt"))).write_text("Latin-1 name", encoding="utf-8")
    (root / "docs" / "two\nlines: (page): x.txt").write_text("x", encoding="utf-8")
    result = build(engine, root, {"DPUP_OFFLINE_ZIP": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/caf\\udce9.txt:1: (file): the name is not UTF-8 text; rename it" in output, output
    assert "docs/two\\x0alines: (page): x.txt:1: (file): the name holds a control character" in output, output
    assert "Traceback" not in output and not (root / "site").exists()


def test_extra_css_and_extra_javascript_entries_are_text_or_a_script_with_a_path(tmp_path):
    """`extra_css: [{path: x.css}]` passed the check and stopped MkDocs with a traceback (and
    Zensical with no file or line); a script's `path:` that leaves docs/ was not looked at."""
    root = tiny_site(tmp_path / "project", {"index.md": "# Home\n"})
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "extra_css:\n  - {path: x.css}\n  - 12\nextra_javascript:\n  - {path: ../x.js, type: module}\n"
        "  - {path: ok.js, type: module, async: true}\n  - {src: x.js}\n",
        encoding="utf-8",
    )
    result = check(root)
    assert result.returncode == 1, result.stdout + result.stderr
    for expected in (
        "extra_css: an entry is the path of a file in docs/ (got 'a mapping')",
        "extra_css: an entry is the path of a file in docs/ (got '12')",
        "extra_javascript: '../x.js' leaves docs/",
        "extra_javascript: an entry is the path of a file in docs/, or path: with type:, async: or defer: (got 'a mapping')",
    ):
        assert expected in result.stderr, result.stderr
    assert "ok.js" not in result.stderr and "Traceback" not in result.stderr
