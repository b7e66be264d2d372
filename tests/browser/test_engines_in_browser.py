"""The widgets work on a site Zensical built: tests of the quiz, trainer, self-check, checklists and
the header's search, run again on that site, and axe on one page of each kind.
(DPUP_TEST_ENGINE=zensical runs every browser test on it.)"""

import functools
import http.server
import re
import threading

import pytest
from axe_check import WITH_BEST_PRACTICE, describe, run_axe
from conftest import ROOT, _QuietHandler
from playwright.sync_api import Page
from test_checklists import (  # noqa: F401  (collected here, with this module's site_url)
    test_answers_and_notes_survive_a_reload_and_clear_forgets_them,
    test_answers_update_the_summary_and_a_no_needs_attention,
)
from test_quiz import (  # noqa: F401
    test_a_keyboard_user_answers_and_hears_the_feedback,
    test_a_wrong_answer_then_the_right_one_gets_feedback_each_time,
    test_all_six_right_gives_a_full_score,
)
from test_self_check import (  # noqa: F401
    test_adding_gaps_to_the_plan_creates_rows_with_plain_sentences,
    test_the_section_level_and_heat_map_once_every_criterion_is_rated,
    test_the_steps_show_one_part_at_a_time_and_lead_through_the_elements,
)
from test_site_wide import (  # noqa: F401
    test_the_header_search_opens_the_one_search_dialog_by_keyboard,
    test_the_header_search_opens_the_one_search_dialog_by_mouse,
)
from test_trainer import (  # noqa: F401
    test_arrow_keys_move_between_slides_and_announce_them,
    test_space_moves_on_like_presentation_software_and_never_scrolls_the_slide_away,
    test_the_deck_is_exactly_the_window_with_the_small_print_inside_it,
    test_the_deck_opens_on_the_join_slide_then_the_questions,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")  # not module: then --dist loadgroup would keep these tests on one worker
def site_url(zensical_site):
    """The shipped content built by Zensical (the toolkit's steps around it), served on 127.0.0.1
    (for this module's tests only: a fixture defined in a module overrides only there)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(zensical_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def one_page_of_each_kind() -> dict[str, str]:
    """A page's address for each kind of page, found from the registry and docs/, not listed
    here: the first page of every kind of content and of each of its views (trainer, handout),
    each kind's offline pack, the home page, the first hand-written page using each of the
    toolkit's macros (cards, glossary, self-check...), and the 404 page."""
    from macros.build import create_context
    from macros.pages import pack_src, page_url
    from macros.siteconfig import SiteConfig, read_config

    context = create_context(SiteConfig.of(read_config(ROOT / "mkdocs.yml"), ROOT / "mkdocs.yml"))
    site = context.site
    found = {"home": "", "404 page": "404.html"}
    for page in context.pages.values():
        kind = site.get(page.item_id).kind + (f" {page.view.name}" if page.view else "")
        found.setdefault(kind, page_url(page.src, True))
    for kind in site.registry:
        for item in site.items(kind.name)[:1] if kind.pack_file else []:
            found[f"{kind.name} pack"] = pack_src(site, item)
    docs = ROOT / "docs"
    for source in sorted(docs.rglob("*.md")):
        for macro in re.findall(r"\{\{\s*(\w+)\(", source.read_text(encoding="utf-8")):
            address = page_url(source.relative_to(docs).as_posix(), True)
            if address not in found.values():
                found.setdefault(f"{macro} page", address)
    return found


# Split in two, so that the parallel workers share it.
@pytest.mark.parametrize("shard", range(2))
@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}], ids=["laptop", "phone"]
)
@pytest.mark.long_running
def test_one_page_of_each_kind_passes_axe_with_best_practices_on_a_phone_and_a_laptop(
    page: Page, site_url, viewport, shard
):
    every = one_page_of_each_kind()
    assert len(every) >= 15
    failures = []
    page.set_viewport_size(viewport)
    for kind, address in list(every.items())[shard::2]:
        page.goto(site_url + address)
        violations = run_axe(page, WITH_BEST_PRACTICE).response["violations"]
        if violations:
            failures.append(f"{viewport['width']} px, {kind} ({address}):\n{describe(violations)}")
    assert failures == [], "\n".join(failures)
