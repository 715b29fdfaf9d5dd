"""API test helpers: a token client per user, and documents driven to a state (tests.documents)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from integrations.tokens import token_issue, tokens_of
from submissions.models import Submission
from tests.builders import World
from tests.documents import document_in

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


# One token per user, reused while it works (as a real client holds its token): a test's requests
# meet a warm token cache, and a helper called per request does not write a token each time.
_TOKENS: dict[int, tuple[int, str]] = {}


def client_for(user: Any) -> APIClient:
    known = _TOKENS.get(user.pk)
    if known is None or not tokens_of(user).filter(pk=known[0]).exists():
        issued = token_issue(user=user, name="uji")
        known = _TOKENS[user.pk] = (issued.label.pk, issued.secret)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {known[1]}")
    return client


@pytest.fixture
def api(world: World) -> Callable[[str], APIClient]:
    """`api("drafter")`: a client authenticated as that user of the world."""
    return lambda role: client_for(getattr(world, role))


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
