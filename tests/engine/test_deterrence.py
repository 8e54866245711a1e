"""The strike exchange, the deterrence condition and first-strike stability (model.md 2-3).

``exchange(world)`` gives, for every ordered pair ``(i, j)``: ``first_strike[i, j]`` = D1[i -> j],
``retaliation[i, j]`` = D2[i -> j] (i's survivors hitting j after j struck first),
``rho[i, j]`` = j's ratio of the cost of striking first to the cost of waiting, against i, and
``stability[i, j]`` = FSS = rho_i * rho_j.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from game.engine import (
    Deployment,
    Link,
    Params,
    StateSpec,
    deterrence_margins,
    exchange,
    first_strike_stability,
    initial_world,
    leak,
)
from game.engine.deterrence import host_exposure

from .worlds import amounts, economies, pairs, unit, worlds

#: Floating-point slack for "never raises": far below anything a player could see.
TOL = 1e-12
A, B, C = 0, 1, 2


def add_at(arr: np.ndarray, index: tuple, amount: float) -> np.ndarray:
    out = arr.copy()
    out[(0, *index)] += amount
    return out


# --------------------------------------------------------------------------------------------
# A worked example, computed by hand.
# --------------------------------------------------------------------------------------------


def worked_example():
    """Aurum keeps 12 reach and 4 shield at home and stations 4 reach and 3 shield at its ally
    Cindral.

    Borea has 10 reach and a small shield. eta = 1, kappa = 0.5, beta = 2, theta = 0.15.
    """
    params = Params(
        shield_efficiency=1.0, counterforce=0.5, forward_bonus=2.0, unacceptable_damage=0.15
    )
    states = (
        StateSpec("Aurum", economy=100.0, reach=12.0, shield=4.0, hardening=0.5),
        StateSpec("Borea", economy=80.0, reach=10.0, shield=2.0, hardening=0.0),
        StateSpec("Cindral", economy=50.0),
    )
    return initial_world(
        params,
        states,
        links=(Link(A, C, alliance=True),),
        deployments=(Deployment(patron=A, host=C, reach=4.0, shield=3.0),),
    )


def test_worked_example_effective_reach_and_shield():
    ex = exchange(worked_example())
    # Aurum: 12 at home + beta 2 * 4 forward = 20. Cindral's own shield is 0, plus 3 from its ally.
    assert ex.effective_reach[0].tolist() == [20.0, 10.0, 0.0]
    # Aurum's forward shield guards Aurum too, with the forward bonus: 4 at home + 2 * 3 = 10.
    assert ex.effective_shield[0].tolist() == [10.0, 2.0, 3.0]


def test_worked_example_first_strike_damage_is_what_leaks_through():
    ex = exchange(worked_example())
    d1 = ex.first_strike[0]
    assert d1[A, B] == pytest.approx(20.0 - 2.0)  # 18: Borea's shield stops 2
    assert d1[B, A] == 0.0  # Borea's 10 against Aurum's effective 10: nothing leaks through
    assert d1[A, C] == pytest.approx(20.0 - 3.0)  # 17: the patron's shield covers its host
    assert d1[B, C] == pytest.approx(10.0 - 3.0)  # 7
    assert d1[C].tolist() == [0.0, 0.0, 0.0]  # Cindral has no reach
    assert np.diag(d1).tolist() == [0.0, 0.0, 0.0]


def test_worked_example_survivors_of_a_disarming_strike():
    ex = exchange(worked_example())
    # Borea strikes Aurum first with 10 against Aurum's 16 exposed (12 home + 4 forward): m = 10/16.
    # Home: 12 * (1 - 0.5 * (1 - 0.5) * 0.625) = 10.125. Forward (never hardened):
    # 4 * (1 - 0.5 * 0.625) = 2.75, at face value: the forward bonus is the edge of surprise,
    # which a retaliation does not have. Together 12.875. (Shields do not change who survives.)
    assert ex.survivors[0, A, B] == pytest.approx(12.875, rel=1e-12)
    # Aurum strikes Borea first with 20 against 10: m = 1, unhardened: 10 * (1 - 0.5) = 5.
    assert ex.survivors[0, B, A] == pytest.approx(5.0, rel=1e-12)
    # Cindral has no reach: nobody's force is exposed to it.
    assert ex.survivors[0, A, C] == pytest.approx(16.0)  # 12 home + 4 forward, face value
    assert ex.survivors[0, B, C] == pytest.approx(10.0)


def test_worked_example_retaliation_and_deterrence_margins():
    ex = exchange(worked_example())
    assert ex.retaliation[0, A, B] == pytest.approx(12.875 - 2.0, rel=1e-12)  # 10.875
    # Borea's 5 survivors against Aurum's effective shield of 10: its retaliation is swallowed.
    assert ex.retaliation[0, B, A] == 0.0
    # margin[i, j] = D2[i -> j] - theta * E_j
    assert ex.margin[0, A, B] == pytest.approx(10.875 - 0.15 * 80.0, rel=1e-12)  # -1.125
    assert ex.margin[0, B, A] == pytest.approx(0.0 - 0.15 * 100.0, rel=1e-12)  # -15
    # Aurum's exposed forward reach leaves its second strike just short of deterring Borea.
    assert bool(ex.deters[0, A, B]) is False
    assert bool(ex.deters[0, B, A]) is False  # Borea's ragged retaliation does not deter Aurum


def test_worked_example_first_strike_stability():
    ex = exchange(worked_example())
    rho_borea = 10.875 / 18.0  # Borea going first costs 10.875; waiting costs 18
    # Aurum's shield (4 at home + 2 * 3 forward) swallows Borea's whole first strike: waiting
    # costs Aurum nothing, and neither does going first (Borea's survivors cannot get through).
    # That is a first-strike posture: rho_Aurum = 0, so the pair is as unstable as it gets.
    rho_aurum = 0.0
    assert ex.rho[0, A, B] == pytest.approx(rho_borea, rel=1e-12)
    assert ex.rho[0, B, A] == rho_aurum
    assert ex.stability[0, A, B] == 0.0
    assert ex.stability[0, B, A] == ex.stability[0, A, B]
    # Cindral threatens no one and loses nothing by waiting: its pairs are perfectly stable.
    assert ex.stability[0, A, C] == pytest.approx(1.0)
    assert ex.stability[0, B, C] == pytest.approx(1.0)
    assert first_strike_stability(worked_example()).tolist() == ex.stability.tolist()


def test_worked_example_a_forward_shield_guards_its_patron_more_than_the_same_shield_at_home():
    """Bring Aurum's 3 forward shield home: its shield is then 4 + 3 = 7 instead of an effective
    4 + 2 * 3 = 10, Borea's first strike on Aurum leaks 3 instead of nothing, and Cindral loses
    its cover."""
    world = worked_example()
    home = world.replace(
        shield=world.shield + np.array([[3.0, 0.0, 0.0]]),
        fwd_shield=np.zeros_like(world.fwd_shield),
    )
    fwd, back = exchange(world), exchange(home)
    assert back.effective_shield[0].tolist() == [7.0, 2.0, 0.0]
    assert back.first_strike[0, B, A] == pytest.approx(3.0)
    assert fwd.first_strike[0, B, A] == 0.0


def test_the_host_of_a_patrons_assets_takes_a_share_of_the_rivals_strike():
    # Cindral carries Aurum's forces; Borea is not Aurum's ally and has 10 reach: a share of
    # Borea's whole salvo, host_share (0.25) of 10, lands on Cindral, even though Aurum's shield
    # (with its forward guard) would swallow a strike on Aurum itself. Nobody else is marked.
    world = worked_example()
    ex = exchange(world)
    assert ex.first_strike[0, B, A] == 0.0
    spill = host_exposure(world, ex.first_strike)
    expected = np.zeros((3, 3))
    expected[B, C] = 0.25 * 10.0
    np.testing.assert_allclose(spill[0], expected)
    # More reach for Borea, a larger share on the host.
    stronger = world.replace(reach=world.reach + np.array([[0.0, 6.0, 0.0]]))
    assert host_exposure(stronger, exchange(stronger).first_strike)[0, B, C] == pytest.approx(4.0)


def test_leak_a_shield_absorbs_a_small_salvo_whole_and_is_swamped_by_a_large_one():
    eta = np.array(1.5)
    assert leak(np.array(3.0), np.array(4.0), eta) == 0.0  # 3 against 6 stopped: nothing leaks
    assert leak(np.array(30.0), np.array(4.0), eta) == pytest.approx(24.0)  # 6 stopped of 30


def test_a_shield_that_absorbs_the_whole_threat_reads_as_a_first_strike_posture():
    # As documented in deterrence.exchange: when j's shield swallows i's whole first strike,
    # rho_j = 0 (striking first costs j nothing), so the pair counts as unstable, not stable.
    world = initial_world(
        Params(shield_efficiency=1.0),
        (StateSpec("Aurum", reach=5.0), StateSpec("Borea", reach=20.0, shield=10.0)),
    )
    ex = exchange(world)
    assert ex.first_strike[0, A, B] == 0.0
    assert ex.rho[0, A, B] == 0.0
    assert ex.stability[0, A, B] == 0.0


# --------------------------------------------------------------------------------------------
# Structure of the exchange, over random worlds.
# --------------------------------------------------------------------------------------------


@given(worlds())
def test_stability_is_a_symmetric_index_in_unit_interval_and_one_on_the_diagonal(world):
    ex = exchange(world)
    fss = ex.stability[0]
    assert np.all((fss >= 0.0) & (fss <= 1.0))
    np.testing.assert_array_equal(fss, fss.T)
    assert np.all(np.diag(fss) == 1.0)
    assert np.all((ex.rho >= 0.0) & (ex.rho <= 1.0))


@given(worlds())
def test_survivors_of_a_first_strike_never_exceed_the_force_before_it(world):
    ex = exchange(world)
    assert np.all(ex.survivors[0] >= 0.0)
    assert np.all(ex.survivors[0] <= ex.effective_reach[0][:, None] * (1 + TOL))
    # ... so a second strike never does more than a first strike on the same shield.
    assert np.all(ex.retaliation[0] <= ex.first_strike[0] * (1 + TOL))


@given(worlds())
def test_deterrence_condition_margin_is_retaliation_minus_unacceptable_damage(world):
    ex = exchange(world)
    theta = float(world.param("unacceptable_damage")[0])
    off = ~np.eye(world.n, dtype=bool)
    expected = ex.retaliation[0] - theta * world.economy[0][None, :]
    np.testing.assert_allclose(ex.margin[0][off], expected[off], rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ex.deters[0][off], (ex.margin[0] >= 0.0)[off])
    np.testing.assert_array_equal(deterrence_margins(world), ex.margin)


@given(worlds())
def test_a_state_without_reach_threatens_no_one(world):
    ex = exchange(world)
    unarmed = ex.effective_reach[0] == 0.0
    assert np.all(ex.first_strike[0][unarmed] == 0.0)
    # Its rivals lose nothing by waiting for it: their rho against it is 1.
    assert np.all(ex.rho[0][unarmed] == 1.0)


@given(worlds(counterforce=0.0), st.data())
def test_invulnerable_forces_without_shields_are_perfectly_stable(world, data):
    # kappa = 0: a first strike destroys nothing; no shields: every salvo lands whole; all reach
    # at home (forward reach has the edge of surprise, tested below).
    world = world.replace(
        shield=np.zeros_like(world.shield),
        fwd_shield=np.zeros_like(world.fwd_shield),
        fwd_reach=np.zeros_like(world.fwd_reach),
    )
    ex = exchange(world)
    np.testing.assert_array_equal(ex.rho, np.ones_like(ex.rho))
    np.testing.assert_array_equal(ex.stability, np.ones_like(ex.stability))


def test_forward_reach_keeps_the_edge_of_surprise_even_when_invulnerable():
    """The forward bonus helps a first strike and not the answer to one, so a state that keeps
    reach forward gains by going first even when nothing can be disarmed (kappa = 0)."""
    params = Params(counterforce=0.0, forward_bonus=2.0)
    states = (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0), StateSpec("Cindral"))
    world = initial_world(params, states, deployments=(Deployment(A, C, reach=5.0),))
    ex = exchange(world)
    # Borea's view of Aurum: going first costs Aurum's 15 survivors; waiting costs 10 + 2 * 5.
    assert ex.rho[0, A, B] == pytest.approx(15.0 / 20.0)
    assert ex.rho[0, B, A] == 1.0  # Aurum loses nothing by waiting for Borea's home reach
    assert ex.stability[0, A, B] == pytest.approx(0.75)


@given(
    worlds(min_states=2, max_states=2),
    economies(),
    amounts(60.0),
    amounts(60.0),
    unit(0.0, 1.0),
)
def test_symmetric_postures_give_equal_rho(world, economy, reach, shield, hardening):
    h = min(hardening, float(world.param("hardening_max")[0]))
    same = lambda v: np.full_like(world.economy, v)  # noqa: E731
    world = world.replace(
        economy=same(economy),
        reach=same(reach),
        shield=same(shield),
        hardening=same(h),
        fwd_reach=np.zeros_like(world.fwd_reach),
        fwd_shield=np.zeros_like(world.fwd_shield),
    )
    ex = exchange(world)
    assert ex.rho[0, A, B] == ex.rho[0, B, A]
    assert ex.stability[0, A, B] == ex.rho[0, A, B] ** 2
    assert ex.margin[0, A, B] == ex.margin[0, B, A]


# --------------------------------------------------------------------------------------------
# The arrows of section 3: each posture change moves stability the way the model says.
# --------------------------------------------------------------------------------------------


@given(worlds(), st.data())
def test_more_shield_never_raises_first_strike_stability(world, data):
    j = data.draw(st.integers(0, world.n - 1), label="shielded state")
    extra = data.draw(amounts(60.0, zero_often=False), label="extra shield")
    before = exchange(world).stability[0]
    after = exchange(world.replace(shield=add_at(world.shield, (j,), extra))).stability[0]
    # Every pair with j: no more stable than before.
    assert np.all(after[:, j] <= before[:, j] + TOL)
    # Pairs without j do not notice j's shield at all.
    others = np.array([k for k in range(world.n) if k != j])
    np.testing.assert_array_equal(after[np.ix_(others, others)], before[np.ix_(others, others)])


@given(worlds(), st.data())
def test_more_hardening_never_lowers_first_strike_stability(world, data):
    i = data.draw(st.integers(0, world.n - 1), label="hardening state")
    h_max = float(world.param("hardening_max")[0])
    h = data.draw(unit(float(world.hardening[0, i]), h_max), label="new hardening")
    before = exchange(world).stability[0]
    harder = world.hardening.copy()
    harder[0, i] = h
    after = exchange(world.replace(hardening=harder)).stability[0]
    assert np.all(after[i, :] >= before[i, :] - TOL)


@given(worlds(), unit(0.0, 1.0), unit(0.0, 1.0))
def test_more_counterforce_never_raises_first_strike_stability(world, k1, k2):
    weak, strong = sorted((k1, k2))
    fss_weak = exchange(world.replace(params=world.params.replace(counterforce=weak))).stability
    fss_strong = exchange(world.replace(params=world.params.replace(counterforce=strong))).stability
    assert np.all(fss_strong <= fss_weak + TOL)


def move_forward(world, i: int, h: int, amount: float):
    """``world`` with ``amount`` of i's home reach stationed at host ``h`` instead."""
    reach = add_at(world.reach, (i,), -amount)
    fwd = add_at(world.fwd_reach, (i, h), amount)
    return world.replace(reach=np.maximum(reach, 0.0), fwd_reach=fwd)


@st.composite
def forward_move(draw, unshielded: bool = False):
    """A world with at least three states, a patron i with reach, a host h, an amount to move."""
    world = draw(worlds(min_states=3))
    i, h = draw(pairs(world))
    reach = draw(amounts(60.0, zero_often=False).filter(lambda r: r > 0))
    world = world.replace(reach=add_at(world.reach, (i,), reach - float(world.reach[0, i])))
    if unshielded:
        world = world.replace(
            shield=np.zeros_like(world.shield), fwd_shield=np.zeros_like(world.fwd_shield)
        )
    moved = draw(unit(0.0, 1.0)) * reach
    return world, i, h, moved


@given(forward_move(unshielded=True))
def test_forward_reach_against_unshielded_rivals_is_never_more_stable_than_at_home(case):
    world, i, h, moved = case
    home = exchange(world).stability[0]
    forward = exchange(move_forward(world, i, h, moved)).stability[0]
    rivals = [j for j in range(world.n) if j not in (i, h)]
    assert np.all(forward[i, rivals] <= home[i, rivals] + TOL)


def _forward_counterexample():
    """Borea has a small shield; 5 of Aurum's 10 reach move to Cindral (beta 1.5, kappa 0.6).

    At home: rho_Borea = (4 - 2) / (10 - 2) = 0.25. Forward: Aurum's effective reach grows to
    12.5 and its survivors to 5, so rho_Borea = (5 - 2) / (12.5 - 2) = 0.286, while rho_Aurum
    stays 0.4: FSS rises from 0.100 to 0.114.
    """
    world = initial_world(
        Params(shield_efficiency=1.0, counterforce=0.6, forward_bonus=1.5),
        (
            StateSpec("Aurum", reach=10.0),
            StateSpec("Borea", reach=10.0, shield=2.0),
            StateSpec("Cindral"),
        ),
    )
    return world, A, C, 5.0


@given(forward_move())
@example(_forward_counterexample())
def test_forward_reach_lowers_stability_more_than_the_same_reach_at_home(case):
    world, i, h, moved = case
    home = exchange(world).stability[0]
    forward = exchange(move_forward(world, i, h, moved)).stability[0]
    rivals = [j for j in range(world.n) if j not in (i, h)]
    assert np.all(forward[i, rivals] <= home[i, rivals] + TOL)
