"""The JSON API that ``join`` plays a seat through, from another machine.

Every call carries the seat's code in the ``X-Code`` header (its team's code, or its AI code)
and acts for that seat only; a refused call answers ``{"error": ...}`` with 403 or 422.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from game.classroom.room import RoomError, Submission
from game.classroom.web import Site, body_object
from game.engine.orders import IllegalOrder


def submission_of(data: dict[str, Any]) -> tuple[Submission, int | None]:
    """The orders of a call of ``/api/orders``, and the turn they are for (if it says)."""
    turn = data.get("turn")
    if turn is not None and type(turn) is not int:
        raise RoomError("'turn' should be a whole number")
    spend = data.get("spend")
    if isinstance(spend, list) and len(spend) == 4:
        spend = [*spend, None]
    sub = Submission.from_dict(
        {"spend": spend, "cut": data.get("cut", 0.0), "actions": data.get("actions", [])}
    )
    return sub, turn


def check_answers(bet: Any, quiz: Any) -> None:
    """A bet must be a choice number, a quiz a list of them (or gaps)."""
    if bet is not None and type(bet) is not int:
        raise RoomError("'bet' should be a choice number")
    if quiz is not None and (
        not isinstance(quiz, list) or not all(q is None or type(q) is int for q in quiz)
    ):
        raise RoomError("'quiz' should be a list of choice numbers")


class SeatApi:
    """The calls under ``/api``: the seat, its view or observation, its orders and answers."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes under ``/api``."""
        return [
            Route("/api/seat", self.api_seat),
            Route("/api/view", self.api_view),
            Route("/api/observation", self.api_observation),
            Route("/api/orders", self.api_orders, methods=["POST"]),
            Route("/api/answers", self.api_answers, methods=["POST"]),
        ]

    async def api_seat(self, request: Request) -> Response:
        """Which seat the code plays, and where the class is."""
        room = self.site.room
        team = self.site.seat_of(request)
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

    async def api_view(self, request: Request) -> Response:
        """The seat's view, as its team's page shows it."""
        team = self.site.seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        return JSONResponse(await run_in_threadpool(self.site.room.view, team))

    async def api_observation(self, request: Request) -> Response:
        """What an AI seat observes (its AI code only), with the view if ``view=1``."""
        room = self.site.room
        code = (request.headers.get("x-code") or "")[:32]
        team = room.team(code, ai=True) if code else None
        if team is None:
            return JSONResponse({"error": "an AI code of the seat is needed"}, 403)
        with_view = request.query_params.get("view") == "1"
        return JSONResponse(await run_in_threadpool(room.observation, team, with_view))

    async def api_orders(self, request: Request) -> Response:
        """The seat's orders handed in."""
        team = self.site.seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        try:
            sub, turn = submission_of(await body_object(request))
            await run_in_threadpool(self.site.room.submit, team, sub, turn)
        except (RoomError, IllegalOrder, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, 422)
        return JSONResponse({"ok": True})

    async def api_answers(self, request: Request) -> Response:
        """The seat's bet or quiz answers."""
        team = self.site.seat_of(request)
        if team is None:
            return JSONResponse({"error": "unknown code"}, 403)
        try:
            data = await body_object(request)
            bet = data.get("bet")
            quiz = data.get("quiz")
            check_answers(bet, quiz)
            when = str(data.get("when", "before"))
            await run_in_threadpool(self.site.room.answer, team, bet, quiz, when)
        except (RoomError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, 422)
        return JSONResponse({"ok": True})
