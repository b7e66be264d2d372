"""Server-side template injection into hand-written pages (issue 28, 1 and 2), at check level.

The corpus holds the techniques published for Jinja (the OWASP testing guide's and PortSwigger's
families): `__globals__`, `__builtins__`, `cycler`, `joiner`, `namespace`, `lipsum`, `range`,
`self`, `|attr`, subscripts, names built with `~` and `format`, `{% set %}`, `{% include %}`,
`{% import %}`, `{% macro %}`, raw blocks, comments and custom delimiters. Every form is placed
everywhere a page can hold template code: the body, a macro's argument, a call on a setting, a
filter, the title and other front-matter values. Each must be refused with the page and line,
all at once, by the check that runs before every engine. tests/build/test_page_injection.py
builds a site per placement on MkDocs and on Zensical, with a marker file that must not appear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros import docs_pages, front_matter
from macros.docs_pages import docs_problems

CARD_KINDS = ["principle", "guideline", "role", "tool", "plan", "quiz", "workshop"]

# Expressions: each reaches Python's internals, or reads what a page may not.
EXPRESSIONS = [
    "lipsum.__globals__.os.popen('id').read()",
    "lipsum.__globals__['os'].system('id')",
    "self.__init__.__globals__.__builtins__.__import__('os').system('id')",
    "self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read()",
    "cycler.__init__.__globals__.os.popen('id').read()",
    "joiner.__init__.__globals__.os.popen('id').read()",
    "namespace.__init__.__globals__.os.popen('id').read()",
    "range.__class__.__base__.__subclasses__()",
    "''.__class__.__mro__[1].__subclasses__()",
    "().__class__.__bases__[0].__subclasses__()[40]('/etc/passwd').read()",
    "lipsum|attr('__globals__')",
    "lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f')",
    "lipsum|attr('_'~'_glob'~'als__')",
    "lipsum|attr('%c%cglobals%c%c'|format(95,95,95,95))",
    "lipsum|attr(['_','_globals_','_']|join)",
    "lipsum['__glo' ~ 'bals__']",
    "config['__class__'].__init__.__globals__",
    "config.__class__.__init__.__globals__['os']",
    "config.items()",
    "config.site_name.upper()",
    "config.extra.publisher.name[0]",
    "config.extra.dpup",
    "config['extra']['publisher']['name']",
    "dict(__builtins__=1)",
    "macros_info()",
    "context()",
    "environment",
    "git",
    "page.meta",
    "navigation",
    "now()",
    "1 if lipsum else 2",
    "not lipsum",
    "lipsum and config",
    "lipsum or config",
    "config.site_name ~ 'x'",
    "'%s' % config.site_name",
]
# Statements and other tags: each is a way to run, define or hide template code.
STATEMENTS = [
    "{% set x = lipsum.__globals__ %}",
    "{% set x %}{{ lipsum }}{% endset %}",
    "{% set ns = namespace(a=lipsum) %}",
    "{% include 'index.md' %}",
    "{% include '/etc/passwd' %}",
    "{% import 'index.md' as x %}",
    "{% from 'index.md' import x %}",
    "{% macro m() %}{{ lipsum.__globals__ }}{% endmacro %}",
    "{% raw %}{{ lipsum.__globals__ }}{% endraw %}",
    "{# {{ lipsum.__globals__ }} #}",
    "{% for c in range(3) %}{% endfor %}",
    "{% if config.site_name %}x{% endif %}",
    "{% with a = lipsum %}{% endwith %}",
    "{% filter upper %}x{% endfilter %}",
    "{% call cards('tool') %}{% endcall %}",
    "{% extends 'base.html' %}",
    "{% block b %}{% endblock %}",
    "{% autoescape false %}{{ config.site_name }}{% endautoescape %}",
]

# Where an expression can be placed in a page: (name, how the page is written, the line refused).
PLACEMENTS = {
    "body": (lambda e: f"# Page\n\nText {{{{ {e} }}}} more.\n", 3),
    "macro argument": (lambda e: f"# Page\n\n{{{{ cards({e}) }}}}\n", 3),
    "link_to otherwise": (lambda e: f"# Page\n\n[x]({{{{ link_to('tool-x', otherwise={e}) }}}})\n", 3),
    "call on a setting": (lambda e: f"# Page\n\n{{{{ config.site_name({e}) }}}}\n", 3),
    "filter": (lambda e: f"# Page\n\n{{{{ config.site_name | replace('a', {e}) }}}}\n", 3),
    "title": (lambda e: f"---\ntitle: {json.dumps('Hello {{ ' + e + ' }}')}\n---\n# Page\n", 2),
    "description": (lambda e: f"---\ntitle: Page\ndescription: {json.dumps('{{ ' + e + ' }}')}\n---\n", 3),
    "hide": (lambda e: f"---\nhide:\n  - {json.dumps('{{ ' + e + ' }}')}\n---\n# Page\n", 3),
    "search": (lambda e: f"---\nsearch:\n  exclude: {json.dumps('{{ ' + e + ' }}')}\n---\n# Page\n", 3),
}
STATEMENT_PLACEMENTS = {
    "body": (lambda s: f"# Page\n\nText {s} more.\n", 3),
    "title": (lambda s: f"---\ntitle: {json.dumps('Hello ' + s)}\n---\n# Page\n", 2),
    "description": (lambda s: f"---\ntitle: Page\ndescription: {json.dumps(s)}\n---\n", 3),
}


def messages(tmp_path: Path, text: str, delimiters: dict | None = None) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(text, encoding="utf-8")
    return [str(p) for p in docs_problems(docs, tmp_path, None, CARD_KINDS, delimiters)]


def assert_refused(found: list[str], line: int) -> None:
    assert found, "passed the check"
    # Every problem names the page; the first is on the line of the payload.
    assert all(message.startswith("docs/page.md:") for message in found), found
    assert found[0].startswith(f"docs/page.md:{line}: "), found


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_every_expression_is_refused_in_every_placement(tmp_path, expression, placement):
    write, line = PLACEMENTS[placement]
    assert_refused(messages(tmp_path, write(expression)), line)


@pytest.mark.parametrize("placement", STATEMENT_PLACEMENTS)
@pytest.mark.parametrize("statement", STATEMENTS)
def test_every_statement_is_refused_in_every_placement(tmp_path, statement, placement):
    write, line = STATEMENT_PLACEMENTS[placement]
    assert_refused(messages(tmp_path, write(statement)), line)


CUSTOM = {
    "variable_start_string": "[[",
    "variable_end_string": "]]",
    "block_start_string": "[%",
    "block_end_string": "%]",
    "comment_start_string": "[#",
    "comment_end_string": "#]",
}


@pytest.mark.parametrize(
    "page, line",
    [
        ("# Page\n\n[[ lipsum.__globals__.os.popen('id').read() ]]\n", 3),
        ("# Page\n\n[% set x = lipsum %]\n", 3),
        ("# Page\n\n[# hidden #]\n", 3),
        ("# Page\n\n[% raw %][[ lipsum ]][% endraw %]\n", 3),
        ('---\ntitle: "[[ lipsum.__globals__ ]]"\n---\n# Page\n', 2),
        ('---\ntitle: "[% if 1 %]x[% endif %]"\n---\n# Page\n', 2),
        # A value is refused with Jinja's own delimiters too: another engine may read them.
        ('---\ntitle: "{{ lipsum.__globals__ }}"\n---\n# Page\n', 2),
    ],
)
def test_the_delimiters_a_site_configures_are_read_as_template_code(tmp_path, page, line):
    assert_refused(messages(tmp_path, page, CUSTOM), line)


def test_with_custom_delimiters_jinjas_own_are_text_in_the_body(tmp_path):
    assert messages(tmp_path, "# Page\n\n[[ cards('tool') ]] and {{ not code here }}\n", CUSTOM) == []


def test_every_problem_of_a_page_is_reported_at_once(tmp_path):
    found = messages(
        tmp_path,
        "---\ntitle: '{{ lipsum }}'\nconfig:\n  site_name: x\n---\n# Page\n\n"
        "{{ config.site_name(lipsum.__globals__.os.system('id')) }}\n{{ cards(lipsum) }}\n",
    )
    assert [message.split(": (page): ")[0] for message in found] == [
        "docs/page.md:2",
        "docs/page.md:3",
        "docs/page.md:8",
        "docs/page.md:9",
    ], found


# --- What a page may hold still passes --------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "# Page\n\n{{ cards('tool') }}\n{{ cards(\"role\") }}\n",
        "# Page\n\n{{ maturity_overview() }} {{ self_check() }} {{ about_dpup() }} {{ glossary() }}\n",
        "# Page\n\nBy *{{ config.extra.publisher.name }}* for {{ config.site_name }}.\n",
        "# Page\n\n[the workshop]({{ link_to('workshop-intro', otherwise='quiz/index.md') }}){ .x }\n",
        "# Page\n\n{{- cards('tool') -}}\n",
        "---\ntitle: Kia ora & welcome\ndescription: A page.\nhide:\n  - footer\n  - toc\nsearch:\n  exclude: true\n"
        "render_macros: true\n---\n# Page\n",
    ],
)
def test_what_a_page_may_hold_passes(tmp_path, page):
    assert messages(tmp_path, page) == []


def test_a_page_that_is_not_rendered_may_show_template_code_as_text(tmp_path):
    assert messages(tmp_path, "---\nrender_macros: false\n---\n# Page\n\n`{{ lipsum.__globals__ }}`\n") == []


# --- Front matter: keys on a list, values that are what they say ---------------------------------------


@pytest.mark.parametrize(
    "matter, expected",
    [
        ("config:\n  site_name: '<img src=x onerror=alert(1)>'", "docs/page.md:2: (page): front matter: 'config'"),
        ("extra:\n  publisher:\n    name: x", "docs/page.md:2: (page): front matter: 'extra' is not allowed"),
        ("cards: nothing", "docs/page.md:2: (page): front matter: 'cards' is not allowed"),
        ("lipsum: 1", "docs/page.md:2: (page): front matter: 'lipsum' is not allowed"),
        ("include_yaml: [/etc/passwd]", "docs/page.md:2: (page): front matter: 'include_yaml' is not allowed"),
        ("template: dpup-projector.html", "docs/page.md:2: (page): front matter: 'template' is not allowed"),
        ("template: ../../../etc/passwd", "docs/page.md:2: (page): front matter: 'template' is not allowed"),
        ("render_macros: 0", "docs/page.md:2: (page): front matter: render_macros: must be true or false"),
        ("title: '<img src=x onerror=alert(1)>'", "docs/page.md:2: (page): front matter: title: is shown as text"),
        ("description: '\"><script>alert(1)</script>'", "docs/page.md:2: (page): front matter: description:"),
        ("hide: [everything]", "docs/page.md:2: (page): front matter: hide: must be a list of"),
        ("search: {exclude: 'yes'}", "docs/page.md:2: (page): front matter: search: exclude: must be true or false"),
        ("title: [a, *b]", "docs/page.md:2: (page): front matter: YAML syntax error"),
        ("a: &x [1]\nb: *x", "docs/page.md:2: (page): front matter: YAML aliases"),
        ("title: a\ntitle: b", "docs/page.md:3: (page): front matter: duplicate key 'title'"),
        ("- a list", "docs/page.md:2: (page): front matter must be a mapping"),
    ],
)
def test_front_matter_off_the_list_is_refused_with_its_line(tmp_path, matter, expected):
    found = messages(tmp_path, f"---\n{matter}\n---\n# Page\n")
    assert any(message.startswith(expected) for message in found), found


def test_key_value_lines_at_the_top_are_front_matter_to_mkdocs_and_are_held_to_the_list(tmp_path):
    found = messages(tmp_path, "Config: x\nTitle: Home\n\n# Page\n")
    assert [message.split(": (page): ")[0] for message in found] == ["docs/page.md:1"], found
    assert "'config' is not allowed" in found[0]


def test_no_key_a_page_may_set_is_a_name_its_template_code_reads():
    readable = {name.split(".")[0] for name in docs_pages.SETTINGS} | set(docs_pages.MACROS)
    assert readable.isdisjoint(front_matter.KEYS)


def test_generated_pages_staged_beside_the_hand_written_ones_are_the_toolkits_and_exempt(tmp_path):
    """Zensical reads the generated pages from a staged copy of docs/ (macros/stage.py); their
    front matter is the toolkit's (with `template:` for the projector view). The same front
    matter on a page of any other name is a hand-written page's, and refused."""
    from conftest import ROOT

    from macros.loader import load_site
    from macros.pages import generated_pages

    minimal = ROOT / "tests" / "fixtures" / "minimal"
    site = load_site(minimal / "content", minimal / "quiz", shown_relative_to=minimal)
    trainer = next(page for page in generated_pages(site) if "template" in page.front_matter)
    docs = tmp_path / "docs"
    (docs / trainer.src).parent.mkdir(parents=True)
    (docs / trainer.src).write_text(trainer.front_matter + "\n<div>{{ rendered }}</div>\n", encoding="utf-8")
    assert docs_problems(docs, tmp_path, site, CARD_KINDS) == []
    (docs / "mine.md").write_text(trainer.front_matter + "\n# Mine\n", encoding="utf-8")
    found = [str(problem) for problem in docs_problems(docs, tmp_path, site, CARD_KINDS)]
    assert found and all(message.startswith("docs/mine.md:") for message in found), found
    assert any("'template' is not allowed" in message for message in found)


# --- A page read as the engines read it (the attack run after issue 28) ------------------------------
# MkDocs reads a page with its byte-order mark dropped and every line ending made `\n`, and finds
# front matter there; Zensical too for a byte-order mark and CRLF. The check reads the same text.

OVERRIDE = "---\nconfig:\n  site_name: '<img src=x onerror=alert(1)>'\n---\n# Page\n\nBy {{ config.site_name }}.\n"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: ("\ufeff" + text).encode("utf-8"), id="byte-order mark"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="CRLF"),
        pytest.param(lambda text: ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"), id="both"),
    ],
)
def test_front_matter_saved_with_a_byte_order_mark_or_crlf_is_still_checked(tmp_path, encode):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_bytes(encode(OVERRIDE))
    found = [str(p) for p in docs_problems(docs, tmp_path, None, CARD_KINDS)]
    assert found and found[0].startswith("docs/page.md:2: (page): front matter: 'config' is not allowed"), found


@pytest.mark.parametrize(
    "text, line",
    [
        pytest.param(OVERRIDE.replace("\n", "\r"), 1, id="bare CR: front matter to MkDocs, text to Zensical"),
        pytest.param("---\r\n" + OVERRIDE.removeprefix("---\n"), 2, id="CRLF then LF"),
        pytest.param("# Page\r\n\r\nText\nmore\n", 3, id="mixed in the body"),
    ],
)
def test_line_endings_the_engines_read_differently_are_refused(tmp_path, text, line):
    found = messages_bytes(tmp_path, text.encode("utf-8"))
    assert len(found) == 1 and found[0].startswith(f"docs/page.md:{line}: (page): "), found
    assert "line endings" in found[0] or "carriage return" in found[0]


def messages_bytes(tmp_path: Path, raw: bytes) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_bytes(raw)
    return [str(p) for p in docs_problems(docs, tmp_path, None, CARD_KINDS)]


def test_a_page_saved_on_windows_passes(tmp_path):
    page = "---\r\ntitle: Kia ora\r\n---\r\n# Page\r\n\r\n{{ cards('tool') }}\r\n"
    assert messages_bytes(tmp_path, ("\ufeff" + page).encode("utf-8")) == []
    page = "---\r\nrender_macros: false\r\n---\r\n# Page\r\n\r\n`{{ lipsum.__globals__ }}`\r\n"
    assert messages_bytes(tmp_path, page.encode("utf-8")) == []


@pytest.mark.parametrize("written", ["False", "FALSE", "no", "off", "No", "!!bool false", "'false'", "0"])
def test_render_macros_is_written_as_both_engines_read_it(tmp_path, written):
    """PyYAML reads `False`, `no` and `off` as false, so the check would skip the body; Zensical's
    reader takes them for text and renders the page."""
    found = messages(tmp_path, f"---\nrender_macros: {written}\n---\n# Page\n\n{{{{ lipsum.__globals__ }}}}\n")
    assert found and found[0].startswith("docs/page.md:2: (page): front matter: render_macros: must be"), found


@pytest.mark.parametrize("written", ["false", "false  ", "false # shown as written"])
def test_render_macros_false_as_written_in_the_guide_passes(tmp_path, written):
    assert messages(tmp_path, f"---\nrender_macros: {written}\n---\n# Page\n\n`{{{{ x }}}}`\n") == []
