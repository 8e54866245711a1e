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

from game.engine.deterrence import exchange
from game.engine.state import CATEGORIES, World

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

    @cached_property
    def margin_before(self) -> np.ndarray:
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
        if self.war_started[b]:
            s, g = int(self.war_striker[b]), int(self.war_target[b])
            values = {"odds": float(self.war_odds[b, min(s, g), max(s, g)])}
            values.update({f"loss_{names[k]}": float(self.war_loss[b, k]) for k in range(n)})
            out.append(Event(t, "war", (names[s], names[g]), values))
        return out
