"""Treaties (model.md sections 1, 5 and 6): proposal, signature, entry into force, caps that bind
legal orders, verification as an inspection game, withdrawal under notice, expiry, transparency.

A treaty's life: PROPOSED (waits ``proposal_turns`` for every named party to sign), IN_FORCE,
WITHDRAWING (a party gave notice; it binds for ``treaty_notice`` more turns), LAPSED. Cheating
is caught with probability ``verification`` when another party inspects, and
``passive_detection * verification`` when nobody does.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import (
    Action,
    Deployment,
    IllegalOrder,
    Link,
    Orders,
    Params,
    StateOrder,
    StateSpec,
    TreatySpec,
    World,
    initial_world,
    step,
)
from game.engine.actions import SHIELD_CAP
from game.engine.economy import build
from game.engine.orders import budget
from game.engine.treaties import (
    EMPTY,
    IN_FORCE,
    LAPSED,
    PROPOSED,
    WITHDRAWING,
    caps_for,
    violations,
)

from .worlds import (
    NAMES,
    no_diplomacy,
    random_diplomacy,
    random_orders,
    rng_for,
    scenarios,
    seeds,
    share,
    shares_for,
    turn,
    unit,
)

A, B, C = 0, 1, 2
CLEAR = Params(noise=0.0)
WEAR = 0.98  # 1 - attrition


def trio(params: Params = CLEAR, treaties=(), **shields) -> World:
    """Aurum, Borea and Cindral, economy 100 (budget 20) each, with the shields given."""
    return initial_world(
        params,
        tuple(StateSpec(name, shield=shields.get(name, 0.0)) for name in NAMES[:3]),
        treaties=treaties,
    )


def propose_cap(*parties: str, cap: float = 10.0, verification: float = 0.5, by: str = "Aurum"):
    return Action(
        "propose_treaty",
        by,
        kind="shield_cap",
        parties=parties,
        cap=cap,
        verification=verification,
    )


def shield_build(world: World, who: int, share_: float = 1.0) -> Orders:
    """``who`` puts ``share_`` of its budget into shield; everyone else holds (with empty
    diplomatic orders attached: see test_a_build_past_a_cap_is_refused_without_diplomacy_too)."""
    orders = Orders.from_shares(world, shares_for(world, {who: share(shield=share_)}))
    return orders.with_diplomacy(no_diplomacy(world))


def kinds(events) -> list[str]:
    return [r.kind for r in events.records(0)]


# --------------------------------------------------------------------------------------------
# Proposal, signature, entry into force.
# --------------------------------------------------------------------------------------------


def test_a_treaty_enters_into_force_once_every_invited_party_has_signed():
    world = trio(Aurum=30.0, Borea=5.0)
    proposed, events = turn(world, propose_cap("Borea", "Cindral"))
    assert proposed.treaty_status[0, 0] == PROPOSED
    assert proposed.treaty_signed[0, 0].tolist() == [1.0, 0.0, 0.0]  # the proposer signs
    assert "treaty_proposed" in kinds(events)
    half, events = turn(proposed, Action("sign_treaty", "Borea", treaty=0))
    assert half.treaty_status[0, 0] == PROPOSED  # Cindral has not signed yet
    assert half.shield[0, A] == pytest.approx(30.0 * WEAR**2)  # nothing binds yet
    done, events = turn(half, Action("sign_treaty", "Cindral", treaty=0))
    assert done.treaty_status[0, 0] == IN_FORCE
    assert "treaty_in_force" in kinds(events)
    # Entry into force: Aurum's shield above the cap (10) is dismantled, then wears as usual.
    assert done.shield[0, A] == pytest.approx(10.0 * WEAR)
    assert done.shield[0, B] == pytest.approx(5.0 * WEAR**3)  # under the cap: untouched


def test_a_shield_cap_counts_shield_stationed_abroad_and_takes_the_excess_from_home_first():
    def entered(home: float, abroad: float) -> World:
        world = initial_world(
            CLEAR,
            (StateSpec("Aurum", shield=home), StateSpec("Borea"), StateSpec("Cindral")),
            links=(Link(A, B, alliance=True),),
            deployments=(Deployment(A, B, shield=abroad),),
            treaties=(TreatySpec("shield_cap", (A, C), cap=10.0),),
        )
        return world

    world = entered(12.0, 6.0)  # 18 in all: 8 too many, all taken from home
    assert world.shield[0, A] == pytest.approx(4.0)
    assert world.fwd_shield[0, A, B] == pytest.approx(6.0)
    world = entered(2.0, 12.0)  # home goes first, then 4 of the 12 abroad
    assert world.shield[0, A] == 0.0
    assert world.fwd_shield[0, A, B] == pytest.approx(10.0)


@pytest.mark.parametrize("wait", [1, 2, 3])
def test_a_proposal_expires_after_proposal_turns_unsigned(wait):
    world = trio(Params(noise=0.0, proposal_turns=wait))
    w, _ = turn(world, propose_cap("Borea"))
    history = [w]
    for _ in range(wait + 1):
        w, events = turn(w)
        history.append(w)
    assert all(h.treaty_status[0, 0] == PROPOSED for h in history[:wait])
    assert w.treaty_status[0, 0] == EMPTY
    assert w.treaty_kind[0, 0] == -1
    assert "treaty_expired" in kinds(events)
    # A signature in any of the proposal_turns turns it waits brings it into force.
    for k in range(wait):
        signed, _ = turn(history[k], Action("sign_treaty", "Borea", treaty=0))
        assert signed.treaty_status[0, 0] == IN_FORCE


@pytest.mark.parametrize("wait", [1, 2])
def test_a_signature_accepted_on_a_proposal_still_shown_brings_it_into_force(wait):
    world = trio(Params(noise=0.0, proposal_turns=wait))
    w, _ = turn(world, propose_cap("Borea"))
    for _ in range(wait):
        w, _ = turn(w)
    assert w.treaty_status[0, 0] == PROPOSED  # shown as awaiting Borea's signature
    try:
        signed, _ = turn(w, Action("sign_treaty", "Borea", treaty=0))
    except IllegalOrder:
        return  # refusing the late signature would be fine too
    assert signed.treaty_status[0, 0] == IN_FORCE


def test_treaty_actions_by_states_not_concerned_are_refused_by_name():
    world = trio(treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),))
    with pytest.raises(IllegalOrder, match="Cindral cannot leave treaty 0: it is not a party"):
        turn(world, Action("leave_treaty", "Cindral", treaty=0))
    with pytest.raises(IllegalOrder, match="Cindral cannot inspect under treaty 0"):
        turn(world, Action("inspect", "Cindral", treaty=0))
    with pytest.raises(IllegalOrder, match="Cindral cannot cheat on treaty 0"):
        turn(world, Action("cheat", "Cindral", treaty=0))
    with pytest.raises(IllegalOrder, match="Borea cannot sign treaty 0"):
        turn(world, Action("sign_treaty", "Borea", treaty=0))  # already in force
    proposed, _ = turn(world, propose_cap("Borea", by="Aurum"))
    with pytest.raises(IllegalOrder, match="Cindral cannot sign treaty 1"):
        turn(proposed, Action("sign_treaty", "Cindral", treaty=1))  # not invited
    with pytest.raises(IllegalOrder, match="Aurum's treaty needs at least one other party"):
        turn(world, propose_cap())
    with pytest.raises(IllegalOrder, match="verification must be between 0 and 1"):
        turn(world, propose_cap("Borea", verification=1.5))


# --------------------------------------------------------------------------------------------
# A cap in force binds legal orders.
# --------------------------------------------------------------------------------------------


def over_cap_orders(world: World, i: int) -> tuple[Orders, bool]:
    """Orders in which ``i`` puts its whole budget into shield, and whether that would take it
    past a shield cap it is bound by (the rules then refuse them)."""
    orders = shield_build(world, i)
    built = build(world, orders.spend, orders.cut)
    held = built.shield + built.fwd_shield.sum(axis=2)  # forward shield wears as well
    was = world.shield + world.fwd_shield.sum(axis=2)
    cap = caps_for(world, SHIELD_CAP)
    over = (held > cap + 1e-9) & (held > was + 1e-9)
    return orders, bool(over[0, i])


def test_a_build_past_a_shield_cap_is_refused_with_a_message_naming_the_cap():
    world = trio(treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),), Aurum=9.0)
    orders, over = over_cap_orders(world, A)
    assert over
    with pytest.raises(IllegalOrder) as caught:
        step(world, orders, None)
    assert str(caught.value) == (
        "a shield cap in force limits Aurum's shield to 10.0; these builds would bring it to "
        "28.8 (a state can cheat on a treaty, in secret, at the risk of being caught)"
    )
    # Cindral is not a party: the same build is legal for it.
    step(world, shield_build(world, C), None)


def test_a_build_past_a_cap_is_refused_without_diplomacy_too():
    world = trio(treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),), Aurum=9.0)
    orders = Orders.from_shares(world, shares_for(world, {A: share(shield=1.0)}))
    assert orders.diplomacy is None
    with pytest.raises(IllegalOrder, match="a shield cap in force limits Aurum's shield"):
        step(world, orders, None)


@st.composite
def capped_worlds(draw):
    """A random world (2-5 states) with a shield cap in force among two or more of them."""
    sc = draw(scenarios())
    n = len(sc.states)
    parties = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
    cap = draw(st.integers(0, 4000).map(lambda k: k / 100))
    spec = TreatySpec("shield_cap", tuple(sorted(parties)), cap=cap, verification=draw(unit()))
    sc = dataclasses.replace(sc, treaties=(spec,))
    return sc.world(np.full((1, n), 0.5)), parties, cap


@settings(max_examples=50)  # eight turns each: the slowest property of the suite
@given(capped_worlds(), seeds(), seeds())
def test_a_shield_cap_in_force_keeps_every_honest_party_at_or_under_it(case, orders_seed, seed):
    # Random legal AI-like play for eight turns (alliances, deployments offered and accepted,
    # recalls, reviews; no one cheats or leaves). An order that would pass the cap is refused,
    # naming the cap; the legal ones never take a party's shield, home plus abroad, over it.
    world, parties, cap = case
    order_rng, rng = np.random.default_rng(orders_seed), rng_for(seed)
    for _ in range(8):
        i = int(order_rng.choice(parties))
        orders, over = over_cap_orders(world, i)
        if over:
            with pytest.raises(IllegalOrder, match=f"a shield cap in force limits {NAMES[i]}'s"):
                step(world, orders, rng)
        plain = random_orders(world, order_rng, diplomacy=False)
        orders = random_diplomacy(world, plain, order_rng, propose=False, leave=False)
        world, _ = step(world, orders, rng)
        held = world.shield + world.fwd_shield.sum(axis=2)
        assert np.all(held[0, parties] <= cap + 1e-9)
        assert world.treaty_status[0, 0] == IN_FORCE


# --------------------------------------------------------------------------------------------
# Verification: the inspection game.
# --------------------------------------------------------------------------------------------


def cheats(batch: int, verification: float, inspect: bool, params: Params = CLEAR):
    """``batch`` worlds in which Aurum, at a shield cap of 10, secretly builds 5 more shield;
    Borea (a party) inspects or not. Returns the turn's events."""
    world = initial_world(
        params,
        (StateSpec("Aurum", shield=10.0), StateSpec("Borea"), StateSpec("Cindral")),
        treaties=(TreatySpec("shield_cap", (A, B), cap=10.0, verification=verification),),
        uniforms=np.ones((batch, 3)),
    )
    actions = [Action("cheat", "Aurum", treaty=0)]
    if inspect:
        actions.append(Action("inspect", "Borea", treaty=0))
    orders = Orders.from_shares(world, shares_for(world, {A: share(shield=0.25)}))
    return turn(world, *actions, orders=orders, seed=list(range(batch)))[1]


@pytest.mark.parametrize("inspect", [True, False])
def test_cheating_is_caught_at_the_documented_rate(inspect):
    batch, v = 2000, 0.6
    events = cheats(batch, v, inspect)
    # Aurum is over the cap in every world; the odds: v when inspected, passive 0.25 * v if not.
    assert np.all(events.after.shield[:, A] > 10.0)
    p = v if inspect else 0.25 * v
    caught = events.violations_caught[:, 0, A]
    assert abs(caught.mean() - p) < 4 * math.sqrt(p * (1 - p) / batch)
    assert not events.violations_caught[:, :, [B, C]].any()  # the honest are never "caught"
    if inspect:  # an inspection costs inspection_cost (0.05) of the inspector's budget
        np.testing.assert_allclose(events.costs[:, B], 0.05 * 20.0)
        np.testing.assert_allclose(events.spend.sum(axis=2) + events.costs, budget(events.before))


def test_a_cheat_that_stays_under_the_cap_breaks_nothing_and_is_never_caught():
    world = initial_world(
        Params(noise=0.0, passive_detection=1.0),
        (StateSpec("Aurum", shield=2.0), StateSpec("Borea")),
        treaties=(TreatySpec("shield_cap", (A, B), cap=10.0, verification=1.0),),
    )
    after, events = turn(world, Action("cheat", "Aurum", treaty=0), seed=0)
    assert not events.violations_caught.any()
    assert after.standing[0, A] == world.standing[0, A]


def caught_or_not(detected: bool, seed: int = 3):
    """Aurum cheats past a cap of 10 with verification 1: with passive_detection 1 it is caught
    for certain, with 0 never. Everything else is the same turn."""
    params = Params(passive_detection=1.0 if detected else 0.0)
    world = initial_world(
        params,
        (StateSpec("Aurum", shield=10.0), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, tension=0.2), Link(A, C, tension=0.2)),
        treaties=(TreatySpec("shield_cap", (A, B), cap=10.0, verification=1.0),),
    )
    orders = Orders.from_shares(world, shares_for(world, {A: share(shield=0.25)}))
    return turn(world, Action("cheat", "Aurum", treaty=0), orders=orders, seed=seed)


def logit(p):
    return np.log(p) - np.log1p(-p)


def test_a_detected_violation_costs_trust_standing_and_calm():
    caught, events = caught_or_not(True)
    missed, quiet = caught_or_not(False)
    assert events.violations_caught[0, 0, A] and not quiet.violations_caught.any()
    assert "violation_detected" in kinds(events)
    # Everyone sees it: the odds that Aurum is a security seeker fall by violation_trust (0.3).
    np.testing.assert_allclose(
        logit(caught.belief[0, [B, C], A]) - logit(missed.belief[0, [B, C], A]), math.log(0.3)
    )
    assert missed.standing[0, A] - caught.standing[0, A] == pytest.approx(0.1)
    # Tension rises by violation_tension (0.2) with the other parties, not with outsiders.
    assert caught.tension[0, A, B] - missed.tension[0, A, B] == pytest.approx(0.2)
    assert caught.tension[0, A, C] == pytest.approx(missed.tension[0, A, C])
    assert caught.belief[0, A, B] == pytest.approx(missed.belief[0, A, B])  # its own view: unmoved


def test_a_caught_violation_is_on_the_public_record_of_the_next_turn():
    """What every state may read at the start of the next turn (``treaty_caught``): the party
    and the treaty, where it was caught; a cheat that was missed leaves no mark. The record is
    the last turn's: a stock still over the cap is caught again (passive detection 1 here), and
    one brought back under it clears the record."""
    caught, events = caught_or_not(True)
    missed, _ = caught_or_not(False)
    np.testing.assert_array_equal(caught.treaty_caught, events.violations_caught.astype(float))
    assert caught.treaty_caught[0, 0, A] == 1.0 and caught.treaty_caught.sum() == 1.0
    assert not missed.treaty_caught.any()
    again, events = turn(caught, seed=4)
    np.testing.assert_array_equal(again.treaty_caught, events.violations_caught.astype(float))
    assert again.treaty_caught[0, 0, A] == 1.0
    under = caught.replace(shield=np.minimum(caught.shield, 9.0))
    cleared, _ = turn(under, seed=4)
    assert not cleared.treaty_caught.any()


# --------------------------------------------------------------------------------------------
# Withdrawal: notice, then lapse.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("notice", [1, 2, 3])
def test_a_withdrawal_binds_until_its_notice_runs_out(notice):
    world = trio(
        Params(noise=0.0, treaty_notice=notice),
        treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),),
        Aurum=9.0,
    )
    w, events = turn(world, Action("leave_treaty", "Aurum", treaty=0))
    assert w.treaty_status[0, 0] == WITHDRAWING
    assert "treaty_withdrawal" in kinds(events)
    for _ in range(notice):
        # The cap still refuses builds past it while the notice runs.
        with pytest.raises(IllegalOrder, match="a shield cap in force limits Aurum's shield"):
            step(w, shield_build(w, A), None)
        w, events = turn(w)
    assert w.treaty_status[0, 0] == LAPSED
    assert "treaty_lapsed" in kinds(events)
    free, _ = step(w, shield_build(w, A), None)  # no cap any more
    assert free.shield[0, A] > 10.0


def left_or_stayed(leave: bool):
    world = initial_world(
        Params(),
        (StateSpec("Aurum"), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, tension=0.2), Link(A, C, tension=0.2)),
        treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),),
    )
    actions = [Action("leave_treaty", "Aurum", treaty=0)] if leave else []
    return turn(world, *actions, seed=5)[0]


def test_a_withdrawal_raises_tension_and_lowers_the_other_parties_trust_in_the_withdrawer():
    left, stayed = left_or_stayed(True), left_or_stayed(False)
    # withdrawal_tension 0.15 with the other parties; the odds Borea puts on Aurum being a
    # security seeker are multiplied by withdrawal_trust (0.5).
    assert left.tension[0, A, B] - stayed.tension[0, A, B] == pytest.approx(0.15)
    assert logit(left.belief[0, B, A]) - logit(stayed.belief[0, B, A]) == pytest.approx(
        math.log(0.5)
    )
    # An outsider is not a party: its tension and trust are unmoved.
    assert left.tension[0, A, C] == pytest.approx(stayed.tension[0, A, C])
    assert left.belief[0, C, A] == pytest.approx(stayed.belief[0, C, A])


# --------------------------------------------------------------------------------------------
# Transparency and the forward ban.
# --------------------------------------------------------------------------------------------


def test_a_transparency_treaty_narrows_perception_noise_between_its_parties():
    batch = 400
    world = initial_world(
        Params(),
        tuple(StateSpec(name, reach=10.0) for name in NAMES[:3]),
        treaties=(TreatySpec("transparency", (A, B), verification=1.0),),
        uniforms=np.ones((batch, 3)),
    )
    after, _ = step(world, Orders.hold(world), [np.random.default_rng(s) for s in range(batch)])
    # treaty_transparency 0.3 * verification 1, doubled for a transparency treaty: 0.6.
    np.testing.assert_allclose(after.transparency[:, A, B], 0.6)
    np.testing.assert_allclose(after.transparency[:, B, A], 0.6)
    assert np.all(after.transparency[:, A, C] == 0.0)
    error = np.log(after.seen_reach / after.reach[:, None, :])
    # sigma0 (0.3) * (1 - transparency): 0.12 between the parties, 0.3 towards an outsider.
    assert np.std(error[:, A, B]) == pytest.approx(0.12, rel=0.15)
    assert np.std(error[:, A, C]) == pytest.approx(0.3, rel=0.15)
    assert np.std(error[:, A, B]) < np.std(error[:, A, C])


@given(unit(0.0, 1.0), unit(0.0, 0.5))
def test_any_verified_treaty_lets_its_parties_see_each_other_more_clearly(v, weight):
    world = trio(
        Params(noise=0.0, treaty_transparency=weight),
        treaties=(TreatySpec("shield_cap", (A, B), cap=50.0, verification=v),),
    )
    after, _ = step(world, Orders.hold(world), None)
    assert after.transparency[0, A, B] == pytest.approx(min(weight * v, 1.0))
    assert after.transparency[0, A, C] == 0.0


def test_a_forward_ban_brings_reach_home_at_entry_and_refuses_new_reach_abroad():
    world = initial_world(
        CLEAR,
        (StateSpec("Aurum", reach=10.0, shield=5.0), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
        deployments=(Deployment(A, B, reach=4.0, shield=2.0),),
        treaties=(TreatySpec("forward_ban", (A, C)),),
    )
    assert world.fwd_reach[0].sum() == 0.0 and world.reach[0, A] == 14.0
    assert world.fwd_shield[0, A, B] == 2.0  # shields abroad are not banned
    with pytest.raises(IllegalOrder, match="a forward ban in force forbids stationing reach"):
        turn(world, Action("offer_deployment", "Aurum", "Borea", reach=1.0))
    turn(world, Action("offer_deployment", "Aurum", "Borea", shield=1.0))


# --------------------------------------------------------------------------------------------
# Known gaps: legal orders that leave an honest party in breach (the rules should refuse them,
# or the turn should keep the party within the terms).
# --------------------------------------------------------------------------------------------


def honest_party_within(world: World, orders: Orders, *actions: Action) -> None:
    """Either the rules refuse these orders, or no party that did not cheat ends in breach."""
    try:
        after, events = turn(world, *actions, orders=orders)
    except IllegalOrder:
        return
    fwd_r, fwd_s = after.fwd_reach, after.fwd_shield
    broken = violations(after, after.reach, after.shield, fwd_r, fwd_s)
    assert not broken.any(), f"honest parties in breach: {np.argwhere(broken).tolist()}"


def test_builds_on_the_turn_a_cap_enters_into_force_are_held_to_it():
    world = trio(Aurum=5.0)
    world, _ = turn(world, propose_cap("Borea", cap=10.0))
    honest_party_within(
        world, shield_build(world, A, 0.5), Action("sign_treaty", "Borea", treaty=0)
    )


def test_a_programme_started_this_turn_cannot_take_an_honest_party_past_its_cap():
    world = initial_world(
        CLEAR,
        (StateSpec("Aurum", tech=1.0), StateSpec("Borea", tech=2.0), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
        treaties=(TreatySpec("shield_cap", (A, C), cap=10.0),),
    )
    orders = Orders.from_states(world, [StateOrder(shield=8.0), StateOrder(), StateOrder()])
    honest_party_within(
        world,
        orders,
        Action("offer_programme", "Aurum", "Borea"),
        Action("offer_programme", "Borea", "Aurum"),
    )


def test_a_cut_and_an_accepted_deployment_cannot_pass_a_reach_ceiling():
    world = initial_world(
        CLEAR,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
        treaties=(TreatySpec("reach_ceiling", (A, C), cap=10.0),),
    )
    world, _ = turn(world, Action("offer_deployment", "Aurum", "Borea", reach=8.0))
    orders = Orders.from_states(
        world, [StateOrder(reach=9.0, cut=float(world.reach[0, A])), StateOrder(), StateOrder()]
    )
    honest_party_within(world, orders, Action("accept_deployment", "Borea", "Aurum"))


def test_a_host_cannot_accept_reach_from_a_patron_bound_by_a_forward_ban():
    world = initial_world(
        CLEAR,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
    )
    world, _ = turn(
        world,
        Action("offer_deployment", "Aurum", "Borea", reach=4.0),
        Action("propose_treaty", "Aurum", kind="forward_ban", parties=("Cindral",)),
    )
    world, _ = turn(world, Action("sign_treaty", "Cindral", treaty=0))
    # The ban voids the standing reach offer: there is nothing left for Borea to accept.
    assert world.treaty_status[0, 0] == IN_FORCE and world.offer_reach[0, A, B] == 0.0
    with pytest.raises(IllegalOrder, match="Borea has no deployment offer from Aurum to answer"):
        turn(world, Action("accept_deployment", "Borea", "Aurum"))


def test_the_known_gaps_do_not_touch_a_party_that_only_holds():
    # The control for the cases above: the same treaties with nothing but holding.
    world = trio(Aurum=5.0, treaties=(TreatySpec("shield_cap", (A, B), cap=10.0),))
    honest_party_within(world, Orders.hold(world))


def test_a_deployment_accepted_this_turn_cannot_take_its_honest_patron_past_a_cap():
    world = initial_world(
        CLEAR,
        (StateSpec("Aurum", shield=10.0), StateSpec("Borea"), StateSpec("Cindral")),
        links=(Link(A, B, alliance=True),),
        treaties=(TreatySpec("shield_cap", (A, C), cap=14.0),),
    )
    world, _ = turn(world, Action("offer_deployment", "Aurum", "Borea", shield=5.0))
    # Validated: 9.8 * 0.98 + 4.39 = 13.994 <= 14. Turned: (9.8 - 5) * 0.98 + 4.39 + 5 = 14.094.
    orders = Orders.from_states(world, [StateOrder(shield=4.39), StateOrder(), StateOrder()])
    honest_party_within(world, orders, Action("accept_deployment", "Borea", "Aurum"))
