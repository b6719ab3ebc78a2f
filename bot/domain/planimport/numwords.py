"""Numbers and dates said in words, read as digits padded to the same length so offsets hold:
"ngày mười tháng Bảy năm hai nghìn không trăm hai mươi bảy" as "ngay 10/7/2027", "từ đầu tháng
Ba đến hết tháng Chín" as "tu thang 3 den het thang 9", "các tháng Năm, Sáu" as "cac thang 5, 6".

Communes' and wards' plans write a date out in words as a decree does. A month named alone is
capitalised ("tháng Năm"), which tells it from "tháng năm" (months and years); after a day said
in words, or between "từ tháng … đến tháng …", its case tells nothing more. "tháng Giêng" and
"tháng Chạp" are lunar months (dates.lunar_dates reads their days) and are left as they are.
"""

from __future__ import annotations

import re

from bot.domain.planimport.spellings import MUNG, TU

_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
          "bay": 7, "tam": 8, "chin": 9}
_UNIT = "(?:" + "|".join(_UNITS) + ")"
_TEN = r"mu[od]i"  # mười, mươi (and as OCR bends its ư: "mudi")
# a count said in words, 1 - 99 ("ba", "mười", "mười lăm", "hai mươi tư"): tư and lăm say 4 and 5
# only after mươi (a bare "tu" is từ); number_said reads it
_ALONE = "(?:" + "|".join(w for w in _UNITS if w not in ("tu", "lam")) + ")"
NUMBER_WORD = "(?:" + _ALONE + "|" + _TEN + ")"  # one word: 1 - 10
COUNT_WORDS = r"(?:(?:" + _ALONE + r"\s+)?" + _TEN + r"(?:\s+" + _UNIT + r")?|" + _ALONE + ")"
# 1 - 31: "mười", "mười lăm", "hai mươi", "hai mươi lăm", "ba mươi mốt"
DAY_WORDS = r"(?:(?:hai\s+|ba\s+)?" + _TEN + r"(?:\s+" + _UNIT + r")?|" + _UNIT + r")"
# "hai nghìn không trăm hai mươi bảy", "hai nghìn hai mươi bảy", "hai nghìn linh năm"
_YEAR_WORDS = (r"hai\s+ngh[iy]n(?:\s+khong\s+tram)?\s+(?:(?:linh|le)\s+" + _UNIT + r"|(?:" + _UNIT
               + r"\s+)?" + _TEN + r"(?:\s+" + _UNIT + r")?)")
# the months by name ("tháng Mười Một" before "tháng Mười", but "tháng Mười một số …" is October's)
_MONTH_NO = {"mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
             "muoi": 10, "muoi mot": 11, "muoi hai": 12}
# (OCR writes a capital for a marked letter: "tháng Mười Một" read "thang Mudi MOt")
_MONTH = (r"(?:Mu[od]i(?:\s+(?:[Mm][Oo]t|[Hh]ai)(?!\s+(?:so|vai|lan)\b))?|"
          r"Mot|Hai|Ba|Tu|Nam|Sau|Bay|Tam|Chin)")
_YEAR_AFTER = r"(?:\s+n[a-z]{1,3}m\s+(\d{4}|" + _YEAR_WORDS + r")\b)?"
# "ngày mùng năm tháng Năm", "ngày hai mươi hai tháng Năm năm 2027", "ngày 22 tháng Năm",
# "ngày mười tháng 7", "ngày mười lăm tháng tám năm hai nghìn …" (not "tháng Hai âm lịch")
_DAY = re.compile(r"\bngay\s+(?:" + MUNG + r"\s+)?(" + DAY_WORDS + r"|\d{1,2})\s+thang\s+(" + _MONTH
                  + r"|\d{1,2})\b(?!\s+am\s+lich)" + _YEAR_AFTER, re.I)
# "trước ngày hai mươi lăm hằng tháng", "… các tháng …", "… của tháng cuối quý": a day each month
_DAY_OF = re.compile(r"\bngay\s+(?:" + MUNG + r"\s+)?(" + DAY_WORDS + r")(?=\s+(?:cac|hang|cua)\s+"
                     r"(?:cac\s+)?(?:thang|quy)\b)", re.I)
# "từ đầu tháng Năm đến hết tháng Mười năm 2027": a range of months by their names ("đến tháng
# sau", lower case, is the next month, not tháng Sáu)
_MONTH_RANGE = re.compile(r"\b" + TU + r"\s+(?:dau\s+)?thang\s+(" + _MONTH + r")\s+(den|toi)\s+"
                          r"(het\s+)?thang\s+(?-i:(?!sau\b))(" + _MONTH + r")\b(?!\s+am\s+lich)"
                          + _YEAR_AFTER, re.I)
# "các tháng Năm, Sáu, Tám và Chín": months listed after one, each capitalised
_MONTH_LIST = re.compile(r"\bthang\s+(" + _MONTH + r"(?:(?:\s*,\s*|\s+va\s+)" + _MONTH + r")*)\b"
                         r"(?!\s+am\s+lich)")
_LISTED = re.compile(_MONTH + r"\b")  # a whole word: "Bảy", not its "Ba"
_YEAR = re.compile(r"\bnam\s+(" + _YEAR_WORDS + r")\b", re.I)


def number_said(words: str) -> int | None:
    """A number said in words, folded ("hai muoi lam", "hai nghin khong tram hai muoi bay"), or None."""
    total, part = 0, 0
    for word in words.lower().replace("mudi", "muoi").split():
        if word in _UNITS:
            if part % 10:
                return None  # "hai ba": no number
            part += _UNITS[word]
        elif word == "muoi":
            part += 9 * (part % 10) if part % 10 else 10
        elif word == "tram":
            part += 99 * (part % 10)
        elif word in ("nghin", "nghyn", "ngan"):
            total, part = total + (part or 1) * 1000, 0
        elif word not in ("khong", "linh", "le"):
            return None
    return total + part or None


def padded(text: str, m: re.Match[str]) -> str:
    """`text` in the place of what `m` matched, padded to its length (kept when it is longer)."""
    return text.ljust(len(m.group())) if len(text) <= len(m.group()) else m.group()


def _month(said: str) -> int:
    return _MONTH_NO[" ".join(said.lower().replace("mudi", "muoi").split())]


def _year(said: str | None) -> str:
    year = str(number_said(said) or "") if said and not said.isdigit() else said or ""
    return f"/{year}" if len(year) == 4 else ""


def _day(m: re.Match[str]) -> str:
    day, month, year = m.group(1), m.group(2), m.group(3)
    if day.isdigit() and (month.isdigit() or not (month[0].isupper() or year)):
        return m.group()  # "ngày 10 tháng 7": compact_dates'; "ngày 05 tháng sau": next month's
    number = int(day) if day.isdigit() else number_said(day)
    if not number or not 1 <= number <= 31:
        return m.group()
    return padded(f"ngay {number}/{int(month) if month.isdigit() else _month(month)}{_year(year)}", m)


def _months(m: re.Match[str]) -> str:
    first, last = _month(m.group(1)), _month(m.group(4))
    return padded(f"tu thang {first} {m.group(2).lower()} {(m.group(3) or '').lower()}thang {last}"
                  f"{_year(m.group(5))}", m)


def words_to_digits(folded: str) -> str:
    """`folded` (a folded text, its case kept or not) in lower case, with the numbers of days,
    months and years it says in words written in digits, each padded to its length."""
    low = folded.lower()
    if "thang" not in low and "quy" not in low and "ngh" not in low:
        return low
    text = _DAY.sub(_day, folded)
    text = _DAY_OF.sub(lambda m: padded(f"ngay {number_said(m.group(1))}", m), text)
    text = _MONTH_RANGE.sub(_months, text)
    text = _MONTH_LIST.sub(lambda m: padded("thang " + ", ".join(str(_month(x.group()))
                                                                 for x in _LISTED.finditer(m.group(1))), m),
                           text)
    return _YEAR.sub(lambda m: padded(f"nam {number_said(m.group(1))}", m), text).lower()
