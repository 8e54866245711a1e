"""The lesson's concept quiz, before the game (optional, from the intro) or after it (from the
debrief): one question at a time, then the score and each question's explanation; after the game
the answers given before stand beside the new ones, so the class sees what moved.

The answers go to ``session.answers.quiz_before`` / ``quiz_after`` (one choice index per
question, ``None`` for one skipped), so a save carries them.

So that the two scores measure learning rather than memory:

- the quiz before the game reveals nothing: its results list the answers given, with no marks,
  no right answers and no explanations (those come after the game);
- the quiz after the game shows each question's choices in another order, seeded by the game's
  seed and the lesson (so a save, which holds both, reopens it in the same order), with the
  right answer never where it stood before. The stored answer is always the index in the
  lesson's own order, so a save means the same choice whichever order was shown.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Sequence

import pygame
from pygame_gui.elements import UITextBox

from game.ui.drawing import text as txt
from game.ui.drawing.choices import Choices
from game.ui.drawing.text import fit_text
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, TEXT
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Scene


class QuizScene(Scene):
    """The quiz of ``match``'s scenario, before the game or (``after``) after it.

    ``on_done`` runs once the quiz closes (it has already left the screen stack)."""

    def __init__(self, app, match: Match, after: bool, on_done: Callable[[], None] | None = None):
        super().__init__(app)
        self.match = match
        self.session = match.session
        self.scenario = match.session.scenario
        self.after = bool(after)
        self.on_done = on_done
        self.questions = self.scenario.quiz
        old = self.session.answers.quiz_after if self.after else self.session.answers.quiz_before
        n = len(self.questions)
        self.given: list[int | None] = list(old) if len(old) == n else [None] * n
        self.index = 0
        self.results = n == 0
        self.choices = Choices()
        #: For each question, the lesson's choice index shown at each place on screen.
        self.orders: list[tuple[int, ...]] = [
            shown_order(q.choices, q.answer, self.session.seed, self.scenario.id, k)
            if self.after
            else tuple(range(len(q.choices)))
            for k, q in enumerate(self.questions)
        ]

    # State ----------------------------------------------------------------------------------

    @property
    def before(self) -> tuple[int | None, ...]:
        return self.session.answers.quiz_before

    def score(self, after: bool | None = None) -> int:
        """Right answers of this quiz (or, ``after=False``, of the one before the game), as the
        session counts them (the answers are stored as they are given)."""
        after = self.after if after is None else after
        return self.session.answers.quiz_score(self.scenario, after) or 0

    def _store(self) -> None:
        answers = self.session.answers
        if self.after:
            answers.quiz_after = tuple(self.given)
        else:
            answers.quiz_before = tuple(self.given)

    def _save(self) -> None:
        if self.match.autosave is not None:
            self.match.autosave(self.session)

    # Intents --------------------------------------------------------------------------------

    def pick(self, k: int) -> None:
        """The choice at place ``k`` on screen (stored as its index in the lesson's order)."""
        if self.results or not 0 <= k < len(self.questions[self.index].choices):
            return
        self.given[self.index] = self.orders[self.index][k]
        self._store()
        self._advance()

    def skip(self) -> None:
        if self.results:
            return
        self.given[self.index] = None
        self._store()
        self._advance()

    def back(self) -> None:
        if not self.results and self.index > 0:
            self.index -= 1
            self.rebuild()

    def stop(self) -> None:
        """Esc: the questions left stay open; the results show what was answered."""
        if self.results:
            self.done()
            return
        if any(g is not None for g in self.given):
            self._store()
            self._show_results()
        else:
            self.done()  # nothing answered: as if the quiz had not been opened

    def _advance(self) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            self.rebuild()
        else:
            self._show_results()

    def _show_results(self) -> None:
        self.results = True
        self._save()
        self.rebuild()

    def done(self) -> None:
        if self.app.top is self:
            self.app.pop()
        if self.on_done is not None:
            self.on_done()

    # Widgets --------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return "Quiz after the game" if self.after else "Quiz before the game"

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        pad, bh = u(20), u(44)
        y = H - pad - bh
        bw = min(u(240), (W - 4 * pad) // 3)
        if self.results:
            self._layout_results(y - u(12))
            self.button(
                (W - pad - bw, y, bw, bh), "Done", self.done, pygame.K_RETURN, object_id="#primary"
            )
            self.shortcut(pygame.K_ESCAPE, self.done)
            self.shortcut(pygame.K_KP_ENTER, self.done)
            return
        q = self.questions[self.index]
        order = self.orders[self.index]
        shown = [q.choices[i] for i in order]
        given = self.given[self.index]
        top = u(86)
        width = min(W - 2 * pad, u(1100))
        x = (W - width) // 2
        size, self.q_lines, labs, _ = Choices.fit(
            self, q.question, shown, width, y - u(16) - top, u(22), u(12)
        )
        self.q_size = size
        self.q_pos = (x, top)
        cy = top + len(self.q_lines) * round(size * 1.25) + u(18)
        chosen = order.index(given) if given is not None and given in order else None
        self.choices.build(self, x, cy, width, size, labs, self.pick, chosen, shown)
        self.button((pad, y, bw, bh), "Back", self.back, pygame.K_LEFT, enabled=self.index > 0)
        self.button(
            ((W - bw) // 2, y, bw, bh),
            "Skip question",
            self.skip,
            pygame.K_s,
            tooltip="Leave this question open and go on",
        )
        self.button(
            (W - pad - bw, y, bw, bh),
            "Stop",
            self.stop,
            pygame.K_ESCAPE,
            tooltip="End the quiz here: the questions left stay open",
        )

    def _layout_results(self, bottom: int) -> None:
        u, W = self.u, self.width
        top = u(100)
        self.box = UITextBox(
            self._results_html(),
            pygame.Rect(u(20), top, W - u(40), max(bottom - top, u(60))),
            self.manager,
            container=self.root,
        )

    def _mark(self, given: int | None, q) -> str:
        pal = self.app.palette
        if given is None:
            return f"<font color='{_hex(MUTED)}'>(left open)</font>"
        right = given == q.answer
        colour = _hex(pal.good if right else pal.bad)
        word = "right" if right else "wrong"
        return f"<font color='{colour}'>{html.escape(q.choices[given])} ({word})</font>"

    def _results_html(self) -> str:
        if not self.after:
            return self._answers_html()
        rows = []
        before = self.before if self.after and len(self.before) == len(self.questions) else None
        for k, q in enumerate(self.questions):
            given = self.given[k]
            parts = [f"<b>{k + 1}. {html.escape(q.question)}</b>"]
            if before is not None:
                parts.append(
                    f"Before: {self._mark(before[k], q)}<br>After: {self._mark(given, q)}"
                    f" <font color='{_hex(ACCENT)}'>({_moved(before[k], given, q.answer)})</font>"
                )
            else:
                parts.append(f"Your answer: {self._mark(given, q)}")
            if given != q.answer:
                parts.append(f"The right answer: {html.escape(q.choices[q.answer])}")
            parts.append(f"<font color='{_hex(MUTED)}'>{html.escape(q.why)}</font>")
            rows.append("<br>".join(parts))
        return "<br><br>".join(rows) if rows else "This lesson has no quiz."

    def _answers_html(self) -> str:
        """Before the game: the answers as given, with no mark, right answer or explanation."""
        rows = []
        for k, q in enumerate(self.questions):
            given = self.given[k]
            shown = (
                html.escape(q.choices[given])
                if given is not None
                else f"<font color='{_hex(MUTED)}'>(left open)</font>"
            )
            rows.append(f"<b>{k + 1}. {html.escape(q.question)}</b><br>Your answer: {shown}")
        if not rows:
            return "This lesson has no quiz."
        note = (
            f"<font color='{_hex(MUTED)}'>The right answers and why come after the game, "
            "when you take the quiz again from the debrief.</font>"
        )
        return "<br><br>".join([note, *rows])

    def answered(self) -> int:
        return sum(g is not None for g in self.given)

    def summary(self) -> str:
        n = len(self.questions)
        now = self.score()
        line = f"{now} of {n} right"
        if self.after and len(self.before) == n:
            then = self.score(after=False)
            to_right = sum(
                b != q.answer and a == q.answer
                for b, a, q in zip(self.before, self.given, self.questions, strict=False)
            )
            away = sum(
                b == q.answer and a != q.answer
                for b, a, q in zip(self.before, self.given, self.questions, strict=False)
            )
            line = (
                f"Before the game {then} of {n}, after it {now} of {n}: {to_right} answer"
                f"{'s' if to_right != 1 else ''} moved to the right one, {away} away from it."
            )
        elif self.after:
            line += " (no quiz was taken before the game to compare with)"
        else:
            line = (
                "Your answers are kept. Take the quiz again after the game to see the right "
                "answers."
            )
        return line

    def summary_fit(self) -> tuple[int, tuple[str, ...]]:
        """The summary's font size and line, fitted to the one line under the heading (cut with
        "..." if it never fits)."""
        u = self.u
        return fit_text(self.summary(), self.width - u(40), u(24), u(15), u(11))

    # Drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        u, W = self.u, self.width
        surface.fill(BACKGROUND)
        self.heading(surface, self.title, (u(20), u(14)))
        if self.results:
            n = len(self.questions)
            head = f"Your score: {self.score()} of {n}"
            if not self.after:  # no score before the game: it would hint at the answers
                head = f"You answered {self.answered()} of {n}"
            if not self.questions:
                head = "No quiz in this lesson"
            surface.blit(txt.render(head, u(20), ACCENT, True), (u(20), u(50)))
            if self.questions:
                size, lines = self.summary_fit()
                surface.blit(txt.render(lines[0], size, MUTED), (u(20), u(76)))
            return
        n = len(self.questions)
        sub = f"Question {self.index + 1} of {n}   1-{len(self.questions[self.index].choices)}: "
        sub += "answer   S: skip   Left: back   Esc: stop"
        size, lines = fit_text(sub, W - u(40), u(24), u(15), u(11))
        surface.blit(txt.render(lines[0], size, MUTED), (u(20), u(54)))
        txt.blit_lines(surface, self.q_lines, self.q_pos, self.q_size, TEXT, True)

    def draw_over(self, surface: pygame.Surface) -> None:
        if not self.results:
            self.choices.draw(self, surface)
        super().draw_over(surface)


def shown_order(
    choices: Sequence[str], answer: int, seed: int, lesson: str, question: int
) -> tuple[int, ...]:
    """The order the quiz after the game shows ``choices`` in: a shuffle seeded by the game's
    ``seed``, the ``lesson`` and the ``question``'s number (the same every time it is opened,
    after a save too), in which the right ``answer`` never keeps its place from the quiz
    before the game (there, the lesson's own order)."""
    n = len(choices)
    order = list(range(n))
    if n < 2:
        return tuple(order)
    random.Random(f"quiz-after:{lesson}:{seed}:{question}").shuffle(order)
    if 0 <= answer < n and order[answer] == answer:
        order = order[1:] + order[:1]  # a rotation moves every place, the answer's too
    return tuple(order)


def _moved(before: int | None, after: int | None, answer: int) -> str:
    if before == answer and after == answer:
        return "stayed right"
    if before != answer and after == answer:
        return "moved to the right answer"
    if before == answer and after != answer:
        return "moved away from the right answer"
    return "changed" if before != after else "unchanged"


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)
