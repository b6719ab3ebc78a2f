"""The plan's calendar: its span, phases, key dates and reporting deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Container

from bot.core.textfit import shorten
from bot.domain.planimport.dates import (
    DATE,
    D,
    coarse_period,
    dates_in,
    day_of_month,
    find_period,
    find_range,
    is_cited,
    lunar_dates,
    make,
    month_end,
    plus_days,
    resolve,
    week_one,
    weeks_said,
)
from bot.domain.planimport.draft import DeadlineD, Draft, Found, KeyDateD, PhaseD, ThemeD
from bot.domain.planimport.events import dated_events, handed_off
from bot.domain.planimport.names import ISSUERS, NAMED_DAYS, NAMED_WEEKS, SAME_DAY, known_day
from bot.domain.planimport.numwords import number_said
from bot.domain.planimport.ocrfix import bends_to
from bot.domain.planimport.reporting import (
    after_events,
    column_reports,
    days_after,
    head_of,
    is_stage,
    month_weekday_reports,
    period_reports,
    sent_on,
    week_after_phases,
    week_reports,
    with_units,
)
from bot.domain.planimport.spellings import TRUOC, TU
from bot.domain.planimport.text import Para, PlanText, compact_dates, fold, key, ocr_digits, say

# "- Tuần cao điểm: từ ngày 01/4 đến ngày 07/4", "Tháng hành động …: từ 15/4 đến 15/5"
# ("- Đợt cao điểm mùa Đông - Xuân (từ 04/01 đến 28/02/2027): …": a peak named by its season, its
# dates in the bracket)
_NAMED_PHASE = re.compile(r"^\s*(?:[-+•]\s*|[a-d]\)\s*)?(dot\s+cao diem"
                          r"(?:\s+[a-z]+(?:\s*-\s*[a-z]+)?){0,4}?(?=\s*\()|"
                          r"(?:dot|tuan(?: le)?|thang|giai doan)\s+cao diem|"
                          r"thang hanh dong\b[^:(]{0,80}?)\s*(\([^)]{0,60}\))?\s*:")
# the ordinals a phase is numbered by (never "sau": "đợt sau" is the next round)
_ORDINALS = ("mot", "nhat", "hai", "ba", "tu", "nam")
# "Đợt 2", "Giai đoạn II", "Đợt cao điểm thứ nhất" (OCR's "thir nhat" read back as "chu nhat",
# its thứ bent: "tht hai", "the nhat");
# "Chặng 1 - tuần 19 đến tuần 22 (…)" as schools and relays split a term (never "chẳng" bare)
# ("| I | GIAI ĐOẠN 1 (01/3 - 31/5/2027): … |": a table's group row, numbered in Roman figures; OCR
# reads them "1", "Il", "it")
_PHASE = re.compile(r"^\s*(?:\|\s*(?:[ivxlt1]{1,4}|\d)\s*\|\s*|"
                    r"[-+•|]\s*|\d{1,2}\s*\|\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+|[a-d]\)\s*)?"
                    r"((?:dot|giai doan|chang(?=\s+(?:\d{1,2}|[ivx]{1,4})\b)|"
                    # "- Cao điểm thứ nhất: …, từ 20-12-2026 đến …": a season's numbered peaks
                    r"cao diem(?=\s+(?:th[a-z]{0,2}\s+|chu\s+(?=nhat))?(?:\d{1,2}|nhat|hai|ba|tu)\b)|"
                    # "Bước 2 (tháng 3 - tháng 6/2027): …": a step its period follows, in brackets
                    # (its dates: not how long it takes, "Bước 2 (1 tuần): …")
                    r"buoc(?=\s+\d{1,2}\s*\||\s+\d{1,2}\s+(?:thang|quy)\s+\d|"
                    r"\s+\d{1,2}\s*\(\s*(?:tu\s+)?(?:thang|quy|ngay|tuan|\d{1,2}\s*[/.–-])))"
                    r"(?:\s+cao diem)?\s*(?:\d{1,2}|[ivx]{1,4}|"
                    # (its ư's hook read by OCR as a "?": "Đợt cao điểm thu? hai")
                    r"(?:thu\??\s+|th[a-z]{1,2}\s+(?=(?:nhat|hai|ba)\b)|chu\s+(?=nhat))?"
                    r"(?:" + "|".join(_ORDINALS) + r"))\b)")
# "+ Dat 2 (…): tir 01-8 …": OCR's "Đợt" bent, known by the number after the last đợt's
_BENT_DOT = re.compile(r"^\s*(?:[-+•]\s*|\d{1,2}[.)]\s+)?(d[a-z]t)\s+(\d)\b")
# a weekday, "thứ Năm" also as OCR bends its thứ ("thi Nam", "tht Ba")
# ("Chủ nhật" also as OCR bends it: "Cha nhat")
_WEEKDAY = r"(?:ch[a-z]{1,2} nhat|thu\s+[a-z]+|th[a-z]{0,2}\s+(?:hai|ba|tu|nam|sau|bay)\b)"
# "(Chủ nhật, ngày 25/01)"; "Ngày Thị giác thế giới: năm 2026 rơi vào thứ Năm, ngày 08/10/2026"
# "Ngày Sơ cứu thế giới năm 2027 là thứ Bảy, ngày 11/9/2027": that year's date of a moving day
_NAMED = re.compile(r"\bngay\s+([a-z](?:[^\d(),;.:“”\"|]|,\s*(?=chong\b)){2,90}?)\s*"
                    r"(?:\(|:\s*(?:nam\s+\d{4}\s+)?(?:roi\s+vao|la|vao)?|nam\s+20\d\d\s*(?:\(|(?:la|roi\s+vao)\b))?\s*"
                    r"(?:vao\s+)?(?:(?:sang|chieu|toi)\s+)?"  # "… toàn dân vào sáng Chủ nhật 28/3/2027"
                    r"(?:ngay\s+[a-z][a-z ]{1,30}?\s*,\s*(?=\d))?"  # "(Ngày Màu tím, 26/3)": another name
                    r"(?:" + _WEEKDAY + r"\s*,?\s*)?(?:ngay\s+)?" + D
                    + r"(?!\d)")  # no day from a count's thousands' point: "(2.000 tờ)", "(1.012 đơn vị)"
# "(1.5 triệu đồng)", "(2.010 người)": a number with a point a count or money word follows, no day
_COUNTED = re.compile(r"\s*(?:to\b(?!\s+chuc)|nguoi|don vi|trieu|nghin|dong\b(?!\s+(?:loat|thoi))|luot)\b")
# "- 20/10: Ngày Loãng xương thế giới;"
_LISTED_DAY = re.compile(r"^\s*[-+•]?\s*" + D + r"\s*[:–-]\s*ngay\s+([a-z][^;.()]{2,60})")
# an OCR'd table's cell cut after "Ngày" ("… hưởng ứng Ngày | Trạm Y tế xã"), its name and bracketed
# day in a paragraph of their own below ("Thính giác thế giới (03/3)"): the last line above has a
# bare capital "Ngày" (at its end, or before the next cell's capital word that is no known day's
# name), and the name is a known day's on that date
_CUT_DAY_NAME = re.compile(r"\s*([a-z][^\d(),;.:|]{2,80}?)\s*\(\s*(\d{1,2})\s*/\s*(\d{1,2})\s*\)")
_BARE_NGAY = re.compile(r"\bNgay\b(?:\s*[|;]?\s*(?=[A-Z])|\s*$)")
# "Tuần lễ … (29/4 - 06/5)", "Tháng hành động … (15/4 - 15/5)", "(01 - 07/8/2026)": its first
# day (the month of the last when it has none), and the last
# ("Tuần lễ" also as OCR reads it: "Tuan 14 Tiém ching …")
_WEEK = re.compile(r"\b(tuan le|tuan 1[4e](?= [a-z])|thang hanh dong)\s+"
                   r"([a-z](?:[^\d(),;.:“”\"]|,\s*(?=chong\b)){2,80}?)"
                   r"(?:\s+nam\s+20\d\d)?"  # "Tháng hành động … năm 2026 (từ ngày 15/4 …)"
                   r"\s*(?:\(\s*|,?\s*(?=tu\s))(?:tu\s+)?(?:ngay\s+)?"  # "(…)", or "từ ngày … đến ngày …"
                   r"(\d{1,2})(?:(?:\s*/\s*|[.-])(\d{1,2}))?(?:(?:\s*/\s*|[.-])\d{4})?"
                   r"\s*(?:-|–|den)\s*(?:ngay\s+)?" + D + r"(?![\d/])")
# A phase table's row whose period cell is a national week or month the next cell names:
# "Đợt 1 | 15/4 - 15/5/2027 | Tháng hành động vì an toàn thực phẩm: …" (also flattened by OCR)
_WEEK_CELL = re.compile(r"^\s*\|?\s*(?:(?:dot|giai doan)\s+[\divx]{1,4}\s*\|?\s*)?"
                        r"(\d{1,2})\s*/\s*(\d{1,2})\s*(?:-|–|den)\s*(\d{1,2})\s*/\s*(\d{1,2})"
                        r"(?:\s*/\s*(\d{4}))?\s*\|?\s*(tuan le|thang hanh dong)\s+"
                        r"([a-z][^|:;.()\d]{2,80}?)\s*(?::|\||$)")
# "ngày 13/8 hằng năm là Ngày Hiến tạng thế giới", "vào ngày 08/10/2026 (Ngày Thị giác thế giới)":
# the date first, then the day's name
# "ngày 22/3/2027, Ngày Nước thế giới, tổ chức …": the day's name set off by commas, too
_DAY_FIRST = re.compile(r"\bngay\s+" + D + r"\s*(?:\(\s*|,\s*|(?:hang nam\s+)?la\s+)ngay\s+"
                        r"([a-z](?:[^\d(),;.:“”\"]|,\s*(?=chong\b)){2,80}?)\s*(?=[):;,.]|$)")
_PEAK = re.compile(r"(?:tap trung|cao diem)[^.;]{0,40}?(?:tuan|7 ngay)\s+(?:le\s+)?truoc,?\s+"
                   r"trong\s+va\s+sau\s+(?:ngay\s+)?")
# "… duy trì suốt thời gian thực hiện, tập trung cao điểm từ 15-02-2027 đến 15-4-2027"
# "Thời gian cao điểm: từ …", "(…) trong thời gian cao điểm (từ …)", "…, cao điểm từ …"
# "Các hoạt động duy trì suốt thời gian thực hiện", "truyền thông thường xuyên"
_THROUGHOUT = re.compile(r"\b(?:duy tri|thuong xuyen|suot|lien tuc|ca nam)\b")
_PEAK_RANGE = re.compile(r"(?:\b(?:dot|thang|tuan|giai doan|thoi gian|thoi ky|chien dich)\s+"
                         r"cao diem\b[^.;]{0,60}?|"
                         # ("tập trung cao điểm vào Tháng hành động … từ …": the period it names, its range)
                         r"\btap trung\s+(?:vao\s+)?cao diem\s+"
                         r"(?:vao\s+(?=thang|tuan|dot)[^.;()\d]{0,80}?\s)?|"
                         r"(?:^|[.,;:]\s*|-\s+)cao diem\b[^.;()]{0,40}?)"
                         r"(?:\(\s*)?(?=\btu\s)")
# "Từ 04-01-2027 đến 31-12-2027. Trong đó tổ chức Chiến dịch cao điểm …": a peak within the span's work
# (its "tổ chức" as OCR may bend it: "té chic", two short words)
_WITHIN = re.compile(r"\btrong (?:do|thoi gian (?:nay|tren))\b,?\s+(?:(?:se\s+)?[a-z]{2,4}\s+[a-z]{3,5}\s+)?"
                     r"(?:cac\s+)?\S?$")
_EVENT = re.compile(r"\b(le phat dong|le mit tinh|mit tinh|hoi nghi tong ket|hoi nghi so ket|"
                    r"le ky niem|le ra quan|hoi thi|phat dong|ngay hoi|le tuyen duong|le trao giai|"
                    # "… tổ chức đợt khám da liễu miễn phí … vào ngày 18/7/2027": a screening day
                    r"di bo dong hanh|le ton vinh|chung ket|(?:dot|buoi) kham)\b"
                    r"[^.;|]{0,140}?\b(?<!tu )(?:vao\s+)?ngay\s+" + D)
_DUE_BEFORE = re.compile(r"\b(?:" + TRUOC + r"|cham nhat(?: la)?|han(?: chot)?)\s+(?:vao\s+)?ngay\s+$")
# an event on a day without its year, held for a named day right after it: the named day, yearly
_HONOURS = re.compile(r"\s*,?\s*(?:hu[a-z]{1,3}ng ung|nhan dip|nhan|chao mung)\s+"  # OCR: "huseng ung"
                      r"(ngay\s+[a-z][^;.,()]{3,60}?)\s*(?=[;.,(]|$)")
# "a) Gặp mặt, tôn vinh thầy thuốc tiêu biểu: tổ chức vào ngày 25/02/2026": an item's one-off event
# "b) Hội nghị … du lịch tổ chức ngày 25/6/2026 tại …": the same without the colon
_ITEM_EVENT = re.compile(r"^\s*(?:[a-d]\)|[-+•]|\d{1,2}[.)])\s*([^:;.]{5,100}?)\s*"
                         r"(?::\s*(?:[^.;]{0,40}?\s)?|\s)(?:to chuc|dien ra)\s+(?:vao\s+)?ngay\s+" + D)
# "…; khám sàng lọc miễn phí ngày 04/4/2026 (thứ Bảy)": a clause's one-off event, its weekday said
# or said before it ("…; khám … miễn phí cho 300 người vào thứ Bảy, ngày 17/10/2026")
# (an item's too, "5. Ra quân … vào Chủ nhật, ngày 06/9/2026"; "… vào sáng Chủ nhật, 20/9/2026")
# ("- Khám sàng lọc … cho người lao động: Thứ Bảy, ngày 17/4/2027": the item, a colon, its day)
_WEEKDAY_EVENT = re.compile(r"(?:^\s*(?:\d{1,2}[.)]\s*|[-+•]\s*|[a-d]\)\s*)?|[;:]\s*)"
                            r"([a-z][^;:.()]{4,120}?)(?:\s*:\s*|\s+)(?:vao\s+)?"
                            r"(?:ngay\s+" + D + r"\s*\(\s*" + _WEEKDAY + r"\s*\)|"
                            r"(?:(?:sang|chieu|toi)\s+)?" + _WEEKDAY + r"\s*,\s*(?:ngay\s+)?" + D + ")")
# "Thời gian:", "Thời điểm:", "Ngày tổ chức:": a label before a weekday's date names no event
_TIME_LABEL = re.compile(r"(?:thoi gian|thoi diem|ngay to chuc|ngay thuc hien)(?: to chuc| thuc hien)?")
_DN = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
_TIME = r"(?:\d{1,2}\s*(?:h|gio)\s*(?:\d{2}\s*(?:phut\s*)?)?,?\s*)?"  # "trước 16 giờ ngày 30/11"
# "trước" also as OCR bends its ước (ocrfix.TRUOC)
# "trước ngày 31-7-2027 (kết quả Chiến dịch) và ngày 15-12-2027 (cả năm)": each date's report named
_SAID = r"(?:\s*\((?![^()]*\d\s*[/.-]\s*\d)[^()]{2,40}\))?"
# ("(hạn 10-01-2027 và 25-02-2027)" after a report: its due dates; a "hạn" opening a bracket or a
# clause, not a word's last syllable: "giới hạn", "có hạn")
# ("báo cáo nhanh … vào sáng mùng 6 Tết": a quick report's morning is its deadline, see _MORNING_REPORT)
# (so is "vào các ngày 15/3, 15/6 và 15/9" right after "báo cáo kết quả …": that report's own days;
# one "vào ngày" is a report cited, "báo cáo nhanh … vào ngày 10/10 cho thấy")
_DUE = re.compile(r"\b(?:" + TRUOC + r"|cham nhat(?: la)?(?: vao)?|han chot|thoi han|vao\s+(?:sang|chieu)|"
                  r"vao(?=\s+cac\s+ngay\s+\d)|"
                  r"(?<![a-z] )han(?=\s+(?:ngay\s+)?\d))\s+" + _TIME
                  + r"(?:(?:cac\s+)?ngay\s+)?("
                  + _DN + r"(?:" + _SAID + r"\s*(?:,|;|va)\s*(?:ngay\s+)?" + _DN + r")*)")
# "vào sáng/chiều" is a deadline only right after a report sent ("báo cáo nhanh|kết quả …"), not a
# speaker's ("báo cáo viên … trình bày vào sáng …") nor a report given at an event in the clause
# "họp giao ban vào ngày cuối cùng hằng tháng", "ra quân vào các ngày 15/4, 15/7": the day is the
# event's said last before it in the sentence, not a report's (a report after it takes the day back)
# (not "tổng hợp", "báo cáo sơ kết": a report's own words)
_EVENT_BEFORE = re.compile(r"\b(?:cuoc hop|giao ban|hoi nghi|hoi thao|mit tinh|ra quan|tong ve sinh|"
                           r"phat\s+to\s+roi)\b(?![^;.]*\bbao cao\b)[^;.]*$")
# "theo báo cáo kết quả … vào các ngày 15/3, 15/6", "… vào các ngày … cho thấy": a report cited
_CITED_BEFORE = re.compile(r"\b(?:theo|tu|qua|can cu)\s+(?:cac\s+)?bao cao\b[^;.]*$")
_CITED_AFTER = re.compile(r"[^;.]{0,30}\b(?:cho thay|ghi nhan|cho biet)\b")
_MORNING_REPORT = re.compile(r"\bbao cao\s+(?:nhanh|ket qua)\b(?![^;.]*\b(?:hoi nghi|hoi thao|tap huan|"
                             r"le\s+(?:hoi|ky niem|phat dong|ra quan)|mit tinh|trinh bay|to chuc)\b)[^;.]*$")
# "trước ngày 25 hằng tháng", "trước ngày 20 của tháng cuối quý"
# "trước ngày 10 của tháng đầu quý sau": the report on the quarter just ended
# "trước ngày 05 của tháng sau": the report on each month, in the month after it
# (trước and của as OCR bends them: "true", "trude"; "cha", "ciia": _DUE's, and a c-word before tháng)
# ("vào ngày 22 hằng tháng", "vào ngày 05 của tháng đầu quý sau": on the day itself, said so of a
# monthly or a quarter's report only; "vào ngày 25 của tháng cuối mỗi quý": of the quarter itself)
# "tháng đầu mỗi quý", "tháng đầu của hằng quý": the first month of each quarter (quý follows)
_EACH_OPENING = r"thang\s+dau\s+(?:cua\s+)?(?:moi|hang)\s+"
# ("trước ngày 05 của tháng đầu mỗi quý": the quarter's own, due as it opens)
_RECURRING = re.compile(r"\b(?:" + TRUOC + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?|"
                        r"vao(?=\s+ngay\s+\d{1,2}\s+(?:hang\s+thang|(?:cua\s+)?thang\s+dau\s+(?:cua\s+)?quy\s+sau|"
                        r"(?:cua\s+)?thang\s+cuoi\s+(?:moi\s+)?quy)\b))"
                        r"\s+ngay\s+"
                        r"(\d{1,2})\s+(?:hang\s+(thang)|(?:c[a-z]{1,3}\s+)?"
                        r"thang\s+cuoi\s+(?:moi\s+)?(quy)|hang\s+(quy)|(?:c[a-z]{1,3}\s+)?thang\s+dau\s+(?:cua\s+)?"
                        r"(quy)\s+(?:sau|tiep theo|ke tiep)|(?:c[a-z]{1,3}\s+)?(thang)\s+(?:lien\s+)?"
                        r"(?:sau|tiep theo|ke tiep)"
                        r"(?!\s+(?:khi\s+|ngay\s+|thang\s+)?(?:ket thuc|hoan thanh))|"
                        r"(?:c[a-z]{1,3}\s+)?" + _EACH_OPENING + r"(quy))\b")
# "vào ngày cuối cùng hằng tháng", "trước ngày cuối hằng tháng", "ngày cuối cùng của tháng sau": a
# month's last day, read as day 31 (day_of_month clamps it) in as many characters, so positions hold
# (not "ngày cuối cùng của đợt", nor a month's last working day; OCR bends it: "cudi cling")
_LAST_DAY = re.compile(r"\bngay\s+(cu[a-z]{1,2}i(?:\s+c[a-z]{1,3}ng)?)(?=\s+(?:hang\s+thang|"
                       r"(?:c[a-z]{1,3}\s+)?thang\s+(?:lien\s+)?(?:sau|tiep theo|ke tiep))\b)")
# "báo cáo … mỗi tháng một lần, trước ngày cuối cùng của tháng": a monthly report due the last day of
# the month it reports, rewritten "ngày 31 hằng tháng" in as many characters (not "của tháng 6", a
# month named, nor "của tháng sau" or "tháng cuối quý", read above)
_LAST_OF_ITS_MONTH = re.compile(r"\bngay\s+(cu[a-z]{1,2}i(?:\s+c[a-z]{1,3}ng)?\s+c[a-z]{1,3}\s+thang)\b"
                                r"(?=\s*(?:[,.;)]|$|ve\b|gui\b|cho\b))")
# "mỗi tháng một lần, trước …", "hằng tháng về Phòng trước …": the monthly report's own due day, not
# another task's a comma later ("báo cáo hằng tháng, họp giao ban trước ngày cuối cùng của tháng")
_OWN_DUE_REACH = 240  # characters before the due day where the report's monthly words are looked for
_ITS_OWN_DUE = re.compile(r"[^,.;]{0,60}(?:,\s*)?(?:" + TRUOC + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?|vao)?\s*")
# "báo cáo theo quý trong 05 ngày đầu của tháng đầu quý sau", "trong 10 ngày đầu tháng sau": by that
# day of the month, rewritten "trước ngày 05" in as many characters
_FIRST_DAYS = re.compile(r"\btrong\s+(?:vong\s+)?(\d{1,2})\s+ngay\s+dau(?:\s+tien)?(?=\s+(?:c[a-z]{1,3}\s+)?"
                         r"thang\s+(?:dau\s+(?:cua\s+)?quy\s+|lien\s+)?(?:sau|tiep theo|ke tiep)\b)")
# "trước ngày 25 các tháng 5, 6, 8 và 9 năm 2027": a monthly report due only in the months listed
# (or on that day, "báo cáo … vào ngày 20 các tháng 5, 8 và 11 năm 2027")
_LISTED_MONTHS = re.compile(r"\b(?:" + TRUOC + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?|vao)\s+ngay\s+(\d{1,2})\s+"
                            r"(?:cua\s+)?cac\s+thang\s+(\d{1,2}(?:\s*(?:,|va)\s*\d{1,2})+)"
                            r"(?:\s*(?:/|nam)\s*(20\d\d))?")
# "Báo cáo … hằng tháng trong thời gian hai đợt (các tháng 01, 02, 3, 6, 7 và 8/2027) về … trước ngày
# 25 của tháng": the months listed first, then the day of each (OCR may drop a comma: "6 7 và 8")
_MONTHS_THEN_DAY = re.compile(r"\bcac\s+thang\s+(\d{1,2}(?:(?:\s*,\s*|\s+va\s+|\s+)\d{1,2})+)\s*(?:/|nam)\s*"
                              r"(20\d\d)\b[^.;()]{0,5}\)?[^.;()]{0,100}?\b(?:" + TRUOC
                              + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?)\s+ngay\s+(\d{1,2})\s+"
                              r"(?:cua\s+)?(?:(?:moi|hang|cac)\s+)?thang\b(?!\s*(?:/|\d|sau|lien|tiep|ke|dau|cuoi))")
# "Thay quy định tại Mục IV.3 … ("báo cáo trước ngày 20 của tháng cuối quý") bằng quy định sau": an
# amending plan quotes the rule it replaces; the quoted words are no rule of its own ("bằng" also as
# OCR bends it: "hang")
_REPLACED_QUOTE = re.compile(r"\bthay\b(?:[^.;\"“]|\.(?=\d)){0,80}?([\"“][^\"”]{1,200}[\"”])"
                             r"(?=\s*\)?\s*(?:[bh]ang|thanh)\b)")
# "trước ngày 20 của các tháng chẵn, bắt đầu từ tháng 4/2027; riêng kỳ tháng 12 thay bằng báo cáo
# tổng kết năm": a report every two months, on the even (or odd) months from the one said
_EVEN_MONTHS = re.compile(r"\b(?:" + TRUOC + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?|vao)\s+ngay\s+(\d{1,2})\s+"
                          r"(?:cua\s+)?cac\s+thang\s+(chan|le)\b")
_FROM_MONTH = re.compile(r"[^.;]{0,40}?\bbat dau\s+(?:" + TU + r"\s+)?(?:thang\s+)?(\d{1,2})\s*/\s*(20\d\d)")
_MONTH_REPLACED = re.compile(r"\b(?:ky\s+)?thang\s+(\d{1,2})\s+(?:duoc\s+)?thay\s+bang\b")
# "tổng hợp số trẻ được sàng lọc gửi Trung tâm … trước ngày 05 hằng tháng": figures sent each month
# are a monthly report though the plan does not call them one; "gửi danh sách … trước ngày 15 của tháng
# cuối quý": so is what is sent each quarter, a quarterly one ("nộp" as OCR's mender may read it
# back: "nạp")
# "họp vào ngày 25 hằng tháng để nghe báo cáo": a meeting on that day hears reports, it sends none
_HEARS = re.compile(r"[^.;]{0,60}?\bnghe\b")
# (not money or children: "nộp đoàn phí", "nạp tiền nước", "gửi trẻ đi khám")
# "cung cấp số liệu … theo quý, trước ngày 10 của tháng đầu quý kế tiếp": so are figures provided each
# quarter, due as the next one opens (not drugs or services provided: "cung cấp thuốc", "cung cấp suất ăn")
_SENT_MONTHLY = re.compile(r"\b(?:(?:gui|nop|nap|tong hop)\b"
                           r"(?!\s+(?:tien|phi|doan phi|dang phi|hoi phi|tre)\b)"
                           r"|cung cap\s+(?:cac\s+)?(?:so lieu|du lieu|bao cao|ket qua)\b)"
                           r"[^.;]{0,80}?\b(?:" + TRUOC
                           + r"|vao)\s+ngay\s+\d{1,2}\s+"
                           r"(?:hang\s+thang|(?:cua\s+)?thang\s+cuoi\s+(?:moi\s+)?quy|"
                           r"(?:cua\s+)?" + _EACH_OPENING + r"quy|"
                           # ("quý sau khi được duyệt": after something, not the next quarter)
                           r"(?:c[a-z]{1,3}\s+)?thang\s+dau\s+(?:cua\s+)?quy\s+"
                           r"(?:sau(?!\s+khi\b)|tiep theo|ke tiep))\b")
# "báo cáo … hằng tháng, trước ngày 25, từ tháng 3 đến tháng 10/2027", "… hằng tháng về Trung tâm trước
# ngày 20 (từ tháng 3 …)": the period said first, the day after it with nothing of a month behind it
# (not a day a month or quarter said between dates, "hằng tháng, riêng tháng 12 gửi trước ngày 15",
# "hằng tháng và hằng quý, trước ngày 15 quý sau", nor one whose month follows it, "ngày 15 T6/2027")
_MONTHLY_FIRST = re.compile(r"\bhang\s+thang\b(?:(?!thang\s+\d|quy\b|rieng\b)[^.;]){0,120}?\b(?:" + TRUOC
                            + r")\s+ngay\s+(\d{1,2})\b(?!\s*(?:[/.-]\s*\d|th?\s*\d|"
                            r"(?:thang|hang|cua|moi|cac|nam|quy|sau|dau|cuoi)\b))")
# "các khoa, phòng gửi kết quả thực hiện về Phòng … hằng quý, trước ngày 20 của tháng cuối quý": results
# sent each month or quarter are a report though the clause does not call them one (its verb as OCR
# may bend it, "phòng sử kết quả thực hiện về …": results "về" a unit are sent)
_SENT_RESULTS = re.compile(r"\b(?:(?:gui|nop)\s+ket qua|ket qua(?:\s+[a-z]+){0,3}\s+ve)\b[^.;]{0,80}?"
                           r"\bhang\s+(?:thang|quy)\b")
# "thống kê … gửi Phòng … trước ngày 05 của tháng sau, từ tháng 10/2026 đến tháng 5/2027": figures
# sent by the month-after rule over a range of months are each month's, though no "báo cáo" or
# "hằng tháng" says so (a report "sau mỗi đợt" names no range of months); so is a report, "báo cáo số buổi
# … trước ngày 05 của tháng sau, từ tháng 3 đến tháng 10 năm 2027"; the range ends the clause
# ("… trước ngày 10 của tháng sau, từ tháng 6 đến tháng 8 tổ chức lớp bơi": the classes' months)
# ("Căn cứ báo cáo năm 2026, các trạm tổ chức … trước ngày 05 của tháng sau, …": a report cited is no verb)
# "(từ số liệu tháng 01 đến số liệu tháng 11/2027)", "từ kỳ báo cáo tháng 3 …": the months named by
# what is sent (OCR's mender may make that "từ" a word, "tin")
_MONTHS_OF = r"(?:(?:ky\s+)?bao cao|so lieu|ket qua)"
_SENT_NEXT_MONTH = re.compile(r"\b(?:gui|nop|tong hop|(?<!can cu )(?<!theo )bao cao(?!\s+so\s+\d))\b"
                              r"[^.;]{0,80}?\b(?:" + TRUOC
                              + r")\s+ngay\s+\d{1,2}\s+"
                              r"(?:c[a-z]{1,3}\s+)?thang\s+(?:lien\s+)?(?:sau|tiep theo|ke tiep)"
                              r"\s*(?:,\s*)?(?:\(\s*)?(?:(?:" + TU + r"|tin(?=\s+" + _MONTHS_OF + r"))\s+)?"
                              r"(?:" + _MONTHS_OF + r"\s+)?thang\s+\d{1,2}(?:\s*/\s*20\d\d)?"
                              r"\s+(?:den|toi)\s+(?:het\s+)?(?:" + _MONTHS_OF + r"\s+)?thang\s+\d{1,2}"
                              r"(?:\s*/\s*20\d\d)?(?=\s*(?:[.;,()]|$))")
# "… tháng cuối quý II, quý III và quý IV/2027.": the quarters said on with no brackets, ending the clause
# ("quý I, II và quý III năm 2026 đã gửi đủ", "quý I, II là thời gian cao điểm": the next words' quarters)
_QUARTERS_SAID_ON = re.compile(r"\s+((?:iv|i{1,3})(?:\s*(?:,|va)\s*(?:quy\s+)?(?:iv|i{1,3}))+)\b"
                               r"(?:\s*/\s*20\d\d)?\s*(?=[.;\n]|$)")
# "báo cáo kết quả Giai đoạn 1 và Giai đoạn 2 … trước ngày 05 của tháng kế tiếp (05/6/2027 và
# 05/9/2027)": the rule's own dates, in brackets right after it
_RULE_DATES = re.compile(r"\s*\(\s*(?:ngay\s+)?(" + _DN + r"(?:\s*(?:,|;|va)\s*(?:ngay\s+)?" + _DN
                         + r")*)\s*\)")
# the monthly report the "of the month after" rule is for ("báo cáo kết quả hằng tháng …")
# ("báo cáo số ca, nội dung tư vấn của tháng về …": the report of the month, its name ending there)
_MONTHLY = re.compile(r"\b(?:hang|moi|theo|tung)\s+thang\b|\bbao cao\s+(?:ket qua\s+)?thang\b|"
                      r"\bbao cao\b[^.;]{0,60}?(?<!cung )(?<!cuoi )(?<!cling )\bcua\s+thang\b"
                      r"(?=\s*(?:[,.;]|ve\b|gui\b|cho\b|$))")
# "(báo cáo Quý IV thay bằng báo cáo tổng kết)", "(quý I/2027 thay bằng …)": that quarter's report
# is the final one; "kết quả tháng 11 gửi cùng báo cáo tổng kết", "số liệu tháng 6 tổng hợp vào
# báo cáo tổng kết": so is that month's
# ("gửi cùng" as OCR bends it: "gui cling"; "quý IV báo cáo chung trong báo cáo năm")
_FOLDED = (r"\s+(?:duoc\s+)?(?:thay\s+bang|"
           r"(?:gui|nop|bao cao)\s+(?:c[a-z]{1,4}|chung|kem)(?:\s+voi|\s+theo|\s+trong|\s+vao)?|"
           r"(?:gop|dua)\s+(?:chung\s+)?vao|tong\s+hop\s+(?:vao|trong|chung\s+(?:voi|vao))|"
           r"long\s+ghep\s+(?:vao|trong)|kem\s+(?:theo|vao|voi|trong))\s+bao cao\b")
_QUARTER_FOLDED = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\b(?:\s*/\s*\d{4})?" + _FOLDED)
# "quý II và quý IV được thay bằng số liệu gửi kèm báo cáo 6 tháng, báo cáo năm": quarters, opening
# their clause (no subject: "kế hoạch quý III …", "từ quý II …"), whose figures another report carries
_QUARTERS_REPLACED = re.compile(r"(?:^|[;:]\s*|\.\s+)(?:rieng\s+)?quy\s+((?:iv|i{1,3}|[1-4])(?:\s*(?:,|va)\s*"
                                r"(?:quy\s+)?(?:iv|i{1,3}|[1-4]))*)\b(?:\s*/\s*\d{4})?\s+(?:duoc\s+)?"
                                r"thay\s+bang\s+(?:phan\s+)?(?:so lieu|ket qua|noi dung)\b[^.;]{0,30}?"
                                r"\b(?:kem|trong|cung|vao)\b[^.;]{0,12}?\bbao cao\b")
# "riêng quý IV báo cáo năm", "quý II và quý IV thực hiện báo cáo 6 tháng (trước ngày …) và báo cáo
# năm (…)": those quarters' reports are the half-year and the year's, not quarterly ones
_A_QUARTER = r"quy\s+(iv|i{1,3}|[1-4])\b(?:\s*/\s*20\d\d)?\s+"
_REPORTED_AS = r"(?:(?:thuc hien|gui|lam)\s+)?bao cao\s+"
_QUARTER_AS_YEAR = re.compile(r"\b" + _A_QUARTER + _REPORTED_AS + r"(?:tong ket\s+)?(?:ca\s+|cuoi\s+)?nam\b")
_QUARTERS_AS_HALF_YEAR = re.compile(r"\b" + _A_QUARTER + r"va\s+" + _A_QUARTER + _REPORTED_AS
                                    + r"(?:so ket\s+)?(?:6|sau)\s+thang\b"
                                    r"[^.;]{0,60}?\bva\s+(?:bao cao\s+)?(?:tong ket\s+)?(?:ca\s+)?nam\b")
# "báo cáo quý II thay bằng báo cáo sơ kết 6 tháng, …": the half-year report falls due on that
# quarter's day, unless the plan dates it ("báo cáo sơ kết 6 tháng trước ngày 15/6")
_HALF = re.compile(r"\s*(?:(?:so ket\s+)?(?:6|sau)\s+thang\b|so ket\b)")
# "báo cáo 6 tháng thay (cho) báo cáo quý II": the half-year report named first, on that quarter's day
_HALF_FOR = re.compile(r"\b(?:so ket\s+)?(?:6|sau)\s+thang\s+thay\s+(?:cho\s+)?(?:bao cao\s+)?"
                       r"quy\s+(iv|i{1,3}|[1-4])\b")
_HALF_DATED = re.compile(r"\b(?:so ket|6 thang|sau thang)\b(?:(?!bao cao)[^;]){0,60}?"
                         r"\b(?:" + TRUOC + r"|cham nhat|han)\s+(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}")
_MONTH_FOLDED = re.compile(r"\b(?:ket qua|so lieu|bao cao)\s+thang\s+(\d{1,2})\b(?:\s*/\s*\d{4})?"
                           + _FOLDED)
_UNIT_WORDS = re.compile(r"\b(?:(?:cac|moi|nhung)\s+)?(?:don vi|trung tam|tram|phong|khoa|benh vien|"
                         r"co quan|ttyt|cdc|so)\b")
_CLAUSE = re.compile(r"[^;]+")
# "Xây dựng kế hoạch … của đơn vị, gửi về Sở Y tế trước ngày 20/01/2026"
_SEND_PLAN = re.compile(r"\bke hoach\b[^.;]{0,80}?\bgui\b[^.;]{0,60}?\btruoc\s+(?:ngay\s+)?(" + D + ")")
# "…; gửi kết quả khám sàng lọc về Trạm Y tế phường trước ngày 30/10/2026": results sent (not a list of names)
# (its verb as OCR may bend it: "gti", read back as "cũ"); "tổng hợp kết quả khảo sát gửi Ban Giám
# hiệu trước ngày 30/9/2026": sent to whom; "…; giáo viên chủ nhiệm nộp kết quả về …": who sends
# it and the verb, up to five words before it; or a task item of its own ("- Gửi kết quả … về …")
_SEND_RESULT = re.compile(r"(?:^[-+•]?\s*|[;:,]\s*)(?:[a-z]{2,6}\s+){0,5}((?:ket qua|so lieu)\b[^.;]{0,80}?"
                          r"\b(?:ve|gui)\s[^.;]{0,60}?)\s+truoc\s+(?:ngay\s+)?(" + D + ")")
# "…; gửi danh sách bếp ăn đang hoạt động về Chi cục trước ngày 15/01/2027 và trước ngày 15/9/2027":
# a list of what the plan is about, sent by its dates, or on them ("… về Trạm vào ngày 15-3 và ngày
# 29-3-2027") (a bare "gửi danh sách về …" after naming staff is who they chose, not a
# submission); its verb as OCR may bend it ("tu danh sach"); "lập danh sách … gửi Phòng … trước ngày
# 15/3/2027": sent to whom, no "về"
# (not a list received or followed, "nhận/theo danh sách … gửi từ …"; nor something else sent with it,
# "gửi kèm/tin nhắn/giấy mời/thư")
_SEND_LIST = re.compile(r"(?:^|[;:]\s*)(?:(?!(?:nhan|theo)\s)[a-z]{2,4}\s+)?"
                        r"(danh sach\s+(?!ve\b)[a-z][^.;]{2,80}?)\s+"
                        r"(?:ve|gui(?!\s+(?:tu|tin|nhan|kem|giay|thu)\b))\s[^.;]{0,60}?"
                        r"\b(?:truoc|vao)\s+(?:ngay\s+)?(" + _DN
                        + r"(?:\s*(?:,|va)\s*(?:truoc\s+)?(?:ngay\s+)?" + _DN + r")*)")
# "Báo cáo nhanh sau mỗi đợt … trong vòng 05 ngày kể từ ngày kết thúc đợt"
# (the days also said first: "chậm nhất 07 ngày sau khi kết thúc mỗi đợt"; OCR: "két thic mdi dot")
# (also "trong 10 ngày sau khi kết thúc giai đoạn", "trong thời hạn 05 ngày kể từ ngày kết thúc mỗi giai
# đoạn": a phase called giai đoạn, the window said with a bare "trong")
_AFTER_PHASE = re.compile(r"\b(?:trong(?:\s+(?:vong|thoi han))?|sau|cham nhat(?: la)?)\s+(\d{1,2})\s+ngay\s+"
                          r"(?:lam viec\s+)?"
                          r"(?:ke tu|sau)\s+(?:ngay\s+|khi\s+)?(?:(?:ket th[a-z]{1,2}c|ke thuc)\s+"
                          # (not "… kết thúc đợt kiểm tra": a round of inspections, not the plan's phases)
                          # (nor "kết thúc giai đoạn 1, …": one phase, said by its number or name)
                          r"(?:m[a-z]{1,2}i\s+|tung\s+)?(?:dot|giai doan)\b"
                          r"(?!\s+(?:kiem tra|thanh tra|giam sat|\d|[ivx]{1,4}\b|cao diem))|"
                          # ("chậm nhất 10 ngày sau khi đợt kết thúc": the phase said before its end)
                          r"(?<=khi )(?:m[a-z]{1,2}i\s+|tung\s+)?(?:dot|giai doan)\s+ket th[a-z]{1,2}c\b)")
# "báo cáo … vào ngày cuối cùng của mỗi đợt", "trước ngày kết thúc từng giai đoạn": each phase's report
# on its own last day (not "ngày cuối của đợt tập huấn": one event, no "mỗi"; nor a round of inspections)
_ON_PHASE_END = re.compile(r"\b(?:vao|truoc|cham nhat(?: la)?(?: vao)?)\s+ngay\s+"
                           # (as OCR bends it: "ngày cudi cling cla mdi đợt")
                           r"(?:cu[a-z]{1,2}i(?:\s+c[a-z]{1,3}ng)?(?:\s+c[a-z]{1,3})?|ket thuc)\s+"
                           r"(?:m[a-z]{1,2}i|tung|cac)\s+"
                           r"(?:dot|giai doan)\b"
                           r"(?!\s+(?:kiem tra|thanh tra|giam sat)\b)")
# "báo cáo … kết quả từng giai đoạn chậm nhất ngày 10 của tháng liền sau khi kết thúc giai đoạn": a
# report on each phase, on that day of the month after the phase ends (also "của tháng liền sau tháng kết
# thúc đợt")
_MONTH_AFTER_PHASE = re.compile(r"\bngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(?:lien\s+|ngay\s+)?"
                                r"(?:sau|ke tiep|tiep theo)\s+(?:khi\s+|ngay\s+|thang\s+)?ket thuc\s+"
                                r"(?:moi\s+|tung\s+|cac\s+)?(?:giai doan|dot)\b")
# "báo cáo kết quả … vào ngày 25 của tháng cuối mỗi đợt": each phase's report, on that day of the month
# the phase ends in (the report in the same clause before it; not "mỗi đợt kiểm tra": a round of inspections)
_LAST_MONTH_OF_PHASE = re.compile(r"\bbao cao\b[^.;]{0,80}?\b(?:" + TRUOC
                                  + r"|vao|cham\s+nhat(?:\s+la)?)\s+ngay\s+(\d{1,2})\s+"
                                  r"(?:c[a-z]{1,3}\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi|tung|cac)\s+"
                                  r"(?:giai doan|dot)\b"
                                  r"(?!\s+(?:kiem tra|thanh tra|giam sat|\d|[ivx]{1,4}\b|cao diem))")
# "tổ trưởng gửi danh sách … về Phòng Y tế trước ngày 28 của các tháng có đợt": that day of each month
# the dated phases run in, not of the gaps between them
_PHASE_MONTHS = re.compile(r"\b(?:" + TRUOC + r"|cham\s+nhat(?:\s+la)?(?:\s+vao)?|vao)\s+ngay\s+(\d{1,2})\s+"
                           r"(?:cua\s+)?(?:cac|nhung|moi)\s+thang\s+(?:co|trong|thuoc|cua)\s+(?:cac\s+)?"
                           r"(?:dot|giai doan)\b")
# "…; nộp danh sách học viên đạt yêu cầu trước ngày 12/5/2027": a list handed in by its date, where
# to said before or not at all (OCR bends the verb: "ndp", "n6p"); the date closes the clause and
# follows no participle ("danh sách trẻ sinh trước ngày …", "… tiêm trước ngày … để …": its members')
_HAND_IN_LIST = re.compile(r"(?:^|[;:]\s*)n[o6d0]p\s+(danh sach\s+(?!ve\b)[a-z](?:(?!\bve\s)[^.;]){2,80}?)"
                           r"(?<!\bsinh)(?<!\btiem)(?<!\bdang ky)(?<!\bmac)\s+(?:" + TRUOC + r"|cham nhat)\s+"
                           r"(?:ngay\s+)?(" + _DN + r")(?=\s*(?:[.;,)]|$))")
# "… và báo cáo năm ngày 15/12/2027": a report of the year or half year with its full date after it,
# no "trước"/"vào"; not one cited ("… của Ủy ban", "tại …") nor heard at a meeting (_HEARD_BEFORE)
_REPORT_DATED = re.compile(r"\bbao cao\s+((?:tong ket\s+|so ket\s+)?(?:ca\s+)?nam|"
                           r"(?:so ket\s+)?6 thang(?:\s+dau nam)?)\s+ngay\s+"
                           r"(\d{1,2}\s*/\s*\d{1,2}\s*/\s*20\d\d)\b(?!\s*(?:cua|tai)\b)")
_HEARD_BEFORE = re.compile(r"\b(?:hoi nghi|giao ban|(?:cuoc|buoi)\s+hop|trinh bay|thong qua|nghe)\b")
_SENT_WHAT = re.compile(r"\b(?:gui|nop)\s+((?:(?!\bve\b)[^.;]){3,80}?)\s+ve\s")
# "Ngày Thế giới phòng, chống lao" also as "phòng chống lao"; not a name "tình nguyện" goes on
# ("Ngày Quốc tế Thanh niên tình nguyện", 5/12: the volunteers' day, not the youth day of 12/8)
_NAMED_DAY_PATTERNS = [(re.compile(r"\b" + r"[\s,]+".join(map(re.escape, k.replace(",", "").split()))
                                   + r"\b(?!\s+tinh nguyen\b)"), v)
                       for k, v in [*NAMED_DAYS.items(), *NAMED_WEEKS.items()]]
# The named days by their syllables after "Ngày", longest first: matched as OCR bent them too
# ("tet thieu nhi", another name of a day, has no "ngay" to drop)
_DAY_SYLLABLES = sorted(((k.replace(",", " ").removeprefix("ngay ").split(), v)
                         for k, v in NAMED_DAYS.items()), key=lambda item: -len(item[0]))
_NGAY_AT = re.compile(r"\bngay\s+")
ROMAN_Q = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER_NO = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def read_schedule(plan: PlanText, draft: Draft, year: int | None, themes: list[ThemeD]) -> None:
    issued = draft.issued_on.value if draft.issued_on else None
    _span(plan, draft, issued, year)
    start = draft.start.value if draft.start else None
    anchor = issued or start
    if year is None and start:
        year = start.year
    written = [para.low for para in plan.paras]
    try:
        for para in plan.paras:  # "vào sáng mùng 6 Tết", "mùng 10 tháng Giêng": read as the solar days
            para.low = lunar_dates(para.low, anchor, year)
        appendix = _appendix_line(plan)  # read once: two phase readers and the deadlines ask it
        _phases(plan, draft, anchor, year, themes, appendix)
        _span_from_phases(draft)
        _key_dates(plan, draft, anchor, year, _reference_day(plan, issued))
        _deadlines(plan, draft, anchor, year, appendix)
    finally:  # the content's readers read the words as written, even after a rule failed
        for para, low in zip(plan.paras, written, strict=True):
            para.low = low


def _span_from_phases(draft: Draft) -> None:
    """A plan that states no span but dates its phases (an appendix's timetable): its span is
    theirs, not the guess from its issue date to the end of its title's year."""
    guessed = draft.start is not None and draft.start.guess is not None
    phases = draft.phases
    if _span_is_first_phase(draft):
        # "- Học kỳ I: từ … đến …" read as the span: the first of the terms it lists, not the year
        note = say("planimport.schedule.span_from_phases")
        draft.start = Found(min(p.start for p in phases), phases[0].line, note)
        draft.end = Found(max(p.end for p in phases), phases[-1].line, note)
        return
    if not guessed or len(phases) < 2 or not all(p.start and p.end for p in phases):
        if not draft.start and not draft.end and len(phases) >= 2 and all(p.start and p.end for p in phases):
            # no span anywhere, not even a year in the title ("Học kỳ II, năm học 2026 - 2027"):
            # the dated phases' first day to their last
            note = say("planimport.schedule.span_from_phases")
            draft.start = Found(min(p.start for p in phases), phases[0].line, note)
            draft.end = Found(max(p.end for p in phases), phases[-1].line, note)
        return
    first, last = min(p.start for p in phases), max(p.end for p in phases)
    if draft.end and draft.start.value <= first <= last <= draft.end.value:
        note = say("planimport.schedule.span_from_phases")
        # Issued within its year, the plan's work (and its monthly reports) starts on issue; issued
        # the year before (a December plan for next year), it starts with its first phase.
        if draft.start.value.year < first.year or draft.start.guess == "title_year":
            draft.start = Found(first, phases[0].line, note)
        draft.end = Found(last, phases[-1].line, note)


def _span_is_first_phase(draft: Draft) -> bool:
    """Whether the span was read off the first of two or more dated phases' own line, with their
    dates, while the others run on past it."""
    phases = draft.phases
    if len(phases) < 2 or not all(p.start and p.end for p in phases) or not draft.start or not draft.end:
        return False
    first = phases[0]
    return (draft.start.line == draft.end.line == first.line and first.line is not None
            and (draft.start.value, draft.end.value) == (first.start, first.end)
            and max(p.end for p in phases) > first.end)


def _reference_day(plan: PlanText, issued: dt.date | None) -> dt.date | None:
    """The plan's date, or else the latest document it cites: events before it are history."""
    if issued:
        return issued
    latest = None
    for para in plan.paras:
        for m in DATE.finditer(para.low):
            if m.group(3) and is_cited(para.low, m.start()):
                day = resolve(m.group(1), m.group(2), m.group(3), None, None)
                if day and (latest is None or day > latest):
                    latest = day
    return latest


# "Kế hoạch thực hiện từ ngày 01/12/2026 đến …" in any section: the plan's own span
_SPAN_SAID = re.compile(r"\s*ke hoach\s+(?:nay\s+)?(?:duoc\s+)?(?:thuc hien|trien khai)\s+tu\b")
# "- Triển khai ngay trong 6 tuần, từ ngày 01-3-2027 đến hết ngày 09-4-2027": the work's length,
# then its span
_SPAN_LASTS = re.compile(r"^\s*[-+•]?\s*(?:thuc hien|trien khai)\s+(?:ngay\s+)?trong\s+\d{1,2}\s+"
                         r"(?:tuan|thang)\s*,?\s+tu\s+(?:ngay\s+)?\d")


# "thực hiện trong năm 2027": the span is the year
_YEAR_SAID = re.compile(r"\b(?:thuc hien|trien khai)\s+trong\s+nam\s+(20\d\d)\b")
# "Thời gian"; "Thai gian" as OCR may read it ("3. Thai gian thuc hién")
_TIME_SAID = re.compile(r"\bth[oa]i gian\b")
# "… từ tháng 3/2027 đến hết thời gian thực hiện kế hoạch": a duty that runs with the span, not it
_TO_SPAN_END = re.compile(r"\s*(?:\(|,)?\s*(?:den|toi)\s+het\s+th[oa]i\s+gian\s+"
                          r"(?:thuc hien\s+)?(?:cua\s+)?ke hoach")


# "từ tuần 14 đến hết tuần 43" (OCR: "cu tuan 14 den het tuan 43")
_WEEKS_SPAN = re.compile(r"\btu[a-z]{0,2}n\s+(\d{1,2})\s+(?:den|toi)\s+(?:het\s+)?"
                         r"tu[a-z]{0,2}n\s+(\d{1,2})\b")


# "Nghỉ Tết Nguyên đán … từ ngày 01/02/2027 đến hết ngày 14/02/2027", "Nghỉ hè từ …": a break's days
_BREAK = re.compile(r"\s*(?:[-+•]\s*)?nghi\s+(?:tet|he|le|giua (?:hoc )?ky)\b")


def _span(plan: PlanText, draft: Draft, issued: dt.date | None, year: int | None) -> None:
    all_year = None  # "2. Truyền thông thường xuyên (từ tháng 01 đến tháng 12 năm 2027)"
    among_phases = False  # in a run of "- Chặng 1 …" items and the dashed items between them
    week_rule: list[dt.date | None] = []  # week 1's first day, looked up once when needed
    for para in plan.paras:
        # "- Nghỉ Tết … từ 07/02 đến 21/02/2027." between two chặng, "- Từ 17/5 đến 25/5: sơ kết"
        # after them: the list's own items (a break, a closing), not the plan's span
        among_phases = bool(_PHASE.match(para.low)) or (among_phases and re.match(r"\s*[-+•]", para.low)
                                                         is not None and not _SPAN_SAID.match(para.low))
        if among_phases or _BREAK.match(para.low):
            continue  # a break in its own paragraph, below the phases (OCR set it apart), is no span
        if all_year is None and _THROUGHOUT.search(para.low):
            ranged = find_range(para.low, issued, year)
            if ranged and ranged[0] and ranged[1] and (ranged[0].month, ranged[0].day) == (1, 1) \
                    and (ranged[1].month, ranged[1].day) == (12, 31):
                all_year = (ranged[0], ranged[1], para.line_at(ranged[2].start()))
        under_time = any(_TIME_SAID.search(key(h)) for h in (para.section, para.parent, para.heading))
        if not (under_time or _TIME_SAID.search(para.low)
                                          or "tu nay" in para.low or _SPAN_SAID.match(para.low)
                                          or _SPAN_LASTS.match(para.low)):
            continue
        found = find_range(para.low, issued, year)
        weeks = _WEEKS_SPAN.search(para.low) if not found else None
        if weeks:  # "Thời gian: từ tuần 14 đến hết tuần 43 năm 2027", by the plan's week rule
            week_rule = week_rule or [_week_one(plan)]
            first = week_rule[0]
            period = weeks_said(first, int(weeks.group(1)), int(weeks.group(2))) if first else None
            if period:
                line = para.line_at(weeks.start())
                draft.start, draft.end = Found(period[0], line), Found(period[1], line)
                return
        if not found:
            whole = re.search(r"\b(?:trong\s+)?nam\s+(20\d\d)\b", para.low) if under_time else None
            if whole:  # "Thời gian: năm 2026": the year as the plan says it
                first = dt.date(int(whole.group(1)), 1, 1)
                line = para.line_at(whole.start())
                draft.start = Found(first, line)
                draft.end = Found(dt.date(first.year, 12, 31), line)
                return
            continue
        start, end, m = found
        if end is None and _TO_SPAN_END.match(para.low, m.end()):
            continue
        whole = _YEAR_SAID.search(para.low, 0, m.start())
        if whole and _LABEL_BEFORE.search(para.low, 0, m.start()):
            # "Kế hoạch thực hiện trong năm 2027, chia làm ba đợt: đợt một từ …": the year, then its phases
            first = dt.date(int(whole.group(1)), 1, 1)
            line = para.line_at(whole.start())
            draft.start = Found(first, line)
            draft.end = Found(dt.date(first.year, 12, 31), line)
            return
        # "III. NỘI DUNG, THỜI GIAN" / "- … lập danh sách trẻ sinh từ tháng 12/2026": an activity's
        # open date under a heading of content and time, not the plan's span
        if end is None and not _TIME_SAID.search(para.low) and any(
                "noi dung" in key(h) for h in (para.section, para.parent, para.heading) if h):
            continue
        line = para.line_at(m.start())
        if start is None:
            draft.unread.append(say("planimport.schedule.start_from_now", line=line))
        else:
            draft.start = Found(start, line)
        if end is None:
            draft.unread.append(say("planimport.schedule.no_end", line=line))
        else:
            draft.end = Found(end, line)
        return
    if all_year:  # work said to run all year, its peaks apart: the year is the span
        draft.start, draft.end = Found(all_year[0], all_year[2]), Found(all_year[1], all_year[2])
        return
    title_year, one_year = None, False
    # a title's own words only (one that ran on into the body is no title's range)
    ranged = (find_range(key(draft.title.value), issued, year)
              if draft.title and len(draft.title.value) <= 250 else None)
    # both ends with their years ("từ tháng 3/2027 đến tháng 02/2028")
    if draft.title and ranged and ranged[0] and ranged[1] and len(re.findall(r"20\d\d", ranged[2][0])) > 1:
        # "Kế hoạch … từ tháng 3/2027 đến tháng 02/2028": the title states the span
        note = say("planimport.schedule.span_from_title")
        draft.start = Found(ranged[0], draft.title.line, note)
        draft.end = Found(ranged[1], draft.title.line, note)
        return
    if draft.title:
        m = re.search(r"\bn[a-z]{1,3}m\s+(20\d\d)\b", key(draft.title.value))
        title_year = int(m.group(1)) if m else None
        # "năm 2027 - 2028": a range of years, not the one year the plan is for
        one_year = bool(m) and not re.match(r"\s*[-–]\s*20\d\d", key(draft.title.value)[m.end():])
    if title_year:
        # a plan for next year issued in December starts with its year, not on its issue day
        early = issued is not None and issued.year < title_year and one_year
        draft.start = Found(issued if issued and not early else dt.date(title_year, 1, 1),
                            draft.title.line if draft.title else None,
                            say("planimport.schedule.start_of_title_year", year=title_year) if early
                            else say("planimport.schedule.start_from_issue"),
                            guess="title_year" if early else "issue")
        draft.end = Found(dt.date(title_year, 12, 31), draft.title.line if draft.title else None,
                          say("planimport.schedule.end_of_title_year", year=title_year))
        return
    draft.unread.append(say("planimport.schedule.no_span"))


# A school plan's week table: "Tuần | Thời gian | …" above rows "5 - 8 | 05/10 - 31/10/2026 | …"
# (OCR: its column lines gone); a phase said in its weeks ("Giai đoạn 2 (tuần 5 - tuần 12)")
# takes the dates of the rows its first and last week open and close
_WEEK_HEAD = re.compile(r"\s*(?:\|\s*)?tu[a-z]{0,2}n\s*(?:\||\s+th[oa]i gian\b)")
_WEEK_ROW = re.compile(r"\s*(?:\|\s*)?(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?(?:\s*\|)?\s+(" + D
                       + r")\s*[-–]\s*(" + D + r")(?![\d/])")
_WEEKS_SAID = re.compile(r"\(\s*tu[a-z]{0,2}n\s+(\d{1,2})\s*(?:[-–]|den)\s*(?:tu[a-z]{0,2}n\s+)?"
                         r"(\d{1,2})\s*\)")


def _week_table(plan: PlanText, anchor: dt.date | None, year: int | None
                ) -> dict[tuple[str, int], dt.date]:
    """The week table's rows: ("start", week) and ("end", week) to the dates they print."""
    weeks: dict[tuple[str, int], dt.date] = {}
    headed = False
    for para in plan.paras:
        headed = headed and para.level != 1  # the next section's heading ends the table
        for at, _n in para.starts:
            low = para.low[at:at + 80]
            if _WEEK_HEAD.match(low):
                headed = True
                continue
            m = _WEEK_ROW.match(low) if headed else None
            found = find_period(f"{m.group(3)} - {m.group(7)}", anchor, year) if m else None
            if m and found and found[0] and found[1]:
                weeks[("start", int(m.group(1)))] = found[0]
                weeks[("end", int(m.group(2) or m.group(1)))] = found[1]
    return weeks


def _week_period(low: str, weeks: dict[tuple[str, int], dt.date]
                 ) -> tuple[dt.date, dt.date, re.Match[str]] | None:
    m = _WEEKS_SAID.search(low[:60]) if weeks else None
    start = weeks.get(("start", int(m.group(1)))) if m else None
    end = weeks.get(("end", int(m.group(2)))) if m else None
    return (start, end, m) if m and start and end and start < end else None


def _phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
            themes: list[ThemeD], appendix: int | None) -> None:
    paras = plan.paras
    last = 0  # the number of the last "Đợt N" read
    weeks = _week_table(plan, anchor, year)
    outer: PhaseD | None = None  # the last phase read that is no step: its steps are in it
    _amended_phases(plan, draft, anchor, year, themes)
    for i, para in enumerate(paras if not draft.phases else []):
        m = _PHASE.match(para.low)
        bent = _BENT_DOT.match(para.low) if not m and last else None
        if bent and bent.group(2) == str(last + 1):  # "+ Dat 2 (…)" right after "+ Dot 1 (…)"
            m = _PHASE.match(f"{para.low[:bent.start(1)]}dot{para.low[bent.end(1):]}")
        if m and m.group(1).startswith("dot"):
            number = re.search(r"\d{1,2}$", m.group(1))
            last = int(number.group()) if number else 0
        if not m:
            named = _NAMED_PHASE.match(para.low)
            found = _named_period(named, para.low, anchor, year) if named else None
            if named and found and found[0]:
                name = _cap(para.text[named.start(1):named.end(1)].strip())
                draft.phases.append(PhaseD(name, found[0], found[1], list(themes), para.line))
            continue
        found = (_week_period(para.low, weeks) or _cell_period(para.low, anchor, year)
                 or _year_phase(para.low, m.end())
                 or find_period(_from_unbent(para.low, m.end()), anchor, year))
        wrapped = _wrapped_cell(paras, i, anchor, year) if " | " in para.text else None
        if not found and not wrapped:
            continue
        start, end, rm = found or (None, None, m)
        start, end = wrapped or (start, end)
        if end is None and start is not None:
            end = _wrapped_end(paras, i, rm.end(), start, anchor, year)
        # "Đợt 1 (tháng 3 - 5/2027)" then "Bước 1 (tháng 3/2027): …": the phase's own step, not a phase
        if m.group(1).startswith("buoc") and outer and start and end and outer.start and outer.end \
                and outer.start <= start and end <= outer.end:
            continue
        number = re.search(r"(\d{1,2}|[ivx]{1,4}|" + "|".join(_ORDINALS) + r")$", m.group(1))
        assert number is not None
        # The two words a phase is named by, written properly even when OCR lost the marks.
        word = number.group(1)
        said = "1" if word == "nhat" else str(number_said(word)) if word in _ORDINALS else word.upper()
        if m.group(1).startswith("buoc"):
            head = say("planimport.names.step", number=said)
        elif m.group(1).startswith("chang"):
            head = say("planimport.names.leg", number=said)
        elif m.group(1).startswith("cao"):
            head = say("planimport.names.peak_no", number=said)
        else:
            head = say("planimport.names.phase" if m.group(1).startswith("dot") else "planimport.names.stage",
                       number=said)
        if " | " in para.text:  # a table's row: the phase's name is the rest of its cell
            rest = para.text[m.end(1):].split("|")[0].strip(" :–-().,")
        else:  # what the plan calls it: before its dates ("(chuẩn bị, phát động): từ …"), or after
            before = para.text[m.end(1):rm.start()].strip(" :–-().,")
            # past the spaces a long date's compact form left ("ngày 10 tháng 6 năm 2027" read 10/6/2027)
            tail = para.low[rm.end():]
            rest = before if before else para.text[len(para.low) - len(tail.lstrip()):].strip(" :–-().,")
        own = []
        cm = re.search(r"\b(chu de|noi dung)\s*:", fold(rest).lower())
        if cm:  # "…; nội dung: A; B": the phase's own themes
            own = [ThemeD(_cap(t.strip(" .")), None, para.line)
                   for t in rest[cm.end():].split(";") if t.strip(" .")]
            rest = rest[:cm.start()]
        rest = rest.strip(" :–-().,")
        onward = re.match(r"(tro di|tro ve sau)\b", fold(rest).lower())  # "từ 01/4 trở đi"
        if onward:
            rest = rest[onward.end():]
        label = re.split(r"[;.]\s", rest.strip(" :–-().,"), maxsplit=1)[0].strip(" :–-().,;")
        label += ")" if label.count("(") > label.count(")") else ""  # "… (ngày 14-10-2027), từ …"
        for nxt in paras[i + 1:]:
            if not re.match(r"^\s*[-+•]", nxt.text) or _PHASE.match(nxt.low):
                break
            own.append(ThemeD(shorten(_cap(nxt.text.lstrip("-+• ").rstrip(" .;")), 300), None, nxt.line))
        name = f"{head}: {shorten(_cap(label), 120)}" if label else head
        draft.phases.append(PhaseD(name, start, end, own or list(themes), para.line, own=len(head)))
        outer = draft.phases[-1] if not m.group(1).startswith("buoc") else outer
    if draft.phases:
        _stated_phases(plan, draft, anchor, year, themes)
        _stage_rows(plan, draft, anchor, year, themes)
    draft.phases.sort(key=lambda p: p.start or dt.date.min)  # "Tuần cao điểm" between Đợt 1 and 3
    if not draft.phases:
        _week_phases(plan, draft, themes)
    if not draft.phases:
        _table_phases(plan, draft, anchor, year, themes, appendix)
    if not draft.phases:
        _place_phases(plan, draft, anchor, year, themes)
    if not draft.phases:
        _prose_phases(plan, draft, anchor, year, themes)
    if not draft.phases:
        _led_phases(plan, draft, anchor, year, themes, appendix)
    if not draft.phases:
        _peak_phases(plan, draft, anchor, year, themes)
    _clip_months(draft)
    _one_per_period(plan, draft)
    if not draft.phases:
        start = draft.start.value if draft.start else None
        end = draft.end.value if draft.end else None
        draft.phases.append(PhaseD(say("planimport.names.whole_plan"), start, end, list(themes), None,
                                   say("planimport.schedule.one_phase"), own=99))


# "Đợt cao điểm mùa Đông - Xuân (…)": a peak named by words after "cao điểm" (not a bare "Tuần cao
# điểm (7 ngày)")
_WORDED_PEAK = re.compile(r"cao diem\s+[a-z]")
# "…(dự kiến Quý III/2027): triển khai từ 15/7/2027 đến …": the range the colon's text opens with
_OPENING_RANGE = 24


def _named_period(named: re.Match[str], low: str, anchor: dt.date | None, year: int | None
                  ) -> tuple[dt.date | None, dt.date | None, int] | None:
    """A named peak's dates and where they end in `low`: in the bracket after its season's words when
    they are its range ("Đợt cao điểm cuối năm (từ …)") unless the colon's text opens with a range
    inside it (the bracket's "dự kiến Quý III" is the rough one), else after its colon (a bare
    "Tuần cao điểm (…):" keeps its colon's)."""
    after = low[named.end():]
    said = find_period(after, anchor, year)
    worded = _WORDED_PEAK.search(named.group(1))
    bracket = find_period(named.group(2), anchor, year) if worded and named.group(2) else None
    if bracket and bracket[0] and bracket[1]:
        ranged = find_range(after[:_OPENING_RANGE + 120], anchor, year)
        if (ranged and ranged[0] and ranged[1] and ranged[2].start() <= _OPENING_RANGE
                and bracket[0] <= ranged[0] <= ranged[1] <= bracket[1]):
            return ranged[0], ranged[1], named.end() + ranged[2].end()
        return bracket[0], bracket[1], named.end(2)
    return (said[0], said[1], named.end() + said[2].end()) if said else None


# "Đợt 1", "Giai đoạn II": the label a phase's name opens with, its number
_LABEL_NUMBER = re.compile(r"\s*(?:dot|giai doan|buoc)\s+(\d{1,2}|[ivx]{1,4})\b")


def _one_per_period(plan: PlanText, draft: Draft) -> None:
    """A phase read twice, dates and all (its line in the time section, its row in the timetable
    below: "+ Đợt 1: tháng 4 - tháng 5/2027;" and "| 3 | Đợt 1: phát thanh … | 01/4 - 31/5/2027 |"):
    the first reading. Two phases of their own labels on the same dates ("Đợt 3 … song song với Đợt
    1") both stay."""
    seen: dict[tuple[dt.date, dt.date], PhaseD] = {}
    kept = []
    for phase in draft.phases:
        first = seen.get((phase.start, phase.end)) if phase.start and phase.end else None
        if first and _read_again(plan, first, phase):
            continue
        if phase.start and phase.end:
            seen.setdefault((phase.start, phase.end), phase)
        kept.append(phase)
    draft.phases[:] = kept


def _read_again(plan: PlanText, first: PhaseD, again: PhaseD) -> bool:
    """Whether `again` is `first` read a second time: the same label ("Đợt 1"), or one of them a
    table's row."""
    labels = [_LABEL_NUMBER.match(key(p.name)) for p in (first, again)]
    if labels[0] and labels[1]:
        return labels[0].group(1) == labels[1].group(1)
    return any(p.line and 0 < p.line <= len(plan.lines) and plan.lines[p.line - 1].lstrip().startswith("|")
               for p in (first, again))


# "Đợt 3 Ti 01/11/2027 Cuối năm: …": a phase table's row whose column lines OCR lost, the từ
# opening its dates bent to a syllable the repair keeps ("ti"), right after the phase's label
_BENT_FROM = re.compile(r"\s*[:(]?\s*(" + TU + r")(?=\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*20\d\d\b)")


def _from_unbent(low: str, at: int) -> str:
    """`low` with such a từ after the label ending at `at` spelt "tu", the offsets kept."""
    m = _BENT_FROM.match(low, at)
    if not m or m.group(1) == "tu":
        return low
    return f"{low[:m.start(1)]}{'tu'.ljust(len(m.group(1)))}{low[m.end(1):]}"


# "14 - 17 | Giai đoạn 1 - chuẩn bị | …": a row of a schedule kept by the weeks of the year, as
# surveillance counts them (OCR: its column lines gone), its dates from the plan's week rule
_WEEK_PHASE_ROW = re.compile(r"\s*(?:\|\s*)?(\d{1,2})\s*[-–]\s*(\d{1,2})(?:\s*\|)?\s*"  # no \s*\|?\s*
                             r"((?:giai doan|dot)\s+(?:\d{1,2}|[ivx]{1,4})\b)")


def _week_one(plan: PlanText) -> dt.date | None:
    for para in plan.paras:
        first = week_one(para.low) if "bat dau" in para.low or "tinh" in para.low else None  # as the rule
        if first:
            return first
    return None


def _week_phases(plan: PlanText, draft: Draft, themes: list[ThemeD]) -> None:
    """Phases in weeks of the year ("14 - 17 | Giai đoạn 1"), numbered by the plan's own rule
    ("tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027"): two or more."""
    first = _week_one(plan)
    found: list[PhaseD] = []
    for para in plan.paras if first else []:
        m = _WEEK_PHASE_ROW.match(para.low)
        period = weeks_said(first, int(m.group(1)), int(m.group(2))) if m and first else None
        if not m or not period:
            continue
        text = para.text[m.start(3):]
        name = text.split("|")[0].strip() if "|" in text else text[:m.end(3) - m.start(3)]
        found.append(PhaseD(shorten(_cap(name), 80), period[0], period[1], list(themes), para.line))
    if len(found) >= 2:
        draft.phases.extend(found)


# "Giai đoạn 1 (năm 2027):", "Giai đoạn 2: năm 2028 -", "Đợt 1 (2027)": a phase that is a calendar year
_YEAR_PHASE = re.compile(r"\s*(?:\(\s*|[:,–-]\s*)?"
                         r"(?:(?:trong\s+)?n[a-z]{1,2}m\s+(20\d\d)|(?<=\()\s*(20\d\d)(?=\s*\)))"
                         r"\b(?!\s*[-–/]\s*\d)")


def _year_phase(low: str, at: int) -> tuple[dt.date, dt.date, re.Match[str]] | None:
    """The year said right after a phase's label: 01/01 to 31/12 of it (the dates in its text
    further on are activities)."""
    m = _YEAR_PHASE.match(low, at)
    if not m:
        return None
    year = int(m.group(1) or m.group(2))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), m


# the work a period beside the đợt is for, said as "là thời gian chuẩn bị", "Giai đoạn tổng kết:",
# or right after its dates' colon ("- Từ 17/5 đến 25/5/2027: sơ kết, khảo sát lại")
_STAGE_WORK = r"(?:chuan bi|khoi dong|tong ket|so ket|danh gia|duy tri)\b"
_STAGE_NOUN = r"(?:th[a-z]{1,2}i gian|giai doan|dot)\s+("
_STAGE_AFTER = re.compile(r"[\s,]*(?:(?:la|se la)\s+" + _STAGE_NOUN[:-1] + r"|:\s*)("
                          + _STAGE_WORK + r"[^.;]{0,80})")
_STAGE_BEFORE = re.compile(r"^\s*(?:[-+•]\s*|[a-d]\)\s*)?" + _STAGE_NOUN + _STAGE_WORK
                           + r"[^:(.;]{0,40}?)\s*(?::|\()")


def _stated_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                   themes: list[ThemeD]) -> None:
    """Beside numbered đợt, a period the plan names by its work in a sentence of the time
    section: "Từ 15/02 đến 28/02/2027 là thời gian chuẩn bị, …", "Giai đoạn tổng kết: từ … đến …"."""
    have = {(p.start, p.end) for p in draft.phases}
    for para in plan.paras:
        if not any(_SCHEDULE.search(key(h)) for h in (para.section, para.parent, para.heading)):
            continue
        for sentence in re.finditer(r"(?:^|(?<=[.;])\s+)([^.;]+)", para.low):
            found = _stage(sentence.group(1), anchor, year)
            if not found or (found[0], found[1]) in have:
                continue
            at = sentence.start(1)
            name = " ".join(para.text[at + found[2]:at + found[3]].split())
            draft.phases.append(PhaseD(shorten(_cap(name), 120), found[0], found[1], list(themes),
                                       para.line_at(at)))
            have.add((found[0], found[1]))


# "| Chuẩn bị | 01/4 - 30/4/2027 | …", "Tổng kết | 01/11 - 30/11/2027 | …" among the rows "Đợt 1 | 01/3 -
# 15/5/2027 | …": a row of the đợt's table named by its work, its period in the next cell
_STAGE_ROW = re.compile(r"[\s|]*(" + _STAGE_WORK + r"[^|]{0,30}?)\s*\|\s*([^|]{4,60}?)\s*(?:\||$)")


def _stage_rows(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                themes: list[ThemeD]) -> None:
    """Such rows as phases too, when a đợt read is on a row of the same table (a few lines away)."""
    # a table: a run of paragraphs with cells, so an activities table below a đợt's table is another
    table_of: dict[int, int] = {}
    table, in_table = 0, False
    for para in plan.paras:
        row = "|" in para.text
        table += row and not in_table
        in_table = row
        if row:
            table_of.update((n, table) for _at, n in para.starts)
    lines = [p.line for p in draft.phases if p.line in table_of]
    have = {(p.start, p.end) for p in draft.phases}
    for para in plan.paras:
        m = _STAGE_ROW.match(para.low) if " | " in para.text else None
        if not m or not any(abs(line - para.line) <= 8 and table_of[line] == table_of[para.line]
                            for line in lines):
            continue
        found = find_period(m.group(2), anchor, year)
        if not found or not found[0] or not found[1] or found[0] >= found[1] or found[2].start() > 3 \
                or (found[0], found[1]) in have:
            continue
        # a stage prepares before the đợt or closes after them: a row within a đợt is that đợt's work
        if any(start and end and start <= found[1] and found[0] <= end for start, end in have):
            continue
        name = " ".join(para.text[m.start(1):m.end(1)].split())
        draft.phases.append(PhaseD(shorten(_cap(name), 120), found[0], found[1], list(themes), para.line))
        have.add((found[0], found[1]))


def _stage(low: str, anchor: dt.date | None, year: int | None) -> tuple[dt.date, dt.date, int, int] | None:
    """A sentence that is a named stage: its period and where its name lies in the sentence."""
    before = _STAGE_BEFORE.match(low)
    shift = before.end() if before else 0
    period = find_period(low[shift:], anchor, year)
    if not period or not period[0] or not period[1] or period[2].start() > 3:
        return None
    if before:
        return period[0], period[1], before.start(1), before.end(1)
    after = _STAGE_AFTER.match(low, period[2].end())
    if after and ":" in low[period[2].end():after.start(1)] and not DATE.search(period[2].group()):
        return None  # "Tháng 12/2026: Tổng kết, …": a month's row of a timetable, its activity
    return (period[0], period[1], after.start(1), after.end(1)) if after else None


def _clip_months(draft: Draft) -> None:
    """A phase written as a calendar month ("Tháng 9/2026") in which the plan starts or ends
    (from 07/9/2026) runs from the plan's first day, or to its last."""
    first = draft.start.value if draft.start else None
    if draft.issued_on and first == draft.issued_on.value:
        first = None  # "từ ngày ban hành": the day it was signed, not a start the months yield to
    last = draft.end.value if draft.end else None
    for phase in draft.phases:
        if not phase.start or not phase.end:
            continue
        if (first and phase.start.day == 1 and phase.start < first <= phase.end
                and (first.year, first.month) == (phase.start.year, phase.start.month)):
            phase.start = first
        if (last and phase.end == month_end(phase.end.month, phase.end.year)
                and phase.start <= last < phase.end
                and (last.year, last.month) == (phase.end.year, phase.end.month)):
            phase.end = last


_OPEN_END = re.compile(r"\s*(?:\(|,)?\s*(?:den|toi)\b(?:\s+ngay\b)?(?!\s*(?:het\s+)?\d)")
_LEADING_DATE = re.compile(r"^\s*(?:\|\s*)*(?:ngay\s+)?" + D)
_YEAR_DATE = re.compile(r"\bngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")
# ("| | én 31/3/2027 |": OCR lost the đ of a wrapped cell's "đến", mended to "en", "an", "dan"; a full
# date right after it)
_TO_LEAD = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?(?:\|\s*)*"
                      r"(?:den|toi|d?[a-z]n(?=\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))\s+(?:ngay\s+)?" + D)


def _wrapped_end(paras: list[Para], i: int, at: int, start: dt.date, anchor: dt.date | None,
                 year: int | None) -> dt.date | None:
    """A row's "Từ ngày 25/5/2026 đến" whose end a table printed on the row's next line
    ("ngày 15/6/2026 | …", also inside the paragraph as OCR joined it), or later in the row's
    cells: the first date after it; or a row's "Từ ngày 07/9/2026" whose next line begins, after
    its first cell, with the end ("(Học kỳ I) | đến ngày 16/01/2027 | …")."""
    para = paras[i]
    open_end = bool(_OPEN_END.match(para.low[at:]))
    # the next few lines' heads only: reading stays linear in a paragraph's length
    heads = [offset for offset, _n in para.starts if offset > at][:5]
    later = [_low(para.text[offset:offset + 80]) for offset in heads]
    for nxt in paras[i + 1:i + 6]:
        if nxt.level == 1 or _PHASE.match(nxt.low):
            break
        later.append(nxt.low)
    for low in later:
        m = _TO_LEAD.match(low) or (_LEADING_DATE.match(low) if open_end else None)
        day = resolve(m.group(1), m.group(2), m.group(3), anchor, year) if m else None
        if day and day > start:
            return day
    m = _YEAR_DATE.search(para.low, at) if open_end else None
    day = make(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    return day if day and day > start else None


def _cell_period(low: str, anchor: dt.date | None, year: int | None
                 ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """A phase row's period read from the cell it leads ("Giai đoạn 2 | Quý II - Quý III/2027 |
    Chiến dịch 01/7 - 31/7"), not from dates inside the cells' text; a cell of dates ("| Quý I |
    Từ 15/01 đến 31/3/2027 |") before one of quarters or months."""
    if " | " not in low:
        return None
    coarse = None
    for cell in low.split(" | ")[:3]:
        cell = cell.strip(" |")
        if DATE.search(cell):
            found = find_period(cell, anchor, year)
            if found and found[0] and found[1] and found[2].start() <= 3:
                return found
        elif coarse is None:
            found = coarse_period(cell, anchor, year)
            coarse = found if found and found[2].start() <= 3 else None
    return coarse


# "Tháng 3 -", "04/01/2027 -": a period cell whose end the table wrapped onto the row's next line
_OPEN_CELL = re.compile(r"(?:\bthang\s+\d{1,2}(?:\s*/\s*\d{4})?|" + D + r")\s*[-–]")


def _wrapped_cell(paras: list[Para], i: int, anchor: dt.date | None, year: int | None
                  ) -> tuple[dt.date, dt.date] | None:
    """A phase row's period cell left open at a dash ("Giai đoạn 1 | Tháng 3 - | Tập huấn"), its
    end in the same column of the row's next line ("| tháng 4/2027 | cho hội viên"): the two
    read as one."""
    cells = paras[i].low.split("|")
    for k, cell in enumerate(cells):
        if not _OPEN_CELL.fullmatch(cell.strip()):
            continue
        for nxt in paras[i + 1:i + 3]:
            if not nxt.low.startswith("|"):
                break  # not the row's wrapped line
            more = nxt.low.split("|")
            if len(more) > k and more[k].strip():
                found = find_period(f"{cell.strip()} {more[k].strip()}", anchor, year)
                if found and found[0] and found[1] and found[0] < found[1]:
                    return found[0], found[1]
                return None
        return None
    return None


def _low(text: str) -> str:
    return compact_dates(ocr_digits(fold(text).lower()))


def _table_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                  themes: list[ThemeD], appendix: int | None) -> None:
    """A schedule table: rows led by their period ("1 | Từ 01/3 đến 30/4/2026 | …",
    "Quý I (từ 01/01 đến 31/3/2026) | …", "3 | Tháng 10/2026 (…) | …"), two or more; read as
    printed, or else with each row's wrapped lines put back into its cells ("Từ 01/3/2026 đến"
    / "| 30/4/2026 | …")."""
    found = _period_rows(plan.paras, anchor, year, themes, appendix)
    if len(found) < 2:
        rows = [Para(" | ".join(cols), [(0, line)]) for cols, line in _table_rows(plan, every=True)]
        found = _period_rows(rows, anchor, year, themes, appendix)
    if len(found) >= 2:
        draft.phases.extend(found)


# "TT | Xã, phường | Thời gian đợt tập trung | …": a table of the places taking their turn, each
# row dated in its time column (a district office sends its campaign round its communes)
# (OCR: "X8, phudng", its xã bent, the place after it still read)
_PLACE_HEAD = re.compile(r"(?:x\w{1,2}\s*[,/]\s*)?(?:xa|phuong|dia ban|dia phuong|thon|ban|to dan pho)\b")
_TIME_HEAD = re.compile(r"th[oa]i gian\b(?!.*\b(?:bao cao|han)\b)")


def _place_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                  themes: list[ThemeD]) -> None:
    """The places' turns in such a table, each a phase named by its places (a row naming two or
    three is one turn), its cells' wrapped lines put back together: two or more."""
    found: list[PhaseD] = []
    place = when = None
    for cols, line in _table_rows(plan, every=True):
        low = [key(c) for c in cols]
        if when is None or place is None or len(low) <= when:
            if found:
                break  # the table ended
            place = next((k for k, c in enumerate(low) if _PLACE_HEAD.match(c)), None)
            when = next((k for k, c in enumerate(low) if place is not None and k > place
                         and _TIME_HEAD.match(c)), None)
            continue
        period = find_period(low[when], anchor, year)
        if not period or not period[0] or not period[1] or period[2].start() > len("tu ngay "):
            continue
        found.append(PhaseD(shorten(cols[place], 80), period[0], period[1], list(themes), line))
    if len(found) >= 2:
        draft.phases.extend(found)


# A plan amending an earlier one prints their periods side by side: "| Đợt | Theo Kế hoạch số … |
# Nay điều chỉnh, bổ sung | …": the new column's, "Giữ nguyên" the old one's, none where dropped
_OLD_COLUMN = re.compile(r"\btheo\s+(?:ke hoach|kh)\b|\b(?:cu|da ban hanh|truoc dieu chinh)\b")
_NEW_COLUMN = re.compile(r"\b(?:dieu chinh|sua doi|moi)\b")
_KEPT = re.compile(r"\s*g[a-z]{1,3}\s+nguyen\b")  # OCR: "gitr nguyen"
_DROPPED = re.compile(r"\s*(?:\(?\s*khong\s+(?:co|thuc hien)\b|bai bo\b|bo\s*$|-\s*$)")


def _amended_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                    themes: list[ThemeD]) -> None:
    """The đợt of an amendment's table, as amended (two or more)."""
    found: list[PhaseD] = []
    old = new = -1
    for cols, line in _table_rows(plan, every=True):
        cells = [key(c) for c in cols]
        heads = [k for k, c in enumerate(cells) if _OLD_COLUMN.search(c)]
        news = [k for k, c in enumerate(cells) if _NEW_COLUMN.search(c) and not _OLD_COLUMN.search(c)]
        if heads and news and heads[0] < news[0]:
            old, new, found = heads[0], news[0], []
            continue
        if new < 0 or len(cells) <= new:
            continue
        named = next((k for k, c in enumerate(cells[:old]) if _PHASE.match(c)), None)
        if named is None:
            continue
        cell = cells[old] if _KEPT.match(cells[new]) else cells[new]
        if _DROPPED.match(cells[new]):
            continue
        period = find_period(re.sub(r"^\s*b[a-z]{1,2}\s+sung\s*:\s*", "", cell), anchor, year)
        if not period or not period[0] or not period[1]:
            continue
        said = _PHASE.match(cells[named])
        number = re.search(r"(\d{1,2}|[ivx]{1,4})$", said.group(1)) if said else None
        head = say("planimport.names.phase" if cells[named].startswith("dot") else "planimport.names.stage",
                   number=number.group(1).upper() if number else "")
        rest = next((c for c in cols[new + 1:] if c), "")
        name = f"{head}: {shorten(_cap(rest), 120)}" if rest else head
        found.append(PhaseD(name, period[0], period[1], list(themes), line, own=len(head)))
    if len(found) >= 2:
        draft.phases.extend(found)


# a cell that is only a month or a span of months with its year ("9/2026", "10 - 12/2026")
_MONTH_CELL = re.compile(r"\d{1,2}\s*(?:[-–]\s*\d{1,2}\s*)?/\s*20\d\d")


# "PHỤ LỤC", "Phụ lục 1", "PHỤ LỤC: LỊCH TRIỂN KHAI": an appendix's title (OCR: "PHU LUC")
_APPENDIX_HEAD = re.compile(r"\s*phu luc\b(?:\s*[0-9ivx]{1,4}\b)?\s*[:.-]?")


# "| Giai đoạn 1 | …", "2 | Đợt II | …", "Bước 3 …": a row led by the phase it names
_PHASE_LABEL = r"(?:b[a-z]{1,3}c|dot|giai doan)\s+(?:\d{1,2}|[ivx]{1,4})"  # "Bước 3", "Đợt II"
_LABELLED_ROW = re.compile(r"[\s|]*(?:\d{1,2}\.?\s*\|?\s*)?" + _PHASE_LABEL + r"\b")


def _timetable_after_signature(found: list[PhaseD], appendix: int | None, labelled: bool) -> bool:
    """Month rows of an appendix after the signature, none naming its Đợt / Giai đoạn / Bước: a
    timetable of the plan's activities by month, not its phases."""
    return (appendix is not None and bool(found) and not labelled and found[0].line > appendix
            and _whole_months(found))


def _appendix_line(plan: PlanText) -> int | None:
    """The line an appendix opens on after the signature block ("Nơi nhận:" above it), or None."""
    signed = False
    for para in plan.paras:
        if not signed:
            signed = para.low.lstrip().startswith("noi nhan")
            continue
        for at, number in para.starts:  # the signature may have joined it ("CHỦ TỊCH … PHỤ LỤC")
            head = para.text[at:at + 40]  # the line's opening only: linear however long the line
            if head[:8].isupper() and _APPENDIX_HEAD.match(key(head)):
                return number
    return None


def _period_rows(paras: list[Para], anchor: dt.date | None, year: int | None,
                 themes: list[ThemeD], appendix: int | None = None) -> list[PhaseD]:
    found: list[PhaseD] = []
    labelled = False  # a row led by its Đợt / Giai đoạn / Bước: the plan's phases, wherever printed
    header = ""  # "Tháng | Chủ đề …": a cell "01/2026" below it is that month
    calendar_head = False  # "Tháng | Hoạt động chính | Người thực hiện": a calendar of activities
    named_rows = False  # "Giai đoạn | Thời gian | Nội dung": each row names its stage, then dates it
    wrapped_row: Para | None = None  # a row that is the row above's range end, wrapped
    for i, para in enumerate(paras):
        if para is wrapped_row:
            continue
        if not _is_row(para.text):
            if found and (para.level or len(para.text) > 60 or re.match(r"\s*[-+•]", para.text)):
                break  # the table ended
            continue  # a wrapped cell's last words, printed between the rows
        cells = _row_cells(para.text)
        # "| 1 | …", "| Bước 1 | 04/01/2027 - | …": the row's number or the step it names
        lead = re.fullmatch(r"\d{1,2}\.?|tt|stt|" + _PHASE_LABEL, key(cells[0])) if cells else None
        if lead:
            labelled = labelled or not re.match(r"\d|s?tt", lead.group())
            cells = cells[1:]
        if not cells:
            continue
        low = key(cells[0])
        if header in ("thang", "quy") and not low.startswith(header):
            low = f"{header} {low}"
        elif _MONTH_CELL.fullmatch(low):
            low = f"thang {low}"  # "| 10 - 12/2026 | …": a month table's row without "Tháng"
        period = find_period(low, anchor, year) or (  # "Tháng 9" below a "Thời gian" / "Tháng" column's head
            _lone_month(low, anchor) if re.match(r"(?:thoi gian|thang)\b", header) else None)
        if not period and named_rows and len(cells) > 2 and not re.search(r"\d", cells[0]):
            # "| Chuẩn bị | Từ 01/8/2026 đến 31/8/2026 | …": the stage's name, its dates beside it
            beside = find_period(key(cells[1]), anchor, year)
            if beside and beside[0] and beside[1] and beside[2].start() <= 3:
                period, cells = beside, [cells[0], *cells[2:]]
        if period and re.search(r"\d\s*[-–]$", cells[0].strip()) and len(para.starts) > 1:
            # "Tháng 12/2026 - | … " / "tháng 01/2027 | …": the range's end wrapped onto the next line
            wrapped = find_period(key(para.text[para.starts[1][0]:].split(" | ")[0]), anchor, year)
            if wrapped and wrapped[1] and period[0] and wrapped[1] > period[0]:
                period = (period[0], wrapped[1], period[2])
        elif period and re.search(r"\d\s*(?:[-–]|\bden)$", key(cells[0]).strip()) and i + 1 < len(paras):
            # "Tháng 12/2026 - | … " and below it its own line "01/2027 | lạnh; …": the end, not a row
            below = _row_cells(paras[i + 1].text) if _is_row(paras[i + 1].text) else []
            end_cell = key(below[0]) if below else ""
            wrapped = (find_period(f"thang {end_cell}", anchor, year) if _MONTH_CELL.fullmatch(end_cell)
                       else None)
            if wrapped and wrapped[1] and period[0] and wrapped[1] > period[0]:
                period, wrapped_row = (period[0], wrapped[1], period[2]), paras[i + 1]
                cells = [f"{cells[0]} {below[0]}", *cells[1:]]
        # "Cao điểm mùa khô (tháng 3 - tháng 6/2027) | …": a phase's name, its period bracketed after it
        named = bool(period) and period[2].start() > 12 and len(low) <= 80 and bool(
            re.fullmatch(r"[^()\d]{3,50}\(\s*", low[:period[2].start()])) and bool(
            re.fullmatch(r"\s*\)", low[period[2].end():]))
        if not period or not period[0] or not period[1] or (period[2].start() > 12 and not named):
            full = [c for c in cells if c]
            if found and len(full) >= 2 and all(c[:1].isupper() and not re.search(r"\d", c) for c in full):
                break  # another table's header ("Kỳ báo cáo | Thời hạn")
            if not found:
                header, calendar_head = low, bool(_CALENDAR_HEAD.match(key(para.text)))
                named_rows = bool(re.fullmatch(r"(?:giai doan|dot|chang)", low)) and len(cells) > 2 and bool(
                    _TIME_HEAD.match(key(cells[1])))
            continue  # a row's wrapped line ("| | giới 17/9 | | |")
        start, end = _onward(found, period[0], period[1], period[2].group())
        if found and (found[-1].start, found[-1].end) == (start, end):
            continue  # the row's period said again on its next line ("Quý I" / "(từ 01/01 đến …)")
        more = f": {shorten(cells[1], 100)}" if len(cells) > 1 and cells[1] else ""
        found.append(PhaseD(f"{shorten(cells[0], 80)}{more}", start, end, list(themes),
                            para.line, own=len(shorten(cells[0], 80))))
    if (calendar_head and _whole_months(found)) or _timetable_after_signature(
            found, appendix, labelled or named_rows):
        return []
    return found


# "Tháng | Hoạt động chính | Người thực hiện" (OCR: its column lines gone): beside each month the
# activities done in it, no theme or content of its own — the plan's calendar, not its phases
_CALENDAR_HEAD = re.compile(r"^\s*(?:\|\s*)?thang\s*(?:\|\s*)?ho[a-z]t\s+d[a-z]{1,2}ng\b")  # OCR: "Hoat déng"


def _whole_months(found: list[PhaseD]) -> bool:
    return all(p.start and p.end and p.start.day == 1 and p.end == month_end(p.end.month, p.end.year)
               for p in found)


def _lone_month(low: str, anchor: dt.date | None) -> tuple[dt.date, dt.date, re.Match[str]] | None:
    """A month table's cell "Tháng 9", its year unsaid: the plan's month on or after the day it
    was signed (a school year's "Tháng 9" … "Tháng 5" runs over the new year)."""
    m = re.fullmatch(r"thang\s+(\d{1,2})", low)
    if not m or not anchor or not 1 <= int(m.group(1)) <= 12:
        return None
    month = int(m.group(1))
    year = anchor.year + (month < anchor.month)
    last = month_end(month, year)
    return (dt.date(year, month, 1), last, m) if last else None


def _onward(found: list[PhaseD], start: dt.date, end: dt.date, said: str) -> tuple[dt.date, dt.date]:
    """Rows follow the calendar: a period said without its year ("Quý III", "Quý IV", "Quý I")
    that would begin before the row above it is the next year's."""
    if found and found[-1].start and start < found[-1].start and not re.search(r"\b20\d\d\b", said):
        later, last = make(start.day, start.month, start.year + 1), month_end(end.month, end.year + 1)
        if later and last:
            return later, last
    return start, end


def _is_row(text: str) -> bool:
    return " | " in text or text.startswith("| ") or text.endswith(" |")


def _row_cells(text: str, bordered: bool = True) -> list[str]:
    """A row's cells, its border's pipes off ("| Quý I | … |" as Word exports a table; in a
    table without borders a leading pipe is an empty first cell: "| ngày 15/6/2026 | …")."""
    text = text.strip()
    if text.startswith("|") and bordered:
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in text.split("|")]


# a cell cut before its date: "Thứ Bảy, ngày", "Chủ nhật,"
_CUT_BEFORE_DATE = re.compile(r"(?:\bngay|\b(?:chu nhat|th[a-z]{0,2}\s+(?:hai|ba|tu|nam|sau|bay))\s*,)\s*$")
_LONE_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")


def _dated_where_cut(cells: list[str], cols: list[str]) -> list[str]:
    """"| | 21/11/2026 | | |" under "| 8 | Hội thi … | Thứ Bảy, ngày | …": a row's next line whose
    empty cells OCR dropped, its one date under the cell cut before a date, where it goes on."""
    filled = [k for k, cell in enumerate(cells) if cell]
    if len(cells) == len(cols) or len(filled) != 1 or not _LONE_DATE.fullmatch(cells[filled[0]]):
        return cells
    # each cell's end only: a cell grows line by line, and is not read whole again for each
    cut = [k for k, col in enumerate(cols) if _CUT_BEFORE_DATE.search(key(col[-40:]))]
    if len(cut) != 1 or cut[0] == filled[0]:
        return cells
    moved = [""] * len(cols)
    moved[cut[0]] = cells[filled[0]]
    return moved


def _table_rows(plan: PlanText, every: bool = False) -> list[tuple[list[str], int]]:
    """Rows a table printed over several lines (`every`: all its rows), their cells put back
    together column by column ("Phát động; hưởng ứng Ngày" / "Hiến tạng thế giới (13/8)"
    below it), with the line each begins on: what a cell says across its lines reads as one."""
    out: list[tuple[list[str], int]] = []
    cols: list[str] = []
    merged, line, bordered = 0, 0, False
    open_cell = False  # the row's last line stopped inside its last cell ("| … | Phòng Công tác")

    def close() -> None:
        if cols and (merged or every):
            out.append((list(cols), line))
        cols.clear()

    for para in plan.paras:
        bounds = [*para.starts, (len(para.text) + 1, 0)]
        above = ""  # the para's line above this one
        for (at, number), (nxt, _n) in itertools.pairwise(bounds):
            text, above = para.text[at:nxt - 1].strip(), above if at else ""
            was_open, open_cell = open_cell, "|" in text and not text.endswith("|")
            if cols and bordered and above and not text.startswith("|") and text.endswith("|"):
                # "| Tháng 10 - 11 | … | … tâm thần |" / "Đoàn trường; |": OCR put the row's last
                # cell, or the rest of it, on a line of its own in the row's paragraph
                cells = _row_cells(text, bordered=False)
                if not above.endswith("|"):
                    cols[-1], cells = f"{cols[-1]} {cells[0]}", cells[1:]
                cols.extend(cells)
                merged, above = merged + 1, text
                continue
            if cols and was_open and text.endswith("|") and text.count("|") == 1:
                cols[-1] = f"{cols[-1]} {text[:-1].strip()}"  # "xã hội, |": that cell's end
                merged, above = merged + 1, text
                continue
            above = text
            if not _is_row(text) and "|" not in text:
                if cols and len(text) <= 40 and not para.level:
                    cols[-1] = f"{cols[-1]} {text}"  # the last cell's wrapped words
                    merged += 1
                    continue
                close()
                continue
            if not cols:
                bordered = text.startswith("|") and text.endswith("|")
            cells = _row_cells(text, bordered)
            lead = cells[0][:1]
            if cols and (not lead or lead.islower() or lead == "(") and len(cells) <= len(cols):
                cells = _dated_where_cut(cells, cols)
                for k, cell in enumerate(cells):  # the row's next line: each cell goes on
                    cols[k] = f"{cols[k]} {cell}".strip() if cell else cols[k]
                merged += 1
                continue
            close()
            cols[:], merged, line = cells, 0, number
    close()
    return out


def _prose_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                  themes: list[ThemeD]) -> None:
    """Phases told in the time section's sentences: "Tháng 3 và tháng 4 tập trung …; từ tháng 5
    đến tháng 9 …; từ tháng 10 đến hết năm …" (two or more clauses each led by its period)."""
    for para in plan.paras:
        timed = any("thoi gian" in key(h) for h in (para.section, para.parent, para.heading))
        counted = bool(_PHASES_SAID.search(para.low))  # "… chia làm ba giai đoạn:"
        spanned = not timed and not counted and bool(_SPAN_THEN_PARTS.search(para.low))
        if not (timed or counted or spanned):
            continue
        found = []
        for clause in re.finditer(r"[^;.]+", para.low):
            text = clause.group()
            lead = len(text) - len(text.lstrip(" -+•,"))
            period = find_period(text, anchor, year)
            if not period or not period[0] or not period[1]:
                continue
            start, end, m = period
            label = _LABEL_BEFORE.search(text[:m.start()]) if m.start() > lead + len("trong ") else None
            # ". Giai đoạn chuẩn bị từ ngày 04/01/2027 đến …": a stage named by words, leading its sentence
            label = label or (_NAMED_STAGE.fullmatch(text[lead:m.start()]) if m.start() > lead else None)
            if m.start() > lead + len("trong ") and not label:
                continue  # "Kế hoạch được triển khai từ …": the span, not a phase
            # "…, gồm hai giai đoạn: Giai đoạn 1 (6 tháng đầu năm 2027) …; Giai đoạn 2 (…) …"
            at = clause.start() + (label.start() if label else lead)
            said = " ".join(para.text[at:clause.start() + m.end()].split())
            said += ")" if said.count("(") > said.count(")") else ""
            if _PAUSED.search(text, m.end()) or _PAUSED_AT.match(text, m.end()):
                continue  # "Tháng 7 … tạm dừng, không tổ chức hoạt động": a gap between phases
            rest = para.text[clause.start() + m.end():clause.end()].strip(" ,:–-")
            name = f"{_cap(said)}: {shorten(rest, 100)}" if rest else _cap(said)
            found.append(PhaseD(name, start, end, list(themes), para.line_at(at), own=len(_cap(said))))
        if spanned and not all(a.end and b.start == a.end + dt.timedelta(days=1)
                               for a, b in itertools.pairwise(found)):
            # outside the time section, only parts that tile the span ("Tháng 6 sơ kết; tháng 12 tổng
            # kết": reports' months)
            continue
        if len(found) >= 2:
            draft.phases.extend(found)
            return


# a phase's name right before its period, inside a sentence ("… gồm hai giai đoạn: Giai đoạn 1 (",
# "…; đợt hai từ ngày …")
# ("…: chặng đầu từ …; chặng giữa từ …; chặng cuối trong tháng 3": legs named by their place)
_LABEL_BEFORE = re.compile(r"\b(?:giai doan|dot|chang)\s+(?:\d{1,2}|[ivx]{1,4}|mot|nhat|hai|ba|tu|nam|"
                           r"dau|giua|cuoi(?: cung)?)\s*[(:,–-]?\s*$")
# "Tháng 7/2027 các đơn vị tập trung phòng chống bão, không tổ chức hoạt động của Kế hoạch": a month
# the plan states it pauses in: the plan's own work paused ("không tổ chức / tạm dừng hoạt động của Kế
# hoạch"), not "tạm ngừng cấp phép …" or "không triển khai hoạt động mới" (its "của" as OCR reads
# it, "cla", mended to "la": only where "Kế hoạch (này)" ends the clause, not "là kế hoạch dự phòng")
_PAUSED = re.compile(r"\b(?:khong\s+(?:to chuc|trien khai|thuc hien)|tam\s+(?:dung|ngung))\s+(?:cac\s+)?"
                     r"hoat dong\s+(?:(?:cua|theo)\s+ke hoach|c?la\s+ke hoach(?:\s+nay)?\s*(?:[.;,)]|$))")
# "Tháng 7/2027 tạm dừng, …": a bare pause only right after its month ("cơ sở vi phạm bị tạm dừng",
# "đình chỉ hoặc tạm dừng" later in the clause pause offenders, not the plan)
_PAUSED_AT = re.compile(r"[\s,:–-]*tam\s+(?:dung|ngung)\b")
# "Kế hoạch được thực hiện qua ba chặng: …", "gồm hai đợt: …": a sentence that counts the phases it
# then dates, in any section
_PHASES_SAID = re.compile(r"\b(?:qua|gom|chia\s+(?:lam|thanh))\s+(?:0?[2-5]|hai|ba|bon|nam)\s+"
                          r"(?:chang|dot|giai doan)\s*:")

# "Kế hoạch thực hiện từ 01/01/2027 đến 31/12/2027. Quý I/2027 tập trung …; Quý IV/2027 …": the span's
# sentence, its periods in the clauses after it, in any section ("2. Yêu cầu")
_SPAN_THEN_PARTS = re.compile(r"^\s*(?:[-+•]\s*)?ke hoach\s+(?:nay\s+)?(?:duoc\s+)?"
                              r"(?:thuc hien|trien khai)\s+tu\b")


_NAMED_STAGE = re.compile(r"(giai doan\s+(?!nay\b|tiep\b|sau\b|tren\b|do\b)[a-z]+(?:\s+[a-z]+){0,4}?)"
                          r"\s*(?:[(:,–-]\s*)?(?:t[a-z]{1,2}\s+)?")


# "III. THỜI GIAN" (OCR: "Thai gian"), "II. LỊCH …", "IV. TIẾN ĐỘ" (OCR: "TIEN BO TRIEN KHAI"),
# "IV. NỘI DUNG THEO THÁNG": a schedule's section
_SCHEDULE = re.compile(r"th[oa]i gian|tien do|tien bo (?:trien khai|thuc hien)|(?<!du )\blich\b"
                       # "2. Nội dung theo từng thời điểm" over "- Tháng 9 - 10/2026: …" items
                       r"|\btheo (?:tung\s+)?(?:thang|quy|dot|giai doan|th[oa]i diem)\b")
_MONTH_ROW = re.compile(r"^(\d{1,2}\s*/\s*20\d\d)\b(?!\s*/)")
# "Thời gian  Nội dung hoạt động  Chỉ tiêu …": a table's header row, its time column first, as OCR
# flattens it under any heading ("III. KẾ HOẠCH HOẠT ĐỘNG CỤ THỂ"): its rows are led by their periods
_TIME_COLUMN = re.compile(r"\s*th[oa]i gian\s+(?:thuc hien\s+)?(?:n[a-z]{0,2}i dung|hoat dong)\b")
_LEAD = re.compile(r"\s*(?:[-+•]\s*|\d{1,2}[.)]?\s+|[a-e]\)\s*)?")  # "- ", "2. ", "2 ", "b) "
# "Quý II năm 2026 (từ ngày 01/4/2026 …": a period's name, its dates in brackets after it
# or a step's, its name after a dash ("Bước 2 - Tuần cao điểm (từ 15/10 đến 21/10)"; OCR: "Budc", "Được"),
# that name two words a comma joins ("Bước 3 - Đánh giá, duy trì (tháng 11 - 12/2027)"),
# its number also in words as a commune writes it ("Bước một - Chuẩn bị (trong tháng 11/2026)")
# ("Học kỳ |": OCR's bar for a Roman I)
# or a term's, its dates after a colon ("- Học kỳ II: từ ngày 22/02/2027 đến …"; OCR: "Hoc ky Il: tt ngay")
_NAMED_PERIOD = re.compile(r"(?:quy|thang|dot|giai doan|hoc ky|buoc)\s+(?:[a-z0-9/ ]{1,30}|\|\s*)\(\s*"
                           r"|hoc ky\s+(?:[ivxl1|]{1,4}|[1-3])\s*:\s*(?:t[a-z]{1,2}\s+)?"
                           r"|(?:[bd]u[a-z]{1,2}c|giai doan|dot)\s+(?:\d{1,2}|mot|nhat|hai|ba|tu|nam)"
                           r"\s*[-–:.]\s*[a-z ]{2,40}(?:,[a-z ]{2,30})?(?:\(|:)\s*"
                           r"(?:t[a-z]{1,2}\s+)?")  # "(ttr 01/10 …": OCR's "từ"


# "IV. CÁC BƯỚC TRIỂN KHAI" / "THỰC HIỆN" (OCR: "CAC BUOI", "CAC BUDC"): a table of steps, each led
# by its period
_STEPS = re.compile(r"\bcac\s+(?:b[a-z]{1,3}[ci]|giai doan|dot)\s+(?:trien khai|thuc hien)\b")
# "+ Mùa biển Bắc: từ …", "- Giai đoạn chuẩn bị: từ …": under a heading of the stages, an item
# named in a few words, its period after the colon
_STAGE_LABEL = re.compile(r"[a-z]+(?:\s+[a-z]+){0,4}\s*:\s*")
# a row led by a date and a dash, the date that ends it on the next line ("04/01/2027 - Chuẩn bị …")
_OPEN_ROW = re.compile(r"(" + _DN + r")\s*[-–]\s")
_LEADING_RANGE_END = re.compile(r"\s*(" + _DN + r")(?![\d/])")
# "1. Kế hoạch chi tiết Quý I/2027" as a heading over that quarter's items: a schedule set out
# period by period, each period's plan its own numbered heading
_PLAN_FOR = re.compile(r"(?:ke hoach|nhiem vu)(?:\s+(?:chi tiet|cu the|trien khai|trong tam))?\s+")
# a quarter leading its own item, its text after it ("quy 1/2027: an toàn …")
_QUARTER_AGAIN = re.compile(r"quy\s+[ivx1l]{1,4}\s*(?:/\s*\d{4})?\s*:\s*[a-z]")
# (or, in a plan OCR read, its text right after it, the table's tabs lost: "quy 1/2027 nhan biet …";
# not a wrapped line's "(từ …" or "từ … đến …")
_QUARTER_ROW_AGAIN = re.compile(r"quy\s+[1l]{1,2}\s*/\s*\d{4}\s+(?!tu\b|den\b)[a-z]")


def _led_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                themes: list[ThemeD], appendix: int | None) -> None:
    """Items or rows of the time section each led by its period: "1 Từ 01/3 đến 30/4/2026 Triển
    khai …", "3 Tháng 10/2026 (…) …" — a schedule table OCR read without its column lines, or a
    list — two or more."""
    found: list[PhaseD] = []
    wrapped_row: Para | None = None  # a row that is the row above's range end, wrapped
    calendar_head = False  # the first row's line above is "Tháng Hoạt động chính …"
    labelled = False
    timed: str | None = None  # the section whose table's header row leads with its time column
    numbers: list[int | None] = []  # each found one's number in its list ("3. Tháng 5/2027: …")
    day_items: set[int] = set()  # the numbers of that list's items that carry a day's date
    for i, para in enumerate(plan.paras):
        if para is wrapped_row:
            continue
        if _TIME_COLUMN.match(para.low):
            timed = para.section
        if para.section != timed and not any(_SCHEDULE.search(key(h)) or _STEPS.search(key(h))
                                             for h in (para.section, para.parent, para.heading)):
            if len(found) >= 2:
                break
            found, numbers, day_items = [], [], set()
            continue
        lead = _LEAD.match(para.low)
        assert lead is not None
        head = para.low[lead.end():lead.end() + 160]
        item = re.match(r"\d{1,2}(?=[.)]\s)", lead.group())
        if item and DATE.search(head):
            day_items.add(int(item.group()))
        # "01/2026 Phòng, chống …": a month table's row, its "Tháng" column header gone
        head = _MONTH_ROW.sub(r"thang \1", head, count=1)
        period = find_period(head, anchor, year)
        opened = _OPEN_ROW.match(head) if not period or not period[1] else None
        below = plan.paras[i + 1].low if opened and i + 1 < len(plan.paras) else ""
        ended = _LEADING_RANGE_END.match(below) if below else None
        if opened and ended:  # "1 04/01/2027 - Chuẩn bị …" / "26/02/2027 tài liệu …"
            wrapped = find_period(f"{opened.group(1)} - {ended.group(1)}", anchor, year)
            if wrapped and wrapped[0] and wrapped[1]:
                period = (wrapped[0], wrapped[1], opened)
        lone = re.match(r"thang\s+\d{1,2}(?![\d/.-]|\s*[-–/]\s*\d|\s+nam\b)", head) if not period else None
        if lone:  # "Tháng 9 Thời gian biểu …": a month table's row without a year, OCR's lines gone
            period = _lone_month(lone.group(), anchor)
        if re.fullmatch(r"\s*\([^()]*\)\.?\s*", para.low):
            continue  # "(Từ 01/02 đến hết mùng 7 Tết ngư dân nghỉ Tết, …)": an aside, a break
        staged = any(_STEPS.search(key(h)) for h in (para.section, para.parent, para.heading))
        if not period or not period[0] or not period[1] or (period[2].start() > len("trong ") and not (
                _NAMED_PERIOD.fullmatch(head[:period[2].start()])
                or (para.level and _PLAN_FOR.fullmatch(head[:period[2].start()]))
                or (staged and lead.group().strip() and _STAGE_LABEL.fullmatch(head[:period[2].start()])))):
            continue
        m = period[2]
        below = None if _MONTH_ROW.match(para.low[lead.end():]) else _wrapped_month(
            head, m, para, plan.paras[i + 1:i + 2], anchor, year)  # bare months above bare months: rows
        if below and below[1] > period[0]:
            period = (period[0], below[1], m)
            wrapped_row = below[0] if i + 1 < len(plan.paras) and below[0] is plan.paras[i + 1] else None
        if _tiled(found, draft):
            break  # "Nội dung theo tháng:" under two học kỳ that already fill the span: activities
        start, end = _onward(found, period[0], period[1], m.group())
        if found and (found[-1].start, found[-1].end) == (start, end):
            again = _QUARTER_AGAIN.match(head) or (draft.lost_diacritics and _QUARTER_ROW_AGAIN.match(head))
            if not again or found[-1].start is None:
                continue  # the row's period said again on its wrapped line ("Quý I" / "(từ 01/01 …)")
            # "Quý 1/2027: …" below "Quý 1/2027: …", each its own item: OCR lost an I of "II"
            start = end + dt.timedelta(days=1)
            end = month_end(min(start.month + 2, 12), start.year)
        shift = len(head) - len(para.low[lead.end():lead.end() + 160])  # "thang " put in front
        at = lead.end() + max(0, m.start() - shift)
        if re.match(r"[bd]u[a-z]{1,2}c\s|giai doan|dot|hoc ky", head) and m.start() > len("trong "):
            at = lead.end()  # "Bước 1 - Khởi động (từ …)": the step's name is the phase's
        # "… đến ngày 26 tháng 02 năm 2027)": a date in words, shortened in `low` and padded after
        upto = lead.end() + m.end() - shift
        upto += len(para.low[upto:]) - len(para.low[upto:].lstrip(" "))
        said = " ".join(para.text[at:upto].split())
        end_month = (_MONTH_ROW.match(below[0].low) or _LOWER_MONTH.match(below[0].low)
                     if below and below[1] == period[1] else None)
        said += f" - {end_month.group(1)}" if end_month else ""  # "Tháng 12/2026 - 01/2027"
        said += ")" if said.count("(") > said.count(")") else ""
        # (its sentence's stop at the item's end, too: no "." in the name)
        rest = re.split(r"[;.](?:\s|$)", para.text[upto:], maxsplit=1)[0].strip(" ,:–-)")
        name = f"{_cap(said)}: {shorten(rest, 100)}" if rest else _cap(said)
        if not found:
            calendar_head = i > 0 and bool(_CALENDAR_HEAD.match(plan.paras[i - 1].low))
        labelled = labelled or bool(_LABELLED_ROW.match(para.low))
        found.append(PhaseD(name, start, end, list(themes), para.line_at(at)))  # all the plan's words
        numbers.append(int(item.group()) if item else None)
    if len(found) >= 3 and _spans_the_rest(found[0], found[1:]):  # "Từ 15/9 đến hết ngày 25/5, chia
        found, numbers = found[1:], numbers[1:]  # làm hai giai đoạn:": the span over its parts
    if len(found) >= 2 and not (calendar_head and _whole_months(found)) and not _timetable_after_signature(
            found, appendix, labelled) and not _numbers_skip(numbers, day_items):
        draft.phases.extend(found)


def _numbers_skip(numbers: list[int | None], day_items: set[int]) -> bool:
    """Whether the periods found lead items of one numbered list that skips between them, every item
    between dated by its day ("3. Tháng 5/2027: …", "7. Tháng 12/2027: …" among "4. Ngày 12-6-2027:
    …", "5. Hưởng ứng Ngày … (06-6): …"): the months of a few activities, not the plan's periods (an
    item between without a date, "3. Hội nghị sơ kết …", skips nothing)."""
    if None in numbers:
        return False
    return any(b - a > 1 and all(n in day_items for n in range(a + 1, b))
               for a, b in itertools.pairwise(n for n in numbers if n is not None))


def _spans_the_rest(phase: PhaseD, rest: list[PhaseD]) -> bool:
    """Whether `phase` (the first) holds every other one's dates: the span they divide (a
    calendar month it begins or ends within, "Tháng 9/2026" of a span from 07/9/2026, too)."""
    def within(p: PhaseD) -> bool:
        assert phase.start and phase.end and p.start and p.end
        first = phase.start <= p.start or (p.start.day == 1 and (p.start.year, p.start.month)
                                           == (phase.start.year, phase.start.month))
        last = p.end <= phase.end or (p.end == month_end(p.end.month, p.end.year)
                                      and (p.end.year, p.end.month) == (phase.end.year, phase.end.month))
        return first and last
    return all(phase.start and phase.end and p.start and p.end and within(p) for p in rest)


def _tiled(found: list[PhaseD], draft: Draft) -> bool:
    """Two or more periods found already run from the plan's first day to its last, back to
    back: what follows is a breakdown of them (a month list inside the học kỳ), not more phases."""
    first = draft.start.value if draft.start else None
    last = draft.end.value if draft.end else None
    if not 2 <= len(found) <= 12 or not first or not last:  # phases are few: stays linear
        return False
    if found[0].start != first or found[-1].end != last:
        return False
    return all(a.end and b.start and (b.start - a.end).days <= 7 for a, b in itertools.pairwise(found))


_LOWER_MONTH = re.compile(r"thang\s+(\d{1,2}\s*/\s*20\d\d)\b(?!\s*/)")


def _wrapped_month(head: str, m: re.Match[str], para: Para, below: list[Para], anchor: dt.date | None,
                   year: int | None) -> tuple[Para, dt.date] | None:
    """"Tháng 12/2026 - Giữ ấm …" above "01/2027 lạnh; …", a month table OCR read without its
    column lines: the row's range ended on its next line (that line's bare month, its last day;
    or "tháng 01/2027 …" in lower case, the rest of the cell above)."""
    if not m.group().startswith("thang") or not re.match(r"\s*(?:[-–]|den)\s", head[m.end():]):
        return None
    # the row's next line, in its paragraph or the next; or the one after it in the paragraph, as
    # OCR puts a wrapped cell of another column first ("vién y té trudng," / "thang 01/2027 hoc …")
    own = [Para(para.text[at:at + 80], [(0, n)]) for at, n in para.starts[1:3]]
    for nxt_para in [*own[:2], *below[:1]]:
        nxt = _MONTH_ROW.match(nxt_para.low) or (
            _LOWER_MONTH.match(nxt_para.low) if nxt_para.text and nxt_para.text[0].islower() else None)
        found = find_period(f"thang {nxt.group(1)}", anchor, year) if nxt else None
        if found and found[1]:
            return nxt_para, found[1]
    return None


# work said to run all year around its peak, anywhere above the peak's dates
_CONCENTRATED = re.compile(r"\btap trung\s+(?:vao\s+)?cao diem\b")
_YEAR_ROUND_PEAK = re.compile(r"\b(?:thuong xuyen|ca nam|quanh nam)\b[^.;]{0,60}\bcao diem\b")


def _peak(plan: PlanText, anchor: dt.date | None, year: int | None
          ) -> tuple[dt.date, dt.date, int, str, bool, list[tuple[dt.date, dt.date, str]]] | None:
    """The plan's first stated peak: "tập trung tuần trước, trong và sau ngày X" (X ± 7 days) or
    "cao điểm từ A đến B" — (first day, last day, line, how the plan says it, whether the plan
    runs its work over the whole span, said in the peak's paragraph or the one above it, the
    peaks said right after it: "hai đợt cao điểm (từ A đến B và từ C đến D)")."""
    above = ""
    year_round = False  # "Tuyên truyền thường xuyên trong cả năm, tập trung cao điểm vào …"
    for para in plan.paras:
        said_above, above = above, para.low
        year_round = year_round or bool(_YEAR_ROUND_PEAK.search(para.low))
        for m in _PEAK.finditer(para.low):
            after = para.low[m.end():m.end() + 90]
            day = None
            dm = DATE.search(after)
            if dm and not is_cited(after, dm.start()):
                day = resolve(dm.group(1), dm.group(2), dm.group(3), anchor, year)
            else:
                for pattern, (_name, dd) in _NAMED_DAY_PATTERNS:
                    if pattern.match(after) or pattern.match("ngay " + after):
                        day = resolve(dd[:2], dd[3:], None, anchor, year)
                        break
            first, last = (plus_days(day, -7), plus_days(day, 7)) if day else (None, None)
            if first and last:
                said = para.text[m.start():m.end() + (dm.end() if dm else 0)].strip(" ,.;")
                # "tập trung cao điểm từ A đến B (tuần trước, trong và sau ngày X)": the span's work
                # concentrated then, the one phase
                return first, last, para.line_at(m.start()), said, bool(
                    _CONCENTRATED.search(para.low, max(0, m.start() - 80), m.end())), []
        for m in _PEAK_RANGE.finditer(para.low):
            found = find_range(para.low[m.end():m.end() + 120], anchor, year)
            if found and found[0] and found[1] and found[2].start() < 40:
                said = para.text[m.start():m.end() + found[2].end()].strip(" ,.;")
                # work said to go on over the whole span: the peak is the one phase; so is work
                # "tập trung cao điểm từ A đến B" (concentrated then: the span's work, not three đợt)
                alone = bool(year_round or _THROUGHOUT.search(para.low) or _THROUGHOUT.search(said_above)
                             or _WITHIN.search(para.low[max(0, m.start() - 40):m.start() + 1])
                             or bool(_CONCENTRATED.match(m.group())))
                counted = _PEAKS_COUNTED.search(para.low[max(0, m.start() - 20):m.end()])
                more = _more_peaks(para, m.end() + found[2].end(), anchor, year, bool(counted))
                return found[0], found[1], para.line_at(m.start()), said, alone, more
    return None


# "… hai đợt cao điểm (từ 26/3 đến 30/4 và từ 01/6 đến 15/8)": the next peak's range joined to the last
# (only after peaks said to be several: "cao điểm từ 01/3 đến 31/3, từ 01/4 …" goes on to other work)
_PEAKS_COUNTED = re.compile(r"\b(?:hai|ba|0?[23]|cac)\s+dot\s+cao diem\b")
_NEXT_RANGE = re.compile(r"\s*(?:,|;|va)\s*(?=tu\s)")
# "… từ 01/5 đến 31/5 và đợt khám sức khỏe định kỳ (tháng 6/2027)": another peak joined on by its name,
# its period in brackets (said or not how many peaks there are); not the rest of the span named by where
# it falls ("tháng còn lại", "tuần tiếp theo", "đợt sơ kết")
_NEXT_NAMED = re.compile(r"\s*(?:,|;|va)\s*((?:dot|tuan(?: le)?|thang)\s+(?!(?:cac\s+)?(?:con lai|tiep theo|"
                         r"ke tiep|sau|cuoi|so ket|tong ket|danh gia|nay|do)\b)[a-z][a-z ,-]{2,60}?)\s*"
                         r"\((?=[^()]{1,40}\))")
_NAMED_PEAK_DAYS = 62  # a peak named on is a month or two at most, not the rest of the year


def _next_range(para: Para, at: int, anchor: dt.date | None, year: int | None
                ) -> tuple[dt.date, dt.date, str, int] | None:
    """A bare range joined on at `at` ("…, từ C đến D"): (first day, last day, said, where it ends)."""
    joined = _NEXT_RANGE.match(para.low, at)
    found = find_range(para.low[joined.end():joined.end() + 120], anchor, year) if joined else None
    if not joined or not found or not found[0] or not found[1] or found[2].start() > 0:
        return None
    end = joined.end() + found[2].end()
    return found[0], found[1], para.text[joined.end():end].strip(" ,.;()"), end


def _next_named(para: Para, at: int, anchor: dt.date | None, year: int | None
                ) -> tuple[dt.date, dt.date, str, int] | None:
    """A named peak joined on at `at` ("và đợt … (tháng 6/2027)"): (first day, last day, said, its end)."""
    named = _NEXT_NAMED.match(para.low, at)
    close = para.low.find(")", named.end()) if named else -1
    found = find_period(para.low[named.end():close], anchor, year) if named else None
    if not named or not found or not found[0] or not found[1] \
            or (found[1] - found[0]).days > _NAMED_PEAK_DAYS:
        return None
    return found[0], found[1], para.text[named.start(1):close + 1], close + 1


def _more_peaks(para: Para, at: int, anchor: dt.date | None, year: int | None, counted: bool
                ) -> list[tuple[dt.date, dt.date, str]]:
    """The peaks joined on after the one that ends at `at`: (first day, last day, said); their bare
    ranges only after peaks said to be several."""
    more: list[tuple[dt.date, dt.date, str]] = []
    while len(more) < 5:  # peaks are few: stays linear
        joined = counted and _NEXT_RANGE.match(para.low, at)
        found = _next_range(para, at, anchor, year) if joined else _next_named(para, at, anchor, year)
        if not found:
            break
        more.append(found[:3])
        at = found[3]
    return more


def _peak_phases(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                 themes: list[ThemeD]) -> None:
    """A plan without "Đợt" but with a peak: before it, the peak, after it (as officers run it)."""
    peak = _peak(plan, anchor, year)
    if peak is None:
        return
    first, last, line, said, alone, more = peak
    start = draft.start.value if draft.start else None
    end = draft.end.value if draft.end else None
    if start and not start <= first <= last <= (end or last):
        return  # a peak outside the plan's span is another year's
    note = say("planimport.schedule.peak_phases")
    # in the span, as the first is
    more = [p for p in more if not start or start <= p[0] <= p[1] <= (end or p[1])]
    if more:  # two or more peaks said together: the plan's periods are its peaks
        for n, (a, b, what) in enumerate([(first, last, said), *more], start=1):
            what += ")" if what.count("(") > what.count(")") else ""
            draft.phases.append(PhaseD(say("planimport.names.peak", n=n, said=shorten(_cap(what), 100)),
                                       a, b, list(themes), line, note,
                                       own=len(say("planimport.names.peak", n=n, said=""))))
        return
    n = 1
    if alone:  # a peak the plan dates itself amid work over the whole span: the one phase
        start = end = None
    if start and first > start:
        draft.phases.append(PhaseD(say("planimport.names.before_peak", n=1), start,
                                   first - dt.timedelta(days=1),
                                   list(themes), line, note, own=99))
        n = 2
    draft.phases.append(PhaseD(say("planimport.names.peak", n=n, said=shorten(_cap(said), 100)),
                               first, last, list(themes), line, note,
                               own=len(say("planimport.names.peak", n=n, said=""))))
    if not alone and (end is None or last < end):
        draft.phases.append(PhaseD(say("planimport.names.after_peak", n=n + 1),
                                   last + dt.timedelta(days=1), None,
                                   list(themes), line, note, own=99))


# a paragraph of the plan's grounds ("Căn cứ Quyết định số …"): the documents it cites
_GROUNDS = re.compile(r"^\W*can\s+cu\b")
# a past year's work said in a day's sentence: "Năm 2026, … đã …", "Kết quả năm 2026: …" (not "đa
# dạng", "đa số": the same letters folded; nor "tiếp nối kết quả năm 2026, hưởng ứng …")
_PAST_YEAR = re.compile(r"\b(?:nam\s+)?(20\d\d)\b")
_DONE = re.compile(r"\bda\s+(?!(?:dang|so|nganh|phuong|khoa|chieu|muc|benh|nang|don vi)\b)[a-z]"
                   r"|\bket qua\s+(?:nam\s+)?20\d\d\s*:")
_PASSING_BEFORE = 150  # how far back in its sentence a named day's mention is looked at


def _in_passing(low: str, at: int, year: int | None) -> bool:
    """Whether the named day mentioned at `at` is only mentioned in passing: in a cited document
    ("Căn cứ Kế hoạch số … về Ngày Pháp luật Việt Nam") or a past year's result ("Năm 2026, hưởng
    ứng Ngày Quốc tế Người khuyết tật, Trạm đã tặng …") — not a day this plan marks."""
    if _GROUNDS.match(low):
        return True
    window = low[max(0, at - _PASSING_BEFORE):at]
    sentence = re.split(r"[.;!?]\s", window)[-1]
    rest = re.split(r"[.;!?](?:\s|$)", low[at:at + _PASSING_BEFORE], maxsplit=1)[0]
    past = year is not None and any(int(y) < year for y in _PAST_YEAR.findall(sentence))
    return past and bool(_DONE.search(sentence + " " + rest))


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _key_dates(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
               reference: dt.date | None) -> None:
    seen: dict[str, KeyDateD] = {}
    rows = [Para(" ; ".join(c for c in cols if c), [(0, line)]) for cols, line in _table_rows(plan)]
    above: Para | None = None
    for para in [*plan.paras, *rows]:
        if rows and para is rows[0]:
            above = None  # a table row is no paragraph below the plan's last one
        cut = _cut_day_name(above, para)
        above = para
        if cut is not None:
            _add_day(seen, draft, *cut)
        for m in _NAMED.finditer(para.low):
            name = para.text[m.start(1):m.end(1)].strip()
            # "ngày làm việc", not a named day; "Ngày chạy Olympic … 28/3/2027" is one, dated
            # "Ngày hội Đại đoàn kết …" (OCR: "hi"): a festival's day, named after "hội"
            festival = re.match(r"h\w{0,2}i\s+[A-ZĐ]", name)
            # "hưởng ứng Ngày nhận thức về … (14/02)": a day its capital and its bracketed date name
            bracketed = para.text[m.start()] == "N" and "(" in para.low[m.end(1):m.start(2)]
            if not name[:1].isupper() and not (para.text[m.start()] == "N" and m.group(4)) and not festival \
                    and not bracketed:
                continue
            if re.search(r"\s(?:truoc|sau|den|toi)$", para.low[m.start(1):m.end(1)].rstrip()):
                continue  # "… hưởng ứng Ngày Dân số Việt Nam trước ngày 31/12": a deadline's date
            if is_cited(para.low, m.start()):
                continue
            if para.low[m.end(2):m.start(3)] == "." and _COUNTED.match(para.low, m.end()):
                continue
            day = f"{int(m.group(2)):02d}/{int(m.group(3)):02d}"
            canon = _canon(name, day)
            once = resolve(m.group(2), m.group(3), m.group(4), anchor, year) if m.group(4) else None
            if once is not None and reference and once < reference:
                once = None  # "Ngày Thể thao Việt Nam (27/3/1946)": the day it began, kept yearly
            if canon is None and once is not None:  # a day Loa does not know, given with its year
                if _known_before(name, once):
                    continue
                _add_event(draft, f"Ngày {name}", once, para.line_at(m.start()))
                continue
            if canon is not None and canon[1] != day:
                # "hưởng ứng Ngày Pháp luật Việt Nam vào ngày 12/11/2027": an event held on another day
                # (once, when dated with its year); the known day is kept on its own date below
                if once is not None:
                    _add_event(draft, f"Ngày {name}", once, para.line_at(m.start()))
                continue
            _add_day(seen, draft, canon[0] if canon else f"Ngày {name}", day, para.line_at(m.start()))
        for m in _DAY_FIRST.finditer(para.low):
            name = para.text[m.start(4):m.end(4)].strip()
            if not name[:1].isupper() or is_cited(para.low, m.start()):
                continue
            canon = _canon(name, f"{int(m.group(1)):02d}/{int(m.group(2)):02d}")
            once = resolve(m.group(1), m.group(2), m.group(3), anchor, year) if m.group(3) else None
            if canon is None and once is not None and not (reference and once < reference):
                _add_event(draft, f"Ngày {name}", once, para.line_at(m.start()))
            else:
                day = f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
                _add_day(seen, draft, canon[0] if canon else f"Ngày {name}", day, para.line_at(m.start()))
        m = _LISTED_DAY.match(para.low)
        if m and not is_cited(para.low, m.start(1)):
            name = para.text[m.start(4):m.end(4)].strip()
            canon = _canon(name)
            day = f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
            _add_day(seen, draft, canon[0] if canon else f"Ngày {name}", day, para.line_at(m.start()))
        for m in _WEEK.finditer(para.low):  # a national week: its first day, and the week after it
            if not m.group(1).startswith("tuan") and "(" not in m.group():
                continue  # "Tháng hành động …, từ ngày 01/6 …" unbracketed: a phase's span
            last = resolve(m.group(5), m.group(6), m.group(7), anchor, year)
            first = resolve(m.group(3), m.group(4) or m.group(6), m.group(7), anchor, year)
            if first and last and (last - first).days > 7 and m.group(1).startswith("tuan"):
                continue  # "hưởng ứng Tuần lễ …, từ 08-3 đến 20-3-2027": longer than a week, a peak's span
            if first and last and first <= last and not is_cited(para.low, m.start()):
                name = f"{_cap(para.text[m.start(1):m.end(1)])} {para.text[m.start(2):m.end(2)].strip()}"
                name = re.sub(r"^Tuan 1[4e]\b", "Tuan le", name)  # as OCR read "lễ"; accents come later
                _add_day(seen, draft, name, f"{first.day:02d}/{first.month:02d}", para.line_at(m.start()))
                seen[f"{first.day:02d}/{first.month:02d}"].peak_after = (last - first).days
        m = _WEEK_CELL.match(para.low)  # "Đợt 1 | 15/4 - 15/5/2027 | Tháng hành động …: …"
        if m and not is_cited(para.low, m.start(1)):
            first = resolve(m.group(1), m.group(2), m.group(5), anchor, year)
            last = resolve(m.group(3), m.group(4), m.group(5), anchor, year)
            if first and last and first < last:
                name = f"{_cap(para.text[m.start(6):m.end(6)])} {para.text[m.start(7):m.end(7)].strip()}"
                _add_day(seen, draft, name, f"{first.day:02d}/{first.month:02d}", para.line_at(m.start(6)))
        hits = [(m, name, day) for pattern, (name, day) in _NAMED_DAY_PATTERNS
                if (m := pattern.search(para.low)) and not _in_passing(para.low, m.start(), year)]
        bent = [b for b in _bent_named_days(para.low) if not _in_passing(para.low, b[0], year)]
        longer = {at: n for at, n, _v in bent}  # bent days' syllables after "ngày", where each begins
        for found_day, name, day in hits:
            # "Ngày Thế giới phòng, chống ung thư đầu cổ": a longer known day's, not the one it begins
            # (also when OCR bent the longer one's last syllables: "… ung thư dau cho")
            if not any(other.start() <= found_day.start() and found_day.end() < other.end()
                       for other, _n, _d in hits) \
                    and longer.get(found_day.start(), 0) <= len(found_day.group().split()) - 1:
                _add_day(seen, draft, name, day, para.line_at(found_day.start()))
        for at, _n, (name, day) in bent:
            _add_day(seen, draft, name, day, para.line_at(at))
        for at, name, day in _interleaved_named_days(para.low):
            _add_day(seen, draft, name, day, para.line_at(at))
        for at, name, day in _interleaved_named_weeks(para.low):
            _add_day(seen, draft, name, day, para.line_at(at))
        for m in _PEAK.finditer(para.low):
            rest = para.low[m.end():]
            for kd in seen.values():
                day_first = f"{int(kd.day[:2])}/" if kd.day else "#"
                if rest.startswith(key(kd.name)[len("ngay "):]) or rest.startswith(day_first):
                    kd.peak_before = kd.peak_after = 7
        phase = _PHASE.match(para.low)
        named = None if phase else _NAMED_PHASE.match(para.low)
        period = find_period(_from_unbent(para.low, phase.end()), anchor, year) if phase else None
        dated = _named_period(named, para.low, anchor, year) if named else None  # as the phase reads it
        upto = period[2].end() if period else dated[2] if dated and dated[0] else None
        for m in _EVENT.finditer(para.low):
            if is_cited(para.low, m.start(2)) or ((phase or named) and (upto is None or m.start(2) < upto)):
                continue  # a phase's dates ("Giai đoạn 1 (chuẩn bị, phát động): từ ngày 16/3 …")
            if _DUE_BEFORE.search(para.low, m.end(1), m.start(2)):
                continue  # "gửi báo cáo kết quả Ngày hội về Sở trước ngày 30/4": a report's deadline
            day = resolve(m.group(2), m.group(3), m.group(4), anchor, year)
            if day is None or (reference and day < reference):
                continue
            honoured = None if m.group(4) else _HONOURS.match(para.low, m.end())
            if honoured:  # "Ngày hội … ngày 16/10, hưởng ứng Ngày Lương thực thế giới": that day, yearly
                said = " ".join(para.text[honoured.start(1):honoured.end(1)].split())
                _add_day(seen, draft, _cap(said), f"{day.day:02d}/{day.month:02d}", para.line_at(m.start()))
                continue
            name = re.sub(r"\s*\([^)]*\)", "", _cap(para.text[m.start(1):m.start(2)].strip()))
            # "Lễ mít tinh … cấp huyện, dự kiến tổ chức vào ngày": the event, not when it is held
            cut = re.search(r",?\s+(?:du kien|duoc|se|dien ra|to chuc|vao ngay|ngay\s+\d)\b.*$|\s*,\s*$",
                            fold(name).lower()[len("le "):])
            name = shorten(name[:cut.start() + len("le ")] if cut else name, 120)
            _add_event(draft, name, day, para.line_at(m.start()))
        for m in _WEEKDAY_EVENT.finditer(para.low):
            d, mo, y = (m.group(2), m.group(3), m.group(4)) if m.group(2) else m.group(5, 6, 7)
            # "từ ngày 15/10 …" a span's; not "tư vấn", nor "từ 50 tuổi" (an age)
            span = r"\btu\s+(?:ngay\s+)?\d{1,2}\s*/" if m.group(5) else r"\btu\b"
            # ("Thứ Năm, 15/10 - Thứ Sáu, 16/10/2026": a range's last day, its first before the dash)
            if not y or re.search(r"\b(?:truoc|han|bao cao|den)\b|\d\s*[-–]\s*$|" + span, m.group(1)):
                continue  # a deadline's or a span's date, not an event's
            day = resolve(d, mo, y, anchor, year)
            if day and not (reference and day < reference) and not is_cited(para.low, m.start(1)):
                name = para.text[m.start(1):m.end(1)].strip()
                if _TIME_LABEL.fullmatch(m.group(1).strip()):
                    name = para.parent  # "- Thời gian: Thứ Bảy, ngày 17/4/2027": the activity it is under
                if name:
                    _add_event(draft, shorten(_cap(name), 120), day, para.line_at(m.start(1)))
        m = _ITEM_EVENT.match(para.low)
        if m and not is_cited(para.low, m.start(2)):
            day = resolve(m.group(2), m.group(3), m.group(4), anchor, year)
            if day and not (reference and day < reference):
                name = shorten(_cap(para.text[m.start(1):m.end(1)].strip()), 120)
                _add_event(draft, name, day, para.line_at(m.start(2)))
        if para.low.lstrip()[:1] in "-+•" or para in rows:
            _dated_clauses(para, draft, anchor, year, reference)
    _programme_days(plan, draft, anchor, year, reference)
    first, last = draft.start.value if draft.start else None, draft.end.value if draft.end else None
    if (first is None or last is None) and reference:  # no span read: the year after the plan's date
        first, last = reference, plus_days(reference, 366) or dt.date.max
    rows_every = _table_rows(plan, every=True)
    table = [Para(" | ".join(cols), [(0, line)]) for cols, line in rows_every]
    for name, day, line in dated_events(plan.paras, table, first, last):
        if not (reference and day <= reference):  # the plan's own date is not an event's
            _add_event(draft, name, day, line)
    _timetable_events(rows_every, draft, anchor, year, reference)
    _yearly_named_days(plan, draft)
    # "Lễ phát động …, vui Tết Thiếu nhi | 01/6/2027": an event on the named day its line names is that day
    yearly = {(k.line, k.day) for k in draft.key_dates if k.day}
    draft.key_dates[:] = [k for k in draft.key_dates
                          if not (k.date and (k.line, f"{k.date.day:02d}/{k.date.month:02d}") in yearly)]
    own_plan = handed_off(plan.paras)  # "Ngày … (22/5) sẽ có kế hoạch riêng": not this plan's
    draft.key_dates[:] = [k for k in draft.key_dates if (k.line, k.day or (
        k.date and f"{k.date.day:02d}/{k.date.month:02d}")) not in own_plan]


# "Thứ Tư, 02/6 | Hội thi … | Cảng cá" (also with its tabs lost to OCR): a row of a week's programme
# day by day, each day's activity held once
_PROGRAMME_DAY = re.compile(r"^\s*(?:\|\s*)?" + _WEEKDAY + r"\s*,\s*(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})"
                            r"(?![\d/])\s*(?:\|\s*)?(?=[a-z])")


def _programme_days(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
                    reference: dt.date | None) -> None:
    """A programme written day by day ("Thứ Ba, 01/6 | Lễ mít tinh …", "Thứ Tư, 02/6 | Hội thi …"),
    two such rows at least: each row's activity, on that day."""
    days = [(para, m) for para in plan.paras if (m := _PROGRAMME_DAY.match(para.low))]
    if len(days) < 2:
        return
    for para, m in days:
        day = resolve(m.group(1), m.group(2), None, anchor, year)
        if day is None or (reference and day < reference):
            continue
        name = para.text[m.end():].split(" | ")[0].strip()
        _add_event(draft, shorten(_cap(" ".join(name.split())), 120), day, para.line_at(m.start()))


def _cut_day_name(above: Para | None, para: Para) -> tuple[str, str, int] | None:
    """(name, "dd/mm", line of its "Ngày") of a known day whose name OCR set apart from its "Ngày" (on
    the last line of the paragraph above): the paragraph opens with the rest of its name and its day."""
    m = _CUT_DAY_NAME.match(para.low)
    if above is None or m is None or not para.text[m.start(1)].isupper():
        return None
    if not _bare_ngay(above.text[above.starts[-1][0]:]):
        return None
    day = f"{int(m.group(2)):02d}/{int(m.group(3)):02d}"
    canon = _canon(para.text[m.start(1):m.end(1)].strip(), day)
    if canon is None or canon[1] != day:
        return None
    return canon[0], day, above.starts[-1][1]  # the line its "Ngày" stands on, as the day's event's


def _bare_ngay(line: str) -> bool:
    """A capital "Ngày" on the line with no known day's name after it ("… hưởng ứng Ngày Trạm Y tế xã")."""
    for m in _BARE_NGAY.finditer(fold(line)):
        said = key("Ngày " + line[m.end():m.end() + 120])  # a known name is shorter: no rescan of the line
        if not any(said == known or said.startswith(known + " ") for known in NAMED_DAYS):
            return True
    return False


def _canon(name: str, day: str | None = None) -> tuple[str, str] | None:
    """The known day a name after "Ngày" is: as written, a letter or two off when its `day`
    ("dd/mm") agrees (names.known_day), or as OCR bent its syllables (the whole name)."""
    said = key("Ngày " + name)
    known = known_day(name, day) if day is not None else NAMED_DAYS.get(said)
    if known is not None:
        return known
    bent = _bent_named_days(said)
    if bent and bent[0][0] == 0 and bent[0][1] == len(said.replace(",", " ").split()) - 1:
        return bent[0][2]
    return None


def _bent_named_days(low: str) -> list[tuple[int, int, tuple[str, str]]]:
    """Named days OCR bent a syllable of ("Ngay Sic khde toan dan"): after "ngày", a known day's
    syllables in order, at most one in three of them (one at least) bent (ocrfix.bends_to); where
    each begins, its syllables after "ngày", and the day."""
    found = []
    for m in _NGAY_AT.finditer(low):
        window = re.split(r"[|;:.()]", low[m.end():m.end() + 80], maxsplit=1)[0]
        words = window.replace(",", " ").split()
        for syllables, value in _DAY_SYLLABLES:
            n = len(syllables)
            bent = [(w, s) for w, s in zip(words[:n], syllables, strict=False) if w != s]
            if len(words) >= n and not bent:
                break  # a day written whole ("… bệnh bại liệt"), not a shorter one bent ("… bệnh dại")
            if (len(words) >= n and bent and len(bent) <= max(1, n // 3)
                    and all(bends_to(w, s) for w, s in bent)):
                found.append((m.start(), n, value))
                break
    return found


# a named day's own date after its name: "(24/10)", "ngày 01/6/2027"
_DAY_AFTER = re.compile(r"\(\s*(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?!\d)"
                        r"|\bngay\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\d)")
_DAYS_ON: dict[str, list[tuple[list[str], tuple[str, str]]]] = {}
for _syllables, _value in _DAY_SYLLABLES:
    _DAYS_ON.setdefault(_value[1], []).append((_syllables, _value))
_INTERLEAVED_MAX = 12  # another column's words a name may hold, at most


def _in_order(words: list[str], syllables: list[str], starts: Container[int] | None = None) -> bool:
    """A name's syllables among another column's words, in order (the first at one of `starts`, if
    given), with a few words between; a syllable OCR bent counts, one in three at most ("viêm"
    mended "viec")."""
    k = bent = 0
    for at, word in enumerate(words):
        if k == 0 and starts is not None and at not in starts:
            continue
        if k < len(syllables) and (word == syllables[k] or (
                bent < max(1, len(syllables) // 3) and bends_to(word, syllables[k]))):
            bent += word != syllables[k]
            k += 1
    return k == len(syllables) and len(words) - len(syllables) <= _INTERLEAVED_MAX


def _interleaved_named_days(low: str) -> list[tuple[int, str, str]]:
    """Named days whose words another column's run into, as OCR that lost a table's column lines
    reads them ("Ngày Thế giới phòng, chống Trạm Y tế, trường bệnh bại liệt (24/10)"): after
    "ngày", a known day's syllables in order, its first at once, a few words between the others,
    up to the day's own date, which must be that day's. Where each begins, the day, its date."""
    found = []
    for m in _NGAY_AT.finditer(low):
        window = low[m.end():m.end() + 160]
        date = _DAY_AFTER.search(window)
        if date is None or is_cited(low, m.start()):
            continue
        d, mo = (date.group(1), date.group(2)) if date.group(1) else (date.group(3), date.group(4))
        words = re.findall(r"[a-z]+", window[:date.start()])
        for syllables, value in _DAYS_ON.get(f"{int(d):02d}/{int(mo):02d}", []):
            if words and words[0] == syllables[0] and _in_order(words, syllables):
                found.append((m.start(), value[0], value[1]))
                break
    return found


# a national week's days in brackets after its name: "(24 - 30/4)", "(01 - 07/8/2027)"
_WEEK_DAYS = re.compile(r"\(\s*(\d{1,2})(?:\s*/\s*(\d{1,2}))?\s*[-–]\s*(\d{1,2})\s*/\s*(\d{1,2})(?![\d])")
# ("hằng/mỗi/trong tuần", "tuần 17": weeks counted, no national week; OCR's "Tuan 14/1é" is one)
_TUAN_AT = re.compile(r"(?<!hang )(?<!moi )(?<!trong )(?<!cac )\btuan\s+(?!(?!1[4e]\s)\d)(?:le\s+)?")
_WEEK_NEAR = 3  # words at most between "tuần" and the week's first syllable
# or right after its "lễ" (OCR: "1é", "14", "16") another column ran in before: "Tuan Ngay 03/8 … 16 Nudi"
_WEEK_LE = re.compile(r"(?<!\w)(?:le|1[46e])\s+")
_WEEK_SYLLABLES = [(k.split()[2:], v) for k, v in NAMED_WEEKS.items()]  # after "tuần lễ"


def _interleaved_named_weeks(low: str) -> list[tuple[int, str, str]]:
    """National weeks whose name OCR bent or another column's words run into ("Tuần lễ Tiêm thứ
    Bảy, … chủng thế giới (24 - 30/4)"): after "tuần", the week's syllables in order (a third of
    them bent at most, the first within a few words of "tuần"), a few words between, up to its days
    in brackets, which must begin on the week's own first day and last a week at most. Where its
    days are written, the week, its first day."""
    found = []
    for m in _TUAN_AT.finditer(low):
        window = low[m.end():m.end() + 160]
        days = _WEEK_DAYS.search(window)
        if days is None or is_cited(low, m.start()):
            continue
        same_month = days.group(2) in (None, days.group(4))
        if not same_month or not 0 <= int(days.group(3)) - int(days.group(1)) <= 7:
            continue  # "(24/4 - 30/5)": more than a week
        start = f"{int(days.group(1)):02d}/{int(days.group(4)):02d}"
        found_words = list(re.finditer(r"[a-z]+", window[:days.start()]))
        words = [w.group() for w in found_words]
        le_ends = {e.end() for e in _WEEK_LE.finditer(window, 0, days.start())}
        starts = {at for at, w in enumerate(found_words) if at <= _WEEK_NEAR or w.start() in le_ends}
        for syllables, (name, first) in _WEEK_SYLLABLES:
            if first != start:
                continue
            if _in_order(words, syllables, starts):
                found.append((m.end() + days.start(), name, first))  # on its days' line
                break
    return found


def _yearly_named_days(plan: PlanText, draft: Draft) -> None:
    """"Hưởng ứng Ngày Thế giới về … 28/4/2027 và 28/4/2028": a named day dated in two years on
    the same day is kept every year, not once."""
    once = {k.line: k for k in draft.key_dates if k.date and key(k.name).startswith("ngay ")}
    if not once:
        return
    for para in plan.paras:
        for _at, line in para.starts:
            kd = once.get(line)
            if kd is None or kd.date is None:
                continue
            d = kd.date
            same = rf"\b0?{d.day}\s*/\s*0?{d.month}\s*/\s*"
            again = re.search(same + r"20\d\d\b\D{1,20}?" + same + rf"(?!{d.year}\b)20\d\d\b", para.low)
            if again:
                kd.day, kd.date = f"{d.day:02d}/{d.month:02d}", None


# a timetable's row "26/02/2027 | Lễ ra quân chiến dịch tại …": a one-off event on the row's own date
_EVENT_CELL = re.compile(r"\s*(le phat dong|le mit tinh|mit tinh|le ky niem|le ra quan|hoi thi|phat dong|"
                         r"ngay hoi|le tuyen duong|le trao giai|di bo dong hanh|le ton vinh|chung ket)\b")


def _timetable_events(rows: list[tuple[list[str], int]], draft: Draft, anchor: dt.date | None,
                      year: int | None, reference: dt.date | None) -> None:
    """A "Thời gian | Nội dung" table: a row whose time cell is one full date and whose content
    cell opens with a public event (launch, rally, fair, contest) holds that event."""
    for cells, line in rows:
        if len(cells) < 2:
            continue
        when = re.fullmatch(r"\s*(?:ngay\s+)?" + D + r"\s*", key(cells[0]))
        what = _EVENT_CELL.match(key(cells[1]))
        if not when or not what or not when.group(3):
            continue
        day = resolve(when.group(1), when.group(2), when.group(3), anchor, year)
        if day and not (reference and day < reference):
            name = re.split(r"\s+(?:tại|tai|ở)\s|[;,(]", cells[1].strip(), maxsplit=1)[0]
            _add_event(draft, shorten(_cap(" ".join(name.split())), 120), day, line)


# "- Khám, xét nghiệm … tại Trạm Y tế xã vào ngày 12/4/2027.", a cell "Khám sàng lọc … toàn trường
# ngày 15/10/2026 (phối hợp …)": a list item's or a table cell's clause ending on its full date
_DATED_CLAUSE = re.compile(r"(?:^\s*[-+•]?\s*|;\s*)([a-z][^;:.]{4,160}?)\s+(?:vao\s+)?ngay\s+"
                           r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*(?=[(;.]|$)")
_NOT_EVENT = re.compile(r"\b(?:truoc|han|bao cao|den|gui|nop|hoan thanh|ke tu|hieu luc|ban hanh)\b"
                        r"|\btu\s+(?:ngay\s+)?\d")


def _dated_clauses(para: Para, draft: Draft, anchor: dt.date | None, year: int | None,
                   reference: dt.date | None) -> None:
    """One-off events of a list item or a table cell, inside the plan's span."""
    first = draft.start.value if draft.start else None
    last = draft.end.value if draft.end else None
    for m in _DATED_CLAUSE.finditer(para.low):
        if _NOT_EVENT.search(m.group(1)) or is_cited(para.low, m.start(2)):
            continue  # a deadline's, a span's or a cited document's date
        day = resolve(m.group(2), m.group(3), m.group(4), anchor, year)
        if day is None or (reference and day < reference) or not (first and last and first <= day <= last):
            continue
        name = re.sub(r"\s*\([^)]*\)", "", _cap(para.text[m.start(1):m.end(1)].strip()))
        _add_event(draft, shorten(name, 120), day, para.line_at(m.start(1)))


def _known_before(name: str, day: dt.date) -> bool:
    """"Ngày Thể thao Việt Nam Phòng Văn hóa - Xã … ngày 15/4/2027": a day Loa knows, then other
    columns' words, then a date not its own — the date is another's (its end of phase)."""
    said = key("Ngày " + name)
    return any(said.startswith(known + " ") and (day.day, day.month) != (int(d[:2]), int(d[3:]))
               for known, (_n, d) in NAMED_DAYS.items())


def _add_event(draft: Draft, name: str, day: dt.date, line: int) -> None:
    yearly = f"{day.day:02d}/{day.month:02d}"
    if not any(k.date == day or k.day == yearly for k in draft.key_dates):
        draft.key_dates.append(KeyDateD(name, line, date=day))


_KNOWN_NAMES = frozenset(name for name, _d in NAMED_DAYS.values())


def _days_apart(one: str, other: str) -> bool:
    """Two known days on one date that are not one day's names (names.SAME_DAY)."""
    both_known = one in _KNOWN_NAMES and other in _KNOWN_NAMES
    return both_known and SAME_DAY.get(one, one) != SAME_DAY.get(other, other)


def _add_day(seen: dict[str, KeyDateD], draft: Draft, name: str, day: str, line: int) -> None:
    if make(int(day[:2]), int(day[3:]), 2000) is None:
        return  # no day of the year: a backstop for a count `_NAMED` did not tell from a date
    if day in seen:
        # two known days on one date ("Ngày Vi chất dinh dưỡng (01/6) và Ngày Quốc tế Thiếu nhi
        # (01/6)"): each is marked; one day's two names ("… AIDS", "… HIV/AIDS") once
        if all(_days_apart(k.name, name) for k in draft.key_dates if k.day == day):
            draft.key_dates.append(KeyDateD(name, line, day=day))
        return
    kd = KeyDateD(name, line, day=day)
    seen[day] = kd
    draft.key_dates.append(kd)


_NEW_ITEM = re.compile(r"\s*(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\))\s")  # "- …", "2. …", "b) …"
# "(qua Phòng Văn hóa" / "- Xã hội) trước ngày …": a name's hyphen the line broke at, closing the
# bracket left open above, is no new item
_HYPHEN_WRAP = re.compile(r"\s*-\s*[^()\-]{1,40}\)")


def _last_clause(low: str) -> str:
    """A paragraph's words after its last stop: what goes on where it ends mid-sentence."""
    return low[max(low.rfind(stop) for stop in ".;!?") + 1:]


def _deadlines(plan: PlanText, draft: Draft, anchor: dt.date | None, year: int | None,
               appendix: int | None) -> None:
    undated = 0
    recurring: set[int] = set()  # the deadlines "trước ngày 20 của tháng cuối quý" made
    in_place: set[int] = set()  # of those, the half-year reports sent on a quarter's day
    table = False  # in a table whose header row names reports ("Kỳ báo cáo | Thời hạn")
    columns: dict[str, int] = {}  # that header's "Thời hạn" and "Đơn vị" columns
    cut = ""  # the last clause above, where the paragraph ended mid-sentence on "báo cáo"
    first_week = _week_one(plan)
    span = (draft.start.value if draft.start else None, draft.end.value if draft.end else None)
    above: dict[int | None, str] | None = None
    ends = [(p.name.split(":")[0], p.end) for p in _dated_phases(draft)]
    known: set[dt.date] = set()  # the deadlines' days so far: this loop only appends them
    counted = 0  # of draft.deadlines, the ones in `known`
    senders: dict[int, str] = {}  # the paragraph's unit, by its line: read once for its deadlines
    # dated events in the plan's span, for "báo cáo sau mỗi lớp tập huấn …"
    events = [(k.name, k.date) for k in draft.key_dates
              if k.date and (not span[0] or span[0] <= k.date) and (not span[1] or k.date <= span[1])]
    dated_reports: list[DeadlineD] = []  # "báo cáo năm ngày 15/12/2027": unless another rule has that day
    for index, para in enumerate(plan.paras):
        senders.clear()
        # "…, báo cáo" / blank line / "Ủy ban … chậm nhất vào ngày …": OCR cut the sentence at a
        # blank line, its dates go on the report the paragraph above named last
        last = _last_clause(para.low)
        # (a label's, "5. Chế độ báo cáo", goes on into the items below it; a long clause left open
        # not into a new item, "- Phòng Văn hóa: in tờ rơi trước ngày 15/5": a sentence of its own)
        wrapped = cut.count("(") > cut.count(")") and _HYPHEN_WRAP.match(para.low)
        carried = "" if len(cut) > 40 and _NEW_ITEM.match(para.low) and not wrapped else cut
        cut = last if "bao cao" in last and not re.search(r"[.;:!?]\s*$", para.low) else ""
        # "Báo cáo … về Chi cục: Đợt 1 trước ngày …; Đợt 2 trước ngày …;" / blank line / "Đợt 3 trước
        # ngày …": a report's dated list that OCR broke at a blank line after a semicolon goes on below
        # (the list's last member, after a semicolon or a colon OCR bent it to, is a label and its due
        # with no report of its own: "… báo cáo … trước ngày 20/5/2027;" is a sentence, and the one
        # below, "Khoa Dược hoàn thành … trước ngày 30/5/2027.", is not its)
        tail = para.low.rstrip()
        member = tail[max(tail.rfind(";", 0, len(tail) - 1), tail.rfind(":", 0, len(tail) - 1)) + 1:]
        due = _DUE.search(member) if tail.endswith(";") and "bao cao" not in member else None
        if not cut and due and member[:due.start()].strip() and "bao cao" in tail[-300:]:
            cut = tail[tail.rfind("bao cao", max(0, len(tail) - 300)):]
        row = " | " in para.text
        if _dated_cell_row(para, row, columns, draft, anchor, year):
            continue
        if row and table and "bao cao" not in para.low:
            _report_row(para, draft, anchor, year)
            continue
        # the table goes on past a row that names a report itself ("| 2 | Báo cáo sơ kết … |")
        table = row and (table or ("bao cao" in para.low and not _DUE.search(para.low)))
        sent = _SEND_PLAN.search(para.low)
        if sent and "bao cao" not in para.low:  # the units' own plans, due at the office
            for due in dates_in(sent.group(1), anchor, year):
                draft.deadlines.append(DeadlineD(say("planimport.names.send_plan"), due,
                                                 _sender(senders, para), para.line_at(sent.start())))
        for m in _SEND_RESULT.finditer(para.low):
            if m.start() == 0 and para.low[:1] in "-+•" and "bao cao" in para.low:
                continue  # an item sending results "để đưa vào báo cáo": the report's, read below
            if not re.search(r"\bbao\b|\bcao\b", para.low[m.start():m.end(1)]):  # a report's: below
                what = shorten(say("planimport.names.send",
                                   what=" ".join(para.text[m.start(1):m.end(1)].split())), 100)
                for due in dates_in(m.group(2), anchor, year):
                    draft.deadlines.append(DeadlineD(what, due, _sender(senders, para),
                                                     para.line_at(m.start(1))))
        for m in (*_SEND_LIST.finditer(para.low), *_HAND_IN_LIST.finditer(para.low)):
            what = shorten(say("planimport.names.send",
                               what=" ".join(para.text[m.start(1):m.end(1)].split())), 100)
            for due in dates_in(m.group(2), anchor, year):
                if m.re is _HAND_IN_LIST and anchor and due < anchor:
                    continue  # before the plan was signed: a date its members have, no deadline
                draft.deadlines.append(DeadlineD(what, due, _sender(senders, para),
                                                 para.line_at(m.start(1))))
        in_phases = _in_phase_months(para, draft)
        for what, due, at in in_phases:
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
            recurring.add(id(draft.deadlines[-1]))
        sent_days = sent_on(para.low, para.text, anchor, year)
        if sent_days:  # read above: a list, a report
            known.update(d.due for d in draft.deadlines[counted:])
            counted = len(draft.deadlines)
        for what, due, at in sent_days:
            if due not in known:
                draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        for m in _REPORT_DATED.finditer(para.low):
            if _said_of_other(para.low, m, year) or _HEARD_BEFORE.search(para.low, max(0, m.start() - 30),
                                                                         m.start()):
                continue
            what = say("planimport.names.report_of", what=" ".join(para.text[m.start(1):m.end(1)].split()))
            dated_reports += [DeadlineD(what, due, _sender(senders, para), para.line_at(m.start()))
                      for due in dates_in(m.group(2), anchor, year) if not (anchor and due < anchor)]
        if ("bao cao" not in para.low and not _SENT_MONTHLY.search(para.low) and not carried
                and not _SENT_NEXT_MONTH.search(para.low)):
            continue
        before = len(draft.deadlines)
        found_here = bool(carried)
        folds: _Folds | None = None  # the paragraph's replaced reports, read at its first rule
        for clause in _CLAUSE.finditer(para.low):
            text = _REPLACED_QUOTE.sub(_blank_quote, clause.group())
            text = _FIRST_DAYS.sub(_by_day, _LAST_DAY.sub(_day_31, text))
            text = _last_of_its_month(text)
            # "gửi báo cáo kết quả tháng … về Phòng" / blank line / "… trước ngày 05 của tháng liền sau":
            # the clause above says what the rule is for
            sent_next = _SENT_NEXT_MONTH.search(text)
            monthly = (_MONTHLY.search(text) or (clause.start() == 0 and _MONTHLY.search(carried))
                       or sent_next)
            # results sent each month or quarter are a report by their rule only: no dated "kết quả về
            # tiêm chủng … hằng tháng, hoàn thành trước ngày 30/9/2027" of another clause's kind
            results_only = ("bao cao" not in text and not found_here and not _SENT_MONTHLY.search(text)
                            and not sent_next)
            if results_only and not _SENT_RESULTS.search(text):
                continue  # "báo cáo … Đợt 1 trước ngày 12/6; Đợt 2 trước ngày 12/12": the second too
            who = _who(para, clause.start(), text)  # once for all its rules: it folds the clause
            previous = 0
            years = _yearly(text, draft)
            for m in () if results_only else _DUE.finditer(text):
                if m.group().startswith("vao") and (
                        not _MORNING_REPORT.search(text, max(0, m.start() - 120), m.start())
                        or _said_of_other(text, m, year)):
                    continue
                context = text[previous:m.start()]
                previous = m.end()
                dates = dates_in(m.group(1), anchor, year)
                if years and len(dates) == 1 and not re.search(r"\d{1,2}\s*/\s*20\d\d", m.group(1)):
                    dates = [d for d in (make(dates[0].day, dates[0].month, y) for y in years) if d]
                line = para.line_at(clause.start() + m.start())
                for what, due in _label(context, dates):
                    draft.deadlines.append(DeadlineD(what, due, who, line))
                    found_here = True
            # (match, day, months, year): "trước ngày 25 các tháng 5, 6/2027", and the months said
            # first ("… (các tháng 4, 5 và 8/2027) … trước ngày 25 hằng tháng"), a month's report each
            then_day = list(_MONTHS_THEN_DAY.finditer(text)) if monthly else []
            listed_months = [(m, int(m.group(1)), m.group(2), int(m.group(3)) if m.group(3) else year)
                             for m in _LISTED_MONTHS.finditer(text)
                             if not (m.group().startswith("vao") and _said_of_other(text, m, year))]
            listed_months += [(m, int(m.group(3)), m.group(1), int(m.group(2))) for m in then_day]
            for m, day, months, when in listed_months:
                for month in (int(n) for n in re.findall(r"\d{1,2}", months)):
                    due = day_of_month(day, month, when) if when else None
                    if due:
                        draft.deadlines.append(DeadlineD(
                            say("planimport.names.month_report_of_year", month=month, year=when), due,
                            who, para.line_at(clause.start() + m.start())))
                        found_here = True
            # the "trước ngày 25 hằng tháng" closing such a list is read: no report in the other months
            listed_ends = {m.end() for m in then_day}
            for m in _EVEN_MONTHS.finditer(text):
                folds = folds or _Folds(_with_exceptions(plan, index))
                for what, due in _even_months(draft, int(m.group(1)), m.group(2) == "le",
                                              _FROM_MONTH.match(text, m.end()), folds.months_replaced):
                    draft.deadlines.append(DeadlineD(what, due, who,
                                                     para.line_at(clause.start() + m.start())))
                    recurring.add(id(draft.deadlines[-1]))
                    found_here = True
            rules: _ClauseRules | None = None  # the clause's own, read at its first rule
            found_rules = [(m, "next" if m.group(5) else "month" if m.group(2) else "after" if m.group(6)
                            else "opening" if m.group(7) else "quarter") for m in _RECURRING.finditer(text)
                           if not (m.group().startswith("vao") and (_said_of_other(text, m, year)
                                                                    or _HEARS.match(text, m.end())))]
            found_rules += [(m, "month") for m in _MONTHLY_FIRST.finditer(text)]
            for m, every in found_rules:
                if m.end() in listed_ends:
                    continue
                folds, rules = folds or _Folds(_with_exceptions(plan, index)), rules or _ClauseRules(text)
                line = para.line_at(clause.start() + m.start())
                # "… trước ngày 05 của tháng sau đối với các tháng trong đợt (tháng 3, 4, 5/2027)": the
                # months listed in brackets make it a monthly report, on those months only
                months = _MONTHS_IN_BRACKETS.match(text, m.end()) if every in ("month", "after") else None
                if every == "after" and not monthly and not months:
                    # "báo cáo mỗi đợt trước ngày 05 của tháng sau": not one a month, but the dates it
                    # gives in brackets are its reports, on the rule's day ("(20/11 và 22/12)": events)
                    said = _RULE_DATES.match(text, m.end())
                    given = [d for d in dates_in(said.group(1), anchor, year) if d.day == int(m.group(1))] \
                        if said else []
                    for what, due in _label(text[:m.start()], given):
                        draft.deadlines.append(DeadlineD(what, due, who, line))
                        found_here = True
                    continue
                replaced, halves, folded = folds.replaced, folds.halves, folds.months
                skipped, first_q, through = rules.skipped, rules.first_q, rules.through
                # "trước ngày 25 tháng cuối quý (quý I, II, III)": only those, said after the rule
                # ("(quý II, quý III và quý IV/2027)": the year said after the last)
                # ("… tháng cuối quý II, quý III và quý IV/2027": the list said on, no brackets)
                named = rules.named or re.match(r"\s*\(\s*quy\s+((?:iv|i{1,3})(?:\s*(?:,|va)\s*(?:quy\s+)?"
                                                r"(?:iv|i{1,3}))+)(?:\s*/\s*20\d\d)?\s*\)",
                                                text[m.end():]) or (
                    _QUARTERS_SAID_ON.match(text, m.end()) if text.endswith("quy", 0, m.end()) else None)
                listed = {_QUARTER_NO[q] for q in re.findall(r"iv|i{1,3}", named.group(1))} if named else None
                # (one named twice, "quý I, II, II", is OCR's misread III: that list is not read)
                listed_next = listed if named and listed and len(listed) == len(
                    re.findall(r"iv|i{1,3}", named.group(1))) else None
                window = _month_window(text[m.end():], draft, year) if every in ("month", "after") else None
                dated = _phases_said(text[m.end():], draft) if every == "month" and not window else None
                only = ({int(n) for n in re.findall(r"\d{1,2}", months.group(1))},
                        int(months.group(2) or 0)) if months else None
                # "(báo cáo hằng quý) … trước ngày 05 của tháng đầu quý sau": every quarter's, said so or
                # not, unless a quarter's report is folded into the final one (that ends the series)
                each_quarter = rules.said_before(_EACH_QUARTER, m.start()) or not replaced
                if every == "next" and not each_quarter and draft.end:
                    # "… tháng đầu quý sau (05/4, 05/7, 05/10/2027 và 05/01/2028)": the plan's own dates
                    # in brackets run past its span, to the last quarter's report
                    said = _RULE_DATES.match(text, m.end())
                    given = dates_in(said.group(1), anchor, year) if said else []
                    each_quarter = any(d.day == int(m.group(1)) and d > draft.end.value for d in given)
                # (brackets naming the span's last month: its report falls due after the span, "(tháng 10,
                # 11 và 12/2027)")
                late = through or (every == "after" and only is not None)
                for what, due in _recurring(draft, int(m.group(1)), every, late, window, each_quarter):
                    swapped = what in halves and every in ("quarter", "next")
                    if swapped:
                        what = say("planimport.names.half_year_report")
                    elif what in replaced or (every == "month" and due.month in skipped | folded):
                        continue
                    if dated and not any(start <= due <= end for start, end in dated):
                        continue  # a month between the đợt the report runs in
                    on = due - dt.timedelta(days=due.day) if every == "after" else due  # the month reported
                    if only and (on.month not in only[0] or on.year != (only[1] or on.year)):
                        continue  # a month the brackets do not list
                    if every == "after" and (due.month - 2) % 12 + 1 in folded:
                        continue
                    if every in ("quarter", "opening") and ((due.month - 1) // 3 + 1 < first_q or (
                            listed and (due.month - 1) // 3 + 1 not in listed)):
                        continue
                    # "… tháng đầu quý sau (quý I, quý II, quý III)": the quarter reported on, named
                    if every == "next" and listed_next and ((due.month - 1) // 3 or 4) not in listed_next:
                        continue
                    draft.deadlines.append(DeadlineD(what, due, who, line))
                    recurring.add(id(draft.deadlines[-1]))
                    if swapped:
                        in_place.add(id(draft.deadlines[-1]))
                    found_here = True
        if not found_here and re.search(r"\b(dinh ky|hang thang|hang quy)\b[^.;]{0,30}\bbao cao ket qua|"
                                        r"bao cao ket qua[^.;]{0,40}\bdinh ky\b", para.low):
            undated += 1
            if undated <= 3:
                draft.unread.append(say("planimport.schedule.report_undated", line=para.line,
                                        quote=plan.quote(para.line, 80)))
        after = _MONTH_AFTER_PHASE.search(para.low)
        if after and "bao cao" in para.low:
            for phase in _dated_phases(draft):
                year_after, month_after = phase.end.year + (phase.end.month == 12), phase.end.month % 12 + 1
                due = day_of_month(int(after.group(1)), month_after, year_after)
                if due:
                    draft.deadlines.append(DeadlineD(
                        say("planimport.names.phase_report", phase=phase.name.split(":")[0]), due,
                        _sender(senders, para), para.line_at(after.start())))
        last_month = _LAST_MONTH_OF_PHASE.search(para.low)
        if last_month:
            for phase in _dated_phases(draft):
                due = day_of_month(int(last_month.group(1)), phase.end.month, phase.end.year)
                if due:
                    draft.deadlines.append(DeadlineD(
                        say("planimport.names.phase_report", phase=phase.name.split(":")[0]), due,
                        _sender(senders, para), para.line_at(last_month.start(1))))
        on_end = next((m for m in _ON_PHASE_END.finditer(para.low) if not _said_of_other(para.low, m, year)),
                      None)
        if on_end and "bao cao" in para.low:
            for phase in _dated_phases(draft):
                draft.deadlines.append(DeadlineD(
                    say("planimport.names.phase_report", phase=phase.name.split(":")[0]), phase.end,
                    _sender(senders, para), para.line_at(on_end.start())))
        for what, due, at in week_reports(para.low, para.text, first_week, year):
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        for what, due, at in week_after_phases(para.low, ends):
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        for what, due, at in month_weekday_reports(para.low, span[0], span[1]):
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        for what, due, at in period_reports(para.low) if "bao cao" in para.low else []:
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        for what, due, at in after_events(para.low, events) if "bao cao" in para.low else []:
            draft.deadlines.append(DeadlineD(what, due, _sender(senders, para), para.line_at(at)))
        after = _AFTER_PHASE.search(para.low)
        # ("Trong 10 ngày sau khi kết thúc mỗi giai đoạn, các tổ tổng vệ sinh": a bare "trong" is a
        # report's window only in a sentence that names the report)
        if after and after.group().startswith("trong") and not after.group().startswith("trong vong"):
            sentence = (para.low[max(0, after.start() - 160):after.start()].rsplit(".", 1)[-1]
                        + para.low[after.start():after.end() + 160].split(".", 1)[0])
            after = after if "bao cao" in sentence else None
        if after and "bao cao" in para.low:
            days, working = int(after.group(1)), "lam viec" in after.group()
            # "(Đợt 1 chậm nhất ngày 10/5/2027; …)": the plan's own dates for those reports, read above
            given = {d.due for d in draft.deadlines[before:]}
            if above is None:  # a row's label, by the line of the cell below it: once a plan
                above = {b.line: a.text for a, b in itertools.pairwise(plan.paras)}
            for phase in draft.phases:
                due = days_after(phase.end, days, working) if phase.end else None
                if due is None or due in given or is_stage(phase.name, above.get(phase.line, "")):
                    continue
                name = phase.name.split(":")[0]
                draft.deadlines.append(DeadlineD(
                    say("planimport.names.quick_report_working", phase=name, days=days) if working
                    else say("planimport.names.quick_report", phase=name, days=days),
                    due, _sender(senders, para), para.line_at(after.start())))
    said = {d.due for d in draft.deadlines}  # a date read above is that report's, said again
    draft.deadlines.extend(d for d in column_reports(_table_rows(plan, every=True), anchor, year)
                           if d.due not in said)
    draft.deadlines.extend(d for d in dated_reports if d.due not in said)
    draft.deadlines[:] = _distinct(draft.deadlines, recurring, in_place)
    for index, what, due, line in with_units(plan.paras, draft.deadlines):  # of the reports kept
        para = plan.paras[index]
        head = head_of(para.text)  # "2. Trạm Y tế: …": the item's head, without its number
        number = _NEW_ITEM.match(head)
        who = head[number.end() if number else 0:].strip()
        draft.deadlines.append(DeadlineD(what, due, who or _sender(senders, para), line))
    if appendix is not None:  # an appendix after the signature repeating a date the body set: the body's
        body = {d.due for d in draft.deadlines if d.line < appendix}
        draft.deadlines[:] = [d for d in draft.deadlines if d.line < appendix or d.due not in body]
    draft.deadlines.sort(key=lambda d: d.due)  # in the order they fall due


def _said_of_other(text: str, m: re.Match[str], year: int | None) -> bool:
    """A day said "vào …" is an event's or a cited report's, not a report's due day: an event said last
    before it, "theo báo cáo …", "… cho thấy", or a year before the plan's."""
    before = text[max(0, m.start() - 120):m.start()]  # a constant window: linear in the plan
    years = [int(y) for y in re.findall(r"\b20\d\d\b", m.group())]
    return bool(_EVENT_BEFORE.search(before) or _CITED_BEFORE.search(before)
                or _CITED_AFTER.match(text, m.end()) or (year and any(y < year for y in years)))


def _day_31(m: re.Match[str]) -> str:
    """"ngày cuối cùng" as "ngày 31", padded to its length."""
    return m.group()[:m.start(1) - m.start()] + "31".ljust(len(m.group(1)))


def _day_31_each_month(m: re.Match[str]) -> str:
    """"ngày cuối cùng của tháng" as "ngày 31 hằng tháng", padded to its length."""
    # "cuoi cung cua thang" (19 characters, "cuoi cua thang" 14) holds "31" + "hang thang" (12): the
    # match is never shorter, so the clause keeps its length and positions
    assert len(m.group(1)) >= len("31 hang thang")
    return m.group()[:m.start(1) - m.start()] + "31".ljust(len(m.group(1)) - len("hang thang")) + "hang thang"


def _last_of_its_month(text: str) -> str:
    """"ngày cuối cùng của tháng" as each month's last day where the monthly report is what it is
    due for (its words run to it, at most a comma before trước), else left as it is."""
    def rewrite(m: re.Match[str]) -> str:
        # only the stretch just before it: its own words are at most _ITS_OWN_DUE's reach away, and
        # scanning from the clause's start for every "cuối cùng của tháng" would be quadratic
        near = max(0, m.start() - _OWN_DUE_REACH)
        monthly = [hit.end() for hit in _MONTHLY.finditer(text, near, m.start())]
        if monthly and _ITS_OWN_DUE.fullmatch(text, monthly[-1], m.start()):
            return _day_31_each_month(m)
        return m.group()
    return _LAST_OF_ITS_MONTH.sub(rewrite, text)


def _by_day(m: re.Match[str]) -> str:
    """"trong 05 ngày đầu" as "trước ngày 05", padded to its length."""
    return f"truoc ngay {m.group(1)}".ljust(len(m.group()))


def _in_phase_months(para: Para, draft: Draft) -> list[tuple[str, dt.date, int]]:
    """"gửi danh sách … trước ngày 28 của các tháng có đợt": the report or list on that day of each
    month a dated phase runs in, named by what is sent when the plan says it."""
    out: list[tuple[str, dt.date, int]] = []
    months: set[tuple[int, int]] = set()
    for m in _PHASE_MONTHS.finditer(para.low):
        near = max(0, m.start() - 200)
        # the thing sent in the rule's own clause, not one the clause or sentence before it sends
        base = max(near, para.low.rfind(";", near, m.start()) + 1, para.low.rfind(". ", near, m.start()) + 1)
        head = para.low[base:m.start()]
        sents = list(_SENT_WHAT.finditer(head))  # the last thing sent before the rule is its
        if not sents and "bao cao" not in head:
            continue
        sent = sents[-1] if sents else None
        for p in _dated_phases(draft) if not months else ():
            # (a phase over years is a date misread, "30/4/9999": its months would be thousands)
            if p.start and p.end and p.end.year - p.start.year <= 5:
                y, mo = p.start.year, p.start.month
                while (y, mo) <= (p.end.year, p.end.month):
                    months.add((y, mo))
                    y, mo = y + (mo == 12), mo % 12 + 1
        text = para.text[base + sent.start(1):base + sent.end(1)] if sent else ""
        for y, mo in sorted(months):
            due = day_of_month(int(m.group(1)), mo, y)
            if due:
                what = (say("planimport.names.send_month", what=" ".join(text.split()), month=mo, year=y)
                        if text else say("planimport.names.month_report_of_year", month=mo, year=y))
                out.append((shorten(what, 100), due, m.start()))
    return out


# "… trước ngày 10/6 và … trước ngày 10/11 của mỗi năm (năm 2027 và năm 2028)", "hằng năm"
_YEARLY = re.compile(r"\b(?:cua\s+)?(?:moi|hang)\s+nam\b"
                     r"(?:\s*[(:,]?\s*((?:(?:nam\s+)?20\d\d\s*(?:,|va|-)?\s*)+))?")


def _yearly(text: str, draft: Draft) -> list[int]:
    """The years a report said without its year falls due in, when the plan says it is each
    year's: the years it lists, or those of its span."""
    m = _YEARLY.search(text)
    if not m:
        return []
    if m.group(1):
        return sorted({int(y) for y in re.findall(r"20\d\d", m.group(1))})
    first = draft.start.value if draft.start else None
    last = draft.end.value if draft.end else None
    return list(range(first.year, last.year + 1)) if first and last and last.year - first.year <= 5 else []


def _distinct(deadlines: list[DeadlineD], recurring: set[int], halves: set[int]) -> list[DeadlineD]:
    """Each report once: the rule and its dates said again ("trước ngày 20 của tháng cuối quý
    (quý I trước ngày 20/3/2026, …)"), and a report the plan dates itself ("Báo cáo quý IV …
    trước ngày 15/12") rather than by the rule."""
    dated = {(d.what, d.due) for d in deadlines if id(d) not in recurring}
    said = {what for what, _due in dated}
    # a half-year report sent on a quarter's day in its place, by its unit: the CDC's "báo cáo sơ
    # kết 6 tháng trước ngày 20/6" is not the one the Trung tâm Y tế sends instead of quý II
    said_by = {(d.who, d.what) for d in deadlines if id(d) not in recurring}
    out, seen = [], set()
    for d in deadlines:
        own = (d.who, d.what) in said_by if id(d) in halves else d.what in said
        ruled_out = id(d) in recurring and own and (d.what, d.due) not in dated
        if (d.what, d.due) in seen or ruled_out:
            continue
        seen.add((d.what, d.due))
        out.append(d)
    return out


_DUE_HEAD = re.compile(r"(?:thoi han|han)(?:\s+(?:bao cao|nop|gui))?")
_BARE_DATE = re.compile(r"(?:ngay\s+)?" + _DN)


def _dated_cell_row(para: Para, row: bool, columns: dict[str, int], draft: Draft,
                    anchor: dt.date | None, year: int | None) -> bool:
    """"Nội dung báo cáo | Đơn vị báo cáo | Nơi nhận | Thời hạn" and below it "Báo cáo tổng kết năm
    | Phòng … | Sở Y tế | 10/12/2027": a bare date in the deadline column is that row's report's."""
    if not row:
        columns.clear()
        return False
    cells = [key(c) for c in _row_cells(para.text)]
    if "bao cao" in para.low and any(_DUE_HEAD.fullmatch(c) for c in cells):
        columns.clear()
        columns["due"] = next(k for k, c in enumerate(cells) if _DUE_HEAD.fullmatch(c))
        unit = [k for k, c in enumerate(cells) if c.startswith("don vi")]
        if unit:
            columns["unit"] = unit[0]
        return False  # the header goes on to mark the table as one of reports
    at = columns.get("due")
    first = next((k for k, c in enumerate(cells) if c and not re.fullmatch(r"\d{1,2}\.?", c)), 0)
    if at is None or at >= len(cells) or not cells[first].startswith("bao cao") \
            or not _BARE_DATE.fullmatch(cells[at]):
        return False
    raw = _row_cells(para.text)
    who = raw[columns["unit"]] if "unit" in columns and columns["unit"] < len(raw) and raw[columns["unit"]] \
        else say("planimport.names.any_unit")
    for due in dates_in(cells[at], anchor, year):
        draft.deadlines.append(DeadlineD(shorten(raw[first], 100), due, who, para.line))
    return True


def _report_row(para: Para, draft: Draft, anchor: dt.date | None, year: int | None) -> None:
    """A row of a reporting table: "Quý I | Trước ngày 18/3/2026" is the report on quý I."""
    first = para.text.split(" | ")[0].strip()
    what = (first if key(first).startswith("bao cao")
            else say("planimport.names.report_of", what=f"{first[:1].lower()}{first[1:]}"))
    for m in _DUE.finditer(para.low):
        for due in dates_in(m.group(1), anchor, year):
            draft.deadlines.append(DeadlineD(what, due, say("planimport.names.any_unit"),
                                             para.line_at(m.start())))


# "trước ngày 20 hằng tháng trong giai đoạn 2 (từ tháng 7 đến tháng 12/2027)", "…, từ tháng 4 đến
# tháng 7/2027": the months the monthly report is due in, not the whole span ("từ" as OCR reads it: tir);
# "đến tháng 5-2027": a month's year after a hyphen, as plans writing dates "10-4-2027" do; the
# months named by their reports, "từ (kỳ) báo cáo tháng 3 đến (kỳ) báo cáo tháng 11/2027", are those too
# (there the OCR mender may make "từ" a word, "tin": the report that follows says which)
# ("tin" only right after the rule's comma or bracket, both ends reports or figures and the range ending
# the clause: "loa phát tin kết quả tháng 3 đến …", "thông tin báo cáo tháng 3 đến …" are news, data)
_TIN_AS_TU = (r"(?:(?<=[,(])|(?<=[,(]\s))tin\s+(?=" + _MONTHS_OF + r"\s+thang\s+\d{1,2}"
              r"(?:\s*[/-]\s*20\d\d)?\s*(?:den|-)\s*(?:het\s+)?" + _MONTHS_OF + r"\s+thang\s+\d{1,2}"
              r"(?:\s*[/-]\s*20\d\d)?\s*(?:[.;,()]|$))")
_WINDOW_MONTHS = re.compile(r"^[^.;]{0,60}?\b(?:" + TU + r"\s+|" + _TIN_AS_TU + r")"
                            r"(?:" + _MONTHS_OF + r"\s+)?thang\s+(\d{1,2})"
                            r"(?:\s*[/-]\s*(20\d\d))?\s*(?:den|-)\s*(?:het\s+)?(?:" + _MONTHS_OF + r"\s+)?"
                            r"thang\s+(\d{1,2})(?:\s*[/-]\s*(20\d\d))?\b")
# "vào ngày 25 hằng tháng trong Giai đoạn 2 (tháng 10 và tháng 11/2026)": the months named in brackets
_WINDOW_NAMED = re.compile(r"[^.;()]{0,60}?\(\s*thang\s+(\d{1,2})\s*(?:,|va|-)\s*(?:thang\s+)?(\d{1,2})"
                           r"\s*/\s*(20\d\d)\s*\)")
_WINDOW_PHASE = re.compile(r"^\s*(?:\([^()]{0,30}\)\s*,?\s*)?(?:chi\s+)?trong\s+(giai doan|dot)\s+"
                           r"(\d|i{1,3}|iv)\b")


# "trước ngày 20 hằng tháng trong thời gian hai đợt", "… trong các giai đoạn": only the months of
# the phases the plan dates, not the gaps between them
# "trước ngày 25 hằng tháng trong các tháng có đợt (tháng 3, tháng 4, tháng 5, tháng 9 và tháng
# 10/2027)": the months a monthly report runs in, listed in brackets right after its rule
# (only "đối với …"/"trong …" before the bracket: "…, tập trung vào đợt cao điểm (tháng 6 và 7)" is
# no span)
_MONTHS_IN_BRACKETS = re.compile(r"\s*,?\s*(?:(?:doi voi|trong)\b[^.;()]{0,50}?)?\(\s*(?:cac\s+)?thang\s+"
                                 r"(\d{1,2}(?:\s*(?:,|va)\s*"
                                 r"(?:thang\s+)?\d{1,2})+)\s*(?:(?:/|nam)\s*(20\d\d))?\s*\)")
# ("… trong các tháng của Đợt I và Đợt II": the months of the phases named, two of them)
_IN_PHASES = re.compile(r"^[^.;]{0,40}?\btrong\s+(?:thoi gian\s+|cac\s+thang\s+(?:cua|trong|thuoc)\s+)?"
                        r"(?:(?:cac|hai|ba|0?2|0?3)\s+(?:dot|giai doan)\b|"
                        r"(?:dot|giai doan)\s+(?:\d|[ivx]{1,4})\s*(?:,|va)\s*(?:dot|giai doan)\b)")


def _phases_said(after: str, draft: Draft) -> list[tuple[dt.date, dt.date]]:
    """The dated phases a monthly report is said to run in ("trong thời gian hai đợt"), two at least."""
    if not _IN_PHASES.match(after):
        return []
    spans = [(p.start, p.end) for p in _dated_phases(draft) if p.start and p.end]
    return spans if len(spans) >= 2 else []


def _dated_phases(draft: Draft) -> list[PhaseD]:
    """The phases the plan dates (an end at least), not Loa's one phase for a plan it found none in."""
    whole = say("planimport.names.whole_plan")
    return [p for p in draft.phases if p.end and p.name != whole]


def _month_window(after: str, draft: Draft, year: int | None) -> tuple[dt.date, dt.date] | None:
    """The months a monthly report is said to run in, right after its rule: a month range, or a
    phase the plan dates."""
    m = _WINDOW_MONTHS.match(after)
    if m:
        last_year = int(m.group(4) or m.group(2) or 0) or _span_year(draft, int(m.group(3))) or year
        first_year = int(m.group(2) or 0) or last_year
        a, b = int(m.group(1)), int(m.group(3))
        if last_year and first_year and 1 <= a <= 12 and 1 <= b <= 12:
            first_year -= a > b and not m.group(2)  # "từ tháng 11 đến tháng 2/2028"
            start = dt.date(first_year, a, 1)
            end = dt.date(last_year, b, calendar.monthrange(last_year, b)[1])
            if start <= end:
                return start, end
    m = _WINDOW_NAMED.match(after)
    if m and 1 <= int(m.group(1)) <= int(m.group(2)) <= 12:
        last_year = int(m.group(3))
        return (dt.date(last_year, int(m.group(1)), 1),
                dt.date(last_year, int(m.group(2)), calendar.monthrange(last_year, int(m.group(2)))[1]))
    m = _WINDOW_PHASE.match(after)
    if m:
        no = _QUARTER_NO.get(m.group(2))
        for phase in draft.phases:
            said = re.match(rf"{m.group(1)}\s+(\d|i{{1,3}}|iv)\b", key(phase.name))
            if (phase.start and phase.end and said and no is not None
                    and _QUARTER_NO.get(said.group(1)) == no):
                return phase.start, phase.end
    return None


def _span_year(draft: Draft, month: int) -> int | None:
    """The year a month named without one falls in within the plan's span: a plan signed in 12/2026
    for 2027 means its "từ tháng 4 đến tháng 6" in 2027, not in the year it was signed."""
    if not (draft.start and draft.end):
        return None
    first, last = draft.start.value, draft.end.value
    return next((y for y in range(first.year, min(last.year, first.year + 5) + 1)
                 if (first.year, first.month) <= (y, month) <= (last.year, last.month)), None)


def _blank_quote(m: re.Match[str]) -> str:
    """The replaced rule's quoted words as spaces, the same length (offsets hold)."""
    return m.group()[:m.start(1) - m.start()] + " " * len(m.group(1))


_EACH_QUARTER = re.compile(r"\b(?:hang|moi|tung)\s+quy\b")


def _with_exceptions(plan: PlanText, index: int) -> str:
    """A paragraph with the "Riêng báo cáo 6 tháng … thay cho báo cáo quý II" OCR cut off below it at
    a blank line: the exceptions to its rules are read with them."""
    low = plan.paras[index].low
    below = plan.paras[index + 1].low if index + 1 < len(plan.paras) else ""
    return f"{low} {below}" if re.match(r"rieng\b", below) else low


class _Folds:
    """A paragraph's reports another replaces, read once for all its rules (per rule: quadratic)."""

    def __init__(self, low: str) -> None:
        # "báo cáo 6 tháng (thay báo cáo quý II)": that quarter's report is the other one
        quarters = re.findall(r"\bthay\s+(?:cho\s+)?(?:bao cao\s+)?quy\s+(iv|i{1,3}|[1-4])\b", low)
        quarters += _QUARTER_AS_YEAR.findall(low)
        quarters += [q for said in _QUARTERS_REPLACED.findall(low)
                     for q in re.findall(r"iv|i{1,3}|[1-4]", said)]
        pairs = _QUARTERS_AS_HALF_YEAR.findall(low)
        quarters += [q for pair in pairs for q in pair]
        # "quý 2" and "quý II" name one report (the digit was taken as the name before)
        self.replaced = {say("planimport.names.quarter_report",
                             quarter=ROMAN_Q[int(q)] if q.isdigit() else q.upper())
                         for q in [*quarters, *_QUARTER_FOLDED.findall(low)]}
        self.halves = set() if _HALF_DATED.search(low) else {
            say("planimport.names.quarter_report", quarter=ROMAN_Q[_QUARTER_NO[f.group(1)]])
            for f in _QUARTER_FOLDED.finditer(low) if _HALF.match(low, f.end())} | {
            say("planimport.names.quarter_report", quarter=ROMAN_Q[_QUARTER_NO[q]])
            for q in [*_HALF_FOR.findall(low), *(pair[0] for pair in pairs)]}
        self.months = {int(n) for n in _MONTH_FOLDED.findall(low)}
        self.months_replaced = {int(n) for n in _MONTH_REPLACED.findall(low)}


class _ClauseRules:
    """What a clause says of all its recurring rules, read once for them all."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.skipped = {int(n) for n in re.findall(r"\btru\s+thang\s+(\d{1,2})\b", text)}
        # "trước ngày 30 hằng tháng (tháng 02/2027 trước ngày 26/02/2027)": that month's own date
        self.skipped |= {int(n) for n in re.findall(r"\(\s*thang\s+(\d{1,2})(?:\s*/\s*20\d\d)?\s+"
                                                    + TRUOC + r"\s+ngay\b", text)}
        since = re.search(r"\btu\s+quy\s+(iv|i{1,3}|[1-4])\b", text)  # "bắt đầu từ quý II"
        self.first_q = _QUARTER_NO.get(since.group(1), 1) if since else 1
        # "Báo cáo quý I, quý II, quý III | …": only those (the year's report is the IV); also of its
        # results ("báo cáo kết quả quý II và quý III … trước ngày 20 …"), the clause's first words
        self.named = re.match(r"\s*bao cao (?:(?:dinh ky|ket qua)\s+)?quy\s+"
                              r"((?:iv|i{1,3})(?:\s*(?:,|va)\s*(?:quy\s+)?(?:iv|i{1,3}))+)\b", text)
        self.through = bool(re.search(r"\bbao cao thang\s+\d{1,2}\b", text))
        self._first: dict[re.Pattern[str], re.Match[str] | None] = {}

    def said_before(self, pattern: re.Pattern[str], at: int) -> bool:
        """Whether `pattern` is said whole before `at` (its first match, found once)."""
        if pattern not in self._first:
            self._first[pattern] = pattern.search(self.text)
        first = self._first[pattern]
        return bool(first and pattern.search(self.text, first.start(), at))


def _even_months(draft: Draft, day: int, odd: bool, since: re.Match[str] | None,
                 replaced: set[int]) -> list[tuple[str, dt.date]]:
    """"trước ngày 20 của các tháng chẵn": that day of each even (`odd`: odd) month of the span,
    from the month said (`since`), but a month whose report another replaces ("riêng kỳ tháng 12
    thay bằng báo cáo tổng kết năm")."""
    if not (draft.start and draft.end):
        return []
    first, last = draft.start.value, draft.end.value
    if since and 1 <= int(since.group(1)) <= 12:
        first = max(first, dt.date(int(since.group(2)), int(since.group(1)), 1))
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        due = day_of_month(day, month, year)
        if due and month % 2 == odd and month not in replaced and first <= due <= last:
            out.append((say("planimport.names.month_report_of_year", month=month, year=year), due))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _recurring(draft: Draft, day: int, every: str, through: bool = False,
               window: tuple[dt.date, dt.date] | None = None,
               each_quarter: bool = False) -> list[tuple[str, dt.date]]:
    """"trước ngày 25 hằng tháng" (`every` month; "quarter": of the last month of each quarter;
    "next": of the month after each quarter; "after": of the month after each month) falling due
    within the span (or the `window` of months the plan gives the report); `each_quarter` ("báo
    cáo hằng quý … tháng đầu quý sau"): the span's last quarter's too, due after it."""
    if not (draft.start and draft.end) and not window:
        return []
    out = []
    first, last = window or (draft.start.value, draft.end.value)
    year, month = first.year, first.month
    # "trước ngày 05 của tháng sau, bắt đầu từ báo cáo tháng 3/2027" (`through`: reports named by
    # their month): the span's last month too, reported on in the month after it
    # ("… trước ngày 05 của tháng liền sau, từ tháng 4 đến tháng 9/2027": the `window` names the
    # months reported on, so the last one's report falls due after it too)
    late = (every == "after" and (through or window is not None)) \
        or (every == "next" and each_quarter and last.month % 3 == 0)
    stop = (last.year + (last.month == 12), last.month % 12 + 1) if late else (last.year, last.month)
    while (year, month) <= stop:
        due = day_of_month(day, month, year)
        if due and due > last and (not late or (year, month) != stop):
            due = None  # within the span, but for the last month's report
        # "next": the report on a quarter the plan ran in, not on the one before it began
        wanted = {"month": True, "quarter": month % 3 == 0,
                  "next": month % 3 == 1 and dt.date(year, month, 1) > first, "opening": month % 3 == 1,
                  "after": dt.date(year, month, 1) > first}[every]
        if due and first <= due and wanted:
            quarter = {"next": (month - 1) // 3 or 4, "opening": (month - 1) // 3 + 1}.get(every, month // 3)
            said_month, said_year = month, year
            if every == "after":  # the report on the month before
                said_month, said_year = month - 1 or 12, year - (month == 1)
            what = (say("planimport.names.month_report_of_year", month=said_month, year=said_year)
                    if every in ("month", "after")
                    else say("planimport.names.quarter_report", quarter=ROMAN_Q[quarter]))
            out.append((what, due))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _sender(senders: dict[int, str], para: Para) -> str:
    """The unit a paragraph's deadlines are sent by, read once for all of them (each: quadratic)."""
    if para.line not in senders:
        senders[para.line] = _who(para, 0, para.low)
    return senders[para.line]


def _who(para: Para, offset: int, clause: str) -> str:
    cut = clause.find("bao cao")
    if cut < 0:  # "tổ trưởng gửi danh sách về Phòng Y tế …": who sends, not whom it is sent to
        sent = re.search(r"\b(?:gui|nop)\b", clause)
        cut = sent.start() if sent else 0
    before = clause[:cut]
    m = _UNIT_WORDS.search(before)
    if m:
        said = para.text[offset + m.start():offset + len(before)].strip(" ,:-")
        verb = re.search(r"(\s+(gui|nop|dinh ky|thuc hien|tong hop))+$", fold(said).lower())
        said = said[:verb.start()] if verb else said  # "Các trạm y tế gửi báo cáo": who, not how
        if said:
            return said
    return para.parent or say("planimport.names.any_unit")


_PHASE_SAID = re.compile(r"\b(giai doan|dot)\s+(\d|[ivx]{1,4})\b")


def _label(context: str, dates: list[dt.date]) -> list[tuple[str, dt.date]]:
    context = re.sub(r"\(\s*thay[^)]*\)", " ", context)  # "báo cáo 6 tháng (thay báo cáo quý II)"
    if "quy" in re.findall(r"\b(quy)\b", context) and dates:
        out = []
        for due in dates:
            q = (due.month - 1) // 3 + 1
            if due.month in (1, 4, 7, 10) and due.day <= 20:
                q = q - 1 or 4  # the report on the quarter just ended
            out.append((say("planimport.names.quarter_report", quarter=ROMAN_Q[q]), due))
        return out
    if re.search(r"\b(6 thang|sau thang|so ket)\b", context):
        return [(say("planimport.names.half_year_report"), d) for d in dates]
    if re.search(r"\b(tong ket|ca nam|cuoi nam|hang nam|nam)\b", context):
        return [(say("planimport.names.year_report"), d) for d in dates]
    if re.search(r"\bhang thang\b", context):
        # named as the rule names that month's report: a month the plan dates itself ("riêng tháng
        # 01/2027 gửi trước ngày 22/01/2027") replaces the rule's date for it
        return [(say("planimport.names.month_report_of_year", month=d.month, year=d.year), d) for d in dates]
    # "báo cáo kết quả Giai đoạn 1 trước ngày … và Giai đoạn 2 trước ngày …": the phase said before
    # its one date names its report (not another clause's report due that day, said again)
    phases = _PHASE_SAID.findall(context)
    if phases and len(dates) == 1:
        kind, number = phases[-1]
        phase = say("planimport.names.stage" if kind == "giai doan" else "planimport.names.phase",
                    number=number.upper())
        return [(say("planimport.names.phase_report", phase=phase), dates[0])]
    what = say("planimport.names.results_report")
    m = re.search(r"\bve\s+([a-z ]{4,60}?)(?=\s*[(,.;]|\s+(?:qua|de|truoc)\b|$)", context)
    if m and key(m.group(1)) in ISSUERS:
        what = say("planimport.names.results_report_to", to=ISSUERS[key(m.group(1))])
    elif re.search(r"\bve\s+\S{1,3}\s+y\s+te\b", context):  # "về Sở Y tế", also as OCR reads it
        what = say("planimport.names.results_report_to_department")
    return [(what, d) for d in dates]
