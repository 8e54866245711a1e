"""The lab's charts, drawn off-screen (matplotlib's Agg canvas, no window, no global backend).

Every chart has a title and labelled axes: a teacher projects it, a student reads it cold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from game.lab.errors import LabError

matplotlib.rcParams["text.parse_math"] = False  # labels are text, never markup


def _save(fig: Figure, path: str | Path) -> None:
    FigureCanvasAgg(fig)
    try:
        fig.savefig(path, dpi=120)
    except OSError as exc:
        raise LabError(f"{path}: cannot write the chart ({exc.strerror or exc})") from None


def _short(v: float) -> str:
    """A cell value in at most four characters or so."""
    a = abs(v)
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def line_chart(
    path: str | Path,
    x: np.ndarray,
    series: dict[str, np.ndarray],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    subtitle: str = "",
) -> None:
    """One line per series, a legend, a title; y from 0 to 1 when every value is a share."""
    fig = Figure(figsize=(8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    for name, y in series.items():
        ax.plot(x, y, label=name, linewidth=1.8)
    ax.set_title(f"{title}\n{subtitle}" if subtitle else title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    values = np.concatenate([np.asarray(y, dtype=float) for y in series.values()])
    if values.size and values.min() >= 0 and values.max() <= 1:
        ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    _save(fig, path)


def heatmaps(
    path: str | Path,
    xs: Sequence[float],
    ys: Sequence[float],
    panels: Sequence[tuple[str, np.ndarray, str, str, tuple[float, float] | None]],
    *,
    xlabel: str,
    ylabel: str,
    title: str,
    corners: dict[str, str] | None = None,
) -> None:
    """Side-by-side heat-maps over the same grid.

    ``panels`` holds ``(title, values [len(ys), len(xs)], colour-bar label, colormap, range)``
    where ``range`` is ``(vmin, vmax)`` or None to fit the data. ``corners`` places labels in
    the corners of every panel: keys ``"low-low"``, ``"low-high"``, ``"high-low"``,
    ``"high-high"`` (x first, then y); without them, small grids show each cell's value.
    """
    fig = Figure(figsize=(6 * len(panels), 5.2), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    nx, ny = len(xs), len(ys)
    for ax, (name, values, unit, cmap, limits) in zip(axes, panels, strict=True):
        grid = np.asarray(values, dtype=float)
        vmin, vmax = limits if limits is not None else (None, None)
        image = ax.imshow(
            grid,
            origin="lower",
            aspect="auto",
            cmap=cmap,
            interpolation="nearest",
            vmin=vmin,
            vmax=vmax,
        )
        fig.colorbar(image, ax=ax, label=unit)
        ax.set_title(name)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_xticks(range(nx), [f"{v:.3g}" for v in xs], rotation=45 if nx > 6 else 0)
        ax.set_yticks(range(ny), [f"{v:.3g}" for v in ys])
        if not corners and nx * ny <= 100:
            for (r, c), v in np.ndenumerate(grid):
                if np.isfinite(v):
                    r_, g_, b_, _ = image.cmap(image.norm(v))
                    dark = 0.299 * r_ + 0.587 * g_ + 0.114 * b_ < 0.5
                    colour = "white" if dark else "black"
                    ax.text(c, r, _short(v), ha="center", va="center", fontsize=7, color=colour)
        for key, label in (corners or {}).items():
            xpos, ypos = key.split("-")
            ax.text(
                0.02 if xpos == "low" else 0.98,
                0.03 if ypos == "low" else 0.97,
                label,
                transform=ax.transAxes,
                ha="left" if xpos == "low" else "right",
                va="bottom" if ypos == "low" else "top",
                fontsize=8,
                bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.75},
            )
    fig.suptitle(title)
    _save(fig, path)
