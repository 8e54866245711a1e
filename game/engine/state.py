"""The world state: every quantity of model.md section 1 as an array with a leading batch axis.

A single game is a batch of one. Per-state arrays have shape ``[B, N]``; per-pair arrays
``[B, N, N]`` (row ``i`` is the owner or observer, column ``j`` the other state).

Scenario parameters live in :class:`Params`. Each may be a plain float (the same in every world)
or an array of shape ``[B]`` (one value per world), so that a sweep over, say, shield efficiency
runs as one batch through the same rules.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np

from game.engine.params import BY_NAME as PARAMETER_TABLE

#: Budget categories, in the order orders and spending arrays use them.
CATEGORIES: tuple[str, ...] = ("reach", "shield", "hardening", "intel", "civilian")
REACH, SHIELD, HARDENING, INTEL, CIVILIAN = range(5)

#: Groups of diplomatic actions a scenario may allow (progressive disclosure). Crisis answers
#: are always allowed: a crisis can open in any scenario. The actions in each group are listed in
#: ``game.engine.actions.ACTION_GROUPS``.
DIPLOMACY_GROUPS: tuple[str, ...] = (
    "alliances",
    "deployments",
    "targeting",
    "economy",
    "signals",
    "programmes",
    "treaties",
)

#: Hidden kinds (Kydd 1997): a security seeker arms only from fear; an expansionist wants gains.
KINDS: tuple[str, ...] = ("security_seeker", "expansionist")
SECURITY_SEEKER, EXPANSIONIST = 0, 1

#: Treaty slots per world: proposals, treaties in force and lapsed ones share them.
TREATY_SLOTS = 6

#: Bounds of model.md section 1.
TECH_MIN, TECH_MAX = 0.5, 2.0

#: A parameter's value: a float, the same in every world, or a ``[B]`` array, one per world.
Scalar: TypeAlias = float | np.ndarray


def _default(name: str) -> Any:
    """A parameter's default, from the one table."""
    return PARAMETER_TABLE[name].default


@dataclass(frozen=True)
class Params:
    """Scenario parameters of the payoff engine (model.md sections 1-7).

    Each number's default, range, unit and meaning are in the one table,
    :data:`game.engine.params.PARAMETERS` (a test checks these fields are its rows, in order).
    A :data:`Scalar` field is a float (the same in every world) or an array of shape ``[B]``
    (one value per world); a count of turns is an ``int``.
    """

    # Section 2: the strike exchange.
    shield_efficiency: Scalar = _default("shield_efficiency")
    counterforce: Scalar = _default("counterforce")
    forward_bonus: Scalar = _default("forward_bonus")
    unacceptable_damage: Scalar = _default("unacceptable_damage")
    host_share: Scalar = _default("host_share")
    host_suppression: Scalar = _default("host_suppression")
    # Section 4: budget, economy, the cost of arming.
    tax: Scalar = _default("tax")
    reach_cost: Scalar = _default("reach_cost")
    shield_cost: Scalar = _default("shield_cost")
    hardening_cost: Scalar = _default("hardening_cost")
    hardening_max: Scalar = _default("hardening_max")
    upkeep: Scalar = _default("upkeep")
    attrition: Scalar = _default("attrition")
    growth: Scalar = _default("growth")
    investment_return: Scalar = _default("investment_return")
    burden_drag: Scalar = _default("burden_drag")
    trade_gain: Scalar = _default("trade_gain")
    sanction_cost: Scalar = _default("sanction_cost")
    burden_tolerance: Scalar = _default("burden_tolerance")
    support_rate: Scalar = _default("support_rate")
    # Section 5: perception and belief.
    distinguishability: Scalar = _default("distinguishability")
    noise: Scalar = _default("noise")
    intel_effect: Scalar = _default("intel_effect")
    signal_seeker: Scalar = _default("signal_seeker")
    signal_expansionist: Scalar = _default("signal_expansionist")
    signal_spread: Scalar = _default("signal_spread")
    # Section 6: tension and war.
    tension_arms: Scalar = _default("tension_arms")
    tension_decay: Scalar = _default("tension_decay")
    tension_trade: Scalar = _default("tension_trade")
    tension_targeting: Scalar = _default("tension_targeting")
    tension_sanction: Scalar = _default("tension_sanction")
    base_war_risk: Scalar = _default("base_war_risk")
    crisis_threshold: Scalar = _default("crisis_threshold")
    war_damage_floor: Scalar = _default("war_damage_floor")
    # Diplomacy (model.md sections 1, 4-6): hosts, treaties, sanctions, signals, crises.
    recall_lead: int = _default("recall_lead")
    host_upkeep_share: Scalar = _default("host_upkeep_share")
    host_trade_loss: Scalar = _default("host_trade_loss")
    sanction_sender_cost: Scalar = _default("sanction_sender_cost")
    support_sanction: Scalar = _default("support_sanction")
    support_fear: Scalar = _default("support_fear")
    review_threshold: Scalar = _default("review_threshold")
    review_chance: Scalar = _default("review_chance")
    treaty_notice: int = _default("treaty_notice")
    proposal_turns: int = _default("proposal_turns")
    treaty_tension: Scalar = _default("treaty_tension")
    treaty_transparency: Scalar = _default("treaty_transparency")
    withdrawal_tension: Scalar = _default("withdrawal_tension")
    withdrawal_trust: Scalar = _default("withdrawal_trust")
    inspection_cost: Scalar = _default("inspection_cost")
    passive_detection: Scalar = _default("passive_detection")
    violation_tension: Scalar = _default("violation_tension")
    violation_trust: Scalar = _default("violation_trust")
    violation_standing: Scalar = _default("violation_standing")
    drill_cost: Scalar = _default("drill_cost")
    drill_standing: Scalar = _default("drill_standing")
    drill_tension: Scalar = _default("drill_tension")
    audience_cost: Scalar = _default("audience_cost")
    talk_weight: Scalar = _default("talk_weight")
    transfer_rate: Scalar = _default("transfer_rate")
    trade_step: Scalar = _default("trade_step")
    trade_max: Scalar = _default("trade_max")
    backdown_standing: Scalar = _default("backdown_standing")
    prevail_standing: Scalar = _default("prevail_standing")
    firm_tension: Scalar = _default("firm_tension")
    escalate_tension: Scalar = _default("escalate_tension")
    crisis_relief: Scalar = _default("crisis_relief")
    accident_share: Scalar = _default("accident_share")
    targeting_fear: Scalar = _default("targeting_fear")
    # Section 7: utility and score.
    threat_weight: Scalar = _default("threat_weight")
    residual_fear: Scalar = _default("residual_fear")
    first_strike_fear: Scalar = _default("first_strike_fear")
    crisis_leverage: Scalar = _default("crisis_leverage")
    greed_leverage: Scalar = _default("greed_leverage")
    spiral_weight: Scalar = _default("spiral_weight")
    shield_signal: Scalar = _default("shield_signal")
    tension_forward: Scalar = _default("tension_forward")
    discount: Scalar = _default("discount")
    turns: int = 20
    #: Budget categories this scenario allows (progressive disclosure: a first lesson has two).
    categories: tuple[str, ...] = CATEGORIES
    #: Groups of diplomatic actions this scenario allows (a first lesson has none).
    diplomacy: tuple[str, ...] = DIPLOMACY_GROUPS

    def replace(self, **changes: Any) -> Params:
        """These parameters with ``changes``."""
        return dataclasses.replace(self, **changes)

    def names(self) -> tuple[str, ...]:
        """The parameter names, in declaration order."""
        return tuple(f.name for f in dataclasses.fields(self))


def _per_world_array(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.ndim == 1


def per_world(value: Any, batch: int) -> np.ndarray:
    """A parameter as a float array of shape ``[B]`` (a scalar is repeated)."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return np.full(batch, float(arr))
    if arr.shape != (batch,):
        raise ValueError(f"a per-world parameter needs shape ({batch},), got {arr.shape}")
    return arr


@dataclass(frozen=True)
class World:
    """A batch of ``B`` worlds of ``N`` states each (model.md section 1).

    Arrays are never modified in place: :func:`game.engine.step.step` returns a new World.
    """

    params: Params
    # Per state, [B, N].
    economy: np.ndarray
    reach: np.ndarray
    shield: np.ndarray
    hardening: np.ndarray
    tech: np.ndarray
    standing: np.ndarray
    support: np.ndarray
    kind: np.ndarray  # int8, hidden: SECURITY_SEEKER or EXPANSIONIST
    score: np.ndarray  # discounted sum of utility so far
    utility: np.ndarray  # utility of the last turn
    base_economy: np.ndarray  # economy at the start: prosperity is measured against it
    # Per pair, [B, N, N].
    fwd_reach: np.ndarray  # [p, h]: reach patron p stations at host h
    fwd_shield: np.ndarray  # [p, h]: shield patron p stations at host h
    alliance: np.ndarray  # 0/1, symmetric
    targeting: np.ndarray  # 0/1: i has declared its reach aimed at j
    tension: np.ndarray  # [0, 1], symmetric
    belief: np.ndarray  # i's probability that j is a security seeker
    trade: np.ndarray  # trade ties, symmetric, >= 0
    sanction: np.ndarray  # 0/1: i sanctions j
    seen_reach: np.ndarray  # what i believes j has
    seen_shield: np.ndarray
    transparency: np.ndarray  # [0, 1]: how clearly i sees j this turn
    seen_build: np.ndarray  # the arms build i saw j make last turn (share of j's budget)
    # The last orders' spending, [B, N, 5] (others "keep their last orders" in the lens).
    last_spend: np.ndarray
    # Diplomacy, per pair [B, N, N] (0/1 unless said).
    ally_offer: np.ndarray  # i has offered j an alliance, awaiting an answer
    offer_reach: np.ndarray  # [p, h] reach patron p offers to station at host h, awaiting it
    offer_shield: np.ndarray
    recall: np.ndarray  # [p, h] turns until p's deployment at h comes home (0: none under way)
    commitment: np.ndarray  # i has publicly committed to stand firm against j
    programme: np.ndarray  # symmetric: i and j run a joint shield programme
    programme_offer: np.ndarray  # i has offered j a joint programme
    trade_offer: np.ndarray  # i has offered j wider trade
    crisis: np.ndarray  # symmetric: the pair is in a crisis
    # Treaties, [B, K] slots (see game.engine.treaties); parties and cheats [B, K, N].
    treaty_kind: np.ndarray  # int8, -1 where the slot is empty
    treaty_status: np.ndarray  # int8: EMPTY, PROPOSED, IN_FORCE, WITHDRAWING, LAPSED
    treaty_invited: np.ndarray  # parties named in the proposal
    treaty_signed: np.ndarray  # parties that have signed
    treaty_cap: np.ndarray
    treaty_verification: np.ndarray
    treaty_timer: np.ndarray  # int: turns a proposal has waited, or notice left when withdrawing
    treaty_cheat: np.ndarray  # hidden: the party is cheating this turn
    treaty_caught: np.ndarray  # public: the party was caught breaking the treaty last turn
    # Per world, [B].
    over: np.ndarray  # bool: the game has ended in this world (war)
    turn: int = 0
    names: tuple[str, ...] = field(default=())

    @property
    def batch(self) -> int:
        """The number of worlds in the batch."""
        return int(self.economy.shape[0])

    @property
    def n(self) -> int:
        """The number of states in each world."""
        return int(self.economy.shape[1])

    def replace(self, **changes: Any) -> World:
        """This world with ``changes``."""
        return dataclasses.replace(self, **changes)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array field by name, in declaration order."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if isinstance(getattr(self, f.name), np.ndarray)
        }

    def param(self, name: str) -> np.ndarray:
        """A scenario parameter as a ``[B]`` array (read-only).

        Every rule asks for its parameters each turn, and a turn makes many worlds that share
        one ``Params``: the arrays are made once per ``Params`` and batch size and kept on it
        (read-only, so no rule can change a parameter by writing into its array).
        """
        cache = self.params.__dict__.get("_arrays")
        if cache is None:
            cache = {}
            object.__setattr__(self.params, "_arrays", cache)
        key = (name, self.batch)
        arr = cache.get(key)
        if arr is None:
            arr = np.array(per_world(getattr(self.params, name), self.batch), dtype=float)
            arr.flags.writeable = False
            cache[key] = arr
        return arr

    def select(self, b: int | slice | np.ndarray) -> World:
        """The sub-batch ``b`` (an index keeps the batch axis: ``select(3)`` is a batch of one)."""
        idx = np.arange(self.batch)[b]
        idx = np.atleast_1d(idx)
        p: dict[str, Any] = {}
        for f in dataclasses.fields(self.params):
            v = getattr(self.params, f.name)
            p[f.name] = np.asarray(v)[idx] if _per_world_array(v) else v
        arrays = {k: v[idx] for k, v in self.arrays().items()}
        return self.replace(params=Params(**p), **arrays)

    def tile(self, copies: int) -> World:
        """``copies`` identical copies of a batch-of-one world (used by the lens projection)."""
        if self.batch != 1:
            raise ValueError("tile() takes a batch of one")
        p: dict[str, Any] = {}
        for f in dataclasses.fields(self.params):
            v = getattr(self.params, f.name)
            p[f.name] = np.repeat(np.asarray(v, dtype=float), copies) if _per_world_array(v) else v
        arrays = {k: np.repeat(v, copies, axis=0) for k, v in self.arrays().items()}
        return self.replace(params=Params(**p), **arrays)

    def digest(self) -> str:
        """A SHA-256 of every array and the turn: equal digests mean bit-identical worlds."""
        h = hashlib.sha256()
        h.update(f"turn={self.turn};n={self.n};b={self.batch}".encode())
        for name, arr in self.arrays().items():
            h.update(name.encode())
            h.update(np.ascontiguousarray(arr).tobytes())
        return h.hexdigest()


def stack_worlds(worlds: list[World] | tuple[World, ...]) -> World:
    """One batch of several batches of the same scenario, in order (per-world parameter arrays
    are joined; the first world's turn and names are kept)."""
    first = worlds[0]
    p: dict[str, Any] = {}
    for f in dataclasses.fields(first.params):
        vals = [getattr(w.params, f.name) for w in worlds]
        if any(_per_world_array(v) for v in vals):
            p[f.name] = np.concatenate(
                [per_world(v, w.batch) for v, w in zip(vals, worlds, strict=True)]
            )
        else:
            p[f.name] = vals[0]
    arrays = {k: np.concatenate([getattr(w, k) for w in worlds]) for k in first.arrays()}
    return first.replace(params=Params(**p), **arrays)


def state_name(world: World, i: int) -> str:
    """State ``i``'s name in a message: its scenario name, or ``state i`` when it has none."""
    return world.names[i] if i < len(world.names) else f"state {i}"


def check_world(world: World) -> list[str]:
    """Problems with a world's invariants (empty when sound): finite, non-negative, in range."""
    problems = []
    for name, arr in world.arrays().items():
        if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
            problems.append(f"{name} has a NaN or infinity")
    for name in ("economy", "reach", "shield", "hardening", "fwd_reach", "fwd_shield", "trade"):
        if np.any(getattr(world, name) < 0):
            problems.append(f"{name} went negative")
    if np.any(world.economy <= 0):
        problems.append("economy must stay above zero")
    for name in ("standing", "support", "tension", "belief", "transparency"):
        arr = getattr(world, name)
        if np.any((arr < 0) | (arr > 1)):
            problems.append(f"{name} left [0, 1]")
    if np.any(world.tech < TECH_MIN) or np.any(world.tech > TECH_MAX):
        problems.append("tech left [0.5, 2]")
    if np.any(world.hardening > world.param("hardening_max")[:, None] + 1e-12):
        problems.append("hardening above its maximum")
    return problems


@dataclass(frozen=True)
class StateSpec:
    """One state's starting position (numbers only; prose lives with the scenario)."""

    name: str
    economy: float = 100.0
    reach: float = 0.0
    shield: float = 0.0
    hardening: float = 0.0
    tech: float = 1.0
    standing: float = 0.7
    support: float = 0.8
    expansionist: float = 0.3  # prior probability that the hidden kind is expansionist
    kind: str | None = None  # fixes the kind instead of drawing it


@dataclass(frozen=True)
class Link:
    """A starting relation between two states (by index)."""

    a: int
    b: int
    alliance: bool = False
    trade: float = 0.0
    tension: float = 0.0


@dataclass(frozen=True)
class Deployment:
    """Reach and shield that ``patron`` stations at ``host`` at the start (by index)."""

    patron: int
    host: int
    reach: float = 0.0
    shield: float = 0.0


@dataclass(frozen=True)
class TreatySpec:
    """A treaty in force at the start: kind (see ``game.engine.actions.TREATY_KINDS``), parties
    (by index), cap (for caps and ceilings) and verification in [0, 1]."""

    kind: str
    parties: tuple[int, ...]
    cap: float = 0.0
    verification: float = 0.5


@dataclass(frozen=True)
class Targeting:
    """A targeting declaration in force at the start: ``source`` aims its reach at ``target``."""

    source: int
    target: int
