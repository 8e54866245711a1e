"""Words a play-test of Forward Basing and The Accord found wrong: the report blamed the player's
reach for every arms build it could not explain (an ally's, and with Brisa holding no reach at
all), a host's own order to send its guests home was told as the patron's recall under "You:
held", the end screen left checkable objectives to the player and a bare score, and smaller
slips (a seen share of 101 %, "Brisa–Veyra", a support verdict without its risk, an inspection
told after the catch it caused, an orders summary cut off without a word)."""

from __future__ import annotations

from game.analysis.bets import measure_words
from game.engine.actions import Action
from game.engine.events import Event, TreatyTerms
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.model.headlines import headlines, lead_order, seen_pct
from game.ui.model.turn_report import news_for, standing_of_objectives, turn_report
from game.ui.model.verdicts import verdicts
from game.ui.scenes.end import SCORE_MEANS

from .drive import frames, scene_name

BLAME = "your reach"


def report_lines(session: Session, seat: int, events) -> list[str]:
    name = session.scenario.names[seat]
    wires = headlines(events, name, 30, session.history[-1].public)
    return turn_report(session, seat, events, wires=wires).lines()


def forward_basing(turns: int, send_home_at: int = -1) -> tuple[Session, list[list[str]]]:
    """Brisa (seat 1) holds; at ``send_home_at`` it sends Aurum's forces home."""
    session = Session.new(load("forward_basing"), 1)
    seen = []
    for t in range(turns):
        acts = [Action("withdraw_deployment", "Brisa", "Aurum")] if t == send_home_at else []
        events = session.play_turn(actions=acts)
        seen.append(report_lines(session, 1, events))
    return session, seen


def whys_of(lines: list[str], name: str) -> list[str]:
    return [lines[k + 1] for k, line in enumerate(lines[:-1]) if line.startswith(f"{name}: armed")]


def test_an_unexplained_build_never_blames_an_ally_nor_a_player_with_no_reach():
    """Forward Basing, seed 1: Brisa holds no reach, Aurum is its ally, Veyra its rival that
    explains its diplomacy. The report said of both builds "and your reach, even while you
    held, is what it saw"."""
    session, seen = forward_basing(4)
    assert float(session.world.reach[0, 1]) == 0.0
    aurum = [w for lines in seen for w in whys_of(lines, "Aurum")]
    veyra = [w for lines in seen for w in whys_of(lines, "Veyra")]
    assert aurum and veyra
    for why in aurum + veyra:
        assert BLAME not in why, why
    assert all(w.endswith("and you are its ally, not its rival") for w in aurum), aurum
    assert all("you hold no reach of your own; the reach you host is Aurum's" in w for w in veyra)
    # Veyra told its diplomacy on its own line: what it left unexplained is its build.
    told = [lines for lines in seen if any(x.startswith("Diplomacy: Veyra") for x in lines)]
    assert told
    for lines in told:
        for why in whys_of(lines, "Veyra"):
            assert why.startswith("Why: it gave no reason for its build; in this model"), why


def test_an_unexplained_build_names_the_players_reach_when_it_is_a_rivals_with_reach():
    session = Session.new(load("the_accord"), 3)  # Aurum (seat 0) holds 26-27 reach
    whys = []
    for _ in range(3):
        events = session.play_turn()
        whys += whys_of(report_lines(session, 0, events), "Ostrel")
    assert whys
    assert all(
        w.endswith("and your reach, even while you held, is part of what it sees") for w in whys
    ), whys


def test_a_host_that_sends_its_guests_home_is_told_as_the_hosts_move():
    """Brisa sent Aurum's forces home; the report said "Aurum recalls its forces from Brisa"
    and "You: held."."""
    session, seen = forward_basing(4, send_home_at=3)
    lines = seen[3]
    assert "You: held; you asked Aurum's forces to go home (they leave in 2 turns)." in lines
    assert "Brisa sends Aurum's forces home; they leave in 2 turns" in lines
    assert not any("recalls its forces" in line for line in lines), lines
    assert "You: held." not in lines
    # The turns before, with no diplomacy of the player's, still say only "You: held.".
    assert "You: held." in seen[2]


def test_the_accord_checks_the_cap_and_the_inspection_and_the_score_says_what_it_means(app):
    session = Session.new(load("the_accord"), 3)
    for t in range(session.scenario.params.turns):  # Aurum inspects under the cap twice
        acts = [Action("inspect", "Aurum", treaty=0)] if t in (0, 1) else []
        session.play_turn(actions=acts)
    judged = {v.objective.split(",")[0]: v for v in verdicts(session)}
    cap = judged["Keep your reach within the cap"]
    assert cap.met is True, cap
    assert cap.why.startswith("your reach stayed within the cap, and no war broke out in 15")
    inspect = judged["Decide when an inspection is worth its cost"]
    assert inspect.met is True, inspect
    assert (
        inspect.why
        == "you inspected in turns 1 and 2; whether it was worth its cost is yours to judge"
    )
    flow.start(app, session, intro=False)
    frames(app, 2)
    assert scene_name(app) == "EndScene"
    texts = [item[0] for item in app.top._column(compact=False)]
    assert "Met: Keep your reach within the cap, and keep every pair of states out of war (" in (
        " ".join(texts)
    )
    assert any(t.startswith("Met: Decide when an inspection is worth its cost") for t in texts)
    assert SCORE_MEANS in texts
    assert "below 0, fear outweighed prosperity" in SCORE_MEANS
    assert not any("discounted sum" in t for t in texts + app.top.outcome())


def test_never_inspecting_is_a_miss_at_the_end_and_not_yet_one_in_the_middle():
    session = Session.new(load("the_accord"), 3)
    session.play_turn()
    assert not any("inspect" in line for line in standing_of_objectives(session, 0))
    session.play_to_end()
    v = next(v for v in verdicts(session) if "inspect at least once" in v.objective)
    assert (v.met, v.why) == (False, "you never inspected")


def test_support_under_the_review_line_warns_that_a_review_may_cancel_the_hosting():
    session, _ = forward_basing(3)
    assert float(session.world.fwd_reach[0, :, 1].sum()) > 0  # Brisa hosts Aurum's reach
    session.world.support[0, 1] = 0.26  # the play-test's low (the last world is the record's)
    said = standing_of_objectives(session, 1)
    assert (
        "Off track so far: your support fell to 0.26, below the review line (0.30), and while it "
        "stays there a review may cancel the hosting."
    ) in said, said


def test_a_seen_share_is_never_more_than_the_whole_budget_and_a_pair_is_two_names():
    assert seen_pct(1.01) == "100%"
    assert seen_pct(0.36) == "36%"

    class Bet:
        measure = "tension"
        between = (("Brisa", "Veyra"),)

    assert measure_words(Bet()) == "the tension between Brisa and Veyra"
    Bet.between = (("Aurum", "Veyra"), ("Brisa", "Veyra"))
    assert measure_words(Bet()) == "the tension between Aurum–Veyra and Brisa–Veyra (on average)"


def test_an_inspection_is_told_before_the_catch_it_caused():
    terms = TreatyTerms(slot=0, kind="reach_ceiling", cap=30.0, verification=0.5)
    caught = Event(3, "violation_detected", ("Ostrel",), {}, terms)
    visit = Event(3, "inspection", ("Aurum",), {"cost": 1.0}, terms)
    talk = Event(3, "talk", ("Veyra", "Aurum"))
    assert [e.kind for e in lead_order([talk, caught, visit])] == [
        "inspection",
        "violation_detected",
        "talk",
    ]
    session = Session.new(load("the_accord"), 3)
    events = session.play_turn()
    wires = [
        "Ostrel caught breaking the reach ceiling at 30",
        "Aurum inspectors visit under the reach ceiling at 30",
    ]
    news = news_for(events, session.scenario.names, 0, wires, session)
    assert news[:2] == [wires[1], wires[0]], news


def test_the_orders_summary_says_how_many_actions_it_could_not_show(app):
    from game.ui.drawing import text as txt
    from game.ui.scenes.turn import orders_lines

    labels = [f"send a reassuring message ({n})" for n in ("Aurum", "Veyra", "Ostrel", "Brisa")]
    lines = orders_lines(labels, 16, 330)
    assert len(lines) == 2
    assert lines[-1].endswith("more: D lists them"), lines
    shown = " ".join(lines)
    more = int(shown.split("and ")[-1].split(" more")[0])
    assert shown.count("send a reassuring message") + more == len(labels)
    assert all(txt.font(16).size(line)[0] <= 330 for line in lines)
    one = orders_lines(labels[:1], 16, 330)
    assert " ".join(one) == "Diplomacy: send a reassuring message (Aurum)"
