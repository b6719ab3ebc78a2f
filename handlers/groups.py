"""A unit's group chat: `/nhom MÃ_ĐƠN_VỊ` links it, `/nhom huy` unlinks it (the rule is in
bot/services/groups.py). In a group the dispatcher runs these and nothing else of the flows; in a
private chat /nhom only says where it belongs."""

from __future__ import annotations

from bot.core.events import CommandIn
from bot.engine.flows import STAY, Command, Context
from bot.services import Refused, Scope
from bot.services.groups import link_group, unlink_group
from bot.store.models import Role

UNLINK = ("huy", "hủy", "huỷ")


async def link_given(scope: Scope, event: CommandIn) -> str:
    """/nhom in a group: the answer said there (linked, unlinked, or why not)."""
    if not event.args:
        return scope.texts("group.usage")
    try:
        if event.args[0].casefold() in UNLINK:
            group = await unlink_group(scope, event.channel, event.chat_id)
            return scope.texts("group.unlinked", unit=group.unit.name)
        group = await link_group(scope, event.channel, event.chat_id, event.chat_title,
                                 event.args[0])
        return scope.texts("group.linked", unit=group.unit.name)
    except Refused as exc:
        return scope.texts(exc.key, **exc.values)


async def in_private(ctx: Context) -> str:
    ctx.say("group.in_private")
    return STAY


GROUP_COMMANDS = {"nhom": link_given}
COMMANDS = [Command("nhom", in_private, role=Role.ADMIN, help_key="help.nhom")]
