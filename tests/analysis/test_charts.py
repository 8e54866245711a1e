"""Every chart renders, for a 2-state and a 4-state game and a game that ended early in war."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from game.analysis import charts
from tests.analysis.helpers import neighbours, shield, war_game

SMALL = {"size": (5.0, 3.5), "dpi": 40}
PNG = b"\x89PNG\r\n\x1a\n"


def test_figures_are_named_and_titled():
    assert list(charts.FIGURES) == [
        "arms",
        "stability",
        "tension",
        "beliefs",
        "economy",
        "score",
        "phase_plane",
        "stage_timeline",
        "counterfactuals",
    ]
    assert all(charts.FIGURES.values())


@pytest.mark.parametrize("name", list(charts.FIGURES))
@pytest.mark.parametrize("game", ["neighbours", "shield", "war"])
def test_every_chart_renders(name, game):
    a = {
        "neighbours": lambda: neighbours(1)[1],
        "shield": lambda: shield(1)[1],
        "war": lambda: war_game()[1],
    }[game]()
    data = charts.png(a, name, **SMALL)
    assert data.startswith(PNG)
    assert len(data) > 1000


def test_charts_show_the_game():
    a1, a2 = shield(1)[1], shield(2)[1]
    for name in ("arms", "tension"):
        assert charts.png(a1, name, **SMALL) != charts.png(a2, name, **SMALL), name
    # and the same game draws the same picture
    assert charts.png(a1, "tension", **SMALL) == charts.png(a1, "tension", **SMALL)


def test_axes_are_labelled():
    a = shield(1)[1]
    for name in charts.FIGURES:
        fig = charts.figure(a, name, **SMALL)
        assert isinstance(fig, Figure)
        assert fig.get_suptitle().startswith(charts.FIGURES[name])
        if name == "phase_plane":
            assert fig.axes[0].get_xlabel().endswith("reach")
            continue
        assert any(ax.get_xlabel() == "turn" for ax in fig.axes), name
        assert all(ax.get_ylabel() for ax in fig.axes if ax.get_legend_handles_labels()[0]), name
    fig = charts.figure(a, "stability", **SMALL)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert "Aurum–Veyra" in labels and "Aurum–Brisa" not in labels  # allies are not rivals


def test_palettes():
    a = neighbours(1)[1]
    default = charts.png(a, "economy", **SMALL)
    red = charts.png(a, "economy", palette=[(200, 0, 0), (0, 0, 200)], **SMALL)

    class Palette:
        states = ((200, 0, 0), (0, 0, 200))

    assert red != default
    assert charts.png(a, "economy", palette=Palette(), **SMALL) == red


def test_unknown_chart():
    with pytest.raises(KeyError):
        charts.figure(shield(1)[1], "weather")
