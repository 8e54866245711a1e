"""Scenarios with known teaching fields for the lesson-screen tests (built on The Shield, so the
tests do not depend on the wording the shipped lessons happen to have)."""

from __future__ import annotations

import dataclasses
import json

from game import saves
from game.scenarios import Bet, QuizQuestion, Scenario, load
from game.session import Session

QUIZ = (
    QuizQuestion(
        question="Which colour is the sky on a clear day?",
        choices=("Green", "Blue", "Red"),
        answer=1,
        why="Air scatters blue light most.",
    ),
    QuizQuestion(
        question="Is a shield only defensive?",
        choices=("Yes, always", "No: it can make a first strike look survivable"),
        answer=1,
        why="A shield that catches a ragged second strike weakens the rival's deterrent.",
    ),
    QuizQuestion(
        question="What makes a cut believable?",
        choices=("Nothing", "Its cost", "A speech", "A treaty draft"),
        answer=1,
        why="Costly signals separate the states that mean it from those that do not.",
    ),
)

BET = Bet(
    question="Will Veyra and Ostrel build reach over the next turns?",
    choices=("Their reach falls", "It stays about level", "It rises"),
    answer=2,
    explanation="A shield going up next door reads as a threat: the rivals answer with reach.",
    measure="reach",
    states=("Veyra", "Ostrel"),
    ask_before=2,
    reveal_after=3,
)


def shield(**changes) -> Scenario:
    """The Shield with the given fields replaced (no bet and no quiz unless given)."""
    base = dataclasses.replace(load("the_shield"), bet=None, quiz=())
    params = changes.pop("params", None)
    if params:
        changes["params"] = base.params.replace(**params)
    return dataclasses.replace(base, **changes)


def reload(session: Session) -> Session:
    """The session through a save file's JSON and back (against the same scenario)."""
    data = json.loads(saves.dumps(session))
    return saves.from_dict(data, "test", scenario=session.scenario)
