"""Officers and their identities on each channel."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import specs
from bot.core.clock import Clock
from bot.store.models import Identity, Officer, OfficerStatus, Role


async def get_identity(session: AsyncSession, channel: str, external_id: str) -> Identity | None:
    return await session.scalar(
        select(Identity).where(Identity.channel == channel, Identity.external_id == external_id)
    )


async def touch_identity(session: AsyncSession, clock: Clock, channel: str, external_id: str,
                         chat_id: str, display_name: str | None) -> Identity:
    """The identity for this user, created on first contact; chat id and name kept current."""
    display_name = display_name or ""  # a platform may send no name, or an empty one
    identity = await get_identity(session, channel, external_id)
    if identity is None:
        identity = Identity(channel=channel, external_id=external_id, chat_id=chat_id,
                            display_name=display_name[:200] or None, created_at=clock.now(), menu=[])
        session.add(identity)
        await session.flush()
        return identity
    if identity.chat_id != chat_id:
        identity.chat_id = chat_id
    if display_name and identity.display_name != display_name[:200]:
        identity.display_name = display_name[:200]
    return identity


# Role words as people type them: the chat's Vietnamese (/moi TTYTHL daumoi) and English.
ROLE_WORDS = {
    "officer": Role.OFFICER, "canbo": Role.OFFICER,
    "focal": Role.FOCAL, "daumoi": Role.FOCAL,
    "approver": Role.APPROVER, "duyet": Role.APPROVER,
    "admin": Role.ADMIN, "quantri": Role.ADMIN,
}
VIETNAMESE_ROLE_WORDS = ("canbo", "daumoi", "duyet", "quantri")


async def set_role(session: AsyncSession, clock: Clock, channel: str, external_id: str,
                   role: Role) -> Officer:
    """Give a channel user a role, whether or not they have joined yet."""
    identity = await get_identity(session, channel, external_id)
    now = clock.now()
    if identity is None:
        spec = specs().get(channel)  # the adapter knows whether the chat is known before they write
        chat_id = spec.private_chat(external_id) if spec is not None else external_id
        identity = Identity(channel=channel, external_id=external_id, chat_id=chat_id or external_id,
                            created_at=now, menu=[])
        session.add(identity)
    if identity.officer is None:
        officer = Officer(role=role.value, status=OfficerStatus.ACTIVE.value,
                          created_at=now, updated_at=now)
        session.add(officer)
        identity.officer = officer
    else:
        identity.officer.role = role.value
        identity.officer.updated_at = now
    await session.flush()
    return identity.officer


async def make_admin(session: AsyncSession, clock: Clock, channel: str, external_id: str) -> Officer:
    """Give admin rights to a channel user (seeding the demo and tests; operators go through
    bot.services.people, which checks and audits)."""
    return await set_role(session, clock, channel, external_id, Role.ADMIN)


def higher_role(a: str, b: str) -> str:
    """Joining with an invite never takes rights away."""
    return a if Role(a).rank >= Role(b).rank else b


def has_role(officer: Officer | None, role: Role) -> bool:
    # An officer an admin deactivated keeps their role on record but may use none of it.
    return (officer is not None and officer.status != OfficerStatus.DISABLED.value
            and Role(officer.role).rank >= role.rank)
