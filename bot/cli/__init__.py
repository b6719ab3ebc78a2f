"""The `loa` command: run the bot, the demo chat, and the operators' tools — in Vietnamese."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bot.channels import ChannelUnavailable, specs
from bot.cli.common import EXIT_CONFIG, channel_problem, date_arg, role_arg
from bot.core.config import Config, ConfigError, read_config
from bot.core.logs import setup_logging
from bot.core.private import keep_private


def _later(module: str, name: str) -> Callable[..., Any]:
    """A command's function, imported when it runs: `loa broadcast status`, run again and again
    while a broadcast sends, need not import every handler, page and SDK first."""
    def run(*args: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args)

    run.__name__ = run.__qualname__ = name
    return run


cmd_audit = _later("bot.cli.audit", "cmd_audit")
cmd_backup = _later("bot.cli.backup", "cmd_backup")
cmd_restore = _later("bot.cli.backup", "cmd_restore")
cmd_broadcast_cancel = _later("bot.cli.broadcast", "cmd_broadcast_cancel")
cmd_broadcast_change = _later("bot.cli.broadcast", "cmd_broadcast_change")
cmd_broadcast_list = _later("bot.cli.broadcast", "cmd_broadcast_list")
cmd_broadcast_send = _later("bot.cli.broadcast", "cmd_broadcast_send")
cmd_broadcast_status = _later("bot.cli.broadcast_status", "cmd_broadcast_status")
cmd_campaign_check = _later("bot.cli.campaign", "cmd_campaign_check")
cmd_campaign_import = _later("bot.cli.campaign", "cmd_campaign_import")
cmd_campaign_load = _later("bot.cli.campaign", "cmd_campaign_load")
doctor_main = _later("bot.cli.doctor", "main")
cmd_officers_import = _later("bot.cli.officers", "cmd_officers_import")
cmd_admin_add = _later("bot.cli.people", "cmd_admin_add")
cmd_admin_list = _later("bot.cli.people", "cmd_admin_list")
cmd_admin_remove = _later("bot.cli.people", "cmd_admin_remove")
cmd_invite_create = _later("bot.cli.people", "cmd_invite_create")
cmd_invite_revoke = _later("bot.cli.people", "cmd_invite_revoke")
cmd_officers_export = _later("bot.cli.privacy", "cmd_officers_export")
cmd_officers_forget = _later("bot.cli.privacy", "cmd_officers_forget")
cmd_prompts_preview = _later("bot.cli.prompts", "cmd_prompts_preview")
cmd_prompts_send = _later("bot.cli.prompts", "cmd_prompts_send")
cmd_reports_docx = _later("bot.cli.reports", "cmd_reports_docx")
cmd_reports_export = _later("bot.cli.reports", "cmd_reports_export")
cmd_reports_photos = _later("bot.cli.reports", "cmd_reports_photos")
cmd_db_current = _later("bot.cli.run", "cmd_db_current")
cmd_db_downgrade = _later("bot.cli.run", "cmd_db_downgrade")
cmd_db_upgrade = _later("bot.cli.run", "cmd_db_upgrade")
cmd_demo = _later("bot.cli.run", "cmd_demo")
cmd_run = _later("bot.cli.run", "cmd_run")
cmd_unit_add = _later("bot.cli.units", "cmd_unit_add")
cmd_unit_list = _later("bot.cli.units", "cmd_unit_list")
cmd_web_login = _later("bot.cli.web", "cmd_web_login")


def load_config() -> Config:
    """The config file and the environment, with every registered channel's section (as
    bot.app.load_config, without importing the app)."""
    return read_config(specs())


def _told(exc: Exception) -> bool:
    """A failure the operator is told in one line (imported only when something failed)."""
    from bot.core.texts import TextsError
    from bot.domain.units import UnitError
    from bot.store.db import DatabaseUnreachable
    from bot.store.migrate import SchemaTooNew

    return isinstance(exc, TextsError | UnitError | DatabaseUnreachable | SchemaTooNew)


log = logging.getLogger("loa")

# argparse's own words (Python 3.11–3.13), said in Vietnamese.
_VI = {
    "usage: ": "Cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "giá trị %(value)r không có; chọn một trong: %(choices)s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
}


def _vi(message: str) -> str:
    return _VI.get(message, message)


def _vi_n(singular: str, plural: str, n: int) -> str:
    return _vi(singular if n == 1 else plural)


@contextlib.contextmanager
def _vietnamese() -> Iterator[None]:
    """argparse looks its words up through gettext at call time: answer in Vietnamese."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _vi, _vi_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class VietnameseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out as argparse does, with its words in Vietnamese."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Vietnamese: help, usage and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        with _vietnamese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _vietnamese():
            return super().parse_known_args(*args, **kwargs)

    def format_help(self) -> str:
        with _vietnamese():
            return super().format_help()

    def format_usage(self) -> str:
        with _vietnamese():
            return super().format_usage()

    def error(self, message: str) -> Any:
        with _vietnamese():
            super().error(message)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_CONFIG
    keep_private()  # whatever the command writes (exports, backups, QR codes) is the operator's only
    if args.cmd == "doctor":  # reads the config itself: a bad one is its first ✗ line
        return args.func()
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    if getattr(args, "demo", False):  # the demo chat's own database, for its data
        config = dataclasses.replace(config, database_url=config.demo.database_url)
    demo_chat = args.cmd == "demo" or (args.cmd == "run" and not config.active_channels)
    level = logging.INFO if getattr(args, "verbose", False) else logging.WARNING
    # The demo chat's log goes to a file beside its database: nothing is printed into the chat.
    setup_logging(config.timezone, config.secrets, level,
                  path=_demo_log(config.demo.database_url) if demo_chat else None,
                  quiet=tuple(name for spec in specs().values() for name in spec.loggers),
                  json_lines=config.log_format == "json")
    try:
        return asyncio.run(args.func(config, args))
    except BrokenPipeError:
        # `loa … | head` closed the pipe: what was wanted was printed; no traceback. Python
        # flushes stdout again at exit, so it is pointed at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ChannelUnavailable as exc:
        print(channel_problem(exc), file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not _told(exc):
            raise
        print(exc, file=sys.stderr)
        return EXIT_CONFIG


def _demo_log(url: str) -> Path:
    path = url.split(":///", 1)[1] if url.startswith("sqlite") and ":///" in url else "data/x"
    return Path(path).parent / "demo.log"


ROLES_HELP = ("vai trò: canbo (cán bộ), daumoi (đầu mối báo cáo), duyet (người duyệt nội dung), "
              "quantri (quản trị viên)")
COMMON_OPTIONS = (
    (("-v", "--verbose"), {"action": "store_true",
                           "help": "in thêm nhật ký hoạt động (mặc định: chỉ cảnh báo và lỗi)"}),
    (("--demo",), {"action": "store_true",
                   "help": "dùng CSDL của bản thử (loa demo) thay cho CSDL chính"}),
)


def build_parser() -> Parser:
    channels = tuple(specs())  # every registered channel; the first is the default
    p = Parser(prog="loa", description="Loa — kế hoạch truyền thông tới từng cán bộ.\n"
               "Mỗi lệnh in ra CSDL đang dùng; thêm --demo để làm việc với dữ liệu của bản thử.")
    sub = p.add_subparsers(dest="cmd", title="các lệnh", metavar="LỆNH")

    sub.add_parser("run", help="chạy bot (chưa đặt mã bot của kênh nào: chạy bản thử)",
                   description="Chạy bot với các kênh đã cấu hình.").set_defaults(func=cmd_run)
    demo = sub.add_parser("demo", help="bản thử trong cửa sổ dòng lệnh, CSDL SQLite riêng",
                          description="Bản thử: nhắn tin với Loa ngay trong cửa sổ dòng lệnh, "
                          "với vài cán bộ mẫu ở hai đơn vị và một người duyệt.\n"
                          "Trong bản thử, gõ :la TÊN để đổi người đang nhắn, :ai để xem danh "
                          "sách, :q để thoát.")
    demo.add_argument("--reset", action="store_true", help="xóa dữ liệu bản thử và bắt đầu lại")
    demo.add_argument("--admin", action="store_true",
                      help="nhắn tin với quyền quản trị viên (chỉ trong lần chạy này)")
    demo.set_defaults(func=cmd_demo)

    sub.add_parser(
        "doctor", help="kiểm tra cài đặt: cấu hình, CSDL, các kênh, địa chỉ công khai, khóa bí mật…",
        description="Kiểm tra Loa trên máy chủ này, mỗi mục một dòng: ✓ ổn, ✗ có lỗi (kèm "
                    "cách sửa), ⚠ nên xem lại. Mã thoát 0: mọi thứ ổn; 1: có lỗi; 2: không "
                    "chạy được việc kiểm tra (ví dụ không đọc được tệp cấu hình)."
    ).set_defaults(func=doctor_main)

    db = _group(sub, "db", "cơ sở dữ liệu (CSDL)")
    db.add_parser("upgrade", help="áp dụng các bản nâng cấp CSDL").set_defaults(func=cmd_db_upgrade)
    db.add_parser("current", help="phiên bản CSDL hiện tại (dòng cuối), ghi lại trước khi nâng cấp"
                  ).set_defaults(func=cmd_db_current)
    down = db.add_parser("downgrade", help="lùi CSDL về một phiên bản cũ (trước khi quay về bản Loa cũ)")
    down.add_argument("revision", metavar="PHIÊN_BẢN", help="phiên bản in ra bởi loa db current")
    down.set_defaults(func=cmd_db_downgrade)

    unit = _group(sub, "unit", "đơn vị")
    add = unit.add_parser("add", help="thêm đơn vị, in ra mã")
    add.add_argument("name", metavar="TÊN", help="tên đầy đủ của đơn vị, trong ngoặc kép")
    add.add_argument("--parent", metavar="MÃ", help="mã đơn vị cấp trên")
    add.add_argument("--code", metavar="MÃ", help="mã tự chọn (mặc định: chữ cái đầu của tên)")
    add.set_defaults(func=cmd_unit_add)
    unit.add_parser("list", help="danh sách đơn vị").set_defaults(func=cmd_unit_list)

    inv = _group(sub, "invite", "mã mời")
    create = inv.add_parser("create", help="tạo mã mời; dòng cuối là mã")
    create.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    create.add_argument("--role", default="canbo", type=role_arg, metavar="VAI_TRÒ",
                        help=f"{ROLES_HELP}; mặc định canbo")
    create.add_argument("--uses", type=int, default=1, metavar="SỐ",
                        help="số lần dùng (mặc định 1)")
    create.add_argument("--days", type=int, default=7, metavar="SỐ",
                        help="số ngày hiệu lực (mặc định 7)")
    create.set_defaults(func=cmd_invite_create)
    revoke = inv.add_parser("revoke", help="thu hồi mã mời (người đã tham gia vẫn giữ nguyên)")
    revoke.add_argument("code", metavar="MÃ_MỜI", help="mã mời cần thu hồi")
    revoke.set_defaults(func=cmd_invite_revoke)

    off = _group(sub, "officers", "cán bộ")
    imp = off.add_parser("import", help="tạo mã mời cho từng người trong một bảng Excel",
                         description="Đọc bảng Excel (cột: mã đơn vị, họ và tên, chức vụ, vai "
                         "trò, điện thoại), tạo cho mỗi người một mã mời dùng một lần, rồi ghi "
                         "một bản sao của bảng có thêm đường dẫn mời và mã QR của từng người.")
    imp.add_argument("file", type=Path, metavar="TỆP.xlsx", help="bảng danh sách cán bộ")
    imp.add_argument("--out", type=Path, metavar="TỆP.xlsx",
                     help="bản sao có đường dẫn và mã QR (mặc định: TỆP-moi.xlsx)")
    imp.add_argument("--days", type=int, default=30, metavar="SỐ",
                     help="số ngày hiệu lực của mã mời (mặc định 30)")
    imp.set_defaults(func=cmd_officers_import)
    exp = off.add_parser("export", help="xuất mọi dữ liệu Loa lưu về một cán bộ (JSON và ảnh, tệp ZIP)",
                         description="Ghi mọi dữ liệu Loa lưu về một cán bộ vào một tệp ZIP: "
                         "can-bo.json (thông tin, tài khoản, báo cáo, tin đã nhận, nhật ký) và "
                         "ảnh các báo cáo của người đó. Tệp chứa dữ liệu cá nhân (0600).")
    exp.add_argument("id", type=int, metavar="MÃ_CÁN_BỘ", help="mã cán bộ (số trong /me)")
    exp.add_argument("--out", type=Path, metavar="TỆP.zip",
                     help="tệp kết quả (mặc định: can-bo-<mã>-<ngày>.zip)")
    exp.set_defaults(func=cmd_officers_export)
    forget = off.add_parser(
        "forget", help="xoá họ tên, chức vụ và tài khoản của một cán bộ; giữ báo cáo",
        description="Xoá vĩnh viễn thông tin định danh của một cán bộ (họ tên, chức vụ, tài "
                    "khoản trên các ứng dụng nhắn tin); báo cáo vẫn giữ và vẫn được tính, ghi là «Cán bộ "
                    "đã xoá #N». Không có --yes: hỏi xác nhận trước.")
    forget.add_argument("id", type=int, metavar="MÃ_CÁN_BỘ", help="mã cán bộ (số trong /me)")
    forget.add_argument("--yes", action="store_true", help="xác nhận luôn, không hỏi lại")
    forget.set_defaults(func=cmd_officers_forget)

    bc = _group(sub, "broadcast", "bản tin")
    send = bc.add_parser("send", help="gửi bản tin tới cán bộ đang nhận tin")
    send.add_argument("--text", metavar="NỘI_DUNG",
                      help="nội dung bản tin (có --photo: chú thích ảnh)")
    send.add_argument("--photo", type=Path, metavar="TỆP_ẢNH", help="tệp ảnh (JPEG, PNG…) gửi kèm")
    send.add_argument("--unit", action="append", default=[], metavar="MÃ",
                      help="mã đơn vị (có thể lặp lại)")
    send.add_argument("--no-subunits", action="store_true", help="không gửi cho đơn vị trực thuộc")
    send.add_argument("--role", type=role_arg, metavar="VAI_TRÒ",
                      help=f"chỉ gửi cho một vai trò; {ROLES_HELP}")
    send.add_argument("--at", metavar="NGÀY_GIỜ",
                      help='hẹn giờ gửi, giờ Việt Nam: "2027-02-27 07:00" hoặc "27/02/2027 07:00"')
    send.add_argument("--key-date", metavar="NGÀY_SỰ_KIỆN",
                      help="hẹn vào một ngày sự kiện của chiến dịch: ngày (27/02) hoặc một phần "
                           "tên (\"Thầy thuốc\"); dùng cùng --hour")
    send.add_argument("--hour", metavar="GIỜ",
                      help="(với --key-date) giờ gửi, giờ Việt Nam: 07:00 hoặc 7h30")
    send.add_argument("--yearly", action="store_true",
                      help="(với --at hoặc --key-date) lặp lại hằng năm, cùng ngày giờ")
    send.add_argument("--yes", action="store_true", help="xác nhận gửi (không có: chỉ xem trước)")
    send.set_defaults(func=cmd_broadcast_send)
    status = bc.add_parser("status", help="tình trạng một bản tin")
    status.add_argument("id", type=int, metavar="SỐ", help="số của bản tin (#12 → 12)")
    status.set_defaults(func=cmd_broadcast_status)
    listing = bc.add_parser("list", help="các bản tin: hẹn giờ chưa gửi trước, rồi gần đây")
    listing.add_argument("--limit", type=int, default=20, choices=range(1, 201), metavar="SỐ",
                         help="tối đa bao nhiêu bản tin (1–200, mặc định 20)")
    listing.set_defaults(func=cmd_broadcast_list)
    change = bc.add_parser("change", help="đổi giờ gửi hoặc nội dung một bản tin hẹn giờ chưa gửi")
    change.add_argument("id", type=int, metavar="SỐ", help="số của bản tin (#12 → 12)")
    change.add_argument("--at", metavar="NGÀY_GIỜ",
                        help='giờ mới, giờ Việt Nam: "2027-02-27 07:00" hoặc "27/02/2027 07:00"')
    change.add_argument("--text", metavar="NỘI_DUNG",
                        help="nội dung mới (bản tin có ảnh: chú thích mới); cần duyệt lại nếu "
                             "quy tắc hai người bật")
    change.add_argument("--photo", type=Path, metavar="TỆP_ẢNH", help="ảnh mới thay ảnh cũ")
    yearly = change.add_mutually_exclusive_group()
    yearly.add_argument("--yearly", action="store_true", default=None, help="lặp lại hằng năm")
    yearly.add_argument("--once", action="store_false", dest="yearly", help="chỉ gửi một lần")
    change.set_defaults(func=cmd_broadcast_change)
    cancel = bc.add_parser("cancel", help="huỷ một bản tin hẹn giờ chưa gửi")
    cancel.add_argument("id", type=int, metavar="SỐ", help="số của bản tin (#12 → 12)")
    cancel.set_defaults(func=cmd_broadcast_cancel)

    camp = _group(sub, "campaign", "chiến dịch")
    check = camp.add_parser("check", help="kiểm tra tệp chiến dịch, không nạp")
    check.add_argument("files", nargs="+", type=Path, metavar="TỆP", help="tệp chiến dịch .toml")
    check.set_defaults(func=cmd_campaign_check)
    load = camp.add_parser("load", help="nạp (hoặc cập nhật) chiến dịch vào CSDL")
    load.add_argument("files", nargs="+", type=Path, metavar="TỆP", help="tệp chiến dịch .toml")
    load.set_defaults(func=cmd_campaign_load)
    imp = camp.add_parser(
        "import", help="đọc một kế hoạch (.docx, .pdf, .txt, ảnh quét) thành bản nháp chiến dịch",
        description="Đọc kế hoạch thành bản nháp chiến dịch; mỗi mục ghi dòng kế hoạch nó lấy từ "
                    "đó. Mã thoát 0: bản nháp qua được «loa campaign check»; 1: còn thiếu; "
                    "2: không đọc được tệp.")
    imp.add_argument("file", type=Path, metavar="TỆP", help="tệp kế hoạch (.docx, .pdf, .txt, ảnh quét)")
    imp.add_argument("--out", type=Path, metavar="BẢN_NHÁP.toml",
                     help="ghi bản nháp vào tệp này (không có: in ra màn hình)")
    imp.set_defaults(func=cmd_campaign_import)

    pr = _group(sub, "prompts", "nhắc việc hằng ngày")
    preview = pr.add_parser("preview", help="in ra đúng những gì từng cán bộ nhận trong ngày")
    preview.add_argument("--date", type=date_arg, metavar="NGÀY",
                         help="ngày, dạng dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay)")
    preview.add_argument("--officer", type=int, metavar="SỐ",
                         help="chỉ một cán bộ: mã cán bộ trong /me")
    preview.set_defaults(func=cmd_prompts_preview)
    send_day = pr.add_parser("send", help="gửi ngay nhắc việc của một ngày")
    send_day.add_argument("--date", required=True, type=date_arg, metavar="NGÀY",
                          help="ngày, dạng dd/mm/yyyy hoặc YYYY-MM-DD")
    send_day.set_defaults(func=cmd_prompts_send)

    rep = _group(sub, "reports", "báo cáo hoạt động")
    export = rep.add_parser("export", help="xuất báo cáo ra tệp CSV hoặc Excel (kèm trang tổng hợp)")
    export.add_argument("--format", choices=("csv", "xlsx"), default="xlsx",
                        help="dạng tệp: xlsx (Excel, mặc định) hoặc csv")
    _report_filters(export, campaign_required=False)
    export.add_argument("--out", type=Path, metavar="TỆP",
                        help="tệp kết quả (mặc định: bao-cao-<ngày>.<đuôi>)")
    export.set_defaults(func=cmd_reports_export)
    photos = rep.add_parser("photos", help="xuất ảnh báo cáo thành tệp ZIP, mỗi đơn vị một thư mục")
    photos.add_argument("--format", choices=("zip",), default="zip",
                        help="dạng tệp: zip (tệp nén, mặc định)")
    _report_filters(photos, campaign_required=False)
    photos.add_argument("--out", type=Path, metavar="TỆP",
                        help="tệp kết quả (mặc định: anh-bao-cao-<ngày>.zip)")
    photos.set_defaults(func=cmd_reports_photos)
    docx = rep.add_parser("docx", help="soạn dự thảo báo cáo kết quả thực hiện kế hoạch (Word)")
    _report_filters(docx, campaign_required=True)
    docx.add_argument("--out", type=Path, metavar="TỆP",
                      help="tệp kết quả (mặc định: bao-cao-<kế hoạch>-<ngày>.docx)")
    docx.set_defaults(func=cmd_reports_docx)

    adm = _group(sub, "admin", "quản trị viên")
    adm_add = adm.add_parser(
        "add", help=f"cấp quyền quản trị cho một tài khoản (mặc định: kênh {channels[0]})")
    adm_add.add_argument("--channel", choices=channels, default=channels[0],
                         help=f"kênh của tài khoản (mặc định: {channels[0]})")
    adm_add.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN",
                         help="mã tài khoản trên kênh đó (" + "; ".join(
                             s.user_id_hint for s in specs().values() if s.user_id_hint) + ")")
    adm_add.add_argument("--name", metavar="HỌ_TÊN",
                         help="họ và tên người quản trị (không có: Loa hỏi khi họ nhắn lần đầu)")
    adm_add.set_defaults(func=cmd_admin_add)
    adm_list = adm.add_parser("list", help="danh sách quản trị viên và tài khoản của họ")
    adm_list.set_defaults(func=cmd_admin_list)
    adm_rm = adm.add_parser("remove", help="bỏ quyền quản trị của một tài khoản")
    adm_rm.add_argument("--channel", choices=channels, default=channels[0],
                        help=f"kênh của tài khoản (mặc định: {channels[0]})")
    adm_rm.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN", help="mã tài khoản trên kênh đó")
    adm_rm.set_defaults(func=cmd_admin_remove)

    audit = sub.add_parser(
        "audit", help="nhật ký thao tác: ai, làm gì, lúc nào (cũ trước, mới nhất ở cuối)",
        description="Nhật ký thao tác: cũ trước, mới nhất ở cuối; giờ theo timezone trong "
                    "config.toml (Asia/Ho_Chi_Minh).")
    audit.add_argument("--since", type=date_arg, metavar="NGÀY",
                       help="chỉ từ ngày này (dd/mm/yyyy hoặc YYYY-MM-DD, tính từ 0 giờ giờ Việt Nam)")
    audit.set_defaults(func=cmd_audit)

    backup = sub.add_parser(
        "backup", help="sao lưu CSDL, ảnh, mã QR và thiết lập vào một tệp (Loa vẫn chạy)",
        description="Sao lưu mọi dữ liệu vào một tệp tar (xem README): CSDL theo từng bảng, ảnh và "
                    "mã QR trong thư mục lưu trữ, thiết lập gồm cả khoá bí mật. Tệp chỉ chủ "
                    "sở hữu đọc được (0600): đó là dữ liệu cá nhân, hãy cất giữ cẩn thận.")
    where = backup.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="TỆP", help="ghi vào tệp này")
    where.add_argument("--dir", type=Path, metavar="THƯ_MỤC",
                       help="ghi vào thư mục này, tên tệp theo ngày giờ (loa-backup-….tar)")
    backup.add_argument("--keep", type=int, metavar="SỐ",
                        help="cùng --dir: chỉ giữ SỐ bản mới nhất, xoá các bản cũ hơn")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser(
        "restore", help="khôi phục một bản sao lưu vào CSDL và thư mục lưu trữ còn trống",
        description="Khôi phục bản sao lưu (của SQLite hay PostgreSQL) vào CSDL đang cấu hình "
                    "(DATABASE_URL) và thư mục lưu trữ. Dừng Loa trước khi khôi phục.")
    restore.add_argument("file", type=Path, metavar="TỆP", help="tệp sao lưu")
    restore.add_argument("--force", action="store_true",
                         help="xoá sạch CSDL hiện có rồi khôi phục (không có: chỉ khôi phục "
                              "vào nơi còn trống)")
    restore.set_defaults(func=cmd_restore)

    web = _group(sub, "web", "trang quản trị trên trình duyệt")
    login = web.add_parser("login", help="in đường dẫn đăng nhập một lần (dòng cuối), 10 phút")
    login.add_argument("--channel", choices=channels, default=channels[0],
                       help=f"kênh của tài khoản (mặc định: {channels[0]})")
    login.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN", help="mã tài khoản của quản trị viên trên kênh đó")
    login.set_defaults(func=cmd_web_login)

    for leaf in leaves(p):
        if leaf.prog.split()[1:2] == ["doctor"]:
            continue  # it reads the config itself and prints only its own lines
        for flags, options in COMMON_OPTIONS:
            if flags[-1] == "--demo" and leaf.prog.split()[1:2] in (["demo"], ["run"]):
                continue  # those two choose their database themselves
            leaf.add_argument(*flags, **options)
    return p


def _group(sub: Any, name: str, title: str) -> Any:
    """A command group (`loa unit …`) whose own commands are listed under a Vietnamese title."""
    parser = sub.add_parser(name, help=title, description=f"Các lệnh về {title}.")
    return parser.add_subparsers(dest=f"{name}_cmd", required=True, title="các lệnh",
                                 metavar="LỆNH")


def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser that runs a command (no sub-commands of its own), depth first."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for a in subs for child in dict.fromkeys(a.choices.values())
            for leaf in leaves(child)]


def _report_filters(command: argparse.ArgumentParser, campaign_required: bool) -> None:
    command.add_argument("--campaign", required=campaign_required, metavar="CHIẾN_DỊCH",
                         help="số chiến dịch trong CSDL hoặc số kế hoạch, ví dụ 01/KH-MAU")
    command.add_argument("--from", dest="start", type=date_arg, metavar="NGÀY",
                         help="từ ngày (dd/mm/yyyy hoặc YYYY-MM-DD)")
    command.add_argument("--to", dest="end", type=date_arg, metavar="NGÀY",
                         help="đến ngày (dd/mm/yyyy hoặc YYYY-MM-DD)")
    command.add_argument("--unit", metavar="MÃ", help="mã đơn vị (gồm cả đơn vị trực thuộc)")
