"""Aligned plain-text tables for the terminal: text to the left, numbers to the right."""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Real
from typing import Any


def cell(value: Any, digits: int = 3) -> str:
    """A value as table text: floats with ``digits`` decimals, the rest as they print."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Real):
        v = float(value)
        return "-" if v != v else f"{v:.{digits}f}"
    return str(value)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], *, digits: int = 3, indent: int = 2
) -> str:
    """Rows under headers, each column as wide as its widest cell, with a rule below the
    headers. A column is right-aligned when all its values are numbers.

    >>> print(table(["policy", "score"], [["hawk", 1.5], ["dove", 12.25]], digits=1))
      policy  score
      ------  -----
      hawk      1.5
      dove     12.2
    """
    texts = [[cell(v, digits) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[c], Real) and not isinstance(row[c], bool) for row in rows)
        for c in range(len(headers))
    ]
    widths = [max([len(h), *(len(r[c]) for r in texts)]) for c, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if numeric[c] else v.ljust(w)
            for c, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return (" " * indent + "  ".join(parts)).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(r) for r in texts)
    return "\n".join(out)
