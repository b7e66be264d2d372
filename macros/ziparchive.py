"""The offline copy's zip, written from entries deflated once and kept between builds (the Word
documents' zips are written the same way, their template's parts deflated once a build).

Most of what goes into the zip is the same from one build to the next (the theme's scripts, the
unchanged pages), and deflating it, with the offline copy's changes to each page, was most of
the zip's time. Each entry is kept in the build's cache (macros/cache.py) by the file's bytes and
what is done to them; only what changed is made again. The bytes
written are those Python's zipfile writes for the same entries (tests/unit/test_finish.py
compares them): a zip is the same bytes for the same site, with or without the cache.
"""

from __future__ import annotations

import struct
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from .cache import Store

# zlib's fastest level: a quarter of the default's time, for a zip about a fifth larger.
COMPRESS_LEVEL = 1


class Entry(NamedTuple):
    """One file in the zip: its name, and its bytes deflated (with their CRC and size)."""

    name: str
    crc: int
    size: int
    deflated: bytes


def _deflated(data: bytes, level: int = COMPRESS_LEVEL) -> tuple[int, int, bytes]:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # as zipfile deflates
    return zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


def entry(name: str, data: bytes, level: int = COMPRESS_LEVEL) -> Entry:
    """`data` as the zip entry `name`, deflated at `level` (zlib's default, -1, is zipfile's)."""
    return Entry(name, *_deflated(data, level))


class Entries:
    """The entries of one zip, each made by `make(raw)` unless the store kept it from an earlier build.

    zlib lets go of Python's lock while it deflates, so an entry is deflated in a second thread
    while this one makes the next (the offline copy's pages are rewritten by regular expressions,
    which hold it): on a machine with two cores, the first build's zip takes about the time of
    the rewriting alone. At most `AHEAD` entries wait to be deflated (their bytes are held
    until then). The bytes are the same either way."""

    AHEAD = 8

    def __init__(self, store: Store):
        self.store = store
        self.deflater = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dpup-deflate")
        self.entries: list[tuple[str, Future]] = []
        self.waiting: deque[tuple[bytes, Future]] = deque()  # (the store's inputs, the entry)

    def add(self, name: str, raw: bytes, how: str, make: Callable[[bytes], bytes] | None = None) -> None:
        """`name` in the zip, holding `make(raw)` (or `raw` itself); `how` names what `make` does."""
        inputs = how.encode() + b"\0" + raw
        kept = self.store.find(inputs)
        if kept is None:
            try:
                made = self.deflater.submit(_deflated, make(raw) if make else raw)
            except BaseException:
                self.deflater.shutdown(cancel_futures=True)
                raise
            self.waiting.append((inputs, made))
            if len(self.waiting) > self.AHEAD:
                self._keep_oldest()
        else:
            made = Future()
            made.set_result(kept)
        self.entries.append((name, made))

    def _keep_oldest(self) -> None:
        inputs, made = self.waiting.popleft()
        self.store.put(inputs, made.result())

    def write(self, target: Path, date_time: tuple[int, int, int, int, int, int]) -> None:
        try:
            while self.waiting:
                self._keep_oldest()
            entries = [Entry(name, *made.result()) for name, made in self.entries]
        finally:
            self.deflater.shutdown(cancel_futures=True)
        target.write_bytes(zip_bytes(entries, date_time))


def zip_bytes(entries: list[Entry], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of deflated entries, laid out as zipfile.ZipFile writes them to a file on a Unix
    system (no zip64: the offline copy is far below 4 GB and 65,535 files)."""
    year, month, day, hour, minute, second = date_time
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    local, central = bytearray(), bytearray()
    for entry in entries:
        try:
            name, flags = entry.name.encode("ascii"), 0
        except UnicodeEncodeError:  # zipfile marks a name that is not ASCII as UTF-8
            name, flags = entry.name.encode("utf-8"), 0x800
        common = (flags, 8, dos_time, dos_date, entry.crc, len(entry.deflated), entry.size, len(name), 0)
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, *common, 0, 0, 0, 0o644 << 16, len(local))
        central += name
        local += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *common) + name + entry.deflated
    if len(entries) > 0xFFFF or len(local) + len(central) > 0xFFFFFFFF:
        raise ValueError("the offline copy is too large for a zip without zip64")
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + end)
