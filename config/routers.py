"""Read-only API requests read from a replica (DATABASE_REPLICA_URL); everything else from the primary.

Only the GET (and HEAD) requests of the endpoints in `REPLICA_READS` are marked, by
`ReplicaReadsMiddleware`, once the URL is resolved; the router then sends their reads to the
`replica` alias. It never does so for writes, inside a transaction on the primary, or for the
tables that decide who the caller is and what he may do (users, tokens, sessions, role
assignments): a revoked token or an ended role stops working at once, whatever the replica's lag.
Without DATABASE_REPLICA_URL there is no `replica` alias and the router answers nothing.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# url names of api/urls.py: lists, documents and the status check, read-only under GET.
REPLICA_READS = frozenset(
    {
        "positions",
        "position",
        "submissions",
        "submission",
        "submission-status",
        "submission-history",
        "submission-snapshots",
        "effective-standards",
        "opds",
        "competencies",
    }
)
# Always the primary: who the caller is and what he may do.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "knox", "axes", "integrations"})
PRIMARY_ONLY_MODELS = frozenset({"submissions.roleassignment"})

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _reading_from_replica.get() or not replica_configured():
            return None
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return None
        if connections["default"].in_atomic_block:
            return None  # a transaction reads what it is about to write
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # the replica receives the schema through replication


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reading_from_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reading_from_replica.reset(token)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        read_only = request.method in ("GET", "HEAD") and request.path.startswith("/api/")
        if read_only and match is not None and match.url_name in REPLICA_READS:
            _reading_from_replica.set(True)
