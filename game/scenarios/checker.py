"""The checker every part of the loader reports to, and the checks on references to states.

:class:`_Checker` collects problems in file order (each check returns the clean value or None)
and raises them together as one :class:`ScenarioError`; :func:`_show` writes a value back as a
reader wrote it in TOML. :func:`_state_ref`, :func:`_two_states` and :func:`_ordered_pair` read
the state names that links, deployments, targeting, treaties and bets refer to.
"""

from __future__ import annotations

import difflib
import json
import math
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any

from game.scenarios.model import ScenarioError
from game.scenarios.rules import _Range

_MISSING: Any = object()
#: Decimal places a scenario's numbers are read to (``docs/scenario-format.md``).
DECIMALS = 9


def _show(value: Any) -> str:
    """A value as a reader wrote it in TOML, on one short line."""
    if value is _MISSING:
        return "nothing (the field is missing)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        s = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, int | float):
        s = repr(value)
    elif isinstance(value, list):
        s = "[" + ", ".join(_show(v) for v in value) + "]"
    else:
        s = f"a {type(value).__name__} ({value})"
    return s if len(s) <= 60 else s[:57] + "..."


#: Bidi embedding, override and isolate characters: they can make text read other than it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(ch: str) -> bool:
    """A control character (other than a line break or a tab) or a bidi control: text a player
    reads never holds one (a NUL cannot even be drawn)."""
    return (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in _BIDI_CONTROLS


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    """Collects problems in file order; each check returns the clean value or None."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[tuple[str, str]] = []

    def fail(self, field: str, problem: str) -> None:
        self.problems.append((field, problem))

    def expect(self, field: str, expected: str, got: Any) -> None:
        self.fail(field, f"expected {expected}, got {_show(got)}")

    def raise_if_any(self) -> None:
        if self.problems:
            (field, problem), *rest = self.problems
            more = [ScenarioError(self.file, f, p).problems[0] for f, p in rest]
            raise ScenarioError(self.file, field, problem, more)

    # Shapes of values.

    def keys(self, prefix: str, table: dict[str, Any], allowed: Sequence[str]) -> None:
        for key in table:
            if key in allowed:
                continue
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]}?)" if near else ""
            self.fail(
                _join(prefix, key), f"unknown key{hint}; expected one of: {', '.join(allowed)}"
            )

    def table(self, field: str, value: Any, required: bool = True) -> dict[str, Any] | None:
        if value is _MISSING and not required:
            return {}
        if not isinstance(value, dict):
            self.expect(field, f"a table ([{field}])", value)
            return None
        return value

    def tables(self, field: str, value: Any, required: bool = True) -> list[Any] | None:
        if value is _MISSING and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.expect(field, f"an array of tables ([[{field}]])", value)
            return None
        return value

    def number(self, field: str, value: Any, rule: _Range, default: Any = _MISSING) -> Any:
        if value is _MISSING and default is not _MISSING:
            return default
        # Read to DECIMALS places: a vanishing amount (1e-311 reach) is none at all, so no
        # subnormal number ever reaches the engine's divisions.
        try:
            x = round(float(value), DECIMALS) + 0.0 if _is_number(value) else math.nan
        except OverflowError:  # a whole number too large for a float
            x = math.nan
        if not math.isfinite(x) or not rule.ok(x):
            self.expect(field, rule.text(), value)
            return None
        return x

    def integer(
        self, field: str, value: Any, lo: int, hi: int, default: Any = _MISSING, why: str = ""
    ) -> Any:
        if value is _MISSING and default is not _MISSING:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            what = f"a whole number from {lo} to {hi}" + (f" ({why})" if why else "")
            self.expect(field, what, value)
            return None
        return value

    def boolean(self, field: str, value: Any, default: bool) -> bool:
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.expect(field, "true or false", value)
            return default
        return value

    def string(self, field: str, value: Any, one_line: bool = False) -> str | None:
        what = "a non-empty one-line string" if one_line else "a non-empty string"
        if not isinstance(value, str) or not value.strip():
            self.expect(field, what, value)
            return None
        clean = textwrap.dedent(value).strip()
        if one_line and "\n" in clean:
            self.expect(field, what, value)
            return None
        bad = next((ch for ch in clean if _hidden(ch)), None)
        if bad is not None:
            self.fail(
                field,
                f"expected text without control or bidi-override characters, got "
                f"U+{ord(bad):04X} in {_show(value)}",
            )
            return None
        return clean

    def strings(self, field: str, value: Any, at_least: int) -> tuple[str, ...] | None:
        what = f"an array of at least {at_least} non-empty string{'s' if at_least > 1 else ''}"
        if not isinstance(value, list) or len(value) < at_least:
            self.expect(field, what, value)
            return None
        out = [self.string(f"{field}[{k}]", v) for k, v in enumerate(value)]
        return None if any(v is None for v in out) else tuple(v for v in out if v is not None)

    def choice(self, field: str, value: Any, options: Sequence[str]) -> str | None:
        if value not in options or not isinstance(value, str):
            self.expect(field, "one of " + ", ".join(f'"{o}"' for o in options), value)
            return None
        return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _state_ref(c: _Checker, field: str, value: Any, names: list[str]) -> int | None:
    if not isinstance(value, str) or value not in names:
        c.expect(field, "the name of a state (" + ", ".join(names) + ")", value)
        return None
    return names.index(value)


def _two_states(c: _Checker, field: str, value: Any, names: list[str]) -> tuple[int, int] | None:
    """Two different states named as ``["A", "B"]``."""
    if not isinstance(value, list) or len(value) != 2:
        c.expect(field, 'two state names, as in ["A", "B"]', value)
        return None
    a, b = (_state_ref(c, f"{field}[{k}]", v, names) for k, v in enumerate(value))
    if a is not None and a == b:
        c.expect(field, "two different states", value)
        return None
    return None if a is None or b is None else (a, b)


def _ordered_pair(
    c: _Checker,
    at: str,
    row: dict[str, Any],
    names: list[str],
    keys: tuple[str, str],
    seen: dict[tuple[int, int], int],
    index: int,
    once: str,
) -> tuple[int | None, int | None]:
    """The two different states a row names under ``keys`` (e.g. patron and host), each pair
    listed once: ``once`` says what the second must be when the pair is listed already (with
    ``{other}`` for the earlier row's index)."""
    first_key, second_key = keys
    first = _state_ref(c, f"{at}.{first_key}", row.get(first_key, _MISSING), names)
    second = _state_ref(c, f"{at}.{second_key}", row.get(second_key, _MISSING), names)
    if first is not None and first == second:
        c.expect(f"{at}.{second_key}", f"a state other than the {first_key}", row[second_key])
        return first, None
    if first is not None and second is not None:
        if (first, second) in seen:
            c.expect(
                f"{at}.{second_key}", once.format(other=seen[(first, second)]), row[second_key]
            )
        seen.setdefault((first, second), index)
    return first, second
