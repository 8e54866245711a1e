"""Writing the lab's results: CSV files and chart images, with one-line errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from game.lab.errors import LabError

#: Decimals kept in CSV cells: the same run writes the same bytes.
CSV_DIGITS = 6


def csv_value(value: Any) -> Any:
    """A cell for a CSV file: booleans as 0/1, floats rounded, text never a formula."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return round(value, CSV_DIGITS)
    if isinstance(value, str):  # never a formula in a spreadsheet (OWASP)
        from game.report.table import text_cell

        return text_cell(value)
    try:  # numpy scalars
        return csv_value(value.item())
    except AttributeError:
        return value


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``rows`` under ``header``; a :class:`LabError` if the file cannot be written."""
    from game.report.table import write_table  # the package's one CSV writer

    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            write_table(fh, header, rows, cell=csv_value)
    except OSError as exc:
        raise LabError(f"{path}: cannot write the CSV ({exc.strerror or exc})") from None


def check_writable(path: str | Path, what: str) -> None:
    """Fail early, before a long run, if ``path``'s folder does not exist."""
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise LabError(f"{path}: cannot write the {what}: the folder {folder} does not exist")
