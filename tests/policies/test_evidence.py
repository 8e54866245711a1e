"""Reading evidence about others (``game.policies.playbook``): the cumulative-sum test a
strategist reads an outsider's lead with, and the breach reading that only a caught violation
sets off (a sighting over the cap, however far, is not proof)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from game.engine.treaties import LAPSED
from game.policies import observe
from game.policies import playbook as pb
from game.scenarios import load

sigmas = st.floats(0.05, 1.0)
lines = st.floats(1.0, 200.0)


def run(ratios, sigma=0.25, line=30.0, live=None):
    """The sums and verdicts after each sighting of ``line * ratio``."""
    test = pb.Cusum()
    verdicts = []
    for t, r in enumerate(ratios):
        alive = np.array([True if live is None else live[t]])
        verdicts.append(
            bool(test.update(np.array([line * r]), np.array([line]), np.array([sigma]), alive)[0])
        )
    assert test.sum is not None
    return float(test.sum[0]), verdicts


@given(sigmas, lines, st.integers(1, 60))
def test_a_state_seen_at_the_line_or_below_never_reads_as_above_it(sigma, line, turns):
    total, verdicts = run([1.0] * turns, sigma, line)
    assert total == 0.0 and not any(verdicts)
    total, verdicts = run([0.5] * turns, sigma, line)
    assert total == 0.0 and not any(verdicts)


@given(st.lists(st.floats(0.2, 5.0), min_size=1, max_size=30), st.floats(1.0, 2.0), sigmas)
def test_seeing_more_never_weighs_less(ratios, factor, sigma):
    low, _ = run(ratios, sigma)
    high, _ = run([r * factor for r in ratios], sigma)
    assert high >= low - 1e-9


@given(st.lists(st.floats(0.2, 5.0), min_size=2, max_size=30), sigmas)
def test_the_evidence_starts_again_where_it_stops_being_read(ratios, sigma):
    live = [True] * (len(ratios) - 1) + [False]
    total, verdicts = run(ratios, sigma, live=live)
    assert total == 0.0 and not verdicts[-1]


def test_one_blur_above_reads_as_above_on_the_eleventh_sighting_two_blurs_on_the_fourth():
    sigma = 0.25
    one = np.exp(sigma)  # each sighting adds 1 - 0.5
    _, verdicts = run([one] * 12, sigma)
    assert verdicts.index(True) == 10
    _, verdicts = run([np.exp(2 * sigma)] * 6, sigma)  # 1.5 a sighting
    assert verdicts.index(True) == 3


def test_one_wild_sighting_is_not_enough():
    """A shield build misread as reach shows a state far above the line once: the evidence of
    one sighting under 5.5 blurs does not read as sure, and calm sightings wear it away."""
    sigma = 0.25
    _, verdicts = run([np.exp(5.4 * sigma)] + [1.0] * 10, sigma)
    assert not any(verdicts)


def accord_view(seat: int, **changes):
    world = load("the_accord").initial_world()
    return observe(world.replace(**changes), seat, with_view=True)


def test_only_a_caught_violation_reads_as_a_breach_and_it_is_remembered():
    world = load("the_accord").initial_world()
    veyra, ostrel = 1, 2
    seen = world.seen_reach.copy()
    seen[:, veyra, ostrel] = 300.0  # ten times the cap, seen but not proven
    watch = pb.BreachWatch()
    assert not watch.read(accord_view(veyra, seen_reach=seen)).any()
    caught = np.zeros_like(world.treaty_caught)
    caught[:, 0, ostrel] = 1.0
    read = watch.read(accord_view(veyra, treaty_caught=caught))
    assert read[0, 0, ostrel] and read.sum() == 1
    # The record clears the next turn; the party remembers, for that treaty only, until its
    # slot lapses.
    assert watch.read(accord_view(veyra))[0, 0, ostrel]
    lapsed = world.treaty_status.copy()
    lapsed[:, 0] = LAPSED
    assert not watch.read(accord_view(veyra, treaty_status=lapsed)).any()
    assert not watch.read(accord_view(veyra)).any()
    # A state does not read itself as a breach.
    assert not pb.BreachWatch().read(accord_view(ostrel, treaty_caught=caught)).any()


def test_a_proposal_left_unsigned_counts_once_as_refused_and_only_for_proposals():
    """A treaty the seat signed that another state it names left unsigned for a turn counts as
    one refusal by that state, however long it waits; its odds of signing the seat's next
    proposal halve, while its odds of taking up an alliance are untouched."""
    from game.engine.actions import REACH_CEILING
    from game.engine.treaties import EMPTY, PROPOSED
    from game.policies import get_policy

    world = load("three_powers").initial_world()
    veyra, ostrel, aurum = 1, 2, 0

    def proposed(timer: int, status: int = PROPOSED):
        w = world
        kind, st = w.treaty_kind.copy(), w.treaty_status.copy()
        invited, signed = w.treaty_invited.copy(), w.treaty_signed.copy()
        t = w.treaty_timer.copy()
        kind[:, 1], st[:, 1], t[:, 1] = REACH_CEILING, status, timer
        invited[:, 1, :] = 1.0
        signed[:, 1, :] = 0.0
        signed[:, 1, [veyra, aurum]] = 1.0  # Aurum signed at once, Ostrel did not
        return observe(
            w.replace(
                treaty_kind=kind,
                treaty_status=st,
                treaty_invited=invited,
                treaty_signed=signed,
                treaty_timer=t,
            ),
            veyra,
            with_view=True,
        )

    seat = get_policy("balancer")(veyra, [np.random.default_rng(0)], "normal")
    seat._learn(proposed(0))  # just made: nobody has had a turn to answer
    assert seat.unsigned is not None and not seat.unsigned.any()
    seat._learn(proposed(1))
    seat._learn(proposed(2))  # the same proposal, still waiting: counted once
    assert seat.unsigned[0, ostrel] == 1 and seat.unsigned[0, aurum] == 0
    seat._learn(proposed(0, EMPTY))  # it expired; a new one in the same slot counts again
    seat._learn(proposed(1))
    assert seat.unsigned[0, ostrel] == 2
    assert seat._refused(0, 3, "propose_all")[ostrel] == 2
    assert seat._refused(0, 3, "ally")[ostrel] == 0
