"""Rules that need more than one file, each declared on its kind in the registry (`Kind.rules`).

A rule receives the kind's active items and the site's parts (each kind's items by its plural,
and the site-wide files: `scale`, `about`, `release`), and yields `(item id, message)` for every
problem it finds; the loader adds the file and line. Collect every problem, never raise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from . import models as m


def every_level_described(criteria: list[m.Criterion], parts: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each criterion describes every maturity level once, in the scale's order."""
    scale: m.MaturityScale | None = parts.get("scale")
    if not scale:
        return
    level_ids = [level.id for level in sorted(scale.levels, key=lambda level: level.order)]
    for criterion in criteria:
        given = [descriptor.level for descriptor in criterion.descriptors]
        if any(level not in level_ids for level in given):
            continue  # the unknown level is already reported; a "missing" one would be noise
        missing = [level for level in level_ids if level not in given]
        repeated = sorted({level for level in given if given.count(level) > 1})
        if missing:
            yield criterion.id, f"no descriptor for level {', '.join(repr(x) for x in missing)}"
        if repeated:
            yield criterion.id, f"more than one descriptor for level {', '.join(repr(x) for x in repeated)}"
        if not missing and not repeated and given != [level for level in level_ids if level in given]:
            yield criterion.id, f"descriptors must follow the level order: {', '.join(level_ids)}"


def every_principle_in_action(roles: list[m.Role], parts: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each role page says what every principle means for that role, once."""
    principle_ids = [principle.id for principle in parts.get("principles", [])]
    for role in roles:
        named = [action.principle for action in role.principles_in_action]
        missing = [p for p in principle_ids if p not in named]
        repeated = sorted({p for p in named if named.count(p) > 1})
        if missing:
            yield role.id, f"principles_in_action has nothing for {', '.join(missing)}"
        if repeated:
            yield role.id, f"principles_in_action lists {', '.join(repeated)} more than once"
