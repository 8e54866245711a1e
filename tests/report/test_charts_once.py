"""The report's charts are drawn once per analysis, on both cores where that is safe, and are
the same bytes however they were drawn."""

from __future__ import annotations

import pytest

from game.analysis import analyse
from game.commands import scenario_with_turns
from game.report import writer
from game.scenarios import load
from game.session import Session


@pytest.fixture(scope="module")
def session() -> Session:
    s = Session.new(scenario_with_turns(load("the_spiral"), 4), 2, None)
    s.play_to_end()
    return s


def test_two_workers_draw_the_same_bytes_as_one(session):
    apart = writer.chart_pngs(analyse(session), workers=1)
    together = writer.chart_pngs(analyse(session), workers=2)
    assert list(apart) == list(together) and apart == together
    assert all(png.startswith(b"\x89PNG") for png in apart.values())


def test_a_second_report_of_the_same_analysis_draws_nothing(session, monkeypatch):
    analysis = analyse(session)
    first = writer.chart_pngs(analysis, workers=1)

    def no_drawing(*args):
        raise AssertionError("a chart was drawn twice")

    monkeypatch.setattr(writer, "_draw", no_drawing)
    assert writer.chart_pngs(analysis) == first
    fresh = analyse(session)
    with pytest.raises(AssertionError, match="drawn twice"):
        writer.chart_pngs(fresh, workers=1)
