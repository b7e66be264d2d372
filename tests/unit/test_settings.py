"""`extra.dpup` in mkdocs.yml is a validated model: typos fail with a did-you-mean, every key is optional."""

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from macros.build import read_settings
from macros.loader import ContentErrors
from macros.siteconfig import SiteConfig


def config(tmp_path, text: str, name: str = "mkdocs.yml") -> SiteConfig:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    import yaml

    data = yaml.safe_load(text) or {}
    return SiteConfig.of({"extra": data.get("extra") or {}}, path)


def settings_of(config) -> object:
    """The settings from MkDocs' loaded config, as the plugin reads them."""
    return read_settings(config if isinstance(config, SiteConfig) else SiteConfig.of(config))


def messages(error) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_no_settings_means_the_defaults(tmp_path):
    settings = settings_of(config(tmp_path, "site_name: T\n"))
    assert (settings.content_dir, settings.quiz_dir, settings.nav_limit, settings.offline_zip) == (
        "content",
        "quiz",
        40,
        True,
    )


def test_a_misspelt_setting_fails_with_its_line_and_a_suggestion(tmp_path):
    with pytest.raises(ContentErrors) as error:
        settings_of(config(tmp_path, "site_name: T\nextra:\n  dpup:\n    content_dir: content\n    nav_limt: 3\n"))
    assert messages(error) == [
        "mkdocs.yml:5: extra.dpup: unknown setting 'nav_limt'; did you mean 'nav_limit'? "
        "(allowed: cache, content_dir, kinds, nav_limit, official_domains, offline_zip, quiz_dir, review_months)"
    ]


def test_a_setting_of_the_wrong_type_fails(tmp_path):
    with pytest.raises(ContentErrors) as error:
        settings_of(config(tmp_path, "site_name: T\nextra:\n  dpup:\n    nav_limit: many\n"))
    assert messages(error) == [
        "mkdocs.yml:4: extra.dpup: nav_limit: Input should be a valid integer, unable to parse string as an integer "
        "(got 'many')"
    ]


def test_settings_that_are_not_a_mapping_fail(tmp_path):
    with pytest.raises(ContentErrors) as error:
        settings_of(config(tmp_path, "site_name: T\nextra:\n  dpup: yes please\n"))
    assert messages(error) == ["mkdocs.yml:3: extra.dpup: must be a mapping of settings (key: value)"]


def test_an_agency_file_sets_only_what_it_changes(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nwatch: []\n"
        "extra:\n  dpup:\n    nav_limit: 3\n",
        encoding="utf-8",
    )
    loaded = load_config(str(tmp_path / "mkdocs.yml"))
    settings = settings_of(loaded)
    assert (settings.nav_limit, settings.content_dir, settings.quiz_dir) == (3, "content", "quiz")
    # The rest is inherited, whatever the project's own file says (an agency edits its publisher).
    assert loaded["extra"]["publisher"] == load_config(str(ROOT / "mkdocs.yml"))["extra"]["publisher"]
    assert loaded["site_name"] == load_config(str(ROOT / "mkdocs.yml"))["site_name"]


def test_a_typo_in_an_agency_file_names_that_file(tmp_path):
    (tmp_path / "agency.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nwatch: []\n"
        "extra:\n  dpup:\n    ofline_zip: false\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as error:
        settings_of(load_config(str(tmp_path / "agency.yml")))
    assert messages(error) == [
        "agency.yml:9: extra.dpup: unknown setting 'ofline_zip'; did you mean 'offline_zip'? "
        "(allowed: cache, content_dir, kinds, nav_limit, official_domains, offline_zip, quiz_dir, review_months)"
    ]
