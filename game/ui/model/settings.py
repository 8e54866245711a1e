"""The player's settings, kept as JSON in the user's config folder.

A missing, unreadable or half-valid file never stops the game: every value that cannot be used
falls back to its default.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from typing import Any

from game.limits import MAX_SMALL_BYTES, Unreadable, read_json
from game.saves import write_atomic
from game.ui.model import storage

SIZES: tuple[tuple[int, int], ...] = ((1024, 640), (1280, 800), (1600, 900), (1920, 1080))
SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 2.0)
PALETTE_NAMES: tuple[str, ...] = ("standard", "colour_blind")


@dataclass(frozen=True)
class Settings:
    """Window, text and sound preferences."""

    width: int = 1280
    height: int = 800
    fullscreen: bool = False
    ui_scale: float = 1.0
    palette: str = "standard"
    sound: bool = True
    volume: float = 0.5
    #: No animations: the turn report shows whole, the board jumps to the new turn.
    reduce_motion: bool = False

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


def _clean(raw: dict[str, Any]) -> Settings:
    base = Settings()
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        value, default = raw.get(f.name, getattr(base, f.name)), getattr(base, f.name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and 320 <= value <= 8000
        elif isinstance(default, float):
            ok = (isinstance(value, float) and math.isfinite(value)) or (
                type(value) is int and abs(value) <= 1000
            )
        else:
            ok = isinstance(value, str)
        out[f.name] = value if ok else default
    out["ui_scale"] = float(min(max(out["ui_scale"], 0.75), 2.5))
    out["volume"] = float(min(max(out["volume"], 0.0), 1.0))
    if out["palette"] not in PALETTE_NAMES:
        out["palette"] = base.palette
    return Settings(**out)


def load_settings() -> Settings:
    """The saved settings, or the defaults."""
    path = storage.config_dir() / "settings.json"
    try:
        raw = read_json(path, MAX_SMALL_BYTES)
    except (OSError, Unreadable):
        return Settings()
    return _clean(raw) if isinstance(raw, dict) else Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings (atomically); a read-only folder is not an error worth a crash."""
    path = storage.config_dir() / "settings.json"
    write_atomic(path, json.dumps(dataclasses.asdict(settings), indent=1) + "\n")
