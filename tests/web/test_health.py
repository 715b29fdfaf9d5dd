from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.integration.services import free_port


@pytest.mark.django_db
def test_healthz_answers_ok_without_login() -> None:
    response = Client().get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readyz_is_ready_in_process_mode_without_redis(settings: Any) -> None:
    settings.REDIS_URL = ""

    response = Client().get("/readyz/")

    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    assert set(response.json()["checks"]) == {"database", "redis", "worker"}


@pytest.mark.django_db
def test_readyz_with_redis_away_is_503_and_names_redis_while_healthz_stays_ok(settings: Any) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"

    ready = Client().get("/readyz/")

    assert ready.status_code == 503
    assert int(ready.headers["Retry-After"]) > 0
    checks = ready.json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["redis"]["ok"] is False
    assert checks["worker"]["ok"] is False
    assert Client().get("/healthz/").status_code == 200
