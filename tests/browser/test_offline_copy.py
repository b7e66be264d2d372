"""The downloadable copy of the whole site works opened from disk, with no network."""

import re
import zipfile

import pytest
from conftest import ENGINE, shared_build
from playwright.sync_api import Page, expect
from site_search import items, search_for

from macros.finish import FOLDER_IN_ZIP, ZIP_PATH

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def unzipped(built_site, tmp_path_factory):
    """The offline zip unpacked once a run, shared by the workers (no test writes into it)."""

    def unzip(folder):
        with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
            archive.extractall(folder)

    return shared_build(tmp_path_factory, f"offline-copy-{ENGINE}", unzip) / FOLDER_IN_ZIP


def test_the_offline_copy_is_browsable_from_disk_without_any_request(page: Page, unzipped):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "index.html").as_uri())
    page.get_by_role("link", name="Read the principles").click()
    expect(page).to_have_url(re.compile(r"principles/index\.html$"))
    page.locator("article").first.get_by_role("link", name="Kaitiakitanga").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaitiakitanga")
    page.locator("article").first.get_by_role("link", name="Work at the frontline").first.click()
    expect(page).to_have_url(re.compile(r"roles/frontline/index\.html#in-practice|roles/frontline/index\.html$"))
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_the_quiz_works_in_the_offline_copy(page: Page, unzipped):
    page.goto((unzipped / "quiz" / "intro" / "index.html").as_uri())
    question = page.locator('fieldset[data-question-id="quiz-intro.01"]')
    question.get_by_role("radio", name=re.compile(r"^C\.")).check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.get_by_role("status")).to_contain_text("Correct.")


def test_every_link_in_the_offline_copy_points_at_a_file_that_exists(unzipped):
    broken = []
    for page in unzipped.rglob("*.html"):
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            if href.endswith("/") or href.endswith("dpup-toolkit-offline.zip"):
                if href.endswith("/"):
                    broken.append(f"{page.relative_to(unzipped)}: {href} (a folder link does not open from disk)")
                continue
            if not (page.parent / href).resolve().exists():
                broken.append(f"{page.relative_to(unzipped)}: {href}")
    assert broken == [], "\n".join(broken[:30])


def test_search_works_in_the_offline_copy_opened_from_disk(page: Page, unzipped):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "tools" / "index.html").as_uri())
    results = search_for(page, "induction")
    if ENGINE == "zensical":  # each result is an option that opens its page when chosen
        items(results).first.click()
    else:
        expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
        items(results).first.get_by_role("link").first.click()
    expect(page.get_by_text("induction", exact=False).first).to_be_visible()
    assert page.url.startswith("file:")
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))] == []


@pytest.mark.long_running
@pytest.mark.parametrize("half", range(2))  # split, so that the parallel workers share it
def test_every_offline_page_fits_a_phone_and_has_a_skip_link(page: Page, unzipped, half):
    page.set_viewport_size({"width": 390, "height": 844})
    problems, every = [], sorted(unzipped.rglob("*.html"))
    assert len(every) >= 45
    for path in every[half::2]:
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems.append(f"{path.relative_to(unzipped)}: {width} px wide")
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement && document.activeElement.tagName === 'A' ? document.activeElement.textContent.trim() : ''"
        )
        if not name.startswith("Skip to"):
            problems.append(f"{path.relative_to(unzipped)}: first Tab reached {name!r}")
    assert problems == [], "\n".join(problems)
