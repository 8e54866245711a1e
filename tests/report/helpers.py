"""Games for the report tests: seeded and cached, so each is played and exported once."""

from __future__ import annotations

import base64
import dataclasses
import re
import struct
from pathlib import Path

from game import scenarios
from game.analysis import Analysis, analyse
from game.analysis.charts import FIGURES
from game.report import ReportFiles, export
from game.saves import save
from game.session import Answers, Session
from tests.analysis.helpers import arm_and_escalate

IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"[^>]*data-chart="([a-z_]+)"')


def ai_game(scenario_id: str, seed: int) -> Session:
    sc = scenarios.load(scenario_id)
    s = Session.new(sc, seed, ["ai:baseline"] * len(sc.states))
    s.play_to_end()
    return s


def war_session() -> Session:
    """The Shield, seed 4, four human seats all arming and escalating: war in turn 4. Human
    seats, so that the save replays (AI seats would recompute their own orders)."""
    s = Session.new(scenarios.load("the_shield"), 4, ["human"] * 4)
    while not s.over:
        s.resolve(arm_and_escalate(s.world))
    return s


@dataclasses.dataclass(frozen=True)
class Exported:
    session: Session
    analysis: Analysis
    files: ReportFiles
    html: str


def export_game(session: Session, out: Path, counterfactuals: bool = True) -> Exported:
    a = analyse(session, counterfactuals=counterfactuals)
    files = export(session, out, a)
    return Exported(session, a, files, files.html.read_text(encoding="utf-8"))


def save_war(path: Path) -> Path:
    save(war_session(), path)
    return path


def spiral_with_answers() -> Session:
    """The Spiral (it has a bet and a quiz), seed 1, with the class's answers recorded."""
    s = ai_game("the_spiral", 1)
    quiz = s.scenario.quiz
    s.answers = Answers(
        bet=0,
        quiz_before=(None,) + tuple((q.answer + 1) % len(q.choices) for q in quiz[1:]),
        quiz_after=tuple(q.answer for q in quiz),
    )
    return s


def images(html: str) -> dict[str, bytes]:
    """Chart name -> the PNG bytes embedded for it."""
    return {name: base64.b64decode(data, validate=True) for data, name in IMG.findall(html)}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


#: A 1x1 white PNG, to render pages without drawing charts.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)


def tiny_charts() -> dict[str, bytes]:
    return dict.fromkeys(FIGURES, TINY_PNG)
