"""The baseline opponent: keep a second strike that deters every rival you do not trust."""

from __future__ import annotations

import numpy as np

from game.engine.actions import BACK_DOWN, ESCALATE, NO_ANSWER, STAND_FIRM, Diplomacy
from game.engine.state import EXPANSIONIST, HARDENING, INTEL, REACH, SHIELD
from game.policies import playbook as pb
from game.policies.base import Move, Observation, Policy

#: Most of its budget a deterrer puts into arms in one turn, by difficulty.
ARMS_CAP = {"easy": 0.35, "normal": 0.5, "hard": 0.6}
#: Extra noise (log-normal sigma) on what an easy opponent sees.
EASY_BLUR = 0.4


class SteadyDeterrer(Policy):
    """Builds reach until it (or an ally) would deter each rival it suspects, then holds.

    Source: the deterrence condition of Intriligator & Brito (1984), "survivors inflict
    unacceptable damage", with Kydd's (1997) security seeker, who arms only from fear: a rival it
    believes benign does not count. It hardens its force (a survivable second strike is the
    stabilising kind of strength, Schelling 1960) and, when it deters with room to spare, cuts a
    little reach as a costly signal of restraint. An expansionist deterrer arms a little more.

    In diplomacy it protects a threatened ally with a forward shield and accepts one while its
    public supports it (Snyder 1984: the host's fear of abandonment), offers a joint shield
    programme to an ally whose know-how would make its shield money go much further, joins one
    an ally offers, and while a programme runs puts a fifth of its budget into shield; it signs
    treaties with parties it trusts, and answers a crisis by the balance of deterrence: escalate
    from strength against a suspected expansionist, back down when outmatched and the odds are
    real, else stand firm.
    """

    name = "baseline"
    title = "Steady Deterrer"
    motives = {
        "deploy": "an ally of its is exposed to a rival it does not deter, and a shield there "
        "covers it",
        "treaty": "it signs with parties it trusts",
        "programme": "pooled with an ally's know-how, its shield money goes much further",
    }
    traits = ("deterrence", "security seeker", "hardens", "reassures when safe")

    def act(self, obs: Observation) -> Move:
        b = obs.batch
        margin = obs.cover_margin.copy()
        if self.difficulty == "easy":
            blur = np.stack([g.normal(0.0, EASY_BLUR, size=margin.shape[1]) for g in self.rngs])
            margin = margin * np.exp(blur)
        suspicion = 1.0 - obs.belief
        counts = obs.rivals & (suspicion > 0.2)
        # Shortfall of retaliation against the worst suspected rival, in damage units.
        shortfall = np.where(counts, np.maximum(-margin, 0.0), 0.0).max(axis=1)
        survival = 1.0 - 0.5 * (1.0 - obs.own_hardening)
        reach_needed = shortfall / np.maximum(survival, 0.1)
        cost = reach_needed * obs.unit_costs[:, 0]
        cap = ARMS_CAP[self.difficulty]
        shares = np.zeros((b, 5))
        shares[:, REACH] = np.minimum(cost / np.maximum(obs.budget, 1e-12), cap)
        expansionist = obs.kind == EXPANSIONIST
        shares[:, REACH] += np.where(expansionist, 0.15, 0.0)
        room = obs.hardening_max - obs.own_hardening
        shares[:, HARDENING] = np.where(room > 0.4 * obs.hardening_max, 0.1, 0.0)
        shares[:, INTEL] = 0.1 if self.difficulty == "hard" else 0.05
        # Comfortable everywhere and trusted rivals: a small costly cut (reassurance).
        comfortable = np.where(obs.rivals, margin, np.inf).min(axis=1) > 0.5 * obs.economy.mean(
            axis=1
        )
        trusting = np.where(obs.rivals, obs.belief, 1.0).min(axis=1) > 0.7
        safe = comfortable & trusting & ~expansionist & (shortfall == 0)
        cut = np.where(safe, 0.05 * obs.own_reach, 0.0)
        shares[:, REACH] = np.where(safe, 0.0, shares[:, REACH])
        # In a joint programme a shield is what the pooled money and know-how are for: it puts a
        # fifth of its budget into shield while the programme runs.
        shares[:, SHIELD] = np.where(obs.in_programme, 0.2, 0.0)
        move = self.shares_to_move(obs, shares, cut)
        return Move(move.spend, move.cut, self.diplomacy(obs, margin, suspicion))

    def diplomacy(self, obs: Observation, margin: np.ndarray, suspicion: np.ndarray) -> Diplomacy:
        """Protect threatened allies with a forward shield, accept protection (and an ally's
        joint programme) while support holds, sign treaties with rivals it trusts, and answer
        crises by the balance of deterrence."""
        d = self.diplomacy_template(obs)
        i, n = self.seat, len(obs.names)
        # As a patron: offer half its home shield to an exposed ally without its forces yet.
        for h in range(n):
            if h == i:
                continue
            idle = (obs.deployed_at[:, h] == 0) & (obs.offers_from_me[:, h] == 0)
            offer = obs.ally_exposed[:, h] & idle & (obs.home_shield >= 2.0)
            d.deploy_shield[:, i, h] = np.where(offer, 0.5 * obs.home_shield, 0.0)
            # As a host: accept a patron's forces while support holds, refuse once it sags.
            pending = obs.offers_to_me[:, h] > 0
            keen = obs.support > obs.review_threshold + 0.1
            d.deploy_answer[:, i, h] = np.where(pending, np.where(keen, 1, -1), 0)
            # As a partner: join a joint programme an ally offers, on the same terms, and offer
            # one to an ally whose know-how would make its shield money go much further.
            joins = obs.programme_offers[:, h] & obs.ally[:, h] & keen
            better = obs.ally[:, h] & (obs.tech[:, h] > 1.5 * obs.own_tech) & ~obs.in_programme
            offers = better & ("programmes" in obs.allowed_diplomacy)
            d.programme[:, i, h] = np.where(joins | offers, 1, 0)
        pb.keep_offers_home(obs, d, i)
        # Treaties: sign when it trusts every other party named.
        for k in range(obs.treaty_invites.shape[1]):
            named = obs.treaty_parties[:, k, :].copy()
            named[:, i] = False
            trusted = np.where(named, obs.belief, 1.0).min(axis=1) > 0.5
            d.sign[:, i, k] = obs.treaty_invites[:, k] & trusted
        # Crises: escalate only from strength against a suspected expansionist; back down when
        # outmatched and the odds of war are real; otherwise stand firm.
        strong = margin >= 0
        weak = (margin < 0) & (obs.threat_margin >= 0)
        answer = np.where(
            strong & (suspicion > 0.6),
            ESCALATE,
            np.where(weak & (obs.escalation_odds > 0.05), BACK_DOWN, STAND_FIRM),
        )
        d.answer[:, i, :] = np.where(obs.crisis, answer, NO_ANSWER)
        return d
