"""CSV rows: one per turn and state, with the documented columns."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from game.analysis import ROW_COLUMNS, turn_rows
from game.analysis import rows as rows_module
from tests.analysis.helpers import neighbours, shield, war_game


@pytest.mark.parametrize("game", [shield, neighbours, war_game])
def test_one_row_per_turn_and_state(game):
    session, a = game() if game is war_game else game(1)
    rows = turn_rows(a)
    n = len(a.names)
    assert len(rows) == a.turns_played * n
    for row in rows:
        assert tuple(row) == ROW_COLUMNS
    assert [r["turn"] for r in rows[::n]] == list(range(1, a.turns_played + 1))
    assert [r["state"] for r in rows[:n]] == list(a.names)


def test_every_column_is_documented():
    doc = rows_module.__doc__ or ""
    for col in ROW_COLUMNS:
        assert f"``{col}``" in doc


def test_values_match_the_series_and_the_session():
    session, a = shield(1)
    rows = turn_rows(a)
    n = len(a.names)
    last = rows[-n:]
    w = session.world
    for i, row in enumerate(last):
        assert row["economy"] == float(w.economy[0, i])
        assert row["score"] == float(w.score[0, i])
        assert row["seat"] == str(session.seats[i])
        assert 0 <= row["trust_in_mean"] <= 1
        assert 0 <= row["tension_mean"] <= 1
    for row in rows:
        spent = sum(
            row[f"spend_{c}"] for c in ("reach", "shield", "hardening", "intel", "civilian")
        )
        assert spent <= row["budget"] + 1e-9
        assert np.isclose(spent, row["budget"], rtol=0.2)
        if row["state"] == "Brisa" or row["state"] == "Aurum":
            assert row["stability_min"] is not None  # each has rivals besides its ally
    assert sum(r["events"] for r in rows) >= sum(
        1 for rec in session.history for e in rec.events.records(0) if len(e.actors) == 1
    )


def test_rows_write_as_csv():
    _, a = neighbours(1)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ROW_COLUMNS)
    writer.writeheader()
    writer.writerows(turn_rows(a))
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(back) == a.turns_played * 2
