"""The one transition: ``step(world, orders, rng) -> (world, events)``.

Seats move simultaneously, so ``orders`` is the joint order of every seat (as in OpenSpiel's
simultaneous-move games). The order of play inside a turn:

1. validate the orders (an illegal order raises :class:`~game.engine.orders.IllegalOrder`);
2. diplomacy: treaties, alliances, deployments, targeting, trade and sanctions, signals, joint
   programmes, and the answers to open crises, whose war odds are fixed here, before anything
   moves, so that the game can show them;
3. spend the budget: drills and inspections first, then builds, cuts, hardening, intelligence;
   the rest goes to the civilian economy (section 4);
4. upkeep and growth of the economy, domestic support; treaty verification (an inspection game);
5. perception: everyone sees everyone else through noise, and may take a shield for reach;
   beliefs update by Bayes' rule and by diplomatic evidence (section 5); programme reviews;
6. the strike exchange, deterrence margins and first-strike stability (sections 2-3); tension and
   crises; the war roll of escalated crises; a war ends that world (section 6);
7. utility and discounted score (section 7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import diplomacy, economy, perception, tension, treaties
from game.engine.actions import Diplomacy
from game.engine.deterrence import Exchange, exchange, keep_exchange
from game.engine.economy import Builds
from game.engine.events import Events
from game.engine.legality import check
from game.engine.orders import Orders, budget
from game.engine.payoffs import utility
from game.engine.perception import Noise, Sight
from game.engine.state import CIVILIAN, SHIELD, World
from game.engine.tension import War

Rng = np.random.Generator | list[np.random.Generator] | None


def step(world: World, orders: Orders, rng: Rng) -> tuple[World, Events]:
    """Advance every world of the batch by one turn.

    Parameters
    ----------
    world
        The batch of worlds before the turn.
    orders
        The joint orders of all seats in all worlds (arms and diplomacy).
    rng
        One ``numpy.random.Generator`` for the whole batch, or a list with one generator per
        world (so world ``b`` of a batch equals the single game run with ``rng[b]``), or ``None``
        for the expected-value turn without chance (the theory lens projects with it).

    Returns
    -------
    (World, Events)
        The new worlds and what happened, as data. Worlds already over (a war) do not change.
    """
    check(world, orders)
    b, n = world.batch, world.n
    noise = Noise.expected(b, n) if rng is None else perception.draw_noise(rng, b, n)
    dip = orders.diplomacy_or_none()

    # 1. Diplomacy: treaties, alliances, deployments, targeting, trade and sanctions, signals,
    #    joint programmes, crisis answers (whose war odds are fixed before anything moves).
    cut = np.asarray(orders.cut, dtype=float)
    resolved = diplomacy.resolve(world, dip, cut)
    mid = resolved.world

    # 2. Spending and builds.
    spend = _spending(world, orders, resolved.cost)
    cut = np.minimum(cut, mid.reach)
    built, stocks = _builds(world, mid, spend, cut, resolved.entered)

    # 3. Economy and support, charged on the stocks held this turn; 4. treaty verification;
    #    the programme review.
    verified = _verify(world, mid, resolved, dip, stocks, noise)
    after, cancelled = _upkeep(mid, spend, built, stocks, verified, noise)

    # 5. Perception and belief, of the stocks as the turn leaves them.
    after, sight = _perceive(mid, after, spend, cut, built, verified.evidence, noise)

    # 6. The exchange on the new stocks; tension; crises; war from the crisis answers.
    # 7. Utility and the discounted score.
    armed, ex = after, exchange(after)
    after, war = _war_and_score(world, mid, armed, ex, resolved, sight, verified.tension, noise)

    # Worlds that were already over stay exactly as they were (only the turn counter moves).
    if world.over.any():
        after = _freeze(world, after)
    # The next turn reads this world's exchange again (crisis odds, margins before the turn).
    keep_exchange(after, armed, ex)

    events = Events(
        turn=world.turn,
        before=world,
        after=after,
        spend=spend,
        cut=cut,
        signal=sight.signal,
        misread=sight.misread,
        stability=ex.stability,
        margin=ex.margin,
        war_odds=resolved.war_odds,
        war_started=war.started & ~world.over,
        war_striker=war.striker,
        war_target=war.target,
        war_loss=war.loss,
        diplomacy=dip,
        answers=resolved.answers,
        withdrew=resolved.withdrew,
        broke_commitment=resolved.broke_commitment,
        violations_caught=verified.caught,
        cancelled=cancelled,
        costs=resolved.cost,
    )
    return after, events


def _spending(world: World, orders: Orders, costs: np.ndarray) -> np.ndarray:
    """``[B, N, 5]`` the turn's spending: what is not ordered goes to the civilian economy, so
    budgets balance exactly; drills and inspections (``costs``) are paid first."""
    spend = np.array(orders.spend, dtype=float)
    spend[:, :, CIVILIAN] += budget(world) - spend.sum(axis=2) - costs
    spend[:, :, CIVILIAN] = np.maximum(spend[:, :, CIVILIAN], 0.0)  # rounding, never a debt
    return spend


def _builds(
    world: World, mid: World, spend: np.ndarray, cut: np.ndarray, entered: np.ndarray
) -> tuple[Builds, dict[str, np.ndarray]]:
    """The builds, cuts and wear of the turn, and the stocks they leave (home and forward)."""
    # Shields are built with the programmes that stood at the start of the turn (the validation's
    # view): a programme agreed this turn pools money and tech from the next.
    pooled = diplomacy.pooled_shield_spend(world, spend[:, :, SHIELD])
    built = economy.build(mid, spend, cut, diplomacy.programme_tech(world), pooled)
    stocks = {
        "reach": built.reach,
        "shield": built.shield,
        "fwd_reach": built.fwd_reach,
        "fwd_shield": built.fwd_shield,
    }
    if entered.any():
        # A treaty that entered into force this turn binds this turn's builds too.
        stocks = treaties.enter_into_force(mid.replace(**stocks), entered)
    return built, stocks


@dataclass(frozen=True)
class _Verified:
    """Treaty verification: the violations caught and what they cost the violators."""

    caught: np.ndarray  # [B, K, N]
    evidence: np.ndarray  # [B, N, N] diplomatic evidence, a caught violation lowering trust
    standing: np.ndarray  # [B, N] before clipping
    tension: np.ndarray  # [B, N, N] the turn's extra tension: diplomacy's and the violations'


def _verify(
    world: World,
    mid: World,
    resolved: diplomacy.Resolved,
    dip: Diplomacy,
    stocks: dict[str, np.ndarray],
    noise: Noise,
) -> _Verified:
    """Violations with the new stocks, caught at the documented odds."""
    broken = treaties.violations(
        mid, stocks["reach"], stocks["shield"], stocks["fwd_reach"], stocks["fwd_shield"]
    )
    odds = treaties.detection_odds(mid, _inspected_by_others(mid, dip))
    caught = broken & (noise.detect < odds)
    violator = np.asarray(caught.any(axis=1))  # [B, N]
    evidence = resolved.trust.copy()
    evidence[:, :, :] += np.where(
        violator[:, None, :], np.log(world.param("violation_trust"))[:, None, None], 0.0
    )
    standing = mid.standing - world.param("violation_standing")[:, None] * violator
    extra_tension = resolved.tension + _violation_tension(mid, caught)
    return _Verified(caught, evidence, standing, extra_tension)


def _upkeep(
    mid: World,
    spend: np.ndarray,
    built: Builds,
    stocks: dict[str, np.ndarray],
    verified: _Verified,
    noise: Noise,
) -> tuple[World, np.ndarray]:
    """The world with the turn's economy, support, stocks and standing, and the violations
    caught (public: every state may read them next turn, as the story's event), after the
    programme review (a state whose support has collapsed may cancel its costliest programme)."""
    load = economy.burden(mid, spend)
    after = mid.replace(
        economy=economy.grow(mid, spend, load),
        hardening=built.hardening,
        tech=diplomacy.tech_transfer(mid),
        standing=np.clip(verified.standing, 0.0, 1.0),
        treaty_caught=verified.caught.astype(float),
        support=economy.support(mid, load),
        trade=economy.trade_after_sanctions(mid),
        last_spend=spend,
        **stocks,
    )
    return diplomacy.review(after, noise.review)


def _perceive(
    mid: World,
    after: World,
    spend: np.ndarray,
    cut: np.ndarray,
    built: Builds,
    evidence: np.ndarray,
    noise: Noise,
) -> tuple[World, Sight]:
    """What everyone sees of the stocks as the turn leaves them, and the beliefs it updates."""
    clarity = perception.transparency(mid, spend)
    sight = perception.observe(
        mid, after.reach, after.shield, spend, cut, clarity, noise, built.built_shield
    )
    own = np.eye(mid.n, dtype=bool)
    belief = perception.update_beliefs(mid, sight, np.where(own, 0.0, evidence))
    after = after.replace(
        belief=belief,
        seen_reach=sight.seen_reach,
        seen_shield=sight.seen_shield,
        transparency=clarity,
        seen_build=sight.signal,
    )
    return after, sight


def _war_and_score(
    world: World,
    mid: World,
    after: World,
    ex: Exchange,
    resolved: diplomacy.Resolved,
    sight: Sight,
    extra_tension: np.ndarray,
    noise: Noise,
) -> tuple[World, War]:
    """Tension, crises, the war roll of the crisis answers (``ex`` is the exchange on the new
    stocks), and the turn's utility and discounted score."""
    new_tension = tension.next_tension(mid, sight.signal, extra_tension)
    war = tension.roll_war(after, resolved.war_odds, noise.war, ex)
    war_economy = after.economy * (1.0 - war.loss)
    after = after.replace(
        tension=new_tension,
        crisis=diplomacy.crisis_onset(mid, new_tension) * ~war.started[:, None, None],
        economy=np.maximum(war_economy, economy.ECONOMY_FLOOR * world.base_economy),
        over=world.over | war.started,
    )
    u = utility(after, ex, war.loss)
    weight = world.param("discount")[:, None] ** world.turn
    after = after.replace(utility=u, score=world.score + weight * u, turn=world.turn + 1)
    return after, war


def _inspected_by_others(world: World, dip: Diplomacy) -> np.ndarray:
    """``[B, K, N]`` party n of treaty k is inspected this turn by another party."""
    inspecting = np.swapaxes(dip.inspect, 1, 2)  # [B, K, N]
    count = inspecting.sum(axis=2, keepdims=True)
    return (count - inspecting) > 0


def _violation_tension(world: World, caught: np.ndarray) -> np.ndarray:
    """``[B, N, N]`` symmetric tension between each caught violator and its treaty partners."""
    members = world.treaty_signed > 0  # [B, K, N]
    pairs = np.einsum("bkv,bkj->bvj", caught.astype(float), members.astype(float)) > 0
    pairs &= ~np.eye(world.n, dtype=bool)
    pairs = pairs | np.swapaxes(pairs, 1, 2)
    return world.param("violation_tension")[:, None, None] * pairs


def _freeze(before: World, after: World) -> World:
    """Keep every array of the worlds that were over before this turn."""
    done = before.over
    fields = {}
    for name, new in after.arrays().items():
        old = getattr(before, name)
        mask = done.reshape((-1,) + (1,) * (new.ndim - 1))
        fields[name] = np.where(mask, old, new)
    return after.replace(**fields)
