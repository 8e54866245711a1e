"""Classroom bets: before a turn, the class predicts whether a measure will fall, hold or rise.

A scenario's optional ``[text.bet]`` table describes one bet. This module only needs an object
with these attributes (duck-typed, so it works with the loader's dataclass and with a plain
``types.SimpleNamespace``):

``measure``
    one of :data:`BET_MEASURES`:

    ==============  ========================================================================
    ``reach``       total reach (home + abroad) summed over ``states``
    ``shield``      total shield (home + abroad) summed over ``states``
    ``arms``        reach + shield summed over ``states``
    ``economy``     economy summed over ``states``
    ``trust``       mean over ``states`` of the mean belief *the other states* hold that it
                    is a security seeker
    ``tension``     mean tension over the pairs ``between``
    ``stability``   mean first-strike stability over the pairs ``between``
    ==============  ========================================================================

``states``
    state names (empty or missing: every state);
``between``
    pairs of state names (empty or missing: every pair);
``ask_before``
    the 1-based turn before which the bet is placed;
``reveal_after``
    the 1-based turn after which the answer is revealed (clipped to the turns played; 0 or
    missing: the last turn played, as ``game.scenarios.Bet`` defines it).

:func:`bet_outcome` compares the world before turn ``ask_before`` with the world after turn
``reveal_after`` and returns :data:`FELL` (0), :data:`LEVEL` (1) or :data:`ROSE` (2). "Level"
means a relative change within +-5 % (:data:`RELATIVE_BAND`) for the stocks and the economy,
and an absolute change within +-0.03 (:data:`ABSOLUTE_BAND`) for tension, stability and trust.

:func:`bet_report` is what the reveal screen, the debrief and the exported report show: whether
the answer is known yet, and if so what happened, measured when, against the class's bet and the
lesson's expectation, every sentence written once (:class:`BetReport`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analysis.series import series_of
from game.analysis.types import Series
from game.analysis.words import names_list

#: Measures a bet can be about.
BET_MEASURES: tuple[str, ...] = (
    "reach",
    "shield",
    "arms",
    "tension",
    "stability",
    "trust",
    "economy",
)
#: Outcomes, and their words (index = outcome).
FELL, LEVEL, ROSE = 0, 1, 2
BET_LABELS: tuple[str, ...] = ("fell", "level", "rose")
#: Half-widths of the "level" band.
RELATIVE_BAND = 0.05  # stocks and economy: share of the starting value
ABSOLUTE_BAND = 0.03  # tension, stability, trust: in [0, 1] units
_RELATIVE = ("reach", "shield", "arms", "economy")


def _series(source: Any) -> tuple[Series, tuple[str, ...]]:
    """(series, names) from a Session, an Analysis, or a (Series, names) pair."""
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[0], Series):
        return source[0], tuple(source[1])
    if hasattr(source, "series") and hasattr(source, "names"):
        return source.series, tuple(source.names)
    return series_of(source), tuple(source.scenario.names)


def _indices(names: tuple[str, ...], wanted: Sequence[str] | None) -> list[int]:
    if not wanted:
        return list(range(len(names)))
    out = []
    for w in wanted:
        if w not in names:
            raise ValueError(f"a bet names {w!r}, which is not a state ({', '.join(names)})")
        out.append(names.index(w))
    return out


def _pairs(names: tuple[str, ...], wanted: Sequence[Sequence[str]] | None) -> list[tuple[int, int]]:
    if not wanted:
        n = len(names)
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    out = []
    for pair in wanted:
        a, b = _indices(names, list(pair))
        if a == b:
            raise ValueError(f"a bet's pair needs two different states, got {tuple(pair)}")
        out.append((a, b))
    return out


def bet_value(source: Any, bet: Any, index: int) -> float:
    """The bet's measure at point ``index`` of the series (0: the start world, ``t``: after turn
    ``t``). ``source`` is a Session, an Analysis, or a ``(Series, names)`` pair."""
    series, names = _series(source)
    measure = getattr(bet, "measure", "")
    if measure not in BET_MEASURES:
        raise ValueError(
            f"a bet's measure must be one of {', '.join(BET_MEASURES)}, got {measure!r}"
        )
    t = int(np.clip(index, 0, series.turns))
    states = _indices(names, getattr(bet, "states", ()) or ())
    if measure == "reach":
        return float(series.reach[t, states].sum())
    if measure == "shield":
        return float(series.shield[t, states].sum())
    if measure == "arms":
        return float(series.reach[t, states].sum() + series.shield[t, states].sum())
    if measure == "economy":
        return float(series.economy[t, states].sum())
    if measure == "trust":
        n = series.n
        per = [float(np.mean([series.trust[t, o, s] for o in range(n) if o != s])) for s in states]
        return float(np.mean(per))
    pair_list = _pairs(names, getattr(bet, "between", ()) or ())
    arr = series.tension if measure == "tension" else series.stability
    return float(np.mean([arr[t, i, j] for i, j in pair_list]))


def bet_window(bet: Any, turns_played: int) -> tuple[int, int]:
    """(start, end) series indices a bet compares: the world before turn ``ask_before`` and the
    world after turn ``reveal_after`` (0 or missing: the last turn), both clipped to the turns
    played. ``end <= start`` means there is nothing to reveal yet."""
    start = int(np.clip(int(getattr(bet, "ask_before", 1)) - 1, 0, turns_played))
    reveal = int(getattr(bet, "reveal_after", 0) or 0)
    end = turns_played if reveal <= 0 else min(reveal, turns_played)
    return start, end


def bet_outcome(session: Any, bet: Any) -> int:
    """0 if the bet's measure fell, 1 if it held level, 2 if it rose, from the world before turn
    ``bet.ask_before`` to the world after turn ``bet.reveal_after`` (clipped to the turns played;
    see the module docstring for the bands). ``session`` may also be an Analysis."""
    series, names = _series(session)
    start, end = bet_window(bet, series.turns)
    if end <= start:
        return LEVEL
    before = bet_value((series, names), bet, start)
    after = bet_value((series, names), bet, end)
    change = after - before
    if bet.measure in _RELATIVE:
        band = RELATIVE_BAND * abs(before)
        if before == 0.0:
            band = 1e-9
    else:
        band = ABSOLUTE_BAND
    band += 1e-12  # the band's edge counts as level, whatever the rounding
    if change > band:
        return ROSE
    if change < -band:
        return FELL
    return LEVEL


# --------------------------------------------------------------------------------------------
# The bet in words: what the reveal, the debrief and the report show


def reveal_turn(bet: Any, turns_total: int) -> int:
    """The turn after which the bet is to be revealed: ``reveal_after``, 0 (or missing) meaning
    the game's last turn ``turns_total``."""
    return int(getattr(bet, "reveal_after", 0) or 0) or int(turns_total)


def measure_words(bet: Any) -> str:
    """What the bet measures, in a reader's words ("the reach of Veyra and Ostrel together")."""
    states = tuple(getattr(bet, "states", ()) or ())
    between = tuple(getattr(bet, "between", ()) or ())
    who = names_list(states) or "every state"
    # One pair in words ("Brisa and Veyra"); several, each as a pair ("Aurum–Veyra and ...").
    if len(between) == 1:
        pairs = names_list(list(between[0]))
    else:
        pairs = names_list([f"{a}–{b}" for a, b in between]) or "every pair"
    together = " together" if len(states) > 1 else ""
    average = " (on average)" if len(between) > 1 else ""
    measure = getattr(bet, "measure", "")
    return {
        "reach": f"the reach of {who}{together}",
        "shield": f"the shield of {who}{together}",
        "arms": f"the reach and shield of {who}{together}",
        "economy": f"the economy of {who}{together}",
        "trust": f"how far the others trust that {who} "
        + ("seek" if len(states) > 1 else "seeks")
        + " only security",
        "tension": f"the tension between {pairs}{average}",
        "stability": f"first-strike stability between {pairs}{average}",
    }.get(measure, measure)


def bet_number(bet: Any, value: float) -> str:
    """A value of the bet's measure as shown: stocks to one decimal, the 0-1 measures to two."""
    return f"{value:.1f}" if getattr(bet, "measure", "") in _RELATIVE else f"{value:.2f}"


def _full_stop(text: str) -> str:
    text = str(text).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


@dataclass(frozen=True)
class BetReport:
    """A bet against the game so far (:func:`bet_report`). Indices are into ``choices``;
    turns are series indices (0: the start world, ``t``: after turn ``t``)."""

    question: str
    choices: tuple[str, ...]
    explanation: str
    measure: str  # the measure in words (:func:`measure_words`)
    ask_before: int  # the bet is placed before this turn
    reveal_turn: int  # ...and revealed after this one (:func:`reveal_turn`)
    revealed: bool  # what happened is known
    reason: str  # when not revealed: why, in words ("" when revealed)
    expected: int  # what the lesson's theory expects
    placed: int | None  # the class's bet (None: none placed)
    outcome: int | None = None  # FELL, LEVEL or ROSE (None until revealed)
    before: float | None = None
    after: float | None = None
    before_turn: int = 0  # the world before turn before_turn + 1
    after_turn: int = 0  # the world after turn after_turn
    #: The game ended (in war or at its last turn) before the planned reveal, so what happened
    #: was measured at the end.
    measured_early_because_war_or_end: bool = False
    before_text: str = ""  # the values as shown (:func:`bet_number`)
    after_text: str = ""
    #: One player's game (one human seat): the bet is "your" bet, not the class's.
    solo: bool = False

    @property
    def called_it(self) -> bool | None:
        """The class's bet matched what happened (None: no bet, or not known yet)."""
        if self.placed is None or self.outcome is None:
            return None
        return self.placed == self.outcome

    @property
    def as_expected(self) -> bool | None:
        """The game went the way the lesson's theory expects (None: not known yet)."""
        return None if self.outcome is None else self.outcome == self.expected

    # The sentences ---------------------------------------------------------------------------

    @property
    def placed_sentence(self) -> str:
        if self.placed is None:
            return "No bet was placed."
        who = "Your bet" if self.solo else "The class bet"
        return f"{who}: {_full_stop(self.choices[self.placed])}"

    @property
    def expected_sentence(self) -> str:
        return f"The lesson's theory expects: {_full_stop(self.choices[self.expected])}"

    @property
    def happened_sentence(self) -> str:
        """What happened and the values it was read from (the reason when not known yet)."""
        if self.outcome is None:
            return self.reason
        return (
            f"What happened: {_full_stop(self.choices[self.outcome])} In this game, "
            f"{self.measure} went from {self.before_text} before turn {self.before_turn + 1} "
            f"to {self.after_text} after turn {self.after_turn}."
        )

    @property
    def early_sentence(self) -> str:
        """Why it was measured sooner than planned ("" when it was not)."""
        if not self.measured_early_because_war_or_end:
            return ""
        return (
            f"The game ended after turn {self.after_turn}, before the reveal planned after "
            f"turn {self.reveal_turn}, so it was measured at the end."
        )

    @property
    def verdict_sentence(self) -> str:
        """Whether the class called it ("" with no bet placed or nothing known yet)."""
        if self.called_it is None:
            return ""
        if self.solo:
            if self.called_it:
                return "You called it: your bet matched what happened."
            return "You did not call it: your bet did not match what happened this time."
        if self.called_it:
            return "The class called it: the bet matched what happened."
        return "The class did not call it: the bet did not match what happened this time."

    @property
    def theory_sentence(self) -> str:
        """Whether the game followed the theory ("" while nothing is known yet)."""
        if self.as_expected is None:
            return ""
        if self.as_expected:
            return "The game went the way the theory expects."
        return (
            "This game went another way than the theory expects: a good question for the "
            "discussion (chance, the seats' choices, or a difference between the model and the "
            "theory?)."
        )


def _progress(source: Any, played: int) -> tuple[int, bool]:
    """(the game's length in turns, whether it is over) for a Session, an Analysis or a
    ``(Series, names)`` pair (a pair knows neither: taken as a game ended where it stops)."""
    if hasattr(source, "turns_total") and hasattr(source, "war"):  # an Analysis
        total = int(source.turns_total) or played
        return total, bool(source.war) or played >= total
    scenario = getattr(source, "scenario", None)
    if scenario is not None and hasattr(source, "over"):  # a Session
        return int(scenario.params.turns), bool(source.over)
    return played, True


def solo_game(session: Any) -> bool:
    """Whether ``session`` is one player's game (one human seat): its bet is "your bet". A
    game of several teams at one screen, or one the class watches, is the class's."""
    return len(getattr(session, "human_seats", ())) == 1


def bet_report(source: Any, bet: Any, placed: int | None, solo: bool = False) -> BetReport:
    """The bet against the game so far. ``source`` is a Session or an Analysis; ``placed`` the
    class's bet (an index into ``bet.choices``, None for none); ``solo``: one player's game
    (:func:`solo_game`), whose bet the sentences call "your bet".

    What happened is known once the game has played the reveal turn, or has ended (in war, or
    at its last turn) after the bet was placed; until then ``revealed`` is False and ``reason``
    says when it will be."""
    series, names = _series(source)
    played = series.turns
    total, ended = _progress(source, played)
    reveal = reveal_turn(bet, total)
    start, end = bet_window(bet, played)
    choices = tuple(bet.choices)
    if placed is not None and not 0 <= int(placed) < len(choices):
        placed = None
    base = dict(
        question=bet.question,
        choices=choices,
        explanation=bet.explanation,
        measure=measure_words(bet),
        ask_before=int(bet.ask_before),
        reveal_turn=reveal,
        expected=int(bet.answer),
        placed=None if placed is None else int(placed),
        solo=solo,
    )
    if end <= start or (played < reveal and not ended):
        if played < reveal and not ended:
            reason = f"Not known yet: the reveal comes after turn {reveal}."
        else:
            reason = (
                f"Not known: the game ended after turn {played}, before the bet's turn "
                f"{int(bet.ask_before)}."
            )
        return BetReport(revealed=False, reason=reason, before_turn=start, after_turn=end, **base)
    pair = (series, names)
    before, after = bet_value(pair, bet, start), bet_value(pair, bet, end)
    return BetReport(
        revealed=True,
        reason="",
        outcome=bet_outcome(pair, bet),
        before=before,
        after=after,
        before_turn=start,
        after_turn=end,
        measured_early_because_war_or_end=end < reveal,
        before_text=bet_number(bet, before),
        after_text=bet_number(bet, after),
        **base,
    )
