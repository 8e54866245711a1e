"""The order in which the shipped scenarios are taught, from the first lesson to the sandbox.

Pure Python (no pygame): the Lessons screen lists :func:`lessons`, and tests check it alone.
"""

from __future__ import annotations

import tomllib
from importlib import resources

from game.scenarios import builtin_ids

#: The teaching order (``assets/lessons.toml``, read once). Ids not shipped are skipped; shipped
#: ids not named there come last.
LESSON_ORDER: tuple[str, ...] = tuple(
    tomllib.loads(
        resources.files("game.assets").joinpath("lessons.toml").read_text(encoding="utf-8")
    )["order"]
)


def lessons() -> list[str]:
    """The shipped scenario ids in lesson order, then any other shipped id (sorted)."""
    shipped = builtin_ids()
    ordered = [sid for sid in LESSON_ORDER if sid in shipped]
    return ordered + [sid for sid in shipped if sid not in LESSON_ORDER]
