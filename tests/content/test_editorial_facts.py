"""What the toolkit tells staff matches what DPUP says (issue 15: nine checked facts), and every
editorial statement about sharing, consent, correction or the law names the official page it
restates.

The facts are the ones in the content notes ("Facts to get right"), checked against the official
DPUP toolkit. Each test reads the content and, where a reader would meet the fact on a page, the
built page.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from editorial_html import flatten, markdown_chunks, page_html, squash
from pydantic import ValidationError

from macros import models as m
from macros import pages
from macros.loader import load_site

FRONTLINE_PAGE = "use-dpup-in-your-work/if-you-work-at-the-frontline/"
OVERVIEW = "dmsdocument/197~"
FUNDING_CHECKLIST = "dmsdocument/211~"
PURPOSE_TEMPLATE = "dmsdocument/220~"
PURPOSE_CHECKLIST = "dmsdocument/219~"
VALUE_LOOP = "sharing-value/applying-the-sharing-value-guideline/be-inclusive-from-the-start/"
ENDORSEMENT = "noticeboard/government-has-endorsed-the-data-protection-and-use-policy/"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def page_text(built_site, site, item_id_or_src: str) -> str:
    src = item_id_or_src if item_id_or_src.endswith(".md") else pages.page_src(site, item_id_or_src)
    return flatten(page_html(built_site, src)).text


def action(role, principle_id):
    return next(a for a in role.principles_in_action if a.principle == principle_id)


def cites(sources, fragment: str) -> bool:
    return any(fragment in source.url for source in sources)


def all_pages_text(built_site) -> dict[str, str]:
    return {
        str(path.relative_to(built_site)): flatten(path.read_text(encoding="utf-8")).text
        for path in built_site.rglob("*.html")
    }


# --- 1. Sharing to keep people safe -------------------------------------------------------------


def test_1_the_frontline_page_says_sharing_to_protect_someone_from_harm_upholds_he_tangata(built_site, site):
    he_tangata = action(site.get("role-frontline"), "principle-he-tangata")
    safety = [point for point in he_tangata.upheld_when if "safety first" in point and "harm" in point]
    assert safety and "share" in safety[0] and "Privacy Act 2020" in safety[0]
    assert cites(he_tangata.sources, FRONTLINE_PAGE)
    flat = flatten(page_html(built_site, pages.page_src(site, "role-frontline")))
    # On the page, the point sits in the He Tāngata part of "Principles in action", under its label.
    he_tangata_part = flat.text.split("Principles in action", 1)[1].split("Manaakitanga", 1)[0]
    assert squash(safety[0]) in he_tangata_part
    labels = flat.labels_of(safety[0])
    assert [label.kind for label in labels] == ["editorial"]
    assert "Based on DPUP: if you work at the frontline" in labels[0].text
    # The leaders' page tells managers the same thing.
    leaders = action(site.get("role-frontline-leaders"), "principle-he-tangata")
    assert any("safety first" in point and "harm" in point for point in leaders.upheld_when)
    assert cites(leaders.sources, FRONTLINE_PAGE)


def test_1_no_page_tells_staff_to_share_only_in_the_ways_explained(built_site):
    only_sharing = re.compile(
        r"shar\w*[^.;:]{0,60}\bonly (in the ways|for the reasons|as explained|in ways)"
        r"|only (be )?shar\w* (in the ways|for the reasons)",
        re.IGNORECASE,
    )
    found = [
        f"{page}: {match.group(0)}"
        for page, text in all_pages_text(built_site).items()
        for match in only_sharing.finditer(text)
    ]
    assert found == []


# --- 2. The Value Loop ---------------------------------------------------------------------------


def test_2_the_value_loop_says_what_right_idea_and_right_people_mean(built_site, site):
    parts = {part.title: part for part in site.get("guideline-sharing-value").subtopics}
    idea, people = parts["Right Idea"], parts["Right People"]
    assert "good understanding of the topic" in idea.text and "respects the people" in idea.text
    assert "He Tāngata" in people.text and "wellbeing of people or communities" in people.text
    # Issue 22 item 8: the cited page does not say who Right People excludes; our gloss is gone.
    assert "not mean anyone" not in people.text and "anyone at all" not in people.text
    for part in parts.values():
        assert cites(part.sources, VALUE_LOOP), part.title
    flat = flatten(page_html(built_site, pages.page_src(site, "guideline-sharing-value")))
    assert squash(people.text) in flat.text
    assert [label.kind for label in flat.labels_of(people.text)] == ["editorial"]
    assert "Based on DPUP Sharing Value guideline" in flat.labels_of(people.text)[0].text
    assert "Who has an interest in the work and should be involved" not in flat.text


# --- 3. The purpose statement's headings ---------------------------------------------------------


def purpose_parts(site):
    tool = site.get("tool-purpose-statement")
    from_tool = {
        section.title: " ".join([section.intro or ""] + [e.text for e in section.items if e.status == "active"])
        for section in tool.sections
    }
    from_guideline = {part.title: part.text for part in site.get("guideline-purpose-matters").subtopics}
    return {"tool": from_tool, "guideline": from_guideline}


def test_3_purpose_statement_headings_mean_what_the_official_template_asks(site):
    for where, parts in purpose_parts(site).items():
        assert list(parts) == ["What", "Why", "How", "Choice", "Law", "Transparency"], where
        how = parts["How"].lower()
        assert "help service users" in how and "access" in how and "organisations" in how, where
        assert "will not happen" in how and "who will not see it" in how, where
        assert not re.search(r"stor(e|ed|age)|retention|how long|kept safe|collected,", how), where
        assert re.search(r"(will not|no) (have a )?choice", parts["Choice"]), where
        assert "contracts" in parts["Law"] and "agreements" in parts["Law"], where
        assert "matched or linked" in parts["What"], where
        assert "not be used for" in parts["Why"], where


def test_3_the_builders_prompts_and_the_guideline_cite_the_template_and_checklist(built_site, site):
    tool = site.get("tool-purpose-statement")
    assert cites(tool.sources, PURPOSE_TEMPLATE) and cites(tool.sources, PURPOSE_CHECKLIST)
    for section in tool.sections:
        assert cites(section.sources, PURPOSE_TEMPLATE), section.title
    for part in site.get("guideline-purpose-matters").subtopics:
        assert cites(part.sources, PURPOSE_TEMPLATE), part.title
    # The builder shows the prompts a person answers: none asks about storage or retention.
    text = page_text(built_site, site, "tool-purpose-statement")
    how = text.split("How the use will help people", 1)[1].split("Choice", 1)[0]
    assert "naming the organisations" in how and not re.search(r"stored|retention|how long", how)
    assert "Where people will not have a choice, say so plainly." in text
    assert "Say when you will review this statement." not in text  # retired: not in the template


# --- 4. "Reasonably necessary" belongs to He Tāngata ---------------------------------------------

NECESSARY = re.compile(
    r"reasonably necessary|only what (is|we) need|collect only|only for what is needed"
    r"|only the information you need|ask only for the information you need",
    re.IGNORECASE,
)


def test_4_collecting_only_what_is_reasonably_necessary_sits_under_he_tangata(site):
    under = {"principle-he-tangata": [], "principle-kaitiakitanga": []}
    for tool in (site.get("tool-check-your-actions"), site.get("tool-principles-in-practice")):
        for section in tool.sections:
            if section.principle in under:
                under[section.principle] += [e.text for e in section.items if e.status == "active"]
        he_tangata = next(s for s in tool.sections if s.principle == "principle-he-tangata")
        assert cites(he_tangata.sources, OVERVIEW), tool.id
    for role in site.roles:
        for a in role.principles_in_action:
            if a.principle in under:
                under[a.principle] += a.upheld_when
        if any(NECESSARY.search(point) for point in action(role, "principle-he-tangata").upheld_when):
            assert cites(action(role, "principle-he-tangata").sources, OVERVIEW), role.id
    assert sum(bool(NECESSARY.search(text)) for text in under["principle-he-tangata"]) >= 7
    assert [text for text in under["principle-kaitiakitanga"] if NECESSARY.search(text)] == []
    assert "reasonably necessary" in site.get("principle-he-tangata").about


# --- 5. Funding and contracting ------------------------------------------------------------------


def test_5_funding_says_reporting_should_not_identify_service_users(built_site, site):
    role = site.get("role-funding-contracting-partnering")
    assert "should not identify service users" in squash(role.summary)
    assert cites(role.sources, FUNDING_CHECKLIST)
    text = page_text(built_site, site, role.id)
    for softer in ("when justified", "only when it is justified", "clear, justified reason"):
        assert softer not in text
    assert "further than the Privacy Act 2020 requires" in text  # where DPUP goes beyond the law


def test_5_the_checklist_asks_about_second_purposes_and_identifiable_data(built_site, site):
    tool = site.get("tool-funding-contracting-checklist")
    items = {e.id: (e.text, section) for section in tool.sections for e in section.items}
    second = [
        (text, section)
        for text, section in items.values()
        if "another purpose" in text and "agreed between the partners" in text and "told to service users" in text
    ]
    assert len(second) == 1 and cites(second[0][1].sources, FUNDING_CHECKLIST)
    active = [e.text for section in tool.sections for e in section.items if e.status == "active"]
    assert not any("avoided collecting personal information from providers" in text for text in active)
    assert any("unable to identify service users" in text for text in active)
    text = page_text(built_site, site, tool.id)
    assert squash(second[0][0]) in text
    assert "justified and proportionate?" not in text


# --- 6. Correction ------------------------------------------------------------------------------


def test_6_people_ask_for_corrections_and_the_agency_must_answer_within_the_law(built_site, site):
    """Issue 22 item 1: IPP 7 and sections 63 to 65 of the Privacy Act 2020 ask more than 'the agency decides'."""
    mana = action(site.get("role-frontline-leaders"), "principle-mana-whakahaere")
    point = next(p for p in mana.upheld_when if "correct" in p)
    assert "ask for it to be corrected" in point and "Privacy Act 2020" in point
    assert "take reasonable steps to correct" in point
    assert "20 working days" in point
    assert "give its reasons" in point and "complain to the Privacy Commissioner" in point
    assert "attach their statement of the correction" in point
    assert "decides whether to make it" not in point
    assert cites(mana.sources, "privacy-principles/7/")
    assert cites(mana.sources, "2020/0031/latest/LMS134243.html")  # s 63, decision on a correction request
    flat = flatten(page_html(built_site, pages.page_src(site, "role-frontline-leaders")))
    labels = flat.labels_of(point)
    assert [label.kind for label in labels] == ["editorial"] and "section 63" in labels[0].text
    corrects_themselves = re.compile(r"see and correct|correct their (own )?information|correct it themselves", re.I)
    found = [page for page, text in all_pages_text(built_site).items() if corrects_themselves.search(text)]
    assert found == []


# --- 8. The worked plan --------------------------------------------------------------------------


def test_8_the_worked_plan_is_described_as_responding_to_a_review(built_site, site):
    plan = site.get("plan-example-2024-25")
    assert "the Review findings" in plan.about and "not the result of a PMAF self-assessment" in plan.about
    assert "real agency" not in plan.about  # say no more than the seed does
    actions = " ".join(a.text for area in plan.focus_areas for a in area.actions)
    assert "Review findings" in actions  # the seed's own words that the description rests on
    for src in (pages.page_src(site, plan.id), "maturity/plans/index.md"):
        text = page_text(built_site, site, src)
        assert "review" in text and "Review findings" in text, src
        assert not re.search(
            r"(result|output) of (a|its|the) (PMAF )?self-assessment(?! )",
            text.replace("not the result of a PMAF self-assessment", ""),
        ), src


# --- 9. Small facts -----------------------------------------------------------------------------


def test_9_the_social_wellbeing_agency_is_named_for_its_time(built_site, site):
    swa = site.get("term-swa")
    # Issue 29 item 9: the endorsement notice of 29 January 2020 still uses the first name.
    assert "2020 to 2024" in swa.meaning and "2017 to early 2020" in swa.meaning and "since 2024" in swa.meaning
    assert "Social Investment Agency" in swa.meaning and cites(swa.sources, ENDORSEMENT)
    glossary = page_text(built_site, site, "glossary.md")
    assert squash(swa.meaning) in glossary


def test_9_not_every_resource_is_two_pages_or_less(built_site, site):
    # Issue 29 item 12: in our own words ("often"), not a count the official text does not give.
    assert "often only one or two pages long" in site.about.structure
    assert "Transparency in action" in site.about.structure and "seven" in site.about.structure
    assert "often only one or two pages long" in page_text(built_site, site, "about.md")
    for page, text in all_pages_text(built_site).items():
        assert not re.search(r"two pages or less|most of them two pages", text), page


# --- Sources on statements about sharing, consent, correction and the law -------------------------

SENSITIVE = re.compile(
    r"\b(shar(e|es|ed|ing)|consent\w*|Privacy Act|law|laws|legal\w*|legislation|correct(ion|ions|ed)"
    r"|correct (it|them|their|your|the information))\b",
    re.IGNORECASE,
)


def sensitive(text: str) -> bool:
    # Guideline names and the verdict word that opens right-answer feedback are not statements about
    # sharing or correctness of information.
    text = re.sub(r"Sharing Value|^Correct\.", "", text)
    return bool(SENSITIVE.search(text))


def statements(site):
    """(where, text, the sources that cover it): every editorial statement and its nearest sources."""
    for role in site.roles:
        for chunk in markdown_chunks(role.summary) + markdown_chunks(role.what_you_do):
            yield role.id, chunk, role.sources
        for a in role.principles_in_action:
            for point in a.upheld_when:
                yield f"{role.id} {a.principle}", point, a.sources or role.sources
        for point in role.sharing.points if role.sharing else []:
            yield f"{role.id} sharing", point, role.sharing.sources
    for tool in site.tools:
        for chunk in markdown_chunks(tool.summary) + markdown_chunks(tool.how_to_use):
            yield tool.id, chunk, tool.sources
        for section in tool.sections:
            for entry in section.items:
                for text in [entry.text, *markdown_chunks(entry.help)]:
                    yield entry.id, text, section.sources or tool.sources
    for guideline in site.guidelines:
        for point in guideline.key_points:
            yield guideline.id, point, guideline.sources
        for part in guideline.subtopics:
            yield f"{guideline.id} {part.title}", part.text, part.sources
    for principle in site.principles:
        for chunk in markdown_chunks(principle.about):
            yield principle.id, chunk, principle.sources
    for term in site.glossary:
        yield term.id, term.meaning, term.sources
    for quiz in site.quizzes:
        for question in quiz.questions:
            for option in question.options:
                yield f"{question.id} {option.key}", option.feedback, option.sources
    for chunk in markdown_chunks(site.about.structure):
        yield "about", chunk, site.about.sources
    for chunk in markdown_chunks(site.about.standing):
        yield "about standing", chunk, site.about.standing_sources
    for section in site.sections:
        for chunk in markdown_chunks(section.summary):
            yield section.id, chunk, section.sources
    for chunk in markdown_chunks(site.scale.rollup_note):
        yield "levels rollup_note", chunk, site.scale.sources


def test_every_statement_about_sharing_consent_correction_or_law_names_its_source(site):
    checked, missing = 0, []
    for where, text, sources in statements(site):
        if sensitive(text):
            checked += 1
            if not sources:
                missing.append(f"{where}: {text[:80]!r}")
    assert missing == [], "these statements need a source:\n" + "\n".join(missing)
    assert checked >= 25


def test_the_sensitivity_check_catches_what_it_should():
    assert sensitive("share information when it will protect someone from harm")
    assert sensitive("the Privacy Act 2020 allows this") and sensitive("ask for it to be corrected")
    assert not sensitive("Sharing Value does not mean opening all data to anyone.")
    assert not sensitive("Correct. These are the five DPUP principles.")
    assert not sensitive("Customary practice, the correct way of doing things")


# --- The sources field itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org/x",
        "//digital.govt.nz/x",
        "https://digital.govt.nz/a b",
        'https://x.nz/"onmouseover="x',
        "https://x.nz/<script>",
        "",
        "https://" + "a" * 600,
    ],
)
def test_a_source_must_be_a_plain_http_or_https_address(url):
    with pytest.raises(ValidationError):
        m.Source(title="A page", url=url)


def test_a_source_takes_only_a_title_and_an_address():
    with pytest.raises(ValidationError):
        m.Source(title="A page", url="https://digital.govt.nz/", note="extra")
    with pytest.raises(ValidationError):
        m.Source(title="", url="https://digital.govt.nz/")
    assert m.Source(title="A page", url="http://digital.govt.nz/x?y=1#z").url == "http://digital.govt.nz/x?y=1#z"


def test_a_bad_source_in_content_fails_with_its_file_and_line(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    role = content / "roles" / "role-frontline.yml"
    text = role.read_text(encoding="utf-8")
    role.write_text(
        text.replace(
            "\ntools:",
            "\n  - title: x\n    url: javascript:alert(document.cookie)\ntools:",
        ),
        encoding="utf-8",
    )
    assert "javascript:" in role.read_text(encoding="utf-8")
    with pytest.raises(Exception) as failure:
        load_site(content, ROOT / "quiz")
    message = str(failure.value)
    assert "content/roles/role-frontline.yml:" in message and "role-frontline" in message
    assert "url" in message and "javascript:alert" in message
