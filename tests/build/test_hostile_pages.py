"""Hostile input reaching a whole build (issue 21): hand-written pages, links out of the project,
settings, links inside content, case, and warnings of the offline build. Each build is a tiny site
that inherits the shipped mkdocs.yml, with its own docs/ and the minimal content.

For every bad input: the file and line are named, every problem at once, no traceback, nothing
run, nothing from outside published, and the last good site left as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_build

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
MARKER = "DPUP-PAGE-PAYLOAD-RAN"


def tiny_site(
    root: Path, pages: dict[str, str], extra: str = "", hooks: tuple[Path, ...] = (), macros: str = ""
) -> Path:
    """A site in `root` with these docs pages, the minimal content and the shipped config."""
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    if not (root / "content").exists():
        shutil.copytree(MINIMAL / "content", root / "content")
        shutil.copytree(MINIMAL / "quiz", root / "quiz")
    hook_list = "".join(f"  - {hook}\n" for hook in hooks)
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "site_name: Tiny\n"
        "docs_dir: docs\n"
        + (f"hooks:\n{hook_list}" if hook_list else "")
        + "plugins:\n  - search\n  - macros:\n      modules: [macros]\n      on_error_fail: true\n      on_undefined: strict\n"
        + f"{macros}"
        + "  - dpup\n"
        "watch: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
        "nav:\n" + "".join(f"  - {name}\n" for name in pages if name.endswith(".md")) + extra,
        encoding="utf-8",
    )
    return root


def last_good_site(root: Path) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build", encoding="utf-8")
    return site


def assert_failed_cleanly(result, root: Path, *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    for line in expected:
        assert line in output, output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "last good build"
    return output


def check(root: Path):
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


# --- 3. Hand-written pages ---------------------------------------------------------------------------


def test_template_code_reaching_python_fails_check_and_build_before_anything_runs(tmp_path):
    root = tiny_site(
        tmp_path,
        {
            "index.md": "# Home\n\n{{ self.__init__.__globals__.__builtins__.__import__('os')"
            f".system('touch {MARKER}') }}}}\n",
            "other.md": f"# Other\n\n{{{{ lipsum.__globals__.os.popen('touch {MARKER}2').read() }}}}\n"
            "{{ cards('nope') }}\n",
            "env.md": "# Env\n\n{{ environment }} {{ config.extra }}\n",
        },
    )
    element = root / "content" / "maturity" / "elements" / "element-culture.yml"
    element.write_text(element.read_text(encoding="utf-8").replace("level: managed", "level: managd"), "utf-8")
    last_good_site(root)
    expected = (
        "docs/index.md:3: (page): '__init__': a name starting with _ is never allowed in a page",
        "docs/other.md:3: (page): '__globals__': a name starting with _ is never allowed in a page",
        "docs/other.md:4: (page): cards(): unknown kind 'nope'",
        "docs/env.md:3: (page): 'environment' is undefined",
        "docs/env.md:3: (page): 'config.extra' is undefined",
        "content/maturity/elements/element-culture.yml:18: element-culture.01: unknown level 'managd'",
    )
    assert_failed_cleanly(run_build(root, root / "site"), root, *expected)
    result = check(root)
    assert result.returncode == 1 and all(line in result.stderr for line in expected), result.stderr
    assert "7 content problems found" in result.stderr or "6 content problems found" in result.stderr
    assert not list(tmp_path.rglob(f"{MARKER}*")) and not list(ROOT.glob(f"{MARKER}*"))


def test_pages_are_checked_with_the_delimiters_the_engine_uses(tmp_path):
    root = tiny_site(
        tmp_path,
        {"index.md": "# Home\n\n[[ cards('tool') ]] {{ not template code here }}\n[[ lipsum.__globals__ ]]\n"},
        macros="      j2_variable_start_string: '[['\n      j2_variable_end_string: ']]'\n",
    )
    last_good_site(root)
    assert_failed_cleanly(
        run_build(root, root / "site"),
        root,
        "docs/index.md:4: (page): '__globals__': a name starting with _ is never allowed in a page",
    )


def test_a_page_that_is_not_utf8_and_a_broken_if_are_named(tmp_path):
    root = tiny_site(tmp_path, {"index.md": "# Home\n\n{% if %}x{% endif %}\n"})
    (root / "docs" / "latin.md").write_bytes("# Wh\xe2nau\n".encode("latin-1"))
    last_good_site(root)
    assert_failed_cleanly(
        run_build(root, root / "site"),
        root,
        "docs/index.md:3: (page): template syntax error: Expected an expression, got 'end of statement block'",
        "docs/latin.md:1: (page): the page is not UTF-8 text; save it as UTF-8 (macrons need it)",
    )


# --- 2. Links out of the project ----------------------------------------------------------------------


def test_a_docs_page_linked_to_a_file_elsewhere_is_refused_not_published(tmp_path):
    root = tiny_site(tmp_path / "project", {"index.md": "# Home\n"})
    (root / "docs" / "leak.md").symlink_to("/etc/os-release")
    (root / "content" / "tools" / "tool-zero.yml").symlink_to("/dev/zero")
    last_good_site(root)
    assert_failed_cleanly(
        run_build(root, root / "site"),
        root,
        "docs/leak.md:1: (file): a symbolic link to '",
        "content/tools/tool-zero.yml:1: (file): a symbolic link to '/dev/zero', outside the project",
    )


# --- 4. Settings ----------------------------------------------------------------------------------------


def test_settings_are_shown_escaped_once(tmp_path):
    root = tiny_site(
        tmp_path,
        {"index.md": "# Home\n\nPublished by *{{ config.extra.publisher.name }}*.\n"},
        extra="extra:\n  publisher:\n    name: Smith & Sons (Te Tari 'Tuatahi')\n"
        "    contact_label: Tell us & ask\n    contact: mailto:a@example.govt.nz?subject=x&body=y\n",
    )
    result = run_build(root, root / "site", {"DPUP_SITE_URL": "https://example.org/a&b/"})
    assert result.returncode == 0, result.stdout + result.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Published by Smith &amp; Sons (Te Tari &#39;Tuatahi&#39;)." in home  # the footer
    assert "<em>Smith &amp; Sons (Te Tari" in home  # the page, through the variable
    assert 'href="mailto:a@example.govt.nz?subject=x&amp;body=y">Tell us &amp; ask</a>' in home
    assert "&amp;amp;" not in home
    assert 'href="/a&amp;b/">home page' in (root / "site" / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extra, env, expected",
    [
        ("extra:\n  publisher:\n    contact: javascript:alert(1)\n", {}, "extra.publisher: contact: the link"),
        ("extra:\n  publisher:\n    name: <img src=x onerror=alert(1)>\n", {}, "extra.publisher: name is shown"),
        ("", {"DPUP_SITE_URL": "ftp://files.example.org/"}, "site_url: 'ftp://files.example.org/'"),
        ("", {"DPUP_SITE_URL": 'https://x.org/"><script>alert(1)</script>'}, "site_url: 'https://x.org/\"><script>"),
    ],
)
def test_a_hostile_setting_fails_the_build_and_check_with_its_line(tmp_path, extra, env, expected):
    root = tiny_site(tmp_path, {"index.md": "# Home\n"}, extra=extra)
    last_good_site(root)
    output = assert_failed_cleanly(run_build(root, root / "site", env), root, expected)
    assert "mkdocs.yml:" in output


# --- 5 and 6. Links by id in content, escaped once, in the site and in the offline copy ----------------


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked")
    tiny_site(root, {"index.md": "# Home\n", "tools/index.md": "# Tools\n\n{{ cards('tool') }}\n"})
    tool = root / "content" / "tools" / "tool-check-your-actions.yml"
    tool.write_text(
        tool.read_text(encoding="utf-8").replace(
            "summary: A one-page checklist.",
            "summary: 'Plan & act with [the frontline role](id:role-frontline), `A & B` and AMP.'",
        ),
        encoding="utf-8",
    )
    glossary = root / "content" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "".join(
            f"  - id: term-{name.lower()}\n    term: {name}\n    language: en\n    category: acronym\n"
            f"    meaning: The {name} term\n"
            for name in ("AMP", "LT")
        ),
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - tools/index.md\n", "  - Tools:\n    - tools/index.md\n"),
        encoding="utf-8",
    )
    result = run_build(root, root / "site", {"DPUP_OFFLINE_ZIP": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(root / "site" / "downloads" / "dpup-toolkit-offline.zip") as archive:
        offline = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".html")}
    return root / "site", offline


@pytest.mark.parametrize(
    "page, href",
    [
        ("tools/check-your-actions/index.html", "../../roles/frontline/"),
        ("tools/index.html", "../roles/frontline/"),
        ("dpup-toolkit/tools/check-your-actions/index.html", "../../roles/frontline/index.html"),
        ("dpup-toolkit/tools/index.html", "../roles/frontline/index.html"),
    ],
)
def test_an_id_link_works_on_every_page_that_shows_it(linked_site, page, href):
    site, offline = linked_site
    html = offline[page] if page.startswith("dpup-toolkit/") else (site / page).read_text(encoding="utf-8")
    assert f'<a href="{href}">the frontline role</a>' in html
    folder = Path(page).parent
    target = (folder / href).as_posix() if href.endswith(".html") else (folder / href / "index.html").as_posix()
    assert _normalise(target) in offline or (site / _normalise(target)).is_file()


def test_no_id_link_is_left_unresolved_anywhere(linked_site):
    site, offline = linked_site
    pages = {str(p): p.read_text(encoding="utf-8") for p in site.rglob("*.html")} | offline
    assert [name for name, html in pages.items() if 'href="id:' in html] == []


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


@pytest.mark.browser
def test_in_the_offline_copy_a_reader_follows_an_id_link_from_the_cards(linked_site, tmp_path, page):
    from playwright.sync_api import expect

    site, _ = linked_site
    with zipfile.ZipFile(site / "downloads" / "dpup-toolkit-offline.zip") as archive:
        archive.extractall(tmp_path)
    page.goto((tmp_path / "dpup-toolkit" / "tools" / "index.html").as_uri())
    page.get_by_role("link", name="the frontline role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work at the frontline")
    assert page.url.endswith("/dpup-toolkit/roles/frontline/index.html")


def test_text_and_code_are_escaped_exactly_once_beside_entity_like_terms(linked_site):
    site, _ = linked_site
    html = (site / "tools" / "check-your-actions" / "index.html").read_text(encoding="utf-8")
    assert "Plan &amp; act" in html and "<code>A &amp; B</code>" in html
    assert "&amp;amp;" not in html and "&<" not in html
    assert '<abbr title="The AMP term">AMP</abbr>' in html


def test_a_link_by_address_in_a_page_fails_after_a_rename(tmp_path):
    pages = {"index.md": "# Home\n\nSee [the tool](tools/check-your-actions.md).\n"}
    root = tiny_site(tmp_path, pages)
    assert run_build(root, root / "site").returncode == 0
    assert 'href="tools/check-your-actions/"' in (root / "site" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(root / "site")
    (root / "docs" / "index.md").write_text(
        "# Home\n\nSee [the tool](tools/check-your-action.md) and [the role](roles/frontlin/).\n", encoding="utf-8"
    )
    # Checked before the build writes anything (MkDocs checks them too, but while writing pages).
    last_good_site(root)
    expected = (
        "docs/index.md:3: (page): the link 'tools/check-your-action.md' points to no page or file of this site",
        "docs/index.md:3: (page): the link 'roles/frontlin/' points to no page or file of this site",
    )
    assert_failed_cleanly(run_build(root, root / "site"), root, *expected)
    result = check(root)
    assert result.returncode == 1 and all(line in result.stderr for line in expected), result.stderr


# --- 7. Case ----------------------------------------------------------------------------------------------


def test_a_page_whose_address_differs_only_in_case_fails_the_build(tmp_path):
    root = tiny_site(tmp_path, {"index.md": "# Home\n", "maturity/Culture.md": "# Mine\n"})
    last_good_site(root)
    assert_failed_cleanly(
        run_build(root, root / "site"),
        root,
        "element-culture: the page for this id (maturity/culture/) would replace the hand-written page "
        "docs/maturity/Culture.md (maturity/Culture/: addresses that differ only in case",
    )


# --- 9. Warnings of the offline build are not hidden ------------------------------------------------------

WARN_IN_OFFLINE_BUILD = """
import logging, os
from pathlib import Path

def on_post_build(config):
    if os.environ.get("DPUP_OFFLINE_BUILD"):
        Path(config["config_file_path"]).with_name("offline-build-ran").touch()
        logging.getLogger("mkdocs.plugins.test").warning("only the offline build says this")
"""


def test_a_warning_only_the_offline_build_raises_fails_the_build_and_is_shown(tmp_path):
    hook = tmp_path / "warn_offline.py"
    hook.write_text(WARN_IN_OFFLINE_BUILD, encoding="utf-8")
    root = tiny_site(tmp_path / "site-root", {"index.md": "# Home\n"}, hooks=(hook,))
    result = run_build(root, root / "site", {"DPUP_OFFLINE_ZIP": "1"})
    output = result.stdout + result.stderr
    if (root / "offline-build-ran").exists():
        # The copy is still a second build: its warning must fail the strict build, said once.
        assert result.returncode != 0, output
        assert "only the offline build says this" in output
        assert "Traceback" not in output
    else:
        # The copy is made from the built site: there is no second build to hide a warning.
        assert result.returncode == 0, output
