"""MkDocs hooks: the thin layer between the engine and the content model.

- on_config: load and validate all content before anything is written; on any problem, stop
  the build with every problem listed (the previous site/ is left as it was).
- on_config also adds the generated item pages to the navigation, under their section's index.
- on_files: adds one generated page per principle, guideline, role, tool, element, plan, quiz.
- on_page_content / on_post_page: glossary tooltips and lang="mi" on te reo Māori.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import File

# MkDocs loads hooks by file path, so make the project root importable for `macros`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import assets  # noqa: E402
from macros.build import site_for  # noqa: E402
from macros.glossary import TermMarker  # noqa: E402
from macros.loader import ContentErrors  # noqa: E402
from macros.pack import build_pack  # noqa: E402
from macros.pages import PAGE_KINDS, QUIZ_VIEWS, generated_pages, relative_href, workshop_pack_src  # noqa: E402
from macros.yamlfile import ContentProblem  # noqa: E402


NAV_LIMIT = 40  # items a section lists in the sidebar before it leaves them to its index page


@event_priority(100)  # before the macros plugin, so content errors are reported first and cleanly
def on_config(config):
    try:
        site = site_for(config)
    except ContentErrors as errors:
        raise PluginError(errors.report()) from None
    pages = _per_site(config, "pages", generated_pages)
    by_folder: dict[str, list] = {}
    for page in (page for page in pages if page.in_nav):
        by_folder.setdefault(page.src.rsplit("/", 1)[0], []).append({page.title: page.src})
    # Every page carries the whole sidebar, so a section with hundreds of items would make each
    # page (and the build) grow with the size of the site. Past the limit, a section's items are
    # listed on its index page only.
    limit = ((config.get("extra") or {}).get("dpup") or {}).get("nav_limit", NAV_LIMIT)
    by_folder = {folder: entries for folder, entries in by_folder.items() if len(entries) <= limit}
    _insert_generated(config["nav"] or [], by_folder)
    # The toolkit's own theme templates (the projector page) ship with the package, so every site
    # built with it finds them; a site's custom_dir still comes first.
    theme = config["theme"]
    if str(assets.THEME_TEMPLATES) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(assets.THEME_TEMPLATES))
    # The toolkit's styles and widget scripts come with the package, before any of the site's own.
    config["extra_css"] = [assets.site_path(name) for name in assets.STYLES] + list(config["extra_css"])
    config["extra_javascript"] = [ExtraScriptValue(assets.site_path(name)) for name in assets.SCRIPTS] + list(
        config["extra_javascript"]
    )
    return config


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
                target = child if isinstance(child, str) else next(iter(child.values())) if isinstance(child, dict) else None
                if isinstance(target, str) and target.endswith("/index.md"):
                    folder = target.removesuffix("/index.md")
                    children[position + 1:position + 1] = by_folder.pop(folder, [])


def on_files(files, config):
    site = site_for(config)
    for page in _per_site(config, "pages", generated_pages):
        files.append(File.generated(config, page.src, content=page.markdown))
    for name in assets.ALL_FILES:
        files.append(File.generated(config, assets.site_path(name), content=assets.compact(name)))
    for quiz in site.quizzes:
        pack = build_pack(site, quiz.id, config["site_name"], config["site_url"] or "",
                          config["use_directory_urls"])
        files.append(File.generated(config, workshop_pack_src(quiz), content=pack))
    return files


_MACRO_CALL = re.compile(r"""\{\{\s*(\w+)\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}""")
_MACRO_KINDS = (
    {macro: kind for kind, (_, macro, _) in PAGE_KINDS.items()}
    | {macro: "quiz" for _, macro, _ in QUIZ_VIEWS}
    | {"link_to": None}
)


def on_pre_build(config):
    """Check the ids in every page's macro calls before MkDocs empties site/, so a typo gets
    the usual one-line message (mkdocs-macros would print a traceback) and the last build stays."""
    site = site_for(config)
    problems = []
    docs = Path(config["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        for match in _MACRO_CALL.finditer(markdown):
            macro, item_id = match.groups()
            if macro not in _MACRO_KINDS:
                continue
            try:
                site.get(item_id, _MACRO_KINDS[macro])
            except KeyError as error:
                line = markdown.count("\n", 0, match.start()) + 1
                shown = f"{Path(config['docs_dir']).name}/{path.relative_to(docs).as_posix()}"
                problems.append(ContentProblem(shown, line, item_id, error.args[0]))
    if problems:
        raise PluginError(ContentErrors(problems).report())


def on_page_context(context, page, config, nav):
    """Footer links for the theme, relative to this page so they work under any prefix."""
    publisher = (config.get("extra") or {}).get("publisher") or {}

    def href(target: str) -> str:
        if ":" in target.split("#")[0]:  # mailto: or https:
            return target
        path, _, fragment = target.partition("#")
        return relative_href(page.file.src_uri, path, fragment, config["use_directory_urls"])

    links = [(publisher.get("contact_label", "Contact"), publisher.get("contact")),
             ("Accessibility", publisher.get("accessibility")), ("Privacy", publisher.get("privacy"))]
    release = site_for(config).release
    context["dpup_footer"] = {
        "release": f"Content version {release.version}, last reviewed {release.reviewed.day} "
                   f"{release.reviewed.strftime('%B %Y')}.",
        "publisher": publisher.get("name", config["site_name"]),
        "links": [{"label": label, "href": href(target)} for label, target in links if target],
    }
    return context


_cache: dict[tuple[int, str], object] = {}


def _per_site(config, name: str, make):
    """Work derived from the loaded content, done once per build (not per page or per event)."""
    site = site_for(config)
    key = (id(site), name)
    if key not in _cache:
        if not any(cached[0] == id(site) for cached in _cache):
            _cache.clear()  # a new build (mkdocs serve rebuilds): drop the last build's results
        _cache[key] = make(site)
    return _cache[key]


def _marker(config) -> TermMarker:
    return _per_site(config, "marker", lambda site: TermMarker(site.glossary))


def on_page_content(html, page, config, files):
    return _marker(config).mark(html, tooltips=True)


_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def _finish_html(output: str, config) -> str:
    # New Zealand English: Material only offers "en", and screen readers use this for voice.
    output = _HTML_LANG.sub('<html lang="en-NZ"', output, count=1)
    return _marker(config).mark(output, tooltips=False)


def on_post_page(output, page, config):
    if "data-dpup-widget=" in output:
        # Only pages with a widget load its styles (its scripts are loaded by widgets.js).
        links = "".join(
            f'<link rel="stylesheet" href="{relative_href(page.file.src_uri, assets.site_path(name), "", config["use_directory_urls"])}">'
            for name in assets.WIDGET_STYLES
        )
        output = output.replace("</head>", links + "</head>", 1)
    return _finish_html(output, config)


def on_post_template(output_content, template_name, config):
    """Theme pages that are not built from docs/ (404.html) get the same finishing."""
    return _finish_html(output_content, config) if template_name.endswith(".html") else output_content
