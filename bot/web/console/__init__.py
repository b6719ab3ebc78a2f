"""The department's web console: server-rendered pages over the service layer, mounted on the
core's HTTP server. Every page needs a session (see auth.py); the rules live in bot/services/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from bot.app import Loa


def console_routes(loa: Loa) -> list[BaseRoute]:
    from bot.web.console.views import Console

    return Console(loa).routes()
