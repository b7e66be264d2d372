"""One build's context: its config, settings, kinds, content (loaded and validated once),
generated pages and renderer.

The engine adapter makes it once per build with `create_context` (the MkDocs plugin in
on_config, on its instance; `engines.py` for Zensical) and hands it, or the part a step needs, to
every step after. Nothing here remembers a build: every function takes what it reads.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import docs_pages, kinds, markup, pages, project_kinds, word
from .cache import ENVIRONMENT_VALUES as CACHE_VALUES
from .cache import Cache
from .folders import entry_problem, published_folder_problems
from .loader import Site, load_site, yaml_files
from .models import Publisher, Settings, site_name_problem, site_url_problem, text_setting_problem
from .pages import GeneratedPage
from .render import Renderer, compile_environment
from .siteconfig import SiteConfig, line_of, line_of_child
from .templates_ahead import Job, TemplatesAhead
from .yamlfile import ContentErrors, ContentProblem, excerpt


@dataclass(frozen=True)
class Folders:
    """Where the project's parts are: its root (the config file's folder), content/, quiz/ and docs/."""

    root: Path
    content: Path
    quiz: Path
    docs: Path


@dataclass
class BuildContext:
    """Everything one build works from, made once by the engine adapter and passed down."""

    config: SiteConfig
    settings: Settings
    registry: kinds.Registry
    folders: Folders
    site: Site
    # This build's generated pages, by source path (checked for clashing addresses).
    pages: dict[str, GeneratedPage]
    renderer: Renderer
    # Every tool's Word document, by its path in the site: made when first asked for (the page
    # macros in Zensical's process never ask), then kept.
    documents: Callable[[], dict[str, bytes]]
    # Whether this build makes the offline zip (`extra.dpup.offline_zip`, or DPUP_OFFLINE_ZIP).
    offline_zip: bool
    # What earlier builds of this project made (macros/cache.py); saved when the build ends.
    cache: Cache


def create_context(
    config: SiteConfig,
    link_style: str = "url",
    environ: Mapping[str, str] | None = None,
    compile_ahead: Sequence[Job] | None = None,
) -> BuildContext:
    """Read the settings, load and check the content and the hand-written pages, and work out
    the generated pages; raises ContentErrors listing every problem. `link_style` is how the
    renderer writes links (`Renderer`): "url" for MkDocs, "source" for Zensical. `environ` is
    the build's environment (DPUP_CONTENT_DIR, DPUP_OFFLINE_ZIP...), this process's by default.
    `compile_ahead`, from an adapter about to render the site: on a first build, its templates
    (the engine's theme) and the toolkit's are compiled while the content loads
    (macros/templates_ahead.py); None for a caller that renders nothing, or in an engine's process."""
    environ = os.environ if environ is None else environ
    settings = read_settings(config, environ)
    registry = load_registry(config, settings)
    folders = project_folders(config, settings, environ)
    cache = Cache.of_project(config.root, settings.cache, environ)
    ahead = None
    if compile_ahead is not None:
        templates = cache.store("templates")
        toolkit: Job = (functools.partial(compile_environment, tuple(registry.template_dirs)), None)
        ahead = TemplatesAhead.start(templates, [toolkit, *compile_ahead])
        if ahead is not None:
            templates.expect(ahead.collect)
    try:
        return _loaded_context(config, settings, registry, folders, cache, link_style, environ)
    except BaseException:
        if ahead is not None:
            ahead.stop()  # a build with problems renders nothing
        raise


def _loaded_context(
    config: SiteConfig,
    settings: Settings,
    registry: kinds.Registry,
    folders: Folders,
    cache: Cache,
    link_style: str,
    environ: Mapping[str, str],
) -> BuildContext:
    """The context, once the settings are read: the content loaded and checked, the renderer made."""
    site, generated = load_checked_site(config, registry, folders, cache)
    documents = functools.cache(functools.partial(word.documents, site, word.publisher_name(config), cache))
    return BuildContext(
        config=config,
        settings=settings,
        registry=registry,
        folders=folders,
        site=site,
        pages={page.src: page for page in generated},
        renderer=Renderer(
            site,
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url if isinstance(config.site_url, str) else "",
            link_style=link_style,
            documents=documents,
            cache=cache,
        ),
        documents=documents,
        offline_zip=wants_offline_zip(settings, environ),
        cache=cache,
    )


def read_settings(config: SiteConfig, environ: Mapping[str, str] = os.environ) -> Settings:
    """`extra.dpup`, validated: an unknown or mistyped setting is an error naming its line."""
    raw = config.extra.get("dpup") or {}
    config_file = config.config_file
    if not isinstance(raw, dict):
        name, line = line_of("dpup", config_file)
        raise ContentErrors([ContentProblem(name, line, "extra.dpup", "must be a mapping of settings (key: value)")])
    # What reaches every page is checked with the settings, and fails the build the same way.
    problems = _page_setting_problems(config, environ) + _environment_problems(config, environ)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        allowed = sorted(Settings.model_fields)
        problems = []
        for detail in error.errors():
            key = str(detail["loc"][0]) if detail["loc"] else "dpup"
            name, line = line_of(key, config_file)
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


def load_registry(config: SiteConfig, settings: Settings) -> kinds.Registry:
    """The kinds this build knows: the toolkit's, and the project's own (`extra.dpup.kinds`), each
    a Python file inside the project defining `KIND` (macros/project_kinds.py)."""
    if not settings.kinds:
        return kinds.REGISTRY
    where = line_of("kinds", config.config_file)
    return project_kinds.with_project_kinds(kinds.REGISTRY, settings.kinds, config.config_file, where)


def _page_setting_problems(config: SiteConfig, environ: Mapping[str, str]) -> list[ContentProblem]:
    """`extra.publisher` (every footer, the accessibility page), `site_url` (canonical links, the
    sitemap, the 404 page, QR codes) and the other settings the theme prints on every page
    unescaped: each problem as `mkdocs.yml:line: key: message`."""
    return [*_site_url_problems(config, environ), *_site_text_problems(config), *_publisher_problems(config)]


def _site_url_problems(config: SiteConfig, environ: Mapping[str, str]) -> list[ContentProblem]:
    site_url = config.site_url or ""
    problem = site_url_problem(site_url) if isinstance(site_url, str) else "must be text"
    if not problem:
        return []
    name, line = line_of("site_url", config.config_file)
    from_env = (
        " (from DPUP_SITE_URL)"
        if site_url and site_url.rstrip("/") == environ.get("DPUP_SITE_URL", "").rstrip("/")
        else ""
    )
    return [ContentProblem(name, line, "site_url", f"'{excerpt(site_url, 60)}'{from_env} {problem}")]


def _site_text_problems(config: SiteConfig) -> list[ContentProblem]:
    """site_name, site_description, site_author, copyright and repo_url."""
    checks: list[tuple[str, object, Callable[[str], str | None]]] = [("site_name", config.site_name, site_name_problem)]
    checks += [
        (key, config.page_texts.get(key), check)
        for key, check in (
            ("site_description", text_setting_problem),
            ("site_author", text_setting_problem),
            ("copyright", text_setting_problem),
            ("repo_url", lambda url: site_url_problem(url) and "must be an http or https address"),
        )
    ]
    problems = []
    for key, value, check in checks:
        problem = check(value) if isinstance(value, str) else None
        if problem:
            name, line = line_of(key, config.config_file)
            problems.append(ContentProblem(name, line, key, f"'{excerpt(value, 60)}' {problem}"))
    return problems


def _publisher_problems(config: SiteConfig) -> list[ContentProblem]:
    """`extra.publisher`: a mapping the Publisher model reads, each problem on its key's line."""
    raw = config.extra.get("publisher") or {}
    if not isinstance(raw, dict):
        name, line = line_of("publisher", config.config_file)
        return [ContentProblem(name, line, "extra.publisher", "must be a mapping (name, contact, ...)")]
    try:
        Publisher.model_validate(raw)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            key = ".".join(str(part) for part in detail["loc"]) or "publisher"
            name, line = line_of_child(key, "publisher", config.config_file)
            problems.append(ContentProblem(name, line, "extra.publisher", _publisher_message(key, detail)))
        return problems
    return []


def _publisher_message(key: str, detail) -> str:
    got = detail.get("input")
    shown = f" (got '{excerpt(got, 60)}')" if isinstance(got, str) else ""
    if detail["type"] == "extra_forbidden":
        return f"unknown key '{excerpt(key)}' (allowed: {', '.join(sorted(Publisher.model_fields))})"
    if detail["type"] == "string_pattern_mismatch":
        return (
            f"{key} is shown as text on every page: leave out < > [ ] {{ }} ` * _ | \\ # and control characters{shown}"
        )
    return f"{key}: {detail['msg'].removeprefix('Value error, ')}{shown}"


# DPUP_OFFLINE_ZIP, for one build: 1 makes the offline zip, 0 leaves it out; unset, the setting
# decides. Any other value is refused (checked with the settings), never guessed at.
OFFLINE_ZIP_VALUES = {"0": False, "1": True}


def wants_offline_zip(settings: Settings, environ: Mapping[str, str]) -> bool:
    """`extra.dpup.offline_zip`, unless DPUP_OFFLINE_ZIP says otherwise for this build."""
    wanted = environ.get("DPUP_OFFLINE_ZIP", "").strip()
    return settings.offline_zip if wanted == "" else OFFLINE_ZIP_VALUES[wanted]


def _environment_problems(config: SiteConfig, environ: Mapping[str, str]) -> list[ContentProblem]:
    problems = []
    name, line = line_of("dpup", config.config_file)
    for variable, allowed, meaning, setting in (
        ("DPUP_OFFLINE_ZIP", OFFLINE_ZIP_VALUES, "1 (make the offline zip) or 0 (leave it out)", "offline_zip"),
        ("DPUP_CACHE", CACHE_VALUES, "1 (use the build cache) or 0 (leave it alone)", "cache"),
    ):
        wanted = environ.get(variable, "").strip()
        if wanted != "" and wanted not in allowed:
            message = f"'{excerpt(wanted)}' is not one of {meaning}; unset it to follow extra.dpup.{setting}"
            problems.append(ContentProblem(name, line, variable, message))
    return problems


def project_folders(config: SiteConfig, settings: Settings, environ: Mapping[str, str] = os.environ) -> Folders:
    """The project's folders, from mkdocs.yml `extra.dpup` or the environment.

    An agency can keep its own content elsewhere: DPUP_CONTENT_DIR and DPUP_QUIZ_DIR win over
    `extra.dpup.content_dir` / `quiz_dir`, which default to `content` and `quiz`.
    """
    root = config.root
    content = environ.get("DPUP_CONTENT_DIR") or settings.content_dir
    quiz = environ.get("DPUP_QUIZ_DIR") or settings.quiz_dir
    return Folders(root, (root / content).resolve(), (root / quiz).resolve(), config.docs_dir)


def load_checked_site(
    config: SiteConfig, registry: kinds.Registry, folders: Folders, cache: Cache | None = None
) -> tuple[Site, list[pages.GeneratedPage]]:
    """The validated site and its generated pages; raises ContentErrors listing every problem,
    including generated pages whose address a hand-written page (or another item) already has."""
    problems = []
    try:
        site: Site | None = cached_load_site(folders, registry, cache or Cache.off())
    except ContentErrors as errors:
        site, problems = None, list(errors.problems)
    # The hand-written pages are checked before any engine renders them, with the content.
    card_kinds = [kind.name for kind in registry if kind.cards]
    # The settings a page may read are passed so that one that is not set is named with the page.
    settings = {"site_name": config.site_name, "extra": config.extra}
    problems += docs_pages.docs_problems(
        folders.docs, folders.root, site, card_kinds, dict(config.template_syntax), settings
    )
    # Every folder the engine reads or publishes besides those (the theme's, the kinds' templates).
    problems += published_folder_problems(config, registry)
    if site is None:
        raise ContentErrors(problems)
    generated = pages.generated_pages(site, folders.docs)
    problems += pages.address_problems(site, generated, folders.docs)
    if problems:
        raise ContentErrors(problems)
    return site, generated


# --- the loaded content, kept between builds ---------------------------------------------------------


def _field(digest, data: bytes) -> None:
    digest.update(len(data).to_bytes(8, "little"))
    digest.update(data)


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def content_inputs(folders: Folders) -> bytes:
    """What the loaded content depends on besides the code: every file the loader would look at
    (the same walk, `loader.yaml_files`), its path as messages show it, where it leads (links)
    and its bytes. Raises OSError when a file cannot be read (the loader then says why)."""
    digest = hashlib.blake2b(digest_size=20)
    base = folders.root
    resolved_base = base.resolve()
    for folder, root in (("content", folders.content), ("quiz", folders.quiz)):
        _field(digest, f"{folder}:{_shown(root, base)}:{root.is_dir()}".encode())
        if not root.is_dir():
            continue
        _field(digest, _shown(root.resolve(), resolved_base).encode())
        for path in yaml_files(root):
            # Where a path leads decides whether the loader reads it (a link out of the project is refused).
            _field(digest, f"{_shown(path, base)}>{_shown(path.resolve(), resolved_base)}".encode())
            # Read only what the loader would read: a link out of the project, or to /dev/zero, is
            # refused there without reading it (and such content is never kept).
            readable = path.is_file() and entry_problem(path, (root.resolve(), resolved_base), folder) is None
            _field(digest, path.read_bytes() if readable else b"\0not read")
    return digest.digest()


def cached_load_site(folders: Folders, registry: kinds.Registry, cache: Cache) -> Site:
    """`loader.load_site`, from the cache when the same content was loaded before (reading and
    validating every file was a fifth of a warm build). Only a site that loaded without a
    problem is kept: content with problems is read again, and every problem reported, every time.
    A project's own kinds are Python files outside the toolkit: such a site is loaded every time."""
    if not cache.enabled or registry is not kinds.REGISTRY:
        return load_site(folders.content, folders.quiz, folders.root, registry)
    try:
        inputs: bytes | None = content_inputs(folders)
    except OSError:
        inputs = None
    store = cache.store("content")
    kept = store.find(inputs) if inputs is not None else None
    if kept is not None:
        lists, site_data, index, backlinks, converted = kept
        markup.remember(converted)
        return Site(folders.content, folders.quiz, lists, site_data, index, backlinks, registry)
    with markup.recording() as converted:  # the loader converts every Markdown field to check its links
        site = load_site(folders.content, folders.quiz, folders.root, registry)
    try:
        # A file saved while the loader read it (an editor saving twice, a checkout) would file what
        # was loaded under the other bytes' name, and could hide their problems later: keep it only
        # if the files are as they were when the name was taken.
        unchanged = inputs is not None and content_inputs(folders) == inputs
    except OSError:
        unchanged = False
    if inputs is not None and unchanged:
        store.put(inputs, (site.lists, site.site_data, site.index, site.backlinks, converted))
    return site
