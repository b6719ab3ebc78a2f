"""Slogans: proposed, approved or rejected, retired. Only an approved slogan ever goes out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.delivery.outbox import create_job, enqueue
from bot.domain.audit import Action, ActorKind, record
from bot.domain.broadcasts import approvers
from bot.domain.officers import has_role
from bot.services import APPROVAL_PRIORITY, Refused, Scope, approval_request, decidable, notify
from bot.store.models import Campaign, Officer, Role, Slogan, SloganState


@dataclass(frozen=True)
class Proposed:
    slogan: Slogan
    approved: bool  # approved at once (an approver's own, or the two-person rule is off)
    approvers_asked: int


def may_decide_slogan(officer: Officer | None) -> bool:
    """Admins decide slogans too (a plan's slogans come from an approved document)."""
    return has_role(officer, Role.APPROVER)


async def propose_slogan(scope: Scope, text: str) -> Proposed:
    """A new slogan from an officer; an approver's is approved at once, others' wait."""
    officer = scope.actor.officer
    if scope.actor.kind != ActorKind.OFFICER or officer is None:
        raise Refused("errors.not_allowed")
    duplicate = await scope.session.scalar(select(Slogan).where(
        Slogan.text == text, Slogan.state != SloganState.RETIRED.value))
    if duplicate is not None:
        raise Refused("slogan.exists", id=duplicate.id,
                      state=scope.texts(f"slogan.state_{duplicate.state}"))
    now = scope.clock.now()
    # It belongs to the campaign running today (the earliest begun), so /dskhauhieu lists it
    # and it can be retired like the plan's own.
    today = now.astimezone(scope.config.timezone).date()
    campaign_id = await scope.session.scalar(select(Campaign.id).where(
        Campaign.start <= today, Campaign.end >= today).order_by(Campaign.start, Campaign.id)
        .limit(1))
    slogan = Slogan(text=text, source=scope.texts("slogan.source_chat", name=scope.actor_name),
                    proposed_by=officer.id, created_at=now, state=SloganState.PROPOSED.value,
                    campaign_id=campaign_id)
    scope.session.add(slogan)
    await scope.session.flush()
    await record(scope.session, scope.clock, scope.actor, Action.SLOGAN_PROPOSED, "slogan",
                 slogan.id, text=text)
    if officer.role == Role.APPROVER or not scope.config.delivery.two_person_rule:
        slogan.state, slogan.decided_by, slogan.decided_at = SloganState.APPROVED.value, officer.id, now
        await record(scope.session, scope.clock, scope.actor, Action.SLOGAN_APPROVED, "slogan",
                     slogan.id, at_once=True)
        return Proposed(slogan, True, 0)
    people = [p for p in await approvers(scope.session) if p.officer_id != officer.id]
    if people:
        job = await create_job(scope.session, scope.clock, "approval",
                               key=f"approval:sl:{slogan.id}", priority=APPROVAL_PRIORITY)
        request = approval_request(scope.texts, "slogan.approval_request", f"sl:{slogan.id}",
                                   id=slogan.id, text=text, author=scope.actor_name)
        await enqueue(scope.session, scope.clock, job.id, [(p, request) for p in people],
                      priority=APPROVAL_PRIORITY)
        scope.queued()
    return Proposed(slogan, False, len(people))


async def decide_slogan(scope: Scope, slogan_id: int, approve: bool) -> Slogan:
    """An approver's (or admin's) decision on a proposed slogan; the author is told."""
    officer, slogan = await decidable(scope, may_decide_slogan, Slogan, slogan_id,
                                      SloganState.PROPOSED, "proposed_by")
    slogan.decided_by, slogan.decided_at = officer.id, scope.clock.now()
    slogan.state = (SloganState.APPROVED if approve else SloganState.RETIRED).value
    await record(scope.session, scope.clock, scope.actor,
                 Action.SLOGAN_APPROVED if approve else Action.SLOGAN_REJECTED, "slogan", slogan.id)
    await notify(scope, slogan.proposed_by,
                 "slogan.author_approved" if approve else "slogan.author_rejected",
                 id=slogan.id, text=slogan.text, by=scope.actor_name)
    return slogan


async def retirable_slogan(scope: Scope, slogan_id: int) -> Slogan:
    """The approved slogan this actor may retire (checked before asking to confirm, too)."""
    if not may_decide_slogan(scope.actor.officer):
        raise Refused("approval.not_allowed")
    slogan = await scope.session.get(Slogan, slogan_id, with_for_update=True)
    if slogan is None or slogan.state != SloganState.APPROVED:
        raise Refused("approval.already_decided")
    return slogan


async def retire_slogan(scope: Scope, slogan_id: int) -> Slogan:
    """An approved slogan is never sent again (messages not yet sent drop it)."""
    slogan = await retirable_slogan(scope, slogan_id)
    officer = scope.actor.officer
    assert officer is not None
    slogan.state = SloganState.RETIRED.value
    slogan.decided_by, slogan.decided_at = officer.id, scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.SLOGAN_RETIRED, "slogan",
                 slogan.id, text=slogan.text)
    return slogan
