"""The only way a document changes state (DESIGN.md section 3): one service, one transaction.

Each service: opens a durable transaction, locks the document row, re-checks scope, permission,
state and conditions after the lock (so two users racing get one success and one conflict), fires
the django-fsm transition, saves, appends one TransitionLog row, snapshots the content when it
leaves `draft`, sets the new deadline, and writes the notification rows. Celery tasks are queued by
the notifications app only once the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from config.memo import read_ahead
from submissions.header import capture_header
from submissions.models import (
    CONTENT_ROWS,
    CONTENT_SETS,
    CompetencySet,
    Position,
    RequirementSet,
    Submission,
    stored_set,
)
from workflow import announcements, content, deadlines, progress, roles, snapshots
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted, StaleContent, TransitionRefused
from workflow.events import services as events
from workflow.events.models import EventKind
from workflow.letters import letter_refusals
from workflow.machine import OPEN_STATES, USER_TRANSITIONS, Actor, Input, State
from workflow.models import ConsultationPackage, PackageItem, ReasonCode, TransitionLog
from workflow.packages.models import Outcome
from workflow.rules import (
    CONFLICT,
    INVALID,
    Refusal,
    acting_for_text,
    actor_refusal,
    condition_refusals,
    grant_of,
    input_refusals,
    state_refusal,
    transition_step,
)
from workflow.scoping import visible_positions, visible_submissions

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from workflow.roles import AnyUser


def _locked_submission(submission_id: int, actor: AnyUser, *, with_rows: bool = False) -> Submission:
    queryset = (
        visible_submissions(actor).select_for_update(of=("self",)).select_related("position__opd__instansi")
    )
    if with_rows:
        # The validity check, the transition's guard and the snapshot all read the rows: once.
        queryset = queryset.select_related(*CONTENT_SETS).prefetch_related(*CONTENT_ROWS)
    try:
        return queryset.get(pk=submission_id)
    except Submission.DoesNotExist:
        raise NotFound("Dokumen tidak ditemukan.") from None


def _log(
    submission: Submission,
    *,
    transition: str,
    from_state: str,
    actor: User,
    acting_for: str = "",
    **details: Any,
) -> TransitionLog:
    return TransitionLog.objects.create(
        submission=submission,
        transition=transition,
        from_state=from_state,
        to_state=submission.state,
        actor=actor,
        acting_for=acting_for,
        round=submission.round,
        **details,
    )


def _active_reason_codes() -> set[str]:
    return set(ReasonCode.objects.filter(active=True).values_list("code", flat=True))


def transition_refusals(
    submission: Submission,
    actor: AnyUser,
    name: str,
    inputs: Mapping[str, Any] | None = None,
    *,
    check_content: bool = True,
) -> list[Refusal]:
    """Why `actor` cannot fire `name` now, most decisive reason first (empty: allowed).

    With `inputs` None the inputs (reason, letter) are not checked: pages and the status endpoint
    ask before the user filled them in. `check_content=False` skips the validity check, which reads
    every row of the document (the cheap status endpoint must not).
    """
    step = transition_step(name)
    wrong_state = state_refusal(submission, step)
    if wrong_state:
        return [wrong_state]
    not_allowed = actor_refusal(submission, actor, step)
    if not_allowed:
        return [not_allowed]
    refusals = []
    if inputs is not None:
        known_reasons = _active_reason_codes() if Input.REASON_CODE in step.requires else set()
        refusals += input_refusals(step, dict(inputs), known_reasons)
        refusals += letter_refusals(submission, step, dict(inputs))
    if check_content:
        refusals += condition_refusals(submission, step)
    return refusals


def submission_fire_transition(
    *,
    submission_id: int,
    name: str,
    actor: User,
    comment: str = "",
    reason_code: str = "",
    letter_number: str = "",
    letter_date: datetime.date | None = None,
) -> Submission:
    if name not in USER_TRANSITIONS:
        raise TransitionRefused(f"Tindakan '{name}' tidak dikenal.", code="unknown_transition")
    inputs = transition_inputs(
        comment=comment, reason_code=reason_code, letter_number=letter_number, letter_date=letter_date
    )
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        # The document's conditions (its validity) read its rows: prefetch them once.
        with_rows = bool(transition_step(name).conditions)
        submission = _locked_submission(submission_id, actor, with_rows=with_rows)
        refusals = transition_refusals(submission, actor, name, inputs)
        if not refusals and name in ("ministry_agree", "ministry_return"):
            refusals = package_answer_refusals(submission)
        if refusals:
            summary = _refusal_summary(refusals)
            raise TransitionRefused.from_refusals(refusals, summary)
        return apply_transition(submission, actor, name, inputs)


def transition_inputs(
    *,
    comment: str = "",
    reason_code: str = "",
    letter_number: Any = "",
    letter_date: datetime.date | None = None,
) -> dict[str, Any]:
    """The inputs of a transition as the rules read them; a letter number is trimmed."""
    if isinstance(letter_number, str):
        letter_number = letter_number.strip()
    return {
        "comment": comment,
        "reason_code": reason_code,
        "letter_number": letter_number,
        "letter_date": letter_date,
    }


def locked_submissions(submission_ids: Sequence[int], actor: AnyUser) -> dict[int, Submission]:
    """Many documents in the actor's sight, locked in id order (so two batches never deadlock)."""
    queryset = (
        visible_submissions(actor)
        .select_for_update(of=("self",))
        .select_related("position__opd__instansi")
        .filter(pk__in=list(submission_ids))
        .order_by("pk")
    )
    return {submission.pk: submission for submission in queryset}


def package_answer_refusals(submission: Submission) -> list[Refusal]:
    """A document sent in a package is answered on the package, so the package's counts stay true."""
    item = (
        PackageItem.objects.filter(
            submission=submission, outcome=Outcome.PENDING, package__sent_at__isnull=False
        )
        .select_related("package")
        .first()
    )
    if item is None:
        return []
    return [
        Refusal(
            "in_package",
            f"Dokumen ini dikirim dalam paket '{item.package.title}'; "
            "catat jawaban KemenPAN-RB pada paket itu.",
            CONFLICT,
        )
    ]


def _refusal_summary(refusals: Sequence[Refusal]) -> str:
    if len(refusals) > 1 and all(r.kind == INVALID for r in refusals):
        return f"Tindakan belum dapat dilakukan: ada {len(refusals)} hal yang perlu diperbaiki."
    return refusals[0].message


def apply_transition(
    submission: Submission,
    actor: User,
    name: str,
    inputs: dict[str, Any],
    *,
    package: ConsultationPackage | None = None,
    position_code: str = "",
) -> Submission:
    """Fire, save, log, snapshot, capture the header, set the deadline and announce one transition.

    Only for services of the workflow, inside their transaction, on a document they locked and
    whose `transition_refusals` came back empty. A package's send and answers fire each item
    through here: then the log row names the package, the package follows up with the ministry
    instead of each item, and the package announces all its items in one message per recipient.
    """
    step = transition_step(name)
    grant = grant_of(actor, submission, step)
    from_state = submission.state
    now = timezone.now()
    try:
        submission.fire(name, by=actor.pk, at=now)
    except TransitionNotAllowed as exc:
        raise Conflict(str(exc), code="wrong_state") from exc
    superseded, code_changed = None, False
    if step.target == State.APPROVED:
        superseded = _supersede_previous(submission, actor, now)
        if position_code and position_code != submission.position.code:
            _assign_position_code(submission, position_code)
            code_changed = True
    if from_state == State.DRAFT or submission.state == State.APPROVED:
        capture_header(submission)
    deadlines.enter_stage(submission, now)
    if package is not None:
        submission.next_reminder_at = None  # the package follows up, once for all its items
    _save_or_conflict(submission)
    log = _log(
        submission,
        transition=name,
        from_state=from_state,
        actor=actor,
        acting_for=acting_for_text(grant),
        comment=inputs["comment"] or "",
        reason_code=inputs["reason_code"] or "",
        letter_number=inputs["letter_number"] or "",
        letter_date=inputs["letter_date"],
        package=package,
    )
    if from_state == State.DRAFT:
        snapshots.take_snapshot(submission, log)
    progress.forget_on_commit(submission.instansi_id)
    if package is None:
        announcements.announce_transition(submission=submission, log=log)
    role = str(grant.role) if grant is not None else ""
    events.record_transitions(
        [*([superseded] if superseded else []), (log, submission)], actor=actor, role=role
    )
    if code_changed:
        events.record_positions(
            [(submission.position, EventKind.POSITION_CHANGED, ["code_changed"])], actor=actor
        )
    return submission


def _assign_position_code(submission: Submission, code: str) -> None:
    """The kode jabatan the ministry assigned, on the position (so the next version keeps it)."""
    position = submission.position
    position.code = code
    Position.objects.filter(pk=position.pk).update(code=code)


def _save_or_conflict(submission: Submission) -> None:
    try:
        submission.save()
    except ConcurrentTransition as exc:
        raise Conflict(
            "Dokumen baru saja diubah oleh pengguna lain; muat ulang halaman.", code="conflict"
        ) from exc


def _supersede_previous(
    submission: Submission, actor: User, now: datetime.datetime
) -> tuple[TransitionLog, Submission] | None:
    """The approved predecessor becomes superseded in the same transaction, before the new one saves."""
    previous = (
        Submission.objects.select_for_update()
        .filter(position_id=submission.position_id, state=State.APPROVED)
        .exclude(pk=submission.pk)
        .first()
    )
    if previous is None:
        return None
    previous.position = submission.position  # the same position, already loaded
    previous.supersede(by=actor.pk, at=now)
    previous.next_reminder_at = None
    previous.due_at = None
    previous.save()
    log = _log(
        previous,
        transition="supersede",
        from_state=State.APPROVED,
        actor=actor,
        comment=f"Digantikan oleh versi {submission.version}.",
    )
    return log, previous


def submission_create_draft(*, position_id: int, actor: User) -> Submission:
    """A first draft of a position's standard, prefilled with the 9 fixed rows at the minimum level."""
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        position = locked_position(position_id, actor)
        _require_author(position, actor, Actor.OPD_DRAFTER)
        if position.submissions.exists():
            raise Conflict(
                "Jabatan ini sudah memiliki dokumen SKJ; buka dokumen tersebut atau mulai revisi.",
                code="already_exists",
            )
        submission = Submission(position=position, version=1, created_by=actor)
        return _start(submission, actor, transition="create")


def submission_start_revision(*, position_id: int, actor: User, reason: str, legal_basis: str) -> Submission:
    """Version n+1 as a draft copied from the approved one; the approved one stays in force meanwhile."""
    errors = [
        {"code": f"{field}_required", "message": message, "field": field}
        for field, value, message in (
            ("reason", reason, "Tuliskan alasan revisi (mis. peraturan baru)."),
            ("legal_basis", legal_basis, "Tuliskan dasar hukum versi baru."),
        )
        if not (value or "").strip()
    ]
    if errors:
        raise InvalidContent("Alasan dan dasar hukum revisi wajib diisi.", errors=errors)
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        position = locked_position(position_id, actor)
        _require_author(position, actor, Actor.OPD_DRAFTER, Actor.BAGIAN_ORGANISASI)
        approved = position.submissions.filter(state=State.APPROVED).first()
        if approved is None:
            raise Conflict("Belum ada versi yang disetujui untuk direvisi.", code="nothing_to_revise")
        if position.submissions.filter(state__in=OPEN_STATES).exists():
            raise Conflict("Jabatan ini sudah memiliki versi yang sedang diproses.", code="open_version")
        version = (position.submissions.aggregate(Max("version"))["version__max"] or 0) + 1
        submission = Submission(
            position=position,
            version=version,
            created_by=actor,
            based_on=approved,
            summary=approved.summary,
            revision_reason=reason.strip(),
            legal_basis=legal_basis.strip(),
        )
        submission = _start(submission, actor, transition="start_revision", source=approved)
        announcements.announce_revision_started(submission=submission, actor=actor)
        return submission


def _start(
    submission: Submission, actor: User, *, transition: str, source: Submission | None = None
) -> Submission:
    deadlines.enter_stage(submission, timezone.now())
    if source is None:
        initial = content.initial_competency_rows(submission, submission.position)
        submission.competency_set = stored_set(CompetencySet, initial)
    else:
        content.share_rows(source, submission)
    submission.save()
    log = _log(
        submission,
        transition=transition,
        from_state="",
        actor=actor,
        comment=submission.revision_reason,
    )
    events.record_transition(log, submission, actor=actor)
    return submission


def locked_position(position_id: int, actor: AnyUser) -> Position:
    """The position in the actor's sight, locked until the transaction ends; NotFound otherwise."""
    try:
        return (
            visible_positions(actor)
            .select_for_update(of=("self",))
            .select_related("opd__instansi")
            .get(pk=position_id)
        )
    except Position.DoesNotExist:
        raise NotFound("Jabatan tidak ditemukan.") from None


def _require_author(position: Position, actor: AnyUser, *authors: Actor) -> None:
    """One of `authors` of the position's documents (a drafter of its OPD, or its Bagian Organisasi)."""
    if any(roles.grant_on_position(actor, position, author) for author in authors):
        return
    who = " atau ".join(roles.actor_names(position.opd)[author] for author in authors)
    raise NotPermitted(f"Hanya {who} yang dapat menyusun SKJ jabatan ini.")


def submission_update_content(
    *,
    submission_id: int,
    actor: User,
    expected_revision: int | None = None,
    summary: Any = None,
    competencies: Any = None,
    requirements: Any = None,
) -> Submission:
    """Save a draft's content; a list given replaces the whole list. Refuses a stale revision."""
    with transaction.atomic(durable=True):
        submission = _locked_submission(submission_id, actor)
        if not roles.may_act_as(actor, submission, Actor.OPD_DRAFTER):
            raise NotPermitted(
                f"Hanya penyusun {submission.position.opd.name} yang dapat mengubah dokumen ini."
            )
        if not submission.is_editable:
            raise Conflict("Dokumen hanya dapat diubah selama berstatus Draf.", code="not_editable")
        if expected_revision is not None and expected_revision != submission.content_revision:
            raise StaleContent(
                "Dokumen telah diubah oleh pengguna lain sejak Anda membukanya.",
                current_revision=submission.content_revision,
            )
        _replace_content(submission, summary, competencies, requirements)
        submission.content_revision += 1
        submission.content_edited_by, submission.content_edited_at = actor, timezone.now()
        submission.save()
        return submission


def _replace_content(submission: Submission, summary: Any, competencies: Any, requirements: Any) -> None:
    errors: list[dict[str, str]] = []
    new_rows: dict[str, list[Any]] = {}
    for key, value, build in (
        ("competencies", competencies, content.competency_rows),
        ("requirements", requirements, content.requirement_rows),
    ):
        if value is None:
            continue
        try:
            new_rows[key] = build(value, submission)
        except InvalidContent as exc:
            errors += exc.errors
    if summary is not None:
        try:
            submission.summary = content.clean_summary(summary)
        except InvalidContent as exc:
            errors += exc.errors
    if errors:
        raise InvalidContent("Isian belum dapat disimpan; periksa kolom yang ditandai.", errors=errors)
    # The document points at the set with exactly these rows; the set it left stays as it was, for
    # the other documents and the snapshots that read it (submissions.models.content_sets).
    if "competencies" in new_rows:
        submission.competency_set = stored_set(CompetencySet, new_rows["competencies"])
    if "requirements" in new_rows:
        submission.requirement_set = stored_set(RequirementSet, new_rows["requirements"])
