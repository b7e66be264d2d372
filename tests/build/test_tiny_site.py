"""Tiny complete sites (config, docs, content) built end to end, as mkdocs-macros tests its own."""

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_build

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


# A site written for an earlier version lists mkdocs-macros, which then runs the pages' macros;
# the toolkit's own mkdocs.yml lists only the dpup plugin, which runs them itself.
WITH_MKDOCS_MACROS = "  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n"


def tiny_site(tmp_path: Path, page: str, mkdocs_macros: bool = True, content: Path = MINIMAL) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Tiny\n"
        "theme:\n  name: material\n  font: false\n"
        f"plugins:\n{WITH_MKDOCS_MACROS if mkdocs_macros else ''}  - dpup\n"
        "extra:\n  publisher:\n    name: Tiny Agency\n"
        f"  dpup:\n    content_dir: {content / 'content'}\n    quiz_dir: {content / 'quiz'}\n",
        encoding="utf-8",
    )
    return tmp_path


EVERY_MACRO_PAGE = (
    "# Home\n\nSee [the principle]({{ link_to('principle-he-tangata') }}) and "
    "[the workshop]({{ link_to('workshop-none', otherwise='index.md') }}).\n\n"
    "Published by {{ config.extra.publisher.name }} for {{ config.site_name }}.\n\n"
    "## Tools\n\n{{ cards('tool') }}\n\n{{ glossary() }}\n"
)


def test_pages_are_the_same_whether_mkdocs_macros_or_the_toolkit_runs_their_macros(tmp_path):
    sites = {}
    for listed in (True, False):
        root = tiny_site(tmp_path / str(listed), EVERY_MACRO_PAGE, mkdocs_macros=listed)
        result = run_build(root, root / "site")
        assert result.returncode == 0, result.stderr
        sites[listed] = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert sites[False] == sites[True]
    assert "Published by Tiny Agency for Tiny." in sites[False]
    assert 'href="principles/he-tangata/"' in sites[False] and 'href="tools/check-your-actions/"' in sites[False]


def test_the_toolkit_builds_without_loading_mkdocs_macros(tmp_path):
    # The toolkit's own mkdocs.yml: mkdocs-macros' imports and its twelve git commands were about
    # 0.06 s of a 1.5 s first build (bench/results/build-overhead.md).
    plugins = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:\n")[1].split("\n\n")[0]
    assert re.search(r"^ +- dpup$", plugins, re.M) and not re.search(r"^ +- macros\b", plugins, re.M)
    result = run_build(ROOT, tmp_path / "site", {"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    imported = [
        line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")
    ]
    assert "macros.page_macros" in imported  # the import lines are there to read
    assert not [name for name in imported if name.startswith("mkdocs_macros")]


@pytest.mark.parametrize("mkdocs_macros", [True, False], ids=["mkdocs-macros", "the toolkit"])
def test_template_code_in_content_is_shown_as_written_never_run(tmp_path, mkdocs_macros):
    # Whichever runs the pages' macros runs them once: what a macro returns (content's text,
    # escaped for HTML, where "{{" needs no escaping) is never read as template code again.
    import shutil

    content = tmp_path / "agency"
    shutil.copytree(MINIMAL, content)
    tool = content / "content" / "tools" / "tool-check-your-actions.yml"
    tool.write_text(
        tool.read_text(encoding="utf-8").replace("summary: A one-page checklist.", "summary: Sums like {{ 7*7 }}."),
        encoding="utf-8",
    )
    root = tiny_site(tmp_path / "site-project", "# Home\n\n{{ cards('tool') }}\n", mkdocs_macros, content)
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Sums like {{ 7*7 }}." in html
    assert "Sums like 49." not in html


@pytest.mark.parametrize("mkdocs_macros", [True, False], ids=["mkdocs-macros", "the toolkit"])
def test_an_error_in_a_page_names_its_file_and_line_either_way(tmp_path, mkdocs_macros):
    page = "---\ntitle: Home\n---\n\n# Home\n\n{{ cards('tool') }}\n\n{{ cards('no-such-kind') }}\n"
    root = tiny_site(tmp_path, page, mkdocs_macros)
    result = run_build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md:9:" in output, output
    assert "Traceback" not in output


def test_an_unknown_id_in_a_page_fails_the_build_and_names_it(tmp_path):
    root = tiny_site(tmp_path, "# Home\n\nSee [the principle]({{ link_to('principle-he-tangta') }}).\n")
    result = run_build(root, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (
        "docs/index.md:3: principle-he-tangta: unknown item id 'principle-he-tangta'; "
        "did you mean 'principle-he-tangata'?"
    ) in output
    assert "Traceback" not in output


def test_an_unknown_macro_fails_the_build(tmp_path):
    # Item pages are generated from the content, not written by hand: there is no page macro.
    root = tiny_site(tmp_path, "# Home\n\n{{ principle_page('principle-he-tangata') }}\n")
    result = run_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "'principle_page' is undefined" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "macro, expected",
    [
        ("See [the principle]({{ link_to('principle-he-tangata') }}).", 'href="principles/he-tangata/"'),
        ("{{ cards('tool') }}", 'href="tools/check-your-actions/"'),
    ],
)
def test_a_page_built_from_another_content_folder_renders_it(tmp_path, macro, expected):
    root = tiny_site(tmp_path, f"# Home\n\n{macro}\n")
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert expected in html
    assert '<html lang="en-NZ"' in html
    assert (tmp_path / "site" / "tools" / "check-your-actions" / "index.html").is_file()


def test_a_second_quiz_bank_gets_its_pages_with_no_code_change(tmp_path):
    import shutil

    content = tmp_path / "agency"
    shutil.copytree(MINIMAL, content)
    second = (content / "quiz" / "intro.yml").read_text(encoding="utf-8").replace("quiz-intro", "quiz-refresher")
    (content / "quiz" / "refresher.yml").write_text(
        second.replace("title: Quiz", "title: Refresher quiz"), encoding="utf-8"
    )
    root = tiny_site(tmp_path, "# Home\n\n{{ cards('quiz') }}\n")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(str(MINIMAL), str(content))
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path in (
        "quiz/refresher/index.html",
        "quiz/refresher/trainer/index.html",
        "quiz/refresher/handout/index.html",
        "quiz/refresher/answer-key/index.html",
        "quiz/refresher/dpup-refresher-quiz-workshop-pack.html",
    ):
        assert (tmp_path / "site" / path).is_file(), path
    html = (tmp_path / "site" / "quiz" / "refresher" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="quiz-refresher"' in html and 'data-dpup-scripts="answers.js quiz.js"' in html


def test_a_second_framework_section_appears_in_the_self_check_with_no_code_change(tmp_path):
    import shutil

    content = tmp_path / "agency"
    shutil.copytree(MINIMAL, content)
    sections = content / "content" / "maturity" / "sections.yml"
    sections.write_text(
        sections.read_text(encoding="utf-8") + ("  - id: section-leadership\n    order: 2\n    title: Leadership\n"),
        encoding="utf-8",
    )
    (content / "content" / "maturity" / "elements" / "element-governance.yml").write_text(
        "id: element-governance\nsection: section-leadership\nnumber: 1\norder: 10\n"
        "title: Set privacy governance\nstatement: Governance is in place.\ncriteria:\n"
        "  - id: element-governance.01\n    label: Criteria 1\n    order: 1\n    title: Having a privacy officer\n"
        "    descriptors:\n      - level: informal\n        text: No officer.\n"
        "      - level: foundational\n        text: Part-time officer.\n      - level: managed\n        text: Resourced office.\n",
        encoding="utf-8",
    )
    root = tiny_site(tmp_path, "# Self-check\n\n{{ self_check() }}\n")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(str(MINIMAL), str(content))
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-section-id="section-leadership"' in html
    assert 'data-criterion-id="element-governance.01"' in html
    assert 'data-criterion-id="element-culture.01"' in html
    assert "0 of 2 criteria rated" in html
    assert (tmp_path / "site" / "maturity" / "governance" / "index.html").is_file()
