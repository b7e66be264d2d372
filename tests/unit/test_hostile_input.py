"""Hostile input, by class: each class of attack gets its own tests, with more than one payload,
because the fix is for the class, not for the example (issue 21).

Exact message texts are in tests/build/test_broken_content.py; these tests check the behaviour:
bounded time, memory and output, nothing run, nothing read from outside, escaped once.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT

from macros.docs_pages import docs_problems
from macros.glossary import TermMarker
from macros.kinds import REGISTRY
from macros.loader import ContentErrors, load_site
from macros.markup import markdown_to_html
from macros.models import Term, link_setting_problem, site_url_problem
from macros.pages import address_problems, generated_pages
from macros.render import Renderer
from macros.yamlfile import ContentProblem, read_yaml

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
CARD_KINDS = [kind.name for kind in REGISTRY if kind.cards]


def read(tmp_path: Path, text: str):
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    data, problems = read_yaml(path, "content/file.yml")
    return data, [str(problem) for problem in problems], time.perf_counter() - started


# --- 1. YAML keys get the limits values have ----------------------------------------------------

KEY_BOMBS = {
    # Nine levels of nine aliases, reached from a key: 9**9 values if expanded.
    "alias bomb in a flow key": "a0: &a0 [x,x,x,x,x,x,x,x,x]\n"
    + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    + "? [*a8, *a8, *a8]\n: boom\n",
    "alias bomb in a block key": "base: &b {x: [y, y, y, y]}\n? {k: *b, l: *b, m: *b}\n: v\n",
    "alias as the key itself": "x: &k name\n*k : again\n",
    "deep key": "? " + "[" * 200 + "]" * 200 + "\n: v\n",
}


@pytest.mark.parametrize("text", KEY_BOMBS.values(), ids=KEY_BOMBS.keys())
def test_a_hostile_key_is_refused_quickly_with_one_short_message(tmp_path, text):
    data, messages, seconds = read(tmp_path, text)
    assert data is None and len(messages) == 1
    assert "aliases" in messages[0] or "nested more than" in messages[0]
    assert len(messages[0]) < 300 and seconds < 1


@pytest.mark.parametrize(
    "key, said",
    [
        ("2025-13-45", "'2025-13-45' cannot be read: month must be in 1..12"),
        ("? !!int abc\n", "'abc' cannot be read: invalid literal for int()"),
        ("? !!float x1\n", "'x1' cannot be read"),
        ("? !!binary '*'\n", "keys must be text; '*' is read as binary data: put it in quotes"),
        ("? !custom x\n", "'x' cannot be read"),
        ("12", "keys must be text; '12' is read as a number: put it in quotes"),
        ("2025-01-02", "keys must be text; '2025-01-02' is read as a date: put it in quotes"),
        ("yes", "keys must be text; 'yes' is read as true or false: put it in quotes"),
        ("? [a, b]\n", "keys must be text; this key is a list"),
        ("? {a: b}\n", "keys must be text; this key is a mapping"),
    ],
)
def test_a_key_that_is_not_text_is_a_message_not_a_traceback(tmp_path, key, said):
    text = f"id: x\n{key}: value\n"
    _, messages, _ = read(tmp_path, text)
    assert len(messages) == 1 and messages[0].startswith("content/file.yml:2: (file): ")
    assert said in messages[0]


def test_a_huge_key_is_quoted_as_a_short_excerpt(tmp_path):
    key = "k" * 500_000
    _, messages, _ = read(tmp_path, f"? {key}\n: 1\n? {key}\n: 2\n")
    assert messages == ["content/file.yml:3: (file): duplicate key '" + "k" * 37 + "...' (first set on line 1)"]


# --- 2. Links out of the project are never read ----------------------------------------------------


def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def load_problems(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as errors:
        load_site(root / "content", root / "quiz", shown_relative_to=root)
    return [str(problem) for problem in errors.value.problems]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/etc/os-release", "outside.yml"])
def test_a_content_file_linked_out_of_the_project_is_refused_unread(tmp_path, target):
    root = content_copy(tmp_path)
    outside = tmp_path / "outside.yml"
    outside.write_text("id: tool-secret\ntitle: Secret\n", encoding="utf-8")
    link = root / "content" / "tools" / "tool-linked.yml"
    link.symlink_to(outside if target == "outside.yml" else target)
    started = time.perf_counter()
    problems = load_problems(root)
    assert time.perf_counter() - started < 5
    assert [p.split(": (file): ")[0] for p in problems] == ["content/tools/tool-linked.yml:1"]
    assert "outside the project" in problems[0]


def test_a_linked_folder_leading_out_of_the_project_is_refused(tmp_path):
    root = content_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "tool-far.yml").write_text("id: tool-far\n", encoding="utf-8")
    (root / "quiz" / "more").symlink_to(elsewhere, target_is_directory=True)
    problems = load_problems(root)
    assert problems and all("outside the project" in p or "not a known content file" in p for p in problems)


def test_a_pipe_in_the_content_folder_is_refused_not_read(tmp_path):
    root = content_copy(tmp_path)
    os.mkfifo(root / "content" / "roles" / "role-pipe.yml")  # reading it would wait forever
    assert load_problems(root) == [
        "content/roles/role-pipe.yml:1: (file): not a regular file (a device, pipe or socket); only plain files are read"
    ]


def test_the_reader_never_reads_a_device(tmp_path):
    data, problems = read_yaml(Path("/dev/zero"), "content/zero.yml")
    assert data is None
    assert [p.message for p in problems] == [
        "not a regular file (a device, pipe or socket); content files are plain files"
    ]


@pytest.mark.parametrize("target", ["/etc/os-release", "/dev/zero", "../../outside.md"])
def test_a_docs_page_linked_out_of_the_project_is_refused(tmp_path, target):
    project = tmp_path / "a" / "project"
    (project / "docs").mkdir(parents=True)
    (tmp_path / "a" / "outside.md").write_text("# secret\n", encoding="utf-8")
    (project / "docs" / "leak.md").symlink_to(target)
    (project / "docs" / "image.png").symlink_to("/etc/hostname")
    problems = [str(p) for p in docs_problems(project / "docs", project, None, CARD_KINDS)]
    assert [p.split(": (file): ")[0] for p in problems] == ["docs/image.png:1", "docs/leak.md:1"]
    assert all("outside the project" in p for p in problems)


# --- 3. Hand-written pages may use the toolkit's macros and listed variables only ---------------------


def page_messages(tmp_path: Path, text: str | bytes, site=None) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "quiz").mkdir(exist_ok=True)
    (docs / "quiz" / "index.md").write_text("# The quiz\n", encoding="utf-8")  # a page otherwise= may name
    page = docs / "page.md"
    page.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return [str(p) for p in docs_problems(docs, tmp_path, site, CARD_KINDS)]


ESCAPES = [
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch x') }}",
    "{{ lipsum.__globals__.os.popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ config['__class__'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ config.extra.publisher.name.__class__ }}",
    "{{ environment }}",
    "{{ os.environ }}",
    "{{ macros_info() }}",
    "{{ context() }}",
    "{% set x = namespace() %}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{% endfor %}",
    "{% include '/etc/passwd' %}",
    "{% import 'x.html' as x %}",
    "{% extends 'base.html' %}",
    "{% macro m() %}{% endmacro %}",
    "{{ config.site_name | e }}",
    "{{ cards(*['tool']) }}",
    "{{ cards(kind='tool') }}",
    "{{ link_to(item_id='tool-check-your-actions') }}",
    "{{ cards('nope') }}",
    "{{ glossary('x') }}",
    "{{ cards }}",
    "{% if config.extra.publisher.name %}by {{ config.extra.publisher.name }}{% endif %}",
    "{% raw %}{{ shown as text }}{% endraw %}",
    "{# a comment #}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_anything_off_the_allowlist_fails_with_the_page_and_line(tmp_path, payload):
    messages = page_messages(tmp_path, f"# Title\n\nSome text.\n{payload}\n")
    assert messages, payload
    assert all(m.startswith("docs/page.md:4: ") for m in messages), messages


@pytest.mark.parametrize(
    "allowed",
    [
        "{{ cards('tool') }}",
        '{{ cards("role") }}',
        "{{ maturity_overview() }}",
        "{{ self_check() }}",
        "{{ about_dpup() }}",
        "{{ glossary() }}",
        "{{ config.extra.publisher.name }}",
        "{{ config.site_name }}",
        "{{ link_to('tool-check-your-actions') }}",
        "[the workshop]({{ link_to('workshop-intro', otherwise='quiz/index.md') }})",
        "No template code at all { just braces }",
    ],
)
def test_the_macros_and_listed_variables_pass(tmp_path, allowed):
    assert page_messages(tmp_path, f"# Title\n\n{allowed}\n") == []


@pytest.fixture(scope="module")
def shipped_site():
    return load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT)


def test_link_to_otherwise_may_name_a_page_the_toolkit_writes(tmp_path, shipped_site):
    # Pages the build adds to docs/ (a tool's page) are pages of the site too.
    page = "# Title\n\n[x]({{ link_to('x', otherwise='tools/purpose-statement.md') }})\n"
    assert page_messages(tmp_path, page, shipped_site) == []


@pytest.mark.parametrize(
    ("otherwise", "said"),
    [
        ("quiz/missing.md", "is not a page of this site"),
        ("quiz/", "must name a page of docs/ by its source file"),
        ("../README.md", "must name a page of docs/ by its source file"),
        ("/etc/passwd.md", "must name a page of docs/ by its source file"),
        ("https://example.com/x.md", "must name a page of docs/ by its source file"),
        ("javascript:alert(1)//x.md", "must name a page of docs/ by its source file"),
        ("quiz/index.md) [click](https://example.com", "must name a page of docs/ by its source file"),
        ('quiz/index.md"><script>alert(1)</script>', "must name a page of docs/ by its source file"),
        ("quiz/index.md#anchor", "must name a page of docs/ by its source file"),
        ("", "must name a page of docs/ by its source file"),
    ],
)
def test_link_to_otherwise_must_name_a_page_of_the_site(tmp_path, shipped_site, otherwise, said):
    # The target is written into the page's Markdown as a link: anything but a page's source
    # file would publish a link (or markup) that no engine checks.
    quoted = otherwise.replace("'", "\\'")
    page = f"# Title\n\n[the workshop]({{{{ link_to('x', otherwise='{quoted}') }}}})\n"
    messages = page_messages(tmp_path, page, shipped_site)
    assert len(messages) == 1 and messages[0].startswith("docs/page.md:3: (page): link_to(): otherwise="), messages
    assert said in messages[0]


@pytest.mark.parametrize(
    "broken", ["{% if %}", "{% if x %}", "{{ cards('tool') ", "{% endfor %}", "{{ 'unclosed }}", "{% raw %}"]
)
def test_broken_template_syntax_names_the_page_and_line(tmp_path, broken):
    messages = page_messages(tmp_path, f"---\ntitle: T\n---\n# Title\n\n{broken}\nmore\n")
    assert len(messages) == 1 and "template syntax error" in messages[0]
    assert messages[0].startswith(("docs/page.md:6: ", "docs/page.md:7: ", "docs/page.md:8: "))


def test_a_page_that_is_not_utf8_names_its_line(tmp_path):
    assert page_messages(tmp_path, "# Title\n\nwh\xe2nau\n".encode("latin-1")) == [
        "docs/page.md:3: (page): the page is not UTF-8 text; save it as UTF-8 (macrons need it)"
    ]


def test_the_shipped_pages_pass_the_check():
    site = load_site(ROOT / "content", ROOT / "quiz", shown_relative_to=ROOT)
    assert docs_problems(ROOT / "docs", ROOT, site, CARD_KINDS) == []


# --- 4. Settings that reach every page -------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#115;cript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        'https://example.org/" onfocus="alert(1)',
        "mailto:a@b.nz' onmouseover='x",
        "page.md><script>",
        "ftp://files.example.org/",
    ],
)
def test_a_hostile_link_setting_is_refused(target):
    assert link_setting_problem(target)


@pytest.mark.parametrize("target", ["mailto:privacy@agency.govt.nz", "https://agency.govt.nz/contact", "a.md#x"])
def test_ordinary_link_settings_pass(target):
    assert link_setting_problem(target) is None


@pytest.mark.parametrize(
    "url",
    [
        "ftp://x.org/",
        'https://x.org/"><script>alert(1)</script>',
        "javascript:alert(1)",
        "https://",
        "x.org",
        "https://a b/",
    ],
)
def test_a_hostile_site_url_is_refused(url):
    assert site_url_problem(url)


# --- 5. Everything escaped exactly once ------------------------------------------------------------

ENTITY_TERMS = [
    Term(id=f"term-{name.lower()}", term=name, language="en", category="acronym", meaning=f"the {name}")
    for name in ("AMP", "LT", "GT", "QUOT", "NBSP", "X27")
]


@pytest.mark.parametrize(
    "page",
    [
        "<p>Plan &amp; act</p>",
        "<p>a &lt;b&gt; c</p>",
        "<p>&quot;quoted&quot; &#39;x&#39; &#x27;y&#x27;</p>",
        "<p>non&nbsp;breaking</p>",
        '<p title="AMP &amp; LT">x</p>',
    ],
)
def test_glossary_terms_named_like_entities_never_touch_them(page):
    for tooltips in (True, False):
        assert TermMarker(ENTITY_TERMS).mark(page, tooltips=tooltips) == page


def test_a_term_beside_an_entity_is_still_marked():
    marked = TermMarker(ENTITY_TERMS).mark("<p>The AMP &amp; the LT</p>", tooltips=True)
    assert marked == '<p>The <abbr title="the AMP">AMP</abbr> &amp; the <abbr title="the LT">LT</abbr></p>'


@pytest.mark.parametrize(
    "markdown, html",
    [
        ("`A & B`", "<code>A &amp; B</code>"),
        ("`<b>`", "<code>&lt;b&gt;</code>"),
        ("Plan & act", "Plan &amp; act"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
        ("a <3 b", "a &lt;3 b"),
        ("    <script>x</script>", "<pre><code>&lt;script&gt;x&lt;/script&gt;"),
    ],
)
def test_markdown_escapes_once(markdown, html):
    assert html in markdown_to_html(markdown)


# --- 6. id: links go to the item from every page that shows the text --------------------------------


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked") / "project"
    shutil.copytree(MINIMAL, root)
    tool = root / "content" / "tools" / "tool-check-your-actions.yml"
    tool.write_text(
        tool.read_text(encoding="utf-8").replace(
            "summary: A one-page checklist.",
            "summary: See [the role](id:role-frontline) and [the criterion](id:element-culture.01).",
        ),
        encoding="utf-8",
    )
    return load_site(root / "content", root / "quiz", shown_relative_to=root)


@pytest.mark.parametrize(
    "directory_urls, on_item_page, on_cards",
    [
        (True, "../../roles/frontline/", "../roles/frontline/"),
        (False, "../roles/frontline.html", "../roles/frontline.html"),
    ],
)
def test_an_id_link_is_right_on_the_item_page_and_the_cards(linked_site, directory_urls, on_item_page, on_cards):
    renderer = Renderer(linked_site, use_directory_urls=directory_urls)
    page = next(p for p in generated_pages(linked_site) if p.item_id == "tool-check-your-actions")
    body = renderer.generated_page(page)
    assert f'<a href="{on_item_page}">the role</a>' in body
    assert 'href="id:' not in body
    renderer.set_page("tools/index.md")
    cards = renderer.cards(linked_site.tools)
    assert f'<a href="{on_cards}">the role</a>' in cards


def test_an_id_link_to_a_child_item_goes_to_its_anchor(linked_site):
    renderer = Renderer(linked_site, use_directory_urls=False)
    page = next(p for p in generated_pages(linked_site) if p.item_id == "tool-check-your-actions")
    assert 'href="../maturity/culture.html#element-culture.01"' in renderer.generated_page(page)


# --- 7. Addresses that differ only in case --------------------------------------------------------


@pytest.mark.parametrize("name", ["maturity/Culture.md", "maturity/CULTURE/index.md", "Maturity/culture.md"])
def test_a_page_whose_address_differs_only_in_case_is_refused(tmp_path, name, linked_site):
    docs = tmp_path / "docs"
    (docs / name).parent.mkdir(parents=True)
    (docs / name).write_text("# Mine\n", encoding="utf-8")
    problems = address_problems(linked_site, generated_pages(linked_site), docs)
    assert [(p.item_id, "differ only in case" in p.message) for p in problems] == [("element-culture", True)]


def test_two_pages_that_differ_only_in_case_are_refused(tmp_path, linked_site):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("About.md", "about.md", "ABOUT.md"):
        (docs / name).write_text("# x\n", encoding="utf-8")
    problems = address_problems(linked_site, generated_pages(linked_site), docs)
    assert sorted(p.path for p in problems) == ["docs/About.md", "docs/about.md"]


# --- 8. Control characters are printed escaped ------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    ["\x1b[2J\x1b[H", "\x1b]0;owned\x07", "\x1b[8mhidden\x1b[0m", "\r\nfake.yml:1: ok", "\u202eevil", "\x9b2J"],
)
def test_control_characters_are_escaped_in_every_part_of_a_message(hostile):
    shown = str(ContentProblem(f"content/{hostile}.yml", 3, f"tool-{hostile}", f"unknown tool '{hostile}'"))
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u202e" for c in shown)
    assert "\\x" in shown or "\\u" in shown


def test_a_reference_with_an_escape_sequence_is_printed_escaped(tmp_path):
    root = content_copy(tmp_path)
    role = root / "content" / "roles" / "role-frontline.yml"
    role.write_text(
        role.read_text(encoding="utf-8").replace("  - tool-check-your-actions", '  - "tool-\\e[2J\\e]0;x\\a"'),
        encoding="utf-8",
    )
    report = "\n".join(load_problems(root))
    assert "\x1b" not in report and "\x07" not in report
    assert "tool-\\x1b[2J\\x1b]0;x\\x07" in report


def test_thousands_of_problems_make_a_bounded_report(tmp_path):
    text = "id: x\n" + "".join(f"k: {n}\n" for n in range(5_000))
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_yaml(path, "content/file.yml")
    report = ContentErrors(problems).report()
    assert report.startswith("4999 content problems found:")
    assert report.endswith("... and 4799 more; fix these and check again")
    assert len(report) < 20_000


@pytest.mark.parametrize("suffix", [".markdown", ".mdown", ".mkdn", ".mkd", ".MD"])
def test_every_kind_of_markdown_page_is_checked(tmp_path, suffix, linked_site):
    docs = tmp_path / "docs"
    (docs / "maturity").mkdir(parents=True)
    (docs / f"evil{suffix}").write_text("{{ lipsum.__globals__.os.popen('id').read() }}\n", encoding="utf-8")
    messages = [str(p) for p in docs_problems(docs, tmp_path, None, CARD_KINDS)]
    assert [m.split(": (page): ")[0] for m in messages] == [f"docs/evil{suffix}:1"]
    if suffix != ".MD":
        (docs / "maturity" / f"culture{suffix}").write_text("# Mine\n", encoding="utf-8")
        problems = address_problems(linked_site, generated_pages(linked_site), docs)
        assert [p.item_id for p in problems] == ["element-culture"]


@pytest.mark.parametrize("name", ["Tools/mine.md", "maturity/Plans/index.md", "Maturity/culture/extra.png"])
def test_a_folder_that_differs_only_in_case_is_refused(tmp_path, name, linked_site):
    docs = tmp_path / "docs"
    (docs / name).parent.mkdir(parents=True)
    (docs / name).write_text("# Mine\n", encoding="utf-8")
    problems = address_problems(linked_site, generated_pages(linked_site), docs)
    assert [(p.path, "differs only in case" in p.message) for p in problems] == [(f"docs/{name}", True)]
