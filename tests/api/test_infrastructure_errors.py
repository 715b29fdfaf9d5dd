"""Infrastructure failures answer the one JSON error shape: Redis away, the database away, bodies
too large or too deep, and the unexpected. Redis is really away here: the cache points at a
loopback port where nothing listens, so every cache call is refused as in an outage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from integrations import tokens
from security.outage import end_every_outage
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.integration.services import free_port
from workflow.models import TransitionLog


@pytest.fixture
def redis_away(settings: Any) -> Iterator[None]:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "1000/min", "anon": "1000/min", "login": "1000/min"},
    }
    yield
    # The outage this test caused would otherwise keep the next tests off the cache for 5 seconds.
    end_every_outage()


def test_with_redis_away_reads_still_answer(world: World, document, redis_away: None) -> None:
    draft = document("draft")
    client = client_for(world.drafter)

    assert client.get("/api/v1/me/").status_code == 200
    assert client.get(f"/api/v1/submissions/{draft.pk}/status/").status_code == 200
    assert client.get("/api/v1/submissions/").status_code == 200


def test_with_redis_away_a_token_is_still_issued(world: World, redis_away: None) -> None:
    world.drafter.set_password("rahasia-uji-2026")
    world.drafter.save()

    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": world.drafter.username, "password": "rahasia-uji-2026"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["token"]


def test_with_redis_away_a_transition_commits_with_its_log_row(
    world: World, document, redis_away: None
) -> None:
    draft = document("draft")

    response = client_for(world.drafter).post(
        f"/api/v1/submissions/{draft.pk}/transitions/", {"name": "submit"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert TransitionLog.objects.filter(submission=draft, transition="submit").count() == 1


def test_with_redis_away_the_limits_still_hold_within_the_process(
    world: World, redis_away: None, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/min", "anon": "2/min", "login": "2/min"},
    }
    client = client_for(world.reviewer)

    statuses = [client.get("/api/v1/me/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_nested_5000_deep_on_a_transition_is_400(world: World, document) -> None:
    draft = document("draft")
    body = '{"name": "submit", "comment": ' + nested(5000) + "}"

    response = client_for(world.drafter).generic(
        "POST", f"/api/v1/submissions/{draft.pk}/transitions/", body, content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


def test_json_nested_5000_deep_on_a_patch_is_400(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(f"/api/v1/submissions/{draft.pk}/").headers["ETag"]
    body = '{"summary": ' + nested(5000) + "}"

    response = client.generic(
        "PATCH", f"/api/v1/submissions/{draft.pk}/", body, content_type="application/json", HTTP_IF_MATCH=etag
    )

    assert_error(response, 400, "parse_error")


def test_a_body_over_the_upload_limit_is_413(world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"name": "A" * 20_000, "opd": world.opd.pk, "kind": "pelaksana"})

    response = client_for(world.organisasi).generic(
        "POST", "/api/v1/positions/", body, content_type="application/json"
    )

    assert_error(response, 413, "request_too_large")


def test_the_database_away_during_authentication_is_503_with_retry_after(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def database_gone(digest: str) -> Any:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tokens, "token_entry", database_gone)

    response = APIClient(HTTP_AUTHORIZATION="Token abc").get("/api/v1/me/")

    assert_error(response, 503, "database_unavailable")
    assert int(response.headers["Retry-After"]) > 0


def test_the_database_away_while_reading_the_session_is_503_json_for_the_api(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    def database_gone(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(SessionStore, "load", database_gone)
    client = APIClient(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32

    response = client.get("/api/v1/me/")

    assert_error(response, 503, "database_unavailable")
    assert "Retry-After" in response.headers


def test_the_database_away_on_a_page_is_503_with_retry_after(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    def database_gone(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(SessionStore, "load", database_gone)
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32

    response = client.get("/")

    assert response.status_code == 503
    assert "Retry-After" in response.headers
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_an_unexpected_error_in_a_view_is_500_json(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.views import accounts

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(accounts, "assignments_of", broken)

    response = client_for(world.drafter).get("/api/v1/me/")

    body = assert_error(response, 500, "server_error")
    assert "bug" not in json.dumps(body)
