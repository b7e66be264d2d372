"""The widgets work on a site Zensical built: tests of the quiz, trainer, self-check and checklists,
run again on that site. (DPUP_TEST_ENGINE=zensical runs every browser test on it.)"""

import functools
import http.server
import threading

import pytest
from conftest import _QuietHandler
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
from test_trainer import (  # noqa: F401
    test_arrow_keys_move_between_slides_and_announce_them,
    test_space_moves_on_like_presentation_software_and_never_scrolls_the_slide_away,
    test_the_deck_opens_on_the_join_slide_then_the_questions,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(zensical_site):
    """The shipped content built by Zensical (the toolkit's steps around it), served on 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(zensical_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
