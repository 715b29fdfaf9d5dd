"""/positions/: read in scope; Bagian Organisasi of the instansi creates and edits."""

from __future__ import annotations

import pytest

from submissions.models import Position
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.factories import PositionFactory

URL = "/api/v1/positions/"


def _new(world: World, **fields) -> dict:
    return {
        "name": "Epidemiolog Ahli Muda",
        "opd": world.opd.pk,
        "kind": "fungsional",
        "rank": "ahli_muda",
        **fields,
    }


def test_bagian_organisasi_creates_a_position_with_urusan_by_name(world: World) -> None:
    response = client_for(world.organisasi).post(
        URL, _new(world, urusan=["Kesehatan", " Kesehatan ", "Statistik"], code="EPI-1"), format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "fungsional"
    assert body["rank"] == "ahli_muda"
    assert body["opd"] == {"id": world.opd.pk, "name": "Dinas Kesehatan"}
    assert body["urusan"] == ["Kesehatan", "Statistik"]
    assert Position.objects.get(pk=body["id"]).code == "EPI-1"


@pytest.mark.parametrize("role", ["drafter", "reviewer", "ministry"])
def test_other_roles_that_see_the_opd_are_refused_with_403(world: World, role: str) -> None:
    response = client_for(getattr(world, role)).post(URL, _new(world), format="json")

    assert_error(response, 403, "not_permitted")


@pytest.mark.parametrize("role", ["other_organisasi", "other_drafter", "outsider"])
def test_an_opd_out_of_scope_is_not_found(world: World, role: str) -> None:
    assert_error(client_for(getattr(world, role)).post(URL, _new(world), format="json"), 404, "not_found")


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"rank": ""}, "rank_required"),
        ({"kind": "pengawas"}, "rank_not_allowed"),
        ({"kind": "menteri"}, "invalid_choice"),
        ({"rank": "ahli_super"}, "invalid_choice"),
        ({"name": ""}, "blank"),
        ({"urusan": "Kesehatan"}, "not_a_list"),
        ({"opd": "satu"}, "invalid"),
        ({"state": "approved"}, "unknown_field"),
    ],
)
def test_bad_kind_rank_or_fields_answer_400(world: World, fields: dict, code: str) -> None:
    response = client_for(world.organisasi).post(URL, _new(world, **fields), format="json")

    assert_error(response, 400, code)


def test_a_duplicate_name_in_the_unit_is_a_conflict(world: World) -> None:
    client = client_for(world.organisasi)
    client.post(URL, _new(world), format="json")

    assert_error(client.post(URL, _new(world), format="json"), 409, "position_exists")


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("drafter", True),
        ("reviewer", True),
        ("organisasi", True),
        ("ministry", False),
        ("other_drafter", False),
        ("other_organisasi", False),
        ("outsider", False),
    ],
)
def test_positions_are_visible_only_in_scope(world: World, role: str, sees: bool) -> None:
    client = client_for(getattr(world, role))

    listed = [row["id"] for row in client.get(URL).json()["results"]]
    detail = client.get(f"{URL}{world.position.pk}/")

    assert (world.position.pk in listed) is sees
    assert detail.status_code == (200 if sees else 404)


def test_the_list_filters_by_opd_kind_and_search(world: World) -> None:
    PositionFactory.create(opd=world.other_opd, name="Analis Kebijakan", kind="pelaksana")
    client = client_for(world.organisasi)

    assert [r["name"] for r in client.get(URL, {"opd": world.other_opd.pk}).json()["results"]] == [
        "Analis Kebijakan"
    ]
    assert [r["name"] for r in client.get(URL, {"kind": "pengawas"}).json()["results"]] == [
        "Kepala Seksi Surveilans"
    ]
    assert [r["name"] for r in client.get(URL, {"q": "analis"}).json()["results"]] == ["Analis Kebijakan"]


def test_bagian_organisasi_changes_kind_rank_and_urusan(world: World) -> None:
    response = client_for(world.organisasi).patch(
        f"{URL}{world.position.pk}/",
        {"kind": "fungsional", "rank": "ahli_pertama", "urusan": ["Kesehatan Masyarakat"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["rank"] == "ahli_pertama"
    assert response.json()["urusan"] == ["Kesehatan Masyarakat"]


def test_moving_a_position_to_another_opd_is_refused(world: World) -> None:
    response = client_for(world.organisasi).patch(
        f"{URL}{world.position.pk}/", {"opd": world.other_opd.pk}, format="json"
    )

    assert_error(response, 400, "read_only_field")
    assert Position.objects.get(pk=world.position.pk).opd_id == world.opd.pk


def test_a_drafter_cannot_change_a_position(world: World) -> None:
    response = client_for(world.drafter).patch(f"{URL}{world.position.pk}/", {"name": "X"}, format="json")

    assert_error(response, 403, "not_permitted")


def test_another_instansi_cannot_change_it_nor_learn_it_exists(world: World) -> None:
    response = client_for(world.other_organisasi).patch(
        f"{URL}{world.position.pk}/", {"name": "X"}, format="json"
    )

    assert_error(response, 404, "not_found")


def test_the_positions_list_is_walked_by_next_links_without_a_count(world: World) -> None:
    Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Pelaksana {i % 3}", kind="pelaksana", sub_unit=f"Seksi {i}")
        for i in range(11)
    )
    client = client_for(world.organisasi)

    seen, url, pages = [], f"{URL}?page_size=4", 0
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1

    expected = Position.objects.filter(opd__instansi=world.instansi).order_by("name", "sub_unit", "id")
    assert seen == list(expected.values_list("id", flat=True))
    assert pages == 3


def test_a_positions_cursor_not_written_by_the_api_is_a_400(world: World) -> None:
    response = client_for(world.organisasi).get(URL, {"cursor": "WyJuIixbXV0"})

    assert_error(response, 400, "invalid_cursor")


def test_a_search_lists_every_match_once_newest_first(world: World) -> None:
    made = [PositionFactory.create(opd=world.opd, name=f"Arsiparis {i}", kind="pelaksana") for i in range(7)]
    PositionFactory.create(opd=world.opd, name="Pranata Komputer", kind="pelaksana")
    client = client_for(world.organisasi)

    seen, url = [], f"{URL}?q=arsip&page_size=3"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]

    assert seen == [p.pk for p in reversed(made)]
