"""The policy interface and its registry: AI seats turn what they *see* into orders.

A policy never reads the world's hidden truth about others: it gets an :class:`Observation`
(its own stocks, what it sees of rivals, its beliefs, tension). Policies are vectorised over
the batch and each seat has its own random streams, one per world, spawned from the session
seed, so a policy cannot predict the engine's noise (as in Axelrod's ``Match``).

Subclasses join the registry by being defined (``__init_subclass__``); nobody keeps a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from game.engine import treaties
from game.engine.actions import REACH_CEILING, SHIELD_CAP, Diplomacy
from game.engine.deterrence import exchange
from game.engine.diplomacy import cap_room, escalation_odds
from game.engine.orders import budget, unit_costs
from game.engine.perception import private_view, seen_world
from game.engine.state import CATEGORIES, REACH, SHIELD, TREATY_SLOTS, World
from game.engine.treaties import EMPTY, LAPSED, PROPOSED

REGISTRY: dict[str, type[Policy]] = {}
DIFFICULTIES = ("easy", "normal", "hard")


class UnknownPolicy(KeyError):
    """No AI opponent has the name asked for (the message lists those that do)."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Observation:
    """What seat ``i`` knows at the start of a turn, for every world of the batch."""

    seat: int
    names: tuple[str, ...]
    budget: np.ndarray  # [B]
    economy: np.ndarray  # [B, N]: economies are public
    own_reach: np.ndarray  # [B]
    own_shield: np.ndarray  # [B]
    own_hardening: np.ndarray  # [B]
    kind: np.ndarray  # [B]: its own hidden kind
    seen_reach: np.ndarray  # [B, N]: what it sees of each state (its own true value at i)
    seen_shield: np.ndarray  # [B, N]
    seen_build: np.ndarray  # [B, N]: the arms build it saw each make last turn (budget share)
    belief: np.ndarray  # [B, N]: probability each is a security seeker
    tension: np.ndarray  # [B, N]
    ally: np.ndarray  # [B, N] bool
    deterrence_margin: np.ndarray  # [B, N]: its second strike against each, as it sees them
    cover_margin: np.ndarray  # [B, N]: the best second strike against each of itself or an ally
    ally_exposed: np.ndarray  # [B, N] bool: an ally that some rival of its is not deterred from
    threat_margin: np.ndarray  # [B, N]: each one's second strike against it, as it sees them
    unit_costs: np.ndarray  # [B, 3]: reach, shield, hardening
    hardening_max: np.ndarray  # [B]
    allowed: tuple[str, ...]
    over: np.ndarray  # [B]
    # Public diplomacy, as every state sees it.
    support: np.ndarray  # [B]: its own domestic support
    review_threshold: np.ndarray  # [B]
    home_shield: np.ndarray  # [B]: shield it could station abroad
    deployed_at: np.ndarray  # [B, N]: its reach + shield stationed at each host
    hosting: np.ndarray  # [B, N]: reach + shield each patron stations at it
    hosted_total: np.ndarray  # [B, N]: reach + shield stationed at each state, by anyone
    offers_to_me: np.ndarray  # [B, N]: reach + shield each patron offers to station at it
    offers_from_me: np.ndarray  # [B, N]: what it has offered each host
    programme_offers: np.ndarray  # [B, N] bool: a joint programme each state offers it
    crisis: np.ndarray  # [B, N] bool: in a crisis with each state
    escalation_odds: np.ndarray  # [B, N]: war odds if both escalate, shown before answering
    treaty_invites: np.ndarray  # [B, K] bool: proposals awaiting its signature
    treaty_parties: np.ndarray  # [B, K, N] bool: who is named in each treaty
    shield_cap: np.ndarray  # [B]: the tightest shield cap binding it (inf: none)
    reach_cap: np.ndarray  # [B]
    reach_room: np.ndarray  # [B]: budget it may spend on reach under the caps (inf: no cap)
    shield_room: np.ndarray  # [B]: the same for shield (the engine's rule, pooled tech and all)
    forward_banned: np.ndarray  # [B] bool
    banned: np.ndarray  # [B, N] bool: states bound by a forward ban (public)
    offer_reach_to_me: np.ndarray  # [B, N]: reach each patron offers to station at it
    treaty_bound: np.ndarray  # [B, K] bool: treaties binding it now
    treaty_verification: np.ndarray  # [B, K]
    free_slots: np.ndarray  # [B]: treaty slots free for a proposal
    targeting: np.ndarray  # [B, N] bool: it already aims at each
    sanctioning: np.ndarray  # [B, N] bool: it already sanctions each
    attrition: np.ndarray  # [B]
    passive_detection: np.ndarray  # [B]: share of verification that catches a cheat unwatched
    violation_standing: np.ndarray  # [B]: standing a caught violator loses
    own_standing: np.ndarray  # [B]: its own standing (credibility)
    fwd_shield_total: np.ndarray  # [B]
    fwd_reach_total: np.ndarray  # [B]
    tech: np.ndarray  # [B, N]: every state's tech level (public, as in the lens)
    own_tech: np.ndarray  # [B]
    in_programme: np.ndarray  # [B] bool: it runs a joint programme
    partner_tech: np.ndarray  # [B]: the best tech among its programme partners
    allowed_diplomacy: tuple[str, ...] = ()  # the lesson's groups of diplomatic actions
    #: The whole world as this seat knows it (:func:`~game.engine.perception.private_view`:
    #: what it has seen, never the truth), for policies that project ahead; None unless asked.
    view: World | None = None

    @property
    def batch(self) -> int:
        return int(self.budget.shape[0])

    @property
    def rivals(self) -> np.ndarray:
        """[B, N] True for every other state that is not an ally."""
        mask = ~self.ally
        mask[:, self.seat] = False
        return mask


@dataclass(frozen=True)
class PublicView:
    """What every seat may know of the world this turn, computed once for all seats."""

    escalation_odds: np.ndarray  # [B, N, N]
    shield_cap: np.ndarray  # [B, N]
    reach_cap: np.ndarray  # [B, N]
    banned: np.ndarray  # [B, N]
    reach_room: np.ndarray  # [B, N]: budget each may spend on reach under the caps (inf: no cap)
    shield_room: np.ndarray  # [B, N]

    @staticmethod
    def of(world: World) -> PublicView:
        return PublicView(
            escalation_odds=escalation_odds(world),
            shield_cap=treaties.caps_for(world, SHIELD_CAP),
            reach_cap=treaties.caps_for(world, REACH_CEILING),
            banned=treaties.forward_banned(world),
            reach_room=cap_room(world, "reach"),
            shield_room=cap_room(world, "shield"),
        )


def _cover(
    world: World, i: int, margin: np.ndarray, ally: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``([B, N], [B, N])`` by the exchange ``margin`` seat ``i`` imagines: the best margin it
    or any ally holds against each state (extended deterrence: a rival is held off if i *or any
    ally* would retaliate unacceptably), and which of its allies are exposed (for ally h, some
    non-ally of h that neither h nor any of h's allies deters)."""
    guard = ally.copy()
    guard[:, i] = True
    cover = np.where(guard[:, :, None], margin, -np.inf).max(axis=1)
    guards = (world.alliance > 0.5) | np.eye(world.n, dtype=bool)[None]  # [B, h, g]
    best = np.where(guards[:, :, :, None], margin[:, None, :, :], -np.inf).max(axis=2)
    foes = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]  # [B, h, j]
    exposed = (foes & (best < 0)).any(axis=2) & ally
    return cover, exposed


def observe(
    world: World, i: int, public: PublicView | None = None, with_view: bool = False
) -> Observation:
    """Seat ``i``'s view: its own truth, and others as it sees them. ``public`` may carry what
    is the same for every seat this turn (the runner computes it once). ``with_view`` adds the
    whole world as the seat knows it (for a policy that projects ahead)."""
    if public is None:
        public = PublicView.of(world)
    imagined = seen_world(world, i)  # i imagines the exchange with the stocks it sees
    seen_reach, seen_shield = imagined.reach, imagined.shield
    ex = exchange(imagined)
    ally = world.alliance[:, i, :] > 0.5
    cover, exposed = _cover(world, i, ex.margin, ally)
    return Observation(
        seat=i,
        names=world.names,
        budget=budget(world)[:, i],
        economy=world.economy.copy(),
        own_reach=world.reach[:, i].copy(),
        own_shield=world.shield[:, i].copy(),
        own_hardening=world.hardening[:, i].copy(),
        kind=world.kind[:, i].copy(),
        seen_reach=seen_reach,
        seen_shield=seen_shield,
        seen_build=world.seen_build[:, i, :].copy(),
        belief=world.belief[:, i, :].copy(),
        tension=world.tension[:, i, :].copy(),
        ally=ally,
        deterrence_margin=ex.margin[:, i, :],
        cover_margin=cover,
        ally_exposed=exposed,
        threat_margin=ex.margin[:, :, i],
        unit_costs=unit_costs(world)[:, i, :],
        hardening_max=world.param("hardening_max"),
        allowed=tuple(world.params.categories),
        over=world.over.copy(),
        support=world.support[:, i].copy(),
        review_threshold=world.param("review_threshold"),
        home_shield=world.shield[:, i].copy(),
        deployed_at=world.fwd_reach[:, i, :] + world.fwd_shield[:, i, :],
        hosting=world.fwd_reach[:, :, i] + world.fwd_shield[:, :, i],
        hosted_total=(world.fwd_reach + world.fwd_shield).sum(axis=1),
        offers_to_me=world.offer_reach[:, :, i] + world.offer_shield[:, :, i],
        offers_from_me=world.offer_reach[:, i, :] + world.offer_shield[:, i, :],
        programme_offers=world.programme_offer[:, :, i] > 0.5,
        crisis=world.crisis[:, i, :] > 0.5,
        escalation_odds=public.escalation_odds[:, i, :],
        treaty_invites=(world.treaty_status == PROPOSED)
        & (world.treaty_invited[:, :, i] > 0)
        & (world.treaty_signed[:, :, i] < 0.5),
        treaty_parties=world.treaty_invited > 0,
        shield_cap=public.shield_cap[:, i],
        reach_cap=public.reach_cap[:, i],
        reach_room=public.reach_room[:, i],
        shield_room=public.shield_room[:, i],
        forward_banned=public.banned[:, i],
        banned=public.banned,
        offer_reach_to_me=world.offer_reach[:, :, i].copy(),
        treaty_bound=treaties.binding(world) & (world.treaty_signed[:, :, i] > 0),
        treaty_verification=world.treaty_verification.copy(),
        free_slots=((world.treaty_status == EMPTY) | (world.treaty_status == LAPSED)).sum(axis=1),
        targeting=world.targeting[:, i, :] > 0.5,
        sanctioning=world.sanction[:, i, :] > 0.5,
        attrition=world.param("attrition"),
        passive_detection=world.param("passive_detection"),
        violation_standing=world.param("violation_standing"),
        own_standing=world.standing[:, i],
        fwd_shield_total=world.fwd_shield[:, i, :].sum(axis=1),
        fwd_reach_total=world.fwd_reach[:, i, :].sum(axis=1),
        allowed_diplomacy=tuple(world.params.diplomacy),
        tech=world.tech,
        own_tech=world.tech[:, i],
        in_programme=np.asarray((world.programme[:, i, :] > 0.5).any(axis=1)),
        partner_tech=np.where(world.programme[:, i, :] > 0.5, world.tech, 0.0).max(axis=1),
        view=private_view(world, i) if with_view else None,
    )


@dataclass(frozen=True)
class Move:
    """A seat's orders for every world: ``spend`` ``[B, 5]`` in budget units, ``cut`` ``[B]``,
    and its diplomacy (only its own rows of the arrays count)."""

    spend: np.ndarray
    cut: np.ndarray
    diplomacy: Diplomacy | None = None


class Policy:
    """An AI opponent: ``act(observation) -> Move``, vectorised over the batch.

    Subclasses set ``name`` (what a student types: ``ai:NAME``), ``title``, ``traits`` and a
    docstring naming the source of the idea. ``difficulty`` changes how well it sees and plays,
    never the rules.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    traits: ClassVar[tuple[str, ...]] = ()
    #: A policy that projects ahead gets the world as its seat knows it (``Observation.view``).
    needs_view: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            if cls.name in REGISTRY:
                raise ValueError(f"two policies are named {cls.name!r}")
            REGISTRY[cls.name] = cls

    def __init__(
        self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"
    ) -> None:
        if difficulty not in DIFFICULTIES:
            raise ValueError(
                f"difficulty must be one of {', '.join(DIFFICULTIES)}, got {difficulty!r}"
            )
        self.seat = seat
        self.rngs = rngs
        self.difficulty = difficulty

    def act(self, obs: Observation) -> Move:
        raise NotImplementedError

    @staticmethod
    def shares_to_move(
        obs: Observation, shares: np.ndarray, cut: np.ndarray | None = None, trim: bool = True
    ) -> Move:
        """A move from budget shares ``[B, 5]``: disallowed categories dropped, rest civilian,
        and (unless ``trim`` is off, for a state that means to cheat) kept under the caps."""
        shares = np.clip(np.asarray(shares, dtype=float), 0.0, None).copy()
        for c, cat in enumerate(CATEGORIES):
            if cat not in obs.allowed:
                shares[:, c] = 0.0
        military = shares[:, :4].sum(axis=1)
        scale = np.where(military > 1.0, 1.0 / np.maximum(military, 1e-12), 1.0)
        shares[:, :4] *= scale[:, None]
        shares[:, 4] = 0.0
        spend = shares * obs.budget[:, None]
        spend[:, 4] = np.maximum(obs.budget - spend[:, :4].sum(axis=1), 0.0)
        cuts = (
            np.zeros(obs.batch) if cut is None else np.minimum(np.maximum(cut, 0.0), obs.own_reach)
        )
        if trim:
            spend = Policy.within_caps(obs, spend, cuts)
        return Move(spend=spend, cut=cuts)

    @staticmethod
    def within_caps(obs: Observation, spend: np.ndarray, cut: np.ndarray) -> np.ndarray:
        """Spending trimmed so that no treaty cap binding the state is passed (the rest goes to
        the civilian economy). The room under each cap is the engine's own
        (:func:`game.engine.diplomacy.cap_room`, with a joint programme's pooled tech), plus what
        a reach cut frees. A policy that means to cheat sets its cheat flag and skips this."""
        spend = spend.copy()
        freed = cut * (1.0 - obs.attrition) * obs.unit_costs[:, REACH]
        for c, room in ((REACH, obs.reach_room + freed), (SHIELD, obs.shield_room)):
            most = np.where(np.isfinite(room), room * (1.0 - 1e-6), np.inf)
            trimmed = np.minimum(spend[:, c], most)
            spend[:, 4] += spend[:, c] - trimmed
            spend[:, c] = trimmed
        return spend

    #: Why this character makes each kind of visible move, in a clause a student can read (its
    #: rule, from its docstring); :meth:`explain` puts them in the wire reports.
    motives: ClassVar[dict[str, str]] = {}

    def explain(self, obs: Observation, move: Move) -> list[str]:
        """``[B]`` one line per world on the diplomatic moves this seat makes in plain view (its
        spending stays hidden): "Veyra (Hawk) aimed at Brisa: ...". Empty where it made none."""
        d = move.diplomacy
        out = [""] * obs.batch
        if d is None:
            return out
        i, names = self.seat, obs.names
        who = f"{names[i]} ({self.title})" if self.title else names[i]
        pairs = (
            ("ally", d.ally > 0, "offered {j} an alliance"),
            ("target", d.target > 0, "aimed its reach at {j}"),
            ("sanction", d.sanction > 0, "sanctioned {j}"),
            ("drill", d.drill, "drilled with its allies, naming {j}"),
            ("talk", d.talk, "sent {j} a reassuring message"),
            ("programme", d.programme > 0, "offered {j} a joint shield programme"),
            ("deploy", (d.deploy_reach + d.deploy_shield) > 0, "offered to station forces in {j}"),
            ("commit", d.commit, "committed in public to stand firm against {j}"),
        )
        for w in range(obs.batch):
            for kind, mask, words in pairs:
                js = np.flatnonzero(mask[w, i])
                if js.size:
                    line = f"{who} " + words.format(j=_and_list([names[j] for j in js]))
                    why = self.motives.get(kind, "")
                    out[w] = line + (f": {why}" if why else "")
                    break
            else:
                if (d.propose_kind[w, i] >= 0) or d.sign[w, i].any():
                    out[w] = f"{who} took up arms control" + (
                        f": {self.motives['treaty']}" if "treaty" in self.motives else ""
                    )
        return out

    def diplomacy_template(self, obs: Observation) -> Diplomacy:
        """Empty diplomatic orders of the right shape, to fill in this seat's row."""
        return Diplomacy.none(obs.batch, len(obs.names), TREATY_SLOTS)


def roster() -> list[str]:
    """Every opponent's name in the order a player meets them: the Steady Deterrer, then the
    characters (the classic copycats first, as they were defined), then the strategists by
    their weights (``strategist``, ``strategic_*``)."""

    def group(name: str) -> int:
        if name == "baseline":
            return 0
        return 2 if name == "strategist" or name.startswith("strategic_") else 1

    order = list(REGISTRY)
    return sorted(order, key=lambda name: (group(name), order.index(name)))


def get_policy(name: str) -> type[Policy]:
    """The policy class registered as ``name``; a clear error listing the known names if none."""
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownPolicy(f"no opponent is called {name!r}; known opponents: {known}") from None


def _and_list(names: list[str]) -> str:
    """Names as a wire report writes them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
