"""Every editorial text renders under its Editorial label, never under a word-for-word note, and
shows a "Based on" link to each official page it restates.

Checked on the built site, by structure and visible text (see `editorial_html.py` for how a
reader's governing label is found).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import ROOT
from editorial_html import flatten, markdown_chunks, page_html, squash

from macros import pages
from macros.loader import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def editorial_texts(site):
    """(page source, item id, text) for every editorial text the site shows, where it shows it."""
    for principle in site.principles:
        src = pages.page_src(site, principle.id)
        yield src, principle.id, principle.meaning
        for chunk in markdown_chunks(principle.about):
            yield src, principle.id, chunk
    for guideline in site.guidelines:
        src = pages.page_src(site, guideline.id)
        for point in guideline.key_points:
            yield src, guideline.id, point
        for part in guideline.subtopics:
            for chunk in markdown_chunks(part.text):
                yield src, guideline.id, chunk
    for role in site.roles:
        src = pages.page_src(site, role.id)
        for chunk in markdown_chunks(role.what_you_do) + markdown_chunks(role.summary):
            yield src, role.id, chunk
        if role.sharing:
            for point in role.sharing.points:
                yield src, role.id, point
        for action in role.principles_in_action:
            for point in action.upheld_when:
                yield src, role.id, point
                # The principle's page repeats each role's points under "What it looks like in practice".
                yield pages.page_src(site, action.principle), role.id, point
    for tool in site.tools:
        src = pages.page_src(site, tool.id)
        for chunk in markdown_chunks(tool.summary) + markdown_chunks(tool.how_to_use):
            yield src, tool.id, chunk
        for section in tool.sections:
            for chunk in markdown_chunks(section.intro):
                yield src, tool.id, chunk
            for entry in section.items:
                if entry.status == "active":
                    yield src, entry.id, entry.text
                    for chunk in markdown_chunks(entry.help):
                        yield src, entry.id, chunk
    for term in site.glossary:
        yield "glossary.md", term.id, term.meaning
    for event in site.about.timeline:
        yield "about.md", "about", event.title
    for chunk in markdown_chunks(site.about.structure):
        yield "about.md", "about", chunk
    for chunk in markdown_chunks(site.about.standing):
        yield "about.md", "about", chunk
    for section in site.sections:
        for chunk in markdown_chunks(section.summary):
            yield "maturity/index.md", section.id, chunk


def test_every_editorial_text_shows_under_an_editorial_label(built_site, site):
    flat_pages, checked, problems = {}, 0, []
    for src, item_id, text in editorial_texts(site):
        if src not in flat_pages:
            flat_pages[src] = flatten(page_html(built_site, src))
        labels = flat_pages[src].labels_of(text)
        if not labels:
            problems.append(f"{src}: {item_id}: text not found on the page: {text[:70]!r}")
        for label in labels:
            checked += 1
            if label is None:
                problems.append(f"{src}: {item_id}: no label at all: {text[:70]!r}")
            elif label.kind != "editorial":
                problems.append(f"{src}: {item_id}: shown under the word-for-word note {label.text!r}: {text[:70]!r}")
    assert problems == [], "\n".join(problems)
    assert checked > 300  # every principle, guideline, role, tool, term and About text was found


def test_the_official_summary_comes_first_word_for_word_and_the_meaning_after_it_is_editorial(built_site, site):
    for principle in site.principles:
        flat = flatten(page_html(built_site, pages.page_src(site, principle.id)))
        kinds = [marker.kind for marker in flat.markers]
        assert kinds[:2] == ["verbatim", "editorial"], (principle.id, kinds)
        summary_labels = flat.labels_of(principle.summary)
        assert summary_labels and summary_labels[0].kind == "verbatim", principle.id
        meaning_labels = flat.labels_of(principle.meaning)
        assert meaning_labels and meaning_labels[0].kind == "editorial", principle.id


def test_the_about_page_intro_is_labelled_and_its_lead_in_is_the_decks_own(built_site):
    flat = flatten(page_html(built_site, "about.md"))
    intro = "The Data Protection and Use Policy was developed by the social sector, for the social sector"
    assert [label.kind for label in flat.labels_of(intro)] == ["editorial"]
    lead_in = "These are some of the questions asked during the engagement:"
    assert [label.kind for label in flat.labels_of(lead_in)] == ["verbatim"]
    seed = squash((ROOT / "tests" / "fixtures" / "seeds" / "dpup-introduction.txt").read_text(encoding="utf-8"))
    assert lead_in in seed
    verbatim_notes = [marker.text for marker in flat.markers if marker.kind == "verbatim"]
    assert verbatim_notes and all("apart from the timeline headings" in note for note in verbatim_notes)
    # The timeline's note, an Editorial label of its own, says its headings are ours.
    notes = [marker.text for marker in flat.markers if marker.kind == "editorial"]
    assert any("headings in this timeline are ours" in note and "Based on" in note for note in notes)


def sources_of(item):
    """Every source an item carries, on itself and on its parts."""
    found = list(getattr(item, "sources", []))
    for action in getattr(item, "principles_in_action", []):
        found += action.sources
    for section in getattr(item, "sections", []):
        found += section.sources
    for part in getattr(item, "subtopics", []):
        found += part.sources
    return found


def test_every_source_shows_as_a_based_on_link_on_its_items_page(built_site, site):
    # Every kind with pages of its own and sources, from the registry (a new one is checked too).
    cited = [kind for kind in site.registry.with_pages if "sources" in kind.model.model_fields]
    items = [item for kind in cited for item in site.items(kind.name)]
    problems, shown = [], 0
    for item in items:
        flat = flatten(page_html(built_site, pages.page_src(site, item.id)))
        titles = {}  # one link per address: a repeated address shows once, under one of its titles
        for source in sources_of(item):
            titles.setdefault(source.url, set()).add(squash(source.title))
        for url, names in titles.items():
            shown += 1
            if not any(href == url and words in names for href, words in flat.based_on_links):
                problems.append(f"{item.id}: no 'Based on' link to {url}")
        if flat.based_on_in_verbatim:
            problems.append(f"{item.id}: a 'Based on' link sits inside a word-for-word note")
    glossary = flatten(page_html(built_site, "glossary.md"))
    for term in site.glossary:
        for source in term.sources:
            shown += 1
            if (source.url, squash(source.title)) not in glossary.based_on_links:
                problems.append(f"{term.id}: no 'Based on' link on the glossary page")
    about = flatten(page_html(built_site, "about.md"))
    for source in site.about.sources:
        if (source.url, squash(source.title)) not in about.based_on_links:
            problems.append(f"about: no 'Based on' link {source.title!r}")
    assert problems == [], "\n".join(problems)
    assert shown > 40


def test_every_role_page_and_tool_has_its_editorial_label_with_a_based_on_link(built_site, site):
    for item in [*site.roles, *site.tools]:
        flat = flatten(page_html(built_site, pages.page_src(site, item.id)))
        editorial = [marker for marker in flat.markers if marker.kind == "editorial"]
        assert editorial, item.id
        assert item.sources, f"{item.id}: give the role page or tool a source"
        assert any(source.title in label.text for label in editorial for source in item.sources), item.id


class FeedbackLabels(HTMLParser):
    """Counts quiz feedback texts, and those that carry an Editorial label inside them."""

    def __init__(self):
        super().__init__()
        self.depth, self.inside, self.feedback, self.labelled, self.label_words = 0, None, 0, 0, []
        self.reading_label = self.counted = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in {"br", "input", "img", "meta", "link"}:
            return
        self.depth += 1
        if "dpup-answer__feedback-text" in classes:
            self.inside, self.feedback = self.depth, self.feedback + 1
            self.counted = False
        if self.inside and "dpup-editorial__label" in classes and not self.counted:
            self.labelled, self.counted, self.reading_label = self.labelled + 1, True, True

    def handle_endtag(self, tag):
        if tag in {"br", "input", "img", "meta", "link"}:
            return
        if self.inside == self.depth:
            self.inside = None
        self.reading_label = False
        self.depth -= 1

    def handle_data(self, data):
        if self.reading_label:
            self.label_words.append(data.strip())


def feedback_labels(html: str) -> FeedbackLabels:
    parser = FeedbackLabels()
    parser.feed(html)
    return parser


def test_all_quiz_feedback_right_or_wrong_carries_the_editorial_label(built_site, site):
    quiz = site.get("quiz-intro")
    options = sum(len(question.options) for question in quiz.questions if question.status == "active")
    for src in (pages.page_src(site, quiz.id), pages.view_src(site, quiz, "answer-key")):
        html = page_html(built_site, src)
        if "answer-key" in src:
            # The answer key shows feedback in table cells: each cell opens with the label.
            cells = html.count('<td><span class="dpup-editorial__label">Editorial</span>')
            assert cells == options, src
            continue
        parsed = feedback_labels(html)
        assert parsed.feedback == options, src
        assert parsed.labelled == options, src
        assert set(parsed.label_words) == {"Editorial"}
        for question in quiz.questions:
            for option in question.options:
                assert squash(option.feedback) in squash(flatten(html).text)
    correct = [o for q in quiz.questions for o in q.options if o.correct]
    assert correct and not any(
        option.feedback.startswith("Correct") for option in correct
    )  # the widget says "Correct." once


def test_the_offline_pack_labels_all_feedback(built_site, site):
    quiz = site.get("quiz-intro")
    pack = (built_site / pages.pack_src(site, quiz)).read_text(encoding="utf-8")
    options = sum(len(question.options) for question in quiz.questions if question.status == "active")
    parsed = feedback_labels(pack)
    assert (parsed.feedback, parsed.labelled) == (options, options)
    # Sources are named in the pack, not linked: it works from disk, with no links out.
    named = [s for q in quiz.questions for o in q.options for s in o.sources]
    assert named and all(source.title in pack and f'href="{source.url}"' not in pack for source in named)
    # The pack works from disk with its own styles: the label must be styled there too.
    assert ".dpup-editorial__label" in pack.split("</style>")[0]


def test_the_quiz_page_says_all_feedback_is_editorial(built_site, site):
    flat = flatten(page_html(built_site, pages.page_src(site, "quiz-intro")))
    notes = " ".join(marker.text for marker in flat.markers)
    assert "each answer, right or wrong, is editorial" in notes
    assert "wrong answers is editorial" not in notes
