"""The debrief through the window: every tab by keys and by clicks, the turning points' text, real
charts, concept links into the glossary, the report export, the quiz again, and large text.

One played game of each kind is analysed once per module (the counterfactual replays cost time)
and handed to each test's Match already analysed.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import numpy as np
import pygame
import pytest

from game.analysis import analyse, bet_outcome, bet_report
from game.scenarios import load
from game.session import Answers, Session
from game.ui.drawing.window_charts import CHARTS
from game.ui.model import storage
from game.ui.model.analysis_cache import CACHE_ATTR
from game.ui.model.game_match import Match
from game.ui.scenes.debrief import CHART_NAMES, TABS, DebriefScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.export import ExportScene

from . import test_layout
from .drive import click, click_at, find_button, frames, key, scene_name
from .test_layout import SCALES, SIZE, outside

big_app = test_layout.big_app  # the large-text window fixture


def _played(scenario: str, seed: int):
    sc = load(scenario)
    s = Session.new(sc, seed, ["ai:baseline"] * len(sc.states))
    s.play_to_end()
    return s, analyse(s)


@pytest.fixture(scope="module")
def shield():
    """The Shield (four states, a bet and a quiz), AI seats, to the end."""
    return _played("the_shield", 3)


@pytest.fixture(scope="module")
def spiral():
    return _played("the_spiral", 2)


def match_of(played) -> Match:
    session, analysis = played
    session.answers = Answers()  # each test starts with no bet and no quiz answers
    m = Match(session)
    setattr(m, CACHE_ATTR, ((len(session.history), session.world.digest()), analysis, 0.0))
    return m


def open_debrief(app, played, via_end: bool = True) -> DebriefScene:
    m = match_of(played)
    if via_end:
        app.reset(EndScene(app, m))
        frames(app, 2)
        key(app, pygame.K_d)
    else:
        app.reset(DebriefScene(app, m))
        frames(app, 2)
    assert scene_name(app) == "DebriefScene"
    scene = app.top
    assert scene.analysis is played[1]  # the match's analysis, not a new one
    return scene


def test_the_keyboard_walks_every_tab(app, shield):
    d = open_debrief(app, shield)
    assert d.tab_name == "story"
    for k, name in enumerate(TABS):
        key(app, pygame.K_1 + k)
        assert d.tab_name == name
        assert find_button(app, {"whatif": "What if"}.get(name, name.capitalize())).is_selected
    key(app, pygame.K_RIGHT)  # wraps round
    assert d.tab_name == "story"
    key(app, pygame.K_LEFT)
    assert d.tab_name == "questions"
    key(app, pygame.K_2)
    key(app, pygame.K_DOWN)  # Up/Down pick the chart on the Charts tab
    key(app, pygame.K_DOWN)
    assert d.chart_name == CHART_NAMES[2]
    key(app, pygame.K_UP)
    assert d.chart_name == CHART_NAMES[1]
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "EndScene"


def test_the_mouse_clicks_every_tab_and_chart(app, shield):
    d = open_debrief(app, shield)
    for label, name in (
        ("Charts", "charts"),
        ("Theory", "theory"),
        ("What if", "whatif"),
        ("Questions", "questions"),
        ("Story", "story"),
    ):
        click(app, label)
        assert d.tab_name == name
    click(app, "Charts")
    click(app, "Tension")
    assert d.chart_name == "tension"
    assert find_button(app, "Tension").is_selected
    click(app, "Beliefs")
    assert d.chart_name == "beliefs"
    click(app, "Back")
    assert scene_name(app) == "EndScene"


def test_the_story_tells_the_turning_points_in_turn_order(app, shield):
    session, a = shield
    assert a.turning_points  # the game has some to tell
    d = open_debrief(app, shield)
    texts = d.page.texts
    points = sorted(a.turning_points, key=lambda tp: tp.turn)
    at = [texts.index(tp.text) for tp in points]
    assert at == sorted(at)  # in turn order
    for tp in points:
        assert tp.theory in texts
        assert f"Turn {tp.turn}" in texts
    assert any(t.startswith("Peace held") for t in texts)
    # The scenario's bet: no bet placed yet, then the class's bet against what happened.
    bet = session.scenario.bet
    assert bet is not None and "No bet was placed." in texts
    happened = bet.choices[bet_outcome(a, bet)]
    assert any(t.startswith(f"What happened: {happened}") for t in texts)
    d.session.answers.bet = bet_outcome(a, bet)
    d.rebuild()
    d._pages.clear()
    r = bet_report(a, bet, bet_outcome(a, bet))
    assert r.placed_sentence == f"The class bet: {happened}." and r.placed_sentence in d.page.texts
    assert r.called_it and r.verdict_sentence in d.page.texts


def test_a_concept_link_opens_its_glossary_card_by_mouse_and_by_key(app, shield):
    _, a = shield
    d = open_debrief(app, shield)
    frames(app, 2)
    first = min(a.turning_points, key=lambda tp: tp.turn)
    link = d.page.links[0]
    assert link.card == first.concept and link.label.startswith("Concept: ")
    click_at(app, d.on_screen(link.rect).center)
    assert scene_name(app) == "GlossaryScene"
    assert app.top.card.id == first.concept
    key(app, pygame.K_ESCAPE)  # back to the debrief, as it was
    assert app.top is d and d.tab_name == "story"
    # The keyboard: Down chooses a link (the page scrolls to it), Enter opens it.
    assert d.focus["story"] == 0  # the link clicked
    for _ in range(3):
        key(app, pygame.K_DOWN)
    chosen = d.page.links[d.focus["story"]]
    assert d.focus["story"] == 3
    assert d.view.contains(d.on_screen(chosen.rect))
    key(app, pygame.K_RETURN)
    assert app.top.card.id == chosen.card
    key(app, pygame.K_ESCAPE)
    # The theory tab links the stage games it names.
    key(app, pygame.K_3)
    cards = [lk.card for lk in d.page.links]
    assert "richardson_model" in cards and "stage_game" in cards
    key(app, pygame.K_END)
    frames(app, 2)
    visible = [lk for lk in d.page.links if d.view.contains(d.on_screen(lk.rect))]
    assert visible
    click_at(app, d.on_screen(visible[-1].rect).center)
    assert scene_name(app) == "GlossaryScene" and app.top.card.id == visible[-1].card
    key(app, pygame.K_ESCAPE)
    assert d.tab_name == "theory"


def _colours(surf: pygame.Surface) -> int:
    px = pygame.surfarray.array3d(surf).reshape(-1, 3)
    return len(np.unique(px, axis=0))


def test_the_charts_are_real_drawings_of_their_game(app, shield, spiral):
    d = open_debrief(app, shield, via_end=False)
    key(app, pygame.K_2)
    assert d.chart_surface() is None or d.charts_ready()  # drawn in the background...
    # ... and waited for as a whole: the worker draws a chart only once it is asked for, so
    # waiting on the worker alone (CHARTS.wait) raced the tab's unrequested charts and failed
    # whenever the theory tab's second chart had not been asked for yet.
    assert d.wait_for_charts()
    frames(app, 1)
    assert d.charts_ready()  # ...then shown
    one = d.chart_surface("arms")
    assert one is not None and one.get_width() >= d.view.w - d.u(30)
    assert _colours(one) > 60  # lines, markers, text: not a blank box
    key(app, pygame.K_3)  # the theory tab: the phase plane and the stage games
    assert d.wait_for_charts()
    frames(app, 1)
    assert d.charts_ready()
    assert _colours(d.chart_surface("phase_plane")) > 60
    other = open_debrief(app, spiral, via_end=False)
    key(app, pygame.K_2)
    assert other.wait_for_charts()
    frames(app, 1)
    two = other.chart_surface("arms")
    assert two is not None and two.get_size() == one.get_size()
    assert not np.array_equal(pygame.surfarray.array3d(one), pygame.surfarray.array3d(two))
    assert max(CHARTS.render_ms.values()) < 10_000


def test_what_if_compares_the_game_with_everyone_restraining_and_arming(app, shield):
    _, a = shield
    d = open_debrief(app, shield)
    key(app, pygame.K_4)
    texts = d.page.texts
    restrain, arm = a.counterfactual("restrain"), a.counterfactual("arm")
    for i, name in enumerate(a.names):
        assert name in texts
        assert f"{a.series.score[-1][i]:.2f}" in texts
        assert f"{restrain.final_score[i]:.2f}" in texts
        assert f"{arm.final_score[i]:.2f}" in texts
        assert f"{a.landing[name]:.2f}" in texts
    assert any(t.startswith("Everyone restrains and signs") for t in texts)
    assert any("landed at" in t for t in texts)
    assert [s.name for s in d.page.slots] == ["counterfactuals"]


def test_questions_are_numbered_and_the_quiz_can_be_taken_again(app, shield):
    session, _ = shield
    d = open_debrief(app, shield)
    key(app, pygame.K_5)
    texts = d.page.texts
    for k, q in enumerate(session.scenario.questions, 1):
        assert texts[texts.index(q) - 1] == f"{k}."
    assert session.scenario.quiz
    click(app, "Take the quiz")
    assert scene_name(app) == "QuizScene" and app.top.after
    quiz = app.top
    for k, q in enumerate(session.scenario.quiz):  # answer every question right
        key(app, pygame.K_1 + quiz.orders[k].index(q.answer))  # where it shows after the game
    key(app, pygame.K_RETURN)  # done
    assert app.top is d and d.tab_name == "questions"
    n = len(session.scenario.quiz)
    assert any(f"after it {n} of {n}" in t for t in d.page.texts)
    assert find_button(app, "Take the quiz again").text.endswith("[Q]")


@contextmanager
def worker_held():
    """The chart worker kept busy until the block ends: an export asked for inside it waits its
    turn, so the test sees the "Writing the report..." screen whatever the timing."""
    hold = threading.Event()
    CHARTS.submit(hold.wait, 60)
    try:
        yield
    finally:
        hold.set()


def export_by(app, press) -> ExportScene:
    """``press()`` starts an export; wait for it, then let the window show the result."""
    with worker_held():
        press()
        frames(app, 2)
        scene = app.top
        assert isinstance(scene, ExportScene)  # the window goes on, saying what it does
        assert scene.title == "Writing the report..." and not app.dialog_open
    assert scene.wait(timeout=120)
    frames(app, 2)
    assert app.top is not scene and app.dialog_open
    return scene


def test_export_writes_the_report_and_the_dialog_names_the_files(app, shield, dirs):
    d = open_debrief(app, shield)
    exported = export_by(app, lambda: key(app, pygame.K_e))
    assert app.top is d
    folders = list((storage.data_dir() / "reports").iterdir())
    assert len(folders) == 1
    files = sorted(p.name for p in folders[0].iterdir())
    assert len(files) == 3
    assert any(f.endswith(".html") for f in files) and any(f.endswith(".csv") for f in files)
    text = app._dialog.text_block.html_text
    assert str(folders[0]) in text
    for f in files:
        assert f in text
        assert (folders[0] / f).stat().st_size > 0
    assert sorted(p.name for p in exported.paths) == files
    key(app, pygame.K_RETURN)
    assert not app.dialog_open and app.top is d


def test_an_export_that_cannot_write_says_so(app, shield, dirs):
    open_debrief(app, shield)
    storage.data_dir().mkdir(parents=True, exist_ok=True)
    (storage.data_dir() / "reports").write_text("a file where the folder should be")
    assert export_by(app, lambda: click(app, "Export report")).paths is None
    assert "could not be written" in app._dialog.text_block.html_text


def test_the_end_screen_leads_to_the_debrief_the_replay_and_the_report(
    app, shield, dirs, monkeypatch
):
    import game.report

    written = []

    def quick_export(session, out_dir, analysis=None):  # the real one is tested above
        files = game.report.paths(out_dir, session.scenario.id, session.seed)
        for p in files:
            p.write_text("x")
        written.append((session, analysis))
        return files

    monkeypatch.setattr(game.report, "export", quick_export)
    m = match_of(shield)
    app.reset(EndScene(app, m))
    frames(app, 2)
    assert find_button(app, "Debrief").text == "Debrief  [D]"
    click(app, "Debrief")
    assert scene_name(app) == "DebriefScene"
    key(app, pygame.K_r)  # the replay from the debrief...
    assert scene_name(app) == "ReplayScene"
    key(app, pygame.K_d)  # ...and its debrief is the one beneath, not a new one
    assert scene_name(app) == "DebriefScene" and len(app.stack) == 2
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "EndScene"
    key(app, pygame.K_r)
    assert scene_name(app) == "ReplayScene"
    key(app, pygame.K_ESCAPE)
    export_by(app, lambda: click(app, "Export report"))
    assert scene_name(app) == "EndScene"
    assert app.dialog_open and "report.html" in app._dialog.text_block.html_text
    assert written == [(m.session, shield[1])]  # the game, with its analysis
    key(app, pygame.K_RETURN)
    key(app, pygame.K_s)  # the record is still saved
    assert len(list(storage.saves_dir().glob("*.json"))) == 1


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_every_tab_fits_the_window_in_large_text(big_app, shield):
    app = big_app
    assert app.size == SIZE
    m = match_of(shield)
    app.reset(EndScene(app, m))
    frames(app, 2)
    assert outside(app) == []
    key(app, pygame.K_d)
    d = app.top
    window = pygame.Rect((0, 0), app.size)
    for k in range(len(TABS)):
        key(app, pygame.K_1 + k)
        assert outside(app) == []
        assert window.contains(d.view)
        for b in d._buttons:  # no widget over the page
            assert not b.rect.colliderect(d.view), b.text
        assert d.page.surface.get_width() <= d.view.w
        key(app, pygame.K_END)
        assert d.scroll[d.tab_name] == d.max_scroll
        key(app, pygame.K_HOME)
    key(app, pygame.K_2)
    for _ in CHART_NAMES:  # every chart picker layout keeps to the window
        key(app, pygame.K_DOWN)
        assert outside(app) == []


@pytest.mark.parametrize("big_app", [1.5, 2.0], indirect=True)
def test_chart_text_grows_with_the_ui_scale(big_app, shield):
    """At 200 % every chart's text is twice its size at 100 % (as the rest of the text is):
    each chart is drawn at 100 dots per inch times the scale, on a page that gives it the
    room (and scrolls), not shrunk to the view at about 1.3x. So is the end screen's chart."""
    from game.ui.drawing.window_charts import SMALL_INCHES, chart_dpi

    app = big_app
    full = round(100 * app.scale)
    m = match_of(shield)
    app.reset(EndScene(app, m))
    frames(app, 2)
    assert chart_dpi(app.top.chart_rect.size, app.scale, SMALL_INCHES) == full
    key(app, pygame.K_d)
    d = app.top
    seen = set()
    for k, tab in enumerate(TABS):
        key(app, pygame.K_1 + k)
        pages = [d.page]
        if tab == "charts":
            pages = []
            for _ in CHART_NAMES:
                key(app, pygame.K_DOWN)
                pages.append(d.page)
        for page in pages:
            for slot in page.slots:
                seen.add(slot.name)
                assert chart_dpi(slot.rect.size, app.scale) == full, (slot.name, slot.rect)
    assert {"phase_plane", "stage_timeline", "counterfactuals", *CHART_NAMES} <= seen
