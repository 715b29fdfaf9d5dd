from __future__ import annotations

import smtplib
from unittest import mock

import pytest
from celery import current_app
from kombu.exceptions import OperationalError

from notifications import dispatch
from notifications.delivery import backoff_seconds
from notifications.models import Notification, Status
from notifications.tasks import deliver_notification, sweep_outbox
from tests.documents import fire
from tests.notifications.backends import ScriptedBackend


@pytest.fixture
def enqueued(monkeypatch):
    """The (args, countdown) of every delivery task handed to the broker."""
    calls: list[tuple[tuple[int, ...], int]] = []

    def fake_apply_async(args, countdown=0, **options):
        calls.append((tuple(args), countdown))

    monkeypatch.setattr(deliver_notification, "apply_async", fake_apply_async)
    return calls


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(deliver_notification, "apply_async", refuse)


@pytest.mark.parametrize("seconds", [-5, 0, 1, 299, 300, 301, 3600, 86400])
def test_no_countdown_exceeds_the_brokers_limit(settings, seconds):
    settings.CELERY_MAX_COUNTDOWN_SECONDS = 300

    assert 0 <= dispatch.capped_countdown(seconds) <= 300


def test_every_retry_of_a_failing_delivery_is_enqueued_within_the_countdown_limit(
    world, record, settings, enqueued
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.ScriptedBackend"
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATION_MAX_ATTEMPTS = 8
    assert backoff_seconds(7) > settings.CELERY_MAX_COUNTDOWN_SECONDS  # the ladder does exceed the cap
    (row,) = record(world.reviewer)
    ScriptedBackend.errors[:] = [smtplib.SMTPServerDisconnected("closed")] * 7
    try:
        for _ in range(7):
            Notification.objects.filter(pk=row.pk).update(next_attempt_at=row.created_at)
            deliver_notification.run(row.pk)
    finally:
        ScriptedBackend.errors[:] = []

    countdowns = [countdown for _args, countdown in enqueued]
    assert len(countdowns) == 7
    assert max(countdowns) == settings.CELERY_MAX_COUNTDOWN_SECONDS


def test_a_broker_error_while_enqueueing_is_swallowed_and_the_rows_stay_pending(world, record, broker_down):
    rows = record(world.reviewer, world.second_reviewer)

    assert dispatch.dispatch_deliveries([row.pk for row in rows]) == 0
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.PENDING}


def test_a_transition_succeeds_while_the_broker_is_down_and_the_sweeper_sends_later(
    world, draft, broker_down, monkeypatch, settings, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = fire(draft, "submit", world.drafter)

    assert submitted.state == "opd_review"
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert mailoutbox == []

    monkeypatch.undo()  # the broker is back (eager tasks)
    settings.NOTIFICATION_SWEEP_GRACE_SECONDS = 0
    sweep_outbox.delay()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [world.reviewer.email, world.second_reviewer.email]
    )


def test_the_sweeper_enqueues_without_countdown(world, record, settings, enqueued):
    settings.NOTIFICATION_SWEEP_GRACE_SECONDS = 0
    (row,) = record(world.reviewer)

    sweep_outbox.run()

    assert enqueued == [((row.pk,), 0)]


def test_dispatch_stops_at_the_first_broker_error(world, record, monkeypatch):
    rows = record(world.reviewer, world.second_reviewer)
    attempt = mock.Mock(side_effect=OperationalError("down"))
    monkeypatch.setattr(deliver_notification, "apply_async", attempt)

    dispatch.dispatch_deliveries([row.pk for row in rows])

    assert attempt.call_count == 1


def test_one_broker_connection_serves_every_dispatch_until_an_error_drops_it(world, record, monkeypatch):
    rows = record(world.reviewer, world.second_reviewer)
    opened: list[object] = []
    used: list[object] = []
    open_connection = current_app.connection_for_write

    def counting(**options):
        opened.append(open_connection(**options))
        return opened[-1]

    def publish(args, countdown=0, connection=None, **options):
        used.append(connection)
        if args == (-1,):
            raise OperationalError("Connection reset by peer")

    monkeypatch.setattr(current_app, "connection_for_write", counting)
    monkeypatch.setattr(deliver_notification, "apply_async", publish)
    dispatch.forget_connection()  # whatever an earlier test left in this thread

    dispatch.dispatch_deliveries([rows[0].pk])
    dispatch.dispatch_deliveries([rows[1].pk])
    assert len(opened) == 1
    assert used == [opened[0], opened[0]]

    assert dispatch.dispatch_deliveries([-1]) == 0
    dispatch.dispatch_deliveries([rows[0].pk])
    assert len(opened) == 2
    assert used[-1] is opened[1]


@pytest.fixture
def batches(monkeypatch):
    """The id lists of every batch message handed to the broker (not run)."""
    calls: list[list[int]] = []

    def fake_apply_async(args, **options):
        calls.append(list(args[0]))

    monkeypatch.setattr(dispatch.deliver_notifications, "apply_async", fake_apply_async)
    return calls


def test_a_transitions_rows_leave_the_request_in_one_message(
    world, draft, batches, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fire(draft, "submit", world.drafter)

    rows = sorted(Notification.objects.filter(status=Status.PENDING).values_list("pk", flat=True))
    assert len(rows) == 2
    assert [sorted(batch) for batch in batches] == [rows]
    assert enqueued == []  # no delivery task of its own was published by the request


def test_the_worker_fans_a_batch_out_into_one_delivery_task_per_row(world, record, enqueued):
    rows = record(world.reviewer, world.second_reviewer)

    assert dispatch.deliver_notifications.run([row.pk for row in rows]) == 2

    assert sorted(enqueued) == sorted(((row.pk,), 0) for row in rows)


def test_a_batch_of_one_is_a_plain_delivery_task(world, record, batches, enqueued):
    (row,) = record(world.reviewer)

    assert dispatch.dispatch_batch([row.pk]) == 1

    assert batches == []
    assert enqueued == [((row.pk,), 0)]


def test_a_batch_delivered_twice_sends_each_email_once(world, record, mailoutbox):
    rows = record(world.reviewer, world.second_reviewer)
    ids = [row.pk for row in rows]

    dispatch.dispatch_batch(ids)  # eager in tests: fans out and delivers at once
    dispatch.dispatch_batch(ids)

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [world.reviewer.email, world.second_reviewer.email]
    )
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_batch_the_broker_refuses_leaves_its_rows_pending_for_the_sweeper(world, record, monkeypatch):
    rows = record(world.reviewer, world.second_reviewer)
    refuse = mock.Mock(side_effect=OperationalError("Connection refused"))
    monkeypatch.setattr(dispatch.deliver_notifications, "apply_async", refuse)

    assert dispatch.dispatch_batch([row.pk for row in rows]) == 0

    assert set(Notification.objects.values_list("status", flat=True)) == {Status.PENDING}
