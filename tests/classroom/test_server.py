"""The host over real HTTP (uvicorn in a thread, an ephemeral port): a team sees and acts for its
own seat only, every request is checked, the teacher's controls need the teacher's code, and a
team that drops and comes back finds its turn as it left it."""

import json
import re
from contextlib import contextmanager

import httpx
import numpy as np
import pytest

from game.classroom.room import Room
from game.engine.state import KINDS
from tests.classroom.helpers import lesson, served

SEATS = ["human", "human", "ai:hawk", "ai:copycat"]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class") / "c"
    room = Room.create(folder, lesson("the_shield", 8), 2, 17, True, SEATS)
    # Three turns in, so that sight has drifted from the truth.
    for _ in range(3):
        for team in room.teams:
            room.submit(team, _order(room, team, 0.2))
    return room


def _order(room, team, share):
    from game.classroom.room import Submission

    budget = float(room.view(team)["budget"])
    return Submission((share * budget, 0.0, 0.0, 0.0, None), 0.0)


@pytest.fixture(scope="module")
def url(room):
    with served(room) as address:
        yield address


@contextmanager
def client(url, code=None):
    with httpx.Client(base_url=url, timeout=30) as c:
        if code is not None:
            r = c.post("/join", data={"code": code})
            assert r.status_code == 303
        yield c


def hidden_numbers(room, team):
    """Every other state's numbers that team's seat does not see, as a page would print them,
    leaving out any that happen to print the same as what it does see."""
    w = room.group_world(team.group)
    i = team.seat
    seen = set()
    for j in range(w.n):
        if j != i:
            seen |= {f"{w.seen_reach[0, i, j]:.2f}", f"{w.seen_shield[0, i, j]:.2f}"}
    hidden = set()
    for j in range(w.n):
        if j == i:
            continue
        for arr in (w.reach, w.shield, w.hardening, w.tech, w.support):
            hidden.add(f"{arr[0, j]:.2f}")
    return hidden - seen - {f"{w.economy[0, j]:.2f}" for j in range(w.n)} - {
        f"{w.standing[0, j]:.2f}" for j in range(w.n)
    }


def test_a_team_sees_its_own_numbers_and_no_other_seats_hidden_ones(room, url):
    team = room.teams[0]
    w = room.group_world(team.group)
    with client(url, team.code) as c:
        page = c.get("/team").text
        api = c.get("/api/view", headers={"X-Code": team.code}).text
        lens = c.get("/team/lens", params={"other": room.scenario.names[2]}).text
    own = f"{w.reach[0, team.seat]:.2f}"
    assert own in page and f"{w.shield[0, team.seat]:.2f}" in page
    hidden = hidden_numbers(room, team)
    assert hidden, "the test needs numbers the seat cannot see"
    for text in (page, api, lens):
        shown = set(re.findall(r"\d+\.\d\d(?!\d)", text))
        assert not (hidden & shown), hidden & shown
        assert not any(k in text for k in KINDS if k != "security_seeker")
    view = json.loads(api)
    for s in view["states"]:
        if not s["own"]:
            assert not {"hardening", "tech", "support", "kind"} & set(s)
            j = room.scenario.names.index(s["name"])
            assert s["reach"] == round(float(w.seen_reach[0, team.seat, j]), 2)


def test_a_team_code_acts_for_its_own_seat_only(room, url):
    team, other = room.teams[0], room.teams[1]
    with client(url) as c:
        r = c.post("/api/orders", headers={"X-Code": team.code},
                   json={"spend": [0, 0, 0, 0], "actions": [{"action": "talk",
                                                             "actor": other.name,
                                                             "other": team.name}]})
        assert r.status_code == 422 and "only act for itself" in r.json()["error"]
        # The policy's observation (estimates the page never shows) needs the seat's AI code.
        assert c.get("/api/observation", headers={"X-Code": team.code}).status_code == 403
        r = c.get("/api/observation", headers={"X-Code": team.ai_code})
        assert r.status_code == 200 and r.json()["turn"] == room.turn
        assert c.get("/api/view", headers={"X-Code": "NOPE42"}).status_code == 403
        assert c.get("/team", follow_redirects=False).status_code == 303


def test_every_request_is_checked(room, url):
    team = room.teams[0]
    h = {"X-Code": team.code}
    with client(url) as c:
        assert c.post("/api/orders", headers=h, content=b"{" * 20_000).status_code == 413
        assert c.get("/team/lens?other=" + "x" * 5000).status_code == 414
        assert c.request("PUT", "/team").status_code == 405
        assert c.post("/api/orders", headers=h, content=b"not json").status_code == 422
        deep = b"[" * 60 + b"]" * 60
        assert c.post("/api/orders", headers=h, content=deep).status_code == 422
        for body in (
            {"spend": [1e300, 0, 0, 0]},
            {"spend": ["1", 0, 0, 0]},
            {"spend": [float("nan"), 0, 0, 0]},
            {"spend": [0, 0, 0, 0], "actions": [{"action": "x" * 500, "actor": team.name}]},
            {"spend": [0, 0, 0, 0], "turn": "soon"},
        ):
            text = json.dumps(body).replace("NaN", "NaN")
            r = c.post("/api/orders", headers={**h, "Content-Type": "application/json"},
                       content=text)
            assert r.status_code == 422, body
    with client(url, team.code) as c:
        r = c.post("/team/orders", data={"reach": "lots"})
        assert r.status_code == 422 and "not a number" in r.text
        r = c.post("/team/orders", data={"reach": "1" * 300})
        assert r.status_code in (400, 413, 422)
        r = c.post("/team/orders", data={"reach": "1e9"})
        assert r.status_code == 422 and "Refused" in r.text and "budget" in r.text
        r = c.get("/team")
        assert "Content-Security-Policy" in r.headers and r.headers["Cache-Control"] == "no-store"
    assert room.pending.get(team.key) is None


def test_the_teachers_controls_need_the_teachers_code(room, url):
    team = room.teams[0]
    turn = room.turn
    with client(url, team.code) as c:
        assert c.post("/teacher/force").status_code == 403
        assert c.post("/teacher/end").status_code == 403
        assert "Play the turn now" not in c.get("/teacher").text
        assert c.get("/teacher/debrief", follow_redirects=False).status_code == 303
        assert c.get("/teacher/status").status_code == 403
    assert room.turn == turn and not room.ended
    with client(url) as c:
        h = {"X-Teacher": room.teacher_code}
        status = c.get("/teacher/status", headers=h).json()
        assert status["turn"] == turn and status["waiting"] == len(room.teams)
        assert c.post("/teacher/pause", headers=h).json()["ok"]
        assert room.paused
        assert c.post("/teacher/resume", headers=h).json()["ok"]
        assert not room.paused
    with client(url, room.teacher_code) as c:
        page = c.post("/teacher/report").text
        assert "Written:" in page and "handout.html" in page
        assert (room.folder / "report" / "class-turns.csv").exists()
        debrief = c.get("/teacher/debrief").text
        assert "Class report" in debrief and "Group 2" in debrief


def test_a_team_that_drops_finds_its_turn_as_it_left_it(room, url):
    team = room.teams[1]
    target = room.scenario.names[0]
    with client(url, team.code) as c:
        r = c.post("/team/action", data={"action": "talk", "other": target},
                   follow_redirects=True)
        assert r.status_code == 200 and "Refused" not in r.text
    # Another device (or the same one after a restart of its browser): the code is all it needs.
    with client(url, team.code) as c:
        page = c.get("/team").text
        assert re.search(r"Diplomatic actions in these orders: talk\s+" + target, page)
        r = c.post("/team/orders", data={"reach": "0.5"}, follow_redirects=True)
        assert 'id="submitted"' in r.text
    with client(url, team.code) as c:
        assert 'id="submitted"' in c.get("/team").text
        assert c.get("/team/status").json()["key"].endswith("/True/False/False")
        # On a shared computer, leaving forgets the code: the next user sees the join page.
        assert c.post("/leave").status_code == 303
        assert c.get("/team", follow_redirects=False).status_code == 303
    assert room.pending[team.key].actions[0].other == target


def test_the_projector_shows_only_what_every_state_sees(room, url):
    with client(url, room.teacher_code) as c:
        page = c.get("/teacher/group/1").text
    w = room.group_world(0)
    arms = {f"{x:.2f}" for x in np.concatenate([w.reach[0], w.shield[0], w.hardening[0]])}
    arms -= {f"{x:.2f}" for x in np.concatenate([w.economy[0], w.standing[0],
                                                   w.tension[0].ravel(), w.trade[0].ravel()])}
    assert not arms & set(re.findall(r"\d+\.\d\d(?!\d)", page))
