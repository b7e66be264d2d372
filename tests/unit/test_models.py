"""Model rules: unknown fields are errors, and each content type's own invariants hold."""

import pytest
from pydantic import ValidationError

from macros import models as m


def question(**overrides):
    data = dict(
        id="quiz-x.01",
        order=1,
        stem="Which?",
        explanation="Because.",
        tests=["principle-a"],
        options=[
            dict(key="A", text="Right", correct=True, feedback="Correct."),
            dict(key="B", text="Wrong", feedback="No, because."),
        ],
    )
    data.update(overrides)
    return data


def test_an_unknown_field_is_rejected():
    with pytest.raises(ValidationError) as error:
        m.Principle.model_validate(dict(id="principle-a", order=1, name="A", meaning="a", summary="s", sumary="typo"))
    assert error.value.errors()[0]["type"] == "extra_forbidden"


def test_ids_must_carry_their_type_prefix():
    with pytest.raises(ValidationError):
        m.Principle.model_validate(dict(id="he-tangata", order=1, name="A", meaning="a", summary="s"))


def test_a_question_needs_exactly_one_correct_option():
    m.Question.model_validate(question())
    two = question(
        options=[
            dict(key="A", text="a", correct=True, feedback="f"),
            dict(key="B", text="b", correct=True, feedback="g"),
        ]
    )
    with pytest.raises(ValidationError, match="exactly one correct option; found A, B"):
        m.Question.model_validate(two)
    none = question(options=[dict(key="A", text="a", feedback="f"), dict(key="B", text="b", feedback="g")])
    with pytest.raises(ValidationError, match="found none"):
        m.Question.model_validate(none)


def test_every_option_needs_feedback():
    with pytest.raises(ValidationError, match="feedback"):
        m.Question.model_validate(
            question(options=[dict(key="A", text="a", correct=True, feedback="f"), dict(key="B", text="b")])
        )


def test_planned_actions_are_numbered_without_gaps():
    def plan(numbers):
        return dict(
            id="plan-x",
            title="P",
            period_start="2024-07-01",
            period_end="2025-06-30",
            focus_areas=[dict(title="A", actions=[dict(number=n, text="do") for n in numbers])],
        )

    m.Plan.model_validate(plan([1, 2, 3]))
    with pytest.raises(ValidationError, match="numbered 1 to 3 in order with no gaps or repeats; got 1, 2, 4"):
        m.Plan.model_validate(plan([1, 2, 4]))


def test_criteria_ids_are_children_of_their_element():
    element = dict(
        id="element-a",
        section="section-a",
        number=1,
        order=1,
        title="T",
        statement="S",
        criteria=[
            dict(
                id="element-b.01",
                label="Criteria 1",
                order=1,
                title="C",
                descriptors=[dict(level="informal", text="t")],
            )
        ],
    )
    with pytest.raises(ValidationError, match=r"must start with the element id 'element-a\.'"):
        m.Element.model_validate(element)


def test_timeline_events_must_be_in_date_order():
    about = dict(
        title="About",
        in_short=["x"],
        power_of_data="p",
        why="w",
        voices_to_policy="v",
        structure="s",
        timeline=[
            dict(when="2018", sort_key="2018", title="b", text="t"),
            dict(when="2016", sort_key="2016", title="a", text="t"),
        ],
    )
    with pytest.raises(ValidationError, match="date order; got 2018, 2016"):
        m.About.model_validate(about)


def test_models_are_frozen():
    level = m.Level(id="managed", order=3, name="Managed", meaning="m")
    with pytest.raises(ValidationError):
        level.name = "Other"
