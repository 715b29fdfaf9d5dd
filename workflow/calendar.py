"""Indonesian working days: Monday to Friday, minus national holidays and cuti bersama.

The statutory days come from the `holidays` package (category `public` for national holidays,
`government` for cuti bersama). Administrators correct them with `CalendarDay` rows: a national
row (no instansi) applies everywhere, an instansi's own row wins over the national one for that
instansi. A correction can make any date a holiday or a working day (a late decree, a regional
holiday, a Saturday declared a working day).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import holidays
from django.db.models import Q

from config.memo import Memo
from workflow.models import CalendarDay

# Calendar days loaded beyond the n * 7/5 a count needs, for holidays; a longer stretch of
# holidays only costs another query for the next window.
_EXTRA_WINDOW_DAYS = 21


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """National holidays and cuti bersama of one year, with their Indonesian names."""
    days = holidays.country_holidays("ID", categories=("public", "government"), years=year, language="id")
    return dict(days.items())


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days of one instansi (or the nation) over a range of dates."""

    start: datetime.date
    end: datetime.date
    overrides: dict[datetime.date, bool]

    def is_working_day(self, day: datetime.date) -> bool:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the loaded range {self.start}..{self.end}")
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and day not in statutory_holidays(day.year)


# An instansi's corrections with the national ones (a few dozen a year): every transition counts
# working days with them, an administrator changes them rarely (workflow/receivers.py bumps the
# memo on every save and delete).
CORRECTIONS: Memo[int | None, dict[datetime.date, bool]] = Memo("calendar_corrections")


def load_calendar(
    start: datetime.date, end: datetime.date, instansi_id: int | None = None
) -> WorkingCalendar:
    """The calendar from `start` to `end` inclusive (its corrections read once per process)."""
    corrections = CORRECTIONS.get(instansi_id, lambda: _corrections(instansi_id))
    overrides = {day: working for day, working in corrections.items() if start <= day <= end}
    return WorkingCalendar(start=start, end=end, overrides=overrides)


def _corrections(instansi_id: int | None) -> dict[datetime.date, bool]:
    scope = Q(instansi__isnull=True)
    if instansi_id is not None:
        scope |= Q(instansi_id=instansi_id)
    rows = CalendarDay.objects.filter(scope).values_list("date", "instansi_id", "is_working_day")
    # National rows first, so that the instansi's own row overwrites them.
    overrides: dict[datetime.date, bool] = {}
    for day, _owner, working in sorted(rows, key=lambda row: row[1] is not None):
        overrides[day] = working
    return overrides


def is_working_day(day: datetime.date, instansi_id: int | None = None) -> bool:
    return load_calendar(day, day, instansi_id).is_working_day(day)


def add_working_days(start: datetime.date, n: int, instansi_id: int | None = None) -> datetime.date:
    """The n-th working day after `start` (before it when n is negative).

    Days are counted strictly after `start`: with n=1 a Friday gives the next Monday, and a start
    that is not a working day (a Saturday, a holiday) counts from the next working day, so a
    Saturday with n=1 also gives the Monday. With n=0 the result is `start` itself when it is a
    working day, otherwise the next working day. A negative n counts backwards the same way
    (n=-2 from a Wednesday is the Monday before), which is how reminders find "two working days
    before the deadline".
    """
    if n == 0:
        return next(_working_days(start - datetime.timedelta(days=1), 1, _EXTRA_WINDOW_DAYS, instansi_id))
    step = 1 if n > 0 else -1
    # Five working days a week; the extra days absorb holidays, so one query is usually enough.
    window = abs(n) * 7 // 5 + _EXTRA_WINDOW_DAYS
    for count, day in enumerate(_working_days(start, step, window, instansi_id), start=1):
        if count == abs(n):
            return day
    raise AssertionError("unreachable: the working days never run out")


def _working_days(
    after: datetime.date, step: int, window: int, instansi_id: int | None
) -> Iterator[datetime.date]:
    """The working days strictly after (step=1) or before (step=-1) a date, one window at a time."""
    cursor = after
    while True:
        window_end = cursor + datetime.timedelta(days=step * window)
        first, last = sorted((cursor + datetime.timedelta(days=step), window_end))
        calendar = load_calendar(first, last, instansi_id)
        for offset in range(1, window + 1):
            day = cursor + datetime.timedelta(days=step * offset)
            if calendar.is_working_day(day):
                yield day
        cursor = window_end


@dataclass
class WorkingDayCounter:
    """Working days between dates for many documents, from one read of the corrections.

    Lists show "n hari kerja lagi" on every row: the counter loads the corrections of every
    instansi in a window once, so a page of 100 rows costs one query, not 100.
    """

    start: datetime.date
    end: datetime.date
    national: dict[datetime.date, bool] = field(default_factory=dict)
    own: dict[int, dict[datetime.date, bool]] = field(default_factory=dict)

    @classmethod
    def around(cls, today: datetime.date, days: int = 400) -> WorkingDayCounter:
        return cls.spanning(today - datetime.timedelta(days=days), today + datetime.timedelta(days=days))

    @classmethod
    def spanning(cls, start: datetime.date, end: datetime.date) -> WorkingDayCounter:
        """A counter for the dates from `start` to `end`, with their corrections read in one query."""
        counter = cls(start=start, end=end)
        rows = CalendarDay.objects.filter(date__range=(start, end)).values_list(
            "date", "instansi_id", "is_working_day"
        )
        for day, owner, working in rows:
            if owner is None:
                counter.national[day] = working
            else:
                counter.own.setdefault(owner, {})[day] = working
        return counter

    def is_working_day(self, day: datetime.date, instansi_id: int | None) -> bool:
        own = self.own.get(instansi_id or 0, {})
        if day in own:
            return own[day]
        if day in self.national:
            return self.national[day]
        return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def between(self, first: datetime.date, last: datetime.date, instansi_id: int | None = None) -> int:
        """Working days after `first` up to and including `last` (negative when `last` is earlier)."""
        if last < first:
            return -self.between(last, first, instansi_id)
        first, last = max(first, self.start), min(last, self.end)
        days = (first + datetime.timedelta(days=offset + 1) for offset in range((last - first).days))
        return sum(1 for day in days if self.is_working_day(day, instansi_id))
