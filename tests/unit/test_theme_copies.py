"""The theme files copied from Material still match the pinned Material's originals.

A copy starts with a `{#- dpup: a copy of Material's <path> ... -#}` comment, and every change
in it follows a one-line `{#- dpup: why -#}` comment. Everything else must be the installed
Material's file, line by line: when Material changes a partial we copied, this test says where.
The other files in overrides/ that share a name with a Material template are written from
scratch (they extend Material's templates or replace them whole), and are listed here.
"""

import difflib
import re
from pathlib import Path

import material
from conftest import ROOT

OVERRIDES = ROOT / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
COPY_HEADER = re.compile(r"\A\{#- dpup: a copy of Material's (\S+) .*?-#\}\n", re.S)
MARKER = re.compile(r"^\s*\{#- dpup: .+ -#\}$")
# Written from scratch: main.html extends Material's base.html; the 404 page and the footer
# (partials/copyright.html) replace Material's whole.
OWN = {"main.html", "404.html", "partials/copyright.html"}
GENERATED_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def copies() -> dict[str, str]:
    found = {}
    for path in sorted(OVERRIDES.rglob("*.html")):
        relative = path.relative_to(OVERRIDES).as_posix()
        header = COPY_HEADER.match(path.read_text(encoding="utf-8"))
        if header:
            assert header.group(1) == relative, f"{relative} says it copies {header.group(1)}"
            found[relative] = path.read_text(encoding="utf-8")[header.end() :]
    return found


def unmarked_changes(original: str, copy: str) -> list[str]:
    """Each difference between the two that does not follow a `dpup:` marker line."""
    old, new = original.splitlines(), copy.splitlines()
    problems = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changed = new[j1:j2]
        marked = bool(changed) and MARKER.match(changed[0]) is not None
        if tag == "delete":  # lines left out: the marker is the line before
            marked = j1 > 0 and MARKER.match(new[j1 - 1]) is not None
        # A marker explains the line after it (or a few lines); it may not hide a rewrite.
        if not marked or j2 - j1 > 6:
            shown = (
                "\n".join(f"  - {line}" for line in old[i1:i2]) + "\n" + "\n".join(f"  + {line}" for line in changed)
            )
            problems.append(f"original lines {i1 + 1}-{i2}, copy lines {j1 + 1}-{j2}:\n{shown}")
    return problems


def test_every_material_file_in_overrides_is_a_marked_copy_or_our_own():
    namesakes = {
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*.html")
        if (MATERIAL / path.relative_to(OVERRIDES)).is_file()
    }
    assert namesakes - OWN == set(copies()), "a copy of a Material file must start with the dpup: copy header"
    assert set(copies()) == {"partials/nav-item.html", "partials/toc.html"}


def test_the_copies_match_the_installed_materials_originals_apart_from_marked_changes():
    for relative, copy in copies().items():
        original = (MATERIAL / relative).read_text(encoding="utf-8")
        assert original.startswith(GENERATED_HEADER)
        problems = unmarked_changes(original.removeprefix(GENERATED_HEADER), copy)
        assert not problems, f"overrides/{relative} differs from Material's:\n" + "\n".join(problems)


def test_an_unmarked_change_is_found():
    original = '<nav>\n  <a tabindex="0">\n</nav>\n'
    assert unmarked_changes(original, "<nav>\n  <a>\n</nav>\n")
    assert not unmarked_changes(original, "<nav>\n  {#- dpup: no tabindex -#}\n  <a>\n</nav>\n")
    assert unmarked_changes(original, "<nav>\n</nav>\n")  # a line left out without a word
    assert not unmarked_changes(original, "<nav>\n{#- dpup: no link -#}\n</nav>\n")
