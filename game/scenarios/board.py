"""The board and its rules: ``[params]`` (budget categories and diplomacy groups among them),
``[[states]]``, ``[[links]]``, ``[[deployments]]``, ``[[treaties]]``, ``[[targeting]]`` and
``[seats]``."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

from game.engine.actions import CAPPED, TREATY_KINDS
from game.engine.state import (
    CATEGORIES,
    DIPLOMACY_GROUPS,
    KINDS,
    TREATY_SLOTS,
    Deployment,
    Link,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
)
from game.scenarios.checker import (
    _MISSING,
    _Checker,
    _is_number,
    _ordered_pair,
    _show,
    _state_ref,
    _two_states,
)
from game.scenarios.model import MAX_NAME, MAX_STATES, MAX_TURNS, MIN_STATES, SHAPES, StateLook
from game.scenarios.rules import (
    _DEPLOYMENT_KEYS,
    _LINK_KEYS,
    _LINK_RULES,
    _NON_NEGATIVE,
    _SEAT_KEYS,
    _STATE_KEYS,
    _TARGETING_KEYS,
    _TREATY_KEYS,
    MAX_STOCK,
    PARAM_RULES,
    STATE_RULES,
    _Range,
)

_SEAT_RE = re.compile(r"human|ai:[a-z][a-z0-9_]*")
#: Marks a state's name may hold besides letters, digits and single spaces.
NAME_MARKS = "-'."
NAME_RULE = (
    f"a name of letters, digits, single spaces and the marks {' '.join(NAME_MARKS)}, starting "
    "with a letter (no control, formatting, bidi or zero-width characters)"
)


def safe_name(name: str) -> bool:
    """Whether ``name`` (already NFC) is in the safe set: letters (with their combining
    accents), digits, single spaces and :data:`NAME_MARKS`, starting with a letter. So a name is
    never markup (no ``$`` for mathtext, no ``<`` for HTML, no leading ``=`` for a spreadsheet),
    never splits a ``--pair A,B`` argument, and never hides behind an invisible character."""
    if not name or not unicodedata.category(name[0]).startswith("L") or "  " in name:
        return False
    for ch in name:
        cat = unicodedata.category(ch)
        if not (cat[0] == "L" or cat in ("Mn", "Mc", "Nd") or ch == " " or ch in NAME_MARKS):
            return False
    return name == name.strip()


def name_key(name: str) -> str:
    """A name as two names are compared: compatibility-normalised and case-folded, so that
    look-alikes such as "Aurum" and "AURUM" or a full-width "Ａｕｒｕｍ" count as the same."""
    return unicodedata.normalize("NFKC", name).casefold()


def _parse_params(c: _Checker, raw: Any) -> Params:
    """Params from [params]; a bad value is reported and replaced by the default."""
    table = c.table("params", raw, required=False)
    if table is None:
        return Params()
    fields = {f.name: f for f in dataclasses.fields(Params)}
    c.keys("params", table, tuple(fields))
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in fields:
            continue
        field = f"params.{key}"
        if key == "turns":
            turns = c.integer(field, value, 1, MAX_TURNS)
            if turns is not None:
                changes[key] = turns
        elif key == "categories":
            cats = _parse_categories(c, field, value)
            if cats is not None:
                changes[key] = cats
        elif key == "diplomacy":
            groups = _parse_groups(c, field, value)
            if groups is not None:
                changes[key] = groups
        else:
            rule = PARAM_RULES.get(key, _Range())
            if rule.whole:
                x = c.integer(field, value, int(rule.lo), int(rule.hi), why=rule.why)
            else:
                x = c.number(field, value, rule)
            if x is not None:
                changes[key] = x
    return Params(**changes)


def _parse_categories(c: _Checker, field: str, value: Any) -> tuple[str, ...] | None:
    allowed = ", ".join(f'"{k}"' for k in CATEGORIES)
    what = f'a non-empty array of distinct budget categories from {allowed}, with "civilian"'
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v in CATEGORIES for v in value)
        or len(set(value)) != len(value)
        or "civilian" not in value
    ):
        c.expect(field, what, value)
        return None
    # Kept in the engine's order, whatever order the file lists them in.
    return tuple(k for k in CATEGORIES if k in value)


def _parse_groups(c: _Checker, field: str, value: Any) -> tuple[str, ...] | None:
    allowed = ", ".join(f'"{k}"' for k in DIPLOMACY_GROUPS)
    what = f"an array of distinct groups of diplomatic actions from {allowed} (or [])"
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) and v in DIPLOMACY_GROUPS for v in value)
        or len(set(value)) != len(value)
    ):
        c.expect(field, what, value)
        return None
    return tuple(k for k in DIPLOMACY_GROUPS if k in value)


def _parse_states(
    c: _Checker, raw: Any, params: Params
) -> tuple[list[str] | None, list[StateSpec] | None, list[StateLook] | None]:
    """States and their looks; the names alone when only they are sound (for later checks)."""
    rows = c.tables("states", raw)
    if rows is None:
        return None, None, None
    if not MIN_STATES <= len(rows) <= MAX_STATES:
        c.fail("states", f"expected {MIN_STATES} to {MAX_STATES} states, got {len(rows)}")
        return None, None, None
    hardening_rule = _Range(0.0, float(params.hardening_max), why="params.hardening_max")
    states: list[StateSpec] = []
    looks: list[StateLook] = []
    names: dict[str, int] = {}
    keys: dict[str, int] = {}  # a name as compared for uniqueness (name_key)
    names_by_index: dict[int, str] = {}
    shapes: dict[str, int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"states[{i}]"
        c.keys(at, row, _STATE_KEYS)
        name = c.string(f"{at}.name", row.get("name", _MISSING), one_line=True)
        if name is not None and len(name) > MAX_NAME:
            c.expect(f"{at}.name", f"a name of at most {MAX_NAME} characters", name)
            name = None
        if name is not None and not safe_name(name):
            c.expect(f"{at}.name", NAME_RULE, name)
            name = None
        if name is not None and name_key(name) in keys:
            other = (
                f"states[{keys[name_key(name)]}] is already {names_by_index[keys[name_key(name)]]}"
            )
            c.expect(f"{at}.name", f"a name no other state has ({other})", name)
            name = None
        if name is not None:
            names[name] = i
            keys[name_key(name)] = i
            names_by_index[i] = name
        shape = c.choice(f"{at}.shape", row.get("shape", _MISSING), SHAPES)
        if shape is not None and shape in shapes:
            other = f"states[{shapes[shape]}] is a {shape}"
            c.expect(f"{at}.shape", f"a shape no other state has ({other})", shape)
            shape = None
        if shape is not None:
            shapes[shape] = i
        position = _parse_position(c, f"{at}.position", row.get("position", _MISSING))
        numbers: dict[str, float] = {}
        for key, rule in STATE_RULES.items():
            value = row.get(key, _MISSING)
            if value is _MISSING:
                continue  # the engine's default (StateSpec)
            x = c.number(f"{at}.{key}", value, hardening_rule if key == "hardening" else rule)
            if x is None:
                ok = False
            else:
                numbers[key] = x
        kind = row.get("kind", None)
        if kind is not None and c.choice(f"{at}.kind", kind, KINDS) is None:
            ok = False
        if name is None or shape is None or position is None:
            ok = False
            continue
        states.append(StateSpec(name=name, kind=kind, **numbers))
        looks.append(StateLook(name=name, shape=shape, position=position))
    name_list = list(names) if len(names) == len(rows) else None
    return (name_list, states, looks) if ok else (name_list, None, None)


def _parse_position(c: _Checker, field: str, value: Any) -> tuple[float, float] | None:
    what = "[x, y], two numbers from 0 to 1"
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(_is_number(v) and 0.0 <= v <= 1.0 for v in value)
    ):
        c.expect(field, what, value)
        return None
    return float(value[0]), float(value[1])


def _parse_links(
    c: _Checker, raw: Any, names: list[str] | None, params: Params
) -> list[Link] | None:
    rows = c.tables("links", raw, required=False)
    if rows is None or names is None:
        return None
    # The engine holds trade ties at params.trade_max or below: more would vanish on turn 1.
    trade_rule = _Range(0.0, float(params.trade_max), why="params.trade_max")
    links: list[Link] = []
    seen: dict[frozenset[int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"links[{i}]"
        c.keys(at, row, _LINK_KEYS)
        between = row.get("between", _MISSING)
        ends = _two_states(c, f"{at}.between", between, names)
        if ends is not None:
            pair = frozenset(ends)
            if pair in seen:
                c.expect(
                    f"{at}.between",
                    f"a pair not linked already (links[{seen[pair]}] links them)",
                    between,
                )
            seen.setdefault(pair, i)
        alliance = c.boolean(f"{at}.alliance", row.get("alliance", _MISSING), False)
        trade = c.number(f"{at}.trade", row.get("trade", _MISSING), trade_rule, 0.0)
        tension = c.number(
            f"{at}.tension", row.get("tension", _MISSING), _LINK_RULES["tension"], 0.0
        )
        if ends is None or trade is None or tension is None:
            ok = False
            continue
        a, b = ends
        links.append(Link(a=a, b=b, alliance=alliance, trade=trade, tension=tension))
    return links if ok else None


def _parse_deployments(c: _Checker, raw: Any, names: list[str] | None) -> list[Deployment] | None:
    rows = c.tables("deployments", raw, required=False)
    if rows is None or names is None:
        return None
    out: list[Deployment] = []
    seen: dict[tuple[int, int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"deployments[{i}]"
        c.keys(at, row, _DEPLOYMENT_KEYS)
        patron, host = _ordered_pair(
            c,
            at,
            row,
            names,
            ("patron", "host"),
            seen,
            i,
            "a host this patron has no other deployment at "
            "(deployments[{other}] is there; add the amounts up)",
        )
        reach = c.number(f"{at}.reach", row.get("reach", _MISSING), _NON_NEGATIVE, 0.0)
        shield = c.number(f"{at}.shield", row.get("shield", _MISSING), _NON_NEGATIVE, 0.0)
        if patron is None or host is None or reach is None or shield is None:
            ok = False
            continue
        out.append(Deployment(patron=patron, host=host, reach=reach, shield=shield))
    return out if ok else None


def _parse_treaties(c: _Checker, raw: Any, names: list[str] | None) -> list[TreatySpec] | None:
    """Treaties in force at the start; ``cap`` belongs to shield caps and reach ceilings only."""
    rows = c.tables("treaties", raw, required=False)
    if rows is None or names is None:
        return None
    if len(rows) > TREATY_SLOTS:
        c.fail(
            "treaties",
            f"expected at most {TREATY_SLOTS} treaties (the engine's treaty slots), "
            f"got {len(rows)}",
        )
        return None
    capped = [TREATY_KINDS[k] for k in CAPPED]
    out: list[TreatySpec] = []
    ok = True
    for i, row in enumerate(rows):
        at = f"treaties[{i}]"
        c.keys(at, row, _TREATY_KEYS)
        kind = c.choice(f"{at}.kind", row.get("kind", _MISSING), TREATY_KINDS)
        parties = _parse_parties(c, f"{at}.parties", row.get("parties", _MISSING), names)
        raw_cap = row.get("cap", _MISSING)
        cap: float | None = 0.0
        if kind in capped:
            stock = "shield" if kind == "shield_cap" else "reach"
            rule = _Range(
                0.0, MAX_STOCK, why=f"the most {stock} each party may keep, at home and abroad"
            )
            cap = c.number(f"{at}.cap", raw_cap, rule)
        elif kind is not None and raw_cap is not _MISSING:
            c.fail(
                f"{at}.cap",
                f"expected no cap on a {kind} treaty (only {' and '.join(capped)} have one), "
                f"got {_show(raw_cap)}",
            )
            cap = None
        verification = c.number(
            f"{at}.verification",
            row.get("verification", _MISSING),
            _Range(0.0, 1.0, why="the chance an inspection catches a cheat"),
            TreatySpec.verification,
        )
        if kind is None or parties is None or cap is None or verification is None:
            ok = False
            continue
        out.append(TreatySpec(kind=kind, parties=parties, cap=cap, verification=verification))
    return out if ok else None


def _parse_parties(c: _Checker, field: str, value: Any, names: list[str]) -> tuple[int, ...] | None:
    if not isinstance(value, list) or len(value) < 2:
        c.expect(field, 'two or more state names, as in ["Aurum", "Veyra"]', value)
        return None
    refs = [_state_ref(c, f"{field}[{k}]", v, names) for k, v in enumerate(value)]
    if any(r is None for r in refs):
        return None
    parties = tuple(r for r in refs if r is not None)
    if len(set(parties)) != len(parties):
        c.expect(field, "different states (each party once)", value)
        return None
    return parties


def _parse_targeting(c: _Checker, raw: Any, names: list[str] | None) -> list[Targeting] | None:
    rows = c.tables("targeting", raw, required=False)
    if rows is None or names is None:
        return None
    out: list[Targeting] = []
    seen: dict[tuple[int, int], int] = {}
    ok = True
    for i, row in enumerate(rows):
        at = f"targeting[{i}]"
        c.keys(at, row, _TARGETING_KEYS)
        source, target = _ordered_pair(
            c,
            at,
            row,
            names,
            ("source", "target"),
            seen,
            i,
            "a target this source does not aim at already (targeting[{other}] does)",
        )
        if source is None or target is None:
            ok = False
            continue
        out.append(Targeting(source=source, target=target))
    return out if ok else None


def _parse_seats(c: _Checker, raw: Any, names: list[str] | None) -> tuple[str, ...] | None:
    table = c.table("seats", raw)
    if table is None:
        return None
    c.keys("seats", table, _SEAT_KEYS)
    value = table.get("default", _MISSING)
    if not isinstance(value, list):
        c.expect("seats.default", 'an array of seats such as ["human", "ai:baseline"]', value)
        return None
    if names is not None and len(value) != len(names):
        c.fail(
            "seats.default",
            f"expected one seat per state ({len(names)}: {', '.join(names)}), "
            f"got {len(value)} seat{'s' if len(value) != 1 else ''}",
        )
        return None
    seats = []
    for k, seat in enumerate(value):
        if not isinstance(seat, str) or not _SEAT_RE.fullmatch(seat):
            c.expect(
                f"seats.default[{k}]",
                '"human" or "ai:NAME" (NAME in lower-case letters, digits and _)',
                seat,
            )
            return None
        seats.append(seat)
    return tuple(seats)
