"""The command line, run in-process through ``game.cli.main([...])``.

Output is deterministic (the same command prints the same bytes), batches follow the seed scheme
(world ``b`` of ``--seed S --batch B`` is the single game with seed ``S + b``), and every mistake
prints exactly one line on stderr and exits with status 2, never a traceback.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.engine.stage import stage_game
from game.scenarios import builtin_ids, load
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "assets" / "scenarios"
SHIELD_STATES = ["Aurum", "Brisa", "Veyra", "Ostrel"]
CSV_COLUMNS = [
    "seed",
    "turn",
    "state",
    "kind",
    "economy",
    "reach",
    "shield",
    "hardening",
    "tech",
    "standing",
    "support",
    "utility",
    "score",
    "spend_reach",
    "spend_shield",
    "spend_hardening",
    "spend_intel",
    "spend_civilian",
    "cut",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail: status 2, nothing on stdout, one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err and "unexpected" not in err
    return lines[0]


def simulate(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    """``simulate --json`` of The Shield (or of the ``--scenario`` given in ``argv``)."""
    scenario = () if "--scenario" in argv else ("--scenario", "the_shield")
    code, out, err = run(capsys, "simulate", *scenario, "--json", *argv)
    assert (code, err) == (0, "")
    return json.loads(out)


# --------------------------------------------------------------------------------------------
# simulate


def test_simulate_prints_the_same_bytes_every_time(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("simulate", "--scenario", "the_shield", "--seed", "7", "--turns", "20", "--json")
    first, second = run(capsys, *argv), run(capsys, *argv)
    assert first == second and first[0] == 0
    doc = json.loads(first[1])
    assert (doc["scenario"], doc["seed"], doc["batch"]) == ("the_shield", 7, 1)
    assert doc["seats"] == [
        "ai:baseline",
        "ai:baseline",
        "ai:security_seeker",
        "ai:security_seeker",
    ]
    [world] = doc["worlds"]
    assert world["seed"] == 7 and world["outcome"] in ("war", "peace")
    turns = [snap["turn"] for snap in world["turns"]]
    if world["outcome"] == "peace":
        assert turns == list(range(21))  # the starting snapshot and 20 turns
    else:
        assert turns == list(range(len(turns))) and len(turns) <= 21
    for snap in world["turns"]:
        assert [s["name"] for s in snap["states"]] == SHIELD_STATES
        assert len(snap["pairs"]) == 6
    assert all(0 <= e["turn"] < len(turns) for e in world["events"])


def test_simulate_plays_the_session_game(capsys: pytest.CaptureFixture[str]) -> None:
    doc = simulate(capsys, "--seed", "7")
    seats = ["ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker"]
    session = Session.new(load("the_shield"), 7, seats)
    session.play_to_end()
    world = doc["worlds"][0]
    assert world["digest"] == session.world.digest()
    assert len(world["turns"]) == session.turn + 1


def test_simulate_stops_after_the_turns_asked(capsys: pytest.CaptureFixture[str]) -> None:
    world = simulate(capsys, "--seed", "7", "--turns", "5")["worlds"][0]
    assert [snap["turn"] for snap in world["turns"]] == [0, 1, 2, 3, 4, 5]


def test_simulate_is_the_same_in_a_fresh_process(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["simulate", "--scenario", "two_neighbours", "--seed", "3", "--json"]
    _, here, _ = run(capsys, *argv)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run(
        [sys.executable, "-m", "game", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == here


def test_world_b_of_a_batch_is_the_single_run_with_seed_plus_b(
    capsys: pytest.CaptureFixture[str],
) -> None:
    batch = simulate(capsys, "--batch", "3", "--seed", "5")
    assert batch["seed_scheme"] == "world b plays seed + b"
    assert [w["seed"] for w in batch["worlds"]] == [5, 6, 7]
    for b in range(3):
        single = simulate(capsys, "--seed", str(5 + b))
        assert batch["worlds"][b] == single["worlds"][0]  # turns, events, outcome and digest


def volatile_shield(folder: Path) -> str:
    """The Shield on a hair trigger (crises open early; any escalation can end in war), written
    as a scenario file: enough seeds end at war early for the batch tests below."""
    from importlib import resources

    text = (resources.files("game.assets") / "scenarios" / "the_shield.toml").read_text("utf-8")
    text = text.replace(
        "[params]\n",
        "[params]\ncrisis_threshold = 0.35\nbase_war_risk = 1.0\naccident_share = 0.5\n",
    )
    path = folder / "the_shield.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_war_world_of_a_batch_has_the_single_run_digest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = volatile_shield(tmp_path)
    seats = ("--seats", "ai:baseline,ai:baseline,ai:hawk,ai:hawk")  # hawks escalate every crisis
    batch = simulate(capsys, "--scenario", scenario, *seats, "--batch", "20", "--seed", "0")
    longest = max(len(w["turns"]) for w in batch["worlds"])
    early = [w for w in batch["worlds"] if w["outcome"] == "war" and len(w["turns"]) < longest]
    assert early, "the volatile variant must end some world at war before the others"
    world = early[0]
    single = simulate(capsys, "--scenario", scenario, *seats, "--seed", str(world["seed"]))
    single = single["worlds"][0]
    assert world["turns"] == single["turns"] and world["events"] == single["events"]
    assert world["digest"] == single["digest"]


def test_simulate_writes_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "run.csv"
    code, out, err = run(
        capsys,
        "simulate",
        "--scenario",
        "the_shield",
        "--seed",
        "5",
        "--batch",
        "2",
        "--csv",
        str(path),
    )
    assert (code, out, err) == (0, "", "")
    with path.open(newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == CSV_COLUMNS
    doc = simulate(capsys, "--seed", "5", "--batch", "2")
    expected = {
        (w["seed"], snap["turn"], s["name"]): s
        for w in doc["worlds"]
        for snap in w["turns"]
        for s in snap["states"]
    }
    col = {name: k for k, name in enumerate(CSV_COLUMNS)}
    keys = [(int(r[col["seed"]]), int(r[col["turn"]]), r[col["state"]]) for r in rows]
    assert sorted(keys) == sorted(expected)  # one row per state per snapshot, no more
    for row, key in zip(rows, keys, strict=True):
        state, turn = expected[key], key[1]
        assert len(row) == len(CSV_COLUMNS)
        assert row[col["kind"]] == state["kind"]
        for name in ("economy", "reach", "shield", "hardening", "score"):
            assert float(row[col[name]]) == pytest.approx(state[name])
        spend = [float(row[col[c]]) for c in CSV_COLUMNS if c.startswith("spend_")]
        assert all(x >= 0 for x in spend) and float(row[col["cut"]]) >= 0
        if turn == 0:
            assert spend == [0.0] * 5  # nothing has been spent before the first turn
        else:
            assert sum(spend) > 0


def test_csv_to_an_unwritable_place_fails_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "run.csv"
    line = fails(capsys, "simulate", "--scenario", "two_neighbours", "--csv", str(target))
    assert str(target) in line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--turns", "0"], "--turns must be from 1 to 200"),
        (["--batch", "0"], "--batch must be from 1 to"),
        (["--seats", "ai:baseline,ai:baseline"], "needs 4 seats; got 2"),
        (["--seats", "human,ai,ai,ai"], "AI seats only"),
        (["--seats", "ai:nobody,ai,ai,ai"], "known opponents: balancer, baseline, copycat"),
        (["--seats", "ai:baseline:insane,ai,ai,ai"], "difficulty must be one of"),
    ],
    ids=["turns", "batch", "seat-count", "human-seat", "unknown-opponent", "difficulty"],
)
def test_simulate_mistakes_fail_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert expected in fails(capsys, "simulate", "--scenario", "the_shield", *argv)


def _floats(x: Any) -> list[float]:
    if isinstance(x, dict):
        return [f for v in x.values() for f in _floats(v)]
    if isinstance(x, list):
        return [f for v in x for f in _floats(v)]
    return [x] if isinstance(x, float) else []


def test_simulate_json_numbers_are_rounded(capsys: pytest.CaptureFixture[str]) -> None:
    world = simulate(capsys, "--seed", "7", "--turns", "3")["worlds"][0]
    numbers = _floats(world["turns"])
    assert numbers and all(x == round(x, 6) for x in numbers)


def test_a_negative_seed_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    line = fails(capsys, "simulate", "--scenario", "the_shield", "--seed", "-1")
    assert "--seed" in line


def test_an_unknown_scenario_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = fails(capsys, "simulate", "--scenario", "nowhere_land")
    assert "nowhere_land" in line
    assert all(sid in line for sid in ("the_shield", "two_neighbours"))


def test_an_error_is_one_line_and_status_2_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--scenario", "nowhere_land"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error: ")


# --------------------------------------------------------------------------------------------
# scenarios and check-scenario


def test_scenarios_lists_the_shipped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "scenarios")
    assert (code, err) == (0, "")
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == builtin_ids()
    assert {"the_shield", "two_neighbours"} <= set(listed)
    for line in out.splitlines():
        assert load(line.split()[0]).title in line


@pytest.mark.parametrize("name", ["the_shield.toml", "two_neighbours.toml"])
def test_check_scenario_passes_a_good_file(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = SCENARIOS / name
    code, out, err = run(capsys, "check-scenario", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"{path}: ok") and len(out.splitlines()) == 1


def _break(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text
    return text.replace(old, new, count)


@pytest.mark.parametrize(
    ("old", "new", "count", "field"),
    [
        ("economy = 100.0", "economy = -5.0", 1, "states[0].economy"),
        ('title = "Two Neighbours"\n', "", 1, "text.title"),
        ("turns = 15", 'turns = "fifteen"', 1, "params.turns"),
        ('shape = "square"', 'shape = "circle"', 1, "states[1].shape"),
        ('default = ["human", "ai:baseline"]', 'default = ["human"]', 1, "seats.default"),
        ("noise = 0.1", "noise = ", 1, "line "),
    ],
    ids=["negative", "missing-title", "wrong-type", "same-shape", "seats", "toml-syntax"],
)
def test_check_scenario_names_the_file_and_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, count: int, field: str
) -> None:
    path = tmp_path / "two_neighbours.toml"  # the id must match the file name
    good = (SCENARIOS / "two_neighbours.toml").read_text(encoding="utf-8")
    path.write_text(_break(good, old, new, count), encoding="utf-8")
    line = fails(capsys, "check-scenario", str(path))
    assert str(path) in line and field in line


def test_check_scenario_lists_every_problem_one_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "two_neighbours.toml"
    good = (SCENARIOS / "two_neighbours.toml").read_text(encoding="utf-8")
    path.write_text(_break(good, "economy = 100.0", "economy = -5.0", 2), encoding="utf-8")
    code, out, err = run(capsys, "check-scenario", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    for line, field in zip(lines, ("states[0].economy", "states[1].economy"), strict=True):
        assert line.startswith("error: ") and str(path) in line and field in line


def test_check_scenario_of_a_missing_file_fails_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "absent.toml"
    line = fails(capsys, "check-scenario", str(path))
    assert str(path) in line and "no such file" in line


# --------------------------------------------------------------------------------------------
# lens


def test_lens_names_the_stage_game_and_its_stability(capsys: pytest.CaptureFixture[str]) -> None:
    from game.theory import GAME_TITLES, classify

    scenario = load("two_neighbours")
    assert scenario.names == ("Calder", "Mirel")
    game = stage_game(Session.new(scenario, 1, ["ai:baseline"] * 2).world, 0, 1)
    assert classify(game.A, game.B) == game.name

    argv = ("lens", "--scenario", "two_neighbours", "--seed", "1", "--pair", "Calder,Mirel")
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert run(capsys, *argv)[1] == out  # deterministic
    lines = out.splitlines()
    assert "Calder (rows)" in lines[0] and "Mirel (columns)" in lines[0]
    assert lines[1].startswith(f"Stage game: {GAME_TITLES[game.name]}")
    [fss] = [line for line in lines if line.startswith("First-strike stability: ")]
    assert fss.startswith(f"First-strike stability: {game.stability:.3f}")
    assert 0.0 <= game.stability <= 1.0


def test_lens_json_agrees_with_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    from game.theory import GAME_NAMES

    base = (
        "lens",
        "--scenario",
        "the_shield",
        "--seed",
        "2",
        "--turn",
        "3",
        "--pair",
        "Veyra,Aurum",
    )
    code, out, err = run(capsys, *base, "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert (doc["row"], doc["col"], doc["turn"]) == ("Veyra", "Aurum", 3)
    assert doc["name"] in GAME_NAMES
    assert 0.0 <= doc["first_strike_stability"] <= 1.0
    text = run(capsys, *base)[1]
    assert f"First-strike stability: {doc['first_strike_stability']:.3f}" in text


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        ("Calder,Nobody", "no state called 'Nobody'; states: Calder, Mirel"),
        ("Calder", "two state names"),
        ("Calder,Mirel,Calder", "two state names"),
        ("Calder,Calder", "two different states"),
        ("calder,mirel", "no state called 'calder'"),
    ],
)
def test_lens_refuses_a_bad_pair_in_one_line(
    capsys: pytest.CaptureFixture[str], pair: str, expected: str
) -> None:
    line = fails(capsys, "lens", "--scenario", "two_neighbours", "--seed", "1", "--pair", pair)
    assert expected in line


# --------------------------------------------------------------------------------------------
# The front door


def test_help_prints_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    # With no command at all the window opens on the title screen (tests/ui/test_cli_window.py).
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "simulate" in out and "check-scenario" in out and "demo" in out


def test_an_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "conquer")
    assert code == 2 and out == "" and "invalid choice" in err and "Traceback" not in err


def test_simulate_save_writes_the_game_it_played(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A teacher prepares an example: the save holds the very game the JSON describes."""
    from game.saves import load_save

    path = tmp_path / "example.json"
    doc = simulate(capsys, "--seed", "4", "--turns", "6", "--save", str(path))
    session = load_save(path)
    assert session.turn == 6
    assert session.world.digest() == doc["worlds"][0]["digest"]


def test_simulate_save_plays_the_game_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save is the game the run played, not a second game played to be saved."""
    from game.session import Runner

    turns = []
    advance = Runner.advance

    def counted(self, orders):
        turns.append(1)
        return advance(self, orders)

    monkeypatch.setattr(Runner, "advance", counted)
    simulate(capsys, "--seed", "4", "--turns", "6", "--save", str(tmp_path / "once.json"))
    assert len(turns) == 6


def test_simulate_save_refuses_a_batch_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = fails(capsys, "simulate", "--scenario", "the_shield", "--batch", "2", "--save", "x.json")
    assert "--save writes one game: use it without --batch" in line


def test_simulate_plays_the_lessons_own_opponents_by_default(capsys) -> None:
    """The Spiral is tuned against copycats: an AI-only run keeps them, with the baseline in the
    human seat, so it shows the dynamic the lesson was built for."""
    doc = simulate(capsys, "--scenario", "the_spiral", "--seed", "1", "--turns", "2")
    assert doc["seats"] == ["ai:baseline", "ai:copycat", "ai:copycat"]


def test_simulate_save_of_a_teachers_own_scenario(capsys, tmp_path) -> None:
    """A teacher's .toml can be played and saved; the save reopens without the file."""
    from game.saves import load_save
    from game.scenarios import load

    text = Path(load("two_neighbours").path).read_text(encoding="utf-8")
    own = tmp_path / "my_neighbours.toml"
    own.write_text(text.replace('id = "two_neighbours"', 'id = "my_neighbours"'), "utf-8")
    path = tmp_path / "game.json"
    simulate(capsys, "--scenario", str(own), "--seed", "2", "--save", str(path))
    own.unlink()
    assert load_save(path).scenario.id == "my_neighbours"
