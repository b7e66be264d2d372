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


def test_terms_are_found_as_a_list_of_them_longest_first_would_find_them():
    """The marker's regex is a tree of the terms' shared beginnings; it finds what the plain
    alternation, longest term first, finds, where terms share beginnings or end inside others."""
    import itertools
    import random
    import re

    texts = ["mana", "mana whakahaere", "manaaki", "manaakitanga", "te ao", "te ao māori", "ngo", "ngos", "a-b", "iwi"]
    terms = [
        Term(id=f"term-{n}", term=text, language="mi", category="te-reo", meaning="m") for n, text in enumerate(texts)
    ]
    tree = TermMarker(terms).pattern
    listed = "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w-])({listed})(?![\w-])", re.I)
    words = [*texts, "Mana", "MANAAKI", "whakahaere", "x", "-", " ", "ao", "māori", "Te Ao Māori", "s", "ngosa"]
    rng = random.Random(18)
    samples = [" ".join(rng.choices(words, k=6)) for _ in range(400)]
    samples += ["".join(pair) for pair in itertools.product(words, repeat=2)]
    for sample in samples:
        assert [m.span() for m in tree.finditer(sample)] == [m.span() for m in plain.finditer(sample)], sample


def test_runs_of_tags_and_indentation_leave_the_text_between_them_as_it_was():
    html = (
        "<nav>\n  <ul>\n    <li><a href='#'>\n      mana\n    </a></li>\n  </ul>\n</nav>"
        "&amp;mana <code> mana </code>\n<!-- mana -->mana<em lang='mi'>mana</em> NGO&nbsp;NGOs"
    )
    assert marker.mark(html, tooltips=False) == (
        "<nav>\n  <ul>\n    <li><a href='#'>\n      <span lang=\"mi\">mana</span>\n    </a></li>\n  </ul>\n</nav>"
        '&amp;<span lang="mi">mana</span> <code> mana </code>\n<!-- mana --><span lang="mi">mana</span>'
        "<em lang='mi'>mana</em> NGO&nbsp;NGOs"
    )


def test_a_page_marked_by_the_last_build_is_not_marked_again(tmp_path, monkeypatch):
    from macros.cache import Cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    page = "<p>whānau and whānau; NGOs</p>"
    cache = Cache.of_project(tmp_path, environ={})
    first = TermMarker(TERMS, cache.store("marked"))
    expected = marker.mark(page, tooltips=True)
    assert first.mark(page, tooltips=True) == expected
    cache.save()
    again = Cache.of_project(tmp_path, environ={})  # the next build
    second = TermMarker(TERMS, again.store("marked"))
    monkeypatch.setattr(second, "_mark", lambda *args: "marked again")
    assert second.mark(page, tooltips=True) == expected
    assert second.mark(page, tooltips=False) == "marked again"  # not marked that way before
    other = [*TERMS[:2]]  # another glossary: pages are marked afresh
    assert TermMarker(other, again.store("marked")).mark(page, tooltips=True) != expected
