"""The console demo chat, driven through a pseudo-terminal like a person at a keyboard."""

from __future__ import annotations

import io
import os
import re
import sys

import pexpect
import pytest

from tests.conftest import ROOT
from tests.support.hostile_files import png_of

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def demo_env(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                   f'[demo]\ndatabase_url = "sqlite+aiosqlite:///{tmp_path / "demo.sqlite3"}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update({"LOA_CONFIG": str(cfg), "PYTHONUNBUFFERED": "1", "COLUMNS": "200"})
    return env


def spawn(env, *args):
    child = pexpect.spawn(sys.executable, ["-m", "bot", *args], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=30, dimensions=(50, 200))
    return child


def say(child, line, *expected):
    child.sendline(line)
    for text in expected:
        child.expect_exact(text)
    child.expect_exact("› ")


def test_demo_onboarding_with_numbered_choices_and_resume(demo_env, tmp_path):
    child = spawn(demo_env, "demo")
    child.expect_exact("Tham gia đơn vị mẫu: /start DEMO")
    child.expect_exact("› ")
    say(child, "/start DEMO", "Trạm Y tế phường Hòa Bình (mẫu)", "1. Đúng", "2. Không phải",
        "(Trả lời bằng số thứ tự.)")
    say(child, "7", "trả lời bằng số từ 1 đến 2", "1. Đúng")
    say(child, "1", "họ và tên đầy đủ")
    say(child, "Lan", "ít nhất hai chữ", "họ và tên đầy đủ")
    say(child, "Nguyễn Thị Lan", "Chức vụ")
    child.sendline(":q")
    child.expect_exact("Tạm biệt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    # Started again: the form continues where it was left.
    child = spawn(demo_env, "demo")
    child.expect_exact("› ")
    say(child, "/start", "Cảm ơn Nguyễn Thị Lan. Chức vụ")
    say(child, "Điều dưỡng", "Chào mừng Nguyễn Thị Lan")
    say(child, "/me", "Đơn vị: Trạm Y tế phường Hòa Bình (mẫu)", "Kênh đã liên kết: Cửa sổ thử nghiệm")
    say(child, "/donvi", "chỉ dành cho quản trị viên")
    say(child, ":anh /khong/co/anh.jpg", "Không tìm thấy tệp ảnh")
    photo = tmp_path / "bang-ron.jpg"
    photo.write_bytes(bytes.fromhex("ffd8ffe000104a464946") + b"\x01" * 500 + bytes.fromhex("ffd9"))
    say(child, f":anh {photo} Treo băng rôn ở cổng trạm", "Đây là hoạt động gì?",
        "2. Pano, áp phích, băng rôn, khẩu hiệu")
    child.sendline("2")
    # The shipped plans that run today: with two or more, the report asks which one (one tap).
    if child.expect_exact(["Hoạt động này thuộc kế hoạch nào?", "Đã lưu báo cáo #1"]) == 0:
        child.sendline("1")
        child.expect_exact("Đã lưu báo cáo #1")
    child.expect_exact(": Pano, áp phích, băng rôn, khẩu hiệu — Treo băng rôn ở cổng trạm (1 ảnh")
    child.expect_exact("1. Sửa")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_run_without_token_starts_the_demo(demo_env, tmp_path):
    demo_env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'main.sqlite3'}"
    child = spawn(demo_env, "run")
    child.expect_exact("chưa đặt TELEGRAM_BOT_TOKEN")
    child.expect_exact("Tham gia đơn vị mẫu: /start DEMO")
    child.expect_exact("› ")
    say(child, "/help", "/me (/toi) — thông tin của anh/chị")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_demo_as_admin(demo_env):
    child = spawn(demo_env, "demo", "--reset", "--admin")
    child.expect_exact("› ")
    say(child, "/donvi", "Sở Y tế (mẫu) — SYTMAU", "Trạm Y tế phường Hòa Bình (mẫu) — TYTMAU")
    say(child, "/moi TYTMAU daumoi", "Mã mời cho Trạm Y tế phường Hòa Bình (mẫu) (Đầu mối báo cáo)")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    # --admin was for that run only: the next one starts as an ordinary newcomer again.
    child = spawn(demo_env, "demo")
    child.expect_exact("› ")
    say(child, "/donvi", "chỉ dành cho quản trị viên")
    child.sendline(":q")
    child.expect(pexpect.EOF)


LOG_LINE = re.compile(r"\b(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b|Traceback")


def test_demo_as_two_people_officer_reports_approver_approves_and_reviews(demo_env, tmp_path):
    """An officer reports (a text file named .jpg and a pixel bomb are refused first), the admin writes a
    broadcast, the approver approves it and reviews the report; no log line in the chat."""
    transcript = io.StringIO()
    child = spawn(demo_env, "demo", "--reset")
    child.logfile_read = transcript
    child.expect_exact("› ")
    say(child, ":ai", "Minh — Trần Văn Minh, Đầu mối báo cáo", "Hùng — Lê Văn Hùng, Người duyệt nội dung")
    say(child, "/start DEMO", "1. Đúng")
    say(child, "1", "họ và tên đầy đủ")
    say(child, "Nguyễn Văn An", "Chức vụ")
    say(child, "Y sĩ", "Chào mừng Nguyễn Văn An")
    fake = tmp_path / "fake.jpg"
    fake.write_text("không phải ảnh")
    say(child, f":anh {fake} Treo băng rôn", "Tệp này không phải ảnh")
    giant = tmp_path / "khong-lo.png"
    giant.write_bytes(png_of(13_300, 13_300))  # ~540 KB, 177 Mpx: refused from its header
    say(child, f":anh {giant} Treo băng rôn", "Ảnh có quá nhiều điểm ảnh (tối đa 40 triệu")
    photo = tmp_path / "bang-ron.jpg"
    photo.write_bytes(bytes.fromhex("ffd8ffe000104a464946") + b"\x01" * 500 + bytes.fromhex("ffd9"))
    say(child, f":anh {photo} Treo băng rôn ở cổng trạm", "Đây là hoạt động gì?")
    child.sendline("2")
    # The shipped plans that run today: with two or more, the report asks which one (one tap).
    if child.expect_exact(["Hoạt động này thuộc kế hoạch nào?", "Đã lưu báo cáo #1"]) == 0:
        child.sendline("1")
        child.expect_exact("Đã lưu báo cáo #1")

    say(child, ":la Hà", "với tư cách Hà: Phạm Thu Hà, Quản trị viên")
    say(child, "/phatthanh", "Hãy gửi nội dung")
    say(child, "Họp giao ban tuyên truyền lúc 14:00", "Gửi tới ai?")
    say(child, "1", "Gửi cho vai trò nào?")
    say(child, "1", "Chuyển cho người duyệt?", "1. Gửi")
    say(child, "1", "đã được chuyển cho người duyệt")
    child.expect_exact("tin mới cho Hùng")

    child.sendline(":la Hùng")
    child.expect_exact("với tư cách Hùng")
    child.expect_exact("Duyệt để gửi?")
    child.expect_exact("› ")
    say(child, "1", "Đã duyệt bản tin #1")
    say(child, "/xetduyet", "Báo cáo #1", "Nguyễn Văn An", "1. Đạt")
    say(child, "1", "Không còn báo cáo nào chờ xét duyệt")

    child.sendline(":la tôi")
    child.expect_exact("Họp giao ban tuyên truyền lúc 14:00")
    child.expect_exact("đã được đánh giá Đạt")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not LOG_LINE.search(transcript.getvalue()), transcript.getvalue()
