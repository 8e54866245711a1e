"""New game: the scenario (with its intro), the state you lead, who plays each seat, the seed."""

from __future__ import annotations

import html
import secrets
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextBox, UITextEntryLine

from game.lessons import lessons
from game.policies import DIFFICULTIES, REGISTRY, roster
from game.scenarios import Scenario, load
from game.session import SeatError, Session
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
from game.ui.scenes.scene import Scene

MAX_SEED = 999_999
#: The scenario a new player starts on.
FIRST_LESSON = "two_neighbours"


class SetupScene(Scene):
    """Pick what to play; Enter starts."""

    def __init__(self, app, scenario_id: str | None = None):
        super().__init__(app)
        self.ids = lessons()  # in teaching order, the first lesson first
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
        ais = [i for i, s in enumerate(self.seats) if s[0] == "ai"]
        self.selected = ais[0] if ais else 0

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
        self.selected = i
        self.rebuild()

    def select_seat(self, step: int) -> None:
        """Move the seat marker (the seat whose opponent O and difficulty D change)."""
        self.selected = (self.selected + step) % len(self.seats)
        self.rebuild()

    def cycle_opponent(self, step: int, seat: int | None = None) -> None:
        i = self.selected if seat is None else seat
        self.selected = i
        if self.seats[i][0] == "ai":
            names = roster()
            self.seats[i][1] = names[(names.index(self.seats[i][1]) + step) % len(names)]
        self.rebuild()

    def cycle_difficulty(self, step: int, seat: int | None = None) -> None:
        i = self.selected if seat is None else seat
        self.selected = i
        if self.seats[i][0] == "ai":
            levels = list(DIFFICULTIES)
            self.seats[i][2] = levels[(levels.index(self.seats[i][2]) + step) % len(levels)]
        self.rebuild()

    def edit_seed(self) -> None:
        """Give the seed field the keyboard (Enter, Esc or Tab hands it back)."""
        if self.seed_entry is not None:
            self.manager.set_focus_set(self.seed_entry)
            self.seed_entry.focus()
            self.seed_entry.set_text("")

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
        navigation.start(self.app, session, intro=True)

    def _read_seed(self) -> None:
        text = self.seed_entry.get_text().strip() if self.seed_entry is not None else ""
        # ASCII digits only ("²" is a digit to isdigit but not to int), and never more than
        # int() will read: a long paste is a large seed, not a crash.
        if text.isascii() and text.isdecimal():
            self.seed = min(int(text[:12]), 2**31 - 1)

    # Widgets --------------------------------------------------------------------------------

    def layout(self) -> None:
        """The lessons listed on the left; on the right the chosen lesson's intro, the state
        you lead, a row for each seat, the seed, and Start and Back at the foot."""
        u, W, H = self.u, self.width, self.height
        pad = u(20)
        left_w = W // 4 if self.app.scale <= 1.25 else W // 5
        top = u(70)
        bottom = H - u(76)  # the Start and Back buttons, and the hint line below them
        self._lesson_list(pygame.Rect(pad, top, left_w, bottom - top - u(10)))
        x = pad * 2 + left_w
        right_w = W - x - pad
        gap = u(6)
        # The seat rows, the lead and the seed come first; the intro takes the height left (it
        # scrolls itself), and rows get tighter at large text, so the set-up fits the window.
        rows = len(self.seats) + 2
        fit = (bottom - top - u(60) - u(36)) // rows - gap
        row = min(u(34), max(round(u(16) * 1.4), fit))
        needed = (row + u(8)) + len(self.seats) * (row + gap) + u(6) + row + u(12)
        intro_h = max(u(60), min(int(H * 0.36), bottom - top - needed - u(10)))
        self._intro(pygame.Rect(x, top, right_w, intro_h))
        y = top + intro_h + u(12)
        self.button(
            (x, y, min(right_w, u(330)), row),
            f"You lead: {self.scenario.names[self.lead]}",
            lambda: self.set_lead(1),
            pygame.K_RIGHT,
            tooltip="The state you play (Left/Right to change)",
        )
        self.shortcut(pygame.K_LEFT, lambda: self.set_lead(-1))
        y += row + u(8)
        y = self._seat_rows(x, y, right_w, row, gap)
        y += u(6)
        self._seed_row(x, y, right_w, row, gap)
        # Below: what the chosen seat's AI opponent does, in a sentence (where there is room).
        self.describe = pygame.Rect(x, y + row + u(12), right_w, max(0, bottom - y - row - u(12)))
        bw = min(u(200), (W - 3 * pad) // 3)
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

    def _lesson_list(self, rect: pygame.Rect) -> None:
        """The lessons by title, in teaching order, the chosen one selected."""
        items: list[str | tuple[str, str]] = [
            load(sid).title if sid not in self.scenarios else self.scenarios[sid].title
            for sid in self.ids
        ]
        self.list = UISelectionList(
            rect,
            items,
            self.manager,
            container=self.root,
            default_selection=items[self.index],
        )

    def _intro(self, rect: pygame.Rect) -> None:
        """The chosen lesson's title, summary, intro and objectives (the box scrolls itself)."""
        sc = self.scenario
        body = "<br><br>".join(html.escape(c) for c in sc.intro_cards)
        goals = "<br>".join(f"- {html.escape(o)}" for o in sc.objectives)
        UITextBox(
            f"<b>{html.escape(sc.title)}</b><br>{html.escape(sc.summary)}<br><br>{body}"
            f"<br><br><b>Objectives</b><br>{goals}",
            rect,
            self.manager,
            container=self.root,
        )

    def _seat_rows(self, x: int, y: int, right_w: int, row: int, gap: int) -> int:
        """A row for each seat from ``y``: the state, who plays it, and for an AI seat its
        opponent and difficulty. Returns the ``y`` below the last row."""
        u, sc = self.u, self.scenario
        # Columns: the state, human or AI, the opponent, its difficulty (shares of the width).
        cols = (0.24, 0.15, 0.39, 0.22)
        widths = [int((right_w - 3 * gap) * c) for c in cols]
        xs = [x]
        for wd in widths[:-1]:
            xs.append(xs[-1] + wd + gap)
        self.seat_rows: list[pygame.Rect] = []
        for i, (kind, name, difficulty) in enumerate(self.seats):
            text = sc.texts[i]
            chosen = i == self.selected
            self.seat_rows.append(pygame.Rect(x - u(14), y, right_w + u(14), row))
            title = f"{sc.names[i]} ({text.role})"
            if txt.font(u(16)).size(title)[0] + u(8) > widths[0]:
                title = sc.names[i]  # the role is in the tooltip
            tip = f"{text.role}: {text.description}"
            self.label((xs[0], y, widths[0], row), title, tooltip=tip)
            who = "You" if i == self.lead else ("Human" if kind == "human" else "AI")
            key = pygame.K_1 + i if i < 9 else None
            self.button(
                (xs[1], y, widths[1], row),
                who,
                partial(self.toggle, i),
                key,
                tooltip="Human seats play hot-seat, with a cover screen between teams",
                enabled=i != self.lead,
            )
            if kind == "ai":
                cls = REGISTRY[name]
                self.button(
                    (xs[2], y, widths[2], row),
                    getattr(cls, "title", name),
                    partial(self.cycle_opponent, 1, i),
                    pygame.K_o if chosen else None,
                    # What the opponent does is the sentence under the seats (the whole first
                    # sentence of its docstring); the tooltip only says how to change it.
                    tooltip=f"The AI opponent for {sc.names[i]} (O / Shift+O: next / previous)",
                )
                self.button(
                    (xs[3], y, widths[3], row),
                    difficulty,
                    partial(self.cycle_difficulty, 1, i),
                    pygame.K_d if chosen else None,
                    tooltip="How well it plays (D / Shift+D: next / previous)",
                )
            y += row + gap
        return y

    def _seed_row(self, x: int, y: int, right_w: int, row: int, gap: int) -> None:
        """The seed: its field, Type (to edit it) and New (a random one)."""
        u = self.u
        label_w = u(56)
        entry_w = min(u(140), (right_w - label_w - 3 * gap) * 3 // 10)
        bw = min(u(170), (right_w - label_w - entry_w - 3 * gap) // 2)
        self.label((x, y, label_w, row), "Seed", tooltip="The same seed gives the same world")
        self.seed_entry = UITextEntryLine(
            pygame.Rect(x + label_w + gap, y, entry_w, row), self.manager, container=self.root
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(str(self.seed))
        bx = x + label_w + entry_w + 2 * gap
        self.button(
            (bx, y, bw, row),
            "Type",
            self.edit_seed,
            pygame.K_s,
            tooltip="Type a seed, then Enter (the same seed gives the same world)",
        )
        self.button((bx + bw + gap, y, bw, row), "New", self.reseed, pygame.K_r)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and self.typing():
            if event.key in (pygame.K_ESCAPE, pygame.K_TAB):  # leave the seed field
                self._stop_typing()
                return
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            self.select_seat(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return
        elif event.type == pygame.KEYDOWN and event.mod & pygame.KMOD_SHIFT:
            if event.key == pygame.K_o:
                self.cycle_opponent(-1)
                return
            if event.key == pygame.K_d:
                self.cycle_difficulty(-1)
                return
        super().handle_event(event)

    def _stop_typing(self) -> None:
        self._read_seed()
        if self.seed_entry is not None:
            self.seed_entry.unfocus()
            if not self.seed_entry.get_text().strip():
                self.seed_entry.set_text(str(self.seed))
        self.manager.set_focus_set(None)

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
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self._stop_typing()

    def opponent_sentence(self) -> str:
        """What the selected seat's AI opponent does, in its own first sentence."""
        i = self.selected
        if not 0 <= i < len(self.seats) or self.seats[i][0] != "ai":
            return ""
        cls = REGISTRY[self.seats[i][1]]
        doc = " ".join((cls.__doc__ or "").split())
        title = getattr(cls, "title", self.seats[i][1])
        first = doc.split(". ")[0].rstrip(".")
        if first.startswith(f"{title}:"):
            first = first[len(title) + 1 :].strip()
        first = first[:1].upper() + first[1:]
        return f"{self.scenario.names[i]} is played by the {title}: {first}."

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        surface.blit(txt.render("New game", u(30), TEXT, True), (u(20), u(18)))
        box = getattr(self, "describe", None)
        said = self.opponent_sentence()
        if box is not None and said:
            step = round(u(15) * 1.25)
            lines = txt.wrap(said, u(15), box.w)[: max(0, box.h // step)]
            txt.blit_lines(surface, lines, box.topleft, u(15), MUTED)
        rows = getattr(self, "seat_rows", [])
        if 0 <= self.selected < len(rows):  # the seat O and D change
            r = rows[self.selected]
            pygame.draw.polygon(
                surface,
                TEXT,
                [(r.x, r.y + u(9)), (r.x + u(9), r.centery), (r.x, r.bottom - u(9))],
            )
        hint = (
            "Up/Down: scenario   Left/Right: your state   1-8: human or AI   Tab: seat   "
            "O, D: its opponent, difficulty   S: type the seed   Enter: start"
        )
        lines = txt.wrap(hint, u(13), self.width - u(40) - u(440))[:4]
        for k, line in enumerate(lines):
            y = self.height - u(8) - (len(lines) - k) * u(16)
            surface.blit(txt.render(line, u(13), MUTED), (u(20), y))
