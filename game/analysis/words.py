"""The sentences the debrief, the replay viewer, the end screen and the exported report share.

Each sentence is written once here, so that the window and the printed report say the same
thing about the same game. No pygame: plain strings from an :class:`~game.analysis.Analysis`
(or, for :func:`ending_sentence`, from the few numbers it needs).

- :func:`names_list`: "A", "A and B", "A, B and C"
- :func:`game_title`: a stage game's name in words ("none" included)
- :func:`outcome_kind`, :func:`outcome_sentence`, :func:`ending_sentence`: how the game ended
- :func:`landing_where`, :func:`landing_sentence`, :func:`landing_sentences`: where each state
  landed between "everyone arms" (0) and "everyone restrains" (1)
- :data:`TAG_WORDS`, :func:`tag_words`: a turning point's tag as a label
- :func:`fit_lines`: a rival pair's fitted Richardson numbers; :func:`stage_games_line`: the stage
  games a pair faced and for how long
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from game.analysis.types import NO_STAGE_GAME_TITLE, Analysis, game_title


def names_list(names: Sequence[str]) -> str:
    """Names joined as a reader writes them: "A", "A and B", "A, B and C" ("" for none)."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


#: Turning-point tags in words (the label beside each point; ``game.analysis.TAGS``).
TAG_WORDS: dict[str, str] = {
    "spiral": "spiral",
    "reassurance": "reassurance",
    "surprise_attack_fear": "fear of surprise attack",
    "treaty_lapse": "treaty in trouble",
    "treaty_broken": "treaty broken",
    "pressure": "pressure",
    "forces_home": "forces sent home",
    "pressure_lifted": "pressure lifted",
    "entrapment": "entrapment",
    "costly_signal": "costly signal",
    "backing_down": "backing down",
    "crisis": "crisis",
    "war": "war",
}


def tag_words(tag: str) -> str:
    """A turning point's tag as a label ("fear of surprise attack")."""
    return TAG_WORDS.get(tag, tag.replace("_", " "))


# --------------------------------------------------------------------------------------------
# How the game ended


def ending_sentence(
    turns_played: int,
    turns_total: int = 0,
    war_turn: int | None = None,
    war_pair: tuple[str, str] | None = None,
) -> str:
    """How a game ended (or where it stands), in one or two sober sentences. ``war_turn`` is the
    1-based turn of a war (None: no war), ``war_pair`` its (striker, target) when known."""
    if war_turn is not None:
        if war_pair is not None:
            striker, target = war_pair
            start = (
                f"War broke out between {striker} and {target} on turn {war_turn} "
                f"({striker} struck first)."
            )
        else:
            start = f"War broke out on turn {war_turn}."
        return f"{start} The game ended there: every state lost heavily, and no one won it."
    if turns_total and turns_played < turns_total:
        return f"Game in progress: {turns_played} of {turns_total} turns played, no war so far."
    return f"Peace held: no war broke out in {turns_played} turns."


def outcome_kind(a: Analysis) -> str:
    """``"war"``, ``"open"`` (still in progress) or ``"peace"``."""
    if a.war:
        return "war"
    if a.turns_total and a.turns_played < a.turns_total:
        return "open"
    return "peace"


def outcome_sentence(a: Analysis) -> str:
    """How the analysed game ended: :func:`ending_sentence` of its numbers."""
    war_turn = (a.war_turn if a.war_turn is not None else a.turns_played) if a.war else None
    return ending_sentence(a.turns_played, a.turns_total, war_turn, a.war_pair)


# --------------------------------------------------------------------------------------------
# Where the players landed


def landing_where(value: float) -> str:
    """Where a landing value (0: as if everyone had armed, 1: as if everyone had restrained and
    signed) puts a state, in words. Within 0.05 of an end counts as at it."""
    if value < -0.05:
        return "below even where everyone arming would have left it"
    if value < 1 / 3:
        return "close to where everyone arming would have left it"
    if value < 2 / 3:
        return "about halfway between everyone arming and everyone restraining"
    if value <= 1.05:
        return "close to where everyone restraining and signing would have left it"
    return "above even where everyone restraining and signing would have left it"


def landing_sentence(name: str, value: float) -> str:
    """One state's landing: "Veyra landed at 0.42: about halfway between ..."."""
    return f"{name} landed at {value:.2f}: {landing_where(value)}."


def landing_sentences(a: Analysis) -> list[str]:
    """The players' landing: the average first, then one sentence per state (empty when the
    counterfactual replays were not computed)."""
    values = {n: float(a.landing[n]) for n in a.names if n in a.landing}
    if not values:
        return []
    mean = float(np.mean(list(values.values())))
    head = (
        f"On a scale from 0 (where everyone arming would have left a state) to 1 (where "
        f"everyone restraining and signing would have), the players landed at {mean:.2f} on "
        "average."
    )
    return [head] + [landing_sentence(n, v) for n, v in values.items()]


# --------------------------------------------------------------------------------------------
# The theory


def fit_lines(fit: Any) -> list[str]:
    """A rival pair's Richardson numbers in plain words (a ``PairFit``; empty when there is no
    fit): each number named by what it measures and whose it is, never by its symbol in
    Richardson's equations (k, l, a, b, g, h, R²), so a player can read them."""
    c = fit.fit
    if c is None:
        return []
    a, b = fit.a, fit.b
    lines = [
        f"How much each builds in answer to the other's arms (fear): {a} {c.k:.2f}, {b} {c.l:.2f}.",
        f"How much its own arms hold each back (fatigue): {a} {c.a:.2f}, {b} {c.b:.2f}.",
        f"How much each builds whatever the other does (grievance): {a} {c.g:.1f}, {b} {c.h:.1f}.",
    ]
    if fit.equilibrium is not None:
        ex, ey = fit.equilibrium
        how = (
            "steady: restraint outweighs fear, so the race heads there"
            if c.stable
            else "unsteady: fear outweighs restraint, so the race runs away from it"
        )
        lines.append(f"Where the race would come to rest: {a} {ex:.1f}, {b} {ey:.1f} ({how}).")
    else:
        lines.append("No single point where the race would come to rest.")
    lines.append(
        f"How closely the model follows this game (1: exactly, 0: not at all): {a} "
        f"{c.r2[0]:.2f}, {b} {c.r2[1]:.2f}, over {c.n_points} turns."
    )
    return lines


def stage_counts(a: Analysis, pair: tuple[int, int]) -> list[tuple[str, int]]:
    """The stage games a pair faced and at how many points, most frequent first."""
    counts: dict[str, int] = {}
    for n in a.stage_names.get(pair, ()):
        counts[n] = counts.get(n, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


def stage_games_line(a: Analysis, pair: tuple[int, int]) -> str:
    """A pair's stage games, counted: "Veyra–Ostrel: Stag Hunt 5 of 7, Chicken 2 of 7"."""
    points = a.turns_played + 1
    games = ", ".join(f"{game_title(n)} {c} of {points}" for n, c in stage_counts(a, pair))
    return f"{a.pair_name(pair)}: {games}"


__all__ = [
    "NO_STAGE_GAME_TITLE",
    "TAG_WORDS",
    "ending_sentence",
    "fit_lines",
    "game_title",
    "landing_sentence",
    "landing_sentences",
    "landing_where",
    "names_list",
    "outcome_kind",
    "outcome_sentence",
    "stage_counts",
    "stage_games_line",
    "tag_words",
]
