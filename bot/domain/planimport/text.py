"""A plan's text as numbered lines and paragraphs, with a folded copy to match keywords on.

Folding drops diacritics (and đ → d) one character for one character, so an offset found in
the folded copy is the same offset in the original: rules match "ke hoach" and quote "Kế hoạch".
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bot.core.texts import shipped
from bot.domain.planimport.numwords import words_to_digits

_FOLD = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}  # OCR reads Đ as the Icelandic Ð, too
# Items of a list or a heading start a new paragraph even without a blank line before them.
STARTS_ITEM = re.compile(r"^\s*(?:[-+•~*o]\s|[IVXl1]{1,4}[.\-]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s)")
# "Đợt 1: từ ngày …", "Đợt 2 (từ ngày … đến …): …", "Đợt 1 - từ 15/6 …" at a line's start begins
# a phase's paragraph
_PHASE_LINE = re.compile(r"^\s*(?:(?:Dot|DOT|Giai doan|GIAI DOAN|Buoc|BUOC)\s+(?:\d{1,2}|[IVX]{1,4})\s*"
                         # ("Giai đoạn 1, từ 15-12-2026 đến …": its dates after a comma, not a wrapped line's
                         # "Đợt 2, từ những tồn tại …"; "Đợt 1 (từ 01/3
                         # đến 31/3/2027) - Gắn với …": its name after a dash)
                         r"(?::|[-–]\s|\((?=[^)]{0,80}\)\s*(?::|[-–]\s))|,(?=\s*(?i:tu\s+(?:ngay\s+|thang\s+)?\d)))"
                         # "Quý I/2027: …", "Tháng 01 - 02/2027: …": a period's line, as an item
                         # (two quarters it joins too: "Quý II và Quý III/2027: …", "Quý II - Quý III/2027:")
                         # ("Quý II - III/2027:": the second one's "Quý" left out, a roman number)
                         r"|(?:Quy|QUY)\s+(?:[IVX1l]{1,4}|\d)(?:\s*(?:[-–]|va|VA)\s*"
                         r"(?:(?:Quy|QUY)\s+(?:[IVX1l]{1,4}|\d)|[IVX][IVXl]{0,3}))?"
                         r"(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?\s*:"
                         r"|(?:Thang|THANG)\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s*/\s*\d{4})?\s*:"
                         # "Bước 1 - Khảo sát (từ … đến …): …", "Giai đoạn 2 – Triển khai:": a step named
                         r"|(?:Buoc|BUOC|Dot|DOT|Giai doan|GIAI DOAN)\s+(?:\d{1,2}|[IVX]{1,4})\s*[-–]\s*"
                         r"[^\W\d_][^():;]{1,60}(?::|\((?=[^)]{0,80}\)\s*:))"
                         # "Giai đoạn chuẩn bị (tháng 3/2027): …": a stage its work names, its period
                         # in brackets (its name in capitals too; not "Giai đoạn vừa qua (2021 - 2025):", the
                         # years a wrapped sentence looks back on)
                         r"|(?:Giai doan|GIAI DOAN)\s+(?!(?i:vua qua|truoc)\b)"
                         r"(?i:[a-z]{2,}(?:\s+[a-z]{2,}){0,5})\s*"
                         r"\((?=\s*(?i:thang|quy|tu|ngay|\d{1,2}\s*[/.-]\s*\d))(?=[^()]{0,80}\)\s*:)"
                         # "Bước 1 Tháng 7/2026 In …": a step table's row with no tabs or borders left
                         r"|(?:Buoc|BUOC)\s+\d{1,2}\s+(?:Thang|THANG|Quy|QUY)\s+\d"
                         # "Đợt cao điểm thứ hai: …" (OCR: "thtr", "tht"), "Đợt cao điểm 1, từ …",
                         # "Đợt cao điểm 2 (từ … đến …)", "Bước 2. Triển khai (…)"
                         r"|(?:Dot|DOT)\s+(?:cao diem|CAO DIEM)\s+(?:(?:th[a-z]{0,2}|TH[A-Z]{0,2})\s+)?"
                         r"(?:\d{1,2}|[IVX]{1,4}|nhat|hai|ba|tu|NHAT|HAI|BA|TU)\s*(?::|[,(]|[-–]\s)"
                         r"|(?:Bu[a-z]{1,2}[ce]|BUOC|Giai doan|GIAI DOAN)\s+\d{1,2}\.\s+[A-Z])")
# A line that is one quotation alone ("Không giết mổ …!"): a slogan of a list, under its heading
_WHOLE_QUOTE = re.compile(r"^\s*[“\"«][^“”\"«»]{3,200}[”\"»]\s*[.!;,]?\s*$")
# "┌────┐", "└────┘", "+------+": a drawn box's top or bottom line (corners at both ends)
_BOX_BORDER = re.compile(r"\s*[┌└├╔╚╠+][─━═=┬┴┼╤╧+-]{3,}[┐┘┤╗╝╣+]\s*")
_BOX_SIDES = str.maketrans("│┃║", "|||")
_ROMAN = re.compile(r"^\s*([IVXl1]{0,3}[IVX][IVXl1]{0,3})\s*[.\-]\s*(.+)$")
_ARABIC = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s*[.)]?\s+(?!\|)(\S.*)$")  # not "1 | …": a row
# "… tiêm vét vào" / "Quý II/2027: …": a line left open on a preposition goes on, no phase line below it
_OPEN_END = re.compile(r"\b(?:trong|vao|tu|den|cua)\s*$", re.IGNORECASE)
# the same words with their marks: folded, "thứ Tư", "đầu tư", "tự", "tủ", "đèn", "đen" would pass too
_OPEN_WORDS = frozenset({"trong", "vào", "từ", "đến", "của"})
_FOLDED_TU = re.compile(r"\b(?:thu|dau)\s+tu\s*$", re.IGNORECASE)  # "thứ Tư", "đầu tư" as OCR leaves them


def _left_open(line: str, words: re.Pattern[str] = _OPEN_END) -> bool:
    """Whether the line ends on one of `words` ("… tiêm vét vào"); its "tu"/"den" by their marks
    when it has them."""
    m = words.search(fold(line))
    if m is None or _FOLDED_TU.search(fold(line)):
        return False
    said = line[m.start():m.end()].strip().lower()
    return diacritic_share(line) < 0.08 or fold(said) not in ("tu", "den") or said in _OPEN_WORDS


def say(key: str, **values: Any) -> str:
    """A text the importer writes for its user, from messages/vi.toml (read by key, never inline)."""
    return shipped()(key, **values)


def fold_char(c: str) -> str:
    if c in _FOLD:
        return _FOLD[c]
    if ord(c) < 128:
        return c
    base = unicodedata.normalize("NFD", c)[0]
    return base if ord(base) < 128 or base.isalpha() else c


def fold(text: str) -> str:
    """The same text without diacritics, same length: 'Kế hoạch' → 'Ke hoach'."""
    return "".join(fold_char(c) for c in text)


def key(text: str) -> str:
    """Folded, lower case, spaces squeezed: what two spellings of one name share."""
    return re.sub(r"\s+", " ", fold(text).lower()).strip()


def diacritic_share(text: str) -> float:
    """Share of letters carrying a Vietnamese mark: about a quarter in normal text, near 0 in OCR."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if fold_char(c) != c) / len(letters)


# "ngày 05 tháng 3 năm 2026" reads as "ngày 05/3/2026", padded to the same length so offsets hold
# (its "tháng" as OCR bends the á to an o: "ngay 05 thong 12 nam 2027").
_LONG = re.compile(r"\bngay\s+(\d{1,2})\s+th[ao]ng\s+(\d{1,2})(?:\s*(?:,\s*)?n[a-z]{1,3}m\s+(\d{4}))?\b")
_MONTH_YEAR = re.compile(r"\bthang\s+(\d{1,2})\s*(?:,\s*)?n[a-z]{1,3}m\s+(\d{4})\b")  # "tháng 12 năm 2026"
_BRACKET_DAY = re.compile(r"\((\d{1,2})\s+thang\s+(\d{1,2})\)")  # "Ngày … (20 tháng 10)": a day said long
# "ngày 03/4/-" / "2027.": OCR hyphenated a date at the line's end, its year on the next line
# (its slash after the hyphen as often: "ngày 15/4-" / "/2027")
_WRAPPED_YEAR = re.compile(r"\b(\d{1,2}/\d{1,2})(?:/-\s+|-\s+/\s*)(\d{4})\b")


_OCR_NUMBER = re.compile(r"(?<![a-z])(?=[\do]{0,2}\d[\do]{0,2}\d)[\do]{3,4}(?![a-z])")  # "2o26"


_OCR_LETTER = re.compile(r"(?<=[a-z])0(?=[a-z])|(?<=\b[a-z])0\b|\b0(?=[a-z]{2})"  # "th0i", "s0"
                         r"|(?<=[a-z-])6(?=[a-z])")  # "i-6t", "x6m": ô, ơ, ố read as a six inside a word


# "(12/1 1)", "15/1 1/2018", "tháng 7 - 1 1/2026": month 10, 11 or 12 with its two digits OCR set apart
_SPLIT_MONTH = re.compile(r"(?<=[/-])(\s?)1 ([0-2])(?=\s*[/)])")


# "(théng 02/2027)": OCR's tháng, its á read as é or ó, before a month and its year (no other word
# stands there)
# (thóng only after "(" or at the line's start: "truyền thông 6/2027" keeps its thông)
_BENT_MONTH = re.compile(r"(?:\btheng|(?:(?<=\()|(?<=\(\s)|^)thong)(?=\s+\d{1,2}\s*/\s*20\d\d\b)", re.M)


def ocr_digits(low: str) -> str:
    """What OCR read with a zero (inside a word, a six) for an o and the other way round, as
    meant: "năm 2O26" and "1o/12" read as numbers, "TH0I GIAN", "i-6t" as words (the same
    length, so offsets hold)."""
    low = _OCR_NUMBER.sub(lambda m: m.group().replace("o", "0"), low)
    low = _SPLIT_MONTH.sub(lambda m: f" {m.group(1)}1{m.group(2)}", low)
    low = _BENT_MONTH.sub("thang", low)
    return _OCR_LETTER.sub("o", low)


def compact_dates(low: str) -> str:
    def short(m: re.Match[str]) -> str:
        text = f"ngay {m.group(1)}/{m.group(2)}" + (f"/{m.group(3)}" if m.group(3) else "")
        return text.ljust(len(m.group()))

    def month(m: re.Match[str]) -> str:
        return f"thang {m.group(1)}/{m.group(2)}".ljust(len(m.group()))

    def bracket(m: re.Match[str]) -> str:
        return f"({m.group(1)}/{m.group(2)})".ljust(len(m.group()))

    def wrapped(m: re.Match[str]) -> str:
        return f"{m.group(1)}/{m.group(2)}".ljust(len(m.group()))

    low = _WRAPPED_YEAR.sub(wrapped, low)
    return _BRACKET_DAY.sub(bracket, _MONTH_YEAR.sub(month, _LONG.sub(short, low)))


@dataclass
class Para:
    """Lines joined into one paragraph; `starts` maps offsets in `text` back to line numbers."""

    text: str
    starts: list[tuple[int, int]]  # (offset in text, line number from 1)
    level: int = 0  # 1: roman heading (I., II.), 2: "1.", 3: "1.1.", 0: body
    heading: str = ""  # the heading's words without its number
    section: str = ""  # the roman heading above, folded
    parent: str = ""  # the nearest numbered heading above (original text)
    folded: str = field(init=False)
    low: str = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.low = compact_dates(ocr_digits(words_to_digits(self.folded)))

    @property
    def line(self) -> int:
        return self.starts[0][1]

    def lines(self) -> list[tuple[int, str]]:
        """Its lines as read, each with the offset in `text` where it starts."""
        ends = [at - 1 for at, _n in self.starts[1:]] + [len(self.text)]  # the joining space left out
        return [(at, self.text[at:end]) for (at, _n), end in zip(self.starts, ends, strict=True)]

    def line_at(self, offset: int) -> int:
        # By bisection: callers ask once per line of a paragraph that may be thousands long.
        at = bisect.bisect_right(self.starts, (offset, math.inf)) - 1
        return self.starts[max(at, 0)][1]


@dataclass
class PlanText:
    lines: list[str]
    paras: list[Para]
    as_read: list[str] | None = None  # the lines as the file has them, when Loa mended OCR's

    def quote(self, line: int, width: int = 150) -> str:
        """The plan's line, trimmed, as the comment that says where an item came from."""
        lines = self.as_read if self.as_read and len(self.as_read) == len(self.lines) else self.lines
        text = " ".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""
        return text if len(text) <= width else text[:width - 1] + "…"


def split(text: str, one_per_line: bool = False) -> PlanText:
    """Numbered lines and the paragraphs they make, each knowing its headings. `one_per_line`:
    each line is a paragraph already (a Word file's), not a typed or printed line to join."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n")
    lines = text.split("\n")
    laid = _ruled_columns(lines)
    paras: list[Para] = []
    buf: list[tuple[int, str]] = []

    quotes = [0, 0]  # the paragraph's straight quotation marks, and its curly ones left open

    def flush() -> None:
        quotes[:] = [0, 0]
        if not buf:
            return
        joined, starts = "", []
        for number, line in buf:
            if joined:
                joined += " "
            starts.append((len(joined), number))
            joined += line
        paras.append(Para(joined, starts))
        buf.clear()

    row = False  # the last line was a table's row
    columns, cells, lead = 0, 0, ""  # the table's cells per row, this row's so far, its lead's shape
    spaced = False  # the table's rows stand between blank lines: a line right below one is its rest
    for number, raw in enumerate(laid, start=1):
        # a box drawn around a few lines (slogans in a frame): its sides read as a one-cell row's
        # borders, as OCR reads them, its top and bottom as the blank lines around it
        raw = "" if _BOX_BORDER.fullmatch(raw) else raw.translate(_BOX_SIDES)
        raw = _ocr_border(raw)
        # A Word table come out as text, cells between tabs; a row's wrapped line may hold
        # one cell only, after its empty ones ("\t31/12/2026")
        if "\t" in raw.strip() or (row and raw.startswith("\t") and raw.strip()):
            parts = [part.strip() for part in raw.rstrip().split("\t")]
            if parts[0]:  # empty cells between others are tabs set for the eye, not columns
                parts = [part for part in parts if part]
            # "\tngày 15/6/2026\t(01 - 02/6) …": a row's wrapped line keeps its empty cells,
            # "| ngày 15/6/2026 | …", so that each cell stays in its column
            while parts and not parts[-1]:
                parts.pop()
            raw = " | ".join(parts)
        line = " ".join(_bullet(raw).replace("*", " ").split())
        if not line:
            flush()
            spaced = spaced or row  # OCR sets a table's rows apart by blank lines
            row = False
            continue
        # A table's row (cells " | " or tabs, as Word tables come out as text) stands alone.
        more = _cells(line)
        is_row = more > 1 or line.endswith(" |")  # "… người thầy thuốc |": the next line fills it
        # The cell a row's line leaves off at, continued on the next, counts once.
        joined = cells + more - (not buf[-1][1].endswith("|")) if row and buf else 0
        if row and not one_per_line and _goes_on(line, is_row, cells, joined, columns, lead, spaced):
            # A row printed over two lines: the cell goes on ("… an toàn thực phẩm dịp" / "Tết
            # Nguyên đán"), or the row's last cells follow ("huyết áp | Ngày Thế giới …").
            buf.append((number, line))
            _count_quotes(quotes, line)
            cells = joined
            continue
        # "…: "Chuyển đổi số y tế" / "- Người dân là trung tâm"": a quote the line above left
        # open goes on, even at a dash.
        quoting = bool(buf) and _quoting(quotes, buf[-1][1])
        if buf and ((STARTS_ITEM.match(fold(line)) and not quoting) or is_row or row
                    or (_PHASE_LINE.match(fold(line)) and not _left_open(buf[-1][1]))
                    or _NOTE_LINE.match(fold(line))
                    or (not quoting and _quote_below(line, buf))
                    or _heading_above(buf, line)):
            flush()
        buf.append((number, line))
        _count_quotes(quotes, line)
        if is_row:  # blank lines between rows do not end a table; a paragraph does
            columns = columns if columns else more
            cells, lead = more, _shape(line)
        else:
            columns, spaced = 0, False
        row = is_row
        if one_per_line:
            flush()
            continue
        if ((_ROMAN.match(fold(line)) or _ARABIC.match(fold(line))) and line.upper() == line
                and len(line) <= 120 and sum(c.isalpha() for c in line) >= 4):
            flush()  # "III. THỜI GIAN", "3. THỜI GIAN": its own paragraph even without a blank line after it
    flush()
    paras = _join_page_breaks(paras)
    _mark_headings(paras)
    return PlanText(lines, paras)


# "------------ --------------- -----": the dashed rule under a table's header as pdftotext -layout
# and pandoc's simple tables set it, one run of dashes over each column
_RULE = re.compile(r"\s*-{3,}(?:\s+-{3,})+\s*")
_TABLE_CAP = 300  # lines of one space-aligned table, at most


def _ruled_columns(lines: list[str]) -> list[str]:
    """A table laid out with spaces (pdftotext -layout, pandoc), its columns set by the dashed
    rule under its header: each of its lines as a row of " | " cells, as a drawn table's, the
    rule as a blank line; the table ends at a closing rule, at two blank lines in a row, or at a
    line that does not fit its columns (a heading, prose). The lines keep their numbers."""
    laid = list(lines)
    i = 0
    while i < len(laid):
        if not _RULE.fullmatch(laid[i]) or i == 0 or not laid[i - 1].strip():
            i += 1
            continue
        cuts = [m.start() for m in re.finditer(r"-{3,}", laid[i])]
        laid[i - 1] = _laid_row(laid[i - 1], cuts)
        laid[i] = ""
        j, blanks = i + 1, 0
        while j < len(laid) and j - i <= _TABLE_CAP:
            if not laid[j].strip():
                blanks += 1
                if blanks == 2:
                    break
            elif _RULE.fullmatch(laid[j]):  # pandoc closes a table with a rule like its header's
                laid[j] = ""
                j += 1
                break
            elif _heading_across(laid[j], cuts) or (blanks and not _fits(laid[j], cuts)):
                break  # pdftotext and pandoc put one blank line, or none, before the next heading
            else:
                blanks = 0
                laid[j] = _laid_row(laid[j], cuts)
            j += 1
        i = j
    return laid


def _fits(line: str, cuts: list[int]) -> bool:
    """No column of the table starts inside one of the line's words."""
    return all(not 0 < cut < len(line) or line[cut - 1].isspace() or line[cut].isspace()
               for cut in cuts[1:])


def _heading_across(line: str, cuts: list[int]) -> bool:
    """A numbered heading or list item written as one run of words over the table's first column:
    a row's cells stand apart by runs of spaces, a heading's words by one space each."""
    text = line.strip()
    folded = fold(text)
    return (len(cuts) > 1 and len(line.rstrip()) > cuts[1] and "  " not in text
            and bool(_ROMAN.match(folded) or _ARABIC.match(folded)))


def _laid_row(line: str, cuts: list[int]) -> str:
    """A space-aligned line cut into its cells at the columns' starts (a cut inside a word moves
    back to the space before it)."""
    cells, at = [], 0
    for cut in [*cuts[1:], len(line)]:
        cut = max(cut, at)
        if at < cut < len(line) and not line[cut - 1].isspace() and not line[cut].isspace():
            cut -= len(line[at:cut].rsplit(None, 1)[-1])  # one scan back, not a step a character
        cells.append(line[at:cut].strip())
        at = cut
    return "| " + " | ".join(cells) + " |"


def _ocr_border(raw: str) -> str:
    """A drawn table's "+------+------+" border as OCR without its font reads it: runs of letters
    longer than any Vietnamese syllable ("spancececnecene sp nennnnnncnn … +"), ending at a lone
    corner; cut off where they begin, so the row above does not run on into them."""
    words = raw.split()
    if len(words) < 3 or words[-1] not in ("+", "-", "=", "-+", "+-"):
        return raw
    long = [w for w in words if len(w) >= 10 and w.isalpha()]
    if len(long) < 2:
        return raw
    return raw[:raw.index(long[0])].rstrip()


def _bullet(raw: str) -> str:
    """"* Thuốc nam là thuốc": OCR's star for a "•" that leads an item keeps it an item (other
    stars, a Markdown's bold, go); "*) Trên cao - …", a star and a bracket, is that bullet too."""
    lead = raw.lstrip()
    mark = re.match(r"\*\)? ", lead)
    if mark is None:
        return raw
    if _NOTE.match(fold(lead[mark.end():]).lower()):
        return lead[mark.end():]  # "*) Lưu ý: băng rôn khổ …": a note below the list, no item of it
    return "• " + lead[mark.end():]


# a note's label: "Lưu ý:", "Ghi chú:", "Chú ý:", "Chú thích:"
_NOTE = re.compile(r"(?:luu y|ghi chu|chu y|chu thich)\s*:")
# "*) Lưu ý: …" below a list, its star dropped: a note begins its own paragraph, the list ends
_NOTE_LINE = re.compile(r"(?:Luu y|Ghi chu|Chu y|Chu thich)\s*:")


def _heading_above(buf: list[tuple[int, str]], line: str) -> bool:
    """"II. Thời gian thực hiện", "3. Thời gian …" alone, a sentence below it: a heading in
    sentence case, its own paragraph (a short numbered item that wraps goes on in lower case)."""
    if len(buf) != 1 or not line or not line[0].isupper():
        return False
    above = buf[0][1].rstrip()
    m = _ROMAN.match(fold(above)) or _ARABIC.match(fold(above))  # "3. Thời gian thực hiện" too
    return bool(m) and len(above) <= 60 and not above.endswith((".", ";", ",")) and m.group(2)[0].isupper()


def _quote_below(line: str, buf: list[tuple[int, str]]) -> bool:
    """A quotation alone on its line, below another or below a heading ("3. Khẩu hiệu"): a
    slogan of a list, not the rest of a sentence."""
    if not _WHOLE_QUOTE.match(line):
        return False
    last = buf[-1][1]
    return bool(_WHOLE_QUOTE.match(last)) or (len(buf) == 1 and bool(STARTS_ITEM.match(fold(last)))
                                              and last[-1:] not in set(".,;:"))


def _count_quotes(quotes: list[int], line: str) -> None:
    quotes[0] += line.count('"')
    quotes[1] += line.count("“") - line.count("”")


def _quoting(quotes: list[int], last: str) -> bool:
    """The paragraph's last line opened a quotation that is still open (after closing one the line
    above opened: '… "Bị' / 'kiến … xà phòng" và "Đóng cửa …". Tờ rơi "Kiến ba khoang' / '- Đừng …"')."""
    return (quotes[0] % 2 == 1 and '"' in last) or (
        quotes[1] > 0 and last.count("“") > last.count("”"))


def _cells(line: str) -> int:
    """Cells a row's line begins ("a | b": two; "a | b |": two, the third on the next line)."""
    return len(re.findall(r"(?:^|\s)\|(?=\s|$)", line)) + (not line.endswith("|"))


def _shape(line: str) -> str:
    """What a row's first word looks like ("Đợt 1" → "dot", "01/2026" → "99/9999")."""
    words = fold(line).lower().split()
    return re.sub(r"\d", "9", words[0]) if words else ""


def _goes_on(line: str, is_row: bool, cells: int, joined: int, columns: int, lead: str,
             spaced: bool) -> bool:
    """Whether `line`, right below a table's row of `cells` cells (`joined` with it), is the
    rest of that row rather than a row, an item or a paragraph of its own."""
    if STARTS_ITEM.match(fold(line)) or _shape(line) == lead:
        return False
    if is_row:  # its cells fit in the ones the row still lacks
        return cells < columns and joined <= columns and not line[:1].isdigit()
    return joined <= columns and (cells < columns or spaced or line[:1].islower() or line[:1] == "(")


def is_word(name: str) -> bool:
    """A plan read from Word: one line per paragraph (see files.py)."""
    return name.lower().endswith(".docx")


# A word no sentence ends on: the paragraph goes on after a blank line ("… và Ngày" / "Dân số …",
# "… từ ngày 25-11 đến" / "ngày 10-12-2026", "ít" / "nhất 03 tin").
# ("… ngày 25 tháng" / blank / "3 năm 2027 …": a date said in words, cut before its month)
_DANGLING = re.compile(r"\b(?:va|cua|voi|cac|nhung|ngay|den|tu|tai|cho|la|it|ve|ngay\s+\d{1,2}\s+thang)\s*$",
                       re.IGNORECASE)
# "… Ngày Thế giới phòng chống COPD (thứ Tư," / blank / "18/11/2026)": a bracket OCR's blank line
# cut, a table cell's wrapped line set apart from its row
_OPEN_BRACKET = re.compile(r"\([^()]{0,40}$")
_CLOSE_BRACKET = re.compile(r"^[^()]{1,30}\)")


# "… Ngày truyền thống Hội Nông dân Việt Nam" / blank / "(14/10); tổng kết": the date of the name above
_DATE_BRACKET = re.compile(r"^\(\s*(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*\)", re.IGNORECASE)


def _bracket_goes_on(last: str, text: str) -> bool:
    return bool((_OPEN_BRACKET.search(last) and _CLOSE_BRACKET.match(text)) or _DATE_BRACKET.match(text))


# "… đăng tải ít nhất 02" / "tin, bài/tháng": a count whose noun went past a blank line
# (or its noun's first word: "… 01 video" / "ngắn/tuần")
_COUNT_END = re.compile(r"(?<![\d/.,:-])\b\d{1,3}(?:\s+[a-z]{2,8})?\s*$")
# "… và Ngày Quốc tế phòng, chống ma túy" / blank / "26/6; Lễ phát động …": a day's date cut off
_DATE_START = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*[;,.)]")
_RATE_START = re.compile(r"\d{1,3}\s+[a-z]{2,8}(?:,?\s+[a-z]{2,8})?\s*/\s*[a-z]", re.IGNORECASE)
# "… từ tháng 9/2026 đến tháng" / blank / "5/2027.": a month's number cut off from its "tháng"
_MONTH_CUT = re.compile(r"\bthang\s*$", re.IGNORECASE)
_MONTH_START = re.compile(r"\d{1,2}\s*/\s*\d{4}\b")
_NAMED_DAY_END = re.compile(r"\b(?:ngay|thang|tuan)\b[^.;:]{3,80}$", re.IGNORECASE)
# "- Tập huấn … lo âu:" / blank / "Thứ Bảy, ngày 16/01/2027.", "- Diễn đàn … tại Nhà văn hóa" / blank /
# "Khu công nghiệp … vào ngày 21/5/2027.": a bulleted item's last line OCR set apart, its date near its start
_BULLETED = re.compile(r"^\s*(?:[-+•~*]|[a-z]\))\s")
# "Quý I/2027 Giới thiệu dịch vụ …" / blank / "Trung tâm …; … (Thứ Năm, ngày 18/3/2027) …": a period's row
# whose tabs OCR lost, its dated line set apart
# a quarter's or months' label with its year, as a row of a timetable opens ("Quý I/2027", "Tháng 3 - 4/2027")
PERIOD_LABEL = (r"(?:quy\s+(?:iv|[il1]{1,3}|[1-4])|thang\s+\d{1,2}(?:\s*-\s*(?:thang\s+)?\d{1,2})?)"
                r"\s*/\s*\d{4}")
_PERIOD_ROW = re.compile(r"^\s*" + PERIOD_LABEL + r"\s+[a-z]", re.IGNORECASE)
_WEEKDAY = r"\b(?:chu nhat|thu\s+(?:hai|ba|tu|nam|sau|bay))"
_FULL_DAY = re.compile(r"(?:\bngay\s+|" + _WEEKDAY + r"\s*,?\s*)\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")
# "Ngày 30/4/2027, các đơn vị gửi danh sách …": a sentence its date opens, its own subject after the comma
_DATE_FIRST = re.compile(r"ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*,")
_SPAN_FROM = re.compile(r"\btu\s+(?:ngay\s+)?\d{1,2}\s*/")
_ANY_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}")
_DATED_LEAD = re.compile(r"^[^.;!?|()]{0,100}?(?:\bngay\s+|" + _WEEKDAY + r"\s*,\s*)\d{1,2}\s*/\s*\d{1,2}\b")


def _join_page_breaks(paras: list[Para]) -> list[Para]:
    """A paragraph cut by a page break ("nâng cao" / blank / "chất lượng …") is one again. Each
    paragraph is built once from its pieces: joining one by one would copy a long one again
    for every piece."""
    out: list[Para] = []
    group: list[Para] = []  # the pieces of the paragraph being joined
    length = 0

    def close() -> None:
        if len(group) == 1:
            out.append(group[0])
        elif group:
            text, starts = "", []
            for piece in group:
                shift = len(text) + 1 if text else 0
                text = f"{text} {piece.text}" if text else piece.text
                starts += [(offset + shift, n) for offset, n in piece.starts]
            out.append(Para(text, starts))
        group.clear()

    for para in paras:
        last = group[-1] if group else None
        # OCR set a one-line period row's or bulleted item's dated line apart (_PERIOD_ROW, _BULLETED):
        # one piece each, neither an item nor a table's row
        apart = (last is not None and len(group) == 1 and not STARTS_ITEM.match(para.folded)
                 and " | " not in f" {para.text} ")
        # (a cell's words, not a sentence of its own: "Kế hoạch thực hiện từ ngày … đến ngày …." is not)
        if (apart and not para.text.rstrip().endswith(".")
                and _PERIOD_ROW.match(last.folded) and " | " not in last.text
                and not _PERIOD_ROW.match(para.folded) and _FULL_DAY.search(para.low[:200])
                and not _SPAN_FROM.search(para.low[:200])) or (
                # (an item that dates nothing itself: "- Đợt 3: từ ngày 01/9/2026 …" / blank / "Lễ phát
                # động … vào ngày 05/3/2026 …" is a sentence of its own)
                apart and _BULLETED.match(last.folded)
                and not last.text.rstrip().endswith((".", ";", "!", "?")) and not _ANY_DATE.search(last.low)
                and _DATED_LEAD.match(para.low) and not _DATE_FIRST.match(para.low)):
            group.append(para)
            length += len(para.text) + 1
            continue
        # a row's wrapped line ("| động vì … | ven biển 03 lần/tuần | …") keeps its cells apart
        if (last is not None and not STARTS_ITEM.match(para.folded) and not para.text.startswith("| ")
                and not last.text.rstrip().endswith((".", ";", ":", "!", "?"))
                and ((_DANGLING.search(last.folded) and _left_open(last.text, _DANGLING))
                     or _bracket_goes_on(last.text, para.text)
                     # '… chủ đề là "Chung tay xây dựng gia' / blank / 'đình an toàn …"': a quote left open
                     # ('… "Phát hiện sớm -' / blank / 'Điều trị đúng …"': a slogan's next part, capitalised)
                     or ((para.text[0:1].islower() or last.text.rstrip().endswith(" -"))
                         and last.text.count('"') % 2 == 1)
                     or (_DATE_START.match(para.text) and _NAMED_DAY_END.search(last.folded))
                     or (_MONTH_START.match(para.text) and _MONTH_CUT.search(last.folded))
                     # "… 02 lần/ngày trong 05 ngày trước mỗi đợt tiêm," / blank / "01 lần/tuần …"
                     or (last.text.rstrip().endswith(",") and _RATE_START.match(para.folded))
                     or (para.text[0:1].islower() and (
                    _COUNT_END.search(last.folded) or not (
                    STARTS_ITEM.match(group[0].folded) and length <= 100
                    # "- … là đầu mối, báo" / "cáo kết quả" / blank / "tiêm …": an item already
                    # wrapped over lines, or filling a line, is a sentence running on
                    and len(group[-1].starts) < 2 and len(group[-1].text) < 90))))):
            group.append(para)
            length += len(para.text) + 1
            continue
        close()
        group.append(para)
        length = len(para.text)
    close()
    return out


def _mark_headings(paras: list[Para]) -> None:
    section, parent = "", ""
    for para in paras:
        roman = _ROMAN.match(para.folded)
        arabic = _ARABIC.match(para.folded)
        if roman and not arabic and len(para.text) <= 160:
            para.level, para.heading = 1, para.text[roman.start(2):].strip()
            section, parent = ocr_digits(key(para.heading)), ""
        elif arabic:
            para.level = 2 + arabic.group(1).count(".")
            para.heading = para.text[arabic.start(2):].strip()
        para.section = section
        para.parent = parent
        if para.level == 2 and len(para.text) <= 160:
            parent = para.heading
