"""Recompute the deadlines already running when the calendar or a stage budget changes.

A deadline is counted once, when the document enters its stage (`deadlines.enter_stage`). When an
administrator later corrects the working-day calendar (a holiday added or removed) or changes a
stage budget, the documents already in a stage would keep a deadline counted on the old calendar.
This service counts them again from their stage entry time, in one transaction, with their
reminder schedule.

A deadline depends only on the instansi, the stage and the local day the document entered it, so
documents are grouped on those three and each group is one UPDATE, however many documents it holds.
A document whose deadline was extended in its current stage is replayed on its own: its base
deadline is counted again and each extension added again as it was given.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from submissions.models import Instansi, Submission, TimeZone
from workflow.deadlines import due_at_for
from workflow.extensions import EXTEND_TRANSITION, extended_due_at
from workflow.machine import ACTIVE_STATES
from workflow.models import TransitionLog
from workflow.reminders import next_point_for

# A calendar day moves a deadline when it lies between the stage entry and the deadline, and it
# moves the escalations when it lies in the few working days after it: a deadline more than this
# many calendar days before the corrected day cannot change.
ESCALATION_REACH = datetime.timedelta(days=60)


@dataclass(frozen=True)
class Recomputed:
    """What a recomputation changed: documents whose deadline or next reminder moved."""

    documents: int


def recompute_running_deadlines(
    *,
    instansi_id: int | None = None,
    states: Collection[str] | None = None,
    day: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Recomputed:
    """Count again the deadlines running in one instansi (None: every instansi).

    `states` narrows to the stages whose budget changed; `day` to the documents a correction of
    that calendar day can reach. Runs inside the caller's transaction when there is one (the admin
    saves the correction and recomputes in the same transaction), otherwise in its own.
    """
    now = now or timezone.now()
    with transaction.atomic():
        running = _running(instansi_id, states, day)
        changed = _recompute_extended(running.filter(_extended_in_stage()), now)
        changed += _recompute_groups(running.exclude(_extended_in_stage()), now)
    return Recomputed(documents=changed)


def _running(
    instansi_id: int | None, states: Collection[str] | None, day: datetime.date | None
) -> QuerySet[Submission]:
    running: QuerySet[Submission] = Submission.objects.filter(
        state__in=list(states) if states is not None else list(ACTIVE_STATES),
        due_at__isnull=False,
        stage_entered_at__isnull=False,
    )
    if instansi_id is not None:
        running = running.filter(position__opd__instansi_id=instansi_id)
    if day is not None:
        # Entered on or before that day (a local day starts before UTC's in every Indonesian zone)
        # and due not long before it.
        next_day = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), datetime.UTC)
        running = running.filter(stage_entered_at__lt=next_day, due_at__gte=next_day - ESCALATION_REACH)
    return running


def _extended_in_stage() -> Exists:
    return Exists(
        TransitionLog.objects.filter(
            submission=OuterRef("pk"), transition=EXTEND_TRANSITION, at__gte=OuterRef("stage_entered_at")
        )
    )


### Documents without an extension: one UPDATE per (instansi, stage, day of entry)


@dataclass(frozen=True)
class _Group:
    instansi_id: int
    state: str
    entered_on: datetime.date


def _recompute_groups(running: QuerySet[Submission], now: datetime.datetime) -> int:
    groups = list(_groups(running))
    instansi = Instansi.objects.in_bulk({group.instansi_id for group in groups})
    return sum(_update_group(running, instansi[group.instansi_id], group, now) for group in groups)


def _groups(running: QuerySet[Submission]) -> Iterable[_Group]:
    """The distinct groups, read per time zone so the database gives each document's local day."""
    for zone in TimeZone:
        rows = (
            running.filter(position__opd__instansi__time_zone=zone)
            .annotate(entered_on=TruncDate("stage_entered_at", tzinfo=ZoneInfo(zone)))
            .values_list("position__opd__instansi_id", "state", "entered_on")
            .order_by()
            .distinct()
        )
        yield from (_Group(instansi_id, state, entered_on) for instansi_id, state, entered_on in rows)


def _update_group(
    running: QuerySet[Submission], instansi: Instansi, group: _Group, now: datetime.datetime
) -> int:
    zone = ZoneInfo(instansi.time_zone)
    start = datetime.datetime.combine(group.entered_on, datetime.time(), zone)
    # Any moment of the entry day gives the same deadline; noon stands for them all.
    due_at = due_at_for(instansi, group.state, start + datetime.timedelta(hours=12))
    next_reminder_at = next_point_for(instansi, group.state, due_at, now)
    members = running.filter(
        position__opd__instansi_id=instansi.pk,
        state=group.state,
        stage_entered_at__gte=start,
        stage_entered_at__lt=start + datetime.timedelta(days=1),
    )
    # Rows already right are not written: a correction far from most deadlines touches few rows.
    stale = members.filter(~Q(due_at=due_at) | _next_reminder_differs(next_reminder_at))
    changes: dict[str, object] = {"due_at": due_at, "next_reminder_at": next_reminder_at}
    if due_at is not None and due_at > now:
        # No longer overdue: escalations count again from the new deadline.
        changes["escalations_sent"] = 0
    return stale.update(**changes, updated_at=now)


def _next_reminder_differs(value: datetime.datetime | None) -> Q:
    if value is None:
        return Q(next_reminder_at__isnull=False)
    return Q(next_reminder_at__isnull=True) | ~Q(next_reminder_at=value)


### Documents extended in their stage: replayed one by one (they are few)


def _recompute_extended(running: QuerySet[Submission], now: datetime.datetime) -> int:
    changed = 0
    documents = running.select_for_update(of=("self",)).select_related("position__opd__instansi")
    for submission in documents.order_by("pk"):
        changed += _replay(submission, now)
    return changed


def _replay(submission: Submission, now: datetime.datetime) -> int:
    assert submission.stage_entered_at is not None
    instansi = submission.position.opd.instansi
    extensions = TransitionLog.objects.filter(
        submission=submission, transition=EXTEND_TRANSITION, at__gte=submission.stage_entered_at
    ).values_list("at", "extension_days")
    due_at = due_at_for(instansi, submission.state, submission.stage_entered_at)
    for at, days in extensions:
        if days is None or due_at is None:
            # Extended before the days were recorded: its deadline cannot be replayed, so it stays.
            return 0
        due_at = extended_due_at(instansi, due_at, days, at)
    next_reminder_at = next_point_for(instansi, submission.state, due_at, now)
    if (due_at, next_reminder_at) == (submission.due_at, submission.next_reminder_at):
        return 0
    submission.due_at, submission.next_reminder_at = due_at, next_reminder_at
    fields = ["due_at", "next_reminder_at", "updated_at"]
    if due_at is not None and due_at > now:
        submission.escalations_sent = 0
        fields.append("escalations_sent")
    submission.save(update_fields=fields)
    return 1
