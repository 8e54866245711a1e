"""The debrief's Charts tab: arms, first-strike stability, tension, beliefs against the truth,
economy and score, one at a time, each with its picker label and a caption on how to read it.
The chart itself is drawn into the page's slot by the screen
(:data:`game.ui.drawing.window_charts.CHARTS`).
"""

from __future__ import annotations

import pygame

from game.analysis import Analysis
from game.ui.drawing import text as txt
from game.ui.drawing.theme import MUTED
from game.ui.scenes.debrief_pages import Page

#: The debrief's Charts tab: chart name -> (picker label, how to read it).
CHART_TAB: dict[str, tuple[str, str]] = {
    "arms": (
        "Arms",
        "Reach deters and frightens; a shield can make a rival fear for its second strike. "
        "Lines climbing together are an arms race.",
    ),
    "stability": (
        "First-strike stability",
        "Below 0.5, striking first pays better than waiting: each side has reason to fear the "
        "other will go first.",
    ),
    "tension": (
        "Tension",
        "Above the crisis line a pair is in crisis, where each must back down, stand firm or "
        "escalate.",
    ),
    "beliefs": (
        "Beliefs",
        "Thick lines are the truth, dashed lines what the others believed: a gap is a misreading "
        "that a spiral feeds on.",
    ),
    "economy": (
        "Economy",
        "What arming cost: budget spent on arms is not invested in the economy.",
    ),
    "score": (
        "Score",
        "The running discounted welfare of each state (prosperity, less the threat it felt, "
        "plus its standing): what the end screen ranks by.",
    ),
}
#: The charts of the Charts tab, in picker order.
CHART_NAMES: tuple[str, ...] = tuple(CHART_TAB)


def chart_min_h(a: Analysis, name: str, scale: float) -> int:
    """The least height a chart reads at: a chart of one panel per state (beliefs, what
    if) gets room for each row of panels, and its page scrolls when the screen is short."""
    n = len(a.names)
    rows = (n + 1) // 2 if name in ("beliefs", "counterfactuals") and n > 1 else 1
    return rows * round(190 * scale) + round(50 * scale) if rows > 1 else round(120 * scale)


def charts_page(a: Analysis, name: str, width: int, view_h: int, scale: float) -> Page:
    """The Charts page showing chart ``name`` in a view ``view_h`` pixels tall: the chart fills
    it, with its caption beneath when there is room for both."""
    p = Page(width, scale)
    u = p.u
    caption = CHART_TAB[name][1]
    cap_lines = len(txt.wrap(caption, u(15), width))
    cap_h = round(u(15) * 1.3) * cap_lines + u(10)
    show_caption = view_h - cap_h > u(200)
    h = view_h - (cap_h if show_caption else 0)
    p.slot(name, pygame.Rect(0, 0, width, max(h, chart_min_h(a, name, scale))))
    if show_caption:
        p.gap(8)
        p.text(caption, 15, MUTED)
    return p
