"""The turn report: after each turn, what each state did as your intelligence saw it, what
changed for you (every number with its change, and why in plain words tied to the model), then
the news that matters to your objectives.

Pure data, no window: the report scene animates it, the projector demo narrates it. Everything is
read through the viewer's eyes: its own numbers exactly, every other state's as its intelligence
saw them, the AI's reasons only for moves other states can see (``public`` reasons), never the
truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.events import Events
from game.engine.orders import unit_costs
from game.engine.state import CIVILIAN, REACH, SHIELD
from game.session import Session, split_reason
from game.ui.model.plain_words import STANDING_MEANS
from game.ui.model.trend import Trail, report, signed, trail_of

#: The own numbers the report can show, with their words and decimals.
OWN_NUMBERS: dict[str, tuple[str, int]] = {
    "economy": ("Economy", 1),
    "reach": ("Reach", 1),
    "shield": ("Shield", 1),
    "hardening": ("Hardening", 2),
    "tech": ("Tech", 2),
    "standing": ("Standing", 2),
    "support": ("Support", 2),
}
#: News about these kinds of event leads (war, crises, a broken treaty).
URGENT_KINDS = ("war", "crisis", "crisis_answer", "violation_detected")


@dataclass(frozen=True)
class Change:
    """One number before and after the turn, and why it moved (plain words)."""

    label: str
    before: float
    after: float
    digits: int = 1
    why: str = ""

    @property
    def delta(self) -> float:
        return self.after - self.before

    def at(self, t: float) -> str:
        """The number ``t`` of the way from before to after (0..1), with the whole change:
        "Economy 104.0 (+4.0)" (the count-up of the animation)."""
        t = min(max(t, 0.0), 1.0)
        now = self.before + (self.after - self.before) * t
        text = f"{self.label} {now:.{self.digits}f}"
        if round(self.delta, self.digits) != 0:
            text += f" ({signed(self.delta, self.digits)})"
        return text


@dataclass(frozen=True)
class Move:
    """What another state did, as seen: ``did``, its arms as seen, with ``why`` (what the model
    says moves a state to arm; a state never tells why it spends), and ``diplomacy``, its own
    public account of the diplomatic moves it made in plain view. A diplomatic reason is told
    on its own labelled line, never as the reason for an arms build it does not explain."""

    name: str
    index: int
    did: str
    why: str | None = None
    diplomacy: str | None = None


@dataclass(frozen=True)
class TurnReport:
    """One seat's report on the turn just played (``turn``: 1 for the first)."""

    turn: int
    viewer: str
    moves: tuple[Move, ...]
    own: str  # what you did, in one line
    changes: tuple[Change, ...]  # your numbers
    tensions: tuple[Change, ...]  # the tension between you and each other state
    news: tuple[str, ...]  # the events that matter to your objectives, most urgent first
    #: State index -> the change of its reach as you saw it (the board's arrows).
    arrows: dict[int, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The whole report as plain lines, in the order it is told (the narration)."""
        out = [f"Turn {self.turn}: what happened"]
        for m in self.moves:
            out.append(f"{m.name}: {m.did}")
            if m.why:
                out.append(f"Why: {m.why}")
            if m.diplomacy:
                out.append(f"Diplomacy: {m.diplomacy}")
        out.append(self.own)
        for c in (*self.changes, *self.tensions):
            out.append(c.at(1.0) + (f": {c.why}" if c.why else ""))
        out += list(self.news)
        return out


def _own_why(key: str, ch: Change, share: float, cut: float, built: float) -> str:
    """Why one of your numbers moved, in the model's terms."""
    d = round(ch.delta, ch.digits)
    if d == 0:
        return ""
    if key == "economy":
        if d > 0:
            if share >= 0.005:
                return (
                    f"the {100 - round(100 * share)}% of your budget not spent on arms was "
                    "invested and grew it"
                )
            return "your whole budget went to the civilian economy, which grew it"
        return "arms upkeep, burden or sanctions outweighed its growth"
    if key in ("reach", "shield"):
        if built > 0 and d > 0:
            return f"you built {built:.1f}, less what wears out each turn"
        if cut > 0 and key == "reach":
            return f"you dismantled {cut:.1f}"
        if d < 0:
            return "forces wear out a little each turn unless you build"
        return ""
    if key == "standing":
        word = f"standing is {STANDING_MEANS}"
        if d > 0:
            return f"{word}, and it counts for more now"
        return f"{word}; backing down or broken vows cost it"
    if key == "support":
        return "the defence burden sits easier" if d > 0 else "the defence burden or fear weighs"
    return ""


def _guess(
    did: str,
    your_share: float,
    rival: bool = True,
    your_reach: float = 0.0,
    told: bool = False,
    guests: str = "",
) -> str | None:
    """When a state gives no public account of an arms build: what the model says moves a state
    to arm, tied to what it saw you do (no more than you know). Your reach is named only where
    you are its rival and hold some (an ally's reach frightens nobody in this model, and no
    reach frightens anyone); ``guests``: the patrons whose reach you host, if any; ``told``: it
    explained a diplomatic move, on its own line, so what it left unexplained is its build."""
    if not did.startswith("armed"):
        return None
    head = "it gave no reason for its build" if told else "it gave no reason"
    general = f"{head}; in this model a state arms when a rival's reach frightens it"
    if not rival:
        return f"{general}, and you are its ally, not its rival"
    if your_reach < 0.05:
        hosted = f"; the reach you host is {guests}'s" if guests else ""
        return f"{general}, and you hold no reach of your own{hosted}"
    you = "your reach" if your_share >= 0.05 else "your reach, even while you held,"
    return f"{general}, and {you} is part of what it sees"


def _tension_why(d: float, you_armed: bool, they_armed: bool) -> str:
    if d > 0.005:
        if you_armed and they_armed:
            return "both of you built arms, and each reads the other's as a threat"
        if they_armed:
            return "the build you saw makes you more afraid"
        if you_armed:
            return "your build frightens them"
        return "old fears and what each side can strike feed it"
    if d < -0.005:
        return "calm turns let it ease"
    return ""


def turn_report(
    session: Session,
    seat: int,
    events: Events,
    shown: tuple[str, ...] = ("economy", "reach"),
    wires: list[str] | None = None,
) -> TurnReport:
    """The report of the last turn for ``seat``. ``shown``: the own numbers the lesson's panel
    shows; ``wires``: the turn's wire reports for this seat (the news is drawn from them)."""
    names = session.scenario.names
    me = seat
    trail: Trail = trail_of(session, seat)
    before, after = events.before, session.world
    shields = "shield" in shown
    reasons = session.runner.reasons_in(0, public=True)
    lines = report(events, trail, names, shields)
    spend = events.spend[0, me]
    total = float(spend.sum())
    share = float(total - spend[CIVILIAN]) / total if total > 0 else 0.0
    your_reach = max(float(before.reach[0, me]), float(after.reach[0, me]))
    moves = []
    for line in lines[:-1]:
        name, _, did = line.partition(": ")
        j = names.index(name)
        rival = float(before.alliance[0, me, j]) < 0.5
        told = reasons.get(name)
        hosts = [p for p in range(len(names)) if p != j and float(before.fwd_reach[0, p, me]) > 0]
        guests = " and ".join(names[p] for p in hosts)
        why = _guess(did, share, rival, your_reach, bool(told), guests)
        moves.append(Move(name, j, did, why, told))
    cut = float(events.cut[0, me])
    per_unit = unit_costs(before)[0, me]
    changes = []
    for key in shown:
        if key not in OWN_NUMBERS:
            continue
        label, digits = OWN_NUMBERS[key]
        series = trail.own[key]
        b0 = series[-2] if len(series) > 1 else series[-1]
        built = 0.0
        if key in ("reach", "shield"):
            k = REACH if key == "reach" else SHIELD
            built = float(spend[k]) / float(per_unit[k]) if per_unit[k] > 0 else 0.0
        ch = Change(label, b0, series[-1], digits)
        why = _own_why(key, ch, share, cut, built)
        changes.append(Change(label, b0, series[-1], digits, why))
    you_armed = share >= 0.05
    tensions = []
    for j, name in enumerate(names):
        if j == me:
            continue
        t0, t1 = float(before.tension[0, me, j]), float(after.tension[0, me, j])
        they = float(events.signal[0, me, j]) >= 0.05
        tensions.append(
            Change(f"Tension with {name}", t0, t1, 2, _tension_why(t1 - t0, you_armed, they))
        )
    arrows = {}
    for j in range(len(names)):
        d = trail.change(trail.reach[j])
        if d is not None and abs(d) >= 0.05:
            arrows[j] = d
    return TurnReport(
        turn=events.turn + 1,
        viewer=names[me],
        moves=tuple(moves),
        own=lines[-1].split(". ")[0] + ".",  # its numbers follow, one a line
        changes=tuple(changes),
        tensions=tuple(tensions),
        news=tuple(news_for(events, names, me, wires or [], session)),
        arrows=arrows,
    )


def news_for(
    events: Events, names: tuple[str, ...], me: int, wires: list[str], session: Session
) -> list[str]:
    """The wire reports that matter to the viewer's objectives: war and crisis news first,
    then what names the viewer or a state its objectives name; the report's own lines (what
    each state built, the AI's reasons) are not repeated."""
    objectives = " ".join(session.scenario.objectives) if me == _objective_seat(session) else ""
    mine = {names[me]} | {n for n in names if n in objectives}
    # Already told above: the AI's reasons, the builds seen, your own build.
    skip = ("Why: ", "Diplomacy: ", "Intelligence in ", "A quiet turn", f"{names[me]} puts ")
    urgent, rest = [], []
    caught = any("caught breaking" in w for w in wires)
    for w in wires:
        if w.startswith(skip):
            continue
        if any(k in w.lower() for k in ("war ", "crisis", "caught breaking")):
            urgent.append(w)
        elif caught and "inspectors visit" in w:  # the cause, before the catch it led to
            first = next((k for k, u in enumerate(urgent) if "caught breaking" in u), len(urgent))
            urgent.insert(first, w)
        elif any(n in w for n in mine):
            rest.append(w)
    return urgent + rest + standing_of_objectives(session, me)


def standing_of_objectives(session: Session, me: int) -> list[str]:
    """Where the viewer stands on each objective the game can measure, so far ("On track: your
    economy went from 100 to 104"); nothing for a seat the lesson's objectives are not written
    for, nor for an objective that is the player's to judge."""
    from game.ui.model.verdicts import verdict

    if me != _objective_seat(session):
        return []
    out = []
    ended = session.over  # the report on the last turn: the verdict is no longer "so far"
    for objective in session.scenario.objectives:
        v = verdict(session, objective, me, so_far=not ended)
        if v.met is not None:
            head = ("On track" if v.met else "Off track") + ("" if ended else " so far")
            out.append(f"{head}: {v.why}.")
    return out


def narration(session: Session, events: Events) -> list[str]:
    """The projector demo's report of the turn, for a room that sees every seat: what each
    state did (its true arms share) and its own reasons: why it spent as it did beside its
    arms, why it made its diplomatic moves on a line of their own; then the turn's news."""
    from game.ui.model.headlines import headlines

    names = session.scenario.names
    reasons, public = session.runner.reasons_in(0), session.runner.reasons_in(0, public=True)
    out = [f"Turn {events.turn + 1}:"]
    for j, name in enumerate(names):
        spend = events.spend[0, j]
        total = float(spend.sum())
        share = float(total - spend[CIVILIAN]) / total if total > 0 else 0.0
        did = f"armed ({round(100 * share)}% of its budget)" if share >= 0.005 else "held"
        diplomacy, spending = split_reason(name, reasons.get(name, ""), public.get(name, ""))
        out.append(f"{name} {did}" + (f". Why: {spending}" if spending else "."))
        if diplomacy:
            out.append(f"Diplomacy: {diplomacy}")
    news = headlines(events, None, limit=10)
    out += [w for w in news if " puts " not in w and not w.startswith("A quiet turn")]
    return out


def _objective_seat(session: Session) -> int:
    from game.ui.model.verdicts import objective_seat

    return objective_seat(session)
