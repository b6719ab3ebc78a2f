"""The audit log: who decided what, when, on which object. Rows are only ever added.

The API has no way to change or remove a row, the ORM refuses to flush one changed or deleted,
and the database itself refuses UPDATE and DELETE (triggers from migration 0005_audit).
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.core.texts import Texts
from bot.store.models import AuditEntry, Officer


class ActorKind(enum.StrEnum):
    OFFICER = "officer"  # someone in chat (later: on the web console)
    OPERATOR = "operator"  # whoever runs the `loa` command on the server: not identified further
    SYSTEM = "system"  # Loa itself, e.g. a broadcast that finished sending
    PLATFORM = "platform"  # the chat platform, e.g. it says the bot was removed from a group


class Action(enum.StrEnum):
    BROADCAST_CREATED = "broadcast.created"
    BROADCAST_APPROVED = "broadcast.approved"
    BROADCAST_REJECTED = "broadcast.rejected"
    BROADCAST_SENT = "broadcast.sent"
    BROADCAST_STARTED = "broadcast.started"  # a scheduled one, at its time
    BROADCAST_RESCHEDULED = "broadcast.rescheduled"
    BROADCAST_CANCELLED = "broadcast.cancelled"
    BROADCAST_EDITED = "broadcast.edited"  # a scheduled one's content, before it starts
    BROADCAST_MISSED = "broadcast.missed"  # Loa came back too late after its time
    SLOGAN_PROPOSED = "slogan.proposed"
    SLOGAN_APPROVED = "slogan.approved"
    SLOGAN_REJECTED = "slogan.rejected"
    SLOGAN_RETIRED = "slogan.retired"
    REPORT_REVIEWED = "report.reviewed"
    CAMPAIGN_LOADED = "campaign.loaded"
    ROLE_GRANTED = "role.granted"
    ROLE_REMOVED = "role.removed"  # `loa admin remove`
    OFFICER_NAMED = "officer.named"  # a name given to someone known only by an account id
    INVITE_CREATED = "invite.created"
    INVITE_REVOKED = "invite.revoked"
    WEB_SIGNED_IN = "web.signed_in"
    WEB_SIGNED_OUT = "web.signed_out"
    UNIT_ADDED = "unit.added"
    OFFICER_DEACTIVATED = "officer.deactivated"
    ACCOUNT_LINKED = "account.linked"  # an account on another channel joined to an officer
    LINKING_LOCKED = "account.linking_locked"  # five wrong linking codes in a row
    CHANNEL_CHOSEN = "account.channel_chosen"  # /kenh
    PLAN_IMPORTED = "plan.imported"  # an official plan read into a draft on the web console
    PLAN_DISCARDED = "plan.discarded"  # such a draft thrown away (loading it is campaign.loaded)
    REPORT_WITHDRAWN = "report.withdrawn"  # by the officer who sent it
    OFFICER_STOPPED = "officer.stopped"  # /stop: the officer asked for no more messages
    PHOTOS_REMOVED = "photos.removed"  # report photos past `[retention] photos_months`
    DELIVERIES_REMOVED = "deliveries.removed"  # delivery rows past `[retention] deliveries_days`
    OFFICER_EXPORTED = "officer.exported"  # everything held about one officer written out
    OFFICER_FORGOTTEN = "officer.forgotten"  # an officer's identifying data erased
    GROUP_LINKED = "group.linked"  # a group chat linked to a unit (/nhom)
    GROUP_UNLINKED = "group.unlinked"  # /nhom huy, or the bot left or was removed


@dataclass(frozen=True)
class Actor:
    """Who acts: an officer, the operator at the command line, or Loa itself."""

    kind: ActorKind
    officer: Officer | None = None

    @classmethod
    def of(cls, officer: Officer | None) -> Actor:
        if officer is None:
            raise ValueError("an officer actor needs an officer")
        return cls(ActorKind.OFFICER, officer)

    @property
    def officer_id(self) -> int | None:
        return self.officer.id if self.officer is not None else None


OPERATOR = Actor(ActorKind.OPERATOR)
SYSTEM = Actor(ActorKind.SYSTEM)
PLATFORM = Actor(ActorKind.PLATFORM)


async def record(session: AsyncSession, clock: Clock, actor: Actor, action: Action,
                 object_kind: str, object_id: int | str, **detail: Any) -> AuditEntry:
    """Add a row in the caller's transaction, so it commits (or not) with the decision."""
    entry = AuditEntry(at=clock.now(), actor_kind=actor.kind.value,
                       actor_officer_id=actor.officer_id, action=action.value,
                       object_kind=object_kind, object_id=str(object_id), detail=detail)
    session.add(entry)
    await session.flush()
    return entry


@dataclass(frozen=True)
class Listed:
    entry: AuditEntry
    officer_name: str | None


async def entries(session: AsyncSession, since: datetime | None = None,
                  limit: int | None = None) -> list[Listed]:
    """Rows from `since` on, oldest first, with the acting officer's name."""
    query = (select(AuditEntry, Officer.full_name)
             .outerjoin(Officer, Officer.id == AuditEntry.actor_officer_id)
             .order_by(AuditEntry.at, AuditEntry.id))
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if limit is not None:
        query = query.limit(limit)
    return [Listed(entry, name) for entry, name in (await session.execute(query)).all()]


class AppendOnly(Exception):
    """Code tried to change or remove an audit row."""


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse(_mapper: Any, _connection: Any, target: AuditEntry) -> None:
    # The triggers catch raw SQL too; this names the bug in Python before it reaches them.
    raise AppendOnly(f"audit row {target.id} cannot be changed or deleted")


@dataclass(frozen=True)
class Described:
    """One entry as people read it, in Vietnamese: the CLI's `loa audit` and the web's /audit."""

    when: str
    actor: str
    action: str
    object: str
    detail: str  # «vai trò: Quản trị viên; kênh: <tên kênh>», or ""


def describe(texts: Texts, tz: tzinfo, row: Listed) -> Described:
    e = row.entry
    if e.actor_kind == ActorKind.OFFICER:
        actor = (texts("audit.actor_officer", name=row.officer_name, id=e.actor_officer_id)
                 if row.officer_name else texts("newcomer.actor_unnamed", id=e.actor_officer_id))
    else:
        actor = texts(f"audit.actor_{e.actor_kind}")
    action = (texts(f"audit.action.{e.action}") if f"audit.action.{e.action}" in texts
              else e.action)
    kind = f"audit.object_{e.object_kind}"
    obj = texts(kind, id=e.object_id) if kind in texts else f"{e.object_kind} #{e.object_id}"
    return Described(e.at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"), actor, action, obj,
                     "; ".join(_detail(texts, k, v) for k, v in (e.detail or {}).items()
                               if v is not None))


def _detail(texts: Texts, key: str, value: Any) -> str:
    """One detail with a Vietnamese label and value (roles, channels, yes/no, verdicts)."""
    label = texts(f"newcomer.detail.{key}") if f"newcomer.detail.{key}" in texts else key
    if isinstance(value, bool):
        shown = texts("newcomer.detail.yes" if value else "newcomer.detail.no")
    elif key in ("role", "previous") and f"role.{value}" in texts:
        shown = texts(f"role.{value}")
    elif key == "channel" and f"channel.{value}" in texts:
        shown = texts(f"channel.{value}")
    elif key == "verdict" and f"newcomer.detail.verdict_{value}" in texts:
        shown = texts(f"newcomer.detail.verdict_{value}")
    elif isinstance(value, dict | list):
        shown = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    else:
        shown = str(value)
    return f"{label}: {shown}"
