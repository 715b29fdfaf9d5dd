"""Webhook deliveries to a real HTTP receiver on loopback: signed, claimed, retried, never redirected."""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from notifications.webhooks import signing
from notifications.webhooks.delivery import Outcome, deliver, sweep
from notifications.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.builders import World
from tests.documents import complete_draft, fire
from tests.events import integration_account
from tests.notifications.receivers import Receiver
from workflow.events.models import Event

pytestmark = pytest.mark.django_db

SECRET = "rahasia-penerima-uji-2026"
LATER = datetime.timedelta(days=1)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that is not listening yet (start it to bring it up)."""
    server = Receiver()
    yield server
    if server.hold is not None:
        server.hold.set()
    server.stop()


def subscribe(world: World, url: str, kinds: tuple[str, ...] = ("transition",)) -> WebhookSubscription:
    account = integration_account("simpeg.kota", world.instansi)
    return WebhookSubscription.objects.create(owner=account, url=url, kinds=list(kinds), secret=SECRET)


def pending_ids() -> list[str]:
    return [str(pk) for pk in WebhookDelivery.objects.order_by("event_id").values_list("pk", flat=True)]


def test_a_receiver_that_was_down_receives_every_event_once_each_signature_verifying(
    world: World, receiver: Receiver
):
    subscribe(world, receiver.url)
    draft = complete_draft(world)
    fire(draft, "submit", world.drafter)
    fire(draft, "withdraw", world.drafter)
    ids = pending_ids()
    assert len(ids) == 3

    # Down: the connection is refused, each row waits for its next attempt.
    assert [deliver(i).outcome for i in ids] == [Outcome.RETRY] * 3
    assert set(WebhookDelivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 1)}

    receiver.start()
    later = timezone.now() + LATER
    due = sweep(now=later).due
    assert sorted(due) == sorted(ids)
    assert [deliver(i, now=later).outcome for i in due] == [Outcome.DELIVERED] * 3
    # Run again: nothing is sent twice.
    assert sweep(now=later + LATER).due == []
    assert [deliver(i, now=later + LATER).outcome for i in ids] == [Outcome.NOT_CLAIMED] * 3

    delivered = {r.headers[signing.DELIVERY_HEADER]: r for r in receiver.received}
    assert sorted(delivered) == sorted(ids)
    assert len(receiver.received) == 3
    events = []
    for received in receiver.received:
        timestamp = received.headers[signing.TIMESTAMP_HEADER]
        assert signing.verify(SECRET, timestamp, received.body, received.headers[signing.SIGNATURE_HEADER])
        body = json.loads(received.body)
        assert body["delivery"] == received.headers[signing.DELIVERY_HEADER]
        events.append(body["event"]["id"])
    assert sorted(events) == sorted(Event.objects.values_list("pk", flat=True))


def test_a_wrong_secret_fails_verification(world: World, receiver: Receiver):
    subscribe(world, receiver.start().url)
    complete_draft(world)
    assert deliver(pending_ids()[0]).outcome is Outcome.DELIVERED

    received = receiver.received[0]
    timestamp, header = received.headers[signing.TIMESTAMP_HEADER], received.headers[signing.SIGNATURE_HEADER]
    assert signing.verify(SECRET, timestamp, received.body, header)
    assert not signing.verify("another-secret-entirely", timestamp, received.body, header)
    assert not signing.verify(SECRET, str(int(timestamp) + 1), received.body, header)
    assert not signing.verify(SECRET, timestamp, received.body + b" ", header)


def test_a_redirect_is_not_followed_and_fails_the_delivery(world: World, receiver: Receiver):
    elsewhere = Receiver().start()
    try:
        receiver.status, receiver.location = 302, elsewhere.url
        subscribe(world, receiver.start().url)
        complete_draft(world)

        assert deliver(pending_ids()[0]).outcome is Outcome.FAILED
    finally:
        elsewhere.stop()

    assert elsewhere.received == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.FAILED, 302)
    assert "redirect" in delivery.last_error


def test_a_slow_receiver_is_cut_off_and_tried_again(world: World, receiver: Receiver, settings: Any):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    receiver.hold = threading.Event()
    subscribe(world, receiver.start().url)
    complete_draft(world)
    (delivery_id,) = pending_ids()

    assert deliver(delivery_id).outcome is Outcome.RETRY
    receiver.hold.set()

    row = WebhookDelivery.objects.get()
    assert (row.status, row.attempts) == (DeliveryStatus.PENDING, 1)
    assert "TimeoutError" in row.last_error
    assert row.next_attempt_at is not None
    assert row.next_attempt_at > timezone.now()
    receiver.hold = None
    assert deliver(delivery_id, now=timezone.now() + LATER).outcome is Outcome.DELIVERED


def test_a_receiver_trickling_its_answer_is_cut_off_at_the_timeout_in_all(
    world: World, receiver: Receiver, settings: Any
):
    # Each byte arrives well within the socket's timeout; only the overall deadline stops it.
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    receiver.trickle = True
    subscribe(world, receiver.start().url)
    complete_draft(world)

    assert deliver(pending_ids()[0]).outcome is Outcome.RETRY
    assert "TimeoutError" in WebhookDelivery.objects.get().last_error


@pytest.mark.parametrize(
    ("status", "outcome"), [(503, Outcome.RETRY), (429, Outcome.RETRY), (404, Outcome.FAILED)]
)
def test_server_errors_and_throttling_are_retried_other_refusals_fail(
    world: World, receiver: Receiver, status: int, outcome: Outcome
):
    receiver.status = status
    subscribe(world, receiver.start().url)
    complete_draft(world)

    assert deliver(pending_ids()[0]).outcome is outcome
    assert WebhookDelivery.objects.get().last_status_code == status


def test_after_the_last_attempt_the_delivery_is_failed_and_visible(
    world: World, receiver: Receiver, settings: Any
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 500
    subscribe(world, receiver.start().url)
    complete_draft(world)
    (delivery_id,) = pending_ids()

    assert deliver(delivery_id).outcome is Outcome.RETRY
    assert deliver(delivery_id, now=timezone.now() + LATER).outcome is Outcome.FAILED

    row = WebhookDelivery.objects.get()
    assert (row.status, row.attempts, row.last_error) == (DeliveryStatus.FAILED, 2, "HTTP 500")
    assert sweep(now=timezone.now() + 2 * LATER).due == []


def test_a_target_that_became_internal_is_refused_at_delivery(
    world: World, receiver: Receiver, settings: Any
):
    subscribe(world, receiver.start().url)
    complete_draft(world)
    settings.WEBHOOKS_ALLOW_LOOPBACK = False

    assert deliver(pending_ids()[0]).outcome is Outcome.FAILED
    assert receiver.received == []
    assert "loopback" in WebhookDelivery.objects.get().last_error


def test_the_sweeper_takes_back_a_delivery_whose_worker_died(world: World, receiver: Receiver):
    subscribe(world, receiver.start().url)
    complete_draft(world)
    (delivery_id,) = pending_ids()
    long_ago = timezone.now() - LATER
    WebhookDelivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.SENDING, claimed_at=long_ago)

    result = sweep()

    assert (result.recovered, result.due) == (1, [delivery_id])
    assert deliver(delivery_id).outcome is Outcome.DELIVERED
    assert [r.headers[signing.DELIVERY_HEADER] for r in receiver.received] == [delivery_id]


def test_an_inactive_subscription_sends_nothing(world: World, receiver: Receiver):
    subscription = subscribe(world, receiver.start().url)
    complete_draft(world)
    subscription.active = False
    subscription.save()

    assert deliver(pending_ids()[0]).outcome is Outcome.NOT_CLAIMED
    assert sweep(now=timezone.now() + LATER).due == []
    assert receiver.received == []


@pytest.mark.django_db(transaction=True)
def test_once_the_transition_commits_its_delivery_is_sent_by_the_task(world: World, receiver: Receiver):
    # Celery runs tasks in-process in unit tests: the task enqueued on commit posts at once.
    subscribe(world, receiver.start().url)

    draft = complete_draft(world)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert [json.loads(r.body)["event"]["submission"] for r in receiver.received] == [draft.pk]
