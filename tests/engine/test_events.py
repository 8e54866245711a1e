"""What happened in a turn, as data: ``Events.records(b)`` for the log, headlines and debrief."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given

from game.engine import (
    EVENT_KINDS,
    Action,
    Link,
    Orders,
    Params,
    StateSpec,
    TreatySpec,
    initial_world,
    step,
)
from game.engine.actions import ANSWERS, BACK_DOWN, TREATY_KINDS
from game.engine.events import TREATY_EVENTS, Event, TreatyTerms

from .worlds import (
    answering,
    brink,
    escalate,
    in_crisis,
    play,
    play_random,
    seeds,
    share,
    shares_for,
    turn,
    worlds,
)

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
    assert record.values == {"odds": pytest.approx(1.0)}
    # Each loses the war-damage floor (0.3): the strike itself (9.8) is under 30% of the economy.
    assert record.losses == {"Aurum": pytest.approx(0.3), "Borea": pytest.approx(0.3)}
    # The log still writes each loss as loss_<name>, after the odds.
    assert list(record.to_dict()["values"]) == ["odds", "loss_Aurum", "loss_Borea"]


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
                # The typed fields are on exactly the kinds they belong to.
                assert (record.treaty is not None) == (record.kind in TREATY_EVENTS)
                assert (record.answer is not None) == (record.kind == "crisis_answer")
                assert bool(record.losses) == (record.kind == "war")
                if record.treaty is not None:
                    assert record.treaty.kind in TREATY_KINDS
                # The log reads back into the same typed record.
                restored = Event.from_dict(record.to_dict())
                assert restored.to_dict() == record.to_dict()
                assert (restored.kind, restored.actors) == (record.kind, record.actors)
                assert restored.answer == record.answer
                assert restored.losses.keys() == record.losses.keys()
                assert (restored.treaty and restored.treaty.kind) == (
                    record.treaty and record.treaty.kind
                )
            wars = [r for r in events.records(b) if r.kind == "war"]
            assert len(wars) == int(events.war_started[b])


# --------------------------------------------------------------------------------------------
# Typed payloads: what the analysis and the headlines read without decoding, and the log's
# JSON, written exactly as before the records were typed.
# --------------------------------------------------------------------------------------------


def under_a_ceiling(notice: int = 2):
    return initial_world(
        Params(noise=0.0, treaty_notice=notice),
        (StateSpec("Aurum", reach=9.0), StateSpec("Borea", reach=9.0)),
        treaties=(TreatySpec("reach_ceiling", (A, B), cap=40.0, verification=0.5),),
    )


def test_a_treaty_event_names_its_treaty_kind_and_writes_the_logs_codes():
    _, events = turn(under_a_ceiling(notice=2), Action("leave_treaty", "Aurum", treaty=0))
    record = only(events.records(0), "treaty_withdrawal")
    assert record.actors == ("Aurum",)
    assert record.treaty == TreatyTerms(slot=0, kind="reach_ceiling", cap=40.0, verification=0.5)
    assert record.values == {"notice": 2.0}
    assert json.dumps(record.to_dict()) == (
        '{"turn": 0, "kind": "treaty_withdrawal", "actors": ["Aurum"], "values": {"slot": 0.0, '
        '"treaty_kind": 2.0, "cap": 40.0, "verification": 0.5, "notice": 2.0}}'
    )


def test_a_crisis_answer_names_the_answer_and_writes_its_code_and_flag():
    world = in_crisis(rivals(Params(noise=0.0)), tension=0.8)
    _, events = step(world, answering(world, BACK_DOWN), np.random.default_rng(0))
    answers = [r for r in events.records(0) if r.kind == "crisis_answer"]
    assert [(r.actors, r.answer) for r in answers] == [
        (("Aurum", "Borea"), "back_down"),
        (("Borea", "Aurum"), "back_down"),
    ]
    assert answers[0].values == {"war_odds": 0.0}
    assert answers[0].to_dict()["values"] == {"answer": 0.0, "war_odds": 0.0, "back_down": 1.0}
    assert list(answers[0].to_dict()["values"]) == ["answer", "war_odds", "back_down"]


def test_the_log_of_a_war_reads_back_into_the_same_record():
    world = brink()
    _, events = step(world, escalate(world), np.random.default_rng(0))
    record = only(events.records(0), "war")
    data = json.loads(json.dumps(record.to_dict()))
    assert Event.from_dict(data) == record  # the odds and losses are round at 6 decimals


def entry(kind: str, **values: float) -> dict:
    return {"turn": 3, "kind": kind, "actors": ["Aurum"], "values": values}


TREATY = {"slot": 0, "treaty_kind": 1, "cap": 0.0, "verification": 0.5}


def test_a_logged_event_reads_back_typed():
    signed = Event.from_dict(entry("treaty_signed", **TREATY))
    assert signed.treaty == TreatyTerms(0, "forward_ban", 0.0, 0.5)
    assert signed.values == {}
    answer = Event.from_dict(entry("crisis_answer", answer=2, war_odds=0.25, escalate=1.0))
    assert (answer.answer, answer.values) == (ANSWERS[2], {"war_odds": 0.25})
    cut = Event.from_dict(entry("reach_cut", amount=4))
    assert cut == Event(3, "reach_cut", ("Aurum",), {"amount": 4.0})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "an object with turn, kind, actors and values"),
        ({**entry("talk"), "extra": 1}, "an object with turn, kind, actors and values"),
        ({**entry("talk"), "turn": True}, "turn is a whole number"),
        ({**entry("talk"), "turn": -1}, "turn is a whole number"),
        (entry("coup"), "unknown event kind 'coup'"),
        ({**entry("talk"), "actors": "Aurum"}, "actors are a list of names"),
        (entry("talk", belief="0.5"), "values are numbers by name"),
        (entry("talk", belief=True), "values are numbers by name"),
        ({**entry("talk"), "values": {1: 0.5}}, "values are numbers by name"),
        (entry("treaty_signed", slot=0, cap=1.0), "needs treaty_kind, verification"),
        (entry("treaty_signed", **{**TREATY, "treaty_kind": 9}), "names no treaty"),
        (entry("treaty_signed", **{**TREATY, "treaty_kind": 1.5}), "names no treaty"),
        (entry("treaty_signed", **{**TREATY, "treaty_kind": float("nan")}), "names no treaty"),
        (entry("treaty_signed", **{**TREATY, "slot": float("inf")}), "names no treaty"),
        (entry("crisis_answer", answer=float("inf")), "answer is 0 to 2, got inf"),
        (entry("crisis_answer", war_odds=0.1), "answer is 0 to 2, got -1"),
        (entry("crisis_answer", answer=0, war_odds=0.1), "flags it with back_down: 1.0"),
        (entry("talk", loss_Aurum=0.3), "a talk event has no losses"),
    ],
)
def test_a_malformed_logged_event_is_refused_with_a_reason(data, message):
    with pytest.raises(ValueError, match=message):
        Event.from_dict(data)


@given(worlds(review_chance=0.0), seeds())
def test_records_are_stable_for_the_same_turn(world, seed):
    game = play(world, share(reach=0.3), seed, turns=2)
    for events in game.events:
        assert events.records(0) == events.records(0)
