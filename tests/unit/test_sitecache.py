"""The loaded content kept between builds (macros/sitecache.py): the same site as a fresh load,
made again whenever the content, the code or the libraries change, never kept when the content
has problems (they are all reported, as always), and never read from a folder others can write."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from macros import diskcache, sitecache
from macros.kinds import REGISTRY
from macros.loader import ContentErrors, load_site
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the shipped content, and a cache folder of this test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "quiz", root / "quiz")
    return root


@pytest.fixture
def loads(monkeypatch):
    """How many times the content was read and validated."""
    calls = []

    def counted(*args):
        calls.append(args)
        return load_site(*args)

    monkeypatch.setattr(sitecache, "load_site", counted)
    return calls


def cached(root: Path):
    return sitecache.cached_load_site(root / "content", root / "quiz", root, REGISTRY)


def entries(root: Path) -> list[Path]:
    return sorted((root.parent / "tmp").glob("dpup-content-*/*.pickle"))


def same_site(a, b) -> bool:
    return (
        repr(a.lists) == repr(b.lists)
        and repr(a.site_data) == repr(b.site_data)
        and repr(a.index) == repr(b.index)
        and a.backlinks == b.backlinks
        and [repr(getattr(a, kind.plural)) for kind in REGISTRY] == [repr(getattr(b, kind.plural)) for kind in REGISTRY]
    )


def test_the_second_load_comes_from_the_cache_and_is_the_same_site(project, loads):
    first = cached(project)
    second = cached(project)
    assert len(loads) == 1 and len(entries(project)) == 1
    assert second is not first and same_site(first, second)
    assert same_site(second, load_site(project / "content", project / "quiz", project))
    assert second.get("principle-he-tangata") == first.get("principle-he-tangata")
    # The items in the lists and in the index are one object each, as in a fresh load.
    assert second.index["principle-he-tangata"].item is second.principles[0]


def test_a_content_change_loads_again_and_shows(project, loads):
    cached(project)
    principles = project / "content" / "principles.yml"
    text = principles.read_text(encoding="utf-8")
    principles.write_text(text.replace("name: He Tāngata", "name: He Tāngata Changed", 1), encoding="utf-8")
    site = cached(project)
    assert len(loads) == 2
    assert site.get("principle-he-tangata").name == "He Tāngata Changed"
    principles.write_text(text, encoding="utf-8")  # back as it was: the first entry serves again
    assert cached(project).get("principle-he-tangata").name == "He Tāngata"
    assert len(loads) == 2


def test_a_new_or_removed_file_loads_again(project, loads):
    cached(project)
    tool = project / "content" / "tools" / "tool-check-your-actions.yml"
    kept = tool.read_bytes()
    tool.unlink()
    try:
        assert "tool-check-your-actions" not in cached(project).index
    except ContentErrors:
        pass  # something refers to the removed tool: reported as without the cache
    tool.write_bytes(kept)
    assert "tool-check-your-actions" in cached(project).index
    assert len(loads) == 2  # the first load's entry serves again: the same bytes as before
    (project / "content" / "tools" / "notes.yaml").write_bytes(kept)
    with pytest.raises(ContentErrors, match=r"notes\.yaml:1: \(file\): not a known content file"):
        cached(project)


def test_a_change_to_the_code_or_libraries_loads_again(project, loads, monkeypatch):
    cached(project)
    monkeypatch.setattr(diskcache, "_CODE", [b"another version of the toolkit"])
    cached(project)
    assert len(loads) == 2 and len(entries(project)) == 2


def test_the_code_hash_covers_every_module_of_the_toolkit(tmp_path):
    package = tmp_path / "macros"
    shutil.copytree(diskcache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = diskcache.code_hash(package)
    assert first == diskcache.code_hash(diskcache.PACKAGE) == diskcache.toolkit_code()
    for changed in (package / "models.py", package / "yamlfile.py"):
        changed.write_bytes(changed.read_bytes() + b"\n# changed\n")
        assert diskcache.code_hash(package) != first
        first = diskcache.code_hash(package)
    (package / "components" / "extra.py").write_text("X = 1\n", encoding="utf-8")
    assert diskcache.code_hash(package) != first


def test_content_with_problems_is_reported_every_time_and_never_kept(project, loads):
    tools = project / "content" / "tools"
    (tools / "tool-check-your-actions.yml").write_text("id: tool-check-your-actions\norder: x\n", encoding="utf-8")
    (tools / "tool-policy-cycle.yml").write_text("id: tool-policy-cycle\nnonsense: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentErrors) as caught:
            cached(project)
        report = caught.value.report()
        assert "content/tools/tool-check-your-actions.yml:2: tool-check-your-actions: order:" in report
        assert "content/tools/tool-policy-cycle.yml:2: tool-policy-cycle: unknown field 'nonsense'" in report
    assert len(loads) == 2 and entries(project) == []


def test_a_damaged_entry_is_made_again(project, loads):
    cached(project)
    [entry] = entries(project)
    entry.write_bytes(b"not a pickle")
    site = cached(project)
    assert len(loads) == 2 and site.principles


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is checked where there are users")
def test_a_folder_others_can_write_to_is_not_used(project, loads):
    shared = project.parent / "tmp" / f"dpup-content-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    cached(project)
    cached(project)
    assert len(loads) == 2 and list(shared.iterdir()) == []


def test_only_the_newest_entries_are_kept(project, monkeypatch):
    monkeypatch.setattr(sitecache, "KEPT", 2)
    glossary = project / "content" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    for number in range(4):
        glossary.write_text(text + f"\n# edit {number}\n", encoding="utf-8")
        cached(project)
    assert len(entries(project)) == 2


def test_the_markdown_fields_come_converted_with_the_content(project, monkeypatch):
    from macros import markup

    fresh = markup.markdown_to_html(cached(project).get("principle-he-tangata").about)
    monkeypatch.setattr(markup, "_CONVERTED", {})

    class NoConverter:
        def reset(self):
            raise AssertionError("converted again")

    monkeypatch.setattr(markup, "_MARKDOWN", NoConverter())
    assert markup.markdown_to_html(cached(project).get("principle-he-tangata").about) == fresh


def test_a_file_saved_while_the_content_loads_leaves_nothing_kept_under_the_old_bytes(project, monkeypatch):
    """An editor saving while the loader reads: the site loaded from the new bytes must not be kept
    under the name of the old ones, or a later return to the old (broken) bytes would hide their problems."""
    tool = project / "content" / "tools" / "tool-policy-cycle.yml"
    broken = tool.read_text(encoding="utf-8") + "nonsense: 1\n"
    good = tool.read_text(encoding="utf-8")
    tool.write_text(broken, encoding="utf-8")

    def load_after_a_save(*args):
        tool.write_text(good, encoding="utf-8")  # saved between naming the entry and reading the files
        return load_site(*args)

    monkeypatch.setattr(sitecache, "load_site", load_after_a_save)
    cached(project)
    monkeypatch.setattr(sitecache, "load_site", load_site)
    tool.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        cached(project)
    assert "unknown field 'nonsense'" in caught.value.report()


def test_a_link_out_of_the_project_is_refused_without_being_read(project, monkeypatch):
    secret = project.parent / "elsewhere" / "big.yml"
    secret.parent.mkdir()
    secret.write_text("id: elsewhere\n", encoding="utf-8")
    (project / "content" / "tools" / "tool-linked.yml").symlink_to(secret)
    read = Path.read_bytes

    def refuse_outside(path):
        assert path.resolve() != secret, "the cache read a file outside the project"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_outside)
    with pytest.raises(ContentErrors) as caught:
        cached(project)
    assert "content/tools/tool-linked.yml:1: (file): a symbolic link to" in caught.value.report()
