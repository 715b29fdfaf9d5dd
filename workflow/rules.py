"""Who may fire which transition on which document, and why not (DESIGN.md section 2).

The transitions and their actor kinds are declared on the model (`workflow.machine`); this module
turns an actor kind into a check against the user's role assignments, bounded by scope (the
document's OPD or instansi) and by the assignment's validity period (acting officials, Plt./Plh.).
Every refusal carries a stable code, an Indonesian sentence, and the HTTP-like kind of failure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from submissions.models import Role, RoleAssignment, TimeZone
from workflow.machine import USER_TRANSITIONS, Actor, State

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from submissions.models import Submission

    AnyUser = User | AnonymousUser

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


@dataclass
class TransitionSpec:
    name: str
    label: str
    source: str
    target: str
    actors: list[str]
    requires: list[str] = field(default_factory=list)
    send_back: bool = False


def _collect_specs() -> dict[str, TransitionSpec]:
    from submissions.models import Submission

    state_field: Any = Submission._meta.get_field("state")
    specs: dict[str, TransitionSpec] = {}
    for transition in state_field.get_all_transitions(Submission):
        custom = transition.custom
        specs[transition.name] = TransitionSpec(
            name=transition.name,
            label=custom["label"],
            source=transition.source,
            target=transition.target,
            actors=list(custom.get("actors", [])),
            requires=list(custom.get("requires", [])),
            send_back=bool(custom.get("send_back", False)),
        )
    return specs


_SPECS: dict[str, TransitionSpec] = {}


def transition_spec(name: str) -> TransitionSpec:
    if not _SPECS:
        _SPECS.update(_collect_specs())
    return _SPECS[name]


def user_transition_specs() -> list[TransitionSpec]:
    return [transition_spec(name) for name in USER_TRANSITIONS]


def assignments_of(user: AnyUser, day: datetime.date | None = None) -> list[RoleAssignment]:
    """The user's role assignments valid on `day` (now by default, see `in_force`), memoised on the user."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    key: Any = day or _local_days(now)
    cache: dict[Any, list[RoleAssignment]] = user.__dict__.setdefault("_skj_roles", {})
    if key not in cache:
        # No ordering: the model's default (by username) would join auth_user on every request.
        assignments = RoleAssignment.objects.filter(user_id=user.pk).order_by()
        if day is not None:
            cache[key] = list(assignments.active_on(day).select_related("opd", "instansi"))
        else:
            cache[key] = in_force(assignments, now)
    return cache[key]


def in_force(assignments: QuerySet[RoleAssignment], now: datetime.datetime) -> list[RoleAssignment]:
    """The assignments in force at `now`, each judged by the date in its own instansi's time zone.

    A Plt. of a Jayapura office leaves at midnight WIT, two hours before midnight in Jakarta; the
    national roles (ministry, administrator) follow the project's time zone.
    """
    days = _local_days(now)
    candidates = assignments.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=days[-1]),
        Q(valid_until__isnull=True) | Q(valid_until__gte=days[0]),
    ).select_related("opd__instansi", "instansi")
    return [a for a in candidates if _period_covers(a, _local_day(a, now))]


def _local_days(now: datetime.datetime) -> tuple[datetime.date, ...]:
    """Today's dates across Indonesia's time zones and the project's (one or two dates)."""
    zones = {*TimeZone.values, settings.TIME_ZONE}
    return tuple(sorted({now.astimezone(ZoneInfo(zone)).date() for zone in zones}))


def _local_day(assignment: RoleAssignment, now: datetime.datetime) -> datetime.date:
    instansi = assignment.opd.instansi if assignment.opd is not None else assignment.instansi
    zone = instansi.time_zone if instansi is not None else settings.TIME_ZONE
    return now.astimezone(ZoneInfo(zone)).date()


def _period_covers(assignment: RoleAssignment, day: datetime.date) -> bool:
    starts, ends = assignment.valid_from, assignment.valid_until
    return (starts is None or starts <= day) and (ends is None or day <= ends)


def grant_for(user: AnyUser, submission: Submission, actor: str) -> RoleAssignment | None:
    """The assignment through which `user` acts as `actor` on this document, if any."""
    opd = submission.position.opd
    for assignment in assignments_of(user):
        if _assignment_matches(assignment, actor, opd.pk, opd.instansi_id, submission, user):
            return assignment
    return None


def _assignment_matches(
    assignment: RoleAssignment,
    actor: str,
    opd_id: int,
    instansi_id: int,
    submission: Submission,
    user: AnyUser,
) -> bool:
    if actor == Actor.OPD_DRAFTER:
        return assignment.role == Role.DRAFTER and assignment.opd_id == opd_id
    if actor == Actor.SUBMITTER:
        return (
            assignment.role == Role.DRAFTER
            and assignment.opd_id == opd_id
            and submission.submitted_by_id == user.pk
        )
    if actor == Actor.OPD_REVIEWER:
        return assignment.role == Role.REVIEWER and assignment.opd_id == opd_id
    if actor == Actor.BAGIAN_ORGANISASI:
        return assignment.role == Role.BAGIAN_ORGANISASI and assignment.instansi_id == instansi_id
    if actor == Actor.MINISTRY:
        return assignment.role == Role.MINISTRY
    return False


def acting_for_text(assignment: RoleAssignment | None) -> str:
    if assignment is None or not assignment.acting:
        return ""
    prefix = "Plt." if assignment.acting == "plt" else "Plh."
    return f"{prefix} {assignment.acting_for}".strip()


def state_refusal(submission: Submission, spec: TransitionSpec) -> Refusal | None:
    if submission.state == spec.source:
        return None
    current = State(submission.state).label
    source = State(spec.source).label
    return Refusal(
        "wrong_state",
        f"Tindakan '{spec.label}' hanya dapat dilakukan pada status '{source}'; "
        f"dokumen ini berstatus '{current}'.",
        CONFLICT,
    )


def actor_refusal(
    submission: Submission, user: AnyUser, spec: TransitionSpec
) -> tuple[Refusal | None, RoleAssignment | None]:
    for actor in spec.actors:
        grant = grant_for(user, submission, actor)
        if grant is not None:
            return _self_approval_refusal(submission, user, spec), grant
    return _not_yours(submission, spec), None


def _not_yours(submission: Submission, spec: TransitionSpec) -> Refusal:
    opd = submission.position.opd
    who = {
        Actor.OPD_DRAFTER: f"penyusun {opd.name}",
        Actor.SUBMITTER: "penyusun yang mengajukan dokumen ini",
        Actor.OPD_REVIEWER: f"pemeriksa {opd.name}",
        Actor.BAGIAN_ORGANISASI: f"Bagian Organisasi {opd.instansi.name}",
        Actor.MINISTRY: "KemenPAN-RB",
    }
    allowed = " atau ".join(who[Actor(actor)] for actor in spec.actors)
    return Refusal(
        "not_permitted",
        f"Tindakan '{spec.label}' hanya dapat dilakukan oleh {allowed}.",
        FORBIDDEN,
    )


def _self_approval_refusal(submission: Submission, user: AnyUser, spec: TransitionSpec) -> Refusal | None:
    if spec.name == "forward" and submission.submitted_by_id == user.pk:
        return Refusal(
            "self_approval",
            "Anda sendiri yang mengajukan dokumen ini pada putaran ini; "
            "penerusan harus dilakukan oleh pemeriksa lain.",
            FORBIDDEN,
        )
    return None


REQUIRED_INPUT_MESSAGES = {
    "reason_code": "Pilih alasan pengembalian.",
    "comment": "Tuliskan catatan untuk penerima.",
    "letter_number": "Isi nomor surat KemenPAN-RB.",
    "letter_date": "Isi tanggal surat KemenPAN-RB.",
}


# The log's column sizes: a longer text (or a NUL byte) must be refused, not fail inside PostgreSQL.
INPUT_TEXT_LIMITS = {"comment": 5_000, "reason_code": 40, "letter_number": 120}


def input_refusals(spec: TransitionSpec, inputs: dict[str, Any], reason_codes: set[str]) -> list[Refusal]:
    refusals = [
        Refusal(f"{name}_required", REQUIRED_INPUT_MESSAGES[name], INVALID, name)
        for name in spec.requires
        if not _filled(inputs.get(name))
    ]
    refusals += _text_refusals(inputs)
    letter_date = inputs.get("letter_date")
    if _filled(letter_date) and not isinstance(letter_date, datetime.date):
        refusals.append(Refusal("letter_date_invalid", "Tanggal surat tidak valid.", INVALID, "letter_date"))
    reason = inputs.get("reason_code")
    if "reason_code" in spec.requires and _filled(reason) and reason not in reason_codes:
        refusals.append(Refusal("reason_code_unknown", "Kode alasan tidak dikenal.", INVALID, "reason_code"))
    return refusals


def _text_refusals(inputs: dict[str, Any]) -> list[Refusal]:
    return [
        Refusal(
            f"{name}_invalid",
            f"Isian harus berupa teks tanpa karakter NUL, paling banyak {limit} karakter.",
            INVALID,
            name,
        )
        for name, limit in INPUT_TEXT_LIMITS.items()
        if inputs.get(name) is not None
        and (not isinstance(inputs[name], str) or "\x00" in inputs[name] or len(inputs[name]) > limit)
    ]


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def content_refusals(submission: Submission, spec: TransitionSpec) -> list[Refusal]:
    if spec.name != "submit":
        return []
    return [
        Refusal(problem.code, problem.message, INVALID, problem.field)
        for problem in submission.validity_errors()
    ]
