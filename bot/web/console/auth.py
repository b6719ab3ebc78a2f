"""The console's door: the session cookie (signed, HttpOnly, SameSite=Strict, Secure behind https),
the role each route needs, and the CSRF token every state-changing request must carry."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot.core.normalize import clean_text
from bot.domain.audit import Actor, ActorKind
from bot.domain.officers import has_role
from bot.services import Scope
from bot.services.web import IDLE_LIMIT, csrf_ok, current
from bot.store.db import READ_ONLY
from bot.store.models import Officer, Role, WebSession
from bot.web.limits import BodyTooBig, capped, first_field, read_head, replay

if TYPE_CHECKING:
    from bot.web.console import ConsoleDeps

COOKIE = "loa_session"
CSRF_HEADER = "x-csrf-token"  # for a client that is not a form; forms send it as their first field
MAX_UPLOAD = 20 * 1024 * 1024  # a form field (Starlette spools files; each page caps its own)
MAX_FIELDS = 5000  # a plan's draft has a few fields per item and may have hundreds of items


@dataclass
class Visit:
    """One request from a signed-in browser: its session, officer, form, and a service scope."""

    request: Request
    scope: Scope
    web: WebSession
    officer: Officer
    form: FormData | None
    queued: list[bool] = field(default_factory=list)
    prepared: Any = None  # what the route's `prepare` made of the form, outside the transaction

    @property
    def csrf(self) -> str:
        return self.web.csrf

    def field(self, name: str) -> str:
        """A form field cleaned as chat text is (NFC; no control, zero-width or bidi characters)."""
        value = self.form.get(name) if self.form is not None else None
        return clean_text(value) if isinstance(value, str) else ""

    async def release(self) -> None:
        """End the request's transaction before slow work (building a file, reading photos): on
        SQLite it holds the write lock from BEGIN. A later query begins a new one."""
        await self.scope.session.commit()

    async def read_only(self) -> None:
        """End the request's transaction; the next one only reads, and on SQLite reads beside
        a writer instead of taking the write lock (a long export's queries)."""
        await self.release()
        await self.scope.session.connection(execution_options={READ_ONLY: True})


Endpoint = Callable[[Visit], Awaitable[Response]]
Prepare = Callable[[Visit], Awaitable[Any]]


async def _mac(loa: ConsoleDeps, token: str) -> str:
    key = await loa.secret.get()  # the one generated secret (or LOA_SECRET_KEY), shared by processes
    mac = hmac.new(key, f"web:{token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


async def cookie_value(loa: ConsoleDeps, token: str) -> str:
    return f"{token}.{await _mac(loa, token)}"


async def token_from(loa: ConsoleDeps, request: Request) -> str | None:
    raw = request.cookies.get(COOKIE, "")
    token, _, mac = raw.rpartition(".")
    if not token or not hmac.compare_digest(mac, await _mac(loa, token)):
        return None
    return token


def set_cookie(loa: ConsoleDeps, response: Response, value: str) -> None:
    secure = loa.config.http.https  # "HTTPS://" too
    response.set_cookie(COOKIE, value, max_age=int(IDLE_LIMIT.total_seconds()), path="/",
                        httponly=True, samesite="strict", secure=secure)


async def signed_in_admin(loa: ConsoleDeps, request: Request) -> bool:
    """Whether the request comes from an admin's live console session (to see details)."""
    token = await token_from(loa, request)
    if not token:
        return False
    async with loa.sessions() as session, session.begin():
        scope = Scope(session, loa.clock, loa.config, loa.texts, Actor(ActorKind.OFFICER))
        found = await current(scope, token)
    return found is not None and has_role(found[1], Role.ADMIN)


def guard(loa: ConsoleDeps, role: Role, endpoint: Endpoint,
          refuse: Callable[[Request, int, str], Response],
          prepare: Prepare | None = None) -> Callable[[Request], Awaitable[Response]]:
    """The route runs only for a live session whose officer has `role`; a POST also needs the
    session's CSRF token. The endpoint's transaction begins with its first query (admitting the
    visitor) and is committed when it returns, or earlier by `Visit.release` before slow work:
    SQLite's write lock is taken at BEGIN. The outbox wakes after commit.

    `prepare` (slow work on the form, such as reading a plan) runs once the visitor is
    admitted, outside any transaction. The visitor is admitted again before the endpoint runs."""

    async def run(request: Request) -> Response:
        token = await token_from(loa, request)
        prepared: Any = None
        given: str | None = None
        if request.method == "POST":
            # Who it is first, then the body outside any transaction: SQLite's write lock is taken
            # at BEGIN, and a 20 MB scan on a slow line must not hold it while it arrives.
            async with loa.sessions() as session, session.begin():
                admitted = await _admit(loa, session, request, token, role, refuse, body=False)
            if isinstance(admitted, Response):
                return admitted
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_UPLOAD + 1024 * 1024:
                return refuse(request, 413, "web.too_big")
            # The CSRF token before the body: a header, or the form's first field (every console
            # form puts it first), read from at most a few KB; a forged post reads no more.
            given = request.headers.get(CSRF_HEADER)
            head, more = b"", False
            if not given:
                head, more = await read_head(request.receive)
                field = first_field(request.headers.get("content-type", ""), head, not more)
                given = field[1] if field is not None and field[0] == "csrf" else None
            if not csrf_ok(admitted.web, given):
                return refuse(request, 403, "web.csrf")
            # The rest counted as it arrives (chunked too) and stopped at the limit.
            request = Request(request.scope, replay(head, more, capped(
                request.receive, MAX_UPLOAD + 1024 * 1024, len(head))))
            try:
                await request.form(max_part_size=MAX_UPLOAD, max_fields=MAX_FIELDS)  # kept by Starlette
            except BodyTooBig:
                return refuse(request, 413, "web.too_big")
        if prepare is not None and request.method == "POST":  # (a GET has no form to prepare)
            async with loa.sessions() as session, session.begin():
                admitted = await _admit(loa, session, request, token, role, refuse, given)
            if isinstance(admitted, Response):
                return admitted
            prepared = await prepare(admitted)
        async with loa.sessions() as session:  # no transaction until a query needs one
            admitted = await _admit(loa, session, request, token, role, refuse, given)
            if isinstance(admitted, Response):
                await session.commit()
                return admitted
            admitted.prepared = prepared
            response = await endpoint(admitted)
            await session.commit()
        if admitted.queued:
            loa.wake()
        return response

    return run


async def _admit(loa: ConsoleDeps, session: AsyncSession, request: Request, token: str | None,
                 role: Role, refuse: Callable[[Request, int, str], Response],
                 csrf: str | None = None, body: bool = True) -> Visit | Response:
    queued: list[bool] = []
    scope = Scope(session, loa.clock, loa.config, loa.texts, Actor(ActorKind.OFFICER),
                  lambda: queued.append(True))
    found = await current(scope, token) if token else None
    if found is None:
        return refuse(request, 401, "web.sign_in_needed")
    web, officer = found
    if not has_role(officer, role):
        return refuse(request, 403, "web.admin_only")
    form = None
    if request.method == "POST" and body:
        if not csrf_ok(web, csrf):  # checked before the body was read; the same token still
            return refuse(request, 403, "web.csrf")
        form = await request.form(max_part_size=MAX_UPLOAD, max_fields=MAX_FIELDS)
    scope.actor = Actor.of(officer)
    return Visit(request, scope, web, officer, form, queued)


async def admit(loa: ConsoleDeps, session: AsyncSession, request: Request, role: Role
                ) -> Visit | None:
    """The visitor of `request` admitted again in `session` (work that outlives the request's
    transaction, such as a plan read while the page waits); None when no longer allowed."""
    token = await token_from(loa, request)
    found = await _admit(loa, session, request, token, role, lambda *_: Response(), body=False)
    return found if isinstance(found, Visit) else None
