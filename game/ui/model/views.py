"""Read-only snapshots of a session, as one seat may see it (or as an observer sees everything).

Widgets draw views, never the world: a view holds plain numbers, so the UI cannot change the game
and a hot-seat team sees only what its own state sees (rivals through noisy sight, with the
uncertainty as a range: ``seen * exp(+-sigma)``, ``sigma = noise * (1 - transparency)``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.actions import TREATY_KINDS
from game.engine.deterrence import exchange
from game.engine.diplomacy import escalation_odds
from game.engine.orders import legal_orders
from game.engine.perception import seen_world
from game.engine.state import World
from game.engine.treaties import STATUSES
from game.session import Session


@dataclass(frozen=True)
class Figure:
    """A number as seen: the estimate and its likely range (equal for what is known exactly)."""

    value: float
    low: float
    high: float

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class StateView:
    """One state on the board, as the viewer sees it."""

    index: int
    name: str
    role: str
    shape: str
    position: tuple[float, float]
    economy: float
    reach: Figure
    shield: Figure
    hardening: float | None  # None where the viewer cannot see it
    tech: float | None
    standing: float
    support: float | None
    belief: float | None  # the viewer's belief that this state is a security seeker
    human: bool
    seat: str
    #: The sanctions on this state, public to everyone: who imposes each, and the (1-based)
    #: turn it was imposed in (None where the history is not at hand, as in a replay).
    sanctions: tuple[Sanction, ...] = ()


@dataclass(frozen=True)
class Sanction:
    """A sanction in force: ``by`` sanctions the state, since turn ``since`` (1-based; None
    when unknown)."""

    by: str
    since: int | None = None


@dataclass(frozen=True)
class LinkView:
    """A pair of states: what the board draws between them."""

    a: int
    b: int
    tension: float
    allied: bool
    treaty: bool  # share a treaty that binds them
    trade: float
    crisis: bool
    stability: float  # first-strike stability, as the viewer reckons it from what it sees
    margin_ab: float  # a's deterrence margin against b (>= 0: deters)
    margin_ba: float
    war_odds: float  # odds of war if both escalate (crisis only)


@dataclass(frozen=True)
class Arrow:
    """A directed mark: targeting, a sanction (sanctioner -> sanctioned), or a deployment
    (patron -> host) with its amounts."""

    kind: str  # "targeting", "sanction", "deployment" or "offer"
    source: int
    target: int
    reach: float = 0.0
    shield: float = 0.0


@dataclass(frozen=True)
class TreatyView:
    """A treaty as the board and the diplomacy menu show it: kind, parties, terms, status."""

    slot: int
    kind: str
    status: str
    parties: tuple[str, ...]
    signed: tuple[str, ...]
    cap: float
    verification: float


@dataclass(frozen=True)
class TurnView:
    """The board and panels for one viewer (``viewer`` is None for the all-seeing observer)."""

    turn: int
    turns: int
    title: str
    viewer: int | None
    states: tuple[StateView, ...]
    links: tuple[LinkView, ...]
    arrows: tuple[Arrow, ...]
    treaties: tuple[TreatyView, ...]
    budget: float
    categories: tuple[str, ...]
    unit_costs: dict[str, float]
    max_cut: float
    over: bool
    crisis_threshold: float

    def link(self, a: int, b: int) -> LinkView | None:
        for lk in self.links:
            if {lk.a, lk.b} == {a, b}:
                return lk
        return None


def _exact(x: float) -> Figure:
    return Figure(float(x), float(x), float(x))


def turn_view(session: Session, viewer: int | None) -> TurnView:
    """The snapshot of ``session`` for seat ``viewer`` (None: everything, true values)."""
    w = session.world
    sc = session.scenario
    menu = legal_orders(w, 0 if viewer is None else viewer)
    return TurnView(
        turn=session.turn,
        turns=int(sc.params.turns),
        title=sc.title,
        viewer=viewer,
        states=_state_views(session, viewer),
        links=_link_views(w, viewer),
        arrows=_arrows(w),
        treaties=_treaty_views(w, sc.names),
        budget=menu.budget,
        categories=menu.categories,
        unit_costs=menu.unit_costs,
        max_cut=menu.max_cut,
        over=session.over,
        crisis_threshold=float(w.param("crisis_threshold")[0]),
    )


def _state_views(session: Session, viewer: int | None) -> tuple[StateView, ...]:
    """Each state as ``viewer`` sees it: its own numbers exact, a rival's stocks as last seen
    with their likely range, and what only the state itself knows left out."""
    w, sc = session.world, session.scenario
    noise = float(w.param("noise")[0])
    since = _sanctions_since(session)
    states = []
    for i in range(w.n):
        look, text, seat = sc.looks[i], sc.texts[i], session.seats[i]
        own = viewer is None or viewer == i
        if own:
            reach, shield = _exact(w.reach[0, i]), _exact(w.shield[0, i])
        else:
            sigma = noise * (1.0 - float(w.transparency[0, viewer, i]))
            r, s = float(w.seen_reach[0, viewer, i]), float(w.seen_shield[0, viewer, i])
            k = float(np.exp(sigma))
            reach, shield = Figure(r, r / k, r * k), Figure(s, s / k, s * k)
        states.append(
            StateView(
                index=i,
                name=sc.names[i],
                role=text.role,
                shape=look.shape,
                position=look.position,
                economy=float(w.economy[0, i]),
                reach=reach,
                shield=shield,
                hardening=float(w.hardening[0, i]) if own else None,
                tech=float(w.tech[0, i]) if own else None,
                standing=float(w.standing[0, i]),
                support=float(w.support[0, i]) if own else None,
                belief=None if own else float(w.belief[0, viewer, i]),
                human=seat.human,
                seat=str(seat),
                sanctions=tuple(
                    Sanction(sc.names[p], since.get((sc.names[p], sc.names[i])))
                    for p in range(w.n)
                    if p != i and w.sanction[0, p, i] > 0.5
                ),
            )
        )
    return tuple(states)


def _sanctions_since(session: Session) -> dict[tuple[str, str], int]:
    """(sanctioner, sanctioned) -> the 1-based turn of the latest sanction each imposed, from
    the session's history (empty without one: a replay's snapshot)."""
    since: dict[tuple[str, str], int] = {}
    for record in getattr(session, "history", ()):
        for e in record.events.records(0):
            if e.kind == "sanction_imposed" and len(e.actors) == 2:
                since[(e.actors[0], e.actors[1])] = record.turn + 1
    return since


def _link_views(w: World, viewer: int | None) -> tuple[LinkView, ...]:
    """Each pair of states, with margins, stability and the odds of war as the viewer reckons
    them from what it sees (its own stocks true, every rival's as last seen), never the truth."""
    seen = w if viewer is None else seen_world(w, viewer)
    ex = exchange(seen)
    odds = escalation_odds(seen)
    links = []
    for a in range(w.n):
        for b in range(a + 1, w.n):
            shared = (w.treaty_signed[0, :, a] > 0) & (w.treaty_signed[0, :, b] > 0)
            live = np.isin(w.treaty_status[0], (2, 3))  # in force, or withdrawing
            links.append(
                LinkView(
                    a=a,
                    b=b,
                    tension=float(w.tension[0, a, b]),
                    allied=bool(w.alliance[0, a, b] > 0.5),
                    treaty=bool((shared & live).any()),
                    trade=float(w.trade[0, a, b]),
                    crisis=bool(w.crisis[0, a, b] > 0.5),
                    stability=float(ex.stability[0, a, b]),
                    margin_ab=float(ex.margin[0, a, b]),
                    margin_ba=float(ex.margin[0, b, a]),
                    war_odds=float(odds[0, a, b]),
                )
            )
    return tuple(links)


def _arrows(w: World) -> tuple[Arrow, ...]:
    """Targeting, sanctions, deployments and open offers of deployment, patron to host."""
    arrows = []
    for p in range(w.n):
        for h in range(w.n):
            if p == h:
                continue
            if w.targeting[0, p, h] > 0.5:
                arrows.append(Arrow("targeting", p, h))
            if w.sanction[0, p, h] > 0.5:
                arrows.append(Arrow("sanction", p, h))
            fr, fs = float(w.fwd_reach[0, p, h]), float(w.fwd_shield[0, p, h])
            if fr + fs > 0:
                arrows.append(Arrow("deployment", p, h, fr, fs))
            orr, osh = float(w.offer_reach[0, p, h]), float(w.offer_shield[0, p, h])
            if orr + osh > 0:
                arrows.append(Arrow("offer", p, h, orr, osh))
    return tuple(arrows)


def _treaty_views(w: World, names: tuple[str, ...]) -> tuple[TreatyView, ...]:
    """Every treaty in a slot: its kind, status, parties, signatories and terms."""
    treaties = []
    for k in range(w.treaty_status.shape[1]):
        status = int(w.treaty_status[0, k])
        if status == 0 or w.treaty_kind[0, k] < 0:
            continue
        treaties.append(
            TreatyView(
                slot=k,
                kind=TREATY_KINDS[int(w.treaty_kind[0, k])],
                status=STATUSES[status],
                parties=tuple(names[m] for m in range(w.n) if w.treaty_invited[0, k, m] > 0),
                signed=tuple(names[m] for m in range(w.n) if w.treaty_signed[0, k, m] > 0),
                cap=float(w.treaty_cap[0, k]),
                verification=float(w.treaty_verification[0, k]),
            )
        )
    return tuple(treaties)
