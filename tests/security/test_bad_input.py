"""Input an attacker sends answers 400 with a clear message, never a 500: forged cursors, NUL bytes
in query parameters, an over-long login name."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from notifications.models import Notification
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.documents import document_in

pytestmark = pytest.mark.django_db


def _cursor(raw: str) -> str:
    return base64.b64encode(raw.encode()).decode()


@pytest.mark.parametrize("raw", ["p=abc", "p=1%00", "p=2026-01-01", "p=-5", "p=99999999999999999999", "o=x"])
@pytest.mark.parametrize("path", ["/api/v1/submissions/", "/api/v1/notifications/"])
def test_a_forged_cursor_is_refused_with_400(world: World, path: str, raw: str) -> None:
    response = client_for(world.drafter).get(path, {"cursor": _cursor(raw)})

    body = assert_error(response, 400, "invalid_cursor")
    assert body["errors"][0]["field"] == "cursor"


def test_a_cursor_the_api_wrote_still_works(world: World) -> None:
    for number in range(3):
        Notification.objects.create(
            recipient=world.drafter,
            kind="submit",
            subject="s",
            idempotency_key=f"k-{number}",
            event_key="e",
            delivery="in_app",
            status="sent",
        )
    client = client_for(world.drafter)

    first = client.get("/api/v1/notifications/", {"page_size": 1}).json()

    assert client.get(first["next"]).status_code == 200


@pytest.fixture
def editor(world: World) -> tuple[Client, int]:
    client = Client()
    client.force_login(world.drafter, backend="django.contrib.auth.backends.ModelBackend")
    return client, document_in(world, "draft").pk


@pytest.mark.parametrize(
    "query",
    ["baris-kompetensi/?code=%00&level=2&new=1", "baris-kompetensi/?c_key=%00", "cari-kompetensi/?q=%00ab"],
)
def test_a_nul_byte_in_the_editors_helper_queries_is_refused(editor: tuple[Client, int], query: str) -> None:
    client, document = editor

    response = client.get(f"/dokumen/{document}/ubah/{query}")

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/competencies/?code=%00",
        "/api/v1/notifications/?unread=%00",
        "/api/v1/submissions/?cursor=%00",
        "/api/v1/positions/?%00=1",
    ],
)
def test_a_nul_byte_in_any_api_query_parameter_answers_the_error_shape(world: World, path: str) -> None:
    assert_error(client_for(world.drafter).get(path), 400, "null_characters_not_allowed")


def test_a_login_name_over_255_characters_is_a_clear_400(world: World, settings) -> None:
    settings.AXES_ENABLED = True

    response = Client().post("/masuk/", {"username": "a" * 300, "password": "salah"})

    assert response.status_code == 400
    assert "terlalu panjang" in response.content.decode()


def test_the_admin_login_refuses_an_over_long_name_too(world: World, settings) -> None:
    settings.AXES_ENABLED = True

    response = Client().post("/admin/login/", {"username": "a" * 300, "password": "salah"})

    assert response.status_code == 200
    assert "terlalu panjang" in response.content.decode()
