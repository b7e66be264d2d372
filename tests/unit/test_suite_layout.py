"""Tests a newcomer can find their way in: one file per subject, named for what it tests, and
one way of importing the shared fixtures, so that `pytest` run bare finds every test, as
`./dev test` does."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

TESTS = ROOT / "tests"
# Words that name a review round or a version of a file rather than its subject.
ROUND_WORDS = {"pass", "round", "again", "v2", "new", "old", "more"}


def all_test_files():
    return sorted(path for path in TESTS.rglob("test_*.py") if "fixtures" not in path.parts)


def test_every_test_imports_conftest_the_one_way():
    """`from conftest import ...`: pytest puts tests/ on the path for its conftest.py, with or
    without `python -m`. `tests.conftest` needs the project root on the path (bare `pytest` does
    not put it there) and would load conftest.py a second time, as another module."""
    wrong = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(name.startswith("tests.") or name == "tests" for name in names):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Import) and "conftest" in names:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


def test_no_two_test_files_have_names_that_differ_only_by_a_plural():
    stems: dict[str, Path] = {}
    clashes = []
    for path in all_test_files():
        key = path.stem.removesuffix("s")
        if key in stems:
            clashes.append((stems[key].relative_to(ROOT).as_posix(), path.relative_to(ROOT).as_posix()))
        stems[key] = path
    assert clashes == []


def test_no_test_file_is_named_after_a_review_round():
    named = [path.relative_to(ROOT).as_posix() for path in all_test_files() if ROUND_WORDS & set(path.stem.split("_"))]
    assert named == []


@pytest.mark.long_running
def test_a_bare_pytest_collects_every_test():
    """`pytest` as a person types it: the console script, which does not put the project root on
    the path (`python -m pytest` does)."""
    pytest_script = Path(sys.executable).parent / "pytest"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(pytest_script), "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " error" not in result.stdout.splitlines()[-1], result.stdout[-3000:]
