"""`loa prompts preview` prints what each officer would get; `loa prompts send` sends a day once."""

from __future__ import annotations

from sqlalchemy import select

from bot import app as loa_app
from bot.domain.campaigns import check_file, load
from bot.store.models import Role, Unit, UnitGroup
from tests.conftest import ROOT, make_config
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli
from tests.support.helpers import make_officers, seed_units


async def seeded(db_url, clock, tg) -> list[int]:
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        await seed_units(loa)
        async with loa.sessions() as session, session.begin():
            await load(session, clock, check_file(
                ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
        chats = await make_officers(loa, tg, 2)
        chats += await make_officers(loa, tg, 1, first_id=710_000, role=Role.FOCAL)
    finally:
        await loa.close()
    return chats


async def test_preview_prints_each_officers_messages(db_url, clock, tg):
    await seeded(db_url, clock, tg)
    env = _env(db_url, None)
    out = loa_cli(env, "prompts", "preview", "--date", "2026-03-03")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Thứ Ba, 03/03/2026 (ngày làm việc)")
    assert out.stdout.count("=== Cán bộ #") == 3
    assert out.stdout.count("[Nhắc việc hằng ngày]") == 3
    assert out.stdout.count("[Nhắc hạn báo cáo]") == 1  # the focal point: 10/03 is 7 days off
    assert "[📷 Báo cáo hoạt động] [✅ Đã thực hiện] [⏰ Nhắc lại sau]" not in out.stdout
    assert "  [📷 Báo cáo hoạt động]\n  [✅ Đã thực hiện]\n  [⏰ Nhắc lại sau]" in out.stdout

    one = loa_cli(env, "prompts", "preview", "--date", "2026-03-03", "--officer", "3")
    assert one.stdout.count("=== Cán bộ #3") == 1 and "#1" not in one.stdout

    tet = loa_cli(env, "prompts", "preview", "--date", "2026-02-17")
    assert "ngày nghỉ: Tết Nguyên Đán — Loa không gửi nhắc việc" in tet.stdout
    assert "[Nhắc việc hằng ngày]" not in tet.stdout

    bad = loa_cli(env, "prompts", "preview", "--date", "2026-02-30")
    assert bad.returncode == 2 and "ngày phải có dạng dd/mm/yyyy hoặc YYYY-MM-DD" in bad.stderr


async def test_preview_prints_each_linked_groups_morning_message(db_url, clock, tg):
    await seeded(db_url, clock, tg)
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        async with loa.sessions() as session, session.begin():
            unit = await session.scalar(select(Unit).where(Unit.code == "TYTBC"))
            session.add_all([
                UnitGroup(channel="telegram", chat_id="-100501", title="Trạm Y tế Bãi Cháy",
                          unit_id=unit.id, linked_at=clock.now()),
                UnitGroup(channel="telegram", chat_id="-100502", title="Nhóm đã gỡ",
                          unit_id=unit.id, linked_at=clock.now(), unlinked_at=clock.now())])
    finally:
        await loa.close()
    env = _env(db_url, None)
    out = loa_cli(env, "prompts", "preview", "--date", "2026-03-03")
    assert out.returncode == 0, out.stderr
    shown = out.stdout.split("=== Nhóm chat «Trạm Y tế Bãi Cháy» (Telegram) · TYTBC · 07:30 ===\n")
    assert len(shown) == 2, out.stdout  # once, after the officers; the unlinked group not at all
    assert "Nhóm đã gỡ" not in out.stdout and "=== Cán bộ #" not in shown[1]
    group_text = shown[1]
    assert group_text.startswith("☀️ Chủ đề truyền thông hôm nay — Thứ Ba, 03/03/2026")
    assert "trả lời tin này bằng ảnh" in group_text  # Telegram shows Loa the replies
    assert "[📷 Báo cáo hoạt động]" not in group_text  # no buttons in a group

    one = loa_cli(env, "prompts", "preview", "--date", "2026-03-03", "--officer", "3")
    assert "Nhóm chat" not in one.stdout  # one officer asked for: no group


async def test_send_sends_the_day_once(db_url, clock, tg, fake_server):
    chats = await seeded(db_url, clock, tg)
    env = _env(db_url, fake_server.url)
    out = loa_cli(env, "prompts", "send", "--date", "2026-03-03")
    assert out.returncode == 0, out.stderr
    assert "Xong: đã gửi 4" in out.stdout  # three prompts and one reminder
    counts = await tg.call("counts")
    assert counts == {str(chats[0]): 1, str(chats[1]): 1, str(chats[2]): 2}
    again = loa_cli(env, "prompts", "send", "--date", "2026-03-03")
    assert again.returncode == 0 and "Đã xếp hàng 0 tin nhắn" in again.stdout
    assert await tg.call("counts") == counts

    holiday = loa_cli(env, "prompts", "send", "--date", "2026-09-02")
    assert holiday.returncode == 1 and "là ngày nghỉ" in holiday.stderr
