"""Invite codes: how an officer joins a unit with a role."""

from __future__ import annotations

import enum
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.core.config import Config
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


async def invite_link(session: AsyncSession, config: Config, code: str) -> str | None:
    """A link that opens the bot with /start <code> on the first channel that offers one (once
    the channel knows what it needs, e.g. the bot's username learned at start)."""
    links = await join_links(session, config, code)
    return next(iter(links.values()), None)


async def join_links(session: AsyncSession, config: Config, code: str) -> dict[str, str]:
    """Each channel's way to join with this code, by channel title."""
    from bot.channels import specs
    from bot.store.models import Setting

    facts = {s.key: s.value for s in (await session.scalars(select(Setting))).all()}
    links = {}
    for name, spec in specs().items():
        if name in config.channels:
            link = spec.join_hint(config.channels[name], facts, code)
            if link:
                links[spec.title] = link
    return links


def qr_png(text: str, box_size: int = 8) -> bytes:
    """A QR code of `text` as PNG bytes (a join link, or the message to send on a channel
    without deep links); `box_size`: pixels per module (4 fits a spreadsheet's cell)."""
    import io

    import qrcode
    from qrcode.image.pil import PilImage

    image = qrcode.make(text, image_factory=PilImage, box_size=box_size, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()
