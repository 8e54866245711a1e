"""Export a game as a classroom report: one HTML page, a CSV of every turn, the JSON save.

>>> from game.report import export                                    # doctest: +SKIP
>>> files = export(session, "reports/")                               # doctest: +SKIP
>>> files.html, files.csv, files.save                                 # doctest: +SKIP

Everything is built in memory first (analysis, charts, page, table, save) and only then written,
each file atomically (:func:`game.saves.write_atomic`: a temporary file renamed over the target),
so a failure before the writes leaves nothing behind and an interrupted write never leaves half
a file. Exporting the same game again overwrites the three files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from game.analysis import Analysis, analyse
from game.report import html as page
from game.report.table import turns_csv
from game.saves import dumps, write_atomic
from game.session import Session


@dataclass(frozen=True)
class ReportFiles:
    """The three files of an exported report."""

    html: Path
    csv: Path
    save: Path

    def __iter__(self):
        return iter((self.html, self.csv, self.save))


def stem(scenario_id: str, seed: int) -> str:
    """``<scenario>-seed<seed>``, the common start of the three file names (only letters,
    digits, ``_`` and ``-``, so a scenario id can never reach outside the folder)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", scenario_id).strip("_") or "game"
    return f"{safe}-seed{int(seed)}"


def paths(out_dir: str | os.PathLike[str], scenario_id: str, seed: int) -> ReportFiles:
    base = stem(scenario_id, seed)
    d = Path(out_dir)
    return ReportFiles(
        html=d / f"{base}-report.html",
        csv=d / f"{base}-turns.csv",
        save=d / f"{base}-save.json",
    )


#: Chart resolution: 9 x 5.5 inches at 144 dpi is 1296 pixels across, sharp on a classroom
#: screen and about 180 dpi across a printed A4 page.
CHART_DPI = 144


def chart_pngs(analysis: Analysis) -> dict[str, bytes]:
    """Every chart of :data:`game.analysis.charts.FIGURES` as PNG bytes."""
    from game.analysis import charts

    return {name: charts.png(analysis, name, dpi=CHART_DPI) for name in charts.FIGURES}


def export(
    session: Session,
    out_dir: str | os.PathLike[str],
    analysis: Analysis | None = None,
    counterfactuals: bool = True,
) -> ReportFiles:
    """Write the report of ``session`` into ``out_dir`` (created if needed).

    ``analysis`` is :func:`game.analysis.analyse` of the session (computed here when None, with
    or without the ``counterfactuals`` replays). Returns the paths written.
    """
    a = analysis if analysis is not None else analyse(session, counterfactuals=counterfactuals)
    from game.analysis.charts import FIGURES

    files = paths(out_dir, a.scenario_id, a.seed)
    text = page.render(
        session,
        a,
        chart_pngs(a),
        FIGURES,
        save_name=files.save.name,
        csv_name=files.csv.name,
    )
    table = turns_csv(a)
    save = dumps(session)
    write_atomic(files.save, save)
    write_atomic(files.csv, table)
    write_atomic(files.html, text)
    return files
