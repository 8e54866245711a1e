"""The game's opponents behave as their docstrings say, in scripted situations, and never give an
illegal order in any shipped scenario."""

import dataclasses

import numpy as np
import pytest

from game.engine import Orders, check, exchange
from game.engine.actions import BACK_DOWN, ESCALATE
from game.engine.state import CIVILIAN, HARDENING, REACH
from game.policies import REGISTRY, get_policy, observe
from game.scenarios import builtin_ids, load
from game.session import Runner, Seat, Session

CHARACTERS = sorted(REGISTRY)


def neighbours(**world_changes):
    """Two Neighbours at the start, with some arrays changed (a batch of one)."""
    world = load("two_neighbours").initial_world()
    return world.replace(**world_changes) if world_changes else world


def act(name: str, world, seat: int = 0, difficulty: str = "normal", turns: int = 1):
    """The policy's move in ``world`` after ``turns - 1`` earlier looks at the same world."""
    policy = get_policy(name)(seat, [np.random.default_rng(1)], difficulty)
    for _ in range(turns):
        move = policy.act(observe(world, seat, with_view=policy.needs_view))
    return move


def arms_share(move, world, seat=0):
    budget = world.economy[0, seat] * world.params.tax
    return move.spend[0, :CIVILIAN].sum() / budget


def test_the_roster_has_eight_characters_and_more_each_declaring_itself():
    assert len(CHARACTERS) >= 9
    for name in CHARACTERS:
        cls = REGISTRY[name]
        assert cls.name == name and cls.title and cls.traits
        assert "Source" in (cls.__doc__ or "") or name == "baseline", name
        assert cls.__doc__ and len(cls.__doc__) > 80


def test_the_hawk_arms():
    world = neighbours()
    move = act("hawk", world)
    assert arms_share(move, world) >= 0.5
    assert move.spend[0, REACH] > move.spend[0, HARDENING]


def feared_neighbour(belief: float):
    """Two Neighbours with the rival at 60 reach against its 10, believed a security seeker with
    odds ``belief``."""
    return neighbours(
        reach=np.array([[10.0, 60.0]]),
        seen_reach=np.array([[[10.0, 60.0], [10.0, 60.0]]]),
        belief=np.array([[[1.0, belief], [0.9, 1.0]]]),
    )


def spiral_start(belief: float, crisis: bool = False):
    """The Spiral at the start (signals open), Orun believing its neighbours security seekers
    with odds ``belief``, in a crisis with Tessar if ``crisis``."""
    world = load("the_spiral").initial_world()
    b = world.belief.copy()
    b[0, 0, 1:] = belief
    world = world.replace(belief=b)
    if crisis:
        c, t = np.zeros((1, 3, 3)), world.tension.copy()
        c[0, 0, 1] = c[0, 1, 0] = 1.0
        t[0, 0, 1] = t[0, 1, 0] = 0.95
        world = world.replace(crisis=c, tension=t)
    return world


def test_the_dove_holds_even_when_afraid_reassures_and_backs_down():
    for belief in (0.9, 0.1):
        world = feared_neighbour(belief)
        assert arms_share(act("dove", world), world) == 0.0
    doubted = act("dove", spiral_start(0.5))
    assert arms_share(doubted, spiral_start(0.5)) == 0.0
    assert doubted.diplomacy.talk[0, 0].any() or doubted.cut[0] > 0, "it reassures"
    assert act("dove", spiral_start(0.9, crisis=True)).diplomacy.answer[0, 0, 1] == BACK_DOWN


def test_the_hawk_escalates_a_crisis():
    world = neighbours(crisis=np.array([[[0.0, 1.0], [1.0, 0.0]]]), tension=np.full((1, 2, 2), 0.8))
    assert act("hawk", world).diplomacy.answer[0, 0, 1] == ESCALATE


@pytest.mark.parametrize("name", ["copycat", "grudger"])
def test_a_copycat_answers_an_arming_rival_with_arming(name):
    armed = neighbours(seen_build=np.array([[[0.0, 0.6], [0.0, 0.0]]]))
    calm = neighbours()
    assert arms_share(act(name, armed, turns=1), armed) == 0.0, "it opens by restraining"
    assert arms_share(act(name, armed, turns=2), armed) > 0.2
    assert arms_share(act(name, calm, turns=2), calm) == 0.0


def test_the_grudger_never_forgives_but_the_copycat_does():
    def play(name):
        policy = get_policy(name)(0, [np.random.default_rng(1)], "normal")
        shares = []
        for build in (0.0, 0.6, 0.0, 0.0, 0.0):
            world = neighbours(seen_build=np.array([[[0.0, build], [0.0, 0.0]]]))
            move = policy.act(observe(world, 0))
            shares.append(arms_share(move, world))
        return shares

    # Turn 1 sees the rival's arming of turn 0 and answers it; then the rival restrains.
    grudger, copycat = play("grudger"), play("copycat")
    assert grudger[0] == 0.0 and min(grudger[1:]) > 0.2
    assert copycat[0] == 0.0 and copycat[1] > 0.2 and copycat[2:] == [0.0, 0.0, 0.0]


def test_the_security_seeker_arms_from_fear_alone():
    """The same rival with the same 60 reach: armed against when it is probably greedy, not when
    it is trusted (the strike it fears is the expansionist's)."""
    feared, trusted = feared_neighbour(0.1), feared_neighbour(0.9)
    assert arms_share(act("security_seeker", feared), feared) > 0.3
    assert arms_share(act("security_seeker", trusted), trusted) == 0.0


def test_the_security_seeker_talks_to_a_rival_it_trusts():
    assert act("security_seeker", spiral_start(0.9)).diplomacy.talk[0, 0].any()


def test_the_richardson_reactor_builds_with_what_it_sees():
    low = neighbours(seen_reach=np.array([[[0.0, 5.0], [5.0, 0.0]]]))
    high = neighbours(seen_reach=np.array([[[0.0, 60.0], [5.0, 0.0]]]))
    assert act("richardson", high).spend[0, REACH] > act("richardson", low).spend[0, REACH]


def test_the_opportunist_presses_an_advantage_in_a_crisis():
    scenario = load("two_neighbours")
    world = scenario.initial_world()
    world = world.replace(
        reach=np.array([[60.0, 2.0]]),
        seen_reach=np.array([[[60.0, 2.0], [60.0, 2.0]]]),
        crisis=np.array([[[0.0, 1.0], [1.0, 0.0]]]),
    )
    ex = exchange(world)
    assert ex.margin[0, 0, 1] >= 0 > ex.margin[0, 1, 0]
    assert act("opportunist", world).diplomacy.answer[0, 0, 1] == ESCALATE


def test_the_balancer_allies_only_against_a_stronger_third():
    """Balancing, not bandwagoning (Waltz, Walt): with Aurum by far the strongest, Ostrel may
    court Veyra or Brisa but never Aurum; on the opening board, where nobody outweighs it, it
    courts nobody."""
    from game.policies.strategist import Plan

    opening = load("the_shield").initial_world()
    reach = opening.reach.copy()
    reach[:, 0] = 100.0  # Aurum, by far the strongest force on the board
    seen = opening.seen_reach.copy()
    seen[:, :, 0] = 100.0
    world = opening.replace(reach=reach, seen_reach=seen)
    balancer = get_policy("balancer")(3, [np.random.default_rng(1)], "normal")
    hold = Plan((0.0, 0.0, 0.0, 0.0, 1.0))

    def may_court(w, j):
        obs = observe(w, 3, with_view=True)
        return balancer._legal(obs, 0, Plan(hold.shares, move=("ally", j)))

    assert may_court(world, 2) and may_court(world, 1)
    assert not may_court(world, 0)
    assert act("balancer", world, seat=3).diplomacy.ally[0, 3, 0] == 0
    # Offers: it takes up Veyra's, against Aurum, and refuses Aurum's (no bandwagoning).
    offers = np.zeros_like(world.ally_offer)
    offers[:, [0, 2], 3] = 1.0
    belief = world.belief.copy()
    belief[:, 3, :] = 0.9
    answered = act("balancer", world.replace(ally_offer=offers, belief=belief), seat=3)
    assert answered.diplomacy.ally[0, 3, 2] == 1 and answered.diplomacy.ally[0, 3, 0] == 0
    weak = opening.replace(reach=np.full_like(opening.reach, 10.0))
    weak = weak.replace(seen_reach=np.full_like(opening.seen_reach, 10.0))
    assert not any(may_court(weak, j) for j in range(3))


def test_difficulty_changes_how_hard_it_plays_not_the_rules():
    """A rule character's difficulty is the intensity of its answer (the strategists' is how far
    and how well they look, tested with them)."""
    world = neighbours()
    easy = act("richardson", world, difficulty="easy")
    hard = act("richardson", world, difficulty="hard")
    assert arms_share(easy, world) < arms_share(hard, world)
    for move in (easy, hard):
        orders = Orders.hold(world).replace_state(0, move.spend, move.cut, move.diplomacy)
        check(world, orders)


@pytest.mark.parametrize("scenario_id", builtin_ids())
def test_every_character_plays_every_scenario_legally(scenario_id):
    scenario = load(scenario_id)
    n = len(scenario.states)
    for k in range(len(CHARACTERS)):
        seats = tuple(Seat(False, CHARACTERS[(k + s) % len(CHARACTERS)]) for s in range(n))
        runner = Runner(scenario, [3], seats)  # random worlds: test_legal_everywhere.py
        while not runner.finished.all():
            runner.advance(runner.ai_orders())  # an illegal order would raise here


def test_random_characters_keep_a_batch_equal_to_single_games():
    scenario = load("two_neighbours")
    seats = ["ai:forgiving_copycat", "ai:random"]
    runner = Runner(scenario, [5, 6], tuple(Seat.parse(s) for s in seats))
    singles = [Session.new(scenario, s, seats) for s in (5, 6)]
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        for b, single in enumerate(singles):
            if not single.over:
                single.play_turn()
                assert runner.world.select(b).digest() == single.world.digest()


@pytest.mark.parametrize("name", CHARACTERS)
def test_no_character_orders_past_a_cap_that_a_joint_programme_tightens(name):
    """The room under a shield cap is the engine's own (``diplomacy.cap_room``): with a joint
    programme's better tech a unit of spending builds more shield, so the room in budget is
    smaller. A policy that kept its own copy of the rule (without the pooled tech) once ordered
    8.39 where the engine allowed 2.10, and the engine refused the AI's own move."""
    from game.engine.state import TreatySpec

    scenario = load("sandbox")
    n = len(scenario.states)
    capped = dataclasses.replace(
        scenario,
        treaties=(TreatySpec("shield_cap", tuple(range(n)), cap=6.0, verification=0.5),),
    )
    world = capped.initial_world()
    programme, tech = world.programme.copy(), world.tech.copy()
    programme[0, 0, 1] = programme[0, 1, 0] = 1.0
    tech[0, 0], tech[0, 1] = 0.6, 2.0
    alliance = world.alliance.copy()
    alliance[0, 0, 1] = alliance[0, 1, 0] = 1.0
    world = world.replace(programme=programme, tech=tech, alliance=alliance)
    policy = get_policy(name)(0, [np.random.default_rng(4)], "hard")
    move = policy.act(observe(world, 0, with_view=policy.needs_view))
    orders = Orders.hold(world).replace_state(0, move.spend, move.cut, move.diplomacy)
    check(world, orders.pay_diplomacy(world, [0]))  # an order past the cap would raise


@pytest.mark.parametrize("scenario_id", ["forward_basing", "the_shield", "three_powers", "sandbox"])
def test_every_visible_move_of_an_ai_carries_a_reason(scenario_id):
    """Whatever the character, each diplomatic move another state can see comes with a line
    that says why (a strategist's projection, or a rule-based character's rule), for the wire
    reports; none explains spending."""
    scenario = load(scenario_id)
    seats = tuple(Seat.parse("ai:baseline" if s == "human" else s) for s in scenario.default_seats)
    runner = Runner(scenario, [1, 2, 3], seats)
    moves = 0
    while not runner.finished.all():
        orders = runner.ai_orders()
        d = orders.diplomacy
        if d is not None:
            visible = (
                (
                    (d.ally > 0)
                    | (d.target > 0)
                    | (d.sanction > 0)
                    | d.drill
                    | d.talk
                    | d.commit
                    | (d.programme > 0)
                    | ((d.deploy_reach + d.deploy_shield) > 0)
                ).any(axis=2)
                | (d.propose_kind >= 0)
                | d.sign.any(axis=2)
            )  # [B, N]
            for b, i in zip(*np.nonzero(visible), strict=True):
                moves += 1
                why = runner.public_reasons.get(int(i), [""] * 3)[b]
                assert why.startswith(scenario.names[i]), (scenario.names[i], why)
                assert "%" not in why and "budget" not in why
        runner.advance(orders)
    assert moves > 0


def test_the_roster_meets_the_player_in_teaching_order():
    """The set-up screen steps through :func:`roster`: every opponent once, the Steady Deterrer
    first, the classic copycat next, the strategists by their weights last."""
    from game.policies import roster

    names = roster()
    assert sorted(names) == sorted(REGISTRY)
    assert names[:2] == ["baseline", "copycat"]
    tail = [n for n in names if n == "strategist" or n.startswith("strategic_")]
    assert names[-len(tail) :] == tail and "dove" not in tail
