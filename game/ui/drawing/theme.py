"""Look and feel: the pygame_gui theme file (scaled for the UI scale) and the board's palettes.

The theme's colours and fonts live in ``assets/theme/theme.json`` (data, not code). The board
draws each state with a colour *and* a shape (never colour alone); the colour-blind safe palette
is Okabe and Ito's (2008), which stays distinct under the common colour-vision deficiencies.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from game.analysis.style import OKABE_ITO, Colour

BACKGROUND: Colour = (24, 28, 33)
PANEL: Colour = (34, 40, 48)
PANEL_EDGE: Colour = (70, 80, 92)
TEXT: Colour = (236, 233, 228)
MUTED: Colour = (160, 168, 178)
ACCENT: Colour = (120, 180, 240)


@dataclass(frozen=True)
class Palette:
    """The colours the board and the panels use; one per palette setting."""

    name: str
    states: tuple[Colour, ...]  # one per state, in scenario order
    good: Colour  # deters, stable, trusted
    bad: Colour  # does not deter, unstable, a problem
    warn: Colour
    calm: Colour  # tension 0
    tense: Colour  # tension 1
    alliance: Colour
    treaty: Colour
    targeting: Colour
    #: A sanction in force on the board (drawn dotted with a bar at its end, not an arrow).
    sanction: Colour = (236, 160, 40)


STANDARD = Palette(
    name="standard",
    states=(
        (86, 156, 232),
        (232, 120, 86),
        (110, 196, 120),
        (214, 170, 60),
        (170, 120, 220),
        (70, 200, 200),
        (226, 110, 170),
        (190, 190, 190),
    ),
    good=(110, 200, 120),
    bad=(235, 95, 80),
    warn=(235, 185, 70),
    calm=(90, 150, 110),
    tense=(235, 80, 60),
    alliance=(140, 200, 255),
    treaty=(200, 200, 120),
    targeting=(240, 90, 70),
    sanction=(236, 160, 40),
)

#: Okabe & Ito (2008), the report's chart colours too (with a grey light enough for the dark
#: board); good/bad pairs blue and vermillion, which stay apart for every deficiency.
COLOUR_BLIND = Palette(
    name="colour_blind",
    states=(*OKABE_ITO, (187, 187, 187)),
    good=(86, 180, 233),
    bad=(213, 94, 0),
    warn=(240, 228, 66),
    calm=(86, 180, 233),
    tense=(213, 94, 0),
    alliance=(86, 180, 233),
    treaty=(240, 228, 66),
    targeting=(213, 94, 0),
    sanction=(204, 121, 167),
)

PALETTES = {p.name: p for p in (STANDARD, COLOUR_BLIND)}
#: pygame_gui widget kinds the theme's default font and shape apply to.
WIDGETS = (
    "button",
    "label",
    "text_entry_line",
    "drop_down_menu",
    "selection_list",
    "text_box",
    "tool_tip",
    "window",
)


def palette(name: str) -> Palette:
    """The palette called ``name`` (the standard one for anything unknown)."""
    return PALETTES.get(name, STANDARD)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Linear blend from ``a`` (t = 0) to ``b`` (t = 1)."""
    t = min(max(float(t), 0.0), 1.0)
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


@lru_cache(maxsize=1)
def _base_theme() -> str:
    return (resources.files("game.assets") / "theme" / "theme.json").read_text(encoding="utf-8")


def theme_dict(scale: float) -> dict[str, Any]:
    """The pygame_gui theme with every font size multiplied by ``scale`` (projector text)."""
    data = copy.deepcopy(json.loads(_base_theme()))
    # pygame_gui reads only colours from "defaults": give every widget kind the default font
    # and shape unless the file sets its own.
    defaults = data.get("defaults", {})
    for element in WIDGETS:
        block = data.setdefault(element, {})
        for key in ("font", "misc"):
            if key in defaults:
                block.setdefault(key, copy.deepcopy(defaults[key]))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            font = node.get("font")
            if isinstance(font, dict) and "size" in font:
                font["size"] = str(max(8, round(int(font["size"]) * scale)))
            for value in node.values():
                walk(value)

    walk(data)
    # A dialog's title bar holds its (scaled) title.
    window_misc = data.setdefault("window", {}).setdefault("misc", {})
    window_misc["title_bar_height"] = str(max(28, round(28 * scale)))
    # A list's rows hold one line of its (scaled) text, descenders and all ("Basing", not
    # "Basinq"): a line of text is about 1.4 times its font size; 1.6 leaves a margin.
    block = data.setdefault("selection_list", {})
    misc = block.setdefault("misc", {})
    font_px = int(block.get("font", {}).get("size", round(16 * scale)))
    row = max(round(int(misc.get("list_item_height", 20)) * scale), round(font_px * 1.6))
    misc["list_item_height"] = str(max(20, row))
    return data
