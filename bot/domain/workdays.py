"""Working days of Vietnamese government offices: Monday to Friday, less public holidays
(Tết, Hùng Kings, 30/4, 1/5, 2/9 and the rest), plus the Saturdays worked to make up for
substituted days off. The `holidays` package keeps the official list."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def _vietnam() -> holidays.HolidayBase:
    # Vietnamese names: they are shown to users (e.g. "Tết Nguyên Đán").
    return holidays.country_holidays("VN", language="vi")


def is_working_day(day: dt.date) -> bool:
    return bool(_vietnam().is_working_day(day))


def holiday_name(day: dt.date) -> str | None:
    return _vietnam().get(day)


def working_day_on_or_before(day: dt.date) -> dt.date:
    """A deadline on a day off is remembered on the working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def lunar_new_year(year: int) -> dt.date | None:
    """The first day of Tết Nguyên đán in `year` (by Vietnam's own lunar calendar), or None."""
    # English names: stable keys to pick the first day among Tết's five ("Second Day of …")
    days = holidays.country_holidays("VN", years=year, language="en_US")
    # (a day may hold several names, joined by "; ", when two holidays fall on it)
    return next((day for day, name in days.items() if "Lunar New Year" in name.split("; ")), None)
