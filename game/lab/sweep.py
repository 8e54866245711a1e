"""Parameter sweeps: a grid of scenario parameters x seeds, run as one batch.

Every numeric field of :class:`~game.engine.state.Params` may be a per-world array, so a grid
of ``G`` points with ``S`` seeds is a single batch of ``G * S`` worlds through the same engine
that plays one game: world ``g * S + s`` has grid point ``g``'s parameters and seed
``seed + s`` (the same seeds at every point: common random numbers). Grids larger than
:data:`~game.lab.mixed.CHUNK` worlds run in chunks of that many, to bound memory.

Jervis (1978) crossed two variables: whether offense or defense has the advantage, and whether
defensive arms can be told from offensive ones. Here ``shield_efficiency`` (reach stopped per
unit of shield) is the offense-defense balance and ``distinguishability`` (the chance a shield
build is seen as a shield) the other; a sweep over both draws his four worlds from data.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.state import Params
from game.lab.errors import LabError
from game.lab.mixed import CHUNK, Outcomes, play
from game.scenarios import PARAM_RULES, Scenario
from game.session import Seat
from game.theory import JERVIS_WORLD_TITLES, jervis_world

#: Most grid points x seeds a sweep will run (a safety net against a typo such as 1:2:1000).
MAX_WORLDS = 200_000

#: What the two classic axes mean, for chart labels.
AXIS_NOTES = {
    "shield_efficiency": "shield efficiency (higher: defence has the advantage)",
    "distinguishability": "distinguishability (higher: a shield is seen as a shield)",
}


def sweepable() -> tuple[str, ...]:
    """Params fields that may vary per world: every field whose default is a float."""
    return tuple(
        f.name
        for f in dataclasses.fields(Params)
        if isinstance(f.default, float) and not isinstance(f.default, bool)
    )


@dataclass(frozen=True)
class Axis:
    """One swept parameter and its values."""

    name: str
    values: tuple[float, ...]

    @staticmethod
    def parse(text: str) -> Axis:
        """``NAME=START:STOP:COUNT`` (``COUNT`` evenly spaced values, ends included) or
        ``NAME=VALUE``."""
        name, sep, spec = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise LabError(f"--param takes NAME=START:STOP:COUNT, got {text!r}")
        names = sweepable()
        if name not in names:
            raise LabError(
                f"--param: {name!r} is not a numeric scenario parameter; valid ones: "
                + ", ".join(sorted(names))
            )
        parts = spec.split(":")
        try:
            if len(parts) == 3:
                start, stop = float(parts[0]), float(parts[1])
                count = int(parts[2])
            elif len(parts) == 1:
                start = stop = float(parts[0])
                count = 1
            else:
                raise ValueError
        except ValueError:
            raise LabError(
                f"--param {name}: the range is START:STOP:COUNT (e.g. {name}=0.2:2:10) or one "
                f"value; got {spec!r}"
            ) from None
        if not (math.isfinite(start) and math.isfinite(stop)):
            raise LabError(f"--param {name}: the ends of the range must be finite numbers")
        if count < 1:
            raise LabError(f"--param {name}: COUNT must be at least 1, got {count}")
        if count == 1 and start != stop:
            raise LabError(f"--param {name}: one value (COUNT 1) needs START equal to STOP")
        values = tuple(float(v) for v in np.linspace(start, stop, count))
        rule = PARAM_RULES.get(name)
        if rule is not None:
            bad = [v for v in values if not rule.ok(v)]
            if bad:
                raise LabError(
                    f"--param {name}: {bad[0]:g} is out of range; {name} must be {rule.text()}"
                )
        return Axis(name, values)


def parse_axes(texts: Sequence[str]) -> tuple[Axis, ...]:
    """The sweep's axes from ``--param NAME=START:STOP:COUNT`` texts, each name once."""
    if not texts:
        raise LabError("give at least one --param NAME=START:STOP:COUNT")
    axes = tuple(Axis.parse(t) for t in texts)
    names = [a.name for a in axes]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise LabError(f"--param: each parameter is swept once; given twice: {', '.join(twice)}")
    return axes


@dataclass(frozen=True)
class SweepResult:
    """World ``g * seeds + s`` is grid point ``g`` (row-major over the axes) with seed
    ``seed + s``."""

    scenario: Scenario
    axes: tuple[Axis, ...]
    seeds: tuple[int, ...]
    outcomes: Outcomes

    @property
    def points(self) -> list[tuple[float, ...]]:
        return list(itertools.product(*(a.values for a in self.axes)))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(a.values) for a in self.axes)

    def _per_point(self, values: np.ndarray) -> np.ndarray:
        return values.reshape(len(self.points), len(self.seeds)).mean(axis=1)

    def war_rate(self) -> np.ndarray:
        return self._per_point(self.outcomes.war.astype(float))

    def mean_arms(self) -> np.ndarray:
        return self._per_point(self.outcomes.final_arms)

    def mean_min_stability(self) -> np.ndarray:
        return self._per_point(self.outcomes.min_stability)

    def dilemma_share(self) -> np.ndarray:
        """Per point: the share of rival pairs' stage games that are a prisoner's dilemma or
        chicken (every world's share, averaged over the worlds that had a rival pair)."""
        share = self.outcomes.dilemma
        if share is None:
            return np.full(len(self.points), np.nan)
        per = share.reshape(len(self.points), len(self.seeds))
        with np.errstate(invalid="ignore"):
            return np.array([np.nan if np.isnan(r).all() else float(np.nanmean(r)) for r in per])

    def csv_header(self) -> list[str]:
        return [
            *(a.name for a in self.axes),
            "seeds",
            "war_rate",
            "mean_final_arms",
            "mean_min_stability",
            "dilemma_share",
        ]

    def csv_rows(self) -> list[list[float]]:
        war, arms, stab = self.war_rate(), self.mean_arms(), self.mean_min_stability()
        dilemma = self.dilemma_share()
        return [
            [
                *point,
                len(self.seeds),
                float(war[g]),
                float(arms[g]),
                float(stab[g]),
                float(dilemma[g]),
            ]
            for g, point in enumerate(self.points)
        ]

    def grid(self, values: np.ndarray) -> np.ndarray:
        """Per-point values as ``[len(y), len(x)]`` over the first two axes (the mean over any
        further axes); one axis gives a single row."""
        cube = values.reshape(self.shape)
        if cube.ndim == 1:
            return cube[None, :]
        cube = cube.mean(axis=tuple(range(2, cube.ndim))) if cube.ndim > 2 else cube
        return cube.T


def run_sweep(
    scenario: Scenario,
    axes: Sequence[Axis],
    seats: tuple[Seat, ...],
    *,
    seeds: int,
    seed: int = 0,
    chunk: int = CHUNK,
    tick: Callable[[], None] = lambda: None,
    digests: bool = False,
) -> SweepResult:
    """Play ``seeds`` games at every point of the grid that ``axes`` span."""
    if seeds < 1:
        raise LabError(f"--seeds must be at least 1, got {seeds}")
    points = list(itertools.product(*(a.values for a in axes)))
    worlds = len(points) * seeds
    if worlds > MAX_WORLDS:
        raise LabError(
            f"{len(points)} grid points x {seeds} seeds = {worlds} worlds, more than the "
            f"{MAX_WORLDS} a sweep runs; use fewer points or seeds"
        )
    grid = np.array(points, dtype=float)  # [G, axes]
    params = {a.name: np.repeat(grid[:, k], seeds) for k, a in enumerate(axes)}
    seed_list = [seed + s for _ in points for s in range(seeds)]
    outcomes = play(
        scenario,
        [seats] * worlds,
        seed_list,
        params=params,
        chunk=chunk,
        tick=tick,
        digests=digests,
        census=True,
    )
    return SweepResult(
        scenario=scenario,
        axes=tuple(axes),
        seeds=tuple(seed + s for s in range(seeds)),
        outcomes=outcomes,
    )


def axis_label(name: str) -> str:
    """The words an axis is labelled with on a chart."""
    return AXIS_NOTES.get(name, name.replace("_", " "))


def jervis_corners(x: str, y: str) -> dict[str, str] | None:
    """Jervis's worlds in the corners when the axes are the balance and distinguishability:
    low shield efficiency is offense's advantage, high distinguishability gives warning."""
    pair = {x, y}
    if pair != {"shield_efficiency", "distinguishability"}:
        return None
    corners = {}
    for eff, dist in itertools.product(("low", "high"), repeat=2):
        world = jervis_world(offense_advantage=eff == "low", distinguishable=dist == "high")
        key = f"{eff}-{dist}" if x == "shield_efficiency" else f"{dist}-{eff}"
        corners[key] = JERVIS_WORLD_TITLES[world]
    return corners
