"""The registry of content kinds: each kind of content is declared here once.

A declaration says which model reads the kind, which files hold it, where its pages live (or on
which page it is an anchor), which template renders it, whether "what links here" lists it, and
how it is named on screen. The loader, the page list, the navigation, the `cards()` macro and the
templates' `title()` all read this registry; nothing else lists kinds.

Adding a kind: a model in models.py (an `Item` with a `kind` and a `status`), a template
`<kind>.html` in templates/, one `Kind(...)` entry in `KINDS` below and an example item in
tests/fixtures/minimal/; a `<kind>_card.html` only if its cards need more than the name and a
first sentence. Its section page and navigation follow from the entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from . import models as m
from . import rules


def _by_order(item) -> tuple:
    return (getattr(item, "order", 0), item.id)


def default_name(item) -> str:
    """How an item is named in links and lists: its title, name or term (a question: its stem)."""
    fields = type(item).model_fields  # (a missing attribute of a pydantic model is slow to miss)
    for name in ("title", "name", "term", "stem"):
        if name in fields and getattr(item, name):
            return getattr(item, name)
    return item.id


@dataclass(frozen=True)
class View:
    """An extra page for every item of a kind, beside its main page (not in the navigation)."""

    name: str  # the page's name under the item's folder, for example `trainer`
    label: str  # shown before the item's title, for example `Trainer mode`
    template: str
    theme_template: str | None = None  # a theme template for the whole page (page meta `template:`)
    hide: tuple[str, ...] = ()  # theme parts hidden on this page (page meta `hide:`)
    searchable: bool = True  # False keeps the page out of the search index (it would spoil a quiz)


@dataclass(frozen=True)
class Kind:
    """One kind of content. Only `name` and `model` are required."""

    name: str  # as the model's `kind`, for example `tool`
    model: type[BaseModel]  # one item of this kind
    plural: str = ""  # the Site attribute listing the items (default: name + "s", "-" as "_")
    # Where the items come from: files matching `file` under the `folder` root, each file either
    # one item, or (with `file_model`) a model whose `list_field` lists the items. A kind without
    # a file is defined inside another kind's items (criteria inside elements).
    file: str | None = None
    folder: str = "content"
    file_model: type[BaseModel] | None = None
    list_field: str | None = None
    required: bool = False
    whole_file_as: str | None = None  # also keep the whole file model on the Site under this name
    # Where items are shown: a page each under `pages` (the URL folder; the id without
    # `slug_prefix` names the page), or an anchor on their parent's page (`anchor_on="parent"`)
    # or on a hand-written page (`anchor_on="maturity/index.md"`).
    pages: str | None = None
    # The title of the section those pages are in: its navigation entry and, unless docs/ has its
    # own `<pages>/index.md`, the index page the toolkit makes, listing their cards (default:
    # from the folder's name, `case-studies` -> "Case studies").
    section: str = ""
    slug_prefix: str = ""
    template: str = ""  # default `<name>.html`
    views: tuple[View, ...] = ()
    anchor_on: str | None = None
    anchor_prefix: str = ""  # before the id in the anchor's fragment (levels: `level-`)
    # A self-contained file built for each item beside its page ("{slug}": the page's name).
    pack_file: str = ""
    linkable: bool = False  # listed as a referrer ("tools that put this principle into practice")
    cards: bool = False  # `cards("<name>")` lists them on a hand-written page
    # Each item's card there: this template (which must exist) if given; else `<name>_card.html`
    # if there is one, else the generic `_card.html` (the name and a first sentence).
    card: str = ""
    # How its items are named; `Site.name_of(item, purpose)` is the one function that reads these.
    name_of: Callable[[Any], str] = default_name  # in links, lists and cards
    name_lang: str = ""  # the language of that name when it is not English (principles: "mi")
    # In "what links here" lists, where the name alone may not say enough: (item, site) -> text.
    listed_as: Callable[[Any, Any], str] | None = None
    page_title: Callable[[Any], str] | None = None  # the page and nav title (default: name_of)
    sort_key: Callable[[Any], Any] | None = _by_order  # None keeps file order
    # Rules that need more than one file (see rules.py): (items, site parts) -> (id, message)s.
    rules: tuple[Callable[[list, Mapping[str, Any]], Iterable[tuple[str, str]]], ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "plural", self.plural or self.name.replace("-", "_") + "s")
        object.__setattr__(self, "template", self.template or self.name + ".html")
        if self.pages and not self.section:
            folder = self.pages.rsplit("/", 1)[-1]
            object.__setattr__(self, "section", folder.replace("-", " ").capitalize())

    @property
    def reads(self) -> type[BaseModel]:
        """The model that reads one of this kind's files."""
        return self.file_model or self.model

    @property
    def card_templates(self) -> tuple[str, ...]:
        """The templates `cards.html` tries for this kind's cards, the first that exists."""
        return (self.card,) if self.card else (self.name + "_card.html", "_card.html")


QUIZ_VIEWS = (
    # The trainer is projected: its own theme template, the whole width.
    View(
        "trainer",
        "Trainer mode",
        "quiz_trainer.html",
        theme_template="dpup-projector.html",
        hide=("navigation", "toc"),
        searchable=False,
    ),
    View("handout", "Printable handout", "quiz_handout.html"),
    View("answer-key", "Answer key", "quiz_answer_key.html", searchable=False),
)

KINDS: tuple[Kind, ...] = (
    Kind(
        "principle",
        m.Principle,
        file="principles.yml",
        file_model=m.Principles,
        list_field="principles",
        required=True,
        pages="principles",
        slug_prefix="principle-",
        linkable=True,
        cards=True,
        name_of=lambda item: item.name,
        name_lang="mi",
    ),
    Kind(
        "guideline",
        m.Guideline,
        file="guidelines.yml",
        file_model=m.Guidelines,
        list_field="guidelines",
        required=True,
        pages="guidelines",
        slug_prefix="guideline-",
        linkable=True,
        cards=True,
    ),
    Kind(
        "term",
        m.Term,
        plural="glossary",
        file="glossary.yml",
        file_model=m.Glossary,
        list_field="terms",
        required=True,
        anchor_on="glossary.md",
        sort_key=None,
    ),
    Kind(
        "answer-set",
        m.AnswerSet,
        plural="answer_sets",
        file="answer-sets.yml",
        file_model=m.AnswerSets,
        list_field="answer_sets",
        required=True,
        sort_key=None,
    ),
    Kind(
        "role",
        m.Role,
        file="roles/*.yml",
        pages="roles",
        slug_prefix="role-",
        linkable=True,
        cards=True,
        rules=(rules.every_principle_in_action,),
    ),
    Kind("tool", m.Tool, file="tools/*.yml", pages="tools", slug_prefix="tool-", linkable=True, cards=True),
    Kind("tool-item", m.ToolItem, anchor_on="parent"),
    Kind(
        "level",
        m.Level,
        file="maturity/levels.yml",
        file_model=m.MaturityScale,
        list_field="levels",
        required=True,
        whole_file_as="scale",
        anchor_on="maturity/index.md",
        anchor_prefix="level-",
    ),
    Kind(
        "section",
        m.Section,
        file="maturity/sections.yml",
        file_model=m.Sections,
        list_field="sections",
        required=True,
        anchor_on="maturity/index.md",
        linkable=True,
    ),
    Kind(
        "element",
        m.Element,
        file="maturity/elements/*.yml",
        pages="maturity",
        slug_prefix="element-",
        linkable=True,
        cards=True,
        page_title=lambda item: f"{item.number}. {item.title}",
    ),
    Kind(
        "criterion",
        m.Criterion,
        plural="criteria",
        anchor_on="parent",
        linkable=True,
        listed_as=lambda item, site: f"{site.name_of(site.parent_of(item.id))}: {item.label}, {item.title}",
        rules=(rules.every_level_described,),
    ),
    Kind(
        "plan",
        m.Plan,
        file="plans/*.yml",
        pages="maturity/plans",
        slug_prefix="plan-",
        linkable=True,
        cards=True,
        sort_key=lambda plan: (plan.period_start, plan.id),
    ),
    Kind(
        "quiz",
        m.Quiz,
        plural="quizzes",
        folder="quiz",
        file="*.yml",
        pages="quiz",
        slug_prefix="quiz-",
        views=QUIZ_VIEWS,
        pack_file="dpup-{slug}-quiz-workshop-pack.html",
        cards=True,
        sort_key=lambda quiz: quiz.id,
    ),
    Kind(
        "question",
        m.Question,
        anchor_on="parent",
        linkable=True,
        listed_as=lambda item, site: f"Quiz question {item.order}: {item.stem}",
    ),
    Kind("workshop", m.Workshop, file="workshops/*.yml", pages="quiz", linkable=True, cards=True),
)


@dataclass(frozen=True)
class DataFile:
    """A content file that holds settings for the whole site rather than items."""

    pattern: str
    model: type[BaseModel]
    attribute: str  # the Site attribute
    folder: str = "content"
    required: bool = True


DATA_FILES = (
    DataFile("about.yml", m.About, "about"),
    DataFile("release.yml", m.Release, "release"),
    # The table of corrected statements of law (issue 29), read by its test; optional for an agency's copy.
    DataFile("law-facts.yml", m.LawFacts, "law_facts", required=False),
)


@dataclass
class Registry:
    kinds: tuple[Kind, ...]
    data_files: tuple[DataFile, ...] = DATA_FILES
    template_dirs: tuple = ()  # folders searched before templates/ (a project's own kinds)
    by_name: dict[str, Kind] = field(init=False)

    def __post_init__(self):
        self.by_name = {kind.name: kind for kind in self.kinds}

    def with_kind(self, kind: Kind, template_dir=None) -> Registry:
        """A registry with one more kind (and the folder holding its template)."""
        dirs = (*self.template_dirs, template_dir) if template_dir else self.template_dirs
        return Registry((*self.kinds, kind), self.data_files, dirs)

    def __getitem__(self, name: str) -> Kind:
        return self.by_name[name]

    def __contains__(self, name: str) -> bool:
        return name in self.by_name

    def __iter__(self):
        return iter(self.kinds)

    @property
    def with_pages(self) -> tuple[Kind, ...]:
        return tuple(kind for kind in self.kinds if kind.pages is not None)

    @property
    def linkable(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.kinds if kind.linkable)

    def children_of(self, parent: Kind) -> tuple[str, ...]:
        """The kinds defined inside a kind's items (criteria inside elements), found from the model."""
        found = []
        for other in self.kinds:
            if other.file is None and _model_contains(parent.model, other.model):
                found.append(other.name)
        return tuple(found)


def _model_contains(model: type[BaseModel], inner: type[BaseModel], seen=None) -> bool:
    import typing

    seen = seen or set()
    if model in seen:
        return False
    seen.add(model)

    def models_in(annotation):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield annotation
        for arg in typing.get_args(annotation):
            yield from models_in(arg)

    for info in model.model_fields.values():
        for found in models_in(info.annotation):
            if found is inner or _model_contains(found, inner, seen):
                return True
    return False


REGISTRY = Registry(KINDS)
