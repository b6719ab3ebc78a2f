"""A draft as the web console's form holds it: every value a string as the admin typed it (a
wrong date stays what was written), every item with the plan's line it came from.

`to_form` turns the importer's Draft into that form; `from_post` reads the posted fields back
(removed rows dropped, empty rows ignored); `check` reads the form into a Draft, writes it with
`render` and checks that file, so the file an admin downloads is exactly the one checked.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.core.normalize import clean_line, clean_text, parse_int
from bot.domain.planimport.draft import (
    DeadlineD,
    Draft,
    Found,
    KeyDateD,
    PhaseD,
    QuotaD,
    SloganD,
    ThemeD,
    render,
)
from bot.domain.planimport.text import PlanText, say

FIELDS = ("plan_number", "issuer", "issued_on", "title", "start", "end")
DATES = {"issued_on", "start", "end"}
PHASE = ("name", "start", "end")
THEME = ("title", "text")
ITEMS = {"slogans": ("text",), "key_dates": ("name", "day", "date", "peak_before", "peak_after"),
         "deadlines": ("what", "due", "units"), "quotas": ("activity", "count", "per")}
# Shown with an item, never typed: sent back as hidden fields.
KEPT = {"phases": ("note",), "themes": ("note",), "slogans": ("note",), "deadlines": ("who",)}
MAX_ROWS = 1000
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})")
_INT = re.compile(r"-?[0-9]{1,9}")


# -- Draft → form --------------------------------------------------------------------------------

def _str(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_form(draft: Draft) -> dict[str, Any]:
    """The importer's draft as the form shows it (JSON: what the database keeps)."""
    form: dict[str, Any] = {"source_name": draft.source_name, "unread": list(draft.unread),
                            "lost_diacritics": draft.lost_diacritics}
    for name in FIELDS:
        found: Found | None = getattr(draft, name)
        form[name] = {"value": _str(found.value) if found else "",
                      "line": found.line if found else None, "note": found.note if found else ""}
    seen: dict[str, list[list[Any]]] = {}
    for kind, line, word in draft.activities:
        seen.setdefault(kind, []).append([line, word])
    form["activities"] = [{"kind": kind, "seen": where} for kind, where in seen.items()]
    form["phases"] = [
        {"name": p.name, "start": _str(p.start), "end": _str(p.end), "line": p.line, "note": p.note,
         "themes": [{"title": t.title, "text": t.text or "", "line": t.line, "note": t.note}
                    for t in p.themes]} for p in draft.phases]
    form["slogans"] = [{"text": s.text, "line": s.line, "note": s.note} for s in draft.slogans]
    form["key_dates"] = [{"name": k.name, "day": k.day or "", "date": _str(k.date),
                          "peak_before": _str(k.peak_before or None),
                          "peak_after": _str(k.peak_after or None), "line": k.line}
                         for k in draft.key_dates]
    form["deadlines"] = [{"what": d.what, "due": _str(d.due), "units": ", ".join(d.units),
                          "who": d.who, "line": d.line} for d in draft.deadlines]
    form["quotas"] = [{"activity": q.activity, "count": _str(q.count), "per": q.per, "line": q.line}
                      for q in draft.quotas]
    return form


# -- posted fields → form ------------------------------------------------------------------------

def from_post(posted: Iterable[tuple[str, str]], before: dict[str, Any], lines: int
              ) -> dict[str, Any]:
    """The form as posted: fields named like "phases.0.themes.1.title", each row with its
    "….line" and a "….remove" box. What was typed is kept as typed (cleaned of invisible
    characters); what the importer found and nobody types (notes, where a kind was seen) is
    kept from `before`; `lines`: how many lines the plan has (a line beyond is no source)."""
    items = list(posted)
    got = {key: clean_text(value) for key, value in items}
    form: dict[str, Any] = {key: before.get(key) for key in ("source_name", "unread",
                                                               "lost_diacritics")}
    for name in FIELDS:
        old = before.get(name) or {}
        form[name] = {"value": got.get(name, ""), "line": old.get("line"), "note": old.get("note", "")}
    seen = {a["kind"]: a["seen"] for a in before.get("activities", [])}
    chosen = list(dict.fromkeys(clean_text(v) for key, v in items if key == "activities"))
    kinds = [kind for kind in seen if kind in chosen] + [k for k in chosen if k not in seen]
    form["activities"] = [{"kind": kind, "seen": seen.get(kind, [])} for kind in kinds]
    form["phases"] = []
    for i in _indices(got, "phases"):
        phase = _row(got, f"phases.{i}", PHASE, lines, KEPT["phases"])
        if phase is None:
            continue
        themes = [_row(got, f"phases.{i}.themes.{j}", THEME, lines, KEPT["themes"])
                  for j in _indices(got, f"phases.{i}.themes")]
        phase["themes"] = [t for t in themes if t is not None and not _blank(t, THEME)]
        if phase["themes"] or not _blank(phase, PHASE):
            form["phases"].append(phase)
    for name, keys in ITEMS.items():
        rows = [_row(got, f"{name}.{i}", keys, lines, KEPT.get(name, ()))
                for i in _indices(got, name)]
        form[name] = [row for row in rows if row is not None and not _blank(row, keys)]
    return form


def _indices(got: dict[str, str], prefix: str) -> list[int]:
    row = re.compile(rf"{re.escape(prefix)}\.([0-9]{{1,4}})\.[a-z_]+")
    found = {int(m.group(1)) for key in got if (m := row.fullmatch(key))}
    return sorted(i for i in found if i < MAX_ROWS)


def _row(got: dict[str, str], base: str, keys: tuple[str, ...], lines: int,
         kept: tuple[str, ...]) -> dict[str, Any] | None:
    if got.get(f"{base}.remove"):
        return None
    row: dict[str, Any] = {key: got.get(f"{base}.{key}", "") for key in keys}
    row["line"] = parse_int(got.get(f"{base}.line"), 1, lines)
    for key in kept:  # one line: it is written as a comment in the campaign file
        row[key] = clean_line(got.get(f"{base}.{key}", ""))[:500]
    return row


def _blank(row: dict[str, Any], keys: tuple[str, ...]) -> bool:
    return all(not str(row.get(key, "")).strip() for key in keys)


# -- form → Draft → campaign file ----------------------------------------------------------------

@dataclass(frozen=True)
class Typo:
    """A value the form cannot read as its kind: `kind` is "not_a_date" or "no_such_date"."""

    loc: str
    kind: str
    value: str


def read_day(text: str) -> dt.date | str:
    """A date typed as the date picker sends it (2026-02-27) or as people write it (27/02/2026,
    27-2-2026, 27.02.2026); else what is wrong with it, as a Typo kind."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        return "not_a_date"
    try:
        return dt.date(year, month, day)
    except ValueError:
        return "no_such_date"


def to_draft(form: dict[str, Any]) -> tuple[Draft, list[Typo]]:
    """The form as a Draft for `render`; values it cannot read stay as typed (the check then
    names the field), each listed as a Typo."""
    typos: list[Typo] = []

    def day(loc: str, value: str) -> dt.date | str | None:
        if not value.strip():
            return None
        got = read_day(value)
        if isinstance(got, dt.date):
            return got
        typos.append(Typo(loc, got, value))
        return value.strip()

    draft = Draft(form.get("source_name") or "", unread=list(form.get("unread") or []),
                  lost_diacritics=bool(form.get("lost_diacritics")))
    for name in FIELDS:
        field = form.get(name) or {}
        value = (day(name, field.get("value", "")) if name in DATES
                 else field.get("value", "").strip() or None)
        if value:
            setattr(draft, name, Found(value, field.get("line"), field.get("note", "")))
    for activity in form.get("activities", []):
        for line, word in activity["seen"] or [[None, ""]]:
            draft.activities.append((activity["kind"], line, word))
    for i, p in enumerate(form.get("phases", [])):
        themes = [ThemeD(t["title"].strip(), t["text"].strip() or None, t.get("line"),
                         t.get("note", "")) for t in p["themes"]]
        draft.phases.append(PhaseD(p["name"].strip(), day(f"phases.{i}.start", p["start"]),
                                   day(f"phases.{i}.end", p["end"]), themes, p.get("line"),
                                   p.get("note", "")))
    draft.slogans = [SloganD(s["text"].strip(), s.get("line"), s.get("note", ""))
                     for s in form.get("slogans", [])]
    for i, k in enumerate(form.get("key_dates", [])):
        draft.key_dates.append(KeyDateD(
            k["name"].strip(), k.get("line"), day=k["day"].strip() or None,
            date=day(f"key_dates.{i}.date", k["date"]),
            peak_before=_number(k["peak_before"]) or 0, peak_after=_number(k["peak_after"]) or 0))
    for i, d in enumerate(form.get("deadlines", [])):
        units = [u for u in re.split(r"[\s,;]+", d["units"]) if u] or ["all"]
        draft.deadlines.append(DeadlineD(d["what"].strip(), day(f"deadlines.{i}.due", d["due"]),
                                         d.get("who", ""), d.get("line"), units))
    draft.quotas = [QuotaD(q["activity"].strip(), _number(q["count"]), q["per"].strip(), q.get("line"))
                    for q in form.get("quotas", [])]
    return draft, typos


def _number(text: str) -> Any:
    """A whole number, or the text as typed (the check says it must be a number); None: empty."""
    text = text.strip()
    return int(text) if _INT.fullmatch(text) else (text or None)


# -- the check ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One problem of the draft: `loc` the form field or item it is about ("phases.0.start";
    "" for the whole campaign), `where` how the campaign check names that place, and either
    the check's own words (`text`) or a Typo's kind with the value typed."""

    loc: str
    where: str
    text: str = ""
    typo: str = ""
    value: str = ""


@dataclass(frozen=True)
class Checked:
    toml: str  # the campaign file of the form, with its source comments
    campaign: Any  # the CampaignFile when there is no problem, else None
    problems: list[Problem]


def check(form: dict[str, Any], plan: PlanText) -> Checked:
    """The form written as a campaign file and run through the campaign check."""
    from bot.domain.campaigns import CampaignError, check_data, place

    draft, typos = to_draft(form)
    toml = render(draft, plan)
    raw = tomllib.loads(toml)
    problems = [Problem(t.loc, place(t.loc.split("."), raw), typo=t.kind, value=t.value)
                for t in typos]
    try:
        name = say("planimport.read.draft_name")
        campaign = check_data(raw, name)
    except CampaignError as exc:
        campaign = None
        places = sorted(((place(loc.split("."), raw), loc) for loc in _locs(form)),
                        key=lambda p: -len(p[0]))
        for text in exc.problems:
            text = text.removeprefix(f"{name}: ")
            where, loc = next(((w, loc) for w, loc in places if text.startswith(f"{w}: ")),
                              ("", ""))
            if loc and loc in {t.loc for t in typos}:
                continue  # said better by the typo: what was typed is no date
            problems.append(Problem(loc, where, text.removeprefix(f"{where}: ") if where else text))
    return Checked(toml, None if problems else campaign, problems)


def _locs(form: dict[str, Any]) -> list[str]:
    """Every field and item of the form, named as the campaign check names places."""
    locs = list(FIELDS)
    for i, phase in enumerate(form.get("phases", [])):
        locs += [f"phases.{i}", f"phases.{i}.themes"] + [f"phases.{i}.{k}" for k in PHASE]
        for j in range(len(phase["themes"])):
            locs += [f"phases.{i}.themes.{j}"] + [f"phases.{i}.themes.{j}.{k}" for k in THEME]
    for name, keys in ITEMS.items():
        for i in range(len(form.get(name, []))):
            locs += [f"{name}.{i}"] + [f"{name}.{i}.{k}" for k in keys]
    return locs
