"""A student's words for the model's terms: plain words on screen, the technical term and its
number beside them in the tooltip (and in the glossary)."""

from __future__ import annotations

from game.engine.actions import CAPPED, TREATY_KINDS
from game.policies import REGISTRY

#: Treaty kinds whose terms include a cap, by name.
CAPPED_KINDS = frozenset(TREATY_KINDS[k] for k in CAPPED)

#: What "standing" is, in a student's words (said beside the word where a screen costs or
#: changes it, as the state panel's tooltip says it beside the number).
STANDING_MEANS = "how far other states believe your word"

#: The budget lines' names on the turn screen (the engine's name where it is plain already).
CATEGORY_LABELS: dict[str, str] = {"cut": "scrap reach"}


def category_label(cat: str) -> str:
    """A budget line's name on screen ("scrap reach" for a cut)."""
    return CATEGORY_LABELS.get(cat, cat)


def deters(a: str, b: str, margin: float, you: str | None = None) -> str:
    """Whether ``a``'s second strike deters ``b``, in words, then the technical term and its
    number: "Your second strike falls 24 short of deterring Veyra (deterrence margin -24.2)".
    ``you``: the viewer's state, called "your"/"you" in the sentence."""
    whose = "Your" if a == you else f"{a}'s"
    other = "you" if b == you else b
    amount = abs(margin)
    n = f"{amount:.0f}" if amount >= 1 else f"{amount:.1f}"
    if margin >= 0:
        said = f"{whose} second strike deters {other}, with {n} to spare"
    else:
        said = f"{whose} second strike falls {n} short of deterring {other}"
    return f"{said} (deterrence margin {margin:+.1f})"


#: Each diplomatic action as a player would say it: the diplomacy menu's labels.
ACTION_LABELS: dict[str, str] = {
    "ally": "Offer or accept an alliance",
    "end_alliance": "End an alliance",
    "offer_deployment": "Offer to station forces",
    "accept_deployment": "Accept stationed forces",
    "refuse_deployment": "Refuse stationed forces",
    "withdraw_deployment": "Bring stationed forces home",
    "target": "Aim your reach at a state",
    "untarget": "Stop aiming your reach",
    "sanction": "Impose sanctions",
    "lift_sanction": "Lift sanctions",
    "offer_trade": "Offer wider trade",
    "drill": "Hold joint drills",
    "commit": "Vow in public to stand firm",
    "talk": "Send a reassuring message",
    "offer_programme": "Offer a joint shield programme",
    "end_programme": "End a joint programme",
    "back_down": "Back down",
    "stand_firm": "Stand firm",
    "escalate": "Escalate",
    "propose_treaty": "Propose a treaty",
    "sign_treaty": "Sign a treaty",
    "leave_treaty": "Leave a treaty",
    "inspect": "Inspect a treaty's parties",
    "cheat": "Cheat on a treaty in secret",
}

#: What each action does and costs, in one plain sentence; ``{name}`` fields are the lesson's
#: parameters (filled in by :func:`action_help`).
ACTION_HELP: dict[str, str] = {
    "ally": "Offer an alliance, or accept the one offered to you: it forms when both agree.",
    "end_alliance": "End an alliance: you no longer count on each other.",
    "offer_deployment": "Offer to station some of your reach or shield at an ally; it must accept.",
    "accept_deployment": "Accept the forces an ally offered to station on your soil.",
    "refuse_deployment": "Turn down the forces an ally offered to station on your soil.",
    "withdraw_deployment": "Bring stationed forces home (or send them home): it takes "
    "{recall_lead:.0f} turns, and they count until then.",
    "target": "Declare that your reach is aimed at a state. Everyone sees it; its fear and the "
    "tension between you rise.",
    "untarget": "Withdraw a declaration that your reach is aimed at a state.",
    "sanction": "Sanction a state: it loses growth, support and trade with you; you lose a "
    "little too.",
    "lift_sanction": "Lift your sanctions on a state.",
    "offer_trade": "Offer wider trade: when both sides offer, trade ties grow.",
    "drill": "Hold joint drills with your allies, naming a rival. Costs {drill_cost:.0%} of "
    "your budget; your standing rises, and so does the tension with that rival.",
    "commit": "Vow in public to stand firm against a state. Free now, but backing down later "
    "costs {audience_cost:.2f} standing (this is called tying your hands).",
    "talk": "Send a reassuring message. It changes minds only as far as your standing makes "
    "you believable.",
    "offer_programme": "Offer a joint shield programme (you pool shield money and technology): "
    "it starts when both offer.",
    "end_programme": "End a joint shield programme.",
    "back_down": "In a crisis: back down. The crisis ends, and your standing falls.",
    "stand_firm": "In a crisis: stand firm (what happens if you say nothing).",
    "escalate": "In a crisis: escalate. If both sides escalate, war may break out.",
    "propose_treaty": "Propose a treaty: its kind, who is invited, the cap and how much is "
    "checked.",
    "sign_treaty": "Sign a proposed treaty that names you.",
    "leave_treaty": "Give notice that you will leave a treaty: it binds you until the notice "
    "runs out.",
    "inspect": "Inspect the other parties of a treaty. Costs {inspection_cost:.0%} of your budget.",
    "cheat": "Break a treaty's terms in secret this turn, at the risk of being caught.",
}


#: The diplomacy menu's groups, by purpose: a player's name for each and what it is for.
PURPOSES: dict[str, tuple[str, str]] = {
    "crisis": ("Answer the crisis", "Back down, stand firm or escalate in the crisis you are in."),
    "alliances": ("Friends and allies", "Count on a state, and let it count on you."),
    "deployments": ("Forces abroad", "Station forces at an ally, or take them home."),
    "targeting": ("Aim your reach", "Say openly at whom your strike force is aimed."),
    "economy": ("Trade and sanctions", "Bind a state with trade, or press it with sanctions."),
    "signals": ("Signals", "Show resolve, or reassure: words and drills others can see."),
    "programmes": ("Joint programmes", "Build shields together with an ally."),
    "treaties": ("Treaties", "Agree on caps and checks, sign, inspect, or leave."),
}

#: What each action costs, in a few words (``{name}``: the lesson's parameters, ``{budget}``:
#: this turn's budget); an action missing here costs nothing this turn.
ACTION_COSTS: dict[str, str] = {
    "drill": "{drill_cost:.0%} of your budget ({drill_budget:.1f}) this turn",
    "inspect": "{inspection_cost:.0%} of your budget ({inspection_budget:.1f}) this turn",
    "commit": "nothing now; {audience_cost:.2f} standing if you back down later",
    "sanction": "a little of your own growth each turn it lasts",
    "offer_deployment": "upkeep of the forces you station, while they are abroad",
    "offer_programme": "the shield money you pool, while the programme runs",
    "back_down": f"standing ({STANDING_MEANS})",
    "escalate": "nothing now, but war may break out if both sides escalate",
    "cheat": "the treaty, and your word, if you are caught",
}


def purpose_label(group: str) -> str:
    """The diplomacy menu's name for a group of actions, by purpose."""
    return PURPOSES.get(group, (group.capitalize(), ""))[0]


def action_cost(action: str, params: dict[str, float]) -> str:
    """What ``action`` costs, in words, with the lesson's numbers ("Free this turn" when
    nothing)."""
    text = ACTION_COSTS.get(action)
    if text is None:
        return "Cost: nothing this turn."
    try:
        return "Cost: " + text.format(**params) + "."
    except (KeyError, ValueError):
        return "Cost: " + text.split(" (")[0].split("{")[0].strip() + "."


def action_label(action: str) -> str:
    """A diplomatic action as a player would say it."""
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def action_help(action: str, params: dict[str, float]) -> str:
    """The sentence for ``action`` with the lesson's ``params`` filled in."""
    text = ACTION_HELP.get(action)
    if text is None:
        return ""
    try:
        return text.format(**params)
    except (KeyError, ValueError):
        return text.split(" Costs ")[0]


TREATY_NAMES: dict[str, str] = {
    "shield_cap": "Shield cap",
    "forward_ban": "Ban on stationed forces",
    "reach_ceiling": "Reach ceiling",
    "transparency": "Transparency accord",
}

TREATY_STATUS: dict[str, str] = {
    "proposed": "proposed",
    "in_force": "in force",
    "withdrawing": "being left",
    "lapsed": "lapsed",
}


#: What each kind of treaty binds its parties to (``{cap}``: its cap), in a student's words.
TREATY_TERMS: dict[str, str] = {
    "shield_cap": "each party keeps its shield (interceptors at home and stationed abroad) at or "
    "below {cap:.1f}",
    "forward_ban": "no party keeps forces stationed on another state's soil",
    "reach_ceiling": "each party keeps its reach (its strike force) at or below {cap:.1f}",
    "transparency": "the parties let each other see their forces more clearly",
}


def treaty_terms(t) -> str:
    """What the treaty ``t`` (a :class:`game.ui.model.views.TreatyView`) binds its parties to:
    "each party keeps its shield (...) at or below 5.4"; empty for an unknown kind."""
    text = TREATY_TERMS.get(t.kind, "")
    return text.format(cap=t.cap) if text else ""


def treaty_label(number: int, t, me: str) -> str:
    """One treaty for a menu, with its parties, terms and status as ``me`` sees them:
    "1. Shield cap 20.0: Aurum + Veyra (proposed, awaits your signature)". ``t``: a
    :class:`game.ui.model.views.TreatyView`."""
    name = TREATY_NAMES.get(t.kind, t.kind.replace("_", " "))
    terms = f" {t.cap:.1f}" if t.kind in CAPPED_KINDS else ""
    status = TREATY_STATUS.get(t.status, t.status.replace("_", " "))
    if t.status == "proposed":
        if me in t.parties and me not in t.signed:
            status += ", awaits your signature"
        elif t.signed:
            status += f", signed by {', '.join(t.signed)}"
    parties = " + ".join(t.parties) if t.parties else "no parties"
    return f"{number}. {name}{terms}: {parties} ({status})"


def proposal_label(kind: str, cap: float, parties: tuple[str, ...]) -> str:
    """A treaty proposal in an order list, as the player made it: "Propose a reach ceiling at
    30 to Veyra and Ostrel" (the kind's name as in :func:`treaty_label`, the cap where the kind
    has one)."""
    name = TREATY_NAMES.get(kind, kind.replace("_", " "))
    name = name[0].lower() + name[1:]
    if kind in CAPPED_KINDS:
        name += f" at {round(cap, 1):g}"
    article = "an" if name[0] in "aeiou" else "a"
    said = f"Propose {article} {name}"
    if parties:
        last = parties[-1]
        said += f" to {', '.join(parties[:-1])} and {last}" if len(parties) > 1 else f" to {last}"
    return said


def best_replies(A, B) -> tuple[tuple[int, int], tuple[int, int]]:
    """Each side's best move against each of the other's, in a 2x2 game (0: restrain, 1: arm):
    the row's best answer to the column restraining and arming, then the column's to the row's
    (ties go to restraint)."""
    row = tuple(int(A[1, c] > A[0, c]) for c in range(2))
    col = tuple(int(B[r, 1] > B[r, 0]) for r in range(2))
    return (row[0], row[1]), (col[0], col[1])


def reading(A, B, you: str, other: str) -> str:
    """One plain sentence reading a 2x2 game from the row's side ("you"): what pays whatever
    the other does, and whether mutual restraint beats where the game settles.

    "Whatever Mirel does, arming pays you a little more; if you both hold, you both do better:
    that is the trap." """
    (vs_hold, vs_arm), _ = best_replies(A, B)
    gain_h = abs(A[1, 0] - A[0, 0])
    gain_a = abs(A[1, 1] - A[0, 1])
    little = " a little" if max(gain_h, gain_a) < 0.5 else ""
    if vs_hold == vs_arm == 1:
        first = f"Whatever {other} does, arming pays you{little} more"
    elif vs_hold == vs_arm == 0:
        first = f"Whatever {other} does, holding back pays you{little} more"
    elif vs_hold == 0 and vs_arm == 1:
        first = f"Your best move is {other}'s: hold if it holds, arm if it arms"
    else:
        first = f"Your best move is the opposite of {other}'s: arm if it holds, hold if it arms"
    (_, _), (col_vs_hold, col_vs_arm) = best_replies(A, B)
    both_arm_settles = vs_arm == 1 and col_vs_arm == 1
    both_hold_settles = vs_hold == 0 and col_vs_hold == 0
    hold_better = A[0, 0] > A[1, 1] and B[0, 0] > B[1, 1]
    if both_hold_settles:
        return f"{first}; if you both hold, neither of you gains by arming first."
    if both_arm_settles and hold_better:
        return f"{first}; yet if you both hold, you both do better: that is the trap."
    return f"{first}."


def seat_title(seat: str) -> str:
    """A seat as a player reads it: "human", or the AI opponent's title ("Steady Deterrer",
    "Richardson Reactor"), with its difficulty when it is not the normal one ("Hawk, hard")."""
    if seat == "human":
        return "human"
    parts = seat.split(":")
    name = parts[1] if len(parts) > 1 else seat
    cls = REGISTRY.get(name)
    title = str(getattr(cls, "title", name)) if cls is not None else name
    if len(parts) > 2 and parts[2] != "normal":
        return f"{title}, {parts[2]}"
    return title
