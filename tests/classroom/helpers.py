"""Shared by the classroom tests: a host served in a thread on an ephemeral port, a host run as
the real command in a subprocess, and the same games played without any network."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from game.classroom.room import Room
from game.commands import scenario_with_turns
from game.scenarios import load_builtin
from game.session import Session

ROOT = Path(__file__).resolve().parents[2]


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


def python() -> str:
    return sys.executable


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("DISPLAY", None)
    return e


class Host:
    """``python -m game host ...`` in a subprocess; its URL read from what it prints."""

    def __init__(self, folder: Path, *args: str):
        self.folder = folder
        self.log = open(folder.parent / f"{folder.name}-host.log", "ab")  # noqa: SIM115
        cmd = [python(), "-m", "game", "host", "--dir", str(folder), "--bind", "127.0.0.1",
               "--port", "0", *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, env=env(),
                                     cwd=folder.parent)
        self.lines: list[str] = []
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 60
        self.url = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline().decode()
            if not line:
                break
            self.lines.append(line)
            found = re.search(r"Teams join at: (http://\S+/)", line)
            if found:
                self.url = found.group(1).rstrip("/")
                break
        if not self.url:
            self.kill()
            raise RuntimeError("the host did not start: " + "".join(self.lines))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.decode())

    def class_file(self) -> dict:
        return json.loads((self.folder / "class.json").read_text())

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


def wait_for(check, timeout: float = 60.0, step: float = 0.05):
    """Poll ``check`` until it returns something true (or fail after ``timeout`` seconds: a
    bound on a hang, never a measured time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"still waiting after {timeout} s")
