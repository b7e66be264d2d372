"""The per-user cache of made things (Word documents, minified scripts) is used only when it is this
user's alone, and a build that finds it unusable makes things afresh."""

import os
import tempfile
import time

import pytest

from macros import assets, diskcache


@pytest.fixture
def temp(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is checked where there are users")
def test_a_folder_others_can_write_to_is_not_used(temp):
    shared = temp / f"dpup-minified-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    assert diskcache.folder("minified") is None
    shared.chmod(0o700)
    assert diskcache.folder("minified") == shared


def test_what_is_written_is_read_back_and_a_missing_entry_is_none(temp):
    folder = diskcache.folder("word-cache")
    assert folder is not None and folder.parent == temp
    diskcache.write(folder / "a.bin", b"made")
    assert diskcache.read(folder / "a.bin") == b"made"
    assert diskcache.read(folder / "b.bin") is None
    assert diskcache.read(None) is None
    assert [path.name for path in folder.iterdir()] == ["a.bin"]  # no half-written file left


@pytest.mark.skipif(assets._MINIFIER_VERSION is None, reason="tdewolff-minify has no wheel for this machine")
def test_a_minified_file_comes_from_the_cache_the_second_time_and_is_the_same(temp, monkeypatch):
    first = assets.compact("js/widgets.js")
    cached = list((temp / f"dpup-minified-{os.getuid()}").iterdir())
    assert len(cached) == len(assets.parts("js/widgets.js")) == 2  # each part is minified (and kept) on its own
    monkeypatch.setattr(assets, "_minify", lambda name, text: pytest.fail("minified again"))
    assert assets.compact("js/widgets.js") == first
    assert "\n  " not in first and len(first) < len(assets.read("js/widgets.js")) * 0.7


def test_a_memo_serves_what_the_last_build_made_from_the_same_source_and_code(temp):
    made = []

    def make(text):
        return lambda: made.append(text) or text.upper()

    first = diskcache.Memo("marked", b"code 1")
    assert first.get(b"a", make("a")) == "A" and first.get(b"b", make("b")) == "B"
    first.save()
    second = diskcache.Memo("marked", b"code 1")
    assert second.get(b"a", make("x")) == "A"  # kept: not made again
    assert second.get(b"c", make("c")) == "C"
    second.save()  # keeps what this build used: a and c, not b
    third = diskcache.Memo("marked", b"code 1")
    assert third.get(b"b", make("b")) == "B" and made == ["a", "b", "c", "b"]
    assert diskcache.Memo("marked", b"code 2").get(b"a", make("a")) == "A" and made[-1] == "a"  # other code


def test_a_damaged_memo_is_made_again(temp):
    memo = diskcache.Memo("marked", b"code")
    memo.get(b"a", lambda: "A")
    memo.save()
    next(temp.glob("dpup-marked-*/memo.pickle")).write_bytes(b"\x80\x05not a pickle")
    assert diskcache.Memo("marked", b"code").get(b"a", lambda: "made again") == "made again"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is checked where there are users")
def test_a_link_in_place_of_the_folder_is_not_followed(temp):
    """Another user can make the name first, as a link to a private folder of ours (~/.ssh): the
    cache would then write and remove files there."""
    private = temp / "private"
    private.mkdir(mode=0o700)
    (temp / f"dpup-minified-{os.getuid()}").symlink_to(private)
    assert diskcache.folder("minified") is None


def test_what_a_stopped_build_left_half_written_is_removed_after_an_hour(temp):
    folder = diskcache.folder("content")
    old, recent = folder / "a.123.part", folder / "b.456.part"
    for part in (old, recent):
        part.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    diskcache.write(folder / "c.pickle", b"whole")
    assert not old.exists() and recent.exists() and (folder / "c.pickle").read_bytes() == b"whole"
