"""Tension between pairs, and the war itself (model.md section 6).

Tension rises with a rival's seen arms growth, forward deployments, targeting declarations,
sanctions and drills, and falls with trade, treaties and time. Above the crisis threshold a pair
is in a crisis, answered in :mod:`game.engine.diplomacy`; escalation rolls for war with odds that
grow with tension and with ``1 - first-strike stability``. :func:`roll_war` runs the war.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.deterrence import Exchange, host_exposure
from game.engine.state import World
from game.engine.treaties import parties_together


def symmetric(x: np.ndarray) -> np.ndarray:
    """The symmetric part of a pair array: ``(x + x^T) / 2``."""
    return 0.5 * (x + np.swapaxes(x, 1, 2))


def forward_pressure(world: World) -> np.ndarray:
    """``[B, i, j]`` 1 where j is a patron abroad or hosts assets of a state not allied to i."""
    deployed = (world.fwd_reach + world.fwd_shield) > 0  # [B, p, h]
    patron_abroad = deployed.any(axis=2)[:, None, :]  # j keeps assets at some host
    # j hosts assets of some p that is not i's ally (and is not i itself).
    not_ally = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]
    hosts_foreign = np.einsum("bip,bpj->bij", not_ally.astype(float), deployed.astype(float)) > 0
    return ((patron_abroad | hosts_foreign) & not_ally).astype(float)


def next_tension(world: World, signal: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """Tension after this turn, from the seen arms signal ``[B, i, j]``, standing relations and
    ``extra`` symmetric tension from the turn's diplomacy (drills, withdrawals, crises).
    Treaties in force relieve ``treaty_tension`` a turn for each one a pair shares."""
    # The seen build enters with its sign: noise on a state that holds averages out, and a seen
    # cut relieves tension (reassurance), where a one-sided reading would turn noise into fear.
    rise = (
        world.param("tension_arms")[:, None, None] * signal
        + world.param("tension_forward")[:, None, None] * forward_pressure(world)
        + world.param("tension_targeting")[:, None, None] * world.targeting
        + world.param("tension_sanction")[:, None, None] * world.sanction
    )
    relief = world.param("tension_trade")[:, None, None] * world.trade
    relief = relief + world.param("treaty_tension")[:, None, None] * parties_together(world)
    decay = 1.0 - world.param("tension_decay")[:, None, None]
    t = world.tension * decay + symmetric(rise) * 2.0 - relief
    if extra is not None:
        t = t + extra
    t = np.clip(symmetric(t), 0.0, 1.0)
    t[:, np.eye(world.n, dtype=bool)] = 0.0
    return t


@dataclass(frozen=True)
class War:
    """Wars that broke out this turn. Worlds without a war have ``started`` False."""

    started: np.ndarray  # [B] bool
    striker: np.ndarray  # [B] int: who struck first (-1 where no war)
    target: np.ndarray  # [B] int
    loss: np.ndarray  # [B, N]: share of its economy each state lost


def roll_war(world: World, odds: np.ndarray, draw: np.ndarray, ex: Exchange) -> War:
    """Roll each pair (``i < j``) with its own uniform; the likeliest pair that fires goes to war.

    The side with the larger strike incentive (the lower rho: less to lose by going first) strikes
    first; the other retaliates with what survives; hosts of either side's assets take a share.
    Every state loses at least ``war_damage_floor`` of its economy: nobody wins.
    """
    b, n = world.batch, world.n
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    fired = (draw < odds) & upper
    started: np.ndarray = np.asarray(fired.any(axis=(1, 2)))
    score = np.where(fired, odds, -1.0).reshape(b, n * n)
    flat = score.argmax(axis=1)
    i, j = flat // n, flat % n
    rows = np.arange(b)
    # rho[b, i, j] is j's ratio against i: the side with the lower rho gains more by going first.
    rho_j, rho_i = ex.rho[rows, i, j], ex.rho[rows, j, i]
    striker = np.where(rho_j < rho_i, j, i)
    target = np.where(striker == i, j, i)
    econ = world.economy
    damage = np.zeros((b, n))
    damage[rows, target] += ex.first_strike[rows, striker, target]
    damage[rows, striker] += ex.retaliation[rows, target, striker]
    spill = host_exposure(world, ex.first_strike)
    damage += spill[rows, striker] + spill[rows, target]
    floor = world.param("war_damage_floor")[:, None]
    loss = np.clip(np.maximum(floor, damage / econ), 0.0, 1.0)
    loss = np.where(started[:, None], loss, 0.0)
    return War(
        started=started,
        striker=np.where(started, striker, -1),
        target=np.where(started, target, -1),
        loss=loss,
    )
