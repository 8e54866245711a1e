"""Small faults a new player met: the set-up lists the lessons in teaching order with whole
letters (no clipped descenders); the end screen judges each objective it can measure; a second
human seat reads its own briefing, not the first seat's objectives."""

from __future__ import annotations

import pygame
import pytest

from game.lessons import LESSON_ORDER, lessons
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.drawing import text as txt
from game.ui.drawing.theme import theme_dict
from game.ui.model.verdicts import briefing, verdict, verdicts

from .drive import frames, key, past_lesson_screens, scene_name


def test_the_setup_lists_the_lessons_in_teaching_order(app):
    key(app, pygame.K_n)
    assert scene_name(app) == "SetupScene"
    setup = app.top
    assert setup.ids == lessons()
    assert [s for s in setup.ids if s in LESSON_ORDER] == list(LESSON_ORDER)
    assert setup.scenario.id == "two_neighbours"  # the first lesson, chosen and first
    titles = [item["text"] for item in setup.list.item_list]
    assert titles[0] == "Two Neighbours" and titles[-1] == "Sandbox"


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_a_list_row_holds_its_text_descenders_and_all(scale):
    theme = theme_dict(scale)
    size = int(theme["selection_list"]["font"]["size"])
    row = int(theme["selection_list"]["misc"]["list_item_height"])
    pygame.font.init()
    assert row >= txt.font(size).get_linesize()  # "Basing" and "Joint", not "Basinq", "ˈoint"


def finished(lesson: str, seed: int, seats: list[str] | None = None) -> Session:
    session = Session.new(load(lesson), seed, seats)
    session.play_to_end()
    return session


def test_the_end_screen_gives_a_verdict_on_each_objective(app):
    session = finished("two_neighbours", 7)
    judged = verdicts(session)
    assert [v.objective for v in judged] == list(session.scenario.objectives)
    economy, crisis = judged[0], judged[1]
    assert "economy" in economy.objective and economy.met is True
    assert "from 100 to " in economy.why
    assert "crisis line" in crisis.objective and crisis.met is True
    assert judged[2].met is None and "yours to judge" in judged[2].why
    flow.start(app, session, intro=False)
    frames(app, 2)
    assert scene_name(app) == "EndScene"
    texts = [item[0] for item in app.top._column(compact=False)]
    assert "Your objectives" in texts
    assert any(t.startswith("Met: End the game with a larger economy") for t in texts)
    assert any(t.startswith("Yours to judge: ") for t in texts)
    compact = [item[0] for item in app.top._column(compact=True)]
    assert "Objectives: 2 met, 0 missed, 2 yours to judge" in compact


def test_a_missed_objective_says_so_with_the_fact():
    # Forward Basing: Brisa's support dips under the review line when it hosts and holds.
    session = finished("forward_basing", 7)
    support = next(v for v in verdicts(session) if "review line" in v.objective)
    low = min(float(r.events.after.support[0, 1]) for r in session.history)
    assert support.met is (low > 0.3)
    assert f"{low:.2f}" in support.why
    # No war: "keep the peace" is met, and the fact says why.
    session = finished("the_shield", 3)
    peace = verdict(session, "Keep the peace with Veyra until the last turn.", 0)
    assert peace.met is True and peace.why == f"no war broke out in {session.turn} turns"


def test_each_human_seat_gets_its_own_briefing(app):
    session = Session.new(load("two_neighbours"), 3, ["human", "human"])
    sc = session.scenario
    first, second = briefing(session, 0), briefing(session, 1)
    assert first == [sc.summary, *sc.objectives]  # every objective, none left out
    assert second != first and not set(sc.objectives) & set(second)
    assert second[1].startswith("You lead Mirel, neighbour: ")
    # In the window: the second team's turn screen shows its own.
    flow.start(app, session, intro=False)
    past_lesson_screens(app)
    assert scene_name(app) == "CoverScene"  # hot-seat: the first team takes the keyboard
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.seat == 0
    assert app.top.lines == first
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)  # the first team's orders: the cover for the second
    assert scene_name(app) == "CoverScene"
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.seat == 1
    assert app.top.lines == second


def test_the_debriefs_charts_are_dark_like_the_window():
    from game.analysis import analyse
    from game.ui.drawing.theme import STANDARD
    from game.ui.drawing.window_charts import DARK_BG, render_chart
    from game.ui.scenes.debrief_charts import CHART_NAMES

    analysis = analyse(finished("two_neighbours", 7))
    dark = tuple(int(DARK_BG[k : k + 2], 16) for k in (1, 3, 5))
    for name in CHART_NAMES:
        data, (w, h) = render_chart(analysis, name, (480, 300), STANDARD, 1.0)
        corner = tuple(data[0:3])  # the top-left pixel, RGBA rows
        assert corner == dark, name
        pixels = [tuple(data[k : k + 3]) for k in range(0, len(data), 4 * 97)]
        light = sum(min(p) > 200 for p in pixels)
        assert light < len(pixels) * 0.1, f"{name}: mostly white"


def test_a_charts_side_note_is_lightened_on_the_dark_ground():
    """The phase plane's note ("no Richardson fit: ...") is a left-hand title in dark grey: on
    the window's dark charts it was all but invisible until lightened like the other text."""
    from matplotlib.colors import to_rgba
    from matplotlib.figure import Figure

    from game.ui.drawing.window_charts import DARK_MUTED, darken

    fig = Figure()
    ax = fig.add_subplot()
    ax.set_title("no Richardson fit: fear or fatigue has the wrong sign", loc="left", color="#444")
    darken(fig)
    assert to_rgba(ax._left_title.get_color()) == to_rgba(DARK_MUTED)


def test_the_setup_says_what_the_chosen_opponent_does(app):
    key(app, pygame.K_n)
    setup = app.top
    said = setup.opponent_sentence()
    assert said.startswith("Mirel is played by the Steady Deterrer: Builds reach until")
    assert said.endswith(".") and "\n" not in said
    key(app, pygame.K_o)  # the next opponent: the sentence follows
    assert setup.opponent_sentence() != said
    assert setup.opponent_sentence().startswith("Mirel is played by the Copycat: Restrains first")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_dialog_wears_the_games_theme(app, scale):
    """A message dialog is drawn in the game's own panel colour with its accent border, its
    text box on the same ground (not the stock grey), and its OK button the primary blue."""
    from pathlib import Path

    from game.ui.drawing.theme import ACCENT, PANEL

    if scale != 1.0:
        app.apply_settings(app.settings.replace(ui_scale=scale))
    app.show_message("Saved", "Saved after turn 1.", folder=Path.home())
    frames(app, 2)
    win = app._dialog
    inner = win.text_block.rect
    ground = tuple(app.screen.get_at((inner.right - 20, inner.bottom - 20)))[:3]
    assert ground == PANEL
    edge = tuple(app.screen.get_at((win.rect.centerx, win.rect.bottom - 1)))[:3]
    assert max(abs(a - b) for a, b in zip(edge, ACCENT, strict=True)) < 12
    ok = win.dismiss_button
    fill = tuple(app.screen.get_at((ok.rect.x + 6, ok.rect.centery)))[:3]
    assert fill == (0x2F, 0x6F, 0xB0)  # the theme's "#primary" blue
    assert ok.text == "OK  [Enter]"


def test_a_seat_reads_as_its_opponents_title():
    """The debrief's header names each seat's opponent as the set-up screen does, not by its id."""
    from game.ui.model.plain_words import seat_title

    assert seat_title("human") == "human"
    assert seat_title("ai:baseline") == "Steady Deterrer"
    assert seat_title("ai:richardson:normal") == "Richardson Reactor"
    assert seat_title("ai:hawk:hard") == "Hawk, hard"
