"""Plain words first, the technical term a tooltip away: "scrap reach" for a cut, deterrence said
in a sentence, a lens without a rival switch when there is one rival, and a save message that
agrees with the turn screen's header."""

from __future__ import annotations

import pygame

from game.ui.model.plain_words import deters

from .drive import buttons, frames, key, past_lesson_screens, scene_name, start_game


def test_the_cut_slider_is_called_scrap_reach_with_the_term_in_its_tooltip(app):
    start_game(app, "the_shield")
    turn = app.top
    assert "cut" in turn.categories
    frames(app, 1)
    tips = [t for _, t in turn._order_regions]
    scrap = [t for t in tips if t.startswith("Scrap reach:")]
    assert len(scrap) == 1 and "unilateral cut" in scrap[0]
    assert not any(t.startswith("Cut:") for t in tips)


def test_deterrence_is_said_in_words_with_the_margin_after_them():
    assert deters("Aurum", "Veyra", -24.2, you="Aurum") == (
        "Your second strike falls 24 short of deterring Veyra (deterrence margin -24.2)"
    )
    assert deters("Veyra", "Aurum", 3.04, you="Aurum") == (
        "Veyra's second strike deters you, with 3 to spare (deterrence margin +3.0)"
    )
    assert deters("Veyra", "Ostrel", -0.25) == (
        "Veyra's second strike falls 0.2 short of deterring Ostrel (deterrence margin -0.2)"
    )


def test_the_boards_tooltips_say_who_deters_whom_in_words(app):
    start_game(app, "two_neighbours")
    tips = [t for _, t in app.top.board.regions if "second strike" in t]
    assert tips
    for tip in tips:
        assert "(margin " not in tip
        assert "Your second strike " in tip
        assert "short of deterring you" in tip or "deters you, with" in tip


def test_the_lens_has_no_rival_switch_with_one_rival(app):
    start_game(app, "two_neighbours")
    key(app, pygame.K_l)
    assert scene_name(app) == "LensScene"
    assert not [b for b in buttons(app) if b.text.startswith("Rival")]
    lens = app.top
    key(app, pygame.K_RIGHT)  # nothing to switch to: still the one rival
    assert lens.pick == 0
    key(app, pygame.K_ESCAPE)
    # With three others, the switch is there.
    start_game(app, "the_shield")
    key(app, pygame.K_l)
    assert len([b for b in buttons(app) if b.text.startswith("Rival")]) == 2


def test_the_save_message_agrees_with_the_turn_header(app):
    session = start_game(app, "two_neighbours")
    for _ in range(2):
        key(app, pygame.K_h)
        key(app, pygame.K_RETURN)
        past_lesson_screens(app)
    assert session.turn == 2  # the header says "turn 3 of 15"
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "PauseScene"
    key(app, pygame.K_s)
    assert app.dialog_open
    text = app._dialog.text_block.html_text
    assert text.startswith("Saved after turn 2 (turn 3 of 15 is next).")
    # The file and its folder on lines of their own, and a way to open the folder.
    opened = []
    app.opener = opened.append
    assert "File: " in text and "Folder: " in text
    key(app, pygame.K_o)
    assert len(opened) == 1 and opened[0].is_dir()
    assert any(p.suffix == ".json" for p in opened[0].iterdir())
    assert app.dialog_open  # still open: Enter closes it
    key(app, pygame.K_RETURN)
    assert not app.dialog_open


def test_the_lens_reads_the_game_in_a_sentence_and_draws_best_replies(app):
    import numpy as np

    from game.ui.model.plain_words import best_replies, reading

    # A Prisoner's Dilemma: arming pays whatever the other does, yet both holding beats both arming.
    A = np.array([[4.98, 2.57], [5.29, 3.71]])
    B = A.T.copy()
    assert best_replies(A, B) == ((1, 1), (1, 1))
    assert reading(A, B, "Calder", "Mirel") == (
        "Whatever Mirel does, arming pays you more; yet if you both hold, you both do better: "
        "that is the trap."
    )
    # A stag hunt: match the other; both holding is safe to keep.
    A = np.array([[5.0, 1.0], [4.0, 2.0]])
    assert reading(A, A.T.copy(), "Calder", "Mirel") == (
        "Your best move is Mirel's: hold if it holds, arm if it arms; "
        "if you both hold, neither of you gains by arming first."
    )
    start_game(app, "two_neighbours")
    key(app, pygame.K_l)
    lens = app.top
    frames(app, 1)
    g = lens.game()
    assert lens.sentence == reading(g.A, g.B, g.row, g.col)
    assert lens.sentence.startswith("Whatever Mirel does") or "Mirel's" in lens.sentence
    (row_h, row_a), (col_h, col_a) = best_replies(g.A, g.B)
    assert lens.arrows == [
        ("row", 0, row_h),
        ("row", 1, row_a),
        ("col", 0, col_h),
        ("col", 1, col_a),
    ]
