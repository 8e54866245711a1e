"""New game: the scenario (with its intro), the state you lead, who plays each seat, the seed."""

from __future__ import annotations

import html
import secrets

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList, UITextBox, UITextEntryLine

from game.policies import DIFFICULTIES, REGISTRY
from game.scenarios import Scenario, builtin_ids, load
from game.session import SeatError, Session
from game.ui import flow
from game.ui import text as txt
from game.ui.scenes.base import Scene
from game.ui.theme import BACKGROUND, MUTED, TEXT

MAX_SEED = 999_999
#: The scenario a new player starts on.
FIRST_LESSON = "two_neighbours"


def opponent_label(name: str) -> str:
    cls = REGISTRY[name]
    return f"AI: {getattr(cls, 'title', name)} ({name})"


class SetupScene(Scene):
    """Pick what to play; Enter starts."""

    def __init__(self, app, scenario_id: str | None = None):
        super().__init__(app)
        self.ids = builtin_ids()
        self.scenarios: dict[str, Scenario] = {}
        first = scenario_id if scenario_id in self.ids else FIRST_LESSON
        self.index = self.ids.index(first) if first in self.ids else 0
        self.seed = secrets.randbelow(MAX_SEED)
        self.seed_entry: UITextEntryLine | None = None
        self._choose(self.index)

    # State ----------------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        sid = self.ids[self.index]
        if sid not in self.scenarios:
            self.scenarios[sid] = load(sid)
        return self.scenarios[sid]

    def _choose(self, index: int) -> None:
        self.index = index % len(self.ids)
        sc = self.scenario
        self.seats: list[list[str]] = []
        for text in sc.default_seats:
            parts = text.split(":")
            if parts[0] == "human":
                self.seats.append(["human", "baseline", "normal"])
            else:
                name = parts[1] if len(parts) > 1 and parts[1] in REGISTRY else "baseline"
                self.seats.append(["ai", name, parts[2] if len(parts) > 2 else "normal"])
        humans = [i for i, s in enumerate(self.seats) if s[0] == "human"]
        self.lead = humans[0] if humans else 0
        self.seats[self.lead][0] = "human"

    def seat_texts(self) -> list[str]:
        out = []
        for kind, name, difficulty in self.seats:
            if kind == "human":
                out.append("human")
            else:
                out.append(f"ai:{name}" + (f":{difficulty}" if difficulty != "normal" else ""))
        return out

    # Intents --------------------------------------------------------------------------------

    def pick(self, index: int) -> None:
        self._choose(index)
        self.rebuild()

    def set_lead(self, step: int) -> None:
        n = len(self.seats)
        old = self.lead
        self.lead = (self.lead + step) % n
        self.seats[old][0] = "ai" if old != self.lead else self.seats[old][0]
        self.seats[self.lead][0] = "human"
        self.rebuild()

    def toggle(self, i: int) -> None:
        if i == self.lead or i >= len(self.seats):
            return
        self.seats[i][0] = "ai" if self.seats[i][0] == "human" else "human"
        self.rebuild()

    def reseed(self) -> None:
        self.seed = secrets.randbelow(MAX_SEED)
        self.rebuild()

    def start(self) -> None:
        self._read_seed()
        try:
            session = Session.new(self.scenario, self.seed, self.seat_texts())
        except SeatError as exc:
            self.app.show_message("Cannot start", str(exc))
            return
        self.app.sound.play("submit")
        flow.start(self.app, session)

    def _read_seed(self) -> None:
        text = self.seed_entry.get_text().strip() if self.seed_entry is not None else ""
        if text.isdigit():
            self.seed = min(int(text), 2**31 - 1)

    # Widgets --------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        pad = u(20)
        left_w = max(u(220), W // 4)
        top = u(70)
        items = [
            load(sid).title if sid not in self.scenarios else self.scenarios[sid].title
            for sid in self.ids
        ]
        self.list = UISelectionList(
            pygame.Rect(pad, top, left_w, H - top - u(90)),
            items,
            self.manager,
            container=self.root,
            default_selection=items[self.index],
        )
        x = pad * 2 + left_w
        right_w = W - x - pad
        sc = self.scenario
        body = "<br><br>".join(html.escape(c) for c in sc.intro_cards)
        goals = "<br>".join(f"- {html.escape(o)}" for o in sc.objectives)
        intro_h = max(u(150), int(H * 0.36))
        UITextBox(
            f"<b>{html.escape(sc.title)}</b><br>{html.escape(sc.summary)}<br><br>{body}"
            f"<br><br><b>Objectives</b><br>{goals}",
            pygame.Rect(x, top, right_w, intro_h),
            self.manager,
            container=self.root,
        )
        y = top + intro_h + u(12)
        row = u(34)
        self.button(
            (x, y, u(330), row),
            f"You lead: {sc.names[self.lead]}",
            lambda: self.set_lead(1),
            pygame.K_RIGHT,
            tooltip="The state you play (Left/Right to change)",
        )
        self.shortcut(pygame.K_LEFT, lambda: self.set_lead(-1))
        y += row + u(8)
        opponents = [opponent_label(n) for n in REGISTRY]
        for i, (kind, name, difficulty) in enumerate(self.seats):
            text = sc.texts[i]
            self.label(
                (x, y, u(220), row), f"{sc.names[i]} ({text.role})", tooltip=text.description
            )
            who = "You" if i == self.lead else ("Human" if kind == "human" else "AI")
            key = pygame.K_1 + i if i < 9 else None
            self.button(
                (x + u(225), y, u(130), row),
                who,
                lambda i=i: self.toggle(i),
                key,
                tooltip="Human seats play hot-seat, with a cover screen between teams",
                enabled=i != self.lead,
            )
            if kind == "ai":
                dd = UIDropDownMenu(
                    opponents,
                    opponent_label(name),
                    pygame.Rect(x + u(365), y, u(300), row),
                    self.manager,
                    container=self.root,
                )
                dd.seat, dd.field = i, 1
                dd2 = UIDropDownMenu(
                    list(DIFFICULTIES),
                    difficulty,
                    pygame.Rect(x + u(675), y, u(120), row),
                    self.manager,
                    container=self.root,
                )
                dd2.seat, dd2.field = i, 2
            y += row + u(6)
        y += u(6)
        self.label((x, y, u(60), row), "Seed", tooltip="The same seed gives the same world")
        self.seed_entry = UITextEntryLine(
            pygame.Rect(x + u(65), y, u(140), row), self.manager, container=self.root
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(str(self.seed))
        self.button((x + u(215), y, u(170), row), "New seed", self.reseed, pygame.K_r)
        bw = u(200)
        self.button(
            (W - pad - bw, H - u(64), bw, u(44)),
            "Start",
            self.start,
            pygame.K_RETURN,
            object_id="#primary",
        )
        self.button(
            (W - 2 * pad - 2 * bw, H - u(64), bw, u(44)), "Back", self.app.pop, pygame.K_ESCAPE
        )
        self.shortcut(pygame.K_UP, lambda: self.pick(self.index - 1))
        self.shortcut(pygame.K_DOWN, lambda: self.pick(self.index + 1))

    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            titles = [
                self.scenarios[s].title if s in self.scenarios else load(s).title for s in self.ids
            ]
            if event.text in titles and titles.index(event.text) != self.index:
                self._read_seed()
                self.pick(titles.index(event.text))
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            seat = getattr(event.ui_element, "seat", None)
            if seat is None:
                return
            if event.ui_element.field == 1:
                names = list(REGISTRY)
                labels = [opponent_label(n) for n in names]
                if event.text in labels:
                    self.seats[seat][1] = names[labels.index(event.text)]
            else:
                self.seats[seat][2] = event.text
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self._read_seed()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        surface.blit(txt.render("New game", self.u(30), TEXT, True), (self.u(20), self.u(18)))
        hint = "Up/Down: scenario   Left/Right: your state   1-8: human or AI   Enter: start"
        surface.blit(txt.render(hint, self.u(14), MUTED), (self.u(20), self.height - self.u(36)))
