"""GET/POST /api/v1/submissions/{id}/comments/ and POST .../comments/{cid}/resolve/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db


def _url(submission: Any, tail: str = "") -> str:
    return f"/api/v1/submissions/{submission.pk}/comments/{tail}"


def test_a_reviewer_comments_the_drafter_answers_and_resolves(
    api: Callable[[str], Any], document: Any
) -> None:
    submission = document("opd_review")
    created = api("reviewer").post(
        _url(submission), {"anchor": "competency", "anchor_key": "M.01", "body": "Naikkan."}, format="json"
    )
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    answered = api("drafter").post(_url(submission), {"parent": cid, "body": "Sudah."}, format="json")
    assert [a["body"] for a in answered.json()["answers"]] == ["Sudah."]
    resolved = api("drafter").post(_url(submission, f"{cid}/resolve/"))
    assert resolved.status_code == 200
    assert resolved.json()["resolved"] is True
    assert resolved.json()["resolved_by"] == "penyusun"
    listed = api("organisasi").get(_url(submission)).json()
    assert listed["count"] == 1
    assert listed["results"][0]["anchor_label"].startswith("M.01")
    assert_error(api("drafter").post(_url(submission, f"{cid}/resolve/")), 409, "already_resolved")


def test_a_drafter_may_not_open_a_comment_and_bad_input_names_its_field(
    api: Callable[[str], Any], document: Any
) -> None:
    submission = document("opd_review")
    assert_error(
        api("drafter").post(_url(submission), {"anchor": "summary", "body": "x"}, format="json"), 403
    )
    body = assert_error(
        api("reviewer").post(_url(submission), {"anchor": "summary", "body": ""}, format="json"), 400
    )
    assert body["errors"][0]["field"] == "body"
    body = assert_error(api("reviewer").post(_url(submission), {"body": "x"}, format="json"), 400)
    assert body["errors"][0]["field"] == "anchor"


def test_outside_the_scope_the_comments_are_not_found(api: Callable[[str], Any], document: Any) -> None:
    submission = document("opd_review")
    assert_error(api("other_reviewer").get(_url(submission)), 404)
    assert_error(api("other_reviewer").post(_url(submission, "1/resolve/")), 404)


def test_the_submission_list_searches_the_content_ranked(api: Callable[[str], Any], document: Any) -> None:
    submission = document("opd_review")
    found = api("organisasi").get("/api/v1/submissions/", {"q": "S-1 Kesehatan"}).json()
    assert [row["id"] for row in found["results"]] == [submission.pk]
    assert api("organisasi").get("/api/v1/submissions/", {"q": "Astronomi"}).json()["results"] == []
    assert api("other_organisasi").get("/api/v1/submissions/", {"q": "Kesehatan"}).json()["results"] == []
