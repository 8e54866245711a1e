"""Every scenario parameter declared once: its type, default, allowed range, unit and meaning.

:data:`PARAMETERS` is the one table. :class:`game.engine.state.Params` takes its defaults from it
(and a test checks its typed fields are the table's, in order), the scenario loader's checks
(:data:`game.scenarios.rules.PARAM_RULES`) are built from it, and the reference tables of
``docs/scenario-format.md`` are written from it (:func:`game.scenarios.rules.params_table`; a test
checks the page). The three settings checked apart (``turns``, ``categories``, ``diplomacy``) are
not numbers of the rules and stay in ``Params`` alone.

Every parameter is unit-free in the model's sense (a share, a weight, a count of turns); ``unit``
says which kind of number it is, for a reader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bounds:
    """The closed range a parameter may take; ``whole``: whole numbers only (counts of turns)."""

    lo: float
    hi: float
    whole: bool = False
    why: str = ""


@dataclass(frozen=True)
class Parameter:
    """One row of the table."""

    name: str
    default: float | int
    bounds: Bounds
    unit: str
    section: str
    meaning: str

    @property
    def kind(self) -> type:
        """``int`` for a count of turns, ``float`` for every other parameter."""
        return int if self.bounds.whole else float


SHARE = Bounds(0.0, 1.0)
PROBABILITY = Bounds(0.0, 1.0, why="a probability")
TRUST = Bounds(0.01, 1.0, why="a factor on the odds: 1 leaves trust as it was")
COST = Bounds(0.01, 100.0)  # budget per unit built: never free, never out of reach
WEIGHT = Bounds(0.0, 10.0)  # a weight on a term of the model
RATE = Bounds(0.0, 1.0)  # a per-turn rate that is not a share by nature
#: The longest delay, in turns, a scenario may set.
MAX_LEAD = 20


def _turns(lo: int, why: str = "turns") -> Bounds:
    return Bounds(lo, MAX_LEAD, whole=True, why=why)


#: The sections of the model the parameters belong to, as the format page heads them.
SECTIONS: dict[str, str] = {
    "exchange": "The strike exchange (section 2)",
    "economy": "Budget, economy and the cost of arming (section 4)",
    "perception": "Perception and belief (section 5)",
    "war": "Tension and war (section 6)",
    "diplomacy": "Diplomacy (sections 1, 4-6)",
    "utility": "Utility and score (section 7)",
}

#: The table, in the order of ``Params``'s fields.
PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "shield_efficiency",
        1.0,
        Bounds(0.05, 20.0),
        "reach per shield",
        "exchange",
        (
            "η, the offense-defense balance: reach stopped per unit of shield. High values favour"
            " the defence."
        ),
    ),
    Parameter(
        "counterforce",
        0.6,
        SHARE,
        "share",
        "exchange",
        "κ: share of an exposed (unhardened) force that a full first strike destroys",
    ),
    Parameter(
        "forward_bonus",
        1.5,
        Bounds(1.0, 5.0, why="forward reach must count at least as much as home reach"),
        "factor",
        "exchange",
        (
            "β: how much more a unit of reach stationed at a host counts than a unit at home (it "
            "is closer and leaves less warning). Below 1 is refused: forward reach must count at "
            "least as much as home reach."
        ),
    ),
    Parameter(
        "unacceptable_damage",
        0.3,
        Bounds(0.01, 10.0),
        "share of economy",
        "exchange",
        (
            "θ: damage, as a share of the victim's economy, that deters. `i` deters `j` when its "
            "retaliation would do at least `θ · economy_j`."
        ),
    ),
    Parameter(
        "host_share",
        0.25,
        SHARE,
        "share",
        "exchange",
        "share of a first strike that falls on the hosts of the target's forward assets",
    ),
    Parameter(
        "host_suppression",
        0.5,
        SHARE,
        "share",
        "exchange",
        (
            "share of a forward shield's guard of its patron that is lost against a state that "
            "has declared its reach aimed at the host (it would strike the shield's site first)"
        ),
    ),
    Parameter(
        "tax",
        0.2,
        Bounds(0.01, 1.0),
        "share of economy",
        "economy",
        "share of the economy available as budget each turn",
    ),
    Parameter(
        "reach_cost",
        1.0,
        COST,
        "budget per unit",
        "economy",
        "budget per unit of reach (divided by the state's tech)",
    ),
    Parameter(
        "shield_cost",
        1.0,
        COST,
        "budget per unit",
        "economy",
        "budget per unit of shield (divided by the state's tech)",
    ),
    Parameter(
        "hardening_cost",
        4.0,
        COST,
        "budget per unit",
        "economy",
        "budget that closes the gap to maximum hardening by one e-fold",
    ),
    Parameter(
        "hardening_max",
        0.9,
        SHARE,
        "share",
        "economy",
        (
            "H_max: the most hardening any state can have. A state's starting `hardening` may not"
            " exceed it."
        ),
    ),
    Parameter(
        "upkeep",
        0.05,
        SHARE,
        "share",
        "economy",
        'each stock costs this share of its build cost every turn (Richardson\'s "fatigue")',
    ),
    Parameter(
        "attrition",
        0.02,
        SHARE,
        "share",
        "economy",
        "each stock wears out by this share every turn",
    ),
    Parameter(
        "growth",
        0.01,
        Bounds(-1.0, 1.0),
        "per turn",
        "economy",
        "base growth of the economy per turn",
    ),
    Parameter(
        "investment_return",
        0.15,
        Bounds(0.0, 2.0),
        "growth per unit",
        "economy",
        "growth per unit of civilian investment (as a share of the economy)",
    ),
    Parameter(
        "burden_drag",
        0.03,
        RATE,
        "per turn",
        "economy",
        "growth lost per unit of defence burden (a share of the budget) above the tolerance",
    ),
    Parameter(
        "trade_gain",
        0.01,
        RATE,
        "per turn",
        "economy",
        "growth per unit of trade ties",
    ),
    Parameter(
        "sanction_cost",
        0.02,
        RATE,
        "per turn",
        "economy",
        "growth lost per sanction in force against a state",
    ),
    Parameter(
        "burden_tolerance",
        0.35,
        SHARE,
        "share",
        "economy",
        "military burden share above which domestic support erodes",
    ),
    Parameter(
        "support_rate",
        0.2,
        SHARE,
        "share",
        "economy",
        "how fast support answers the burden",
    ),
    Parameter(
        "distinguishability",
        0.5,
        SHARE,
        "share",
        "perception",
        (
            "δ: the chance that a shield build is seen as a shield; otherwise it is read as reach"
            " (defence cannot be told from offence)"
        ),
    ),
    Parameter(
        "noise",
        0.3,
        Bounds(0.0, 3.0),
        "log-normal sigma",
        "perception",
        (
            "σ0: perception noise (log-normal): how far what a state sees of another's arms can "
            "be from the truth"
        ),
    ),
    Parameter(
        "intel_effect",
        0.5,
        WEIGHT,
        "weight",
        "perception",
        "transparency bought per unit of intelligence spending (as a share of the budget)",
    ),
    Parameter(
        "signal_seeker",
        0.0,
        SHARE,
        "share",
        "perception",
        "mean arms build share of the budget of a security seeker (used in belief updates)",
    ),
    Parameter(
        "signal_expansionist",
        0.4,
        SHARE,
        "share",
        "perception",
        "mean arms build share of the budget of an expansionist",
    ),
    Parameter(
        "signal_spread",
        0.3,
        Bounds(0.01, 3.0),
        "share of budget",
        "perception",
        "spread of the build share within a kind: the larger, the less one turn's build reveals",
    ),
    Parameter(
        "tension_arms",
        0.15,
        WEIGHT,
        "weight",
        "war",
        (
            "tension per unit of the arms build each side sees the other make (a share of its "
            "budget; a seen cut relieves tension)"
        ),
    ),
    Parameter(
        "tension_decay",
        0.1,
        SHARE,
        "share",
        "war",
        "share of tension that fades each turn",
    ),
    Parameter(
        "tension_trade",
        0.05,
        RATE,
        "per turn",
        "war",
        "tension relieved per unit of trade ties",
    ),
    Parameter(
        "tension_targeting",
        0.1,
        RATE,
        "per turn",
        "war",
        "tension per turn from a targeting declaration",
    ),
    Parameter(
        "tension_sanction",
        0.05,
        RATE,
        "per turn",
        "war",
        "tension per turn from a sanction in force",
    ),
    Parameter(
        "base_war_risk",
        0.4,
        SHARE,
        "share",
        "war",
        (
            "the odds of war when both sides of a crisis escalate, at full tension and zero "
            "first-strike stability (higher stability and lower tension scale it down)"
        ),
    ),
    Parameter(
        "crisis_threshold",
        0.7,
        SHARE,
        "share",
        "war",
        "tension above which a pair is in crisis and war can break out",
    ),
    Parameter(
        "war_damage_floor",
        0.3,
        SHARE,
        "share",
        "war",
        "share of the economy every party loses in a war, at the least",
    ),
    Parameter(
        "recall_lead",
        2,
        _turns(0),
        "turns",
        "diplomacy",
        (
            "turns a withdrawn deployment takes to come home; it still counts (and still "
            "threatens) until then. 0 brings it home at once."
        ),
    ),
    Parameter(
        "host_upkeep_share",
        0.5,
        SHARE,
        "share",
        "diplomacy",
        "share of a hosted deployment's upkeep that the host pays",
    ),
    Parameter(
        "host_trade_loss",
        0.3,
        SHARE,
        "share",
        "diplomacy",
        "share of its trade with a sanctioning rival that a state loses each turn",
    ),
    Parameter(
        "sanction_sender_cost",
        0.005,
        RATE,
        "per turn",
        "diplomacy",
        "growth the sender loses per sanction it imposes (sanctions cut both ways)",
    ),
    Parameter(
        "support_sanction",
        0.04,
        SHARE,
        "share",
        "diplomacy",
        "domestic support a state loses each turn per sanction in force against it",
    ),
    Parameter(
        "support_fear",
        0.05,
        RATE,
        "per turn",
        "diplomacy",
        (
            "support a host loses each turn per unit of the share of its economy that a rival's "
            "salvo would spill onto it (the fear of being a target, part of the bill for hosting)"
        ),
    ),
    Parameter(
        "review_threshold",
        0.3,
        SHARE,
        "share",
        "diplomacy",
        "support below which a programme review may cancel one of the state's programmes",
    ),
    Parameter(
        "review_chance",
        0.5,
        PROBABILITY,
        "probability",
        "diplomacy",
        "the chance of that review each turn while support stays below the threshold",
    ),
    Parameter(
        "treaty_notice",
        3,
        _turns(0),
        "turns",
        "diplomacy",
        "turns a withdrawal from a treaty takes; the treaty binds until they pass",
    ),
    Parameter(
        "proposal_turns",
        2,
        _turns(1, "turns; a proposal needs at least one turn to be signed"),
        "turns",
        "diplomacy",
        "turns a proposed treaty waits for every named party to sign before it expires",
    ),
    Parameter(
        "treaty_tension",
        0.03,
        SHARE,
        "share",
        "diplomacy",
        "tension relieved each turn between parties to a treaty in force",
    ),
    Parameter(
        "treaty_transparency",
        0.3,
        SHARE,
        "share",
        "diplomacy",
        (
            "transparency a treaty in force gives between its parties, times its verification "
            "(twice that for a transparency treaty)"
        ),
    ),
    Parameter(
        "withdrawal_tension",
        0.15,
        SHARE,
        "share",
        "diplomacy",
        "tension added between a state that gives notice of withdrawal and the other parties",
    ),
    Parameter(
        "withdrawal_trust",
        0.5,
        TRUST,
        "odds factor",
        "diplomacy",
        (
            "the others' odds that a withdrawing state is a security seeker are multiplied by "
            "this (1: no loss of trust)"
        ),
    ),
    Parameter(
        "inspection_cost",
        0.05,
        SHARE,
        "share",
        "diplomacy",
        "share of its budget an inspection costs the inspector",
    ),
    Parameter(
        "passive_detection",
        0.25,
        SHARE,
        "share",
        "diplomacy",
        "share of a treaty's verification that catches a cheat when nobody inspects",
    ),
    Parameter(
        "violation_tension",
        0.2,
        SHARE,
        "share",
        "diplomacy",
        "tension added between a detected violator and the other parties",
    ),
    Parameter(
        "violation_trust",
        0.3,
        TRUST,
        "odds factor",
        "diplomacy",
        "the others' odds that a detected violator is a security seeker are multiplied by this",
    ),
    Parameter(
        "violation_standing",
        0.1,
        SHARE,
        "share",
        "diplomacy",
        "standing a detected violator loses",
    ),
    Parameter(
        "drill_cost",
        0.05,
        SHARE,
        "share",
        "diplomacy",
        "share of its budget a joint drill costs (a sunk cost: a costly signal)",
    ),
    Parameter(
        "drill_standing",
        0.03,
        SHARE,
        "share",
        "diplomacy",
        "standing (the credibility of an alliance) a drill earns",
    ),
    Parameter(
        "drill_tension",
        0.08,
        SHARE,
        "share",
        "diplomacy",
        "tension a drill adds with the rival it names",
    ),
    Parameter(
        "audience_cost",
        0.15,
        SHARE,
        "share",
        "diplomacy",
        "standing lost by backing down after a public commitment to stand firm (tying hands)",
    ),
    Parameter(
        "talk_weight",
        1.0,
        WEIGHT,
        "weight",
        "diplomacy",
        (
            "how far a reassuring message can move a belief, in log-odds, times the sender's "
            "standing (cheap talk)"
        ),
    ),
    Parameter(
        "transfer_rate",
        0.1,
        SHARE,
        "share",
        "diplomacy",
        "share of the tech gap a joint shield programme closes each turn",
    ),
    Parameter(
        "trade_step",
        0.25,
        WEIGHT,
        "weight",
        "diplomacy",
        "trade ties a mutual trade offer adds",
    ),
    Parameter(
        "trade_max",
        2.0,
        WEIGHT,
        "weight",
        "diplomacy",
        "the most trade ties a pair can have; a link's starting `trade` may not exceed it",
    ),
    Parameter(
        "backdown_standing",
        0.1,
        SHARE,
        "share",
        "diplomacy",
        "standing lost by backing down in a crisis",
    ),
    Parameter(
        "prevail_standing",
        0.05,
        SHARE,
        "share",
        "diplomacy",
        "standing won when the other side backs down",
    ),
    Parameter(
        "firm_tension",
        0.05,
        SHARE,
        "share",
        "diplomacy",
        "tension added when both sides of a crisis stand firm",
    ),
    Parameter(
        "escalate_tension",
        0.1,
        SHARE,
        "share",
        "diplomacy",
        "tension added per side that escalates in a crisis",
    ),
    Parameter(
        "crisis_relief",
        0.3,
        SHARE,
        "share",
        "diplomacy",
        "tension relieved when a crisis ends because someone backs down",
    ),
    Parameter(
        "accident_share",
        0.25,
        SHARE,
        "share",
        "diplomacy",
        (
            "the odds of war when only one side escalates, as a share of the odds when both do "
            "(the threat that leaves something to chance)"
        ),
    ),
    Parameter(
        "targeting_fear",
        0.5,
        WEIGHT,
        "weight",
        "diplomacy",
        "extra weight a state gives to an attack by a state whose reach is aimed at it",
    ),
    Parameter(
        "threat_weight",
        1.0,
        WEIGHT,
        "weight",
        "utility",
        "λ: how much the perceived threat weighs against prosperity in each turn's utility",
    ),
    Parameter(
        "residual_fear",
        0.3,
        SHARE,
        "share",
        "utility",
        (
            "chance weight of an attack even by a deterred rival (Schelling's threat that leaves "
            "something to chance); also the chance of a crisis that even trusting neighbours do "
            "not avoid, which keeps an edge in strike power worth something between them"
        ),
    ),
    Parameter(
        "first_strike_fear",
        1.0,
        WEIGHT,
        "weight",
        "utility",
        (
            "extra weight on a rival's attack when first-strike stability is 0 (at stability 1, "
            "none): where striking first pays, a crisis is likelier to end in a strike"
        ),
    ),
    Parameter(
        "crisis_leverage",
        1.0,
        WEIGHT,
        "weight",
        "utility",
        (
            "value of the balance of strike power in a crisis: a lead is worth this times "
            "`residual_fear`; being behind costs more with distrust and tension"
        ),
    ),
    Parameter(
        "greed_leverage",
        0.5,
        WEIGHT,
        "weight",
        "utility",
        "extra value an expansionist puts on a lead, for what it could coerce (Glaser)",
    ),
    Parameter(
        "spiral_weight",
        0.3,
        WEIGHT,
        "weight",
        "utility",
        "μ: weight of the spiral risk, tension times first-strike instability, with every rival",
    ),
    Parameter(
        "shield_signal",
        0.5,
        WEIGHT,
        "weight",
        "utility",
        "how threatening a shield build looks, against reach, when it is seen for what it is",
    ),
    Parameter(
        "tension_forward",
        0.03,
        RATE,
        "per turn",
        "war",
        "tension per turn from a rival's forward deployment",
    ),
    Parameter(
        "discount",
        0.95,
        Bounds(0.01, 1.0),
        "factor per turn",
        "utility",
        "weight of each later turn in the final score (the shadow of the future)",
    ),
)

#: The table by name.
BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
