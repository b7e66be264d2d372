"""The widgets' pure logic is tested under Node (`node --test`), in seconds and without a browser:
each component's *.test.js beside its scripts. This runs them as part of the one test command, on
the sources and again on the scripts as the site serves them (minified)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import assets

ROOT = Path(__file__).resolve().parents[2]


def run_node_tests(env: dict[str, str] | None = None) -> None:
    assert shutil.which("node"), "Node 20 is needed for the widget logic tests"
    tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "macros" / "components").glob("*/*.test.js"))
    assert tests, "no component has a *.test.js"
    result = subprocess.run(
        ["node", "--test", *tests],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    summary = [line for line in result.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert result.returncode == 0, "\n".join(summary) + "\n" + result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_every_component_test_passes_under_node():
    run_node_tests()


@pytest.mark.skipif(assets._MINIFIER_VERSION is None, reason="tdewolff-minify has no wheel for this machine")
def test_every_component_test_passes_on_the_minified_scripts(tmp_path):
    """The minifier rewrites code (shorter names, `!0` for true, joined statements): the same tests
    must pass on what it makes of each script."""
    names = [name for name in assets.COMPONENT_FILES if name.startswith("js/")]
    for name in names:
        text = assets.source_path(name).read_text(encoding="utf-8")  # each part, as the tests load them
        minified = assets._minify(name, text)
        assert len(minified) < len(text) * 0.7, f"{name} was hardly minified"
        (tmp_path / Path(name).name).write_text(minified, encoding="utf-8")
    run_node_tests({"DPUP_SCRIPTS_DIR": str(tmp_path)})
