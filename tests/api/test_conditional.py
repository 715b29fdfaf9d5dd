"""Conditional requests on a document and its status: ETags that follow the representation, 304
for If-None-Match, and If-Match on edits (RFC 9110 §13.1): 412 for any well-formed tag that is not
current, whatever its inside looks like, 400 only for a malformed header."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from submissions.models import Submission
from tests.api.conftest import assert_error, client_for
from tests.builders import World


def document_url(submission: Submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/"


def status_url(submission: Submission) -> str:
    return f"/api/v1/submissions/{submission.pk}/status/"


@pytest.mark.parametrize("url", [document_url, status_url])
def test_the_current_etag_in_if_none_match_answers_304_with_no_body(world: World, document, url) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(url(draft)).headers["ETag"]

    response = client.get(url(draft), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag


@pytest.mark.parametrize("url", [document_url, status_url])
def test_a_star_or_a_list_holding_the_current_etag_answers_304(world: World, document, url) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(url(draft)).headers["ETag"]

    assert client.get(url(draft), HTTP_IF_NONE_MATCH="*").status_code == 304
    assert client.get(url(draft), HTTP_IF_NONE_MATCH=f'"lama", {etag}').status_code == 304
    assert client.get(url(draft), HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304  # weak comparison


@pytest.mark.parametrize("url", [document_url, status_url])
def test_an_old_or_malformed_if_none_match_gets_the_full_answer(world: World, document, url) -> None:
    draft = document("draft")
    client = client_for(world.drafter)

    assert client.get(url(draft), HTTP_IF_NONE_MATCH='"lama"').status_code == 200
    assert client.get(url(draft), HTTP_IF_NONE_MATCH="tanpa-kutip").status_code == 200


def test_the_document_etag_changes_when_its_content_changes(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    before = client.get(document_url(draft)).headers["ETag"]

    client.patch(document_url(draft), {"summary": "Ikhtisar baru."}, format="json")

    after = client.get(document_url(draft), HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after.headers["ETag"] != before


@pytest.mark.parametrize("url", [document_url, status_url])
def test_the_etag_changes_with_a_transition_and_a_new_deadline(world: World, document, url) -> None:
    submitted = document("opd_review")
    client = client_for(world.reviewer)
    before = client.get(url(submitted)).headers["ETag"]
    Submission.objects.filter(pk=submitted.pk).update(due_at=timezone.now() + datetime.timedelta(days=30))

    moved = client.get(url(submitted), HTTP_IF_NONE_MATCH=before)
    assert moved.status_code == 200
    after_deadline = moved.headers["ETag"]

    client.post(f"/api/v1/submissions/{submitted.pk}/transitions/", {"name": "forward"}, format="json")
    assert client.get(url(submitted), HTTP_IF_NONE_MATCH=after_deadline).status_code == 200


def test_the_status_etag_differs_for_callers_with_different_transitions(world: World, document) -> None:
    submitted = document("opd_review")

    reviewer = client_for(world.reviewer).get(status_url(submitted)).headers["ETag"]
    organisasi = client_for(world.organisasi).get(status_url(submitted)).headers["ETag"]

    assert reviewer != organisasi


def test_if_match_with_the_current_etag_edits(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(document_url(draft)).headers["ETag"]

    response = client.patch(document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content


def test_if_match_with_a_list_holding_the_current_etag_edits(world: World, document) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    etag = client.get(document_url(draft)).headers["ETag"]

    response = client.patch(
        document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH=f'"lama", {etag}'
    )

    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "header",
    [
        '"x"',
        'W/"x"',
        '""',
        '"a-b-c"',
        '"1-2-draft", "1-3-draft"',
        '"12-3-draft"',
        '"tanda,koma"',
        "W/CURRENT",
    ],
)
def test_a_well_formed_tag_that_is_not_current_answers_412(world: World, document, header: str) -> None:
    draft = document("draft")
    client = client_for(world.drafter)
    current = client.get(document_url(draft)).headers["ETag"]

    response = client.patch(
        document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH=header.replace("CURRENT", current)
    )

    assert_error(response, 412, "stale")
    draft.refresh_from_db()
    assert draft.summary != "x"


@pytest.mark.parametrize("header", ["x", '"x', 'x"', '"x" "y"', 'w/"x"', '"x",y', '*, "x"', ","])
def test_only_a_malformed_if_match_answers_400(world: World, document, header: str) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(
        document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH=header
    )

    assert_error(response, 400, "invalid_if_match")


def test_a_stale_tag_from_someone_who_may_not_edit_is_still_403(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.reviewer).patch(
        document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH='"lama"'
    )

    assert_error(response, 403)


def test_if_match_star_edits_whatever_the_version(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.drafter).patch(
        document_url(draft), {"summary": "x"}, format="json", HTTP_IF_MATCH="*"
    )

    assert response.status_code == 200
