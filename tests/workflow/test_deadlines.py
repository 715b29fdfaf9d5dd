"""Stage deadlines: working-day budgets ending at the close of the instansi's local day."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from submissions.models import Instansi, Submission, TimeZone
from tests.workflow.conftest import new_instansi
from workflow import reminders
from workflow.deadlines import due_at_for, enter_stage, is_overdue, stage_budget
from workflow.machine import State
from workflow.models import CalendarDay, DraftingRound, StageBudget

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_a_stage_without_an_own_budget_takes_the_default_from_settings(instansi: Instansi, settings) -> None:
    settings.WORKFLOW_DEFAULT_STAGE_BUDGETS = {**settings.WORKFLOW_DEFAULT_STAGE_BUDGETS, "opd_review": 7}
    assert stage_budget(instansi, State.OPD_REVIEW) == 7
    assert stage_budget(instansi, State.MINISTRY_CONSULTATION) == 30


def test_an_instansi_budget_replaces_the_default(instansi: Instansi) -> None:
    StageBudget.objects.create(instansi=instansi, state=State.COMPILATION, working_days=3)
    assert stage_budget(instansi, State.COMPILATION) == 3
    assert stage_budget(new_instansi("Pemerintah Kabupaten Lain"), State.COMPILATION) == 10


def test_approved_and_superseded_documents_have_no_deadline(instansi: Instansi) -> None:
    assert due_at_for(instansi, State.APPROVED, at(2026, 7, 6, 3)) is None
    assert due_at_for(instansi, State.SUPERSEDED, at(2026, 7, 6, 3)) is None
    with pytest.raises(ValueError, match="no deadline"):
        stage_budget(instansi, State.APPROVED)


def test_an_opd_review_entered_on_a_friday_is_due_at_the_end_of_the_fifth_working_day(
    instansi: Instansi,
) -> None:
    # Friday 10 July 2026, 09:00 WIB: 13-17 July are the five working days; due Friday 17 July 23:59:59 WIB.
    due = due_at_for(instansi, State.OPD_REVIEW, at(2026, 7, 10, 2))
    assert due == at(2026, 7, 17, 16, 59, 59)


def test_an_opd_review_entered_before_lebaran_2026_skips_nyepi_idul_fitri_and_cuti_bersama(
    instansi: Instansi,
) -> None:
    # Monday 16 March 2026: working days 17, 25, 26, 27 and 30 March (18-24 March are holidays).
    due = due_at_for(instansi, State.OPD_REVIEW, at(2026, 3, 16, 3))
    assert due == at(2026, 3, 30, 16, 59, 59)


def test_a_revision_sent_back_before_lebaran_2026_is_due_after_good_friday(instansi: Instansi) -> None:
    # Friday 13 March 2026, ten working days: 16, 17, 25, 26, 27, 30, 31 March, 1, 2 April, then
    # Good Friday (3 April) and the weekend, so the tenth is Monday 6 April.
    due = due_at_for(instansi, State.DRAFT, at(2026, 3, 13, 2))
    assert due == at(2026, 4, 6, 16, 59, 59)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 16:30 UTC on Tuesday 2 June 2026 is still Tuesday in Jakarta (23:30 WIB): due Tuesday 9 June.
        (TimeZone.WIB, at(2026, 6, 9, 16, 59, 59)),
        # ... but already Wednesday 3 June in Makassar (00:30 WITA) and Jayapura (01:30 WIT): due 10 June.
        (TimeZone.WITA, at(2026, 6, 10, 15, 59, 59)),
        (TimeZone.WIT, at(2026, 6, 10, 14, 59, 59)),
    ],
)
def test_the_same_instant_is_a_different_local_day_in_each_indonesian_time_zone(
    zone: str, expected: datetime.datetime
) -> None:
    instansi = new_instansi(f"Pemerintah {zone}", zone)
    assert due_at_for(instansi, State.OPD_REVIEW, at(2026, 6, 2, 16, 30)) == expected


def test_a_deadline_ends_exactly_at_23_59_59_local_time(instansi: Instansi) -> None:
    due = due_at_for(instansi, State.OPD_REVIEW, at(2026, 7, 10, 2))
    assert due is not None
    local = due.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert (local.hour, local.minute, local.second, local.microsecond) == (23, 59, 59, 0)


def test_an_administrator_added_holiday_moves_the_deadline(instansi: Instansi) -> None:
    CalendarDay.objects.create(date=datetime.date(2026, 7, 17), is_working_day=False, description="Libur")
    assert due_at_for(instansi, State.OPD_REVIEW, at(2026, 7, 10, 2)) == at(2026, 7, 20, 16, 59, 59)


def test_an_administrator_added_working_saturday_brings_the_deadline_forward(instansi: Instansi) -> None:
    CalendarDay.objects.create(
        date=datetime.date(2026, 7, 11), instansi=instansi, is_working_day=True, description="Masuk kerja"
    )
    assert due_at_for(instansi, State.OPD_REVIEW, at(2026, 7, 10, 2)) == at(2026, 7, 16, 16, 59, 59)
    other = new_instansi("Pemerintah Kabupaten Batang")
    assert due_at_for(other, State.OPD_REVIEW, at(2026, 7, 10, 2)) == at(2026, 7, 17, 16, 59, 59)


def test_an_open_drafting_round_caps_the_deadline_of_a_draft(instansi: Instansi) -> None:
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2026",
        opened_at=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 7, 15),
    )
    # Without the round: ten working days after 10 July = 24 July.
    assert due_at_for(instansi, State.DRAFT, at(2026, 7, 10, 2)) == at(2026, 7, 15, 16, 59, 59)


def test_a_drafting_round_does_not_cap_other_stages_or_a_later_budget(instansi: Instansi) -> None:
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2026",
        opened_at=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 7, 31),
    )
    assert due_at_for(instansi, State.DRAFT, at(2026, 7, 10, 2)) == at(2026, 7, 24, 16, 59, 59)
    DraftingRound.objects.update(deadline=datetime.date(2026, 7, 13))
    assert due_at_for(instansi, State.OPD_REVIEW, at(2026, 7, 10, 2)) == at(2026, 7, 17, 16, 59, 59)


def test_a_closed_drafting_round_no_longer_caps_deadlines(instansi: Instansi) -> None:
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2025",
        opened_at=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 7, 13),
        closed=True,
    )
    assert due_at_for(instansi, State.DRAFT, at(2026, 7, 10, 2)) == at(2026, 7, 24, 16, 59, 59)


def test_a_drafting_round_announced_for_later_does_not_yet_replace_the_current_one(
    instansi: Instansi,
) -> None:
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2026",
        opened_at=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 7, 15),
    )
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2027",
        opened_at=datetime.date(2027, 1, 4),
        deadline=datetime.date(2027, 3, 31),
    )
    # On 10 July 2026 the 2026 round is the current one: its 15 July deadline still caps the draft.
    assert due_at_for(instansi, State.DRAFT, at(2026, 7, 10, 2)) == at(2026, 7, 15, 16, 59, 59)


def test_entering_a_stage_restarts_its_clock_and_counters(
    instansi: Instansi, make_submission: Callable[..., Submission], monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = make_submission(instansi, state=State.OPD_REVIEW, reminders_sent=2, escalations_sent=1)
    seen: list[datetime.datetime | None] = []

    def first_reminder_at(document: Submission) -> datetime.datetime:
        seen.append(document.due_at)
        return at(2026, 7, 15, 1)

    monkeypatch.setattr(reminders, "first_reminder_at", first_reminder_at)
    now = at(2026, 7, 10, 2)
    enter_stage(submission, now)

    assert submission.due_at == at(2026, 7, 17, 16, 59, 59)
    assert submission.stage_entered_at == now
    assert (submission.reminders_sent, submission.escalations_sent) == (0, 0)
    assert submission.next_reminder_at == at(2026, 7, 15, 1)
    assert seen == [submission.due_at], "the reminder is computed from the new deadline"


def test_entering_a_stage_does_not_save(
    instansi: Instansi, make_submission: Callable[..., Submission]
) -> None:
    submission = make_submission(instansi)
    enter_stage(submission, at(2026, 7, 10, 2))
    submission.refresh_from_db()
    assert submission.due_at is None


def test_entering_the_approved_state_clears_the_deadline(
    instansi: Instansi, make_submission: Callable[..., Submission]
) -> None:
    submission = make_submission(instansi, state=State.APPROVED, due_at=at(2026, 7, 1))
    enter_stage(submission, at(2026, 7, 10, 2))
    assert submission.due_at is None


def test_a_document_is_overdue_only_after_its_deadline(
    instansi: Instansi, make_submission: Callable[..., Submission]
) -> None:
    submission = make_submission(instansi, state=State.OPD_REVIEW, due_at=at(2026, 7, 17, 16, 59, 59))
    assert not is_overdue(submission, at(2026, 7, 17, 16, 59, 59))
    assert is_overdue(submission, at(2026, 7, 17, 17, 0, 0))


def test_a_document_without_a_running_deadline_is_never_overdue(
    instansi: Instansi, make_submission: Callable[..., Submission]
) -> None:
    approved = make_submission(instansi, state=State.APPROVED, due_at=at(2026, 7, 1))
    without_deadline = make_submission(instansi)
    assert not is_overdue(approved, at(2026, 8, 1))
    assert not is_overdue(without_deadline, at(2026, 8, 1))
