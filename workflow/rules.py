"""Why a user may not fire a transition now (DESIGN.md section 2), read from the transition table.

Each check takes the transition's row of `workflow.machine.TRANSITIONS`: its source state, its
actors (who they are: `workflow.roles`), its conditions on the person and on the document, and
its required inputs (`workflow.inputs`). Every refusal carries a stable code, an Indonesian
sentence taken from the check that failed, and the HTTP-like kind of failure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workflow import roles
from workflow.inputs import (
    INPUT_RULES,
    LETTER_DATE_INVALID,
    REASON_CODE_UNKNOWN,
    TEXT_LIMITS,
    TEXT_TOO_LONG,
)
from workflow.machine import TRANSITIONS, Actor, Input, State, Step

if TYPE_CHECKING:
    from submissions.models import RoleAssignment, Submission
    from workflow.roles import AnyUser

FORBIDDEN = "forbidden"  # not yours: HTTP 403
CONFLICT = "conflict"  # not from this state, or lost a race: HTTP 409
INVALID = "invalid"  # missing input or incomplete document: HTTP 400


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    kind: str
    field: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "field": self.field}


def transition_step(name: str) -> Step:
    return TRANSITIONS[name]


def acting_for_text(assignment: RoleAssignment | None) -> str:
    if assignment is None or not assignment.acting:
        return ""
    prefix = "Plt." if assignment.acting == "plt" else "Plh."
    return f"{prefix} {assignment.acting_for}".strip()


def state_refusal(submission: Submission, step: Step) -> Refusal | None:
    if submission.state == step.source:
        return None
    current = State(submission.state).label
    source = State(step.source).label
    return Refusal(
        "wrong_state",
        f"Tindakan '{step.label}' hanya dapat dilakukan pada status '{source}'; "
        f"dokumen ini berstatus '{current}'.",
        CONFLICT,
    )


def grant_of(user: AnyUser, submission: Submission, step: Step) -> RoleAssignment | None:
    """The assignment through which `user` may fire `step` on this document (first actor first)."""
    for actor in step.actors:
        grant = roles.grant_for(user, submission, actor)
        if grant is not None:
            return grant
    return None


def actor_refusal(submission: Submission, user: AnyUser, step: Step) -> Refusal | None:
    if grant_of(user, submission, step) is None:
        return _not_yours(submission, step)
    for condition in step.spec.actor_conditions:
        if not condition.check(submission, user.pk):
            return Refusal(condition.code, condition.message, FORBIDDEN)
    return None


def _not_yours(submission: Submission, step: Step) -> Refusal:
    who = roles.actor_names(submission.position.opd)
    allowed = " atau ".join(who[Actor(actor)] for actor in step.actors)
    return Refusal(
        "not_permitted",
        f"Tindakan '{step.label}' hanya dapat dilakukan oleh {allowed}.",
        FORBIDDEN,
    )


def input_refusals(step: Step, inputs: dict[str, Any], reason_codes: set[str]) -> list[Refusal]:
    refusals = [
        Refusal(f"{name}_required", INPUT_RULES[name].missing, INVALID, str(name))
        for name in step.requires
        if not _filled(inputs.get(name))
    ]
    refusals += _text_refusals(inputs)
    letter_date = inputs.get(Input.LETTER_DATE)
    if _filled(letter_date) and not isinstance(letter_date, datetime.date):
        refusals.append(Refusal("letter_date_invalid", LETTER_DATE_INVALID, INVALID, "letter_date"))
    reason = inputs.get(Input.REASON_CODE)
    if Input.REASON_CODE in step.requires and _filled(reason) and reason not in reason_codes:
        refusals.append(Refusal("reason_code_unknown", REASON_CODE_UNKNOWN, INVALID, "reason_code"))
    return refusals


def _text_refusals(inputs: dict[str, Any]) -> list[Refusal]:
    return [
        Refusal(f"{name}_invalid", TEXT_TOO_LONG.format(limit=limit), INVALID, name)
        for name, limit in TEXT_LIMITS.items()
        if inputs.get(name) is not None
        and (not isinstance(inputs[name], str) or "\x00" in inputs[name] or len(inputs[name]) > limit)
    ]


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def condition_refusals(submission: Submission, step: Step) -> list[Refusal]:
    """Every failure of the step's conditions on the document, each in its own words."""
    return [
        Refusal(failure.code, failure.message, INVALID, failure.field)
        for condition in step.conditions
        for failure in condition.explain(submission)
    ]
