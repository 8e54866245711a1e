"""turning_points is one detector per tag (game.analysis.turning.DETECTORS): each adds only its
own tags, together they cover every tag, and in order they give the turning points."""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis import analyse
from game.analysis import turning as tu
from game.analysis.types import TAGS
from game.commands import scenario_with_turns
from game.scenarios import load
from game.session import Session

#: Each detector and the tags it may add (a war can also entrap the hosts of the struck assets).
OWN_TAGS = {
    "_detect_war": {"war", "entrapment"},
    "_detect_crises_and_answers": {"crisis", "backing_down"},
    "_detect_treaties": {"treaty_lapse"},
    "_detect_violations": {"treaty_broken"},
    "_detect_first_strike_stability": {"surprise_attack_fear"},
    "_detect_spirals": {"spiral"},
    "_detect_entrapment": {"entrapment"},
    "_detect_reassurance": {"reassurance"},
    "_detect_costly_signals": {"costly_signal"},
    "_detect_pressure": {"pressure"},
    "_detect_forces_home": {"forces_home"},
    "_detect_pressure_lifted": {"pressure_lifted"},
}

GAMES = [("the_spiral", 1), ("forward_basing", 2), ("the_accord", 3), ("sandbox", 1)]


def game_of(sid: str, seed: int) -> tu._Game:
    session = Session.new(scenario_with_turns(load(sid), 12), seed, None)
    session.play_to_end()
    a = analyse(session, counterfactuals=False)
    s = a.series
    return tu._Game(
        analysis=a,
        series=s,
        names=a.names,
        turns=s.turns,
        events=a.events,
        rivals=set(a.rivals),
        rises=tu._rises(s.reach),
        share=tu._arms_share(s.spend) if s.spend.size else np.zeros((s.turns, s.n)),
    )


def test_every_tag_has_a_detector():
    assert [d.__name__ for d in tu.DETECTORS] == list(OWN_TAGS)
    assert set().union(*OWN_TAGS.values()) == set(TAGS)


@pytest.mark.parametrize(("sid", "seed"), GAMES)
def test_each_detector_adds_only_its_own_tags(sid, seed):
    g = game_of(sid, seed)
    for detect in tu.DETECTORS:
        out = tu._Collector()
        detect(g, out)
        assert {p.tag for p in out.points} <= OWN_TAGS[detect.__name__], detect.__name__


@pytest.mark.parametrize(("sid", "seed"), GAMES)
def test_the_detectors_in_order_are_the_turning_points(sid, seed):
    g = game_of(sid, seed)
    out = tu._Collector()
    for detect in tu.DETECTORS:
        detect(g, out)
    assert tu.select(out.points) == tu.turning_points(g.analysis)
    assert tu.turning_points(g.analysis) == g.analysis.turning_points
