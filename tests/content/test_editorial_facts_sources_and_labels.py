"""Facts with their sources and labels (issue 22): what the toolkit says matches DPUP, the Privacy
Act 2020 and the Privacy Commissioner's guidance, with the page each fact rests on in `sources`,
and what is official is told apart from what is ours. (The first facts checked, issue 15, are in
test_editorial_facts.py.)

One test per fact. Each reads the content and, where a reader meets the fact, the built page. The
official pages relied on are named in docs/authoring.md ("What was checked").
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from editorial_html import flatten, markdown_chunks, page_html, squash

from macros import pages, review
from macros.loader import load_site

IPP11 = "2020/0031/latest/LMS23342.html"  # Privacy Act 2020, s 22: the IPPs
SERIOUS_THREAT = "privacy.org.nz/tools/knowledge-base/view/73"
SHARING_FRAMEWORKS = "information-sharing-childrens-wellbeing-and-safety/information-sharing-frameworks"
FUNDING_CHECKLIST = "dmsdocument/211~"
ENDORSEMENT = "dpup.swa.govt.nz/noticeboard/government-has-endorsed-the-data-protection-and-use-policy/"
WHAT_DPUP_IS = "learn-about-dpup/what-dpup-is/"
LAWS = "dpups-relationship-to-other-laws-and-guidance/"
PRINCIPLE_PAGE = "read-the-dpup-principles/{}-principle/"
DEVELOPMENT = "dpup.swa.govt.nz/principles/development-of-principles/"
OVERVIEW = "dmsdocument/197~"
TC_CHECKLIST = "dmsdocument/222~"
MANA_WHAKAHAERE_PAGE = "read-the-dpup-principles/mana-whakahaere-principle/"
LEARN_PMAF = "learn-about-the-pmaf/"
SELF_ASSESSMENT_REPORTS = "privacy-self-assessment-reports/"
WHY_SHARING_VALUE = "sharing-value-guideline/why-dpup-has-a-sharing-value-guideline/"
POLICY_CYCLE = "dmsdocument/213~"
PRINCIPLES_IN_PRACTICE = "dmsdocument/216~"
DEVELOP_POLICIES = "use-dpup-in-your-work/if-you-develop-policies-services-or-programmes/"
ANALYSIS_PAGE = "use-dpup-in-your-work/if-you-work-in-analysis-research-or-evaluation/"  # issue 29 item 6
FUNDING_PAGE = "use-dpup-in-your-work/if-you-work-in-funding-contracting-or-partnering/"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content", ROOT / "quiz")


def cites(sources, fragment: str) -> bool:
    return any(fragment in source.url for source in sources)


def action(role, principle_id):
    return next(a for a in role.principles_in_action if a.principle == principle_id)


def flat_page(built_site, site, item_id_or_src):
    src = item_id_or_src if item_id_or_src.endswith(".md") else pages.page_src(site, item_id_or_src)
    return flatten(page_html(built_site, src))


def states_the_safety_limits(text: str) -> bool:
    """DPUP's "safety first" with the law's limits: a serious threat, only what is needed to someone who can
    act, and the Oranga Tamariki Act and Family Violence Act rules."""
    text = squash(text)
    return (
        "safety first" in text
        and "serious threat to someone's life, health or safety" in text
        and re.search(r"only (the information|what is) needed", text) is not None
        and re.search(r"with someone who can act", text) is not None
        and "Oranga Tamariki Act 1989" in text
        and "Family Violence Act 2018" in text
    )


# --- 2. Sharing for safety, with its limits ---------------------------------------------------


def test_2_the_frontline_summary_keeps_safety_first_and_states_the_limits(built_site, site):
    role = site.get("role-frontline")
    assert states_the_safety_limits(role.summary)
    assert "reasonable grounds" in squash(role.summary)
    assert cites(role.sources, SERIOUS_THREAT) and cites(role.sources, SHARING_FRAMEWORKS)
    assert squash(markdown_chunks(role.summary)[0]) in flat_page(built_site, site, role.id).text


@pytest.mark.parametrize("role_id", ["role-frontline", "role-frontline-leaders"])
def test_2_the_he_tangata_point_keeps_safety_first_and_states_the_limits(site, role_id):
    he_tangata = action(site.get(role_id), "principle-he-tangata")
    point = next(p for p in he_tangata.upheld_when if "safety first" in p)
    assert "serious threat to someone's life, health or safety" in point
    assert "only what is needed with someone who can act on it" in point
    assert "Oranga Tamariki Act 1989" in point and "Family Violence Act 2018" in point
    for fragment in (IPP11, SERIOUS_THREAT, SHARING_FRAMEWORKS, "if-you-work-at-the-frontline"):
        assert cites(he_tangata.sources, fragment), fragment


@pytest.mark.parametrize("role_id", ["role-frontline", "role-frontline-leaders"])
def test_2_the_sharing_summary_at_the_top_carries_the_limits(built_site, site, role_id):
    sharing = site.get(role_id).sharing
    assert states_the_safety_limits(" ".join(sharing.points))
    for fragment in (IPP11, SERIOUS_THREAT, SHARING_FRAMEWORKS):
        assert cites(sharing.sources, fragment), fragment
    flat = flat_page(built_site, site, role_id)
    for point in sharing.points:
        labels = flat.labels_of(point)
        assert labels and {label.kind for label in labels} == {"editorial"}, point
        assert "What's a 'serious threat'?" in labels[0].text  # the first is the summary at the top


# --- 3. Funding: the rule rests on the official checklist, not a page that cannot be found ----------


def test_3_no_funding_rule_rests_on_the_missing_contract_management_page(built_site, site):
    role = site.get("role-funding-contracting-partnering")
    tool = site.get("tool-funding-contracting-checklist")
    every_source = [*role.sources, *(s for a in role.principles_in_action for s in a.sources), *tool.sources]
    every_source += [s for section in tool.sections for s in section.sources]
    assert not cites(every_source, "contracting-management-and-accreditation")
    texts = [role.summary, *role.sharing.points, *(p for a in role.principles_in_action for p in a.upheld_when)]
    texts += [e.text for section in tool.sections for e in section.items if e.status == "active"]
    assert not any("contract management or accreditation" in t or "accredit providers" in t for t in texts)
    # The item is retired, not deleted, so its id is never reused (the loader leaves it off the site).
    yaml_text = (ROOT / "content" / "tools" / "tool-funding-contracting-checklist.yml").read_text(encoding="utf-8")
    assert re.search(r"id: tool-funding-contracting-checklist\.14\n(\s+#.*\n)?\s+status: retired", yaml_text)
    assert "tool-funding-contracting-checklist.14" not in [e.id for section in tool.sections for e in section.items]
    for item_id in (role.id, tool.id):
        assert "accreditation" not in flat_page(built_site, site, item_id).text


def test_3_the_funding_sharing_summary_states_the_official_checklists_default(site):
    sharing = site.get("role-funding-contracting-partnering").sharing
    assert "should not identify service users" in sharing.points[0]
    assert "report on how a service is delivered" in sharing.points[0]
    assert cites(sharing.sources, FUNDING_CHECKLIST)


# --- 4. The agency's name for its time --------------------------------------------------------------


def test_4_the_timeline_note_names_the_agency_for_each_period(built_site, site):
    note = squash(site.about.timeline_note)
    assert "from 2017 to 2019, it was the Social Investment Agency" in note
    assert "Social Wellbeing Agency, its name from 2020 to 2024" in note
    assert "Social Investment Agency (Toi Hau Tāngata) again since 2024" in note
    assert cites(site.about.sources, ENDORSEMENT)
    assert note in flat_page(built_site, site, "about.md").text or note in " ".join(
        marker.text for marker in flat_page(built_site, site, "about.md").markers
    )


# --- 5. DPUP's standing ---------------------------------------------------------------------------


def test_5_the_about_page_says_dpup_is_not_mandatory_nor_binding_and_where_it_lives(built_site, site):
    standing = squash(site.about.standing)
    assert "DPUP is not mandatory" in standing and "encouraged to adopt it" in standing
    assert "does not bind them in law" in standing
    assert "DPUP toolkit on digital.govt.nz" in standing and "earlier DPUP site, dpup.swa.govt.nz" in standing
    assert cites(site.about.standing_sources, WHAT_DPUP_IS) and cites(site.about.standing_sources, LAWS)
    flat = flat_page(built_site, site, "about.md")
    first = markdown_chunks(site.about.standing)[0]
    labels = flat.labels_of(first)
    assert [label.kind for label in labels] == ["editorial"] and "What DPUP is" in labels[0].text


# --- 6. The principles' core behaviours --------------------------------------------------------------

BEHAVIOURS = {
    "principle-manaakitanga": ["diverse cultural interests", "include and involve service users", "Treaty partners"],
    "principle-kaitiakitanga": ["safe and secure", "respect its value"],
    "principle-mahitahitanga": ["support they want and need", "iwi and other Māori groups as Treaty partners"],
}


@pytest.mark.parametrize("principle_id", sorted(BEHAVIOURS))
def test_6_each_principle_states_the_behaviours_its_official_page_lists(built_site, site, principle_id):
    principle = site.get(principle_id)
    about = squash(principle.about)
    for behaviour in BEHAVIOURS[principle_id]:
        assert behaviour in about, behaviour
    slug = principle_id.removeprefix("principle-")
    assert cites(principle.sources, PRINCIPLE_PAGE.format(slug))
    text = flat_page(built_site, site, principle_id).text
    assert all(squash(chunk) in text for chunk in markdown_chunks(principle.about))


# --- 7. Te reo meanings: sourced where an official explanation exists, ours otherwise --------------------


def test_7_he_tangata_and_manaakitanga_meanings_cite_the_development_of_the_principles(built_site, site):
    for principle_id, term_id in (
        ("principle-he-tangata", "term-he-tangata"),
        ("principle-manaakitanga", "term-manaakitanga"),
    ):
        principle, term = site.get(principle_id), site.get(term_id)
        assert cites(principle.meaning_sources, DEVELOPMENT) and cites(term.sources, DEVELOPMENT)
        assert not cites(principle.meaning_sources, OVERVIEW) and not cites(term.sources, OVERVIEW)
        labels = flat_page(built_site, site, principle_id).labels_of(principle.meaning)
        assert [label.kind for label in labels] == ["editorial"]
        assert "development of the Principles" in labels[0].text


@pytest.mark.parametrize("name", ["mana-whakahaere", "kaitiakitanga", "mahitahitanga"])
def test_7_the_other_meanings_are_marked_ours_with_no_official_source(built_site, site, name):
    principle, term = site.get(f"principle-{name}"), site.get(f"term-{name}")
    assert principle.meaning_sources == [] and term.sources == []
    labels = flat_page(built_site, site, principle.id).labels_of(principle.meaning)
    assert [label.kind for label in labels] == ["editorial"]
    # Issue 29 item 8: the label says what was searched, not only that nothing was found.
    assert "we could not read an official explanation of this name" in labels[0].text
    assert "Development of the Principles" in labels[0].text and "DPUP Principles in brief" in labels[0].text
    assert "Based on" not in labels[0].text


# --- 9. Transparency and Choice: as strong as the official tool, and no stronger ----------------------


def test_9_the_checklist_keeps_the_official_tools_strength(built_site, site):
    tool = site.get("tool-transparency-choice-checklist")
    summary, how = squash(tool.summary), squash(tool.how_to_use)
    assert "most important test" in summary and "would be surprised" in summary
    assert "never be surprised" not in summary
    assert "Every No is something to act on" not in how and "A No means more thinking is needed" in how
    assert "consider the context" in how
    # Issue 29 item 7: the Acts' formal names; the official checklist's slip is named as ours to correct.
    for law in (
        "Education and Training Act 2020",
        "Code of Health and Disability Services Consumers' Rights",
        "Oranga Tamariki Act 1989",
    ):
        assert law in how, law
    assert how.replace('checklist\'s "Education Act 2020"', "").count("Education Act 2020") == 0
    assert "the correction is ours" in how
    # Issue 29 item 2: IPP 3 and IPP 3A are named as legal duties, beside DPUP's practice.
    assert "IPP 3 when you collect information from the person it is about" in how
    assert "IPP 3A (since 1 May 2026) when you collect it about them from someone else" in how
    assert "good reason not to tell people" in how and "Mana Whakahaere" in how
    assert cites(tool.sources, TC_CHECKLIST) and cites(tool.sources, MANA_WHAKAHAERE_PAGE)
    text = flat_page(built_site, site, tool.id).text
    assert "A No means more thinking is needed" in text and "never be surprised" not in text


# --- 10. Who is asked to self-assess --------------------------------------------------------------------


def test_10_the_annual_self_assessment_is_asked_of_organisations_under_the_gcpo_mandate(built_site, site):
    section = site.get("section-core-expectations")
    summary = squash(section.summary)
    assert "covered by the Government Chief Privacy Officer's (GCPO) mandate" in summary
    assert "by 30 June" in summary and "NGO" in summary
    assert cites(section.sources, LEARN_PMAF)
    index = (ROOT / "docs" / "maturity" / "index.md").read_text(encoding="utf-8")
    assert "Agencies rate themselves against every criterion" not in index
    assert "covered by the Government Chief\nPrivacy Officer's mandate" in index and LEARN_PMAF in index
    text = flat_page(built_site, site, "maturity/index.md").text
    assert "agencies rate themselves against every criterion and send" not in text
    assert re.search(r"Government organisations covered by the Government Chief Privacy Officer's mandate", text)


# --- 11. The maturity scale: sourced, or marked ours -------------------------------------------------------


def test_11_the_scale_has_no_unsourced_former_name_and_managed_is_reasonably_comprehensive(built_site, site):
    assert all(level.formerly == [] for level in site.levels)
    managed = site.get("managed")
    assert "reasonably comprehensive" in managed.meaning
    assert cites(site.scale.sources, SELF_ASSESSMENT_REPORTS)
    text = flat_page(built_site, site, "maturity/index.md").text
    assert "formerly" not in text and "Basic" not in text


def test_11_the_roll_up_rule_is_marked_ours(built_site, site):
    note = squash(site.scale.rollup_note)
    assert note.startswith("This rule is ours.") and "we found no published rule" in note
    assert "does not set a fixed rule" not in note
    flat = flat_page(built_site, site, "maturity/index.md")
    labels = flat.labels_of(markdown_chunks(site.scale.rollup_note)[0])
    assert [label.kind for label in labels] == ["editorial"]


# --- 13. Sources: none missing, the old site only where nothing newer was found ---------------------------


def every_source(site):
    """Every source in the content, found through the models as the review finds them (a hand list
    of fields would miss one added later)."""
    return [source for statement in review.statements(site) for source in statement.sources]


def test_13_no_source_points_at_the_sharing_value_summary_that_was_not_found(site):
    assert not any("learn/policy-summary/policy-guidelines/sharing-value" in s.url for s in every_source(site))
    q6 = next(q for q in site.get("quiz-intro").questions if q.id == "quiz-intro.06")
    for option in q6.options:
        assert cites(option.sources, WHY_SHARING_VALUE), option.key


def test_13_every_link_to_the_old_site_says_so_or_is_the_endorsement_notice(site):
    old = [s for s in every_source(site) if "dpup.swa.govt.nz" in s.url]
    assert old  # the Value Loop and the development of the principles are found only there
    for source in old:
        assert "earlier DPUP site" in source.title or ENDORSEMENT in source.url, source.title
    sharing_value = site.get("guideline-sharing-value")
    assert cites(sharing_value.sources, WHY_SHARING_VALUE)


# --- 14. Official counterparts are cited ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("item_id", "counterpart"),
    [
        ("tool-policy-cycle", POLICY_CYCLE),
        ("tool-principles-in-practice", PRINCIPLES_IN_PRACTICE),
        ("tool-transparency-choice-checklist", TC_CHECKLIST),
        ("role-policy-service-development", DEVELOP_POLICIES),
        ("role-analysis-research-evaluation", ANALYSIS_PAGE),
        ("role-funding-contracting-partnering", FUNDING_PAGE),
    ],
)
def test_14_each_page_cites_its_official_counterpart(built_site, site, item_id, counterpart):
    item = site.get(item_id)
    assert cites(item.sources, counterpart)
    url = next(s.url for s in item.sources if counterpart in s.url)
    assert url in [href for href, _ in flat_page(built_site, site, item_id).based_on_links]


# --- 15. Labels tell the truth ----------------------------------------------------------------------------


def test_15_the_home_page_names_everything_that_is_word_for_word():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    note = squash(home.split('!!! note "Official text and our text"', 1)[1].split("\n\n", 1)[0])
    for part in (
        "principle and guideline summaries",
        "workshop deck",
        "guidance notes",
        "explanations of the right answers",
        "improvement plan",
    ):
        assert part in note, part


def test_15_element_pages_label_the_dpup_help_lists_as_ours(built_site, site):
    for element in site.elements:
        html = page_html(built_site, pages.page_src(site, element.id))
        flat = flatten(html)
        helped = [c for c in element.criteria if c.helped_by and c.status == "active"]
        assert html.count("This list is ours") == len(helped), element.id
        for criterion in element.criteria:
            for descriptor in criterion.descriptors:
                for line in markdown_chunks(descriptor.text)[:1]:
                    kinds = [label.kind for label in flat.labels_of(line)]
                    assert kinds and set(kinds) == {"verbatim"}, (criterion.id, line[:40])


def test_15_role_pages_label_official_summaries_official_and_our_points_ours(built_site, site):
    for role in site.roles:
        flat = flat_page(built_site, site, role.id)
        assert not any("This role page is written for this toolkit" in m.text for m in flat.markers)
        for a in role.principles_in_action:
            summary = site.get(a.principle).summary
            assert [label.kind for label in flat.labels_of(summary)] == ["verbatim"], (role.id, a.principle)
            for point in a.upheld_when:
                assert {label.kind for label in flat.labels_of(point)} == {"editorial"}, (role.id, point[:40])
        for chunk in markdown_chunks(role.what_you_do) + markdown_chunks(role.summary):
            assert [label.kind for label in flat.labels_of(chunk)] == ["editorial"], (role.id, chunk[:40])


def test_15_the_worked_plan_says_which_numbers_we_restored_and_what_action_16_cannot_tell(built_site, site):
    plan = site.get("plan-example-2024-25")
    assert plan.restored_numbers == "1 to 12"
    about = squash(plan.about)
    assert "only actions 13 to 23 carry their numbers" in about and "we restored numbers 1 to 12" in about
    assert "recommendation 11" in about and "cannot be told" in about
    assert "reproduced as the agency wrote them" not in about.replace("the words of the actions are reproduced", "")
    eleven = next(a for area in plan.focus_areas for a in area.actions if a.number == 11)
    assert "criteria" not in eleven.text  # why action 16's reference cannot be matched to our action 11
    flat = flat_page(built_site, site, plan.id)
    notes = " ".join(marker.text for marker in flat.markers)
    assert "numbers 1 to 12 were restored by us" in notes and "action numbers 1 to 12 and the PMAF links" in notes
