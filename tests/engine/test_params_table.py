"""Every parameter is declared once, in ``game.engine.params.PARAMETERS``: ``Params``, the loader's
checks and the reference tables of docs/scenario-format.md are its, and these tests say so."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.engine.params import PARAMETERS, SECTIONS
from game.engine.state import Params
from game.scenarios.rules import PARAM_RULES, params_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
#: Settings of Params that are not numbers of the rules, checked apart by the loader.
APART = ("turns", "categories", "diplomacy")


def test_params_has_one_typed_field_per_row_in_order():
    fields = [f for f in dataclasses.fields(Params) if f.name not in APART]
    assert [f.name for f in fields] == [p.name for p in PARAMETERS]
    for f, p in zip(fields, PARAMETERS, strict=True):
        assert f.default == p.default and type(f.default) is p.kind, p.name
        assert f.type == ("int" if p.kind is int else "Scalar"), (p.name, f.type)


def test_no_field_of_params_is_typed_any():
    assert [f.name for f in dataclasses.fields(Params) if "Any" in str(f.type)] == []


def test_every_row_is_complete_and_its_default_within_its_range():
    assert len({p.name for p in PARAMETERS}) == len(PARAMETERS)
    for p in PARAMETERS:
        assert p.unit and p.meaning and p.section in SECTIONS, p.name
        assert p.bounds.lo <= p.default <= p.bounds.hi, p.name
        assert not p.bounds.whole or isinstance(p.default, int), p.name


def test_the_loader_checks_the_tables_ranges():
    assert list(PARAM_RULES) == [p.name for p in PARAMETERS]
    for p in PARAMETERS:
        rule = PARAM_RULES[p.name]
        assert (rule.lo, rule.hi, rule.whole, rule.why) == (
            p.bounds.lo,
            p.bounds.hi,
            p.bounds.whole,
            p.bounds.why,
        )
        assert rule.ok(p.default)
        assert not rule.ok(p.bounds.hi + 1) and not rule.ok(p.bounds.lo - 1)


@pytest.mark.parametrize("section", list(SECTIONS))
def test_the_format_page_shows_the_table(section):
    """Each section of docs/scenario-format.md holds the table made from the rows, verbatim,
    under its heading (run ``params_table(section)`` to rewrite it)."""
    doc = DOC.read_text(encoding="utf-8")
    heading = f"### {SECTIONS[section]}\n"
    assert heading in doc
    body = doc.split(heading, 1)[1].split("\n### ", 1)[0]
    assert params_table(section) in body, params_table(section)
