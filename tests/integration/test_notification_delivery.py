"""Done-when of issue 4, against a real Redis, a real Celery worker process and a real SMTP server."""

from __future__ import annotations

import pytest

from notifications.models import Delivery, Kind, Notification, Status
from notifications.tasks import deliver_notification, sweep_outbox
from tests.documents import complete_draft, fire
from tests.integration.conftest import use_broker
from tests.integration.services import free_port, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def all_sent(event_prefix: str = "transition:") -> bool:
    rows = Notification.objects.filter(event_key__startswith=event_prefix)
    return rows.exists() and not rows.exclude(status=Status.SENT).exists()


def make_pending(user, key: str) -> Notification:
    from django.utils import timezone

    row = Notification(
        kind=Kind.SUBMIT,
        recipient=user,
        event_key=key,
        idempotency_key=f"{key}:{user.pk}",
        delivery=Delivery.EMAIL,
        subject=f"Uji {key}",
        body_text="Isi uji",
        body_html="<p>Isi uji</p>",
        status=Status.PENDING,
        next_attempt_at=timezone.now(),
    )
    row.save()
    return row


def test_a_transition_makes_each_recipient_receive_one_email(world, worker):
    draft = complete_draft(world)

    fire(draft, "submit", world.drafter)

    wait_for(all_sent, what="semua notifikasi transisi terkirim")
    assert worker.mailbox.recipients() == sorted([world.reviewer.email, world.second_reviewer.email])
    message = worker.mailbox.messages[0]
    # Python folds a long encoded subject right after "Subject:"; unfolded, that is one leading space.
    assert message["Subject"].strip().startswith("[Alur SKJ] Perlu reviu")
    assert message.is_multipart()


def test_a_delivery_task_run_twice_sends_once(world, worker):
    twice, marker = make_pending(world.reviewer, "twice"), make_pending(world.organisasi, "marker")

    deliver_notification.delay(twice.pk)
    deliver_notification.delay(twice.pk)
    deliver_notification.delay(marker.pk)  # one worker, one queue: runs after both of the above

    wait_for(
        lambda: Notification.objects.filter(pk=marker.pk, status=Status.SENT).exists(),
        what="penanda terkirim",
    )
    headers = [message["X-Alur-SKJ-Notification"] for message in worker.mailbox.messages]
    assert headers.count(str(twice.pk)) == 1


def test_with_the_broker_down_a_transition_succeeds_and_the_sweeper_delivers_later(
    world, worker, redis_url, queue_name
):
    draft = complete_draft(world)
    with use_broker(f"redis://127.0.0.1:{free_port()}/0", queue_name):  # nothing listens there
        submitted = fire(draft, "submit", world.drafter)

    assert submitted.state == "opd_review"
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.PENDING}

    sweep_outbox.delay()  # the beat's job, once the broker is back

    wait_for(all_sent, what="penyapu mengirim notifikasi yang tertunda")
    assert worker.mailbox.recipients() == sorted([world.reviewer.email, world.second_reviewer.email])


def test_with_the_smtp_server_down_the_email_is_retried_and_delivered_after_it_comes_back(world, worker):
    draft = complete_draft(world)
    worker.stop()

    fire(draft, "submit", world.drafter)

    failed_once = wait_for(
        lambda: (
            Notification.objects.filter(status=Status.PENDING, attempts__gte=1).exclude(last_error="").first()
        ),
        what="percobaan pertama gagal",
    )
    assert "Connection refused" in failed_once.last_error or "Errno 111" in failed_once.last_error
    worker.start()

    wait_for(all_sent, timeout=20, what="terkirim setelah SMTP kembali")
    assert worker.mailbox.recipients() == sorted([world.reviewer.email, world.second_reviewer.email])
    assert Notification.objects.filter(attempts__gte=2).exists()
