"""The diplomacy menu: the actions of the engine that the lesson opens (its ``diplomacy`` groups:
progressive disclosure), with what each does, what it costs, and, when the engine would refuse
it, why (in the engine's words). In a crisis the crisis answers are offered too."""

from __future__ import annotations

import re

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from game.engine.actions import ACTION_GROUPS, ACTIONS, TREATY_KINDS, Action
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT
from game.ui.model.draft import OrderDraft
from game.ui.model.plain_words import (
    TREATY_NAMES,
    action_cost,
    action_help,
    action_label,
    proposal_label,
    purpose_label,
    treaty_label,
    treaty_terms,
)
from game.ui.model.views import TurnView
from game.ui.scenes.scene import Overlay

CRISIS_ANSWERS = ("back_down", "stand_firm", "escalate")
#: Every action but the crisis answers (which come from the crisis prompt, and join this menu
#: only while the seat is in a crisis).
MENU = tuple(a for a in ACTIONS if a not in CRISIS_ANSWERS)


def menu_for(groups: tuple[str, ...] | list[str], crisis: bool) -> tuple[str, ...]:
    """The actions a lesson with diplomacy ``groups`` offers (crisis answers when in a crisis)."""
    allowed = set(groups)
    out = tuple(a for a in MENU if ACTION_GROUPS[a] in allowed)
    return out + (CRISIS_ANSWERS if crisis else ())


SLOT_ACTIONS = ("sign_treaty", "leave_treaty", "inspect", "cheat")
NUMBER_CHARS = list("0123456789.")


def _label(action: str) -> str:
    return action_label(action)


class DiplomacyScene(Overlay):
    """Choose an action and whom (or which treaty) it concerns; Add puts it in your orders."""

    def __init__(self, app, draft: OrderDraft, view: TurnView):
        super().__init__(app)
        self.draft = draft
        self.view = view
        self.names = draft.session.scenario.names
        self.me = self.names[draft.seat]
        self.others = [n for n in self.names if n != self.me]
        world, seat = draft.session.world, draft.seat
        #: The states this seat is in a crisis with (the crisis answers name one of them).
        self.crises = [
            self.names[j] for j in range(world.n) if j != seat and world.crisis[0, seat, j] > 0.5
        ]
        self.menu = menu_for(draft.session.scenario.params.diplomacy, bool(self.crises))
        self.action_i = 0
        self.target_i = 0
        self.kind_i = 0
        #: A treaty proposal's third party (None: only the two of you).
        self.also: str | None = None
        self.numbers = {"reach": "0", "shield": "5", "cap": "20", "verification": "0.5"}
        self.entries: dict[str, UITextEntryLine] = {}
        self._status: str | None = None
        self._first_available()

    def _first_available(self) -> None:
        """Open on something the player can do now (a crisis answer first, in a crisis; a
        treaty that awaits your signature before another): never on a refusal."""
        order = list(range(len(self.menu)))
        if self.crises:
            order.sort(key=lambda k: self.menu[k] not in CRISIS_ANSWERS)
        for k in order:
            self.action_i = k
            targets = self.targets()
            picks = list(range(len(targets)))
            if self.action == "sign_treaty":
                picks.sort(key=lambda m: "awaits your signature" not in targets[m])
            for m in picks:
                self.target_i = m
                act = self.current()
                if act is not None and self.draft.why_not(act) is None:
                    self._status = None
                    return
        self.action_i = self.target_i = 0
        self._status = None

    # What is chosen -------------------------------------------------------------------------

    @property
    def action(self) -> str:
        return self.menu[self.action_i % len(self.menu)] if self.menu else ""

    def purposes(self) -> list[str]:
        """The menu's groups, in its order (crisis answers first when in a crisis)."""
        groups = []
        for a in self.menu:
            g = ACTION_GROUPS[a]
            if g not in groups:
                groups.append(g)
        if "crisis" in groups:
            groups.remove("crisis")
            groups.insert(0, "crisis")
        return groups

    @property
    def purpose(self) -> str:
        return ACTION_GROUPS.get(self.action, "")

    def in_purpose(self) -> list[str]:
        """The actions of the chosen purpose (the action list shows only these)."""
        return [a for a in self.menu if ACTION_GROUPS[a] == self.purpose]

    def targets(self) -> list[str]:
        if self.action in CRISIS_ANSWERS:
            return self.crises
        if self.action in SLOT_ACTIONS:
            return [treaty_label(k + 1, t, self.me) for k, t in enumerate(self.view.treaties)] or [
                "(no treaty on the table)"
            ]
        return self.others

    NOBODY = "no one else"

    def also_options(self) -> list[str]:
        """Who else a treaty proposal may invite: nobody, or a state other than the first."""
        targets = self.others
        pick = targets[self.target_i % len(targets)] if targets else ""
        return [self.NOBODY] + [n for n in self.others if n != pick]

    def _number(self, key: str) -> float:
        entry = self.entries.get(key)
        text = entry.get_text() if entry is not None else self.numbers[key]
        self.numbers[key] = text
        try:
            return float(text)
        except ValueError:
            return 0.0

    def current(self) -> Action | None:
        if not self.menu:
            return None
        targets = self.targets()
        pick = targets[self.target_i % len(targets)]
        a = self.action
        if a in SLOT_ACTIONS:
            if not self.view.treaties:
                return None
            slot = self.view.treaties[self.target_i % len(self.view.treaties)].slot
            return Action(a, self.me, treaty=slot)
        if a == "propose_treaty":
            return Action(
                a,
                self.me,
                kind=TREATY_KINDS[self.kind_i],
                parties=(pick,) + ((self.also,) if self.also not in (None, pick) else ()),
                cap=self._number("cap"),
                verification=self._number("verification"),
            )
        if a == "offer_deployment":
            return Action(
                a, self.me, pick, reach=self._number("reach"), shield=self._number("shield")
            )
        return Action(a, self.me, pick)

    @property
    def status_colour(self) -> tuple[int, int, int]:
        """Green when the chosen action can be added; otherwise muted, not red: nothing has gone
        wrong yet (a refused "Add" says so in its own dialog)."""
        return self.app.palette.good if self.status().startswith("Available") else MUTED

    def _params(self) -> dict[str, float]:
        w = self.draft.session.world
        params = {}
        for name in ("recall_lead", "drill_cost", "audience_cost", "inspection_cost"):
            try:
                params[name] = float(w.param(name)[0])
            except (AttributeError, KeyError, TypeError):
                pass
        budget = self.draft.menu.budget
        for name in ("drill", "inspection"):
            if f"{name}_cost" in params:
                params[f"{name}_budget"] = params[f"{name}_cost"] * budget
        return params

    def meaning(self) -> str:
        """What the chosen action does and costs, in a sentence, with the lesson's numbers."""
        if not self.action:
            return ""
        said = action_help(self.action, self._params()) or ACTIONS[self.action].capitalize() + "."
        treaties = self.view.treaties
        if self.action in SLOT_ACTIONS and treaties:
            terms = treaty_terms(treaties[self.target_i % len(treaties)])
            if terms:  # what the chosen treaty's cap means ("Shield cap 5.4": at or below 5.4)
                said += f" This treaty: {terms}."
        return said

    def cost(self) -> str:
        return action_cost(self.action, self._params()) if self.action else ""

    def preview(self) -> str:
        """The engine's forecast of the chosen action's effect this turn (others holding)."""
        act = self.current()
        if act is None or self.draft.why_not(act) is not None:
            return ""
        moves = self.draft.preview(act)
        if not moves:
            return "Preview: none of your numbers moves this turn if the others hold."
        return "Preview, if the others hold: " + "; ".join(moves) + "."

    def status(self) -> str:
        if self._status is None:
            act = self.current()
            if act is None and not self.menu:
                self._status = "This lesson has no diplomacy."
            elif act is None:
                self._status = "Not available: there is no treaty to act on."
            else:
                why = self.draft.why_not(act)
                if why is not None:  # the engine names treaty slots; the menu numbers them
                    number = {t.slot: k + 1 for k, t in enumerate(self.view.treaties)}
                    why = re.sub(
                        r"treaty (\d+)",
                        lambda m: f"treaty {number.get(int(m.group(1)), m.group(1))}",
                        why,
                    )
                self._status = "Available." if why is None else f"Not available: {why}"
        return self._status

    # Widgets --------------------------------------------------------------------------------

    def orders_text(self) -> str:
        """The diplomatic actions in the orders, as the dialog lists them: whom each concerns,
        which treaty, and for a proposal its kind, cap and parties."""
        acts = self.draft.plan.actions
        if not acts:
            return "No diplomatic action in your orders yet."
        slots = [t.slot for t in self.view.treaties]
        listing = ", ".join(
            proposal_label(a.kind, a.cap, a.parties)
            if a.action == "propose_treaty"
            else _label(a.action)
            + (f" ({a.other})" if a.other else "")
            + (f" (treaty {slots.index(a.treaty) + 1})" if a.treaty in slots else "")
            for a in acts
        )
        return f"In your orders: {listing}"

    def layout(self) -> None:
        """The dialog: what to do and to whom, the terms it takes, then Add, Remove last and
        Done at its foot (the text between them is drawn)."""
        u = self.u
        self.box = pygame.Rect(
            0, 0, min(self.width - u(40), u(820)), min(self.height - u(40), u(520))
        )
        self.box.center = (self.width // 2, self.height // 2)
        x, y = self.box.x + u(16), self.box.y + u(56)
        row = u(34)
        self.action_menu: UIDropDownMenu | None = None
        self.target_menu: UIDropDownMenu | None = None
        self.purpose_menu: UIDropDownMenu | None = None
        self.also_menu: UIDropDownMenu | None = None
        self.kind_menu: UIDropDownMenu | None = None
        if self.menu:
            y = self._choosers(x, y, row)
        self.entries = {}
        if self.action in ("offer_deployment", "propose_treaty"):
            y += row + u(10)
        y = self._terms(x, y, row)
        self.text_top = y + row + u(10)
        self._buttons_and_keys()
        self._status = None

    def _room_below(self, y: int, row: int) -> int:
        """How far a list opened at ``y`` may drop inside the dialog (it scrolls when long)."""
        return max(self.box.bottom - self.u(16) - (y + row), 3 * row)

    def _choosers(self, x: int, y: int, row: int) -> int:
        """Row one: the purpose, then its actions; row two: whom (or which treaty), and for a
        treaty a third party. The lists open inside the dialog (they scroll when long), never
        past its edge. Returns the second row's top."""
        u = self.u
        room = self._room_below(y, row)
        inner = self.box.w - u(32)
        pw = (inner - u(10)) * 2 // 5
        self.purpose_menu = UIDropDownMenu(
            [purpose_label(g) for g in self.purposes()],
            purpose_label(self.purpose),
            pygame.Rect(x, y, pw, row),
            self.manager,
            container=self.root,
            expansion_height_limit=room,
        )
        self.action_menu = UIDropDownMenu(
            list[str | tuple[str, str]]([_label(a) for a in self.in_purpose()]),
            _label(self.action),
            pygame.Rect(x + pw + u(10), y, inner - pw - u(10), row),
            self.manager,
            container=self.root,
            expansion_height_limit=room,
        )
        y += row + u(10)
        targets = self.targets()
        lw = txt.font(self.font_size).size("Whom")[0] + u(12)
        self.label((x, y, lw, row), "Whom")
        three = self.action == "propose_treaty" and len(self.others) > 1
        tw = (pw if three else inner) - lw
        self.target_menu = UIDropDownMenu(
            list[str | tuple[str, str]](targets),
            targets[self.target_i % len(targets)],
            pygame.Rect(x + lw, y, tw, row),
            self.manager,
            container=self.root,
            expansion_height_limit=self._room_below(y, row),
        )
        if three:
            # A third party: three-party frameworks are proposed from here too.
            ax = x + pw + u(10)
            aw = txt.font(self.font_size).size("Also invite")[0] + u(12)
            self.label((ax, y, aw, row), "Also invite")
            options = self.also_options()
            self.also_menu = UIDropDownMenu(
                list[str | tuple[str, str]](options),
                self.also if self.also in options else options[0],
                pygame.Rect(ax + aw, y, self.box.right - u(16) - ax - aw, row),
                self.manager,
                container=self.root,
                expansion_height_limit=self._room_below(y, row),
            )
        return y

    def _terms(self, x: int, y: int, row: int) -> int:
        """The terms the action takes at ``y``: a deployment's reach and shield, or a treaty's
        kind, cap and verification. The kind's list is as wide as its longest name ("Ban on
        stationed forces"); when that leaves the fields too little room (large text in a
        narrow window), they go on the row below. Returns the last row's top."""
        u = self.u
        fields: list[str] = []
        font = txt.font(self.font_size)
        fx = x
        if self.action == "offer_deployment":
            fields = ["reach", "shield"]
        elif self.action == "propose_treaty":
            fields = ["cap", "verification"]
            names = [TREATY_NAMES.get(k, k) for k in TREATY_KINDS]
            inner = self.box.w - u(32)
            # The name, the list's arrow and the button's margins on both sides.
            kw = min(max(font.size(n)[0] for n in names) + u(48), inner)
            need = sum(font.size(k)[0] + u(12) + u(70) for k in fields) + u(10) * len(fields)
            wrap = kw + need > inner
            self.kind_menu = UIDropDownMenu(
                list[str | tuple[str, str]](names),
                TREATY_NAMES.get(TREATY_KINDS[self.kind_i], TREATY_KINDS[self.kind_i]),
                pygame.Rect(x, y, kw, row),
                self.manager,
                container=self.root,
                expansion_height_limit=self._room_below(y, row),
            )
            if wrap:
                y += row + u(10)
            else:
                fx = x + kw + u(10)
        # Each field a label and its entry, sharing the width left in the dialog (large text
        # narrows them rather than pushing the last one past the edge).
        room = self.box.right - u(16) - fx
        fw = min(u(200), (room - u(10) * max(len(fields) - 1, 0)) // max(len(fields), 1))
        for key in fields:
            lw = min(font.size(key)[0] + u(12), fw - u(50))
            self.label((fx, y, lw, row), key)
            e = UITextEntryLine(
                pygame.Rect(fx + lw, y, fw - lw, row), self.manager, container=self.root
            )
            e.set_allowed_characters(NUMBER_CHARS)
            e.set_text(self.numbers[key])
            self.entries[key] = e
            fx += fw + u(10)
        return y

    def _buttons_and_keys(self) -> None:
        """Add to orders, Remove last and Done in a row at the foot; arrows choose and aim."""
        u = self.u
        gap = u(10)
        bw = min(u(230), (self.box.w - u(32) - 2 * gap) // 3)  # three in a row, never overlapping
        by = self.box.bottom - u(56)
        self.button(
            (self.box.right - u(16) - bw, by, bw, u(42)),
            "Add to orders",
            self.add,
            pygame.K_RETURN,
            object_id="#primary",
        )
        self.button(
            (self.box.right - u(16) - gap - 2 * bw, by, bw, u(42)),
            "Remove last",
            self.remove_last,
            pygame.K_BACKSPACE,
            enabled=bool(self.draft.plan.actions),
        )
        self.button((self.box.x + u(16), by, bw, u(42)), "Done", self.app.pop, pygame.K_ESCAPE)
        self.shortcut(pygame.K_RIGHT, lambda: self.choose(1))
        self.shortcut(pygame.K_LEFT, lambda: self.choose(-1))
        self.shortcut(pygame.K_DOWN, lambda: self.aim(1))
        self.shortcut(pygame.K_UP, lambda: self.aim(-1))

    def choose(self, step: int) -> None:
        if not self.menu:
            return
        self.action_i = (self.action_i + step) % len(self.menu)
        self.target_i = 0
        self.rebuild()

    def aim(self, step: int) -> None:
        if not self.menu:
            return
        self.target_i = (self.target_i + step) % len(self.targets())
        self.rebuild()

    def add(self) -> None:
        act = self.current()
        if act is None:
            return
        reason = self.draft.add_action(act)
        if reason is not None:
            self.app.show_message("Not available", reason)
            return
        self.app.sound.play("click")
        self.rebuild()

    def remove_last(self) -> None:
        self.draft.remove_action(len(self.draft.plan.actions) - 1)
        self.rebuild()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.purpose_menu:
                groups = self.purposes()
                names = [purpose_label(g) for g in groups]
                if event.text in names:
                    group = groups[names.index(event.text)]
                    self.action_i = next(
                        k for k, a in enumerate(self.menu) if ACTION_GROUPS[a] == group
                    )
                    self.target_i = 0
                    self.rebuild()
            elif event.ui_element is self.action_menu:
                labels = [_label(a) for a in self.menu]
                if event.text in labels:
                    self.action_i = labels.index(event.text)
                    self.target_i = 0
                    self.rebuild()
            elif event.ui_element is self.target_menu:
                targets = self.targets()
                if event.text in targets:
                    self.target_i = targets.index(event.text)
                    self._status = None
                    if self.action == "propose_treaty":
                        if self.also == event.text:
                            self.also = None
                        self.rebuild()  # the third-party list leaves the first out
            elif event.ui_element is self.also_menu and self.also_menu is not None:
                self.also = None if event.text == self.NOBODY else event.text
                self._status = None
            elif event.ui_element is self.kind_menu and self.kind_menu is not None:
                names = [TREATY_NAMES.get(k, k) for k in TREATY_KINDS]
                if event.text in names:
                    self.kind_i = names.index(event.text)
                    self._status = None
        elif event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            self._status = None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        u = self.u
        pygame.draw.rect(surface, PANEL, self.box, border_radius=6)
        pygame.draw.rect(surface, (120, 180, 240), self.box, 2, border_radius=6)
        x = self.box.x + u(16)
        surface.blit(txt.render("Diplomacy", u(24), TEXT, True), (x, self.box.y + u(12)))
        width = self.box.w - u(32)
        text = self.orders_text()
        preview, status, colour = self.preview(), self.status(), self.status_colour
        # (priority, gap above, lines, size, colour): what does not fit above the buttons goes,
        # the least needed first (your orders' list, the cost, then "Available.").
        blocks = [
            (0, 0, txt.wrap(self.meaning(), u(16), width), u(16), TEXT),
            (3, 0, txt.wrap(self.cost(), u(15), width)[:2], u(15), MUTED),
            (1, u(4), txt.wrap(preview, u(15), width)[:3], u(15), ACCENT),
            # "Available." says less than the preview that only an available action has.
            (2 if preview else 1, u(6), txt.wrap(status, u(16), width)[:3], u(16), colour),
            (4, u(10), txt.wrap(text, u(15), width)[:3], u(15), MUTED),
        ]
        blocks = [b for b in blocks if any(b[2])]

        def height(bs) -> int:
            return sum(gap + len(lines) * round(size * 1.25) for _, gap, lines, size, _ in bs)

        room = self.box.bottom - u(80) - self.text_top
        while height(blocks) > room and len(blocks) > 1:
            blocks.remove(max(blocks, key=lambda b: b[0]))
        y = self.text_top
        self.text_bottom = y + height(blocks)
        for _, gap, lines, size, colour in blocks:
            y = txt.blit_lines(surface, lines, (x, y + gap), size, colour)
        hint = "Left/Right: action   Up/Down: whom"
        surface.blit(txt.render(hint, u(13), MUTED), (x, self.box.bottom - u(76)))
