"""Read one YAML file into plain Python values that remember their line numbers.

PyYAML's defaults hide mistakes: a repeated key silently overwrites the first one, and aliases
let a ten-line file expand to gigabytes. This reader refuses both, and reports problems as
`ContentProblem`s (file, line, message) instead of raising tracebacks at editors.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, order=True)
class ContentProblem:
    path: str
    line: int
    item_id: str
    message: str

    def __str__(self) -> str:
        # Every part may hold text from a file (an id, a reference, a key): printed to a terminal,
        # an escape sequence could clear the screen or hide text, so control characters are shown
        # escaped, and a part is never longer than a screenful.
        return (
            f"{printable(self.path, 300)}:{self.line}: {printable(self.item_id, 100)}: {printable(self.message, 2000)}"
        )


MAX_REPORTED = 200


class ContentErrors(Exception):
    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"{count} content problem{'s' if count != 1 else ''} found:"]
        # A hostile file can make thousands (a key repeated all through it); the report, which
        # `mkdocs serve` also writes into every page, stays readable and bounded.
        lines += [f"  {problem}" for problem in self.problems[:MAX_REPORTED]]
        if count > MAX_REPORTED:
            lines.append(f"  ... and {count - MAX_REPORTED} more; fix these and check again")
        return "\n".join(lines)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, limit: int) -> str:
    """`text` with control characters escaped (\\x1b, \\u202e) and cut to `limit` characters."""
    shown = _CONTROL.sub(
        lambda c: f"\\x{ord(c.group()):02x}" if ord(c.group()) < 0x100 else f"\\u{ord(c.group()):04x}", text
    )
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def excerpt(value: object, limit: int = 40) -> str:
    """A short, escaped excerpt of a value written in a file, for quoting it in a message (a key
    or value may be megabytes long, or hold escape sequences). Newlines and tabs are escaped too."""
    if isinstance(value, (dict, list, tuple, set)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = value if isinstance(value, str) else repr(value)
    text = text[: limit * 4].replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return printable(text, limit)


class LineDict(dict):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 1
    key_lines: dict


class LineList(list):
    """A sequence that knows the line it starts on and the line of each entry."""

    line: int = 1
    item_lines: list


# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


# Content is never nested deeper than a dozen levels; hundreds of levels is a mistake or an
# attack, and would exhaust Python's stack in the reader or the model.
MAX_DEPTH = 30
# Far above any real content file (the largest is about 40 KB).
MAX_BYTES = 2_000_000


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def _line(node) -> int:
    return node.start_mark.line + 1


def _convert(node, loader, problems: list[tuple[int, str]], seen: set[int], depth: int = 0):
    if depth > MAX_DEPTH:
        raise _TooDeep(_line(node))
    # The composer turns an alias into a second reference to the same node; refusing any node
    # reached twice stops alias bombs before they can expand, with either parser.
    if id(node) in seen:
        raise _AliasFound(_line(node))
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line = _line(node)
        result.key_lines = {}
        for key_node, value_node in node.value:
            # A key is converted like a value, so an alias or deep nesting in a key is refused too
            # (PyYAML's own deep construction of keys would expand an alias bomb).
            before = len(problems)
            key = _convert(key_node, loader, problems, seen, depth + 1)
            if len(problems) > before:
                continue  # the key cannot be read; already said
            if not isinstance(key, str):
                if isinstance(key_node, yaml.ScalarNode):
                    message = (
                        f"keys must be text; '{excerpt(key_node.value)}' is read as {_kind_of(key)}: put it in quotes"
                    )
                else:
                    message = f"keys must be text; this key is {_kind_of(key)}"
                problems.append((_line(key_node), message))
                continue
            if key in result:
                first = result.key_lines[key]
                problems.append((_line(key_node), f"duplicate key '{excerpt(key)}' (first set on line {first})"))
                continue
            result[key] = _convert(value_node, loader, problems, seen, depth + 1)
            result.key_lines[key] = _line(key_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(child, loader, problems, seen, depth + 1) for child in node.value)
        items.line = _line(node)
        items.item_lines = [_line(child) for child in node.value]
        return items
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as error:
        # PyYAML turns 2025-13-45 into a date and fails; say so instead of a traceback.
        shown = excerpt(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
        hint = " (dates are written YYYY-MM-DD)" if node.tag.endswith(":timestamp") else ""
        why = error.problem if isinstance(error, yaml.MarkedYAMLError) else str(error)
        problems.append((_line(node), f"'{shown}' cannot be read: {excerpt(why or 'unknown', 120)}{hint}"))
        return None


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if value is None:
        return "an empty value"
    return (
        "a list"
        if isinstance(value, list)
        else "a mapping"
        if isinstance(value, dict)
        else "binary data"
        if isinstance(value, bytes)
        else "a value that is not text"
    )


class _Unreadable(Exception):
    """Why a file cannot be read at all: the one problem reported for it."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


def read_yaml(path: Path, shown_path: str) -> tuple[object | None, list[ContentProblem]]:
    """Return (data, problems). `data` is None when the file cannot be read at all."""
    try:
        text = _read_text(path)
    except _Unreadable as refused:
        return None, [ContentProblem(shown_path, refused.line, "(file)", refused.message)]
    data, found = parse_text(text)
    if data is None and not found:
        found = [(1, "the file is empty; add content or delete the file")]
    return data, [ContentProblem(shown_path, line, "(file)", message) for line, message in found]


def _read_text(path: Path) -> str:
    """The file's text, read only if it is a plain UTF-8 file of at most MAX_BYTES with content,
    indented with spaces."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # A device such as /dev/zero reports size 0 and never ends: never read one.
        raise _Unreadable(1, "not a regular file (a device, pipe or socket); content files are plain files")
    limit = MAX_BYTES // 1_000_000
    if status.st_size > MAX_BYTES:
        raise _Unreadable(
            1, f"the file is {status.st_size / 1_000_000:.1f} MB; content files are at most {limit} MB: split it"
        )
    with path.open("rb") as file:
        raw = file.read(MAX_BYTES + 1)  # never more, whatever the size said
    if len(raw) > MAX_BYTES:
        raise _Unreadable(1, f"the file is over {limit} MB; content files are at most {limit} MB: split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _Unreadable(line, "the file is not UTF-8 text; save it as UTF-8 (macrons need it)") from None
    lines = text.splitlines()
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        raise _Unreadable(1, "the file is empty; add content or delete the file")
    for number, line_text in enumerate(lines, start=1):
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
            raise _Unreadable(number, "a tab is used for indentation; YAML needs spaces")
    return text


def parse_text(text: str) -> tuple[object | None, list[tuple[int, str]]]:
    """YAML text as (data, [(line, message)]), with the same refusals as `read_yaml` (aliases,
    deep nesting, duplicate keys); `data` is None when nothing could be read."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        found: list[tuple[int, str]] = []
        data = _convert(node, loader, found, set()) if node is not None else None
    except _TooDeep as deep:
        return None, [
            (
                deep.line,
                f"values are nested more than {MAX_DEPTH} levels deep here; content is never nested this deeply",
            )
        ]
    except RecursionError:
        return None, [(1, f"values are nested more than {MAX_DEPTH} levels deep; content is never nested this deeply")]
    except _AliasFound as alias:
        return None, [
            (
                alias.line,
                "YAML aliases (*name) are not allowed in content; the value written here "
                "is reused by an alias: write it out in full each time",
            )
        ]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(error)]
    except yaml.YAMLError as error:
        return None, [(1, f"YAML error: {excerpt(str(error), 200)}")]
    finally:
        loader.dispose()
    return data, found


def _syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """(line, message) for a YAML syntax error, naming where the construct began."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    detail = error.problem or ""
    if error.context:
        # The real mistake is often where the construct began, not where parsing gave up.
        began = error.context_mark.line + 1 if error.context_mark else line
        where = f" (started on line {began})" if began != line else ""
        detail = f"{error.context}{where}: {detail}"
    return line, f"YAML syntax error: {excerpt(detail, 300)}"


def locate(data: object, loc: tuple) -> tuple[int, str]:
    """The best line and the nearest enclosing item id for a path into `data`."""
    line = getattr(data, "line", 1)
    item_id = "(file)"
    node = data
    for part in loc:
        if isinstance(node, LineDict):
            if isinstance(node.get("id"), str):
                item_id = node["id"]
            if part not in node:
                break
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    if isinstance(node, LineDict) and isinstance(node.get("id"), str):
        item_id = node["id"]
    return line, item_id
