"""The abstract board: fictional states as shapes, and what binds or divides them.

Each state has a colour *and* a shape (never colour alone). Between states: tension as the
colour and width of the line (with its number), alliances as a double line, treaties as a dashed
line, targeting as an arrow, a sanction as a dotted line ending in a bar at the sanctioned state,
deployments as a marked arrow from patron to host; a legend in a free corner names the marks on
the board. The picture is rendered once per view into a surface; a frame only blits it. Hover
regions carry the numbers.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pygame

from game.ui.drawing import text as txt
from game.ui.drawing.theme import MUTED, PANEL, PANEL_EDGE, TEXT, Palette, mix
from game.ui.model.plain_words import deters
from game.ui.model.views import TurnView


def shape_points(shape: str, c: tuple[float, float], r: float) -> list[tuple[float, float]]:
    """The outline of a board shape centred at ``c`` with radius ``r``."""
    x, y = c

    def ring(k: int, start: float, radius: float = r) -> list[tuple[float, float]]:
        return [
            (
                x + radius * math.cos(start + 2 * math.pi * i / k),
                y + radius * math.sin(start + 2 * math.pi * i / k),
            )
            for i in range(k)
        ]

    if shape == "square":
        return ring(4, math.pi / 4, r * 1.15)
    if shape == "triangle":
        return ring(3, -math.pi / 2, r * 1.25)
    if shape == "diamond":
        return ring(4, 0.0, r * 1.2)
    if shape == "hexagon":
        return ring(6, 0.0, r * 1.1)
    if shape == "pentagon":
        return ring(5, -math.pi / 2, r * 1.15)
    if shape == "star":
        outer, inner = ring(5, -math.pi / 2, r * 1.3), ring(5, -math.pi / 2 + math.pi / 5, r * 0.55)
        return [p for pair in zip(outer, inner, strict=True) for p in pair]
    if shape == "cross":
        a, b = r * 0.4, r * 1.05
        return [
            (x - a, y - b),
            (x + a, y - b),
            (x + a, y - a),
            (x + b, y - a),
            (x + b, y + a),
            (x + a, y + a),
            (x + a, y + b),
            (x - a, y + b),
            (x - a, y + a),
            (x - b, y + a),
            (x - b, y - a),
            (x - a, y - a),
        ]
    return ring(28, 0.0)  # circle


def draw_shape(
    surface: pygame.Surface,
    shape: str,
    c: tuple[float, float],
    r: float,
    fill: tuple[int, int, int],
    edge: tuple[int, int, int],
    width: int = 2,
) -> None:
    """Draw a state's shape (its own, never colour alone) centred on ``c``."""
    pts = shape_points(shape, c, r)
    pygame.draw.polygon(surface, fill, pts)
    pygame.draw.polygon(surface, edge, pts, width)


def _dashed(surface, colour, a, b, width, dash=10):
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = math.hypot(dx, dy)
    if length < 1:
        return
    steps = int(length // dash)
    for k in range(0, steps, 2):
        t0, t1 = k / steps, min((k + 1) / steps, 1.0)
        pygame.draw.line(
            surface, colour, (ax + dx * t0, ay + dy * t0), (ax + dx * t1, ay + dy * t1), width
        )


def _shrunk(a, b, shrink):
    """The segment from ``a`` to ``b`` less ``shrink`` at each end, and its unit direction."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    start = (a[0] + ux * shrink, a[1] + uy * shrink)
    end = (b[0] - ux * shrink, b[1] - uy * shrink)
    return start, end, ux, uy


def _arrow(surface, colour, a, b, width, head, shrink):
    start, end, ux, uy = _shrunk(a, b, shrink)
    pygame.draw.line(surface, colour, start, end, width)
    left = (end[0] - ux * head - uy * head * 0.6, end[1] - uy * head + ux * head * 0.6)
    right = (end[0] - ux * head + uy * head * 0.6, end[1] - uy * head - ux * head * 0.6)
    pygame.draw.polygon(surface, colour, [end, left, right])


def sanction_mark(surface, colour, a, b, width, bar, shrink):
    """A sanction's mark: a dotted line from ``a`` ending in a bar across it short of ``b``."""
    start, end, ux, uy = _shrunk(a, b, shrink)
    _dashed(surface, colour, start, end, width, max(4, width * 2))
    half = bar / 2
    pygame.draw.line(
        surface,
        colour,
        (end[0] - uy * half, end[1] + ux * half),
        (end[0] + uy * half, end[1] - ux * half),
        max(width + 1, 3),
    )


#: The board's marks in the legend's order: kind -> its words there.
LEGEND: dict[str, str] = {
    "targeting": "reach aimed at",
    "sanction": "sanctions in force on",
    "deployment": "forces stationed at",
    "offer": "forces offered to",
}


def _offset(a, b, d):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * d, dx / length * d
    return (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)


class Board:
    """A view drawn as the board, cached; ``regions`` hold the tooltip of everything on it."""

    def __init__(
        self,
        rect: pygame.Rect,
        view: TurnView,
        palette: Palette,
        scale: float,
        labels: TurnView | None = None,
        into: pygame.Surface | None = None,
    ):
        self.rect = pygame.Rect(rect)
        self.view = view
        #: The view whose numbers the links are labelled with (an in-between board of a tween
        #: draws its lines part way but labels them with the turn's values: no new text renders).
        self.labels = labels or view
        self._into = into if into is not None and into.get_size() == self.rect.size else None
        self.palette = palette
        self.scale = scale
        self.regions: list[tuple[pygame.Rect, str]] = []
        self.surface = self._render()

    def u(self, px: float) -> int:
        return max(1, round(px * self.scale))

    def centre(self, i: int) -> tuple[float, float]:
        x, y = self.view.states[i].position
        # The margin grows with the text, but never eats the board: positions keep their room.
        m = min(self.u(60), round(0.15 * min(self.rect.w, self.rect.h)))
        w, h = self.rect.w - 2 * m, self.rect.h - 2 * m
        return (m + x * w, m + y * h)

    def shape_radius(self) -> int:
        """Shapes grow with the text, but stay under a third of the gap between the two closest
        states, so large text never piles them on top of each other."""
        n = len(self.view.states)
        centres = [self.centre(i) for i in range(n)]
        gaps = [math.dist(centres[i], centres[j]) for i in range(n) for j in range(i + 1, n)]
        room = int(0.32 * min(gaps)) if gaps else self.u(26)
        return max(8, min(self.u(26), room))

    def _render(self) -> pygame.Surface:
        """The whole picture: the links between states (with their labels), the arrows, then
        the states and their names on top."""
        surf = self._into if self._into is not None else pygame.Surface(self.rect.size)
        surf.fill(PANEL)
        pygame.draw.rect(surf, PANEL_EDGE, surf.get_rect(), 1)
        r = self.shape_radius()
        blocked = self._blocked(r)
        #: Where each link's label went (for the tests).
        self.link_labels: list[pygame.Rect] = []
        for lk in self.view.links:
            if lk.allied or lk.treaty or lk.tension > 0.01 or lk.trade > 0:
                self._draw_link(surf, lk, blocked)
        for ar in self.view.arrows:
            self._draw_arrow(surf, ar, r)
        self._draw_legend(surf, blocked)
        self._draw_states(surf, r)
        return surf

    def _draw_legend(self, surf: pygame.Surface, blocked: list[pygame.Rect]) -> None:
        """The marks on the board (only those drawn), each beside a sample of its mark, in the
        first corner that covers no state, name or label (else the one that covers least; the
        states and names are drawn over it)."""
        pal, u = self.palette, self.u
        kinds = [k for k in LEGEND if any(ar.kind == k for ar in self.view.arrows)]
        #: What the legend names (for the tests), and where it went.
        self.legend: list[str] = [LEGEND[k] for k in kinds]
        self.legend_rect: pygame.Rect | None = None
        if not kinds:
            return
        size, pad, mark = u(13), u(6), u(28)
        rows = [txt.render(LEGEND[k], size, MUTED) for k in kinds]
        step = max(r.get_height() for r in rows) + u(2)
        box = pygame.Rect(0, 0, mark + u(8) + max(r.get_width() for r in rows) + 2 * pad, 0)
        box.h = step * len(rows) + 2 * pad - u(2)
        inset = surf.get_rect().inflate(-u(8), -u(8))

        def covered(corner: str) -> int:
            setattr(box, corner, getattr(inset, corner))
            return sum(c.w * c.h for c in (box.clip(b) for b in blocked))

        corners = ("bottomleft", "bottomright", "topleft", "topright")
        best = min(corners, key=lambda c: (covered(c), corners.index(c)))
        setattr(box, best, getattr(inset, best))
        self.legend_rect = box.copy()
        pygame.draw.rect(surf, PANEL, box, border_radius=u(3))
        pygame.draw.rect(surf, PANEL_EDGE, box, 1, border_radius=u(3))
        for k, (kind, row) in enumerate(zip(kinds, rows, strict=True)):
            y = box.y + pad + k * step + row.get_height() // 2
            a, b = (box.x + pad, y), (box.x + pad + mark, y)
            if kind == "targeting":
                _arrow(surf, pal.targeting, a, b, u(2), u(8), 0)
            elif kind == "sanction":
                sanction_mark(surf, pal.sanction, a, b, u(2), u(12), 0)
            elif kind == "offer":
                _dashed(surf, MUTED, a, b, u(2), u(6))
            else:
                _arrow(surf, MUTED, a, b, u(3), u(8), 0)
                sq = pygame.Rect(0, 0, u(8), u(8))
                sq.center = (box.x + pad + mark * 2 // 3, y)
                pygame.draw.rect(surf, MUTED, sq)
            surf.blit(row, (box.x + pad + mark + u(8), y - row.get_height() // 2))
        ox, oy = self.rect.topleft
        words = "; ".join(LEGEND[k] for k in kinds)
        self.regions.append(
            (
                box.move(ox, oy),
                f"The marks on the board, each from the state that makes it: {words}.",
            )
        )

    def _blocked(self, r: int) -> list[pygame.Rect]:
        """What a link's label must not cover: each state's shape and its name."""
        v, u = self.view, self.u
        blocked = []
        for s in v.states:
            c = self.centre(s.index)
            disc = pygame.Rect(0, 0, 2 * r + u(4), 2 * r + u(4))
            disc.center = (round(c[0]), round(c[1]))
            blocked += [disc, self._name_back(s, c, r, v.viewer == s.index)[0]]
        return blocked

    def _draw_link(self, surf: pygame.Surface, lk, blocked: list[pygame.Rect]) -> None:
        """One link: its line (colour and width the tension), alliance and treaty lines, its
        label where there is room, and its tooltip."""
        v, pal, u = self.view, self.palette, self.u
        a, b = self.centre(lk.a), self.centre(lk.b)
        colour = mix(pal.calm, pal.tense, lk.tension / max(v.crisis_threshold, 1e-6))
        width = 1 + round(lk.tension * u(10))
        pygame.draw.line(surf, colour, a, b, width)
        if lk.allied:
            for d in (u(7), -u(7)):
                p, q = _offset(a, b, d)
                pygame.draw.line(surf, pal.alliance, p, q, u(2))
        if lk.treaty:
            p, q = _offset(a, b, u(12))
            _dashed(surf, pal.treaty, p, q, u(3), u(10))
        lk = self.labels.link(lk.a, lk.b) or lk
        label = f"{lk.tension:.2f}" + (" CRISIS" if lk.crisis else "")
        if lk.allied and lk.tension < 0.005:
            label = "allies"
        tag = txt.render(label, u(13), pal.bad if lk.crisis else TEXT, lk.crisis)
        box, free = self._label_box(tag, a, b, blocked)
        # Nowhere free (large text on a crowded board): no number rather than a garbled one;
        # the line's colour and width still show the tension, its tooltip the number.
        shown = free or lk.crisis
        if shown:
            blocked.append(box.inflate(u(6), u(2)))
            self.link_labels.append(box.copy())
        if shown:
            pygame.draw.rect(surf, PANEL, box.inflate(u(6), u(2)))
            surf.blit(tag, box)
        ox, oy = self.rect.topleft
        self.regions.append((box.inflate(u(10), u(8)).move(ox, oy), self._link_tip(lk)))

    def _label_box(
        self, tag: pygame.Surface, a: tuple[float, float], b: tuple[float, float], blocked
    ) -> tuple[pygame.Rect, bool]:
        """Where a link's label goes, and whether that place is free: slid along its link off
        the states, their names and other labels (large text on a small board), keeping the
        middle where it is free."""
        u = self.u
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        length = max(math.dist(a, b), 1e-9)
        nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length  # across the link
        box = tag.get_rect(center=(round(mid[0]), round(mid[1])))
        for t in (0.5, 0.4, 0.6, 0.33, 0.67, 0.27, 0.73):
            for d in (0, u(16), -u(16)):
                at = (a[0] + (b[0] - a[0]) * t + nx * d, a[1] + (b[1] - a[1]) * t + ny * d)
                trial = tag.get_rect(center=(round(at[0]), round(at[1])))
                if trial.inflate(u(6), u(2)).collidelist(blocked) < 0:
                    return trial, True
        return box, False

    def _link_tip(self, lk) -> str:
        """A link's tooltip: the pair, tension, trade, stability and who deters whom."""
        v = self.view
        names = (v.states[lk.a].name, v.states[lk.b].name)
        you = v.states[v.viewer].name if v.viewer is not None else None
        kinds = [k for k, on in (("allies", lk.allied), ("treaty", lk.treaty)) if on]
        tip = (
            f"{names[0]} - {names[1]}{' (' + ', '.join(kinds) + ')' if kinds else ''}. "
            f"Tension {lk.tension:.2f} (crisis at {v.crisis_threshold:.2f}). "
            f"Trade ties {lk.trade:.2f}. First-strike stability {lk.stability:.2f} "
            f"{'as you reckon it ' if v.viewer is not None else ''}"
            f"(1: nobody gains by striking first). "
            f"{deters(names[0], names[1], lk.margin_ab, you)}. "
            f"{deters(names[1], names[0], lk.margin_ba, you)}."
        )
        if lk.crisis:
            tip += f" In crisis: war odds if both escalate {lk.war_odds:.0%}."
        return tip

    def _draw_arrow(self, surf: pygame.Surface, ar, r: int) -> None:
        """A targeting arrow, or a deployment (an offer dashed), with its tooltip."""
        v, pal, u = self.view, self.palette, self.u
        a, b = self.centre(ar.source), self.centre(ar.target)
        src, dst = v.states[ar.source].name, v.states[ar.target].name
        if ar.kind == "targeting":
            p, q = _offset(a, b, u(16))
            _arrow(surf, pal.targeting, p, q, u(2), u(12), r + u(6))
            mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
            tip = f"{src} has declared its reach aimed at {dst}"
        elif ar.kind == "sanction":
            p, q = _offset(a, b, u(28))
            sanction_mark(surf, pal.sanction, p, q, u(3), u(22), r + u(6))
            mid = (p[0] * 0.4 + q[0] * 0.6, p[1] * 0.4 + q[1] * 0.6)
            since = [x.since for x in v.states[ar.target].sanctions if x.by == src]
            when = f" since turn {since[0]}" if since and since[0] is not None else ""
            tip = (
                f"{src} keeps sanctions on {dst}{when}: {dst} loses growth, support and "
                f"trade with {src}, and {src} pays a little too"
            )
        else:
            p, q = _offset(a, b, -u(16))
            colour = pal.states[ar.source % len(pal.states)]
            if ar.kind == "offer":
                _dashed(surf, colour, p, q, u(2), u(6))
                tip = (
                    f"{src} offers to station reach {ar.reach:.1f} and shield "
                    f"{ar.shield:.1f} at {dst} (awaiting its answer)"
                )
            else:
                _arrow(surf, colour, p, q, u(3), u(12), r + u(6))
                tip = (
                    f"{src} stations reach {ar.reach:.1f} and shield {ar.shield:.1f} "
                    f"at {dst}: {dst} becomes a target for {src}'s rivals"
                )
            mid = (p[0] * 0.3 + q[0] * 0.7, p[1] * 0.3 + q[1] * 0.7)
            sq = pygame.Rect(0, 0, u(10), u(10))
            sq.center = (round(mid[0]), round(mid[1]))
            pygame.draw.rect(surf, colour, sq)
        ox, oy = self.rect.topleft
        spot = pygame.Rect(0, 0, u(18), u(18))
        spot.center = (round(mid[0]) + ox, round(mid[1]) + oy)
        self.regions.append((spot, tip))

    def _draw_states(self, surf: pygame.Surface, r: int) -> None:
        """Each state's shape (yours outlined), then every name on its backing, so no line
        runs through a name."""
        v, pal, u = self.view, self.palette, self.u
        ox, oy = self.rect.topleft
        labels = []
        for s in v.states:
            c = self.centre(s.index)
            colour = pal.states[s.index % len(pal.states)]
            me = v.viewer == s.index
            edge = TEXT if me else (20, 24, 28)
            draw_shape(surf, s.shape, c, r, colour, edge, u(4) if me else u(2))
            hit = pygame.Rect(0, 0, 2 * r + u(8), 2 * r + u(8))
            hit.center = (round(c[0]) + ox, round(c[1]) + oy)
            self.regions.append((hit, state_tip(s)))
            labels.append((s, c, me))
        self.name_backs: list[pygame.Rect] = []
        for s, c, me in labels:  # names last, on a backing, so no line runs through them
            back, name, sub = self._name_back(s, c, r, me)
            self.name_backs.append(back.copy())
            pygame.draw.rect(surf, PANEL, back, border_radius=u(3))
            surf.blit(name, name.get_rect(midtop=back.midtop))
            surf.blit(sub, sub.get_rect(midtop=(back.centerx, back.y + name.get_height())))

    def _name_back(self, s, c, r: int, me: bool):
        """A state's name and role (or "you"), and the backing they sit on, above or below it."""
        u = self.u
        name = txt.render(s.name, u(16), TEXT, True)
        sub = txt.render("you" if me else s.role, u(13), MUTED)
        w = max(name.get_width(), sub.get_width()) + u(8)
        h = name.get_height() + sub.get_height()
        above = s.position[1] < 0.4  # states high on the board carry their names above
        top = c[1] - r - u(8) - h if above else c[1] + r + u(6)
        if above:  # large text: never cut off at the board's top (it may touch the shape)
            top = max(top, u(2))
        back = pygame.Rect(0, 0, w, h)
        back.midtop = (round(c[0]), round(top))
        return back, name, sub

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.surface, self.rect)


def figure_text(f) -> str:
    """A stock as the viewer knows it: exact, or about a value with its likely range."""
    if f.exact:
        return f"{f.value:.1f}"
    return f"about {f.value:.1f} (likely {f.low:.1f} to {f.high:.1f})"


def state_tip(s) -> str:
    """The tooltip of a state on the board: its role, seat and numbers, as seen."""
    parts = [
        f"{s.name}, {s.role} ({'human' if s.human else s.seat}). "
        f"Economy {s.economy:.1f}. Reach {figure_text(s.reach)}. "
        f"Shield {figure_text(s.shield)}. Standing {s.standing:.2f}."
    ]
    if s.hardening is not None:
        parts.append(f" Hardening {s.hardening:.2f}, tech {s.tech:.2f}, support {s.support:.2f}.")
    if s.belief is not None:
        parts.append(f" Your belief that it only seeks security: {s.belief:.0%}.")
    return "".join(parts)


def blend(old: TurnView, new: TurnView, t: float) -> TurnView:
    """``new`` with each link's tension ``t`` of the way from where it was in ``old``."""
    before = {(lk.a, lk.b): lk.tension for lk in old.links}
    links = tuple(
        replace(lk, tension=before.get((lk.a, lk.b), lk.tension) * (1 - t) + lk.tension * t)
        for lk in new.links
    )
    return replace(new, links=links)


class Tween:
    """The board moving from last turn's view to this one's over ``duration`` seconds.

    Each in-between board is rendered once, when its step comes (at most one a frame), into
    one reused surface, with the links' labels of the final board (text already rendered): a
    frame otherwise only blits. The tooltips are the final board's.
    """

    STEPS = 8
    _scratch: dict[tuple[int, int], pygame.Surface] = {}

    def __init__(
        self,
        old: TurnView,
        board: Board,
        duration: float = 0.6,
        old_surface: pygame.Surface | None = None,
    ):
        self.old = old
        self.board = board
        self.duration = max(duration, 1e-6)
        self.t = 0.0
        # Step 0 is last turn's board as it was (no render in the busy frame that plays a turn).
        same = old_surface is not None and old_surface.get_size() == board.rect.size
        self._shown: pygame.Surface | None = old_surface if same else None
        self._k = 0 if same else -1

    @property
    def done(self) -> bool:
        return self.t >= 1.0

    def update(self, dt: float) -> None:
        self.t = min(1.0, self.t + dt / self.duration)

    @property
    def surface(self) -> pygame.Surface:
        k = int(self.t * self.STEPS)
        if k >= self.STEPS:
            return self.board.surface
        if k != self._k or self._shown is None:
            b = self.board
            size = b.rect.size
            if size not in self._scratch:
                self._scratch.clear()
                self._scratch[size] = pygame.Surface(size)
            view = blend(self.old, b.view, k / self.STEPS)
            self._shown = Board(
                b.rect, view, b.palette, b.scale, labels=b.view, into=self._scratch[size]
            ).surface
            self._k = k
        return self._shown

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.surface, self.board.rect)
