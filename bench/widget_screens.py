"""Screenshots of every widget's states, to prove that a rewrite of the widget scripts changes
nothing a person sees (issue 36: "screenshots of every widget's states at 390 and 1366 px are the
same before and after").

Usage (run by hand, like the other bench scripts):

    ./dev build && cp -r site /tmp/site-before            # the code before the change
    .venv/bin/python bench/widget_screens.py shoot --site /tmp/site-before --out /tmp/before
    # ... change the scripts, ./dev build again ...
    .venv/bin/python bench/widget_screens.py shoot --site site --out /tmp/after
    .venv/bin/python bench/widget_screens.py compare /tmp/before /tmp/after

`shoot` serves the built site on 127.0.0.1 and, for every page that carries a widget, drives the
widget through its visible states in Debian's Chromium (as the browser tests launch it), saving
full-page PNGs at 390x844 and 1366x900 (the trainer also at 1280x720), with JavaScript off as well.
A native confirm() cannot be photographed, so its question is saved beside the pictures as text.
The widgets come from the component folders and macros/assets.py WIDGETS: a widget with no states
scripted below is still shot fresh and without JavaScript, and `shoot` then exits 1 naming it.

`compare` pairs the files by name, prints each as same, different (how many pixels, where) or
missing, writes a before | after | difference picture of each difference into AFTER/diffs/, and
exits 1 on any difference or missing file. A pixel counts as different when a colour channel moved
by more than 12 of 255 (--tolerance): Chromium draws a few anti-aliased edges a few levels apart
from run to run, while a changed word or rule moves pixels by far more.

Measured on main at 7160052 (2 shared cores): a shoot takes about 2 minutes; two shoots of the
same site compare 81 of 81 the same; a 1 px wider checklist summary border and one changed word in
the quiz's score are found in 20 files.

The same code must give the same pixels, so everything that varies between runs is fixed: the
clock (Playwright's clock), the time zone and locale, the origin (every run is seen at
http://widgets.test/, whatever port the server took: the trainer prints its address and QR code),
motion (reduced) and the text caret (hidden). Waits are on selectors and events, never on time.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from common import ROOT, serve
from conftest import CHROMIUM, CHROMIUM_ARGS  # the browser as the tests launch it

sys.path.insert(0, str(ROOT / "tests" / "browser"))
import yaml
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from ready import wait_until_ready
from widget_pages import component_widgets, pages_with

from macros.assets import WIDGETS

PHONE = (390, 844)
DESKTOP = (1366, 900)
PROJECTOR = (1280, 720)
# Every run sees the site at this address: the trainer shows its own address (and a QR code of it).
ORIGIN = "http://widgets.test/"
# A fixed moment (a Monday morning in Wellington), for the dates the widgets write and show.
FIXED_TIME = datetime(2026, 5, 4, 21, 30, tzinfo=UTC)
TIME_ZONE = "Pacific/Auckland"
LOCALE = "en-NZ"
# Saved answers cut off mid-way, as a full disk or a crash leaves them (as in test_saved_work.py).
CUT_SHORT = '{"ratings":{"element-culture.01":{"level":"managed","note":"A year of evidence: DOC-88'


# Applied while a screenshot is taken. Material's colours fade in (a transition on the search box's
# placeholder, among others) and the page would be caught part-way; "animations=disabled" does not
# reach pseudo-elements such as ::placeholder.
STILL = "*, *::before, *::after, ::placeholder { transition: none !important; animation: none !important; }"


@dataclass(frozen=True)
class State:
    """One visible state of a widget: its name (part of the file name) and the steps that reach it
    from a freshly loaded page (`act` may be None: the page as it loads)."""

    name: str
    act: Callable[[Page], None] | None = None
    before_load: Callable[[Page], None] | None = None  # for seeding saved answers before the script runs


# --- the quiz -----------------------------------------------------------------------------------


def _answer_key(page: Page) -> dict[str, str]:
    """The quiz's correct options by question id ("quiz-intro.01": "C"), read from its YAML source
    (the page does not show them until answered)."""
    quiz_id = page.locator("[data-dpup-widget=quiz]").get_attribute("data-quiz-id")
    for source in sorted((ROOT / "quiz").glob("*.yml")):
        quiz = yaml.safe_load(source.read_text(encoding="utf-8"))
        if quiz.get("id") == quiz_id:
            return {
                f"{quiz_id}.{question['order']:02d}": next(o["key"] for o in question["options"] if o.get("correct"))
                for question in quiz["questions"]
            }
    raise SystemExit(f"no quiz/*.yml has the id {quiz_id!r}")


def _check(page: Page, question_id: str, key: str) -> None:
    question = page.locator(f'fieldset.dpup-question[data-question-id="{question_id}"]')
    question.locator(f'input[type=radio][value="{key}"]').check()
    question.get_by_role("button", name="Check answer").click()
    expect(question).to_have_attribute("data-result", re.compile("correct"))


def quiz_one_wrong(page: Page) -> None:
    """The first question answered with the first option that is not the right one."""
    first, right = next(iter(_answer_key(page).items()))
    options = page.locator(f'fieldset.dpup-question[data-question-id="{first}"] input[type=radio]')
    wrong = next(value for value in options.evaluate_all("radios => radios.map(r => r.value)") if value != right)
    _check(page, first, wrong)
    expect(page.locator(f'[data-question-id="{first}"]')).to_have_attribute("data-result", "incorrect")


def quiz_all_answered(page: Page) -> None:
    """The first question wrong then right, every other one right: the score shows both counts."""
    quiz_one_wrong(page)
    for question_id, key in _answer_key(page).items():
        _check(page, question_id, key)
    expect(page.locator(".dpup-quiz__score")).to_be_visible()


QUIZ = [State("fresh"), State("one-wrong", quiz_one_wrong), State("all-answered", quiz_all_answered)]


# --- the trainer (projector view) ---------------------------------------------------------------


def _slide(page: Page):
    return page.locator("section.dpup-slide:not([hidden])")


def trainer_question(page: Page) -> None:
    """The first question, with a show of hands counted by keys (a number picks, up adds a hand)."""
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(_slide(page)).to_contain_text("Question 1 of")
    page.keyboard.press("1")
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    expect(_slide(page).locator(".dpup-tally__text").first).to_have_text("3 hands")


def trainer_revealed(page: Page) -> None:
    trainer_question(page)
    page.keyboard.press("r")
    expect(_slide(page).locator('li[data-correct="true"]')).to_have_count(1)


def trainer_end(page: Page) -> None:
    trainer_revealed(page)
    page.keyboard.press("End")
    expect(_slide(page).get_by_role("heading", level=2)).to_have_text(re.compile("^End of quiz"))


TRAINER = [
    State("join"),
    State("question", trainer_question),
    State("revealed", trainer_revealed),
    State("end", trainer_end),
]


# --- the self-check -----------------------------------------------------------------------------


def _step(page: Page, step: str) -> None:
    """Open a step from the steps list, as a person does."""
    steps = page.get_by_role("navigation", name="Self-check steps")
    steps.locator(f'[data-step-link="{step}"]').click()
    expect(page.locator(f"#{step}")).to_be_visible()


def selfcheck_some_ratings(page: Page) -> None:
    """The first element's three criteria rated (the first, second and third level), with a note."""
    first = page.locator("[data-step-link^=sc-element-]").first.get_attribute("data-step-link")
    _step(page, first)
    criteria = page.locator(f"#{first} fieldset.dpup-selfcheck__criterion")
    for index in range(3):
        criteria.nth(index).get_by_role("radio").nth(index).check()
    notes = criteria.first.get_by_role("textbox").first
    notes.fill("Privacy notices reviewed in March")
    notes.blur()
    expect(page.locator(".dpup-selfcheck__count")).to_have_text(re.compile("^3 of"))


def selfcheck_plan_row(page: Page) -> None:
    _step(page, "sc-plan")
    page.locator("section.dpup-plan-builder").get_by_role("button", name="Add a row").click()
    row = page.locator("section.dpup-plan-builder li.dpup-plan-row").last
    row.get_by_label("Focus area").fill("Records retention")
    row.get_by_label("Owner").fill("Privacy officer")
    row.get_by_label("Owner").blur()
    expect(row.get_by_label("Focus area")).to_have_value("Records retention")


def selfcheck_report(page: Page) -> None:
    """The printed report (hidden on screen): the page as print media shows it, after some work."""
    selfcheck_some_ratings(page)
    selfcheck_plan_row(page)
    # The page draws the report when the browser says it is about to print (emulating print media
    # alone does not say so): the event first, as Print does, then the page as paper shows it.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    report = page.locator(".dpup-report")
    expect(report).to_contain_text("Privacy notices reviewed in March")
    expect(report).to_contain_text("Records retention")


def selfcheck_import_error(page: Page) -> None:
    """A file that is not a self-check file, chosen under "Continue from a downloaded file"."""
    _step(page, "sc-compare")
    page.get_by_label("Continue from a downloaded file").set_input_files(
        {"name": "notes.json", "mimeType": "application/json", "buffer": b"{this is not JSON"}
    )
    expect(page.locator("#sc-import-error")).not_to_be_empty()


def selfcheck_seed_unreadable(page: Page) -> None:
    page.evaluate("value => localStorage.setItem('dpup.selfcheck.state', value)", CUT_SHORT)


def selfcheck_unreadable(page: Page) -> None:
    expect(page.get_by_role("alert").filter(has_text="could not be read")).to_be_visible()


def selfcheck_clear_dialog(page: Page) -> None:
    selfcheck_some_ratings(page)
    _step(page, "sc-save")
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.get_by_role("dialog", name="Clear all your answers?")).to_be_visible()


def selfcheck_undo_offer(page: Page) -> None:
    selfcheck_clear_dialog(page)
    page.get_by_role("dialog", name="Clear all your answers?").get_by_role("button", name="Clear my answers").click()
    expect(page.get_by_role("button", name="Undo the clear")).to_be_visible()


SELFCHECK = [
    State("fresh"),
    State("some-ratings", selfcheck_some_ratings),
    State("plan-row", selfcheck_plan_row),
    State("report", selfcheck_report),
    State("import-error", selfcheck_import_error),
    State("unreadable", selfcheck_unreadable, before_load=selfcheck_seed_unreadable),
    State("clear-dialog", selfcheck_clear_dialog),
    State("undo-offer", selfcheck_undo_offer),
]


# --- the checklists and the purpose statement (the "template" widget) ---------------------------


def checklist_answered(page: Page) -> None:
    """The first three items answered Yes, No (with a note) and Not applicable."""
    items = page.locator("fieldset.dpup-checklist__item")
    for index in range(3):
        items.nth(index).get_by_role("radio").nth(index).check()
    note = items.nth(1).get_by_label("Note (optional)")
    note.fill("Fix the form, by Friday")
    note.blur()
    expect(page.locator(".dpup-checklist__summary").get_by_role("status")).to_have_text(re.compile("^3 of"))


def template_typed(page: Page) -> None:
    """The first two prompts written in."""
    boxes = page.locator('.dpup-template[data-dpup-widget="template"]').get_by_role("textbox")
    for index, words in enumerate(("Names and contact details of people who ask for help", "To reply to them")):
        boxes.nth(index).fill(words)
        boxes.nth(index).blur()
    expect(page.locator(".dpup-template__output")).to_contain_text("To reply to them")


def _cleared(fill: Callable[[Page], None], button: str) -> Callable[[Page], None]:
    """Fill in, then clear: the widget asks with confirm(), which the Shooter answers Yes and notes."""

    def act(page: Page) -> None:
        fill(page)
        page.locator("article").get_by_role("button", name=button, exact=True).click()
        page.wait_for_function(EVERY_FIELD_EMPTY)

    return act


EVERY_FIELD_EMPTY = """() => [...document.querySelectorAll('[data-dpup-widget] :is(input, textarea)')]
    .every((field) => !field.checked && (field.type === 'radio' || field.type === 'checkbox' || !field.value))"""


CHECKLIST = [
    State("fresh"),
    State("answered", checklist_answered),
    State("cleared", _cleared(checklist_answered, "Clear my answers")),
]
TEMPLATE = [
    State("fresh"),
    State("typed", template_typed),
    State("cleared", _cleared(template_typed, "Clear")),
]

# Each widget's states, by the name its component declares (data-dpup-widget).
STATES = {"quiz": QUIZ, "trainer": TRAINER, "selfcheck": SELFCHECK, "checklist": CHECKLIST, "template": TEMPLATE}
# The projector sizes a trainer is used at, besides a phone's and a desktop's.
EXTRA_VIEWPORTS = {"trainer": [PROJECTOR]}


# --- shooting -----------------------------------------------------------------------------------


def widgets() -> list[str]:
    """Every widget: those the component templates start and those assets.py loads scripts for."""
    return list(dict.fromkeys([*component_widgets(), *WIDGETS]))


def file_stem(widget: str, path: str, state: str, size: tuple[int, int]) -> str:
    """quiz--quiz-intro--one-wrong--390x844: the widget, its page, the state and the window."""
    slug = path.strip("/").replace("/", "-") or "home"
    return f"{widget}--{slug}--{state}--{size[0]}x{size[1]}"


class Shooter:
    """Opens each state in a fresh browser context (empty storage, fixed clock) and saves it."""

    def __init__(self, browser: Browser, server_url: str, out: Path):
        self.browser = browser
        self.server_url = server_url
        self.out = out
        self.count = 0

    def _serve(self, route: Route) -> None:
        """Requests to ORIGIN go to the loopback server; the browser never sees the real port."""
        response = route.fetch(url=route.request.url.replace(ORIGIN, self.server_url, 1))
        route.fulfill(response=response)

    def shoot(self, widget: str, path: str, state: State, size: tuple[int, int], javascript: bool = True) -> None:
        context = self.browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            device_scale_factor=1,
            reduced_motion="reduce",
            locale=LOCALE,
            timezone_id=TIME_ZONE,
            java_script_enabled=javascript,
        )
        try:
            context.route(ORIGIN + "**", self._serve)
            page = context.new_page()
            # A native confirm() cannot be photographed: it is answered Yes and its question kept.
            questions: list[str] = []
            page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
            if javascript:
                page.clock.set_fixed_time(FIXED_TIME)
            if state.before_load:
                page.goto(ORIGIN + path)
                wait_until_ready(page)
                state.before_load(page)
                page.reload()
            else:
                page.goto(ORIGIN + path)
            if javascript:
                wait_until_ready(page)
            else:
                page.wait_for_load_state("load")
            if state.act:
                state.act(page)
            self._save(page, file_stem(widget, path, state.name, size), questions, javascript)
        finally:
            context.close()

    def _save(self, page: Page, stem: str, questions: list[str], javascript: bool) -> None:
        # The fonts loaded and two frames drawn after the last change, so the picture is settled
        # (without JavaScript the page runs no animation frames: the fonts are enough there).
        page.evaluate("() => document.fonts.ready")
        # From the top: the header sticks to the window, so a full-page picture taken further down
        # draws it mid-page, wherever the last click scrolled to. (Focus rings still show where
        # focus went.)
        page.evaluate("() => window.scrollTo(0, 0)")
        # Material scrolls its side navigation to the current page at some moment after loading;
        # the picture is of the widget, so that navigation is shown from its top in every run.
        page.evaluate("() => document.querySelectorAll('.md-sidebar__scrollwrap').forEach((nav) => nav.scrollTo(0, 0))")
        # The mouse off the page: the last click left it over some element, which after the scroll
        # would be drawn hovered or not depending on when Chromium next updates hover.
        page.mouse.move(-1, -1)
        if javascript:
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=self.out / f"{stem}.png", full_page=True, animations="disabled", caret="hide", style=STILL)
        self.count += 1
        if questions:
            (self.out / f"{stem}.txt").write_text("\n".join(questions) + "\n", encoding="utf-8")


def shoot(site: Path, out: Path, only: list[str] | None = None) -> int:
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}: not a built site (no index.html); run ./dev build first")
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), *out.glob("*.txt")]:
        old.unlink()  # a state that is no longer shot must not linger as if it were
    started = time.perf_counter()
    unscripted = []
    server_url, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            shooter = Shooter(browser, server_url, out)
            for widget in only or widgets():
                pages = pages_with(site, widget)
                if not pages:
                    raise SystemExit(f"no built page carries the {widget} widget: ship one, so that it is shot")
                if widget not in STATES:
                    unscripted.append(widget)
                sizes = [PHONE, DESKTOP, *EXTRA_VIEWPORTS.get(widget, [])]
                for path in pages:
                    for size in sizes:
                        for state in STATES.get(widget, [State("fresh")]):
                            shooter.shoot(widget, path, state, size)
                        shooter.shoot(widget, path, State("no-javascript"), size, javascript=False)
                    print(f"{widget}: {path}")
            browser.close()
    finally:
        server.shutdown()
    print(f"{shooter.count} screenshots in {out} ({time.perf_counter() - started:.0f} s)")
    if unscripted:
        print(f"No states scripted for {', '.join(unscripted)}: add them to STATES in {Path(__file__).name}")
        return 1
    return 0


# --- comparing ----------------------------------------------------------------------------------


# Chromium's software rasteriser draws some anti-aliased edges (a rounded corner, a dialog's
# backdrop) a few levels apart from one run to the next: up to 8 of 255 in a channel, measured
# over repeated shoots of the same site. A changed word or rule differs by far more.
TOLERANCE = 12


def _differing(
    before: Image.Image, after: Image.Image, tolerance: int
) -> tuple[int, tuple[int, int, int, int] | None, Image.Image]:
    """How many pixels differ by more than `tolerance` in some channel, their bounding box, and a
    mask of them (white)."""
    width, height = max(before.width, after.width), max(before.height, after.height)
    # Pictures of different heights are compared on the larger canvas: what only one has differs.
    canvas = [Image.new("RGB", (width, height), (255, 0, 255)) for _ in range(2)]
    canvas[0].paste(before.convert("RGB"))
    canvas[1].paste(after.convert("RGB"))
    red, green, blue = ImageChops.difference(*canvas).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    mask = largest.point(lambda value: 255 if value > tolerance else 0)
    return mask.histogram()[255], mask.getbbox(), mask


def _diff_picture(before: Image.Image, after: Image.Image, mask: Image.Image) -> Image.Image:
    """Before | after | the after picture faded, with the differing pixels in red."""
    width, height = mask.size
    faded = Image.new("RGB", (width, height), "white")
    faded.paste(after.convert("RGB"))
    faded = Image.blend(faded, Image.new("RGB", (width, height), "white"), 0.7)
    faded.paste(Image.new("RGB", (width, height), (220, 0, 0)), mask=mask)
    picture = Image.new("RGB", (width * 3 + 20, height), (128, 128, 128))
    for index, part in enumerate((before.convert("RGB"), after.convert("RGB"), faded)):
        picture.paste(part, (index * (width + 10), 0))
    return picture


def compare(before_dir: Path, after_dir: Path, tolerance: int = TOLERANCE) -> int:
    names = sorted({p.name for d in (before_dir, after_dir) for p in [*d.glob("*.png"), *d.glob("*.txt")]})
    if not names:
        raise SystemExit(f"no screenshots in {before_dir} or {after_dir}")
    diffs = after_dir / "diffs"
    if diffs.exists():
        for old in diffs.glob("*.png"):
            old.unlink()
    failed = 0
    for name in names:
        before, after = before_dir / name, after_dir / name
        if not after.exists():
            verdict = "MISSING in after"
        elif not before.exists():
            print(f"{name}: new (not in before)")
            continue
        elif name.endswith(".txt"):
            same = before.read_text(encoding="utf-8") == after.read_text(encoding="utf-8")
            verdict = "same" if same else "DIFFERENT text: " + after.read_text(encoding="utf-8").strip()
        else:
            old, new = Image.open(before), Image.open(after)
            count, box, mask = _differing(old, new, tolerance)
            if not count:
                verdict = "same"
            else:
                sizes = "" if old.size == new.size else f", size {old.size} -> {new.size}"
                diffs.mkdir(exist_ok=True)
                _diff_picture(old, new, mask).save(diffs / name)
                verdict = f"DIFFERENT: {count} pixels in box {box}{sizes} (see diffs/{name})"
        failed += verdict != "same"
        print(f"{name}: {verdict}")
    print(f"{len(names) - failed} of {len(names)} the same" + (f"; {failed} differ or are missing" if failed else ""))
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    shooting = commands.add_parser("shoot", help="screenshot every widget's states from a built site")
    shooting.add_argument("--site", type=Path, required=True, help="a built site (./dev build makes site/)")
    shooting.add_argument("--out", type=Path, required=True, help="the folder for the PNGs (its old ones go)")
    shooting.add_argument("--only", nargs="+", metavar="WIDGET", help="only these widgets (while scripting states)")
    comparing = commands.add_parser("compare", help="compare two folders of screenshots")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument(
        "--tolerance",
        type=int,
        default=TOLERANCE,
        help=f"channel levels (of 255) a pixel may differ by and count as the same (default {TOLERANCE}; 0: exact)",
    )
    arguments = parser.parse_args()
    if arguments.command == "shoot":
        return shoot(arguments.site.resolve(), arguments.out.resolve(), arguments.only)
    return compare(arguments.before, arguments.after, arguments.tolerance)


if __name__ == "__main__":
    sys.exit(main())
