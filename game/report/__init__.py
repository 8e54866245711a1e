"""The exported classroom report: one self-contained HTML page, a CSV and the JSON save.

No pygame here (a test checks it in a fresh interpreter): the report is made from
:mod:`game.analysis` and its off-screen charts, and runs on a machine without a display.

- :func:`export` (``session, out_dir``) -> :class:`ReportFiles` (``html``, ``csv``, ``save``)
- :func:`game.report.html.render`: the page as text, from a session, its analysis and chart PNGs
- :func:`game.report.table.turns_csv`: the CSV as text
- ``python -m game report SAVE --out DIR`` (:mod:`game.report.command`)
"""

from game.report.html import render
from game.report.table import turns_csv
from game.report.writer import ReportFiles, export, paths, stem

__all__ = ["ReportFiles", "export", "paths", "render", "stem", "turns_csv"]
