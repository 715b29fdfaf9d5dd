"""Read-side questions the API and pages ask of the workflow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_noop

from workflow import deadlines
from workflow.machine import State, user_steps
from workflow.models import ReasonCode, TransitionLog
from workflow.rules import Refusal
from workflow.services import transition_refusals

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from submissions.models import Submission
    from workflow.roles import AnyUser


# What each log entry says in the history, in the past tense (never the raw transition name).
HISTORY_LABELS = {
    "create": gettext_noop("Draf dibuat"),
    "start_revision": gettext_noop("Revisi dimulai"),
    "submit": gettext_noop("Diajukan ke reviu OPD"),
    "withdraw": gettext_noop("Ditarik kembali menjadi draf"),
    "return_to_drafter": gettext_noop("Dikembalikan ke penyusun"),
    "forward": gettext_noop("Diteruskan ke Bagian Organisasi"),
    "return_to_opd": gettext_noop("Dikembalikan ke OPD"),
    "send_to_ministry": gettext_noop("Dikirim untuk konsultasi KemenPAN-RB"),
    "ministry_agree": gettext_noop("Disetujui KemenPAN-RB"),
    "ministry_return": gettext_noop("Dikembalikan oleh KemenPAN-RB"),
    "supersede": gettext_noop("Digantikan oleh versi baru"),
    "extend_deadline": gettext_noop("Tenggat diperpanjang"),
    "enact": gettext_noop("Ditetapkan dengan keputusan"),
}


def history_label(transition: str) -> str:
    return HISTORY_LABELS.get(transition, gettext_noop("Perubahan status"))


@dataclass(frozen=True)
class TransitionOption:
    """One button: whether this user may press it now, and if not, why (in words)."""

    name: str
    label: str
    allowed: bool
    requires: list[str] = field(default_factory=list)
    send_back: bool = False
    reasons: list[Refusal] = field(default_factory=list)


def transition_options(
    submission: Submission, user: AnyUser, *, check_content: bool = True
) -> list[TransitionOption]:
    """Every user transition with its verdict for `user`.

    `check_content=False` skips the document's validity check (it reads every row): the cheap status
    endpoint uses it, and `submit` then answers 400 with the problems when pressed.
    """
    options = []
    for step in user_steps():
        refusals = transition_refusals(submission, user, step.name, check_content=check_content)
        options.append(
            TransitionOption(
                name=step.name,
                label=step.label,
                allowed=not refusals,
                requires=[str(name) for name in step.requires],
                send_back=step.send_back,
                reasons=refusals,
            )
        )
    return options


def allowed_transitions(
    submission: Submission, user: AnyUser, *, check_content: bool = True
) -> list[TransitionOption]:
    """Only the transitions `user` may fire now: the buttons a page shows."""
    return [o for o in transition_options(submission, user, check_content=check_content) if o.allowed]


def history(submission: Submission) -> QuerySet[TransitionLog]:
    return submission.log_entries.select_related("actor").order_by("at", "id")


def send_back_of(submission: Submission) -> TransitionLog | None:
    """The send-back the drafter is working on: the last entry, while the draft is not resubmitted."""
    if submission.state != State.DRAFT or submission.round <= 1:
        return None
    last = history(submission).order_by("-at", "-id").first()
    send_backs = {step.name for step in user_steps() if step.send_back}
    return last if last is not None and last.transition in send_backs else None


def reason_codes() -> QuerySet[ReasonCode]:
    return ReasonCode.objects.filter(active=True)


def is_overdue(submission: Submission) -> bool:
    return deadlines.is_overdue(submission, timezone.now())
