"""Counterfactual replays: the same scenario and seed, with every state on one fixed policy.

"Where did the players land between *everyone restrained and signed* and *everyone armed*?"
Both replays start from the very world the game started from (the engine stream of the same
seed draws the same hidden kinds) and use the same engine stream turn by turn, so chance (what
each side glimpsed of the others, misreads, war rolls) is drawn the same way: only the policies
differ.

The two policies, applied to every state every turn:

``"restrain"`` -- *everyone restrains and signs*
    The whole budget goes to the civilian economy (nothing on reach, shield, hardening or
    intelligence), no reach is cut. Every treaty proposal awaiting a state's signature is
    signed (where the scenario allows treaties). In a crisis, every state backs down. No other
    diplomacy (nobody proposes).

``"arm"`` -- *everyone arms*
    The lens's own "arm" (:func:`game.engine.stage.seat_orders`): :data:`ARM_SHARE` (half)
    of the budget in each state's usual arms mix (reach when it has none yet), the rest to the
    civilian economy. A treaty cap in force is respected: the build stops at the cap, and what
    it would have cost stays civilian. In a
    crisis, every state escalates. No other diplomacy.

The replays run as one batch of two worlds (:class:`game.session.Runner`, the path a single game
and a batch run share, so world ``b`` is bit for bit the single game replayed through
:meth:`game.session.Session.resolve`). A finished game is replayed over the scenario's full
length (or until a war ends the replay); a game in progress over the turns played so far, so
scores compare at the same turn.
"""

from __future__ import annotations

import numpy as np

from game.analysis.series import series_from
from game.analysis.types import Counterfactual
from game.engine.actions import BACK_DOWN, ESCALATE, Diplomacy
from game.engine.orders import Orders
from game.engine.stage import STAGE_ARM_SHARE, seat_orders
from game.engine.state import World
from game.engine.treaties import PROPOSED
from game.session import Runner, Seat, Session

#: The counterfactuals, in the order an Analysis lists them: key -> label.
COUNTERFACTUALS: dict[str, str] = {
    "restrain": "everyone restrains and signs",
    "arm": "everyone arms",
}

#: Share of the budget the "arm" policy puts into arms: the lens's own "arm" (one definition of
#: arming for the lens, the debrief's timeline and these replays).
ARM_SHARE = STAGE_ARM_SHARE


def policy_orders(world: World, keys: tuple[str, ...]) -> Orders:
    """The joint orders of a batch where every state of world ``b`` follows policy
    ``keys[b]`` (``"restrain"`` or ``"arm"``, see the module docstring)."""
    if len(keys) != world.batch:
        raise ValueError(f"one policy per world: {world.batch} worlds, {len(keys)} keys")
    unknown = set(keys) - set(COUNTERFACTUALS)
    if unknown:
        known = ", ".join(COUNTERFACTUALS)
        raise ValueError(f"unknown counterfactual(s) {sorted(unknown)}; known: {known}")
    b, n = world.batch, world.n
    arm = np.array([k == "arm" for k in keys])
    # Every state plays the lens's move: its usual arms mix at the lens's share, stopping at a
    # treaty cap ("arm"), or everything into the civilian economy ("restrain").
    moves = arm.astype(int)
    spend = seat_orders(world, [(np.full(b, i), moves) for i in range(n)], ARM_SHARE).spend
    dip = Diplomacy.none(b, n, world.treaty_status.shape[1])
    in_crisis = (world.crisis > 0.5) & ~np.eye(n, dtype=bool)[None]
    answer = np.where(arm[:, None, None], ESCALATE, BACK_DOWN).astype(np.int8)
    dip.answer[:] = np.where(in_crisis, answer, dip.answer)
    invited = np.swapaxes(world.treaty_invited > 0, 1, 2)  # [B, N, K]
    signed = np.swapaxes(world.treaty_signed > 0, 1, 2)
    waiting = (world.treaty_status == PROPOSED)[:, None, :] & invited & ~signed
    if "treaties" in tuple(world.params.diplomacy):
        dip.sign[:] = waiting & ~arm[:, None, None]
    return Orders(spend=spend, cut=np.zeros((b, n)), diplomacy=None if dip.is_empty() else dip)


def horizon(session: Session) -> int:
    """Turns a counterfactual replays: the whole scenario for a finished game, else the turns
    played so far."""
    return int(session.scenario.params.turns) if session.over else session.turn


def replay_all(
    session: Session, keys: tuple[str, ...] = tuple(COUNTERFACTUALS)
) -> tuple[Counterfactual, ...]:
    """Replay ``session``'s scenario and seed under each policy of ``keys`` (one batch).

    The session is only read: the replays run on their own worlds and streams.
    """
    sc = session.scenario
    n = len(sc.states)
    seats = tuple(Seat(human=False, policy="baseline") for _ in range(n))
    runner = Runner(sc, [session.seed] * len(keys), seats)
    worlds: list[World] = [runner.world]
    spends: list[np.ndarray] = []
    odds: list[np.ndarray] = []
    ended = np.full(len(keys), -1)
    for _ in range(horizon(session)):
        if runner.world.over.all():
            break
        orders = policy_orders(runner.world, keys)
        events = runner.advance(orders)
        worlds.append(runner.world)
        spends.append(events.spend)
        odds.append(events.war_odds)
        ended = np.where((ended < 0) & events.war_started, runner.world.turn, ended)
    out = []
    for b, key in enumerate(keys):
        t = int(ended[b]) if ended[b] >= 0 else len(worlds) - 1
        series = series_from(worlds[: t + 1], spends[:t], odds[:t], b=b)
        out.append(
            Counterfactual(
                key=key,
                label=COUNTERFACTUALS[key],
                series=series,
                war=bool(ended[b] >= 0),
                war_turn=int(ended[b]) if ended[b] >= 0 else None,
                final_score=series.score[-1].copy(),
            )
        )
    return tuple(out)


def replay(session: Session, key: str) -> Counterfactual:
    """One counterfactual of :func:`replay_all`."""
    return replay_all(session, (key,))[0]


def landing(
    actual: np.ndarray, counterfactuals: tuple[Counterfactual, ...], names: tuple[str, ...]
) -> dict[str, float]:
    """Per state: ``(actual - arm) / (restrain - arm)`` of the final scores, clipped to
    ``[-0.5, 1.5]``: 0 is where everyone arming would have left it, 1 where everyone
    restraining would. Where the two counterfactual scores are equal (within 1e-9) it is 0.5 if
    the actual score equals them too, else -0.5 or 1.5 on the side it fell. Never NaN."""
    by_key = {c.key: c for c in counterfactuals}
    if "arm" not in by_key or "restrain" not in by_key:
        return {}
    lo, hi = by_key["arm"].final_score, by_key["restrain"].final_score
    out: dict[str, float] = {}
    for i, name in enumerate(names):
        a, r, x = float(lo[i]), float(hi[i]), float(actual[i])
        if abs(r - a) < 1e-9:
            v = 0.5 if abs(x - r) < 1e-9 else (1.5 if x > r else -0.5)
        else:
            v = (x - a) / (r - a)
        out[name] = float(np.clip(v, -0.5, 1.5)) if np.isfinite(v) else 0.5
    return out
