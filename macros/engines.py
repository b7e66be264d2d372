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
    if engine == "zensical":
        raise EngineError(
            "zensical: not supported yet. Zensical ignores the dpup plugin, so the generated pages "
            "and the finishing pass do not run (README, 'Engines')."
        )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    result = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise EngineError(f"{engine} could not build the site:\n{result.stdout}{result.stderr}".rstrip())
    return result
