"""Diplomatic orders as data: dense arrays for the batch, and named actions for people.

AI policies fill :class:`Diplomacy` arrays directly (vectorised over the batch). People, saves and
scripts speak in :class:`Action` records (``Action("offer_deployment", "Aurum", "Brisa",
shield=4)``), which convert to and from the arrays exactly, so a saved game replays bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

#: Treaty kinds (model.md section 1).
TREATY_KINDS: tuple[str, ...] = ("shield_cap", "forward_ban", "reach_ceiling", "transparency")
SHIELD_CAP, FORWARD_BAN, REACH_CEILING, TRANSPARENCY = range(4)
#: Treaty kinds whose terms include a cap.
CAPPED = (SHIELD_CAP, REACH_CEILING)

#: Crisis answers (a game of Chicken).
ANSWERS: tuple[str, ...] = ("back_down", "stand_firm", "escalate")
BACK_DOWN, STAND_FIRM, ESCALATE = range(3)
NO_ANSWER = -1  # counts as standing firm

#: Every diplomatic action, with what it does and what it costs, for menus and the docs.
ACTIONS: dict[str, str] = {
    "ally": "offer an alliance to a state, or accept the one it offered",
    "end_alliance": "end an alliance",
    "offer_deployment": "offer to station reach and/or shield at an ally; it must accept",
    "accept_deployment": "accept the deployment a patron offered",
    "refuse_deployment": "refuse the deployment a patron offered",
    "withdraw_deployment": "bring a deployment home (patron) or send it home (host); it takes "
    "recall_lead turns and counts until then",
    "target": "declare that your reach is aimed at a state: everyone sees it; its tension and "
    "fear rise",
    "untarget": "withdraw a targeting declaration",
    "sanction": "sanction a state: it loses growth, support and trade with you; you lose a little",
    "lift_sanction": "lift a sanction",
    "offer_trade": "offer wider trade; when both offer, trade ties grow",
    "drill": "hold joint drills with your allies, naming a rival (costs drill_cost of the budget; "
    "standing up, tension with the rival up)",
    "commit": "publicly commit to stand firm against a state: backing down later costs "
    "audience_cost in standing (tying hands)",
    "talk": "send a reassuring message: it moves beliefs only as far as your standing allows",
    "offer_programme": "offer a joint shield programme (pooled tech); when both offer it starts",
    "end_programme": "end a joint programme",
    "back_down": "in a crisis: back down (costs standing; ends the crisis)",
    "stand_firm": "in a crisis: stand firm (the default)",
    "escalate": "in a crisis: escalate (if both escalate, the war odds are rolled)",
    "propose_treaty": "propose a treaty (kind, parties, cap, verification)",
    "sign_treaty": "sign a proposed treaty you are named in",
    "leave_treaty": "give notice of withdrawal: the treaty binds until the notice runs out",
    "inspect": "inspect the other parties of a treaty (costs inspection_cost of the budget)",
    "cheat": "break a treaty's terms in secret this turn, at the risk of being caught",
}

#: The group (``game.engine.state.DIPLOMACY_GROUPS``) of every action; "crisis" is always allowed.
ACTION_GROUPS: dict[str, str] = {
    "ally": "alliances",
    "end_alliance": "alliances",
    "offer_deployment": "deployments",
    "accept_deployment": "deployments",
    "refuse_deployment": "deployments",
    "withdraw_deployment": "deployments",
    "target": "targeting",
    "untarget": "targeting",
    "sanction": "economy",
    "lift_sanction": "economy",
    "offer_trade": "economy",
    "drill": "signals",
    "commit": "signals",
    "talk": "signals",
    "offer_programme": "programmes",
    "end_programme": "programmes",
    "back_down": "crisis",
    "stand_firm": "crisis",
    "escalate": "crisis",
    "propose_treaty": "treaties",
    "sign_treaty": "treaties",
    "leave_treaty": "treaties",
    "inspect": "treaties",
    "cheat": "treaties",
}
#: The group of every :class:`Diplomacy` array.
FIELD_GROUPS: dict[str, str] = {
    "ally": "alliances",
    "deploy_reach": "deployments",
    "deploy_shield": "deployments",
    "deploy_answer": "deployments",
    "withdraw": "deployments",
    "target": "targeting",
    "sanction": "economy",
    "trade": "economy",
    "drill": "signals",
    "commit": "signals",
    "talk": "signals",
    "programme": "programmes",
    "answer": "crisis",
    "propose_kind": "treaties",
    "propose_parties": "treaties",
    "propose_cap": "treaties",
    "propose_verification": "treaties",
    "sign": "treaties",
    "leave": "treaties",
    "inspect": "treaties",
    "cheat": "treaties",
}
_EMPTY = {"answer": NO_ANSWER, "propose_kind": -1}

_PAIR_INT = ("ally", "deploy_answer", "target", "sanction", "trade", "programme", "answer")
_PAIR_BOOL = ("withdraw", "drill", "commit", "talk", "propose_parties")
_PAIR_FLOAT = ("deploy_reach", "deploy_shield")
_TREATY_BOOL = ("sign", "leave", "inspect", "cheat")


@dataclass(frozen=True)
class Diplomacy:
    """The diplomatic part of every seat's orders, for every world. Zero means "nothing".

    Pair arrays are ``[B, N, N]`` with the acting state first; treaty arrays ``[B, N, K]``.
    """

    ally: np.ndarray  # +1 offer/accept, -1 end
    deploy_reach: np.ndarray  # [p, h] reach p offers to station at h
    deploy_shield: np.ndarray
    deploy_answer: np.ndarray  # [h, p] +1 accept, -1 refuse p's offer
    withdraw: np.ndarray  # i ends the deployment between i and j (either side)
    target: np.ndarray  # +1 declare, -1 withdraw
    sanction: np.ndarray  # +1 impose, -1 lift
    trade: np.ndarray  # +1 offer wider trade
    drill: np.ndarray  # drills with i's allies, naming rival j
    commit: np.ndarray  # public commitment to stand firm against j
    talk: np.ndarray  # a reassuring message to j
    programme: np.ndarray  # +1 offer/accept a joint programme, -1 end it
    answer: np.ndarray  # crisis answer to j: NO_ANSWER, BACK_DOWN, STAND_FIRM, ESCALATE
    propose_kind: np.ndarray  # [B, N] int, -1 for no proposal
    propose_parties: np.ndarray  # [B, N, N] the parties i names (i is always one)
    propose_cap: np.ndarray  # [B, N]
    propose_verification: np.ndarray  # [B, N]
    sign: np.ndarray  # [B, N, K]
    leave: np.ndarray
    inspect: np.ndarray
    cheat: np.ndarray

    @staticmethod
    def none(batch: int, n: int, slots: int) -> Diplomacy:
        """Orders with no diplomacy for a batch of ``batch`` worlds of ``n`` states."""
        pair = (batch, n, n)
        kw: dict[str, np.ndarray] = {}
        for name in _PAIR_INT:
            kw[name] = np.zeros(pair, dtype=np.int8)
        kw["answer"] = np.full(pair, NO_ANSWER, dtype=np.int8)
        for name in _PAIR_BOOL:
            kw[name] = np.zeros(pair, dtype=bool)
        for name in _PAIR_FLOAT:
            kw[name] = np.zeros(pair)
        kw["propose_kind"] = np.full((batch, n), -1, dtype=np.int8)
        kw["propose_cap"] = np.zeros((batch, n))
        kw["propose_verification"] = np.zeros((batch, n))
        for name in _TREATY_BOOL:
            kw[name] = np.zeros((batch, n, slots), dtype=bool)
        return Diplomacy(**kw)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array field by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def copy(self) -> Diplomacy:
        """A deep copy (every array copied)."""
        return Diplomacy(**{k: v.copy() for k, v in self.arrays().items()})

    def select(self, idx: np.ndarray) -> Diplomacy:
        """The orders of the worlds ``idx`` of the batch."""
        return Diplomacy(**{k: v[idx] for k, v in self.arrays().items()})

    def set_state(self, i: int, other: Diplomacy) -> Diplomacy:
        """These orders with state ``i``'s rows taken from ``other``."""
        out = self.copy()
        for k, v in out.arrays().items():
            v[:, i] = getattr(other, k)[:, i]
        return out

    def is_empty(self) -> bool:
        """Whether no state orders anything."""
        return not any(self.used(k).any() for k in self.arrays())

    def used(self, key: str) -> np.ndarray:
        """``[B, N]``: where each state's array ``key`` orders something."""
        arr = getattr(self, key)
        used = arr != _EMPTY.get(key, 0)
        return used.reshape(used.shape[0], used.shape[1], -1).any(axis=2)

    def restricted(self, groups: tuple[str, ...] | list[str]) -> Diplomacy:
        """A copy with every action outside ``groups`` taken out (crisis answers are kept)."""
        out = self.copy()
        for key, arr in out.arrays().items():
            group = FIELD_GROUPS[key]
            if group != "crisis" and group not in groups:
                arr[...] = _EMPTY.get(key, 0)
        return out

    def equal(self, other: Diplomacy) -> bool:
        """Whether every array equals ``other``'s."""
        return all(np.array_equal(v, getattr(other, k)) for k, v in self.arrays().items())


@dataclass(frozen=True)
class Action:
    """One diplomatic action by one state, in words (state names, treaty slot numbers).

    ``other`` is the state acted upon (ally, host, patron, rival, crisis opponent); ``treaty``
    a treaty slot; ``reach``/``shield`` the amounts of a deployment offer; ``kind``, ``parties``,
    ``cap`` and ``verification`` describe a proposed treaty.
    """

    action: str
    actor: str
    other: str = ""
    treaty: int = -1
    reach: float = 0.0
    shield: float = 0.0
    kind: str = ""
    parties: tuple[str, ...] = ()
    cap: float = 0.0
    verification: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The action as a plain dict, fields left at their defaults omitted."""
        d: dict[str, Any] = {"action": self.action, "actor": self.actor}
        defaults = Action("", "")
        for f in fields(self)[2:]:
            v = getattr(self, f.name)
            if v != getattr(defaults, f.name):
                d[f.name] = list(v) if isinstance(v, tuple) else v
        return d

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Action:
        """The action written by ``to_dict``; ``ValueError`` for an unknown field."""
        if not isinstance(d, dict) or "action" not in d or "actor" not in d:
            raise ValueError("an action needs at least 'action' and 'actor'")
        known = {f.name for f in fields(Action)}
        extra = set(d) - known
        if extra:
            raise ValueError(f"unknown action field(s): {', '.join(sorted(extra))}")
        kw = dict(d)
        if "parties" in kw:
            kw["parties"] = tuple(kw["parties"])
        for key in ("reach", "shield", "cap", "verification"):
            if key in kw:
                kw[key] = float(kw[key])
        if "treaty" in kw:
            kw["treaty"] = int(kw["treaty"])
        return Action(**kw)


class ActionError(ValueError):
    """An action that names an unknown state, kind or slot."""


def _index(names: tuple[str, ...], name: str, what: str) -> int:
    if name not in names:
        raise ActionError(f"{what}: no state called {name!r} (states: {', '.join(names)})")
    return names.index(name)


#: The actions that write one value into one pair array: action -> (array, value).
_PAIR_WRITES: dict[str, tuple[str, int | bool]] = {
    "ally": ("ally", 1),
    "end_alliance": ("ally", -1),
    "accept_deployment": ("deploy_answer", 1),
    "refuse_deployment": ("deploy_answer", -1),
    "withdraw_deployment": ("withdraw", True),
    "target": ("target", 1),
    "untarget": ("target", -1),
    "sanction": ("sanction", 1),
    "lift_sanction": ("sanction", -1),
    "offer_trade": ("trade", 1),
    "drill": ("drill", True),
    "commit": ("commit", True),
    "talk": ("talk", True),
    "offer_programme": ("programme", 1),
    "end_programme": ("programme", -1),
    **{name: ("answer", ANSWERS.index(name)) for name in ANSWERS},
}
#: The actions on a treaty slot: action -> the ``[B, N, K]`` array they mark.
_TREATY_WRITES: dict[str, str] = {
    "sign_treaty": "sign",
    "leave_treaty": "leave",
    "inspect": "inspect",
    "cheat": "cheat",
}


def apply_actions(
    dip: Diplomacy, actions: list[Action] | tuple[Action, ...], names: tuple[str, ...], b: int = 0
) -> Diplomacy:
    """Write ``actions`` into world ``b`` of a copy of ``dip``."""
    out = dip.copy()
    slots = out.sign.shape[2]
    for a in actions:
        i, j = _actor_and_other(a, names, slots)
        if a.action in _PAIR_WRITES:
            key, value = _PAIR_WRITES[a.action]
            getattr(out, key)[b, i, j] = value
        elif a.action in _TREATY_WRITES:
            getattr(out, _TREATY_WRITES[a.action])[b, i, a.treaty] = True
        elif a.action == "offer_deployment":
            out.deploy_reach[b, i, j] = a.reach
            out.deploy_shield[b, i, j] = a.shield
        elif a.action == "propose_treaty":
            _propose(out, a, names, b, i)
    return out


def _actor_and_other(a: Action, names: tuple[str, ...], slots: int) -> tuple[int, int]:
    """The indices of ``a``'s actor and of the state it is aimed at (-1 for none); raises
    :class:`ActionError` for an unknown action or state, a missing target or treaty slot."""
    if a.action not in ACTIONS:
        raise ActionError(f"unknown action {a.action!r}; actions: {', '.join(ACTIONS)}")
    i = _index(names, a.actor, a.action)
    j = _index(names, a.other, a.action) if a.other else -1
    needs_other = a.action != "propose_treaty" and a.action not in _TREATY_WRITES
    if needs_other and j < 0:
        raise ActionError(f"{a.action} by {a.actor} needs the state it is aimed at")
    if a.action in _TREATY_WRITES and not (0 <= a.treaty < slots):
        raise ActionError(f"{a.action} by {a.actor} needs a treaty slot 0..{slots - 1}")
    return i, j


def _propose(out: Diplomacy, a: Action, names: tuple[str, ...], b: int, i: int) -> None:
    """Write ``i``'s treaty proposal ``a`` into world ``b`` of ``out``."""
    if a.kind not in TREATY_KINDS:
        raise ActionError(
            f"propose_treaty by {a.actor}: kind must be one of "
            f"{', '.join(TREATY_KINDS)}, got {a.kind!r}"
        )
    out.propose_kind[b, i] = TREATY_KINDS.index(a.kind)
    out.propose_parties[b, i] = False
    for p in a.parties:
        out.propose_parties[b, i, _index(names, p, "propose_treaty")] = True
    out.propose_parties[b, i, i] = True
    out.propose_cap[b, i] = a.cap
    out.propose_verification[b, i] = a.verification


def to_actions(dip: Diplomacy, names: tuple[str, ...], b: int = 0) -> list[Action]:
    """The actions of world ``b``, in a stable order (the inverse of :func:`apply_actions`)."""
    out: list[Action] = []
    n = len(names)
    pair_codes = {
        "ally": {1: "ally", -1: "end_alliance"},
        "deploy_answer": {1: "accept_deployment", -1: "refuse_deployment"},
        "target": {1: "target", -1: "untarget"},
        "sanction": {1: "sanction", -1: "lift_sanction"},
        "trade": {1: "offer_trade"},
        "programme": {1: "offer_programme", -1: "end_programme"},
    }
    for i in range(n):
        for j in range(n):
            for field, codes in pair_codes.items():
                v = int(getattr(dip, field)[b, i, j])
                if v in codes:
                    out.append(Action(codes[v], names[i], names[j]))
            r, s = float(dip.deploy_reach[b, i, j]), float(dip.deploy_shield[b, i, j])
            if r or s:
                out.append(Action("offer_deployment", names[i], names[j], reach=r, shield=s))
            for field, name in (
                ("withdraw", "withdraw_deployment"),
                ("drill", "drill"),
                ("commit", "commit"),
                ("talk", "talk"),
            ):
                if getattr(dip, field)[b, i, j]:
                    out.append(Action(name, names[i], names[j]))
            ans = int(dip.answer[b, i, j])
            if ans != NO_ANSWER:
                out.append(Action(ANSWERS[ans], names[i], names[j]))
        kind = int(dip.propose_kind[b, i])
        if kind >= 0:
            parties = tuple(names[p] for p in range(n) if dip.propose_parties[b, i, p] and p != i)
            out.append(
                Action(
                    "propose_treaty",
                    names[i],
                    kind=TREATY_KINDS[kind],
                    parties=parties,
                    cap=float(dip.propose_cap[b, i]),
                    verification=float(dip.propose_verification[b, i]),
                )
            )
        for field, name in (
            ("sign", "sign_treaty"),
            ("leave", "leave_treaty"),
            ("inspect", "inspect"),
            ("cheat", "cheat"),
        ):
            for k in np.nonzero(getattr(dip, field)[b, i])[0]:
                out.append(Action(name, names[i], treaty=int(k)))
    return out
