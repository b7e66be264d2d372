"""One lifecycle for every kind, and ids that are safe as addresses: allowed cases beside refused ones.

The refused cases with their exact messages are in tests/build/test_broken_content.py; these
check what retiring does to the site, and the address rules that need the docs/ folder.
"""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from macros.build import create_context
from macros.loader import ContentErrors, load_site
from macros.pages import generated_pages
from macros.siteconfig import SiteConfig

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project"


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(root: Path):
    return load_site(root / "content", root / "quiz", shown_relative_to=root)


def test_the_minimal_content_has_one_page_of_each_kind(content):
    site = load(content)
    assert [page.src for page in generated_pages(site)] == [
        "principles/he-tangata.md",
        "guidelines/purpose-matters.md",
        "roles/frontline.md",
        "tools/check-your-actions.md",
        "maturity/culture.md",
        "maturity/plans/example.md",
        "quiz/intro.md",
        "quiz/workshop-intro.md",
        "quiz/intro/trainer.md",
        "quiz/intro/handout.md",
        "quiz/intro/answer-key.md",
    ]


def test_a_retired_quiz_nobody_uses_leaves_no_page_behind(content):
    edit(content, "quiz/intro.yml", "title: Quiz\n", "title: Quiz\nstatus: retired\n")
    site = load(content)
    assert site.quizzes == [] and "quiz-intro" not in site.index and "quiz-intro.01" not in site.index
    assert not [page for page in generated_pages(site) if page.src.startswith("quiz/intro")]


def test_a_retired_plan_nobody_uses_is_gone(content):
    edit(
        content,
        "content/plans/plan-example.yml",
        "title: Privacy Improvement Plan\n",
        "title: Privacy Improvement Plan\nstatus: retired\n",
    )
    site = load(content)
    assert site.plans == [] and "plan-example" not in site.index
    # What only the retired plan referred to lists nothing now.
    assert site.referrers("element-culture.01", "plan") == []


def test_a_retired_tool_is_allowed_once_nothing_points_to_it(content):
    edit(content, "content/tools/tool-check-your-actions.yml", "order: 1\n", "order: 1\nstatus: retired\n")
    edit(content, "content/roles/role-frontline.yml", "tools:\n  - tool-check-your-actions\n", "")
    edit(content, "content/maturity/elements/element-culture.yml", "      - tool-check-your-actions\n", "")
    site = load(content)
    assert site.tools == [] and "tool-check-your-actions.01" not in site.index
    assert "tools/check-your-actions.md" not in [page.src for page in generated_pages(site)]


def test_retired_children_are_removed_from_their_parent_once(content):
    edit(content, "quiz/intro.yml", "    order: 1\n", "    order: 1\n    status: retired\n")
    edit(
        content,
        "quiz/intro.yml",
        "questions:\n",
        "questions:\n"
        + (
            "  - id: quiz-intro.02\n    order: 2\n    stem: Still here?\n    options:\n"
            "      - {key: A, text: 'Yes', correct: true, feedback: Good.}\n      - {key: B, text: 'No', feedback: No.}\n"
            "    explanation: It is.\n    tests: [principle-he-tangata]\n"
        ),
    )
    site = load(content)
    assert [question.id for question in site.quizzes[0].questions] == ["quiz-intro.02"]
    assert site.get("quiz-intro").questions == site.quizzes[0].questions
    assert [question.id for question in site.questions] == ["quiz-intro.02"]


def test_a_retired_item_may_point_to_another_retired_item(content):
    edit(content, "content/tools/tool-check-your-actions.yml", "order: 1\n", "order: 1\nstatus: retired\n")
    edit(content, "content/roles/role-frontline.yml", "order: 1\n", "order: 1\nstatus: retired\n")
    edit(content, "content/maturity/elements/element-culture.yml", "      - tool-check-your-actions\n", "")
    site = load(content)
    assert site.roles == [] and site.tools == []


def site_config(root: Path, docs: Path = ROOT / "docs") -> SiteConfig:
    (root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    # The shipped accessibility page reads the publisher's name: a site that has those pages sets it.
    extra = {"publisher": {"name": "T"}}
    return SiteConfig.of({"site_name": "T", "docs_dir": str(docs), "extra": extra}, root / "mkdocs.yml")


def test_an_id_whose_page_would_replace_a_hand_written_page_is_refused(content):
    edit(content, "content/maturity/elements/element-culture.yml", "id: element-culture\n", "id: element-self-check\n")
    text = (content / "content/maturity/elements/element-culture.yml").read_text(encoding="utf-8")
    (content / "content/maturity/elements/element-culture.yml").write_text(
        text.replace("element-culture.01", "element-self-check.01"), encoding="utf-8"
    )
    edit(content, "content/plans/plan-example.yml", "element-culture.01", "element-self-check.01")
    with pytest.raises(ContentErrors) as errors:
        create_context(site_config(content))
    assert [str(problem) for problem in errors.value.problems] == [
        "content/maturity/elements/element-culture.yml:2: element-self-check: the page for this id "
        "(maturity/self-check/) would replace the hand-written page docs/maturity/self-check.md; choose another id"
    ]


def test_two_items_that_would_share_an_address_are_refused(content):
    # A workshop's page is quiz/<its id>/, so a quiz named quiz-workshop-intro would take it.
    (content / "content" / "workshops").mkdir(exist_ok=True)  # the fixture has one workshop: replaced
    (content / "content" / "workshops" / "workshop-intro.yml").write_text(
        "id: workshop-intro\norder: 1\ntitle: W\nsummary: S\nduration: 1 hour\naudience: All\n"
        "agenda:\n  - title: Start\n    minutes: 5\n    notes: Hello.\n",
        encoding="utf-8",
    )
    quiz = (content / "quiz" / "intro.yml").read_text(encoding="utf-8").replace("quiz-intro", "quiz-workshop-intro")
    (content / "quiz" / "workshop.yml").write_text(quiz, encoding="utf-8")
    with pytest.raises(ContentErrors) as errors:
        create_context(site_config(content))
    assert [str(problem) for problem in errors.value.problems] == [
        "content/workshops/workshop-intro.yml:1: workshop-intro: the page for this id (quiz/workshop-intro/) would "
        "replace the page of 'quiz-workshop-intro'; choose another id"
    ]


def test_ids_of_the_longest_allowed_length_are_fine(content):
    long_id = "role-" + "a" * 59
    edit(content, "content/roles/role-frontline.yml", "id: role-frontline", f"id: {long_id}")
    site = create_context(site_config(content)).site
    assert site.get(long_id).kind == "role"
