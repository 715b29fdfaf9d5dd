"""Documents in every state, built only through the services: the one builder of every tier.

`document_in(world, state)` drives a complete draft up the normal road; `advance` carries one further.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from submissions.models import Submission
from tests.builders import World, valid_content
from workflow import services
from workflow.machine import State

# Dated today: a letter may be neither in the future nor older than the step it answers.
LETTER: dict[str, Any] = {"letter_number": "B/123/M.SM.01.00/2026", "letter_date": timezone.localdate()}

# Everything each user transition may require, filled in: refusals in these tests are never about inputs.
INPUTS: dict[str, dict[str, Any]] = {
    "submit": {},
    "withdraw": {},
    "return_to_drafter": {"reason_code": "wording", "comment": "Perbaiki uraian indikator."},
    "forward": {},
    "return_to_opd": {"reason_code": "requirements", "comment": "Lengkapi persyaratan pelatihan."},
    "send_to_ministry": LETTER,
    "ministry_agree": LETTER,
    "ministry_return": {
        **LETTER,
        "reason_code": "level_below_minimum",
        "comment": "Level M.03 perlu ditinjau.",
    },
}

# The legal moves, written out from DESIGN.md section 2 (not read from the code under test).
LEGAL: dict[str, tuple[State, State]] = {
    "submit": (State.DRAFT, State.OPD_REVIEW),
    "withdraw": (State.OPD_REVIEW, State.DRAFT),
    "return_to_drafter": (State.OPD_REVIEW, State.DRAFT),
    "forward": (State.OPD_REVIEW, State.COMPILATION),
    "return_to_opd": (State.COMPILATION, State.DRAFT),
    "send_to_ministry": (State.COMPILATION, State.MINISTRY_CONSULTATION),
    "ministry_agree": (State.MINISTRY_CONSULTATION, State.APPROVED),
    "ministry_return": (State.MINISTRY_CONSULTATION, State.DRAFT),
}

# Who, in the world of tests/builders.py, may fire each transition on a document of `world.position`.
RIGHTFUL: dict[str, str] = {
    "submit": "drafter",
    "withdraw": "drafter",
    "return_to_drafter": "reviewer",
    "forward": "reviewer",
    "return_to_opd": "organisasi",
    "send_to_ministry": "organisasi",
    "ministry_agree": "organisasi",
    "ministry_return": "organisasi",
}

# The next step on the normal road from each state, and who takes it.
_NEXT: dict[State, tuple[str, str]] = {
    State.DRAFT: ("submit", "drafter"),
    State.OPD_REVIEW: ("forward", "reviewer"),
    State.COMPILATION: ("send_to_ministry", "organisasi"),
    State.MINISTRY_CONSULTATION: ("ministry_agree", "organisasi"),
}


def fire(submission: Submission, name: str, actor: Any, **inputs: Any) -> Submission:
    return services.submission_fire_transition(submission_id=submission.pk, name=name, actor=actor, **inputs)


def complete_draft(world: World, position_id: int | None = None, drafter: Any = None) -> Submission:
    drafter = drafter or world.drafter
    submission = services.submission_create_draft(position_id=position_id or world.position.pk, actor=drafter)
    return services.submission_update_content(submission_id=submission.pk, actor=drafter, **valid_content())


def advance(world: World, submission: Submission, state: State) -> Submission:
    """Carry a complete draft (or a document further along) up the normal road to `state`."""
    while submission.state != state:
        name, who = _NEXT[State(submission.state)]
        submission = fire(submission, name, getattr(world, who), **INPUTS[name])
    return submission


def revision_of(world: World, approved: Submission) -> Submission:
    return services.submission_start_revision(
        position_id=approved.position_id,
        actor=world.drafter,
        reason="Terbit PermenPAN-RB baru tentang standar kompetensi.",
        legal_basis="PermenPAN-RB Nomor 38 Tahun 2017",
    )


def document_in(world: World, state: str, position: Any = None) -> Submission:
    """A document of `position` (default world.position) in `state` (superseded: the first version,
    replaced by a second)."""
    position_id = position.pk if position is not None else None
    if state == State.SUPERSEDED:
        first = advance(world, complete_draft(world, position_id), State.APPROVED)
        advance(world, revision_of(world, first), State.APPROVED)
        first.refresh_from_db()
        return first
    return advance(world, complete_draft(world, position_id), State(state))
