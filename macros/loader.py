"""Load every YAML file under the content and quiz folders, validate it, and index it.

`load_site()` either returns a complete, cross-checked `Site` or raises `ContentErrors` listing
every problem found, each as `path:line: id: message`. Nothing is written before this succeeds.
Which files hold which kinds comes from the registry in kinds.py. Retired items are removed
here, once: the rest of the code only ever sees active items.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from . import models as m
from .folders import entry_problem
from .kinds import REGISTRY, DataFile, Kind, Registry
from .markup import internal_links, link_problems
from .yamlfile import ContentErrors, ContentProblem, LineDict, excerpt, locate, printable, read_yaml

# Ids become file names and addresses: long enough for a readable slug, short enough for every
# file system and for the offline zip's paths (Windows allows 260 characters for a whole path).
MAX_ID_LENGTH = 64
# Names Windows cannot use for a file, whatever the extension (the offline copy is unzipped there).
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


@dataclass(frozen=True)
class FileKind:
    """Which model reads the files at `pattern` (relative to the `folder` root)."""

    folder: str  # "content" or "quiz"
    pattern: str
    model: type[BaseModel]
    provides: tuple[str, ...]  # the kinds of item its files define
    required: bool = False
    kind: Kind | None = None  # the registry entry, or
    data: DataFile | None = None  # the site-wide data file it reads

    def matches(self, folder: str, relative: PurePosixPath) -> bool:
        pattern = PurePosixPath(self.pattern)
        return folder == self.folder and len(relative.parts) == len(pattern.parts) and relative.match(self.pattern)


def file_kinds(registry: Registry = REGISTRY) -> tuple[FileKind, ...]:
    """Every kind of content file, in the order they are listed in messages."""
    kinds = [
        FileKind(kind.folder, kind.file, kind.reads, (kind.name, *registry.children_of(kind)), kind.required, kind=kind)
        for kind in registry
        if kind.file
    ]
    data = [FileKind(d.folder, d.pattern, d.model, (), d.required, data=d) for d in registry.data_files]
    # Messages list the top-level files first, then the site-wide files, then the folders.
    top = [kind for kind in kinds if "/" not in kind.pattern and kind.folder == "content"]
    return (*top, *data, *(kind for kind in kinds if kind not in top))


FILE_KINDS = file_kinds()


@dataclass(frozen=True)
class Entry:
    item: m.Item
    path: str
    line: int
    parent: str | None  # id of the enclosing item, for children such as criteria


class Site:
    """All active content, validated, with an id index and computed reverse links.

    Each kind's items are an attribute named by the registry (`Kind.plural`: `site.tools`,
    `site.quizzes`, `site.glossary`), a project's own kinds' too; site-wide files too
    (`site.about`, `site.release`, `site.scale`). `site.items("<kind>")` reads them by kind."""

    def __init__(
        self,
        content_dir: Path,
        quiz_dir: Path,
        lists: dict[str, list],
        data: dict[str, object],
        index: dict[str, Entry],
        backlinks: dict[str, list[str]],
        registry: Registry = REGISTRY,
    ):
        self.content_dir = content_dir
        self.quiz_dir = quiz_dir
        self.lists = lists  # kind name -> its active items, in reading order
        self.site_data = data  # attribute name -> a site-wide file's model (about, release, scale)
        self.index = index
        self.backlinks = backlinks
        self.registry = registry
        for kind in registry:
            setattr(self, kind.plural, lists.get(kind.name, []))
        for name, value in data.items():
            setattr(self, name, value)

    def __getattr__(self, name: str) -> Any:
        """Called only for a name that is no attribute: the registry's names are set in __init__.
        (Declared for the type checker, which reads the kinds' attributes as Any.)"""
        known = [kind.plural for kind in self.__dict__.get("registry", ())] + list(self.__dict__.get("site_data", ()))
        hint = difflib.get_close_matches(name, known, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        raise AttributeError(f"the site has no '{name}'{suggestion} (its kinds and files: {', '.join(known)})")

    def __repr__(self) -> str:
        return f"<Site {self.content_dir} ({len(self.index)} items)>"

    def items(self, kind: str) -> list:
        return self.lists[kind]

    def get(self, item_id: str, kind: str | None = None) -> m.Item:
        entry = self.index.get(item_id)
        if entry is None or (kind and entry.item.kind != kind):
            known = [i for i, e in self.index.items() if kind is None or e.item.kind == kind]
            hint = difflib.get_close_matches(item_id, known, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            raise KeyError(f"unknown {kind or 'item'} id '{item_id}'{suggestion}")
        return entry.item

    def name_of(self, item, purpose: Literal["link", "page", "listed"] = "link") -> str:
        """How an item is named on screen: the one function for it, reading the registry.
        `link`: in links, lists and cards; `page`: its page's title and navigation entry;
        `listed`: in "what links here" lists, where the name alone may not say enough."""
        kind = self.registry[item.kind]
        if purpose == "page" and kind.page_title:
            return kind.page_title(item)
        if purpose == "listed" and kind.listed_as:
            return kind.listed_as(item, self)
        return kind.name_of(item)

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


# --- Reading and validating one file -----------------------------------------------------


def _friendly(error: Any, model: type[BaseModel]) -> str:
    kind, loc, msg = error["type"], error["loc"], error["msg"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        hint = difflib.get_close_matches(name, allowed, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return f"unknown field '{excerpt(name)}'{suggestion} (allowed: {', '.join(allowed)})"
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and name == "id":
        prefix = re.match(r"\^([a-z-]*)", error.get("ctx", {}).get("pattern", "^"))
        start = f" and start with '{prefix.group(1)}'" if prefix and prefix.group(1) else ""
        return f"id '{excerpt(error.get('input'), 64)}' must be lower-case words joined by hyphens{start}"
    if kind == "too_short":
        count = error.get("ctx", {}).get("min_length", 1)
        return f"{name}: needs at least {count} {'entry' if count == 1 else 'entries'}"
    where = next((str(part) for part in reversed(loc) if not isinstance(part, int)), "")
    got = error.get("input")
    # repr() as before ('first', 3), of a short excerpt: a value may be megabytes long.
    shown = f" (got {printable(repr(got), 80)})" if isinstance(got, (str, int, float, bool)) or got is None else ""
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
    return _find_in_annotation(annotation, lambda a: a if isinstance(a, type) and issubclass(a, BaseModel) else None)


_FILE_CACHE: dict[tuple, tuple] = {}


def _validate_file(path: Path, shown: str, kind: FileKind):
    """(model, data, problems) for one file. `mkdocs serve` rebuilds after every save: a file
    whose size and modification time are unchanged is not read and validated again."""
    stat = path.stat()
    key = (str(path), shown, kind.model, stat.st_mtime_ns, stat.st_size)
    if key not in _FILE_CACHE:
        if len(_FILE_CACHE) > 5000:
            _FILE_CACHE.clear()
        _FILE_CACHE[key] = _read_and_validate(path, shown, kind)
    model, data, problems = _FILE_CACHE[key]
    return model, data, list(problems)


def _read_and_validate(path: Path, shown: str, kind: FileKind):
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
    file_kind: FileKind


def _is_retired(item) -> bool:
    return getattr(item, "status", "active") == "retired"


@dataclass
class _Index:
    active: dict[str, Entry] = field(default_factory=dict)
    # Retired items (and everything inside them): id -> (entry, the retired item that removes it)
    retired: dict[str, tuple[Entry, str]] = field(default_factory=dict)
    files_with_retired: set[str] = field(default_factory=set)

    def find(self, item_id: str) -> Entry | None:
        return self.active.get(item_id) or (self.retired[item_id][0] if item_id in self.retired else None)


def _check_id(item: m.Item, registry: Registry) -> str | None:
    """Why an id cannot become a web address, or None."""
    if len(item.id) > MAX_ID_LENGTH:
        return f"the id is {len(item.id)} characters long; ids become web addresses, at most {MAX_ID_LENGTH} characters"
    kind = registry[item.kind] if item.kind in registry else None
    if kind is None or kind.pages is None:
        return None
    slug = item.id.removeprefix(kind.slug_prefix)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        return f"the id '{item.id}' cannot be a web address: use lower-case letters, digits and hyphens"
    if slug == "index":
        return f"the id '{item.id}' would take the address of the {kind.pages}/ index page; choose another id"
    if slug in WINDOWS_RESERVED:
        return f"the id '{item.id}' would make a file named '{slug}', which Windows cannot open; choose another id"
    return None


def _index(loaded: list[_Loaded], problems: list[ContentProblem], registry: Registry) -> _Index:
    index = _Index()
    for file in loaded:
        for model, loc, chain in _enclosing_items(file.model):
            if not isinstance(model, m.Item) or chain[-1] is not model:
                continue
            line, _ = locate(file.data, loc)
            parent = chain[-2].id if len(chain) > 1 else None
            first = index.find(model.id)
            if first is not None:
                # Ids are permanent, retired ones included: reusing one would mix up saved answers.
                problems.append(
                    ContentProblem(file.path, line, model.id, f"duplicate id (first used at {first.path}:{first.line})")
                )
                continue
            unsafe = _check_id(model, registry)
            if unsafe:
                problems.append(
                    ContentProblem(file.path, line, model.id[:MAX_ID_LENGTH] + "...", unsafe)
                    if len(model.id) > MAX_ID_LENGTH
                    else ContentProblem(file.path, line, model.id, unsafe)
                )
                continue
            entry = Entry(model, file.path, line, parent)
            retired_by = next((outer.id for outer in chain if _is_retired(outer)), None)
            if retired_by:
                index.retired[model.id] = (entry, retired_by)
                index.files_with_retired.add(file.path)
            else:
                index.active[model.id] = entry
    return index


def _either(kinds: tuple[str, ...]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]


def _field_markers(model_class: type[BaseModel]) -> list[tuple[str, m.Ref | None, bool]]:
    """(field name, its Ref or None, whether it is Markdown) for every field of a model, worked
    out once per model class: walking the annotations for every item was most of a check."""
    cached = _FIELD_MARKERS.get(model_class)
    if cached is None:
        cached = [
            (name, _marker(info, m.Ref), _marker(info, m.MarkdownText) is not None)
            for name, info in model_class.model_fields.items()
        ]
        _FIELD_MARKERS[model_class] = cached
    return cached


_FIELD_MARKERS: dict[type, list] = {}


def _marker(info, annotation_type):
    """The field's marker of `annotation_type` (a Ref or MarkdownText), if any."""
    # pydantic moves a plain field's Annotated metadata onto FieldInfo.metadata,
    # while list[...] and Optional[...] fields keep it inside the annotation.
    found = next((x for x in info.metadata if isinstance(x, annotation_type)), None)
    return found or _find_in_annotation(
        info.annotation,
        lambda a: next((x for x in getattr(a, "__metadata__", ()) if isinstance(x, annotation_type)), None),
    )


def _check_references(
    loaded: list[_Loaded],
    index: _Index,
    problems: list[ContentProblem],
    unsure_kinds: set[str],
    linkable: tuple[str, ...],
    registry: Registry = REGISTRY,
):
    """Check every Ref and every Markdown field; compute reverse links. `unsure_kinds`: kinds
    defined by files that failed to load, whose ids cannot be checked (reporting them would bury
    the real error in noise). What a retired item says is not published, so it is not checked."""
    references = _References(index, unsure_kinds, linkable, registry, problems)
    for file in loaded:
        for model, loc, chain in _enclosing_items(file.model):
            if not any(_is_retired(outer) for outer in chain):
                references.check_fields(file, model, loc, chain)
    return references.backlinks


@dataclass
class _References:
    """The checks of one model's references and Markdown fields, adding to `problems` and
    `backlinks` (target id -> the linkable items that refer to it)."""

    index: _Index
    unsure_kinds: set[str]
    linkable: tuple[str, ...]
    registry: Registry
    problems: list[ContentProblem]
    backlinks: dict[str, list[str]] = field(default_factory=dict)

    def check_fields(self, file: _Loaded, model: BaseModel, loc: tuple, chain: tuple) -> None:
        for name, marker, is_markdown in _field_markers(type(model)):
            value = getattr(model, name)
            if value is None:
                continue
            if is_markdown and isinstance(value, str):
                self.check_markdown(file, (*loc, name), name, value)
            if marker is None:
                continue
            if isinstance(value, (list, tuple)):
                for position, target in enumerate(value):
                    self.check_reference(file, (*loc, name, position), name, marker, target, chain)
            else:
                self.check_reference(file, (*loc, name), name, marker, value, chain)

    def check_markdown(self, file: _Loaded, where: tuple, name: str, text: str) -> None:
        """Links in a Markdown field: allowed schemes, and `id:` links that resolve."""
        messages: list[str | None] = [*link_problems(text)]
        messages += [
            _internal_link_problem(target, self.index, self.unsure_kinds, self.registry)
            for target in internal_links(text)
        ]
        for message in filter(None, messages):
            line, item_id = locate(file.data, where)
            self.problems.append(ContentProblem(file.path, line, item_id, f"{name}: {message}"))

    def check_reference(self, file: _Loaded, where: tuple, name: str, marker: m.Ref, target: str, chain: tuple):
        """One reference: to an active item of the kinds the field expects; noted as a backlink."""
        line, item_id = locate(file.data, where)
        message = self.reference_problem(name, marker, target)
        if message:
            self.problems.append(ContentProblem(file.path, line, item_id, message))
            return
        if target not in self.index.active:
            return  # its kind's file failed to load (already reported)
        owner = next((item for item in reversed(chain) if item.kind in self.linkable), None)
        if owner is not None and owner.id != target:
            sources = self.backlinks.setdefault(target, [])
            if owner.id not in sources:
                sources.append(owner.id)

    def reference_problem(self, name: str, marker: m.Ref, target: str) -> str | None:
        """Why a reference is wrong, or None (also when its kind's file failed to load)."""
        entry = self.index.active.get(target)
        expected = _either(marker.kinds)
        if target in self.index.retired:
            gone, retired_by = self.index.retired[target]
            why = "is retired" if retired_by == target else f"belongs to '{retired_by}', which is retired"
            return f"'{target}' {why} ({gone.path}:{gone.line}); remove the reference or make it active again"
        if entry is None and self.unsure_kinds.intersection(marker.kinds):
            return None
        if entry is None:
            return f"unknown {expected} '{target}' ({self.unknown_hint(marker, target)})"
        if entry.item.kind not in marker.kinds:
            return f"'{target}' is a {entry.item.kind}, but {name} expects a {expected}"
        return None

    def unknown_hint(self, marker: m.Ref, target: str) -> str:
        known = sorted(i for i, e in self.index.active.items() if e.item.kind in marker.kinds)
        hint = difflib.get_close_matches(target, known, n=1)
        if hint:
            return f"did you mean '{hint[0]}'?"
        if known and len(known) <= 6:
            return f"expected one of: {', '.join(known)}"
        return f"expected the id of a {_either(marker.kinds)}"


def _internal_link_problem(target: str, index: _Index, unsure_kinds: set[str], registry: Registry) -> str | None:
    """Why a link to this site in a Markdown field would point nowhere, or None. Such links are
    written `id:<item id>`: resolved for every page the text is shown on, and checked here, so a
    renamed or retired item can never leave a dead link behind."""
    shown = excerpt(target, 60)
    if not target.startswith("id:"):
        return (
            f"the link '{shown}' is an address on this site, which changes with the page the text is "
            "shown on; link to the item by its id instead, such as [the tool](id:tool-purpose-statement)"
        )
    item_id = target.removeprefix("id:")
    if item_id in index.retired:
        gone, retired_by = index.retired[item_id]
        why = "is retired" if retired_by == item_id else f"belongs to '{retired_by}', which is retired"
        return f"the link '{shown}' goes to '{excerpt(item_id, 60)}', which {why} ({gone.path}:{gone.line}); link to another item"
    entry = index.active.get(item_id)
    if entry is None:
        if unsure_kinds:
            return None  # its file may be one that failed to load (already reported)
        hint = difflib.get_close_matches(item_id, list(index.active), n=1)
        suggestion = f" (did you mean 'id:{hint[0]}'?)" if hint else ""
        return f"the link '{shown}' goes to no item: there is no id '{excerpt(item_id, 60)}'{suggestion}"
    kind = registry[entry.item.kind] if entry.item.kind in registry else None
    if kind is None or (kind.pages is None and not kind.anchor_on):
        article = "an" if entry.item.kind[0] in "aeiou" else "a"
        return (
            f"the link '{shown}' goes to {article} {entry.item.kind}, which has no page of its own; "
            "link to the item that uses it"
        )
    return None


def _without_retired(model: BaseModel) -> BaseModel:
    """The model with every retired item inside it removed (criteria, tool items, questions)."""
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, (list, tuple)) and any(isinstance(entry, BaseModel) for entry in value):
            kept = [
                _without_retired(entry) if isinstance(entry, BaseModel) else entry
                for entry in value
                if not _is_retired(entry)
            ]
            if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=False)):
                changes[name] = kept
        elif isinstance(value, BaseModel):
            pruned = _without_retired(value)
            if pruned is not value:
                changes[name] = pruned
    return model.model_copy(update=changes) if changes else model


def _check_cross_file_rules(
    registry: Registry, lists: dict[str, list], parts: dict, index: dict[str, Entry], problems: list[ContentProblem]
):
    """Rules that need more than one file, as each kind declares them (`Kind.rules`)."""
    for kind in registry:
        for rule in kind.rules:
            for item_id, message in rule(lists.get(kind.name, []), parts):
                entry = index.get(item_id)
                if entry is not None:  # an item whose id was refused is already reported
                    problems.append(ContentProblem(entry.path, entry.line, item_id, message))


# --- The whole site ----------------------------------------------------------------------


def yaml_files(root: Path):
    """Everything under `root` whose name ends in .yml or .yaml, in any case, except folders:
    files, links (dangling ones too), devices and pipes, so that each is loaded or refused; and
    linked folders, which are never walked, so that one leading out of the project is refused."""
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in (".yml", ".yaml") and (path.is_symlink() or not path.is_dir()):
            yield path
        elif path.is_symlink() and path.is_dir():
            yield path  # a linked folder: refused if it leads out of the project, never walked


def load_site(
    content_dir: Path, quiz_dir: Path, shown_relative_to: Path | None = None, registry: Registry = REGISTRY
) -> Site:
    """Load, validate and cross-check all content; raise ContentErrors with every problem."""
    read = _ReadFiles(shown_relative_to or content_dir.parent, file_kinds(registry))
    read.folder("content", content_dir)
    read.folder("quiz", quiz_dir)
    read.required_files(content_dir, quiz_dir)
    problems = read.problems
    index = _index(read.loaded, problems, registry)
    backlinks = _check_references(read.loaded, index, problems, read.unsure_kinds, registry.linkable, registry)
    lists, site_data = _gather(read.by_kind, index, registry)
    active = _pruned_index(index.active, lists)
    parts = {registry[name].plural: items for name, items in lists.items()} | site_data
    _check_cross_file_rules(registry, lists, parts, active, problems)
    if problems:
        raise ContentErrors(problems)
    return Site(content_dir, quiz_dir, lists, site_data, active, backlinks, registry)


class _ReadFiles:
    """Reads the YAML files of the project's folders, each by the kind its path names, keeping
    every problem (paths shown relative to `base`)."""

    def __init__(self, base: Path, kinds: tuple[FileKind, ...]):
        self.base = base
        self.kinds = kinds
        self.problems: list[ContentProblem] = []
        self.loaded: list[_Loaded] = []
        self.by_kind: dict[FileKind, list[_Loaded]] = {kind: [] for kind in kinds}
        self.unsure_kinds: set[str] = set()  # the kinds of files that failed to load

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()

    def folder(self, folder: str, root: Path) -> None:
        if not root.is_dir():
            self.problems.append(ContentProblem(self.shown(root), 1, "(folder)", f"the {folder} folder does not exist"))
            return
        allowed = (root.resolve(), self.base.resolve())
        for path in yaml_files(root):
            refused = entry_problem(path, allowed, folder)
            if refused:
                self.problems.append(ContentProblem(self.shown(path), 1, "(file)", refused))
            elif not path.is_dir():  # (a linked folder inside the project is not walked)
                self.file(path, folder, PurePosixPath(path.relative_to(root).as_posix()))

    def file(self, path: Path, folder: str, relative: PurePosixPath) -> None:
        kind = next((k for k in self.kinds if k.matches(folder, relative)), None) if path.suffix == ".yml" else None
        if kind is None:
            expected = ", ".join(f"{folder}/{k.pattern}" for k in self.kinds if k.folder == folder)
            reason = "use the .yml extension, in lower case; " if path.suffix != ".yml" else ""
            message = f"not a known content file; {reason}expected one of: {expected}"
            self.problems.append(ContentProblem(self.shown(path), 1, "(file)", message))
            return
        model, data, found = _validate_file(path, self.shown(path), kind)
        self.problems += found
        if found:
            self.unsure_kinds.update(kind.provides)
        if model is not None:
            loaded = _Loaded(self.shown(path), data, model, kind)
            self.loaded.append(loaded)
            self.by_kind[kind].append(loaded)

    def required_files(self, content_dir: Path, quiz_dir: Path) -> None:
        for kind in self.kinds:
            root = content_dir if kind.folder == "content" else quiz_dir
            if kind.required and root.is_dir() and not (root / kind.pattern).is_file() and not self.by_kind[kind]:
                self.problems.append(
                    ContentProblem(self.shown(root / kind.pattern), 1, "(file)", "required file is missing")
                )


def _gather(
    by_kind: dict[FileKind, list[_Loaded]], index: _Index, registry: Registry
) -> tuple[dict[str, list], dict[str, object]]:
    """Each kind's active items (kind name -> items, sorted as the kind says) and the site-wide
    files' models (attribute -> model)."""
    lists: dict[str, list] = {}
    site_data: dict[str, object] = {}
    for file_kind, files in by_kind.items():
        if file_kind.data is not None:
            site_data[file_kind.data.attribute] = files[0].model if files else None
        elif file_kind.kind is not None:
            lists[file_kind.kind.name] = _items_of(file_kind.kind, files, index, site_data)
    # Kinds defined inside others (criteria, questions): in reading order, from the index.
    for kind in registry:
        if kind.name not in lists:
            lists[kind.name] = [entry.item for entry in index.active.values() if entry.item.kind == kind.name]
    return lists, site_data


def _items_of(kind: Kind, files: list[_Loaded], index: _Index, site_data: dict[str, object]) -> list:
    """A kind's active items from its files, each file without its retired items (and kept
    whole in `site_data` where the kind asks, `whole_file_as`)."""
    items: list = []
    for file in files:
        whole = _without_retired(file.model) if file.path in index.files_with_retired else file.model
        if kind.whole_file_as:
            site_data[kind.whole_file_as] = whole
        if kind.list_field:
            items += list(getattr(whole, kind.list_field))
        elif not _is_retired(whole):
            items.append(whole)
    return sorted(items, key=kind.sort_key) if kind.sort_key else items


def _pruned_index(active: dict[str, Entry], lists: dict[str, list]) -> dict[str, Entry]:
    """The index showing the pruned items (a tool without its retired checklist items)."""
    pruned = dict(active)
    for items in lists.values():
        for item in items:
            entry = pruned.get(item.id)  # None for an item whose id was refused (reported)
            if entry is not None:
                pruned[item.id] = Entry(item, entry.path, entry.line, entry.parent)
    return pruned
