"""Processes for the classroom tests, importing nothing of the game (a test of the window may
use them without the engine): the real ``host`` command in a subprocess, and a bounded wait."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
