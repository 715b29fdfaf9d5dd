"""The bare view the status endpoint is compared with answers like a status check would."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PositionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_the_bare_view_answers_a_document_state_in_json(client: Client) -> None:
    from submissions.models import Submission

    submission = Submission.objects.create(position=PositionFactory(), created_by=UserFactory())

    response = client.get(f"/bench/bare-status/{submission.pk}/")

    assert response.status_code == 200
    assert response.json()["state"] == "draft"


def test_the_bare_view_answers_404_for_an_unknown_document(client: Client) -> None:
    assert client.get("/bench/bare-status/999999/").status_code == 404
