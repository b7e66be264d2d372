"""`dpup-toolkit check`: validate the content without building the site.

Prints every problem as `path:line: id: message` and exits 1, or prints a one-line summary and
exits 0. Uses the same loader as the build, so the messages are identical.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from .build import content_folders
from .loader import ContentErrors, load_site


def _config(config_file: Path) -> dict:
    # mkdocs.yml holds no custom tags in this project; only `extra.dpup` is read from it.
    data = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    return {"config_file_path": str(config_file), "extra": (data or {}).get("extra") or {}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dpup-toolkit", description="DPUP Toolkit content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content/ and quiz/ without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    root, content, quiz = content_folders(_config(args.config_file.resolve()))
    try:
        site = load_site(content, quiz, shown_relative_to=root)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    kinds = Counter(entry.item.kind for entry in site.index.values())
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"Content OK ({time.perf_counter() - started:.2f} s): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
