"""Where the window keeps its files: settings, saves and the autosave, in the user's folders.

Paths come from platformdirs at call time (never cached), so a test can point them at a
temporary folder. Saves are listed from their JSON header alone (scenario, turn, date); a file
that cannot be read is listed as unreadable, with the reason. Loading one replays it through
:func:`game.saves.load_save`, which refuses a bad file with one line.

The autosave belongs to the game being played: when a different game starts, the previous
game's autosave is moved into ``autosaves/`` (the newest :data:`KEEP_AUTOSAVES` are kept), so a
new game never silently replaces another. Continue resumes the newest readable autosave.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from game.limits import MAX_SAVE_BYTES, MAX_SMALL_BYTES, Unreadable, read_json
from game.saves import load_save, save, to_dict, write_atomic
from game.scenarios import MAX_TURNS, ScenarioError, builtin_ids, load_builtin
from game.session import Session

APP = "delicate-balance"
AUTOSAVE = "autosave.json"
#: The folder of earlier games' autosaves, and how many are kept (the newest).
AUTOSAVES = "autosaves"
KEEP_AUTOSAVES = 5
COMPLETED = "completed.json"


def config_dir() -> Path:
    """The folder of ``settings.json``."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The folder of saves, the autosave and the error log."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def saves_dir() -> Path:
    """Where saved games go."""
    return data_dir() / "saves"


def autosave_path() -> Path:
    """The newest autosave's path."""
    return data_dir() / AUTOSAVE


def autosaves_dir() -> Path:
    """Earlier games' autosaves, kept when a new game starts (the newest few)."""
    return data_dir() / AUTOSAVES


def log_path() -> Path:
    """Where unexpected errors are logged."""
    return data_dir() / "errors.log"


def completed_path() -> Path:
    """The list of scenarios the player has played to their end (the Lessons screen's ticks)."""
    return data_dir() / COMPLETED


def read_completed() -> set[str]:
    """The ids of the scenarios played to their end; a missing or corrupt file means none."""
    try:
        data = read_json(completed_path(), MAX_SMALL_BYTES)
    except (OSError, Unreadable):
        return set()
    ids = data.get("completed") if isinstance(data, dict) else None
    if not isinstance(ids, list):
        return set()
    return {sid for sid in ids if isinstance(sid, str) and sid in builtin_ids()}


def mark_completed(scenario_id: str) -> None:
    """Record ``scenario_id`` as played to its end (atomic; the old file survives a failure)."""
    done = read_completed()
    if scenario_id in done:
        return
    done.add(scenario_id)
    write_atomic(completed_path(), json.dumps({"completed": sorted(done)}, indent=1) + "\n")


@dataclass(frozen=True)
class SaveInfo:
    """One save as the load screen lists it; ``problem`` says why a file cannot be read (the
    screen lists it as unreadable rather than hiding it or breaking on it)."""

    path: Path
    scenario: str  # its title, or the id when the scenario is unknown
    turn: int
    date: str  # local time, minutes
    autosave: bool
    problem: str = ""
    stamp: float = 0.0  # when it was saved (seconds since the epoch), for "newest first"
    seconds: str = ""  # the time it was saved, to the second (two saves in one minute)

    def label(self, exact: bool = False) -> str:
        """The line the load screen lists it as, in words: "Earlier autosave: The Shield, turn
        3, 2026-12-05 14:02", never a file name the game made up (``autosave-2026...``); a
        file someone named keeps its name. ``exact``: the time to the second. A file that
        cannot be read is named by its file, which is how a player finds it."""
        if self.autosave:
            who = "Autosave" if self.path.name == AUTOSAVE else "Earlier autosave"
        elif _GAME_NAMED.fullmatch(self.path.stem):
            who = "Saved game"
        else:
            who = _shown(self.path.stem)
        if self.problem:
            return f"{who} ({_shown(self.path.name)}): unreadable ({self.problem})"
        date = f"{self.date}:{self.seconds}" if exact and self.seconds else self.date
        return f"{who}: {self.scenario}, turn {self.turn}, {date}"

    @property
    def readable(self) -> bool:
        return not self.problem


#: How :func:`save_new` names a save (``the_shield-turn03-20261205-140212``).
_GAME_NAMED = re.compile(r"[a-z0-9_]+-turn\d{2,}-\d{8}-\d{6}")


def labels(saves: list[SaveInfo]) -> list[str]:
    """The load screen's line for each of ``saves``, no two alike (the list picks a save by its
    line): saves of one minute give their time to the second, and any still alike a number."""
    out = [s.label() for s in saves]
    out = [s.label(exact=True) if out.count(t) > 1 else t for s, t in zip(saves, out, strict=True)]
    seen: dict[str, int] = {}
    for k, text in enumerate(out):
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1:
            out[k] = f"{text} ({seen[text]})"
    return out


def _shown(text: str, limit: int = 60) -> str:
    """Text from a file or a file name, safe to show on one line."""
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean if len(clean) <= limit else clean[: limit - 3] + "..."


@functools.lru_cache(maxsize=32)
def _title(scenario_id: str) -> str:
    """A shipped scenario's title (a save names scenarios by id, never by path)."""
    if scenario_id in builtin_ids():
        try:
            return load_builtin(scenario_id).title
        except ScenarioError:
            pass
    return _shown(scenario_id, 40)


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def read_info(path: Path) -> SaveInfo:
    """A save's header; a file that cannot be read comes back with its ``problem`` (never an
    exception, whatever the file holds)."""
    auto = path.name == AUTOSAVE or path.parent.name == AUTOSAVES
    try:
        data = read_json(path, MAX_SAVE_BYTES)
        if not isinstance(data, dict):
            raise Unreadable("not a save")
        scenario, turn = data.get("scenario"), data.get("turn")
        if not isinstance(scenario, str) or type(turn) is not int or not 0 <= turn <= MAX_TURNS:
            raise Unreadable("not a save")
        saved = data.get("saved", "")
        if not isinstance(saved, str) or len(saved) > 40:
            raise Unreadable("no date")
        when = datetime.fromisoformat(saved)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        stamp = when.timestamp()
        local = when.astimezone()
        date, seconds = local.strftime("%Y-%m-%d %H:%M"), local.strftime("%S")
    except FileNotFoundError:
        return SaveInfo(path, "", 0, "", auto, "the file is gone")
    except Unreadable as exc:
        return SaveInfo(path, "", 0, "", auto, str(exc), _mtime(path))
    except (OSError, ValueError, OverflowError, TypeError):  # far-off dates and the like
        return SaveInfo(path, "", 0, "", auto, "its date cannot be read", _mtime(path))
    return SaveInfo(path, _title(scenario), turn, date, auto, "", stamp, seconds)


def _json_files(folder: Path) -> list[Path]:
    """The ``*.json`` entries of ``folder`` (none when it is missing or unreadable)."""
    try:
        return [p for p in folder.iterdir() if p.name.endswith(".json")]
    except OSError:
        return []


def autosaves() -> list[SaveInfo]:
    """Every autosave (the current one and the earlier games' kept copies), newest first."""
    paths = [autosave_path()] if os.path.lexists(autosave_path()) else []
    paths += _json_files(autosaves_dir())
    infos = [read_info(p) for p in paths]
    return sorted(infos, key=lambda i: (i.readable, i.stamp), reverse=True)


def list_saves() -> list[SaveInfo]:
    """The autosaves first, then every save, newest first; unreadable files are listed too
    (last, with the reason), so one odd file never hides the others."""
    saves = [read_info(p) for p in _json_files(saves_dir())]
    saves.sort(key=lambda i: (i.readable, i.stamp), reverse=True)
    return autosaves() + saves


def has_autosave() -> bool:
    """Whether an autosave can be read (Continue on the title)."""
    return any(i.readable for i in autosaves())


def newest_autosave() -> Path | None:
    """What Continue resumes: the most recent readable autosave."""
    for info in autosaves():
        if info.readable:
            return info.path
    return None


def _same_game(path: Path, body: dict[str, Any]) -> bool:
    """Whether the autosave at ``path`` is an earlier point of the game ``body`` saves (same
    scenario, seed and seats, and its turns the start of this one's)."""
    try:
        old = read_json(path, MAX_SAVE_BYTES)
    except (OSError, Unreadable):
        return False
    if not isinstance(old, dict):
        return False
    same = all(old.get(k) == body.get(k) for k in ("scenario", "seed", "seats", "scenario_source"))
    orders = old.get("orders")
    return (
        same
        and isinstance(orders, list)
        and len(orders) <= len(body["orders"])
        and orders == body["orders"][: len(orders)]
    )


def _keep(path: Path) -> None:
    """Move the autosave at ``path`` into the kept set, dropping the oldest past
    :data:`KEEP_AUTOSAVES`."""
    folder = autosaves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    os.replace(path, folder / f"autosave-{stamp}.json")
    kept = sorted((p for p in _json_files(folder) if p.name.startswith("autosave-")), reverse=True)
    for old in kept[KEEP_AUTOSAVES:]:
        try:
            old.unlink()
        except OSError:
            pass


def autosave(session: Session) -> Path:
    """Write the autosave (atomic: a crash mid-write leaves the previous one). The autosave of
    another game is never replaced: it is kept among the earlier autosaves first."""
    body = to_dict(session)
    path = autosave_path()
    if os.path.lexists(path) and not _same_game(path, body):
        _keep(path)
    write_atomic(path, json.dumps(body, indent=1, allow_nan=False) + "\n")
    return path


def save_new(session: Session) -> Path:
    """A new save in the saves folder, named by scenario, turn and time."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = saves_dir() / f"{session.scenario.id}-turn{session.turn:02d}-{stamp}.json"
    return save(session, path)


def load_path(path: str | Path) -> Session:
    """The session a save describes; :class:`game.saves.SaveError` explains a refusal."""
    return load_save(path)


#: Age after which a temporary file of an interrupted write is an orphan (no write takes this
#: long; a younger one may belong to another window writing right now).
ORPHAN_AGE = 60.0


def clean_orphans(now: float | None = None) -> list[Path]:
    """Delete the temporary files that interrupted writes left (``.NAME.XXXX.tmp`` beside the
    settings, the autosaves and the saves); returns what was removed. Run at start-up."""
    now = time.time() if now is None else now
    removed = []
    for folder in (config_dir(), data_dir(), saves_dir(), autosaves_dir()):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if not (p.name.startswith(".") and p.name.endswith(".tmp")):
                continue
            try:
                if p.is_file() and not p.is_symlink() and now - p.stat().st_mtime > ORPHAN_AGE:
                    p.unlink()
                    removed.append(p)
            except OSError:
                pass
    return removed
