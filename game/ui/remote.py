"""A seat of a hosted class played from the desktop window (``python -m game join ADDRESS CODE``).

The window knows nothing of the network: the classroom's client hands it two functions,
``fetch()`` (the seat's view as plain data, what the team's page shows: its own numbers, the
others as its intelligence saw them, the wire reports) and ``hand_in(spend, cut)`` (which returns
``None`` or the engine's reason for refusing). Both run in a worker thread (a hand-in is never
dropped), so a slow network never freezes the window. Keys: ``Tab`` moves between the fields,
``Enter`` hands the orders in, ``R`` reloads, ``Esc`` quits.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from html import escape
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

LINES = ("reach", "shield", "hardening", "intel")
SIZE = (960, 680)


def _f(x: Any) -> str:
    return "-" if x is None else f"{x:.2f}"


def describe(view: dict[str, Any]) -> str:
    """The seat's view as the text box's (pygame_gui) HTML: the board, the pairs, the wires."""
    if not view:
        return "Connecting to the host..."
    parts = [
        f"<b>{escape(view['title'])}: you lead {escape(view['seat'])}</b> (group "
        f"{view['group']}), "
        + (
            f"the game is over after {view['turn']} turns."
            if view["finished"]
            else f"turn {view['turn'] + 1} of {view['turns']}."
        )
    ]
    if view.get("paused"):
        parts.append("<b>Paused by the teacher.</b>")
    parts.append("<br><b>The board, as you see it</b>")
    for s in view["states"]:
        if s["own"]:
            parts.append(
                f"{escape(s['name'])} (you): economy {_f(s['economy'])}, reach {_f(s['reach'])}, "
                f"shield {_f(s['shield'])}, hardening {_f(s['hardening'])}, support "
                f"{_f(s['support'])}"
            )
        else:
            lo, hi = s["reach_range"]
            parts.append(
                f"{escape(s['name'])}: economy {_f(s['economy'])}, reach {_f(s['reach'])} "
                f"({_f(lo)} to {_f(hi)}), shield {_f(s['shield'])}, your trust "
                f"{_f(s['trust'])}"
            )
    parts.append("<br><b>With each state</b>")
    for p in view["pairs"]:
        parts.append(
            f"{escape(p['other'])}: tension {_f(p['tension'])}, stability {_f(p['stability'])}"
            + (", allied" if p["allied"] else "")
            + (", CRISIS" if p["crisis"] else "")
        )
    parts.append("<br><b>Wire reports</b>")
    parts.extend(escape(w) for w in view.get("wires") or ["No reports yet."])
    return "<br>".join(parts)


class RemoteWindow:
    """The window's state and widgets; :meth:`frame` runs one frame (tests call it directly)."""

    def __init__(
        self,
        fetch: Callable[[], dict[str, Any]],
        hand_in: Callable[[list[float], float], str | None],
        poll: float = 1.0,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        self.screen = pygame.display.set_mode(SIZE)
        pygame.display.set_caption("Delicate Balance: a seat in a class")
        self.manager = pygame_gui.UIManager(SIZE)
        self.fetch, self.hand_in_fn, self.poll = fetch, hand_in, poll
        self.view: dict[str, Any] = {}
        self.status = "Connecting..."
        self.shown = ""
        self.jobs: queue.Queue[tuple[Callable[[], None], bool]] = queue.Queue()
        self.refresh_queued = False
        self.note = ""
        self.note_turn: Any = None
        threading.Thread(target=self._worker, daemon=True).start()
        self.since = poll
        self.running = True
        self.box = UITextBox("", pygame.Rect(10, 10, 620, 660), self.manager)
        self.fields: dict[str, UITextEntryLine] = {}
        y = 20
        for name in (*LINES, "cut"):
            UILabel(pygame.Rect(645, y, 300, 24), f"{name} (budget)", self.manager)
            entry = UITextEntryLine(pygame.Rect(645, y + 24, 300, 32), self.manager)
            entry.set_text("0")
            entry.set_allowed_characters([*"0123456789."])
            self.fields[name] = entry
            y += 64
        self.button = UIButton(pygame.Rect(645, y + 8, 300, 40), "Hand in (Enter)", self.manager)
        self.reload = UIButton(pygame.Rect(645, y + 56, 300, 40), "Reload (R)", self.manager)
        self.label = UITextBox("", pygame.Rect(645, y + 104, 300, 180), self.manager)
        self.clock = pygame.time.Clock()

    # The network runs in worker threads; the window only reads what they left.

    def _work(self, job: Callable[[], None], refresh: bool = False) -> None:
        """Queue ``job`` for the worker thread (one refresh waiting at most; a hand-in always)."""
        if refresh:
            if self.refresh_queued:
                return
            self.refresh_queued = True
        self.jobs.put((job, refresh))

    def _worker(self) -> None:
        while True:
            job, refresh = self.jobs.get()
            if refresh:
                self.refresh_queued = False
            try:
                job()
            except Exception as exc:  # the host is away: say so, keep the window
                self.status = f"The host does not answer ({exc})."

    def refresh(self) -> None:
        def job() -> None:
            self.view = self.fetch()
            self._status()

        self._work(job, refresh=True)

    def _status(self) -> None:
        """The status line: the last hand-in's outcome while its turn lasts, else the turn's."""
        v = self.view
        if self.note and self.note_turn == v.get("turn"):
            self.status = self.note
        elif v.get("finished"):
            self.status = "The game is over."
        elif v.get("submitted"):
            self.status = "Orders handed in: waiting for the other teams."
        else:
            self.status = f"Budget {_f(v.get('budget'))}: the rest goes civilian."

    def submit(self) -> None:
        try:
            spend = [float(self.fields[n].get_text() or 0) for n in LINES]
            cut = float(self.fields["cut"].get_text() or 0)
        except ValueError:
            self.status = "Refused: a field is not a number."
            return

        def job() -> None:
            turn = self.view.get("turn")
            reason = self.hand_in_fn(spend, cut)
            self.note = "Orders handed in." if reason is None else f"Refused: {reason}"
            self.note_turn = turn
            self.view = self.fetch()
            self._status()

        self._work(job)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.running = False
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
        elif (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_r
            and not any(f.is_focused for f in self.fields.values())
        ):
            self.refresh()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.button:
                self.submit()
            elif event.ui_element is self.reload:
                self.refresh()
        self.manager.process_events(event)

    def frame(self, dt: float) -> None:
        for event in pygame.event.get():
            self.handle(event)
        self.since += dt
        if self.since >= self.poll:
            self.since = 0.0
            self.refresh()
        text = describe(self.view)
        if text != self.shown:
            self.box.set_text(text)
            self.shown = text
        if self.label.html_text != escape(self.status):
            self.label.set_text(escape(self.status))
        self.manager.update(dt)
        self.screen.fill((246, 244, 239))
        self.manager.draw_ui(self.screen)
        pygame.display.flip()

    def run(self, frames: int | None = None) -> int:
        count = 0
        while self.running and (frames is None or count < frames):
            self.frame(self.clock.tick(30) / 1000.0)
            count += 1
        pygame.display.quit()
        return 0


def run_remote(
    fetch: Callable[[], dict[str, Any]],
    hand_in: Callable[[list[float], float], str | None],
    frames: int | None = None,
) -> int:
    """Open the window on a seat and run it until it is closed (or for ``frames`` frames)."""
    return RemoteWindow(fetch, hand_in).run(frames)
