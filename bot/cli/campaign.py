"""`loa campaign`: import a plan as a draft, check and load campaign files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, os_problem, with_loa
from bot.core.config import Config
from bot.core.textfit import shorten


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
    from bot.services.campaigns import load_campaign

    checked = _check_campaigns(args.files)
    if checked is None:
        print("Không nạp tệp nào: hãy sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            for path, campaign in checked:
                loaded = await load_campaign(operator_scope(loa, session), campaign, path.name)
                print(f"{'Đã nạp' if loaded.new else 'Đã cập nhật'}: {path.name}: "
                      f"{_summary(campaign)}")
                for what, code in loaded.unknown_units:
                    print(f"  Lưu ý: hạn «{what}» nêu mã đơn vị {code} chưa có "
                          f"(xem: loa unit list); hạn này sẽ không nhắc ai ở đơn vị đó.")
        return 0

    return await with_loa(config, work)


EXIT_INCOMPLETE = 1  # the draft was written but does not pass `loa campaign check` yet


async def cmd_campaign_import(config: Config, args: Any) -> int:
    from bot.core.texts import Texts
    from bot.domain.planimport import PlanUnreadable
    from bot.domain.planimport.isolated import PlanReader

    # Read as the console reads an upload: in a child process with limits; Ctrl-C ends it.
    reader = PlanReader(Texts.load(config.messages_dir), at_once=1)
    try:
        imported = await reader.read("cli", args.file.name, path=args.file)
    except PlanUnreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    n = imported["counts"]
    counts = (f"{n['phases']} đợt, {n['slogans']} khẩu hiệu (đề xuất), "
              f"{n['key_dates']} ngày sự kiện, {n['deadlines']} hạn báo cáo, "
              f"{n['quotas']} chỉ tiêu")
    if args.out:
        try:
            if args.out.exists():  # an edited draft is never lost to a second import
                backup = args.out.with_name(args.out.name + ".bak")
                args.out.replace(backup)
                print(f"Tệp cũ được giữ lại thành {backup}.", file=sys.stderr)
            args.out.write_text(imported["toml"], encoding="utf-8")
        except OSError as exc:
            print(f"Không ghi được bản nháp vào «{args.out}»: {os_problem(exc)}.", file=sys.stderr)
            return EXIT_CONFIG
        print(f"Đã viết bản nháp {args.out}: {counts}.")
    else:
        sys.stdout.write(imported["toml"])
        print(f"Bản nháp: {counts}.", file=sys.stderr)
    for item in imported["unread"]:
        print(f"  Cần điền/kiểm tra: {item}", file=sys.stderr)
    if imported["problems"]:
        print("Bản nháp chưa qua được «loa campaign check»:", file=sys.stderr)
        for problem in imported["problems"]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INCOMPLETE
    target = args.out or "TỆP.toml"
    print(f"Bản nháp qua được «loa campaign check». Hãy đối chiếu từng mục với kế hoạch "
          f"(mỗi mục ghi dòng nguồn), rồi: loa campaign load {target}", file=sys.stderr)
    return 0
