"""`loa audit`: the audit log, oldest first, times in the users' time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot import app as loa_app
from bot.cli.common import with_loa
from bot.core.config import Config
from bot.core.texts import Texts
from bot.domain.audit import Listed, describe, entries


async def cmd_audit(config: Config, args: Any) -> int:
    since_day: dt.date | None = args.since
    since = (dt.datetime.combine(since_day, dt.time(), config.timezone)
             if since_day is not None else None)

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            rows = await entries(session, since)
        shown = since_day.strftime("%d/%m/%Y") if since_day else ""
        if not rows:
            print(loa.texts("audit.none_since", since=shown) if since_day
                  else loa.texts("audit.none"))
            return 0
        print(loa.texts("audit.header_since", since=shown, count=len(rows)) if since_day
              else loa.texts("audit.header", count=len(rows)))
        for row in rows:
            print(line(loa.texts, config.timezone, row))
        return 0

    return await with_loa(config, work)


def line(texts: Texts, tz: dt.tzinfo, row: Listed) -> str:
    """One entry: when · who · what · which object · the detail, all in Vietnamese."""
    d = describe(texts, tz, row)
    text = texts("audit.line", when=d.when, actor=d.actor, action=d.action, object=d.object)
    return f"{text} · {d.detail}" if d.detail else text
