"""`dpup-toolkit build --engine mkdocs|properdocs|zensical`: one command, whichever engine builds.

MkDocs (the default) and ProperDocs, its maintained fork, run the `dpup` plugin themselves: the
toolkit's steps before the engine, the engine, and the finishing pass all happen inside their
build. Each engine runs in its own process, as its own command line would run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs", "zensical")


class EngineError(Exception):
    """The engine could not build the site; the message says why."""


def build(engine: str, config_file: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """A strict build of `config_file` into `site_dir` with `engine`; raises EngineError."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}' (expected one of: {', '.join(ENGINES)})")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if engine == "zensical":
        return _zensical(config_file, site_dir, env)
    command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    result = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise EngineError(f"{engine} could not build the site:\n{result.stdout}{result.stderr}".rstrip())
    return result


def _zensical(config_file: Path, site_dir: Path, env: dict) -> subprocess.CompletedProcess:
    """Zensical runs no plugin: the toolkit's steps run around it. Before: the staging folder
    (macros/stage.py). After: the finishing pass over the built site (macros/finish.py)."""
    import shutil

    from .build import site_for, wants_offline_zip
    from .finish import finish_site
    from .loader import ContentErrors
    from .plugin import load_site_config, raw_site_config
    from .stage import write_stage

    try:
        config = load_site_config(config_file)
        generated = write_stage(config, raw_site_config(config_file))
    except ContentErrors as errors:
        raise EngineError(errors.report()) from None
    built = generated.parent / "site"
    shutil.rmtree(built, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(generated)]
    result = subprocess.run(
        command, cwd=config_file.parent, env={**env, "DPUP_LINK_STYLE": "source"}, capture_output=True, text=True
    )
    if result.returncode != 0 or not (built / "index.html").is_file():
        raise EngineError(f"zensical could not build the site:\n{result.stdout}{result.stderr}".rstrip())
    finish_site(built, config, site_for(config), make_zip=wants_offline_zip(config))
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), site_dir)
    return result
