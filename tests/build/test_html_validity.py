"""Every built page is valid HTML, by the W3C Nu HTML checker (vnu-jar, pinned in package-lock.json).

The target is 0 errors from any template the project ships. Material's own base.html, which the
project does not ship, puts `autocomplete="off"` on its two checkbox toggles (the drawer and the
search): those errors, and only those, are left out, recognised by their message and by the exact
elements read from the installed Material's base.html.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"


def materials_own_inputs() -> set[str]:
    """The checkbox inputs in Material's base.html that carry `autocomplete`."""
    found = set(re.findall(r"<input [^>]*autocomplete=[^>]*>", MATERIAL_BASE.read_text(encoding="utf-8")))
    assert len(found) == 2, f"Material's base.html changed: {found}"
    return found


def from_materials_base(message: dict, inputs: set[str]) -> bool:
    return message["message"].startswith(AUTOCOMPLETE) and any(
        element in message.get("extract", "") for element in inputs
    )


def check(paths: list[Path]) -> list[dict]:
    """All pages in one JVM (it is slow to start): the checker's errors, as JSON."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr)["messages"]


@pytest.fixture(scope="module")
def java():
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("the W3C Nu HTML checker needs Java (apt-get install default-jre-headless)")
        pytest.skip("Java is not installed: the W3C Nu HTML checker needs it")
    assert VNU.is_file(), "vnu.jar is missing: ./dev test installs it with npm ci"


@pytest.mark.long_running
def test_every_built_page_is_valid_html(java, built_site):
    pages = sorted(path for path in built_site.rglob("*.html") if "downloads" not in path.parts)
    assert len(pages) > 40
    inputs = materials_own_inputs()
    messages = check(pages)
    left_out = [m for m in messages if from_materials_base(m, inputs)]
    errors = [m for m in messages if not from_materials_base(m, inputs)]
    shown = "\n".join(
        f"{m.get('url', '').removeprefix('file:' + str(built_site))}:{m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()}"
        for m in errors[:20]
    )
    assert not errors, f"{len(errors)} HTML errors from the project's templates:\n{shown}"
    # Material's two toggles on every page that uses its base.html (not the workshop pack).
    assert len(left_out) <= 2 * len(pages)


def test_materials_errors_are_recognised_precisely():
    inputs = materials_own_inputs()
    drawer = next(element for element in inputs if "drawer" in element)
    ours = '<input type="checkbox" id="mine" autocomplete="off">'
    message = AUTOCOMPLETE + " “color”, “date”."
    assert from_materials_base({"message": message, "extract": f"\n  {drawer}\n  <"}, inputs)
    assert not from_materials_base({"message": message, "extract": f"\n  {ours}\n"}, inputs)
    assert not from_materials_base({"message": "Element “p” not allowed", "extract": drawer}, inputs)
