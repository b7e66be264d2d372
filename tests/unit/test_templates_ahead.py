"""The first build's templates compiled in a forked copy of the build (macros/templates_ahead.py).

Each case runs in a fresh Python process: the copy is forked only from a process with one
thread, and pytest's workers have more."""

import json
import subprocess
import sys
import textwrap

from conftest import ROOT

PRELUDE = """
import json, sys, threading
from jinja2 import environment
from macros import render, templates_ahead
from macros.cache import Cache

compiled_here = []
real_compile = environment.Environment.compile
def counting_compile(self, source, name=None, *args, **kwargs):
    compiled_here.append(name)
    return real_compile(self, source, name, *args, **kwargs)
environment.Environment.compile = counting_compile
"""


def run(script: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_copy_compiles_the_toolkits_templates_and_they_render_the_same():
    found = run(
        """
        names = sorted(n for n in render.compile_environment(()).loader.list_templates() if n.endswith(".html"))
        store = Cache.off().store("templates")
        ahead = templates_ahead.TemplatesAhead.start(store, [(lambda: render.compile_environment(()), None)])
        assert ahead is not None, "not forked"
        store.expect(ahead.collect)
        fast = render._environment((), Cache.off())
        fast.bytecode_cache.store = store
        before = len(compiled_here)
        for name in names:
            fast.get_template(name)
        from_copy = len(compiled_here) - before
        slow = render._environment((), Cache.off())
        def code(env, name):
            return env.get_template(name).root_render_func.__code__.co_code
        same = all(code(fast, name) == code(slow, name) for name in names)
        print(json.dumps({"templates": len(names), "compiled_here": from_copy, "same": same}))
        """
    )
    assert found["templates"] > 20
    assert found["compiled_here"] == 0  # every one came from the copy
    assert found["same"]


def test_a_second_thread_means_no_copy():
    found = run(
        """
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        store = Cache.off().store("templates")
        ahead = templates_ahead.TemplatesAhead.start(store, [(lambda: render.compile_environment(()), None)])
        stop.set()
        thread.join()
        print(json.dumps({"forked": ahead is not None}))
        """
    )
    assert found == {"forked": False}


def test_kept_templates_mean_no_copy(tmp_path):
    found = run(
        f"""
        from pathlib import Path
        cache = Cache.of_project(Path({str(tmp_path)!r}), True, {{}})
        env = render._environment((), cache)
        env.get_template("cards.html")
        cache.save()
        again = Cache.of_project(Path({str(tmp_path)!r}), True, {{}})
        ahead = templates_ahead.TemplatesAhead.start(again.store("templates"), [(lambda: render.compile_environment(()), None)])
        print(json.dumps({{"forked": ahead is not None}}))
        """
    )
    assert found == {"forked": False}


def test_a_copy_that_fails_leaves_the_compiling_to_the_build():
    found = run(
        """
        class Broken:
            def list_templates(self):
                raise RuntimeError("no templates")
        env = render.compile_environment(())
        env.loader = Broken()
        store = Cache.off().store("templates")
        ahead = templates_ahead.TemplatesAhead.start(store, [(lambda: env, None)])
        more = ahead.collect(store)
        print(json.dumps({"more": more, "kept": len(store.used)}))
        """
    )
    assert found == {"more": False, "kept": 0}


def test_the_builds_own_objects_are_finalized_in_the_build_never_in_the_copy(tmp_path):
    # A finalizer (or a generator's `finally`) of an object the build has let go of, not yet
    # collected, must run once, in the build: the copy collects nothing of what it was given.
    log = tmp_path / "finalized"
    found = run(
        f"""
        import gc, os
        gc.disable()
        class Cycle:
            def __init__(self):
                self.me = self
            def __del__(self):
                with open({str(log)!r}, "a") as out:
                    out.write(f"{{os.getpid()}}\\n")
        for _ in range(50):
            Cycle()
        gc.enable()
        store = Cache.off().store("templates")
        ahead = templates_ahead.TemplatesAhead.start(store, [(lambda: render.compile_environment(()), None)])
        assert ahead is not None, "not forked"
        copy = ahead.pid
        ahead.collect(store)
        gc.collect()
        print(json.dumps({{"copy": copy, "build": os.getpid()}}))
        """
    )
    finalized_in = set(log.read_text(encoding="utf-8").split())
    assert finalized_in == {str(found["build"])}


def test_code_compiled_for_another_environment_is_never_used(tmp_path):
    # The copy compiles the theme's templates before MkDocs' on_env, where a plugin may hand a
    # filter the context: such code, kept under the same template and source, would call the
    # filter wrongly. The store names compiled code by the environment's options too.
    from jinja2 import DictLoader, Environment, pass_context

    from macros.cache import Cache
    from macros.render import CompiledTemplates

    cache = Cache.off()
    templates = {"page.html": "{{ 'x' | shout }}"}
    plain = Environment(loader=DictLoader(templates), bytecode_cache=CompiledTemplates(cache))
    plain.filters["shout"] = lambda value: value.upper()
    assert plain.get_template("page.html").render() == "X"

    changed = Environment(loader=DictLoader(templates), bytecode_cache=CompiledTemplates(cache))
    changed.filters["shout"] = pass_context(lambda context, value: value.upper() + "!")
    assert changed.get_template("page.html").render() == "X!"
