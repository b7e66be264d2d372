"""After the engine: the finishing touches on built pages, and the offline copy. No engine imports.

The page functions (`finish_page`, `mark_page`, `footer`) serve both adapters: the MkDocs plugin
calls them per page as MkDocs writes it; for an engine that runs no plugin (Zensical),
`finish_site` runs them over the built site on disk.

The offline copy is made here from the built site, not by building it again: every page keeps
its place (`tools/purpose-statement/index.html`) and every link to a folder is pointed at that
folder's `index.html`, which a browser opens from disk (a folder link does not).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import assets, pages, ziparchive
from .cache import Cache
from .glossary import TermMarker
from .pages import relative_url

if TYPE_CHECKING:  # the context is handed in; the offline copy needs nothing else of a build
    from .build import BuildContext

ZIP_PATH = "downloads/dpup-toolkit-offline.zip"
FOLDER_IN_ZIP = "dpup-toolkit"
# The 404 page and sitemaps serve a web server, not a copy opened from disk.
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
# Left out of the offline copy too: the theme's source maps, which a browser fetches only for its
# developer tools (1.3 MB of the site, a fifth of the copy's download).
DEVELOPER_ONLY_SUFFIXES = {".map"}
# Zip entries get this date, so that two builds of the same site give the same bytes.
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
# Material and Zensical run their search in a Web Worker, which browsers refuse on file://; this
# shim (in overrides/) runs it in a hidden iframe. Only the offline copy loads it.
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
# The search index each theme writes, and the list of places in it. On file:// both read the index
# from a script beside it that sets `__index` (search/search_index.js, search.js), as a page opened
# from disk cannot fetch JSON.
SEARCH_INDEXES = {"search/search_index.json": "docs", "search.json": "items"}  # Material, Zensical

ZIP_LINK = re.compile(r'<a\b[^>]*\bhref="[^"]*' + re.escape(ZIP_PATH) + r'"[^>]*>(.*?)</a>', re.S)
# A relative URL in an attribute: not a scheme (mailto:, https:), not //host, /path or #id.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"?#]*)([^"]*")')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')
_CONFIG_BASE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base":\s*"([^"]*)"')
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*</article>', re.S)


def set_language(html: str) -> str:
    # New Zealand English: Material only offers "en", and screen readers use this for voice.
    return _HTML_LANG.sub('<html lang="en-NZ"', html, count=1)


def mark_page(html: str, marker: TermMarker, article_marked: bool) -> str:
    """Te reo Māori marked, glossary terms with tooltips in the page's own content (unless the
    adapter marked it already) and marked without tooltips in the theme's parts around it."""
    article = _ARTICLE.search(html)
    if article is None:
        return marker.mark(html, tooltips=False)
    start, end = article.span()
    inside = html[start:end] if article_marked else marker.mark(html[start:end], tooltips=True)
    return marker.mark(html[:start], tooltips=False) + inside + marker.mark(html[end:], tooltips=False)


_WIDGET_STYLES = re.compile(r'data-dpup-styles="([^"]*)"')


def widget_styles(html: str, to_site_root: str) -> str:
    """A page links the styles of the widgets it has, each once (their scripts are loaded by widgets.js)."""
    names = dict.fromkeys(name for found in _WIDGET_STYLES.findall(html) for name in found.split())
    if not names:
        return html
    links = "".join(f'<link rel="stylesheet" href="{to_site_root}{assets.site_path("css/" + name)}">' for name in names)
    return html.replace("</head>", links + "</head>", 1)


def footer(context: BuildContext, page_url: str) -> str:
    """The footer's links (publisher's contact, accessibility, privacy) and lines, as HTML for
    the page at `page_url` (templates/footer.html): the theme's partial shows it on MkDocs, and
    `finish_site` puts it in on an engine that cannot be handed it."""
    publisher = context.config.extra.get("publisher") or {}
    use_directory_urls = context.config.use_directory_urls

    def link(target: str) -> str:
        if ":" in target.split("#")[0]:  # mailto: or https:
            return target
        path, _, fragment = target.partition("#")
        return relative_url(page_url, pages.page_url(path, use_directory_urls), fragment)

    links = [
        (publisher.get("contact_label", "Contact"), publisher.get("contact")),
        ("Accessibility", publisher.get("accessibility")),
        ("Privacy", publisher.get("privacy")),
    ]
    release = context.site.release
    return context.renderer.render(
        "footer.html",
        release=f"Content version {release.version}, last reviewed {release.reviewed.day} "
        f"{release.reviewed.strftime('%B %Y')}.",
        publisher=publisher.get("name", context.config.site_name),
        links=[{"label": label, "href": link(target)} for label, target in links if target],
    )


def file_style(path: str) -> str:
    """A relative URL's path, pointed at a file: `x/` and `..` become `x/index.html`, `../index.html`."""
    if path in (".", "./"):
        return "index.html"
    if path == ".." or path.endswith("/..") or path.endswith("/."):
        return path + "/index.html"
    if path.endswith("/"):
        return path + "index.html"
    return path


def offline_page(html: str) -> str:
    """One built page as the offline copy has it: file-style links, no zip link (it would point at
    the copy itself), no canonical address, and the search worker shim."""
    html = ZIP_LINK.sub(r"\1", html)
    html = _CANONICAL.sub("", html)
    html = _URL_ATTRIBUTE.sub(lambda m: m.group(1) + file_style(m.group(2)) + m.group(3), html)
    base = _CONFIG_BASE.search(html)
    if base is not None and WORKER_SHIM not in html:
        # In the head, so before Material's bundle, which starts the search worker.
        html = html.replace("</head>", f'<script src="{base.group(1)}/{WORKER_SHIM}"></script></head>', 1)
    return html


def offline_search_index(text: str, places: str = "docs") -> str | None:
    """A search index (SEARCH_INDEXES) with file-style locations, as a script that sets `__index`
    (as Material's offline plugin writes it; Zensical reads the same on file://). `places` names
    the index's list of places: Material's "docs" or Zensical's "items". None when the file is
    not such an index (a `search.json` of the author's own in docs/, say): it is then zipped as
    it is, and no script is made from it."""
    try:
        index = json.loads(text)
    except ValueError:
        return None
    docs = index.get(places) if isinstance(index, dict) else None
    if not isinstance(docs, list) or not all(
        isinstance(doc, dict) and isinstance(doc.get("location", ""), str) for doc in docs
    ):
        return None
    for doc in docs:
        path, hash_mark, fragment = doc.get("location", "").partition("#")
        doc["location"] = file_style(path or ".") + hash_mark + fragment
    return "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _search_script(raw: bytes, places: str) -> str | None:
    try:
        return offline_search_index(_text(raw), places)
    except UnicodeDecodeError:
        return None


def _text(raw: bytes) -> str:
    """A file's text as `Path.read_text` gives it (line ends read as "\\n")."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def make_offline_zip(site_dir: Path, cache: Cache | None = None) -> Path:
    """The offline copy of the site built in `site_dir`, zipped into its downloads/; returns the
    zip's path. Byte for byte the same for the same site. What did not change since the last
    build comes from the build's `cache` (macros/ziparchive.py), deflated already."""
    target = site_dir / ZIP_PATH
    files = sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file()
        and path.name not in SERVER_ONLY
        and not path.name.startswith(target.name)
        and path.suffix != ".gz"
        and path.suffix not in DEVELOPER_ONLY_SUFFIXES
    )
    entries = ziparchive.Entries((cache or Cache.off()).store("offline-zip"))
    for path in files:
        name = f"{FOLDER_IN_ZIP}/{path.relative_to(site_dir).as_posix()}"
        raw = path.read_bytes()
        if path.suffix == ".html":
            entries.add(name, raw, "page", lambda raw: offline_page(_text(raw)).encode("utf-8"))
        elif (places := SEARCH_INDEXES.get(path.relative_to(site_dir).as_posix())) is not None and (
            script_text := _search_script(raw, places)
        ) is not None:
            entries.add(name, raw, "text", lambda raw: _text(raw).encode("utf-8"))
            entries.add(name.removesuffix(".json") + ".js", script_text.encode("utf-8"), "file")
        else:
            entries.add(name, raw, "file")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    entries.write(partial, FIXED_DATE)
    partial.replace(target)
    return target


_ZENSICAL_SKIP = re.compile(
    r'<div data-md-component="skip">\s*<a href="#__skip" class="md-skip">.*?</a>\s*</div>', re.S
)
# Zensical draws the colour palette form even for one palette, with its one radio button
# aria-hidden yet focusable (axe: aria-hidden-focus, on phones); Material draws no form for one.
_ONE_PALETTE = re.compile(r'<form class="md-header__option" data-md-component="palette">\s*<input\b[^>]*>\s*</form>')
# Zensical hides the drawer's overlay label from screen readers, which HTML does not allow on a
# label tied to a control (the Nu checker); Material's label has no aria-hidden.
_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
# Zensical marks the header's box around its Search button as a dialog named "Search", while its
# real search dialog (a <dialog> in a shadow root, also named "Search") opens elsewhere: a screen
# reader met two search dialogs, one of them only a button. The box keeps its class and component
# (Zensical's script and styles find it by those) and becomes a plain box. Material's own box,
# which is its dialog, has a role and no name: this never matches it.
_SEARCH_BOX = re.compile(r'<div class="md-search" data-md-component="search" role="dialog" aria-label="[^"<>]*">')
# Zensical writes the current page's own link as "././" (its `url` filter prefixes "./" to "./"),
# and on the home page its links home (the logo, "Start here") as "": MkDocs writes "./" and ".".
# An empty href reads as a link to nowhere (HTML_CodeSniffer: an anchor with no name, H91); every
# page but 404.html is a folder's index.html, for which "." is the same page.
_HERE = 'href="././"'
_EMPTY_HREF = 'href=""'
_ROOT_CANONICAL = re.compile(r'<link rel="canonical" href="/[^"]*">\s*')
_FOOTER = '<div class="md-copyright dpup-footer">'


def finish_site(site_dir: Path, context: BuildContext) -> None:
    """The finishing pass over a site an engine built without the plugin: every page gets what
    the plugin gives it on MkDocs, then the offline copy is made (or its link becomes text). The
    offline packs were finished when they were made, and are left as they are."""
    marker = TermMarker(context.site.glossary, context.cache.store("marked"))
    packs = {path for path, _ in pages.pack_files(context.site)}
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        if name in packs:
            continue
        to_root = relative_url(pages.built_url(name), "").removeprefix("./")
        page = path.read_text(encoding="utf-8")
        if "<!--dpup-" in page:
            raise ValueError(f"{name}: a component placeholder was left unfilled")
        page = _ONE_PALETTE.sub("", _ZENSICAL_SKIP.sub("", page)).replace(_HERE, 'href="./"')
        if name != "404.html":
            page = page.replace(_EMPTY_HREF, 'href="."')
        page = page.replace(_HIDDEN_OVERLAY, '<label class="md-overlay" for="__drawer">', 1)
        page = _SEARCH_BOX.sub('<div class="md-search" data-md-component="search">', page, count=1)
        if not context.config.site_url:
            page = _ROOT_CANONICAL.sub("", page)  # a root address breaks under a prefix
        if _FOOTER in page and "dpup-footer__links" not in page and name != "404.html":
            page = page.replace(_FOOTER, _FOOTER + footer(context, pages.built_url(name)), 1)
        if not context.offline_zip:
            page = ZIP_LINK.sub(r"\1", page)
        page = widget_styles(set_language(page), to_root)
        path.write_text(mark_page(page, marker, article_marked=False), encoding="utf-8")
    if context.offline_zip:
        make_offline_zip(site_dir, context.cache)
    context.cache.save()
