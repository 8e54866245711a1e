"""What a scenario file may hold: the allowed range of every number and the keys of every table."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
    "first_strike_fear": _NON_NEGATIVE,
    "crisis_leverage": _NON_NEGATIVE,
    "greed_leverage": _NON_NEGATIVE,
    "spiral_weight": _NON_NEGATIVE,
    "shield_signal": _NON_NEGATIVE,
    "tension_forward": _NON_NEGATIVE,
    "discount": _Range(0.0, 1.0, lo_open=True),
    # Diplomacy: hosts, sanctions, reviews, treaties, drills, talk, trade, crises.
    "recall_lead": _Range(0, MAX_LEAD, whole=True, why="turns"),
    "host_upkeep_share": _SHARE,
    "host_trade_loss": _SHARE,
    "sanction_sender_cost": _NON_NEGATIVE,
    "support_sanction": _SHARE,
    "support_fear": _NON_NEGATIVE,
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
