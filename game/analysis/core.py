"""From a :class:`~game.session.Session` to an :class:`~game.analysis.types.Analysis`.

The series are read straight from the worlds the session went through (``history[t].events
.before`` for the start of turn ``t``, then ``session.world``): nothing is recomputed that the
engine already stores. Scores are the engine's own running discounted score, ``World.score`` (the
number the end screen ranks by); first-strike stability and deterrence margins come from
:func:`game.engine.deterrence.exchange`; stage-game names from the same projection the theory
lens runs (:func:`game.engine.stage.stage_game`), batched over every pair and turn.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from game.analysis.counterfactuals import landing as landing_of
from game.analysis.counterfactuals import replay_all
from game.analysis.series import series_from, worlds_of
from game.analysis.turning import turning_points
from game.analysis.types import Analysis, PairFit, Series
from game.engine.orders import IllegalOrder
from game.engine.stage import stage_game, stage_payoffs
from game.engine.state import World, stack_worlds
from game.session import Session
from game.theory import RichardsonFit, classify, richardson_fit

#: The projection the stage games use (the theory lens's defaults).
#: Stage-game name recorded when the projection cannot run (an arming cell breaks a treaty cap).
NO_STAGE_GAME = "none"


# --------------------------------------------------------------------------------------------
# Series
# --------------------------------------------------------------------------------------------


def pairs(n: int) -> list[tuple[int, int]]:
    """Every pair of states (i < j) among ``n``."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def rival_pairs(series: Series) -> tuple[tuple[int, int], ...]:
    """Pairs (i < j) never allied at any point of the series."""
    allied = series.alliance.max(axis=0) > 0.5
    return tuple((i, j) for i, j in pairs(series.n) if not allied[i, j])


def main_pair(series: Series, rivals: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The rival pair whose race matters most: the highest mean tension, then the largest
    combined reach growth (the first pair when all are equal)."""
    if not rivals:
        return None

    def weight(p: tuple[int, int]) -> tuple[float, float]:
        i, j = p
        tension = float(series.tension[:, i, j].mean())
        growth = float(np.abs(np.diff(series.reach[:, [i, j]], axis=0)).sum())
        return (round(tension, 9), growth)

    return max(rivals, key=weight)


def war_of(session: Session) -> tuple[int | None, tuple[str, str] | None]:
    """The 1-based turn a war broke out and (striker, target), or (None, None)."""
    names = session.scenario.names
    for rec in session.history:
        ev = rec.events
        if bool(ev.war_started[0]):
            s, g = int(ev.war_striker[0]), int(ev.war_target[0])
            return rec.turn + 1, (names[s], names[g])
    return None, None


#: Fewest played turns a Richardson fit is made from: each equation has three coefficients, and
#: a handful of turns fits almost anything exactly (a war in turn 4 gives five points).
MIN_FIT_TURNS = 8
#: A fear (k, l) or fatigue (a, b) coefficient below minus this (per turn) has the wrong sign for
#: a Richardson race; smaller negatives are read as zero.
SIGN_TOLERANCE = 0.01
#: A side that built in at most this share of the turns took no part in a race: its reach held
#: or wore down whatever the other did.
PASSIVE_SHARE = 0.15


def _num(x: float) -> str:
    return f"{x:.1f}" if abs(x) >= 0.95 else f"{x:.2f}"


def _builds(s: np.ndarray) -> int:
    """Turns in which the series rose by more than a rounding wobble (0.2 % of its peak)."""
    eps = max(1e-6, 2e-3 * float(np.abs(s).max()))
    return int((np.diff(s) > eps).sum())


def _passive(s: np.ndarray) -> bool:
    """Whether a side built in at most :data:`PASSIVE_SHARE` of the turns."""
    return _builds(s) <= PASSIVE_SHARE * (s.size - 1)


def _passive_phrase(name: str, s: np.ndarray) -> str:
    """What a side that did not race did with its reach, as a clause."""
    builds, turns, end = _builds(s), s.size - 1, float(s[-1])
    if end >= 0.95 * float(s.max()):
        return f"{name} held its reach near {_num(end)}"
    if builds == 0:
        return f"{name}'s reach only wore down, from {_num(float(s[0]))} to {_num(end)}"
    return (
        f"{name} built in only {builds} of {turns} turns and otherwise let its reach wear down "
        f"to {_num(end)}"
    )


def _wrong_signs(fit: RichardsonFit, a: str, b: str) -> list[str]:
    """Per side, the fitted fear and fatigue with the wrong sign for a race, in plain words
    (each number named by what it measures, never by its symbol in Richardson's equations)."""
    out = []
    for who, other, fear, fatigue in ((a, b, fit.k, fit.a), (b, a, fit.l, fit.b)):
        parts = []
        if fear < -SIGN_TOLERANCE:
            parts.append(
                f"less when {other} had more (how much {who} fears falling behind came out "
                f"at {fear:.2f}, below zero)"
            )
        if fatigue < -SIGN_TOLERANCE:
            parts.append(
                f"faster the more it already had (how much its own arms hold {who} back came "
                f"out at {fatigue:.2f}, below zero)"
            )
        if parts:
            out.append(f"{who} building {' and '.join(parts)}")
    return out


def _no_fit(a: str, b: str, reading: str, why: str, raw: RichardsonFit | None = None) -> PairFit:
    return PairFit(a, b, None, None, None, reading, why, raw)


def fit_pair(series: Series, names: Sequence[str], i: int, j: int) -> PairFit:
    """The Richardson fit of the reach race between ``i`` (x) and ``j`` (y), with a reading.

    The fit (unconstrained least squares, :func:`game.theory.richardson_fit`) is read as a race
    only when it can be: at least :data:`MIN_FIT_TURNS` turns, both sides building now and then
    (a side whose reach only held or wore down answered nothing), and fear and fatigue of the
    right sign. Otherwise ``fit`` is None, the reading says plainly what the arms did instead,
    and ``raw`` keeps the least-squares coefficients when they could be computed.
    """
    a, b = names[i], names[j]
    x, y = series.reach[:, i], series.reach[:, j]
    unfit = _too_little_to_fit(a, b, x, y)
    if unfit is not None:
        return unfit
    raw, failed, error = _least_squares(a, b, x, y)
    unfit = _no_answer(a, b, x, y, raw)
    if unfit is not None:
        return unfit
    if raw is None:
        return _no_fit(a, b, failed, error)
    wrong = _wrong_signs(raw, a, b)
    if wrong:
        why = "fear or fatigue has the wrong sign for a race"
        reading = (
            f"The arms of {a} and {b} did not follow a Richardson race: the best fit has "
            f"{'; and '.join(wrong)}, which is not how a race moves, so no resting point is "
            "read from it."
        )
        return _no_fit(a, b, reading, why, raw)
    reading = _race_reading(raw, a, b, x, y)
    return PairFit(a, b, raw, raw.equilibrium, bool(raw.stable), reading, "", raw)


def _too_little_to_fit(a: str, b: str, x: np.ndarray, y: np.ndarray) -> PairFit | None:
    """No fit at all when fewer than :data:`MIN_FIT_TURNS` turns were played or neither reach
    moved; None when there is enough to try one."""
    turns = x.size - 1
    if turns < MIN_FIT_TURNS:
        played = f"{turns} played, a fit needs at least {MIN_FIT_TURNS}"
        reading = f"Too few turns to fit a race between {a} and {b}: {played}."
        return _no_fit(a, b, reading, f"too few turns to fit a race ({played})")
    if float(np.ptp(x)) < 1e-9 and float(np.ptp(y)) < 1e-9:
        why = "neither side's reach changed"
        return _no_fit(a, b, f"No race to fit between {a} and {b}: {why}.", why)
    return None


def _least_squares(
    a: str, b: str, x: np.ndarray, y: np.ndarray
) -> tuple[RichardsonFit | None, str, str]:
    """The least-squares fit of ``x`` and ``y``, or None with the reading and the reason why
    it could not be made (both empty when it was)."""
    try:
        raw = richardson_fit(x, y)
    except ValueError as exc:
        failed = (
            f"The reach of {a} and {b} moved too regularly to tell fear from fatigue, "
            "so no Richardson fit is shown."
        )
        return None, failed, str(exc)
    values = (raw.k, raw.l, raw.a, raw.b, raw.g, raw.h, *raw.r2)
    if not all(math.isfinite(v) for v in values):
        error = "the fit did not give finite coefficients"
        return None, f"No race to fit between {a} and {b}: {error}.", error
    return raw, "", ""


def _no_answer(
    a: str, b: str, x: np.ndarray, y: np.ndarray, raw: RichardsonFit | None
) -> PairFit | None:
    """No race when a side (or both) built too rarely to be answering the other (``raw`` kept
    as the fit's raw coefficients); None when both kept building."""
    still = [(n, s) for n, s in ((a, x), (b, y)) if _passive(s)]
    if len(still) == 2:
        why = "neither side kept building; their reach held or wore down"
        reading = (
            f"No sign of a race between {a} and {b}: {_passive_phrase(a, x)}, and "
            f"{_passive_phrase(b, y)}."
        )
        return _no_fit(a, b, reading, why, raw)
    if still:
        (name, s), other = still[0], (b if still[0][0] == a else a)
        why = f"{name}'s reach held or wore down whatever {other} did, so there is no answer to fit"
        reading = (
            f"No sign of a race between {a} and {b}: {_passive_phrase(name, s)}, "
            f"whatever {other} did."
        )
        return _no_fit(a, b, reading, why, raw)
    return None


def _race_reading(fit: RichardsonFit, a: str, b: str, x: np.ndarray, y: np.ndarray) -> str:
    """The reading of a fit that is a race: where it settles, if anywhere it means."""
    loose = min(fit.r2) < 0.3
    top = max(float(x.max()), float(y.max()), 1.0)
    lead = (
        f"Fitted to Richardson's model, restraint outweighs fear between {a} and {b} (what "
        "their own arms cost holds them back more than fear of the other pushes them on)"
    )
    # Where each side stood over the second half of the game: a resting point far below it
    # is not "where the race settles" (a side that only wore down fits a rest at zero).
    half = x.size // 2
    floor_x, floor_y = 0.5 * float(x[half:].min()), 0.5 * float(y[half:].min())
    if fit.equilibrium is None:
        reading = (
            f"Fitted to Richardson's model, fear and restraint between {a} and {b} come out "
            "in balance, so the fit gives no single resting point"
        )
    elif not fit.stable:
        reading = (
            f"Fitted to Richardson's model, fear outweighs restraint between {a} and {b}: left "
            "alone, such a race runs away, or collapses, depending on where it starts"
        )
    elif fit.equilibrium[0] < floor_x or fit.equilibrium[1] < floor_y:
        reading = (
            f"{lead}: left alone, their arms would wind down well below where they ended "
            f"({a} {_num(float(x[-1]))}, {b} {_num(float(y[-1]))}) rather than race"
        )
    elif max(fit.equilibrium) > 3.0 * top:
        ex, ey = fit.equilibrium
        reading = (
            f"{lead} on paper, but the race would settle only far beyond anything built here "
            f"(near {_num(ex)} reach for {a} and {_num(ey)} for {b}): over these turns it was a "
            "steady build-up"
        )
    else:
        ex, ey = fit.equilibrium
        reading = f"{lead}: the race settles near {_num(ex)} reach for {a} and {_num(ey)} for {b}"
    return reading + (" (a loose fit: read it as a hint)." if loose else ".")


# --------------------------------------------------------------------------------------------
# Stage games, batched
# --------------------------------------------------------------------------------------------


def _stack(worlds: Sequence[World]) -> World:
    """One batch from several worlds of the same scenario (``turn`` set to 0: a projection's
    payoffs are utilities, which do not depend on it)."""
    return stack_worlds(list(worlds)).replace(turn=0)


def stage_names(
    worlds: Sequence[World], pair_list: Sequence[tuple[int, int]] | None = None
) -> dict[tuple[int, int], tuple[str, ...]]:
    """For each pair (i < j), the ``classify`` name of its stage game at each world.

    The same projection as :func:`game.engine.stage.stage_game` (true stocks, ``horizon`` 3,
    arm share 0.5, expected values, "arm" stopping at a treaty cap in force), run as one batch of
    every pair, world and cell, so the names are exactly ``stage_game(world, i, j).name``. Should
    the batch be refused, each stage game is projected on its own, and one that cannot run is
    named :data:`NO_STAGE_GAME`.
    """
    n = worlds[0].n
    plist = list(pair_list) if pair_list is not None else pairs(n)
    if not plist:
        return {}
    try:
        return _stage_names_batched(worlds, plist)
    except IllegalOrder:
        out: dict[tuple[int, int], tuple[str, ...]] = {}
        for i, j in plist:
            row = []
            for w in worlds:
                try:
                    row.append(stage_game(w, i, j).name)
                except IllegalOrder:
                    row.append(NO_STAGE_GAME)
            out[(i, j)] = tuple(row)
        return out


def _stage_names_batched(
    worlds: Sequence[World], plist: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, ...]]:
    return batch_stage_names(_stack(worlds), plist)


def batch_stage_names(
    world: World, plist: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, ...]]:
    """For each pair, the ``classify`` name of its stage game in every world of the batch: the
    lens's projection (:func:`game.engine.stage.stage_payoffs`, true stocks) run as one batch
    per pair (the batch is the worlds times the four cells)."""
    # Each world four times in a row: [B * 4], the cell index runs fastest.
    cells = world.select(np.repeat(np.arange(world.batch), 4))
    out: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, j in plist:
        total = stage_payoffs(cells, np.full(cells.batch, i), np.full(cells.batch, j))
        cell = total.reshape(world.batch, 4, 2)
        out[(i, j)] = tuple(
            classify(cell[b, :, 0].reshape(2, 2), cell[b, :, 1].reshape(2, 2))
            for b in range(world.batch)
        )
    return out


# --------------------------------------------------------------------------------------------
# analyse()
# --------------------------------------------------------------------------------------------


def analyse(session: Session, counterfactuals: bool = True) -> Analysis:
    """Everything the debrief needs about ``session`` (finished or in progress).

    Reads the session; never changes it. With ``counterfactuals`` the same scenario and seed are
    replayed under the two fixed policies of :mod:`game.analysis.counterfactuals` (the costliest
    part); without, ``counterfactuals`` is empty and so is ``landing``.
    """

    sc = session.scenario
    names = sc.names
    worlds = worlds_of(session)
    series = series_from(
        worlds,
        [rec.events.spend for rec in session.history],
        [rec.events.war_odds for rec in session.history],
    )
    war_turn, war_pair = war_of(session)
    rivals = rival_pairs(series)
    fits = tuple(fit_pair(series, names, i, j) for i, j in rivals)
    stages = stage_names(worlds)
    events = tuple(tuple(rec.events.records(0)) for rec in session.history)
    cfs = replay_all(session) if counterfactuals else ()
    analysis = Analysis(
        scenario_id=sc.id,
        title=sc.title,
        seed=int(session.seed),
        names=tuple(names),
        seats=tuple(str(s) for s in session.seats),
        turns_played=len(session.history),
        war=war_turn is not None,
        war_turn=war_turn,
        war_pair=war_pair,
        series=series,
        turning_points=(),
        fits=fits,
        stage_names=stages,
        counterfactuals=cfs,
        landing=landing_of(series.score[-1], cfs, names) if cfs else {},
        turns_total=int(sc.params.turns),
        rivals=rivals,
        main_pair=main_pair(series, rivals),
        events=events,
        shapes=tuple(look.shape for look in sc.looks),
        crisis_threshold=float(np.mean(worlds[0].param("crisis_threshold"))),
    )
    points = turning_points(analysis)
    return dataclasses.replace(analysis, turning_points=points)
