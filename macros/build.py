"""What one build works from: its settings, its content (loaded and validated once) and its renderer.

MkDocs creates a new config object for every build (and every `mkdocs serve` rebuild), so each
of these is remembered against that object. `config` is read as a mapping only (the keys
`config_file_path`, `docs_dir`, `extra`, `site_url`, `use_directory_urls`), so the `check`
command can pass a plain dict.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from . import docs_pages, kinds, pages
from .loader import ContentErrors, Site
from .models import Publisher, Settings, site_name_problem, site_url_problem, text_setting_problem
from .render import Renderer
from .sitecache import cached_load_site
from .yamlfile import ContentProblem, excerpt


class Build:
    """One build's settings, site, generated pages and renderer, each made when first asked for.
    The engine adapter holds it (the MkDocs plugin, on its instance); the macros module finds the
    same one through `build_for`, since both are handed the same config object."""

    def __init__(self, config):
        self.config = config
        self.values: dict[str, object] = {}

    def remembered(self, name: str, make):
        if name not in self.values:
            self.values[name] = make()
        return self.values[name]


# The build of the config object seen last: an engine creates a new config for every build (and
# every `mkdocs serve` rebuild), so an older one is never asked for again.
_last: list[Build] = []


def build_for(config) -> Build:
    if not _last or _last[0].config is not config:
        _last[:] = [Build(config)]
    return _last[0]


def _remembered(config, name: str, make):
    return build_for(config).remembered(name, make)


def _config_file(config) -> Path:
    return Path(config.get("config_file_path") or "mkdocs.yml").resolve()


def _line_of(key: str, config_file: Path) -> tuple[str, int]:
    """Where `key:` is written in mkdocs.yml or a file it inherits from (best effort)."""
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


def _line_of_child(key: str, parent: str, config_file: Path) -> tuple[str, int]:
    """Where `key:` is written inside the `parent:` mapping (best effort: the parent's line)."""
    name, start = _line_of(parent, config_file)
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


def settings_for(config) -> Settings:
    """`extra.dpup`, validated: an unknown or mistyped setting is an error naming its line."""

    def make():
        raw = (config.get("extra") or {}).get("dpup") or {}
        config_file = _config_file(config)
        if not isinstance(raw, dict):
            name, line = _line_of("dpup", config_file)
            raise ContentErrors(
                [ContentProblem(name, line, "extra.dpup", "must be a mapping of settings (key: value)")]
            )
        # What reaches every page is checked with the settings, and fails the build the same way.
        problems = _page_setting_problems(config, config_file)
        try:
            settings = Settings.model_validate(raw)
        except ValidationError as error:
            allowed = sorted(Settings.model_fields)
            problems = []
            for detail in error.errors():
                key = str(detail["loc"][0]) if detail["loc"] else "dpup"
                name, line = _line_of(key, config_file)
                if detail["type"] == "extra_forbidden":
                    hint = difflib.get_close_matches(key, allowed, n=1)
                    suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                    message = f"unknown setting '{key}'{suggestion} (allowed: {', '.join(allowed)})"
                else:
                    message = f"{key}: {detail['msg']} (got {detail.get('input')!r})"
                problems.append(ContentProblem(name, line, "extra.dpup", message))
            raise ContentErrors(problems) from None
        if problems:
            raise ContentErrors(problems)
        return settings

    return _remembered(config, "settings", make)


def registry_for(config) -> kinds.Registry:
    """The kinds this build knows: the toolkit's, and the project's own (`extra.dpup.kinds`), each
    a Python file defining `KIND`, with its templates in a `templates/` folder beside it."""

    def make():
        registry = kinds.REGISTRY
        config_file = _config_file(config)
        for name in settings_for(config).kinds:
            path = (config_file.parent / name).resolve()
            spec = importlib.util.spec_from_file_location(f"dpup_kind_{path.stem}", path) if path.is_file() else None
            module = importlib.util.module_from_spec(spec) if spec and spec.loader else None
            if module is not None:
                spec.loader.exec_module(module)  # type: ignore[union-attr]
            kind = getattr(module, "KIND", None)
            if not isinstance(kind, kinds.Kind):
                file, line = _line_of("kinds", config_file)
                why = "does not define KIND = Kind(...)" if module else "is not a Python file"
                raise ContentErrors([ContentProblem(file, line, "extra.dpup", f"kinds: '{name}' {why}")])
            templates = path.parent / "templates"
            registry = registry.with_kind(kind, templates if templates.is_dir() else None)
        return registry

    return _remembered(config, "registry", make)


def _page_setting_problems(config, config_file: Path) -> list[ContentProblem]:
    """`extra.publisher` (every footer, the accessibility page), `site_url` (canonical links, the
    sitemap, the 404 page, QR codes) and the other settings the theme prints on every page
    unescaped: each problem as `mkdocs.yml:line: key: message`."""
    problems = []
    site_url = config.get("site_url") or ""
    problem = site_url_problem(site_url) if isinstance(site_url, str) else "must be text"
    if problem:
        name, line = _line_of("site_url", config_file)
        from_env = (
            " (from DPUP_SITE_URL)"
            if site_url and site_url.rstrip("/") == os.environ.get("DPUP_SITE_URL", "").rstrip("/")
            else ""
        )
        problems.append(ContentProblem(name, line, "site_url", f"'{excerpt(site_url, 60)}'{from_env} {problem}"))
    site_name = config.get("site_name")
    problem = site_name_problem(site_name) if isinstance(site_name, str) else None
    if problem:
        name, line = _line_of("site_name", config_file)
        problems.append(ContentProblem(name, line, "site_name", f"'{excerpt(site_name, 60)}' {problem}"))
    for key, check in (
        ("site_description", text_setting_problem),
        ("site_author", text_setting_problem),
        ("copyright", text_setting_problem),
        ("repo_url", lambda url: site_url_problem(url) and "must be an http or https address"),
    ):
        value = config.get(key)
        problem = check(value) if isinstance(value, str) else None
        if problem:
            name, line = _line_of(key, config_file)
            problems.append(ContentProblem(name, line, key, f"'{excerpt(value, 60)}' {problem}"))
    raw = (config.get("extra") or {}).get("publisher") or {}
    name, line = _line_of("publisher", config_file)
    if not isinstance(raw, dict):
        return [*problems, ContentProblem(name, line, "extra.publisher", "must be a mapping (name, contact, ...)")]
    try:
        Publisher.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors():
            key = ".".join(str(part) for part in detail["loc"]) or "publisher"
            name, line = _line_of_child(key, "publisher", config_file)
            got = detail.get("input")
            shown = f" (got '{excerpt(got, 60)}')" if isinstance(got, str) else ""
            if detail["type"] == "extra_forbidden":
                allowed = sorted(Publisher.model_fields)
                message = f"unknown key '{excerpt(key)}' (allowed: {', '.join(allowed)})"
            elif detail["type"] == "string_pattern_mismatch":
                message = (
                    f"{key} is shown as text on every page: leave out < > [ ] {{ }} ` * _ | \\ # "
                    f"and control characters{shown}"
                )
            else:
                message = f"{key}: {detail['msg'].removeprefix('Value error, ')}{shown}"
            problems.append(ContentProblem(name, line, "extra.publisher", message))
    return problems


def wants_offline_zip(config) -> bool:
    """`extra.dpup.offline_zip`, unless DPUP_OFFLINE_ZIP says otherwise for this build."""
    wanted = os.environ.get("DPUP_OFFLINE_ZIP", "").strip().lower()
    return settings_for(config).offline_zip if wanted == "" else wanted not in ("0", "false", "no")


def content_folders(config) -> tuple[Path, Path, Path]:
    """(project root, content folder, quiz folder), from mkdocs.yml `extra.dpup` or the environment.

    An agency can keep its own content elsewhere: DPUP_CONTENT_DIR and DPUP_QUIZ_DIR win over
    `extra.dpup.content_dir` / `quiz_dir`, which default to `content` and `quiz`.
    """
    root = _config_file(config).parent
    settings = settings_for(config)
    content = os.environ.get("DPUP_CONTENT_DIR") or settings.content_dir
    quiz = os.environ.get("DPUP_QUIZ_DIR") or settings.quiz_dir
    return root, (root / content).resolve(), (root / quiz).resolve()


def docs_folder(config) -> Path:
    return (_config_file(config).parent / (config.get("docs_dir") or "docs")).resolve()


def site_for(config) -> Site:
    """The validated site for this build; raises loader.ContentErrors listing every problem,
    including generated pages whose address a hand-written page (or another item) already has."""

    def make():
        root, content, quiz = content_folders(config)
        problems = []
        try:
            site: Site | None = cached_load_site(content, quiz, root, registry_for(config))
        except ContentErrors as errors:
            site, problems = None, list(errors.problems)
        # The hand-written pages are checked before any engine renders them, with the content.
        card_kinds = [kind.name for kind in registry_for(config) if kind.cards]
        problems += docs_pages.docs_problems(docs_folder(config), root, site, card_kinds, _template_syntax(config))
        if site is None:
            raise ContentErrors(problems)
        generated = pages.generated_pages(site)
        problems += pages.address_problems(site, generated, docs_folder(config))
        if problems:
            raise ContentErrors(problems)
        # Worked out once per build: the adapter's nav, files and page bodies all read this list.
        build_for(config).values["pages"] = {page.src: page for page in generated}
        return site

    return _remembered(config, "site", make)


def _template_syntax(config) -> dict:
    """The delimiters mkdocs-macros is set to use (`j2_block_start_string` and the like in its
    settings), so that the pages are checked as they will be read; {} for Jinja's own."""
    plugins = config.get("plugins")
    plugin = plugins.get("macros") if isinstance(plugins, Mapping) else None
    settings = getattr(plugin, "config", None) or {}
    return {
        key.removeprefix("j2_"): settings[key]
        for key in settings
        if key.startswith("j2_") and key.endswith("_string") and settings[key]
    }


def generated_pages_for(config) -> dict[str, pages.GeneratedPage]:
    """This build's generated pages, by source path (made by `site_for`, with the address checks)."""
    site_for(config)
    return build_for(config).values["pages"]  # type: ignore[return-value]


def renderer_for(config) -> Renderer:
    """The one renderer of this build, shared by the engine adapter and the page macros."""
    return _remembered(
        config,
        "renderer",
        lambda: Renderer(
            site_for(config),
            use_directory_urls=config.get("use_directory_urls", True),
            site_url=config.get("site_url") or "",
            # Set by `dpup-toolkit build --engine zensical` (macros/engines.py) for its macros.
            link_style="source" if os.environ.get("DPUP_LINK_STYLE") == "source" else "url",
        ),
    )
