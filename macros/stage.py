"""Before the engine, for an engine that runs no plugin (Zensical): the project's own code writes
what the engine should publish besides docs/ into a git-ignored staging folder, `.dpup/`:

- `.dpup/docs/`: a copy of docs/, plus every generated page as a Markdown file (front matter and
  the HTML body the toolkit renders, as raw HTML blocks with `render_macros: false`), the
  toolkit's assets and the workshop packs;
- `.dpup/mkdocs.yml`: the site's config (its INHERIT merged in, its tags kept) with the nav,
  styles and scripts the MkDocs plugin would add, and docs_dir and site_dir inside `.dpup/`, as
  Zensical wants them. Its `extra.dpup_stage` is the one thing Zensical's process (where the page
  macros run) learns from the toolkit: the site's own config file, to make its build context from.

Links in generated pages are written relative to the source file, to `.md` targets: Zensical
re-bases links in raw HTML as it does Markdown links (MkDocs leaves raw HTML alone, so its
pages keep links relative to the page's address; `Renderer(link_style=...)`). No engine imports.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import assets
from .build import BuildContext
from .pack import build_pack
from .pages import pack_files, sections
from .siteconfig import SiteConfig, dump_config

STAGE = ".dpup"
# The key of `extra` in the staged config that names the site's own config file (see above).
STAGE_KEY = "dpup_stage"


def generated_nav(context: BuildContext, nav: list) -> list:
    """The config's nav with every generated page after its section's `index.md`, and, at the
    end, each section of generated pages the nav does not list (its title from the registry,
    `Kind.section`). Past the nav limit a section's items are listed on its index page only:
    every page carries the whole sidebar, so a section with hundreds of items would make each
    page grow with the site. `nav` is changed in place (MkDocs reads its own config's list); an
    empty nav is left to the engine, which lists every page."""
    if not nav:
        return nav
    by_folder: dict[str, list] = {folder: [] for folder in sections(context.site)}
    for page in context.pages.values():
        if page.in_nav and page.item_id is not None:
            by_folder.setdefault(page.src.rsplit("/", 1)[0], []).append({page.nav_title: page.src})
    limit = context.settings.nav_limit
    by_folder = {folder: entries if len(entries) <= limit else [] for folder, entries in by_folder.items()}
    listed = set(_pages_in(nav))
    _insert_generated(nav, by_folder)
    for folder, (title, _) in sections(context.site).items():
        if f"{folder}/index.md" not in listed:
            nav.append({title: [f"{folder}/index.md", *by_folder[folder]]})
    return nav


def _pages_in(nav) -> Iterator[str]:
    """Every page a nav lists, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from _pages_in(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages_in(value)


def _insert_generated(nav: list, by_folder: dict[str, list]) -> None:
    """After each `folder/index.md` entry in the nav, add that folder's generated pages (each
    folder found is taken out of `by_folder`)."""
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


def generated_files(context: BuildContext) -> Iterator[tuple[str, str | bytes]]:
    """The files the toolkit publishes besides pages, as (docs-relative path, content): its
    assets, each tool as a Word document and each quiz's workshop pack. Both adapters publish
    this one list (the MkDocs plugin in on_files, `write_stage` for Zensical): a new generated
    download goes here."""
    config = context.config
    for name in assets.ALL_FILES:
        yield assets.site_path(name), assets.compact(name)
    yield from context.documents().items()
    for path, item_id in pack_files(context.site):
        site_url = context.renderer.site_url
        yield (
            path,
            build_pack(
                context.site, item_id, str(config.site_name), site_url, config.use_directory_urls, context.cache
            ),
        )


def write_stage(context: BuildContext, raw: dict) -> Path:
    """Write `.dpup/` beside the config file; returns the generated config's path. `raw` is the
    site's config file as data (`siteconfig.read_config`): the generated config is `raw` with the
    toolkit's nav, assets and folders, standing on its own (Zensical's INHERIT appends lists,
    which would repeat the nav). The context's renderer writes links for Zensical ("source")."""
    config = context.config
    stage = config.root / STAGE
    docs = stage / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(config.docs_dir, docs)
    (stage / ".gitignore").write_text("*\n", encoding="utf-8")
    for page in context.pages.values():
        body = context.renderer.generated_page(page)
        write(docs / page.src, page.front_matter + "\n" + context.renderer.raw_block(body))
    for path, content in generated_files(context):
        write(docs / path, content)
    generated = {
        **raw,
        "docs_dir": "docs",
        "site_dir": "site",
        "nav": generated_nav(context, copy.deepcopy(raw.get("nav") or [])),
        # The site's own theme folder, else the toolkit's (Zensical takes one), and Zensical's
        # look of Material for MkDocs, which the toolkit's styles and checks were made for.
        "theme": {"variant": "classic", **(raw.get("theme") or {}), "custom_dir": str(_custom_dir(config))},
        "extra_css": [assets.site_path(name) for name in assets.STYLES] + list(raw.get("extra_css") or []),
        "extra_javascript": [assets.site_path(name) for name in assets.SCRIPTS]
        + list(raw.get("extra_javascript") or []),
        "extra": {**(raw.get("extra") or {}), STAGE_KEY: {"config_file": str(config.config_file)}},
        "plugins": with_page_macros(raw.get("plugins")),
    }
    target = stage / "mkdocs.yml"
    target.write_text("# Generated by macros/stage.py for each build; do not edit.\n" + dump_config(generated), "utf-8")
    return target


# Zensical runs the pages' template code in its macros extension, which it turns on for a config
# listing mkdocs-macros; a site's mkdocs.yml need not list it (on MkDocs the dpup plugin runs it).
PAGE_MACROS_PLUGIN = {"macros": {"module_name": "macros", "on_error_fail": True, "on_undefined": "strict"}}


def with_page_macros(plugins) -> list | dict:
    """The site's plugins (as its file lists them), with mkdocs-macros' entry for the toolkit's
    macros where the file has none: Zensical's macros extension then renders the pages."""
    if isinstance(plugins, dict):  # MkDocs also reads plugins written as a mapping
        return plugins if "macros" in plugins else {**plugins, **PAGE_MACROS_PLUGIN}
    listed = list(plugins or [])
    names = {entry if isinstance(entry, str) else next(iter(entry), None) for entry in listed if entry}
    return listed if "macros" in names else [*listed, PAGE_MACROS_PLUGIN]


def _custom_dir(config: SiteConfig) -> Path:
    return config.custom_dir or Path(__file__).resolve().parent.parent / "overrides"


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
