"""The class without the network: one batch for all groups, orders checked by the engine, AI seats
played from JSON observations, answers, the timer's force, and a restart that loses nothing."""

import json

import pytest

from game.classroom.room import CLASS_FILE, Room, RoomError, Submission, remote_move
from game.engine.actions import Action
from game.engine.orders import IllegalOrder
from game.saves import _checksum, load_save
from tests.classroom.helpers import digest_alone, lesson

AIS = ["ai:baseline", "ai:hawk", "ai:security_seeker", "ai:copycat"]


def play_remotely(room: Room, policies: list[str], until: int | None = None) -> None:
    """Every team's seat played by its AI through the JSON messages ``join --ai`` exchanges."""
    states: dict[str, object] = {}
    while not room.finished and (until is None or room.turn < until):
        for team in list(room.teams):
            if team.key in room.pending or room.group_over(team.group):
                continue
            message = json.loads(json.dumps(room.observation(team, True)))
            _, name = policies[team.seat].split(":")
            body, states[team.key] = remote_move(
                name, "normal", team.seat, message, states.get(team.key)
            )
            body = json.loads(json.dumps(body))
            room.submit(team, Submission.from_dict(body), body["turn"])


def test_groups_played_remotely_are_the_games_simulate_plays(tmp_path):
    sc = lesson("the_shield", 6)
    room = Room.create(tmp_path / "c", sc, 2, 21, True, ["human"] * 4)
    play_remotely(room, AIS)
    for g, seed in enumerate((21, 22)):
        assert room.group_world(g).digest() == digest_alone("the_shield", AIS, seed, 6)
        # Each group's file is an ordinary save that replays on its own to the same game.
        assert load_save(tmp_path / "c" / f"group-{g + 1}.json").world.digest() == (
            room.group_world(g).digest()
        )


def test_the_same_seed_for_every_group_gives_every_group_the_same_world(tmp_path):
    room = Room.create(tmp_path / "c", lesson("the_spiral", 3), 3, 4, False,
                       ["human", "ai:hawk", "ai:dove"])
    first = [room.view(t)["states"] for t in room.teams]
    assert first[0] == first[1] == first[2]


def test_a_refused_order_gives_the_engines_reason_and_changes_nothing(tmp_path):
    room = Room.create(tmp_path / "c", lesson("the_shield", 3), 1, 0, False,
                       ["human", "ai:baseline", "ai:baseline", "ai:baseline"])
    team = room.teams[0]
    with pytest.raises(IllegalOrder, match="budget"):
        room.submit(team, Submission((1e6, 0.0, 0.0, 0.0, None), 0.0))
    other = room.scenario.names[1]
    with pytest.raises(IllegalOrder, match="only act for itself"):
        room.submit(team, Submission((0.0, 0.0, 0.0, 0.0, None), 0.0, (Action("talk", other,
                                                                              team.name),)))
    assert room.turn == 0 and not room.pending


def test_a_lesson_refuses_the_diplomacy_it_does_not_open(tmp_path):
    sc = lesson("two_neighbours", 3)
    room = Room.create(tmp_path / "c", sc, 1, 0, False, ["human", "ai:baseline"])
    team = room.teams[0]
    closed = [g for g in ("alliances", "treaties", "deployments") if g not in sc.params.diplomacy]
    assert closed, "two_neighbours should keep some diplomacy closed"
    action = {"alliances": "ally", "treaties": "inspect", "deployments": "withdraw_deployment"}
    with pytest.raises(IllegalOrder, match="does not open"):
        room.add_action(team, Action(action[closed[0]], team.name, sc.names[1], treaty=0))


def test_the_turn_waits_for_every_team_and_force_holds_the_others(tmp_path):
    room = Room.create(tmp_path / "c", lesson("the_spiral", 4), 2, 0, True,
                       ["human", "human", "ai:baseline"])
    a, *rest = room.teams
    room.submit(a, Submission((1.0, 0.0, 0.0, 0.0, None), 0.0))
    assert room.turn == 0 and len(room.waiting_on()) == 3
    room.force()
    assert room.turn == 1 and not room.pending
    spend = room.records[a.group][0].orders.spend[0]
    assert spend[a.seat][0] == 1.0
    held = rest[0]
    assert room.records[held.group][0].orders.spend[0][held.seat][:4].sum() == 0.0


def test_the_bet_closes_when_its_turn_is_played(tmp_path):
    sc = lesson("the_spiral", 4)
    room = Room.create(tmp_path / "c", sc, 1, 0, False, ["human", "ai:baseline", "ai:baseline"])
    team = room.teams[0]
    room.answer(team, bet=2)
    assert room.bets()["counts"][2] == 1
    room.force()
    with pytest.raises(RoomError, match="closed"):
        room.answer(team, bet=0)
    with pytest.raises(RoomError, match="first turn"):
        room.answer(team, quiz=[0] * len(sc.quiz), when="before")


def test_a_restarted_class_is_where_it_was(tmp_path):
    folder = tmp_path / "c"
    sc = lesson("the_shield", 6)
    room = Room.create(folder, sc, 2, 30, True, ["human", "human", "ai:security_seeker", "ai:hawk"])
    room.answer(room.teams[0], quiz=[0] * len(sc.quiz), when="before")
    room.answer(room.teams[1], bet=1)
    play_remotely(room, ["ai:copycat", "ai:baseline", "", ""], until=3)
    pending = room.teams[2]
    room.add_action(pending, Action("talk", pending.name, sc.names[2]))
    room.submit(pending, Submission((2.0, 1.0, 0.0, 0.5, None), 0.0, room.draft(pending)))
    drafted = room.teams[3]
    room.add_action(drafted, Action("talk", drafted.name, sc.names[3]))
    before = {g: room.group_world(g).digest() for g in range(2)}

    again = Room.open(folder)  # as a new host process would, from the files alone
    assert again.turn == 3
    assert {g: again.group_world(g).digest() for g in range(2)} == before
    assert again.pending.keys() == {pending.key}
    assert again.pending[pending.key] == room.pending[pending.key]
    assert again.draft(drafted) == room.draft(drafted)
    assert again.answers == room.answers
    assert again.teacher_code == room.teacher_code
    assert [t.code for t in again.teams] == [t.code for t in room.teams]
    # Both carry on to the same end.
    play_remotely(room, ["ai:copycat", "ai:baseline", "", ""])
    play_remotely(again, ["ai:copycat", "ai:baseline", "", ""])
    assert [again.group_world(g).digest() for g in range(2)] == [
        room.group_world(g).digest() for g in range(2)
    ]


def test_a_class_from_before_the_strategist_was_renamed_resumes(tmp_path):
    """A class file of version 1 and its group saves (version 3) name the lessons' prudent
    strategist ``ai:strategist``; the game reads it as the security seeker it was, and the class
    resumes where it was."""
    folder = tmp_path / "c"
    room = Room.create(folder, lesson("the_shield", 6), 2, 30, True, ["human", "human"] + AIS[2:])
    play_remotely(room, ["ai:copycat", "ai:baseline", "", ""], until=2)
    before = [room.group_world(g).digest() for g in range(2)]
    for path in [folder / CLASS_FILE, *sorted(folder.glob("group-*.json"))]:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["seats"] = [s.replace("ai:security_seeker", "ai:strategist") for s in data["seats"]]
        data["version"] = 1 if path.name == CLASS_FILE else 3
        if "checksum" in data:
            body = {k: v for k, v in data.items() if k != "checksum"}
            data["checksum"] = _checksum(body)
        path.write_text(json.dumps(data), encoding="utf-8")
    again = Room.open(folder)
    assert again.turn == 2 and str(again.seats[2]) == "ai:security_seeker"
    assert [again.group_world(g).digest() for g in range(2)] == before


def test_a_class_whose_plain_strategist_played_otherwise_says_why_it_cannot_resume(tmp_path):
    """A class file of version 2 wrote its groups' games as save version 4, before the plain
    strategist's play changed. Where a group save's strategist orders differ from what it plays
    today (here: edited to stand for the old play), the class cannot resume, and the teacher is
    told why rather than that the file was edited."""
    folder = tmp_path / "c"
    seats = ["human", "ai:strategist", "ai:copycat"]
    room = Room.create(folder, lesson("the_accord", 4), 1, 0, False, seats)
    room.force()
    assert Room.open(folder).turn == room.turn  # today's class resumes
    for path in (folder / CLASS_FILE, folder / "group-1.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["version"] = 2 if path.name == CLASS_FILE else 4
        if "checksum" in data:
            data["orders"][0]["spend"][1][0] += 1.0  # the strategist's reach, turn one
            body = {k: v for k, v in data.items() if k != "checksum"}
            data["checksum"] = _checksum(body)
        path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RoomError, match="cannot resume.*older version.*plain strategist"):
        Room.open(folder)


def test_a_folder_holds_one_class(tmp_path):
    Room.create(tmp_path / "c", lesson("the_spiral", 2), 1, 0, False, ["human", "ai", "ai"])
    assert (tmp_path / "c" / CLASS_FILE).exists()
    with pytest.raises(RoomError, match="already holds a class"):
        Room.create(tmp_path / "c", lesson("the_spiral", 2), 1, 0, False, ["human", "ai", "ai"])


def test_an_edited_group_save_is_refused_on_resume(tmp_path):
    folder = tmp_path / "c"
    room = Room.create(folder, lesson("the_spiral", 3), 1, 0, False, ["human", "ai", "ai"])
    room.force()
    path = folder / "group-1.json"
    path.write_text(path.read_text().replace('"seed": 0', '"seed": 1'))
    with pytest.raises(RoomError, match="cannot resume"):
        Room.open(folder)


def test_a_teachers_own_lesson_file_travels_in_the_class(tmp_path):
    from game.scenarios import load

    text = (lesson("the_spiral").source or "").replace('title = "The Spiral"',
                                                       'title = "Our Spiral"')
    assert "Our Spiral" in text
    path = tmp_path / "the_spiral.toml"
    path.write_text(text)
    room = Room.create(tmp_path / "c", load(str(path)), 1, 2, False, ["human", "ai", "ai"])
    room.force()
    path.unlink()  # the class needs only its folder
    again = Room.open(tmp_path / "c")
    assert again.scenario.title == "Our Spiral"
    assert again.group_world(0).digest() == room.group_world(0).digest()


def test_a_host_stopped_while_writing_a_turn_plays_that_turn_again(tmp_path):
    folder = tmp_path / "c"
    room = Room.create(folder, lesson("the_spiral", 4), 2, 6, True,
                       ["human", "human", "ai:security_seeker"])
    room.force()
    room.pause(True)
    for k, team in enumerate(room.teams):
        room.submit(team, Submission((0.5 * k, 0.0, 0.0, 0.0, None), 0.0))
    before = (folder / CLASS_FILE).read_text()  # every team handed in, the turn not yet played
    room.pause(False)
    assert room.turn == 2
    # As if the host had died after writing the groups' saves and before class.json.
    (folder / CLASS_FILE).write_text(before.replace('"paused": true', '"paused": false'))
    again = Room.open(folder)
    assert again.turn == 2 and not again.pending
    assert [again.group_world(g).digest() for g in range(2)] == [
        room.group_world(g).digest() for g in range(2)
    ]
    assert load_save(folder / "group-1.json").world.digest() == room.group_world(0).digest()


def test_a_classroom_wire_tells_an_ai_states_reason_on_its_own_diplomacy_line(tmp_path):
    """The desktop game tells a state's public reason on a "Diplomacy:" line (it explains a move
    everyone saw, never an arms build); a class's wires said "Why: Veyra (Hawk) aimed at Brisa:
    ..." for the same move. A class reads the same words as one player."""
    room = Room.create(tmp_path / "c", lesson("forward_basing", 4), 1, 3, False,
                       ["ai:baseline", "human", "ai:hawk"])
    team = room.teams[0]
    seen: list[str] = []
    for _ in range(3):
        room.submit(team, Submission((0.0, 0.0, 0.0, 0.0, None), 0.0), room.turn)
        seen += room.view(team)["wires"]
    assert any(w.startswith("Diplomacy: Veyra (Hawk) ") for w in seen), seen
    assert not any(w.startswith("Why: ") for w in seen), seen


@pytest.mark.parametrize("version", [0, 4, "1", [1], True, None])
def test_a_class_file_of_another_version_is_refused_in_one_line(tmp_path, version):
    folder = tmp_path / "c"
    Room.create(folder, lesson("the_spiral", 2), 1, 0, False, ["human", "ai", "ai"])
    data = json.loads((folder / CLASS_FILE).read_text(encoding="utf-8"))
    data["version"] = version
    (folder / CLASS_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RoomError, match="made by another version of the game"):
        Room.open(folder)
