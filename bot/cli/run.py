"""`loa run`, `loa demo`, `loa db`: the bot itself and its database."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import signal
import sys
from pathlib import Path
from typing import Any

from alembic.util import CommandError
from sqlalchemy.exc import DBAPIError

from bot import app as loa_app
from bot.channels import specs
from bot.cli.common import say_database, texts, with_loa
from bot.core.config import Config
from bot.domain.invites import create_invite
from bot.domain.units import add_unit, get_unit
from bot.store import migrate
from bot.store.db import make_engine, unreachable
from bot.store.models import Role


async def cmd_db_upgrade(config: Config, args: Any) -> int:
    async def work(_: loa_app.Loa) -> int:
        print(texts("cli.run.upgraded"))
        return 0

    return await with_loa(config, work)


async def cmd_db_current(config: Config, args: Any) -> int:
    """The schema's revision (last line): written down before an upgrade, to go back to it."""
    engine = make_engine(config.database_url)
    say_database(config.database_url)
    try:
        now = await migrate.current(engine)
    except (OSError, DBAPIError, TimeoutError) as exc:
        raise unreachable(config.database_url, exc) from None
    finally:
        await engine.dispose()
    newest = migrate.head()
    if now is None:
        print(texts("cli.run.empty"))
    elif now == newest:
        print(texts("cli.run.newest"))
    elif migrate.known(now):
        print(texts("cli.run.behind", newest=newest))
    else:
        print(texts("cli.run.ahead"))
    print(now or "-")
    return 0


async def cmd_db_downgrade(config: Config, args: Any) -> int:
    """Undo the migrations after REVISION, with the newer code still in place (going back to
    the previous version of Loa: this first, then the older code)."""
    engine = make_engine(config.database_url)
    say_database(config.database_url)
    try:
        await migrate.downgrade(engine, args.revision)
    except CommandError as exc:
        print(texts("cli.run.cannot_downgrade", revision=repr(args.revision), why=exc),
              file=sys.stderr)
        return 2
    except (OSError, DBAPIError, TimeoutError) as exc:
        raise unreachable(config.database_url, exc) from None
    finally:
        await engine.dispose()
    print(texts("cli.run.downgraded", revision=args.revision))
    return 0


async def cmd_run(config: Config, args: Any) -> int:
    if not config.active_channels:
        tokens = texts("cli.run.either").join(s.token_env for s in specs().values() if s.token_env)
        print(texts("cli.run.no_channel", tokens=tokens), file=sys.stderr)
        return await cmd_demo(config, argparse.Namespace(reset=False, admin=False))
    loa = await loa_app.build(config)
    say_database(config.database_url)
    loa.add_configured_channels()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await loa_app.run(loa, stop)
    finally:
        await loa.close()
    return 0


async def cmd_demo(config: Config, args: Any) -> int:
    from bot.channels.console import ConsoleChannel

    url = config.demo.database_url
    if args.reset and url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)  # noqa: ASYNC240 - before anything runs
    # The daily message (and its choices) comes at whatever hour the demo is tried, while the
    # welcome, /me and /gio still name the real time (07:30).
    config = dataclasses.replace(config, prompts=dataclasses.replace(
        config.prompts, grace_hours=24, at_once=True))
    loa = await loa_app.build(config, database_url=url)
    say_database(url)
    try:
        people = await seed_demo(loa)
        t = loa.texts
        me = config.demo.user_id
        # --admin types as the demo's admin for this run only; nobody's role is changed.
        start_as = next(p.user_id for p in people if p.name == ADMIN) if args.admin else me
        console = ConsoleChannel(start_as, t("console.banner", code=DEMO_INVITE)
                                 + demo_day_off_note(loa),
                                 t("console.goodbye"), t.template("console.no_file"),
                                 not_image=t.template("console.not_image"), people=people,
                                 too_many_pixels=t.template("limits.demo_photo_pixels"),
                                 max_pixels=int(config.reports.max_photo_megapixels * 1_000_000),
                                 words={k: t.template(f"console.{k}") for k in
                                        ("waiting", "switched", "people", "who_unknown")})
        loa.add_channel(console)
        stop = asyncio.Event()
        runner = asyncio.create_task(loa_app.run(loa, stop, serve_http=False))  # a terminal app
        await console.finished.wait()
        stop.set()
        await runner
    finally:
        await loa.close()
    return 0


def demo_day_off_note(loa: loa_app.Loa) -> str:
    """On a day off the demo's daily message never comes: the banner says so, and where to see
    the next working day's."""
    from bot.domain.workdays import holiday_name, is_working_day, next_working_day

    today = loa.clock.now().astimezone(loa.config.timezone).date()
    if is_working_day(today):
        return ""
    coming = next_working_day(today)
    t = loa.texts
    return "\n" + t("newcomer.demo_day_off", why=holiday_name(today) or t("campaign.weekend"),
                    weekday=t("prompt.weekdays").split("|")[coming.weekday()],
                    date=coming.strftime("%d/%m"))


ADMIN = "Hà"
# The demo's people besides "you": (short name, full name, role, unit code, chat id).
DEMO_PEOPLE = (
    ("Lan", "Nguyễn Thị Lan", Role.OFFICER, "TYTMAU", "demo-lan"),
    ("Minh", "Trần Văn Minh", Role.FOCAL, "TYTMAU2", "demo-minh"),
    ("Hùng", "Lê Văn Hùng", Role.APPROVER, "TTYTMAU", "demo-hung"),
    (ADMIN, "Phạm Thu Hà", Role.ADMIN, "SYTMAU", "demo-ha"),
)


async def seed_demo(loa: loa_app.Loa) -> list[Any]:
    """Two wards under a centre, the invite code DEMO, the shipped campaigns, and a few people
    to be in turn (an officer, a focal point, an approver, an admin); created once."""
    from bot.channels.console import NAME, Person
    from bot.domain.campaigns import check_file
    from bot.domain.campaigns import load as load_campaign
    from bot.domain.officers import get_identity
    from bot.store.models import Identity, Officer, OfficerStatus

    async with loa.sessions() as session, session.begin():
        if await get_unit(session, "SYTMAU") is None:
            await add_unit(session, loa.clock, "Sở Y tế (mẫu)", code="SYTMAU")
            await add_unit(session, loa.clock, "Trung tâm Y tế thành phố (mẫu)", "SYTMAU",
                           code="TTYTMAU")
            ward = await add_unit(session, loa.clock, "Trạm Y tế phường Hòa Bình (mẫu)", "TTYTMAU",
                                  code="TYTMAU")
            await create_invite(session, loa.clock, ward, Role.OFFICER, uses=10_000, days=3650,
                                code=DEMO_INVITE)
            # The shipped campaigns, so /homnay and reports show real content.
            for path in sorted((loa.config.messages_dir / "campaigns").glob("*.toml")):
                await load_campaign(session, loa.clock, check_file(path), path.name)
        if await get_unit(session, "TYTMAU2") is None:
            await add_unit(session, loa.clock, "Trạm Y tế xã Hòa Phong (mẫu)", "TTYTMAU",
                           code="TYTMAU2")
        people = [Person("tôi", loa.config.demo.user_id, loa.texts("console.you"))]
        now = loa.clock.now()
        for short, full, role, code, chat in DEMO_PEOPLE:
            unit = await get_unit(session, code)
            assert unit is not None
            if await get_identity(session, NAME, chat) is None:
                officer = Officer(full_name=full, position=loa.texts("console.position"),
                                  unit_id=unit.id, role=role.value,
                                  status=OfficerStatus.ACTIVE.value, created_at=now,
                                  updated_at=now)
                session.add(officer)
                session.add(Identity(channel=NAME, external_id=chat, chat_id=chat,
                                     display_name=full, officer=officer, created_at=now, menu=[]))
            people.append(Person(short, chat, f"{full}, {loa.texts(f'role.{role.value}')} — "
                                              f"{unit.name}"))
    return people


DEMO_INVITE = "DEMO"
