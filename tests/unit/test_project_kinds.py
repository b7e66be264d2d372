"""A project's own kinds (extra.dpup.kinds) are code the build runs (issue 28, 3): a mistake in a
kinds file is `file:line: message` with no traceback, only files inside the project are run, and
two kinds with one name are an error naming both files. Checked through `dpup-toolkit check`, as
an author runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from test_registry import copy_project

MARKER = "DPUP-KIND-RAN"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def set_kinds(project, files: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("kinds: [agency_story.py]", f"kinds: {files}"), encoding="utf-8"
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "from macros.kinds import Kind\n\nKIND = Kind(\n",
            "my_kinds.py:3: (kind): syntax error: '(' was never closed",
        ),
        ("import os\n\nimport no_such_module_here\n", "my_kinds.py:3: (kind): ModuleNotFoundError: No module named"),
        ("\n\nraise SystemExit('bye')\n", "my_kinds.py:3: (kind): SystemExit: bye"),
        # Not subclasses of Exception: they passed the report and printed a traceback (attack run).
        ("\n\nraise BaseException('boom')\n", "my_kinds.py:3: (kind): BaseException: boom"),
        ("\nraise GeneratorExit('done')\n", "my_kinds.py:2: (kind): GeneratorExit: done"),
        ("X = 1\n", "my_kinds.py:1: (kind): does not define KIND = Kind(...)"),
    ],
)
def test_a_broken_kinds_file_is_named_with_its_line_and_no_traceback(project, source, expected):
    (project / "my_kinds.py").write_text(source, encoding="utf-8")
    set_kinds(project, "[my_kinds.py]")
    result = check(project)
    assert result.returncode == 1, result.stdout
    assert expected in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("where", ["absolute", "parent"])
def test_a_kinds_file_outside_the_project_is_refused_and_never_run(project, tmp_path, where):
    outside = tmp_path / "elsewhere.py"
    outside.write_text(f"from pathlib import Path\nPath({str(tmp_path / MARKER)!r}).touch()\n", encoding="utf-8")
    named = str(outside) if where == "absolute" else "../elsewhere.py"
    set_kinds(project, f"['{named}']")
    result = check(project)
    assert result.returncode == 1
    assert f"mkdocs.yml:13: extra.dpup: kinds: '{named}' is outside the project" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / MARKER).exists()


def test_a_kind_defined_twice_is_an_error_naming_both_files(project):
    (project / "more").mkdir()
    (project / "more" / "agency_story_again.py").write_text(
        (project / "agency_story.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "tool_again.py").write_text(
        "from macros.kinds import REGISTRY\n\nKIND = REGISTRY['tool']\n", encoding="utf-8"
    )
    set_kinds(project, "[agency_story.py, more/agency_story_again.py, tool_again.py]")
    result = check(project)
    assert result.returncode == 1
    assert (
        "more/agency_story_again.py:" in result.stderr
        and "the kind 'agency-story' is already defined in agency_story.py" in result.stderr
    ), result.stderr
    assert "tool_again.py:3: tool: the kind 'tool' is already defined in the toolkit (macros/kinds.py)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_link_out_of_a_kinds_templates_folder_is_refused(tmp_path):
    project = copy_project(tmp_path)
    (tmp_path / "secret.html").write_text(MARKER, encoding="utf-8")
    (project / "templates" / "leak.html").symlink_to(tmp_path / "secret.html")
    result = check(project)
    assert result.returncode == 1
    assert "templates/leak.html:1: (file): a symbolic link to" in result.stderr, result.stderr
    assert "outside the project" in result.stderr


def test_every_theme_folder_a_build_publishes_from_is_on_the_folder_list(project):
    """MkDocs publishes every file of every theme folder. Those that are not an installed
    package's (Material's own) are the project's or the toolkit's, and each must be on the list
    in macros/folders.py, so that a folder added to the theme cannot be missed."""
    import sysconfig
    from pathlib import Path

    from mkdocs.config import load_config

    from macros.folders import listed_folders
    from macros.plugin import configure
    from macros.siteconfig import SiteConfig

    (project / "overrides").mkdir()
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    )
    loaded = load_config(str(config))
    context = configure(loaded)
    packages = Path(sysconfig.get_paths()["purelib"]).resolve()
    theme_folders = {Path(folder).resolve() for folder in loaded["theme"].dirs}
    ours = {folder for folder in theme_folders if not folder.is_relative_to(packages)}
    listed = {folder.resolve() for _setting, folder in listed_folders(SiteConfig.of(loaded), context.registry)}
    assert ours and ours <= listed, ours - listed
    assert (project / "overrides").resolve() in ours and (ROOT / "overrides").resolve() in ours


@pytest.mark.parametrize("named", ['"my\\0kinds.py"', '"my\\nkinds.py"'])
def test_a_kinds_path_with_a_control_character_is_refused_by_the_setting(project, named):
    """A NUL byte stopped `check` with a traceback from resolving the path (attack run)."""
    set_kinds(project, f"[{named}]")
    result = check(project)
    assert result.returncode == 1, result.stdout
    assert "mkdocs.yml:13: extra.dpup: kinds: 'my\\" in result.stderr, result.stderr
    assert "the name holds a control character" in result.stderr and "Traceback" not in result.stderr
