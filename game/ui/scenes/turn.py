"""The turn screen: the board, your state, your rivals as you see them, the wires, your orders.

Widgets emit intents (set a budget line, add an action, undo, submit) to the seat's
:class:`game.ui.model.draft.OrderDraft`; the draft asks the engine whether the orders are legal and
the screen shows the engine's own words. Nothing is sent until Submit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider

from game.engine.orders import IllegalOrder
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import Board, Tween
from game.ui.drawing.panels import (
    headlines_panel,
    headlines_shown,
    own_lines,
    own_panel,
    rivals_panel,
)
from game.ui.drawing.theme import BACKGROUND, MUTED, PANEL_EDGE, TEXT
from game.ui.model.draft import OrderDraft
from game.ui.model.game_match import Match
from game.ui.model.headlines import headlines
from game.ui.model.offers import offers_for
from game.ui.model.plain_words import action_label, category_label, proposal_label
from game.ui.model.trend import Trail, trail_of, turn_lines
from game.ui.model.verdicts import briefing
from game.ui.model.views import TurnView, turn_view
from game.ui.scenes.scene import Scene

CATEGORY_HELP = {
    "reach": "Reach: strike force. Deters rivals, and frightens them.",
    "shield": "Shield: interceptors. Can catch a ragged retaliation, so rivals may read it as "
    "preparing a first strike.",
    "hardening": "Hardening: makes your reach survive a first strike (the stabilising kind of "
    "strength).",
    "intel": "Intelligence: see the others more clearly (narrower ranges, fewer misreadings).",
    "cut": "Scrap reach: dismantle some of your strike force (a unilateral cut). It costs you, "
    "so it is the most believable signal that you mean no harm.",
}
#: Steps of the budget a key press moves a slider.
KEY_STEPS = 20


def _lower_first(words: str) -> str:
    """``words`` inside a sentence: "Propose a ..." listed as "propose a ..."."""
    return words[:1].lower() + words[1:]


class _Toolbar(NamedTuple):
    """The tool buttons' rows at the foot of the turn screen's right-hand column."""

    tools: list[str]  # the buttons' names, in order
    per_row: int
    h: int  # a button's height
    top: int  # the first row's top
    submit_y: int  # Submit's top, below the rows


def orders_lines(labels: list[str], size: int, width: int, rows: int = 2) -> list[str]:
    """The orders' diplomatic actions in at most ``rows`` wrapped lines: as many as fit, then
    how many more there are ("and 2 more: D lists them"), never cut off without a word."""
    lines = txt.wrap(f"Diplomacy: {', '.join(labels)}", size, width)
    k = len(labels)
    while len(lines) > rows and k > 1:
        k -= 1
        more = f"and {len(labels) - k} more: D lists them"
        lines = txt.wrap(f"Diplomacy: {', '.join(labels[:k])}, {more}", size, width)
    return list(lines[:rows])


class TurnScene(Scene):
    """One human seat's orders for the turn (or, in an AI-only game, a "next turn" button)."""

    def __init__(self, app, match: Match):
        super().__init__(app)
        self.match = match
        self.draft: OrderDraft | None = match.draft()
        self.selected = 0
        self.sliders: dict[str, UIHorizontalSlider] = {}
        self.own_pos = self.rivals_pos = (0, 0)  # where the panels are drawn (see layout)
        self._tween: Tween | None = None  # the board moving from last turn to this one
        self._animate_from: TurnView | None = None
        self._ask: list[int] = self._crises()
        self._refresh_view()
        self._report = self._take_report()
        #: What follows the report (a bet to place or reveal).
        self._then: Callable[[], object] | None = None
        self._offers = self._open_offers()

    # Model ----------------------------------------------------------------------------------

    @property
    def session(self):
        return self.match.session

    @property
    def seat(self) -> int | None:
        return self.draft.seat if self.draft is not None else None

    def _open_offers(self) -> list:
        """Offers and proposals addressed to this seat: each asked about once, as the turn
        opens (after any crisis)."""
        if self.draft is None:
            return []
        fresh = []
        for offer in offers_for(self.draft, self.view):
            key = (self.draft.seat, repr(offer.accept))
            if key not in self.match.asked_offers:
                self.match.asked_offers.add(key)
                fresh.append(offer)
        return fresh

    def _take_report(self):
        """The report of the turn just played for this seat, once (None before the first turn,
        in an AI-only game, or when it has been shown)."""
        ev = self.match.last_events
        if self.draft is None or ev is None or self.trail is None or self.trail.turns == 0:
            return None
        key = (self.session.turn, self.draft.seat)
        if key in self.match.reported:
            return None
        self.match.reported.add(key)
        from game.ui.model.turn_report import turn_report

        shown = own_lines(self.view, self.session.scenario.params.diplomacy, self.trail)
        viewer = self.session.scenario.names[self.draft.seat]
        wires = headlines(ev, viewer, reasons=self.session.runner.reasons_in(0, public=True))
        return turn_report(self.session, self.draft.seat, ev, shown, wires)

    def _tick_board(self, dt: float) -> None:
        if self._tween is not None:
            self._tween.update(dt)
            if self._tween.done:
                self._tween = None

    def _crises(self) -> list[int]:
        if self.draft is None:
            return []
        w, i = self.session.world, self.draft.seat
        return [j for j in range(w.n) if j != i and w.crisis[0, i, j] > 0.5]

    def _refresh_view(self) -> None:
        self.view = turn_view(self.session, self.seat)
        self._view_id = getattr(self, "_view_id", 0) + 1
        viewer = None if self.seat is None else self.session.scenario.names[self.seat]
        ev = self.match.last_events
        self.trail: Trail | None = None
        if self.seat is not None:
            self.trail = trail_of(self.session, self.seat)
        if ev is not None:
            self.lines = headlines(
                ev, viewer, reasons=self.session.runner.reasons_in(0, public=True)
            )
            if self.trail is not None and self.trail.turns > 0:
                sc = self.session.scenario
                shields = "shield" in self.view.categories
                self.lines = turn_lines(ev, self.trail, sc.names, shields, self.lines)
        else:
            sc = self.session.scenario
            self.lines = (
                briefing(self.session, self.seat)
                if self.seat is not None
                else [sc.summary, *sc.objectives]
            )
        #: The first entry the headlines panel shows (it scrolls when they do not all fit).
        self.head_start = 0

    @property
    def has_diplomacy(self) -> bool:
        """The lesson opens at least one group of diplomatic actions (else no Diplomacy button:
        crises are still answered from their own prompt)."""
        return bool(self.session.scenario.params.diplomacy)

    @property
    def categories(self) -> list[str]:
        cats = [c for c in self.view.categories if c != "civilian"]
        if len(self.view.categories) > 2:
            cats.append("cut")  # unilateral cuts: shown where the scenario opens more than arm/hold
        return cats

    # Layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        """The board and headlines on the left; on the right the column (your state, the
        others, your orders: it scrolls at large text) above the tool buttons and Submit."""
        self._place_areas()
        bar = self._toolbar()
        # The right-hand column (your state, the others, your orders) scrolls when large text
        # makes it taller than the room above the buttons, which stay put.
        pad, top_h = self.u(10), self.top_h
        bottom = bar.top - pad if self.draft is not None else self.height - self.u(22) - pad
        self.column = pygame.Rect(self.x0, top_h, self.right_w, max(bottom - top_h, 1))
        self._render_panels()
        self._place_column()
        self._header_buttons()
        self.sliders = {}
        if self.draft is None:
            self.button(
                (self.x0, self.orders_top + self.u(10), self.right_w, self.u(44)),
                "Next turn",
                self.next_ai_turn,
                pygame.K_RETURN,
                object_id="#primary",
            )
            return
        self._place_sliders()
        self._tool_buttons(bar)
        self._order_keys()
        self.sync()

    def _place_areas(self) -> None:
        """The board, the headlines under it, and the right-hand column's left edge and width."""
        u, W, H = self.u, self.width, self.height
        pad = u(10)
        self.top_h = u(44)
        left_w = int(W * 0.54)
        board_h = int((H - self.top_h) * 0.64)
        self.board_rect = pygame.Rect(pad, self.top_h, left_w - pad, board_h)
        self.head_rect = pygame.Rect(
            pad,
            self.top_h + board_h + pad,
            left_w - pad,
            H - self.top_h - board_h - 2 * pad - u(22),
        )
        x0 = left_w + pad
        self.right_w = W - x0 - pad
        self.x0 = x0

    def _toolbar(self) -> _Toolbar:
        """Where the tool buttons and Submit go, at the foot of the right-hand column."""
        u, pad = self.u, self.u(10)
        # Compact (large text in a narrow column): lower buttons leave the orders more room.
        bh = u(32) if self.stacked else u(36)
        self.submit_h = u(38) if self.stacked else u(40)
        # Hold, Arm, Diplomacy (only where the lesson opens diplomacy: progressive disclosure)
        # and Undo in a row, or in rows of two when large text would not fit their labels; the
        # last row's buttons share its whole width, so a hidden button leaves no hole.
        tools = (
            ["Hold", "Arm", "Diplomacy", "Undo"] if self.has_diplomacy else ["Hold", "Arm", "Undo"]
        )
        per_row = len(tools)
        # A button too narrow for its key hint names the key in its tooltip, so one row holds
        # them when their names fit.
        widest = max(txt.font(u(16)).size(t)[0] for t in tools)
        if widest + u(20) > (self.right_w - (per_row - 1) * pad) // per_row:
            per_row = 2
        rows = -(-len(tools) // per_row)
        submit_y = self.height - u(26) - self.submit_h
        by = submit_y - pad - rows * bh - (rows - 1) * pad
        self.actions_top = by
        return _Toolbar(tools, per_row, bh, by, submit_y)

    def _header_buttons(self) -> None:
        """Menu and the Theory lens at the top right, and the column's scroll keys."""
        u, W = self.u, self.width
        self.button((W - u(150), u(6), u(140), u(32)), "Menu", self.pause, pygame.K_ESCAPE)
        self.button(
            (W - u(300), u(6), u(140), u(32)),
            "Theory lens",
            self.lens,
            pygame.K_l,
            tooltip="The 2x2 game behind this turn, for a rival of your choice",
        )
        self.shortcut(pygame.K_PAGEDOWN, lambda: self.scroll_by(1))
        self.shortcut(pygame.K_PAGEUP, lambda: self.scroll_by(-1))
        self.shortcut(pygame.K_w, lambda: self.scroll_head(1, wrap=True))

    #: The key that pages the headlines panel on (the wheel over it scrolls it).
    HEAD_KEY = "W"

    def _head_layout(self) -> tuple:
        """What the headlines panel is drawn from, and what its scrolling counts rows of."""
        return (
            self.lines,
            self.view.turn,
            self.head_rect.size,
            self.app.scale,
            self.head_start,
            self.HEAD_KEY,
        )

    def _render_head(self) -> None:
        self.head_surf = headlines_panel(*self._head_layout())

    def scroll_head(self, step: int, wrap: bool = False) -> None:
        """Scroll the headlines (the briefing) ``step`` rows on, or with ``wrap`` a page on and
        back to the top after the last: large text may leave room for only some of them, and
        none is cut without a way to it (W pages on; the wheel scrolls)."""
        shown, total = headlines_shown(*self._head_layout())
        at_end = self.head_start + shown >= total
        if wrap:
            start = 0 if at_end else self.head_start + shown
        elif step > 0 and at_end:
            start = self.head_start  # all of the rest is in sight already
        else:
            start = min(max(self.head_start + step, 0), max(total - 1, 0))
        if start != self.head_start:
            self.head_start = start
            self._render_head()

    def _place_sliders(self) -> None:
        """A slider for each budget line in sight (compact: the chosen line's only)."""
        assert self.draft is not None
        budget = self.draft.menu.budget
        for k, cat in enumerate(self.categories):
            if self.stacked and k != self.selected % len(self.categories):
                continue  # compact: one slider, for the chosen line (1-5 choose, Up/Down set)
            top = self.view.max_cut if cat == "cut" else budget
            value = self.draft.plan.cut if cat == "cut" else self.draft.plan.amount(cat)
            rect = self._slider_rect(k)
            if not self.column.contains(rect):
                continue  # scrolled out of sight: the keys still set it
            sl = UIHorizontalSlider(
                rect,
                min(value, top),
                (0.0, max(top, 1e-6)),
                self.manager,
                container=self.root,
                click_increment=max(top, 1e-6) / KEY_STEPS,
            )
            self.sliders[cat] = sl

    def _tool_buttons(self, bar: _Toolbar) -> None:
        """Hold, Arm, Diplomacy and Undo in their rows, and Submit below them."""
        pad, x0 = self.u(10), self.x0

        def cell(name: str) -> tuple[int, int, int, int]:
            k = bar.tools.index(name)
            row, col = divmod(k, bar.per_row)
            in_row = min(bar.per_row, len(bar.tools) - row * bar.per_row)
            bw = (self.right_w - (in_row - 1) * pad) // in_row
            return (x0 + col * (bw + pad), bar.top + row * (bar.h + pad), bw, bar.h)

        self.button(
            cell("Hold"),
            "Hold",
            self.hold,
            pygame.K_h,
            tooltip="Whole budget to the civilian economy",
        )
        self.button(
            cell("Arm"),
            "Arm",
            self.arm,
            pygame.K_a,
            tooltip="Half the budget into reach, the rest to the economy",
        )
        if self.has_diplomacy:
            self.button(
                cell("Diplomacy"),
                "Diplomacy",
                self.diplomacy,
                pygame.K_d,
                tooltip="Treaties, alliances, deployments, signals...",
            )
        self.undo_button = self.button(
            cell("Undo"), "Undo", self.undo, pygame.K_u, tooltip="Take back the last change"
        )
        self.submit_button = self.button(
            (x0, bar.submit_y, self.right_w, self.submit_h),
            "Submit orders",
            self.submit,
            pygame.K_RETURN,
            object_id="#primary",
            tooltip="Hand in your orders; they resolve when every seat has submitted",
        )

    def _order_keys(self) -> None:
        """1-9 choose a budget line; Up/Down (and + and -) move its amount."""
        for k in range(min(len(self.categories), 9)):
            self.shortcut(pygame.K_1 + k, partial(self.select, k))
        for key, step in (
            (pygame.K_UP, 1),
            (pygame.K_EQUALS, 1),
            (pygame.K_PLUS, 1),
            (pygame.K_KP_PLUS, 1),
            (pygame.K_DOWN, -1),
            (pygame.K_MINUS, -1),
            (pygame.K_KP_MINUS, -1),
        ):
            self.shortcut(key, partial(self.nudge, step))

    def _render_panels(self) -> None:
        """Render the board and the panels (once per view and size; a scroll only moves them)."""
        pal, s = self.app.palette, self.app.scale
        key = (self._view_id, tuple(self.board_rect), self.right_w, s, pal.name)
        if getattr(self, "_panels_key", None) == key:
            return
        self._panels_key = key
        old = getattr(self, "board", None)
        board = Board(self.board_rect, self.view, pal, s)
        self.board = board
        if self._animate_from is not None:
            was = old.surface if old is not None else None
            self._tween = Tween(self._animate_from, board, old_surface=was)
            self._animate_from = None
        self.own_surf, self._own_regs = None, []
        self.rivals_surf, self._rivals_regs = None, []
        if self.seat is not None:
            lines = own_lines(self.view, self.session.scenario.params.diplomacy, self.trail)
            self.own_surf, self._own_regs = own_panel(
                self.view, self.right_w, pal, s, lines, self.trail
            )
            self.rivals_surf, self._rivals_regs = rivals_panel(
                self.view, self.right_w, pal, s, self.trail
            )
        self._render_head()
        self._orders_surf: pygame.Surface | None = None

    def _orders_height(self) -> int:
        """The orders block: title, one row a budget line (and, compact, the chosen line's
        slider), the summary, up to five lines more."""
        u = self.u
        slider = u(32) if self.stacked else 0
        return (
            u(26) + len(self.categories) * self.row_h + slider + u(10) + self._tail_lines() * u(19)
        )

    def _tail_lines(self) -> int:
        """Lines under the budget lines: the summary, the diplomacy in the orders, the verdict."""
        if self.draft is None:
            return 0
        fs, w = self.u(15), self.right_w
        n = (
            2
            if txt.font(fs).size("Budget 000.0: arms 00.0, diplomacy 0.0, economy 000.0")[0] > w
            else 1
        )
        if self.draft.plan.actions:
            n += 2
        problems = self.draft.problems()
        n += min(3, len(txt.wrap("Not legal: " + "; ".join(problems), fs, w))) if problems else 1
        return n

    @property
    def stacked(self) -> bool:
        """Large text (compact orders): each budget line is one row of its name and amount, and
        one slider below them sets the chosen line."""
        return self.right_w - self.u(260) < self.u(120)

    @property
    def row_h(self) -> int:
        return self.u(20) if self.stacked else self.u(30)

    def _slider_rect(self, k: int) -> pygame.Rect:
        u = self.u
        if self.stacked:
            y = self.orders_top + len(self.categories) * self.row_h + u(4)
            return pygame.Rect(self.x0, y, self.right_w - u(8), u(26))
        y = self.orders_top + k * self.row_h
        return pygame.Rect(self.x0 + u(110), y, self.right_w - u(110) - u(150), u(26))

    def _place_column(self) -> None:
        """Where the column's parts are drawn at the current scroll, and their tooltips."""
        u, col = self.u, self.column
        parts: list[tuple[str, int]] = []
        panels = [(n, sf) for n, sf in (("own", self.own_surf), ("rivals", self.rivals_surf)) if sf]
        orders_h = self._orders_height() if self.draft is not None else u(80)
        total = sum(sf.get_height() + u(8) for _, sf in panels) + orders_h
        # What a player needs every turn comes first: when the column cannot hold everything
        # (large text), the orders go on top and the panels (whose numbers the turn report and
        # the board also give) below them.
        self.orders_first = self.draft is not None and total > col.h
        y = orders_h + u(8) if self.orders_first else 0
        for name, surf in panels:
            parts.append((name, y))
            y += surf.get_height() + u(8)
        self._orders_y = 0 if self.orders_first else y
        self.content_h = y if self.orders_first else y + orders_h
        self.max_scroll = max(0, self.content_h - col.h)
        self.scroll = min(max(getattr(self, "scroll", 0), 0), self.max_scroll)
        off = col.y - self.scroll
        self.regions.clear()
        self.regions.extend(self.board.regions)
        for name, py in parts:
            pos = (self.x0, off + py)
            setattr(self, f"{name}_pos", pos)
            for r, t in self._own_regs if name == "own" else self._rivals_regs:
                shown = r.move(pos).clip(col)
                if shown.w > 0 and shown.h > 0:
                    self.regions.add(shown, t)
        self.orders_top = off + self._orders_y + u(26)
        self._placed_orders_h = orders_h
        self._orders_surf = None

    def scroll_by(self, pages: float) -> None:
        """Scroll the right-hand column by ``pages`` of its height (PageUp/PageDown, the wheel)."""
        if self.max_scroll <= 0:
            return
        old = self.scroll
        self.scroll = min(max(round(old + pages * self.column.h * 0.8), 0), self.max_scroll)
        if self.scroll != old:
            self.rebuild()

    def _show_row(self, k: int) -> None:
        """Scroll so that budget line ``k`` is in sight."""
        if self.max_scroll <= 0 or self.draft is None:
            return
        u = self.u
        row = self.row_h
        top = self._orders_y + u(26) + k * row
        want = self.scroll
        if top < self.scroll:
            want = top - u(30)
        elif top + row > self.scroll + self.column.h:
            want = top + row + u(30) - self.column.h
        want = min(max(want, 0), self.max_scroll)
        if want != self.scroll:
            self.scroll = want
            self.rebuild()

    # Intents --------------------------------------------------------------------------------

    def select(self, k: int) -> None:
        was = self.selected
        self.selected = k
        self._orders_surf = None
        self._show_row(k)
        if self.stacked and was != k and self.root is not None:
            self.rebuild()

    def nudge(self, step: int) -> None:
        if self.draft is None or not self.categories:
            return
        self._show_row(self.selected % len(self.categories))
        cat = self.categories[self.selected % len(self.categories)]
        if cat == "cut":
            top = self.view.max_cut
            self.draft.set_cut(min(max(self.draft.plan.cut + step * top / KEY_STEPS, 0.0), top))
        else:
            top = self.draft.menu.budget
            value = self.draft.plan.amount(cat) + step * top / KEY_STEPS
            self.draft.set_spend(cat, min(max(value, 0.0), top))
        self.sync()

    def hold(self) -> None:
        assert self.draft is not None
        self.draft.hold()
        self.sync()

    def arm(self) -> None:
        assert self.draft is not None
        self.draft.arm()
        self.sync()

    def undo(self) -> None:
        if self.draft is not None and self.draft.undo():
            self.sync()

    def diplomacy(self) -> None:
        navigation.push(self.app, "diplomacy", self.draft, self.view)

    def lens(self) -> None:
        navigation.push(self.app, "lens", self.session, self.seat)

    def pause(self) -> None:
        navigation.push(self.app, "pause", self.match)

    def submit(self) -> None:
        assert self.draft is not None
        problems = self.draft.problems()
        if problems:
            self.app.show_message("These orders are not legal", "<br>".join(problems))
            return
        try:
            events = self.match.submit(self.draft)
        except IllegalOrder as exc:
            self.app.show_message("These orders are not legal", str(exc))
            return
        self.app.sound.play("submit")
        self._after(events)

    def next_ai_turn(self) -> None:
        self._after(self.match.resolve())

    def _after(self, events) -> None:
        if events is None:  # the next team gives its orders
            navigation.replace(self.app, "cover", self.match)
            return
        if self.session.over:
            self.app.sound.play("war" if self.session.world.over[0] else "end")
            navigation.replace(self.app, "end", self.match)
            navigation.reveal_bet_if_due(
                self.app, self.match
            )  # the bet's reveal, if the game ended first
            return
        if self.match.hot_seat:
            navigation.replace(self.app, "cover", self.match)
            navigation.reveal_bet_if_due(self.app, self.match) or navigation.ask_bet_if_due(
                self.app, self.match
            )
            return
        self.draft = self.match.draft()
        self._ask = self._crises()
        if self._ask:
            self.app.sound.play("alert")
        if not self.app.settings.reduce_motion:
            self._animate_from = self.view
        self._refresh_view()
        self._report = self._take_report()
        self._offers = self._open_offers()
        self.rebuild()

        # Place your bet before its turn; its reveal after the turn it names (after the report).
        def then() -> None:
            navigation.reveal_bet_if_due(self.app, self.match) or navigation.ask_bet_if_due(
                self.app, self.match
            )

        if self._report is not None:
            self._then = then
        else:
            then()

    def sync(self) -> None:
        """Widgets follow the draft (after undo, a preset or a key)."""
        if self.draft is None:
            return
        for cat, sl in self.sliders.items():
            value = self.draft.plan.cut if cat == "cut" else self.draft.plan.amount(cat)
            if abs(sl.get_current_value() - value) > 1e-9:
                sl.set_current_value(value)
        ok = not self.draft.problems()
        if ok != self.submit_button.is_enabled:
            self.submit_button.enable() if ok else self.submit_button.disable()
        if self.draft.can_undo != self.undo_button.is_enabled:
            self.undo_button.enable() if self.draft.can_undo else self.undo_button.disable()
        self._orders_surf = None
        if self._orders_height() != getattr(self, "_placed_orders_h", None):
            self._place_column()  # the orders grew or shrank (a problem, an action)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.column.collidepoint(pygame.mouse.get_pos()):
            self.scroll_by(-0.25 * event.y)
            return
        if event.type == pygame.MOUSEWHEEL and self.head_rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_head(-1 if event.y > 0 else 1)
            return
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and self.draft is not None:
            cat = next((c for c, sl in self.sliders.items() if sl is event.ui_element), None)
            if cat == "cut":
                self.draft.set_cut(float(event.value))
            elif cat is not None:
                self.draft.set_spend(cat, float(event.value))
            if cat is not None:
                self.selected = self.categories.index(cat)
                self.sync()

    # Frame ----------------------------------------------------------------------------------

    @property
    def animating(self) -> bool:
        """The board is moving to the new turn (the window keeps its full frame rate)."""
        return self._tween is not None

    def update(self, dt: float) -> None:
        self._tick_board(dt)
        if self._report is not None and self.app.top is self:
            report, self._report = self._report, None
            then, self._then = self._then, None
            navigation.push(self.app, "report", report, self.board, then, self._tick_board)
        elif self._ask and self.app.top is self and self.draft is not None:
            other = self._ask.pop(0)
            navigation.push(self.app, "crisis", self.draft, other)
        elif self._offers and self.app.top is self and self.draft is not None:
            navigation.push(self.app, "offer", self.draft, self._offers.pop(0))

    def _orders_picture(self) -> pygame.Surface:
        u = self.u
        assert self.draft is not None
        surf = pygame.Surface((self.right_w, self._orders_height()))
        surf.fill(BACKGROUND)
        surf.blit(txt.render("Your orders", u(16), MUTED, True), (0, 0))
        row = self.row_h
        fs = u(15)
        regions = []
        for k, cat in enumerate(self.categories):
            y = u(26) + k * row
            mark = k == self.selected % len(self.categories)
            name = f"{k + 1} {category_label(cat)}"
            surf.blit(txt.render(name, fs, TEXT if mark else MUTED, mark), (0, y + u(3)))
            if cat == "cut":
                value = f"{self.draft.plan.cut:.1f} reach"
            else:
                amount = self.draft.plan.amount(cat)
                units = self.draft.units(cat)
                unit = "" if self.stacked else f" {cat}"
                value = f"{amount:.1f}" + (f" -> +{units:.1f}{unit}" if units is not None else "")
            vx = (
                self.right_w - u(150)
                if not self.stacked
                else self.right_w - u(8) - txt.font(fs).size(value)[0]
            )
            surf.blit(txt.render(value, fs, TEXT), (vx, y + u(3)))
            regions.append((pygame.Rect(0, y, u(105), u(30)), CATEGORY_HELP.get(cat, cat)))
        y = u(26) + len(self.categories) * row + u(4) + (u(32) if self.stacked else 0)
        civ = self.draft.civilian()
        summary = (
            f"Budget {self.draft.menu.budget:.1f}: arms {self.draft.military():.1f}, "
            f"diplomacy {self.draft.diplomacy_cost():.1f}, economy {max(civ, 0):.1f}"
        )
        lines = txt.wrap(summary, fs, self.right_w)[:2]
        regions.append(
            (
                pygame.Rect(0, y, self.right_w, u(19) * len(lines)),
                "What is not spent on arms or diplomacy goes to the civilian economy, "
                "which grows it.",
            )
        )
        for line in lines:
            surf.blit(txt.render(line, fs, TEXT), (0, y))
            y += u(19)
        y += u(3)
        acts = self.draft.plan.actions
        if acts:
            slots = [t.slot for t in self.view.treaties]
            labels = [
                _lower_first(proposal_label(a.kind, a.cap, a.parties))
                if a.action == "propose_treaty"
                else _lower_first(action_label(a.action))
                + (f" ({a.other})" if a.other else "")
                + (f" (treaty {slots.index(a.treaty) + 1})" if a.treaty in slots else "")
                for a in acts
            ]
            for line in orders_lines(labels, fs, self.right_w):
                surf.blit(txt.render(line, fs, TEXT), (0, y))
                y += u(19)
        problems = self.draft.problems()
        colour = self.app.palette.bad
        if problems:
            for line in txt.wrap("Not legal: " + "; ".join(problems), fs, self.right_w)[:3]:
                surf.blit(txt.render(line, fs, colour), (0, y))
                y += u(19)
        else:
            surf.blit(txt.render("Legal: ready to submit", fs, self.app.palette.good), (0, y))
        at = (self.x0, self.orders_top - u(26))
        moved = [(r.move(at).clip(self.column), t) for r, t in regions]
        self._order_regions = [(r, t) for r, t in moved if r.w > 0 and r.h > 0]
        return surf

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        v = self.view
        who = self.session.scenario.names[self.seat] if self.seat is not None else "AI seats"
        turn = f"turn {min(v.turn + 1, v.turns)} of {v.turns}"
        # The header stops short of the Theory lens and Menu buttons: at large text it drops the
        # lesson's title first, then shrinks.
        room = self.width - u(310) - u(12) - u(8)
        size = u(20)
        head = f"{v.title}   {turn}   {who}"
        if txt.font(size, True).size(head)[0] > room:
            head = f"{turn[0].upper()}{turn[1:]}   {who}"
        while txt.font(size, True).size(head)[0] > room and size > u(12):
            size -= 1
        self.header, self.header_size = head, size
        surface.blit(txt.render(head, size, TEXT, True), (u(12), u(10) + (u(20) - size) // 2))
        (self._tween or self.board).draw(surface)
        surface.blit(self.head_surf, self.head_rect)
        clip = surface.get_clip()
        surface.set_clip(self.column)
        if self.own_surf is not None:
            surface.blit(self.own_surf, self.own_pos)
        if self.rivals_surf is not None:
            surface.blit(self.rivals_surf, self.rivals_pos)
        if self.draft is not None:
            if self._orders_surf is None:
                self._orders_surf = self._orders_picture()
            surface.blit(self._orders_surf, (self.x0, self.orders_top - u(26)))
        surface.set_clip(clip)
        hint = "Tab: step through the numbers   1-5: pick a budget line, Up/Down: change it"
        if self.max_scroll > 0:
            self._draw_scrollbar(surface)
            hint += "   PgUp/PgDn: scroll"
        surface.blit(txt.render(hint, u(13), MUTED), (u(12), self.height - u(20)))
        pygame.draw.line(surface, PANEL_EDGE, (0, self.top_h - 2), (self.width, self.top_h - 2))

    def _draw_scrollbar(self, surface: pygame.Surface) -> None:
        col, u = self.column, self.u
        x = col.right + u(3)
        pygame.draw.line(surface, PANEL_EDGE, (x, col.top), (x, col.bottom), u(3))
        h = max(u(20), round(col.h * col.h / self.content_h))
        y = col.top + round((col.h - h) * self.scroll / self.max_scroll)
        pygame.draw.line(surface, MUTED, (x, y), (x, y + h), u(3))

    def draw_over(self, surface: pygame.Surface) -> None:
        extra = getattr(self, "_order_regions", [])
        hit = self.regions.focused() or self.regions.at(pygame.mouse.get_pos())
        if hit is None and self.regions.focus is None:
            pos = pygame.mouse.get_pos()
            for rect, tip in extra:
                if rect.collidepoint(pos):
                    hit = (rect, tip)
        if hit is not None:
            from game.ui.drawing.tooltip import draw_tip

            draw_tip(surface, hit[0], hit[1], self.u(15), outline=self.regions.focus is not None)
