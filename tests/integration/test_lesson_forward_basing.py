"""Forward Basing, pinned over a seeded batch: the rival aims at and sanctions the host of its
rival's forward reach; tension between host and rival climbs, the host's domestic support falls
under the sanctions and the bill, and a programme review often sends the forces home. Without the
deployment the same seats leave the host calm and its support intact.

The human seat (Brisa, the host) is played by ``ai:baseline`` (a host that accepts protection
while its support holds); the other seats are the scenario's defaults (Aurum ``ai:baseline``,
Veyra ``ai:hawk``).
"""

import dataclasses

import pytest

from game.analysis import ROSE
from game.scenarios import load
from tests.integration.lessons import play

AURUM, BRISA, VEYRA = 0, 1, 2
STAND_IN = "baseline"  # plays the human seat (Brisa) in these tests


@pytest.fixture(scope="module")
def scenario():
    sc = load("forward_basing")
    assert sc.names == ("Aurum", "Brisa", "Veyra")
    assert sc.default_seats == ("ai:baseline", "human", "ai:hawk")
    return sc


@pytest.fixture(scope="module")
def hosted(scenario):
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def control(scenario):
    """The same board and seats without Aurum's reach in Brisa."""
    return play(dataclasses.replace(scenario, deployments=()), STAND_IN)


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
    aimed = hosted.track(lambda w: w.targeting[:, VEYRA, BRISA] > 0.5)
    sanctioned = hosted.track(lambda w: w.sanction[:, VEYRA, BRISA] > 0.5)
    assert aimed[1].all() and sanctioned[1].all(), "the hawk turns on the host at once"
    tension = hosted.track(lambda w: w.tension[:, BRISA, VEYRA])
    # Measured over these 40 seeds: the highest tension rose by at least 0.44 in every seed,
    # and tension ended 0.38 above its start on average.
    assert (tension.max(axis=0) > tension[0] + 0.3).mean() >= 0.95
    # Measured over three windows of 50 seeds: 0.21-0.24 higher at the end on average.
    assert (tension[-1] - tension[0]).mean() > 0.15


def test_the_hosts_support_falls_and_a_review_often_sends_the_forces_home(hosted):
    support = hosted.track(lambda w: w.support[:, BRISA])
    # Measured over three windows of 50 seeds: support ended well below its start in 82-88 %
    # (it recovers once the forces leave) and fell under the review line (0.3) in all.
    assert (support[-1] < support[0] - 0.1).mean() >= 0.7
    assert (support.min(axis=0) < 0.3).mean() >= 0.7
    forces = hosted.track(lambda w: w.fwd_reach[:, AURUM, BRISA] + w.fwd_shield[:, AURUM, BRISA])
    # Measured over three windows of 50 seeds: every host cancelled the hosting; the hawk then
    # lifts its aim and sanction.
    gone = forces[-1] == 0
    assert gone.mean() >= 0.6
    lifted = hosted.track(lambda w: w.targeting[:, VEYRA, BRISA] < 0.5)[-1]
    assert lifted[gone].mean() >= 0.9


def test_without_the_deployment_the_host_stays_calm(hosted, control):
    tension = hosted.track(lambda w: w.tension[:, BRISA, VEYRA])
    tension_calm = control.track(lambda w: w.tension[:, BRISA, VEYRA])
    support = hosted.track(lambda w: w.support[:, BRISA])
    support_calm = control.track(lambda w: w.support[:, BRISA])
    assert control.track(lambda w: w.targeting[:, VEYRA, BRISA]).max() == 0.0
    # Measured: mean tension over the game 0.48 against 0.07; final support 0.30 against 0.72.
    assert tension.mean() - tension_calm.mean() > 0.3
    assert (support_calm[-1] - support[-1]).mean() > 0.25
    assert (tension_calm.max(axis=0) < tension.max(axis=0)).mean() >= 0.95
    # Economic retaliation: the host grows far less when it hosts (49 against 72 on average).
    econ = hosted.track(lambda w: w.economy[:, BRISA])[-1]
    econ_calm = control.track(lambda w: w.economy[:, BRISA])[-1]
    assert (econ < econ_calm).mean() >= 0.9


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, hosted):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It rises"
    assert bet.answer == ROSE
    # Measured: tension rose in all 40 seeds.
    assert hosted.bet_share() >= 0.85


def test_without_the_deployment_the_bets_answer_is_clearly_rarer(hosted, control):
    """The control: the same seeds and seats without Aurum's reach in Brisa."""
    # Measured: tension between Brisa and Veyra rose in 4 of 40 seeds (fell in 28, level in 8),
    # against 40 of 40.
    assert control.bet_share() <= 0.2
    assert hosted.bet_share() - control.bet_share() >= 0.6


def _no_sanctions(runner, turn, orders):
    """Veyra may aim at Brisa but never sanctions it: the host's bill is hosting alone."""
    d = orders.diplomacy_or_none().copy()
    d.sanction[:, VEYRA, :] = 0
    return orders.with_diplomacy(d)


def test_the_bill_for_hosting_alone_can_send_the_forces_home(scenario):
    """Without a single sanction, the host's share of the upkeep and the fear of being the
    rival's target (``support_fear``) wear Brisa's support down until a programme review sends
    the forces home in a good share of seeds; with no fear of being a target it never happens,
    so that part of the bill is what does it (Snyder 1984: the fear of entrapment)."""

    def home(batch):
        return (
            batch.track(lambda w: w.fwd_reach[:, AURUM, BRISA] + w.fwd_shield[:, AURUM, BRISA])[-1]
            == 0
        )

    unsanctioned = play(scenario, STAND_IN, script=_no_sanctions)
    fearless = play(
        dataclasses.replace(scenario, params=scenario.params.replace(support_fear=0.0)),
        STAND_IN,
        script=_no_sanctions,
    )
    # Measured over two windows of 50 seeds: home in 38 % without sanctions, in none without the
    # fear of being a target (support ends at 0.38-0.41 against 0.68-0.70).
    assert home(unsanctioned).mean() >= 0.2
    assert home(fearless).mean() == 0.0
    support = unsanctioned.track(lambda w: w.support[:, BRISA])[-1]
    support_fearless = fearless.track(lambda w: w.support[:, BRISA])[-1]
    assert support_fearless.mean() - support.mean() > 0.15
