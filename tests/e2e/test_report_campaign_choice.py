"""A report is filed under the plan the officer says, when two plans run on its day (one tap),
and asks nothing when there is only one."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.campaigns import check_file, load
from bot.store.models import Campaign
from tests.conftest import ROOT, running_loa
from tests.e2e.test_reports_e2e import jpeg, labels, officer, report_config, reports
from tests.support.texts import T, head

LANGSON = "Tuyên truyền triển khai thực hiện Nghị quyết số…"
MAU = "Truyền thông phòng, chống bệnh không lây nhiễm…"


async def second_plan(loa) -> dict[str, int]:
    """Lạng Sơn's plan runs on 23/11/2026 too; returns plan number → id."""
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "langson-72-nqtw-2025.toml"), "test")
        return {c.plan_number: c.id for c in await session.scalars(select(Campaign))}


async def test_quick_report_asks_which_plan_when_two_run_today(db_url, fake_server, tg, clock,
                                                               tmp_path):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await second_plan(loa)
        user = await officer(loa, tg)
        plans = await second_plan(loa)
        await user.receive_one()  # the day's prompt
        await user.send_photo(jpeg(1), caption="Phát thanh về Nghị quyết 72 trên loa xã")
        await user.press_label(await user.receive_one(), "Loa truyền thanh")
        _, question = await user.receive(2)
        assert question["text"] == T("report.ask_campaign", day="23/11/2026")
        assert labels(question) == [LANGSON, MAU]  # by start date
        await user.press_label(question, LANGSON)
        _, saved = await user.receive(2)
        assert saved["text"].startswith(head("report.saved") + "1: Loa truyền thanh")
        (report,) = await reports(loa)
    assert report.campaign_id == plans["Kế hoạch tuyên truyền Nghị quyết 72-NQ/TW"]
    assert report.phase == "Tuyên truyền thường xuyên đến hết năm 2030"


async def test_guided_report_asks_the_plan_after_the_day_and_shows_it(db_url, fake_server, tg,
                                                                      clock, tmp_path):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await second_plan(loa)
        user = await officer(loa, tg)
        plans = await second_plan(loa)
        await user.receive_one()
        await user.send("/baocao")
        await user.press_label(await user.receive_one(), "Hội nghị, hội thảo, nói chuyện chuyên đề")
        await user.receive(2)
        await user.send("Nói chuyện chuyên đề tăng huyết áp")
        await user.press_label(await user.receive_one(), "Hôm nay")
        _, question = await user.receive(2)
        assert labels(question) == [LANGSON, MAU]
        await user.send("2")  # typed, as on a channel without buttons: the second plan
        asked = await user.receive_one()  # typed: no buttons to take away
        assert asked["text"].startswith(T("report.ask_participants"))
        await user.press_label(asked, "Bỏ qua")
        await user.press_label((await user.receive(2))[1], "Bỏ qua")
        await user.press_label((await user.receive(2))[1], "Xong")
        _, summary = await user.receive(2)
        assert f"• Kế hoạch: {MAU}" in summary["text"]
        await user.press_label(summary, "Gửi")
        await user.receive(2)
        (report,) = await reports(loa)
    assert report.campaign_id == plans["01/KH-MAU"]
