"""What changed, turn by turn, as one seat saw it: the trend behind the panels' numbers and the
turn report at the top of the wires.

Everything here is read from the worlds the game went through (``history[t].events.before``,
then the world now), through the viewer's eyes: its own numbers exactly, every other state's
as its intelligence last saw them (``seen_reach``/``seen_shield``), never the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.events import NOTABLE_BUILD, Events
from game.engine.state import CIVILIAN
from game.session import Session
from game.ui.model.headlines import SEEN_BUILD, leading, seen_pct, visible, your_moves

#: The bars' scale is this many times the largest figure at the start of the game, so a rival
#: that builds up shows a longer bar (the scale grows only if a figure outgrows it).
HEADROOM = 4.0
#: Own numbers whose change the state panel shows.
OWN_TRACKED = ("economy", "reach", "shield", "hardening", "tech", "standing", "support")


@dataclass(frozen=True)
class Trail:
    """The viewer's numbers turn by turn, oldest first, the present last.

    ``reach[j]``/``shield[j]``: state ``j``'s stocks as the viewer saw them after each turn
    (its own exactly); ``own[name]``: the viewer's own ``OWN_TRACKED`` numbers."""

    viewer: int
    reach: tuple[tuple[float, ...], ...]
    shield: tuple[tuple[float, ...], ...]
    own: dict[str, tuple[float, ...]]

    @property
    def turns(self) -> int:
        """How many turns the trail spans (0 before the first)."""
        return len(self.reach[0]) - 1 if self.reach else 0

    def change(self, series: tuple[float, ...]) -> float | None:
        """The change since last turn (None before the first turn)."""
        return series[-1] - series[-2] if len(series) > 1 else None

    def scale(self) -> float:
        """The full length of a rival's bar: ``HEADROOM`` times the largest stock the viewer
        saw at the start, or the largest seen since if that is more (never less than 1)."""
        others = [j for j in range(len(self.reach)) if j != self.viewer]
        start = max([self.reach[j][0] for j in others] + [self.shield[j][0] for j in others] + [0])
        ever = max(
            [max(self.reach[j]) for j in others] + [max(self.shield[j]) for j in others] + [0]
        )
        return max(HEADROOM * start, ever, 1.0)


def worlds_of(session: Session) -> list:
    """The worlds the session went through: before each turn, then now."""
    return [rec.events.before for rec in session.history] + [session.world]


def trail_of(session: Session, viewer: int) -> Trail:
    """The ``viewer``'s trail through ``session`` so far."""
    worlds = worlds_of(session)
    n = session.world.n

    def seen(field: str, j: int) -> tuple[float, ...]:
        if j == viewer:
            return tuple(float(getattr(w, field)[0, j]) for w in worlds)
        return tuple(float(getattr(w, f"seen_{field}")[0, viewer, j]) for w in worlds)

    own = {f: tuple(float(getattr(w, f)[0, viewer]) for w in worlds) for f in OWN_TRACKED}
    return Trail(
        viewer=viewer,
        reach=tuple(seen("reach", j) for j in range(n)),
        shield=tuple(seen("shield", j) for j in range(n)),
        own=own,
    )


def signed(x: float, digits: int = 1) -> str:
    """``+2.1`` / ``-0.6`` (a true minus sign) / ``0.0``."""
    if round(x, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{x:+.{digits}f}".replace("-", "\u2212")


def _stock(label: str, series: tuple[float, ...], approx: bool) -> str:
    """``"Reach 30.0 (+2.0)"``: a stock and its change over the turn. Another state's stock is
    the viewer's estimate, and so is its change: it moves with what intelligence saw (a misread
    shield, noise), even in a turn the other state held, so it says so ("our estimate +47.0")."""
    now = series[-1]
    mark = "~" if approx else ""
    text = f"{label} {mark}{now:.1f}"
    if len(series) > 1 and round(now - series[-2], 1) != 0:
        change = signed(now - series[-2])
        text += f" (our estimate {change})" if approx else f" ({change})"
    return text


def report(events: Events, trail: Trail, names: tuple[str, ...], shield_shown: bool) -> list[str]:
    """What each state did last turn as the viewer saw it, one short line each: every other
    state's arms build as intelligence saw it and where its reach (and shield, where the lesson
    has shields) now seems to be; then the viewer's own move exactly (arms share, cut, economy,
    reach)."""
    me = trail.viewer
    spend = events.spend[0, me]
    total = float(spend.sum())
    arms = float(spend.sum() - spend[CIVILIAN])
    share = arms / total if total > 0 else 0.0
    cut = float(events.cut[0, me])
    did = f"armed ({round(100 * share)}% of your budget)" if share >= 0.005 else "held"
    if cut > 0:
        did += f", dismantled {cut:.1f} reach"
    moves = your_moves(events, me)
    if moves:  # "You: held" never hides a diplomatic move
        did += "; you " + (moves[0] if len(moves) == 1 else ", ".join(moves[:-1]))
        did += f" and {moves[-1]}" if len(moves) > 1 else ""
    parts = [
        _stock("Economy", trail.own["economy"], False),
        _stock("reach", trail.reach[me], False),
    ]
    if shield_shown:
        parts.append(_stock("shield", trail.shield[me], False))
    own = f"You: {did}. {', '.join(parts)}."
    lines = []
    for j, name in enumerate(names):
        if j == me:
            continue
        seen = float(events.signal[0, me, j])
        pct = round(100 * seen)
        if seen >= NOTABLE_BUILD:
            did = f"armed (~{seen_pct(seen)} of its budget, as your intelligence saw it)"
        elif pct > 0:
            did = f"built little (~{pct}% of its budget to arms, as seen)"
        else:
            did = "held (no arms build seen)"
        parts = [_stock("Reach", trail.reach[j], True)]
        if shield_shown:
            parts.append(_stock("shield", trail.shield[j], True))
        lines.append(f"{name}: {did}. {', '.join(parts)}.")
    # The others first: your own numbers' changes are also beside them in your state's panel,
    # and in large text the wires have room for a line or two.
    return [*lines, own]


#: Wire reports that lead the panel, before the turn report (``headlines`` sorts them first).
URGENT = frozenset({"war", "crisis", "crisis_answer", "violation_detected"})


def turn_lines(
    events: Events, trail: Trail, names: tuple[str, ...], shield_shown: bool, wires: list[str]
) -> list[str]:
    """War and crisis news first, then the turn report, then the other wire reports it does not
    repeat (an intelligence report on a build it already gives; "a quiet turn", since it says
    what every state did)."""
    me = trail.viewer
    urgent = leading([e for e in events.records(0) if visible(e, names[me])])
    repeated = {
        SEEN_BUILD.format(a=names[me], b=name, share=seen_pct(events.signal[0, me, j]))
        for j, name in enumerate(names)
        if j != me
    }
    rest = [w for w in wires[urgent:] if w not in repeated and not w.startswith("A quiet turn")]
    # Each state's account of its visible diplomatic move ("Diplomacy: ...", labelled so that
    # it is not read as the reason for the arms build above it) goes right under what it did,
    # so it is on screen even when the wires run long.
    why = {
        name: [w for w in rest if w.startswith((f"Diplomacy: {name} ", f"Diplomacy: {name}:"))]
        for name in names
    }
    said = {w for lines in why.values() for w in lines}
    body: list[str] = []
    for line in report(events, trail, names, shield_shown):
        body.append(line)
        for name in names:
            if line.startswith(f"{name}: "):
                body += why[name]
    return wires[:urgent] + body + [w for w in rest if w not in said]
