"""Saves: versioned JSON that replays to the very same game, written atomically.

A save holds the scenario id, the seed, the seats and every turn's joint orders, with a digest of
the world they lead to and a checksum over the rest. Loading replays the orders from the seed and
refuses, in one line naming the file, anything unsound: a corrupt file, an edited one (even with
its checksum recomputed), one from a newer version of the game, or a file that is not a save.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game import saves
from game.engine.orders import IllegalOrder, StateOrder
from game.engine.state import CIVILIAN, REACH
from game.saves import SaveError, load_save, save
from game.scenarios import load
from game.session import Session

SEED = 7


def human_order(turn: int) -> dict[int, StateOrder]:
    """The human (seat 0) builds a little reach every third turn and holds otherwise."""
    return {0: StateOrder(reach=2.0, intel=0.5)} if turn % 3 == 0 else {}


def play(session: Session, turns: int | None = None) -> Session:
    """Play ``turns`` turns (or to the end) with the scripted human."""
    stop = session.turn + turns if turns is not None else None
    while not session.over and (stop is None or session.turn < stop):
        session.play_turn(human_order(session.turn))
    return session


def new(seed: int = SEED) -> Session:
    return Session.new(load("the_shield"), seed)


def canonical_checksum(body: dict[str, Any]) -> str:
    """The checksum as the save format defines it: SHA-256 of the canonical JSON of every field
    but ``checksum`` (sorted keys, no spaces, no NaN)."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def reseal(data: dict[str, Any]) -> dict[str, Any]:
    """What a careful forger does: recompute the checksum after an edit."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    return {**body, "checksum": canonical_checksum(body)}


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture()
def saved(tmp_path: Path) -> tuple[Session, Path]:
    """Five turns of the_shield, saved to game.json."""
    session = play(new(), 5)
    return session, save(session, tmp_path / "game.json")


@pytest.fixture()
def data(saved: tuple[Session, Path]) -> dict[str, Any]:
    return json.loads(saved[1].read_text(encoding="utf-8"))


def refused(path: Path) -> str:
    with pytest.raises(SaveError) as err:
        load_save(path)
    message = str(err.value)
    assert message.startswith(f"{path.name}: "), message  # names the file
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------------------------
# Round trips


def test_a_save_loads_as_the_same_game(saved: tuple[Session, Path]) -> None:
    session, path = saved
    loaded = load_save(path)
    assert loaded.world.digest() == session.world.digest()
    assert len(loaded.history) == len(session.history) == loaded.turn == 5
    assert (loaded.scenario.id, loaded.seed, loaded.seats) == ("the_shield", SEED, session.seats)
    for a, b in zip(loaded.history, session.history, strict=True):
        np.testing.assert_array_equal(a.orders.spend, b.orders.spend)
        np.testing.assert_array_equal(a.orders.cut, b.orders.cut)


def test_the_save_file_is_plain_versioned_json(data: dict[str, Any]) -> None:
    assert data["format"] == "delicate-balance-save"
    assert data["version"] == saves.VERSION == 5
    assert (data["scenario"], data["seed"], data["turn"]) == ("the_shield", SEED, 5)
    assert data["seats"] == ["human", "ai:baseline", "ai:security_seeker", "ai:security_seeker"]
    assert len(data["orders"]) == 5
    assert data["orders"][0]["spend"][0][REACH] == 2.0  # the human's scripted build
    # The checksum is the documented canonical one, so tools can check a save without the game.
    body = {k: v for k, v in data.items() if k != "checksum"}
    assert data["checksum"] == canonical_checksum(body)


# With the scripted human these seeds end in peace, and at war on turns 7 and 12 (after the save).
@pytest.mark.parametrize("seed", [SEED, 5, 23])
def test_a_loaded_game_goes_on_exactly_as_the_uninterrupted_one(tmp_path: Path, seed: int) -> None:
    straight = play(new(seed))
    interrupted = play(new(seed), 5)
    path = save(interrupted, tmp_path / "mid.json")
    resumed = play(load_save(path))
    assert resumed.turn == straight.turn
    assert resumed.world.digest() == straight.world.digest()
    for name, arr in straight.world.arrays().items():
        np.testing.assert_array_equal(resumed.world.arrays()[name], arr, err_msg=name)
    # ...and saving both gives the same file, but for the time it was written.
    a = json.loads(saves.dumps(resumed))
    b = json.loads(saves.dumps(straight))
    for d in (a, b):
        del d["saved"], d["checksum"]
    assert a == b


def test_a_new_game_and_a_finished_game_round_trip(tmp_path: Path) -> None:
    fresh = new()
    assert load_save(save(fresh, tmp_path / "fresh.json")).world.digest() == fresh.world.digest()
    done = play(new())
    loaded = load_save(save(done, tmp_path / "done.json"))
    assert loaded.over and loaded.world.digest() == done.world.digest()


def test_a_save_goes_into_a_new_folder(tmp_path: Path) -> None:
    session = play(new(), 2)
    path = save(session, tmp_path / "saves" / "slot 1.json")
    assert path == tmp_path / "saves" / "slot 1.json"
    assert load_save(path).world.digest() == session.world.digest()


def test_a_game_with_a_rejected_order_still_saves_and_loads(tmp_path: Path) -> None:
    seats = ["human", "ai:baseline:easy", "ai:baseline:easy", "ai:baseline:easy"]
    session = Session.new(load("the_shield"), 0, seats)
    with pytest.raises(IllegalOrder):
        session.play_turn({0: StateOrder(reach=1e6)})  # a mistake, refused
    play(session, 4)
    loaded = load_save(save(session, tmp_path / "mistake.json"))
    assert loaded.world.digest() == session.world.digest()


# --------------------------------------------------------------------------------------------
# Corrupt files


def test_a_truncated_save_is_refused(saved: tuple[Session, Path]) -> None:
    _, path = saved
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert "corrupt save (not valid JSON" in refused(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage \x80\x81", "cannot be read"),
        (b"", "not valid JSON"),
        (b"{this is not json}", "not valid JSON"),
        (b"[1, 2, 3]", "not a save file"),
        (b'"a string"', "not a save file"),
    ],
    ids=["binary", "empty", "not-json", "a-list", "a-string"],
)
def test_garbage_is_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(content)
    assert expected in refused(path)


def test_a_missing_save_is_refused(tmp_path: Path) -> None:
    assert "no such save file" in refused(tmp_path / "nowhere.json")


def test_a_non_finite_number_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["orders"][0]["spend"][1][0] = float("nan")
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN by default
    assert "not finite" in refused(path)


# --------------------------------------------------------------------------------------------
# Edited files


def test_an_edit_without_a_new_checksum_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["orders"][2]["spend"][1][REACH] += 1.0
    assert "checksum does not match" in refused(write(tmp_path / "edited.json", data))


def test_resealing_an_untouched_save_changes_nothing(tmp_path: Path, data: dict[str, Any]) -> None:
    assert reseal(data) == data
    assert load_save(write(tmp_path / "same.json", reseal(data))).turn == 5


def _edit_ai_order(d: dict[str, Any]) -> None:
    d["orders"][2]["spend"][1][REACH] += 1.0  # an AI seat's order: the replay recomputes it


def _edit_last_human_order(d: dict[str, Any]) -> None:
    last = d["orders"][-1]["spend"][0]  # a human's order: only the final digest can tell
    last[REACH] += 1.0
    last[CIVILIAN] -= 1.0


def _edit_seed(d: dict[str, Any]) -> None:
    d["seed"] += 1


def _edit_digest(d: dict[str, Any]) -> None:
    d["state_digest"] = "0" * 64


def _drop_last_turn(d: dict[str, Any]) -> None:
    d["orders"].pop()
    d["turn"] -= 1  # a careful forger keeps the turn count consistent


def _drop_last_turn_carelessly(d: dict[str, Any]) -> None:
    d["orders"].pop()


def _edit_seats(d: dict[str, Any]) -> None:
    d["seats"][1] = "ai:baseline:hard"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_edit_ai_order, "orders[2]': the replay does not reproduce the saved orders"),
        (_edit_last_human_order, "the replay does not reproduce the saved state"),
        (_edit_seed, "the replay does not reproduce"),
        (_edit_digest, "the replay does not reproduce the saved state"),
        (_drop_last_turn, "the replay does not reproduce the saved state"),
        (_drop_last_turn_carelessly, "field 'turn' is 5 but the save holds 4 turns"),
        (_edit_seats, "the replay does not reproduce"),
    ],
    ids=["ai-order", "human-order", "seed", "digest", "dropped-turn", "turn-count", "seats"],
)
def test_an_edit_with_a_recomputed_checksum_is_caught_by_the_replay(
    tmp_path: Path, data: dict[str, Any], edit: Any, expected: str
) -> None:
    forged = copy.deepcopy(data)
    edit(forged)
    assert forged != data
    message = refused(write(tmp_path / "forged.json", reseal(forged)))
    assert expected in message
    assert "edited" in message  # says what probably happened


# --------------------------------------------------------------------------------------------
# Versions and formats


@pytest.mark.parametrize("resealed", [True, False])
def test_a_save_from_a_newer_version_is_refused_as_such(
    tmp_path: Path, data: dict[str, Any], resealed: bool
) -> None:
    data["version"] = saves.VERSION + 1
    if resealed:
        data = reseal(data)
    message = refused(write(tmp_path / "future.json", data))
    assert "newer version" in message and "update the game" in message


def test_a_version_3_save_reads_its_plain_strategist_as_the_security_seeker(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    """Before save version 4 the plain strategist had the security seeker's weights, and the
    lessons seated it: such a save still replays as written. The same seats in a version 4 save
    are the plain strategist, which plays otherwise since version 5: its replay differs, and the
    refusal says why; in a version 5 save the same difference reads as an edit."""
    data["seats"] = ["human", "ai:baseline", "ai:strategist", "ai:strategist"]
    data["version"] = 3
    loaded = saves.load_save(write(tmp_path / "v3.json", reseal(dict(data))))
    assert [str(s) for s in loaded.seats][2:] == ["ai:security_seeker", "ai:security_seeker"]
    data["version"] = 4
    message = refused(write(tmp_path / "v4.json", reseal(dict(data))))
    assert "older version" in message and "plain strategist now signs" in message
    assert "save version 4" in message and "start the game again" in message
    assert "edited" not in message
    data["version"] = 5
    message = refused(write(tmp_path / "v5.json", reseal(data)))
    assert "does not reproduce" in message and "plain strategist" not in message


def test_an_older_save_whose_opponents_replay_the_same_still_loads(
    tmp_path: Path, data: dict[str, Any], saved: tuple[Session, Path]
) -> None:
    """A version 4 save loads where its replay still reproduces it: with no opponent that
    changed, and with the plain strategist where it plays as it did (no treaty to sign)."""
    data["version"] = 4
    assert load_save(write(tmp_path / "v4.json", reseal(data))).world.digest() == (
        saved[0].world.digest()
    )
    spiral = Session.new(load("the_spiral"), 3, ["human", "ai:strategist:hard", "ai"])
    for _ in range(3):
        spiral.play_turn()
    old = {**saves.to_dict(spiral), "version": 4}
    again = load_save(write(tmp_path / "spiral.json", reseal(old)))
    assert again.world.digest() == spiral.world.digest()


def test_only_the_opponents_whose_play_changed_keep_an_older_game_from_replaying() -> None:
    seats = ["human", "ai:hawk", "ai:security_seeker:hard", "ai"]
    assert saves.changed_play(seats, 4) == ""
    assert "plain strategist" in saves.changed_play([*seats, "ai:strategist:hard"], 4)
    assert saves.changed_play([*seats, "ai:strategist"], 5) == ""
    assert saves.changed_play(["human", "human"], 4) == ""


def test_renamed_seats_keep_their_difficulty_and_leave_the_others_alone() -> None:
    old = ["human", "ai", "ai:hawk", "ai:strategist", "ai:strategist:hard"]
    assert saves.current_seats(old, 3) == [
        "human",
        "ai",
        "ai:hawk",
        "ai:security_seeker",
        "ai:security_seeker:hard",
    ]
    assert saves.current_seats(old, 4) == old


def test_a_save_from_before_the_payoff_model_changed_is_refused_with_the_reason(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    data["version"] = 1
    message = refused(write(tmp_path / "old.json", reseal(data)))
    assert "older version" in message and "payoff model" in message
    assert "scenario and seed" in message


def test_a_save_from_before_the_opponents_looked_ahead_is_refused_with_the_reason(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    """Version 2 games replay differently (the balancer's moves, the record of caught
    violations): the player is told why, not that the file was edited."""
    data["version"] = 2
    message = refused(write(tmp_path / "old.json", reseal(data)))
    assert "older version" in message and "opponents changed" in message
    assert "edited" not in message


@pytest.mark.parametrize("version", [0, -1, "1", 1.5, None, True])
def test_a_save_with_a_bad_version_is_refused(
    tmp_path: Path, data: dict[str, Any], version: Any
) -> None:
    data["version"] = version
    assert "'version'" in refused(write(tmp_path / "v.json", reseal(data)))


@pytest.mark.parametrize("fmt", ["some-other-game", None, 1])
def test_a_file_of_another_format_is_refused(
    tmp_path: Path, data: dict[str, Any], fmt: Any
) -> None:
    data["format"] = fmt
    assert "not a Delicate Balance save" in refused(write(tmp_path / "other.json", reseal(data)))


def test_a_save_without_a_format_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    del data["format"]
    assert "'format'" in refused(write(tmp_path / "nofmt.json", reseal(data)))


@pytest.mark.parametrize("field", ["seed", "orders", "seats", "state_digest", "checksum"])
def test_a_save_missing_a_field_is_refused(
    tmp_path: Path, data: dict[str, Any], field: str
) -> None:
    del data[field]
    if field != "checksum":
        data = reseal(data)
    message = refused(write(tmp_path / "partial.json", data))
    assert f"missing field '{field}'" in message


def test_a_save_of_an_unknown_scenario_is_refused(tmp_path: Path, data: dict[str, Any]) -> None:
    data["scenario"] = "no_such_lesson"
    assert "field 'scenario'" in refused(write(tmp_path / "lesson.json", reseal(data)))


# --------------------------------------------------------------------------------------------
# Atomic writes


class _HalfWriter:
    """A file whose write stops halfway with a full disk."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def write(self, text: str) -> int:
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fh, name)


def _fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _HalfWriter(real(*a, **k)))


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", boom)


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(src: Any, dst: Any) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", boom)


@pytest.mark.parametrize(
    "fail", [_fail_write, _fail_fsync, _fail_replace], ids=["write", "fsync", "replace"]
)
def test_a_failed_save_leaves_the_previous_one_intact(
    saved: tuple[Session, Path], monkeypatch: pytest.MonkeyPatch, fail: Any
) -> None:
    session, path = saved
    before = path.read_bytes()
    play(session, 3)
    with monkeypatch.context() as m:
        fail(m)
        with pytest.raises(OSError):
            save(session, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["game.json"]  # no temp files
    assert load_save(path).turn == 5


@pytest.mark.parametrize("fail", [_fail_write, _fail_replace], ids=["write", "replace"])
def test_a_failed_first_save_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: Any
) -> None:
    session = play(new(), 1)
    with monkeypatch.context() as m:
        fail(m)
        with pytest.raises(OSError):
            save(session, tmp_path / "first.json")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------
# The bet and the quiz answers travel with the game


def _teaching_scenario():
    from dataclasses import replace

    from game.scenarios import Bet, QuizQuestion

    bet = Bet("Reach?", ("falls", "level", "rises"), 2, "Because.", "reach", ("Veyra",))
    quiz = tuple(QuizQuestion(f"Q{k}?", ("a", "b", "c"), k % 3, "Why.") for k in range(5))
    return replace(load("the_shield"), bet=bet, quiz=quiz)


def test_answers_round_trip_through_a_save(tmp_path: Path) -> None:
    from game.session import Answers

    scenario = _teaching_scenario()
    session = play(Session.new(scenario, SEED), 3)
    session.answers = Answers(bet=2, quiz_before=(0, 1, None, 2, 0), quiz_after=(0, 1, 2, 0, 1))
    data = saves.to_dict(session)
    back = saves.from_dict(json.loads(json.dumps(data)), "game.json", scenario=scenario)
    assert back.answers == session.answers
    assert back.answers.quiz_score(scenario, after=False) == 2  # questions 0 and 1 right
    assert back.answers.quiz_score(scenario, after=True) == 5


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"bet": 3, "quiz_before": [], "quiz_after": []}, "'bet' should be a choice from 0 to 2"),
        ({"bet": None, "quiz_before": [0, 1, 2, 9, 0], "quiz_after": []}, "'quiz_before[3]'"),
        ({"bet": None, "quiz_before": 3, "quiz_after": []}, "'quiz_before' should be a list"),
        ({"bet": True, "quiz_before": [], "quiz_after": []}, "'bet' should be a choice"),
        ({"score": 5}, "expected an object with 'bet'"),
    ],
)
def test_bad_answers_in_a_resealed_save_are_refused(
    tmp_path: Path, answers: dict[str, Any], expected: str
) -> None:
    scenario = _teaching_scenario()
    session = play(Session.new(scenario, SEED), 2)
    data = reseal({**saves.to_dict(session), "answers": answers})
    with pytest.raises(SaveError) as err:
        saves.from_dict(data, "game.json", scenario=scenario)
    assert str(err.value).startswith("game.json: field 'answers': ")
    assert expected in str(err.value)


def test_answers_that_no_longer_fit_the_lesson_are_dropped_not_the_game(tmp_path: Path) -> None:
    """The lesson's quiz was rewritten after the save (two questions then, five now): the game
    loads, the quiz answers that fit no longer are dropped, the rest are kept."""
    scenario = _teaching_scenario()
    session = play(Session.new(scenario, SEED), 2)
    body = saves.to_dict(session)
    answers = {"bet": 1, "quiz_before": [0, 1], "quiz_after": [0, 1, 2, 0, 1]}
    back = saves.from_dict(reseal({**body, "answers": answers}), "game.json", scenario=scenario)
    assert back.world.digest() == session.world.digest()
    assert back.answers.bet == 1 and back.answers.quiz_before == ()
    assert back.answers.quiz_after == (0, 1, 2, 0, 1)
    no_bet = dataclasses.replace(scenario, bet=None)
    again = saves.from_dict(reseal({**body, "answers": answers}), "game.json", scenario=no_bet)
    assert again.answers.bet is None


def test_a_save_without_answers_still_loads(data: dict[str, Any], tmp_path: Path) -> None:
    """Saves written before the bet and the quiz existed carry no 'answers'."""
    old = reseal({k: v for k, v in data.items() if k != "answers"})
    session = load_save(write(tmp_path / "old.json", old))
    assert session.answers.bet is None and session.answers.quiz_before == ()


# --------------------------------------------------------------------------------------------
# A teacher's own scenario travels inside the save


def _own_scenario(tmp_path: Path) -> Path:
    """A copy of the_shield under a new id, with one number changed."""
    text = (Path(load("the_shield").path)).read_text(encoding="utf-8")
    text = text.replace('id = "the_shield"', 'id = "my_shield"').replace("turns = 20", "turns = 6")
    path = tmp_path / "lessons" / "my_shield.toml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_a_game_of_a_teachers_own_scenario_reopens_without_the_file(tmp_path: Path) -> None:
    scenario_file = _own_scenario(tmp_path)
    session = Session.new(load(scenario_file), SEED, ["ai:baseline"] * 4)
    session.play_to_end()
    path = save(session, tmp_path / "game.json")
    scenario_file.unlink()  # the class machine does not have the file
    back = load_save(path)
    assert back.scenario.id == "my_shield" and back.scenario.params.turns == 6
    assert back.world.digest() == session.world.digest()


def test_a_shipped_scenario_is_not_copied_into_the_save(data: dict[str, Any]) -> None:
    assert "scenario_source" not in data


def test_an_edited_embedded_scenario_is_refused(tmp_path: Path) -> None:
    session = Session.new(load(_own_scenario(tmp_path)), SEED, ["ai:baseline"] * 4)
    session.play_turn()
    data = saves.to_dict(session)
    broken = reseal(
        {**data, "scenario_source": data["scenario_source"].replace("\n[params]\n", "\n[params\n")}
    )
    message = refused(write(tmp_path / "edited.json", broken))
    assert "field 'scenario_source': edited.json (its scenario)" in message
    assert "not valid TOML" in message


def test_saves_and_reports_get_the_mode_of_any_new_document(tmp_path: Path) -> None:
    """A file written atomically is not left private (a temporary file starts as 0600): it gets
    the mode the user's umask gives new files."""
    old = os.umask(0o027)
    try:
        path = tmp_path / "shared.json"
        saves.write_atomic(path, "{}")
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
    path.chmod(0o600)  # a file the owner made private stays private when replaced
    saves.write_atomic(path, "{}")
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_game_cut_short_reopens_cut_short(tmp_path: Path) -> None:
    """simulate --turns 6 --save: the save says the game had 6 turns, so it reopens finished."""
    from game.cli import scenario_with_turns

    session = Session.new(scenario_with_turns(load("the_shield"), 6), SEED, ["ai:baseline"] * 4)
    session.play_to_end()
    data = saves.to_dict(session)
    assert data["turns"] == 6
    back = load_save(save(session, tmp_path / "short.json"))
    assert back.over and back.turn == 6 and back.world.digest() == session.world.digest()
    assert "turns" not in saves.to_dict(new())  # a whole-length game needs no such field
    message = refused(write(tmp_path / "bad.json", reseal({**data, "turns": 0})))
    assert "field 'turns' should be from 1 to 200, got 0" in message
