"""Reminders and escalations driven from the database (issue 4).

Each document in an active stage carries `next_reminder_at` (indexed). The schedule of a stage is
counted in the instansi's working days from its deadline: a reminder REMINDER_WORKING_DAYS_BEFORE
working days before and on the deadline day, then one escalation per working day once overdue, at
most ESCALATION_MAX_COUNT. A sweep selects only the due documents and claims each one by moving
its `next_reminder_at` forward with a conditional UPDATE, so overlapping sweeps never send twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from submissions.models import Instansi, Submission

# An explicit re-export (the strict checks forbid implicit ones): tests patch the name here, where it is used.
from workflow.announcements import announce_deadline as announce_deadline
from workflow.calendar import WorkingCalendar, add_working_days, load_calendar
from workflow.machine import ACTIVE_STATES

logger = logging.getLogger(__name__)

REMINDER = "reminder"
ESCALATION = "escalation"
# Reminders arrive at the start of the instansi's working day, not at midnight.
REMINDER_TIME = datetime.time(8, 0)
# Calendar days loaded around the deadline in one query; enough for the schedule in all but
# pathological calendars (which fall back to add_working_days).
CALENDAR_MARGIN = datetime.timedelta(days=31)


@dataclass(frozen=True)
class Point:
    at: datetime.datetime
    kind: str


def escalation_max() -> int:
    return int(settings.ESCALATION_MAX_COUNT)


def schedule(submission: Submission) -> list[Point]:
    """Every reminder and escalation moment of the document's current stage, in order."""
    return schedule_for(submission.position.opd.instansi, submission.state, submission.due_at)


def schedule_for(instansi: Instansi, state: str, due_at: datetime.datetime | None) -> list[Point]:
    """The reminder and escalation moments of a stage due at `due_at` in this instansi."""
    if state not in ACTIVE_STATES or due_at is None:
        return []
    zone = ZoneInfo(instansi.time_zone)
    due_day = due_at.astimezone(zone).date()
    calendar = load_calendar(due_day - CALENDAR_MARGIN, due_day + CALENDAR_MARGIN, instansi.pk)
    days_before = sorted({int(n) for n in settings.REMINDER_WORKING_DAYS_BEFORE}, reverse=True)
    points = [Point(_at(_shift(calendar, due_day, -n, instansi.pk), zone), REMINDER) for n in days_before]
    points += [
        Point(_at(_shift(calendar, due_day, k, instansi.pk), zone), ESCALATION)
        for k in range(1, escalation_max() + 1)
    ]
    return sorted(points, key=lambda point: point.at)


def first_reminder_at(submission: Submission) -> datetime.datetime | None:
    """When the first reminder of the stage the document just entered is due (None: no reminder)."""
    return next_point_after(submission, submission.stage_entered_at or timezone.now())


def next_point_after(submission: Submission, moment: datetime.datetime) -> datetime.datetime | None:
    # Moments missed while no sweep ran collapse into the one being sent now.
    return next((point.at for point in schedule(submission) if point.at > moment), None)


def next_point_for(
    instansi: Instansi, state: str, due_at: datetime.datetime | None, moment: datetime.datetime
) -> datetime.datetime | None:
    """The first moment of that schedule after `moment` (what `next_reminder_at` should hold)."""
    return next((point.at for point in schedule_for(instansi, state, due_at) if point.at > moment), None)


def _at(day: datetime.date, zone: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, REMINDER_TIME, tzinfo=zone).astimezone(datetime.UTC)


def _shift(calendar: WorkingCalendar, day: datetime.date, n: int, instansi_id: int) -> datetime.date:
    """The n-th working day after (before, n < 0) `day`; n = 0 is the day itself."""
    if n == 0:
        return day
    step = datetime.timedelta(days=1 if n > 0 else -1)
    cursor, left = day, abs(n)
    try:
        while left:
            cursor += step
            left -= calendar.is_working_day(cursor)
    except ValueError:  # beyond the loaded window: ask the calendar module directly
        return add_working_days(day, n, instansi_id)
    return cursor


def working_days_between(submission: Submission, start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = load_calendar(start, end, submission.position.opd.instansi_id)
    days = (start + datetime.timedelta(days=offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if calendar.is_working_day(day))


### The sweep


def send_due_reminders(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """One sweep: handle every document whose reminder is due; returns how many were announced.

    The query reads only the partial index on `next_reminder_at`, so its cost grows with the due
    documents, not with all documents.
    """
    now = now or timezone.now()
    due = list(
        Submission.objects.filter(next_reminder_at__lte=now)
        .order_by("next_reminder_at", "pk")
        .values_list("pk", "next_reminder_at")[:limit]
    )
    return sum(1 for pk, scheduled_at in due if _remind_isolated(pk, scheduled_at, now))


def _remind_isolated(submission_id: int, scheduled_at: datetime.datetime, now: datetime.datetime) -> bool:
    # One broken document must not hold up the reminders of every other unit; its claim rolled
    # back with the error, so the next sweep tries it again.
    try:
        return remind_one(submission_id, scheduled_at, now)
    except Exception:
        logger.exception("Pengingat dokumen %s gagal; dicoba lagi pada sapuan berikutnya.", submission_id)
        return False


def remind_one(submission_id: int, scheduled_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Claim one due document and write its reminder or escalation; False if another sweep won."""
    with transaction.atomic():
        submission = Submission.objects.select_related("position__opd__instansi").get(pk=submission_id)
        points = schedule(submission)
        current = _current_point(submission, points, now)
        counter = (
            {ESCALATION: "escalations_sent", REMINDER: "reminders_sent"}[current.kind] if current else ""
        )
        changes = {counter: F(counter) + 1} if counter else {}
        # The claim: only the sweep that still sees the moment it selected moves it forward.
        claimed = Submission.objects.filter(
            pk=submission_id, next_reminder_at=scheduled_at, state=submission.state
        ).update(next_reminder_at=next((p.at for p in points if p.at > now), None), **changes)
        if claimed != 1 or current is None:
            return False
        _announce(submission, current, now)
    return True


def _current_point(submission: Submission, points: list[Point], now: datetime.datetime) -> Point | None:
    """The latest moment already due: after a gap, an overdue document escalates, it is not reminded."""
    due = [point for point in points if point.at <= now]
    if not due:
        return None
    if due[-1].kind == ESCALATION and submission.escalations_sent >= escalation_max():
        return None
    return due[-1]


def _announce(submission: Submission, point: Point, now: datetime.datetime) -> None:
    assert submission.due_at is not None
    zone = ZoneInfo(submission.position.opd.instansi.time_zone)
    today, due_day = now.astimezone(zone).date(), submission.due_at.astimezone(zone).date()
    entered = int(submission.stage_entered_at.timestamp()) if submission.stage_entered_at else 0
    announce_deadline(
        submission=submission,
        kind=point.kind,
        event_key=f"{point.kind}:{submission.pk}:{entered}:{point.at:%Y%m%dT%H%M}",
        context={
            "due_today": today == due_day,
            "working_days_left": working_days_between(submission, today, due_day),
            "escalation_number": submission.escalations_sent + 1,
            "escalation_max": escalation_max(),
        },
    )
