"""Noisy sight, distinguishability and Bayesian belief (model.md section 5).

``seen_x[i, j] = x_j * exp(sigma_ij * eps)`` with ``sigma_ij = sigma0 * (1 - transparency_ij)``;
with probability ``1 - delta`` a shield build is seen as reach (Jervis); beliefs about a rival's
kind follow Bayes' rule, and a costly unilateral cut moves them most (Kydd).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Orders, Params, StateSpec, initial_world, step
from game.engine.perception import BELIEF_EDGE

from .worlds import HOLD, pairs, play, seeds, share, shares_for, unit, worlds

A, B = 0, 1


def rivals(params: Params | None = None, batch: int = 1, **aurum):
    """Aurum and Borea, each with 10 reach; both priors 0.3 expansionist."""
    return initial_world(
        params or Params(),
        (StateSpec("Aurum", reach=10.0, **aurum), StateSpec("Borea", reach=10.0)),
        uniforms=np.ones((batch, 2)),
    )


# --------------------------------------------------------------------------------------------
# Transparency: the less a state sees, the wider its error.
# --------------------------------------------------------------------------------------------


def sight_error(world, observer: int, observed: int, intel: float, seed: int) -> float:
    """``|log(seen / true)|`` of the reach ``observer`` sees ``observed`` hold, after it spends
    ``intel`` of its budget on intelligence."""
    shares = shares_for(world, {observer: share(intel=intel)})
    after, _ = step(world, Orders.from_shares(world, shares), np.random.default_rng(seed))
    return abs(math.log(after.seen_reach[0, observer, observed] / after.reach[0, observed]))


# No programme review: a review after sight would send assets home unseen this turn, so the
# error would not be the noise alone (see test_diplomacy.py, the review seen by clear sight).
@given(worlds(review_chance=0.0), st.data(), unit(0.0, 1.0), unit(0.0, 1.0), seeds())
def test_less_transparency_widens_what_is_seen_under_the_same_noise(world, data, a, b, seed):
    i, j = data.draw(pairs(world), label="observer, observed")
    reach = world.reach.copy()
    reach[0, j] = max(reach[0, j], 1.0)  # something to see
    world = world.replace(reach=reach)
    low, high = sorted((a, b))
    # Everyone else holds: j builds no shield, so nothing is misread and only the noise differs.
    assert sight_error(world, i, j, low, seed) >= sight_error(world, i, j, high, seed) - 1e-12


def test_intelligence_spending_buys_transparency():
    world = rivals()
    after = play(world, shares_for(world, {A: share(intel=0.2)}), seed=3, turns=1).final
    # t = 1 - exp(-10 * intel_effect (0.5) * share (0.2)) = 1 - e^-1
    assert after.transparency[0, A, B] == pytest.approx(1.0 - math.exp(-1.0))
    assert after.transparency[0, B, A] == 0.0  # Borea bought none
    assert np.all(np.diagonal(after.transparency[0]) == 1.0)


def test_over_many_seeds_the_spread_of_what_is_seen_grows_as_transparency_falls():
    worlds_ = 400
    world = rivals(batch=worlds_)
    streams = lambda: [np.random.default_rng(s) for s in range(worlds_)]  # noqa: E731
    spread = {}
    for intel in (0.0, 0.1, 0.3):
        shares = shares_for(world, {A: share(intel=intel)})
        after, _ = step(world, Orders.from_shares(world, shares), streams())
        spread[intel] = np.std(np.log(after.seen_reach[:, A, B] / after.reach[:, B]))
    assert spread[0.0] > spread[0.1] > spread[0.3]
    # The spread is sigma0 * (1 - t): 0.3 without intelligence, 0.3 * e^-0.5 and 0.3 * e^-1.5.
    assert spread[0.0] == pytest.approx(0.3, rel=0.15)
    assert spread[0.1] == pytest.approx(0.3 * math.exp(-0.5), rel=0.15)
    assert spread[0.3] == pytest.approx(0.3 * math.exp(-1.5), rel=0.15)


def test_without_noise_everyone_sees_the_truth():
    world = rivals(Params(noise=0.0))
    after = play(world, shares_for(world, {A: share(reach=0.3)}), seed=8, turns=2).final
    np.testing.assert_allclose(after.seen_reach[0], np.broadcast_to(after.reach[0], (2, 2)))


# --------------------------------------------------------------------------------------------
# Distinguishability: defence that cannot be told from offence (Jervis).
# --------------------------------------------------------------------------------------------


def shield_build(delta: float, seed):
    world = rivals(Params(noise=0.0, distinguishability=delta))
    return step(
        world,
        Orders.from_shares(world, shares_for(world, {A: share(shield=0.5)})),
        None if seed is None else np.random.default_rng(seed),
    )


def test_an_indistinguishable_shield_build_is_seen_as_new_reach():
    after, events = shield_build(delta=0.0, seed=1)
    built = 10.0  # half of Aurum's budget of 20, at a unit cost of 1
    assert events.misread[0, B, A] == 1.0
    assert after.seen_reach[0, B, A] == pytest.approx(after.reach[0, A] + built)
    assert after.seen_shield[0, B, A] == pytest.approx(after.shield[0, A] - built)


def test_a_distinguishable_shield_build_is_seen_for_what_it_is():
    after, events = shield_build(delta=1.0, seed=1)
    assert events.misread[0, B, A] == 0.0
    assert after.seen_reach[0, B, A] == pytest.approx(after.reach[0, A])
    assert after.seen_shield[0, B, A] == pytest.approx(after.shield[0, A])


@pytest.mark.parametrize("delta", [0.2, 0.5, 0.9])
def test_a_shield_build_is_misread_with_probability_one_minus_delta(delta):
    misread = [float(shield_build(delta, seed)[1].misread[0, B, A]) for seed in range(400)]
    assert np.mean(misread) == pytest.approx(1.0 - delta, abs=0.07)
    # Without chance the expected turn takes the expected share of the build for reach.
    assert float(shield_build(delta, None)[1].misread[0, B, A]) == pytest.approx(1.0 - delta)


# --------------------------------------------------------------------------------------------
# Beliefs: Bayes' rule on what a rival is seen to do; the costly signal moves them most (Kydd).
# --------------------------------------------------------------------------------------------


def belief_after(world, i: int, j: int, shares: np.ndarray, cut: float, seed) -> float:
    """``j``'s belief that ``i`` is a security seeker after ``i`` spends ``shares`` and cuts."""
    cuts = np.zeros((world.batch, world.n))
    cuts[0, i] = cut
    orders = Orders.from_shares(world, shares_for(world, {i: shares}), cut=cuts)
    rng = None if seed is None else np.random.default_rng(seed)
    return float(step(world, orders, rng)[0].belief[0, j, i])


def not_at_edge(belief: float) -> bool:
    return BELIEF_EDGE + 1e-12 < belief < 1.0 - BELIEF_EDGE - 1e-12


@given(worlds(), st.data(), unit(0.0, 1.0), unit(0.0, 1.0), seeds())
def test_a_larger_unilateral_cut_raises_the_rivals_belief_more(world, data, a, b, seed):
    i, j = data.draw(pairs(world), label="cutter, observer")
    reach = world.reach.copy()
    reach[0, i] = max(reach[0, i], 1.0)
    world = world.replace(reach=reach)
    small, large = sorted((a, b))
    after_small = belief_after(world, i, j, HOLD, small * reach[0, i], seed)
    after_large = belief_after(world, i, j, HOLD, large * reach[0, i], seed)
    assert after_large >= after_small
    if large - small > 1e-3 and not_at_edge(after_small) and not_at_edge(after_large):
        assert after_large > after_small


@given(worlds(), st.data(), unit(0.01, 1.0), unit(0.05, 1.0), seeds())
def test_a_costly_cut_raises_belief_more_than_holding_and_arming_lowers_it(
    world, data, cut_share, arm_share, seed
):
    i, j = data.draw(pairs(world), label="actor, observer")
    reach = world.reach.copy()
    reach[0, i] = max(reach[0, i], 1.0)
    world = world.replace(reach=reach)
    cut = belief_after(world, i, j, HOLD, cut_share * reach[0, i], seed)
    hold = belief_after(world, i, j, HOLD, 0.0, seed)
    arm = belief_after(world, i, j, share(reach=arm_share), 0.0, seed)
    assert cut >= hold >= arm
    if not_at_edge(hold):
        assert cut > hold > arm


def test_holding_reassures_a_little_a_cut_a_lot_and_arming_alarms():
    # Expected turn (no chance). Borea starts at the common prior: 0.7 that Aurum is a seeker.
    world = rivals()
    prior = float(world.belief[0, B, A])
    assert prior == pytest.approx(0.7)
    hold = belief_after(world, A, B, HOLD, 0.0, None)
    cut = belief_after(world, A, B, HOLD, 5.0, None)
    arm = belief_after(world, A, B, share(reach=0.5), 0.0, None)
    assert arm < prior < hold < cut
    # In log-odds: a seen build share x shifts them by (0 - 0.4) / (0.3^2 + 0.3^2) * (x - 0.2).
    # Holding shows x = 0: +0.444. Cutting 5 reach (worth 5 of a budget of 20) shows x = -0.25:
    # +1.0, more than twice as much: the costly signal moves beliefs most.
    assert logit(hold) - logit(prior) == pytest.approx(0.4 / 0.18 * 0.2)
    assert logit(cut) - logit(prior) == pytest.approx(0.4 / 0.18 * 0.45)
    assert logit(arm) - logit(prior) == pytest.approx(-0.4 / 0.18 * 0.3)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def gaussian(x: float, mean: float, sd: float) -> float:
    return math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi))


def test_belief_update_is_bayes_rule_with_kind_dependent_likelihoods():
    # Aurum spends half its budget on reach: Borea sees a build share of 0.5 (expected turn).
    # A seeker's build share is N(0, 0.3^2 + sigma^2), an expansionist's N(0.4, ...), with
    # sigma = 0.3 (Borea buys no intelligence). Bayes: p L_s / (p L_s + (1 - p) L_e).
    world = rivals()
    sd = math.sqrt(0.3**2 + 0.3**2)
    p = 0.7
    like_seeker, like_exp = gaussian(0.5, 0.0, sd), gaussian(0.5, 0.4, sd)
    expected = p * like_seeker / (p * like_seeker + (1 - p) * like_exp)
    assert belief_after(world, A, B, share(reach=0.5), 0.0, None) == pytest.approx(expected)


def test_a_state_is_always_sure_of_its_own_kind():
    world = rivals()
    after = play(world, shares_for(world, {A: share(reach=0.8)}), seed=4, turns=3).final
    assert np.all(np.diagonal(after.belief[0]) == 1.0)


def test_a_misread_shield_build_is_seen_at_the_size_the_programme_built():
    """A partner in a joint programme builds shield with the pooled money and tech: when a rival
    takes that build for reach, it sees the shield actually built, not what the spending would
    buy alone."""
    specs = [
        StateSpec("Low", economy=100.0, tech=0.6),
        StateSpec("High", economy=100.0, tech=1.8),
        StateSpec("Rival", economy=100.0),
    ]
    params = Params(noise=0.0, distinguishability=0.0)  # every shield build is misread
    world = initial_world(params, specs)
    world = world.replace(programme=world.programme.copy())
    world.programme[0, 0, 1] = world.programme[0, 1, 0] = 1.0
    spend = np.zeros((1, 3, 5))
    spend[0, :, 4] = 20.0  # every budget (100 x tax 0.2) to the economy...
    spend[0, 0, 1], spend[0, 0, 4] = 10.0, 10.0  # ...but Low puts half into shield
    after, _ = step(world, Orders(spend=spend, cut=np.zeros((1, 3))), np.random.default_rng(0))
    built = after.shield[0, 0] - world.shield[0, 0] * (1 - params.attrition)
    # Half the pot (Low's 10, High's 0) at the partner's tech.
    assert built == pytest.approx(0.5 * 10.0 * 1.8 / params.shield_cost)
    seen_extra = after.seen_reach[0, 2, 0] - after.reach[0, 0]
    assert seen_extra == pytest.approx(built)
