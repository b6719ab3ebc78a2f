"""`loa broadcast send` and `loa broadcast status`, as an operator runs them.

With the two-person rule on, the operator's broadcast waits for an approver in chat (see
tests/e2e/test_audit.py); here it is off, so the command sends itself."""

from __future__ import annotations

import base64

import pytest

from bot import app as loa_app
from tests.conftest import ROOT, make_config
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli
from tests.support.helpers import make_officers, seed_units

pytestmark = pytest.mark.timeout(120)


def operator_env(db_url, fake_server, tmp_path) -> dict[str, str]:
    """The command's environment, with the two-person rule off (no approver here)."""
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text()
                      .replace('messages_dir = "messages"', f'messages_dir = "{ROOT / "messages"}"')
                      .replace("two_person_rule = true", "two_person_rule = false"))
    return _env(db_url, fake_server.url, LOA_CONFIG=str(config))


async def test_broadcast_from_the_command_line(db_url, fake_server, tg, tmp_path):
    loa = await loa_app.build(make_config(db_url))  # real time, like the command below
    try:
        await seed_units(loa)
        station = await make_officers(loa, tg, 12, unit_code="TYTBC")
        department = await make_officers(loa, tg, 3, first_id=800_000, unit_code="SYT")
    finally:
        await loa.close()
    env = operator_env(db_url, fake_server, tmp_path)

    preview = loa_cli(env, "broadcast", "send", "--text", "Nhắc lịch tiêm chủng", "--unit", "TTYTHL")
    assert preview.returncode == 0  # a preview is not a failure (issue 26 point 12)
    assert "Người nhận: 12 người." in preview.stdout and "Thêm --yes để gửi" in preview.stdout
    assert await tg.call("counts") == {}

    text = "Nhắc lịch tiêm chủng tuần này tại các trạm y tế"
    out = loa_cli(env, "broadcast", "send", "--text", text, "--unit", "TTYTHL", "--yes")
    assert out.returncode == 0, out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert last == "Xong bản tin #1: đã gửi 12, lỗi 0, chặn bot 0, không rõ 0, tổng 12 người."
    counts = await tg.call("counts")
    assert counts == {str(c): 1 for c in station}
    assert not set(counts) & {str(c) for c in department}

    status = loa_cli(env, "broadcast", "status", "1")
    assert status.returncode == 0
    assert "đã gửi xong" in status.stdout and "đã gửi 12" in status.stdout

    missing = loa_cli(env, "broadcast", "send", "--text", "x", "--unit", "KHONGCO", "--yes")
    assert missing.returncode == 2 and "Không có đơn vị mã KHONGCO" in missing.stderr
    assert loa_cli(env, "broadcast", "status", "99").returncode == 2


async def test_a_photo_broadcast_from_the_command_line(db_url, fake_server, tg, tmp_path):
    from tests.e2e.test_http_media_and_supervision import PNG

    loa = await loa_app.build(make_config(db_url))
    try:
        await seed_units(loa)
        station = await make_officers(loa, tg, 4, unit_code="TYTBC")
    finally:
        await loa.close()
    env = operator_env(db_url, fake_server, tmp_path)
    photo = tmp_path / "bang-ron.png"
    photo.write_bytes(PNG)
    not_photo = tmp_path / "ghi-chu.jpg"
    not_photo.write_text("không phải ảnh")

    refused = loa_cli(env, "broadcast", "send", "--photo", str(not_photo), "--yes")
    assert refused.returncode == 2 and "không phải ảnh" in refused.stderr
    missing = loa_cli(env, "broadcast", "send", "--photo", str(tmp_path / "khong-co.png"), "--yes")
    assert missing.returncode == 2 and "Không đọc được tệp ảnh" in missing.stderr

    out = loa_cli(env, "broadcast", "send", "--photo", str(photo), "--text",
                  "Treo băng rôn Ngày Sức khỏe toàn dân 7/4", "--yes")
    assert out.returncode == 0, out.stderr
    sent = [s for s in await tg.sent() if s["method"] == "sendPhoto"]
    assert sorted(s["chat_id"] for s in sent) == sorted(station)
    assert {s["caption"] for s in sent} == {"Treo băng rôn Ngày Sức khỏe toàn dân 7/4"}
    served = await tg.call("file", file_id=sent[0]["file_id"])
    assert base64.b64decode(served["data"]) == PNG  # Telegram got exactly these bytes
