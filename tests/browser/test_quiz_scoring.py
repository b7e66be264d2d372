"""Unit tests of the quiz's scoring and storage scripts and the trainer's tally (show of hands),
run in Chromium with no quiz markup."""

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
    for name in ("js/quiz-score.js", "js/answers-core.js", "js/answers-store.js", "js/quiz.js", "js/tally.js"):
        page.add_script_tag(content=assets.read(name))
    return page


def run(page: Page, expression: str):
    return page.evaluate(
        f"() => {{ const S = DPUP.quizScore, T = DPUP.answerStore, H = DPUP.tally, A = DPUP.assess; return {expression}; }}"
    )


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
    result = run(
        scripts, f"S.score({{'q.01': {json.dumps(answer)}, 'q.02': S.recordCheck(null, 'A')}}, {json.dumps(KEY)})"
    )
    assert result == {"total": 2, "answered": 2, "correct": 2, "firstTry": 1, "complete": True}
    assert run(scripts, f"S.scoreSentence({json.dumps(result)})") == (
        "You answered 2 of 2 correctly. On your first try: 1 of 2."
    )


def test_changing_the_choice_after_checking_keeps_the_first_try(scripts):
    answer = run(scripts, "S.recordChoice(S.recordCheck(null, 'B'), 'A')")
    assert answer == {"choice": "A", "checked": False, "firstChoice": "B"}


def test_saved_answers_use_the_documented_keys_and_bad_entries_read_as_nothing(scripts):
    stored = run(
        scripts,
        """(localStorage.clear(),
        T.set('quiz.quiz-a', 'quiz-a.01', {choice: 'B', checked: true, firstChoice: 'B'}),
        localStorage.setItem('dpup.quiz.quiz-a.quiz-a.02', '{not json'),
        [localStorage.getItem('dpup.quiz.quiz-a.quiz-a.01'), T.get('quiz.quiz-a', 'quiz-a.02')])""",
    )
    assert stored == ['{"choice":"B","checked":true,"firstChoice":"B"}', None]


def test_clearing_one_quiz_leaves_other_quizzes_and_other_data(scripts):
    remaining = run(
        scripts,
        """(localStorage.clear(),
        T.set('quiz.quiz-a', 'quiz-a.01', {choice: 'B', checked: true}),
        T.set('quiz.quiz-ab', 'quiz-ab.01', {choice: 'A', checked: true}),
        localStorage.setItem('dpup.selfcheck.x', '1'),
        T.clear('quiz.quiz-a'),
        Object.keys(localStorage).sort())""",
    )
    assert remaining == ["dpup.quiz.quiz-ab.quiz-ab.01", "dpup.selfcheck.x"]


# --- the trainer's tally (a show of hands per option) -----------------------------------------------

KEYS = ["A", "B", "C", "D"]


def test_saved_counts_are_read_defensively(scripts):
    saved = """{A: 3, B: -1, C: "7", D: 2.5, E: 4, __proto__: {polluted: 1}}"""
    counts = run(scripts, f"H.readCounts({saved}, {KEYS})")
    assert counts == {"A": 3, "B": 0, "C": 0, "D": 0}
    assert run(scripts, f"H.readCounts(1e12, {KEYS})") == dict.fromkeys(KEYS, 0)
    capped = run(scripts, f"H.readCounts({{A: 1e12, B: Infinity, C: NaN}}, {KEYS})")
    assert capped == {"A": 9999, "B": 0, "C": 0, "D": 0}
    assert run(scripts, f"H.readCounts(null, {KEYS})") == dict.fromkeys(KEYS, 0)
    assert run(scripts, f"H.readCounts('<b>', {KEYS})") == dict.fromkeys(KEYS, 0)


def test_adjusting_never_goes_below_zero_ignores_unknown_options_and_does_not_mutate(scripts):
    result = run(
        scripts,
        """(() => { const before = {A: 0, B: 2};
        const after = H.adjust(H.adjust(before, 'A', -1), 'B', 1);
        return [before, after, H.adjust(after, 'Z', 1), H.adjust({A: 9999}, 'A', 1)]; })()""",
    )
    assert result == [{"A": 0, "B": 2}, {"A": 0, "B": 3}, {"A": 0, "B": 3}, {"A": 9999}]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"A": 1, "B": 1, "C": 1, "D": 0}, {"A": 34, "B": 33, "C": 33, "D": 0}),
        ({"A": 1, "B": 1, "C": 4, "D": 0}, {"A": 17, "B": 16, "C": 67, "D": 0}),
        ({"A": 0, "B": 0, "C": 0, "D": 0}, {"A": 0, "B": 0, "C": 0, "D": 0}),
        ({"A": 2, "B": 1, "C": 0, "D": 0}, {"A": 67, "B": 33, "C": 0, "D": 0}),
        ({"A": 3, "B": 3, "C": 1, "D": 0}, {"A": 43, "B": 43, "C": 14, "D": 0}),
    ],
)
def test_percentages_are_whole_and_add_up_to_100(scripts, counts, expected):
    result = run(scripts, f"H.percentages({json.dumps(counts)}, {KEYS})")
    assert result == expected
    assert sum(result.values()) in (0, 100)


def test_the_chart_scales_bars_to_the_most_chosen_option(scripts):
    bars = run(scripts, f"H.chart({{A: 2, B: 8, C: 0, D: 0}}, {KEYS})")
    assert bars == [
        {"key": "A", "hands": 2, "percent": 20, "share": 0.25},
        {"key": "B", "hands": 8, "percent": 80, "share": 1},
        {"key": "C", "hands": 0, "percent": 0, "share": 0},
        {"key": "D", "hands": 0, "percent": 0, "share": 0},
    ]
    assert run(scripts, "[H.handsText(0), H.handsText(1), H.handsText(2)]") == ["0 hands", "1 hand", "2 hands"]


QUESTIONS = [
    {"id": "q.01", "keys": ["A", "B"], "correctKey": "A"},
    {"id": "q.02", "keys": ["A", "B"], "correctKey": "B"},
    {"id": "q.03", "keys": ["A", "B", "C"], "correctKey": "C"},
    {"id": "q.04", "keys": ["A", "B"], "correctKey": "A"},
]


def test_the_hardest_questions_come_first_and_all_right_or_uncounted_ones_are_left_out(scripts):
    session = {"q.01": {"A": 5}, "q.02": {"A": 3, "B": 1}, "q.03": {"A": 1, "C": 1}, "q.04": None}
    results = run(scripts, f"H.results({json.dumps(QUESTIONS)}, {json.dumps(session)})")
    assert [(r["number"], r["hands"], r["correct"], r["percentCorrect"]) for r in results] == [
        (1, 5, 5, 100),
        (2, 4, 1, 25),
        (3, 2, 1, 50),
        (4, 0, 0, None),
    ]
    hardest = run(scripts, f"H.hardest(H.results({json.dumps(QUESTIONS)}, {json.dumps(session)}), 3)")
    assert [r["id"] for r in hardest] == ["q.02", "q.03"]
    assert run(scripts, f"H.hardest(H.results({json.dumps(QUESTIONS)}, {json.dumps(session)}), 1)")[0]["id"] == "q.02"


def test_equally_hard_questions_keep_quiz_order(scripts):
    session = {"q.01": {"A": 1, "B": 1}, "q.02": {"A": 2, "B": 2}}
    hardest = run(scripts, f"H.hardest(H.results({json.dumps(QUESTIONS[:2])}, {json.dumps(session)}), 3)")
    assert [r["id"] for r in hardest] == ["q.01", "q.02"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", '"\'\rx"'),
        ("a, b", '"a, b"'),
        ('say "hi"', '"say ""hi"""'),
        ("plain", "plain"),
        (3, "3"),
        (None, ""),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("x-1", "x-1"),
    ],
)
def test_csv_cells_cannot_run_as_formulas(scripts, value, cell):
    # The trainer writes its CSV with the shared writer: one table of one cell.
    assert run(scripts, f"A.toCsv([[[{json.dumps(value)}]]])") == "\ufeff" + cell + "\r\n"


def test_the_session_csv_has_a_row_per_option_with_a_bom_and_crlf(scripts):
    questions = [
        {
            "id": "q.01",
            "number": 1,
            "stem": "Which, one?",
            "correctKey": "B",
            "options": [{"key": "A", "text": "=1+1"}, {"key": "B", "text": "Right"}],
        }
    ]
    csv_text = run(scripts, f"A.toCsv([H.sessionRows({json.dumps(questions)}, {{'q.01': {{A: 1, B: 3}}}})])")
    assert csv_text == (
        "\ufeffQuestion,Question text,Option,Option text,Correct,Hands,Percent\r\n"
        '1,"Which, one?",A,\'=1+1,no,1,25\r\n'
        '1,"Which, one?",B,Right,yes,3,75\r\n'
    )
