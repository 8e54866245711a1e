"""Strategists: opponents that decide by looking ahead through the real engine.

Each turn a strategist seat, in every world of the batch:

1. takes the world as it knows it (:func:`game.engine.perception.private_view`: what its seat has
   seen, never the truth) and draws a few samples of what it cannot see: each rival's hidden
   kind (expansionist with the odds its belief gives) and its true stocks (what it saw, blurred
   by the noise of its sight);
2. lists candidate plans: arms splits (how much, and offence or defence), then diplomatic moves
   its lesson allows (offer an alliance, offer or join a joint programme, drill naming a rival,
   talk, aim at a rival or at a host of a rival's forces, sanction, cut reach, offer to station
   shield at an ally, propose a shield cap, sign a treaty it is offered);
3. projects every plan x sample a few turns through the same ``step`` the game plays, without
   chance, as **one batch** per stage; everyone else keeps its last orders, except that a rival
   answers arming in kind (a level-0 reply: it builds at least what it saw the seat build);
4. scores each projection with the utility the lens reads (:func:`game.engine.payoffs.
   utility_terms`), weighted by its character, and plays the plan with the best mean.

Whether another state would accept an offer or answer a message in kind is part of what it cannot
see: in each sample the other accepts an alliance or a programme with the odds of the trust the
strategist has in it, and answers talk with the strategist's own trust in talk.

Characters are weights, not scripts (:class:`Weights`): how much it values an edge (greed), fears
a rival's strike and falling behind (fear), shuns the spiral's risk (risk), values standing, and
trusts talk. Difficulty is how far and how well it looks (horizon, samples), never the rules.

Sources: the lens's own projection (Jervis 1978, Glaser 2010, Kydd 2005 for the payoffs);
level-k reasoning (Stahl and Wilson 1995: the others play their last move, level 0); expected
utility under uncertainty about types (Harsanyi 1967).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from game.engine.actions import (
    BACK_DOWN,
    CAPPED,
    ESCALATE,
    REACH_CEILING,
    SHIELD_CAP,
    STAND_FIRM,
    TREATY_KINDS,
    Diplomacy,
)
from game.engine.deterrence import exchange
from game.engine.diplomacy import cap_room, escalation_odds, within_caps
from game.engine.orders import IllegalOrder, Orders, budget
from game.engine.payoffs import last_shares, utility_terms, war_weight
from game.engine.state import (
    CIVILIAN,
    EXPANSIONIST,
    HARDENING,
    REACH,
    SHIELD,
    TREATY_SLOTS,
    World,
)
from game.engine.step import step
from game.engine.treaties import IN_FORCE, PROPOSED
from game.policies import playbook as pb
from game.policies.base import Move, Observation, Policy

#: How far and how well each difficulty looks: (turns ahead, samples of the unseen).
LOOK = {"easy": (2, 1), "normal": (3, 2), "hard": (4, 3)}
#: Arms levels (share of the budget) a strategist weighs, each in an offensive and a defensive
#: mix where shields are allowed.
LEVELS = (0.15, 0.3, 0.5, 0.7)
#: How a rival is expected to answer a build it saw, by default (a Richardson reaction below
#: one, so that a state behind can still catch up), and the most of its budget it would put into
#: the answer (:attr:`Weights.answer`, :attr:`Weights.answer_cap`).
ANSWER_SHARE = 0.5
ANSWER_CAP = 0.6
#: How much an inspection that catches a cheat is worth to a party, by default, in budget shares
#: (the inspection game's stake, :attr:`Weights.verify`): with the default inspection cost, a
#: party inspects a treaty verified at 0.4 when it thinks another party greedy with odds above
#: about 1 in 6.
INSPECT_STAKE = 0.3


@dataclass(frozen=True)
class Weights:
    """A character, as the weights of its utility (defaults: the game's own utility)."""

    greed: float = 0.0  # value of an edge for what it could coerce (greed_leverage)
    fear: float = 1.0  # weight of insecurity: a rival's strike it does not deter (threat weight)
    parity: float = 1.0  # weight of falling behind in a crisis (crisis leverage)
    risk: float = 1.0  # aversion to the spiral's risk (times spiral_weight)
    standing: float = 1.0  # value of standing (credibility)
    trust: float = 0.5  # trust in talk: the odds it expects a message to be answered in kind
    #: belief that pressure makes a state give in (Jervis's deterrence model, against the spiral
    #: model): the odds, for each lever it pulls (aim, sanction), that a host of its rivals'
    #: forces sends them home the next turn
    coerce: float = 0.0
    patience: int = 0  # turns it looks ahead beyond its difficulty's horizon
    #: how it expects a rival to answer its arming (Richardson's reaction, level 0): the share
    #: of what the rival saw it build that the rival builds in reply from the next turn, and the
    #: most of its budget the rival would put into the answer. At 3 and the whole budget, the
    #: spiral model's belief (Jervis 1976): every build of its own is answered several times over
    answer: float = ANSWER_SHARE
    answer_cap: float = ANSWER_CAP
    #: the most rivals a state is expected to answer in full: one with more spreads its answer
    #: over them, each build answered ``answer * answer_rivals / its rivals`` (inf: never spread)
    answer_rivals: float = math.inf
    #: what catching a cheat is worth to it, in budget shares (the inspection game's stake): it
    #: inspects where the odds of a cheat, times the detection an inspection adds, times this,
    #: pass the inspection's cost; at 0 it never inspects
    verify: float = INSPECT_STAKE


@dataclass(frozen=True)
class Plan:
    """One candidate: budget shares ``[5]`` every turn of the projection, a reach cut (share of
    its reach) and the first turn's diplomatic move ``(kind, other)`` (``("", -1)``: none)."""

    shares: tuple[float, ...]
    cut: float = 0.0
    move: tuple[str, int] = ("", -1)

    @property
    def arms(self) -> float:
        return float(sum(self.shares[:CIVILIAN]))


class Strategist(Policy):
    """Strategist: looks a few turns ahead for every plan it could play, as it sees the world,
    and plays the one its character values most (the game's own rules project each plan).

    The plain strategist, the one round robins enter, weighs the game's own utility except
    that it fears a strike it does not deter ten times over, and it believes the spiral model:
    every build of its own is answered three times over, up to the rival's whole budget. So it
    arms where an answer cannot undo what it buys (a shield against a rival's strike, the
    deterrence it lacks) and holds where it would only start a race: the best reply to a state
    that builds anyway, with reach alone, is to keep its money (Two Neighbours' round robins).
    Among more states it expects a state with more than two rivals to spread its answer over
    them (in the Sandbox, each of four rivals answers a build of its half as much): a full
    answer from every one of four rivals held it back while they armed anyway. Under a cap it
    takes arms control for the remedy (:meth:`keeps_caps`): it keeps the cap, signs any cap that
    leaves room for what it builds, and does not inspect: to it another party's build past a
    cap is fear, and a cheat exposed is the spiral's next turn (trust and calm fall for every
    party, and a fellow party may give notice and free the cheat); the cap it keeps holds the
    others back as far as it can (The Accord's round robins).

    Source: the theory lens's projection, used to decide (expected utility over what it cannot
    see, Harsanyi 1967; the others' last moves as level 0, Stahl and Wilson 1995); Jervis
    (1976) for the spiral model's belief that arming provokes.
    """

    name = "strategist"
    title = "Strategist"
    traits: ClassVar[tuple[str, ...]] = ("looks ahead", "weighs every plan", "explains itself")
    #: The game's own utility with fear 10, and the spiral model's answer (three times what it
    #: saw, up to the whole budget; the default expects half, up to 0.6 of the budget). With the
    #: security seeker's prudent weights (fear 40, parity 0.3, risk 3) it raced the rivals that
    #: build anyway in Two Neighbours and lost to the Steady Deterrer there; with the default
    #: answer and fear 1, it left The Spiral's shields unbuilt and lost to the copycat. Catching
    #: a cheat is worth nothing to it (``verify`` 0): in The Accord a catch led the balancer to
    #: give notice, and the cheat raced once the accord lapsed. A state with more than two
    #: rivals spreads its answer (``answer_rivals`` 2): expecting four rivals each to answer in
    #: full, it fell behind the copycat and the Steady Deterrer in the Sandbox.
    weights: ClassVar[Weights] = Weights(
        fear=10.0, answer=3.0, answer_cap=1.0, verify=0.0, answer_rivals=2.0
    )
    needs_view = True
    #: Whether it weighs diplomatic moves of its own (every character answers offers, treaty
    #: invitations and crises; its inspections, notices and commitments follow the switch).
    diplomatic: ClassVar[bool] = True
    #: Whether it allies only against a stronger third (balance-of-power: it never joins the
    #: strongest state it sees, nor allies where no state is stronger than it).
    balances: ClassVar[bool] = False

    def __init__(self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"):
        super().__init__(seat, rngs, difficulty)
        horizon, self.samples = LOOK[difficulty]
        self.horizon = horizon + self.weights.patience
        self.reasons: list[str] = []  # [B] why it played what it played this turn
        #: [B] why it made the diplomatic move others can see ("" when it made none): what a
        #: player may read in the wire reports (its spending stays hidden)
        self.public_reasons: list[str] = []
        self.plans: list[Plan] = []  # [B] the plan it played
        self.unanswered: np.ndarray | None = None  # [B, N] offers made that were not taken up
        self.weighed: np.ndarray | None = None  # [B, K] proposals whose refusals it has counted
        self.unsigned: np.ndarray | None = None  # [B, N] proposals each state left unsigned
        self.ledger = pb.CheatLedger()  # what it remembers of cheating and being caught
        self.watch = pb.BreachWatch()  # what it has read of the others keeping their caps
        self.breached: np.ndarray | None = None  # [B, K, N] parties it knows broke a treaty
        self.ahead = pb.Cusum()  # [B, K, N]: the sightings of each state against its coalition
        #: [B, N] states it has pressed (aimed at, sanctioned) while they hosted its rivals' forces
        self.pressed_hosts: np.ndarray | None = None
        #: [B, N, 2] levers (aim, sanction) it has lifted from each state: it pulls one again only
        #: on a host of its rivals' forces (pressure lifted and put back without cause reads as
        #: noise, not resolve: Schelling 1966)
        self.lifted: np.ndarray | None = None
        self._hosts_seen: tuple[Observation, np.ndarray] | None = None  # see :meth:`_hosts`
        self.fell_back = False  # whether the last scoring dropped every move (:meth:`_score`)

    # ----------------------------------------------------------------------------------------
    # Deciding

    def act(self, obs: Observation) -> Move:
        if obs.view is None:
            raise ValueError("a strategist needs the world its seat knows (Observation.view)")
        b = obs.batch
        self._learn(obs)
        hosts = self._hosts(obs)
        if self.pressed_hosts is None:
            self.pressed_hosts = np.zeros_like(hosts)
        levers = obs.targeting | obs.sanctioning
        self.pressed_hosts = (self.pressed_hosts | (hosts & levers)) & levers
        if self.weights.greed > 0 and "treaties" in obs.allowed_diplomacy:
            self.ledger.remember(obs)  # was it caught cheating last turn?
        if "treaties" in obs.allowed_diplomacy:
            self.breached = self.watch.read(obs)
        views, extra = self._samples(obs.view)
        arms = self._arms_plans(obs)  # [B][P]: each world's own
        arm_scores, arm_terms = self._score(views, extra, arms, obs)
        best_arms = [arms[w][k] for w, k in enumerate(arm_scores.argmax(axis=1))]
        # Stage two: the diplomatic moves, each on top of that world's best arms plan.
        moves = self._moves(obs)
        chosen: list[Plan] = list(best_arms)
        public = [""] * b
        if moves:
            per_world = [[_with_move(best_arms[w], m) for m in moves] for w in range(b)]
            scores, terms = self._score(views, extra, per_world, obs)
            base = arm_scores[np.arange(b), arm_scores.argmax(axis=1)]
            for w in range(b):
                k = int(scores[w].argmax())
                gain = float(scores[w, k] - base[w])
                if np.isfinite(gain) and gain > 1e-6:
                    chosen[w] = per_world[w][k]
                    public[w] = self._move_reason(obs, w, chosen[w])
        move, said = self._move(obs, chosen)
        # Its spending as played: a cap may have trimmed the plan (before any secret cheat).
        played = move.spend[:, :CIVILIAN].sum(axis=1) / np.maximum(obs.budget, 1e-12)
        spending = [
            self._arms_reason(obs, w, best_arms[w], arm_terms, arms[w], float(played[w]))
            for w in range(b)
        ]
        move, secret = self._cheat(obs, move, chosen)
        for w, line in enumerate(said):
            if line:
                public[w] = f"{public[w]}; {_lower(line)}" if public[w] else line
        # A wire report names the character, as for every AI ("Veyra (Hawk) aimed at Brisa").
        me = obs.names[self.seat]
        public = [f"{me} ({self.title}){p[len(me) :]}" if p.startswith(me) else p for p in public]
        # The full reason is the public one (what others can see), then its spending (and a cap
        # broken in secret).
        spending = [f"{x}; {_lower(c)}" if c else x for x, c in zip(spending, secret, strict=True)]
        reasons = [f"{p}; {_lower(x)}" if p else x for p, x in zip(public, spending, strict=True)]
        self.plans, self.reasons, self.public_reasons = chosen, reasons, public
        self._remember_lifts(chosen, len(obs.names))
        return move

    def _remember_lifts(self, chosen: list[Plan], n: int) -> None:
        if self.lifted is None:
            self.lifted = np.zeros((len(chosen), n, 2), dtype=bool)
        for w, plan in enumerate(chosen):
            kind, j = plan.move
            if kind in LIFTS:
                self.lifted[w, j, LIFTS[kind]] = True

    def _pulls_again(self, obs: Observation, w: int, j: int, lever: int) -> bool:
        """Whether it may pull ``lever`` on ``j`` again: never lifted there, or ``j`` now hosts
        its rivals' forces."""
        if self.lifted is None or not self.lifted[w, j, lever]:
            return True
        return bool(self._hosts(obs)[w, j])

    def _hosts(self, obs: Observation) -> np.ndarray:
        """``[B, N]`` the states hosting its rivals' forces in ``obs`` (:func:`_hosts_rivals`),
        computed once per observation: every lift and every renewed lever asks, row by row."""
        if self._hosts_seen is None or self._hosts_seen[0] is not obs:
            self._hosts_seen = (obs, _hosts_rivals(_known(obs), self.seat))
        return self._hosts_seen[1]

    def signatures(self, obs: Observation, shares: np.ndarray, ties: bool = False) -> np.ndarray:
        """``[B, K]`` the treaties it is invited to sign that it would sign, were it to play the
        arms ``shares`` ``[B, 5]`` either way: those whose projection, signed, scores above the
        same plan unsigned (with ``ties``, no lower). How any character may answer an invitation
        by looking ahead, whatever decides its arms: a cap below where its plan goes trims the
        plan and costs it, one with room to spare binds only the others."""
        out = np.zeros(obs.treaty_invites.shape, dtype=bool)
        moves = _sign_moves(obs)
        if not moves:
            return out
        if obs.view is None:
            raise ValueError("answering by looking ahead needs the world its seat knows")
        views, extra = self._samples(obs.view, only=np.asarray(obs.treaty_invites.any(axis=1)))
        self.fell_back = False
        plain = [Plan(tuple(float(x) for x in row)) for row in shares]
        table = [[p] + [_with_move(p, m) for m in moves] for p in plain]
        scores, _ = self._score(views, extra, table, obs)
        for c, (_, k) in enumerate(moves, start=1):
            if ties:
                better = scores[:, c] >= scores[:, 0] - 1e-9
            else:
                better = scores[:, c] > scores[:, 0] + 1e-6
            out[:, k] = better & obs.treaty_invites[:, k]
        if ties and self.fell_back:
            # The engine refused a row, so every plan was scored without its move: the ties
            # say nothing about any signature.
            out[:] = False
        return out

    def keeps_caps(self) -> bool:
        """Whether it believes the spiral model (:attr:`Weights.answer` of 1 or more: it expects
        every build of its own answered in full). Arms control is that model's remedy (Jervis
        1976), so it keeps every cap it is bound by (it never gives notice: a notice frees the
        rival it would arm against) and signs every cap that leaves room for what it holds and
        builds (a cap that binds only the others holds them back past its horizon, where a race
        it does not project would start: weak dominance)."""
        return self.weights.answer >= 1.0

    def _sign_free(
        self, obs: Observation, shares: np.ndarray, d: Diplomacy, spend: np.ndarray
    ) -> list[str]:
        """For a character that :meth:`keeps_caps`: signs, beside its move, every cap it is
        invited to that leaves room for what it builds this turn (``spend`` ``[B, 5]``, its
        orders) and whose projection, signed, is no worse for the arms ``shares`` ``[B, 5]`` of
        the plan it chose (the projection cannot see the others sign, so it weighs only what its
        own signature changes). Returns each world's reason ("" where it signed nothing so)."""
        out = [""] * obs.batch
        invited = np.asarray(obs.treaty_invites.any(axis=1))
        if not (self.diplomatic and self.keeps_caps() and invited.any()):
            return out
        i, view = self.seat, _known(obs)
        free = self.signatures(obs, shares, ties=True)
        free &= ~d.sign[:, i, :] & np.isin(view.treaty_kind, CAPPED)
        for k in np.flatnonzero(free.any(axis=0)):
            free[:, k] &= _leaves_room(view, i, int(k), spend)
        d.sign[:, i, :] |= free
        for w, k in zip(*np.nonzero(free), strict=True):
            if not out[w]:
                out[w] = (
                    f"{obs.names[i]} signed the {_treaty_words(view, int(w), int(k))}: it leaves "
                    "room for what it builds, and holds the others back"
                )
        return out

    def _learn(self, obs: Observation) -> None:
        """An alliance or programme offered last turn and not taken up counts as refused: it
        expects each further offer to that state to be taken up half as often. So with a treaty
        it signed that another state it names left unsigned for a turn (once per proposal): it
        expects its further proposals to that state signed half as often."""
        n, i = len(obs.names), self.seat
        if self.unanswered is None:
            self.unanswered = np.zeros((obs.batch, n))
        view = _known(obs)
        assert view is not None
        for w, plan in enumerate(self.plans):
            kind, j = plan.move
            if kind == "ally" and view.alliance[w, i, j] < 0.5:
                self.unanswered[w, j] += 1
            elif kind == "programme" and view.programme[w, i, j] < 0.5:
                self.unanswered[w, j] += 1
        waited = (
            (view.treaty_status == PROPOSED)
            & (view.treaty_signed[:, :, i] > 0.5)
            & (view.treaty_timer >= 1)
        )
        if self.weighed is None:
            self.weighed = np.zeros_like(waited)
        new = waited & ~self.weighed
        if self.unsigned is None:
            self.unsigned = np.zeros((obs.batch, n))
        unsigned = (view.treaty_invited > 0) & (view.treaty_signed < 0.5)  # [B, K, N]
        self.unsigned += (unsigned & new[:, :, None]).sum(axis=1)
        self.weighed = (self.weighed | new) & (view.treaty_status == PROPOSED)

    def _refused(self, w: int, n: int, kind: str = "") -> np.ndarray:
        """``[N]`` its offers (or, for a proposal, its proposals) each state has refused."""
        out = np.zeros(n) if self.unanswered is None else self.unanswered[w]
        if kind in ("propose", "propose_all") and self.unsigned is not None:
            return out + self.unsigned[w]
        return out

    def _samples(self, seen: World, only: np.ndarray | None = None) -> tuple[World, np.ndarray]:
        """The seat's private view ``samples`` times per world (row ``w * S + s``) with the
        unseen drawn (each rival's kind, its true stocks), and ``[B, S, N]`` uniforms for
        whether each other state would accept an offer or answer talk in that sample. Each
        world draws from its own stream, so world ``b`` of a batch is the single game; with
        ``only`` (``[B]``), only those worlds draw (the others' samples are not to be read)."""
        i, n, s_count = self.seat, seen.n, self.samples
        draws = np.zeros((seen.batch, s_count, 3, n))
        for w in range(seen.batch):
            if only is not None and not only[w]:
                continue
            g = self.rngs[w]
            for s in range(s_count):
                draws[w, s, 0] = g.random(n)
                draws[w, s, 1] = g.standard_normal(n)
                draws[w, s, 2] = g.random(n)
        rows = np.repeat(np.arange(seen.batch), s_count)
        views = seen.select(rows)
        kind_draw, z, accept = (draws[:, :, k].reshape(-1, n) for k in range(3))
        kinds = np.where(kind_draw < 1.0 - views.belief[:, i, :], EXPANSIONIST, 0)
        kinds[:, i] = views.kind[:, i]
        blur = views.param("noise")[:, None] * (1.0 - views.transparency[:, i, :])
        z = z * blur
        z[:, i] = 0.0
        views = views.replace(
            kind=kinds.astype(views.kind.dtype),
            reach=views.reach * np.exp(z),
            seen_reach=views.seen_reach * np.exp(z)[:, None, :],
        )
        return views, accept.reshape(seen.batch, s_count, n)

    def _arms_plans(self, obs: Observation) -> list[list[Plan]]:
        """``[B][P]`` each world's arms plans: holding, then every level of an offensive mix (a
        fifth of it hardening while its own force is hardened below 0.8 of the most, in that
        world) and, where shields are allowed, of a defensive mix. Each world decides from its
        own state only, so world ``b`` of a batch is the single game."""
        allowed = set(obs.allowed)
        variants: dict[bool, list[Plan]] = {}
        for harden in (False, True):
            offence = np.zeros(5)
            offence[REACH] = 1.0
            if harden:
                offence[REACH], offence[HARDENING] = 0.8, 0.2
            mixes = [offence]
            if "shield" in allowed:
                defence = np.zeros(5)
                defence[SHIELD], defence[REACH] = 0.8, 0.2
                mixes.append(defence)
            plans = [Plan(tuple(np.eye(5)[CIVILIAN]))]
            for level in LEVELS:
                for mix in mixes:
                    s = mix * level
                    s[CIVILIAN] = 1.0 - s.sum()
                    plans.append(Plan(tuple(float(x) for x in s)))
            variants[harden] = plans
        soft = obs.own_hardening < 0.8 * np.asarray(obs.hardening_max)
        hardens = np.broadcast_to(soft, (obs.batch,)) & ("hardening" in allowed)
        return [variants[bool(h)] for h in hardens]

    def _moves(self, obs: Observation) -> list[tuple[str, int]]:
        """The diplomatic moves worth weighing this turn (the lesson's groups only; none for a
        character that makes no diplomacy of its own)."""
        groups = set(obs.allowed_diplomacy)
        if not self.diplomatic:
            # It makes no diplomacy of its own, but answers what it is offered: a treaty it is
            # invited to sign is weighed like any plan (signed if it leaves it better off).
            return _sign_moves(obs) if "treaties" in groups else []
        n, i = len(obs.names), self.seat
        moves: list[tuple[str, int]] = []
        others = [j for j in range(n) if j != i]
        has_ally = obs.ally.any(axis=1)
        hosts = self._hosts(obs)
        shields = "shield" in obs.allowed  # a shield cap only where a shield may be built
        for j in others:
            rival = obs.rivals[:, j]
            if "alliances" in groups and rival.any():
                moves.append(("ally", j))
            if "programmes" in groups and obs.ally[:, j].any():
                moves.append(("programme", j))
            if "signals" in groups:
                if rival.any():
                    moves.append(("talk", j))
                if (has_ally & rival).any():
                    moves.append(("drill", j))
            if "targeting" in groups and (rival & ~obs.targeting[:, j]).any():
                moves.append(("target", j))
            if "targeting" in groups and (obs.targeting[:, j] & ~hosts[:, j]).any():
                moves.append(("untarget", j))
            if "economy" in groups and (rival & ~obs.sanctioning[:, j]).any():
                moves.append(("sanction", j))
            if "economy" in groups and (obs.sanctioning[:, j] & ~hosts[:, j]).any():
                moves.append(("unsanction", j))
            if "deployments" in groups and (obs.ally[:, j] & (obs.home_shield > 0)).any():
                moves.append(("deploy", j))
            if "treaties" in groups and shields and (rival & (obs.free_slots >= n)).any():
                moves.append(("propose", j))
        if "signals" in groups and (obs.own_reach >= MIN_CUT_REACH).any():
            moves.append(("cut", -1))
        if "treaties" in groups and n >= 3 and (obs.free_slots >= n).any():
            moves.append(("propose_all", -1))
        if "treaties" in groups:
            moves += _sign_moves(obs)
        return moves

    def _legal(self, obs: Observation, w: int, plan: Plan) -> bool:
        kind, j = plan.move
        if not kind:
            return True
        if kind == "cut":
            return bool(obs.own_reach[w] >= MIN_CUT_REACH)
        if kind == "sign":
            return bool(obs.treaty_invites[w, j])
        rival = bool(obs.rivals[w, j])
        if kind in ("untarget", "unsanction"):
            held = obs.targeting if kind == "untarget" else obs.sanctioning
            return bool(held[w, j]) and not bool(self._hosts(obs)[w, j])
        if kind == "deploy":
            pending = obs.offers_from_me[w, j] > 0
            return bool(obs.ally[w, j]) and obs.home_shield[w] > 0 and not pending
        if kind == "propose":
            return rival and obs.free_slots[w] >= len(obs.names)
        if kind == "propose_all":
            # Every state may propose on the same turn: a slot for each keeps all legal.
            return bool(obs.free_slots[w] >= len(obs.names)) and bool(obs.rivals[w].any())
        return {
            "ally": rival and not obs.ally[w, j] and (not self.balances or _against(obs, w, j)),
            "programme": bool(obs.ally[w, j]) and _known(obs).programme[w, self.seat, j] < 0.5,
            "talk": rival,
            "drill": rival and bool(obs.ally[w].any()),
            "target": rival and not bool(obs.targeting[w, j]),
            "sanction": rival and not bool(obs.sanctioning[w, j]),
        }[kind] and (kind not in PULLS or self._pulls_again(obs, w, j, PULLS[kind]))

    def _score(
        self,
        views: World,
        accept: np.ndarray,
        table: list[list[Plan]],
        obs: Observation,
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """``([B, P], terms)``: each plan's mean weighted score over the samples (``-inf`` where a
        plan cannot be played), and each term's discounted sum ``[B, P, ...]`` for the reasons.
        Every plan x sample of every world is one row of one batch (:meth:`_rows`), projected
        together (:meth:`_project`)."""
        b = views.batch // self.samples
        p = len(table[0])
        batch, spec, legal = self._rows(views, table, obs)
        first, taken, yields = self._first_turn(batch, spec, legal, table, accept)
        projected = self._project(batch, spec, table, first, (taken, yields))
        if projected is None:
            # A move the engine refuses is no plan: score only the plain arms.
            if all(not p.move[0] for row in table for p in row):
                raise RuntimeError("the engine refused a strategist's plain arms plan")
            self.fell_back = True
            return self._score(views, accept, _plain(table, b), obs)
        total, parts = projected
        total = np.where(legal, total, -np.inf)
        scores = total.reshape(b, p, self.samples).mean(axis=2)
        shaped = {
            k: v.reshape((b, p, self.samples) + v.shape[1:]).mean(axis=2) for k, v in parts.items()
        }
        return scores, shaped

    def _rows(
        self, views: World, table: list[list[Plan]], obs: Observation
    ) -> tuple[World, list[tuple[int, int, int]], np.ndarray]:
        """The projection's rows: ``(world, plan, sample)`` for every world's every plan, the
        sampled views repeated to match, scored with the character's weights (utility-only
        parameters), and whether each row's plan can be played."""
        i, wts = self.seat, self.weights
        b = views.batch // self.samples
        p = len(table[0])
        spec = [(w, k, s) for w in range(b) for k in range(p) for s in range(self.samples)]
        batch = views.select(np.array([w * self.samples + s for (w, _k, s) in spec]))
        params = batch.params.replace(
            greed_leverage=wts.greed,
            crisis_leverage=wts.parity * np.asarray(batch.param("crisis_leverage")),
            threat_weight=wts.fear * np.asarray(batch.param("threat_weight")),
            spiral_weight=wts.risk * np.asarray(batch.param("spiral_weight")),
        )
        kind = batch.kind.copy()
        kind[:, i] = EXPANSIONIST if wts.greed > 0 else kind[:, i]
        batch = batch.replace(params=params, kind=kind)
        legal = np.array([self._legal(obs, w, table[w][k]) for (w, k, _s) in spec])
        return batch, spec, legal

    def _first_turn(
        self,
        batch: World,
        spec: list[tuple[int, int, int]],
        legal: np.ndarray,
        table: list[list[Plan]],
        accept: np.ndarray,
    ) -> tuple[Diplomacy, np.ndarray, np.ndarray]:
        """The projection's first-turn diplomacy (each row's move and, in its sample, the other's
        answer; hosts taking up pending offers), the rows whose offer is taken up next turn, and
        ``[R, N]`` the hosts that give in to its pressure next turn (:meth:`_gives_in`)."""
        n = batch.n
        first = Diplomacy.none(batch.batch, n, TREATY_SLOTS)
        taken = np.zeros(batch.batch, dtype=bool)
        for r, (w, k, s) in enumerate(spec):
            if legal[r]:
                refused = self._refused(w, n, table[w][k].move[0])
                taken[r] = self._write(first, r, table[w][k].move, accept[w, s], batch, refused)
        _expect_hosts(first, batch, self.seat)
        draws = np.array([accept[w, s] for (w, _k, s) in spec])
        return first, taken, self._gives_in(batch, first, draws)

    def _project(
        self,
        batch: World,
        spec: list[tuple[int, int, int]],
        table: list[list[Plan]],
        first: Diplomacy,
        answers: tuple[np.ndarray, np.ndarray],
    ) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
        """Every row played ``horizon`` turns through ``step``: the seat's plan each turn, the
        others their last orders (answering its arming from the second turn). Returns each row's
        discounted weighted utility and the terms behind it, or None if the engine refuses a
        row's move."""
        i, wts, n = self.seat, self.weights, batch.n
        shares = np.array([table[w][k].shares for (w, k, _s) in spec])
        cuts = np.array([table[w][k].cut for (w, k, _s) in spec])
        row_moves = [table[w][k].move for (w, k, _s) in spec]
        discount = batch.param("discount")
        total = np.zeros(batch.batch)
        parts = {
            "prosperity": np.zeros(batch.batch),
            "standing": np.zeros(batch.batch),
            "insecurity": np.zeros((batch.batch, n)),
            "leverage": np.zeros((batch.batch, n)),
            "spiral": np.zeros((batch.batch, n)),
            "brink": np.zeros(batch.batch),
        }
        world = batch
        start = last_shares(batch)  # [R, N, 5] everyone's last orders, as the seat saw them
        for turn in range(self.horizon):
            mix = start.copy()
            if turn > 0:
                mix = _answered(mix, world, i, wts.answer, wts.answer_cap, wts.answer_rivals)
            spend = mix * budget(world)[:, :, None]
            spend[:, i] = shares * budget(world)[:, i][:, None]
            spend = within_caps(world, spend)
            cut = np.zeros((world.batch, n))
            if turn == 0:
                cut[:, i] = cuts * world.reach[:, i]
            dip = first if turn == 0 else None
            if turn == 1 and (answers[0].any() or answers[1].any()):
                dip = self._answers(world, row_moves, *answers)
            orders = Orders(spend=spend, cut=cut, diplomacy=dip)
            if dip is not None:
                orders = orders.pay_diplomacy(world, [i])
            try:
                world, events = step(world, orders, None)
            except IllegalOrder:
                return None
            terms = utility_terms(world, exchange(world), events.war_loss)
            weight = discount**turn
            parts["prosperity"] += weight * terms.prosperity[:, i]
            parts["standing"] += weight * terms.standing[:, i]
            parts["insecurity"] += weight[:, None] * terms.insecurity[:, i]
            parts["leverage"] += weight[:, None] * terms.leverage[:, i]
            parts["spiral"] += weight[:, None] * terms.spiral[:, i]
            # The war it might stumble into: in a crisis, the odds that the other's escalation
            # meets its own firmness (the accident share), times what a war costs at the least.
            brink = (world.crisis[:, i] * escalation_odds(world)[:, i]).sum(axis=1)
            brink = brink * world.param("accident_share") * war_weight(world)
            brink = brink * world.param("war_damage_floor")
            parts["brink"] += weight * brink
            total += weight * (
                terms.prosperity[:, i]
                + wts.standing * terms.standing[:, i]
                - terms.war[:, i]
                - wts.risk * brink
                + (terms.leverage - terms.insecurity - terms.spiral)[:, i].sum(axis=1)
            )
        return total, parts

    def _write(
        self,
        d: Diplomacy,
        r: int,
        move: tuple[str, int],
        accept: np.ndarray,
        world: World,
        refused: np.ndarray,
    ) -> bool:
        """Row ``r`` of the projection's first turn: the seat's move, and what the other does in
        this sample (accepts an offer with the odds of the seat's trust in it, halved for each
        offer it has already let pass; answers talk with the seat's trust in talk). Returns
        whether the other takes up, next turn, an offer that waits for an answer (a deployment,
        a treaty)."""
        i = self.seat
        kind, j = move
        _own_move(
            d,
            r,
            i,
            move,
            _sizes(
                world.shield[r, i],
                world.seen_shield[r, i],
                world.reach[r, i],
                world.seen_reach[r, i],
                move,
            ),
        )
        if kind in ("", "sign", "cut"):
            return False
        if kind == "propose_all":
            # Every other state signs next turn in this sample with the odds of the seat's trust.
            trust_all = world.belief[r, i] * 0.5**refused
            others = np.arange(world.n) != i
            return bool((accept[others] < trust_all[others]).all())
        # A character that trusts talk less than the game's own (below a half: the hawk, the
        # opportunist) expects its overtures taken up less often, in proportion.
        wary = min(1.0, self.weights.trust / 0.5)
        trust = wary * float(world.belief[r, i, j]) * 0.5 ** float(refused[j])
        answers = accept[j] < (self.weights.trust if kind == "talk" else trust)
        if kind in ("deploy", "propose"):
            return bool(answers)  # the other answers next turn (see :meth:`_answers`)
        if answers and kind == "ally":
            d.ally[r, j, i] = 1
        elif answers and kind == "programme":
            d.programme[r, j, i] = 1
        elif answers and kind == "talk":
            d.talk[r, j, i] = True
        return False

    def _gives_in(self, batch: World, first: Diplomacy, draws: np.ndarray) -> np.ndarray:
        """``[R, N]`` the hosts of its rivals' forces that, in each row's sample, send the forces
        home next turn under its pressure: with odds ``1 - (1 - coerce) ** levers`` for the levers
        (aim, sanction) it holds on the host after this turn's move, as an offer is taken up with
        the odds of its trust. A character with ``coerce`` 0 does not count on a host giving in."""
        i, c = self.seat, self.weights.coerce
        if c <= 0 or "deployments" not in batch.params.diplomacy:
            # (where the lesson closes deployments, no host can send forces home)
            return np.zeros((batch.batch, batch.n), dtype=bool)
        levers = np.zeros((batch.batch, batch.n))
        for held, asked in ((batch.targeting, first.target), (batch.sanction, first.sanction)):
            levers += np.where(asked[:, i] == 1, 1.0, np.where(asked[:, i] == -1, 0.0, held[:, i]))
        return draws < 1.0 - (1.0 - c) ** levers

    def _answers(
        self, world: World, moves: list[tuple[str, int]], taken: np.ndarray, gives_in: np.ndarray
    ) -> Diplomacy:
        """The projection's second turn: the other side of each offer that waits for an answer,
        in the rows where it takes it up (a host accepts the deployment; a rival signs), and each
        host that gives in to its pressure sending its rivals' forces home."""
        i, n = self.seat, world.n
        d = Diplomacy.none(world.batch, n, TREATY_SLOTS)
        staying = _rival_forces(world, i) & (world.recall == 0)  # [R, p, h]
        home = staying & gives_in[:, None, :]
        d.withdraw[:] = np.swapaxes(home, 1, 2)  # [R, h, p]: the host sends them home
        for r, (kind, j) in enumerate(moves):
            if not taken[r]:
                continue
            if kind == "deploy" and world.offer_shield[r, i, j] > 0:
                d.deploy_answer[r, j, i] = 1
            elif kind in ("propose", "propose_all"):
                signers = [j] if kind == "propose" else [o for o in range(n) if o != i]
                for o in signers:
                    waiting = (
                        (world.treaty_status[r] == PROPOSED)
                        & (world.treaty_invited[r, :, o] > 0)
                        & (world.treaty_invited[r, :, i] > 0)
                        & (world.treaty_signed[r, :, o] < 0.5)
                    )
                    d.sign[r, o, waiting] = True
        return d

    # ----------------------------------------------------------------------------------------
    # Playing and explaining

    def _move(self, obs: Observation, plans: list[Plan]) -> tuple[Move, list[str]]:
        shares = np.array([p.shares for p in plans])
        cut = np.array([p.cut for p in plans]) * obs.own_reach
        move = self.shares_to_move(obs, shares, cut)
        d = self.diplomacy_template(obs)
        i = self.seat
        # Offers to it first (a programme from an ally is joined), then its own move on top.
        pb.answer_hosts(obs, d, i, obs.support > obs.review_threshold + 0.1)
        answered = d.copy()  # what it did in answer to others' offers, before its own move
        for w, p in enumerate(plans):
            _own_move(
                d,
                w,
                i,
                p.move,
                _sizes(
                    obs.home_shield[w],
                    obs.seen_shield[w],
                    obs.own_reach[w],
                    obs.seen_reach[w],
                    p.move,
                ),
            )
        # Offers made to it: an alliance or a programme from a state it trusts is taken up.
        offers = _known(obs).ally_offer[:, :, i] > 0.5  # [B, N]: who has offered it an alliance
        for j in range(len(obs.names)):
            if j == i:
                continue
            take = offers[:, j] & (obs.belief[:, j] >= 0.5) & ~obs.ally[:, j]
            if self.balances:  # it joins no one but against a stronger third
                take &= np.array([_against(obs, w, j) for w in range(obs.batch)])
            d.ally[:, i, j] = np.where(take & (d.ally[:, i, j] == 0), 1, d.ally[:, i, j])
            answered.ally[:, i, j] = np.where(take, 1, answered.ally[:, i, j])
        # Crises: press from strength; back down when outmatched and the odds are real, or when
        # the odds of war, were both to escalate, are more than its aversion to risk will bear.
        # A rival that has tied its hands will not back down: standing firm against it risks
        # twice as much.
        # A greedy character that weighs the spiral's risk below the game's own (a hawk) is
        # bold: it braves being outmatched and presses every crisis (Schelling's brinkmanship),
        # until the odds of war pass even its tolerance.
        view = _known(obs)
        hands_tied = view.commitment[:, :, i] > 0.5  # [B, j]: j committed against it
        bold = self.weights.risk < 1.0 and self.weights.greed > 0
        weak = (obs.cover_margin < 0) & (obs.escalation_odds > 0.02) & (not bold)
        brink = self.weights.risk * obs.escalation_odds * np.where(hands_tied, 2.0, 1.0)
        weak |= brink > BRINK_TOLERANCE
        strong = (obs.deterrence_margin > 0) & (obs.threat_margin < 0)
        press = (strong | bold) & (self.weights.greed > 0)
        answers = np.where(weak, BACK_DOWN, np.where(press, ESCALATE, STAND_FIRM))
        pb.answer_crises(obs, d, i, answers)
        parts = (
            _answer_reasons(obs, answered, plans),
            self._commitments(obs, d, answers),
            self._treaty_moves(obs, d, plans),
            self._sign_free(obs, shares, d, move.spend),
        )
        lines = []
        for said in zip(*parts, strict=True):
            kept = [x for x in said if x]
            lines.append("; ".join([kept[0], *(_lower(x) for x in kept[1:])]) if kept else "")
        return Move(move.spend, move.cut, d), lines

    def cheat_odds(self, obs: Observation) -> np.ndarray:
        """``[B, K]``: the chance it breaks each binding treaty in secret this turn, by the
        inspection game (:class:`~game.policies.playbook.CheatLedger`): only a greedy character
        is tempted at all, and what being caught costs it is ``CAUGHT_COST`` in units of its
        greed."""
        if self.weights.greed <= 0:
            return np.zeros(obs.treaty_bound.shape)
        return self.ledger.odds(obs, CAUGHT_COST / self.weights.greed)

    def _cheat(self, obs: Observation, move: Move, plans: list[Plan]) -> tuple[Move, list[str]]:
        """Where the inspection game tempts it (:meth:`cheat_odds`) on every cap that binds it,
        it breaks them all in secret and spends its plan untrimmed (a cap kept beside one broken
        would still trim the build, so it cheats on none there). Each world draws its temptation
        only while a treaty binds it there. This reading of the inspection game is a rule beside
        the projection, which scores the plan within the caps. Returns the move and each world's
        private reason ("" where it kept the treaties)."""
        out = [""] * obs.batch
        if self.weights.greed <= 0 or "treaties" not in obs.allowed_diplomacy:
            return move, out
        bound = np.asarray(obs.treaty_bound.any(axis=1))
        temptation = np.array([g.random() if bound[w] else 1.0 for w, g in enumerate(self.rngs)])
        sneaky = obs.treaty_bound & (temptation[:, None] < self.cheat_odds(obs))
        whole = np.asarray((~obs.treaty_bound | sneaky).all(axis=1) & sneaky.any(axis=1))
        sneaky &= whole[:, None]
        d = move.diplomacy
        assert d is not None
        d.cheat[:, self.seat, :] = sneaky
        self.ledger.cheated = whole
        if not whole.any():
            return move, out
        shares = np.array([p.shares for p in plans])
        raw = self.shares_to_move(obs, shares, move.cut, trim=False).spend
        spend = np.where(whole[:, None], raw, move.spend)
        for w in np.flatnonzero(whole):
            if raw[w, :CIVILIAN].sum() > move.spend[w, :CIVILIAN].sum() + 1e-9:
                out[w] = (
                    f"{obs.names[self.seat]} built past a treaty's cap in secret: it judged the "
                    "gain worth the risk of being caught"
                )
        return Move(spend, move.cut, d), out

    def _commitments(self, obs: Observation, d: Diplomacy, answers: np.ndarray) -> list[str]:
        """In a crisis it means to stand in, a character that values standing ties its hands:
        it commits publicly to stand firm (Fearon 1997), so that backing down would cost it
        ``audience_cost`` in standing; a rival that sees the commitment has reason to back down
        (strategists count it double at the brink, above). Returns each world's reason."""
        i, out = self.seat, [""] * obs.batch
        signals = "signals" in obs.allowed_diplomacy
        if not (self.diplomatic and signals) or self.weights.standing < 1.0:
            return out
        firm = obs.crisis & (answers != BACK_DOWN) & ~(_known(obs).commitment[:, i, :] > 0.5)
        for w, j in zip(*np.nonzero(firm), strict=True):
            d.commit[w, i, j] = True
            if not out[w]:
                out[w] = (
                    f"{obs.names[i]} committed publicly to stand firm against {obs.names[j]}: "
                    "with its hands tied, backing down is for the other side"
                )
        return out

    def _treaty_moves(self, obs: Observation, d: Diplomacy, plans: list[Plan]) -> list[str]:
        """The treaties it is bound by, read as the inspection game and as a bargain that can
        turn against it. It inspects where it pays: the odds that another party is greedy,
        times the extra detection an inspection buys (``verification * (1 - passive)``), times
        its stake (:attr:`Weights.verify`), above the inspection's cost (O'Neill 1994, Wittman
        1989). It gives notice to leave a cap that binds its plan while a rival the cap does not
        hold builds fast: a fellow party caught breaking it, or an outsider it has seen ahead of
        its side (itself, its allies and a fellow party it may still win as an ally) turn after
        turn; a cap kept against a rising rival only keeps it behind. Unless it is tempted to
        break that cap in secret (:meth:`cheat_odds`), which keeps the others bound, or it
        believes the spiral model (:meth:`keeps_caps`), which keeps the cap. Returns each
        world's reason."""
        i, out = self.seat, [""] * obs.batch
        if not self.diplomatic or "treaties" not in obs.allowed_diplomacy:
            return out
        view = _known(obs)
        cost = view.param("inspection_cost")
        in_force = (view.treaty_status == IN_FORCE) & obs.treaty_bound
        b, k_count, n = obs.treaty_parties.shape
        breached = np.zeros((b, k_count, n), bool) if self.breached is None else self.breached
        others = obs.treaty_parties.copy()
        others[:, :, i] = False
        unheld = obs.rivals[:, None, :] & ~others  # an outsider is held by nothing
        # Its side: itself and its allies, and a fellow party it may still win as an ally (not
        # yet refused) counted at the cap it keeps: a coalition balances before it arms (Waltz
        # 1979). An outsider ahead of that side, read turn after turn (pb.Cusum), is ahead.
        mine = obs.own_reach + np.where(obs.ally, obs.seen_reach, 0.0).sum(axis=1)  # [B]
        refused = self.unanswered if self.unanswered is not None else np.zeros((b, n))
        courted = others & obs.rivals[:, None, :] & ~breached & (refused[:, None, :] < 1)
        courted &= "alliances" in obs.allowed_diplomacy
        # A fellow party under a reach ceiling holds at most the cap; under any other treaty,
        # what it was seen to hold.
        held = np.where(
            (view.treaty_kind == REACH_CEILING)[:, :, None],
            view.treaty_cap[:, :, None],
            obs.seen_reach[:, None, :],
        )
        side = mine[:, None] + (held * courted).sum(axis=2)  # [B, K]
        ahead = self.ahead.update(
            np.broadcast_to(obs.seen_reach[:, None, :], unheld.shape),
            np.broadcast_to(side[:, :, None], unheld.shape),
            np.broadcast_to(pb.blur(obs)[:, None, :], unheld.shape),
            unheld & in_force[:, :, None],
        )
        odds = self.cheat_odds(obs)
        # Tempted on every cap that binds it, as :meth:`_cheat` needs before it breaks any.
        tempted = (odds > 0) & ((odds > 0) | ~obs.treaty_bound).all(axis=1, keepdims=True)
        # A character of the spiral model (it expects every build of its own answered in full)
        # keeps the cap: a notice frees every party, and it expects the rival it would arm
        # against to answer each build it then makes (Jervis 1976).
        spiral = self.keeps_caps()
        me = obs.names[i]
        for w in range(obs.batch):
            for k in np.flatnonzero(in_force[w]):
                parties = obs.treaty_parties[w, k].copy()
                parties[i] = False
                if not parties.any():
                    continue
                capped = view.treaty_kind[w, k] == REACH_CEILING
                # A rival not held by the cap and building fast: a fellow party caught breaking
                # it (so ahead of a seat the cap holds), or an outsider ahead of its side.
                over = breached[w, k] & obs.rivals[w]
                rising = (over | ahead[w, k]) & (obs.seen_build[w] >= RISING)
                # Does this treaty's own cap hold back the plan it chose?
                room = obs.reach_room[w] if capped else obs.shield_room[w]
                share = plans[w].shares[REACH if capped else SHIELD]
                binds = share * obs.budget[w] > room + 1e-9
                # A party tempted to break the cap in secret keeps it in name: leaving would free
                # the others too (Downs and Rocke 1990: covert defection beside open exit).
                binds &= bool(view.treaty_kind[w, k] in CAPPED)  # a ban or openness caps nothing
                if binds and rising.any() and not tempted[w, k] and not spiral:
                    d.leave[w, i, k] = True
                    jj = int(np.flatnonzero(rising)[0])
                    why = "was caught breaking it" if parties[jj] else "is not bound by it"
                    out[w] = out[w] or (
                        f"{me} gave notice to leave the {_treaty_words(view, w, int(k))}: it holds "
                        f"{me} back while {obs.names[jj]}, which {why}, builds fast"
                    )
                    continue
                greedy = float(np.max(np.where(parties, 1.0 - obs.belief[w], 0.0)))
                extra = float(obs.treaty_verification[w, k]) * (1.0 - obs.passive_detection[w])
                if greedy * extra * self.weights.verify > cost[w]:
                    d.inspect[w, i, k] = True
                    named = _treaty_words(view, w, int(k))
                    out[w] = out[w] or (
                        f"{me} inspected under the {named}: it doubts that every party keeps to "
                        "its terms, and a check is worth what it costs"
                    )
        return out

    def _arms_reason(
        self,
        obs: Observation,
        w: int,
        plan: Plan,
        terms: dict[str, np.ndarray],
        plans: list[Plan],
        played: float,
    ) -> str:
        """Why it spent as it did: the plan it chose, at the share of its budget it played
        (``played``: a treaty's cap may have held the plan back, and then it says so)."""
        me = obs.names[self.seat]
        if plan.arms <= 0:
            return f"{me} held: arming would cost more than it buys"
        k = plans.index(plan)
        gain_safe = terms["insecurity"][w, 0] - terms["insecurity"][w, k]  # per rival
        gain_edge = terms["leverage"][w, k] - terms["leverage"][w, 0]
        what = "shield" if plan.shares[SHIELD] > plan.shares[REACH] else "reach"
        level = f"{100 * plan.arms:.0f}% of its budget into {what}"
        if played < plan.arms - 0.005:
            level = (
                f"{100 * played:.0f}% of its budget into arms (it chose {100 * plan.arms:.0f}% "
                f"into {what}, and a treaty's cap held back the rest)"
            )
        j_safe, j_edge = int(np.argmax(gain_safe)), int(np.argmax(gain_edge))
        if what == "shield":
            j = int(np.argmax(gain_safe + gain_edge))
            return f"{me} put {level}: to blunt {obs.names[j]}'s strike"
        if gain_safe[j_safe] >= gain_edge[j_edge]:
            rival = obs.names[j_safe]
            return f"{me} put {level}: it could not yet hit back hard enough to deter {rival}"
        rival = obs.names[j_edge]
        if obs.deterrence_margin[w, j_edge] < 0:
            return f"{me} put {level}: what it could strike back with no longer deterred {rival}"
        return f"{me} put {level}: not to fall behind {rival}"

    def _move_reason(self, obs: Observation, w: int, plan: Plan) -> str:
        me = obs.names[self.seat]
        kind, j = plan.move
        other = obs.names[j] if j >= 0 and kind != "sign" else ""
        if kind in ("target", "sanction"):
            known = _known(obs)
            guests = _rivals(known, self.seat)[w]
            reach_there = known.fwd_reach[w, :, j] * guests  # by patron
            shield_there = known.fwd_shield[w, :, j] * guests
            verb = "aimed its reach at" if kind == "target" else "sanctioned"
            if shield_there.max() > 0 and kind == "target":
                p = obs.names[int(np.argmax(shield_there))]
                return (
                    f"{me} aimed its reach at {other}: {p}'s shield stationed there would stop "
                    f"too much of {me}'s answer to {p}, and aiming at it takes some of that back"
                )
            if reach_there.max() + shield_there.max() > 0:
                p = obs.names[int(np.argmax(reach_there + shield_there))]
                return (
                    f"{me} {verb} {other}: to make hosting {p}'s forces cost {other} until it "
                    "sends them home"
                )
            if kind == "target":
                return f"{me} aimed its reach at {other}: to make its threat plain"
        if kind in ("untarget", "unsanction"):
            pressed = self.pressed_hosts is not None and bool(self.pressed_hosts[w, j])
            known = _known(obs)
            stationed = known.fwd_reach[w, :, j] + known.fwd_shield[w, :, j]
            stationed[self.seat] = 0.0
            what = "stopped aiming at" if kind == "untarget" else "lifted its sanctions on"
            if pressed and stationed.max() <= 0:
                return (
                    f"{me} {what} {other}: the forces it was pressing {other} to send home have "
                    "left, so the pressure has done its job"
                )
            if pressed:
                p = obs.names[int(np.argmax(stationed))]
                return f"{me} {what} {other}: {p}, whose forces are there, is its ally now"
            return f"{me} {what} {other}: the pressure cost {me} more than it bought"
        return {
            "ally": f"{me} offered {other} an alliance: together they need not fear each other",
            "programme": f"{me} offered {other} a joint shield: its money and {other}'s know-how "
            "buy more shield together",
            "talk": f"{me} sent {other} a reassuring message: if {other} answers in kind, both "
            "can fear each other less",
            "drill": f"{me} drilled with its allies, naming {other}: standing for its alliance",
            "sanction": f"{me} sanctioned {other}: to make what {other} does cost it",
            "cut": f"{me} cut its reach: a costly signal that it wants only safety"
            if self.weights.greed <= 0
            else f"{me} cut its reach: it cost more to keep than it bought",
            "deploy": f"{me} offered to station shield in {other}: a shield there guards {me} "
            "and its ally against a ragged answer",
            "propose": f"{me} proposed a shield cap to {other}: so that neither's shield grows "
            "until it could stop the other's answer to an attack",
            "propose_all": f"{me} proposed a reach ceiling to every state: everyone frozen where "
            "they stand, so that no one is left outside the deal to build",
            "sign": f"{me} signed a treaty it was offered: its terms leave it safer",
        }[kind]


class StrategicReactor(Strategist):
    """Strategic Reactor: a strategist that fears the reach it sees and little else, with no
    diplomacy of its own beyond answering offers, invitations and crises.

    Source: Richardson (1960), the reaction to the other's stock, looking ahead.
    """

    name = "strategic_reactor"
    title = "Strategic Reactor"
    traits = ("looks ahead", "action-reaction", "no diplomacy beyond the basics")
    weights = Weights(greed=0.0, fear=3.0, parity=1.5, risk=0.5, standing=0.5, trust=0.1)
    diplomatic = False


#: A strategist backs down in a crisis when its risk weight times the odds of war (were both to
#: escalate) passes this: at the security seeker's weight (3) odds above 1 in 6, for a dove (6)
#: above 1 in 12, at the game's own (1) above 1 in 2; a hawk (0.5, greedy and bold) backs down
#: only where a rival has tied its hands in public and the odds pass 1 in 2.
BRINK_TOLERANCE = 0.5


def _against(obs: Observation, w: int, j: int) -> bool:
    """Whether an alliance with ``j`` would be against a stronger third: some other rival the
    seat sees with more reach than itself and than ``j``."""
    third = obs.rivals[w].copy()
    third[j] = False
    stronger = obs.seen_reach[w] > max(float(obs.own_reach[w]), float(obs.seen_reach[w, j]))
    return bool((third & stronger).any())


def _sign_moves(obs: Observation) -> list[tuple[str, int]]:
    """``("sign", k)`` for every treaty slot ``k`` that awaits its signature in some world."""
    return [
        ("sign", k) for k in range(obs.treaty_invites.shape[1]) if obs.treaty_invites[:, k].any()
    ]


def _known(obs: Observation) -> World:
    """The world as the seat knows it (``Observation.view``), which a strategist needs."""
    if obs.view is None:
        raise ValueError("a strategist needs the world its seat knows (Observation.view)")
    return obs.view


def _answered(
    mix: np.ndarray,
    world: World,
    i: int,
    share: float = ANSWER_SHARE,
    cap: float = ANSWER_CAP,
    rivals: float = math.inf,
) -> np.ndarray:
    """The others' likely replies (level 0): each keeps its last orders, except that a rival of
    ``i`` answers arming in kind: it puts into reach at least ``share`` of what it saw ``i``
    build last turn, in amount (Richardson's reaction; a rich rival answers a small state's
    build with a small share of its budget), never more than ``cap`` of its budget, and only
    from what it would have spent on its economy, so its orders stay a split of its budget; a
    state with more than ``rivals`` rivals spreads its answer over them, answering each build
    ``rivals / its rivals`` as much (``share``, ``cap`` and ``rivals`` are the seat's
    :attr:`Weights.answer`, :attr:`Weights.answer_cap` and :attr:`Weights.answer_rivals`).
    Allies do not answer."""
    out = mix.copy()
    money = budget(world)  # [R, N]
    with np.errstate(divide="ignore", invalid="ignore"):
        amount = share * world.seen_build[:, :, i] * money[:, i][:, None]
        if np.isfinite(rivals):
            # A state with more rivals than ``rivals`` spreads its answer over them.
            theirs = (world.alliance < 0.5).sum(axis=2) - 1  # [R, j]: each one's rivals
            amount = amount * np.minimum(1.0, rivals / np.maximum(theirs, 1))
        seen = np.where(money > 0, amount / money, 0.0)
    # [R, j]: at most the cap, and only what its reach and civilian shares hold between them.
    seen = np.clip(seen, 0.0, np.minimum(cap, out[:, :, REACH] + out[:, :, CIVILIAN]))
    rival = world.alliance[:, :, i] < 0.5
    rival[:, i] = False
    reach = np.where(rival, np.maximum(out[:, :, REACH], seen), out[:, :, REACH])
    extra = reach - out[:, :, REACH]
    out[:, :, REACH] = reach
    out[:, :, CIVILIAN] = np.maximum(out[:, :, CIVILIAN] - extra, 0.0)
    return out


def _rivals(world: World, i: int) -> np.ndarray:
    """``[B, N]`` the states not allied with ``i`` (``i`` itself not among them)."""
    rival = world.alliance[:, i, :] < 0.5
    rival[:, i] = False
    return rival


def _rival_forces(world: World, i: int) -> np.ndarray:
    """``[B, p, h]`` forces of a rival ``p`` of ``i`` stationed at host ``h``."""
    return np.asarray((world.fwd_reach + world.fwd_shield > 0) & _rivals(world, i)[:, :, None])


def _hosts_rivals(world: World, i: int) -> np.ndarray:
    """``[B, N]`` the states that carry forces of a rival of ``i``: a lever (aim, sanction) on
    one is lifted only once they are gone. Lifting before the host complies would teach it that
    holding out pays (Schelling 1966: the punishment goes on until compliance, and stops then)."""
    return np.asarray(_rival_forces(world, i).any(axis=1))


def _expect_hosts(d: Diplomacy, world: World, i: int) -> None:
    """The others' side of what is already on the table (level 0): an ally offered another's
    shield (no reach, which a treaty may forbid) takes it up on the next turn. An offer is public,
    so a rival sees a forward shield coming a turn before it stands, and weighs its plans
    against it."""
    pending = (world.offer_shield > 0) & (world.offer_reach <= 0) & (world.alliance > 0.5)
    pending[:, i, :] = False
    pending[:, :, i] = False
    d.deploy_answer[:] = np.where(np.swapaxes(pending, 1, 2), 1, d.deploy_answer)


#: The share of its home shield a strategist offers to station at an ally.
DEPLOY_SHARE = 0.5


def _sizes(
    own_shield: float,
    seen_shield: np.ndarray,
    own_reach: float,
    seen_reach: np.ndarray,
    move: tuple[str, int],
) -> tuple[float, float, float]:
    """``(own shield, j's shield as seen, the largest reach as seen)`` for the move ``(kind,
    j)``: what sizes the offers and caps of :func:`_own_move`."""
    kind, j = move
    seen_j = float(seen_shield[j]) if kind == "propose" else 0.0
    return float(own_shield), seen_j, max(float(own_reach), float(np.max(seen_reach)))


def _answer_reasons(obs: Observation, d: Diplomacy, plans: list[Plan]) -> list[str]:
    """``[B]`` why it took up what others offered it this turn (a programme an ally offered, an
    alliance from a state it trusts, forces an ally wants to station with it), where its own
    move did not already say so."""
    i, names, out = obs.seat, obs.names, [""] * obs.batch
    for w in range(obs.batch):
        said = plans[w].move
        for j in range(len(names)):
            if j == i or said[1] == j:
                continue
            if d.programme[w, i, j] > 0 and obs.programme_offers[w, j]:
                out[w] = (
                    f"{names[i]} joined the joint shield programme {names[j]} offered: pooled "
                    "money and know-how buy more shield"
                )
            elif d.ally[w, i, j] > 0:
                out[w] = (
                    f"{names[i]} accepted {names[j]}'s alliance: it trusts {names[j]}, and "
                    "together they need not fear each other"
                )
            elif d.deploy_answer[w, i, j] == 1:
                out[w] = (
                    f"{names[i]} accepted {names[j]}'s forces: a shield stationed with it guards "
                    "it against a strike"
                )
            if out[w]:
                break
    return out


def _own_move(
    d: Diplomacy, r: int, i: int, move: tuple[str, int], sizes: tuple[float, float, float]
) -> None:
    """Row ``r``: ``i``'s side of its diplomatic move ``(kind, j)``, the same in the projection
    and in play (for ``sign``, ``j`` is the treaty's slot). ``sizes`` is :func:`_sizes`. A
    deployment offers ``DEPLOY_SHARE`` of its home shield; a proposed shield cap sits a little
    above the larger of its own shield and ``j``'s as it sees it, half verified (freeze the
    shields where they stand); a reach ceiling for all, a little above the largest reach it
    sees."""
    kind, j = move
    own_shield, seen_j, top_reach = sizes
    if kind in ("ally", "programme", "target", "sanction"):
        getattr(d, kind)[r, i, j] = 1
    elif kind in ("untarget", "unsanction"):
        getattr(d, kind[2:])[r, i, j] = -1
    elif kind in ("talk", "drill", "sign"):
        getattr(d, kind)[r, i, j] = True
    elif kind == "deploy":
        d.deploy_shield[r, i, j] = DEPLOY_SHARE * own_shield
    elif kind == "propose":
        d.propose_kind[r, i] = SHIELD_CAP
        d.propose_parties[r, i, j] = True
        d.propose_cap[r, i] = max(own_shield, seen_j) * 1.1 + 1.0
        d.propose_verification[r, i] = 0.5
    elif kind == "propose_all":
        d.propose_kind[r, i] = REACH_CEILING
        d.propose_parties[r, i, :] = True
        d.propose_cap[r, i] = top_reach * 1.1 + 1.0
        d.propose_verification[r, i] = 0.5


#: The lift moves, and which lever each lifts (0: the aim, 1: the sanction).
LIFTS = {"untarget": 0, "unsanction": 1}
PULLS = {"target": 0, "sanction": 1}
#: A rival "builds fast" when it was seen putting this share of its budget into arms.
RISING = 0.15


#: What being caught cheating costs a character of greed 1 (trust, standing, tension), against
#: what a turn of building past a cap gains, before the turn's own temptation is weighed (a
#: greedier character counts it for less: the opportunist, at greed 1.5, weighs it 2).
CAUGHT_COST = 3.0

#: The share of its reach a costly signal gives up (Kydd 2005: a cut large enough to cost).
SIGNAL_CUT = 0.1
#: The least reach a cut can signal from: a tenth of less is no cost anyone would notice (a dove
#: that cut a tenth every turn was seen "dismantling 0.0 reach").
MIN_CUT_REACH = 1.0


def _with_move(plan: Plan, move: tuple[str, int]) -> Plan:
    return replace(plan, move=move, cut=SIGNAL_CUT if move[0] == "cut" else 0.0)


def treaty_kind_words(kind: int) -> str:
    """A treaty's kind in words: "reach ceiling", "forward ban"."""
    return TREATY_KINDS[kind].replace("_", " ")


def _leaves_room(view: World, i: int, k: int, spend: np.ndarray) -> np.ndarray:
    """``[B]`` whether treaty ``k``, in force with ``i`` bound, would leave ``i`` what it holds
    (nothing to dismantle) and room for the reach and shield ``spend`` (``[B, 5]``) buys: the
    engine's own rule for a cap's room."""
    kind, cap = view.treaty_kind[:, k], view.treaty_cap[:, k]
    reach = view.reach[:, i] + view.fwd_reach.sum(axis=2)[:, i]
    shield = view.shield[:, i] + view.fwd_shield.sum(axis=2)[:, i]
    ok = ((kind != REACH_CEILING) | (reach <= cap)) & ((kind != SHIELD_CAP) | (shield <= cap))
    status = view.treaty_status.copy()
    status[:, k] = IN_FORCE
    signed = view.treaty_signed.copy()
    signed[:, k, i] = 1.0
    bound = view.replace(treaty_status=status, treaty_signed=signed)
    for col, cat in ((REACH, "reach"), (SHIELD, "shield")):
        ok &= spend[:, col] <= cap_room(bound, cat)[:, i] * (1.0 + 1e-6) + 1e-9
    return ok


def _treaty_words(view: World, w: int, k: int) -> str:
    """A treaty as a wire report names it: "reach ceiling at 30", "forward ban"."""
    kind = int(view.treaty_kind[w, k])
    words = treaty_kind_words(kind)
    return f"{words} at {round(float(view.treaty_cap[w, k]), 1):g}" if kind in CAPPED else words


def _lower(text: str) -> str:
    """A reason joined after another: its subject already named (``"Veyra put ..."`` ->
    ``"put ..."``)."""
    return text.split(" ", 1)[1] if " " in text else text


def _plain(table: list[list[Plan]], b: int) -> list[list[Plan]]:
    return [[replace(p, move=("", -1)) for p in table[w]] for w in range(b)]


__all__ = [
    "LOOK",
    "Plan",
    "StrategicReactor",
    "Strategist",
    "Weights",
    "treaty_kind_words",
]
