"""The teaching fields of a scenario file: the one idea and its picture, the "place your bet"
prediction, the before/after quiz, and the diplomacy groups a lesson allows (progressive
disclosure). Each mistake is reported in one line naming the file, the field and what was expected.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.actions import ACTION_GROUPS, ACTIONS, FIELD_GROUPS, Action, Diplomacy
from game.engine.legality import validate
from game.engine.orders import IllegalOrder, Orders
from game.engine.state import DIPLOMACY_GROUPS, TREATY_SLOTS
from game.scenarios import PICTURES, Bet, ScenarioError, load_scenario
from game.session import Session
from tests.test_scenarios import GOOD, write

TEACHING = """
idea = "A shield can look like a sword."
picture = "shield"

[text.bet]
question = "What will Veyra's reach do?"
choices = ["It falls", "It stays level", "It rises"]
answer = 3
explanation = "A shield erodes a second strike."
measure = "reach"
states = ["Veyra"]
ask_before = 2
reveal_after = 6

[[text.quiz]]
question = "What does a shield stop?"
choices = ["Reach", "Trade"]
answer = 1
why = "It intercepts reach."

[[text.quiz]]
question = "Who gains from a spiral?"
choices = ["Both", "Neither", "The first to arm"]
answer = 2
why = "Both pay and neither is safer."
"""


def teaching(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """GOOD with the teaching fields added to [text] (and one change to them)."""
    text = GOOD.replace(
        'questions = ["One?", "Two?", "Three?"]\n',
        'questions = ["One?", "Two?", "Three?"]\n' + TEACHING.replace("[text.bet]", "[text.bet]"),
        1,
    )
    # [text.bet] and [[text.quiz]] must come after the plain keys of [text] but before
    # [text.states.*]; TOML allows them anywhere after [text], so this order is fine.
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return write(tmp_path, text)


def error_of(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return str(info.value)


def test_the_teaching_fields_load(tmp_path):
    sc = load_scenario(teaching(tmp_path))
    assert sc.idea == "A shield can look like a sword."
    assert sc.picture == "shield"
    assert sc.bet == Bet(
        question="What will Veyra's reach do?",
        choices=("It falls", "It stays level", "It rises"),
        answer=2,
        explanation="A shield erodes a second strike.",
        measure="reach",
        states=("Veyra",),
        between=(),
        ask_before=2,
        reveal_after=6,
    )
    assert [q.answer for q in sc.quiz] == [0, 1]  # 1-based in the file, 0-based in code
    assert sc.quiz[1].choices == ("Both", "Neither", "The first to arm")


def test_without_teaching_fields_the_idea_is_the_summary(tmp_path):
    sc = load_scenario(write(tmp_path, GOOD))
    assert sc.idea == sc.summary
    assert sc.picture == "board" and sc.bet is None and sc.quiz == ()
    assert sc.params.diplomacy == DIPLOMACY_GROUPS


def test_a_pair_measure_takes_pairs(tmp_path):
    path = teaching(
        tmp_path,
        'measure = "reach"\nstates = ["Veyra"]',
        'measure = "stability"\nbetween = [["Aurum", "Veyra"], ["Brisa", "Veyra"]]',
    )
    bet = load_scenario(path).bet
    assert bet is not None and bet.between == (("Aurum", "Veyra"), ("Brisa", "Veyra"))


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ('picture = "shield"', 'picture = "photo"', "text.picture", 'got "photo"'),
        (
            'idea = "A shield can look like a sword."',
            'idea = """\none\ntwo"""',
            "text.idea",
            "one-line",
        ),
        (
            'choices = ["It falls", "It stays level", "It rises"]',
            'choices = ["Up", "Down", "Same", "Other"]',
            "text.bet.choices",
            "exactly 3 choices, in the order: falls, stays level, rises",
        ),
        ("answer = 3", "answer = 4", "text.bet.answer", "a whole number from 1 to 3"),
        ('measure = "reach"', 'measure = "mood"', "text.bet.measure", 'got "mood"'),
        ('states = ["Veyra"]', 'states = ["Vayra"]', "text.bet.states", "distinct state names"),
        (
            'measure = "reach"',
            'measure = "tension"',
            "text.bet.between",
            "a non-empty array of pairs of states",
        ),
        ("reveal_after = 6", "reveal_after = 1", "text.bet.reveal_after", "no earlier than"),
        (
            "reveal_after = 6",
            "reveal_after = 13",
            "text.bet.reveal_after",
            "a turn of this game (1 to params.turns = 12), got 13",
        ),
        (
            "ask_before = 2\nreveal_after = 6",
            "ask_before = 40\nreveal_after = 50",
            "text.bet.ask_before",
            "params.turns = 12), got 40",
        ),
        ('why = "It intercepts reach."', "", "text.quiz[0].why", "non-empty string"),
        ("answer = 1\n", "answer = 3\n", "text.quiz[0].answer", "from 1 to 2"),
        ("[text.bet]", '[text.bet]\nhint = "x"', "text.bet.hint", "unknown key"),
    ],
)
def test_teaching_mistakes_are_named(tmp_path, old, new, field, expected):
    message = error_of(teaching(tmp_path, old, new))
    assert f"board.toml: {field}:" in message
    assert expected in message


def test_pictures_are_a_closed_list():
    assert PICTURES[0] == "board" and len(set(PICTURES)) == len(PICTURES)


# ---------------------------------------------------------------------------------------------
# Progressive disclosure: the diplomacy groups


def test_every_action_and_array_has_a_group():
    assert set(ACTION_GROUPS) == set(ACTIONS)
    assert set(ACTION_GROUPS.values()) == set(DIPLOMACY_GROUPS) | {"crisis"}
    dip = Diplomacy.none(1, 2, TREATY_SLOTS)
    assert set(FIELD_GROUPS) == set(dip.arrays())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('["signals", "treaties"]', ("signals", "treaties")),
        ('["treaties", "signals"]', ("signals", "treaties")),  # the engine's order
        ("[]", ()),
    ],
)
def test_diplomacy_groups_load(tmp_path, value, expected):
    path = write(tmp_path, GOOD.replace("turns = 12", f"turns = 12\ndiplomacy = {value}"))
    assert load_scenario(path).params.diplomacy == expected


@pytest.mark.parametrize("value", ['["spying"]', '["signals", "signals"]', '"signals"'])
def test_bad_diplomacy_groups_are_named(tmp_path, value):
    path = write(tmp_path, GOOD.replace("turns = 12", f"turns = 12\ndiplomacy = {value}"))
    message = error_of(path)
    assert "params.diplomacy:" in message and "groups of diplomatic actions" in message


def only(tmp_path, groups: str, seats=("human", "ai:hawk", "ai:hawk")) -> Session:
    path = write(tmp_path, GOOD.replace("turns = 12", f"turns = 12\ndiplomacy = {groups}"))
    return Session.new(load_scenario(path), seed=3, seats=list(seats))


def test_the_engine_refuses_an_action_outside_the_lesson(tmp_path):
    session = only(tmp_path, '["signals"]')
    with pytest.raises(IllegalOrder) as info:
        session.play_turn(
            actions=[
                Action(
                    "propose_treaty",
                    "Aurum",
                    kind="transparency",
                    parties=("Aurum", "Veyra"),
                    verification=0.5,
                )
            ]
        )
    assert "this scenario does not allow treaties actions (Aurum ordered one)" in str(info.value)
    assert session.turn == 0  # nothing was played
    session.play_turn(actions=[Action("talk", "Aurum", "Veyra")])  # an allowed group passes
    assert session.turn == 1


def test_crisis_answers_are_always_allowed(tmp_path):
    session = only(tmp_path, "[]")
    world = session.world
    world = dataclasses.replace(world, crisis=world.crisis.copy())
    world.crisis[0, 0, 2] = world.crisis[0, 2, 0] = 1.0
    dip = Diplomacy.none(1, 3, TREATY_SLOTS)
    dip.answer[0, 0, 2] = 2  # escalate
    assert validate(world, Orders.hold(world).with_diplomacy(dip)) == []
    dip.talk[0, 0, 2] = True  # a signal is not
    assert validate(world, Orders.hold(world).with_diplomacy(dip)) == [
        "this scenario does not allow signals actions (Aurum ordered one)"
    ]


def test_ai_diplomacy_outside_the_lesson_is_dropped(tmp_path):
    """Hawks and opportunists use every group; with none allowed, their games have no diplomatic
    events apart from crises, and every turn is legal."""
    allowed = set(ACTION_GROUPS) - {k for k, g in ACTION_GROUPS.items() if g != "crisis"}
    session = only(tmp_path, "[]", seats=("ai:opportunist", "ai:hawk", "ai:security_seeker"))
    session.play_to_end()
    used = set()
    for rec in session.history:
        d = rec.orders.diplomacy_or_none()
        for key in d.arrays():
            if FIELD_GROUPS[key] != "crisis" and np.any(d.used(key)):
                used.add(key)
    assert used == set()
    assert allowed == {"back_down", "stand_firm", "escalate"}


def test_the_same_ai_uses_diplomacy_when_the_lesson_allows_it(tmp_path):
    """The control for the test above: it would pass vacuously if these AIs never did any."""
    session = only(
        tmp_path,
        '["alliances", "deployments", "targeting", "economy", "signals", "programmes", "treaties"]',
        seats=("ai:opportunist", "ai:hawk", "ai:security_seeker"),
    )
    session.play_to_end()
    assert any(
        np.any(rec.orders.diplomacy_or_none().used(k))
        for rec in session.history
        for k in FIELD_GROUPS
        if FIELD_GROUPS[k] != "crisis"
    )


def test_the_format_doc_example_of_a_bet_and_a_quiz_loads(tmp_path):
    doc = (Path(__file__).parent.parent / "docs" / "scenario-format.md").read_text("utf-8")
    block = next(b for b in doc.split("```toml\n")[1:] if b.startswith("[text.bet]"))
    snippet = block.split("```")[0].replace("Ostrel", "Brisa")
    text = GOOD.replace("[text.states.Aurum]", snippet + "\n[text.states.Aurum]", 1)
    sc = load_scenario(write(tmp_path, text))
    assert sc.bet is not None and sc.bet.answer == 0 and sc.bet.measure == "stability"
    assert sc.bet.between == (("Aurum", "Veyra"), ("Aurum", "Brisa"))
    assert len(sc.quiz) == 1 and sc.quiz[0].answer == 0


@settings(max_examples=60, deadline=None)
@given(
    groups=st.sets(st.sampled_from(DIPLOMACY_GROUPS)),
    seed=st.integers(0, 2**16),
)
def test_restricting_keeps_exactly_the_allowed_groups(groups, seed):
    """For any set of groups: nothing outside it survives (crisis answers always do), what is
    inside is untouched, and restricting twice changes nothing more."""
    rng = np.random.default_rng(seed)
    dip = Diplomacy.none(2, 3, TREATY_SLOTS)
    for key, arr in dip.arrays().items():
        if arr.dtype == bool:
            arr[...] = rng.random(arr.shape) < 0.3
        elif key in ("answer", "propose_kind"):
            arr[...] = rng.integers(-1, 3, arr.shape)
        elif arr.dtype.kind == "i":
            arr[...] = rng.integers(-1, 2, arr.shape)
        else:
            arr[...] = rng.random(arr.shape) * (rng.random(arr.shape) < 0.3)
    out = dip.restricted(tuple(groups))
    for key, arr in out.arrays().items():
        group = FIELD_GROUPS[key]
        if group == "crisis" or group in groups:
            assert np.array_equal(arr, getattr(dip, key)), key
        else:
            assert not out.used(key).any(), key
    assert out.restricted(tuple(groups)).equal(out)
