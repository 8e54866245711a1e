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
from typing import Any

import numpy as np

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


@dataclass(frozen=True)
class Params:
    """Scenario parameters of the payoff engine (model.md sections 1-7).

    Every field is unit-free. A field may be a float or a float array of shape ``[B]``.
    """

    # Section 2: the strike exchange.
    shield_efficiency: Any = 1.0  # eta: reach stopped per unit of shield (offense-defense balance)
    counterforce: Any = 0.6  # kappa: share of an exposed force a full first strike destroys
    forward_bonus: Any = 1.5  # beta >= 1: forward reach is closer, leaves less warning
    unacceptable_damage: Any = 0.3  # theta: damage / economy that deters
    host_share: Any = 0.25  # share of a first strike that falls on hosts of the target's assets
    host_suppression: Any = 0.5  # forward shield guard lost against a state aiming at its host
    # Section 4: budget, economy, the cost of arming.
    tax: Any = 0.2  # share of economy available as budget each turn
    reach_cost: Any = 1.0  # budget per unit of reach (divided by tech)
    shield_cost: Any = 1.0  # budget per unit of shield (divided by tech)
    hardening_cost: Any = 4.0  # budget that closes the gap to max hardening by one e-fold
    hardening_max: Any = 0.9  # H_max
    upkeep: Any = 0.05  # each stock costs this share of its build cost every turn (fatigue)
    attrition: Any = 0.02  # each stock wears out by this share every turn
    growth: Any = 0.01  # base growth of the economy per turn
    investment_return: Any = 0.15  # growth per unit of civilian investment / economy
    burden_drag: Any = 0.03  # growth lost per unit of defence burden (over budget) above tolerance
    trade_gain: Any = 0.01  # growth per unit of trade ties
    sanction_cost: Any = 0.02  # growth lost per sanction in force against a state
    burden_tolerance: Any = 0.35  # military burden share above which support erodes
    support_rate: Any = 0.2  # how fast support answers the burden
    # Section 5: perception and belief.
    distinguishability: Any = 0.5  # delta: chance a shield build is seen as a shield
    noise: Any = 0.3  # sigma0: perception noise (log-normal)
    intel_effect: Any = 0.5  # transparency bought per unit of intelligence spending / budget
    signal_seeker: Any = 0.0  # mean arms build share (of budget) of a security seeker
    signal_expansionist: Any = 0.4  # mean arms build share of an expansionist
    signal_spread: Any = 0.3  # spread of the build share within a kind
    # Section 6: tension and war.
    tension_arms: Any = 0.15  # tension per unit of seen arms growth / economy
    tension_decay: Any = 0.1  # share of tension that fades each turn
    tension_trade: Any = 0.05  # tension relieved per unit of trade ties
    tension_targeting: Any = 0.1  # tension per turn from a targeting declaration
    tension_sanction: Any = 0.05  # tension per turn from a sanction in force
    base_war_risk: Any = 0.4  # war odds when both escalate, at full tension and zero stability
    crisis_threshold: Any = 0.7  # tension above which a pair is in crisis and war can break out
    war_damage_floor: Any = 0.3  # share of economy every party loses in a war, at the least
    # Diplomacy (model.md sections 1, 4-6): hosts, treaties, sanctions, signals, crises.
    recall_lead: int = 2  # turns a withdrawn deployment takes to come home (it still counts)
    host_upkeep_share: Any = 0.5  # share of a hosted deployment's upkeep the host pays
    host_trade_loss: Any = 0.3  # share of its trade with a sanctioning rival a state loses a turn
    sanction_sender_cost: Any = 0.005  # growth the sender loses per sanction it imposes
    support_sanction: Any = 0.04  # support a state loses per turn per sanction against it
    support_fear: Any = 0.05  # support a host loses per turn per unit of rival spill / economy
    review_threshold: Any = 0.3  # support below which a programme review may cancel a programme
    review_chance: Any = 0.5  # chance of that review each turn while support stays below
    treaty_notice: int = 3  # turns a withdrawal takes; the treaty binds until they pass
    proposal_turns: int = 2  # turns a proposal waits for every party to sign
    treaty_tension: Any = 0.03  # tension relieved per turn between parties to a treaty in force
    treaty_transparency: Any = 0.3  # transparency between parties, times verification
    withdrawal_tension: Any = 0.15  # tension between a withdrawer and the other parties
    withdrawal_trust: Any = 0.5  # odds that a withdrawer is a security seeker are multiplied by
    inspection_cost: Any = 0.05  # share of its budget an inspection costs the inspector
    passive_detection: Any = 0.25  # share of verification that catches cheating uninspected
    violation_tension: Any = 0.2  # tension between a detected violator and the other parties
    violation_trust: Any = 0.3  # odds that a detected violator is a security seeker, times
    violation_standing: Any = 0.1  # standing a detected violator loses
    drill_cost: Any = 0.05  # share of its budget a drill costs (a sunk cost)
    drill_standing: Any = 0.03  # standing (alliance credibility) a drill earns
    drill_tension: Any = 0.08  # tension a drill adds with the rival it names
    audience_cost: Any = 0.15  # standing lost by breaking a public commitment (tying hands)
    talk_weight: Any = 1.0  # log-odds a message can move a belief, times the sender's standing
    transfer_rate: Any = 0.1  # share of the tech gap a joint programme closes each turn
    trade_step: Any = 0.25  # trade ties a mutual trade offer adds (up to trade_max)
    trade_max: Any = 2.0
    backdown_standing: Any = 0.1  # standing lost by backing down in a crisis
    prevail_standing: Any = 0.05  # standing won when the other side backs down
    firm_tension: Any = 0.05  # tension added when both stand firm
    escalate_tension: Any = 0.1  # tension added per side that escalates
    crisis_relief: Any = 0.3  # tension relieved when a crisis ends by someone backing down
    accident_share: Any = 0.25  # war odds when only one side escalates, as a share of the full
    targeting_fear: Any = 0.5  # extra weight a target gives to the attack of a state aiming at it
    # Section 7: utility and score.
    threat_weight: Any = 1.0  # lambda
    residual_fear: Any = 0.3  # chance weight of an attack even by a deterred rival (Schelling)
    first_strike_fear: Any = 1.0  # extra attack odds at zero first-strike stability (Schelling)
    crisis_leverage: Any = 1.0  # value of the strike balance, per unit of distrust and tension
    greed_leverage: Any = 0.5  # value of the strike balance to an expansionist (Glaser 2010)
    spiral_weight: Any = 0.3  # mu: weight of the spiral risk (tension, instability) in utility
    shield_signal: Any = 0.5  # how threatening a shield build looks, against reach, when seen right
    tension_forward: Any = 0.03  # tension per turn from a rival's forward deployment
    discount: Any = 0.95
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


def initial_world(
    params: Params,
    states: tuple[StateSpec, ...] | list[StateSpec],
    links: tuple[Link, ...] | list[Link] = (),
    deployments: tuple[Deployment, ...] | list[Deployment] = (),
    uniforms: np.ndarray | None = None,
    treaties: tuple[TreatySpec, ...] | list[TreatySpec] = (),
    targeting: tuple[Targeting, ...] | list[Targeting] = (),
) -> World:
    """Build the starting batch of worlds.

    ``uniforms`` has shape ``[B, N]``: one uniform draw per state per world, used to draw the
    hidden kinds (state ``i`` is expansionist when its draw is below its prior). The caller takes
    them from each world's own stream, so world ``b`` of a batch equals the single game with the
    same seed. ``None`` means a batch of one in which every undrawn kind is a security seeker.
    """
    n = len(states)
    if not 2 <= n <= 8:
        raise ValueError(f"a scenario needs 2 to 8 states, got {n}")
    if uniforms is None:
        uniforms = np.ones((1, n))
    uniforms = np.asarray(uniforms, dtype=float)
    b = uniforms.shape[0]

    def col(attr: str) -> np.ndarray:
        return np.tile(np.array([float(getattr(s, attr)) for s in states]), (b, 1))

    for link in links:
        if not (0 <= link.a < n and 0 <= link.b < n) or link.a == link.b:
            raise ValueError(
                f"a link joins two different states 0..{n - 1}, got {link.a}, {link.b}"
            )
    for d in deployments:
        if not (0 <= d.patron < n and 0 <= d.host < n) or d.patron == d.host:
            raise ValueError(
                f"a deployment needs a patron and a different host 0..{n - 1}, "
                f"got {d.patron}, {d.host}"
            )
    if len(treaties) > TREATY_SLOTS:
        raise ValueError(f"at most {TREATY_SLOTS} treaties, got {len(treaties)}")
    for t in treaties:
        if len(set(t.parties)) < 2 or not all(0 <= p < n for p in t.parties):
            raise ValueError(f"a treaty needs two or more different states 0..{n - 1}")
    for tg in targeting:
        if not (0 <= tg.source < n and 0 <= tg.target < n) or tg.source == tg.target:
            raise ValueError(f"targeting needs two different states 0..{n - 1}")
    prior_exp = col("expansionist")
    kind = (uniforms < prior_exp).astype(np.int8)
    for i, s in enumerate(states):
        if s.kind is not None:
            kind[:, i] = KINDS.index(s.kind)
    pair = np.zeros((b, n, n))
    alliance, trade, tension = pair.copy(), pair.copy(), pair.copy()
    for link in links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            alliance[:, x, y] = float(link.alliance)
            trade[:, x, y] = link.trade
            tension[:, x, y] = link.tension
    fwd_reach, fwd_shield = pair.copy(), pair.copy()
    for d in deployments:
        fwd_reach[:, d.patron, d.host] += d.reach
        fwd_shield[:, d.patron, d.host] += d.shield
    # Common prior: everyone starts believing j is a security seeker with 1 - prior(j).
    belief = np.broadcast_to(1.0 - prior_exp[:, None, :], (b, n, n)).copy()
    eye = np.eye(n, dtype=bool)
    belief[:, eye] = 1.0
    reach, shield = col("reach"), col("shield")
    economy = col("economy")
    spend = np.zeros((b, n, len(CATEGORIES)))
    spend[:, :, CIVILIAN] = economy * per_world(params.tax, b)[:, None]
    world = World(
        params=params,
        economy=economy,
        reach=reach,
        shield=shield,
        hardening=np.minimum(col("hardening"), per_world(params.hardening_max, b)[:, None]),
        tech=np.clip(col("tech"), TECH_MIN, TECH_MAX),
        standing=col("standing"),
        support=col("support"),
        kind=kind,
        score=np.zeros((b, n)),
        utility=np.zeros((b, n)),
        base_economy=economy.copy(),
        fwd_reach=fwd_reach,
        fwd_shield=fwd_shield,
        alliance=alliance,
        targeting=pair.copy(),
        tension=tension,
        belief=belief,
        trade=trade,
        sanction=pair.copy(),
        seen_reach=np.broadcast_to(reach[:, None, :], (b, n, n)).copy(),
        seen_shield=np.broadcast_to(shield[:, None, :], (b, n, n)).copy(),
        transparency=np.where(eye, 1.0, 0.0) + pair,
        seen_build=pair.copy(),
        last_spend=spend,
        ally_offer=pair.copy(),
        offer_reach=pair.copy(),
        offer_shield=pair.copy(),
        recall=np.zeros((b, n, n), dtype=np.int16),
        commitment=pair.copy(),
        programme=pair.copy(),
        programme_offer=pair.copy(),
        trade_offer=pair.copy(),
        crisis=pair.copy(),
        treaty_kind=np.full((b, TREATY_SLOTS), -1, dtype=np.int8),
        treaty_status=np.zeros((b, TREATY_SLOTS), dtype=np.int8),
        treaty_invited=np.zeros((b, TREATY_SLOTS, n)),
        treaty_signed=np.zeros((b, TREATY_SLOTS, n)),
        treaty_cap=np.zeros((b, TREATY_SLOTS)),
        treaty_verification=np.zeros((b, TREATY_SLOTS)),
        treaty_timer=np.zeros((b, TREATY_SLOTS), dtype=np.int16),
        treaty_cheat=np.zeros((b, TREATY_SLOTS, n)),
        over=np.zeros(b, dtype=bool),
        turn=0,
        names=tuple(s.name for s in states),
    )
    for tg in targeting:
        world.targeting[:, tg.source, tg.target] = 1.0
    if treaties:
        from game.engine.actions import TREATY_KINDS
        from game.engine.treaties import IN_FORCE, enter_into_force

        entering = np.zeros((b, TREATY_SLOTS), dtype=bool)
        for k, t in enumerate(treaties):
            world.treaty_kind[:, k] = TREATY_KINDS.index(t.kind)
            world.treaty_status[:, k] = IN_FORCE
            world.treaty_invited[:, k, list(t.parties)] = 1.0
            world.treaty_signed[:, k, list(t.parties)] = 1.0
            world.treaty_cap[:, k] = t.cap
            world.treaty_verification[:, k] = t.verification
            entering[:, k] = True
        world = world.replace(**enter_into_force(world, entering))
    return world
