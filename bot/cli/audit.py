"""`loa audit`: the audit log, oldest first, times in the users' time zone."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot import app as loa_app
from bot.cli.common import with_loa
from bot.core.config import Config
from bot.core.texts import Texts
from bot.domain.audit import ActorKind, Listed, entries


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
    """One entry: when · who · what · which object, then the detail as compact JSON."""
    e = row.entry
    if e.actor_kind == ActorKind.OFFICER:
        actor = texts("audit.actor_officer", name=row.officer_name or "?", id=e.actor_officer_id)
    else:
        actor = texts(f"audit.actor_{e.actor_kind}")
    action = (texts(f"audit.action.{e.action}") if f"audit.action.{e.action}" in texts
              else e.action)
    kind = f"audit.object_{e.object_kind}"
    obj = texts(kind, id=e.object_id) if kind in texts else f"{e.object_kind} {e.object_id}"
    text = texts("audit.line", when=e.at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"),
                 actor=actor, action=action, object=obj)
    if e.detail:
        text += " · " + json.dumps(e.detail, ensure_ascii=False, separators=(", ", ": "))
    return text
