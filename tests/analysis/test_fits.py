"""Richardson fits of hand-built reach series: read as a race only when the data are one."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.analysis.core import MIN_FIT_TURNS, fit_pair
from game.analysis.types import PairFit, Series
from game.theory import richardson_simulate
from tests.analysis.helpers import war_game

NAMES = ("Calder", "Mirel")


def series(x, y) -> Series:
    """A two-state :class:`Series` with these reach series (everything else zero)."""
    reach = np.column_stack([x, y]).astype(float)
    t = reach.shape[0]
    flat, pair = np.zeros((t, 2)), np.zeros((t, 2, 2))
    return Series(
        turn=np.arange(t),
        reach=reach,
        shield=flat,
        hardening=flat,
        economy=flat,
        budget=flat,
        support=flat,
        standing=flat,
        score=flat,
        spend=np.zeros((t - 1, 2, 5)),
        tension=pair,
        stability=pair,
        seen_reach=pair,
        trust=pair,
        kinds=("security_seeker", "security_seeker"),
    )


def fit(x, y) -> PairFit:
    f = fit_pair(series(x, y), NAMES, 0, 1)
    assert f.a in f.reading and f.b in f.reading and f.reading.endswith("."), f.reading
    if f.fit is None:
        assert f.reason and f.equilibrium is None and f.stable is None
    else:
        assert f.raw is f.fit and f.equilibrium == f.fit.equilibrium
        assert f.stable == f.fit.stable and not f.reason
    return f


def test_a_stable_race_settles_where_the_fit_says():
    x, y = richardson_simulate(0.3, 0.25, 0.5, 0.4, 2.0, 3.0, x0=1.0, y0=5.0, steps=15)
    f = fit(x, y)
    assert f.fit is not None and f.stable
    assert f.equilibrium == pytest.approx((13.6, 16.0))
    assert "restraint outweighs fear" in f.reading
    assert "settles near 13.6 reach for Calder and 16.0 for Mirel" in f.reading


def test_a_runaway_race():
    x, y = richardson_simulate(0.4, 0.4, 0.2, 0.2, 1.0, 1.0, x0=1.0, y0=2.0, steps=12)
    f = fit(x, y)
    assert f.fit is not None and f.stable is False
    assert "fear outweighs restraint" in f.reading and "runs away" in f.reading


def test_negative_fear_is_no_race():
    # Calder builds less the more Mirel has: k < 0. Both sides rise and fall, the fit is exact
    # and ab - kl > 0, so an unconstrained reading would call it restraint outweighing fear.
    x, y = richardson_simulate(-0.5, 0.5, 0.2, 0.3, 20.0, 2.0, x0=10.0, y0=10.0, steps=15)
    f = fit(x, y)
    assert f.fit is None and f.raw is not None
    assert f.raw.k == pytest.approx(-0.5) and f.raw.stable
    assert "did not follow a Richardson race" in f.reading
    assert (
        "Calder building less when Mirel had more (how much Calder fears falling behind came "
        "out at -0.50, below zero)"
    ) in f.reading
    assert "outweighs" not in f.reading and "settles" not in f.reading
    assert "wrong sign" in f.reason


def test_negative_fatigue_is_no_race():
    x, y = richardson_simulate(0.1, 0.3, -0.1, 0.5, 1.0, 1.0, x0=5.0, y0=5.0, steps=12)
    f = fit(x, y)
    assert f.fit is None and f.raw is not None and f.raw.a == pytest.approx(-0.1)
    assert "did not follow a Richardson race" in f.reading
    assert (
        "Calder building faster the more it already had (how much its own arms hold Calder "
        "back came out at -0.10, below zero)"
    ) in f.reading
    assert "outweighs" not in f.reading


def test_a_side_that_only_wears_down_is_no_race():
    # Calder never builds: its reach decays 2 % a turn from 30 to about 24. That fits exactly
    # (R² 1) with a resting point at 0, which the data's level contradicts.
    t = np.arange(12)
    x = 30.0 * 0.98**t
    y = 5.0 + 3.0 * t + (t % 3)
    f = fit(x, y)
    assert f.raw is not None and f.raw.r2[0] == pytest.approx(1.0)
    assert f.raw.equilibrium is not None and abs(f.raw.equilibrium[0]) < 1e-6
    assert f.fit is None
    assert "settles" not in f.reading and "0.00" not in f.reading
    assert f.reading == (
        "No sign of a race between Calder and Mirel: Calder's reach only wore down, "
        "from 30.0 to 24.0, whatever Mirel did."
    )


def test_two_sides_wearing_down_are_no_race():
    t = np.arange(16)
    x, y = 30.0 * 0.98**t, 24.0 * 0.97**t
    x[3] += 2.0  # one build in fifteen turns is still not a race
    f = fit(x, y)
    assert f.fit is None and f.raw is not None  # the fit exists (R² 1, rest at 0) ...
    assert f.reading.startswith("No sign of a race between Calder and Mirel: Calder built in ")
    assert "only 1 of 15 turns" in f.reading and "Mirel's reach only wore down" in f.reading
    assert "neither side kept building" in f.reason


def test_a_side_held_at_one_level_is_no_race():
    # Three Powers: Aurum jumps to its ceiling of 30 and holds; Ostrel builds past it, then
    # wears down. A least-squares fit finds fear for Ostrel from the single turn Aurum moved.
    x = np.r_[28.0, np.full(15, 30.0)]
    y = np.r_[10.0, 19.8, 29.6, 39.2 * 0.98 ** np.arange(13)]
    f = fit(x, y)
    assert f.fit is None and f.raw is not None and f.raw.r2[0] == pytest.approx(1.0)
    assert f.reading == (
        "No sign of a race between Calder and Mirel: Calder held its reach near 30.0, "
        "whatever Mirel did."
    )


def test_a_resting_point_below_the_data_is_not_where_the_race_settles():
    # Noisy falling series whose fit has the right signs and a resting point far under both.
    x = [39.9, 40.4, 39.0, 37.1, 33.7, 34.6, 34.1, 33.9, 32.3, 33.6, 34.5, 33.8, 32.5]
    y = [29.1, 27.5, 27.1, 25.8, 26.3, 25.3, 24.4, 26.3, 24.8, 22.1, 22.2, 18.7, 18.7]
    f = fit(x, y)
    assert f.fit is not None and f.stable and f.equilibrium is not None
    assert f.equilibrium[1] < 0.5 * min(y[6:])
    assert "settles" not in f.reading
    assert "wind down well below where they ended (Calder 32.5, Mirel 18.7)" in f.reading
    assert f.reading.endswith("(a loose fit: read it as a hint).")


@pytest.mark.parametrize("turns", [3, 4, MIN_FIT_TURNS - 1])
def test_too_few_turns(turns):
    # Exact Richardson data: any fit would be perfect, and meaningless on so few points.
    x, y = richardson_simulate(0.3, 0.25, 0.5, 0.4, 2.0, 3.0, x0=1.0, y0=5.0, steps=turns)
    f = fit(x, y)
    assert f.fit is None and f.raw is None
    assert f.reason.startswith("too few turns to fit a race")
    assert f.reading == (
        f"Too few turns to fit a race between Calder and Mirel: {turns} played, "
        f"a fit needs at least {MIN_FIT_TURNS}."
    )


def test_enough_turns():
    x, y = richardson_simulate(0.3, 0.25, 0.5, 0.4, 2.0, 3.0, x0=1.0, y0=5.0, steps=MIN_FIT_TURNS)
    assert fit(x, y).fit is not None


def test_nothing_moved():
    f = fit(np.full(10, 5.0), np.full(10, 7.0))
    assert f.fit is None and f.raw is None and "neither side's reach changed" in f.reason


def test_a_war_in_turn_four_is_too_short_to_fit():
    _, a = war_game()
    assert a.war_turn == 4 and a.fits
    for f in a.fits:
        assert f.fit is None and f.reason.startswith("too few turns to fit a race"), f.reading


#: A symbol of Richardson's equations shown as a value ("fear l = -0.15", "ab > kl", "R²"):
#: what a player must never be asked to decode on the debrief's Theory tab.
SYMBOL = re.compile(r"\b[klabgh] = |\b(ab|kl) [<>=] |R²")


@pytest.mark.parametrize(
    "coefficients",
    [
        (0.3, 0.25, 0.5, 0.4, 2.0, 3.0, 1.0, 5.0),  # a stable race
        (0.4, 0.4, 0.2, 0.2, 1.0, 1.0, 1.0, 2.0),  # a runaway race
        (-0.5, 0.5, 0.2, 0.3, 20.0, 2.0, 10.0, 10.0),  # fear below zero
        (0.1, 0.3, -0.1, 0.5, 1.0, 1.0, 5.0, 5.0),  # fatigue below zero
    ],
)
def test_the_fit_is_told_in_plain_words_without_symbols(coefficients):
    """The Theory tab shows a pair's reading and its numbers (``fit_lines``) to players: each
    number is named by what it measures and whose it is, never as a bare symbol."""
    from game.analysis.words import fit_lines

    k, l_, a, b, g, h, x0, y0 = coefficients
    x, y = richardson_simulate(k, l_, a, b, g, h, x0=x0, y0=y0, steps=15)
    f = fit(x, y)
    lines = fit_lines(f)
    for text in [f.reading, *lines]:
        assert not SYMBOL.search(text), text
    if f.fit is None:
        assert "how much" in f.reading and "below zero" in f.reading
    else:
        assert lines[0].startswith("How much each builds in answer to the other's arms")
        assert f"Calder {f.fit.k:.2f}, Mirel {f.fit.l:.2f}" in lines[0]
