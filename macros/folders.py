"""Every folder the build reads files from or publishes, and the one rule they all follow.

The rule (`entry_problem`): nothing that leaves the folder's project, and nothing that is not a
regular file or folder, is read or published; a hard link (which may be a file outside the
project under a second name) and a name that is not plain UTF-8 text are refused too. A symbolic link to a file elsewhere on this
computer would be copied into the site and the offline zip; a device such as /dev/zero never
ends; a linked folder would be published unchecked. Each is refused by name, as
`overrides/leak.txt:1: (file): message`, before any engine runs.

The folders (`FOLDERS`), each with where its files must stay:

- docs_dir: the hand-written pages and their files (macros/docs_pages.py walks it with this rule,
  and reads each page); extra_css and extra_javascript name files in it, and must not leave it;
- content_dir and quiz_dir: walked by the loader (loader.yaml_files, with entry_problem below);
- theme.custom_dir: the site's theme folder; MkDocs and Zensical publish every file in it that
  is not a template (overrides/leak.txt becomes site/leak.txt);
- the toolkit's own overrides/, added to every site's theme by the plugin, inside the toolkit;
- the templates/ folder beside each of the project's own kinds (extra.dpup.kinds), rendered
  into pages.

A setting that adds a folder is added to `FOLDERS`, and its files are then checked with the
others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .kinds import Registry
from .siteconfig import SiteConfig, line_of
from .yamlfile import ContentProblem, excerpt

TOOLKIT = Path(__file__).resolve().parent.parent


def entry_problem(path: Path, home: Path | tuple[Path, ...], folder: str) -> str | None:
    """Why `path`, found in a folder the build reads, must not be read or published: a link that
    leads out of `home` (the project the folder belongs to), a link to nothing or to itself, a
    linked folder, or not a regular file or folder. None when it may be."""
    homes = home if isinstance(home, tuple) else (home,)
    named = name_problem(path.name)
    if named:
        return named
    if path.is_symlink() and not path.exists():
        try:
            path.resolve(strict=False)
        except (OSError, RuntimeError):
            return "a symbolic link that leads back to itself; replace it with the file"
        return f"a symbolic link to '{excerpt(str(path.readlink()), 200)}', which does not exist"
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "a symbolic link that leads back to itself; replace it with the file"
    if not any(resolved.is_relative_to(inside.resolve()) for inside in homes):
        return (
            f"a symbolic link to '{excerpt(str(resolved), 200)}', outside the project; "
            f"files in {folder}/ must be inside the project (copy the file in instead)"
        )
    if path.is_symlink() and resolved.is_dir():
        # The engine would publish what it holds, unchecked (and a link to a parent loops).
        return f"a linked folder; {folder}/ holds its own files: copy them in instead"
    if not resolved.is_dir() and not resolved.is_file():
        return "not a regular file (a device, pipe or socket); only plain files are read"
    if resolved.is_file() and resolved.stat().st_nlink > 1:
        # A hard link is the same file under a second name, which may be anywhere on this disk.
        return "a hard link (the same file has another name, perhaps outside the project); copy the file in instead"
    return None


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be published: a name that is not UTF-8 text (the offline
    zip and the engines' own file lists cannot write it), or one that holds a control character
    (a newline would break the `file:line: message` it is named in)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not UTF-8 text; rename it"
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in name):
        return "the name holds a control character (a newline or tab); rename it"
    return None


def tree_problems(folder: Path, home: Path, shown: str) -> Iterator[tuple[Path, str, str]]:
    """(path, as shown, why) for everything in `folder` that the rule refuses; a refused linked
    folder is not walked into."""
    for directory, subfolders, files in os.walk(folder):
        here = Path(directory)
        for name in sorted([*subfolders, *files]):
            path = here / name
            relative = path.relative_to(folder).as_posix()
            refused = entry_problem(path, home, shown)
            if refused:
                yield path, f"{shown}/{relative}", refused
        subfolders[:] = sorted(name for name in subfolders if not (here / name).is_symlink())


# The folders the build reads from or publishes besides docs_dir, content_dir and quiz_dir (which
# are walked with this rule by docs_pages.docs_problems and the loader): (the setting that names
# it, the folders it gives for a config and the build's kinds).
FOLDERS: tuple[tuple[str, Callable[[SiteConfig, Registry], list[Path]]], ...] = (
    ("theme.custom_dir", lambda config, registry: [config.custom_dir] if config.custom_dir else []),
    ("the toolkit's overrides", lambda config, registry: [TOOLKIT / "overrides"]),
    ("extra.dpup.kinds templates", lambda config, registry: [Path(folder) for folder in registry.template_dirs]),
)


def listed_folders(config: SiteConfig, registry: Registry) -> Iterator[tuple[str, Path]]:
    """(setting, folder) for every folder of `FOLDERS` this config names."""
    seen = set()
    for setting, folders_of in FOLDERS:
        for folder in folders_of(config, registry):
            if folder not in seen:
                seen.add(folder)
                yield setting, folder


def published_folder_problems(config: SiteConfig, registry: Registry) -> list[ContentProblem]:
    """Everything the rule refuses in the folders of `FOLDERS`, and extra_css or extra_javascript
    entries that leave docs_dir."""
    project = config.root
    problems = []
    for setting, folder in listed_folders(config, registry):
        if not folder.is_dir():
            continue
        # The toolkit's own folders belong to the toolkit; every other folder to the project.
        home = TOOLKIT if folder.is_relative_to(TOOLKIT) and not folder.is_relative_to(project) else project
        if not folder.resolve().is_relative_to(home.resolve()):
            message = f"{setting}: the folder is outside the project; keep it inside the project"
            problems.append(ContentProblem(excerpt(str(folder), 200), 1, "(folder)", message))
            continue
        shown = os.path.relpath(folder, home).replace(os.sep, "/")
        problems += [ContentProblem(name, 1, "(file)", why) for _path, name, why in tree_problems(folder, home, shown)]
    return problems + _extra_asset_problems(config)


# What an entry of extra_javascript may say besides its path (MkDocs' ExtraScriptValue); an entry
# of extra_css is only a path.
_SCRIPT_KEYS = {"path", "type", "async", "defer"}


def _extra_asset_problems(config: SiteConfig) -> list[ContentProblem]:
    docs = config.docs_dir
    problems = []
    for setting, entries in (("extra_css", config.extra_css), ("extra_javascript", config.extra_javascript)):
        for entry in entries:
            value = _asset_path(entry, script=setting == "extra_javascript")
            file, line = line_of(setting, config.config_file)
            if value is None:
                shape = ", or path: with type:, async: or defer:" if setting == "extra_javascript" else ""
                message = f"an entry is the path of a file in {docs.name}/{shape} (got '{excerpt(entry, 60)}')"
                problems.append(ContentProblem(file, line, setting, message))
                continue
            if "://" in value or value.startswith(("/", "data:")):
                continue
            if not (docs / value).resolve().is_relative_to(docs.resolve()):
                message = f"'{excerpt(value, 80)}' leaves {docs.name}/; list a file in {docs.name}/"
                problems.append(ContentProblem(file, line, setting, message))
    return problems


def _asset_path(entry: object, script: bool) -> str | None:
    """The path an entry names: text, MkDocs' loaded script value, or (extra_javascript only, as
    written in the file) a mapping of path: and the keys a script takes. None for anything else."""
    if isinstance(entry, str) and entry:
        return entry
    path = getattr(entry, "path", None) if script and not isinstance(entry, Mapping) else None
    if isinstance(path, str) and path:
        return path
    if script and isinstance(entry, Mapping) and set(entry) <= _SCRIPT_KEYS and isinstance(entry.get("path"), str):
        return entry["path"] or None
    return None
