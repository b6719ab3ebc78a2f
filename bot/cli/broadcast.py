"""`loa broadcast`: send a broadcast from the command line and follow it."""

from __future__ import annotations

import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, drain, on_telegram, reach_telegram, with_loa
from bot.core.config import Config
from bot.domain.units import get_unit


async def cmd_broadcast_send(config: Config, args: Any) -> int:
    from bot.domain.broadcasts import describe_audience, recipients, start_sending
    from bot.store.models import Broadcast, BroadcastState

    text = args.text.strip()
    if not text or len(text) > 4000:
        print("--text phải có nội dung, tối đa 4000 ký tự.", file=sys.stderr)
        return EXIT_CONFIG
    if not config.telegram.active:
        print("Cần TELEGRAM_BOT_TOKEN để gửi bản tin.", file=sys.stderr)
        return EXIT_CONFIG
    audience: dict[str, Any] = {}
    if args.unit:
        audience = {"units": sorted({u.upper() for u in args.unit}),
                    "subunits": not args.no_subunits}
    if args.role:
        audience["role"] = args.role

    async def work(loa: loa_app.Loa) -> int:
        if args.yes:
            await reach_telegram(loa)
        async with loa.sessions() as session, session.begin():
            for code in audience.get("units", []):
                if await get_unit(session, code) is None:
                    print(f"Không có đơn vị mã {code}. Xem các mã: loa unit list", file=sys.stderr)
                    return EXIT_CONFIG
            count = len(await recipients(session, audience))
            print(describe_audience(loa.texts, audience), f"Số người nhận: {count}.")
            if not args.yes:
                print("Chưa gửi. Thêm --yes để gửi.")
                return EXIT_CONFIG
            if count == 0:
                print("Không có ai đang nhận tin trong nhóm này: chưa gửi. Hãy chọn --unit hoặc "
                      "--role khác.", file=sys.stderr)
                return EXIT_CONFIG
            b = Broadcast(content={"text": text}, audience=audience, created_at=loa.clock.now(),
                          state=BroadcastState.SENDING.value)
            session.add(b)
            await session.flush()
            await start_sending(session, loa.clock, b)
            broadcast_id = b.id
        counts = await on_telegram(loa, lambda: _send_until_done(loa, broadcast_id))
        print(f"Xong bản tin #{broadcast_id}: đã gửi {counts['sent']}, lỗi {counts['failed']}, "
              f"chặn bot {counts['blocked']}, không rõ {counts['uncertain']}, tổng {count}.")
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
        await mark_done(loa.sessions, loa.clock, broadcast_id)
    return counts


async def cmd_broadcast_status(config: Config, args: Any) -> int:
    from bot.delivery.outbox import job_counts
    from bot.store.models import Broadcast

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            b = await session.get(Broadcast, args.id)
            if b is None:
                print(f"Không có bản tin #{args.id}.", file=sys.stderr)
                return EXIT_CONFIG
            counts = await job_counts(session, b.job_id) if b.job_id else {}
        when = b.created_at.astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
        print(f"Bản tin #{b.id} ({when}): {loa.texts(f'broadcast.state_{b.state}')}")
        print(f"Người nhận: {b.recipients} · đã gửi {counts.get('sent', 0)} · "
              f"lỗi {counts.get('failed', 0)} · chặn bot {counts.get('blocked', 0)} · "
              f"không rõ {counts.get('uncertain', 0)} · "
              f"còn lại {counts.get('pending', 0) + counts.get('sending', 0)}")
        return 0

    return await with_loa(config, work)
