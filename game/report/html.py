"""The classroom report as ONE self-contained HTML page.

Nothing in the page is fetched: no external stylesheet, script, font or image. The charts are
PNGs embedded as ``data:`` URIs, the style sheet is inline (with a print style sheet: a page per
section, white backgrounds, charts at the page's width), and there is no script at all. Every
string that comes from a scenario file, a save or the analysis goes through :func:`html.escape`,
since a teacher can edit those files.

:func:`render` builds the page from a session, its analysis and the chart PNGs; it draws no
chart itself (:func:`game.report.export` does), so it is cheap to call in tests.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from game.analysis import Analysis, bet_report
from game.analysis.bets import solo_game
from game.analysis.counterfactuals import ARM_SHARE
from game.analysis.words import (
    game_title,
    landing_sentences,
    outcome_kind,
    outcome_sentence,
    tag_words,
)
from game.glossary import CONCEPTS, concept_for_game
from game.theory import GAME_EXPLANATIONS

#: The sections of the report, in order: anchor -> heading.
SECTIONS: dict[str, str] = {
    "story": "The story",
    "bet": "The bet",
    "charts": "The charts",
    "theory": "The theory",
    "counterfactuals": "What else could have happened",
    "quiz": "The quiz",
    "discussion": "Discussion questions",
    "how-to-read": "How to read this report",
}

#: How to read each chart of ``game.analysis.charts.FIGURES`` (a chart not listed gets none).
CAPTIONS: dict[str, str] = {
    "arms": (
        "One line per state, reach (the force that can strike) on the left and shield (what can "
        "stop a strike) on the right, each counting forces stationed abroad. Lines climbing "
        "together are an arms race; lines that flatten or fall are restraint."
    ),
    "stability": (
        "One line per pair of rivals. 1 means neither side gains anything by striking first. "
        "Below the grey dashed line at 0.5, striking first pays much better than being struck, "
        "so each side has reason to fear the other will go first."
    ),
    "tension": (
        "One line per pair, from 0 (calm) to 1 (at the brink). Above the red dashed crisis line "
        "the pair is in crisis: each side must back down, stand firm or escalate, and war can "
        "break out."
    ),
    "beliefs": (
        "One panel per state. The thick pale line is the state's true reach; each dashed line "
        "is what another state believed it to be. A dashed line above the thick one means the "
        "state was thought stronger than it was: the raw material of a spiral."
    ),
    "economy": (
        "Each state's economy. Budget spent on arms is not invested, so a long race shows as "
        "slower growth; a war, as a sudden fall."
    ),
    "score": (
        "The engine's running score: each turn's well-being (economy, security, standing) "
        "discounted and added up. Higher is better; compare where the lines end."
    ),
    "phase_plane": (
        "The main rivalry as one path: one state's reach across, the other's up, a dot per turn "
        "and arrows in time order (square: start, cross: end). When the pair's arms followed a "
        "race, two broken lines show where, by the fitted Richardson model, each side would "
        "neither build nor cut, and where they cross is the fitted equilibrium; otherwise the "
        "note above the plot says why no race was fitted."
    ),
    "stage_timeline": (
        "One row per pair and one column per turn; the colour names the 2x2 game the pair "
        "faced at that point (legend beside the chart; hatched: the game was over). The same "
        "names are listed turn by turn in the table under 'The theory'."
    ),
    "counterfactuals": (
        "One panel per state: its score as played (solid line) against the same world and seed "
        "replayed with everyone restraining and signing (green dashed) and with everyone arming "
        "(red dotted)."
    ),
}

RIGHT = '<span class="right">right</span>'
WRONG = '<span class="wrong">wrong</span>'
SAME_SEED = "the same seed replays the same world"

KIND_LABELS: dict[str, str] = {
    "security_seeker": "security seeker",
    "expansionist": "expansionist",
}

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 62rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    Arial, sans-serif;
  font-size: 17px; line-height: 1.5; color: #1f1f1f; background: #ffffff;
}
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.5rem; margin: 0 0 0.8rem; padding-bottom: 0.3rem;
  border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.15rem; margin: 1.4rem 0 0.5rem; }
section, header.report, footer.report { margin: 0 0 2.5rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem;
  color: #57606a; margin: 0; }
.idea { font-size: 1.2rem; font-style: italic; margin: 0 0 1rem; }
.outcome { font-size: 1.1rem; font-weight: 600; padding: 0.6rem 0.9rem; margin: 0 0 1rem;
  border-left: 6px solid #0072b2; background: #f3f8fc; }
.outcome.war { border-left-color: #b2182b; background: #fbf1f1; }
.outcome.open { border-left-color: #6e7781; background: #f6f8fa; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem;
  margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
nav.contents ol { columns: 2; margin: 0.3rem 0 0; }
nav.contents a { color: #0550ae; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.reading td { border-top: none; color: #424a53; font-size: 0.9rem; }
table.timeline td, table.timeline th { padding: 0.15rem 0.4rem; font-size: 0.85rem; }
table.timeline td.changed { font-weight: 700; }
ol.points { padding-left: 0; list-style: none; }
ol.points > li { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 0.9rem;
  margin: 0 0 0.8rem; break-inside: avoid; }
.tag { display: inline-block; font-size: 0.8rem; font-weight: 700; padding: 0.05rem 0.5rem;
  border-radius: 999px; border: 1px solid #8c959f; margin-right: 0.4rem; }
.tag.war, .tag.crisis { border-color: #b2182b; color: #8e1020; }
.turn { font-weight: 700; margin-right: 0.4rem; }
.theory, .concept { margin: 0.3rem 0 0; font-size: 0.93rem; color: #424a53; }
.concept b { color: #1f1f1f; }
figure { margin: 1rem 0 2rem; break-inside: avoid; }
figure img { display: block; width: 100%; max-width: 100%; height: auto;
  border: 1px solid #d0d7de; }
figcaption { font-size: 0.93rem; color: #424a53; margin-top: 0.4rem; }
figcaption b { color: #1f1f1f; }
.muted { color: #57606a; }
.right { color: #1a7f37; font-weight: 600; }
.wrong { color: #b2182b; font-weight: 600; }
.box { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 0.9rem; margin: 0 0 1rem; }
ol.quiz > li { margin-bottom: 1rem; break-inside: avoid; }
ul.choices { margin: 0.2rem 0; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; font-size: 1rem; background: #ffffff; color: #000000; }
  nav.contents { display: none; }
  section, footer.report { break-before: page; page-break-before: always; margin: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .outcome, .outcome.war, .outcome.open, th, .box { background: #ffffff; }
  figure { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; }
  figure img { width: 100%; max-width: 100%; max-height: 135mm; object-fit: contain;
    border: none; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, ol.points > li, ol.quiz > li { break-inside: avoid; page-break-inside: avoid; }
  a { color: #000000; text-decoration: none; }
}
"""


# --------------------------------------------------------------------------------------------
# Small helpers


def esc(value: Any) -> str:
    """Text for HTML, escaped (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def num(x: float | None, places: int = 2) -> str:
    """A number for the report, ``places`` decimals; a dash where there is none."""
    if x is None:
        return "–"
    x = float(x)
    if not math.isfinite(x):
        return "–"
    text = f"{x:.{places}f}"
    return "0" if re.fullmatch(r"-?0\.?0*", text) else text


def short_definition(text: str, at_least: int = 60) -> str:
    """The first sentence of a glossary definition (the first two when the first is shorter
    than ``at_least`` characters, as "Asks: ...?" is)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", " ".join(text.split()))
    out = ""
    for sentence in sentences:
        out = f"{out} {sentence}".strip()
        if len(out) >= at_least:
            break
    return out


def seat_label(seat: str) -> str:
    """``human`` -> "a human team", ``ai:NAME[:LEVEL]`` -> "AI: NAME (LEVEL)"."""
    if seat == "human":
        return "a human team"
    parts = seat.split(":")
    if parts[0] == "ai" and len(parts) >= 2:
        level = f" ({parts[2]})" if len(parts) > 2 else ""
        return f"AI: {parts[1]}{level}"
    return seat


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI, so the report needs no other file."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --------------------------------------------------------------------------------------------
# Sections


def _header(session: Any, a: Analysis) -> str:
    sc = session.scenario
    cls, outcome = outcome_kind(a), outcome_sentence(a)
    idea = sc.idea or sc.summary
    seat_rows = []
    for i, name in enumerate(a.names):
        seat = a.seats[i] if i < len(a.seats) else ""
        role = ""
        try:
            role = sc.text(name).role
        except (KeyError, IndexError):
            pass
        seat_rows.append(
            f"<li><b>{esc(name)}</b>{' (' + esc(role) + ')' if role else ''}: "
            f"{esc(seat_label(seat))}</li>"
        )
    turns = f"{a.turns_played} of {a.turns_total}" if a.turns_total else str(a.turns_played)
    objectives = "".join(f"<li>{esc(o)}</li>" for o in sc.objectives)
    contents = "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in SECTIONS.items())
    return f"""<header class="report" id="top">
<p class="kicker">Delicate Balance &middot; classroom report</p>
<h1>{esc(a.title)}</h1>
<p class="idea">{esc(idea)}</p>
<p class="outcome {cls}">{esc(outcome)}</p>
<dl class="facts">
<dt>Scenario</dt><dd>{esc(sc.title)} <span class="muted">({esc(a.scenario_id)})</span></dd>
<dt>Seed</dt><dd>{esc(a.seed)} <span class="muted">({SAME_SEED})</span></dd>
<dt>Turns played</dt><dd>{esc(turns)}</dd>
<dt>Seats</dt><dd><ul>{"".join(seat_rows)}</ul></dd>
<dt>Objectives</dt><dd><ul>{objectives}</ul></dd>
</dl>
<nav class="contents" aria-label="Contents"><b>Contents</b><ol>{contents}</ol></nav>
</header>"""


def _section(key: str, body: str) -> str:
    return f'<section id="{key}">\n<h2>{esc(SECTIONS[key])}</h2>\n{body}\n</section>'


def _story(a: Analysis) -> str:
    if not a.turning_points:
        return _section(
            "story",
            "<p>Nothing in this game crossed the lines the story watches for (a spiral, a "
            "crisis, a fall in first-strike stability, reassurance that worked, a treaty in "
            "trouble, a costly signal, war). The charts below still show how it went.</p>",
        )
    items = []
    for tp in a.turning_points:
        card = CONCEPTS.get(tp.concept)
        concept = ""
        if card is not None:
            concept = (
                f'<p class="concept">Concept: <b>{esc(card.title)}</b>: '
                f"{esc(short_definition(card.definition))}</p>"
            )
        tag_cls = tp.tag if tp.tag in ("war", "crisis") else ""
        items.append(
            f'<li><span class="turn">Turn {esc(tp.turn)}</span>'
            f'<span class="tag {tag_cls}">{esc(tag_words(tp.tag).capitalize())}</span>'
            f"<p>{esc(tp.text)}</p>"
            f'<p class="theory"><b>Theory:</b> {esc(tp.theory)}</p>{concept}</li>'
        )
    intro = (
        "<p>The moments of this game worth discussing, in turn order, each with the idea it "
        "shows.</p>"
    )
    return _section("story", intro + '<ol class="points">' + "".join(items) + "</ol>")


def _bet(session: Any, a: Analysis) -> str:
    bet = session.scenario.bet
    if bet is None:
        return _section("bet", '<p class="muted">This scenario has no bet.</p>')
    r = bet_report(a, bet, session.answers.bet, solo_game(session))
    parts = [
        f"<p><b>The question</b> (asked before turn {esc(r.ask_before)}, revealed after turn "
        f"{esc(r.reveal_turn)}): {esc(r.question)}</p>",
        '<ul class="choices">' + "".join(f"<li>{esc(c)}</li>" for c in r.choices) + "</ul>",
        f"<p>{esc(r.placed_sentence)}</p>",
        f"<p>{esc(r.expected_sentence)} {esc(r.explanation)}</p>",
    ]
    if not r.revealed:
        parts.append(f'<p class="muted">{esc(r.reason)}</p>')
        return _section("bet", "\n".join(parts))
    parts.append(f"<p><b>{esc(r.happened_sentence)}</b></p>")
    if r.early_sentence:
        parts.append(f'<p class="muted">{esc(r.early_sentence)}</p>')
    if r.verdict_sentence:
        cls = "right" if r.called_it else "wrong"
        parts.append(f'<p><span class="{cls}">{esc(r.verdict_sentence)}</span></p>')
    if r.theory_sentence:
        parts.append(f'<p class="muted">{esc(r.theory_sentence)}</p>')
    return _section("bet", "\n".join(parts))


def _charts(a: Analysis, charts: Mapping[str, bytes], titles: Mapping[str, str]) -> str:
    figs = []
    for name, title in titles.items():
        data = charts.get(name)
        if data is None:
            continue
        caption = CAPTIONS.get(name, "")
        figs.append(
            f'<figure id="chart-{esc(name)}">'
            f'<img src="{data_uri(data)}" alt="{esc(title)}" data-chart="{esc(name)}">'
            f"<figcaption><b>{esc(title)}.</b> {esc(caption)}</figcaption></figure>"
        )
    if a.war_turn is not None:
        lead = (
            f"<p>Every chart runs from the start (turn 0) to the last turn played; a dotted red "
            f"line marks turn {a.war_turn}, when war broke out.</p>"
        )
    else:
        lead = "<p>Every chart runs from the start (turn 0) to the last turn played.</p>"
    return _section("charts", lead + "\n".join(figs))


def _fits(a: Analysis) -> str:
    if not a.fits:
        return (
            '<p class="muted">Every pair was allied at some point, so there is no rivalry to '
            "fit.</p>"
        )
    rows = []
    for f in a.fits:
        pair = f"{f.a}–{f.b}"
        if f.fit is None:
            rows.append(
                f'<tr><th scope="row">{esc(pair)}</th>'
                f'<td colspan="6" class="muted">{esc(f.reading)}</td></tr>'
            )
            continue
        c = f.fit
        eq = (
            f"{num(f.equilibrium[0], 1)}, {num(f.equilibrium[1], 1)}"
            if f.equilibrium is not None
            else "none"
        )
        stable = {True: "yes", False: "no", None: "not known"}[f.stable]
        rows.append(
            f'<tr><th scope="row">{esc(pair)}</th>'
            f'<td class="num">{num(c.k, 3)} / {num(c.l, 3)}</td>'
            f'<td class="num">{num(c.a, 3)} / {num(c.b, 3)}</td>'
            f'<td class="num">{num(c.g, 2)} / {num(c.h, 2)}</td>'
            f'<td class="num">{esc(eq)}</td><td>{stable}</td>'
            f'<td class="num">{num(c.r2[0])} / {num(c.r2[1])}</td></tr>'
            f'<tr class="reading"><td></td><td colspan="6">{esc(f.reading)}</td></tr>'
        )
    return (
        "<p>Richardson's model: each side's arms grow with the other's (fear, <i>k</i> and "
        "<i>l</i>), shrink with their own burden (fatigue, <i>a</i> and <i>b</i>), and carry a "
        "standing grievance (<i>g</i>, <i>h</i>). The race settles when fatigue outweighs fear "
        "(<i>ab</i> &gt; <i>kl</i>). Each pair's reach series is fitted; the first number is "
        "the first state's, the second the other's.</p>"
        '<table class="fits"><thead><tr><th>Pair</th><th class="num">Fear k / l</th>'
        '<th class="num">Fatigue a / b</th><th class="num">Grievance g / h</th>'
        '<th class="num">Equilibrium reach</th><th>Settles?</th><th class="num">Fit R²</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def timeline_rows(a: Analysis) -> list[tuple[int, int, tuple[str, ...]]]:
    """The stage-game timeline as runs: ``(first, last, names)`` per run of points (0: the
    start, ``t``: after turn ``t``) where no pair's game changed, names in pair order."""
    pairs = sorted(a.stage_names)
    points = a.series.turns + 1
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    for t in range(points):
        row = tuple(a.stage_names[p][t] if t < len(a.stage_names[p]) else "" for p in pairs)
        if runs and runs[-1][2] == row:
            runs[-1] = (runs[-1][0], t, row)
        else:
            runs.append((t, t, row))
    return runs


def _timeline(a: Analysis) -> str:
    pairs = sorted(a.stage_names)
    if not pairs:
        return '<p class="muted">No stage games were recorded.</p>'
    head = "".join(f"<th>{esc(a.pair_name(p))}</th>" for p in pairs)
    body = []
    seen: list[str] = []
    previous: tuple[str, ...] | None = None
    for first, last, row in timeline_rows(a):
        cells = []
        for k, name in enumerate(row):
            if name and name not in seen:
                seen.append(name)
            changed = previous is not None and previous[k] != name
            cls = ' class="changed"' if changed else ""
            cells.append(f"<td{cls}>{esc(game_title(name)) if name else ''}</td>")
        label = "start" if first == 0 else str(first)
        if last > first:
            label += f"–{last}"
        if a.war_turn is not None and first <= a.war_turn <= last:
            label += " (war)"
        body.append(f'<tr><th scope="row" class="num">{label}</th>{"".join(cells)}</tr>')
        previous = row
    legend = []
    for name in seen:
        card_id = concept_for_game(name)
        card = CONCEPTS.get(card_id) if card_id else None
        more = GAME_EXPLANATIONS.get(name, "")
        if not more and card is not None:
            more = short_definition(card.definition)
        legend.append(f"<li><b>{esc(game_title(name))}</b>: {esc(more)}</li>")
    return (
        "<p>For every pair at every point, the 2x2 game behind the choice between arming and "
        "restraining (projected three turns ahead, as the in-game theory lens does). A row "
        "<i>t</i> is the game the pair faced after turn <i>t</i> (row 'start': before turn 1); "
        "a row <i>t</i>–<i>u</i> covers turns in which no pair's game changed. Bold marks a "
        "change from the row before.</p>"
        f'<table class="timeline"><thead><tr><th class="num">After turn</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f"<ul>{''.join(legend)}</ul>"
    )


def _beliefs(a: Analysis) -> str:
    s = a.series
    n = s.n
    last = s.turns
    rows = []
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            believed = float(s.seen_reach[last, i, j])
            true = float(s.reach[last, j])
            err = s.seen_reach[:, i, j] - s.reach[:, j]
            worst = int(np.argmax(np.abs(err)))
            trust = float(s.trust[last, i, j])
            kind = s.kinds[j]
            right = (trust >= 0.5) == (kind == "security_seeker")
            verdict = RIGHT if right else WRONG
            when = "start" if worst == 0 else f"turn {worst}"
            rows.append(
                f"<tr><td>{esc(a.names[i])}</td><td>{esc(a.names[j])}</td>"
                f'<td class="num">{num(believed, 1)}</td><td class="num">{num(true, 1)}</td>'
                f'<td class="num">{float(err[worst]):+.1f} ({esc(when)})</td>'
                f'<td class="num">{num(trust)}</td>'
                f"<td>{esc(KIND_LABELS.get(kind, kind))} &middot; {verdict}</td></tr>"
            )
    when = "at the start" if last == 0 else f"after turn {last}"
    return (
        f"<p>What each state believed about each other one, {esc(when)}, against the truth. "
        "Reach is the force seen (forces stationed abroad are in plain sight); <i>trust</i> is "
        "the observer's belief, from 0 to 1, that the other is a security seeker (wanting only "
        "safety) rather than an expansionist. It counts as right when it leans the true way. "
        "The largest misreading is the biggest gap between believed and true reach over the "
        "game: + when the other was thought stronger than it was.</p>"
        '<table class="beliefs"><thead><tr><th>Observer</th><th>About</th>'
        '<th class="num">Believed reach</th><th class="num">True reach</th>'
        '<th class="num">Largest misreading (when)</th><th class="num">Trust</th>'
        "<th>Truly</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _theory(a: Analysis) -> str:
    body = (
        "<h3>The arms race, fitted to Richardson's model</h3>"
        + _fits(a)
        + "<h3>The stage game, turn by turn</h3>"
        + _timeline(a)
        + "<h3>Beliefs against the truth</h3>"
        + _beliefs(a)
    )
    return _section("theory", body)


def _counterfactuals(a: Analysis) -> str:
    restrain = a.counterfactual("restrain")
    arm = a.counterfactual("arm")
    if restrain is None or arm is None:
        return _section(
            "counterfactuals",
            '<p class="muted">The counterfactual replays were not computed for this report '
            "(exported without them).</p>",
        )
    s = a.series
    rows = []
    for i, name in enumerate(a.names):
        land = a.landing.get(name)
        rows.append(
            f'<tr><th scope="row">{esc(name)}</th>'
            f'<td class="num">{num(float(s.score[-1, i]))}</td>'
            f'<td class="num">{num(float(restrain.final_score[i]))}</td>'
            f'<td class="num">{num(float(arm.final_score[i]))}</td>'
            f'<td class="num">{num(land)}</td></tr>'
        )
    notes = []
    for c in (restrain, arm):
        label = c.label.capitalize()
        if c.war:
            notes.append(f"{label}: war on turn {c.war_turn}, which ended that replay")
        else:
            notes.append(f"{label}: no war in {c.series.turns} turns")
    return _section(
        "counterfactuals",
        "<p>The same world and seed replayed twice with every state on one fixed policy: "
        "<i>everyone restrains and signs</i> (the whole budget to the economy, every treaty "
        "signed, every crisis backed down from) and <i>everyone arms</i> "
        f"({ARM_SHARE:.0%} of the budget "
        "to arms, every crisis escalated). Chance falls the same way in all three; only the "
        "choices differ. The landing value places each state's final score on a line where 0 "
        "is where everyone arming would have left it and 1 where everyone restraining would "
        "(clipped to between -0.5 and 1.5).</p>"
        '<table class="landing"><thead><tr><th>State</th><th class="num">Score as played</th>'
        f'<th class="num">{esc(restrain.label.capitalize())}</th>'
        f'<th class="num">{esc(arm.label.capitalize())}</th>'
        '<th class="num">Landed at</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table><ul>"
        + "".join(f"<li>{esc(t)}</li>" for t in landing_sentences(a))
        + '</ul><p class="muted">'
        + esc("; ".join(notes))
        + ".</p>",
    )


def _quiz(session: Any) -> str:
    sc = session.scenario
    quiz = sc.quiz
    if not quiz:
        return _section("quiz", '<p class="muted">This scenario has no quiz.</p>')
    ans = session.answers

    def score(after: bool) -> str:
        got = ans.quiz_score(sc, after)
        return "not taken" if got is None else f"{got} of {len(quiz)} right"

    def given(answers: Sequence[int | None], k: int, q: Any) -> str:
        if not answers:
            return '<span class="muted">not taken</span>'
        v = answers[k] if k < len(answers) else None
        if v is None:
            return '<span class="muted">no answer</span>'
        mark = RIGHT if v == q.answer else WRONG
        return f"{esc(q.choices[v])} &middot; {mark}"

    taken = bool(ans.quiz_before or ans.quiz_after)
    items = []
    for k, q in enumerate(quiz):
        choices = "".join(
            f"<li>{esc(c)}{' <b>(right answer)</b>' if m == q.answer else ''}</li>"
            for m, c in enumerate(q.choices)
        )
        items.append(
            f'<li><p><b>{esc(q.question)}</b></p><ul class="choices">{choices}</ul>'
            + (
                f"<p>Before the game: {given(ans.quiz_before, k, q)}<br>"
                f"After the game: {given(ans.quiz_after, k, q)}</p>"
                if taken
                else ""
            )
            + f'<p class="muted">Why: {esc(q.why)}</p></li>'
        )
    return _section(
        "quiz",
        f'<p class="box"><b>Score before the game:</b> {esc(score(False))}. '
        f"<b>After:</b> {esc(score(True))}.</p>"
        f'<ol class="quiz">{"".join(items)}</ol>',
    )


def _discussion(session: Any) -> str:
    qs = session.scenario.questions
    if not qs:
        return _section("discussion", '<p class="muted">No discussion questions.</p>')
    return _section("discussion", "<ol>" + "".join(f"<li>{esc(q)}</li>" for q in qs) + "</ol>")


def _footer(a: Analysis, save_name: str, csv_name: str) -> str:
    files = ""
    if save_name or csv_name:
        files = (
            f"<p>Beside this page: <b>{esc(csv_name)}</b>, every turn of every state as a "
            f"spreadsheet table, and <b>{esc(save_name)}</b>, the game's save, which the game "
            "opens again to replay or continue it.</p>"
        )
    from game.report.table import column_meanings

    columns = "".join(
        f'<tr><th scope="row"><code>{esc(c)}</code></th><td>{esc(m)}</td></tr>'
        for c, m in column_meanings().items()
    )
    return f"""<footer class="report" id="how-to-read">
<h2>{esc(SECTIONS["how-to-read"])}</h2>
<p>Everything here is fictional: invented states and unit-free numbers from a model, not a
forecast about any real place. The model leaves out much that matters in the world (leaders,
history, ideology, alliances' inner politics); it keeps only the logic of the security dilemma.</p>
<p><b>Reach</b> is the force that can strike, <b>shield</b> what can stop a strike,
<b>first-strike stability</b> (0 to 1) how little anyone gains by striking first, <b>tension</b>
(0 to 1) how close a pair is to crisis, <b>trust</b> (0 to 1) one state's belief that another
wants only security. <b>Score</b> is the engine's running, discounted total of each state's
well-being: higher is better.</p>
<p>Turn numbers count from 1; "turn 0" or "start" is the world before anything was played.
The story names the ideas; the theory section shows the same game through Richardson's model,
the 2x2 games and the beliefs; the counterfactuals ask what the same world would have given
with different choices. Seed {esc(a.seed)} replays this world exactly.</p>
{files}
<h3>The CSV's columns</h3>
<table class="columns"><tbody>{columns}</tbody></table>
</footer>"""


# --------------------------------------------------------------------------------------------


def render(
    session: Any,
    analysis: Analysis,
    charts: Mapping[str, bytes],
    titles: Mapping[str, str] | None = None,
    save_name: str = "",
    csv_name: str = "",
) -> str:
    """The whole report page as text.

    ``charts`` maps chart names to PNG bytes; ``titles`` gives the charts' order and titles
    (default: :data:`game.analysis.charts.FIGURES`); ``save_name`` and ``csv_name`` are the
    file names the footer points to.
    """
    if titles is None:
        from game.analysis.charts import FIGURES

        titles = FIGURES
    a = analysis
    page_title = f"{a.title}, seed {a.seed}: Delicate Balance report"
    parts = [
        _header(session, a),
        "<main>",
        _story(a),
        _bet(session, a),
        _charts(a, charts, titles),
        _theory(a),
        _counterfactuals(a),
        _quiz(session),
        _discussion(session),
        "</main>",
        _footer(a, save_name, csv_name),
    ]
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Delicate Balance">\n'
        f"<title>{esc(page_title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
