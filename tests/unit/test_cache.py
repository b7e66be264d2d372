"""The toolkit's one cache (macros/cache.py): beside the project, signed with a key kept outside it,
off by a setting or DPUP_CACHE, emptied by `./dev clean`; and the loaded content kept in it
(`build.cached_load_site`): the same site as a fresh load, loaded again whenever the content, the
code or the libraries change, never kept when the content has problems."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from macros import cache as cache_module
from macros.build import Folders, cached_load_site, create_context
from macros.cache import Cache
from macros.kinds import REGISTRY
from macros.loader import ContentErrors, load_site
from macros.siteconfig import SiteConfig, read_config


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    """A signing key of this test's own (XDG_CACHE_HOME), as on a fresh machine."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("DPUP_CACHE", raising=False)


@pytest.fixture
def project(tmp_path):
    """A copy of the shipped content beside an empty mkdocs.yml."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "quiz", root / "quiz")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return root


@pytest.fixture
def loads(monkeypatch):
    """How many times the content was read and validated."""
    from macros import build

    calls = []

    def counted(*args):
        calls.append(args)
        return load_site(*args)

    monkeypatch.setattr(build, "load_site", counted)
    return calls


def folders(root: Path) -> Folders:
    return Folders(root, root / "content", root / "quiz", root / "docs")


def build_once(root: Path, cache: Cache | None = None):
    """One build's load: a cache read from disk, the content loaded, the cache saved."""
    cache = cache or Cache.of_project(root)
    site = cached_load_site(folders(root), REGISTRY, cache)
    cache.save()
    return site


def same_site(a, b) -> bool:
    return (
        repr(a.lists) == repr(b.lists)
        and repr(a.index) == repr(b.index)
        and a.backlinks == b.backlinks
        and [repr(getattr(a, kind.plural)) for kind in REGISTRY] == [repr(getattr(b, kind.plural)) for kind in REGISTRY]
    )


def test_the_cache_is_one_folder_beside_the_project_that_git_ignores(project, loads):
    first = build_once(project)
    second = build_once(project)
    assert len(loads) == 1 and same_site(first, second)
    assert second.index["principle-he-tangata"].item is second.principles[0]  # one object, as in a fresh load
    folder = project / ".cache" / "dpup"
    assert sorted(path.name for path in folder.iterdir()) == [".gitignore", "content.pickle"]
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=project, capture_output=True, text=True
    )
    assert ".cache" not in status.stdout and "content/principles.yml" in status.stdout


def test_a_content_change_loads_again_and_the_old_bytes_are_made_again_too(project, loads):
    build_once(project)
    principles = project / "content" / "principles.yml"
    text = principles.read_text(encoding="utf-8")
    principles.write_text(text.replace("name: He Tāngata", "name: He Tāngata Changed", 1), encoding="utf-8")
    assert build_once(project).get("principle-he-tangata").name == "He Tāngata Changed"
    principles.write_text(text, encoding="utf-8")
    assert build_once(project).get("principle-he-tangata").name == "He Tāngata"
    assert len(loads) == 3  # a store keeps what the last build used: one site's worth


def test_a_change_to_the_code_or_libraries_names_every_entry_anew(project, loads, monkeypatch):
    build_once(project)
    monkeypatch.setattr(cache_module, "_STAMP", [b"another version of the toolkit"])
    build_once(project)
    assert len(loads) == 2


def test_the_code_hash_covers_every_module_of_the_toolkit(tmp_path):
    package = tmp_path / "macros"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = cache_module.code_hash(package)
    assert first == cache_module.code_hash(cache_module.PACKAGE)
    assert cache_module.stamp().startswith(first)
    for changed in (package / "models.py", package / "word_docx.py"):
        changed.write_bytes(changed.read_bytes() + b"\n# changed\n")
        assert cache_module.code_hash(package) != first
        first = cache_module.code_hash(package)


def test_content_with_problems_is_reported_every_time_and_never_kept(project, loads):
    tools = project / "content" / "tools"
    (tools / "tool-policy-cycle.yml").write_text("id: tool-policy-cycle\nnonsense: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentErrors) as caught:
            build_once(project)
        assert "content/tools/tool-policy-cycle.yml:2: tool-policy-cycle: unknown field 'nonsense'" in (
            caught.value.report()
        )
    assert len(loads) == 2 and not (project / ".cache" / "dpup" / "content.pickle").exists()


def test_a_file_saved_while_the_content_loads_is_not_kept_under_the_old_bytes(project, monkeypatch):
    from macros import build

    tool = project / "content" / "tools" / "tool-policy-cycle.yml"
    good = tool.read_text(encoding="utf-8")
    broken = good + "nonsense: 1\n"
    tool.write_text(broken, encoding="utf-8")

    def load_after_a_save(*args):
        tool.write_text(good, encoding="utf-8")  # saved between naming the entry and reading the files
        return load_site(*args)

    monkeypatch.setattr(build, "load_site", load_after_a_save)
    build_once(project)
    monkeypatch.setattr(build, "load_site", load_site)
    tool.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentErrors, match="unknown field 'nonsense'"):
        build_once(project)


def test_an_entry_this_user_did_not_write_is_never_read(project, loads, tmp_path, monkeypatch):
    """A `.cache/` committed to the repository (or written by another user, or damaged) is signed
    with another key, or none: the content is loaded from the files and the entry never unpickled."""
    build_once(project)
    entry = project / ".cache" / "dpup" / "content.pickle"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))  # CI, checking the commit out
    monkeypatch.setattr("pickle.loads", lambda data: pytest.fail("an unsigned entry was unpickled"))
    assert build_once(project).principles
    assert len(loads) == 2
    entry.write_bytes(b"\0" * 32 + b"not a pickle")
    assert build_once(project).principles and len(loads) == 3


def test_a_key_others_can_read_turns_the_cache_off(project, tmp_path):
    Cache.of_project(project)  # makes the key
    key = tmp_path / "home-cache" / "dpup-toolkit" / "key"
    assert key.stat().st_mode & 0o777 == 0o600
    key.chmod(0o644)
    assert not Cache.of_project(project).enabled
    key.chmod(0o600)
    assert Cache.of_project(project).enabled


def test_a_cache_folder_that_is_a_link_is_not_used(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".cache").symlink_to(elsewhere, target_is_directory=True)
    assert not Cache.of_project(project).enabled
    (project / ".cache").unlink()
    (project / ".cache").mkdir()
    (project / ".cache" / "dpup").symlink_to(elsewhere, target_is_directory=True)
    assert not Cache.of_project(project).enabled


@pytest.mark.parametrize(
    "setting, environ",
    [("cache: false", {}), ("cache: true", {"DPUP_CACHE": "0"}), ("cache: false", {"DPUP_CACHE": " 0 "})],
)
def test_the_setting_or_the_environment_turns_the_cache_off(project, loads, setting, environ):
    config = project / "mkdocs.yml"
    config.write_text(f"site_name: Test\nextra:\n  dpup:\n    {setting}\n", encoding="utf-8")
    for _ in range(2):
        context = create_context(SiteConfig.of(read_config(config), config), environ=environ)
        context.renderer.generated_page(context.pages["tools/check-your-actions.md"])
        context.documents()
        context.cache.save()
        assert not context.cache.enabled
    assert len(loads) == 2 and not (project / ".cache").exists()
    on = create_context(SiteConfig.of(read_config(config), config), environ={})
    assert on.cache.enabled == (setting == "cache: true")
    forced = create_context(SiteConfig.of(read_config(config), config), environ={"DPUP_CACHE": "1"})
    assert forced.cache.enabled


@pytest.mark.parametrize("value", ["off", "false", "yes", "2"])
def test_any_other_value_of_dpup_cache_stops_the_build_and_says_what_it_may_be(project, value):
    config = project / "mkdocs.yml"
    config.write_text("site_name: Test\nextra:\n  dpup:\n    cache: true\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        create_context(SiteConfig.of(read_config(config), config), environ={"DPUP_CACHE": value})
    assert [str(problem) for problem in caught.value.problems] == [
        f"mkdocs.yml:3: DPUP_CACHE: '{value}' is not one of 1 (use the build cache) or 0 (leave it alone); "
        "unset it to follow extra.dpup.cache"
    ]
    assert not (project / ".cache").exists()


def test_a_build_from_the_cache_makes_the_same_documents_and_pages(project, monkeypatch):
    config = project / "mkdocs.yml"

    def build():
        context = create_context(SiteConfig.of(read_config(config), config), environ={})
        made = (context.documents(), context.renderer.generated_page(context.pages["tools/check-your-actions.md"]))
        context.cache.save()
        return made

    first = build()
    from macros import word

    monkeypatch.setattr(word, "_build", lambda *args: pytest.fail("a Word document was made again"))
    assert build() == first
    stores = sorted(path.name for path in (project / ".cache" / "dpup").glob("*.pickle"))
    assert stores == ["content.pickle", "templates.pickle", "word.pickle"]


def test_dev_clean_removes_the_cache_and_nothing_else(tmp_path):
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    for path in (".cache/dpup/content.pickle", ".cache/plugin/social/card.png", "site/index.html", ".dpup/docs/a.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    result = subprocess.run(["bash", str(tmp_path / "dev"), "clean"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Removed the build cache" in result.stdout
    assert not (tmp_path / ".cache" / "dpup").exists() and not (tmp_path / ".dpup").exists()
    assert (tmp_path / ".cache/plugin/social/card.png").is_file()  # another tool's cache: not ours to remove
    assert (tmp_path / "site/index.html").is_file()  # the last good build stays
    (tmp_path / ".cache/plugin/social/card.png").unlink()
    shutil.rmtree(tmp_path / ".cache/plugin")
    assert subprocess.run(["bash", str(tmp_path / "dev"), "clean"], capture_output=True).returncode == 0
    assert not (tmp_path / ".cache").exists()  # an empty .cache/ goes too


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads every file")
def test_an_unreadable_key_turns_the_cache_off(project, tmp_path):
    Cache.of_project(project)
    (tmp_path / "home-cache" / "dpup-toolkit" / "key").chmod(0)
    assert not Cache.of_project(project).enabled
