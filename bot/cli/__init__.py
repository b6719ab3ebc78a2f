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
from bot.core.texts import shipped


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

# argparse's own words (Python 3.11–3.13), said in Vietnamese: the text key of each.
_VI = {
    "usage: ": "cli.argparse.usage",
    "options": "cli.argparse.options",
    "positional arguments": "cli.argparse.positional",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "expected one argument": "cli.argparse.one",
    "expected at least one argument": "cli.argparse.at_least_one",
    "expected at most one argument": "cli.argparse.at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "ignored explicit argument %r": "cli.argparse.ignored",
}


def _vi(message: str) -> str:
    key = _VI.get(message)
    if key is None:
        return message
    # A text's last line break is not kept in messages/: the error line's is put back.
    return shipped()(key) + ("\n" if message.endswith("\n") else "")


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
        super().add_usage(usage, actions, groups,
                          shipped()("cli.argparse.usage") if prefix is None else prefix)


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


COMMON_OPTIONS = (
    (("-v", "--verbose"), {"action": "store_true", "help": "cli.help.verbose"}),
    (("--demo",), {"action": "store_true", "help": "cli.help.demo_db"}),
)


def build_parser() -> Parser:
    t = shipped()  # messages/vi.toml alone: help needs no more of Loa than its words
    channels = tuple(specs())  # every registered channel; the first is the default
    roles = t("cli.help.roles")
    p = Parser(prog="loa", description=t("cli.help.loa_about"))
    sub = p.add_subparsers(dest="cmd", title=t("cli.help.commands"), metavar="LỆNH")

    sub.add_parser("run", help=t("cli.help.run"),
                   description=t("cli.help.run_about")).set_defaults(func=cmd_run)
    demo = sub.add_parser("demo", help=t("cli.help.demo"), description=t("cli.help.demo_about"))
    demo.add_argument("--reset", action="store_true", help=t("cli.help.demo_reset"))
    demo.add_argument("--admin", action="store_true", help=t("cli.help.demo_admin"))
    demo.set_defaults(func=cmd_demo)

    sub.add_parser("doctor", help=t("cli.help.doctor"), description=t("cli.help.doctor_about")
                   ).set_defaults(func=doctor_main)

    db = _group(sub, "db", t("cli.help.db"))
    db.add_parser("upgrade", help=t("cli.help.db_upgrade")).set_defaults(func=cmd_db_upgrade)
    db.add_parser("current", help=t("cli.help.db_current")).set_defaults(func=cmd_db_current)
    down = db.add_parser("downgrade", help=t("cli.help.db_downgrade"))
    down.add_argument("revision", metavar="PHIÊN_BẢN", help=t("cli.help.db_downgrade_revision"))
    down.set_defaults(func=cmd_db_downgrade)

    unit = _group(sub, "unit", t("cli.help.unit"))
    add = unit.add_parser("add", help=t("cli.help.unit_add"))
    add.add_argument("name", metavar="TÊN", help=t("cli.help.unit_add_name"))
    add.add_argument("--parent", metavar="MÃ", help=t("cli.help.unit_add_parent"))
    add.add_argument("--code", metavar="MÃ", help=t("cli.help.unit_add_code"))
    add.set_defaults(func=cmd_unit_add)
    unit.add_parser("list", help=t("cli.help.unit_list")).set_defaults(func=cmd_unit_list)

    inv = _group(sub, "invite", t("cli.help.invite"))
    create = inv.add_parser("create", help=t("cli.help.invite_create"))
    create.add_argument("--unit", required=True, metavar="MÃ", help=t("cli.help.unit_code"))
    create.add_argument("--role", default="canbo", type=role_arg, metavar="VAI_TRÒ",
                        help=t("cli.help.invite_create_role", roles=roles))
    create.add_argument("--uses", type=int, default=1, metavar="SỐ",
                        help=t("cli.help.invite_create_uses"))
    create.add_argument("--days", type=int, default=7, metavar="SỐ",
                        help=t("cli.help.invite_create_days"))
    create.set_defaults(func=cmd_invite_create)
    revoke = inv.add_parser("revoke", help=t("cli.help.invite_revoke"))
    revoke.add_argument("code", metavar="MÃ_MỜI", help=t("cli.help.invite_revoke_code"))
    revoke.set_defaults(func=cmd_invite_revoke)

    off = _group(sub, "officers", t("cli.help.officers"))
    imp = off.add_parser("import", help=t("cli.help.officers_import"),
                         description=t("cli.help.officers_import_about"))
    imp.add_argument("file", type=Path, metavar="TỆP.xlsx", help=t("cli.help.officers_import_file"))
    imp.add_argument("--out", type=Path, metavar="TỆP.xlsx", help=t("cli.help.officers_import_out"))
    imp.add_argument("--days", type=int, default=30, metavar="SỐ",
                     help=t("cli.help.officers_import_days"))
    imp.set_defaults(func=cmd_officers_import)
    exp = off.add_parser("export", help=t("cli.help.officers_export"),
                         description=t("cli.help.officers_export_about"))
    exp.add_argument("id", type=int, metavar="MÃ_CÁN_BỘ", help=t("cli.help.officer_id"))
    exp.add_argument("--out", type=Path, metavar="TỆP.zip", help=t("cli.help.officers_export_out"))
    exp.set_defaults(func=cmd_officers_export)
    forget = off.add_parser("forget", help=t("cli.help.officers_forget"),
                            description=t("cli.help.officers_forget_about"))
    forget.add_argument("id", type=int, metavar="MÃ_CÁN_BỘ", help=t("cli.help.officer_id"))
    forget.add_argument("--yes", action="store_true", help=t("cli.help.officers_forget_yes"))
    forget.set_defaults(func=cmd_officers_forget)

    bc = _group(sub, "broadcast", t("cli.help.broadcast"))
    send = bc.add_parser("send", help=t("cli.help.broadcast_send"))
    send.add_argument("--text", metavar="NỘI_DUNG", help=t("cli.help.broadcast_send_text"))
    send.add_argument("--photo", type=Path, metavar="TỆP_ẢNH",
                      help=t("cli.help.broadcast_send_photo"))
    send.add_argument("--unit", action="append", default=[], metavar="MÃ", help=t("cli.help.units"))
    send.add_argument("--no-subunits", action="store_true",
                      help=t("cli.help.broadcast_send_no_subunits"))
    send.add_argument("--role", type=role_arg, metavar="VAI_TRÒ",
                      help=t("cli.help.broadcast_send_role", roles=roles))
    send.add_argument("--at", metavar="NGÀY_GIỜ", help=t("cli.help.broadcast_send_at"))
    send.add_argument("--key-date", metavar="NGÀY_SỰ_KIỆN",
                      help=t("cli.help.broadcast_send_key_date"))
    send.add_argument("--hour", metavar="GIỜ", help=t("cli.help.broadcast_send_hour"))
    send.add_argument("--yearly", action="store_true", help=t("cli.help.broadcast_send_yearly"))
    send.add_argument("--yes", action="store_true", help=t("cli.help.broadcast_send_yes"))
    send.set_defaults(func=cmd_broadcast_send)
    status = bc.add_parser("status", help=t("cli.help.broadcast_status"))
    status.add_argument("id", type=int, metavar="SỐ", help=t("cli.help.broadcast_id"))
    status.set_defaults(func=cmd_broadcast_status)
    listing = bc.add_parser("list", help=t("cli.help.broadcast_list"))
    listing.add_argument("--limit", type=int, default=20, choices=range(1, 201), metavar="SỐ",
                         help=t("cli.help.broadcast_list_limit"))
    listing.set_defaults(func=cmd_broadcast_list)
    change = bc.add_parser("change", help=t("cli.help.broadcast_change"))
    change.add_argument("id", type=int, metavar="SỐ", help=t("cli.help.broadcast_id"))
    change.add_argument("--at", metavar="NGÀY_GIỜ", help=t("cli.help.broadcast_change_at"))
    change.add_argument("--text", metavar="NỘI_DUNG", help=t("cli.help.broadcast_change_text"))
    change.add_argument("--photo", type=Path, metavar="TỆP_ẢNH",
                        help=t("cli.help.broadcast_change_photo"))
    yearly = change.add_mutually_exclusive_group()
    yearly.add_argument("--yearly", action="store_true", default=None,
                        help=t("cli.help.broadcast_change_yearly"))
    yearly.add_argument("--once", action="store_false", dest="yearly",
                        help=t("cli.help.broadcast_change_once"))
    change.set_defaults(func=cmd_broadcast_change)
    cancel = bc.add_parser("cancel", help=t("cli.help.broadcast_cancel"))
    cancel.add_argument("id", type=int, metavar="SỐ", help=t("cli.help.broadcast_id"))
    cancel.set_defaults(func=cmd_broadcast_cancel)

    camp = _group(sub, "campaign", t("cli.help.campaign"))
    check = camp.add_parser("check", help=t("cli.help.campaign_check"))
    check.add_argument("files", nargs="+", type=Path, metavar="TỆP",
                       help=t("cli.help.campaign_files"))
    check.set_defaults(func=cmd_campaign_check)
    load = camp.add_parser("load", help=t("cli.help.campaign_load"))
    load.add_argument("files", nargs="+", type=Path, metavar="TỆP", help=t("cli.help.campaign_files"))
    load.set_defaults(func=cmd_campaign_load)
    imp = camp.add_parser("import", help=t("cli.help.campaign_import"),
                          description=t("cli.help.campaign_import_about"))
    imp.add_argument("file", type=Path, metavar="TỆP", help=t("cli.help.campaign_import_file"))
    imp.add_argument("--out", type=Path, metavar="BẢN_NHÁP.toml",
                     help=t("cli.help.campaign_import_out"))
    imp.set_defaults(func=cmd_campaign_import)

    pr = _group(sub, "prompts", t("cli.help.prompts"))
    preview = pr.add_parser("preview", help=t("cli.help.prompts_preview"))
    preview.add_argument("--date", type=date_arg, metavar="NGÀY",
                         help=t("cli.help.prompts_preview_date"))
    preview.add_argument("--officer", type=int, metavar="SỐ",
                         help=t("cli.help.prompts_preview_officer"))
    preview.set_defaults(func=cmd_prompts_preview)
    send_day = pr.add_parser("send", help=t("cli.help.prompts_send"))
    send_day.add_argument("--date", required=True, type=date_arg, metavar="NGÀY",
                          help=t("cli.help.prompts_send_date"))
    send_day.set_defaults(func=cmd_prompts_send)

    rep = _group(sub, "reports", t("cli.help.reports"))
    export = rep.add_parser("export", help=t("cli.help.reports_export"))
    export.add_argument("--format", choices=("csv", "xlsx"), default="xlsx",
                        help=t("cli.help.reports_export_format"))
    _report_filters(export, campaign_required=False)
    export.add_argument("--out", type=Path, metavar="TỆP", help=t("cli.help.reports_export_out"))
    export.set_defaults(func=cmd_reports_export)
    photos = rep.add_parser("photos", help=t("cli.help.reports_photos"))
    photos.add_argument("--format", choices=("zip",), default="zip",
                        help=t("cli.help.reports_photos_format"))
    _report_filters(photos, campaign_required=False)
    photos.add_argument("--out", type=Path, metavar="TỆP", help=t("cli.help.reports_photos_out"))
    photos.set_defaults(func=cmd_reports_photos)
    docx = rep.add_parser("docx", help=t("cli.help.reports_docx"))
    _report_filters(docx, campaign_required=True)
    docx.add_argument("--out", type=Path, metavar="TỆP", help=t("cli.help.reports_docx_out"))
    docx.set_defaults(func=cmd_reports_docx)

    adm = _group(sub, "admin", t("cli.help.admin"))
    adm_add = adm.add_parser("add", help=t("cli.help.admin_add", channel=channels[0]))
    adm_add.add_argument("--channel", choices=channels, default=channels[0],
                         help=t("cli.help.channel", channel=channels[0]))
    hints = "; ".join(s.user_id_hint for s in specs().values() if s.user_id_hint)
    adm_add.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN",
                         help=t("cli.help.admin_add_user", hints=hints))
    adm_add.add_argument("--name", metavar="HỌ_TÊN", help=t("cli.help.admin_add_name"))
    adm_add.set_defaults(func=cmd_admin_add)
    adm_list = adm.add_parser("list", help=t("cli.help.admin_list"))
    adm_list.set_defaults(func=cmd_admin_list)
    adm_rm = adm.add_parser("remove", help=t("cli.help.admin_remove"))
    adm_rm.add_argument("--channel", choices=channels, default=channels[0],
                        help=t("cli.help.channel", channel=channels[0]))
    adm_rm.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN", help=t("cli.help.user_id"))
    adm_rm.set_defaults(func=cmd_admin_remove)

    audit = sub.add_parser("audit", help=t("cli.help.audit"), description=t("cli.help.audit_about"))
    audit.add_argument("--since", type=date_arg, metavar="NGÀY", help=t("cli.help.audit_since"))
    audit.set_defaults(func=cmd_audit)

    backup = sub.add_parser("backup", help=t("cli.help.backup"),
                            description=t("cli.help.backup_about"))
    where = backup.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="TỆP", help=t("cli.help.backup_out"))
    where.add_argument("--dir", type=Path, metavar="THƯ_MỤC", help=t("cli.help.backup_dir"))
    backup.add_argument("--keep", type=int, metavar="SỐ", help=t("cli.help.backup_keep"))
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help=t("cli.help.restore"),
                             description=t("cli.help.restore_about"))
    restore.add_argument("file", type=Path, metavar="TỆP", help=t("cli.help.restore_file"))
    restore.add_argument("--force", action="store_true", help=t("cli.help.restore_force"))
    restore.set_defaults(func=cmd_restore)

    web = _group(sub, "web", t("cli.help.web"))
    login = web.add_parser("login", help=t("cli.help.web_login"))
    login.add_argument("--channel", choices=channels, default=channels[0],
                       help=t("cli.help.channel", channel=channels[0]))
    login.add_argument("user_id", metavar="MÃ_TÀI_KHOẢN", help=t("cli.help.web_login_user"))
    login.set_defaults(func=cmd_web_login)

    for leaf in leaves(p):
        if leaf.prog.split()[1:2] == ["doctor"]:
            continue  # it reads the config itself and prints only its own lines
        for flags, options in COMMON_OPTIONS:
            if flags[-1] == "--demo" and leaf.prog.split()[1:2] in (["demo"], ["run"]):
                continue  # those two choose their database themselves
            leaf.add_argument(*flags, **{**options, "help": t(options["help"])})
    return p


def _group(sub: Any, name: str, title: str) -> Any:
    """A command group (`loa unit …`) whose own commands are listed under a Vietnamese title."""
    t = shipped()
    parser = sub.add_parser(name, help=title, description=t("cli.help.group_about", title=title))
    return parser.add_subparsers(dest=f"{name}_cmd", required=True, title=t("cli.help.commands"),
                                 metavar="LỆNH")


def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser that runs a command (no sub-commands of its own), depth first."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for a in subs for child in dict.fromkeys(a.choices.values())
            for leaf in leaves(child)]


def _report_filters(command: argparse.ArgumentParser, campaign_required: bool) -> None:
    t = shipped()
    command.add_argument("--campaign", required=campaign_required, metavar="CHIẾN_DỊCH",
                         help=t("cli.help.reports_campaign"))
    command.add_argument("--from", dest="start", type=date_arg, metavar="NGÀY",
                         help=t("cli.help.reports_from"))
    command.add_argument("--to", dest="end", type=date_arg, metavar="NGÀY",
                         help=t("cli.help.reports_to"))
    command.add_argument("--unit", metavar="MÃ", help=t("cli.help.reports_unit"))
