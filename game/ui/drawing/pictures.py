"""The diagrams of a lesson's intro card, drawn by the game (``pygame.draw``, no image files).

Each diagram (``Scenario.picture``, one of :data:`game.scenarios.PICTURES`) shows the lesson's one
idea with the scenario's own states where it makes sense: their names, shapes and colours (the
palette's, so the colour-blind palette is respected, and every state keeps its shape besides its
colour). Pure drawing: :func:`draw_picture` paints into a rectangle of a surface and returns the
rectangle; :func:`render_picture` gives a new surface.

========== ========================================================================================
board      the scenario's own board in miniature: states at their places, links, deployments
dilemma    two states and the 2x2 arm/hold payoff grid in the prisoner's dilemma ordering
spiral     two states, their arms growing in rings, arrows back and forth growing larger
shield     a state under a dome catching incoming arcs, a ragged second strike caught too
forward    a patron, a host with the patron's forward assets, the rival next door, the arcs
treaty     two states with their arms under a capped bar, and a magnifier (inspection)
triangle   three states: two linked by a treaty line, the third arming
joint      two allies sharing one shield, a technology arrow between them, a rival watching
========== ========================================================================================
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from game.scenarios import PICTURES, SHAPES, Scenario
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import draw_shape
from game.ui.drawing.theme import MUTED, PANEL, PANEL_EDGE, TEXT, Colour, Palette, mix

Point = tuple[float, float]

#: The outline drawn round every shape (dark, so a pale state still has an edge).
EDGE: Colour = (20, 24, 28)


# --------------------------------------------------------------------------------------------
# Who is who in a picture


class _Cast:
    """The scenario's states as a picture needs them: names, shapes, colours, and who is whose
    rival, ally, patron or host (with made-up stand-ins when a scenario has too few states)."""

    def __init__(self, scenario: Scenario, palette: Palette):
        self.sc = scenario
        self.pal = palette
        self.n = len(scenario.states)
        self.allied = {
            frozenset((lk.a, lk.b)) for lk in scenario.links if lk.alliance and lk.a != lk.b
        }

    def name(self, i: int) -> str:
        return self.sc.names[i] if i < self.n else "a third state"

    def shape(self, i: int) -> str:
        if i < self.n:
            return self.sc.looks[i].shape
        used = {lk.shape for lk in self.sc.looks}
        return next((s for s in SHAPES if s not in used), "circle")

    def colour(self, i: int) -> Colour:
        if i < self.n:
            return self.pal.states[i % len(self.pal.states)]
        return (150, 156, 164)

    def is_allied(self, i: int, j: int) -> bool:
        return frozenset((i, j)) in self.allied

    def rivals(self) -> tuple[int, int]:
        """The first pair of states that are not allies (the first two states otherwise)."""
        for i in range(self.n):
            for j in range(i + 1, self.n):
                if not self.is_allied(i, j):
                    return i, j
        return 0, min(1, self.n)

    def rival_of(self, i: int, besides: Sequence[int] = ()) -> int:
        """A state not allied with ``i`` (and not in ``besides``); a stand-in if there is none."""
        for j in range(self.n):
            if j != i and j not in besides and not self.is_allied(i, j):
                return j
        for j in range(self.n):
            if j != i and j not in besides:
                return j
        return self.n  # the stand-in

    def shielded(self) -> tuple[int, int]:
        """(the state with the most shield, at home or stationed, and its rival)."""
        shield = [s.shield for s in self.sc.states]
        for d in self.sc.deployments:
            shield[d.patron] += d.shield
        best = max(range(self.n), key=lambda i: (shield[i], -i))
        if shield[best] <= 0:
            best = self.rivals()[0]
        return best, self.rival_of(best)

    def forward(self) -> tuple[int, int, int]:
        """(patron, host, rival): from the first deployment, else made up from the rivals."""
        if self.sc.deployments:
            d = self.sc.deployments[0]
            rival = self.rival_of(d.patron, besides=(d.host,))
            return d.patron, d.host, rival
        a, b = self.rivals()
        host = next((j for j in range(self.n) if j not in (a, b)), self.n)
        return a, host, b

    def treaty_pair(self) -> tuple[int, int]:
        for t in self.sc.treaties:
            if len(t.parties) >= 2:
                return t.parties[0], t.parties[1]
        return self.rivals()

    def triangle(self) -> tuple[int, int, int]:
        """(party, party, the third): the first treaty's parties and a state outside it."""
        a, b = self.treaty_pair()
        third = next((j for j in range(self.n) if j not in (a, b)), self.n)
        return a, b, third

    def joint(self) -> tuple[int, int, int]:
        """(ally, ally, rival): the first alliance and a state allied to neither."""
        for pair in sorted(tuple(sorted(p)) for p in self.allied):
            a, b = pair
            rival = next(
                (
                    j
                    for j in range(self.n)
                    if j not in (a, b) and not self.is_allied(a, j) and not self.is_allied(b, j)
                ),
                None,
            )
            if rival is None:
                rival = next((j for j in range(self.n) if j not in (a, b)), self.n)
            return a, b, rival
        a, b = self.rivals()
        third = next((j for j in range(self.n) if j not in (a, b)), self.n)
        return a, third, b


# --------------------------------------------------------------------------------------------
# Drawing helpers


class _Pen:
    """Drawing in one rectangle, with sizes relative to it."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect, scale: float):
        self.s = surface
        self.rect = rect
        self.scale = scale
        self.m = min(rect.w, rect.h)

    def at(self, fx: float, fy: float) -> Point:
        """A point given as fractions of the rectangle."""
        return (self.rect.x + fx * self.rect.w, self.rect.y + fy * self.rect.h)

    def px(self, share: float, least: int = 1) -> int:
        """A length as a share of the rectangle's smaller side."""
        return max(least, round(share * self.m))

    @property
    def text_size(self) -> int:
        return max(11, min(round(0.06 * self.m), round(20 * self.scale)))

    def text(
        self,
        words: str,
        centre: Point,
        colour: Colour = TEXT,
        size: int | None = None,
        bold: bool = False,
        backing: bool = True,
        anchor: str = "center",
    ) -> pygame.Rect:
        pic = txt.render(words, size or self.text_size, colour, bold)
        box = pic.get_rect(**{anchor: (round(centre[0]), round(centre[1]))})
        box.clamp_ip(self.rect)
        if backing:
            pygame.draw.rect(self.s, PANEL, box.inflate(6, 2), border_radius=3)
        self.s.blit(pic, box)
        return box

    def state(
        self,
        cast: _Cast,
        i: int,
        centre: Point,
        r: float,
        label: str | None = None,
        above: bool = False,
    ) -> None:
        """A state's shape with its name under it (or above it)."""
        draw_shape(self.s, cast.shape(i), centre, r, cast.colour(i), EDGE, max(2, round(r / 9)))
        words = cast.name(i) if label is None else label
        if words:
            dy = r * 1.45 + self.text_size * 0.6
            self.text(words, (centre[0], centre[1] + (-dy if above else dy)), bold=True)

    def arrow(
        self, colour: Colour, a: Point, b: Point, width: int, head: float | None = None
    ) -> None:
        head = head if head is not None else max(6.0, width * 3.2)
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        base = (b[0] - ux * head, b[1] - uy * head)
        pygame.draw.line(self.s, colour, a, base, width)
        left = (base[0] - uy * head * 0.6, base[1] + ux * head * 0.6)
        right = (base[0] + uy * head * 0.6, base[1] - ux * head * 0.6)
        pygame.draw.polygon(self.s, colour, [b, left, right])

    def curve(self, a: Point, b: Point, bend: float, steps: int = 28) -> list[Point]:
        """A quadratic arc from ``a`` to ``b`` whose middle is ``bend`` pixels off the chord
        (positive: to the left going from a to b, i.e. upwards for a left-to-right arc)."""
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        cx, cy = mx + dy / length * bend * 2, my - dx / length * bend * 2
        out = []
        for k in range(steps + 1):
            t = k / steps
            out.append(
                (
                    (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * cx + t * t * b[0],
                    (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t * t * b[1],
                )
            )
        return out

    def curve_arrow(
        self, colour: Colour, pts: list[Point], width: int, dashed: bool = False
    ) -> None:
        body = pts[:-3]
        if dashed:
            for k in range(0, len(body) - 1, 2):
                pygame.draw.line(self.s, colour, body[k], body[k + 1], width)
        elif len(body) > 1:
            pygame.draw.lines(self.s, colour, False, body, width)
        self.arrow(colour, pts[-4], pts[-1], width)

    def dashed(self, colour: Colour, a: Point, b: Point, width: int, dash: float) -> None:
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        steps = max(2, int(length // max(dash, 1)))
        for k in range(0, steps, 2):
            t0, t1 = k / steps, min((k + 1) / steps, 1.0)
            pygame.draw.line(
                self.s,
                colour,
                (a[0] + dx * t0, a[1] + dy * t0),
                (a[0] + dx * t1, a[1] + dy * t1),
                width,
            )

    def burst(self, colour: Colour, c: Point, r: float, width: int) -> None:
        """A small star of strokes: something caught (or hit) here."""
        for k in range(4):
            ang = math.pi * k / 4
            dx, dy = math.cos(ang) * r, math.sin(ang) * r
            pygame.draw.line(self.s, colour, (c[0] - dx, c[1] - dy), (c[0] + dx, c[1] + dy), width)

    def dome(self, colour: Colour, c: Point, rx: float, ry: float, width: int) -> None:
        """The upper half of an ellipse, as a shield's dome (with a faint fill)."""
        box = pygame.Rect(0, 0, round(2 * rx), round(2 * ry))
        box.center = (round(c[0]), round(c[1]))
        veil = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.ellipse(veil, (*colour, 46), veil.get_rect())
        self.s.blit(veil, box, area=pygame.Rect(0, 0, box.w, box.h // 2))
        pygame.draw.arc(self.s, colour, box, 0.0, math.pi, width)
        pygame.draw.line(self.s, colour, (box.left, box.centery), (box.right, box.centery), width)


# --------------------------------------------------------------------------------------------
# The pictures


def _board(p: _Pen, cast: _Cast, pal: Palette) -> None:
    sc = cast.sc
    margin = 0.14
    pts = [
        p.at(margin + look.position[0] * (1 - 2 * margin), 0.1 + look.position[1] * 0.72)
        for look in sc.looks
    ]
    gaps = [math.dist(pts[i], pts[j]) for i in range(len(pts)) for j in range(i + 1, len(pts))]
    r = max(6.0, min(p.m * 0.1, 0.28 * min(gaps) if gaps else p.m * 0.1))
    for lk in sc.links:
        a, b = pts[lk.a], pts[lk.b]
        colour = mix(pal.calm, pal.tense, lk.tension / 0.5)
        pygame.draw.line(p.s, colour, a, b, max(2, 1 + round(lk.tension * p.px(0.03))))
        if lk.alliance:
            for d in (p.px(0.018), -p.px(0.018)):
                pa, pb = _offset(a, b, d)
                pygame.draw.line(p.s, pal.alliance, pa, pb, p.px(0.006, 2))
    for t in sc.treaties:
        for k in range(len(t.parties)):
            for m in range(k + 1, len(t.parties)):
                pa, pb = _offset(pts[t.parties[k]], pts[t.parties[m]], p.px(0.03))
                p.dashed(pal.treaty, pa, pb, p.px(0.008, 2), p.px(0.025))
    for dep in sc.deployments:
        pa, pb = _offset(pts[dep.patron], pts[dep.host], -p.px(0.035))
        pa, pb = _shrink(pa, pb, r * 1.3)
        p.arrow(cast.colour(dep.patron), pa, pb, p.px(0.01, 2))
    for tg in sc.targeting:
        pa, pb = _offset(pts[tg.source], pts[tg.target], p.px(0.04))
        pa, pb = _shrink(pa, pb, r * 1.3)
        p.arrow(pal.targeting, pa, pb, p.px(0.006, 2))
    for i, c in enumerate(pts):
        p.state(cast, i, c, r, above=sc.looks[i].position[1] < 0.4)


def _dilemma(p: _Pen, cast: _Cast, pal: Palette) -> None:
    a, b = cast.rivals()
    ca, cb = cast.colour(a), cast.colour(b)
    r = p.m * 0.065
    cell = min(p.rect.w * 0.2, p.rect.h * 0.26)
    grid = pygame.Rect(0, 0, round(2 * cell), round(2 * cell))
    grid.center = (round(p.at(0.56, 0)[0]), round(p.at(0, 0.6)[1]))
    cell = grid.w / 2
    # Row player a on the left, column player b on top (its name beside its shape).
    p.state(cast, a, (grid.left - p.text_size * 3.4 - r, grid.centery - r * 0.5), r)
    top_c = (grid.centerx - r * 2.2, grid.top - p.text_size * 1.9 - r)
    p.state(cast, b, top_c, r, label="")
    p.text(cast.name(b), (top_c[0] + r * 1.6, top_c[1]), bold=True, backing=False, anchor="midleft")
    # Prisoner's dilemma ordering: temptation 4 > reward 3 > punishment 2 > sucker 1.
    pay = {(0, 0): (3, 3), (0, 1): (1, 4), (1, 0): (4, 1), (1, 1): (2, 2)}
    tint = {(0, 0): pal.good, (1, 1): pal.bad, (0, 1): pal.warn, (1, 0): pal.warn}
    moves = ("hold", "arm")
    big = max(12, round(cell * 0.2))
    for (row, col), (x, y) in pay.items():
        box = pygame.Rect(
            round(grid.x + col * cell), round(grid.y + row * cell), round(cell), round(cell)
        )
        pygame.draw.rect(p.s, mix(PANEL, tint[(row, col)], 0.28), box)
        pygame.draw.rect(p.s, PANEL_EDGE, box, 2)
        left = txt.render(str(x), big, ca, True)
        right = txt.render(str(y), big, cb, True)
        comma = txt.render(",", big, TEXT, True)
        w = left.get_width() + comma.get_width() + right.get_width() + 6
        x0 = box.centerx - w // 2
        y0 = box.centery - left.get_height() // 2
        # A dark backing keeps the numbers readable on every tint and in every palette.
        back = pygame.Rect(x0 - 6, y0, w + 12, left.get_height())
        pygame.draw.rect(p.s, EDGE, back, border_radius=4)
        p.s.blit(left, (x0, y0))
        p.s.blit(comma, (x0 + left.get_width() + 2, y0))
        p.s.blit(right, (x0 + left.get_width() + comma.get_width() + 6, y0))
    for k, word in enumerate(moves):
        p.text(
            word, (grid.x + cell * (k + 0.5), grid.top - p.text_size * 0.9), MUTED, backing=False
        )
        p.text(
            word, (grid.left - p.text_size * 1.6, grid.y + cell * (k + 0.5)), MUTED, backing=False
        )
    # Each side's best reply is to arm, whatever the other does: the arrows all point to the trap.
    w = p.px(0.009, 2)
    for k in range(2):
        ay = grid.y + cell * (k + 0.5) + cell * 0.32
        p.arrow(cb, (grid.x + cell * 0.62, ay), (grid.x + cell * 1.38, ay), w)
        ax = grid.x + cell * (k + 0.5) + cell * 0.34
        p.arrow(ca, (ax, grid.y + cell * 0.62), (ax, grid.y + cell * 1.38), w)
    trap = pygame.Rect(round(grid.x + cell), round(grid.y + cell), round(cell), round(cell))
    pygame.draw.rect(p.s, pal.bad, trap.inflate(6, 6), p.px(0.008, 3))
    pygame.draw.rect(
        p.s,
        pal.good,
        pygame.Rect(grid.x, grid.y, round(cell), round(cell)).inflate(6, 6),
        p.px(0.006, 2),
    )
    small = max(10, round(p.text_size * 0.85))
    p.text(
        "both arm: the trap",
        (grid.centerx + cell * 0.5, grid.bottom + small * 1.1),
        pal.bad,
        size=small,
        backing=False,
    )


def _spiral(p: _Pen, cast: _Cast, pal: Palette) -> None:
    a, b = cast.rivals()
    r = p.m * 0.075
    pa, pb = p.at(0.17, 0.55), p.at(0.83, 0.55)
    for i, c in ((a, pa), (b, pb)):
        for k in range(3):
            rad = r * (1.45 + 0.38 * k)
            pygame.draw.circle(
                p.s,
                mix(PANEL, cast.colour(i), 0.75 - 0.2 * k),
                c,
                rad,
                max(1, p.px(0.004 + 0.003 * k)),
            )
    steps = 5
    for k in range(steps):
        t = k / (steps - 1)
        colour = mix(pal.calm, pal.tense, t)
        width = max(2, round(p.m * (0.006 + 0.012 * t)))
        bend = p.m * (0.04 + 0.16 * t)
        gap = r * 2.4
        if k % 2 == 0:
            start, end = (pa[0] + gap, pa[1]), (pb[0] - gap, pb[1])
            pts = p.curve(start, end, bend)
        else:
            start, end = (pb[0] - gap, pb[1]), (pa[0] + gap, pa[1])
            pts = p.curve(start, end, bend)
        p.curve_arrow(colour, pts, width)
    for i, c in ((a, pa), (b, pb)):
        p.state(cast, i, c, r)
    small = max(10, round(p.text_size * 0.9))
    p.text("each build answers the other's", p.at(0.5, 0.1), MUTED, size=small, backing=False)


def _shield(p: _Pen, cast: _Cast, pal: Palette) -> None:
    d, att = cast.shielded()
    r = p.m * 0.065
    home = p.at(0.26, 0.76)
    foe = p.at(0.86, 0.22)
    dome_rx, dome_ry = p.m * 0.25, p.m * 0.3
    dome_c = (home[0], home[1] + r * 0.5)

    def on_dome(ang: float) -> Point:
        return (dome_c[0] + dome_rx * math.cos(ang), dome_c[1] - dome_ry * math.sin(ang))

    # The defender's own strike goes out, high over everything.
    out = p.curve((home[0], home[1] - r * 1.3), (foe[0] - r * 1.2, foe[1] - r * 0.3), p.m * 0.16)
    p.curve_arrow(cast.colour(d), out, p.px(0.01, 2))
    # The rival's arcs come down on the dome and are caught on it.
    catches = []
    for k, ang in enumerate((1.05, 0.7)):
        hit = on_dome(ang)
        pts = p.curve((foe[0] - r * 1.2, foe[1] + r * 0.2), hit, -p.m * (0.05 + 0.03 * k))
        p.curve_arrow(mix(cast.colour(att), TEXT, 0.15), pts, p.px(0.007, 2))
        catches.append(hit)
    # What is left of the rival's reach after a first strike, ragged: caught as well.
    second_hit = on_dome(0.3)
    ragged = p.curve((foe[0] - r * 0.4, foe[1] + r * 1.4), second_hit, -p.m * 0.04)
    p.curve_arrow(pal.bad, ragged, p.px(0.007, 2), dashed=True)
    catches.append(second_hit)
    p.dome(pal.alliance, dome_c, dome_rx, dome_ry, p.px(0.01, 2))
    for c in catches:
        p.burst(pal.warn, c, p.m * 0.025, p.px(0.006, 2))
    p.state(cast, d, home, r)
    p.state(cast, att, foe, r)
    small = max(10, round(p.text_size * 0.85))
    p.text("a ragged second strike, caught", p.at(0.7, 0.7), pal.bad, size=small)


def _forward(p: _Pen, cast: _Cast, pal: Palette) -> None:
    patron, host, rival = cast.forward()
    r = p.m * 0.07
    pp, ph, pr = p.at(0.14, 0.45), p.at(0.58, 0.52), p.at(0.86, 0.52)
    cp = cast.colour(patron)
    # The patron's assets travel to the host.
    a, b = _shrink(pp, ph, r * 1.6)
    p.arrow(cp, a, b, p.px(0.014, 3))
    # Its forward assets, small marks in the patron's colour, beside the host.
    unit = p.m * 0.028
    assets = [(ph[0] + dx * unit * 2.2, ph[1] - r * 1.9) for dx in (-1, 0, 1)]
    for k, c in enumerate(assets):
        draw_shape(p.s, "square" if k != 1 else "triangle", c, unit, cp, EDGE, 2)
    # Short arcs from the host to the rival next door, and the rival's aimed back at the host.
    for k, c in enumerate(assets):
        pts = p.curve(c, (pr[0] - r * 0.2, pr[1] - r * 1.1), p.m * (0.03 + 0.02 * k))
        p.curve_arrow(cp, pts, p.px(0.005, 2))
    for k in range(2):
        pts = p.curve(
            (pr[0] - r * 0.3, pr[1] + r * 1.0),
            (ph[0] + r * 0.6, ph[1] + r * 1.0),
            p.m * (0.04 + 0.03 * k),
        )
        p.curve_arrow(cast.colour(rival), pts, p.px(0.005, 2), dashed=True)
    p.state(cast, patron, pp, r * 1.25)
    p.state(cast, host, ph, r * 0.85)
    p.state(cast, rival, pr, r)
    small = max(10, round(p.text_size * 0.85))
    p.text(
        "forward",
        ((pp[0] + ph[0]) / 2, (pp[1] + ph[1]) / 2 - p.m * 0.07),
        MUTED,
        size=small,
        backing=False,
    )


def _treaty(p: _Pen, cast: _Cast, pal: Palette) -> None:
    a, b = cast.treaty_pair()
    r = p.m * 0.07
    pa, pb = p.at(0.14, 0.62), p.at(0.86, 0.62)
    p.state(cast, a, pa, r)
    p.state(cast, b, pb, r)
    base = p.at(0.5, 0.82)[1]
    cap_y = p.at(0.5, 0.34)[1]
    bar_w = p.rect.w * 0.1
    xs = (p.at(0.39, 0)[0], p.at(0.61, 0)[0])
    heights = (0.82, 0.64)
    for x, i, share in zip(xs, (a, b), heights, strict=True):
        top = base - (base - cap_y) * share
        box = pygame.Rect(round(x - bar_w / 2), round(top), round(bar_w), round(base - top))
        pygame.draw.rect(p.s, cast.colour(i), box)
        pygame.draw.rect(p.s, EDGE, box, 2)
    left, right = p.at(0.28, 0)[0], p.at(0.72, 0)[0]
    pygame.draw.line(p.s, PANEL_EDGE, (left, base), (right, base), p.px(0.006, 2))
    p.dashed(pal.treaty, (left, cap_y), (right, cap_y), p.px(0.012, 3), p.px(0.03))
    small = max(10, round(p.text_size * 0.85))
    p.text("cap", (right + small * 1.6, cap_y), pal.treaty, size=small, bold=True, backing=False)
    # The magnifier: an inspection looking at the taller bar.
    lens_c = (xs[0] + bar_w * 0.25, cap_y + (base - cap_y) * 0.18)
    lens_r = p.m * 0.085
    veil = pygame.Surface((round(2 * lens_r), round(2 * lens_r)), pygame.SRCALPHA)
    pygame.draw.circle(veil, (*TEXT, 40), (round(lens_r), round(lens_r)), round(lens_r))
    p.s.blit(veil, (round(lens_c[0] - lens_r), round(lens_c[1] - lens_r)))
    pygame.draw.circle(p.s, TEXT, lens_c, lens_r, p.px(0.01, 3))
    h0 = (lens_c[0] - lens_r * 0.72, lens_c[1] + lens_r * 0.72)
    h1 = (lens_c[0] - lens_r * 1.6, lens_c[1] + lens_r * 1.6)
    pygame.draw.line(p.s, TEXT, h0, h1, p.px(0.02, 4))
    # The treaty itself: a dashed line between the parties, above it all.
    p.dashed(
        pal.treaty,
        (pa[0] + r * 1.4, p.at(0, 0.18)[1]),
        (pb[0] - r * 1.4, p.at(0, 0.18)[1]),
        p.px(0.008, 2),
        p.px(0.025),
    )
    p.text("treaty", p.at(0.5, 0.18), pal.treaty, size=small)


def _triangle(p: _Pen, cast: _Cast, pal: Palette) -> None:
    a, b, third = cast.triangle()
    r = p.m * 0.07
    pa, pb, pt = p.at(0.2, 0.28), p.at(0.8, 0.28), p.at(0.5, 0.72)
    for x, y in ((pa, pt), (pb, pt)):
        s, e = _shrink(x, y, r * 1.5)
        pygame.draw.line(p.s, mix(pal.calm, pal.tense, 0.7), s, e, p.px(0.01, 2))
    s, e = _shrink(pa, pb, r * 1.6)
    for d in (p.px(0.012), -p.px(0.012)):
        q0, q1 = _offset(s, e, d)
        p.dashed(pal.treaty, q0, q1, p.px(0.008, 2), p.px(0.025))
    small = max(10, round(p.text_size * 0.85))
    p.text("treaty", ((pa[0] + pb[0]) / 2, pa[1] - p.m * 0.05), pal.treaty, size=small)
    # The third arms: rising bars and arrows beside it.
    col = cast.colour(third)
    bw = p.m * 0.035
    for k, hgt in enumerate((0.08, 0.13, 0.19)):
        bx = pt[0] + r * 1.8 + k * bw * 1.4
        box = pygame.Rect(round(bx), round(pt[1] + r - p.m * hgt), round(bw), round(p.m * hgt))
        pygame.draw.rect(p.s, col, box)
        pygame.draw.rect(p.s, EDGE, box, 1)
    top = (pt[0] + r * 1.8 + bw * 3.6, pt[1] - p.m * 0.16)
    p.arrow(pal.bad, (top[0], pt[1] + r * 0.2), top, p.px(0.01, 2))
    p.state(cast, a, pa, r)
    p.state(cast, b, pb, r)
    p.state(cast, third, pt, r)


def _joint(p: _Pen, cast: _Cast, pal: Palette) -> None:
    a, b, rival = cast.joint()
    r = p.m * 0.065
    pa, pb, pr = p.at(0.18, 0.66), p.at(0.46, 0.66), p.at(0.86, 0.38)
    # One dome over both allies.
    dome_c = ((pa[0] + pb[0]) / 2, pa[1] + r * 0.4)
    p.dome(pal.alliance, dome_c, (pb[0] - pa[0]) / 2 + r * 2.6, p.m * 0.32, p.px(0.01, 2))
    for d in (p.px(0.012), -p.px(0.012)):
        q0, q1 = _offset(*_shrink(pa, pb, r * 1.4), d)
        pygame.draw.line(p.s, pal.alliance, q0, q1, p.px(0.006, 2))
    # Technology passed from one ally to the other.
    tech = p.curve(
        (pa[0] + r * 0.3, pa[1] - r * 1.5), (pb[0] - r * 0.3, pb[1] - r * 1.5), p.m * 0.07
    )
    p.curve_arrow(pal.warn, tech, p.px(0.009, 2))
    small = max(10, round(p.text_size * 0.85))
    p.text(
        "tech",
        (dome_c[0], pa[1] - r * 1.5 - p.m * 0.1),
        pal.warn,
        size=small,
        bold=True,
        backing=False,
    )
    # The rival watches: an eye and its lines of sight.
    eye_c = (pr[0], pr[1] - r * 2.3)
    for target in (pa, pb):
        p.dashed(
            MUTED,
            (pr[0] - r * 1.1, pr[1]),
            (target[0] + r * 1.4, target[1] - r * 0.4),
            p.px(0.004, 1),
            p.px(0.02),
        )
    ew, eh = p.m * 0.12, p.m * 0.06
    eye = pygame.Rect(0, 0, round(ew), round(eh))
    eye.center = (round(eye_c[0]), round(eye_c[1]))
    pygame.draw.ellipse(p.s, TEXT, eye, p.px(0.007, 2))
    pygame.draw.circle(p.s, cast.colour(rival), eye.center, max(3, round(eh * 0.32)))
    p.state(cast, a, pa, r)
    p.state(cast, b, pb, r)
    p.state(cast, rival, pr, r)


def _offset(a: Point, b: Point, d: float) -> tuple[Point, Point]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * d, dx / length * d
    return (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)


def _shrink(a: Point, b: Point, by: float) -> tuple[Point, Point]:
    """The segment a-b with ``by`` pixels taken off each end (to stop short of the shapes)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return (a[0] + ux * by, a[1] + uy * by), (b[0] - ux * by, b[1] - uy * by)


_DRAW: dict[str, Callable[[_Pen, _Cast, Palette], None]] = {
    "board": _board,
    "dilemma": _dilemma,
    "spiral": _spiral,
    "shield": _shield,
    "forward": _forward,
    "treaty": _treaty,
    "triangle": _triangle,
    "joint": _joint,
}
assert set(_DRAW) == set(PICTURES), "every picture a scenario may name has a drawing"

#: One line under each picture: what to look at.
CAPTIONS: dict[str, str] = {
    "board": "The board of this lesson: who stands where, and what ties them.",
    "dilemma": "One turn as a 2x2 game: each side does better by arming, whatever the other does.",
    "spiral": "Each side's defence looks like a threat to the other: builds answer builds.",
    "shield": "A shield that can catch a ragged second strike makes a first strike look possible.",
    "forward": "Forward assets deter from close by, and make the host a target.",
    "treaty": "A cap helps everyone only as far as inspections can check it.",
    "triangle": "Two states agree to hold back; the third is free to arm.",
    "joint": "Allies share a shield and its technology; the rival watches both.",
}


def draw_picture(
    surface: pygame.Surface,
    rect: pygame.Rect | tuple[int, int, int, int],
    scenario: Scenario,
    palette: Palette,
    kind: str | None = None,
    scale: float = 1.0,
) -> pygame.Rect:
    """Draw the picture ``kind`` (default: the scenario's own) in ``rect`` of ``surface``, on a
    panel; returns the rectangle. An unknown kind draws the board."""
    area = pygame.Rect(rect)
    name = kind if kind in _DRAW else (scenario.picture if scenario.picture in _DRAW else "board")
    pygame.draw.rect(surface, PANEL, area, border_radius=8)
    pygame.draw.rect(surface, PANEL_EDGE, area, 1, border_radius=8)
    if area.w < 40 or area.h < 40 or not scenario.states:
        return area
    inner = area.inflate(-16, -16)
    clip = surface.get_clip()
    surface.set_clip(inner if clip.w == 0 else inner.clip(clip))
    try:
        _DRAW[name](_Pen(surface, inner, scale), _Cast(scenario, palette), palette)
    finally:
        surface.set_clip(clip)
    return area


def render_picture(
    size: tuple[int, int],
    scenario: Scenario,
    palette: Palette,
    kind: str | None = None,
    scale: float = 1.0,
) -> pygame.Surface:
    """The picture on a new surface of ``size`` (the panel colour behind it)."""
    surf = pygame.Surface(size)
    surf.fill(PANEL)
    draw_picture(surf, surf.get_rect(), scenario, palette, kind, scale)
    return surf
