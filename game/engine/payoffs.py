"""Utility and score behind a turn (model.md section 7).

``U_i = prosperity_i - lambda * threat_i + standing_i - war_loss_i``, where ``threat_i`` is the
first-strike damage ``i`` *perceives* it could suffer from each rival, weighted by how likely it
believes that rival is to strike: an expansionist it does not deter is the worst case.

The stage game (the theory lens) projects a short horizon for each cell of
``{Restrain, Arm} x {Restrain, Arm}`` for a pair, with the same engine, and reads off the 2x2
payoffs. That is how a student sees *why* arming looked rational this turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.deterrence import Exchange, leak
from game.engine.state import CATEGORIES, CIVILIAN, EXPANSIONIST, REACH, World


def perceived_threat(world: World, ex: Exchange) -> np.ndarray:
    """``[B, N]``: insecurity, the expected first-strike damage ``i`` fears, over its economy.

    For each rival ``j`` (not an ally), ``i`` imagines j's first strike with the reach it *sees*
    j holding (a shield mistaken for reach counts as reach: Jervis's indistinguishability),
    weighted by the odds that j strikes::

        P(attack) = (1 - belief) * (r + (1 - r) * (1 - deterred)) * (1 + f * (1 - FSS))

    ``1 - belief`` is the chance j is greedy (Glaser 2010, Kydd 2005); ``deterred`` how far i's
    own second strike reaches unacceptable damage on j (Intriligator and Brito 1984), with the
    residual fear ``r`` that remains even under deterrence; and ``f`` (``first_strike_fear``)
    weighs the pair's first-strike instability: where striking first pays, a crisis is likelier
    to end in a strike (Schelling's reciprocal fear of surprise attack). So i's own arming lowers
    its insecurity, a rival's arming raises it, and offense dominance (a weak shield lets more
    through) makes both effects larger.
    """
    return threat_pairs(world, ex).sum(axis=2)


def security_stakes(world: World) -> np.ndarray:
    """``[B]``: how much the strike balance weighs in security, by Jervis's two variables.

    ``2 / (1 + d) * (3/2 - delta)``, with ``d = eta * reach_cost / shield_cost`` the
    offense-defense balance (defense has the advantage when ``d > 1``) and ``delta`` the
    distinguishability. Jervis (1978): when offense has the advantage, the state that arms first
    gains more and the one left behind loses more; when a defensive build cannot be told from an
    offensive one, every build threatens. Both make the gains from exploiting and the costs of
    being exploited larger, which is the prisoner's dilemma; defense advantage with
    distinguishable builds shrinks both ("doubly safe"). At the neutral point (``d = 1``,
    ``delta = 1/2``) the factor is 1; offense with indistinguishable builds (0.5, 0) gives 2,
    defense with distinguishable builds (2.5, 1) gives 2/7.
    """
    eta = world.param("shield_efficiency")
    d = eta * world.param("reach_cost") / world.param("shield_cost")
    return 2.0 / (1.0 + d) * (1.5 - world.param("distinguishability"))


def feared_strike(world: World, ex: Exchange) -> np.ndarray:
    """``[B, i, j]``: the first strike ``i`` fears from ``j``: the reach ``i`` sees ``j`` holding
    (forward reach with its bonus) through ``i``'s own shield against ``j``."""
    eta = world.param("shield_efficiency")[:, None, None]
    beta = world.param("forward_bonus")[:, None, None]
    seen_reff = world.seen_reach + beta * world.fwd_reach.sum(axis=2)[:, None, :]
    guard = np.swapaxes(ex.shield_against, 1, 2)  # [B, i, j]: i's shield against j
    return leak(seen_reff, guard, eta)


def threat_pairs(world: World, ex: Exchange, feared: np.ndarray | None = None) -> np.ndarray:
    """``[B, i, j]``: the part of i's insecurity that comes from j (:func:`perceived_threat`).
    ``feared`` is :func:`feared_strike` when the caller has it."""
    theta = world.param("unacceptable_damage")[:, None, None]
    fear = world.param("residual_fear")[:, None, None]
    seen_first = feared_strike(world, ex) if feared is None else feared  # [B, i, j]: j hits i
    deterred = np.clip(ex.retaliation / (theta * world.economy[:, None, :]), 0.0, 1.0)
    unstable = 1.0 + world.param("first_strike_fear")[:, None, None] * (1.0 - ex.stability)
    p_attack = (1.0 - world.belief) * (fear + (1.0 - fear) * (1.0 - deterred)) * unstable
    # A rival that has declared its reach aimed at i is feared more (targeting).
    aimed = np.swapaxes(world.targeting, 1, 2)
    p_attack = np.minimum(
        p_attack * (1.0 + world.param("targeting_fear")[:, None, None] * aimed), 1.0
    )
    stakes = security_stakes(world)[:, None, None]
    return _rivals(world) * stakes * p_attack * seen_first / world.economy[:, :, None]


def _rivals(world: World) -> np.ndarray:
    return (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]


def balance(world: World, ex: Exchange, feared: np.ndarray | None = None) -> np.ndarray:
    """``[B, i, j]`` in (-1, 1): the balance of strike power between i and j, as i sees it.

    ``tanh((C_ij - C_ji) / (theta * mean economy))``, where ``C_ij`` is the first strike i could
    land on j through j's shield (the shield i sees j holding) and ``C_ji`` the one it fears from
    j. The side with the larger margin is likelier to prevail in a crisis (Powell 1999, Schelling
    1966). It is a difference, not a ratio, so two sides that both arm by the same amount keep
    the balance they had (a ratio would reward the weaker for a race that only dilutes the lead);
    it saturates, since an edge many times unacceptable damage buys no more. ``feared`` is
    :func:`feared_strike` when the caller has it.
    """
    eta = world.param("shield_efficiency")[:, None, None]
    theta = world.param("unacceptable_damage")[:, None, None]
    cover = ex.shield_against - world.shield[:, None, :]  # allied and forward cover is public
    seen_seff = world.seen_shield + cover  # [B, i, j]: j's shield against i, as i sees it
    mine = leak(ex.effective_reach[:, :, None], seen_seff, eta)  # i on j
    theirs = feared_strike(world, ex) if feared is None else feared  # j on i
    scale = theta * 0.5 * (world.economy[:, :, None] + world.economy[:, None, :])
    return np.tanh((mine - theirs) / scale)


def leverage_pairs(world: World, ex: Exchange, feared: np.ndarray | None = None) -> np.ndarray:
    """``[B, i, j]``: what i's relative strength against j buys short of war (allies: 0).

    With the strike balance ``x = balance_ij`` (:func:`balance`)::

        leverage = (g_c * r + g_e * [i expansionist]) * x
                   + g_c * ((1 - r) * (1 - belief_ij) + tension_ij) * min(x, 0)

    The first part is the value of an edge in a crisis (Fearon 1995, Powell 1999): ``r``
    (``residual_fear``) is the chance of a crisis that even trusting neighbours do not avoid
    (noise, accidents, a third party). An expansionist values an edge more, for what it could
    coerce (``greed_leverage``, Glaser 2010). The second part is the fear of being coerced: being
    *behind* a rival that may be greedy costs more the less it is trusted (Kydd 2005) and the
    higher the tension. A lead is not worth more because the rival is feared or the pair is
    tense: fear prices the danger of falling behind, not the spoils of being ahead (otherwise a
    rival's arming would make the leader's own lead look sweeter). This is what makes "arm while the
    other holds" tempting (T > R) and "hold while the other arms" costly (S < P).
    """
    g_c = world.param("crisis_leverage")[:, None, None]
    g_e = world.param("greed_leverage")[:, None, None]
    r = world.param("residual_fear")[:, None, None]
    greedy = (world.kind == EXPANSIONIST)[:, :, None]
    x = balance(world, ex, feared)
    edge = (g_c * r + g_e * greedy) * x
    coerced = g_c * ((1.0 - r) * (1.0 - world.belief) + world.tension) * np.minimum(x, 0.0)
    return _rivals(world) * security_stakes(world)[:, None, None] * (edge + coerced)


def spiral_pairs(world: World, ex: Exchange) -> np.ndarray:
    """``[B, i, j]``: the fear of a spiral with each rival, ``tension_ij (1/4 + 3/4 (1 - FSS_ij))``:
    the shape of the war odds of an escalated crisis (Schelling's threat that leaves something to
    chance). Arming raises the rival's fear and so the tension both live with: the
    part of arming's cost that falls on the arming state through the other (Jervis 1976)."""
    return _rivals(world) * world.tension * (0.25 + 0.75 * (1.0 - ex.stability))


@dataclass(frozen=True)
class UtilityTerms:
    """The weighted terms of one turn's utility (model.md section 7). Per state ``[B, N]``:
    prosperity ``E / E0``, standing and the war loss; per rival ``[B, i, j]``: insecurity
    (``lambda`` times :func:`threat_pairs`), leverage (:func:`leverage_pairs`) and the spiral
    risk (``mu`` times :func:`spiral_pairs`). The turn's utility sums them over rivals::

        U = prosperity - insecurity + leverage - spiral + standing - war
    """

    prosperity: np.ndarray
    standing: np.ndarray
    war: np.ndarray
    insecurity: np.ndarray
    leverage: np.ndarray
    spiral: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """``[B, N]`` the utility: every rival counts."""
        rel = (self.leverage - self.insecurity - self.spiral).sum(axis=2)
        return self.prosperity + self.standing - self.war + rel

    def toward(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """``[B]``: world b's utility of state ``i[b]`` counting only its rival ``j[b]``: the
        stage game of a pair reads this, so that what either side gains or fears from a third
        state does not colour the pair's own dilemma."""
        rows = np.arange(self.prosperity.shape[0])
        rel = self.leverage - self.insecurity - self.spiral
        own = self.prosperity + self.standing - self.war
        return own[rows, i] + rel[rows, i, j]


#: How many times a war's loss weighs in the turn it is fought.
WAR_WEIGHT = 10.0


def war_weight(world: World) -> np.ndarray:
    """``[B]``: the weight of a war's loss, ``10 * (1 + d + d^2 + ... )`` over the turns the game
    had left, this one included (``d`` the discount). A war ends the game, so its damage is
    never repaired: it is counted for every turn that would have followed. Without that, a
    state that armed for an edge and went to war on turn 8 kept the edge's value of seven
    turns against a single turn's loss, and a hawk that fought in most of its games out-scored
    every careful character."""
    d = world.param("discount")
    left = np.maximum(int(world.params.turns) - world.turn, 1)
    annuity = np.where(d < 1.0, (1.0 - d**left) / np.maximum(1.0 - d, 1e-12), float(left))
    return WAR_WEIGHT * annuity


def utility_terms(world: World, ex: Exchange, war_loss: np.ndarray) -> UtilityTerms:
    """The weighted terms of this turn's utility, on the world after the turn.

    In a world at war the relations are moot (nothing is left to deter, to fear or to gain by
    an edge): its turn counts prosperity, standing and the war's loss, so every party ends below
    its pre-war score.
    """
    peace = ~world.over[:, None, None]
    both = (world, ex, feared_strike(world, ex))  # the strike each fears: one computation
    return UtilityTerms(
        prosperity=world.economy / world.base_economy,
        standing=world.standing,
        war=war_weight(world)[:, None] * war_loss,
        insecurity=peace * world.param("threat_weight")[:, None, None] * threat_pairs(*both),
        leverage=peace * leverage_pairs(*both),
        spiral=peace * world.param("spiral_weight")[:, None, None] * spiral_pairs(world, ex),
    )


def utility(world: World, ex: Exchange, war_loss: np.ndarray) -> np.ndarray:
    """``[B, N]`` this turn's utility (model.md section 7), on the world after the turn::

    U = E / E0 - lambda * insecurity + leverage - mu * spiral + standing - w * war_loss

    with ``w`` the :func:`war_weight`.
    """
    return utility_terms(world, ex, war_loss).total


def usual_mix(world: World) -> np.ndarray:
    """``[B, N, 3]`` each state's usual split of arms spending (reach first when it has none)."""
    mil = world.last_spend[:, :, : CIVILIAN - 1]  # reach, shield, hardening
    total = mil.sum(axis=2, keepdims=True)
    allowed = np.array([c in world.params.categories for c in CATEGORIES[:3]], dtype=float)
    default = np.zeros(3)
    default[REACH] = 1.0
    mix = np.where(total > 0, mil / np.where(total > 0, total, 1.0), default)
    mix = mix * allowed
    s = mix.sum(axis=2, keepdims=True)
    return np.where(s > 0, mix / np.where(s > 0, s, 1.0), default)


def last_shares(world: World) -> np.ndarray:
    """``[B, N, 5]`` each state's last orders as shares of what it spent (the lens's "everyone
    else keeps its last orders")."""
    last = world.last_spend
    total = last.sum(axis=2, keepdims=True)
    return np.where(total > 0, last / np.where(total > 0, total, 1.0), 0.0)
