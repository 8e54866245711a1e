"""``python -m game join ADDRESS CODE``: a seat of a class played from another machine.

With ``--ai NAME`` an AI opponent plays the seat over the network: each turn it asks the host
for its seat's observation (never the truth) and its seat's own random stream, decides with the
same policy code as a local AI seat, and hands in the orders, which the host checks like any
team's. A game whose every seat is played this way is, bit for bit, the game ``simulate``
plays with those seats and seed. Without ``--ai`` the seat is played from the desktop window
(``--browser``: the team's page opens in the browser instead).

The client only speaks HTTP with JSON (the standard library's ``urllib``). When the host is
unreachable (restarted, or the network dropped) it waits and tries again, for ``patience``
seconds, and carries on where it was: the orders of a turn are decided once and handed in
again unchanged if the host did not get them.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

MAX_RESPONSE = 4 << 20


class JoinError(Exception):
    """The host refused the code or answered something this client cannot use."""


def base_url(address: str) -> str:
    """``ADDRESS`` as a URL (``http://`` added when missing, no trailing slash)."""
    address = address.strip().rstrip("/")
    if not address.startswith(("http://", "https://")):
        address = "http://" + address
    return address


class Client:
    """A seat's calls to the host's JSON API, retried while the host does not answer."""

    def __init__(self, address: str, code: str, timeout: float = 30.0, patience: float = 120.0):
        self.base = base_url(address)
        self.code = code.strip().upper()
        self.timeout = timeout
        self.patience = patience

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("X-Code", self.code)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        waited = 0.0
        delay = 0.2
        while True:
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                    return resp.status, json.loads(resp.read(MAX_RESPONSE))
            except urllib.error.HTTPError as exc:
                try:
                    payload = json.loads(exc.read(MAX_RESPONSE))
                except ValueError:
                    payload = {"error": f"HTTP {exc.code}"}
                return exc.code, payload
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                if waited >= self.patience:
                    raise JoinError(f"{self.base}: the host does not answer") from None
                time.sleep(delay)
                waited += delay
                delay = min(delay * 2, 2.0)

    def get(self, path: str) -> Any:
        status, data = self._call("GET", path)
        if status == 403:
            raise JoinError("the host does not know this code")
        if status != 200:
            raise JoinError(f"the host answered {status}: {data.get('error', '')}")
        return data

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        return self._call("POST", path, body)


def play_ai(
    address: str,
    code: str,
    policy: str,
    difficulty: str = "normal",
    poll: float = 0.5,
    patience: float = 120.0,
    say: Callable[[str], None] = print,
) -> int:
    """Play the seat with an AI policy until its game is over; returns the exit status."""
    from game.classroom.room import remote_move
    from game.policies import get_policy

    needs_view = get_policy(policy).needs_view
    client = Client(address, code, patience=patience)
    seat = client.get("/api/seat")
    say(f"playing {seat['name']} in group {seat['group']} ({seat['scenario']}) as ai:{policy}")
    state = None
    decided: dict[int, dict[str, Any]] = {}
    while True:
        seat = client.get("/api/seat")
        if seat["finished"]:
            say(f"the game of group {seat['group']} is over after {seat['turn']} turns")
            return 0
        turn = int(seat["turn"])
        if not seat["submitted"]:
            body = decided.get(turn)
            if body is None:
                message = client.get(f"/api/observation?view={1 if needs_view else 0}")
                if int(message["turn"]) != turn:
                    continue
                body, state = remote_move(policy, difficulty, seat["seat"], message, state)
                decided = {turn: body}
            status, answer = client.post("/api/orders", body)
            if status != 200:
                say(f"turn {turn + 1}: refused: {answer.get('error', status)}")
        time.sleep(poll)


def play_window(address: str, code: str, frames: int | None = None) -> int:
    """Without ``--ai``: the seat played from the desktop window (``game.ui.remote``), which
    this client feeds with the seat's view and whose orders it hands in."""
    client = Client(address, code, patience=10.0)
    client.get("/api/seat")  # a wrong code or an absent host: one line, before any window

    def fetch() -> dict[str, Any]:
        return client.get("/api/view")

    def hand_in(spend: list[float], cut: float) -> str | None:
        status, answer = client.post("/api/orders", {"spend": spend, "cut": cut})
        return None if status == 200 else str(answer.get("error", status))

    from game.ui.remote import RemoteWindow

    window = RemoteWindow(fetch, hand_in)
    window.view = fetch()  # the first frame shows the seat, not "connecting"
    window._status()
    code_ = window.run(frames)
    print(window.status)
    return code_


def open_page(address: str, code: str) -> int:
    """Without ``--ai``: the team's page in the system's browser (the page is the game)."""
    import webbrowser

    url = f"{base_url(address)}/?code={code.strip().upper()}"
    print(f"opening {url} (type the code there if the browser does not fill it in)")
    webbrowser.open(url)
    return 0
