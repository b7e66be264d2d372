"""One registry of content kinds: every kind is declared once, and a new kind needs nothing more.

The project's own kind in tests/fixtures/new-kind (four hand-written files: its model and registry
entry, its name in mkdocs.yml, its template, an example) is validated, gets its pages, its
section page, its place in the navigation, its cards and its links, with no other change.
"""

import importlib.util
import shutil

import pytest
from conftest import ROOT, run_build

from macros import kinds
from macros.loader import file_kinds, load_site
from macros.pages import generated_pages

NEW_KIND = ROOT / "tests" / "fixtures" / "new-kind"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def test_every_kind_is_declared_once_and_matches_its_model():
    names = [kind.name for kind in kinds.REGISTRY]
    assert len(names) == len(set(names))
    for kind in kinds.REGISTRY:
        assert kind.model.kind == kind.name
        assert kind.template.endswith(".html")
        if kind.pages is not None:
            assert (ROOT / "macros" / "templates" / kind.template).is_file(), kind.template
        for view in kind.views:
            assert (ROOT / "macros" / "templates" / view.template).is_file(), view.template


def test_every_kind_can_be_retired():
    for kind in kinds.REGISTRY:
        assert "status" in kind.model.model_fields, f"{kind.name} cannot be retired"


def test_children_are_found_from_the_models():
    assert kinds.REGISTRY.children_of(kinds.REGISTRY["element"]) == ("criterion",)
    assert kinds.REGISTRY.children_of(kinds.REGISTRY["quiz"]) == ("question",)
    assert kinds.REGISTRY.children_of(kinds.REGISTRY["tool"]) == ("tool-item",)


def load_new_kind():
    spec = importlib.util.spec_from_file_location("agency_story", NEW_KIND / "agency_story.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return kinds.REGISTRY.with_kind(module.KIND, NEW_KIND / "templates")


def copy_project(folder):
    """The new-kind mini-project over the minimal content set (one of every kind), in `folder`."""
    shutil.copytree(NEW_KIND, folder / "project")
    shutil.copytree(MINIMAL / "content", folder / "project" / "content", dirs_exist_ok=True)
    shutil.copytree(MINIMAL / "quiz", folder / "project" / "quiz")
    config = folder / "project" / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../macros/", f"{ROOT}/macros/"), encoding="utf-8"
    )
    return folder / "project"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """The mini-project built once (`mkdocs build --strict` as a separate process): (root, site)."""
    root = copy_project(tmp_path_factory.mktemp("built"))
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root, root / "site"


def test_a_new_kind_is_loaded_and_retired_like_the_others(project):
    (project / "content" / "agency-stories" / "agency-story-old.yml").write_text(
        "id: agency-story-old\norder: 2\ntitle: An old story\nsummary: Retired.\nstatus: retired\n", encoding="utf-8"
    )
    registry = load_new_kind()
    assert "agency-stories/*.yml" in [kind.pattern for kind in file_kinds(registry)]
    site = load_site(project / "content", project / "quiz", project, registry=registry)
    assert [story.id for story in site.agency_stories] == ["agency-story-pilot"]
    assert site.items("agency-story") is site.agency_stories
    assert site.referrers("principle-he-tangata", "agency-story")[0].id == "agency-story-pilot"
    srcs = [page.src for page in generated_pages(site, project / "docs")]
    assert "agency-stories/pilot.md" in srcs and "agency-stories/old.md" not in srcs
    # Its section page is made, as no docs/agency-stories/index.md exists; the shipped kinds'
    # sections have hand-written index pages (the minimal set's maturity/ only, here).
    assert "agency-stories/index.md" in srcs and "maturity/index.md" not in srcs


def test_the_site_learns_its_attributes_from_the_registry(project):
    site = load_site(project / "content", project / "quiz", project, registry=load_new_kind())
    assert site.agency_stories and site.tools and site.glossary and site.scale
    with pytest.raises(AttributeError, match="the site has no 'agency_storys'; did you mean 'agency_stories'"):
        site.agency_storys  # noqa: B018


def test_a_new_kind_is_refused_where_it_breaks_the_rules(project):
    from macros.loader import ContentErrors

    (project / "content" / "agency-stories" / "agency-story-bad.yml").write_text(
        "id: agency-story-bad\norder: 3\ntitle: Bad\nsummary: '[x](javascript:alert(1))'\nprinciples: [principle-he-tangta]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as errors:
        load_site(project / "content", project / "quiz", project, registry=load_new_kind())
    assert [str(problem) for problem in errors.value.problems] == [
        "content/agency-stories/agency-story-bad.yml:4: agency-story-bad: summary: the link 'javascript:alert(1)' is "
        "not allowed; links may be http, https, mailto or relative",
        "content/agency-stories/agency-story-bad.yml:5: agency-story-bad: unknown principle 'principle-he-tangta' "
        "(did you mean 'principle-he-tangata'?)",
    ]


def primary_nav(page: str) -> str:
    """The site navigation of a built page (Material's primary sidebar), without the page's content."""
    start = page.index('class="md-nav md-nav--primary"')
    return page[start : page.index("md-sidebar--secondary", start)]


def test_a_new_kind_builds_into_pages_a_section_nav_and_cards_with_no_other_change(built_project):
    # A separate `mkdocs build --strict`: the kind comes from mkdocs.yml (extra.dpup.kinds) alone.
    _, site = built_project
    page = (site / "agency-stories" / "pilot" / "index.html").read_text(encoding="utf-8")
    assert "<h1>A pilot that asked people first</h1>" in page
    assert "<strong>before</strong>" in page
    # Cards placed in a template under an <h2> are headed <h3>, as the template asks.
    assert '<h3 class="dpup-card__title" id="card-principle-he-tangata"><a href="../../principles/he-tangata/"' in page
    # The section page, made from the registry (docs/ has none): its title and the kind's cards.
    index = (site / "agency-stories" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Agency stories</h1>" in index
    assert '<h2 class="dpup-card__title" id="card-agency-story-pilot"><a href="pilot/">' in index
    # No card template of its own: the generic card shows the summary's first sentence.
    assert "The team asked the people concerned <strong>before</strong> collecting anything." in index
    # Reachable from the navigation of every page: the section, then its pages.
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = primary_nav(home)
    assert nav.index("Agency stories") < nav.index('href="agency-stories/"') < nav.index('href="agency-stories/pilot/"')
    # The shipped kinds' sections too: this project's docs/ has no index page for any of them.
    assert 'href="tools/"' in nav and 'href="tools/check-your-actions/"' in nav
    # Cards in a hand-written page under "## Principles" are headed <h3>.
    assert '<h3 class="dpup-card__title" id="card-principle-he-tangata">' in home
    principle = (site / "principles" / "he-tangata" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../agency-stories/pilot/"' in principle  # "what links here", computed


def test_the_schema_command_writes_and_links_a_schema_for_a_projects_own_kind(project):
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "schema", "-f", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Named after the model in hyphenated words, as the kind is (AgencyStory: agency-story).
    schema = json.loads((project / "schemas" / "agency-story.schema.json").read_text(encoding="utf-8"))
    assert {"id", "title", "summary", "principles"} <= set(schema["properties"])
    assert (project / "schemas" / "principles.schema.json").is_file()  # and the toolkit's kinds
    pilot = (project / "content" / "agency-stories" / "agency-story-pilot.yml").read_text(encoding="utf-8")
    assert pilot.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/agency-story.schema.json"


def test_a_kinds_setting_that_names_no_kind_is_an_error_naming_its_line(project):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("agency_story.py", "agency_stories.py"), encoding="utf-8"
    )
    result = run_build(project, project / "site")
    assert result.returncode != 0
    assert "mkdocs.yml:13: extra.dpup: kinds: 'agency_stories.py' is not a Python file" in result.stdout + result.stderr


@pytest.mark.parametrize("name", [kind.name for kind in load_new_kind()])
def test_every_registered_kind_has_an_example_a_schema_and_its_pages_in_the_build(name, built_project):
    """The test corpus follows from the registry: each kind, the project's own included, has an
    item in the fixtures (tests/fixtures/minimal, new-kind), a schema, and its page and views (or
    its anchor on another page) in a strict build."""
    from macros.cli import schema_name, schemas
    from macros.pages import anchor, page_src, page_url, view_src

    root, site_dir = built_project
    registry = load_new_kind()
    kind = registry[name]
    site = load_site(root / "content", root / "quiz", root, registry=registry)
    items = site.items(name)
    assert items, f"no {name} in tests/fixtures/minimal: add one, so that every kind is built and tested"
    written = schemas(registry)
    assert [fk for fk in file_kinds(registry) if name in fk.provides and schema_name(fk) in written], name
    if kind.pages is None and kind.anchor_on is None:
        return  # shown inside the items that use it (answer sets inside questions)
    item = items[0]

    def built(src: str) -> str:
        return (site_dir / page_url(src, True) / "index.html").read_text(encoding="utf-8")

    page = built(page_src(site, item.id))
    if kind.pages is None:
        assert f'id="{anchor(site, item.id)}"' in page, f"{item.id}: no anchor on {page_src(site, item.id)}"
        return
    # (The navigation is checked on the shipped site: tests/build/test_site_build.py.)
    for view in kind.views:
        assert "<h1" in built(view_src(site, item, view.name)), view.name
