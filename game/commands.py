"""What every command line shares, below them all: the front door (``game.cli``) and the
sub-commands of the lab, the report and the window import it, never each other."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from game.scenarios import Scenario


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


def ai_seats(scenario: Scenario) -> list[str]:
    """The scenario's default seats with each human seat played by the baseline AI: the lesson's
    own opponents, so an AI-only run shows the dynamic the lesson was tuned for."""
    return ["ai:baseline" if s == "human" else s for s in scenario.default_seats]


def scenario_with_turns(scenario: Scenario, turns: int) -> Scenario:
    """The scenario cut (or stretched) to ``turns`` turns."""
    return dataclasses.replace(scenario, params=scenario.params.replace(turns=turns))


def print_written(out: str | Path, write: Callable[[], Iterable[str | Path]]) -> int:
    """Run ``write`` (which writes files into the folder ``out``), print each file it wrote and
    return the exit status 0; a folder that cannot be written is a :class:`UsageError` naming
    it. The report and the class report write this way."""
    try:
        files = list(write())
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the report ({exc.strerror or exc})") from None
    for path in files:
        print(path)
    return 0
