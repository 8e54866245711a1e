"""From a play-test: a treaty proposal in the Diplomacy dialog's orders says what was proposed,
its kind list holds its longest name at 100 % and 200 %; at 200 % the turn screen's briefing
keeps every objective within reach (it scrolls, and says so), the debrief's charts each open at
their top, and a flat chart has an axis in its own scale."""

from __future__ import annotations

import matplotlib
import numpy as np
import pygame
import pytest

from game.analysis import analyse
from game.analysis.charts import figure, flat_axis
from game.scenarios import load
from game.session import Session
from game.ui.drawing import panels
from game.ui.model.plain_words import TREATY_NAMES, proposal_label
from game.ui.scenes import diplomacy_menu
from game.ui.scenes.debrief import CHART_NAMES, DebriefScene

from .drive import click_at, frames, key, open_proposal, queue_ceiling, start_game

matplotlib.use("Agg")


def test_a_treaty_proposal_in_the_orders_says_what_was_proposed(window, monkeypatch):
    app = window(1.0)
    dip = queue_ceiling(app)
    assert [a.action for a in dip.draft.plan.actions] == ["propose_treaty"]
    # What the dialog draws, as the player reads it.
    drawn: list[str] = []
    wrap = diplomacy_menu.txt.wrap
    monkeypatch.setattr(
        diplomacy_menu.txt, "wrap", lambda text, *a, **k: drawn.append(text) or wrap(text, *a, **k)
    )
    dip.draw(pygame.Surface(app.size))
    said = "In your orders: Propose a reach ceiling at 30 to Veyra and Ostrel"
    assert said in drawn, [t for t in drawn if t.startswith("In your orders")]


def test_proposal_label_names_the_kind_its_cap_and_the_parties():
    assert proposal_label("shield_cap", 5.4, ("Veyra",)) == "Propose a shield cap at 5.4 to Veyra"
    assert (
        proposal_label("forward_ban", 20.0, ("Veyra", "Ostrel"))
        == "Propose a ban on stationed forces to Veyra and Ostrel"
    )
    assert (
        proposal_label("transparency", 0.0, ("Aurum", "Veyra", "Ostrel"))
        == "Propose a transparency accord to Aurum, Veyra and Ostrel"
    )


@pytest.mark.parametrize(
    "scale, size", [(1.0, (1600, 1000)), (2.0, (1600, 1000)), (2.0, (1024, 640))]
)
def test_the_treaty_kind_list_holds_its_longest_name(window, scale, size):
    app = window(scale, size)
    dip = open_proposal(app)
    menu = dip.kind_menu
    button = menu.current_state.selected_option_button
    for name in TREATY_NAMES.values():
        assert button.font.size(name)[0] + dip.u(6) <= button.rect.w, (name, button.rect)
    # The kind, cap and verification stay inside the dialog and clear of each other.
    rects = [menu.rect] + [e.rect for e in dip.entries.values()]
    for k, r in enumerate(rects):
        assert dip.box.contains(r), r
        assert all(not r.colliderect(o) for o in rects[k + 1 :]), (r, rects)
    # The open list too: every name whole.
    click_at(app, menu.rect.center)
    frames(app, 2)
    assert menu.current_state is menu.menu_states["expanded"]
    widest = max(button.font.size(n)[0] for n in TREATY_NAMES.values())
    assert menu.current_state.options_selection_list.rect.w >= widest + dip.u(6)


def _panel_text(turn, monkeypatch) -> list[str]:
    """The text the turn screen's panels draw (the briefing among them), drawn again now."""
    drawn: list[str] = []
    blit = panels.txt.blit_lines
    render = panels.txt.render

    def lines(surface, ls, *a, **k):
        drawn.extend(ls)
        return blit(surface, ls, *a, **k)

    def one(text, *a, **k):
        drawn.append(text)
        return render(text, *a, **k)

    monkeypatch.setattr(panels.txt, "blit_lines", lines)
    monkeypatch.setattr(panels.txt, "render", one)
    turn._panels_key = None  # the panels drawn again, as at a new size
    turn._render_panels()
    monkeypatch.undo()
    return drawn


def _rows(drawn: list[str]) -> list[str]:
    """The briefing's rows among the text the panels drew: after its title (the last panel
    drawn), without the entries' dashes and the note on what is below."""
    title = max(k for k, t in enumerate(drawn) if t.startswith("Briefing"))
    return [t for t in drawn[title + 1 :] if t != "-" and "more below" not in t]


@pytest.mark.parametrize(
    "lesson, size",
    [("the_shield", (1600, 1000)), ("three_powers", (1600, 1000)), ("the_shield", (1280, 800))],
)
def test_every_objective_of_the_briefing_can_be_read_at_200_percent(
    window, monkeypatch, lesson, size
):
    app = window(2.0, size)
    session = start_game(app, lesson, 3)
    turn = app.top
    objectives = session.scenario.objectives
    assert len(objectives) >= 3
    first = _panel_text(turn, monkeypatch)
    note = [t for t in first if "more below" in t]
    assert note and note[0].endswith("W")  # what is not in sight, and how to reach it
    pages = [_rows(first)]
    for _ in range(40):  # W pages on through the briefing, then back to its top
        key(app, pygame.K_w)
        if turn.head_start == 0:
            break
        pages.append(_rows(_panel_text(turn, monkeypatch)))
    assert turn.head_start == 0 and len(pages) > 1
    # Page by page, every row of the briefing, whole and in order: nothing left out.
    read = " ".join(" ".join(rows) for rows in pages).split()
    assert read == " ".join([session.scenario.summary, *objectives]).split()
    # The wheel over the panel scrolls it too.
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: turn.head_rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    frames(app, 2)
    assert turn.head_start == 1
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    frames(app, 2)
    assert turn.head_start == 0


def test_the_briefing_lists_every_objective_where_there_is_room(window, monkeypatch):
    app = window(1.0)
    session = start_game(app, "the_shield", 3)
    drawn = _panel_text(app.top, monkeypatch)
    assert (
        " ".join(_rows(drawn)).split()
        == " ".join([session.scenario.summary, *session.scenario.objectives]).split()
    )
    assert not [t for t in drawn if "more below" in t]


@pytest.fixture(scope="module")
def shield_game():
    sc = load("the_shield")
    s = Session.new(sc, 3, ["ai:baseline"] * len(sc.states))
    s.play_to_end()
    return s, analyse(s)


def test_another_chart_opens_at_its_top(window, shield_game):
    from game.ui.model.analysis_cache import CACHE_ATTR
    from game.ui.model.game_match import Match

    session, analysis = shield_game
    app = window(2.0, (1280, 800))
    m = Match(session)
    setattr(m, CACHE_ATTR, ((len(session.history), session.world.digest()), analysis, 0.0))
    app.reset(DebriefScene(app, m, tab="charts"))
    frames(app, 2)
    d = app.top
    d.pick_chart(CHART_NAMES.index("beliefs"))  # a panel per state: taller than the view
    frames(app, 1)
    assert d.max_scroll > 0
    key(app, pygame.K_END)
    assert d.scroll["charts"] == d.max_scroll > 0
    key(app, pygame.K_DOWN)  # the next chart
    assert d.chart_name != "beliefs"
    assert d.scroll["charts"] == 0
    d.pick_chart(CHART_NAMES.index("beliefs"))
    assert d.scroll["charts"] == 0


def test_a_flat_chart_has_an_axis_in_its_own_scale():
    sc = load("three_powers")  # nobody builds a shield: the arms chart's shield panel is flat
    s = Session.new(sc, 3, ["ai:baseline"] * len(sc.states))
    s.play_to_end()
    a = analyse(s)
    assert float(np.ptp(a.series.shield)) == 0.0 == float(a.series.shield.max())
    fig = figure(a, "arms")
    fig.canvas.draw()
    shield = next(ax for ax in fig.axes if ax.get_ylabel() == "shield")
    lo, hi = shield.get_ylim()
    assert lo <= 0.0 and hi >= 1.0, (lo, hi)  # from 0, not -0.04..0.04
    reach = next(ax for ax in fig.axes if ax.get_ylabel() == "reach")
    r = a.series.reach
    assert reach.get_ylim()[0] > 0.5 * float(r.min())  # a moving series keeps its own axis
    # A flat series of a measure that may go below 0: its value plus or minus a margin.
    from matplotlib.figure import Figure

    for value in (-3.0, 0.0, 40.0):
        ax = Figure().add_subplot()
        ax.plot([0, 1, 2], [value] * 3)
        flat_axis(ax, floor=False)
        lo, hi = ax.get_ylim()
        assert lo < value < hi and hi - lo >= 2.0 and abs((lo + hi) / 2 - value) < 1e-9
    ax = Figure().add_subplot()
    ax.plot([0, 1, 2], [120.0] * 3)
    flat_axis(ax)
    assert ax.get_ylim()[0] <= 0.0 < 120.0 < ax.get_ylim()[1]
