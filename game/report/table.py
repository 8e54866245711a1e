"""The turn-by-turn CSV of a report: :func:`game.analysis.turn_rows`, written as it is.

One row per turn and state, the columns of :data:`game.analysis.ROW_COLUMNS` in that order, a
header row first. Numbers use a '.' decimal point and are rounded to 4 significant places (at
most 6 decimals, so values below 0.0005 lose digits and a value of 1e-12 reads 0); integers
are written as they are; a missing value (``None``: a state with no rival has no
``stability_min``) is an empty cell. The text is UTF-8 with ``\\n`` line ends.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

from game.analysis import ROW_COLUMNS, Analysis, turn_rows

#: Significant places kept in a CSV number.
SIGNIFICANT = 4
#: ... but never more decimals than this.
MAX_DECIMALS = 6


def number(x: float, significant: int = SIGNIFICANT) -> str:
    """``x`` rounded to ``significant`` places, in plain decimal notation (no exponent).

    >>> number(12.34567), number(0.0123456), number(12345.6), number(-0.0), number(2.0)
    ('12.35', '0.01235', '12346', '0', '2')
    """
    x = float(x)
    if not math.isfinite(x):
        return ""
    if x == 0.0:
        return "0"
    decimals = significant - 1 - math.floor(math.log10(abs(x)))
    decimals = max(0, min(MAX_DECIMALS, decimals))
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows and never runs: a cell that would start a
    formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``) gets a leading ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(value: Any) -> str:
    """One CSV cell: rounded floats, plain ints and text (neutralised against formulas: see
    :func:`text_cell`), empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    try:  # numpy scalars
        if hasattr(value, "item"):
            return cell(value.item())
    except (TypeError, ValueError):
        pass
    return text_cell(str(value))


def write_table(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    cell: Callable[[Any], Any] = cell,
    lineterminator: str = "\r\n",
) -> None:
    """The one CSV writer of the package (the report, the lab, ``simulate --csv``): a header row,
    then ``rows`` with each value through ``cell``; text in the header is neutralised against
    formulas too (:func:`text_cell`). ``lineterminator``: the csv module's ``\\r\\n`` by
    default, ``\\n`` for the report."""
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow([text_cell(c) for c in header])
    writer.writerows([cell(v) for v in row] for row in rows)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...] = ROW_COLUMNS) -> str:
    """The rows as CSV text with a header row, columns in ``columns`` order."""
    buf = io.StringIO()
    table = ([row.get(c) for c in columns] for row in rows)
    write_table(buf, columns, table, lineterminator="\n")
    return buf.getvalue()


def turns_csv(analysis: Analysis) -> str:
    """The report's CSV: one row per turn and state (:func:`game.analysis.turn_rows`)."""
    return csv_text(turn_rows(analysis), ROW_COLUMNS)


def column_meanings() -> dict[str, str]:
    """Each CSV column's meaning, read from the table in :mod:`game.analysis.rows`'s docstring
    (so the report's footer and that table never disagree); a column the table does not
    describe maps to ""."""
    from game.analysis import rows

    out: dict[str, str] = {}
    current = ""
    for line in (rows.__doc__ or "").splitlines():
        m = re.match(r"^``(\w+)``\s+(.*)$", line)
        if m:
            current = m.group(1)
            out[current] = m.group(2).strip()
        elif current and line.startswith(" ") and line.strip():
            out[current] += " " + line.strip()
        elif not line.strip() or line.startswith("="):
            current = ""
    clean = {}
    for c in ROW_COLUMNS:
        text = out.get(c, "").replace("``", "")
        clean[c] = "budget spent " + text[4:] if text.startswith("... ") else text
    return clean
