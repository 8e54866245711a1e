"""What happened in a turn, as data: for the log, the headlines, the debrief and the CLI.

:class:`Events` keeps the turn's arrays for the whole batch (cheap: no Python objects per world).
:meth:`Events.records` turns one world's turn into a list of :class:`Event` records, which are
plain data (a kind, the states involved, numbers) that a UI words as headlines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from game.engine.actions import ANSWERS, Diplomacy
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


@dataclass(frozen=True)
class Event:
    """One thing that happened in one world: ``kind``, the states ``actors`` and ``values``."""

    turn: int
    kind: str
    actors: tuple[str, ...]
    values: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The event as plain JSON-ready data, values rounded to 6 decimals."""
        return {
            "turn": self.turn,
            "kind": self.kind,
            "actors": list(self.actors),
            "values": {k: round(float(v), 6) for k, v in self.values.items()},
        }


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
        """The events of world ``b`` as records, in a stable order."""
        names = self.before.names or tuple(f"state {i}" for i in range(self.before.n))
        n = len(names)
        out: list[Event] = []
        t = self.turn
        if self.before.over[b]:
            return out
        bud = self.spend[b].sum(axis=1)
        for i in range(n):
            arms = self.spend[b, i, :3]
            share = arms.sum() / bud[i] if bud[i] > 0 else 0.0
            if share >= NOTABLE_BUILD:
                values = {c: float(arms[k]) for k, c in enumerate(CATEGORIES[:3])}
                values["share"] = float(share)
                out.append(Event(t, "arms_build", (names[i],), values))
            if self.cut[b, i] > 0:
                out.append(Event(t, "reach_cut", (names[i],), {"amount": float(self.cut[b, i])}))
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                if self.misread[b, i, j] >= 1.0 and self.spend[b, j, 1] > 0:
                    out.append(
                        Event(
                            t,
                            "misread",
                            (names[i], names[j]),
                            {"shield_spend": float(self.spend[b, j, 1])},
                        )
                    )
                before, after = self.before.belief[b, i, j], self.after.belief[b, i, j]
                if after - before <= -NOTABLE_BELIEF:
                    out.append(
                        Event(
                            t,
                            "trust_fell",
                            (names[i], names[j]),
                            {"before": before, "after": after},
                        )
                    )
                elif after - before >= NOTABLE_BELIEF:
                    out.append(
                        Event(
                            t,
                            "trust_rose",
                            (names[i], names[j]),
                            {"before": before, "after": after},
                        )
                    )
                if self.after.alliance[b, i, j] > 0.5:
                    continue  # allies do not deter each other
                was, now = self.margin_before[b, i, j] >= 0, self.margin[b, i, j] >= 0
                if was and not now:
                    out.append(
                        Event(
                            t,
                            "deterrence_lost",
                            (names[i], names[j]),
                            {"margin": float(self.margin[b, i, j])},
                        )
                    )
                elif now and not was:
                    out.append(
                        Event(
                            t,
                            "deterrence_gained",
                            (names[i], names[j]),
                            {"margin": float(self.margin[b, i, j])},
                        )
                    )
        threshold = float(self.before.param("crisis_threshold")[b])
        for i in range(n):
            for j in range(i + 1, n):
                t0, t1 = self.before.tension[b, i, j], self.after.tension[b, i, j]
                values = {
                    "tension": float(t1),
                    "stability": float(self.stability[b, i, j]),
                    "war_odds": float(self.war_odds[b, i, j]),
                }
                if t0 < threshold <= t1:
                    out.append(Event(t, "crisis", (names[i], names[j]), values))
                elif t1 < threshold <= t0:
                    out.append(Event(t, "crisis_eased", (names[i], names[j]), values))
        out.extend(self._diplomacy_records(b, names))
        if self.war_started[b]:
            s, g = int(self.war_striker[b]), int(self.war_target[b])
            values = {"odds": float(self.war_odds[b, min(s, g), max(s, g)])}
            values.update({f"loss_{names[k]}": float(self.war_loss[b, k]) for k in range(n)})
            out.append(Event(t, "war", (names[s], names[g]), values))
        return out

    def _diplomacy_records(self, b: int, names: tuple[str, ...]) -> list[Event]:
        t, n = self.turn, len(names)
        w0, w1, d = self.before, self.after, self.diplomacy
        out: list[Event] = []

        def add(event: str, actors: tuple[str, ...], /, **values: float) -> None:
            out.append(Event(t, event, actors, {k: float(v) for k, v in values.items()}))

        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                pair = (names[i], names[j])
                if i < j:
                    a0, a1 = w0.alliance[b, i, j] > 0.5, w1.alliance[b, i, j] > 0.5
                    if a1 and not a0:
                        add("alliance_formed", pair)
                    elif a0 and not a1:
                        add("alliance_ended", pair)
                    if w1.trade[b, i, j] > w0.trade[b, i, j] + 1e-12:
                        add("trade_widened", pair, trade=w1.trade[b, i, j])
                    p0, p1 = w0.programme[b, i, j] > 0.5, w1.programme[b, i, j] > 0.5
                    if p1 and not p0:
                        add("programme_started", pair)
                    elif p0 and not p1:
                        add("programme_ended", pair)
                if d.ally[b, i, j] == 1 and not w1.alliance[b, i, j] > 0.5:
                    add("alliance_offered", pair)
                if d.deploy_reach[b, i, j] > 0 or d.deploy_shield[b, i, j] > 0:
                    add(
                        "deployment_offered",
                        pair,
                        reach=d.deploy_reach[b, i, j],
                        shield=d.deploy_shield[b, i, j],
                    )
                if d.deploy_answer[b, i, j] == 1:
                    add(
                        "deployment_accepted",
                        (names[j], names[i]),
                        reach=w1.fwd_reach[b, j, i],
                        shield=w1.fwd_shield[b, j, i],
                    )
                elif d.deploy_answer[b, i, j] == -1:
                    add("deployment_refused", (names[j], names[i]))
                if w0.recall[b, i, j] == 0 and w1.recall[b, i, j] > 0:
                    add("deployment_recalled", pair, turns=w1.recall[b, i, j])
                had = w0.fwd_reach[b, i, j] + w0.fwd_shield[b, i, j]
                if had > 0 and w1.fwd_reach[b, i, j] + w1.fwd_shield[b, i, j] == 0:
                    add("deployment_returned", pair, amount=had)
                for was, now, on, off in (
                    (w0.targeting, w1.targeting, "targeting_declared", "targeting_withdrawn"),
                    (w0.sanction, w1.sanction, "sanction_imposed", "sanction_lifted"),
                ):
                    if now[b, i, j] > 0.5 and was[b, i, j] < 0.5:
                        add(on, pair)
                    elif now[b, i, j] < 0.5 and was[b, i, j] > 0.5:
                        add(off, pair)
                if d.drill[b, i, j]:
                    add("drill", pair, cost=self.costs[b, i])
                if d.commit[b, i, j]:
                    add("commitment", pair)
                if self.broke_commitment[b, i, j]:
                    add("commitment_broken", pair, standing=w1.standing[b, i])
                if d.talk[b, i, j]:
                    add("talk", pair, belief=w1.belief[b, j, i])
                ans = int(self.answers[b, i, j])
                if ans >= 0:
                    add("crisis_answer", pair, answer=ans, war_odds=self.war_odds[b, i, j])
                    out[-1] = Event(t, "crisis_answer", pair, {**out[-1].values, ANSWERS[ans]: 1.0})
            if w1.tech[b, i] > w0.tech[b, i] + 1e-12:
                add(
                    "tech_transfer",
                    (names[i],),
                    tech=w1.tech[b, i],
                    gained=w1.tech[b, i] - w0.tech[b, i],
                )
            if self.cancelled[b, i] >= 0:
                add("programme_cancelled", (names[i],), what=self.cancelled[b, i])
        k_slots = w1.treaty_status.shape[1]
        for k in range(k_slots):
            s0, s1 = int(w0.treaty_status[b, k]), int(w1.treaty_status[b, k])
            kind = (
                int(w1.treaty_kind[b, k])
                if w1.treaty_kind[b, k] >= 0
                else int(w0.treaty_kind[b, k])
            )
            members = tuple(names[m] for m in range(n) if w1.treaty_invited[b, k, m] > 0)
            info = {
                "slot": k,
                "treaty_kind": kind,
                "cap": float(w1.treaty_cap[b, k]),
                "verification": float(w1.treaty_verification[b, k]),
            }
            fresh = s1 == PROPOSED and (s0 != PROPOSED or w1.treaty_timer[b, k] == 0)
            if fresh:
                add("treaty_proposed", members, **info)
            for m in range(n):
                if d.sign[b, m, k]:
                    add("treaty_signed", (names[m],), **info)
                if self.withdrew[b, k, m]:
                    add(
                        "treaty_withdrawal",
                        (names[m],),
                        **info,
                        notice=float(w1.treaty_timer[b, k]),
                    )
                if d.inspect[b, m, k]:
                    add("inspection", (names[m],), **info, cost=self.costs[b, m])
                if self.violations_caught[b, k, m]:
                    add("violation_detected", (names[m],), **info)
            if s1 == IN_FORCE and s0 != IN_FORCE:
                add("treaty_in_force", members, **info)
            if s1 == LAPSED and s0 != LAPSED:
                add("treaty_lapsed", members, **info)
            if s0 == PROPOSED and s1 == EMPTY:
                add(
                    "treaty_expired",
                    tuple(names[m] for m in range(n) if w0.treaty_invited[b, k, m] > 0),
                    **info,
                )
        return out
