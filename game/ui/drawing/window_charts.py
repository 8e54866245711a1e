"""Charts for the window, drawn by matplotlib off screen (Agg) into pygame Surfaces.

Two kinds:

- :func:`arms_chart`, the end screen's small chart of reach over the game, drawn at once (tens
  of milliseconds) and cached per (data, size, palette);
- the debrief's charts (:mod:`game.analysis.charts`, every name of its ``FIGURES``), which take
  0.1 to 0.3 s each (measured at 1280x800: arms 0.20 s, beliefs 0.24 s, counterfactuals 0.26 s,
  the others 0.10-0.13 s). A frame must not wait that long, so :data:`CHARTS` draws them on one
  worker thread: :meth:`ChartCache.request` returns the Surface when it is ready and ``None``
  meanwhile (the screen shows "Drawing the chart..."), and keeps the finished ones keyed by
  (analysis digest, chart, pair, size, palette, scale).

Matplotlib is used through ``Figure`` objects only (no pyplot, no global state), and one lock,
:data:`game.analysis.charts.MPL_LOCK`, keeps the worker, the end screen and a report being
written from drawing at the same moment. The worker also runs other long jobs for the window
(:meth:`ChartCache.submit`: the report export), one at a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
import warnings
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from game.analysis.style import MARKERS
from game.session import Session
from game.ui.drawing.theme import Palette

if TYPE_CHECKING:
    from game.analysis import Analysis


def arms_over_time(session: Session) -> tuple[tuple[str, ...], np.ndarray]:
    """Names and ``[turns + 1, N]`` reach of each state from the start to now."""
    rows = [rec.events.before.reach[0] for rec in session.history]
    rows.append(session.world.reach[0])
    return session.scenario.names, np.array(rows)


@lru_cache(maxsize=8)
def _render(
    names: tuple[str, ...],
    data: bytes,
    shape: tuple[int, int],
    size: tuple[int, int],
    colours: tuple[tuple[int, int, int], ...],
    markers: tuple[str, ...],
    scale: float = 1.0,
) -> pygame.Surface:
    import matplotlib

    matplotlib.use("Agg", force=False)
    matplotlib.rcParams["text.parse_math"] = False  # names and titles are text, never markup
    from game.analysis.charts import MPL_LOCK

    with MPL_LOCK:
        return _draw_arms(names, data, shape, size, colours, markers, scale)


def _draw_arms(names, data, shape, size, colours, markers, scale=1.0) -> pygame.Surface:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    arms = np.frombuffer(data, dtype=float).reshape(shape)
    dpi = chart_dpi(size, scale, SMALL_INCHES)  # text grows with the UI scale, as elsewhere
    fig = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, facecolor="#222830")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("#222830")
    turns = np.arange(arms.shape[0])
    for k, name in enumerate(names):
        c = tuple(v / 255 for v in colours[k % len(colours)])
        ax.plot(
            turns,
            arms[:, k],
            color=c,
            marker=markers[k % len(markers)],
            markersize=4,
            linewidth=2,
            label=name,
        )
    from matplotlib.ticker import MaxNLocator

    from game.analysis.charts import flat_axis

    flat_axis(ax)  # reach nobody changed: an axis from 0, not a sliver around the value
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # turns are whole numbers
    ax.set_xlabel("turn", color="#cfd3d8")
    ax.set_ylabel("reach", color="#cfd3d8")
    ax.set_title("Arms over time", color="#ece9e4")
    ax.tick_params(colors="#cfd3d8")
    for spine in ax.spines.values():
        spine.set_color("#55606d")
    ax.legend(facecolor="#2b323c", edgecolor="#55606d", labelcolor="#ece9e4", fontsize=8)
    fig.tight_layout()
    canvas.draw()
    w, h = canvas.get_width_height()
    return (
        pygame.image.frombuffer(bytes(canvas.buffer_rgba()), (w, h), "RGBA").convert_alpha()
        if pygame.display.get_surface() is not None
        else pygame.image.frombuffer(bytes(canvas.buffer_rgba()), (w, h), "RGBA")
    )


def arms_chart(
    session: Session, size: tuple[int, int], palette: Palette, scale: float = 1.0
) -> pygame.Surface:
    """The reach of every state over the game, as a picture of ``size`` pixels, its text
    grown with the UI ``scale``."""
    names, arms = arms_over_time(session)
    markers = tuple(MARKERS.get(look.shape, "o") for look in session.scenario.looks)
    arms = np.ascontiguousarray(arms, dtype=float)
    return _render(names, arms.tobytes(), arms.shape, size, palette.states, markers, scale)


# --------------------------------------------------------------------------------------------
# The debrief's charts
# --------------------------------------------------------------------------------------------


def analysis_digest(analysis: Analysis) -> str:
    """A short digest of what an analysis's charts show (two games never share one)."""
    h = hashlib.sha1()
    h.update(repr((analysis.scenario_id, analysis.seed, analysis.seats)).encode())
    h.update(repr((analysis.turns_played, analysis.main_pair, analysis.rivals)).encode())
    s = analysis.series
    for arr in (s.reach, s.shield, s.score, s.economy, s.tension, s.seen_reach):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    for c in analysis.counterfactuals:
        h.update(c.key.encode())
        h.update(np.ascontiguousarray(c.series.score, dtype=float).tobytes())
    h.update(repr(sorted(analysis.stage_names.items())).encode())
    return h.hexdigest()[:20]


#: The least figure, in inches, a chart keeps room for its axes in (500 x 250 pixels at UI
#: scale 1).
MIN_INCHES = (5.0, 2.5)
#: The same for the end screen's small chart (one panel, no subplots).
SMALL_INCHES = (3.0, 1.6)


def chart_dpi(size: tuple[int, int], scale: float, least: tuple[float, float] = MIN_INCHES) -> int:
    """Dots per inch for a chart of ``size`` pixels: 100 times the UI scale, so that chart text
    grows with the rest of the text (at 200 % it is twice as large as at 100 %). Only a chart
    smaller than ``least`` inches at that density gets fewer dots, so its axes still fit: the
    window's charts are made at least :func:`chart_min_height` tall, so that happens only where
    the window is too narrow."""
    dpi = 100.0 * max(scale, 0.5)
    dpi = min(dpi, size[0] / least[0], size[1] / least[1])
    return max(40, round(dpi))


def chart_min_height(scale: float) -> int:
    """The least height, in pixels, a chart needs for its text to grow with the UI ``scale``
    (``MIN_INCHES`` tall at :func:`chart_dpi`'s full density): 250 at 100 %, 500 at 200 %."""
    return round(MIN_INCHES[1] * 100.0 * max(scale, 0.5))


def render_chart(
    analysis: Analysis,
    name: str,
    size: tuple[int, int],
    palette: Any = None,
    scale: float = 1.0,
    pair: tuple[int, int] | None = None,
) -> tuple[bytes, tuple[int, int]]:
    """The chart ``name`` of :mod:`game.analysis.charts` as RGBA bytes of about ``size``
    pixels (``pair`` puts that rival pair on the phase plane instead of the main one).

    No pygame here: safe on a worker thread."""
    import matplotlib
    from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

    from game.analysis import charts as acharts

    matplotlib.rcParams["text.parse_math"] = False  # names and titles are text, never markup

    if pair is not None and pair != analysis.main_pair:
        analysis = dataclasses.replace(analysis, main_pair=pair)
    dpi = chart_dpi(size, scale)
    with acharts.MPL_LOCK:
        fig = acharts.figure(analysis, name, palette, size=(size[0] / dpi, size[1] / dpi), dpi=dpi)
        darken(fig)  # the window's dark theme (the report keeps the white print style)
        if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
            # A figure laid out once by tight_layout around a fixed title band leaves a wide
            # gap under the title on a short screen chart: tight again, title included.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a cramped chart is still drawn
                TightLayoutEngine(pad=0.5).execute(fig)
        fig.canvas.draw()
        w, h = fig.canvas.get_width_height()
        data = bytes(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]  # Agg's canvas
    return data, (w, h)


#: The window's chart colours (the panels' and the theme's).
DARK_BG = "#222830"
DARK_TEXT = "#ece9e4"
DARK_MUTED = "#cfd3d8"
DARK_EDGE = "#55606d"
DARK_GRID = "#3a4350"


def darken(fig: Any) -> None:
    """Restyle a white matplotlib figure for the dark window: background, axes, text, grid,
    legends; a line or text dark enough to vanish on the dark ground is lightened."""
    from matplotlib.colors import to_rgba

    def lum(c: Any) -> float:
        r, g, b, _ = to_rgba(c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def lift(c: Any) -> Any:
        return DARK_MUTED if lum(c) < 0.35 else c

    fig.set_facecolor(DARK_BG)
    for text in fig.texts:
        text.set_color(DARK_TEXT)
    sup = getattr(fig, "_suptitle", None)
    if sup is not None:
        sup.set_color(DARK_TEXT)
    for ax in fig.axes:
        ax.set_facecolor(DARK_BG)
        ax.title.set_color(DARK_TEXT)
        for side in ("_left_title", "_right_title"):  # a note set with set_title(loc="left")
            note = getattr(ax, side, None)
            if note is not None:
                note.set_color(lift(note.get_color()))
        ax.xaxis.label.set_color(DARK_MUTED)
        ax.yaxis.label.set_color(DARK_MUTED)
        ax.tick_params(colors=DARK_MUTED, which="both")
        for spine in ax.spines.values():
            spine.set_color(DARK_EDGE)
        for line in ax.get_xgridlines() + ax.get_ygridlines():
            line.set_color(DARK_GRID)
        for line in ax.get_lines():
            line.set_color(lift(line.get_color()))
            line.set_markeredgecolor(lift(line.get_markeredgecolor()))
        for text in ax.texts:
            text.set_color(lift(text.get_color()))
        legends = [ax.get_legend()]
        for legend in legends:
            if legend is None:
                continue
            legend.get_frame().set_facecolor("#2b323c")
            legend.get_frame().set_edgecolor(DARK_EDGE)
            for text in legend.get_texts():
                text.set_color(DARK_TEXT)
            for handle in legend.legend_handles:
                if hasattr(handle, "get_color") and hasattr(handle, "set_color"):
                    try:
                        handle.set_color(lift(handle.get_color()))
                    except (TypeError, ValueError):
                        pass
    for legend in fig.legends:
        legend.get_frame().set_facecolor("#2b323c")
        legend.get_frame().set_edgecolor(DARK_EDGE)
        for text in legend.get_texts():
            text.set_color(DARK_TEXT)


ChartKey = tuple[str, str, Any, tuple[int, int], str, float]


class ChartCache:
    """The debrief's charts, drawn on one worker thread and kept as Surfaces (least recently
    used dropped past ``capacity``)."""

    def __init__(self, capacity: int = 24):
        self.capacity = capacity
        self._surfaces: OrderedDict[ChartKey, pygame.Surface] = OrderedDict()
        self._pending: dict[ChartKey, Future] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._digests: dict[int, tuple[Any, str]] = {}
        #: Milliseconds each finished chart took to draw (for the record and the tests).
        self.render_ms: dict[ChartKey, float] = {}

    def digest(self, analysis: Analysis) -> str:
        hit = self._digests.get(id(analysis))
        if hit is not None and hit[0] is analysis:
            return hit[1]
        d = analysis_digest(analysis)
        if len(self._digests) > 16:
            self._digests.clear()
        self._digests[id(analysis)] = (analysis, d)
        return d

    def key(
        self,
        analysis: Analysis,
        name: str,
        size: tuple[int, int],
        palette: Any = None,
        scale: float = 1.0,
        pair: tuple[int, int] | None = None,
    ) -> ChartKey:
        pal = getattr(palette, "name", None) or repr(palette)
        return (self.digest(analysis), name, pair, (int(size[0]), int(size[1])), pal, float(scale))

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
        return self._executor

    def submit(self, fn: Any, /, *args: Any, **kw: Any) -> Future:
        """Run ``fn(*args, **kw)`` on the worker, after the charts already asked for (a long job
        the window must not wait for, as writing a report); the caller polls the Future."""
        return self._pool().submit(fn, *args, **kw)

    def request(
        self,
        analysis: Analysis,
        name: str,
        size: tuple[int, int],
        palette: Any = None,
        scale: float = 1.0,
        pair: tuple[int, int] | None = None,
    ) -> pygame.Surface | None:
        """The chart as a Surface if it is drawn, else ``None`` (and it is being drawn).

        A chart that failed to draw raises its error here, once (the screen shows it)."""
        size = (max(int(size[0]), 80), max(int(size[1]), 60))
        key = self.key(analysis, name, size, palette, scale, pair)
        surf = self._surfaces.get(key)
        if surf is not None:
            self._surfaces.move_to_end(key)
            return surf
        fut = self._pending.get(key)
        if fut is None:
            self._pending[key] = self._pool().submit(
                _timed, analysis, name, size, palette, scale, pair
            )
            return None
        if not fut.done():
            return None
        del self._pending[key]
        data, got, ms = fut.result()  # re-raises a drawing error
        surf = pygame.image.frombuffer(data, got, "RGBA")
        surf = surf.convert() if pygame.display.get_surface() is not None else surf.copy()
        self._surfaces[key] = surf
        self.render_ms[key] = ms
        while len(self._surfaces) > self.capacity:
            self._surfaces.popitem(last=False)
        return surf

    def ready(self, *args: Any, **kw: Any) -> bool:
        return self.key(*args, **kw) in self._surfaces

    @property
    def busy(self) -> bool:
        """A chart is being drawn (or drawn and not yet collected)."""
        return any(not f.done() for f in self._pending.values())

    def wait(self, timeout: float = 60.0) -> None:
        """Block until every requested chart is drawn (tests, screenshots)."""
        futures = list(self._pending.values())
        if futures:
            wait_futures(futures, timeout=timeout)

    def clear(self) -> None:
        self.wait()
        self._surfaces.clear()
        self._pending.clear()
        self.render_ms.clear()


def _timed(analysis, name, size, palette, scale, pair):
    t0 = time.perf_counter()
    data, got = render_chart(analysis, name, size, palette, scale, pair)
    return data, got, (time.perf_counter() - t0) * 1000.0


#: The window's one chart cache.
CHARTS = ChartCache()
