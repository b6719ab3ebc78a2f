"""Nhật ký kênh (/channel-log, admins): each exchange with a platform, newest first, for one
officer or all — why a message did not arrive, in the platform's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.core.normalize import parse_id
from bot.delivery.channellog import recent
from bot.store.models import Role
from bot.web.console.auth import Visit

if TYPE_CHECKING:
    from bot.web.console.site import Console

LIMIT = 200


class ChannelLogPage:
    def __init__(self, console: Console) -> None:
        self.console = console

    def routes(self) -> list[BaseRoute]:
        return [Route("/channel-log", self.console.guarded(Role.ADMIN, self.show), methods=["GET"])]

    async def show(self, visit: Visit) -> Response:
        q = visit.request.query_params
        officer_id = parse_id(q.get("officer", "")) if q.get("officer") else None
        channel = q.get("channel", "")[:16]
        rows = await recent(visit.scope.session, officer_id=officer_id, channel=channel, limit=LIMIT)
        return self.console.page(visit, "channel_log.html", rows=rows, officer=q.get("officer", ""),
                                 channel=channel, limit=LIMIT)
