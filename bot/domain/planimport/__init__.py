"""From an official plan (Word, PDF, text, scan) to a campaign draft to check and load.

`read_plan` (files.py) turns a file into text; `draft_from_text` reads the plan's identity,
calendar and content with rules for the genre (health communication plans of a Sở Y tế, TTYT,
CDC), matching keywords with and without diacritics; `render` (draft.py) writes the campaign
file with each item's source line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.domain.planimport.content import activities, quotas, slogans, themes
from bot.domain.planimport.draft import Draft, ThemeD, render
from bot.domain.planimport.files import PlanUnreadable, read_plan
from bot.domain.planimport.header import plan_year, read_header
from bot.domain.planimport.schedule import read_schedule
from bot.domain.planimport.text import PlanText, diacritic_share, split

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
        check_data(tomllib.loads(toml), "bản nháp")
        problems: list[str] = []
    except CampaignError as exc:
        problems = exc.problems
    return Imported(toml, draft, problems)


def draft_from_text(text: str, source_name: str) -> tuple[Draft, PlanText]:
    """The campaign draft a plan's text gives, and the plan as numbered lines."""
    plan = split(text)
    draft = Draft(source_name)
    draft.lost_diacritics = diacritic_share(text) < 0.08
    read_header(plan, draft)
    found = themes(plan)
    if not found and draft.title:
        found = [ThemeD(draft.title.value[:300], None, draft.title.line)]
        draft.unread.append("Chủ đề: kế hoạch không có mục nội dung đánh số — đã lấy tên kế hoạch")
    read_schedule(plan, draft, plan_year(plan, draft), found)
    slogans(plan, draft)
    quotas(plan, draft)
    activities(plan, draft)
    return draft, plan
