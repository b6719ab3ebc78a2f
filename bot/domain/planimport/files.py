"""A plan file as text: Word (.docx), PDF with a text layer, plain text, or a scan through OCR.

Scans (images, PDFs without a text layer) go through Tesseract with its Vietnamese data, a
program Debian installs; nothing is downloaded at run time.
"""

from __future__ import annotations

import contextlib
import resource
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bot.domain.planimport.text import say

IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif"}
MIN_TEXT_PER_PAGE = 40  # fewer characters than this per page: the PDF is a scan


class PlanUnreadable(Exception):
    """The file cannot be read as a plan; the message says why and what to do, in Vietnamese."""


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 2.000.000, as Vietnamese writes it


MAX_CHARS = 2_000_000  # a plan runs to tens of pages (under 200,000 characters)
MAX_BLOCKS = 50_000  # a Word plan's paragraphs and table rows (tens of pages: a few thousand)
MAX_UNPACKED = 100 * 2**20  # a .docx unpacked (its pictures included)


def read_plan(path: Path) -> str:
    text = _read(path)
    if not any(ch.isalpha() for ch in text):
        # Said as it is, not read as a plan that lost its diacritics.
        if path.suffix.lower() in IMAGES:
            raise PlanUnreadable(say("planimport.files.no_letters_image", name=path.name))
        raise PlanUnreadable(say("planimport.files.empty", name=path.name))
    if len(text) > MAX_CHARS:
        raise PlanUnreadable(say("planimport.files.too_long", name=path.name,
                                 chars=_thousands(MAX_CHARS)))
    return text


def _read(path: Path) -> str:
    if not path.is_file():
        raise PlanUnreadable(say("planimport.files.not_found", path=path))
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return _text(path)
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".pdf":
        return _pdf(path)
    if suffix in IMAGES:
        return _ocr([path.read_bytes()], path.name)
    hint = say("planimport.files.old_doc") if suffix == ".doc" else ""
    raise PlanUnreadable(say("planimport.files.wrong_kind", name=path.name,
                             suffix=suffix or say("planimport.files.unknown_kind"),
                             readable=say("planimport.files.readable"), hint=hint))


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode"
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1258"):  # cp1258: Windows' own Vietnamese code page
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanUnreadable(say("planimport.files.not_unicode", name=path.name))


def _docx(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as packed:  # what it unpacks to, before unpacking it
            unpacked = sum(item.file_size for item in packed.infolist())
        if unpacked > MAX_UNPACKED:
            raise PlanUnreadable(say("planimport.files.too_big_unpacked", name=path.name,
                                     mb=MAX_UNPACKED // 2**20))
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise PlanUnreadable(say("planimport.files.bad_docx", name=path.name)) from None
    from docx.oxml.ns import qn
    from docx.table import Table

    blocks = sum(1 for _ in document.element.body.iter(qn("w:p"), qn("w:tr")))
    if blocks > MAX_BLOCKS:
        raise PlanUnreadable(say("planimport.files.too_many_blocks", name=path.name,
                                 blocks=_thousands(MAX_BLOCKS)))

    style_name = _style_names(document)
    # Paragraphs and tables in the order they are printed (the header block of number, place and
    # date is often a table); a table's row is one line with its cells between " | ", as the
    # rules read rows.
    out = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            out += [_row(row) for row in block.rows]
        else:  # a bulleted or numbered paragraph: its mark is Word's, not in its text
            p_pr = block._p.pPr
            listed = style_name(block._p.style).startswith("List") or (
                p_pr is not None and p_pr.numPr is not None)
            out.append(f"- {block.text}" if listed and block.text.strip() else block.text)
    # One line per paragraph, no blank line between: shown as the plan prints, numbered as such
    # (split(…, one_per_line) knows each line is a paragraph).
    return "\n".join(out)


def _style_names(document: Any) -> Callable[[str | None], str]:
    """A paragraph's style name from its style id, as python-docx's `Paragraph.style` finds it
    (an unknown id or another type's: the default paragraph style), from a table made once:
    python-docx scans every style for every paragraph, minutes for a file of 20,000 styles."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles import BabelFish

    kinds: dict[str, tuple[Any, str]] = {}
    default = ""
    for style in document.styles.element.style_lst:
        name = BabelFish.internal2ui(style.name_val) if style.name_val else ""
        kind = style.type
        if style.styleId is not None:
            kinds.setdefault(style.styleId, (kind, name))  # the first of an id, as its xpath
        if kind == WD_STYLE_TYPE.PARAGRAPH and style.default:
            default = name  # the last default, as the standard says

    def name_of(style_id: str | None) -> str:
        kind, name = kinds.get(style_id or "", (None, ""))
        return name if kind == WD_STYLE_TYPE.PARAGRAPH else default

    return name_of


def _row(row: Any) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once for each column it spans
            continue
        seen.add(id(cell._tc))
        cells.append(" ".join(cell.text.split()))
    return " | ".join(c for c in cells if c)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, OSError) as exc:
        raise PlanUnreadable(say("planimport.files.bad_pdf", name=path.name, why=exc)) from None
    if sum(len(p.strip()) for p in pages) >= MIN_TEXT_PER_PAGE * max(1, len(pages)):
        return "\n".join(pages)
    images = [image.data for page in reader.pages for image in page.images]
    if not images:
        raise PlanUnreadable(say("planimport.files.no_letters_pdf", name=path.name))
    return _ocr(images, path.name)


def tesseract() -> str | None:
    """The Tesseract program when it and its Vietnamese data are installed."""
    program = shutil.which("tesseract")
    if not program:
        return None
    langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                           timeout=30)
    return program if "vie" in (langs.stdout + langs.stderr).split() else None


def _ocr(images: list[bytes], name: str) -> str:
    program = tesseract()
    if program is None:
        # Tesseract without its Vietnamese data would read ư, ơ, ế… as other letters (issue #21).
        raise PlanUnreadable(say("planimport.files.no_vie", name=name) if shutil.which("tesseract")
                             else say("planimport.files.no_ocr", name=name))
    pages = []
    for image in images:
        try:
            with _page_budget():
                done = subprocess.run([program, "stdin", "stdout", "-l", "vie"], input=image,
                                      capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise PlanUnreadable(say("planimport.files.ocr_too_slow", name=name)) from None
        if done.returncode != 0:
            raise PlanUnreadable(say("planimport.files.ocr_failed", name=name,
                                     why=done.stderr.decode(errors="replace")[:200]))
        pages.append(done.stdout.decode("utf-8", errors="replace"))
    return "\n".join(pages)


OCR_CPU_SECONDS = 240  # Tesseract's CPU time for one page (about 5–20 s at 300 dpi)


@contextlib.contextmanager
def _page_budget() -> Iterator[None]:
    """In the reading child (isolated.py) the CPU limit is for reading the file; Tesseract, which
    inherits it, gets a page's own budget: the limit is raised while it starts, then put back."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == resource.RLIM_INFINITY:
        yield
        return
    budget = OCR_CPU_SECONDS if hard == resource.RLIM_INFINITY else min(OCR_CPU_SECONDS, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (max(soft, budget), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
