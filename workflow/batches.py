"""One action on many documents: each item is its own transition, transaction and log row.

A reviewer forwards several documents at once; Bagian Organisasi returns several with one reason.
Every item goes through `services.submission_fire_transition`, so it is locked, re-checked and logged exactly
like a single action; one refused item does not undo the others, and its reason is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from submissions.models import Role
from workflow import services
from workflow.errors import WorkflowError
from workflow.machine import TRANSITIONS
from workflow.roles import assignments_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from workflow.roles import AnyUser

# The transitions the lists offer for many documents, and the role that fires them there.
BATCH_TRANSITIONS = {"forward": Role.REVIEWER, "return_to_opd": Role.BAGIAN_ORGANISASI}
BATCH_LIMIT = 200


@dataclass(frozen=True)
class ItemResult:
    submission_id: int
    done: bool
    message: str = ""


def batch_actions(user: AnyUser) -> list[tuple[str, str]]:
    """(name, label) of the batch actions this user's roles allow."""
    roles = {assignment.role for assignment in assignments_of(user)}
    return [(name, TRANSITIONS[name].label) for name, role in BATCH_TRANSITIONS.items() if role in roles]


def batch_states(user: AnyUser) -> set[str]:
    return {str(TRANSITIONS[name].source) for name, _label in batch_actions(user)}


def fire_each(*, submission_ids: Iterable[int], name: str, actor: User, **inputs: Any) -> list[ItemResult]:
    if name not in BATCH_TRANSITIONS:
        raise WorkflowError(
            f"Tindakan '{name}' tidak dapat dijalankan untuk banyak dokumen.", code="not_batch"
        )
    results = []
    for submission_id in list(dict.fromkeys(submission_ids))[:BATCH_LIMIT]:
        try:
            services.submission_fire_transition(submission_id=submission_id, name=name, actor=actor, **inputs)
        except WorkflowError as error:
            results.append(ItemResult(submission_id, False, error.message))
        else:
            results.append(ItemResult(submission_id, True))
    return results
