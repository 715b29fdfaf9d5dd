"""Fault injection: the worker killed, Redis stopped, SMTP refusing, PostgreSQL backends terminated.

After each fault the ledger is reconciled (tests/integration/reconcile.py): every committed
transition has exactly one log row, each notification reached the SMTP server exactly once, and
requests that were rolled back left nothing behind.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.test import Client

from config.celery import app as celery_app
from notifications.models import Notification, Status
from notifications.tasks import sweep_outbox
from tests.documents import complete_draft, fire
from tests.integration import reconcile
from tests.integration.conftest import use_broker, worker_application_name
from tests.integration.services import start_worker, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def answers_ping() -> bool:
    try:
        return bool(celery_app.control.ping(timeout=0.5))
    except Exception:  # Redis just came back: a pooled connection may still be the old one
        return False


def terminate_backends(application_name: str | None = None) -> int:
    """pg_terminate_backend on the test database's other sessions (or only those of one program)."""
    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname=database["NAME"],
        autocommit=True,
    ) as own:
        rows = own.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND (%(name)s::text IS NULL OR application_name = %(name)s)",
            {"name": application_name},
        ).fetchall()
    return len(rows)


def test_a_database_connection_dropped_after_smtp_accepted_does_not_send_twice(world, worker, queue_name):
    # The moment that sent duplicates: the server has the message, the worker's connection dies
    # before it can record `sent`.
    worker.mailbox.on_accept = lambda message: terminate_backends(worker_application_name(queue_name))
    draft = complete_draft(world)

    fire(draft, "submit", world.drafter)

    rows = Notification.objects.filter(event_key__startswith="transition:")
    wait_for(lambda: not rows.exclude(status=Status.SENT).exists(), timeout=20, what="tercatat terkirim")
    worker.mailbox.on_accept = None
    sweep_outbox.delay()
    sweep_outbox.delay()
    reconcile.deliver_everything()
    assert worker.mailbox.copies_per_notification() == {
        str(pk): 1 for pk in rows.values_list("pk", flat=True)
    }
    assert len({message["Message-ID"] for message in worker.mailbox.messages}) == 2


def test_the_worker_killed_with_sigkill_mid_delivery_sends_each_notification_once(
    world, own_worker_factory, redis_url, smtp
):
    own = own_worker_factory(redis_url)
    documents = reconcile.drafts(world, 3)
    smtp.mailbox.hold = threading.Event()  # the first sender waits in the middle of its conversation

    with use_broker(redis_url, own.queue):
        statuses = reconcile.submit_all(world, documents)
        wait_for(smtp.mailbox.holding.is_set, what="worker di tengah percakapan SMTP")
        own.kill()
        smtp.mailbox.hold.set()
        smtp.mailbox.hold = None
        assert Notification.objects.filter(status=Status.SENDING).count() == 1

        own.start()
        reconcile.deliver_everything()

    assert statuses == [200, 200, 200]
    reconcile.assert_exactly_once(documents, smtp.mailbox)


def test_redis_stopped_during_a_burst_and_started_again_loses_and_doubles_nothing(
    world, own_redis, own_worker_factory, smtp, settings
):
    own = own_worker_factory(own_redis.url)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.REDIS_URL = own_redis.url
    documents = reconcile.drafts(world, 9)
    seen_during_outage: dict[str, Any] = {}

    def outage(index: int) -> None:
        if index == 3:
            own_redis.stop()
        if index == 5:
            seen_during_outage["readyz"] = Client().get("/readyz/")
            seen_during_outage["me"] = reconcile.client_for(world.reviewer).get("/api/v1/me/").status_code
        if index == 6:
            own_redis.start()

    with use_broker(own_redis.url, own.queue):
        statuses = reconcile.submit_all(world, documents, during=outage)
        wait_for(own.alive, what="worker masih hidup")
        reconcile.deliver_everything()

    assert statuses == [200] * 9  # transitions commit while Redis is away
    assert seen_during_outage["me"] == 200  # and reads answer
    readyz = seen_during_outage["readyz"]
    assert readyz.status_code == 503
    assert readyz.json()["checks"]["redis"]["ok"] is False
    assert readyz.json()["checks"]["database"]["ok"] is True
    assert own.alive(), own.log_tail()
    reconcile.assert_exactly_once(documents, smtp.mailbox)


def test_the_smtp_server_refusing_mail_for_a_while_delays_but_loses_and_doubles_nothing(world, worker):
    documents = reconcile.drafts(world, 4)
    worker.mailbox.refuse_with = "451 4.3.0 Sedang sibuk, coba lagi nanti"

    statuses = reconcile.submit_all(world, documents)
    wait_for(lambda: worker.mailbox.refused >= 4, what="SMTP menolak beberapa kali")
    worker.mailbox.refuse_with = None
    reconcile.deliver_everything()

    assert statuses == [200] * 4
    assert Notification.objects.filter(attempts__gte=2).exists()
    reconcile.assert_exactly_once(documents, worker.mailbox)


def test_postgresql_backends_terminated_mid_burst_lose_and_double_nothing(world, worker):
    documents = reconcile.drafts(world, 10)
    stop = threading.Event()
    terminated: list[int] = []

    def terminator() -> None:
        while not stop.wait(0.15):
            terminated.append(terminate_backends())

    thread = threading.Thread(target=terminator)
    thread.start()
    try:
        statuses = reconcile.submit_all(world, documents)
    finally:
        stop.set()
        thread.join()
    connection.close()
    reconcile.retry_until_settled(world, documents)
    reconcile.deliver_everything()

    assert sum(terminated) > 0
    assert set(statuses) <= {200, 503}
    reconcile.assert_exactly_once(documents, worker.mailbox)


def test_a_worker_started_while_redis_is_down_waits_and_works_once_it_is_up(
    world, own_redis, own_worker_factory, smtp
):
    own = own_worker_factory(own_redis.url)
    own.stop()
    own_redis.stop()
    own.process = start_worker(own.env, own.log_path)
    time.sleep(1.5)  # the worker's first tries fail; its next one (at 2 s) finds Redis
    assert own.alive(), own.log_tail()  # still trying, not exited

    own_redis.start()
    draft = complete_draft(world)
    with use_broker(own_redis.url, own.queue):
        wait_for(answers_ping, timeout=30, what="worker tersambung")
        fire(draft, "submit", world.drafter)
        reconcile.deliver_everything()

    assert sorted(smtp.mailbox.copies_per_notification().values()) == [1, 1]
