"""Versioned JSON saves and replays, written atomically. Never pickle.

A save holds the scenario id (or, for a scenario that is not shipped, its text: never a path),
the seed, the seats, every turn's joint orders, and a digest of the world they lead to. Loading
replays the orders from the seed (AI seats recompute theirs, which must match what was saved)
and refuses the file if anything disagrees: a corrupt file, edited orders or seed, one from a
newer version of the game, or rules that have drifted since it was written.

The checksum is an unkeyed SHA-256: it catches corruption, not a deliberate edit (anyone can
recompute it). Fields the replay does not check (the bet and quiz answers, the date) can be
edited undetected; the README says so.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.actions import Action, to_actions
from game.engine.orders import IllegalOrder, StateOrder
from game.limits import MAX_SAVE_BYTES, MAX_SEED, Unreadable, parse_json, read_bounded
from game.scenarios import (
    MAX_TURNS,
    Scenario,
    ScenarioError,
    builtin_ids,
    load_builtin,
    load_text,
)
from game.session import Answers, SeatError, Session

FORMAT = "delicate-balance-save"
VERSION = 5
#: Versions this game refuses although they are not newer: their games replay differently under
#: today's rules (version 1 predates the payoff model with leverage and the spiral risk, so its
#: scores, and with them the state digest, no longer match; version 2 predates the public record
#: of caught violations and the opponents that became strategists).
RETIRED = {
    1: "the payoff model changed in save version 2 (scores are computed differently)",
    2: "the opponents changed in save version 3 (the hawk, dove, opportunist and balancer now "
    "look ahead, and every state keeps a record of the violations caught)",
}


#: Opponents renamed since a save version: before version 4 the plain strategist had the prudent
#: weights the security seeker has now (the lessons seat the security seeker by name since), so
#: an older save's ``ai:strategist`` is read as ``ai:security_seeker`` and replays as written.
RENAMED = {4: {"strategist": "security_seeker"}}


#: Opponents whose play changed at a save version: an older game that seats one may not replay
#: (today's opponent may compute other orders); if it does not, it is refused with the reason.
CHANGED = {
    5: {
        "strategist": "the plain strategist now signs every cap that leaves room for what it "
        "builds, never inspects, and expects a state with many rivals to spread its answer"
    },
}


def changed_play(seats: list[str], version: int) -> str:
    """Why a game written at save ``version`` with ``seats`` (as today's game names them,
    :func:`current_seats`) may not replay, from :data:`CHANGED`; "" when nothing it seats has
    changed."""
    for since, changes in CHANGED.items():
        for seat in seats:
            parts = seat.split(":")
            if version < since and len(parts) > 1 and parts[0] == "ai" and parts[1] in changes:
                return changes[parts[1]]
    return ""


def current_seats(seats: list[str], version: int) -> list[str]:
    """``seats`` (``ai:NAME[:DIFFICULTY]``, as :class:`~game.session.Seat` writes them) of a file
    written at save ``version``, as today's game names the same players (:data:`RENAMED`)."""
    out = []
    for seat in seats:
        parts = seat.split(":")
        for since, renames in RENAMED.items():
            if version < since and len(parts) > 1 and parts[0] == "ai":
                parts[1] = renames.get(parts[1], parts[1])
        out.append(":".join(parts))
    return out


class SaveError(ValueError):
    """A save that cannot be used, with one line saying which file and why."""


class Unreproduced(SaveError):
    """A replay that does not reproduce what the save holds."""


def older(name: str, version: int, why: str) -> SaveError:
    """The refusal of a file an older game wrote that this one cannot replay, and why."""
    return SaveError(
        f"{name}: made by an older version of the game (save version {version}): {why}, so it "
        "cannot be replayed; start the game again from its scenario and seed"
    )


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def to_dict(session: Session) -> dict[str, Any]:
    """The save as plain JSON data (the checksum covers everything else)."""
    turns: list[dict[str, Any]] = []
    for rec in session.history:
        entry: dict[str, Any] = {
            "spend": rec.orders.spend[0].tolist(),
            "cut": rec.orders.cut[0].tolist(),
        }
        if rec.orders.diplomacy is not None:
            acts = to_actions(rec.orders.diplomacy, session.scenario.names)
            if acts:
                entry["actions"] = [a.to_dict() for a in acts]
        turns.append(entry)
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": session.scenario.id,
        "seed": session.seed,
        "seats": [str(s) for s in session.seats],
        "turn": session.turn,
        "orders": turns,
        "state_digest": session.world.digest(),
        "answers": session.answers.to_dict(),
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    source, file_turns = _as_reloaded(session.scenario)
    if source is not None:
        body["scenario_source"] = source
    length = int(session.scenario.params.turns)
    if length != file_turns:
        body["turns"] = length  # a game cut short (simulate --turns): it ends where it ended
    body["checksum"] = _checksum(body)
    return body


def _as_reloaded(scenario: Scenario) -> tuple[str | None, int]:
    """What a reload needs beside the id, from one load of the scenario's file: its text when it
    is not a shipped one as shipped (a teacher's own file, or an edited copy; ``None`` for a
    shipped one), and the number of turns that file gives."""
    own_turns = int(scenario.params.turns)
    try:
        shipped: Scenario | None = load_builtin(scenario.id)
    except ScenarioError:
        shipped = None
    if shipped is not None and (not scenario.source or shipped.source == scenario.source):
        return None, int(shipped.params.turns)
    if not scenario.source:
        return None, own_turns
    try:
        return scenario.source, int(
            load_text(scenario.source, scenario.id, scenario.id).params.turns
        )
    except ScenarioError:
        return scenario.source, own_turns


def dumps(session: Session) -> str:
    """A session as the text of its save file (JSON)."""
    return json.dumps(to_dict(session), indent=1, allow_nan=False) + "\n"


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that the old file survives any failure: write a temporary
    file beside it, flush and fsync it, then rename it over the old one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); a save or report keeps the mode of the file it
        # replaces, or gets the mode any new document would (the user's umask decides).
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save(session: Session, path: str | os.PathLike[str]) -> Path:
    """Save the session to ``path`` atomically; returns the path."""
    write_atomic(path, dumps(session))
    return Path(path)


def _need(data: dict[str, Any], key: str, kind: type | tuple[type, ...], name: str) -> Any:
    if key not in data:
        raise SaveError(f"{name}: missing field '{key}'")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        expected = (
            kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        )
        raise SaveError(f"{name}: field '{key}' should be {expected}, got {type(value).__name__}")
    return value


_ACTION_TEXT = ("action", "actor", "other", "kind")
_ACTION_NUMBERS = ("reach", "shield", "cap", "verification")


def _action_fields(raw: Any) -> Any:
    """A saved action's fields, each of the type it must have (a list where a name belongs, a
    string where a number belongs, NaN: all refused with a ``ValueError`` that says which)."""
    if not isinstance(raw, dict):
        raise ValueError("an action should be an object")
    for key, value in raw.items():
        if key in _ACTION_TEXT and not isinstance(value, str):
            raise ValueError(f"'{_shown(str(key), 20)}' should be a string")
        if key in _ACTION_NUMBERS and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(float(value))
        ):
            raise ValueError(f"'{key}' should be an ordinary number")
        if key == "treaty" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("'treaty' should be a whole number")
        if key == "parties" and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            raise ValueError("'parties' should be a list of state names")
    return raw


def from_dict(data: Any, name: str = "save", scenario: Scenario | None = None) -> Session:
    """Rebuild the session a save describes by replaying it; :class:`SaveError` if it is unsound.

    The checks run in a fixed order (the first that fails is the one reported): the header
    (format, version, checksum), the fields of the game, its scenario, its seats, each turn's
    orders replayed, the answers, and the world the replay reaches."""
    _check_header(data, name)
    scenario_id, seed, seats, turns, digest = _game_fields(data, name)
    version = int(data["version"])
    seats = current_seats(seats, version)
    scenario = _saved_scenario(data, name, scenario_id, scenario)
    try:
        session = Session.new(scenario, seed, [str(s) for s in seats])
    except SeatError as exc:
        raise SaveError(f"{name}: field 'seats': {exc}") from None
    try:
        for t, entry in enumerate(turns):
            _replay_turn(session, entry, f"{name}: field 'orders[{t}]'")
        if "answers" in data:  # saves written before the bet and the quiz have none
            try:
                session.answers = Answers.from_dict(data["answers"], scenario)
            except ValueError as exc:
                raise SaveError(f"{name}: field 'answers': {exc}") from None
        if session.world.digest() != digest:
            raise Unreproduced(
                f"{name}: the replay does not reproduce the saved state "
                "(the save was edited, or the rules changed since it was written)"
            )
    except Unreproduced:
        # An opponent it seats plays otherwise since: say so rather than suspect an edit.
        if why := changed_play(seats, version):
            raise older(name, version, why) from None
        raise
    return session


def _check_header(data: Any, name: str) -> None:
    """A save of this game, of a version it reads, whose checksum matches."""
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a save file (expected a JSON object)")
    if data.get("format") != FORMAT:
        raise SaveError(
            f"{name}: not a Delicate Balance save "
            f"(field 'format' is {_shown(repr(data.get('format')), 40)})"
        )
    version = _need(data, "version", int, name)
    if version > VERSION:
        raise SaveError(
            f"{name}: made by a newer version of the game "
            f"(save version {_shown(str(version), 20)}; "
            f"this game reads up to {VERSION}): update the game to open it"
        )
    if version < 1:
        raise SaveError(
            f"{name}: field 'version' should be 1 or more, got {_shown(str(version), 20)}"
        )
    checksum = _need(data, "checksum", str, name)
    body = {k: v for k, v in data.items() if k != "checksum"}
    try:
        expected = _checksum(body)
    except ValueError:
        raise SaveError(f"{name}: corrupt save (a number is not finite)") from None
    if checksum != expected:
        raise SaveError(f"{name}: the save is corrupt or was edited (its checksum does not match)")
    if version in RETIRED:
        raise older(name, version, RETIRED[version])


def _game_fields(data: dict[str, Any], name: str) -> tuple[str, int, list[Any], list[Any], str]:
    """The scenario id, seed, seats, turns' orders and state digest, each of its type and within
    its limits."""
    scenario_id = _need(data, "scenario", str, name)
    seed = _need(data, "seed", int, name)
    seats = _need(data, "seats", list, name)
    turns = _need(data, "orders", list, name)
    digest = _need(data, "state_digest", str, name)
    turn = _need(data, "turn", int, name)
    if not 0 <= seed <= MAX_SEED:
        raise SaveError(
            f"{name}: field 'seed' should be from 0 to {MAX_SEED}, got {_shown(str(seed), 30)}"
        )
    if len(turns) > MAX_TURNS:
        raise SaveError(
            f"{name}: field 'orders' holds {len(turns)} turns; a game has at most {MAX_TURNS}"
        )
    if not all(isinstance(s, str) and len(s) <= 64 for s in seats) or len(seats) > 64:
        raise SaveError(f"{name}: field 'seats' should be a list of seats such as \"ai:hawk\"")
    if turn != len(turns):
        raise SaveError(
            f"{name}: field 'turn' is {_shown(str(turn), 20)} but the save holds "
            f"{len(turns)} turns "
            "(the save was edited or damaged)"
        )
    return scenario_id, seed, seats, turns, digest


def _saved_scenario(
    data: dict[str, Any], name: str, scenario_id: str, scenario: Scenario | None
) -> Scenario:
    """The save's scenario: ``scenario`` if given, else the text it carries, else the shipped
    one it names; with the save's own number of turns if it has one."""
    if scenario is None and "scenario_source" in data:
        source = _need(data, "scenario_source", str, name)
        try:
            scenario = load_text(source, f"{name} (its scenario)", scenario_id)
        except ScenarioError as exc:
            raise SaveError(f"{name}: field 'scenario_source': {exc}") from None
    if scenario is None:
        # A save names a shipped scenario by its id, never a path: a save must not make the
        # game open a file (a teacher's own scenario travels inside the save instead).
        if scenario_id not in builtin_ids():
            raise SaveError(
                f"{name}: field 'scenario': {json.dumps(_shown(scenario_id, 40))} is not a "
                f"shipped scenario (expected one of: {', '.join(builtin_ids())}; a save of "
                "another scenario carries it in 'scenario_source')"
            )
        try:
            scenario = load_builtin(scenario_id)
        except ScenarioError as exc:
            raise SaveError(f"{name}: field 'scenario': {exc}") from None
    if "turns" in data:
        limit = _need(data, "turns", int, name)
        if not 1 <= limit <= MAX_TURNS:
            raise SaveError(
                f"{name}: field 'turns' should be from 1 to {MAX_TURNS}, "
                f"got {_shown(str(limit), 20)}"
            )
        scenario = dataclasses.replace(scenario, params=scenario.params.replace(turns=limit))
    return scenario


def _saved_orders(entry: Any, where: str, n: int) -> tuple[np.ndarray, np.ndarray, list[Action]]:
    """One saved turn's spending (``n`` x 5), cuts (``n``) and diplomatic actions."""
    if not isinstance(entry, dict):
        raise SaveError(f"{where}: expected an object with 'spend' and 'cut'")
    try:
        spend = np.asarray(entry["spend"], dtype=float)
        cut = np.asarray(entry["cut"], dtype=float)
    except (KeyError, TypeError, ValueError, OverflowError):
        raise SaveError(
            f"{where}: expected 'spend' ({n} x 5 numbers) and 'cut' ({n} numbers)"
        ) from None
    if spend.shape != (n, 5) or cut.shape != (n,):
        raise SaveError(f"{where}: expected 'spend' ({n} x 5 numbers) and 'cut' ({n} numbers)")
    raw_actions = entry.get("actions", [])
    if not isinstance(raw_actions, list):
        raise SaveError(f"{where}: 'actions' should be a list")
    try:
        actions = [Action.from_dict(_action_fields(a)) for a in raw_actions]
    except (TypeError, ValueError, OverflowError) as exc:
        raise SaveError(f"{where}: an action is malformed ({_shown(str(exc))})") from None
    return spend, cut, actions


def _replay_turn(session: Session, entry: Any, where: str) -> None:
    """Play one saved turn: the human seats' orders as saved, the AI seats' recomputed; the
    turn played must be the turn saved."""
    scenario = session.scenario
    spend, cut, actions = _saved_orders(entry, where, len(scenario.states))
    humans = {scenario.names[i] for i in session.human_seats}
    mine = [a for a in actions if a.actor in humans]
    if session.over:
        raise SaveError(f"{where}: the game was already over before this turn")
    human = {
        i: StateOrder(
            reach=float(spend[i][0]),
            shield=float(spend[i][1]),
            hardening=float(spend[i][2]),
            intel=float(spend[i][3]),
            civilian=float(spend[i][4]),
            cut=float(cut[i]),
        )
        for i in session.human_seats
    }
    try:
        session.play_turn(human, mine)
    except (IllegalOrder, ValueError) as exc:  # ValueError: an action naming no state
        raise SaveError(f"{where}: illegal orders ({_shown(str(exc), 200)})") from None
    played = session.history[-1].orders
    played_actions = (
        [] if played.diplomacy is None else to_actions(played.diplomacy, scenario.names)
    )
    same = np.array_equal(played.spend[0], spend) and np.array_equal(played.cut[0], cut)
    if not same or played_actions != actions:
        raise Unreproduced(
            f"{where}: the replay does not reproduce the saved orders "
            "(the save was edited, or the rules changed since it was written)"
        )


def load_save(path: str | os.PathLike[str]) -> Session:
    """Load and verify a save file; :class:`SaveError` with one line if it cannot be used.

    The file must be an ordinary file of at most :data:`game.limits.MAX_SAVE_BYTES`, with JSON
    nested at most :data:`game.limits.MAX_JSON_DEPTH` deep: anything else is refused before it
    is parsed."""
    p = Path(path)
    name = _shown(p.name)
    try:
        text = read_bounded(p, MAX_SAVE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save file") from None
    except Unreadable as exc:
        raise SaveError(f"{name}: cannot be read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SaveError(f"{name}: cannot be read (not UTF-8 text at byte {exc.start})") from None
    try:
        data = parse_json(text)
    except Unreadable as exc:
        raise SaveError(f"{name}: corrupt save ({exc})") from None
    return from_dict(data, name)


def _shown(text: str, limit: int = 80) -> str:
    """A name from outside (a file name, a field) on one short line: control characters and
    newlines escaped, long ones cut."""
    clean = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return clean if len(clean) <= limit else clean[: limit - 3] + "..."
