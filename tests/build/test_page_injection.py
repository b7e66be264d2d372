"""Template injection in a hand-written page, through a whole build on MkDocs and on Zensical
(issue 28): one build per placement per engine, each with a payload that writes a marker file.
The build must stop with the page and line, no traceback, and no marker.

"No marker appeared" proves nothing unless the payload can write one: each placement's positive
control builds the same page with the toolkit's guards taken away (the page check and Jinja's
sandbox, replaced by no-ops in a sitecustomize module that only these tests put on PYTHONPATH),
and the marker must then appear. The whole corpus of techniques is checked at check level by
tests/unit/test_page_injection_check.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_build
from test_hostile_pages import tiny_site

ENGINES = ("mkdocs", "zensical")
UNESCAPED = "<img src=x onerror=alert(1)>"


def payload(marker: Path) -> str:
    return f"lipsum.__globals__.os.system('touch {marker}')"


# (how the page holds the payload, the line the check names)
PLACEMENTS = {
    "body": (lambda e: f"# Home\n\nText {{{{ {e} }}}}\n", 3),
    "macro argument": (lambda e: f"# Home\n\n{{{{ cards({e}) }}}}\n", 3),
    "call on a setting": (lambda e: f"# Home\n\n{{{{ config.site_name({e}) }}}}\n", 3),
    "filter": (lambda e: f"# Home\n\n{{{{ config.site_name | replace('x', {e}) }}}}\n", 3),
    "title": (lambda e: f"---\ntitle: {json.dumps('Hello {{ ' + e + ' }}')}\n---\n# Home\n", 2),
}
# Front matter that replaces a setting: no engine runs a value other than the title, so the mark
# of this one is the markup it publishes.
OVERRIDE = f"---\nconfig:\n  site_name: {json.dumps(UNESCAPED)}\n---\n# Home\n\nBy {{{{ config.site_name }}}}.\n"

BYPASS = """\
# Written by tests/build/test_page_injection.py for its positive controls only: the toolkit's
# guards against template injection, taken away in every Python process of one build.
import macros.compat
import macros.docs_pages

macros.docs_pages.docs_problems = lambda *args, **kwargs: []
macros.compat.sandbox_macros = lambda *args, **kwargs: False
macros.compat.sandbox_zensical = lambda *args, **kwargs: False
"""


def build(engine: str, root: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    if engine == "mkdocs":
        return run_build(root, root / "site", extra_env)
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", engine, "-f", "mkdocs.yml", "-d", "site"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DPUP_OFFLINE_ZIP": "0", **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def with_sitecustomize(folder: Path, text: str) -> dict:
    """The environment for a build whose every Python process first runs `text`."""
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(text, encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


def without_guards(tmp_path: Path) -> dict:
    return with_sitecustomize(tmp_path / "bypass", BYPASS)


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_a_payload_in_a_page_is_refused_and_never_runs(tmp_path, engine, placement):
    write, line = PLACEMENTS[placement]
    marker = tmp_path / "marker"
    root = tiny_site(tmp_path / "project", {"index.md": write(payload(marker))})
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"docs/index.md:{line}: (page): " in output and "Traceback" not in output, output
    assert not marker.exists()
    assert not (root / "site").exists()


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_control_without_the_guards_the_same_payload_writes_its_marker(tmp_path, engine, placement):
    write, _ = PLACEMENTS[placement]
    marker = tmp_path / "marker"
    root = tiny_site(tmp_path / "project", {"index.md": write(payload(marker))})
    result = build(engine, root, without_guards(tmp_path))
    assert marker.exists(), result.stdout + result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_front_matter_cannot_replace_a_setting(tmp_path, engine):
    root = tiny_site(tmp_path / "project", {"index.md": OVERRIDE})
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md:2: (page): front matter: 'config' is not allowed" in output, output
    assert "Traceback" not in output and not (root / "site").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_control_without_the_guards_front_matter_publishes_its_markup(tmp_path, engine):
    # The maturity page: the generated pages link its parts, and Zensical stops on a missing anchor.
    pages = {"index.md": OVERRIDE, "maturity/index.md": "# Maturity\n\n{{ maturity_overview() }}\n"}
    root = tiny_site(tmp_path / "project", pages)
    result = build(engine, root, without_guards(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"By {UNESCAPED}." in (root / "site" / "index.html").read_text(encoding="utf-8")


# --- Pages saved as Windows saves them, and render_macros as each engine reads it (attack run) -------
ENCODINGS = {
    "byte-order mark": lambda text: ("\ufeff" + text).encode("utf-8"),
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
}


def site_with(tmp_path: Path, index: bytes) -> Path:
    pages = {"index.md": "# Home\n", "maturity/index.md": "# Maturity\n\n{{ maturity_overview() }}\n"}
    root = tiny_site(tmp_path / "project", pages)
    (root / "docs" / "index.md").write_bytes(index)
    return root


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("engine", ENGINES)
def test_front_matter_saved_with_a_byte_order_mark_or_crlf_cannot_replace_a_setting(tmp_path, engine, encoding):
    root = site_with(tmp_path, ENCODINGS[encoding](OVERRIDE))
    result = build(engine, root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/index.md:2: (page): front matter: 'config' is not allowed" in output, output
    assert "Traceback" not in output and not (root / "site").exists()


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("engine", ENGINES)
def test_control_both_engines_read_front_matter_saved_with_a_byte_order_mark_or_crlf(tmp_path, engine, encoding):
    root = site_with(tmp_path, ENCODINGS[encoding](OVERRIDE))
    result = build(engine, root, without_guards(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"By {UNESCAPED}." in (root / "site" / "index.html").read_text(encoding="utf-8")


# `render_macros: False`: false to PyYAML (the check would skip the page), text to Zensical (which
# renders it). What the body shows says whether it was rendered.
NOT_FALSE_TO_ZENSICAL = "---\nrender_macros: False\n---\n# Home\n\nRendered: [{{ config.site_name }}]\n"


def test_render_macros_written_as_zensical_does_not_read_it_is_refused(tmp_path):
    root = site_with(tmp_path, NOT_FALSE_TO_ZENSICAL.encode("utf-8"))
    result = build("zensical", root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/index.md:2: (page): front matter: render_macros: must be written true or false" in output, output
    assert "Traceback" not in output and not (root / "site").exists()


def test_control_zensical_renders_a_page_whose_render_macros_is_not_lower_case_false(tmp_path):
    root = site_with(tmp_path, NOT_FALSE_TO_ZENSICAL.encode("utf-8"))
    result = build("zensical", root, without_guards(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Rendered: [Tiny]" in (root / "site" / "index.html").read_text(encoding="utf-8")


# --- Behind the page check: the sandbox calls the toolkit's macros and nothing else ----------------

CHECK_ONLY_OFF = """\
# Written by tests/build/test_page_injection.py: the page check taken away, the sandbox kept.
import macros.docs_pages

macros.docs_pages.docs_problems = lambda *args, **kwargs: []
"""
# Callables each engine puts in a page's namespace besides the toolkit's macros: Zensical's table
# reader reads any file of the project it builds (here the staged config, which names the toolkit's
# stage); mkdocs-macros' macros_info() prints its whole environment, the config included.
ENGINE_CALLS = {
    "zensical": ("{{ read_raw('mkdocs.yml') }}", "dpup_stage"),
    "mkdocs": ("{{ macros_info() }}", "Config Information"),
}


def without_the_page_check(tmp_path: Path) -> dict:
    return with_sitecustomize(tmp_path / "check-off", CHECK_ONLY_OFF)


@pytest.mark.parametrize("engine", ENGINES)
def test_past_the_page_check_the_sandbox_still_calls_only_the_toolkits_macros(tmp_path, engine):
    call, shown = ENGINE_CALLS[engine]
    root = tiny_site(tmp_path / "project", {"index.md": f"# Home\n\n{call}\n\n{{{{ cards('tool') }}}}\n"})
    result = build(engine, root, without_the_page_check(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "SecurityError" in output and "index.md:3: " in output and "Traceback" not in output, output
    built = root / "site" / "index.html"
    assert not built.exists() or shown not in built.read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ENGINES)
def test_control_past_the_page_check_and_without_the_sandbox_the_call_publishes(tmp_path, engine):
    call, shown = ENGINE_CALLS[engine]
    # The maturity page: the generated pages link its parts, and Zensical stops on a missing anchor.
    pages = {"index.md": f"# Home\n\n{call}\n", "maturity/index.md": "# Maturity\n\n{{ maturity_overview() }}\n"}
    root = tiny_site(tmp_path / "project", pages)
    result = build(engine, root, without_guards(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert shown in (root / "site" / "index.html").read_text(encoding="utf-8")
