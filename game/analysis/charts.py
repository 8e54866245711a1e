"""The debrief's charts, drawn by matplotlib off screen (Agg) for the report and the debrief.

No pygame and no pyplot: every chart is a fresh :class:`matplotlib.figure.Figure` (no global
state, safe to draw from any thread). They are made to be printed: white background, dark text,
titles, axis labels and legends, and every state drawn with a colour *and* a marker shape (the
board's shape), never colour alone. Legends sit beside the data, never over it; the layout is
matplotlib's constrained layout, and font sizes follow the figure's size (the report's 9 x 5.5
inches down to a small debrief window). A colour too pale for white paper (the UI's palettes are
made for a dark board) gets a thin dark outline. A war is a dotted red line in the middle of the
war turn, and on the stage timeline the turns after it are marked as war, not classified.

>>> from game.analysis import analyse, charts                      # doctest: +SKIP
>>> data = charts.png(analyse(session), "arms", size=(8, 4.5), dpi=120)  # doctest: +SKIP

``palette`` is either a sequence of RGB tuples (0-255), one per state, or any object with a
``states`` attribute holding them (the UI's ``game.ui.drawing.theme.Palette``). By default the
colour-blind-safe palette of Okabe and Ito (2008), the same colours as the UI's colour-blind
palette (:data:`game.analysis.style.OKABE_ITO`) with a grey dark enough for paper.

Matplotlib is not safe to draw with from two threads at once: :func:`figure` and :func:`png` hold
:data:`MPL_LOCK` (re-entrant), and every other drawing in the program (the window's charts on
their worker thread, the end screen's chart, a report written in the background) takes the same
lock.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpecBase
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import Normal, Stroke
from matplotlib.ticker import MaxNLocator

from game.analysis.style import MARKERS, OKABE_ITO, Colour
from game.analysis.types import Analysis, Series
from game.analysis.words import game_title
from game.theory import richardson_nullclines

#: One matplotlib drawing at a time, across every thread of the program (re-entrant: ``png``
#: calls ``figure``). Hold it while building *and* drawing a figure.
MPL_LOCK = threading.RLock()

#: Chart name -> title, in the order a report shows them.
FIGURES: dict[str, str] = {
    "arms": "Arms over the game: reach and shield",
    "stability": "First-strike stability of each rival pair",
    "tension": "Tension between each pair",
    "beliefs": "Beliefs: the reach each state thought the others had, against the truth",
    "economy": "Economy",
    "score": "Score (running discounted total)",
    "phase_plane": "Richardson phase plane of the main rivalry",
    "stage_timeline": "The stage game each pair faced, turn by turn",
    "counterfactuals": "Where the game landed: as played, if all restrained, if all armed",
}

#: Okabe & Ito (2008), as in the UI's colour-blind palette, with a dark grey for white paper.
DEFAULT_COLOURS: tuple[Colour, ...] = (*OKABE_ITO, (110, 110, 110))
_FALLBACK_MARKERS = ("o", "s", "^", "D", "h", "*", "p", "P")
#: Line styles for pairs, by the pair's place among all pairs, so that every pair of a game of
#: up to four states has its own (a pair's colour is its first state's, its marker its second's).
_PAIR_STYLES: tuple[Any, ...] = (
    "-",
    (0, (5, 2)),
    (0, (5, 2, 1, 2)),
    (0, (1, 1.5)),
    (0, (5, 1.5, 1, 1.5, 1, 1.5)),
    (0, (10, 3)),
)
#: Colours of the stage-game names in the timeline (Okabe & Ito where there are enough).
STAGE_COLOURS: dict[str, str] = {
    "harmony": "#009E73",
    "stag_hunt": "#56B4E9",
    "prisoners_dilemma": "#D55E00",
    "chicken": "#E69F00",
    "deadlock": "#7F3C8D",
    "leader": "#CC79A7",
    "hero": "#F0E442",
    "battle_of_the_sexes": "#0072B2",
    "asymmetric": "#A9A9A9",
    "other": "#EFEFEF",
    "none": "#FFFFFF",
    "war": "#3A3A3A",
}
#: Hatches (with their colour) for the timeline's cells that are not named games, so that
#: they read without colour: an unnamed game, no stage game, and the world after a war.
STAGE_HATCHES: dict[str, tuple[str, str]] = {
    "other": ("...", "#5A5A5A"),
    "none": ("xx", "#9A9A9A"),
    "war": ("//", "#C8C8C8"),
}
#: Timeline label of the turns after a war broke out (the world is over: no stage game).
WAR_LABEL = "war: the game is over"
_WAR = "#B2182B"
_INK = "#222222"
_RESTRAIN = "#009E73"


def _colours(palette: Any, n: int) -> list[tuple[float, float, float]]:
    if palette is None:
        rgb: Sequence[Colour] = DEFAULT_COLOURS
    elif hasattr(palette, "states"):
        rgb = palette.states
    else:
        rgb = palette
    rgb = list(rgb) or list(DEFAULT_COLOURS)
    return [tuple(c / 255 for c in rgb[k % len(rgb)]) for k in range(n)]  # type: ignore[misc]


def _light(colour: tuple[float, float, float]) -> bool:
    """Whether a colour is too pale to read as a thin line on white (WCAG relative luminance
    above 0.45, a contrast with white below about 2:1)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.45


def _markers(a: Analysis) -> list[str]:
    n = len(a.names)
    if len(a.shapes) == n:
        return [MARKERS.get(s, _FALLBACK_MARKERS[k % 8]) for k, s in enumerate(a.shapes)]
    return [_FALLBACK_MARKERS[k % 8] for k in range(n)]


class _Style:
    def __init__(self, a: Analysis, palette: Any, size: tuple[float, float]) -> None:
        n = len(a.names)
        self.colours = _colours(palette, n)
        self.markers = _markers(a)
        self.markevery = max(1, a.series.turns // 10)
        self.height = float(size[1])
        # Font sizes follow the figure: 9 pt at the report's 9 x 5.5 inches, down to 7 pt on
        # a small window, so that labels do not crowd the data.
        scale = min(size[0] / 9.0, size[1] / 5.5)
        self.fs = float(np.clip(7.0 + 4.0 * (scale - 0.5), 7.0, 9.0))
        self.small = self.fs - 1.0

    def ink(self, i: int, width: float) -> dict[str, Any]:
        """State ``i``'s colour for a line ``width`` points wide. A light colour (yellow, light
        grey: the UI's palettes are made for a dark board) is pale on white paper, so it gets a
        thin dark outline and dark marker edges."""
        colour = self.colours[i]
        kw: dict[str, Any] = {"color": colour}
        if _light(colour):
            kw["path_effects"] = [Stroke(linewidth=width + 1.4, foreground=_INK), Normal()]
            kw["markeredgecolor"] = _INK
            kw["markeredgewidth"] = 0.6
        return kw

    def state(self, i: int) -> dict[str, Any]:
        # States drawn first are drawn wider, so that where two lines coincide (equal shields,
        # equal scores) the one underneath still shows as a coloured edge.
        under = (len(self.colours) - 1 - i) / max(len(self.colours) - 1, 1)
        width = 2.0 + 1.0 * under
        return {
            **self.ink(i, width),
            "marker": self.markers[i],
            "markersize": 5.0 + 1.5 * under,
            "markevery": self.markevery,
            "linewidth": width,
        }

    def pair(self, a: Analysis, i: int, j: int) -> dict[str, Any]:
        n = len(a.names)
        place = i * n - i * (i + 1) // 2 + (j - i - 1)  # (i, j) among all pairs i < j
        return {
            **self.ink(i, 2),
            "linestyle": _PAIR_STYLES[place % len(_PAIR_STYLES)],
            "marker": self.markers[j],
            "markersize": 5,
            "markevery": self.markevery,
            "markerfacecolor": self.colours[j],
            "markeredgecolor": _INK,
            "markeredgewidth": 0.6,
            "linewidth": 2,
        }

    def legend(self, ax: Axes, handles: list | None = None, title: str | None = None) -> None:
        """A legend beside ``ax``, to its right, outside the data (in columns when long); or,
        when ``ax`` is an empty panel (axis off), in it."""
        if handles is None:
            handles = ax.get_legend_handles_labels()[0]
        if not handles:
            return
        per_column = max(4, int(self.height * 72.0 / (self.small * 1.9)) - 2)
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0) if ax.axison else (0.0, 1.0),
            borderaxespad=0.0,
            fontsize=self.small,
            title=title,
            title_fontsize=self.small,
            alignment="left",
            ncols=-(-len(handles) // per_column),
            frameon=False,
            handlelength=2.6,
        )

    def axes(self, ax: Axes) -> None:
        ax.tick_params(labelsize=self.small)
        ax.grid(True, alpha=0.3)


def _war_line(ax: Axes, a: Analysis, st: _Style | None = None) -> None:
    """The war marker, a dotted red line in the middle of the war turn: half way between the
    world before it (``war_turn - 1``) and the world after (``war_turn``), which on the stage
    timeline is the boundary between their columns. With ``st`` the line is named on the chart
    instead of in the legend (where another red dotted line would look the same)."""
    if a.war_turn is None or a.war_turn > a.series.turns:
        return
    label = f"war broke out (turn {a.war_turn})"
    x = a.war_turn - 0.5
    ax.axvline(x, color=_WAR, linestyle=":", linewidth=2, label="_" + label if st else label)
    if st is not None:
        ax.text(
            x,
            0.98,
            " war ",
            transform=ax.get_xaxis_transform(),
            ha="right",
            va="top",
            fontsize=st.small,
            color=_WAR,
            fontweight="bold",
        )


def _turn_axis(ax: Axes, st: _Style, turns: int, label: bool = True) -> None:
    ax.set_xlim(0, max(turns, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins="auto", steps=[1, 2, 5, 10]))
    if label:
        ax.set_xlabel("turn", fontsize=st.fs)


def flat_axis(ax: Axes, floor: bool = True) -> None:
    """Give a flat chart (every value the same: a shield nobody builds, a reach nobody
    changes) an axis in the data's own scale, not matplotlib's sliver around the value (-0.04
    to 0.04 about a flat 0): from 0 to above the value for a measure that cannot go below 0
    (``floor``), else the value plus or minus a tenth of it (at least 1). Limits set already,
    or a series that moves, are left alone; call it before lines that are not data (the war
    line)."""
    if not ax.get_autoscaley_on():
        return
    ys = [np.asarray(line.get_ydata(), dtype=float).ravel() for line in ax.get_lines()]
    values = np.concatenate(ys) if ys else np.empty(0)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return
    lo, hi = float(values.min()), float(values.max())
    if hi - lo > 1e-9 * max(abs(lo), abs(hi), 1.0):
        return
    if floor and lo >= 0.0:
        top = 1.25 * lo if lo > 0.0 else 1.0
        ax.set_ylim(-0.08 * top, top)  # the line and markers at 0 clear of the frame
    else:
        margin = max(0.1 * abs(lo), 1.0)
        ax.set_ylim(lo - margin, lo + margin)


def _finish(ax: Axes, s: Series, a: Analysis, st: _Style, ylabel: str, floor: bool = True) -> None:
    """The turn axis, the y label, the grid, a flat series' axis and the war line."""
    _turn_axis(ax, st, s.turns)
    ax.set_ylabel(ylabel, fontsize=st.fs)
    st.axes(ax)
    flat_axis(ax, floor)
    _war_line(ax, a)


def _new(size: tuple[float, float], dpi: int) -> Figure:
    layout = ConstrainedLayoutEngine(w_pad=0.06, h_pad=0.06, wspace=0.04, hspace=0.06)
    fig = Figure(figsize=size, dpi=dpi, facecolor="white", layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _title(fig: Figure, a: Analysis, name: str, st: _Style) -> None:
    fig.suptitle(f"{FIGURES[name]}\n{a.title}, seed {a.seed}", fontsize=st.fs + 1.5, color=_INK)


def _empty(ax: Axes, text: str, st: _Style) -> None:
    ax.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        transform=ax.transAxes,
        wrap=True,
        fontsize=st.fs,
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _grid(fig: Figure, count: int) -> list[Axes]:
    """One panel per state: one column for one, two up to four, three beyond; the panels
    share the turn axis, numbered on the bottom panel of each column only."""
    cols = 1 if count == 1 else 2 if count <= 4 else 3
    rows = -(-count // cols)
    axes: list[Axes] = []
    for k in range(count):
        share = axes[0] if axes else None
        axes.append(fig.add_subplot(rows, cols, k + 1, sharex=share))
    for k, ax in enumerate(axes):
        if k + cols < count:  # another panel sits below this one
            ax.tick_params(labelbottom=False)
    return axes


def _gridspec(ax: Axes) -> GridSpecBase:
    spec = ax.get_subplotspec()
    assert spec is not None, "a panel of _grid"
    return spec.get_gridspec()


def _bottom(axes: list[Axes], k: int) -> bool:
    """Whether no panel of :func:`_grid` sits below panel ``k``."""
    return k + _gridspec(axes[0]).ncols >= len(axes)


def _legend_place(fig: Figure, axes: list[Axes]) -> Axes:
    """Where the shared legend of a :func:`_grid` goes: the first empty panel of the grid when
    there is one, else beside the top panel of the last column."""
    grid = _gridspec(axes[0])
    if len(axes) < grid.nrows * grid.ncols:
        holder = fig.add_subplot(grid.nrows, grid.ncols, len(axes) + 1)
        holder.set_axis_off()
        return holder
    return axes[min(grid.ncols, len(axes)) - 1]


# --------------------------------------------------------------------------------------------


def _arms(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    axes = [fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)]
    for ax, arr, label in ((axes[0], s.reach, "reach"), (axes[1], s.shield, "shield")):
        for i, name in enumerate(a.names):
            ax.plot(s.turn, arr[:, i], label=name, **st.state(i))
        ax.set_title(label.capitalize() + " (home + abroad)", fontsize=st.fs)
        _finish(ax, s, a, st, label)
    st.legend(axes[1])


def _pairs_chart(fig: Figure, a: Analysis, st: _Style, what: str) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    if what == "stability":
        pair_list = list(a.rivals)
        arr = s.stability
    else:
        n = s.n
        pair_list = [(i, j) for i in range(n) for j in range(i + 1, n)]
        arr = s.tension
    if not pair_list:
        _empty(ax, "No rival pairs in this game.", st)
        return
    for i, j in pair_list:
        ax.plot(s.turn, arr[:, i, j], label=f"{a.names[i]}–{a.names[j]}", **st.pair(a, i, j))
    if what == "stability":
        ax.axhline(
            0.5, color="grey", linestyle="--", linewidth=1, label="below 0.5: striking first pays"
        )
        ylabel = "first-strike stability\n(1 = nothing gained by going first)"
    else:
        ax.axhline(a.crisis_threshold, color=_WAR, linestyle="--", linewidth=1, label="crisis line")
        ylabel = "tension (0 calm, 1 at the brink)"
    ax.set_ylim(-0.02, 1.05)
    _finish(ax, s, a, st, ylabel)
    st.legend(ax)


def _beliefs(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    n = s.n
    axes = _grid(fig, n)
    for j, ax in enumerate(axes):
        pale = 0.9 if _light(st.colours[j]) else 0.55  # a light colour is pale already
        ax.plot(s.turn, s.reach[:, j], **st.ink(j, 4), linewidth=4, alpha=pale)
        for i in range(n):
            if i == j:
                continue
            ax.plot(
                s.turn,
                s.seen_reach[:, i, j],
                label=f"as {a.names[i]} saw it",
                **st.ink(i, 1.5),
                linestyle="--",
                marker=st.markers[i],
                markersize=4,
                markevery=st.markevery,
                linewidth=1.5,
            )
        ax.set_title(f"{a.names[j]}'s reach", fontsize=st.fs)
        _finish(ax, s, a, st, "reach")
        if not _bottom(axes, j):
            ax.set_xlabel("")
    # One legend for every panel: the true reach, then each state as an observer.
    handles: list = [
        Line2D(
            [], [], color="#888888", linewidth=4, alpha=0.55, label="true reach (the panel's state)"
        )
    ]
    for i, name in enumerate(a.names):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="--",
                marker=st.markers[i],
                markersize=4,
                linewidth=1.5,
                label=f"as {name} saw it",
                **st.ink(i, 1.5),
            )
        )
    if a.war_turn is not None and a.war_turn <= s.turns:
        handles.append(axes[0].get_lines()[-1])
    st.legend(_legend_place(fig, axes), handles)


def _per_state(
    fig: Figure, a: Analysis, st: _Style, arr: np.ndarray, ylabel: str, floor: bool = True
) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    for i, name in enumerate(a.names):
        ax.plot(s.turn, arr[:, i], label=name, **st.state(i))
    _finish(ax, s, a, st, ylabel, floor)
    st.legend(ax)


def _limits(v: np.ndarray, top: float) -> tuple[float, float]:
    """Axis limits around a reach series: at least a sixth of the largest reach wide (so a
    small move looks small), padded so that the markers at its ends are never clipped."""
    lo, hi = float(v.min()), float(v.max())
    span = max(hi - lo, top / 6.0, 1.0)
    mid = 0.5 * (lo + hi)
    lo, hi = mid - 0.5 * span, mid + 0.5 * span
    if lo < 0.0 <= float(v.min()):  # do not show much negative reach ...
        lo, hi = 0.0, span
    pad = 0.08 * span  # ... but never clip the marker at 0
    return lo - pad, hi + pad


def _phase_plane(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    pair = a.main_pair
    if pair is None:
        _empty(ax, "No rival pair to draw: every pair was allied.", st)
        return
    i, j = pair
    x, y = s.reach[:, i], s.reach[:, j]
    top = max(float(x.max()), float(y.max()), 1.0)
    fit = next((f for f in a.fits if (f.a, f.b) == (a.names[i], a.names[j])), None)
    # The limits take in a fitted equilibrium near the game (not one far beyond it).
    lim_x, lim_y = x, y
    if fit is not None and fit.fit is not None and fit.equilibrium is not None:
        ex, ey = fit.equilibrium
        if -0.05 * top <= min(ex, ey) and max(ex, ey) <= 1.5 * top:
            lim_x, lim_y = np.append(x, ex), np.append(y, ey)
    lo_x, hi_x = _limits(lim_x, top)
    lo_y, hi_y = _limits(lim_y, top)
    ax.plot(
        x, y, color=_INK, linewidth=1.5, marker="o", markersize=3, label="the game, turn by turn"
    )
    for t in range(len(x) - 1):
        if abs(x[t + 1] - x[t]) + abs(y[t + 1] - y[t]) > 1e-9:
            ax.annotate(
                "",
                xy=(x[t + 1], y[t + 1]),
                xytext=(x[t], y[t]),
                arrowprops={"arrowstyle": "->", "color": _INK, "lw": 0.8},
            )
    ax.plot(x[0], y[0], marker="s", color=_RESTRAIN, markersize=9, linestyle="none", label="start")
    ax.plot(x[-1], y[-1], marker="X", color=_WAR, markersize=10, linestyle="none", label="end")
    note = ""
    if fit is not None and fit.fit is not None:
        c = fit.fit
        xs = np.linspace(lo_x, hi_x, 50)
        if abs(c.k) > 1e-12 and abs(c.b) > 1e-12:
            yx, yy = richardson_nullclines(c.k, c.l, c.a, c.b, c.g, c.h, xs)
            ax.plot(
                xs,
                yx,
                **st.ink(i, 1.5),
                linestyle="--",
                label=f"{a.names[i]} neither builds nor cuts",
            )
            ax.plot(
                xs,
                yy,
                **st.ink(j, 1.5),
                linestyle="-.",
                label=f"{a.names[j]} neither builds nor cuts",
            )
        if fit.equilibrium is not None:
            ex, ey = fit.equilibrium
            if lo_x <= ex <= hi_x and lo_y <= ey <= hi_y:
                ax.plot(
                    ex,
                    ey,
                    marker="*",
                    markersize=15,
                    markerfacecolor="white",
                    markeredgecolor=_INK,
                    markeredgewidth=1.2,
                    linestyle="none",
                    label="fitted equilibrium" + (" (stable)" if fit.stable else " (unstable)"),
                )
            else:
                note = f"fitted equilibrium off the chart, at ({ex:.1f}, {ey:.1f})"
        r2 = f"how closely the fit follows the game (1: exactly): {c.r2[0]:.2f} / {c.r2[1]:.2f}"
        note = f"{note}; {r2}" if note else r2
    elif fit is not None:
        note = f"no Richardson fit: {fit.reason}"
    if note:
        ax.set_title(note, fontsize=st.small, loc="left", color="#444444", wrap=True)
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(lo_y, hi_y)
    ax.set_xlabel(f"{a.names[i]}'s reach", fontsize=st.fs)
    ax.set_ylabel(f"{a.names[j]}'s reach", fontsize=st.fs)
    st.axes(ax)
    st.legend(ax)


def _stage_runs(names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Consecutive equal names as (first column, columns, name)."""
    runs: list[tuple[int, int, str]] = []
    for t, name in enumerate(names):
        if runs and runs[-1][2] == name:
            first, count, _ = runs[-1]
            runs[-1] = (first, count + 1, name)
        else:
            runs.append((t, 1, name))
    return runs


def _stage_style(name: str) -> dict[str, Any]:
    style: dict[str, Any] = {"facecolor": STAGE_COLOURS.get(name, "#DDDDDD"), "linewidth": 0}
    if name in STAGE_HATCHES:
        hatch, colour = STAGE_HATCHES[name]
        style.update(hatch=hatch, hatchcolor=colour, edgecolor=colour)
    return style


def _stage_label(name: str) -> str:
    if name == "war":
        return WAR_LABEL
    return game_title(name)


def _stage_timeline(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    pair_list = sorted(a.stage_names)
    if not pair_list:
        _empty(ax, "No stage games recorded.", st)
        return
    # Column t is the stage game at the world after turn t (0: the start). A war during turn
    # w ends the world: columns w on are the war, not a game to classify.
    war = a.war_turn if a.war_turn is not None and a.war_turn <= s.turns else None
    seen: list[str] = []
    for row, pair in enumerate(pair_list):
        names = list(a.stage_names[pair][: s.turns + 1])
        if war is not None:
            names[war:] = ["war"] * (len(names) - war)
        for first, count, name in _stage_runs(names):
            if name not in seen:
                seen.append(name)
            ax.barh(row, count, left=first - 0.5, height=0.82, **_stage_style(name))
    ax.set_yticks(range(len(pair_list)))
    ax.set_yticklabels([a.pair_name(p) for p in pair_list], fontsize=st.small)
    ax.set_ylim(len(pair_list) - 0.5, -0.5)
    ax.set_xlim(-0.5, s.turns + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins="auto", steps=[1, 2, 5, 10]))
    ax.tick_params(labelsize=st.small)
    ax.set_xlabel("turn (0: the start)", fontsize=st.fs)
    ax.set_ylabel("pair", fontsize=st.fs)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    order = [nm for nm in seen if nm != "war"] + (["war"] if "war" in seen else [])
    handles: list = [
        Patch(label=_stage_label(nm), **{**_stage_style(nm), "edgecolor": "grey", "linewidth": 0.6})
        for nm in order
    ]
    if war is not None:
        _war_line(ax, a)
        handles.append(ax.get_lines()[-1])
    st.legend(ax, handles)


def _counterfactuals(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    if not a.counterfactuals:
        _empty(fig.add_subplot(1, 1, 1), "Counterfactual replays were not computed.", st)
        return
    axes = _grid(fig, s.n)
    looks = {"restrain": (_RESTRAIN, "--"), "arm": (_WAR, ":")}
    longest = max([s.turns] + [c.series.turns for c in a.counterfactuals])
    handles: list = [Line2D([], [], color=_INK, linewidth=2, label="as played (solid)")]
    for i, ax in enumerate(axes):
        ax.plot(s.turn, s.score[:, i], label="as played", **st.state(i))
        for c in a.counterfactuals:
            colour, style = looks.get(c.key, ("grey", "-"))
            label = c.label + (f" (war, turn {c.war_turn})" if c.war else "")
            line = ax.plot(
                c.series.turn,
                c.series.score[:, i],
                color=colour,
                linestyle=style,
                linewidth=2,
                label=label,
            )[0]
            if i == 0:
                handles.append(line)
        land = a.landing.get(a.names[i])
        title = a.names[i] + (f": landed at {land:.2f}" if land is not None else "")
        ax.set_title(title, fontsize=st.fs)
        _turn_axis(ax, st, longest, label=_bottom(axes, i))
        ax.set_ylabel("score", fontsize=st.fs)
        st.axes(ax)
        flat_axis(ax, floor=False)
        _war_line(ax, a, st)
    scale = "landed at: 0 as if all armed,\n1 as if all restrained" if a.landing else None
    st.legend(_legend_place(fig, axes), handles, title=scale)


def figure(
    analysis: Analysis,
    name: str,
    palette: Any = None,
    size: tuple[float, float] = (9.0, 5.5),
    dpi: int = 100,
) -> Figure:
    """The chart ``name`` (a key of :data:`FIGURES`) as a new Figure of ``size`` inches.

    The figure is laid out by matplotlib's constrained layout when it is drawn (legends sit
    beside the data, outside the axes); it is drawn the same way every time."""
    if name not in FIGURES:
        raise KeyError(f"no chart {name!r}; charts: {', '.join(FIGURES)}")
    with MPL_LOCK:
        return _figure(analysis, name, palette, size, dpi)


def _figure(
    analysis: Analysis, name: str, palette: Any, size: tuple[float, float], dpi: int
) -> Figure:
    fig = _new(size, dpi)
    st = _Style(analysis, palette, size)
    s = analysis.series
    if name == "arms":
        _arms(fig, analysis, st)
    elif name in ("stability", "tension"):
        _pairs_chart(fig, analysis, st, name)
    elif name == "beliefs":
        _beliefs(fig, analysis, st)
    elif name == "economy":
        _per_state(fig, analysis, st, s.economy, "economy")
    elif name == "score":
        _per_state(fig, analysis, st, s.score, "score (discounted sum of utility)", floor=False)
    elif name == "phase_plane":
        _phase_plane(fig, analysis, st)
    elif name == "stage_timeline":
        _stage_timeline(fig, analysis, st)
    elif name == "counterfactuals":
        _counterfactuals(fig, analysis, st)
    _title(fig, analysis, name, st)
    return fig


def png(
    analysis: Analysis,
    name: str,
    palette: Any = None,
    size: tuple[float, float] = (9.0, 5.5),
    dpi: int = 100,
) -> bytes:
    """The chart ``name`` as PNG bytes (deterministic: no timestamp in the file)."""
    with MPL_LOCK:
        fig = figure(analysis, name, palette, size, dpi)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


__all__ = [
    "DEFAULT_COLOURS",
    "FIGURES",
    "MARKERS",
    "MPL_LOCK",
    "STAGE_COLOURS",
    "STAGE_HATCHES",
    "WAR_LABEL",
    "figure",
    "png",
]
