"""The commands as a teacher runs them: ``host`` with two groups of four seats, eight
``join --ai`` clients, each group's game the one ``simulate`` plays, then ``class-report``. And a
host killed mid-game and started again on its folder resumes the class with nothing lost."""

import csv
import subprocess
import time

import httpx

from tests.classroom.helpers import Host, digest_alone, env, python, wait_for

AIS = ["ai:baseline", "ai:hawk", "ai:security_seeker", "ai:copycat"]


def test_two_groups_of_eight_remote_ai_seats_play_the_games_simulate_plays(tmp_path):
    folder = tmp_path / "class"
    host = Host(folder, "--lesson", "the_shield", "--groups", "2", "--seats",
                "human,human,human,human", "--seed", "40", "--seed-each")
    try:
        teams = host.class_file()["teams"]
        assert len(teams) == 8
        joins = [
            subprocess.Popen(
                [python(), "-m", "game", "join", host.url, t["ai_code"], "--ai",
                 AIS[t["seat"]].split(":")[1], "--poll", "0.1"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env(),
            )
            for t in teams
        ]
        outs = [j.communicate(timeout=300)[0].decode() for j in joins]
        assert all(j.returncode == 0 for j in joins), outs
        assert all("is over" in o for o in outs)
    finally:
        host.stop()
    saves = [folder / "group-1.json", folder / "group-2.json"]
    for g, path in enumerate(saves):
        from game.saves import load_save

        assert load_save(path).world.digest() == digest_alone("the_shield", AIS, 40 + g)

    out = tmp_path / "report"
    done = subprocess.run([python(), "-m", "game", "class-report", *map(str, saves), "--out",
                           str(out)], capture_output=True, text=True, env=env(), timeout=300)
    assert done.returncode == 0, done.stderr
    report = (out / "class-report.html").read_text()
    assert "Group 1" in report and "Group 2" in report and "stage game" in report
    rows = list(csv.DictReader((out / "class-turns.csv").open()))
    assert {"scenario", "seed", "group", "team", "turn"} <= set(rows[0])
    for g, seed in ((1, "40"), (2, "41")):
        mine = [r for r in rows if r["group"] == str(g)]
        assert {r["seed"] for r in mine} == {seed}
        assert [r["turn"] for r in mine[:4]] == ["0"] * 4
        assert {r["team"] for r in mine} == {"Aurum", "Brisa", "Veyra", "Ostrel"}
    handout = (out / "handout.html").read_text()
    assert "Names" in handout
    assert "expansionist" not in handout and "security_seeker" not in handout


def test_a_host_killed_mid_game_resumes_with_nothing_lost(tmp_path):
    folder = tmp_path / "class"
    args = ("--lesson", "the_spiral", "--groups", "1", "--seats", "human,human,ai:hawk",
            "--seed", "8", "--turns", "6")
    host = Host(folder, *args)
    teams = host.class_file()["teams"]
    a, b = (t["code"] for t in teams)
    sent: list[tuple[float, float]] = []

    def hand_in(url, code, reach, turn):
        r = httpx.post(f"{url}/api/orders", headers={"X-Code": code}, timeout=30,
                       json={"spend": [reach, 0.0, 0.0, 0.0], "turn": turn})
        assert r.status_code == 200, r.text

    def seat(url, code):
        return httpx.get(f"{url}/api/seat", headers={"X-Code": code}, timeout=30).json()

    try:
        r = httpx.post(f"{host.url}/api/answers", headers={"X-Code": b}, json={"bet": 2})
        assert r.status_code == 200, r.text
        for turn in range(3):
            hand_in(host.url, a, 0.5 + turn, turn)
            hand_in(host.url, b, 1.0, turn)
            sent.append((0.5 + turn, 1.0))
            wait_for(lambda t=turn: seat(host.url, a)["turn"] == t + 1)
        hand_in(host.url, a, 2.25, 3)  # handed in, the turn still open: then the host dies
    finally:
        host.kill()

    again = Host(folder)  # the same folder, a new process and a new port
    try:
        assert any("resuming" in line for line in again.lines)
        assert seat(again.url, a) | {"turn": 3, "submitted": True} == seat(again.url, a)
        assert seat(again.url, b)["submitted"] is False
        assert again.class_file()["answers"]["1:" + teams[1]["name"]]["bet"] == 2
        hand_in(again.url, b, 1.0, 3)
        sent.append((2.25, 1.0))
        for turn in range(4, 6):
            wait_for(lambda t=turn: seat(again.url, a)["turn"] == t)
            hand_in(again.url, a, 0.25, turn)
            hand_in(again.url, b, 0.25, turn)
            sent.append((0.25, 0.25))
        wait_for(lambda: seat(again.url, a)["finished"])
    finally:
        again.stop()

    from game.saves import load_save

    game = load_save(folder / "group-1.json")
    assert len(game.history) == 6
    played = [(r.orders.spend[0, 0, 0], r.orders.spend[0, 1, 0]) for r in game.history]
    assert played == sent


def test_remote_ai_seats_ride_out_a_host_restart(tmp_path):
    """Two ``join --ai`` clients keep playing while the host is killed mid-game and started
    again on its folder and port: the game is still, bit for bit, the one simulate plays."""
    import json

    folder = tmp_path / "class"
    host = Host(folder, "--lesson", "the_spiral", "--groups", "1", "--seats",
                "human,human,ai:hawk", "--seed", "5")
    port = host.url.rsplit(":", 1)[1]
    teams = host.class_file()["teams"]
    policies = ["baseline", "copycat"]
    joins = [
        subprocess.Popen(
            [python(), "-m", "game", "join", host.url, t["ai_code"], "--ai", policies[t["seat"]],
             "--poll", "0.05", "--patience", "120"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env(),
        )
        for t in teams
    ]
    again = None
    try:
        wait_for(lambda: json.loads((folder / "class.json").read_text())["turn"] >= 3, 120)
        host.kill()
        for attempt in range(10):  # the same port, as the clients know it
            try:
                again = Host(folder, "--port", port)
                break
            except RuntimeError:
                if attempt == 9:
                    raise
                time.sleep(0.5)
        outs = [j.communicate(timeout=300)[0].decode() for j in joins]
        assert all(j.returncode == 0 for j in joins), outs
    finally:
        for j in joins:
            if j.poll() is None:
                j.kill()
        host.kill()
        if again is not None:
            again.stop()
    from game.saves import load_save

    seats = ["ai:baseline", "ai:copycat", "ai:hawk"]
    assert load_save(folder / "group-1.json").world.digest() == digest_alone(
        "the_spiral", seats, 5
    )
