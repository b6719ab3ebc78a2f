"""Invite codes: how an officer joins a unit with a role."""

from __future__ import annotations

import enum
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.store.models import Invite, Role, Unit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed
CODE_LENGTH = 10


class InviteProblem(enum.StrEnum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    REVOKED = "revoked"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def create_invite(session: AsyncSession, clock: Clock, unit: Unit, role: Role = Role.OFFICER,
                        uses: int = 1, days: int = 7, code: str | None = None) -> Invite:
    if not 1 <= uses <= 10_000:
        raise ValueError("uses must be 1–10000")
    if not 1 <= days <= 3650:
        raise ValueError("days must be 1–3650")
    now = clock.now()
    invite = Invite(code=code or new_code(), unit_id=unit.id, role=role.value, max_uses=uses,
                    used_count=0, expires_at=now + timedelta(days=days), created_at=now)
    session.add(invite)
    await session.flush()
    await session.refresh(invite, ["unit"])
    return invite


def normalise_code(raw: str) -> str:
    return raw.strip().upper()


async def check_invite(session: AsyncSession, clock: Clock, raw_code: str
                       ) -> tuple[Invite | None, InviteProblem | None]:
    """The invite behind a code, or why it cannot be used."""
    code = normalise_code(raw_code)
    if not code or len(code) > 64:
        return None, InviteProblem.UNKNOWN
    invite = await session.scalar(select(Invite).where(Invite.code == code))
    if invite is None:
        return None, InviteProblem.UNKNOWN
    if invite.revoked_at is not None:
        return invite, InviteProblem.REVOKED
    if invite.expires_at <= clock.now():
        return invite, InviteProblem.EXPIRED
    if invite.used_count >= invite.max_uses:
        return invite, InviteProblem.USED_UP
    return invite, None


async def use_invite(session: AsyncSession, invite_id: int) -> bool:
    """Count one use, atomically; False when the last use was taken meanwhile."""
    result = await session.execute(
        update(Invite)
        .where(Invite.id == invite_id, Invite.used_count < Invite.max_uses)
        .values(used_count=Invite.used_count + 1)
    )
    return result.rowcount == 1


BOT_USERNAME_KEY = "telegram.username"


async def invite_link(session: AsyncSession, code: str) -> str | None:
    """The deep link that opens the bot with /start <code>, once the bot's username is known."""
    from bot.store.models import Setting

    setting = await session.get(Setting, BOT_USERNAME_KEY)
    return f"https://t.me/{setting.value}?start={code}" if setting else None
