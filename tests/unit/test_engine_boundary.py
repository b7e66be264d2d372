"""The engine boundary: only the MkDocs adapter (macros/plugin.py, macros/compat.py for MkDocs'
internals, the old hooks file that says what replaced it) and the theme templates in overrides/
know MkDocs or Material. Everything else is plain Python, Jinja2 and HTML, so a move to another
engine replaces the adapter and the overrides, nothing else."""

import ast
import re

from conftest import ROOT

ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "pymdownx")
HOOK = ROOT / "macros" / "plugin.py"
ADAPTER = {HOOK, ROOT / "macros" / "compat.py", ROOT / "macros" / "mkdocs_hooks.py"}


def engine_imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value)]
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names if name.split(".")[0] in ENGINE_PACKAGES
        ]
    return found


def test_only_the_adapter_imports_the_engine():
    offenders = [
        line for path in sorted((ROOT / "macros").rglob("*.py")) if path not in ADAPTER for line in engine_imports(path)
    ]
    assert offenders == []


def test_the_plugin_is_where_the_engine_is_imported():
    # The check above can fail: it finds the hook's own imports.
    assert any(": mkdocs." in line for line in engine_imports(HOOK))


def test_project_templates_use_no_theme_internals():
    # Material's template globals and CSS hooks belong to overrides/ only.
    theme_words = re.compile(r"\b(md-[a-z]|config\.theme|nav_item|base_url|page\.meta)")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "macros" / "templates").glob("*.html"))
        for match in theme_words.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_offline_copy_is_made_without_building_again():
    # Issue 21: the copy was a second `mkdocs build --strict -q`, whose warnings nobody saw.
    # The finishing pass reads the built site; it starts no process and imports no engine.
    finish = ROOT / "macros" / "finish.py"
    tree = ast.parse(finish.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"subprocess", "os"} and engine_imports(finish) == []
