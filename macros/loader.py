"""Load every YAML file under the content and quiz folders, validate it, and index it.

`load_site()` either returns a complete, cross-checked `Site` or raises `ContentErrors` listing
every problem found, each as `path:line: id: message`. Nothing is written before this succeeds.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from . import models as m
from .yamlfile import ContentProblem, LineDict, locate, read_yaml


class ContentErrors(Exception):
    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"{count} content problem{'s' if count != 1 else ''} found:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class FileKind:
    """Which model reads the files at `pattern` (relative to the `folder` root)."""

    folder: str  # "content" or "quiz"
    pattern: str
    model: type[BaseModel]
    provides: tuple[str, ...]  # the kinds of item its files define
    required: bool = False

    def matches(self, folder: str, relative: PurePosixPath) -> bool:
        pattern = PurePosixPath(self.pattern)
        return folder == self.folder and len(relative.parts) == len(pattern.parts) and relative.match(self.pattern)


FILE_KINDS = (
    FileKind("content", "principles.yml", m.Principles, ("principle",), required=True),
    FileKind("content", "guidelines.yml", m.Guidelines, ("guideline",), required=True),
    FileKind("content", "glossary.yml", m.Glossary, ("term",), required=True),
    FileKind("content", "answer-sets.yml", m.AnswerSets, ("answer-set",), required=True),
    FileKind("content", "about.yml", m.About, (), required=True),
    FileKind("content", "release.yml", m.Release, (), required=True),
    FileKind("content", "roles/*.yml", m.Role, ("role",)),
    FileKind("content", "tools/*.yml", m.Tool, ("tool", "tool-item")),
    FileKind("content", "maturity/levels.yml", m.MaturityScale, ("level",), required=True),
    FileKind("content", "maturity/sections.yml", m.Sections, ("section",), required=True),
    FileKind("content", "maturity/elements/*.yml", m.Element, ("element", "criterion")),
    FileKind("content", "plans/*.yml", m.Plan, ("plan",)),
    FileKind("content", "workshops/*.yml", m.Workshop, ("workshop",)),
    FileKind("quiz", "*.yml", m.Quiz, ("quiz", "question")),
)

# Kinds that have a page or an anchor, and so can be listed as "what links here".
LINKABLE_KINDS = (
    "principle", "guideline", "role", "tool", "section", "element", "criterion", "plan", "question", "workshop",
)


@dataclass(frozen=True)
class Entry:
    item: m.Item
    path: str
    line: int
    parent: str | None  # id of the enclosing item, for children such as criteria


@dataclass(repr=False)
class Site:
    """All content, validated, with an id index and computed reverse links."""

    content_dir: Path
    quiz_dir: Path
    principles: list[m.Principle]
    guidelines: list[m.Guideline]
    glossary: list[m.Term]
    answer_sets: list[m.AnswerSet]
    about: m.About
    release: m.Release
    roles: list[m.Role]
    tools: list[m.Tool]
    scale: m.MaturityScale
    sections: list[m.Section]
    elements: list[m.Element]
    plans: list[m.Plan]
    quizzes: list[m.Quiz]
    workshops: list[m.Workshop]
    index: dict[str, Entry]
    backlinks: dict[str, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Site {self.content_dir} ({len(self.index)} items)>"

    def get(self, item_id: str, kind: str | None = None) -> m.Item:
        entry = self.index.get(item_id)
        if entry is None or (kind and entry.item.kind != kind):
            known = [i for i, e in self.index.items() if kind is None or e.item.kind == kind]
            hint = difflib.get_close_matches(item_id, known, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            raise KeyError(f"unknown {kind or 'item'} id '{item_id}'{suggestion}")
        return entry.item

    def parent_of(self, item_id: str) -> m.Item | None:
        parent = self.index[item_id].parent
        return self.index[parent].item if parent else None

    def referrers(self, item_id: str, kind: str) -> list[m.Item]:
        """Items of `kind` whose content references `item_id` (the computed reverse links)."""
        found = [self.index[i].item for i in self.backlinks.get(item_id, []) if self.index[i].item.kind == kind]
        return sorted(found, key=self._content_order)

    def _content_order(self, item: m.Item) -> tuple:
        """Order as readers see it: by the parent's order first (criteria sort by element)."""
        parent = self.parent_of(item.id)
        own = getattr(item, "order", 0)
        return (getattr(parent, "order", own) if parent else own, own, item.id)

    @property
    def levels(self) -> list[m.Level]:
        return sorted(self.scale.levels, key=lambda level: level.order)


def _active(items):
    return sorted((i for i in items if getattr(i, "status", "active") == "active"), key=lambda i: i.order)


# --- Reading and validating one file -----------------------------------------------------


def _friendly(error: dict, model: type[BaseModel]) -> str:
    kind, loc, msg = error["type"], error["loc"], error["msg"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        hint = difflib.get_close_matches(name, allowed, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return f"unknown field '{name}'{suggestion} (allowed: {', '.join(allowed)})"
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and name == "id":
        prefix = re.match(r"\^([a-z-]*)", error.get("ctx", {}).get("pattern", "^"))
        start = f" and start with '{prefix.group(1)}'" if prefix and prefix.group(1) else ""
        return f"id '{error.get('input')}' must be lower-case words joined by hyphens{start}"
    if kind == "too_short":
        count = error.get("ctx", {}).get("min_length", 1)
        return f"{name}: needs at least {count} {'entry' if count == 1 else 'entries'}"
    where = next((str(part) for part in reversed(loc) if not isinstance(part, int)), "")
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, (str, int, float, bool)) or got is None else ""
    return f"{where}: {msg}{shown}" if where else msg


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Follow a validation path through field annotations to the model that owns it."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _find_in_annotation(annotation, found):
    """Search a type annotation (through list[...], X | None, Annotated[...]) for what `found` returns."""
    result = found(annotation)
    if result is not None:
        return result
    for arg in typing.get_args(annotation):
        result = _find_in_annotation(arg, found)
        if result is not None:
            return result
    return None


def _inner_model(annotation):
    return _find_in_annotation(
        annotation, lambda a: a if isinstance(a, type) and issubclass(a, BaseModel) else None)


def _validate_file(path: Path, shown: str, kind: FileKind):
    data, problems = read_yaml(path, shown)
    if data is None or problems:
        return None, None, problems
    if not isinstance(data, LineDict):
        return None, None, [ContentProblem(shown, 1, "(file)", "the file must be a mapping of fields (key: value)")]
    try:
        return kind.model.model_validate(data), data, []
    except ValidationError as error:
        found = []
        for detail in error.errors():
            line, item_id = locate(data, detail["loc"])
            found.append(ContentProblem(shown, line, item_id, _friendly(detail, kind.model)))
        return None, data, found


# --- Walking models: ids and references ---------------------------------------------------


def _ref_of(annotation) -> m.Ref | None:
    return _find_in_annotation(
        annotation, lambda a: next((x for x in getattr(a, "__metadata__", ()) if isinstance(x, m.Ref)), None))


def _enclosing_items(model: BaseModel, loc: tuple = (), parents: tuple = ()):
    """Yield (model, loc, chain of enclosing items) so references know who owns them."""
    chain = (*parents, model) if isinstance(model, m.Item) else parents
    yield model, loc, chain
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, (list, tuple)) else [value]
        for index, entry in enumerate(values):
            if isinstance(entry, BaseModel):
                sub = (*loc, name, index) if isinstance(value, (list, tuple)) else (*loc, name)
                yield from _enclosing_items(entry, sub, chain)


@dataclass
class _Loaded:
    path: str
    data: LineDict
    model: BaseModel


def _index(loaded: list[_Loaded], problems: list[ContentProblem]) -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for file in loaded:
        for model, loc, chain in _enclosing_items(file.model):
            if not isinstance(model, m.Item) or chain[-1] is not model:
                continue
            line, _ = locate(file.data, loc)
            parent = chain[-2].id if len(chain) > 1 else None
            if model.id in index:
                first = index[model.id]
                problems.append(
                    ContentProblem(file.path, line, model.id, f"duplicate id (first used at {first.path}:{first.line})")
                )
                continue
            index[model.id] = Entry(model, file.path, line, parent)
    return index


def _either(kinds: tuple[str, ...]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]


def _check_references(loaded: list[_Loaded], index: dict[str, Entry], problems: list[ContentProblem],
                      unsure_kinds: set[str]):
    """Check every Ref; compute reverse links. `unsure_kinds`: kinds defined by files that failed
    to load, whose ids cannot be checked (reporting them would bury the real error in noise)."""
    backlinks: dict[str, list[str]] = {}
    for file in loaded:
        for model, loc, chain in _enclosing_items(file.model):
            for name, info in type(model).model_fields.items():
                # pydantic moves a plain field's Annotated metadata onto FieldInfo.metadata,
                # while list[...] and Optional[...] fields keep it inside the annotation.
                marker = next((x for x in info.metadata if isinstance(x, m.Ref)), None) or _ref_of(info.annotation)
                value = getattr(model, name)
                if marker is None or value is None:
                    continue
                targets = value if isinstance(value, (list, tuple)) else [value]
                for position, target in enumerate(targets):
                    where = (*loc, name, position) if isinstance(value, (list, tuple)) else (*loc, name)
                    line, item_id = locate(file.data, where)
                    entry = index.get(target)
                    expected = _either(marker.kinds)
                    if entry is None and unsure_kinds.intersection(marker.kinds):
                        continue
                    if entry is None:
                        known = sorted(i for i, e in index.items() if e.item.kind in marker.kinds)
                        hint = difflib.get_close_matches(target, known, n=1)
                        if hint:
                            detail = f"did you mean '{hint[0]}'?"
                        elif known and len(known) <= 6:
                            detail = f"expected one of: {', '.join(known)}"
                        else:
                            detail = f"expected the id of a {expected}"
                        problems.append(ContentProblem(file.path, line, item_id, f"unknown {expected} '{target}' ({detail})"))
                        continue
                    if entry.item.kind not in marker.kinds:
                        problems.append(
                            ContentProblem(
                                file.path, line, item_id,
                                f"'{target}' is a {entry.item.kind}, but {name} expects a {expected}",
                            )
                        )
                        continue
                    owner = next((i for i in reversed(chain) if i.kind in LINKABLE_KINDS), None)
                    if owner is not None and owner.id != target:
                        sources = backlinks.setdefault(target, [])
                        if owner.id not in sources:
                            sources.append(owner.id)
    return backlinks


def _check_cross_file_rules(site_parts: dict, index: dict[str, Entry], problems: list[ContentProblem]):
    """Rules that need more than one file: every level described, every principle in action."""
    scale: m.MaturityScale | None = site_parts.get("scale")
    if scale:
        level_ids = [level.id for level in sorted(scale.levels, key=lambda level: level.order)]
        for element in site_parts["elements"]:
            for criterion in element.criteria:
                entry = index.get(criterion.id)
                if entry is None:
                    continue
                given = [descriptor.level for descriptor in criterion.descriptors]
                if any(level not in level_ids for level in given):
                    continue  # the unknown level is already reported; a "missing" one would be noise
                missing = [level for level in level_ids if level not in given]
                repeated = sorted({level for level in given if given.count(level) > 1})
                if missing:
                    problems.append(ContentProblem(entry.path, entry.line, criterion.id,
                                                   f"no descriptor for level {', '.join(repr(x) for x in missing)}"))
                if repeated:
                    problems.append(ContentProblem(entry.path, entry.line, criterion.id,
                                                   f"more than one descriptor for level {', '.join(repr(x) for x in repeated)}"))
                if not missing and not repeated and given != [level for level in level_ids if level in given]:
                    problems.append(ContentProblem(entry.path, entry.line, criterion.id,
                                                   f"descriptors must follow the level order: {', '.join(level_ids)}"))
    principle_ids = [p.id for p in site_parts["principles"] if p.status == "active"]
    for role in site_parts["roles"]:
        entry = index.get(role.id)
        named = [action.principle for action in role.principles_in_action]
        missing = [p for p in principle_ids if p not in named]
        repeated = sorted({p for p in named if named.count(p) > 1})
        if entry and missing:
            problems.append(ContentProblem(entry.path, entry.line, role.id,
                                           f"principles_in_action has nothing for {', '.join(missing)}"))
        if entry and repeated:
            problems.append(ContentProblem(entry.path, entry.line, role.id,
                                           f"principles_in_action lists {', '.join(repeated)} more than once"))


# --- The whole site ----------------------------------------------------------------------


def load_site(content_dir: Path, quiz_dir: Path, shown_relative_to: Path | None = None) -> Site:
    """Load, validate and cross-check all content; raise ContentErrors with every problem."""
    base = shown_relative_to or content_dir.parent
    problems: list[ContentProblem] = []
    loaded: list[_Loaded] = []
    by_kind: dict[FileKind, list[BaseModel]] = {kind: [] for kind in FILE_KINDS}
    unsure_kinds: set[str] = set()

    def shown(path: Path) -> str:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    for folder, root in (("content", content_dir), ("quiz", quiz_dir)):
        if not root.is_dir():
            problems.append(ContentProblem(shown(root), 1, "(folder)", f"the {folder} folder does not exist"))
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix not in (".yml", ".yaml"):
                continue
            relative = PurePosixPath(path.relative_to(root).as_posix())
            kind = next((k for k in FILE_KINDS if k.matches(folder, relative)), None)
            if kind is None:
                expected = ", ".join(f"{folder}/{k.pattern}" for k in FILE_KINDS if k.folder == folder)
                reason = "use the .yml extension; " if path.suffix == ".yaml" else ""
                problems.append(ContentProblem(shown(path), 1, "(file)",
                                               f"not a known content file; {reason}expected one of: {expected}"))
                continue
            model, data, found = _validate_file(path, shown(path), kind)
            problems += found
            if found:
                unsure_kinds.update(kind.provides)
            if model is not None:
                loaded.append(_Loaded(shown(path), data, model))
                by_kind[kind].append(model)

    for kind in FILE_KINDS:
        root = content_dir if kind.folder == "content" else quiz_dir
        if kind.required and root.is_dir() and not (root / kind.pattern).is_file() and not by_kind[kind]:
            problems.append(ContentProblem(shown(root / kind.pattern), 1, "(file)", "required file is missing"))

    index = _index(loaded, problems)
    backlinks = _check_references(loaded, index, problems, unsure_kinds)

    def single(pattern):
        found = by_kind[next(k for k in FILE_KINDS if k.pattern == pattern)]
        return found[0] if found else None

    def many(pattern):
        return by_kind[next(k for k in FILE_KINDS if k.pattern == pattern)]

    parts = dict(
        principles=_active(single("principles.yml").principles) if single("principles.yml") else [],
        guidelines=_active(single("guidelines.yml").guidelines) if single("guidelines.yml") else [],
        glossary=list(single("glossary.yml").terms) if single("glossary.yml") else [],
        answer_sets=list(single("answer-sets.yml").answer_sets) if single("answer-sets.yml") else [],
        about=single("about.yml"),
        release=single("release.yml"),
        roles=_active(many("roles/*.yml")),
        tools=_active(many("tools/*.yml")),
        scale=single("maturity/levels.yml"),
        sections=_active(single("maturity/sections.yml").sections) if single("maturity/sections.yml") else [],
        elements=_active(many("maturity/elements/*.yml")),
        plans=sorted(many("plans/*.yml"), key=lambda plan: plan.period_start),
        quizzes=sorted(many("*.yml"), key=lambda quiz: quiz.id),
        workshops=_active(many("workshops/*.yml")),
    )
    _check_cross_file_rules(parts, index, problems)
    if problems:
        raise ContentErrors(problems)
    return Site(content_dir=content_dir, quiz_dir=quiz_dir, index=index, backlinks=backlinks, **parts)
