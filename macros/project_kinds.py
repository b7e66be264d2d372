"""A project's own kinds (`extra.dpup.kinds`): Python files the build imports, each defining
`KIND = Kind(...)`, with its templates in a `templates/` folder beside it.

A kinds file is code, trusted like mkdocs.yml and hooks: it runs at every build and every
`./dev check`. What this module adds is that a mistake in it is reported like any other, as
`my_kinds.py:line: message` with no traceback, and that only files of the project are run:

- a path that is absolute or leaves the project (`..`, or a link out) is refused, not run;
- a syntax error, or an error raised while the file runs, names the file and the line;
- two kinds with the same name (the project's and the toolkit's, or two of the project's) are
  an error naming both files: otherwise the later one wins for some lookups and not others.
"""

from __future__ import annotations

import importlib.util
import os
import re
import traceback
from pathlib import Path

from . import kinds
from .folders import name_problem
from .yamlfile import ContentErrors, ContentProblem, excerpt

_KIND_LINE = re.compile(r"^KIND\s*[:=]", re.M)


def with_project_kinds(
    registry: kinds.Registry, names: list[str], config_file: Path, where: tuple[str, int]
) -> kinds.Registry:
    """`registry` with the kinds of each file in `names` (relative to `config_file`'s folder);
    raises ContentErrors listing every problem. `where` is the setting's (file, line)."""
    root = config_file.parent.resolve()
    problems: list[ContentProblem] = []
    defined_in = {kind.name: "the toolkit (macros/kinds.py)" for kind in registry}
    for name in names:
        unnamed = name_problem(name)
        if unnamed:  # a NUL byte stopped the path's resolve with a traceback
            problems.append(ContentProblem(*where, "extra.dpup", f"kinds: '{excerpt(name, 120)}': {unnamed}"))
            continue
        path = (root / name).resolve()
        if Path(name).is_absolute() or not path.is_relative_to(root):
            problems.append(
                ContentProblem(
                    *where,
                    "extra.dpup",
                    f"kinds: '{excerpt(name, 120)}' is outside the project; a kinds file is code the build "
                    "runs, and is named relative to mkdocs.yml, inside the project",
                )
            )
            continue
        if not path.is_file() or path.suffix != ".py":
            problems.append(ContentProblem(*where, "extra.dpup", f"kinds: '{excerpt(name, 120)}' is not a Python file"))
            continue
        shown = _shown(path, root)
        module, problem = _run(path, shown)
        if problem is not None:
            problems.append(problem)
            continue
        kind = getattr(module, "KIND", None)
        line = _kind_line(path)
        if not isinstance(kind, kinds.Kind):
            problems.append(ContentProblem(shown, line, "(kind)", "does not define KIND = Kind(...)"))
            continue
        if kind.name in defined_in:
            problems.append(
                ContentProblem(
                    shown,
                    line,
                    kind.name,
                    f"the kind '{excerpt(kind.name)}' is already defined in {defined_in[kind.name]}; "
                    "each kind has its own name",
                )
            )
            continue
        defined_in[kind.name] = shown
        templates = path.parent / "templates"
        registry = registry.with_kind(kind, templates if templates.is_dir() else None)
    if problems:
        raise ContentErrors(problems)
    return registry


def _shown(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/") if path.is_relative_to(root) else str(path)


def _kind_line(path: Path) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = _KIND_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _run(path: Path, shown: str):
    """(the module, None), or (None, the problem) when the file does not compile or raises."""
    spec = importlib.util.spec_from_file_location(f"dpup_kind_{path.stem}", path)
    if spec is None or spec.loader is None:
        return None, ContentProblem(shown, 1, "(kind)", "cannot be loaded as a Python file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        message = f"syntax error: {excerpt(error.msg or '', 200)}"
        return None, ContentProblem(shown, error.lineno or 1, "(kind)", message)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # any error in the file is reported, not raised (GeneratorExit too)
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if frame.filename == str(path)
            ),
            1,
        )
        message = f"{type(error).__name__}: {excerpt(str(error), 200)}"
        return None, ContentProblem(shown, line or 1, "(kind)", message)
    return module, None
