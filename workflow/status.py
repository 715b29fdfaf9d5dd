"""The cheap status check of a document: one row of one table and what the caller may do now.

The API's `GET /submissions/{id}/status/` is polled by other systems, so it reads only the
submission row, scoped through its own copies of its OPD and instansi (no join), and judges the
caller's transitions from his role assignments already in memory (the cached token lookup put
them there): no further query, no content rows, no refusal sentences nobody reads.
`steps_allowed` gives the same verdict as `selectors.transition_options(..., check_content=False)`
(tests/workflow/test_status.py compares them for every caller and state).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from workflow.machine import State, Step, user_steps
from workflow.roles import assignments_of, holds_in
from workflow.scoping import visible_submission_values

if TYPE_CHECKING:
    from workflow.roles import AnyUser


class StatusSource(Protocol):
    """What the status reads of a document: a `Submission` or a `StatusRow`."""

    @property
    def pk(self) -> int: ...

    @property
    def state(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def round(self) -> int: ...

    @property
    def due_at(self) -> datetime.datetime | None: ...

    @property
    def updated_at(self) -> datetime.datetime: ...

    @property
    def submitted_by_id(self) -> int | None: ...

    @property
    def opd_id(self) -> int: ...

    @property
    def instansi_id(self) -> int: ...


@dataclass(frozen=True, slots=True)
class StatusRow:
    id: int
    state: str
    version: int
    round: int
    due_at: datetime.datetime | None
    updated_at: datetime.datetime
    submitted_by_id: int | None
    opd_id: int
    instansi_id: int

    @property
    def pk(self) -> int:
        return self.id


STATUS_COLUMNS = tuple(StatusRow.__dataclass_fields__)

# The user transitions leaving each state, in the table's order (the order of the buttons).
_STEPS_FROM: dict[str, tuple[Step, ...]] = {
    state: tuple(step for step in user_steps() if step.source == state) for state in State.values
}


def status_row(user: AnyUser, pk: int) -> StatusRow | None:
    """The document's status columns if `user` may see it, else None (the caller answers 404)."""
    values = visible_submission_values(user, pk, STATUS_COLUMNS)
    return None if values is None else StatusRow(*values)


def steps_allowed(document: StatusSource, user: AnyUser) -> list[Step]:
    """The user transitions `user` may fire on `document` now, its content not checked."""
    steps = _STEPS_FROM.get(document.state, ())
    if not steps:
        return []
    assignments = assignments_of(user)
    return [
        step
        for step in steps
        if any(
            holds_in(assignment, actor, document.opd_id, document.instansi_id, document.submitted_by_id)
            for actor in step.actors
            for assignment in assignments
        )
        and all(condition.check(document, user.pk) for condition in step.spec.actor_conditions)
    ]
