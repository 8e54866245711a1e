"""The game's opponents: characters a student can name, each with its source.

Every character joins the registry by being defined. The Hawk, the Dove, the Security Seeker, the
Opportunist and the Balancer are strategists (:mod:`game.policies.strategist`): they look ahead
through the engine like every strategist, and differ only by the weights of their utility (the
Balancer also allies only against a stronger third). The Richardson Reactor arms by Richardson's
equations and answers a treaty invitation by looking ahead. The three copycats are the classic
iterated strategies themselves (``game.theory.iterated``), played against each rival through
:class:`ClassicAdapter`, not rewritten.
"""

from __future__ import annotations

from typing import ClassVar, cast

import numpy as np

from game.engine.actions import ESCALATE, STAND_FIRM
from game.engine.state import CIVILIAN, REACH, SECURITY_SEEKER
from game.policies import playbook as pb
from game.policies.base import Move, Observation, Policy
from game.policies.strategist import StrategicReactor, Strategist, Weights, treaty_kind_words
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


class Hawk(Strategist):
    """Hawk: looks ahead and wants the upper hand; it aims at and sanctions any state that hosts
    its rivals' forces, sure that pressure will make it send them home, shrugs off the risk of a
    spiral, trusts no talk and presses every crisis. A strategist: greed 1.5, fear 3, the
    spiral's risk at half weight, and the belief that each lever it pulls on a host makes it
    give in with odds 0.8 (it looks two turns further than its difficulty, to see the forces
    leave).

    Source: the greedy type of Glaser (2010) and Kydd (2005), whose mere possibility feeds an
    arms race (Baliga and Sjostrom 2004); Schelling's (1966) compellence and brinkmanship; and
    the deterrence model of Jervis (1976): the belief that firmness makes the other give way,
    where the spiral model expects it to push back.
    """

    name = "hawk"
    title = "Hawk"
    traits = ("looks ahead", "coerces hosts", "takes risks", "trusts no talk")
    weights = Weights(
        greed=1.5, fear=3.0, parity=1.0, risk=0.5, standing=1.5, trust=0.1, coerce=0.8, patience=2
    )


class RichardsonReactor(Policy):
    """Richardson Reactor: builds reach in proportion to the reach it sees its rivals hold, builds
    less the more it already has, and keeps a standing grievance; it cuts when the weight of its
    own stock outgrows its fear. Its
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
            kind = treaty_kind_words(int(obs.view.treaty_kind[w, k]))
            out[w] = (
                f"{who} left the proposed {kind} unsigned: its look-ahead shows it worse off "
                "bound by it than free"
            )
        return out


class Opportunist(Strategist):
    """Opportunist: looks ahead and presses where the balance favours it; it arms for an edge,
    escalates crises it can win, and breaks a treaty's cap in secret where checks are weak. A
    strategist: greed 1.5, fear and parity at 0.7 of the game's own, the spiral's risk twice;
    it cheats by the inspection game (:class:`~game.policies.playbook.CheatLedger`, being caught
    costing it 2 turns' gain), and where it is tempted to cheat it keeps the treaty in name
    rather than leave it openly.

    Source: the greedy type of Kydd (2005) and Glaser (2010); Fearon (1995) on why private
    information about the balance tempts a state to press; Downs and Rocke (1990) on covert
    cheating under arms control.
    """

    name = "opportunist"
    title = "Opportunist"
    traits = ("looks ahead", "presses an advantage", "cheats when unwatched")
    weights = Weights(greed=1.5, fear=0.7, parity=0.7, risk=2.0, standing=1.0, trust=0.3)


class Balancer(Strategist):
    """Balancer: looks ahead and fears falling behind the strongest state above all; it allies
    only against a stronger third (never with the strongest), keeps a cap its fellow party keeps
    while the two of them together still match the outsider, and holds firm against the
    strongest in a crisis. A strategist: falling behind in a crisis weighs one and a half times
    the game's own, a strike it could not answer half as much, and the spiral's risk four
    times (at twice, two balancers on the Sandbox's calm, clear-sighted board still built up
    shields in every game).

    Source: balance-of-power theory (Waltz 1979): states balance against power, by alliances
    before arms, and with three or more the only stable deterrence comes from two coalitions
    (see theory.md on multipolarity); Walt (1987) on balancing rather than bandwagoning.
    """

    name = "balancer"
    title = "Balancer"
    traits = ("looks ahead", "balances the strongest", "seeks allies")
    weights = Weights(greed=0.0, fear=0.5, parity=1.5, risk=4.0, standing=1.0, trust=0.5)
    balances = True


class Dove(Strategist):
    """Dove: looks a few turns ahead and hates an arms race above all: it rarely arms, talks to
    reassure its rivals, signs deals that leave it safer and backs down when a crisis turns
    dangerous. A strategist: the spiral's risk weighs six times on it, a strike it could not
    answer half as much as on the game's own utility, falling behind in a crisis a fifth as
    much (at a half, a dove facing two copycats that answered a misread with shields raced them
    in reach in about one Spiral game in six), and it trusts talk.

    Source: unconditional cooperation, the sucker's strategy of the iterated prisoner's dilemma
    (Axelrod 1984), and the reassurance side of Kydd (2005): it proves it is benign, at a price;
    Osgood's (1962) graduated reciprocation in tension reduction.
    """

    name = "dove"
    title = "Dove"
    traits = ("looks ahead", "shuns the spiral", "trusts talk")
    weights = Weights(greed=0.0, fear=0.5, parity=0.2, risk=6.0, standing=0.5, trust=0.9)


class SecuritySeeker(Strategist):
    """Security Seeker: looks a few turns ahead and arms only out of fear, until it can strike
    back hard enough to deter; when it feels safe it reassures (it talks, cuts a little, offers a
    cap). A strategist: a rival's strike it does not deter is feared many times over (so it
    restores its second strike when a shield erodes it, and is content once it deters), falling
    behind in a crisis weighs a third, and the spiral's risk and the brink of war three times
    (with the game's own weights it armed into a crisis in a third of The Shield's games). The
    lessons seat it where their rivals must answer a shield (The Shield) and weigh a treaty's
    checks (The Accord).

    Source: Kydd (1997, 2005): security seekers arm from fear alone, and costly, verifiable
    restraint is how one proves it is one; Glaser (2010) on the rational security seeker.
    """

    name = "security_seeker"
    title = "Security Seeker"
    traits = ("looks ahead", "arms from fear", "reassures when safe")
    weights = Weights(fear=40.0, parity=0.3, risk=3.0)


class RandomPlayer(Policy):
    """Random Player: splits its budget at random and answers crises at random. A baseline any
    character should beat, and a source of surprises for a class.

    Source: the RANDOM entry of Axelrod's first tournament (Axelrod 1980).
    """

    name = "random"
    title = "Random Player"
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
