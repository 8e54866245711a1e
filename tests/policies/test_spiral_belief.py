"""The plain strategist believes the spiral model: every build of its own is answered three times
over, up to the rival's whole budget (``Weights.answer``). So it holds where reach alone would
only start a race with a state that builds anyway, and still arms where an answer cannot undo
what it buys (a shield). The round robin it was chosen for is ``docs/tournament.md``."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from game.engine.actions import REACH_CEILING, SHIELD_CAP
from game.engine.orders import budget, unit_costs
from game.engine.state import CIVILIAN, REACH, SHIELD
from game.engine.treaties import LAPSED
from game.lab import mixed
from game.lab.seating import parse_entrants
from game.lab.tournament import run_tournament
from game.policies.strategist import (
    ANSWER_CAP,
    ANSWER_SHARE,
    Strategist,
    _answered,
    _leaves_room,
)
from game.scenarios import load
from game.session import Session
from tests.integration.lessons import play, seats

MIXES = st.lists(st.floats(0.0, 1.0), min_size=5, max_size=5).filter(lambda v: sum(v) > 0.1)


def _world(builds: list[float]):
    world = Session.new(load("the_spiral"), 1, ["ai:baseline"] * 3).world
    seen = np.zeros_like(world.seen_build)
    seen[0, 1, 0], seen[0, 2, 0] = builds  # what states 1 and 2 saw state 0 build
    return world.replace(seen_build=seen)


@given(
    mix=st.lists(MIXES, min_size=3, max_size=3),
    builds=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2),
    share=st.floats(0.0, 4.0),
    cap=st.floats(0.0, 1.0),
)
def test_an_answer_comes_out_of_the_economy_and_never_lowers_reach(mix, builds, share, cap):
    """A rival's answer raises its reach share to what it saw, times the belief, capped, and is
    paid from its civilian share only: the orders stay a split of the budget. The seat's own row
    is left as it was."""
    shares = np.array(mix)[None] / np.array(mix).sum(axis=1)[None, :, None]
    world = _world(builds)
    out = _answered(shares, world, 0, share, cap)
    assert np.allclose(out.sum(axis=2), 1.0) and (out >= -1e-12).all()
    assert np.array_equal(out[0, 0], shares[0, 0])
    others = [k for k in range(5) if k not in (REACH, CIVILIAN)]
    assert np.array_equal(out[..., others], shares[..., others])
    money = budget(world)[0]
    for j in (1, 2):
        reach, civilian = shares[0, j, REACH], shares[0, j, CIVILIAN]
        seen = share * builds[j - 1] * money[0] / money[j]
        expected = max(reach, min(seen, cap, reach + civilian))
        assert np.isclose(out[0, j, REACH], expected)


@given(builds=st.lists(st.floats(0.01, 0.5), min_size=2, max_size=2))
def test_the_spiral_belief_expects_more_of_an_answer_than_the_default(builds):
    """Believing every build answered threefold, the seat expects more of an answer than the
    default from every rival that saw it build."""
    shares = np.zeros((1, 3, 5))
    shares[..., CIVILIAN] = 1.0
    world = _world(builds)
    default = _answered(shares, world, 0, ANSWER_SHARE, ANSWER_CAP)
    spiral = _answered(shares, world, 0, 3.0, 1.0)
    assert (spiral[0, 1:, REACH] >= default[0, 1:, REACH]).all()
    assert (default[0, 1:, REACH] > 0).all()
    assert (spiral[0, 1:, REACH] > default[0, 1:, REACH]).all()


def _arms(scenario: str, seeds: list[int], **policies: str) -> np.ndarray:
    """``[B, 5]`` the first state's mean spending shares over the game, ``policies`` seated."""
    spend = np.array(play(load(scenario), "baseline", seeds, **policies).spends)[:, :, 0]
    return np.mean(spend / np.maximum(spend.sum(axis=2, keepdims=True), 1e-12), axis=0)


def test_against_a_racer_it_keeps_its_money_where_the_prudent_one_races():
    """Two Neighbours has reach alone: against the balancer, which arms against whoever is
    ahead, the plain strategist builds nothing in any game, while the security seeker (the same
    look-ahead, fear 40 and the default answer) puts more than a tenth of its budget into arms."""
    seeds = list(range(81_000, 81_006))
    plain = _arms("two_neighbours", seeds, Calder="strategist:hard", Mirel="balancer")
    prudent = _arms("two_neighbours", seeds, Calder="security_seeker:hard", Mirel="balancer")
    assert (plain[:, :CIVILIAN].sum(axis=1) < 0.01).all()
    assert (prudent[:, :CIVILIAN].sum(axis=1) > 0.1).all()


def test_where_a_shield_cannot_be_answered_away_it_still_builds_one():
    """The Spiral has shields: against two opportunists, which build for an edge, the plain
    strategist puts a real share of its budget into shield in every game, more than into
    reach."""
    seeds = list(range(82_000, 82_004))
    mean = _arms(
        "the_spiral", seeds, Orun="strategist:hard", Tessar="opportunist", Veyra="opportunist"
    )
    assert (mean[:, SHIELD] > 0.1).all()
    assert (mean[:, SHIELD] > mean[:, REACH]).all()


def test_in_two_neighbours_round_robin_it_beats_every_character_but_the_dove():
    """Two Neighbours' round robin as ``docs/tournament.md`` plays it (every seating, two seeds
    here): the hard strategist out-scores the Steady Deterrer, the copycat, the Richardson reactor
    and every strategic character but the dove, which never arms (the best reply, with reach
    alone, to most of this field), without more war than any of them."""
    field = "strategist:hard,baseline,copycat,hawk,opportunist,balancer,richardson,dove"
    entrants = parse_entrants(field + ",security_seeker")
    result = run_tournament(load("two_neighbours"), entrants, repetitions=2, seed=83_000)
    rows = {r.label: r for r in result.standings()}
    me, dove = rows.pop("strategist:hard"), rows.pop("dove")
    assert all(me.mean_score > r.mean_score for r in rows.values()), rows
    assert all(me.war_rate <= r.war_rate for r in [dove, *rows.values()])


def test_believing_the_spiral_it_keeps_a_cap_the_prudent_one_leaves():
    """The Accord, Veyra against the cheating opportunist: where the security seeker gives
    notice once Ostrel is caught (a third of these games at least), the plain strategist keeps
    the cap in every game (a notice would free Ostrel to answer every build it then makes)."""
    assert _veyra_made("leave", "security_seeker").mean() >= 1 / 3
    assert not _veyra_made("leave", "strategist").any()


def _veyra_made(action: str, policy: str) -> np.ndarray:
    """``[games]`` whether Veyra, played by ``policy`` beside The Accord's own opportunist (seeds
    84000-84011), made the treaty move ``action`` (a field of the orders' diplomacy) at least
    once."""
    accord, seeds = load("the_accord"), list(range(84_000, 84_012))
    veyra = accord.names.index("Veyra")
    batch = play(accord, "baseline", seeds, Veyra=policy)
    made = [getattr(e.diplomacy, action)[:, veyra].any(axis=1) for e in batch.events]
    return np.any(made, axis=0)


def test_believing_the_spiral_it_signs_a_cap_that_binds_only_the_others(monkeypatch):
    """The Accord, Aurum against the cheating opportunist and the balancer (who gives notice once
    a cheat is caught): once the accord runs out, a new cap is proposed. The plain strategist
    signs one in every game, for a cap that leaves room for what it builds binds only the
    others (its projection, which expects the others to keep their last orders, scores it no
    better, so a strict rule would leave it unsigned). The same games without those signatures
    end with the opportunist far higher, and Aurum's score below the Steady Deterrer's in the
    same seats; with them, above it."""
    accord, seeds = load("the_accord"), list(range(85_000, 85_008))
    names = {"Veyra": "opportunist", "Ostrel": "balancer"}
    batch = play(accord, "baseline", seeds, Aurum="strategist:hard", **names)
    signed = np.any([e.diplomacy.sign[:, 0].any(axis=1) for e in batch.events], axis=0)
    assert signed.all()

    def outcome(policy: str) -> tuple[float, float]:
        row = seats(accord, "baseline", Aurum=policy, **names)
        out = mixed.play(accord, [row] * len(seeds), seeds)
        assert not out.war.any()
        return float(out.score[:, 0].mean()), float(out.final_reach[:, 1].mean())

    free, steady = outcome("strategist:hard"), outcome("baseline")
    monkeypatch.setattr(Strategist, "_sign_free", lambda self, obs, *_: [""] * obs.batch)
    strict = outcome("strategist:hard")
    assert strict[0] < steady[0] < free[0]
    assert free[1] < steady[1] < strict[1]


def test_believing_the_spiral_it_never_inspects_where_the_prudent_one_does():
    """The Accord, Veyra beside the cheating opportunist: the lesson's security seeker inspects
    in many games (five of these twelve: the inspection game says a check pays against a party
    that may be greedy); the plain strategist, to which a cheat exposed is the spiral's next
    turn, never does."""
    assert _veyra_made("inspect", "security_seeker").mean() >= 1 / 4
    assert not _veyra_made("inspect", "strategist").any()


def test_a_cap_leaves_room_only_above_what_it_holds_and_builds():
    """The room test of a free signature (``_leaves_room``), on The Accord's opening world with
    the accord lapsed: a ceiling below Aurum's reach would make it dismantle; one ten above
    leaves room for a few units of reach this turn but not for twenty; a shield cap does not
    bound reach. With the accord in force (a cap at 30), its tighter cap is the room."""
    opening = Session.new(load("the_accord"), 1, ["ai:baseline"] * 3).world
    lapsed = opening.treaty_status.copy()
    lapsed[0, 0] = LAPSED
    world = opening.replace(treaty_status=lapsed)
    held = float(world.reach[0, 0])
    per_unit = unit_costs(world)[0, 0, REACH]

    def room(kind: int, cap: float, units: float) -> bool:
        kinds, caps = world.treaty_kind.copy(), world.treaty_cap.copy()
        kinds[0, -1], caps[0, -1] = kind, cap
        spend = np.zeros((1, 5))
        spend[0, REACH] = units * per_unit
        capped = world.replace(treaty_kind=kinds, treaty_cap=caps)
        return bool(_leaves_room(capped, 0, -1, spend)[0])

    assert not room(REACH_CEILING, held - 1.0, 0.0)
    assert room(REACH_CEILING, held + 10.0, 0.0) and room(REACH_CEILING, held + 10.0, 5.0)
    assert not room(REACH_CEILING, held + 10.0, 20.0)
    assert room(SHIELD_CAP, 1.0, 20.0)
    world = opening
    assert held + 5.0 > 30.0 and not room(REACH_CEILING, held + 10.0, 5.0)


@given(
    build=st.floats(0.01, 0.2),
    share=st.floats(0.5, 4.0),
    rivals=st.sampled_from([1.0, 2.0, 3.0]),
)
def test_a_state_with_many_rivals_spreads_its_answer(build, share, rivals):
    """In the Sandbox every state faces four rivals: with ``rivals`` 2 each answers a build it
    saw ``2 / 4`` as much as a state that answers in full (inf), never more; in The Spiral
    (two rivals each) a limit of two changes nothing."""
    world = Session.new(load("sandbox"), 1, ["ai:baseline"] * 5).world
    seen = np.zeros_like(world.seen_build)
    seen[0, 1:, 0] = build
    world = world.replace(seen_build=seen)
    mix = np.zeros((1, 5, 5))
    mix[..., CIVILIAN] = 1.0
    full = _answered(mix, world, 0, share, 1.0)
    spread = _answered(mix, world, 0, share, 1.0, rivals)
    assert np.allclose(spread[0, 1:, REACH], full[0, 1:, REACH] * min(1.0, rivals / 4))
    spiral = _world([build, build])
    three = np.zeros((1, 3, 5))
    three[..., CIVILIAN] = 1.0
    assert np.array_equal(
        _answered(three, spiral, 0, share, 1.0, 2.0), _answered(three, spiral, 0, share, 1.0)
    )


def test_among_many_rivals_it_keeps_up_where_a_full_answer_from_each_would_hold_it_back(
    monkeypatch,
):
    """The Sandbox, Ostrel among four copycats (which arm whatever it does): expecting each of
    four rivals to answer its every build threefold, it held back and the copycats took a large
    edge off it; expecting a state with four rivals to spread its answer over them, it scores
    higher on average (by 5.4 on these seeds) and in most games."""
    sandbox, seeds = load("sandbox"), list(range(86_000, 86_004))
    names = {n: "copycat" for n in ("Aurum", "Brisa", "Veyra", "Calder")}
    row = seats(sandbox, "copycat", Ostrel="strategist:hard", **names)
    ostrel = sandbox.names.index("Ostrel")

    def scores() -> np.ndarray:
        return mixed.play(sandbox, [row] * len(seeds), seeds).score[:, ostrel]

    spread = scores()
    monkeypatch.setattr(Strategist, "weights", replace(Strategist.weights, answer_rivals=math.inf))
    held = scores()
    assert spread.mean() > held.mean() + 2.0, (spread, held)
    assert (spread > held).sum() >= 3
