"""What happened in a turn, as data: for the log, the headlines, the debrief and the CLI.

:class:`Events` keeps the turn's arrays for the whole batch (cheap: no Python objects per world).
:meth:`Events.records` turns one world's turn into a list of :class:`Event` records, which are
plain data (a kind, the states involved, numbers) that a UI words as headlines.

An :class:`Event` is typed, so that its readers (the analysis, the headlines) never decode it:
``values`` holds its plain numbers by name (amounts, odds, tension: floats, see
:data:`EVENT_KINDS` for which kind carries which), and what used to be packed into those numbers
has a field of its own: ``treaty`` (:class:`TreatyTerms`, the kind a name such as
``"shield_cap"``) on the eight treaty kinds, ``losses`` (state name -> share of its economy
lost) on a war, and ``answer`` (``"back_down"``, ``"stand_firm"`` or ``"escalate"``) on a
crisis answer. :meth:`Event.to_dict` writes the flat JSON of the log and ``simulate --json``,
unchanged: the treaty as ``slot``, ``treaty_kind`` (its index in ``TREATY_KINDS``), ``cap`` and
``verification``; an answer as its index and a ``<answer>: 1.0`` flag; each loss as
``loss_<name>``. :meth:`Event.from_dict` reads that JSON back into the typed record.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from game.engine.actions import ANSWERS, TREATY_KINDS, Diplomacy
from game.engine.deterrence import exchange
from game.engine.state import CATEGORIES, World
from game.engine.treaties import EMPTY, IN_FORCE, LAPSED, PROPOSED

#: Kinds of event records, with what each means.
EVENT_KINDS: dict[str, str] = {
    "arms_build": "a state put a notable share of its budget into arms",
    "reach_cut": "a state dismantled part of its reach (a costly signal of restraint)",
    "misread": "a state took a rival's shield build for new reach (defence looked like offence)",
    "trust_fell": "a state's belief that a rival is a security seeker fell sharply",
    "trust_rose": "a state's belief that a rival is a security seeker rose sharply",
    "crisis": "a pair's tension crossed the crisis threshold",
    "crisis_eased": "a pair's tension fell back below the crisis threshold",
    "deterrence_lost": "a state's second strike no longer deters a rival",
    "deterrence_gained": "a state's second strike now deters a rival",
    "war": "a war broke out; the game ends",
    "alliance_offered": "a state offered another an alliance",
    "alliance_formed": "two states became allies",
    "alliance_ended": "an alliance ended",
    "deployment_offered": "a patron offered to station reach or shield at an ally (actors: "
    "patron, host)",
    "deployment_accepted": "a host accepted a patron's forces, and becomes a target for rivals "
    "(actors: patron, host)",
    "deployment_refused": "a host refused a patron's forces (actors: patron, host)",
    "deployment_recalled": "a deployment started home (it counts until it arrives)",
    "deployment_returned": "a deployment came home",
    "targeting_declared": "a state declared its reach aimed at another",
    "targeting_withdrawn": "a state withdrew a targeting declaration",
    "sanction_imposed": "a state sanctioned another",
    "sanction_lifted": "a state lifted a sanction",
    "trade_widened": "two states widened their trade",
    "drill": "a state drilled with its allies, naming a rival (a sunk-cost signal)",
    "commitment": "a state publicly committed to stand firm against another (tying hands)",
    "commitment_broken": "a state backed down despite a public commitment (an audience cost)",
    "talk": "a state sent a reassuring message (cheap talk)",
    "programme_started": "two states began a joint shield programme",
    "programme_ended": "a joint programme ended",
    "tech_transfer": "know-how flowed to the partner with less tech in a joint programme",
    "programme_cancelled": "a programme review cancelled a state's costliest programme",
    "crisis_answer": "a state answered a crisis: back down, stand firm or escalate",
    "treaty_proposed": "a treaty was proposed",
    "treaty_signed": "a party signed a proposed treaty",
    "treaty_in_force": "a treaty entered into force",
    "treaty_withdrawal": "a party gave notice of withdrawal (the treaty binds until it runs out)",
    "treaty_lapsed": "a treaty lapsed",
    "treaty_expired": "a proposal expired unsigned",
    "inspection": "a party inspected the others under a treaty",
    "violation_detected": "a party was caught breaking a treaty",
}

#: An arms build is notable when it takes at least this share of the budget.
NOTABLE_BUILD = 0.1
#: A belief change is notable when it moves at least this much in one turn.
NOTABLE_BELIEF = 0.15


#: The kinds about one treaty (they carry :attr:`Event.treaty`).
TREATY_EVENTS = frozenset(
    {
        "treaty_proposed",
        "treaty_signed",
        "treaty_in_force",
        "treaty_withdrawal",
        "treaty_lapsed",
        "treaty_expired",
        "inspection",
        "violation_detected",
    }
)
#: The JSON names of a treaty's terms, in the order :meth:`Event.to_dict` writes them.
TREATY_KEYS = ("slot", "treaty_kind", "cap", "verification")


@dataclass(frozen=True)
class TreatyTerms:
    """The treaty a treaty event is about: its ``slot``, its ``kind`` (a name of
    ``TREATY_KINDS``; ``""`` for a slot that held none), its ``cap`` and ``verification``."""

    slot: int
    kind: str
    cap: float
    verification: float


@dataclass(frozen=True)
class Event:
    """One thing that happened in one world: ``kind``, the states ``actors``, its plain numbers
    ``values`` and, for the kinds that have them, its ``treaty``, war ``losses`` (state name ->
    share of its economy lost) and crisis ``answer`` (a name of ``ANSWERS``)."""

    turn: int
    kind: str
    actors: tuple[str, ...]
    values: Mapping[str, float] = field(default_factory=dict)
    treaty: TreatyTerms | None = None
    losses: Mapping[str, float] = field(default_factory=dict)
    answer: str | None = None

    def flat_values(self) -> dict[str, float]:
        """Every number of the event under its JSON name, in the log's order: the treaty's
        terms, the answer's index, the plain values, the answer's flag, then the losses."""
        out: dict[str, float] = {}
        if self.treaty is not None:
            tr = self.treaty
            code = TREATY_KINDS.index(tr.kind) if tr.kind in TREATY_KINDS else -1
            out.update(zip(TREATY_KEYS, (tr.slot, code, tr.cap, tr.verification), strict=True))
        if self.answer is not None:
            out["answer"] = ANSWERS.index(self.answer)
        out.update(self.values)
        if self.answer is not None:
            out[self.answer] = 1.0
        out.update({f"loss_{name}": loss for name, loss in self.losses.items()})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The event as plain JSON-ready data, values rounded to 6 decimals."""
        return {
            "turn": self.turn,
            "kind": self.kind,
            "actors": list(self.actors),
            "values": {k: round(float(v), 6) for k, v in self.flat_values().items()},
        }

    @staticmethod
    def from_dict(data: Any) -> Event:
        """The event :meth:`to_dict` wrote; ``ValueError`` naming what is wrong otherwise."""
        if not isinstance(data, dict) or set(data) != {"turn", "kind", "actors", "values"}:
            raise ValueError("an event is an object with turn, kind, actors and values")
        turn, kind, actors, values = data["turn"], data["kind"], data["actors"], data["values"]
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise ValueError(f"an event's turn is a whole number from 0, got {turn!r}")
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
            raise ValueError(f"a {kind} event's actors are a list of names")
        if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
            for k, v in values.items()
        ):
            raise ValueError(f"a {kind} event's values are numbers by name")
        rest: dict[str, float] = {k: float(v) for k, v in values.items()}
        treaty = _take_treaty(kind, rest) if kind in TREATY_EVENTS else None
        answer = _take_answer(rest) if kind == "crisis_answer" else None
        losses = {k[5:]: rest.pop(k) for k in list(rest) if k.startswith("loss_")}
        if kind != "war" and losses:
            raise ValueError(f"a {kind} event has no losses")
        return Event(turn, kind, tuple(actors), rest, treaty, losses, answer)


def _whole(x: float) -> bool:
    return math.isfinite(x) and x == int(x)


def _take_treaty(kind: str, values: dict[str, float]) -> TreatyTerms:
    """The treaty terms out of an event's flat ``values`` (removed from them)."""
    missing = [k for k in TREATY_KEYS if k not in values]
    if missing:
        raise ValueError(f"a {kind} event needs {', '.join(missing)}")
    slot, code, cap, verification = (values.pop(k) for k in TREATY_KEYS)
    if not (_whole(code) and -1 <= code < len(TREATY_KINDS) and _whole(slot) and slot >= 0):
        raise ValueError(f"a {kind} event names no treaty (slot {slot}, treaty_kind {code})")
    name = TREATY_KINDS[int(code)] if code >= 0 else ""
    return TreatyTerms(int(slot), name, cap, verification)


def _take_answer(values: dict[str, float]) -> str:
    """A crisis answer's name out of an event's flat ``values`` (its index and flag removed)."""
    code = values.pop("answer", -1.0)
    if not (_whole(code) and 0 <= code < len(ANSWERS)):
        raise ValueError(f"a crisis_answer event's answer is 0 to {len(ANSWERS) - 1}, got {code}")
    name = ANSWERS[int(code)]
    if values.pop(name, None) != 1.0:
        raise ValueError(f"a crisis_answer event answering {name} flags it with {name}: 1.0")
    return name


@dataclass(frozen=True)
class Events:
    """The turn's events for every world of the batch, as arrays."""

    turn: int
    before: World
    after: World
    spend: np.ndarray  # [B, N, 5] what was spent (civilian includes the unspent rest)
    cut: np.ndarray  # [B, N]
    signal: np.ndarray  # [B, i, j] the arms build i saw j make (share of j's budget)
    misread: np.ndarray  # [B, i, j] 1 where i took j's shield build for reach
    stability: np.ndarray  # [B, N, N] first-strike stability after the turn
    margin: np.ndarray  # [B, i, j] deterrence margin after the turn
    war_odds: np.ndarray  # [B, N, N] the odds of war shown before the roll
    war_started: np.ndarray  # [B]
    war_striker: np.ndarray  # [B]
    war_target: np.ndarray  # [B]
    war_loss: np.ndarray  # [B, N]
    diplomacy: Diplomacy  # the turn's diplomatic orders
    answers: np.ndarray  # [B, N, N] crisis answers that counted (-1 outside a crisis)
    withdrew: np.ndarray  # [B, K, N] treaty withdrawals given
    broke_commitment: np.ndarray  # [B, N, N]
    violations_caught: np.ndarray  # [B, K, N]
    cancelled: np.ndarray  # [B, N] programme review: -1 none, 0 hosted, 1 abroad, 2 joint
    costs: np.ndarray  # [B, N] budget spent on drills and inspections

    @cached_property
    def margin_before(self) -> np.ndarray:
        """``[B, N, N]``: the exchange's margins in the world before the turn."""
        return exchange(self.before).margin

    def records(self, b: int = 0) -> list[Event]:
        """The events of world ``b`` as records, in a stable order: each state's builds and
        cuts, each pair's perception and deterrence, crises, diplomacy, treaties, then war."""
        if self.before.over[b]:
            return []
        names = self.before.names or tuple(f"state {i}" for i in range(self.before.n))
        n = len(names)
        out = [e for i in range(n) for e in self._build_records(b, i, names)]
        for i in range(n):
            for j in range(n):
                if i != j:
                    out += self._sight_records(b, i, j, names)
        out += self._crisis_records(b, names)
        out += self._diplomacy_records(b, names)
        out += self._treaty_records(b, names)
        out += self._war_records(b, names)
        return out

    def _event(self, kind: str, actors: tuple[str, ...], /, **values: float) -> Event:
        return Event(self.turn, kind, actors, {k: float(v) for k, v in values.items()})

    def _build_records(self, b: int, i: int, names: tuple[str, ...]) -> list[Event]:
        """State ``i``'s notable arms build and its reach cut."""
        out: list[Event] = []
        bud = self.spend[b, i].sum()
        arms = self.spend[b, i, :3]
        share = arms.sum() / bud if bud > 0 else 0.0
        if share >= NOTABLE_BUILD:
            build = {c: arms[k] for k, c in enumerate(CATEGORIES[:3])}
            out.append(self._event("arms_build", (names[i],), **build, share=share))
        if self.cut[b, i] > 0:
            out.append(self._event("reach_cut", (names[i],), amount=self.cut[b, i]))
        return out

    def _sight_records(self, b: int, i: int, j: int, names: tuple[str, ...]) -> list[Event]:
        """How ``i`` saw ``j`` this turn: a misread build, a sharp change of trust, and (unless
        allies) whether ``i``'s second strike started or stopped deterring ``j``."""
        out: list[Event] = []
        pair = (names[i], names[j])
        if self.misread[b, i, j] >= 1.0 and self.spend[b, j, 1] > 0:
            out.append(self._event("misread", pair, shield_spend=self.spend[b, j, 1]))
        before, after = self.before.belief[b, i, j], self.after.belief[b, i, j]
        if after - before <= -NOTABLE_BELIEF:
            out.append(self._event("trust_fell", pair, before=before, after=after))
        elif after - before >= NOTABLE_BELIEF:
            out.append(self._event("trust_rose", pair, before=before, after=after))
        if self.after.alliance[b, i, j] > 0.5:
            return out  # allies do not deter each other
        was, now = self.margin_before[b, i, j] >= 0, self.margin[b, i, j] >= 0
        if was != now:
            kind = "deterrence_gained" if now else "deterrence_lost"
            out.append(self._event(kind, pair, margin=self.margin[b, i, j]))
        return out

    def _crisis_records(self, b: int, names: tuple[str, ...]) -> list[Event]:
        """Pairs whose tension crossed the crisis threshold, up or down."""
        out: list[Event] = []
        threshold = float(self.before.param("crisis_threshold")[b])
        n = len(names)
        for i in range(n):
            for j in range(i + 1, n):
                t0, t1 = self.before.tension[b, i, j], self.after.tension[b, i, j]
                if t0 < threshold <= t1:
                    kind = "crisis"
                elif t1 < threshold <= t0:
                    kind = "crisis_eased"
                else:
                    continue
                out.append(
                    self._event(
                        kind,
                        (names[i], names[j]),
                        tension=t1,
                        stability=self.stability[b, i, j],
                        war_odds=self.war_odds[b, i, j],
                    )
                )
        return out

    def _war_records(self, b: int, names: tuple[str, ...]) -> list[Event]:
        """The war, if one broke out: striker first, the odds and every state's loss."""
        if not self.war_started[b]:
            return []
        s, g = int(self.war_striker[b]), int(self.war_target[b])
        odds = float(self.war_odds[b, min(s, g), max(s, g)])
        losses = {name: float(self.war_loss[b, k]) for k, name in enumerate(names)}
        return [Event(self.turn, "war", (names[s], names[g]), {"odds": odds}, losses=losses)]

    def _diplomacy_records(self, b: int, names: tuple[str, ...]) -> list[Event]:
        """Every state's diplomacy with every other, then what its programmes did to it."""
        out: list[Event] = []
        n = len(names)
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                if i < j:
                    out += self._tie_records(b, i, j, names)
                out += self._deployment_records(b, i, j, names)
                out += self._signal_records(b, i, j, names)
            out += self._programme_records(b, i, names)
        return out

    def _tie_records(self, b: int, i: int, j: int, names: tuple[str, ...]) -> list[Event]:
        """The pair ``i < j``'s alliance, trade and joint programme, as they changed."""
        w0, w1 = self.before, self.after
        pair = (names[i], names[j])
        out: list[Event] = []
        a0, a1 = w0.alliance[b, i, j] > 0.5, w1.alliance[b, i, j] > 0.5
        if a1 != a0:
            out.append(self._event("alliance_formed" if a1 else "alliance_ended", pair))
        if w1.trade[b, i, j] > w0.trade[b, i, j] + 1e-12:
            out.append(self._event("trade_widened", pair, trade=w1.trade[b, i, j]))
        p0, p1 = w0.programme[b, i, j] > 0.5, w1.programme[b, i, j] > 0.5
        if p1 != p0:
            out.append(self._event("programme_started" if p1 else "programme_ended", pair))
        return out

    def _deployment_records(self, b: int, i: int, j: int, names: tuple[str, ...]) -> list[Event]:
        """``i``'s alliance offer to ``j``, and forces between them: offered by ``i``,
        answered by ``i`` (patron ``j`` named first), recalled and returned."""
        w0, w1, d = self.before, self.after, self.diplomacy
        pair, back = (names[i], names[j]), (names[j], names[i])
        out: list[Event] = []
        if d.ally[b, i, j] == 1 and not w1.alliance[b, i, j] > 0.5:
            out.append(self._event("alliance_offered", pair))
        reach, shield = d.deploy_reach[b, i, j], d.deploy_shield[b, i, j]
        if reach > 0 or shield > 0:
            out.append(self._event("deployment_offered", pair, reach=reach, shield=shield))
        if d.deploy_answer[b, i, j] == 1:
            reach, shield = w1.fwd_reach[b, j, i], w1.fwd_shield[b, j, i]
            out.append(self._event("deployment_accepted", back, reach=reach, shield=shield))
        elif d.deploy_answer[b, i, j] == -1:
            out.append(self._event("deployment_refused", back))
        if w0.recall[b, i, j] == 0 and w1.recall[b, i, j] > 0:
            out.append(self._event("deployment_recalled", pair, turns=w1.recall[b, i, j]))
        had = w0.fwd_reach[b, i, j] + w0.fwd_shield[b, i, j]
        if had > 0 and w1.fwd_reach[b, i, j] + w1.fwd_shield[b, i, j] == 0:
            out.append(self._event("deployment_returned", pair, amount=had))
        return out

    def _signal_records(self, b: int, i: int, j: int, names: tuple[str, ...]) -> list[Event]:
        """What ``i`` signalled to ``j``: targeting, sanctions, drills, commitments (kept or
        broken), talk, and its answer in their crisis."""
        w0, w1, d = self.before, self.after, self.diplomacy
        pair = (names[i], names[j])
        out: list[Event] = []
        for was, now, on, off in (
            (w0.targeting, w1.targeting, "targeting_declared", "targeting_withdrawn"),
            (w0.sanction, w1.sanction, "sanction_imposed", "sanction_lifted"),
        ):
            if now[b, i, j] > 0.5 and was[b, i, j] < 0.5:
                out.append(self._event(on, pair))
            elif now[b, i, j] < 0.5 and was[b, i, j] > 0.5:
                out.append(self._event(off, pair))
        if d.drill[b, i, j]:
            out.append(self._event("drill", pair, cost=self.costs[b, i]))
        if d.commit[b, i, j]:
            out.append(self._event("commitment", pair))
        if self.broke_commitment[b, i, j]:
            out.append(self._event("commitment_broken", pair, standing=w1.standing[b, i]))
        if d.talk[b, i, j]:
            out.append(self._event("talk", pair, belief=w1.belief[b, j, i]))
        ans = int(self.answers[b, i, j])
        if ans >= 0:
            odds = {"war_odds": float(self.war_odds[b, i, j])}
            out.append(Event(self.turn, "crisis_answer", pair, odds, answer=ANSWERS[ans]))
        return out

    def _programme_records(self, b: int, i: int, names: tuple[str, ...]) -> list[Event]:
        """Know-how ``i`` gained from a joint programme, and a review that cancelled one."""
        w0, w1 = self.before, self.after
        out: list[Event] = []
        if w1.tech[b, i] > w0.tech[b, i] + 1e-12:
            gained = w1.tech[b, i] - w0.tech[b, i]
            out.append(self._event("tech_transfer", (names[i],), tech=w1.tech[b, i], gained=gained))
        if self.cancelled[b, i] >= 0:
            out.append(self._event("programme_cancelled", (names[i],), what=self.cancelled[b, i]))
        return out

    def _treaty_records(self, b: int, names: tuple[str, ...]) -> list[Event]:
        """Every treaty slot's events, slot by slot."""
        return [
            e for k in range(self.after.treaty_status.shape[1]) for e in self._slot(b, k, names)
        ]

    def _slot(self, b: int, k: int, names: tuple[str, ...]) -> list[Event]:
        """Treaty slot ``k``: proposed, signed, left, inspected, broken, in force, lapsed or
        expired (each party's acts between the proposal and the entry into force)."""
        w0, w1, d = self.before, self.after, self.diplomacy
        n = len(names)
        s0, s1 = int(w0.treaty_status[b, k]), int(w1.treaty_status[b, k])
        code = int(w1.treaty_kind[b, k]) if w1.treaty_kind[b, k] >= 0 else int(w0.treaty_kind[b, k])
        terms = TreatyTerms(
            slot=k,
            kind=TREATY_KINDS[code] if 0 <= code < len(TREATY_KINDS) else "",
            cap=float(w1.treaty_cap[b, k]),
            verification=float(w1.treaty_verification[b, k]),
        )

        def event(kind: str, actors: tuple[str, ...], /, **values: float) -> Event:
            return Event(self.turn, kind, actors, {k: float(v) for k, v in values.items()}, terms)

        members = tuple(names[m] for m in range(n) if w1.treaty_invited[b, k, m] > 0)
        out: list[Event] = []
        if s1 == PROPOSED and (s0 != PROPOSED or w1.treaty_timer[b, k] == 0):
            out.append(event("treaty_proposed", members))
        for m in range(n):
            one = (names[m],)
            if d.sign[b, m, k]:
                out.append(event("treaty_signed", one))
            if self.withdrew[b, k, m]:
                out.append(event("treaty_withdrawal", one, notice=w1.treaty_timer[b, k]))
            if d.inspect[b, m, k]:
                out.append(event("inspection", one, cost=self.costs[b, m]))
            if self.violations_caught[b, k, m]:
                out.append(event("violation_detected", one))
        if s1 == IN_FORCE and s0 != IN_FORCE:
            out.append(event("treaty_in_force", members))
        if s1 == LAPSED and s0 != LAPSED:
            out.append(event("treaty_lapsed", members))
        if s0 == PROPOSED and s1 == EMPTY:
            invited = tuple(names[m] for m in range(n) if w0.treaty_invited[b, k, m] > 0)
            out.append(event("treaty_expired", invited))
        return out
