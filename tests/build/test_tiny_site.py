"""Tiny complete sites (config, docs, content) built end to end, as mkdocs-macros tests its own."""

from pathlib import Path

import pytest
from conftest import ROOT, run_build

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def tiny_site(tmp_path: Path, page: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Tiny\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n  - dpup\n"
        f"extra:\n  dpup:\n    content_dir: {MINIMAL / 'content'}\n    quiz_dir: {MINIMAL / 'quiz'}\n",
        encoding="utf-8",
    )
    return tmp_path


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
