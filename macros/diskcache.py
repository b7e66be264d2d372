"""A per-user folder of what earlier builds made (Word documents, minified scripts, the loaded
content, the offline zip's entries, marked pages), each kept by a hash of everything that makes
it, so that a build does not make an unchanged thing again."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_CODE: list[bytes] = []


def code_hash(package: Path) -> bytes:
    """A hash of every Python file of the toolkit (`package`), names and bytes."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(package.rglob("*.py")):
        for part in (path.relative_to(package).as_posix().encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.digest()


def toolkit_code() -> bytes:
    """`code_hash` of this toolkit, once per process: the code does not change under a build."""
    if not _CODE:
        _CODE.append(code_hash(PACKAGE))
    return _CODE[0]


def folder(name: str) -> Path | None:
    """The folder, made if missing; None where it cannot be made or is not this user's alone (in a
    shared temporary folder another user could have made it first and filled it)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    path = Path(tempfile.gettempdir()) / f"dpup-{name}-{uid if uid is not None else 'user'}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        owner = path.lstat()  # the folder itself: another user may have made the name a link to one of ours
    except OSError:
        return None
    if not stat.S_ISDIR(owner.st_mode):
        return None
    if uid is not None and (owner.st_uid != uid or owner.st_mode & 0o077):
        return None
    return path


def read(path: Path | None) -> bytes | None:
    try:
        return path.read_bytes() if path is not None and path.is_file() else None
    except OSError:
        return None


def write(path: Path | None, data: bytes) -> None:
    if path is None:
        return
    try:
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)  # whole or not at all, also with two builds at once
        # What a build stopped mid-write left behind (another build may be writing its own now).
        for stale in path.parent.glob("*.part"):
            if stale.stat().st_mtime < time.time() - 3600:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


class Memo:
    """What the last build made, each by a hash of what it was made from and of the code that made
    it (`code`): read once when a build starts, written once when it ends, with only what that
    build used, so that it holds one site's worth."""

    def __init__(self, name: str, code: bytes):
        self.code = code
        self.folder = folder(name)
        self.path = self.folder / "memo.pickle" if self.folder else None
        kept = read(self.path)
        try:
            # Written by this user's own builds only: `folder` refuses one that others can write.
            self.kept: dict[bytes, object] = dict(pickle.loads(kept)) if kept else {}
        except Exception:  # a damaged file: everything is made again
            self.kept = {}
        self.used: dict[bytes, object] = {}

    def get(self, source: bytes, make: Callable[[], object]):
        """`make()`'s result for `source`, from the last build when it made it from the same."""
        digest = hashlib.blake2b(self.code, digest_size=20)
        digest.update(source)
        key = digest.digest()
        if key in self.used:
            return self.used[key]
        made = self.kept[key] if key in self.kept else make()
        self.used[key] = made
        return made

    def save(self) -> None:
        if self.path is not None and self.used.keys() != self.kept.keys():
            write(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
            self.kept = dict(self.used)
