"""Shared by the classroom tests: a host served in a thread on an ephemeral port, a host run as
the real command in a subprocess, and the same games played without any network."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from game.classroom.room import Room
from game.commands import scenario_with_turns
from game.scenarios import load_builtin
from game.session import Session
from tests.classroom.procs import ROOT, Host, env, python, wait_for  # noqa: F401


def lesson(scenario_id: str = "the_shield", turns: int | None = None):
    sc = load_builtin(scenario_id)
    return sc if turns is None else scenario_with_turns(sc, turns)


def digest_alone(scenario_id: str, seats: list[str], seed: int, turns: int | None = None) -> str:
    """The digest ``simulate`` reaches with these seats and seed (one game, no network)."""
    session = Session.new(lesson(scenario_id, turns), seed, seats)
    session.play_to_end()
    return session.world.digest()


@contextmanager
def served(room: Room) -> Iterator[str]:
    """``room`` served by uvicorn in a thread on 127.0.0.1 and a free port; yields its URL."""
    import uvicorn

    from game.classroom.server import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(room), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


