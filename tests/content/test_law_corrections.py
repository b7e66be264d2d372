"""Issue 29: the corrections a reader meets, checked on the built pages where the fact table
(`test_law_facts.py`) cannot reach: word-for-word restorations, structure, labels and the notes that
say plainly what no official copy settled."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from editorial_html import flatten, page_html, squash

from macros import pages
from macros.loader import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def flat_page(built_site, site, item_id_or_src):
    src = item_id_or_src if item_id_or_src.endswith(".md") else pages.page_src(site, item_id_or_src)
    return flatten(page_html(built_site, src))


def test_10_quiz_question_2_keeps_the_seeds_read_the_full_versions_line(built_site, site):
    question = site.get("quiz-intro.02")
    paragraphs = [squash(p) for p in re.split(r"\n\s*\n", question.explanation.strip())]
    assert paragraphs[:2] == [
        "The summary of each principle is shown below.",
        "Read the full versions online at: digital.govt.nz/dpup/principles",
    ]
    text = flat_page(built_site, site, "quiz-intro").text
    assert "Read the full versions online at: digital.govt.nz/dpup/principles" in text


def test_11_help_understand_situations_is_a_top_level_item_as_in_the_seed(site):
    lines = site.about.power_of_data.splitlines()
    item = next(line for line in lines if "help understand what situations look like" in line)
    assert item.startswith("- "), item  # top level, as seed 001 has it, not under "for example to:"
    nested = [line for line in lines if line.startswith("    - ")]
    assert len(nested) == 3 and "help understand" not in " ".join(nested)


def test_13_element_5_keeps_te_arawhiti_word_for_word_with_an_editorial_note_beside_it(built_site, site):
    element = site.get("element-treaty-partner")
    assert "advice as provided by Te Arawhiti and Stats NZ:" in element.guidance  # verbatim, unchanged
    (note,) = element.notes
    assert "Te Puni Kōkiri" in note.text and "We could not read an official page" in note.text
    assert all("not an official source" in source.title for source in note.sources if "govt.nz" not in source.url)
    flat = flat_page(built_site, site, element.id)
    labels = [marker for marker in flat.markers if "Te Puni Kōkiri" in marker.text]
    assert [label.kind for label in labels] == ["editorial"]
    assert "Based on" in labels[0].text and "not an official source" in labels[0].text


@pytest.mark.parametrize("role_id", ["role-frontline", "role-frontline-leaders"])
def test_5_the_oranga_tamariki_and_family_violence_acts_are_stated_as_duties(built_site, site, role_id):
    text = flat_page(built_site, site, role_id).text
    assert "have their own rules for sharing information to keep" not in text
    assert "Oranga Tamariki Act 1989 and the Family Violence Act 2018 have their own rules for sharing;" not in text
    assert re.search(r"(required to|must) share [^.]*Oranga Tamariki or the Police ask", text)
    assert re.search(r"(duty to|must) consider sharing[^.]*victim of family violence", text)


def test_1_funding_no_longer_calls_telling_people_only_good_practice_beyond_the_act(built_site, site):
    text = flat_page(built_site, site, "role-funding-contracting-partnering").text
    assert "This is DPUP's good-practice advice. It can go further" not in text
    assert "Part of this is now the law, not only DPUP's advice." in text
    tool_text = flat_page(built_site, site, "tool-funding-contracting-checklist").text
    assert "will they be told, as IPP 3A requires?" in tool_text


def test_no_page_calls_the_education_act_by_its_old_name_without_saying_so(built_site):
    for path in built_site.rglob("*.html"):
        text = flatten(path.read_text(encoding="utf-8")).text
        for match in re.finditer(r"[^.]*\bEducation Act 2020[^.]*", text):
            assert "Education and Training Act 2020" in text and "checklist's" in match.group(0), path
