"""People decisions: change an officer's role, deactivate an officer. Admins only (and the
operator); each one audited."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.audit import Action, record
from bot.services import Refused, Scope
from bot.services.people import may_manage_people
from bot.services.web import end_sessions
from bot.store.models import Officer, OfficerStatus, Role


async def _officer(scope: Scope, officer_id: int) -> Officer:
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    # Locks the officer's row only (its unit is joined in, outer, which PostgreSQL cannot lock).
    officer = (await scope.session.scalars(select(Officer).where(Officer.id == officer_id)
                                           .with_for_update(of=Officer))).unique().one_or_none()
    if officer is None:
        raise Refused("web.not_found")
    if officer.id == scope.actor.officer_id:
        raise Refused("web.not_yourself")  # nobody locks themselves out
    return officer


async def change_role(scope: Scope, officer_id: int, role: Role) -> Officer:
    """Any role, up or down (an admin's decision, unlike an invite, may take rights away)."""
    officer = await _officer(scope, officer_id)
    if officer.role == role.value:
        return officer
    previous, officer.role, officer.updated_at = officer.role, role.value, scope.clock.now()
    if role.rank < Role(previous).rank:  # fewer rights: a console session open now must not keep them
        await end_sessions(scope, officer.id)
    await record(scope.session, scope.clock, scope.actor, Action.ROLE_GRANTED, "officer",
                 officer.id, role=role.value, previous=previous)
    return officer


async def deactivate(scope: Scope, officer_id: int) -> Officer:
    """The officer gets nothing more and can no longer act (as when they send /stop)."""
    officer = await _officer(scope, officer_id)
    if officer.status == OfficerStatus.DISABLED.value:
        return officer
    officer.status, officer.updated_at = OfficerStatus.DISABLED.value, scope.clock.now()
    await end_sessions(scope, officer.id)
    await record(scope.session, scope.clock, scope.actor, Action.OFFICER_DEACTIVATED, "officer",
                 officer.id)
    return officer


async def stop_messages(scope: Scope) -> bool:
    """/stop: the acting officer gets nothing more until /start (history kept); False when they
    had stopped already."""
    officer = scope.actor.officer
    if officer is None:
        raise Refused("common.stop_unregistered")
    if officer.status == OfficerStatus.STOPPED.value:
        return False
    officer.status, officer.updated_at = OfficerStatus.STOPPED.value, scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.OFFICER_STOPPED, "officer",
                 officer.id)
    return True
