"""The teacher's pages and controls: the class at a glance, a group on the projector, the
debrief, and forcing, pausing, ending the turn or writing the report.

Everything here needs the teacher's code (the teacher's cookie, or the ``X-Teacher`` header of
a script, which gets JSON answers instead of pages).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from game.classroom.room import Room, RoomError
from game.classroom.web import Site


def team_rows(room: Room, g: int) -> list[dict[str, Any]]:
    """Group ``g``'s teams for the teacher: codes, whether they handed in, their bets."""
    bet = room.scenario.bet
    rows = []
    for t in room.teams:
        if t.group != g:
            continue
        choice = room.answers[t.key].bet
        rows.append(
            {
                "name": t.name,
                "code": t.code,
                "ai_code": t.ai_code,
                "submitted": t.key in room.pending,
                "bet": "-" if choice is None or bet is None else bet.choices[choice],
            }
        )
    return rows


def teacher_context(room: Room) -> dict[str, Any]:
    """The class as the teacher's page shows it (read under the room's lock)."""
    with room.lock:
        groups = [
            {
                "number": g + 1,
                "seed": room.seeds[g],
                "over": room.group_over(g),
                "teams": team_rows(room, g),
            }
            for g in range(room.groups)
        ]
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
    """What the teacher's pages poll for: they reload when this changes."""
    counts = ",".join(str(c) for c in ctx["bets"].get("counts", []))
    return f"{ctx['turn']}/{ctx['waiting']}/{ctx['paused']}/{ctx['finished']}/{counts}"


def group_saves(room: Room) -> list[dict[str, Any]]:
    """Every group's game in the save format, read under the room's lock."""
    with room.lock:
        return [room.group_save(g) for g in range(room.groups)]


def write_report(room: Room) -> list[str]:
    """The class report written into the room's folder; the files written."""
    from game.classroom.results import write_class_report

    return [str(p) for p in write_class_report(group_saves(room), room.folder / "report")]


class TeacherPages:
    """The routes under ``/teacher``."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The teacher's pages and the controls, each a POST."""
        room = self.site.room
        return [
            Route("/teacher", self.teacher_page),
            Route("/teacher/status", self.teacher_status),
            Route("/teacher/force", self.control(room.force), methods=["POST"]),
            Route("/teacher/pause", self.control(lambda: room.pause(True)), methods=["POST"]),
            Route("/teacher/resume", self.control(lambda: room.pause(False)), methods=["POST"]),
            Route("/teacher/end", self.control(room.end), methods=["POST"]),
            Route("/teacher/report", self.control(lambda: write_report(room)), methods=["POST"]),
            Route("/teacher/group/{group}", self.projector),
            Route("/teacher/debrief", self.debrief),
        ]

    async def teacher_page(
        self, request: Request, error: str | None = None, note: str | None = None
    ) -> Response:
        """The teacher's page, or the join page for anyone else."""
        site = self.site
        if not site.teacher(request):
            return site.page("join", 403 if request.method == "POST" else 200, code="", error=None)
        ctx = await run_in_threadpool(teacher_context, site.room)
        return site.page(
            "teacher",
            200,
            error=error,
            message=note,
            poll="/teacher/status",
            key=teacher_key(ctx),
            **ctx,
        )

    async def teacher_status(self, request: Request) -> Response:
        """What the teacher's pages poll: the class as JSON, with its key."""
        if not self.site.teacher(request):
            return JSONResponse({"error": "teacher only"}, 403)
        ctx = await run_in_threadpool(teacher_context, self.site.room)
        return JSONResponse({"key": teacher_key(ctx), **ctx})

    def control(self, action: Callable[[], Any]) -> Callable[[Request], Any]:
        """A teacher's control running ``action``: JSON for a script, the page for a browser."""

        async def handler(request: Request) -> Response:
            if not self.site.teacher(request):
                return JSONResponse({"error": "teacher only"}, 403)
            try:
                result = await run_in_threadpool(action)
            except (RoomError, OSError, ValueError) as exc:
                if request.headers.get("x-teacher"):
                    return JSONResponse({"error": str(exc)}, 422)
                return await self.teacher_page(request, error=str(exc))
            if request.headers.get("x-teacher"):
                return JSONResponse({"ok": True, "result": result})
            if isinstance(result, list) and result:
                return await self.teacher_page(request, note="Written: " + ", ".join(result))
            return RedirectResponse("/teacher", 303)

        return handler

    async def projector(self, request: Request) -> Response:
        """One group's board, for the projector."""
        site = self.site
        if not site.teacher(request):
            return RedirectResponse("/", 303)
        try:
            g = int(request.path_params["group"]) - 1
        except ValueError:
            g = -1
        if not 0 <= g < site.room.groups:
            return site.message("Projector", "No such group.", "/teacher", 404)
        v = await run_in_threadpool(site.room.projector, g)
        return site.page(
            "projector",
            v=v,
            number=g + 1,
            poll="/teacher/status",
            key=teacher_key(await run_in_threadpool(teacher_context, site.room)),
        )

    async def debrief(self, request: Request) -> Response:
        """The class report as a page."""
        if not self.site.teacher(request):
            return RedirectResponse("/", 303)
        from game.classroom.results import class_report_html

        room = self.site.room
        return HTMLResponse(await run_in_threadpool(lambda: class_report_html(group_saves(room))))
