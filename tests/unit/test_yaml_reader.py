"""The YAML reader refuses what PyYAML would silently accept, and says where."""

from macros.yamlfile import locate, read_yaml


def read(tmp_path, text: str | bytes):
    path = tmp_path / "file.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path, "content/file.yml")


def messages(problems):
    return [str(problem) for problem in problems]


def test_a_duplicate_key_is_reported_with_both_lines(tmp_path):
    _data, problems = read(tmp_path, "id: a\ntitle: One\nsummary: x\ntitle: Two\n")
    assert messages(problems) == ["content/file.yml:4: (file): duplicate key 'title' (first set on line 2)"]


def test_nested_duplicate_keys_are_all_reported(tmp_path):
    text = "items:\n  - id: a\n    name: x\n    name: y\n  - id: b\n    order: 1\n    order: 2\n"
    _, problems = read(tmp_path, text)
    assert [problem.line for problem in problems] == [4, 7]


def test_values_remember_their_lines(tmp_path):
    data, problems = read(
        tmp_path, "# comment\nprinciples:\n  - id: principle-a\n    name: A\n  - id: principle-b\n    name: B\n"
    )
    assert problems == []
    assert locate(data, ("principles", 1, "name")) == (6, "principle-b")
    assert locate(data, ("principles", 0)) == (3, "principle-a")
    # A missing field points at the item that lacks it.
    assert locate(data, ("principles", 1, "summary")) == (5, "principle-b")


def test_an_alias_bomb_is_refused_before_it_can_expand(tmp_path):
    # Ten levels of ten aliases each: 10**10 values if expanded. Refusing it at all (rather than
    # hanging or exhausting memory) is the test; it takes well under a millisecond.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    data, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert data is None
    assert messages(problems) == [
        "content/file.yml:1: (file): YAML aliases (*name) are not allowed in content; the value written here "
        "is reused by an alias: write it out in full each time"
    ]


def test_tab_indentation_gets_a_plain_message(tmp_path):
    _, problems = read(tmp_path, "principles:\n\t- id: x\n")
    assert messages(problems) == ["content/file.yml:2: (file): a tab is used for indentation; YAML needs spaces"]


def test_an_empty_file_is_an_error(tmp_path):
    _, problems = read(tmp_path, "# only a comment\n\n")
    assert messages(problems) == ["content/file.yml:1: (file): the file is empty; add content or delete the file"]


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    _, problems = read(tmp_path, "name: wh\xe2nau\n".encode("latin-1"))
    assert messages(problems) == [
        "content/file.yml:1: (file): the file is not UTF-8 text; save it as UTF-8 (macrons need it)"
    ]


def test_a_syntax_error_names_its_line(tmp_path):
    _, problems = read(tmp_path, "title: one\nsummary: [unclosed\nother: x\n")
    assert len(problems) == 1
    assert problems[0].message.startswith("YAML syntax error:")
    assert problems[0].line in (3, 4)


def test_dates_and_numbers_keep_their_types(tmp_path):
    data, _ = read(tmp_path, "due: 2025-06-30\norder: 3\nflag: false\n")
    assert str(data["due"]) == "2025-06-30" and data["order"] == 3 and data["flag"] is False
