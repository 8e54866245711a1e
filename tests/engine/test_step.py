"""The one transition, ``step(world, orders, rng)``: invariants, budgets, determinism, batching.

Model.md section 10: deterministic under a seed; no NaN or infinity; stocks non-negative; budgets
balance; a batch of B worlds equals B single runs with the same seeds.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import (
    Orders,
    Params,
    StateSpec,
    World,
    check_world,
    initial_world,
    step,
)
from game.engine.actions import BACK_DOWN, STAND_FIRM
from game.engine.deterrence import exchange
from game.engine.orders import budget
from game.engine.state import CIVILIAN

from .worlds import (
    ARM,
    HOLD,
    Scenario,
    answering,
    brink,
    escalate,
    play,
    play_random,
    random_orders,
    rng_for,
    scenarios,
    seeds,
    spent,
    worlds,
)

TURNS = 4


def rivals(batch: int = 1) -> World:
    """Aurum and Borea, each with 10 reach, in ``batch`` identical worlds."""
    return initial_world(
        Params(),
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        uniforms=np.ones((batch, 2)),
    )


def same_arrays(a: World, b: World) -> bool:
    return all(np.array_equal(x, b.arrays()[k]) for k, x in a.arrays().items())


# --------------------------------------------------------------------------------------------
# Invariants.
# --------------------------------------------------------------------------------------------


@given(worlds(batch=2, caps=True), seeds(), seeds())
def test_random_play_keeps_every_world_sound(world, orders_seed, seed):
    # No NaN or infinity, no negative stock, economy above zero, every share in [0, 1].
    assert check_world(world) == []
    game = play_random(world, orders_seed, seed, TURNS)
    for t, w in enumerate(game.worlds):
        assert check_world(w) == [], f"turn {t}"
        assert w.turn == t
        np.testing.assert_array_equal(w.tension, np.swapaxes(w.tension, 1, 2))
        assert np.all(np.diagonal(w.belief, axis1=1, axis2=2) == 1.0)


@given(worlds(caps=True), seeds(), seeds())
def test_step_never_changes_the_world_it_is_given(world, orders_seed, seed):
    digest = world.digest()
    orders = random_orders(world, np.random.default_rng(orders_seed))
    step(world, orders, np.random.default_rng(seed))
    assert world.digest() == digest


# --------------------------------------------------------------------------------------------
# Budgets balance.
# --------------------------------------------------------------------------------------------


@given(worlds(batch=2, caps=True), seeds(), seeds())
def test_budgets_balance_every_turn(world, orders_seed, seed):
    # Random play includes drills and inspections: their sunk costs and the spending add up to
    # exactly the budget.
    game = play_random(world, orders_seed, seed, TURNS)
    for before, events in zip(game.worlds[:-1], game.events, strict=True):
        np.testing.assert_allclose(spent(events) + events.costs, budget(before), rtol=1e-9, atol=0)
        # Nothing is spent negatively (the civilian rest may round to -1e-14 of a full budget).
        assert np.all(events.spend >= -1e-12 * budget(before)[..., None])


@given(worlds(batch=2, caps=True), seeds(), st.floats(0.0, 1.0))
def test_the_unspent_rest_of_the_budget_goes_to_the_civilian_economy(world, orders_seed, keep):
    orders = random_orders(world, np.random.default_rng(orders_seed))
    spend = orders.spend.copy()
    rest = budget(world) - spend[..., :CIVILIAN].sum(axis=2)
    spend[..., CIVILIAN] = keep * np.maximum(rest, 0.0)  # order only part of what is left
    _, events = step(world, Orders(spend=spend, cut=orders.cut), None)
    np.testing.assert_allclose(events.spend[..., :CIVILIAN], spend[..., :CIVILIAN], rtol=0)
    np.testing.assert_allclose(events.spend[..., CIVILIAN], rest, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------------------------
# Determinism and batching.
# --------------------------------------------------------------------------------------------


def events_arrays(events) -> dict[str, np.ndarray]:
    return {
        f.name: getattr(events, f.name)
        for f in dataclasses.fields(events)
        if isinstance(getattr(events, f.name), np.ndarray)
    }


# review_chance 0 while Events.records() fails on a programme review (see
# test_diplomacy.py::test_a_programme_review_is_recorded_as_plain_data).
@given(worlds(batch=2, caps=True, review_chance=0.0), seeds(), seeds())
def test_the_same_seed_gives_bit_identical_worlds_and_events(world, orders_seed, seed):
    first = play_random(world, orders_seed, seed, TURNS)
    again = play_random(world, orders_seed, seed, TURNS)
    assert [w.digest() for w in first.worlds] == [w.digest() for w in again.worlds]
    for e1, e2 in zip(first.events, again.events, strict=True):
        for name, arr in events_arrays(e1).items():
            np.testing.assert_array_equal(arr, events_arrays(e2)[name], err_msg=name)
        assert [r.to_dict() for r in e1.records(0)] == [r.to_dict() for r in e2.records(0)]
        assert [r.to_dict() for r in e1.records(1)] == [r.to_dict() for r in e2.records(1)]


def test_different_seeds_give_different_sight():
    world = rivals()
    a = play(world, HOLD, seed=1, turns=1).final
    b = play(world, HOLD, seed=2, turns=1).final
    assert a.digest() != b.digest()
    assert a.seen_reach[0, 0, 1] != b.seen_reach[0, 0, 1]


def test_the_expected_turn_without_chance_is_deterministic_and_noise_free():
    world = rivals()
    a = play(world, ARM, seed=None, turns=3).final
    b = play(world, ARM, seed=None, turns=3).final
    assert a.digest() == b.digest()
    # Without chance every state sees exactly what the other holds.
    np.testing.assert_allclose(a.seen_reach[0], np.broadcast_to(a.reach[0], (2, 2)))


def single_params(params: Params, b: int) -> Params:
    """World ``b``'s own parameters, as plain floats."""
    fields = {}
    for f in dataclasses.fields(params):
        v = getattr(params, f.name)
        fields[f.name] = float(v[b]) if isinstance(v, np.ndarray) else v
    return Params(**fields)


@given(
    scenarios(batch=3, per_world=True, caps=True, review_chance=0.0),
    st.lists(seeds(), min_size=3, max_size=3),
    seeds(),
)
def test_a_batch_of_worlds_equals_single_runs_with_the_same_seeds(
    scenario: Scenario, world_seeds, orders_seed
):
    n = len(scenario.states)
    streams = [np.random.default_rng(s) for s in world_seeds]
    batch = scenario.world(uniforms=np.stack([g.random(n) for g in streams]))
    singles = []
    for b, s in enumerate(world_seeds):
        g = np.random.default_rng(s)
        w = scenario.world(uniforms=g.random((1, n)), params=single_params(scenario.params, b))
        singles.append((w, g))
    order_rng = np.random.default_rng(orders_seed)
    for turn in range(TURNS):
        for b, (w, _) in enumerate(singles):
            assert batch.select(b).digest() == w.digest(), f"world {b} before turn {turn}"
        orders = random_orders(batch, order_rng)
        batch, batch_events = step(batch, orders, streams)
        for b, (w, g) in enumerate(singles):
            w, events = step(w, orders.select(b), g)
            singles[b] = (w, g)
            for name, arr in events_arrays(events).items():
                np.testing.assert_array_equal(
                    arr, events_arrays(batch_events)[name][b : b + 1], err_msg=name
                )
            assert [r.to_dict() for r in events.records(0)] == [
                r.to_dict() for r in batch_events.records(b)
            ]
    for b, (w, _) in enumerate(singles):
        assert batch.select(b).digest() == w.digest()


@given(worlds(), seeds())
def test_one_generator_for_a_batch_of_one_is_the_same_stream_as_a_list_of_one(world, seed):
    orders = Orders.hold(world)
    a, _ = step(world, orders, np.random.default_rng(seed))
    b, _ = step(world, orders, [np.random.default_rng(seed)])
    assert a.digest() == b.digest()


def test_a_batch_needs_one_generator_per_world():
    world = rivals(batch=3)
    with pytest.raises(ValueError, match="expected 3 generators"):
        step(world, Orders.hold(world), [np.random.default_rng(0)])


# --------------------------------------------------------------------------------------------
# War ends a world, and a world that is over stays frozen.
# --------------------------------------------------------------------------------------------


def test_war_at_the_brink_is_certain_when_both_escalate_and_ends_the_game():
    world = brink()
    after, events = step(world, escalate(world), np.random.default_rng(0))
    assert events.war_odds[0, 0, 1] == pytest.approx(1.0)
    assert bool(events.war_started[0]) is True
    assert bool(after.over[0]) is True
    floor = 0.3  # war_damage_floor: nobody wins
    assert np.all(events.war_loss[0] >= floor)
    # Both states are poorer than they would have been had they stood firm (no war).
    firm, firm_events = step(world, Orders.hold(world), np.random.default_rng(0))
    assert not firm_events.war_started.any()
    assert np.all(after.economy < firm.economy)


def test_at_the_brink_war_comes_only_from_the_crisis_answers():
    # Same crisis, same tension, same zero stability: standing firm or backing down is peace.
    world = brink()
    for answer in (BACK_DOWN, STAND_FIRM):
        after, events = step(world, answering(world, answer), np.random.default_rng(0))
        assert np.all(events.war_odds == 0.0)
        assert not bool(after.over[0])
    # Out of a crisis the escalation odds are nil (and an answer would be illegal).
    calm = world.replace(crisis=np.zeros_like(world.crisis))
    _, events = step(calm, Orders.hold(calm), np.random.default_rng(0))
    assert np.all(events.war_odds == 0.0)


@given(seeds(), seeds())
def test_a_world_at_war_stays_frozen_afterwards(seed, orders_seed):
    world = brink()
    rng = np.random.default_rng(seed)
    at_war, _ = step(world, escalate(world), rng)
    assert bool(at_war.over[0])
    order_rng = np.random.default_rng(orders_seed)
    w = at_war
    for turn in range(1, 4):
        w, events = step(w, random_orders(w, order_rng), rng)
        assert same_arrays(w, at_war)
        assert w.turn == turn + 1
        assert np.all(events.war_odds == 0.0)
        assert not events.war_started.any()
        assert events.records(0) == []


@given(worlds(batch=3, caps=True, base_war_risk=1.0, crisis_threshold=0.3), seeds(), seeds())
def test_in_a_batch_only_the_worlds_at_war_freeze(world, orders_seed, seed):
    game = play_random(world, orders_seed, seed, TURNS)
    for before, after in pairwise(game.worlds):
        for b in np.flatnonzero(before.over):
            assert same_arrays(before.select(b), after.select(b))
        assert np.all(after.over >= before.over)  # once over, always over


def fresh_exchange(world: World):
    """The exchange of ``world`` computed anew (a copy of the world keeps nothing)."""
    return exchange(world.replace())


@pytest.mark.parametrize("seed", [0, None])
def test_the_world_a_turn_leaves_keeps_its_exchange_for_the_next_turn(seed):
    """The next turn reads the exchange of the world it starts from several times (the crisis
    odds, the public view, the margins before the turn): step's own serves them, unchanged."""
    world = rivals(batch=3)
    after, events = step(world, Orders.from_shares(world, ARM), rng_for(seed))
    kept = exchange(after)
    assert kept.margin is events.margin and kept.stability is events.stability
    again = fresh_exchange(after)
    for field in dataclasses.fields(kept):
        assert np.array_equal(getattr(kept, field.name), getattr(again, field.name))
        assert not getattr(kept, field.name).flags.writeable  # every reader shares it
    assert events.margin_before is not None
    _, following = step(after, Orders.hold(after), rng_for(seed))
    assert following.margin_before is kept.margin


def test_a_world_a_war_changed_keeps_its_own_exchange():
    """A war takes economy away after the exchange was run: the world cannot keep that one, so
    it computes its own the first time it is asked for, and keeps that."""
    world = brink()
    after, events = step(world, escalate(world), rng_for(0))
    assert events.war_started.all()
    own = exchange(after)
    assert exchange(after) is own  # computed once
    assert np.array_equal(own.margin, fresh_exchange(after).margin)
    assert not np.array_equal(own.margin, events.margin)


def test_a_batch_with_a_world_over_keeps_the_frozen_worlds_exchange():
    """A world already over keeps its old stocks (the others move on): the batch's exchange is
    computed on what the worlds hold, and equals each world's own."""
    world = brink().tile(2)
    world = world.replace(over=np.array([True, False]))
    after, events = step(world, Orders.from_shares(world, ARM), rng_for([0, 1]))
    kept = exchange(after)
    for field in dataclasses.fields(kept):
        assert np.array_equal(getattr(kept, field.name), getattr(fresh_exchange(after), field.name))
    for b in range(2):
        assert np.array_equal(kept.margin[b], fresh_exchange(after.select(b)).margin[0])
