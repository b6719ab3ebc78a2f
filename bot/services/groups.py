"""Linking a unit's group chat: `/nhom MÃ_ĐƠN_VỊ` links it, `/nhom huy` unlinks it, and the
platform saying the bot left or was removed unlinks it too. Every change is audited.

Only an admin of Loa may link or unlink, and only for a unit in their own tree (their unit and
the units under it; an admin in no unit, made by the operator, answers for every unit).
"""

from __future__ import annotations

from bot.domain import groups
from bot.domain.audit import PLATFORM, Action, record
from bot.domain.broadcasts import unit_ids_with_subunits
from bot.domain.officers import has_role
from bot.domain.units import get_unit
from bot.services import Refused, Scope
from bot.store.models import OfficerStatus, Role, Unit, UnitGroup


async def _in_tree(scope: Scope, unit: Unit) -> None:
    """Refuses unless the acting officer is an active admin whose tree holds `unit`."""
    officer = scope.actor.officer
    if officer is None or officer.status != OfficerStatus.ACTIVE or not has_role(officer, Role.ADMIN):
        raise Refused("group.not_admin")
    if officer.unit_id is None:
        return
    own = await scope.session.get(Unit, officer.unit_id)
    tree = await unit_ids_with_subunits(scope.session, [own.code], True) if own else set()
    if unit.id not in tree:
        raise Refused("group.out_of_tree", code=unit.code, unit=own.name if own else "")


async def link_group(scope: Scope, channel: str, chat_id: str, title: str,
                     code: str) -> UnitGroup:
    """Link the group chat to the unit `code` (moving it from another unit if it was linked)."""
    if scope.actor.officer is None or not has_role(scope.actor.officer, Role.ADMIN):
        raise Refused("group.not_admin")  # said before the code is looked up: no unit list leaks
    unit = await get_unit(scope.session, code) if code.isascii() and len(code) <= 32 else None
    if unit is None:
        raise Refused("group.no_unit", code=code[:32])
    await _in_tree(scope, unit)
    group = await groups.group_of_chat(scope.session, channel, chat_id, linked_only=False)
    if group is not None and group.unlinked_at is None and group.unit_id == unit.id:
        raise Refused("group.already", unit=unit.name)
    previous = group.unit.code if group is not None and group.unlinked_at is None else None
    if group is not None and previous is not None:
        await _in_tree(scope, group.unit)  # taking a group from a unit needs a say over it too
    now = scope.clock.now()
    if group is None:
        group = UnitGroup(channel=channel, chat_id=chat_id, unit_id=unit.id)
        scope.session.add(group)
    group.unit_id, group.title = unit.id, title[:200] or None
    group.linked_by, group.linked_at, group.unlinked_at = scope.actor.officer_id, now, None
    await scope.session.flush()
    await scope.session.refresh(group, ["unit"])
    await record(scope.session, scope.clock, scope.actor, Action.GROUP_LINKED, "group", group.id,
                 channel=channel, chat=chat_id, group_name=group.title, unit=unit.code,
                 unit_name=unit.name, previous_unit=previous)
    return group


async def unlink_group(scope: Scope, channel: str, chat_id: str) -> UnitGroup:
    """`/nhom huy`: the group gets nothing more from Loa."""
    if scope.actor.officer is None or not has_role(scope.actor.officer, Role.ADMIN):
        raise Refused("group.not_admin")
    group = await groups.group_of_chat(scope.session, channel, chat_id)
    if group is None:
        raise Refused("group.not_linked")
    await _in_tree(scope, group.unit)
    return await _unlink(scope, group)


async def bot_left(scope: Scope, channel: str, chat_id: str, **detail: str) -> UnitGroup | None:
    """The platform says the bot left the group or was removed (`by`: the platform's id of who
    did it; `refused`: its refusal of a message to the group when the removal went unseen):
    unlinked, audited as done by the platform. None when it was not linked."""
    group = await groups.group_of_chat(scope.session, channel, chat_id)
    if group is None:
        return None
    platform = Scope(scope.session, scope.clock, scope.config, scope.texts, PLATFORM)
    if "by" in detail:
        detail["removed_by"] = detail.pop("by")
    return await _unlink(platform, group, **detail)


async def _unlink(scope: Scope, group: UnitGroup, **detail: str) -> UnitGroup:
    group.unlinked_at = scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.GROUP_UNLINKED, "group", group.id,
                 channel=group.channel, chat=group.chat_id, group_name=group.title,
                 unit=group.unit.code, unit_name=group.unit.name, **detail)
    return group
