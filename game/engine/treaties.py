"""Treaties: proposal, signature, entry into force, caps, verification, withdrawal, lapse.

A treaty lives in one of ``TREATY_SLOTS`` slots per world. Its life: PROPOSED (waits up to
``proposal_turns`` for every named party to sign), IN_FORCE (binds its parties), WITHDRAWING (a
party gave notice: it still binds for ``treaty_notice`` turns), LAPSED. At entry into force the
parties meet the terms: shields and reach above a cap are dismantled down to it, and forward reach
under a forward ban comes home.

Verification is an inspection game (O'Neill; Wittman 1989): cheating is detected with probability
``verification`` when another party inspects that turn (inspection costs budget), and
``passive_detection * verification`` when nobody does. A detected violation is an event everyone
sees: standing, trust and calm all suffer.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import FORWARD_BAN, REACH_CEILING, SHIELD_CAP, TRANSPARENCY
from game.engine.state import World

EMPTY, PROPOSED, IN_FORCE, WITHDRAWING, LAPSED = range(5)
STATUSES: tuple[str, ...] = ("empty", "proposed", "in_force", "withdrawing", "lapsed")


def binding(world: World) -> np.ndarray:
    """``[B, K]`` treaties that bind their parties now (in force or under notice)."""
    return (world.treaty_status == IN_FORCE) | (world.treaty_status == WITHDRAWING)


def bound_by(world: World, kind: int) -> np.ndarray:
    """``[B, K, N]`` party n is bound by treaty k of this kind."""
    live = binding(world) & (world.treaty_kind == kind)
    return live[:, :, None] & (world.treaty_signed > 0)


def caps_for(world: World, kind: int, exempt: np.ndarray | None = None) -> np.ndarray:
    """``[B, N]`` the tightest cap of ``kind`` binding each state (``inf`` where none).

    ``exempt[b, n, k]`` marks treaties a state is cheating on this turn: they do not bind it.
    """
    bound = bound_by(world, kind)
    if exempt is not None:
        bound = bound & ~np.swapaxes(exempt, 1, 2)
    caps = np.where(bound, world.treaty_cap[:, :, None], np.inf)
    return caps.min(axis=1)


def forward_banned(world: World, exempt: np.ndarray | None = None) -> np.ndarray:
    """``[B, N]`` states bound by a forward ban (not cheating on it)."""
    bound = bound_by(world, FORWARD_BAN)
    if exempt is not None:
        bound = bound & ~np.swapaxes(exempt, 1, 2)
    return np.asarray(bound.any(axis=1))


def parties_together(world: World) -> np.ndarray:
    """``[B, N, N]`` number of binding treaties each pair shares."""
    live = binding(world)[:, :, None] & (world.treaty_signed > 0)
    together = np.einsum("bki,bkj->bij", live.astype(float), live.astype(float))
    together[:, np.eye(world.n, dtype=bool)] = 0.0
    return together


def transparency_bonus(world: World) -> np.ndarray:
    """``[B, N, N]`` transparency that binding treaties give between their parties.

    ``treaty_transparency * verification`` per treaty, doubled for a transparency treaty.
    """
    live = binding(world)[:, :, None] & (world.treaty_signed > 0)
    weight = world.treaty_verification * np.where(world.treaty_kind == TRANSPARENCY, 2.0, 1.0)
    weight = np.where(binding(world), weight, 0.0)
    bonus = np.einsum("bk,bki,bkj->bij", weight, live.astype(float), live.astype(float))
    bonus = bonus * world.param("treaty_transparency")[:, None, None]
    bonus[:, np.eye(world.n, dtype=bool)] = 0.0
    return bonus


def enter_into_force(world: World, entering: np.ndarray) -> dict[str, np.ndarray]:
    """Stocks after the parties of ``entering`` ``[B, K]`` treaties meet their terms."""
    reach, shield = world.reach.copy(), world.shield.copy()
    fwd_reach, fwd_shield = world.fwd_reach.copy(), world.fwd_shield.copy()
    parties = entering[:, :, None] & (world.treaty_signed > 0)  # [B, K, N]
    cap = world.treaty_cap[:, :, None]
    kind = world.treaty_kind[:, :, None]
    shield_cap = np.where(parties & (kind == SHIELD_CAP), cap, np.inf).min(axis=1)
    reach_cap = np.where(parties & (kind == REACH_CEILING), cap, np.inf).min(axis=1)
    # A shield cap counts home shield and shield stationed abroad; the excess at home goes first.
    total_shield = shield + fwd_shield.sum(axis=2)
    shield = np.maximum(shield - np.maximum(total_shield - shield_cap, 0.0), 0.0)
    over = np.maximum(shield + fwd_shield.sum(axis=2) - shield_cap, 0.0)
    fwd_shield = _trim_abroad(fwd_shield, over)
    total_reach = reach + fwd_reach.sum(axis=2)
    reach = np.maximum(reach - np.maximum(total_reach - reach_cap, 0.0), 0.0)
    over = np.maximum(reach + fwd_reach.sum(axis=2) - reach_cap, 0.0)
    fwd_reach = _trim_abroad(fwd_reach, over)
    # A forward ban: every party's reach abroad comes home, and reach at a party host goes home.
    banned = (parties & (kind == FORWARD_BAN)).any(axis=1)  # [B, N]
    leaving = (banned[:, :, None] | banned[:, None, :]) & (fwd_reach > 0)
    reach = reach + np.where(leaving, fwd_reach, 0.0).sum(axis=2)
    fwd_reach = np.where(leaving, 0.0, fwd_reach)
    return {"reach": reach, "shield": shield, "fwd_reach": fwd_reach, "fwd_shield": fwd_shield}


def _trim_abroad(fwd: np.ndarray, excess: np.ndarray) -> np.ndarray:
    """Remove ``excess`` ``[B, N]`` from each patron's stations abroad, proportionally."""
    total = fwd.sum(axis=2, keepdims=True)
    share = np.divide(fwd, total, out=np.zeros_like(fwd), where=total > 0)
    return np.maximum(fwd - share * excess[:, :, None], 0.0)


def violations(
    world: World,
    reach: np.ndarray,
    shield: np.ndarray,
    fwd_reach: np.ndarray,
    fwd_shield: np.ndarray,
) -> np.ndarray:
    """``[B, K, N]`` party n breaks the terms of binding treaty k with these stocks."""
    bound = binding(world)[:, :, None] & (world.treaty_signed > 0)
    kind = world.treaty_kind[:, :, None]
    cap = world.treaty_cap[:, :, None]
    tol = 1e-9
    total_shield = (shield + fwd_shield.sum(axis=2))[:, None, :]
    total_reach = (reach + fwd_reach.sum(axis=2))[:, None, :]
    abroad = (fwd_reach.sum(axis=2) > 0)[:, None, :]
    hosts = (fwd_reach.sum(axis=1) > 0)[:, None, :]
    broken = np.where(
        kind == SHIELD_CAP,
        total_shield > cap + tol,
        np.where(
            kind == REACH_CEILING,
            total_reach > cap + tol,
            np.where(kind == FORWARD_BAN, abroad | hosts, False),
        ),
    )
    return bound & broken


def detection_odds(world: World, inspected: np.ndarray) -> np.ndarray:
    """``[B, K, N]`` chance that party n's violation of treaty k is caught this turn.

    ``verification`` when another party inspects it (``inspected[b, k, n]``), else
    ``passive_detection * verification``: the inspection game's trade-off between cost and
    certainty.
    """
    passive = world.param("passive_detection")[:, None, None]
    return world.treaty_verification[:, :, None] * np.where(inspected, 1.0, passive)
