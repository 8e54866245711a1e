"""The class on the network: pages for teams and the teacher, and a small JSON API for ``join``.

Starlette (routing, forms, cookies) served by uvicorn; the pages are rendered on the server
(:mod:`game.classroom.pages`) and the only script reloads a page when the turn moves on.
Every request is checked before it reaches the class:

- a body larger than :data:`MAX_BODY` or a query longer than :data:`MAX_QUERY` is refused (413 /
  414) before it is read whole; forms take at most :data:`MAX_FIELDS` short fields and no files;
- a team is known by its code (a cookie set when it joins, or the ``X-Code`` header of ``join``)
  and every call acts for and shows that team's own seat only; the teacher's pages and controls
  need the teacher's code;
- cookies are ``HttpOnly`` and ``SameSite=Strict`` (another site cannot post for a team), pages
  are never cached, and a content security policy lets them load only their own style and
  script.

Room calls run in worker threads under the room's lock, so a turn being resolved never blocks
the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from game.classroom.pages import POLL_JS, STYLE, environment
from game.classroom.room import Room, RoomError, Submission, Team, parse_action
from game.engine.actions import TREATY_KINDS
from game.engine.orders import IllegalOrder
from game.limits import (
    MAX_FORM_FIELD,
    MAX_FORM_FIELDS,
    MAX_QUERY_BYTES,
    MAX_REQUEST_BYTES,
    Unreadable,
    parse_json,
)
from game.theory import (
    GAME_EXPLANATIONS,
    GAME_TITLES,
    JERVIS_WORLD_TITLES,
)

MAX_BODY = MAX_REQUEST_BYTES
MAX_QUERY = MAX_QUERY_BYTES
MAX_FIELDS = MAX_FORM_FIELDS
MAX_FIELD = MAX_FORM_FIELD
TEAM_COOKIE = "db_team"
TEACHER_COOKIE = "db_teacher"
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
LABELS = {
    "reach": "Reach",
    "shield": "Shield",
    "hardening": "Hardening",
    "intel": "Intelligence",
}


class Guard:
    """ASGI middleware: sizes and methods checked before anything is read, and the security
    headers added to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "POST", "HEAD"):
            await _plain(send, 405, "method not allowed")
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY or len(scope["path"]) > MAX_QUERY:
            await _plain(send, 414, "request too long")
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > MAX_BODY:
                        await _plain(send, 413, "request too large")
                        return
                except ValueError:
                    await _plain(send, 400, "bad request")
                    return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > MAX_BODY:
                    raise TooLarge()
            return message

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        try:
            await self.app(scope, bounded, secured)
        except TooLarge:
            await _plain(send, 413, "request too large")


class TooLarge(Exception):
    """A request body that grew past :data:`MAX_BODY` while it was read."""


async def _plain(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


def create_app(room: Room, tick_seconds: float = 1.0) -> ASGIApp:
    """The web application serving ``room``."""
    env = environment()

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("poll", None)
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def message(heading: str, text: str, back: str = "/", status: int = 200) -> HTMLResponse:
        return page("message", status, heading=heading, text=text, back=back, error=status >= 400)

    # ---------------------------------------------------------------- who is asking

    def team_of(request: Request) -> Team | None:
        code = request.headers.get("x-code") or request.cookies.get(TEAM_COOKIE) or ""
        return room.team(code[:32]) if code else None

    def seat_of(request: Request) -> Team | None:
        """The team a call of the API acts for: by its own code, or by its seat's AI code."""
        code = (request.headers.get("x-code") or "")[:32]
        return (room.team(code) or room.team(code, ai=True)) if code else None

    def teacher(request: Request) -> bool:
        code = request.headers.get("x-teacher") or request.cookies.get(TEACHER_COOKIE) or ""
        return bool(code) and room.is_teacher(code[:32])

    async def form(request: Request) -> dict[str, Any]:
        data = await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD)
        out: dict[str, Any] = {}
        for key, value in data.multi_items():
            if not isinstance(value, str) or len(value) > MAX_FIELD:
                raise RoomError("a field of the form is too long")
            if key == "parties":
                out.setdefault("parties", []).append(value)
            else:
                out[key] = value.strip()
        return out

    async def body_json(request: Request) -> Any:
        try:
            return parse_json((await request.body()).decode("utf-8"))
        except (Unreadable, UnicodeDecodeError) as exc:
            raise RoomError(f"the request is not JSON ({exc})") from None

    async def body_object(request: Request) -> dict[str, Any]:
        data = await body_json(request)
        if not isinstance(data, dict):
            raise RoomError("expected an object")
        return data

    def number(fields: dict[str, Any], key: str, high: float = 1e9) -> float:
        raw = fields.get(key, "") or "0"
        try:
            x = float(raw)
        except ValueError:
            raise RoomError(f"{LABELS.get(key, key)}: {raw!r} is not a number") from None
        if not (0.0 <= x <= high):
            raise RoomError(f"{LABELS.get(key, key)}: give a number from 0 up")
        return x

    # ---------------------------------------------------------------- joining

    async def home(request: Request) -> Response:
        if team_of(request) is not None:
            return RedirectResponse("/team", 303)
        code = request.query_params.get("code", "")[:16]
        return page("join", code=code, error=None)

    async def join(request: Request) -> Response:
        try:
            fields = await form(request)
        except RoomError as exc:
            return page("join", 400, code="", error=str(exc))
        code = str(fields.get("code", ""))[:32]
        if room.is_teacher(code):
            resp = RedirectResponse("/teacher", 303)
            resp.set_cookie(TEACHER_COOKIE, code.upper(), httponly=True, samesite="strict")
            return resp
        found = room.team(code)
        if found is None:
            return page("join", 403, code="", error="That code does not open a team.")
        resp = RedirectResponse("/team", 303)
        resp.set_cookie(TEAM_COOKIE, found.code, httponly=True, samesite="strict")
        return resp

    async def leave(request: Request) -> Response:
        resp = RedirectResponse("/", 303)
        resp.delete_cookie(TEAM_COOKIE)
        resp.delete_cookie(TEACHER_COOKIE)
        return resp

    # ---------------------------------------------------------------- a team's pages

    def status_key(view: dict[str, Any]) -> str:
        return f"{view['class_turn']}/{view['submitted']}/{view['paused']}/{view['finished']}"

    async def team_page(
        request: Request, error: str | None = None, message_text: str | None = None
    ) -> Response:
        team = team_of(request)
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
        return page(
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

    async def team_status(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return JSONResponse({"error": "not a team"}, 403)
        v = await run_in_threadpool(room.view, team)
        return JSONResponse({"key": status_key(v), "turn": v["class_turn"]})

    async def team_orders(request: Request) -> Response:
        team = team_of(request)
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
            return await team_page(request, error=str(exc))
        return RedirectResponse("/team", 303)

    async def team_withdraw(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        await run_in_threadpool(room.withdraw, team)
        return RedirectResponse("/team", 303)

    async def team_action(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        try:
            fields = await form(request)
            raw: dict[str, Any] = {"action": fields.get("action", ""), "actor": team.name}
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
            action = parse_action(raw)
            await run_in_threadpool(room.add_action, team, action)
        except (RoomError, IllegalOrder, ValueError) as exc:
            return await team_page(request, error=str(exc))
        return RedirectResponse("/team", 303)

    async def team_action_remove(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        try:
            fields = await form(request)
            index = int(number(fields, "index", 100))
        except RoomError as exc:
            return await team_page(request, error=str(exc))
        await run_in_threadpool(room.remove_action, team, index)
        return RedirectResponse("/team", 303)

    async def team_lens(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        other = request.query_params.get("other", "")
        names = room.scenario.names
        if other not in names:
            return message("Theory lens", "Pick a state from your board.", "/team", 400)
        try:
            g = await run_in_threadpool(room.lens, team, names.index(other))
        except RoomError as exc:
            return message("Theory lens", str(exc), "/team", 400)
        equilibria = []
        for x, y in g["equilibria"]:
            mx = ", ".join(f"{m} {p:.2f}" for m, p in zip(g["moves"], x, strict=True))
            my = ", ".join(f"{m} {p:.2f}" for m, p in zip(g["moves"], y, strict=True))
            equilibria.append(f"{g['row']} [{mx}], {g['col']} [{my}]")
        return page(
            "lens",
            g=g,
            title=GAME_TITLES.get(g["name"], g["name"]),
            explanation=GAME_EXPLANATIONS.get(g["name"], ""),
            jervis=JERVIS_WORLD_TITLES.get(g["jervis_world"], g["jervis_world"]),
            equilibria=equilibria,
        )

    async def team_bet(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        bet = room.scenario.bet
        if bet is None:
            return message("The bet", "This lesson has no bet.", "/team")
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
        return page(
            "bet",
            422 if error else 200,
            bet=bet,
            chosen=room.answers[team.key].bet,
            open=world_turn < int(bet.ask_before) and not room.ended,
            error=error,
        )

    async def team_quiz(request: Request) -> Response:
        team = team_of(request)
        if team is None:
            return RedirectResponse("/", 303)
        quiz = room.scenario.quiz
        if not quiz:
            return message("Quiz", "This lesson has no quiz.", "/team")
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
        return page(
            "quiz",
            422 if error else 200,
            quiz=quiz,
            when=when,
            error=error,
            done=done,
            open=is_open,
        )

    # ---------------------------------------------------------------- the JSON API (join)

    async def api_seat(request: Request) -> Response:
        team = seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        v = await run_in_threadpool(room.view, team)
        return JSONResponse(
            {
                "scenario": room.scenario.id,
                "group": team.group + 1,
                "seat": team.seat,
                "name": team.name,
                "turn": v["class_turn"],
                "turns": v["turns"],
                "submitted": v["submitted"],
                "paused": v["paused"],
                "finished": v["finished"],
            }
        )

    async def api_view(request: Request) -> Response:
        team = seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        return JSONResponse(await run_in_threadpool(room.view, team))

    async def api_observation(request: Request) -> Response:
        code = (request.headers.get("x-code") or "")[:32]
        team = room.team(code, ai=True) if code else None
        if team is None:
            return JSONResponse({"error": "an AI code of the seat is needed"}, 403)
        with_view = request.query_params.get("view") == "1"
        return JSONResponse(await run_in_threadpool(room.observation, team, with_view))

    async def api_orders(request: Request) -> Response:
        team = seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        try:
            data = await body_object(request)
            turn = data.get("turn")
            if turn is not None and type(turn) is not int:
                raise RoomError("'turn' should be a whole number")
            spend = data.get("spend")
            if isinstance(spend, list) and len(spend) == 4:
                spend = [*spend, None]
            sub = Submission.from_dict(
                {"spend": spend, "cut": data.get("cut", 0.0), "actions": data.get("actions", [])}
            )
            await run_in_threadpool(room.submit, team, sub, turn)
        except (RoomError, IllegalOrder, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, 422)
        return JSONResponse({"ok": True})

    async def api_answers(request: Request) -> Response:
        team = seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        try:
            data = await body_object(request)
            bet = data.get("bet")
            quiz = data.get("quiz")
            if bet is not None and type(bet) is not int:
                raise RoomError("'bet' should be a choice number")
            if quiz is not None and (
                not isinstance(quiz, list) or not all(q is None or type(q) is int for q in quiz)
            ):
                raise RoomError("'quiz' should be a list of choice numbers")
            when = str(data.get("when", "before"))
            await run_in_threadpool(room.answer, team, bet, quiz, when)
        except (RoomError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, 422)
        return JSONResponse({"ok": True})

    # ---------------------------------------------------------------- the teacher

    def teacher_context() -> dict[str, Any]:
        with room.lock:
            groups = []
            for g in range(room.groups):
                teams = []
                for t in room.teams:
                    if t.group != g:
                        continue
                    choice = room.answers[t.key].bet
                    bet = room.scenario.bet
                    teams.append(
                        {
                            "name": t.name,
                            "code": t.code,
                            "ai_code": t.ai_code,
                            "submitted": t.key in room.pending,
                            "bet": "-" if choice is None or bet is None else bet.choices[choice],
                        }
                    )
                groups.append(
                    {
                        "number": g + 1,
                        "seed": room.seeds[g],
                        "over": room.group_over(g),
                        "teams": teams,
                    }
                )
            return {
                "title": room.scenario.title,
                "turn": room.turn,
                "turns": int(room.scenario.params.turns),
                "paused": room.paused,
                "ended": room.ended,
                "finished": room.finished,
                "time_left": room.time_left(),
                "waiting": len(room.waiting_on()),
                "groups": groups,
                "bets": room.bets(),
                "notes": list(room.notes[-10:]),
                "resolve_seconds": [round(x, 4) for x in room.resolve_seconds[-200:]],
            }

    def teacher_key(ctx: dict[str, Any]) -> str:
        counts = ",".join(str(c) for c in ctx["bets"].get("counts", []))
        return f"{ctx['turn']}/{ctx['waiting']}/{ctx['paused']}/{ctx['finished']}/{counts}"

    async def teacher_page(request: Request, error: str | None = None, note: str | None = None):
        if not teacher(request):
            return page("join", 403 if request.method == "POST" else 200, code="", error=None)
        ctx = await run_in_threadpool(teacher_context)
        return page(
            "teacher",
            200,
            error=error,
            message=note,
            poll="/teacher/status",
            key=teacher_key(ctx),
            **ctx,
        )

    async def teacher_status(request: Request) -> Response:
        if not teacher(request):
            return JSONResponse({"error": "teacher only"}, 403)
        ctx = await run_in_threadpool(teacher_context)
        return JSONResponse({"key": teacher_key(ctx), **ctx})

    def control(action: Any) -> Any:
        async def handler(request: Request) -> Response:
            if not teacher(request):
                return JSONResponse({"error": "teacher only"}, 403)
            try:
                result = await run_in_threadpool(action)
            except (RoomError, OSError, ValueError) as exc:
                if request.headers.get("x-teacher"):
                    return JSONResponse({"error": str(exc)}, 422)
                return await teacher_page(request, error=str(exc))
            if request.headers.get("x-teacher"):
                return JSONResponse({"ok": True, "result": result})
            if isinstance(result, list) and result:
                return await teacher_page(request, note="Written: " + ", ".join(result))
            return RedirectResponse("/teacher", 303)

        return handler

    def write_report() -> list[str]:
        from game.classroom.results import write_class_report

        with room.lock:
            saves = [room.group_save(g) for g in range(room.groups)]
        return [str(p) for p in write_class_report(saves, room.folder / "report")]

    async def projector(request: Request) -> Response:
        if not teacher(request):
            return RedirectResponse("/", 303)
        try:
            g = int(request.path_params["group"]) - 1
        except ValueError:
            g = -1
        if not 0 <= g < room.groups:
            return message("Projector", "No such group.", "/teacher", 404)
        v = await run_in_threadpool(room.projector, g)
        return page(
            "projector",
            v=v,
            number=g + 1,
            poll="/teacher/status",
            key=teacher_key(await run_in_threadpool(teacher_context)),
        )

    async def debrief(request: Request) -> Response:
        if not teacher(request):
            return RedirectResponse("/", 303)
        from game.classroom.results import class_report_html

        def build() -> str:
            with room.lock:
                saves = [room.group_save(g) for g in range(room.groups)]
            return class_report_html(saves)

        return HTMLResponse(await run_in_threadpool(build))

    # ---------------------------------------------------------------- static

    async def style(request: Request) -> Response:
        return Response(STYLE, media_type="text/css")

    async def poll_js(request: Request) -> Response:
        return Response(POLL_JS, media_type="text/javascript")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def ticker() -> None:
            while True:
                await asyncio.sleep(tick_seconds)
                try:
                    await run_in_threadpool(room.tick)
                except Exception as exc:  # a bug must not stop the clock; the teacher sees it
                    room.notes.append(f"timer: {type(exc).__name__}: {exc}")

        task = asyncio.create_task(ticker())
        try:
            yield
        finally:
            task.cancel()

    routes = [
        Route("/", home),
        Route("/join", join, methods=["POST"]),
        Route("/leave", leave, methods=["POST"]),
        Route("/team", team_page),
        Route("/team/status", team_status),
        Route("/team/orders", team_orders, methods=["POST"]),
        Route("/team/withdraw", team_withdraw, methods=["POST"]),
        Route("/team/action", team_action, methods=["POST"]),
        Route("/team/action/remove", team_action_remove, methods=["POST"]),
        Route("/team/lens", team_lens),
        Route("/team/bet", team_bet, methods=["GET", "POST"]),
        Route("/team/quiz", team_quiz, methods=["GET", "POST"]),
        Route("/api/seat", api_seat),
        Route("/api/view", api_view),
        Route("/api/observation", api_observation),
        Route("/api/orders", api_orders, methods=["POST"]),
        Route("/api/answers", api_answers, methods=["POST"]),
        Route("/teacher", teacher_page),
        Route("/teacher/status", teacher_status),
        Route("/teacher/force", control(room.force), methods=["POST"]),
        Route("/teacher/pause", control(lambda: room.pause(True)), methods=["POST"]),
        Route("/teacher/resume", control(lambda: room.pause(False)), methods=["POST"]),
        Route("/teacher/end", control(room.end), methods=["POST"]),
        Route("/teacher/report", control(write_report), methods=["POST"]),
        Route("/teacher/group/{group}", projector),
        Route("/teacher/debrief", debrief),
        Route("/static/style.css", style),
        Route("/static/poll.js", poll_js),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    return Guard(app)
