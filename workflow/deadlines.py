"""Deadlines of a stage, in working days, ending at the close of the instansi's local day.

A stage's budget is the instansi's `StageBudget` or the default in
`settings.WORKFLOW_DEFAULT_STAGE_BUDGETS`. The deadline is the end (23:59:59 local time) of the
budget-th working day after the day the document entered the stage, in the instansi's own time
zone (WIB, WITA or WIT): the same instant is a different "today" in Jakarta and in Jayapura.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings

from config.memo import Memo
from workflow import reminders
from workflow.calendar import add_working_days, load_calendar
from workflow.machine import ACTIVE_STATES, State
from workflow.models import DraftingRound, StageBudget

if TYPE_CHECKING:
    from submissions.models import Instansi, Submission

END_OF_WORKING_DAY = datetime.time(23, 59, 59)


class HasDeadline(Protocol):
    """What `is_overdue` reads: a document, or the status check's row of it."""

    @property
    def state(self) -> str: ...

    @property
    def due_at(self) -> datetime.datetime | None: ...


# Every transition reads its instansi's budgets; an administrator changes them a few times a year
# (workflow/receivers.py bumps the memo on every save and delete).
STAGE_BUDGETS: Memo[int, dict[str, int]] = Memo("stage_budgets")


def stage_budget(instansi: Instansi, state: str) -> int:
    """Working days the stage may take in this instansi."""
    if state not in ACTIVE_STATES:
        raise ValueError(f"State {state!r} has no deadline")
    own = STAGE_BUDGETS.get(instansi.pk, lambda: _own_budgets(instansi.pk)).get(str(state))
    if own is not None:
        return own
    return int(settings.WORKFLOW_DEFAULT_STAGE_BUDGETS[str(state)])


def _own_budgets(instansi_id: int) -> dict[str, int]:
    rows = StageBudget.objects.filter(instansi_id=instansi_id).values_list("state", "working_days")
    return {str(state): int(days) for state, days in rows}


def local_today(instansi: Instansi, now: datetime.datetime) -> datetime.date:
    return now.astimezone(ZoneInfo(instansi.time_zone)).date()


def end_of_day(instansi: Instansi, day: datetime.date) -> datetime.datetime:
    """The last second of `day` in the instansi's time zone, as an aware UTC datetime."""
    local = datetime.datetime.combine(day, END_OF_WORKING_DAY, tzinfo=ZoneInfo(instansi.time_zone))
    return local.astimezone(datetime.UTC)


def due_at_for(instansi: Instansi, state: str, now: datetime.datetime) -> datetime.datetime | None:
    """When a document entering `state` at `now` is due; None where nobody has to act."""
    if state not in ACTIVE_STATES:
        return None
    today = local_today(instansi, now)
    due_day = add_working_days(today, stage_budget(instansi, state), instansi.pk)
    if state == State.DRAFT:
        round_deadline = open_round_deadline(instansi, today)
        if round_deadline is not None:
            due_day = min(due_day, round_deadline)
    return end_of_day(instansi, due_day)


def current_round(instansi: Instansi, today: datetime.date) -> DraftingRound | None:
    """The instansi's current drafting round, if any.

    Current: open, already opened on `today`, and of those the one opened last (a round announced
    for later does not replace the one running now).
    """
    return (
        DraftingRound.objects.filter(instansi=instansi, closed=False, opened_at__lte=today)
        .order_by("-opened_at", "-id")
        .first()
    )


def open_round_deadline(instansi: Instansi, today: datetime.date) -> datetime.date | None:
    """The deadline of the instansi's current drafting round, if any."""
    drafting = current_round(instansi, today)
    return drafting.deadline if drafting else None


def enter_stage(submission: Submission, now: datetime.datetime) -> None:
    """Start the clock of the stage the document is now in. Does not save."""
    instansi = submission.position.opd.instansi
    submission.due_at = due_at_for(instansi, submission.state, now)
    submission.stage_entered_at = now
    submission.reminders_sent = 0
    submission.escalations_sent = 0
    # After due_at: the reminder schedule is counted back from the new deadline.
    submission.next_reminder_at = reminders.first_reminder_at(submission)


def is_overdue(submission: HasDeadline, now: datetime.datetime) -> bool:
    return submission.state in ACTIVE_STATES and submission.due_at is not None and now > submission.due_at


def working_days_late(submission: Submission, now: datetime.datetime) -> int:
    """Working days between the deadline's local date and today, for a document still waiting on someone."""
    if not is_overdue(submission, now):
        return 0
    instansi = submission.position.opd.instansi
    assert submission.due_at is not None
    due, today = local_today(instansi, submission.due_at), local_today(instansi, now)
    if today <= due:
        return 0
    calendar = load_calendar(due + datetime.timedelta(days=1), today, instansi.pk)
    days = (today - due).days
    return sum(
        calendar.is_working_day(due + datetime.timedelta(days=offset)) for offset in range(1, days + 1)
    )
