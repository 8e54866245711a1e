"""The game's opponents: characters a student can name, each with its source.

Every character joins the registry by being defined. The Dove and the Security Seeker are
strategists (:mod:`game.policies.strategist`): they look ahead through the engine like every
strategist, and differ only by the weights of their utility. The Hawk, the Opportunist and the
Balancer still decide by rules, per world of the batch (the *how* is shared,
:mod:`game.policies.playbook`); the Richardson Reactor arms by Richardson's equations and answers
a treaty invitation by looking ahead. The three copycats are the classic iterated strategies
themselves (``game.theory.iterated``), played against each rival through :class:`ClassicAdapter`,
not rewritten.
"""

from __future__ import annotations

from typing import ClassVar, cast

import numpy as np

from game.engine.actions import (
    BACK_DOWN,
    ESCALATE,
    STAND_FIRM,
    TREATY_KINDS,
)
from game.engine.state import CIVILIAN, REACH, SECURITY_SEEKER
from game.policies import playbook as pb
from game.policies.base import Move, Observation, Policy
from game.policies.strategist import StrategicReactor, Strategist, Weights
from game.theory.iterated import STRATEGIES, Strategy


class PerWorldRng:
    """A stand-in for one generator that draws each world's share from that world's own stream,
    so a classic strategy's randomness (one ``random(rows)`` per turn, rows world-major) keeps
    world ``b`` of a batch equal to the single game."""

    def __init__(self, rngs: list[np.random.Generator], per_world: int) -> None:
        self.rngs, self.k = rngs, per_world

    def random(self, size: int | tuple[int, ...] | None = None) -> np.ndarray:
        total = int(np.prod(size)) if size is not None else 1
        if total != len(self.rngs) * self.k:
            raise ValueError("a classic strategy asked for an unexpected number of draws")
        return np.concatenate([g.random(self.k) for g in self.rngs]).reshape(size or ())


class ClassicAdapter(Policy):
    """Plays a classic 2x2 strategy against each rival: *arm* is defect, *restrain* cooperate.

    A rival's move is what the seat *saw*: an arms build above :data:`playbook.ARM_SIGNAL` of its
    budget reads as arming, so noise and indistinguishable shields can start an echo of
    retaliation, as in a noisy iterated prisoner's dilemma.
    """

    strategy: ClassVar[str] = ""
    arm_level: ClassVar[float] = 0.35

    def __init__(self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"):
        super().__init__(seat, rngs, difficulty)
        self.own: list[np.ndarray] = []  # [B, N] per turn: 1 where it armed against that state
        self.theirs: list[np.ndarray] = []  # [B, N] per turn: 1 where it saw that state arm

    def moves(self, obs: Observation) -> np.ndarray:
        """``[B, N]`` this turn's classic move against each state (allies: always cooperate)."""
        b, n = obs.batch, len(obs.names)
        if self.own:
            self.theirs.append(
                (pb.seen(obs, self.rngs, self.difficulty) > pb.ARM_SIGNAL).astype(np.int8)
            )
        t = len(self.own)
        strategy: Strategy = STRATEGIES[self.strategy]
        own = np.stack(self.own, axis=2).reshape(b * n, t) if t else np.zeros((b * n, 0), np.int8)
        other = (
            np.stack(self.theirs, axis=2).reshape(b * n, t) if t else np.zeros((b * n, 0), np.int8)
        )
        # PerWorldRng offers the one method a strategy draws with (random), world by world.
        rng = cast(np.random.Generator, PerWorldRng(self.rngs, n))
        move = np.asarray(strategy.move(own, other, t, rng)).reshape(b, n)
        move = np.where(obs.rivals, move, 0).astype(np.int8)
        self.own.append(move)
        return move

    def act(self, obs: Observation) -> Move:
        move = self.moves(obs)
        armed = move.any(axis=1)
        # A security seeker answers arming with defence (mostly shield) where shields exist;
        # whether the answer reads as defence is up to the others' sight (distinguishability).
        defend = obs.kind == SECURITY_SEEKER
        shares = pb.arms_shares(
            obs, np.where(armed, self.arm_level, 0.0), self.difficulty, defensive=defend
        )
        spend_move = self.shares_to_move(obs, shares)
        d = self.diplomacy_template(obs)
        i = self.seat
        pb.answer_hosts(obs, d, i, obs.support > obs.review_threshold + 0.1)
        pb.protect_allies(obs, d, i, 0.4)
        # Sign with rivals it has not seen arm lately; answer a crisis in kind.
        last_seen = self.theirs[-1] if self.theirs else np.zeros_like(move)
        for k in range(obs.treaty_invites.shape[1]):
            named = obs.treaty_parties[:, k, :].copy()
            named[:, i] = False
            calm = ~(named & (last_seen > 0)).any(axis=1)
            d.sign[:, i, k] = obs.treaty_invites[:, k] & calm
        pb.answer_crises(obs, d, i, np.where(move > 0, ESCALATE, STAND_FIRM))
        return Move(spend_move.spend, spend_move.cut, d)


class Copycat(ClassicAdapter):
    """Copycat: restrains first, then does to each rival what it saw that rival do last turn.

    Source: tit for tat, the winner of Axelrod's tournaments (Axelrod 1980, 1984): nice,
    retaliatory, forgiving and clear. In a noisy world a misread build starts an echo.
    """

    name = "copycat"
    title = "Copycat"
    traits = ("reciprocity", "nice", "retaliates", "forgives")
    strategy = "tit_for_tat"


class ForgivingCopycat(ClassicAdapter):
    """Forgiving Copycat: like the copycat, but lets one arming in three go unanswered.

    Source: generous tit for tat (Nowak and Sigmund 1992), which escapes the echoes of
    retaliation that noise starts between two copycats.
    """

    name = "forgiving_copycat"
    title = "Forgiving Copycat"
    traits = ("reciprocity", "generous", "made for noisy worlds")
    strategy = "generous_tit_for_tat"


class Grudger(ClassicAdapter):
    """Grudger: restrains until a rival is seen arming once, then arms against it for good.

    Source: the grim trigger (Friedman 1971), which sustains cooperation when the future matters
    enough (delta >= (T - R) / (T - P)) and never forgives a misreading.
    """

    name = "grudger"
    title = "Grudger"
    traits = ("reciprocity", "unforgiving")
    strategy = "grim_trigger"


class Hawk(Policy):
    """Hawk: arms heavily every turn, stations reach at its allies, aims at hosts of its rivals'
    forces, sanctions them (until they stop hosting), refuses arms control and escalates every
    crisis.

    Source: the dominant-strategy arming type of Baliga and Sjostrom (2004), whose mere
    possibility feeds an arms race, and Schelling's (1966) brinkmanship; coercion works only if
    the punishment stops when the target complies (Schelling 1966).
    """

    name = "hawk"
    title = "Hawk"
    traits = ("arms always", "escalates", "targets hosts", "refuses treaties")
    motives = {
        "target": "a hawk aims at whoever hosts its rivals' forces, until they leave",
        "sanction": "a hawk makes the host of its rivals' forces pay, until they leave",
        "deploy": "a hawk stations its reach with its allies",
    }

    def __init__(self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"):
        super().__init__(seat, rngs, difficulty)
        self.punished: np.ndarray | None = None  # [B, N]: hosts it aims at and sanctions

    def act(self, obs: Observation) -> Move:
        shares = pb.arms_shares(obs, 0.6, self.difficulty)
        move = self.shares_to_move(obs, shares)
        d = self.diplomacy_template(obs)
        i = self.seat
        pb.answer_hosts(obs, d, i, np.ones(obs.batch, dtype=bool))
        pb.protect_allies(obs, d, i, 0.3, reach=True)
        if self.punished is None:
            self.punished = np.zeros((obs.batch, len(obs.names)), dtype=bool)
        # Hosts of a rival's forces become targets, and pay for it, until the forces leave.
        for h in range(len(obs.names)):
            if h == i:
                continue
            hosts_rival = obs.rivals[:, h] & (obs.hosting[:, h] == 0)
            hosts_rival &= _hosts_forces_of_rival(obs, h)
            lift = self.punished[:, h] & ~hosts_rival
            d.target[:, i, h] = np.where(
                hosts_rival & ~obs.targeting[:, h], 1, np.where(lift & obs.targeting[:, h], -1, 0)
            )
            d.sanction[:, i, h] = np.where(
                hosts_rival & ~obs.sanctioning[:, h],
                1,
                np.where(lift & obs.sanctioning[:, h], -1, 0),
            )
            self.punished[:, h] = hosts_rival
        pb.answer_crises(obs, d, i, np.full(obs.crisis.shape, ESCALATE))
        return Move(move.spend, move.cut, d)


def _hosts_forces_of_rival(obs: Observation, h: int) -> np.ndarray:
    """``[B]`` state h carries forces of a state that is not an ally of the observer (public:
    deployments are seen by all). Approximated from h's links: h is not the observer's ally and
    something is stationed at h that the observer does not own."""
    return ~obs.ally[:, h] & (obs.hosted_total[:, h] > obs.deployed_at[:, h])


class RichardsonReactor(Policy):
    """Richardson Reactor: builds reach in proportion to the reach it sees its rivals hold, less
    a fatigue term in its own stock, plus a standing grievance; it cuts when fatigue wins. Its
    arms are the classic equations; a treaty it is invited to sign it weighs by looking ahead
    through the engine, as the strategic reactor would, with its own build either way, and signs
    where that leaves it better off (in Three Powers it refuses a ceiling at the parties' level
    once it is building past it, and often signs one with room above its build).

    Source: Richardson (1960), ``dx/dt = k y - a x + g``, with k = 0.3, a = 0.2 and g = 1 reach a
    turn: stable against another reactor since a b > k l. The look-ahead: the strategists'
    projection (:meth:`game.policies.strategist.Strategist.signatures`).
    """

    name = "richardson"
    title = "Richardson Reactor"
    traits = ("action-reaction", "fatigue", "signs only what leaves it better off")
    motives = {
        "treaty": "its look-ahead shows it better off with the treaty than without",
    }
    needs_view = True
    k, a, g = 0.3, 0.2, 1.0

    def __init__(self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"):
        super().__init__(seat, rngs, difficulty)
        self.judge = StrategicReactor(seat, rngs, difficulty)

    def act(self, obs: Observation) -> Move:
        threat = np.where(obs.rivals, obs.seen_reach, 0.0).max(axis=1)
        change = self.k * threat - self.a * obs.own_reach + self.g
        change *= pb.INTENSITY[self.difficulty]
        shares = np.zeros((obs.batch, 5))
        cost = np.maximum(change, 0.0) * obs.unit_costs[:, 0]
        shares[:, REACH] = np.minimum(cost / np.maximum(obs.budget, 1e-12), 0.8)
        cut = np.minimum(np.maximum(-change, 0.0), 0.2 * obs.own_reach)
        move = self.shares_to_move(obs, shares, cut)
        d = self.diplomacy_template(obs)
        pb.answer_hosts(obs, d, self.seat, obs.support > obs.review_threshold + 0.1)
        pb.answer_crises(obs, d, self.seat, np.full(obs.crisis.shape, STAND_FIRM))
        if "treaties" in obs.allowed_diplomacy and obs.treaty_invites.any():
            plan = shares.copy()
            plan[:, CIVILIAN] = 1.0 - plan[:, :CIVILIAN].sum(axis=1)
            d.sign[:, self.seat, :] |= self.judge.signatures(obs, plan)
        return Move(move.spend, move.cut, d)

    def explain(self, obs: Observation, move: Move) -> list[str]:
        """Its visible moves (:meth:`Policy.explain`), and where it left a treaty it is invited
        to unsigned this turn, why: a refusal is a move the others can see too."""
        out = super().explain(obs, move)
        d = move.diplomacy
        if d is None or obs.view is None:
            return out
        unsigned = obs.treaty_invites & ~d.sign[:, self.seat, :]
        who = f"{obs.names[self.seat]} ({self.title})"
        for w in np.flatnonzero(unsigned.any(axis=1)):
            if out[w]:
                continue
            k = int(np.flatnonzero(unsigned[w])[0])
            kind = TREATY_KINDS[int(obs.view.treaty_kind[w, k])].replace("_", " ")
            out[w] = (
                f"{who} left the proposed {kind} unsigned: its look-ahead shows it worse off "
                "bound by it than free"
            )
        return out


class Opportunist(Policy):
    """Opportunist: an expansionist that presses where the balance favours it. It arms when its
    second strike deters a rival that cannot deter it back, escalates crises it can win, and
    cheats on treaties whose verification is weak.

    Source: the greedy type of Kydd (2005) and Glaser (2010); Fearon (1995) on why private
    information about the balance tempts a state to press.
    """

    name = "opportunist"
    title = "Opportunist"
    traits = ("expansionist", "presses an advantage", "cheats when unwatched")
    motives = {
        "deploy": "it stations reach with its allies, closer to its rivals",
        "treaty": "it signs what it may cheat on where checks are weak",
    }
    #: What being caught costs it (trust, standing, tension), against what a turn of building
    #: past a cap gains, before the turn's own temptation (a uniform draw) is weighed.
    caught_cost = 2.0

    def __init__(self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"):
        super().__init__(seat, rngs, difficulty)
        self.ledger = pb.CheatLedger()

    def cheat_odds(self, obs: Observation) -> np.ndarray:
        """``[B, K]``: the chance it cheats on each binding treaty this turn: the inspection game
        (:class:`~game.policies.playbook.CheatLedger`) at its ``caught_cost``."""
        return self.ledger.odds(obs, self.caught_cost)

    def act(self, obs: Observation) -> Move:
        ahead = obs.rivals & (obs.deterrence_margin >= 0) & (obs.threat_margin < 0)
        behind = obs.rivals & (obs.threat_margin >= 0) & (obs.deterrence_margin < 0)
        level = np.where(ahead.any(axis=1), 0.5, np.where(behind.any(axis=1), 0.3, 0.15))
        shares = pb.arms_shares(obs, level, self.difficulty)
        d = self.diplomacy_template(obs)
        i = self.seat
        self.ledger.remember(obs)
        temptation = np.array([g.random() for g in self.rngs])[:, None]
        sneaky = obs.treaty_bound & (temptation < self.cheat_odds(obs))
        if "treaties" not in obs.allowed_diplomacy:  # a lesson that closes treaties: no cheat
            sneaky = np.zeros_like(sneaky)
        d.cheat[:, i, :] = sneaky
        self.ledger.cheated = np.asarray(sneaky.any(axis=1))
        move = self.shares_to_move(obs, shares)
        if sneaky.any():  # where it cheats it builds past the caps: take the untrimmed spend
            raw = np.clip(shares, 0.0, None) * obs.budget[:, None]
            raw[:, CIVILIAN] = np.maximum(obs.budget - raw[:, :CIVILIAN].sum(axis=1), 0.0)
            all_sneaky = np.asarray((~obs.treaty_bound | sneaky).all(axis=1))
            spend = np.where(all_sneaky[:, None], raw, move.spend)
            move = Move(spend, move.cut)
        pb.answer_hosts(obs, d, i, np.ones(obs.batch, dtype=bool))
        pb.protect_allies(obs, d, i, 0.4, reach=True)
        pb.sign_if(obs, d, i, 0.0)
        answers = np.where(
            ahead, ESCALATE, np.where(behind & (obs.escalation_odds > 0.05), BACK_DOWN, STAND_FIRM)
        )
        pb.answer_crises(obs, d, i, answers)
        return Move(move.spend, move.cut, d)


class Balancer(Policy):
    """Balancer: arms and allies against the strongest state it sees; offers alliances to the
    others and holds firm against the strongest in a crisis.

    Source: balance-of-power theory (Waltz 1979): states balance against power, and with three or
    more the only stable deterrence comes from two coalitions (see theory.md on multipolarity).
    """

    name = "balancer"
    title = "Balancer"
    traits = ("balances the strongest", "seeks allies")
    motives = {
        "ally": "it seeks partners against the strongest state it sees",
        "deploy": "an ally of its is exposed, and a shield there covers it",
        "treaty": "it signs with states it trusts",
    }

    def act(self, obs: Observation) -> Move:
        top = pb.strongest(obs)
        rows = np.arange(obs.batch)
        gap = obs.seen_reach[rows, top] - obs.own_reach
        level = np.where(gap > 0, 0.4, 0.1)
        shares = pb.arms_shares(obs, level, self.difficulty)
        move = self.shares_to_move(obs, shares)
        d = self.diplomacy_template(obs)
        i = self.seat
        for j in range(len(obs.names)):
            if j == i:
                continue
            partner = (top != j) & ~obs.ally[:, j] & (gap > 0)
            d.ally[:, i, j] = np.where(partner, 1, 0)
        pb.answer_hosts(obs, d, i, obs.support > obs.review_threshold + 0.1)
        pb.protect_allies(obs, d, i, 0.4)
        pb.sign_if(obs, d, i, 0.5)
        answers = np.full(obs.crisis.shape, STAND_FIRM)
        outmatched = (obs.cover_margin < 0) & (obs.escalation_odds > 0.1)
        pb.answer_crises(obs, d, i, np.where(outmatched, BACK_DOWN, answers))
        return Move(move.spend, move.cut, d)


class Dove(Strategist):
    """Dove: looks a few turns ahead and hates an arms race above all: it rarely arms, talks to
    reassure its rivals, signs deals that leave it safer and backs down when a crisis turns
    dangerous. A strategist: the spiral's risk weighs six times on it, a strike it could not
    answer half as much as on the game's own utility, and it trusts talk.

    Source: unconditional cooperation, the sucker's strategy of the iterated prisoner's dilemma
    (Axelrod 1984), and the reassurance side of Kydd (2005): it proves it is benign, at a price;
    Osgood's (1962) graduated reciprocation in tension reduction.
    """

    name = "dove"
    title = "Dove"
    traits = ("looks ahead", "shuns the spiral", "trusts talk")
    weights = Weights(greed=0.0, fear=0.5, parity=0.5, risk=6.0, standing=0.5, trust=0.9)


class SecuritySeeker(Strategist):
    """Security Seeker: looks a few turns ahead and arms only out of fear, until it can strike
    back hard enough to deter; when it feels safe it reassures (it talks, cuts a little, offers a
    cap). A strategist with the prudent strategist's own weights.

    Source: Kydd (1997, 2005): security seekers arm from fear alone, and costly, verifiable
    restraint is how one proves it is one; Glaser (2010) on the rational security seeker.
    """

    name = "security_seeker"
    title = "Security Seeker"
    traits = ("looks ahead", "arms from fear", "reassures when safe")
    weights = Strategist.weights


class RandomPlayer(Policy):
    """Random: splits its budget at random and answers crises at random. A baseline any
    character should beat, and a source of surprises for a class.

    Source: the RANDOM entry of Axelrod's first tournament (Axelrod 1980).
    """

    name = "random"
    title = "Random"
    traits = ("unpredictable",)

    def act(self, obs: Observation) -> Move:
        draws = np.stack([g.random(6) for g in self.rngs])
        shares = np.zeros((obs.batch, 5))
        shares[:, :4] = draws[:, :4] * 0.25 * pb.INTENSITY[self.difficulty]
        move = self.shares_to_move(obs, shares)
        d = self.diplomacy_template(obs)
        i = self.seat
        pb.answer_hosts(obs, d, i, draws[:, 4] < 0.5)
        answer = np.floor(draws[:, 5] * 3).astype(np.int8)
        pb.answer_crises(obs, d, i, np.broadcast_to(answer[:, None], obs.crisis.shape))
        return Move(move.spend, move.cut, d)
