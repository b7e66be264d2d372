"""The DPUP Toolkit's MkDocs plugin (`plugins: [search, dpup]`): the only code that knows
MkDocs (with macros/compat.py, for its internals, and the theme templates in overrides/).

- on_config: validate the settings and all content before anything is written; on any problem,
  stop the build with every problem listed (the previous site/ is left as it was). Adds the
  generated pages to the navigation, under their section's index, and the toolkit's assets.
- on_page_markdown: a hand-written page's template code (`{{ cards("tool") }}`), run in Jinja's
  sandbox (macros/page_macros.py), unless the config still lists mkdocs-macros, which then runs it.
- on_files: one generated page per item (front matter only) plus each item's views.
- on_page_content: a generated page's body, rendered from its model by the project's templates
  (content is never template source and never read as Markdown); glossary tooltips and
  lang="mi" on te reo Māori.
- on_post_build: the finishing pass over the built site (macros/finish.py): the offline copy,
  made from the built pages and zipped into downloads/.
- on_startup, on_serve: `mkdocs serve` survives mistakes, from its first build on: a failed
  build shows its errors on every page and in the terminal, and the next good save brings the
  site back.

The toolkit's settings live in `extra.dpup` (every engine reads them); the plugin's own options
are switches that exist only on MkDocs.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from . import assets, compat
from .build import BuildContext, create_context
from .errorpage import write_error_pages
from .finish import ZIP_LINK, footer, make_offline_zip, mark_page, set_language, widget_styles
from .front_matter import lines_before_body
from .glossary import TermMarker
from .page_macros import PageTemplates
from .pages import page_url, relative_url
from .render import CompiledTemplates
from .siteconfig import SiteConfig
from .stage import generated_files, generated_nav
from .yamlfile import ContentErrors, ContentProblem

log = logging.getLogger("mkdocs.plugins.dpup")
PROJECT = Path(__file__).resolve().parent.parent
# The theme's templates a build renders pages with (MkDocs' own `sitemap.xml` included).
THEME_PAGES = ("main.html", "404.html", "dpup-projector.html", "sitemap.xml")
_LINK_TO = re.compile(r"""\{\{\s*link_to\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}""")


class DpupConfig(base.Config):
    """Switches for `mkdocs serve` only; the toolkit's settings are `extra.dpup`."""

    # A failed build shows its errors on every page, and the server waits for the fix.
    serve_error_pages = c.Type(bool, default=True)
    # Seconds between checks for saved files while serving (MkDocs' own is 0.5).
    serve_poll_seconds = c.Type(float, default=0.1)
    # Ask git about the project once per `mkdocs serve`, not on every rebuild.
    serve_git_info_once = c.Type(bool, default=True)


class DpupPlugin(BasePlugin[DpupConfig]):
    supports_multiple_instances = False

    def __init__(self):
        # Kept for the whole `mkdocs serve` (MkDocs keeps a plugin with on_startup across rebuilds).
        self.command = "build"
        # This build's glossary marker, with its context (made when a page is first marked).
        self.marker_for: tuple[object, TermMarker] = (None, TermMarker([]))
        # This build's renderer of hand-written pages, with its context (made for the first page).
        self.page_templates_for: tuple[BuildContext, PageTemplates] | None = None
        # This build's context, made in on_config (again for every `mkdocs serve` rebuild); the
        # page macros find it here (macros/page_macros.py).
        self.context: BuildContext | None = None

    def on_startup(self, *, command, dirty):
        self.command = command
        if command == "serve":
            compat.requests_are_not_build_warnings()
            if self.config.serve_git_info_once:
                compat.cache_git_info()
            if self.config.serve_error_pages:
                compat.wrap_first_serve_build(
                    lambda build, config: _build_or_show_errors(
                        build, Path(config["site_dir"]), _hand_written_pages(config)
                    )
                )

    @property
    def build(self) -> BuildContext:
        if self.context is None:
            raise PluginError("the dpup plugin's on_config has not run")
        return self.context

    def makes_offline_zip(self) -> bool:
        return self.build.offline_zip and self.command != "serve"

    @event_priority(100)  # before the macros plugin, so content errors are reported first and cleanly
    def on_config(self, config):
        if "macros" in config["plugins"] and self.command != "serve":
            compat.prefetch_git_info()  # git runs while the content is checked (serving asks once)
        self.context = None  # a failed check leaves no context of an earlier build behind
        self.context = configure(config)
        # Behind the page check, mkdocs-macros renders in Jinja's sandbox (it builds its
        # environment after this), and an error in a page is named by its file and line.
        compat.sandbox_macros(lambda: _page_being_rendered(config))
        return config

    def on_page_markdown(self, markdown, *, page, config, files):
        """A hand-written page's template code (`{{ cards("tool") }}`), run by the toolkit in
        Jinja's sandbox (macros/page_macros.py). A site whose mkdocs.yml still lists mkdocs-macros
        has it run there instead, once: never both, as what one renders is not template code.
        Generated pages and pages with `render_macros: false` are left as they are."""
        if "macros" in config["plugins"] or page.meta.get("render_macros") is False:
            return markdown
        if page.file.src_uri in self.build.pages:
            return markdown
        return self.page_templates(config).render(markdown, page.file.src_uri)

    def page_templates(self, config) -> PageTemplates:
        """This build's renderer of hand-written pages; an error in a page stops the build as one
        line naming the page and the line in it, `docs/index.md:6: (page): UndefinedError: ...`."""
        context = self.build
        kept = self.page_templates_for
        if kept is not None and kept[0] is context:
            return kept[1]

        def where() -> tuple[str, int]:
            return _page_being_rendered(config, templates.src)

        templates = PageTemplates(context, compat.page_sandbox(where))
        self.page_templates_for = (context, templates)
        return templates

    def on_files(self, files, *, config):
        return add_generated_files(files, config, self.build)

    def on_env(self, env, *, config, files):
        """The theme's templates are compiled again by every build; keep them compiled in the
        build's cache, as the toolkit's own are (by each template's source)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = CompiledTemplates(self.build.cache)
        return env

    def on_pre_build(self, *, config):
        check_link_to_ids(config, self.build)

    def on_page_context(self, context, *, page, config, nav):
        context["dpup_footer"] = footer(self.build, page_url(page.file.src_uri, config["use_directory_urls"]))
        return context

    def marker(self) -> TermMarker:
        """This build's glossary marker: the pages it marks are kept in the build's cache, so a
        rebuild (`mkdocs serve`) marks only the pages that changed."""
        context = self.build
        if self.marker_for[0] is not context:
            self.marker_for = (context, TermMarker(context.site.glossary, context.cache.store("marked")))
        return self.marker_for[1]

    @event_priority(100)  # first, so other plugins see the finished body
    def on_page_content(self, html, *, page, config, files):
        generated = self.build.pages.get(page.file.src_uri)
        html_body = self.build.renderer.generated_page(generated) if generated is not None else html
        if not self.makes_offline_zip():
            # Link only what is there: without the zip (mkdocs serve, the offline copy itself, or
            # `offline_zip: false`), its link becomes plain text; an author previewing is told why.
            previewing = self.command == "serve"
            html_body = ZIP_LINK.sub(
                r'\1 <em class="dpup-preview-note">(no zip while previewing: <code>./dev build</code> makes it)</em>'
                if previewing
                else r"\1",
                html_body,
            )
        return self.marker().mark(html_body, tooltips=True)

    def finish_html(self, output: str) -> str:
        # The page's own content was marked by on_page_content; the theme's parts around it
        # (navigation, header, footer) are marked without reading the content a second time.
        return mark_page(set_language(output), self.marker(), article_marked=True)

    def on_post_page(self, output, *, page, config):
        to_root = relative_url(page_url(page.file.src_uri, config["use_directory_urls"]), "").removeprefix("./")
        return self.finish_html(widget_styles(output, to_root))

    def on_post_template(self, output_content, *, template_name, config):
        """Theme pages that are not built from docs/ (404.html) get the same finishing."""
        return self.finish_html(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config):
        if self.makes_offline_zip():
            # Made from the site just built, on disk (macros/finish.py), not by building again.
            target = make_offline_zip(Path(config["site_dir"]), self.build.cache)
            log.info(f"Offline copy: {target.relative_to(config['site_dir'])} ({target.stat().st_size // 1024} KB)")
        self.build.cache.save()

    def on_serve(self, server, *, config, builder):
        """Keep `mkdocs serve` alive through mistakes. MkDocs' own loop leaves requests waiting
        forever after a failed rebuild, and a macro error (SystemExit) ends it; instead, a failed
        rebuild writes the error list over every page the last good build had (the server adds its
        reload script, so the page being viewed shows the errors, then the site once fixed)."""
        if self.config.serve_error_pages:
            site_dir = Path(config["site_dir"])
            known_pages = {path.relative_to(site_dir) for path in site_dir.rglob("*.html")} | {Path("index.html")}
            build = server.builder
            server.builder = lambda: _build_or_show_errors(build, site_dir, known_pages)
        # A tenth of a second brings an edit to the page 0.2 s sooner on average, for a few hundred
        # stat calls a second. docs/ and mkdocs.yml, watched before this, are watched again.
        compat.poll_every(
            server, self.config.serve_poll_seconds, [p for p in (config["docs_dir"], config.config_file_path) if p]
        )
        return server


def configure(config) -> BuildContext:
    """This build's context (settings and content validated), from MkDocs' reading of the config;
    the generated pages are added to the nav, and the toolkit's assets and templates to the site."""
    # The toolkit's theme templates (the projector page, the footer) serve every site built with
    # it, also one whose own mkdocs.yml names no custom_dir.
    overrides = str(PROJECT / "overrides")
    if overrides not in config["theme"].dirs:
        config["theme"].dirs.insert(1 if config["theme"].custom_dir else 0, overrides)
    # The theme's pages, and every template they name, are compiled with the toolkit's while the
    # content loads, on a first build (macros/templates_ahead.py; the copy makes the environment).
    theme = (config["theme"].get_env, THEME_PAGES)
    try:
        context = create_context(SiteConfig.of(config), link_style="url", compile_ahead=[theme])
    except ContentErrors as errors:
        raise PluginError(errors.report()) from None
    # A link to a part of a page that does not exist fails the strict build, as on Zensical, also
    # for an agency's mkdocs.yml without the toolkit's (MkDocs 1.6 only reports it, at info).
    links = config["validation"]["links"]
    links["anchors"] = max(links["anchors"], logging.WARNING)
    if config["nav"] is not None:
        generated_nav(context, config["nav"])  # in place; a config without a nav keeps MkDocs' own
    # The toolkit's styles and widget scripts come with the package, before any of the site's own.
    config["extra_css"] = [assets.site_path(name) for name in assets.STYLES] + list(config["extra_css"])
    config["extra_javascript"] = [ExtraScriptValue(assets.site_path(name)) for name in assets.SCRIPTS] + list(
        config["extra_javascript"]
    )
    return context


def _page_being_rendered(config, src: str | None = None) -> tuple[str, int]:
    """The page being rendered (`src`, else the one mkdocs-macros is rendering), as an author finds
    it (`docs/index.md`), and the lines MkDocs took off its top (front matter, then blank lines)
    before handing over the rest."""
    docs = Path(config["docs_dir"]).name
    if src is not None:
        source = Path(config["docs_dir"]) / src
        before = lines_before_body(source.read_text(encoding="utf-8")) if source.is_file() else 0
        return f"{docs}/{src}", before
    macros = config["plugins"].get("macros")
    page = getattr(macros, "page", None)
    file = getattr(page, "file", None)
    if file is None:
        return docs, 0
    source = Path(file.abs_src_path or "")
    before = lines_before_body(source.read_text(encoding="utf-8")) if source.is_file() else 0
    return f"{docs}/{file.src_uri}", before


def add_generated_files(files, config, context: BuildContext):
    """Each generated page as front matter (on_page_content renders its body), then the assets
    and workshop packs (`stage.generated_files`)."""
    for page in context.pages.values():
        files.append(File.generated(config, page.src, content=page.front_matter))
    for path, content in generated_files(context):
        files.append(File.generated(config, path, content=content))
    return files


def check_link_to_ids(config, context: BuildContext):
    """Check the ids in every page's link_to() calls before MkDocs empties site/, so a typo gets
    the usual one-line message (mkdocs-macros would print a traceback) and the last build stays."""
    site = context.site
    problems = []
    docs = Path(config["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        for match in _LINK_TO.finditer(markdown):
            item_id = match.group(1)
            try:
                site.get(item_id)
            except KeyError as error:
                line = markdown.count("\n", 0, match.start()) + 1
                shown = f"{docs.name}/{path.relative_to(docs).as_posix()}"
                problems.append(ContentProblem(shown, line, item_id, error.args[0]))
    if problems:
        raise PluginError(ContentErrors(problems).report())


# --- mkdocs serve ---------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _build_or_show_errors(build, site_dir: Path, pages: set[Path]) -> None:
    """Run one build; if it fails, write the error list over `pages` (and 404.html) in `site_dir`.
    `pages` grows with every good build, so each page a person may have open shows the errors."""
    collected = _Collect()
    logging.getLogger("mkdocs").addHandler(collected)
    try:
        build()
        pages.update(path.relative_to(site_dir) for path in site_dir.rglob("*.html"))
    except (Exception, SystemExit) as error:
        # MkDocs logs a build error before it stops (SystemExit from its Abort, or from
        # mkdocs-macros after it logged a failed macro): what was logged says why.
        messages = [message for message in dict.fromkeys(collected.messages) if message.strip()]
        if not messages:
            code = getattr(error, "code", None)
            messages = [code if isinstance(code, str) else str(error) or type(error).__name__]
        log.error("The site could not be built; each page shows why until the next good save.")
        write_error_pages(site_dir, pages, messages)
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)


def _hand_written_pages(config) -> set[Path]:
    """Where the pages of docs/ will be, worked out without a build (the content may be broken)."""
    docs = Path(config["docs_dir"])
    pages = {Path("index.html")}
    for source in docs.rglob("*.md"):
        relative = source.relative_to(docs).with_suffix("")
        if relative.name in ("index", "README"):
            pages.add(relative.parent / "index.html")
        else:
            pages.add(relative / "index.html" if config["use_directory_urls"] else relative.with_suffix(".html"))
    return pages
