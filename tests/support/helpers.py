"""Small helpers shared by the tests: seeding units and invites, reading tables."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import insert, select

from bot.app import Loa, build
from bot.channels import Capabilities
from bot.channels.memory import MemoryChannel
from bot.domain.invites import create_invite
from bot.domain.units import add_unit
from bot.store.models import Conversation, Identity, Invite, Officer, Role, Unit
from tests.support.texts import head


async def seed_units(loa: Loa) -> dict[str, Unit]:
    """Sở Y tế → Trung tâm Y tế → Trạm Y tế."""
    async with loa.sessions() as session, session.begin():
        syt = await add_unit(session, loa.clock, "Sở Y tế Quảng Ninh", code="SYT")
        ttyt = await add_unit(session, loa.clock, "Trung tâm Y tế Hạ Long", "SYT", code="TTYTHL")
        tram = await add_unit(session, loa.clock, "Trạm Y tế phường Bãi Cháy", "TTYTHL", code="TYTBC")
    return {"SYT": syt, "TTYTHL": ttyt, "TYTBC": tram}


async def make_invite(loa: Loa, unit_code: str, role: Role = Role.OFFICER, uses: int = 1,
                      days: int = 7) -> str:
    async with loa.sessions() as session, session.begin():
        unit = await session.scalar(select(Unit).where(Unit.code == unit_code))
        invite = await create_invite(session, loa.clock, unit, role, uses=uses, days=days)
        return invite.code


async def snapshot(loa: Loa) -> dict[str, Any]:
    """Everything a refused input must leave unchanged."""
    async with loa.sessions() as session:
        officers = [(o.id, o.full_name, o.position, o.unit_id, o.role, o.status, o.updated_at)
                    for o in (await session.scalars(select(Officer).order_by(Officer.id))).unique()]
        identities = [(i.id, i.channel, i.external_id, i.officer_id, i.menu)
                      for i in (await session.scalars(select(Identity).order_by(Identity.id))).unique()]
        invites = [(i.code, i.used_count) for i in
                   (await session.scalars(select(Invite).order_by(Invite.id))).unique()]
        convs = [(c.channel, c.external_id, c.flow, c.state, c.data, c.nonce, c.updated_at)
                 for c in await session.scalars(select(Conversation))]
        units = [(u.code, u.name, u.parent_id) for u in await session.scalars(select(Unit))]
    return {"officers": officers, "identities": identities, "invites": invites,
            "conversations": convs, "units": units}


async def officer_of(loa: Loa, telegram_user_id: int) -> Officer | None:
    async with loa.sessions() as session:
        identity = await session.scalar(select(Identity).where(
            Identity.channel == "telegram", Identity.external_id == str(telegram_user_id)))
        return identity.officer if identity else None


async def join(tg: Any, user_id: int, code: str, full_name: str, position: str,
               first_name: str = "Cán bộ") -> Any:
    """A user goes through onboarding with `code`; returns the TelegramUser, welcome read."""
    user = await tg.user(user_id, first_name)
    await user.send(f"/start {code}")
    await user.press_label(await user.receive_one(), "Đúng")
    await user.receive(2)
    await user.send(full_name)
    await user.receive_one()
    await user.send(position)
    welcome = await user.receive_one()
    assert welcome["text"].startswith(head("onboarding.welcome")), welcome
    return user


async def make_officers(loa: Loa, tg: Any, n: int, first_id: int = 700_000,
                        unit_code: str = "TYTBC", role: Role = Role.OFFICER,
                        register: bool = True) -> list[int]:
    """n active officers with Telegram identities (user id = chat id); returns their chat ids."""
    now = loa.clock.now()
    ids = list(range(first_id, first_id + n))
    async with loa.sessions() as session, session.begin():
        unit = await session.scalar(select(Unit).where(Unit.code == unit_code))
        officer_ids = (await session.scalars(
            insert(Officer).returning(Officer.id, sort_by_parameter_order=True),
            [{"full_name": f"Cán bộ {chat}", "position": "Y sĩ", "unit_id": unit.id,
              "role": role.value, "status": "active", "created_at": now, "updated_at": now}
             for chat in ids])).all()
        await session.execute(insert(Identity), [
            {"channel": "telegram", "external_id": str(chat), "chat_id": str(chat),
             "officer_id": oid, "menu": [], "created_at": now}
            for chat, oid in zip(ids, officer_ids, strict=True)])
    if register:
        await tg.call("users", ids=ids)
    return ids


async def audit_log(loa: Loa) -> list[tuple[str, str, str | None, str]]:
    """The audit log as (action, actor kind, acting officer's name, object "kind:id"), oldest first."""
    from bot.domain.audit import entries

    async with loa.sessions() as session:
        rows = await entries(session)
    return [(r.entry.action, r.entry.actor_kind, r.officer_name,
             f"{r.entry.object_kind}:{r.entry.object_id}") for r in rows]


@contextlib.asynccontextmanager
async def buttonless_loa(db_url: str, clock: Any) -> AsyncIterator[tuple[Loa, MemoryChannel]]:
    """Loa with one channel without buttons (like the demo chat and Zalo), driven directly
    through its dispatcher; yields Loa and the channel, which records what was sent."""
    from tests.conftest import make_config

    loa = await build(make_config(db_url), clock=clock)
    loa.add_channel(MemoryChannel(name="zalo", caps=Capabilities(
        buttons=False, edits=False, max_text=2000, max_caption=2000)))
    try:
        yield loa, loa.channels["zalo"]
    finally:
        await loa.close()
