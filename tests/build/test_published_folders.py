"""Every folder the build reads from or publishes follows one rule (macros/folders.py, issue 28,
2): nothing that leaves the project, nothing that is not a regular file or folder. A site's
theme folder (custom_dir) is published by MkDocs and Zensical alike: a link in it to a file
elsewhere would put that file in the site and the offline zip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

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
