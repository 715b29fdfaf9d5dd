"""POST /submissions/{id}/transitions/: 200 with the new status; 403, 409 and 400 told apart."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import OUTSIDERS, assert_error, client_for
from tests.builders import World
from tests.documents import LETTER
from workflow.models import TransitionLog

TODAY = LETTER["letter_date"]


def url(submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/transitions/"


def test_a_drafter_submits_a_complete_draft(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.drafter).post(url(draft), {"name": "submit"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "opd_review"
    assert [t["name"] for t in response.json()["allowed_transitions"]] == ["withdraw"]


def test_a_reviewer_returns_with_a_reason_and_the_round_grows(world: World, document) -> None:
    in_review = document("opd_review")

    response = client_for(world.reviewer).post(
        url(in_review),
        {"name": "return_to_drafter", "reason_code": "wording", "comment": "Perbaiki."},
        format="json",
    )

    assert response.json()["state"] == "draft"
    assert response.json()["round"] == 2
    entry = TransitionLog.objects.filter(submission=in_review).latest("id")
    assert (entry.reason_code, entry.comment, entry.actor) == ("wording", "Perbaiki.", world.reviewer)


def test_the_ministry_records_its_agreement_with_a_letter(world: World, document) -> None:
    consulted = document("ministry_consultation")

    response = client_for(world.ministry).post(
        url(consulted),
        {"name": "ministry_agree", "letter_number": "B/1/2026", "letter_date": TODAY.isoformat()},
        format="json",
    )

    assert response.json()["state"] == "approved"
    assert TransitionLog.objects.filter(submission=consulted).latest("id").letter_date == TODAY


def test_not_yours_is_403(world: World, document) -> None:
    draft = document("draft")

    assert_error(
        client_for(world.reviewer).post(url(draft), {"name": "submit"}, format="json"), 403, "not_permitted"
    )


def test_a_reviewer_who_submitted_cannot_forward_his_own_round(world: World, document) -> None:
    in_review = document("opd_review")
    in_review.submitted_by = world.reviewer
    in_review.save()

    response = client_for(world.reviewer).post(url(in_review), {"name": "forward"}, format="json")

    assert_error(response, 403, "self_approval")


def test_the_wrong_state_is_409_and_so_is_firing_twice(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)

    assert_error(client.post(url(draft), {"name": "withdraw"}, format="json"), 409, "wrong_state")
    assert client.post(url(draft), {"name": "submit"}, format="json").status_code == 200
    assert_error(client.post(url(draft), {"name": "submit"}, format="json"), 409, "wrong_state")
    assert TransitionLog.objects.filter(submission=draft, transition="submit").count() == 1


def test_an_incomplete_document_lists_every_problem_at_once(world: World) -> None:
    client = client_for(world.drafter)
    created = client.post("/api/v1/submissions/", {"position": world.position.pk}, format="json").json()

    response = client.post(
        f"/api/v1/submissions/{created['id']}/transitions/", {"name": "submit"}, format="json"
    )

    body = assert_error(response, 400)
    codes = {error["code"] for error in body["errors"]}
    assert {"summary_missing"} <= codes
    assert len(body["errors"]) >= 3
    assert all(error["message"] for error in body["errors"])


def test_missing_inputs_of_a_send_back_are_listed_with_their_fields(world: World, document) -> None:
    in_review = document("opd_review")

    response = client_for(world.reviewer).post(url(in_review), {"name": "return_to_drafter"}, format="json")

    body = assert_error(response, 400)
    assert {(e["code"], e["field"]) for e in body["errors"]} == {
        ("reason_code_required", "reason_code"),
        ("comment_required", "comment"),
    }


def test_an_unknown_reason_code_is_400(world: World, document) -> None:
    in_review = document("opd_review")

    response = client_for(world.reviewer).post(
        url(in_review), {"name": "return_to_drafter", "reason_code": "bosan", "comment": "x"}, format="json"
    )

    assert_error(response, 400, "reason_code_unknown")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"name": "approve_everything"}, "unknown_transition"),
        ({"name": "supersede"}, "unknown_transition"),
        ({}, "required"),
        ({"name": ["submit"]}, "unknown_transition"),
        ({"name": "ministry_agree", "letter_date": "kemarin"}, "invalid"),
        ({"name": "submit", "comment": "a\x00"}, "null_characters_not_allowed"),
        ({"name": "submit", "comment": "a" * 6000}, "max_length"),
        ({"name": "submit", "state": "approved"}, "unknown_field"),
    ],
)
def test_bad_input_is_400_and_changes_nothing(world: World, document, body: dict, code: str) -> None:
    draft = document("draft")

    assert_error(client_for(world.drafter).post(url(draft), body, format="json"), 400, code)
    assert client_for(world.drafter).get(f"/api/v1/submissions/{draft.pk}/status/").json()["state"] == "draft"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outside_the_scope_it_is_404_even_for_a_bad_body(world: World, document, role: str) -> None:
    draft = document("draft")
    client = client_for(getattr(world, role))

    assert_error(client.post(url(draft), {"name": "submit"}, format="json"), 404, "not_found")
    assert_error(client.post(url(draft), {"name": "nonsense"}, format="json"), 404, "not_found")


def test_a_transition_reads_its_document_first_under_the_lock(world: World, document) -> None:
    draft = document("draft")

    with CaptureQueriesContext(connection) as queries:
        response = client_for(world.drafter).post(url(draft), {"name": "submit"}, format="json")

    assert response.status_code == 200, response.content
    sql = [query["sql"] for query in queries.captured_queries]
    lock = next(i for i, text in enumerate(sql) if "FOR UPDATE" in text)
    # The locked read is scoped (404 outside the scope), so nothing asks before it: only a body
    # found wrong asks whether the document is in scope, to answer 404 rather than 400.
    assert [text for text in sql[:lock] if 'FROM "submissions_submission"' in text] == []
