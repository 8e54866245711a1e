"""Moves every opponent can make, vectorised over the batch: shared so that characters differ in
*when* they make them, never in *how* (one way to arm, to answer a host, to sign, to answer a
crisis). Every helper respects the rules, so an AI seat never gives an illegal order.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import SHIELD_CAP, TRANSPARENCY, Diplomacy
from game.engine.state import HARDENING, INTEL, REACH, SHIELD
from game.engine.treaties import EMPTY, LAPSED
from game.policies.base import Observation

#: A rival is seen to arm when its seen build passes this share of its budget: halfway between
#: what a security seeker and an expansionist typically build (the engine's signal means).
ARM_SIGNAL = 0.2
#: How hard a seat plays, by difficulty: it scales the share of budget it moves.
INTENSITY = {"easy": 0.7, "normal": 1.0, "hard": 1.2}
#: Intelligence share by difficulty: a harder opponent sees more clearly.
INTEL_SHARE = {"easy": 0.0, "normal": 0.05, "hard": 0.1}
#: Extra noise (log-normal sigma) on what an easy opponent sees.
EASY_BLUR = 0.4


def arms_shares(
    obs: Observation,
    level: np.ndarray | float,
    difficulty: str,
    defensive: np.ndarray | bool = False,
) -> np.ndarray:
    """``[B, 5]`` budget shares that put ``level`` of the budget into arms, in a usual mix:
    mostly reach, some hardening while there is room, a little shield; plus intelligence.

    Where ``defensive`` ``[B]`` holds, the mix is a defender's: mostly shield, a little reach
    (Jervis's security seeker, who arms to be safe rather than to threaten; whether the others
    can *tell* is the distinguishability of the world)."""
    b = obs.batch
    level = np.broadcast_to(np.asarray(level, dtype=float), (b,)) * INTENSITY[difficulty]
    guard = np.broadcast_to(np.asarray(defensive, dtype=bool), (b,))
    mix = np.zeros((b, 5))
    mix[:, REACH] = np.where(guard, 0.1, 0.7)
    room = obs.hardening_max - obs.own_hardening
    mix[:, HARDENING] = np.where(room > 0.2 * obs.hardening_max, 0.2, 0.0)
    mix[:, SHIELD] = np.where(guard, 0.7, 0.1)
    allowed = np.array(
        [c in obs.allowed for c in ("reach", "shield", "hardening", "intel", "civilian")],
        dtype=float,
    )
    mix = mix * allowed
    total = mix.sum(axis=1, keepdims=True)
    mix = np.divide(mix, total, out=np.zeros_like(mix), where=total > 0)
    shares = mix * np.clip(level, 0.0, 0.95)[:, None]
    if "intel" in obs.allowed:
        shares[:, INTEL] += INTEL_SHARE[difficulty]
    return shares


def seen(obs: Observation, rngs: list[np.random.Generator], difficulty: str) -> np.ndarray:
    """``[B, N]`` the arms builds it saw, blurred for an easy opponent (it sees less well)."""
    build = obs.seen_build.copy()
    if difficulty == "easy":
        blur = np.stack([g.normal(0.0, EASY_BLUR, size=build.shape[1]) for g in rngs])
        build = build + blur * 0.25
    return build


def rivals(obs: Observation) -> np.ndarray:
    """``[B, N]`` every other state that is not an ally."""
    return obs.rivals


def answer_hosts(obs: Observation, d: Diplomacy, i: int, keen: np.ndarray) -> None:
    """As a host: accept standing offers where ``keen`` ``[B]`` (and the rules allow), else
    refuse. A joint programme an ally offers is joined on the same terms (else left open)."""
    for p in range(len(obs.names)):
        if p == i:
            continue
        pending = obs.offers_to_me[:, p] > 0
        banned = (obs.banned[:, i] | obs.banned[:, p]) & (obs.offer_reach_to_me[:, p] > 0)
        accept = keen & ~banned
        d.deploy_answer[:, i, p] = np.where(pending, np.where(accept, 1, -1), 0)
        d.programme[:, i, p] = np.where(obs.programme_offers[:, p] & obs.ally[:, p] & keen, 1, 0)


def protect_allies(
    obs: Observation,
    d: Diplomacy,
    i: int,
    share: float,
    reach: bool = False,
    cut: np.ndarray | None = None,
) -> None:
    """As a patron: offer ``share`` of its home shield (and of its reach, if ``reach``) to each
    exposed ally that has none of its forces and no pending offer."""
    home_reach = np.maximum(obs.own_reach - (0.0 if cut is None else cut), 0.0)
    home_reach = home_reach * (1.0 - obs.attrition)
    for h in range(len(obs.names)):
        if h == i:
            continue
        idle = (obs.deployed_at[:, h] == 0) & (obs.offers_from_me[:, h] == 0)
        go = obs.ally[:, h] & idle & obs.ally_exposed[:, h]
        shield = np.where(go & (obs.home_shield >= 2.0), share * obs.home_shield, 0.0)
        d.deploy_shield[:, i, h] = shield * (1.0 - obs.attrition)
        if reach:
            ok = go & ~obs.forward_banned & ~obs.banned[:, h] & (home_reach >= 2.0)
            d.deploy_reach[:, i, h] = np.where(ok, share * home_reach, 0.0)
    keep_offers_home(obs, d, i, home_reach)


def keep_offers_home(
    obs: Observation, d: Diplomacy, i: int, home_reach: np.ndarray | None = None
) -> None:
    """Offers to several allies together never ask for more than will be left at home after the
    turn's wear (the engine refuses an offer past what the patron would hold): scaled down."""
    if home_reach is None:
        home_reach = obs.own_reach * (1.0 - obs.attrition)
    for arr, held in (
        (d.deploy_shield, obs.home_shield * (1.0 - obs.attrition)),
        (d.deploy_reach, home_reach),
    ):
        total = arr[:, i, :].sum(axis=1)
        scale = np.where(total > held, held * (1.0 - 1e-9) / np.maximum(total, 1e-300), 1.0)
        arr[:, i, :] *= scale[:, None]


def sign_if(obs: Observation, d: Diplomacy, i: int, trust_needed: float) -> None:
    """Sign every proposal naming it whose other parties it believes benign enough."""
    for k in range(obs.treaty_invites.shape[1]):
        named = obs.treaty_parties[:, k, :].copy()
        named[:, i] = False
        trusted = np.where(named, obs.belief, 1.0).min(axis=1) >= trust_needed
        d.sign[:, i, k] = obs.treaty_invites[:, k] & trusted


def propose_to(
    obs: Observation,
    d: Diplomacy,
    i: int,
    partner: np.ndarray,
    kind: int,
    cap: np.ndarray | float,
    verification: float,
) -> None:
    """Propose a treaty of ``kind`` to ``partner`` ``[B]`` (index, -1 for none) when a slot is
    surely free (every state could propose in the same turn)."""
    n = len(obs.names)
    go = (partner >= 0) & (obs.free_slots >= n)
    rows = np.nonzero(go)[0]
    d.propose_kind[rows, i] = kind
    d.propose_parties[rows, i, partner[rows]] = True
    d.propose_cap[rows, i] = np.broadcast_to(np.asarray(cap, dtype=float), (obs.batch,))[rows]
    d.propose_verification[rows, i] = verification


def answer_crises(obs: Observation, d: Diplomacy, i: int, answers: np.ndarray) -> None:
    """Give ``answers`` ``[B, N]`` in every crisis it is in (nothing elsewhere)."""
    d.answer[:, i, :] = np.where(obs.crisis, answers, -1)


def most_trusted_rival(obs: Observation) -> np.ndarray:
    """``[B]`` the rival it believes most benign, or -1."""
    score = np.where(obs.rivals, obs.belief, -np.inf)
    best = score.argmax(axis=1)
    return np.where(np.isfinite(score.max(axis=1)), best, -1)


def strongest(obs: Observation) -> np.ndarray:
    """``[B]`` the other state with the most reach it can see."""
    reach = obs.seen_reach.copy()
    reach[:, obs.seat] = -np.inf
    return reach.argmax(axis=1)


def shield_cap_offer(obs: Observation) -> np.ndarray:
    """A cap a security seeker would propose: a little above the largest shield it sees."""
    return np.maximum(obs.seen_shield.max(axis=1), obs.own_shield) * 1.1 + 1.0


TREATY_FOR_TRUST = (SHIELD_CAP, TRANSPARENCY)


class CheatLedger:
    """The inspection game from the inspectee's side, for a character that may break a cap in
    secret: the odds it cheats on each binding treaty, and what it remembers of being caught.

    Its temptation ``u`` each turn is uniform; it cheats when ``u < 1 - P(caught) * b / g``
    (an inspectee cheats while ``g > P(caught) * b``), so the odds fall step by step as
    verification rises, with no cliff. It expects to be inspected half the time, ``P(caught) =
    v * (passive + (1 - passive) / 2)``, and the cost it expects grows by half each time it has
    been caught (the others now watch and punish a known cheat harder).
    """

    def __init__(self) -> None:
        self.burned: np.ndarray | None = None  # [B]: times it has been caught cheating
        self.cheated: np.ndarray | None = None  # [B]: it cheated last turn
        self.standing: np.ndarray | None = None  # [B]: its standing a turn ago

    def odds(self, obs: Observation, cost: float) -> np.ndarray:
        """``[B, K]`` the chance it cheats on each binding treaty this turn, ``cost`` being what
        being caught costs it against a turn's gain past the cap."""
        passive = obs.passive_detection[:, None]
        caught = obs.treaty_verification * (passive + 0.5 * (1.0 - passive))
        burned = np.zeros(obs.batch) if self.burned is None else self.burned
        expected = cost * 1.5 ** burned[:, None]
        return np.clip(1.0 - caught * expected, 0.0, 1.0) * obs.treaty_bound

    def remember(self, obs: Observation) -> None:
        """A caught violation costs ``violation_standing``: a cheat whose standing fell by that
        much after it cheated knows it was caught (it sees its own standing)."""
        if self.burned is None:
            self.burned = np.zeros(obs.batch)
        if self.cheated is not None and self.standing is not None:
            fell = self.standing - obs.own_standing >= 0.9 * obs.violation_standing
            self.burned = self.burned + (self.cheated & fell)
        self.standing = obs.own_standing.copy()


def blur(obs: Observation) -> np.ndarray:
    """``[B, N]`` the spread of the seat's sight of each state, in log terms (sigma: what it sees
    is the truth times ``exp(sigma * z)``), at least :data:`BLUR_FLOOR` (a transparent treaty
    does not show a party perfectly)."""
    if obs.view is None:
        raise ValueError("reading evidence needs the world its seat knows (Observation.view)")
    sigma = obs.view.param("noise")[:, None] * (1.0 - obs.view.transparency[:, obs.seat, :])
    return np.maximum(sigma, BLUR_FLOOR)


class Cusum:
    """Evidence that a state stands above a line, added up turn by turn, so that one noisy
    sighting, or a shield build misread as reach, is not taken for the truth: Page's (1954)
    cumulative-sum test. Each turn adds how far the state was seen above the line, in units of
    the blur of the seat's sight of it (``ln(seen / line) / sigma``), less :data:`CUSUM_DRIFT`;
    the sum never falls below zero, and it reads as above the line once the sum passes
    :data:`CUSUM_SURE`. A state seen at the line sets it off about once in several hundred
    turns; one a blur's width above it, on the eleventh sighting (two blurs: the fourth)."""

    def __init__(self) -> None:
        self.sum: np.ndarray | None = None

    def update(
        self, seen: np.ndarray, line: np.ndarray, sigma: np.ndarray, live: np.ndarray
    ) -> np.ndarray:
        """Add this turn's sightings ``seen`` against ``line`` (arrays of one shape, ``sigma``
        the blur); where ``live`` is False the evidence starts again. Returns where it is sure."""
        z = np.log(np.maximum(seen, 1e-9) / np.maximum(line, 1e-9)) / sigma
        if self.sum is None:
            self.sum = np.zeros(np.shape(z))
        self.sum = np.where(live, np.maximum(self.sum + z - CUSUM_DRIFT, 0.0), 0.0)
        return live & (self.sum > CUSUM_SURE)


class BreachWatch:
    """What a party knows of the others' keeping to the treaties that bind it: only a violation
    the treaty's verification caught, which is public and sure. Its own sightings it does not
    count as proof: noise, and a shield build misread as reach, can show a party that keeps to
    the cap well over it turn after turn (Jervis 1978). A cap is only words unless someone
    checks."""

    def __init__(self) -> None:
        self.caught: np.ndarray | None = None  # [B, K, N]: caught breaking the treaty in slot k

    def read(self, obs: Observation) -> np.ndarray:
        """``[B, K, N]`` the parties of each treaty binding the seat that it knows broke that
        treaty (call once a turn: it remembers every violation caught until the treaty's slot
        is empty or lapsed)."""
        view = obs.view
        if view is None:
            raise ValueError("reading a breach needs the world its seat knows (Observation.view)")
        if self.caught is None:
            self.caught = np.zeros(view.treaty_caught.shape, dtype=bool)
        live = ~np.isin(view.treaty_status, (EMPTY, LAPSED))[:, :, None]
        self.caught = (self.caught | (view.treaty_caught > 0.5)) & live
        bound = obs.treaty_bound[:, :, None] & obs.treaty_parties
        bound[:, :, obs.seat] = False
        return bound & self.caught


#: :class:`Cusum`: the share of a blur a sighting may stand above the line and count for nothing,
#: and the sum that reads as sure; :func:`blur`: the least spread of sight it assumes.
CUSUM_DRIFT = 0.5
CUSUM_SURE = 5.0
BLUR_FLOOR = 0.05
