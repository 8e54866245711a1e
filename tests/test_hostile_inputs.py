"""Regression tests for issue 12: nothing a user types or a file holds can break a game or lose one.

Each test reproduces one of the reported failures through the public API (or the command line)
and checks it now gets one clear line, or works.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from game.engine.actions import Action
from game.engine.orders import IllegalOrder
from game.saves import SaveError, dumps, from_dict, load_save, to_dict
from game.scenarios import ScenarioError, load, load_scenario, load_text
from game.session import Session


@pytest.fixture(scope="module")
def sandbox():
    return load("sandbox")


def _fresh(scenario) -> Session:
    return Session.new(scenario, 3, list(scenario.default_seats))


@pytest.mark.parametrize("cap", [math.inf, -math.inf, math.nan, float("9" * 400)])
def test_a_treaty_cap_that_is_not_an_ordinary_number_is_refused(sandbox, cap):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="shield_cap",
        parties=(names[1],),
        cap=cap,
        verification=0.5,
    )
    with pytest.raises(IllegalOrder, match="treaty cap must be an ordinary number"):
        session.play_turn({}, [proposal])
    assert session.turn == 0
    session.play_turn()  # the game goes on, and saves
    assert from_dict(to_dict(session)).world.digest() == session.world.digest()


@pytest.mark.parametrize("field", ["reach", "shield"])
def test_a_nan_deployment_offer_is_refused(sandbox, field):
    session = _fresh(sandbox)
    names = sandbox.names
    offer = Action("offer_deployment", names[0], names[1], **{field: math.nan})
    with pytest.raises(IllegalOrder, match=f"deployment {field} must be an ordinary number"):
        session.play_turn({}, [offer])


def test_a_verification_that_is_nan_is_refused(sandbox):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="transparency",
        parties=(names[1],),
        verification=math.nan,
    )
    with pytest.raises(IllegalOrder, match="ordinary number"):
        session.play_turn({}, [proposal])


def test_a_huge_but_finite_cap_the_engine_accepts_can_be_saved(sandbox):
    session = _fresh(sandbox)
    names = sandbox.names
    proposal = Action(
        "propose_treaty",
        names[0],
        kind="shield_cap",
        parties=(names[1],),
        cap=1e308,
        verification=0.5,
    )
    session.play_turn({}, [proposal])
    dumps(session)  # never "Out of range float values are not JSON compliant"
    assert from_dict(to_dict(session)).world.digest() == session.world.digest()


# ---- Saves name scenarios, never paths; every file read is capped --------------------------


def _sealed(body: dict) -> dict:
    """``body`` with a checksum that matches (what anyone can compute)."""
    from game.saves import _checksum

    body = {k: v for k, v in body.items() if k != "checksum"}
    return body | {"checksum": _checksum(body)}


def _write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def short_game() -> Session:
    session = Session.new(load("two_neighbours"), 1, ["ai:baseline", "ai:copycat"])
    for _ in range(2):
        session.play_turn()
    return session


@pytest.mark.parametrize(
    "scenario",
    [
        "/dev/zero",
        "/dev/stdin",
        "/etc/passwd",
        str(Path(__file__).resolve().parents[1] / "assets/scenarios/the_shield.toml"),
        "../../assets/scenarios/the_shield.toml",
        "the_shield.toml",
        "x" * 10_000,
    ],
)
def test_a_save_never_makes_the_game_open_a_path(tmp_path, short_game, scenario):
    body = to_dict(short_game) | {"scenario": scenario}
    path = _write(tmp_path / "hostile.json", _sealed(body))
    with pytest.raises(SaveError, match="field 'scenario': .* is not a shipped scenario") as err:
        load_save(path)
    assert "\n" not in str(err.value) and len(str(err.value)) < 400


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"turn": 1e400}, "not finite|should be int"),
        ({"seed": -1}, "field 'seed' should be from 0"),
        ({"seed": 10**4000}, "field 'seed' should be from 0"),
        ({"seats": [["ai:baseline"], "ai:copycat"]}, "field 'seats'"),
        ({"orders": [{"spend": [[0] * 5] * 2, "cut": [0, 0]}] * 500}, "at most 200"),
    ],
)
def test_odd_values_in_a_save_are_refused_with_one_line(tmp_path, short_game, change, message):
    body = to_dict(short_game) | change
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(body | {"checksum": "0"}), encoding="utf-8")
    try:
        sealed = _sealed(body)
    except ValueError:  # a non-finite number has no checksum at all
        sealed = body | {"checksum": "0"}
    _write(path, sealed)
    with pytest.raises(SaveError, match=message):
        load_save(path)


def test_a_list_where_a_state_name_belongs_is_refused(tmp_path):
    session = Session.new(load("sandbox"), 3)
    session.play_turn()
    body = to_dict(session)
    body["orders"][0]["actions"] = [{"action": "talk", "actor": ["Aurum"], "other": "Brisa"}]
    with pytest.raises(SaveError, match="'actor' should be a string"):
        load_save(_write(tmp_path / "odd.json", _sealed(body)))


def test_a_hundred_thousand_digit_seed_is_refused(tmp_path, short_game):
    text = dumps(short_game).replace('"seed": 1,', '"seed": ' + "9" * 100_000 + ",")
    path = tmp_path / "seed.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError, match="corrupt save"):
        load_save(path)


def test_deeply_nested_json_is_refused_before_it_breaks_the_parser(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(SaveError, match="nested more than"):
        load_save(path)
    path.write_text('{"a":' * 40 + "1" + "}" * 40, encoding="utf-8")
    with pytest.raises(SaveError, match="nested more than"):
        load_save(path)


def test_a_huge_save_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:  # sparse: 200 MB that costs nothing to make
        fh.truncate(200 << 20)
    with pytest.raises(SaveError, match="too large"):
        load_save(path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/stdin", "/dev/null", "/"])
def test_devices_pipes_and_folders_are_not_read(device):
    if not Path(device).exists() or (device != "/" and Path(device).is_file()):
        pytest.skip(f"{device} does not exist here, or is an ordinary file (stdin redirected)")
    with pytest.raises(SaveError, match="cannot be read"):
        load_save(device)
    with pytest.raises(ScenarioError, match="not an ordinary file|folder"):
        load_scenario(device)


def test_a_fifo_is_refused_without_waiting(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="not an ordinary file"):
        load_scenario(fifo)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/stdin", "huge"])
def test_check_scenario_refuses_devices_and_huge_files_in_one_line(tmp_path, capsys, target):
    from game.cli import main

    if Path(target).is_file():
        pytest.skip("stdin is redirected from an ordinary file")
    if target == "huge":
        path = tmp_path / "huge.toml"
        with open(path, "wb") as fh:
            fh.truncate(200 << 20)
        target = str(path)
    assert main(["check-scenario", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "unexpected" not in err


def test_a_deeply_nested_scenario_is_refused(tmp_path, capsys):
    from game.cli import main

    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["check-scenario", str(path)]) == 2
    err = capsys.readouterr().err
    assert "nested" in err and "unexpected" not in err


# ---- Every size argument has a documented maximum shared with the loaders ------------------


def _cli(capsys, *argv: str) -> tuple[int, str]:
    from game.cli import main

    status = main(list(argv))
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("simulate", "--scenario", "the_shield", "--turns", "250", "--save", "x.json"), "--turns"),
        (("simulate", "--scenario", "the_shield", "--turns", "1000000000"), "--turns"),
        (("simulate", "--scenario", "the_shield", "--batch", "10000000"), "--batch"),
        (("simulate", "--scenario", "the_shield", "--seed", "9" * 30), "--seed"),
        (("simulate", "--scenario", "sandbox", "--batch", "1000", "--turns", "200"), "GiB"),
        (
            (
                "tournament",
                "--scenario",
                "the_shield",
                "--policies",
                "hawk,dove",
                "--repetitions",
                "10000000",
            ),
            "--repetitions",
        ),
        (("match", "tit_for_tat", "always_defect", "--turns", "1000000000"), "--turns"),
        (
            ("match", "tit_for_tat", "always_defect", "--turns", "100000", "--repetitions", "1000"),
            "moves per pairing",
        ),
        (
            ("evolve", "--strategies", "tit_for_tat,always_defect", "--population", "100000000"),
            "--population",
        ),
        (
            (
                "evolve",
                "--strategies",
                "tit_for_tat,always_defect",
                "--population",
                "10000",
                "--generations",
                "100000",
            ),
            "birth-death steps",
        ),
        (
            ("evolve", "--strategies", "tit_for_tat,always_defect", "--generations", "10000000000"),
            "--generations",
        ),
        (
            ("sweep", "--scenario", "the_shield", "--param", "noise=0:1:2", "--seeds", "10000000"),
            "--seeds",
        ),
        (("play", "--scenario", "the_shield", "--seed", "-1"), "--seed"),
        (("demo", "--scenario", "the_shield", "--seed", "-1"), "--seed"),
        (("demo", "--scenario", "the_shield", "--speed", "nan"), "--speed"),
        (("demo", "--scenario", "the_shield", "--speed", "inf"), "--speed"),
        (("lens", "--scenario", "the_shield", "--pair", "Aurum,Veyra", "--seed", "-5"), "--seed"),
    ],
)
def test_sizes_beyond_their_maximum_are_refused_up_front(
    capsys, tmp_path, monkeypatch, argv, message
):
    monkeypatch.chdir(tmp_path)
    status, err = _cli(capsys, *argv)
    assert status == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err and "unexpected" not in err
    assert not (tmp_path / "x.json").exists()


def test_a_save_simulate_can_write_play_can_load(capsys, tmp_path):
    path = tmp_path / "long.json"
    status, err = _cli(
        capsys,
        "simulate",
        "--scenario",
        "two_neighbours",
        "--turns",
        "200",
        "--seed",
        "2",
        "--save",
        str(path),
    )
    assert status == 0, err
    assert load_save(path).scenario.params.turns == 200


# ---- CSV cells are never formulas ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.invalid","x")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\tTab",
        "\rReturn",
    ],
)
def test_csv_cells_never_start_a_formula(text):
    from game.lab.files import csv_value
    from game.report.table import cell, csv_text, text_cell

    assert text_cell(text) == "'" + text
    assert cell(text) == "'" + text and csv_value(text) == "'" + text
    assert "\n'" in csv_text([{"state": text}], ("state",)).replace('"', "")
    assert cell(-2.5) == "-2.5"  # numbers stay numbers


def test_simulate_csv_names_are_neutralised(tmp_path, capsys, monkeypatch):
    import game.cli as cli

    monkeypatch.chdir(tmp_path)
    cli._write_csv("out.csv", [[1, 0, "=1+1", "expansionist"]])
    assert "'=1+1" in (tmp_path / "out.csv").read_text(encoding="utf-8")


# ---- Names are data, never markup ----------------------------------------------------------

SHIELD_TOML = Path(__file__).resolve().parents[1] / "assets/scenarios/the_shield.toml"


def _renamed(old: str, new: str) -> str:
    """The Shield with state ``old`` renamed ``new`` everywhere (TOML basic strings)."""
    text = SHIELD_TOML.read_text(encoding="utf-8")
    quoted = json.dumps(new)
    text = text.replace(f'"{old}"', quoted)
    return text.replace(f"[text.states.{old}]", f"[text.states.{quoted}]")


@pytest.mark.parametrize(
    "name",
    [
        "Bri\x00sa",  # a NUL broke play
        "Bri\u202esa",  # right-to-left override
        "Bri\u200bsa",  # zero-width space
        "\u2066Brisa\u2069",  # bidi isolates
        "$\\undefinedcmd$",  # mathtext broke the report and the debrief
        "Brisa,Veyra",  # cannot be given to lens --pair
        "=HYPERLINK(x)",
        "+cmd",
        "<b>Brisa</b>",
        "Brisa  Major",
        "7Brisa",
        "Bri\u00a0sa",  # a no-break space
    ],
)
def test_names_outside_the_safe_set_are_refused(name):
    pattern = r"states\[1\]\.name: expected (a name of letters|text without control)"
    with pytest.raises(ScenarioError, match=pattern):
        load_text(_renamed("Brisa", name), "the_shield.toml", "the_shield")


@pytest.mark.parametrize("name", ["Mirél", "Saint Calder", "Ostrel-Vey", "O'Brisa", "Βρίσα"])
def test_ordinary_names_are_accepted(name):
    sc = load_text(_renamed("Brisa", name), "the_shield.toml", "the_shield")
    assert sc.names[1] == name


@pytest.mark.parametrize("twin", ["AURUM", "aurum", "\uff21urum"])
def test_names_must_differ_after_normalisation(twin):
    text = _renamed("Brisa", twin)
    with pytest.raises(ScenarioError, match="a name no other state has"):
        load_text(text, "the_shield.toml", "the_shield")


def test_a_decomposed_name_is_the_precomposed_one():
    decomposed = "Mire\u0301l"
    sc = load_text(_renamed("Brisa", decomposed), "the_shield.toml", "the_shield")
    assert sc.names[1] == "Mirél" and len(sc.names[1]) == 5


def test_a_title_with_mathtext_is_drawn_as_text():
    from game.analysis import analyse
    from game.report.writer import chart_pngs

    text = SHIELD_TOML.read_text(encoding="utf-8").replace(
        'title = "The Shield"', 'title = "$\\\\undefinedcmd$ \\\\frac"', 1
    )
    scenario = load_text(text, "the_shield.toml", "the_shield")
    assert "$" in scenario.title
    session = Session.new(scenario, 1, ["ai:baseline"] * len(scenario.states))
    session.play_turn()
    pngs = chart_pngs(analyse(session, counterfactuals=False))
    assert all(png.startswith(b"\x89PNG") for png in pngs.values())


@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\u202e", "\u2066"])
def test_text_a_player_reads_holds_no_control_characters(bad):
    text = SHIELD_TOML.read_text(encoding="utf-8").replace(
        'title = "The Shield"', f"title = {json.dumps('The ' + bad + 'Shield')}", 1
    )
    with pytest.raises(ScenarioError, match="text.title: expected text without control"):
        load_text(text, "the_shield.toml", "the_shield")


def test_the_readme_states_the_limits_and_what_the_checksum_does():
    from game import limits

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

    def n(x: int) -> str:
        return f"{x:,}".replace(",", " ")

    for value in (
        limits.MAX_GAME_TURNS,
        limits.MAX_BATCH,
        limits.MAX_REPETITIONS,
        limits.MAX_MATCH_TURNS,
        limits.MAX_MATCH_WORK,
        limits.MAX_POPULATION,
        limits.MAX_GENERATIONS,
        limits.MAX_MORAN_STEPS,
        limits.MAX_SWEEP_SEEDS,
        limits.MAX_JSON_DEPTH,
    ):
        assert n(value) in readme, value
    assert f"{limits.MAX_SCENARIO_BYTES >> 20} MiB" in readme
    assert f"{limits.MAX_SAVE_BYTES >> 20} MiB" in readme
    assert f"{limits.MAX_SMALL_BYTES >> 10} KiB" in readme
    assert "catches *corruption*" in readme and "does **not** stop a *deliberate* edit" in readme


@pytest.mark.parametrize(
    "change",
    [
        {"format": "x" * 100_000},
        {"version": 10**4000},
        {"seats": ["ai:" + "a" * 100_000, "human"]},
        {"turn": 10**4000},
    ],
)
def test_a_refusal_is_one_short_line_whatever_the_save_holds(tmp_path, short_game, change):
    body = to_dict(short_game) | change
    with pytest.raises(SaveError) as err:
        load_save(_write(tmp_path / "long.json", _sealed(body)))
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_an_unknown_key_with_a_line_break_or_a_megabyte_is_one_short_line():
    base = SHIELD_TOML.read_text(encoding="utf-8")
    for key in ('"a\\nb"', '"' + "k" * 100_000 + '"'):
        text = base.replace("[params]\n", f"[params]\n{key} = 1\n", 1)
        with pytest.raises(ScenarioError) as err:
            load_text(text, "the_shield.toml", "the_shield")
        assert all("\n" not in p and len(p) < 2000 for p in err.value.problems)


def test_ctrl_c_stops_simulate_cleanly(capsys, monkeypatch):
    import game.cli as cli

    real = cli.run_batch

    def interrupted(*args, **kwargs):
        steps = real(*args, **kwargs)
        yield next(steps)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_batch", interrupted)
    status, err = _cli(capsys, "simulate", "--scenario", "the_shield", "--batch", "4")
    assert status == 130 and err.strip() == "interrupted"


def test_simulate_shows_progress_on_a_terminal(monkeypatch):
    import io

    import game.cli as cli
    import game.lab.progress as progress

    shown = io.StringIO()
    monkeypatch.setattr(progress, "wanted", lambda stream: True)
    monkeypatch.setattr(progress.sys, "stderr", shown)
    steps = list(cli._with_progress(iter(range(3)), 3, "simulate"))
    assert steps == [0, 1, 2] and "simulate" in shown.getvalue()


@pytest.mark.parametrize(
    "change",
    [{"noise": 1e308}, {"reach_cost": 1e-308}, {"tax": math.nan}, {"turns": 10**6}],
)
def test_a_scenario_changed_in_code_meets_the_same_gate(change):
    import dataclasses

    scenario = load("the_shield")
    changed = dataclasses.replace(scenario, params=scenario.params.replace(**change))
    key = next(iter(change))
    with pytest.raises(ScenarioError, match=f"params.{key}: expected"):
        Session.new(changed, 1, ["ai:baseline"] * len(scenario.states))


def test_a_state_changed_in_code_meets_the_same_gate():
    import dataclasses

    scenario = load("the_shield")
    states = (dataclasses.replace(scenario.states[0], economy=5e-324), *scenario.states[1:])
    with pytest.raises(ScenarioError, match=r"states\[0\]\.economy: expected"):
        Session.new(dataclasses.replace(scenario, states=states), 1)
