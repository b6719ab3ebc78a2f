"""`loa prompts`: preview and send a day's prompts."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, drain, no_channel, on_channels, reach_channels, with_loa
from bot.core.config import Config

KIND_TITLES = {"prompt": "Nhắc việc hằng ngày", "reminder": "Nhắc hạn báo cáo",
               "overdue": "Nhắc đơn vị chưa báo cáo", "quota": "Nhắc chỉ tiêu",
               "overdue_list": "Danh sách đơn vị chưa báo cáo (quản trị)"}


def _day_line(loa: loa_app.Loa, day: dt.date) -> str:
    from bot.domain.prompts import weekday
    from bot.domain.workdays import holiday_name, is_working_day

    kind = ("ngày làm việc" if is_working_day(day)
            else f"ngày nghỉ: {holiday_name(day) or 'cuối tuần'} — Loa không gửi nhắc việc")
    return f"{weekday(loa.texts, day)}, {day:%d/%m/%Y} ({kind})"


async def cmd_prompts_preview(config: Config, args: Any) -> int:
    from bot.core.events import from_payload
    from bot.domain import prompts
    from bot.domain.workdays import is_working_day

    if args.date is None:
        args.date = dt.datetime.now(config.timezone).date()  # today where the officers are

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            people = await prompts.preview(session, loa.clock, loa.config, loa.texts, args.date,
                                           args.officer)
        print(_day_line(loa, args.date))
        if not is_working_day(args.date):
            return 0
        if args.officer is not None and not people:
            print(f"Không có cán bộ #{args.officer} đang nhận tin.", file=sys.stderr)
            return 1
        for person, messages in people:
            at = person.due_at(args.date, loa.config).strftime("%H:%M")
            print(f"\n=== Cán bộ #{person.id} {person.name or ''} · {person.unit_code or '—'} "
                  f"· {at} ===")
            if person.muted_on(args.date):
                print(f"(đã tắt nhắc đến hết {person.muted_until:%d/%m/%Y}: không gửi)")
            elif not messages:
                print("(không có gì để gửi)")
            for kind, payload in messages.items():
                message = from_payload(payload)
                print(f"[{KIND_TITLES[kind]}]")
                print(getattr(message, "text", ""))
                for row in message.choices:
                    print("  " + " ".join(f"[{c.label}]" for c in row))
        return 0

    return await with_loa(config, work)


async def cmd_prompts_send(config: Config, args: Any) -> int:
    from sqlalchemy import select

    from bot.domain import prompts
    from bot.domain.workdays import is_working_day
    from bot.store.models import Job

    if not is_working_day(args.date):
        print(f"{args.date:%d/%m/%Y} là ngày nghỉ: Loa không gửi nhắc việc ngày này.",
              file=sys.stderr)
        return 1
    if not config.active_channels:
        print(no_channel(), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await reach_channels(loa)
        queued = await prompts.queue_due(loa.sessions, loa.clock, loa.config, loa.texts,
                                         day=args.date, force=True)
        print(f"Đã xếp hàng {queued.total} tin nhắn ({queued.counts['prompt']} nhắc việc); "
              f"{queued.muted} cán bộ đang tắt nhắc.")
        async with loa.sessions() as session:
            job_ids = list((await session.scalars(select(Job.id).where(
                Job.key.in_([f"{kind}:{args.date}" for kind in prompts.KINDS])))).all())
        counts = await on_channels(loa, lambda: drain(loa, job_ids, queued.total))
        print(f"Xong: đã gửi {counts['sent']}, lỗi {counts['failed']}, chặn bot "
              f"{counts['blocked']}, không rõ {counts['uncertain']}.")
        return 0

    return await with_loa(config, work)
