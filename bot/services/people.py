"""Roles and invites: who may grant what, and the audit row for each grant."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import Invalid
from bot.core.validate import person_name
from bot.domain import invites as invite_store
from bot.domain.audit import Action, ActorKind, record
from bot.domain.officers import get_identity, has_role, set_role
from bot.domain.roster import Person, RosterError
from bot.domain.units import get_unit
from bot.services import Refused, Scope
from bot.store.models import Identity, Invite, Officer, OfficerStatus, Role

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


async def grant_admin(scope: Scope, channel: str, user_id: str, name: str | None = None
                      ) -> Granted:
    """`loa admin add [--name …]`: the admin role, and the person's name when given (else
    Loa asks for it on their first message)."""
    full_name = checked_name(name) if name is not None else None
    granted = await grant_role(scope, channel, user_id, Role.ADMIN)
    if full_name is not None and granted.officer.full_name != full_name:
        await name_officer(scope, granted.officer, full_name)
    return granted


def checked_name(name: str) -> str:
    """A full name as the chat takes it (two words at least, capitalised), or Refused."""
    try:
        return person_name(name)
    except Invalid as exc:
        raise Refused(exc.key, **exc.values) from None


async def name_officer(scope: Scope, officer: Officer, name: str) -> None:
    """Give a name to someone Loa knows only by an account (an admin made from the CLI)."""
    full_name = checked_name(name)
    previous = officer.full_name
    officer.full_name, officer.updated_at = full_name, scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.OFFICER_NAMED, "officer",
                 officer.id, name=full_name, previous=previous)


@dataclass(frozen=True)
class AdminRow:
    officer: Officer
    accounts: list[tuple[str, str]]  # (channel, user id)


async def list_admins(session: AsyncSession) -> list[AdminRow]:
    """Everyone with the admin role, by name (nameless ones last), with their accounts."""
    admins = (await session.scalars(select(Officer).where(Officer.role == Role.ADMIN.value)
                                    .order_by(Officer.id))).unique().all()
    accounts: dict[int, list[tuple[str, str]]] = {}
    for officer_id, channel, external in (await session.execute(
            select(Identity.officer_id, Identity.channel, Identity.external_id)
            .where(Identity.officer_id.in_([a.id for a in admins]))
            .order_by(Identity.channel))).all():
        accounts.setdefault(officer_id, []).append((channel, external))
    rows = [AdminRow(a, accounts.get(a.id, [])) for a in admins]
    return sorted(rows, key=lambda r: (r.officer.full_name is None,
                                       (r.officer.full_name or "").casefold(), r.officer.id))


async def remove_admin(scope: Scope, channel: str, user_id: str) -> Officer:
    """`loa admin remove`: the admin role taken back. One with a unit stays there as an
    officer; one in no unit (made from the CLI) is stopped, so Loa sends them nothing more."""
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    user_id = check_user_id(channel, user_id)
    identity = await get_identity(scope.session, channel, user_id)
    officer = identity.officer if identity is not None else None
    if officer is None or officer.role != Role.ADMIN.value:
        raise Refused("newcomer.not_an_admin", channel=scope.texts(f"channel.{channel}"),
                      user_id=user_id)
    officer.role, officer.updated_at = Role.OFFICER.value, scope.clock.now()
    if officer.unit_id is None:
        officer.status = OfficerStatus.STOPPED.value
    await record(scope.session, scope.clock, scope.actor, Action.ROLE_REMOVED, "officer",
                 officer.id, role=Role.ADMIN.value, channel=channel, user_id=user_id)
    return officer


async def create_invite(scope: Scope, unit_code: str, role: Role, uses: int = 1,
                        days: int = 7, person: dict[str, str] | None = None) -> Invite:
    """A new invite code for a unit and role; `person`, who it is for (name, position, phone from
    a staff list: joining only asks them to confirm it)."""
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
    invite.person = person
    details = {"name": person["name"]} if person else {}
    await record(scope.session, scope.clock, scope.actor, Action.INVITE_CREATED, "invite",
                 invite.id, code=invite.code, unit=unit.code, role=role.value, uses=uses, days=days,
                 **details)
    return invite


async def create_invites(scope: Scope, people: list[Person], days: int) -> int:
    """`loa officers import`: one single-use invite each (unit and role from the sheet, and who it
    is for), each audited; every unit code must exist, else RosterError names the rows and
    nothing is made. Someone imported before whose invite is still open keeps it (importing the
    same sheet twice makes nothing twice); returns how many kept theirs."""
    units = {}
    missing = []
    for p in people:
        if p.unit not in units:
            units[p.unit] = await get_unit(scope.session, p.unit)
        if units[p.unit] is None:
            missing.append(f"dòng {p.row}: không có đơn vị mã {p.unit} (xem: loa unit list)")
    if missing:
        raise RosterError(missing)
    now = scope.clock.now()
    open_ones: dict[tuple[int, str, str], Invite] = {}
    for invite in await scope.session.scalars(select(Invite).where(
            Invite.person.is_not(None), Invite.revoked_at.is_(None), Invite.expires_at > now,
            Invite.used_count < Invite.max_uses)):
        name = str((invite.person or {}).get("name", "")).casefold()
        open_ones[(invite.unit_id, invite.role, name)] = invite
    kept = 0
    for p in people:
        invite = open_ones.pop((units[p.unit].id, p.role.value, p.name.casefold()), None)
        if invite is not None:
            kept += 1
        else:
            person = {"name": p.name, "position": p.position, "phone": p.phone}
            invite = await create_invite(scope, p.unit, p.role, uses=1, days=days, person=person)
        p.code = invite.code
        p.link = await invite_store.invite_link(scope.session, scope.config, invite.code) or ""
    return kept


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
