"""What one seat may see of its world, as plain data for a page or a message.

The same reading as the desktop game's turn screen: the seat's own numbers exactly, every other
state's reach and shield as its intelligence last saw them (``seen_world``), with the likely
range ``seen * exp(+-sigma)``, ``sigma = noise * (1 - transparency)``, and the pair figures
(margins, first-strike stability, the odds of war) reckoned from what it sees, never the truth.
Hidden kinds, other states' hardening, tech, support and spending are never in it.

The projector's view (:func:`public_view`) holds only what every state can see.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from game.engine.actions import ACTION_GROUPS, TREATY_KINDS
from game.engine.deterrence import exchange
from game.engine.diplomacy import escalation_odds
from game.engine.orders import legal_orders
from game.engine.perception import seen_world
from game.engine.state import World
from game.engine.treaties import STATUSES
from game.scenarios import Scenario


def _r(x: float, digits: int = 2) -> float | None:
    x = float(x)
    return round(x, digits) if math.isfinite(x) else None


def _treaties(world: World, names: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for k in range(world.treaty_status.shape[1]):
        status = int(world.treaty_status[0, k])
        if status == 0 or world.treaty_kind[0, k] < 0:
            continue
        n = world.n
        out.append(
            {
                "slot": k,
                "kind": TREATY_KINDS[int(world.treaty_kind[0, k])],
                "status": STATUSES[status],
                "parties": [names[m] for m in range(n) if world.treaty_invited[0, k, m] > 0],
                "signed": [names[m] for m in range(n) if world.treaty_signed[0, k, m] > 0],
                "cap": _r(world.treaty_cap[0, k]),
                "verification": _r(world.treaty_verification[0, k]),
            }
        )
    return out


def seat_view(scenario: Scenario, world: World, seat: int, over: bool) -> dict[str, Any]:
    """Seat ``seat``'s view of ``world`` (a batch of one)."""
    w = world
    names = scenario.names
    seen = seen_world(w, seat)
    ex = exchange(seen)
    odds = escalation_odds(seen)
    noise = float(w.param("noise")[0])
    states = []
    for i in range(w.n):
        own = i == seat
        entry: dict[str, Any] = {
            "name": names[i],
            "role": scenario.texts[i].role,
            "own": own,
            "economy": _r(w.economy[0, i]),
            "standing": _r(w.standing[0, i]),
        }
        if own:
            entry.update(
                reach=_r(w.reach[0, i]),
                shield=_r(w.shield[0, i]),
                hardening=_r(w.hardening[0, i]),
                tech=_r(w.tech[0, i]),
                support=_r(w.support[0, i]),
            )
        else:
            sigma = noise * (1.0 - float(w.transparency[0, seat, i]))
            k = float(np.exp(sigma))
            r, s = float(w.seen_reach[0, seat, i]), float(w.seen_shield[0, seat, i])
            entry.update(
                reach=_r(r),
                reach_range=[_r(r / k), _r(r * k)],
                shield=_r(s),
                shield_range=[_r(s / k), _r(s * k)],
                trust=_r(w.belief[0, seat, i]),
            )
        states.append(entry)
    pairs = []
    for j in range(w.n):
        if j == seat:
            continue
        pairs.append(
            {
                "other": names[j],
                "tension": _r(w.tension[0, seat, j]),
                "allied": bool(w.alliance[0, seat, j] > 0.5),
                "crisis": bool(w.crisis[0, seat, j] > 0.5),
                "stability": _r(ex.stability[0, seat, j]),
                "my_margin": _r(ex.margin[0, seat, j]),
                "their_margin": _r(ex.margin[0, j, seat]),
                "war_odds": _r(odds[0, seat, j], 3),
                "offers_to_me": _r(w.offer_reach[0, j, seat] + w.offer_shield[0, j, seat]),
                "programme_offer": bool(w.programme_offer[0, j, seat] > 0.5),
                "targeting_me": bool(w.targeting[0, j, seat] > 0.5),
            }
        )
    menu = legal_orders(w, seat)
    allowed = tuple(w.params.diplomacy)
    actions = [a for a, g in ACTION_GROUPS.items() if g == "crisis" or g in allowed]
    return {
        "turn": int(w.turn),
        "turns": int(scenario.params.turns),
        "title": scenario.title,
        "seat": names[seat],
        "states": states,
        "pairs": pairs,
        "treaties": _treaties(w, names),
        "budget": _r(menu.budget, 4),
        "categories": list(menu.categories),
        "unit_costs": {k: _r(v, 4) for k, v in menu.unit_costs.items()},
        "max_cut": _r(menu.max_cut, 4),
        "actions": actions,
        "over": bool(over),
    }


def public_view(scenario: Scenario, world: World, over: bool) -> dict[str, Any]:
    """What every state can see: economies, standing, tension, alliances, crises, treaties,
    forward deployments and targeting (the projector's board during the game)."""
    w = world
    names = scenario.names
    states = [
        {
            "name": names[i],
            "role": scenario.texts[i].role,
            "economy": _r(w.economy[0, i]),
            "standing": _r(w.standing[0, i]),
        }
        for i in range(w.n)
    ]
    pairs = []
    for a in range(w.n):
        for b in range(a + 1, w.n):
            pairs.append(
                {
                    "pair": [names[a], names[b]],
                    "tension": _r(w.tension[0, a, b]),
                    "allied": bool(w.alliance[0, a, b] > 0.5),
                    "crisis": bool(w.crisis[0, a, b] > 0.5),
                    "trade": _r(w.trade[0, a, b]),
                }
            )
    arrows = []
    for p in range(w.n):
        for h in range(w.n):
            if p != h and w.targeting[0, p, h] > 0.5:
                arrows.append(f"{names[p]} aims at {names[h]}")
            if p != h and float(w.fwd_reach[0, p, h] + w.fwd_shield[0, p, h]) > 0:
                arrows.append(f"{names[p]} has forces based in {names[h]}")
    return {
        "turn": int(w.turn),
        "turns": int(scenario.params.turns),
        "title": scenario.title,
        "states": states,
        "pairs": pairs,
        "treaties": _treaties(w, names),
        "arrows": arrows,
        "over": bool(over),
        "war": bool(w.over[0]),
    }
