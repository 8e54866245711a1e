"""The words a player reads: the ``[text]`` table (title, summary, intro, objectives, questions,
idea, picture and each state's role and description), its bet and its concept quiz."""

from __future__ import annotations

from typing import Any

from game.scenarios.checker import _MISSING, _Checker, _two_states
from game.scenarios.model import (
    BET_MEASURES,
    BET_PAIR_MEASURES,
    BET_STATE_MEASURES,
    MAX_QUIZ,
    MAX_TURNS,
    MIN_QUESTIONS,
    PICTURES,
    Bet,
    QuizQuestion,
    StateText,
)
from game.scenarios.rules import _BET_KEYS, _QUIZ_KEYS, _STATE_TEXT_KEYS, _TEXT_KEYS


def _parse_text(c: _Checker, raw: Any, names: list[str] | None) -> dict[str, Any] | None:
    table = c.table("text", raw)
    if table is None:
        return None
    c.keys("text", table, _TEXT_KEYS)
    out: dict[str, Any] = {
        "title": c.string("text.title", table.get("title", _MISSING), one_line=True),
        "summary": c.string("text.summary", table.get("summary", _MISSING), one_line=True),
        "intro": c.string("text.intro", table.get("intro", _MISSING)),
        "objectives": c.strings("text.objectives", table.get("objectives", _MISSING), 1),
        "questions": c.strings("text.questions", table.get("questions", _MISSING), MIN_QUESTIONS),
    }
    idea = table.get("idea", _MISSING)
    extras: dict[str, Any] = {
        "idea": "" if idea is _MISSING else c.string("text.idea", idea, one_line=True),
        "picture": "board",
        "bet": _parse_bet(c, table.get("bet", _MISSING), names),
        "quiz": _parse_quiz(c, table.get("quiz", _MISSING)),
    }
    if "picture" in table:
        extras["picture"] = c.choice("text.picture", table["picture"], PICTURES)
    per_state = c.table("text.states", table.get("states", _MISSING))
    texts: list[StateText] | None = None
    if per_state is not None and names is not None:
        texts = []
        for key in per_state:
            if key not in names:
                c.expect(
                    f"text.states.{key}", "the name of a state (" + ", ".join(names) + ")", key
                )
        for name in names:
            at = f"text.states.{name}"
            entry = c.table(at, per_state.get(name, _MISSING))
            if entry is None:
                texts = None
                continue
            c.keys(at, entry, _STATE_TEXT_KEYS)
            role = c.string(f"{at}.role", entry.get("role", _MISSING), one_line=True)
            description = c.string(f"{at}.description", entry.get("description", _MISSING))
            if role is None or description is None or texts is None:
                texts = None
                continue
            texts.append(StateText(name=name, role=role, description=description))
    out["states"] = tuple(texts) if texts is not None else None
    if any(v is None for v in out.values()) or any(
        v is None for k, v in extras.items() if k != "bet"
    ):
        return None
    return out | extras


def _choice_index(c: _Checker, field: str, value: Any, count: int) -> int | None:
    """A 1-based choice number in the file, 0-based in the result."""
    k = c.integer(field, value, 1, count, why="the number of a choice, counting from 1")
    return None if k is None else k - 1


def _parse_bet(c: _Checker, raw: Any, names: list[str] | None) -> Bet | None:
    """The ``[text.bet]`` table: every field is checked (problems in file order) before any
    is given up on, so one reading reports them all."""
    if raw is _MISSING:
        return None
    table = c.table("text.bet", raw)
    if table is None:
        return None
    at = "text.bet"
    c.keys(at, table, _BET_KEYS)
    question = c.string(f"{at}.question", table.get("question", _MISSING))
    choices = _bet_choices(c, at, table.get("choices", _MISSING))
    answer = _choice_index(c, f"{at}.answer", table.get("answer", _MISSING), 3)
    explanation = c.string(f"{at}.explanation", table.get("explanation", _MISSING))
    measure = c.choice(f"{at}.measure", table.get("measure", _MISSING), BET_MEASURES)
    ask, reveal = _bet_turns(c, at, table)
    targets = _bet_targets(c, at, table, measure, names)
    if None in (question, choices, answer, explanation, measure, ask, reveal) or targets is None:
        return None
    assert question is not None and choices is not None and answer is not None
    assert explanation is not None and measure is not None
    states, between = targets
    return Bet(
        question=question,
        choices=(choices[0], choices[1], choices[2]),
        answer=answer,
        explanation=explanation,
        measure=measure,
        states=states,
        between=between,
        ask_before=ask,
        reveal_after=reveal,
    )


def _bet_choices(c: _Checker, at: str, value: Any) -> tuple[str, ...] | None:
    """The bet's three choices, in the order: falls, stays level, rises."""
    choices = c.strings(f"{at}.choices", value, 3)
    if choices is not None and len(choices) != 3:
        c.expect(
            f"{at}.choices",
            "exactly 3 choices, in the order: falls, stays level, rises",
            list(choices),
        )
        return None
    return choices


def _bet_turns(c: _Checker, at: str, table: dict[str, Any]) -> tuple[Any, Any]:
    """``ask_before`` (default 1) and ``reveal_after`` (default 0: the end of the game), each
    None after a problem; a reveal before the ask is one."""
    ask = c.integer(
        f"{at}.ask_before", table.get("ask_before", _MISSING), 1, MAX_TURNS, default=1, why="a turn"
    )
    reveal = c.integer(
        f"{at}.reveal_after",
        table.get("reveal_after", _MISSING),
        1,
        MAX_TURNS,
        default=0,
        why="a turn",
    )
    if ask is not None and reveal is not None and reveal and reveal < ask:
        c.expect(f"{at}.reveal_after", f"a turn no earlier than ask_before ({ask})", reveal)
        reveal = None
    return ask, reveal


def _bet_targets(
    c: _Checker, at: str, table: dict[str, Any], measure: str | None, names: list[str] | None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """What the bet's measure is read on, as ``(states, between)``: the states of a per-state
    measure or the pairs of a pair measure (the other empty), or None after a problem. Nothing
    is checked (both empty) when the measure or the state names are unknown."""
    if measure in BET_STATE_MEASURES and names is not None:
        states = _bet_states(c, at, table, measure, names)
        return None if states is None else (states, ())
    if measure in BET_PAIR_MEASURES and names is not None:
        between = _bet_between(c, at, table, measure, names)
        return None if between is None else ((), between)
    return (), ()


def _bet_states(
    c: _Checker, at: str, table: dict[str, Any], measure: str, names: list[str]
) -> tuple[str, ...] | None:
    """The distinct states a per-state measure is read on (``states``; ``between`` is a
    problem here), or None after a problem."""
    value = table.get("states", _MISSING)
    states: tuple[str, ...] | None = None
    if (
        not isinstance(value, list)
        or not value
        or not all(v in names for v in value)
        or len(set(value)) != len(value)
    ):
        c.expect(
            f"{at}.states",
            "a non-empty array of distinct state names ("
            + ", ".join(names)
            + f') for the measure "{measure}"',
            value,
        )
    else:
        states = tuple(value)
    if "between" in table:
        c.fail(f"{at}.between", f'not used by the measure "{measure}"; use states')
        states = None
    return states


def _bet_between(
    c: _Checker, at: str, table: dict[str, Any], measure: str, names: list[str]
) -> tuple[tuple[str, str], ...] | None:
    """The pairs of states a pair measure is read on (``between``; ``states`` is a problem
    here), or None after a problem."""
    value = table.get("between", _MISSING)
    pairs = value if isinstance(value, list) and value else None
    clean: list[tuple[str, str]] = []
    ok = True
    for k, pair in enumerate(pairs or []):
        ij = _two_states(c, f"{at}.between[{k}]", pair, names)
        if ij is None:
            ok = False
        else:
            clean.append((names[ij[0]], names[ij[1]]))
    if pairs is None:
        c.expect(
            f"{at}.between",
            "a non-empty array of pairs of states, e.g. "
            '[["Aurum", "Veyra"]]' + f' for the measure "{measure}"',
            value,
        )
        ok = False
    if "states" in table:
        c.fail(f"{at}.states", f'not used by the measure "{measure}"; use between')
        ok = False
    return tuple(clean) if ok else None


def _parse_quiz(c: _Checker, raw: Any) -> tuple[QuizQuestion, ...] | None:
    entries = c.tables("text.quiz", raw, required=False)
    if entries is None:
        return None
    if len(entries) > MAX_QUIZ:
        c.expect("text.quiz", f"at most {MAX_QUIZ} questions", f"{len(entries)} questions")
        return None
    out: list[QuizQuestion] = []
    for k, entry in enumerate(entries):
        at = f"text.quiz[{k}]"
        c.keys(at, entry, _QUIZ_KEYS)
        question = c.string(f"{at}.question", entry.get("question", _MISSING))
        choices = c.strings(f"{at}.choices", entry.get("choices", _MISSING), 2)
        if choices is not None and len(choices) > 5:
            c.expect(f"{at}.choices", "2 to 5 choices", list(choices))
            choices = None
        answer = (
            _choice_index(c, f"{at}.answer", entry.get("answer", _MISSING), len(choices))
            if choices is not None
            else None
        )
        why = c.string(f"{at}.why", entry.get("why", _MISSING))
        if question is None or choices is None or answer is None or why is None:
            continue
        out.append(QuizQuestion(question=question, choices=choices, answer=answer, why=why))
    return tuple(out) if len(out) == len(entries) else None
