"""mkdocs.yml read without MkDocs (macros/siteconfig.py): INHERIT merged by MkDocs' rule, !ENV
read as MkDocs reads it, other tags kept and written back, and mistakes named by file and line."""

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from macros.siteconfig import SiteConfig, Tagged, dump_config, read_config
from macros.yamlfile import ContentErrors

PARENT = """\
site_name: Parent
theme:
  name: material
  palette:
    primary: indigo
    accent: indigo
  features: [navigation.indexes, toc.follow]
markdown_extensions:
  - toc:
      permalink: true
  - admonition
nav:
  - Home: index.md
extra:
  publisher:
    name: Parent agency
    contact: mailto:a@example.govt.nz
"""

CHILD = """\
INHERIT: parent/mkdocs.yml
site_name: Child
theme:
  palette:
    primary: teal
  features: [navigation.top]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  publisher:
    name: Child agency
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def child(tmp_path) -> Path:
    write(tmp_path, "parent/mkdocs.yml", PARENT)
    return write(tmp_path, "mkdocs.yml", CHILD)


def messages(error) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_inherit_merges_mappings_at_every_depth_and_a_child_list_replaces_the_parents(child):
    config = read_config(child)
    assert config["site_name"] == "Child"
    # Mappings merge: the child changes one colour and keeps the parent's other keys.
    assert config["theme"]["palette"] == {"primary": "teal", "accent": "indigo"}
    assert config["theme"]["name"] == "material"
    assert config["extra"]["publisher"] == {"name": "Child agency", "contact": "mailto:a@example.govt.nz"}
    # Lists are replaced whole, not appended: the parent's toc and admonition are gone.
    assert config["theme"]["features"] == ["navigation.top"]
    assert [next(iter(entry)) for entry in config["markdown_extensions"]] == ["pymdownx.emoji"]
    # What the child does not set comes from the parent, INHERIT itself excepted.
    assert config["nav"] == [{"Home": "index.md"}]
    assert "INHERIT" not in config


def test_inherit_gives_what_mkdocs_gives(child):
    """The same file read by MkDocs' own loader (when MkDocs is installed), tags aside: MkDocs
    resolves `!!python/name:` to the function, the toolkit keeps the tag."""
    mkdocs_yaml = pytest.importorskip("mkdocs.utils.yaml")
    with open(child, "rb") as source:
        theirs = mkdocs_yaml.yaml_load(source)
    ours = read_config(child)
    emoji = ours["markdown_extensions"][0]["pymdownx.emoji"]
    their_emoji = theirs["markdown_extensions"][0]["pymdownx.emoji"]
    assert {key: value.tag for key, value in emoji.items()} == {
        key: f"tag:yaml.org,2002:python/name:{function.__module__}.{function.__name__}"
        for key, function in their_emoji.items()
    }
    ours["markdown_extensions"][0]["pymdownx.emoji"] = theirs["markdown_extensions"][0]["pymdownx.emoji"] = None
    assert ours == theirs


def test_the_shipped_config_reads_as_mkdocs_reads_it(monkeypatch):
    mkdocs_yaml = pytest.importorskip("mkdocs.utils.yaml")
    monkeypatch.setenv("DPUP_SITE_URL", "https://example.github.io/dpup/")
    with open(ROOT / "mkdocs.yml", "rb") as source:
        assert read_config(ROOT / "mkdocs.yml") == mkdocs_yaml.yaml_load(source)


def test_env_takes_the_first_variable_set_read_as_yaml_else_the_default(tmp_path, monkeypatch):
    path = write(
        tmp_path,
        "mkdocs.yml",
        "site_url: !ENV [DPUP_TEST_URL, DPUP_TEST_OTHER, 'http://localhost/']\n"
        "strict: !ENV DPUP_TEST_STRICT\nnothing: !ENV DPUP_TEST_UNSET\n",
    )
    for name in ("DPUP_TEST_URL", "DPUP_TEST_OTHER", "DPUP_TEST_STRICT", "DPUP_TEST_UNSET"):
        monkeypatch.delenv(name, raising=False)
    assert read_config(path) == {"site_url": "http://localhost/", "strict": None, "nothing": None}
    monkeypatch.setenv("DPUP_TEST_OTHER", "https://example.govt.nz/")
    monkeypatch.setenv("DPUP_TEST_STRICT", "true")
    assert read_config(path) == {"site_url": "https://example.govt.nz/", "strict": True, "nothing": None}


def test_tags_are_kept_never_run_and_written_back_as_tags(child):
    config = read_config(child)
    emoji = config["markdown_extensions"][0]["pymdownx.emoji"]
    assert emoji["emoji_index"] == Tagged("tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji", "")
    written = dump_config(config)
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert "<function" not in written
    # Read back by the toolkit, and by the engines' loader (PyYAML's full one), which resolves it.
    again = write(child.parent, "again.yml", written)
    assert read_config(again) == config
    emoji_module = pytest.importorskip("material.extensions.emoji")
    resolved = yaml.load(written, Loader=yaml.Loader)["markdown_extensions"][0]["pymdownx.emoji"]
    assert resolved == {"emoji_index": emoji_module.twemoji, "emoji_generator": emoji_module.to_svg}


def test_a_key_written_twice_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "mkdocs.yml", "site_name: A\ntheme:\n  name: material\n  name: mkdocs\nsite_name: B\n")
    with pytest.raises(ContentErrors) as error:
        read_config(path)
    assert messages(error) == [
        "mkdocs.yml:4: config: 'name' is set twice; keep one",
        "mkdocs.yml:5: config: 'site_name' is set twice; keep one",
    ]


def test_a_missing_or_circular_inherit_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "mkdocs.yml", "site_name: A\nINHERIT: base.yml\n")
    with pytest.raises(ContentErrors) as error:
        read_config(path)
    assert messages(error) == [f"mkdocs.yml:2: config: INHERIT: no such file: {tmp_path / 'base.yml'}"]
    write(tmp_path, "base.yml", "INHERIT: mkdocs.yml\n")
    with pytest.raises(ContentErrors) as error:
        read_config(path)
    assert messages(error) == ["base.yml:1: config: INHERIT goes round in a circle: mkdocs.yml"]


def test_a_config_that_is_not_yaml_or_not_a_mapping_is_one_plain_problem(tmp_path):
    with pytest.raises(ContentErrors) as error:
        read_config(write(tmp_path, "mkdocs.yml", "site_name: [unclosed\n"))
    assert messages(error)[0].startswith("mkdocs.yml:2: config: not valid YAML: ")
    with pytest.raises(ContentErrors) as error:
        read_config(write(tmp_path, "mkdocs.yml", "- a list\n"))
    assert messages(error) == ["mkdocs.yml:1: config: must be a mapping of settings (key: value)"]
    with pytest.raises(ContentErrors) as error:
        read_config(tmp_path / "missing.yml")
    assert messages(error) == ["missing.yml:1: config: no such file"]


def test_the_defaults_the_toolkit_relies_on(tmp_path):
    path = write(tmp_path, "mkdocs.yml", "site_name: T\n")
    config = SiteConfig.of(read_config(path), path)
    assert (config.docs_dir, config.use_directory_urls, config.site_url, config.nav, config.custom_dir) == (
        tmp_path / "docs",
        True,
        "",
        None,
        None,
    )
    assert (dict(config.extra), config.extra_css, config.extra_javascript, dict(config.template_syntax)) == (
        {},
        [],
        [],
        {},
    )


def test_the_same_config_from_mkdocs_and_from_the_toolkit_is_the_same_site_config(monkeypatch):
    mkdocs_config = pytest.importorskip("mkdocs.config")
    monkeypatch.setenv("DPUP_SITE_URL", "https://example.github.io/dpup/")
    theirs = SiteConfig.of(mkdocs_config.load_config(str(ROOT / "mkdocs.yml")))
    ours = SiteConfig.of(read_config(ROOT / "mkdocs.yml"), ROOT / "mkdocs.yml")
    assert ours == theirs
