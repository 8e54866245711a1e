"""Terminal output: aligned tables, and a progress bar only where someone is watching."""

from __future__ import annotations

import io

from game.lab.progress import Progress, wanted
from game.lab.tables import table


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_columns_line_up_numbers_right_text_left() -> None:
    text = table(["policy", "mean score"], [["hawk", 1.5], ["forgiving copycat", 12.25]])
    lines = text.splitlines()
    assert len({len(ln) for ln in lines}) == 1  # every line as wide
    assert lines[2].startswith("  hawk ")
    assert lines[2].endswith("1.500") and lines[3].endswith("12.250")
    assert set(lines[1].strip()) == {"-", " "}


def test_progress_is_silent_off_a_terminal_and_under_ci(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not wanted(io.StringIO())
    assert wanted(Tty())
    monkeypatch.setenv("CI", "true")
    assert not wanted(Tty())
    quiet = io.StringIO()
    with Progress(5, "sweep", stream=quiet) as bar:
        for _ in range(5):
            bar.advance()
    assert quiet.getvalue() == ""


def test_progress_draws_in_place_and_clears_its_line() -> None:
    screen = Tty()
    with Progress(4, "tournament", stream=screen, enabled=True) as bar:
        bar.advance(4)
        assert "tournament [" in bar.line() and "4/4" in bar.line()
    out = screen.getvalue()
    assert out.startswith("\rtournament [")
    assert "4/4" in out
    assert out.endswith("\r") and "\n" not in out
