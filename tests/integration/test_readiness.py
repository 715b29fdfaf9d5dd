"""/readyz/ against the real worker: its heartbeat is seen, and it goes stale when the worker stops."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.integration.services import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_readyz_sees_the_running_workers_heartbeat(worker: Any, redis_url: str, queue_name: str, settings):
    settings.REDIS_URL = redis_url
    settings.WORKER_HEARTBEAT_KEY = f"{queue_name}:heartbeat"

    response = wait_for(lambda: (r := Client().get("/readyz/")).status_code == 200 and r, what="readyz siap")

    checks = response.json()["checks"]
    assert {name: check["ok"] for name, check in checks.items()} == {
        "database": True,
        "redis": True,
        "worker": True,
    }
    assert checks["worker"]["age_seconds"] < 10


def test_readyz_reports_a_stale_heartbeat_as_no_worker(worker: Any, redis_url: str, settings) -> None:
    settings.REDIS_URL = redis_url
    settings.WORKER_HEARTBEAT_KEY = "alur-skj-test:heartbeat-of-nobody"

    response = Client().get("/readyz/")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False
    assert response.json()["checks"]["redis"]["ok"] is True
