"""Read-only API requests may read from the replica; writes, transactions and who-is-who never do."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from knox.models import AuthToken

from config import routers
from integrations.models import TokenLabel
from submissions.models import RoleAssignment, Submission
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import document_in


@pytest.fixture
def replica_reads(monkeypatch: pytest.MonkeyPatch):
    """The router as it decides with a replica configured, during a marked request."""
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    token = routers._reading_from_replica.set(True)
    yield routers.ReplicaRouter()
    routers._reading_from_replica.reset(token)


def test_a_marked_request_reads_documents_from_the_replica(replica_reads) -> None:
    assert replica_reads.db_for_read(Submission) == routers.REPLICA
    assert replica_reads.db_for_write(Submission) == "default"


@pytest.mark.parametrize("model", [User, AuthToken, TokenLabel, RoleAssignment])
def test_who_the_caller_is_and_what_he_may_do_is_always_read_from_the_primary(replica_reads, model) -> None:
    assert replica_reads.db_for_read(model) is None


def test_a_transaction_reads_from_the_primary(replica_reads, db) -> None:
    with transaction.atomic():
        assert replica_reads.db_for_read(Submission) is None


def test_the_replica_receives_no_migrations() -> None:
    router = routers.ReplicaRouter()
    assert router.allow_migrate(routers.REPLICA, "submissions") is False
    assert router.allow_migrate("default", "submissions") is True


def _marks_during(client, method: str, path: str, **data) -> set[bool]:
    seen: set[bool] = set()
    original = routers.ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.add(routers._reading_from_replica.get())
        return original(self, model, **hints)

    with mock.patch.object(routers.ReplicaRouter, "db_for_read", spy):
        getattr(client, method)(path, data, format="json")
    return seen


def test_only_the_read_only_endpoints_are_marked_and_only_under_get(world: World) -> None:
    submission = document_in(world, "draft")
    client = client_for(world.drafter)

    assert True in _marks_during(client, "get", "/api/v1/submissions/")
    assert True in _marks_during(client, "get", f"/api/v1/submissions/{submission.pk}/status/")
    assert _marks_during(
        client, "post", f"/api/v1/submissions/{submission.pk}/transitions/", name="submit"
    ) == {False}
    # /me/ answers from the cached caller alone, or reads him from the primary.
    assert True not in _marks_during(client, "get", "/api/v1/me/")
    assert routers._reading_from_replica.get() is False  # nothing leaks past the request
