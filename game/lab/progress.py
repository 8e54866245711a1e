"""A small progress bar on stderr, for the lab's long runs.

It draws only where someone is watching: on a terminal, and not under CI (the ``CI``
environment variable set). Elsewhere it is silent, so redirected output and logs stay clean.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

#: Seconds between redraws: enough to look alive, few enough to cost nothing.
REDRAW = 0.1
WIDTH = 28


def wanted(stream: TextIO) -> bool:
    """Whether a bar on ``stream`` would be seen: a terminal, and not CI."""
    if os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """``with Progress(total, "tournament") as bar: ... bar.advance()``.

    Draws ``label [#######.......]  12/40  3.1 s`` in place with a carriage return, and clears
    the line when done. ``enabled=None`` decides by :func:`wanted`.
    """

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.done = 0
        self.start = time.perf_counter()
        self._drawn = 0.0

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def advance(self, steps: int = 1) -> None:
        self.done = min(self.done + steps, self.total)
        self._draw(force=self.done == self.total)

    def line(self) -> str:
        """The bar as text (what is drawn)."""
        filled = int(WIDTH * self.done / self.total)
        elapsed = time.perf_counter() - self.start
        bar = "#" * filled + "." * (WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {elapsed:5.1f} s"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self._drawn < REDRAW:
            return
        self._drawn = now
        self.stream.write("\r" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * len(self.line()) + "\r")
            self.stream.flush()
            self.enabled = False
