"""Test helpers for the event feed: numbering events inside a test's transaction, an integration account."""

from __future__ import annotations

from typing import Any

from django.db import connection
from rest_framework.test import APIClient

from submissions.models import Instansi, Role, RoleAssignment
from tests.factories import UserFactory


def number_events_at_insert() -> None:
    """Number events at each INSERT instead of at commit (a test's transaction never commits).

    The same trigger runs, only earlier; the commit-time behaviour itself is tested with real
    commits in tests/integration/test_feed_concurrency.py.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS workflow_event_commit_order IMMEDIATE")


def integration_account(username: str, instansi: Instansi | None) -> Any:
    user = UserFactory.create(username=username)
    RoleAssignment.objects.create(user=user, role=Role.INTEGRATION, instansi=instansi)
    return user


def client_as(user: Any) -> APIClient:
    """A client authenticated as `user` (independent of how tokens are issued)."""
    client = APIClient()
    client.force_authenticate(user)
    return client
