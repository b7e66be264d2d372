"""The per-user cache of made things (Word documents, minified scripts) is used only when it is this
user's alone, and a build that finds it unusable makes things afresh."""

import os
import tempfile

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
