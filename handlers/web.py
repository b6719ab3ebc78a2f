"""/web: an admin or approver asks for a one-time link to the web console."""

from __future__ import annotations

from bot.engine.flows import STAY, Command, Context, chat_scope
from bot.services import Refused
from bot.services.web import issue_link, login_url
from bot.store.models import Role


async def web_link(ctx: Context) -> str:
    """/web: the link, valid ten minutes, once, for this officer only."""
    if not ctx.config.http.public_url:
        ctx.say("web.no_public_url")
        return STAY
    try:
        token = await issue_link(chat_scope(ctx), ctx.officer)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    ctx.say("web.link", link=login_url(ctx.config.http.public_url, token))
    return STAY


COMMANDS = [Command("web", web_link, role=Role.APPROVER, help_key="help.web")]
