"""The order in which the shipped scenarios are taught, from the first lesson to the sandbox.

Pure Python (no pygame): the Lessons screen lists :func:`lessons`, and tests check it alone.
"""

from __future__ import annotations

from game.scenarios import builtin_ids

#: The teaching order. Ids not shipped are skipped; shipped ids not named here come last.
LESSON_ORDER: tuple[str, ...] = (
    "two_neighbours",
    "the_spiral",
    "the_shield",
    "forward_basing",
    "the_accord",
    "three_powers",
    "joint_shield",
    "sandbox",
)


def lessons() -> list[str]:
    """The shipped scenario ids in lesson order, then any other shipped id (sorted)."""
    shipped = builtin_ids()
    ordered = [sid for sid in LESSON_ORDER if sid in shipped]
    return ordered + [sid for sid in shipped if sid not in LESSON_ORDER]
