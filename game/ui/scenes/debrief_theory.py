"""The debrief's Theory tab: the Richardson phase plane of a rival pair with the fitted numbers
and their reading, and the stage game each pair faced turn by turn, linked to the glossary."""

from __future__ import annotations

import pygame

from game.analysis import Analysis
from game.analysis.words import fit_lines, game_title, stage_counts, stage_games_line
from game.ui.drawing.theme import MUTED, TEXT
from game.ui.scenes.debrief_pages import Page, concept_title, game_card


def theory_page(
    a: Analysis, pair: tuple[int, int] | None, width: int, view_h: int, scale: float
) -> Page:
    """The Theory page with the phase plane of the rival ``pair`` (None: every pair was
    allied), its charts sized to a view ``view_h`` pixels tall."""
    p = Page(width, scale)
    u = p.u
    vh = view_h
    p.text("Richardson's model of the race", 20, TEXT, True)
    p.text(
        "Each side builds in answer to the other's arms (fear), is held back by the cost of "
        "its own (fatigue), and may build regardless (grievance). The chart puts one "
        "side's reach against the other's, turn by turn, with the fitted lines where each "
        "would neither build nor cut.",
        15,
        MUTED,
    )
    p.gap(8)
    wide = width >= u(880)
    chart_w = int(width * 0.58) if wide else width
    top = p.y
    chart_h = max(u(260), min(vh - top - u(8), int(chart_w * 0.75)))
    if pair is not None:
        p.slot("phase_plane", pygame.Rect(0, top, chart_w, chart_h), pair)
    else:
        p.text("Every pair was allied: there was no rival race to fit.", 16, MUTED)
    x = chart_w + u(18) if wide else 0
    p.y = top if wide else p.y + u(12)
    col = width - x
    fits = list(a.fits)
    if pair is not None:
        names = (a.names[pair[0]], a.names[pair[1]])
        fits.sort(key=lambda f: (f.a, f.b) != names)
    for k, f in enumerate(fits):
        p.text(f"{f.a}–{f.b}", 17 if k == 0 else 16, TEXT, True, x=x, width=col)
        p.text(f.reading, 15 if k == 0 else 14, TEXT if k == 0 else MUTED, x=x, width=col)
        if k == 0:
            for line in fit_lines(f):
                p.text(line, 14, MUTED, x=x, width=col)
        p.gap(10)
    p.link(f"Concept: {concept_title('richardson_model')}", "richardson_model", x)
    p.y = max(p.y, top + (chart_h if pair is not None else 0))
    p.gap(18)
    p.rule()
    p.gap(12)
    p.text("The stage game each pair faced", 20, TEXT, True)
    p.text(
        "Each turn, the theory lens boils the next few turns between two states down to a "
        "2x2 game (restrain or arm). Its name says what kind of dilemma the pair was in.",
        15,
        MUTED,
    )
    p.gap(8)
    npairs = len(a.stage_names)
    tl_h = max(u(240), min(int(vh * 0.8), u(150) + u(46) * npairs))
    p.slot("stage_timeline", pygame.Rect(0, p.y, width, tl_h))
    p.gap(10)
    seen: list[str] = []
    for pr in sorted(a.stage_names):
        p.text(stage_games_line(a, pr), 15, MUTED)
        seen += [n for n, _ in stage_counts(a, pr) if n not in seen]
    p.gap(8)
    chips = [(game_title(n), game_card(n)) for n in seen]
    items = [(f"Concept: {t}", c) for t, c in chips if c is not None]
    if "stage_game" not in [c for _, c in items]:
        items.append((f"Concept: {concept_title('stage_game')}", "stage_game"))
    p.links_row(items)
    p.gap(12)
    return p
