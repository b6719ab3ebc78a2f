"""Broadcasts (/broadcasts): the list, a new one (text or photo, now or at a time), decisions."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
from typing import Any

from sqlalchemy import select
from starlette.datastructures import UploadFile
from starlette.responses import FileResponse, RedirectResponse, Response

from bot.channels import strictest
from bot.core.events import MEDIA_PREFIX
from bot.core.images import NotAnImage, TooManyPixels
from bot.core.normalize import ID_MAX, parse_id, parse_int
from bot.core.textfit import shorten
from bot.domain.broadcasts import audience_size, describe_audience, frozen_reach, numbers, say_reach
from bot.domain.units import list_units
from bot.services import Refused
from bot.services.broadcasts import (
    CHANGEABLE,
    at_key_date,
    cancel_broadcast,
    changeable,
    check_when,
    create_broadcast,
    day_off_warning,
    decide_broadcast,
    edit_broadcast,
    may_approve_broadcast,
    parse_hour,
    parse_when,
    reschedule_broadcast,
    show_when,
    upcoming_key_dates,
)
from bot.store.files import store
from bot.store.models import (
    Broadcast,
    BroadcastState,
    Media,
    Officer,
    Role,
)
from bot.web.console.auth import MAX_UPLOAD, Visit
from bot.web.console.page import Page, id_of


class BroadcastsPage(Page):
    async def broadcasts(self, visit: Visit) -> Response:
        session = visit.scope.session
        rows = list(await session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(100)))
        counts = await numbers(session, self.loa.clock, rows)  # kept while sending: no recount
        # An author with no name yet (an admin made from the CLI) is still an officer, never
        # "the operator".
        authors = {o.id: o.full_name or self.loa.texts("newcomer.officer_n", id=o.id)
                   for o in await session.scalars(
            select(Officer).where(Officer.id.in_([b.author_id for b in rows if b.author_id])))}
        tz = self.loa.config.timezone
        items = [{"b": b, "author": authors.get(b.author_id) if b.author_id else None,
                  "audience": describe_audience(self.loa.texts, b.audience),
                  "n": counts.get(b.id, {}),
                  "reach": say_reach(self.loa.texts, frozen_reach(b)),
                  "when": show_when(b.scheduled_at, tz) if b.scheduled_at else None,
                  "when_input": b.scheduled_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")
                  if b.scheduled_at else None,
                  # Still to go on a day off: said beside its time (also after a change of time).
                  "day_off": day_off_warning(self.loa.texts, b.scheduled_at, tz)
                  if b.scheduled_at and b.state in CHANGEABLE else None} for b in rows]
        sending = any(b.state == BroadcastState.SENDING.value for b in rows)
        return self.page(visit, "broadcasts.html", items=items, sending=sending,
                         can_approve=may_approve_broadcast(visit.officer))

    async def read_photo(self, visit: Visit) -> tuple[str, str, int] | Refused | None:
        """A photo chosen on /broadcasts/new, written to the photo store by its hash outside any
        transaction (see guard): (sha256, path, size), a Refused to show, or None if none."""
        upload = visit.form.get("photo") if visit.form is not None else None
        if not isinstance(upload, UploadFile) or not upload.filename:
            return None
        most = strictest(lambda caps: caps.max_photo_bytes) or MAX_UPLOAD  # every channel takes it
        too_big = Refused("web.photo_too_big", mb=most // (1024 * 1024))
        if upload.size is not None and upload.size > most:
            return too_big
        data = await upload.read(most + 1)
        if len(data) > most:
            return too_big
        mpx = self.loa.config.reports.max_photo_megapixels
        try:
            digest, relative = await asyncio.to_thread(store, self.loa.config.storage_dir, data,
                                                       int(mpx * 1_000_000))
        except TooManyPixels:
            return Refused("limits.photo_pixels", mpx=f"{mpx:g}")
        except NotAnImage:
            return Refused("web.not_an_image")
        return digest, relative, len(data)

    async def _photo_mac(self, visit: Visit, digest: str) -> str:
        """Binds a kept photo to this browser's session: a reference copied elsewhere opens nothing."""
        key = await self.loa.media.secret.get()
        mac = hmac.new(key, f"console-photo:{visit.web.token_hash}:{digest}".encode(),
                       hashlib.sha256).hexdigest()
        return mac[:32]

    async def _photo_ref(self, visit: Visit, digest: str) -> str:
        return f"{digest}.{await self._photo_mac(visit, digest)}"

    async def _kept_photo(self, visit: Visit, ref: str) -> Media | None:
        """The photo a signed reference from this session's form names, if it is still stored."""
        digest, _, mac = ref.partition(".")
        if (len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest)
                or not hmac.compare_digest(mac, await self._photo_mac(visit, digest))):
            return None
        return await visit.scope.session.get(Media, digest)

    async def broadcast_photo(self, visit: Visit) -> Response:
        media = await self._kept_photo(visit, str(visit.request.path_params["ref"]))
        if media is None:
            return self.refuse(visit.request, 404, "web.not_found")
        return FileResponse(self.loa.config.storage_dir / media.path, media_type=media.content_type,
                            headers={"Cache-Control": "private, max-age=3600",
                                     "X-Content-Type-Options": "nosniff"})

    async def sent_photo(self, visit: Visit) -> Response:
        """A broadcast's photo, for the approver who decides on the web (kept in the media
        store; a photo forwarded from a chat is on the platform only and shows as "kèm ảnh")."""
        b = await visit.scope.session.get(Broadcast, id_of(visit.request.path_params["id"]))
        photo = (b.content or {}).get("photo") if b is not None else None
        media = (await visit.scope.session.get(Media, photo.removeprefix(MEDIA_PREFIX))
                 if isinstance(photo, str) and photo.startswith(MEDIA_PREFIX) else None)
        if media is None:
            return self.refuse(visit.request, 404, "web.not_found")
        return FileResponse(self.loa.config.storage_dir / media.path, media_type=media.content_type,
                            headers={"Cache-Control": "private, max-age=3600",
                                     "X-Content-Type-Options": "nosniff"})

    async def broadcast_new(self, visit: Visit) -> Response:
        session = visit.scope.session
        units = await list_units(session)
        key_dates = await upcoming_key_dates(session, visit.scope.clock.now().astimezone(
            self.loa.config.timezone).date())
        if visit.form is None:
            return self.page(visit, "broadcast_new.html", units=units, chosen=set(), values={},
                             key_dates=key_dates)
        chosen = {v for v in visit.form.getlist("units") if isinstance(v, str)}
        role = visit.field("role")
        audience = {"units": sorted(chosen), "subunits": bool(visit.field("subunits")),
                    "role": role if role in {r.value for r in Role} else None}
        text = visit.field("text").strip()
        values: dict[str, Any] = {"text": text, "subunits": audience["subunits"],
                                  "role": audience["role"]}
        error, preview = None, None
        try:
            # A new file wins; else the photo kept from the preview (its signed reference), unless
            # the admin ticked "remove".
            digest = None
            if isinstance(visit.prepared, Refused):
                if await self._kept_photo(visit, visit.field("photo_ref")) is not None:
                    values["photo_ref"] = visit.field("photo_ref")  # a bad new file loses no old one
                raise visit.prepared
            if visit.prepared is not None:
                digest, relative, size = visit.prepared
                await self.loa.media.register(session, digest, relative, size)
            elif visit.field("photo_ref") and not visit.field("drop_photo"):
                kept = await self._kept_photo(visit, visit.field("photo_ref"))
                if kept is None:
                    raise Refused("console_pages.photo_lost")
                digest = kept.sha256
            content: dict[str, Any] = {"text": text}
            if digest is not None:
                content = {"photo": MEDIA_PREFIX + digest, "caption": text}
                values["photo_ref"] = await self._photo_ref(visit, digest)
            if "photo" not in content and not text:
                raise Refused("console_pages.broadcast_empty")  # a photo alone is a broadcast; nothing is not
            at, key_date = self._when(visit, values, key_dates)
            preview = {"content": content,
                       "reach": say_reach(self.loa.texts, await audience_size(session, audience)),
                       "audience": describe_audience(self.loa.texts, audience)}
            if at is not None:
                check_when(visit.scope, at)  # a time past is refused at the preview already
                preview["when"] = show_when(at, self.loa.config.timezone)
                preview["day_off"] = day_off_warning(self.loa.texts, at, self.loa.config.timezone)
            if visit.field("action") == "send":
                async with session.begin_nested():
                    created = await create_broadcast(visit.scope, content, audience, at=at,
                                                     yearly=bool(values.get("yearly")),
                                                     key_date=key_date)
                return RedirectResponse(f"/broadcasts?new={created.broadcast.id}", status_code=303)
        except Refused as exc:
            error = self.loa.texts(exc.key, **exc.values)
        return self.page(visit, "broadcast_new.html", 400 if error else 200, units=units,
                         chosen=chosen, values=values, error=error, preview=preview,
                         key_dates=key_dates)

    def _when(self, visit: Visit, values: dict[str, Any], key_dates: list[Any]
              ) -> tuple[dt.datetime | None, str | None]:
        """The form's time, if the broadcast is scheduled: a day and time (the browser's
        "YYYY-MM-DDTHH:MM"), or one of the campaigns' key dates at an hour; checked (not past)
        by the service."""
        tz = self.loa.config.timezone
        typed, chosen, hour = visit.field("at"), visit.field("key_date"), visit.field("hour")
        values.update(at=typed[:40], key_date=chosen[:20], hour=hour[:20],
                      yearly=bool(visit.field("yearly")))
        if chosen:
            index = parse_id(chosen)
            if index is None or index >= len(key_dates):
                raise Refused("scheduled.bad_when", text=shorten(chosen, 40))
            time = parse_hour(hour)
            if time is None:
                raise Refused("scheduled.bad_hour", text=shorten(hour, 40))
            return at_key_date(key_dates[index].day, time, tz), key_dates[index].name
        if not typed:
            values["yearly"] = False
            return None, None
        at = parse_when(typed.replace("T", " "), tz)
        if at is None:
            raise Refused("scheduled.bad_when", text=shorten(typed, 40))
        return at, None

    async def broadcast_schedule(self, visit: Visit) -> Response:
        """Change a scheduled broadcast's time, or cancel it, until it starts (the service checks
        and audits)."""
        broadcast_id = id_of(visit.request.path_params["id"])
        try:
            async with visit.scope.session.begin_nested():
                if visit.field("action") == "cancel":
                    await cancel_broadcast(visit.scope, broadcast_id)
                else:
                    at = parse_when(visit.field("at").replace("T", " "), self.loa.config.timezone)
                    if at is None:
                        raise Refused("scheduled.bad_when", text=shorten(visit.field("at"), 40))
                    await reschedule_broadcast(visit.scope, broadcast_id, at)
        except Refused as exc:
            return self.render(visit.request, "message.html", 409,
                               message=self.loa.texts(exc.key, **exc.values), me=None)
        return RedirectResponse("/broadcasts", status_code=303)

    async def broadcast_edit(self, visit: Visit) -> Response:
        """A scheduled broadcast's page: its content, time and audience, and a form for new
        content (a text, a new photo, or the photo dropped) until it starts; the service applies
        the two-person rule again and audits it."""
        session, tz = visit.scope.session, self.loa.config.timezone
        broadcast_id = id_of(visit.request.path_params["id"])
        b = await session.get(Broadcast, broadcast_id)
        if b is None:
            return self.refuse(visit.request, 404, "web.not_found")
        error = None
        if visit.form is not None:
            try:
                async with session.begin_nested():
                    if isinstance(visit.prepared, Refused):
                        raise visit.prepared
                    await changeable(visit.scope, broadcast_id)
                    text = visit.field("text").strip()
                    photo = (b.content or {}).get("photo")
                    if visit.prepared is not None:
                        digest, relative, size = visit.prepared
                        photo = await self.loa.media.register(session, digest, relative, size)
                    elif visit.field("drop_photo"):
                        photo = None
                    content: dict[str, Any] = ({"photo": photo, "caption": text} if photo
                                               else {"text": text})
                    if photo is None and not text:
                        raise Refused("console_pages.broadcast_empty")
                    await edit_broadcast(visit.scope, broadcast_id, content)
                return RedirectResponse(f"/broadcasts/{broadcast_id}?saved=1", status_code=303)
            except Refused as exc:
                error = self.loa.texts(exc.key, **exc.values)
            await session.refresh(b)
        content = b.content or {}
        values = {"text": visit.field("text") if error else
                  content.get("text") or content.get("caption") or ""}
        return self.page(
            visit, "broadcast_edit.html", 400 if error else 200, b=b, error=error, values=values,
            editable=b.scheduled_at is not None and b.state in CHANGEABLE,
            saved=visit.request.query_params.get("saved") == "1" and not error,
            audience=describe_audience(self.loa.texts, b.audience),
            when=show_when(b.scheduled_at, tz) if b.scheduled_at else None,
            when_input=b.scheduled_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")
            if b.scheduled_at else None,
            day_off=day_off_warning(self.loa.texts, b.scheduled_at, tz)
            if b.scheduled_at else None,
            reach=say_reach(self.loa.texts, await audience_size(session, b.audience)),
            kept_photo=str(content.get("photo") or "").startswith(MEDIA_PREFIX),
            can_approve=may_approve_broadcast(visit.officer))

    async def broadcast_decide(self, visit: Visit) -> Response:
        # The revision of the content the page showed: a change since is refused, not approved.
        revision = parse_int(visit.field("revision") or "0", 0, ID_MAX)
        try:
            async with visit.scope.session.begin_nested():
                await decide_broadcast(visit.scope, id_of(visit.request.path_params["id"]),
                                       visit.field("decision") == "approve",
                                       revision=-1 if revision is None else revision)
        except Refused as exc:
            return self.refuse(visit.request, 409, exc.key)
        return RedirectResponse("/broadcasts", status_code=303)
