"""An agency keeps its own content and branding in its own folder and builds the same site."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, run_build

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"

AGENCY_TOOL = """id: tool-records-checklist
order: 2
title: Our records checklist
format: checklist
summary: Checks for our records team.
sections:
  - title: Records
    items:
      - id: tool-records-checklist.01
        text: Is the record kept only as long as needed?
        answers: answers-yes-no-na
"""


@pytest.fixture(scope="module")
def agency_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("agency")
    shutil.copytree(MINIMAL / "content", root / "our-content")
    shutil.copytree(MINIMAL / "quiz", root / "our-quiz")
    (root / "our-content" / "tools" / "tool-records-checklist.yml").write_text(AGENCY_TOOL, encoding="utf-8")
    element = root / "our-content" / "maturity" / "elements" / "element-culture.yml"
    element.write_text(
        element.read_text(encoding="utf-8")
        + (
            "  - id: element-culture.02\n    label: Criteria 2\n    order: 2\n    title: Our extra criterion\n"
            "    descriptors:\n      - level: informal\n        text: Not yet.\n      - level: foundational\n"
            "        text: Sometimes.\n      - level: managed\n        text: Always.\n"
        ),
        encoding="utf-8",
    )
    # Branding through mkdocs.yml only: it inherits the toolkit's config and overrides a few keys.
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "site_name: Ministry of Examples privacy toolkit\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "plugins:\n  - search\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n  - dpup\n"
        "watch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        "  palette:\n    primary: teal\n"
        "extra:\n  publisher:\n    name: the Ministry of Examples\n    contact_label: Contact our privacy team\n"
        "    contact: mailto:privacy@example.govt.nz\n    accessibility: accessibility.md\n    privacy: privacy.md\n"
        "  dpup:\n    content_dir: our-content\n    quiz_dir: our-quiz\n",
        encoding="utf-8",
    )
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_the_agency_name_and_footer_come_from_its_config(agency_site):
    html = (agency_site / "index.html").read_text(encoding="utf-8")
    assert "Ministry of Examples privacy toolkit" in html
    assert 'href="mailto:privacy@example.govt.nz">Contact our privacy team</a>' in html
    assert "Published by the Ministry of Examples." in html
    assert 'data-md-color-primary="teal"' in html


def test_the_agency_tool_becomes_an_interactive_checklist(agency_site):
    html = (agency_site / "tools" / "records-checklist" / "index.html").read_text(encoding="utf-8")
    assert 'data-dpup-widget="checklist"' in html
    assert "Is the record kept only as long as needed?" in html


def test_the_agency_criterion_is_in_the_self_check_and_the_element_page(agency_site):
    assert "Our extra criterion" in (agency_site / "maturity" / "self-check" / "index.html").read_text(encoding="utf-8")
    assert 'id="element-culture.02"' in (agency_site / "maturity" / "culture" / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_shipped_content_pages_are_absent_from_the_agency_site(agency_site):
    assert not (agency_site / "roles" / "policy-service-development").exists()
    assert (agency_site / "quiz" / "intro" / "trainer" / "index.html").is_file()


def test_a_section_past_the_nav_limit_lists_its_items_on_its_index_page_only(tmp_path):
    root = tmp_path / "big"
    shutil.copytree(MINIMAL / "content", root / "content")
    shutil.copytree(MINIMAL / "quiz", root / "quiz")
    for number in range(1, 4):
        (root / "content" / "tools" / f"tool-extra-{number}.yml").write_text(
            AGENCY_TOOL.replace("tool-records-checklist", f"tool-extra-{number}"), encoding="utf-8"
        )
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "plugins:\n  - search\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n  - dpup\n"
        "watch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        "extra:\n  dpup:\n    content_dir: content\n    quiz_dir: quiz\n    nav_limit: 3\n",
        encoding="utf-8",
    )
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    tools = (root / "site" / "tools" / "index.html").read_text(encoding="utf-8")
    assert 'href="tools/extra-1/"' not in home  # four tools: past the limit of three
    assert 'href="principles/he-tangata/"' in home  # one principle: still in the sidebar
    assert 'href="extra-1/"' in tools and (root / "site" / "tools" / "extra-1" / "index.html").is_file()


def test_a_config_that_still_names_the_old_hooks_file_is_told_what_to_write(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"hooks:\n  - {ROOT / 'macros' / 'mkdocs_hooks.py'}\n"
        "plugins:\n  - search\n  - macros:\n      modules: [macros]\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nwatch: []\n",
        encoding="utf-8",
    )
    result = run_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "is replaced by the toolkit's plugin" in result.stderr
    assert "  - dpup" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_check_reads_an_inherited_content_folder_as_the_build_does(tmp_path):
    # The agency's shared base file says where the content is; its mkdocs.yml only INHERITs it.
    shutil.copytree(MINIMAL / "content", tmp_path / "our-content")
    shutil.copytree(MINIMAL / "quiz", tmp_path / "our-quiz")
    (tmp_path / "base.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nwatch: []\n"
        "extra:\n  dpup:\n    content_dir: our-content\n    quiz_dir: our-quiz\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Ours\n", encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Content OK")
    assert "1 principle" in checked.stdout
