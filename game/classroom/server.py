"""The class on the network: pages for teams and the teacher, and a small JSON API for ``join``.

Starlette (routing, forms, cookies) served by uvicorn; the pages are rendered on the server
(:mod:`game.classroom.pages`) and the only script reloads a page when the turn moves on.
Every request is checked before it reaches the class:

- a body larger than :data:`MAX_BODY` or a query longer than :data:`MAX_QUERY` is refused (413 /
  414) before it is read whole; forms take at most
  :data:`~game.classroom.web.MAX_FIELDS` short fields and no files;
- a team is known by its code (a cookie set when it joins, or the ``X-Code`` header of ``join``)
  and every call acts for and shows that team's own seat only; the teacher's pages and controls
  need the teacher's code;
- cookies are ``HttpOnly`` and ``SameSite=Strict`` (another site cannot post for a team), pages
  are never cached, and a content security policy lets them load only their own style and
  script.

Room calls run in worker threads under the room's lock, so a turn being resolved never blocks
the event loop. The pages and calls themselves are in :mod:`game.classroom.team_pages` (joining
and a team's pages), :mod:`game.classroom.seat_api` (the API of ``join``) and
:mod:`game.classroom.teacher_pages`, around the state they share (:mod:`game.classroom.web`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from game.classroom.pages import POLL_JS, STYLE
from game.classroom.room import Room
from game.classroom.seat_api import SeatApi
from game.classroom.teacher_pages import TeacherPages
from game.classroom.team_pages import Joining, TeamPages
from game.classroom.web import Site
from game.limits import MAX_QUERY_BYTES, MAX_REQUEST_BYTES

MAX_BODY = MAX_REQUEST_BYTES
MAX_QUERY = MAX_QUERY_BYTES
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


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
    """The web application serving ``room``: the teams' pages, the API of ``join`` and the
    teacher's pages, behind the :class:`Guard`, with the room's clock ticking."""
    site = Site(room)
    routes = [
        *Joining(site).routes(),
        *TeamPages(site).routes(),
        *SeatApi(site).routes(),
        *TeacherPages(site).routes(),
        Route("/static/style.css", style),
        Route("/static/poll.js", poll_js),
    ]
    app = Starlette(routes=routes, lifespan=ticking(room, tick_seconds))
    return Guard(app)


async def style(request: Request) -> Response:
    """The one style sheet."""
    return Response(STYLE, media_type="text/css")


async def poll_js(request: Request) -> Response:
    """The one script: it reloads a page when the turn moves on."""
    return Response(POLL_JS, media_type="text/javascript")


def ticking(room: Room, tick_seconds: float) -> Callable[[Starlette], Any]:
    """The app's lifespan: the room's clock ticks every ``tick_seconds`` while it serves."""

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

    return lifespan
