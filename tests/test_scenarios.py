"""Scenario files: every shipped scenario loads and builds a sound world; every mistake a teacher
can make in a file is reported in one line naming the file, the field and what was expected."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.engine.state import CATEGORIES, Params, StateSpec, check_world
from game.scenarios import (
    PARAM_RULES,
    SHAPES,
    STATE_RULES,
    Scenario,
    ScenarioError,
    builtin_ids,
    load,
    load_builtin,
    load_scenario,
)

# A small sound scenario; each test below breaks one thing in it.
GOOD = '''
id = "{stem}"
format = 1

[text]
title = "Test Board"
summary = "Three states on a test board."
intro = """
First card,
on two lines.

Second card.
"""
objectives = ["Keep the peace."]
questions = ["One?", "Two?", "Three?"]

[text.states.Aurum]
role = "great power"
description = "Big."

[text.states.Brisa]
role = "host"
description = "Small."

[text.states.Veyra]
role = "rival"
description = "Wary."

[params]
turns = 12
shield_efficiency = 1.2
categories = ["civilian", "reach", "shield"]

[[states]]
name = "Aurum"
shape = "circle"
position = [0.5, 0.2]
economy = 120.0
reach = 12.0
hardening = 0.3
tech = 1.6

[[states]]
name = "Brisa"
shape = "square"
position = [0.5, 0.6]
economy = 60

[[states]]
name = "Veyra"
shape = "triangle"
position = [0.2, 0.8]
economy = 100.0
reach = 10.0
kind = "expansionist"

[[links]]
between = ["Aurum", "Brisa"]
alliance = true
trade = 1.0

[[links]]
between = ["Aurum", "Veyra"]
tension = 0.2

[[deployments]]
patron = "Aurum"
host = "Brisa"
shield = 4.0

[seats]
default = ["human", "ai:baseline", "ai:baseline"]
'''


def write(tmp_path: Path, text: str, stem: str = "board") -> Path:
    path = tmp_path / f"{stem}.toml"
    path.write_text(text.replace("{stem}", stem), encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str, stem: str = "board") -> Path:
    """GOOD with one change (which must apply exactly once)."""
    assert GOOD.count(old) == 1, old
    return write(tmp_path, GOOD.replace(old, new), stem)


def error_of(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return info.value


# ---------------------------------------------------------------------------------------------
# Shipped scenarios


def test_builtin_ids_cover_the_shipped_lessons():
    ids = builtin_ids()
    assert ids == sorted(ids)
    assert {"two_neighbours", "the_shield"} <= set(ids)


@pytest.mark.parametrize("scenario_id", builtin_ids())
def test_every_shipped_scenario_loads_and_builds_a_sound_world(scenario_id):
    sc = load_builtin(scenario_id)
    n = len(sc.states)
    assert sc.id == scenario_id
    assert 2 <= n <= 8
    assert len(sc.looks) == len(sc.texts) == len(sc.default_seats) == n
    assert [x.name for x in sc.looks] == [t.name for t in sc.texts] == list(sc.names)
    assert len(sc.questions) >= 3 and sc.objectives and len(sc.intro_cards) >= 2
    assert all(t.role and t.description for t in sc.texts)

    world = sc.initial_world()
    assert world.economy.shape == (1, n)
    assert world.tension.shape == (1, n, n)
    assert world.names == sc.names
    assert check_world(world) == []

    batch = sc.initial_world(np.linspace(0.0, 0.99, 5 * n).reshape(5, n))
    assert batch.batch == 5 and batch.n == n
    assert check_world(batch) == []


def test_two_neighbours_is_a_symmetric_two_button_lesson():
    sc = load("two_neighbours")
    a, b = sc.states
    assert dataclasses.replace(a, name=b.name) == b
    assert sc.params.categories == ("reach", "civilian")
    world = sc.initial_world()
    assert world.tension[0, 0, 1] == world.tension[0, 1, 0]


def test_the_shield_starts_with_a_shield_and_an_allied_host():
    sc = load("the_shield")
    assert sc.names == ("Aurum", "Brisa", "Veyra", "Ostrel")
    assert sc.params.categories == CATEGORIES
    world = sc.initial_world()
    aurum, brisa, veyra, ostrel = (sc.index(n) for n in sc.names)
    assert world.alliance[0, aurum, brisa] == world.alliance[0, brisa, aurum] == 1
    # Aurum's shield, at home or already stationed in Brisa.
    aurum_shield = world.shield[0, aurum] + world.fwd_shield[0, aurum].sum()
    assert aurum_shield > 0
    assert world.trade[0, veyra, ostrel] > 0
    assert world.tension[0, aurum, veyra] > 0 and world.tension[0, aurum, ostrel] > 0
    # Aurum has the budget and the tech; its shield is modest next to the rivals' reach.
    assert world.economy[0].argmax() == aurum and world.tech[0].argmax() == aurum
    assert aurum_shield < min(world.reach[0, veyra], world.reach[0, ostrel])


def test_load_by_path_equals_load_by_id():
    sc = load_builtin("the_shield")
    again = load(sc.path)
    assert dataclasses.replace(again, path=sc.path) == sc


# ---------------------------------------------------------------------------------------------
# A sound file


def test_a_sound_file_loads_with_defaults_and_normalised_categories(tmp_path):
    sc = load_scenario(write(tmp_path, GOOD))
    assert isinstance(sc, Scenario)
    assert sc.params.turns == 12 and sc.params.shield_efficiency == 1.2
    assert sc.params.forward_bonus == Params().forward_bonus  # omitted: the engine default
    assert sc.params.categories == ("reach", "shield", "civilian")  # the engine's order
    brisa = sc.states[sc.index("Brisa")]
    assert brisa == StateSpec(name="Brisa", economy=60.0)
    assert isinstance(brisa.economy, float)
    assert sc.states[2].kind == "expansionist"
    assert sc.look("Veyra").shape == "triangle" and sc.look("Veyra").position == (0.2, 0.8)
    assert sc.text("Aurum").role == "great power"
    assert sc.intro_cards == ("First card, on two lines.", "Second card.")
    assert sc.links[0].a == 0 and sc.links[0].b == 1 and sc.links[0].alliance
    assert sc.deployments[0].patron == 0 and sc.deployments[0].host == 1
    world = sc.initial_world()
    assert world.kind[0, 2] == 1  # fixed kind: expansionist
    assert world.fwd_shield[0, 0, 1] == 4.0
    assert sc.treaties == () and sc.targeting == ()
    assert world.treaty_status.sum() == 0 and world.targeting.sum() == 0
    with pytest.raises(KeyError, match="Aurum, Brisa, Veyra"):
        sc.index("Ostrel")


# ---------------------------------------------------------------------------------------------
# Treaties and targeting at the start

TREATIES = """
[[treaties]]
kind = "shield_cap"
parties = ["Aurum", "Veyra"]
cap = 2
verification = 0.8

[[treaties]]
kind = "forward_ban"
parties = ["Aurum", "Brisa", "Veyra"]

[[targeting]]
source = "Veyra"
target = "Aurum"
"""

# GOOD with a shield at home for Aurum (above the cap) and forward reach at Brisa (under the ban).
GOOD_DIPLOMACY = (
    GOOD.replace("tech = 1.6", "tech = 1.6\nshield = 5.0").replace(
        "shield = 4.0", "shield = 4.0\nreach = 3.0"
    )
    + TREATIES
)


def test_treaties_and_targeting_load_and_start_in_force(tmp_path):
    from game.engine.actions import TREATY_KINDS
    from game.engine.state import Targeting, TreatySpec
    from game.engine.treaties import IN_FORCE

    sc = load_scenario(write(tmp_path, GOOD_DIPLOMACY))
    aurum, brisa, veyra = (sc.index(n) for n in ("Aurum", "Brisa", "Veyra"))
    assert sc.treaties == (
        TreatySpec(kind="shield_cap", parties=(aurum, veyra), cap=2.0, verification=0.8),
        TreatySpec(kind="forward_ban", parties=(aurum, brisa, veyra), cap=0.0, verification=0.5),
    )
    assert isinstance(sc.treaties[0].cap, float)
    assert sc.targeting == (Targeting(source=veyra, target=aurum),)

    world = sc.initial_world()
    assert check_world(world) == []
    assert world.treaty_status[0, 0] == world.treaty_status[0, 1] == IN_FORCE == 2
    assert world.treaty_kind[0, 0] == TREATY_KINDS.index("shield_cap")
    assert world.treaty_kind[0, 1] == TREATY_KINDS.index("forward_ban")
    assert list(world.treaty_signed[0, 0]) == [1.0, 0.0, 1.0]
    assert list(world.treaty_signed[0, 1]) == [1.0, 1.0, 1.0]
    assert world.treaty_cap[0, 0] == 2.0
    assert world.treaty_verification[0, 0] == 0.8 and world.treaty_verification[0, 1] == 0.5
    assert world.treaty_status[0, 2:].sum() == 0  # the other slots are free for proposals
    # The parties meet the terms at once: Aurum's shield (5 home + 4 forward) comes down to the
    # cap, home shield first; its forward reach at Brisa comes home under the ban.
    assert world.shield[0, aurum] + world.fwd_shield[0, aurum].sum() == pytest.approx(2.0)
    assert world.shield[0, aurum] == 0.0
    assert world.fwd_reach[0, aurum, brisa] == 0.0
    assert world.reach[0, aurum] == pytest.approx(15.0)
    # Veyra is a party but has no shield: untouched.
    assert world.reach[0, veyra] == 10.0
    # Targeting: Veyra aims at Aurum, and only that.
    assert world.targeting[0, veyra, aurum] == 1.0 and world.targeting[0].sum() == 1.0
    # A batch gets the same treaties in every world.
    batch = sc.initial_world(np.full((4, 3), 0.5))
    assert (batch.treaty_status[:, 0] == IN_FORCE).all() and (batch.treaty_cap[:, 0] == 2).all()


def test_a_treaty_without_verification_takes_the_default(tmp_path):
    text = GOOD + '\n[[treaties]]\nkind = "transparency"\nparties = ["Brisa", "Veyra"]\n'
    sc = load_scenario(write(tmp_path, text))
    assert sc.treaties[0].verification == 0.5 and sc.treaties[0].parties == (1, 2)


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        (
            'kind = "shield_cap"',
            'kind = "arms_freeze"',
            "treaties[0].kind",
            'expected one of "shield_cap", "forward_ban", "reach_ceiling", "transparency", '
            'got "arms_freeze"',
        ),
        (
            'parties = ["Aurum", "Veyra"]',
            'parties = ["Aurum"]',
            "treaties[0].parties",
            'expected two or more state names, as in ["Aurum", "Veyra"], got ["Aurum"]',
        ),
        (
            'parties = ["Aurum", "Veyra"]',
            'parties = "Aurum"',
            "treaties[0].parties",
            "expected two or more state names",
        ),
        (
            'parties = ["Aurum", "Veyra"]',
            'parties = ["Aurum", "Ostrel"]',
            "treaties[0].parties[1]",
            'expected the name of a state (Aurum, Brisa, Veyra), got "Ostrel"',
        ),
        (
            'parties = ["Aurum", "Veyra"]',
            'parties = ["Aurum", "Veyra", "Aurum"]',
            "treaties[0].parties",
            'expected different states (each party once), got ["Aurum", "Veyra", "Aurum"]',
        ),
        (
            'kind = "forward_ban"',
            'kind = "transparency"\ncap = 3.0',
            "treaties[1].cap",
            "expected no cap on a transparency treaty (only shield_cap and reach_ceiling have "
            "one), got 3.0",
        ),
        (
            "cap = 2\n",
            "",
            "treaties[0].cap",
            "expected a number from 0 to 10 000 (the most shield each party may keep, at home and "
            "abroad), got nothing (the field is missing)",
        ),
        (
            "cap = 2\n",
            "cap = -1\n",
            "treaties[0].cap",
            "expected a number from 0 to 10 000",
        ),
        (
            "verification = 0.8",
            "verification = 1.5",
            "treaties[0].verification",
            "expected a number from 0 to 1 (the chance an inspection catches a cheat), got 1.5",
        ),
        (
            "verification = 0.8",
            "verifcation = 0.8",
            "treaties[0].verifcation",
            "unknown key (did you mean verification?); expected one of: kind, parties, cap, "
            "verification",
        ),
        (
            'target = "Aurum"',
            'target = "Veyra"',
            "targeting[0].target",
            'expected a state other than the source, got "Veyra"',
        ),
        (
            'source = "Veyra"',
            'source = "Ostrel"',
            "targeting[0].source",
            'expected the name of a state (Aurum, Brisa, Veyra), got "Ostrel"',
        ),
        (
            'target = "Aurum"\n',
            "",
            "targeting[0].target",
            "got nothing (the field is missing)",
        ),
    ],
)
def test_a_diplomacy_mistake_is_reported_with_file_field_and_expectation(
    tmp_path, old, new, field, expected
):
    assert GOOD_DIPLOMACY.count(old) == 1, old
    err = error_of(write(tmp_path, GOOD_DIPLOMACY.replace(old, new)))
    assert err.field == field
    assert str(err).startswith(f"{err.file}: {field}: ")
    assert expected in str(err)


def test_too_many_treaties(tmp_path):
    from game.engine.state import TREATY_SLOTS

    one = '\n[[treaties]]\nkind = "transparency"\nparties = ["Aurum", "Veyra"]\n'
    path = write(tmp_path, GOOD + one * (TREATY_SLOTS + 1))
    assert str(error_of(path)) == (
        f"{path}: treaties: expected at most {TREATY_SLOTS} treaties (the engine's treaty slots), "
        f"got {TREATY_SLOTS + 1}"
    )
    assert len(load_scenario(write(tmp_path, GOOD + one * TREATY_SLOTS, "full")).treaties) == 6


def test_a_source_aims_at_a_target_once(tmp_path):
    twice = '\n[[targeting]]\nsource = "Veyra"\ntarget = "Aurum"\n'
    err = error_of(write(tmp_path, GOOD_DIPLOMACY + twice))
    assert str(err) == (
        f"{err.file}: targeting[1].target: expected a target this source does not aim at "
        f'already (targeting[0] does), got "Aurum"'
    )
    back = '\n[[targeting]]\nsource = "Aurum"\ntarget = "Veyra"\n'
    sc = load_scenario(write(tmp_path, GOOD_DIPLOMACY + back, "mutual"))
    assert len(sc.targeting) == 2


def test_treaties_and_targeting_must_be_arrays_of_tables(tmp_path):
    err = error_of(write(tmp_path, GOOD + '\n[targeting]\nsource = "Veyra"\n'))
    assert err.field == "targeting"
    assert "expected an array of tables ([[targeting]]), got a table" in str(err)


def test_a_starting_trade_above_trade_max_is_refused(tmp_path):
    err = error_of(broken(tmp_path, "trade = 1.0", "trade = 3.0"))
    assert str(err).endswith(
        "links[0].trade: expected a number from 0 to 2 (params.trade_max), got 3.0"
    )


# ---------------------------------------------------------------------------------------------
# Mistakes, each reported with file, field and expectation


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = broken(tmp_path, "turns = 12", "turns = = 12")
    line = GOOD.splitlines().index("turns = 12") + 1
    err = error_of(path)
    assert str(err).startswith(f"{path}: line {line}, column 9: ")
    assert "not valid TOML" in str(err)


def test_wrong_type_message_reads_as_documented(tmp_path):
    path = broken(tmp_path, "economy = 100.0", 'economy = "lots"')
    assert (
        str(error_of(path))
        == f'{path}: states[2].economy: expected a number from 0.1 to 100 000, got "lots"'
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        # Missing fields.
        ('shape = "square"\n', "", "states[1].shape", "got nothing (the field is missing)"),
        ('title = "Test Board"\n', "", "text.title", "expected a non-empty one-line string"),
        (
            '[seats]\ndefault = ["human", "ai:baseline", "ai:baseline"]\n',
            "",
            "seats",
            "expected a table ([seats]), got nothing",
        ),
        (
            '[text.states.Veyra]\nrole = "rival"\ndescription = "Wary."\n',
            "",
            "text.states.Veyra",
            "expected a table",
        ),
        # Wrong types.
        ("alliance = true", "alliance = 1", "links[0].alliance", "expected true or false, got 1"),
        (
            "turns = 12",
            "turns = 12.5",
            "params.turns",
            "expected a whole number from 1 to 200, got 12.5",
        ),
        (
            "economy = 60",
            "economy = true",
            "states[1].economy",
            "expected a number from 0.1 to 100 000, got true",
        ),
        (
            "position = [0.5, 0.6]",
            "position = 0.5",
            "states[1].position",
            "expected [x, y], two numbers from 0 to 1, got 0.5",
        ),
        (
            'questions = ["One?", "Two?", "Three?"]',
            'questions = "One?"',
            "text.questions",
            "expected an array of at least 3 non-empty strings",
        ),
        (
            "[[deployments]]",
            "[deployments]",
            "deployments",
            "expected an array of tables ([[deployments]]), got a table",
        ),
        # Out of range.
        ("tech = 1.6", "tech = 2.5", "states[0].tech", "expected a number from 0.5 to 2, got 2.5"),
        (
            "hardening = 0.3",
            "hardening = 0.95",
            "states[0].hardening",
            "expected a number from 0 to 0.9 (params.hardening_max), got 0.95",
        ),
        (
            "shield_efficiency = 1.2",
            "shield_efficiency = 0",
            "params.shield_efficiency",
            "expected a number from 0.05 to 20, got 0",
        ),
        (
            "shield_efficiency = 1.2",
            "distinguishability = 1.5",
            "params.distinguishability",
            "expected a number from 0 to 1, got 1.5",
        ),
        (
            "shield_efficiency = 1.2",
            "discount = 0.0",
            "params.discount",
            "expected a number from 0.01 to 1, got 0.0",
        ),
        (
            "shield_efficiency = 1.2",
            "noise = nan",
            "params.noise",
            "expected a number from 0 to 3, got nan",
        ),
        ("turns = 12", "turns = 0", "params.turns", "expected a whole number from 1 to 200, got 0"),
        (
            "tension = 0.2",
            "tension = 1.2",
            "links[1].tension",
            "expected a number from 0 to 1, got 1.2",
        ),
        (
            "shield = 4.0",
            "shield = -4.0",
            "deployments[0].shield",
            "expected a number from 0 to 10 000, got -4.0",
        ),
        (
            'kind = "expansionist"',
            'kind = "greedy"',
            "states[2].kind",
            'expected one of "security_seeker", "expansionist", got "greedy"',
        ),
        ('shape = "triangle"', 'shape = "blob"', "states[2].shape", 'got "blob"'),
        (
            'questions = ["One?", "Two?", "Three?"]',
            'questions = ["One?", "Two?"]',
            "text.questions",
            'expected an array of at least 3 non-empty strings, got ["One?"',
        ),
        (
            'summary = "Three states on a test board."',
            'summary = ""',
            "text.summary",
            'expected a non-empty one-line string, got ""',
        ),
        (
            'categories = ["civilian", "reach", "shield"]',
            'categories = ["reach", "shield"]',
            "params.categories",
            'with "civilian", got ["reach", "shield"]',
        ),
        (
            'categories = ["civilian", "reach", "shield"]',
            'categories = ["civilian", "lasers"]',
            "params.categories",
            "a non-empty array of distinct budget categories",
        ),
        ("format = 1", "format = 2", "format", "expected 1 (the format this version"),
        # Unknown keys (typos), with a suggestion and the allowed keys.
        (
            "shield_efficiency = 1.2",
            "sheild_efficiency = 1.2",
            "params.sheild_efficiency",
            "unknown key (did you mean shield_efficiency?); expected one of: shield_efficiency,",
        ),
        (
            "economy = 120.0",
            "econmy = 120.0",
            "states[0].econmy",
            "unknown key (did you mean economy?); expected one of: name, shape, position, economy",
        ),
        (
            "format = 1",
            "format = 1\nscenery = 2",
            "scenery",
            "unknown key; expected one of: id, format, text, params, states, links",
        ),
        (
            'role = "host"',
            'roll = "host"',
            "text.states.Brisa.roll",
            "unknown key (did you mean role?); expected one of: role, description",
        ),
        # References between states.
        (
            'between = ["Aurum", "Brisa"]',
            'between = ["Aurum", "Brisia"]',
            "links[0].between[1]",
            'expected the name of a state (Aurum, Brisa, Veyra), got "Brisia"',
        ),
        (
            'between = ["Aurum", "Brisa"]',
            'between = ["Aurum", "Aurum"]',
            "links[0].between",
            'expected two different states, got ["Aurum", "Aurum"]',
        ),
        (
            'between = ["Aurum", "Veyra"]',
            'between = ["Brisa", "Aurum"]',
            "links[1].between",
            "expected a pair not linked already (links[0] links them)",
        ),
        (
            'host = "Brisa"',
            'host = "Aurum"',
            "deployments[0].host",
            'expected a state other than the patron, got "Aurum"',
        ),
        (
            'patron = "Aurum"',
            'patron = "Ostrel"',
            "deployments[0].patron",
            'expected the name of a state (Aurum, Brisa, Veyra), got "Ostrel"',
        ),
        (
            "[text.states.Veyra]",
            "[text.states.Vayra]",
            "text.states.Vayra",
            'expected the name of a state (Aurum, Brisa, Veyra), got "Vayra"',
        ),
        # Uniqueness and counts.
        (
            'name = "Veyra"',
            'name = "Aurum"',
            "states[2].name",
            'expected a name no other state has (states[0] is already Aurum), got "Aurum"',
        ),
        (
            'shape = "triangle"',
            'shape = "circle"',
            "states[2].shape",
            'expected a shape no other state has (states[0] is a circle), got "circle"',
        ),
        (
            'default = ["human", "ai:baseline", "ai:baseline"]',
            'default = ["human", "ai:baseline"]',
            "seats.default",
            "expected one seat per state (3: Aurum, Brisa, Veyra), got 2 seats",
        ),
        (
            'default = ["human", "ai:baseline", "ai:baseline"]',
            'default = ["human", "AI:Baseline", "ai:baseline"]',
            "seats.default[1]",
            'expected "human" or "ai:NAME" (NAME in lower-case letters, digits and _), '
            'got "AI:Baseline"',
        ),
        # Diplomacy parameters: whole turns, probabilities, trust factors.
        (
            "shield_efficiency = 1.2",
            "treaty_notice = 2.5",
            "params.treaty_notice",
            "expected a whole number from 0 to 20 (turns), got 2.5",
        ),
        (
            "shield_efficiency = 1.2",
            "proposal_turns = 0",
            "params.proposal_turns",
            "expected a whole number from 1 to 20 (turns; a proposal needs at least one turn",
        ),
        (
            "shield_efficiency = 1.2",
            "recall_lead = 21",
            "params.recall_lead",
            "expected a whole number from 0 to 20 (turns), got 21",
        ),
        (
            "shield_efficiency = 1.2",
            "review_chance = 1.2",
            "params.review_chance",
            "expected a number from 0 to 1 (a probability), got 1.2",
        ),
        (
            "shield_efficiency = 1.2",
            "violation_trust = 0",
            "params.violation_trust",
            "expected a number from 0.01 to 1 (a factor on the odds",
        ),
        (
            "shield_efficiency = 1.2",
            "base_war_risk = -0.1",
            "params.base_war_risk",
            "expected a number from 0 to 1, got -0.1",
        ),
        (
            "shield_efficiency = 1.2",
            "trade_max = -1",
            "params.trade_max",
            "expected a number from 0 to 10, got -1",
        ),
        (
            "shield_efficiency = 1.2",
            "tretay_notice = 3",
            "params.tretay_notice",
            "unknown key (did you mean treaty_notice?)",
        ),
        # The offense-defense arithmetic: forward reach can never count for less than home reach.
        (
            "shield_efficiency = 1.2",
            "forward_bonus = 0.8",
            "params.forward_bonus",
            "expected a number from 1 to 5 (forward reach must count at least as much as home "
            "reach), got 0.8",
        ),
    ],
)
def test_a_mistake_is_reported_with_file_field_and_expectation(tmp_path, old, new, field, expected):
    err = error_of(broken(tmp_path, old, new))
    assert err.field == field
    assert str(err).startswith(f"{err.file}: {field}: ")
    assert expected in str(err)


def test_too_many_states(tmp_path):
    extra = "".join(
        f'\n[[states]]\nname = "S{k}"\nshape = "{shape}"\nposition = [0.1, 0.1]\n'
        for k, shape in enumerate(SHAPES[3:] + ("circle",))
    )
    path = write(tmp_path, GOOD + extra)
    assert str(error_of(path)).endswith("states: expected 2 to 8 states, got 9")


def test_id_must_match_the_file_name(tmp_path):
    path = write(tmp_path, GOOD.replace('id = "{stem}"', 'id = "the_sheild"'), stem="the_shield")
    assert str(error_of(path)) == (
        f'{path}: id: expected the file name without .toml ("the_shield"), got "the_sheild"'
    )


def test_every_problem_is_kept_and_counted(tmp_path):
    path = write(
        tmp_path, GOOD.replace("tech = 1.6", "tech = 9").replace("turns = 12", "turns = 0")
    )
    err = error_of(path)
    assert len(err.problems) == 2
    assert str(err).endswith("(and 1 more problem)")
    assert all(p.startswith(f"{path}: ") for p in err.problems)
    assert {p.split(": ")[1] for p in err.problems} == {"params.turns", "states[0].tech"}


def test_missing_and_unreadable_files(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ScenarioError, match="nowhere.toml: no such file"):
        load(missing)
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b'id = "caf\xe9"\n')
    with pytest.raises(ScenarioError, match="latin.toml: byte 9: expected UTF-8 text"):
        load_scenario(bad)


def test_a_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "board.toml"
    path.write_bytes("\ufeff".encode() + GOOD.replace("{stem}", "board").encode())
    assert load_scenario(path).id == "board"


# ---------------------------------------------------------------------------------------------
# Built-in ids


def test_unknown_builtin_id_lists_the_known_ones():
    with pytest.raises(ScenarioError) as info:
        load("two_neighbors")
    message = str(info.value)
    assert message.startswith('scenario "two_neighbors": unknown scenario id; expected one of: ')
    for known in builtin_ids():
        assert known in message


def test_a_builtin_id_cannot_escape_the_scenarios_folder():
    with pytest.raises(ScenarioError, match="unknown scenario id"):
        load_builtin("../scenarios/the_shield")


# ---------------------------------------------------------------------------------------------
# Data, never code


def test_the_loader_never_executes_anything(tmp_path):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    path = broken(tmp_path, "economy = 60", f"economy = {payload!r}")
    err = error_of(path)
    assert err.field == "states[1].economy"
    # Prose that looks like code stays prose.
    text_path = broken(tmp_path, 'description = "Big."', f"description = {payload!r}", "other")
    assert load_scenario(text_path).text("Aurum").description == payload
    # A Python file is not TOML.
    code = tmp_path / "code.toml"
    code.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).touch()\n")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_scenario(code)
    assert not marker.exists()


def test_loading_scenarios_does_not_import_pygame():
    probe = (
        "import sys, game.scenarios as s; s.load('the_shield').initial_world(); "
        "sys.exit('pygame' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], timeout=60).returncode == 0


# ---------------------------------------------------------------------------------------------
# The rules keep up with the engine


def test_every_engine_field_has_a_rule():
    """A new Params or StateSpec field needs a range here (and a line in the format doc)."""
    params = {f.name for f in dataclasses.fields(Params)} - {"turns", "categories", "diplomacy"}
    assert params == set(PARAM_RULES)
    state = {f.name for f in dataclasses.fields(StateSpec)} - {"name", "kind"}
    assert state == set(STATE_RULES)


def test_whole_number_params_load_as_ints(tmp_path):
    sc = load_scenario(
        broken(tmp_path, "turns = 12", "turns = 12\ntreaty_notice = 0\nrecall_lead = 5")
    )
    assert sc.params.treaty_notice == 0 and type(sc.params.treaty_notice) is int
    assert sc.params.recall_lead == 5 and type(sc.params.recall_lead) is int
    assert sc.params.proposal_turns == Params().proposal_turns


def test_engine_defaults_satisfy_the_rules():
    defaults = Params()
    for name, rule in PARAM_RULES.items():
        assert rule.ok(getattr(defaults, name)), name
    spec = StateSpec(name="X")
    for name, rule in STATE_RULES.items():
        assert rule.ok(getattr(spec, name)), name


# ---------------------------------------------------------------------------------------------
# The format document keeps up with the code

DOC = Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md"


def test_the_format_doc_describes_every_field():
    doc = DOC.read_text(encoding="utf-8")
    fields = [f.name for f in dataclasses.fields(Params)] + [
        f.name for f in dataclasses.fields(StateSpec)
    ]
    missing = [name for name in fields if f"| `{name}` |" not in doc]
    assert missing == []
    assert "python -m game check-scenario" in doc


def _doc_blocks(doc: str) -> list[str]:
    """The fenced code blocks of the doc, in order."""
    return re.findall(r"^```[a-z]*\n(.*?)^```", doc, re.M | re.S)


def test_the_format_doc_example_loads(tmp_path):
    doc = DOC.read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "the_outpost.toml"
    path.write_text(example, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.names == ("Aurum", "Brisa", "Veyra")
    world = sc.initial_world()
    assert world.fwd_reach[0, 0, 1] == 5.0
    assert world.treaty_status[0, 0] == 2 and world.targeting[0, 2, 1] == 1.0


def test_the_format_doc_treaty_and_targeting_snippets_load(tmp_path):
    """The [[treaties]] and [[targeting]] snippets, added to a four-state board, load as written."""
    doc = DOC.read_text(encoding="utf-8")
    snippets = [b for b in _doc_blocks(doc) if b.startswith(("[[treaties]]", "[[targeting]]"))]
    assert len(snippets) == 2
    ostrel_text = '[text.states.Ostrel]\nrole = "rival"\ndescription = "Far."\n\n'
    ostrel = '[[states]]\nname = "Ostrel"\nshape = "hexagon"\nposition = [0.8, 0.8]\n\n'
    board = (
        GOOD.replace("[params]", ostrel_text + "[params]")
        .replace("[[links]]", ostrel + "[[links]]", 1)
        .replace("tech = 1.6", "tech = 1.6\nshield = 5.0")
        .replace('"ai:baseline", "ai:baseline"]', '"ai:baseline", "ai:baseline", "ai:baseline"]')
    ) + "".join("\n" + snippet for snippet in snippets)
    sc = load_scenario(write(tmp_path, board))
    world = sc.initial_world()
    assert [t.kind for t in sc.treaties] == ["shield_cap", "transparency"]
    aurum = sc.index("Aurum")
    assert world.shield[0, aurum] + world.fwd_shield[0, aurum].sum() == pytest.approx(3.0)
    assert world.targeting[0, sc.index("Veyra"), aurum] == 1.0


def test_the_format_doc_gives_the_engine_defaults():
    """The default column of the parameter table is the engine's own default, number for number."""
    doc = DOC.read_text(encoding="utf-8")
    wrong = []
    for f in dataclasses.fields(Params):
        if f.name in ("categories", "diplomacy"):
            continue
        row = re.search(rf"^\| `{f.name}` \| [^|]* \| ([^|]*) \|", doc, re.M)
        assert row is not None, f.name
        if float(row.group(1).strip().strip("`")) != float(f.default):
            wrong.append((f.name, row.group(1).strip(), f.default))
    assert wrong == []
