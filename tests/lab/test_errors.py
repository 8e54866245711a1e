"""Every lab mistake prints one line on stderr and exits with status 2, never a traceback."""

from __future__ import annotations

import pytest

CASES = [
    (
        ("tournament", "--scenario", "the_shield", "--policies", "baseline,nobody"),
        "no opponent is called 'nobody'; known opponents: ",
    ),
    (
        ("tournament", "--scenario", "the_shield", "--policies", "baseline:expert"),
        "difficulty must be one of easy, normal, hard",
    ),
    (
        ("tournament", "--scenario", "the_shield", "--policies", "baseline,baseline"),
        "listed twice: baseline",
    ),
    (
        (
            "tournament",
            "--scenario",
            "the_shield",
            "--policies",
            "baseline,baseline:easy",
            "--max-assignments",
            "10",
        ),
        "2 policies on 4 seats make 2^4 = 16 seat assignments, more than the cap of 10",
    ),
    (
        ("tournament", "--scenario", "the_shield", "--policies", "baseline", "--repetitions", "0"),
        "--repetitions must be from 1 to 1 000, got 0",
    ),
    (("tournament", "--scenario", "nowhere", "--policies", "baseline"), "nowhere"),
    (
        (
            "tournament",
            "--scenario",
            "the_shield",
            "--policies",
            "baseline",
            "--csv",
            "/no/such/folder/x.csv",
        ),
        "the folder /no/such/folder does not exist",
    ),
    (
        ("sweep", "--scenario", "the_shield", "--param", "shield_power=0:1:3"),
        "'shield_power' is not a numeric scenario parameter; valid ones: ",
    ),
    (
        ("sweep", "--scenario", "the_shield", "--param", "shield_efficiency=0.2-2"),
        "the range is START:STOP:COUNT",
    ),
    (
        ("sweep", "--scenario", "the_shield", "--param", "shield_efficiency=0.2:2:x"),
        "the range is START:STOP:COUNT",
    ),
    (
        ("sweep", "--scenario", "the_shield", "--param", "shield_efficiency"),
        "--param takes NAME=START:STOP:COUNT",
    ),
    (
        ("sweep", "--scenario", "the_shield", "--param", "shield_efficiency=0:2:3"),
        "shield_efficiency: 0 is out of range; shield_efficiency must be a number from 0.05 to 20",
    ),
    (("sweep", "--scenario", "the_shield", "--param", "noise=0:1:0"), "COUNT must be at least 1"),
    (
        ("sweep", "--scenario", "the_shield", "--param", "noise=0:1:2", "--param", "noise=1"),
        "given twice: noise",
    ),
    (("sweep", "--scenario", "the_shield"), "give at least one --param"),
    (
        (
            "sweep",
            "--scenario",
            "the_shield",
            "--param",
            "noise=0.1",
            "--policies",
            "baseline,baseline",
        ),
        "one policy for every seat, or one per seat (4); got 2",
    ),
    (
        ("evolve", "--strategies", "tit_for_tat,tit_for_tot"),
        "no classic strategy is called 'tit_for_tot'; known: ",
    ),
    (("evolve", "--strategies", "tit_for_tat"), "at least two classic strategies"),
    (("evolve",), "give either --strategies"),
    (("evolve", "--policies", "baseline,baseline:easy"), "--policies needs --scenario"),
    (
        ("evolve", "--strategies", "tit_for_tat,always_defect", "--population", "1"),
        "--population 1 cannot hold 2 types",
    ),
    (("match", "tit_for_tat", "copycat_deluxe"), "no classic strategy is called 'copycat_deluxe'"),
    (("match", "tit_for_tat", "alternator", "--payoffs", "3,0,5"), "four numbers R,S,T,P"),
    (("match", "tit_for_tat", "alternator", "--noise", "1.5"), "between 0 and 1"),
    (("match", "tit_for_tat", "alternator", "--turns", "0"), "--turns must be from 1 to 100 000"),
    (("match", "tit_for_tat", "alternator", "--seed", "-1"), "--seed must be from 0 to"),
]


@pytest.mark.parametrize("argv,message", CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_a_mistake_is_one_line_and_status_2(run, argv, message) -> None:
    ran = run(*argv)
    assert ran.code == 2
    assert ran.out == ""
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert "Traceback" not in ran.err


def test_an_unknown_param_lists_the_valid_ones(run) -> None:
    err = run("sweep", "--scenario", "the_shield", "--param", "oops=0:1:2").err
    assert "distinguishability" in err and "shield_efficiency" in err and "tension_decay" in err
