"""A calendar correction or a new stage budget moves the deadlines already running, and their reminders."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from submissions.models import Instansi, Submission, TimeZone
from tests.workflow.conftest import new_instansi
from workflow.deadlines import enter_stage
from workflow.extensions import EXTEND_TRANSITION, extended_due_at
from workflow.machine import State
from workflow.models import CalendarDay, StageBudget, TransitionLog
from workflow.recompute import recompute_running_deadlines

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
# Friday 10 July 2026, 09:00 WIB: an OPD review of five working days is due Friday 17 July.
ENTERED = datetime.datetime(2026, 7, 10, 9, 0, tzinfo=WIB)
# Monday 13 July, while the review runs.
NOW = datetime.datetime(2026, 7, 13, 10, 0, tzinfo=WIB)
HOLIDAY = datetime.date(2026, 7, 15)


def end_of(day: int, month: int = 7) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 23, 59, 59, tzinfo=WIB)


def eight_on(day: int, month: int = 7) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 8, 0, tzinfo=WIB)


@pytest.fixture
def running(instansi: Instansi, make_submission: Callable[..., Submission]) -> Callable[..., Submission]:
    """A document that entered `state` at `entered` with its deadline and reminders counted then."""

    def make(
        state: State = State.OPD_REVIEW, entered: datetime.datetime = ENTERED, owner: Instansi | None = None
    ) -> Submission:
        submission = make_submission(owner or instansi, state=state)
        enter_stage(submission, entered)
        submission.save()
        return submission

    return make


def holiday(on: datetime.date = HOLIDAY, instansi: Instansi | None = None) -> CalendarDay:
    return CalendarDay.objects.create(date=on, instansi=instansi, is_working_day=False, description="Libur")


def test_a_holiday_added_inside_a_running_deadline_moves_it_one_working_day_later(running) -> None:
    document = running()
    assert document.due_at == end_of(17)
    holiday()

    result = recompute_running_deadlines(day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    assert result.documents == 1
    assert document.due_at == end_of(20)


def test_the_reminders_follow_the_moved_deadline(running) -> None:
    document = running()
    # Two working days before Friday 17 July: Wednesday 15 July at 08:00.
    assert document.next_reminder_at == eight_on(15)
    holiday()

    recompute_running_deadlines(day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    # Two working days before Monday 20 July, with the 15th now a holiday: Thursday 16 July.
    assert document.next_reminder_at == eight_on(16)


def test_removing_the_holiday_gives_the_deadline_back(running) -> None:
    correction = holiday()
    document = running()
    assert document.due_at == end_of(20)
    correction.delete()

    recompute_running_deadlines(day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    assert (document.due_at, document.next_reminder_at) == (end_of(17), eight_on(15))


def test_a_holiday_of_another_instansi_moves_nothing_here(running) -> None:
    document = running()
    elsewhere = new_instansi("Pemerintah Kabupaten Lain")
    holiday(instansi=elsewhere)

    result = recompute_running_deadlines(instansi_id=elsewhere.pk, day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    assert result.documents == 0
    assert document.due_at == end_of(17)


def test_a_holiday_after_the_deadline_and_its_escalations_changes_no_row(running) -> None:
    document = running()
    before = Submission.objects.get(pk=document.pk).updated_at
    far = datetime.date(2026, 10, 1)
    holiday(on=far)

    result = recompute_running_deadlines(day=far, now=NOW)

    assert result.documents == 0
    assert Submission.objects.get(pk=document.pk).updated_at == before


def test_each_document_is_counted_from_its_own_stage_entry(running) -> None:
    earlier = running(entered=datetime.datetime(2026, 7, 8, 9, 0, tzinfo=WIB))
    later = running(state=State.COMPILATION)
    holiday()

    recompute_running_deadlines(day=HOLIDAY, now=NOW)

    earlier.refresh_from_db()
    later.refresh_from_db()
    # Wednesday 8 July + 5 working days is Wednesday 15 July; with the holiday, Thursday 16 July.
    assert earlier.due_at == end_of(16)
    # Friday 10 July + 10 working days was Friday 24 July; now Monday 27 July.
    assert later.due_at == end_of(27)


def test_the_deadline_falls_in_the_instansis_own_time_zone(
    make_submission: Callable[..., Submission], running
) -> None:
    jayapura = new_instansi("Pemerintah Kota Jayapura", TimeZone.WIT)
    document = running(owner=jayapura)
    holiday()

    recompute_running_deadlines(day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    assert document.due_at == datetime.datetime(2026, 7, 20, 23, 59, 59, tzinfo=ZoneInfo("Asia/Jayapura"))


def test_a_new_stage_budget_recomputes_only_the_documents_in_that_stage(instansi: Instansi, running) -> None:
    review, compilation = running(), running(state=State.COMPILATION)
    compilation_due = compilation.due_at
    StageBudget.objects.create(instansi=instansi, state=State.OPD_REVIEW, working_days=3)

    recompute_running_deadlines(instansi_id=instansi.pk, states=[State.OPD_REVIEW], now=NOW)

    review.refresh_from_db()
    compilation.refresh_from_db()
    assert review.due_at == end_of(15)
    assert compilation.due_at == compilation_due


def test_a_deadline_no_longer_passed_starts_its_escalations_again(running) -> None:
    document = running()
    Submission.objects.filter(pk=document.pk).update(escalations_sent=2)
    instansi = document.position.opd.instansi
    StageBudget.objects.create(instansi=instansi, state=State.OPD_REVIEW, working_days=9)
    after_the_old_deadline = datetime.datetime(2026, 7, 20, 10, 0, tzinfo=WIB)

    recompute_running_deadlines(states=[State.OPD_REVIEW], now=after_the_old_deadline)

    document.refresh_from_db()
    assert document.due_at == end_of(23)
    assert document.escalations_sent == 0


def test_an_extension_given_in_the_stage_is_added_again_to_the_recomputed_deadline(
    running, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = running()
    extended_at = datetime.datetime(2026, 7, 13, 9, 0, tzinfo=WIB)
    with monkeypatch.context() as patched:
        # The log stamps its rows with the clock; the extension was given on Monday 13 July.
        patched.setattr(timezone, "now", lambda: extended_at)
        TransitionLog.objects.create(
            submission=document,
            transition=EXTEND_TRANSITION,
            from_state=document.state,
            to_state=document.state,
            comment="Tenggat diperpanjang 3 hari kerja: rapat",
            extension_days=3,
            round=1,
        )
    Submission.objects.filter(pk=document.pk).update(
        due_at=extended_due_at(document.position.opd.instansi, end_of(17), 3, extended_at)
    )
    holiday()

    recompute_running_deadlines(day=HOLIDAY, now=NOW)

    document.refresh_from_db()
    # Monday 20 July (the holiday) plus three working days.
    assert document.due_at == end_of(23)


def test_the_groups_cost_the_same_queries_for_one_document_as_for_twenty(running) -> None:
    running()
    holiday()

    def queries() -> int:
        Submission.objects.update(due_at=end_of(17))
        with CaptureQueriesContext(connection) as captured:
            recompute_running_deadlines(day=HOLIDAY, now=NOW)
        return len(captured.captured_queries)

    one = queries()
    for _ in range(19):
        running()
    assert queries() == one
    assert set(Submission.objects.values_list("due_at", flat=True)) == {end_of(20)}


def test_adding_a_holiday_in_the_admin_moves_the_running_deadlines(admin_client: Client, running) -> None:
    document = running()

    response = admin_client.post(
        reverse("admin:workflow_calendarday_add"),
        {"date": HOLIDAY.isoformat(), "instansi": "", "is_working_day": "", "description": "Cuti bersama"},
        follow=True,
    )

    document.refresh_from_db()
    assert response.status_code == 200
    assert document.due_at == end_of(20)
    assert "dihitung ulang" in response.content.decode()


def test_changing_a_stage_budget_in_the_admin_moves_the_running_deadlines(
    admin_client: Client, instansi: Instansi, running
) -> None:
    document = running()
    budget = StageBudget.objects.create(instansi=instansi, state=State.OPD_REVIEW, working_days=5)

    admin_client.post(
        reverse("admin:workflow_stagebudget_change", args=[budget.pk]),
        {"instansi": instansi.pk, "state": State.OPD_REVIEW, "working_days": 3},
    )

    document.refresh_from_db()
    assert document.due_at == end_of(15)


def test_deleting_a_holiday_in_the_admin_gives_the_deadline_back(admin_client: Client, running) -> None:
    correction = holiday()
    document = running()

    admin_client.post(reverse("admin:workflow_calendarday_delete", args=[correction.pk]), {"post": "yes"})

    document.refresh_from_db()
    assert document.due_at == end_of(17)
