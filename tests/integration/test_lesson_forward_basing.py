"""Forward Basing, pinned over a seeded batch: the rival (a hawk, which looks ahead) aims at the
host of its rival's forward reach, and often sanctions it; tension between host and rival climbs,
the host's domestic support falls under the pressure and the bill, and a programme review often
sends the forces home, after which the hawk lets go. Without the deployment the same seats leave
the host calm and its support intact.

The human seat (Brisa, the host) is played by ``ai:baseline`` (a host that accepts protection
while its support holds); the other seats are the scenario's defaults (Aurum ``ai:baseline``,
Veyra ``ai:hawk``).
"""

import dataclasses

import numpy as np
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
    """The hawk looks ahead and believes pressure makes a host give in: it aims at Brisa at once
    and often sanctions it too (one move a turn), and tension climbs."""
    aimed = hosted.track(lambda w: w.targeting[:, VEYRA, BRISA] > 0.5)
    sanctioned = hosted.track(lambda w: w.sanction[:, VEYRA, BRISA] > 0.5)
    # Measured over four windows of 50 seeds: aimed on the first turn in 92-98 %, within two
    # turns in 96-100 %, at some point in 98-100 %; sanctioned at some point in 48-64 %.
    assert aimed[1:3].any(axis=0).mean() >= 0.75
    assert aimed.any(axis=0).mean() >= 0.95
    assert sanctioned.any(axis=0).mean() >= 0.3
    tension = hosted.track(lambda w: w.tension[:, BRISA, VEYRA])
    # Measured: the highest tension rose by more than 0.3 in 98-100 %, and tension ended
    # 0.19-0.25 above its start on average (it eases once the forces leave).
    assert (tension.max(axis=0) > tension[0] + 0.3).mean() >= 0.9
    assert (tension[-1] - tension[0]).mean() > 0.12


def test_the_hosts_support_falls_and_a_review_often_sends_the_forces_home(hosted):
    support = hosted.track(lambda w: w.support[:, BRISA])
    # Measured over four windows of 50 seeds: support ended well below its start in 96-100 %
    # and fell under the review line (0.3) in 86-92 %.
    assert (support[-1] < support[0] - 0.1).mean() >= 0.85
    assert (support.min(axis=0) < 0.3).mean() >= 0.7
    forces = hosted.track(lambda w: w.fwd_reach[:, AURUM, BRISA] + w.fwd_shield[:, AURUM, BRISA])
    # Measured: the host cancelled the hosting in 80-90 %; the hawk then stopped aiming in
    # 93-100 % of those games, and lifted its sanctions in 95-100 % (Schelling: the pressure
    # goes on until the target complies, and stops then).
    gone = forces[-1] == 0
    assert gone.mean() >= 0.65
    unaimed = hosted.track(lambda w: w.targeting[:, VEYRA, BRISA] < 0.5)[-1]
    unsanctioned = hosted.track(lambda w: w.sanction[:, VEYRA, BRISA] < 0.5)[-1]
    assert unaimed[gone].mean() >= 0.85
    assert unsanctioned[gone].mean() >= 0.9


def test_a_lever_once_lifted_goes_back_on_only_a_host(hosted):
    """Pressure lifted and put back without cause reads as noise, not resolve: once the hawk
    has lifted an aim or a sanction from a state, it pulls it again only if that state hosts
    its rivals' forces. Measured: it sanctioned Aurum, the patron, once in each of the 50 games
    and lifted it in 48; before this rule it put the sanction back in 46 of 50 games (136
    sanctions on Aurum)."""
    for lever in ("sanction", "targeting"):
        held = hosted.track(lambda w, lever=lever: getattr(w, lever)[:, VEYRA, :] > 0.5)
        hosts = hosted.track(lambda w: w.fwd_reach.sum(axis=1) + w.fwd_shield.sum(axis=1) > 0)
        lifted = np.zeros(held.shape[1:], dtype=bool)
        for t in range(1, held.shape[0]):
            pulled = held[t] & ~held[t - 1]
            assert not (pulled & lifted & ~hosts[t - 1]).any(), (lever, t)
            lifted |= held[t - 1] & ~held[t]


def test_without_the_deployment_the_host_stays_calm(hosted, control):
    tension = hosted.track(lambda w: w.tension[:, BRISA, VEYRA])
    tension_calm = control.track(lambda w: w.tension[:, BRISA, VEYRA])
    support = hosted.track(lambda w: w.support[:, BRISA])
    support_calm = control.track(lambda w: w.support[:, BRISA])
    assert control.track(lambda w: w.targeting[:, VEYRA, BRISA]).max() == 0.0
    # Measured over four windows: mean tension over the game 0.30-0.33 above the calm board's;
    # final support 0.31-0.35 below it.
    assert tension.mean() - tension_calm.mean() > 0.25
    assert (support_calm[-1] - support[-1]).mean() > 0.25
    assert (tension_calm.max(axis=0) < tension.max(axis=0)).mean() >= 0.95
    # The bill and the pressure: the host ends with a smaller economy in 92-100 %.
    econ = hosted.track(lambda w: w.economy[:, BRISA])[-1]
    econ_calm = control.track(lambda w: w.economy[:, BRISA])[-1]
    assert (econ < econ_calm).mean() >= 0.85


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, hosted):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It rises"
    assert bet.answer == ROSE
    # Measured over four windows of 50 seeds: tension rose in 84-96 % (it eases again where
    # the forces leave early).
    assert hosted.bet_share() >= 0.75


def test_without_the_deployment_the_bets_answer_is_clearly_rarer(hosted, control):
    """The control: the same seeds and seats without Aurum's reach in Brisa."""
    # Measured over four windows: tension between Brisa and Veyra rose in 0-4 % of seeds.
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
    the forces home in a good share of seeds; with no fear of being a target it seldom happens,
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
    # Measured over two windows of 50 seeds: home in 58-62 % without sanctions, in 2-6 % without
    # the fear of being a target (support ends at 0.28-0.29 against 0.53).
    assert home(unsanctioned).mean() >= 0.35
    assert home(fearless).mean() <= 0.15
    assert home(unsanctioned).mean() - home(fearless).mean() >= 0.3
    support = unsanctioned.track(lambda w: w.support[:, BRISA])[-1]
    support_fearless = fearless.track(lambda w: w.support[:, BRISA])[-1]
    assert support_fearless.mean() - support.mean() > 0.15
