"""One site, several engines: `dpup-toolkit build --engine ...` (./dev build --engine ...).

ProperDocs, the maintained fork of MkDocs 1.x, must build the same site as MkDocs: the same files,
byte for byte apart from the generator tag (the offline zip compared entry by entry, the sitemap
unpacked). Two MkDocs builds of the same content give the same zip, byte for byte."""

import gzip
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from macros.finish import ZIP_PATH

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def dpup_build(engine: str, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", "--engine", engine, "-d", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def comparable(name: str, data: bytes):
    if name.endswith(".html"):
        return GENERATOR.sub(b"", data)
    if name.endswith(".gz"):
        return gzip.decompress(data)  # the gzip header holds the time it was written
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {entry: comparable(entry, archive.read(entry)) for entry in archive.namelist()}
    return data


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = dpup_build("properdocs", site)
    assert result.returncode == 0, result.stderr
    return site


def test_properdocs_builds_the_same_site_apart_from_the_generator_tag(built_site, properdocs_site):
    ours, theirs = files(built_site), files(properdocs_site)
    assert sorted(theirs) == sorted(ours)
    assert len([name for name in ours if name.endswith(".html")]) >= 47
    different = [
        name
        for name in ours
        if comparable(name, ours[name].read_bytes()) != comparable(name, theirs[name].read_bytes())
    ]
    assert different == []
    assert b"ProperDocs 1.6.7" in (properdocs_site / "index.html").read_bytes()


def test_two_builds_make_the_same_offline_zip_byte_for_byte(built_site, properdocs_site, tmp_path):
    again = tmp_path / "again"
    result = dpup_build("mkdocs", again)
    assert result.returncode == 0, result.stderr
    assert (again / ZIP_PATH).read_bytes() == (built_site / ZIP_PATH).read_bytes()


def test_an_unknown_or_unfinished_engine_is_refused_with_a_message(tmp_path):
    for engine, message in (("hugo", "unknown engine 'hugo'"), ("zensical", "zensical: not supported yet")):
        result = dpup_build(engine, tmp_path / engine)
        assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / engine).exists()
