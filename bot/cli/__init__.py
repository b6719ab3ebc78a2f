"""The `loa` command: run the bot, the demo chat, and the operators' tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.cli.audit import cmd_audit
from bot.cli.broadcast import cmd_broadcast_send, cmd_broadcast_status
from bot.cli.campaign import cmd_campaign_check, cmd_campaign_import, cmd_campaign_load
from bot.cli.common import EXIT_CONFIG, date_arg
from bot.cli.people import (
    cmd_admin_add,
    cmd_invite_create,
    cmd_invite_revoke,
    cmd_unit_add,
    cmd_unit_list,
)
from bot.cli.prompts import cmd_prompts_preview, cmd_prompts_send
from bot.cli.reports import cmd_reports_docx, cmd_reports_export, cmd_reports_photos
from bot.cli.run import cmd_db_upgrade, cmd_demo, cmd_run
from bot.cli.web import cmd_web_login
from bot.core.config import ConfigError, load_config
from bot.core.logs import setup_logging
from bot.core.texts import TextsError
from bot.domain.units import UnitError
from bot.store.models import Role

log = logging.getLogger("loa")


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
                  logging.WARNING if args.cmd in ("demo", "run") and not config.active_channels
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
    revoke = inv.add_parser("revoke", help="thu hồi mã mời (người đã tham gia vẫn giữ nguyên)")
    revoke.add_argument("code", metavar="MÃ_MỜI")
    revoke.set_defaults(func=cmd_invite_revoke)

    bc = sub.add_parser("broadcast", help="bản tin").add_subparsers(dest="bc_cmd", required=True)
    send = bc.add_parser("send", help="gửi bản tin tới cán bộ đang nhận tin")
    send.add_argument("--text", help="nội dung bản tin (có --photo: chú thích ảnh)")
    send.add_argument("--photo", type=Path, help="tệp ảnh (JPEG, PNG…) gửi kèm")
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
    imp = camp.add_parser(
        "import", help="đọc một kế hoạch (.docx, .pdf, .txt, ảnh quét) thành bản nháp chiến dịch",
        description="Đọc kế hoạch thành bản nháp chiến dịch; mỗi mục ghi dòng kế hoạch nó lấy từ "
                    "đó. Mã thoát 0: bản nháp qua được «loa campaign check»; 1: còn thiếu; "
                    "2: không đọc được tệp.")
    imp.add_argument("file", type=Path, metavar="FILE", help="tệp kế hoạch")
    imp.add_argument("--out", type=Path, metavar="DRAFT.toml",
                     help="ghi bản nháp vào tệp này (không có: in ra màn hình)")
    imp.set_defaults(func=cmd_campaign_import)

    pr = sub.add_parser("prompts", help="nhắc việc hằng ngày").add_subparsers(dest="pr_cmd",
                                                                                 required=True)
    preview = pr.add_parser("preview", help="in ra đúng những gì từng cán bộ nhận trong ngày")
    preview.add_argument("--date", required=True, type=date_arg, help="ngày, dạng YYYY-MM-DD")
    preview.add_argument("--officer", type=int, help="chỉ một cán bộ (số trong /me, loa …)")
    preview.set_defaults(func=cmd_prompts_preview)
    send_day = pr.add_parser("send", help="gửi ngay nhắc việc của một ngày")
    send_day.add_argument("--date", required=True, type=date_arg, help="ngày, dạng YYYY-MM-DD")
    send_day.set_defaults(func=cmd_prompts_send)

    rep = sub.add_parser("reports", help="báo cáo hoạt động").add_subparsers(dest="rep_cmd",
                                                                                required=True)
    export = rep.add_parser("export", help="xuất báo cáo ra tệp CSV hoặc Excel (kèm trang tổng hợp)")
    export.add_argument("--format", choices=("csv", "xlsx"), default="xlsx",
                        help="csv hoặc xlsx (mặc định xlsx)")
    _report_filters(export, campaign_required=False)
    export.add_argument("--out", type=Path, help="tệp kết quả (mặc định: bao-cao-<ngày>.<đuôi>)")
    export.set_defaults(func=cmd_reports_export)
    photos = rep.add_parser("photos", help="xuất ảnh báo cáo thành tệp ZIP, mỗi đơn vị một thư mục")
    photos.add_argument("--format", choices=("zip",), default="zip", help="zip")
    _report_filters(photos, campaign_required=False)
    photos.add_argument("--out", type=Path, help="tệp kết quả (mặc định: anh-bao-cao-<ngày>.zip)")
    photos.set_defaults(func=cmd_reports_photos)
    docx = rep.add_parser("docx", help="soạn dự thảo báo cáo kết quả thực hiện kế hoạch (Word)")
    _report_filters(docx, campaign_required=True)
    docx.add_argument("--out", type=Path, help="tệp kết quả (mặc định: bao-cao-<kế hoạch>-<ngày>.docx)")
    docx.set_defaults(func=cmd_reports_docx)

    adm = sub.add_parser("admin", help="quản trị viên").add_subparsers(dest="admin_cmd",
                                                                          required=True)
    adm_add = adm.add_parser(
        "add", help="cấp quyền quản trị cho một tài khoản (mặc định: tài khoản Telegram)")
    adm_add.add_argument("--channel", choices=("telegram", "zalo"), default="telegram",
                         help="kênh của tài khoản (mặc định: telegram)")
    adm_add.add_argument("user_id", metavar="USER_ID",
                         help="mã tài khoản trên kênh đó (Telegram: dãy số, xem bằng @userinfobot)")
    adm_add.set_defaults(func=cmd_admin_add)

    audit = sub.add_parser(
        "audit", help="nhật ký thao tác: ai, làm gì, lúc nào (cũ trước, mới nhất ở cuối)",
        description="Nhật ký thao tác: cũ trước, mới nhất ở cuối; giờ theo timezone trong "
                    "config.toml (Asia/Ho_Chi_Minh).")
    audit.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD",
                       help="chỉ từ ngày này (YYYY-MM-DD, tính từ 0 giờ giờ Việt Nam)")
    audit.set_defaults(func=cmd_audit)

    web = sub.add_parser("web", help="trang quản trị trên trình duyệt").add_subparsers(
        dest="web_cmd", required=True)
    login = web.add_parser("login", help="in đường dẫn đăng nhập một lần (dòng cuối), 10 phút")
    login.add_argument("--channel", choices=("telegram", "zalo"), default="telegram",
                       help="kênh của tài khoản (mặc định: telegram)")
    login.add_argument("user_id", metavar="USER_ID", help="mã tài khoản của quản trị viên trên kênh đó")
    login.set_defaults(func=cmd_web_login)
    return p


def _report_filters(command: argparse.ArgumentParser, campaign_required: bool) -> None:
    command.add_argument("--campaign", required=campaign_required,
                         help="số chiến dịch trong CSDL hoặc số kế hoạch, ví dụ 01/KH-MAU")
    command.add_argument("--from", dest="start", type=date_arg, help="từ ngày (YYYY-MM-DD)")
    command.add_argument("--to", dest="end", type=date_arg, help="đến ngày (YYYY-MM-DD)")
    command.add_argument("--unit", help="mã đơn vị (gồm cả đơn vị trực thuộc)")

