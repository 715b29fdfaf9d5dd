"""API test helpers: a token client per user, and documents driven to a state by the services."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from submissions.models import Submission
from tests.builders import World, valid_content
from workflow import services

LETTER = {"letter_number": "B/123/M.SM.01.00/2026", "letter_date": datetime.date(2026, 11, 2)}

# The way to each state from a complete draft: (transition, actor attribute on World, inputs).
PATH: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "draft": [],
    "opd_review": [("submit", "drafter", {})],
    "compilation": [("submit", "drafter", {}), ("forward", "reviewer", {})],
    "ministry_consultation": [
        ("submit", "drafter", {}),
        ("forward", "reviewer", {}),
        ("send_to_ministry", "organisasi", {}),
    ],
    "approved": [
        ("submit", "drafter", {}),
        ("forward", "reviewer", {}),
        ("send_to_ministry", "organisasi", {}),
        ("ministry_agree", "ministry", LETTER),
    ],
}

# Every role of the world, with whether it sees a document of world.opd (in draft).
ROLES = (
    "drafter",
    "reviewer",
    "organisasi",
    "ministry",
    "other_drafter",
    "other_reviewer",
    "other_organisasi",
    "outsider",
)
OUTSIDERS = ("other_drafter", "other_reviewer", "other_organisasi", "outsider")


def client_for(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(world: World) -> Callable[[str], APIClient]:
    """`api("drafter")`: a client authenticated as that user of the world."""
    return lambda role: client_for(getattr(world, role))


def document_in(world: World, state: str, position: Any = None) -> Submission:
    """A complete document of `position` (default world.position) driven to `state` by the services."""
    position = position or world.position
    submission = services.create_draft(position_id=position.pk, actor=world.drafter)
    submission = services.update_content(submission_id=submission.pk, actor=world.drafter, **valid_content())
    for name, actor, inputs in PATH[state]:
        submission = services.fire_transition(
            submission_id=submission.pk, name=name, actor=getattr(world, actor), **inputs
        )
    return Submission.objects.get(pk=submission.pk)


@pytest.fixture
def document(world: World) -> Callable[..., Submission]:
    return lambda state="draft", position=None: document_in(world, state, position)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response has the one error shape, the status, and (if given) an error with that code."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"code", "message", "field"}
    if code is not None:
        assert code in [error["code"] for error in body["errors"]], body
    return body
