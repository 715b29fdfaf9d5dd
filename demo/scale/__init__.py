"""A large, realistic dataset for the benchmarks (DESIGN.md section 8), written with bulk inserts.

Everything lives under instansi named "Instansi Skala NNN", so the data is easy to count, to top up
and to tell apart from the demo world. One position gets one document, or two versions (a
superseded and an approved one, or an approved one and its revision in draft), which keeps the
database's "one open and one approved version per position" constraints. The FSM field is
protected against assignment, not against the constructor, so documents are built directly in
their state; the workflow services are bypassed on purpose (they cost dozens of queries each).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

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
from demo.scale.rows import Dictionary, rows_for
from submissions.models import CompetencyRow, Position, RequirementRow, Submission
from workflow.models import TransitionLog

__all__ = ["ScaleOptions", "ScaleResult", "scale_positions", "scale_submissions", "seed_scale"]


@dataclass(frozen=True)
class ScaleOptions:
    submissions: int
    instansi: int = 20
    opds_per_instansi: int = 25
    with_rows: bool = False
    seed: int = 2026
    batch_size: int = 1000  # positions per transaction


@dataclass
class ScaleResult:
    existing: int
    submissions: int = 0
    positions: int = 0
    log_rows: int = 0
    content_rows: int = 0

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
    while missing > 0:
        plans = _next_plans(index, missing, options, now)
        with transaction.atomic(), _explicit_timestamps():
            _write(plans, cast, now, options.seed, dictionary, result)
        index += len(plans)
        missing -= sum(len(plan.versions) for plan in plans)
        if progress is not None:
            progress(result)
    if result.submissions:
        _analyze()
    return result


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


@contextmanager
def _explicit_timestamps() -> Iterator[None]:
    """Let bulk_create write the spread-out dates of the plan instead of "now" (process-local)."""
    fields: list[Any] = [
        Submission._meta.get_field("created_at"),
        Submission._meta.get_field("updated_at"),
        Position._meta.get_field("created_at"),
        TransitionLog._meta.get_field("at"),
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _write(
    plans: list[PositionPlan],
    cast: Cast,
    now: datetime.datetime,
    seed: int,
    dictionary: Dictionary | None,
    result: ScaleResult,
) -> None:
    positions = _write_positions(plans, cast)
    documents: list[tuple[Submission, VersionPlan]] = []
    # Older versions first: a revision points at its approved predecessor through based_on.
    for depth in (0, 1):
        batch = [
            (_submission(plan, version, position, cast, now, seed), version)
            for plan, position in zip(plans, positions, strict=True)
            for number, version in enumerate(plan.versions)
            if number == depth
        ]
        if depth == 1:
            _link_revisions(batch, documents)
        Submission.objects.bulk_create([document for document, _ in batch])
        documents += batch
    logs = [_log(document, step, cast) for document, version in documents for step in version.steps]
    TransitionLog.objects.bulk_create(logs, batch_size=5000)
    result.positions += len(positions)
    result.submissions += len(documents)
    result.log_rows += len(logs)
    if dictionary is not None:
        result.content_rows += _write_rows([document for document, _ in documents], dictionary)


def _write_positions(plans: list[PositionPlan], cast: Cast) -> list[Position]:
    positions = [
        Position(
            opd=cast.opds[plan.index % len(cast.opds)],
            name=plan.name,
            kind=plan.kind,
            rank=plan.rank,
            created_at=plan.versions[0].created_at - DAY,
        )
        for plan in plans
    ]
    Position.objects.bulk_create(positions)
    link = Position.urusan.through
    link.objects.bulk_create(link(position_id=p.pk, urusan_id=cast.urusan[p.opd_id]) for p in positions)
    return positions


def _submission(
    plan: PositionPlan,
    version: VersionPlan,
    position: Position,
    cast: Cast,
    now: datetime.datetime,
    seed: int,
) -> Submission:
    drafter = cast.drafter[position.opd_id]
    approved_at = version.approved_at()
    rng = random.Random(seed * 7_919 + plan.index * 3 + version.version)
    return Submission(
        position=position,
        version=version.version,
        state=version.state,
        round=version.round,
        summary=f"Ikhtisar {plan.name}: melaksanakan tugas sesuai bidangnya.",
        revision_reason="Penyesuaian dengan peraturan terbaru." if version.version > 1 else "",
        legal_basis="Peraturan Menteri PANRB Nomor 38 Tahun 2017" if version.version > 1 else "",
        created_by_id=drafter,
        submitted_by_id=drafter if any(s.name == "submit" for s in version.steps) else None,
        stage_entered_at=version.entered_at,
        approved_at=approved_at,
        content_revision=version.content_revision,
        created_at=version.created_at,
        updated_at=version.entered_at,
        **deadline_fields(version, rng, now),
    )


def _link_revisions(
    revisions: list[tuple[Submission, VersionPlan]], earlier: list[tuple[Submission, VersionPlan]]
) -> None:
    first_versions = {document.position_id: document for document, _ in earlier}
    for document, _ in revisions:
        document.based_on = first_versions[document.position_id]


def _log(document: Submission, step: Step, cast: Cast) -> TransitionLog:
    opd_id = document.position.opd_id
    actors = {
        "drafter": cast.drafter[opd_id],
        "reviewer": cast.reviewer[opd_id],
        "organisasi": cast.organisasi[document.position.opd.instansi_id],
    }
    details = _step_details(document, step)
    return TransitionLog(
        submission=document,
        transition=step.name,
        from_state=step.from_state,
        to_state=step.to_state,
        actor_id=actors[STEP_ACTOR[step.name]],
        round=step.round,
        at=step.at,
        **details,
    )


def _step_details(document: Submission, step: Step) -> dict[str, object]:
    if step.name == "return_to_drafter":
        return {"reason_code": "technical_competency", "comment": "Lengkapi kompetensi teknis."}
    if step.name == "ministry_agree":
        return {"letter_number": f"B/{document.position_id}/M.SM.01.00", "letter_date": step.at.date()}
    if step.name == "supersede":
        return {"comment": f"Digantikan oleh versi {document.version + 1}."}
    if step.name == "start_revision":
        return {"comment": document.revision_reason}
    return {}


def _write_rows(documents: list[Submission], dictionary: Dictionary) -> int:
    competencies: list[CompetencyRow] = []
    requirements: list[RequirementRow] = []
    for document in documents:
        rows, needs = rows_for(document, dictionary)
        competencies += rows
        requirements += needs
    CompetencyRow.objects.bulk_create(competencies, batch_size=5000)
    RequirementRow.objects.bulk_create(requirements, batch_size=5000)
    return len(competencies) + len(requirements)


def _analyze() -> None:
    """Fresh planner statistics: without them PostgreSQL plans the first benchmark on guesses."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Position, Submission, TransitionLog, CompetencyRow, RequirementRow):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
