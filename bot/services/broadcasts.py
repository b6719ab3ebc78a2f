"""Creating and deciding broadcasts: the two-person rule, wherever a broadcast comes from.

The rule: with `two_person_rule` on, only an approver's own broadcast goes out at once; anyone
else's (an admin's in chat, or the operator's at the command line) waits until an approver who
did not write it says "Duyệt" in chat. The operator at the command line is one unnamed person,
so the operator can never be the second person: the approval always comes from a named approver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.channels import longest_text, strictest
from bot.core.texts import Ref
from bot.delivery.outbox import create_job, enqueue
from bot.domain.audit import Action, ActorKind, record
from bot.domain.broadcasts import approvers, describe_audience, recipients, start_sending
from bot.domain.officers import has_role
from bot.services import APPROVAL_PRIORITY, Refused, Scope, approval_request, decidable, notify
from bot.store.models import Broadcast, BroadcastState, Officer, Role, Slogan, SloganState, Unit

HEADING_ROOM = 96  # Loa's own lines above a broadcast's text


def max_text() -> int:
    """The longest broadcast text: one message on the channel that carries the most, with room for
    the heading; shorter channels get it in parts."""
    return longest_text() - HEADING_ROOM


def max_caption() -> int:
    """A photo's caption fits every channel's (a longer one would go out as a text after it)."""
    return strictest(lambda caps: caps.max_caption) or 1024




@dataclass(frozen=True)
class Created:
    broadcast: Broadcast
    count: int  # recipients now (sending) or when approved (waiting)
    waiting: bool  # waits for an approver
    approvers_asked: int


def may_broadcast(scope: Scope) -> bool:
    """The operator and admins/approvers may write a broadcast."""
    return scope.actor.kind == ActorKind.OPERATOR or has_role(scope.actor.officer, Role.APPROVER)


def needs_approval(scope: Scope) -> bool:
    """The two-person rule: only an approver's own broadcast skips the wait."""
    officer = scope.actor.officer
    is_approver = (scope.actor.kind == ActorKind.OFFICER and officer is not None
                   and officer.role == Role.APPROVER)
    return scope.config.delivery.two_person_rule and not is_approver


def may_approve_broadcast(officer: Officer | None) -> bool:
    """Only approvers decide broadcasts (admins write them, so they are not the second person)."""
    return officer is not None and officer.role == Role.APPROVER


async def create_broadcast(scope: Scope, content: dict[str, Any], audience: dict[str, Any],
                           slogan_id: int | None = None,
                           progress: tuple[str, str] | None = None) -> Created:
    """A new broadcast: sending at once, or waiting with the approvers asked.

    `content` is {"text"} or {"photo", "caption"}; `audience` {"units", "subunits", "role"};
    `progress` the (channel, chat) where the author follows it, if any.
    """
    if not may_broadcast(scope):
        raise Refused("errors.not_allowed")
    _check_content(content)
    for code in audience.get("units") or []:
        if await scope.session.scalar(select(Unit.id).where(Unit.code == code)) is None:
            raise Refused("broadcast.unknown_units", codes=code)
    if not await recipients(scope.session, audience):
        raise Refused("broadcast.nobody")  # nobody would get it (or the audience emptied)
    if slogan_id is not None:
        slogan = await scope.session.get(Slogan, slogan_id)
        if slogan is None or slogan.state != SloganState.APPROVED:
            raise Refused("broadcast.slogan_gone")
    channel, chat = progress or (None, None)
    b = Broadcast(author_id=scope.actor.officer_id, content=content, audience=audience,
                  slogan_id=slogan_id, state=BroadcastState.AWAITING_APPROVAL.value,
                  created_at=scope.clock.now(), progress_channel=channel, progress_chat=chat)
    scope.session.add(b)
    await scope.session.flush()
    waiting = needs_approval(scope)
    if waiting:
        count = len(await recipients(scope.session, audience))
        asked = await _ask_approvers(scope, b, count)
    else:
        count, asked = await start_sending(scope.session, scope.clock, b), 0
        scope.queued()
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_CREATED, "broadcast",
                 b.id, audience=audience, recipients=count, waits_for_approval=waiting,
                 text=_excerpt(content))
    return Created(b, count, waiting, asked)


def _check_content(content: dict[str, Any]) -> None:
    if "photo" in content:
        if len(content.get("caption") or "") > max_caption():
            raise Refused("errors.too_long", what=Ref("fields.caption"), max=max_caption(),
                          got=len(content["caption"]))
        return
    text = (content.get("text") or "").strip()
    if not text:
        raise Refused("errors.empty_text")
    if len(text) > max_text():
        raise Refused("errors.too_long", what=Ref("fields.content"), max=max_text(), got=len(text))


def _excerpt(content: dict[str, Any]) -> str:
    return (content.get("text") or content.get("caption") or "")[:200]


async def _ask_approvers(scope: Scope, b: Broadcast, count: int) -> int:
    """Every approver but the author gets the preview with "Duyệt" / "Từ chối", via the outbox."""
    people = [p for p in await approvers(scope.session) if p.officer_id != b.author_id]
    if not people:
        return 0
    request = approval_request(scope.texts, "broadcast.approval_request", f"bc:{b.id}", id=b.id,
                               author=scope.actor_name, count=count,
                               audience=describe_audience(scope.texts, b.audience))
    # The preview first, exactly as recipients would see it, then the question with buttons.
    for suffix, payload, priority in (("preview", b.content, APPROVAL_PRIORITY),
                                      ("ask", request, APPROVAL_PRIORITY + 1)):
        job = await create_job(scope.session, scope.clock, "approval",
                               key=f"approval:bc:{b.id}:{suffix}", priority=priority)
        await enqueue(scope.session, scope.clock, job.id, [(p, payload) for p in people],
                      priority=priority)
    scope.queued()
    return len(people)


async def decide_broadcast(scope: Scope, broadcast_id: int, approve: bool) -> tuple[Broadcast, int]:
    """An approver's "Duyệt" (start sending; returns how many) or "Từ chối" (never sent)."""
    officer, b = await decidable(scope, may_approve_broadcast, Broadcast, broadcast_id,
                                 BroadcastState.AWAITING_APPROVAL, "author_id")
    b.decided_by, b.decided_at = officer.id, scope.clock.now()
    by = scope.actor_name
    if not approve:
        b.state = BroadcastState.REJECTED.value
        await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_REJECTED,
                     "broadcast", b.id)
        await notify(scope, b.author_id, "approval.author_rejected", id=b.id, by=by)
        return b, 0
    count = await start_sending(scope.session, scope.clock, b)
    scope.queued()
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_APPROVED, "broadcast",
                 b.id, recipients=count)
    await notify(scope, b.author_id, "approval.author_approved", id=b.id, by=by, count=count)
    return b, count
