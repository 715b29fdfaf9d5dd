"""The state machine of a standard, declared once (DESIGN.md section 2).

`SubmissionWorkflow` is abstract and imports nothing from the other apps: `submissions.Submission`
takes it on and provides the predicates its guards call (`validity_errors`). Transition bodies only
change the object; who may fire a transition, and everything around it (locking, logging,
notifications, deadlines), lives in `workflow.rules` and `workflow.services`.

Each transition carries in `custom` what the rest of the system needs to know about it:
its Indonesian label, which roles may fire it, and which inputs it requires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class State(models.TextChoices):
    DRAFT = "draft", "Draf"
    OPD_REVIEW = "opd_review", "Reviu OPD"
    COMPILATION = "compilation", "Verifikasi dan kompilasi Bagian Organisasi"
    MINISTRY_CONSULTATION = "ministry_consultation", "Konsultasi KemenPAN-RB"
    APPROVED = "approved", "Disetujui"
    SUPERSEDED = "superseded", "Digantikan"


# States in which a deadline runs and someone must act.
ACTIVE_STATES = (State.DRAFT, State.OPD_REVIEW, State.COMPILATION, State.MINISTRY_CONSULTATION)
# A position has at most one version in these states (a database constraint enforces it).
OPEN_STATES = ACTIVE_STATES


@dataclass(frozen=True)
class Condition:
    """A named guard: callable by django-fsm, and able to say in words why it fails."""

    code: str
    message: str
    check: Callable[[Any], bool]

    def __call__(self, instance: Any) -> bool:
        return self.check(instance)

    @property
    def __name__(self) -> str:  # django-fsm's graph and error messages use it
        return self.code


document_is_complete = Condition(
    code="incomplete",
    message="Dokumen belum lengkap atau belum valid.",
    check=lambda submission: not submission.validity_errors(),
)


class Actor(models.TextChoices):
    """Who may fire a transition, before scope is checked (workflow.rules does that)."""

    OPD_DRAFTER = "opd_drafter", "Penyusun OPD"
    SUBMITTER = "submitter", "Pengaju dokumen ini"
    OPD_REVIEWER = "opd_reviewer", "Pemeriksa OPD"
    BAGIAN_ORGANISASI = "bagian_organisasi", "Bagian Organisasi"
    MINISTRY = "ministry", "KemenPAN-RB"


class SubmissionWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        "status",
        default=State.DRAFT,
        choices=State.choices,
        protected=True,
        db_index=True,
    )
    round = models.PositiveIntegerField(
        "putaran",
        default=1,
        help_text="Bertambah satu setiap kali dokumen dikembalikan untuk diperbaiki.",
    )

    class Meta:
        abstract = True

    def validity_errors(self) -> list[Any]:
        """The blocking problems of the document; the concrete model provides them."""
        raise NotImplementedError

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.OPD_REVIEW,
        conditions=[document_is_complete],
        custom={"label": "Ajukan ke reviu OPD", "actors": [Actor.OPD_DRAFTER]},
    )
    def submit(self) -> None:
        pass

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.DRAFT,
        custom={"label": "Tarik kembali", "actors": [Actor.SUBMITTER]},
    )
    def withdraw(self) -> None:
        pass

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.DRAFT,
        custom={
            "label": "Kembalikan ke penyusun",
            "actors": [Actor.OPD_REVIEWER],
            "requires": ["reason_code", "comment"],
            "send_back": True,
        },
    )
    def return_to_drafter(self) -> None:
        self.round += 1

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.COMPILATION,
        custom={"label": "Teruskan ke Bagian Organisasi", "actors": [Actor.OPD_REVIEWER]},
    )
    def forward(self) -> None:
        pass

    @transition(
        field=state,
        source=State.COMPILATION,
        target=State.DRAFT,
        custom={
            "label": "Kembalikan ke OPD",
            "actors": [Actor.BAGIAN_ORGANISASI],
            "requires": ["reason_code", "comment"],
            "send_back": True,
        },
    )
    def return_to_opd(self) -> None:
        self.round += 1

    @transition(
        field=state,
        source=State.COMPILATION,
        target=State.MINISTRY_CONSULTATION,
        custom={"label": "Kirim ke KemenPAN-RB", "actors": [Actor.BAGIAN_ORGANISASI]},
    )
    def send_to_ministry(self) -> None:
        pass

    @transition(
        field=state,
        source=State.MINISTRY_CONSULTATION,
        target=State.APPROVED,
        custom={
            "label": "Catat persetujuan KemenPAN-RB",
            "actors": [Actor.BAGIAN_ORGANISASI, Actor.MINISTRY],
            "requires": ["letter_number", "letter_date"],
        },
    )
    def ministry_agree(self) -> None:
        pass

    @transition(
        field=state,
        source=State.MINISTRY_CONSULTATION,
        target=State.DRAFT,
        custom={
            "label": "Catat pengembalian KemenPAN-RB",
            "actors": [Actor.BAGIAN_ORGANISASI, Actor.MINISTRY],
            "requires": ["reason_code", "comment", "letter_number", "letter_date"],
            "send_back": True,
        },
    )
    def ministry_return(self) -> None:
        self.round += 1

    # Not a user action: fired by the service that approves the next version.
    @transition(
        field=state,
        source=State.APPROVED,
        target=State.SUPERSEDED,
        custom={"label": "Digantikan versi baru", "actors": [], "internal": True},
    )
    def supersede(self) -> None:
        pass


# The transitions users fire, in the order of the procedure (the API's `name` values).
USER_TRANSITIONS = (
    "submit",
    "withdraw",
    "return_to_drafter",
    "forward",
    "return_to_opd",
    "send_to_ministry",
    "ministry_agree",
    "ministry_return",
)
