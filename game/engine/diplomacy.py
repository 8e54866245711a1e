"""Alliances, hosts, targeting, trade and sanctions, signals, joint programmes, treaties, crises.

Model.md sections 1, 2 and 4-6, as the diplomatic half of a turn. :func:`validate` explains
every illegal action in plain words; :func:`resolve` applies the legal ones to the world before
the builds of the turn (the rest of the turn is in :mod:`game.engine.step`).

Sources: Snyder (1984) for the alliance game of abandonment and entrapment, with the host that a
rival pressures to hurt its patron; Fearon (1997) for tying hands (an audience cost if a public
commitment is broken) against sinking costs (drills); Baliga and Sjostrom for cheap talk, which
moves beliefs only as far as the speaker is credible; Schelling (1960) and Powell (2015) for the
crisis as a game of Chicken with a risk that leaves something to chance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from game.engine import treaties
from game.engine.actions import (
    ANSWERS,
    BACK_DOWN,
    CAPPED,
    ESCALATE,
    FIELD_GROUPS,
    FORWARD_BAN,
    NO_ANSWER,
    REACH_CEILING,
    SHIELD_CAP,
    STAND_FIRM,
    TREATY_KINDS,
    Diplomacy,
)
from game.engine.deterrence import exchange
from game.engine.economy import Builds
from game.engine.prices import diplomacy_costs, programme_tech, unit_costs
from game.engine.state import CIVILIAN, REACH, SHIELD, TREATY_SLOTS, World
from game.engine.treaties import EMPTY, IN_FORCE, LAPSED, PROPOSED, WITHDRAWING, caps_for


def _names(world: World) -> tuple[str, ...]:
    return world.names or tuple(f"state {i}" for i in range(world.n))


def _tag(world: World, b: int | np.integer) -> str:
    return f" (world {b})" if world.batch > 1 else ""


def each(mask: np.ndarray) -> Iterator[tuple[np.intp, ...]]:
    """The indices of every true entry of ``mask``, as tuples (one problem message each)."""
    yield from zip(*np.nonzero(mask), strict=True)


def validate(world: World, dip: Diplomacy, built: Builds) -> list[str]:
    """Every reason the diplomatic orders are illegal, in plain words.

    ``built`` holds the stocks the turn's builds, cuts and wear would leave (home and abroad), for
    the treaty caps and for what a patron can station abroad.
    """
    names = _names(world)
    # Orders that are malformed, or outside the lesson, are refused before their substance.
    problems = _validate_form(world, dip, names)
    if problems:
        return problems
    problems = _validate_groups(world, dip, names)
    if problems:
        return problems
    return [
        *_validate_ties(world, dip, names),
        *_validate_deployments(world, dip, built, names),
        *_validate_conduct(world, dip, names),
        *_validate_treaties(world, dip, built, names),
    ]


def _validate_form(world: World, dip: Diplomacy, names: tuple[str, ...]) -> list[str]:
    """Orders of the wrong shape, or with amounts that are not ordinary numbers."""
    n = world.n
    problems: list[str] = []
    expected = Diplomacy.none(world.batch, n, TREATY_SLOTS)
    for key, arr in dip.arrays().items():
        if np.shape(arr) != np.shape(getattr(expected, key)):
            return [f"diplomatic orders have the wrong shape ({key})"]
    for key, arr in dip.arrays().items():  # amounts, caps, verification: ordinary numbers only
        a = np.asarray(arr)
        if a.dtype.kind == "f":
            bad = ~np.isfinite(a).reshape(world.batch, n, -1).all(axis=2)
            for b, i in each(bad):
                what = key.replace("propose_", "treaty ").replace("deploy_", "deployment ")
                problems.append(
                    f"{names[i]}'s {what} must be an ordinary number (no NaN or infinity)"
                    f"{_tag(world, b)}"
                )
    return problems


def _validate_groups(world: World, dip: Diplomacy, names: tuple[str, ...]) -> list[str]:
    """Actions of a group the scenario does not allow (crisis answers are always allowed)."""
    problems: list[str] = []
    allowed = tuple(world.params.diplomacy)
    for key, group in FIELD_GROUPS.items():
        if group == "crisis" or group in allowed:
            continue
        for b, i in zip(*np.nonzero(dip.used(key)), strict=True):
            problem = f"this scenario does not allow {group} actions ({names[i]} ordered one)" + (
                f" (world {b})" if world.batch > 1 else ""
            )
            if problem not in problems:
                problems.append(problem)
    return problems


def _validate_ties(world: World, dip: Diplomacy, names: tuple[str, ...]) -> list[str]:
    """Actions aimed at oneself, and alliances made twice or ended that never were."""
    problems: list[str] = []
    eye = np.eye(world.n, dtype=bool)
    for key in (
        "ally",
        "deploy_answer",
        "withdraw",
        "target",
        "sanction",
        "trade",
        "drill",
        "commit",
        "talk",
        "programme",
    ):
        arr = getattr(dip, key)
        for b, i in each((arr != 0)[:, eye]):
            problems.append(f"{names[i]} cannot {key.replace('_', ' ')} itself{_tag(world, b)}")
    allied = world.alliance > 0.5
    for b, i, j in each((dip.ally == 1) & allied):
        problems.append(f"{names[i]} and {names[j]} are already allies{_tag(world, b)}")
    for b, i, j in each((dip.ally == -1) & ~allied & ~eye):
        problems.append(f"{names[i]} and {names[j]} are not allies{_tag(world, b)}")
    return problems


def _validate_deployments(
    world: World, dip: Diplomacy, built: Builds, names: tuple[str, ...]
) -> list[str]:
    """Offers, answers and withdrawals of forward forces, and the forward bans in force."""
    problems: list[str] = []
    reach, shield = built.reach, built.shield
    eye = np.eye(world.n, dtype=bool)
    allied = world.alliance > 0.5
    offered = (dip.deploy_reach != 0) | (dip.deploy_shield != 0)
    for b, i, _j in each(offered & ((dip.deploy_reach < 0) | (dip.deploy_shield < 0))):
        problems.append(f"{names[i]} cannot offer a negative deployment{_tag(world, b)}")
    for b, i, j in each(offered & ~allied & ~eye):
        problems.append(
            f"{names[i]} can only station forces at an ally; {names[j]} is not one{_tag(world, b)}"
        )
    want_reach = dip.deploy_reach.sum(axis=2)
    for b, i in each(want_reach > reach + 1e-9):
        problems.append(
            f"{names[i]} offers to station {want_reach[b, i]:.1f} reach abroad but would have "
            f"only {reach[b, i]:.1f} at home{_tag(world, b)}"
        )
    want_shield = dip.deploy_shield.sum(axis=2)
    for b, i in each(want_shield > shield + 1e-9):
        problems.append(
            f"{names[i]} offers to station {want_shield[b, i]:.1f} shield abroad but would have "
            f"only {shield[b, i]:.1f} at home{_tag(world, b)}"
        )
    pending = (world.offer_reach + world.offer_shield) > 0  # [p, h]
    for b, h, p in each((dip.deploy_answer != 0) & ~np.swapaxes(pending, 1, 2)):
        problems.append(
            f"{names[h]} has no deployment offer from {names[p]} to answer{_tag(world, b)}"
        )
    deployed = (world.fwd_reach + world.fwd_shield) > 0
    either = deployed | np.swapaxes(deployed, 1, 2)
    for b, i, j in each(dip.withdraw & ~either):
        problems.append(
            f"there is no deployment between {names[i]} and {names[j]} to withdraw{_tag(world, b)}"
        )
    exempt = np.swapaxes(dip.cheat, 1, 2)  # [B, K, N]
    banned = treaties.forward_banned(world, np.swapaxes(exempt, 1, 2))
    for b, i, j in each((dip.deploy_reach > 0) & (banned[:, :, None] | banned[:, None, :])):
        problems.append(
            f"a forward ban in force forbids stationing reach at {names[j]} "
            f"({names[i]} can cheat on it, in secret, at the risk of being caught){_tag(world, b)}"
        )
    for b, h, _p in each(
        (dip.deploy_answer == 1) & banned[:, :, None] & np.swapaxes(world.offer_reach > 0, 1, 2)
    ):
        problems.append(f"a forward ban in force forbids {names[h]} to host reach{_tag(world, b)}")
    return problems


def _validate_conduct(world: World, dip: Diplomacy, names: tuple[str, ...]) -> list[str]:
    """Lifting a targeting, sanction or programme that is not there; drills without an ally or
    naming one; crisis answers outside a crisis or out of range."""
    problems: list[str] = []
    eye = np.eye(world.n, dtype=bool)
    allied = world.alliance > 0.5
    for b, i, j in each((dip.target == -1) & (world.targeting < 0.5) & ~eye):
        problems.append(f"{names[i]} has not declared it targets {names[j]}{_tag(world, b)}")
    for b, i, j in each((dip.sanction == -1) & (world.sanction < 0.5) & ~eye):
        problems.append(f"{names[i]} has no sanction on {names[j]} to lift{_tag(world, b)}")
    for b, i, j in each((dip.programme == -1) & (world.programme < 0.5) & ~eye):
        problems.append(f"{names[i]} and {names[j]} run no joint programme{_tag(world, b)}")
    has_ally = np.asarray(allied.any(axis=2))
    for b, i, _j in each(dip.drill & ~has_ally[:, :, None]):
        problems.append(f"{names[i]} has no ally to drill with{_tag(world, b)}")
    for b, i, j in each(dip.drill & allied):
        problems.append(f"{names[i]}'s drills cannot name its ally {names[j]}{_tag(world, b)}")
    for b, i, j in each((dip.answer != NO_ANSWER) & (world.crisis < 0.5) & ~eye):
        problems.append(f"{names[i]} and {names[j]} are not in a crisis{_tag(world, b)}")
    for _b, i, _j in each((dip.answer != NO_ANSWER) & ((dip.answer < 0) | (dip.answer > 2))):
        problems.append(f"{names[i]}'s crisis answer must be one of {', '.join(ANSWERS)}")
    return problems


def _validate_treaties(
    world: World, dip: Diplomacy, built: Builds, names: tuple[str, ...]
) -> list[str]:
    problems: list[str] = []

    kind = dip.propose_kind
    proposing = kind >= 0
    for b, i in each(proposing & (kind >= len(TREATY_KINDS))):
        problems.append(f"{names[i]} proposes an unknown kind of treaty{_tag(world, b)}")
    parties = (dip.propose_parties | np.eye(world.n, dtype=bool)).sum(axis=2)
    for b, i in each(proposing & (parties < 2)):
        problems.append(f"{names[i]}'s treaty needs at least one other party{_tag(world, b)}")
    capped = np.isin(kind, CAPPED)
    for b, i in each(proposing & capped & ~(dip.propose_cap >= 0)):
        problems.append(f"{names[i]}'s treaty cap must be 0 or more{_tag(world, b)}")
    v = dip.propose_verification
    for b, i in each(proposing & ~((v >= 0) & (v <= 1))):
        problems.append(f"{names[i]}'s verification must be between 0 and 1{_tag(world, b)}")
    free = ((world.treaty_status == EMPTY) | (world.treaty_status == LAPSED)).sum(axis=1)
    for b in np.nonzero(proposing.sum(axis=1) > free)[0]:
        problems.append(f"no free treaty slot for another proposal this turn{_tag(world, b)}")
    status = world.treaty_status[:, None, :]  # [B, 1, K]
    invited = np.swapaxes(world.treaty_invited > 0, 1, 2)  # [B, N, K]
    signed = np.swapaxes(world.treaty_signed > 0, 1, 2)
    for b, i, k in each(dip.sign & ~((status == PROPOSED) & invited & ~signed)):
        problems.append(
            f"{names[i]} cannot sign treaty {k}: it is not a proposal awaiting its signature"
            f"{_tag(world, b)}"
        )
    bound = signed & ((status == IN_FORCE) | (status == WITHDRAWING))
    for b, i, k in each(dip.leave & ~(signed & (status == IN_FORCE))):
        problems.append(
            f"{names[i]} cannot leave treaty {k}: it is not a party to it in force{_tag(world, b)}"
        )
    for b, i, k in each(dip.inspect & ~bound):
        problems.append(
            f"{names[i]} cannot inspect under treaty {k}: it is not a party{_tag(world, b)}"
        )
    for b, i, k in each(dip.cheat & ~bound):
        problems.append(
            f"{names[i]} cannot cheat on treaty {k}: it is not bound by it{_tag(world, b)}"
        )
    # Caps bind legal orders: the builds may not take a party past a cap it is not cheating on.
    exempt = dip.cheat
    for kind_id, stock, fwd, what in (
        (SHIELD_CAP, built.shield, built.fwd_shield, "shield"),
        (REACH_CEILING, built.reach, built.fwd_reach, "reach"),
    ):
        cap = treaties.caps_for(world, kind_id, exempt)
        held = stock + fwd.sum(axis=2)
        was = getattr(world, what) + fwd.sum(axis=2)
        for b, i in each((held > cap + 1e-9) & (held > was + 1e-9)):
            title = "shield cap" if kind_id == SHIELD_CAP else "reach ceiling"
            problems.append(
                f"a {title} in force limits {names[i]}'s {what} to {cap[b, i]:.1f}; these builds "
                f"would bring it to {held[b, i]:.1f} (a state can cheat on a treaty, in secret, "
                f"at the risk of being caught){_tag(world, b)}"
            )
    return problems


@dataclass(frozen=True)
class Resolved:
    """The world after the diplomatic phase, and what the rest of the turn needs from it."""

    world: World
    cost: np.ndarray  # [B, N] budget spent on drills and inspections
    tension: np.ndarray  # [B, N, N] symmetric tension added (drills, withdrawals, crises)
    trust: np.ndarray  # [B, i, j] log-odds added to i's belief about j (talk, withdrawals)
    war_odds: np.ndarray  # [B, N, N] odds of war from the crisis answers, shown before the roll
    answers: np.ndarray  # [B, N, N] the crisis answers that counted
    withdrew: np.ndarray  # [B, K, N] parties that gave notice this turn
    broke_commitment: np.ndarray  # [B, N, N]
    entered: np.ndarray  # [B, K] treaties that entered into force this turn


def _sym(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, np.swapaxes(x, 1, 2))


@dataclass
class _Sums:
    """What several mechanisms add to in turn, in this order: tension (withdrawals, drills,
    crises), trust (withdrawals, talk) and standing (drills, crises)."""

    tension: np.ndarray
    trust: np.ndarray
    standing: np.ndarray


def resolve(world: World, dip: Diplomacy, cut: np.ndarray | None = None) -> Resolved:
    """Apply the legal diplomatic orders (already validated) before the turn's builds.

    ``cut`` is the reach each state dismantles this turn: it is kept at home, not sent abroad.
    One function per mechanism, in this order: treaties, alliances, deployments, ties (targeting,
    sanctions, trade, programmes), signals and crises.
    """
    n = world.n
    eye = np.eye(n, dtype=bool)
    acc = _Sums(np.zeros_like(world.tension), np.zeros_like(world.belief), world.standing.copy())
    w, withdrew, complete = _treaties(world, dip, acc)
    alliances, ended = _alliances(w, dip)
    deployments = _deployments(world, w, dip, cut, ended)
    ties = _ties(world, w, dip)
    commitment = _signals(world, w, dip, acc)
    crises, relief, odds, answers, broke = _crises(world, w, dip, acc, commitment)

    world_after = w.replace(
        **alliances,
        **deployments,
        **ties,
        **crises,
        standing=np.clip(acc.standing, 0.0, 1.0),
        tension=np.clip(w.tension * (1.0 - relief), 0.0, 1.0),
    )
    extra_tension = np.where(eye, 0.0, acc.tension + np.swapaxes(acc.tension, 1, 2))
    return Resolved(
        world=world_after,
        cost=diplomacy_costs(world, dip),
        tension=extra_tension,
        trust=np.where(eye, 0.0, acc.trust),
        war_odds=odds,
        answers=answers,
        withdrew=withdrew,
        broke_commitment=broke,
        entered=complete,
    )


def _treaties(world: World, dip: Diplomacy, acc: _Sums) -> tuple[World, np.ndarray, np.ndarray]:
    """Treaties: notices count down and lapse, new notices, signatures, entry into force,
    expiry, new proposals. Returns the world with its treaties, the withdrawals ``[B, K, N]``
    and the treaties that entered into force ``[B, K]``."""
    p = world.param
    n = world.n
    kind, status = world.treaty_kind.copy(), world.treaty_status.copy()
    invited, signed = world.treaty_invited.copy(), world.treaty_signed.copy()
    cap, verification = world.treaty_cap.copy(), world.treaty_verification.copy()
    timer = world.treaty_timer.copy()
    # Notices already running count down; at zero the treaty lapses.
    running = status == WITHDRAWING
    timer = np.where(running, timer - 1, timer)
    status = np.where(running & (timer <= 0), LAPSED, status).astype(np.int8)
    # New notices.
    withdrew = np.swapaxes(dip.leave, 1, 2) & (status[:, :, None] == IN_FORCE)  # [B, K, N]
    leaving = withdrew.any(axis=2)
    status = np.where(leaving, WITHDRAWING, status).astype(np.int8)
    timer = np.where(leaving, int(world.params.treaty_notice), timer).astype(np.int16)
    members = signed > 0
    for b, k, w in zip(*np.nonzero(withdrew), strict=True):
        others = members[b, k] & (np.arange(n) != w)
        acc.tension[b, w, others] += p("withdrawal_tension")[b]
        acc.trust[b, others, w] += np.log(p("withdrawal_trust")[b])
    # Signatures on proposals; a proposal every invited party has signed enters into force (even
    # on its last day), and only then do the others that waited too long expire.
    signing = np.swapaxes(dip.sign, 1, 2) & (status[:, :, None] == PROPOSED)
    signed = np.where(signing, 1.0, signed)
    entered = (status == PROPOSED) & np.all((invited > 0) <= (signed > 0), axis=2)
    entered &= (invited > 0).sum(axis=2) >= 2
    status = np.where(entered, IN_FORCE, status).astype(np.int8)
    timer = np.where(entered, 0, timer).astype(np.int16)
    # Proposals waiting too long expire; the others age.
    proposed = status == PROPOSED
    expired = proposed & (timer >= int(world.params.proposal_turns))
    status = np.where(expired, EMPTY, status).astype(np.int8)
    kind = np.where(expired, -1, kind).astype(np.int8)
    timer = np.where(proposed & ~expired, timer + 1, timer).astype(np.int16)
    # New proposals take the first free slot (empty first, then the oldest lapsed).
    for i in range(n):
        making = dip.propose_kind[:, i] >= 0
        if not making.any():
            continue
        free = (status == EMPTY) * 2 + (status == LAPSED)
        slot = np.argmax(free, axis=1)
        rows = np.nonzero(making & (free.max(axis=1) > 0))[0]
        k = slot[rows]
        kind[rows, k] = dip.propose_kind[rows, i]
        status[rows, k] = PROPOSED
        invited[rows, k] = dip.propose_parties[rows, i].astype(float)
        invited[rows, k, i] = 1.0
        signed[rows, k] = 0.0
        signed[rows, k, i] = 1.0
        cap[rows, k] = dip.propose_cap[rows, i]
        verification[rows, k] = dip.propose_verification[rows, i]
        timer[rows, k] = 0
    # A new proposal that names only states that proposed the same (signing at once) is complete.
    fresh = (status == PROPOSED) & np.all((invited > 0) <= (signed > 0), axis=2)
    fresh &= (invited > 0).sum(axis=2) >= 2
    status = np.where(fresh, IN_FORCE, status).astype(np.int8)
    timer = np.where(fresh, 0, timer).astype(np.int16)
    complete = entered | fresh
    w = world.replace(
        treaty_kind=kind,
        treaty_status=status,
        treaty_invited=invited,
        treaty_signed=signed,
        treaty_cap=cap,
        treaty_verification=verification,
        treaty_timer=timer,
        treaty_cheat=np.swapaxes(dip.cheat, 1, 2).astype(float),
    )
    if complete.any():
        w = w.replace(**treaties.enter_into_force(w, complete))
    return w, withdrew, complete


def _alliances(w: World, dip: Diplomacy) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Alliances formed (an offer met by an offer) and ended; returns the fields and ``ended``."""
    offer = dip.ally == 1
    accepted = offer & (np.swapaxes(offer, 1, 2) | (np.swapaxes(w.ally_offer, 1, 2) > 0))
    formed = _sym(accepted)
    ended = _sym(dip.ally == -1)
    alliance = np.where(formed, 1.0, w.alliance)
    alliance = np.where(ended, 0.0, alliance)
    ally_offer = np.where(offer & ~formed, 1.0, w.ally_offer)
    ally_offer = np.where(formed | ended, 0.0, ally_offer)
    return {"alliance": alliance, "ally_offer": ally_offer}, ended


def _deployments(
    world: World, w: World, dip: Diplomacy, cut: np.ndarray | None, ended: np.ndarray
) -> dict[str, np.ndarray]:
    """Deployments: recalls come home, offers answered and made, withdrawals start recalls."""
    reach, shield = w.reach.copy(), w.shield.copy()
    fwd_reach, fwd_shield = w.fwd_reach.copy(), w.fwd_shield.copy()
    recall = w.recall.astype(np.int16).copy()
    # Recalls under way tick down; at zero the assets are home.
    coming = recall > 0
    recall = np.where(coming, recall - 1, recall).astype(np.int16)
    home = coming & (recall == 0)
    reach += np.where(home, fwd_reach, 0.0).sum(axis=2)
    shield += np.where(home, fwd_shield, 0.0).sum(axis=2)
    fwd_reach = np.where(home, 0.0, fwd_reach)
    fwd_shield = np.where(home, 0.0, fwd_shield)
    # Answers to standing offers: [h, p] -> [p, h]. Reach cannot go to or come from a state a
    # forward ban now binds (a ban that entered this turn voids older reach offers), and a
    # patron's cut this turn comes out of its home reach before anything is sent abroad.
    banned_now = treaties.forward_banned(w)
    void = banned_now[:, :, None] | banned_now[:, None, :]
    offer_reach_open = np.where(void, 0.0, w.offer_reach)
    answer = np.swapaxes(dip.deploy_answer, 1, 2)
    accept = (answer == 1) & ((w.offer_reach + w.offer_shield) > 0)
    spare = np.maximum(reach - (0.0 if cut is None else cut), 0.0)
    move_reach = np.where(accept, np.minimum(offer_reach_open, spare[:, :, None]), 0.0)
    move_reach = _fit(move_reach, spare)
    move_shield = _fit(np.where(accept, w.offer_shield, 0.0), shield)
    reach -= move_reach.sum(axis=2)
    shield -= move_shield.sum(axis=2)
    fwd_reach += move_reach
    fwd_shield += move_shield
    answered = answer != 0
    offer_reach = np.where(answered, 0.0, offer_reach_open)
    offer_shield = np.where(answered, 0.0, w.offer_shield)
    new_offer = (dip.deploy_reach + dip.deploy_shield) > 0
    offer_reach = np.where(new_offer, dip.deploy_reach, offer_reach)
    offer_shield = np.where(new_offer, dip.deploy_shield, offer_shield)
    # Withdrawals (either side) and the end of an alliance start the recall.
    stationed = (fwd_reach + fwd_shield) > 0
    asked = dip.withdraw | np.swapaxes(dip.withdraw, 1, 2) | ended
    start = asked & stationed & (recall == 0)
    recall = np.where(start, int(world.params.recall_lead), recall).astype(np.int16)
    if int(world.params.recall_lead) <= 0:
        reach += np.where(start, fwd_reach, 0.0).sum(axis=2)
        shield += np.where(start, fwd_shield, 0.0).sum(axis=2)
        fwd_reach = np.where(start, 0.0, fwd_reach)
        fwd_shield = np.where(start, 0.0, fwd_shield)
    return {
        "reach": np.maximum(reach, 0.0),
        "shield": np.maximum(shield, 0.0),
        "fwd_reach": fwd_reach,
        "fwd_shield": fwd_shield,
        "offer_reach": offer_reach,
        "offer_shield": offer_shield,
        "recall": recall,
    }


def _ties(world: World, w: World, dip: Diplomacy) -> dict[str, np.ndarray]:
    """Targeting, sanctions, trade deals and joint programmes."""
    p = world.param
    targeting = np.where(dip.target == 1, 1.0, np.where(dip.target == -1, 0.0, w.targeting))
    sanction = np.where(dip.sanction == 1, 1.0, np.where(dip.sanction == -1, 0.0, w.sanction))
    trade_ask = dip.trade == 1
    trade_deal = _sym(
        trade_ask & (np.swapaxes(trade_ask, 1, 2) | (np.swapaxes(w.trade_offer, 1, 2) > 0))
    )
    # Only a deal moves trade, and never past trade_max (ties above it are left as they are).
    widened = np.minimum(w.trade + p("trade_step")[:, None, None], p("trade_max")[:, None, None])
    trade = np.where(trade_deal, np.maximum(widened, w.trade), w.trade)
    trade_offer = np.where(trade_ask & ~trade_deal, 1.0, w.trade_offer)
    trade_offer = np.where(trade_deal, 0.0, trade_offer)
    prog_ask = dip.programme == 1
    prog_deal = _sym(
        prog_ask & (np.swapaxes(prog_ask, 1, 2) | (np.swapaxes(w.programme_offer, 1, 2) > 0))
    )
    programme = np.where(prog_deal, 1.0, w.programme)
    programme = np.where(_sym(dip.programme == -1), 0.0, programme)
    programme_offer = np.where(prog_ask & ~prog_deal, 1.0, w.programme_offer)
    programme_offer = np.where(prog_deal, 0.0, programme_offer)
    return {
        "targeting": targeting,
        "sanction": sanction,
        "trade": trade,
        "trade_offer": trade_offer,
        "programme": programme,
        "programme_offer": programme_offer,
    }


def _signals(world: World, w: World, dip: Diplomacy, acc: _Sums) -> np.ndarray:
    """Drills, public commitments and cheap talk; returns the commitments ``[B, N, N]``."""
    p = world.param
    drills = dip.drill.astype(float)
    acc.standing += p("drill_standing")[:, None] * (drills.sum(axis=2) > 0)
    acc.tension += p("drill_tension")[:, None, None] * drills
    commitment = np.where(dip.commit, 1.0, w.commitment)
    # Cheap talk: j's belief about a speaker i moves by talk_weight * standing_i in log-odds.
    talk = dip.talk.astype(float) * (p("talk_weight")[:, None] * world.standing)[:, :, None]
    acc.trust += np.swapaxes(talk, 1, 2)
    return commitment


def _crises(
    world: World, w: World, dip: Diplomacy, acc: _Sums, commitment: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Crises, a game of Chicken: the answers, standing won and lost, tension, the odds of war.
    Returns the fields (commitment, crisis), the tension relief, the odds, the answers and the
    broken commitments."""
    p = world.param
    in_crisis = w.crisis > 0.5
    answers = np.where(dip.answer == NO_ANSWER, STAND_FIRM, dip.answer).astype(np.int8)
    answers = np.where(in_crisis, answers, NO_ANSWER).astype(np.int8)
    odds = crisis_war_odds(world, answers)
    backs = in_crisis & (answers == BACK_DOWN)
    other_backs = np.swapaxes(backs, 1, 2)
    acc.standing -= p("backdown_standing")[:, None] * backs.any(axis=2)
    broke = backs & (commitment > 0.5)
    acc.standing -= p("audience_cost")[:, None] * broke.any(axis=2)
    commitment = np.where(broke, 0.0, commitment)
    prevails = in_crisis & other_backs & ~backs
    acc.standing += p("prevail_standing")[:, None] * prevails.any(axis=2)
    settled = backs | other_backs
    escalations = (answers == ESCALATE).astype(float)
    firm = in_crisis & ~settled
    acc.tension += np.where(
        firm & (answers == STAND_FIRM) & (np.swapaxes(answers, 1, 2) == STAND_FIRM),
        p("firm_tension")[:, None, None] * 0.5,
        0.0,
    )
    acc.tension += np.where(firm, p("escalate_tension")[:, None, None] * escalations, 0.0)
    crisis = np.where(settled, 0.0, w.crisis)
    relief = np.where(settled, p("crisis_relief")[:, None, None], 0.0)
    return {"commitment": commitment, "crisis": crisis}, relief, odds, answers, broke


def _fit(moves: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Scale each patron's accepted moves down to what it holds at home."""
    total = moves.sum(axis=2)
    scale = np.divide(available, total, out=np.ones_like(total), where=total > available)
    return moves * np.minimum(scale, 1.0)[:, :, None]


def crisis_war_odds(world: World, answers: np.ndarray) -> np.ndarray:
    """``[B, N, N]`` chance that each pair in crisis goes to war, given both answers.

    Both escalate: ``base_war_risk * tension * (1/4 + 3/4 * (1 - FSS))``, growing with tension
    and with Schelling's reciprocal fear of surprise attack. One escalates while the other stands
    firm: ``accident_share`` of that (the threat that leaves something to chance). Anyone backs
    down, or both stand firm: no war. The odds use the world as it is before the turn, so the
    game can show them before anyone answers.
    """

    if not (world.crisis > 0.5).any():  # no crisis anywhere: no odds (and no exchange to run)
        return np.zeros(world.tension.shape)
    fss = exchange(world).stability
    full = world.param("base_war_risk")[:, None, None] * world.tension * (0.25 + 0.75 * (1.0 - fss))
    a, b = answers, np.swapaxes(answers, 1, 2)
    both = (a == ESCALATE) & (b == ESCALATE)
    one = ((a == ESCALATE) & (b == STAND_FIRM)) | ((a == STAND_FIRM) & (b == ESCALATE))
    odds = np.where(
        both, full, np.where(one, world.param("accident_share")[:, None, None] * full, 0.0)
    )
    odds = np.where(world.crisis > 0.5, odds, 0.0)
    odds = np.where(world.over[:, None, None], 0.0, odds)
    return np.clip(odds, 0.0, 1.0)


def escalation_odds(world: World) -> np.ndarray:
    """``[B, N, N]`` the odds of war if both sides of each crisis escalate (shown to players)."""
    answers = np.full(world.tension.shape, ESCALATE, dtype=np.int8)
    return crisis_war_odds(world, answers)


def pooled_shield_spend(world: World, shield_spend: np.ndarray) -> np.ndarray:
    """``[B, N]`` the shield spending each state builds with once joint programmes pool budgets.

    Partners put their shield money into one pot and share what it buys (built with the better
    tech of the two, :func:`programme_tech`): money from one, know-how from the other. A state
    in ``k`` programmes builds with ``(own + sum of its partners') / (1 + k)``. The pot never
    carries a state past a shield cap in force: its share stops at the room under the cap (or at
    its own spending, which the orders' validation already allowed).
    """
    partners = (world.programme > 0.5).astype(float)
    k = partners.sum(axis=2)
    pot = (shield_spend + np.einsum("bij,bj->bi", partners, shield_spend)) / (1.0 + k)
    pooled = np.where(k > 0, pot, shield_spend)
    return np.minimum(pooled, np.maximum(cap_room(world, "shield"), shield_spend))


def tech_transfer(world: World) -> np.ndarray:
    """``[B, N]`` tech after a turn of joint programmes: the partner with less closes
    ``transfer_rate`` of the gap (the know-how it gains could one day be used against the giver)."""
    gap = np.maximum(programme_tech(world) - world.tech, 0.0)
    return world.tech + world.param("transfer_rate")[:, None] * gap


def programme_costs(world: World) -> np.ndarray:
    """``[B, N, 3]`` each state's cost of (hosting others' assets, its own assets abroad, its joint
    programmes), by the upkeep they carry: the candidates a programme review weighs."""

    costs = unit_costs(world)
    value = (
        world.fwd_reach * costs[:, :, 0][:, :, None] + world.fwd_shield * costs[:, :, 1][:, :, None]
    )  # [p, h]
    upkeep = world.param("upkeep")[:, None, None] * value
    hosted = (world.param("host_upkeep_share")[:, None, None] * upkeep).max(axis=1)
    abroad = upkeep.max(axis=2)
    joint = np.where(
        world.programme.any(axis=2) > 0,
        world.param("upkeep")[:, None] * world.shield * costs[:, :, 1],
        0.0,
    )
    return np.stack([hosted, abroad, joint], axis=2)


def review(world: World, roll: np.ndarray) -> tuple[World, np.ndarray]:
    """Programme review: below ``review_threshold`` support, with chance ``review_chance``, a state
    cancels its costliest programme: a deployment it hosts (the patron's assets go home), one of
    its own abroad, or its joint programmes. Returns the world and ``[B, N]`` what was cancelled
    (-1 nothing, 0 hosted, 1 abroad, 2 joint)."""
    low = world.support < world.param("review_threshold")[:, None]
    hit = low & (roll < world.param("review_chance")[:, None])
    cost = programme_costs(world)
    has = cost.max(axis=2) > 0
    what = np.where(hit & has, cost.argmax(axis=2), -1)
    if not (what >= 0).any():
        return world, what
    fwd_r, fwd_s = world.fwd_reach.copy(), world.fwd_shield.copy()
    reach, shield = world.reach.copy(), world.shield.copy()
    costs_ph = world.fwd_reach + world.fwd_shield
    programme = world.programme.copy()
    for b, i in zip(*np.nonzero(what >= 0), strict=True):
        if what[b, i] == 0:  # the costliest deployment i hosts goes home to its patron
            pat = int(np.argmax(costs_ph[b, :, i]))
            reach[b, pat] += fwd_r[b, pat, i]
            shield[b, pat] += fwd_s[b, pat, i]
            fwd_r[b, pat, i] = fwd_s[b, pat, i] = 0.0
        elif what[b, i] == 1:  # its costliest deployment abroad comes home
            host = int(np.argmax(costs_ph[b, i, :]))
            reach[b, i] += fwd_r[b, i, host]
            shield[b, i] += fwd_s[b, i, host]
            fwd_r[b, i, host] = fwd_s[b, i, host] = 0.0
        else:
            programme[b, i, :] = 0.0
            programme[b, :, i] = 0.0
    recall = np.where((fwd_r + fwd_s) > 0, world.recall, 0).astype(np.int16)
    return world.replace(
        fwd_reach=fwd_r,
        fwd_shield=fwd_s,
        reach=reach,
        shield=shield,
        programme=programme,
        recall=recall,
    ), what


def crisis_onset(world: World, tension: np.ndarray) -> np.ndarray:
    """``[B, N, N]`` crises after the turn: a crisis opens when tension reaches the threshold and
    fades when tension falls back below it (allies do not have crises with each other)."""
    threshold = world.param("crisis_threshold")[:, None, None]
    rivals = world.alliance < 0.5
    opened = (tension >= threshold) & rivals
    staying = (world.crisis > 0.5) & (tension >= threshold - 0.1) & rivals
    crisis = (opened | staying) & ~np.eye(world.n, dtype=bool)
    return crisis.astype(float)


__all__ = [
    "Resolved",
    "crisis_onset",
    "crisis_war_odds",
    "escalation_odds",
    "programme_costs",
    "programme_tech",
    "pooled_shield_spend",
    "resolve",
    "review",
    "tech_transfer",
    "validate",
    "within_caps",
    "cap_room",
    "FORWARD_BAN",
]


# --------------------------------------------------------------------------------------------
# Room under the caps (for projections and scripted players that mean to keep a treaty)


def cap_room(world: World, cat: str) -> np.ndarray:
    """``[B, N]`` the most each state may spend on ``cat`` (``"reach"`` or ``"shield"``; any
    other category is unbounded) this turn without passing a treaty cap in force."""

    wear = 1.0 - world.param("attrition")[:, None]
    costs = unit_costs(world)
    if cat == "reach":
        cap = caps_for(world, REACH_CEILING)
        held = (world.reach + world.fwd_reach.sum(axis=2)) * wear
        per_unit = costs[:, :, REACH]
    elif cat == "shield":
        cap = caps_for(world, SHIELD_CAP)
        held = (world.shield + world.fwd_shield.sum(axis=2)) * wear
        per_unit = costs[:, :, SHIELD] * world.tech / programme_tech(world)
    else:
        return np.full((world.batch, world.n), np.inf)
    room = np.maximum(cap - held, 0.0) * per_unit * (1.0 - 1e-9)
    return np.where(np.isfinite(cap), room, np.inf)


def within_caps(world: World, spend: np.ndarray) -> np.ndarray:
    """``spend`` with reach and shield builds stopped at the treaty caps (the rest civilian)."""
    out = spend.copy()
    for col, cat in ((REACH, "reach"), (SHIELD, "shield")):
        room = cap_room(world, cat)
        capped = np.minimum(out[:, :, col], room)
        out[:, :, CIVILIAN] += out[:, :, col] - capped
        out[:, :, col] = capped
    return out
