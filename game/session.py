"""One game (or a batch of games): scenario + world + seats + random streams + history.

Seed scheme (documented in the README): a game's seed ``s`` feeds
``numpy.random.SeedSequence(s)``, which spawns ``1 + N`` children: child 0 is the engine's
stream (it first draws the hidden kinds, then every turn's noise), child ``1 + i`` is seat ``i``'s
policy stream. A batch run with ``--seed S --batch B`` plays world ``b`` with seed ``S + b``, so
world ``b`` of the batch is the single game with seed ``S + b``, bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from game.engine.actions import Action, ActionError, apply_actions
from game.engine.events import Events
from game.engine.legality import check
from game.engine.orders import IllegalOrder, Orders, StateOrder
from game.engine.state import DIPLOMACY_GROUPS, World
from game.engine.step import step
from game.policies import DIFFICULTIES, Policy, get_policy, observe
from game.policies.base import PublicView
from game.scenarios import Scenario


class SeatError(ValueError):
    """A seat description that cannot be used (unknown opponent, wrong count, bad syntax)."""


@dataclass(frozen=True)
class Seat:
    """Who plays a state: a human, or an AI opponent by registry name and difficulty."""

    human: bool
    policy: str = ""
    difficulty: str = "normal"

    @staticmethod
    def parse(text: str) -> Seat:
        """``human``, ``ai``, ``ai:NAME`` or ``ai:NAME:DIFFICULTY``."""
        parts = text.strip().split(":")
        if parts == ["human"]:
            return Seat(human=True)
        if parts[0] != "ai" or len(parts) > 3:
            raise SeatError(f"a seat is 'human', 'ai:NAME' or 'ai:NAME:DIFFICULTY', got {text!r}")
        name = parts[1] if len(parts) > 1 and parts[1] else "baseline"
        difficulty = parts[2] if len(parts) > 2 else "normal"
        if difficulty not in DIFFICULTIES:
            raise SeatError(
                f"difficulty must be one of {', '.join(DIFFICULTIES)}, got {difficulty!r}"
            )
        try:
            get_policy(name)
        except KeyError as exc:
            raise SeatError(str(exc)) from None
        return Seat(human=False, policy=name, difficulty=difficulty)

    def __str__(self) -> str:
        if self.human:
            return "human"
        return f"ai:{self.policy}" + (f":{self.difficulty}" if self.difficulty != "normal" else "")


def parse_seats(texts: list[str] | tuple[str, ...], n: int) -> tuple[Seat, ...]:
    """One ``Seat`` for each of ``n`` states from ``--seat`` texts."""
    seats = tuple(Seat.parse(t) for t in texts)
    if len(seats) != n:
        raise SeatError(f"this scenario has {n} states, so it needs {n} seats; got {len(seats)}")
    return seats


def spawn_streams(seed: int, n: int) -> tuple[np.random.Generator, list[np.random.Generator]]:
    """The engine's stream and one stream per seat, from one seed (see the module docstring)."""
    children = np.random.SeedSequence(seed).spawn(1 + n)
    return np.random.default_rng(children[0]), [np.random.default_rng(c) for c in children[1:]]


@dataclass
class TurnRecord:
    """One resolved turn: the joint orders (batch of one) and what happened."""

    turn: int
    orders: Orders
    events: Events
    #: Why each AI state played as it did this turn (state name -> one line), when its policy
    #: explains itself; a loaded game has them too, since loading replays the AI's moves.
    reasons: dict[str, str] = field(default_factory=dict)
    #: The part of each reason about what other states could see (its diplomatic moves).
    public: dict[str, str] = field(default_factory=dict)

    def told(self, name: str) -> tuple[str, str]:
        """What ``name`` said this turn, as ``(diplomacy, spending)``: see :func:`split_reason`."""
        return split_reason(name, self.reasons.get(name, ""), self.public.get(name, ""))


def split_reason(name: str, full: str, public: str) -> tuple[str, str]:
    """A state's reason cut into ``(diplomacy, spending)``: why it made its visible diplomatic
    moves and why it spent as it did, each a sentence naming the state ("" for a part it did not
    explain). ``full`` is its whole reason, ``public`` the part about its diplomacy: a strategist
    gives the public part first and its spending after a "; ", its subject dropped; a
    rule-based character explains only its diplomacy. A diplomatic reason never explains an
    arms build, so a report shows each part under the move it is about."""
    if not public:
        return "", full
    rest = full[len(public) :] if full.startswith(public) else ""
    rest = rest.removeprefix("; ")
    return public, f"{name} {rest}" if rest else ""


class Runner:
    """Plays a batch of worlds, one seed per world, with AI seats and (in a batch of one) humans.

    Single games (:class:`Session`) and batch runs (the CLI's ``--batch``) share this code, which
    is what makes world ``b`` of a batch the same game as the single run with its seed.
    """

    def __init__(
        self,
        scenario: Scenario,
        seeds: list[int],
        seats: tuple[Seat, ...],
        humans_in_batch: bool = False,
    ):
        n = len(scenario.states)
        if len(seats) != n:
            raise SeatError(
                f"this scenario has {n} states, so it needs {n} seats; got {len(seats)}"
            )
        # A classroom host plays one world per group in one batch and fills in each group's
        # human orders world by world (``humans_in_batch``); everyone else plays humans one world
        # at a time.
        if any(s.human for s in seats) and len(seeds) != 1 and not humans_in_batch:
            raise SeatError("human seats play one world at a time, not a batch")
        self.scenario = scenario
        self.seeds = list(seeds)
        self.seats = seats
        streams = [spawn_streams(s, n) for s in self.seeds]
        self.engine_rngs = [e for e, _ in streams]
        uniforms = np.stack([g.random(n) for g in self.engine_rngs])
        self.world: World = scenario.initial_world(uniforms)
        self.policies: dict[int, Policy] = {}
        #: Why each AI seat that explains itself played its last orders: ``{seat: [B] reasons}``,
        #: in full and (``public_reasons``) only for what other states can see.
        self.reasons: dict[int, list[str]] = {}
        self.public_reasons: dict[int, list[str]] = {}
        for i, seat in enumerate(seats):
            if not seat.human:
                cls = get_policy(seat.policy)
                self.policies[i] = cls(i, [p[i] for _, p in streams], seat.difficulty)

    @property
    def turns(self) -> int:
        return int(self.scenario.params.turns)

    @property
    def finished(self) -> np.ndarray:
        """[B] True where the game is over (a war) or the last turn has been played."""
        return self.world.over | (self.world.turn >= self.turns)

    def ai_orders(self, base: Orders | None = None) -> Orders:
        """Orders with every AI seat's move filled in (humans hold unless ``base`` says more)."""
        orders = base if base is not None else Orders.hold(self.world)
        public = PublicView.of(self.world)
        self.reasons, self.public_reasons = {}, {}
        for i, policy in self.policies.items():
            obs = observe(self.world, i, public, policy.needs_view)
            move = policy.act(obs)
            orders = orders.replace_state(i, move.spend, move.cut, move.diplomacy)
            explained = getattr(policy, "reasons", None)
            if explained:
                self.reasons[i] = list(explained)
                self.public_reasons[i] = list(getattr(policy, "public_reasons", explained))
            elif move.diplomacy is not None and (
                not move.diplomacy.is_empty() or obs.treaty_invites.any()
            ):
                # A rule-based character: its visible moves (a treaty left unsigned among them),
                # with the rule that made them.
                lines = policy.explain(obs, move)
                if any(lines):
                    self.reasons[i] = self.public_reasons[i] = lines
        allowed = tuple(self.world.params.diplomacy)
        if orders.diplomacy is not None and len(allowed) < len(DIPLOMACY_GROUPS):
            # Progressive disclosure binds the AI too: actions outside the lesson are dropped.
            orders = orders.with_diplomacy(orders.diplomacy.restricted(allowed))
        return orders.pay_diplomacy(self.world, list(self.policies))

    def reasons_in(self, b: int, public: bool = False) -> dict[str, str]:
        """``{state name: reason}`` for world ``b``'s last AI orders (seats that explain); with
        ``public``, only the reasons for moves the other states can see (none for spending)."""
        names = self.scenario.names
        table = self.public_reasons if public else self.reasons
        return {names[i]: r[b] for i, r in sorted(table.items()) if b < len(r) and r[b]}

    def advance(self, orders: Orders) -> Events:
        """Resolve one turn with complete joint orders."""
        self.world, events = step(self.world, orders, self.engine_rngs)
        return events


@dataclass
class Answers:
    """What the players answered around the game: the "place your bet" choice and the concept
    quiz before and after (choice indices, ``None`` for a question left open). Saved with the
    game and shown in the debrief and the report; the engine never reads them."""

    bet: int | None = None
    quiz_before: tuple[int | None, ...] = ()
    quiz_after: tuple[int | None, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "bet": self.bet,
            "quiz_before": list(self.quiz_before),
            "quiz_after": list(self.quiz_after),
        }

    @staticmethod
    def from_dict(data: object, scenario: Scenario) -> Answers:
        """Answers from a save, checked against the scenario; ``ValueError`` in plain words."""
        if not isinstance(data, dict) or set(data) - {"bet", "quiz_before", "quiz_after"}:
            raise ValueError("expected an object with 'bet', 'quiz_before' and 'quiz_after'")

        def choice(value: object, count: int, what: str) -> int | None:
            if value is None:
                return None
            if type(value) is not int or not 0 <= value < count:
                raise ValueError(f"{what} should be a choice from 0 to {count - 1} or null")
            return value

        # Answers never touch the engine: if the lesson's bet or quiz has changed since the save
        # was made, the answers that no longer fit are dropped and the game is kept.
        bet = choice(data.get("bet"), 3, "'bet'")
        if scenario.bet is None:
            bet = None
        quizzes = []
        for key in ("quiz_before", "quiz_after"):
            raw = data.get(key, [])
            if not isinstance(raw, list):
                raise ValueError(f"'{key}' should be a list of answers")
            fits = len(raw) == len(scenario.quiz)
            quizzes.append(
                tuple(
                    choice(v, len(q.choices), f"'{key}[{k}]'")
                    for k, (v, q) in enumerate(zip(raw, scenario.quiz, strict=True))
                )
                if fits
                else ()
            )
        return Answers(bet, quizzes[0], quizzes[1])

    def quiz_score(self, scenario: Scenario, after: bool) -> int | None:
        """Right answers in the quiz before (or after) the game; ``None`` if not taken."""
        given = self.quiz_after if after else self.quiz_before
        if not given:
            return None
        return sum(g == q.answer for g, q in zip(given, scenario.quiz, strict=False))


@dataclass
class Session:
    """One game: the scenario, its seed, who plays each state, the world and the history."""

    scenario: Scenario
    seed: int
    seats: tuple[Seat, ...]
    runner: Runner = field(init=False)
    history: list[TurnRecord] = field(init=False, default_factory=list)
    answers: Answers = field(default_factory=Answers)

    def __post_init__(self) -> None:
        self.runner = Runner(self.scenario, [self.seed], self.seats)

    @classmethod
    def new(cls, scenario: Scenario, seed: int, seats: list[str] | None = None) -> Session:
        texts = list(seats) if seats is not None else list(scenario.default_seats)
        return cls(scenario, int(seed), parse_seats(texts, len(scenario.states)))

    @property
    def world(self) -> World:
        return self.runner.world

    @property
    def turn(self) -> int:
        return self.world.turn

    @property
    def over(self) -> bool:
        return bool(self.runner.finished[0])

    @property
    def human_seats(self) -> list[int]:
        return [i for i, s in enumerate(self.seats) if s.human]

    def human_orders(
        self, human: dict[int, StateOrder] | None = None, actions: Sequence[Action] = ()
    ) -> Orders:
        """The humans' orders for this turn as engine orders (everyone else holding), checked.

        Raises :class:`IllegalOrder` when an order or action is not legal, or names a seat that
        a human does not play.
        """
        human = dict(human or {})
        names = self.scenario.names
        for i in human:
            if i not in self.human_seats:
                raise IllegalOrder([f"{names[i]} is not played by a human"])
        for a in actions:
            if a.actor not in names or names.index(a.actor) not in self.human_seats:
                raise IllegalOrder([f"{a.actor} is not played by a human"])
        base = Orders.hold(self.world)
        if human:
            filled = [human.get(i, base.state_order(0, i)) for i in range(len(names))]
            base = Orders.from_states(self.world, filled)
        if actions:
            try:
                dip = apply_actions(base.diplomacy_or_none(), list(actions), names)
            except ActionError as exc:
                raise IllegalOrder([str(exc)]) from None
            base = base.with_diplomacy(dip)
            open_civilian = [
                i for i in range(len(names)) if human.get(i) is None or human[i].civilian is None
            ]
            base = base.pay_diplomacy(self.world, open_civilian)
        check(self.world, base)
        return base

    def play_turn(
        self, human: dict[int, StateOrder] | None = None, actions: Sequence[Action] = ()
    ) -> Events:
        """Resolve a turn: AI seats move, human seats use ``human`` and ``actions`` (holding and
        doing nothing where absent).

        Raises :class:`IllegalOrder` (the world unchanged) when a human order is illegal, and
        ``RuntimeError`` when the game is already over.
        """
        if self.over:
            raise RuntimeError("the game is over: no more turns to play")
        # Check the humans' orders before any policy moves: a refused order must not advance an
        # AI's random stream, or the game would no longer be the one its seed gives.
        base = self.human_orders(human, actions)
        orders = self.runner.ai_orders(base)
        return self.resolve(
            orders, self.runner.reasons_in(0), self.runner.reasons_in(0, public=True)
        )

    def resolve(
        self,
        orders: Orders,
        reasons: dict[str, str] | None = None,
        public: dict[str, str] | None = None,
    ) -> Events:
        """Resolve a turn with the complete joint orders (the replay path). ``step`` validates
        them once, before anything moves: an illegal order leaves the game as it was."""
        turn = self.turn
        events = self.runner.advance(orders)
        record = TurnRecord(turn, orders, events, dict(reasons or {}), dict(public or {}))
        self.history.append(record)
        return events

    def play_to_end(self) -> None:
        """Let every seat hold or follow its policy until the game ends (AI-only games)."""
        while not self.over:
            self.play_turn()
