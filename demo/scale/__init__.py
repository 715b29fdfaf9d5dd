"""A large, realistic dataset for the benchmarks (DESIGN.md section 8), written with PostgreSQL COPY.

Everything lives under instansi named "Instansi Skala NNN", so the data is easy to count, to top up
and to tell apart from the demo world. One position gets one document, or two versions (a
superseded and an approved one, or an approved one and its revision in draft), which keeps the
database's "one open and one approved version per position" constraints. The FSM field is
protected against assignment, not against the constructor, so documents are built directly in
their state; the workflow services are bypassed on purpose (they cost dozens of queries each).

Rows go to the tables as tuples through `COPY ... FROM STDIN` (demo.scale.tables): no model
instances, no per-row query and no query log, even with DEBUG on. On SQLite the same rows are
written with executemany (small scales only). Each document also gets the email about its latest
step, already sent, as the notification services would have left it.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from demo.scale.bulk import deferred_indexes
from demo.scale.organisation import INSTANSI_PREFIX, Cast, ensure_organisation
from demo.scale.plans import (
    DAY,
    STEP_ACTOR,
    PositionPlan,
    Step,
    VersionPlan,
    deadline_fields,
    plan_position,
)
from demo.scale.rows import Dictionary
from demo.scale.tables import MissingColumnError, TableWriter
from demo.scale.vectors import vectors_at_the_end
from notifications.models import Notification
from submissions.models import Position, Submission
from workflow.models import TransitionLog

__all__ = [
    "MissingColumnError",
    "ScaleOptions",
    "ScaleResult",
    "scale_positions",
    "scale_submissions",
    "seed_scale",
]


@dataclass(frozen=True)
class ScaleOptions:
    submissions: int
    instansi: int = 20
    opds_per_instansi: int = 25
    with_rows: bool = False
    seed: int = 2026
    batch_size: int = 1000  # positions per transaction
    # Drop the secondary indexes and foreign keys for the load and build them once at its end
    # (demo.scale.bulk); None decides by the size of the load (PostgreSQL only).
    defer_indexes: bool | None = None


# Documents from which a load rebuilds the indexes instead of maintaining them (see _loads_in_bulk).
BULK_THRESHOLD = 20_000


@dataclass
class ScaleResult:
    existing: int
    submissions: int = 0
    positions: int = 0
    log_rows: int = 0
    notifications: int = 0
    with_content: int = 0  # documents given content rows (their sets: demo/scale/rows.py)

    @property
    def total(self) -> int:
        return self.existing + self.submissions


def scale_submissions() -> QuerySet[Submission]:
    return Submission.objects.filter(position__opd__instansi__name__startswith=INSTANSI_PREFIX)


def scale_positions() -> QuerySet[Position]:
    return Position.objects.filter(opd__instansi__name__startswith=INSTANSI_PREFIX)


def seed_scale(
    options: ScaleOptions,
    *,
    now: datetime.datetime | None = None,
    progress: Callable[[ScaleResult], None] | None = None,
) -> ScaleResult:
    """Top the scale dataset up to `options.submissions` documents; existing ones are kept as they are."""
    now = now or timezone.now()
    result = ScaleResult(existing=scale_submissions().count())
    cast = ensure_organisation(options.instansi, options.opds_per_instansi)
    missing = options.submissions - result.existing
    index = scale_positions().count()
    dictionary = Dictionary() if options.with_rows else None
    tables = _Tables()  # before anything is written: a column it cannot fill stops the run here
    if _loads_in_bulk(options, missing, result.existing):
        # One transaction for the whole load, indexes and foreign keys built once at its end.
        with transaction.atomic(), deferred_indexes(tables.names()), vectors_at_the_end():
            tables.lock_sequences()  # dropping their indexes locked the tables: nobody else inserts
            _load(index, missing, options, now, cast, dictionary, tables, result, progress)
        _compact_documents()
    else:
        _load(index, missing, options, now, cast, dictionary, tables, result, progress)
    if result.submissions:
        _analyze()
    return result


def _compact_documents() -> None:
    """Rewrite the documents' table after a bulk load, without the rows its vector pass left dead.

    The search vectors are written by one UPDATE at the end of the load (demo/scale/vectors.py),
    which leaves a dead copy of every document behind: at 1,000,000 documents 984,000 of them, the
    table 1.9 GB instead of about half. VACUUM cannot run inside a transaction, so a load inside
    the caller's own transaction (a test's) keeps them; autovacuum frees them later for reuse.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (FULL) {connection.ops.quote_name(Submission._meta.db_table)}")


def _loads_in_bulk(options: ScaleOptions, missing: int, existing: int) -> bool:
    """Whether rebuilding the indexes afterwards is cheaper than keeping them up to date row by row."""
    if connection.vendor != "postgresql" or missing <= 0:
        return False
    if options.defer_indexes is not None:
        return options.defer_indexes
    # A rebuild sorts every row of the tables, old ones too: worth it when the load is large and
    # at least as big as what is already there.
    return missing >= BULK_THRESHOLD and missing >= existing


def _load(
    index: int,
    missing: int,
    options: ScaleOptions,
    now: datetime.datetime,
    cast: Cast,
    dictionary: Dictionary | None,
    tables: _Tables,
    result: ScaleResult,
    progress: Callable[[ScaleResult], None] | None,
) -> None:
    while missing > 0:
        plans = _next_plans(index, missing, options, now)
        with transaction.atomic(savepoint=False):  # a commit per batch, or part of the bulk load
            _write(plans, cast, now, options.seed, dictionary, tables, result)
        index += len(plans)
        missing -= sum(len(plan.versions) for plan in plans)
        if progress is not None:
            progress(result)


def _next_plans(
    start: int, missing: int, options: ScaleOptions, now: datetime.datetime
) -> list[PositionPlan]:
    plans: list[PositionPlan] = []
    index = start
    while missing > 0 and len(plans) < options.batch_size:
        # The very last document must not bring a second version along and overshoot the count.
        plan = plan_position(index, options.seed, now, single=missing == 1)
        plans.append(plan)
        missing -= len(plan.versions)
        index += 1
    return plans


class _Tables:
    """The writers of every table the generator fills, built once per run from the models."""

    def __init__(self) -> None:
        self.position = TableWriter(Position, POSITION_COLUMNS)
        self.urusan = TableWriter(Position.urusan.through, ("position_id", "urusan_id"))
        self.submission = TableWriter(Submission, SUBMISSION_COLUMNS)
        self.log = TableWriter(TransitionLog, LOG_COLUMNS)
        self.notification = TableWriter(Notification, NOTIFICATION_COLUMNS)

    def writers(self) -> list[TableWriter]:
        return [writer for writer in vars(self).values() if isinstance(writer, TableWriter)]

    def names(self) -> list[str]:
        return [str(writer.table) for writer in self.writers()]

    def lock_sequences(self) -> None:
        for writer in self.writers():
            writer.exclusive = True


@dataclass
class _Document:
    id: int
    position_id: int
    opd_id: int
    plan: PositionPlan
    version: VersionPlan


def _write(
    plans: list[PositionPlan],
    cast: Cast,
    now: datetime.datetime,
    seed: int,
    dictionary: Dictionary | None,
    tables: _Tables,
    result: ScaleResult,
) -> None:
    position_ids = tables.position.reserve_ids(len(plans))
    opds = [cast.opds[plan.index % len(cast.opds)] for plan in plans]
    tables.position.write(
        _position_row(pid, plan, opd.pk) for pid, plan, opd in zip(position_ids, plans, opds, strict=True)
    )
    tables.urusan.write((pid, cast.urusan[opd.pk]) for pid, opd in zip(position_ids, opds, strict=True))
    pairs = [
        (plan, version, pid, opd.pk)
        for plan, pid, opd in zip(plans, position_ids, opds, strict=True)
        for version in plan.versions
    ]
    ids = tables.submission.reserve_ids(len(pairs))
    documents = [
        _Document(i, pid, opd_id, plan, v) for i, (plan, v, pid, opd_id) in zip(ids, pairs, strict=True)
    ]
    first_version = {d.position_id: d.id for d in documents if d.version.version == 1}
    # Older versions first: a revision points at its approved predecessor through based_on.
    documents.sort(key=lambda d: d.version.version)
    tables.submission.write(_submission_row(d, cast, now, seed, first_version, dictionary) for d in documents)
    result.log_rows += tables.log.write(
        _log_row(d, step, cast) for d in documents for step in d.version.steps
    )
    result.notifications += tables.notification.write(
        row for d in documents if (row := _notification_row(d, cast)) is not None
    )
    result.positions += len(plans)
    result.submissions += len(documents)
    if dictionary is not None:
        result.with_content += len(documents)


POSITION_COLUMNS = ("id", "opd_id", "name", "sub_unit", "kind", "rank", "code", "created_at")


def _position_row(position_id: int, plan: PositionPlan, opd_id: int) -> tuple[object, ...]:
    return (position_id, opd_id, plan.name, "", plan.kind, plan.rank, "", plan.versions[0].created_at - DAY)


SUBMISSION_COLUMNS = (
    "id",
    "position_id",
    "version",
    "state",
    "round",
    "summary",
    "based_on_id",
    "revision_reason",
    "legal_basis",
    "due_at",
    "stage_entered_at",
    "next_reminder_at",
    "reminders_sent",
    "escalations_sent",
    "created_by_id",
    "submitted_by_id",
    "approved_at",
    "content_revision",
    "created_at",
    "updated_at",
    "opd_id",
    "instansi_id",
    "reached_ministry",
    "competency_set_id",
    "requirement_set_id",
)


def _submission_row(
    document: _Document,
    cast: Cast,
    now: datetime.datetime,
    seed: int,
    first_version: dict[int, int],
    dictionary: Dictionary | None,
) -> tuple[object, ...]:
    plan, version = document.plan, document.version
    drafter = cast.drafter[document.opd_id]
    approved_at = version.approved_at()
    rng = random.Random(seed * 7_919 + plan.index * 3 + version.version)
    deadline = deadline_fields(version, rng, now)
    revised = version.version > 1
    return (
        document.id,
        document.position_id,
        version.version,
        str(version.state),
        version.round,
        f"Ikhtisar {plan.name}: melaksanakan tugas sesuai bidangnya.",
        first_version[document.position_id] if revised else None,
        "Penyesuaian dengan peraturan terbaru." if revised else "",
        "Peraturan Menteri PANRB Nomor 38 Tahun 2017" if revised else "",
        deadline["due_at"],
        version.entered_at,
        deadline["next_reminder_at"],
        deadline["reminders_sent"],
        deadline["escalations_sent"],
        drafter,
        drafter if any(s.name == "submit" for s in version.steps) else None,
        approved_at,
        version.content_revision,
        version.created_at,
        version.entered_at,
        document.opd_id,
        cast.instansi_of[document.opd_id],
        any(step.to_state == "ministry_consultation" for step in version.steps),
        *(dictionary.sets_for(plan) if dictionary is not None else (None, None)),
    )


LOG_COLUMNS = (
    "submission_id",
    "transition",
    "from_state",
    "to_state",
    "actor_id",
    "acting_for",
    "comment",
    "reason_code",
    "letter_number",
    "letter_date",
    "round",
    "at",
)


def _actor(document: _Document, role: str, cast: Cast) -> int:
    if role == "organisasi":
        return cast.organisasi[cast.instansi_of[document.opd_id]]
    return (cast.drafter if role == "drafter" else cast.reviewer)[document.opd_id]


def _log_row(document: _Document, step: Step, cast: Cast) -> tuple[object, ...]:
    comment, reason_code, letter_number, letter_date = "", "", "", None
    if step.name == "return_to_drafter":
        reason_code, comment = "technical_competency", "Lengkapi kompetensi teknis."
    elif step.name == "ministry_agree":
        letter_number, letter_date = f"B/{document.position_id}/M.SM.01.00", step.at.date()
    elif step.name == "supersede":
        comment = f"Digantikan oleh versi {document.version.version + 1}."
    elif step.name == "start_revision":
        comment = "Penyesuaian dengan peraturan terbaru."
    return (
        document.id,
        step.name,
        step.from_state,
        step.to_state,
        _actor(document, STEP_ACTOR[step.name], cast),
        "",
        comment,
        reason_code,
        letter_number,
        letter_date,
        step.round,
        step.at,
    )


NOTIFICATION_COLUMNS = (
    "kind",
    "submission_id",
    "recipient_id",
    "actor_id",
    "event_key",
    "idempotency_key",
    "delivery",
    "subject",
    "body_text",
    "body_html",
    "status",
    "attempts",
    "last_error",
    "sent_at",
    "created_at",
)
# Who is told of a document's latest step (the one who acts next), as the workflow's services would.
_NOTIFIED = {
    "submit": "reviewer",
    "forward": "organisasi",
    "return_to_drafter": "drafter",
    "return_to_opd": "drafter",
    "withdraw": "reviewer",
    "send_to_ministry": "ministry",
    "ministry_agree": "organisasi",
    "ministry_return": "organisasi",
}


def _notification_row(document: _Document, cast: Cast) -> tuple[object, ...] | None:
    """One sent email about the document's latest step, when that step notifies anyone."""
    step = document.version.steps[-1]
    role = _NOTIFIED.get(step.name)
    if role is None:
        return None
    recipient = cast.ministry if role == "ministry" else _actor(document, role, cast)
    actor = _actor(document, STEP_ACTOR[step.name], cast)
    subject = f"[Alur SKJ] {document.plan.name}: {step.to_state}"
    text = f"Dokumen {document.plan.name} versi {document.version.version} kini berstatus {step.to_state}."
    return (
        step.name,
        document.id,
        recipient,
        actor,
        f"{step.name}:{document.id}:{step.round}",
        f"skala:{document.id}:{step.name}:{step.round}:{recipient}",
        "email",
        subject,
        text,
        f"<p>{text}</p>",
        "sent",
        1,
        "",
        step.at,
        step.at,
    )


def _analyze() -> None:
    """Fresh planner statistics: without them PostgreSQL plans the first benchmark on guesses.

    Outside a transaction the whole database is vacuumed and analysed (at 1,000,000 documents
    11 s): on a server without autovacuum, like the development machines', the link tables would
    stay unanalysed and every visibility map unset, so index-only scans would read the heap.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
            return
        for model in (Position, Submission, TransitionLog, Notification):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
