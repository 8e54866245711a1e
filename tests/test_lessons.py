"""The lesson order: shipped scenarios only, in the teaching order, the others after."""

from __future__ import annotations

import game.lessons as lessons_mod
from game.lessons import LESSON_ORDER, lessons
from game.scenarios import builtin_ids


def test_every_shipped_scenario_is_a_lesson_once_and_nothing_else_is():
    ids = lessons()
    assert sorted(ids) == builtin_ids()
    assert len(set(ids)) == len(ids)


def test_the_first_lesson_comes_first_and_the_order_is_kept():
    ids = lessons()
    assert ids[0] == "two_neighbours"
    known = [sid for sid in ids if sid in LESSON_ORDER]
    assert known == sorted(known, key=LESSON_ORDER.index)


def test_missing_lessons_are_skipped_and_unlisted_ones_come_last(monkeypatch):
    shipped = ["zeta_extra", "the_shield", "alpha_extra", "two_neighbours", "sandbox"]
    monkeypatch.setattr(lessons_mod, "builtin_ids", lambda: sorted(shipped))
    assert lessons() == ["two_neighbours", "the_shield", "sandbox", "alpha_extra", "zeta_extra"]


def test_the_lesson_module_does_not_need_pygame():
    import subprocess
    import sys

    code = "import sys, game.lessons; sys.exit('pygame' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
