"""``python -m game report SAVE --out DIR``: paths on success, one line and status 2 on error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.cli import main
from tests.report.helpers import tiny_charts

REPO = Path(__file__).resolve().parents[2]


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_simulate_save_then_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("game.report.writer.chart_pngs", lambda a: tiny_charts())
    save = tmp_path / "x.json"
    assert (
        main(["simulate", "--scenario", "two_neighbours", "--seed", "3", "--save", str(save)]) == 0
    )
    capsys.readouterr()
    out = tmp_path / "out" / "deeper"
    assert main(["report", str(save), "--out", str(out), "--no-counterfactuals"]) == 0
    printed = capsys.readouterr().out.split()
    names = [
        "two_neighbours-seed3-report.html",
        "two_neighbours-seed3-turns.csv",
        "two_neighbours-seed3-save.json",
    ]
    assert [Path(p).name for p in printed] == names
    assert all(Path(p).is_file() and Path(p).parent == out for p in printed)
    assert "were not computed" in (out / names[0]).read_text(encoding="utf-8")


def test_missing_save(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", str(tmp_path / "nope.json"), "--out", str(out)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "nope.json: no such save file" in line
    assert not out.exists()


def test_tampered_save_writes_nothing(war_save, tmp_path, capsys):
    data = json.loads(war_save.read_text(encoding="utf-8"))
    data["seed"] = data["seed"] + 1  # the checksum no longer matches
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(bad), "--out", str(out)]) == 2
    assert "checksum" in _one_error_line(capsys.readouterr().err)
    assert not out.exists()


def test_corrupt_save(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "delicate-balance-save", ', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["report", str(bad), "--out", str(out)]) == 2
    assert "not valid JSON" in _one_error_line(capsys.readouterr().err)
    assert list(out.iterdir()) == []


def test_out_is_required(war_save, capsys):
    assert main(["report", str(war_save)]) == 2
    assert "--out" in capsys.readouterr().err


def test_war_report_from_the_command_line(war_save, tmp_path):
    """As a teacher runs it: a fresh interpreter, the war game's save, no pygame loaded."""
    out = tmp_path / "war"
    code = (
        "import sys\n"
        "from game.cli import main\n"
        f"rc = main(['report', {str(war_save)!r}, '--out', {str(out)!r}, "
        "'--no-counterfactuals'])\n"
        "print('pygame' in sys.modules)\n"
        "sys.exit(rc)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.split()
    assert lines[-1] == "False"
    page = Path(lines[0]).read_text(encoding="utf-8")
    assert "War broke out between" in page and "on turn 4" in page
