"""The Pages workflow tests, builds with the README's commands and uses the official Pages actions."""

import yaml
from conftest import ROOT


def test_the_workflow_tests_builds_and_deploys_with_the_official_actions():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    runs = [step.get("run", "") for step in build["steps"]]
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as True
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    assert runs.index("./dev test -q") < runs.index("./dev build")
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
