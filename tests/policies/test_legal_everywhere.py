"""No AI opponent ever gives an order the engine refuses: a property over random worlds (treaty
caps, joint programmes, deployments, crises and all), for every character in the registry."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Orders, check
from game.policies import REGISTRY, get_policy, observe
from tests.engine.worlds import worlds

#: The strategists look ahead through the engine (tens of milliseconds a move): fewer examples.
QUICK = sorted(n for n, cls in REGISTRY.items() if not cls.needs_view)
LOOKING = sorted(n for n, cls in REGISTRY.items() if cls.needs_view)


def legal_move(name: str, world, seat: int, difficulty: str, seed: int) -> None:
    policy = get_policy(name)(seat, [np.random.default_rng(seed)], difficulty)
    obs = observe(world, seat, with_view=policy.needs_view)
    move = policy.act(obs)
    orders = Orders.hold(world).replace_state(seat, move.spend, move.cut, move.diplomacy)
    allowed = tuple(world.params.diplomacy)
    if orders.diplomacy is not None:
        orders = orders.with_diplomacy(orders.diplomacy.restricted(allowed))
    check(world, orders.pay_diplomacy(world, [seat]))  # an illegal order raises IllegalOrder


@pytest.mark.parametrize("name", QUICK)
@settings(max_examples=25)
@given(worlds(caps=True), st.data())
def test_a_rule_based_character_never_orders_what_the_engine_refuses(name, world, data):
    seat = data.draw(st.integers(0, world.n - 1), label="seat")
    difficulty = data.draw(st.sampled_from(["easy", "normal", "hard"]), label="difficulty")
    legal_move(name, world, seat, difficulty, data.draw(st.integers(0, 2**16), label="seed"))


@pytest.mark.parametrize("name", LOOKING)
@settings(max_examples=8)
@given(worlds(caps=True, max_states=4), st.data())
def test_a_strategist_never_orders_what_the_engine_refuses(name, world, data):
    seat = data.draw(st.integers(0, world.n - 1), label="seat")
    legal_move(name, world, seat, "easy", data.draw(st.integers(0, 2**16), label="seed"))
