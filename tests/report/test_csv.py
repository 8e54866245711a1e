"""The turns CSV: exactly turn_rows, in ROW_COLUMNS order, values matching the series."""

from __future__ import annotations

import csv
import io

import pytest

from game.analysis import ROW_COLUMNS, turn_rows
from game.report.table import cell, csv_text, number


def _read(exported):
    text = exported.files.csv.read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("which", ["shield3", "war"])
def test_rows_and_header(which, request):
    exported = request.getfixturevalue(which)
    rows = _read(exported)
    a = exported.analysis
    assert rows[0] == list(ROW_COLUMNS)
    assert len(rows) == len(exported.session.history) * len(a.names) + 1
    body = rows[1:]
    expected = turn_rows(a)
    assert [[cell(r[c]) for c in ROW_COLUMNS] for r in expected] == body


def test_values_match_the_series(shield3):
    a = shield3.analysis
    s = a.series
    col = {c: k for k, c in enumerate(ROW_COLUMNS)}
    for k, row in enumerate(_read(shield3)[1:]):
        t, i = divmod(k, len(a.names))
        t += 1
        assert int(row[col["turn"]]) == t and row[col["state"]] == a.names[i]
        for name, arr in (
            ("reach", s.reach),
            ("shield", s.shield),
            ("economy", s.economy),
            ("score", s.score),
            ("support", s.support),
        ):
            assert float(row[col[name]]) == pytest.approx(arr[t, i], rel=1e-3, abs=1e-6), name
        assert float(row[col["spend_reach"]]) == pytest.approx(
            s.spend[t - 1, i, 0], rel=1e-3, abs=1e-6
        )


def test_numbers_are_plain_decimals():
    assert number(12.34567) == "12.35"
    assert number(0.0123456) == "0.01235"
    assert number(12345.6) == "12346"
    assert number(-0.0) == "0" and number(2.0) == "2" and number(-1.5) == "-1.5"
    assert number(1e-12) == "0"
    assert number(float("nan")) == ""
    assert cell(None) == "" and cell(3) == "3" and cell("a,b") == "a,b"
    text = csv_text([{"a": 1.23456, "b": None}, {"a": "x,y", "b": 2}], ("a", "b"))
    assert text == 'a,b\n1.235,\n"x,y",2\n'


def test_every_column_is_explained_in_the_footer(shield3):
    from game.report.table import column_meanings

    meanings = column_meanings()
    assert list(meanings) == list(ROW_COLUMNS)
    assert all(meanings.values()), [c for c, m in meanings.items() if not m]
    for column in ROW_COLUMNS:
        assert f"<code>{column}</code>" in shield3.html
