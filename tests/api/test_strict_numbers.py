"""Where the schema says integer, a string, a float or a boolean is refused (DRF would take "5",
5.0 and true)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.documents import document_in

pytestmark = pytest.mark.django_db

NOT_INTEGERS = ["5", 5.0, 2.5, True, "1e3"]


@pytest.mark.parametrize("value", NOT_INTEGERS)
def test_a_position_id_must_be_an_integer_to_create_a_draft(world: World, value: Any) -> None:
    response = client_for(world.drafter).post("/api/v1/submissions/", {"position": value}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["errors"][0]["field"] == "position"


@pytest.mark.parametrize("value", NOT_INTEGERS)
def test_an_opd_id_must_be_an_integer_to_create_a_position(world: World, value: Any) -> None:
    body = {"name": "Analis", "opd": value if value != 5.0 else float(world.opd.pk), "kind": "pelaksana"}

    response = client_for(world.organisasi).post("/api/v1/positions/", body, format="json")

    assert_error(response, 400, "invalid")


@pytest.mark.parametrize("value", ["3", 3.0, True])
def test_a_level_must_be_an_integer(world: World, value: Any) -> None:
    draft = document_in(world, "draft")
    client = client_for(world.drafter)
    url = f"/api/v1/submissions/{draft.pk}/"
    etag = client.get(url).headers["ETag"]
    rows = [{"group": "technical", "code": "T.01", "level": value}]

    response = client.patch(url, {"competencies": rows}, format="json", HTTP_IF_MATCH=etag)

    body = assert_error(response, 400, "invalid")
    assert body["errors"][0]["field"] == "competencies[0].level"


def test_a_real_integer_is_still_taken(world: World) -> None:
    response = client_for(world.drafter).post(
        "/api/v1/submissions/", {"position": world.position.pk}, format="json"
    )

    assert response.status_code == 201
