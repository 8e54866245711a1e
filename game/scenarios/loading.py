"""Loading: TOML text to a checked :class:`Scenario`, from a file, a save or the shipped games.

:func:`_parse` assembles the parts that :mod:`game.scenarios.board` and
:mod:`game.scenarios.teaching` check, and raises every problem found at once.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

from game.limits import MAX_JSON_DEPTH, MAX_SCENARIO_BYTES, Unreadable, depth, read_bounded
from game.scenarios.board import (
    _parse_deployments,
    _parse_links,
    _parse_params,
    _parse_seats,
    _parse_states,
    _parse_targeting,
    _parse_treaties,
)
from game.scenarios.checker import _MISSING, _Checker
from game.scenarios.model import FORMAT, Scenario, ScenarioError
from game.scenarios.rules import _TOP_KEYS
from game.scenarios.teaching import _parse_text

_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
_SYNTAX_RE = re.compile(
    r"^(?P<what>.*?)\s*\((?:at line (?P<line>\d+), column (?P<col>\d+)|"
    r"at end of document)\)$"
)


def _parse(data: dict[str, Any], file: str, stem: str, path: str) -> Scenario:
    c = _Checker(file)
    c.keys("", data, _TOP_KEYS)

    sid = c.string("id", data.get("id", _MISSING), one_line=True)
    if sid is not None:
        if not _ID_RE.fullmatch(sid):
            c.expect("id", "lower-case letters, digits and _ (starting with a letter)", sid)
        elif sid != stem:
            c.expect("id", f'the file name without .toml ("{stem}")', sid)
    fmt = data.get("format", _MISSING)
    if type(fmt) is not int or fmt != FORMAT:
        c.expect("format", f"{FORMAT} (the format this version of the game reads)", fmt)

    params = _parse_params(c, data.get("params", _MISSING))
    names, states, looks = _parse_states(c, data.get("states", _MISSING), params)
    links = _parse_links(c, data.get("links", _MISSING), names, params)
    deployments = _parse_deployments(c, data.get("deployments", _MISSING), names)
    treaties = _parse_treaties(c, data.get("treaties", _MISSING), names)
    targeting = _parse_targeting(c, data.get("targeting", _MISSING), names)
    seats = _parse_seats(c, data.get("seats", _MISSING), names)
    text = _parse_text(c, data.get("text", _MISSING), names)
    bet = text["bet"] if text is not None else None
    if bet is not None:  # a bet the game never reaches would never be asked or revealed
        last = int(params.turns)
        for key in ("ask_before", "reveal_after"):
            if getattr(bet, key) > last:
                c.expect(
                    f"text.bet.{key}",
                    f"a turn of this game (1 to params.turns = {last})",
                    getattr(bet, key),
                )

    c.raise_if_any()
    assert states is not None and looks is not None and sid is not None and text is not None
    assert links is not None and deployments is not None and seats is not None
    assert treaties is not None and targeting is not None
    return Scenario(
        id=sid,
        title=text["title"],
        summary=text["summary"],
        intro=text["intro"],
        objectives=text["objectives"],
        questions=text["questions"],
        params=params,
        states=tuple(states),
        links=tuple(links),
        deployments=tuple(deployments),
        treaties=tuple(treaties),
        targeting=tuple(targeting),
        looks=tuple(looks),
        texts=text["states"],
        default_seats=seats,
        path=path,
        idea=text["idea"] or text["summary"],
        picture=text["picture"],
        bet=text["bet"],
        quiz=text["quiz"],
    )


def _from_bytes(raw: bytes, file: str, stem: str, path: str) -> Scenario:
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ScenarioError(
            file, f"byte {err.start}", "expected UTF-8 text, got bytes that are not UTF-8"
        ) from None
    source = source.removeprefix("\ufeff")  # a byte-order mark some editors add
    if len(raw) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            file, "", f"too large ({len(raw)} bytes; the limit is {MAX_SCENARIO_BYTES})"
        )
    try:
        data = tomllib.loads(source)
    except RecursionError:
        raise ScenarioError(
            file, "", f"not valid TOML: nested more than {MAX_JSON_DEPTH} levels deep"
        ) from None
    except tomllib.TOMLDecodeError as err:
        m = _SYNTAX_RE.match(str(err))
        if m is None:
            where, what = "", str(err)
        else:
            what = m["what"]
            where = f"line {m['line']}, column {m['col']}" if m["line"] else "end of file"
        what = what[:1].lower() + what[1:]
        raise ScenarioError(file, where, f"not valid TOML: {what}") from None
    if depth(data) > MAX_JSON_DEPTH:
        raise ScenarioError(file, "", f"nested more than {MAX_JSON_DEPTH} levels deep")
    data = _nfc(data)
    return dataclasses.replace(_parse(data, file, stem, path), source=source)


def _nfc(value: Any) -> Any:
    """Every string of the parsed file (keys too) in Unicode NFC, so that a name typed with a
    combining accent and the same name typed precomposed are one name everywhere."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def load_text(source: str, file: str, stem: str) -> Scenario:
    """A scenario from its TOML text (as a save embeds it); ``file`` names it in errors and
    ``stem`` is the id it must have."""
    return _from_bytes(source.encode("utf-8"), file, stem, "")


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate the scenario file at ``path``; raise :class:`ScenarioError` if unsound."""
    p = Path(path)
    try:
        raw = read_bounded(p, MAX_SCENARIO_BYTES)
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "no such file") from None
    except Unreadable as err:
        raise ScenarioError(str(path), "", str(err)) from None
    return _from_bytes(raw, str(path), p.stem, str(p))


def _builtin_dir() -> Any:
    return resources.files("game.assets") / "scenarios"


def builtin_ids() -> list[str]:
    """The ids of the scenarios shipped with the game, sorted."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _builtin_dir().iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    )


def load_builtin(scenario_id: str) -> Scenario:
    """Load a scenario shipped with the game (from a wheel or a source checkout alike)."""
    entry = _builtin_dir() / f"{scenario_id}.toml"
    if not _ID_RE.fullmatch(scenario_id) or not entry.is_file():
        raise ScenarioError(
            f"scenario {json.dumps(scenario_id)}",
            "",
            "unknown scenario id; expected one of: "
            + ", ".join(builtin_ids())
            + " (or a path to a .toml file)",
        )
    return _from_bytes(entry.read_bytes(), f"{scenario_id}.toml", scenario_id, str(entry))


def load(id_or_path: str | Path) -> Scenario:
    """A shipped scenario by id (``"the_shield"``) or a scenario file by path (``x.toml``)."""
    text = str(id_or_path)
    if (
        isinstance(id_or_path, Path)
        or text.lower().endswith(".toml")
        or "/" in text
        or "\\" in text
    ):
        return load_scenario(id_or_path)
    return load_builtin(text)
