"""Where the window keeps its files: settings, saves and the autosave, in the user's folders.

Paths come from platformdirs at call time (never cached), so a test can point them at a
temporary folder. Saves are listed from their JSON header alone (scenario, turn, date); loading
one replays it through :func:`game.saves.load_save`, which refuses a bad file with one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from game.saves import load_save, save, write_atomic
from game.scenarios import ScenarioError, load
from game.session import Session

APP = "delicate-balance"
AUTOSAVE = "autosave.json"
COMPLETED = "completed.json"


def config_dir() -> Path:
    """The folder of ``settings.json``."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The folder of saves, the autosave and the error log."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    return data_dir() / AUTOSAVE


def log_path() -> Path:
    return data_dir() / "errors.log"


def completed_path() -> Path:
    """The list of scenarios the player has played to their end (the Lessons screen's ticks)."""
    return data_dir() / COMPLETED


def read_completed() -> set[str]:
    """The ids of the scenarios played to their end; a missing or corrupt file means none."""
    try:
        data = json.loads(completed_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    ids = data.get("completed") if isinstance(data, dict) else None
    if not isinstance(ids, list):
        return set()
    return {sid for sid in ids if isinstance(sid, str)}


def mark_completed(scenario_id: str) -> None:
    """Record ``scenario_id`` as played to its end (atomic; the old file survives a failure)."""
    done = read_completed()
    if scenario_id in done:
        return
    done.add(scenario_id)
    write_atomic(completed_path(), json.dumps({"completed": sorted(done)}, indent=1) + "\n")


@dataclass(frozen=True)
class SaveInfo:
    """One save as the load screen lists it."""

    path: Path
    scenario: str  # its title, or the id when the scenario is unknown
    turn: int
    date: str  # local time, minutes
    autosave: bool

    def label(self) -> str:
        who = "Autosave" if self.autosave else self.path.stem
        return f"{who}: {self.scenario}, turn {self.turn}, {self.date}"


def _title(scenario_id: str) -> str:
    try:
        return load(scenario_id).title
    except (ScenarioError, OSError, ValueError):
        return scenario_id


def read_info(path: Path) -> SaveInfo | None:
    """A save's header, or None when the file is not a readable save."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        scenario, turn = str(data["scenario"]), int(data["turn"])
        stamp = datetime.fromisoformat(str(data.get("saved", "")))
        date = stamp.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return SaveInfo(path, _title(scenario), turn, date, path.name == AUTOSAVE)


def list_saves() -> list[SaveInfo]:
    """The autosave first, then every save, newest first."""
    out: list[SaveInfo] = []
    auto = read_info(autosave_path()) if autosave_path().exists() else None
    if auto is not None:
        out.append(auto)
    folder = saves_dir()
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in files if folder.is_dir() else []:
        info = read_info(p)
        if info is not None:
            out.append(info)
    return out


def has_autosave() -> bool:
    return autosave_path().exists()


def autosave(session: Session) -> Path:
    """Write the autosave (atomic: a crash mid-write leaves the previous one)."""
    return save(session, autosave_path())


def save_new(session: Session) -> Path:
    """A new save in the saves folder, named by scenario, turn and time."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = saves_dir() / f"{session.scenario.id}-turn{session.turn:02d}-{stamp}.json"
    return save(session, path)


def load_path(path: str | Path) -> Session:
    """The session a save describes; :class:`game.saves.SaveError` explains a refusal."""
    return load_save(path)
