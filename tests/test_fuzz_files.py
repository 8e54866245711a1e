"""A hostile-corpus-style fuzz of the files the game reads: scenarios and saves.

Hypothesis mutates a real scenario and a real save with malformed, extreme and hostile values
(wrong types, non-finite and huge numbers, deep nesting, control characters, paths). Whatever
it draws, the loader answers with the game's own one-line error (or loads the file): never
another exception, and ``check-scenario`` never reaches the "unexpected ... please report it"
trap.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.saves import SaveError, dumps, load_save
from game.scenarios import ScenarioError, load, load_text
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
SHIELD = (ROOT / "assets/scenarios/the_shield.toml").read_text(encoding="utf-8")

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "A\u202eB",
        "\u200b",
        "$\\undefinedcmd$",
        '=HYPERLINK("x")',
        "/dev/zero",
        "/dev/stdin",
        "../../etc/passwd",
        "the_shield.toml",
        "x" * 5000,
        "Aurum",
        "human",
        "ai:hawk",
        "ai:",
        "nan",
        "inf",
    ]
)
HOSTILE_NUMBER = st.one_of(
    st.sampled_from([0, -1, 1, 2**63, 10**400, -(10**30), 1e308, -1e308, 5e-324, 0.5, 1e-300]),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)


def toml_value(draw_value) -> str:
    """A Python value written as TOML (inf and nan included)."""
    if isinstance(draw_value, bool):
        return "true" if draw_value else "false"
    if isinstance(draw_value, float):
        if math.isnan(draw_value):
            return "nan"
        if math.isinf(draw_value):
            return "inf" if draw_value > 0 else "-inf"
        return repr(draw_value)
    if isinstance(draw_value, int):
        return str(draw_value)
    if isinstance(draw_value, str):
        return json.dumps(draw_value)
    if isinstance(draw_value, list):
        return "[" + ", ".join(toml_value(v) for v in draw_value) + "]"
    raise TypeError(draw_value)


TOML_VALUES = st.recursive(
    st.one_of(HOSTILE_NUMBER, HOSTILE_TEXT, st.booleans(), st.just(math.inf), st.just(math.nan)),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)

#: Lines of the_shield.toml that set a value (``key = value``), as (line number, key).
ASSIGNMENTS = [
    (n, line.split("=", 1)[0].strip())
    for n, line in enumerate(SHIELD.splitlines())
    if "=" in line
    and not line.lstrip().startswith("#")
    and line.split("=", 1)[0].strip().isidentifier()
    and not line.rstrip().endswith(('"""', "["))
]


@st.composite
def mutated_scenarios(draw) -> str:
    lines = SHIELD.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        n, key = draw(st.sampled_from(ASSIGNMENTS))
        lines[n] = f"{key} = {toml_value(draw(TOML_VALUES))}"
    if draw(st.booleans()):  # a structural mutation too
        n = draw(st.integers(0, len(lines) - 1))
        lines.insert(
            n,
            draw(st.sampled_from(["[params]", "[[states]]", "x = 1", "= =", "[", "a = [[[[1]]]]"])),
        )
    return "\n".join(lines) + "\n"


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_scenarios())
def test_a_mutated_scenario_loads_or_gets_one_clear_error(text):
    try:
        sc = load_text(text, "the_shield.toml", "the_shield")
    except ScenarioError as err:
        assert all("\n" not in p for p in err.problems)
        return
    session = Session.new(sc, 0, ["ai:baseline"] * len(sc.states))
    session.play_turn()


@settings(
    max_examples=30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_scenarios())
def test_check_scenario_never_reaches_the_unexpected_trap(tmp_path, capsys, text):
    from game.cli import main

    path = tmp_path / "the_shield.toml"
    path.write_text(text, encoding="utf-8")
    status = main(["check-scenario", str(path)])
    err = capsys.readouterr().err
    assert status in (0, 2)
    assert "unexpected" not in err


@pytest.fixture(scope="module")
def save_body() -> dict:
    session = Session.new(load("sandbox"), 2)
    session.play_turn()
    session.play_turn()
    return json.loads(dumps(session))


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        HOSTILE_NUMBER,
        HOSTILE_TEXT,
        st.sampled_from([1e400, -1e400]),  # written as inf: not JSON, refused by the parser
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(HOSTILE_TEXT, inner, max_size=3)
    ),
    max_leaves=10,
)


def _paths(value, prefix=()):
    """Every path into a JSON value (keys and list indices)."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _paths(v, (*prefix, i))


@settings(
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), reseal=st.booleans())
def test_a_mutated_save_loads_or_gets_one_clear_error(tmp_path, save_body, data, reseal):
    from game.saves import _checksum

    body = json.loads(json.dumps(save_body))
    paths = [p for p in _paths(body) if p and p[0] != "checksum"]
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths))
        parent = body
        for k in where[:-1]:
            parent = parent[k]
        try:
            parent[where[-1]] = data.draw(JSON_VALUES)
        except (IndexError, KeyError, TypeError):
            pass
        paths = [p for p in _paths(body) if p and p[0] != "checksum"]
    if reseal:  # anyone can recompute the checksum: the replay must still hold
        try:
            body["checksum"] = _checksum({k: v for k, v in body.items() if k != "checksum"})
        except (ValueError, TypeError):
            pass
    path = tmp_path / "fuzzed.json"
    try:
        text = json.dumps(body)
    except (ValueError, TypeError):
        return
    path.write_text(text, encoding="utf-8")
    try:
        load_save(path)
    except SaveError as err:
        assert "\n" not in str(err)
