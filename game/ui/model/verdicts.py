"""The end screen's verdict on each of the player's objectives, where the game can measure it.

A lesson's objectives are sentences written for the state the lesson is about (its default human
seat). Some kinds can be checked against the record, whatever the lesson: a larger economy than
at the start, keeping the peace (with the states named, or every pair), keeping tension below
the crisis line, a state's support above the review line, the others' belief that you are a
security seeker, a force that deters a named state at the end, your reach within a treaty's cap,
an inspection made at least once (whether it was worth its cost stays the player's to judge).
Every other objective (a decision to take, something to notice) is the player's to judge, and
says so; so does a sentence that asks for more than the measured part.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.core import war_of
from game.engine.actions import REACH_CEILING
from game.engine.deterrence import exchange
from game.engine.treaties import caps_for
from game.session import Session


@dataclass(frozen=True)
class Verdict:
    """The verdict on one objective: met, missed or the player's to judge, and why."""

    objective: str
    met: bool | None  # None: the game cannot measure it
    why: str


def objective_seat(session: Session) -> int:
    """The state the lesson's objectives are written for: its default human seat when a human
    plays it, else the first human seat (else seat 0)."""
    defaults = session.scenario.default_seats
    written = next((i for i, s in enumerate(defaults) if s.split(":")[0] == "human"), 0)
    humans = session.human_seats
    if written in humans or not humans:
        return written
    return humans[0]


def _named(text: str, names: tuple[str, ...], me: int) -> set[int]:
    return {j for j, n in enumerate(names) if j != me and n in text}


def verdict(session: Session, objective: str, me: int, so_far: bool = False) -> Verdict:
    """The verdict on one ``objective`` for seat ``me``: at the end of the game, or (``so_far``)
    where it stands in the middle of one, in the present tense ("you do not yet deter Ostrel",
    not "at the end, you did not deter Ostrel")."""
    t = objective.lower()
    names = session.scenario.names
    compound = ", and " in t or " while " in t
    if "economy" in t and ("larger" in t or "stronger" in t or "bigger" in t) and not compound:
        start = float(
            (session.history[0].events.before if session.history else session.world).economy[0, me]
        )
        end = float(session.world.economy[0, me])
        met = end > start
        why = f"your economy went from {start:.0f} to {end:.0f}"
        if f"{start:.0f}" == f"{end:.0f}":  # unchanged as shown: not "from 100 to 100"
            held = "has held" if so_far else "held"
            shade = "" if end == start else f", a shade {'above' if met else 'below'} its start"
            why = f"your economy {held} steady at {end:.0f}{shade}"
        return Verdict(objective, met, why)
    if "crisis line" in t and not compound:
        named = _named(objective, names, me)
        for rec in session.history:
            after = rec.events.after
            for j in range(session.world.n):
                if j != me and (not named or j in named) and after.crisis[0, me, j] > 0.5:
                    return Verdict(
                        objective, False, f"a crisis opened with {names[j]} in turn {rec.turn + 1}"
                    )
        if so_far:
            return Verdict(objective, True, "tension has stayed below the crisis line")
        return Verdict(objective, True, "tension stayed below the crisis line all game")
    if "support" in t and "review line" in t:
        named = _named(objective, names, me)
        who = min(named) if named else me
        line = float(session.world.param("review_threshold")[0])
        worlds = [rec.events.after for rec in session.history] or [session.world]
        low = min(float(w.support[0, who]) for w in worlds)
        subject = "your" if who == me else f"{names[who]}'s"
        if low > line:
            return Verdict(objective, True, f"{subject} support was never lower than {low:.2f}")
        why = f"{subject} support fell to {low:.2f}, below the review line ({line:.2f})"
        w = session.world
        if so_far and float(w.support[0, who]) < line:  # what it risks now (model.md, 5)
            hosts = float(w.fwd_reach[0, :, who].sum() + w.fwd_shield[0, :, who].sum()) > 0
            abroad = float(w.fwd_reach[0, who].sum() + w.fwd_shield[0, who].sum()) > 0
            joint = float(w.programme[0, who].sum()) > 0
            only_hosting = hosts and not abroad and not joint  # then it is the costliest
            risk = "the hosting" if only_hosting else f"{subject} costliest programme"
            why += f", and while it stays there a review may cancel {risk}"
        return Verdict(objective, False, why)
    if "believing" in t and "security seeker" in t:
        w = session.world
        doubters = [names[j] for j in range(w.n) if j != me and float(w.belief[0, j, me]) < 0.5]
        if doubters:
            doubt = f"{' and '.join(doubters)} {'doubt' if len(doubters) > 1 else 'doubts'} it"
            if not so_far:
                doubt = f"{' and '.join(doubters)} ended doubting it"
            return Verdict(objective, False, f"{doubt} (below 50%)")
        believe = (
            "every other state believes it" if so_far else "every other state ended believing it"
        )
        return Verdict(objective, True, f"{believe} (50% or more)")
    if " deters " in t and not compound:
        named = _named(objective, names, me)
        margins = exchange(session.world).margin
        short = [names[j] for j in sorted(named) if float(margins[0, me, j]) < 0]
        if named and so_far:
            if short:
                return Verdict(objective, False, f"you do not yet deter {short[0]}")
            return Verdict(objective, True, "your second strike deters them now")
        if named:
            if short:
                return Verdict(objective, False, f"at the end, you did not deter {short[0]}")
            return Verdict(objective, True, "at the end, your second strike deterred them")
    if "within the cap" in t:
        return _within_cap(session, objective, me, so_far)
    if "inspect at least once" in t:
        you = names[me]
        looked = [
            rec.turn + 1
            for rec in session.history
            if any(e.kind == "inspection" and e.actors[:1] == (you,) for e in rec.events.records(0))
        ]
        judge = "whether it was worth its cost is yours to judge"
        if looked:
            listed = ", ".join(map(str, looked[:-1])) + " and " if len(looked) > 1 else ""
            when = ("turns " if len(looked) > 1 else "turn ") + listed + str(looked[-1])
            return Verdict(objective, True, f"you inspected in {when}; {judge}")
        if so_far:  # there may be a treaty to inspect later: not yet a miss
            return Verdict(objective, None, "you have not inspected yet")
        return Verdict(objective, False, "you never inspected")
    if "war" in t or "peace" in t:
        turn, pair = war_of(session)
        if turn is None or pair is None:
            turns = "1 turn" if session.turn == 1 else f"{session.turn} turns"
            fact = f"no war has broken out in {turns}" if so_far else f"no war broke out in {turns}"
            return Verdict(objective, None if compound else True, fact)
        a, b = names.index(pair[0]), names.index(pair[1])
        named = _named(objective, names, me)
        if "every pair" in t or not named:
            hit = True
        else:
            hit = bool({a, b} & named) and (me in (a, b) or {a, b} <= named)
        fact = f"{pair[0]} struck {pair[1]} in turn {turn}"
        if compound:
            return Verdict(objective, False if hit else None, fact)
        return Verdict(objective, not hit, fact if hit else f"{fact}, not a war of yours")
    return Verdict(objective, None, "yours to judge: the debrief's story and charts help")


def _within_cap(session: Session, objective: str, me: int, so_far: bool) -> Verdict:
    """ "Keep your reach within the cap" (and, if it says so, every pair out of war): your
    reach after every turn against the tightest reach ceiling binding you then."""
    worlds = [rec.events.after for rec in session.history]
    worlds = [session.history[0].events.before, *worlds] if session.history else [session.world]
    bound, over = False, None
    for t, w in enumerate(worlds):
        cap = float(caps_for(w, REACH_CEILING)[0, me])
        if cap == float("inf"):
            continue
        bound = True
        reach = float(w.reach[0, me])
        if reach > cap + 0.05 and over is None:
            over = (t, reach, cap)
    if over is not None:
        t, reach, cap = over
        when = f"after turn {t}" if t else "at the start"
        return Verdict(
            objective, False, f"your reach was {reach:.1f}, over the cap of {cap:g}, {when}"
        )
    if so_far:
        fact = "your reach has stayed within the cap" if bound else "no reach cap binds you yet"
    else:
        fact = "your reach stayed within the cap" if bound else "no reach cap bound you"
    if "war" in objective.lower():
        turn, pair = war_of(session)
        if turn is not None and pair is not None:
            return Verdict(objective, False, f"{pair[0]} struck {pair[1]} in turn {turn}")
        turns = "1 turn" if session.turn == 1 else f"{session.turn} turns"
        fact += f", and no war {'has broken' if so_far else 'broke'} out in {turns}"
    return Verdict(objective, True, fact)


def verdicts(session: Session) -> list[Verdict]:
    """A verdict on each of the lesson's objectives, for the seat they are written for."""
    me = objective_seat(session)
    return [verdict(session, o, me) for o in session.scenario.objectives]


def briefing(session: Session, seat: int) -> list[str]:
    """The turn screen's briefing before the first turn for ``seat``: the lesson's summary and
    every objective for the state they are written for; for any other human seat (hot-seat),
    its own state's part and the aims every state shares, not another state's objectives."""
    sc = session.scenario
    if seat == objective_seat(session):
        return [sc.summary, *sc.objectives]
    text = sc.texts[seat]
    lead = sc.names[objective_seat(session)]
    return [
        sc.summary,
        f"You lead {sc.names[seat]}, {text.role}: {text.description}",
        "Your aims: keep out of war until the last turn, and end with a larger economy than "
        f"you started with. The lesson's own objectives are {lead}'s: watch how it plays.",
    ]
