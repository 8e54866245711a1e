"""What every page and call of the classroom server shares: the room, the templates, who is
asking, and the form or JSON body read within its limits.

:class:`Site` is the server's one piece of state; the pages for teams
(:mod:`game.classroom.team_pages`), the JSON API of ``join`` (:mod:`game.classroom.seat_api`)
and the teacher's pages (:mod:`game.classroom.teacher_pages`) each hold it.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from game.classroom.pages import environment
from game.classroom.room import Room, RoomError, Team
from game.limits import MAX_FORM_FIELD, MAX_FORM_FIELDS, Unreadable, parse_json

MAX_FIELDS = MAX_FORM_FIELDS
MAX_FIELD = MAX_FORM_FIELD
TEAM_COOKIE = "db_team"
TEACHER_COOKIE = "db_teacher"
LABELS = {
    "reach": "Reach",
    "shield": "Shield",
    "hardening": "Hardening",
    "intel": "Intelligence",
}


class Site:
    """The room served, with the page templates and the questions every handler asks."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.env = environment()

    # ---------------------------------------------------------------- answering

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The template ``name`` rendered with ``context`` (no polling unless asked)."""
        context.setdefault("poll", None)
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def message(self, heading: str, text: str, back: str = "/", status: int = 200) -> HTMLResponse:
        """A page saying one thing, with a link back; an error from status 400."""
        return self.page(
            "message", status, heading=heading, text=text, back=back, error=status >= 400
        )

    # ---------------------------------------------------------------- who is asking

    def team_of(self, request: Request) -> Team | None:
        """The team of a page: by the ``X-Code`` header or the team's cookie."""
        code = request.headers.get("x-code") or request.cookies.get(TEAM_COOKIE) or ""
        return self.room.team(code[:32]) if code else None

    def seat_of(self, request: Request) -> Team | None:
        """The team a call of the API acts for: by its own code, or by its seat's AI code."""
        code = (request.headers.get("x-code") or "")[:32]
        return (self.room.team(code) or self.room.team(code, ai=True)) if code else None

    def teacher(self, request: Request) -> bool:
        """Whether the teacher asks (the ``X-Teacher`` header or the teacher's cookie)."""
        code = request.headers.get("x-teacher") or request.cookies.get(TEACHER_COOKIE) or ""
        return bool(code) and self.room.is_teacher(code[:32])


# -------------------------------------------------------------------- reading a request


async def form(request: Request) -> dict[str, Any]:
    """The fields of a posted form: short strings, no files; ``parties`` may repeat."""
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
    """The request's body read as JSON, within the game's limits."""
    try:
        return parse_json((await request.body()).decode("utf-8"))
    except (Unreadable, UnicodeDecodeError) as exc:
        raise RoomError(f"the request is not JSON ({exc})") from None


async def body_object(request: Request) -> dict[str, Any]:
    """The request's body, which must be a JSON object."""
    data = await body_json(request)
    if not isinstance(data, dict):
        raise RoomError("expected an object")
    return data


def number(fields: dict[str, Any], key: str, high: float = 1e9) -> float:
    """The field ``key`` of a form as a number from 0 to ``high`` (empty is 0)."""
    raw = fields.get(key, "") or "0"
    try:
        x = float(raw)
    except ValueError:
        raise RoomError(f"{LABELS.get(key, key)}: {raw!r} is not a number") from None
    if not (0.0 <= x <= high):
        raise RoomError(f"{LABELS.get(key, key)}: give a number from 0 up")
    return x
