"""Helpers for the lab's tests: run the CLI in-process and read what it wrote."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import main


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """``run("match", "tit_for_tat", ...)`` -> exit code, stdout, stderr."""

    def go(*argv: str) -> Ran:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return go


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def is_png(path: Path) -> bool:
    return path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
