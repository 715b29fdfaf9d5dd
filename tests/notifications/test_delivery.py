from __future__ import annotations

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import OperationalError, connection
from django.utils import timezone

from notifications import delivery
from notifications.delivery import Outcome, deliver, is_transient, message_id, sweep_outbox
from notifications.models import Notification, Status
from notifications.tasks import deliver_notification
from tests.notifications.backends import ScriptedBackend

REFUSED = smtplib.SMTPRecipientsRefused({"x@example.go.id": (550, b"No such user")})


@pytest.fixture
def smtp_errors(settings):
    """Errors the next sends raise, in order; afterwards mail lands in mail.outbox."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.ScriptedBackend"
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    ScriptedBackend.errors = []
    yield ScriptedBackend.errors
    ScriptedBackend.errors = []


@pytest.fixture
def pending(world, record) -> Notification:
    (row,) = record(world.reviewer)  # on-commit callbacks do not run: the row stays pending
    return row


def later(seconds: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=seconds)


def test_a_pending_notification_is_sent_once_and_marked_sent(pending):
    result = deliver(pending.pk)

    pending.refresh_from_db()
    assert result.outcome is Outcome.SENT
    assert (pending.status, pending.attempts, pending.sent_at is not None) == (Status.SENT, 1, True)
    assert [message.to for message in mail.outbox] == [[pending.recipient.email]]


def test_a_delivery_task_run_twice_sends_once(pending):
    deliver_notification.delay(pending.pk)
    deliver_notification.delay(pending.pk)

    assert len(mail.outbox) == 1


def test_a_transient_error_puts_the_row_back_with_a_backoff_and_the_error_kept(pending, smtp_errors):
    smtp_errors.append(smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    before = timezone.now()

    result = deliver(pending.pk)

    pending.refresh_from_db()
    assert (result.outcome, result.retry_in) == (Outcome.RETRY, 60)
    assert (pending.status, pending.attempts) == (Status.PENDING, 1)
    assert "SMTPServerDisconnected" in pending.last_error
    assert pending.next_attempt_at >= before + datetime.timedelta(seconds=60)


def test_a_retry_is_not_sent_before_its_time_and_is_sent_after_it(pending, smtp_errors):
    smtp_errors.append(ConnectionRefusedError(111, "Connection refused"))
    deliver(pending.pk)

    early = deliver(pending.pk)
    on_time = deliver(pending.pk, now=later(61))

    assert (early.outcome, on_time.outcome) == (Outcome.NOT_CLAIMED, Outcome.SENT)
    assert len(mail.outbox) == 1


def test_the_backoff_doubles_with_each_failure(pending, smtp_errors):
    smtp_errors.extend([TimeoutError("timed out"), TimeoutError("timed out")])

    first = deliver(pending.pk)
    second = deliver(pending.pk, now=later(61))

    assert (first.retry_in, second.retry_in) == (60, 120)


def test_after_the_last_attempt_the_row_is_failed_with_the_error_kept(pending, smtp_errors):
    smtp_errors.extend([TimeoutError("timed out")] * 3)

    outcomes = [deliver(pending.pk, now=later(hours * 3600)).outcome for hours in (0, 1, 2)]

    pending.refresh_from_db()
    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED]
    assert (pending.status, pending.attempts, pending.next_attempt_at) == (Status.FAILED, 3, None)
    assert "timed out" in pending.last_error
    assert deliver(pending.pk, now=later(4 * 3600)).outcome is Outcome.NOT_CLAIMED


def test_a_refused_recipient_fails_at_once_without_retry(pending, smtp_errors):
    smtp_errors.append(REFUSED)

    result = deliver(pending.pk)

    pending.refresh_from_db()
    assert (result.outcome, pending.status, pending.attempts) == (Outcome.FAILED, Status.FAILED, 1)
    assert "SMTPRecipientsRefused" in pending.last_error


def test_an_unexpected_error_fails_the_row_instead_of_leaving_it_sending(pending, smtp_errors):
    smtp_errors.append(ValueError("bad header"))

    assert deliver(pending.pk).outcome is Outcome.FAILED
    pending.refresh_from_db()
    assert pending.status == Status.FAILED


def test_a_database_connection_dropped_while_the_bodies_are_stored_is_tried_again(
    pending, smtp_errors, monkeypatch
):
    def dropped(rows):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(delivery, "ensure_bodies", dropped)
    result = deliver(pending.pk)
    monkeypatch.undo()

    pending.refresh_from_db()
    assert (result.outcome, pending.status) == (Outcome.RETRY, Status.PENDING)
    assert "terminating connection" in pending.last_error
    assert deliver(pending.pk, now=later(61)).outcome is Outcome.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("closed"), True),
        (smtplib.SMTPConnectError(421, b"busy"), True),
        (smtplib.SMTPDataError(451, b"try later"), True),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPSenderRefused(550, b"no", "a@b"), False),
        (smtplib.SMTPSenderRefused(451, b"local error, try later", "a@b"), True),
        (smtplib.SMTPRecipientsRefused({"x@example.go.id": (450, b"Greylisted, try again later")}), True),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), False),
        (REFUSED, False),
        (ConnectionRefusedError(111, "refused"), True),
        (TimeoutError("timed out"), True),
        (OSError(101, "Network is unreachable"), True),
        (OperationalError("terminating connection due to administrator command"), True),
        (ValueError("bad"), False),
    ],
)
def test_only_server_and_network_errors_are_transient(error, transient):
    assert is_transient(error) is transient


def test_the_sweeper_recovers_a_row_stuck_sending_only_after_the_timeout(pending, settings):
    settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS = 600
    settings.NOTIFICATION_SWEEP_GRACE_SECONDS = 60
    Notification.objects.filter(pk=pending.pk).update(status=Status.SENDING, claimed_at=timezone.now())

    soon = sweep_outbox(now=later(300))
    late = sweep_outbox(now=later(601))

    assert (soon.recovered, soon.due) == (0, [])
    assert (late.recovered, late.due) == (1, [pending.pk])
    assert deliver(pending.pk, now=later(601)).outcome is Outcome.SENT


def test_the_sweeper_lists_pending_rows_once_their_grace_period_is_over(world, record, settings):
    settings.NOTIFICATION_SWEEP_GRACE_SECONDS = 60
    waiting, sent, failed = record(world.reviewer, world.second_reviewer, world.organisasi)
    deliver(sent.pk)
    Notification.objects.filter(pk=failed.pk).update(status=Status.FAILED)

    assert sweep_outbox().due == []
    assert sweep_outbox(now=later(61)).due == [waiting.pk]


def test_every_copy_of_a_notification_carries_one_message_id_derived_from_its_idempotency_key(
    pending, smtp_errors
):
    smtp_errors.append(smtplib.SMTPServerDisconnected("closed"))
    deliver(pending.pk)
    Notification.objects.filter(pk=pending.pk).update(next_attempt_at=timezone.now())

    deliver(pending.pk)

    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == message_id(pending.idempotency_key)
    assert message_id(pending.idempotency_key) != message_id(pending.idempotency_key + "x")
    assert message_id(pending.idempotency_key).endswith("@alur-skj.local>")


def test_a_row_stuck_sending_whose_message_the_server_accepted_is_marked_sent_without_resending(
    pending, monkeypatch
):
    cache.clear()
    # The server accepted, then every attempt to record `sent` lost its connection.
    monkeypatch.setattr(delivery, "MARK_SENT_RETRY_WAITS", (0.0, 0.0))
    monkeypatch.setattr(connection, "close", lambda: None)  # keeps the test's transaction
    real_mark_sent = delivery._mark_sent

    def connection_dropped(notification_id: int) -> int:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(delivery, "_mark_sent", connection_dropped)
    deliver(pending.pk)
    monkeypatch.setattr(delivery, "_mark_sent", real_mark_sent)
    pending.refresh_from_db()
    assert pending.status == Status.SENDING

    swept = sweep_outbox(now=later(delivery.sending_timeout().total_seconds() + 1))

    pending.refresh_from_db()
    assert (swept.recovered, swept.due, pending.status) == (0, [], Status.SENT)
    assert len(mail.outbox) == 1


def test_a_row_stuck_sending_without_the_accepted_mark_is_sent_again_and_says_why(pending):
    cache.clear()
    Notification.objects.filter(pk=pending.pk).update(status=Status.SENDING, claimed_at=timezone.now())

    swept = sweep_outbox(now=later(delivery.sending_timeout().total_seconds() + 1))

    pending.refresh_from_db()
    assert (swept.recovered, swept.due) == (1, [pending.pk])
    assert (pending.status, pending.last_error) == (Status.PENDING, delivery.UNKNOWN_OUTCOME)


def test_a_stuck_row_waits_at_most_a_few_minutes(settings):
    assert delivery.sending_timeout() <= datetime.timedelta(minutes=2)
    assert delivery.sending_timeout().total_seconds() > delivery.delivery_time_limit()
