"""Plan import benchmark: the importer's drafts against campaigns written by hand.

    python -m benchmarks.planimport [--no-record]

For each plan in tests/plans/ with an answer key (the three seeds: messages/campaigns/; the plans
written for the tests: tests/plans/answers/), the draft of `loa campaign import` is matched
field by field, one to one: phases by (start, end), slogans by text (diacritics, case and
punctuation aside, 0.85 similarity: OCR misreads a letter or two), key dates by day or date,
deadlines by due date, quotas by (activity, count, per). Prints precision, recall and F1 per field
and overall (micro-averaged), for the seeds, for the plans written for the tests, and for all;
and the share of syllables given diacritics that are right on the seed that lost them.
Appends them, dated, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import record  # noqa: E402
from bot.domain.planimport import draft_from_text, import_plan, read_plan  # noqa: E402
from bot.domain.planimport.accents import restore  # noqa: E402
from bot.domain.planimport.text import key  # noqa: E402

PLANS = ROOT / "tests" / "plans"
# The blind batch still held out, one line each: (folder, clean group, OCR'd group); the OCR'd
# plans are tests/plans/ocr/<OCR'd group>-*.txt (benchmarks/ocr_mangle.py). Empty between batches.
HELD_OUT: list[tuple[str, str, str]] = []
CASES = [  # (plan, answer key, group)
    (PLANS / "quangninh-3838-ocr.txt",
     ROOT / "messages/campaigns/quangninh-3838-2025-chuyen-doi-so.toml", "seeds"),
    (PLANS / "bacgiang-thay-thuoc-2023.txt",
     ROOT / "messages/campaigns/bacgiang-thay-thuoc-2023.toml", "seeds"),
    (PLANS / "langson-72-nqtw.txt", ROOT / "messages/campaigns/langson-72-nqtw-2025.toml", "seeds"),
    (PLANS / "ttyt-sot-xuat-huyet-2026.txt", PLANS / "answers/ttyt-sot-xuat-huyet-2026.toml", "own"),
    (PLANS / "cdc-tiem-chung-khong-dau.txt", PLANS / "answers/cdc-tiem-chung-khong-dau.toml", "own"),
    (PLANS / "ttyt-lao-thuoc-la-2026.txt", PLANS / "answers/ttyt-lao-thuoc-la-2026.toml", "own"),
] + [  # written by someone who had not read the importer (tests/plans/unseen/README.md)
    (plan, plan.parent / "answers" / f"{plan.stem}.toml", plan.stem.split("-")[0])
    for folder in ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8",
                   "unseen9", "unseen10", "unseen11", "unseen12", "unseen13", "unseen14", "unseen15",
                   "unseen16", "unseen17", "unseen18", "unseen19", "unseen20", "unseen21",
                   "unseen22", "unseen23", "unseen24", "unseen25", "unseen26",
                   "unseen27", "unseen28", "unseen29", "unseen30", "unseen31", "unseen32",
                   "unseen33", "unseen34", "unseen35", "unseen36", "unseen37", "unseen38",
                   "unseen39", "unseen40", "unseen41", "unseen42",
                   "unseen43", "unseen44", "unseen45", "unseen46", "unseen47", "unseen48",
                   "unseen49", "unseen50",
                   *(folder for folder, _, _ in HELD_OUT),
                   "ocr")
    for plan in sorted([*(PLANS / folder).glob("*.txt"), *(PLANS / folder).glob("*.docx")])
]
# Three held-out OCR plans below F1 0.85 after the first mending, looked at since to mend
# flattened tables (issue #21): scored as a dev group of their own, no longer as held out.
LOOKED = {"ocrheld-cdc-quangninh-bach-hau", "ocrheld-ttyt-phuquoc-gdsk-2026",
          "ocrheld-thoxuan-ttyt-ung-thu"}
CASES = [(plan, answer, "ocrlooked" if plan.stem in LOOKED else group)
         for plan, answer, group in CASES]
# The clean plans read back by `tesseract -l eng` (benchmarks/ocr_mangle.py, issue #21).
OCR_GROUPS = ("ocrdev", "ocrlooked", "ocrheld", "ocrheld2", "ocrheld3", "ocrheld4", "ocrheld5",
              "ocrheld6", "ocrheld7", "ocrheld8", "ocrheld9", "ocrheld10", "ocrdev2", "ocrdev3",
              "ocrdev4", "ocrheld11", "ocrheld12", "ocrheld13", "ocrheld14", "ocrheld15", "ocrheld16",
              "ocrheld17", "ocrheld18", "ocrheld19", "ocrheld20",
              "ocrheld21", "ocrheld22", "ocrheld23", "ocrheld24",
              "ocrheld25", "ocrheld26", "ocrheld27", "ocrheld28",
              "ocrheld29", "ocrheld30", "ocrheld31", "ocrheld32", "ocrheld33", "ocrheld34",
              "ocrheld35", "ocrheld36", "ocrheld37", "ocrheld38", "ocrheld39", "ocrheld40",
              "ocrheld41", "ocrheld42", *(ocr for _, _, ocr in HELD_OUT))
# Groups whose plans may be listed one by one (looked at already).
SPOILED = {"dev", "held", "held2", "held3", "held4", "held5", "held6", "held7", "held8", "held9",
           "held10", "held11", "ocrdev", "ocrlooked", "ocrheld", "ocrheld2", "ocrheld3", "ocrheld4",
           "ocrheld5", "ocrheld6", "held12", "ocrheld7", "held13", "ocrheld8", "held14", "ocrheld9", "dev15",
           "ocrdev2", "dev17", "ocrdev3", "held16", "ocrheld10",
           "dev18", "ocrdev4", "held19", "ocrheld11", "held20", "ocrheld12", "held21", "ocrheld13",
           "held22", "ocrheld14", "held23", "ocrheld15",
           "held24", "ocrheld16", "held25", "ocrheld17", "held26", "ocrheld18",
           "held27", "ocrheld19", "held28", "ocrheld20",
           "held29", "ocrheld21", "held30", "ocrheld22",
           "held31", "ocrheld23", "held32", "ocrheld24",
           "held33", "ocrheld25", "held34", "ocrheld26",
           "held35", "ocrheld27", "held36", "ocrheld28",
           "held37", "ocrheld29", "held38", "ocrheld30",
           "held39", "ocrheld31", "held40", "ocrheld32",
           "held41", "ocrheld33", "held42", "ocrheld34",
           "held43", "ocrheld35", "held44", "ocrheld36",
           "held45", "ocrheld37", "held46", "ocrheld38",
           "held47", "ocrheld39", "held48", "ocrheld40",
           "held49", "ocrheld41", "held50", "ocrheld42"}
GROUPS = [("seeds", "the three seeds (answer keys: messages/campaigns/)"),
          ("own", "plans written for the tests (seen while writing the rules)"),
          ("dev", "unseen plans, dev (written without reading the importer; looked at since)"),
          ("held", "unseen plans, first held-out four (scored once unseen: F1 0.89; looked at since)"),
          ("held2", "unseen plans, second batch (scored once unseen: F1 0.90; looked at since)"),
          ("held3", "unseen plans, third batch (scored once unseen: F1 0.92; looked at since)"),
          ("held4", "unseen plans, fourth batch (scored once unseen: F1 0.88; looked at since)"),
          ("held5", "unseen plans, fifth batch (scored once unseen: F1 0.85; looked at since)"),
          ("held6", "unseen plans, sixth batch (scored once unseen: F1 0.91; looked at since)"),
          ("ocrdev", "OCR without Vietnamese data, dev (the plans above read back by tesseract -l eng)"),
          ("ocrlooked", "OCR without Vietnamese data, three held-out plans looked at since (now dev)"),
          ("ocrheld", "OCR without Vietnamese data, held out (unseen4-6 read back by tesseract -l eng;"
                      " scored once unseen: F1 0.72; the other 14, looked at since as dev)"),
          ("held7", "unseen plans, seventh batch (clean text, for ocrheld2; scored once unseen: F1 0.86;"
                    " looked at since)"),
          ("ocrheld2", "OCR without Vietnamese data (unseen7 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.87; looked at since)"),
          ("held8", "unseen plans, eighth batch (clean text, for ocrheld3; scored once unseen: F1 0.85;"
                    " looked at since)"),
          ("ocrheld3", "OCR without Vietnamese data (unseen8 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.83; looked at since)"),
          ("held9", "unseen plans, ninth batch (clean text, for ocrheld4; scored once unseen: F1 0.90;"
                    " looked at since)"),
          ("ocrheld4", "OCR without Vietnamese data (unseen9 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.88; looked at since)"),
          ("held10", "unseen plans, tenth batch (clean text, for ocrheld5; scored once unseen: F1 0.87;"
                     " looked at since)"),
          ("ocrheld5", "OCR without Vietnamese data (unseen10 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.83; looked at since)"),
          ("held11", "unseen plans, eleventh batch (clean text, for ocrheld6; scored once unseen: F1 0.95;"
                     " looked at since)"),
          ("ocrheld6", "OCR without Vietnamese data (unseen11 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.93; looked at since)"),
          ("held12", "unseen plans, twelfth batch (clean text, for ocrheld7; scored once unseen: F1 0.90;"
                     " looked at since)"),
          ("ocrheld7", "OCR without Vietnamese data (unseen12 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.87; looked at since)"),
          ("held13", "unseen plans, thirteenth batch (clean text, for ocrheld8; scored once unseen: F1 0.90;"
                     " looked at since)"),
          ("ocrheld8", "OCR without Vietnamese data (unseen13 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.83; looked at since)"),
          ("held14", "unseen plans, fourteenth batch (clean text, for ocrheld9; scored once unseen: F1 0.95;"
                     " looked at since)"),
          ("ocrheld9", "OCR without Vietnamese data (unseen14 read back by tesseract -l eng; scored once"
                       " unseen: F1 0.90; looked at since)"),
          ("held16", "unseen plans, sixteenth batch (clean text, for ocrheld10; scored once unseen: F1 0.92;"
                     " looked at since)"),
          ("ocrheld10", "OCR without Vietnamese data (unseen16 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.84; looked at since)"),
          ("dev15", "unseen plans, fifteenth batch (clean text, written blind as dev material for the"
                    " seventh round of rules; never scored unseen)"),
          ("ocrdev2", "OCR without Vietnamese data, dev (unseen15 read back by tesseract -l eng)"),
          ("dev17", "unseen plans, seventeenth batch (clean text, written blind as dev material for the"
                    " eighth round of rules; never scored unseen)"),
          ("ocrdev3", "OCR without Vietnamese data, dev (unseen17 read back by tesseract -l eng)"),
          ("dev18", "unseen plans, eighteenth batch (clean text, written blind as dev material for the"
                    " ninth round of rules; never scored unseen)"),
          ("ocrdev4", "OCR without Vietnamese data, dev (unseen18 read back by tesseract -l eng)"),
          ("held19", "unseen plans, nineteenth batch (clean text, for ocrheld11; scored once unseen: F1 0.85;"
                     " looked at since)"),
          ("ocrheld11", "OCR without Vietnamese data (unseen19 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.85; looked at since)"),
          ("held20", "unseen plans, twentieth batch (clean text, for ocrheld12; scored once unseen: F1 0.81;"
                     " looked at since)"),
          ("ocrheld12", "OCR without Vietnamese data (unseen20 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.79; looked at since)"),
          ("held21", "unseen plans, twenty-first batch (clean text, for ocrheld13; scored once unseen:"
                     " F1 0.72; looked at since)"),
          ("ocrheld13", "OCR without Vietnamese data (unseen21 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.72; looked at since)"),
          ("held22", "unseen plans, twenty-second batch (clean text, for ocrheld14; scored once unseen:"
                     " F1 0.78; looked at since)"),
          ("ocrheld14", "OCR without Vietnamese data (unseen22 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.75; looked at since)"),
          ("held23", "unseen plans, twenty-third batch (clean text, for ocrheld15; scored once unseen:"
                     " F1 0.75; looked at since)"),
          ("ocrheld15", "OCR without Vietnamese data (unseen23 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.72; looked at since)"),
          ("held24", "unseen plans, twenty-fourth batch (clean text, for ocrheld16; ordinary plans; scored"
                     " once unseen: F1 0.97; looked at since)"),
          ("ocrheld16", "OCR without Vietnamese data (unseen24 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.92; looked at since)"),
          ("held25", "unseen plans, twenty-fifth batch (clean text, for ocrheld17; ordinary plans; scored"
                     " once unseen: F1 0.93; looked at since)"),
          ("ocrheld17", "OCR without Vietnamese data (unseen25 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.90; looked at since)"),
          ("held26", "unseen plans, twenty-sixth batch (clean text, for ocrheld18; ordinary plans; scored"
                     " once unseen: F1 0.87; looked at since)"),
          ("ocrheld18", "OCR without Vietnamese data (unseen26 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.86; looked at since)"),
          ("held27", "unseen plans, twenty-seventh batch (clean text, for ocrheld19; ordinary plans; scored"
                     " once unseen: F1 0.95; looked at since)"),
          ("ocrheld19", "OCR without Vietnamese data (unseen27 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.91; looked at since)"),
          ("held28", "unseen plans, twenty-eighth batch (clean text, for ocrheld20; ordinary plans; scored"
                     " once unseen: F1 0.94; looked at since)"),
          ("ocrheld20", "OCR without Vietnamese data (unseen28 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.90; looked at since)"),
          ("held29", "unseen plans, twenty-ninth batch (clean text, for ocrheld21; ordinary plans; scored"
                     " once unseen: F1 0.92; looked at since)"),
          ("ocrheld21", "OCR without Vietnamese data (unseen29 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.89; looked at since)"),
          ("held30", "unseen plans, thirtieth batch (clean text, for ocrheld22; ordinary plans; scored"
                     " once unseen: F1 0.97; looked at since)"),
          ("ocrheld22", "OCR without Vietnamese data (unseen30 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.96; looked at since)"),
          ("held31", "unseen plans, thirty-first batch (clean text, for ocrheld23; ordinary plans; scored"
                     " once unseen: F1 0.96; looked at since)"),
          ("ocrheld23", "OCR without Vietnamese data (unseen31 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.94; looked at since)"),
          ("held32", "unseen plans, thirty-second batch (clean text, for ocrheld24; ordinary plans; scored"
                     " once unseen: F1 0.94; looked at since)"),
          ("ocrheld24", "OCR without Vietnamese data (unseen32 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.94; looked at since)"),
          ("held33", "unseen plans, thirty-third batch (clean text, for ocrheld25; ordinary plans; scored"
                     " once unseen: F1 0.98; looked at since)"),
          ("ocrheld25", "OCR without Vietnamese data (unseen33 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.96; looked at since)"),
          ("held34", "unseen plans, thirty-fourth batch (clean text, for ocrheld26; ordinary plans; scored"
                     " once unseen: F1 0.95; looked at since)"),
          ("ocrheld26", "OCR without Vietnamese data (unseen34 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.96; looked at since)"),
          ("held35", "unseen plans, thirty-fifth batch (clean text, for ocrheld27; ordinary plans; scored"
                     " once unseen: F1 0.96; looked at since)"),
          ("ocrheld27", "OCR without Vietnamese data (unseen35 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.95; looked at since)"),
          ("held36", "unseen plans, thirty-sixth batch (clean text, for ocrheld28; ordinary plans; scored"
                     " once unseen: F1 0.98; looked at since)"),
          ("ocrheld28", "OCR without Vietnamese data (unseen36 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.98; looked at since)"),
          ("held37", "unseen plans, thirty-seventh batch (clean text, for ocrheld29; ordinary plans; scored"
                     " once unseen: F1 0.97; looked at since)"),
          ("ocrheld29", "OCR without Vietnamese data (unseen37 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.96; looked at since)"),
          ("held38", "unseen plans, thirty-eighth batch (clean text, for ocrheld30; ordinary plans; scored"
                     " once unseen: F1 0.96; looked at since)"),
          ("ocrheld30", "OCR without Vietnamese data (unseen38 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.95; looked at since)"),
          ("held39", "unseen plans, thirty-ninth batch (clean text, for ocrheld31; ordinary plans; scored"
                     " once unseen: F1 0.93; looked at since)"),
          ("ocrheld31", "OCR without Vietnamese data (unseen39 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.87; looked at since)"),
          ("held40", "unseen plans, fortieth batch (clean text, for ocrheld32; ordinary plans; scored"
                     " once unseen: F1 0.95; looked at since)"),
          ("ocrheld32", "OCR without Vietnamese data (unseen40 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.94; looked at since)"),
          ("held41", "unseen plans, forty-first batch (clean text, for ocrheld33; ordinary plans; scored"
                     " once unseen: F1 0.89; looked at since)"),
          ("ocrheld33", "OCR without Vietnamese data (unseen41 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.89; looked at since)"),
          ("held42", "unseen plans, forty-second batch (clean text, for ocrheld34; ordinary plans; scored"
                     " once unseen: F1 0.82; looked at since)"),
          ("ocrheld34", "OCR without Vietnamese data (unseen42 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.83; looked at since)"),
          ("held43", "unseen plans, forty-third batch (clean text, for ocrheld35; ordinary plans;"
                     " quotas partly spoiled; scored once unseen: F1 0.98; looked at since)"),
          ("ocrheld35", "OCR without Vietnamese data (unseen43 read back by tesseract -l eng;"
                        " quotas partly spoiled; scored once unseen: F1 0.98; looked at since)"),
          ("held44", "unseen plans, forty-fourth batch (clean text, for ocrheld36; ordinary plans;"
                     " quotas partly spoiled; scored once unseen: F1 0.92; looked at since)"),
          ("ocrheld36", "OCR without Vietnamese data (unseen44 read back by tesseract -l eng;"
                        " quotas partly spoiled; scored once unseen: F1 0.90; looked at since)"),
          ("held45", "unseen plans, forty-fifth batch (clean text, for ocrheld37; ordinary plans; scored"
                     " once unseen: F1 0.95; looked at since)"),
          ("ocrheld37", "OCR without Vietnamese data (unseen45 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.90; looked at since)"),
          ("held46", "unseen plans, forty-sixth batch (clean text, for ocrheld38; ordinary plans; scored"
                     " once unseen: F1 0.93; looked at since)"),
          ("ocrheld38", "OCR without Vietnamese data (unseen46 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.93; looked at since)"),
          ("held47", "unseen plans, forty-seventh batch (clean text, for ocrheld39; ordinary plans;"
                     " scored once unseen: F1 0.92; looked at since)"),
          ("ocrheld39", "OCR without Vietnamese data (unseen47 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.88; looked at since)"),
          ("held48", "unseen plans, forty-eighth batch (clean text, for ocrheld40; ordinary plans;"
                     " scored once unseen: F1 0.89; looked at since)"),
          ("ocrheld40", "OCR without Vietnamese data (unseen48 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.88; looked at since)"),
          ("held49", "unseen plans, forty-ninth batch (clean text, for ocrheld41; ordinary plans;"
                     " scored once unseen: F1 0.96; looked at since)"),
          ("ocrheld41", "OCR without Vietnamese data (unseen49 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.92; looked at since)"),
          ("held50", "unseen plans, fiftieth batch (clean text, for ocrheld42; ordinary plans;"
                     " scored once unseen: F1 0.88; looked at since)"),
          ("ocrheld42", "OCR without Vietnamese data (unseen50 read back by tesseract -l eng; scored once"
                        " unseen: F1 0.86; looked at since)"),
          *(pair for folder, clean, ocr in HELD_OUT for pair in (
              (clean, f"unseen plans, {folder} (clean text, for {ocr}; held out)"),
              (ocr, f"OCR without Vietnamese data, held out ({folder} read back by tesseract -l eng;"
                    " scored once unseen)"))),
          ("all", "all")]
_WORDS = re.compile(r"[^\W\d_]+")
FIELDS = ["phases", "slogans", "key_dates", "deadlines", "quotas"]


def _text(value: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", key(value))


def _day(value: str | None) -> tuple[int, ...] | None:
    """A yearly day by its value: a key may write "01/6" where Loa writes "01/06" (both load the same)."""
    return tuple(int(n) for n in value.split("/")) if value else None


def _same(field: str) -> Callable[[Any, Any], bool]:
    if field == "slogans":
        return lambda a, b: difflib.SequenceMatcher(None, _text(a["text"]),
                                                    _text(b["text"])).ratio() >= 0.85
    if field == "phases":
        return lambda a, b: (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
    if field == "key_dates":
        return lambda a, b: (_day(a.get("day")), a.get("date")) == (_day(b.get("day")), b.get("date"))
    if field == "deadlines":
        return lambda a, b: a["due"] == b["due"]
    return lambda a, b: (a["activity"], a["count"], a["per"]) == (b["activity"], b["count"], b["per"])


def match(field: str, got: list[Any], want: list[Any]) -> int:
    """How many items of `got` pair one to one with an item of `want`."""
    same, free, hits = _same(field), list(want), 0
    for item in got:
        for i, other in enumerate(free):
            if same(item, other):
                hits += 1
                del free[i]
                break
    return hits


def prf(tp: int, n_got: int, n_want: int) -> str:
    p = tp / n_got if n_got else 1.0
    r = tp / n_want if n_want else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f}  R {r:.2f}  F1 {f:.2f}  ({tp}/{n_got} found, {n_want} expected)"


def diacritics(plan: Path, answer: Path, counts: list[int] | None = None) -> list[str]:
    """On a plan that lost its diacritics: of the syllables Loa gave diacritics to, the share
    spelt as in the hand-restored answer (title and slogans, aligned on their bare syllables)."""
    raw, _ = draft_from_text(read_plan(plan), plan.name, diacritics=False)
    if not raw.lost_diacritics:
        return []
    want = tomllib.loads(answer.read_text(encoding="utf-8"))
    pairs = [(raw.title.value if raw.title else "", want["title"])]
    for slogan in raw.slogans:
        best = max(want["slogans"], key=lambda s: difflib.SequenceMatcher(
            None, _text(slogan.text), _text(s["text"])).ratio())
        pairs.append((slogan.text, best["text"]))
    changed = right = left = compared = 0
    for ocr, hand in pairs:
        fixed, _unsure = restore(ocr)
        a, b = _WORDS.findall(fixed), _WORDS.findall(hand)
        o = _WORDS.findall(ocr)
        blocks = difflib.SequenceMatcher(None, [key(w) for w in a], [key(w) for w in b],
                                         autojunk=False).get_matching_blocks()
        for block in blocks:
            for k in range(block.size):
                got, truth, before = a[block.a + k], b[block.b + k], o[block.a + k]
                compared += 1
                if got != before:
                    changed += 1
                    right += got.lower() == truth.lower()
                elif got.lower() != truth.lower():
                    left += 1
    share = right / changed if changed else 0.0
    if counts is not None:
        counts[0], counts[1] = counts[0] + changed, counts[1] + right
    return [f"diacritics on {plan.stem} (title and slogans, {compared} syllables aligned with the "
            f"hand-restored campaign): {changed} given diacritics by Loa, {right} of them as in "
            f"the campaign ({share:.0%}); {left} left as OCR read them and differing (listed in "
            "the draft as «chưa thêm dấu» when they are syllables)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-record", action="store_true", help="print only")
    parser.add_argument("--show-held", action="store_true",
                        help="also list the held-out plans one by one (spoils them as a test)")
    args = parser.parse_args()
    totals: dict[tuple[str, str], list[int]] = {}
    per_plan: dict[str, list[str]] = {}
    lines = ["| plan | field | tp | found | expected |", "|---|---|---|---|---|"]
    for plan, answer, group in CASES:
        got = tomllib.loads(import_plan(plan).toml)
        want = tomllib.loads(answer.read_text(encoding="utf-8"))
        plan_t = [0, 0, 0]
        for field in FIELDS:
            g, w = got.get(field, []), want.get(field, [])
            tp = match(field, g, w)
            plan_t = [plan_t[0] + tp, plan_t[1] + len(g), plan_t[2] + len(w)]
            if group in SPOILED or group in ("seeds", "own") or args.show_held:
                lines.append(f"| {plan.stem} | {field} | {tp} | {len(g)} | {len(w)} |")
            for bucket in (group, "all"):
                for name in (field, "overall"):
                    t = totals.setdefault((bucket, name), [0, 0, 0])
                    t[0], t[1], t[2] = t[0] + tp, t[1] + len(g), t[2] + len(w)
        # the acceptance of #21 is per plan
        if group in OCR_GROUPS or group in ("held8", "held9", "held10", "held11", "held12",
                                            *(c for _, c, _ in HELD_OUT)):
            per_plan.setdefault(group, []).append(f"  - {plan.stem}: {prf(*plan_t)}")
    lines.append("")
    for bucket, title in GROUPS:
        if (bucket, "overall") not in totals:
            continue  # no plans of this group in this checkout
        lines.append(f"{title}:")
        for name in [*FIELDS, "overall"]:
            lines.append(f"- {name:9} {prf(*totals[(bucket, name)])}")
        if bucket in per_plan:
            lines.append("- per plan:")
            lines += per_plan[bucket]
        lines.append("")
    ocr_counts: dict[str, list[int]] = {}
    for plan, answer, group in CASES:
        if group in OCR_GROUPS:  # summed per group: one line per plan would be too many
            diacritics(plan, answer, ocr_counts.setdefault(group, [0, 0]))
        elif group in SPOILED or group in ("seeds", "own") or args.show_held:
            lines += diacritics(plan, answer)
    for group, (changed, right) in ocr_counts.items():
        share = right / changed if changed else 0.0
        lines.append(f"diacritics on the {group} plans (title and slogans): {changed} syllables "
                     f"given diacritics by Loa, {right} of them as in the key ({share:.1%})")
    lines.append("")
    if args.no_record:
        print("\n".join(lines))
    else:
        record(lines, "planimport")


if __name__ == "__main__":
    main()
