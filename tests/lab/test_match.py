"""Classic matches at the command line: textbook totals, wrapped histories, and noise."""

from __future__ import annotations

import re

from game.lab.match import describe, play_match


def test_tit_for_tat_against_the_alternator_scores_23_to_28(run) -> None:
    ran = run("match", "tit_for_tat", "alternator", "--turns", "10")
    assert ran.code == 0, ran.err
    assert "  tit_for_tat  CCDCDCDCDC" in ran.out
    assert "  alternator   CDCDCDCDCD" in ran.out
    assert "scores: tit_for_tat 23, alternator 28" in ran.out


def test_long_histories_wrap_with_turn_numbers() -> None:
    text = describe(play_match("always_cooperate", "always_defect", turns=120), seed=0, wrap=50)
    assert "turns 1-50" in text and "turns 51-100" in text and "turns 101-120" in text
    histories = [ln.split()[-1] for ln in text.splitlines() if ln.startswith("  ")]
    assert histories[:2] == ["C" * 50, "D" * 50]
    assert histories[-2:] == ["C" * 20, "D" * 20]
    assert "scores: always_cooperate 0, always_defect 600" in text


def test_payoffs_are_configurable(run) -> None:
    ran = run("match", "always_defect", "always_defect", "--turns", "4", "--payoffs", "4,0,6,2")
    assert "scores: always_defect (1) 8, always_defect (2) 8" in ran.out


def _mean_per_turn(out: str) -> float:
    m = re.search(r"mean over \d+ matches: .*?\(([\d.]+) per turn\), .*?\(([\d.]+) per turn\)", out)
    assert m, out
    return (float(m.group(1)) + float(m.group(2))) / 2


def test_noise_breaks_tit_for_tat_but_not_generous_tit_for_tat(run) -> None:
    """Molander 1985, Nowak & Sigmund 1992: with 5% noise, two tit for tat players fall into
    echoes of retaliation, well below R = 3 a turn; generous ones forgive and stay near R."""
    common = ("--turns", "200", "--noise", "0.05", "--repetitions", "20", "--seed", "7")
    tft = _mean_per_turn(run("match", "tit_for_tat", "tit_for_tat", *common).out)
    gtft = _mean_per_turn(run("match", "generous_tit_for_tat", "generous_tit_for_tat", *common).out)
    assert tft < 2.5
    assert gtft > 2.75
