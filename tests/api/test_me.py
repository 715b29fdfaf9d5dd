"""GET /api/v1/me/: the caller and his roles."""

from __future__ import annotations

import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from submissions.models import ActingKind, Role
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.factories import RoleAssignmentFactory


def test_it_shows_the_callers_roles_with_their_opd(world: World) -> None:
    world.drafter.first_name, world.drafter.email = "Sari", "sari@example.test"
    world.drafter.save()

    body = client_for(world.drafter).get("/api/v1/me/").json()

    assert body["username"] == "penyusun"
    assert body["email"] == "sari@example.test"
    assert body["name"].startswith("Sari")
    assert body["roles"] == [
        {
            "role": "drafter",
            "role_label": "Penyusun OPD",
            "opd": {"id": world.opd.pk, "name": "Dinas Kesehatan"},
            "instansi": None,
            "acting": "",
            "valid_until": None,
        }
    ]


def test_bagian_organisasi_is_bound_to_an_instansi(world: World) -> None:
    role = client_for(world.organisasi).get("/api/v1/me/").json()["roles"][0]

    assert role["opd"] is None
    assert role["instansi"] == {"id": world.instansi.pk, "name": world.instansi.name}


def test_an_acting_assignment_shows_its_end_and_an_expired_one_is_gone(world: World) -> None:
    today = timezone.localdate()
    RoleAssignmentFactory.create(
        user=world.outsider,
        role=Role.REVIEWER,
        opd=world.opd,
        acting=ActingKind.PLT,
        acting_for="Kepala Dinas",
        valid_until=today + datetime.timedelta(days=5),
    )
    RoleAssignmentFactory.create(
        user=world.outsider,
        role=Role.REVIEWER,
        opd=world.other_opd,
        acting=ActingKind.PLH,
        valid_from=today - datetime.timedelta(days=9),
        valid_until=today - datetime.timedelta(days=1),
    )

    roles = client_for(world.outsider).get("/api/v1/me/").json()["roles"]

    assert [(r["acting"], r["opd"]["id"], r["valid_until"]) for r in roles] == [
        ("plt", world.opd.pk, (today + datetime.timedelta(days=5)).isoformat())
    ]


def test_a_user_without_roles_has_an_empty_list(world: World) -> None:
    assert client_for(world.outsider).get("/api/v1/me/").json()["roles"] == []


def test_without_credentials_it_answers_401_in_the_error_shape(world: World) -> None:
    response = APIClient().get("/api/v1/me/")

    assert_error(response, 401, "not_authenticated")
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_a_browser_session_also_works(world: World) -> None:
    client = APIClient()
    client.force_login(world.reviewer)

    assert client.get("/api/v1/me/").json()["username"] == "pemeriksa"
