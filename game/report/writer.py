"""Export a game as a classroom report: one HTML page, a CSV of every turn, the JSON save.

>>> from game.report import export                                    # doctest: +SKIP
>>> files = export(session, "reports/")                               # doctest: +SKIP
>>> files.html, files.csv, files.save                                 # doctest: +SKIP

Everything is built in memory first (analysis, charts, page, table, save), written into a
temporary folder, and only then moved into place, so a failure leaves nothing behind and never a
mixed set. Exporting the same game again (or another game with the same scenario and seed, as
when a class shares a seed) never overwrites: the new report takes the next free name
(``...-seed3-2-report.html``) unless ``force=True``.
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing as mp
import os
import re
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
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
    """Where the report of a game of ``scenario_id`` with ``seed`` is written."""
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


#: Processes that draw a report's charts: both cores of a classroom laptop.
CHART_WORKERS = 2


def chart_pngs(analysis: Analysis, workers: int = CHART_WORKERS) -> dict[str, bytes]:
    """Every chart of :data:`game.analysis.charts.FIGURES` as PNG bytes, drawn once per analysis.

    The PNGs are kept on the analysis, so a second report of the same game (the debrief's
    export after a first one, a report written again) draws nothing. They are drawn by
    ``workers`` processes (matplotlib's Agg canvas, one chart at a time each) when this is the
    only thread of the program, where forking is safe, and one after another otherwise; each
    chart is the same bytes either way (no timestamp in a PNG; a test checks).
    """
    kept: dict[str, bytes] | None = analysis.__dict__.get("_report_pngs")
    if kept is not None:
        return dict(kept)
    import matplotlib

    from game.analysis import charts

    # A title or name is text, never markup: "$\\undefined$" must not break the report.
    matplotlib.rcParams["text.parse_math"] = False
    names = list(charts.FIGURES)
    if workers > 1 and threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            drawn = list(pool.map(_draw, [analysis] * len(names), names))
    else:
        drawn = [_draw(analysis, name) for name in names]
    pngs = dict(zip(names, drawn, strict=True))
    object.__setattr__(analysis, "_report_pngs", pngs)  # a frozen dataclass: kept beside it
    return dict(pngs)


def _draw(analysis: Analysis, name: str) -> bytes:
    """One chart as the report's PNG (in a worker process, or here)."""
    from game.analysis import charts

    return charts.png(analysis, name, dpi=CHART_DPI)


def export(
    session: Session,
    out_dir: str | os.PathLike[str],
    analysis: Analysis | None = None,
    counterfactuals: bool = True,
    force: bool = False,
) -> ReportFiles:
    """Write the report of ``session`` into ``out_dir`` (created if needed).

    ``analysis`` is :func:`game.analysis.analyse` of the session (computed here when None, with
    or without the ``counterfactuals`` replays). Returns the paths written.

    Nothing is ever overwritten silently: when a file of that name is already there, the report
    takes the next free name (``-2``, ``-3`` ...) unless ``force``. The three files are written
    into a temporary folder first and only then moved into place, so a failure part-way leaves
    no mixed set behind.
    """
    a = analysis if analysis is not None else analyse(session, counterfactuals=counterfactuals)
    from game.analysis.charts import FIGURES

    target = Path(out_dir)
    files = paths(target, a.scenario_id, a.seed)
    if not force:
        files = _free(target, stem(a.scenario_id, a.seed))
    text = page.render(
        session,
        a,
        chart_pngs(a),
        FIGURES,
        save_name=files.save.name,
        csv_name=files.csv.name,
    )
    contents = {
        files.save.name: dumps(session),
        files.csv.name: turns_csv(a),
        files.html.name: text,
    }
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".report-", suffix=".tmp", dir=target))
    placed: list[Path] = []
    try:
        for name, body in contents.items():
            write_atomic(staging / name, body)
        for name in contents:
            dest = target / name
            if force:
                os.replace(staging / name, dest)
            else:  # a hard link never replaces a file that appeared meanwhile
                try:
                    os.link(staging / name, dest)
                except FileExistsError:
                    raise FileExistsError(
                        errno.EEXIST, "a file of that name appeared while writing", str(dest)
                    ) from None
                except OSError as exc:  # no hard links here (some shares): check, then rename
                    if exc.errno not in _NO_LINKS or os.path.lexists(dest):
                        raise
                    os.replace(staging / name, dest)
            placed.append(dest)
    except BaseException:
        if not force:
            for dest in placed:  # no mixed set: take back what was already placed
                with contextlib.suppress(OSError):
                    dest.unlink()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


#: What a file system without hard links answers ``os.link`` with.
_NO_LINKS = {
    getattr(errno, k)
    for k in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS")
    if hasattr(errno, k)
}


def _free(folder: Path, base: str) -> ReportFiles:
    """The first ``base``, ``base-2``, ``base-3`` ... none of whose three files exist yet."""
    for k in range(1, 10_000):
        name = base if k == 1 else f"{base}-{k}"
        files = ReportFiles(
            html=folder / f"{name}-report.html",
            csv=folder / f"{name}-turns.csv",
            save=folder / f"{name}-save.json",
        )
        if not any(os.path.lexists(p) for p in files):
            return files
    raise FileExistsError(errno.EEXIST, "no free report name left", str(folder))
