"""The loaded, validated content, kept on disk between builds (in the per-user folder of
macros/diskcache.py): reading and validating every YAML file, and building the models'
validators, were a fifth of a build, for content that mostly did not change since the last one.

An entry is named by a hash of everything the loader's result depends on:
- every file the loader would look at (the same walk, `loader.yaml_files`): its path as messages
  show it, where it leads (links), and its bytes;
- the toolkit's own code (every Python file of this package, bytes) and the versions of Python,
  pydantic, PyYAML and Markdown.
So any change to the content, the models or the code is a new entry. Only a site that loaded
without a problem is kept: content with problems is always read again, and every problem is
reported as before (file, line and id). A project's own kinds (`extra.dpup.kinds`) are Python
files outside this package: such a site is loaded every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from pathlib import Path

from . import diskcache, markup
from .kinds import REGISTRY, Registry
from .loader import Site, load_site, outside_problem, yaml_files

# Raised when an entry's layout changes (what is pickled, not the models: their code is hashed).
FORMAT = 2
_ENTRY_NAME = re.compile(r"[0-9a-f]{40}\.pickle")  # only this module's entries are ever removed
# Entries kept; each is one content set (the tests make many), the oldest unused are removed.
KEPT = 40


def _code() -> bytes:
    """The toolkit's code, and the versions of Python and of the libraries that read the content."""
    import markdown
    import pydantic
    import pydantic_core
    import yaml

    versions = (FORMAT, sys.version, pydantic.VERSION, pydantic_core.__version__, yaml.__version__)
    return diskcache.toolkit_code() + repr((*versions, markdown.__version__)).encode()


def _field(digest, data: bytes) -> None:
    digest.update(len(data).to_bytes(8, "little"))
    digest.update(data)


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def content_key(content_dir: Path, quiz_dir: Path, base: Path) -> str:
    """The entry's name. Raises OSError when a file cannot be read (the loader then says why)."""
    digest = hashlib.blake2b(digest_size=20)
    _field(digest, _code())
    resolved_base = base.resolve()
    for folder, root in (("content", content_dir), ("quiz", quiz_dir)):
        _field(digest, f"{folder}:{_shown(root, base)}:{root.is_dir()}".encode())
        if not root.is_dir():
            continue
        _field(digest, _shown(root.resolve(), resolved_base).encode())
        for path in yaml_files(root):
            # Where a path leads decides whether the loader reads it (a link out of the project is refused).
            _field(digest, f"{_shown(path, base)}>{_shown(path.resolve(), resolved_base)}".encode())
            # Read only what the loader would read: a link out of the project, or to /dev/zero, is
            # refused there without reading it (and such content is never kept).
            readable = path.is_file() and outside_problem(path, (root.resolve(), resolved_base), folder) is None
            _field(digest, path.read_bytes() if readable else b"\0not read")
    return digest.hexdigest()


def cached_load_site(content_dir: Path, quiz_dir: Path, shown_relative_to: Path, registry: Registry) -> Site:
    """`loader.load_site`, from the per-user cache when the same content was loaded before."""
    folder = diskcache.folder("content") if registry is REGISTRY else None
    if folder is None:
        return load_site(content_dir, quiz_dir, shown_relative_to, registry)
    try:
        path: Path | None = folder / f"{content_key(content_dir, quiz_dir, shown_relative_to)}.pickle"
    except OSError:
        path = None
    kept = diskcache.read(path)
    if kept is not None and path is not None:
        try:
            # Written by this user's own builds only: diskcache refuses a folder others can write.
            lists, site_data, index, backlinks, converted = pickle.loads(kept)
            os.utime(path)  # recently used: kept when older entries are removed
            markup.remember(converted)
            return Site(content_dir, quiz_dir, lists, site_data, index, backlinks, registry)
        except Exception:  # a damaged entry (any error unpickling it) is made again from the content
            pass
    with markup.recording() as converted:  # the loader converts every Markdown field to check its links
        site = load_site(content_dir, quiz_dir, shown_relative_to, registry)
    try:
        # A file saved while the loader read it (an editor saving twice, a checkout) would file what
        # was loaded under the other bytes' name, and could hide their problems later: keep it only
        # if the files are as they were when the name was taken.
        unchanged = path is not None and path.name == f"{content_key(content_dir, quiz_dir, shown_relative_to)}.pickle"
    except OSError:
        unchanged = False
    if path is not None and unchanged:
        parts = (site.lists, site.site_data, site.index, site.backlinks, converted)
        diskcache.write(path, pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL))
        _remove_oldest(folder)
    return site


def _remove_oldest(folder: Path) -> None:
    try:
        entries = sorted(
            (entry for entry in folder.glob("*.pickle") if _ENTRY_NAME.fullmatch(entry.name)),
            key=lambda entry: entry.stat().st_mtime,
        )
        for entry in entries[:-KEPT]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass
