"""macros/compat.py patches private internals. These tests fail when an installed version leaves
the range a patch was written for, or when a patched thing changes shape: then read the patch
against the new version before widening TESTED."""

import inspect

import mkdocs.commands.build
import mkdocs.commands.serve
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from macros import compat


def test_every_patched_package_is_a_tested_version():
    assert {name: compat.installed(name) for name in compat.TESTED if not compat.tested(name)} == {}


def test_serve_runs_its_first_build_through_the_module_level_build():
    # wrap_first_serve_build replaces mkdocs.commands.serve.build for one call.
    assert mkdocs.commands.serve.build is mkdocs.commands.build.build
    source = inspect.getsource(mkdocs.commands.serve.serve)
    assert "build(config, serve_url=" in source
    assert source.index("builder(config)") < source.index("config.plugins.on_serve(")


def test_the_first_serve_build_is_wrapped_once_then_restored():
    real = mkdocs.commands.serve.build
    calls = []
    try:
        assert compat.wrap_first_serve_build(lambda build, config: calls.append(config))
        mkdocs.commands.serve.build("a config")
        assert calls == ["a config"]
        assert mkdocs.commands.serve.build is real
    finally:
        mkdocs.commands.serve.build = real


def test_the_polling_interval_is_the_observers_private_timeout():
    observer = PollingObserver(timeout=0.5)
    assert observer._timeout == 0.5 and observer.timeout == 0.5
    observer._timeout = 0.1
    assert observer.timeout == 0.1  # emitters scheduled from now on poll at the new interval


def test_a_polled_server_rewatches_the_given_paths(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        assert compat.poll_every(server, 0.1, [str(tmp_path), str(tmp_path / "not-watched")])
        assert server.observer.timeout == 0.1
        assert server._watched_paths == {str(tmp_path): 1}
    finally:
        server.server_close()


def test_git_info_is_a_function_of_nothing_in_mkdocs_macros_context():
    from mkdocs_macros import context

    assert callable(context.get_git_info)
    assert all(
        parameter.default is not inspect.Parameter.empty
        for parameter in inspect.signature(inspect.unwrap(context.get_git_info)).parameters.values()
    )
    source = inspect.getsource(context)
    assert "env.variables['git'] = get_git_info()" in source  # looked up by name at each build


def test_git_info_is_asked_in_a_thread_and_handed_to_mkdocs_macros_once(monkeypatch):
    import threading

    from mkdocs_macros import context

    asked = []

    def get_git_info():
        asked.append(threading.current_thread().name)
        return {"status": True, "short_commit": "abc1234"}

    monkeypatch.setattr(context, "get_git_info", get_git_info)
    assert compat.prefetch_git_info()
    assert context.get_git_info() == {"status": True, "short_commit": "abc1234"}
    assert asked == ["dpup-git-info"]
    assert context.get_git_info is get_git_info  # the next build asks again, as mkdocs-macros does


def test_git_info_is_asked_again_when_the_thread_failed(monkeypatch):
    from mkdocs_macros import context

    answers = iter([RuntimeError("git broke"), {"status": False}])

    def get_git_info():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(context, "get_git_info", get_git_info)
    monkeypatch.setattr("threading.excepthook", lambda args: None)
    assert compat.prefetch_git_info()
    assert context.get_git_info() == {"status": False}


def test_git_info_is_not_asked_ahead_when_serving_asks_once(monkeypatch):
    from mkdocs_macros import context

    monkeypatch.setattr(context, "get_git_info", context.get_git_info)
    assert compat.cache_git_info()
    assert not compat.prefetch_git_info()


# --- Jinja's sandbox behind the page check (issue 28) -----------------------------------------------

PAYLOAD = "{{ lipsum.__globals__.os.system('touch %s') }}"


def test_mkdocs_macros_builds_its_environment_from_its_module_level_name():
    from mkdocs_macros import plugin

    assert "self._env = Environment(**env_config)" in inspect.getsource(plugin.MacrosPlugin.on_config)
    # The page macros (define_env, where the sandbox is put in) are loaded before it is built.
    source = inspect.getsource(plugin.MacrosPlugin.on_config)
    assert source.index("self._load_modules()") < source.index("Environment(**env_config)")


def test_mkdocs_macros_renders_in_the_sandbox_once_the_macros_module_is_loaded(tmp_path):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment, SecurityError
    from mkdocs_macros import plugin

    marker = tmp_path / "marker"
    try:
        assert compat.sandbox_macros()
        assert issubclass(plugin.Environment, SandboxedEnvironment)
        template = plugin.Environment().from_string(PAYLOAD % marker)
        try:
            template.render()
        except SecurityError:
            pass
        assert not marker.exists()
    finally:
        plugin.Environment = jinja2.Environment
    # Control: Jinja's own environment runs the same payload.
    jinja2.Environment().from_string(PAYLOAD % marker).render()
    assert marker.exists()


def test_zensical_builds_its_environment_through_its_jinja2_name_per_page(tmp_path):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    from zensical.extensions import macros as extension

    source = inspect.getsource(extension.MacrosPreprocessor.run)
    assert "env = jinja2.Environment(**env_kw)" in source
    real = extension.jinja2
    try:
        assert compat.sandbox_zensical()
        assert issubclass(extension.jinja2.Environment, SandboxedEnvironment)
        assert extension.jinja2.StrictUndefined is jinja2.StrictUndefined  # everything else as it was
        marker = tmp_path / "marker"
        output = extension.jinja2.Environment().from_string(PAYLOAD % marker)
        try:
            output.render()
        except Exception:  # SecurityError, or an undefined value: either way nothing ran
            pass
        assert not marker.exists()
        assert jinja2.Environment is not extension.jinja2.Environment  # the toolkit's own are unchanged
    finally:
        extension.jinja2 = real


def test_an_error_in_a_zensical_page_is_raised_again_with_the_page_and_line():
    from zensical.extensions import macros as extension

    real = extension.MacrosPreprocessor.run
    try:
        assert compat.name_zensical_page_errors()
        assert extension.MacrosPreprocessor.run is not real and compat.name_zensical_page_errors()
    finally:
        extension.MacrosPreprocessor.run = real
    assert "ContextPreprocessor.from_markdown(self.md)" in inspect.getsource(real)


def test_a_request_answered_404_while_a_strict_build_runs_is_not_counted_as_its_warning():
    """mkdocs serve's request log (a WARNING for any answer but 200) reached the strict build's
    counter: a page asked for mid-build stopped the build with '"GET ..." code 404' as its error."""
    import logging

    from mkdocs import livereload, utils

    class Request:  # what livereload's handler reads from itself to log a request
        requestline = "GET /tools/check-your-actions/ HTTP/1.1"

    counter, shown = utils.CountHandler(), []
    counter.setLevel(logging.WARNING)
    show = logging.Handler(logging.INFO)
    show.emit = lambda record: shown.append((record.levelname, record.getMessage()))  # type: ignore[method-assign]
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(counter), mkdocs_log.addHandler(show)
    level, mkdocs_log.level = mkdocs_log.level, logging.INFO
    try:
        livereload._Handler.log_request(Request(), 404)
        assert counter.get_counts() == [("WARNING", 1)]  # as MkDocs has it
        assert compat.requests_are_not_build_warnings() and compat.requests_are_not_build_warnings()
        livereload._Handler.log_request(Request(), 404)
        logging.getLogger("mkdocs.plugins.dpup").warning("a warning of the build itself")
        assert counter.get_counts() == [("WARNING", 2)]  # the build's own warning still counts
        assert shown[1][0] == "INFO" and shown[1][1].endswith('"GET /tools/check-your-actions/ HTTP/1.1" code 404')
    finally:
        mkdocs_log.removeHandler(counter), mkdocs_log.removeHandler(show)
        mkdocs_log.level = level
        livereload_log = logging.getLogger("mkdocs.livereload")
        for found in list(livereload_log.filters):
            livereload_log.removeFilter(found)
