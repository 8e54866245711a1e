"""The starting batch of worlds, built from a scenario's specs (states, links, deployments,
treaties in force, targeting declared).

It lives apart from :mod:`game.engine.state` because a treaty in force at the start enters into
force by the treaties' own rule (:func:`game.engine.treaties.enter_into_force`), and the
treaties build on the state: so the engine's modules import one another in one direction only.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import TREATY_KINDS
from game.engine.state import (
    CATEGORIES,
    CIVILIAN,
    KINDS,
    TECH_MAX,
    TECH_MIN,
    TREATY_SLOTS,
    Deployment,
    Link,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
    World,
    per_world,
)
from game.engine.treaties import IN_FORCE, enter_into_force


def initial_world(
    params: Params,
    states: tuple[StateSpec, ...] | list[StateSpec],
    links: tuple[Link, ...] | list[Link] = (),
    deployments: tuple[Deployment, ...] | list[Deployment] = (),
    uniforms: np.ndarray | None = None,
    treaties: tuple[TreatySpec, ...] | list[TreatySpec] = (),
    targeting: tuple[Targeting, ...] | list[Targeting] = (),
) -> World:
    """Build the starting batch of worlds.

    ``uniforms`` has shape ``[B, N]``: one uniform draw per state per world, used to draw the
    hidden kinds (state ``i`` is expansionist when its draw is below its prior). The caller takes
    them from each world's own stream, so world ``b`` of a batch equals the single game with the
    same seed. ``None`` means a batch of one in which every undrawn kind is a security seeker.
    """
    n = len(states)
    if not 2 <= n <= 8:
        raise ValueError(f"a scenario needs 2 to 8 states, got {n}")
    if uniforms is None:
        uniforms = np.ones((1, n))
    uniforms = np.asarray(uniforms, dtype=float)
    b = uniforms.shape[0]
    _check_specs(n, links, deployments, treaties, targeting)
    world = World(
        params=params,
        over=np.zeros(b, dtype=bool),
        turn=0,
        names=tuple(s.name for s in states),
        **_states(params, states, uniforms),
        **_ties(b, n, links, deployments),
        **_quiet_diplomacy(b, n),
    )
    for tg in targeting:
        world.targeting[:, tg.source, tg.target] = 1.0
    if treaties:
        world = _treaties_in_force(world, treaties)
    return world


def _states(
    params: Params, states: tuple[StateSpec, ...] | list[StateSpec], uniforms: np.ndarray
) -> dict[str, np.ndarray]:
    """Each state's arrays at the start, its hidden kind drawn from ``uniforms``, and what the
    others see of it (its true stocks, and the common prior of its kind)."""
    b, n = uniforms.shape[0], len(states)

    def col(attr: str) -> np.ndarray:
        return np.tile(np.array([float(getattr(s, attr)) for s in states]), (b, 1))

    prior_exp = col("expansionist")
    kind = (uniforms < prior_exp).astype(np.int8)
    for i, s in enumerate(states):
        if s.kind is not None:
            kind[:, i] = KINDS.index(s.kind)
    # Common prior: everyone starts believing j is a security seeker with 1 - prior(j).
    belief = np.broadcast_to(1.0 - prior_exp[:, None, :], (b, n, n)).copy()
    eye = np.eye(n, dtype=bool)
    belief[:, eye] = 1.0
    reach, shield = col("reach"), col("shield")
    economy = col("economy")
    spend = np.zeros((b, n, len(CATEGORIES)))
    spend[:, :, CIVILIAN] = economy * per_world(params.tax, b)[:, None]
    return {
        "economy": economy,
        "reach": reach,
        "shield": shield,
        "hardening": np.minimum(col("hardening"), per_world(params.hardening_max, b)[:, None]),
        "tech": np.clip(col("tech"), TECH_MIN, TECH_MAX),
        "standing": col("standing"),
        "support": col("support"),
        "kind": kind,
        "score": np.zeros((b, n)),
        "utility": np.zeros((b, n)),
        "base_economy": economy.copy(),
        "belief": belief,
        "seen_reach": np.broadcast_to(reach[:, None, :], (b, n, n)).copy(),
        "seen_shield": np.broadcast_to(shield[:, None, :], (b, n, n)).copy(),
        "transparency": np.where(eye, 1.0, 0.0) + np.zeros((b, n, n)),
        "last_spend": spend,
    }


def _check_specs(
    n: int,
    links: tuple[Link, ...] | list[Link],
    deployments: tuple[Deployment, ...] | list[Deployment],
    treaties: tuple[TreatySpec, ...] | list[TreatySpec],
    targeting: tuple[Targeting, ...] | list[Targeting],
) -> None:
    """Raise ``ValueError`` for a link, deployment, treaty or targeting that names no state of
    ``n``, or the same state twice; and for more treaties than slots."""
    for link in links:
        if not (0 <= link.a < n and 0 <= link.b < n) or link.a == link.b:
            raise ValueError(
                f"a link joins two different states 0..{n - 1}, got {link.a}, {link.b}"
            )
    for d in deployments:
        if not (0 <= d.patron < n and 0 <= d.host < n) or d.patron == d.host:
            raise ValueError(
                f"a deployment needs a patron and a different host 0..{n - 1}, "
                f"got {d.patron}, {d.host}"
            )
    if len(treaties) > TREATY_SLOTS:
        raise ValueError(f"at most {TREATY_SLOTS} treaties, got {len(treaties)}")
    for t in treaties:
        if len(set(t.parties)) < 2 or not all(0 <= p < n for p in t.parties):
            raise ValueError(f"a treaty needs two or more different states 0..{n - 1}")
    for tg in targeting:
        if not (0 <= tg.source < n and 0 <= tg.target < n) or tg.source == tg.target:
            raise ValueError(f"targeting needs two different states 0..{n - 1}")


def _ties(
    b: int,
    n: int,
    links: tuple[Link, ...] | list[Link],
    deployments: tuple[Deployment, ...] | list[Deployment],
) -> dict[str, np.ndarray]:
    """The pair arrays the links (alliance, trade, tension) and deployments set at the start."""
    pair = np.zeros((b, n, n))
    alliance, trade, tension = pair.copy(), pair.copy(), pair.copy()
    for link in links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            alliance[:, x, y] = float(link.alliance)
            trade[:, x, y] = link.trade
            tension[:, x, y] = link.tension
    fwd_reach, fwd_shield = pair.copy(), pair.copy()
    for d in deployments:
        fwd_reach[:, d.patron, d.host] += d.reach
        fwd_shield[:, d.patron, d.host] += d.shield
    return {
        "alliance": alliance,
        "trade": trade,
        "tension": tension,
        "fwd_reach": fwd_reach,
        "fwd_shield": fwd_shield,
    }


def _quiet_diplomacy(b: int, n: int) -> dict[str, np.ndarray]:
    """Every other diplomatic array as it starts: no offer, sanction, aim, crisis or treaty."""
    pair = np.zeros((b, n, n))
    return {
        "targeting": pair.copy(),
        "sanction": pair.copy(),
        "seen_build": pair.copy(),
        "ally_offer": pair.copy(),
        "offer_reach": pair.copy(),
        "offer_shield": pair.copy(),
        "recall": np.zeros((b, n, n), dtype=np.int16),
        "commitment": pair.copy(),
        "programme": pair.copy(),
        "programme_offer": pair.copy(),
        "trade_offer": pair.copy(),
        "crisis": pair.copy(),
        "treaty_kind": np.full((b, TREATY_SLOTS), -1, dtype=np.int8),
        "treaty_status": np.zeros((b, TREATY_SLOTS), dtype=np.int8),
        "treaty_invited": np.zeros((b, TREATY_SLOTS, n)),
        "treaty_signed": np.zeros((b, TREATY_SLOTS, n)),
        "treaty_cap": np.zeros((b, TREATY_SLOTS)),
        "treaty_verification": np.zeros((b, TREATY_SLOTS)),
        "treaty_timer": np.zeros((b, TREATY_SLOTS), dtype=np.int16),
        "treaty_cheat": np.zeros((b, TREATY_SLOTS, n)),
        "treaty_caught": np.zeros((b, TREATY_SLOTS, n)),
    }


def _treaties_in_force(world: World, treaties: tuple[TreatySpec, ...] | list[TreatySpec]) -> World:
    """``world`` with the scenario's treaties in force, entered by the treaties' own rule."""
    entering = np.zeros((world.batch, TREATY_SLOTS), dtype=bool)
    for k, t in enumerate(treaties):
        world.treaty_kind[:, k] = TREATY_KINDS.index(t.kind)
        world.treaty_status[:, k] = IN_FORCE
        world.treaty_invited[:, k, list(t.parties)] = 1.0
        world.treaty_signed[:, k, list(t.parties)] = 1.0
        world.treaty_cap[:, k] = t.cap
        world.treaty_verification[:, k] = t.verification
        entering[:, k] = True
    return world.replace(**enter_into_force(world, entering))


__all__ = ["initial_world"]
