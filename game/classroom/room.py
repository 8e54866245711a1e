"""The class: one lesson, several groups, each group's game one world of one engine batch.

No web here: the server (:mod:`game.classroom.server`) turns requests into calls on a
:class:`Room`, under its lock. A room lives in a folder:

- ``class.json``: the set-up (lesson, seeds, seats, timer), the join codes, each team's answers,
  the orders handed in for the turn under way, pause and end (written atomically on every
  change);
- ``group-G.json``: each group's game in the ordinary save format (``python -m game report``
  and ``replay`` open it), written atomically after every turn, with a ``class`` field naming
  the group and holding each team's bet and quiz answers.

A host that is stopped and started again on the folder replays every group's orders from the
seeds (checking each group's digest against its save) and finds the turn under way as it was,
the orders already handed in included: nothing is lost.

Seeds: group ``g`` (1-based) plays ``seed`` (the same world for every group, to compare
choices) or ``seed + g - 1`` (one seed each); as everywhere in the game, world ``b`` of the batch
is the single game with its seed, so a group's game is exactly ``simulate`` with those seats and
that seed, and its save replays on its own.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, fields
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from game.classroom.codec import encode, encode_rng
from game.classroom.seatview import public_view, seat_view
from game.commands import scenario_with_turns
from game.engine.actions import ACTION_GROUPS, Action, ActionError, Diplomacy, apply_actions
from game.engine.actions import to_actions as dip_actions
from game.engine.events import NOTABLE_BUILD, Events
from game.engine.legality import check
from game.engine.orders import IllegalOrder, Orders, StateOrder
from game.engine.stage import MOVES, stage_game
from game.engine.state import CATEGORIES, TREATY_SLOTS, World
from game.limits import (
    MAX_CLASS_GROUPS,
    MAX_SAVE_BYTES,
    MAX_SEED,
    MAX_TEAM_ACTIONS,
    MAX_TURN_MINUTES,
    Unreadable,
    parse_json,
    read_bounded,
)
from game.policies import get_policy
from game.policies.base import PublicView, observe
from game.saves import _checksum, current_seats, from_dict, to_dict, write_atomic
from game.scenarios import Scenario, ScenarioError, builtin_ids, load_builtin, load_text
from game.session import Answers, Runner, Seat, parse_seats, spawn_streams

FORMAT = "delicate-balance-class"
VERSION = 3
#: The save version each class file version wrote its groups' games with (a class of version 1
#: names its seats as saves before version 4 did: see :func:`game.saves.current_seats`; a group
#: save whose opponent plays otherwise since does not replay, and says why:
#: :func:`game.saves.changed_play`).
SAVES_OF = {1: 3, 2: 4, 3: 5}
CLASS_FILE = "class.json"
#: Letters and digits that cannot be mistaken for one another when read aloud or off a board.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEAM_CODE_LENGTH = 6
TEACHER_CODE_LENGTH = 10
AI_CODE_LENGTH = 8


class RoomError(ValueError):
    """A request the class cannot take (said in plain words, for the page or the client)."""


def new_code(length: int, taken: set[str]) -> str:
    """A fresh code of ``length`` characters of :data:`CODE_ALPHABET`, not in ``taken``."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if code not in taken:
            return code


def group_file(group: int) -> str:
    """The file name of group ``group``'s save (1-based)."""
    return f"group-{group}.json"


@dataclass
class Team:
    """The team playing one seat of one group (``group`` 0-based here, 1-based on pages)."""

    group: int
    seat: int
    name: str
    code: str
    #: The code ``join --ai`` plays the seat with (the teacher's to give): it may also fetch the
    #: seat's policy observation, which a team's own code never can (a policy's view of the
    #: world holds estimates a team's page does not show).
    ai_code: str = ""

    @property
    def key(self) -> str:
        return f"{self.group + 1}:{self.name}"

    @property
    def label(self) -> str:
        return f"group {self.group + 1}, {self.name}"


@dataclass
class Submission:
    """One team's orders for the turn: ``spend`` reach, shield, hardening, intelligence and
    civilian (``None``: the rest of the budget), a reach ``cut``, its diplomatic ``actions``;
    ``pay``: the diplomacy's costs come out of the civilian share (a team's or an AI's fresh
    orders), or are already taken (orders replayed from a save)."""

    spend: tuple[float, float, float, float, float | None]
    cut: float
    actions: tuple[Action, ...] = ()
    pay: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "spend": list(self.spend),
            "cut": self.cut,
            "actions": [a.to_dict() for a in self.actions],
            "pay": self.pay,
        }

    @staticmethod
    def from_dict(data: Any) -> Submission:
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        spend = data.get("spend")
        if not isinstance(spend, list) or len(spend) != 5:
            raise ValueError("'spend' should hold five numbers")
        values = [None if v is None else _number(v, "spend") for v in spend]
        if any(v is None for v in values[:4]):
            raise ValueError("'spend' should hold numbers")
        actions = data.get("actions", [])
        if not isinstance(actions, list) or len(actions) > MAX_TEAM_ACTIONS:
            raise ValueError(f"'actions' should be a list of at most {MAX_TEAM_ACTIONS}")
        return Submission(
            spend=(values[0], values[1], values[2], values[3], values[4]),  # type: ignore[arg-type]
            cut=_number(data.get("cut", 0.0), "cut"),
            actions=tuple(parse_action(a) for a in actions),
            pay=bool(data.get("pay", True)),
        )


def _number(value: Any, what: str, low: float = 0.0, high: float = 1e9) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"'{what}' should be a number")
    x = float(value)
    if not np.isfinite(x) or not low <= x <= high:
        raise ValueError(f"'{what}' should be a number from {low:g} to {high:g}")
    return x


def parse_action(raw: Any) -> Action:
    """An action from outside (JSON), each field of its type and size; ``ValueError`` if not."""
    if not isinstance(raw, dict) or len(raw) > 12:
        raise ValueError("an action should be a small object")
    for key in ("action", "actor", "other", "kind"):
        if key in raw and (not isinstance(raw[key], str) or len(raw[key]) > 64):
            raise ValueError(f"an action's '{key}' should be a short text")
    for key in ("reach", "shield", "cap", "verification"):
        if key in raw:
            _number(raw[key], key)
    if "treaty" in raw and (type(raw["treaty"]) is not int or not 0 <= raw["treaty"] < 64):
        raise ValueError("an action's 'treaty' should be a slot number")
    if "parties" in raw and (
        not isinstance(raw["parties"], list)
        or len(raw["parties"]) > 16
        or not all(isinstance(p, str) and len(p) <= 64 for p in raw["parties"])
    ):
        raise ValueError("an action's 'parties' should be a list of state names")
    return Action.from_dict(raw)


def _stack_diplomacy(dips: list[Diplomacy | None], n: int) -> Diplomacy | None:
    if all(d is None for d in dips):
        return None
    full = [d if d is not None else Diplomacy.none(1, n, TREATY_SLOTS) for d in dips]
    return Diplomacy(
        **{f.name: np.concatenate([getattr(d, f.name) for d in full]) for f in fields(Diplomacy)}
    )


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def wires_for(events: Events, b: int, viewer: str, reasons: dict[str, str]) -> list[str]:
    """World ``b``'s wire reports of the turn as ``viewer``'s team reads them: the desktop
    game's headlines (:mod:`game.ui.model.headlines`, plain text, no pygame), its own seen builds of
    others, and the AI states' accounts of the moves everyone could see, each on its own
    "Diplomacy:" line as in the desktop game (it explains a diplomatic move, not an arms build)."""
    from game.ui.model.headlines import SEEN_BUILD, headline, lead_order, visible

    records = lead_order([e for e in events.records(b) if visible(e, viewer)])
    lines = [headline(e, events, b) for e in records]
    names = events.before.names
    me = names.index(viewer)
    for j, name in enumerate(names):
        if j != me and events.signal[b, me, j] >= NOTABLE_BUILD:
            lines.append(
                SEEN_BUILD.format(a=viewer, b=name, share=_pct(min(events.signal[b, me, j], 1.0)))
            )
    for name, why in reasons.items():
        if name != viewer and why:
            lines.append(f"Diplomacy: {why}")
    return lines or ["A quiet turn: no notable moves were reported"]


def load_lesson(scenario_id: str, source: str | None, turns: int | None) -> Scenario:
    """The lesson a class file names (its own text when not shipped), cut to ``turns``."""
    if source is not None:
        scenario = load_text(source, scenario_id, scenario_id)
    elif scenario_id in builtin_ids():
        scenario = load_builtin(scenario_id)
    else:
        raise RoomError(f"{scenario_id!r} is not a shipped lesson")
    if turns is not None and turns != int(scenario.params.turns):
        scenario = scenario_with_turns(scenario, int(turns))
    return scenario


class Room:
    """One class: see the module docstring. Every public method takes the lock itself."""

    def __init__(
        self,
        folder: Path,
        scenario: Scenario,
        seeds: list[int],
        seats: tuple[Seat, ...],
        timer_minutes: float | None,
        teacher_code: str,
        teams: list[Team],
        source: str | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.scenario = scenario
        self.source = source
        self.seeds = list(seeds)
        self.seats = seats
        self.timer_minutes = timer_minutes
        self.teacher_code = teacher_code
        self.teams = teams
        self.lock = threading.RLock()
        self.runner = Runner(scenario, self.seeds, seats, humans_in_batch=True)
        self.records: list[list[SimpleNamespace]] = [[] for _ in self.seeds]
        self.finals: dict[int, World] = {}
        self.wires: list[dict[str, list[str]]] = [{} for _ in self.seeds]
        self.pending: dict[str, Submission] = {}
        self.drafts: dict[str, list[Action]] = {}
        self.answers: dict[str, Answers] = {t.key: Answers() for t in teams}
        self.bet_times: dict[str, float] = {}
        self.paused = False
        self.ended = False
        self.remaining: float | None = None if timer_minutes is None else timer_minutes * 60.0
        self.deadline: float | None = None
        self.notes: list[str] = []
        self.resolve_seconds: list[float] = []
        self._lens: dict[tuple[int, int, int, int], dict[str, Any]] = {}
        self._views: dict[tuple[int, int, int], dict[str, Any]] = {}
        self._start_clock()

    # ------------------------------------------------------------------ set-up and files

    @classmethod
    def create(
        cls,
        folder: str | Path,
        scenario: Scenario,
        groups: int,
        seed: int,
        seed_each: bool,
        seats: list[str],
        timer_minutes: float | None = None,
    ) -> Room:
        """A new class in ``folder`` (which must not hold one already)."""
        folder = Path(folder)
        if (folder / CLASS_FILE).exists():
            raise RoomError(f"{folder} already holds a class: start the host on it to resume")
        if not 1 <= groups <= MAX_CLASS_GROUPS:
            raise RoomError(f"groups must be from 1 to {MAX_CLASS_GROUPS}, got {groups}")
        last = seed + (groups - 1 if seed_each else 0)
        if not 0 <= seed or last > MAX_SEED:
            raise RoomError(f"seeds must be from 0 to {MAX_SEED}")
        if timer_minutes is not None and not 0 < timer_minutes <= MAX_TURN_MINUTES:
            raise RoomError(f"the timer must be from 0 to {MAX_TURN_MINUTES} minutes")
        parsed = parse_seats(seats, len(scenario.states))
        seeds = [seed + g if seed_each else seed for g in range(groups)]
        taken: set[str] = set()
        teacher = new_code(TEACHER_CODE_LENGTH, taken)
        taken.add(teacher)
        teams = []
        for g in range(groups):
            for i, s in enumerate(parsed):
                if s.human:
                    code = new_code(TEAM_CODE_LENGTH, taken)
                    taken.add(code)
                    ai_code = new_code(AI_CODE_LENGTH, taken)
                    taken.add(ai_code)
                    teams.append(Team(g, i, scenario.names[i], code, ai_code))
        source = None
        try:
            shipped = load_builtin(scenario.id)
            if scenario.source and shipped.source != scenario.source:
                source = scenario.source
        except ScenarioError:
            source = scenario.source
        room = cls(folder, scenario, seeds, parsed, timer_minutes, teacher, teams, source)
        with room.lock:
            room._save_groups()
            room._save_class()
        return room

    @classmethod
    def open(cls, folder: str | Path) -> Room:
        """The class kept in ``folder``, replayed to the turn under way (see the module
        docstring); :class:`RoomError` in one line if it cannot be."""
        folder = Path(folder)
        try:
            data = parse_json(read_bounded(folder / CLASS_FILE, MAX_SAVE_BYTES).decode("utf-8"))
        except FileNotFoundError:
            raise RoomError(f"{folder}: no class here ({CLASS_FILE} is missing)") from None
        except (Unreadable, UnicodeDecodeError) as exc:
            raise RoomError(f"{folder / CLASS_FILE}: cannot be read ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RoomError(f"{folder / CLASS_FILE}: not a class file")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version not in SAVES_OF:
            raise RoomError(f"{folder / CLASS_FILE}: made by another version of the game")
        try:
            turns = data.get("turns")
            scenario = load_lesson(str(data["scenario"]), data.get("scenario_source"), turns)
            names = current_seats([str(s) for s in data["seats"]], SAVES_OF[version])
            seats = parse_seats(names, len(scenario.states))
            seeds = [int(s) for s in data["seeds"]]
            teams = [
                Team(
                    int(t["group"]) - 1,
                    int(t["seat"]),
                    str(t["name"]),
                    str(t["code"]),
                    str(t["ai_code"]),
                )
                for t in data["teams"]
            ]
            room = cls(
                folder,
                scenario,
                seeds,
                seats,
                data.get("timer_minutes"),
                str(data["teacher_code"]),
                teams,
                data.get("scenario_source"),
            )
            saved_turn = int(data["turn"])
        except (KeyError, TypeError, ValueError, ScenarioError) as exc:
            raise RoomError(f"{folder / CLASS_FILE}: damaged ({exc})") from None
        with room.lock:
            room._replay(saved_turn)
            for key, raw in (data.get("answers") or {}).items():
                if key in room.answers:
                    try:
                        room.answers[key] = Answers.from_dict(raw, scenario)
                    except ValueError:
                        pass
            for key, raw in (data.get("pending") or {}).items():
                if key in room.answers:
                    room.pending[key] = Submission.from_dict(raw)
            for key, raw in (data.get("drafts") or {}).items():
                if key in room.answers and isinstance(raw, list):
                    room.drafts[key] = [parse_action(a) for a in raw[:MAX_TEAM_ACTIONS]]
            room.paused = bool(data.get("paused", False))
            room.ended = bool(data.get("ended", False))
            remaining = data.get("remaining")
            room.remaining = None if remaining is None else float(remaining)
            room._start_clock()
            if room.pending and not room.waiting_on() and not room.paused and not room.finished:
                room._resolve(dict(room.pending))  # every team had handed in when it stopped
        return room

    def _replay(self, turns: int) -> None:
        """Play the batch again from the seeds to ``turns``, each group's human orders read from
        its save (which is checked on its own first)."""
        saved = []
        for g in range(len(self.seeds)):
            path = self.folder / group_file(g + 1)
            try:
                raw = parse_json(read_bounded(path, MAX_SAVE_BYTES).decode("utf-8"))
                session = from_dict(raw, path.name, self.scenario)
            except Exception as exc:
                raise RoomError(f"{path}: cannot resume from it ({exc})") from None
            saved.append((session, raw))
        humans = [i for i, s in enumerate(self.seats) if s.human]
        for t in range(turns):
            subs: dict[str, Submission] = {}
            for g, (session, _raw) in enumerate(saved):
                if t >= len(session.history):
                    continue
                orders = session.history[t].orders
                acts = dip_actions(orders.diplomacy_or_none(), self.scenario.names)
                for i in humans:
                    name = self.scenario.names[i]
                    row = tuple(float(x) for x in orders.spend[0, i])
                    subs[f"{g + 1}:{name}"] = Submission(
                        spend=(row[0], row[1], row[2], row[3], row[4]),
                        cut=float(orders.cut[0, i]),
                        actions=tuple(a for a in acts if a.actor == name),
                        pay=False,
                    )
            self._resolve(subs, replay=True)
        for g, (session, _raw) in enumerate(saved):
            if len(session.history) > turns:
                # The host stopped while it wrote the turn's files: this save has the turn that
                # class.json does not. The turn is played again from the orders handed in (kept
                # in class.json), which gives the same game, and the save is written anew.
                self.notes.append(f"group {g + 1}: the last turn is played again after a restart")
                continue
            if self.group_world(g).digest() != session.world.digest():
                raise RoomError(
                    f"group {g + 1}: the class does not replay to its save "
                    "(the files were edited, or the rules changed)"
                )

    def _save_class(self) -> None:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "scenario": self.scenario.id,
            "turns": int(self.scenario.params.turns),
            "seeds": self.seeds,
            "seats": [str(s) for s in self.seats],
            "timer_minutes": self.timer_minutes,
            "teacher_code": self.teacher_code,
            "teams": [
                {
                    "group": t.group + 1,
                    "seat": t.seat,
                    "name": t.name,
                    "code": t.code,
                    "ai_code": t.ai_code,
                }
                for t in self.teams
            ],
            "turn": self.turn,
            "answers": {k: a.to_dict() for k, a in self.answers.items()},
            "pending": {k: s.to_dict() for k, s in self.pending.items()},
            "drafts": {k: [a.to_dict() for a in v] for k, v in self.drafts.items()},
            "paused": self.paused,
            "ended": self.ended,
            "remaining": self.time_left(),
        }
        if self.source is not None:
            body["scenario_source"] = self.source
        write_atomic(self.folder / CLASS_FILE, json.dumps(body, indent=1) + "\n")

    def group_save(self, g: int) -> dict[str, Any]:
        """Group ``g``'s game in the save format, with the class's own field."""
        world = self.group_world(g)
        duck = SimpleNamespace(
            scenario=self.scenario,
            seed=self.seeds[g],
            seats=self.seats,
            turn=int(world.turn),
            history=self.records[g],
            world=world,
            answers=Answers(),
        )
        body = to_dict(duck)  # type: ignore[arg-type]
        del body["checksum"]
        body["class"] = {
            "group": g + 1,
            "groups": len(self.seeds),
            "teams": {t.name: self.answers[t.key].to_dict() for t in self.teams if t.group == g},
        }
        body["checksum"] = _checksum(body)
        return body

    def _save_groups(self) -> None:
        for g in range(len(self.seeds)):
            text = json.dumps(self.group_save(g), indent=1, allow_nan=False) + "\n"
            write_atomic(self.folder / group_file(g + 1), text)

    # ------------------------------------------------------------------ reading the class

    @property
    def turn(self) -> int:
        return int(self.runner.world.turn)

    @property
    def groups(self) -> int:
        return len(self.seeds)

    def group_world(self, g: int) -> World:
        return self.finals.get(g) or self.runner.world.select(g)

    def group_over(self, g: int) -> bool:
        return g in self.finals

    @property
    def finished(self) -> bool:
        return self.ended or all(self.group_over(g) for g in range(self.groups))

    def team(self, code: str, ai: bool = False) -> Team | None:
        """The team whose code this is (compared in constant time), or None; with ``ai``, the
        team whose seat this AI code plays."""
        code = code.strip().upper()
        found = None
        for t in self.teams:
            if secrets.compare_digest((t.ai_code if ai else t.code).encode(), code.encode()):
                found = t
        return found

    def is_teacher(self, code: str) -> bool:
        return secrets.compare_digest(self.teacher_code.encode(), code.strip().upper().encode())

    def waiting_on(self) -> list[Team]:
        """Teams of games still running that have not handed in this turn's orders."""
        return [t for t in self.teams if not self.group_over(t.group) and t.key not in self.pending]

    def time_left(self) -> float | None:
        if self.deadline is not None:
            return max(0.0, self.deadline - time.monotonic())
        return self.remaining

    def view(self, team: Team) -> dict[str, Any]:
        """The team's page data: its seat's view, its wires, its draft and its status."""
        with self.lock:
            g = team.group
            key = (g, team.seat, self.turn)
            view = self._views.get(key)
            if view is None:
                view = seat_view(self.scenario, self.group_world(g), team.seat, self.group_over(g))
                self._views = {k: v for k, v in self._views.items() if k[2] == self.turn}
                self._views[key] = view
            sub = self.pending.get(team.key)
            return {
                **view,
                "group": g + 1,
                "class_turn": self.turn,
                "wires": list(self.wires[g].get(team.name, [])),
                "submitted": sub is not None,
                "orders": sub.to_dict() if sub is not None else None,
                "draft": [a.to_dict() for a in self.drafts.get(team.key, [])],
                "paused": self.paused,
                "ended": self.ended,
                "finished": self.group_over(g) or self.ended,
                "time_left": self.time_left(),
            }

    def lens(self, team: Team, other: int) -> dict[str, Any]:
        """The stage game the team's state faces with ``other`` this turn, as it sees it."""
        with self.lock:
            g = team.group
            if not 0 <= other < len(self.seats) or other == team.seat:
                raise RoomError("pick another state for the lens")
            key = (g, self.turn, team.seat, other)
            if key not in self._lens:
                game = stage_game(self.group_world(g), team.seat, other, seen_by=team.seat)
                self._lens[key] = {
                    "row": game.row,
                    "col": game.col,
                    "moves": list(MOVES),
                    "A": game.A.tolist(),
                    "B": game.B.tolist(),
                    "name": game.name,
                    "pareto": game.pareto.tolist(),
                    "jervis_world": game.world,
                    "stability": float(game.stability),
                    "margin_row": float(game.margin_row),
                    "margin_col": float(game.margin_col),
                    "equilibria": [
                        [list(map(float, x)), list(map(float, y))] for x, y in game.equilibria
                    ],
                }
            return self._lens[key]

    def observation(self, team: Team, with_view: bool) -> dict[str, Any]:
        """What an AI policy playing the team's seat is given: its observation (never the
        truth: :func:`game.policies.base.observe`), and its seat's own random stream as the
        game's seed spawns it (so the game is the one ``simulate`` plays with that seat)."""
        with self.lock:
            world = self.group_world(team.group)
            obs = observe(world, team.seat, PublicView.of(world), with_view)
            _engine, seat_streams = spawn_streams(self.seeds[team.group], len(self.seats))
            return {
                "turn": self.turn,
                "observation": encode(obs),
                "rng": encode_rng(seat_streams[team.seat]),
            }

    def projector(self, g: int) -> dict[str, Any]:
        with self.lock:
            return public_view(self.scenario, self.group_world(g), self.group_over(g))

    def bets(self) -> dict[str, Any]:
        """The class's bets so far: the count of each choice, and who chose what."""
        with self.lock:
            bet = self.scenario.bet
            if bet is None:
                return {"question": None, "counts": [], "teams": []}
            counts = [0] * len(bet.choices)
            teams = []
            for t in self.teams:
                choice = self.answers[t.key].bet
                if choice is not None:
                    counts[choice] += 1
                teams.append({"team": t.label, "choice": choice})
            return {
                "question": bet.question,
                "choices": list(bet.choices),
                "counts": counts,
                "teams": teams,
            }

    # ------------------------------------------------------------------ what teams do

    def _group_orders(self, world: World, subs: dict[int, Submission]) -> Orders:
        """One group's human orders as engine orders (everyone else holding), checked by the
        engine (:class:`IllegalOrder` with its reasons)."""
        names = self.scenario.names
        base = Orders.hold(world)
        filled = [base.state_order(0, i) for i in range(world.n)]
        for i, s in subs.items():
            filled[i] = StateOrder(*s.spend[:4], civilian=s.spend[4], cut=s.cut)
        base = Orders.from_states(world, filled)
        actions = [a for s in subs.values() for a in s.actions]
        if actions:
            try:
                dip = apply_actions(base.diplomacy_or_none(), actions, names)
            except ActionError as exc:
                raise IllegalOrder([str(exc)]) from None
            base = base.with_diplomacy(dip)
            pay = [i for i in range(world.n) if i not in subs or subs[i].pay]
            base = base.pay_diplomacy(world, pay)
        check(world, base)
        return base

    def _check_open(self, team: Team) -> None:
        if self.ended:
            raise RoomError("the teacher has ended the game")
        if self.group_over(team.group):
            raise RoomError("your group's game is over")

    def submit(self, team: Team, sub: Submission, turn: int | None = None) -> None:
        """Hand in the team's orders for this turn (replacing any it handed in before).
        :class:`IllegalOrder` with the engine's reasons when they are not legal; the turn is
        resolved when the last team still playing hands in."""
        with self.lock:
            self._check_open(team)
            if turn is not None and turn != self.turn:
                raise RoomError(
                    f"those orders were for turn {turn + 1}; this is turn {self.turn + 1}"
                )
            names = self.scenario.names
            allowed = tuple(self.runner.world.params.diplomacy)
            for a in sub.actions:
                if a.actor != team.name:
                    raise IllegalOrder([f"{team.name} can only act for itself, not {a.actor}"])
                group = ACTION_GROUPS.get(a.action)
                if group is None:
                    raise IllegalOrder([f"unknown action {a.action!r}"])
                if group != "crisis" and group not in allowed:
                    raise IllegalOrder([f"this lesson does not open {a.action.replace('_', ' ')}"])
                if a.other and a.other not in names:
                    raise IllegalOrder([f"no state called {a.other!r}"])
            self._group_orders(self.group_world(team.group), {team.seat: sub})
            self.pending[team.key] = sub
            self.drafts.pop(team.key, None)
            self._save_class()
            if not self.waiting_on() and not self.paused:
                self._resolve(dict(self.pending))

    def withdraw(self, team: Team) -> None:
        """Take back the orders handed in, to change them (while the turn is still open)."""
        with self.lock:
            sub = self.pending.pop(team.key, None)
            if sub is not None:
                self.drafts[team.key] = list(sub.actions)
                self._save_class()

    def add_action(self, team: Team, action: Action) -> None:
        """Add a diplomatic action to the team's draft, checked by the engine with the rest."""
        with self.lock:
            self._check_open(team)
            draft = self.drafts.get(team.key, [])
            if len(draft) >= MAX_TEAM_ACTIONS:
                raise RoomError(f"at most {MAX_TEAM_ACTIONS} actions a turn")
            trial = Submission((0.0, 0.0, 0.0, 0.0, None), 0.0, (*draft, action))
            allowed = tuple(self.runner.world.params.diplomacy)
            group = ACTION_GROUPS.get(action.action)
            if action.actor != team.name:
                raise IllegalOrder([f"{team.name} can only act for itself"])
            if group is None or (group != "crisis" and group not in allowed):
                raise IllegalOrder([f"this lesson does not open {action.action!r}"])
            self._group_orders(self.group_world(team.group), {team.seat: trial})
            self.drafts[team.key] = [*draft, action]
            self._save_class()

    def remove_action(self, team: Team, index: int) -> None:
        with self.lock:
            draft = self.drafts.get(team.key, [])
            if 0 <= index < len(draft):
                del draft[index]
                self._save_class()

    def draft(self, team: Team) -> tuple[Action, ...]:
        with self.lock:
            return tuple(self.drafts.get(team.key, []))

    def answer(
        self,
        team: Team,
        bet: int | None = None,
        quiz: list[int | None] | None = None,
        when: str = "before",
    ) -> None:
        """Record the team's bet (before the turn it is asked for) or its quiz answers (before
        the first turn, or after its game)."""
        with self.lock:
            a = self.answers[team.key]
            world = self.group_world(team.group)
            if bet is not None:
                b = self.scenario.bet
                if b is None or not 0 <= bet < len(b.choices):
                    raise RoomError("this lesson has no such bet")
                if int(world.turn) >= int(b.ask_before) or self.ended:
                    raise RoomError("the bet closed when its turn was played")
                a.bet = bet
                self.bet_times[team.key] = time.time()
            if quiz is not None:
                qs = self.scenario.quiz
                if len(quiz) != len(qs) or any(
                    q is not None and not 0 <= q < len(spec.choices)
                    for q, spec in zip(quiz, qs, strict=True)
                ):
                    raise RoomError("answer each question with one of its choices")
                if when == "before":
                    if self.turn > 0:
                        raise RoomError("the quiz before the game closed with the first turn")
                    a.quiz_before = tuple(quiz)
                elif when == "after":
                    if not (self.group_over(team.group) or self.ended):
                        raise RoomError("the quiz after the game opens when the game is over")
                    a.quiz_after = tuple(quiz)
                else:
                    raise RoomError("the quiz is 'before' or 'after'")
            self._save_class()
            self._save_groups()

    # ------------------------------------------------------------------ what the teacher does

    def force(self) -> None:
        """Resolve the turn now: teams that have not handed in hold."""
        with self.lock:
            if self.finished:
                raise RoomError("the game is over")
            self._resolve(dict(self.pending))

    def pause(self, paused: bool) -> None:
        with self.lock:
            if paused and not self.paused:
                self.remaining = self.time_left()
                self.deadline = None
            self.paused = paused
            if not paused:
                self._start_clock()
                if not self.waiting_on() and not self.finished and self.pending:
                    self._resolve(dict(self.pending))
            self._save_class()

    def end(self) -> None:
        with self.lock:
            self.ended = True
            self.deadline = None
            self._save_class()
            self._save_groups()

    def tick(self) -> bool:
        """Called about once a second: resolve the turn when its time is up. True if it did."""
        with self.lock:
            if self.finished or self.paused or self.deadline is None:
                return False
            if time.monotonic() < self.deadline:
                return False
            self.notes.append(f"turn {self.turn + 1}: time was up")
            self._resolve(dict(self.pending))
            return True

    def _start_clock(self) -> None:
        if self.timer_minutes is None or self.paused or self.finished:
            self.deadline = None
            return
        left = self.remaining if self.remaining is not None else self.timer_minutes * 60.0
        self.deadline = time.monotonic() + left

    # ------------------------------------------------------------------ the turn

    def _resolve(self, subs: dict[str, Submission], replay: bool = False) -> None:
        """Play one turn of every group's game as one batch: each group's human orders (those
        handed in; the others hold), then every AI seat's, then the engine."""
        started = time.perf_counter()
        world = self.runner.world
        n = world.n
        by_group: dict[int, dict[int, Submission]] = {}
        for t in self.teams:
            if t.key in subs:
                by_group.setdefault(t.group, {})[t.seat] = subs[t.key]
        spend = Orders.hold(world).spend.copy()
        cut = np.zeros((world.batch, n))
        dips: list[Diplomacy | None] = []
        for g in range(world.batch):
            wb = world.select(g)
            mine = by_group.get(g, {}) if not self.group_over(g) else {}
            try:
                ob = self._group_orders(wb, mine)
            except IllegalOrder as exc:
                # Each team's orders were legal alone; together they are not (two offers that
                # clash): the group's diplomacy is dropped this turn, its spending kept.
                self.notes.append(f"group {g + 1}, turn {self.turn + 1}: diplomacy dropped ({exc})")
                plain = {i: Submission(s.spend, s.cut, (), s.pay) for i, s in mine.items()}
                try:
                    ob = self._group_orders(wb, plain)
                except IllegalOrder:
                    ob = Orders.hold(wb)
            spend[g], cut[g] = ob.spend[0], ob.cut[0]
            dips.append(ob.diplomacy)
        base = Orders(spend=spend, cut=cut, diplomacy=_stack_diplomacy(dips, n))
        orders = self.runner.ai_orders(base)
        live = [not self.group_over(g) for g in range(world.batch)]
        events = self.runner.advance(orders)
        after = self.runner.world
        for g in range(world.batch):
            if not live[g]:
                continue
            reasons = self.runner.reasons_in(g)
            self.records[g].append(
                SimpleNamespace(turn=world.turn, orders=orders.select(g), reasons=reasons)
            )
            public = self.runner.reasons_in(g, public=True)
            self.wires[g] = {
                t.name: wires_for(events, g, t.name, public) for t in self.teams if t.group == g
            }
            if bool(after.over[g]) or int(after.turn) >= int(self.scenario.params.turns):
                self.finals[g] = after.select(g)
        self.pending = {}
        self.drafts = {}
        self._lens = {}
        self._views = {}
        self.remaining = None
        self._start_clock()
        if not replay:
            self._save_groups()
            self._save_class()
            self.resolve_seconds.append(time.perf_counter() - started)


def remote_move(policy_name: str, difficulty: str, seat: int, message: dict[str, Any], state: Any):
    """For ``join --ai``: the policy's orders for the observation in ``message`` as a JSON
    submission. ``state`` carries the policy between turns (None at first)."""
    from game.classroom.codec import decode, decode_rng

    obs = decode(message["observation"])
    if state is None:
        cls = get_policy(policy_name)
        state = cls(seat, [decode_rng(message["rng"])], difficulty)
    policy = state
    move = policy.act(obs)
    n = len(obs.names)
    dip = None
    if move.diplomacy is not None:
        empty = Diplomacy.none(1, n, TREATY_SLOTS)
        dip = empty.set_state(seat, move.diplomacy).restricted(obs.allowed_diplomacy)
    acts = (
        []
        if dip is None
        else [a for a in dip_actions(dip, obs.names) if a.actor == obs.names[seat]]
    )
    spend = [float(x) for x in move.spend[0]]
    body = {
        "turn": message["turn"],
        "spend": spend[: len(CATEGORIES)],
        "cut": float(move.cut[0]),
        "actions": [a.to_dict() for a in acts],
    }
    return body, state
