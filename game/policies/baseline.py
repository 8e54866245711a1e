"""The baseline opponent: keep a second strike that deters every rival you do not trust."""

from __future__ import annotations

import numpy as np

from game.engine.state import EXPANSIONIST, HARDENING, INTEL, REACH
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
    """

    name = "baseline"
    title = "Steady Deterrer"
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
        return self.shares_to_move(obs, shares, cut)
