"""Bad requests of every kind answer 4xx in the one error shape, never 5xx."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.api.conftest import assert_error, client_for
from tests.builders import World


def test_without_a_token_it_is_401(world: World) -> None:
    assert_error(APIClient().get("/api/v1/submissions/"), 401, "not_authenticated")


def test_a_wrong_token_is_401_authentication_failed(world: World) -> None:
    client = APIClient(HTTP_AUTHORIZATION="Token 0000")

    assert_error(client.get("/api/v1/submissions/"), 401, "authentication_failed")


def test_a_body_that_is_not_json_is_400_parse_error(world: World) -> None:
    response = client_for(world.drafter).generic(
        "POST", "/api/v1/submissions/", "{not json", content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


def test_a_form_body_is_415(world: World) -> None:
    response = client_for(world.drafter).post("/api/v1/submissions/", {"position": "1"})

    assert_error(response, 415, "unsupported_media_type")


def test_an_unsupported_method_is_405(world: World) -> None:
    assert_error(client_for(world.drafter).delete("/api/v1/submissions/"), 405, "method_not_allowed")


def test_asking_for_html_is_406(world: World) -> None:
    assert_error(client_for(world.drafter).get("/api/v1/me/", HTTP_ACCEPT="text/html"), 406, "not_acceptable")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing/",
        "/api/v1/submissions/99999999999999999999999999/",
        "/api/v1/submissions/0/",
        "/api/v1/submissions/abc/status/",
        "/api/v1/positions/-1/",
        "/api/",
    ],
)
def test_unknown_addresses_and_impossible_ids_are_404_json(world: World, path: str) -> None:
    assert_error(client_for(world.drafter).get(path), 404, "not_found")


def test_an_id_that_fits_the_address_but_not_the_database_is_404(world: World) -> None:
    assert_error(client_for(world.drafter).get("/api/v1/submissions/9007199254740991/"), 404, "not_found")


def test_nul_bytes_in_json_are_400(world: World) -> None:
    response = client_for(world.organisasi).post(
        "/api/v1/positions/", {"name": "A\x00", "opd": world.opd.pk, "kind": "pelaksana"}, format="json"
    )

    assert_error(response, 400, "null_characters_not_allowed")


def test_a_huge_string_is_400(world: World) -> None:
    response = client_for(world.organisasi).post(
        "/api/v1/positions/",
        {"name": "A" * 1_000_000, "opd": world.opd.pk, "kind": "pelaksana"},
        format="json",
    )

    assert_error(response, 400, "max_length")


def test_the_user_throttle_answers_429_with_retry_after(world: World, settings) -> None:
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/min", "anon": "2/min"},
    }
    client = client_for(world.drafter)

    statuses = [client.get("/api/v1/me/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/me/")
    assert_error(response, 429, "throttled")
    assert "Retry-After" in response.headers
    cache.clear()
