"""The page a preview shows in place of every page while the site cannot be built: the list of
what to fix. `mkdocs serve` (macros/plugin.py) and the Zensical preview (macros/preview.py) show
the same one; each server adds its own script that reloads the page when the site builds again."""

from __future__ import annotations

import html
from pathlib import Path


def error_page(messages: list[str]) -> str:
    items = "\n".join(f"<li><pre>{html.escape(message)}</pre></li>" for message in messages)
    return (
        '<!doctype html>\n<html lang="en-NZ"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>The site could not be built</title>"
        "<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
        "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fdecea;padding:.75rem;border-radius:4px}"
        "ul{padding:0;list-style:none}</style></head>\n<body><main>"
        '<h1>The site could not be built</h1><p role="alert">Fix what is listed below and save: '
        "this page reloads by itself when the site builds again.</p>"
        f"<ul>{items}</ul></main></body></html>\n"
    )


def write_error_pages(site_dir: Path, pages: set[Path], messages: list[str]) -> None:
    """The error page over `pages` (relative to `site_dir`), every page already there and 404.html,
    so that whichever page a person has open shows why. A strict build that stops on a warning
    has written some pages already: those are covered too."""
    page = error_page(messages)
    written = {path.relative_to(site_dir) for path in site_dir.rglob("*.html")} if site_dir.is_dir() else set()
    for relative in pages | written | {Path("404.html")}:
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
