"""Editor support: the committed JSON Schemas match the models, and every content file links one."""

import json

from conftest import ROOT

from macros.cli import MODELINE, SCHEMA_DIR, schemas


def test_the_committed_schemas_match_the_models():
    expected = schemas()
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}
    stale = sorted(name for name in expected if committed.get(name) != expected[name])
    extra = sorted(set(committed) - set(expected))
    assert stale == [] and extra == [], (
        f"schemas out of date: {stale}, not from any model: {extra}; run `.venv/bin/dpup-toolkit schema`"
    )


def test_schemas_carry_the_field_descriptions_editors_show():
    element = json.loads((SCHEMA_DIR / "element.schema.json").read_text(encoding="utf-8"))
    assert element["additionalProperties"] is False
    criterion = element["$defs"]["Criterion"]["properties"]
    assert "Verbatim from the PMAF" in criterion["guidance"]["description"]
    assert "pattern" in criterion["id"]


def test_every_content_file_links_its_schema():
    unlinked = []
    for path in sorted([*(ROOT / "content").rglob("*.yml"), *(ROOT / "quiz").rglob("*.yml")]):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix(MODELINE)
        if not first.startswith(MODELINE) or not (path.parent / target).resolve().is_file():
            unlinked.append(str(path.relative_to(ROOT)))
    assert unlinked == []
