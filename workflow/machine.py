"""The state machine of a standard, declared once (DESIGN.md section 2).

`SubmissionWorkflow` is abstract and imports nothing from the other apps: `submissions.Submission`
takes it on and provides the predicates its guards call (`validity_errors`). Transition bodies only
change the object; locking, logging, notifications and deadlines live in `workflow.services`.

Each `@transition` carries one typed `TransitionSpec` (its Indonesian label, who may fire it, the
inputs it requires, its kind, and the conditions on the person firing it). `TRANSITIONS`, the one
transition table, is read from these declarations: the rules, the diagram, the API's transition
names, the pages and the scale generator all take it from there.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class State(models.TextChoices):
    DRAFT = "draft", gettext_noop("Draf")
    OPD_REVIEW = "opd_review", gettext_noop("Reviu OPD")
    COMPILATION = "compilation", gettext_noop("Verifikasi dan kompilasi Bagian Organisasi")
    MINISTRY_CONSULTATION = "ministry_consultation", gettext_noop("Konsultasi KemenPAN-RB")
    APPROVED = "approved", gettext_noop("Disetujui")
    SUPERSEDED = "superseded", gettext_noop("Digantikan")


# States in which a deadline runs and someone must act.
ACTIVE_STATES = (State.DRAFT, State.OPD_REVIEW, State.COMPILATION, State.MINISTRY_CONSULTATION)
# A position has at most one version in these states (a database constraint enforces it).
OPEN_STATES = ACTIVE_STATES
# The states in which a document's content may change.
EDITABLE_STATES = (State.DRAFT,)


class Failure(Protocol):
    """One reason a condition does not hold (a validity problem is one)."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def field(self) -> str: ...


@dataclass(frozen=True)
class Condition:
    """A named guard on the document: django-fsm calls it, and it says in words why it fails.

    `failures` lists what is wrong (empty: the condition holds). `explain` remembers its answer on
    the document until the guard runs, so a service that explains a refusal and then fires the
    transition computes the answer once (the document is locked in between).
    """

    code: str
    message: str
    failures: Callable[[Any], Sequence[Failure]]

    @property
    def _memo(self) -> str:
        return f"_skj_condition_{self.code}"

    def explain(self, instance: Any) -> Sequence[Failure]:
        found = self.failures(instance)
        instance.__dict__[self._memo] = found
        return found

    def __call__(self, instance: Any) -> bool:
        found = instance.__dict__.pop(self._memo, None)
        return not (self.failures(instance) if found is None else found)

    @property
    def __name__(self) -> str:  # django-fsm's graph and error messages use it
        return self.code


@dataclass(frozen=True)
class ActorCondition:
    """A named condition on the person who fires a transition (django-fsm's guards see only the
    document); `check(document, user_id)` holds when he may."""

    code: str
    message: str
    check: Callable[[Any, int | None], bool]


document_is_complete = Condition(
    code="incomplete",
    message="Dokumen belum lengkap atau belum valid.",
    failures=lambda submission: submission.validity_errors(),
)

not_his_own_submission = ActorCondition(
    code="self_approval",
    message="Anda sendiri yang mengajukan dokumen ini pada putaran ini; "
    "penerusan harus dilakukan oleh pemeriksa lain.",
    check=lambda submission, user_id: submission.submitted_by_id != user_id,
)


class Input(models.TextChoices):
    """The inputs a transition may require (the API's `requires` values; their rules: workflow.inputs)."""

    REASON_CODE = "reason_code", gettext_noop("Alasan pengembalian")
    COMMENT = "comment", gettext_noop("Catatan")
    LETTER_NUMBER = "letter_number", gettext_noop("Nomor surat")
    LETTER_DATE = "letter_date", gettext_noop("Tanggal surat")


class Actor(models.TextChoices):
    """Who may fire a transition; `workflow.roles` says who that is for one document."""

    OPD_DRAFTER = "opd_drafter", gettext_noop("Penyusun OPD")
    SUBMITTER = "submitter", gettext_noop("Pengaju dokumen ini")
    OPD_REVIEWER = "opd_reviewer", gettext_noop("Pemeriksa OPD")
    BAGIAN_ORGANISASI = "bagian_organisasi", gettext_noop("Bagian Organisasi")
    MINISTRY = "ministry", gettext_noop("KemenPAN-RB")


class Kind(enum.Enum):
    ADVANCE = "advance"  # moves the document on to the next stage: its actors act in the source state
    WITHDRAW = "withdraw"  # taken back by the one who moved it on; no new round
    SEND_BACK = "send_back"  # returned for correction: a new round starts
    INTERNAL = "internal"  # fired by the system inside another service, never by a user


@dataclass(frozen=True)
class TransitionSpec:
    """What the rest of the system needs to know about one transition, declared on it."""

    label: str
    actors: tuple[Actor, ...] = ()
    requires: tuple[Input, ...] = ()
    kind: Kind = Kind.ADVANCE
    actor_conditions: tuple[ActorCondition, ...] = ()

    def custom(self) -> dict[str, Any]:
        """django-fsm's `custom` slot, where the table finds the spec again."""
        return {_SPEC: self}


_SPEC = "spec"
_SEND_BACK_INPUTS = (Input.REASON_CODE, Input.COMMENT)
_LETTER = (Input.LETTER_NUMBER, Input.LETTER_DATE)


class SubmissionWorkflow(ConcurrentTransitionMixin, models.Model):
    state = FSMField(
        _("status"),
        default=State.DRAFT,
        choices=State.choices,
        protected=True,
        # No index of its own: (state, due_at) and the ministry's (state, id) lead with it.
        db_index=False,
    )
    round = models.PositiveIntegerField(
        _("putaran"),
        default=1,
        help_text=_("Bertambah satu setiap kali dokumen dikembalikan untuk diperbaiki."),
    )
    # Set when the document enters the ministry's consultation and never unset: the ministry sees
    # what is or has been in consultation, read from this flag (and its partial indexes).
    reached_ministry = models.BooleanField(_("pernah dikonsultasikan"), default=False, editable=False)
    # Fields the transitions set, declared by the concrete model (submissions.Submission).
    submitted_by_id: int | None
    approved_at: datetime.datetime | None

    class Meta:
        abstract = True

    def validity_errors(self) -> list[Any]:
        """The blocking problems of the document; the concrete model provides them."""
        raise NotImplementedError

    # Every transition is fired by someone (`by`: the user's id) at a moment (`at`); the bodies
    # record what the document must remember of it.

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.OPD_REVIEW,
        conditions=[document_is_complete],
        custom=TransitionSpec(gettext_noop("Ajukan ke reviu OPD"), (Actor.OPD_DRAFTER,)).custom(),
    )
    def submit(self, *, by: int, at: datetime.datetime) -> None:
        self.submitted_by_id = by

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.DRAFT,
        custom=TransitionSpec(gettext_noop("Tarik kembali"), (Actor.SUBMITTER,), kind=Kind.WITHDRAW).custom(),
    )
    def withdraw(self, *, by: int, at: datetime.datetime) -> None:
        pass

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.DRAFT,
        custom=TransitionSpec(
            gettext_noop("Kembalikan ke penyusun"), (Actor.OPD_REVIEWER,), _SEND_BACK_INPUTS, Kind.SEND_BACK
        ).custom(),
    )
    def return_to_drafter(self, *, by: int, at: datetime.datetime) -> None:
        self.round += 1

    @transition(
        field=state,
        source=State.OPD_REVIEW,
        target=State.COMPILATION,
        custom=TransitionSpec(
            gettext_noop("Teruskan ke Bagian Organisasi"),
            (Actor.OPD_REVIEWER,),
            actor_conditions=(not_his_own_submission,),
        ).custom(),
    )
    def forward(self, *, by: int, at: datetime.datetime) -> None:
        pass

    @transition(
        field=state,
        source=State.COMPILATION,
        target=State.DRAFT,
        custom=TransitionSpec(
            gettext_noop("Kembalikan ke OPD"), (Actor.BAGIAN_ORGANISASI,), _SEND_BACK_INPUTS, Kind.SEND_BACK
        ).custom(),
    )
    def return_to_opd(self, *, by: int, at: datetime.datetime) -> None:
        self.round += 1

    @transition(
        field=state,
        source=State.COMPILATION,
        target=State.MINISTRY_CONSULTATION,
        # The cover letter (surat pengantar) of the consultation.
        custom=TransitionSpec(
            gettext_noop("Kirim ke KemenPAN-RB"), (Actor.BAGIAN_ORGANISASI,), _LETTER
        ).custom(),
    )
    def send_to_ministry(self, *, by: int, at: datetime.datetime) -> None:
        self.reached_ministry = True

    @transition(
        field=state,
        source=State.MINISTRY_CONSULTATION,
        target=State.APPROVED,
        custom=TransitionSpec(
            gettext_noop("Catat persetujuan KemenPAN-RB"), (Actor.BAGIAN_ORGANISASI, Actor.MINISTRY), _LETTER
        ).custom(),
    )
    def ministry_agree(self, *, by: int, at: datetime.datetime) -> None:
        self.approved_at = at

    @transition(
        field=state,
        source=State.MINISTRY_CONSULTATION,
        target=State.DRAFT,
        custom=TransitionSpec(
            gettext_noop("Catat pengembalian KemenPAN-RB"),
            (Actor.BAGIAN_ORGANISASI, Actor.MINISTRY),
            (*_SEND_BACK_INPUTS, *_LETTER),
            Kind.SEND_BACK,
        ).custom(),
    )
    def ministry_return(self, *, by: int, at: datetime.datetime) -> None:
        self.round += 1

    # Not a user action: fired by the service that approves the next version.
    @transition(
        field=state,
        source=State.APPROVED,
        target=State.SUPERSEDED,
        custom=TransitionSpec(gettext_noop("Digantikan versi baru"), kind=Kind.INTERNAL).custom(),
    )
    def supersede(self, *, by: int, at: datetime.datetime) -> None:
        pass

    def fire(self, name: str, *, by: int, at: datetime.datetime) -> None:
        """Fire the transition `name` (django-fsm checks its source state and conditions)."""
        getattr(self, name)(by=by, at=at)


@dataclass(frozen=True)
class Step:
    """One row of the transition table: where it goes, what guards it, and its spec."""

    name: str
    source: State
    target: State
    conditions: tuple[Condition, ...]
    spec: TransitionSpec

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.spec.actors

    @property
    def requires(self) -> tuple[Input, ...]:
        return self.spec.requires

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    @property
    def send_back(self) -> bool:
        return self.spec.kind is Kind.SEND_BACK

    @property
    def internal(self) -> bool:
        return self.spec.kind is Kind.INTERNAL


def _read_table(machine: type[models.Model]) -> dict[str, Step]:
    """The transitions declared on `machine`, in the order they are written."""
    table: dict[str, Step] = {}
    for name, method in vars(machine).items():
        meta = getattr(method, "_django_fsm", None)
        if meta is None:
            continue
        for declared in meta.transitions.values():
            table[name] = Step(
                name=name,
                source=State(declared.source),
                target=State(declared.target),
                conditions=tuple(declared.conditions or ()),
                spec=declared.custom[_SPEC],
            )
    return table


# The one transition table, in the order of the procedure.
TRANSITIONS: Final[dict[str, Step]] = _read_table(SubmissionWorkflow)
# The transitions users fire (the API's `name` values).
USER_TRANSITIONS: Final[tuple[str, ...]] = tuple(n for n, s in TRANSITIONS.items() if not s.internal)


def user_steps() -> list[Step]:
    return [TRANSITIONS[name] for name in USER_TRANSITIONS]


def acting_in(state: str) -> tuple[Actor, ...]:
    """Who must act while a document is in `state`: the actors of the steps that advance it."""
    actors: list[Actor] = []
    for step in TRANSITIONS.values():
        if step.source == state and step.kind is Kind.ADVANCE:
            actors += [actor for actor in step.actors if actor not in actors]
    return tuple(actors)
