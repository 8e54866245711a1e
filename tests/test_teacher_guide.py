"""The teacher guide keeps up with the game: a section per lesson holding that lesson's discussion
questions word for word, and every command it shows is one the game accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from game.cli import build_parser
from game.lessons import LESSON_ORDER
from game.scenarios import load

GUIDE = Path(__file__).parent.parent / "docs" / "teacher-guide.md"


def _flat(text: str) -> str:
    """Markdown reduced to words: emphasis marks dropped, whitespace runs made one space."""
    return re.sub(r"\s+", " ", text.replace("*", "").replace("`", ""))


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_the_guide_has_both_plans_and_the_model_limits(guide):
    for heading in (
        "## A 45-minute plan",
        "## A 90-minute plan",
        "## Running hot-seat teams",
        "## The projector demo",
        "## Reading the debrief and the report",
        "## Writing a scenario",
        "## What the model leaves out",
    ):
        assert f"\n{heading}\n" in guide, heading


def test_every_lesson_has_a_section_in_teaching_order(guide):
    at = [guide.index(f"(`{sid}`)") for sid in LESSON_ORDER]
    assert at == sorted(at)


@pytest.mark.parametrize("scenario_id", LESSON_ORDER)
def test_each_lessons_questions_are_in_its_section(guide, scenario_id):
    start = guide.index(f"(`{scenario_id}`)")
    following = [guide.find(f"(`{s}`)", start + 1) for s in LESSON_ORDER]
    end = min([k for k in following if k > start] + [guide.index("## Reading the debrief")])
    section = _flat(guide[start:end])
    for question in load(scenario_id).questions:
        assert _flat(question) in section, question


def _commands(guide: str) -> list[list[str]]:
    blocks = re.findall(r"```\n(.*?)```", guide, re.S)
    lines = [ln.split("#")[0].strip() for b in blocks for ln in b.splitlines()]
    return [shlex.split(ln)[3:] for ln in lines if ln.startswith("python -m game ")]


def test_every_command_in_the_guide_parses(guide):
    commands = _commands(guide)
    assert len(commands) >= 4
    parser = build_parser()
    for argv in commands:
        try:
            parser.parse_args(argv)
        except SystemExit as exc:  # argparse refuses an unknown option or command
            pytest.fail(f"the guide shows a command the game refuses: {' '.join(argv)} ({exc})")


def test_every_command_in_the_readme_parses():
    readme = (GUIDE.parent.parent / "README.md").read_text(encoding="utf-8")
    commands = _commands(readme)
    assert len(commands) >= 10
    parser = build_parser()
    for argv in commands:
        try:
            parser.parse_args(argv)
        except SystemExit as exc:
            pytest.fail(f"the README shows a command the game refuses: {' '.join(argv)} ({exc})")
