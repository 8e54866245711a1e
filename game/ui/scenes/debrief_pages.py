"""The debrief's drawn pages: text, coloured tags, glossary links and chart slots, laid out once
into a Surface that the screen scrolls; and the little the debrief and the replay viewer need
beside them (tag colours, link titles, rows of buttons). Each tab builds its page in a module
of its own (:mod:`game.ui.scenes.debrief_story`, ``_charts``, ``_theory``, ``_whatif``,
``_questions``); the sentences they show come from :mod:`game.analysis.words` and
:func:`game.analysis.bet_report`, which the exported report uses too.

A :class:`Page` is built top to bottom (``text``, ``tag``, ``link``, ``slot``...), then rendered
once. Links (to glossary cards) and chart slots keep their rectangles in page coordinates; the
screen draws the charts into the slots at draw time (they arrive from a worker thread, see
:data:`game.ui.drawing.window_charts.CHARTS`), so a page is never rendered again for a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from game.glossary import CONCEPTS, concept_for_game
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import draw_shape
from game.ui.drawing.theme import (
    ACCENT,
    BACKGROUND,
    MUTED,
    PANEL,
    PANEL_EDGE,
    TEXT,
    Colour,
    Palette,
)
from game.ui.drawing.window_charts import chart_min_height


def tag_colour(tag: str, palette: Palette) -> Colour:
    """A turning point's label colour (the label also names the tag: never colour alone)."""
    return {
        "war": palette.bad,
        "crisis": palette.warn,
        "backing_down": palette.warn,
        "spiral": palette.tense,
        "surprise_attack_fear": palette.bad,
        "treaty_lapse": palette.treaty,
        "treaty_broken": palette.treaty,
        "pressure": palette.targeting,
        "forces_home": palette.alliance,
        "pressure_lifted": palette.good,
        "entrapment": palette.targeting,
        "costly_signal": palette.alliance,
        "reassurance": palette.good,
    }.get(tag, MUTED)


def ink_on(colour: Colour) -> Colour:
    """Dark or light text, whichever reads on ``colour``."""
    r, g, b = colour
    return (16, 18, 22) if 0.299 * r + 0.587 * g + 0.114 * b > 120 else TEXT


def concept_title(card: str) -> str:
    """A glossary card's title (its id in words when there is no such card)."""
    c = CONCEPTS.get(card)
    return c.title if c is not None else card.replace("_", " ")


def game_card(name: str) -> str | None:
    """The glossary card of a 2x2 game's name, if there is one."""
    card = concept_for_game(name)
    return card if card in CONCEPTS else None


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@dataclass
class Link:
    """A glossary link drawn on a page: where it is, the card it opens, its words."""

    rect: pygame.Rect  # in page coordinates
    card: str
    label: str


@dataclass
class Slot:
    """Where a chart goes on a page (the screen draws it there when it is ready)."""

    rect: pygame.Rect  # in page coordinates
    name: str  # a game.analysis.charts chart
    pair: tuple[int, int] | None = None


class Page:
    """A drawn page ``width`` pixels wide, as tall as its content."""

    def __init__(self, width: int, scale: float):
        self.w = max(int(width), 100)
        self.scale = scale
        self.y = 0
        self.ops: list[tuple[str, Any]] = []
        self.links: list[Link] = []
        self.slots: list[Slot] = []
        self.surface: pygame.Surface | None = None
        #: Text drawn on the page, in order (what the tests read).
        self.texts: list[str] = []

    def u(self, px: float) -> int:
        return max(1, round(px * self.scale))

    @property
    def height(self) -> int:
        return self.y

    def gap(self, px: float) -> None:
        self.y += self.u(px)

    def text(
        self,
        text: str,
        size: float = 16,
        colour: Colour = TEXT,
        bold: bool = False,
        x: int = 0,
        width: int | None = None,
        y: int | None = None,
        advance: bool = True,
    ) -> int:
        """Wrapped text from (``x``, the current y); returns the y below it."""
        fs = self.u(size)
        width = (self.w - x) if width is None else width
        lines = txt.wrap(text, fs, max(width, fs * 4), bold)
        top = self.y if y is None else y
        self.ops.append(("text", (lines, x, top, fs, colour, bold)))
        self.texts.append(text)
        bottom = top + round(fs * 1.3) * len(lines)
        if advance:
            self.y = max(self.y, bottom)
        return bottom

    def tag(self, label: str, colour: Colour, x: int, y: int, size: float = 14) -> pygame.Rect:
        """A filled label (a turning point's tag)."""
        fs = self.u(size)
        w = txt.font(fs, True).size(label)[0] + self.u(14)
        rect = pygame.Rect(x, y, w, round(fs * 1.45))
        self.ops.append(("tag", (label, rect, fs, colour)))
        self.texts.append(label)
        return rect

    def link(self, label: str, card: str, x: int, y: int | None = None, size: float = 15) -> Link:
        """A chip that opens a glossary card; the y advances below it."""
        fs = self.u(size)
        width = min(txt.font(fs).size(label)[0] + self.u(30), self.w - x)
        top = self.y if y is None else y
        rect = pygame.Rect(x, top, width, round(fs * 1.7))
        lk = Link(rect, card, label)
        self.links.append(lk)
        self.ops.append(("link", (label, rect, fs)))
        self.texts.append(label)
        self.y = max(self.y, rect.bottom)
        return lk

    def links_row(self, items: list[tuple[str, str]], x: int = 0, size: float = 15) -> None:
        """Chips side by side, wrapping to new rows."""
        fs = self.u(size)
        cx, top = x, self.y
        h = round(fs * 1.7)
        for label, card in items:
            w = min(txt.font(fs).size(label)[0] + self.u(30), self.w - x)
            if cx > x and cx + w > self.w:
                cx, top = x, top + h + self.u(8)
            self.link(label, card, cx, top, size)
            cx += w + self.u(10)

    def slot(self, name: str, rect: pygame.Rect, pair: tuple[int, int] | None = None) -> Slot:
        """A chart's place on the page, at least :func:`chart_min_height` tall, so its text
        grows with the UI scale like the page's (the page scrolls when it outgrows the view)."""
        rect = pygame.Rect(rect)
        rect.h = max(rect.h, chart_min_height(self.scale))
        s = Slot(rect, name, pair)
        self.slots.append(s)
        self.y = max(self.y, s.rect.bottom)
        return s

    def shape(self, shape: str, centre: tuple[int, int], radius: int, colour: Colour) -> None:
        """A state's board shape, in its colour (never colour alone)."""
        self.ops.append(("shape", (shape, centre, radius, colour)))

    def box(self, rect: pygame.Rect, at: int | None = None) -> None:
        """A panel behind content (``at``: the op index to draw it before)."""
        op = ("box", pygame.Rect(rect))
        if at is None:
            self.ops.append(op)
        else:
            self.ops.insert(at, op)

    def rule(self) -> None:
        self.ops.append(("rule", self.y))

    def render(self) -> pygame.Surface:
        surf = pygame.Surface((self.w, max(self.y, 1)))
        surf.fill(BACKGROUND)
        for kind, data in self.ops:
            if kind == "text":
                lines, x, y, fs, colour, bold = data
                txt.blit_lines(surf, lines, (x, y), fs, colour, bold, spacing=1.3)
            elif kind == "tag":
                label, rect, fs, colour = data
                pygame.draw.rect(surf, colour, rect, 0, self.u(4))
                pic = txt.render(label, fs, ink_on(colour), True)
                surf.blit(pic, pic.get_rect(center=rect.center))
            elif kind == "link":
                label, rect, fs = data
                pygame.draw.rect(surf, (43, 50, 60), rect, 0, self.u(4))
                pygame.draw.rect(surf, PANEL_EDGE, rect, 1, self.u(4))
                r = max(2, self.u(4))
                cx, cy = rect.x + self.u(10), rect.centery
                pygame.draw.polygon(
                    surf, ACCENT, [(cx - r // 2, cy - r), (cx - r // 2, cy + r), (cx + r, cy)]
                )
                pic = txt.render(label, fs, (143, 195, 255))
                surf.blit(pic, (rect.x + self.u(20), rect.centery - pic.get_height() // 2))
            elif kind == "box":
                pygame.draw.rect(surf, PANEL, data, 0, self.u(6))
                pygame.draw.rect(surf, PANEL_EDGE, data, 1, self.u(6))
            elif kind == "shape":
                shape, centre, radius, colour = data
                draw_shape(surf, shape, centre, radius, colour, TEXT, 1)
            elif kind == "rule":
                pygame.draw.line(surf, PANEL_EDGE, (0, data), (self.w, data), 1)
        self.surface = surf
        return surf


def flow(
    labels: list[str],
    size: int,
    x: int,
    y: int,
    width: int,
    h: int,
    gap: int,
    right: bool = False,
    pad: int = 28,
) -> tuple[list[pygame.Rect], int]:
    """Rectangles for buttons labelled ``labels`` in rows of ``width`` from (x, y), each as
    wide as its label (at font ``size``) plus ``pad``; rows wrap downwards. ``right`` packs
    each row against the right edge. Returns the rectangles (in ``labels`` order) and the y
    below the last row."""
    f = txt.font(size)
    widths = [min(f.size(lb)[0] + pad, width) for lb in labels]
    rows: list[list[int]] = [[]]
    used = 0
    for k, w in enumerate(widths):
        if rows[-1] and used + gap + w > width:
            rows.append([])
            used = 0
        used += (gap if rows[-1] else 0) + w
        rows[-1].append(k)
    rects: list[pygame.Rect | None] = [None] * len(labels)
    for r, row in enumerate(rows):
        total = sum(widths[k] for k in row) + gap * (len(row) - 1)
        cx = x + width - total if right else x
        for k in row:
            rects[k] = pygame.Rect(cx, y + r * (h + gap), widths[k], h)
            cx += widths[k] + gap
    bottom = y + len(rows) * (h + gap) - gap if labels else y
    return [r for r in rects if r is not None], bottom


def flow_rows(labels: list[str], size: int, width: int, gap: int, pad: int = 28) -> int:
    """How many rows :func:`flow` needs."""
    rects, _ = flow(labels, size, 0, 0, width, 10, gap, pad=pad)
    return len({r.y for r in rects}) if rects else 0
