"""The toolkit's one cache: what a build made that the next build of the same project can use
again: the loaded content, the Word documents, compiled templates, marked pages and the offline
zip's deflated entries (each pays for itself on the build a user runs: bench/results/build-overhead.md).

- Where: `.cache/dpup/` beside the project's mkdocs.yml, as Material keeps its own `.cache/`.
  The folder holds a `.gitignore` of `*`, so git never offers it for a commit. `./dev clean`
  removes it; deleting it by hand is as safe.
- Off: `extra.dpup.cache: false` in mkdocs.yml, or DPUP_CACHE=0 for one build (1 turns it on). Without the
  cache every build makes everything; the site is the same bytes either way.
- One way to name an entry: a hash of its inputs, of the toolkit's code (every Python file of
  this package) and of the versions of Python and the libraries that make what is kept (`stamp`).
  Any change to any of them is a new name: nothing is ever invalidated by hand.
- One file per kind of thing (`<kind>.pickle`), read once when a build first asks and written
  once when it ends, with only what that build used: the folder holds one site's worth.
- Trusted only if this user's builds wrote it: every file is signed (HMAC-SHA256) with a key
  kept outside the project (`~/.cache/dpup-toolkit/key`, made on first use, readable by this
  user only). A file committed to the repository, or written by anyone else, fails the check and
  is made again; it is never unpickled. An editor of content/ cannot bring a build to run code
  or publish words nobody wrote by committing `.cache/`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
import zlib
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FOLDER = Path(".cache") / "dpup"
ENVIRONMENT = "DPUP_CACHE"
# Raised when what a store file holds changes shape (what is pickled in it, not the models:
# their code is part of `stamp`).
FORMAT = 1
# The libraries whose version changes what is kept: the content's readers and models, the
# Markdown converter, the template compiler, the Word documents' blank template.
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "Markdown", "Jinja2", "python-docx")
_MAC = hashlib.sha256().digest_size
# The toolkit's code and libraries, hashed once per process: they do not change under a build.
_STAMP: list[bytes] = []


def code_hash(package: Path) -> bytes:
    """A hash of every Python file of the toolkit (`package`), names and bytes."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(package.rglob("*.py")):
        for part in (path.relative_to(package).as_posix().encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.digest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def stamp() -> bytes:
    """What every entry's name includes besides its inputs: the toolkit's code and the versions
    of Python, zlib and `LIBRARIES`."""
    if not _STAMP:
        versions = [FORMAT, sys.version, zlib.ZLIB_RUNTIME_VERSION, *(_version(name) for name in LIBRARIES)]
        _STAMP.append(code_hash(PACKAGE) + repr(versions).encode())
    return _STAMP[0]


def entry_name(kind: str, inputs: bytes) -> bytes:
    """The one recipe for an entry's name: its kind, its inputs and `stamp()`."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (stamp(), kind.encode(), inputs):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


def key_file() -> Path:
    """Where this user's signing key is kept: outside every project, so that no repository can
    bring one."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dpup-toolkit" / "key"


def _signing_key() -> bytes | None:
    """This user's key, made on first use; None where it cannot be read or made safely (the
    cache is then off)."""
    path = key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            partial = path.with_name(f"key.{os.getpid()}.part")
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(secrets.token_bytes(32))
            try:
                os.link(partial, path)  # the first build to make one wins; the others read it
            except FileExistsError:
                pass
            partial.unlink()
        status = path.lstat()
        if not path.is_file() or path.is_symlink() or (hasattr(os, "getuid") and status.st_uid != os.getuid()):
            return None
        if status.st_mode & 0o077:  # others could read it, and so sign entries
            return None
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


# DPUP_CACHE, for one build: 0 leaves the cache alone (nothing read or written), 1 uses it; unset,
# the setting decides. Any other value is refused with the settings' problems, never guessed at.
ENVIRONMENT_VALUES = {"0": False, "1": True}


def wanted(setting: bool, environ: Mapping[str, str]) -> bool:
    """Whether this build uses the cache: DPUP_CACHE when set (checked by the build's settings),
    else `extra.dpup.cache`."""
    value = environ.get(ENVIRONMENT, "").strip()
    return ENVIRONMENT_VALUES.get(value, False) if value else setting


class Store:
    """One kind of thing the cache keeps (`Cache.store`): what the last build used, by entry name,
    and what this build has used so far."""

    def __init__(self, cache: Cache, kind: str):
        self.cache = cache
        self.kind = kind
        self.kept: dict[bytes, Any] = cache.read(kind)
        self.used: dict[bytes, Any] = {}
        self._arriving: Callable[[Store], bool] | None = None

    def expect(self, arriving: Callable[[Store], bool]) -> None:
        """Entries being made elsewhere, in parts (macros/templates_ahead.py): `arriving(store)`
        puts the next part in and says whether more will come. An entry asked for and not yet
        here waits for the parts still to come."""
        self._arriving = arriving

    def _wait_for(self, name: bytes) -> None:
        while self._arriving is not None and name not in self.used and name not in self.kept:
            if not self._arriving(self):
                self._arriving = None

    def get(self, inputs: bytes, make: Callable[[], Any]) -> Any:
        """`make()`'s result for `inputs`, from the last build when it made it from the same."""
        name = entry_name(self.kind, inputs)
        self._wait_for(name)
        if name not in self.used:
            self.used[name] = self.kept[name] if name in self.kept else make()
        return self.used[name]

    def find(self, inputs: bytes) -> Any | None:
        """What is kept for `inputs`, or None (for a caller that cannot pass a `make`)."""
        name = entry_name(self.kind, inputs)
        self._wait_for(name)
        if name not in self.used and name in self.kept:
            self.used[name] = self.kept[name]
        return self.used.get(name)

    def put(self, inputs: bytes, value: Any) -> None:
        self.used[entry_name(self.kind, inputs)] = value

    def save(self) -> None:
        if self.used.keys() != self.kept.keys():
            self.cache.write(self.kind, self.used)
            self.kept = dict(self.used)


class Cache:
    """The cache of one project (`folder`), or none at all (`folder` None: every store makes
    everything and keeps it only for this build)."""

    def __init__(self, folder: Path | None):
        self.key = _signing_key() if folder is not None else None
        self.folder = folder if self.key is not None else None
        self._stores: dict[str, Store] = {}

    @classmethod
    def of_project(cls, root: Path, enabled: bool = True, environ: Mapping[str, str] = os.environ) -> Cache:
        """The cache beside a project's config file, unless the setting or DPUP_CACHE turns it off.
        A `.cache` that is a link (committed to lead the build's writes elsewhere) is not used."""
        folder = root / FOLDER
        linked = any(path.is_symlink() for path in (folder.parent, folder))
        return cls(folder if wanted(enabled, environ) and not linked else None)

    @classmethod
    def off(cls) -> Cache:
        return cls(None)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def store(self, kind: str) -> Store:
        """The store for one kind of thing, read from disk when first asked for."""
        if kind not in self._stores:
            self._stores[kind] = Store(self, kind)
        return self._stores[kind]

    def save(self) -> None:
        """Write what this build used, once, when it ends."""
        for store in self._stores.values():
            store.save()

    def _sign(self, data: bytes) -> bytes:
        assert self.key is not None
        return hmac.new(self.key, data, hashlib.sha256).digest()

    def read(self, kind: str) -> dict[bytes, Any]:
        if self.folder is None:
            return {}
        try:
            signed = (self.folder / f"{kind}.pickle").read_bytes()
        except OSError:
            return {}
        mac, data = signed[:_MAC], signed[_MAC:]
        if not hmac.compare_digest(mac, self._sign(data)):
            return {}  # not written by this user's builds: never unpickled
        try:
            kept = pickle.loads(data)
        except Exception:  # signed but unreadable (another Python's pickle): made again
            return {}
        return kept if isinstance(kept, dict) else {}

    def write(self, kind: str, entries: dict[bytes, Any]) -> None:
        if self.folder is None:
            return
        data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# The DPUP Toolkit's build cache (./dev clean removes it)\n*\n", encoding="utf-8")
            partial = self.folder / f"{kind}.{os.getpid()}.part"
            partial.write_bytes(self._sign(data) + data)
            partial.replace(self.folder / f"{kind}.pickle")  # whole or not at all, also with two builds at once
        except OSError:
            pass  # a read-only checkout: the build goes on without keeping anything
