"""The worker's settings that make it survive a Redis outage, and keep the broker's timers sane."""

from __future__ import annotations

from config.celery import app
from notifications.delivery import delivery_time_limit, sending_timeout
from notifications.tasks import deliver_notification


def test_the_worker_waits_for_redis_at_startup_and_reconnects_for_ever() -> None:
    assert app.conf.broker_connection_retry is True
    assert app.conf.broker_connection_retry_on_startup is True
    assert app.conf.broker_connection_max_retries is None
    assert app.conf.worker_cancel_long_running_tasks_on_connection_loss is True


def test_no_countdown_outlives_the_visibility_timeout_and_a_dead_connection_is_noticed() -> None:
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] > app.conf.max_countdown_seconds
    assert options["socket_timeout"] > 1  # longer than kombu's BRPOP timeout
    assert options["health_check_interval"] > 0


def test_a_delivery_ends_before_the_sweeper_takes_its_row_back() -> None:
    hard, soft = deliver_notification.time_limit, deliver_notification.soft_time_limit
    assert hard == delivery_time_limit()
    assert soft is not None
    assert soft < hard
    assert sending_timeout().total_seconds() > delivery_time_limit()


def test_the_consumer_writes_a_heartbeat() -> None:
    assert any(step.__name__ == "Heartbeat" for step in app.steps["consumer"])
