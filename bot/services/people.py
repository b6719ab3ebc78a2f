"""Roles and invites: who may grant what, and the audit row for each grant."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from bot.domain import invites as invite_store
from bot.domain.audit import Action, ActorKind, record
from bot.domain.officers import get_identity, has_role, set_role
from bot.domain.roster import Person, RosterError
from bot.domain.units import get_unit
from bot.services import Refused, Scope
from bot.store.models import Invite, Officer, Role

MAX_USER_ID = 64  # the identities table's column


@dataclass(frozen=True)
class Granted:
    officer: Officer
    changed: bool  # False: they had the role already, nothing written
    previous: str | None  # the role before, None for someone Loa did not know


def may_manage_people(scope: Scope) -> bool:
    """The operator, and admins in chat, grant roles and make or revoke invites."""
    return scope.actor.kind == ActorKind.OPERATOR or has_role(scope.actor.officer, Role.ADMIN)


def check_user_id(channel: str, user_id: str) -> str:
    """A user id as the platform gives it (its adapter says what one looks like)."""
    from bot.channels import specs

    spec = specs().get(channel)
    if spec is None:
        raise Refused("people.unknown_channel", channel=channel[:32])
    user_id = user_id.strip()
    if spec.user_id_pattern and not re.fullmatch(spec.user_id_pattern, user_id):
        raise Refused(spec.bad_user_id_key, max=MAX_USER_ID)
    if not user_id or len(user_id) > MAX_USER_ID or any(c.isspace() for c in user_id):
        raise Refused("people.bad_user_id", max=MAX_USER_ID)
    return user_id


async def grant_role(scope: Scope, channel: str, user_id: str, role: Role) -> Granted:
    """Give a channel account a role, whether or not it has joined yet. A grant never takes
    rights away: someone who already has this role or a higher one is left as they are."""
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    user_id = check_user_id(channel, user_id)
    identity = await get_identity(scope.session, channel, user_id)
    officer = identity.officer if identity is not None else None
    previous = officer.role if officer is not None else None
    if officer is not None and Role(officer.role).rank >= role.rank:
        return Granted(officer, False, previous)
    officer = await set_role(scope.session, scope.clock, channel, user_id, role)
    await record(scope.session, scope.clock, scope.actor, Action.ROLE_GRANTED, "officer",
                 officer.id, role=role.value, previous=previous, channel=channel, user_id=user_id)
    return Granted(officer, True, previous)


async def grant_admin(scope: Scope, channel: str, user_id: str) -> Granted:
    """`loa admin add`: the admin role."""
    return await grant_role(scope, channel, user_id, Role.ADMIN)


async def create_invite(scope: Scope, unit_code: str, role: Role, uses: int = 1,
                        days: int = 7) -> Invite:
    """A new invite code for a unit and role."""
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    unit = await get_unit(scope.session, unit_code)
    if unit is None:
        raise Refused("admin.unknown_unit", code=unit_code[:32])
    if not 1 <= uses <= 10_000:
        raise Refused("admin.bad_uses")
    if not 1 <= days <= 3650:
        raise Refused("people.bad_days")
    invite = await invite_store.create_invite(scope.session, scope.clock, unit, role, uses, days)
    await record(scope.session, scope.clock, scope.actor, Action.INVITE_CREATED, "invite",
                 invite.id, code=invite.code, unit=unit.code, role=role.value, uses=uses, days=days)
    return invite


async def create_invites(scope: Scope, people: list[Person], days: int) -> None:
    """`loa officers import`: one single-use invite each (unit and role from the sheet), each
    audited; every unit code must exist, else RosterError names the rows and nothing is made."""
    units = {}
    missing = []
    for p in people:
        if p.unit not in units:
            units[p.unit] = await get_unit(scope.session, p.unit)
        if units[p.unit] is None:
            missing.append(f"dòng {p.row}: không có đơn vị mã {p.unit} (xem: loa unit list)")
    if missing:
        raise RosterError(missing)
    for p in people:
        invite = await create_invite(scope, p.unit, p.role, uses=1, days=days)
        p.code = invite.code
        p.link = await invite_store.invite_link(scope.session, scope.config, invite.code) or ""


async def revoke_invite(scope: Scope, code: str) -> Invite:
    """The code stops working at once; those who joined with it keep their place."""
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    normalised = invite_store.normalise_code(code)
    invite = await scope.session.scalar(select(Invite).where(Invite.code == normalised))
    if invite is None:
        raise Refused("people.unknown_invite", code=normalised[:64])
    if invite.revoked_at is not None:
        raise Refused("people.already_revoked", code=invite.code)
    invite.revoked_at = scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.INVITE_REVOKED, "invite",
                 invite.id, code=invite.code, used=invite.used_count)
    return invite
