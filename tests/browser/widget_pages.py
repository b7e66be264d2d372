"""The widgets, as their component folders declare them, and the built pages that carry each one.
Tests that go through every widget read them from here, so a new component's widget is checked
without being added to a list."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

from macros.assets import WIDGETS

COMPONENTS = ROOT / "macros" / "components"
_DECLARED = re.compile(r'data-dpup-widget="([a-z-]+)"')


def component_widgets() -> list[str]:
    """Every widget a component's template starts (its root's data-dpup-widget), in folder order,
    then any that only macros/assets.py gives scripts (WIDGETS): a widget with scripts and no
    template is checked too, and fails, as no page carries it."""
    found: list[str] = []
    for template in sorted(COMPONENTS.glob("*/*.html")):
        found += [name for name in _DECLARED.findall(template.read_text(encoding="utf-8")) if name not in found]
    return found + [name for name in WIDGETS if name not in found]


def pages_with(site: Path, widget: str) -> list[str]:
    """The built pages (as paths under the site, "quiz/intro/") whose markup starts `widget`,
    sorted. The offline pack (downloads/) is tested on its own."""
    marker = f'data-dpup-widget="{widget}"'
    pages = []
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        if relative.startswith("downloads") or marker not in html.read_text(encoding="utf-8"):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages
