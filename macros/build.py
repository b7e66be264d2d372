"""Load the content once per build and share it between the MkDocs hook and the macros.

MkDocs creates a new config object for every build (and every `mkdocs serve` rebuild), so the
loaded site is remembered against that object: one load and one validation per build.
"""

from __future__ import annotations

import os
from pathlib import Path

from .loader import Site, load_site

_current: tuple[object, Site] | None = None


def content_folders(config) -> tuple[Path, Path, Path]:
    """(project root, content folder, quiz folder), from mkdocs.yml `extra.dpup` or the environment.

    An agency can keep its own content elsewhere: DPUP_CONTENT_DIR and DPUP_QUIZ_DIR win over
    `extra.dpup.content_dir` / `quiz_dir`, which default to `content` and `quiz`.
    """
    root = Path(config["config_file_path"]).resolve().parent
    settings = (config.get("extra") or {}).get("dpup") or {}
    content = os.environ.get("DPUP_CONTENT_DIR") or settings.get("content_dir", "content")
    quiz = os.environ.get("DPUP_QUIZ_DIR") or settings.get("quiz_dir", "quiz")
    return root, (root / content).resolve(), (root / quiz).resolve()


def site_for(config) -> Site:
    """The validated site for this build; raises loader.ContentErrors listing every problem."""
    global _current
    if _current is not None and _current[0] is config:
        return _current[1]
    root, content, quiz = content_folders(config)
    site = load_site(content, quiz, shown_relative_to=root)
    _current = (config, site)
    return site
