"""Administrators configure the workflow in the admin and can read, never edit, what it recorded."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from submissions.models import Instansi, Submission
from workflow.machine import State
from workflow.models import CalendarDay, DraftingRound, ReasonCode, Snapshot, StageBudget, TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(instansi: Instansi, make_submission: Callable[..., Submission]) -> TransitionLog:
    submission = make_submission(instansi)
    return TransitionLog.objects.create(
        submission=submission, transition="submit", from_state=State.DRAFT, to_state=State.OPD_REVIEW, round=1
    )


@pytest.fixture
def configured(instansi: Instansi, entry: TransitionLog) -> None:
    ReasonCode.objects.create(code="wording", label="Perbaikan redaksi")
    StageBudget.objects.create(instansi=instansi, state=State.OPD_REVIEW, working_days=3)
    CalendarDay.objects.create(date=datetime.date(2026, 7, 13), is_working_day=False, description="Libur")
    CalendarDay.objects.create(
        date=datetime.date(2026, 7, 14), instansi=instansi, is_working_day=False, description="Hari jadi"
    )
    DraftingRound.objects.create(
        instansi=instansi,
        name="Penyusunan SKJ 2026",
        opened_at=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 8, 31),
    )
    Snapshot.objects.create(submission=entry.submission, round=1, content={}, log_entry=entry)


@pytest.mark.usefixtures("configured")
@pytest.mark.parametrize(
    "model", ["reasoncode", "stagebudget", "calendarday", "draftinground", "transitionlog", "snapshot"]
)
def test_every_workflow_list_opens_for_an_administrator(admin_client: Client, model: str) -> None:
    response = admin_client.get(reverse(f"admin:workflow_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.usefixtures("configured")
def test_the_calendar_list_says_which_corrections_apply_nationwide(admin_client: Client) -> None:
    page = admin_client.get(reverse("admin:workflow_calendarday_changelist")).content.decode()
    assert "Seluruh Indonesia" in page
    assert "Pemerintah Kota Madiun" in page


def test_an_administrator_cannot_add_change_or_delete_a_log_entry(
    admin_client: Client, entry: TransitionLog
) -> None:
    assert admin_client.get(reverse("admin:workflow_transitionlog_add")).status_code == 403
    change_url = reverse("admin:workflow_transitionlog_change", args=[entry.pk])
    assert admin_client.post(change_url, {"comment": "diubah"}).status_code == 403
    delete_url = reverse("admin:workflow_transitionlog_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.comment == ""


def test_an_administrator_can_read_a_log_entry(admin_client: Client, entry: TransitionLog) -> None:
    response = admin_client.get(reverse("admin:workflow_transitionlog_change", args=[entry.pk]))
    assert response.status_code == 200
    assert "submit" in response.content.decode()
