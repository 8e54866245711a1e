"""The debrief's What if tab: the same seed replayed with everyone restraining and signing, and
with everyone arming, against the game as played: a table of final scores and where each state
landed, the sentences that read it, and the chart of the three runs."""

from __future__ import annotations

import pygame

from game.analysis import Analysis
from game.analysis.words import landing_sentences
from game.ui.drawing.theme import MUTED, TEXT, Palette
from game.ui.scenes.debrief_charts import chart_min_h
from game.ui.scenes.debrief_pages import Page


def whatif_page(a: Analysis, palette: Palette, width: int, view_h: int, scale: float) -> Page:
    """The What if page, its chart sized to a view ``view_h`` pixels tall."""
    p = Page(width, scale)
    u = p.u
    p.text("What if everyone had restrained, or everyone armed?", 20, TEXT, True)
    p.text(
        "The same scenario and seed were replayed twice, with every state on one fixed "
        "policy and chance drawn the same way: only the choices differ.",
        15,
        MUTED,
    )
    p.gap(10)
    cfs = {c.key: c for c in a.counterfactuals}
    if not cfs:
        p.text("The counterfactual replays were not computed for this game.", 16, MUTED)
        return p
    cols = ["State", "As played"]
    keys = [kind for kind in ("restrain", "arm") if kind in cfs]
    for kind in keys:
        cf = cfs[kind]
        label = cf.label[0].upper() + cf.label[1:]
        cols.append(label + (f" (war on turn {cf.war_turn})" if cf.war else ""))
    cols.append("Landed (0 arm, 1 restrain)")
    name_w = max(u(120), min(u(190), width // 5))
    rest = (width - name_w) // (len(cols) - 1)
    xs = [0] + [name_w + rest * k for k in range(len(cols) - 1)]
    widths = [name_w - u(8)] + [rest - u(10)] * (len(cols) - 1)
    mark, top = len(p.ops), p.y
    p.gap(6)
    y0 = p.y
    bottom = y0
    for k, c in enumerate(cols):
        bottom = max(
            bottom,
            p.text(c, 15, MUTED, True, x=xs[k] + u(8), width=widths[k], y=y0, advance=False),
        )
    p.y = bottom + u(4)
    p.box(pygame.Rect(0, top, width, p.y - top), at=mark)
    final = a.series.score[-1]
    states = palette.states
    for i, name in enumerate(a.names):
        y = p.y + u(4)
        vals = [name, f"{float(final[i]):.2f}"]
        vals += [f"{float(cfs[kind].final_score[i]):.2f}" for kind in keys]
        land = a.landing.get(name)
        vals.append("-" if land is None else f"{land:.2f}")
        row_bottom = y
        for k, v in enumerate(vals):
            colour = states[i % len(states)] if k == 0 else TEXT
            row_bottom = max(
                row_bottom,
                p.text(v, 16, colour, k == 0, x=xs[k] + u(8), width=widths[k], y=y, advance=False),
            )
        p.y = row_bottom + u(2)
    p.gap(12)
    for k, line in enumerate(landing_sentences(a)):
        p.text(line, 16, TEXT if k == 0 else MUTED)
    p.gap(12)
    h = max(u(300), view_h - u(10), chart_min_h(a, "counterfactuals", scale))
    p.slot("counterfactuals", pygame.Rect(0, p.y, width, h))
    p.gap(10)
    return p
