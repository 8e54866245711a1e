"""The diplomacy layer (model.md sections 1, 2 and 4-6): alliances, hosts, targeting, sanctions,
trade, signals, joint programmes, programme review, and the Action records people speak in.

Every property is checked through ``step(world, Orders(..., diplomacy=...), rng)``, mostly with
named :class:`Action` records written by :func:`apply_actions` (see ``worlds.turn``).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import (
    ACTIONS,
    TREATY_KINDS,
    Action,
    Deployment,
    Diplomacy,
    IllegalOrder,
    Link,
    Orders,
    Params,
    StateSpec,
    exchange,
    initial_world,
    perceived_threat,
    step,
)
from game.engine.actions import ActionError, apply_actions, to_actions
from game.engine.deterrence import host_exposure
from game.engine.orders import budget
from game.engine.perception import BELIEF_EDGE
from game.engine.state import SHIELD, TREATY_SLOTS

from .worlds import (
    NAMES,
    amounts,
    no_diplomacy,
    pairs,
    seeds,
    share,
    shares_for,
    turn,
    unit,
    with_actions,
    worlds,
)

A, B, C = 0, 1, 2
#: Slack for "never raises": far below anything a player could see.
TOL = 1e-12
CLEAR = Params(noise=0.0)


def trio(params: Params = CLEAR, allied: bool = True, tension: float = 0.0, **kw):
    """Aurum (a patron: 10 reach, 8 shield), its ally Borea (a would-be host, unarmed) and their
    rival Cindral (20 reach). Every economy is 100, every budget 20."""
    return initial_world(
        params,
        (
            StateSpec("Aurum", reach=10.0, shield=8.0),
            StateSpec("Borea"),
            StateSpec("Cindral", reach=20.0),
        ),
        links=(
            Link(A, B, alliance=allied),
            Link(A, C, tension=tension),
            Link(B, C, tension=tension),
        ),
        **kw,
    )


def pair_world(params: Params = CLEAR, **link):
    """Aurum and Borea (10 reach each, economy 100, budget 20), related by ``link``."""
    return initial_world(
        params,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=(Link(A, B, **link),),
    )


def logit(p: float) -> float:
    return math.log(p) - math.log1p(-p)


# --------------------------------------------------------------------------------------------
# Alliances: formed only by both sides, ended by either.
# --------------------------------------------------------------------------------------------


def test_an_alliance_forms_when_both_offer_in_the_same_turn():
    world = trio(allied=False)
    after, events = turn(world, Action("ally", "Aurum", "Borea"), Action("ally", "Borea", "Aurum"))
    assert after.alliance[0, A, B] == after.alliance[0, B, A] == 1.0
    assert after.ally_offer[0].sum() == 0.0  # nothing left standing
    assert [r.actors for r in events.records(0) if r.kind == "alliance_formed"] == [
        ("Aurum", "Borea")
    ]


def test_an_alliance_offer_stands_until_the_other_side_accepts_it_in_a_later_turn():
    world = trio(allied=False)
    offered, events = turn(world, Action("ally", "Aurum", "Borea"))
    assert offered.alliance[0, A, B] == 0.0  # one side's word is not an alliance
    assert offered.ally_offer[0, A, B] == 1.0
    assert any(r.kind == "alliance_offered" for r in events.records(0))
    waited, _ = turn(offered)  # a quiet turn: the offer still stands
    assert waited.alliance[0, A, B] == 0.0 and waited.ally_offer[0, A, B] == 1.0
    accepted, _ = turn(waited, Action("ally", "Borea", "Aurum"))
    assert accepted.alliance[0, A, B] == accepted.alliance[0, B, A] == 1.0
    assert accepted.ally_offer[0].sum() == 0.0


@given(st.integers(2, 6), seeds())
def test_an_alliance_forms_exactly_when_both_sides_have_offered(n, seed):
    # Random offers over five turns: a pair is allied after a turn exactly when each side has
    # offered at some turn so far (an offer stands), and never because one side asked twice.
    rng = np.random.default_rng(seed)
    world = initial_world(CLEAR, tuple(StateSpec(NAMES[i]) for i in range(n)))
    ever = np.zeros((n, n), dtype=bool)
    for _ in range(5):
        dip = no_diplomacy(world)
        offers = (rng.random((n, n)) < 0.3) & ~np.eye(n, dtype=bool) & (world.alliance[0] < 0.5)
        dip.ally[0][offers] = 1
        world, _ = step(world, Orders.hold(world).with_diplomacy(dip), None)
        ever |= offers
        np.testing.assert_array_equal(world.alliance[0] > 0.5, ever & ever.T)


@pytest.mark.parametrize("ender", ["Aurum", "Borea"])
def test_either_side_ends_an_alliance_on_its_own_word(ender):
    world = trio(deployments=(Deployment(A, B, shield=4.0),))
    other = "Borea" if ender == "Aurum" else "Aurum"
    after, events = turn(world, Action("end_alliance", ender, other))
    assert after.alliance[0, A, B] == after.alliance[0, B, A] == 0.0
    assert [r.kind for r in events.records(0)].count("alliance_ended") == 1
    # The patron's forces at the former ally start home (they count until they arrive).
    assert after.recall[0, A, B] == int(world.params.recall_lead)
    assert after.fwd_shield[0, A, B] == pytest.approx(4.0 * 0.98)  # still there, wearing


def test_alliance_orders_that_make_no_sense_are_refused_by_name():
    world = trio()
    with pytest.raises(IllegalOrder, match="Aurum and Borea are already allies"):
        turn(world, Action("ally", "Aurum", "Borea"))
    with pytest.raises(IllegalOrder, match="Aurum and Cindral are not allies"):
        turn(world, Action("end_alliance", "Aurum", "Cindral"))


# --------------------------------------------------------------------------------------------
# Deployments: an ally, an offer, the host's answer; recall; the host's exposure.
# --------------------------------------------------------------------------------------------


def offered_shield(world=None):
    """Aurum has offered 4 shield to its ally Borea (one turn played)."""
    world = trio() if world is None else world
    after, _ = turn(world, Action("offer_deployment", "Aurum", "Borea", shield=4.0))
    return after


def test_an_offer_moves_nothing_until_the_host_accepts_it():
    offered = offered_shield()
    assert offered.offer_shield[0, A, B] == 4.0
    assert offered.fwd_shield[0].sum() == 0.0
    assert offered.shield[0, A] == pytest.approx(8.0 * 0.98)  # only the wear (attrition 0.02)


def test_the_hosts_acceptance_moves_the_offered_stock_from_the_patrons_home_forward():
    offered = offered_shield()
    home = float(offered.shield[0, A])
    accepted, events = turn(offered, Action("accept_deployment", "Borea", "Aurum"))
    # The 4 leave home before the turn's wear, and wear abroad as they would have at home.
    assert accepted.fwd_shield[0, A, B] == pytest.approx(4.0 * 0.98)
    assert accepted.shield[0, A] == pytest.approx((home - 4.0) * 0.98)
    assert accepted.offer_shield[0].sum() == 0.0
    record = [r for r in events.records(0) if r.kind == "deployment_accepted"]
    assert [r.actors for r in record] == [("Aurum", "Borea")]
    assert record[0].values["shield"] == pytest.approx(4.0 * 0.98)


def test_refusal_clears_the_offer_and_leaves_the_stock_at_home():
    offered = offered_shield()
    refused, events = turn(offered, Action("refuse_deployment", "Borea", "Aurum"))
    assert refused.offer_shield[0].sum() == refused.offer_reach[0].sum() == 0.0
    assert refused.fwd_shield[0].sum() == 0.0
    assert refused.shield[0, A] == pytest.approx(float(offered.shield[0, A]) * 0.98)
    assert any(r.kind == "deployment_refused" for r in events.records(0))
    # Nothing is left to answer.
    with pytest.raises(IllegalOrder, match="Borea has no deployment offer from Aurum to answer"):
        turn(refused, Action("accept_deployment", "Borea", "Aurum"))


def test_accepting_a_forward_shield_lowers_the_rivals_stability_with_the_patron():
    offered = offered_shield()
    accepted, _ = turn(offered, Action("accept_deployment", "Borea", "Aurum"))
    refused, _ = turn(offered, Action("refuse_deployment", "Borea", "Aurum"))
    ex_yes, ex_no = exchange(accepted), exchange(refused)
    # The 4 stationed forward (3.92 after wear) guard Aurum with the forward bonus:
    # 3.76 + 1.5 * 3.92 = 9.64 against 7.68 kept at home, so Cindral's retaliation is blunted and
    # its stability with Aurum falls.
    assert ex_yes.effective_shield[0, A] == pytest.approx(3.7632 + 1.5 * 3.92)
    assert ex_no.effective_shield[0, A] == pytest.approx(7.6832)
    assert ex_yes.stability[0, C, A] < ex_no.stability[0, C, A]
    assert ex_no.stability[0, C, A] == pytest.approx(0.2, abs=1e-9)


def test_accepting_a_forward_shield_raises_the_hosts_exposure_to_the_rival():
    offered = offered_shield()
    accepted, _ = turn(offered, Action("accept_deployment", "Borea", "Aurum"))
    refused, _ = turn(offered, Action("refuse_deployment", "Borea", "Aurum"))
    spill_yes = host_exposure(accepted, exchange(accepted).first_strike)
    spill_no = host_exposure(refused, exchange(refused).first_strike)
    assert spill_no[0, C, B] == 0.0  # Borea carries nothing: Cindral's strike passes it by
    # Borea now carries Aurum's shield: it takes host_share (0.25) of Cindral's whole salvo.
    assert spill_yes[0, C, B] == pytest.approx(0.25 * float(accepted.reach[0, C]))
    assert spill_yes[0, C, B] > 0.0


@st.composite
def shield_moves(draw):
    """A world of three or more states, a patron p with home shield, an ally h, and the amount
    of p's home shield h accepts."""
    world = draw(worlds(min_states=3))
    p, h = draw(pairs(world))
    shield = world.shield.copy()
    shield[0, p] = draw(amounts(60.0, zero_often=False).filter(lambda s: s > 0))
    alliance = world.alliance.copy()
    alliance[0, p, h] = alliance[0, h, p] = 1.0
    moved = draw(unit()) * shield[0, p]
    return world.replace(shield=shield, alliance=alliance), p, h, moved


@given(shield_moves())
def test_a_forward_shield_never_raises_any_pairs_stability_with_its_patron(case):
    world, p, h, moved = case
    # Against a state that aims at the host, a forward shield is partly suppressed (next test),
    # so the property is about a host nobody aims at.
    world = world.replace(targeting=np.zeros_like(world.targeting))
    shield, fwd = world.shield.copy(), world.fwd_shield.copy()
    shield[0, p] -= moved
    fwd[0, p, h] += moved
    before = exchange(world).stability[0]
    after = exchange(world.replace(shield=shield, fwd_shield=fwd)).stability[0]
    assert np.all(after[:, p] <= before[:, p] + TOL)
    # ... and it guards its patron at least as well as at home (beta >= 1).
    assert exchange(world.replace(shield=shield, fwd_shield=fwd)).effective_shield[
        0, p
    ] >= exchange(world).effective_shield[0, p] * (1 - TOL)


@given(shield_moves())
def test_aiming_at_the_host_suppresses_the_forward_shield_against_the_aimer_only(case):
    """A state that declares its reach aimed at the host would strike the shield's site first:
    the patron's forward guard against it loses ``host_suppression`` (times the forward bonus);
    against everyone else the guard is whole."""
    world, p, h, moved = case
    world = world.replace(targeting=np.zeros_like(world.targeting))
    fwd = world.fwd_shield.copy()
    fwd[0, p, h] += moved
    world = world.replace(fwd_shield=fwd)
    aimer = next(k for k in range(world.n) if k not in (p, h))
    aiming = world.targeting.copy()
    aiming[0, aimer, h] = 1.0
    plain, aimed = exchange(world), exchange(world.replace(targeting=aiming))
    lost = world.param("host_suppression")[0] * world.param("forward_bonus")[0] * fwd[0, p, h]
    assert aimed.shield_against[0, aimer, p] == pytest.approx(
        plain.shield_against[0, aimer, p] - lost
    )
    others = [k for k in range(world.n) if k != aimer]
    np.testing.assert_allclose(aimed.shield_against[0, others], plain.shield_against[0, others])
    # Its second strike on the patron can only gain.
    assert aimed.retaliation[0, aimer, p] >= plain.retaliation[0, aimer, p] - TOL


@pytest.mark.parametrize("lead", [0, 1, 2, 3])
@pytest.mark.parametrize("who", ["Aurum", "Borea"])  # the patron brings it home or the host
def test_a_withdrawal_counts_for_recall_lead_turns_then_brings_the_assets_home(lead, who):
    world = trio(
        Params(noise=0.0, recall_lead=lead), deployments=(Deployment(A, B, reach=3.0, shield=4.0),)
    )
    other = "Borea" if who == "Aurum" else "Aurum"
    home_shield, home_reach = 8.0, 10.0
    w, events = turn(world, Action("withdraw_deployment", who, other))
    away_shield, away_reach = 4.0, 3.0
    for _ in range(lead):
        # Still stationed (and wearing): it counts in the exchange (Aurum's effective stocks).
        away_shield, away_reach = away_shield * 0.98, away_reach * 0.98
        assert w.fwd_shield[0, A, B] == pytest.approx(away_shield)
        assert w.fwd_reach[0, A, B] == pytest.approx(away_reach)
        ex = exchange(w)
        assert ex.effective_shield[0, A] == pytest.approx(w.shield[0, A] + 1.5 * away_shield)
        assert ex.effective_reach[0, A] == pytest.approx(w.reach[0, A] + 1.5 * away_reach)
        home_shield, home_reach = float(w.shield[0, A]), float(w.reach[0, A])
        w, events = turn(w)
    # Home: what is left of the 4 shield and 3 reach joins the home stocks, which then wear.
    assert w.fwd_shield[0].sum() == w.fwd_reach[0].sum() == 0.0
    assert w.recall[0].sum() == 0
    assert w.shield[0, A] == pytest.approx((home_shield + away_shield) * 0.98)
    assert w.reach[0, A] == pytest.approx((home_reach + away_reach) * 0.98)
    assert any(r.kind == "deployment_returned" for r in events.records(0))


def test_illegal_deployment_actions_are_refused_with_messages_naming_the_states():
    world = trio()
    with pytest.raises(IllegalOrder) as caught:
        turn(world, Action("offer_deployment", "Aurum", "Cindral", shield=1.0))
    assert "Aurum can only station forces at an ally; Cindral is not one" in str(caught.value)
    with pytest.raises(IllegalOrder) as caught:
        turn(world, Action("accept_deployment", "Borea", "Aurum"))
    assert "Borea has no deployment offer from Aurum to answer" in str(caught.value)
    with pytest.raises(IllegalOrder) as caught:
        turn(world, Action("offer_deployment", "Aurum", "Borea", reach=20.0))
    # Aurum's 10 reach wear to 9.8 this turn: that is all it could station abroad.
    assert "Aurum offers to station 20.0 reach abroad but would have only 9.8 at home" in str(
        caught.value
    )
    with pytest.raises(IllegalOrder) as caught:
        turn(world, Action("offer_deployment", "Aurum", "Borea", shield=9.0))
    assert "Aurum offers to station 9.0 shield abroad but would have only 7.8 at home" in str(
        caught.value
    )
    with pytest.raises(IllegalOrder) as caught:
        turn(world, Action("withdraw_deployment", "Aurum", "Borea"))
    assert "there is no deployment between Aurum and Borea to withdraw" in str(caught.value)


def test_what_a_patron_may_station_abroad_counts_the_builds_of_the_turn():
    # Building shield this turn makes room for a larger offer: 8 * 0.98 + 10 = 17.84 at home.
    world = trio()
    orders = Orders.from_shares(world, shares_for(world, {A: share(shield=0.5)}))
    after, _ = turn(world, Action("offer_deployment", "Aurum", "Borea", shield=17.0), orders=orders)
    assert after.offer_shield[0, A, B] == 17.0


# --------------------------------------------------------------------------------------------
# Targeting: the target's tension and fear rise.
# --------------------------------------------------------------------------------------------


def test_a_targeting_declaration_raises_the_targets_tension_and_perceived_threat():
    world = trio()
    aimed, events = turn(world, Action("target", "Cindral", "Borea"))
    quiet, _ = turn(world)
    # tension_targeting (0.1) a turn, for as long as it stands.
    assert aimed.tension[0, B, C] - quiet.tension[0, B, C] == pytest.approx(0.1)
    assert aimed.tension[0, A, C] == pytest.approx(quiet.tension[0, A, C])
    fear_aimed = perceived_threat(aimed, exchange(aimed))[0]
    fear_quiet = perceived_threat(quiet, exchange(quiet))[0]
    assert fear_aimed[B] > fear_quiet[B]
    assert fear_aimed[A] == pytest.approx(fear_quiet[A])  # only the target is more afraid
    assert any(r.kind == "targeting_declared" for r in events.records(0))
    # Borea is now marked: it takes a share of Cindral's strike even though it hosts nothing.
    assert host_exposure(aimed, exchange(aimed).first_strike)[0, C, B] > 0.0
    again, _ = turn(aimed)
    assert again.targeting[0, C, B] == 1.0  # it stands until withdrawn
    withdrawn, _ = turn(aimed, Action("untarget", "Cindral", "Borea"))
    assert withdrawn.targeting[0, C, B] == 0.0


@given(worlds(), st.data())
def test_targeting_never_lowers_the_targets_perceived_threat_and_leaves_others_alone(world, data):
    i, j = data.draw(pairs(world), label="source, target")
    aimed = world.targeting.copy()
    aimed[0, i, j] = 1.0
    before = perceived_threat(world, exchange(world))[0]
    after = perceived_threat(world.replace(targeting=aimed), exchange(world))[0]
    assert after[j] >= before[j] - TOL
    others = [k for k in range(world.n) if k != j]
    np.testing.assert_array_equal(after[others], before[others])


@given(worlds(), st.data())
def test_targeting_never_lowers_the_tension_between_source_and_target(world, data):
    i, j = data.draw(pairs(world), label="source, target")
    if world.targeting[0, i, j] > 0.5:
        return  # already declared: nothing to compare
    aimed, _ = step(world, with_actions(world, Action("target", NAMES[i], NAMES[j])), None)
    quiet, _ = step(world, Orders.hold(world), None)
    assert aimed.tension[0, i, j] >= quiet.tension[0, i, j] - TOL


# --------------------------------------------------------------------------------------------
# Sanctions: the target pays most, the sender a little; support and trade suffer.
# --------------------------------------------------------------------------------------------


def test_a_sanction_costs_the_target_growth_and_the_sender_a_little():
    world = pair_world()
    sanctioned, _ = turn(world, Action("sanction", "Aurum", "Borea"))
    quiet, _ = turn(world)
    # sanction_cost 0.02 of Borea's 100; sanction_sender_cost 0.005 of Aurum's 100.
    assert quiet.economy[0, B] - sanctioned.economy[0, B] == pytest.approx(2.0)
    assert quiet.economy[0, A] - sanctioned.economy[0, A] == pytest.approx(0.5)


def test_a_sanction_wears_down_the_targets_support():
    world = pair_world()
    sanctioned, _ = turn(world, Action("sanction", "Aurum", "Borea"))
    quiet, _ = turn(world)
    assert quiet.support[0, B] - sanctioned.support[0, B] == pytest.approx(0.04)
    assert sanctioned.support[0, A] == pytest.approx(quiet.support[0, A])


def test_trade_shrinks_every_turn_either_side_sanctions_and_stops_shrinking_when_lifted():
    world = pair_world(trade=2.0)
    one, _ = turn(world, Action("sanction", "Borea", "Aurum"))
    two, _ = turn(one)
    # host_trade_loss 0.3 of the ties a turn, in both directions.
    assert one.trade[0, A, B] == one.trade[0, B, A] == pytest.approx(1.4)
    assert two.trade[0, A, B] == pytest.approx(0.98)
    lifted, events = turn(two, Action("lift_sanction", "Borea", "Aurum"))
    assert lifted.trade[0, A, B] == pytest.approx(0.98)
    assert any(r.kind == "sanction_lifted" for r in events.records(0))


@given(worlds(), st.data())
def test_a_sanction_never_helps_the_target_or_the_sender(world, data):
    i, j = data.draw(pairs(world), label="sender, target")
    if world.sanction[0, i, j] > 0.5:
        return
    hit, _ = step(world, with_actions(world, Action("sanction", NAMES[i], NAMES[j])), None)
    quiet, _ = step(world, Orders.hold(world), None)
    assert hit.economy[0, j] <= quiet.economy[0, j] * (1 + TOL)
    assert hit.economy[0, i] <= quiet.economy[0, i] * (1 + TOL)
    assert hit.support[0, j] <= quiet.support[0, j] + TOL
    assert hit.trade[0, i, j] <= quiet.trade[0, i, j] + TOL
    assert hit.tension[0, i, j] >= quiet.tension[0, i, j] - TOL


# --------------------------------------------------------------------------------------------
# Trade: a deal needs both sides; it raises growth and relieves tension.
# --------------------------------------------------------------------------------------------


def test_a_mutual_trade_offer_widens_trade_raises_growth_and_relieves_tension():
    world = pair_world(tension=0.5)
    deal, events = turn(
        world, Action("offer_trade", "Aurum", "Borea"), Action("offer_trade", "Borea", "Aurum")
    )
    quiet, _ = turn(world)
    assert deal.trade[0, A, B] == deal.trade[0, B, A] == pytest.approx(0.25)  # trade_step
    # trade_gain 0.01 per unit of ties: 0.25 of them add 0.25 to an economy of 100.
    assert deal.economy[0] - quiet.economy[0] == pytest.approx([0.25, 0.25])
    # tension_trade 0.05 per unit of ties: 0.0125 less tension.
    assert quiet.tension[0, A, B] - deal.tension[0, A, B] == pytest.approx(0.0125)
    assert any(r.kind == "trade_widened" for r in events.records(0))


def test_a_one_sided_trade_offer_stands_until_the_other_side_offers_too():
    world = pair_world()
    offered, _ = turn(world, Action("offer_trade", "Aurum", "Borea"))
    assert offered.trade[0, A, B] == 0.0 and offered.trade_offer[0, A, B] == 1.0
    deal, _ = turn(offered, Action("offer_trade", "Borea", "Aurum"))
    assert deal.trade[0, A, B] == pytest.approx(0.25)
    assert deal.trade_offer[0].sum() == 0.0


@given(amounts(3.0), unit(0.0, 0.5), unit(0.5, 3.0))
def test_a_trade_deal_never_takes_ties_past_trade_max_nor_cuts_ties_above_it(ties, step_, top):
    world = pair_world(Params(noise=0.0, trade_step=step_, trade_max=top), trade=ties)
    deal, _ = turn(
        world, Action("offer_trade", "Aurum", "Borea"), Action("offer_trade", "Borea", "Aurum")
    )
    assert deal.trade[0, A, B] >= ties
    assert deal.trade[0, A, B] <= max(top, ties)
    assert deal.trade[0, A, B] == pytest.approx(max(min(ties + step_, top), ties))


# --------------------------------------------------------------------------------------------
# Signals: drills (sunk costs), public commitments (tying hands), cheap talk.
# --------------------------------------------------------------------------------------------


def test_a_drill_costs_drill_cost_of_the_budget_and_the_budget_still_balances():
    world = trio()
    drilled, events = turn(world, Action("drill", "Aurum", "Cindral"))
    quiet, _ = turn(world)
    assert events.costs[0, A] == pytest.approx(0.05 * 20.0)  # drill_cost of a budget of 20
    assert events.costs[0, [B, C]].tolist() == [0.0, 0.0]
    np.testing.assert_allclose(events.spend[0].sum(axis=1) + events.costs[0], budget(world)[0])
    # A sunk cost that buys credibility: standing up, tension with the named rival up.
    assert drilled.standing[0, A] - quiet.standing[0, A] == pytest.approx(0.03)
    assert drilled.tension[0, A, C] - quiet.tension[0, A, C] == pytest.approx(0.08)
    assert drilled.tension[0, A, B] == pytest.approx(quiet.tension[0, A, B])
    record = [r for r in events.records(0) if r.kind == "drill"]
    assert [(r.actors, r.values["cost"]) for r in record] == [(("Aurum", "Cindral"), 1.0)]


def test_a_drill_needs_an_ally_and_cannot_name_it():
    world = trio()
    with pytest.raises(IllegalOrder, match="Cindral has no ally to drill with"):
        turn(world, Action("drill", "Cindral", "Aurum"))
    with pytest.raises(IllegalOrder, match="Aurum's drills cannot name its ally Borea"):
        turn(world, Action("drill", "Aurum", "Borea"))


def test_a_drill_the_budget_cannot_pay_for_is_refused():
    world = trio()
    orders = Orders.from_shares(world, shares_for(world, {A: share(reach=1.0)}))
    dip = apply_actions(no_diplomacy(world), [Action("drill", "Aurum", "Cindral")], world.names)
    with pytest.raises(IllegalOrder, match="Aurum's budget is 20.0; these orders spend 21.0"):
        step(world, orders.with_diplomacy(dip), None)


def crisis_pair(tension: float = 0.9):
    world = pair_world(tension=tension)
    return world.replace(crisis=1.0 - np.eye(2)[None])


@pytest.mark.parametrize("committed", [False, True])
def test_breaking_a_public_commitment_costs_audience_cost_on_top_of_backing_down(committed):
    world = crisis_pair()
    if committed:
        world, _ = turn(world, Action("commit", "Aurum", "Borea"))
        assert world.commitment[0, A, B] == 1.0 and world.crisis[0, A, B] == 1.0
    standing = float(world.standing[0, A])
    after, events = turn(world, Action("back_down", "Aurum", "Borea"))
    lost = standing - float(after.standing[0, A])
    # backdown_standing 0.1, and audience_cost 0.15 more for a broken public commitment.
    assert lost == pytest.approx(0.1 + (0.15 if committed else 0.0))
    broken = [r for r in events.records(0) if r.kind == "commitment_broken"]
    assert len(broken) == int(committed)
    assert after.commitment[0, A, B] == 0.0


@given(unit(0.0, 1.0), unit(0.0, 2.0), seeds())
def test_cheap_talk_moves_the_listeners_belief_by_talk_weight_times_standing(
    standing, weight, seed
):
    world = pair_world(Params(talk_weight=weight))
    world = world.replace(standing=np.array([[standing, 0.5]]))
    talked, events = turn(world, Action("talk", "Aurum", "Borea"), seed=seed)
    silent, _ = turn(world, seed=seed)
    b_talk, b_silent = float(talked.belief[0, B, A]), float(silent.belief[0, B, A])
    edge = (BELIEF_EDGE, 1 - BELIEF_EDGE)
    if edge[0] < b_talk < edge[1] and edge[0] < b_silent < edge[1]:
        assert logit(b_talk) - logit(b_silent) == pytest.approx(weight * standing, abs=1e-9)
    assert b_talk >= b_silent
    assert talked.belief[0, A, B] == silent.belief[0, A, B]  # the speaker learns nothing
    assert any(r.kind == "talk" for r in events.records(0))


@given(unit(0.0, 1.0), unit(0.0, 1.0), seeds())
def test_the_more_standing_a_speaker_has_the_further_its_talk_moves_belief(s1, s2, seed):
    low, high = sorted((s1, s2))

    def heard(standing: float) -> float:
        world = pair_world(Params()).replace(standing=np.array([[standing, 0.5]]))
        return float(turn(world, Action("talk", "Aurum", "Borea"), seed=seed)[0].belief[0, B, A])

    assert heard(high) >= heard(low)


# --------------------------------------------------------------------------------------------
# Joint programmes: pooled know-how.
# --------------------------------------------------------------------------------------------


def tech_pair(low: float = 1.0, high: float = 2.0, params: Params = CLEAR):
    return initial_world(
        params,
        (StateSpec("Aurum", tech=low), StateSpec("Borea", tech=high)),
        links=(Link(A, B, alliance=True),),
    )


def test_mutual_programme_offers_start_a_programme_in_the_same_turn_or_later():
    world = tech_pair()
    both, events = turn(
        world,
        Action("offer_programme", "Aurum", "Borea"),
        Action("offer_programme", "Borea", "Aurum"),
    )
    assert both.programme[0, A, B] == both.programme[0, B, A] == 1.0
    assert any(r.kind == "programme_started" for r in events.records(0))
    one, _ = turn(world, Action("offer_programme", "Aurum", "Borea"))
    assert one.programme[0, A, B] == 0.0 and one.programme_offer[0, A, B] == 1.0
    later, _ = turn(one, Action("offer_programme", "Borea", "Aurum"))
    assert later.programme[0, A, B] == 1.0
    ended, events = turn(later, Action("end_programme", "Borea", "Aurum"))
    assert ended.programme[0].sum() == 0.0
    assert any(r.kind == "programme_ended" for r in events.records(0))


@given(unit(0.5, 2.0), unit(0.5, 2.0), unit(0.01, 0.5))
def test_the_partner_with_less_tech_gains_every_turn_and_never_passes_the_other(t1, t2, rate):
    world = tech_pair(t1, t2, Params(noise=0.0, transfer_rate=rate))
    world = world.replace(programme=1.0 - np.eye(2)[None])
    low, high = (A, B) if t1 <= t2 else (B, A)
    top = float(world.tech[0, high])
    for _ in range(5):
        before = float(world.tech[0, low])
        world, _ = step(world, Orders.hold(world), None)
        # transfer_rate of the gap closes each turn; the giver keeps what it had.
        assert world.tech[0, low] == pytest.approx(before + rate * (top - before), rel=1e-12)
        assert before <= world.tech[0, low] <= top
        assert world.tech[0, high] == top


def test_a_programme_pools_money_from_one_and_know_how_from_the_other():
    world = tech_pair(1.0, 2.0)
    orders = Orders.from_shares(world, shares_for(world, {A: share(shield=0.2)}))  # 4 of 20
    alone, _ = step(world, orders, None)
    joint = world.replace(programme=1.0 - np.eye(2)[None])
    pooled, _ = step(joint, orders, None)
    assert alone.shield[0, A] == pytest.approx(4.0)  # 4 * tech 1 / shield_cost 1
    assert alone.shield[0, B] == 0.0
    # A's money (4) in the pot, built at B's tech 2: 8 in all, shared half and half.
    assert pooled.shield[0, A] == pytest.approx(4.0)
    assert pooled.shield[0, B] == pytest.approx(4.0)
    assert pooled.shield[0].sum() == pytest.approx(2.0 * alone.shield[0].sum())
    # Each pays its own orders: the pot moves what is built, not what is spent.
    assert pooled.last_spend[0, A, SHIELD] == alone.last_spend[0, A, SHIELD] == 4.0
    assert pooled.last_spend[0, B, SHIELD] == 0.0


@given(unit(0.0, 0.4), unit(0.0, 0.4), unit(0.5, 2.0), unit(0.5, 2.0))
def test_a_programme_builds_the_pot_at_the_better_tech_and_loses_none_of_it(sa, sb, ta, tb):
    world = tech_pair(ta, tb)
    orders = Orders.from_shares(
        world, shares_for(world, {A: share(shield=sa), B: share(shield=sb)})
    )
    joint = world.replace(programme=1.0 - np.eye(2)[None])
    pooled, _ = step(joint, orders, None)
    money = orders.spend[0, :, SHIELD].sum()
    wear = 1.0 - Params().attrition
    built = pooled.shield[0] - joint.shield[0] * wear
    assert built.sum() == pytest.approx(money * max(ta, tb), rel=1e-9, abs=1e-12)
    assert built[A] == pytest.approx(built[B], rel=1e-9, abs=1e-12)


# --------------------------------------------------------------------------------------------
# Programme review: a host whose public has turned against the burden sends the assets home.
# --------------------------------------------------------------------------------------------


def host_under_strain(batch: int, params: Params = CLEAR):
    """Aurum stations 4 shield at its ally Borea, whose support (0.1) is far below the review
    threshold (0.3) and stays there this turn."""
    return initial_world(
        params,
        (StateSpec("Aurum", reach=10.0, shield=8.0), StateSpec("Borea", support=0.1)),
        links=(Link(A, B, alliance=True),),
        deployments=(Deployment(A, B, shield=4.0),),
        uniforms=np.ones((batch, 2)),
    )


def test_a_programme_review_cancels_a_hosted_deployment_at_review_chance():
    batch, chance = 2000, 0.5
    world = host_under_strain(batch)
    after, events = step(
        world, Orders.hold(world), [np.random.default_rng(s) for s in range(batch)]
    )
    assert np.all(after.support[:, B] < 0.3)  # still under the threshold after the turn
    cancelled = events.cancelled[:, B] == 0  # 0: a hosted deployment
    sigma = math.sqrt(chance * (1 - chance) / batch)
    assert abs(cancelled.mean() - chance) < 4 * sigma
    # Where cancelled the assets are home with their patron; elsewhere they stay.
    assert np.all(after.fwd_shield[cancelled, A, B] == 0.0)
    # Home and abroad both wear this turn before the review sends the 4 home.
    np.testing.assert_allclose(after.shield[cancelled, A], (8.0 + 4.0) * 0.98)
    np.testing.assert_allclose(after.fwd_shield[~cancelled, A, B], 4.0 * 0.98)
    assert np.all(events.cancelled[:, A] == -1)  # the patron's public is content


def test_no_review_while_support_holds_above_the_threshold():
    world = host_under_strain(200).replace(support=np.full((200, 2), 0.8))
    after, events = step(world, Orders.hold(world), [np.random.default_rng(s) for s in range(200)])
    assert np.all(events.cancelled == -1)
    np.testing.assert_allclose(after.fwd_shield[:, A, B], 4.0 * 0.98)


def test_a_programme_review_is_recorded_as_plain_data():
    world = host_under_strain(1, Params(review_chance=1.0))
    _, events = step(world, Orders.hold(world), np.random.default_rng(0))
    assert events.cancelled[0, B] == 0
    records = [r for r in events.records(0) if r.kind == "programme_cancelled"]
    assert [(r.actors, r.values) for r in records] == [(("Borea",), {"what": 0.0})]


def test_under_clear_sight_every_state_sees_the_reach_a_review_sends_home():
    world = initial_world(
        Params(noise=0.0, review_chance=1.0),
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", support=0.1), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
        deployments=(Deployment(A, B, reach=4.0),),
    )
    after, events = step(world, Orders.hold(world), np.random.default_rng(0))
    assert events.cancelled[0, B] == 0
    assert after.seen_reach[0, C, A] == pytest.approx(after.reach[0, A])


# --------------------------------------------------------------------------------------------
# Action records: what people, saves and scripts speak, converted exactly to and from arrays.
# --------------------------------------------------------------------------------------------


def random_dense(rng: np.random.Generator, n: int) -> Diplomacy:
    """Random diplomacy of one world, in the canonical form actions can express (legal or not):
    proposals name their proposer; a row without a proposal has no terms."""
    d = Diplomacy.none(1, n, TREATY_SLOTS)
    off = ~np.eye(n, dtype=bool)[None]

    def pick(codes, p=0.3):
        return np.where((rng.random((1, n, n)) < p) & off, rng.choice(codes, (1, n, n)), 0)

    d.ally[...] = pick([1, -1])
    d.deploy_answer[...] = pick([1, -1])
    d.target[...] = pick([1, -1])
    d.sanction[...] = pick([1, -1])
    d.trade[...] = pick([1])
    d.programme[...] = pick([1, -1])
    d.answer[...] = np.where(off, rng.integers(-1, 3, (1, n, n)), -1)
    for key in ("withdraw", "drill", "commit", "talk"):
        getattr(d, key)[...] = (rng.random((1, n, n)) < 0.3) & off
    for key in ("deploy_reach", "deploy_shield"):
        amount = np.round(rng.uniform(0, 20, (1, n, n)), 3)
        getattr(d, key)[...] = np.where((rng.random((1, n, n)) < 0.3) & off, amount, 0.0)
    proposing = rng.random((1, n)) < 0.4
    d.propose_kind[...] = np.where(proposing, rng.integers(0, len(TREATY_KINDS), (1, n)), -1)
    parties = (rng.random((1, n, n)) < 0.5) | np.eye(n, dtype=bool)[None]
    d.propose_parties[...] = parties & proposing[:, :, None]
    d.propose_cap[...] = np.where(proposing, rng.uniform(0, 50, (1, n)), 0.0)
    d.propose_verification[...] = np.where(proposing, rng.random((1, n)), 0.0)
    for key in ("sign", "leave", "inspect", "cheat"):
        getattr(d, key)[...] = rng.random((1, n, TREATY_SLOTS)) < 0.2
    return d


@given(st.integers(2, 8), seeds())
def test_actions_round_trip_exactly_through_the_dense_arrays(n, seed):
    names = NAMES[:n]
    dip = random_dense(np.random.default_rng(seed), n)
    actions = to_actions(dip, names)
    again = apply_actions(Diplomacy.none(1, n, TREATY_SLOTS), actions, names)
    for key, arr in dip.arrays().items():
        np.testing.assert_array_equal(getattr(again, key), arr, err_msg=key)
        assert getattr(again, key).dtype == arr.dtype, key
    assert to_actions(again, names) == actions
    # ... and through plain data (a save, a log line).
    loaded = [Action.from_dict(json.loads(json.dumps(a.to_dict()))) for a in actions]
    assert loaded == actions
    assert all(a.action in ACTIONS for a in actions)


@given(st.integers(2, 5), seeds(), st.integers(0, 4))
def test_actions_write_only_their_own_world_of_a_batch(n, seed, b):
    names = NAMES[:n]
    dip = random_dense(np.random.default_rng(seed), n)
    batch = apply_actions(Diplomacy.none(5, n, TREATY_SLOTS), to_actions(dip, names), names, b=b)
    assert batch.select(np.array([b])).equal(dip)
    others = np.array([k for k in range(5) if k != b])
    assert batch.select(others).is_empty()


def test_actions_that_name_no_known_state_or_action_are_refused_plainly():
    names = NAMES[:2]
    none = Diplomacy.none(1, 2, TREATY_SLOTS)
    with pytest.raises(ActionError, match="no state called 'Zed'"):
        apply_actions(none, [Action("ally", "Aurum", "Zed")], names)
    with pytest.raises(ActionError, match="unknown action 'invade'"):
        apply_actions(none, [Action("invade", "Aurum", "Borea")], names)
    with pytest.raises(ActionError, match="needs the state it is aimed at"):
        apply_actions(none, [Action("target", "Aurum")], names)
    with pytest.raises(ActionError, match="needs a treaty slot"):
        apply_actions(none, [Action("sign_treaty", "Aurum", treaty=TREATY_SLOTS)], names)
    with pytest.raises(ValueError, match="unknown action field"):
        Action.from_dict({"action": "ally", "actor": "Aurum", "other": "Borea", "army": 3})


def test_a_turn_of_actions_equals_the_same_turn_of_dense_arrays():
    world = trio(deployments=(Deployment(A, B, shield=2.0),))
    actions = [
        Action("offer_deployment", "Aurum", "Borea", shield=3.0),
        Action("target", "Cindral", "Aurum"),
        Action("sanction", "Aurum", "Cindral"),
        Action("drill", "Aurum", "Cindral"),
        Action("talk", "Borea", "Cindral"),
    ]
    via_actions, _ = turn(world, *actions, seed=4)
    dip = no_diplomacy(world)
    dip.deploy_shield[0, A, B] = 3.0
    dip.target[0, C, A] = 1
    dip.sanction[0, A, C] = 1
    dip.drill[0, A, C] = True
    dip.talk[0, B, C] = True
    orders = Orders.hold(world).with_diplomacy(dip).pay_diplomacy(world)
    via_arrays, _ = step(world, orders, np.random.default_rng(4))
    assert via_actions.digest() == via_arrays.digest()
