"""One officer on two channels: a 6-digit code asked for on one (/lienket), sent on the other,
joins that account to the officer; /kenh chooses where scheduled messages go.

A code is valid 10 minutes and once; asking again replaces it. Five wrong codes in a row from one
account lock linking there for an hour. When the account sending the code already belonged to
another officer (who joined on that channel too), that officer's reports, answers and history are
moved to the one who asked for the code, so quotas and counts see one person.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import aliased

from bot.domain.audit import SYSTEM, Action, Actor, record
from bot.services import Refused, Scope
from bot.store.models import (
    Delivery,
    Identity,
    LinkCode,
    Officer,
    OfficerStatus,
    PromptAction,
    Report,
)

CODE_DIGITS = 6
VALID = timedelta(minutes=10)
MAX_FAILURES = 5
LOCKED = timedelta(hours=1)


def looks_like_link_code(text: str) -> bool:
    text = text.strip()
    return len(text) == CODE_DIGITS and text.isascii() and text.isdigit()


async def issue_code(scope: Scope, identity: Identity) -> str:
    """A fresh code for the officer behind `identity` (earlier unused ones stop working)."""
    officer = scope.actor.officer
    if officer is None or identity.officer_id != officer.id:
        raise Refused("link.not_registered")
    now = scope.clock.now()
    await scope.session.execute(update(LinkCode).where(
        LinkCode.officer_id == officer.id, LinkCode.used_at.is_(None),
        LinkCode.expires_at > now).values(expires_at=now))
    while True:
        code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
        taken = await scope.session.scalar(select(LinkCode.id).where(
            LinkCode.code == code, LinkCode.used_at.is_(None), LinkCode.expires_at > now))
        if taken is None:
            break
    scope.session.add(LinkCode(code=code, officer_id=officer.id, channel=identity.channel,
                               created_at=now, expires_at=now + VALID))
    await scope.session.flush()
    return code


async def redeem(scope: Scope, identity: Identity, code: str) -> Officer:
    """Join `identity` to the officer who asked for `code`; Refused with why otherwise. A
    refusal changes nothing but the account's count of wrong codes."""
    now = scope.clock.now()
    if identity.link_locked_until is not None and identity.link_locked_until > now:
        raise Refused("link.locked", minutes=_minutes_left(identity.link_locked_until - now))
    found = await scope.session.scalar(select(LinkCode).where(
        LinkCode.code == code.strip(), LinkCode.used_at.is_(None), LinkCode.expires_at > now)
        .with_for_update())
    if found is None:
        identity.link_failures = (identity.link_failures or 0) + 1
        if identity.link_failures >= MAX_FAILURES:
            identity.link_failures = 0
            identity.link_locked_until = now + LOCKED
            actor = scope.actor if scope.actor.officer is not None else SYSTEM
            await record(scope.session, scope.clock, actor, Action.LINKING_LOCKED,
                         "identity", identity.id, channel=identity.channel)
            raise Refused("link.locked", minutes=_minutes_left(LOCKED))
        raise Refused("link.wrong_code", left=MAX_FAILURES - identity.link_failures)
    if found.channel == identity.channel:
        raise Refused("link.same_channel")
    target = await scope.session.get(Officer, found.officer_id)
    assert target is not None
    clash = await scope.session.scalar(select(Identity.id).where(
        Identity.officer_id == target.id, Identity.channel == identity.channel,
        Identity.id != identity.id))
    if clash is not None:
        raise Refused("link.already_linked")
    found.used_at = now
    identity.link_failures, identity.link_locked_until = 0, None
    previous = identity.officer_id
    if previous == target.id:
        return target
    identity.officer_id = target.id
    if previous is not None:
        await _merge(scope, previous, target)
    await record(scope.session, scope.clock, Actor.of(target), Action.ACCOUNT_LINKED,
                 "officer", target.id, channel=identity.channel, merged_officer=previous)
    return target


async def _merge(scope: Scope, old_id: int, target: Officer) -> None:
    """The officer who had this account alone is folded into `target`, if the account was
    their only one: reports and answers move; a day's message already sent to either is
    never sent again."""
    others = await scope.session.scalar(select(Identity.id).where(Identity.officer_id == old_id))
    if others is not None:
        return  # still reachable elsewhere: a person of their own
    session = scope.session
    await session.execute(update(Report).where(Report.officer_id == old_id)
                          .values(officer_id=target.id))
    await session.execute(update(PromptAction).where(PromptAction.officer_id == old_id)
                          .values(officer_id=target.id))
    mine = aliased(Delivery)
    await session.execute(update(Delivery).where(
        Delivery.officer_id == old_id,
        ~exists().where(and_(mine.job_id == Delivery.job_id, mine.officer_id == target.id)))
        .values(officer_id=target.id))
    old = await session.get(Officer, old_id)
    if old is not None:
        old.status = OfficerStatus.INACTIVE.value
        old.updated_at = scope.clock.now()
        if target.unit_id is None:
            target.unit_id = old.unit_id


async def choose_channel(scope: Scope, channel: str) -> None:
    """Scheduled messages go to `channel` from now on; the officer must have an account there."""
    officer = scope.actor.officer
    if officer is None:
        raise Refused("link.not_registered")
    has = await scope.session.scalar(select(Identity.id).where(
        Identity.officer_id == officer.id, Identity.channel == channel))
    if has is None:
        raise Refused("link.no_account_there")
    officer.preferred_channel = channel
    officer.updated_at = scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.CHANNEL_CHOSEN, "officer",
                 officer.id, channel=channel)


def _minutes_left(left: timedelta) -> int:
    return max(1, int(left.total_seconds() + 59) // 60)

