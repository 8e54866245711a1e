"""Export the classroom report from the window (the debrief's and the end screen's E).

Writing the report draws every chart (two seconds or so), so it runs on the chart worker
(:meth:`game.ui.drawing.window_charts.ChartCache.submit`; matplotlib's one lock, ``MPL_LOCK``,
keeps it apart from the window's own charts) while :class:`ExportScene` says "Writing the
report..." over the screen. When it is done the scene gives way to a dialog naming the folder
and the files, or saying why nothing was written.
"""

from __future__ import annotations

import importlib.util
from concurrent.futures import Future
from concurrent.futures import wait as wait_futures
from datetime import datetime
from pathlib import Path

import pygame

from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT
from game.ui.drawing.window_charts import CHARTS
from game.ui.model import storage
from game.ui.model.analysis_cache import match_analysis
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Overlay

#: Where exported reports go, under the user's data folder.
REPORTS = "reports"
#: Errors that mean "the report could not be written" (anything else is a bug, and says so).
WRITE_ERRORS = (OSError, ValueError, RuntimeError)


def reports_dir() -> Path:
    """Where exported reports go."""
    return storage.data_dir() / REPORTS


def report_available() -> bool:
    """Whether :func:`game.report.export` is there to call."""
    try:
        if importlib.util.find_spec("game.report") is None:
            return False
        import game.report as report
    except ImportError:
        return False
    return callable(getattr(report, "export", None))


def _write(session, folder: Path, analysis) -> list[Path]:
    """The worker's part: make the folder and write the three files into it."""
    from game.report import export

    folder.mkdir(parents=True, exist_ok=True)
    files = export(session, folder, analysis=analysis)
    return [Path(p) for p in (files.html, files.csv, files.save)]


def export_report(app, match: Match) -> ExportScene | None:
    """Start writing the HTML report, the CSV and the JSON save of ``match``'s game into a new
    folder under the user's ``reports`` folder, with :class:`ExportScene` on screen until it is
    done. Returns that scene (None when this copy cannot write reports: a dialog says so)."""
    if not report_available():
        app.show_message(
            "Export not available", "This copy of the game cannot write reports (game.report)."
        )
        return None
    s = match.session
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = reports_dir() / f"{s.scenario.id}-seed{s.seed}-{stamp}"
    future = CHARTS.submit(_write, s, folder, match_analysis(match))
    scene = ExportScene(app, folder, future)
    app.push(scene)
    return scene


class ExportScene(Overlay):
    """Says "Writing the report..." over the screen until the worker is done; then the result."""

    title = "Writing the report..."

    def __init__(self, app, folder: Path, future: Future):
        super().__init__(app)
        self.folder = folder
        self.future = future
        #: The files written (None until done, or when nothing was written).
        self.paths: list[Path] | None = None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the report is written (or has failed); True if it is done. For tests
        and scripts: the window itself polls in :meth:`update`."""
        wait_futures([self.future], timeout=timeout)
        return self.future.done()

    def update(self, dt: float) -> None:
        if not self.future.done():
            return
        if self.app.top is self:
            self.app.pop()
        exc = self.future.exception()
        if exc is None:
            from game.ui.app import tilde

            self.paths = self.future.result()
            names = "\n".join(p.name for p in self.paths)
            self.app.show_message(
                "Report exported", f"In the folder {tilde(self.folder)}:\n{names}", self.folder
            )
            _roomy(self.app)
        elif isinstance(exc, WRITE_ERRORS):
            self.app.show_message("Report not written", f"The report could not be written: {exc}")
        else:  # a bug: logged and shown as one, and the game goes on
            self.app.report(exc)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        u = self.u
        title = txt.render(self.title, u(24), TEXT, True)
        note = txt.render("The charts are being drawn; this takes a few seconds.", u(16), MUTED)
        w = max(title.get_width(), note.get_width()) + u(48)
        box = pygame.Rect(0, 0, min(w, self.width - u(20)), title.get_height() + u(64))
        box.center = (self.width // 2, self.height // 2)
        pygame.draw.rect(surface, PANEL, box, border_radius=u(6))
        pygame.draw.rect(surface, ACCENT, box, max(2, u(2)), border_radius=u(6))
        surface.blit(title, title.get_rect(midtop=(box.centerx, box.y + u(16))))
        surface.blit(note, note.get_rect(midbottom=(box.centerx, box.bottom - u(14))))


def _roomy(app) -> None:
    """Give the newest dialog room for a folder path and three file names."""
    dialog = getattr(app, "_dialog", None)
    if dialog is None or not dialog.alive():
        return
    w, h = app.size
    dw, dh = min(w - 40, round(680 * app.scale)), min(h - 40, round(300 * app.scale))
    dialog.set_dimensions((dw, dh))
    dialog.set_position(((w - dw) // 2, (h - dh) // 2))
