"""Small charts for the window, drawn by matplotlib off screen (Agg) into a pygame Surface.

Rendering a figure takes tens of milliseconds, so each chart is drawn once per (data, size,
palette) and cached.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pygame

from game.session import Session
from game.ui.theme import Palette


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
) -> pygame.Surface:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    arms = np.frombuffer(data, dtype=float).reshape(shape)
    dpi = 100
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


#: Matplotlib markers standing for the board's shapes (shape as well as colour).
MARKERS = {
    "circle": "o",
    "square": "s",
    "triangle": "^",
    "diamond": "D",
    "hexagon": "h",
    "star": "*",
    "pentagon": "p",
    "cross": "P",
}


def arms_chart(session: Session, size: tuple[int, int], palette: Palette) -> pygame.Surface:
    """The reach of every state over the game, as a picture of ``size`` pixels."""
    names, arms = arms_over_time(session)
    markers = tuple(MARKERS.get(look.shape, "o") for look in session.scenario.looks)
    arms = np.ascontiguousarray(arms, dtype=float)
    return _render(names, arms.tobytes(), arms.shape, size, palette.states, markers)
