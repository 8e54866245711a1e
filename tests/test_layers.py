"""The house drawn from the imports (docs/architecture.md).

The rules live once, as import-linter contracts in ``pyproject.toml`` (``lint-imports`` runs
them in ``.ci/run``): layers run one way, no package imports one above it, the packages have no
circle, and only ``game.ui`` imports pygame. Imports inside functions count too: they are what
kept circles hidden before. This test runs the same contracts, and checks that the architecture
page draws the same floors as the contract."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).parent.parent


def contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def contract_floors() -> dict[str, int]:
    """Package -> floor in the layers contract (0 = lowest)."""
    layers = contract("floors")["layers"]
    floors = {}
    for floor, layer in enumerate(reversed(layers)):
        for name in re.split(r"[|:]", layer):
            floors["game." + name.strip()] = floor
    return floors


def page_floors() -> list[list[str]]:
    """The packages of each row of the architecture page's table, lowest row first."""
    rows = []
    for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 3 and "game." in cells[2]:
            rows.append(re.findall(r"`(game\.[a-z_]+)`", cells[2]))
    return rows


def test_the_import_contracts_hold(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert code == 0, capsys.readouterr().out


def test_the_architecture_page_draws_the_contract_floors():
    floors = contract_floors()
    rows = page_floors()
    listed = [name for row in rows for name in row]
    assert sorted(listed) == sorted(floors), "the page and the contract name other packages"
    # Each row of the page is one or more whole floors of the contract, in the same order.
    for lower, upper in zip(rows, rows[1:], strict=False):
        assert max(floors[n] for n in lower) < min(floors[n] for n in upper), (lower, upper)


def test_a_layer_importing_above_itself_breaks_the_contract(tmp_path):
    """The contract can fail: a copy of the package whose engine imports the front door."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "game" / "engine" / "upward.py").write_text(
        "def f():\n    import pygame\n    from game.cli import main\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    out = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports;"
         "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"],
        cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path)},
        timeout=120,
    )
    assert out.returncode != 0
    assert "game.engine.upward -> game.cli" in out.stdout
    assert "game.engine.upward -> pygame" in out.stdout


def test_no_two_modules_of_game_share_a_basename():
    """A name says which module it is: no ``cli.py`` or ``charts.py`` in three packages."""
    from collections import defaultdict

    where: dict[str, list[str]] = defaultdict(list)
    for path in (ROOT / "game").rglob("*.py"):
        if path.stem != "__init__" and "__pycache__" not in path.parts:
            where[path.stem].append(path.relative_to(ROOT).as_posix())
    repeats = {stem: sorted(paths) for stem, paths in where.items() if len(paths) > 1}
    assert repeats == {}
