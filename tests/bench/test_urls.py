"""The bench-only views: the bare status view and the floor of a transition answer as the API would."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from tests.builders import World
from tests.documents import LETTER, advance, complete_draft, fire
from tests.factories import PositionFactory, UserFactory
from tests.services import need
from workflow.machine import State

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_the_bare_view_answers_a_document_state_in_json(client: Client) -> None:
    from submissions.models import Submission

    submission = Submission.objects.create(position=PositionFactory(), created_by=UserFactory())

    response = client.get(f"/bench/bare-status/{submission.pk}/")

    assert response.status_code == 200
    assert response.json()["state"] == "draft"


def test_the_bare_view_answers_404_for_an_unknown_document(client: Client) -> None:
    assert client.get("/bench/bare-status/999999/").status_code == 404


def test_the_transition_floor_writes_the_rows_a_transition_writes() -> None:
    from rest_framework.test import APIClient

    from integrations.tokens import token_issue
    from notifications.models import Notification
    from submissions.models import Submission
    from workflow.models import TransitionLog

    need(connection.vendor == "postgresql", "lantai transisi memakai SQL PostgreSQL (set DATABASE_URL)")
    actor = UserFactory.create()
    UserFactory.create_batch(3)
    submission = Submission.objects.create(position=PositionFactory(), created_by=actor)
    Submission.objects.filter(pk=submission.pk).update(state="compilation")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=actor).secret}")

    response = client.post(f"/bench/floor-transition/{submission.pk}/?rows=3")

    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.state == "ministry_consultation"
    assert TransitionLog.objects.filter(submission=submission, transition="send_to_ministry").count() == 1
    assert Notification.objects.filter(submission=submission).count() == 3
    assert client.post(f"/bench/floor-transition/{submission.pk}/?rows=3").status_code == 404


def _columns(pk: int) -> dict[str, object]:
    from submissions.models import Submission

    return dict(Submission.objects.filter(pk=pk).values().get())


def _changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {column for column, value in after.items() if before[column] != value}


def test_the_transition_floor_changes_the_columns_and_writes_the_rows_the_api_does(world: World) -> None:
    from rest_framework.test import APIClient

    from integrations.tokens import token_issue
    from workflow.events.models import Event
    from workflow.models import TransitionLog

    need(connection.vendor == "postgresql", "lantai transisi memakai SQL PostgreSQL (set DATABASE_URL)")
    by_api = advance(world, complete_draft(world), State.COMPILATION)
    other = PositionFactory.create(opd=world.opd, name="Kepala Seksi Gizi", kind=world.position.kind)
    by_floor = advance(world, complete_draft(world, other.pk), State.COMPILATION)
    api_before, floor_before = _columns(by_api.pk), _columns(by_floor.pk)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=world.organisasi).secret}")
    letter = {"letter_number": LETTER["letter_number"], "letter_date": LETTER["letter_date"].isoformat()}

    fire(by_api, "send_to_ministry", world.organisasi, **LETTER)
    response = client.post(f"/bench/floor-transition/{by_floor.pk}/", letter, format="json")

    assert response.status_code == 200
    floor_after = _columns(by_floor.pk)
    assert floor_after["reached_ministry"] is True
    assert _changed(floor_before, floor_after) == _changed(api_before, _columns(by_api.pk))
    log = TransitionLog.objects.get(submission_id=by_floor.pk, transition="send_to_ministry")
    assert (log.letter_number, log.letter_date) == (LETTER["letter_number"], LETTER["letter_date"])
    for pk in (by_api.pk, by_floor.pk):
        assert Event.objects.filter(submission_id=pk, transition="send_to_ministry").count() == 1
