"""Dates written in words, read as digits: "ngày mười tháng Bảy năm hai nghìn không trăm hai
mươi bảy" as "ngày 10 tháng 7 năm 2027", padded to the same length so offsets hold.

Communes' and wards' plans write a date out in words as a decree does; the month in words is
capitalised ("tháng Năm"), which tells it from "tháng năm" (months and years). "tháng Giêng" is
the lunar calendar's and is left as it is.
"""

from __future__ import annotations

import re

_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
          "bay": 7, "tam": 8, "chin": 9}
_UNIT = r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin)"
# 1 - 31: "mười", "mười lăm", "hai mươi", "hai mươi lăm", "ba mươi mốt" (folded, lower case;
# mười also as OCR bends its ư: "mudi")
_NUMBER = r"(?:(?:hai\s+|ba\s+)?mu[od]i(?:\s+" + _UNIT + r")?|" + _UNIT + r")"
_MONTHS = {"mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
           "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12}
# a month in words, capitalised as the spelling rules want it ("tháng Mười một", "tháng Chạp")
_MONTH = (r"(?:Mu[od]i(?:\s+(?:[Mm]ot|[Hh]ai)(?!\s+(?:so|vai|lan)\b))?|"  # not "tháng Mười một số …"
          r"Mot|Hai|Ba|Tu|Nam|Sau|Bay|Tam|Chin|Chap)")
# "ngày mùng năm tháng Năm", "ngày hai mươi hai tháng Năm", "ngày 22 tháng Năm", "ngày mười tháng 7"
_DAY = re.compile(r"\b([Nn]gay\s+)(?:(?:[Mm]ung|[Mm]ong)\s+)?(" + _NUMBER + r"|\d{1,2})(\s+thang\s+)("
                  + _MONTH + r"|\d{1,2})\b(?!\s+am\s+lich)")
# "trước ngày hai mươi lăm hằng tháng", "… các tháng …", "… của tháng cuối quý": a day each month
_DAY_OF = re.compile(r"\b[Nn]gay\s+(?:(?:[Mm]ung|[Mm]ong)\s+)?(" + _NUMBER + r")(?=\s+(?:cac|hang|cua)\s+"
                     r"(?:cac\s+)?(?:thang|quy)\b)")
# "các tháng Năm, Sáu, Tám và Chín": months listed after one
_MONTH_LIST = re.compile(r"\b(thang\s+)(" + _MONTH + r"(?:(?:\s*,\s*|\s+va\s+)" + _MONTH + r")*)\b"
                         r"(?!\s+am\s+lich)")
_LISTED = re.compile(_MONTH)
# "năm hai nghìn không trăm hai mươi bảy", "năm hai nghìn hai mươi bảy"
_YEAR = re.compile(r"\b([Nn]am\s+)hai\s+ngh[iy]n\s+(?:khong\s+tram\s+)?(?:(hai|ba)\s+muoi"
                   r"(?:\s+(" + _UNIT + r"|mot))?|muoi(?:\s+(" + _UNIT + r"))?)\b")


def number(words: str) -> int:
    """1 - 31 from its words (folded, lower case): "hai muoi lam" → 25."""
    parts = words.split()
    parts = ["muoi" if p == "mudi" else p for p in parts]
    if "muoi" not in parts:
        return _UNITS[parts[0]]
    at = parts.index("muoi")
    tens = _UNITS[parts[0]] if at else 1
    return tens * 10 + (_UNITS[parts[at + 1]] if at + 1 < len(parts) else 0)


def _month(said: str) -> int:
    return _MONTHS[" ".join(said.lower().replace("mudi", "muoi").split())]


def words_to_digits(low: str, folded: str) -> str:
    """`low` (folded, lower case) with the dates `folded` (same text, its case kept) writes in
    words put in digits, each padded to its length."""
    if "thang" not in low and "quy" not in low and "ngh" not in low:
        return low
    out = list(low)
    days: list[tuple[int, int]] = []  # the days read: their month is not read again

    def put(start: int, end: int, text: str) -> None:
        out[start:end] = text.ljust(end - start)

    for m in _DAY.finditer(folded):
        day, month = m.group(2).lower(), m.group(4)
        if day.isdigit() and month.isdigit():
            continue  # "ngày 10 tháng 7": compact_dates reads it
        d = int(day) if day.isdigit() else number(day)
        if 1 <= d <= 31:
            put(m.start(), m.end(), f"ngay {d} thang {int(month) if month.isdigit() else _month(month)}")
            days.append((m.start(), m.end()))
    for m in _DAY_OF.finditer(folded):
        put(m.start(), m.end(), f"ngay {number(m.group(1).lower())}")
    at = 0
    for m in _MONTH_LIST.finditer(folded):
        while at < len(days) and days[at][1] <= m.start():
            at += 1
        if at < len(days) and days[at][0] < m.end():
            continue
        months = [str(_month(x.group())) for x in _LISTED.finditer(m.group(2))]
        put(m.start(), m.end(), "thang " + ", ".join(months))
    for m in _YEAR.finditer(folded):
        said = m.group(2)
        tens = {"hai": 2, "ba": 3}[said] if said else 1
        unit = m.group(3) or m.group(4)
        put(m.start(), m.end(), f"nam {2000 + tens * 10 + (_UNITS[unit] if unit else 0)}")
    return "".join(out)
