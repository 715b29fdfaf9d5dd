"""GET /opds/, /competencies/, /reason-codes/: reference data in the caller's scope, paginated."""

from __future__ import annotations

import pytest

from submissions.models import Competency, CompetencyGroup
from tests.api.conftest import assert_error, client_for
from tests.builders import World


def _names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("drafter", {"Dinas Kesehatan"}),
        ("other_drafter", {"Dinas Pendidikan"}),
        ("organisasi", {"Dinas Kesehatan", "Dinas Pendidikan"}),
        ("other_organisasi", {"Dinas Perhubungan"}),
        ("ministry", {"Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan"}),
        ("outsider", set()),
    ],
)
def test_opds_are_those_of_the_callers_scope(world: World, role: str, expected: set[str]) -> None:
    assert _names(client_for(getattr(world, role)).get("/api/v1/opds/")) == expected


def test_opds_filter_by_instansi_and_search(world: World) -> None:
    client = client_for(world.ministry)

    assert _names(client.get("/api/v1/opds/", {"instansi": world.instansi.pk})) == {
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    }
    assert _names(client.get("/api/v1/opds/", {"q": "hubung"})) == {"Dinas Perhubungan"}


def test_opds_are_paginated_with_a_count(world: World) -> None:
    body = client_for(world.organisasi).get("/api/v1/opds/", {"page_size": 1}).json()

    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"]


@pytest.mark.parametrize("page", ["999999999999999999999999", "0", "-1", "abc", "9" * 5000])
def test_a_page_out_of_range_is_404_in_the_error_shape(world: World, page: str) -> None:
    assert_error(client_for(world.organisasi).get("/api/v1/opds/", {"page": page}), 404, "not_found")


@pytest.mark.parametrize("size", ["abc", "0", "-5", "1e3", "9" * 50])
def test_a_bad_page_size_is_400(world: World, size: str) -> None:
    body = assert_error(client_for(world.organisasi).get("/api/v1/opds/", {"page_size": size}), 400)
    assert body["errors"][0] == {
        "code": "invalid_page_size",
        "message": body["errors"][0]["message"],
        "field": "page_size",
    }


def test_a_huge_page_size_is_capped(world: World) -> None:
    response = client_for(world.ministry).get("/api/v1/competencies/", {"page_size": 100000})

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 100


def test_competencies_are_national_plus_the_callers_instansi(world: World) -> None:
    Competency.objects.create(
        code="T.99",
        name="Teknis Lain",
        group=CompetencyGroup.TECHNICAL,
        instansi=world.other_instansi_opd.instansi,
    )

    own = client_for(world.drafter).get("/api/v1/competencies/", {"group": "technical"}).json()["results"]
    other = client_for(world.other_organisasi).get("/api/v1/competencies/", {"group": "technical"}).json()

    assert [row["code"] for row in own] == ["T.01"]
    assert own[0]["instansi"] == {"id": world.instansi.pk, "name": world.instansi.name}
    assert [level["level"] for level in own[0]["levels"]] == [1, 2, 3, 4, 5]
    assert [row["code"] for row in other["results"]] == ["T.99"]


def test_competencies_filter_by_code(world: World) -> None:
    rows = client_for(world.drafter).get("/api/v1/competencies/", {"code": "m.01"}).json()["results"]

    assert [row["code"] for row in rows] == ["M.01"]
    assert rows[0]["instansi"] is None


def test_an_unknown_group_filter_is_400(world: World) -> None:
    assert_error(
        client_for(world.drafter).get("/api/v1/competencies/", {"group": "x"}), 400, "invalid_choice"
    )


def test_reason_codes_are_the_active_ones(world: World) -> None:
    from workflow.models import ReasonCode

    ReasonCode.objects.filter(code="other").update(active=False)

    rows = client_for(world.reviewer).get("/api/v1/reason-codes/").json()["results"]

    codes = [row["code"] for row in rows]
    assert "wording" in codes
    assert "other" not in codes
