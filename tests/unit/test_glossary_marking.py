"""Te reo Māori in rendered HTML is marked lang="mi"; glossary terms get one tooltip per page."""

from macros.glossary import TermMarker
from macros.models import Term

TERMS = [
    Term(id="term-mana", term="mana", language="mi", category="te-reo", meaning="prestige"),
    Term(id="term-mana-whakahaere", term="mana whakahaere", language="mi", category="te-reo", meaning="authority"),
    Term(id="term-whanau", term="whānau", language="mi", category="te-reo", meaning="extended family"),
    Term(
        id="term-ngo",
        term="NGO",
        language="en",
        category="acronym",
        meaning="Non-governmental organisation",
        variants=["NGOs"],
    ),
]
marker = TermMarker(TERMS)


def test_te_reo_words_are_marked_in_text():
    assert (
        marker.mark("<p>Support whānau well.</p>", tooltips=False)
        == '<p>Support <span lang="mi">whānau</span> well.</p>'
    )


def test_the_longest_term_wins():
    html = marker.mark("<p>Mana Whakahaere matters.</p>", tooltips=False)
    assert html == '<p><span lang="mi">Mana Whakahaere</span> matters.</p>'


def test_the_first_use_gets_a_tooltip_and_later_uses_do_not():
    html = marker.mark("<p>whānau and whānau; NGOs</p>", tooltips=True)
    assert html == (
        '<p><abbr title="extended family" lang="mi">whānau</abbr> and <span lang="mi">whānau</span>; '
        '<abbr title="Non-governmental organisation">NGOs</abbr></p>'
    )


def test_code_attributes_and_marked_text_are_left_alone():
    html = '<p title="whānau"><code>whānau</code><span lang="mi">whānau</span><script>var whānau;</script></p>'
    assert marker.mark(html, tooltips=False) == html


def test_parts_of_other_words_are_not_marked():
    assert marker.mark("<p>Manaakitanga and manager</p>", tooltips=False) == "<p>Manaakitanga and manager</p>"
