"""Three Powers, pinned over a seeded batch: the third power, outside the two powers' reach
ceiling, builds in answer to their arsenals and passes the ceiling; the parties stay held below
it, and the two draw together (an alliance) against the stronger third. When the third power
holds instead (a dove in its seat), none of that happens; and when it is a party to the same
ceiling, it stops at the cap instead of building past it (the bet's control).

The human seat (Aurum) is played by ``ai:balancer`` (a player who balances against the strongest
state, as Veyra does); the other seats are the scenario's defaults (Veyra ``ai:balancer``,
Ostrel ``ai:richardson``).
"""

import dataclasses

import numpy as np
import pytest

from game.analysis import ROSE
from game.engine.actions import REACH_CEILING
from game.engine.treaties import IN_FORCE
from game.scenarios import load
from tests.integration.lessons import play

AURUM, VEYRA, OSTREL = 0, 1, 2
STAND_IN = "balancer"  # plays the human seat (Aurum) in these tests
CAP = 30.0


def total_reach(w):
    return w.reach + w.fwd_reach.sum(axis=2)


@pytest.fixture(scope="module")
def scenario():
    sc = load("three_powers")
    assert sc.names == ("Aurum", "Veyra", "Ostrel")
    assert sc.default_seats == ("human", "ai:balancer", "ai:richardson")
    return sc


@pytest.fixture(scope="module")
def outsider(scenario):
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def holding(scenario):
    """The same board with Ostrel played by the dove (a strategist that dreads the spiral): the
    third power holds."""
    return play(scenario, STAND_IN, Ostrel="dove")


def test_the_lesson_starts_with_a_bilateral_ceiling_in_force(scenario):
    assert scenario.picture == "triangle"
    assert set(scenario.params.diplomacy) == {"treaties", "alliances"}
    world = scenario.initial_world()
    assert world.treaty_kind[0, 0] == REACH_CEILING and world.treaty_status[0, 0] == IN_FORCE
    assert world.treaty_cap[0, 0] == CAP
    assert list(world.treaty_signed[0, 0]) == [1.0, 1.0, 0.0], "Ostrel is outside it"
    assert (world.reach[0, [AURUM, VEYRA]] <= CAP).all()
    assert world.reach[0, OSTREL] < world.reach[0, [AURUM, VEYRA]].min()
    assert world.alliance[0].max() == 0.0


def test_the_outsider_passes_the_ceiling_while_the_parties_are_held(outsider, holding):
    reach = outsider.track(total_reach)
    # Measured over these 40 seeds: Ostrel went from 10 to 52 reach on average, past the
    # ceiling in all 40 seeds and past both parties in all 40.
    assert (reach[-1, :, OSTREL] > CAP).mean() >= 0.9
    assert (reach[-1, :, OSTREL] > reach[-1, :, [AURUM, VEYRA]].max(axis=0)).mean() >= 0.9
    # The parties keep the treaty: neither passes the ceiling, and the treaty is still in force
    # (measured over two windows of 50 seeds: in 96-98 %; a balancer gives notice only once the
    # outsider has stood ahead of both parties together turn after turn).
    held = reach[:, :, [AURUM, VEYRA]].max(axis=(0, 2)) <= CAP + 1e-6
    assert held.mean() >= 0.9
    assert (outsider.track(lambda w: w.treaty_status[:, 0])[-1] == IN_FORCE).mean() >= 0.9
    # The dove in Ostrel holds: measured over two windows of 50 seeds, never near the ceiling
    # (14.4 at the most) and at or below its start (10) at the end in 98-100 %.
    held = holding.track(total_reach)[:, :, OSTREL]
    assert held.max() < CAP
    assert (held[-1] <= held[0] + 1e-9).mean() >= 0.75


def test_the_two_parties_balance_together_against_the_stronger_third(outsider, holding):
    allied = outsider.track(lambda w: w.alliance[:, AURUM, VEYRA] > 0.5)[-1]
    allied_calm = holding.track(lambda w: w.alliance[:, AURUM, VEYRA] > 0.5)[-1]
    # Measured: allied by the end in 40 of 40 seeds (by turn 9 at the latest), against 0 of 40
    # when Ostrel holds.
    assert allied.mean() >= 0.9
    assert allied_calm.mean() <= 0.1
    # Neither party allies with the outsider.
    assert outsider.track(lambda w: w.alliance[:, [AURUM, VEYRA], OSTREL]).max() == 0.0


def test_the_parties_arm_more_by_the_channels_the_ceiling_leaves_open(outsider, holding):
    """Held at 30 reach, the parties build what the treaty leaves open (shield), and more of it
    when the outsider builds than when it holds."""

    def arms(ws):
        return ws.track(lambda w: (total_reach(w) + w.shield)[:, [AURUM, VEYRA]].sum(axis=1))

    a, a_calm = arms(outsider), arms(holding)
    # Measured: reach + shield of the two parties 56 -> 104 against 56 -> 91 on average.
    assert (a[-1] > 1.05 * a[0]).mean() >= 0.9
    assert a[-1].mean() - a_calm[-1].mean() > 6.0
    assert (a[-1] > a_calm[-1]).mean() >= 0.75


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, outsider):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "reach" and bet.states == ("Ostrel",)
    assert bet.choices[bet.answer] == "It rises" and bet.answer == ROSE
    # The bet is placed once Ostrel has caught up with the ceiling (measured over three windows
    # of 50 seeds: at the ceiling or above in 98-100 %, 36 on average before turn 5).
    assert bet.ask_before == 5 and bet.reveal_after == scenario.params.turns
    before = outsider.track(total_reach)[bet.ask_before - 1][:, OSTREL]
    assert (before >= CAP).mean() >= 0.9 and before.mean() >= CAP
    # Measured over three windows of 50 seeds: Ostrel's reach rose past where it stood in all.
    assert outsider.bet_share() >= 0.85


@pytest.fixture(scope="module")
def bound(scenario):
    """The control: the same board and seeds with Ostrel a party to the same ceiling."""
    (t,) = scenario.treaties
    treaty = dataclasses.replace(t, parties=(AURUM, VEYRA, OSTREL))
    return play(dataclasses.replace(scenario, treaties=(treaty,)), STAND_IN)


def test_with_the_third_bound_too_the_bets_answer_is_clearly_rarer(outsider, bound):
    reach = bound.track(total_reach)
    assert reach.max() <= CAP + 1e-6
    # Measured: a bound Ostrel built up to the ceiling by turn 4 and held there; its reach rose
    # after turn 4 in 0 of 40 seeds (level in all 40), against 40 of 40.
    assert bound.bet_share() <= 0.1
    assert outsider.bet_share() - bound.bet_share() >= 0.75


def framework(turn: int, cap: float):
    """Aurum proposes, on ``turn``, a reach ceiling of ``cap`` for all three (verification 0.7)."""

    def script(runner, t, orders):
        if t != turn:
            return orders
        d = orders.diplomacy_or_none().copy()
        d.propose_kind[:, AURUM] = REACH_CEILING
        d.propose_parties[:, AURUM, :] = True
        d.propose_cap[:, AURUM] = cap
        d.propose_verification[:, AURUM] = 0.7
        return orders.with_diplomacy(d)

    return script


def ostrel_signed(batch, turn: int) -> np.ndarray:
    """``[B]`` Ostrel signed a treaty naming all three, on or after ``turn``."""
    signed = np.zeros(batch.size, dtype=bool)
    for w in batch.worlds[turn:]:
        three = (w.treaty_invited > 0).sum(axis=2) == 3
        signed |= ((w.treaty_signed[:, :, OSTREL] > 0.5) & three).any(axis=1)
    return signed


def test_the_outsider_refuses_a_framework_it_would_lose_by_and_takes_one_it_would_gain_by(
    scenario,
):
    """Nothing scripts Ostrel's answer: it weighs the invitation by looking ahead through the
    engine with its own build either way. The parties are steady deterrers here, so that the
    framework is the only proposal on the table and only Ostrel's reasoning is measured (the
    balancers propose frameworks of their own). A three-party ceiling at the parties' level (30),
    proposed on turn 6 when it stands near 40 and is still building, would hold it back: it
    refuses. One at 80 leaves its build room and binds only the others: it signs where its
    look-ahead shows that leaves it better off."""
    steady = {"Veyra": "baseline"}
    tight = ostrel_signed(play(scenario, "baseline", script=framework(6, CAP), **steady), 6)
    roomy = ostrel_signed(play(scenario, "baseline", script=framework(6, 80.0), **steady), 6)
    # Measured over two windows of 50 seeds: signed the tight one in 0-2 %, the roomy one in
    # 40-46 %.
    assert tight.mean() <= 0.1
    assert roomy.mean() >= 0.2
    assert roomy.mean() - tight.mean() >= 0.2


def test_the_outsider_says_why_it_leaves_a_framework_unsigned(scenario):
    """A refusal is visible, so it comes with a reason: on the turns after a ceiling at 30 is
    proposed, Ostrel's public reason says it left the proposal unsigned, and why."""
    from game.session import Runner, Seat

    seats = (Seat(False, STAND_IN), Seat(False, "balancer"), Seat(False, "richardson"))
    runner = Runner(scenario, [60_000, 60_001, 60_002], seats)
    said = []
    for turn in range(1, 9):
        orders = framework(6, CAP)(runner, turn, runner.ai_orders())
        if turn > 6:
            said += runner.public_reasons[OSTREL]
        runner.advance(orders)
    refusals = [line for line in said if "unsigned" in line]
    assert refusals, said
    assert all(
        line.startswith("Ostrel (Richardson Reactor) left the proposed reach ceiling")
        for line in refusals
    )
