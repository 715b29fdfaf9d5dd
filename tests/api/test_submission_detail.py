"""GET and PATCH /submissions/{id}/: the whole document, its ETag, and If-Match on edits."""

from __future__ import annotations

import pytest

from tests.api.conftest import OUTSIDERS, assert_error, client_for
from tests.builders import World
from tests.factories import PositionFactory


def url(submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/"


def test_it_returns_the_whole_document_with_an_etag(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.reviewer).get(url(draft))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id", "position", "version", "round", "state", "state_label", "due_at", "overdue", "updated_at",
        "summary", "competencies", "requirements",
    }  # fmt: skip
    assert body["position"] == {
        "id": world.position.pk,
        "name": "Kepala Seksi Surveilans",
        "kind": "pengawas",
        "rank": None,
        "opd": {"id": world.opd.pk, "name": "Dinas Kesehatan"},
    }
    assert body["competencies"][-1] == {
        "group": "technical",
        "code": "T.01",
        "name": "Surveilans Kesehatan",
        "level": 3,
        "description": "Surveilans level 3",
        "indicators": ["3.1 Teknis"],
    }
    assert body["requirements"][0] == {
        "section": "education_level",
        "text": "S-1/D-IV",
        "importance": "mutlak",
    }
    assert response.headers["ETag"].startswith(f'"{draft.pk}-{draft.content_revision}-')


@pytest.mark.parametrize("role", OUTSIDERS)
def test_a_document_of_another_opd_or_instansi_is_not_found(world: World, document, role: str) -> None:
    draft = document("draft")
    client = client_for(getattr(world, role))

    assert_error(client.get(url(draft)), 404, "not_found")
    assert_error(client.patch(url(draft), {"summary": "x"}, format="json"), 404, "not_found")


def test_the_ministry_sees_a_document_only_once_consulted(world: World, document) -> None:
    draft = document("draft")
    consulted = document("ministry_consultation", PositionFactory.create(opd=world.opd, kind="pelaksana"))
    client = client_for(world.ministry)

    assert_error(client.get(url(draft)), 404, "not_found")
    response = client.get(url(consulted))
    assert response.status_code == 200, response.content
    assert (response.json()["id"], response.json()["state"]) == (consulted.pk, "ministry_consultation")


def test_patch_replaces_lists_and_fills_dictionary_rows_from_code_and_level(world: World, document) -> None:
    draft = document("draft")
    rows = [
        {"group": "managerial", "code": "M.01", "level": 4},
        {"group": "technical", "name": "Menulis", "level": 2},
    ]

    response = client_for(world.drafter).patch(url(draft), {"competencies": rows}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["competencies"] == [
        {
            "group": "managerial",
            "code": "M.01",
            "name": "Kompetensi M.01",
            "level": 4,
            "description": "Deskripsi M.01 level 4",
            "indicators": ["4.1 Indikator M.01", "4.2 Indikator M.01", "4.3 Indikator M.01"],
        },
        {
            "group": "technical",
            "code": None,
            "name": "Menulis",
            "level": 2,
            "description": "",
            "indicators": [],
        },
    ]
    assert body["summary"] == "Melaksanakan surveilans penyakit menular di wilayah kota."
    assert len(body["requirements"]) == 3
    assert response.headers["ETag"].startswith(f'"{draft.pk}-{draft.content_revision + 1}-')
    assert response.headers["ETag"] == client_for(world.drafter).get(url(draft)).headers["ETag"]


def test_patch_with_the_current_etag_succeeds_and_a_stale_one_is_412(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(url(draft)).headers["ETag"]

    first = client.patch(url(draft), {"summary": "Baru."}, format="json", HTTP_IF_MATCH=etag)
    second = client.patch(url(draft), {"summary": "Lagi."}, format="json", HTTP_IF_MATCH=etag)

    assert first.status_code == 200
    assert_error(second, 412, "stale")
    assert client.get(url(draft)).json()["summary"] == "Baru."


def test_an_etag_of_another_state_is_stale(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(
        url(draft),
        {"summary": "x"},
        format="json",
        HTTP_IF_MATCH=f'"{draft.pk}-{draft.content_revision}-opd_review"',
    )

    assert_error(response, 412, "stale")


def test_if_match_star_means_any_version(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH="*")

    assert response.status_code == 200


@pytest.mark.parametrize("header", ["12", "\u00e9", '"unterminated', '"a" "b"', 'w/"1"', '"1",x'])
def test_a_malformed_if_match_is_400(world: World, document, header: str) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(
        url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH=header
    )

    assert_error(response, 400, "invalid_if_match")


@pytest.mark.parametrize("field", ["state", "id", "version", "round", "position", "due_at"])
def test_state_and_ownership_are_never_writable(world: World, document, field: str) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(url(draft), {field: "approved"}, format="json")

    body = assert_error(response, 400, "read_only_field")
    assert body["errors"][0]["field"] == field
    assert client_for(world.drafter).get(url(draft)).json()["state"] == "draft"


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"summary": "a\x00b"}, "null_characters_not_allowed", "summary"),
        ({"summary": "a" * 20_000}, "max_length", "summary"),
        ({"summary": 5}, "invalid", "summary"),
        ({"competencies": "M.01"}, "not_a_list", "competencies"),
        ({"competencies": [{"group": "managerial", "level": 9}]}, "max_value", "competencies[0].level"),
        ({"competencies": [{"group": "x", "level": 1}]}, "invalid_choice", "competencies[0].group"),
        ({"competencies": [{"group": "technical", "level": "tinggi"}]}, "invalid", "competencies[0].level"),
        ({"competencies": [{"group": "technical", "level": 1, "x": 1}]}, "unknown_field", "competencies[0].x"),  # noqa: E501
        ({"competencies": [{"group": "technical", "level": 1}] * 201}, "max_length", "competencies"),
        ({"requirements": [{"section": "rank", "text": "III/a", "importance": "wajib"}]}, "invalid_choice",
         "requirements[0].importance"),
        ({"requirements": [{"section": "rank", "importance": "perlu"}]}, "required", "requirements[0].text"),
        ({"ikhtisar": "x"}, "unknown_field", "ikhtisar"),
    ],
)  # fmt: skip
def test_bad_content_answers_400_naming_the_field(
    world: World, document, body: dict, code: str, field: str
) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(url(draft), body, format="json")

    errors = assert_error(response, 400, code)["errors"]
    assert field in [error["field"] for error in errors]


def test_a_json_array_body_is_400(world: World, document) -> None:
    draft = document("draft")

    assert_error(client_for(world.drafter).patch(url(draft), [1, 2], format="json"), 400, "invalid")


@pytest.mark.parametrize("role", ["reviewer", "organisasi"])
def test_only_a_drafter_of_the_opd_edits(world: World, document, role: str) -> None:
    draft = document("draft")

    assert_error(client_for(getattr(world, role)).patch(url(draft), {"summary": "x"}, format="json"), 403)


def test_a_document_under_review_cannot_be_edited(world: World, document) -> None:
    in_review = document("opd_review")

    response = client_for(world.drafter).patch(url(in_review), {"summary": "x"}, format="json")

    assert_error(response, 409, "not_editable")
