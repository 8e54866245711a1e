"""The glossary: the ideas behind the game, one card each, with links between them.

The list of cards is on the left, grouped by topic; the chosen card is on the right: what the
idea is, where the game shows it, where it comes from, and the cards it leads on to. Up/Down
choose a card and Enter or Right opens it; on an open card Up/Down choose a related card and
Enter or Right follows the link; Esc (or Left) steps back along the links, then to the list, then
out. Opened on a given card (from the theory lens), Esc goes straight back to where it came from.
The mouse clicks cards and links; the wheel scrolls the list or a long card (as do PgUp/PgDn).
"""

from __future__ import annotations

import pygame

from game.glossary import CONCEPTS, Concept, ordered
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.scenes.scene import Scene


class GlossaryScene(Scene):
    """Concept cards; ``focus`` opens the card with that id at once."""

    def __init__(self, app, focus: str | None = None, back_to: str | None = None):
        super().__init__(app)
        #: Where Esc leads from the focused card ("the lens"), for the hint line.
        self.back_to = back_to
        self.cards: list[Concept] = ordered()
        self.ids = [c.id for c in self.cards]
        if focus is not None and focus not in CONCEPTS:
            focus = None
        self.index = self.ids.index(focus) if focus is not None else 0
        #: The card has the keys (Up/Down move among its links), not the list.
        self.opened = focus is not None
        #: Opened on a card from another screen: stepping back past it leaves the glossary.
        self.visiting = focus is not None
        self.link = 0
        self.history: list[str] = []
        self.scroll = 0
        self._rows: list[tuple[pygame.Rect, int]] = []  # list rows on screen -> card index
        self._links: list[tuple[pygame.Rect, str]] = []  # link chips on screen -> card id
        self._body: tuple | None = None  # (key, surface, chips): the card as last drawn
        self.card_scroll = 0
        self._follow_link = False

    # State ----------------------------------------------------------------------------------

    @property
    def card(self) -> Concept:
        return self.cards[self.index]

    def related(self) -> list[str]:
        return [r for r in self.card.related if r in CONCEPTS]

    def select(self, index: int) -> None:
        self.index = index % len(self.cards)
        self.link = 0
        self.card_scroll = 0

    def show(self, card_id: str) -> None:
        """Open ``card_id`` (from a link): the card we leave goes on the way back."""
        if card_id not in CONCEPTS:
            return
        if card_id != self.card.id:
            self.history.append(self.card.id)
        self.select(self.ids.index(card_id))
        self.opened = True
        self._keep_visible()

    def up(self) -> None:
        self.move(-1)

    def down(self) -> None:
        self.move(1)

    def move(self, step: int) -> None:
        if self.opened:
            links = self.related()
            if links:
                self.link = (self.link + step) % len(links)
                self._follow_link = True
            return
        self.select(self.index + step)
        self.history = []
        self._keep_visible()

    def forward(self) -> None:
        """Enter/Right: open the chosen card, or follow the chosen link of an open one."""
        if not self.opened:
            self.opened = True
            self.link = 0
            self._follow_link = True
            return
        links = self.related()
        if links:
            self.show(links[self.link % len(links)])

    def back(self) -> None:
        """Esc/Left: the previous card, else the list, else out of the glossary."""
        if self.history:
            self.select(self.ids.index(self.history.pop()))
            self._keep_visible()
        elif self.opened and not self.visiting:
            self.opened = False
        else:
            self.app.pop()

    # Widgets --------------------------------------------------------------------------------

    def layout(self) -> None:
        u = self.u
        self.list_rect = pygame.Rect(
            u(20), u(84), max(u(200), min(u(330), self.width // 3)), self.height - u(84) - u(44)
        )
        self.card_rect = pygame.Rect(
            self.list_rect.right + u(16),
            self.list_rect.y,
            self.width - self.list_rect.right - u(36),
            self.list_rect.h,
        )
        self.button(
            (self.width - u(170), u(20), u(150), u(38)),
            "Back",
            self.back,
            pygame.K_ESCAPE,
            tooltip="The previous card, then the list, then out",
        )
        self.shortcut(pygame.K_BACKSPACE, self.back)
        self.shortcut(pygame.K_LEFT, self.back)
        self.shortcut(pygame.K_UP, self.up)
        self.shortcut(pygame.K_DOWN, self.down)
        self.shortcut(pygame.K_RETURN, self.forward)
        self.shortcut(pygame.K_KP_ENTER, self.forward)
        self.shortcut(pygame.K_RIGHT, self.forward)
        self.shortcut(pygame.K_PAGEUP, lambda: self.scroll_card(-1))
        self.shortcut(pygame.K_PAGEDOWN, lambda: self.scroll_card(1))
        self._body = None
        self._keep_visible()

    # The list -------------------------------------------------------------------------------

    def _row_h(self) -> int:
        return self.u(26)

    def _entries(self) -> list[tuple[str, int]]:
        """``("topic", -1)`` headers and ``("card", index)`` rows, in list order."""
        out: list[tuple[str, int]] = []
        topic = None
        for k, c in enumerate(self.cards):
            if c.topic != topic:
                topic = c.topic
                out.append((c.topic, -1))
            out.append(("card", k))
        return out

    def _keep_visible(self) -> None:
        if not hasattr(self, "list_rect"):
            return
        rows = max(1, (self.list_rect.h - self.u(12)) // self._row_h())
        entries = self._entries()
        at = next(k for k, (_, i) in enumerate(entries) if i == self.index)
        at_top = at - 1 if at > 0 and entries[at - 1][1] == -1 else at  # show its topic too
        if at_top < self.scroll:
            self.scroll = at_top
        elif at >= self.scroll + rows:
            self.scroll = at - rows + 1
        self.scroll = max(0, min(self.scroll, max(0, len(entries) - rows)))

    def _draw_list(self, surface: pygame.Surface) -> None:
        u, box = self.u, self.list_rect
        pygame.draw.rect(surface, PANEL, box)
        pygame.draw.rect(surface, ACCENT if not self.opened else PANEL_EDGE, box, 1)
        row_h = self._row_h()
        rows = max(1, (box.h - u(12)) // row_h)
        entries = self._entries()
        self._rows = []
        y = box.y + u(6)
        width = box.w - u(24)
        shown = entries[self.scroll : self.scroll + rows]
        if shown and shown[-1][1] < 0:
            shown = shown[:-1]  # a topic heading with none of its cards under it
        for kind, k in shown:
            if k < 0:
                pic = txt.render(_fit(kind.upper(), u(12), width, True), u(12), MUTED, True)
                surface.blit(pic, (box.x + u(10), y + row_h - pic.get_height() - u(2)))
            else:
                rect = pygame.Rect(box.x + u(4), y, box.w - u(8), row_h)
                if k == self.index:
                    pygame.draw.rect(surface, (61, 106, 153), rect, border_radius=u(4))
                bold = k == self.index
                title = _fit(self.cards[k].title, u(16), width - u(8), bold)
                pic = txt.render(title, u(16), TEXT, bold)
                surface.blit(pic, (box.x + u(16), y + (row_h - pic.get_height()) // 2))
                self._rows.append((rect, k))
            y += row_h
        if self.scroll > 0:
            _arrow(surface, (box.right - u(14), box.y + u(10)), u(6), up=True)
        if self.scroll + rows < len(entries):
            _arrow(surface, (box.right - u(14), box.bottom - u(10)), u(6), up=False)

    # The card -------------------------------------------------------------------------------

    def _card_body(self) -> tuple[pygame.Surface, list[tuple[pygame.Rect, str]]]:
        """The open card drawn once on a tall surface, and its link chips (body coordinates)."""
        key = (self.index, self.opened, self.link, self.card_rect.size, self.app.scale)
        if self._body is not None and self._body[0] == key:
            return self._body[1], self._body[2]
        u, c = self.u, self.card
        width = self._text_width()
        surf = pygame.Surface((width, u(3000)))
        surf.fill(PANEL)
        y = 0
        for line in txt.wrap(c.title, u(28), width, True):
            surf.blit(txt.render(line, u(28), TEXT, True), (0, y))
            y += u(36)
        surf.blit(txt.render(c.topic, u(14), MUTED), (0, y))
        y += u(30)
        y = self._section(surf, "What it is", c.definition, 0, y, width, TEXT, u(17))
        y = self._section(surf, "In the game", c.in_game, 0, y, width, TEXT, u(16))
        label = "Source" if len(c.sources) == 1 else "Sources"
        cites = "\n".join(s.cite() for s in c.sources)
        y = self._section(surf, label, cites, 0, y, width, MUTED, u(15))
        chips: list[tuple[pygame.Rect, str]] = []
        links = self.related()
        if links:
            surf.blit(txt.render("Related", u(15), ACCENT, True), (0, y))
            y += u(24)
            y = self._chips(surf, links, 0, y, width, chips)
        body = surf.subsurface((0, 0, width, min(y, surf.get_height()))).copy()
        self._body = (key, body, chips)
        return body, chips

    def _text_width(self) -> int:
        """Lines no longer than a comfortable read, however wide the window."""
        return max(self.u(120), min(self.card_rect.w - self.u(40), self.u(760)))

    def _view(self) -> pygame.Rect:
        """Where the card's body shows on screen (the hint line is below it)."""
        box = self.card_rect
        return pygame.Rect(
            box.x + self.u(20), box.y + self.u(14), self._text_width(), box.h - self.u(54)
        )

    def _clamp_card(self, body_h: int) -> None:
        self.card_scroll = max(0, min(self.card_scroll, body_h - self._view().h))

    def scroll_card(self, step: int) -> None:
        body, _ = self._card_body()
        self.card_scroll += step * max(self.u(40), self._view().h - self.u(60))
        self._clamp_card(body.get_height())

    def _draw_card(self, surface: pygame.Surface) -> None:
        u, box = self.u, self.card_rect
        pygame.draw.rect(surface, PANEL, box)
        pygame.draw.rect(surface, ACCENT if self.opened else PANEL_EDGE, box, 1)
        body, chips = self._card_body()
        view = self._view()
        if self.opened and chips and self._follow_link:
            # Keep the chosen link in sight.
            rect = chips[self.link % len(chips)][0]
            if rect.bottom > self.card_scroll + view.h:
                self.card_scroll = rect.bottom - view.h + u(4)
            elif rect.top < self.card_scroll:
                self.card_scroll = rect.top - u(4)
            self._follow_link = False
        self._clamp_card(body.get_height())
        surface.blit(body, view.topleft, pygame.Rect(0, self.card_scroll, view.w, view.h))
        self._links = [
            (r.move(view.x, view.y - self.card_scroll).clip(view), cid) for r, cid in chips
        ]
        self._links = [(r, cid) for r, cid in self._links if r.h > 0]
        if self.card_scroll > 0:
            _arrow(surface, (box.right - u(14), box.y + u(10)), u(6), up=True)
        more = self.card_scroll + view.h < body.get_height()
        if more:
            _arrow(surface, (box.right - u(14), box.bottom - u(34)), u(6), up=False)
        if self.opened:
            back = "Esc/Left: back"
            if self.visiting and not self.history and self.back_to:
                back = f"Esc/Left: back to {self.back_to}"
            parts = [back, "Up/Down: a related card", "Enter/Right: follow it"]
        else:
            parts = ["Up/Down: choose a card", "Enter/Right: open it", "Esc: close"]
        if more or self.card_scroll > 0:
            parts.append("PgUp/PgDn: scroll")
        hint = _join_fitting(parts, u(14), box.w - u(40))
        pic = txt.render(hint, u(14), MUTED)
        surface.blit(pic, (box.x + u(20), box.bottom - u(26)))

    def _section(self, surface, head, body, x, y, width, colour, size) -> int:
        surface.blit(txt.render(head, self.u(15), ACCENT, True), (x, y))
        y += self.u(22)
        y = txt.blit_lines(surface, txt.wrap(body, size, width), (x, y), size, colour)
        return y + self.u(12)

    def _chips(self, surface, links, x, y, width, out) -> int:
        u = self.u
        size, pad, h = u(15), u(10), u(30)
        cx = x
        for k, cid in enumerate(links):
            title = _fit(CONCEPTS[cid].title, size, width - 2 * pad - u(14))
            pic = txt.render(title, size, TEXT)
            w = pic.get_width() + 2 * pad + u(14)
            if cx > x and cx + w > x + width:
                cx, y = x, y + h + u(8)
            rect = pygame.Rect(cx, y, w, h)
            chosen = self.opened and k == self.link % len(links)
            fill = (61, 106, 153) if chosen else (43, 50, 60)
            pygame.draw.rect(surface, fill, rect, 0, u(4))
            edge = ACCENT if chosen else PANEL_EDGE
            pygame.draw.rect(surface, edge, rect, 2 if chosen else 1, u(4))
            _arrow(surface, (rect.x + pad + u(3), rect.centery), u(4), up=None)
            surface.blit(pic, (rect.x + pad + u(12), rect.centery - pic.get_height() // 2))
            out.append((rect, cid))
            cx += w + u(8)
        return y + h + u(8)

    # Events and drawing ---------------------------------------------------------------------

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, cid in self._links:
                if rect.collidepoint(event.pos):
                    self.show(cid)
                    return
            for rect, k in self._rows:
                if rect.collidepoint(event.pos):
                    self.history = []
                    self.select(k)
                    self.opened = True
                    self._keep_visible()
                    return
        elif event.type == pygame.MOUSEWHEEL:
            mouse = pygame.mouse.get_pos()
            if self.card_rect.collidepoint(mouse):
                body, _ = self._card_body()
                self.card_scroll -= event.y * self.u(40)
                self._clamp_card(body.get_height())
            else:
                rows = max(1, (self.list_rect.h - self.u(12)) // self._row_h())
                self.scroll = max(0, self.scroll - event.y)
                self.scroll = min(self.scroll, max(0, len(self._entries()) - rows))

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        self.heading(surface, "Glossary", (u(20), u(14)))
        sub = "The ideas behind the game, in plain words, with where to see them."
        pic = txt.render(_fit(sub, u(15), self.width - u(220)), u(15), MUTED)
        surface.blit(pic, (u(20), u(52)))
        self._draw_list(surface)
        self._draw_card(surface)


def _fit(text: str, size: int, width: int, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels."""
    f = txt.font(size, bold)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "...")[0] > width:
        text = text[:-1]
    return text.rstrip() + "..."


def _join_fitting(parts: list[str], size: int, width: int) -> str:
    """As many of ``parts`` (most important first) as fit on one line, three spaces apart."""
    f = txt.font(size)
    shown = list(parts)
    while len(shown) > 1 and f.size("   ".join(shown))[0] > width:
        shown.pop()
    return _fit("   ".join(shown), size, width)


def _arrow(surface: pygame.Surface, centre: tuple[int, int], r: int, up: bool | None) -> None:
    """A small triangle: up, down, or (``up=None``) pointing right."""
    cx, cy = centre
    if up is None:
        points = [(cx - r // 2, cy - r), (cx - r // 2, cy + r), (cx + r, cy)]
    elif up:
        points = [(cx - r, cy + r // 2), (cx + r, cy + r // 2), (cx, cy - r)]
    else:
        points = [(cx - r, cy - r // 2), (cx + r, cy - r // 2), (cx, cy + r)]
    pygame.draw.polygon(surface, ACCENT, points)
