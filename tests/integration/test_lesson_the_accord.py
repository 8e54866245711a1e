"""The Accord, pinned over a seeded batch: the reach ceiling keeps arms lower than the same batch
without it; Ostrel, which starts right at the cap, can only add reach by cheating, and the
opportunist in its seat does so where verification is weak; the cheat is caught at the treaty's
verification when inspected and at passive_detection x verification when not (the inspection
game); and a withdrawal costs the leaver the others' trust and frees it to arm once the accord
lapses.

The human seat (Aurum) is played by ``ai:baseline`` (the steady deterrer). The lesson's own seats
put a strategist in Veyra: it inspects where the inspection game says it pays, and gives notice
when the cap binds it against a rival the cap does not hold (the last tests). The tests of the
engine's mechanics (how often a cheat is caught, what leaving costs, how cheating falls with
verification) keep Veyra steady (``ai:baseline``, which neither inspects nor leaves), so that only
the inspections and the withdrawal scripted for Aurum move the numbers they pin.
"""

import dataclasses

import numpy as np
import pytest

from game.analysis import ROSE
from game.engine import treaties
from game.engine.treaties import LAPSED
from game.scenarios import load
from tests.integration.lessons import play, share

AURUM, VEYRA, OSTREL = 0, 1, 2
STAND_IN = "baseline"  # plays the human seat in these tests
TREATY = 0  # the accord's slot
LEAVE_BEFORE = 4  # the scripted withdrawal is ordered on turn 5 (before turn index 4 resolves)


def scripted(inspect=False, leave_before=None):
    """Aurum inspects the accord every turn, and/or gives notice before turn index
    ``leave_before``."""

    def script(runner, turn, orders):
        d = orders.diplomacy_or_none()
        if inspect:
            d = dataclasses.replace(d, inspect=_set(d.inspect, AURUM, TREATY))
        if leave_before is not None and runner.world.turn == leave_before:
            d = dataclasses.replace(d, leave=_set(d.leave, AURUM, TREATY))
        return orders.with_diplomacy(d).pay_diplomacy(runner.world, [AURUM])

    return script


def _set(arr, actor, slot):
    arr = arr.copy()
    arr[:, actor, slot] = True
    return arr


def cheating(batch):
    """(turns in which Ostrel was over the cap, of them the turns it was caught), batch-wide."""
    broken = caught = 0
    for before, after, events in zip(batch.worlds, batch.worlds[1:], batch.events, strict=False):
        w = after
        violating = treaties.violations(before, w.reach, w.shield, w.fwd_reach, w.fwd_shield)
        broken += int(violating[:, TREATY, OSTREL].sum())
        caught += int(events.violations_caught[:, TREATY, OSTREL].sum())
    return broken, caught


def reach(batch):
    return batch.track(lambda w: w.reach)


@pytest.fixture(scope="module")
def scenario():
    sc = load("the_accord")
    assert sc.names == ("Aurum", "Veyra", "Ostrel")
    assert sc.default_seats == ("human", "ai:security_seeker", "ai:opportunist")
    return sc


@pytest.fixture(scope="module")
def accord(scenario):
    """The lesson's own seats."""
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def steady(scenario):
    """Veyra kept steady: the engine's mechanics, with no inspection or notice but Aurum's."""
    return play(scenario, STAND_IN, Veyra="baseline")


def veyras_moves(batch):
    """[B] masks: Veyra inspected under a treaty; Veyra gave notice to leave one."""
    inspected = np.zeros(batch.size, dtype=bool)
    left = np.zeros(batch.size, dtype=bool)
    for e in batch.events:
        inspected |= e.diplomacy.inspect[:, VEYRA].any(axis=1)
        left |= e.diplomacy.leave[:, VEYRA].any(axis=1)
    return inspected, left


def test_the_accord_is_in_force_with_weak_verification(scenario):
    (t,) = scenario.treaties
    assert t.kind == "reach_ceiling" and len(t.parties) == 3
    # The opportunist cheats only where verification is below 0.5.
    assert t.verification < 0.5
    assert "treaties" in scenario.params.diplomacy
    world = scenario.initial_world()
    assert world.treaty_status[0, TREATY] == treaties.IN_FORCE
    assert world.reach[0].max() <= t.cap
    # Ostrel starts at the cap: any rise of its reach breaks the accord.
    assert world.reach[0, OSTREL] == t.cap


def test_arms_stay_lower_with_the_treaty_than_without_it(scenario, steady):
    without = play(dataclasses.replace(scenario, treaties=()), STAND_IN, Veyra="baseline")
    arms_with = reach(steady).sum(axis=2).mean(axis=0)  # per seed, mean over the game
    arms_without = reach(without).sum(axis=2).mean(axis=0)
    # Measured: 118 against 145 on average; lower in every seed.
    assert arms_without.mean() - arms_with.mean() > 20
    assert share(arms_with < arms_without) >= 0.9
    # The parties that keep the cap stay under it all game.
    cap = scenario.treaties[0].cap
    assert reach(steady)[:, :, [AURUM, VEYRA]].max() <= cap + 1e-6


def test_the_cheat_is_caught_at_the_inspection_games_odds(scenario, steady):
    verification = scenario.treaties[0].verification
    passive = scenario.params.passive_detection
    inspected = play(scenario, STAND_IN, script=scripted(inspect=True), Veyra="baseline")
    broken, caught = cheating(steady)
    broken_inspected, caught_inspected = cheating(inspected)
    # Ostrel cheats in most turns of every seed: hundreds of violation turns in each batch.
    assert broken > 300 and broken_inspected > 300
    # Measured over 600 violation turns each: 0.093 without inspections, 0.385 with Aurum
    # inspecting every turn.
    assert abs(caught / broken - passive * verification) < 0.04
    assert abs(caught_inspected / broken_inspected - verification) < 0.07


def test_leaving_costs_the_leaver_trust_and_frees_it_to_arm(scenario, steady):
    accord = steady
    left = play(scenario, STAND_IN, script=scripted(leave_before=LEAVE_BEFORE), Veyra="baseline")
    after = LEAVE_BEFORE + 1  # the world after the turn the notice was given

    def trust_in_aurum(batch):
        return batch.track(lambda w: w.belief[:, [VEYRA, OSTREL], AURUM].mean(axis=1))

    def tension_with_aurum(batch):
        return batch.track(lambda w: w.tension[:, AURUM, [VEYRA, OSTREL]].mean(axis=1))

    trust_left, trust_kept = trust_in_aurum(left), trust_in_aurum(accord)
    # Measured: 0.78 against 0.91 right after the notice; lower in every seed.
    assert share(trust_left[after] < trust_kept[after]) >= 0.9
    assert share(trust_left[after] < trust_left[after - 1]) >= 0.85
    assert trust_kept[after].mean() - trust_left[after].mean() > 0.08
    assert share(tension_with_aurum(left)[after] > tension_with_aurum(accord)[after]) >= 0.9
    # After the notice the accord lapses for everyone, and the leaver builds past the old cap.
    lapse = after + scenario.params.treaty_notice
    assert (left.track(lambda w: w.treaty_status[:, TREATY])[lapse] == LAPSED).all()
    cap = scenario.treaties[0].cap
    # Measured over three windows of 50 seeds: past the old cap in 42-52 % (as far as its
    # rivals worry it: Ostrel now cheats less), 7-10 more reach than with the accord kept.
    assert share(reach(left)[-1][:, AURUM] > cap) >= 0.3
    assert (reach(left)[-1][:, AURUM] - reach(accord)[-1][:, AURUM]).mean() > 3.0


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, accord):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "reach" and bet.states == ("Ostrel",)
    assert bet.choices[bet.answer] == "It rises" and bet.answer == ROSE
    # Measured on two windows of 50 seeds: Ostrel's reach rose past the cap in 86-88 % (fresh
    # windows of 100: docs/lesson-figures.md): the opportunist looks ahead and builds past the
    # cap only where its plan wants more reach, and once caught, Veyra's notice frees it.
    assert accord.bet_share() >= 0.55


def test_cheating_falls_step_by_step_as_verification_rises(scenario):
    """The inspection game, graded: the opportunist weighs its gain against the expected cost of
    being caught, so each step of verification takes some of the cheating away, and no single
    step takes most of it (no cliff)."""
    (t,) = scenario.treaties
    levels = (0.1, 0.25, 0.4, 0.55, 0.7)
    gains = []
    for v in levels:
        b = play(
            dataclasses.replace(scenario, treaties=(dataclasses.replace(t, verification=v),)),
            STAND_IN,
            Veyra="baseline",
        )
        ostrel = reach(b)[:, :, OSTREL]
        gains.append(float((ostrel[-1] - ostrel[0]).mean()))
    steps = -np.diff(gains)
    # Measured (seeds 40000-40099, 0.1 to 0.7 by tenths): 56, 32, 19, 11, 6, 4, 2.
    assert (steps > 0).all(), gains
    assert steps.max() < 0.6 * (gains[0] - gains[-1]), gains


def test_a_cheat_that_was_caught_cheats_less(scenario, steady):
    accord = steady
    """After being caught (its standing falls by the violation's cost), the opportunist expects a
    dearer price next time: it cheats on a smaller share of the turns that follow."""
    before = after = turns_before = turns_after = 0
    burned = np.zeros(accord.size, dtype=bool)
    for prev, w, events in zip(accord.worlds, accord.worlds[1:], accord.events, strict=False):
        cheated = w.treaty_cheat[:, TREATY, OSTREL] > 0
        live = ~w.over & (prev.treaty_status[:, TREATY] != LAPSED)
        before += int((cheated & ~burned & live).sum())
        turns_before += int((~burned & live).sum())
        after += int((cheated & burned & live).sum())
        turns_after += int((burned & live).sum())
        burned |= events.violations_caught[:, TREATY, OSTREL]
    assert turns_after > 50, "enough caught cheats to compare"
    assert after / turns_after < before / turns_before - 0.05


def test_without_cheating_the_bets_answer_is_clearly_rarer(scenario, accord):
    """The control: the same seeds where cheating never pays (verification 0.8: the expected
    cost of being caught outweighs any turn's temptation) or with a law-abiding Ostrel
    (``ai:baseline``). At the cap, Ostrel's reach can only hold."""
    (t,) = scenario.treaties
    checked = play(
        dataclasses.replace(scenario, treaties=(dataclasses.replace(t, verification=0.8),)),
        STAND_IN,
    )
    honest = play(scenario, STAND_IN, Ostrel="baseline")
    assert cheating(checked)[0] == 0 and cheating(honest)[0] == 0
    # Measured: rose in no seed in both, against 86-88 %.
    for control in (checked, honest):
        assert control.bet_share() <= 0.1
        assert accord.bet_share() - control.bet_share() >= 0.5


@pytest.fixture(scope="module")
def honest(scenario):
    """The lesson's own seats with a law-abiding Ostrel."""
    return play(scenario, STAND_IN, Ostrel="baseline")


def test_veyra_inspects_where_a_party_may_cheat(accord, honest):
    """Nothing scripts it: the strategist inspects when the odds that a party cheats, times what
    an inspection catches, outweigh the inspection's cost (the inspection game). Measured on
    two windows of 50 seeds: it inspected in 36-38 % of games with the opportunist in Ostrel,
    and in 4-6 % with a law-abiding Ostrel that gives it no reason to doubt."""
    inspected, _ = veyras_moves(accord)
    inspected_honest, _ = veyras_moves(honest)
    assert share(inspected) >= 0.1
    assert share(inspected) > share(inspected_honest)


def test_veyra_leaves_when_the_cap_binds_against_a_rising_rival(accord, honest):
    """It gives notice when the cap holds back the plan it chose while a rival the cap does not
    hold (a party caught breaking it) builds fast. Measured on two windows of 50 seeds: notice
    in 64-66 % of games with the cheating opportunist in Ostrel, and in none with a law-abiding
    Ostrel (a sighting over the cap is not proof). The opportunist itself never gives notice
    where it is tempted to cheat (it keeps the cap in name, binding the others)."""
    _, left = veyras_moves(accord)
    _, left_honest = veyras_moves(honest)
    assert share(left) >= 0.25
    assert share(left) - share(left_honest) >= 0.2
    ostrel_left = np.zeros(accord.size, dtype=bool)
    for e in accord.events:
        ostrel_left |= e.diplomacy.leave[:, OSTREL].any(axis=1)
    assert share(ostrel_left) <= 0.1
