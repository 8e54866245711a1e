"""The concept quiz of every shipped lesson cannot be answered without the concept: the right
answer is not given away by being the longest choice or by always sitting in the same place, the
choices of a question are of similar length, and no choice is reused across questions."""

from __future__ import annotations

import pytest

from game.lessons import lessons
from game.scenarios import load

QUESTIONS = 5
MAX_LONGEST_RIGHT = 2  # questions (of 5) whose right answer is the longest choice
MAX_LENGTH_RATIO = 2.5  # longest choice / shortest choice, per question


@pytest.fixture(scope="module", params=lessons())
def quiz(request):
    return load(request.param).quiz


def test_each_lesson_has_five_questions(quiz):
    assert len(quiz) == QUESTIONS


def test_the_right_answer_is_seldom_the_longest_choice(quiz):
    longest = [
        q.question for q in quiz if len(q.choices[q.answer]) >= max(len(c) for c in q.choices)
    ]
    assert len(longest) <= MAX_LONGEST_RIGHT, longest


def test_the_right_answer_moves(quiz):
    assert len({q.answer for q in quiz}) > 1, "the right answer is in the same place every time"


def test_the_choices_of_a_question_are_of_similar_length(quiz):
    for q in quiz:
        lengths = [len(c) for c in q.choices]
        assert max(lengths) <= MAX_LENGTH_RATIO * min(lengths), q.question


def test_no_choice_appears_in_two_questions(quiz):
    seen: dict[str, str] = {}
    for q in quiz:
        for c in q.choices:
            assert c not in seen, f"{c!r} is a choice of {seen[c]!r} and of {q.question!r}"
            seen[c] = q.question


def test_every_question_explains_its_answer(quiz):
    for q in quiz:
        assert q.why.strip() and q.why.strip() not in q.choices, q.question
