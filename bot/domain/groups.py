"""Unit group chats: which group chats are linked to which unit, and who reaches them.

A group is linked by an admin (`bot/services/groups.py`); it then gets the unit's morning
message and the broadcasts addressed to the unit, as a delivery row like an officer's (its
`group_id` set), so the outbox sends each once whatever restarts or processes do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.outbox import Recipient
from bot.store.models import Delivery, Job, Officer, UnitGroup

MORNING_JOB = "group"  # the day's morning messages to groups: job key "group:<date>"


def morning_key(day: Any) -> str:
    return f"{MORNING_JOB}:{day}"


async def group_of_chat(session: AsyncSession, channel: str, chat_id: str,
                        linked_only: bool = True) -> UnitGroup | None:
    query = select(UnitGroup).where(UnitGroup.channel == channel, UnitGroup.chat_id == chat_id)
    if linked_only:
        query = query.where(UnitGroup.unlinked_at.is_(None))
    return await session.scalar(query)


async def linked(session: AsyncSession, unit_ids: Iterable[int] | None = None,
                 channels: Iterable[str] | None = None) -> list[UnitGroup]:
    """Groups linked now (to one of `unit_ids`, on one of `channels`), in the order linked."""
    query = select(UnitGroup).where(UnitGroup.unlinked_at.is_(None)).order_by(UnitGroup.id)
    if unit_ids is not None:
        query = query.where(UnitGroup.unit_id.in_(list(unit_ids)))
    if channels is not None:
        query = query.where(UnitGroup.channel.in_(list(channels)))
    return list((await session.scalars(query)).unique())


def recipient(group: UnitGroup) -> Recipient:
    return Recipient(None, group.channel, group.chat_id, group.id)


async def is_morning_message(session: AsyncSession, channel: str, chat_id: str,
                             message_id: str) -> bool:
    """Whether `message_id` in this group chat is a morning message Loa posted there."""
    found = await session.scalar(
        select(Delivery.id).join(UnitGroup, UnitGroup.id == Delivery.group_id)
        .join(Job, Job.id == Delivery.job_id)
        .where(UnitGroup.channel == channel, UnitGroup.chat_id == chat_id,
               Delivery.message_id == message_id, Job.key.like(f"{MORNING_JOB}:%"))
        .limit(1))
    return found is not None


async def by_unit(session: AsyncSession) -> dict[int, list[tuple[UnitGroup, str | None]]]:
    """Every linked group with the name of the officer who linked it, by unit (the console)."""
    rows = (await session.execute(
        select(UnitGroup, Officer.full_name).outerjoin(Officer, Officer.id == UnitGroup.linked_by)
        .where(UnitGroup.unlinked_at.is_(None)).order_by(UnitGroup.linked_at, UnitGroup.id)
    )).unique().all()
    out: dict[int, list[tuple[UnitGroup, str | None]]] = {}
    for group, name in rows:
        out.setdefault(group.unit_id, []).append((group, name))
    return out
