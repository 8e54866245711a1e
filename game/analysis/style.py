"""How a state looks in a chart, shared by the report's charts (:mod:`game.analysis.charts`) and
the window's (``game.ui.drawing.window_charts``, ``game.ui.drawing.theme``). Plain data: no
matplotlib, no pygame, so the window can import it without loading either."""

from __future__ import annotations

Colour = tuple[int, int, int]

#: The colour-blind-safe colours of Okabe and Ito (2008), which stay distinct under the common
#: colour-vision deficiencies: blue, orange, sky blue, vermillion, bluish green, yellow, reddish
#: purple. A palette of eight adds a grey of its own (dark on white paper, light on the board).
OKABE_ITO: tuple[Colour, ...] = (
    (0, 114, 178),
    (230, 159, 0),
    (86, 180, 233),
    (213, 94, 0),
    (0, 158, 115),
    (240, 228, 66),
    (204, 121, 167),
)

#: Matplotlib markers standing for the board's shapes (``game.scenarios.SHAPES``), so that every
#: state is told apart by shape as well as colour.
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
