"""What the plan says to carry: themes, slogans, quotas and the kinds of activity it names."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right

from bot.core.textfit import shorten
from bot.domain.planimport.draft import Draft, QuotaD, SloganD, ThemeD
from bot.domain.planimport.names import ACTIVITY_WORDS
from bot.domain.planimport.numwords import COUNT_WORDS, number_said
from bot.domain.planimport.ocrfix import bends_to
from bot.domain.planimport.text import Para, PlanText, key

# Numbered headings in a content section that are about means, not messages.
_NOT_THEMES = re.compile(r"^(hoat dong|hinh thuc|phuong thuc|doi tuong|thoi gian|kinh phi|"
                         r"to chuc thuc hien|khau hieu|thong diep)")
# "NỘI DUNG", also as OCR reads it ("NQI DUNG").
_CONTENT = re.compile(r"\bn[a-z0-9]{0,2}i dung\b")
# ("4. Lời nhắn gửi cha mẹ:": the short lines a school or a commune sends its families, OCR: "gtti";
# not "Lời nhắn gửi các Trạm Y tế:", instructions to offices)
_SLOGAN_HEADING = re.compile(r"\b(khau hieu|thong diep|loi nhan(?= g[a-z]{1,3}i\s+(?:(?:toi|den|cac|moi)\s+)?"
                             r"(?:cha me|phu huynh|gia dinh|ho gia dinh|nguoi dan|nhan dan|cong dong|ba con|"
                             r"em|ban|hoc sinh)\b))\b")
# An item labelled as another part of the plan ("Nội dung: …", "Đối tượng: …")
_LABELLED = re.compile(r"(?:noi dung|doi tuong|hinh thuc|muc dich|yeu cau|thoi gian|dia diem)\s*:")
# A part of a section on content and slogans that is not the slogans: "1. Nội dung", "Đối tượng:"
_OTHER_PART = re.compile(r"(?:noi dung|doi tuong|hinh thuc|muc dich|yeu cau)(?: [a-z]+){0,3}\s*[:.]?")
_QUOTE = re.compile(r"[“\"«]\s*([^“”\"«»]{3,200}?)\s*[”\"»]")
_QUOTE_TRIGGER = re.compile(r"\b(huong ung|khau hieu|thong diep|(?:noi dung|loi) co dong)\b[^.;]{0,120}$")
# A quote right after one of these is the name of a movement, programme, contest or page
# (not when the words between say it is a message: 'video thông điệp "…"').
_NAMED_BY = re.compile(r"\b(?:phong trao|cuoc van dong|chuong trinh|mo hinh|cuoc thi|hoi thi|giai|"
                       r"chuyen muc|chuyen trang|di bo|ngay hoi|cau lac bo|du an|de an|chien dich|"
                       r"fanpage|nen tang|so tay|ban tin|tap chi|trang|kenh|zalo oa|nhom|giao luu|"
                       # a brand, a workshop, a booklet, a clip or a week named in quotes
                       r"bo nhan dien|nhan dien|logo|thuong hieu|hoi thao|hoi nghi|toa dam|cam nang|"
                       # (and an activity: 'các lớp tổ chức hoạt động "Điều tích cực mỗi ngày"')
                       r"tai lieu|to gap|video|phim|bai hat|tieu pham|ung dung|tuan le|hoat dong|"
                       # a talk's title ('nói chuyện chuyên đề "…"', 'talkshow "…"')
                       r"noi chuyen|chuyen de|talk ?show|"
                       # a game children play ('trò chơi "Bắt muỗi tí hon"', 'trò chơi dân gian "…"')
                       r"tro choi|"
                       # a forum's title ('diễn đàn "Tuổi trẻ sống khỏe"')
                       r"dien dan|"
                       # a title honoured or awarded ('tôn vinh các "Gia đình …"', 'danh hiệu "…"')
                       r"ton vinh|khen thuong|danh hieu|binh chon|"
                       # an advert's claim warned of ('cảnh báo quảng cáo "giảm cân cấp tốc"'; not a
                       # slogan on ad boards, 'khẩu hiệu trên các biển quảng cáo "…"')
                       r"(?:canh bao|khong tin|tranh xa)(?:\s+[a-z]+){0,2}?\s+quang cao)"
                       r"(?:\s+[a-z0-9]+){0,2}\s*:?\s*$"
                       # an event organised under its name, right before the quote or after the kind of
                       # event it is ('tổ chức "Ngày Chủ nhật xanh"'; not 'tổ chức cổ động "…"', a message)
                       r"|\bto chuc(?:\s+(?:tiet hoc|buoi|le|ngay))?\s*:?\s*$"
                       # a model or a movement called for by its name ('vận động "Ngôi nhà …"', 'xây
                       # dựng "Trường học …"'; not after a colon: 'vận động: "…"', the message itself,
                       # nor after a message's own word: 'thông điệp vận động "…"', 'khẩu hiệu vận động')
                       r"|(?<!thong diep )(?<!khau hieu )\b(?:van dong|xay dung)\s*$"
                       # "… chuyên mục trên Báo … mang tên "Sống khỏe tuổi trẻ"": a name, however far its noun
                       r"|\b(?:mang|co|lay|dat|voi)\s+ten(?:\s+la|\s+goi)?\s*:?\s*$")
# an item's lead: a dash (OCR reads one as "_" too), "3 | " (a row's number), "2.1.", "a)", and
# '1/ "…"' (a slash, then a space or a quote: not "15/6", nor "15/ 6/2027" as OCR spaces a date)
_NUMBERING = re.compile(r"^\s*(?:[-+•_]\s*|\d{1,3}\s*\|\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*"
                        r"|\d{1,2}/(?=\s|[“\"«])(?!\s*\d)\s*|[a-z]\)\s*)")
# "ít nhất 02 tin, bài/tháng", "mỗi quý 01 buổi … tại các bản", "02 bài, video/tuần", "01 số/tháng" (an issue)
_QUOTA = re.compile(
    r"\b(?:(it nhat|toi thieu)\s+(\d{1,3})\s+([a-z ,]{2,70}?)\s*(?:/|tren\s+|moi\s+|mot\s+|trong\s+"
    r"moi\s+|hang\s+)(thang|tuan|quy)\b|moi\s+(thang|tuan|quy)\s+(?:it nhat\s+|toi thieu\s+)?"
    r"(\d{1,3})\s+([a-z ,]{2,25}?)(?=[.,;)]|\s*\(|\s+(?:tren|ve|len|tai|cho|voi)\b|\s\||$)|"
    r"(?<![\d/])(\d{1,3})\s+((?:tin,? bai|bai viet|bai|tin|ban tin|buoi|tiet|lan|luot|cuoc|video(?: clip)?|"
    r"clip|chuyen muc|phong su|chuong trinh|lop|ky|so|ho|nha|dot)"
    # "01 video ngắn/tuần", "03 lượt hộ/tháng", "01 số bản tin/tháng", "02 bài chuyên môn/tháng";
    # "02 buổi/xã/quý": per unit too; "02 đợt/quý" (a mobile team's rounds: the channel named says what)
    # ("01 tin, phóng sự/tháng": a station's news and reports)
    # ("01 buổi sinh hoạt chuyên đề/tháng": a session's kind in up to four words)
    r"(?:,\s*(?:video(?: clip)?|clip|bai|tin|anh|phong su))?(?:\s[a-z]{2,6}){0,4})"
    # "01 bài hoặc 01 infographic/tuần": either thing, the first one's noun the rate's
    r"(?:\s+hoac\s+\d{1,3}\s+[a-z]{2,12})?\s*/\s*"
    r"(?:[a-z]+(?:\s[a-z]+){0,3}\s*/\s*)?"
    r"(thang|tuan|quy)\b|"
    # "ba buổi mỗi tuần", "một buổi họp dân mỗi tháng", "hai tin mỗi tuần": a rate in words
    r"\b(" + COUNT_WORDS + r")\s+((?:buoi|tin|bai|lan|luot|tiet|cuoc)"
    # "một tin, ảnh hoặc video mỗi tuần": the things a page posts, listed
    r"(?:(?:\s|,\s)[a-z]{2,5}){0,3}?)\s+(?:moi|hang)\s+(thang|tuan|quy)\b|"
    # "mỗi quý một buổi sinh hoạt chuyên đề": the period first, the count in words
    r"\bmoi\s+(thang|tuan|quy)\s+(?:it nhat\s+|toi thieu\s+)?(" + COUNT_WORDS + r")\s+"
    r"(buoi|tin|bai|luot|tiet|cuoc)\b)")


def _rate(m: re.Match[str]) -> tuple[int, str, str]:
    """A _QUOTA match's count, noun and period (its count in digits or in words)."""
    count = m.group(2) or m.group(6) or m.group(8) or m.group(11) or m.group(15)
    noun = (m.group(3) or m.group(7) or m.group(9) or m.group(12) or m.group(16) or "").strip(" ,")
    per = m.group(4) or m.group(5) or m.group(10) or m.group(13) or m.group(14)
    return (int(count) if count.isdigit() else number_said(count) or 0), noun, _PER[per]
# Nouns that name the activity themselves; "tin, bài", "buổi", "lần" take it from the channel
# the plan names around them ("Xe loa lưu động: … 02 buổi/tháng", "Fanpage … 03 tin, bài/tuần").
_QUOTA_NOUNS = [("poster", r"pano|ap phich|bang ron|khau hieu"),
                ("conference", r"hoi nghi|hoi thao|tap huan|toa dam|buoi truyen thong|buoi noi chuyen|lop"),
                ("competition", r"cuoc thi|hoi thi"),
                ("social", r"video|clip|bai dang|video ngan"),
                # a newspaper's or a station's column, its issues or episodes ("01 kỳ/tháng"),
                # visits to homes ("02 lượt nhà/tháng")
                # rounds of visits naming those visited ("02 đợt thăm hộ gia đình/tháng"; not "đợt thẩm định")
                # ("gia đình" not before "kỳ": "đợt tham gia định kỳ" is taking part, no visit)
                ("other", r"chuyen muc|phong su|chuong trinh|ky|so|luot (?:nha|ho|tham)|ho|nha"
                          r"|dot tham (?:hoi )?(?:ho|nha|gia dinh(?! ky)|nguoi|benh nhan)\b")]
_GENERIC_NOUNS = [("website", r"tin|bai|bai viet|tin bai|tin, bai"),
                  # (OCR's "budi" for "buổi" is mended to the syllable "dưới": a count's sessions)
                  ("conference", r"buoi|duoi|tiet"),
                  ("loudspeaker", r"luot phat thanh|lan phat thanh|luot|lan")]
_CHANNELS = [(kind, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"))
             for kind, words in ACTIVITY_WORDS if kind != "other"]
_PERIOD_SAID = re.compile(r"\d\s+[a-z ,]{2,30}/\s*(?:thang|tuan|quy)\b")
_PER = {"thang": "month", "tuan": "week", "quy": "quarter"}
# a talk in a gathering the rate rides on: a school's flag-salute hour or class meeting, a branch's,
# a team's or a staff session ("sinh hoạt chi hội: 01 lần/tháng"), a talk put into a meeting
# ("lồng ghép trong họp thôn, bản: 01 lần/quý", "tại các cuộc/buổi họp …"); not a meeting held
# ("họp tổ hội 01 lần/tháng": other)
_SCHOOL_TALK = re.compile(r"\b(?:gio chao co|sinh hoat (?:lop|duoi co|chi hoi|chi doan|chi bo|to|"
                          r"chuyen mon|dinh ky|hoi vien)|"
                          # a hospital department's meeting with a talk folded in, same clause ("lồng ghép
                          # … trong sinh hoạt khoa, phòng"); not the department's own business (case
                          # reviews, the meeting held), nor "sinh hoạt khoa học"
                          r"(?:long ghep|tuyen truyen|pho bien|quan triet|noi chuyen)\b[^.;:]{0,80}?"
                          r"\bsinh hoat khoa\b(?! hoc)|sinh hoat khoa\b(?! hoc)[^.;]{0,80}?"
                          r"\b(?:long ghep|tuyen truyen|pho bien|quan triet|noi chuyen)|"
                          # "lồng ghép tuyên truyền trong sinh hoạt thôn, bản": a village's gathering
                          # (not "nhà/điểm sinh hoạt cộng đồng", a hall; nor "sinh hoạt Ban chấp hành")
                          r"(?<!nha )(?<!diem )sinh hoat (?:thon|ban(?!\s+[a-z])|xom|ap|khu pho|"
                          r"to dan pho|cong dong)|gio hoat dong chung|"
                          r"(?:long ghep|trong|tai|vao)\s+(?:cac\s+)?"
                          r"(?:[a-z]{4,5}\s+)?hop\s+(?:thon|ban|xom|ap|khu pho|to dan pho|dan|phu huynh|"
                          r"chi hoi|hoi dong|giao ban|to\b(?! chuc))"
                          # "Họp tổ dân phố: mỗi tổ lồng ghép nội dung … 01 lần/quý": the meeting as the
                          # item's label, the talk folded into it
                          r"|hop\s+(?:thon|ban|xom|ap|khu pho|to dan pho)\s*:[^.;:]{0,80}?\blong ghep)\b")
# a report or a review given in the meeting ("Báo cáo tiến độ tại buổi họp giao ban 01 lần/tháng",
# "sơ kết, đánh giá trong họp thôn"): the meeting's business, no talk; a speaker ("báo cáo viên") talks
_REVIEWED = re.compile(r"\b(?:bao cao(?! vien)|danh gia|so ket|tong ket|kiem diem)\b")
# a newspaper or a magazine ("Báo Hải Phòng", "tạp chí …"); not "báo cáo", "thông báo", "cảnh báo"
# (nor "bảo vệ", "đảm bảo", "bảo quản", "bạo lực", folded alike)
_PRESS = re.compile(r"(?<!thong )(?<!canh )(?<!bao )(?<!dam )\b(?:bao|tap chi)\s+"
                    r"(?!(?:cao|ve|dam|quan|hiem|tri|gom|ton|luc|dong|mat|thu|tro|hanh|lanh)\b)[a-z]")


def themes(plan: PlanText) -> list[ThemeD]:
    """Numbered items of the content section (NỘI DUNG): its sub-items when it has them."""
    found: list[ThemeD] = []
    paras = [p for p in plan.paras if _CONTENT.search(p.section) and "muc dich" not in p.section]
    for i, para in enumerate(paras):
        if para.level < 2:
            continue
        heading = key(para.heading)
        if heading.startswith("chu de"):
            found.append(_theme(para, para.heading.split(":", 1)[-1]))
            continue
        if para.level == 2:
            if _NOT_THEMES.match(heading) and not heading.startswith("cac noi dung truyen"):
                continue
            children = []
            for nxt in paras[i + 1:]:
                if nxt.level == 2 or nxt.level == 1:
                    break
                if nxt.level == 3:
                    children.append(nxt)
            if not children and not _NOT_THEMES.match(heading):
                found.append(_theme(para, para.heading))
        elif para.level == 3 and not _NOT_THEMES.match(key(para.parent)):
            found.append(_theme(para, para.heading))
    return found


def _theme(para: Para, text: str) -> ThemeD:
    text = " ".join(text.split()).strip(" .:;")
    text = text[0].upper() + text[1:] if text else text
    if len(text) <= 150:
        return ThemeD(text, None, para.line)
    cut = max((text.rfind(mark, 40, 150) for mark in (";", ":", ",")), default=-1)
    title = text[:cut] if cut > 0 else shorten(text, 150)
    return ThemeD(title.strip(" ,;:"), shorten(text, 2000, one_line=False), para.line)


def _bare_lines(para: Para) -> list[tuple[int, str]]:
    """A paragraph's lines if each could be a slogan alone: short, capitalised, no full stop, no
    bullet, no table's pipe (the first may be the heading above them, ending in a colon); up to
    a note in brackets below them ("(Câu … không đưa vào bảng thông điệp.)"), which OCR's lost
    blank line joined to them (not a gloss of the line above: "(tên mô hình, …)")."""
    out = [(a, line.strip()) for a, line in para.lines()]
    note = next((k for k, (_a, text) in enumerate(out) if k and text.startswith("(") and text[1:2].isupper()),
                len(out))
    out = out[:note]
    for k, (_a, text) in enumerate(out):
        if not (3 <= len(text) <= 80 and text[0].isupper() and "|" not in text) \
                or (text.endswith((".", ";")) or (text.endswith(":") and k)) \
                or text.isupper() or re.match(r"[A-ZĐ0-9]{1,4}[.)]\s", text):
            return []  # a sentence, or the next heading ("C. THỜI GIAN")
    return out


def _own_sentence(item: str) -> str:
    """"3. Nói không với bóng cười. Riêng chuyên mục … mang tên "…"": an unquoted slogan item ends
    at its full stop; the sentence the next line began is not part of it."""
    if re.match(r"\s*[“\"«]", item):
        return item
    for m in re.finditer(r"[.!]\s+", item):
        if m.end() < len(item) and item[m.end()].isupper():
            return item[:m.start() + 1]
    return item


def _next_sentence_line(para: Para) -> int:
    """Where a line below a list item opens a sentence of its own that quotes names ("+ C" /
    'Góc tư vấn "…" đặt tại …'): the item ends there; else at the paragraph's end."""
    # The last quote found once: a search from each line would be lines × length (#21's limits).
    last = max((m.start() for m in _QUOTE.finditer(para.text)), default=-1)
    for at, _n in para.starts[1:]:
        if para.text[at].isupper() and at <= last:
            return at
    return len(para.text)


def _inner_quote(item: str) -> bool:
    """Whether the item's quotes sit inside its words (words before the first and after the last),
    as a slogan quoting a phrase, rather than quoting slogans one by one."""
    quotes = list(_QUOTE.finditer(item))
    first, last = quotes[0], quotes[-1]
    before = item[:first.start()]
    if not re.search(r"\w", before):
        return False
    if re.search(r"\w{2}", item[last.end():]):
        return True
    # 'Buồn ngủ thì dừng xe, đừng "cố thêm một chút"': the slogan's last clause quotes what people
    # say; not a label ("Khẩu hiệu chính:") nor a list of things naming the quote
    # (or after the dash between its halves: 'Thuốc chữa bệnh - Không phải để "phê"')
    # (a dash counts when words follow it: '- Trên pa nô ở cổng trường - "…"' is a label, then the slogan)
    halves = "," in before or _DASH_THEN_WORDS.search(before)
    return len(quotes) == 1 and bool(halves) and ":" not in before \
        and len(first.group(1).split()) < len(before.split()) and not _SLOGAN_HEADING.search(key(before))


_DASH_THEN_WORDS = re.compile(r" - \W*\w")


# 'video thông điệp "…"', 'khẩu hiệu: "…"': the words right before a quote say it is a message
_SAID_MESSAGE = re.compile(r"\b(?:thong diep|khau hieu)\s*:?\s*$")


# "Các thông điệp được dùng trên loa, tờ rơi và nhóm Zalo: …": a sentence led by the messages, its
# colon opening them after the channels named (not a programme's, a movement's or a contest's name)
_MESSAGES_COLON = re.compile(r"(?:^|[.;]\s)\W*(?:cac\s+)?(?:thong diep|khau hieu)\b[^.;:“”\"]{0,100}?"
                             r"\b(?:(?:nhom|trang|kenh)(?:\s+[a-z0-9]+){0,2}|zalo|facebook|fanpage|website|"
                             r"loa(?:\s+[a-z]+){0,2}|to (?:roi|gap)|bang ron|pano|ap phich)\s*:\s*$")
_MESSAGES_REACH = 140


def _named(before: str) -> bool:
    """Whether the quote after `before` names a thing rather than saying a message."""
    return bool(_NAMED_BY.search(before)) and not _SAID_MESSAGE.search(before)


# 'tổ chức "Ngày hội Bé ăn an toàn"', '"Hội thi Bếp ăn sạch"': a quote that opens with the kind of
# event, club or programme it is names that event, it says no message
_SELF_NAMED = re.compile(r"(?:ngay hoi|hoi thi|cuoc thi|cau lac bo|clb|chuong trinh|hoi thao|toa dam|"
                         r"dien dan|talk ?show|giai chay|ngay chay)\b")


def _self_named(quote: str) -> bool:
    """Whether a quotation opens with the name of the kind of thing it names."""
    return bool(_SELF_NAMED.match(key(quote)))


def _slogan_heading(heading: str) -> bool:
    """"4. Khẩu hiệu", "3. Các thông điệp chính: …", and a label glued below an item's sentence
    ("6. Phụ nữ … uống. Khẩu hiệu tuyên truyền:"); not "5. Dinh dưỡng … giờ làm. Thông điệp:
    "A" và "B"", whose slogans are its own, inline."""
    # "3. Đề nghị Hội … phối hợp vận động; Đài … phát thông điệp theo lịch.": a later task of a
    # duty item (its tasks set apart by semicolons) that names messages is no heading
    if _SLOGAN_HEADING.search(heading.split(":")[0].split(". ")[0].split(";")[0]):
        return True
    last = heading.rstrip().split(". ")[-1]
    return last.endswith(":") and bool(_SLOGAN_HEADING.search(last))


# "Khẩu hiệu", "Các khẩu hiệu tuyên truyền.", "Một số thông điệp chính": the slogan noun opens the heading
_SLOGAN_LEAD = re.compile(r"(?:(?:cac|mot so|nhung|noi dung|va)[ ,]+)*(?:khau hieu|thong diep)\b")


# "… các khẩu hiệu sau.", "Các câu khẩu hiệu tuyên truyền.": the slogan noun (and its qualifiers) ends
# the sentence, the list it announces follows
_SLOGAN_LAST = re.compile(r"\b(?:khau hieu|thong diep)(?: (?:tuyen truyen|truyen thong|co dong|chinh|chu yeu|"
                          r"trong tam|can tuyen truyen|sau day|nhu sau|duoi day|sau))*\s*\.$")


def _task_sentence(heading: str) -> bool:
    """"4. Đề nghị Ủy ban nhân dân xã chỉ đạo đài phát thông điệp theo lịch.": a duty or activity
    item, a sentence that ends in a full stop and names slogans after its verb, heads no list."""
    heading = heading.strip()
    return heading.endswith(".") and not _SLOGAN_LEAD.match(heading) and not _SLOGAN_LAST.search(heading)


# "Khẩu hiệu", "Các khẩu hiệu tuyên truyền:", "Thông điệp chính": a label line alone, no number (a
# bullet before it as a content part's items have: "- Khẩu hiệu:" then "1) …"; a bulleted one opens a
# list by its colon, not "- Khẩu hiệu treo tại trạm", a content item)
# ("Thông điệp truyền thông (in trên tờ rơi, đọc cuối buổi họp):": where or how they are used, in
# brackets, then the colon; not "(giao cho các trạm):", "(kết quả năm 2026):", tasks or results below)
_LABEL_LINE = re.compile(r"\s*(?:[-+•]\s*(?=[^:]*:\s*$))?(?:cac |mot so )?(khau hieu|thong diep)"
                         r"(?: [a-z]+){0,3}(?:\s*\((?=[^()]{0,100}?\b(?:in|dan|treo|doc|phat|tren|tai|loa|"
                         r"to roi|bang ron|pano|ap phich)\b)(?![^()]{0,100}?\b(?:giao|phan cong|ket qua|"
                         r"nam \d{4})\b)[^():]{3,100}\)\s*:\s*|\s*:?\s*)")
_FIRST_ITEM = re.compile(r"\s*1[.)]\s")


# "Hoạt động 6:", "Nhiệm vụ 3 -", "Bước 2:": a part's label and its number open a line, no slogan
_NUMBERED = r" \d{1,2}\s*"
_LABEL_HEADING = re.compile(rf"\s*[a-z]+(?: [a-z]+){{0,2}}{_NUMBERED}[:.-]\s")
# "Hoạt động 2: …": one of the plan's parts with its number and colon (not "Khuyến cáo 1:", "Bước 1:",
# "Lời nhắn 1:", "Tháng 6:", numbered messages themselves; not "Thay băng 4 - 6 giờ …", a slogan's count)
_PART_NUMBERED = re.compile(rf"\s*(?:hoat dong|nhiem vu|noi dung|giai phap|phan|muc|chuyen de|giai doan|dot)"
                            rf"{_NUMBERED}:\s")


# "PHỤ LỤC", "Phụ lục 2", "PHỤ LỤC: TIẾN ĐỘ …": an appendix's title block after the signature
_APPENDIX = re.compile(r"^phu luc\b(?:\s*[0-9ivx]{1,4}\b)?\s*[:.-]?")


def _appendix_title(para: Para) -> str | None:
    """The words of an appendix's title block ("PHỤ LỤC" / "KHẨU HIỆU TUYÊN TRUYỀN" / "(Kèm
    theo …)"), its "Kèm theo" line aside; None when the paragraph opens no appendix."""
    if para.level or len(para.text) > 400:
        return None
    for at, _line in para.starts:  # the signature above may have joined it ("GIÁM ĐỐC … PHỤ LỤC")
        low = key(para.text[at:])
        if _APPENDIX.match(low):
            return low.split("(kem theo")[0]
    return None


def _bullet(text: str) -> str:
    """The bullet a list item opens with ("-", "+", "•"), or ""."""
    stripped = text.lstrip()
    return stripped[0] if stripped and stripped[0] in "-+•" else ""


# "| Phân loại đúng - Xử lý an toàn |": a line of a box drawn around the slogans (a one-cell row)
_FRAMED = re.compile(r"\|\s+([^|]{3,200}?)\s+\|")
# "PHỤ LỤC" / "THÔNG ĐIỆP TRUYỀN THÔNG": an appendix's heading in capitals, without a number
_CAPS_SLOGAN_HEADING = re.compile(r"(?:phu luc\b[^a-z]*)?(?:cac |mot so )?(?:khau hieu|thong diep)\b[a-z ,]*")
# "3, Vắc xin …": an item's number whose dot OCR read as a comma
_COMMA_ITEM = re.compile(r"\s*(\d{1,2}),\s+(?=[^\W\d_])")


def _caps_lines(para: Para) -> list[str]:
    """The paragraph's lines in capitals from its first ("PHỤ LỤC", "THÔNG ĐIỆP …"), folded."""
    out = []
    for _a, line in para.lines():
        text = line.strip()
        if not (text and text[0].isalpha() and text.isupper() and len(text) <= 80):  # not "- SỐNG KHỎE"
            break
        out.append(key(text))
    return out


def _caps_slogans(para: Para) -> list[tuple[int, str]]:
    """"TỦ THUỐC ĐỦ - CHUYẾN BIỂN AN TOÀN" / "MỖI TÀU MỘT NGƯỜI BIẾT SƠ CỨU": under a slogan
    heading, a paragraph whose every line is in capitals, of words (two lines at least: one line
    alone may be the next part's heading), each a slogan as printed on a banner; OCR may read a
    capital or two as small letters ("NGỘ ĐỘC KHi")."""
    lines = [(a, line.strip()) for a, line in para.lines()]
    if len(lines) < 2:
        return []
    for _a, text in lines:
        letters = [c for c in text if c.isalpha()]
        if not (3 <= len(text) <= 120 and text[0].isalpha() and " " in text
                and sum(c.isupper() for c in letters) >= 0.9 * len(letters)):
            return []
    # "KINH PHÍ THỰC HIỆN" / "NGUỒN NGÂN SÁCH NHÀ NƯỚC": the next part's heading, not banners
    return [] if any(_CAPS_SLOGAN_HEADING.fullmatch(key(text)) or _NOT_THEMES.match(key(text))
                     for _a, text in lines) else lines


def _syllables(line: str) -> int:
    """The words of a line that hold a letter ("G6i" as OCR reads "Gội"; not a dash)."""
    return sum(1 for word in line.split() if any(c.isalpha() for c in word))


# "với chủ đề "…"", and as OCR without Vietnamese data bends its chủ ("cha dé", "chi dé")
_THEME_SAID = re.compile(r"\b(ch[a-z]{1,2}) de\b[^.;\"“”]{0,20}$")


def _theme_said(before: str) -> bool:
    """Whether the words `before` a quote name it the day's theme ("với chủ đề")."""
    m = _THEME_SAID.search(before)
    return bool(m) and bends_to(m.group(1), "chu")


def _wrapped_rest(plan: PlanText, index: int, item: str) -> str | None:
    """"3. Vui Tết … thực phẩm bẩn, đồ chơi" / (blank line) / "không bảo đảm chất lượng!": the
    wrapped line of a list item that OCR set apart by a blank line (one line, in lower case, the
    item left without its sentence's end), or None."""
    below = plan.paras[index + 1] if index + 1 < len(plan.paras) else None
    if below is None or below.level or len(below.starts) != 1 or len(below.text) > 120 \
            or not below.text[0:1].islower() or item.rstrip().endswith((".", "!", "?", ";", ":", '"', "”")):
        return None
    return below.text.strip()


def _mid_sentence(item: str) -> bool:
    """Whether the quotation `item` opens with goes on in lower case: a sentence's middle."""
    m = _QUOTE.match(item.lstrip())
    return bool(m) and item.lstrip()[m.end():].lstrip()[:1].islower()


def _label_para(para: Para) -> bool:
    """A paragraph of one short line (under 10 syllables): a label, not a sentence cut in half."""
    return len(para.starts) == 1 and _syllables(para.text) < 10


def _quote_across(para: Para) -> bool:
    """Whether a quotation of the paragraph opens on one line and closes on another."""
    return any(para.line_at(m.start()) != para.line_at(m.end() - 1) for m in _QUOTE.finditer(para.text))


# what joins two quotes of one chain: «"A", "B" và "C"», «"A"; 2) "B"», «"A": "B"» as OCR reads a ";"
_CHAIN_GAP = re.compile(r"\s*(?:,|;|:)?\s*(?:va|hoac)?\s*(?:\(?\d{1,2}[.)/]\s*)?")
# a chain's rest at a paragraph's end: its gap, then perhaps a quote OCR's blank line cut open
_CHAIN_OPEN = re.compile(_CHAIN_GAP.pattern + r"(?:[“\"«][^“”\"«»]{0,200})?")
_CHAIN_READ = 500  # of a paragraph below: room for two quotes, and reading stays linear


def _chain_across(plan: PlanText, index: int, chained: int) -> list[tuple[int, str]]:
    """'… thông điệp "A", "B' / (blank line) / 'B" và "C".': a chain of quoted slogans that OCR cut
    with blank lines reads on into the first lines of the next one or two paragraphs, quote by
    quote, up to the first quote that is not the chain's (its gap no comma, "và" or ";")."""
    para = plan.paras[index]
    text, at, found = para.text[chained:], 0, []
    spans = [(-chained, para)]  # where each paragraph's text starts in `text`
    for below in plan.paras[index + 1:index + 3]:
        if not _CHAIN_OPEN.fullmatch(key(text[at:])) or below.level:
            break
        spans.append((len(text) + 1, below))
        text = f"{text} {below.text[:_CHAIN_READ]}"  # a chain's next quotes open its first lines
        for m in _QUOTE.finditer(text, at):
            if not _CHAIN_GAP.fullmatch(key(text[at:m.start()])):
                return found  # '… "C". Tờ rơi "D"': the next sentence's quote, a name
            base, owner = next(span for span in reversed(spans) if span[0] <= m.start())
            found.append((owner.line_at(m.start() - base), m.group(1)))
            at = m.end()
    return found


def _couplet(para: Para) -> str | None:
    """"Gội đầu mỗi tuần hai lần," / "Chấy chí không bám, tóc mềm em ngoan.": a lục bát couplet
    (a line of six syllables, then one of eight) is one slogan, its second line going on the first."""
    if len(para.starts) != 2:
        return None
    cut = para.starts[1][0]
    first, second = para.text[:cut].strip(), para.text[cut:].strip()
    if _syllables(first) != 6 or _syllables(second) != 8 or not first[0].isupper() \
            or not second[0].isupper() or first.endswith((".", ";", ":", "!", "?")) \
            or re.search(r"\s[-–]\s|\|", para.text):
        return None  # "Đi rẫy mặc áo dài tay" / "Sốt cao, có vết loét - Khám ngay": two slogans
    # after a comma the couplet reads on as one sentence; a name ("Trạm Y tế") keeps its capital
    if first.endswith(",") and not second.split()[1][0].isupper():
        second = second[0].lower() + second[1:]
    return f"{first} {second}"


# "[) A", "[] B", "(] C": a box bullet (☐) as OCR without Vietnamese data reads it; "o A" its "¢"
# for a round one. The item's text opens with a capital (not the word "o" of a sentence).
_BOX_MARK = re.compile(r"\s*(?:[\[(][)\]]|o)\s+")


def _box_mark(text: str) -> int:
    """Where an item led by OCR's reading of a box or round bullet starts its text, or 0."""
    m = _BOX_MARK.match(text)
    return m.end() if m and text[m.end():m.end() + 1].isupper() else 0


def _comma_item(plan: PlanText, index: int) -> re.Match[str] | None:
    """"3, Vắc xin …" right below "2. …": the list's next item, its dot read as a comma."""
    m = _COMMA_ITEM.match(plan.paras[index].text)
    above = re.match(r"\s*(\d{1,2})[.)]\s", plan.paras[index - 1].text) if m and index else None
    return m if m and above and int(above.group(1)) + 1 == int(m.group(1)) else None


# "1. Khẩu hiệu: Nói không với pháo nổ, pháo tự chế; Một giây bốc đồng - Cả đời tàn tật; …": the
# slogans inline after their label, unquoted, set apart by semicolons
_INLINE_LABEL = re.compile(r"\s*(?:\d{1,2}[.)]\s*)?(?:cac\s+)?(?:khau hieu|thong diep)[a-z ,]{0,40}?:\s*")


def _semicolon_slogans(para: Para) -> list[tuple[int, str]]:
    """The slogans a label lists inline, unquoted, between semicolons, up to its sentence's end."""
    m = _INLINE_LABEL.match(para.folded.lower())
    if not m or ";" not in para.text:
        return []
    stop = re.search(r"\.\s+(?=[A-ZĐ])", para.text[m.end():])
    end = m.end() + stop.start() if stop else len(para.text)
    if _QUOTE.search(para.text, m.end(), end):
        return []  # quoted slogans: read as such
    out, at = [], m.end()
    for piece in para.text[m.end():end].split(";"):
        text = piece.strip().rstrip(".")
        if not (3 <= len(text) <= 120 and text[0].isupper()):
            return []  # a sentence listing things, not slogans
        out.append((at + len(piece) - len(piece.lstrip()), text))
        at += len(piece) + 1
    return out if len(out) >= 2 else []


# "Thông điệp 1: Không tự ý tiêm thuốc tại nhà.", "- Khẩu hiệu số 2: …": a slogan a line, its label
# numbered (offices number the messages they print one per poster)
_NUMBERED_LABEL = re.compile(r"\s*(?:[-+•]\s*)?(?:khau hieu|thong diep)\s+(?:so\s+)?\d{1,2}\s*[:.)]\s+")


def _numbered_label_lines(para: Para) -> list[tuple[int, str]]:
    """The lines of a paragraph that open with a numbered slogan label, each the text after it."""
    out = []
    for a, line in para.lines():
        m = _NUMBERED_LABEL.match(para.folded[a:a + len(line)].lower())
        text = line[m.end():].strip().strip("“”\"«»") if m else ""
        if 3 <= len(text) <= 200:
            out.append((a + m.end() if m else a, text))
    return out


def _lines_below_label(para: Para) -> list[tuple[int, str]]:
    """"1. Khẩu hiệu, thông điệp (treo tại …):" with the slogans on the lines below it, indented
    (or framed in stars) so that they joined its paragraph: those lines, each a slogan alone."""
    if not para.level or len(para.starts) < 3:
        return []
    lines = [(a, line.strip()) for a, line in para.lines()]
    label = lines[0][1]
    if not (label.endswith(":") and len(label) <= 120 and _slogan_heading(key(label))):
        return []
    for _at, text in lines[1:]:
        if not (3 <= len(text) <= 100 and text[0].isupper() and "|" not in text) \
                or text.endswith((".", ";", ":")):
            return []  # the paragraph's sentences, not a slogan a line
    return lines[1:]


# "❖", "–" (an en dash), "➢": a list mark the splitter does not know, so its lines stayed in one paragraph
_MARK = re.compile(r"\s*[–—❖➢►▪◆●○■□✓✔]\s+")


def _marked_lines(para: Para) -> list[tuple[int, str]]:
    """"Các cơ quan sử dụng các thông điệp sau:" (or the heading "1. Thông điệp chính") with
    the slogans on the lines below it, each opening with a mark the splitter does not know
    ("❖", "–"): those lines, each a slogan; a line opening in lower case goes on with the one
    above; the first line without a mark ends the list (a note below it)."""
    if len(para.starts) < 3:
        return []
    lines = para.lines()
    label = re.sub(r"^[0-9ivx.]{1,8}[.)]?\s+", "", key(lines[0][1]))  # a heading's number aside
    if not (len(label) <= 160 and ((para.level and _slogan_heading(label) and ":" not in label)
                                   or (label.endswith(":") and _SLOGAN_HEADING.search(label[-120:])))):
        return []
    out: list[tuple[int, str]] = []
    for at, line in lines[1:]:
        mark = _MARK.match(line)
        if mark:
            out.append((at + mark.end(), line[mark.end():].strip()))
        elif out and _lower_first(line.strip()):
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())
        else:
            break
    return out if len(out) >= 2 and all(3 <= len(t) <= 200 and t[0].isupper() for _, t in out) else []


# "… các thông điệp: A / B / C": slogans run together after their label, set apart by " / "
_SLASH_LABEL = re.compile(r"\b(?:khau hieu|thong diep)[a-z ,]{0,40}?:\s*")
_SLASH = re.compile(r"\s+/\s+")


def _slash_slogans(para: Para, below: Para | None) -> tuple[list[tuple[int, str]], bool]:
    """The slogans a label runs together after it, unquoted, set apart by " / " (each with its
    line); the run may go on in the paragraph below when this one stops on a dash or a comma
    (OCR's blank lines). Also whether the paragraph below was read."""
    m = _SLASH_LABEL.search(para.folded.lower())
    if not m or _QUOTE.search(para.text, m.end()):
        return [], False
    run = para.text[m.end():]
    joined = below is not None and not below.level and run.rstrip()[-1:] in ("-", ",") \
        and " / " not in run and _SLASH.search(below.text) is not None
    if joined and below is not None:
        run += " " + below.text
    stop = re.search(r"[.;]\s+(?=[A-ZĐ])", run)
    run = run[:stop.start()] if stop else run
    at = [0, *(s.end() for s in _SLASH.finditer(run))]
    texts = [" ".join(p.split()).rstrip(".") for p in _SLASH.split(run)]
    if len(texts) < 2 or not all(3 <= len(t) <= 150 and t[0].isupper() for t in texts):
        return [], False
    own = len(para.text) - m.end()  # the run's part in this paragraph; the rest is below's
    return [(para.line_at(m.end() + a) if a < own or below is None else below.line, t)
            for a, t in zip(at, texts, strict=True)], joined


# '… khẩu hiệu số 2 "A" thay bằng: "B"': an amending plan quotes the slogan it replaces, then the new one
_REPLACED = re.compile(r"\s*(?:[,)]\s*)?(?:(?:da|duoc|se|nay)\s+)?(?:thay(?:\s+the)?\s+(?:bang|boi)|"
                       r"doi\s+thanh|sua(?:\s+lai)?\s+thanh)\b")


def _replaced(plan: PlanText) -> set[str]:
    """The slogans an amending plan says it replaces (folded): not the plan's slogans any more."""
    return {key(m.group(1)) for para in plan.paras for m in _QUOTE.finditer(para.text)
            if _REPLACED.match(para.folded.lower(), m.end())}


# "Đợt | Thời gian | Nội dung | Thông điệp chính | Hình thức": a table's column of slogans
_SLOGAN_COLUMN = re.compile(r"(?:cac\s+)?(?:khau hieu|thong diep)(?:\s+(?:chinh|truyen thong|tuyen truyen))?")


def _column_slogans(plan: PlanText) -> list[tuple[str, int]]:
    """The slogans in a table's "Thông điệp chính" column (a Word table exported with tabs), each
    joined over its row's wrapped lines: a line of the column opening with a capital, the one above
    not left on a dash, colon or comma, starts the next slogan of the cell."""
    out: list[tuple[str, int]] = []
    column = width = -1
    parts: list[str] = []
    line = 0

    def flush() -> None:
        text = " ".join(parts).strip(" ,;")
        if 3 <= len(text) <= 200:
            out.append((text, line))
        parts.clear()

    for para in plan.paras:
        for (_a, row), (_at, number) in zip(para.lines(), para.starts, strict=True):
            if " | " not in row and not row.startswith("| "):
                if column >= 0:
                    flush()
                column = -1  # the table ended
                continue
            cells = _cells_of(row)
            heads = [i for i, cell in enumerate(cells) if _SLOGAN_COLUMN.fullmatch(key(cell))]
            if heads and not cells[0].isdigit():
                flush()
                column, width = heads[0], len(cells)
                continue
            if column < 0:
                continue
            if cells[0]:  # a new row; its empty middle cells were dropped unless it spans all columns
                flush()
                if len(cells) != width:
                    continue
            cell = cells[column] if column < len(cells) else ""
            if not cell:
                continue
            if parts and cell[0].isupper() and not parts[-1].endswith(("-", ":", ",")):
                flush()
            if not parts:
                line = number
            parts.append(cell)
    if column >= 0:
        flush()
    return out


# "Nơi nhận:", "Nơi gửi:": the block of recipients below the plan's last part, beside the signature
_RECIPIENTS = re.compile(r"\s*noi (?:nhan|gui)\s*:")
# "Nội dung truyền thông:", "Các nội dung chính cần truyền tải:", "Đối tượng tuyên truyền:": a line
# alone labelling another part of the plan (OCR's "Ndi dung" too): the slogan list above it ended;
# not "Đối tượng học sinh:", a group of slogans named by its audience
_PART_LABEL = re.compile(r"\s*(?:[-+•]\s*)?(?:(?:cac|nhung)\s+)?(?:n[a-z0-9]{0,2}i dung|hinh thuc|"
                         r"doi tuong(?= *:| (?:tuyen truyen|truyen thong|tac dong|chu yeu|chinh|huong|can|"
                         r"muc tieu)\b)|"
                         r"phuong thuc|muc dich|yeu cau|dia diem|bien phap)(?: [a-z]+){0,6}\s*:\s*")


# "(1) Họp …", "- Tập huấn …", "a) …": an item's lead on the line below a heading's own
_ITEM_LEAD = re.compile(r"\s*(?:\(\d{1,2}\)|[-+•]|[a-z]\)|\d{1,2}[.)])\s")


def _heads_items(para: Para) -> bool:
    """"4. Các hoạt động" (or "4. Các hoạt động:") / "(1) Họp …" / "(2) …": a short heading whose items
    the splitter joined to it, however long the paragraph they make."""
    if len(para.starts) < 2:
        return False
    own = para.text[:para.starts[1][0]].rstrip()
    heading_like = own[-1:].isalnum() or own.endswith(":")
    return len(own) <= 80 and heading_like and bool(_ITEM_LEAD.match(para.text[para.starts[1][0]:]))


def slogans(plan: PlanText, draft: Draft) -> None:
    seen: set[str] = _replaced(plan)
    # "1. Thông điệp chính" (sentences) beside "2. Khẩu hiệu" (short lines): the messages are content
    message_sentences: list[SloganD] = []
    from_list = [False]  # a slogan came from under a "khẩu hiệu" heading
    heading_kind = ""  # the kind of heading the items are under: "khau hieu", "thong diep" or ""

    def add(text: str, line: int) -> None:
        text = " ".join(text.replace("*", "").split()).strip(" ,;:")
        if _LABELLED.match(key(text)):
            return  # "1. Nội dung: …" under "III. NỘI DUNG VÀ THÔNG ĐIỆP": the content, not a slogan
        if 3 <= len(text) <= 300 and key(text) not in seen:
            seen.add(key(text))
            draft.slogans.append(SloganD(text, line))
            if under is not None and heading_kind == "khau hieu":
                from_list[0] = True
            elif under is not None and heading_kind == "thong diep" and text.endswith(".") and len(text) > 60:
                message_sentences.append(draft.slogans[-1])

    themed: list[tuple[str, int]] = []  # "Chủ đề: …": the slogan of a plan that names none
    under: int | None = None  # the level of a "khẩu hiệu"/"thông điệp" heading we are under
    next_item = first_at = 0  # "5. Khẩu hiệu tuyên truyền:" then "1. …", "2. …" at its level
    listing = False
    appendix = False  # an appendix's title block whose title may follow as the next paragraph
    marks = ""  # the bullets of a listing's label line and of its first item ("-" then "+")
    other: int | None = None  # the level of a sibling heading we are under ("1. Nội dung")
    capitals = False  # the heading we are under is an unnumbered one in capitals ("PHỤ LỤC")
    framing = False  # the paragraph above introduced slogans ("… in ba thông điệp trong khung:")
    skip = -1  # a paragraph a slogan run above went on into, read with it
    for index, para in enumerate(plan.paras):
        if index == skip:
            continue
        short = len(para.text) <= 160
        introduced, framing = framing, False
        title = _appendix_title(para)
        if title is None and appendix and not para.level and short and para.text.isupper():
            title = key(para.text)  # "PHỤ LỤC" / (blank line) / "KHẨU HIỆU TUYÊN TRUYỀN"
        appendix = title is not None and not _SLOGAN_HEADING.search(title)
        if title is not None:
            # "PHỤ LỤC / KHẨU HIỆU TUYÊN TRUYỀN" then "1. …", "2. …": the plan's slogans, as a
            # "Khẩu hiệu: theo Phụ lục" promised; any other appendix ends a list above it
            other, listing = None, False
            under, next_item, first_at = (1, 1, index + 1) if _SLOGAN_HEADING.search(title) else (None, 0, 0)
            heading_kind = ""
            continue
        if _RECIPIENTS.match(para.low):
            # "Nơi nhận:" / "- UBND xã (b/c);": the recipients and the signature end any list above
            under, next_item, listing, other, capitals = None, 0, False, None, False
            continue
        if (under is not None or listing) and not para.level and len(para.starts) == 1 \
                and _PART_LABEL.fullmatch(key(para.text)) and not _SLOGAN_HEADING.search(key(para.text)):
            under, next_item, listing, capitals = None, 0, False, False  # "Nội dung chính:" then its list
            continue
        if under is not None and not para.level and _PART_NUMBERED.match(para.low):
            # "Hoạt động 1: …" below the slogans: the next part, no slogan (a bulleted list, `listing`,
            # ends by its own _LABEL_HEADING check below)
            under, next_item = None, 0
        if other is not None:
            if not para.level or para.level > other:
                continue
            other = None
        if (under is not None and para.level > under and short and _OTHER_PART.fullmatch(key(para.heading))
                and not _SLOGAN_HEADING.search(key(para.heading))):
            other, next_item = para.level, 0  # "III. NỘI DUNG VÀ THÔNG ĐIỆP" / "1. Nội dung" / a), b)
            continue
        number = re.match(r"\s*(\d{1,2})[.)]\s", para.text)
        if under is not None and next_item and number and int(number.group(1)) == next_item \
                and (next_item > 1 or index == first_at) and not para.text.rstrip().endswith(":"):
            next_item += 1
            # '3) "A" Tờ gấp "B" …': the item's slogan, not the leaflet the next sentence names
            item = _own_sentence(para.heading)
            rest = _wrapped_rest(plan, index, item)
            if rest:
                item, skip = f"{item} {rest}", index + 1
            quoted = [m.group(1) for m in _QUOTE.finditer(item)
                      if not _named(key(item[max(0, m.start() - 40):m.start()]))]
            # ("1. Nội dung: … quảng cáo "…"": a labelled item's named quotes are no fallback)
            named = [] if _LABELLED.match(key(_NUMBERING.sub("", item))) else _QUOTE.findall(item)
            for text in quoted or named or [item]:
                add(text, para.line)
            continue
        caps = [] if para.level else _caps_lines(para)
        if caps and any(_CAPS_SLOGAN_HEADING.fullmatch(line) for line in caps):
            under, next_item, capitals = 1, 0, True  # "PHỤ LỤC" / "THÔNG ĐIỆP TRUYỀN THÔNG" then "1. …"
            continue
        if (para.level and under is not None and para.level <= under and (short or _heads_items(para))) \
                or (capitals and caps):
            under, next_item, capitals = None, 0, False  # the next heading, numbered or in capitals
        listed = _semicolon_slogans(para) or _lines_below_label(para) or _numbered_label_lines(para) \
            or _marked_lines(para) or (_caps_slogans(para) if under is not None and caps else [])
        if listed:
            for at, text in listed:
                add(text, para.line_at(at))
            continue
        slashed, joined = _slash_slogans(para, plan.paras[index + 1] if index + 1 < len(plan.paras) else None)
        if slashed:
            for line, text in slashed:
                add(text, line)
            skip = index + 1 if joined else -1
            continue
        # "4. Khẩu hiệu", "3. Các thông điệp chính: …"; not "1. Loa …: phát thông điệp …"
        if para.level and short and _slogan_heading(key(para.heading)):
            # '3. Khẩu hiệu: "A"; "B"', '2. Dùng các khẩu hiệu "A" và "B" trong chương trình "C"':
            # its slogans are inline, no list follows
            inline = [m for m in _QUOTE.finditer(para.text)
                      if not _named(para.low[max(0, m.start() - 40):m.start()])]
            for m in inline:
                add(m.group(1), para.line_at(m.start()))
            # "6. Các thông điệp chính (…):" / '"A"' / '"B"': the quotes on the lines below the
            # heading's own are the list's first items; the next ones follow as paragraphs
            cut = para.starts[1][0] if len(para.starts) > 1 else len(para.text)
            below = bool(inline) and inline[0].start() >= cut and para.text[:cut].rstrip().endswith(":")
            if (not inline or below) and not _task_sentence(key(para.heading)):
                under, next_item, first_at = para.level, 1, index + 1  # "4. Khẩu hiệu" then "1. …"
                found_kind = _SLOGAN_HEADING.search(key(para.heading))
                heading_kind = found_kind.group(1) if found_kind else ""
            continue
        numbered_below = index + 1 < len(plan.paras) and _FIRST_ITEM.match(plan.paras[index + 1].text)
        # "- Hạn chế …" / "Thông điệp tuyên truyền:" / "1) A": a label typed under a bullet, joined to it
        # (the bullet a sentence ended: not "… treo" / "khẩu hiệu", the bullet's own words wrapped)
        last = para.text[para.starts[-1][0]:]
        if len(para.starts) > 1 and para.text[:para.starts[-1][0]].rstrip()[-1:] not in ".;":
            last = para.text
        label = _LABEL_LINE.fullmatch(key(last)) if not para.level and numbered_below else None
        if label:
            # "Khẩu hiệu" / "1. "A"", "2. "B"": an unnumbered label (or one whose number OCR lost)
            # over a numbered list, read as "4. Khẩu hiệu" is, at the list's level
            under, next_item, first_at = plan.paras[index + 1].level, 1, index + 1
            heading_kind = label.group(1)
            continue
        if not para.level and len(para.text) <= 80 and para.text.rstrip().endswith(":") \
                and _SLOGAN_HEADING.search(para.low):
            listing, marks = True, _bullet(para.text)  # "Khẩu hiệu tuyên truyền:" then a list
            if under is not None and index == first_at:
                first_at = index + 1  # "1. Thông điệp" / "Dùng các thông điệp sau:" / "1) …"
            continue
        couplet = _couplet(para) if under is not None and not para.level else None
        if couplet:
            add(couplet, para.line)
            continue
        lines = _bare_lines(para)
        if not para.level and len(lines) >= 2 and lines[0][1].endswith(":") \
                and _SLOGAN_HEADING.search(key(lines[0][1])):
            for at, text in lines[1:]:  # "Khẩu hiệu tuyên truyền:" then a slogan a line, unquoted
                add(text, para.line_at(at))
            # the label and one slogan glued: OCR set the next ones apart by blank lines
            listing, marks = len(lines) == 2, ""
            continue
        framed = _FRAMED.fullmatch(para.text)
        if framed and (under is not None or listing or introduced):
            add(framed.group(1), para.line)  # "| Phân loại đúng - Xử lý an toàn |": a box's line
            framing = True
            continue
        # "2. Thông điệp truyền thông" then a slogan a line, bare (of words: not OCR's noise "GDaAnN");
        # not a sentence whose quotation runs over its lines (OCR's short lines: 'Các Trạm … ba
        # thông điệp "Trẻ kéo tai, chảy mủ tai -' / 'Đưa đi khám ngay",'), read for its quotes below
        if under is not None and not para.level and lines \
                and not any(t.endswith(":") or " " not in t for _, t in lines) and not _quote_across(para):
            for at, text in lines:
                if not _LABEL_LINE.fullmatch(key(text)):  # "Các khẩu hiệu tuyên truyền": the list's label
                    add(text, para.line_at(at))
            continue
        if para.text.rstrip().endswith(":") and _SLOGAN_HEADING.search(key(para.text[-120:])):
            framing = True  # "… in ba thông điệp trong khung:" then the box
        if listing and len(marks) == 1:
            marks += _bullet(para.text) or " "
        if listing and len(marks) == 2 and marks[0] != marks[1] and _bullet(para.text) == marks[0]:
            listing = False  # "- Khẩu hiệu:", "+ A", "+ B", then "- Ngày …": the label's sibling
        if listing and _LABEL_HEADING.match(key(para.text)):
            listing = False  # "Hoạt động 6: Hưởng ứng …", "Nhiệm vụ 3:": the next part's heading
        # 'a) "A"', 'b) "B"': items lettered under the label, each quoting its slogan
        if listing and re.match(r"^\s*([-+•]|[a-z]\)\s*[“\"«]|[“\"«])", para.text):
            item = para.text[:_next_sentence_line(para)]
            for text in _QUOTE.findall(item) or [_NUMBERING.sub("", item)]:
                add(text, para.line)
            continue
        if listing and not para.level and len(para.starts) == 1 and _bare_lines(para):
            add(para.text, para.line)  # the same as OCR reads it, a blank line between the slogans
            continue
        listing = False
        comma = _comma_item(plan, index) if under is not None else None
        boxed = _box_mark(para.text) if under is not None else 0
        if under is not None and (para.level > under or _NUMBERING.match(para.low) or comma or boxed
                                  # a quoted line alone ('. "A"': OCR's dot for the "1." it lost)
                                  or re.match(r"^\s*(?:[.,·]\s+)?[“\"«]", para.text)):
            aside = next((at for at, _n in para.starts[1:] if para.text[at] == "("), len(para.text))
            aside = min(aside, _next_sentence_line(para))  # a note below that quotes names is no part
            item = para.text[:aside]  # "- A" / "(Chương trình … duy trì.)": the line below is an aside
            item = item[comma.end():] if comma else item[boxed:] if boxed else _NUMBERING.sub("", item)
            item = item.split(" | ")[0]  # a table's row: its first cell
            item = _own_sentence(item)
            # "… tên tờ gấp" / (blank line) / '"B" chỉ dùng làm tên …': a sentence OCR cut before
            # its quoted name, the name's noun ending the paragraph above
            # ("… và góc truyền thông" / (blank line) / '"B" tại trường … là tên ấn phẩm': the quote
            # goes on in lower case, the middle of the sentence above, not an item)
            # (not below a label, one short line: "Các khẩu hiệu tuyên truyền" / '"A" là khẩu hiệu …')
            above = plan.paras[index - 1].low.rstrip() if index else ""
            cut = index and not plan.paras[index - 1].level and not _label_para(plan.paras[index - 1])
            if above[-1:].isalnum() and item.lstrip()[:1] in "“\"«" and (
                    _named(above[-40:]) or (cut and _mid_sentence(item))):
                continue
            quoted = [m.group(1) for m in _QUOTE.finditer(item)
                      if not _named(key(item[max(0, m.start() - 40):m.start()]))]
            if quoted and _inner_quote(item):
                quoted = []  # 'Glôcôm: "kẻ trộm thị lực" thầm lặng - Khám …': the whole line is the slogan
            for text in quoted or [item]:
                if len(text) <= 200:
                    add(text, para.line)
            continue
        if para.level >= 2 and key(para.heading).startswith("chu de") and ":" in para.heading:
            themed.append((para.heading.split(":", 1)[1], para.line))
        chained = -1  # where the last quoted slogan ended: «"A", "B" và "C"» are all slogans
        for m in _QUOTE.finditer(para.text):
            # «"A"; "B"», and «"A": "B"» as OCR reads a semicolon that lost its comma
            # '"A"; 2) "B"' and '(1) "A"; (2) "B"' too, and '1/ "A" 2/ "B"' run into one paragraph
            listed = chained >= 0 and _CHAIN_GAP.fullmatch(para.low[chained:m.start()])
            before = para.low[max(0, m.start() - 40):m.start()]
            # ('khẩu hiệu: "Chương trình … - Vì …"', '"A" và "Ngày hội …"': a message, as its label or
            # the slogan chained before it says, whatever its first words)
            # ('Các thông điệp dùng trên loa và nhóm Zalo: "A"': the messages' colon, past the channels named)
            # (searched within the paragraph: its ^ is the paragraph's start, not the window's)
            said = _MESSAGES_COLON.search(para.low, max(0, m.start() - _MESSAGES_REACH), m.start())
            if (_named(before) and not said) or (
                    _self_named(m.group(1)) and not (listed or _SAID_MESSAGE.search(before))):
                chained = -1  # phong trào "Xanh - Sạch - Đẹp": a name, not a slogan
                continue
            if _theme_said(para.low[max(0, m.start() - 40):m.start()]):
                themed.append((m.group(1), para.line_at(m.start())))  # the day's theme: a slogan
                chained = -1  # only for a plan that names none
                continue
            if listed or _QUOTE_TRIGGER.search(para.low[max(0, m.start() - 200):m.start()]):
                add(m.group(1), para.line_at(m.start()))
                chained = m.end()
            else:
                chained = -1
        if chained >= 0:
            for line, text in _chain_across(plan, index, chained):
                add(text, line)
    if from_list[0] and message_sentences:
        messages = {id(m) for m in message_sentences}
        draft.slogans[:] = [s for s in draft.slogans if id(s) not in messages]
    for text, line in _column_slogans(plan):
        add(text, line)
    if not draft.slogans:
        for text, line in themed:
            add(text, line)


# a table's cell "02/tháng", "01/xã/quý"
_ROW_QUOTA = re.compile(r"(\d{1,3})\s*/\s*(?:[a-z]+\s*/\s*)?(thang|tuan|quy)")


def quotas(plan: PlanText, draft: Draft) -> None:
    first = len(draft.quotas)
    said: set[int] = set()  # quotas whose own noun names them "other" ("01 chuyên mục/quý")
    each: set[int] = set()  # one rate's copy for each channel it names ("… mỗi kênh")
    pages: dict[tuple[str, int, str], set[str | None]] = {}  # the channel words each quota was said on
    days: set[str] = set()  # the days of each month a session was read on ("thu bay cuoi thang")
    prev = None
    glued_above: str | None = None  # the row above as glued to its own above: a cell wraps twice
    chain: set[int] = set()  # the lines glued into it: the rates they read are the row's own
    heading = ""  # the short line that heads the items below ("Hoạt động 2: Phát thanh trên loa phường")
    for index, para in enumerate(plan.paras):
        if _ITEMS_HEAD.fullmatch(para.low) and not _QUOTA.search(para.low):
            heading = para.low
        elif para.level or not (para.text.lstrip().startswith(("-", "+", "•", "_"))
                                or para.text.lstrip()[0:1].islower()):
            heading = ""  # its items (a bullet, "a)", a wrapped rest) end at a heading or a sentence
        _rate_below(prev, para, draft)
        # (only from a line that goes on a cell to the next: its first one empty or in lower case,
        # not a new row; and only over a few lines, so reading stays linear)
        goes_on = bool(re.match(r"\|\s*(?:\||[a-zđ])", para.text)) or (
            para.text.startswith("|") and prev is not None and not prev.text.startswith("|"))
        chained = glued_above is not None and goes_on and len(chain) < 4
        cut = _cut_tail(prev, para)
        low = None if cut else _with_row_above(prev, para, glued_above if chained else None)
        glued_above = low if goes_on and low is not None and len(low) <= 400 else None
        chain = (chain if chained else {prev.line} if prev else set()) | {para.line}
        if cut:  # the row's line whole again: its wrapped line glues to it
            glued_above = f"{prev.low.rstrip()} {para.low.strip()}"
        lead = _sentence_above(prev, para) or _row_rest_lead(prev, para)
        prev_line = prev.line if prev else -1  # the rates the line above read itself are its own
        prev = para
        glued = len(draft.quotas)
        if low is not None:  # a table's wrapped line: its cells end the row's above
            above = {(q.count, q.per): q for q in draft.quotas[first:]
                     if q.line == prev_line or (chained and q.line in chain)}
            _wrapped_row_quotas(low, para, draft, above, said)
        # a rate the glued row read is the line's own, read with its channel: not again without
        rates = {(q.count, q.per) for q in draft.quotas[glued:]}
        if " | " in para.text:  # a table's row: "Tin, bài trên … | Tin, bài | 02/tháng | …"
            cells = para.low.split(" | ")
            at = 0  # where the cell begins (the row read up to its end, not copied for each cell)
            for i, cell in enumerate(cells):
                m = _ROW_QUOTA.fullmatch(cell.strip())
                if m and i:
                    activity = _quota_activity(para.low, at, at + len(cell), key(cells[i - 1]),
                                               upto=at + len(cell))
                    if activity:
                        draft.quotas.append(QuotaD(activity, int(m.group(1)), _PER[m.group(2)],
                                                   para.line))
                at += len(cell) + 3
        if " | " not in para.text and _FLAT_ROW.match(para.low):
            _flat_row_quotas(para, draft)
        text = lead + para.low
        # ("… | 02 tin, bài/tháng | …" / '"CDC Đà Nẵng" | mỗi kênh | …': its cell's wrapped end below)
        below = plan.paras[index + 1].low if " | " in para.text and index + 1 < len(plan.paras) else ""
        with_below = f"{text} | {below}"  # once a paragraph, not once a rate: reading stays linear
        for m in _QUOTA.finditer(text, len(lead)):
            count, noun, per = _rate(m)
            activity = _quota_activity(text, m.start(), m.end(), noun, heading)
            if activity is not None and (_finding(text, m.start()) or _superseded(text, m.start(), m.end())
                                         or _checking(text, m.start(), noun)):
                continue
            if activity is not None and (count, per) not in rates:
                page = _page(text, m.start())
                second = _second_page(pages, (activity, count, per), page)
                draft.quotas.append(QuotaD(activity, count, per,
                                           para.line_at(m.start() - len(lead))))
                for kind in _each_channel(with_below, m.start(), m.end(), activity):
                    draft.quotas.append(QuotaD(kind, count, per, para.line_at(m.start() - len(lead))))
                    each.add(id(draft.quotas[-1]))
                # (a visit, or the people visited: "02 người bệnh/tháng", its own whatever else says 02/tháng)
                # ("Kênh TikTok: 01 video ngắn/tuần" under "Fanpage: … 01 bài/tuần": its noun names its own
                # kind on another page, a second item, not the rate above read again)
                if _names_other(noun) or (second and _noun(noun, _QUOTA_NOUNS) == activity) or (
                        activity == "other" and (_PEOPLE.match(noun) or _PREMISES.fullmatch(noun) or _found(
                            _VISIT, text, _clause_start(text, m.start()), m.start()))):
                    said.add(id(draft.quotas[-1]))
        for m in _WEEKDAY_RATE.finditer(para.low):
            # "Fanpage …: phát trực tiếp vào tối thứ Năm tuần cuối mỗi tháng": once a period, its
            # channel named (a meeting's day with none is no quota)
            # (its own sentence's words, up to 200 characters: not the sentence before's "… trên loa
            # 03 lần/tuần. Các hộ tổng vệ sinh vào sáng thứ Bảy hằng tuần", and linear)
            sentence = para.low[max(0, m.start() - 200):m.start()]
            sentence = sentence[sentence.rfind(". ") + 1:]
            clause = sentence[sentence.rfind(";") + 1:]
            kind = _channel(clause, last=True) or _channel(sentence, last=True) or _school_radio(clause)
            if kind is not None and (1, _PER[m.group(1)]) not in rates \
                    and not re.search(r"\b(?:bao cao|hop|giao ban|truoc)\b", clause):
                draft.quotas.append(QuotaD(kind, 1, _PER[m.group(1)], para.line_at(m.start())))
        _weekdays(low, para, {(q.count, q.per, q.line) for q in draft.quotas[glued:]}, draft)
        # (each group's session its own, not a rate read twice; but its days said again, in another
        # section, or below its rate as the item's detail ("+ Thời gian: …"), are the same session)
        upper = plan.paras[index - 1] if index else None
        read = {(q.count, q.per) for q in draft.quotas[glued:]}
        if upper is not None and re.match(r"\s*(?:\+|[a-zđ])", para.text):
            read |= _rates_since(draft, max(first, glued - 64), upper.line)
        each.update(_month_days(para, upper, read, days, draft))
    _drop_unnamed_repeats(draft, first, said, each)


# "Lớp tiền sản … vào chiều thứ Tư và sáng thứ Bảy hằng tuần", a row's "Nói chuyện … | Sáng thứ Ba và
# sáng thứ Sáu hằng tuần |", "tư vấn … tối thứ Hai, tối thứ Tư và tối thứ Sáu hằng tuần": a session
# held on the weekdays listed, as many a week as the days
# (OCR: "tai thu’ Sáu" for "tối thứ Sáu"; the later days' "thứ" left out: "thứ 2, 4, 6", "thứ Hai, Tư
# và Sáu")
_DAY_NAME = r"(?:hai|ba|tu|nam|sau|bay|[2-7])"
_WEEKDAY = r"thu\s+" + _DAY_NAME
# (OCR: "thứ" bent to "thi", "thơ" or "thu?", "Chủ" to "chi": "thi"/"thơ"/"chi" read so only after
# the time of day, and a list's first day only after "vào" too: "vào tối thi Năm", "… và tối thi Tư";
# not an exam's "hội thi Năm", nor a room's hours "mở cửa chiều thi Tư")
_TIME_OF_DAY = r"(?:sang|chieu|toi|tai)\s+"
_BENT_DAY = _TIME_OF_DAY + r"(?:th[io]\s+" + _DAY_NAME + r"|chi\s+nhat)"
_PLAIN_DAY = r"(?:" + _TIME_OF_DAY + r")?(?:thu[’'?]?\s+" + _DAY_NAME + r"|chu\s+nhat)"
_BENT_FIRST_DAY_SAID = r"\bvao\s+" + _BENT_DAY
_DAY = r"(?:" + _PLAIN_DAY + "|" + _BENT_FIRST_DAY_SAID + ")"
_LATER_DAY = (r"(?:(?:" + _TIME_OF_DAY + r")?(?:(?:thu[’'?]?\s+)?" + _DAY_NAME + r"|chu\s+nhat)|"
              + _BENT_DAY + ")")
_WEEKDAYS = re.compile(_DAY + r"(?:\s*(?:,\s*|va\s+)" + _LATER_DAY + r"){0,6}\s+(?:moi|hang)\s+tuan\b")
# (a workplace's training or safety meeting: "Huấn luyện đầu ca", "Sinh hoạt an toàn 15 phút đầu
# ca", "sinh hoạt chuyên đề"; not a coach, militia or sports drill, nor a venue's hours: "huấn luyện
# viên", "huấn luyện dân quân", "Điểm sinh hoạt an toàn … mở cửa"; not pupils' classes: "các lớp
# sinh hoạt chủ nhiệm", "lớp 6");
# counselling ("Phòng tư vấn mở cửa chiều thứ Năm hằng tuần", "tư vấn trực tuyến tối thứ Ba"), a
# club's or a face-to-face session
_TALK_OR_CLASS = re.compile(r"\b(?:noi chuyen|tap huan|hoi thao|toa dam|tu van|cau lac bo|clb"
                            r"|huan luyen(?! vien| dan quan| quan su| tu ve| the)"
                            r"|(?<!diem )(?<!khu )sinh hoat (?:an toan|chuyen de)"
                            r"|truyen thong truc tiep"
                            r"|(?<!cac )(?<!nhiem )(?<!hoat )(?<!tai )(?<! o )(?<!trong )lop\b"
                            r"(?!\s+(?:\d|sinh hoat|chu nhiem))"
                            # a class named after "tại lớp" ("tại lớp tiền sản"); a bare classroom is a place
                            r"|(?:tai|o|trong) lop(?: hoc)? "
                            r"(?!(?:vao|sang|chieu|toi|thu|hang|moi|hoc|cua)\b)[a-z]{2,}"
                            # a teacher's lesson given in the classroom ("giảng dạy … tại lớp học")
                            r"|giang day\b[^.;\n]{0,80}?\b(?:tai|o|trong) lop)\b")
# a phone line staffed on the days ("Điện thoại hỗ trợ tâm lý: trực vào tối thứ Hai và tối thứ Tư", "tư
# vấn (đồng đẳng) qua điện thoại trực vào sáng thứ Ba"; not a number given, a call made, wires:
# "điện thoại 09…", "gọi điện thoại nhắc", "đường dây điện"), or a patients' council held on them
# ("Giao ban người bệnh tại các khoa: chiều thứ Năm"; not the severely ill's "giao ban người bệnh
# nặng"): a session, though it is "trực" or a "giao ban"/"họp"
_PHONE_LINE = re.compile(r"\b(?:(?<!goi )dien thoai (?:ho tro|tu van)"
                         r"|(?:tu van|ho tro)\b(?! vien)[^.;,:]{0,30} qua dien thoai\s+truc\b"
                         r"|duong day (?:nong|ho tro|tu van)|tong dai (?:ho tro|tu van)|hotline)\b")
_PATIENT_COUNCIL = re.compile(r"\b(?:giao ban|hop hoi dong) nguoi benh\b(?! nang)")
# the council's report or minutes sent, or a talk folded into it: no session of its own
_COUNCIL_PAPERS = re.compile(r"\b(?:bao cao|bien ban|long ghep)\b")
# a duty roster ("bác sĩ trực tư vấn sáng thứ Hai"), counselling folded into other sessions
# ("lồng ghép tư vấn tại các buổi tiêm chủng … thứ Năm hằng tuần"), a report: no session of its own
_NOT_SESSION = re.compile(r"\b(?:truc\b(?!\s+(?:tiep|tuyen))|long ghep|bao cao|giao ban)")
# the days of something else the sentence names: a staff meeting ("tổ tư vấn họp rút kinh nghiệm",
# not "phối hợp tổ chức"), a vaccination day (a talk in the "phòng tiêm chủng" is one), a market day
# ("phiên chợ"), a cleaning day ("tổng vệ sinh", "Thứ Sáu xanh", a club's "ra quân thu gom rác"), pupils'
# class hours ("chào cờ")
_OTHER_DAYS = re.compile(r"\b(?:cuoc hop|(?<!phoi )(?<!tong )(?<!ket )hop (?:to\b(?! chuc)|nhom|ban|hoi dong"
                         r"|chuyen mon|dinh ky|rut kinh nghiem|so ket|cho)|cho hop|phien cho"
                         r"|(?:buoi|ngay) tiem|(?<!phong )tiem (?:chung|vac|ngua|phong)|tong ve sinh"
                         r"|don ve sinh|don dep"
                         r"|diet lang quang|thu sau xanh|sinh hoat lop|chao co|tiet hoc|thoi khoa bieu"
                         r"|lich hoc|thu gom|ra quan)\b")
# a deadline just before the day ("gửi … trước thứ Sáu", "chậm nhất vào thứ Sáu"), not "tư vấn trước
# sinh" further back
_DEADLINE = re.compile(r"\b(?:truoc|cham nhat|han chot)(?:\s+(?:vao|ngay))?\s*$")

# (OCR: "sáng tht? Ba, sáng thứ Năm và sáng thứ Bảy": the list's first day, its "thứ" bent past reading,
# cut off: the days read after it are fewer than held; so is "tối thi Ba và …" with no "vào" before it)
_BENT_FIRST_DAY = re.compile(r"\bth[a-z]{0,2}[^\w\s,]\s*" + _DAY_NAME + r"\s*,\s*$"
                             r"|\b" + _BENT_DAY + r"\s*(?:,|\bva)\s*$")
# "thứ Hai đến thứ Sáu", "thứ Hai - thứ Sáu", "thứ Hai tới thứ Sáu" ("tới" read as the evening's "tối")
_RANGE_END = re.compile(r"(?:\bden|-|–)\s*$|(?:" + _WEEKDAY + r"|chu\s+nhat)\s*$")


def _weekdays(glued: str | None, para: Para, rates: set[tuple[int, str, int]], draft: Draft) -> None:
    """A talk, a class or counselling its sentence (or row) holds, or a radio it airs, on weekdays listed
    each week: as many a week as the days (not a range "thứ Hai đến thứ Sáu": opening hours)."""
    low = glued if glued is not None else para.low
    for m in _WEEKDAYS.finditer(low):
        count = 1 + len(re.findall(r",|\bva\b", m.group()))  # a day, and one after each "," or "và"
        # (its own line's rate: not another item's "02 bài/tuần" below in the same paragraph)
        line = para.line_at(m.start()) if glued is None else None
        said = any((c, p) == (count, "week") and (None in (line, at) or at == line)
                   for c, p, at in rates)
        lead = low[max(0, m.start() - 20):m.start()]
        if said or _RANGE_END.search(lead) or _BENT_FIRST_DAY.search(lead):
            continue  # its rate said ("02 buổi/tuần (thứ Ba, thứ Năm)"), or the range's last day
        before = re.split(r"[.;]\s", low[max(0, m.start() - 160):m.start()])[-1]
        if count >= 7 and _PHONE_LINE.search(before):
            continue  # a line open every day of the week: its opening hours, not sessions
        # (its rate said before: "04 buổi/tháng, sáng thứ Bảy hằng tuần" is when its sessions fall)
        if _held_session(before) and not (_PERIOD_SAID.search(before) or _DEADLINE.search(before)):
            draft.quotas.append(QuotaD("conference", count, "week", para.line))
            rates.add((count, "week", None))  # its days read once a paragraph
        # "Phát thanh măng non giờ ra chơi sáng thứ Hai và sáng thứ Năm hằng tuần": a radio aired on them
        elif _school_radio(before) and _channel(before, last=True) in (None, "loudspeaker") and not (
                _NOT_SESSION.search(before) or _RADIO_UPKEEP.search(before) or _OTHER_DAYS.search(before)
                or _DEADLINE.search(before)):
            draft.quotas.append(QuotaD("loudspeaker", count, "week", para.line))
            rates.add((count, "week", None))  # its days read once a paragraph


def _held_session(before: str) -> bool:
    """Whether the words before weekdays name a session held on them: a talk, a class or counselling
    (not a roster, a meeting or other days), a phone line (staffed: "trực") or a patients' council."""
    if _PATIENT_COUNCIL.search(before):
        return not (_DEADLINE.search(before) or _COUNCIL_PAPERS.search(before))
    phone = _PHONE_LINE.search(before) is not None
    if not (phone or _TALK_OR_CLASS.search(before)) or _OTHER_DAYS.search(before):
        return False
    return not any(n.group() != "truc" or not phone for n in _NOT_SESSION.finditer(before))


# "Câu lạc bộ … sinh hoạt vào chiều thứ Bảy cuối tháng, hằng tháng", "tư vấn … sáng thứ Tư tuần thứ
# hai hằng tháng", "sinh hoạt chiều Chủ nhật tuần thứ hai và tuần thứ tư hằng tháng": a session on a
# weekday of the weeks named each month, as many a month as the weeks
_WEEK_OF_MONTH = r"tuan\s+(?:cuoi|dau|thu\s+(?:nhat|hai|ba|tu|[1-4]))"
_MONTH_DAYS = re.compile(r"(?:thu\s+" + _DAY_NAME + r"|chu\s+nhat)\s+(?:cua\s+)?(?:("
                         + _WEEK_OF_MONTH + r"(?:\s*(?:,|va)\s*" + _WEEK_OF_MONTH + r"){0,3})"
                         r"|cuoi\s+thang,?)\s+(?:moi|hang)\s+thang\b")
# a group that meets ("nhóm hỗ trợ … sinh hoạt"), besides a talk, a class, counselling or a club
# (a group named before its verb: not "nước/rác thải sinh hoạt", "nhà sinh hoạt cộng đồng")
_MEETS = re.compile(r"\b(?:nhom|cau lac bo|clb|chi hoi|hoi)\b[^.;]{0,100}?\bsinh hoat\b")


# an item that only says when ("- Mở vào chiều …", "- Tổ chức vào sáng …", "+ Thời gian: sáng …"): its
# heading's session; not work of its own under it ("- Kiểm kê, sắp xếp tủ thuốc vào chiều …")
_ONLY_WHEN = re.compile(r"[-+*•\s]*(?:(?:[a-z0-9]+\s+){0,2}vao\s+|thoi gian\s*:?\s*)?"
                        r"(?:(?:sang|chieu|toi)\s+)?")


def _month_days(para: Para, above: Para | None, rates: set[tuple[int, str]], days: set[str],
                draft: Draft) -> set[int]:
    """A talk, a class, counselling or a group's meeting held on a weekday of given weeks each month
    (its sentence, or the heading right above an item that only says when, names the session; no
    channel named); the same days read again (`days`) are the same session."""
    added: set[int] = set()
    heading = key(above.heading) if above is not None and above.level else ""  # "3.4. Lớp "…" tại Trạm"
    for m in _MONTH_DAYS.finditer(para.low):
        count = len(re.findall(r"\btuan\b", m.group(1))) if m.group(1) else 1
        before = re.split(r"[.;]\s", para.low[max(0, m.start() - 160):m.start()])[-1]
        if (count, "month") in rates or m.group() in days \
                or _channel(before, last=True) not in (None, "conference"):
            continue  # its rate said, or a page's or a station's (a livestream: _WEEKDAY_RATE)
        # (`before` reaching back to the paragraph's start: the item's first sentence, which alone may
        # lean on the heading above, and only when it says nothing but when)
        first = len(before) >= m.start()
        said = f"{heading} {before}" if first and _ONLY_WHEN.fullmatch(before) else before
        if (_TALK_OR_CLASS.search(said) or _MEETS.search(before)) and not (
                _NOT_SESSION.search(before) or _OTHER_DAYS.search(before) or _DEADLINE.search(before)):
            draft.quotas.append(QuotaD("conference", count, "month", para.line_at(m.start())))
            rates.add((count, "month"))
            days.add(m.group())
            added.add(id(draft.quotas[-1]))
    return added


# "2 Truyền thông … Mỗi xã 02 buổi/" / "bản tháng": a flattened row's rate whose period OCR set
# on the row's wrapped line, after the rest of its first cell
_SLASH_END = re.compile(r"\d{1,3}\s+[a-z ,]{2,25}/\s*$")
_PERIOD_END = re.compile(r"(?:^|\s)(thang|tuan|quy)\s*$")


def _rate_below(prev: Para | None, para: Para, draft: Draft) -> None:
    lines = [(para, a, para.low[a:a + len(line)]) for a, line in para.lines()]
    if prev is not None:  # the row's line above a blank line, and the rest below it
        lines.insert(0, (prev, prev.starts[-1][0], prev.low[prev.starts[-1][0]:]))
    for (row, at, line), (_p, _a, rest) in itertools.pairwise(lines):
        period = _PERIOD_END.search(rest) if len(rest) <= 40 and rest[:1].islower() else None
        if period is None or " | " in line or not _SLASH_END.search(line[-40:]):
            continue
        text = line.rstrip() + period.group(1)
        for m in _QUOTA.finditer(text):
            count, noun, _per = _rate(m)
            activity = _quota_activity(text, m.start(), m.end(), noun) if m.end() == len(text) else None
            if activity is not None:
                draft.quotas.append(QuotaD(activity, count, _PER[period.group(1)],
                                           row.line_at(at + m.start())))


# a column or a report a station airs, the airing said after it ("chuyên mục "Vì sức khỏe cộng đồng",
# phát sóng 01 lần/tháng"); a school's or a commune's own programme goes on the loudspeakers
_COLUMN_AIRED = re.compile(r"\b(?:chuyen muc|phong su)\b[^;.]{0,120}?\bphat song\b")
# "vào tối thứ Năm tuần cuối mỗi tháng", "vào sáng thứ Hai hằng tuần": a weekday once a period
_WEEKDAY_RATE = re.compile(r"\bvao\s+(?:(?:sang|chieu|toi|buoi\s+[a-z]+)\s+)?" + _WEEKDAY
                           + r"(?:\s+(?:cua\s+)?" + _WEEK_OF_MONTH + r")?\s+(?:moi|hang)\s+(tuan|thang)\b")
# "Phát thanh măng non vào sáng thứ Hai hằng tuần": a school's radio, aired on the loudspeakers
# (not "phòng chống mù lòa", folded alike)
_RADIO = re.compile(r"\b(?:phat thanh|truyen thanh|(?<!mu )loa)\b")
# the radio's team or its set worked on, not aired: "Đội phát thanh tập luyện …", "… học bài", "Kiểm tra
# hệ thống loa …"
_RADIO_UPKEEP = re.compile(r"\b(?:tap luyen|tap duot|hoc bai|kiem tra|sua chua|bao duong|lap dat)\b")


def _school_radio(clause: str) -> str | None:
    """"loudspeaker" when the words before a weekday's rate name a radio aired then: only those
    after the clause's last rate ("Phát thanh trên loa 02 lần/tuần, học sinh lao động vào sáng thứ
    Bảy hằng tuần": the radio's rate said, the weekday another work's)."""
    after = clause[max((m.end() for m in _PERIOD_SAID.finditer(clause)), default=0):]
    return "loudspeaker" if _RADIO.search(after) and not _RADIO_UPKEEP.search(after) else None
_AIRS = re.compile(r"\bphat\b(?!\s+(?:trien|hien|sinh|dong|huy|to|cap|tai lieu))")
# a short line with no stop at its end that heads the items below it ("Hoạt động 2: Phát thanh trên hệ
# thống loa phường", "b) Truyền thanh cơ sở")
_ITEMS_HEAD = re.compile(r"[^.;,!?|]{3,100}")
# a family called on, "thăm gia đình" (not "tham gia định kỳ/hướng …", folded alike: taking part)
_FAMILY = r"gia dinh\b(?!\s+(?:ky|huong|muc|hinh|ly|vi|gia|danh|chuan)\b)"
# "Thăm hộ gia đình …, 01 lần/tháng": home visits, an activity of their own (not a repeat of a rate);
# so are calls ("gọi điện hỏi thăm … ít nhất 01 lần/tuần") and calls on people ("thăm hỏi … : 02 lần/tháng")
# ("mỗi gia đình được thăm ít nhất 01 lần/quý": the visited named first)
# ("… đến từng hộ gia đình hướng dẫn …, mỗi hộ ít nhất 01 lần/tháng", "đến từng phòng khám …, mỗi cơ
# sở 01 lần/quý": a door-to-door round, the homes or premises gone to one by one; not the word
# carried "đến từng hội viên, người dân, thôn"); someone "đến thăm" a person: a visit
_VISIT = re.compile(r"\btham\s+(?:ho\b|nha\b|hoi\b|" + _FAMILY + r")|\bden\s+tham\b|\bgoi dien\b"
                    r"|\b(?:ho|gia dinh)\s+duoc\s+tham\b"
                    r"|\bden\s+tung\s+(?:ho|nha|can ho|gia dinh|co so|phong kham|quay|cua hang|dai ly)\b")


# "Khảo sát ý kiến người bệnh … 01 lần/quý", "8. Điều tra hiểu biết … 01 đợt/quý": a survey its clause
# opens with, held at a rate, is no communication (unless it names a channel); an inspection ("Kiểm
# tra điểm sinh hoạt cộng đồng 01 lần/quý") stays "other", as earlier keys kept it
# ("Tổ chức khảo sát …" opens it too)
_CHECK = re.compile(r"(?:[-+•*]\s*|[a-z0-9]{1,3}[.)]\s+|hoat dong \d{1,2}:\s*)?"
                    r"(?:(?:to chuc|tien hanh|thuc hien)\s+)?(?:khao sat|dieu tra)\b")
# "Khảo sát và tư vấn tại từng hộ gia đình 02 lần/tháng": a survey the clause also talks to people in
_TALKS_TOO = re.compile(r"\b(?:tuyen truyen|tu van|noi chuyen)\b")


def _checking(text: str, at: int, noun: str) -> bool:
    """Whether the rate at `at` is of a survey its clause opens with."""
    if noun not in ("lan", "dot"):
        return False
    begin = _clause_start(text, at)
    clause = text[begin:at] if at - begin <= 300 else ""  # a short clause only: reading stays linear
    return _CHECK.match(clause.lstrip()) is not None and "|" not in clause \
        and _channel_in(text, begin, at) is None and not _TALKS_TOO.search(clause) \
        and not _VISIT.search(clause)


# "Fanpage và Zalo OA …: 03 bài/tuần mỗi kênh", "Trang thông tin điện tử và Fanpage | 02 tin,
# bài/tháng | … mỗi kênh": a rate each channel keeps
_EACH_CHANNEL = re.compile(r"[^;.]{0,100}?\b(?:moi|tung)\s+kenh\b")


def _each_channel(low: str, start: int, end: int, activity: str) -> list[str]:
    """The other channels a rate "mỗi kênh" counts for: each one its clause names before it, in
    the order named, each with its own kind ("Fanpage và Trang thông tin điện tử": social and
    website; "Fanpage và Zalo OA": social twice); a quoted page name's words name no channel."""
    if not _EACH_CHANNEL.match(low, end) or _PERIOD_SAID.search(low, end, end + 100):
        return []
    clause = re.sub(r"[“\"][^“”\"]{0,120}[”\"]", " ", low[max(_clause_start(low, start), start - 200):start])
    kinds = [kind for _, kind in sorted((m.start(), kind) for kind, pattern in _CHANNELS
                                        for m in pattern.finditer(clause))]
    if activity in kinds:
        kinds.remove(activity)  # the rate's own channel, read already
    return kinds[:3]


def _superseded(text: str, start: int, end: int) -> bool:
    """"tăng … từ 01 lần/tuần lên 02 lần/tuần": the rate a plan raises or lowers is the old one."""
    return bool(re.search(r"\btu\s*$", text[max(0, start - 8):start])
                and re.match(r"\s*(?:len|xuong|thanh)\s+(?:\d|mot|hai|ba)", text[end:end + 20]))


# an upper bound said right before a rate: "dưới", "ít hơn", "không (vượt) quá"; not "không dưới",
# "không ít hơn" (at least), nor "hơn", "nhiều hơn" (more than: a floor)
_CEILING = re.compile(r"\b(?:(?<!khong )(?:duoi|it hon)|khong (?:vuot )?qua)\s*$")


def _finding(text: str, at: int) -> bool:
    """"… khảo sát cho thấy 63% học sinh uống nước ngọt từ 04 lần/tuần trở lên", "giảm tỷ lệ học
    sinh uống … từ 04 lần/tuần trở lên xuống dưới 45%": how often people do a thing, in a share
    the plan cites or aims at (its clause gives a percentage or a tỷ lệ), not a rate it sets."""
    # ("Câu lạc bộ … (thành lập tại 03 làng có tỷ lệ … cao) sinh hoạt 01 buổi/tháng": words in
    # brackets say whom the rate is for, no share the rate is of)
    before = re.sub(r"\([^()]*\)", " ", re.split(r"[.;:]\s", text[max(0, at - 160):at])[-1])
    after = re.split(r"[.;:]\s", text[at:at + 160], maxsplit=1)[0]
    clause = before + after
    # "… ít nhất 02 buổi/tháng, ưu tiên các doanh nghiệp có tỷ lệ … cao": a share named after a
    # comma says whom the rate favours, not how often people do a thing
    near = before + after.split(", ", 1)[0]
    # "táo bón: đi ngoài dưới 3 lần/tuần", "ăn đồ chiên không quá 2 lần/tuần": a bound on how often
    # people do a thing, advice or a sign, not a rate the plan sets ("không dưới 02 bài/tháng",
    # "nhiều hơn 01 lần/tháng": a floor, the plan's quota)
    if _CEILING.search(text, max(0, at - 20), at):
        return True
    if re.match(r"\s*can cu\b", text) or re.search(r"\bty\s+[li1][e€]\b|\bcho thay\b", near):
        return True
    # "100% xã tổ chức ít nhất 01 buổi/tháng" is a quota; "63% … từ 04 lần/tuần trở lên" (OCR:
    # "tre lan", "ty i€") a share
    return bool(re.search(r"\d\s*%", clause)) and bool(re.search(r"\btr[oe]\s+[li][ae]n\b", after[:40]))


# "2 Phát thanh trên đài truyền thanh xã … Lần 04/tháng Trạm Y tế": a numbered row of a table
# OCR read without its column lines, its rate a cell "04/tháng", "01/xã/quý" of its own
_FLAT_ROW = re.compile(r"\d{1,2}\s+[a-z]")
_FLAT_RATE = re.compile(r"(?<![\d/.,])(\d{1,3})\s*/\s*(?:[a-z]+\s*/\s*)?(thang|tuan|quy)\b")


def _flat_row_quotas(para: Para, draft: Draft) -> None:
    for m in _FLAT_RATE.finditer(para.low):
        unit = re.search(r"([a-z]+(?:,\s*[a-z]+)?)\s*$", para.low[max(0, m.start() - 20):m.start()])
        activity = _quota_activity(para.low, m.start(), m.end(), unit.group(1) if unit else "")
        if activity is not None:
            draft.quotas.append(QuotaD(activity, int(m.group(1)), _PER[m.group(2)], para.line_at(m.start())))
    _cut_cell_quota(para, draft)


# "4 Đăng tin, bài trên Trang … Ít nhất 02 tin, Khoa …" / "tử và Fanpage … bài/tháng Giáo dục …": a
# flattened row whose rate cell wrapped, its count and first noun on the row's line, the rest of
# the noun and its period on the next, between other columns' words
# (not "02 tin, bài lên …", the noun said whole: nothing of the cell cut)
_CUT_COUNT = re.compile(r"(?<![\d/.,])(\d{1,3})\s+(tin|bai),\s(?!(?:tin|bai|video|anh)\b)")
_BARE_PERIOD = re.compile(r"(?<![\d/])\s(tin|bai|video)\s*/\s*(thang|tuan|quy)\b")


def _cut_cell_quota(para: Para, draft: Draft) -> None:
    count = _CUT_COUNT.search(para.low)
    if count is None or len(para.starts) < 2 or _QUOTA.search(para.low) is not None:
        return  # (the row read a rate of its own: nothing cut)
    rest = _BARE_PERIOD.search(para.low, count.end())
    if rest is None or para.line_at(rest.start(1)) == para.line_at(count.start()):
        return
    # the row's line up to the count: its channel column, then the rate as the cell says it whole
    text = f"{para.low[:count.end()]}{rest.group(1)}/{rest.group(2)}"
    m = _QUOTA.search(text, count.start())
    if m is not None and m.end() == len(text):
        got, noun, per = _rate(m)
        activity = _quota_activity(text, m.start(), m.end(), noun)
        if activity is not None:
            draft.quotas.append(QuotaD(activity, got, per, para.line_at(count.start())))


def _row_rest_lead(prev: Para | None, para: Para) -> str:
    """"3 | Màn hình LED … | Cập nhật … ít nhất" / "01 lần/tháng | Phòng …": a row's line OCR
    began with its count goes on from the row above, whose channel it keeps."""
    if prev is None or " | " not in prev.low \
            or not re.match(r"\s*\d{1,3}\s+[a-z ,]{1,20}/\s*(?:thang|tuan|quy)\b", para.low):
        return ""
    return prev.low[-300:] + " "


def _sentence_above(prev: Para | None, para: Para) -> str:
    """"… qua nhóm Zalo … của chủ nhà" / blank line / "trọ: 01 tin/tuần.": a paragraph that begins
    in lower case below one left mid-sentence (OCR sets blank lines anywhere) goes on from it."""
    if prev is None or " | " in prev.low + para.low:
        return ""
    # 'nhóm Zalo "Hội … Ninh' / blank line / 'Bình": 01 bài/tuần': a name in quotes OCR cut goes on,
    # its capital letter too
    quoting = prev.text.count('"') % 2 == 1 or prev.text.count("“") > prev.text.count("”")
    # ('… quản lý Fanpage' / blank line / '"CDC …", đăng 01 bài/tuần': the name the line left open)
    last = prev.text.rstrip()
    named = para.text.lstrip().startswith(('"', "“")) and last != "" and last[-1].isalpha()
    if not _lower_first(para.text) and not quoting and not named:
        return ""
    return "" if prev.text.rstrip()[-1:] in set(".;:!?") else prev.low + " "


def _cut_tail(prev: Para | None, para: Para) -> bool:
    """"| 4 | Phóng sự trên Đài … | Khoa Truyền thông, |" / "01 phóng sự/ |": OCR cut a table's row
    line, its last cell (a count) alone on the next line, the cut on a cell's border (one bar beside
    it); not a wrapped line's words ("| lần/tuần; đăng tin trên Fanpage |")."""
    if prev is None or not prev.low.startswith("|") or len(prev.low) > 400:
        return False
    tail = para.low.strip()
    return len(tail) <= 40 and tail.endswith("|") and tail.count("|") <= 2 and re.match(r"\|?\s*\d", tail) \
        and prev.low.rstrip().endswith("|") != tail.startswith("|")


def _with_row_above(prev: Para | None, para: Para, glued: str | None = None) -> str | None:
    """"| tử và Fanpage … | bài/tháng | …" below "4 | Đăng tin, bài trên Trang … | Ít nhất 02 tin,
    | …": a row's wrapped line keeps its empty first cell; its cells are glued to the row's
    above, column by column, so that a count and its period, a channel and its rest meet."""
    row = glued if glued is not None else prev.low if prev is not None else ""
    if prev is None or not para.low.startswith("| ") or not (" | " in row or row.startswith("| ")):
        return None
    if not re.match(r"\|\s*\|", para.low) and _QUOTA.search(para.low) and _QUOTA.search(prev.low):
        # "| Mỗi Trạm | Nói chuyện | 02 buổi/tháng |" over "| Mỗi Trạm | Loa | 02 lần/tuần |": two rows
        return None
    # the row above may be a wrapped line itself ("| loa … 02 | …" over "| lần/tuần; … |")
    # ("| … 01 lần/" / "| tuần trong Giai đoạn 2 |": the row's first line, its channel, glued above)
    above, below = _cells_of(glued if glued is not None else prev.low), _cells_of(para.low)
    if above[0] and not below[0] and len(below) == len(above) + 1:
        # "Tin, bài trên Trang … | Phòng … | 01 tin, bài/" / "| của Trung tâm | … | tháng": a table
        # whose rows have no bar first marks a wrapped line with one, a cell more than its row; its
        # first cell is the first column's
        below = below[1:]
    if len(below) > len(above):
        return None
    return " | ".join(" ".join(filter(None, (a.strip(), b.strip())))
                      for a, b in zip(above, below + [""] * (len(above) - len(below)), strict=True))


def _cells_of(low: str) -> list[str]:
    """A row's line's cells, the empty first one of a wrapped line kept, empty last ones dropped."""
    low = low.rstrip()
    end = len(low)
    while end >= 2 and low[end - 1] == "|" and low[end - 2].isspace():  # a loop: a regex is quadratic
        end -= 2
    low = low[:end]
    # empty cells between others ("| loa … | | | tuần") keep their columns
    return [c.strip() for c in re.split(r"(?:^|\s)\|(?=\s|$)", low)]


def _wrapped_row_quotas(low: str, para: Para, draft: Draft, read_above: dict[tuple[int, str], QuotaD],
                        said: set[int]) -> None:
    for m in _QUOTA.finditer(low):
        count, noun, per = _rate(m)
        activity = _quota_activity(low, m.start(), m.end(), noun)
        rate = (count, per)
        if activity is None:
            continue
        # "01 phóng sự/tháng" read on the row's line is not read again with "tọa đàm" below it;
        # but "… hệ thống truyền" / "thanh xã, phường": the channel the row's line could not name
        # ("02 lần/tuần" as other) is read whole with its wrapped rest
        known = read_above.get(rate)
        for kind in _each_channel(low, m.start(), m.end(), activity):
            draft.quotas.append(QuotaD(kind, *rate, para.line))
        if known is not None and (known.activity != "other" or activity == "other"
                                  or _noun(noun, _QUOTA_NOUNS) is not None):
            continue
        if known is not None:
            draft.quotas.remove(known)
        draft.quotas.append(QuotaD(activity, *rate, para.line))
        if _names_other(noun):  # "01 phóng sự/" / "tháng": its own quota, as on one line
            said.add(id(draft.quotas[-1]))


def _rates_since(draft: Draft, lo: int, line: int) -> set[tuple[int, str]]:
    """The rates of the quotas read on `line` or after (the last ones, from index `lo`)."""
    return {(q.count, q.per) for q in draft.quotas[lo:] if q.line >= line}


def _page(text: str, at: int) -> str | None:
    """The channel's own word said last before a rate ("fanpage", "tiktok"), in a bounded window."""
    words = [m for _, pattern in _CHANNELS for m in pattern.finditer(text, max(0, at - 160), at)]
    return max(words, key=lambda m: m.start()).group() if words else None


def _second_page(pages: dict[tuple[str, int, str], set[str | None]], said: tuple[str, int, str],
                 page: str | None) -> bool:
    """Whether a rate said before is said again on another page named ("Kênh TikTok: 01 video/tuần"
    below "Fanpage: 01 bài/tuần"), not the same page restated; notes the page either way."""
    before = pages.setdefault(said, set())
    second = page is not None and bool(before) and page not in before
    before.add(page)
    return second


def _drop_unnamed_repeats(draft: Draft, start: int, own: set[int], each: set[int]) -> None:
    """A rate said again where no channel is named (a phase table's "03 lần/tuần") is the
    named one's, not a quota of its own (unless its noun names it: `own`); a rate read twice
    is one (but a rate said for each of its channels: `each`)."""
    named: dict[tuple[int, str], set[int]] = {}
    for q in draft.quotas[start:]:
        if q.activity != "other":
            named.setdefault((q.count, q.per), set()).add(q.line)
    seen: set[tuple[str, int, str, bool]] = set()
    kept = []
    for q in draft.quotas[start:]:  # the same rate read twice (a row and its wrapped rest) is one
        # (a column "01 kỳ/tháng" whose noun names it and a check-up's "01 lần/tháng" are two)
        said = (q.activity, q.count, q.per, id(q) in own)
        # "sinh hoạt 01 buổi/tháng …; đo huyết áp … 01 lần/tháng": one sentence's second activity (on
        # its line or, wrapped, the next), not a repeat
        beside = bool({q.line - 1, q.line, q.line + 1} & named.get((q.count, q.per), set()))
        if id(q) in each or (said not in seen and (q.activity != "other" or (q.count, q.per) not in named
                                                   or id(q) in own or beside)):
            kept.append(q)
        seen.add(said)
    draft.quotas[start:] = kept


# a station's programmes, columns, reports or episodes, its news with them ("01 tin, phóng sự/tháng")
_STATION_NOUN = re.compile(r"(?:tin,\s*)?(?:chuong trinh|chuyen muc|phong su|ky)\b")


def _names_other(noun: str) -> bool:
    """Whether a rate's own noun names it `other` ("01 chuyên mục/quý", "02 tin, phóng sự/tháng"):
    a quota of its own, not a channel-less repeat of another rate."""
    return _noun(noun, _QUOTA_NOUNS) == "other" or _STATION_NOUN.match(noun) is not None


def _noun(noun: str, table: list[tuple[str, str]]) -> str | None:
    return next((a for a, words in table if re.fullmatch(rf"(?:{words})(?:[ ,][a-z ,]*)?", noun)), None)


def _channel(text: str, last: bool, noun: str = "") -> str | None:
    """The kind of channel `text` names (the one nearest the quota: last before it, first after;
    of several, the one its noun fits: "tin, bài" on "Trang thông tin điện tử và Fanpage")."""
    return _nearest([(m.start(), kind) for kind, pattern in _CHANNELS for m in pattern.finditer(text)],
                    last, noun)


def _nearest(hits: list[tuple[int, str]], last: bool, noun: str) -> str | None:
    if not hits:
        return None
    fits = _noun(noun, _GENERIC_NOUNS) if noun else None
    if fits in {kind for _, kind in hits}:
        return fits
    return (max(hits) if last else min(hits))[1]


def _clause_start(low: str, at: int) -> int:
    """Where the clause that holds `at` begins: after the last ";" or sentence's "." before it."""
    return max(_last_start(_SEMICOLON, low, at), _last_start(_FULL_STOP, low, at)) + 1


# A clause of thousands of rates ("một buổi mỗi tháng, " again and again) is read in time linear in
# its length: each rate looks up what its clause names (found once a text), not rescans the clause.
_SEMICOLON = re.compile(";")
# ("Fanpage "Sở Y tế TP. Hồ Chí Minh": …": a city's, a town's short title ends no sentence)
_FULL_STOP = re.compile(r"(?<!\b(?:tp|tt|tx))\. ")
_BAR = re.compile(r" \| ")
_REACH = 40  # past any channel word and what it looks ahead at: the text read as it ends at the rate


@functools.lru_cache(maxsize=256)
def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """Where `pattern` matches in `text`: the starts and the ends, found once for all its rates."""
    found = [m.span() for m in pattern.finditer(text)]
    return [s for s, _ in found], [e for _, e in found]


@functools.lru_cache(maxsize=16)
def _row_joined(low: str) -> str:
    return low.replace(" | ", " ")  # " ".join of its cells


def forget_texts() -> None:
    """Drop the texts the lookups above hold: a plan read, nothing of it stays in the process."""
    _spans.cache_clear()
    _row_joined.cache_clear()


def _last_start(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where the last match of `pattern` that ends by `at` starts (-1: none)."""
    starts, ends = _spans(pattern, text)
    i = bisect_right(ends, at) - 1
    return starts[i] if i >= 0 else -1


def _found(pattern: re.Pattern[str], text: str, lo: int, hi: int, reach: int = _REACH) -> bool:
    """Whether `pattern` matches in text[lo:hi] (`lo` a clause's start); the text's matches found
    once, only its last `reach` characters searched again, as they read when the text ends at `hi`."""
    starts, ends = _spans(pattern, text)
    i = bisect_left(starts, lo)
    if i < len(starts) and ends[i] <= hi - reach:
        return True
    nxt = starts[i] if i < len(starts) else hi
    return pattern.search(text, max(lo, min(nxt, hi - 2 * reach)), hi) is not None


def _channel_in(text: str, lo: int, hi: int, noun: str = "") -> str | None:
    """_channel(text[lo:hi], last=True, noun=noun), each channel's words found once for the text."""
    hits = []
    for kind, pattern in _CHANNELS:
        starts, ends = _spans(pattern, text)
        i = bisect_right(ends, hi - _REACH) - 1  # the last one read alike however the text ends
        agreed = i >= 0 and starts[i] >= lo
        k = i + 1 if agreed else bisect_left(starts, lo)
        nxt = starts[k] if k < len(starts) else hi
        at = starts[i] if agreed else None
        for m in pattern.finditer(text, max(lo, ends[i] if agreed else lo, min(nxt, hi - 2 * _REACH)), hi):
            at = m.start()
        if at is not None:
            hits.append((at, kind))
    return _nearest(hits, True, noun)


def _quota_activity(low: str, start: int, end: int, noun: str, heading: str = "",
                    upto: int | None = None) -> str | None:
    """A quota's activity: its noun when that names one; else the channel right after it
    ("… trên trang thông tin điện tử"), else the one its clause or item names before it.
    (`upto`: where the rate's text ends, a table's cell: the row read so far, not what follows.)"""
    # (its news with them: "01 tin, phóng sự/tháng")
    if _STATION_NOUN.match(noun):
        return "other"  # a station's programmes, columns, reports or episodes, whatever the row says
    bar_starts, bar_ends = _spans(_BAR, low)
    bars = bisect_right(bar_ends, start)  # the cells before the rate's own
    if bars:  # a table's row: the channel its "Hình thức" cell names first
        # but "| … tọa đàm | Fanpage 02 tin, bài/tuần |": the channel the rate's own cell names before it
        own_cell = max(bar_ends[bars - 1], _clause_start(low, start))
        named = _channel_in(low, own_cell, start, noun) \
            or _channel_in(_row_joined(low), 0, bar_starts[bars - 1] - 2 * (bars - 1), noun)
        if named:
            return named
    begin = _clause_start(low, start)
    # "thay mới bản tin sức khỏe 01 số/tháng": a bulletin's issues; not "Bản tin điện tử …: 01
    # số/tháng", a newsletter sent out (its noun says "other")
    issued = _found(_ISSUED, low, begin, end) or _SENT.match(low, end) is not None
    if re.match(r"so\b", noun) and _found(_BULLETIN, low, begin, end) and (
            not issued or _found(_POSTED_UP, low, begin, end)):
        return "poster"
    own = _noun(noun, _QUOTA_NOUNS)
    if own:
        return own
    if _PEOPLE.match(noun) and _found(_CALLS_ON, low, begin, start):
        return "other"  # "mỗi tình nguyện viên thăm … ít nhất 02 người bệnh/tháng": the people visited
    if _VISITED.search(low, max(begin, start - 8), start):
        return "other"  # "thăm ít nhất 03 cụ cao tuổi/tháng": the count right after "thăm", those visited
    if _PREMISES.fullmatch(noun) and _GOES_TO.search(low, max(begin, start - 40), start):
        return "other"  # "đến tư vấn ít nhất 01 cơ sở/tháng": the premises gone to, counted
    # "… 01 bài/tuần và trên Fanpage …": the next one
    rest = low[end:min(end + 84, len(low) if upto is None else upto)]  # (a tail is 80 at most)
    stop = re.search(r"[;.]|\s(?:va|,)\s|,\s|$", rest)
    tail = rest[:stop.start() if stop else 80][:80]
    where = re.search(r"\b(?:tren|len|qua|tai)\s", tail[:50])  # "… 02 tin, bài/tháng về X trên Fanpage"
    after = _channel(tail[where.start():], last=False) if where else None
    # a rate said before ends the channels it was about ("… 01 tin, bài/tuần và trên Fanpage …")
    said = [m.end() for m in _PERIOD_SAID.finditer(low, max(begin, start - 200), start)]
    since = max([begin, *said[-1:]])
    clause = low[since:start] if said else ""  # (read whole only when a rate said before bounds it)
    # "1. Phát thanh trên loa …: phát hằng ngày …; 03 lần/tuần …": the item's label names it
    colon = low.find(": ", 0, min(begin, 202))
    label = low[:colon] if begin and 0 < colon <= 200 else ""
    generic = _noun(noun, _GENERIC_NOUNS)
    # "Đài truyền thanh … 01 lần/tháng; trong 02 tuần trước … phát 02 lần/tuần": the item's channel
    aired = low[max(0, begin - 200):begin] if _found(_PHAT, low, begin, start) else ""
    # "Phát thanh trên … 01 lần/tuần; tăng lên 03 lần/tuần trong …": a raised rate, the clause before's
    # channel (only the clause's first words looked at: linear); that clause only, after a ";" of
    # the same sentence (not a sentence before it, another activity's)
    raised = low[max(_clause_start(low, begin - 1), begin - 200):begin] if begin and low[begin - 1] == ";" \
        and (_RAISED.match(low[begin:min(start + 1, begin + 60)]) or _otherwise(low, begin, start)) else ""
    # ("Phát thanh trên loa … | 02 lần/tuần trong Giai đoạn 1; 01 lần/tuần …": the row's cells say it)
    row = " ".join(low[max(0, start - 300):start].split(" | ")[:-1])
    if generic == "loudspeaker" and _found(_COLUMN_AIRED, low, begin, start, reach=160):
        return "other"  # a station's column aired ("xây dựng chuyên mục "…", phát sóng 01 lần/tháng")
    # ("Hoạt động 2: Phát thanh trên hệ thống loa phường" / "- Phát bản tin … 02 lần/tuần": its heading)
    # (the clause's words, then its last ones run on into the words around: as one text)
    if generic == "loudspeaker" and not (
            _found(_LOUDSPEAKER_WORDS, low, begin, start)
            or _LOUDSPEAKER_WORDS.search(low[max(begin, start - 12):start] + tail + label + aired + row
                                         + heading + raised)):
        # "01 lần/tuần" of a meeting, not of the loudspeakers; of a talk in the school's flag-salute
        # hour or class meeting ("Tuyên truyền trong giờ chào cờ, sinh hoạt lớp | 01 lần/tuần"): a talk
        near = max(begin, start - 80)
        near = near if near == begin else low.find(" ", near, start) + 1 or start  # from a word's start
        # ("… 01 lần/tuần trong giờ hoạt động chung": the class hour said after the rate)
        talk = (_found(_SCHOOL_TALK, low, begin, start)
                or _SCHOOL_TALK.search(low[near:start] + label + row + " " + tail)) \
            and not (_found(_REVIEWED, low, begin, start) or _REVIEWED.search(tail))
        generic = "conference" if talk else "other"
    own_clause = _channel_in(low, since, start, noun)
    # "… 01 buổi/quý/thôn Cộng tác viên dân số Phát thanh 02 lần/tuần": OCR joined a table's rows,
    # the words since the rate above are the next row's; its noun says what the rate is of
    # (a sentence's second rate is joined by a word: "02 bài/tuần trong Đợt 1 và 01 bài/tuần …")
    rows_joined = bool(said) and generic is not None and len(clause.split()) >= 4 \
        and not re.search(r"\b(?:va|hoac|trong|cung|con)\b|[,(]", clause)
    # ("… 02 buổi/tháng … 3 Phát thanh loa xã, 03 lần/tuần": the words since the rate above air it)
    aired_since = bool(said) and generic == "loudspeaker" \
        and re.search(r"phat thanh|\bloa\b|truyen thanh", clause) is not None
    own_clause = own_clause or (None if rows_joined or aired_since else _channel_in(low, begin, start))
    # ("Báo tỉnh: 02 tin, bài/tháng; cao điểm tăng lên 01 tin, bài/tuần": the raised clause's paper,
    # when that clause names no website or Fanpage)
    if generic == "website" and not (after or own_clause) and (
            _found(_PRESS, low, since, start) or (where is not None and _PRESS.match(tail, where.end()))
            or (not said and _PRESS.search(raised) and _channel(raised, last=True) is None)):
        return "other"  # "Báo Hải Phòng 01 bài/quý", "02 bài/quý trên Báo Nghệ An": a newspaper's articles
    # "Đài truyền thanh xã phát … ba buổi mỗi tuần …; ngoài đợt phát một buổi mỗi tuần": a clause
    # that airs again, its channel the one the clause before named
    if not (after or own_clause) and generic == "conference" and _found(_AIRS, low, begin, start) \
            and _channel(aired, last=True) == "loudspeaker":
        return "loudspeaker"
    # "Phát thanh trên hệ thống loa của phường: 03 buổi/tuần": sessions aired on the loudspeakers
    if not (after or own_clause) and generic == "conference" and _found(_ON_LOUDSPEAKERS, low, begin, start):
        return "loudspeaker"
    named = after or own_clause or _channel(label, last=True, noun=noun) \
        or _channel(raised, last=True, noun=noun)
    # "Lập nhóm Zalo …; đăng 02 tin/tuần": a posting whose clause names no channel goes where its
    # sentence named one before (its last 300 characters, no rate of its own between)
    if not named and _POSTING.fullmatch(noun):
        sentence = max(_last_start(_FULL_STOP, low, start) + 1, begin - 300)
        if not _found(_PERIOD_SAID, low, sentence, begin):
            named = _channel_in(low, sentence, begin, noun)
    return named or generic


# what a page posts: its news, articles, bulletins ("đăng 02 tin/tuần", "01 bản tin/tuần")
_POSTING = re.compile(r"(?:tin,? bai|tin bai|bai viet|bai|tin|ban tin)(?:[ ,][a-z ,]*)?")


_BULLETIN = re.compile(r"\bban(?:g)? tin\b(?!\s+(?:dien tu|email|online))")
# a bulletin issued to readers, not a sheet put up: its name quoted ('Bản tin "…"'), an in-house one
# ("Bản tin nội bộ"), or sent ("… gửi qua email", "phát hành 01 số/quý, gửi các khoa"): its issues "other"
_SENDS = r"gui\s+(?:qua|cac|toi|den|ve)\b"
_ISSUED = re.compile(r"\bban tin\s+(?:noi bo\b|[\"“«])|\b" + _SENDS)
_SENT = re.compile(r"[\s,]{0,3}" + _SENDS)
# ... but put up on a board all the same: "Dán bản tin "…" lên bảng tin", "niêm yết" (not "người dân")
_POSTED_UP = re.compile(r"\bdan\s+(?:len|tai|o|ban tin)\b|\bniem yet\b|\bbang tin\b")
_PHAT = re.compile(r"\bphat\b")
# a rate of people or families ("02 người bệnh/tháng", "03 bệnh nhân/tháng", "02 gia đình/tháng")
# and a visit to them, "thăm" told by what follows ("thăm, động viên", "thăm hỏi", "thăm người
# bệnh"; not "tham gia", "tham mưu", "thẩm định", "thâm niên", folded alike)
_PEOPLE = re.compile(r"(?:nguoi|benh nhan|gia dinh)\b")
_CALLS_ON = re.compile(r"\btham\s*(?:,|\s(?:(?:hoi|nha|ho|nguoi|benh nhan|dong vien)\b|" + _FAMILY + "))")
# "thăm" right before the rate ("thăm ít nhất 02 gia đình/tháng", "thăm 04 hộ có trẻ nhỏ/tháng"): the
# count is of those visited (a noun of _QUOTA_NOUNS is read before)
_VISITED = re.compile(r"\btham\s*$")
# premises counted at a rate ("01 cơ sở/tháng", OCR "co s0"; "04 tiệm/tháng", not an injection's "tiêm chủng")
_PREMISES = re.compile(r"(?:co s[o0d]|tiem(?! (?:chung|vac|ngua|phong)\b)|cua hang|xuong|doanh nghiep"
                       r"|quay thuoc|dai ly|phong kham)(?: [a-z]{2,6}){0,2}")
# a visit or counsel right before the count governs it ("đến tư vấn", "tư vấn tại xưởng"; not "đến thẩm định")
_GOES_TO = re.compile(r"\b(?:(?:den|toi)\s+(?:tu van|truc tiep|tham(?!\s+(?:dinh|tra|gia|du)\b)|tan noi)"
                      r"|tu van(?:\s+(?:tai|o)\s+[a-z]+(?:\s[a-z]+)?|\s+truc tiep)?)"
                      r"(?:\s+(?:cho|tai|o))?\s*$")
# aired on the loudspeakers ("phát thanh trên hệ thống loa …", "truyền thanh qua loa …")
_ON_LOUDSPEAKERS = re.compile(r"\b(?:phat thanh|truyen thanh)\s+(?:tren|qua)\s+(?:he thong\s+)?loa\b")
# a clause that raises (or lowers) the rate before it: "tăng lên 03 lần/tuần", "riêng tháng 7 tăng lên …"
_RAISED = re.compile(r"[^;.]{0,40}?\b(?:tang|nang|giam)\s+(?:len|xuong|thanh)\s+(?:\d|mot|hai|ba|bon|nam)")
# "… 02 lần/ngày trong tháng 5; các tháng khác 02 lần/tuần", "…; ngoài đợt 01 lần/tuần": the
# same channel's rate for the rest of the time, the clause before naming it
_OTHERWISE = re.compile(r"\s*(?:(?:cac|nhung)\s+(?:thang|tuan|quy|dot)\s+(?:khac|con lai)"
                        r"|thoi gian (?:khac|con lai)"
                        r"|ngoai\s+(?:dot|thoi gian|cac dot|cao diem|chien dich))\b")
# what may stand between that phrase and its rate: more of the time ("… cao điểm", "… của năm") or
# the airing kept up ("phát", "duy trì"); not a doing of its own ("…; các tháng khác kiểm tra,
# giám sát 01 lần/tháng", "ngoài chiến dịch họp ban chỉ đạo …": not the clause before's channel)
_OTHERWISE_REST = re.compile(r"(?:[\s,]+(?:(?:cua|trong)\s+(?:nam|dot|chien dich)|cao diem|chien dich"
                             r"|phat|dang|duy tri|chi|con|thi|van|se|deu)\b)*[\s,]*")


def _otherwise(low: str, begin: int, start: int) -> bool:
    """"…; các tháng khác (phát) 01 lần/tuần": the clause at `begin` only says the rest of the time."""
    m = _OTHERWISE.match(low, begin, start)
    return m is not None and start - m.end() <= 40 \
        and _OTHERWISE_REST.fullmatch(low, m.end(), start) is not None


_LOUDSPEAKER_WORDS = re.compile(r"phat thanh|loa|truyen thanh")


def activities(plan: PlanText, draft: Draft) -> None:
    for kind, words in ACTIVITY_WORDS:
        for word in words:
            hit = next(((p, p.low.find(word)) for p in plan.paras
                        if re.search(r"\b" + re.escape(word) + r"\b", p.low)
                        and "noi nhan" not in p.section), None)
            if hit:
                para, at = hit
                draft.activities.append((kind, para.line_at(at), para.text[at:at + len(word)]))
                break


def _lower_first(s: str) -> bool:
    """Whether a line begins with a lower-case letter (a sentence going on)."""
    return s[:1].islower()
