"""Headlines: each turn's events worded as short, fictional wire reports.

A hot-seat team reads only what its own state could know: its own builds exactly, a rival's
build as its intelligence saw it (noisy, perhaps a shield misread as reach), and its own shifts of
trust. Public acts (treaties, alliances, crises, war) are news for everyone.
"""

from __future__ import annotations

from game.analysis.words import names_list
from game.engine.actions import TREATY_KINDS
from game.engine.events import EVENT_KINDS, NOTABLE_BUILD, Event, Events

#: What only the first actor knows (its perception and beliefs).
PRIVATE = frozenset({"misread", "trust_fell", "trust_rose", "deterrence_lost", "deterrence_gained"})
#: A state's true spending: known to itself only; others read the intelligence report instead.
OWN_ONLY = frozenset({"arms_build", "programme_cancelled", "tech_transfer"})

TREATY_WORDS = {
    "shield_cap": "shield cap",
    "forward_ban": "forward-basing ban",
    "reach_ceiling": "reach ceiling",
    "transparency": "transparency accord",
}

TEMPLATES: dict[str, str] = {
    "arms_build": "{a} puts {share} of its budget into arms",
    "reach_cut": "{a} dismantles {amount} reach in a costly gesture of restraint",
    "misread": "{a} analysts read {b}'s new shield as fresh reach",
    "trust_fell": "Trust of {b} falls in {a}'s capital",
    "trust_rose": "{a} grows warmer towards {b}",
    "crisis": "Crisis between {a} and {b}: tension at {tension}",
    "crisis_eased": "Tension between {a} and {b} eases below the crisis line",
    "deterrence_lost": "{a}'s second strike no longer deters {b}, planners warn",
    "deterrence_gained": "{a}'s second strike now deters {b}",
    "war": "War between {a} and {b}",
    "alliance_offered": "{a} offers {b} an alliance",
    "alliance_formed": "{a} and {b} sign an alliance",
    "alliance_ended": "The alliance of {a} and {b} is over",
    "deployment_offered": "{a} offers to station forces in {b}",
    "deployment_accepted": "{b} accepts {a}'s forces on its soil",
    "deployment_refused": "{b} turns down {a}'s offer of forces",
    "deployment_recalled": "{a} recalls its forces from {b}",
    "deployment_returned": "{a}'s forces are home from {b}",
    "targeting_declared": "{a} declares its reach aimed at {b}",
    "targeting_withdrawn": "{a} no longer aims its reach at {b}",
    "sanction_imposed": "{a} imposes sanctions on {b}",
    "sanction_lifted": "{a} lifts its sanctions on {b}",
    "trade_widened": "{a} and {b} widen their trade",
    "drill": "{a} holds joint drills with its allies; {b} protests",
    "commitment": "{a} vows in public to stand firm against {b}",
    "commitment_broken": "{a} backs down despite its vow; its word counts for less",
    "talk": "Envoys of {a} carry a reassuring message to {b}",
    "programme_started": "{a} and {b} launch a joint shield programme",
    "programme_ended": "The joint programme of {a} and {b} ends",
    "tech_transfer": "Know-how flows to {a} through its joint programme",
    "programme_cancelled": "A review in {a} cancels its costliest programme",
    "crisis_answer": "{a} chooses to {answer} in its crisis with {b}",
    "treaty_proposed": "A {treaty} is proposed to {all}",
    "treaty_signed": "{a} signs the proposed {treaty}",
    "treaty_in_force": "The {treaty} of {all} enters into force",
    "treaty_withdrawal": "{a} gives notice that it will leave the {treaty}",
    "treaty_lapsed": "The {treaty} of {all} lapses",
    "treaty_expired": "The proposed {treaty} expires unsigned",
    "inspection": "{a} inspectors visit under the {treaty}",
    "violation_detected": "{a} caught breaking the {treaty}",
}

SEEN_BUILD = "Intelligence in {a}: {b} appears to be arming ({share} of its budget, as seen)"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def seen_pct(x: float) -> str:
    """A share of a budget as intelligence saw it: noise may read more than the whole budget
    ("101%"), which no state can spend, so it is shown as at most all of it ("100%")."""
    return _pct(min(x, 1.0))


#: Treaties whose terms are a cap: their headlines say it ("a reach ceiling at 30").
CAP_WORDS = frozenset({"shield_cap", "reach_ceiling"})


def _treaty(event: Event) -> str:
    if event.treaty is None:
        return "treaty"
    words = TREATY_WORDS.get(event.treaty.kind, "treaty")
    if event.treaty.kind in CAP_WORDS:
        words += f" at {round(event.treaty.cap, 1):g}"
    return words


def sent_home(event: Event, events: Events | None, b: int = 0) -> bool:
    """A deployment started home because its host sent it home (the patron did not ask)."""
    if event.kind != "deployment_recalled" or events is None or len(event.actors) < 2:
        return False
    names = events.before.names
    patron, host = (names.index(n) for n in event.actors[:2])
    withdraw = events.diplomacy.withdraw
    return bool(withdraw[b, host, patron]) and not bool(withdraw[b, patron, host])


def headline(event: Event, events: Events | None = None, b: int = 0) -> str:
    """One event as a wire-report line (dateline: the first actor's capital). With the turn's
    ``events`` (world ``b``), a deployment the host sent home is told as the host's move."""
    actors = event.actors or ("",)
    v = event.values
    if sent_home(event, events, b):
        turns = round(v.get("turns", 0.0))
        return f"{actors[1]} sends {actors[0]}'s forces home; they leave in {turns} " + (
            "turn" if turns == 1 else "turns"
        )
    fields = {
        "a": actors[0],
        "b": actors[1] if len(actors) > 1 else "its rivals",
        "all": names_list(actors) if actors[0] else "the parties",
        "share": _pct(v.get("share", 0.0)),
        "amount": f"{v.get('amount', 0.0):.1f}",
        "tension": f"{v.get('tension', 0.0):.2f}",
        "treaty": _treaty(event),
        "answer": (event.answer or "stand_firm").replace("_", " "),
    }
    template = TEMPLATES.get(event.kind)
    if template is None:
        return f"{actors[0]}: {EVENT_KINDS.get(event.kind, event.kind)}"
    line = template.format(**fields)
    if event.kind == "war":
        odds = v.get("odds", 0.0)
        line += f" (the odds were {_pct(odds)}); the game is over"
    return line


#: Events that lead the wires, most urgent first; an inspection that caught a cheat goes just
#: before the catch it caused (cause before effect).
LEAD_ORDER = {"war": 0, "crisis": 1, "crisis_answer": 2, "violation_detected": 3}


def _lead_keys(records: list[Event]) -> list[tuple[int, int]]:
    caught = {e.treaty.slot for e in records if e.kind == "violation_detected" and e.treaty}
    keys = []
    for e in records:
        if e.kind == "inspection" and e.treaty is not None and e.treaty.slot in caught:
            keys.append((LEAD_ORDER["violation_detected"], 0))
        else:
            keys.append((LEAD_ORDER.get(e.kind, 9), 1))
    return keys


def lead_order(records: list[Event]) -> list[Event]:
    """``records`` with the urgent ones first (war, crises, a cheat caught); an inspection
    under a treaty whose cheat was caught this turn comes right before the catch."""
    keys = _lead_keys(records)
    return [e for _, e in sorted(zip(keys, records, strict=True), key=lambda p: p[0])]


def leading(records: list[Event]) -> int:
    """How many records :func:`lead_order` puts in the lead (with a catch, its inspection)."""
    return sum(k[0] < 9 for k in _lead_keys(records))


#: The player's own diplomatic moves, in the second person ("you ..."): the event's first
#: actor is the player.
YOUR_MOVES: dict[str, str] = {
    "alliance_offered": "offered {b} an alliance",
    "deployment_offered": "offered to station forces in {b}",
    "deployment_recalled": "called your forces home from {b} (back in {turns})",
    "targeting_declared": "aimed your reach at {b}",
    "targeting_withdrawn": "stopped aiming your reach at {b}",
    "sanction_imposed": "imposed sanctions on {b}",
    "sanction_lifted": "lifted your sanctions on {b}",
    "drill": "held joint drills with your allies",
    "commitment": "vowed in public to stand firm against {b}",
    "talk": "sent {b} a reassuring message",
    "crisis_answer": "chose to {answer} in your crisis with {b}",
    "treaty_signed": "signed the proposed {treaty}",
    "treaty_withdrawal": "gave notice to leave the {treaty}",
    "inspection": "inspected under the {treaty}",
}
#: The host's answers to a patron (the patron is named first).
YOUR_ANSWERS: dict[str, str] = {
    "deployment_accepted": "accepted {a}'s forces on your soil",
    "deployment_refused": "turned down {a}'s offer of forces",
}


def _turns(x: float) -> str:
    n = round(x)
    return f"{n} turn" if n == 1 else f"{n} turns"


def your_moves(events: Events, me: int, b: int = 0) -> list[str]:
    """The diplomatic moves seat ``me`` made this turn in world ``b``, each as "you ..." would
    end ("sent Veyra a reassuring message"; a host that sent its guests home: "asked Aurum's
    forces to go home (they leave in 2 turns)"), in the order of the records."""
    names = events.before.names
    you = names[me]
    code = int(events.diplomacy.propose_kind[b, me])
    proposed = TREATY_KINDS[code] if 0 <= code < len(TREATY_KINDS) else None
    out = []
    for e in events.records(b):
        a = e.actors[0] if e.actors else ""
        other = e.actors[1] if len(e.actors) > 1 else "its rivals"
        fields = {
            "a": a,
            "b": other,
            "turns": _turns(e.values.get("turns", 0.0)),
            "treaty": _treaty(e),
            "answer": (e.answer or "stand_firm").replace("_", " "),
        }
        if sent_home(e, events, b) and other == you:
            out.append(f"asked {a}'s forces to go home (they leave in {fields['turns']})")
        elif e.kind in YOUR_ANSWERS and other == you:
            out.append(YOUR_ANSWERS[e.kind].format(**fields))
        elif e.kind in YOUR_MOVES and a == you and not sent_home(e, events, b):
            out.append(YOUR_MOVES[e.kind].format(**fields))
        elif (
            e.kind == "treaty_proposed"
            and e.treaty
            and e.treaty.kind == proposed
            and you in e.actors
        ):
            rest = tuple(n for n in e.actors if n != you)
            to = f" to {names_list(rest)}" if rest else ""
            out.append(f"proposed a {_treaty(e)}{to}")
            proposed = None
    return out


def visible(event: Event, viewer: str | None) -> bool:
    """Whether the team playing ``viewer`` (None: an observer) would read this event."""
    if viewer is None:
        return True
    if event.kind in PRIVATE:
        return event.actors[:1] == (viewer,)
    if event.kind in OWN_ONLY:
        return event.actors[:1] == (viewer,)
    return True


def headlines(
    events: Events,
    viewer: str | None,
    limit: int = 12,
    reasons: dict[str, str] | None = None,
) -> list[str]:
    """The turn's headlines for ``viewer``: most important first (war and crises lead).
    ``reasons`` (state name -> why) adds each AI state's own account of the move it made in
    plain view (never of its hidden spending), after the events, as "Diplomacy: ..." (it
    explains a diplomatic move, not the state's arms)."""
    records = lead_order([e for e in events.records(0) if visible(e, viewer)])
    lines = [headline(e, events) for e in records]
    if viewer is not None:
        names = events.before.names
        me = names.index(viewer)
        for j, name in enumerate(names):
            if j != me and events.signal[0, me, j] >= NOTABLE_BUILD:
                share = seen_pct(events.signal[0, me, j])
                lines.append(SEEN_BUILD.format(a=viewer, b=name, share=share))
    for name, why in (reasons or {}).items():
        if name != viewer and why:
            lines.append(f"Diplomacy: {why}")
    if not lines:
        lines = ["A quiet turn: no notable moves were reported"]
    return lines[:limit]
