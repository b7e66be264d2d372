"""Search finds the toolkit, not the quiz's answers, control text or the editors' guide.

Read from the built search index, which is what the search box searches: MkDocs' and ProperDocs'
search/search_index.json (which the offline copy also ships as a script), or Zensical's search.json,
whose entries have the same location, title and text.
"""

import json
import re

import pytest
import yaml
from conftest import ENGINE, ROOT


@pytest.fixture(scope="module")
def index(built_site) -> list[dict]:
    if ENGINE == "zensical":
        return json.loads((built_site / "search.json").read_text(encoding="utf-8"))["items"]
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def text_of(index) -> str:
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in index)


def test_the_answer_key_and_trainer_pages_are_not_searched(index):
    locations = {doc["location"].split("#")[0] for doc in index}
    assert "quiz/intro/" in locations and "quiz/intro/handout/" in locations
    assert not [place for place in locations if re.search(r"/(answer-key|trainer)/", place)]


def test_the_quiz_pages_answers_are_not_searched(index, built_site):
    text = text_of(index)
    assert "The correct answer is" not in text
    assert "Show the answer" not in text
    # The answer blocks' explanations and feedback: none of them is in the index.
    page = (built_site / "quiz" / "intro" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="dpup-answer__feedback-text">(.*?)</div></li>', page, re.S)
    feedback = [re.sub(r"<[^>]+>", "", block).removeprefix("Editorial").strip() for block in blocks]
    assert len(feedback) == page.count('class="dpup-answer__feedback-text"') > 10
    quiz_page = " ".join(
        re.sub(r"<[^>]+>", "", doc["text"]) for doc in index if re.match(r"quiz/intro/(#|$)", doc["location"])
    )
    assert "Question 1 of" in quiz_page  # the questions themselves are found
    assert not [sentence for sentence in feedback if sentence in quiz_page]


def test_control_text_is_not_searched(index):
    text = text_of(index)
    # (The Privacy page names "Clear my answers" in a sentence: that one is content.)
    for control in ("Correct answer", "−", "Check answer", "Try again", "Download CSV", "Reveal answer", "Undo"):
        assert control not in text, control
    # Option letters are left out, so no snippet reads "AAll data..." or "A. All data...".
    # ("A No means more thinking is needed" in a checklist's prose is a sentence, not a letter.)
    assert not re.search(r"\b[A-F](\. ?)?(All|Only|Yes|No)\b", text)


def test_the_editors_guide_is_not_searched_nor_in_the_public_navigation(index, built_site):
    assert not [doc for doc in index if doc["location"].startswith("authoring/")]
    assert "For editors" not in {doc["title"] for doc in index}
    consent = [doc["location"] for doc in index if "consent" in (doc["title"] + doc["text"]).lower()]
    assert consent and not [place for place in consent if place.startswith("authoring")]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="authoring/"' not in home
    # Editors still find it: the About page links it, and the page is built.
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../authoring/">For editors</a>' in about
    assert "<h1" in (built_site / "authoring" / "index.html").read_text(encoding="utf-8")


def test_the_quiz_page_still_shows_its_answers(built_site):
    page = (built_site / "quiz" / "intro" / "index.html").read_text(encoding="utf-8")
    # Zensical's search honours data-search-exclude and leaves it out of the page it writes.
    answers = re.findall(r'<details class="dpup-question__answer"(?: data-search-exclude)?>(.*?)</details>', page, re.S)
    assert len(answers) == page.count('class="dpup-question"')
    assert all("The correct answer is" in answer for answer in answers)


# What a form says around its content: labels, states, placeholders and messages. A snippet built
# from them read "…Not sure yet Guidance note" or "LevelWhat it looks like InformalLeadership…".
FURNITURE = (
    "Not sure yet",
    "Guidance note",
    "Notes on this criterion",
    "DPUP help for this criterion",
    "Comments on this element",
    "Not started",
    "criteria rated",
    "Not rated",
    "not yet rated",
    "Note (optional)",
    "Not applicable",
    "What it looks like",
    "There is a problem",
    "JavaScript",
    "Assessment period",
    "kept only in this browser",
)
# A word run into the next: a level name or heading glued to the sentence after it.
RUN_ON = re.compile(r"\b(?:Level|Informal|Foundational|Managed|Optimised)(?=[A-Z])")


def widget_and_criterion_sections(index) -> dict[str, str]:
    """The index entries of the self-check's steps, the criteria on element pages and the tools'
    sections, as plain text: the places where a form or a table sits around the words."""
    sections = re.compile(r"^(maturity/self-check/#sc-|maturity/[a-z-]+/#element-|tools/[a-z-]+/#tool-)")
    return {
        doc["location"]: " ".join(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).split())
        for doc in index
        if sections.match(doc["location"])
    }


def test_search_indexes_the_criteria_and_questions_not_the_form_around_them(index):
    sections = widget_and_criterion_sections(index)
    assert len(sections) > 30
    # (An element page's "Guidance note for criteria 1" and "DPUP help for this criterion:" head
    # content of their own there; on the self-check they were the form's.)
    forms = {place: text for place, text in sections.items() if not re.match(r"maturity/[a-z-]+/#element-", place)}
    furniture = {place: [f for f in FURNITURE if f in text] for place, text in forms.items()}
    assert {place: found for place, found in furniture.items() if found} == {}
    run_on = {place: RUN_ON.findall(text) for place, text in sections.items() if RUN_ON.search(text)}
    assert run_on == {}


def test_consent_finds_each_criterion_that_mentions_it_in_its_own_words(index):
    elements = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "content" / "maturity" / "elements").glob("*.yml"))
    ]
    mention = {
        criterion["id"]: element["id"].removeprefix("element-")
        for element in elements
        for criterion in element["criteria"]
        if "consent" in yaml.safe_dump(criterion).lower()
    }
    assert mention  # the shipped framework mentions consent
    found = {place for place, text in widget_and_criterion_sections(index).items() if "consent" in text.lower()}
    for criterion, element in mention.items():
        assert f"maturity/{element}/#{criterion}-title" in found, (criterion, sorted(found))
    # and nothing else of the form: only criteria sections and the self-check's element steps
    assert all(re.search(r"#(element-[a-z-]+\.\d+|sc-element-[a-z-]+)-title$", place) for place in found), found
