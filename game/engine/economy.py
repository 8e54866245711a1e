"""Budget, builds, upkeep, growth and domestic support (model.md section 4).

Arming has two costs: what the budget buys is not invested in the civilian economy, and every
stock costs upkeep each turn and wears out (Richardson's "fatigue" term, the ``-a*x``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.deterrence import host_exposure
from game.engine.prices import budget, programme_tech, unit_costs
from game.engine.state import CIVILIAN, HARDENING, INTEL, REACH, SHIELD, World

#: The economy never falls below this share of where it started (it shrinks, it never vanishes).
ECONOMY_FLOOR = 0.05


@dataclass(frozen=True)
class Builds:
    """Stocks after this turn's builds, cuts and wear."""

    reach: np.ndarray
    shield: np.ndarray
    hardening: np.ndarray
    fwd_reach: np.ndarray  # forward stocks wear like home ones
    fwd_shield: np.ndarray
    built_reach: np.ndarray  # units added this turn
    built_shield: np.ndarray


def build(
    world: World,
    spend: np.ndarray,
    cut: np.ndarray,
    shield_tech: np.ndarray | None = None,
    shield_spend: np.ndarray | None = None,
) -> Builds:
    """Apply builds: ``amount * tech / unit_cost`` per category; hardening closes its gap.

    Hardening is a share in ``[0, H_max]``: spending ``hardening_cost / tech`` closes the gap to
    ``H_max`` by one e-fold, so it approaches the maximum and never passes it. Every stock, at
    home and abroad, wears by ``attrition``. Partners in a joint programme build shields with the
    better tech of the two (``shield_tech``; by default the programmes of ``world``) and, when
    ``shield_spend`` ``[B, N]`` is given, with the pooled shield money of their programmes
    (:func:`game.engine.diplomacy.pooled_shield_spend`) instead of their own.
    """
    costs = unit_costs(world)
    wear = 1.0 - world.param("attrition")[:, None]
    built_reach = spend[:, :, REACH] / costs[:, :, 0]
    if shield_tech is None:
        shield_tech = programme_tech(world)
    money = spend[:, :, SHIELD] if shield_spend is None else shield_spend
    built_shield = money * shield_tech / (costs[:, :, 1] * world.tech)
    reach = np.maximum(world.reach - cut, 0.0) * wear + built_reach
    shield = world.shield * wear + built_shield
    h_max = world.param("hardening_max")[:, None]
    gap = np.maximum(h_max - world.hardening, 0.0)
    hardening = world.hardening + gap * (1.0 - np.exp(-spend[:, :, HARDENING] / costs[:, :, 2]))
    return Builds(
        reach=reach,
        shield=shield,
        hardening=np.minimum(hardening, h_max),
        fwd_reach=world.fwd_reach * wear[:, :, None],
        fwd_shield=world.fwd_shield * wear[:, :, None],
        built_reach=built_reach,
        built_shield=built_shield,
    )


def upkeep(world: World) -> np.ndarray:
    """``[B, N]`` upkeep of the stocks a state holds at home and abroad this turn, plus the
    ``host_upkeep_share`` a host pays of the assets it carries for its patrons."""
    costs = unit_costs(world)
    stock_value = (world.reach + world.fwd_reach.sum(axis=2)) * costs[:, :, 0] + (
        world.shield + world.fwd_shield.sum(axis=2)
    ) * costs[:, :, 1]
    hosted = (
        world.fwd_reach * costs[:, :, 0][:, :, None] + world.fwd_shield * costs[:, :, 1][:, :, None]
    ).sum(axis=1)
    share = world.param("host_upkeep_share")[:, None]
    return world.param("upkeep")[:, None] * (stock_value + share * hosted)


def burden(world: World, spend: np.ndarray) -> np.ndarray:
    """``[B, N]`` defence burden: military and intelligence spending plus upkeep, over budget."""
    b = budget(world)
    military = (
        spend[:, :, REACH] + spend[:, :, SHIELD] + spend[:, :, HARDENING] + spend[:, :, INTEL]
    )
    return (military + upkeep(world)) / np.maximum(b, 1e-12)


def grow(world: World, spend: np.ndarray, load: np.ndarray) -> np.ndarray:
    """Next turn's economy: it grows with investment and trade; it shrinks with upkeep, with
    sanctions and with a defence burden ``load`` above tolerance (see :func:`burden`)."""
    e = world.economy
    excess = np.maximum(load - world.param("burden_tolerance")[:, None], 0.0)
    rate = (
        world.param("growth")[:, None]
        + world.param("investment_return")[:, None] * spend[:, :, CIVILIAN] / e
        + world.param("trade_gain")[:, None] * world.trade.sum(axis=2)
        - world.param("sanction_cost")[:, None] * world.sanction.sum(axis=1)
        - world.param("sanction_sender_cost")[:, None] * world.sanction.sum(axis=2)
        - world.param("burden_drag")[:, None] * excess
    )
    nxt = e * (1.0 + rate) - upkeep(world)
    return np.maximum(nxt, ECONOMY_FLOOR * world.base_economy)


def support(world: World, load: np.ndarray) -> np.ndarray:
    """Domestic support: it erodes while the burden stays above tolerance and recovers below it,
    every sanction against the state wears it down further, and so does the fear of being a
    target: a host that carries a rival's enemy's forces, or that a rival has declared it aims
    at, loses ``support_fear`` times the share of its economy that the rival's salvo would spill
    onto it (:func:`game.engine.deterrence.host_exposure`). That is the host's bill beyond the
    money: hosting alone, with no sanction, can wear support down to a programme review when
    the deployment is costly enough (Snyder 1984, the fear of entrapment)."""
    tol = world.param("burden_tolerance")[:, None]
    rate = world.param("support_rate")[:, None]
    sanctioned = world.param("support_sanction")[:, None] * world.sanction.sum(axis=1)
    rivals = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]
    spill = np.where(rivals, host_exposure(world, np.zeros_like(world.alliance)), 0.0).max(axis=1)
    fear = world.param("support_fear")[:, None] * spill / world.economy
    change = rate * (tol - load) * 0.5 - sanctioned - fear
    return np.clip(world.support + change, 0.0, 1.0)


def trade_after_sanctions(world: World) -> np.ndarray:
    """Trade ties shrink by ``host_trade_loss`` a turn while either side sanctions the other
    (how a rival makes a host pay for accepting its enemy's assets)."""
    hit = np.maximum(world.sanction, np.swapaxes(world.sanction, 1, 2))
    return world.trade * (1.0 - world.param("host_trade_loss")[:, None, None] * hit)
