"""Rendering escapes every data string, and links stay relative to the current page."""

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
    assert relative_href("principles/he-tangata.md", "guidelines/purpose-matters.md", "", True) == "../../guidelines/purpose-matters/"
    assert relative_href("principles/he-tangata.md", "index.md", "", True) == "../../"
    assert relative_href("index.md", "maturity/index.md", "level-managed", True) == "maturity/#level-managed"


def test_a_link_within_the_same_page_is_just_the_anchor():
    assert relative_href("maturity/culture.md", "maturity/culture.md", "element-culture.02", True) == "#element-culture.02"


def test_links_work_for_a_build_opened_from_disk():
    assert page_url("principles/he-tangata.md", False) == "principles/he-tangata.html"
    assert relative_href("principles/he-tangata.md", "index.md", "", False) == "../index.html"
    assert relative_href("index.md", "glossary.md", "term-iwi", False) == "glossary.html#term-iwi"
