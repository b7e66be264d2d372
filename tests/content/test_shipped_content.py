"""The content that ships validates, and holds everything the seeds hold."""

import pytest
from conftest import ROOT

from macros.loader import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def test_the_shipped_content_has_the_documented_counts(site):
    counts = {
        "principles": len(site.principles),
        "guidelines": len(site.guidelines),
        "roles": len(site.roles),
        "elements": len(site.elements),
        "criteria": sum(len(e.criteria) for e in site.elements),
        "descriptors": sum(len(c.descriptors) for e in site.elements for c in e.criteria),
        "levels": len(site.levels),
    }
    assert counts == {
        "principles": 5,
        "guidelines": 4,
        "roles": 5,
        "elements": 5,
        "criteria": 14,
        "descriptors": 42,
        "levels": 3,
    }


def test_the_levels_are_the_pmafs_three(site):
    assert [level.name for level in site.levels] == ["Informal", "Foundational", "Managed"]


def test_every_tool_the_issue_names_is_there(site):
    assert {tool.id for tool in site.tools} >= {
        "tool-purpose-statement",
        "tool-transparency-choice-checklist",
        "tool-funding-contracting-checklist",
        "tool-check-your-actions",
        "tool-principles-in-practice",
        "tool-policy-cycle",
    }


def test_the_purpose_statement_has_its_six_headings(site):
    tool = site.get("tool-purpose-statement")
    assert [section.title for section in tool.sections] == ["What", "Why", "How", "Choice", "Law", "Transparency"]


def test_the_policy_cycle_steps_are_in_order(site):
    tool = site.get("tool-policy-cycle")
    assert [section.title for section in tool.sections] == [
        "Identify the issue",
        "Understand and analyse",
        "Develop options",
        "Assess and recommend",
        "Implement",
        "Monitor and evaluate",
    ]


def test_checklist_items_carry_their_answer_set(site):
    for tool in site.tools:
        if tool.format != "checklist":
            continue
        for section in tool.sections:
            for entry in section.items:
                assert entry.answers == "answers-yes-no-na", entry.id
    labels = [option.label for option in site.get("answers-yes-no-na").options]
    assert labels == ["Yes", "No", "Not applicable"]


def test_every_role_shows_every_principle_in_action_and_has_tools(site):
    principle_ids = [p.id for p in site.principles]
    for role in site.roles:
        assert [a.principle for a in role.principles_in_action] == principle_ids, role.id
        assert role.tools, role.id


def test_the_two_lost_criterion_titles_are_marked_editorial(site):
    editorial = {c.id for e in site.elements for c in e.criteria if c.title_editorial}
    assert editorial == {"element-capability.01", "element-treaty-partner.01"}


def test_the_example_plan_has_23_numbered_actions_in_six_focus_areas(site):
    (plan,) = site.plans
    assert [area.title for area in plan.focus_areas] == [
        "Leadership",
        "Privacy Functions",
        "Skills and Capability",
        "Appropriate Access",
        "Reporting",
        "Assurance",
    ]
    assert [a.number for area in plan.focus_areas for a in area.actions] == list(range(1, 24))
    assert plan.focus_areas[3].actions[0].number == 13  # the seed's own numbering resumes at 13


def test_every_principle_has_reverse_links_to_guidelines_roles_tools_and_questions(site):
    for principle in site.principles:
        for kind in ("role", "tool", "question"):
            assert site.referrers(principle.id, kind), f"{principle.id} has no {kind} linking to it"
    for guideline in site.guidelines:
        assert site.referrers(guideline.id, "question"), guideline.id


def test_the_glossary_covers_every_principle_name(site):
    terms = {term.term.casefold() for term in site.glossary}
    for principle in site.principles:
        assert principle.name.casefold() in terms, principle.name
