"""Turning points for the lessons' core events, from a play-test: Forward Basing's story had no
point for the hawk's sanction on the host, the forces going home (asked home, or cancelled by a
programme review) or the hawk letting go; The Accord's lost its notice and lapse behind a cheat
caught every turn. Scripted games on the shipped lessons (every seat's orders given, so no
policy decides anything)."""

from __future__ import annotations

import dataclasses

from game import scenarios
from game.analysis import THEORY, TurningPoint, analyse
from game.analysis.words import tag_words
from game.engine.actions import Action as A
from game.session import Session
from tests.analysis import helpers


def _play(
    sc: scenarios.Scenario,
    seed: int,
    plan: dict[int, list[A]],
    turns: int,
    build: dict[int, list[float]] | None = None,
) -> Session:
    """``sc`` with every state spending on civilian goods (or ``build``'s shares of its budget
    on reach in the turns it names) and taking ``plan``'s actions in each (1-based) turn;
    diplomacy is paid out of the civilian share."""
    s = Session.new(sc, seed, ["ai:baseline"] * len(sc.states))
    everyone = list(range(len(sc.states)))
    for t in range(1, turns + 1):
        shares = (build or {}).get(t, [0.0] * len(sc.states))
        o = helpers.orders(s.world, shares, plan.get(t, ()))
        s.resolve(o.pay_diplomacy(s.world, everyone))
    return s


def _points(s: Session) -> dict[str, list[TurningPoint]]:
    out: dict[str, list[TurningPoint]] = {}
    for tp in analyse(s, counterfactuals=False).turning_points:
        out.setdefault(tp.tag, []).append(tp)
    return out


def forward_basing_sent_home() -> Session:
    """Forward Basing: Veyra sanctions Brisa (turn 1) and aims at it (turn 3); Brisa sends
    Aurum's forces home that turn (home in turn 5); Veyra stops aiming (6) and lifts its
    sanctions (7); then it sanctions Aurum twice (8 and 10)."""
    plan = {
        1: [A("sanction", "Veyra", "Brisa")],
        3: [A("target", "Veyra", "Brisa"), A("withdraw_deployment", "Brisa", "Aurum")],
        6: [A("untarget", "Veyra", "Brisa")],
        7: [A("lift_sanction", "Veyra", "Brisa")],
        8: [A("sanction", "Veyra", "Aurum")],
        9: [A("lift_sanction", "Veyra", "Aurum")],
        10: [A("sanction", "Veyra", "Aurum")],
    }
    return _play(scenarios.load("forward_basing"), 1, plan, 11)


def test_forward_basing_tells_the_pressure_the_forces_leaving_and_the_letting_go():
    tags = _points(forward_basing_sent_home())
    on_host, on_patron = tags["pressure"]
    assert (on_host.turn, on_host.actors) == (1, ("Veyra", "Brisa"))
    assert on_host.text.startswith(
        "Veyra sanctioned Brisa, the host of Aurum's forces, and aimed its reach at it in turn 3: "
        "pressure on it to send them home. They started home in turn 3, and Brisa's support went "
        "from 0.60 to "
    )
    assert on_host.text.endswith("while the pressure lasted (until turn 7).")
    assert on_host.concept == "extended_deterrence" and on_host.theory == THEORY["pressure"]
    # pressure on a state hosting nobody: one point, the repeat counted
    assert (on_patron.turn, on_patron.actors) == (8, ("Veyra", "Aurum"))
    assert "Veyra sanctioned Aurum: tension between them went from" in on_patron.text
    assert on_patron.text.endswith("Veyra renewed the pressure once more later.")

    (home,) = tags["forces_home"]
    assert (home.turn, home.actors) == (3, ("Brisa", "Aurum"))
    assert home.text.startswith(
        "Aurum's forces started home from Brisa, while Veyra was sanctioning Brisa and aiming its "
        "reach at it; they left it in turn 5. By turn 5, tension between Brisa and Veyra went from"
    )

    (let_go,) = tags["pressure_lifted"]
    assert (let_go.turn, let_go.actors) == (6, ("Veyra", "Brisa"))
    assert let_go.text.startswith(
        "Veyra stopped aiming at Brisa, and lifted its sanctions on it in turn 7: Aurum's forces "
        "had left Brisa in turn 5, and the pressure ended once the host had done what it was "
        "pressed to do."
    )
    assert [tag_words(t) for t in ("pressure", "forces_home", "pressure_lifted")] == [
        "pressure",
        "forces sent home",
        "pressure lifted",
    ]


def test_a_programme_review_that_cancels_the_hosting_is_a_turning_point():
    sc = scenarios.load("forward_basing")
    low = tuple(
        dataclasses.replace(st, support=0.25) if st.name == "Brisa" else st for st in sc.states
    )
    sc = dataclasses.replace(sc, states=low, params=sc.params.replace(review_chance=1.0))
    plan = {
        1: [A("target", "Veyra", "Brisa"), A("sanction", "Veyra", "Brisa")],
        3: [A("untarget", "Veyra", "Brisa")],
    }
    tags = _points(_play(sc, 1, plan, 4))
    (home,) = tags["forces_home"]
    assert (home.turn, home.actors) == (1, ("Brisa", "Aurum"))
    assert home.text.startswith(
        "Brisa's support had fallen below the review line, and a programme review cancelled its "
        "hosting: Aurum's forces went home at once, while Veyra was aiming its reach at Brisa and "
        "sanctioning it."
    )
    (press,) = tags["pressure"]
    assert "A programme review sent them home the same turn" in press.text
    (let_go,) = tags["pressure_lifted"]
    assert let_go.text.startswith(
        "Veyra stopped aiming at Brisa, but kept its sanctions on it: Aurum's forces had left "
        "Brisa in turn 1, yet part of the pressure stayed on."
    )


def test_the_accord_keeps_notice_and_lapse_beside_a_cheat_caught_every_turn():
    sc = scenarios.load("the_accord")
    sure = tuple(dataclasses.replace(tr, verification=1.0) for tr in sc.treaties)
    sc = dataclasses.replace(sc, treaties=sure)
    plan = {
        t: [A("cheat", "Ostrel", treaty=0), A("inspect", "Aurum", treaty=0)] for t in range(1, 5)
    }
    plan[2].append(A("leave_treaty", "Veyra", treaty=0))
    tags = _points(_play(sc, 3, plan, 6, {t: [0.0, 0.0, 0.6] for t in range(1, 5)}))
    (caught,) = tags["treaty_broken"]
    assert (caught.turn, caught.actors, caught.concept) == (1, ("Ostrel",), "verification")
    assert caught.text == (
        "Ostrel was caught breaking the reach ceiling treaty: tension with the other parties rose "
        "and their trust in it fell. It was caught again in turns 2, 3 and 4."
    )
    notice, lapse = tags["treaty_lapse"]
    assert (notice.turn, notice.actors) == (2, ("Veyra",))
    assert "Veyra gave notice that it would leave the reach ceiling treaty" in notice.text
    assert lapse.turn == 5 and "lapsed" in lapse.text
    assert tag_words("treaty_broken") == "treaty broken"
