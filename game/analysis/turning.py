"""Turning points: the few moments of a game worth discussing, each tagged with its theory.

Every detector reads the analysis's series (turn ``t`` is 1-based: the change from series point
``t - 1`` to ``t``) and the turn's event records (``game.engine.events``). Thresholds are the
module constants below. Repeats are merged (one point per pair per episode), and at most
:data:`MAX_POINTS` are kept: the most important tags first (:data:`RANK`), then shown by turn.

Detectors
---------
``spiral``
    A rival pair (never allied) where *both* states raised their reach two turns running (a
    rise is more than :data:`RISE_SHARE` of the stock, and at least :data:`RISE_MIN` units)
    while the pair's tension rose by more than :data:`SPIRAL_TENSION` over those two turns.
    One point per run, at the turn the second consecutive build completes it.
``reassurance``
    A state cut reach, sent a reassuring message, joined a treaty with its rival, or stopped
    building (arms under 10 % of its budget after a turn at or above it), and in the same turn
    the rival's belief that it is a security seeker rose by at least :data:`TRUST_RISE` while
    the pair's tension fell. One point for all the rivals reassured by the same act; at most one
    per reassuring state every :data:`GAP` turns.
``surprise_attack_fear``
    A rival pair's first-strike stability fell below :data:`FSS_LOW` from at or above it, or
    fell by :data:`FSS_DROP` or more in one turn. Once per pair until it recovers above
    ``FSS_LOW + 0.1``.
``treaty_lapse``
    A party gave notice of withdrawal from a treaty, or a treaty lapsed.
``treaty_broken``
    A party was caught breaking a treaty: the first time for each party and treaty, the repeats
    counted in the sentence (so that a cheat caught every turn does not crowd out the rest).
``pressure``
    A state aimed its reach at another or sanctioned it: one point per pair, at the first lever,
    the other lever and repeats in the sentence. When the target hosted a third state's forces,
    the sentence says whether they left and how the host's support moved while the pressure
    lasted.
``forces_home``
    A patron's forces started home from a host (recalled, or sent home), or a programme review
    cancelled the hosting and they went home at once: when they left, which pressure the host
    was under, and how tension with the states pressing it moved.
``pressure_lifted``
    A state that had aimed at or sanctioned a host of a third state's forces stopped (the first
    lift of each episode; the other lever's lift in the sentence), and whether the forces had
    left by then (pressure that ends once the host complies).
``entrapment``
    A host accepted a patron's forces while the patron had an armed rival (the host becomes a
    target); or a host of a patron's forces entered a crisis with a state not allied to the
    patron; or a war between two states struck a third that hosted one side's forces.
``costly_signal``
    Drills naming a rival (sunk cost) and public commitments (tying hands, with the
    ``tying_hands`` card): the first of each by each state against each rival; repeats are
    counted in the sentence.
``backing_down``
    A crisis answer "back down" (with the ``audience_cost`` card; the sentence says when it
    broke a public commitment).
``crisis``
    A pair's tension crossed the crisis threshold. At most one per pair every :data:`GAP`
    turns.
``war``
    The war that ended the game.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analysis.types import TAGS, THEORY, Analysis, Series, TurningPoint
from game.analysis.words import names_list
from game.engine.events import Event

#: At most this many turning points are kept.
MAX_POINTS = 12
#: Importance of the tags, most important first (used to choose when there are too many).
RANK: tuple[str, ...] = (
    "war",
    "backing_down",
    "crisis",
    "treaty_lapse",
    "forces_home",
    "pressure",
    "treaty_broken",
    "pressure_lifted",
    "surprise_attack_fear",
    "spiral",
    "entrapment",
    "reassurance",
    "costly_signal",
)
#: A reach "rise": more than this share of the previous stock ...
RISE_SHARE = 0.02
#: ... and at least this many units.
RISE_MIN = 0.1
#: Tension must rise by more than this over a spiral's two turns.
SPIRAL_TENSION = 0.02
#: Reassurance: the rival's trust must rise by at least this in the turn.
TRUST_RISE = 0.05
#: A build of at least this share of the budget counts as building (the engine's notable build).
BUILD_SHARE = 0.1
#: First-strike stability below this is a reciprocal fear of surprise attack ...
FSS_LOW = 0.5
#: ... as is a fall of this much in one turn.
FSS_DROP = 0.25
#: Turns between two points of the same tag for the same pair.
GAP = 3


def _f(x: float) -> str:
    return f"{x:.2f}"


def _treaty(e: Event) -> str:
    """The kind of treaty a treaty event is about, in words ("shield cap")."""
    kind = e.treaty.kind if e.treaty is not None and e.treaty.kind else "arms"
    return kind.replace("_", " ")


class _Collector:
    def __init__(self) -> None:
        self.points: list[TurningPoint] = []
        self.last: dict[tuple[Any, ...], int] = {}

    def add(
        self,
        turn: int,
        tag: str,
        actors: Sequence[str],
        text: str,
        concept: str | None = None,
        key: tuple[Any, ...] | None = None,
        gap: int = 0,
    ) -> bool:
        if key is not None:
            k = (tag, *key)
            if k in self.last and turn - self.last[k] < gap:
                return False
            self.last[k] = turn
        self.points.append(
            TurningPoint(
                turn=int(turn),
                tag=tag,
                actors=tuple(actors),
                text=text,
                concept=concept or TAGS[tag],
                theory=THEORY[tag],
            )
        )
        return True


def _rises(reach: np.ndarray) -> np.ndarray:
    """``[T, N]``: True where a state's reach rose during turn t (index t - 1)."""
    prev, now = reach[:-1], reach[1:]
    return (now - prev) > np.maximum(RISE_SHARE * prev, RISE_MIN)


def _arms_share(spend: np.ndarray) -> np.ndarray:
    """``[T, N]`` share of the budget spent on reach, shield and hardening."""
    total = spend.sum(axis=2)
    arms = spend[:, :, :3].sum(axis=2)
    return np.divide(arms, total, out=np.zeros_like(arms), where=total > 0)


@dataclass(frozen=True)
class _Game:
    """What every detector reads: the analysis, its series and names, the number of turns, the
    rival pairs, where reach rose, each state's arms share, and each turn's events."""

    analysis: Analysis
    series: Series
    names: tuple[str, ...]
    turns: int
    events: Sequence[Sequence[Event]]
    rivals: set[tuple[int, int]]
    rises: np.ndarray
    share: np.ndarray

    def ev(self, t: int) -> Sequence[Event]:
        """The events of turn ``t`` (1-based), none outside the game."""
        return self.events[t - 1] if 0 <= t - 1 < len(self.events) else ()

    def unpack(self) -> tuple[Any, ...]:
        """The names the detectors use, in one line."""
        return (
            self.analysis,
            self.series,
            self.names,
            self.turns,
            self.rivals,
            self.rises,
            self.share,
            self.ev,
        )


def turning_points(analysis: Analysis) -> tuple[TurningPoint, ...]:
    """The turning points of an analysed game (see the module docstring for the detectors):
    each detector of :data:`DETECTORS` adds its tag's points, in that order."""
    s = analysis.series
    T = s.turns
    if T == 0:
        return ()
    g = _Game(
        analysis=analysis,
        series=s,
        names=analysis.names,
        turns=T,
        events=analysis.events,
        rivals=set(analysis.rivals),
        rises=_rises(s.reach),
        share=_arms_share(s.spend) if s.spend.size else np.zeros((T, s.n)),
    )
    out = _Collector()
    for detect in DETECTORS:
        detect(g, out)
    return select(out.points)


def _detect_war(g: _Game, out: _Collector) -> None:
    """Turning points: war."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for t in range(1, T + 1):
        for e in ev(t):
            if e.kind == "war":
                striker, target = e.actors
                floor = min(e.losses.values(), default=0.0)
                out.add(
                    t,
                    "war",
                    (striker, target),
                    f"{striker} struck {target} first and war broke out; every state lost at "
                    f"least {floor:.0%} of its economy, and the game ended.",
                )
                _war_hosts(out, s, names, t, striker, target)


def _detect_crises_and_answers(g: _Game, out: _Collector) -> None:
    """Turning points: crises and answers."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for t in range(1, T + 1):
        broke = {e.actors for e in ev(t) if e.kind == "commitment_broken"}
        answers = {
            (e.actors[0], e.actors[1]): e.answer or "" for e in ev(t) if e.kind == "crisis_answer"
        }
        done: set[frozenset[str]] = set()
        for (a, b), word in answers.items():
            if word != "back_down" or frozenset((a, b)) in done:
                continue
            other = answers.get((b, a), "stand_firm")
            if other == "back_down":
                done.add(frozenset((a, b)))
                text = (
                    f"{a} and {b} both backed down in their crisis: the danger passed, and both "
                    "paid for it in standing."
                )
                actors: tuple[str, ...] = (a, b)
            else:
                verb = "escalated" if other == "escalate" else "stood firm"
                text = f"{a} backed down in its crisis with {b}, which {verb}: the crisis ended"
                text += (
                    f", and since {a} had publicly committed to stand firm, it paid an "
                    "audience cost in standing as well."
                    if (a, b) in broke
                    else f", at a cost to {a}'s standing."
                )
                actors = (a, b)
            out.add(t, "backing_down", actors, text)
        for e in ev(t):
            if e.kind == "crisis":
                a, b = e.actors
                v = e.values
                out.add(
                    t,
                    "crisis",
                    (a, b),
                    f"Tension between {a} and {b} reached {_f(v.get('tension', 0.0))}, past the "
                    "crisis line: each now had to back down, stand firm or escalate, with "
                    f"first-strike stability at {_f(v.get('stability', 1.0))}.",
                    key=(a, b),
                    gap=GAP,
                )


def _detect_treaties(g: _Game, out: _Collector) -> None:
    """Turning points: treaties."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for t in range(1, T + 1):
        for e in ev(t):
            k, vals = e.kind, e.values
            if k == "treaty_withdrawal":
                who = e.actors[0]
                notice = int(vals.get("notice", 0))
                out.add(
                    t,
                    "treaty_lapse",
                    (who,),
                    f"{who} gave notice that it would leave the {_treaty(e)} treaty; it "
                    f"still bound everyone for {notice} more turn{'s' if notice != 1 else ''}, "
                    "and the other parties trusted it less.",
                )
            elif k == "treaty_lapsed":
                out.add(
                    t,
                    "treaty_lapse",
                    e.actors,
                    f"The {_treaty(e)} treaty between {names_list(e.actors)} lapsed: its limits "
                    "and the transparency it gave were gone.",
                    key=("lapse", e.treaty.slot if e.treaty is not None else -1),
                    gap=1,
                )


def _detect_violations(g: _Game, out: _Collector) -> None:
    """Turning points: a party caught breaking a treaty (the first time per party and treaty)."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    caught: dict[tuple[str, int], list[tuple[int, Event]]] = {}
    for t in range(1, T + 1):
        for e in ev(t):
            if e.kind == "violation_detected":
                slot = e.treaty.slot if e.treaty is not None else -1
                caught.setdefault((e.actors[0], slot), []).append((t, e))
    for (who, _slot), seen in caught.items():
        t, e = seen[0]
        again = [u for u, _ in seen[1:]]
        more = (
            f" It was caught again in turn{'s' if len(again) > 1 else ''} "
            f"{names_list([str(u) for u in again])}."
            if again
            else ""
        )
        out.add(
            t,
            "treaty_broken",
            (who,),
            f"{who} was caught breaking the {_treaty(e)} treaty: tension with the other parties "
            f"rose and their trust in it fell.{more}",
        )


def _detect_first_strike_stability(g: _Game, out: _Collector) -> None:
    """Turning points: first-strike stability."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for i, j in sorted(rivals):
        armed = True
        for t in range(1, T + 1):
            before, now = float(s.stability[t - 1, i, j]), float(s.stability[t, i, j])
            if now > FSS_LOW + 0.1:
                armed = True
            crossed = before >= FSS_LOW > now
            dropped = before - now >= FSS_DROP
            if armed and (crossed or dropped):
                armed = False
                builders = [names[k] for k in (i, j) if share[t - 1, k] >= BUILD_SHARE]
                why = f" after {names_list(builders)} built up" if builders else ""
                out.add(
                    t,
                    "surprise_attack_fear",
                    (names[i], names[j]),
                    f"First-strike stability between {names[i]} and {names[j]} fell from "
                    f"{_f(before)} to {_f(now)}{why}: striking first now looked far better than "
                    "being struck, so each had reason to fear the other would go first.",
                )


def _detect_spirals(g: _Game, out: _Collector) -> None:
    """Turning points: spirals."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for i, j in sorted(rivals):
        t = 2
        while t <= T:
            both = rises[t - 1, i] and rises[t - 1, j] and rises[t - 2, i] and rises[t - 2, j]
            t0, t2 = float(s.tension[t - 2, i, j]), float(s.tension[t, i, j])
            if both and t2 > t0 + SPIRAL_TENSION:
                end = t
                while end + 1 <= T and rises[end, i] and rises[end, j]:
                    end += 1
                trust_fell = (
                    s.trust[t, i, j] < s.trust[t - 2, i, j]
                    and s.trust[t, j, i] < s.trust[t - 2, j, i]
                )
                a, b = names[i], names[j]
                text = (
                    f"{a} and {b} both built reach in turns {t - 1} and {t}, and tension "
                    f"between them rose from {_f(t0)} to {_f(t2)}"
                )
                text += ", while each trusted the other less" if trust_fell else ""
                if end > t:
                    text += f"; both kept building until turn {end}"
                text += (
                    f" (reach {s.reach[t - 2, i]:.0f} to {s.reach[end, i]:.0f} for {a}, "
                    f"{s.reach[t - 2, j]:.0f} to {s.reach[end, j]:.0f} for {b})."
                )
                out.add(t, "spiral", (a, b), text)
                t = end + 2
            else:
                t += 1


def _detect_entrapment(g: _Game, out: _Collector) -> None:
    """Turning points: entrapment (deployments; war hosts are added with the war)."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for t in range(1, T + 1):
        for e in ev(t):
            if e.kind == "deployment_accepted":
                patron, host = e.actors  # the engine names the patron first
                h, p = names.index(host), names.index(patron)
                foes = [
                    names[r]
                    for r in range(s.n)
                    if r not in (h, p)
                    and s.alliance[t, r, p] < 0.5
                    and s.alliance[t, r, h] < 0.5
                    and s.reach[t, r] > 0
                ]
                if foes:
                    out.add(
                        t,
                        "entrapment",
                        (host, patron),
                        f"{host} accepted {patron}'s forces on its soil: protection, but from now "
                        f"on {names_list(foes)} could count {host} among {patron}'s targets.",
                        key=(host, patron, "accept"),
                        gap=GAP,
                    )
            elif e.kind == "crisis":
                a, b = e.actors
                for host, rival in ((a, b), (b, a)):
                    h, r = names.index(host), names.index(rival)
                    patrons = [
                        names[p]
                        for p in range(s.n)
                        if p not in (h, r) and s.deployed[t, p, h] > 0 and s.alliance[t, p, r] < 0.5
                    ]
                    if patrons:
                        out.add(
                            t,
                            "entrapment",
                            (host, rival, *patrons),
                            f"{host}, host of {names_list(patrons)}'s forces, was drawn into a "
                            f"crisis with {rival}.",
                            key=(host, rival, "crisis"),
                            gap=GAP,
                        )


def _detect_reassurance(g: _Game, out: _Collector) -> None:
    """Turning points: reassurance."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    for t in range(1, T + 1):
        cuts = {e.actors[0]: e.values.get("amount", 0.0) for e in ev(t) if e.kind == "reach_cut"}
        talks = {e.actors for e in ev(t) if e.kind == "talk"}
        signed = {e.actors[0] for e in ev(t) if e.kind == "treaty_signed"}
        joined: set[frozenset[str]] = set()
        for e in ev(t):
            if e.kind == "treaty_in_force":
                members = list(e.actors)
                joined |= {frozenset((x, y)) for x in members for y in members if x != y}
        found: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for i, j in sorted(rivals):
            for x, y in ((i, j), (j, i)):
                an, bn = names[x], names[y]
                rise = float(s.trust[t, y, x] - s.trust[t - 1, y, x])
                eased = s.tension[t, x, y] < s.tension[t - 1, x, y]
                if rise < TRUST_RISE or not eased:
                    continue
                if an in cuts:
                    how = f"{an} cut {cuts[an]:.1f} of its reach"
                elif (an, bn) in talks:
                    how = f"{an} sent {bn} a reassuring message"
                elif frozenset((an, bn)) in joined:
                    how = f"{an} and {bn} brought a treaty into force"
                elif an in signed:
                    how = f"{an} signed a treaty"
                elif t >= 2 and share[t - 2, x] >= BUILD_SHARE > share[t - 1, x]:
                    how = f"{an} stopped building"
                else:
                    continue
                found.setdefault((an, how), []).append((x, y))
        for (an, how), seen in found.items():
            x = seen[0][0]
            watchers = [names[y] for _, y in seen]
            if len(seen) == 1:
                y = seen[0][1]
                result = (
                    f"{names[y]}'s belief that {an} sought only security rose from "
                    f"{_f(s.trust[t - 1, y, x])} to {_f(s.trust[t, y, x])}, and tension between "
                    "them fell"
                )
            else:
                moves = ", ".join(
                    f"{names[y]} {_f(s.trust[t - 1, y, x])} to {_f(s.trust[t, y, x])}"
                    for _, y in seen
                )
                result = (
                    f"{names_list(watchers)} believed more that {an} sought only security "
                    f"({moves}), and tension with it fell"
                )
            out.add(
                t,
                "reassurance",
                (an, *watchers),
                f"{how}, and it worked: {result}.",
                key=(an,),
                gap=GAP,
            )


def _detect_costly_signals(g: _Game, out: _Collector) -> None:
    """Turning points: costly signals."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    counts: dict[tuple[str, str, str], list[int]] = {}
    for t in range(1, T + 1):
        for e in ev(t):
            if e.kind in ("drill", "commitment"):
                a, b = e.actors
                counts.setdefault((e.kind, a, b), []).append(t)
    for (kind, a, b), turns in counts.items():
        again = len(turns) - 1
        more = f" ({a} did it {again} more time{'s' if again != 1 else ''})" if again else ""
        if kind == "drill":
            text = (
                f"{a} held joint drills with its allies, naming {b}: a sunk cost that showed "
                f"resolve to its allies and raised tension with {b}{more}."
            )
            out.add(turns[0], "costly_signal", (a, b), text)
        else:
            text = (
                f"{a} publicly committed to stand firm against {b}, tying its own hands: backing "
                f"down later would cost it standing at home and abroad{more}."
            )
            out.add(turns[0], "costly_signal", (a, b), text, concept="tying_hands")


#: The levers one state presses another with: lever -> (its event when imposed, when lifted).
LEVERS: dict[str, tuple[str, str]] = {
    "aim": ("targeting_declared", "targeting_withdrawn"),
    "sanction": ("sanction_imposed", "sanction_lifted"),
}
#: How each lever reads when imposed, lifted and kept on ({b}: the state pressed).
_LEVER_WORDS: dict[str, tuple[str, str, str]] = {
    "aim": ("aimed its reach at {b}", "stopped aiming at {b}", "kept its reach aimed at {b}"),
    "sanction": ("sanctioned {b}", "lifted its sanctions on {b}", "kept its sanctions on {b}"),
}


@dataclass(frozen=True)
class _Lever:
    """One lever: ``actor`` aimed at or sanctioned ``target`` in turn ``start`` and lifted it in
    turn ``end`` (None: still on when the game ended)."""

    actor: str
    target: str
    lever: str
    start: int
    end: int | None

    def on_after(self, t: int) -> bool:
        """Whether the lever was in force at the end of turn ``t``."""
        return self.start <= t and (self.end is None or t < self.end)


@dataclass(frozen=True)
class _Leaving:
    """A patron's forces leaving a host: they started home in ``turn`` and were gone in ``gone``
    (None: still on their way when the game ended); ``review`` is True when a programme review
    cancelled them (they went home at once)."""

    patron: str
    host: str
    turn: int
    gone: int | None
    review: bool = False


def _levers(g: _Game) -> list[_Lever]:
    """Every aim and sanction of the game, from the events, in the order they were imposed."""
    kinds = {kind: (lever, k == 0) for lever, pair in LEVERS.items() for k, kind in enumerate(pair)}
    open_: dict[tuple[str, str, str], int] = {}
    done: list[_Lever] = []
    for t in range(1, g.turns + 1):
        for e in g.ev(t):
            if e.kind not in kinds or len(e.actors) != 2:
                continue
            lever, imposed = kinds[e.kind]
            key = (e.actors[0], e.actors[1], lever)
            if imposed:
                open_.setdefault(key, t)
            elif key in open_:
                done.append(_Lever(*key, open_.pop(key), t))
    done += [_Lever(*key, start, None) for key, start in open_.items()]
    return sorted(done, key=lambda v: (v.start, v.actor, v.target, v.lever))


def _leavings(g: _Game) -> list[_Leaving]:
    """Every departure of a patron's forces from a host, from the events: a recall (asked by
    either side) until the forces are home, or a programme review that sent them home at once."""
    out: list[_Leaving] = []
    started: dict[tuple[str, str], int] = {}
    for t in range(1, g.turns + 1):
        evs = g.ev(t)
        reviewed = {e.actors[0] for e in evs if e.kind == "programme_cancelled"}
        for e in evs:
            if e.kind == "deployment_recalled" and len(e.actors) == 2:
                started.setdefault((e.actors[0], e.actors[1]), t)
        for e in evs:
            if e.kind != "deployment_returned" or len(e.actors) != 2:
                continue
            patron, host = e.actors
            since = started.pop((patron, host), t)
            review = since == t and bool({patron, host} & reviewed)
            out.append(_Leaving(patron, host, since, t, review))
    out += [_Leaving(p, h, t, None) for (p, h), t in started.items()]
    return sorted(out, key=lambda x: (x.turn, x.patron, x.host))


def _patrons_at(g: _Game, host: str, t: int, besides: Sequence[str] = ()) -> list[str]:
    """The states (other than ``besides``) whose forces ``host`` held before or after turn t."""
    if g.series.deployed.shape[0] <= t:
        return []  # a series without deployments (none recorded)
    h = g.names.index(host)
    return [
        g.names[p]
        for p in range(g.series.n)
        if p != h
        and g.names[p] not in besides
        and (g.series.deployed[t - 1, p, h] > 0 or g.series.deployed[t, p, h] > 0)
    ]


def _released(levers: Sequence[_Lever], t: int, turns: int) -> int | None:
    """The first turn after ``t`` at whose end none of one pair's ``levers`` was in force
    (None: the pressure lasted to the end of the game)."""
    for u in range(t + 1, turns + 1):
        if not any(v.on_after(u) for v in levers):
            return u
    return None


def _by_pair(levers: Sequence[_Lever]) -> dict[tuple[str, str], list[_Lever]]:
    pairs: dict[tuple[str, str], list[_Lever]] = {}
    for v in levers:
        pairs.setdefault((v.actor, v.target), []).append(v)
    return pairs


def _detect_pressure(g: _Game, out: _Collector) -> None:
    """Turning points: pressure (an aim or a sanction; one point per pair, at its first)."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    leavings = _leavings(g)
    for (a, b), mine in _by_pair(_levers(g)).items():
        t = mine[0].start
        firsts: dict[str, int] = {}
        for v in mine:
            firsts.setdefault(v.lever, v.start)
        (lever, _), *rest = firsts.items()
        text = f"{a} {_LEVER_WORDS[lever][0].format(b=b)}"
        patrons = _patrons_at(g, b, t, (a,))
        if patrons:
            text += f", the host of {names_list(patrons)}'s forces"
        for lever, u in rest:
            text += f", and {_LEVER_WORDS[lever][0].format(b='it')}"
            text += f" in turn {u}" if u != t else ""
        end = _released(mine, t, T)
        lasted = f"until turn {end}" if end is not None else "to the end of the game"
        stop = end if end is not None else T
        x, y = names.index(a), names.index(b)
        if patrons:
            text += ": pressure on it to send them home. "
            gone = [v for v in leavings if v.host == b and v.patron in patrons and v.turn >= t]
            if gone:
                when = "the same turn" if gone[0].turn == t else f"in turn {gone[0].turn}"
                how = "A programme review sent them home" if gone[0].review else "They started home"
                text += f"{how} {when}"
            else:
                text += "They were still there when the game ended"
            text += (
                f", and {b}'s support went from {_f(s.support[t - 1, y])} to "
                f"{_f(s.support[stop, y])} while the pressure lasted ({lasted})"
            )
        else:
            text += (
                f": tension between them went from {_f(s.tension[t - 1, x, y])} to "
                f"{_f(s.tension[stop, x, y])} while the pressure lasted ({lasted})"
            )
        again = len(mine) - len({v.lever for v in mine})
        if again:
            more = "once more" if again == 1 else f"{again} more times"
            text += f"; {a} renewed the pressure {more} later"
        out.add(t, "pressure", (a, b), text + ".")


def _detect_forces_home(g: _Game, out: _Collector) -> None:
    """Turning points: a patron's forces leaving a host (recalled, sent home, or cancelled by a
    programme review)."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    levers = _levers(g)
    for lv in _leavings(g):
        t, p, h = lv.turn, lv.patron, lv.host
        pressing = [v for v in levers if v.target == h and v.actor != p and v.start <= t]
        pressing = [v for v in pressing if v.end is None or v.end >= t]
        by: dict[str, list[str]] = {}
        for v in pressing:
            by.setdefault(v.actor, []).append(v.lever)
        doing = {"aim": "aiming its reach at {b}", "sanction": "sanctioning {b}"}
        under = [
            f"{a} was "
            + " and ".join(doing[k].format(b=h if n == 0 else "it") for n, k in enumerate(ks))
            for a, ks in by.items()
        ]
        if lv.review:
            text = (
                f"{h}'s support had fallen below the review line, and a programme review "
                f"cancelled its hosting: {p}'s forces went home at once"
                if h in _reviewed(g, t)
                else f"A programme review at home cancelled {p}'s forces in {h}: they went home "
                "at once"
            )
        else:
            text = f"{p}'s forces started home from {h}"
        if under:
            text += f", while {names_list(under)}"
        if not lv.review:
            text += (
                f"; they left it in turn {lv.gone}"
                if lv.gone is not None
                else "; they were still on their way when the game ended"
            )
        stop = min(lv.gone if lv.gone is not None else T, T)
        y = names.index(h)
        moves = [
            f"tension between {h} and {a} went from {_f(s.tension[t - 1, y, x])} to "
            f"{_f(s.tension[stop, y, x])}"
            for a in by
            for x in (names.index(a),)
        ]
        if moves:
            text += f". {'That turn' if stop == t else f'By turn {stop}'}, {names_list(moves)}"
        out.add(t, "forces_home", (h, p), text + ".", key=(p, h), gap=GAP)


def _reviewed(g: _Game, t: int) -> set[str]:
    """The states whose programme review cancelled something they hosted in turn ``t``."""
    return {
        e.actors[0]
        for e in g.ev(t)
        if e.kind == "programme_cancelled" and int(e.values.get("what", -1)) == 0
    }


def _detect_pressure_lifted(g: _Game, out: _Collector) -> None:
    """Turning points: pressure lifted from a host of a third state's forces (the first lift of
    each episode), and whether the forces had left by then."""
    analysis, s, names, T, rivals, rises, share, ev = g.unpack()
    leavings = _leavings(g)
    told: set[_Lever] = set()
    for (a, b), mine in _by_pair(_levers(g)).items():
        for v in sorted(mine, key=lambda w: (w.end or T + 1, w.start)):
            t = v.end
            if t is None or v in told:
                continue
            patrons = [name for u in range(v.start, t + 1) for name in _patrons_at(g, b, u, (a,))]
            patrons = list(dict.fromkeys(patrons))
            if not patrons:
                continue
            text = f"{a} {_LEVER_WORDS[v.lever][1].format(b=b)}"
            others = [w for w in mine if w is not v and w.on_after(t - 1) and w.start <= t]
            told.update(w for w in others if w.end is not None)
            kept = any(w.end is None for w in others)
            for w in others:
                if w.end is not None:
                    words = _LEVER_WORDS[w.lever][1].format(b="it")
                    text += f", and {words} in turn {w.end}" if w.end != t else f" and {words}"
                else:
                    text += f", but {_LEVER_WORDS[w.lever][2].format(b='it')}"
            gone = [lv for lv in leavings if lv.host == b and lv.patron in patrons]
            gone = [lv for lv in gone if lv.turn <= t]
            P = names_list(patrons)
            if gone and gone[-1].gone is not None and gone[-1].gone <= t:
                left = gone[-1].gone
                when = "that same turn" if left == t else f"in turn {left}"
                text += f": {P}'s forces had left {b} {when}, " + (
                    "yet part of the pressure stayed on"
                    if kept
                    else "and the pressure ended once the host had done what it was pressed to do"
                )
            elif gone:
                text += f": {P}'s forces were on their way home from {b}"
            else:
                text += f", with {P}'s forces still in {b}: the pressure had not sent them home"
            x, y = names.index(a), names.index(b)
            text += (
                f". Tension between {a} and {b} was {_f(s.tension[t - 1, x, y])} before and "
                f"{_f(s.tension[T, x, y])} when the game ended"
            )
            out.add(t, "pressure_lifted", (a, b), text + ".", key=(a, b), gap=GAP)


#: The detectors, in the order their points are collected.
DETECTORS: tuple[Callable[[_Game, _Collector], None], ...] = (
    _detect_war,
    _detect_crises_and_answers,
    _detect_treaties,
    _detect_violations,
    _detect_first_strike_stability,
    _detect_spirals,
    _detect_entrapment,
    _detect_reassurance,
    _detect_costly_signals,
    _detect_pressure,
    _detect_forces_home,
    _detect_pressure_lifted,
)


def _war_hosts(
    out: _Collector, s: Any, names: Sequence[str], t: int, striker: str, target: str
) -> None:
    """Entrapment in a war: a third state hosting forces of either side."""
    sides = [names.index(striker), names.index(target)]
    for h in range(s.n):
        if h in sides:
            continue
        patrons = [names[p] for p in sides if s.deployed[t - 1, p, h] > 0]
        if patrons:
            out.add(
                t,
                "entrapment",
                (names[h], *patrons),
                f"{names[h]} was not a party to the quarrel, but it hosted {names_list(patrons)}'s "
                "forces, and the war reached it too.",
            )


def select(points: Sequence[TurningPoint], limit: int = MAX_POINTS) -> tuple[TurningPoint, ...]:
    """At most ``limit`` points, shown by turn (ties by importance).

    When there are too many, they are chosen in rounds: the earliest point of every tag in
    :data:`RANK` order, then the second of every tag, and so on, so that one busy tag (six
    pairs' stability, say) does not crowd out the rest.
    """
    rank = {tag: k for k, tag in enumerate(RANK)}
    by_tag: dict[str, list[TurningPoint]] = {}
    for p in sorted(points, key=lambda p: p.turn):
        by_tag.setdefault(p.tag, []).append(p)
    order = sorted(by_tag, key=lambda tag: rank.get(tag, len(rank)))
    chosen: list[TurningPoint] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(by_tag[tag]) for tag in order):
        for tag in order:
            if depth < len(by_tag[tag]) and len(chosen) < limit:
                chosen.append(by_tag[tag][depth])
        depth += 1
    return tuple(sorted(chosen, key=lambda p: (p.turn, rank.get(p.tag, len(rank)))))
