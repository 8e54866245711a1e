"""The pages of a team, and joining and leaving the class, for a browser.

A team is known by its code (a cookie set when it joins); every page acts for and shows that
team's own seat only, and a page reached without the code goes back to the join page.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from game.classroom.room import RoomError, Submission, parse_action
from game.classroom.web import LABELS, TEACHER_COOKIE, TEAM_COOKIE, Site, form, number
from game.engine.actions import TREATY_KINDS
from game.engine.orders import IllegalOrder
from game.theory import GAME_EXPLANATIONS, GAME_TITLES, JERVIS_WORLD_TITLES


def status_key(view: dict[str, Any]) -> str:
    """What the team's page polls for: it reloads when this changes."""
    return f"{view['class_turn']}/{view['submitted']}/{view['paused']}/{view['finished']}"


def equilibrium_lines(g: dict[str, Any]) -> list[str]:
    """Each equilibrium of the lens's game in words: each side's moves with their odds."""
    lines = []
    for x, y in g["equilibria"]:
        mx = ", ".join(f"{m} {p:.2f}" for m, p in zip(g["moves"], x, strict=True))
        my = ", ".join(f"{m} {p:.2f}" for m, p in zip(g["moves"], y, strict=True))
        lines.append(f"{g['row']} [{mx}], {g['col']} [{my}]")
    return lines


def action_fields(fields: dict[str, Any], actor: str) -> dict[str, Any]:
    """The form of a diplomatic move as the raw action :func:`parse_action` reads."""
    raw: dict[str, Any] = {"action": fields.get("action", ""), "actor": actor}
    if fields.get("other"):
        raw["other"] = fields["other"]
    for key in ("reach", "shield", "cap", "verification"):
        if number(fields, key):
            raw[key] = number(fields, key)
    if fields.get("action") in ("sign_treaty", "leave_treaty", "inspect", "cheat"):
        raw["treaty"] = int(number(fields, "treaty", 63))
    if fields.get("action") == "propose_treaty":
        raw["kind"] = fields.get("kind", "")
        raw["parties"] = list(fields.get("parties", []))
    return raw


class Joining:
    """The join page, joining with a code (a team's or the teacher's) and leaving."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes of joining and leaving."""
        return [
            Route("/", self.home),
            Route("/join", self.join, methods=["POST"]),
            Route("/leave", self.leave, methods=["POST"]),
        ]

    async def home(self, request: Request) -> Response:
        """The join page, or the team's page for a team that has joined."""
        if self.site.team_of(request) is not None:
            return RedirectResponse("/team", 303)
        code = request.query_params.get("code", "")[:16]
        return self.site.page("join", code=code, error=None)

    async def join(self, request: Request) -> Response:
        """A code given: the teacher's opens the teacher's page, a team's its own."""
        site = self.site
        try:
            fields = await form(request)
        except RoomError as exc:
            return site.page("join", 400, code="", error=str(exc))
        code = str(fields.get("code", ""))[:32]
        if site.room.is_teacher(code):
            resp = RedirectResponse("/teacher", 303)
            resp.set_cookie(TEACHER_COOKIE, code.upper(), httponly=True, samesite="strict")
            return resp
        found = site.room.team(code)
        if found is None:
            return site.page("join", 403, code="", error="That code does not open a team.")
        resp = RedirectResponse("/team", 303)
        resp.set_cookie(TEAM_COOKIE, found.code, httponly=True, samesite="strict")
        return resp

    async def leave(self, request: Request) -> Response:
        """Both cookies dropped, back to the join page."""
        resp = RedirectResponse("/", 303)
        resp.delete_cookie(TEAM_COOKIE)
        resp.delete_cookie(TEACHER_COOKIE)
        return resp


class TeamPages:
    """A team's page and what it posts: orders, moves, the lens, the bet and the quiz."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes under ``/team``."""
        return [
            Route("/team", self.team_page),
            Route("/team/status", self.team_status),
            Route("/team/orders", self.team_orders, methods=["POST"]),
            Route("/team/withdraw", self.team_withdraw, methods=["POST"]),
            Route("/team/action", self.team_action, methods=["POST"]),
            Route("/team/action/remove", self.team_action_remove, methods=["POST"]),
            Route("/team/lens", self.team_lens),
            Route("/team/bet", self.team_bet, methods=["GET", "POST"]),
            Route("/team/quiz", self.team_quiz, methods=["GET", "POST"]),
        ]

    async def team_page(
        self, request: Request, error: str | None = None, message_text: str | None = None
    ) -> Response:
        """The team's page: its board, its orders and moves, and any error of its last post."""
        room = self.site.room
        team = self.site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        v = await run_in_threadpool(room.view, team)
        bet = room.scenario.bet
        waiting = len(await run_in_threadpool(room.waiting_on))
        last = {}
        if v["orders"]:
            last = dict(
                zip(
                    ("reach", "shield", "hardening", "intel"), v["orders"]["spend"][:4], strict=True
                )
            )
        return self.site.page(
            "team",
            422 if error else 200,
            v=v,
            error=error,
            message=message_text,
            bet=bet is not None,
            bet_open=bet is not None
            and room.answers[team.key].bet is None
            and v["turn"] < int(bet.ask_before)
            and not v["finished"],
            bet_before=0 if bet is None else int(bet.ask_before),
            quiz=bool(room.scenario.quiz),
            waiting=waiting,
            lines=[c for c in v["categories"] if c in LABELS],
            labels=LABELS,
            last=last,
            treaty_kinds=TREATY_KINDS,
            poll="/team/status",
            key=status_key(v),
        )

    async def team_status(self, request: Request) -> Response:
        """What the team's page polls: its status key and the class's turn."""
        team = self.site.team_of(request)
        if team is None:
            return JSONResponse({"error": "not a team"}, 403)
        v = await run_in_threadpool(self.site.room.view, team)
        return JSONResponse({"key": status_key(v), "turn": v["class_turn"]})

    async def team_orders(self, request: Request) -> Response:
        """The team's spending handed in, with the moves it has drafted."""
        room = self.site.room
        team = self.site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        try:
            fields = await form(request)
            sub = Submission(
                spend=(
                    number(fields, "reach"),
                    number(fields, "shield"),
                    number(fields, "hardening"),
                    number(fields, "intel"),
                    None,
                ),
                cut=number(fields, "cut"),
                actions=room.draft(team),
            )
            await run_in_threadpool(room.submit, team, sub)
        except (RoomError, IllegalOrder) as exc:
            return await self.team_page(request, error=str(exc))
        return RedirectResponse("/team", 303)

    async def team_withdraw(self, request: Request) -> Response:
        """The team's orders taken back."""
        team = self.site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        await run_in_threadpool(self.site.room.withdraw, team)
        return RedirectResponse("/team", 303)

    async def team_action(self, request: Request) -> Response:
        """A diplomatic move added to the team's draft."""
        team = self.site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        try:
            action = parse_action(action_fields(await form(request), team.name))
            await run_in_threadpool(self.site.room.add_action, team, action)
        except (RoomError, IllegalOrder, ValueError) as exc:
            return await self.team_page(request, error=str(exc))
        return RedirectResponse("/team", 303)

    async def team_action_remove(self, request: Request) -> Response:
        """A move taken out of the team's draft."""
        team = self.site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        try:
            fields = await form(request)
            index = int(number(fields, "index", 100))
        except RoomError as exc:
            return await self.team_page(request, error=str(exc))
        await run_in_threadpool(self.site.room.remove_action, team, index)
        return RedirectResponse("/team", 303)

    async def team_lens(self, request: Request) -> Response:
        """The theory lens on the team and another state of its board."""
        site = self.site
        team = site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        other = request.query_params.get("other", "")
        names = site.room.scenario.names
        if other not in names:
            return site.message("Theory lens", "Pick a state from your board.", "/team", 400)
        try:
            g = await run_in_threadpool(site.room.lens, team, names.index(other))
        except RoomError as exc:
            return site.message("Theory lens", str(exc), "/team", 400)
        return site.page(
            "lens",
            g=g,
            title=GAME_TITLES.get(g["name"], g["name"]),
            explanation=GAME_EXPLANATIONS.get(g["name"], ""),
            jervis=JERVIS_WORLD_TITLES.get(g["jervis_world"], g["jervis_world"]),
            equilibria=equilibrium_lines(g),
        )

    async def team_bet(self, request: Request) -> Response:
        """The lesson's bet: shown, and taken while it is open."""
        site = self.site
        room = site.room
        team = site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        bet = room.scenario.bet
        if bet is None:
            return site.message("The bet", "This lesson has no bet.", "/team")
        error = None
        if request.method == "POST":
            try:
                fields = await form(request)
                choice = int(number(fields, "choice", len(bet.choices) - 1))
                await run_in_threadpool(room.answer, team, choice)
            except (RoomError, ValueError) as exc:
                error = str(exc)
            else:
                return RedirectResponse("/team/bet", 303)
        world_turn = (await run_in_threadpool(room.view, team))["turn"]
        return site.page(
            "bet",
            422 if error else 200,
            bet=bet,
            chosen=room.answers[team.key].bet,
            open=world_turn < int(bet.ask_before) and not room.ended,
            error=error,
        )

    async def team_quiz(self, request: Request) -> Response:
        """The lesson's quiz, before the game and after it."""
        site = self.site
        room = site.room
        team = site.team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        quiz = room.scenario.quiz
        if not quiz:
            return site.message("Quiz", "This lesson has no quiz.", "/team")
        v = await run_in_threadpool(room.view, team)
        when = "after" if v["finished"] else "before"
        error = None
        if request.method == "POST":
            try:
                fields = await form(request)
                answers: list[int | None] = []
                for k in range(len(quiz)):
                    raw = fields.get(f"q{k}")
                    answers.append(None if raw in (None, "") else int(number(fields, f"q{k}", 9)))
                await run_in_threadpool(room.answer, team, None, answers, when)
            except (RoomError, ValueError) as exc:
                error = str(exc)
        given = room.answers[team.key]
        done = bool(given.quiz_after if when == "after" else given.quiz_before)
        is_open = v["finished"] or v["class_turn"] == 0
        return site.page(
            "quiz",
            422 if error else 200,
            quiz=quiz,
            when=when,
            error=error,
            done=done,
            open=is_open,
        )
