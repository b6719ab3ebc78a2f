"""The `loa` command: run the bot, the demo chat, and the operators' tools."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.config import Config, ConfigError, load_config
from bot.invites import BOT_USERNAME_KEY, create_invite, invite_link
from bot.logs import setup_logging
from bot.models import Role, Setting
from bot.officers import make_admin
from bot.texts import TextsError
from bot.units import UnitError, add_unit, get_unit, list_units

log = logging.getLogger("loa")

EXIT_CONFIG = 2
DEMO_INVITE = "DEMO"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_CONFIG
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(config.timezone, config.secrets,
                  logging.WARNING if args.cmd in ("demo", "run") and not config.telegram.active
                  else logging.INFO)
    try:
        return asyncio.run(args.func(config, args))
    except (TextsError, UnitError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="loa", description="Loa — kế hoạch truyền thông tới từng cán bộ.")
    sub = p.add_subparsers(dest="cmd")

    sub.add_parser("run", help="chạy bot (không có TELEGRAM_BOT_TOKEN: chạy bản thử)"
                   ).set_defaults(func=cmd_run)
    demo = sub.add_parser("demo", help="bản thử trong cửa sổ dòng lệnh, CSDL SQLite riêng")
    demo.add_argument("--reset", action="store_true", help="xóa dữ liệu bản thử và bắt đầu lại")
    demo.add_argument("--admin", action="store_true", help="nhắn tin với quyền quản trị viên")
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="db_cmd", required=True)
    db.add_parser("upgrade", help="áp dụng các bản nâng cấp CSDL").set_defaults(func=cmd_db_upgrade)

    unit = sub.add_parser("unit", help="đơn vị").add_subparsers(dest="unit_cmd", required=True)
    add = unit.add_parser("add", help="thêm đơn vị, in ra mã")
    add.add_argument("name")
    add.add_argument("--parent", help="mã đơn vị cấp trên")
    add.add_argument("--code", help="mã tự chọn (mặc định: chữ cái đầu của tên)")
    add.set_defaults(func=cmd_unit_add)
    unit.add_parser("list", help="danh sách đơn vị").set_defaults(func=cmd_unit_list)

    inv = sub.add_parser("invite", help="mã mời").add_subparsers(dest="invite_cmd", required=True)
    create = inv.add_parser("create", help="tạo mã mời; dòng cuối là mã")
    create.add_argument("--unit", required=True, help="mã đơn vị")
    create.add_argument("--role", default="officer", choices=[r.value for r in Role])
    create.add_argument("--uses", type=int, default=1, help="số lần dùng (mặc định 1)")
    create.add_argument("--days", type=int, default=7, help="số ngày hiệu lực (mặc định 7)")
    create.set_defaults(func=cmd_invite_create)

    bc = sub.add_parser("broadcast", help="bản tin").add_subparsers(dest="bc_cmd", required=True)
    send = bc.add_parser("send", help="gửi bản tin tới cán bộ đang nhận tin")
    send.add_argument("--text", required=True, help="nội dung bản tin")
    send.add_argument("--unit", action="append", default=[], help="mã đơn vị (có thể lặp lại)")
    send.add_argument("--no-subunits", action="store_true", help="không gửi cho đơn vị trực thuộc")
    send.add_argument("--role", choices=[r.value for r in Role], help="chỉ gửi cho vai trò này")
    send.add_argument("--yes", action="store_true", help="xác nhận gửi (không có: chỉ xem trước)")
    send.set_defaults(func=cmd_broadcast_send)
    status = bc.add_parser("status", help="tình trạng một bản tin")
    status.add_argument("id", type=int)
    status.set_defaults(func=cmd_broadcast_status)

    camp = sub.add_parser("campaign", help="chiến dịch").add_subparsers(dest="camp_cmd",
                                                                          required=True)
    check = camp.add_parser("check", help="kiểm tra tệp chiến dịch, không nạp")
    check.add_argument("files", nargs="+", type=Path)
    check.set_defaults(func=cmd_campaign_check)
    load = camp.add_parser("load", help="nạp (hoặc cập nhật) chiến dịch vào CSDL")
    load.add_argument("files", nargs="+", type=Path)
    load.set_defaults(func=cmd_campaign_load)

    pr = sub.add_parser("prompts", help="nhắc việc hằng ngày").add_subparsers(dest="pr_cmd",
                                                                                 required=True)
    preview = pr.add_parser("preview", help="in ra đúng những gì từng cán bộ nhận trong ngày")
    preview.add_argument("--date", required=True, type=_date_arg, help="ngày, dạng YYYY-MM-DD")
    preview.add_argument("--officer", type=int, help="chỉ một cán bộ (số trong /me, loa …)")
    preview.set_defaults(func=cmd_prompts_preview)
    send_day = pr.add_parser("send", help="gửi ngay nhắc việc của một ngày")
    send_day.add_argument("--date", required=True, type=_date_arg, help="ngày, dạng YYYY-MM-DD")
    send_day.set_defaults(func=cmd_prompts_send)

    rep = sub.add_parser("reports", help="báo cáo hoạt động").add_subparsers(dest="rep_cmd",
                                                                                required=True)
    export = rep.add_parser("export", help="xuất báo cáo ra tệp CSV hoặc Excel")
    export.add_argument("--format", choices=("csv", "xlsx"), default="xlsx")
    export.add_argument("--from", dest="start", type=_date_arg, help="từ ngày (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", type=_date_arg, help="đến ngày (YYYY-MM-DD)")
    export.add_argument("--unit", help="mã đơn vị (gồm cả đơn vị trực thuộc)")
    export.add_argument("--out", type=Path, help="tệp kết quả (mặc định: bao-cao-<ngày>.<đuôi>)")
    export.set_defaults(func=cmd_reports_export)

    adm = sub.add_parser("admin", help="quản trị viên").add_subparsers(dest="admin_cmd",
                                                                          required=True)
    adm_add = adm.add_parser("add", help="cấp quyền quản trị cho một tài khoản Telegram")
    adm_add.add_argument("telegram_user_id")
    adm_add.set_defaults(func=cmd_admin_add)
    return p


async def _with_loa(config: Config, work: Callable[[loa_app.Loa], Awaitable[int]],
                    database_url: str | None = None) -> int:
    loa = await loa_app.build(config, database_url=database_url)
    try:
        return await work(loa)
    finally:
        await loa.close()


async def cmd_db_upgrade(config: Config, args: Any) -> int:
    async def work(_: loa_app.Loa) -> int:
        print("CSDL đã ở phiên bản mới nhất.")
        return 0

    return await _with_loa(config, work)


async def cmd_unit_add(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            unit = await add_unit(session, loa.clock, args.name, args.parent, args.code)
        print(f"Đã thêm đơn vị {unit.name}. Mã:")
        print(unit.code)
        return 0

    return await _with_loa(config, work)


async def cmd_unit_list(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            for unit, depth in await list_units(session):
                print(f"{'  ' * depth}{unit.code}\t{unit.name}")
        return 0

    return await _with_loa(config, work)


async def cmd_invite_create(config: Config, args: Any) -> int:
    if not 1 <= args.uses <= 10_000:
        print("--uses phải là số nguyên từ 1 đến 10000.", file=sys.stderr)
        return EXIT_CONFIG
    if not 1 <= args.days <= 3650:
        print("--days phải là số nguyên từ 1 đến 3650.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await _learn_bot_username(loa)
        async with loa.sessions() as session, session.begin():
            unit = await get_unit(session, args.unit)
            if unit is None:
                print(f"Không có đơn vị mã {args.unit}. Xem các mã: loa unit list", file=sys.stderr)
                return EXIT_CONFIG
            invite = await create_invite(session, loa.clock, unit, Role(args.role), args.uses,
                                         args.days)
            link = await invite_link(session, invite.code)
        expires = invite.expires_at.astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
        print(f"Mã mời cho {unit.name} ({loa.texts('role.' + invite.role)}), "
              f"dùng được {invite.max_uses} lần, hết hạn {expires}.")
        print(f"Đường dẫn: {link or 'https://t.me/<tên_bot>?start=' + invite.code}")
        print(invite.code)
        return 0

    return await _with_loa(config, work)


async def _learn_bot_username(loa: loa_app.Loa) -> None:
    """Ask Telegram for the bot's username once, so invite links can be printed."""
    if not loa.config.telegram.active:
        return
    async with loa.sessions() as session:
        if await session.get(Setting, BOT_USERNAME_KEY) is not None:
            return
    from bot.channels.telegram import fetch_username

    username = await fetch_username(loa.config.telegram)
    if username:
        await loa_app.remember_bot_username(loa.sessions, username)


async def cmd_admin_add(config: Config, args: Any) -> int:
    user_id = args.telegram_user_id.strip()
    if not user_id.isdigit():
        print("TELEGRAM_USER_ID là một dãy số (xem bằng @userinfobot trên Telegram).",
              file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            await make_admin(session, loa.clock, "telegram", user_id)
        print(f"Tài khoản Telegram {user_id} đã là quản trị viên.")
        return 0

    return await _with_loa(config, work)


async def cmd_run(config: Config, args: Any) -> int:
    if not config.telegram.active:
        reason = ("kênh Telegram đang tắt trong config.toml" if config.telegram.token
                  else "chưa đặt TELEGRAM_BOT_TOKEN")
        print(f"Không có kênh nào để chạy ({reason}): mở bản thử trong cửa sổ dòng lệnh.",
              file=sys.stderr)
        return await cmd_demo(config, argparse.Namespace(reset=False, admin=False))
    loa = await loa_app.build(config)
    loa.add_channel(loa_app.telegram_channel(loa))
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
    loa = await loa_app.build(config, database_url=url)
    try:
        await seed_demo(loa, admin=args.admin)
        t = loa.texts
        console = ConsoleChannel(config.demo.user_id, t("console.banner", code=DEMO_INVITE),
                                 t("console.goodbye"), t.template("console.no_file"))
        loa.add_channel(console)
        stop = asyncio.Event()
        runner = asyncio.create_task(loa_app.run(loa, stop))
        await console.finished.wait()
        stop.set()
        await runner
    finally:
        await loa.close()
    return 0


async def seed_demo(loa: loa_app.Loa, admin: bool = False) -> None:
    """A sample unit tree, the invite code DEMO and the shipped campaigns, created once."""
    from bot.campaigns import check_file
    from bot.campaigns import load as load_campaign

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
        if admin:
            await make_admin(session, loa.clock, "console", loa.config.demo.user_id)


async def cmd_broadcast_send(config: Config, args: Any) -> int:
    from bot.broadcasts import describe_audience, recipients, start_sending
    from bot.models import Broadcast, BroadcastState

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
            b = Broadcast(content={"text": text}, audience=audience, created_at=loa.clock.now(),
                          state=BroadcastState.SENDING.value)
            session.add(b)
            await session.flush()
            await start_sending(session, loa.clock, b)
            broadcast_id = b.id
        counts = await _on_telegram(loa, lambda: _send_until_done(loa, broadcast_id))
        print(f"Xong bản tin #{broadcast_id}: đã gửi {counts['sent']}, lỗi {counts['failed']}, "
              f"chặn bot {counts['blocked']}, không rõ {counts['uncertain']}, tổng {count}.")
        return 0

    return await _with_loa(config, work)


async def _on_telegram(loa: loa_app.Loa,
                       send: Callable[[], Awaitable[dict[str, int]]]) -> dict[str, int]:
    """Run `send` with the Telegram channel open in this process."""
    channel = loa_app.telegram_channel(loa)
    await channel.open()
    loa.add_channel(channel)
    try:
        return await send()
    finally:
        await channel.close()


async def _send_until_done(loa: loa_app.Loa, broadcast_id: int) -> dict[str, int]:
    """Run the outbox in this process, printing progress, until the broadcast is through."""
    from bot.broadcasts import mark_done
    from bot.models import Broadcast

    async with loa.sessions() as session:
        b = await session.get(Broadcast, broadcast_id)
        assert b is not None and b.job_id is not None
        job_id, total = b.job_id, b.recipients
    counts = await _drain(loa, [job_id], total)
    if counts["pending"] + counts["sending"] == 0:
        await mark_done(loa.sessions, loa.clock, broadcast_id)
    return counts


async def _drain(loa: loa_app.Loa, job_ids: list[int], total: int) -> dict[str, int]:
    """Run the outbox in this process until the jobs' rows are through (or Ctrl-C)."""
    from bot.outbox import job_counts

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(loa.outbox.run(stop))
    try:
        while True:
            counts: dict[str, int] = {}
            async with loa.sessions() as session:
                for job_id in job_ids:
                    for state, n in (await job_counts(session, job_id)).items():
                        counts[state] = counts.get(state, 0) + n
            left = counts["pending"] + counts["sending"]
            print(f"Đã gửi {counts['sent']}/{total} · lỗi {counts['failed']} · "
                  f"chặn bot {counts['blocked']} · còn lại {left}", flush=True)
            if left == 0 or stop.is_set():
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        stop.set()
        await runner
    return counts


async def cmd_broadcast_status(config: Config, args: Any) -> int:
    from bot.models import Broadcast
    from bot.outbox import job_counts

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

    return await _with_loa(config, work)


def _check_campaigns(files: list[Path]) -> list[Any] | None:
    """Every file checked; all problems printed; None when any file has one."""
    from bot.campaigns import CampaignError, check_file

    checked, problems = [], []
    for path in files:
        try:
            checked.append((path, check_file(path)))
        except CampaignError as exc:
            problems.extend(exc.problems)
    for line in problems:
        print(line, file=sys.stderr)
    return None if problems else checked


def _summary(campaign: Any) -> str:
    return (f"{campaign.plan_number} — {campaign.title[:80]}: {len(campaign.phases)} đợt, "
            f"{len(campaign.slogans)} khẩu hiệu, {len(campaign.key_dates)} ngày sự kiện, "
            f"{len(campaign.deadlines)} hạn báo cáo")


async def cmd_campaign_check(config: Config, args: Any) -> int:
    checked = _check_campaigns(args.files)
    if checked is None:
        return EXIT_CONFIG
    for path, campaign in checked:
        print(f"Hợp lệ: {path.name}: {_summary(campaign)}")
    return 0


async def cmd_campaign_load(config: Config, args: Any) -> int:
    from bot.campaigns import load

    checked = _check_campaigns(args.files)
    if checked is None:
        print("Không nạp tệp nào: hãy sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            for path, campaign in checked:
                _, new = await load(session, loa.clock, campaign, path.name)
                print(f"{'Đã nạp' if new else 'Đã cập nhật'}: {path.name}: {_summary(campaign)}")
                # Unit codes live in the database, not in the file: say which are unknown.
                for deadline in campaign.deadlines:
                    for code in deadline.units:
                        if code.lower() != "all" and await get_unit(session, code) is None:
                            print(f"  Lưu ý: hạn «{deadline.what}» nêu mã đơn vị {code} chưa có "
                                  f"(xem: loa unit list); hạn này sẽ không nhắc ai ở đơn vị đó.")
        return 0

    return await _with_loa(config, work)


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày phải có dạng YYYY-MM-DD, ví dụ 2026-11-23 (đang là {value!r})") from None


KIND_TITLES = {"prompt": "Nhắc việc hằng ngày", "reminder": "Nhắc hạn báo cáo",
               "overdue": "Nhắc đơn vị chưa báo cáo", "quota": "Nhắc chỉ tiêu",
               "overdue_list": "Danh sách đơn vị chưa báo cáo (quản trị)"}


def _day_line(loa: loa_app.Loa, day: dt.date) -> str:
    from bot.prompts import weekday
    from bot.workdays import holiday_name, is_working_day

    kind = ("ngày làm việc" if is_working_day(day)
            else f"ngày nghỉ: {holiday_name(day) or 'cuối tuần'} — Loa không gửi nhắc việc")
    return f"{weekday(loa.texts, day)}, {day:%d/%m/%Y} ({kind})"


async def cmd_prompts_preview(config: Config, args: Any) -> int:
    from bot import prompts
    from bot.events import from_payload
    from bot.workdays import is_working_day

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

    return await _with_loa(config, work)


async def cmd_prompts_send(config: Config, args: Any) -> int:
    from sqlalchemy import select

    from bot import prompts
    from bot.models import Job
    from bot.workdays import is_working_day

    if not is_working_day(args.date):
        print(f"{args.date:%d/%m/%Y} là ngày nghỉ: Loa không gửi nhắc việc ngày này.",
              file=sys.stderr)
        return 1
    if not config.telegram.active:
        print("Cần TELEGRAM_BOT_TOKEN để gửi nhắc việc.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        queued = await prompts.queue_due(loa.sessions, loa.clock, loa.config, loa.texts,
                                         day=args.date, force=True)
        print(f"Đã xếp hàng {queued.total} tin nhắn ({queued.counts['prompt']} nhắc việc); "
              f"{queued.muted} cán bộ đang tắt nhắc.")
        async with loa.sessions() as session:
            job_ids = list((await session.scalars(select(Job.id).where(
                Job.key.in_([f"{kind}:{args.date}" for kind in prompts.KINDS])))).all())
        counts = await _on_telegram(loa, lambda: _drain(loa, job_ids, queued.total))
        print(f"Xong: đã gửi {counts['sent']}, lỗi {counts['failed']}, chặn bot "
              f"{counts['blocked']}, không rõ {counts['uncertain']}.")
        return 0

    return await _with_loa(config, work)


async def cmd_reports_export(config: Config, args: Any) -> int:
    from bot.broadcasts import unit_ids_with_subunits
    from bot.reports import EXPORT_COLUMNS, export_rows

    if args.start and args.end and args.end < args.start:
        print("--to phải từ ngày --from trở đi.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            unit_ids = None
            if args.unit:
                if await get_unit(session, args.unit) is None:
                    print(f"Không có đơn vị mã {args.unit}. Xem các mã: loa unit list",
                          file=sys.stderr)
                    return EXIT_CONFIG
                unit_ids = await unit_ids_with_subunits(session, [args.unit], True)
            rows = await export_rows(session, loa.texts, loa.config.timezone, args.start,
                                     args.end, unit_ids)
        today = loa.clock.now().astimezone(loa.config.timezone).strftime("%Y%m%d")
        out = args.out or Path(f"bao-cao-{today}.{args.format}")
        (_write_xlsx if args.format == "xlsx" else _write_csv)(out, EXPORT_COLUMNS, rows)
        print(f"Đã xuất {len(rows)} báo cáo vào {out}")
        return 0

    return await _with_loa(config, work)


def _write_csv(path: Path, header: Sequence[str], rows: list[list[Any]]) -> None:
    import csv

    # UTF-8 with a BOM: Excel then shows Vietnamese letters correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _write_xlsx(path: Path, header: Sequence[str], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo hoạt động"
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNOP", (8, 28, 22, 12, 30, 50, 10, 30, 16, 24, 30, 14,
                                                   30, 50, 12, 16), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)
