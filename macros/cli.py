"""`dpup-toolkit check`: validate the content without building the site. `dpup-toolkit review`:
list the statements of law and policy with their check dates (macros/review.py).

Prints every problem as `path:line: id: message` and exits 1, or prints a one-line summary and
exits 0. Uses the same loader as the build, so the messages are identical.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path, PurePosixPath

from .build import create_context, load_registry, project_folders, read_settings
from .kinds import REGISTRY, Registry
from .loader import ContentErrors, file_kinds
from .siteconfig import SiteConfig, read_config

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
MODELINE = "# yaml-language-server: $schema="


def schema_name(kind) -> str:
    """The schema of the model reading a kind of file, named after it in lower-case words joined
    by hyphens, as kinds are: principles.yml -> principles.schema.json, roles/*.yml ->
    role.schema.json, answer-sets.yml (AnswerSets) -> answer-sets.schema.json."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", kind.model.__name__).lower() + ".schema.json"


def schemas(registry: Registry = REGISTRY) -> dict[str, str]:
    """JSON Schema for every kind of content file the registry knows (a project's own kinds
    included), from the models (descriptions included)."""
    return {
        schema_name(kind): json.dumps(kind.model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for kind in file_kinds(registry)
    }


def write_schemas(folder: Path = SCHEMA_DIR, registry: Registry = REGISTRY) -> list[Path]:
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas(registry).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def link_schemas(content: Path, quiz: Path, folder: Path = SCHEMA_DIR, registry: Registry = REGISTRY) -> list[Path]:
    """Put (or refresh) the editor modeline at the top of every content file, so VS Code and
    other YAML-language-server editors autocomplete and flag mistakes as the editor types."""
    changed = []
    for root, folder_name in ((content, "content"), (quiz, "quiz")):
        for path in sorted(root.rglob("*.yml")):
            relative = PurePosixPath(path.relative_to(root).as_posix())
            kind = next((k for k in file_kinds(registry) if k.matches(folder_name, relative)), None)
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


def _config(config_file: Path) -> SiteConfig:
    """The site's config as every engine reads it (INHERIT, !ENV, defaults: macros/siteconfig.py),
    so `check` sees every setting the build sees, with no engine installed. Raises ContentErrors."""
    return SiteConfig.of(read_config(config_file), config_file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dpup-toolkit", description="DPUP Toolkit content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content/ and quiz/ without building")
    check.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)")
    schema = commands.add_parser(
        "schema", help="write schemas/*.json (beside the config) from the models and link them from the YAML files"
    )
    schema.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)"
    )
    built = commands.add_parser("build", help="a strict build with the engine you choose (default: mkdocs)")
    built.add_argument("--engine", default="mkdocs", help="mkdocs, properdocs or zensical (default: mkdocs)")
    built.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)")
    built.add_argument("-d", "--site-dir", default="site", type=Path, help="where to build (default: site)")
    served = commands.add_parser(
        "serve", help="preview the site as Zensical builds it, rebuilt after every save (MkDocs: mkdocs serve)"
    )
    served.add_argument("--engine", default="zensical", help="zensical (MkDocs and ProperDocs serve by themselves)")
    served.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)"
    )
    served.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)"
    )
    offline = commands.add_parser(
        "offline-zip", help="make the offline copy of a built site, zipped into SITE_DIR/downloads/"
    )
    offline.add_argument(
        "--site-dir", default="site", type=Path, help="the built site to put the zip in (default: site)"
    )
    add_review_command(commands)
    args = parser.parse_args(argv)

    if args.command == "review":
        return run_review(args)

    if args.command == "build":
        from .engines import EngineError, build

        try:
            result = build(args.engine, args.config_file.resolve(), args.site_dir.resolve())
        except EngineError as error:
            print(error, file=sys.stderr)
            return 1
        print((result.stdout + result.stderr).rstrip(), file=sys.stderr)
        return 0

    if args.command == "serve":
        if args.engine != "zensical":
            print(f"{args.engine} serves by itself: run `{args.engine} serve` (./dev serve)", file=sys.stderr)
            return 2
        from .preview import serve_zensical

        host, _, port = args.dev_addr.rpartition(":")
        if not host or not port.isdigit():
            print(f"--dev-addr: '{args.dev_addr}' is not HOST:PORT", file=sys.stderr)
            return 2
        return serve_zensical(args.config_file.resolve(), host, int(port))

    if args.command == "offline-zip":
        from .finish import make_offline_zip

        site_dir = args.site_dir.resolve()
        if not (site_dir / "index.html").is_file():
            print(f"{site_dir}: no built site here (run ./dev build first)", file=sys.stderr)
            return 1
        target = make_offline_zip(site_dir)
        print(f"Wrote {target} ({target.stat().st_size // 1024} KB)")
        return 0

    if args.command == "schema":
        # The kinds the build knows (the project's own too), into the project's schemas/ folder.
        try:
            config = _config(args.config_file.resolve())
            settings = read_settings(config)
            folders = project_folders(config, settings)
            registry = load_registry(config, settings)
        except ContentErrors as errors:
            print(errors.report(), file=sys.stderr)
            return 1
        folder = folders.root / SCHEMA_DIR.name
        written = write_schemas(folder, registry)
        linked = link_schemas(folders.content, folders.quiz, folder, registry)
        print(f"Wrote {len(written)} schemas to {folder}; linked {len(linked)} content files to them")
        return 0

    started = time.perf_counter()
    try:
        site = create_context(_config(args.config_file.resolve())).site
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    kinds = Counter(entry.item.kind for entry in site.index.values())
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"Content OK ({time.perf_counter() - started:.2f} s): {summary}")
    return 0


# --- `dpup-toolkit review` (issue 35): kept apart from the commands above so each can change alone ----


def add_review_command(commands) -> None:
    review = commands.add_parser(
        "review",
        help="list every statement of law or policy with its sources and check dates, oldest first; "
        "exit 1 when one is overdue",
    )
    review.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="site config (default: mkdocs.yml)"
    )
    review.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=None,
        help="review as at this date, YYYY-MM-DD (default: today)",
    )
    review.add_argument(
        "--months", type=int, default=None, help="review period in months (default: extra.dpup.review_months)"
    )


def run_review(args) -> int:
    from .review import report, review

    try:
        context = create_context(_config(args.config_file.resolve()))
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    settings, site = context.settings, context.site
    months = args.months if args.months is not None else settings.review_months
    if months < 1:
        print("--months must be 1 or more", file=sys.stderr)
        return 2
    today = args.today or datetime.date.today()
    rows = review(site, today, months, list(settings.official_domains))
    print(report(rows, today, months))
    return 1 if any(row.overdue for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
