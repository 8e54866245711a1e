"""Headlines: each turn's events worded as short, fictional wire reports.

A hot-seat team reads only what its own state could know: its own builds exactly, a rival's
build as its intelligence saw it (noisy, perhaps a shield misread as reach), and its own shifts of
trust. Public acts (treaties, alliances, crises, war) are news for everyone.
"""

from __future__ import annotations

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


def _listed(names: tuple[str, ...]) -> str:
    """``"Aurum, Veyra and Ostrel"``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


#: Treaties whose terms are a cap: their headlines say it ("a reach ceiling at 30").
CAP_WORDS = frozenset({"shield_cap", "reach_ceiling"})


def _treaty(event: Event) -> str:
    if event.treaty is None:
        return "treaty"
    words = TREATY_WORDS.get(event.treaty.kind, "treaty")
    if event.treaty.kind in CAP_WORDS:
        words += f" at {round(event.treaty.cap, 1):g}"
    return words


def headline(event: Event) -> str:
    """One event as a wire-report line (dateline: the first actor's capital)."""
    actors = event.actors or ("",)
    v = event.values
    fields = {
        "a": actors[0],
        "b": actors[1] if len(actors) > 1 else "its rivals",
        "all": _listed(actors) if actors[0] else "the parties",
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
    records = [e for e in events.records(0) if visible(e, viewer)]
    order = {"war": 0, "crisis": 1, "crisis_answer": 2, "violation_detected": 3}
    records.sort(key=lambda e: order.get(e.kind, 9))
    lines = [headline(e) for e in records]
    if viewer is not None:
        names = events.before.names
        me = names.index(viewer)
        for j, name in enumerate(names):
            if j != me and events.signal[0, me, j] >= NOTABLE_BUILD:
                share = _pct(events.signal[0, me, j])
                lines.append(SEEN_BUILD.format(a=viewer, b=name, share=share))
    for name, why in (reasons or {}).items():
        if name != viewer and why:
            lines.append(f"Diplomacy: {why}")
    if not lines:
        lines = ["A quiet turn: no notable moves were reported"]
    return lines[:limit]
