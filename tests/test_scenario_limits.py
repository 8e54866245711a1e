"""Every number a scenario file may hold keeps the engine finite.

The loader's ranges (:data:`game.scenarios.PARAM_RULES`, :data:`game.scenarios.STATE_RULES`) are
closed and finite; a scenario drawn anywhere inside them, extremes included, plays without a NaN
or an infinity. The ranges in ``docs/scenario-format.md`` are the loader's own.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.state import Params
from game.scenarios import PARAM_RULES, STATE_RULES, ScenarioError, load_text
from game.scenarios.rules import MAX_STOCK, doc_range
from game.session import Session

#: Params fields checked apart from the number ranges.
_APART = ("turns", "categories", "diplomacy")
DOC = Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md"


def _value(rule):
    """Numbers inside a range, its ends weighted up (the engine breaks at the edges)."""
    if rule.whole:
        return st.integers(int(rule.lo), int(rule.hi))
    lo, hi = float(rule.lo), float(rule.hi)
    inner = st.floats(lo, hi, exclude_min=rule.lo_open, exclude_max=rule.hi_open)
    ends = [x for x, open_ in ((lo, rule.lo_open), (hi, rule.hi_open)) if not open_]
    return st.one_of(st.sampled_from(ends), inner) if ends else inner


@st.composite
def scenarios(draw):
    keys = draw(st.lists(st.sampled_from(sorted(PARAM_RULES)), unique=True, max_size=20))
    params = {k: draw(_value(PARAM_RULES[k])) for k in keys}
    n = draw(st.integers(2, 4))
    shapes = ["circle", "square", "triangle", "diamond"]
    names = ["Aurum", "Brisa", "Veyra", "Ostrel"][:n]
    hmax = params.get("hardening_max", 0.9)
    lines = ['id = "drawn"', "format = 1", "[params]", "turns = 6"]
    lines += [f"{k} = {v!r}" for k, v in params.items()]
    for i, name in enumerate(names):
        lines += ["[[states]]", f'name = "{name}"', f'shape = "{shapes[i]}"']
        lines.append(f"position = [{i / 4}, {1 - i / 4}]")
        for key, rule in STATE_RULES.items():
            if draw(st.booleans()):
                r = rule if key != "hardening" else type(rule)(0.0, float(hmax))
                lines.append(f"{key} = {draw(_value(r))!r}")
    lines += ["[[links]]", f'between = ["{names[0]}", "{names[1]}"]', "alliance = true"]
    lines += ["[[deployments]]", f'patron = "{names[0]}"', f'host = "{names[1]}"']
    lines.append(f"reach = {draw(_value(type(STATE_RULES['reach'])(0.0, MAX_STOCK)))!r}")
    lines += ["[[treaties]]", 'kind = "shield_cap"', f'parties = ["{names[0]}", "{names[-1]}"]']
    lines.append(f"cap = {draw(st.floats(0.0, MAX_STOCK))!r}")
    lines += ["[seats]", "default = [" + ", ".join('"ai:hawk"' for _ in names) + "]"]
    lines += ["[text]", 'title = "Drawn"', 'summary = "A drawn scenario."', 'intro = "Drawn."']
    lines += ['objectives = ["Play."]', 'questions = ["One?", "Two?", "Three?"]']
    for name in names:
        lines += [f"[text.states.{name}]", 'role = "a state"', 'description = "Drawn."']
    return "\n".join(lines) + "\n"


def _finite(world) -> list[str]:
    return [
        key
        for key, arr in world.arrays().items()
        if np.asarray(arr).dtype.kind == "f" and not np.isfinite(arr).all()
    ]


@settings(max_examples=60)
@given(text=scenarios(), seed=st.integers(0, 2**32))
def test_any_scenario_the_checker_accepts_plays_to_a_finite_world(text, seed):
    scenario = load_text(text, "drawn.toml", "drawn")  # accepted: every number is in range
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # an overflow or 0/0 is a failure
        session = Session.new(scenario, seed, list(scenario.default_seats))
        for _ in range(4):
            if session.over:
                break
            session.play_turn()
            assert _finite(session.world) == []


def _with(text: str, section: str, line: str) -> str:
    """``text`` with ``line`` set in the first ``section`` table (replacing the key if there)."""
    key = line.split(" = ")[0]
    head, sep, rest = text.partition(section + "\n")
    end = rest.find("\n[")
    block, tail = rest[:end], rest[end:]
    block, n = re.subn(rf"^{key} = .*$", line, block, count=1, flags=re.M)
    return head + sep + (block if n else line + "\n" + block) + tail


@pytest.mark.parametrize(
    "line, field",
    [
        ("economy = 5e-324", "states[0].economy"),
        ("reach_cost = 1e-308", "params.reach_cost"),
        ("noise = 1e308", "params.noise"),
        ("shield_efficiency = 1e-300", "params.shield_efficiency"),
        ("investment_return = 1e300", "params.investment_return"),
        ("tension_arms = 1e308", "params.tension_arms"),
        ("host_suppression = -5.0", "params.host_suppression"),
        ("reach = 1e308", "states[0].reach"),
    ],
)
def test_numbers_that_broke_the_engine_are_refused_by_the_checker(line, field):
    base = (Path(__file__).resolve().parents[1] / "assets/scenarios/the_shield.toml").read_text()
    section = "[params]" if field.startswith("params.") else "[[states]]"
    text = _with(base, section, line)
    with pytest.raises(ScenarioError, match=re.escape(field) + r": expected a (whole )?number"):
        load_text(text, "the_shield.toml", "the_shield")


def _param_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(Params) if f.name not in _APART]


def test_every_parameter_has_a_finite_rule():
    assert [k for k in _param_fields() if k not in PARAM_RULES] == []


def test_every_range_in_the_docs_is_the_loaders():
    doc = DOC.read_text(encoding="utf-8")
    for key in _param_fields():
        assert f"| `{key}` | {doc_range(PARAM_RULES[key])} |" in doc, key
    for key, rule in STATE_RULES.items():
        if key != "hardening":  # documented as 0 to params.hardening_max
            assert f"| `{key}` | number | {doc_range(rule)} |" in doc, key


def test_every_range_is_closed_and_finite():
    for key, rule in {**PARAM_RULES, **STATE_RULES}.items():
        assert np.isfinite([rule.lo, rule.hi]).all(), key
