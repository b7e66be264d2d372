"""Unit tests of the quiz's scoring and storage scripts, run in Chromium with no quiz markup."""

import json

import pytest
from playwright.sync_api import Page

from macros import assets

pytestmark = pytest.mark.browser


@pytest.fixture
def scripts(page: Page, site_url):
    # An empty page on the same origin, so localStorage works; only the two pure scripts load.
    page.goto(site_url + "assets/dpup/css/widgets.css")
    page.set_content("<!doctype html><title>scoring</title>")
    for name in ("js/quiz-score.js", "js/answers-store.js", "js/quiz.js"):
        page.add_script_tag(content=assets.read(name))
    return page


def run(page: Page, expression: str):
    return page.evaluate(f"() => {{ const S = DPUP.quizScore, T = DPUP.answerStore; return {expression}; }}")


KEY = {"q.01": "C", "q.02": "A"}


def test_an_unfinished_quiz_is_not_complete(scripts):
    result = run(scripts, f"S.score({{'q.01': {{choice: 'C', checked: true, firstChoice: 'C'}}}}, {json.dumps(KEY)})")
    assert result == {"total": 2, "answered": 1, "correct": 1, "firstTry": 1, "complete": False}


def test_a_chosen_but_unchecked_answer_does_not_count(scripts):
    result = run(scripts, f"S.score({{'q.01': S.recordChoice(null, 'C')}}, {json.dumps(KEY)})")
    assert result["answered"] == 0 and result["correct"] == 0


def test_the_first_checked_answer_is_remembered_for_the_first_try_score(scripts):
    answer = run(scripts, "S.recordCheck(S.recordCheck(null, 'B'), 'C')")
    assert answer == {"choice": "C", "checked": True, "firstChoice": "B"}
    result = run(scripts, f"S.score({{'q.01': {json.dumps(answer)}, 'q.02': S.recordCheck(null, 'A')}}, "
                          f"{json.dumps(KEY)})")
    assert result == {"total": 2, "answered": 2, "correct": 2, "firstTry": 1, "complete": True}
    assert run(scripts, f"S.scoreSentence({json.dumps(result)})") == (
        "You answered 2 of 2 correctly. On your first try: 1 of 2.")


def test_changing_the_choice_after_checking_keeps_the_first_try(scripts):
    answer = run(scripts, "S.recordChoice(S.recordCheck(null, 'B'), 'A')")
    assert answer == {"choice": "A", "checked": False, "firstChoice": "B"}


def test_saved_answers_use_the_documented_keys_and_bad_entries_read_as_nothing(scripts):
    stored = run(scripts, """(localStorage.clear(),
        T.set('quiz.quiz-a', 'quiz-a.01', {choice: 'B', checked: true, firstChoice: 'B'}),
        localStorage.setItem('dpup.quiz.quiz-a.quiz-a.02', '{not json'),
        [localStorage.getItem('dpup.quiz.quiz-a.quiz-a.01'), T.get('quiz.quiz-a', 'quiz-a.02')])""")
    assert stored == ['{"choice":"B","checked":true,"firstChoice":"B"}', None]


def test_clearing_one_quiz_leaves_other_quizzes_and_other_data(scripts):
    remaining = run(scripts, """(localStorage.clear(),
        T.set('quiz.quiz-a', 'quiz-a.01', {choice: 'B', checked: true}),
        T.set('quiz.quiz-ab', 'quiz-ab.01', {choice: 'A', checked: true}),
        localStorage.setItem('dpup.selfcheck.x', '1'),
        T.clear('quiz.quiz-a'),
        Object.keys(localStorage).sort())""")
    assert remaining == ["dpup.quiz.quiz-ab.quiz-ab.01", "dpup.selfcheck.x"]
