"""Hostile plan files (#19): read in a child process with limits on CPU time, memory and output,
one or two at a time; refused with a Vietnamese message; the child dies with its caller."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.texts import Texts
from bot.domain.planimport import PlanUnreadable
from bot.domain.planimport.files import read_plan
from bot.domain.planimport.isolated import Limits, PlanReader
from tests.conftest import ROOT
from tests.support.hostile_plans import many_styles_docx, million_paragraphs_docx, shared_stream_pdf

pytestmark = pytest.mark.timeout(300)

TEXTS = Texts.load(ROOT / "messages")
PLAN = ROOT / "tests" / "plans" / "bacgiang-thay-thuoc-2023.pdf"


def reader(**limits: float) -> PlanReader:
    return PlanReader(TEXTS, at_once=1, limits=Limits(**limits))  # type: ignore[arg-type]


async def until(check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead; only its parent has not asked yet.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_the_hostile_files_are_small():
    assert len(many_styles_docx()) < 200_000
    assert len(million_paragraphs_docx()) < 200_000
    assert len(shared_stream_pdf()) < 20_000


def test_a_docx_with_20000_styles_reads_in_seconds_with_its_list_marks(tmp_path):
    """python-docx scanned every style for every paragraph: minutes for this file."""
    import docx

    path = tmp_path / "kieu.docx"
    path.write_bytes(many_styles_docx())
    began = time.monotonic()
    text = read_plan(path)
    took = time.monotonic() - began
    assert text.count("của kế hoạch truyền thông") == 3000
    assert took < 30, took  # about 0.3 s; minutes before
    # Paragraphs in list styles still get their mark; others do not.
    document = docx.Document()
    document.add_paragraph("Treo băng rôn", style="List Bullet")
    document.add_paragraph("Họp giao ban")
    document.add_paragraph("Phát tờ rơi", style="List Number 2")
    document.save(tmp_path / "ds.docx")
    # One line a paragraph (issue 26: no blank line between them).
    assert read_plan(tmp_path / "ds.docx").split("\n") == [
        "- Treo băng rôn", "Họp giao ban", "- Phát tờ rơi"]


async def test_a_million_empty_paragraphs_are_refused_quickly(tmp_path):
    path = tmp_path / "trieu-doan.docx"
    path.write_bytes(million_paragraphs_docx())
    began = time.monotonic()
    with pytest.raises(PlanUnreadable, match=r"có hơn 50\.000 đoạn văn và dòng bảng"):
        await reader().read("web", path.name, path=path)
    assert time.monotonic() - began < 60  # about 1.5 s; 14 minutes and 630 MB before


async def test_a_pdf_sharing_one_huge_stream_is_stopped_at_the_cpu_limit(tmp_path):
    path = tmp_path / "luong-chung.pdf"
    path.write_bytes(shared_stream_pdf())
    read = reader(cpu_seconds=2)
    with pytest.raises(PlanUnreadable, match="cần quá nhiều thời gian để đọc"):
        await read.read("web", path.name, path=path)
    assert not read.children and read.reading == 0


async def test_memory_wall_time_and_output_have_limits(tmp_path):
    path = tmp_path / "trieu-doan.docx"
    path.write_bytes(million_paragraphs_docx())
    with pytest.raises(PlanUnreadable, match=r"cần quá nhiều bộ nhớ \(hơn 100 MB\)"):
        await reader(memory_mb=100).read("web", path.name, path=path)
    with pytest.raises(PlanUnreadable, match="cần quá nhiều thời gian"):
        await reader(wall_seconds=0.05).read("web", PLAN.name, path=PLAN)
    with pytest.raises(PlanUnreadable, match="cho ra quá nhiều chữ"):
        await reader(answer_bytes=2000).read("web", PLAN.name, path=PLAN)
    # Within the limits the same plan reads, and what the reader said before still holds.
    got = await reader().read("web", "ke-hoach.pdf", data=PLAN.read_bytes())
    assert "Số: /KH-SYT" in got["text"] and got["form"]["source_name"] == "ke-hoach.pdf"
    with pytest.raises(PlanUnreadable, match=r"Loa chưa đọc được tệp «bang\.xlsx»"):
        await reader().read("web", "bang.xlsx", data=b"PK\x03\x04")


async def test_reads_wait_their_turn_and_a_cancelled_read_kills_its_child(tmp_path):
    path = tmp_path / "luong-chung.pdf"
    path.write_bytes(shared_stream_pdf())
    read = reader(cpu_seconds=60)
    first = asyncio.create_task(read.read("web", path.name, path=path))
    await until(lambda: bool(read.children), timeout=30)
    (pid,) = read.children
    second = asyncio.create_task(read.read("web", PLAN.name, path=PLAN))
    await until(lambda: read.waiting == 1, timeout=10)
    assert not read.has_room() and read.reading == 1
    began = time.monotonic()
    first.cancel()  # the browser went away
    with pytest.raises(asyncio.CancelledError):
        await first
    assert time.monotonic() - began < 15  # killed, not left to use its 60 s of CPU
    assert not alive(pid)
    got = await asyncio.wait_for(second, 60)  # its turn came
    assert "Số: /KH-SYT" in got["text"]
    assert read.has_room() and not read.children


def test_ctrl_c_ends_loa_campaign_import_and_its_child(tmp_path):
    path = tmp_path / "luong-chung.pdf"
    path.write_bytes(shared_stream_pdf(pages=200))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOA_", "DATABASE_URL"))}
    env["LOA_CONFIG"] = str(ROOT / "config.toml")
    cli = subprocess.Popen([sys.executable, "-m", "bot", "campaign", "import", str(path)],
                           cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (kids := children_of(cli.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert kids, "the reading child started"
        began = time.monotonic()
        cli.send_signal(signal.SIGINT)
        cli.wait(timeout=60)
        # The child alone would read on for its 30 s of CPU.
        assert time.monotonic() - began < 15
        assert not any(alive(k) for k in kids)
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()


async def test_a_scan_is_read_in_the_child_under_its_limits(tmp_path):
    """Tesseract runs under the child's limits (1 GB of address space, one thread) and gets a
    page's CPU budget of its own (files._page_budget) beside the reading's 3 s."""
    from PIL import Image, ImageDraw, ImageFont

    from bot.domain.planimport.files import tesseract
    from tests.e2e.test_plan_import import FONT

    if tesseract() is None or not FONT.exists():
        pytest.skip("needs tesseract-ocr, tesseract-ocr-vie and fonts-dejavu-core")
    font = ImageFont.truetype(str(FONT), 28)
    page = Image.new("L", (1400, 300), 255)
    pen = ImageDraw.Draw(page)
    for i, line in enumerate(["Số: 45/KH-SYT        Hưng Hà, ngày 20 tháng 2 năm 2026", "",
                              "KẾ HOẠCH", "Truyền thông phòng, chống sốt xuất huyết năm 2026"]):
        pen.text((40, 30 + i * 60), line, font=font, fill=0)
    page.save(tmp_path / "ban-quet.pdf", resolution=150)
    got = await reader(cpu_seconds=3).read("cli", "ban-quet.pdf", path=tmp_path / "ban-quet.pdf")
    assert 'plan_number = "45/KH-SYT"' in got["toml"]


def niceness(pid: int) -> int:
    # /proc/<pid>/stat: the command's name is in brackets and may hold spaces; nice is field 19
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


async def test_a_plan_is_read_at_a_lower_cpu_priority_than_loa(tmp_path):
    # Two hostile plans on a two-core server: the chats and /healthz keep the CPU first.
    path = tmp_path / "luong-chung.pdf"
    path.write_bytes(shared_stream_pdf())
    read = reader(cpu_seconds=60)
    task = asyncio.create_task(read.read("web", path.name, path=path))
    try:
        await until(lambda: bool(read.children), timeout=30)
        (pid,) = read.children
        await until(lambda: niceness(pid) != niceness(os.getpid()), timeout=10)
        assert niceness(pid) == min(19, niceness(os.getpid()) + 10)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
