"""The engine boundary: only the MkDocs adapter (macros/plugin.py, macros/compat.py for the engines'
internals, the old hooks file that says what replaced it), Zensical's (macros/zensical_sandboxed.py)
and the theme templates in overrides/
know MkDocs or Material. Everything else is plain Python, Jinja2 and HTML, so a move to another
engine replaces the adapter and the overrides, nothing else: the core imports neither an engine
nor the adapter, by an absolute import or a relative one (`from .plugin import ...`)."""

import ast
import json
import re
import subprocess
import sys

from conftest import ROOT

ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "pymdownx", "properdocs", "zensical")
HOOK = ROOT / "macros" / "plugin.py"
# zensical_sandboxed.py is Zensical's: it runs Zensical's command line with the sandbox (compat.py).
ADAPTER = {
    HOOK,
    ROOT / "macros" / "compat.py",
    ROOT / "macros" / "mkdocs_hooks.py",
    ROOT / "macros" / "zensical_sandboxed.py",
}
ADAPTER_MODULES = {f"macros.{path.stem}" for path in ADAPTER}
CORE = sorted(path for path in (ROOT / "macros").glob("*.py") if path not in ADAPTER)


def module_name(path) -> str:
    return "macros" if path.name == "__init__.py" else f"macros.{path.stem}"


def imported_modules(node, package: str = "macros") -> list[str]:
    """The modules an import statement names, relative ones resolved (`from . import pages` in
    macros/ is `macros.pages`; `from .build import x` is `macros.build`)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        return [node.module or ""]
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    if node.module:
        return [f"{base}.{node.module}"]
    return [f"{base}.{alias.name}" for alias in node.names]  # `from . import pages, word`


def engine_imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = imported_modules(node)
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value)]
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {name}"
            for name in names
            if name.split(".")[0] in ENGINE_PACKAGES or name in ADAPTER_MODULES
        ]
    return found


def loaded_on_import(path) -> list[str]:
    """The toolkit's modules a module loads when imported: those it imports when it is run (at
    its top level, not inside a function or under `if TYPE_CHECKING:`), and theirs, and so on."""
    loaded, waiting = set(), [module_name(path)]
    while waiting:
        name = waiting.pop()
        if name in loaded:
            continue
        loaded.add(name)
        source = ROOT / "macros" / ("__init__.py" if name == "macros" else f"{name.removeprefix('macros.')}.py")
        statements = list(ast.parse(source.read_text(encoding="utf-8")).body)
        while statements:
            node = statements.pop()
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.If):
                statements += node.body + node.orelse
            if isinstance(node, ast.Try):
                statements += node.body + node.orelse + [line for handler in node.handlers for line in handler.body]
            waiting += [found for found in imported_modules(node) if found.split(".")[0] == "macros"]
        if name != "macros":
            waiting.append("macros")  # a submodule's package is imported first
    return sorted(loaded)


def test_only_the_adapter_imports_the_engine():
    offenders = [line for path in CORE for line in engine_imports(path)]
    assert offenders == []


def test_the_plugin_is_where_the_engine_is_imported():
    # The check above can fail: it finds the hook's own imports, and a relative import of the
    # adapter (cli.py imported `.plugin` for its config reader, which the old check missed).
    assert any(": mkdocs." in line for line in engine_imports(HOOK))
    tree = ast.parse("from .plugin import load_site_config\nfrom . import compat\n")
    assert [imported_modules(node) for node in tree.body] == [["macros.plugin"], ["macros.compat"]]


def test_importing_a_core_module_loads_only_what_it_uses_and_no_engine():
    """Each core module imported alone, in a fresh interpreter: the toolkit modules loaded are
    exactly the ones its imports lead to (the package's __init__, the mkdocs-macros entry point,
    imports nothing), and no engine is loaded at all."""
    script = (
        "import importlib, json, sys\n"
        "importlib.import_module(sys.argv[1])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'macros' or m.startswith('macros.') "
        f"or m.split('.')[0] in {list(ENGINE_PACKAGES)!r})))\n"
    )
    expected, found = {}, {}
    for path in CORE:
        result = subprocess.run(
            [sys.executable, "-c", script, module_name(path)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        found[path.name] = json.loads(result.stdout)
        expected[path.name] = loaded_on_import(path)
    assert found == expected
    assert found["yamlfile.py"] == ["macros", "macros.yamlfile"]
    assert found["siteconfig.py"] == ["macros", "macros.siteconfig", "macros.yamlfile"]
    assert found["__init__.py"] == ["macros"]


# Module-level values that change while the toolkit runs. Only memos are allowed: a value worked
# out from its key alone, so that it cannot carry one build's state into another.
MEMOS = {
    "compat.py": {"_TESTED"},  # a distribution's installed version: tested or not
    "cache.py": {"_STAMP"},  # the toolkit's code and libraries, hashed
    "loader.py": {"_FILE_CACHE", "_FIELD_MARKERS"},  # a file by path, size and time; a model's fields
    "markup.py": {"_CONVERTED", "_RECORDING"},  # Markdown text -> HTML; the texts a `with` block records
}
MUTABLE = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
CHANGERS = {"append", "extend", "insert", "update", "setdefault", "clear", "pop", "popitem", "add", "remove", "discard"}


def module_state(path) -> set[str]:
    """Names bound at a module's top level to a list, dict or set that the module changes (an
    item set or deleted, a changing method called), and names declared global."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    containers = set()
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        called = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else ""
        if isinstance(target, ast.Name) and (isinstance(value, MUTABLE) or called in ("list", "dict", "set")):
            containers.add(target.id)
    changed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            changed.add(getattr(node.value, "id", None))
        elif isinstance(node, ast.Attribute) and node.attr in CHANGERS:
            changed.add(getattr(node.value, "id", None))
        elif isinstance(node, ast.Global):
            changed |= set(node.names)
    return (containers & changed) | {
        name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names
    }


def test_no_build_state_is_kept_in_a_module_and_nothing_is_looked_up_by_config(tmp_path):
    """The build context is made by the adapter and passed down (macros/build.py): no module keeps
    a build (`_last`), and no function finds one from a config object (`site_for(config)`)."""
    state = {path.name: module_state(path) for path in sorted((ROOT / "macros").glob("*.py"))}
    assert {name: found for name, found in state.items() if found} == MEMOS
    lookups = [
        f"{path.name}:{node.lineno}: {node.name}"
        for path in sorted((ROOT / "macros").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        and node.name.endswith("_for")
        and any(arg.arg in ("config", "conf") for arg in node.args.args)
    ]
    assert lookups == []
    # The check can fail: it finds the state build.py kept before the build context.
    (tmp_path / "old_build.py").write_text(
        "_last: list = []\nKINDS = {'a': 1}\n\ndef build_for(config):\n    _last[:] = [config]\n", encoding="utf-8"
    )
    assert module_state(tmp_path / "old_build.py") == {"_last"}
    assert not any("DPUP_LINK_STYLE" in path.read_text(encoding="utf-8") for path in (ROOT / "macros").glob("*.py"))


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
