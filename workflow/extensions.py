"""Bagian Organisasi gives a document more working days, with a reason recorded in its history.

The stage and its round stay the same; the deadline moves and the reminder schedule is counted
again from the new deadline (reminders already sent for the old one are not sent twice: the
next reminder is the first point of the new schedule after now).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from config.memo import read_ahead
from submissions.models import Submission
from workflow import reminders
from workflow.calendar import add_working_days
from workflow.deadlines import end_of_day, local_today
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.events import services as events
from workflow.inputs import COMMENT_MAX_LENGTH, EXTENSION_MAX_DAYS
from workflow.machine import ACTIVE_STATES, Actor, State
from workflow.models import TransitionLog
from workflow.roles import grant_for
from workflow.scoping import visible_submissions

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Instansi
    from workflow.roles import AnyUser

EXTEND_TRANSITION = "extend_deadline"
MAX_EXTENSION_DAYS = EXTENSION_MAX_DAYS


def extension_allowed(submission: Submission, user: AnyUser) -> bool:
    """Whether the page offers the extension form (the service checks again under the lock)."""
    running = submission.state in ACTIVE_STATES and submission.due_at is not None
    return running and grant_for(user, submission, Actor.BAGIAN_ORGANISASI) is not None


def _refuse(code: str, message: str, field: str) -> InvalidContent:
    return InvalidContent(message, code=code, errors=[{"code": code, "message": message, "field": field}])


def _checked_inputs(working_days: object, reason: object) -> tuple[int, str]:
    if not isinstance(working_days, int) or not 1 <= working_days <= MAX_EXTENSION_DAYS:
        raise _refuse(
            "working_days_invalid",
            f"Tambahan waktu 1 sampai {MAX_EXTENSION_DAYS} hari kerja.",
            "working_days",
        )
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise _refuse("reason_required", "Tuliskan alasan perpanjangan tenggat.", "reason")
    if "\x00" in text or len(text) > COMMENT_MAX_LENGTH:
        raise _refuse("reason_invalid", "Alasan terlalu panjang atau berisi karakter NUL.", "reason")
    return working_days, text


def extend_deadline(*, submission_id: int, actor: User, working_days: object, reason: object) -> Submission:
    days, text = _checked_inputs(working_days, reason)
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        try:
            submission = (
                visible_submissions(actor)
                .select_for_update(of=("self",))
                .select_related("position__opd__instansi")
                .get(pk=submission_id)
            )
        except Submission.DoesNotExist:
            raise NotFound("Dokumen tidak ditemukan.") from None
        if grant_for(actor, submission, Actor.BAGIAN_ORGANISASI) is None:
            raise NotPermitted("Hanya Bagian Organisasi instansi ini yang dapat memperpanjang tenggat.")
        if submission.state not in ACTIVE_STATES or submission.due_at is None:
            raise Conflict(
                f"Dokumen berstatus '{State(submission.state).label}' tidak memiliki tenggat.",
                code="no_deadline",
            )
        _move_deadline(submission, days)
        log = TransitionLog.objects.create(
            submission=submission,
            transition=EXTEND_TRANSITION,
            from_state=submission.state,
            to_state=submission.state,
            actor=actor,
            comment=f"Tenggat diperpanjang {days} hari kerja: {text}",
            extension_days=days,
            round=submission.round,
        )
        events.record_transition(log, submission, actor=actor)
        return submission


def extended_due_at(
    instansi: Instansi, due_at: datetime.datetime, days: int, at: datetime.datetime
) -> datetime.datetime:
    """The deadline `due_at` extended at `at` by `days` working days.

    Counted from the later of the old deadline and the day of the extension: an overdue document
    gets its days from then on. The recomputation of running deadlines replays it the same way.
    """
    start = max(local_today(instansi, due_at), local_today(instansi, at))
    return end_of_day(instansi, add_working_days(start, days, instansi.pk))


def _move_deadline(submission: Submission, days: int) -> None:
    instansi = submission.position.opd.instansi
    assert submission.due_at is not None
    submission.due_at = extended_due_at(instansi, submission.due_at, days, timezone.now())
    submission.escalations_sent = 0
    submission.next_reminder_at = reminders.next_point_after(submission, timezone.now())
    submission.save(update_fields=["due_at", "escalations_sent", "next_reminder_at", "updated_at"])
