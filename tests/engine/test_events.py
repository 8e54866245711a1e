"""What happened in a turn, as data: ``Events.records(b)`` for the log, headlines and debrief."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given

from game.engine import EVENT_KINDS, Link, Orders, Params, StateSpec, initial_world, step

from .worlds import brink, escalate, play, play_random, seeds, share, shares_for, worlds

A, B = 0, 1


def rivals(params: Params | None = None, tension: float = 0.0, **aurum):
    return initial_world(
        params or Params(),
        (StateSpec("Aurum", **{"reach": 10.0, **aurum}), StateSpec("Borea", reach=10.0)),
        links=(Link(A, B, tension=tension),),
    )


def records_of(world, shares=None, cut=None, seed=None):
    shares = shares_for(world, {}) if shares is None else shares
    rng = None if seed is None else np.random.default_rng(seed)
    _, events = step(world, Orders.from_shares(world, shares, cut), rng)
    return events.records(0)


def only(records, kind):
    found = [r for r in records if r.kind == kind]
    assert len(found) == 1, f"expected one {kind!r} record, got {records}"
    return found[0]


def test_a_reach_cut_is_recorded_with_its_amount():
    world = rivals()
    record = only(records_of(world, cut=np.array([[4.0, 0.0]])), "reach_cut")
    assert record.turn == 0
    assert record.actors == ("Aurum",)
    assert record.values == {"amount": 4.0}


def test_a_costly_cut_is_recorded_with_the_trust_it_earns():
    world = rivals()
    record = only(records_of(world, cut=np.array([[5.0, 0.0]])), "trust_rose")
    assert record.actors == ("Borea", "Aurum")  # Borea now trusts Aurum more
    assert record.values["before"] == pytest.approx(0.7)
    assert record.values["after"] - record.values["before"] >= 0.15


def test_an_arms_build_is_recorded_with_its_share_of_the_budget():
    world = rivals()
    record = only(
        records_of(world, shares_for(world, {B: share(reach=0.3, shield=0.2)})), "arms_build"
    )
    assert record.actors == ("Borea",)
    assert record.values == pytest.approx(
        {"reach": 6.0, "shield": 4.0, "hardening": 0.0, "share": 0.5}
    )


def test_holding_makes_no_headline():
    kinds = {r.kind for r in records_of(rivals(Params(noise=0.0)))}
    assert kinds.isdisjoint({"arms_build", "reach_cut", "misread", "war", "crisis"})


def test_a_shield_taken_for_reach_is_recorded_as_a_misread():
    world = rivals(Params(distinguishability=0.0))
    recs = records_of(world, shares_for(world, {A: share(shield=0.5)}), seed=3)
    record = only(recs, "misread")
    assert record.actors == ("Borea", "Aurum")  # Borea misread Aurum's build
    assert record.values == {"shield_spend": 10.0}


def test_crossing_the_crisis_threshold_is_recorded():
    world = rivals(Params(noise=0.0), tension=0.65)
    record = only(records_of(world, shares_for(world, {A: share(reach=0.8)})), "crisis")
    assert record.actors == ("Aurum", "Borea")
    assert record.values["tension"] >= 0.7


def test_gaining_deterrence_is_recorded():
    # Aurum's hardened 30 reach leaves survivors just short of unacceptable damage to Borea;
    # a build of 10 more reach carries its second strike over the line.
    world = rivals(Params(noise=0.0), reach=30.0, hardening=0.9)
    recs = records_of(world, shares_for(world, {A: share(reach=0.5)}))
    record = only(recs, "deterrence_gained")
    assert record.actors == ("Aurum", "Borea")
    assert record.values["margin"] >= 0.0


def test_a_war_is_recorded_with_the_odds_and_every_states_loss():
    world = brink()
    _, events = step(world, escalate(world), np.random.default_rng(0))
    record = only(events.records(0), "war")
    assert set(record.actors) == {"Aurum", "Borea"}
    assert record.values["odds"] == pytest.approx(1.0)
    # Each loses the war-damage floor (0.3): the strike itself (9.8) is under 30% of the economy.
    assert record.values["loss_Aurum"] == pytest.approx(0.3)
    assert record.values["loss_Borea"] == pytest.approx(0.3)


# review_chance 0 while Events.records() fails on a programme review (see
# test_diplomacy.py::test_a_programme_review_is_recorded_as_plain_data).
@given(worlds(batch=2, caps=True, review_chance=0.0), seeds(), seeds())
def test_every_record_is_of_a_known_kind_names_states_and_is_plain_data(world, orders_seed, seed):
    game = play_random(world, orders_seed, seed, turns=4)
    for events in game.events:
        for b in range(world.batch):
            for record in events.records(b):
                assert record.kind in EVENT_KINDS
                assert record.turn == events.turn
                assert set(record.actors) <= set(world.names)
                json.dumps(record.to_dict())  # plain data, ready for a log or a save
            wars = [r for r in events.records(b) if r.kind == "war"]
            assert len(wars) == int(events.war_started[b])


@given(worlds(review_chance=0.0), seeds())
def test_records_are_stable_for_the_same_turn(world, seed):
    game = play(world, share(reach=0.3), seed, turns=2)
    for events in game.events:
        assert events.records(0) == events.records(0)
