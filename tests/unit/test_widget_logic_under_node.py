"""The widgets' pure logic is tested under Node (`node --test`), in seconds and without a browser:
each component's *.test.js beside its scripts. This runs them as part of the one test command."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_component_test_passes_under_node():
    assert shutil.which("node"), "Node 20 is needed for the widget logic tests"
    tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "macros" / "components").glob("*/*.test.js"))
    assert tests, "no component has a *.test.js"
    result = subprocess.run(["node", "--test", *tests], cwd=ROOT, capture_output=True, text=True, timeout=300)
    summary = [line for line in result.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert result.returncode == 0, "\n".join(summary) + "\n" + result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
