"""A class's results, from its groups' saves: the class report, the merged CSV and the student
handout (``python -m game class-report SAVES... --out DIR``, or the teacher's page).

- ``class-report.html`` (for the teacher): each group's outcome side by side; the class's bets
  against what happened in each group; the quiz before and after, per team and for the class
  (with the keys: the teacher's page); the stage game each group's main rivals faced.
- ``class-turns.csv``: one row per group, turn and state, turn 0 (the start) included, with the
  columns ``scenario``, ``seed``, ``group`` and ``team`` before the per-game CSV's own
  (:data:`game.analysis.ROW_COLUMNS`).
- ``handout.html``: one or two printable pages for the students, with room for names: what
  happened in each group, the bet and how the class bet, the discussion questions. No quiz, no
  key, no hidden kind and no hidden stock.

Saves of ordinary games may be given too: each is a group of its own, its teams the human seats
with the save's own answers.
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.analysis import ROW_COLUMNS, analyse, bet_report, turn_rows
from game.analysis.types import Analysis
from game.analysis.words import game_title, outcome_sentence, stage_counts
from game.limits import MAX_SAVE_BYTES, Unreadable, parse_json, read_bounded
from game.report.table import text_cell
from game.saves import SaveError, from_dict, write_atomic
from game.scenarios import Bet, QuizQuestion
from game.session import Answers, Session

CSV_COLUMNS: tuple[str, ...] = ("scenario", "seed", "group", "team", *ROW_COLUMNS)
REPORT = "class-report.html"
CSV_NAME = "class-turns.csv"
HANDOUT = "handout.html"


@dataclass
class Group:
    """One group of the class: its game replayed, analysed, and its teams' answers."""

    number: int
    session: Session
    analysis: Analysis
    teams: dict[str, Answers]  # state name -> that team's answers


def read_save(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A save file as JSON data (bounded, a regular file only); :class:`SaveError` if not."""
    p = Path(path)
    try:
        return parse_json(read_bounded(p, MAX_SAVE_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise SaveError(f"{p.name}: no such save file") from None
    except (Unreadable, UnicodeDecodeError) as exc:
        raise SaveError(f"{p.name}: cannot be read ({exc})") from None


def groups_of(saves: list[dict[str, Any]], names: list[str] | None = None) -> list[Group]:
    """Each save checked and replayed (:func:`game.saves.from_dict`) and analysed."""
    out = []
    for k, data in enumerate(saves):
        name = names[k] if names else f"group {k + 1}"
        session = from_dict(data, name)
        info = data.get("class") if isinstance(data, dict) else None
        number = k + 1
        teams: dict[str, Answers] = {}
        if isinstance(info, dict):
            raw_number = info.get("group")
            if type(raw_number) is int and 1 <= raw_number <= 1000:
                number = raw_number
            raw_teams = info.get("teams")
            if isinstance(raw_teams, dict):
                for team, answers in raw_teams.items():
                    if team in session.scenario.names:
                        try:
                            teams[team] = Answers.from_dict(answers, session.scenario)
                        except ValueError as exc:
                            raise SaveError(f"{name}: field 'class': {exc}") from None
        else:
            for i in session.human_seats:
                teams[session.scenario.names[i]] = session.answers
        out.append(Group(number, session, analyse(session, counterfactuals=False), teams))
    if not out:
        raise SaveError("no saves given")
    first = out[0].session.scenario.id
    if any(g.session.scenario.id != first for g in out):
        raise SaveError("the saves are of different lessons: give one class's saves")
    return out


# ------------------------------------------------------------------------ the merged CSV


def merged_rows(groups: list[Group]) -> list[dict[str, Any]]:
    """The merged CSV's rows: per group, turn 0 (the start) and then every turn played."""
    rows: list[dict[str, Any]] = []
    for g in groups:
        a = g.analysis
        s = a.series
        sid, seed = a.scenario_id, a.seed
        team = {n: (n if n in g.teams else "") for n in a.names}
        for i, name in enumerate(a.names):
            others = [j for j in range(s.n) if j != i]
            rivals = [j for j in range(s.n) if (min(i, j), max(i, j)) in a.rivals]
            rows.append(
                {
                    "scenario": sid,
                    "seed": seed,
                    "group": g.number,
                    "team": team[name],
                    "turn": 0,
                    "state": name,
                    "seat": a.seats[i] if i < len(a.seats) else "",
                    "kind": s.kinds[i],
                    "reach": float(s.reach[0, i]),
                    "shield": float(s.shield[0, i]),
                    "hardening": float(s.hardening[0, i]),
                    "economy": float(s.economy[0, i]),
                    "budget": None,
                    "spend_reach": None,
                    "spend_shield": None,
                    "spend_hardening": None,
                    "spend_intel": None,
                    "spend_civilian": None,
                    "support": float(s.support[0, i]),
                    "standing": float(s.standing[0, i]),
                    "score": float(s.score[0, i]),
                    "tension_mean": float(np.mean(s.tension[0, i, others])) if others else 0.0,
                    "stability_min": (float(np.min(s.stability[0, i, rivals])) if rivals else None),
                    "trust_in_mean": float(np.mean(s.trust[0, others, i])) if others else 1.0,
                    "belief_error_mean": (
                        float(np.mean(s.seen_reach[0, others, i] - s.reach[0, i]))
                        if others
                        else 0.0
                    ),
                    "events": 0,
                }
            )
        for row in turn_rows(a):
            rows.append(
                {"scenario": sid, "seed": seed, "group": g.number, "team": team[row["state"]]} | row
            )
    rows.sort(key=lambda r: (r["group"], r["turn"]))
    return rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    return value


def merged_csv(groups: list[Group]) -> str:
    """The merged CSV's text (text cells never start a spreadsheet formula)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in merged_rows(groups):
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
    return buf.getvalue()


# ------------------------------------------------------------------------ the class report

CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:62rem;
color:#1d2430;padding:0 1rem}table{border-collapse:collapse;margin:.4rem 0 1rem}th,td{border:1px
solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem}.muted{color:#666}
@media print{body{margin:0}}"""


def _e(x: Any) -> str:
    return html.escape(str(x))


def _main_pair(a: Analysis) -> tuple[int, int] | None:
    return a.main_pair or (a.rivals[0] if a.rivals else None)


def _stage_runs(a: Analysis, pair: tuple[int, int]) -> str:
    names = a.stage_names.get(pair, ())
    runs: list[str] = []
    start = 0
    for t in range(1, len(names) + 1):
        if t == len(names) or names[t] != names[start]:
            span = f"turn {start}" if t - 1 == start else f"turns {start}-{t - 1}"
            runs.append(f"{span}: {game_title(names[start])}")
            start = t
    return "; ".join(runs)


def _stage_summary(a: Analysis) -> str:
    pair = _main_pair(a)
    if pair is None:
        return "no rival pair"
    counts = stage_counts(a, pair)
    top = game_title(counts[0][0]) if counts else "-"
    return f"{a.pair_name(pair)}: mostly {top}"


def _quiz_score(answers: Answers, group: Group, after: bool) -> int | None:
    return answers.quiz_score(group.session.scenario, after)


def class_report_html(saves: list[dict[str, Any]], names: list[str] | None = None) -> str:
    """The class report of the groups' save data (see the module docstring)."""
    return _report(groups_of(saves, names))


def _report(groups: list[Group]) -> str:
    """The class report's page: the head, then a section each for the outcomes, the stage games,
    the bets and the quiz (those two when the lesson has them)."""
    sc = groups[0].session.scenario
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Class report: "
        f"{_e(sc.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>Class report: {_e(sc.title)}</h1><p>{_e(sc.idea or sc.summary)}</p>",
        f"<p class='muted'>{len(groups)} group(s); seeds "
        f"{_e(', '.join(str(g.session.seed) for g in groups))}. The same seed is the same "
        "world: groups on one seed differ only by their choices.</p>",
    ]
    parts.append(_outcomes_section(groups))
    parts.extend(_stage_section(groups))
    if sc.bet is not None:
        parts.extend(_bets_section(groups, sc.bet))
    if sc.quiz:
        parts.extend(_quiz_section(groups, sc.quiz))
    parts.append(
        "<p class='muted'>Each group's own report (with its charts): "
        "<code>python -m game report group-G.json --out DIR</code>. The turns of "
        f"every group are in {CSV_NAME}.</p></body></html>"
    )
    return "\n".join(parts)


def _row(heading: str, cells: Iterable[str]) -> str:
    return f"<tr><th>{heading}</th>" + "".join(cells) + "</tr>"


def _outcomes_section(groups: list[Group]) -> str:
    """Each group's outcome side by side: seed, seats, outcome, each state's end, stage game."""
    names = groups[0].session.scenario.names
    head = "".join(f"<th>Group {g.number}</th>" for g in groups)
    rows = [
        _row("Seed", (f"<td>{g.session.seed}</td>" for g in groups)),
        _row(
            "Seats",
            (
                "<td>"
                + "<br>".join(_e(f"{n}: {s}") for n, s in zip(names, g.analysis.seats, strict=True))
                + "</td>"
                for g in groups
            ),
        ),
        _row("Outcome", (f"<td>{_e(outcome_sentence(g.analysis))}</td>" for g in groups)),
    ]
    for i, name in enumerate(names):
        rows.append(
            _row(
                f"{_e(name)}: score, reach",
                (
                    f"<td class='n'>{g.analysis.series.score[-1, i]:.2f}, "
                    f"{g.analysis.series.reach[-1, i]:.1f}</td>"
                    for g in groups
                ),
            )
        )
    rows.append(
        _row(
            "Stage game of the main rivals",
            (f"<td>{_e(_stage_summary(g.analysis))}</td>" for g in groups),
        )
    )
    return f"<h2>Each group's outcome</h2><table><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def _stage_section(groups: list[Group]) -> list[str]:
    """The stage game each group's main rivals faced, turn by turn."""
    parts = ["<h2>The stage game each group faced</h2><ul>"]
    for g in groups:
        pair = _main_pair(g.analysis)
        text = (
            "no rival pair"
            if pair is None
            else (f"{g.analysis.pair_name(pair)}: {_stage_runs(g.analysis, pair)}")
        )
        parts.append(f"<li>Group {g.number}: {_e(text)}</li>")
    parts.append("</ul>")
    return parts


def _bets_section(groups: list[Group], bet: Bet) -> list[str]:
    """Each team's bet against what happened in its group, and the class's tally."""
    parts = [
        f"<h2>The class's bets against what happened</h2><p>{_e(bet.question)}</p>",
        "<table><tr><th>Group</th><th>Team</th><th>Bet</th><th>What happened</th>"
        "<th>Called it</th></tr>",
    ]
    tally = [0] * len(bet.choices)
    called = 0
    placed = 0
    for g in groups:
        for team, answers in sorted(g.teams.items()):
            rep = bet_report(g.session, bet, answers.bet)
            if answers.bet is not None:
                tally[answers.bet] += 1
                placed += 1
                called += bool(rep.called_it)
            parts.append(
                f"<tr><td>{g.number}</td><td>{_e(team)}</td><td>"
                f"{_e('-' if answers.bet is None else bet.choices[answers.bet])}</td><td>"
                f"{_e(rep.happened_sentence)}</td><td>"
                f"{'-' if rep.called_it is None else ('yes' if rep.called_it else 'no')}"
                "</td></tr>"
            )
    parts.append(
        "</table><p>The class: "
        + "; ".join(f"{_e(c)} {n}" for c, n in zip(bet.choices, tally, strict=True))
        + f". {called} of {placed} bet(s) called it. "
        f"{_e(f'The lesson expects: {bet.choices[bet.answer]}')}</p>"
    )
    return parts


def _mean(xs: list[int]) -> str:
    return "-" if not xs else f"{sum(xs) / len(xs):.1f}"


def _quiz_section(groups: list[Group], quiz: Sequence[QuizQuestion]) -> list[str]:
    """Each team's quiz score before and after with the class's means, then how many got each
    question right before and after, with its key."""
    parts = [
        "<h2>The quiz before and after</h2><table><tr><th>Group</th><th>Team</th>"
        f"<th>Before (of {len(quiz)})</th><th>After</th></tr>"
    ]
    before_scores: list[int] = []
    after_scores: list[int] = []
    right = np.zeros((2, len(quiz)))
    taken = [0, 0]
    for g in groups:
        for team, answers in sorted(g.teams.items()):
            b = _quiz_score(answers, g, False)
            a = _quiz_score(answers, g, True)
            for k, given in enumerate((answers.quiz_before, answers.quiz_after)):
                if given:
                    taken[k] += 1
                    for q, (ans, spec) in enumerate(zip(given, quiz, strict=False)):
                        right[k, q] += ans == spec.answer
            if b is not None:
                before_scores.append(b)
            if a is not None:
                after_scores.append(a)
            parts.append(
                f"<tr><td>{g.number}</td><td>{_e(team)}</td><td class='n'>"
                f"{'-' if b is None else b}</td><td class='n'>"
                f"{'-' if a is None else a}</td></tr>"
            )
    parts.append(
        f"<tr><th colspan='2'>Class mean</th><td class='n'>{_mean(before_scores)}"
        f"</td><td class='n'>{_mean(after_scores)}</td></tr></table>"
    )
    parts.append(
        "<table><tr><th>Question</th><th>Key</th><th>Right before</th><th>Right after</th></tr>"
    )
    for q, spec in enumerate(quiz):
        cells = ["-" if not taken[k] else f"{right[k, q]:.0f} of {taken[k]}" for k in range(2)]
        parts.append(
            f"<tr><td>{_e(spec.question)}</td><td>{_e(spec.choices[spec.answer])}"
            f"</td><td>{cells[0]}</td><td>{cells[1]}</td></tr>"
        )
    parts.append("</table>")
    return parts


# ------------------------------------------------------------------------ the handout


def handout_html(groups: list[Group]) -> str:
    """One or two printable pages for the students: no quiz, no key, no hidden kind."""
    sc = groups[0].session.scenario
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Handout: {_e(sc.title)}</title><style>{CSS}"
        ".line{border-bottom:1px solid #999;height:1.8rem}@page{size:A4;margin:15mm}"
        "</style></head><body>",
        f"<h1>{_e(sc.title)}</h1>",
        "<p>Names: <span class='line' style='display:inline-block;width:75%'></span></p>",
        "<p>Group: ______ &nbsp; State we led: ________________</p>",
        f"<h2>The idea</h2><p>{_e(sc.idea or sc.summary)}</p>",
        "<h2>What happened in each group</h2><ul>",
    ]
    for g in groups:
        pair = _main_pair(g.analysis)
        stage = (
            "" if pair is None else f" The main rivals' stage game: {_stage_summary(g.analysis)}."
        )
        parts.append(
            f"<li>Group {g.number} (seed {g.session.seed}): "
            f"{_e(outcome_sentence(g.analysis))}{_e(stage)}</li>"
        )
    parts.append("</ul>")
    bet = sc.bet
    if bet is not None:
        tally = [0] * len(bet.choices)
        for g in groups:
            for answers in g.teams.values():
                if answers.bet is not None:
                    tally[answers.bet] += 1
        parts.append(f"<h2>The bet</h2><p>{_e(bet.question)}</p><ul>")
        for c, n in zip(bet.choices, tally, strict=True):
            parts.append(f"<li>{_e(c)}: {n} team(s)</li>")
        parts.append(
            "</ul><p>What happened in your group, and why?</p>" + "<div class='line'></div>" * 3
        )
    if sc.questions:
        parts.append("<h2>For discussion</h2><ol>")
        for q in sc.questions:
            parts.append(f"<li>{_e(q)}" + "<div class='line'></div>" * 2 + "</li>")
        parts.append("</ol>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_class_report(
    saves: list[dict[str, Any]], out: str | os.PathLike[str], names: list[str] | None = None
) -> list[Path]:
    """Write the class report, the merged CSV and the handout into ``out``; their paths."""
    groups = groups_of(saves, names)
    folder = Path(out)
    files = [
        (folder / REPORT, _report(groups)),
        (folder / CSV_NAME, merged_csv(groups)),
        (folder / HANDOUT, handout_html(groups)),
    ]
    for path, text in files:
        write_atomic(path, text)
    return [p for p, _ in files]
