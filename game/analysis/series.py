"""A game's series: every number the debrief, the report and the bets read, turn by turn, from
the worlds a session went through (``T + 1`` of them) and the spending of each turn.

It sits below :mod:`game.analysis.core` (which reads the fits, stage games and turning points off
it) and :mod:`game.analysis.counterfactuals` (which replays the game and reads the same series).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.analysis.types import Series
from game.engine.deterrence import exchange
from game.engine.orders import budget
from game.engine.state import KINDS, World
from game.session import Session


def worlds_of(session: Session) -> list[World]:
    """The ``T + 1`` worlds of a session: before each played turn, then now (batches of one)."""
    return [rec.events.before for rec in session.history] + [session.world]


def series_from(
    worlds: Sequence[World],
    spends: Sequence[np.ndarray],
    war_odds: Sequence[np.ndarray] | None = None,
    b: int = 0,
) -> Series:
    """The :class:`Series` of world ``b`` through ``worlds`` (``T + 1`` of them) with the ``T``
    turns' spending ``[B, N, 5]`` (and the war odds shown, ``[B, N, N]``, when known)."""
    n = worlds[0].n
    stack: dict[str, list[np.ndarray]] = {
        k: []
        for k in (
            "reach",
            "home_reach",
            "shield",
            "hardening",
            "economy",
            "budget",
            "support",
            "standing",
            "score",
            "tension",
            "stability",
            "margin",
            "seen_reach",
            "trust",
            "alliance",
            "deployed",
        )
    }
    eye = np.eye(n, dtype=bool)
    for w in worlds:
        fwd_r = w.fwd_reach[b].sum(axis=1)
        total_r = w.reach[b] + fwd_r
        ex = exchange(w)
        seen = w.seen_reach[b] + fwd_r[None, :]  # forward reach is in plain sight
        seen = np.where(eye, total_r[None, :], seen)
        stack["reach"].append(total_r)
        stack["home_reach"].append(w.reach[b])
        stack["shield"].append(w.shield[b] + w.fwd_shield[b].sum(axis=1))
        stack["hardening"].append(w.hardening[b])
        stack["economy"].append(w.economy[b])
        stack["budget"].append(budget(w)[b])
        stack["support"].append(w.support[b])
        stack["standing"].append(w.standing[b])
        stack["score"].append(w.score[b])
        stack["tension"].append(w.tension[b])
        stack["stability"].append(ex.stability[b])
        stack["margin"].append(np.where(eye, 0.0, ex.margin[b]))
        stack["seen_reach"].append(seen)
        stack["trust"].append(w.belief[b])
        stack["alliance"].append(w.alliance[b])
        stack["deployed"].append(w.fwd_reach[b] + w.fwd_shield[b])
    arrays = {k: np.array(v, dtype=float) for k, v in stack.items()}
    t = len(worlds) - 1
    spend = np.array([s[b] for s in spends], dtype=float) if spends else np.zeros((0, n, 5))
    odds = np.array([o[b] for o in war_odds], dtype=float) if war_odds else np.zeros((t, n, n))
    last = worlds[-1]
    return Series(
        turn=np.arange(t + 1),
        spend=spend.reshape(t, n, spend.shape[-1]),
        kinds=tuple(KINDS[int(k)] for k in last.kind[b]),
        war_odds=odds.reshape(t, n, n),
        **arrays,
    )


def series_of(session: Session) -> Series:
    """The :class:`Series` of a session (cheap: no projections, no replays)."""
    return series_from(
        worlds_of(session),
        [rec.events.spend for rec in session.history],
        [rec.events.war_odds for rec in session.history],
    )


# --------------------------------------------------------------------------------------------
# Pairs, wars, fits
# --------------------------------------------------------------------------------------------


__all__ = ["series_from", "series_of", "worlds_of"]
