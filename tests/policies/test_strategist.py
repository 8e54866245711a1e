"""The strategist: decides by projecting its plans through the engine from what its seat knows,
never the truth; explains each decision; a batch equals single games; and in The Shield its
countermeasures emerge from the payoffs (an alliance or drills between the rivals, aiming at the
host of the forward shield)."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.actions import FORWARD_BAN, REACH_CEILING
from game.engine.perception import private_view
from game.policies import REGISTRY, Strategist, get_policy, observe, strategist
from game.policies.strategist import LOOK, Weights
from game.scenarios import load
from game.session import Runner, Seat, Session

AURUM, BRISA, VEYRA, OSTREL = 0, 1, 2, 3


def shield_game(seed: int = 60_001, turns: int = 2) -> Session:
    """The Shield after ``turns`` turns, the rivals played by strategists."""
    session = Session.new(
        load("the_shield"),
        seed,
        ["ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker"],
    )
    for _ in range(turns):
        session.play_turn()
    return session


def decide(world, seat: int = VEYRA, seed: int = 7):
    policy = get_policy("security_seeker")(seat, [np.random.default_rng(seed)], "normal")
    move = policy.act(observe(world, seat, with_view=True))
    return policy, move


def test_difficulty_is_how_far_and_how_well_it_looks():
    assert LOOK["easy"][0] < LOOK["normal"][0] < LOOK["hard"][0]
    assert LOOK["easy"][1] <= LOOK["normal"][1] <= LOOK["hard"][1]
    assert Strategist.needs_view and Strategist.weights == Weights(
        fear=10, answer=3, answer_cap=1, verify=0, answer_rivals=2
    )


def test_its_view_holds_nothing_its_seat_has_not_seen():
    world = shield_game().world
    view = private_view(world, VEYRA)
    others = [AURUM, BRISA, OSTREL]
    np.testing.assert_array_equal(view.reach[0, others], world.seen_reach[0, VEYRA, others])
    np.testing.assert_array_equal(view.shield[0, others], world.seen_shield[0, VEYRA, others])
    assert view.reach[0, VEYRA] == world.reach[0, VEYRA]
    # Every observer's sight and beliefs are the seat's own.
    for j in others:
        np.testing.assert_array_equal(view.seen_reach[0, j], world.seen_reach[0, VEYRA])
    assert (view.treaty_cheat[0][:, others] == 0).all()


def test_hidden_truths_do_not_change_its_decision():
    """Change what Veyra cannot see (the others' true kinds, stocks, beliefs, spending, cheat
    flags) and keep what it has seen: it plays exactly the same move."""
    world = shield_game().world
    _, move = decide(world)
    others = [AURUM, BRISA, OSTREL]
    kind = world.kind.copy()
    kind[0, others] = 1 - kind[0, others]
    reach = world.reach.copy()
    reach[0, others] *= 3.0
    belief = world.belief.copy()
    belief[0, AURUM] = 0.01
    belief[0, OSTREL] = 0.99
    spend = world.last_spend.copy()
    spend[0, OSTREL] = spend[0, OSTREL, ::-1]
    altered = world.replace(kind=kind, reach=reach, belief=belief, last_spend=spend)
    _, again = decide(altered)
    np.testing.assert_array_equal(move.spend, again.spend)
    np.testing.assert_array_equal(move.cut, again.cut)
    for key, arr in move.diplomacy.arrays().items():
        np.testing.assert_array_equal(arr, getattr(again.diplomacy, key), err_msg=key)


def test_what_it_has_seen_does_change_its_decision():
    """Over a batch of eight games after two turns: where Veyra sees a far larger force in
    Aurum, it arms at least as much in total, and decides otherwise in some world."""
    seeds = list(range(60_001, 60_009))
    seats = tuple(
        Seat.parse(s)
        for s in ("ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker")
    )
    runner = Runner(load("the_shield"), seeds, seats)
    for _ in range(2):
        runner.advance(runner.ai_orders())
    world = runner.world

    def batch_decide(w):
        rngs = [np.random.default_rng(s) for s in seeds]
        return get_policy("security_seeker")(VEYRA, rngs, "normal").act(
            observe(w, VEYRA, None, True)
        )

    move = batch_decide(world)
    seen = world.seen_reach.copy()
    seen[:, VEYRA, AURUM] *= 3.0  # it now sees a far larger force in Aurum
    alarmed = batch_decide(world.replace(seen_reach=seen))
    assert alarmed.spend[:, :3].sum() >= move.spend[:, :3].sum()
    differs = not np.array_equal(move.spend, alarmed.spend) or any(
        not np.array_equal(a, getattr(alarmed.diplomacy, k))
        for k, a in move.diplomacy.arrays().items()
    )
    assert differs


def test_every_decision_carries_a_reason_in_words():
    session = shield_game(turns=0)
    for _ in range(4):
        session.play_turn()
        for seat in (VEYRA, OSTREL):
            policy = session.runner.policies[seat]
            (reason,) = policy.reasons
            assert reason.startswith(session.scenario.names[seat] + " ")
            assert ": " in reason and len(reason) < 240


def test_a_batch_equals_single_games():
    scenario = load("the_shield")
    seats = ["ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker"]
    runner = Runner(scenario, [11, 12], tuple(Seat.parse(s) for s in seats))
    singles = [Session.new(scenario, s, seats) for s in (11, 12)]
    for _ in range(3):
        runner.advance(runner.ai_orders())
        for b, single in enumerate(singles):
            single.play_turn()
            assert runner.world.select(b).digest() == single.world.digest()


def test_it_keeps_to_its_lessons_groups():
    """Two Neighbours allows no diplomacy: the strategist only splits its budget."""
    scenario = load("two_neighbours")
    runner = Runner(scenario, [1, 2, 3], (Seat(False, "security_seeker"), Seat(False, "baseline")))
    while not runner.finished.all():
        orders = runner.ai_orders()
        assert orders.diplomacy is None or orders.diplomacy.is_empty()
        runner.advance(orders)


@pytest.fixture(scope="module")
def shield_batch():
    scenario = load("the_shield")
    seats = tuple(
        Seat.parse(s)
        for s in ("ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker")
    )
    runner = Runner(scenario, list(range(70_000, 70_016)), seats)
    worlds, moves = [runner.world], []
    while not runner.finished.all():
        orders = runner.ai_orders()
        moves.append(orders.diplomacy)
        runner.advance(orders)
        worlds.append(runner.world)
    return worlds, moves


def test_in_the_shield_the_rivals_coordinate_and_aim_at_the_host(shield_batch):
    """Nothing scripts it: allying, drilling and aiming at the host are plans the strategists
    weigh every turn and play when the projection says they pay. Measured on three windows of 30
    seeds: the rivals allied, drilled or pooled in all, and aimed at or sanctioned the host in
    77-80 % (war in 3-7 %)."""
    worlds, moves = shield_batch
    b = worlds[0].batch
    coordinated = np.zeros(b, dtype=bool)
    pressed = np.zeros(b, dtype=bool)
    for w, d in zip(worlds[1:], moves, strict=True):
        coordinated |= w.alliance[:, VEYRA, OSTREL] > 0.5
        coordinated |= w.programme[:, VEYRA, OSTREL] > 0.5
        if d is not None:
            coordinated |= d.drill[:, [VEYRA, OSTREL]].any(axis=(1, 2))
            pressed |= (d.target[:, [VEYRA, OSTREL], BRISA] > 0).any(axis=1)
            pressed |= (d.sanction[:, [VEYRA, OSTREL], BRISA] > 0).any(axis=1)
    assert coordinated.mean() >= 0.8
    assert pressed.mean() >= 0.5


def test_in_joint_shield_a_strategist_offers_the_programme_and_its_partner_joins():
    """Veyra, with the money, played by a strategist: the programme (its money, Ostrel's
    know-how) is a plan it weighs, and it offers it on its own; the baseline partner joins.
    Measured on 40 seeds: the programme ran in all."""
    scenario = load("joint_shield")
    seats = (Seat(False, "security_seeker"), Seat(False, "baseline"), Seat(False, "baseline"))
    runner = Runner(scenario, list(range(70_000, 70_012)), seats)
    ran = np.zeros(12, dtype=bool)
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        ran |= runner.world.programme[:, 0, 1] > 0.5
    assert ran.mean() >= 0.75


def test_simulate_json_says_why_each_strategist_moved(capsys):
    import json

    from game.cli import main

    seats = "ai:baseline,ai:baseline,ai:security_seeker,ai:security_seeker"
    code = main(
        [
            "simulate",
            "--scenario",
            "the_shield",
            "--seats",
            seats,
            "--seed",
            "5",
            "--turns",
            "3",
            "--json",
        ]
    )
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    turns = doc["worlds"][0]["turns"]
    assert "reasons" not in turns[0]  # the start: nobody has moved yet
    for snap in turns[1:]:
        # Both strategists explain every turn (the baseline, only its visible moves).
        assert {"Veyra", "Ostrel"} <= set(snap["reasons"])
        for name, why in snap["reasons"].items():
            assert why.startswith(name + " ") and ": " in why


def test_with_every_seat_a_strategist_the_diplomacy_comes_from_the_projection():
    """No script offers alliances, programmes, deployments or treaties: strategists in every seat
    weigh them each turn. Over The Shield and The Accord, 8 seeds each, they offered alliances,
    talked, proposed treaties, offered and joined a joint programme, and offered shield to an
    ally that took it (measured on seeds 90000-90007). They sign only what leaves them safer:
    a shield cap where nobody may build a shield is no longer proposed (it was, and signed, in
    The Accord); signing by look-ahead is pinned in Three Powers
    (``test_lesson_three_powers``)."""
    seen: set[str] = set()
    for scenario_id in ("the_shield", "the_accord"):
        scenario = load(scenario_id)
        seats = tuple(Seat(False, "security_seeker") for _ in scenario.states)
        runner = Runner(scenario, list(range(90_000, 90_008)), seats)
        while not runner.finished.all():
            orders = runner.ai_orders()
            d = orders.diplomacy
            if d is not None:
                for key in ("ally", "talk", "programme", "deploy_shield", "sign"):
                    if (getattr(d, key) != 0).any():
                        seen.add(key)
                if (d.propose_kind >= 0).any():
                    seen.add("propose")
            runner.advance(orders)
    assert {"ally", "talk", "propose", "programme", "deploy_shield"} <= seen


def test_strategic_characters_are_weights_not_scripts():
    """Each strategic character plays the strategist's own decision; only its weights (and, for
    the reactor, whether it makes diplomacy of its own) tell it apart."""
    names = [n for n, cls in REGISTRY.items() if issubclass(cls, Strategist)]
    assert {"strategist", "hawk", "dove", "security_seeker", "strategic_reactor"} <= set(names)
    assert len({REGISTRY[n].weights for n in names}) == len(names)
    for n in names:
        cls = REGISTRY[n]
        assert cls.act is Strategist.act and cls._score is Strategist._score, n


def test_a_reactor_answers_a_treaty_invitation_but_proposes_nothing():
    scenario = load("the_accord")
    runner = Runner(
        scenario, [5, 6], (Seat(False, "baseline"),) * 2 + (Seat(False, "strategic_reactor"),)
    )
    proposals = 0
    while not runner.finished.all():
        orders = runner.ai_orders()
        d = orders.diplomacy
        if d is not None:
            proposals += int((d.propose_kind[:, 2] >= 0).sum())
            for key in ("ally", "talk", "drill", "commit", "inspect", "leave"):
                assert not getattr(d, key)[:, 2].any(), key
        runner.advance(orders)
    assert proposals == 0


def test_what_others_may_read_is_the_start_of_its_whole_reason():
    """The public reason (its moves in plain view) leads its full reason, which adds only its
    spending: a player never reads a reason the strategist did not give, and never its budget."""
    for scenario_id in ("the_accord", "the_shield"):
        scenario = load(scenario_id)
        seats = tuple(
            Seat(False, "baseline" if s == "human" else s[3:]) for s in scenario.default_seats
        )
        runner = Runner(scenario, list(range(71_000, 71_006)), seats)
        for _ in range(6):
            runner.advance(runner.ai_orders())
            for seat, full in runner.reasons.items():
                for b, why in enumerate(runner.public_reasons[seat]):
                    assert full[b].startswith(why), (full[b], why)
                    assert "%" not in why


def accord_cheats(verification: float, policy: str = "opportunist"):
    """The Accord on 12 seeds, Ostrel played by ``policy`` and the others steady, with the
    treaty's verification set: per turn, whether Ostrel broke the cap in secret, how far its
    reach went past the cap, and its full and public reasons."""
    import dataclasses

    scenario = load("the_accord")
    (t,) = scenario.treaties
    scenario = dataclasses.replace(
        scenario, treaties=(dataclasses.replace(t, verification=verification),)
    )
    seats = (Seat(False, "baseline"), Seat(False, "baseline"), Seat(False, policy))
    runner = Runner(scenario, list(range(72_000, 72_012)), seats)
    cheated, over, full, public = [], [], [], []
    while not runner.finished.all():
        orders = runner.ai_orders()
        cheated.append(orders.diplomacy.cheat[:, 2, 0].copy())
        full += list(runner.reasons[2])
        public += list(runner.public_reasons[2])
        runner.advance(orders)
        over.append(runner.world.reach[:, 2] - t.cap)
    return np.array(cheated), np.array(over), full, public


def test_a_greedy_strategist_breaks_a_cap_in_secret_where_the_inspection_game_says_it_pays():
    """Weakly verified, the opportunist builds past the cap in some turns, says so in
    its full reason only; where verification makes being caught dearer than any turn's gain it
    never cheats, and a strategist without greed never cheats at all."""
    cheated, over, full, public = accord_cheats(0.3)
    assert 0.05 < cheated.mean() < 0.95
    assert over.max() > 1.0, "it built past the cap"
    secret = [w for w in full if "in secret" in w]
    assert secret and not any("in secret" in w for w in public)
    checked, over_checked, _, _ = accord_cheats(0.8)
    assert not checked.any() and over_checked.max() <= 1e-6
    honest, _, _, _ = accord_cheats(0.3, "security_seeker")
    assert not honest.any()


def assert_batch_is_singles(scenario, seats, seeds, script=None):
    """Play ``seeds`` as one batch and each alone (``script(turn, world_seed, orders)`` may change
    a turn's orders per world): every world of the batch is its single game, turn by turn."""
    batch = Runner(scenario, seeds, seats)
    singles = [Runner(scenario, [s], seats) for s in seeds]
    turn = 0
    while not batch.finished.all():
        turn += 1
        orders = batch.ai_orders()
        if script is not None:
            orders = script(turn, seeds, orders)
        batch.advance(orders)
        for b, single in enumerate(singles):
            if single.finished.all():
                continue
            alone = single.ai_orders()
            if script is not None:
                alone = script(turn, [seeds[b]], alone)
            single.advance(alone)
            assert batch.world.select([b]).digest() == single.world.digest(), (turn, seeds[b])


def test_a_batch_equals_single_games_where_worlds_part_ways():
    """Each world decides from its own state alone: the dove's arms plans in the Sandbox (whose
    hardening differs from world to world), the hawk's pressure on a host in Forward Basing
    (lifted in some worlds only), a greedy strategist's temptation to cheat where a
    treaty binds in some worlds only (Veyra gives notice in some), and the Richardson reactor's
    look-ahead at an invitation made in one world only."""
    sandbox = load("sandbox")
    seats = tuple(Seat.parse("ai:baseline" if s == "human" else s) for s in sandbox.default_seats)
    assert_batch_is_singles(sandbox, seats, [3, 4, 5])

    basing = load("forward_basing")  # the hawk presses the host, and lets go once it gives in
    seats = tuple(Seat.parse("ai:baseline" if s == "human" else s) for s in basing.default_seats)
    assert_batch_is_singles(basing, seats, [60_000, 60_003, 60_006])

    accord = load("the_accord")
    greedy = (Seat.parse("ai:baseline"), Seat.parse("ai:security_seeker"))
    greedy += (Seat.parse("ai:opportunist"),)
    assert_batch_is_singles(accord, greedy, [60_000, 60_001, 60_002, 60_003])

    powers = load("three_powers")

    def invite_in_the_first(turn, seeds, orders):
        if turn != 3:
            return orders
        d = orders.diplomacy_or_none().copy()
        for b, seed in enumerate(seeds):
            if seed == 60_000:
                d.propose_kind[b, 0] = REACH_CEILING
                d.propose_parties[b, 0, :] = True
                d.propose_cap[b, 0] = 60.0
                d.propose_verification[b, 0] = 0.7
        return orders.with_diplomacy(d)

    reactor = tuple(Seat.parse(s) for s in ("ai:balancer", "ai:balancer", "ai:richardson"))
    assert_batch_is_singles(powers, reactor, [60_000, 60_001], invite_in_the_first)


def test_the_hawk_counts_on_no_host_giving_in_where_the_lesson_closes_deployments():
    """Where a lesson closes deployments no host can send forces home, so the hawk's projection
    must not order the withdrawal the engine would refuse. It once did: every diplomatic plan of
    the turn was dropped (the hawk never weighed an alliance or an aim), and where it already
    aimed at the host the fallback refused again and again until Python gave up."""
    import dataclasses

    from game.engine.state import Targeting

    basing = load("forward_basing")
    closed = dataclasses.replace(
        basing,
        params=basing.params.replace(diplomacy=("alliances", "targeting", "economy")),
        targeting=(Targeting(source=2, target=1),),  # Veyra already aims at Brisa
    )
    seats = (Seat.parse("ai:baseline"), Seat.parse("ai:baseline"), Seat.parse("ai:hawk"))
    runner = Runner(closed, list(range(60_000, 60_006)), seats)
    refused = []
    original = strategist._plain
    try:
        strategist._plain = lambda table, b: refused.append(b) or original(table, b)
        for _ in range(4):
            runner.advance(runner.ai_orders())
    finally:
        strategist._plain = original
    assert runner.world.turn == 4 and not refused


def test_a_reason_names_a_treaty_as_a_player_reads_it():
    """A cap is named with its cap, to the panels' tenth; a ban or openness has none (a review
    found 'inspected under the forward ban at 0: ... keeps to the cap')."""
    world = load("the_accord").initial_world()
    kind = world.treaty_kind.copy()
    cap = world.treaty_cap.copy()
    kind[0, 0], cap[0, 0] = REACH_CEILING, 22.56
    kind[0, 1], cap[0, 1] = FORWARD_BAN, 0.0
    world = world.replace(treaty_kind=kind, treaty_cap=cap)
    assert strategist._treaty_words(world, 0, 0) == "reach ceiling at 22.6"
    assert strategist._treaty_words(world, 0, 1) == "forward ban"
