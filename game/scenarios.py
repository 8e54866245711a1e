"""Scenario files: load and validate scenario TOML into frozen dataclasses.

A scenario is data, never code (``docs/scenario-format.md``). Numbers live apart from prose, so
that a teacher can rewrite the intro and the discussion questions without touching the balance:

- ``[params]`` sets any field of :class:`game.engine.state.Params` (the rest keep the engine
  defaults);
- ``[[states]]``, ``[[links]]`` and ``[[deployments]]`` give the starting board;
- ``[[treaties]]`` (in force from the first turn) and ``[[targeting]]`` give the starting
  diplomacy;
- ``[text]`` holds every word a player reads; ``[seats]`` says who plays which state by default.

Everything is checked before a world is built. A problem raises :class:`ScenarioError`, whose
message fits on one line and names the file, the field (a dotted path such as
``states[2].economy``) and what was expected, so that ``python -m game check-scenario FILE`` can
print it as it stands. The loader only reads TOML with :mod:`tomllib`: nothing in a scenario file
is ever executed.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import re
import textwrap
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.actions import CAPPED, TREATY_KINDS
from game.engine.state import (
    CATEGORIES,
    DIPLOMACY_GROUPS,
    KINDS,
    TECH_MAX,
    TECH_MIN,
    TREATY_SLOTS,
    Deployment,
    Link,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
    World,
)
from game.engine.state import initial_world as _initial_world

__all__ = [
    "BET_MEASURES",
    "FORMAT",
    "PICTURES",
    "Bet",
    "QuizQuestion",
    "SHAPES",
    "Scenario",
    "ScenarioError",
    "StateLook",
    "StateText",
    "builtin_ids",
    "load",
    "load_builtin",
    "load_scenario",
    "load_text",
]

#: The version of the file format this module reads (the ``format`` key of every file).
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
MAX_TURNS = 200
MAX_NAME = 24

_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
_SEAT_RE = re.compile(r"human|ai:[a-z][a-z0-9_]*")
_SYNTAX_RE = re.compile(
    r"^(?P<what>.*?)\s*\((?:at line (?P<line>\d+), column (?P<col>\d+)|"
    r"at end of document)\)$"
)


# --------------------------------------------------------------------------------------------
# The result


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
        """The starting world(s); ``uniforms`` as in :func:`game.engine.state.initial_world`."""
        return _initial_world(
            self.params,
            self.states,
            self.links,
            self.deployments,
            uniforms,
            treaties=self.treaties,
            targeting=self.targeting,
        )


class ScenarioError(ValueError):
    """A scenario that cannot be loaded, explained in one line: file, field, what was expected.

    ``problems`` holds every problem found (one line each); the message shows the first and
    counts the rest, so a command-line check can print them all.
    """

    def __init__(self, file: str, field: str, problem: str, more: Sequence[str] = ()) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        first = ": ".join(part for part in (file, field, problem) if part)
        self.problems: tuple[str, ...] = (first, *more)
        message = first
        if more:
            message += f" (and {len(more)} more problem{'s' if len(more) > 1 else ''})"
        super().__init__(message)


# --------------------------------------------------------------------------------------------
# Value rules


@dataclass(frozen=True)
class _Range:
    """A closed or half-open interval of allowed numbers, with the reason a reader needs.

    ``whole`` ranges (closed, finite) take whole numbers only: counts of turns.
    """

    lo: float = -math.inf
    hi: float = math.inf
    lo_open: bool = False
    hi_open: bool = False
    why: str = ""
    whole: bool = False

    def ok(self, x: float) -> bool:
        if self.whole and not float(x).is_integer():
            return False
        above = x > self.lo if self.lo_open else x >= self.lo
        below = x < self.hi if self.hi_open else x <= self.hi
        return above and below

    def text(self) -> str:
        lo, hi = _num(self.lo), _num(self.hi)
        if self.whole:
            s = f"a whole number from {lo} to {hi}"
            return f"{s} ({self.why})" if self.why else s
        if self.lo == -math.inf and self.hi == math.inf:
            s = "a number"
        elif self.hi == math.inf:
            s = f"a number above {lo}" if self.lo_open else f"a number {lo} or above"
        elif self.lo == -math.inf:
            s = f"a number below {hi}" if self.hi_open else f"a number {hi} or below"
        elif not self.lo_open and not self.hi_open:
            s = f"a number from {lo} to {hi}"
        else:
            left = f"above {lo}" if self.lo_open else f"{lo} or above"
            right = f"below {hi}" if self.hi_open else f"at most {hi}"
            s = f"a number {left} and {right}"
        return f"{s} ({self.why})" if self.why else s


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


_POSITIVE = _Range(0.0, lo_open=True)
_NON_NEGATIVE = _Range(0.0)
_SHARE = _Range(0.0, 1.0)
_PROBABILITY = _Range(0.0, 1.0, why="a probability")
_TRUST = _Range(0.0, 1.0, lo_open=True, why="a factor on the odds: 1 leaves trust as it was")
MAX_LEAD = 20  # the longest delay, in turns, a scenario may set

#: Allowed values of every float field of Params (``turns`` and ``categories`` are checked apart).
PARAM_RULES: dict[str, _Range] = {
    "shield_efficiency": _POSITIVE,
    "counterforce": _SHARE,
    "forward_bonus": _Range(1.0, why="forward reach must count at least as much as home reach"),
    "unacceptable_damage": _POSITIVE,
    "host_share": _SHARE,
    "tax": _Range(0.0, 1.0, lo_open=True),
    "reach_cost": _POSITIVE,
    "shield_cost": _POSITIVE,
    "hardening_cost": _POSITIVE,
    "hardening_max": _SHARE,
    "upkeep": _SHARE,
    "attrition": _SHARE,
    "growth": _Range(-1.0, 1.0),
    "investment_return": _NON_NEGATIVE,
    "burden_drag": _NON_NEGATIVE,
    "trade_gain": _NON_NEGATIVE,
    "sanction_cost": _NON_NEGATIVE,
    "burden_tolerance": _SHARE,
    "support_rate": _SHARE,
    "distinguishability": _SHARE,
    "noise": _NON_NEGATIVE,
    "intel_effect": _NON_NEGATIVE,
    "signal_seeker": _SHARE,
    "signal_expansionist": _SHARE,
    "signal_spread": _NON_NEGATIVE,
    "tension_arms": _NON_NEGATIVE,
    "tension_decay": _SHARE,
    "tension_trade": _NON_NEGATIVE,
    "tension_targeting": _NON_NEGATIVE,
    "tension_sanction": _NON_NEGATIVE,
    "base_war_risk": _SHARE,
    "crisis_threshold": _SHARE,
    "war_damage_floor": _SHARE,
    "threat_weight": _NON_NEGATIVE,
    "residual_fear": _SHARE,
    "shield_signal": _NON_NEGATIVE,
    "tension_forward": _NON_NEGATIVE,
    "discount": _Range(0.0, 1.0, lo_open=True),
    # Diplomacy: hosts, sanctions, reviews, treaties, drills, talk, trade, crises.
    "recall_lead": _Range(0, MAX_LEAD, whole=True, why="turns"),
    "host_upkeep_share": _SHARE,
    "host_trade_loss": _SHARE,
    "sanction_sender_cost": _NON_NEGATIVE,
    "support_sanction": _SHARE,
    "review_threshold": _SHARE,
    "review_chance": _PROBABILITY,
    "treaty_notice": _Range(0, MAX_LEAD, whole=True, why="turns"),
    "proposal_turns": _Range(
        1, MAX_LEAD, whole=True, why="turns; a proposal needs at least one turn to be signed"
    ),
    "treaty_tension": _SHARE,
    "treaty_transparency": _SHARE,
    "withdrawal_tension": _SHARE,
    "withdrawal_trust": _TRUST,
    "inspection_cost": _SHARE,
    "passive_detection": _SHARE,
    "violation_tension": _SHARE,
    "violation_trust": _TRUST,
    "violation_standing": _SHARE,
    "drill_cost": _SHARE,
    "drill_standing": _SHARE,
    "drill_tension": _SHARE,
    "audience_cost": _SHARE,
    "talk_weight": _NON_NEGATIVE,
    "transfer_rate": _SHARE,
    "trade_step": _NON_NEGATIVE,
    "trade_max": _NON_NEGATIVE,
    "backdown_standing": _SHARE,
    "prevail_standing": _SHARE,
    "firm_tension": _SHARE,
    "escalate_tension": _SHARE,
    "crisis_relief": _SHARE,
    "accident_share": _SHARE,
    "targeting_fear": _NON_NEGATIVE,
}

#: Allowed values of a state's numbers (``hardening`` depends on params.hardening_max).
STATE_RULES: dict[str, _Range] = {
    "economy": _POSITIVE,
    "reach": _NON_NEGATIVE,
    "shield": _NON_NEGATIVE,
    "hardening": _SHARE,  # narrowed to [0, hardening_max] when checked
    "tech": _Range(TECH_MIN, TECH_MAX),
    "standing": _SHARE,
    "support": _SHARE,
    "expansionist": _Range(0.0, 1.0, why="a probability"),
}

_TOP_KEYS = (
    "id",
    "format",
    "text",
    "params",
    "states",
    "links",
    "deployments",
    "treaties",
    "targeting",
    "seats",
)
_TEXT_KEYS = (
    "title",
    "summary",
    "idea",
    "picture",
    "intro",
    "objectives",
    "questions",
    "bet",
    "quiz",
    "states",
)
_BET_KEYS = (
    "question",
    "choices",
    "answer",
    "explanation",
    "measure",
    "states",
    "between",
    "ask_before",
    "reveal_after",
)
_QUIZ_KEYS = ("question", "choices", "answer", "why")
_STATE_TEXT_KEYS = ("role", "description")
_STATE_KEYS = ("name", "shape", "position", *STATE_RULES, "kind")
_LINK_KEYS = ("between", "alliance", "trade", "tension")
_LINK_RULES = {"trade": _NON_NEGATIVE, "tension": _SHARE}  # trade narrowed to params.trade_max
_DEPLOYMENT_KEYS = ("patron", "host", "reach", "shield")
_TREATY_KEYS = ("kind", "parties", "cap", "verification")
_TARGETING_KEYS = ("source", "target")
_SEAT_KEYS = ("default",)

_MISSING: Any = object()


def _show(value: Any) -> str:
    """A value as a reader wrote it in TOML, on one short line."""
    if value is _MISSING:
        return "nothing (the field is missing)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        s = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, int | float):
        s = repr(value)
    elif isinstance(value, list):
        s = "[" + ", ".join(_show(v) for v in value) + "]"
    else:
        s = f"a {type(value).__name__} ({value})"
    return s if len(s) <= 60 else s[:57] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    """Collects problems in file order; each check returns the clean value or None."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[tuple[str, str]] = []

    def fail(self, field: str, problem: str) -> None:
        self.problems.append((field, problem))

    def expect(self, field: str, expected: str, got: Any) -> None:
        self.fail(field, f"expected {expected}, got {_show(got)}")

    def raise_if_any(self) -> None:
        if self.problems:
            (field, problem), *rest = self.problems
            more = [ScenarioError(self.file, f, p).problems[0] for f, p in rest]
            raise ScenarioError(self.file, field, problem, more)

    # Shapes of values.

    def keys(self, prefix: str, table: dict[str, Any], allowed: Sequence[str]) -> None:
        for key in table:
            if key in allowed:
                continue
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]}?)" if near else ""
            self.fail(
                _join(prefix, key), f"unknown key{hint}; expected one of: {', '.join(allowed)}"
            )

    def table(self, field: str, value: Any, required: bool = True) -> dict[str, Any] | None:
        if value is _MISSING and not required:
            return {}
        if not isinstance(value, dict):
            self.expect(field, f"a table ([{field}])", value)
            return None
        return value

    def tables(self, field: str, value: Any, required: bool = True) -> list[Any] | None:
        if value is _MISSING and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.expect(field, f"an array of tables ([[{field}]])", value)
            return None
        return value

    def number(self, field: str, value: Any, rule: _Range, default: Any = _MISSING) -> Any:
        if value is _MISSING and default is not _MISSING:
            return default
        if not _is_number(value) or not math.isfinite(value) or not rule.ok(value):
            self.expect(field, rule.text(), value)
            return None
        return float(value)

    def integer(
        self, field: str, value: Any, lo: int, hi: int, default: Any = _MISSING, why: str = ""
    ) -> Any:
        if value is _MISSING and default is not _MISSING:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            what = f"a whole number from {lo} to {hi}" + (f" ({why})" if why else "")
            self.expect(field, what, value)
            return None
        return value

    def boolean(self, field: str, value: Any, default: bool) -> bool:
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.expect(field, "true or false", value)
            return default
        return value

    def string(self, field: str, value: Any, one_line: bool = False) -> str | None:
        what = "a non-empty one-line string" if one_line else "a non-empty string"
        if not isinstance(value, str) or not value.strip():
            self.expect(field, what, value)
            return None
        clean = textwrap.dedent(value).strip()
        if one_line and "\n" in clean:
            self.expect(field, what, value)
            return None
        return clean

    def strings(self, field: str, value: Any, at_least: int) -> tuple[str, ...] | None:
        what = f"an array of at least {at_least} non-empty string{'s' if at_least > 1 else ''}"
        if not isinstance(value, list) or len(value) < at_least:
            self.expect(field, what, value)
            return None
        out = [self.string(f"{field}[{k}]", v) for k, v in enumerate(value)]
        return None if any(v is None for v in out) else tuple(v for v in out if v is not None)

    def choice(self, field: str, value: Any, options: Sequence[str]) -> str | None:
        if value not in options or not isinstance(value, str):
            self.expect(field, "one of " + ", ".join(f'"{o}"' for o in options), value)
            return None
        return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


# --------------------------------------------------------------------------------------------
# Parsing


def _parse(data: dict[str, Any], file: str, stem: str, path: str) -> Scenario:
    c = _Checker(file)
    c.keys("", data, _TOP_KEYS)

    sid = c.string("id", data.get("id", _MISSING), one_line=True)
    if sid is not None:
        if not _ID_RE.fullmatch(sid):
            c.expect("id", "lower-case letters, digits and _ (starting with a letter)", sid)
        elif sid != stem:
            c.expect("id", f'the file name without .toml ("{stem}")', sid)
    fmt = data.get("format", _MISSING)
    if type(fmt) is not int or fmt != FORMAT:
        c.expect("format", f"{FORMAT} (the format this version of the game reads)", fmt)

    params = _parse_params(c, data.get("params", _MISSING))
    names, states, looks = _parse_states(c, data.get("states", _MISSING), params)
    links = _parse_links(c, data.get("links", _MISSING), names, params)
    deployments = _parse_deployments(c, data.get("deployments", _MISSING), names)
    treaties = _parse_treaties(c, data.get("treaties", _MISSING), names)
    targeting = _parse_targeting(c, data.get("targeting", _MISSING), names)
    seats = _parse_seats(c, data.get("seats", _MISSING), names)
    text = _parse_text(c, data.get("text", _MISSING), names)
    bet = text["bet"] if text is not None else None
    if bet is not None:  # a bet the game never reaches would never be asked or revealed
        last = int(params.turns)
        for key in ("ask_before", "reveal_after"):
            if getattr(bet, key) > last:
                c.expect(
                    f"text.bet.{key}",
                    f"a turn of this game (1 to params.turns = {last})",
                    getattr(bet, key),
                )

    c.raise_if_any()
    assert states is not None and looks is not None and sid is not None and text is not None
    assert links is not None and deployments is not None and seats is not None
    assert treaties is not None and targeting is not None
    return Scenario(
        id=sid,
        title=text["title"],
        summary=text["summary"],
        intro=text["intro"],
        objectives=text["objectives"],
        questions=text["questions"],
        params=params,
        states=tuple(states),
        links=tuple(links),
        deployments=tuple(deployments),
        treaties=tuple(treaties),
        targeting=tuple(targeting),
        looks=tuple(looks),
        texts=text["states"],
        default_seats=seats,
        path=path,
        idea=text["idea"] or text["summary"],
        picture=text["picture"],
        bet=text["bet"],
        quiz=text["quiz"],
    )


def _parse_params(c: _Checker, raw: Any) -> Params:
    """Params from [params]; a bad value is reported and replaced by the default."""
    table = c.table("params", raw, required=False)
    if table is None:
        return Params()
    fields = {f.name: f for f in dataclasses.fields(Params)}
    c.keys("params", table, tuple(fields))
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in fields:
            continue
        field = f"params.{key}"
        if key == "turns":
            turns = c.integer(field, value, 1, MAX_TURNS)
            if turns is not None:
                changes[key] = turns
        elif key == "categories":
            cats = _parse_categories(c, field, value)
            if cats is not None:
                changes[key] = cats
        elif key == "diplomacy":
            groups = _parse_groups(c, field, value)
            if groups is not None:
                changes[key] = groups
        else:
            rule = PARAM_RULES.get(key, _Range())
            if rule.whole:
                x = c.integer(field, value, int(rule.lo), int(rule.hi), why=rule.why)
            else:
                x = c.number(field, value, rule)
            if x is not None:
                changes[key] = x
    return Params(**changes)


def _parse_categories(c: _Checker, field: str, value: Any) -> tuple[str, ...] | None:
    allowed = ", ".join(f'"{k}"' for k in CATEGORIES)
    what = f'a non-empty array of distinct budget categories from {allowed}, with "civilian"'
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v in CATEGORIES for v in value)
        or len(set(value)) != len(value)
        or "civilian" not in value
    ):
        c.expect(field, what, value)
        return None
    # Kept in the engine's order, whatever order the file lists them in.
    return tuple(k for k in CATEGORIES if k in value)


def _parse_groups(c: _Checker, field: str, value: Any) -> tuple[str, ...] | None:
    allowed = ", ".join(f'"{k}"' for k in DIPLOMACY_GROUPS)
    what = f"an array of distinct groups of diplomatic actions from {allowed} (or [])"
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) and v in DIPLOMACY_GROUPS for v in value)
        or len(set(value)) != len(value)
    ):
        c.expect(field, what, value)
        return None
    return tuple(k for k in DIPLOMACY_GROUPS if k in value)


def _parse_states(
    c: _Checker, raw: Any, params: Params
) -> tuple[list[str] | None, list[StateSpec] | None, list[StateLook] | None]:
    """States and their looks; the names alone when only they are sound (for later checks)."""
    rows = c.tables("states", raw)
    if rows is None:
        return None, None, None
    if not MIN_STATES <= len(rows) <= MAX_STATES:
        c.fail("states", f"expected {MIN_STATES} to {MAX_STATES} states, got {len(rows)}")
        return None, None, None
    hardening_rule = _Range(0.0, float(params.hardening_max), why="params.hardening_max")
    states: list[StateSpec] = []
    looks: list[StateLook] = []
    names: dict[str, int] = {}
    shapes: dict[str, int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"states[{i}]"
        c.keys(at, row, _STATE_KEYS)
        name = c.string(f"{at}.name", row.get("name", _MISSING), one_line=True)
        if name is not None and len(name) > MAX_NAME:
            c.expect(f"{at}.name", f"a name of at most {MAX_NAME} characters", name)
            name = None
        if name is not None and name in names:
            other = f"states[{names[name]}] is already {name}"
            c.expect(f"{at}.name", f"a name no other state has ({other})", name)
            name = None
        if name is not None:
            names[name] = i
        shape = c.choice(f"{at}.shape", row.get("shape", _MISSING), SHAPES)
        if shape is not None and shape in shapes:
            other = f"states[{shapes[shape]}] is a {shape}"
            c.expect(f"{at}.shape", f"a shape no other state has ({other})", shape)
            shape = None
        if shape is not None:
            shapes[shape] = i
        position = _parse_position(c, f"{at}.position", row.get("position", _MISSING))
        numbers: dict[str, float] = {}
        for key, rule in STATE_RULES.items():
            value = row.get(key, _MISSING)
            if value is _MISSING:
                continue  # the engine's default (StateSpec)
            x = c.number(f"{at}.{key}", value, hardening_rule if key == "hardening" else rule)
            if x is None:
                ok = False
            else:
                numbers[key] = x
        kind = row.get("kind", None)
        if kind is not None and c.choice(f"{at}.kind", kind, KINDS) is None:
            ok = False
        if name is None or shape is None or position is None:
            ok = False
            continue
        states.append(StateSpec(name=name, kind=kind, **numbers))
        looks.append(StateLook(name=name, shape=shape, position=position))
    name_list = list(names) if len(names) == len(rows) else None
    return (name_list, states, looks) if ok else (name_list, None, None)


def _parse_position(c: _Checker, field: str, value: Any) -> tuple[float, float] | None:
    what = "[x, y], two numbers from 0 to 1"
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(_is_number(v) and 0.0 <= v <= 1.0 for v in value)
    ):
        c.expect(field, what, value)
        return None
    return float(value[0]), float(value[1])


def _state_ref(c: _Checker, field: str, value: Any, names: list[str]) -> int | None:
    if not isinstance(value, str) or value not in names:
        c.expect(field, "the name of a state (" + ", ".join(names) + ")", value)
        return None
    return names.index(value)


def _two_states(c: _Checker, field: str, value: Any, names: list[str]) -> tuple[int, int] | None:
    """Two different states named as ``["A", "B"]``."""
    if not isinstance(value, list) or len(value) != 2:
        c.expect(field, 'two state names, as in ["A", "B"]', value)
        return None
    a, b = (_state_ref(c, f"{field}[{k}]", v, names) for k, v in enumerate(value))
    if a is not None and a == b:
        c.expect(field, "two different states", value)
        return None
    return None if a is None or b is None else (a, b)


def _parse_links(
    c: _Checker, raw: Any, names: list[str] | None, params: Params
) -> list[Link] | None:
    rows = c.tables("links", raw, required=False)
    if rows is None or names is None:
        return None
    # The engine holds trade ties at params.trade_max or below: more would vanish on turn 1.
    trade_rule = _Range(0.0, float(params.trade_max), why="params.trade_max")
    links: list[Link] = []
    seen: dict[frozenset[int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"links[{i}]"
        c.keys(at, row, _LINK_KEYS)
        between = row.get("between", _MISSING)
        ends = _two_states(c, f"{at}.between", between, names)
        if ends is not None:
            pair = frozenset(ends)
            if pair in seen:
                c.expect(
                    f"{at}.between",
                    f"a pair not linked already (links[{seen[pair]}] links them)",
                    between,
                )
            seen.setdefault(pair, i)
        alliance = c.boolean(f"{at}.alliance", row.get("alliance", _MISSING), False)
        trade = c.number(f"{at}.trade", row.get("trade", _MISSING), trade_rule, 0.0)
        tension = c.number(
            f"{at}.tension", row.get("tension", _MISSING), _LINK_RULES["tension"], 0.0
        )
        if ends is None or trade is None or tension is None:
            ok = False
            continue
        a, b = ends
        links.append(Link(a=a, b=b, alliance=alliance, trade=trade, tension=tension))
    return links if ok else None


def _ordered_pair(
    c: _Checker,
    at: str,
    row: dict[str, Any],
    names: list[str],
    keys: tuple[str, str],
    seen: dict[tuple[int, int], int],
    index: int,
    once: str,
) -> tuple[int | None, int | None]:
    """The two different states a row names under ``keys`` (e.g. patron and host), each pair
    listed once: ``once`` says what the second must be when the pair is listed already (with
    ``{other}`` for the earlier row's index)."""
    first_key, second_key = keys
    first = _state_ref(c, f"{at}.{first_key}", row.get(first_key, _MISSING), names)
    second = _state_ref(c, f"{at}.{second_key}", row.get(second_key, _MISSING), names)
    if first is not None and first == second:
        c.expect(f"{at}.{second_key}", f"a state other than the {first_key}", row[second_key])
        return first, None
    if first is not None and second is not None:
        if (first, second) in seen:
            c.expect(
                f"{at}.{second_key}", once.format(other=seen[(first, second)]), row[second_key]
            )
        seen.setdefault((first, second), index)
    return first, second


def _parse_deployments(c: _Checker, raw: Any, names: list[str] | None) -> list[Deployment] | None:
    rows = c.tables("deployments", raw, required=False)
    if rows is None or names is None:
        return None
    out: list[Deployment] = []
    seen: dict[tuple[int, int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"deployments[{i}]"
        c.keys(at, row, _DEPLOYMENT_KEYS)
        patron, host = _ordered_pair(
            c,
            at,
            row,
            names,
            ("patron", "host"),
            seen,
            i,
            "a host this patron has no other deployment at "
            "(deployments[{other}] is there; add the amounts up)",
        )
        reach = c.number(f"{at}.reach", row.get("reach", _MISSING), _NON_NEGATIVE, 0.0)
        shield = c.number(f"{at}.shield", row.get("shield", _MISSING), _NON_NEGATIVE, 0.0)
        if patron is None or host is None or reach is None or shield is None:
            ok = False
            continue
        out.append(Deployment(patron=patron, host=host, reach=reach, shield=shield))
    return out if ok else None


def _parse_treaties(c: _Checker, raw: Any, names: list[str] | None) -> list[TreatySpec] | None:
    """Treaties in force at the start; ``cap`` belongs to shield caps and reach ceilings only."""
    rows = c.tables("treaties", raw, required=False)
    if rows is None or names is None:
        return None
    if len(rows) > TREATY_SLOTS:
        c.fail(
            "treaties",
            f"expected at most {TREATY_SLOTS} treaties (the engine's treaty slots), "
            f"got {len(rows)}",
        )
        return None
    capped = [TREATY_KINDS[k] for k in CAPPED]
    out: list[TreatySpec] = []
    ok = True
    for i, row in enumerate(rows):
        at = f"treaties[{i}]"
        c.keys(at, row, _TREATY_KEYS)
        kind = c.choice(f"{at}.kind", row.get("kind", _MISSING), TREATY_KINDS)
        parties = _parse_parties(c, f"{at}.parties", row.get("parties", _MISSING), names)
        raw_cap = row.get("cap", _MISSING)
        cap: float | None = 0.0
        if kind in capped:
            stock = "shield" if kind == "shield_cap" else "reach"
            rule = _Range(0.0, why=f"the most {stock} each party may keep, at home and abroad")
            cap = c.number(f"{at}.cap", raw_cap, rule)
        elif kind is not None and raw_cap is not _MISSING:
            c.fail(
                f"{at}.cap",
                f"expected no cap on a {kind} treaty (only {' and '.join(capped)} have one), "
                f"got {_show(raw_cap)}",
            )
            cap = None
        verification = c.number(
            f"{at}.verification",
            row.get("verification", _MISSING),
            _Range(0.0, 1.0, why="the chance an inspection catches a cheat"),
            TreatySpec.verification,
        )
        if kind is None or parties is None or cap is None or verification is None:
            ok = False
            continue
        out.append(TreatySpec(kind=kind, parties=parties, cap=cap, verification=verification))
    return out if ok else None


def _parse_parties(c: _Checker, field: str, value: Any, names: list[str]) -> tuple[int, ...] | None:
    if not isinstance(value, list) or len(value) < 2:
        c.expect(field, 'two or more state names, as in ["Aurum", "Veyra"]', value)
        return None
    refs = [_state_ref(c, f"{field}[{k}]", v, names) for k, v in enumerate(value)]
    if any(r is None for r in refs):
        return None
    parties = tuple(r for r in refs if r is not None)
    if len(set(parties)) != len(parties):
        c.expect(field, "different states (each party once)", value)
        return None
    return parties


def _parse_targeting(c: _Checker, raw: Any, names: list[str] | None) -> list[Targeting] | None:
    rows = c.tables("targeting", raw, required=False)
    if rows is None or names is None:
        return None
    out: list[Targeting] = []
    seen: dict[tuple[int, int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"targeting[{i}]"
        c.keys(at, row, _TARGETING_KEYS)
        source, target = _ordered_pair(
            c,
            at,
            row,
            names,
            ("source", "target"),
            seen,
            i,
            "a target this source does not aim at already (targeting[{other}] does)",
        )
        if source is None or target is None:
            ok = False
            continue
        out.append(Targeting(source=source, target=target))
    return out if ok else None


def _parse_seats(c: _Checker, raw: Any, names: list[str] | None) -> tuple[str, ...] | None:
    table = c.table("seats", raw)
    if table is None:
        return None
    c.keys("seats", table, _SEAT_KEYS)
    value = table.get("default", _MISSING)
    if not isinstance(value, list):
        c.expect("seats.default", 'an array of seats such as ["human", "ai:baseline"]', value)
        return None
    if names is not None and len(value) != len(names):
        c.fail(
            "seats.default",
            f"expected one seat per state ({len(names)}: {', '.join(names)}), "
            f"got {len(value)} seat{'s' if len(value) != 1 else ''}",
        )
        return None
    seats = []
    for k, seat in enumerate(value):
        if not isinstance(seat, str) or not _SEAT_RE.fullmatch(seat):
            c.expect(
                f"seats.default[{k}]",
                '"human" or "ai:NAME" (NAME in lower-case letters, digits and _)',
                seat,
            )
            return None
        seats.append(seat)
    return tuple(seats)


def _parse_text(c: _Checker, raw: Any, names: list[str] | None) -> dict[str, Any] | None:
    table = c.table("text", raw)
    if table is None:
        return None
    c.keys("text", table, _TEXT_KEYS)
    out: dict[str, Any] = {
        "title": c.string("text.title", table.get("title", _MISSING), one_line=True),
        "summary": c.string("text.summary", table.get("summary", _MISSING), one_line=True),
        "intro": c.string("text.intro", table.get("intro", _MISSING)),
        "objectives": c.strings("text.objectives", table.get("objectives", _MISSING), 1),
        "questions": c.strings("text.questions", table.get("questions", _MISSING), MIN_QUESTIONS),
    }
    idea = table.get("idea", _MISSING)
    extras: dict[str, Any] = {
        "idea": "" if idea is _MISSING else c.string("text.idea", idea, one_line=True),
        "picture": "board",
        "bet": _parse_bet(c, table.get("bet", _MISSING), names),
        "quiz": _parse_quiz(c, table.get("quiz", _MISSING)),
    }
    if "picture" in table:
        extras["picture"] = c.choice("text.picture", table["picture"], PICTURES)
    per_state = c.table("text.states", table.get("states", _MISSING))
    texts: list[StateText] | None = None
    if per_state is not None and names is not None:
        texts = []
        for key in per_state:
            if key not in names:
                c.expect(
                    f"text.states.{key}", "the name of a state (" + ", ".join(names) + ")", key
                )
        for name in names:
            at = f"text.states.{name}"
            entry = c.table(at, per_state.get(name, _MISSING))
            if entry is None:
                texts = None
                continue
            c.keys(at, entry, _STATE_TEXT_KEYS)
            role = c.string(f"{at}.role", entry.get("role", _MISSING), one_line=True)
            description = c.string(f"{at}.description", entry.get("description", _MISSING))
            if role is None or description is None or texts is None:
                texts = None
                continue
            texts.append(StateText(name=name, role=role, description=description))
    out["states"] = tuple(texts) if texts is not None else None
    if any(v is None for v in out.values()) or any(
        v is None for k, v in extras.items() if k != "bet"
    ):
        return None
    return out | extras


def _choice_index(c: _Checker, field: str, value: Any, count: int) -> int | None:
    """A 1-based choice number in the file, 0-based in the result."""
    k = c.integer(field, value, 1, count, why="the number of a choice, counting from 1")
    return None if k is None else k - 1


def _parse_bet(c: _Checker, raw: Any, names: list[str] | None) -> Bet | None:
    if raw is _MISSING:
        return None
    table = c.table("text.bet", raw)
    if table is None:
        return None
    at = "text.bet"
    c.keys(at, table, _BET_KEYS)
    question = c.string(f"{at}.question", table.get("question", _MISSING))
    choices = c.strings(f"{at}.choices", table.get("choices", _MISSING), 3)
    if choices is not None and len(choices) != 3:
        c.expect(
            f"{at}.choices",
            "exactly 3 choices, in the order: falls, stays level, rises",
            list(choices),
        )
        choices = None
    answer = _choice_index(c, f"{at}.answer", table.get("answer", _MISSING), 3)
    explanation = c.string(f"{at}.explanation", table.get("explanation", _MISSING))
    measure = c.choice(f"{at}.measure", table.get("measure", _MISSING), BET_MEASURES)
    ask = c.integer(
        f"{at}.ask_before", table.get("ask_before", _MISSING), 1, MAX_TURNS, default=1, why="a turn"
    )
    reveal = c.integer(
        f"{at}.reveal_after",
        table.get("reveal_after", _MISSING),
        1,
        MAX_TURNS,
        default=0,
        why="a turn",
    )
    if ask is not None and reveal is not None and reveal and reveal < ask:
        c.expect(f"{at}.reveal_after", f"a turn no earlier than ask_before ({ask})", reveal)
        reveal = None
    states: tuple[str, ...] = ()
    between: tuple[tuple[str, str], ...] = ()
    ok = True
    if measure in BET_STATE_MEASURES and names is not None:
        value = table.get("states", _MISSING)
        if (
            not isinstance(value, list)
            or not value
            or not all(v in names for v in value)
            or len(set(value)) != len(value)
        ):
            c.expect(
                f"{at}.states",
                "a non-empty array of distinct state names ("
                + ", ".join(names)
                + f') for the measure "{measure}"',
                value,
            )
            ok = False
        else:
            states = tuple(value)
        if "between" in table:
            c.fail(f"{at}.between", f'not used by the measure "{measure}"; use states')
            ok = False
    elif measure in BET_PAIR_MEASURES and names is not None:
        value = table.get("between", _MISSING)
        pairs = value if isinstance(value, list) and value else None
        clean: list[tuple[str, str]] = []
        for k, pair in enumerate(pairs or []):
            ij = _two_states(c, f"{at}.between[{k}]", pair, names)
            if ij is None:
                ok = False
            else:
                clean.append((names[ij[0]], names[ij[1]]))
        if pairs is None:
            c.expect(
                f"{at}.between",
                "a non-empty array of pairs of states, e.g. "
                '[["Aurum", "Veyra"]]' + f' for the measure "{measure}"',
                value,
            )
            ok = False
        between = tuple(clean)
        if "states" in table:
            c.fail(f"{at}.states", f'not used by the measure "{measure}"; use between')
            ok = False
    if None in (question, choices, answer, explanation, measure, ask, reveal) or not ok:
        return None
    assert question is not None and choices is not None and answer is not None
    assert explanation is not None and measure is not None
    return Bet(
        question=question,
        choices=(choices[0], choices[1], choices[2]),
        answer=answer,
        explanation=explanation,
        measure=measure,
        states=states,
        between=between,
        ask_before=ask,
        reveal_after=reveal,
    )


def _parse_quiz(c: _Checker, raw: Any) -> tuple[QuizQuestion, ...] | None:
    entries = c.tables("text.quiz", raw, required=False)
    if entries is None:
        return None
    if len(entries) > MAX_QUIZ:
        c.expect("text.quiz", f"at most {MAX_QUIZ} questions", f"{len(entries)} questions")
        return None
    out: list[QuizQuestion] = []
    for k, entry in enumerate(entries):
        at = f"text.quiz[{k}]"
        c.keys(at, entry, _QUIZ_KEYS)
        question = c.string(f"{at}.question", entry.get("question", _MISSING))
        choices = c.strings(f"{at}.choices", entry.get("choices", _MISSING), 2)
        if choices is not None and len(choices) > 5:
            c.expect(f"{at}.choices", "2 to 5 choices", list(choices))
            choices = None
        answer = (
            _choice_index(c, f"{at}.answer", entry.get("answer", _MISSING), len(choices))
            if choices is not None
            else None
        )
        why = c.string(f"{at}.why", entry.get("why", _MISSING))
        if question is None or choices is None or answer is None or why is None:
            continue
        out.append(QuizQuestion(question=question, choices=choices, answer=answer, why=why))
    return tuple(out) if len(out) == len(entries) else None


# --------------------------------------------------------------------------------------------
# Loading


def _from_bytes(raw: bytes, file: str, stem: str, path: str) -> Scenario:
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ScenarioError(
            file, f"byte {err.start}", "expected UTF-8 text, got bytes that are not UTF-8"
        ) from None
    source = source.removeprefix("\ufeff")  # a byte-order mark some editors add
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        m = _SYNTAX_RE.match(str(err))
        if m is None:
            where, what = "", str(err)
        else:
            what = m["what"]
            where = f"line {m['line']}, column {m['col']}" if m["line"] else "end of file"
        what = what[:1].lower() + what[1:]
        raise ScenarioError(file, where, f"not valid TOML: {what}") from None
    return dataclasses.replace(_parse(data, file, stem, path), source=source)


def load_text(source: str, file: str, stem: str) -> Scenario:
    """A scenario from its TOML text (as a save embeds it); ``file`` names it in errors and
    ``stem`` is the id it must have."""
    return _from_bytes(source.encode("utf-8"), file, stem, "")


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate the scenario file at ``path``; raise :class:`ScenarioError` if unsound."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "no such file") from None
    except OSError as err:
        raise ScenarioError(str(path), "", f"cannot be read ({err.strerror})") from None
    return _from_bytes(raw, str(path), p.stem, str(p))


def _builtin_dir() -> Any:
    return resources.files("game.assets") / "scenarios"


def builtin_ids() -> list[str]:
    """The ids of the scenarios shipped with the game, sorted."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _builtin_dir().iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    )


def load_builtin(scenario_id: str) -> Scenario:
    """Load a scenario shipped with the game (from a wheel or a source checkout alike)."""
    entry = _builtin_dir() / f"{scenario_id}.toml"
    if not _ID_RE.fullmatch(scenario_id) or not entry.is_file():
        raise ScenarioError(
            f"scenario {json.dumps(scenario_id)}",
            "",
            "unknown scenario id; expected one of: "
            + ", ".join(builtin_ids())
            + " (or a path to a .toml file)",
        )
    return _from_bytes(entry.read_bytes(), f"{scenario_id}.toml", scenario_id, str(entry))


def load(id_or_path: str | Path) -> Scenario:
    """A shipped scenario by id (``"the_shield"``) or a scenario file by path (``x.toml``)."""
    text = str(id_or_path)
    if (
        isinstance(id_or_path, Path)
        or text.lower().endswith(".toml")
        or "/" in text
        or "\\" in text
    ):
        return load_scenario(id_or_path)
    return load_builtin(text)
