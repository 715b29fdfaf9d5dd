"""The transition log can be appended to, never changed or deleted: in the ORM and in PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from submissions.models import Instansi, Submission
from tests.services import need
from workflow.machine import State
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(instansi: Instansi, make_submission: Callable[..., Submission]) -> TransitionLog:
    submission = make_submission(instansi)
    return TransitionLog.objects.create(
        submission=submission,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.OPD_REVIEW,
        actor=submission.created_by,
        comment="Mohon direviu.",
        round=1,
    )


@pytest.fixture
def postgresql() -> None:
    """The database-level guarantee exists only on PostgreSQL (the trigger is a no-op on SQLite)."""
    need(
        connection.vendor == "postgresql",
        f"the append-only trigger needs PostgreSQL; DATABASE_URL points to {connection.vendor}",
    )


def test_a_saved_entry_cannot_be_saved_again(entry: TransitionLog) -> None:
    entry.comment = "diubah"
    with pytest.raises(PermissionError, match="hanya dapat ditambah"):
        entry.save()


def test_an_entry_cannot_be_deleted(entry: TransitionLog) -> None:
    with pytest.raises(PermissionError, match="tidak dapat dihapus"):
        entry.delete()
    assert TransitionLog.objects.filter(pk=entry.pk).exists()


def test_the_log_cannot_be_changed_or_emptied_in_bulk(entry: TransitionLog) -> None:
    with pytest.raises(PermissionError):
        TransitionLog.objects.filter(pk=entry.pk).update(comment="diubah")
    with pytest.raises(PermissionError):
        TransitionLog.objects.all().delete()
    entry.refresh_from_db()
    assert entry.comment == "Mohon direviu."


def run_sql(sql: str, params: list[Any]) -> None:
    # A savepoint, so the test can go on querying after PostgreSQL refused the statement.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.integration
@pytest.mark.usefixtures("postgresql")
def test_raw_sql_cannot_update_an_entry_on_postgresql(entry: TransitionLog) -> None:
    with pytest.raises(DatabaseError, match="hanya dapat ditambah"):
        run_sql("UPDATE workflow_transitionlog SET comment = %s WHERE id = %s", ["diubah", entry.pk])
    entry.refresh_from_db()
    assert entry.comment == "Mohon direviu."


@pytest.mark.integration
@pytest.mark.usefixtures("postgresql")
def test_raw_sql_cannot_delete_an_entry_on_postgresql(entry: TransitionLog) -> None:
    with pytest.raises(DatabaseError, match="DELETE ditolak"):
        run_sql("DELETE FROM workflow_transitionlog WHERE id = %s", [entry.pk])
    assert TransitionLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.integration
@pytest.mark.usefixtures("postgresql")
def test_new_entries_can_still_be_appended_on_postgresql(entry: TransitionLog) -> None:
    TransitionLog.objects.create(
        submission=entry.submission,
        transition="withdraw",
        from_state=State.OPD_REVIEW,
        to_state=State.DRAFT,
        round=1,
    )
    assert TransitionLog.objects.filter(submission=entry.submission).count() == 2
