"""The Accord, pinned over a seeded batch: the reach ceiling keeps arms lower than the same batch
without it; the cheat in Ostrel's seat is caught at the treaty's verification when inspected and
at passive_detection x verification when not (the inspection game); and a withdrawal costs the
leaver the others' trust and frees it to arm once the accord lapses.

The human seat (Aurum) is played by ``ai:baseline`` (the steady deterrer); Veyra and Ostrel keep
their default seats (``ai:baseline`` and ``ai:opportunist``). The inspections and the withdrawal
are scripted for Aurum, since no AI opponent inspects or leaves a treaty.
"""

import dataclasses

import numpy as np
import pytest

from game.engine import treaties
from game.engine.treaties import LAPSED
from game.scenarios import load
from game.session import Runner, Seat, Session

SEEDS = list(range(40))
AURUM, VEYRA, OSTREL = 0, 1, 2
STAND_IN = "baseline"  # plays the human seat in these tests
TREATY = 0  # the accord's slot
LEAVE_BEFORE = 4  # the scripted withdrawal is ordered on turn 5 (before turn index 4 resolves)


def seats(scenario):
    return tuple(
        Seat(False, STAND_IN if s == "human" else Seat.parse(s).policy)
        for s in scenario.default_seats
    )


def play(scenario, inspect=False, leave_before=None):
    """Reach [T+1, B, N], belief [T+1, B, N, N], tension [T+1, B, N, N], treaty status
    [T+1, B], and the cheat's (violation turns, caught) counts."""
    runner = Runner(scenario, SEEDS, seats(scenario))
    w = runner.world
    reach, belief, tension = [w.reach.copy()], [w.belief.copy()], [w.tension.copy()]
    status = [w.treaty_status[:, TREATY].copy()]
    broken = caught = 0
    while not runner.finished.all():
        orders = runner.ai_orders()
        d = orders.diplomacy_or_none()
        if inspect:
            d = dataclasses.replace(d, inspect=_set(d.inspect, AURUM, TREATY))
        if leave_before is not None and runner.world.turn == leave_before:
            d = dataclasses.replace(d, leave=_set(d.leave, AURUM, TREATY))
        orders = orders.with_diplomacy(d).pay_diplomacy(runner.world, [AURUM])
        before = runner.world
        events = runner.advance(orders)
        w = runner.world
        violating = treaties.violations(before, w.reach, w.shield, w.fwd_reach, w.fwd_shield)
        broken += int(violating[:, TREATY, OSTREL].sum())
        caught += int(events.violations_caught[:, TREATY, OSTREL].sum())
        reach.append(w.reach.copy())
        belief.append(w.belief.copy())
        tension.append(w.tension.copy())
        status.append(w.treaty_status[:, TREATY].copy())
    return {
        "reach": np.array(reach),
        "belief": np.array(belief),
        "tension": np.array(tension),
        "status": np.array(status),
        "broken": broken,
        "caught": caught,
    }


def _set(arr, actor, slot):
    arr = arr.copy()
    arr[:, actor, slot] = True
    return arr


@pytest.fixture(scope="module")
def scenario():
    sc = load("the_accord")
    assert sc.names == ("Aurum", "Veyra", "Ostrel")
    assert sc.default_seats == ("human", "ai:baseline", "ai:opportunist")
    return sc


@pytest.fixture(scope="module")
def accord(scenario):
    return play(scenario)


def test_the_accord_is_in_force_with_weak_verification(scenario):
    (t,) = scenario.treaties
    assert t.kind == "reach_ceiling" and len(t.parties) == 3
    # The opportunist cheats only where verification is below 0.5.
    assert t.verification < 0.5
    assert "treaties" in scenario.params.diplomacy
    world = scenario.initial_world()
    assert world.treaty_status[0, TREATY] == treaties.IN_FORCE
    assert world.reach[0].max() <= t.cap


def test_arms_stay_lower_with_the_treaty_than_without_it(scenario, accord):
    without = play(dataclasses.replace(scenario, treaties=()))
    arms_with = accord["reach"].sum(axis=2).mean(axis=0)  # per seed, mean over the game
    arms_without = without["reach"].sum(axis=2).mean(axis=0)
    # Measured: 104 against 141 on average; lower in every seed.
    assert arms_without.mean() - arms_with.mean() > 20
    assert (arms_with < arms_without).mean() >= 0.9
    # The parties that keep the cap stay under it all game.
    cap = scenario.treaties[0].cap
    assert accord["reach"][:, :, [AURUM, VEYRA]].max() <= cap + 1e-6


def test_the_cheat_is_caught_at_the_inspection_games_odds(scenario, accord):
    verification = scenario.treaties[0].verification
    passive = scenario.params.passive_detection
    inspected = play(scenario, inspect=True)
    # Ostrel cheats in most turns of every seed: hundreds of violation turns in each batch.
    assert accord["broken"] > 300 and inspected["broken"] > 300
    rate_passive = accord["caught"] / accord["broken"]
    rate_inspected = inspected["caught"] / inspected["broken"]
    # Measured over 512 violation turns: 0.098 without inspections, 0.395 with Aurum inspecting
    # every turn.
    assert abs(rate_passive - passive * verification) < 0.04
    assert abs(rate_inspected - verification) < 0.07


def test_leaving_costs_the_leaver_trust_and_frees_it_to_arm(scenario, accord):
    left = play(scenario, leave_before=LEAVE_BEFORE)
    after = LEAVE_BEFORE + 1  # the world after the turn the notice was given
    trust_left = left["belief"][:, :, [VEYRA, OSTREL], AURUM].mean(axis=2)
    trust_kept = accord["belief"][:, :, [VEYRA, OSTREL], AURUM].mean(axis=2)
    # Measured: 0.79 against 0.91 right after the notice; lower in every seed.
    assert (trust_left[after] < trust_kept[after]).mean() >= 0.9
    assert (trust_left[after] < trust_left[after - 1]).mean() >= 0.85
    assert trust_kept[after].mean() - trust_left[after].mean() > 0.08
    tension_left = left["tension"][after][:, AURUM, [VEYRA, OSTREL]].mean(axis=1)
    tension_kept = accord["tension"][after][:, AURUM, [VEYRA, OSTREL]].mean(axis=1)
    assert (tension_left > tension_kept).mean() >= 0.9
    # After the notice the accord lapses for everyone, and the leaver builds past the old cap.
    lapse = after + scenario.params.treaty_notice
    assert (left["status"][lapse] == LAPSED).all()
    cap = scenario.treaties[0].cap
    assert (left["reach"][-1][:, AURUM] > cap).mean() >= 0.7  # measured: 34 of 40


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, accord):
    bet = scenario.bet
    assert bet.measure == "reach" and bet.choices[bet.answer] == "It rises"
    who = [scenario.index(s) for s in bet.states]
    last = bet.reveal_after if bet.reveal_after else scenario.params.turns
    before = accord["reach"][bet.ask_before - 1][:, who].sum(axis=1)
    after = accord["reach"][min(last, len(accord["reach"]) - 1)][:, who].sum(axis=1)
    assert (after > 1.05 * before).mean() >= 0.85


def test_the_game_reports_the_bet_answer_in_most_seeds(scenario):
    """The same check through the game's own bet reading (``game.analysis.bet_outcome``), one
    session per seed, on the first 16 seeds (measured: 40 of 40 with the direct measure above)."""
    from game.analysis import bet_outcome

    seats = [f"ai:{STAND_IN}" if s == "human" else s for s in scenario.default_seats]
    outcomes = []
    for seed in SEEDS[:16]:
        session = Session.new(scenario, seed, seats)
        session.play_to_end()
        outcomes.append(bet_outcome(session, scenario.bet))
    assert np.mean(np.array(outcomes) == scenario.bet.answer) >= 0.85
