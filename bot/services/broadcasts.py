"""Creating and deciding broadcasts: the two-person rule, wherever a broadcast comes from.

The rule: with `two_person_rule` on, only an approver's own broadcast goes out at once; anyone
else's (an admin's in chat, or the operator's at the command line) waits until an approver who
did not write it says "Duyệt" in chat. The operator at the command line is one unnamed person,
so the operator can never be the second person: the approval always comes from a named approver.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select, update

from bot.channels import longest_text, strictest
from bot.core.texts import Ref
from bot.delivery.outbox import create_job, enqueue
from bot.domain.audit import Action, ActorKind, record
from bot.domain.broadcasts import (
    Reach,
    approvers,
    audience_size,
    describe_audience,
    say_reach,
    start_sending,
)
from bot.domain.officers import has_role
from bot.domain.workdays import holiday_name, is_working_day
from bot.services import APPROVAL_PRIORITY, Refused, Scope, approval_request, decidable, notify
from bot.store.models import (
    Broadcast,
    BroadcastState,
    Campaign,
    Delivery,
    DeliveryState,
    Job,
    Officer,
    Role,
    Slogan,
    SloganState,
    Unit,
)

HEADING_ROOM = 96  # Loa's own lines above a broadcast's text


def max_text() -> int:
    """The longest broadcast text: one message on the channel that carries the most, with room for
    the heading; shorter channels get it in parts."""
    return longest_text() - HEADING_ROOM


def max_caption() -> int:
    """A photo's caption fits every channel's (a longer one would go out as a text after it)."""
    return strictest(lambda caps: caps.max_caption) or 1024




MAX_AHEAD = timedelta(days=731)  # a time is at most two years ahead (the next key date fits)
CHANGEABLE = (BroadcastState.SCHEDULED.value, BroadcastState.AWAITING_APPROVAL.value)
_WHEN_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%H:%M %d/%m/%Y")
WHEN_MAX = 40  # characters of a typed time


def parse_when(text: str, tz: tzinfo) -> datetime | None:
    """A local time typed as "2027-02-27 07:00" or "27/02/2027 07:00" (also "7h00"), in UTC;
    None if it is not one."""
    text = " ".join(text.strip().split())[:WHEN_MAX]
    for fmt in _WHEN_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz).astimezone(UTC)
        except ValueError:
            continue
    return None


def parse_hour(text: str) -> dt.time | None:
    """"07:00", "7:00", "7h" or "7h30"."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?\s*", text[:WHEN_MAX])
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        return None
    return dt.time(int(m.group(1)), int(m.group(2) or 0))


def show_when(at: datetime, tz: tzinfo) -> str:
    return at.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def check_when(scope: Scope, at: datetime) -> None:
    """A time in the past (or now) or too far ahead is refused."""
    now = scope.clock.now()
    tz = scope.config.timezone
    if at <= now:
        raise Refused("scheduled.past", when=show_when(at, tz), now=show_when(now, tz))
    if at - now > MAX_AHEAD:
        raise Refused("scheduled.too_far", when=show_when(at, tz), days=MAX_AHEAD.days)


def day_off_warning(scope_texts: Any, at: datetime, tz: tzinfo) -> str | None:
    """A Vietnamese warning when the local day is a weekend or a public holiday, else None."""
    day = at.astimezone(tz).date()
    if is_working_day(day):
        return None
    name = holiday_name(day)
    when = day.strftime("%d/%m/%Y")
    if name:
        return scope_texts("scheduled.day_off_holiday", day=when, name=name)
    weekday = scope_texts(f"scheduled.weekday_{day.weekday()}")
    return scope_texts("scheduled.day_off_weekend", day=when, weekday=weekday)


@dataclass(frozen=True)
class KeyDateSoon:
    name: str
    day: dt.date
    campaign: str


async def upcoming_key_dates(session: Any, today: dt.date, limit: int = 8) -> list[KeyDateSoon]:
    """Key dates of campaigns not yet over, each at its next occurrence from today, soonest first."""
    campaigns = (await session.scalars(select(Campaign).where(Campaign.end >= today))).all()
    found: dict[tuple[str, dt.date], KeyDateSoon] = {}
    for c in campaigns:
        for k in (c.content or {}).get("key_dates") or []:
            day = _next_occurrence(k, today)
            if day is not None and k.get("name"):
                found.setdefault((k["name"], day), KeyDateSoon(k["name"], day, c.title))
    return sorted(found.values(), key=lambda k: (k.day, k.name))[:limit]


def _next_occurrence(k: dict[str, Any], today: dt.date) -> dt.date | None:
    if k.get("date"):
        day = dt.date.fromisoformat(str(k["date"]))
        return day if day >= today else None
    if k.get("day"):
        d, m = (int(x) for x in str(k["day"]).split("/"))
        for year in (today.year, today.year + 1):
            try:
                day = dt.date(year, m, d)
            except ValueError:
                continue
            if day >= today:
                return day
    return None


def at_key_date(day: dt.date, hour: dt.time, tz: tzinfo) -> datetime:
    return datetime.combine(day, hour).replace(tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class Created:
    broadcast: Broadcast
    reach: Reach  # people and group chats now (sending) or when approved (waiting)
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
                           progress: tuple[str, str] | None = None,
                           at: datetime | None = None, yearly: bool = False,
                           key_date: str | None = None) -> Created:
    """A new broadcast: sending at once (or scheduled for `at`), or waiting with the approvers
    asked — the two-person rule applies now, not when a scheduled one goes out.

    `content` is {"text"} or {"photo", "caption"}; `audience` {"units", "subunits", "role"};
    `progress` the (channel, chat) where the author follows it, if any; `yearly` repeats a
    scheduled one on the same day and hour every year; `key_date` names the campaign's key date.
    """
    if not may_broadcast(scope):
        raise Refused("errors.not_allowed")
    if at is not None:
        check_when(scope, at)
    _check_content(content)
    for code in audience.get("units") or []:
        if await scope.session.scalar(select(Unit.id).where(Unit.code == code)) is None:
            raise Refused("broadcast.unknown_units", codes=code)
    # Who it reaches now (a scheduled one: counted when approved, refused only at its start).
    reach_now = await audience_size(scope.session, audience)
    if at is None and not reach_now.total:
        raise Refused("broadcast.nobody")
    if slogan_id is not None:
        slogan = await scope.session.get(Slogan, slogan_id)
        if slogan is None or slogan.state != SloganState.APPROVED:
            raise Refused("broadcast.slogan_gone")
    channel, chat = progress or (None, None)
    b = Broadcast(author_id=scope.actor.officer_id, content=content, audience=audience,
                  slogan_id=slogan_id, state=BroadcastState.AWAITING_APPROVAL.value,
                  created_at=scope.clock.now(), progress_channel=channel, progress_chat=chat,
                  scheduled_at=at, repeat_yearly=bool(yearly and at is not None),
                  key_date=(key_date or None) and key_date[:200])
    scope.session.add(b)
    await scope.session.flush()
    waiting = needs_approval(scope)
    if waiting:
        reach = reach_now
        asked = await _ask_approvers(scope, b, reach)
    elif at is not None:  # approved now; the schedules' tick starts it at its time
        reach, asked = reach_now, 0
        b.state = BroadcastState.SCHEDULED.value
    else:
        reach, asked = await start_sending(scope.session, scope.clock, b), 0
        scope.queued()
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_CREATED, "broadcast",
                 b.id, audience=audience, recipients=reach.people, groups=reach.groups,
                 waits_for_approval=waiting,
                 text=_excerpt(content), scheduled_at=at.isoformat() if at else None,
                 yearly=b.repeat_yearly)
    return Created(b, reach, waiting, asked)


async def changeable(scope: Scope, broadcast_id: int) -> Broadcast:
    """A broadcast the caller may still change or cancel (scheduled, not yet started), else
    Refused."""
    if not may_broadcast(scope):
        raise Refused("errors.not_allowed")
    b = await scope.session.get(Broadcast, broadcast_id)
    if b is None:
        raise Refused("scheduled.not_found", id=broadcast_id)
    if b.scheduled_at is None or b.state not in CHANGEABLE:
        raise Refused("scheduled.not_changeable", id=broadcast_id,
                      state=scope.texts(f"broadcast.state_{b.state}"))
    return b


async def reschedule_broadcast(scope: Scope, broadcast_id: int, at: datetime,
                               yearly: bool | None = None) -> Broadcast:
    """A scheduled broadcast's new time (and yearly or not), until it starts; audited. Its
    content and audience stay as approved, so it needs no new approval."""
    b = await changeable(scope, broadcast_id)
    check_when(scope, at)
    old = b.scheduled_at
    values: dict[str, Any] = {"scheduled_at": at}
    if yearly is not None:
        values["repeat_yearly"] = yearly
    # Conditional: if the tick started it meanwhile, nothing changes and the caller is told.
    changed = await scope.session.execute(update(Broadcast).where(
        Broadcast.id == b.id, Broadcast.state.in_(CHANGEABLE)).values(**values)
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise Refused("scheduled.not_changeable", id=broadcast_id,
                      state=scope.texts("broadcast.state_sending"))
    await scope.session.refresh(b)
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_RESCHEDULED,
                 "broadcast", b.id, before=old.isoformat() if old else None,
                 after=at.isoformat(), yearly=b.repeat_yearly)
    return b


async def cancel_broadcast(scope: Scope, broadcast_id: int) -> Broadcast:
    """A scheduled broadcast called off before it starts (it is then never sent); audited."""
    b = await changeable(scope, broadcast_id)
    changed = await scope.session.execute(update(Broadcast).where(
        Broadcast.id == b.id, Broadcast.state.in_(CHANGEABLE))
        .values(state=BroadcastState.CANCELLED.value, decided_at=scope.clock.now())
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise Refused("scheduled.not_changeable", id=broadcast_id,
                      state=scope.texts("broadcast.state_sending"))
    await scope.session.refresh(b)
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_CANCELLED,
                 "broadcast", b.id, scheduled_at=b.scheduled_at.isoformat()
                 if b.scheduled_at else None)
    return b


@dataclass(frozen=True)
class Edited:
    broadcast: Broadcast
    waiting: bool  # changed by someone who needs an approver: it waits for one again
    approvers_asked: int
    started: bool  # approved by this change after its time had passed: it went out at once


async def edit_broadcast(scope: Scope, broadcast_id: int, content: dict[str, Any]) -> Edited:
    """A scheduled broadcast's new content (a text, or a photo and caption), until it starts;
    audited. Its time and audience stay.

    The two-person rule applies to the new content as to a new broadcast: changed by an
    approver (or with the rule off) it stays approved, by that person; changed by anyone else it
    waits again for an approver who is neither its author nor the one who changed it, and a
    "Duyệt" pressed on an older version is refused (the buttons name the revision they showed).
    """
    b = await changeable(scope, broadcast_id)
    _check_content(content)
    if not needs_approval(scope):  # approved by this change: not if too late to go out
        _not_too_late(scope, b)
    if content == b.content:
        raise Refused("scheduled.edit_same", id=b.id)
    waiting = needs_approval(scope)
    now, before, revision = scope.clock.now(), _excerpt(b.content), b.revision
    values: dict[str, Any] = {"content": content, "slogan_id": None, "revision": revision + 1,
                              "edited_by": scope.actor.officer_id}
    if waiting:
        values.update(state=BroadcastState.AWAITING_APPROVAL.value, decided_by=None,
                      decided_at=None)
    else:
        values.update(state=BroadcastState.SCHEDULED.value, decided_by=scope.actor.officer_id,
                      decided_at=now)
    # Conditional on the revision read: a start, a cancel or another change meanwhile wins, and
    # this one is refused rather than applied to what the caller did not see.
    changed = await scope.session.execute(update(Broadcast).where(
        Broadcast.id == b.id, Broadcast.state.in_(CHANGEABLE), Broadcast.revision == revision)
        .values(**values).execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise Refused("scheduled.not_changeable", id=broadcast_id,
                      state=scope.texts("broadcast.state_sending"))
    await scope.session.refresh(b)
    asked, started = 0, False
    await _drop_unsent_questions(scope, b.id)
    if waiting:
        asked = await _ask_approvers(scope, b, await audience_size(scope.session, b.audience))
    elif b.scheduled_at is not None and b.scheduled_at <= now:
        # It was waiting for an approver past its time; approved now, it goes as a "Duyệt" would.
        await start_sending(scope.session, scope.clock, b)
        scope.queued()
        started = True
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_EDITED, "broadcast",
                 b.id, before=before, after=_excerpt(content), revision=b.revision,
                 photo="photo" in content, waits_for_approval=waiting)
    if b.author_id is not None and b.author_id != scope.actor.officer_id:
        # Whoever wrote it learns that what goes out in their name was changed, and by whom.
        await notify(scope, b.author_id, "scheduled.author_edited", id=b.id, by=scope.actor_name,
                     when=show_when(b.scheduled_at, scope.config.timezone)
                     if b.scheduled_at else "")
    return Edited(b, waiting, asked, started)


async def scheduled_broadcasts(session: Any, limit: int = 20) -> list[Broadcast]:
    """The scheduled broadcasts still to go (approved or waiting for it), soonest first."""
    return list((await session.scalars(select(Broadcast).where(
        Broadcast.state.in_(CHANGEABLE), Broadcast.scheduled_at.is_not(None))
        .order_by(Broadcast.scheduled_at, Broadcast.id).limit(limit))).all())


async def list_broadcasts(scope_session: Any, limit: int = 20) -> list[Broadcast]:
    """The scheduled broadcasts still to go (soonest first), then the latest others."""
    waiting = await scheduled_broadcasts(scope_session, limit)
    ids = {b.id for b in waiting}
    rest = [b for b in (await scope_session.scalars(select(Broadcast).order_by(
        Broadcast.id.desc()).limit(limit))).all() if b.id not in ids]
    return waiting + rest[:max(0, limit - len(waiting))]


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


async def _drop_unsent_questions(scope: Scope, broadcast_id: int) -> None:
    """Approval questions about an older version not sent yet are not sent at all (skipped, so
    the decision is kept); one already sent is refused when pressed."""
    jobs = select(Job.id).where(Job.kind == "approval",
                                Job.key.like(f"approval:bc:{broadcast_id}:%"))
    await scope.session.execute(update(Delivery).where(
        Delivery.job_id.in_(jobs), Delivery.state == DeliveryState.PENDING.value)
        .values(state=DeliveryState.SKIPPED.value, last_error="superseded by a newer version")
        .execution_options(synchronize_session=False))


async def _ask_approvers(scope: Scope, b: Broadcast, reach: Reach) -> int:
    """Every approver but the author (and whoever changed it last) gets the preview with
    "Duyệt" / "Từ chối", via the outbox; the buttons name the revision shown."""
    people = [p for p in await approvers(scope.session)
              if p.officer_id not in (b.author_id, b.edited_by)]
    if not people:
        return 0
    if b.revision:
        key = "scheduled.approval_request_edited"
    elif b.scheduled_at is not None:
        key = "scheduled.approval_request"
    else:
        key = "broadcast.approval_request"
    when = ({"when": show_when(b.scheduled_at, scope.config.timezone)}
            if b.scheduled_at is not None else {})
    # Revision 0 keeps the plain "bc:<id>" (buttons sent before edits existed stay valid).
    route = f"bc:{b.id}.{b.revision}" if b.revision else f"bc:{b.id}"
    request = approval_request(scope.texts, key, route, id=b.id,
                               author=scope.actor_name, reach=say_reach(scope.texts, reach),
                               audience=describe_audience(scope.texts, b.audience), **when)
    version = f":r{b.revision}" if b.revision else ""
    # The preview first, exactly as recipients would see it, then the question with buttons.
    for suffix, payload, priority in (("preview", b.content, APPROVAL_PRIORITY),
                                      ("ask", request, APPROVAL_PRIORITY + 1)):
        job = await create_job(scope.session, scope.clock, "approval",
                               key=f"approval:bc:{b.id}{version}:{suffix}", priority=priority)
        await enqueue(scope.session, scope.clock, job.id, [(p, payload) for p in people],
                      priority=priority)
    scope.queued()
    return len(people)


def _not_too_late(scope: Scope, b: Broadcast) -> None:
    """A scheduled broadcast approved after its time goes out at once, within the grace that
    lets Loa start one late ([delivery] scheduled_grace_hours); later than that it is never sent
    late: its time must be changed first."""
    grace = timedelta(hours=scope.config.delivery.scheduled_grace_hours)
    if b.scheduled_at is not None and scope.clock.now() - b.scheduled_at > grace:
        raise Refused("scheduled.approve_too_late", id=b.id,
                      when=show_when(b.scheduled_at, scope.config.timezone),
                      hours=f"{scope.config.delivery.scheduled_grace_hours:g}")


async def decide_broadcast(scope: Scope, broadcast_id: int, approve: bool,
                           revision: int | None = None) -> tuple[Broadcast, Reach]:
    """An approver's "Duyệt" (start sending; returns to how many) or "Từ chối" (never sent).

    `revision` is the version of the content the approver was shown: a decision on a version
    changed since is refused (the approver is asked again about the new one)."""
    officer, b = await decidable(scope, may_approve_broadcast, Broadcast, broadcast_id,
                                 BroadcastState.AWAITING_APPROVAL, "author_id")
    if revision is not None and revision != b.revision:
        raise Refused("scheduled.changed_since", id=b.id)
    if b.edited_by == officer.id:  # who changed it is no second person for it either
        raise Refused("approval.own_broadcast")
    if approve:
        _not_too_late(scope, b)
    b.decided_by, b.decided_at = officer.id, scope.clock.now()
    by = scope.actor_name
    if not approve:
        b.state = BroadcastState.REJECTED.value
        await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_REJECTED,
                     "broadcast", b.id)
        await notify(scope, b.author_id, "approval.author_rejected", id=b.id, by=by)
        return b, Reach(0, 0)
    if b.scheduled_at is not None and b.scheduled_at > scope.clock.now():
        b.state = BroadcastState.SCHEDULED.value  # approved now; it goes out at its time
        reach = await audience_size(scope.session, b.audience)
    else:
        reach = await start_sending(scope.session, scope.clock, b)
        scope.queued()
    await record(scope.session, scope.clock, scope.actor, Action.BROADCAST_APPROVED, "broadcast",
                 b.id, recipients=reach.people, groups=reach.groups)
    if b.state == BroadcastState.SCHEDULED:  # (approved after its time: it goes out now)
        await notify(scope, b.author_id, "scheduled.author_approved", id=b.id, by=by,
                     when=show_when(b.scheduled_at, scope.config.timezone))
    else:
        await notify(scope, b.author_id, "approval.author_approved", id=b.id, by=by,
                     reach=say_reach(scope.texts, reach))
    return b, reach
