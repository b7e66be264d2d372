"""The DPUP content model: one pydantic model per content type.

This module is the one place where field meanings are documented (in `Field(description=...)`,
which is also exported as JSON Schema) and where the shape of every YAML file is checked.
Checks that need the whole content set (references between files, unique ids) live in
`loader.py`, which reads the `Ref` markers declared here.

Conventions, applied everywhere:
- every model forbids unknown fields (a typo is an error, never silently ignored);
- ids are permanent, readable kebab-case slugs with a type prefix; a child's id is its
  parent's id plus `.NN` (people's saved answers are keyed by ids, so retire, never renumber);
- display labels and order are separate fields, never parsed out of an id;
- a relationship is declared once, on the owning side, as a `Ref`; reverse links are computed;
- `Markdown` fields may hold Markdown; every other string is plain text and is escaped.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator


class Model(BaseModel):
    # defer_build: a model's validator is made when it first validates, not on import. A build
    # whose content comes from the cache (`build.cached_load_site`) validates only the settings.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


@dataclass(frozen=True, init=False)
class Ref:
    """Marks a string field as a reference to an item of one of `kinds`; the loader checks it.
    Written `Annotated[str, Ref("principle", "guideline")]`, which type checkers read as `str`."""

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        object.__setattr__(self, "kinds", kinds)


class MarkdownText:
    """Marks a string field whose Markdown is rendered (lists, emphasis, links). Raw HTML is escaped."""


Text = Annotated[str, StringConstraints(min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1), MarkdownText()]
Status = Literal["active", "retired"]
# Typed Any: the default "active" is a `Status`, which mypy cannot tell from a plain str.
STATUS_FIELD: Any = Field(
    "active",
    description="`retired` removes the item from the site without reusing its id; anything that still refers to "
    "it is an error.",
)


def id_field(prefix: str, description: str):
    pattern = rf"^{prefix}[a-z0-9]+(-[a-z0-9]+)*$"
    return Field(pattern=pattern, description=f"{description} Permanent; pattern `{pattern}`.")


CHILD_ID = r"^[a-z0-9]+(-[a-z0-9]+)*\.[0-9]{2}$"


YearMonth = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class Source(Model):
    """An official page that an editorial text restates, shown as a small "Based on" link.

    `checked` is the month a person last read the page against the text it supports (issue 35). It is
    written by that person, never filled in by a tool (not the commit date, not the build date): a
    date no one vouches for would hide exactly the staleness the review exists to find."""

    title: Text = Field(max_length=300, description="The page's title as a reader would recognise it.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=500)] = Field(
        description="The page's address; `http` or `https` only."
    )
    checked: YearMonth | None = Field(
        None,
        description="The month someone last read this page against the text it supports, as `YYYY-MM`. Write it "
        "yourself when you have read it; leave it out if no one has (`dpup-toolkit review` lists it as never "
        "checked).",
    )
    no_official_copy: Text | None = Field(
        None,
        max_length=300,
        description="Where the official page itself could not be read (only a copy elsewhere, or nothing): why, "
        "in a few words. The review lists the source; the text it supports must say what was not settled.",
    )


def sources_field(what: str = "this text"):
    return Field(
        default_factory=list,
        description=(
            f"The official pages {what} restates, shown as a small 'Based on' link next to the Editorial label. "
            "Required wherever editorial text touches sharing, consent, correction or the law."
        ),
    )


Sources = list[Source]


class Item(Model):
    """An item with a permanent id that other content can reference."""

    kind: ClassVar[str]
    id: str


# --- Glossary -------------------------------------------------------------------------------


class Term(Item):
    kind: ClassVar[str] = "term"
    id: str = id_field("term-", "Glossary term id, for example `term-whanau`.")
    term: Text = Field(description="The word or acronym as it is written, with macrons.")
    language: Literal["mi", "en"] = Field(
        description='`mi` for te reo Māori (marked `lang="mi"` wherever it appears), `en` otherwise.'
    )
    category: Literal["te-reo", "organisation", "acronym"]
    meaning: Text = Field(description="Plain-English meaning, shown as a tooltip and in the glossary.")
    variants: list[Text] = Field(
        default_factory=list, description="Other spellings to recognise in text (matching ignores case)."
    )
    tooltip: bool = Field(True, description="Show the meaning as a tooltip where the term first appears on a page.")
    sources: Sources = sources_field("the meaning")
    status: Status = STATUS_FIELD


class Glossary(Model):
    terms: list[Term] = Field(min_length=1)


# --- Answer sets (shared by checklists, and by the self-check later) --------------------------


class AnswerOption(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    label: Text
    needs_attention: bool = Field(
        False, description="True when choosing this answer means the item still needs work (for summaries)."
    )


class AnswerSet(Item):
    kind: ClassVar[str] = "answer-set"
    id: str = id_field("answers-", "Answer set id, for example `answers-yes-no-na`.")
    title: Text
    options: list[AnswerOption] = Field(min_length=2)
    status: Status = STATUS_FIELD


class AnswerSets(Model):
    answer_sets: list[AnswerSet] = Field(min_length=1)


# --- Principles and guidelines ---------------------------------------------------------------


class Principle(Item):
    kind: ClassVar[str] = "principle"
    id: str = id_field("principle-", "Principle id, for example `principle-he-tangata`.")
    order: int
    name: Text = Field(description="The te reo Māori name, verbatim (for example `He Tāngata`).")
    meaning: Text = Field(description="Editorial: a plain-English gloss of the name.")
    summary: Text = Field(description="Verbatim from seed 001: the principle's summary.")
    about: Markdown | None = Field(None, description="Editorial: a short explanation in our own words.")
    meaning_sources: Sources = Field(
        default_factory=list,
        description="The official page that explains the te reo name, if there is one. Leave it empty where none "
        "was found: the page then says that the meaning is ours alone.",
    )
    sources: Sources = sources_field("the explanation ('About this principle')")
    status: Status = STATUS_FIELD


class Principles(Model):
    principles: list[Principle] = Field(min_length=1)


class Subtopic(Model):
    title: Text
    text: Markdown = Field(description="Editorial: what this part asks of you, in our own words.")
    sources: Sources = sources_field("this part")


class Guideline(Item):
    kind: ClassVar[str] = "guideline"
    id: str = id_field("guideline-", "Guideline id, for example `guideline-purpose-matters`.")
    order: int
    title: Text
    summary: Text = Field(description="Verbatim from seed 001: the guideline's first sentence(s).")
    detail: Text = Field(description="Verbatim from seed 001: the guideline's second sentence(s).")
    key_points: list[Text] = Field(default_factory=list, description="Editorial: key points in our own words.")
    subtopics_title: Text | None = Field(None, description="Heading for the subtopics, for example `The Value Loop`.")
    subtopics: list[Subtopic] = Field(default_factory=list, description="Editorial: the guideline's parts.")
    principles: list[Annotated[str, Ref("principle")]] = Field(
        min_length=1, description="The principles this guideline supports."
    )
    sources: Sources = sources_field("the key points")
    status: Status = STATUS_FIELD


class Guidelines(Model):
    guidelines: list[Guideline] = Field(min_length=1)


# --- Tools ---------------------------------------------------------------------------------


class ToolItem(Item):
    kind: ClassVar[str] = "tool-item"
    id: str = Field(pattern=CHILD_ID, description="The tool's id plus `.NN`, for example `tool-purpose-statement.03`.")
    text: Text = Field(description="The question, check or step, in our own words.")
    help: Markdown | None = Field(None, description="Optional hint shown under the item.")
    answers: Annotated[str, Ref("answer-set")] | None = Field(
        None, description="The answer set for a checklist item (for example `answers-yes-no-na`); none for prompts."
    )
    status: Status = STATUS_FIELD


class ToolSection(Model):
    title: Text
    intro: Markdown | None = None
    principle: Annotated[str, Ref("principle")] | None = Field(
        None, description="The principle this section is about, if any."
    )
    guideline: Annotated[str, Ref("guideline")] | None = Field(
        None, description="The guideline this section is about, if any."
    )
    items: list[ToolItem] = Field(default_factory=list)
    sources: Sources = sources_field("this section's items")


class Tool(Item):
    kind: ClassVar[str] = "tool"
    id: str = id_field("tool-", "Tool id, for example `tool-purpose-statement`.")
    order: int
    title: Text
    format: Literal["checklist", "template", "questions", "steps"] = Field(
        description="How the tool is used: answer a checklist, fill in a template, ask questions, follow steps."
    )
    summary: Markdown = Field(description="Editorial: what the tool is for and when to use it.")
    how_to_use: Markdown | None = Field(None, description="Editorial: how to work through it.")
    related: list[Annotated[str, Ref("principle", "guideline")]] = Field(
        default_factory=list, description="Principles and guidelines the tool puts into practice."
    )
    sections: list[ToolSection] = Field(min_length=1)
    sources: Sources = sources_field("the tool")
    status: Status = STATUS_FIELD

    @model_validator(mode="after")
    def _items_are_children(self) -> Tool:
        for section in self.sections:
            for item in section.items:
                if not item.id.startswith(self.id + "."):
                    raise ValueError(f"item id '{item.id}' must start with the tool id '{self.id}.'")
        return self


# --- Roles ---------------------------------------------------------------------------------


class PrincipleInAction(Model):
    principle: Annotated[str, Ref("principle")]
    upheld_when: list[Text] = Field(min_length=1, description="Editorial: 'the principle is upheld when you ...'.")
    sources: Sources = sources_field("these points")


class SharingSummary(Model):
    """The short 'When you share information' summary at the top of a role page."""

    points: list[Text] = Field(
        min_length=1, max_length=5, description="Editorial: a few short points, in our own words, about sharing."
    )
    sources: Sources = Field(
        min_length=1,
        description="The official pages (and sections of the law) the points restate; required, because every "
        "point is about sharing.",
    )


class Role(Item):
    kind: ClassVar[str] = "role"
    id: str = id_field("role-", "Role id, for example `role-frontline`.")
    order: int
    title: Text = Field(description="As the official toolkit names the role, for example `Work at the frontline`.")
    audience: Text = Field(description="Who this is for, in a few words, for example `Frontline workers`.")
    what_you_do: Markdown = Field(description="Editorial: 'What you do'.")
    summary: Markdown = Field(description="Editorial: a short DPUP summary for this role.")
    sharing: SharingSummary | None = Field(
        None, description="Editorial: 'When you share information', shown with the tools near the top of the page."
    )
    principles_in_action: list[PrincipleInAction] = Field(min_length=1)
    tools: list[Annotated[str, Ref("tool")]] = Field(
        default_factory=list, description="The tools for this role, in order."
    )
    sources: Sources = sources_field("the role page")
    status: Status = STATUS_FIELD


# --- Privacy maturity (PMAF) ---------------------------------------------------------------


class Level(Item):
    kind: ClassVar[str] = "level"
    id: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$", description="Level id, for example `managed`.")
    order: int = Field(description="1 is the least mature.")
    name: Text
    meaning: Text = Field(description="Editorial: what the level means, in short.")
    formerly: list[Text] = Field(default_factory=list, description="Older names for the level, for example `Basic`.")
    colour: str | None = Field(
        None,
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="Optional fill for this level in the self-check heat map, as `#rrggbb`; always shown with its letter.",
    )
    status: Status = STATUS_FIELD


class RollupRules(Model):
    element: Literal["lowest"] = Field(
        "lowest", description="How criterion ratings give an element level. `lowest`: the lowest criterion level."
    )
    section: Literal["lowest"] = Field(
        "lowest", description="How element levels give a section level. `lowest`: the lowest element level."
    )


class MaturityScale(Model):
    framework: Text = Field(description="The framework's name.")
    levels: list[Level] = Field(min_length=2)
    rollup: RollupRules = Field(default_factory=RollupRules)
    default_target: Annotated[str, Ref("level")] = Field(
        description="The level the self-check measures gaps against by default."
    )
    rollup_note: Markdown | None = Field(None, description="Editorial: why the rule is what it is.")
    sources: Sources = sources_field("the level meanings and the roll-up note")


class Section(Item):
    kind: ClassVar[str] = "section"
    id: str = id_field("section-", "Framework section id, for example `section-core-expectations`.")
    order: int
    title: Text
    summary: Markdown | None = Field(None, description="Editorial: what the section covers and who it is asked of.")
    sources: Sources = sources_field("the summary")
    status: Status = STATUS_FIELD


class Sections(Model):
    sections: list[Section] = Field(min_length=1)


class Descriptor(Model):
    level: Annotated[str, Ref("level")]
    text: Markdown = Field(description="Verbatim from the PMAF: what the criterion looks like at this level.")


class Criterion(Item):
    kind: ClassVar[str] = "criterion"
    id: str = Field(pattern=CHILD_ID, description="The element id plus `.NN`, for example `element-culture.02`.")
    label: Text = Field(description="Display label, for example `Criteria 2`.")
    order: int
    title: Text
    title_editorial: bool = Field(False, description="True where the official title was lost and ours stands in.")
    guidance: Markdown | None = Field(None, description="Verbatim from the PMAF: the criterion's guidance note.")
    descriptors: list[Descriptor] = Field(min_length=1, description="One per level, verbatim.")
    helped_by: list[Annotated[str, Ref("principle", "guideline", "role", "tool")]] = Field(
        default_factory=list, description="DPUP principles, guidelines, roles and tools that help meet this criterion."
    )
    status: Status = STATUS_FIELD


class EditorialNote(Model):
    """Our note beside verbatim text that events have overtaken (an agency's role has moved, say). The
    official text stays word for word; the note is shown next to it, marked Editorial, with its sources."""

    text: Markdown = Field(description="Editorial: what has changed since the official text, in our own words.")
    sources: Sources = Field(
        min_length=1,
        description="The pages the note rests on; required. Say in the text when none of them is official.",
    )


class Element(Item):
    kind: ClassVar[str] = "element"
    id: str = id_field("element-", "Element id, for example `element-people-centred`.")
    section: Annotated[str, Ref("section")]
    number: int = Field(description="The element's number as the PMAF shows it.")
    order: int
    title: Text = Field(description="Verbatim heading, for example `Build and maintain a privacy culture`.")
    title_editorial: bool = False
    statement: Text = Field(description="Verbatim: the element's expectation statement.")
    guidance: Markdown | None = Field(None, description="Verbatim: the element's guidance note.")
    notes: list[EditorialNote] = Field(
        default_factory=list,
        description="Editorial notes shown beside the guidance note, where the verbatim text has been overtaken.",
    )
    criteria: list[Criterion] = Field(min_length=1)
    status: Status = STATUS_FIELD

    @model_validator(mode="after")
    def _criteria_are_children(self) -> Element:
        for criterion in self.criteria:
            if not criterion.id.startswith(self.id + "."):
                raise ValueError(f"criterion id '{criterion.id}' must start with the element id '{self.id}.'")
        return self


# --- About DPUP ----------------------------------------------------------------------------


class TimelineEvent(Model):
    when: Text = Field(description="As shown, for example `April 2017`.")
    sort_key: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2})?$")] = Field(
        description="`YYYY` or `YYYY-MM`; events must be listed in this order."
    )
    title: Text = Field(description="Editorial: a short heading of our own for the event.")
    text: Markdown = Field(description="Verbatim from seed 001.")


class Quote(Model):
    text: Text = Field(description="Verbatim from seed 001.")
    gloss: Text | None = Field(None, description="A translation or gloss shown with the quote, from the seed.")


class About(Model):
    title: Text
    in_short: list[Text] = Field(min_length=1, description="Verbatim from seed 001.")
    power_of_data: Markdown
    why: Markdown
    timeline: list[TimelineEvent] = Field(min_length=1)
    timeline_note: Text | None = Field(
        None, description="Editorial: shown under the timeline (the event titles are ours; the text is verbatim)."
    )
    engagement_questions: list[Text] = Field(default_factory=list, description="'What would you say?'")
    quotes: list[Quote] = Field(default_factory=list)
    voices_to_policy: Markdown
    structure: Markdown = Field(description="Editorial: the parts of DPUP, in our own words.")
    standing: Markdown | None = Field(
        None, description="Editorial: DPUP's standing (not mandatory, not binding in law) and where it lives now."
    )
    standing_sources: Sources = sources_field("'DPUP's standing'")
    sources: Sources = sources_field("the timeline note and the structure")

    @field_validator("timeline")
    @classmethod
    def _timeline_in_order(cls, timeline: list[TimelineEvent]) -> list[TimelineEvent]:
        keys = [event.sort_key for event in timeline]
        if keys != sorted(keys):
            raise ValueError(f"timeline events must be in date order; got {', '.join(keys)}")
        return timeline


# --- Improvement plans ---------------------------------------------------------------------


class PlannedAction(Model):
    number: int = Field(ge=1, description="Numbered 1, 2, 3 ... across the whole plan, with no gaps.")
    text: Markdown
    owner: Text | None = None
    due: datetime.date | None = None
    status: Literal["not-started", "in-progress", "done", "deferred"] | None = None


class FocusArea(Model):
    title: Text
    recommendations: list[Text] = Field(default_factory=list)
    actions: list[PlannedAction] = Field(default_factory=list)
    criteria: list[Annotated[str, Ref("criterion", "element")]] = Field(
        default_factory=list, description="PMAF criteria or elements this focus area addresses."
    )


class Plan(Item):
    kind: ClassVar[str] = "plan"
    id: str = id_field("plan-", "Plan id, for example `plan-example-2024-25`.")
    title: Text
    period_start: datetime.date
    period_end: datetime.date
    about: Markdown | None = Field(None, description="Editorial: where the plan comes from and how to read it.")
    restored_numbers: Text | None = Field(
        None,
        description="Which action numbers we restored because the source lost them, for example `1 to 12`; the page "
        "says so beside the plan.",
    )
    focus_areas: list[FocusArea] = Field(min_length=1)
    status: Status = STATUS_FIELD

    @field_validator("focus_areas")
    @classmethod
    def _actions_numbered_without_gaps(cls, areas: list[FocusArea]) -> list[FocusArea]:
        numbers = [action.number for area in areas for action in area.actions]
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            raise ValueError(
                "planned actions must be numbered 1 to "
                f"{len(numbers)} in order with no gaps or repeats; got {', '.join(map(str, numbers))}"
            )
        return areas

    @field_validator("period_end")
    @classmethod
    def _ends_after_it_starts(cls, end: datetime.date, info: ValidationInfo) -> datetime.date:
        start = info.data.get("period_start")
        if start and end < start:
            raise ValueError("period_end is before period_start")
        return end


# --- Quizzes -------------------------------------------------------------------------------


class QuizOption(Model):
    key: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")] = Field(description="The option's letter, `A` to `Z`.")
    text: Text = Field(description="Verbatim from the quiz source.")
    correct: bool = False
    feedback: Markdown = Field(
        description="Editorial, in our own words: why this option is right or wrong (shown with an Editorial label)."
    )
    sources: Sources = sources_field("the feedback")


class Question(Item):
    kind: ClassVar[str] = "question"
    id: str = Field(pattern=CHILD_ID, description="The quiz id plus `.NN`, for example `quiz-intro.03`.")
    order: int
    stem: Text = Field(description="Verbatim question.")
    options: list[QuizOption] = Field(min_length=2)
    explanation: Markdown = Field(description="Verbatim explanation of the correct answer.")
    note: Text | None = Field(None, description="A note shown with the explanation.")
    tests: list[Annotated[str, Ref("principle", "guideline")]] = Field(
        min_length=1, description="What the question tests."
    )
    status: Status = STATUS_FIELD

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> Question:
        correct = [option.key for option in self.options if option.correct]
        if len(correct) != 1:
            found = ", ".join(correct) if correct else "none"
            raise ValueError(f"a single-choice question needs exactly one correct option; found {found}")
        keys = [option.key for option in self.options]
        if len(set(keys)) != len(keys):
            raise ValueError(f"option keys must be unique; got {', '.join(keys)}")
        return self


class Quiz(Item):
    kind: ClassVar[str] = "quiz"
    id: str = id_field("quiz-", "Quiz id, for example `quiz-intro`.")
    title: Text
    description: Markdown | None = None
    source: Text | None = Field(None, description="Where the questions come from.")
    questions: list[Question] = Field(min_length=1)
    status: Status = STATUS_FIELD

    @model_validator(mode="after")
    def _questions_are_children(self) -> Quiz:
        for question in self.questions:
            if not question.id.startswith(self.id + "."):
                raise ValueError(f"question id '{question.id}' must start with the quiz id '{self.id}.'")
        return self


# --- Workshops -----------------------------------------------------------------------------


class AgendaItem(Model):
    title: Text
    minutes: int = Field(ge=1, description="Planned length of this part, in minutes.")
    who: Text | None = Field(None, description="Who leads this part, for example `Host` or `Presenter`.")
    notes: Markdown = Field(description="Editorial: facilitator notes for this part, in our own words.")


class WorkshopRole(Model):
    title: Text
    does: Text = Field(description="Editorial: what this person does in the session.")


class Workshop(Item):
    kind: ClassVar[str] = "workshop"
    id: str = id_field("workshop-", "Workshop id, for example `workshop-intro`.")
    order: int
    title: Text
    summary: Markdown = Field(description="Editorial: what the workshop is for and who it suits.")
    duration: Text = Field(description="How long it runs, as shown, for example `1 to 1.5 hours`.")
    audience: Text
    before: list[Text] = Field(default_factory=list, description="Editorial: what to prepare or do beforehand.")
    roles: list[WorkshopRole] = Field(default_factory=list, description="Who runs the session.")
    agenda: list[AgendaItem] = Field(min_length=1)
    quiz: Annotated[str, Ref("quiz")] | None = Field(None, description="The quiz used in the session.")
    covers: list[Annotated[str, Ref("principle", "guideline")]] = Field(default_factory=list)
    status: Status = STATUS_FIELD


# --- Release ---------------------------------------------------------------------------------


class ReleaseChange(Model):
    """One release's content changes, listed on the "What changed" page (issue 35)."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    date: datetime.date = Field(description="When the release was published.")
    title: Text = Field(description="What the release was about, in a few words.")
    changes: list[Markdown] = Field(
        min_length=1,
        description="Editorial: what moved, one entry per change, naming the pages so an agency can find them.",
    )


class VerbatimExtract(Model):
    """A word-for-word extract that states policy (issue 35). Its provenance is the seed; `source.checked`
    is when the official text was last compared with it, so the review lists it with the rest."""

    item: Annotated[str, Ref("element", "principle", "guideline", "question")] = Field(
        description="The item whose field holds the extract."
    )
    field: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")] = Field(
        description="The field that holds it, for example `guidance`."
    )
    source: Source = Field(description="The official document the extract is taken from, with its check date.")


class Release(Model):
    """What readers see on every page about how current the guidance is (no git needed)."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")] = Field(
        description="Content version, for example `1.0` or `1.2.1`; raise it when the guidance changes."
    )
    reviewed: datetime.date = Field(description="When the content was last reviewed against its sources.")
    sources: list[Text] = Field(default_factory=list, description="The documents the content was checked against.")
    history: list[ReleaseChange] = Field(
        default_factory=list, description="Each release's content changes, newest first, for the What changed page."
    )
    verbatim: list[VerbatimExtract] = Field(
        default_factory=list,
        description="Word-for-word extracts that state policy, listed by `dpup-toolkit review` with their check date.",
    )


# --- Corrected statements of law (issue 29) -------------------------------------------------------

FIELD_PATH = r"^[a-z_]+(\[(\d+|[a-z_]+=[^\]]+)\])?(\.[a-z_]+(\[(\d+|[a-z_]+=[^\]]+)\])?)*$"


class LawFact(Model):
    """One statement of law or policy that was corrected against an official source, with the passage it
    rests on. A test reads each entry's field in the content and checks that the claim is still there and
    that the source is still cited beside it, so a fact cannot drift from its source unnoticed."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    file: Annotated[str, StringConstraints(pattern=r"^(content|quiz)/[a-z0-9/_-]+\.yml$")] = Field(
        description="The content file, from the project folder, for example `content/roles/role-frontline.yml`."
    )
    field: Annotated[str, StringConstraints(pattern=FIELD_PATH)] = Field(
        description="Where in the file: names joined by `.`; `name[key=value]` picks the entry of a list whose "
        "`key` is `value`, and `name[0]` picks by position; for example "
        "`principles_in_action[principle=principle-mana-whakahaere].upheld_when`."
    )
    claim: Text = Field(description="Words the field must contain, exactly (line breaks aside).")
    cited_in: Annotated[str, StringConstraints(pattern=FIELD_PATH)] = Field(
        description="The `sources` list (same path form) that must cite `source` beside the claim."
    )
    source: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=500)] = Field(
        description="The official page the claim rests on."
    )
    passage: Text = Field(description="The passage the claim rests on, quoted from the copy that was read.")
    copy_read: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=500)] | None = Field(
        None, description="The address of the stored copy that was read; empty where no copy settles the point."
    )
    retrieved: datetime.date = Field(
        description="When the copy was retrieved, as the store gives it, or the day it was read if it gives none."
    )
    note: Text | None = Field(None, description="What the copy did not settle, and how the content says so.")


class LawFacts(Model):
    """`content/law-facts.yml`: the table of corrected facts."""

    facts: list[LawFact] = Field(min_length=1)


# --- Site settings (mkdocs.yml `extra.dpup`) -----------------------------------------------------


class Settings(Model):
    """The toolkit's settings in mkdocs.yml, under `extra.dpup`. Every key is optional: an
    agency's `INHERIT` file sets only the ones it changes."""

    content_dir: Text = Field(
        "content", description="The content folder, relative to mkdocs.yml (or DPUP_CONTENT_DIR)."
    )
    quiz_dir: Text = Field("quiz", description="The quiz folder, relative to mkdocs.yml (or DPUP_QUIZ_DIR).")
    nav_limit: int = Field(
        40, ge=1, description="A section with more items lists them on its index page rather than in the sidebar."
    )
    kinds: list[Text] = Field(
        default_factory=list,
        description="A project's own content kinds: Python files (relative to mkdocs.yml), each defining `KIND`, "
        "one `Kind(...)` registry entry with its model; the kind's templates sit in a `templates/` folder beside it.",
    )
    offline_zip: bool = Field(
        True,
        description="Build the whole site for use from disk into downloads/ (a second build); "
        "without it, links to the zip are left out.",
    )
    review_months: int = Field(
        12,
        ge=1,
        le=120,
        description="`dpup-toolkit review`: a source not checked for more than this many months is overdue. "
        "The build never looks at it: a published site does not fail because time passed.",
    )
    official_domains: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]] = Field(
        default_factory=lambda: ["govt.nz", "privacy.org.nz", "parliament.nz"],
        description="`dpup-toolkit review`: sources on these domains (or their subdomains) are official; the "
        "review marks any other.",
    )
    cache: bool = Field(
        True,
        description="Keep what a build made in .cache/dpup/ beside mkdocs.yml for the next build "
        "(DPUP_CACHE=0 turns it off for one build; ./dev clean empties it).",
    )


# --- Who publishes this copy (mkdocs.yml `extra.publisher`) and where ------------------------------

# Shown in every footer and, through a page variable, in the accessibility page's Markdown: plain
# text, without the characters of HTML, Markdown links and emphasis or template code.
_PLAIN_NAME = r"^[^<>\[\]{}`*_\\|#\x00-\x1f\x7f-\x9f]*$"
# A link target is written into an attribute: no quotes, angle brackets, spaces or control characters.
_LINK_CHARACTERS = re.compile(r"[\"'<>`\\\s\x00-\x1f\x7f-\x9f]")


def link_setting_problem(target: str) -> str | None:
    """Why a link in the settings may not be put on a page, or None (the rule for content links)."""
    from .markup import target_problem

    if _LINK_CHARACTERS.search(target):
        return "a link may not hold spaces, quotes, angle brackets, backslashes or control characters"
    problem = target_problem(target)
    if problem is None and target.startswith("id:"):
        return "write a page of this site as its path in docs/, such as accessibility.md"
    return problem


def site_name_problem(name: str) -> str | None:
    """Why `site_name` cannot be shown (the theme prints it, unescaped, in every page's title)."""
    if not name or len(name) > 200 or not re.fullmatch(_PLAIN_NAME, name):
        return "is shown as text on every page: 1 to 200 characters, without < > [ ] { } ` * _ | \\ # or control characters"
    return None


def text_setting_problem(text: str) -> str | None:
    """Why a setting the theme prints unescaped (site_description, site_author, copyright) cannot be."""
    if re.search(r"[<>\"\x00-\x08\x0b-\x1f\x7f-\x9f]", text):
        return 'is shown as text on every page: leave out < > " and control characters'
    return None


def site_url_problem(url: str) -> str | None:
    """Why `site_url` (or DPUP_SITE_URL) cannot be the published address, or None. It is written
    into every page's canonical link, the sitemap, QR codes and the 404 page."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url) if not _LINK_CHARACTERS.search(url) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be the site's http or https address, such as https://ORG.github.io/REPO/"
    return None


class Publisher(Model):
    """Who publishes this copy of the toolkit: shown in every page's footer (mkdocs.yml
    `extra.publisher`)."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_PLAIN_NAME)] | None = None
    contact_label: Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=_PLAIN_NAME)] | None = None
    contact: str | None = Field(None, description="mailto:..., an https:// page, or a page in docs/")
    accessibility: str | None = None
    privacy: str | None = None

    @field_validator("contact", "accessibility", "privacy")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        problem = link_setting_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value
