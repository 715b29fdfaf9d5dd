"""GET and POST /submissions/: the scoped keyset list with filters, and creating a draft."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from submissions.models import Submission
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.factories import PositionFactory

URL = "/api/v1/submissions/"

# Who sees a draft of world.opd, and who sees one that went to the ministry.
SEES_DRAFT = {
    "drafter": True,
    "second_drafter": True,
    "reviewer": True,
    "organisasi": True,
    "ministry": False,
}
SEES_CONSULTED = {**SEES_DRAFT, "ministry": True}
OUTSIDE = ("other_drafter", "other_reviewer", "other_organisasi", "outsider")


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("role", [*SEES_DRAFT, *OUTSIDE])
def test_the_list_holds_only_documents_in_the_callers_scope(world: World, document, role: str) -> None:
    draft = document("draft")
    consulted = document("ministry_consultation", PositionFactory.create(opd=world.opd))

    listed = _ids(client_for(getattr(world, role)).get(URL))

    assert (draft.pk in listed) is SEES_DRAFT.get(role, False)
    assert (consulted.pk in listed) is SEES_CONSULTED.get(role, False)


def test_a_list_row_has_the_status_fields_and_no_content(world: World, document) -> None:
    draft = document("draft")

    row = client_for(world.drafter).get(URL).json()["results"][0]

    assert row["id"] == draft.pk
    assert row["state"] == "draft"
    assert row["state_label"] == "Draf"
    assert row["position"]["opd"] == {"id": world.opd.pk, "name": "Dinas Kesehatan"}
    assert "competencies" not in row


def test_the_list_filters_by_state_opd_position_and_search(world: World, document) -> None:
    draft = document("draft")
    in_review = document("opd_review", PositionFactory.create(opd=world.opd, name="Analis Data"))
    client = client_for(world.organisasi)

    assert _ids(client.get(URL, {"state": "opd_review"})) == [in_review.pk]
    assert _ids(client.get(URL, {"position": draft.position_id})) == [draft.pk]
    assert _ids(client.get(URL, {"opd": world.other_opd.pk})) == []
    assert _ids(client.get(URL, {"q": "analis"})) == [in_review.pk]
    assert sorted(_ids(client.get(URL, {"opd": world.opd.pk}))) == sorted([draft.pk, in_review.pk])


def test_the_overdue_filter_keeps_active_documents_past_their_deadline(world: World, document) -> None:
    late = document("draft")
    on_time = document("opd_review", PositionFactory.create(opd=world.opd))
    Submission.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    client = client_for(world.organisasi)

    assert _ids(client.get(URL, {"overdue": "true"})) == [late.pk]
    assert _ids(client.get(URL, {"overdue": "false"})) == [on_time.pk]
    assert client.get(f"{URL}{late.pk}/status/").json()["overdue"] is True


@pytest.mark.parametrize(
    ("params", "code"),
    [({"state": "selesai"}, "invalid_choice"), ({"opd": "x"}, "invalid"), ({"opd": "9" * 30}, "max_value")],
)
def test_bad_filters_answer_400(world: World, params: dict, code: str) -> None:
    assert_error(client_for(world.organisasi).get(URL, params), 400, code)


def test_a_search_with_a_nul_byte_or_too_long_is_400(world: World) -> None:
    client = client_for(world.organisasi)

    assert_error(client.get(URL, {"q": "a\x00b"}), 400, "null_characters_not_allowed")
    assert_error(client.get(URL, {"q": "a" * 500}), 400, "max_length")


def test_the_list_pages_by_cursor_newest_first_without_repeats(world: World, document) -> None:
    created = [document("draft", PositionFactory.create(opd=world.opd)).pk for _ in range(5)]
    client = client_for(world.drafter)

    seen: list[int] = []
    response = client.get(URL, {"page_size": 2})
    while True:
        seen += _ids(response)
        if not response.json()["next"]:
            break
        response = client.get(response.json()["next"])

    assert seen == sorted(created, reverse=True)


def test_a_forged_cursor_is_400_in_the_error_shape(world: World) -> None:
    forged = "bz14"  # base64 of "o=x"
    assert_error(client_for(world.drafter).get(URL, {"cursor": forged}), 400, "invalid_cursor")


def test_a_drafter_creates_a_draft_prefilled_with_the_nine_fixed_rows(world: World) -> None:
    response = client_for(world.drafter).post(URL, {"position": world.position.pk}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft"
    assert body["version"] == 1
    assert body["round"] == 1
    assert [row["code"] for row in body["competencies"]] == [f"M.0{i}" for i in range(1, 9)] + ["SK.01"]
    assert {row["level"] for row in body["competencies"]} == {2}
    assert response.headers["ETag"].startswith(f'"{body["id"]}-1-')


def test_a_second_draft_of_the_same_position_is_a_conflict(world: World) -> None:
    client = client_for(world.drafter)
    client.post(URL, {"position": world.position.pk}, format="json")

    assert_error(client.post(URL, {"position": world.position.pk}, format="json"), 409, "already_exists")


@pytest.mark.parametrize("role", ["reviewer", "organisasi"])
def test_only_a_drafter_of_the_opd_creates_drafts(world: World, role: str) -> None:
    response = client_for(getattr(world, role)).post(URL, {"position": world.position.pk}, format="json")

    assert_error(response, 403, "not_permitted")


@pytest.mark.parametrize("role", ["other_drafter", "other_organisasi", "ministry", "outsider"])
def test_a_position_out_of_scope_is_not_found(world: World, role: str) -> None:
    response = client_for(getattr(world, role)).post(URL, {"position": world.position.pk}, format="json")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "required"),
        ({"position": "satu"}, "invalid"),
        ({"position": 10**30}, "max_value"),
        ({"position": 1, "state": "approved"}, "unknown_field"),
        ({"position": 1, "owner": 3}, "unknown_field"),
    ],
)
def test_bad_create_bodies_answer_400(world: World, body: dict, code: str) -> None:
    assert_error(client_for(world.drafter).post(URL, body, format="json"), 400, code)
