"""Rendering escapes every data string, and links stay relative to the current page."""

from macros.kinds import REGISTRY
from macros.pages import page_url, relative_href
from macros.render import markdown_to_html


def test_markdown_fields_render_lists_and_emphasis():
    html = markdown_to_html("Some **bold** text:\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html


def test_raw_html_in_a_markdown_field_is_shown_as_text():
    html = markdown_to_html('Hello <script>alert("x")</script> & <b>bold</b>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html or "&lt;script>" in html
    assert "&amp;" in html


def test_links_between_pages_are_relative_with_directory_urls():
    assert (
        relative_href("principles/he-tangata.md", "guidelines/purpose-matters.md", "", True)
        == "../../guidelines/purpose-matters/"
    )
    assert relative_href("principles/he-tangata.md", "index.md", "", True) == "../../"
    assert relative_href("index.md", "maturity/index.md", "level-managed", True) == "maturity/#level-managed"


def test_a_link_within_the_same_page_is_just_the_anchor():
    assert (
        relative_href("maturity/culture.md", "maturity/culture.md", "element-culture.02", True) == "#element-culture.02"
    )


def test_links_work_for_a_build_opened_from_disk():
    assert page_url("principles/he-tangata.md", False) == "principles/he-tangata.html"
    assert relative_href("principles/he-tangata.md", "index.md", "", False) == "../index.html"
    assert relative_href("index.md", "glossary.md", "term-iwi", False) == "glossary.html#term-iwi"


def test_every_kind_with_cards_gets_a_card_with_its_name_and_a_line_about_it():
    """Each kind's card is its `<kind>_card.html`, else the generic card: never an empty tile."""
    import re

    from conftest import ROOT

    from macros.loader import load_site
    from macros.render import Renderer

    site = load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT)
    renderer = Renderer(site)
    renderer.set_page("index.md")
    kinds = [kind for kind in site.registry if kind.cards]
    assert {kind.name for kind in kinds} >= {"principle", "guideline", "role", "tool", "quiz", "workshop", "plan"}
    for kind in kinds:
        html = renderer.cards(site.items(kind.name))
        cards = re.findall(r'<li class="dpup-card">(.*?)</li>', html, re.S)
        assert len(cards) == len(site.items(kind.name)) > 0, kind.name
        for card, item in zip(cards, site.items(kind.name), strict=False):
            heading = re.search(
                r'<h2 class="dpup-card__title" id="card-([^"]+)"><a href="([^"]+)">(.*?)</a></h2>', card, re.S
            )
            assert heading and heading.group(1) == item.id and heading.group(2) == renderer.link(item.id), card
            name = re.sub(r"<[^>]+>", "", heading.group(3))
            assert name.strip() and (site.name_of(item) in name or name.endswith(site.name_of(item))), (kind.name, name)
            line = re.sub(r"<[^>]+>", "", card.split("</h2>", 1)[1]).strip()
            assert len(line) > 10, (kind.name, item.id, card)
    # Te reo names are marked for screen readers, on a kind's own card and on the generic one.
    for templates in (["principle_card.html"], ["_card.html"]):
        principles = renderer.render("cards.html", cards=[(p, templates) for p in site.principles], level=2)
        assert '<a href="principles/he-tangata/"><span lang="mi">He Tāngata</span></a>' in principles


def test_cards_are_headed_one_level_below_where_they_are_placed():
    """In a template the caller says the level (`cards(items, level=3)` under an <h2>); on a
    hand-written page it is one below the last Markdown heading above the call."""
    import re

    import pytest
    from conftest import ROOT

    from macros.loader import load_site
    from macros.page_macros import card_level
    from macros.render import Renderer

    site = load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT)
    renderer = Renderer(site)
    renderer.set_page("index.md")
    mixed = [site.principles[0], site.tools[0]]  # each in its own kind's card template
    html = renderer.cards(mixed, level=3)
    assert re.findall(r'<h(\d) class="dpup-card__title" id="card-([^"]+)"', html) == [
        ("3", mixed[0].id),
        ("3", mixed[1].id),
    ]
    assert '<p class="dpup-card__meaning">' in html  # principle_card.html for the principle
    with pytest.raises(ValueError, match="cards\\(\\): level must be 2 to 6 \\(got 7\\)"):
        renderer.cards(mixed, level=7)

    call = re.compile(r"cards\(\s*(['\"])tool\1\s*\)")
    assert card_level('# Tools\n\n{{ cards("tool") }}\n', call) == 2
    assert card_level("# Tools\n\n## Checklists\n\n{{ cards('tool') }}\n## After\n", call) == 3
    assert card_level('# A\n\n```md\n### Not a heading\n```\n{{ cards("tool") }}', call) == 2
    assert card_level('# A\n###### Deep\n{{ cards("tool") }}', call) == 6
    assert card_level("# A\n## B\n", call) == 2  # the call is not in the page: under its title


def test_a_card_template_named_in_the_registry_must_exist():
    import dataclasses

    import jinja2
    import pytest
    from conftest import ROOT

    from macros.loader import load_site
    from macros.render import Renderer

    site = load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT)
    misspelt = dataclasses.replace(REGISTRY["tool"], card="tol_card.html")
    with pytest.raises(jinja2.TemplatesNotFound):
        Renderer(site).render(
            "cards.html", cards=[(tool, list(misspelt.card_templates)) for tool in site.tools], level=2
        )


def test_every_page_macro_returns_html_that_markdown_leaves_alone():
    """The macros on hand-written pages return raw HTML blocks, not a slot that one engine's event
    fills: Python-Markdown, as MkDocs and Zensical run it with the site's extensions, keeps each
    component as it is, between Markdown before and after it."""
    import markdown
    from conftest import ROOT

    from macros.build import create_context
    from macros.page_macros import page_macros
    from macros.siteconfig import SiteConfig

    # The shipped accessibility page reads the publisher's name: a site with those pages sets it.
    config = {"docs_dir": "docs", "extra": {"publisher": {"name": "T"}}}
    context = create_context(SiteConfig.of(config, ROOT / "mkdocs.yml"))
    found = {function.__name__: function for function in page_macros(context, lambda: "tools/index.md")}
    calls = [found["cards"](kind.name) for kind in REGISTRY if kind.cards]
    calls += [found[name]() for name in ("maturity_overview", "self_check", "about_dpup", "glossary")]
    extensions = ["toc", "admonition", "attr_list", "md_in_html", "tables"]
    for component in calls:
        page = markdown.markdown(f"# A page\n\nSome *text* before.\n{component}\nAnd after.\n", extensions=extensions)
        assert component.strip() in page
        assert page.startswith('<h1 id="a-page">A page</h1>\n<p>Some <em>text</em> before.</p>')
        assert page.endswith("<p>And after.</p>")
        assert "<!--dpup-" not in page


def test_links_for_an_engine_that_resolves_them_from_the_source_file():
    from macros.pages import source_href

    assert (
        source_href("principles/he-tangata.md", "guidelines/sharing-value.md", "") == "../guidelines/sharing-value.md"
    )
    assert source_href("index.md", "tools/x.md", "part") == "tools/x.md#part"
    assert source_href("tools/x.md", "tools/x.md", "part") == "#part"
    assert source_href("quiz/intro/trainer.md", "quiz/intro/dpup-intro-quiz-workshop-pack.html", "") == (
        "dpup-intro-quiz-workshop-pack.html"
    )
