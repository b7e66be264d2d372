"""QR codes for the workshop room, drawn at build time as inline SVG (no script, no web service).

Pure functions with no MkDocs imports: the trainer page, the workshop page and the offline pack
call them through the renderer.
"""

from __future__ import annotations

import ipaddress
import posixpath
from urllib.parse import urlsplit

import segno
from markupsafe import Markup, escape


def published_address(site_url: str, page_url: str, fragment: str = "") -> str:
    """The absolute address of a page on the published site, or '' when there is no site_url.

    `page_url` is the site-relative URL MkDocs gives the page (`quiz/intro/`). Only http(s)
    site URLs count: a QR code must open a web page, never a `javascript:` or `file:` address."""
    site_url = (site_url or "").strip()
    if not site_url:
        return ""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"site_url '{site_url}' is not an http(s) address, so no QR code can point to it")
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = posixpath.normpath(page_url).lstrip("/") if page_url not in ("", ".", "./") else ""
    if page_url.endswith("/") and path:
        path += "/"
    return base + path + (f"#{fragment}" if fragment else "")


def only_on_this_computer(address: str) -> bool:
    """True for a preview address (`mkdocs serve` on 127.0.0.1): phones in the room cannot open it."""
    host = (urlsplit(address).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: the room may be able to reach it
    return ip.is_loopback or ip.is_unspecified


def qr_svg(address: str, label: str) -> Markup:
    """An inline, scalable SVG QR code for `address`, named for screen readers by `label`.

    Black modules on a white quiet zone of four modules (the size the standard asks for), so a
    phone reads it on any page background and on paper. Error correction M, raised by segno when
    the size allows, keeps it readable from a projector with some glare."""
    if not address:
        raise ValueError("a QR code needs an address")
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="dpup-qr__code", lineclass=None
    )
    if not svg.startswith("<svg "):
        raise ValueError("segno returned an unexpected SVG")
    # role="img" and aria-label make the drawing one named image; the modules are not content.
    named = f'<svg role="img" aria-label="{escape(label)}" focusable="false" shape-rendering="crispEdges" ' + svg[5:]
    return Markup(named)
