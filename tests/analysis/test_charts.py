"""Every chart renders, for a 2-state and a 4-state game and a game that ended early in war."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_rgb
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
        assert any(ax.get_xlabel().startswith("turn") for ax in fig.axes), name
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


def test_light_colours_get_a_dark_outline():
    # The UI's palettes are made for a dark board: yellow and light grey vanish on white paper.
    a = neighbours(1)[1]
    fig = charts.figure(a, "economy", palette=[(240, 228, 66), (0, 114, 178)], **SMALL)
    yellow, blue = fig.axes[0].get_lines()[:2]
    assert yellow.get_path_effects() and yellow.get_markeredgecolor() == "#222222"
    assert not blue.get_path_effects()


def test_unknown_chart():
    with pytest.raises(KeyError):
        charts.figure(shield(1)[1], "weather")


# --------------------------------------------------------------------------------------------
# Layout: the report's size and a small window, checked on the drawn figure.

#: The report's charts (game.report.writer: 9 x 5.5 inches) and a small debrief window; drawn
#: at a low dpi, which scales everything alike (the layout is in inches and points).
LAYOUTS = {"report": {"size": (9.0, 5.5), "dpi": 50}, "window": {"size": (6.0, 3.5), "dpi": 50}}


def _games():
    return {
        "neighbours": neighbours(1)[1],
        "shield": shield(1)[1],
        "war": war_game()[1],
    }


def _drawn(a, name, layout):
    fig = charts.figure(a, name, **LAYOUTS[layout])
    fig.canvas.draw()
    return fig, fig.canvas.get_renderer()


def _overlap(b1, b2, slack: float = 1.0) -> bool:
    return (
        b1.x0 < b2.x1 - slack
        and b2.x0 < b1.x1 - slack
        and b1.y0 < b2.y1 - slack
        and b2.y0 < b1.y1 - slack
    )


def _texts(ax):
    """The axis labels, titles and visible tick labels of ``ax``."""
    out = [ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title]
    for axis in (ax.xaxis, ax.yaxis):
        out += [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
    return [t for t in out if t.get_text()]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layout_at_the_report_size_and_in_a_small_window(layout):
    for game, a in _games().items():
        for name in charts.FIGURES:
            where = f"{game} {name} {layout}"
            fig, r = _drawn(a, name, layout)
            page = fig.bbox
            title = fig._suptitle.get_window_extent(r)
            boxes = [ax.get_tightbbox(r) for ax in fig.axes]
            # No blank band under the title: the charts start just below it.
            gap = (title.y0 - max(b.y1 for b in boxes)) / fig.dpi
            assert 0.0 <= gap < 0.25, f"{where}: {gap:.2f} in between title and charts"
            for ax, box in zip(fig.axes, boxes, strict=True):
                assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, where
                assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, where
                # Legends beside the data, never over any panel's plotting area.
                legend = ax.get_legend()
                if legend is not None:
                    box_l = legend.get_window_extent(r)
                    for other in fig.axes:
                        if other is ax and not ax.axison:
                            continue  # an empty panel that holds the legend
                        assert not _overlap(box_l, other.get_window_extent(r)), where
                        for text in _texts(other):
                            assert not _overlap(box_l, text.get_window_extent(r)), where
                # Tick labels do not run into each other.
                for axis in (ax.xaxis, ax.yaxis):
                    labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
                    extents = [t.get_window_extent(r) for t in labels]
                    for k in range(len(extents) - 1):
                        assert not _overlap(extents[k], extents[k + 1], 0.0), where
            # Panels do not overlap one another.
            for k, ax in enumerate(fig.axes):
                for other in fig.axes[k + 1 :]:
                    assert not _overlap(ax.get_window_extent(r), other.get_window_extent(r)), where


def test_the_world_after_a_war_is_war_in_the_stage_timeline():
    a = war_game()[1]
    fig, _ = _drawn(a, "stage_timeline", "report")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert charts.WAR_LABEL in labels and f"war broke out (turn {a.war_turn})" in labels
    assert "Unnamed game" not in labels  # the post-war world is not classified
    war = charts.STAGE_COLOURS["war"]
    bars = [p for p in ax.patches if p.get_width() > 0]
    after = [p for p in bars if p.get_x() >= a.war_turn - 0.5 - 1e-9]
    before = [p for p in bars if p.get_x() + p.get_width() <= a.war_turn - 0.5 + 1e-9]
    assert len(after) == len(a.stage_names) and len(after) + len(before) == len(bars)
    assert all(p.get_facecolor()[:3] == pytest.approx(to_rgb(war)) for p in after)
    assert all(p.get_hatch() for p in after)
    assert not any(p.get_facecolor()[:3] == pytest.approx(to_rgb(war)) for p in before)
    # the marker sits on the boundary between the last world before the war and the first after
    (line,) = [ln for ln in ax.get_lines() if ln.get_label().startswith("war broke out")]
    assert line.get_xdata()[0] == a.war_turn - 0.5


def test_the_war_marker_sits_in_the_war_turn():
    a = war_game()[1]
    for name in ("arms", "tension", "economy", "counterfactuals"):
        fig = charts.figure(a, name, **SMALL)
        xs = {
            ln.get_xdata()[0]
            for ax in fig.axes
            for ln in ax.get_lines()
            if ln.get_label().lstrip("_").startswith("war broke out")
        }
        assert xs == {a.war_turn - 0.5}, name


@pytest.mark.parametrize("game", ["neighbours", "shield", "war"])
def test_the_phase_plane_shows_the_start_and_the_end(game):
    a = _games()[game]
    ax = charts.figure(a, "phase_plane", **SMALL).axes[0]
    i, j = a.main_pair
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for t in (0, -1):
        x, y = a.series.reach[t, i], a.series.reach[t, j]
        # inside, with room for the marker (not on an edge, where half of it is cut off)
        assert x0 + 0.02 * (x1 - x0) < x < x1 - 0.02 * (x1 - x0)
        assert y0 + 0.02 * (y1 - y0) < y < y1 - 0.02 * (y1 - y0)


def test_the_new_kinds_of_chart_are_deterministic():
    a = war_game()[1]  # hatches, a legend beside the panels, constrained layout
    for name in ("beliefs", "phase_plane", "stage_timeline", "counterfactuals"):
        assert charts.png(a, name, **SMALL) == charts.png(a, name, **SMALL), name
