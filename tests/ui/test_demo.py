"""The projector demo: slow speeds for a room, the lesson's key numbers always in sight (the
weakest first-strike stability of a rival pair, the highest tension), and the end banner where
it hides nothing of the board."""

from __future__ import annotations

import pytest

from game.scenarios import load
from game.ui.scenes.demo import SPEEDS, DemoScene, key_numbers, pace

from .drive import frames
from .test_layout import SCALES, big_app  # noqa: F401 (big_app is a fixture)


def test_a_room_can_follow_it():
    assert min(SPEEDS) <= 0.34  # three seconds a turn, or slower
    assert pace(0.33) == "3 s a turn" and pace(0.2) == "5 s a turn" and pace(2.0) == "2 turns/s"


def demo(app, speed: float = 0.33) -> DemoScene:
    scene = DemoScene(app, load("the_shield"), 8, speed=speed)
    app.push(scene)
    frames(app, 2)
    return scene


def test_the_key_numbers_leave_allies_aside(app):
    scene = demo(app)
    for _ in range(3):
        scene.step_once()
    frames(app, 2)
    view = scene.view
    lines = key_numbers(view)
    rivals = [lk for lk in view.links if not lk.allied]
    weakest = min(rivals, key=lambda lk: lk.stability)
    assert lines[0].startswith(f"Weakest first-strike stability: {weakest.stability:.2f} (")
    assert "Aurum-Brisa" not in lines[0]  # allies
    assert lines[1].startswith("Highest tension: ")
    assert scene.speed == 0.33 and "3 s a turn" in pace(scene.speed)


@pytest.mark.parametrize("big_app", [1.0, *SCALES], indirect=True)
def test_the_end_banner_hides_nothing(big_app):  # noqa: F811
    app = big_app
    scene = demo(app)
    while not scene.session.over:
        scene.step_once()
    scene._linger = 100.0  # stay on the outcome
    frames(app, 3)
    banner = scene.banner_rect
    assert banner is not None
    assert banner.bottom <= scene.board.rect.top
    table = scene.table.get_rect(topleft=scene.table_pos)
    assert not banner.colliderect(table)
