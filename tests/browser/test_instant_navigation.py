"""With Material's instant navigation on, pages change without a reload; the widgets must still start."""

import functools
import http.server
import threading

import pytest
from conftest import ROOT, _QuietHandler, free_port, run_build
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory):
    # Instant navigation needs site_url (it reads sitemap.xml), so pick the port before building.
    port = free_port()
    root = tmp_path_factory.mktemp("instant")
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"site_url: http://127.0.0.1:{port}/\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "plugins:\n  - search\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n  - dpup\n"
        f"extra:\n  dpup:\n    content_dir: {ROOT / 'content'}\n    quiz_dir: {ROOT / 'quiz'}\n"
        f"watch:\n  - {ROOT / 'content'}\n  - {ROOT / 'quiz'}\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n  features:\n    - navigation.instant\n    - navigation.indexes\n",
        encoding="utf-8",
    )
    site_dir = root / "site"
    result = run_build(root, site_dir)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


# This test once failed 1 run in 5 under load: "Check answer" showed before the quiz had started
# (its class's display beat the hidden attribute), so the radio was checked early, and the start
# then drew the saved (empty) answer over it. Both are fixed: the button stays hidden until the
# start, and widgets.js keeps early choices (tests/browser/test_early_input.py).
def test_the_quiz_starts_after_an_instant_page_change(page: Page, instant_site_url):
    page.goto(instant_site_url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="quiz section").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quiz")
    page.locator("article").first.get_by_role("link", name="DPUP introductory quiz").click()
    expect(page.get_by_role("button", name="Check answer").first).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded: instant navigation was not used"
    question = page.get_by_role("group", name="Question 1 of 6 Who was DPUP developed for?")
    question.get_by_role("radio", name="C.").check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_role("status")).to_contain_text("Correct.")
