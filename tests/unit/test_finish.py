"""The finishing pass's offline copy: made from the built site on disk, with links a browser
opens from disk, and the same bytes for the same site."""

import json
import os
import zipfile

import pytest

from macros.finish import (
    FOLDER_IN_ZIP,
    WORKER_SHIM,
    ZIP_PATH,
    file_style,
    make_offline_zip,
    offline_page,
    offline_search_index,
)

PAGE = (
    '<html><head><link rel="canonical" href="https://example.org/tools/x/">'
    '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script></head>'
    '<body><a href="../../">Home</a> <a href="../y/#part">Y</a> <a href="..">Up</a> <a href=".">Here</a>'
    ' <a href="mailto:a@b.nz">Mail</a> <a href="https://example.org/z/">Out</a> <a href="#top">Top</a>'
    ' <img src="../../assets/logo.svg" alt=""> <a href="../../downloads/dpup-toolkit-offline.zip" download>Download the whole toolkit</a>'
    "</body></html>"
)


def test_folder_links_point_at_the_folders_index_file():
    assert [file_style(path) for path in ("./", ".", "..", "../", "x/", "../x/y/", "x.css", "a/..")] == [
        "index.html",
        "index.html",
        "../index.html",
        "../index.html",
        "x/index.html",
        "../x/y/index.html",
        "x.css",
        "a/../index.html",
    ]


def test_an_offline_page_links_files_and_nothing_outside_the_copy():
    page = offline_page(PAGE)
    assert 'href="../../index.html">Home' in page and 'href="../y/index.html#part">Y' in page
    assert 'href="../index.html">Up' in page and 'href="index.html">Here' in page
    # Other schemes, other hosts, anchors and files are left as they are.
    assert 'href="mailto:a@b.nz"' in page and 'href="https://example.org/z/"' in page and 'href="#top"' in page
    assert 'src="../../assets/logo.svg"' in page
    # The copy does not link a zip it does not hold, nor claim a web address.
    assert "offline.zip" not in page and "Download the whole toolkit" in page
    assert 'rel="canonical"' not in page
    assert page.count(WORKER_SHIM) == 1 and f'<script src="../../{WORKER_SHIM}"></script></head>' in page
    assert offline_page(page) == page  # a second pass changes nothing


def test_the_search_index_is_a_script_with_file_style_locations():
    index = {"config": {}, "docs": [{"location": "", "text": "a"}, {"location": "tools/x/#part", "text": "b"}]}
    script = offline_search_index(json.dumps(index))
    assert script.startswith("var __index = ")
    docs = json.loads(script.removeprefix("var __index = "))["docs"]
    assert [doc["location"] for doc in docs] == ["index.html", "tools/x/index.html#part"]


def test_zensicals_search_index_gets_its_script_too(tmp_path):
    """Zensical reads its index on file:// from search.js beside search.json, as Material reads
    search/search_index.js: without it the offline copy's search box found nothing."""
    site = tmp_path / "site"
    site.mkdir()
    index = {"config": {"lang": ["en"]}, "items": [{"location": "", "title": "Home"}, {"location": "tools/x/#part"}]}
    (site / "search.json").write_text(json.dumps(index), encoding="utf-8")
    with zipfile.ZipFile(make_offline_zip(site)) as archive:
        assert archive.namelist() == [f"{FOLDER_IN_ZIP}/search.json", f"{FOLDER_IN_ZIP}/search.js"]
        script = archive.read(f"{FOLDER_IN_ZIP}/search.js").decode("utf-8")
    items = json.loads(script.removeprefix("var __index = "))["items"]
    assert [item["location"] for item in items] == ["index.html", "tools/x/index.html#part"]


@pytest.mark.parametrize(
    "text", ["[1, 2]", "not json", '{"items": "x"}', '{"items": [1]}', '{"items": [{"location": 3}]}', "\udcff"]
)
def test_a_search_json_that_is_not_an_index_is_zipped_as_it_is(tmp_path, text):
    """A docs/search.json of the author's own on MkDocs (or any file at an index's path that is not
    one) is copied, not read as an index: the zip is still made, and no script is made from it."""
    site = tmp_path / "site"
    site.mkdir()
    raw = text.encode("utf-8", "surrogateescape")
    (site / "search.json").write_bytes(raw)
    with zipfile.ZipFile(make_offline_zip(site)) as archive:
        assert archive.namelist() == [f"{FOLDER_IN_ZIP}/search.json"]
        assert archive.read(f"{FOLDER_IN_ZIP}/search.json") == raw


def test_the_zip_is_the_same_bytes_for_the_same_site_and_leaves_out_server_and_developer_files(tmp_path):
    site = tmp_path / "site"
    (site / "tools" / "x").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "tools" / "x" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text('<a href="tools/x/">X</a>', encoding="utf-8")
    (site / "search" / "search_index.json").write_text('{"docs": [{"location": "tools/x/"}]}', encoding="utf-8")
    for name in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
        (site / name).write_text("server only", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "bundle.js.map").write_text("{}", encoding="utf-8")  # for developer tools only
    first = make_offline_zip(site).read_bytes()
    os.utime(site / "index.html", (1, 1))  # another build writes the files at another time
    second = make_offline_zip(site).read_bytes()  # the first zip is in downloads/ now: not zipped again
    assert first == second
    with zipfile.ZipFile(site / ZIP_PATH) as archive:
        assert archive.namelist() == [
            f"{FOLDER_IN_ZIP}/index.html",
            f"{FOLDER_IN_ZIP}/search/search_index.json",
            f"{FOLDER_IN_ZIP}/search/search_index.js",
            f"{FOLDER_IN_ZIP}/tools/x/index.html",
        ]
        assert archive.read(f"{FOLDER_IN_ZIP}/index.html") == b'<a href="tools/x/index.html">X</a>'


def test_the_zip_is_written_as_zipfile_writes_it(tmp_path):
    """macros/ziparchive.py lays out entries deflated once (and kept between builds) exactly as
    Python's zipfile would write them, non-ASCII names and empty files included."""
    from macros import ziparchive

    files = {"a/index.html": b"<p>x</p>\n" * 50, "b/\u0101.txt": "m\u0101ori".encode(), "c/empty": b""}
    with zipfile.ZipFile(tmp_path / "zipfile.zip", "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=ziparchive.COMPRESS_LEVEL)
    entries = [ziparchive.Entry(name, *ziparchive._deflated(data)) for name, data in files.items()]
    ours = ziparchive.zip_bytes(entries, (2020, 1, 1, 0, 0, 0))
    assert ours == (tmp_path / "zipfile.zip").read_bytes()


def test_a_zip_made_from_kept_entries_is_the_same_and_a_changed_page_is_made_again(tmp_path, monkeypatch):
    from macros.cache import Cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))

    def zipped(site):
        cache = Cache.of_project(tmp_path, environ={})  # each build reads the cache and saves it
        made = make_offline_zip(site, cache)
        cache.save()
        return made

    site = tmp_path / "site"
    (site / "tools" / "x").mkdir(parents=True)
    (site / "tools" / "x" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text('<a href="tools/x/">X</a>', encoding="utf-8")
    cold = zipped(site).read_bytes()
    assert (tmp_path / ".cache" / "dpup" / "offline-zip.pickle").is_file()
    made = []
    monkeypatch.setattr("macros.finish.offline_page", lambda html: made.append(html) or html.replace("X", "Z"))
    assert zipped(site).read_bytes() == cold and made == []  # every entry was kept
    (site / "index.html").write_text('<a href="tools/x/">Y</a>', encoding="utf-8")
    with zipfile.ZipFile(zipped(site)) as archive:
        assert archive.read(f"{FOLDER_IN_ZIP}/index.html") == b'<a href="tools/x/">Y</a>'
    assert made == ['<a href="tools/x/">Y</a>']  # only the page that changed
