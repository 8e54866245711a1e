"""Regression tests for issue 12: nothing a user types or a file holds can break a game or lose one.

Each test reproduces one of the reported failures through the public API (or the command line)
and checks it now gets one clear line, or works.
"""

from __future__ import annotations

import math

import pytest

from game.engine.actions import Action
from game.engine.orders import IllegalOrder
from game.saves import dumps, from_dict, to_dict
from game.scenarios import load
from game.session import Session


@pytest.fixture(scope="module")
def sandbox():
    return load("sandbox")


def _fresh(scenario) -> Session:
    return Session.new(scenario, 3, list(scenario.default_seats))


@pytest.mark.parametrize("cap", [math.inf, -math.inf, math.nan, float("9" * 400)])
def test_a_treaty_cap_that_is_not_an_ordinary_number_is_refused(sandbox, cap):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="shield_cap",
        parties=(names[1],),
        cap=cap,
        verification=0.5,
    )
    with pytest.raises(IllegalOrder, match="treaty cap must be an ordinary number"):
        session.play_turn({}, [proposal])
    assert session.turn == 0
    session.play_turn()  # the game goes on, and saves
    assert from_dict(to_dict(session)).world.digest() == session.world.digest()


@pytest.mark.parametrize("field", ["reach", "shield"])
def test_a_nan_deployment_offer_is_refused(sandbox, field):
    session = _fresh(sandbox)
    names = sandbox.names
    offer = Action("offer_deployment", names[0], names[1], **{field: math.nan})
    with pytest.raises(IllegalOrder, match=f"deployment {field} must be an ordinary number"):
        session.play_turn({}, [offer])


def test_a_verification_that_is_nan_is_refused(sandbox):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="transparency",
        parties=(names[1],),
        verification=math.nan,
    )
    with pytest.raises(IllegalOrder, match="ordinary number"):
        session.play_turn({}, [proposal])


def test_a_huge_but_finite_cap_the_engine_accepts_can_be_saved(sandbox):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="shield_cap",
        parties=(names[1],),
        cap=1e308,
        verification=0.5,
    )
    session.play_turn({}, [proposal])
    dumps(session)  # never "Out of range float values are not JSON compliant"
    assert from_dict(to_dict(session)).world.digest() == session.world.digest()
