"""Working through the three checklists and the purpose statement form: answers, notes, summaries, saving, downloads."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Browser, Locator, Page, expect
from storage import stored, wait_for_stored

pytestmark = pytest.mark.browser

TOOLS = ROOT / "content" / "tools"
CHECKLIST_IDS = ["tool-transparency-choice-checklist", "tool-funding-contracting-checklist", "tool-check-your-actions"]
PURPOSE = yaml.safe_load((TOOLS / "tool-purpose-statement.yml").read_text(encoding="utf-8"))
BOM = b"\xef\xbb\xbf"
ANSWER_LABELS = {"yes": "Yes", "no": "No", "not-applicable": "Not applicable"}


def checklist_items(tool_id: str) -> list[dict]:
    tool = yaml.safe_load((TOOLS / f"{tool_id}.yml").read_text(encoding="utf-8"))
    # Retired items (status: retired) are removed at load and never shown.
    return [item for section in tool["sections"] for item in section["items"] if item.get("status") != "retired"]


def checklist_url(site_url: str, tool_id: str) -> str:
    return site_url + "tools/" + tool_id.removeprefix("tool-") + "/"


def checklist(page: Page, tool_id: str) -> Locator:
    return page.locator(f'.dpup-checklist[data-dpup-widget="checklist"][data-tool-id="{tool_id}"]')


def item(page: Page, item_id: str) -> Locator:
    return page.locator(f'fieldset.dpup-checklist__item[data-item-id="{item_id}"]')


def answer(page: Page, item_id: str, value: str) -> None:
    item(page, item_id).get_by_role("radio", name=ANSWER_LABELS[value], exact=True).check()


def note(page: Page, item_id: str) -> Locator:
    return item(page, item_id).get_by_label("Note (optional)")


def summary(page: Page) -> Locator:
    return page.locator(".dpup-checklist__summary")


def answer_three(page: Page, items: list[dict]) -> None:
    """The first item Yes, the second No (with a note), the third Not applicable."""
    answer(page, items[0]["id"], "yes")
    answer(page, items[1]["id"], "no")
    answer(page, items[2]["id"], "not-applicable")
    note(page, items[1]["id"]).fill("Fix the form, by Friday")
    note(page, items[1]["id"]).blur()
    wait_for_stored(page, f"dpup.checklist.{items[1]['id']}", "Fix the form")


def download(page: Page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    return info.value


@pytest.mark.parametrize("tool_id", CHECKLIST_IDS)
def test_the_checklist_has_a_group_of_answers_per_item(page: Page, site_url, tool_id):
    items = checklist_items(tool_id)
    page.goto(checklist_url(site_url, tool_id))
    expect(checklist(page, tool_id)).to_have_count(1)
    expect(page.locator("fieldset.dpup-checklist__item")).to_have_count(len(items))
    first = item(page, items[0]["id"])
    expect(first.locator("legend")).to_contain_text(items[0]["text"])
    for value, label in ANSWER_LABELS.items():
        expect(first.get_by_role("radio", name=label, exact=True)).to_have_attribute("value", value)
    expect(summary(page).get_by_role("status")).to_have_text(f"0 of {len(items)} answered.")


@pytest.mark.parametrize("tool_id", CHECKLIST_IDS)
def test_answers_update_the_summary_and_a_no_needs_attention(page: Page, site_url, tool_id):
    items = checklist_items(tool_id)
    page.goto(checklist_url(site_url, tool_id))
    answer(page, items[0]["id"], "yes")
    expect(summary(page)).to_contain_text(f"1 of {len(items)} answered.")
    expect(page.locator("ul.dpup-checklist__attention > li")).to_have_count(0)
    answer_three(page, items)
    expect(summary(page)).to_contain_text(f"3 of {len(items)} answered, 1 needs attention.")
    expect(summary(page).get_by_role("status")).to_have_text(f"3 of {len(items)} answered, 1 needs attention.")
    attention = summary(page).locator("ul.dpup-checklist__attention > li")
    expect(attention).to_have_count(1)
    expect(attention).to_contain_text(items[1]["text"])
    expect(summary(page)).to_contain_text(f"Not answered yet: {len(items) - 3}")
    answer(page, items[3]["id"], "no")
    expect(summary(page).get_by_role("status")).to_have_text(f"4 of {len(items)} answered, 2 need attention.")
    answer(page, items[3]["id"], "yes")

    answer(page, items[1]["id"], "yes")
    expect(attention).to_have_count(0)
    expect(summary(page)).not_to_contain_text("attention")


@pytest.mark.parametrize("tool_id", CHECKLIST_IDS)
def test_answers_and_notes_survive_a_reload_and_clear_forgets_them(page: Page, site_url, tool_id):
    items = checklist_items(tool_id)
    page.goto(checklist_url(site_url, tool_id))
    answer_three(page, items)
    saved = stored(page, "dpup.checklist.")
    assert json.loads(saved[f"dpup.checklist.{items[1]['id']}"]) == {"answer": "no", "note": "Fix the form, by Friday"}
    assert json.loads(saved[f"dpup.checklist.{items[0]['id']}"])["answer"] == "yes"
    assert json.loads(saved[f"dpup.checklist.{items[2]['id']}"])["answer"] == "not-applicable"

    page.reload()
    expect(item(page, items[0]["id"]).get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(item(page, items[1]["id"]).get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(item(page, items[2]["id"]).get_by_role("radio", name="Not applicable", exact=True)).to_be_checked()
    expect(note(page, items[1]["id"])).to_have_value("Fix the form, by Friday")
    expect(summary(page)).to_contain_text(f"3 of {len(items)} answered, 1 needs attention.")
    expect(summary(page).locator("ul.dpup-checklist__attention > li")).to_contain_text(items[1]["text"])

    # Clearing asks first; declining keeps every answer, in the form and in storage.
    before = stored(page, "dpup.checklist.")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Clear my answers").click()
    expect(summary(page)).to_contain_text(f"3 of {len(items)} answered, 1 needs attention.")
    assert questions and "cannot be undone" in questions[0]
    assert stored(page, "dpup.checklist.") == before
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    expect(summary(page)).to_contain_text(f"0 of {len(items)} answered.")
    expect(checklist(page, tool_id).locator("input[type=radio]:checked")).to_have_count(0)
    expect(note(page, items[1]["id"])).to_have_value("")
    assert stored(page, f"dpup.checklist.{tool_id}.") == {}
    page.reload()
    expect(checklist(page, tool_id).locator("input[type=radio]:checked")).to_have_count(0)
    expect(summary(page)).to_contain_text(f"0 of {len(items)} answered.")


@pytest.mark.parametrize("tool_id", CHECKLIST_IDS)
def test_the_csv_download_has_a_bom_a_header_and_a_row_per_item(page: Page, site_url, tool_id):
    items = checklist_items(tool_id)
    page.goto(checklist_url(site_url, tool_id))
    answer_three(page, items)
    file = download(page, "Download CSV")
    assert re.fullmatch(rf"dpup-{tool_id.removeprefix('tool-')}-\d{{4}}-\d{{2}}-\d{{2}}\.csv", file.suggested_filename)
    raw = file.path().read_bytes()
    assert raw.startswith(BOM)
    rows = [row for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")) if any(row)]
    assert rows[0] == ["Item", "Question", "Answer", "Note"]
    body = rows[1:]
    assert len(body) == len(items)
    assert [row[1] for row in body] == [i["text"] for i in items]
    answers = [row[2].strip().lower().replace(" ", "-") for row in body]
    assert answers[:3] == ["yes", "no", "not-applicable"]
    assert all(a == "" for a in answers[3:]), answers
    assert body[1][3] == "Fix the form, by Friday"
    assert body[0][3] == ""


# --- Purpose statement form -------------------------------------------------------------------------

WHAT = "Names and contact details of people using the kōrero service"
WHY = "So we can call people back about their appointments"


def purpose_url(site_url: str) -> str:
    return site_url + "tools/purpose-statement/"


def template_box(page: Page, heading: str) -> Locator:
    return page.locator('.dpup-template[data-dpup-widget="template"]').get_by_role("textbox", name=heading, exact=True)


def template_output(page: Page) -> Locator:
    return page.locator(".dpup-template__output")


def first_prompt_id(heading: str) -> str:
    return next(section for section in PURPOSE["sections"] if section["title"] == heading)["items"][0]["id"]


def fill_what_and_why(page: Page) -> None:
    template_box(page, "What").fill(WHAT)
    template_box(page, "Why").fill(WHY)
    template_box(page, "Why").blur()
    wait_for_stored(page, f"dpup.template.{first_prompt_id('Why')}", "call people back")


def assert_output_in_order(text: str) -> None:
    positions = [text.find(part) for part in ("Purpose statement", "What", WHAT, "Why", WHY)]
    assert -1 not in positions and positions == sorted(positions), (positions, text)


def test_the_form_has_a_box_per_heading_with_the_prompts_as_hints(page: Page, site_url):
    page.goto(purpose_url(site_url))
    form = page.locator('.dpup-template[data-dpup-widget="template"]')
    expect(form).to_have_count(1)
    for section in PURPOSE["sections"]:
        expect(template_box(page, section["title"])).to_have_count(1)
        expect(form).to_contain_text(section["items"][0]["text"])


def test_typing_fills_the_statement_and_a_reload_keeps_it(page: Page, site_url):
    page.goto(purpose_url(site_url))
    fill_what_and_why(page)
    expect(template_output(page)).to_contain_text("Purpose statement")
    expect(template_output(page)).to_contain_text(WHAT)
    expect(template_output(page)).to_contain_text(WHY)
    assert_output_in_order(template_output(page).inner_text())
    saved = stored(page, "dpup.template.")
    assert WHAT in saved[f"dpup.template.{first_prompt_id('What')}"]
    assert WHY in saved[f"dpup.template.{first_prompt_id('Why')}"]

    page.reload()
    expect(template_box(page, "What")).to_have_value(WHAT)
    expect(template_box(page, "Why")).to_have_value(WHY)
    expect(template_box(page, "How")).to_have_value("")
    expect(template_output(page)).to_contain_text(WHAT)
    assert_output_in_order(template_output(page).inner_text())


def test_the_statement_downloads_as_text(page: Page, site_url):
    page.goto(purpose_url(site_url))
    fill_what_and_why(page)
    file = download(page, "Download as text")
    assert re.fullmatch(r"dpup-purpose-statement-\d{4}-\d{2}-\d{2}\.txt", file.suggested_filename)
    text = file.path().read_bytes().decode("utf-8-sig")
    assert_output_in_order(text)


def test_clear_empties_the_form_and_the_statement(page: Page, site_url):
    page.goto(purpose_url(site_url))
    fill_what_and_why(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("article").get_by_role("button", name="Clear", exact=True).click()
    expect(template_box(page, "What")).to_have_value(WHAT)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("article").get_by_role("button", name="Clear", exact=True).click()
    expect(template_box(page, "What")).to_have_value("")
    expect(template_box(page, "Why")).to_have_value("")
    expect(template_output(page)).not_to_contain_text(WHAT)
    expect(template_output(page)).not_to_contain_text(WHY)
    assert not any(WHAT in value or WHY in value for value in stored(page, "dpup.template.").values())
    page.reload()
    expect(template_box(page, "What")).to_have_value("")


def test_a_checklist_tab_left_open_follows_the_other_and_never_writes_over_it(page: Page, site_url):
    tool_id = CHECKLIST_IDS[0]
    first = checklist_items(tool_id)[0]["id"]
    page.goto(checklist_url(site_url, tool_id))
    stale = page.context.new_page()
    stale.goto(checklist_url(site_url, tool_id))
    expect(checklist(stale, tool_id).locator(".dpup-checklist__result")).to_be_visible()
    answer(page, first, "no")
    note(page, first).fill("Typed in the first tab")
    wait_for_stored(page, f"dpup.checklist.{first}", "Typed in the first tab")
    expect(note(stale, first)).to_have_value("Typed in the first tab")
    expect(item(stale, first).get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(stale.get_by_role("status").filter(has_text="another tab")).to_have_text(
        "Updated with changes made in another tab or window."
    )
    answer(stale, first, "yes")  # the tab left open changes the answer: the note stays
    wait_for_stored(page, f"dpup.checklist.{first}", '"yes"')
    assert json.loads(stored(page, f"dpup.checklist.{first}")[f"dpup.checklist.{first}"]) == {
        "answer": "yes",
        "note": "Typed in the first tab",
    }
    expect(item(page, first).get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    expect(note(stale, first)).to_have_value("")
    expect(checklist(stale, tool_id).locator("input[type=radio]:checked")).to_have_count(0)
    stale.close()


def test_a_purpose_statement_tab_left_open_follows_the_other(page: Page, site_url):
    page.goto(purpose_url(site_url))
    stale = page.context.new_page()
    stale.goto(purpose_url(site_url))
    expect(template_output(stale)).to_be_visible()
    template_box(page, "What").fill(WHAT)
    expect(template_box(stale, "What")).to_have_value(WHAT)
    expect(template_output(stale)).to_contain_text(WHAT)
    expect(stale.get_by_role("status").filter(has_text="another tab")).to_have_text(
        "Updated with changes made in another tab or window."
    )
    template_box(stale, "Why").fill(WHY)
    expect(template_box(page, "Why")).to_have_value(WHY)
    saved = stored(page, "dpup.template.")
    assert saved[f"dpup.template.{first_prompt_id('What')}"] == json.dumps(WHAT, ensure_ascii=False)
    assert saved[f"dpup.template.{first_prompt_id('Why')}"] == json.dumps(WHY, ensure_ascii=False)
    stale.close()


def test_downloads_are_named_after_the_tool_and_the_day_where_the_person_is(browser: Browser, site_url):
    """As the self-check's are: which tool, which day. 8:30 on 7 December in Wellington is still
    6 December in UTC; the file says the 7th."""
    context = browser.new_context(timezone_id="Pacific/Auckland")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2026, 12, 6, 19, 30, tzinfo=UTC))
        tool_id = "tool-check-your-actions"
        page.goto(checklist_url(site_url, tool_id))
        answer(page, checklist_items(tool_id)[0]["id"], "yes")
        assert download(page, "Download CSV").suggested_filename == "dpup-check-your-actions-2026-12-07.csv"
        file = download(page, "Download JSON")
        assert file.suggested_filename == "dpup-check-your-actions-2026-12-07.json"
        assert json.loads(file.path().read_text(encoding="utf-8"))["exported"] == "2026-12-07"
        page.goto(purpose_url(site_url))
        fill_what_and_why(page)
        assert download(page, "Download as text").suggested_filename == "dpup-purpose-statement-2026-12-07.txt"
    finally:
        context.close()


# A part each tool cannot work without, taken from its page before its script runs (a selector
# within the widget, or "@name" for the root's attribute), and the part its error names: a
# template and a script that disagree.
MISSING_PARTS = [
    ("checklist", "tools/check-your-actions/", ".dpup-checklist__item textarea", "textarea"),
    ("checklist", "tools/check-your-actions/", ".dpup-checklist__sync", ".dpup-checklist__sync"),
    ("checklist", "tools/check-your-actions/", "@data-tool-id", "data-tool-id"),
    ("template", "tools/purpose-statement/", ".dpup-template__sync", ".dpup-template__sync"),
    ("template", "tools/purpose-statement/", "@data-title", "data-title"),
]


@pytest.mark.parametrize(("widget", "path", "taken", "named"), MISSING_PARTS)
def test_a_page_missing_a_part_names_it_and_stays_as_it_is_without_javascript(
    page: Page, site_url, widget, path, taken, named
):
    """The one check of a widget's parts (DPUP.Widget): a missing part stops the tool before it
    draws anything, the error names the widget and the part, and the page says what works
    without the script rather than offer buttons that would do nothing."""
    held = []
    page.route("**/assets/dpup/js/checklist.js", lambda route: held.append(route))
    with page.expect_request("**/assets/dpup/js/checklist.js"):
        page.goto(site_url + path, wait_until="domcontentloaded")
    page.evaluate("0")  # one round trip delivers the held request's route
    root = page.locator(f'[data-dpup-widget="{widget}"]')
    if taken.startswith("@"):
        root.evaluate("(root, name) => root.removeAttribute(name)", taken[1:])
    else:
        root.locator(taken).first.evaluate("part => part.remove()")
    with page.expect_console_message(lambda message: message.type == "error") as error:
        for route in held:
            route.continue_()
    assert f"DPUP {widget}: missing {named}" in error.value.text
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bdpup-js\b"))
    expect(root).not_to_have_attribute("data-dpup-ready", "true")
    expect(root.locator(".dpup-without-js")).to_be_visible()
    expect(root.get_by_role("button").filter(visible=True)).to_have_count(0)
