"""The debrief's charts, drawn by matplotlib off screen (Agg) for the report and the debrief.

No pygame and no pyplot: every chart is a fresh :class:`matplotlib.figure.Figure` (no global
state, safe to draw from any thread). They are made to be printed: white background, dark text,
titles, axis labels and legends, and every state drawn with a colour *and* a marker shape (the
board's shape), never colour alone.

>>> from game.analysis import analyse, charts                      # doctest: +SKIP
>>> data = charts.png(analyse(session), "arms", size=(8, 4.5), dpi=120)  # doctest: +SKIP

``palette`` is either a sequence of RGB tuples (0-255), one per state, or any object with a
``states`` attribute holding them (the UI's ``game.ui.theme.Palette``). By default the
colour-blind-safe palette of Okabe and Ito (2008), the same colours as the UI's colour-blind
palette.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from game.analysis.types import Analysis, Series
from game.theory import GAME_TITLES, richardson_nullclines

Colour = tuple[int, int, int]

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

#: Okabe & Ito (2008), as in the UI's colour-blind palette.
DEFAULT_COLOURS: tuple[Colour, ...] = (
    (0, 114, 178),
    (230, 159, 0),
    (86, 180, 233),
    (213, 94, 0),
    (0, 158, 115),
    (240, 228, 66),
    (204, 121, 167),
    (110, 110, 110),
)
#: Matplotlib markers standing for the board's shapes (as the UI's charts use them).
MARKERS: dict[str, str] = {
    "circle": "o",
    "square": "s",
    "triangle": "^",
    "diamond": "D",
    "hexagon": "h",
    "star": "*",
    "pentagon": "p",
    "cross": "P",
}
_FALLBACK_MARKERS = ("o", "s", "^", "D", "h", "*", "p", "P")
#: Line styles for pairs (a pair's colour is that of its first state).
_PAIR_STYLES = ("-", "--", "-.", ":")
#: Colours of the stage-game names in the timeline.
STAGE_COLOURS: dict[str, str] = {
    "harmony": "#009E73",
    "stag_hunt": "#56B4E9",
    "prisoners_dilemma": "#D55E00",
    "chicken": "#E69F00",
    "deadlock": "#7F3C8D",
    "leader": "#CC79A7",
    "hero": "#F0E442",
    "battle_of_the_sexes": "#0072B2",
    "asymmetric": "#BBBBBB",
    "other": "#EEEEEE",
    "none": "#FFFFFF",
}
_WAR = "#B2182B"
_INK = "#222222"


def _colours(palette: Any, n: int) -> list[tuple[float, float, float]]:
    if palette is None:
        rgb: Sequence[Colour] = DEFAULT_COLOURS
    elif hasattr(palette, "states"):
        rgb = palette.states
    else:
        rgb = palette
    rgb = list(rgb) or list(DEFAULT_COLOURS)
    return [tuple(c / 255 for c in rgb[k % len(rgb)]) for k in range(n)]  # type: ignore[misc]


def _markers(a: Analysis) -> list[str]:
    n = len(a.names)
    if len(a.shapes) == n:
        return [MARKERS.get(s, _FALLBACK_MARKERS[k % 8]) for k, s in enumerate(a.shapes)]
    return [_FALLBACK_MARKERS[k % 8] for k in range(n)]


class _Style:
    def __init__(self, a: Analysis, palette: Any) -> None:
        n = len(a.names)
        self.colours = _colours(palette, n)
        self.markers = _markers(a)
        every = max(1, a.series.turns // 10)
        self.markevery = every

    def state(self, i: int) -> dict[str, Any]:
        return {
            "color": self.colours[i],
            "marker": self.markers[i],
            "markersize": 5,
            "markevery": self.markevery,
            "linewidth": 2,
        }

    def pair(self, a: Analysis, i: int, j: int) -> dict[str, Any]:
        return {
            "color": self.colours[i],
            "linestyle": _PAIR_STYLES[j % len(_PAIR_STYLES)],
            "marker": self.markers[j],
            "markersize": 5,
            "markevery": self.markevery,
            "markerfacecolor": self.colours[j],
            "linewidth": 2,
        }


def _finish(ax: Axes, s: Series, a: Analysis, ylabel: str, legend: bool = True) -> None:
    ax.set_xlabel("turn")
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, max(s.turns, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, alpha=0.3)
    if a.war_turn is not None and a.war_turn <= s.turns:
        ax.axvline(a.war_turn, color=_WAR, linestyle=":", linewidth=1.5, label="war")
    if legend:
        ax.legend(fontsize=8, loc="best", framealpha=0.85)


def _new(size: tuple[float, float], dpi: int) -> Figure:
    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _title(fig: Figure, a: Analysis, name: str) -> None:
    fig.suptitle(f"{FIGURES[name]}\n{a.title}, seed {a.seed}", fontsize=11, color=_INK)


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _grid(fig: Figure, count: int) -> list[Axes]:
    cols = 1 if count == 1 else 2
    rows = (count + cols - 1) // cols
    return [fig.add_subplot(rows, cols, k + 1) for k in range(count)]


# --------------------------------------------------------------------------------------------


def _arms(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    axes = [fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)]
    for ax, arr, label in ((axes[0], s.reach, "reach"), (axes[1], s.shield, "shield")):
        for i, name in enumerate(a.names):
            ax.plot(s.turn, arr[:, i], label=name, **st.state(i))
        ax.set_title(label.capitalize() + " (home + abroad)", fontsize=10)
        _finish(ax, s, a, label, legend=ax is axes[0])


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
        _empty(ax, "No rival pairs in this game.")
        return
    for i, j in pair_list:
        ax.plot(s.turn, arr[:, i, j], label=f"{a.names[i]}–{a.names[j]}", **st.pair(a, i, j))
    if what == "stability":
        ax.axhline(
            0.5, color="grey", linestyle="--", linewidth=1, label="below 0.5: striking first pays"
        )
        ylabel = "first-strike stability (1 = nothing gained by going first)"
    else:
        ax.axhline(a.crisis_threshold, color=_WAR, linestyle="--", linewidth=1, label="crisis line")
        ylabel = "tension (0 calm, 1 at the brink)"
    ax.set_ylim(-0.02, 1.05)
    _finish(ax, s, a, ylabel)


def _beliefs(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    n = s.n
    axes = _grid(fig, n)
    for j, ax in enumerate(axes):
        ax.plot(
            s.turn,
            s.reach[:, j],
            label=f"{a.names[j]}'s true reach",
            color=st.colours[j],
            linewidth=3,
            alpha=0.6,
        )
        for i in range(n):
            if i == j:
                continue
            ax.plot(
                s.turn,
                s.seen_reach[:, i, j],
                label=f"as {a.names[i]} saw it",
                color=st.colours[i],
                linestyle="--",
                marker=st.markers[i],
                markersize=4,
                markevery=st.markevery,
                linewidth=1.5,
            )
        ax.set_title(f"{a.names[j]}'s reach", fontsize=10)
        _finish(ax, s, a, "reach")
        ax.legend(fontsize=7, loc="best", framealpha=0.85)


def _per_state(fig: Figure, a: Analysis, st: _Style, arr: np.ndarray, ylabel: str) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    for i, name in enumerate(a.names):
        ax.plot(s.turn, arr[:, i], label=name, **st.state(i))
    _finish(ax, s, a, ylabel)


def _phase_plane(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    pair = a.main_pair
    if pair is None:
        _empty(ax, "No rival pair to draw: every pair was allied.")
        return
    i, j = pair
    x, y = s.reach[:, i], s.reach[:, j]
    ax.plot(x, y, color=_INK, linewidth=1.5, marker="o", markersize=3, label="the game (reach)")
    ax.plot(x[0], y[0], marker="s", color="#009E73", markersize=9, linestyle="none", label="start")
    ax.plot(x[-1], y[-1], marker="X", color=_WAR, markersize=10, linestyle="none", label="end")
    for t in range(len(x) - 1):
        if abs(x[t + 1] - x[t]) + abs(y[t + 1] - y[t]) > 1e-9:
            ax.annotate(
                "",
                xy=(x[t + 1], y[t + 1]),
                xytext=(x[t], y[t]),
                arrowprops={"arrowstyle": "->", "color": _INK, "lw": 0.8},
            )
    span_x = max(float(np.ptp(x)), 1.0)
    span_y = max(float(np.ptp(y)), 1.0)
    lo_x, hi_x = max(0.0, float(x.min()) - 0.5 * span_x), float(x.max()) + 0.5 * span_x
    lo_y, hi_y = max(0.0, float(y.min()) - 0.5 * span_y), float(y.max()) + 0.5 * span_y
    fit = next((f for f in a.fits if (f.a, f.b) == (a.names[i], a.names[j])), None)
    note = ""
    if fit is not None and fit.fit is not None:
        c = fit.fit
        xs = np.linspace(lo_x, hi_x, 50)
        if abs(c.k) > 1e-12 and abs(c.b) > 1e-12:
            yx, yy = richardson_nullclines(c.k, c.l, c.a, c.b, c.g, c.h, xs)
            ax.plot(
                xs,
                yx,
                color=st.colours[i],
                linestyle="--",
                label=f"{a.names[i]} neither builds nor cuts",
            )
            ax.plot(
                xs,
                yy,
                color=st.colours[j],
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
                    markersize=14,
                    color="#E69F00",
                    linestyle="none",
                    label="fitted equilibrium" + (" (stable)" if fit.stable else " (unstable)"),
                )
            else:
                note = f"fitted equilibrium off the chart, at ({ex:.1f}, {ey:.1f})"
        r2 = f"R² {c.r2[0]:.2f} / {c.r2[1]:.2f}"
        note = f"{note}; {r2}" if note else r2
    elif fit is not None:
        note = f"no Richardson fit: {fit.reason}"
    if note:
        ax.text(0.01, 0.99, note, transform=ax.transAxes, fontsize=8, va="top")
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(lo_y, hi_y)
    ax.set_xlabel(f"{a.names[i]}'s reach")
    ax.set_ylabel(f"{a.names[j]}'s reach")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="lower right", framealpha=0.85)


def _stage_timeline(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    ax = fig.add_subplot(1, 1, 1)
    pair_list = sorted(a.stage_names)
    if not pair_list:
        _empty(ax, "No stage games recorded.")
        return
    seen: list[str] = []
    image = np.ones((len(pair_list), s.turns + 1, 3))
    for row, pair in enumerate(pair_list):
        for t, name in enumerate(a.stage_names[pair][: s.turns + 1]):
            if name not in seen:
                seen.append(name)
            image[row, t] = to_rgb(STAGE_COLOURS.get(name, "#DDDDDD"))
    ax.imshow(
        image,
        aspect="auto",
        interpolation="nearest",
        extent=(-0.5, s.turns + 0.5, len(pair_list) - 0.5, -0.5),
    )
    for row in range(len(pair_list) - 1):
        ax.axhline(row + 0.5, color="white", linewidth=3)
    ax.set_yticks(range(len(pair_list)))
    ax.set_yticklabels([a.pair_name(p) for p in pair_list], fontsize=8)
    ax.set_xlim(-0.5, s.turns + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("turn")
    ax.set_ylabel("pair")
    if a.war_turn is not None:
        ax.axvline(a.war_turn, color=_WAR, linestyle=":", linewidth=1.5)
    handles = [
        Patch(
            facecolor=STAGE_COLOURS.get(nm, "#DDDDDD"),
            edgecolor="grey",
            label=GAME_TITLES.get(nm, "no stage game" if nm == "none" else nm),
        )
        for nm in seen
    ]
    ax.legend(
        handles=handles,
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.15),
        ncol=min(4, len(handles)),
        framealpha=0.85,
    )


def _counterfactuals(fig: Figure, a: Analysis, st: _Style) -> None:
    s = a.series
    if not a.counterfactuals:
        _empty(fig.add_subplot(1, 1, 1), "Counterfactual replays were not computed.")
        return
    axes = _grid(fig, s.n)
    looks = {"restrain": ("#009E73", "--"), "arm": (_WAR, ":")}
    longest = max([s.turns] + [c.series.turns for c in a.counterfactuals])
    for i, ax in enumerate(axes):
        ax.plot(s.turn, s.score[:, i], label="as played", **st.state(i))
        for c in a.counterfactuals:
            colour, style = looks.get(c.key, ("grey", "-"))
            label = c.label + (f" (war, turn {c.war_turn})" if c.war else "")
            ax.plot(
                c.series.turn,
                c.series.score[:, i],
                color=colour,
                linestyle=style,
                linewidth=2,
                label=label,
            )
        land = a.landing.get(a.names[i])
        title = a.names[i] + (
            f": landed at {land:.2f} (0 arm, 1 restrain)" if land is not None else ""
        )
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("turn")
        ax.set_ylabel("score")
        ax.set_xlim(0, max(longest, 1))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, alpha=0.3)
        if a.war_turn is not None:
            ax.axvline(a.war_turn, color=_WAR, linestyle=":", linewidth=1.5)
        if i == 0:
            ax.legend(fontsize=7, loc="best", framealpha=0.85)


def figure(
    analysis: Analysis,
    name: str,
    palette: Any = None,
    size: tuple[float, float] = (9.0, 5.5),
    dpi: int = 100,
) -> Figure:
    """The chart ``name`` (a key of :data:`FIGURES`) as a new Figure of ``size`` inches."""
    if name not in FIGURES:
        raise KeyError(f"no chart {name!r}; charts: {', '.join(FIGURES)}")
    fig = _new(size, dpi)
    st = _Style(analysis, palette)
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
        _per_state(fig, analysis, st, s.score, "score (discounted sum of utility)")
    elif name == "phase_plane":
        _phase_plane(fig, analysis, st)
    elif name == "stage_timeline":
        _stage_timeline(fig, analysis, st)
    elif name == "counterfactuals":
        _counterfactuals(fig, analysis, st)
    _title(fig, analysis, name)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    return fig


def png(
    analysis: Analysis,
    name: str,
    palette: Any = None,
    size: tuple[float, float] = (9.0, 5.5),
    dpi: int = 100,
) -> bytes:
    """The chart ``name`` as PNG bytes (deterministic: no timestamp in the file)."""
    fig = figure(analysis, name, palette, size, dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


__all__ = ["DEFAULT_COLOURS", "FIGURES", "MARKERS", "STAGE_COLOURS", "figure", "png"]
