"""Fixtures for the page tests: logged-in clients and documents in a few states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from submissions.models import Submission
from tests.builders import World, valid_content
from tests.documents import advance
from workflow import services
from workflow.machine import State


@pytest.fixture
def as_user() -> Callable[[Any], Client]:
    def login(user: Any) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def draft(world: World) -> Submission:
    return services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)


@pytest.fixture
def complete_draft(world: World, draft: Submission) -> Submission:
    return services.submission_update_content(submission_id=draft.pk, actor=world.drafter, **valid_content())


@pytest.fixture
def submitted(world: World, complete_draft: Submission) -> Submission:
    return advance(world, complete_draft, State.OPD_REVIEW)
