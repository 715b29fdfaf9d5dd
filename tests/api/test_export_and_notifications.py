"""GET /submissions/{id}/export.docx, and the caller's notifications."""

from __future__ import annotations

import pytest

from notifications.models import Notification
from tests.api.conftest import OUTSIDERS, assert_error, client_for
from tests.builders import World


def test_the_export_is_a_word_file_named_after_the_position(world: World, document) -> None:
    draft = document("draft")

    response = client_for(world.drafter).get(f"/api/v1/submissions/{draft.pk}/export.docx", HTTP_ACCEPT="*/*")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert response.content[:2] == b"PK"  # a zip container
    assert 'filename="SKJ-kepala-seksi-surveilans-v1.docx"' in response["Content-Disposition"]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_the_export_outside_the_scope_is_404_json(world: World, document, role: str) -> None:
    draft = document("draft")

    response = client_for(getattr(world, role)).get(f"/api/v1/submissions/{draft.pk}/export.docx")

    assert_error(response, 404, "not_found")


def test_the_reviewer_is_notified_of_a_submission_and_marks_it_read(world: World, document) -> None:
    document("opd_review")
    client = client_for(world.reviewer)

    rows = client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    assert rows, "the reviewer should hear of the submission"
    first = rows[0]
    assert first["kind"] == "submit"
    assert first["read_at"] is None
    assert first["subject"]

    response = client.post(f"/api/v1/notifications/{first['id']}/read/")

    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    unread = client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    assert first["id"] not in [row["id"] for row in unread]


def test_another_users_notification_is_not_found_and_stays_unread(world: World, document) -> None:
    document("opd_review")
    notification = Notification.objects.filter(recipient=world.reviewer).earliest("id")

    assert_error(
        client_for(world.drafter).post(f"/api/v1/notifications/{notification.pk}/read/"), 404, "not_found"
    )
    notification.refresh_from_db()
    assert notification.read_at is None
    assert notification.pk not in [
        r["id"] for r in client_for(world.drafter).get("/api/v1/notifications/").json()["results"]
    ]
