"""Sessions: one game of a scenario, its seats, its seed and its history.

A session plays the AI seats by their policies and the human seats by the orders it is given;
the same seed gives the same game bit for bit (compared by ``World.digest()``), and a mistake by a
human (an illegal order) is explained and changes nothing.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine.orders import IllegalOrder, StateOrder, budget
from game.engine.state import CATEGORIES, CIVILIAN, REACH
from game.policies import REGISTRY
from game.scenarios import Scenario, load
from game.session import Runner, Seat, SeatError, Session, parse_seats

AI = "ai:baseline"
#: Seats that use every difficulty, so the policies' own random streams are exercised.
MIXED = ["ai:baseline:easy", "ai:baseline", "ai:baseline:hard", "ai:baseline:easy"]


@pytest.fixture(scope="module")
def shield() -> Scenario:
    return load("the_shield")


@pytest.fixture(scope="module")
def volatile() -> Scenario:
    """The Shield on a hair trigger: crises open early and any escalation can end in war, so a
    handful of seeds covers both endings."""
    shield = load("the_shield")
    params = shield.params.replace(crisis_threshold=0.35, base_war_risk=1.0, accident_share=0.5)
    return dataclasses.replace(shield, params=params)


@pytest.fixture(scope="module")
def neighbours() -> Scenario:
    return load("two_neighbours")


def digests_to_end(session: Session) -> list[str]:
    """Play to the end, returning the digest after every turn (and before the first)."""
    out = [session.world.digest()]
    while not session.over:
        session.play_turn()
        out.append(session.world.digest())
    return out


def ending(scenario: Scenario, seed: int, seats: list[str] | None = None) -> tuple[str, int]:
    s = Session.new(scenario, seed, seats)
    s.play_to_end()
    return ("war" if s.world.over[0] else "peace"), s.turn


# --------------------------------------------------------------------------------------------
# A new game


def test_default_seats_come_from_the_scenario(shield: Scenario) -> None:
    s = Session.new(shield, seed=7)
    assert [str(seat) for seat in s.seats] == list(shield.default_seats)
    assert s.seats[0] == Seat(human=True)
    assert s.human_seats == [0]
    assert (s.turn, s.over, s.history) == (0, False, [])
    assert s.world.batch == 1 and s.world.names == shield.names


def test_play_to_end_lasts_the_scenario_or_until_war(volatile: Scenario) -> None:
    shield = volatile
    endings = set()
    for seed in range(40):
        if endings == {"war", "peace"}:
            break
        s = Session.new(shield, seed=seed, seats=MIXED)
        s.play_to_end()
        assert s.over
        assert [r.turn for r in s.history] == list(range(s.turn))
        if s.world.over[0]:
            endings.add("war")
            assert 1 <= s.turn <= shield.params.turns
            assert s.history[-1].events.war_started[0], "the last turn is the one the war began"
            assert not any(r.events.war_started[0] for r in s.history[:-1])
        else:
            endings.add("peace")
            assert s.turn == shield.params.turns
        with pytest.raises(RuntimeError, match="over"):
            s.play_turn()
    assert endings == {"war", "peace"}, "pick seeds that cover both endings"


def test_the_same_seed_replays_the_same_game(shield: Scenario) -> None:
    first = digests_to_end(Session.new(shield, seed=7))
    again = digests_to_end(Session.new(shield, seed=7))
    assert first == again
    assert len(set(first)) == len(first)  # every turn changes the world (its turn at least)


def test_another_seed_plays_another_game(shield: Scenario) -> None:
    a, b = Session.new(shield, seed=7), Session.new(shield, seed=8)
    a.play_to_end()
    b.play_to_end()
    assert a.world.digest() != b.world.digest()


def test_a_seed_of_zero_is_a_seed(shield: Scenario) -> None:
    # "if seed is not None", never "if seed:" (architecture.md): 0 is an ordinary, fixed seed.
    assert digests_to_end(Session.new(shield, seed=0)) == digests_to_end(Session.new(shield, 0))


# --------------------------------------------------------------------------------------------
# Human orders


def test_a_human_order_is_what_the_human_seat_plays(shield: Scenario) -> None:
    built, held = Session.new(shield, seed=7), Session.new(shield, seed=7)
    aurum_budget = float(budget(built.world)[0, 0])
    built.play_turn({0: StateOrder(reach=5.0, hardening=1.0)})
    held.play_turn()
    spend = built.history[-1].orders.spend[0, 0]
    assert spend[REACH] == 5.0 and spend[CATEGORIES.index("hardening")] == 1.0
    assert spend[CIVILIAN] == pytest.approx(aurum_budget - 6.0)
    assert built.world.reach[0, 0] > held.world.reach[0, 0]
    # The human seat held by default: its whole budget went to the civilian economy.
    assert held.history[-1].orders.spend[0, 0, CIVILIAN] == pytest.approx(aurum_budget)
    # Seats move simultaneously: the AI seats' orders did not see the human's.
    np.testing.assert_array_equal(
        built.history[-1].orders.spend[0, 1:], held.history[-1].orders.spend[0, 1:]
    )


@pytest.mark.parametrize(
    ("scenario_id", "orders", "expected"),
    [
        ("the_shield", {0: StateOrder(reach=1000.0)}, "Aurum's budget is"),
        ("the_shield", {0: StateOrder(reach=-1.0)}, "cannot spend a negative amount on reach"),
        ("the_shield", {0: StateOrder(cut=500.0)}, "cannot cut"),
        ("the_shield", {0: StateOrder(shield=float("nan"))}, "ordinary numbers"),
        ("the_shield", {1: StateOrder(reach=1.0)}, "Brisa is not played by a human"),
        ("two_neighbours", {0: StateOrder(shield=1.0)}, "does not allow spending on shield"),
    ],
    ids=["over-budget", "negative", "cut-too-deep", "nan", "ai-seat", "closed-category"],
)
def test_an_illegal_human_order_is_explained_and_changes_nothing(
    scenario_id: str, orders: dict[int, StateOrder], expected: str
) -> None:
    s = Session.new(load(scenario_id), seed=7)
    s.play_turn()
    before, turn, history = s.world.digest(), s.turn, list(s.history)
    with pytest.raises(IllegalOrder) as err:
        s.play_turn(orders)
    assert expected in str(err.value)
    assert err.value.problems and all(p.strip() for p in err.value.problems)
    assert (s.world.digest(), s.turn, s.history) == (before, turn, history)
    # The game goes on as if the mistake had never been made.
    s.play_to_end()
    straight = Session.new(load(scenario_id), seed=7)
    straight.play_to_end()
    assert s.world.digest() == straight.world.digest()


def test_an_illegal_order_does_not_move_the_ai_random_streams(shield: Scenario) -> None:
    seats = ["human", "ai:baseline:easy", "ai:baseline:easy", "ai:baseline:easy"]
    s = Session.new(shield, seed=0, seats=seats)
    with pytest.raises(IllegalOrder):
        s.play_turn({0: StateOrder(reach=1e6)})
    s.play_to_end()
    straight = Session.new(shield, seed=0, seats=seats)
    straight.play_to_end()
    assert s.world.digest() == straight.world.digest()


# --------------------------------------------------------------------------------------------
# Seats


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        ("human", Seat(human=True)),
        ("ai", Seat(human=False, policy="baseline")),
        ("ai:baseline", Seat(human=False, policy="baseline")),
        ("ai:baseline:hard", Seat(human=False, policy="baseline", difficulty="hard")),
    ],
)
def test_seats_parse(text: str, seat: Seat) -> None:
    assert Seat.parse(text) == seat
    assert Seat.parse(str(seat)) == seat


def test_an_unknown_opponent_lists_the_known_ones(shield: Scenario) -> None:
    with pytest.raises(SeatError) as err:
        Session.new(shield, 7, ["human", "ai:nobody", AI, AI])
    message = str(err.value)
    assert "nobody" in message
    assert all(name in message for name in REGISTRY), message
    assert "\n" not in message


def test_the_wrong_number_of_seats_is_refused(shield: Scenario) -> None:
    with pytest.raises(SeatError, match=r"4 states, so it needs 4 seats; got 2"):
        Session.new(shield, 7, ["human", AI])
    with pytest.raises(SeatError, match="got 5"):
        parse_seats(["human", AI, AI, AI, AI], 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ai:baseline:insane", "difficulty must be one of easy, normal, hard, got 'insane'"),
        ("robot", "a seat is 'human', 'ai:NAME' or 'ai:NAME:DIFFICULTY', got 'robot'"),
        ("ai:baseline:hard:extra", "a seat is 'human'"),
    ],
)
def test_bad_seats_are_refused_with_the_reason(shield: Scenario, text: str, expected: str) -> None:
    with pytest.raises(SeatError) as err:
        Session.new(shield, 7, ["human", text, AI, AI])
    assert expected in str(err.value)


def test_humans_do_not_play_batches(shield: Scenario) -> None:
    with pytest.raises(SeatError, match="one world at a time"):
        Runner(shield, [1, 2], parse_seats(["human", AI, AI, AI], 4))


# --------------------------------------------------------------------------------------------
# Seeds: a batch is many single games


def war_and_peace_seeds(scenario: Scenario, seats: list[str]) -> tuple[int, int]:
    """The first seed whose game ends at war before the last turn, and the first at peace."""
    runner = Runner(scenario, list(range(40)), parse_seats(seats, len(scenario.states)))
    war_turn = np.full(40, -1)
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        war_turn[(war_turn < 0) & runner.world.over] = runner.world.turn
    early = np.nonzero((war_turn > 0) & (war_turn < runner.turns))[0]
    peace = np.nonzero(war_turn < 0)[0]
    assert early.size and peace.size, "no seed in 0..39 covers both endings"
    return int(early[0]), int(peace[0])


def test_world_b_of_a_batch_is_the_single_game_with_seed_b(volatile: Scenario) -> None:
    """The seed scheme: a game's seed ``s`` feeds ``numpy.random.SeedSequence(s)``, which spawns
    ``1 + N`` children: child 0 is the engine's stream (first the hidden kinds, then each turn's
    noise), child ``1 + i`` is seat ``i``'s policy stream. A batch ``Runner(scenario, [s0, s1,
    s2], seats)`` gives each world its own streams from its own seed, so world ``b`` is, turn by
    turn and bit for bit, the single :class:`Session` with seed ``s_b``. (The CLI's ``--seed S
    --batch B`` plays seeds ``S, S + 1, ..., S + B - 1``.) A world that ends at war stays frozen
    while the rest of the batch plays on; only the batch's turn counter moves.
    """
    shield = volatile
    war, peace = war_and_peace_seeds(shield, MIXED)
    seeds = [war, peace, 1234, war]  # a seed may repeat: its worlds are twins
    runner = Runner(shield, seeds, parse_seats(MIXED, 4))
    singles = [Session.new(shield, s, MIXED) for s in seeds]

    for b, single in enumerate(singles):
        assert runner.world.select(b).digest() == single.world.digest()
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        for b, single in enumerate(singles):
            if not single.over:
                single.play_turn()
                assert runner.world.select(b).digest() == single.world.digest(), (b, single.turn)
            else:  # ended at war: frozen, every array as the single game left it
                frozen = runner.world.select(b)
                for name, arr in single.world.arrays().items():
                    np.testing.assert_array_equal(frozen.arrays()[name], arr, err_msg=name)
    assert all(s.over for s in singles)
    assert singles[0].world.over[0] and singles[0].turn < shield.params.turns
    assert not singles[1].world.over[0] and singles[1].turn == shield.params.turns
    assert singles[0].world.digest() == singles[3].world.digest()


def test_the_seed_sets_the_hidden_kinds_and_the_noise(neighbours: Scenario) -> None:
    runner = Runner(neighbours, [3, 3, 4], parse_seats([AI, AI], 2))
    for _ in range(3):
        runner.advance(runner.ai_orders())
    twins = runner.world.select(0).digest() == runner.world.select(1).digest()
    assert twins and runner.world.select(0).digest() != runner.world.select(2).digest()
