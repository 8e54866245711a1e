"""The classroom's commands and their edges: where the host may listen, the web path free of
pygame, the timer, the teacher's report, and class-report on ordinary saves."""

import subprocess

import pytest

from game.classroom.class_commands import check_bind, lan_address
from game.classroom.results import HANDOUT, read_save, write_class_report
from game.classroom.room import Room
from game.cli import main
from game.commands import UsageError
from tests.classroom.helpers import env, lesson, python, wait_for


@pytest.mark.parametrize("address", ["127.0.0.1", "192.168.1.20", "10.0.0.7", "::1"])
def test_the_host_listens_on_the_local_network(address):
    assert check_bind(address, public=False)


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "1.2.3.4", "not an address"])
def test_beyond_the_local_network_needs_a_flag(address):
    with pytest.raises(UsageError):
        check_bind(address, public=False)


def test_the_default_address_is_a_local_one():
    assert check_bind(lan_address(), public=False)


def test_the_web_path_never_imports_pygame():
    code = (
        "import sys, game.cli, game.classroom.server, game.classroom.room, "
        "game.classroom.results, game.classroom.client; "
        "game.cli.build_parser(); "
        "assert 'pygame' not in sys.modules and 'pygame_gui' not in sys.modules, 'pygame'"
    )
    done = subprocess.run([python(), "-c", code], env=env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def test_when_time_is_up_the_turn_is_played_and_the_others_hold(tmp_path):
    room = Room.create(tmp_path / "c", lesson("the_spiral", 3), 1, 0, False,
                       ["human", "human", "ai:baseline"], timer_minutes=0.001)
    room.pause(True)
    assert not room.tick() and room.turn == 0  # paused: the clock stands still
    room.pause(False)
    wait_for(room.tick, 30)
    assert room.turn == 1 and any("time was up" in n for n in room.notes)


def test_the_teachers_report_and_an_ordinary_save_make_a_class(tmp_path, capsys):
    room = Room.create(tmp_path / "c", lesson("the_spiral", 3), 2, 5, False,
                       ["human", "ai:hawk", "ai:dove"])
    room.answer(room.teams[0], bet=0)
    while not room.finished:
        room.force()
    files = write_class_report([room.group_save(g) for g in range(2)], tmp_path / "r")
    assert [f.name for f in files] == ["class-report.html", "class-turns.csv", "handout.html"]
    report = files[0].read_text()
    assert "Group 1" in report and room.scenario.bet.question in report

    save = tmp_path / "plain.json"
    assert main(["simulate", "--scenario", "the_spiral", "--seed", "3", "--turns", "3",
                 "--save", str(save)]) == 0
    capsys.readouterr()
    assert main(["class-report", str(save), str(tmp_path / "c" / "group-1.json"), "--out",
                 str(tmp_path / "r2")]) == 0
    assert (tmp_path / "r2" / HANDOUT).exists()
    assert read_save(save)["seed"] == 3


def test_class_report_refuses_saves_of_two_lessons(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    main(["simulate", "--scenario", "the_spiral", "--turns", "2", "--save", str(a)])
    main(["simulate", "--scenario", "two_neighbours", "--turns", "2", "--save", str(b)])
    capsys.readouterr()
    assert main(["class-report", str(a), str(b), "--out", str(tmp_path / "r")]) == 2
    assert "different lessons" in capsys.readouterr().err


def test_the_host_refuses_a_second_class_in_one_folder_and_bad_settings(tmp_path, capsys):
    for argv in (
        ["host", "--dir", str(tmp_path / "x"), "--bind", "127.0.0.1"],
        ["host", "--lesson", "the_spiral", "--groups", "0", "--dir", str(tmp_path / "y"),
         "--bind", "127.0.0.1"],
        ["host", "--lesson", "the_spiral", "--dir", str(tmp_path / "z"), "--bind", "0.0.0.0"],
        ["join", "127.0.0.1:1", "CODE", "--ai", "nobody"],
    ):
        assert main(argv) == 2, argv
        assert capsys.readouterr().err.startswith("error: ")
    assert not (tmp_path / "z").exists()  # refused before anything was written
