"""What a scenario file may hold: the allowed range of every number and the keys of every table."""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.params import MAX_LEAD as MAX_LEAD  # the longest delay a scenario may set
from game.engine.params import PARAMETERS, SECTIONS
from game.engine.state import TECH_MAX, TECH_MIN


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
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ") if abs(x) >= 10_000 else str(int(x))
    return repr(float(x))


def _upto(hi: float, lo: float = 0.0, why: str = "") -> _Range:
    """A closed range ``[lo, hi]``: every number the engine reads is finite and bounded."""
    return _Range(lo, hi, why=why)


_SHARE = _Range(0.0, 1.0)
#: The largest stock (reach or shield, at home or stationed abroad) and treaty cap a scenario
#: may start with: a hundred times the shipped lessons' biggest forces.
MAX_STOCK = 10_000.0
#: The smallest and largest starting economy.
MIN_ECONOMY, MAX_ECONOMY = 0.1, 100_000.0
_NON_NEGATIVE = _upto(MAX_STOCK)  # a stock: reach, shield, a deployment

#: Allowed values of every number of Params (``turns`` and ``categories`` are checked apart),
#: built from the one table (:data:`game.engine.params.PARAMETERS`). Every range is closed and
#: finite: the property test in ``tests/test_scenario_limits.py`` plays random scenarios drawn
#: from these ranges and checks the world stays finite, and ``docs/scenario-format.md`` shows each
#: range as :func:`doc_range` writes it (its tables are :func:`params_table`'s).
PARAM_RULES: dict[str, _Range] = {
    p.name: _Range(p.bounds.lo, p.bounds.hi, why=p.bounds.why, whole=p.bounds.whole)
    for p in PARAMETERS
}

#: Allowed values of a state's numbers (``hardening`` depends on params.hardening_max).
STATE_RULES: dict[str, _Range] = {
    "economy": _upto(MAX_ECONOMY, lo=MIN_ECONOMY),
    "reach": _NON_NEGATIVE,
    "shield": _NON_NEGATIVE,
    "hardening": _SHARE,  # narrowed to [0, hardening_max] when checked
    "tech": _Range(TECH_MIN, TECH_MAX),
    "standing": _SHARE,
    "support": _SHARE,
    "expansionist": _Range(0.0, 1.0, why="a probability"),
}


def doc_range(rule: _Range) -> str:
    """A range as ``docs/scenario-format.md`` writes it in its tables ("0 to 1", "0.01 to 100",
    "whole number, 0 to 20", "above 0, at most 1")."""
    lo, hi = _num(rule.lo), _num(rule.hi)
    if rule.whole:
        return f"whole number, {lo} to {hi}"
    if rule.lo_open or rule.hi_open:
        left = f"above {lo}" if rule.lo_open else f"{lo} or above"
        right = f"below {hi}" if rule.hi_open else f"at most {hi}"
        return f"{left}, {right}"
    return f"{lo} to {hi}"


def params_table(section: str) -> str:
    """The reference table of one section's parameters, as ``docs/scenario-format.md`` has it."""
    assert section in SECTIONS, section
    rows = ["| key | range | default | unit | meaning |", "| --- | --- | --- | --- | --- |"]
    for p in PARAMETERS:
        if p.section == section:
            rule = PARAM_RULES[p.name]
            cells = (f"`{p.name}`", doc_range(rule), repr(p.default), p.unit, p.meaning)
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


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
