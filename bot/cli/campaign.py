"""`loa campaign`: check and load campaign files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, with_loa
from bot.core.config import Config
from bot.core.render import shorten
from bot.domain.units import get_unit


def _check_campaigns(files: list[Path]) -> list[Any] | None:
    """Every file checked; all problems printed; None when any file has one."""
    from bot.domain.campaigns import CampaignError, check_file

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
    return (f"{campaign.plan_number} — {shorten(campaign.title, 80)}: {len(campaign.phases)} đợt, "
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
    from bot.domain.campaigns import load

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

    return await with_loa(config, work)
