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
    with_loa,
)
from bot.core.config import Config
from bot.domain.units import get_unit
from bot.services.broadcasts import day_off_warning, max_text, parse_when, show_when


async def cmd_broadcast_send(config: Config, args: Any) -> int:
    from bot.core.images import NotAnImage
    from bot.delivery.media import read_image
    from bot.domain.broadcasts import describe_audience, recipients
    from bot.services import Refused
    from bot.services.broadcasts import create_broadcast, needs_approval
    from bot.store.files import store

    text = (args.text or "").strip()
    photo = None
    if args.photo is not None:
        try:
            photo = read_image(args.photo)
        except OSError as exc:
            print(f"Không đọc được tệp ảnh {args.photo}: {os_problem(exc)}.", file=sys.stderr)
            return EXIT_CONFIG
        except NotAnImage:
            print(f"{args.photo} không phải ảnh (JPEG, PNG, GIF, WebP, HEIC).", file=sys.stderr)
            return EXIT_CONFIG
    if (not text and photo is None) or len(text) > max_text():
        print(f"--text phải có nội dung (hoặc dùng --photo), tối đa {max_text()} ký tự.", file=sys.stderr)
        return EXIT_CONFIG
    if args.yes and args.at is None and not config.active_channels:
        # Sending now needs a channel; a preview does not, nor a broadcast `loa run` sends later.
        print(no_channel(), file=sys.stderr)
        return EXIT_CONFIG
    at = None
    if args.at is not None:
        at = parse_when(args.at, config.timezone)
        if at is None:
            print("--at: không hiểu thời điểm. Viết theo giờ Việt Nam, ví dụ "
                  '--at "2027-02-27 07:00" hoặc --at "27/02/2027 07:00".', file=sys.stderr)
            return EXIT_CONFIG
    elif args.yearly:
        print("--yearly chỉ dùng cùng --at (bản tin hẹn giờ).", file=sys.stderr)
        return EXIT_CONFIG
    audience: dict[str, Any] = {}
    if args.unit:
        audience = {"units": sorted({u.upper() for u in args.unit}),
                    "subunits": not args.no_subunits}
    if args.role:
        audience["role"] = args.role

    async def work(loa: loa_app.Loa) -> int:
        if at is not None:
            yearly = ", lặp lại hằng năm" if args.yearly else ""
            print(f"Hẹn gửi lúc {show_when(at, config.timezone)} (giờ Việt Nam){yearly}; "
                  "danh sách người nhận được lấy lại đúng lúc gửi.")
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
                    print(f"Không có đơn vị mã {code}. Xem các mã: loa unit list", file=sys.stderr)
                    return EXIT_CONFIG
            count = len(await recipients(session, audience))
            print(describe_audience(loa.texts, audience), f"Số người nhận: {count}.")
            scope = operator_scope(loa, session)
            if not args.yes:
                if needs_approval(scope):
                    print("Bản tin sẽ chờ người duyệt đồng ý trong Loa rồi mới gửi "
                          "(quy tắc hai người).")
                print("Chưa gửi. Thêm --yes để gửi.")
                if not config.active_channels:
                    print(f"Lưu ý: {no_channel()}")
                return 0  # a preview asked for and shown: nothing went wrong
            if count == 0 and at is None:
                print("Không có ai đang nhận tin trong nhóm này: chưa gửi. Hãy chọn --unit hoặc "
                      "--role khác.", file=sys.stderr)
                return EXIT_CONFIG
            try:
                content = ({"photo": await loa.media.register(session, *stored, len(photo)),
                            "caption": text} if stored is not None and photo is not None
                           else {"text": text})
                created = await create_broadcast(scope, content, audience, at=at,
                                                 yearly=args.yearly)
            except Refused as exc:
                print(loa.texts(exc.key, **exc.values), file=sys.stderr)
                return EXIT_CONFIG
            broadcast_id = created.broadcast.id
        if created.waiting:
            # The operator is not an approver: an approver decides in chat (see services).
            then = ("Loa gửi vào giờ đã hẹn khi một người đã bấm «Duyệt»." if at is not None
                    else "Loa gửi ngay khi một người bấm «Duyệt».")
            asked = (f"Đã chuyển cho {created.approvers_asked} người duyệt; {then}"
                     if created.approvers_asked
                     else "Chưa có người duyệt nào đang hoạt động.")
            print(f"Bản tin #{broadcast_id} cần người duyệt đồng ý trước khi gửi "
                  f"(quy tắc hai người). {asked}")
            print(f"Theo dõi: loa broadcast status {broadcast_id}")
            return 0
        if at is not None:  # `loa run` sends it at its time (the schedules' tick)
            print(f"Đã hẹn giờ bản tin #{broadcast_id}: Loa gửi lúc "
                  f"{show_when(at, config.timezone)}. Xem: loa broadcast list · đổi giờ: "
                  f"loa broadcast change {broadcast_id} --at \"…\" · huỷ: "
                  f"loa broadcast cancel {broadcast_id}")
            return 0
        counts = await on_channels(loa, lambda: _send_until_done(loa, broadcast_id))
        print(f"Xong bản tin #{broadcast_id}: đã gửi {counts['sent']}, lỗi {counts['failed']}, "
              f"chặn bot {counts['blocked']}, không rõ {counts['uncertain']}, "
              f"tổng {created.count}.")
        return 0

    return await with_loa(config, work)


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
    from bot.domain.broadcasts import numbers, recipients
    from bot.services.broadcasts import list_broadcasts

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            rows = await list_broadcasts(session, args.limit)
            counts = await numbers(session, loa.clock, list(rows))
            # Not started yet: who would get it now (the audience is resolved when it starts).
            now = {b.id: len(await recipients(session, b.audience)) for b in rows
                   if b.job_id is None and b.scheduled_at is not None}
        if not rows:
            print("Chưa có bản tin nào.")
            return 0
        print("Số · thời điểm (giờ Việt Nam) · tình trạng · người nhận · nội dung")
        for b in rows:
            if b.scheduled_at is not None:
                when = "hẹn " + show_when(b.scheduled_at, config.timezone)
                when += ", hằng năm" if b.repeat_yearly else ""
            else:
                when = show_when(b.created_at, config.timezone)
            c = counts.get(b.id, {})
            sent = f", đã gửi {c.get('sent', 0)}" if b.job_id else ""
            text = b.content.get("text") or b.content.get("caption") or "(ảnh)"
            people = (f"{now[b.id]} người nhận hiện nay" if b.id in now
                      else f"{b.recipients} người")
            print(f"#{b.id} · {when} · {loa.texts(f'broadcast.state_{b.state}')} · "
                  f"{people}{sent} · “{shorten(text, 50)}”")
        return 0

    return await with_loa(config, work)


async def cmd_broadcast_change(config: Config, args: Any) -> int:
    from bot.services import Refused
    from bot.services.broadcasts import reschedule_broadcast

    at = parse_when(args.at, config.timezone)
    if at is None:
        print("--at: không hiểu thời điểm. Viết theo giờ Việt Nam, ví dụ "
              '--at "2027-02-27 07:00" hoặc --at "27/02/2027 07:00".', file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            try:
                b = await reschedule_broadcast(operator_scope(loa, session), args.id, at,
                                               args.yearly)
            except Refused as exc:
                print(loa.texts(exc.key, **exc.values), file=sys.stderr)
                return EXIT_CONFIG
        print(f"Đã đổi: bản tin #{b.id} sẽ gửi lúc {show_when(at, config.timezone)}"
              f"{', lặp lại hằng năm' if b.repeat_yearly else ''}.")
        warning = day_off_warning(loa.texts, at, config.timezone)
        if warning:
            print(warning)
        return 0

    return await with_loa(config, work)


async def cmd_broadcast_cancel(config: Config, args: Any) -> int:
    from bot.services import Refused
    from bot.services.broadcasts import cancel_broadcast

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            try:
                b = await cancel_broadcast(operator_scope(loa, session), args.id)
            except Refused as exc:
                print(loa.texts(exc.key, **exc.values), file=sys.stderr)
                return EXIT_CONFIG
            when = show_when(b.scheduled_at, config.timezone) if b.scheduled_at else ""
        print(loa.texts("scheduled.cancelled", id=b.id, when=when))
        return 0

    return await with_loa(config, work)
