"""The first build's templates, compiled in a second process while this one loads the content.

Compiling Jinja templates is pure Python, and on a first build (nothing in the cache's
"templates" store) it is a fifth of the build: the toolkit's own templates and the theme's, which
a plain Material build compiles too. Loading and checking the content comes first and needs none
of them, so on a machine with a core to spare a forked copy of this process compiles them
meanwhile, and hands back each template's compiled code as `CompiledTemplates` keeps it
(macros/render.py): the build then finds them as if an earlier build had kept them. The site is
the same bytes either way; a template the copy could not compile is compiled here as usual, and
its error reported as usual.

Forked only from a process with one thread (a fork copies no other thread, so a lock another
thread held would stay locked in the copy), on Linux, and with two cores or more. The copy
closes every file it inherited but its own two, so no pipe of this process waits on it, writes
its results to a file that has no name, and exits.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import marshal
import os
import select
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable

from jinja2 import Environment, meta
from jinja2.bccache import Bucket, BytecodeCache

from .cache import Store

# Longer than any first build's compiling takes (about a second on a slow machine); past it, the
# copy is stopped and this process compiles what it needs itself.
WAIT_SECONDS = 30

# (a function making the environment, the templates to compile in it: names, and every template
# they name; None: all of its templates). The function runs in the copy, not in the build.
Job = tuple[Callable[[], Environment], "Iterable[str] | None"]


def compiled_name(env: Environment, key: str, checksum: str) -> bytes:
    """The name the templates store keeps a template's compiled code under: Jinja's bytecode
    cache key (the template's name and file) and checksum (its source), and what in `env`
    shapes the code besides the source (`compiling_options`)."""
    return f"{key}\0{checksum}\0{compiling_options(env)}".encode()


def compiling_options(env: Environment) -> str:
    """What in an environment changes the code Jinja compiles from the same source: its syntax
    and white-space options, its extensions, whether it escapes, and how each filter and test is
    called (Jinja decides at compile time whether a filter is handed the context). A plugin that
    changes one of these after a template was compiled (the copy compiles the theme's templates
    before MkDocs' on_env) gets a template compiled again, not code made for another environment."""
    escaping = env.autoescape
    shown_escaping = f"{escaping.__module__}.{escaping.__qualname__}" if callable(escaping) else repr(escaping)
    options = [
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        str(env.line_statement_prefix),
        str(env.line_comment_prefix),
        str(env.trim_blocks),
        str(env.lstrip_blocks),
        str(env.keep_trailing_newline),
        env.newline_sequence,
        str(env.optimized),
        shown_escaping,
        ",".join(sorted(env.extensions)),
    ]
    for kind, functions in (("filter", env.filters), ("test", env.tests)):
        options += sorted(
            f"{kind}:{name}:{getattr(function, 'jinja_pass_arg', '')}" for name, function in functions.items()
        )
    return hashlib.blake2b("\0".join(options).encode(), digest_size=12).hexdigest()


_RECIPE = BytecodeCache()  # only for Jinja's recipes of the two parts


def can_fork() -> bool:
    """Only the main thread of a process with no other thread, as the system counts them (an
    engine's own threads are not Python's), on Linux, with two cores or more."""
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return False
    try:
        alone = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False
    return alone and len(os.sched_getaffinity(0)) >= 2


class TemplatesAhead:
    """Templates being compiled in a forked copy of this process, one job after the other;
    `collect` puts a finished job's templates in the store."""

    def __init__(self, pid: int, done: int, results: int, jobs: int):
        self.pid = pid
        self.done = done  # the copy writes a byte here for each job whose templates it has written
        self.results = results  # a file with no name: each job's templates, as a length and marshal data
        self.offset = 0
        self.jobs_left = jobs
        self.stopped = False
        atexit.register(self.stop)  # a build that ended before it needed a template

    @classmethod
    def start(cls, store: Store, jobs: list[Job]) -> TemplatesAhead | None:
        """The copy, compiling `jobs`, when the store keeps no compiled template and this
        process can fork; else None (the templates are compiled as they are needed)."""
        if store.kept or not jobs or not can_fork():
            return None
        opened: list[int] = []
        try:
            opened.append(results := _nameless_file())
            done_read, done_write = os.pipe()
            opened += [done_read, done_write]
            pid = _fork()
        except OSError:  # out of processes, files or memory: the build compiles as it goes
            for descriptor in opened:
                os.close(descriptor)
            return None
        if pid == 0:  # the copy
            try:
                _keep_only(done_write, results)
                for job in jobs:
                    data = marshal.dumps(_compile(job))
                    _write_all(results, len(data).to_bytes(8, "little") + data)
                    _write_all(done_write, b"1")
            finally:
                os._exit(0)
        os.close(done_write)
        return cls(pid, done_read, results, len(jobs))

    def collect(self, store: Store) -> bool:
        """Wait for the copy's next finished job and put its templates in `store`; False when
        nothing more will come (all jobs collected, or the copy failed: this process then
        compiles what it still needs)."""
        if self.stopped:
            return False
        try:
            ready, _, _ = select.select([self.done], [], [], WAIT_SECONDS)
            if not ready or os.read(self.done, 1) != b"1":
                return self.stop()
            size = int.from_bytes(os.pread(self.results, 8, self.offset), "little")
            data = os.pread(self.results, size, self.offset + 8)
            if len(data) != size:
                return self.stop()
            self.offset += 8 + size
            for name, code in marshal.loads(data).items():
                store.put(name, code)
        except (OSError, EOFError, ValueError, TypeError):
            return self.stop()
        self.jobs_left -= 1
        return self.jobs_left > 0 or self.stop()

    def stop(self) -> bool:
        """Stop and reap the copy, if it still runs, and close its files (once); False, as
        nothing more will come."""
        if self.stopped:
            return False
        self.stopped = True
        atexit.unregister(self.stop)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        for descriptor in (self.done, self.results):
            os.close(descriptor)
        return False


def _fork() -> int:
    """`os.fork()`, with the signals that stop a build held back until the copy has set its own,
    and no garbage collected in the copy: a finalizer or a `finally` of the build's objects must
    run in the build, once, not in the copy."""
    stopping = {signal.SIGINT, signal.SIGTERM}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid == 0:
        gc.disable()
        for stop in stopping:
            signal.signal(stop, signal.SIG_DFL)  # ends the copy at once, running nothing of the build's
    else:
        gc.unfreeze()
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pid


def _nameless_file() -> int:
    """A file open for reading and writing, with no name (nothing else can open or replace it)."""
    descriptor, path = tempfile.mkstemp(prefix="dpup-templates-")
    os.unlink(path)
    return descriptor


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _keep_only(*kept: int) -> None:
    """Close every file descriptor but `kept` (the copy's own), with the standard streams on
    /dev/null: an inherited pipe end held open here would keep its reader waiting."""
    for name in os.listdir("/proc/self/fd"):
        descriptor = int(name)
        if descriptor not in kept:
            try:
                os.close(descriptor)
            except OSError:
                pass  # the listing's own descriptor, closed already
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        if stream != null and stream not in kept:
            os.dup2(null, stream)


def _compile(job: Job) -> dict[bytes, bytes]:
    """A job's templates, compiled: {store name: compiled code, as Jinja's bytecode cache writes it}."""
    compiled: dict[bytes, bytes] = {}
    make_environment, names = job
    env = make_environment()
    loader = env.loader
    if loader is not None:
        queue = list(names) if names is not None else loader.list_templates()
        seen: set[str] = set()
        while queue:
            name = queue.pop()
            if name in seen or not name.endswith((".html", ".xml")):
                continue
            seen.add(name)
            try:
                source, filename, _ = loader.get_source(env, name)
                tree = env.parse(source, name, filename)
                code = env.compile(tree, name, filename)
            except Exception:  # left to the build, which reports it as usual
                continue
            if names is not None:
                queue.extend(found for found in meta.find_referenced_templates(tree) if found)
            cache_key, checksum = _RECIPE.get_cache_key(name, filename), _RECIPE.get_source_checksum(source)
            bucket = Bucket(env, cache_key, checksum)
            bucket.code = code
            compiled[compiled_name(env, cache_key, checksum)] = bucket.bytecode_to_string()
    return compiled
