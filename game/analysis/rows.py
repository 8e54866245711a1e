"""One row per turn and state, for a CSV export of the whole game.

:data:`ROW_COLUMNS` lists the keys of every row, in order:

======================  ======================================================================
column                  meaning (turn ``t`` is 1-based; stocks are as the turn left them)
======================  ======================================================================
``turn``                the turn, 1 .. turns played
``state``               the state's name
``seat``                who played it: ``human``, ``ai:NAME`` or ``ai:NAME:DIFFICULTY``
``kind``                its hidden kind (``security_seeker`` or ``expansionist``)
``reach``               reach after the turn, at home and abroad
``shield``              shield after the turn, at home and abroad
``hardening``           hardening after the turn (share of home reach protected, 0 .. H_max)
``economy``             economy after the turn
``budget``              the budget it had to spend this turn (economy before the turn x tax)
``spend_reach``         budget spent on reach this turn
``spend_shield``        ... on shield
``spend_hardening``     ... on hardening
``spend_intel``         ... on intelligence
``spend_civilian``      ... on the civilian economy (with whatever was left unspent)
``support``             domestic support after the turn, 0 .. 1
``standing``            standing after the turn, 0 .. 1
``score``               the engine's running discounted score after the turn
``tension_mean``        mean tension with every other state after the turn, 0 .. 1
``stability_min``       lowest first-strike stability with a rival (a state never allied to
                        it) after the turn, 0 .. 1; empty when it has no rival
``trust_in_mean``       mean belief of the other states that it is a security seeker, 0 .. 1
``belief_error_mean``   mean over the other states of (the reach they believed it had minus
                        its true reach): positive when it was overestimated
``events``              number of the turn's events (``game.engine.events``) naming it
======================  ======================================================================
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.analysis.types import Analysis

ROW_COLUMNS: tuple[str, ...] = (
    "turn",
    "state",
    "seat",
    "kind",
    "reach",
    "shield",
    "hardening",
    "economy",
    "budget",
    "spend_reach",
    "spend_shield",
    "spend_hardening",
    "spend_intel",
    "spend_civilian",
    "support",
    "standing",
    "score",
    "tension_mean",
    "stability_min",
    "trust_in_mean",
    "belief_error_mean",
    "events",
)


def turn_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """``turns_played x N`` rows (turn by turn, states in scenario order) with the keys of
    :data:`ROW_COLUMNS` (see the module docstring). Numbers are plain Python floats and ints."""
    s = analysis.series
    n = s.n
    names = analysis.names
    others = [[j for j in range(n) if j != i] for i in range(n)]
    rivals = [[j for j in range(n) if (min(i, j), max(i, j)) in analysis.rivals] for i in range(n)]
    rows: list[dict[str, Any]] = []
    for t in range(1, s.turns + 1):
        records = analysis.events[t - 1] if t - 1 < len(analysis.events) else ()
        for i, name in enumerate(names):
            o = others[i]
            spend = s.spend[t - 1, i]
            row: dict[str, Any] = {
                "turn": t,
                "state": name,
                "seat": analysis.seats[i] if i < len(analysis.seats) else "",
                "kind": s.kinds[i],
                "reach": float(s.reach[t, i]),
                "shield": float(s.shield[t, i]),
                "hardening": float(s.hardening[t, i]),
                "economy": float(s.economy[t, i]),
                "budget": float(s.budget[t - 1, i]),
                "spend_reach": float(spend[0]),
                "spend_shield": float(spend[1]),
                "spend_hardening": float(spend[2]),
                "spend_intel": float(spend[3]),
                "spend_civilian": float(spend[4]),
                "support": float(s.support[t, i]),
                "standing": float(s.standing[t, i]),
                "score": float(s.score[t, i]),
                "tension_mean": float(np.mean(s.tension[t, i, o])) if o else 0.0,
                "stability_min": float(np.min(s.stability[t, i, rivals[i]])) if rivals[i] else None,
                "trust_in_mean": float(np.mean(s.trust[t, o, i])) if o else 1.0,
                "belief_error_mean": (
                    float(np.mean(s.seen_reach[t, o, i] - s.reach[t, i])) if o else 0.0
                ),
                "events": sum(1 for e in records if name in e.actors),
            }
            rows.append(row)
    return rows
