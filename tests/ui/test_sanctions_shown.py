"""A sanction in force shows on the board and in the panels, from a play-test of Forward Basing:
after the single wire line, nothing told a student that Brisa had been under Veyra's sanctions
for turns. The view carries each sanction (who, since when); the board draws it as a dotted line
ending in a bar (not the targeting arrow) with a legend entry; the sanctioned state's panel says
it, and the rivals panel marks it."""

from __future__ import annotations

import pygame

from game.engine.actions import Action as A
from game.scenarios import load
from game.session import Session
from game.ui.drawing.game_board import LEGEND, Board
from game.ui.drawing.panels import own_panel, rivals_panel, sanction_lines
from game.ui.drawing.theme import COLOUR_BLIND, STANDARD
from game.ui.model.game_match import Match
from game.ui.model.views import Arrow, Sanction, turn_view
from game.ui.scenes.turn import TurnScene
from tests.analysis import helpers

from .drive import frames

AURUM, BRISA, VEYRA = 0, 1, 2


def sanctioned(turns: int = 2, seats: list[str] | None = None) -> Session:
    """Forward Basing: Veyra sanctions Brisa in turn 1 and aims at it in turn 2; everyone else
    holds (scripted orders, no policy decides)."""
    s = Session.new(load("forward_basing"), 1, seats or ["ai:baseline"] * 3)
    plan = {1: [A("sanction", "Veyra", "Brisa")], 2: [A("target", "Veyra", "Brisa")]}
    for t in range(1, turns + 1):
        o = helpers.orders(s.world, [0.0, 0.0, 0.0], plan.get(t, ()))
        s.resolve(o.pay_diplomacy(s.world, [0, 1, 2]))
    return s


def test_the_view_carries_each_sanction_in_force_and_since_when():
    session = sanctioned()
    for viewer in (None, AURUM, BRISA, VEYRA):  # public: every seat sees it
        view = turn_view(session, viewer)
        assert Arrow("sanction", VEYRA, BRISA) in view.arrows
        assert Arrow("targeting", VEYRA, BRISA) in view.arrows
        assert view.states[BRISA].sanctions == (Sanction("Veyra", 1),)
        assert view.states[AURUM].sanctions == view.states[VEYRA].sanctions == ()
    # lifted: gone from the board and the panel
    o = helpers.orders(session.world, [0.0] * 3, [A("lift_sanction", "Veyra", "Brisa")])
    session.resolve(o.pay_diplomacy(session.world, [0, 1, 2]))
    view = turn_view(session, BRISA)
    assert not [a for a in view.arrows if a.kind == "sanction"]
    assert view.states[BRISA].sanctions == ()


def test_the_board_draws_a_sanction_apart_from_targeting_and_names_it_in_its_legend(app):
    session = sanctioned()
    view = turn_view(session, BRISA)
    for pal in (STANDARD, COLOUR_BLIND):
        board = Board(pygame.Rect(0, 0, 800, 560), view, pal, 1.0)
        assert board.legend == [LEGEND["targeting"], LEGEND["sanction"], LEGEND["deployment"]]
        assert board.legend_rect is not None
        assert board.legend_rect.collidelist(board.name_backs) < 0
        colours = {
            tuple(board.surface.get_at((x, y)))[:3]
            for x in range(board.rect.w)
            for y in range(board.rect.h)
        }
        assert pal.sanction in colours and pal.targeting in colours
        assert pal.sanction != pal.targeting
        tips = [tip for _, tip in board.regions]
        assert any(
            tip.startswith("Veyra keeps sanctions on Brisa since turn 1: Brisa loses growth")
            for tip in tips
        )
        assert any(t.startswith("The marks on the board") and "sanctions in" in t for t in tips)
    # no marks, no legend (a board with nothing aimed, sanctioned or stationed is unchanged)
    bare = Session.new(load("two_neighbours"), 1, ["ai:baseline"] * 2)
    board = Board(pygame.Rect(0, 0, 800, 560), turn_view(bare, 0), STANDARD, 1.0)
    assert board.legend == [] and board.legend_rect is None


def test_the_sanctioned_states_panels_say_so():
    session = sanctioned(turns=3)
    mine = turn_view(session, BRISA)
    said = "Under sanctions from Veyra for 3 turns (since turn 1): your growth, support and trade"
    assert sanction_lines(mine, mine.states[BRISA])[0].startswith(said)
    _, regions = own_panel(mine, 600, STANDARD, 1.0)
    assert any(tip.startswith(said) for _, tip in regions)
    # a seat that watches: the rivals panel marks Brisa, its tooltip says it
    watcher = turn_view(session, AURUM)
    _, regions = rivals_panel(watcher, 600, STANDARD, 1.0)
    assert any(
        tip.startswith("Brisa is under sanctions from Veyra for 3 turns") for _, tip in regions
    )
    # the sanctioner's own view of it
    hawk = turn_view(session, VEYRA)
    assert sanction_lines(hawk, hawk.states[BRISA])[0].startswith(
        "Brisa is under sanctions from you for 3 turns"
    )
    # the own panel of a state under no sanction has no such line
    _, regions = own_panel(watcher, 600, STANDARD, 1.0)
    assert not any("sanction" in tip for _, tip in regions)


def test_the_turn_screen_shows_the_sanction_on_the_board_and_in_the_panel(app):
    session = sanctioned(seats=["ai:baseline", "human", "ai:hawk"])
    app.reset(TurnScene(app, Match(session)))
    frames(app, 3)
    scene = app.top
    assert LEGEND["sanction"] in scene.board.legend
    assert any(
        tip.startswith("Under sanctions from Veyra for 2 turns (since turn 1)")
        for _, tip in scene.regions.items
    )
