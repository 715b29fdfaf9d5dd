"""POST /api/v1/auth/token/: a token for good credentials; axes and the login throttle guard it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from tests.api.conftest import assert_error
from tests.builders import World
from tests.factories import DEMO_PASSWORD

URL = "/api/v1/auth/token/"


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


def test_good_credentials_get_a_token_that_authenticates(world: World, anonymous: APIClient) -> None:
    response = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json")

    assert response.status_code == 200, response.content
    token = response.json()["token"]
    me = APIClient(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/")
    assert me.json()["username"] == "penyusun"


def test_each_login_makes_a_new_token_and_both_work(world: World, anonymous: APIClient) -> None:
    first = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json").json()
    second = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json").json()

    assert first["token"] != second["token"]
    assert first["id"] != second["id"]
    for body in (first, second):
        assert APIClient(HTTP_AUTHORIZATION=f"Token {body['token']}").get("/api/v1/me/").status_code == 200


def test_a_wrong_password_answers_400_invalid_credentials(world: World, anonymous: APIClient) -> None:
    response = anonymous.post(URL, {"username": "penyusun", "password": "salah"}, format="json")

    assert_error(response, 400, "invalid_credentials")


def test_an_inactive_user_gets_no_token(world: World, anonymous: APIClient) -> None:
    world.drafter.is_active = False
    world.drafter.save()

    response = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json")

    assert_error(response, 400, "invalid_credentials")


def test_missing_and_unknown_fields_are_listed(world: World, anonymous: APIClient) -> None:
    response = anonymous.post(URL, {"user": "penyusun"}, format="json")

    body = assert_error(response, 400, "unknown_field")
    assert {"field": "user", "code": "unknown_field"}.items() <= body["errors"][0].items()


def test_an_invalid_token_header_does_not_block_logging_in(world: World) -> None:
    client = APIClient(HTTP_AUTHORIZATION="Token tidak-valid")

    response = client.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json")

    assert response.status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_axes_locks_the_login_out_after_repeated_failures(world: World, anonymous: APIClient) -> None:
    for _ in range(3):
        anonymous.post(URL, {"username": "penyusun", "password": "salah"}, format="json")

    response = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json")

    assert_error(response, 429, "locked_out")


def test_the_login_throttle_rate_comes_from_settings(world: World, anonymous: APIClient, settings) -> None:
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": "2/min"}}

    statuses = [
        anonymous.post(URL, {"username": "penyusun", "password": "salah"}, format="json").status_code
        for _ in range(3)
    ]

    assert statuses == [400, 400, 429]
    response = anonymous.post(URL, {"username": "penyusun", "password": DEMO_PASSWORD}, format="json")
    assert_error(response, 429, "throttled")
    assert int(response.headers["Retry-After"]) > 0
    cache.clear()
