"""Many seatings in one batch: world ``b`` plays its own seats with its own seed.

The session's :class:`~game.session.Runner` gives every world of a batch the same seats. A
tournament needs a different seating in each world, so here each seat's policy is a *split*: one
policy object per distinct entrant at that seat, each acting on the sub-batch of worlds where it
sits, on the slice of the observation it would have seen alone, with the random streams the seed
scheme gives it. Nothing of the rules is copied: the engine's ``step``, the observation and the
orders are the Runner's own, so world ``b`` is, bit for bit, the single game with seats
``seatings[b]`` and seed ``seeds[b]`` (a test pins this).

:func:`play` runs seatings x seeds to the end in batches of at most ``chunk`` worlds and returns
what the lab reports: scores, wars, final reach and arms, the lowest first-strike stability.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.actions import Diplomacy
from game.engine.deterrence import exchange
from game.engine.state import TREATY_SLOTS, World
from game.policies import Move, Observation, Policy, get_policy
from game.scenarios import Scenario
from game.session import Runner, Seat, spawn_streams

#: Most worlds stepped at once: bounds memory (see docs/performance.md for the cost per world).
CHUNK = 4096


def slice_observation(obs: Observation, idx: np.ndarray) -> Observation:
    """The observation of the worlds ``idx`` only (every per-world array sliced)."""
    b = obs.batch
    changes = {}
    for f in dataclasses.fields(obs):
        v = getattr(obs, f.name)
        if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == b:
            changes[f.name] = v[idx]
    if obs.view is not None:
        changes["view"] = obs.view.select(idx)
    return dataclasses.replace(obs, **changes)


class SplitPolicy(Policy):
    """One seat played by different policies in different worlds of the batch.

    It has no ``name``, so it never joins the registry: it is plumbing, not an opponent.
    """

    def __init__(self, seat: int, parts: Sequence[tuple[np.ndarray, Policy]]) -> None:
        self.seat = seat
        self.parts = list(parts)
        self.rngs = []
        self.difficulty = "normal"
        self.needs_view = any(p.needs_view for _, p in self.parts)  # type: ignore[misc]

    def act(self, obs: Observation) -> Move:
        b, n = obs.batch, len(obs.names)
        spend = np.zeros((b, 5))
        cut = np.zeros(b)
        dip: Diplomacy | None = None
        for idx, policy in self.parts:
            move = policy.act(slice_observation(obs, idx))
            spend[idx] = move.spend
            cut[idx] = move.cut
            if move.diplomacy is not None:
                if dip is None:
                    dip = Diplomacy.none(b, n, TREATY_SLOTS)
                for key, full in dip.arrays().items():
                    full[idx] = getattr(move.diplomacy, key)
        return Move(spend=spend, cut=cut, diplomacy=dip)


class MixedRunner(Runner):
    """A :class:`Runner` whose world ``b`` plays ``seatings[b]`` (AI seats only)."""

    def __init__(
        self, scenario: Scenario, seeds: list[int], seatings: Sequence[tuple[Seat, ...]]
    ) -> None:
        if len(seatings) != len(seeds):
            raise ValueError(f"{len(seeds)} seeds but {len(seatings)} seatings")
        if any(s.human for row in seatings for s in row):
            raise ValueError("the lab plays AI seats only")
        super().__init__(scenario, seeds, tuple(seatings[0]))
        n = len(scenario.states)
        # The same streams the Runner spawned (a SeedSequence spawns deterministically): seat
        # i's policy in world b draws from world b's seat-i stream, as in a single game.
        streams = [spawn_streams(s, n)[1] for s in self.seeds]
        self.policies = {}
        for i in range(n):
            groups: dict[Seat, list[int]] = {}
            for b, row in enumerate(seatings):
                groups.setdefault(row[i], []).append(b)
            parts = []
            for seat, worlds in groups.items():
                cls = get_policy(seat.policy)
                rngs = [streams[b][i] for b in worlds]
                parts.append((np.array(worlds), cls(i, rngs, seat.difficulty)))
            if len(parts) == 1:
                self.policies[i] = parts[0][1]
            else:
                self.policies[i] = SplitPolicy(i, parts)


@dataclass(frozen=True)
class Outcomes:
    """What happened in ``W`` worlds, in the order they were asked for."""

    score: np.ndarray  # [W, N] the final (discounted) score of each state
    war: np.ndarray  # [W] bool: the game ended in war
    turns: np.ndarray  # [W] turns played (the war's turn, or the last)
    final_reach: np.ndarray  # [W, N] reach at the end, at home and stationed abroad
    final_arms: np.ndarray  # [W] reach + shield of every state, at home and abroad
    min_stability: np.ndarray  # [W] lowest first-strike stability of any pair of rivals
    digests: tuple[str, ...]  # each world's final digest (empty unless asked for)
    #: [W] share of the rival pair-turns looked at whose stage game is a dilemma (a prisoner's
    #: dilemma or chicken), NaN when not asked for (see :func:`play`'s ``census``)
    dilemma: np.ndarray | None = None

    @property
    def worlds(self) -> int:
        return int(self.war.shape[0])


def rival_stability(world: World, stab: np.ndarray | None = None) -> np.ndarray:
    """``[B]``: the lowest first-strike stability among pairs that are not allied (among all
    pairs where everyone is allied). ``stab`` is the world's stability if already known."""
    if stab is None:
        stab = exchange(world).stability
    n = world.n
    other = ~np.eye(n, dtype=bool)[None]
    rivals = other & (world.alliance < 0.5)
    none = ~np.asarray(rivals.any(axis=(1, 2)))
    mask = np.where(none[:, None, None], other, rivals)
    return np.where(mask, stab, np.inf).min(axis=(1, 2))


#: The stage-game census looks at every this many turns (turn 0, 4, 8, ...): the lens's
#: projection costs three engine turns per cell, four cells per pair.
CENSUS_EVERY = 4
#: Stage games that are dilemmas: each side is tempted to arm whatever the other does (a
#: prisoner's dilemma), or a game of nerves (chicken).
DILEMMAS = ("prisoners_dilemma", "chicken")


def _census(world: World) -> tuple[np.ndarray, np.ndarray]:
    """``([B], [B])``: rival pairs whose stage game is a dilemma, and rival pairs looked at, in
    every world still playing."""
    from game.analysis.core import batch_stage_names

    n = world.n
    plist = [(i, j) for i in range(n) for j in range(i + 1, n)]
    names = batch_stage_names(world, plist)
    dilemmas = np.zeros(world.batch)
    looked = np.zeros(world.batch)
    for i, j in plist:
        rival = (world.alliance[:, i, j] < 0.5) & ~world.over
        hit = np.array([name in DILEMMAS for name in names[(i, j)]])
        dilemmas += rival & hit
        looked += rival
    return dilemmas, looked


def _finish(
    runner: Runner, tick: Callable[[], None], digests: bool, census: bool = False
) -> tuple[World, np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Play to the end; each world's turns played, lowest rival stability and (if asked) its
    digest when its game ended: a war freezes a world while the batch's turn counter goes on,
    so a world that went to war is digested at its war's turn, as a single game ends there."""
    batch = runner.world.batch
    lowest = rival_stability(runner.world)
    turns = np.zeros(batch, dtype=int)
    ended: list[str] = [""] * batch
    dilemmas, looked = np.zeros(batch), np.zeros(batch)
    while not runner.finished.all():
        playing = ~runner.finished
        if census and runner.world.turn % CENSUS_EVERY == 0:
            hits, seen = _census(runner.world)
            dilemmas, looked = dilemmas + hits * playing, looked + seen * playing
        events = runner.advance(runner.ai_orders())
        world = runner.world
        turns = np.where(playing, world.turn, turns)
        now = rival_stability(world, events.stability)  # the engine's own, after the turn
        lowest = np.where(world.over, lowest, np.minimum(lowest, now))
        if digests:
            for b in np.flatnonzero(playing & runner.finished):
                ended[b] = world.select(int(b)).digest()
        tick()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(looked > 0, dilemmas / np.maximum(looked, 1), np.nan)
    return runner.world, turns, lowest, ended, share


def play(
    scenario: Scenario,
    seatings: Sequence[tuple[Seat, ...]],
    seeds: Sequence[int],
    *,
    params: dict[str, np.ndarray] | None = None,
    chunk: int = CHUNK,
    tick: Callable[[], None] = lambda: None,
    digests: bool = False,
    census: bool = False,
) -> Outcomes:
    """Play world ``w`` with ``seatings[w]``, seed ``seeds[w]`` and, for each name in
    ``params``, that parameter at ``params[name][w]``, to the end; in batches of ``chunk``.

    ``tick`` is called after every turn of every batch (``batches(W, chunk) * turns`` calls at
    most), for a progress bar. ``digests`` keeps each world's final digest (slow for big
    batches; the tests use it to compare with single games). ``census`` names the stage game
    of every rival pair every :data:`CENSUS_EVERY` turns, for :attr:`Outcomes.dilemma`.
    """
    total = len(seeds)
    if len(seatings) != total:
        raise ValueError(f"{total} seeds but {len(seatings)} seatings")
    parts = []
    for lo in range(0, total, chunk):
        hi = min(lo + chunk, total)
        run = scenario
        if params:
            sliced = {k: np.asarray(v, dtype=float)[lo:hi] for k, v in params.items()}
            run = dataclasses.replace(scenario, params=scenario.params.replace(**sliced))
        seat_rows = list(seatings[lo:hi])
        seed_list = [int(s) for s in seeds[lo:hi]]
        if all(row == seat_rows[0] for row in seat_rows):
            runner: Runner = Runner(run, seed_list, tuple(seat_rows[0]))
        else:
            runner = MixedRunner(run, seed_list, seat_rows)
        world, turns, lowest, ended, share = _finish(runner, tick, digests, census)
        arms = (
            world.reach.sum(axis=1)
            + world.shield.sum(axis=1)
            + world.fwd_reach.sum(axis=(1, 2))
            + world.fwd_shield.sum(axis=(1, 2))
        )
        parts.append(
            (
                world.score.copy(),
                world.over.copy(),
                turns,
                world.reach + world.fwd_reach.sum(axis=2),
                arms,
                lowest,
                tuple(ended) if digests else (),
                share,
            )
        )
    return Outcomes(
        score=np.concatenate([p[0] for p in parts]),
        war=np.concatenate([p[1] for p in parts]).astype(bool),
        turns=np.concatenate([p[2] for p in parts]),
        final_reach=np.concatenate([p[3] for p in parts]),
        final_arms=np.concatenate([p[4] for p in parts]),
        min_stability=np.concatenate([p[5] for p in parts]),
        digests=tuple(d for p in parts for d in p[6]),
        dilemma=np.concatenate([p[7] for p in parts]) if census else None,
    )


def batches(worlds: int, chunk: int = CHUNK) -> int:
    """How many batches of at most ``chunk`` worlds hold ``worlds`` worlds."""
    return -(-worlds // chunk)
