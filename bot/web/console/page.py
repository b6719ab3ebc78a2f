"""What every console page shares: the base that hands a page the shell's drawing and refusing,
and the small readers of ids and days from a path or a form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from bot.core.normalize import parse_id
from bot.web.console.auth import Visit

if TYPE_CHECKING:
    from bot.web.console import ConsoleDeps
    from bot.web.console.site import Console

PAGE_SIZE = 50
TEMPLATES = Path(__file__).parent / "templates"
FAVICON = Path(__file__).parent / "favicon.ico"
INVITE_DAYS = 7  # an invite's days of validity unless the admin sets others


def id_of(value: object) -> int:
    """An id from a path or a form; anything else (or beyond int32) finds nothing."""
    return parse_id(str(value)) or 0


def iso_day(value: object) -> str:
    """A campaign file's date as people write it (dd/mm/yyyy); other values as they are."""
    day = parse_day(str(value)) if value else None
    return day.strftime("%d/%m/%Y") if day else str(value or "")


def parse_day(value: str) -> dt.date | None:
    """A day from a form or a link, within 2000–2100 (year 1 overflows in a time zone)."""
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is not None and 2000 <= day.year <= 2100 else None


class Page:
    """A page of the console: its routes' endpoints, drawn and refused by the shell."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.loa: ConsoleDeps = console.loa

    def page(self, visit: Visit, name: str, status: int = 200, **values: Any) -> Response:
        return self.console.page(visit, name, status, **values)

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        return self.console.render(request, name, status, **values)

    def refuse(self, request: Request, status: int, key: str) -> Response:
        return self.console.refuse(request, status, key)

    def today(self) -> dt.date:
        return self.console.today()
