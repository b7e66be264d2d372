"""Before the engine, for an engine that runs no plugin (Zensical): the project's own code writes
what the engine should publish besides docs/ into a git-ignored staging folder, `.dpup/`:

- `.dpup/docs/`: a copy of docs/, plus every generated page as a Markdown file (front matter and
  the HTML body the toolkit renders, as raw HTML blocks with `render_macros: false`), the
  toolkit's assets and the workshop packs;
- `.dpup/mkdocs.yml`: the site's config (its INHERIT merged in) with the nav, styles and scripts
  the MkDocs plugin would add, and docs_dir and site_dir inside `.dpup/`, as Zensical wants them.

Links in generated pages are written relative to the source file, to `.md` targets: Zensical
re-bases links in raw HTML as it does Markdown links (MkDocs leaves raw HTML alone, so its
pages keep links relative to the page's address; `Renderer(link_style=...)`). No engine imports.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import assets, word
from .build import docs_folder, generated_pages_for, settings_for, site_for
from .pack import build_pack
from .pages import pack_src
from .render import Renderer

STAGE = ".dpup"


def generated_nav(config) -> list:
    """The config's nav with every generated page after its section's `index.md`. Past the
    nav limit a section's items are listed on its index page only: every page carries the whole
    sidebar, so a section with hundreds of items would make each page grow with the site."""
    by_folder: dict[str, list] = {}
    for page in generated_pages_for(config).values():
        if page.in_nav:
            by_folder.setdefault(page.src.rsplit("/", 1)[0], []).append({page.nav_title: page.src})
    limit = settings_for(config).nav_limit
    by_folder = {folder: entries for folder, entries in by_folder.items() if len(entries) <= limit}
    nav = config.get("nav") or []
    _insert_generated(nav, by_folder)
    return nav


def _insert_generated(nav: list, by_folder: dict[str, list]) -> None:
    """After each `folder/index.md` entry in the nav, add that folder's generated pages."""
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        for children in entry.values():
            if not isinstance(children, list):
                continue
            _insert_generated(children, by_folder)
            for position, child in enumerate(list(children)):
                target = (
                    child if isinstance(child, str) else next(iter(child.values())) if isinstance(child, dict) else None
                )
                if isinstance(target, str) and target.endswith("/index.md"):
                    folder = target.removesuffix("/index.md")
                    children[position + 1 : position + 1] = by_folder.pop(folder, [])


def generated_files(config) -> Iterator[tuple[str, str | bytes]]:
    """The files the toolkit publishes besides pages, as (docs-relative path, content): its
    assets, each tool as a Word document and each quiz's workshop pack. Both adapters publish this one list (the MkDocs plugin
    in on_files, `write_stage` for Zensical): a new generated download goes here."""
    site = site_for(config)
    for name in assets.ALL_FILES:
        yield assets.site_path(name), assets.compact(name)
    site_url, directory_urls = config.get("site_url") or "", config.get("use_directory_urls", True)
    yield from word.documents(site).items()
    for item in (item for kind in site.registry if kind.pack_file for item in site.items(kind.name)):
        yield pack_src(site, item), build_pack(site, item.id, config["site_name"], site_url, directory_urls)


def write_stage(config, raw: dict) -> Path:
    """Write `.dpup/` beside the config file; returns the generated config's path. `config` is
    the site's config as the build reads it, `raw` the same file as data (INHERIT merged): the
    generated config is `raw` with the toolkit's nav, assets and folders, standing on its own
    (Zensical's INHERIT appends lists, which would repeat the nav)."""
    root = Path(config["config_file_path"]).resolve().parent
    stage = root / STAGE
    docs = stage / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(docs_folder(config), docs)
    (stage / ".gitignore").write_text("*\n", encoding="utf-8")
    site = site_for(config)
    renderer = Renderer(site, use_directory_urls=True, site_url=config.get("site_url") or "", link_style="source")
    for page in generated_pages_for(config).values():
        body = renderer.generated_page(page)
        write(docs / page.src, page.front_matter + "\n" + Renderer.raw_block(body))
    for path, content in generated_files(config):
        write(docs / path, content)
    extra_css = [assets.site_path(name) for name in assets.STYLES] + [str(css) for css in config.get("extra_css") or []]
    extra_js = [assets.site_path(name) for name in assets.SCRIPTS] + [
        str(getattr(script, "path", script)) for script in config.get("extra_javascript") or []
    ]
    generated = {
        **raw,
        "docs_dir": "docs",
        "site_dir": "site",
        "nav": generated_nav(config),
        # The site's own theme folder, else the toolkit's (Zensical takes one), and Zensical's
        # look of Material for MkDocs, which the toolkit's styles and checks were made for.
        "theme": {"variant": "classic", **(raw.get("theme") or {}), "custom_dir": str(_custom_dir(config))},
        "extra_css": extra_css,
        "extra_javascript": extra_js,
    }
    target = stage / "mkdocs.yml"
    # JSON is YAML: every title quoted and escaped, whatever it holds.
    target.write_text(
        "# Generated by macros/stage.py for each build; do not edit.\n"
        + json.dumps(generated, indent=1, ensure_ascii=False, default=str)
        + "\n",
        encoding="utf-8",
    )
    return target


def _custom_dir(config) -> Path:
    theme = config.get("theme")
    custom = getattr(theme, "custom_dir", None) or (theme.get("custom_dir") if isinstance(theme, dict) else None)
    return Path(custom) if custom else Path(__file__).resolve().parent.parent / "overrides"


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
