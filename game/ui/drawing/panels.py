"""Drawn panels of the turn screen: your state, your rivals as you see them, the headlines.

Each is rendered once per view into a surface, with the tooltip regions of its numbers (relative
to the panel; the scene moves them to where the panel is drawn).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.drawing import text as txt
from game.ui.drawing.game_board import draw_shape, sanction_mark
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, PANEL_EDGE, TEXT, Palette
from game.ui.model.trend import Trail, signed
from game.ui.model.views import Figure, StateView, TurnView

Regions = list[tuple[pygame.Rect, str]]


def sanction_lines(view: TurnView, st: StateView) -> list[str]:
    """The sanctions on ``st`` in words, one a sanctioner, as its panel says them ("you" for the
    viewer): who imposes it, for how many turns, and what it costs."""
    me = view.states[view.viewer].name if view.viewer is not None else None
    mine = st.name == me
    out = []
    for x in st.sanctions:
        by = "you" if x.by == me else x.by
        held = ""
        if x.since is not None:
            n = view.turn - x.since + 1
            held = f" for {n} turn{'s' if n != 1 else ''} (since turn {x.since})"
        start = "Under sanctions" if mine else f"{st.name} is under sanctions"
        whose = "your" if mine else "its"
        out.append(f"{start} from {by}{held}: {whose} growth, support and trade with {by} suffer.")
    return out


OWN_FIELDS = (
    ("economy", "Economy", "Output per turn; a fifth or so of it is your budget."),
    ("budget", "Budget", "What you can spend this turn; the rest goes to the economy."),
    ("reach", "Reach", "Strike force kept at home: what deters, and what frightens."),
    ("shield", "Shield", "Interceptors: stops a small salvo whole, is swamped by a large one."),
    ("hardening", "Hardening", "Share of your reach that survives a disarming first strike."),
    ("tech", "Tech", "Build efficiency: each unit of budget buys this much more."),
    ("standing", "Standing", "Credibility of your word; lost by backing down, won by drills."),
    (
        "support",
        "Support",
        "Domestic support for the defence burden; too low and programmes get cancelled.",
    ),
)


def own_lines(
    view: TurnView, diplomacy: tuple[str, ...], trail: Trail | None = None
) -> tuple[str, ...]:
    """The keys of ``OWN_FIELDS`` the lesson uses: economy, budget and reach always; shield and
    hardening where they are budget lines (or the state holds some); tech where joint
    programmes can move it; support where programmes or deployments depend on it; standing
    where signals or treaties use it, or once it has moved (a crisis backed down from)."""
    me = view.states[view.viewer if view.viewer is not None else 0]
    cats = set(view.categories)
    groups = set(diplomacy)
    moved = trail is not None and max(trail.own["standing"]) - min(trail.own["standing"]) > 0.005
    keep = {
        "economy": True,
        "budget": True,
        "reach": True,
        "shield": "shield" in cats or me.shield.value > 0,
        "hardening": "hardening" in cats,
        "tech": "programmes" in groups,
        "standing": bool(groups & {"signals", "treaties"}) or moved,
        "support": bool(groups & {"programmes", "deployments"}),
    }
    return tuple(k for k, _, _ in OWN_FIELDS if keep[k])


def _panel(size: tuple[int, int], title: str, s: float) -> pygame.Surface:
    surf = pygame.Surface(size)
    surf.fill(PANEL)
    pygame.draw.rect(surf, PANEL_EDGE, surf.get_rect(), 1)
    if " (" in title and txt.font(round(15 * s), True).size(title)[0] > size[0] - round(16 * s):
        title = title.split(" (")[0]  # the gloss goes when large text leaves no room for it
    surf.blit(txt.render(title, round(15 * s), MUTED, True), (round(8 * s), round(4 * s)))
    return surf


def own_panel(
    view: TurnView,
    width: int,
    palette: Palette,
    s: float,
    lines: tuple[str, ...] | None = None,
    trail: Trail | None = None,
):
    """Your state's numbers (``lines``: which of ``OWN_FIELDS``, default all) in two columns,
    each with a tooltip, and with ``trail`` its change since last turn beside it."""
    me = view.states[view.viewer if view.viewer is not None else 0]
    fields = [f for f in OWN_FIELDS if lines is None or f[0] in lines]
    rows = max(1, -(-len(fields) // 2))
    size = round(16 * s)
    row = round(24 * s)
    note_fs = round(14 * s)
    notes = [
        line
        for said in sanction_lines(view, me)
        for line in txt.wrap(said, note_fs, width - round(40 * s))
    ]
    note_step = round(note_fs * 1.3)
    h = round(30 * s) + rows * row + round(6 * s) + len(notes) * note_step
    surf = _panel((width, h), f"{me.name}: your state", s)
    regions: Regions = []
    values = {
        "economy": me.economy,
        "budget": view.budget,
        "reach": me.reach.value,
        "shield": me.shield.value,
        "hardening": me.hardening or 0.0,
        "tech": me.tech or 0.0,
        "standing": me.standing,
        "support": me.support or 0.0,
    }
    fine = ("hardening", "tech", "standing", "support")
    col_w = (width - round(16 * s)) // 2
    for k, (key, label, why) in enumerate(fields):
        x = round(8 * s) + (k // rows) * col_w
        y = round(28 * s) + (k % rows) * row
        value = values[key]
        digits = 2 if key in fine else 1
        shown = f"{value:.{digits}f}"
        lab = txt.render(label, size, MUTED)
        surf.blit(lab, (x, y))
        num = txt.render(shown, size, TEXT, True)
        nx = x + col_w - num.get_width() - round(12 * s)
        surf.blit(num, (nx, y))
        tip = f"{label} {shown}: {why}"
        delta = _own_change(trail, key, view)
        if delta is not None and round(delta, digits) != 0:
            words = signed(delta, digits)
            tint = ACCENT  # more reach is neither good nor bad in itself
            if key == "economy":
                tint = palette.good if delta > 0 else palette.bad
            d = txt.render(words, round(13 * s), tint)
            dx = nx - d.get_width() - round(8 * s)
            if dx > x + lab.get_width() + round(6 * s):  # only where it fits between them
                surf.blit(d, (dx, y + round(2 * s)))
            tip = f"{label} {shown} ({words} since last turn): {why}"
        regions.append((pygame.Rect(x, y, col_w - round(8 * s), row), tip))
    if notes:
        y0 = round(28 * s) + rows * row + round(2 * s)
        x0 = round(8 * s)
        mid = y0 + note_fs // 2 + round(2 * s)
        sanction_mark(
            surf, palette.sanction, (x0, mid), (x0 + round(22 * s), mid), 2, round(12 * s), 0
        )
        y = y0
        for line in notes:
            surf.blit(txt.render(line, note_fs, palette.sanction), (round(36 * s), y))
            y += note_step
        regions.append(
            (
                pygame.Rect(x0, y0, width - 2 * x0, len(notes) * note_step),
                " ".join(sanction_lines(view, me))
                + " Sanctions end only when the state that imposed them lifts them.",
            )
        )
    colour = palette.states[me.index % len(palette.states)]
    corner = (width - round(18 * s), round(14 * s))
    draw_shape(surf, me.shape, corner, round(8 * s), colour, TEXT, 1)
    return surf, regions


def _own_change(trail: Trail | None, key: str, view: TurnView) -> float | None:
    if trail is None or trail.turns == 0:
        return None
    if key == "reach":
        return trail.change(trail.reach[trail.viewer])
    if key == "shield":
        return trail.change(trail.shield[trail.viewer])
    if key in trail.own:
        return trail.change(trail.own[key])
    return None


def rivals_panel(
    view: TurnView, width: int, palette: Palette, s: float, trail: Trail | None = None
):
    """Each other state as you see it: reach and shield with their likely range, your trust.

    With ``trail`` the bars keep one scale for the whole game (``Trail.scale``), so a rival
    that builds up shows a longer bar; each shows its change since last turn and, beneath it,
    a thin trace of every turn's figure."""
    me = view.viewer if view.viewer is not None else 0
    others = [st for st in view.states if st.index != me]
    name_w = round(120 * s)
    bar_w = (width - name_w - round(150 * s)) // 2
    # Narrow (large text): each rival on three lines, its bars below its name and trust.
    stacked = bar_w < round(70 * s)
    row = round(92 * s) if stacked else round(48 * s)
    h = round(28 * s) + row * len(others) + round(4 * s)
    surf = _panel((width, h), "Others, as you see them (bars: the likely range)", s)
    regions: Regions = []
    top = max([st.reach.high for st in others] + [st.shield.high for st in others] + [1.0])
    if trail is not None:
        top = max(top, trail.scale())
    if stacked:
        bar_w = (width - round(26 * s)) // 2
    rows = _RivalRows(width, s, name_w, bar_w, stacked, top, palette, trail)
    for k, st in enumerate(others):
        regions += _rival(surf, view, me, st, round(28 * s) + k * row, rows)
    return surf, regions


@dataclass(frozen=True)
class _RivalRows:
    """How the rivals panel lays out a rival's row, and the figure a full bar stands for."""

    width: int
    s: float
    name_w: int
    bar_w: int
    stacked: bool  # three lines a rival: the bars below its name and trust
    top: float  # a full bar
    palette: Palette
    trail: Trail | None


def _rival(
    surf: pygame.Surface, view: TurnView, me: int, st: StateView, y: int, rows: _RivalRows
) -> Regions:
    """One rival's row from ``y``: its shape, name and role (or "ally"), its bars, your trust
    and the tension between you; returns the tooltips' regions."""
    s = rows.s
    regions: Regions = []
    bars_x, bars_y = (round(8 * s), y + round(44 * s)) if rows.stacked else (rows.name_w, y)
    colour = rows.palette.states[st.index % len(rows.palette.states)]
    draw_shape(surf, st.shape, (round(16 * s), y + round(12 * s)), round(8 * s), colour, TEXT, 1)
    name = txt.render(st.name, round(15 * s), TEXT, True)
    surf.blit(name, (round(30 * s), y))
    if st.sanctions:  # the sanction's mark beside its name, and the word where it fits
        x0 = round(36 * s) + name.get_width()
        mid = y + name.get_height() // 2
        sanction_mark(
            surf, rows.palette.sanction, (x0, mid), (x0 + round(16 * s), mid), 2, round(10 * s), 0
        )
        word = txt.render("sanctioned", round(12 * s), rows.palette.sanction)
        spot = pygame.Rect(x0, y, round(18 * s), name.get_height())
        if x0 + round(20 * s) + word.get_width() <= rows.name_w - round(4 * s):
            surf.blit(word, (x0 + round(20 * s), mid - word.get_height() // 2))
            spot.w += round(2 * s) + word.get_width()
        regions.append((spot, " ".join(sanction_lines(view, st))))
    lk = view.link(me, st.index)
    tag = "ally" if lk is not None and lk.allied else st.role
    surf.blit(txt.render(tag, round(13 * s), MUTED), (round(30 * s), y + round(20 * s)))
    shown = [("reach", st.reach)]
    if "shield" in view.categories or st.shield.high > 0:
        shown.append(("shield", st.shield))
    for j, (label, fig) in enumerate(shown):
        x = bars_x + j * (rows.bar_w + round(10 * s))
        regions.append(_rival_bar(surf, st, label, fig, (x, bars_y), tag == "ally", rows))
    x = rows.width // 2 if rows.stacked else rows.name_w + 2 * (rows.bar_w + round(10 * s))
    belief = st.belief if st.belief is not None else 1.0
    surf.blit(txt.render(f"trust {belief:.0%}", round(15 * s), TEXT), (x, y))
    tension = lk.tension if lk is not None else 0.0
    warn = rows.palette.bad if lk is not None and lk.crisis else MUTED
    surf.blit(txt.render(f"tension {tension:.2f}", round(13 * s), warn), (x, y + round(20 * s)))
    regions.append(
        (
            pygame.Rect(x, y, rows.width - x, round(42 * s)),
            f"Your belief that {st.name} only seeks security (not gains): {belief:.0%}. "
            f"Tension between you: {tension:.2f} "
            f"(a crisis opens at {view.crisis_threshold:.2f}).",
        )
    )
    return regions


def _rival_bar(
    surf: pygame.Surface,
    st: StateView,
    label: str,
    fig: Figure,
    at: tuple[int, int],
    ally: bool,
    rows: _RivalRows,
) -> tuple[pygame.Rect, str]:
    """A rival's ``label`` (reach or shield) at ``at``: its figure and change since last turn,
    a bar with the likely range, the trace of every turn; returns its tooltip's region."""
    s, bar_w, top, trail, palette = rows.s, rows.bar_w, rows.top, rows.trail, rows.palette
    x, bars_y = at
    colour = palette.states[st.index % len(palette.states)]
    series = None
    if trail is not None and st.index < len(trail.reach):
        series = (trail.reach if label == "reach" else trail.shield)[st.index]
    change = trail.change(series) if trail is not None and series else None
    lab = txt.render(f"{label} ~{fig.value:.1f}", round(13 * s), MUTED)
    surf.blit(lab, (x, bars_y))
    if change is not None and round(change, 1) != 0:
        # A rival growing stronger is the "bad" colour for you; an ally's, neutral.
        tint = palette.bad if change > 0 and not ally else ACCENT
        d = txt.render(signed(change), round(13 * s), tint, True)
        if lab.get_width() + round(6 * s) + d.get_width() <= bar_w:
            surf.blit(d, (x + lab.get_width() + round(6 * s), bars_y))
    by = bars_y + round(22 * s)
    bh = round(10 * s)
    pygame.draw.rect(surf, (50, 58, 68), (x, by, bar_w, bh))
    lo, hi, mid = (round(bar_w * min(f / top, 1.0)) for f in (fig.low, fig.high, fig.value))
    pygame.draw.rect(surf, colour, (x, by, max(mid, 1), bh))
    if fig.high > 0:
        pygame.draw.line(surf, TEXT, (x + lo, by + bh // 2), (x + hi, by + bh // 2), 2)
        pygame.draw.line(surf, TEXT, (x + lo, by - 2), (x + lo, by + bh + 2), 2)
        pygame.draw.line(surf, TEXT, (x + hi, by - 2), (x + hi, by + bh + 2), 2)
    if series is not None and len(series) > 1:
        _trace(
            surf,
            series,
            pygame.Rect(x, by + bh + round(3 * s), bar_w, round(7 * s)),
            top,
            colour,
            s,
        )
    tip = (
        f"{st.name}'s {label} as you see it: about {fig.value:.1f}, likely between "
        f"{fig.low:.1f} and {fig.high:.1f}. Intelligence and verified treaties narrow "
        "the range; a shield can be mistaken for reach."
    )
    if series is not None and len(series) > 1:
        tip += (
            f" Last turn you saw about {series[-2]:.1f}; at the start {series[0]:.1f}."
            f" The bars keep one scale all game (full: {top:.0f}); the line beneath"
            " traces every turn."
        )
    return pygame.Rect(x, bars_y, bar_w, round(42 * s)), tip


def _trace(
    surf: pygame.Surface,
    series: tuple[float, ...],
    box: pygame.Rect,
    top: float,
    colour: tuple[int, int, int],
    s: float,
) -> None:
    """A thin history line under a bar: one point a turn, oldest at the left, as high as its
    figure relative to the highest seen (a rising line: the state is building up)."""
    n = len(series)
    high = max(max(series), top / 4, 1e-9)  # its own height, so a trend shows even when small
    pts = [
        (
            box.x + round(box.w * k / max(n - 1, 1)),
            box.bottom - round(box.h * min(max(v, 0.0) / high, 1.0)),
        )
        for k, v in enumerate(series)
    ]
    pygame.draw.lines(surf, colour, False, pts, max(1, round(s)))
    pygame.draw.circle(surf, colour, pts[-1], max(2, round(2 * s)))


def headlines_panel(
    lines: list[str], turn: int, size: tuple[int, int], s: float, start: int = 0, more: str = ""
):
    """Last turn's wire reports (before the first turn, the briefing).

    With ``more`` (the key that pages the panel on; the wheel over it scrolls it) nothing is
    left out unsaid: the panel shows the wrapped rows from row ``start``, and when some do not
    fit a note says how many entries go on below and how to reach them (on the title's row
    when there is room, else on the last row), the title when some are above. Without it,
    only the first entry may be cut, with "...", and the rest are left out (for a caller that
    fits the lines itself, as the demo does)."""
    title = _head_title(turn)
    if more:
        return _scrolled_headlines(lines, title, size, s, start, more)
    surf = _panel(size, title, s)
    fs = round(15 * s)
    y = round(28 * s)
    width = size[0] - round(30 * s)
    for k, line in enumerate(lines):
        wrapped = txt.wrap(line, fs, width)
        room = (size[1] - round(4 * s) - y) // round(fs * 1.25)
        cut = room < len(wrapped)
        if cut and (k > 0 or room < 1):
            break
        if cut:  # the first entry is shown in part rather than not at all
            last = wrapped[room - 1]
            while " " in last and txt.font(fs).size(last + " ...")[0] > width:
                last = last.rsplit(" ", 1)[0]
            wrapped = (*wrapped[: room - 1], last + " ...")
        surf.blit(txt.render("-", fs, MUTED), (round(10 * s), y))
        y = txt.blit_lines(surf, wrapped, (round(22 * s), y), fs, TEXT) + round(3 * s)
        if cut:
            break
    return surf


def _head_rows(lines: list[str], size: tuple[int, int], s: float) -> list[tuple[int, bool, str]]:
    """Every entry's wrapped rows: (entry, whether its last row, text)."""
    fs, width = round(15 * s), size[0] - round(30 * s)
    rows = []
    for k, line in enumerate(lines):
        wrapped = txt.wrap(line, fs, width) or [""]
        rows += [(k, r == len(wrapped) - 1, text) for r, text in enumerate(wrapped)]
    return rows


def headlines_shown(
    lines: list[str], turn: int, size: tuple[int, int], s: float, start: int = 0, more: str = ""
) -> tuple[int, int]:
    """How many wrapped rows from row ``start`` a :func:`headlines_panel` paged with ``more``
    shows, and how many rows there are in all."""
    rows = _head_rows(lines, size, s)
    inline = _note(_head_title(turn), size, s, more, 99) is not None
    return _fit(rows, size, s, start, inline), len(rows)


def _head_title(turn: int) -> str:
    return "The wires, last turn" if turn > 0 else "Briefing"


def _note(title: str, size: tuple[int, int], s: float, key: str, below: int) -> str | None:
    """The note on what is below that fits on the title's row, right of the title with "(more
    above)" (the longer, then the shorter wording), or None: it takes the last row."""
    fs = round(15 * s)
    room = size[0] - round(40 * s) - txt.font(fs, True).size(f"{title} (more above)")[0]
    for note in (f"{below} more below: scroll, or press {key}", f"{below} more below: {key}"):
        if txt.font(fs).size(note)[0] <= room:
            return note
    return None


def _fit(
    rows: list[tuple[int, bool, str]], size: tuple[int, int], s: float, start: int, inline: bool
) -> int:
    step, gap = round(round(15 * s) * 1.25), round(3 * s)
    top, bottom = round(28 * s), size[1] - round(4 * s)

    def count(limit: int) -> int:
        y, n = top, 0
        for _, last, _ in rows[start:]:
            if y + step > limit:
                break
            y, n = y + step + (gap if last else 0), n + 1
        return n

    whole = count(bottom)
    if inline or start + whole >= len(rows):
        return max(whole, 1)
    return max(count(bottom - step - round(2 * s)), 1)  # room for the note below


def _scrolled_headlines(
    lines: list[str], title: str, size: tuple[int, int], s: float, start: int, more: str
) -> pygame.Surface:
    rows = _head_rows(lines, size, s)
    start = min(max(start, 0), max(len(rows) - 1, 0))
    surf = _panel(size, title + (" (more above)" if start > 0 else ""), s)
    fs = round(15 * s)
    step, gap = round(fs * 1.25), round(3 * s)
    inline = _note(title, size, s, more, 99) is not None
    shown = _fit(rows, size, s, start, inline)
    y = round(28 * s)
    for r in range(start, start + shown):
        k, last, text = rows[r]
        if r == 0 or rows[r - 1][0] != k:  # an entry's first row
            surf.blit(txt.render("-", fs, MUTED), (round(10 * s), y))
        surf.blit(txt.render(text, fs, TEXT), (round(22 * s), y))
        y += step + (gap if last else 0)
    if start + shown < len(rows):
        below = len({k for k, _, _ in rows[start + shown :]})
        said = _note(title, size, s, more, below)
        note = txt.render(said or f"{below} more below: scroll here, or press {more}", fs, ACCENT)
        if said is not None:  # on the title's row, at its right
            at = (size[0] - round(10 * s) - note.get_width(), round(4 * s))
        else:
            at = (round(22 * s), size[1] - round(4 * s) - step)
        surf.blit(note, at)
    return surf
