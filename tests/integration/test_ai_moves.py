"""The AI itself makes every move the game offers: across the eight lessons, played with their own
seats (the human seat by the steady deterrer), some AI seat aims at a host, sanctions, drills,
offers a joint programme, inspects, proposes and leaves a treaty, offers an alliance and a
deployment, commits in public, talks and answers crises, on two windows of seeds. No lesson
scripts any of it. And every visible move an AI makes comes with a reason a player can read
(``Runner.public_reasons``, what the wire reports show)."""

from __future__ import annotations

import pytest

from game.lab.moves import MOVES, move_census
from game.lessons import LESSON_ORDER
from game.scenarios import load
from tests.integration.lessons import SECOND_WINDOW, SEEDS

WINDOWS = {"first": SEEDS[:24], "second": SECOND_WINDOW[:24]}


@pytest.fixture(scope="module", params=sorted(WINDOWS))
def censuses(request):
    seeds = WINDOWS[request.param]
    return {lid: move_census(load(lid), seeds) for lid in LESSON_ORDER}


def test_every_move_comes_from_some_lessons_ai(censuses):
    made = set()
    for census in censuses.values():
        made |= set(census.shares())
    assert made == set(MOVES), sorted(set(MOVES) - made)


def test_each_lesson_shows_its_own_moves(censuses):
    """Measured on both windows: in The Shield the rivals aim at the host in 90 % of games,
    ally in all and drill in half; in The Accord Veyra inspects in 30-40 % and leaves in
    45-60 %; in Joint Shield the programme runs in all."""
    shield = censuses["the_shield"].shares()
    assert shield["targeting"] >= 0.6 and shield["alliance"] >= 0.8
    assert shield.get("drill", 0.0) >= 0.2 and shield.get("public commitment", 0.0) >= 0.2
    accord = censuses["the_accord"].shares()
    assert accord.get("inspection", 0.0) >= 0.1 and accord.get("treaty withdrawal", 0.0) >= 0.2
    assert censuses["joint_shield"].shares()["joint programme"] >= 0.8


def test_every_visible_ai_move_carries_a_reason(censuses):
    total = sum(c.visible for c in censuses.values())
    assert total > 500, "enough visible moves to judge"
    assert all(c.unexplained == 0 for c in censuses.values()), {
        lid: c.unexplained for lid, c in censuses.items()
    }
