"""Forward Basing, pinned over a seeded batch: the rival aims at and sanctions the host of its
rival's forward reach; tension between host and rival climbs, the host's domestic support falls
under the sanctions and the bill, and a programme review often sends the forces home. Without the
deployment the same seats leave the host calm and its support intact.

The human seat (Brisa, the host) is played by ``ai:baseline`` (a host that accepts protection
while its support holds); the other seats are the scenario's defaults (Aurum ``ai:baseline``,
Veyra ``ai:hawk``).
"""

import dataclasses

import numpy as np
import pytest

from game.analysis import ROSE, bet_outcome
from game.analysis.core import series_from
from game.scenarios import load
from game.session import Runner, Seat

SEEDS = list(range(40))
AURUM, BRISA, VEYRA = 0, 1, 2
STAND_IN = "baseline"  # plays the human seat (Brisa) in these tests


def seats(scenario):
    return tuple(
        Seat(False, STAND_IN if s == "human" else Seat.parse(s).policy)
        for s in scenario.default_seats
    )


def play(scenario):
    """Every world of the batch before the first turn and after each turn, and each turn's
    spending."""
    runner = Runner(scenario, SEEDS, seats(scenario))
    worlds, spends = [runner.world], []
    while not runner.finished.all():
        events = runner.advance(runner.ai_orders())
        worlds.append(runner.world)
        spends.append(events.spend)
    return worlds, spends


def track(worlds, f):
    return np.array([f(w) for w in worlds])


@pytest.fixture(scope="module")
def scenario():
    sc = load("forward_basing")
    assert sc.names == ("Aurum", "Brisa", "Veyra")
    assert sc.default_seats == ("ai:baseline", "human", "ai:hawk")
    return sc


@pytest.fixture(scope="module")
def hosted(scenario):
    return play(scenario)


@pytest.fixture(scope="module")
def control(scenario):
    """The same board and seats without Aurum's reach in Brisa."""
    return play(dataclasses.replace(scenario, deployments=()))


def test_the_lesson_starts_with_forward_reach_in_an_allied_host(scenario):
    assert scenario.picture == "forward"
    assert set(scenario.params.diplomacy) == {"alliances", "deployments", "targeting", "economy"}
    world = scenario.initial_world()
    assert world.fwd_reach[0, AURUM, BRISA] > 0
    assert world.alliance[0, AURUM, BRISA] == 1.0
    assert world.targeting[0].max() == 0.0 and world.sanction[0].max() == 0.0
    # Aurum has no shield to lend: without the deployment, nothing is ever stationed in Brisa.
    assert world.shield[0, AURUM] == 0.0


def test_the_rival_aims_at_the_host_and_tension_climbs(hosted):
    worlds, _ = hosted
    aimed = track(worlds, lambda w: w.targeting[:, VEYRA, BRISA] > 0.5)
    sanctioned = track(worlds, lambda w: w.sanction[:, VEYRA, BRISA] > 0.5)
    assert aimed[1].all() and sanctioned[1].all(), "the hawk turns on the host at once"
    tension = track(worlds, lambda w: w.tension[:, BRISA, VEYRA])
    # Measured over these 40 seeds: the highest tension rose by at least 0.44 in every seed,
    # and tension ended 0.38 above its start on average.
    assert (tension.max(axis=0) > tension[0] + 0.3).mean() >= 0.95
    assert (tension[-1] - tension[0]).mean() > 0.25


def test_the_hosts_support_falls_and_a_review_often_sends_the_forces_home(hosted):
    worlds, _ = hosted
    support = track(worlds, lambda w: w.support[:, BRISA])
    # Measured: support ended below its start in all 40 seeds (mean 0.60 -> 0.30) and fell
    # under the review line (0.3) at some point in 34.
    assert (support[-1] < support[0] - 0.1).mean() >= 0.9
    assert (support.min(axis=0) < 0.3).mean() >= 0.7
    forces = track(worlds, lambda w: w.fwd_reach[:, AURUM, BRISA] + w.fwd_shield[:, AURUM, BRISA])
    # Measured: 33 of 40 hosts cancelled the hosting; the hawk then lifts its aim and sanction.
    gone = forces[-1] == 0
    assert gone.mean() >= 0.6
    lifted = track(worlds, lambda w: w.targeting[:, VEYRA, BRISA] < 0.5)[-1]
    assert lifted[gone].mean() >= 0.9


def test_without_the_deployment_the_host_stays_calm(hosted, control):
    worlds, _ = hosted
    calm, _ = control
    tension = track(worlds, lambda w: w.tension[:, BRISA, VEYRA])
    tension_calm = track(calm, lambda w: w.tension[:, BRISA, VEYRA])
    support = track(worlds, lambda w: w.support[:, BRISA])
    support_calm = track(calm, lambda w: w.support[:, BRISA])
    assert track(calm, lambda w: w.targeting[:, VEYRA, BRISA]).max() == 0.0
    # Measured: mean tension over the game 0.48 against 0.07; final support 0.30 against 0.72.
    assert tension.mean() - tension_calm.mean() > 0.3
    assert (support_calm[-1] - support[-1]).mean() > 0.25
    assert (tension_calm.max(axis=0) < tension.max(axis=0)).mean() >= 0.95
    # Economic retaliation: the host grows far less when it hosts (49 against 72 on average).
    econ = track(worlds, lambda w: w.economy[:, BRISA])[-1]
    econ_calm = track(calm, lambda w: w.economy[:, BRISA])[-1]
    assert (econ < econ_calm).mean() >= 0.9


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, hosted):
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It rises"
    worlds, spends = hosted
    outcomes = [
        bet_outcome((series_from(worlds, spends, b=b), scenario.names), bet)
        for b in range(len(SEEDS))
    ]
    assert bet.answer == ROSE
    # Measured: tension rose in all 40 seeds.
    assert np.mean([o == bet.answer for o in outcomes]) >= 0.85
