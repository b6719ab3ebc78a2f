"""`loa prompts`: preview and send a day's prompts."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import (
    EXIT_CONFIG,
    drain,
    no_channel,
    on_channels,
    reach_channels,
    texts,
    with_loa,
)
from bot.core.config import Config

KIND_TITLES = {"prompt": "cli.prompts.kind_prompt", "reminder": "cli.prompts.kind_reminder",
               "overdue": "cli.prompts.kind_overdue", "quota": "cli.prompts.kind_quota",
               "overdue_list": "cli.prompts.kind_overdue_list"}  # text keys


def _day_line(loa: loa_app.Loa, day: dt.date) -> str:
    from bot.domain.prompts import weekday
    from bot.domain.workdays import holiday_name, is_working_day

    date = f"{day:%d/%m/%Y}"
    if is_working_day(day):
        return loa.texts("cli.prompts.working_day", weekday=weekday(loa.texts, day), date=date)
    return loa.texts("cli.prompts.day_off", weekday=weekday(loa.texts, day), date=date,
                     why=holiday_name(day) or loa.texts("campaign.weekend"))


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
            groups = [] if args.officer is not None else await prompts.preview_groups(
                session, loa.clock, loa.config, loa.texts, args.date)
        print(_day_line(loa, args.date))
        if not is_working_day(args.date):
            return 0
        if args.officer is not None and not people:
            print(loa.texts("cli.prompts.no_officer", id=args.officer), file=sys.stderr)
            return 1
        for person, messages in people:
            at = person.due_at(args.date, loa.config).strftime("%H:%M")
            print("\n" + loa.texts("cli.prompts.officer", id=person.id, name=person.name or "",
                                   unit=person.unit_code or "—", at=at))
            if person.muted_on(args.date):
                print(loa.texts("cli.prompts.muted", until=f"{person.muted_until:%d/%m/%Y}"))
            elif not messages:
                print(loa.texts("cli.prompts.nothing"))
            for kind, payload in messages.items():
                message = from_payload(payload)
                print(loa.texts("cli.prompts.kind", title=loa.texts(KIND_TITLES[kind])))
                print(getattr(message, "text", ""))
                for row in message.choices:
                    print("  " + " ".join(f"[{c.label}]" for c in row))
        at = prompts.group_due_at(args.date, loa.config).strftime("%H:%M")
        for group, payload in groups:
            label = f"channel.{group.channel}"  # a channel no longer configured: its own name
            print("\n" + loa.texts("cli.prompts.group", title=group.title or group.chat_id,
                                   channel=loa.texts(label) if label in loa.texts else group.channel,
                                   unit=group.unit.code, at=at))
            print(getattr(from_payload(payload), "text", "") if payload
                  else loa.texts("cli.prompts.nothing"))
        return 0

    return await with_loa(config, work)


async def cmd_prompts_send(config: Config, args: Any) -> int:
    from sqlalchemy import select

    from bot.domain import prompts
    from bot.domain.workdays import is_working_day
    from bot.store.models import Job

    if not is_working_day(args.date):
        print(texts("cli.prompts.day_off_refused", date=f"{args.date:%d/%m/%Y}"), file=sys.stderr)
        return 1
    if not config.active_channels:
        print(no_channel(), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await reach_channels(loa)
        queued = await prompts.queue_due(loa.sessions, loa.clock, loa.config, loa.texts,
                                         day=args.date, force=True)
        print(loa.texts("cli.prompts.queued", total=queued.total,
                        prompts=queued.counts["prompt"], muted=queued.muted))
        async with loa.sessions() as session:
            job_ids = list((await session.scalars(select(Job.id).where(
                Job.key.in_([f"{kind}:{args.date}" for kind in prompts.KINDS])))).all())
        counts = await on_channels(loa, lambda: drain(loa, job_ids, queued.total))
        print(loa.texts("cli.prompts.done", sent=counts["sent"], failed=counts["failed"],
                        blocked=counts["blocked"], uncertain=counts["uncertain"]))
        return 0

    return await with_loa(config, work)
