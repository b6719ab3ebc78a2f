"""From an official plan (Word, PDF, text, scan) to a campaign draft to check and load.

`read_plan` (files.py) turns a file into text; `draft_from_text` reads the plan's identity,
calendar and content with rules for the genre (health communication plans of a Sở Y tế, TTYT,
CDC), matching keywords with and without diacritics; `render` (draft.py) writes the campaign
file with each item's source line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.core.textfit import shorten
from bot.domain.planimport.accents import restore
from bot.domain.planimport.content import activities, forget_texts, quotas, slogans, themes
from bot.domain.planimport.draft import Draft, ThemeD, render
from bot.domain.planimport.files import PlanUnreadable, read_plan
from bot.domain.planimport.header import plan_year, read_header
from bot.domain.planimport.ocrfix import mangled, repair
from bot.domain.planimport.schedule import read_schedule
from bot.domain.planimport.text import PlanText, diacritic_share, is_word, say, split

__all__ = ["Draft", "Imported", "PlanText", "PlanUnreadable", "draft_from_text", "import_plan",
           "read_plan", "render"]


@dataclass
class Imported:
    """A plan read into a draft: the campaign file's text, and what `campaign check` says of it."""

    toml: str
    draft: Draft
    problems: list[str]  # empty: the draft passes `loa campaign check` as it is


def import_plan(path: Path) -> Imported:
    """Read the plan in `path` (PlanUnreadable when Loa cannot) into a checked draft."""
    from bot.domain.campaigns import CampaignError, check_data

    draft, plan = draft_from_text(read_plan(path), path.name)
    toml = render(draft, plan)
    try:
        check_data(tomllib.loads(toml), say("planimport.read.draft_name"))
        problems: list[str] = []
    except CampaignError as exc:
        problems = exc.problems
    return Imported(toml, draft, problems)


def draft_from_text(text: str, source_name: str, diacritics: bool = True
                    ) -> tuple[Draft, PlanText]:
    """The campaign draft a plan's text gives, and the plan as numbered lines (`diacritics`:
    put back those a plan without them lost, where Loa is sure)."""
    lost = diacritic_share(text) < 0.08 or mangled(text)
    # What an OCR without Vietnamese data misread, mended to bare syllables (#21); an item's
    # comment still quotes the line as the file has it.
    plan = split(repair(text) if lost else text, is_word(source_name))
    if lost:
        plan.as_read = split(text, is_word(source_name)).lines
    draft = Draft(source_name)
    draft.lost_diacritics = lost
    with _safely(draft):
        read_header(plan, draft)
        found = themes(plan)
        if not found and draft.title:
            found = [ThemeD(shorten(draft.title.value, 300), None, draft.title.line)]
            draft.unread.append(say("planimport.read.theme_from_title"))
        read_schedule(plan, draft, plan_year(plan, draft), found)
    try:
        for part in (slogans, quotas, activities):
            with _safely(draft):
                part(plan, draft)
    finally:
        forget_texts()
    if draft.lost_diacritics and diacritics:
        _put_back_diacritics(draft)
    return draft, plan


@contextmanager
def _safely(draft: Draft) -> Iterator[None]:
    """A rule that meets a date past the calendar ("tháng 4/0000", 31/12/9999 + 7 days) stops its
    part of the reading with a note in the draft, never a traceback; the other parts go on."""
    try:
        yield
    except (ValueError, OverflowError):
        if say("planimport.read.part_unread") not in draft.unread:
            draft.unread.append(say("planimport.read.part_unread"))


def _put_back_diacritics(draft: Draft) -> None:
    """Texts copied from a plan without diacritics get those Loa is sure of; the rest is listed."""
    def fix(text: str) -> tuple[str, str]:
        fixed, unsure = restore(text)
        return fixed, (say("planimport.read.no_diacritics_added", words=", ".join(unsure[:12]))
                       if unsure else "")

    if draft.title:
        draft.title.value, draft.title.note = fix(draft.title.value)
    themes = {id(t): t for p in draft.phases for t in p.themes}.values()
    for theme in themes:
        theme.title, theme.note = fix(theme.title)
        if theme.text:
            theme.text, more = fix(theme.text)
            theme.note = theme.note or more
    for phase in draft.phases:
        said, note = fix(phase.name[phase.own:]) if phase.name[phase.own:] else ("", "")
        phase.name = phase.name[:phase.own] + said  # Loa's own words ("Cả kế hoạch") as written
        phase.note = "; ".join(n for n in (phase.note, note) if n)
    for slogan in draft.slogans:
        slogan.text, slogan.note = fix(slogan.text)
    for day in draft.key_dates:  # "Ngày Toàn dân hiến máu", not as OCR read it
        day.name = fix(day.name)[0]
    for deadline in draft.deadlines:
        deadline.who = fix(deadline.who)[0]
