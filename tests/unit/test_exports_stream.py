"""The export writers at national size, without a database (issue #23): the photo archive into
a stream that cannot seek, with more entries than a plain ZIP holds, its central directory kept
on disk; the spreadsheet written from a one-pass stream, every link a real hyperlink."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from types import SimpleNamespace

from openpyxl import load_workbook

from bot.core.texts import Texts
from bot.domain import exports
from bot.domain.stats import tally

ROOT = Path(__file__).resolve().parents[2]
TEXTS = Texts.load(ROOT / "messages")
TZ = dt.timezone(dt.timedelta(hours=7))


class Unseekable(io.RawIOBase):
    """What an HTTP response is to zipfile: write only, no tell, no seek."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def rows(n: int, stored: str, photos: int = 1) -> object:
    """`n` reports (a generator: read once, as from the database), each with `photos` photos."""
    for i in range(1, n + 1):
        report = SimpleNamespace(
            id=i, day=dt.date(2026, 11, 1) + dt.timedelta(days=i % 20), activity="poster",
            description="=1+1" if i == 2 else f"Số {i}", participants=i % 7 or None,
            link="https://example.org/a?b=1&c=2" if i % 2 else None, phase=None, theme=None,
            state="submitted", review_comment=None,
            created_at=dt.datetime(2026, 11, 23, 1, tzinfo=dt.UTC))
        files = tuple(exports.PhotoFile(SimpleNamespace(path=stored, error=None, duplicate_of=None,
                                                        sha256="ab" * 32),
                                        exports.archive_path("TYT01", report, k, stored))
                      for k in range(1, photos + 1))
        yield exports.Row(report, "TYT01", "Trạm Y tế 1", "Cán bộ", "01/KH", files)


def test_archive_of_70000_photos_into_a_stream(tmp_path):
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "x.jpg").write_bytes(b"\xff\xd8jpeg")
    sink = Unseekable()
    with io.BufferedWriter(sink) as out:
        zipped = exports.write_photo_zip(out, rows(70_000, "ab/x.jpg"), tmp_path, TEXTS)
    assert (zipped.photos, zipped.reports) == (70_000, 70_000)
    with zipfile.ZipFile(io.BytesIO(bytes(sink.data))) as archive:
        names = archive.namelist()
        assert len(names) == 70_001 and len(set(names)) == 70_001  # past 65,535: ZIP64
        assert archive.testzip() is None
        assert archive.read(names[-2]) == b"\xff\xd8jpeg"
        index = archive.read(exports.INDEX_NAME).decode("utf-8-sig").splitlines()
    assert len(index) == 70_001 and index[0].startswith("Tệp,Mã báo cáo")


def test_spreadsheet_from_a_stream_keeps_every_link_and_text(tmp_path):
    out = tmp_path / "r.xlsx"
    written = exports.write_xlsx(out, rows(1000, "ab/x.jpg", photos=2), tally([], []), TEXTS, TZ,
                                 ["poster"], photos=2)
    assert written == 1000
    sheet = load_workbook(out)["Báo cáo hoạt động"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:R1001"
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Ảnh 1", "Ảnh 2"] and sheet["A1"].font.b
    last = {h: c for h, c in zip(header, sheet[1001], strict=True)}
    assert last["Mã báo cáo"].value == 1000 and last["Ngày hoạt động"].is_date
    assert last["Ảnh 2"].hyperlink.target == last["Ảnh 2"].value == "anh/TYT01/2026-11-01_poster_1000_2.jpg"
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert first["Liên kết"].hyperlink.target == "https://example.org/a?b=1&c=2"
    formula = {h: c for h, c in zip(header, sheet[3], strict=True)}["Mô tả"]
    assert (formula.value, formula.data_type) == ("=1+1", "s")
    links = sum(1 for row in sheet.iter_rows(min_row=2) for c in row if c.hyperlink)
    assert links == 1000 * 2 + 500


def test_the_error_values_kept_as_text_are_openpyxls():
    from openpyxl.cell.cell import ERROR_CODES

    assert exports._ERROR_CODES == set(ERROR_CODES)
