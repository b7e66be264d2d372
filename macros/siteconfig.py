"""The site's config file (mkdocs.yml), read without any engine, and what the toolkit takes from it.

`read_config` serves the `check` and `schema` commands and the Zensical path; the MkDocs plugin
is handed MkDocs' own reading of the same file. Either becomes a `SiteConfig`.

The file is read as MkDocs 1.6 reads it (`yaml_load` in mkdocs/utils/yaml.py):
- `INHERIT: parent.yml`, relative to the file that names it: the parent is read first (with its
  own INHERIT), then the child is merged into it. Mappings merge key by key at every depth;
  anything else the child sets replaces the parent's value, lists included (mergedeep's
  REPLACE strategy, MkDocs' default). A child's `nav:`, `plugins:` or `extra_css:` is the whole
  list, not an addition to the parent's.
- `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, its text read as
  YAML reads a plain value (`true`, `3`); else the default (the last item of two or more); else
  null.
- Every other tag (`!!python/name:material.extensions.emoji.twemoji`, `!relative`) is kept as a
  `Tagged` value and never resolved: reading a config runs no code. `dump_config` writes it back
  with its tag, for the engine to resolve.

Stricter than MkDocs, which keeps the last of two equal keys without a word: a key written twice
in one mapping is an error naming its line.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .yamlfile import ContentErrors, ContentProblem, excerpt


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag the toolkit does not resolve, kept to be written back."""

    tag: str
    value: Any


class _Reader(yaml.SafeLoader):
    """PyYAML's safe loader with `!ENV`, every other tag kept, and repeated keys collected."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.repeated: list[tuple[int, str]] = []

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    if key_node.value in seen:
                        self.repeated.append((key_node.start_mark.line + 1, key_node.value))
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _env(loader: _Reader, node: yaml.Node) -> Any:
    # As pyyaml_env_tag 1.1, which MkDocs uses: names are read as text, the default as YAML.
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1], deep=True)
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        raise yaml.constructor.ConstructorError(
            None, None, "!ENV takes a name or a list of names (and a default)", node.start_mark
        )
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _tagged(loader: _Reader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Reader.add_constructor("!ENV", _env)
_Reader.add_multi_constructor("", _tagged)


def _problem(config_file: Path, line: int, message: str) -> ContentErrors:
    return ContentErrors([ContentProblem(config_file.name, line, "config", message)])


def _read_one(config_file: Path) -> dict:
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _problem(config_file, 1, f"cannot be read ({error.__class__.__name__})") from None
    reader = _Reader(text)
    try:
        data = reader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        raise _problem(config_file, line, f"not valid YAML: {reason}") from None
    finally:
        reader.dispose()
    if reader.repeated:
        raise ContentErrors(
            [
                ContentProblem(config_file.name, line, "config", f"'{excerpt(key)}' is set twice; keep one")
                for line, key in reader.repeated
            ]
        )
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _problem(config_file, 1, "must be a mapping of settings (key: value)")
    return data


def merge(parent: Mapping, child: Mapping) -> dict:
    """MkDocs' INHERIT merge: mappings merge at every depth, anything else in `child` replaces
    what `parent` has (a list too)."""
    merged = copy.deepcopy(dict(parent))
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def read_config(config_file: Path) -> dict:
    """The config file as data, its INHERIT chain merged in; raises ContentErrors."""
    chain: list[Path] = []
    current = config_file.resolve()
    layers = []
    while True:
        if not current.is_file():
            if not chain:
                raise _problem(config_file, 1, "no such file")
            raise _problem(chain[-1], line_of("INHERIT", chain[-1])[1], f"INHERIT: no such file: {current}")
        chain.append(current)
        data = _read_one(current)
        layers.append(data)
        parent = data.pop("INHERIT", None)
        if parent is None:
            break
        if not isinstance(parent, str) or not parent:
            raise _problem(current, line_of("INHERIT", current)[1], "INHERIT must be the path of a file")
        current = (current.parent / parent).resolve()
        if current in chain:
            raise _problem(chain[-1], line_of("INHERIT", chain[-1])[1], f"INHERIT goes round in a circle: {parent}")
    merged: dict = {}
    for layer in reversed(layers):  # the furthest ancestor first
        merged = merge(merged, layer)
    return merged


class _Writer(yaml.SafeDumper):
    pass


def _write_tagged(dumper: _Writer, tagged: Tagged) -> yaml.Node:
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, "" if tagged.value is None else str(tagged.value))


_Writer.add_representer(Tagged, _write_tagged)


def dump_config(data: Mapping) -> str:
    """`data` as YAML that an engine reads back to the same values, tags kept
    (`!!python/name:...`). A value YAML cannot hold fails here, not in the engine."""
    return yaml.dump(dict(data), Dumper=_Writer, allow_unicode=True, sort_keys=False, default_flow_style=False)


def inherit_chain(config_file: Path) -> list[Path]:
    """The config file and those it inherits from, nearest first (best effort: a file that cannot
    be read ends the chain; `read_config` says why)."""
    chain = [config_file.resolve()]
    while True:
        try:
            parent = _read_one(chain[-1]).get("INHERIT")
        except ContentErrors:
            return chain
        if not isinstance(parent, str) or not parent:
            return chain
        path = (chain[-1].parent / parent).resolve()
        if path in chain or not path.is_file():
            return chain
        chain.append(path)


def line_of(key: str, config_file: Path) -> tuple[str, int]:
    """Where `key:` is written in the config or a file it inherits from (best effort)."""
    seen = set()
    current = config_file
    while current.is_file() and current not in seen:
        seen.add(current)
        text = current.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if re.match(rf"\s*{re.escape(key)}\s*:", line):
                return current.name, number
        inherit = re.search(r"^INHERIT:\s*(.+?)\s*$", text, re.M)
        if not inherit:
            break
        current = (current.parent / inherit.group(1).strip("'\"")).resolve()
    return config_file.name, 1


def line_of_child(key: str, parent: str, config_file: Path) -> tuple[str, int]:
    """Where `key:` is written inside the `parent:` mapping (best effort: the parent's line)."""
    name, start = line_of(parent, config_file)
    path = config_file.parent / name if name != config_file.name else config_file
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if not 0 < start <= len(lines):
        return name, start
    indent = len(lines[start - 1]) - len(lines[start - 1].lstrip())
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return name, number
    return name, start


# The settings the theme prints on every page, checked with the toolkit's own.
PAGE_TEXTS = ("site_description", "site_author", "copyright", "repo_url")


@dataclass(frozen=True)
class SiteConfig:
    """What the toolkit reads from the site's config, with the defaults MkDocs documents:
    `docs_dir: docs`, `use_directory_urls: true`, no `site_url`, no `nav` (the engine makes one),
    empty `extra`, `extra_css` and `extra_javascript`, and no `theme.custom_dir` (the toolkit's
    overrides/ then serve). Values are as written: the settings check reports a wrong type."""

    config_file: Path
    site_name: Any = None
    site_url: Any = ""
    use_directory_urls: bool = True
    docs_dir: Path = Path("docs")
    extra: Mapping[str, Any] = field(default_factory=dict)
    nav: list | None = None
    extra_css: list = field(default_factory=list)
    extra_javascript: list = field(default_factory=list)
    custom_dir: Path | None = None
    # The delimiters mkdocs-macros is set to use (`j2_block_start_string` and the like), so that
    # the pages are checked as they will be read; empty for Jinja's own.
    template_syntax: Mapping[str, str] = field(default_factory=dict)
    page_texts: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Mapping, config_file: Path | None = None) -> SiteConfig:
        """From `read_config`'s data (with `config_file`) or MkDocs' loaded config (which knows
        its own `config_file_path`, resolved its folders and made the theme and plugins objects)."""
        path = Path(config_file or config.get("config_file_path") or "mkdocs.yml").resolve()
        root = path.parent
        theme = config.get("theme")
        custom = getattr(theme, "custom_dir", None) or (theme.get("custom_dir") if isinstance(theme, Mapping) else None)
        return cls(
            config_file=path,
            site_name=config.get("site_name"),
            site_url=config.get("site_url") or "",
            use_directory_urls=bool(config.get("use_directory_urls", True)),
            docs_dir=(root / (config.get("docs_dir") or "docs")).resolve(),
            extra=config.get("extra") or {},
            nav=config.get("nav"),
            extra_css=list(config.get("extra_css") or []),
            extra_javascript=list(config.get("extra_javascript") or []),
            custom_dir=(root / custom).resolve() if isinstance(custom, (str, os.PathLike)) and custom else None,
            template_syntax=_template_syntax(config.get("plugins")),
            page_texts={key: config.get(key) for key in PAGE_TEXTS},
        )

    @property
    def root(self) -> Path:
        """The project's folder: the config file's."""
        return self.config_file.parent


def _template_syntax(plugins: Any) -> dict[str, str]:
    """mkdocs-macros' `j2_*_string` options, from MkDocs' plugin objects or the file's list."""
    options: Any = None
    if isinstance(plugins, Mapping):  # MkDocs' PluginCollection, or a mapping in the file
        options = plugins.get("macros")
        options = getattr(options, "config", options)
    elif isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, Mapping) and "macros" in entry:
                options = entry["macros"]
    if not isinstance(options, Mapping):
        return {}
    return {
        key.removeprefix("j2_"): value
        for key, value in options.items()
        if key.startswith("j2_") and key.endswith("_string") and isinstance(value, str) and value
    }
