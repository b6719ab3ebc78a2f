"""The `loa` command as an admin who is not a programmer meets it: Vietnamese help and errors,
one clear line when a service cannot be reached, and which database a command uses."""

from __future__ import annotations

import re
import socket

import pytest
from openpyxl import load_workbook

from bot.cli import build_parser, leaves, main
from tests.fake_telegram import TOKEN
from tests.support.cli import cli_home, staff_sheet, stored_invites

# Words argparse (or an undescribed option's name) would show; none may reach an admin.
ENGLISH = {"usage", "options", "optional", "positional", "arguments", "argument", "show", "this",
           "help", "message", "and", "exit", "the", "of", "to", "for", "with", "from", "default",
           "choose", "invalid", "choice", "required", "error", "unit", "parent", "code", "role",
           "uses", "days", "text", "date", "officer", "format", "start", "end", "out", "files",
           "file", "name", "id", "user", "telegram_user_id", "focal", "approver", "verbose",
           "subcommands", "commands", "command", "cmd"}


@pytest.fixture(autouse=True)
def logging_restored():
    """`main` sets up logging for a whole process; put it back for the tests that follow."""
    import logging

    from bot.core import logs

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    factory, secrets = logging.getLogRecordFactory(), set(logs._SECRETS)
    noisy = {name: logging.getLogger(name).level for name in
             ("httpx", "httpcore", "apscheduler", "telegram", "aiosqlite", "asyncio")}
    yield
    for name, noisy_level in noisy.items():
        logging.getLogger(name).setLevel(noisy_level)
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    logging.setLogRecordFactory(factory)
    logs._SECRETS.clear()
    logs._SECRETS.update(secrets)


def _all_parsers(parser):
    import argparse

    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _all_parsers(child)


def test_every_help_page_is_vietnamese_apart_from_option_and_command_names():
    parsers = list(_all_parsers(build_parser()))
    assert len(parsers) > 20
    command_names = {p.prog.split()[-1] for p in parsers}
    for parser in parsers:
        page = parser.format_help()
        bare = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", page)  # option names stay as they are
        words = {w.lower() for w in re.findall(r"[A-Za-z_]+", bare)} - command_names
        assert words & ENGLISH == set(), (parser.prog, words & ENGLISH)
        assert page.startswith("Cách dùng: ")
    for leaf in leaves(build_parser()):
        for action in leaf._actions:  # every option and argument says what it is for
            assert action.help, (leaf.prog, action.dest)


def test_a_wrong_choice_is_told_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["invite", "create", "--unit", "TYTBC", "--role", "sep"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert "lỗi: tham số --role: không có vai trò 'sep'; chọn một trong: canbo, daumoi" in err
    with pytest.raises(SystemExit):
        main(["reports", "export", "--format", "pdf"])
    assert "chọn một trong: 'csv', 'xlsx'" in capsys.readouterr().err


@pytest.fixture
def cli_env(monkeypatch, tmp_path):
    return cli_home(monkeypatch, tmp_path)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_postgresql_is_one_vietnamese_line_and_exit_2(cli_env, monkeypatch, capsys):
    port = _closed_port()
    monkeypatch.setenv("DATABASE_URL", f"postgresql://loa:bimat@127.0.0.1:{port}/loa")
    assert main(["unit", "list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Không kết nối được tới CSDL PostgreSQL loa@127.0.0.1:{port}/loa: máy chủ "
                   "không trả lời; kiểm tra PostgreSQL đang chạy, địa chỉ và cổng trong "
                   "DATABASE_URL (hoặc database_url trong config.toml), tường lửa."]


def test_an_unreachable_telegram_is_one_vietnamese_line_and_exit_2(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{_closed_port()}")
    assert main(["broadcast", "send", "--text", "Tiêm chủng đầy đủ", "--yes"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines()
           if line.strip() and not line.startswith("CSDL: ")]
    assert len(err) == 1 and err[0].startswith("Không kết nối được tới Telegram (127.0.0.1:")
    assert "kiểm tra mạng" in err[0]


def test_a_toml_syntax_error_is_told_in_vietnamese(cli_env, monkeypatch, capsys):
    bad = cli_env / "sai.toml"
    bad.write_text('timezone = "Asia/Ho_Chi_Minh\n')
    monkeypatch.setenv("LOA_CONFIG", str(bad))
    assert main(["unit", "list"]) == 2
    assert ("tệp TOML hợp lệ (dòng 1, cột 29: chuỗi chữ thiếu dấu ngoặc kép đóng ở cuối dòng)"
            in capsys.readouterr().err)


def test_each_command_names_its_database_and_demo_reads_the_demos(cli_env, capsys):
    assert main(["unit", "add", "Sở Y tế Quảng Ninh"]) == 0
    out = capsys.readouterr()
    assert f"CSDL: SQLite {cli_env / 'loa.sqlite3'}" in out.err and "SYTQN" in out.out
    assert "INFO" not in out.err and "alembic" not in out.err  # quiet unless -v
    assert main(["unit", "list", "--demo"]) == 0
    out = capsys.readouterr()
    assert f"CSDL: SQLite {cli_env / 'demo.sqlite3'}" in out.err and "SYTQN" not in out.out


def test_unit_add_refuses_a_duplicate_and_admin_add_says_what_changed(cli_env, capsys):
    assert main(["unit", "add", "Trung tâm Y tế Hạ Long"]) == 0
    assert main(["unit", "add", "Trung tâm Y tế  Hạ Long"]) == 2
    assert "Đã có đơn vị «Trung tâm Y tế Hạ Long» (mã TTYTHL)" in capsys.readouterr().err
    assert main(["admin", "add", "123456"]) == 0
    assert "Đã cấp quyền quản trị viên cho tài khoản Telegram 123456." in capsys.readouterr().out
    assert main(["admin", "add", "123456"]) == 0
    assert "đã là quản trị viên từ trước" in capsys.readouterr().out


def test_officers_import_writes_a_link_and_a_qr_code_for_each_person(cli_env, capsys):
    assert main(["unit", "add", "Trạm Y tế phường Bãi Cháy", "--code", "TYTBC"]) == 0
    sheet = cli_env / "danh-sach.xlsx"
    staff_sheet(sheet, [(1, "TYTBC", "Nguyễn Thị Lan", "Điều dưỡng", "", "0912 345 678"),
                        (2, "TYTBC", "Lan", "Y sĩ", "đầu mối", None),
                        (3, "TYTXX", "Trần Văn Bình", "Y sĩ", "sep", None)])
    capsys.readouterr()
    assert main(["officers", "import", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "danh-sach.xlsx: dòng 3: họ và tên «Lan»" in err and "ít nhất hai chữ" in err
    assert "dòng 4: vai trò «sep» không có" in err and "Chưa tạo mã mời nào" in err

    staff_sheet(sheet, [(1, "TYTBC", "Nguyễn Thị Lan", "Điều dưỡng", "", "0912 345 678"),
                        (2, "tytbc", "Phạm Văn Minh", "Y sĩ", "Đầu mối báo cáo", None)])
    assert main(["officers", "import", str(sheet)]) == 0
    assert "Đã tạo 2 mã mời" in capsys.readouterr().out
    copy = load_workbook(cli_env / "danh-sach-moi.xlsx").active
    header = [c.value for c in copy[1]]
    assert header[-3:] == ["Mã mời", "Cách tham gia", "Mã QR"]
    codes = [copy.cell(row=r, column=7).value for r in (2, 3)]
    assert all(code and len(code) == 10 for code in codes)
    assert copy.cell(row=2, column=8).value == f"Mở bot Loa và gửi: /start {codes[0]}"
    assert len(copy._images) == 2  # one QR code per person
    assert {code: (i.role, i.max_uses) for code, i in stored_invites(cli_env).items()} == {
        codes[0]: ("officer", 1), codes[1]: ("focal", 1)}
