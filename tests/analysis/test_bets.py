"""Classroom bets: fell (0), level (1) or rose (2), on hand-built series and a real game."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from game.analysis import BET_MEASURES, FELL, LEVEL, ROSE, Series, bet_outcome, bet_value
from tests.analysis.helpers import neighbours

NAMES = ("A", "B", "C")


def series(**over) -> Series:
    """Three turns (four points) of three states, everything flat unless ``over`` says."""
    t, n = 4, 3
    flat = {
        k: np.ones((t, n)) * 10
        for k in (
            "reach",
            "shield",
            "hardening",
            "economy",
            "budget",
            "support",
            "standing",
            "score",
        )
    }
    pair = {k: np.full((t, n, n), 0.5) for k in ("tension", "stability", "seen_reach", "trust")}
    fields = {**flat, **pair, **over}
    return Series(
        turn=np.arange(t), spend=np.zeros((t - 1, n, 5)), kinds=("security_seeker",) * n, **fields
    )


def bet(measure, ask=1, reveal=3, states=(), between=()):
    return SimpleNamespace(
        measure=measure, states=states, between=between, ask_before=ask, reveal_after=reveal
    )


def ramp(start, end, shape):
    x = np.linspace(start, end, 4)
    return np.broadcast_to(x.reshape((4,) + (1,) * (len(shape) - 1)), shape).copy()


@pytest.mark.parametrize("measure", ["reach", "shield", "economy"])
def test_stocks(measure):
    up = (series(**{measure: ramp(10, 12, (4, 3))}), NAMES)
    down = (series(**{measure: ramp(10, 8, (4, 3))}), NAMES)
    small = (series(**{measure: ramp(10, 10.4, (4, 3))}), NAMES)  # +4 %: level
    assert bet_outcome(up, bet(measure)) == ROSE
    assert bet_outcome(down, bet(measure)) == FELL
    assert bet_outcome(small, bet(measure)) == LEVEL


def test_arms_sums_reach_and_shield_over_the_states_named():
    reach = np.full((4, 3), 10.0)
    reach[:, 0] = [10, 11, 12, 13]  # A builds
    shield = np.full((4, 3), 10.0)
    shield[:, 0] = [10, 9, 8, 7]  # ... and scraps as much shield
    src = (series(reach=reach, shield=shield), NAMES)
    assert bet_outcome(src, bet("arms", states=("A",))) == LEVEL
    assert bet_outcome(src, bet("reach", states=("A",))) == ROSE
    assert bet_outcome(src, bet("reach", states=("B", "C"))) == LEVEL
    assert bet_value(src, bet("arms", states=("A", "B")), 0) == 40.0


def test_tension_and_stability_over_pairs():
    tension = np.full((4, 3, 3), 0.3)
    tension[:, 0, 1] = tension[:, 1, 0] = [0.3, 0.4, 0.5, 0.6]
    src = (series(tension=tension, stability=1.0 - tension), NAMES)
    assert bet_outcome(src, bet("tension", between=(("A", "B"),))) == ROSE
    assert bet_outcome(src, bet("stability", between=(("B", "A"),))) == FELL
    assert bet_outcome(src, bet("tension", between=(("A", "C"),))) == LEVEL
    # all pairs: mean rise (0.3)/3 = 0.1 > 0.03
    assert bet_outcome(src, bet("tension")) == ROSE
    small = np.full((4, 3, 3), 0.3)
    small[:, 0, 1] = small[:, 1, 0] = [0.3, 0.31, 0.32, 0.33]  # +0.03: on the edge, level
    assert (
        bet_outcome((series(tension=small), NAMES), bet("tension", between=(("A", "B"),))) == LEVEL
    )


def test_trust_is_what_the_others_believe():
    trust = np.full((4, 3, 3), 0.5)
    trust[:, 1, 0] = [0.5, 0.6, 0.7, 0.8]  # B trusts A more
    trust[:, 0, 0] = 0.0  # A's view of itself does not count
    src = (series(trust=trust), NAMES)
    assert bet_outcome(src, bet("trust", states=("A",))) == ROSE
    assert bet_value(src, bet("trust", states=("A",)), 3) == pytest.approx(0.65)
    assert bet_outcome(src, bet("trust", states=("C",))) == LEVEL


def test_turn_window():
    reach = np.full((4, 3), 10.0)
    reach[:, 0] = [10, 10, 20, 20]  # A builds during turn 2
    src = (series(reach=reach), NAMES)
    assert bet_outcome(src, bet("reach", ask=2, reveal=2, states=("A",))) == ROSE
    assert bet_outcome(src, bet("reach", ask=3, reveal=3, states=("A",))) == LEVEL
    assert bet_outcome(src, bet("reach", ask=1, reveal=1, states=("A",))) == LEVEL
    # reveal after the last turn played: clipped
    assert bet_outcome(src, bet("reach", ask=1, reveal=99, states=("A",))) == ROSE
    # 0 means the last turn played (game.scenarios.Bet)
    assert bet_outcome(src, bet("reach", ask=1, reveal=0, states=("A",))) == ROSE
    # the bet would be placed after the game ended: nothing changed
    assert bet_outcome(src, bet("reach", ask=9, reveal=12, states=("A",))) == LEVEL


def test_bad_bets():
    src = (series(), NAMES)
    with pytest.raises(ValueError):
        bet_outcome(src, bet("weather"))
    with pytest.raises(ValueError):
        bet_outcome(src, bet("reach", states=("Nobody",)))
    with pytest.raises(ValueError):
        bet_outcome(src, bet("tension", between=(("A", "A"),)))


def test_on_a_real_session_and_analysis():
    session, a = neighbours(1)
    # Mirel arms every turn in this game: its reach rose, and arms overall rose.
    b = bet("reach", ask=1, reveal=15, states=("Mirel",))
    assert bet_outcome(session, b) == ROSE == bet_outcome(a, b)
    for m in BET_MEASURES:
        outcome = bet_outcome(session, bet(m, ask=3, reveal=10))
        assert outcome in (FELL, LEVEL, ROSE)
        assert outcome == bet_outcome(a, bet(m, ask=3, reveal=10))


def test_the_loaders_bet():
    from game import scenarios

    session, a = neighbours(1)
    bet_ = scenarios.load("two_neighbours").bet
    assert bet_ is not None, "two_neighbours lost its [text.bet]"
    assert bet_.measure in BET_MEASURES
    assert bet_outcome(session, bet_) in (FELL, LEVEL, ROSE)
    assert bet_outcome(session, bet_) == bet_outcome(a, bet_)


def test_bet_window():
    from game.analysis import bet_window

    assert bet_window(bet("reach", ask=1, reveal=3), 10) == (0, 3)
    assert bet_window(bet("reach", ask=4, reveal=0), 10) == (3, 10)
    assert bet_window(bet("reach", ask=4, reveal=30), 6) == (3, 6)
    assert bet_window(bet("reach", ask=12, reveal=14), 6) == (6, 6)


def test_every_shipped_lessons_bet_is_placed_and_revealed_within_its_turns():
    from game import scenarios
    from game.lessons import lessons

    for sid in lessons():
        sc = scenarios.load(sid)
        assert sc.bet is not None, f"{sid} has no [text.bet]"
        turns = int(sc.params.turns)
        reveal = sc.bet.reveal_after or turns
        assert 1 <= sc.bet.ask_before <= reveal <= turns, sid
