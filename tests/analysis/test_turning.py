"""Turning points in constructed situations, and the rules every point keeps."""

from __future__ import annotations

import dataclasses
import json

import pytest

from game import glossary, scenarios
from game.analysis import MAX_POINTS, TAGS, THEORY, TurningPoint, analyse, turning_points
from game.analysis.turning import select
from game.engine.events import Event
from game.session import Session
from tests.analysis import helpers


def _tags(session) -> dict[str, list[TurningPoint]]:
    out: dict[str, list[TurningPoint]] = {}
    for tp in analyse(session, counterfactuals=False).turning_points:
        out.setdefault(tp.tag, []).append(tp)
    return out


def test_both_arming_is_a_spiral():
    tags = _tags(helpers.arms_race())
    (spiral,) = tags["spiral"]
    assert spiral.turn == 2
    assert spiral.actors == ("Calder", "Mirel")
    assert "Calder" in spiral.text and "Mirel" in spiral.text
    assert spiral.concept == "spiral_model" and spiral.theory == THEORY["spiral"]


def test_no_spiral_when_nobody_builds():
    session = Session.new(scenarios.load("two_neighbours"), 3, ["ai:baseline"] * 2)
    for _ in range(5):
        session.resolve(helpers.orders(session.world, [0, 0]))
    assert "spiral" not in _tags(session)


def test_backing_down_after_a_commitment():
    tags = _tags(helpers.crisis_backed_down())
    (back,) = tags["backing_down"]
    assert back.turn == 3 and back.actors == ("Calder", "Mirel")
    assert "backed down" in back.text and "audience cost" in back.text
    assert back.concept == "audience_cost"
    (signal,) = tags["costly_signal"]
    assert signal.turn == 2 and signal.concept == "tying_hands"


def test_treaty_withdrawal_and_lapse():
    points = _tags(helpers.treaty_left())["treaty_lapse"]
    assert [p.turn for p in points] == [1, 4]
    assert "leave the reach ceiling treaty" in points[0].text
    assert "lapsed" in points[1].text
    assert all(p.concept == "arms_control" for p in points)


def test_a_cut_that_reassures():
    (point,) = _tags(helpers.build_then_cut())["reassurance"]
    assert point.turn == 4 and point.actors == ("Mirel", "Calder")
    assert "cut" in point.text


def test_host_exposed_by_a_deployment():
    (point,) = _tags(helpers.deployment())["entrapment"]
    assert point.turn == 2 and point.actors == ("Brisa", "Aurum")
    assert "Brisa accepted Aurum's forces" in point.text


def test_arming_race_to_war():
    _, a = helpers.war_game()
    tags = {tp.tag for tp in a.turning_points}
    assert {"war", "spiral", "crisis"} <= tags
    assert a.turning_points[-1].turn <= a.war_turn


def test_points_are_few_sorted_and_documented():
    for _session, a in (
        helpers.shield(1),
        helpers.shield(2),
        helpers.neighbours(1),
        helpers.war_game(),
    ):
        pts = a.turning_points
        assert len(pts) <= MAX_POINTS
        assert [p.turn for p in pts] == sorted(p.turn for p in pts)
        for p in pts:
            assert p.tag in TAGS
            assert p.concept in glossary.CONCEPTS
            assert 1 <= p.turn <= a.turns_played
            assert set(p.actors) <= set(a.names) and p.actors
            assert p.text.endswith(".") and p.text[0].isupper()
            assert p.theory == THEORY[p.tag]
            assert len(set((q.turn, q.tag, q.actors) for q in pts)) == len(pts)


def test_select_keeps_every_tag_before_repeats():
    many = [TurningPoint(t, "surprise_attack_fear", ("A", "B"), "x.", "c", "t") for t in range(20)]
    few = [TurningPoint(15, "costly_signal", ("A", "B"), "y.", "c", "t")]
    chosen = select(many + few, limit=5)
    assert len(chosen) == 5
    assert any(p.tag == "costly_signal" for p in chosen)
    assert [p.turn for p in chosen] == sorted(p.turn for p in chosen)


# --------------------------------------------------------------------------------------------
# The analysis reads the typed event records (game.engine.events.Event), never their JSON.
# --------------------------------------------------------------------------------------------


def test_the_analysis_keeps_each_turns_typed_event_records():
    session = helpers.treaty_left()
    a = analyse(session, counterfactuals=False)
    assert a.events == tuple(tuple(rec.events.records(0)) for rec in session.history)
    assert all(isinstance(e, Event) for turn in a.events for e in turn)
    (left,) = [e for e in a.events[0] if e.kind == "treaty_withdrawal"]
    assert left.actors == ("Calder",)
    assert left.treaty is not None
    assert (left.treaty.kind, left.treaty.slot, left.treaty.cap) == ("reach_ceiling", 0, 40.0)


def test_the_war_point_gives_the_smallest_loss_the_log_records():
    session, a = helpers.war_game()
    (war,) = [e for e in session.history[-1].events.records(0) if e.kind == "war"]
    logged = war.to_dict()["values"]
    floor = min(v for k, v in logged.items() if k.startswith("loss_"))
    assert sorted(war.losses) == sorted(a.names) and min(war.losses.values()) == floor
    (point,) = [p for p in a.turning_points if p.tag == "war"]
    assert f"every state lost at least {floor:.0%} of its economy" in point.text
    assert f"{floor:.0%}" == "30%"


@pytest.mark.parametrize(
    "game",
    [
        helpers.treaty_left,
        helpers.crisis_backed_down,
        helpers.build_then_cut,
        helpers.deployment,
        lambda: helpers.war_game()[0],
    ],
)
def test_turning_points_are_the_same_read_from_the_log(game):
    a = analyse(game(), counterfactuals=False)
    logged = tuple(
        tuple(Event.from_dict(json.loads(json.dumps(e.to_dict()))) for e in turn)
        for turn in a.events
    )
    assert a.turning_points
    assert turning_points(dataclasses.replace(a, events=logged)) == a.turning_points
