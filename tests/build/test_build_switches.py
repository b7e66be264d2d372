"""Smaller holes of issue 28, 4: a link to a part of a page that does not exist fails the build
on every engine; DPUP_OFFLINE_ZIP takes only its documented values; an error in a page that
only the engine finds is named by file and line on Zensical too."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT
from test_hostile_pages import assert_failed_cleanly, check, last_good_site, tiny_site
from test_page_injection import build

# The generated pages link the maturity page's parts (Zensical checks them).
MATURITY = "# Maturity\n\n{{ maturity_overview() }}\n"
BROKEN_ANCHOR = "# Home\n\nSee [the other page](other.md#no-such-part).\n"


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_link_to_a_missing_part_of_a_page_fails_the_build_on_every_engine(tmp_path, engine):
    # The site's own mkdocs.yml, without the toolkit's INHERIT: the plugin sets the check itself.
    pages = {"index.md": BROKEN_ANCHOR, "other.md": "# Other\n\n## A part\n", "maturity/index.md": MATURITY}
    root = tiny_site(tmp_path, pages)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"INHERIT: {ROOT / 'mkdocs.yml'}\n", ""), encoding="utf-8"
    )
    assert "validation" not in config.read_text(encoding="utf-8")
    last_good_site(root)
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "no-such-part" in output and "Traceback" not in output, output
    if engine != "zensical":  # Zensical's own message is read into one line (test_engines.py)
        assert "contains a link 'other.md#no-such-part'" in output
    else:
        assert "docs/index.md:3: anchor does not exist: no-such-part" in output, output


@pytest.mark.parametrize("value", ["maybe", "yes", "2", "on"])
def test_an_undocumented_offline_zip_value_is_refused_naming_the_variable(tmp_path, value):
    root = tiny_site(tmp_path, {"index.md": "# Home\n"})
    last_good_site(root)
    expected = f"DPUP_OFFLINE_ZIP: '{value}' is not one of 1 (make the offline zip) or 0 (leave it out)"
    assert_failed_cleanly(build("mkdocs", root, {"DPUP_OFFLINE_ZIP": value}), root, expected)
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DPUP_OFFLINE_ZIP": value},
    )
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert check(root).returncode == 0  # unset, the setting decides


@pytest.mark.parametrize("value, made", [("0", False), ("1", True)])
def test_the_documented_offline_zip_values_work(tmp_path, value, made):
    root = tiny_site(tmp_path, {"index.md": "# Home\n"})
    result = build("mkdocs", root, {"DPUP_OFFLINE_ZIP": value})
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "downloads" / "dpup-toolkit-offline.zip").is_file() is made


UNSET_SETTING = "---\ntitle: Home\n---\n# Home\n\nBy {{ config.extra.publisher.name }}.\n"


def without_publisher(root) -> None:
    """The site's own mkdocs.yml, with no extra.publisher (the toolkit's INHERIT has one)."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"INHERIT: {ROOT / 'mkdocs.yml'}\n", ""), encoding="utf-8"
    )


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_page_reading_a_setting_that_is_not_set_is_named_before_the_engine_runs(tmp_path, engine):
    root = tiny_site(tmp_path, {"index.md": UNSET_SETTING, "maturity/index.md": MATURITY})
    without_publisher(root)
    last_good_site(root)
    assert_failed_cleanly(
        build(engine, root),
        root,
        "docs/index.md:6: (page): 'config.extra.publisher.name' is not set in mkdocs.yml",
    )


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_error_the_engine_meets_while_rendering_a_page_names_the_file_and_line(tmp_path, engine):
    """Past the check (taken away here, as in the injection controls), an error raised while
    the engine renders a page is `file:line: message`, with the line counted in the file."""
    root = tiny_site(tmp_path / "project", {"index.md": UNSET_SETTING, "maturity/index.md": MATURITY})
    without_publisher(root)
    bypass = tmp_path / "bypass"
    bypass.mkdir()
    (bypass / "sitecustomize.py").write_text(
        "import macros.docs_pages\n\nmacros.docs_pages.docs_problems = lambda *args, **kwargs: []\n", encoding="utf-8"
    )
    result = build(engine, root, {"PYTHONPATH": str(bypass)})
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("docs/index.md:6: (page): UndefinedError: ") and last.endswith(
        "object' has no attribute 'publisher'"
    ), result.stderr
    assert "Traceback" not in result.stderr
