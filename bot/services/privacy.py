"""One officer's personal data (Nghị định 13/2023/NĐ-CP): everything Loa holds about them, written
out; or their identifying data erased while their reports stay, counted, under "Cán bộ đã xoá #N"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audit import Action, record
from bot.services import Refused, Scope
from bot.store.models import (
    AuditEntry,
    Broadcast,
    Conversation,
    Delivery,
    DeliveryState,
    Identity,
    Job,
    LinkCode,
    Officer,
    OfficerStatus,
    PlanDraft,
    PromptAction,
    Report,
    ReportPhoto,
    Slogan,
    WebLink,
    WebSession,
)

# Columns that are Loa's own secrets, not the officer's data: never written out.
SECRET_COLUMNS = {"token_hash", "csrf", "code", "nonce"}
FORGOTTEN_CHAT = ""  # a delivery's chat id once the platform id is erased


def row(obj: Any, leave_out: set[str] = SECRET_COLUMNS) -> dict[str, Any]:
    """A table row as JSON-ready values (times in UTC, ISO 8601)."""
    out = {}
    for column in obj.__table__.columns:
        if column.key in leave_out:
            continue
        value = getattr(obj, column.key)
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        out[column.key] = value
    return out


async def _officer(session: AsyncSession, officer_id: int) -> Officer:
    officer = await session.get(Officer, officer_id)
    if officer is None:
        raise Refused("privacy.no_officer", id=officer_id)
    return officer


async def officer_data(session: AsyncSession, officer_id: int) -> tuple[dict[str, Any], list[ReportPhoto]]:
    """Everything Loa holds about one officer, and their reports' photos (to copy beside it)."""
    officer = await _officer(session, officer_id)
    identities = list((await session.scalars(
        select(Identity).where(Identity.officer_id == officer_id).order_by(Identity.id))).unique())
    conversations = [] if not identities else list(await session.scalars(select(Conversation).where(
        or_(*[(Conversation.channel == i.channel) & (Conversation.external_id == i.external_id)
              for i in identities]))))
    reports = list(await session.scalars(
        select(Report).where(Report.officer_id == officer_id).order_by(Report.id)))
    photos = list(await session.scalars(select(ReportPhoto).where(
        ReportPhoto.report_id.in_([r.id for r in reports])).order_by(ReportPhoto.id)))
    deliveries = (await session.execute(
        select(Delivery, Job.kind).join(Job, Job.id == Delivery.job_id)
        .where(Delivery.officer_id == officer_id).order_by(Delivery.id))).all()
    audit = list(await session.scalars(select(AuditEntry).where(or_(
        AuditEntry.actor_officer_id == officer_id,
        (AuditEntry.object_kind == "officer") & (AuditEntry.object_id == str(officer_id))))
        .order_by(AuditEntry.id)))

    async def rows_of(model: Any, *where: Any) -> list[dict[str, Any]]:
        return [row(r) for r in (await session.scalars(select(model).where(*where)
                                                       .order_by(*model.__table__.primary_key)))
                .unique()]

    data = {
        "officer": row(officer),
        "unit": {"code": officer.unit.code, "name": officer.unit.name} if officer.unit else None,
        "identities": [row(i) for i in identities],
        "conversations": [row(c) for c in conversations],
        "reports": [{**row(r), "photos": [row(p) for p in photos if p.report_id == r.id]}
                    for r in reports],
        "prompt_actions": await rows_of(PromptAction, PromptAction.officer_id == officer_id),
        "messages_to_them": [{**row(d), "job_kind": kind} for d, kind in deliveries],
        "broadcasts_written": await rows_of(Broadcast, Broadcast.author_id == officer_id),
        "broadcasts_decided": [b["id"] for b in await rows_of(
            Broadcast, Broadcast.decided_by == officer_id)],
        "reports_reviewed": list((await session.scalars(select(Report.id).where(
            Report.reviewed_by == officer_id).order_by(Report.id))).all()),
        "slogans": await rows_of(Slogan, or_(Slogan.proposed_by == officer_id,
                                             Slogan.decided_by == officer_id)),
        "plan_drafts": [{k: v for k, v in d.items() if k != "plan_text"} for d in await rows_of(
            PlanDraft, PlanDraft.created_by == officer_id)],
        "link_codes": await rows_of(LinkCode, LinkCode.officer_id == officer_id),
        "web_sign_in_links": await rows_of(WebLink, WebLink.officer_id == officer_id),
        "web_sessions": await rows_of(WebSession, WebSession.officer_id == officer_id),
        "audit": [row(a) for a in audit],
    }
    return data, [p for p in photos if p.path]


async def record_export(scope: Scope, officer_id: int, photos: int) -> None:
    await _officer(scope.session, officer_id)
    await record(scope.session, scope.clock, scope.actor, Action.OFFICER_EXPORTED, "officer",
                 officer_id, photos=photos)


async def forget_officer(scope: Scope, officer_id: int) -> int:
    """Erase name, position and platform accounts; the reports stay under "Cán bộ đã xoá #N".
    Nothing more is sent to them. Returns how many platform accounts were removed."""
    session = scope.session
    officer = await session.get(Officer, officer_id, with_for_update={"of": Officer.__table__})
    if officer is None:
        raise Refused("privacy.no_officer", id=officer_id)
    identities = list((await session.scalars(
        select(Identity).where(Identity.officer_id == officer_id))).unique())
    for identity in identities:
        await session.execute(delete(Conversation).where(
            Conversation.channel == identity.channel,
            Conversation.external_id == identity.external_id))
        await session.delete(identity)
    await session.execute(delete(LinkCode).where(LinkCode.officer_id == officer_id))
    await session.execute(delete(WebLink).where(WebLink.officer_id == officer_id))
    await session.execute(delete(WebSession).where(WebSession.officer_id == officer_id))
    # Their chat ids are platform ids too; what waited for them is not sent.
    await session.execute(update(Delivery).where(
        Delivery.officer_id == officer_id,
        Delivery.state == DeliveryState.PENDING.value).values(
        state=DeliveryState.SKIPPED.value, last_error="officer forgotten"))
    await session.execute(update(Delivery).where(Delivery.officer_id == officer_id)
                          .values(chat_id=FORGOTTEN_CHAT))
    officer.full_name = scope.texts("privacy.forgotten_name", id=officer.id)
    officer.position = None
    officer.status = OfficerStatus.DISABLED.value
    officer.prompt_time = officer.preferred_channel = None
    officer.muted_until = None
    officer.updated_at = scope.clock.now()
    await record(session, scope.clock, scope.actor, Action.OFFICER_FORGOTTEN, "officer",
                 officer_id, accounts=len(identities))
    return len(identities)
