"""The plan's identity: number, issuing body, date of issue, title."""

from __future__ import annotations

import functools
import re
from collections import Counter

from bot.core.textfit import shorten
from bot.domain.planimport.dates import DATE, LONG_DATE, is_cited, make
from bot.domain.planimport.draft import Draft, Found
from bot.domain.planimport.names import ISSUERS, OFFICE_CODES, PROVINCE_BY_KEY, PROVINCIAL
from bot.domain.planimport.text import PlanText, diacritic_share, key, ocr_digits, say

HEAD_LINES = 15  # the header block of a Vietnamese administrative document
# "Số: 3838/KH-SYT" (OCR: "S6:", "So:"); an empty number ("Số: /KH-SYT") is a draft's blank.
_NUMBER = re.compile(r"\bs[o06]\s*:\s*(\d{0,6})\s*/\s*([a-z]{2,5}(?:\s*-\s*[a-z0-9]{2,8}){1,2})",
                     re.IGNORECASE)
_PLACE_DATE = re.compile(r"([A-Za-z][A-Za-z .'-]{1,30}),\s*ngay\b", re.IGNORECASE)
_PLAN_WORD = re.compile(r"^\s*k[ea&]\s*ho[a-z]{1,3}ch\s*$", re.IGNORECASE)
# Where the title stops: the legal bases, "thực hiện …", a section heading, or body text.
_TITLE_STOP = re.compile(r"^\s*(c[a-z]{1,3}n\s+c[a-z]{1,3}\b|thuc hien|nam \d{4} la|i\.\s)",
                         re.IGNORECASE)
_WRITER = re.compile(r"(?:^|[,.;:)]\s*)([^,.;:()]{4,80}?)\s+(?:xay dung|ban hanh)\s+k[ea&]\s*ho",
                     re.IGNORECASE)


def read_header(plan: PlanText, draft: Draft) -> None:
    head = plan.lines[:HEAD_LINES]
    folded_head = [ocr_digits(key(line)) for line in head]
    _number(head, folded_head, draft)
    _issued_on(plan, folded_head, draft)
    _title(plan, draft)
    _issuer(plan, folded_head, draft)


def plan_year(plan: PlanText, draft: Draft) -> int | None:
    """The plan's year: its date of issue, else "năm 2023" in its header or title."""
    if draft.issued_on:
        return draft.issued_on.value.year
    for line in plan.lines[:HEAD_LINES + 10]:
        m = re.search(r"\bn[a-z]{1,3}m\s+(20\d\d)\b", key(line))
        if m:
            return int(m.group(1))
    return None


def _number(head: list[str], folded: list[str], draft: Draft) -> None:
    for i, low in enumerate(folded):
        m = _NUMBER.search(low)
        if not m:
            continue
        office = re.sub(r"\s+", "", m.group(2)).upper()
        if not m.group(1):
            draft.unread.append(say("planimport.header.number_blank", line=i + 1,
                                    text=head[i].strip(), office=office))
            draft.office = office
            return
        draft.plan_number = Found(f"{m.group(1)}/{office}", i + 1)
        draft.office = office
        return
    draft.unread.append(say("planimport.header.no_number"))


def _issued_on(plan: PlanText, folded: list[str], draft: Draft) -> None:
    for i, line in enumerate(folded):
        # "Quảng Ninh, ngày 16 tháng 01" / "năm 2026": a printed header wraps the date, too.
        low = f"{line} {folded[i + 1]}" if i + 1 < len(folded) else line
        m = LONG_DATE.search(low)
        if m and m.start() < len(line):
            day = make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if day:
                draft.issued_on = Found(day, i + 1)
                return
        m = re.search(r"[a-z]{2},\s*ngay\s+" + DATE.pattern, line)  # {2}: linear on long words
        if m and not is_cited(line, m.start(1)) and m.group(3):
            day = make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if day:
                draft.issued_on = Found(day, i + 1)
                return
        if re.search(r"ngay\s+thang\s+nam\s+\d{4}", line):
            draft.unread.append(say("planimport.header.date_blank", line=i + 1))
            return
    draft.unread.append(say("planimport.header.no_date"))


def _title(plan: PlanText, draft: Draft) -> None:
    for i, line in enumerate(plan.lines[:40]):
        if not _PLAN_WORD.match(key(line)):
            continue
        parts, first = [], None
        for j in range(i + 1, min(i + 12, len(plan.lines))):
            text = " ".join(plan.lines[j].split())
            if not text:
                continue
            if _TITLE_STOP.match(key(text)) or (parts and len(text) > 200):
                break
            first = first or j + 1
            parts.append(text)
        if parts:
            title = " ".join(parts)
            title = title[0].upper() + title[1:]
            note = (say("planimport.header.title_without_diacritics")
                    if diacritic_share(title) < 0.08 else "")
            draft.title = Found(shorten(title, 2000, one_line=False), first, note)
            return
    draft.unread.append(say("planimport.header.no_title"))


@functools.cache
def _province_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    return [(pkey, name, re.compile(r"\b" + re.escape(pkey) + r"\b"))
            for pkey, name in PROVINCE_BY_KEY.items()]


def _province(plan: PlanText, folded_head: list[str]) -> tuple[str, int] | None:
    for i, low in enumerate(folded_head):
        m = _PLACE_DATE.search(low)
        if m:
            place = key(m.group(1))
            for pkey, name in PROVINCE_BY_KEY.items():
                if place.endswith(pkey):
                    return name, i + 1
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for number, line in enumerate(plan.lines, start=1):
        low = key(line)
        for pkey, name, pattern in _province_patterns():
            if pkey in low and pattern.search(low):  # the substring first: a long plan has many lines
                counts[name] += 1
                first.setdefault(name, number)
    if counts:
        name = counts.most_common(1)[0][0]
        return name, first[name]
    return None


def _issuer(plan: PlanText, folded_head: list[str], draft: Draft) -> None:
    body, line = None, None
    for para in plan.paras[:30]:
        m = _WRITER.search(para.low)
        if m:
            said = key(m.group(1))
            for ikey in sorted(ISSUERS, key=len, reverse=True):
                at = said.find(ikey)
                if at >= 0 and (at == 0 or said[at - 1] == " "):
                    # "Trung tâm Y tế huyện Hưng Hà": the body's name, then the plan's own words
                    rest = " ".join(m.group(1).split())[at + len(ikey):].strip()
                    original = " ".join(para.text[m.start(1):m.end(1)].split())
                    body = ISSUERS[ikey] + (" " + original[at + len(ikey):].strip() if rest else "")
                    line = para.line_at(m.start(1))
                    break
            if body:
                break
    office = draft.office
    if body is None and office:
        code = office.split("-")[-1]
        if code in OFFICE_CODES:
            body, line = OFFICE_CODES[code], draft.plan_number.line if draft.plan_number else None
    if body is None:
        for i, low in enumerate(folded_head):
            for ikey in sorted(ISSUERS, key=len, reverse=True):
                # OCR glues "SỞ Y TẾ" into "SOY TE" in the header block
                if re.search(r"\b" + re.escape(ikey) + r"\b", low.replace("soy te", "so y te")):
                    body, line = ISSUERS[ikey], i + 1
                    break
            if body:
                break
    if body is None:
        draft.unread.append(say("planimport.header.no_issuer"))
        return
    note = ""
    if body in PROVINCIAL:  # named without its place: the plan's province follows
        province = _province(plan, folded_head)
        if province:
            body = f"{body} {province[0]}"
            note = say("planimport.header.province_at", line=province[1],
                       quote=plan.quote(province[1], 80))
        else:
            draft.unread.append(say("planimport.header.which_province", body=body))
    draft.issuer = Found(body, line, note)
