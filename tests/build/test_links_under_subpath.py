"""The site served under a project-pages subpath (https://ORG.github.io/REPO/): every internal
href and src on every page, including links written by macros as raw HTML and #anchors, resolves
over HTTP, and nothing points outside the prefix."""

import functools
import http.server
import threading
import urllib.request
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
from conftest import ROOT, _QuietHandler, free_port, run_build

from macros.finish import make_offline_zip

PREFIX = "/some-prefix/"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.urls.append(attrs[name])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = free_port()
    www = tmp_path_factory.mktemp("www")
    result = run_build(ROOT, www / PREFIX.strip("/"), {"DPUP_SITE_URL": f"http://127.0.0.1:{port}{PREFIX}"})
    assert result.returncode == 0, result.stderr
    make_offline_zip(www / PREFIX.strip("/"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}", www / PREFIX.strip("/")
    server.shutdown()


def fetch(url, cache):
    if url not in cache:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                cache[url] = (response.status, body.decode("utf-8", "replace") if url.endswith(("/", ".html")) else "")
        except HTTPError as error:
            cache[url] = (error.code, "")
    return cache[url]


def test_every_internal_link_resolves_under_the_subpath(served):
    origin, site_dir = served
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    cache, broken, checked = {}, [], 0
    for page in pages:
        page_url = origin + PREFIX + page
        status, html = fetch(page_url, cache)
        assert status == 200, page_url
        parser = Links()
        parser.feed(html)
        for raw in parser.urls:
            if raw.startswith(("mailto:", "data:", "javascript:")):
                continue
            absolute = urljoin(page_url, raw)
            if urlparse(absolute).netloc != urlparse(origin).netloc:
                continue  # other hosts are links people follow, not part of this site
            checked += 1
            target, fragment = urldefrag(absolute)
            if not urlparse(target).path.startswith(PREFIX):
                broken.append(f"{page}: {raw} leaves the {PREFIX} prefix")
                continue
            code, body = fetch(target, cache)
            if code != 200:
                broken.append(f"{page}: {raw} -> HTTP {code}")
            elif fragment and body:
                ids = Links()
                ids.feed(body)
                if unquote(fragment) not in ids.ids:
                    broken.append(f"{page}: {raw} -> no #{fragment}")
    print(f"\nchecked {checked} internal links on {len(pages)} pages under {PREFIX}: {len(broken)} broken")
    assert checked > 3000
    assert broken == [], "\n".join(broken[:40])


def test_the_404_page_links_home_under_the_subpath(served):
    origin, _ = served
    status, html = fetch(origin + PREFIX + "404.html", {})
    assert status == 200
    assert f'href="{PREFIX}">home page</a>' in html
    assert f'href="{PREFIX}principles/">principles</a>' in html
    assert 'rel="canonical"' in fetch(origin + PREFIX + "principles/kaitiakitanga/", {})[1]
