"""Noisy sight, distinguishability and Bayesian belief (model.md section 5).

Jervis (1978): when defence cannot be told from offence, a shield build reads as reach.
Kydd (1997, 2005): beliefs about a rival's hidden kind follow Bayes' rule on what it is seen to
do; a costly unilateral cut is far likelier from a security seeker, so it moves beliefs most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.orders import budget, unit_costs
from game.engine.state import (
    CIVILIAN,
    EXPANSIONIST,
    INTEL,
    REACH,
    SECURITY_SEEKER,
    SHIELD,
    TREATY_SLOTS,
    World,
)
from game.engine.treaties import transparency_bonus

#: Beliefs are kept within this distance of 0 and 1 so that evidence can always move them.
BELIEF_EDGE = 1e-4


@dataclass(frozen=True)
class Noise:
    """One turn's random draws for every world: ``[B, N, N]`` each.

    Drawn from each world's own stream in a fixed order (see :func:`draw_noise`), so a world's
    draws do not depend on the batch it runs in.
    """

    sight_reach: np.ndarray  # standard normal
    sight_shield: np.ndarray  # standard normal
    signal: np.ndarray  # standard normal: noise on what i reads into j's conduct
    misread: np.ndarray  # uniform: i mistakes j's shield build for reach when below 1 - delta
    war: np.ndarray  # uniform: the war roll of the pair
    detect: np.ndarray  # [B, K, N] uniform: is party n's violation of treaty k caught
    review: np.ndarray  # [B, N] uniform: does a programme review happen

    @staticmethod
    def expected(batch: int, n: int) -> Noise:
        """No randomness: every draw at its central value, misreads at their expected share.

        Used by the theory lens, which compares the four cells of a stage game on equal terms.
        """
        z = np.zeros((batch, n, n))
        return Noise(
            z,
            z,
            z,
            np.full((batch, n, n), np.nan),
            np.ones((batch, n, n)),
            np.ones((batch, TREATY_SLOTS, n)),
            np.ones((batch, n)),
        )


def draw_noise(rng: np.random.Generator | list[np.random.Generator], batch: int, n: int) -> Noise:
    """Draw one turn's noise. ``rng`` is one generator for the whole batch or one per world.

    Each world takes ``3 * n * n`` normals, then ``2 * n * n + K * n + n`` uniforms, in that
    order. With one generator for a batch of one this is the same stream as with a list of one
    generator.
    """
    k = n * n
    m = 2 * k + TREATY_SLOTS * n + n
    if isinstance(rng, np.random.Generator):
        normals = rng.standard_normal((batch, 3 * k))
        uniforms = rng.random((batch, m))
    else:
        if len(rng) != batch:
            raise ValueError(f"expected {batch} generators (one per world), got {len(rng)}")
        normals = np.stack([g.standard_normal(3 * k) for g in rng])
        uniforms = np.stack([g.random(m) for g in rng])
    normals = normals.reshape(batch, 3, n, n)
    pairs = uniforms[:, : 2 * k].reshape(batch, 2, n, n)
    detect = uniforms[:, 2 * k : 2 * k + TREATY_SLOTS * n].reshape(batch, TREATY_SLOTS, n)
    review = uniforms[:, 2 * k + TREATY_SLOTS * n :]
    return Noise(
        normals[:, 0], normals[:, 1], normals[:, 2], pairs[:, 0], pairs[:, 1], detect, review
    )


def transparency(world: World, spend: np.ndarray) -> np.ndarray:
    """``[B, N, N]``: how clearly ``i`` sees ``j``, from i's intelligence share of its budget.

    Treaties in force add ``treaty_transparency * verification`` between their parties.
    """
    share = spend[:, :, INTEL] / np.maximum(budget(world), 1e-12)
    t = 1.0 - np.exp(-10.0 * world.param("intel_effect")[:, None] * share)
    t = np.broadcast_to(t[:, :, None], world.tension.shape).copy()
    # Verified treaties let their parties see each other more clearly.
    t = np.clip(t + transparency_bonus(world), 0.0, 1.0)
    t[:, np.eye(world.n, dtype=bool)] = 1.0
    return t


@dataclass(frozen=True)
class Sight:
    """What every state saw of every other this turn."""

    seen_reach: np.ndarray  # [B, i, j]
    seen_shield: np.ndarray
    misread: np.ndarray  # [B, i, j] share of j's shield build that i took for reach (0/1 or mean)
    signal: np.ndarray  # [B, i, j] seen arms build of j, as a share of j's budget (cuts negative)
    spread: np.ndarray  # [B, i, j] sigma_ij = sigma0 * (1 - transparency)


def observe(
    world: World,
    reach: np.ndarray,
    shield: np.ndarray,
    spend: np.ndarray,
    cut: np.ndarray,
    clarity: np.ndarray,
    noise: Noise,
    built_shield: np.ndarray | None = None,
) -> Sight:
    """Noisy sight: ``seen_x[i, j] = x_j * exp(sigma_ij * eps)``, ``sigma_ij = sigma0 (1 - t_ij)``.

    With probability ``1 - delta`` the shield ``j`` built this turn is seen by ``i`` as reach.
    ``built_shield`` ``[B, N]`` is the shield each state's spending bought (a joint programme's
    pooled tech buys more than the state's own); by default, the spending at its own tech.
    """
    sigma = world.param("noise")[:, None, None] * (1.0 - clarity)
    delta = world.param("distinguishability")[:, None, None]
    costs = unit_costs(world)
    if built_shield is None:
        built_shield = spend[:, :, SHIELD] / costs[:, :, 1]
    built_shield = np.asarray(built_shield)[:, None, :]
    misread = np.where(np.isnan(noise.misread), 1.0 - delta, (noise.misread < 1.0 - delta))
    misread = misread * np.ones_like(sigma)
    eye = np.eye(world.n, dtype=bool)
    misread = np.where(eye, 0.0, misread)
    confused = misread * built_shield
    seen_reach = (reach[:, None, :] + confused) * np.exp(sigma * noise.sight_reach)
    seen_shield = np.maximum(shield[:, None, :] - confused, 0.0) * np.exp(
        sigma * noise.sight_shield
    )

    # What i reads into j's conduct: reach bought, shield bought (less alarming when seen for what
    # it is), reach dismantled (a cut counts at what it cost to build), as a share of j's budget.
    b = np.maximum(budget(world), 1e-12)[:, None, :]
    weight = world.param("shield_signal")[:, None, None]
    shield_read = misread + (1.0 - misread) * weight
    cut_value = (cut * costs[:, :, 0])[:, None, :]
    signal = (spend[:, None, :, REACH] + shield_read * spend[:, None, :, SHIELD] - cut_value) / b
    signal = signal + sigma * noise.signal
    signal = np.where(eye, 0.0, signal)
    return Sight(seen_reach, seen_shield, misread, signal, sigma)


def update_beliefs(world: World, sight: Sight, evidence: np.ndarray | None = None) -> np.ndarray:
    """Bayes' rule on the seen signal, with kind-dependent Gaussian likelihoods.

    A security seeker's arms build share is centred on ``signal_seeker``, an expansionist's on
    ``signal_expansionist``; both spread by ``signal_spread`` widened by the observer's noise.
    The log-likelihood ratio is linear in the signal, so a larger cut always raises the belief
    that the cutter is a security seeker more than a smaller one (Kydd's costly reassurance).
    ``evidence`` adds diplomatic evidence in log-odds (cheap talk, a withdrawal, a violation).
    """
    mu_s = world.param("signal_seeker")[:, None, None]
    mu_e = world.param("signal_expansionist")[:, None, None]
    spread2 = world.param("signal_spread")[:, None, None] ** 2 + sight.spread**2
    llr = (mu_s - mu_e) / spread2 * (sight.signal - 0.5 * (mu_s + mu_e))
    prior = np.clip(world.belief, BELIEF_EDGE, 1.0 - BELIEF_EDGE)
    logit = np.log(prior) - np.log1p(-prior) + llr
    if evidence is not None:  # diplomatic evidence in log-odds: talk, withdrawals, violations
        logit = logit + evidence
    edge = np.log(1.0 - BELIEF_EDGE) - np.log(BELIEF_EDGE)
    post = 1.0 / (1.0 + np.exp(-np.clip(logit, -edge, edge)))
    return np.where(np.eye(world.n, dtype=bool), 1.0, post)


def seen_world(world: World, i: int) -> World:
    """The world as state ``i`` sees it: its own stocks true, everyone else's reach and shield as
    it last saw them (what a player's screen, the lens and a policy may use; hidden kinds are
    not used by the rules)."""
    reach = world.seen_reach[:, i, :].copy()
    shield = world.seen_shield[:, i, :].copy()
    reach[:, i] = world.reach[:, i]
    shield[:, i] = world.shield[:, i]
    return world.replace(reach=reach, shield=shield)


def private_view(world: World, i: int, kinds: np.ndarray | None = None) -> World:
    """The world as state ``i`` knows it, with nothing it has not seen: what a strategist may
    project from (never the truth).

    On top of :func:`seen_world` (others' reach and shield as ``i`` last saw them):

    - others' hidden kinds are ``kinds`` ``[B, N]`` (a sample of what ``i`` believes), or the kind
      ``i`` thinks likelier (belief below 1/2: expansionist); its own kind is its own;
    - what others believe is unknown to ``i``: it assumes each believes of a third what ``i``
      believes, and believes of ``i`` what ``i`` believes of it (trust taken to be mutual);
    - others' hidden cheat flags are cleared, and their last spending is read off the arms build
      ``i`` saw them make (``seen_build``, a share of their budget, into reach), the rest civilian;
    - what others see is what ``i`` sees.
    """
    seen = seen_world(world, i)
    b, n = world.batch, world.n
    others = np.arange(n) != i
    if kinds is None:
        kinds = np.where(world.belief[:, i, :] < 0.5, EXPANSIONIST, SECURITY_SEEKER)
    kind = np.where(others[None, :], kinds, world.kind).astype(world.kind.dtype)
    mine = world.belief[:, i, :]  # [B, N]
    belief = np.broadcast_to(mine[:, None, :], (b, n, n)).copy()
    belief[:, :, i] = mine  # j's belief about i: what i believes of j (mutual trust)
    belief[:, i, :] = mine
    belief[:, np.arange(n), np.arange(n)] = 1.0

    def row(a: np.ndarray) -> np.ndarray:
        return np.broadcast_to(a[:, i : i + 1, :], a.shape).copy()

    spend = world.last_spend.copy()
    budget_now = spend.sum(axis=2)  # what each spent last turn: its budget then
    build = np.clip(world.seen_build[:, i, :], 0.0, 1.0)  # [B, N]
    guess = np.zeros_like(spend)
    guess[:, :, REACH] = build * budget_now
    guess[:, :, CIVILIAN] = budget_now - guess[:, :, REACH]
    spend = np.where(others[None, :, None], guess, spend)
    cheat = world.treaty_cheat * (~others)[None, None, :]
    return seen.replace(
        kind=kind,
        belief=belief,
        last_spend=spend,
        treaty_cheat=cheat,
        seen_reach=row(seen.seen_reach),
        seen_shield=row(seen.seen_shield),
        seen_build=row(seen.seen_build),
        transparency=row(seen.transparency),
    )
