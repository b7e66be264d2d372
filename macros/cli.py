"""`dpup-toolkit check`: validate the content without building the site.

Prints every problem as `path:line: id: message` and exits 1, or prints a one-line summary and
exits 0. Uses the same loader as the build, so the messages are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path, PurePosixPath

import yaml

from .build import content_folders, site_for
from .loader import FILE_KINDS, ContentErrors

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
MODELINE = "# yaml-language-server: $schema="


def schema_name(kind) -> str:
    """principles.yml -> principles.schema.json; roles/*.yml -> role.schema.json."""
    return kind.model.__name__.lower() + ".schema.json"


def schemas() -> dict[str, str]:
    """JSON Schema for every kind of content file, from the models (descriptions included)."""
    return {
        schema_name(kind): json.dumps(kind.model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for kind in FILE_KINDS
    }


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def link_schemas(content: Path, quiz: Path, folder: Path = SCHEMA_DIR) -> list[Path]:
    """Put (or refresh) the editor modeline at the top of every content file, so VS Code and
    other YAML-language-server editors autocomplete and flag mistakes as the editor types."""
    changed = []
    for root, folder_name in ((content, "content"), (quiz, "quiz")):
        for path in sorted(root.rglob("*.yml")):
            relative = PurePosixPath(path.relative_to(root).as_posix())
            kind = next((k for k in FILE_KINDS if k.matches(folder_name, relative)), None)
            if kind is None:
                continue
            target = os.path.relpath(folder / schema_name(kind), path.parent).replace(os.sep, "/")
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            line = f"{MODELINE}{target}\n"
            if lines and lines[0].startswith(MODELINE):
                if lines[0] == line:
                    continue
                lines[0] = line
            else:
                lines.insert(0, line)
            path.write_text("".join(lines), encoding="utf-8")
            changed.append(path)
    return changed


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the settings the toolkit checks; !ENV is read as MkDocs reads it
    (`site_url: !ENV [DPUP_SITE_URL, ""]`), other tags as empty values."""


def _env_tag(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if isinstance(name, str) and name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _config(config_file: Path) -> dict:
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config_file.is_file() else {}
    data = data or {}
    return {
        "config_file_path": str(config_file),
        "extra": data.get("extra") or {},
        "docs_dir": data.get("docs_dir") or "docs",
        # The settings that reach every page, checked by `check` as by the build.
        **{
            key: data.get(key)
            for key in ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url")
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dpup-toolkit", description="DPUP Toolkit content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content/ and quiz/ without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)")
    schema = commands.add_parser(
        "schema", help="write schemas/*.json from the models and link them from the YAML files"
    )
    schema.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)"
    )
    offline = commands.add_parser(
        "offline-zip", help="build the whole site for use from disk, zipped into SITE_DIR/downloads/"
    )
    offline.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)"
    )
    offline.add_argument(
        "--site-dir", default="site", type=Path, help="the built site to put the zip in (default: site)"
    )
    args = parser.parse_args(argv)

    if args.command == "offline-zip":
        from .offline import ZIP_PATH, make_offline_zip

        site_dir = args.site_dir.resolve()
        existing, index = site_dir / ZIP_PATH, site_dir / "index.html"
        if existing.is_file() and index.is_file() and existing.stat().st_mtime >= index.stat().st_mtime:
            # `mkdocs build` makes the zip itself now; a second copy would be a third build.
            print(f"{existing} is already there, made by the build")
            return 0
        target = make_offline_zip(args.config_file.resolve(), site_dir)
        print(f"Wrote {target} ({target.stat().st_size // 1024} KB)")
        return 0

    if args.command == "schema":
        written = write_schemas()
        try:
            _, content, quiz = content_folders(_config(args.config_file.resolve()))
        except ContentErrors as errors:
            print(errors.report(), file=sys.stderr)
            return 1
        linked = link_schemas(content, quiz)
        print(f"Wrote {len(written)} schemas to {SCHEMA_DIR.name}/; linked {len(linked)} content files to them")
        return 0

    started = time.perf_counter()
    try:
        site = site_for(_config(args.config_file.resolve()))
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    kinds = Counter(entry.item.kind for entry in site.index.values())
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"Content OK ({time.perf_counter() - started:.2f} s): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
