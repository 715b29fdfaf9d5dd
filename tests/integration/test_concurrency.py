"""Overlapping sweeps and deliveries on PostgreSQL with real threads (SQLite proves nothing here)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from notifications.delivery import Outcome, deliver
from notifications.digests import compose_all_digests
from notifications.models import Delivery, Kind, Notification, Status
from submissions.models import Submission
from tests.factories import PositionFactory
from workflow.machine import State
from workflow.reminders import first_reminder_at, send_due_reminders

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

NOW = datetime.datetime(2026, 12, 23, 1, 0, tzinfo=datetime.UTC)  # 08:00 WIB, 2 working days before
DUE = datetime.datetime(2026, 12, 29, 16, 59, 59, tzinfo=datetime.UTC)


def run_together(work: Callable[[], Any], threads: int = 2) -> list[Any]:
    """Run `work` in several threads released at the same instant; each has its own connection."""
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except BaseException as error:  # surfaced in the test below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert errors == []
    return results


def due_documents(world, count: int) -> list[Submission]:
    documents = []
    for _ in range(count):
        submission = Submission(
            position=PositionFactory.create(opd=world.opd),
            state=State.DRAFT,
            due_at=DUE,
            stage_entered_at=DUE - datetime.timedelta(days=20),
        )
        submission.next_reminder_at = first_reminder_at(submission)
        submission.save()
        documents.append(submission)
    return documents


def test_two_reminder_sweeps_at_once_send_one_reminder_each(world, postgres):
    documents = due_documents(world, 12)

    results = run_together(lambda: send_due_reminders(now=NOW))

    assert sum(results) == len(documents)
    for document in documents:
        recipients = Notification.objects.filter(submission=document, kind="reminder").values_list(
            "recipient__username", flat=True
        )
        assert sorted(recipients) == ["penyusun", "penyusun2"]
        document.refresh_from_db()
        assert document.reminders_sent == 1


def test_two_deliveries_of_one_notification_at_once_send_one_email(world, postgres, record_pending):
    row = record_pending(world.reviewer)

    outcomes = run_together(lambda: deliver(row.pk).outcome)

    assert sorted(outcome.value for outcome in outcomes) == sorted(
        [Outcome.SENT.value, Outcome.NOT_CLAIMED.value]
    )
    assert len(mail.outbox) == 1


@pytest.fixture
def record_pending(db: None) -> Callable[..., Notification]:
    from django.utils import timezone

    def make(user) -> Notification:
        return Notification.objects.create(
            kind=Kind.SUBMIT,
            recipient=user,
            event_key="race",
            idempotency_key=f"race:{user.pk}",
            delivery=Delivery.EMAIL,
            subject="Uji balapan",
            body_text="Isi",
            body_html="<p>Isi</p>",
            status=Status.PENDING,
            next_attempt_at=timezone.now(),
        )

    return make


def test_two_digest_runs_at_once_give_each_user_one_digest_holding_each_item_once(world, postgres):
    readers = [world.reviewer, world.second_reviewer]
    for reader in readers:
        for number in range(5):
            Notification.objects.create(
                kind=Kind.SUBMIT,
                recipient=reader,
                event_key=f"digest-race:{number}",
                idempotency_key=f"digest-race:{number}:{reader.pk}",
                delivery=Delivery.DIGEST,
                subject=f"Uji ringkasan {number}",
                body_text="Isi",
                body_html="<p>Isi</p>",
                status=Status.AWAITING_DIGEST,
            )

    results = run_together(lambda: compose_all_digests(day=datetime.date(2026, 12, 23)))

    assert sum(len(ids) for ids in results) == len(readers)
    for reader in readers:
        digest = Notification.objects.get(recipient=reader, kind=Kind.DIGEST)
        assert digest.digest_items.count() == 5
    assert not Notification.objects.filter(status=Status.AWAITING_DIGEST).exists()
