"""Content is data, never code: hostile text in every text field of every kind builds into inert text.

The shipped content is copied and every free-text value in every file (titles included: they
become page titles, nav entries and search entries) gets template syntax, HTML and script
appended. The build must succeed, run none of it (a payload would create a marker file), and
the built HTML must hold none of it live: no evaluated expression, no injected element or
event-handler attribute, anywhere, the navigation and search index included.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build

MARKER = "DPUP-PAYLOAD-RAN"
# Each is appended to every text field. Between them: Jinja expressions, statements and
# comments (balanced and not), mkdocs-macros' own globals, the `%c|format` trick that builds "<"
# inside the template engine, raw HTML, and a payload that would run a shell command.
PAYLOADS = (
    "{{ 1234567*3 }}",
    "{% raw %}",
    "{% endraw %}{% for x in range(3) %}LOOP{% endfor %}",
    "{# unclosed comment",
    "{{ config.site_name }}{{ macros_info() }}",
    "{{ '%c'|format(60) }}img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(2)>",
    "<script>alert(3)</script>",
    '"><svg onload=alert(4)>',
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch " + MARKER + "') }}",
)
PAYLOAD = " " + " ".join(PAYLOADS)
# A "Based on" source's title is limited to 300 characters: it gets the payloads that matter most.
SHORT_PAYLOAD = " " + " ".join((PAYLOADS[0], PAYLOADS[5], "{{ lipsum.__globals__.os.popen('touch " + MARKER + "') }}"))
EVALUATED = ("3703701", "LOOPLOOP", "0img src", "<img src=x", "<script>alert", "<svg onload")

# Keys whose values are ids, references, choices, numbers or dates, not free text.
NOT_TEXT = {
    "id",
    "principle",
    "guideline",
    "section",
    "level",
    "answers",
    "quiz",
    "tests",
    "related",
    "tools",
    "helped_by",
    "criteria",
    "covers",
    "format",
    "language",
    "category",
    "status",
    "key",
    "sort_key",
    "default_target",
    "element",
    "version",
    "reviewed",
    "period_start",
    "period_end",
    "due",
    "minutes",
    "order",
    "number",
    "correct",
    "tooltip",
    "title_editorial",
    "needs_attention",
    "rollup",
    "principles",
    "colour",
    # Issue 35: a source's check month, and the release's dates and word-for-word extract references.
    "checked",
    "date",
    "item",
    "field",
    # Issue 29: the law-facts table's paths, addresses and dates (checked by their own patterns).
    "file",
    "cited_in",
    "copy_read",
    "retrieved",
}
# The law-facts table's `source` is an address; elsewhere (a quiz) `source` is text to poison.
ADDRESS_KEYS = {"law-facts.yml": {"source"}}


def _holds_mappings(value) -> bool:
    """`principles:` in principles.yml lists principles; in a guideline it lists references."""
    return isinstance(value, list) and any(isinstance(entry, dict) for entry in value)


def poison(value, key=None, counter=None, not_text=frozenset(NOT_TEXT)):
    """Append the payloads to every free-text string in a YAML value; count the fields."""
    if isinstance(value, dict) and "url" in value:  # a source: its address is checked by its own pattern
        counter.append("title")
        return {**value, "title": value["title"] + SHORT_PAYLOAD}
    if isinstance(value, dict):
        return {
            k: v if k in not_text and not _holds_mappings(v) else poison(v, k, counter, not_text)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [poison(entry, key, counter, not_text) for entry in value]
    if isinstance(value, str):
        counter.append(key)
        return value + PAYLOAD
    return value


def hostile_copy(target: Path) -> int:
    """The shipped content with the payloads in every text field; returns the number of fields."""
    fields: list[str] = []
    for folder in ("content", "quiz"):
        shutil.copytree(ROOT / folder, target / folder)
        for path in (target / folder).rglob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(
                yaml.safe_dump(
                    poison(data, None, fields, frozenset(NOT_TEXT | ADDRESS_KEYS.get(path.name, set()))),
                    allow_unicode=True,
                    sort_keys=False,
                ),
                encoding="utf-8",
            )
    return len(fields)


class LiveMarkup(HTMLParser):
    """Collects what would run in a browser: event-handler attributes and script bodies."""

    def __init__(self):
        super().__init__()
        self.handlers, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    fields = hostile_copy(root)
    site_dir = root / "site"
    result = run_build(ROOT, site_dir, {"DPUP_CONTENT_DIR": str(root / "content"), "DPUP_QUIZ_DIR": str(root / "quiz")})
    return root, site_dir, fields, result


def test_the_corpus_reaches_every_kind_and_hundreds_of_fields(hostile_site):
    root, _, fields, _ = hostile_site
    assert fields * len(PAYLOADS) >= 5000, f"only {fields} fields x {len(PAYLOADS)} payloads"
    tool = (root / "content" / "tools").glob("*.yml").__next__().read_text(encoding="utf-8")
    assert "title: " in tool and "{{ 1234567*3 }}" in tool.split("title: ", 1)[1].split("\n", 1)[0]


def test_the_hostile_content_builds_and_runs_nothing(hostile_site):
    root, _site_dir, _, result = hostile_site
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (ROOT / MARKER).exists() and not (root / MARKER).exists(), "a payload ran a shell command"
    assert not any(Path.cwd().glob(MARKER))


def test_no_payload_is_live_in_any_page(hostile_site):
    _, site_dir, _, _ = hostile_site
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found += [f"{page.relative_to(site_dir)}: {bad}" for bad in EVALUATED if bad in text]
        parser = LiveMarkup()
        parser.feed(text)
        found += [f"{page.relative_to(site_dir)}: {handler}" for handler in parser.handlers]
        found += [
            f"{page.relative_to(site_dir)}: script with alert(" for script in parser.scripts if "alert(" in script
        ]
    assert found == []


def test_the_payloads_are_shown_as_text_in_the_page_the_nav_and_the_search_index(hostile_site):
    _, site_dir, _, _ = hostile_site
    page = (site_dir / "tools" / "check-your-actions" / "index.html").read_text(encoding="utf-8")
    heading = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "{{ 1234567*3 }}" in heading and "&lt;img src=x onerror=alert(2)&gt;" in heading
    assert "{{ '%c'|format(60) }}img" in page.replace("&#39;", "'")
    # The navigation lists every tool by its title, as text.
    nav = page.split('class="md-nav__link md-nav__link--active"', 1)[1].split("</a>", 1)[0]
    assert "Check your actions align with DPUP {{ 1234567*3 }}" in nav and "&lt;img src=x onerror=alert(2)>" in nav
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("tools/check-your-actions/")]
    assert titles and all("<img" not in title and "<script" not in title for title in titles)


@pytest.mark.browser
def test_in_a_browser_the_payloads_stay_text_in_pages_nav_and_search(hostile_site, page):
    import functools
    import http.server
    import threading

    from playwright.sync_api import expect

    _, site_dir, _, _ = hostile_site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/tools/check-your-actions/")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("{{ 1234567*3 }} {% raw %}")
        expect(heading).to_contain_text("<img src=x onerror=alert(2)> <script>alert(3)</script>")
        search = page.get_by_role("textbox", name="Search")
        search.click()
        search.press_sequentially("onerror")
        # The search index is large here (every field carries the payloads): give its worker time.
        results = page.get_by_role("dialog", name="Search this site").get_by_role("article")
        expect(results.first).to_contain_text("<img src=x onerror=alert(2)>", timeout=30000)
        assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], img[src=x]').length") == 0
        assert dialogs == []
    finally:
        server.shutdown()
