"""Every size limit of the game in one place, and the one way the game reads a file.

The command line, the loaders and the window share these numbers, so that whatever one part can
write another can read (a save ``simulate --save`` writes, ``play --load`` opens). The README's
"Limits" section lists them.

:func:`read_bounded` is how every file the game reads (scenarios, saves, settings, the list of
finished lessons) is opened: a regular file only (never a device such as ``/dev/zero``, a pipe
such as ``/dev/stdin``, or a folder), refused before any parsing when it is larger than its cap.
:func:`parse_json` refuses JSON nested deeper than :data:`MAX_JSON_DEPTH` and numbers Python
will not read, with one line, instead of a ``RecursionError`` or a ``ValueError`` from deep
inside the parser.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

# ---- Files ----------------------------------------------------------------------------------

#: The largest scenario file read (the shipped ones are under 30 KB).
MAX_SCENARIO_BYTES = 1 << 20  # 1 MiB
#: The largest save read: 200 turns of 8 states' orders and actions, and an embedded scenario,
#: fit many times over.
MAX_SAVE_BYTES = 8 << 20  # 8 MiB
#: The largest settings file or list of finished lessons read.
MAX_SMALL_BYTES = 64 << 10  # 64 KiB
#: The deepest nesting of arrays and objects a save, settings file or scenario may have (a save
#: needs 5).
MAX_JSON_DEPTH = 32

# ---- Sizes of a run -------------------------------------------------------------------------

#: Turns of one game (``simulate --turns``, ``tournament --turns``, a save's ``turns``).
MAX_GAME_TURNS = 200
#: Games played at once by ``simulate --batch``.
MAX_BATCH = 10_000
#: Games per seating in ``tournament`` and ``evolve --policies``; matches per pairing in
#: ``evolve --strategies`` and ``match --repetitions``.
MAX_REPETITIONS = 1_000
#: Turns of one classic iterated match (``match --turns``, ``evolve --strategies --turns``).
MAX_MATCH_TURNS = 100_000
#: ``evolve --population`` and ``evolve --generations``.
MAX_POPULATION = 10_000
MAX_GENERATIONS = 100_000
#: Birth-death steps of a Moran process (``--population`` x ``--generations``): the shares after
#: every step are kept.
MAX_MORAN_STEPS = 1_000_000
#: Moves of one classic pairing (``--turns`` x ``--repetitions``), all kept in memory.
MAX_MATCH_WORK = 10_000_000
#: Games per grid point in ``sweep --seeds``.
MAX_SWEEP_SEEDS = 1_000
#: The largest seed (seeds are 0 to this; a save's seed too).
MAX_SEED = 2**63 - 1
#: Memory ``simulate`` may use for the turns it prints (about :data:`SIMULATE_BYTES` per state
#: and turn of every world): a larger run is refused up front with its estimate.
MAX_RUN_BYTES = 2 << 30  # 2 GiB
SIMULATE_BYTES = 24_000

# ---- The classroom host (``python -m game host``; docs/classroom.md) ------------------------

#: Groups of one class (each group one world of the engine's batch).
MAX_CLASS_GROUPS = 20
#: Minutes a turn may be given by ``host --timer``.
MAX_TURN_MINUTES = 120
#: The largest request body the host reads (a form or a JSON message); larger ones are refused
#: before they are read whole.
MAX_REQUEST_BYTES = 16 << 10  # 16 KiB
#: The longest path or query string the host accepts.
MAX_QUERY_BYTES = 1 << 10  # 1 KiB
#: Fields of one form, and characters of one field.
MAX_FORM_FIELDS = 40
MAX_FORM_FIELD = 256
#: Diplomatic actions one team may hand in for one turn.
MAX_TEAM_ACTIONS = 12


class TooBig(ValueError):
    """A run that would not fit in :data:`MAX_RUN_BYTES`; the message gives the estimate."""


def check_memory(what: str, items: int, per_item: int, hint: str) -> None:
    """Refuse, with the estimate, a run needing more than :data:`MAX_RUN_BYTES`."""
    need = items * per_item
    if need > MAX_RUN_BYTES:
        raise TooBig(
            f"{what} would need about {need / (1 << 30):.1f} GiB of memory; the limit is "
            f"{MAX_RUN_BYTES / (1 << 30):.0f} GiB: {hint}"
        )


class Unreadable(Exception):
    """A file the game will not read; ``str()`` is the reason, on one line, without the name."""


def _size(n: int) -> str:
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileNotFoundError` when there is no such file, and :class:`Unreadable` (with
    the reason) for a folder, a device, a pipe, a file larger than ``limit`` or a read error.
    Opening never blocks: a pipe or a terminal is refused, not waited on.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(Path(path), flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise Unreadable("it is a folder, not a file") from None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not an ordinary file (a device, a pipe or a socket)")
        if info.st_size > limit:
            raise Unreadable(f"too large ({_size(info.st_size)}; the limit is {_size(limit)})")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Unreadable(f"too large (over {_size(limit)}, the limit)")
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (a number or string is 0)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            items: Any = v.values()
        elif isinstance(v, list):
            items = v
        else:
            continue
        deepest = max(deepest, d)
        if d > MAX_JSON_DEPTH:
            return d
        stack.extend((x, d + 1) for x in items)
    return deepest


def parse_json(text: str) -> Any:
    """JSON text as Python data; :class:`Unreadable` (one line) when it is not valid JSON, is
    nested deeper than :data:`MAX_JSON_DEPTH`, or holds a number Python will not read."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise Unreadable(f"nested more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise Unreadable(f"not valid JSON ({str(exc).splitlines()[0][:80]})") from None
    if depth(data) > MAX_JSON_DEPTH:
        raise Unreadable(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return data


def read_json(path: str | os.PathLike[str], limit: int) -> Any:
    """:func:`read_bounded` then :func:`parse_json` (UTF-8); the same errors."""
    raw = read_bounded(path, limit)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None
    return parse_json(text)
