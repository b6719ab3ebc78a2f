"""`loa broadcast`: send a broadcast from the command line and follow it."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import (
    EXIT_CONFIG,
    drain,
    no_channel,
    on_channels,
    operator_scope,
    os_problem,
    reach_channels,
    texts,
    with_loa,
)
from bot.core.config import Config
from bot.domain.units import get_unit
from bot.services.broadcasts import (
    at_key_date,
    day_off_warning,
    max_text,
    parse_hour,
    parse_when,
    show_when,
)


async def cmd_broadcast_send(config: Config, args: Any) -> int:
    from bot.domain.broadcasts import audience_size, describe_audience, say_reach
    from bot.services import Refused
    from bot.services.broadcasts import create_broadcast, needs_approval
    from bot.store.files import store

    text = (args.text or "").strip()
    photo = None
    if args.photo is not None:
        photo = _photo_file(args.photo)
        if photo is None:
            return EXIT_CONFIG
    if (not text and photo is None) or len(text) > max_text():
        print(texts("cli.broadcast.text_needed", max=max_text()), file=sys.stderr)
        return EXIT_CONFIG
    if args.yes and args.at is None and args.key_date is None and not config.active_channels:
        # Sending now needs a channel; a preview does not, nor a broadcast `loa run` sends later.
        print(no_channel(), file=sys.stderr)
        return EXIT_CONFIG
    at, hour = None, None
    if args.key_date is not None or args.hour is not None:
        if args.at is not None or args.key_date is None:
            print(texts("cli.broadcast.key_date_usage"), file=sys.stderr)
            return EXIT_CONFIG
        hour = parse_hour(args.hour or "")
        if hour is None:
            print(texts("cli.broadcast.bad_hour"), file=sys.stderr)
            return EXIT_CONFIG
    elif args.at is not None:
        at = parse_when(args.at, config.timezone)
        if at is None:
            print(texts("cli.broadcast.bad_at"), file=sys.stderr)
            return EXIT_CONFIG
    elif args.yearly:
        print(texts("cli.broadcast.yearly_alone"), file=sys.stderr)
        return EXIT_CONFIG
    audience: dict[str, Any] = {}
    if args.unit:
        audience = {"units": sorted({u.upper() for u in args.unit}),
                    "subunits": not args.no_subunits}
    if args.role:
        audience["role"] = args.role

    async def work(loa: loa_app.Loa) -> int:
        nonlocal at
        key_date = None
        if hour is not None:  # a campaign's key date at an hour
            found = await _key_date(loa, args.key_date)
            if found is None:
                return EXIT_CONFIG
            at, key_date = at_key_date(found.day, hour, config.timezone), found.name
            print(loa.texts("cli.broadcast.key_date_found", day=f"{found.day:%d/%m/%Y}",
                            name=found.name, campaign=found.campaign))
        if at is not None:
            print(loa.texts("cli.broadcast.scheduled_for_yearly" if args.yearly
                            else "cli.broadcast.scheduled_for", when=show_when(at, config.timezone)))
            warning = day_off_warning(loa.texts, at, config.timezone)
            if warning:
                print(warning)
        if args.yes and at is None:
            await reach_channels(loa)
        # The photo is checked and stored before the transaction (SQLite's write lock).
        stored = await asyncio.to_thread(store, loa.media.root, photo) if photo is not None else None
        async with loa.sessions() as session, session.begin():
            for code in audience.get("units", []):
                if await get_unit(session, code) is None:
                    print(loa.texts("cli.broadcast.no_unit", code=code), file=sys.stderr)
                    return EXIT_CONFIG
            reach = await audience_size(session, audience)
            print(loa.texts("cli.broadcast.audience", reach=say_reach(loa.texts, reach),
                            audience=describe_audience(loa.texts, audience)))
            scope = operator_scope(loa, session)
            if not args.yes:
                if needs_approval(scope):
                    print(loa.texts("cli.broadcast.preview_needs_approval"))
                print(loa.texts("cli.broadcast.not_sent"))
                if not config.active_channels:
                    print(loa.texts("cli.broadcast.note", problem=no_channel()))
                return 0  # a preview asked for and shown: nothing went wrong
            if not reach.total and at is None:
                print(loa.texts("cli.broadcast.nobody"), file=sys.stderr)
                return EXIT_CONFIG
            try:
                content = ({"photo": await loa.media.register(session, *stored, len(photo)),
                            "caption": text} if stored is not None and photo is not None
                           else {"text": text})
                created = await create_broadcast(scope, content, audience, at=at,
                                                 yearly=args.yearly, key_date=key_date)
            except Refused as exc:
                print(loa.texts(exc.key, **exc.values), file=sys.stderr)
                return EXIT_CONFIG
            broadcast_id = created.broadcast.id
        if created.waiting:
            # The operator is not an approver: an approver decides in chat (see services).
            waiting = ("cli.broadcast.waiting_no_approver" if not created.approvers_asked
                       else "cli.broadcast.waiting_at" if at is not None
                       else "cli.broadcast.waiting_now")
            print(loa.texts(waiting, id=broadcast_id, asked=created.approvers_asked))
            print(loa.texts("cli.broadcast.follow", id=broadcast_id))
            return 0
        if at is not None:  # `loa run` sends it at its time (the schedules' tick)
            print(loa.texts("cli.broadcast.scheduled", id=broadcast_id,
                            when=show_when(at, config.timezone)))
            return 0
        counts = await on_channels(loa, lambda: _send_until_done(loa, broadcast_id))
        print(loa.texts("cli.broadcast.done", id=broadcast_id, sent=counts["sent"],
                        failed=counts["failed"], blocked=counts["blocked"],
                        uncertain=counts["uncertain"], reach=say_reach(loa.texts, created.reach)))
        return 0

    return await with_loa(config, work)


async def _key_date(loa: loa_app.Loa, wanted: str) -> Any:
    """The coming campaign key date named by "27/02" (or "27/02/2027") or by part of its name;
    None, with the choices printed, if there is not exactly one."""
    from bot.domain.units import ascii_fold
    from bot.services.broadcasts import upcoming_key_dates

    def fold(value: str) -> str:
        return ascii_fold(value).casefold()

    today = loa.clock.now().astimezone(loa.config.timezone).date()
    async with loa.sessions() as session:
        soon = await upcoming_key_dates(session, today, limit=50)
    text = " ".join(wanted.split())
    found = [k for k in soon if text in (f"{k.day:%d/%m}", f"{k.day:%d/%m/%Y}",
                                         f"{k.day.day}/{k.day.month}")]
    if not found and text:
        found = [k for k in soon if fold(text) in fold(k.name)]
    if len(found) == 1:
        return found[0]
    listing = "\n".join(loa.texts("cli.broadcast.key_date_line", day=f"{k.day:%d/%m/%Y}",
                                  name=k.name, campaign=k.campaign) for k in soon)
    print(loa.texts("cli.broadcast.key_date_many" if found else "cli.broadcast.key_date_none",
                    text=text, listing=listing or loa.texts("cli.broadcast.key_date_no_campaign")),
          file=sys.stderr)
    return None


async def _send_until_done(loa: loa_app.Loa, broadcast_id: int) -> dict[str, int]:
    """Run the outbox in this process, printing progress, until the broadcast is through."""
    from bot.domain.broadcasts import mark_done
    from bot.store.models import Broadcast

    async with loa.sessions() as session:
        b = await session.get(Broadcast, broadcast_id)
        assert b is not None and b.job_id is not None
        job_id, total = b.job_id, b.recipients
    counts = await drain(loa, [job_id], total)
    if counts["pending"] + counts["sending"] == 0:
        await mark_done(loa.sessions, loa.clock, broadcast_id, counts)
    return counts


async def cmd_broadcast_list(config: Config, args: Any) -> int:
    from bot.core.textfit import shorten
    from bot.domain.broadcasts import audience_size, frozen_reach, numbers, say_reach
    from bot.services.broadcasts import list_broadcasts

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            rows = await list_broadcasts(session, args.limit)
            counts = await numbers(session, loa.clock, list(rows))
            # Not started yet: who would get it now (the audience is resolved when it starts).
            now = {b.id: await audience_size(session, b.audience) for b in rows
                   if b.job_id is None and b.scheduled_at is not None}
        if not rows:
            print(loa.texts("cli.broadcast.list_empty"))
            return 0
        print(loa.texts("cli.broadcast.list_header"))
        for b in rows:
            if b.scheduled_at is not None:
                when = loa.texts("cli.broadcast.list_when_yearly" if b.repeat_yearly
                                 else "cli.broadcast.list_when_scheduled",
                                 when=show_when(b.scheduled_at, config.timezone))
            else:
                when = show_when(b.created_at, config.timezone)
            sent = counts.get(b.id, {}).get("sent", 0)
            reach = say_reach(loa.texts, now[b.id] if b.id in now else frozen_reach(b))
            people = (loa.texts("cli.broadcast.list_people_now", reach=reach) if b.id in now
                      else loa.texts("cli.broadcast.list_people_sent", reach=reach, sent=sent)
                      if b.job_id else reach)
            text = (b.content.get("text") or b.content.get("caption")
                    or loa.texts("cli.broadcast.list_photo"))
            print(loa.texts("cli.broadcast.list_row", id=b.id, when=when, people=people,
                            state=loa.texts(f"broadcast.state_{b.state}"),
                            text=shorten(text, 50)))
        return 0

    return await with_loa(config, work)


async def cmd_broadcast_change(config: Config, args: Any) -> int:
    """A scheduled broadcast's new time (`--at`, `--yearly`/`--once`) and/or new content
    (`--text`, `--photo`), until it starts; a new content is approved again if need be."""
    from bot.services import Refused
    from bot.services.broadcasts import edit_broadcast, reschedule_broadcast
    from bot.store.files import store
    from bot.store.models import Broadcast

    if args.at is None and args.text is None and args.photo is None and args.yearly is None:
        print(texts("cli.broadcast.change_what"), file=sys.stderr)
        return EXIT_CONFIG
    at = None
    if args.at is not None:
        at = parse_when(args.at, config.timezone)
        if at is None:
            print(texts("cli.broadcast.bad_at"), file=sys.stderr)
            return EXIT_CONFIG
    text = None if args.text is None else args.text.strip()
    if text is not None and len(text) > max_text():
        print(texts("cli.broadcast.text_too_long", max=max_text()), file=sys.stderr)
        return EXIT_CONFIG
    photo = None
    if args.photo is not None:
        photo = _photo_file(args.photo)
        if photo is None:
            return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        # The photo is checked and stored before the transaction (SQLite's write lock).
        stored = await asyncio.to_thread(store, loa.media.root, photo) if photo is not None else None
        async with loa.sessions() as session, session.begin():
            scope = operator_scope(loa, session)
            # A refusal propagates: with_loa says it and rolls back both changes together.
            edited = None
            if text is not None or stored is not None:
                b = await session.get(Broadcast, args.id)
                old = (b.content if b is not None else None) or {}
                caption = text if text is not None else (
                    old.get("caption") or old.get("text") or "")
                if stored is not None and photo is not None:
                    content = {"photo": await loa.media.register(session, *stored, len(photo)),
                               "caption": caption}
                elif old.get("photo") and text is not None:  # a new caption, same photo
                    content = {"photo": old["photo"], "caption": caption}
                else:
                    content = {"text": caption}
                edited = await edit_broadcast(scope, args.id, content)
            if at is not None or args.yearly is not None:
                current = await session.get(Broadcast, args.id)
                when = at or (current.scheduled_at if current is not None else None)
                if when is None:
                    raise Refused("scheduled.not_found", id=args.id)
                await reschedule_broadcast(scope, args.id, when, args.yearly)
            b = await session.get(Broadcast, args.id)
            assert b is not None
        when = show_when(b.scheduled_at, config.timezone) if b.scheduled_at else ""
        if edited is not None:
            if edited.started:
                print(loa.texts("scheduled.edited_started", id=b.id))
            elif edited.waiting:
                print(loa.texts("scheduled.edited_waiting" if edited.approvers_asked
                                else "scheduled.edited_no_approver", id=b.id, when=when))
            else:
                print(loa.texts("scheduled.edited", id=b.id, when=when))
        if at is not None or args.yearly is not None:
            print(loa.texts("cli.broadcast.rescheduled_yearly" if b.repeat_yearly
                            else "cli.broadcast.rescheduled", id=b.id, when=when))
        if b.scheduled_at is not None:
            warning = day_off_warning(loa.texts, b.scheduled_at, config.timezone)
            if warning:
                print(warning)
        return 0

    return await with_loa(config, work)


async def cmd_broadcast_cancel(config: Config, args: Any) -> int:
    from bot.services.broadcasts import cancel_broadcast

    async def work(loa: loa_app.Loa) -> int:  # a refusal: with_loa says it and exits 2
        async with loa.sessions() as session, session.begin():
            b = await cancel_broadcast(operator_scope(loa, session), args.id)
            when = show_when(b.scheduled_at, config.timezone) if b.scheduled_at else ""
        print(loa.texts("scheduled.cancelled", id=b.id, when=when))
        return 0

    return await with_loa(config, work)


def _photo_file(path: str) -> bytes | None:
    """The image at `path` (--photo), or None once the operator was told why not."""
    from bot.core.images import NotAnImage
    from bot.delivery.media import read_image

    try:
        return read_image(path)
    except OSError as exc:
        print(texts("cli.broadcast.photo_unreadable", path=path, why=os_problem(exc)),
              file=sys.stderr)
    except NotAnImage:
        print(texts("cli.broadcast.not_a_photo", path=path), file=sys.stderr)
    return None
