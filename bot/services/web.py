"""Signing in to the web console without a password: a one-time link asked for in chat (or printed
by `loa web login`), then a session the browser keeps in a cookie.

Only the SHA-256 of a link's or a session's token is stored, so a copy of the database signs
nobody in. A link is bound to one officer, lasts ten minutes and works once; a session ends
after eight hours without a request, after `[http] session_hours` in all, or when its owner
signs out; a demotion or deactivation ends it for good. Both check the role again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import update

from bot.domain.audit import Action, Actor, record
from bot.domain.officers import has_role
from bot.services import Refused, Scope
from bot.store.models import Officer, OfficerStatus, Role, WebLink, WebSession

LINK_LIFETIME = dt.timedelta(minutes=10)
IDLE_LIMIT = dt.timedelta(hours=8)
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most this often
LOGIN_PATH = "/login/"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_use_console(officer: Officer | None) -> bool:
    """Admins and approvers, while active."""
    return (officer is not None and officer.status == OfficerStatus.ACTIVE.value
            and has_role(officer, Role.APPROVER))


def login_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}{LOGIN_PATH}{token}"


async def issue_link(scope: Scope, officer: Officer | None) -> str:
    """A new one-time token for `officer` (refused unless an admin or approver)."""
    if not may_use_console(officer):
        raise Refused("web.not_allowed")
    assert officer is not None
    token = secrets.token_urlsafe(32)
    now = scope.clock.now()
    scope.session.add(WebLink(token_hash=digest(token), officer_id=officer.id,
                              expires_at=now + LINK_LIFETIME, created_at=now))
    await scope.session.flush()
    return token


async def check_link(scope: Scope, token: str) -> Officer:
    """The officer a link signs in, without using it up (refused: used, expired, not allowed)."""
    link = await scope.session.get(WebLink, digest(token))
    if link is None:
        raise Refused("web.link_unknown")
    if link.used_at is not None:
        raise Refused("web.link_used")
    if link.expires_at <= scope.clock.now():
        raise Refused("web.link_expired")
    officer = await scope.session.get(Officer, link.officer_id)
    if not may_use_console(officer):
        raise Refused("web.not_allowed")
    assert officer is not None
    return officer


@dataclass(frozen=True)
class SignedIn:
    token: str  # goes into the cookie, never stored
    officer: Officer


async def sign_in(scope: Scope, token: str, client: str = "") -> SignedIn:
    """Use the link up (once, even when two requests race) and open a session."""
    officer = await check_link(scope, token)
    now = scope.clock.now()
    used = await scope.session.execute(
        update(WebLink).where(WebLink.token_hash == digest(token), WebLink.used_at.is_(None))
        .values(used_at=now))
    if used.rowcount != 1:
        raise Refused("web.link_used")
    session_token = secrets.token_urlsafe(32)
    scope.session.add(WebSession(token_hash=digest(session_token), officer_id=officer.id,
                                 csrf=secrets.token_urlsafe(32), created_at=now, last_seen=now))
    await record(scope.session, scope.clock, Actor.of(officer), Action.WEB_SIGNED_IN, "officer",
                 officer.id, client=client[:200])
    return SignedIn(session_token, officer)


async def current(scope: Scope, token: str) -> tuple[WebSession, Officer] | None:
    """The live session behind a cookie's token and its officer, touched; None when it is
    unknown, ended, idle for eight hours, older than `[http] session_hours`, or its officer may
    no longer use the console (then it is ended: it never comes back with the role)."""
    row = await scope.session.get(WebSession, digest(token))
    now = scope.clock.now()
    if row is None or row.ended_at is not None or now - row.last_seen >= IDLE_LIMIT \
            or now - row.created_at >= dt.timedelta(hours=scope.config.http.session_hours):
        return None
    officer = await scope.session.get(Officer, row.officer_id)
    if not may_use_console(officer):
        row.ended_at = now
        return None
    assert officer is not None
    if now - row.last_seen >= TOUCH_EVERY:
        row.last_seen = now
    return row, officer


async def sign_out(scope: Scope, row: WebSession) -> None:
    row.ended_at = scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.WEB_SIGNED_OUT, "officer",
                 row.officer_id)


async def end_sessions(scope: Scope, officer_id: int) -> None:
    """Every console session of the officer ends now (demoted or deactivated): signing in again
    takes a new link, checked against the role they have then."""
    await scope.session.execute(
        update(WebSession).where(WebSession.officer_id == officer_id, WebSession.ended_at.is_(None))
        .values(ended_at=scope.clock.now()))


def csrf_ok(row: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(row.csrf, given or "")
