"""The draft an import produces, and how it is written as a campaign file with its sources.

Every item is written under a comment quoting the plan's line it came from; what could not be
read heads the file, so the admin checks and fills in rather than retypes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from bot.domain.planimport.text import PlanText, say


@dataclass
class Found:
    """A value read from the plan, and the plan's line it came from (None: worked out)."""

    value: Any
    line: int | None = None
    note: str = ""
    # how a worked-out value was guessed ("issue", "title_year"): rules ask this, not the wording
    guess: str | None = None


@dataclass
class ThemeD:
    title: str
    text: str | None = None
    line: int | None = None
    note: str = ""


@dataclass
class PhaseD:
    name: str
    start: dt.date | None
    end: dt.date | None
    themes: list[ThemeD]
    line: int | None = None
    note: str = ""
    own: int = 0  # how many leading characters of `name` Loa wrote (kept as they are)


@dataclass
class SloganD:
    text: str
    line: int | None  # None: added by hand on the web console
    note: str = ""


@dataclass
class KeyDateD:
    name: str
    line: int | None
    day: str | None = None  # "dd/mm", every year
    date: dt.date | None = None  # once
    peak_before: int = 0
    peak_after: int = 0


@dataclass
class DeadlineD:
    what: str
    due: dt.date | None
    who: str
    line: int | None
    units: list[str] = field(default_factory=lambda: ["all"])


@dataclass
class QuotaD:
    activity: str
    count: int | None
    per: str
    line: int | None


@dataclass
class Draft:
    source_name: str
    plan_number: Found | None = None
    issuer: Found | None = None
    issued_on: Found | None = None
    title: Found | None = None
    start: Found | None = None
    end: Found | None = None
    phases: list[PhaseD] = field(default_factory=list)
    slogans: list[SloganD] = field(default_factory=list)
    key_dates: list[KeyDateD] = field(default_factory=list)
    deadlines: list[DeadlineD] = field(default_factory=list)
    quotas: list[QuotaD] = field(default_factory=list)
    activities: list[tuple[str, int | None, str]] = field(default_factory=list)  # (kind, line, word)
    unread: list[str] = field(default_factory=list)  # what could not be read, in Vietnamese
    lost_diacritics: bool = False
    office: str = ""  # the office in the plan number: "KH-SYT"


def _one_line(text: str) -> str:
    # A comment ends at the line's end: a note with a line break would write TOML after it.
    return text.replace("\r", " ").replace("\n", " ")


def _s(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), with Vietnamese kept as is.
    return json.dumps(value, ensure_ascii=False)


class _Writer:
    def __init__(self, plan: PlanText) -> None:
        self.plan, self.out = plan, []

    def source(self, line: int | None, note: str = "") -> None:
        if line:
            self.out.append(f"# {say('planimport.draft.source', line=line, quote=self.plan.quote(line))}")
        if note:
            self.out.append(f"# {_one_line(note)}")

    def table(self, header: str, line: int | None, note: str = "") -> None:
        """A new item: a blank line, where it came from, then its `[[header]]`."""
        self.out.append("")
        self.source(line, note)
        self.out.append(f"[[{header}]]")

    def value(self, name: str, value: Any) -> None:
        if value is None:  # an edited draft may lack it: the check says so
            return
        if isinstance(value, str):
            self.out.append(f"{name} = {_s(value)}")
        elif isinstance(value, dt.date):
            self.out.append(f"{name} = {value.isoformat()}")
        elif isinstance(value, list):
            self.out.append(f"{name} = [{', '.join(_s(v) for v in value)}]")
        else:
            self.out.append(f"{name} = {value}")


def render(draft: Draft, plan: PlanText) -> str:
    """The draft as a campaign file: TOML with a comment above each item naming its line."""
    w = _Writer(plan)
    out = w.out
    head = say("planimport.draft.head", name=_one_line(draft.source_name))
    out += [f"# {line}" for line in head.split("\n")] + ["#"]
    if draft.lost_diacritics:
        out.append(f"# {say('planimport.draft.lost_diacritics')}")
    if draft.unread:
        out.append(f"# {say('planimport.draft.unread')}")
        out += [f"#   - {item}" for item in draft.unread]
    else:
        out.append(f"# {say('planimport.draft.all_read')}")
    out.append("")
    for name in ("plan_number", "issuer", "issued_on", "title", "start", "end"):
        found: Found | None = getattr(draft, name)
        if found is None:
            out.append(f"# {say('planimport.draft.to_fill', name=name)}")
            continue
        w.source(found.line, found.note)
        w.value(name, found.value)
    kinds = []
    for kind, _line, _word in draft.activities:
        if kind not in kinds:
            kinds.append(kind)
    if kinds:
        for kind in kinds:
            where = [say("planimport.draft.activity_at", word=word, line=line)
                     for k, line, word in draft.activities if k == kind and line]
            if where:
                out.append(f"# {kind}: {', '.join(where[:3])}")
        w.value("activities", kinds)
    for phase in draft.phases:
        w.table("phases", phase.line, phase.note)
        w.value("name", phase.name)
        if phase.start:
            w.value("start", phase.start)
        else:
            out.append(f"# {say('planimport.draft.phase_start')}")
        if phase.end:
            w.value("end", phase.end)
        for theme in phase.themes:
            w.table("phases.themes", theme.line, theme.note)
            w.value("title", theme.title)
            if theme.text:
                w.value("text", theme.text)
    for slogan in draft.slogans:
        w.table("slogans", slogan.line, slogan.note)
        w.value("text", slogan.text)
        w.value("state", "proposed")
        if slogan.line:
            w.value("source", say("planimport.draft.slogan_source", line=slogan.line))
    for kd in draft.key_dates:
        w.table("key_dates", kd.line)
        w.value("name", kd.name)
        w.value("day", kd.day)  # the importer sets one of the two; an admin may type both
        w.value("date", kd.date)
        if kd.peak_before:
            w.value("peak_before", kd.peak_before)
        if kd.peak_after:
            w.value("peak_after", kd.peak_after)
    for dl in draft.deadlines:
        who = say("planimport.draft.deadline_who", who=dl.who) if dl.who else ""
        w.table("deadlines", dl.line, say("planimport.draft.deadline_units", who=who))
        w.value("what", dl.what)
        w.value("due", dl.due)
        w.value("units", dl.units)
    for quota in draft.quotas:
        w.table("quotas", quota.line)
        w.value("activity", quota.activity)
        w.value("count", quota.count)
        w.value("per", quota.per)
    return "\n".join(out) + "\n"
