"""GET /history/, /snapshots/ and /diff/ of a document: the log, content per round, and changes."""

from __future__ import annotations

import pytest

from tests.api.conftest import OUTSIDERS, assert_error, client_for
from tests.builders import World, valid_content
from tests.factories import PositionFactory
from workflow import services


def base(submission) -> str:
    return f"/api/v1/submissions/{submission.pk}"


def returned_and_fixed(world: World, document):
    """Submitted, returned by the reviewer, and then fixed (level of M.01 raised) but not resubmitted."""
    in_review = document("opd_review")
    services.submission_fire_transition(
        submission_id=in_review.pk,
        name="return_to_drafter",
        actor=world.reviewer,
        reason_code="wording",
        comment="Naikkan.",
    )
    client_for(world.drafter).patch(
        f"{base(in_review)}/",
        {"competencies": [{"group": "managerial", "code": "M.01", "level": 3}]},
        format="json",
    )
    return in_review


def test_history_is_the_log_oldest_first(world: World, document) -> None:
    submission = returned_and_fixed(world, document)

    rows = client_for(world.organisasi).get(f"{base(submission)}/history/").json()["results"]

    assert [row["transition"] for row in rows] == ["create", "submit", "return_to_drafter"]
    assert rows[0]["from_state"] is None
    assert rows[2] == {
        **rows[2],
        "from_state": "opd_review",
        "to_state": "draft",
        "actor": "pemeriksa",
        "acting_for": "",
        "comment": "Naikkan.",
        "reason_code": "wording",
        "letter_number": "",
        "letter_date": None,
        "round": 2,  # the send-back opened round 2
    }
    assert rows[2]["at"]


def test_snapshots_hold_the_content_as_it_left_draft(world: World, document) -> None:
    submission = returned_and_fixed(world, document)

    rows = client_for(world.drafter).get(f"{base(submission)}/snapshots/").json()["results"]

    assert len(rows) == 1
    assert rows[0]["round"] == 1
    assert rows[0]["transition"] == "submit"
    assert rows[0]["content"]["competencies"][0]["level"] == 2


def test_diff_from_a_snapshot_to_the_current_content_says_what_changed(world: World, document) -> None:
    submission = returned_and_fixed(world, document)
    snapshot = client_for(world.drafter).get(f"{base(submission)}/snapshots/").json()["results"][0]

    body = client_for(world.reviewer).get(f"{base(submission)}/diff/", {"from": snapshot["id"]}).json()

    assert body["from_snapshot"] == snapshot["id"]
    assert body["to_snapshot"] is None
    messages = [change["message"] for change in body["changes"]]
    assert "Level Kompetensi M.01 berubah dari 2 menjadi 3." in messages
    assert any(change["kind"] == "removed" for change in body["changes"])  # the list was replaced


def test_diff_between_two_snapshots(world: World, document) -> None:
    submission = returned_and_fixed(world, document)
    services.submission_update_content(
        submission_id=submission.pk, actor=world.drafter, summary="Ikhtisar baru."
    )
    services.submission_update_content(
        submission_id=submission.pk, actor=world.drafter, competencies=valid_content()["competencies"]
    )
    services.submission_fire_transition(submission_id=submission.pk, name="submit", actor=world.drafter)
    first, second = (
        row["id"] for row in client_for(world.drafter).get(f"{base(submission)}/snapshots/").json()["results"]
    )

    body = client_for(world.drafter).get(f"{base(submission)}/diff/", {"from": first, "to": second}).json()

    assert [change["kind"] for change in body["changes"]] == ["summary_changed"]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({}, 400, "required"),
        ({"from": "x"}, 400, "invalid"),
        ({"from": 1, "sampai": 2}, 400, "unknown_field"),
        ({"from": 999999}, 404, "not_found"),
    ],
)
def test_diff_refuses_bad_or_foreign_snapshot_ids(
    world: World, document, params: dict, status: int, code: str
) -> None:
    submission = returned_and_fixed(world, document)

    assert_error(client_for(world.drafter).get(f"{base(submission)}/diff/", params), status, code)


def test_a_snapshot_of_another_document_is_not_found(world: World, document) -> None:
    mine = returned_and_fixed(world, document)
    other = document("opd_review", PositionFactory.create(opd=world.opd))
    foreign = client_for(world.drafter).get(f"{base(other)}/snapshots/").json()["results"][0]["id"]

    assert_error(client_for(world.drafter).get(f"{base(mine)}/diff/", {"from": foreign}), 404, "not_found")


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("what", ["history/", "snapshots/", "diff/?from=1"])
def test_outside_the_scope_everything_is_not_found(world: World, document, role: str, what: str) -> None:
    draft = document("draft")

    assert_error(client_for(getattr(world, role)).get(f"{base(draft)}/{what}"), 404, "not_found")
