"""GET /submissions/{id}/status/: a cheap status check that never reads the content rows."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from api.serializers.workflow import StatusSerializer
from submissions.models import Submission
from tests.api.conftest import OUTSIDERS, assert_error, client_for
from tests.builders import World


def url(submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/status/"


def test_it_lists_the_fields_and_what_the_caller_may_do(world: World, document) -> None:
    in_review = document("opd_review")

    body = client_for(world.second_reviewer).get(url(in_review)).json()

    assert set(body) == {
        "id", "state", "state_label", "version", "round", "due_at", "overdue", "updated_at",
        "allowed_transitions",
    }  # fmt: skip
    assert body["state"] == "opd_review"
    assert body["state_label"] == "Reviu OPD"
    assert [t["name"] for t in body["allowed_transitions"]] == ["return_to_drafter", "forward"]
    assert body["allowed_transitions"][0]["requires"] == ["reason_code", "comment"]


def test_the_submitter_may_withdraw_and_others_of_the_opd_may_not(world: World, document) -> None:
    in_review = document("opd_review")

    mine = client_for(world.drafter).get(url(in_review)).json()["allowed_transitions"]
    theirs = client_for(world.second_drafter).get(url(in_review)).json()["allowed_transitions"]

    assert [t["name"] for t in mine] == ["withdraw"]
    assert theirs == []


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outside_the_scope_it_is_not_found(world: World, document, role: str) -> None:
    assert_error(client_for(getattr(world, role)).get(url(document("draft"))), 404, "not_found")


def test_with_a_cached_token_it_costs_one_query_and_never_touches_the_rows(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    client.get(url(draft))  # the first request caches the token, the user and his roles

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(draft))

    assert response.status_code == 200
    assert [t["name"] for t in response.json()["allowed_transitions"]] == ["submit"]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "competencyrow" not in sql
    assert "requirementrow" not in sql
    assert len(queries.captured_queries) == 1, sql  # the document, its position and OPD


def test_a_cold_token_costs_the_token_the_user_his_roles_and_its_last_use(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(draft)).status_code == 200

    assert len(queries.captured_queries) == 5  # token, user, roles, last use (once a minute), document


@pytest.mark.parametrize("state", ["draft", "opd_review", "compilation", "ministry_consultation", "approved"])
def test_the_plain_body_is_what_the_documented_serializer_gives(world: World, document, state: str) -> None:
    submission = document(state)
    Submission.objects.filter(pk=submission.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    submission = Submission.objects.select_related("position__opd__instansi").get(pk=submission.pk)

    callers = [world.drafter, world.reviewer, world.second_reviewer, world.organisasi]
    if state not in ("draft", "opd_review", "compilation"):
        callers.append(world.ministry)  # he sees what is or has been in consultation
    for user in callers:
        request = APIRequestFactory().get(url(submission))
        request.user = User.objects.get(pk=user.pk)
        documented = StatusSerializer(submission, context={"request": request}).data

        assert client_for(user).get(url(submission)).json() == documented, (user.username, state)
