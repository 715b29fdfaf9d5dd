"""The domain errors of the workflow services; the API and pages turn them into responses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workflow.rules import CONFLICT, FORBIDDEN, INVALID, Refusal

NOT_FOUND = "not_found"
STALE = "stale"


# The HTTP status each kind of refusal answers with, for the API and the pages alike.
HTTP_STATUS = {FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, NOT_FOUND: 404, STALE: 412}


class WorkflowError(Exception):
    """A refused action: `kind` says which (forbidden, conflict, invalid, not_found, stale)."""

    kind = INVALID
    code = "invalid"

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.kind, 400)

    def __init__(self, message: str, *, code: str | None = None, errors: Sequence[dict[str, Any]] = ()):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.errors = list(errors) or [{"code": self.code, "message": message, "field": ""}]


class TransitionRefused(WorkflowError):
    @classmethod
    def from_refusals(cls, refusals: Sequence[Refusal], summary: str = "") -> TransitionRefused:
        """The first refusal decides the kind; all of them are listed, so nothing is found one by one."""
        first = refusals[0]
        message = summary or first.message
        error = cls(message, code=first.code, errors=[refusal.as_dict() for refusal in refusals])
        error.kind = first.kind
        return error


class NotPermitted(WorkflowError):
    kind = FORBIDDEN
    code = "not_permitted"


class Conflict(WorkflowError):
    kind = CONFLICT
    code = "conflict"


class NotFound(WorkflowError):
    kind = NOT_FOUND
    code = "not_found"


class InvalidContent(WorkflowError):
    kind = INVALID
    code = "invalid_content"


class StaleContent(WorkflowError):
    """The document changed since the editor loaded it (HTTP 412 in the API)."""

    kind = STALE
    code = "stale"

    def __init__(self, message: str, *, current_revision: int):
        super().__init__(message)
        self.current_revision = current_revision
