"""Reminder and escalation schedule (working days, holidays, time zones) and the sweep."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import Notification
from submissions.models import Submission, TimeZone
from tests.factories import PositionFactory
from tests.notifications.bodies import body_of
from workflow import reminders
from workflow.machine import State
from workflow.models import CalendarDay
from workflow.reminders import ESCALATION, REMINDER, first_reminder_at, schedule, send_due_reminders

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 29 December 2026, end of the working day; 24 Dec (cuti bersama) and 25 Dec (Christmas)
# are holidays, and so are 1 Jan 2027 (New Year) and 5 Jan 2027 (Isra Mikraj).
DUE = datetime.datetime(2026, 12, 29, 23, 59, 59, tzinfo=WIB)


def at_8(year: int, month: int, day: int, zone: ZoneInfo = WIB) -> datetime.datetime:
    return datetime.datetime(year, month, day, 8, 0, tzinfo=zone)


def document(world, state: State = State.DRAFT, *, due: datetime.datetime = DUE, entered=None) -> Submission:
    submission = Submission(
        position=world.position,
        created_by=world.drafter,
        state=state,
        due_at=due,
        stage_entered_at=entered or due - datetime.timedelta(days=20),
    )
    submission.next_reminder_at = first_reminder_at(submission)
    submission.save()
    return submission


def recipients(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_reminders_fall_two_working_days_before_and_on_the_deadline_skipping_holidays(world):
    points = schedule(document(world))

    assert [(p.at, p.kind) for p in points[:2]] == [
        (at_8(2026, 12, 23), REMINDER),
        (at_8(2026, 12, 29), REMINDER),
    ]


def test_escalations_fall_on_the_working_days_after_the_deadline_at_most_five(world, settings):
    settings.ESCALATION_MAX_COUNT = 5

    escalations = [p.at for p in schedule(document(world)) if p.kind == ESCALATION]

    assert escalations == [
        at_8(2026, 12, 30),
        at_8(2026, 12, 31),
        at_8(2027, 1, 4),
        at_8(2027, 1, 6),
        at_8(2027, 1, 7),
    ]


def test_a_regional_holiday_of_the_instansi_moves_the_early_reminder(world):
    CalendarDay.objects.create(
        date=datetime.date(2026, 12, 28),
        instansi=world.instansi,
        is_working_day=False,
        description="Hari jadi kota",
    )

    assert schedule(document(world))[0].at == at_8(2026, 12, 22)


def test_reminders_come_at_eight_in_the_morning_of_the_instansis_own_time_zone(world):
    world.instansi.time_zone = TimeZone.WITA
    world.instansi.save()
    wita = ZoneInfo("Asia/Makassar")

    points = schedule(document(world, due=datetime.datetime(2026, 12, 29, 23, 59, 59, tzinfo=wita)))

    assert points[1].at == datetime.datetime(2026, 12, 29, 0, 0, tzinfo=datetime.UTC)


def test_the_first_reminder_skips_moments_already_past_when_the_stage_starts(world):
    entered = datetime.datetime(2026, 12, 28, 10, 0, tzinfo=WIB)

    assert document(world, entered=entered).next_reminder_at == at_8(2026, 12, 29)


@pytest.mark.parametrize("state", [State.APPROVED, State.SUPERSEDED])
def test_documents_where_nobody_must_act_get_no_reminder(world, state):
    assert document(world, state).next_reminder_at is None


def test_a_draft_without_deadline_gets_no_reminder(world):
    submission = Submission(position=world.position, state=State.DRAFT, due_at=None)

    assert first_reminder_at(submission) is None


@pytest.mark.parametrize(
    ("state", "reminded", "escalated"),
    [
        (State.DRAFT, {"penyusun", "penyusun2"}, {"pemeriksa", "pemeriksa2"}),
        (State.OPD_REVIEW, {"pemeriksa", "pemeriksa2"}, {"organisasi"}),
        (State.COMPILATION, {"organisasi"}, {"organisasi"}),
        (State.MINISTRY_CONSULTATION, {"organisasi"}, {"organisasi"}),
    ],
)
def test_reminders_go_to_those_who_must_act_and_escalations_above_them(world, state, reminded, escalated):
    submission = document(world, state)

    send_due_reminders(now=at_8(2026, 12, 23))
    send_due_reminders(now=at_8(2026, 12, 30))

    assert recipients("reminder") == reminded
    assert recipients("escalation") == escalated
    submission.refresh_from_db()
    assert (submission.reminders_sent, submission.escalations_sent) == (1, 1)


def test_the_ministry_stage_reminder_is_a_follow_up_for_bagian_organisasi(world):
    document(world, State.MINISTRY_CONSULTATION)

    send_due_reminders(now=at_8(2026, 12, 23))

    row = Notification.objects.get(kind="reminder")
    assert row.subject.startswith("[Alur SKJ] Tindak lanjut konsultasi")
    assert "KemenPAN-RB" in body_of(row)


def test_a_second_sweep_at_the_same_moment_sends_nothing_more(world):
    document(world)

    first = send_due_reminders(now=at_8(2026, 12, 23))
    second = send_due_reminders(now=at_8(2026, 12, 23))

    assert (first, second) == (1, 0)
    assert Notification.objects.filter(kind="reminder").count() == 2  # the two drafters


def test_each_sweep_moves_the_next_reminder_to_the_next_moment(world):
    submission = document(world)

    send_due_reminders(now=at_8(2026, 12, 23))

    submission.refresh_from_db()
    assert submission.next_reminder_at == at_8(2026, 12, 29)


def test_moments_missed_while_no_sweep_ran_are_sent_once(world):
    submission = document(world)

    send_due_reminders(now=at_8(2026, 12, 31))

    submission.refresh_from_db()
    assert Notification.objects.count() == 2
    assert submission.next_reminder_at == at_8(2027, 1, 4)


def test_escalations_stop_after_the_maximum(world, settings):
    settings.ESCALATION_MAX_COUNT = 2
    submission = document(world)

    for day in (datetime.date(2026, 12, d) for d in (23, 29, 30, 31)):
        send_due_reminders(now=at_8(day.year, day.month, day.day))

    submission.refresh_from_db()
    assert (submission.escalations_sent, submission.next_reminder_at) == (2, None)
    assert send_due_reminders(now=at_8(2027, 1, 20)) == 0


def test_the_reminder_email_says_how_many_working_days_are_left(world):
    document(world)

    send_due_reminders(now=at_8(2026, 12, 23))

    row = Notification.objects.filter(kind="reminder").first()
    assert row is not None
    assert "(2 hari kerja lagi)" in body_of(row)


def test_the_sweep_reads_as_many_rows_whatever_the_number_of_documents_not_due(world):
    document(world)

    def sweep_queries() -> int:
        Submission.objects.filter(position=world.position).update(next_reminder_at=at_8(2026, 12, 23))
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            send_due_reminders(now=at_8(2026, 12, 23))
        return len(queries)

    sweep_queries()  # this process's copies (config/memo.py) loaded, as in a running worker
    alone = sweep_queries()
    for _ in range(30):
        later = Submission(
            position=PositionFactory.create(opd=world.opd),
            state=State.DRAFT,
            due_at=DUE + datetime.timedelta(days=60),
        )
        later.next_reminder_at = first_reminder_at(later)
        later.save()

    assert sweep_queries() == alone


def test_the_send_reminders_command_runs_one_sweep(world, capsys):
    submission = document(world, due=timezone.now() - datetime.timedelta(days=10))
    Submission.objects.filter(pk=submission.pk).update(
        next_reminder_at=timezone.now() - datetime.timedelta(days=9)
    )

    call_command("send_reminders")

    assert "1 pengingat/eskalasi dikirim." in capsys.readouterr().out
    assert recipients("escalation") == {"pemeriksa", "pemeriksa2"}


def test_a_document_whose_reminder_fails_does_not_hold_up_the_others(world, monkeypatch, caplog):
    broken = document(world)
    other = Submission.objects.create(
        position=PositionFactory.create(opd=world.opd), created_by=world.drafter, due_at=DUE
    )
    Submission.objects.filter(pk=other.pk).update(next_reminder_at=broken.next_reminder_at)
    real_announce = reminders.announce_deadline

    def announce(*, submission, **kwargs):
        if submission.pk == broken.pk:
            raise RuntimeError("template rusak")
        real_announce(submission=submission, **kwargs)

    monkeypatch.setattr(reminders, "announce_deadline", announce)

    announced = send_due_reminders(now=at_8(2026, 12, 23))

    assert announced == 1
    assert set(Notification.objects.values_list("submission_id", flat=True)) == {other.pk}
    broken.refresh_from_db()
    assert broken.next_reminder_at == at_8(2026, 12, 23)  # still due: the next sweep tries again
    assert "template rusak" in caplog.text
