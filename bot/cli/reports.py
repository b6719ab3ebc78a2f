"""`loa reports`: exports for the official report."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, with_loa
from bot.core.config import Config
from bot.domain.units import get_unit


async def cmd_reports_export(config: Config, args: Any) -> int:
    from bot.domain.broadcasts import unit_ids_with_subunits
    from bot.domain.reports import EXPORT_COLUMNS, export_rows

    if args.start and args.end and args.end < args.start:
        print("--to phải từ ngày --from trở đi.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            unit_ids = None
            if args.unit:
                if await get_unit(session, args.unit) is None:
                    print(f"Không có đơn vị mã {args.unit}. Xem các mã: loa unit list",
                          file=sys.stderr)
                    return EXIT_CONFIG
                unit_ids = await unit_ids_with_subunits(session, [args.unit], True)
            rows = await export_rows(session, loa.texts, loa.config.timezone, args.start,
                                     args.end, unit_ids)
        today = loa.clock.now().astimezone(loa.config.timezone).strftime("%Y%m%d")
        out = args.out or Path(f"bao-cao-{today}.{args.format}")
        (_write_xlsx if args.format == "xlsx" else _write_csv)(out, EXPORT_COLUMNS, rows)
        print(f"Đã xuất {len(rows)} báo cáo vào {out}")
        return 0

    return await with_loa(config, work)


def _write_csv(path: Path, header: Sequence[str], rows: list[list[Any]]) -> None:
    import csv

    # UTF-8 with a BOM: Excel then shows Vietnamese letters correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _write_xlsx(path: Path, header: Sequence[str], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo hoạt động"
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNOP", (8, 28, 22, 12, 30, 50, 10, 30, 16, 24, 30, 14,
                                                   30, 50, 12, 16), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)
