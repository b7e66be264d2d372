"""A per-user folder of what earlier builds made (Word documents, minified scripts), each file named
by a hash of everything that makes it, so that a build does not make an unchanged thing again."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def folder(name: str) -> Path | None:
    """The folder, made if missing; None where it cannot be made or is not this user's alone (in a
    shared temporary folder another user could have made it first and filled it)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    path = Path(tempfile.gettempdir()) / f"dpup-{name}-{uid if uid is not None else 'user'}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        owner = path.stat()
    except OSError:
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
    except OSError:
        pass
