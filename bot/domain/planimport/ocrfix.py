"""Text that an OCR without Vietnamese data read, made readable for the rules (issue #21).

An engine run with English data does not just drop diacritics, it replaces letters: ư → ir, w, y;
ơ → 6, &, ¢; ế → €, g; Đ → P, B; của → ciia, cia, caa; a marked a or o inside a word → d ("cdc");
digits and letters swap (2O26, l0). Each word that is not a Vietnamese syllable is mended to the
bare syllable the confusions below (or one edit more) make of it, the likeliest beside its
neighbours in the syllable model (syllables.json); the diacritics go back later, where the model
is sure (accents.restore). Lines keep their number:
a word hyphenated across a line break is joined on the first line.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path

from bot.domain.planimport.numwords import NUMBER_WORD
from bot.domain.planimport.text import fold, fold_char

MODEL = Path(__file__).with_name("syllables.json")
BROAD = Path(__file__).with_name("broad_pairs.json")
# What English-data OCR writes for a Vietnamese letter or group (read → meant, bare).
CONFUSIONS: list[tuple[str, tuple[str, ...]]] = [
    ("iia", ("ua",)), ("ia", ("ua",)), ("aa", ("ua",)), ("ir", ("u",)), ("it", ("u",)), ("tt", ("u",)),
    ("ti", ("u",)),  # "thtic": thức
    ("iv", ("u",)),  # "trivéc ngày", "(tiv 15/9": trước, từ
    ("tr", ("u",)), ("w", ("u", "uo")), ("y", ("u",)), ("6", ("o",)), ("0", ("o",)),
    ("&", ("o", "e", "a")), ("¢", ("o",)), ("@", ("e", "o")), ("€", ("e",)), ("g", ("e", "a")),
    ("p", ("d",)), ("b", ("d",)), ("l", ("i", "t")), ("1", ("i", "l")), ("§", ("a",)),
    # é: Latin-1's nearest to ế, and to ố, ộ, ở as often ("sét rét": sốt rét); á now and then (théng)
    ("E", ("e", "o", "a")),
    ("4", ("a",)),  # ầ, ã, á: "l4n" lần, "x4" xã, "4p phích" áp phích
    ("6E", ("o",)),  # ố read twice over: "ch6éng" chống
]
# Read so only after a syllable's first letter: Vietnamese has no d inside a syllable (d and đ
# only open one), so a d there is a marked a or o ("cdc" các, "trudng" trường, "bdo" báo), with
# the tone OCR kept as é beside it ("khdée" khỏe, "thudéc" thuốc, "nguédi" người).
INSIDE: list[tuple[str, tuple[str, ...]]] = [("d", ("o", "a")), ("dE", ("o",)), ("Ed", ("o",))]
_ROMAN_START = re.compile(r"^(\s*)([IVXl|1i!v]{1,5})[.,](?=\s+[A-Z])")  # "Vil. TO", "|. MUC"
_HORN = re.compile(r"(?<=[^\W\d_])([UuOo])'")  # "CHU'C": ư read as U and an apostrophe
_BANG = re.compile(r"(?<=[A-Z])!(?=\s+[A-Z])")  # "THO! GIAN": the I of THỜI
# "{t nhất", "]ần/tuần": a brace or bracket that leads a lower-case word is its í or l
_GLUED = re.compile(r"(?<![^\s(\"“])([{\]])(?=[a-z])")
# "Giai doan |", "Dot Iii": I, III; "Quy || Đánh giá" (a cell's I, then its border), "(quý | trước
# ngày 20/3": an I before a border or a lower-case word; "quy |V/2027": IV, its year after it; "(Quy |
# - Quy II/2027)": the I a range of quarters starts at (after "Quy" only: a bare label cell's border
# before "- Quý II" is no I); "Dot It: Tháng 9 …": the II the word mender read "Il" as, before its colon
_PART = re.compile(r"\b((?:giai doan|dot|quy)\s+)([Il!]{1,3}|Ii{1,2}|(?-i:It)(?=\s*:)|"
                   r"\|(?=\s*[(:|]|\s+(?-i:[a-z]))|(?<=quy\s)\|(?=\s*[-–]\s*quy\b)|[|l!]V(?=/))"
                   r"(?=[\s:,.)|/]|$)", re.IGNORECASE)
_WORD = re.compile(r"(?:[^\W_]|[&¢€@§])+")
# The spelling rules too: ng, c before i/e/y are written ngh, k ("ngi" is no syllable: nội).
_SYLLABLE = re.compile(r"^(?!ng[iey]|c[iey]|n?gh[aou]|k[aou])"
                       r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}"
                       r"(?:ch|ng|nh|[cmnpt]|k(?=$))?$")  # k: Đắk Lắk
# Loanwords the plans write ("02 clip/tháng", "đường link"): kept as read, no neighbour needed
LOANWORDS = frozenset({"banner", "clip", "facebook", "fanpage", "infographic", "link", "pano", "poster",
                       "tiktok", "video", "website", "youtube", "zalo"})
MAX_LEN = 9  # longer "words" are names or debris: left alone, which keeps the work linear
_LETTERS = "abcdeghiklmnopqrstuvxy"
# A number OCR bent: letters for digits inside it ("2O26", "l0", "01/l0").
_BENT = re.compile(r"(?<![^\W_])(?=[\dOol/.]{0,14}\d)(?=[\d/.]{0,14}[Ool])"
                   r"[\dOol]{1,4}(?:[/.][\dOol]{1,4}){0,2}(?![^\W_])")
# "~ Đợt 1", ". Một nước…": a bullet or a number OCR read as a tilde or lost to a dot.
_STRAY = re.compile(r"^(\s*)(?:~\s*|\.\s+(?=[^\W\d_]))")
# "1, Tập huấn …", "4, MỤC ĐÍCH": an item's number with its dot read as a comma, at a line's start
_COMMA_NUMBER = re.compile(r"^(\s*\d{1,2}),(?=\s+[A-Z])")
# "N gay Thế giới": a capital OCR set apart from the rest of its word.
_CUT_CAPITAL = re.compile(r"(?<![^\W_])([BCDGHKLMNPQRSTVX]) ([^\W\d_]{1,6})(?![^\W_])")
_HYPHEN = re.compile(r"([^\W\d_]{1,7}/?)-\s*$")  # "lần/-" / "tuần": a break after a slash too
# "trước ngày 10/5-" / "/2027 và 10/11/2027": a date OCR cut before its year's slash, a hyphen left
_DATE_CUT = re.compile(r"(?<![\d/])(\d{1,2}/\d{1,2})-\s*$")
_YEAR_TAIL = re.compile(r"^\s*(/(?:19|20)\d\d)(?!\d)")
# "06/9/2027 - Ban Tổ chức" / "26/9/2027": a flattened table's range, its last day wrapped below the
# next cell's words (alone on its line); the last day goes back after its dash. Not after a date that
# already ends a range, nor before a weekday ("- Thứ Bảy," / "24/6/2027": that day's own date)
_RANGE_CUT = re.compile(r"(?<![\d/])(?<![-–])(?<![-–]\s)(?<![-–]\s\s)\d{1,2}/\d{1,2}/(?:19|20)\d\d\s*[-–]\s*"
                        r"([^\W\d_][^\d|:;()]{0,40})$")
_RANGE_TAIL = re.compile(r"^\s*(\d{1,2}/\d{1,2}/(?:19|20)\d\d)\s*$")
_RANGE_WEEKDAY = re.compile(r"(?:th[a-z]{0,2}\s+(?:hai|ba|tu|tw|nam|s[a-z]u|b[a-z]y)|"
                            r"ch[a-z]{0,2}\s+nh[a-z]t)\b")
# "đến tháng 11/2-" / "027;": a date OCR hyphenated inside its year's digits, the rest on the next line
_YEAR_SPLIT = re.compile(r"(?<![\d/])(\d{1,2}/(?:\d{1,2}/)?)(\d{1,3})-\s*$")
_DIGITS_TAIL = re.compile(r"^\s*(\d{1,3})(?!\d)")
_TAIL = re.compile(r"^\s*(/?[^\W\d_]{1,7})([,.;:]?)(?:\s+|$)")  # "ngắn-" / "/tuần" too
# "Budc 1 - Khảo sát", "BUGC 2:", "Bude 3 (từ …", "| Budc 1 | …": a step's heading, Bước and its
# number at a line's, an item's or a row's start (the likeliest syllable alone would be "Được",
# which no number follows; "Bu6c 3 (": a digit for its ớ); "Budc 1 Thang 7/2026 In …": a step
# table's row whose tabs OCR lost
_STEP = re.compile(r"^(\s*(?:[-+•|]\s*|\d{1,2}\s*\|\s*|[a-d]\)\s*)?)(B[uU][^\W_]{0,2}[cCeE])"
                   r"(?=\s+(?:\d{1,2}|[IVX]{1,4})\s*[-–:.(|]|\s+\d{1,2}\s+[TtQq][^\W\d_]{1,4}\s+\d)")

# "(th Nam, ngày 08/10)", "tht Bảy": thứ cut short before a weekday's name (the likeliest syllable
# beside "Nam" would be "tế")
_WEEKDAY_THU = re.compile(r"(?<![^\s(,])([Tt]h[^\W\d_]{0,2})(?=\s+(?:Hai|Ba|T[uư]|N[aă]m|S[aá]u|B[aả]y)\b)")

# "Chi nhat, ngày 13/6/2027", "Cht nhat 16/5/2027": Chủ nhật with its ủ bent, before a date (not
# "chậm nhất", whose first word is longer)
_SUNDAY = re.compile(r"(?<![^\s(,|])([Cc]h[^\W\d_])(?=\s+nh[aâậ]t\s*,?\s*(?:ng[^\W\d_]{1,3}\s+)?\d)")

# "| Đợt 1 | Ter 04/01/2027 |" / "| | đến 20/02/2027 |": Từ with its ư read as "er" before a full date
# (the likeliest syllable alone would be "tế", which no date follows)
# "gti Khoa …", "quy IV gti truéc ngay 05/01": gửi with its ử read as a t (no syllable is "gti"; the
# likeliest one a letter off may be another, and a report's deadline hangs on its verb)
# "cla Bệnh viện", "clia Sở Y tế": của with its ủ read as an l (or li), the word standing alone (the
# likeliest syllable beside a neighbour may be "la", "dia", "chia": "hoạt động là Kế hoạch"); cửa
# folds to the same "cua" ("tại cửa hàng"), but right after "ở" (OCR "6", "&") the accents would make
# it của where cửa is meant: left to the mending. Not inside an address ("www.cla.vn", "cla@…")
_OF_CLA = re.compile(r"(?<![^\W_])(?<![@./])(?<![\s(][6&oO] )([Cc])li?a(?![^\W_])(?![@.]\w)")
_SENT_GTI = re.compile(r"(?<![^\W_])([Gg][Tt][Ii])(?![^\W_])")
# "Bdo co két qua …", "bao co clia cac don vi": báo cáo with its cáo's á dropped (a syllable "co" the
# mending keeps); not after a word "bảo", "báo" ends ("đảm bảo có đủ kinh phí", "thông báo cơ quan")
_REPORT_CO = re.compile(r"(?<![^\W_])([Bb][ad]o\s+)([Cc]o)(?![^\W_])")
_BAO_JOINED = re.compile(r"(?<![^\W_])(?:[DdĐđ][aảiå]m|[Tt]h[oôóồéd]ng|[Cc][aảdã]nh|[Dd][uựyư])\s+$")

_FROM_DATE = re.compile(r"(?<![^\s(|,])([Tt][eé]r)(?=\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?!\d))")
# "(ttr01-4-2027 đến …": OCR glued the từ opening a range to its date (the mender would read "tuoi");
# only từ's own bends (spellings.TU), never "tới", "thứ", "tại" glued to theirs
_GLUED_FROM = re.compile(r"(?<![^\s(])([Tt](?:u|ir|i|w|tr?|lt))"
                         r"(?=\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*20\d\d(?!\d))")

# "S&Y té", "SOY té", "S6Y té", "BOY té": Sở (Bộ) Y tế, OCR gluing the office's first word to the Y
# (as one word the likeliest syllable would be "sau", or none)
_GLUED_Y = re.compile(r"(?<![^\W_])([SB])[^\s\w]?[^\sY]{0,2}Y(?=\s+[Tt][eé]\b)")


@functools.cache
def _model() -> tuple[dict[str, int], dict[str, int]]:
    raw = json.loads(MODEL.read_text(encoding="utf-8"))
    uni = {k: sum(v.values()) for k, v in raw["uni"].items()}
    pairs = {k: sum(v.values()) for k, v in raw["pairs"].items()}
    return uni, pairs


def vietnamese_share(text: str) -> float:
    """Share of letters only Vietnamese writes (ơ, ư, ạ, ế…; not é, ó of Latin-1): about a tenth
    in a plan, none in what an English-data OCR made of one (it keeps é, ó, ô, never ơ or ạ)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ord(c) > 0xFF and fold_char(c) != c) / len(letters)


def mangled(text: str) -> bool:
    """Read by an OCR without Vietnamese data (or typed without diacritics)."""
    return vietnamese_share(text) < 0.01


def _variants(bare: str) -> set[str]:
    """`bare` with any of the confusions undone, at most a few hundred. Every reading of the
    groups counts ("ttr": t + tr → "tu", or tt + r), so the work is a lattice over the letters."""
    ends: list[set[str]] = [set() for _ in range(len(bare) + 1)]
    ends[0].add("")
    for i in range(len(bare)):
        if not ends[i]:
            continue
        steps = [] if i and bare[i] == "d" else [(1, bare[i])]  # no syllable has a d there
        for read, meant in CONFUSIONS + INSIDE if i else CONFUSIONS:
            if bare.startswith(read, i):
                steps += [(len(read), m) for m in meant]
        for size, option in steps:
            ends[i + size].update(head + option for head in ends[i])
            if len(ends[i + size]) > 64:
                return set()
    return ends[-1]


def _edits(word: str) -> set[str]:
    """Spellings one edit from `word`."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in cuts if b} | {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
            | {a + c + b for a, b in cuts for c in _LETTERS})


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter changed, added or dropped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def bends_to(read: str, meant: str) -> bool:
    """Whether OCR's bare syllable `read` is `meant` bent: one of the confusions undone, or one
    edit away when `meant` has three letters or more ("sic": suc of "Ngày Sức khỏe"), or one
    letter more than a shorter `meant`."""
    if read == meant:
        return True
    if (len(meant) >= 3 or len(read) == len(meant) + 1) and _one_edit(read, meant):
        return True  # (a short one with a letter added: "cổ" read "cé", mended one edit on to "cho")
    return len(read) <= MAX_LEN and meant in _variants(read)


@functools.cache
def _lexicon() -> frozenset[str]:
    """The bare syllables of the broad text (accents.BROAD, the health laws): Vietnamese that the
    plans' model may lack ("viêm", "buồn"), to know a word OCR read with its mark for one."""
    seen: dict[str, int] = {}
    for pair, spellings in json.loads(BROAD.read_text(encoding="utf-8"))["pairs"].items():
        for word in pair.split(" "):
            seen[word] = seen.get(word, 0) + sum(spellings.values())
    return frozenset(word for word, n in seen.items() if n >= 3)  # rarer is rare to mend_word too


_NEAR: dict[str, frozenset[str]] = {}  # a word's syllables one edit away, once per process
EDITS_PER_TEXT = 3000  # distinct words a text may send to the edit search: a plan has hundreds


def _near(variants: set[str]) -> frozenset[str]:
    uni = _model()[0]
    key = "|".join(sorted(variants))
    if key not in _NEAR:
        if len(_NEAR) > 4096:  # a few MB at most, under the reading's memory limit
            _NEAR.clear()
        _NEAR[key] = frozenset(e for v in variants for e in _edits(v) if e in uni and _SYLLABLE.match(e))
    return _NEAR[key]


@functools.lru_cache(maxsize=8192)
def _readings(bare: str) -> tuple[str, ...]:
    """What a word OCR read may be, as syllables the plans have (itself when it is one)."""
    uni = _model()[0]
    if not bare or bare in uni or len(bare) > MAX_LEN:
        return (bare,)
    return tuple(sorted(v for v in _variants(bare) if v in uni and _SYLLABLE.match(v)))[:8] or (bare,)


def mend_word(word: str, before: str = "", after: str = "", budget: list[int] | None = None
              ) -> str | None:
    """The bare syllable OCR's `word` stands for, beside bare `before` and `after`; None when it
    is a syllable already or nothing fits. `budget`: edit searches left for this text."""
    uni, pairs = _model()
    marked = fold(word.lower().replace("é", "E"))
    bare = marked.lower()
    # An acronym the model saw ("CDC") is no syllable when OCR writes it in lower case ("cdc": các),
    # unless the plans had it beside the same word ("video clip").
    known = bare in uni and (_SYLLABLE.match(bare) or not word.islower()
                             or f"{before} {bare}" in pairs or f"{bare} {after}" in pairs
                             or bare in LOANWORDS)
    # an acronym read in lower case beside a word it was seen with ("của cdc") is weighed
    # against its readings below, a d inside it being no syllable's
    if bare.isdigit() or len(bare) > MAX_LEN or (known and marked == bare and not (
            word.islower() and not _SYLLABLE.match(bare) and "d" in bare[1:])):
        return None
    variants = _variants(marked)
    if word[:1] == "I" and word[1:].islower():  # a capital I for an l: "Ié" lễ, "Ign" lợn
        variants |= _variants("l" + marked[1:])
    if known:  # é is á only now and then: "vé" stays về, not và
        variants = {v for v in variants
                    if not any(m == "E" and c == "a" for m, c in zip(marked, v, strict=False))}
    candidates = {v for v in variants if v in uni and _SYLLABLE.match(v)}

    # é on a syllable the plans never had and the health laws have ("viém": viêm, "buén": buồn),
    # no reading of the confusions the plans know: left as read, not taken one edit further to a
    # syllable the plans have ("vien", "diem", "duoc" beside a neighbour seen once)
    if not candidates and "E" in marked and any(
            _SYLLABLE.match(v) and v in _lexicon() for v in (marked.replace("E", x) for x in "eoa")):
        return None

    nexts = _readings(after)  # the next word is not mended yet: "Cin cir" is căn cứ

    def score(v: str) -> tuple[int, int]:
        beside = pairs.get(f"{before} {v}", 0) + max(pairs.get(f"{v} {a}", 0) for a in nexts)
        return beside, uni[v]

    # One edit more ("cdc", "trudec", "tr", "Bdo"), when the confusions gave nothing its
    # neighbours know, for what cannot be a syllable or bears a mark OCR put ("céo", but "tré" is
    # trẻ with the mark Latin-1 has): a rare
    # syllable ("kim", "bù") or a name ("Dak Lak") is left as read.
    # A d inside the word is OCR's for certain: its readings stand without a second edit ("mdi"
    # is mỗi or mới, never "với" one edit further)
    inside = "d" in bare[1:] and bool(candidates)
    if (not inside and not any(score(v)[0] for v in candidates) and len(bare) >= 2 and bare.isalpha()
            and (word.islower() or word.istitle()) and (budget is None or budget[0] > 0)
            and (not _SYLLABLE.match(bare) or (fold(word) != word and bare not in uni))):
        if budget is not None:
            budget[0] -= 1
        if (not candidates and not _SYLLABLE.match(bare) and nexts == (after,) and after.isalpha()
                and len(after) <= MAX_LEN and not _SYLLABLE.match(after)):
            # "bdo cdo": two words in a row no syllable and no confusion mends, the next is read
            # one edit away too, or the pair "bao cao" is never seen and "va bdo" goes to "va dao"
            variants_after = _variants(after)
            nexts = (after, *_near(variants_after if 0 < len(variants_after) <= 8 else {after}))
        # an inside d doubles the readings ("cdéo": cao, one edit from "cdao")
        near = _near(variants if 0 < len(variants) <= (16 if "d" in bare[1:] else 8) else {bare})
        if candidates and not any(score(v)[0] for v in near):
            near = frozenset()  # no neighbour to go by: the confusions' reading stands ("Tir")
        # é put back as its vowel gives a syllable the plans have ("véi": với, "tuéi": tuổi): that
        # reading stands, not one a further edit away seen once beside a neighbour ("ve", "tai")
        if "E" in marked and any(v in candidates and uni[v] >= 3
                                 for v in (marked.replace("E", x) for x in "eoa")):
            near = frozenset()
        candidates |= near

    if not candidates:
        if (word.islower() or word.istitle()) and len(bare) >= 4 and bare.isalpha() and (
                budget is None or budget[0] > 0):
            if budget is not None:
                budget[0] -= 1
            return _two(marked)
        return None
    best = max(sorted(candidates), key=score)
    if known:  # "sét" is a word too: another only when its neighbours say so
        return best if best != bare and score(best)[0] > 2 * score(bare)[0] else None
    if score(best)[0] == 0 and (uni[best] < 3 or (_SYLLABLE.match(bare) and fold(word) == word)):
        # Neither seen beside its neighbours nor common, or a syllable shape already ("bu" of
        # "tiêm bù"; not "chéng", whose mark OCR put): leave the word as read.
        return None
    return best


def _two(marked: str) -> str | None:
    """Two syllables OCR ran together ("tirngay": từ ngày), when the plans often have them as a
    pair; a split in each place, each side read through the confusions."""
    uni, pairs = _model()
    best = (0, "")
    for cut in range(1, len(marked)):
        left = [v for v in _variants(marked[:cut]) if v in uni and _SYLLABLE.match(v)]
        right = [v for v in _variants(marked[cut:]) if v in uni and _SYLLABLE.match(v)]
        best = max([best] + [(pairs.get(f"{a} {b}", 0), f"{a} {b}") for a in left for b in right])
    return best[1] if best[0] >= 3 else None


def _dropped(bare: str, before: str, after: str, budget: list[int] | None) -> str | None:
    """A heading's syllable OCR dropped a letter of ("THO GIAN": THỜI GIAN): the syllable one edit
    away the plans often have beside its neighbours, when they never had this one there.
    Headings only: their words are the plan's structure, and body text has rarer pairs."""
    pairs = _model()[1]
    if not (before or after) or (budget is not None and budget[0] <= 0):
        return None
    if pairs.get(f"{before} {bare}") or pairs.get(f"{bare} {after}"):
        return None
    if budget is not None:
        budget[0] -= 1
    near = [(pairs.get(f"{before} {v}", 0) + pairs.get(f"{v} {after}", 0), v) for v in _near({bare})]
    return max(near)[1] if near and max(near)[0] >= 5 else None


def _cased(like: str, bare: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return bare.upper()
    return bare[:1].upper() + bare[1:] if like[:1].isupper() else bare


def _roman(m: re.Match[str]) -> str:
    if m.group(2).isdigit():
        return m.group()  # "1. Mục đích": a number, not a roman one
    number = m.group(2).translate(str.maketrans("l|1i!v", "IIIIIV"))
    return m.group(1) + ("V" if number == "VV" else number) + "."  # "Vv." is V.


def _rejoin(m: re.Match[str]) -> str:
    """"N gay Thế" is "Ngay Thế" when the plans have that syllable beside the next word; "viêm
    gan B cho", "vitamin D ở" are left as written."""
    uni, pairs = _model()
    joined = m.group(1) + m.group(2)
    bare = fold(joined).lower()
    after = m.string[m.end():m.end() + 12].split()
    following = fold(after[0]).lower().strip(",.;:") if after else ""
    if (m.group(2).islower() and _SYLLABLE.match(bare) and bare in uni
            and pairs.get(f"{bare} {following}", 0) >= 3):
        return joined
    return m.group()


def _mend_line(line: str, budget: list[int], before: str = "", tail: str = "") -> str:
    """`line` mended word by word; `before` and `tail`: the words around it on the lines above
    and below (a printed line breaks a sentence anywhere)."""
    line = _ROMAN_START.sub(_roman, line)
    line = _CUT_CAPITAL.sub(_rejoin, line)
    line = _BANG.sub("I", _HORN.sub(r"\1", line))
    spans = [(m.start(), m.end()) for m in _WORD.finditer(line)]
    out, last = [], 0
    letters = [c for c in line if c.isalpha()]
    # "III. THỜI GIAN THỰC HIỆN", "Khẩu hiệu tuyên truyền:": the words that give the plan its shape
    heading = len(letters) >= 6 and (all(c.isupper() for c in letters)
                                     or (line.rstrip().endswith(":") and len(line) <= 60))
    for i, (a, b) in enumerate(spans):
        word = line[a:b]
        after = fold(line[spans[i + 1][0]:spans[i + 1][1]]).lower() if i + 1 < len(spans) else tail
        # "KH-SYT", "NQ/TW" are codes; "bài/tuần", "lần/tuần" a quota's words.
        code = not word.islower() and ((a > 1 and line[a - 1] in "-/" and line[a - 2].isalnum()) or (
            b + 1 < len(line) and line[b] in "-/" and line[b + 1].isalnum()))
        letters = [c for c in word if c.isalpha()]
        mixed = any(x.islower() and y.isupper() for x, y in itertools.pairwise(letters))  # "PrEP"
        upper = len(letters) > 1 and all(c.isupper() for c in letters)
        plain = word.isalpha()
        fixed = None
        # Codes ("KH-SYT", "NQ/TW") and short capitals ("UBND", "SYT") are not syllables to mend.
        if not code and not mixed and not (upper and plain and len(word) <= 3):
            fixed = mend_word(word, before, after, budget)
        if (fixed is None and heading and plain and len(letters) > 1 and not mixed
                and _SYLLABLE.match(word.lower()) and word.lower() in _model()[0]):
            fixed = _dropped(word.lower(), before, after, budget)  # "THO GIAN", not "SYT"
        out.append(line[last:a])
        out.append(_cased(word, fixed) if fixed else word)
        before = fixed or fold(word).lower()
        last = b
    out.append(line[last:])
    return "".join(out)


# A quota's shape, "01 buổi/quý": what stands between the number and the slash is one of a few
# nouns, what follows the slash a period; OCR's "01 budi/quy", "02 lan/thdng" are read to them.
_QUOTA_NOUNS = frozenset({"lan", "buoi", "bai", "tin", "luot", "cuoc", "video", "clip", "so", "ky",
                          "chuyen", "dot", "phien", "tiet", "lop", "ho", "nha"})
_PERIODS = frozenset({"thang", "tuan", "quy", "nam", "ngay", "dot"})
# the noun's l read as 1 ("03 1an/tuần", "1lan") is OCR's too
# ("02 lugt nha/thang": one word of what it counts may stand before the slash)
# a noun OCR read with a 6 for its marked o ("bu6i": buổi)
_NOUN_LETTERS = r"(?:[^\W\d_]|6(?=[^\W\d_]))"
_QUOTA_NOUN = re.compile(r"(?<![^\W_])\d{1,3}\s+((?:1|[^\W\d_])" + _NOUN_LETTERS + r"{1,5})"
                         r"(?=(?:\s+[^\W\d_]{2,5})?\s*/\s*(?:[^\W\d_]|$))")  # "02 budi/" ending its line too
# "… mỗi phường, xã 02" / "budi/quy …": the noun that begins a line below its count
_QUOTA_NOUN_BELOW = re.compile(r"^\s*((?:1|[^\W\d_])" + _NOUN_LETTERS + r"{1,5})(?=\s*/\s*[^\W\d_])")
_COUNT_END = re.compile(r"(?<![\d/.,:-])\b\d{1,3}\s*$")
# "mỗi tháng 01 buổi" (OCR: "mdi thang 01 budi"): the noun after the period and the number
_QUOTA_EVERY = re.compile(r"(?<![^\W_])(?:m[^\W_]{0,2}i|hang)\s+(?:thang|tuan|quy)\s+\d{1,3}\s+"
                          r"([^\W\d_]{2,6})(?![^\W_])")
# "01 buéi néi chuyén chuyén dé/quy": a count's noun, its rate's slash a few words on
_QUOTA_LEAD = re.compile(r"(?<![^\W_])\d{1,3}\s+([^\W\d_]{2,6})(?=[^/.;:]{0,40}/\s*[^\W\d_]{2,6}(?![^\W_]))")
# "ba buéi m6i tuan" (ba buổi mỗi tuần): a rate in words, its noun after the number word
_QUOTA_IN_WORDS = re.compile(r"(?<![^\W_])(?=" + NUMBER_WORD + r"\s)[^\W\d_]{2,4}"
                             r"\s+([^\W\d_]{2,6})(?=\s+m[^\W_]{0,2}i\s+(?:thang|tuan|quy)(?![^\W_]))",
                             re.IGNORECASE)
# "| budi/quy |": a count's noun that opens a cell, its count left at the end of the cell above
_QUOTA_CELL = re.compile(r"\|\s*([^\W\d_]{2,6})(?=\s*/\s*[^\W\d_]{2,6}(?![^\W_]))")
# "(02 budi tw" / "van nhém/": a count's noun at a line's end, its rate's slash on the line below
_QUOTA_LINE_END = re.compile(r"(?<![^\W_])\d{1,3}\s+([^\W\d_]{2,6})(?=(?:\s+[^\W\d_]{1,6}){0,3}\s*$)")
_SLASH_SOON = re.compile(r"^[^/.;:\d]{0,30}/")
# "01 |an/tuần": a quota noun's l read as a bar, glued to it after the count
# (or as a bracket, its vowel as a 4: "02 |4n/tuan", "mdi tuan 01 [an, vao …")
_BAR_L = re.compile(r"(?<=\d )[|\[]((?:[^\W\d_]|4(?=[^\W\d_])){1,5})(?=\s*/|[,.;])")
# "Mi tuan 01 bai" (mỗi tuần 01 bài): a rate said period first whose "mỗi" OCR bent
_EVERY_BENT = re.compile(r"(?<![^\W_])(m[^\W\d_]{0,2}i)(?=\s+(?:thang|tuan|quy)\s+\d{1,3}\s)", re.IGNORECASE)
# "mét budi méi thang", "méi quy mét budi" (một buổi mỗi tháng): a rate in words whose "một" OCR bent,
# its noun next to it and "mỗi" with the period on its other side (not "mat": mặt, mát)
_ONE_BENT = re.compile(r"(?<![^\W_])(m[^\W\d_aA]t)\s+([^\W\d_]{2,6})"
                       r"(?=\s+m[^\W_]{0,2}i\s+(?:thang|tuan|quy)(?![^\W_]))"
                       r"|(?:(?<=[^\W_]i thang )|(?<=[^\W_]i tuan )|(?<=[^\W_]i quy ))(m[^\W\d_aA]t)\s+"
                       r"([^\W\d_]{2,6})(?![^\W_])")
_QUOTA_PER = re.compile(r"(?<![^\W_])[^\W\d_]{2,6}\s*/\s*([^\W\d_]{2,6})(?![^\W_])")


def _snap(word: str, vocab: frozenset[str]) -> str | None:
    """The one word of `vocab` OCR's `word` reads as (its confusions undone, or one edit)."""
    marked = fold(word.lower().replace("é", "E"))
    if marked.lower() in vocab:
        return None
    variants = _variants(marked) or {marked.lower()}
    found = {v for v in variants if v in vocab}
    if not found:  # one edit of the word as read first ("buGi": buổi; "lugt": luot, not tiet by "tuet")
        found = {e for e in _edits(marked.lower()) if e in vocab}
        found = found if len(found) == 1 else set()
    if len(found) != 1 and len(variants) <= 16:
        found = {v for v in variants if v in vocab} or {e for v in variants for e in _edits(v) if e in vocab}
    return next(iter(found)) if len(found) == 1 else None


def _report_unbent(m: re.Match[str]) -> str:
    if _BAO_JOINED.search(m.string, max(0, m.start() - 7), m.start()):
        return m.group()  # "đảm bảo có", "thông báo cơ quan"
    return m.group(1) + _cased(m.group(2), "cao")


def _one_unbent(m: re.Match[str]) -> str:
    one, noun = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    fixed = _snap(noun, _QUOTA_NOUNS) or fold(noun).lower()
    if fixed not in _QUOTA_NOUNS or fold(one).lower() == "mot":
        return m.group()
    return f"{_cased(one, 'mot')} {_cased(noun, fixed)}"


def _quota_words(line: str, above: str = "", below: str = "") -> str:
    below_count = ((_QUOTA_NOUN_BELOW, _QUOTA_NOUNS),) if _COUNT_END.search(above) else ()
    slash_below = ((_QUOTA_LINE_END, _QUOTA_NOUNS),) if _SLASH_SOON.match(below) else ()
    line = _BAR_L.sub(lambda m: "l" + m.group(1).replace("4", "a"), line)
    line = _EVERY_BENT.sub(lambda m: _cased(m.group(1), "moi"), line)
    line = _ONE_BENT.sub(_one_unbent, line)
    for pattern, vocab in (*below_count, *slash_below, (_QUOTA_NOUN, _QUOTA_NOUNS),
                           (_QUOTA_EVERY, _QUOTA_NOUNS), (_QUOTA_IN_WORDS, _QUOTA_NOUNS),
                           (_QUOTA_CELL, _QUOTA_NOUNS),
                           (_QUOTA_LEAD, _QUOTA_NOUNS), (_QUOTA_PER, _PERIODS)):
        out, last = [], 0
        for m in pattern.finditer(line):
            fixed = _snap(m.group(1), vocab)
            if fixed and (pattern is not _QUOTA_PER or fold(line[m.start():m.start(1)]).lower().split(
                    "/")[0].strip() in _QUOTA_NOUNS):
                out += [line[last:m.start(1)], _cased(m.group(1), fixed)]
                last = m.end(1)
        line = "".join(out) + line[last:]
    return line


def _unbend(m: re.Match[str]) -> str:
    return m.group().translate(str.maketrans("Ool", "001"))


def _year_joined(line: str, below: list[str]) -> tuple[str, list[str]]:
    """`line` with a year OCR cut at its end ("11/2-" / "027") whole again, and the line below
    without the year's rest; both as they were when the two parts make no year."""
    head = _YEAR_SPLIT.search(line)
    tail = _DIGITS_TAIL.match(below[0]) if head and below else None
    if not head or not tail or not re.fullmatch(r"(?:19|20)\d\d", head.group(2) + tail.group(1)) \
            or int(head.group(1).rstrip("/").rsplit("/", 1)[-1]) > 12:  # a month before it ("15/20-")
        return line, below
    return line[:head.start()] + head.group(1) + head.group(2) + tail.group(1), [below[0][tail.end():]]


def repair(text: str) -> str:
    """`text` as an English-data OCR read a Vietnamese plan, with its words and numbers mended
    (bare, to be given diacritics later); the same number of lines, each read once."""
    lines = text.replace("\r\n", "\n").split("\n")
    budget = [EDITS_PER_TEXT]
    for i, line in enumerate(lines):
        line = _STEP.sub(lambda m: m.group(1) + _cased(m.group(2), "buoc"), _STRAY.sub(r"\1- ", line))
        line = _COMMA_NUMBER.sub(r"\1.", line)
        line = _FROM_DATE.sub(lambda m: _cased(m.group(1), "tu"), line)
        line = _GLUED_FROM.sub(lambda m: _cased(m.group(1), "tu") + " ", line)
        line = _SUNDAY.sub(lambda m: _cased(m.group(1), "chu"), line)
        line = _OF_CLA.sub(lambda m: m.group(1) + "ua", line)
        line = _SENT_GTI.sub(lambda m: _cased(m.group(1), "gui"), line)
        line = _REPORT_CO.sub(_report_unbent, line)
        line = _GLUED_Y.sub(lambda m: m.group(1) + "o Y", line)
        line = _WEEKDAY_THU.sub(lambda m: m.group(1) if _SYLLABLE.match(m.group(1).lower())
                                else _cased(m.group(1), "thu"), line)
        day = _DATE_CUT.search(line)
        year = _YEAR_TAIL.match(lines[i + 1]) if day and i + 1 < len(lines) else None
        if day and year:  # one date again, its year kept with it
            line = line[:day.start()] + day.group(1) + year.group(1)
            lines[i + 1] = lines[i + 1][year.end():]
        line, lines[i + 1:i + 2] = _year_joined(line, lines[i + 1:i + 2])
        cut_range = _RANGE_CUT.search(line.rstrip())
        last_day = _RANGE_TAIL.match(lines[i + 1]) if cut_range and i + 1 < len(lines) else None
        if cut_range and last_day and not _RANGE_WEEKDAY.match(fold(cut_range.group(1)[:20]).lower()):
            # the range whole again, the next cell's words after it
            line = f"{line[:cut_range.start(1)]}{last_day.group(1)} {line[cut_range.start(1):]}"
            lines[i + 1] = lines[i + 1][last_day.end():]
        cut = _HYPHEN.search(line)
        if cut and i + 1 < len(lines):
            tail = _TAIL.match(lines[i + 1])
            if tail and tail.group(1).lstrip("/")[0].islower():  # "truy-" / "ền thông": one word again
                line = line[:cut.start()] + cut.group(1) + tail.group(1) + tail.group(2)
                lines[i + 1] = lines[i + 1][tail.end():]
        line = _GLUED.sub(lambda m: "i" if m.group(1) == "{" else "l", line)
        # ("… nói chuyện: 02" / blank line / "budi/quy.": OCR sets a blank line inside a sentence too)
        above_line = lines[i - 1] if i else ""
        if not above_line.strip() and i > 1:
            above_line = lines[i - 2]
        line = _quota_words(_BENT.sub(_unbend, line), above_line,
                            lines[i + 1] if i + 1 < len(lines) else "")
        above = _WORD.findall(lines[i - 1]) if i else []
        below = _WORD.findall(lines[i + 1]) if i + 1 < len(lines) else []
        lines[i] = _PART.sub(lambda m: m.group(1) + m.group(2).translate(
            str.maketrans("l|i!t", "IIIII")) + " " * m.string.startswith("|", m.end()), _mend_line(
                line, budget, fold(above[-1]).lower() if above else "",
                fold(below[0]).lower() if below else ""))
    return "\n".join(lines)
