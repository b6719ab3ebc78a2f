"""Campaign files: shipped samples are valid, every problem is named, loading is idempotent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import app as loa_app
from bot.domain.campaigns import CampaignError, check_file, load
from bot.store.models import Campaign, Slogan, SloganState
from tests.conftest import ROOT, make_config
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli

SAMPLES = sorted((ROOT / "messages" / "campaigns").glob("*.toml"))
BAD = """\
plan_number = "02/KH-SAI"
issuer = "Sở Y tế (thử)"
title = "Chiến dịch có lỗi"
start = 2026-03-01
end = 2026-02-01
mau_sac = "đỏ"

[[phases]]
name = "Đợt 1"
start = 2026-03-01
end = 2026-02-15
[[phases.themes]]
title = "Chủ đề"

[[slogans]]
text = "Khẩu hiệu"
state = "da_duyet"

[[quotas]]
activity = "poster"
count = 0
per = "year"
"""


def test_shipped_campaigns_are_valid_and_cover_every_feature():
    assert len(SAMPLES) == 4
    campaigns = {p.name: check_file(p) for p in SAMPLES}
    assert any(ph.end is None for c in campaigns.values() for ph in c.phases)  # open-ended
    sample = campaigns["mau-ba-dot-2026.toml"]
    assert len(sample.phases) == 3 and all(ph.end for ph in sample.phases)
    assert [d.what for d in sample.deadlines][:3] == ["Báo cáo quý I", "Báo cáo quý II",
                                                      "Báo cáo quý III"]
    assert [(q.count, q.per) for q in sample.quotas] == [(1, "month"), (2, "quarter")]
    assert {s.state for s in sample.slogans} == {"approved", "proposed", "retired"}
    assert {k.day for k in campaigns["langson-72-nqtw-2025.toml"].key_dates} == {
        "27/02", "07/04", "26/12"}


def test_sample_texts_have_their_diacritics():
    """The Quảng Ninh plan came through OCR without diacritics; the campaign restores them."""
    for path in SAMPLES:
        campaign = check_file(path)
        texts = [campaign.title, *(p.name for p in campaign.phases),
                 *(t.title for p in campaign.phases for t in p.themes),
                 *(s.text for s in campaign.slogans), *(d.what for d in campaign.deadlines)]
        for text in texts:
            words = re.findall(r"[^\W\d_]{2,}", text)
            if len(words) >= 3:
                assert not all(w.isascii() for w in words), f"{path.name}: {text!r}"


def test_every_problem_is_named(tmp_path: Path):
    bad = tmp_path / "sai.toml"
    bad.write_text(BAD)
    with pytest.raises(CampaignError) as info:
        check_file(bad)
    problems = info.value.problems
    expected = [
        "end: ngày kết thúc (end) trước ngày bắt đầu (start)",
        # Phases counted as the plan counts them (from 1), not from zero.
        "Đợt 1 (phases[0]).end: ngày kết thúc (end) trước ngày bắt đầu (start)",
        "mau_sac: trường không có trong mẫu chiến dịch",
        "Khẩu hiệu 1 (slogans[0]).state: giá trị không hợp lệ «da_duyet»; chọn một trong: proposed, approved",
        "Chỉ tiêu 1 (quotas[0]).count: phải từ 1 trở lên",
        "Chỉ tiêu 1 (quotas[0]).per: giá trị không hợp lệ «year»",
    ]
    for text in expected:
        assert any(text in p for p in problems), (text, problems)
    assert all(p.startswith(f"{bad}: ") for p in problems)

    bad.write_text(BAD.replace("start = 2026-03-01\nend", "start = 2026-02-30\nend"))
    with pytest.raises(CampaignError) as info:
        check_file(bad)
    assert info.value.problems == [
        f"{bad}: dòng 4, cột 9: ngày không tồn tại hoặc không đúng dạng YYYY-MM-DD"]

    bad.write_text('plan_number = "12/KH"\ntitle = "Thiếu dấu ngoặc\n')
    with pytest.raises(CampaignError) as info:
        check_file(bad)
    assert info.value.problems == [
        f"{bad}: dòng 2, cột 25: chuỗi chữ thiếu dấu ngoặc kép đóng ở cuối dòng"]


def test_a_key_date_needs_date_or_day(tmp_path: Path):
    source = (ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml").read_text()
    bad = tmp_path / "k.toml"
    bad.write_text(source.replace('day = "27/02"', 'day = "31/02"').replace(
        'date = 2026-12-15', 'date = 2026-12-15\nday = "15/12"'))
    with pytest.raises(CampaignError) as info:
        check_file(bad)
    problems = info.value.problems
    assert any("Ngày sự kiện 1 (key_dates[0]).day: ngày hằng năm phải có dạng dd/mm" in p
               for p in problems)
    assert any("Ngày sự kiện 3 (key_dates[2]): cần đúng một trong hai" in p for p in problems)


async def test_loading_twice_updates_and_keeps_approvals(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    path = ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"
    try:
        async with loa.sessions() as session, session.begin():
            _, new = await load(session, clock, check_file(path), path.name)
        assert new
        async with loa.sessions() as session, session.begin():
            proposed = await session.scalar(select(Slogan).where(
                Slogan.state == SloganState.PROPOSED))
            proposed.state = SloganState.APPROVED.value  # an approver said yes in chat
        async with loa.sessions() as session, session.begin():
            _, new = await load(session, clock, check_file(path), path.name)
        assert not new
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Campaign)) == 1
            states = dict((await session.execute(select(Slogan.text, Slogan.state))).all())
        assert len(states) == 4
        assert states["Giảm muối, giảm đường - Sống khỏe mỗi ngày!"] == SloganState.APPROVED
        assert states["Khẩu hiệu cũ không dùng nữa"] == SloganState.RETIRED
    finally:
        await loa.close()


def test_cli_loads_nothing_when_any_file_is_wrong(db_url, tmp_path: Path):
    env = _env(db_url, None)
    good = tmp_path / "good.toml"
    shutil.copy(ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml", good)
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    out = loa_cli(env, "campaign", "load", str(good), str(bad))
    assert out.returncode == 2 and "Không nạp tệp nào" in out.stderr
    assert "mau_sac" in out.stderr and "Traceback" not in out.stderr
    out = loa_cli(env, "campaign", "check", *map(str, SAMPLES))
    assert out.returncode == 0 and out.stdout.count("Hợp lệ:") == 4
    out = loa_cli(env, "campaign", "load", *map(str, SAMPLES))
    assert out.returncode == 0 and out.stdout.count("Đã nạp:") == 4, out.stderr
    # The sample's year-end deadline names unit TTYTMAU, which this database does not have.
    assert out.stdout.count("Lưu ý:") == 1
    assert "hạn «Báo cáo tổng kết năm» nêu mã đơn vị TTYTMAU chưa có" in out.stdout
    out = loa_cli(env, "campaign", "load", str(SAMPLES[0]))
    assert out.stdout.startswith("Đã cập nhật:")
