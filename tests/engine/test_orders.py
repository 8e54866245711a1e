"""Orders as data: what is legal, and why an order is not, in words a learner understands."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import (
    CATEGORIES,
    IllegalOrder,
    Orders,
    Params,
    StateOrder,
    StateSpec,
    check,
    initial_world,
    legal_orders,
    step,
    validate,
)
from game.engine.orders import budget

from .worlds import random_orders, seeds, share, shares_for, worlds


def two_states(params: Params | None = None):
    """Aurum (economy 120, budget 24 at tax 0.2, reach 2) and Borea (economy 100, reach 10)."""
    return initial_world(
        params or Params(),
        (
            StateSpec("Aurum", economy=120.0, reach=2.0, hardening=0.3, tech=2.0),
            StateSpec("Borea", economy=100.0, reach=10.0),
        ),
    )


def illegal(world, *orders: StateOrder) -> IllegalOrder:
    with pytest.raises(IllegalOrder) as caught:
        check(world, Orders.from_states(world, list(orders)))
    return caught.value


def test_over_budget_orders_say_what_the_budget_is_and_what_they_spend():
    err = illegal(two_states(), StateOrder(reach=20.0, shield=10.0), StateOrder())
    assert str(err) == "Aurum's budget is 24.0; these orders spend 30.0"
    assert err.problems == ["Aurum's budget is 24.0; these orders spend 30.0"]


def test_negative_spending_is_refused_by_name_and_category():
    err = illegal(two_states(), StateOrder(), StateOrder(shield=-3.0))
    assert str(err) == "Borea cannot spend a negative amount on shield"


def test_negative_reach_spending_points_to_a_cut_instead():
    err = illegal(two_states(), StateOrder(reach=-1.0), StateOrder())
    assert str(err) == (
        "Aurum cannot spend a negative amount on reach (to dismantle reach, order a cut)"
    )


def test_a_cut_deeper_than_the_reach_held_is_refused():
    err = illegal(two_states(), StateOrder(cut=5.0), StateOrder())
    assert str(err) == "Aurum cannot cut 5.0 reach: it has only 2.0"


def test_a_negative_cut_is_refused():
    err = illegal(two_states(), StateOrder(), StateOrder(cut=-1.0))
    assert str(err) == "Borea cannot cut a negative amount of reach"


def test_a_category_the_scenario_does_not_allow_is_refused():
    world = two_states(Params(categories=("reach", "civilian")))
    err = illegal(world, StateOrder(shield=3.0), StateOrder())
    assert str(err) == "this scenario does not allow spending on shield (Aurum ordered 3.0)"
    # Spending on what the lesson allows is fine.
    check(world, Orders.from_states(world, [StateOrder(reach=3.0), StateOrder()]))


def test_nan_orders_are_refused_with_a_clear_message():
    err = illegal(two_states(), StateOrder(reach=float("nan")), StateOrder())
    assert "NaN" in str(err)


def test_nan_orders_name_the_state_that_gave_them():
    err = illegal(two_states(), StateOrder(), StateOrder(hardening=float("nan")))
    assert "Borea" in str(err)


def test_every_problem_is_reported_not_only_the_first():
    err = illegal(two_states(), StateOrder(reach=30.0, cut=5.0), StateOrder(intel=-1.0))
    assert err.problems == [
        "Aurum's budget is 24.0; these orders spend 30.0",
        "Borea cannot spend a negative amount on intel",
        "Aurum cannot cut 5.0 reach: it has only 2.0",
    ]


def test_in_a_batch_the_message_names_the_world():
    world = initial_world(
        Params(),
        (StateSpec("Aurum", economy=120.0), StateSpec("Borea")),
        uniforms=np.ones((2, 2)),
    )
    orders = Orders.hold(world)
    spend = orders.spend.copy()
    spend[1, 0, 0] = 30.0
    problems = validate(world, Orders(spend=spend, cut=orders.cut))
    assert problems == ["Aurum's budget is 24.0; these orders spend 54.0 (world 1)"]


def test_orders_of_the_wrong_shape_are_refused():
    world = two_states()
    problems = validate(world, Orders(spend=np.zeros((1, 3, 5)), cut=np.zeros((1, 3))))
    assert len(problems) == 1 and "wrong shape" in problems[0]


def test_step_refuses_illegal_orders():
    world = two_states()
    with pytest.raises(IllegalOrder, match="Aurum's budget is 24.0"):
        step(world, Orders.from_states(world, [StateOrder(reach=25.0), StateOrder()]), None)


def test_legal_orders_give_the_budget_and_the_unit_costs_after_tech():
    menu = legal_orders(two_states(), 0)
    assert menu.state == "Aurum"
    assert menu.budget == pytest.approx(24.0)  # economy 120 * tax 0.2
    # Tech 2 halves every price: reach 1 -> 0.5, shield 1 -> 0.5, hardening 4 -> 2.
    assert menu.unit_costs == pytest.approx({"reach": 0.5, "shield": 0.5, "hardening": 2.0})
    assert menu.max_cut == 2.0
    assert menu.hardening_room == pytest.approx(0.9 - 0.3)
    assert menu.categories == CATEGORIES


def test_legal_orders_show_only_the_categories_of_the_lesson():
    menu = legal_orders(two_states(Params(categories=("reach", "civilian"))), 1)
    assert menu.state == "Borea"
    assert menu.categories == ("reach", "civilian")
    assert menu.budget == pytest.approx(20.0)


def test_from_shares_scales_an_over_asked_budget_back_and_puts_the_rest_in_civilian():
    world = two_states()
    orders = Orders.from_shares(world, shares_for(world, {0: share(reach=1.5, shield=0.5)}))
    # Aurum asked for 200% of its budget: scaled to 75% reach and 25% shield of 24.
    np.testing.assert_allclose(orders.spend[0, 0], [18.0, 6.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(orders.spend[0, 1], [0.0, 0.0, 0.0, 0.0, 20.0])
    assert validate(world, orders) == []


@given(worlds(batch=2), seeds())
def test_random_legal_orders_are_legal(world, seed):
    orders = random_orders(world, np.random.default_rng(seed))
    assert validate(world, orders) == []


@given(worlds(), seeds(), st.data())
def test_spending_a_little_over_budget_names_the_state_and_both_amounts(world, seed, data):
    i = data.draw(st.integers(0, world.n - 1), label="state")
    orders = random_orders(world, np.random.default_rng(seed))
    spend = orders.spend.copy()
    spend[0, i] *= 0.0
    spend[0, i, 0] = budget(world)[0, i] * 1.01
    problems = validate(world, Orders(spend=spend, cut=orders.cut))
    assert len(problems) == 1
    assert problems[0].startswith(f"{world.names[i]}'s budget is ")
    assert "these orders spend" in problems[0]
