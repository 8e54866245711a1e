"""What loading a scenario gives: frozen dataclasses, the one error type and the format's limits.

:class:`Scenario` holds a checked scenario (the engine's starting data plus the prose and the
board); :class:`StateText`, :class:`StateLook`, :class:`Bet` and :class:`QuizQuestion` are its
parts; :class:`ScenarioError` explains in one line why a file cannot be loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.opening import initial_world as _initial_world
from game.engine.state import (
    Deployment,
    Link,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
    World,
)
from game.limits import MAX_GAME_TURNS

#: The version of the file format this package reads (the ``format`` key of every file).
FORMAT = 1
#: Board shapes: each state has its own, so that states differ by more than colour.
SHAPES: tuple[str, ...] = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "hexagon",
    "star",
    "pentagon",
    "cross",
)
#: Diagrams the game can draw on a lesson's intro card (``[text].picture``).
PICTURES: tuple[str, ...] = (
    "board",
    "dilemma",
    "spiral",
    "shield",
    "forward",
    "treaty",
    "triangle",
    "joint",
)
#: What a bet can measure: stocks and trust of ``states``, or tension and stability ``between``.
BET_STATE_MEASURES: tuple[str, ...] = ("reach", "shield", "arms", "economy", "trust")
BET_PAIR_MEASURES: tuple[str, ...] = ("tension", "stability")
BET_MEASURES = BET_STATE_MEASURES + BET_PAIR_MEASURES
MAX_QUIZ = 10
MIN_STATES, MAX_STATES = 2, 8
MIN_QUESTIONS = 3
MAX_TURNS = MAX_GAME_TURNS  # shared with the command line and the saves (game.limits)
MAX_NAME = 24


@dataclass(frozen=True)
class StateText:
    """What a player reads about one state."""

    name: str
    role: str  # a few words: "great power", "small allied host"
    description: str


@dataclass(frozen=True)
class StateLook:
    """How one state is drawn on the board."""

    name: str
    shape: str  # one of SHAPES
    position: tuple[float, float]  # (x, y) in [0, 1], y downwards


@dataclass(frozen=True)
class Bet:
    """ "Place your bet": a prediction asked before a key turn and revealed after another.

    ``choices`` are in the order *falls*, *stays level*, *rises*; the game measures ``measure``
    (over ``states``, or over the pairs ``between``) before turn ``ask_before`` and after turn
    ``reveal_after`` and shows which of the three happened (``game.analysis.bet_outcome``).
    ``answer`` is the index (0-based here, 1-based in the file) that the lesson's theory expects.
    """

    question: str
    choices: tuple[str, str, str]
    answer: int
    explanation: str
    measure: str  # one of BET_MEASURES
    states: tuple[str, ...] = ()
    between: tuple[tuple[str, str], ...] = ()
    ask_before: int = 1
    reveal_after: int = 0  # 0: the last turn


@dataclass(frozen=True)
class QuizQuestion:
    """One question of the optional before/after concept quiz (``answer`` 0-based)."""

    question: str
    choices: tuple[str, ...]
    answer: int
    why: str


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: the engine's starting data plus the prose and the board."""

    id: str
    title: str
    summary: str
    intro: str
    objectives: tuple[str, ...]
    questions: tuple[str, ...]
    params: Params
    states: tuple[StateSpec, ...]
    links: tuple[Link, ...]
    deployments: tuple[Deployment, ...]
    treaties: tuple[TreatySpec, ...]  # in force at the start
    targeting: tuple[Targeting, ...]
    looks: tuple[StateLook, ...]
    texts: tuple[StateText, ...]
    default_seats: tuple[str, ...]
    path: str
    idea: str = ""  # the lesson's one idea, on one line (the summary when the file has none)
    picture: str = "board"  # the diagram drawn on the intro card, one of PICTURES
    bet: Bet | None = None
    quiz: tuple[QuizQuestion, ...] = ()
    source: str = field(default="", repr=False, compare=False)  # the file's text, as read

    @property
    def names(self) -> tuple[str, ...]:
        """State names, in the order of the engine's arrays."""
        return tuple(s.name for s in self.states)

    @property
    def intro_cards(self) -> tuple[str, ...]:
        """The intro split into cards: one per paragraph, line breaks inside joined."""
        paragraphs = re.split(r"\n[ \t]*\n", self.intro)
        cards = (
            " ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs
        )
        return tuple(c for c in cards if c)

    def index(self, name: str) -> int:
        """The index of state ``name`` in the engine's arrays."""
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(
                f"{self.id}: no state named {name!r}; the states are {', '.join(self.names)}"
            ) from None

    def look(self, name: str) -> StateLook:
        return self.looks[self.index(name)]

    def text(self, name: str) -> StateText:
        return self.texts[self.index(name)]

    def initial_world(self, uniforms: np.ndarray | None = None) -> World:
        """The starting world(s); ``uniforms`` as in :func:`game.engine.state.initial_world`.

        Every number is checked against the loader's ranges first (:func:`check_numbers`), so a
        scenario changed in code (``params.replace(noise=1e308)``) meets the same gate as a file:
        a :class:`ScenarioError` instead of a world that turns to NaN or infinity."""
        problems = check_numbers(self)
        if problems:
            field, problem = problems[0]
            more = [f"scenario {self.id}: {f}: {p}" for f, p in problems[1:]]
            raise ScenarioError(f"scenario {self.id}", field, problem, more)
        return _initial_world(
            self.params,
            self.states,
            self.links,
            self.deployments,
            uniforms,
            treaties=self.treaties,
            targeting=self.targeting,
        )


def check_numbers(scenario: Scenario) -> list[tuple[str, str]]:
    """Every number of ``scenario``'s parameters and states outside the loader's ranges
    (:data:`game.scenarios.rules.PARAM_RULES`, ``STATE_RULES``), as ``(field, problem)``.
    Parameters may be per-world arrays (a sweep): each value is checked."""
    from game.scenarios.rules import PARAM_RULES, STATE_RULES

    out: list[tuple[str, str]] = []
    for key, rule in PARAM_RULES.items():
        value = getattr(scenario.params, key, None)
        if value is not None and not _all_in(rule, value):
            out.append((f"params.{key}", f"expected {rule.text()}, got {_sample(value)}"))
    turns = np.asarray(scenario.params.turns, dtype=float)
    if not (np.isfinite(turns).all() and ((turns >= 1) & (turns <= MAX_TURNS)).all()):
        out.append(("params.turns", f"expected a whole number from 1 to {MAX_TURNS}"))
    for i, spec in enumerate(scenario.states):
        for key, rule in STATE_RULES.items():
            value = getattr(spec, key, None)
            if value is not None and not _all_in(rule, value):
                out.append((f"states[{i}].{key}", f"expected {rule.text()}, got {_sample(value)}"))
    return out


def _all_in(rule: Any, value: Any) -> bool:
    try:
        x = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return False
    with np.errstate(invalid="ignore"):
        lo = x > rule.lo if rule.lo_open else x >= rule.lo
        hi = x < rule.hi if rule.hi_open else x <= rule.hi
        ok = np.isfinite(x) & lo & hi
        if rule.whole:
            ok &= x == np.round(x)
    return bool(ok.all())


def _sample(value: Any) -> str:
    try:
        x = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError, OverflowError):
        return repr(value)[:40]
    if x.size == 1:
        return repr(float(x[0]))
    if not np.isfinite(x).all():
        return "a value that is not finite"
    return f"values from {float(x.min())!r} to {float(x.max())!r}"


def _one_line(text: str, limit: int) -> str:
    """A file name or field from outside, shown on one short line (a TOML key may hold a line
    break or a megabyte)."""
    clean = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return clean if len(clean) <= limit else clean[: limit - 3] + "..."


class ScenarioError(ValueError):
    """A scenario that cannot be loaded, explained in one line: file, field, what was expected.

    ``problems`` holds every problem found (one line each); the message shows the first and
    counts the rest, so a command-line check can print them all.
    """

    def __init__(self, file: str, field: str, problem: str, more: Sequence[str] = ()) -> None:
        file, field = _one_line(file, 120), _one_line(field, 80)
        self.file = file
        self.field = field
        self.problem = problem
        first = ": ".join(part for part in (file, field, problem) if part)
        self.problems: tuple[str, ...] = (first, *more)
        message = first
        if more:
            message += f" (and {len(more)} more problem{'s' if len(more) > 1 else ''})"
        super().__init__(message)
