"""What one build works from: its settings, its content (loaded and validated once) and its renderer.

MkDocs creates a new config object for every build (and every `mkdocs serve` rebuild), so each
of these is remembered against that object. `config` is read as a mapping only (the keys
`config_file_path`, `docs_dir`, `extra`, `site_url`, `use_directory_urls`), so the `check`
command can pass a plain dict.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from pydantic import ValidationError

from . import kinds, pages
from .loader import ContentErrors, Site, load_site
from .models import Settings
from .render import Renderer
from .yamlfile import ContentProblem


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
        try:
            return Settings.model_validate(raw)
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

    return _remembered(config, "settings", make)


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
        site = load_site(content, quiz, shown_relative_to=root, registry=kinds.REGISTRY)
        generated = pages.generated_pages(site)
        problems = pages.address_problems(site, generated, docs_folder(config))
        if problems:
            raise ContentErrors(problems)
        # Worked out once per build: the adapter's nav, files and page bodies all read this list.
        build_for(config).values["pages"] = {page.src: page for page in generated}
        return site

    return _remembered(config, "site", make)


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
