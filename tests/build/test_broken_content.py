"""Each kind of content mistake gets one clear message: file, line, id, and what was expected.

Every case copies the minimal valid content set (tests/fixtures/minimal) and introduces one fault.
"""

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_build

from macros.loader import ContentErrors, load_site

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
ELEMENT = "content/maturity/elements/element-culture.yml"
PLAN = "content/plans/plan-example.yml"
QUIZ = "quiz/intro.yml"
TOOL = "content/tools/tool-check-your-actions.yml"
DELETE = object()  # as a replacement: remove the file

# (case name, file, text to replace, replacement, expected messages). A replacement of None
# writes `text` as a new file; an empty `text` with a replacement overwrites the whole file.
CASES = [
    (
        "yaml syntax error",
        "content/principles.yml",
        "    order: 1\n",
        "    order: [1\n",
        [
            "content/principles.yml:5: (file): YAML syntax error: while parsing a flow sequence (started on line 4): "
            "did not find expected ',' or ']'"
        ],
    ),
    (
        "tab indentation",
        "content/principles.yml",
        "    order: 1",
        "\torder: 1",
        ["content/principles.yml:4: (file): a tab is used for indentation; YAML needs spaces"],
    ),
    (
        "duplicate key",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    order: 2\n",
        ["content/principles.yml:5: (file): duplicate key 'order' (first set on line 4)"],
    ),
    (
        "unknown field typo",
        "content/principles.yml",
        "    meaning:",
        "    meening:",
        [
            "content/principles.yml:3: principle-he-tangata: missing required field 'meaning'",
            "content/principles.yml:6: principle-he-tangata: unknown field 'meening'; did you mean 'meaning'? "
            "(allowed: about, id, meaning, meaning_sources, name, order, sources, status, summary)",
        ],
    ),
    (
        "missing required field",
        "content/principles.yml",
        "    summary: Focus on improving people's lives.\n",
        "",
        ["content/principles.yml:3: principle-he-tangata: missing required field 'summary'"],
    ),
    (
        "wrong type",
        "content/principles.yml",
        "    order: 1",
        "    order: first",
        [
            "content/principles.yml:4: principle-he-tangata: order: Input should be a valid integer, "
            "unable to parse string as an integer (got 'first')"
        ],
    ),
    (
        "empty file",
        "content/glossary.yml",
        "",
        "# nothing here yet\n",
        ["content/glossary.yml:1: (file): the file is empty; add content or delete the file"],
    ),
    (
        "unknown principle reference",
        "content/guidelines.yml",
        "      - principle-he-tangata",
        "      - principle-he-tangta",
        [
            "content/guidelines.yml:9: guideline-purpose-matters: unknown principle 'principle-he-tangta' "
            "(did you mean 'principle-he-tangata'?)"
        ],
    ),
    (
        "reference of the wrong type",
        "content/roles/role-frontline.yml",
        "  - tool-check-your-actions",
        "  - guideline-purpose-matters",
        [
            "content/roles/role-frontline.yml:13: role-frontline: 'guideline-purpose-matters' is a guideline, "
            "but tools expects a tool"
        ],
    ),
    (
        "unknown level",
        ELEMENT,
        "level: managed",
        "level: managd",
        [f"{ELEMENT}:18: element-culture.01: unknown level 'managd' (did you mean 'managed'?)"],
    ),
    (
        "descriptor missing for a level",
        ELEMENT,
        "      - level: foundational\n        text: Leadership recognises the importance.\n",
        "",
        [f"{ELEMENT}:9: element-culture.01: no descriptor for level 'foundational'"],
    ),
    (
        "element with no criteria",
        ELEMENT,
        "criteria:\n",
        "criteria: []\nold_criteria:\n",
        [
            f"{ELEMENT}:8: element-culture: criteria: needs at least 1 entry",
            f"{ELEMENT}:9: element-culture: unknown field 'old_criteria'; did you mean 'criteria'? (allowed: criteria, guidance, id, notes, number, order, "
            "section, statement, status, title, title_editorial)",
        ],
    ),
    (
        "quiz with two correct answers",
        QUIZ,
        "        feedback: Those come from the Treaty.",
        "        feedback: Those come from the Treaty.\n        correct: true",
        [f"{QUIZ}:5: quiz-intro.01: a single-choice question needs exactly one correct option; found A, B"],
    ),
    (
        "quiz with no correct answer",
        QUIZ,
        "        correct: true\n",
        "",
        [f"{QUIZ}:5: quiz-intro.01: a single-choice question needs exactly one correct option; found none"],
    ),
    (
        "option without feedback",
        QUIZ,
        "        feedback: Those come from the Treaty.\n",
        "",
        [f"{QUIZ}:13: quiz-intro.01: missing required field 'feedback'"],
    ),
    (
        "plan action numbering gap",
        PLAN,
        "number: 2",
        "number: 3",
        [f"{PLAN}:6: plan-example: planned actions must be numbered 1 to 2 in order with no gaps or repeats; got 1, 3"],
    ),
    (
        "duplicate id",
        "content/tools/tool-check-your-actions.yml",
        "tool-check-your-actions.01",
        "tool-check-your-actions.01\n        text: Again?\n      - id: tool-check-your-actions.01",
        [
            "content/tools/tool-check-your-actions.yml:15: tool-check-your-actions.01: duplicate id "
            "(first used at content/tools/tool-check-your-actions.yml:13)"
        ],
    ),
    (
        "stray yaml file",
        "content/notes.yml",
        "title: my notes\n",
        None,
        [
            "content/notes.yml:1: (file): not a known content file; expected one of: content/principles.yml, "
            "content/guidelines.yml, content/glossary.yml, content/answer-sets.yml, content/about.yml, content/release.yml, "
            "content/law-facts.yml, content/roles/*.yml, "
            "content/tools/*.yml, content/maturity/levels.yml, content/maturity/sections.yml, "
            "content/maturity/elements/*.yml, content/plans/*.yml, content/workshops/*.yml"
        ],
    ),
    (
        "yaml alias bomb",
        "content/roles/role-frontline.yml",
        "what_you_do: You work with people.",
        "what_you_do: &a You work with people.\nsummary_copy: *a",
        [
            "content/roles/role-frontline.yml:6: (file): YAML aliases (*name) are not allowed in content; the value "
            "written here is reused by an alias: write it out in full each time"
        ],
    ),
    (
        "not utf-8",
        "content/about.yml",
        "",
        "title: Wh\xe2nau\n".encode("latin-1"),
        ["content/about.yml:1: (file): the file is not UTF-8 text; save it as UTF-8 (macrons need it)"],
    ),
    (
        "unknown guideline reference",
        "content/tools/tool-check-your-actions.yml",
        "  - guideline-purpose-matters",
        "  - guideline-purpose-maters",
        [
            "content/tools/tool-check-your-actions.yml:8: tool-check-your-actions: unknown principle or guideline "
            "'guideline-purpose-maters' (did you mean 'guideline-purpose-matters'?)"
        ],
    ),
    (
        "unknown role reference",
        ELEMENT,
        "      - principle-he-tangata",
        "      - role-frontlin",
        [
            f"{ELEMENT}:21: element-culture.01: unknown principle, guideline, role or tool 'role-frontlin' "
            "(did you mean 'role-frontline'?)"
        ],
    ),
    (
        "unknown tool reference",
        "content/roles/role-frontline.yml",
        "  - tool-check-your-actions",
        "  - tool-check-your-action",
        [
            "content/roles/role-frontline.yml:13: role-frontline: unknown tool 'tool-check-your-action' "
            "(did you mean 'tool-check-your-actions'?)"
        ],
    ),
    (
        "unknown criterion reference",
        PLAN,
        "      - element-culture.01",
        "      - element-culture.09",
        [
            f"{PLAN}:16: plan-example: unknown criterion or element 'element-culture.09' (did you mean 'element-culture.01'?)"
        ],
    ),
    (
        "unknown answer set",
        "content/tools/tool-check-your-actions.yml",
        "answers: answers-yes-no-na",
        "answers: answers-yes-no",
        [
            "content/tools/tool-check-your-actions.yml:15: tool-check-your-actions.01: unknown answer-set 'answers-yes-no' "
            "(did you mean 'answers-yes-no-na'?)"
        ],
    ),
    (
        "yaml extension",
        "content/roles/extra.yaml",
        "id: role-x\n",
        None,
        [
            "content/roles/extra.yaml:1: (file): not a known content file; use the .yml extension, in lower case; "
            "expected one of: "
            "content/principles.yml, content/guidelines.yml, content/glossary.yml, content/answer-sets.yml, content/about.yml, "
            "content/release.yml, content/law-facts.yml, "
            "content/roles/*.yml, content/tools/*.yml, content/maturity/levels.yml, content/maturity/sections.yml, "
            "content/maturity/elements/*.yml, content/plans/*.yml, content/workshops/*.yml"
        ],
    ),
    (
        "missing required file",
        "content/about.yml",
        "",
        DELETE,
        ["content/about.yml:1: (file): required file is missing"],
    ),
    (
        "timeline out of order",
        "content/about.yml",
        "sort_key: 2017-04",
        "sort_key: 2015-04",
        ["content/about.yml:7: (file): timeline events must be in date order; got 2016, 2015-04"],
    ),
    (
        "criterion id of another element",
        ELEMENT,
        "  - id: element-culture.01",
        "  - id: element-cultur.01",
        [
            f"{ELEMENT}:2: element-culture: criterion id 'element-cultur.01' must start with the element id 'element-culture.'"
        ],
    ),
    (
        "duplicate option keys",
        QUIZ,
        "      - key: B",
        "      - key: A",
        [f"{QUIZ}:5: quiz-intro.01: option keys must be unique; got A, A"],
    ),
    (
        "role with no principles in action",
        "content/roles/role-frontline.yml",
        "principles_in_action:\n  - principle: principle-he-tangata\n    upheld_when:\n      - explain why you ask\n",
        "principles_in_action: []\n",
        ["content/roles/role-frontline.yml:8: role-frontline: principles_in_action: needs at least 1 entry"],
    ),
    (
        "impossible date",
        PLAN,
        "period_end: 2025-06-30",
        "period_end: 2025-13-45",
        [f"{PLAN}:5: (file): '2025-13-45' cannot be read: month must be in 1..12 (dates are written YYYY-MM-DD)"],
    ),
    (
        "unknown status",
        "content/principles.yml",
        "    order: 1",
        "    order: 1\n    status: archived",
        [
            "content/principles.yml:5: principle-he-tangata: status: Input should be 'active' or 'retired' (got 'archived')"
        ],
    ),
    (
        "unknown default target level",
        "content/maturity/levels.yml",
        "default_target: managed",
        "default_target: excellent",
        [
            "content/maturity/levels.yml:3: (file): unknown level 'excellent' (expected one of: foundational, informal, managed)"
        ],
    ),
    (
        "id without its type prefix",
        "content/principles.yml",
        "  - id: principle-he-tangata",
        "  - id: he-tangata",
        [
            "content/principles.yml:3: he-tangata: id 'he-tangata' must be lower-case words joined by hyphens "
            "and start with 'principle-'"
        ],
    ),
    (
        "a list where a mapping belongs",
        "content/glossary.yml",
        "",
        "- just\n- a list\n",
        ["content/glossary.yml:1: (file): the file must be a mapping of fields (key: value)"],
    ),
    (
        "quiz tests a tool",
        QUIZ,
        "      - principle-he-tangata",
        "      - tool-check-your-actions",
        [f"{QUIZ}:18: quiz-intro.01: 'tool-check-your-actions' is a tool, but tests expects a principle or guideline"],
    ),
    # Links in Markdown fields: only http, https, mailto and relative, however a scheme is disguised.
    (
        "javascript link",
        TOOL,
        "summary: A one-page checklist.",
        "summary: See [this](javascript:alert(1)).",
        [
            f"{TOOL}:6: tool-check-your-actions: summary: the link 'javascript:alert(1)' is not allowed; "
            "links may be http, https, mailto or relative"
        ],
    ),
    (
        "data link in mixed case and spaces",
        "content/roles/role-frontline.yml",
        "what_you_do: You work with people.",
        "what_you_do: 'You work with [people](  DaTa:text/html;base64,PHNjcmlwdD4=).'",
        [
            "content/roles/role-frontline.yml:6: role-frontline: what_you_do: the link 'DaTa:text/html;base64,PHNjcmlwdD4=' "
            "is not allowed; links may be http, https, mailto or relative"
        ],
    ),
    (
        "scheme hidden by a character reference",
        QUIZ,
        "        feedback: Correct.",
        "        feedback: '[Read more](java&#115;cript:alert(1))'",
        [
            f"{QUIZ}:12: quiz-intro.01: feedback: the link 'java&#115;cript:alert(1)' is not allowed; "
            "links may be http, https, mailto or relative"
        ],
    ),
    (
        "tab inside a scheme",
        PLAN,
        "        text: Update the Code of Conduct.",
        '        text: "[x](java\\tscript:alert(1))"',
        # Python-Markdown turns the tab into spaces, which are no more allowed in a scheme.
        [
            f"{PLAN}:14: plan-example: text: the link 'java    script:alert(1)' is not allowed; "
            "links may be http, https, mailto or relative"
        ],
    ),
    (
        "vbscript reference link",
        ELEMENT,
        "statement: Build and maintain a privacy culture.",
        "statement: Build and maintain a privacy culture.\nguidance: |\n  See [the note][1].\n\n  [1]: vbscript:msgbox(1)",
        [
            f"{ELEMENT}:8: element-culture: guidance: the link 'vbscript:msgbox(1)' is not allowed; "
            "links may be http, https, mailto or relative"
        ],
    ),
    (
        "image from another site",
        TOOL,
        "summary: A one-page checklist.",
        "summary: '![logo](https://tracker.example/pixel.png)'",
        [
            f"{TOOL}:6: tool-check-your-actions: summary: the image 'https://tracker.example/pixel.png' is not a file of "
            "this site; images must be relative paths (the site makes no third-party requests)"
        ],
    ),
    # Ids that cannot be web addresses.
    (
        "overlong id",
        "content/roles/role-frontline.yml",
        "id: role-frontline",
        "id: role-" + "x" * 300,
        [
            "content/roles/role-frontline.yml:2: role-" + "x" * 59 + "...: the id is "
            "305 characters long; ids become web addresses, at most 64 characters"
        ],
    ),
    (
        "child ids follow their parent's id",
        TOOL,
        "id: tool-check-your-actions\n",
        "id: tool-index\n",
        [f"{TOOL}:2: tool-index: item id 'tool-check-your-actions.01' must start with the tool id 'tool-index.'"],
    ),
    (
        "id that is an index page",
        "content/roles/role-frontline.yml",
        "id: role-frontline",
        "id: role-index",
        [
            "content/roles/role-frontline.yml:2: role-index: the id 'role-index' would take the address of the roles/ "
            "index page; choose another id"
        ],
    ),
    (
        "id Windows cannot open",
        "content/roles/role-frontline.yml",
        "id: role-frontline",
        "id: role-con",
        [
            "content/roles/role-frontline.yml:2: role-con: the id 'role-con' would make a file named 'con', "
            "which Windows cannot open; choose another id"
        ],
    ),
    # Files that are loaded or refused, never skipped.
    (
        "upper-case extension",
        "content/roles/ROLE-X.YML",
        "id: role-x\n",
        None,
        [
            "content/roles/ROLE-X.YML:1: (file): not a known content file; use the .yml extension, in lower case; "
            "expected one of: content/principles.yml, content/guidelines.yml, content/glossary.yml, content/answer-sets.yml, "
            "content/about.yml, content/release.yml, content/law-facts.yml, content/roles/*.yml, content/tools/*.yml, content/maturity/levels.yml, "
            "content/maturity/sections.yml, content/maturity/elements/*.yml, content/plans/*.yml, content/workshops/*.yml"
        ],
    ),
    (
        "deep nesting",
        "content/roles/role-frontline.yml",
        "tools:\n",
        "deep: " + "[" * 350 + "]" * 350 + "\ntools:\n",
        [
            "content/roles/role-frontline.yml:12: (file): values are nested more than 30 levels deep here; "
            "content is never nested this deeply"
        ],
    ),
    # Retiring: one rule for every kind; a reference to a retired item names both ids.
    (
        "reference to a retired tool",
        TOOL,
        "order: 1\n",
        "order: 1\nstatus: retired\n",
        [
            "content/roles/role-frontline.yml:13: role-frontline: 'tool-check-your-actions' is retired "
            f"({TOOL}:2); remove the reference or make it active again",
            f"{ELEMENT}:22: element-culture.01: 'tool-check-your-actions' is retired "
            f"({TOOL}:2); remove the reference or make it active again",
        ],
    ),
    (
        "reference into a retired element",
        ELEMENT,
        "order: 2\n",
        "order: 2\nstatus: retired\n",
        [
            f"{PLAN}:16: plan-example: 'element-culture.01' belongs to 'element-culture', which is retired "
            f"({ELEMENT}:10); remove the reference or make it active again"
        ],
    ),
    (
        "reference to a retired answer set",
        "content/answer-sets.yml",
        "  - id: answers-yes-no-na\n",
        "  - id: answers-yes-no-na\n    status: retired\n",
        [
            f"{TOOL}:15: tool-check-your-actions.01: 'answers-yes-no-na' is retired (content/answer-sets.yml:3); "
            "remove the reference or make it active again"
        ],
    ),
    # Keys get the limits values have, and are quoted as short, escaped excerpts (issue 21).
    (
        "alias bomb in a key",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    sizes: &a [x, x, x, x, x, x, x, x]\n    ? [*a, *a, *a, *a, *a, *a, *a, *a]\n    : boom\n",
        [
            "content/principles.yml:5: (file): YAML aliases (*name) are not allowed in content; the value "
            "written here is reused by an alias: write it out in full each time"
        ],
    ),
    (
        "impossible date as a key",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    2025-13-45: the review\n",
        [
            "content/principles.yml:5: (file): '2025-13-45' cannot be read: month must be in 1..12 "
            "(dates are written YYYY-MM-DD)"
        ],
    ),
    (
        "a key tagged as a number",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    ? !!int abc\n    : x\n",
        ["content/principles.yml:5: (file): 'abc' cannot be read: invalid literal for int() with base 10: 'abc'"],
    ),
    (
        "a number as a key",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    2: second\n",
        ["content/principles.yml:5: (file): keys must be text; '2' is read as a number: put it in quotes"],
    ),
    (
        "a list as a key",
        "content/principles.yml",
        "    order: 1\n",
        "    order: 1\n    ? [a, b]\n    : x\n",
        ["content/principles.yml:5: (file): keys must be text; this key is a list"],
    ),
    (
        "a long duplicate key with an escape sequence",
        "content/principles.yml",
        "    order: 1\n",
        '    order: 1\n    "\\e[2J' + "x" * 300 + '": 1\n    "\\e[2J' + "x" * 300 + '": 2\n',
        ["content/principles.yml:6: (file): duplicate key '\\x1b[2J" + "x" * 30 + "...' (first set on line 5)"],
    ),
    (
        "an escape sequence in a reference",
        "content/roles/role-frontline.yml",
        "  - tool-check-your-actions",
        '  - "tool-\\e]0;owned\\a"',
        [
            "content/roles/role-frontline.yml:13: role-frontline: unknown tool 'tool-\\x1b]0;owned\\x07' (expected one of: tool-check-your-actions)"
        ],
    ),
    # Links inside content go to items by id (issue 21).
    (
        "a link to an unknown id",
        TOOL,
        "summary: A one-page checklist.",
        "summary: See [the role](id:role-frontlin).",
        [
            f"{TOOL}:6: tool-check-your-actions: summary: the link 'id:role-frontlin' goes to no item: there is no id "
            "'role-frontlin' (did you mean 'id:role-frontline'?)"
        ],
    ),
    (
        "a link by address",
        TOOL,
        "summary: A one-page checklist.",
        "summary: See [the role](../../roles/frontline/).",
        [
            f"{TOOL}:6: tool-check-your-actions: summary: the link '../../roles/frontline/' is an address on this site, "
            "which changes with the page the text is shown on; link to the item by its id instead, such as "
            "[the tool](id:tool-purpose-statement)"
        ],
    ),
    (
        "a link to an item with no page",
        TOOL,
        "summary: A one-page checklist.",
        "summary: See [the answers](id:answers-yes-no-na).",
        [
            f"{TOOL}:6: tool-check-your-actions: summary: the link 'id:answers-yes-no-na' goes to an answer-set, which "
            "has no page of its own; link to the item that uses it"
        ],
    ),
    (
        "a retired id used again",
        "content/roles/role-other.yml",
        "id: role-frontline\norder: 2\ntitle: T\naudience: A\nwhat_you_do: W\nsummary: S\nstatus: retired\n"
        "principles_in_action:\n  - principle: principle-he-tangata\n    upheld_when: [x]\n",
        None,
        [
            "content/roles/role-other.yml:1: role-frontline: duplicate id (first used at content/roles/role-frontline.yml:2)"
        ],
    ),
]


def broken_copy(tmp_path: Path, file: str, old: str, new) -> Path:
    root = tmp_path / "site-content"
    shutil.copytree(MINIMAL, root)
    path = root / file
    if new is DELETE:
        path.unlink()
    elif isinstance(new, bytes):
        path.write_bytes(new)
    elif new is None:
        path.write_text(old, encoding="utf-8")
    elif old == "":
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found in {file}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_the_corpus_covers_at_least_thirty_kinds_of_fault():
    assert len({case[0] for case in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("name, file, old, new, expected", CASES, ids=[case[0] for case in CASES])
def test_each_fault_gets_its_exact_message(tmp_path, name, file, old, new, expected):
    root = broken_copy(tmp_path, file, old, new)
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    assert [str(problem) for problem in errors.value.problems] == sorted(expected)


def test_every_problem_is_reported_at_once(tmp_path):
    root = broken_copy(tmp_path, QUIZ, "        correct: true\n", "")
    element = root / ELEMENT
    element.write_text(element.read_text(encoding="utf-8").replace("level: managed", "level: managd"), encoding="utf-8")
    (root / "content" / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    files = sorted({problem.path for problem in errors.value.problems})
    assert files == ["content/maturity/elements/element-culture.yml", "content/stray.yaml", "quiz/intro.yml"]
    assert errors.value.report().startswith("3 content problems found:")


def test_an_html_payload_in_a_title_is_escaped_not_an_error(tmp_path, built_site):
    root = broken_copy(
        tmp_path,
        "content/tools/tool-check-your-actions.yml",
        "title: Check your actions align with DPUP",
        "title: <script>alert('x')</script> Check",
    )
    site_dir = tmp_path / "site"
    result = run_build(ROOT, site_dir, {"DPUP_CONTENT_DIR": str(root / "content"), "DPUP_QUIZ_DIR": str(root / "quiz")})
    assert result.returncode == 0, result.stderr
    pages = {page: page.read_text(encoding="utf-8") for page in site_dir.rglob("*.html")}
    injected = [str(page.relative_to(site_dir)) for page, html in pages.items() if "<script>alert(" in html]
    assert injected == [], "the title's markup reached the HTML unescaped"
    tool_page = pages[site_dir / "tools" / "check-your-actions" / "index.html"]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Check</h1>" in tool_page


def test_a_failed_build_reports_every_problem_without_a_traceback_and_keeps_the_last_site(tmp_path):
    root = broken_copy(tmp_path, ELEMENT, "level: managed", "level: managd")
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("last good build", encoding="utf-8")
    result = run_build(ROOT, site_dir, {"DPUP_CONTENT_DIR": str(root / "content"), "DPUP_QUIZ_DIR": str(root / "quiz")})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"/{ELEMENT}:18: element-culture.01: unknown level 'managd' (did you mean 'managed'?)" in output
    assert "Traceback" not in output
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "last good build"


def test_the_check_command_gives_the_same_messages(tmp_path):
    import subprocess
    import sys

    root = broken_copy(tmp_path, ELEMENT, "level: managed", "level: managd")
    (root / "mkdocs.yml").write_text(f"site_name: Agency\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert f"{ELEMENT}:18: element-culture.01: unknown level 'managd' (did you mean 'managed'?)" in result.stderr
    ok = subprocess.run([sys.executable, "-m", "macros.cli", "check"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and ok.stdout.startswith("Content OK"), ok.stderr


def test_a_dangling_link_and_an_oversized_file_are_reported_not_skipped(tmp_path):
    root = broken_copy(tmp_path, "content/tools/tool-check-your-actions.yml", "order: 1", "order: 1")
    (root / "content" / "roles" / "role-gone.yml").symlink_to(tmp_path / "nowhere.yml")
    (root / "content" / "tools" / "tool-huge.yml").write_text("title: " + "x" * 2_100_000 + "\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    assert [str(problem) for problem in errors.value.problems] == [
        f"content/roles/role-gone.yml:1: (file): a symbolic link to '{tmp_path / 'nowhere.yml'}', which does not exist",
        "content/tools/tool-huge.yml:1: (file): the file is 2.1 MB; content files are at most 2 MB: split it",
    ]


# --- Issue 21: links out of the project, hand-written pages, settings, case ---------------------------


def test_a_link_to_a_retired_item_names_it(tmp_path):
    root = broken_copy(tmp_path, TOOL, "summary: A one-page checklist.", "summary: See [the role](id:role-frontline).")
    role = root / "content" / "roles" / "role-frontline.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("order: 1\n", "order: 1\nstatus: retired\n"), "utf-8")
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    assert (
        f"{TOOL}:6: tool-check-your-actions: summary: the link 'id:role-frontline' goes to 'role-frontline', "
        "which is retired (content/roles/role-frontline.yml:2); link to another item"
        in [str(problem) for problem in errors.value.problems]
    )


def test_links_out_of_the_project_and_files_that_are_not_files_are_refused_by_name(tmp_path):
    root = broken_copy(tmp_path, TOOL, "order: 1", "order: 1")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "tool-far.yml").write_text("id: tool-far\n", encoding="utf-8")
    (root / "content" / "tools" / "tool-zero.yml").symlink_to("/dev/zero")
    (root / "content" / "tools" / "tool-far.yml").symlink_to(tmp_path / "elsewhere" / "tool-far.yml")
    (root / "quiz" / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    os.mkfifo(root / "content" / "roles" / "role-pipe.yml")
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    far = tmp_path / "elsewhere"
    assert [str(problem) for problem in errors.value.problems] == [
        "content/roles/role-pipe.yml:1: (file): not a regular file (a device, pipe or socket); only plain files are read",
        f"content/tools/tool-far.yml:1: (file): a symbolic link to '{far / 'tool-far.yml'}', outside the project; "
        "files in content/ must be inside the project (copy the file in instead)",
        "content/tools/tool-zero.yml:1: (file): a symbolic link to '/dev/zero', outside the project; "
        "files in content/ must be inside the project (copy the file in instead)",
        f"quiz/more:1: (file): a symbolic link to '{far}', outside the project; "
        "files in quiz/ must be inside the project (copy the file in instead)",
    ]


ALLOWED = (
    "pages may use only cards(), link_to(), maturity_overview(), self_check(), about_dpup(), glossary(), what_changed(), "
    "config.site_name, config.extra.publisher.name"
)
DOCS_CASES = [
    ("undefined name", "{{ environment }}", [f"docs/page.md:3: (page): 'environment' is undefined; {ALLOWED}"]),
    (
        "near miss",
        "{{ config.site_nam }}",
        [f"docs/page.md:3: (page): 'config.site_nam' is undefined (did you mean 'config.site_name'?); {ALLOWED}"],
    ),
    (
        "python internals",
        "{{ self.__init__.__globals__.os.system('id') }}",
        [f"docs/page.md:3: (page): '__init__': a name starting with _ is never allowed in a page; {ALLOWED}"],
    ),
    (
        "include",
        "{% include '../mkdocs.yml' %}",
        [f"docs/page.md:3: (page): {{% include %}} is not allowed in a page; {ALLOWED}"],
    ),
    (
        "filter",
        "{{ config.site_name | upper }}",
        [f"docs/page.md:3: (page): a filter (|) is not allowed in a page; {ALLOWED}"],
    ),
    (
        "loop",
        "{% for x in [1] %}{% endfor %}",
        [f"docs/page.md:3: (page): a {{% for %}} loop is not allowed in a page; {ALLOWED}"],
    ),
    ("set", "{% set x = 1 %}", [f"docs/page.md:3: (page): {{% set %}} is not allowed in a page; {ALLOWED}"]),
    (
        "unknown kind of cards",
        "{{ cards('nope') }}",
        [
            "docs/page.md:3: (page): cards(): unknown kind 'nope' (expected one of: principle, guideline, role, "
            "tool, element, plan, quiz, workshop)"
        ],
    ),
    (
        "link_to with a keyword",
        "{{ link_to(item_id='tool-check-your-actions') }}",
        [
            "docs/page.md:3: (page): link_to() takes one id in quotes and optionally otherwise='...', such as link_to('tool-purpose-statement') or link_to('workshop-intro', otherwise='quiz/index.md')"
        ],
    ),
    (
        "link_to an unknown id",
        "{{ link_to('tool-check-your-action') }}",
        [
            "docs/page.md:3: tool-check-your-action: unknown item id 'tool-check-your-action'; "
            "did you mean 'tool-check-your-actions'?"
        ],
    ),
    (
        "arguments to a macro that takes none",
        "{{ glossary('all') }}",
        ["docs/page.md:3: (page): glossary() takes no arguments"],
    ),
    ("a macro not called", "{{ cards }}", ["docs/page.md:3: (page): 'cards' is a macro: call it, as cards(...)"]),
    (
        "broken if",
        "{% if %}yes{% endif %}",
        ["docs/page.md:3: (page): template syntax error: Expected an expression, got 'end of statement block'"],
    ),
    (
        "a link by address",
        "See [the tool](tools/check-your-actions/#top).",
        [
            "docs/page.md:3: (page): the link 'tools/check-your-actions/#top' is an address, which the build does "
            "not check; link the page's source file instead ('tools/check-your-actions.md')"
        ],
    ),
    (
        "a link to a page that is gone",
        "See [the tool](tools/check-your-action.md) and ![a map](images/map.png).\n\n[ref]: ../outside.md",
        [
            "docs/page.md:3: (page): the link 'tools/check-your-action.md' points to no page or file of this site",
            "docs/page.md:3: (page): the link 'images/map.png' points to no page or file of this site",
            "docs/page.md:5: (page): the link '../outside.md' points to no page or file of this site",
        ],
    ),
    ("links that resolve", "[a](tools/check-your-actions.md#x) [b](page.md) `[c](nope.md)` [d](https://x.nz/y)", []),
    (
        "not utf-8",
        "wh\xe2nau".encode("latin-1"),
        ["docs/page.md:3: (page): the page is not UTF-8 text; save it as UTF-8 (macrons need it)"],
    ),
]


@pytest.mark.parametrize("name, text, expected", DOCS_CASES, ids=[case[0] for case in DOCS_CASES])
def test_each_mistake_in_a_hand_written_page_gets_its_exact_message(tmp_path, name, text, expected):
    from macros.docs_pages import docs_problems

    site = load_site(MINIMAL / "content", MINIMAL / "quiz", shown_relative_to=MINIMAL)
    docs = tmp_path / "docs"
    docs.mkdir()
    body = text if isinstance(text, bytes) else text.encode("utf-8")
    (docs / "page.md").write_bytes(b"# Page\n\n" + body + b"\n")
    card_kinds = [kind.name for kind in site.registry if kind.cards]
    assert [str(problem) for problem in docs_problems(docs, tmp_path, site, card_kinds)] == expected


def test_files_in_docs_that_leave_the_project_are_refused_by_name(tmp_path):
    from macros.docs_pages import docs_problems

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "leak.md").symlink_to("/etc/hostname")
    (project / "docs" / "gone.md").symlink_to(project / "nowhere.md")
    (project / "docs" / "shared").symlink_to(project, target_is_directory=True)
    assert [str(problem) for problem in docs_problems(project / "docs", project, None, [])] == [
        f"docs/gone.md:1: (file): a symbolic link to '{project / 'nowhere.md'}', which does not exist",
        "docs/leak.md:1: (file): a symbolic link to '/etc/hostname', outside the project; files in docs/ must be "
        "inside the project (copy the file in instead)",
        "docs/shared:1: (file): a linked folder; docs/ holds its own files: copy them in instead",
    ]


def test_addresses_that_differ_only_in_case_are_refused(tmp_path):
    from macros.pages import address_problems, generated_pages

    site = load_site(MINIMAL / "content", MINIMAL / "quiz", shown_relative_to=MINIMAL)
    docs = tmp_path / "docs"
    (docs / "maturity").mkdir(parents=True)
    (docs / "maturity" / "Culture.md").write_text("# Mine\n", encoding="utf-8")
    (docs / "Privacy.md").write_text("# A\n", encoding="utf-8")
    (docs / "privacy.md").write_text("# B\n", encoding="utf-8")
    (docs / "Tools").mkdir()
    (docs / "Tools" / "mine.md").write_text("# C\n", encoding="utf-8")
    assert [str(problem) for problem in address_problems(site, generated_pages(site), docs)] == [
        "docs/privacy.md:1: (page): its address (privacy/) is taken by the hand-written page docs/Privacy.md "
        "(Privacy/: addresses that differ only in case are one file on Windows and macOS); rename it",
        f"{ELEMENT}:2: element-culture: the page for this id (maturity/culture/) would replace the hand-written page "
        "docs/maturity/Culture.md (maturity/Culture/: addresses that differ only in case are one file on Windows "
        "and macOS); choose another id",
        "docs/Tools/mine.md:1: (page): its folder 'Tools/' differs only in case from 'tools/', one folder on Windows "
        "and macOS; rename it",
    ]


SETTINGS_CASES = [
    (
        "site_description: 'About\" onload=\"alert(1)'\n",
        [
            "mkdocs.yml:2: site_description: 'About\" onload=\"alert(1)' is shown as text on every page: leave "
            'out < > " and control characters'
        ],
    ),
    (
        "repo_url: javascript:alert(1)\n",
        ["mkdocs.yml:2: repo_url: 'javascript:alert(1)' must be an http or https address"],
    ),
    (
        "site_url: ftp://files.example.org/\n",
        [
            "mkdocs.yml:2: site_url: 'ftp://files.example.org/' must be the site's http or https address, such as "
            "https://ORG.github.io/REPO/"
        ],
    ),
    (
        "site_url: 'https://x.org/\"><script>alert(1)</script>'\n",
        [
            "mkdocs.yml:2: site_url: 'https://x.org/\"><script>alert(1)</script>' must be the site's http or https "
            "address, such as https://ORG.github.io/REPO/"
        ],
    ),
    (
        "site_name: <img src=x onerror=alert(1)>\n",
        [
            "mkdocs.yml:1: site_name: '<img src=x onerror=alert(1)>' is shown as text on every page: 1 to 200 "
            "characters, without < > [ ] { } ` * _ | \\ # or control characters"
        ],
    ),
    (
        "extra:\n  publisher:\n    name: <img src=x onerror=alert(1)>\n",
        [
            "mkdocs.yml:4: extra.publisher: name is shown as text on every page: leave out < > [ ] { } ` * _ | \\ # "
            "and control characters (got '<img src=x onerror=alert(1)>')"
        ],
    ),
    (
        "extra:\n  publisher:\n    contact: javascript:alert(1)\n",
        [
            "mkdocs.yml:4: extra.publisher: contact: the link 'javascript:alert(1)' is not allowed; links may be "
            "http, https, mailto or relative (got 'javascript:alert(1)')"
        ],
    ),
    (
        "extra:\n  publisher:\n    privacy: 'privacy.md\" onfocus=\"alert(1)'\n",
        [
            "mkdocs.yml:4: extra.publisher: privacy: a link may not hold spaces, quotes, angle brackets, backslashes "
            "or control characters (got 'privacy.md\" onfocus=\"alert(1)')"
        ],
    ),
    (
        "extra:\n  publisher:\n    email: a@b.nz\n",
        [
            "mkdocs.yml:4: extra.publisher: unknown key 'email' (allowed: accessibility, contact, contact_label, name, "
            "privacy)"
        ],
    ),
]


@pytest.mark.parametrize(
    "text, expected", SETTINGS_CASES, ids=[case[1][0].split(": ")[1] + str(i) for i, case in enumerate(SETTINGS_CASES)]
)
def test_each_setting_that_reaches_a_page_is_checked_with_its_exact_message(tmp_path, text, expected):
    import yaml

    from macros.build import read_settings
    from macros.siteconfig import SiteConfig

    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: T\n" + text if not text.startswith("site_name") else text, encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    with pytest.raises(ContentErrors) as errors:
        read_settings(SiteConfig.of(data, path))
    assert [str(problem) for problem in errors.value.problems] == expected
