"""Running an export job in the worker: claim it, build the file, keep it in storage until it expires.

A job is claimed with a conditional UPDATE (pending -> running, or a running job whose worker has
gone silent for `EXPORT_STALE_SECONDS`), so a task delivered twice builds the file once, and a
job whose worker died is taken up again by the redelivered task. The file goes into Django's
default storage; `purge_expired` removes it once `EXPORT_FILE_TTL_HOURS` have passed.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F, Q
from django.utils import timezone

from submissions.exports import export_filename, export_queryset, render_docx, render_pdf
from submissions.exports.book import BookSource, EffectiveStandards, frame_of, standard_views
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf
from submissions.exports.recap import build_recap
from submissions.models import ExportFormat, ExportJob, ExportKind, ExportStatus, Orientation
from workflow.books import DecreeBook, PackageBook
from workflow.deadlines import working_days_late

logger = logging.getLogger(__name__)
CLAIMED, SKIPPED, FAILED = "claimed", "skipped", "failed"
FAILURE_MESSAGE = (
    "Berkas tidak dapat dibuat karena galat di server. Silakan minta ulang; bila terulang, hubungi admin."
)


def claim(job_id: int) -> bool:
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    claimable = Q(status=ExportStatus.PENDING) | Q(status=ExportStatus.RUNNING, heartbeat_at__lt=stale)
    changed = ExportJob.objects.filter(
        claimable, pk=job_id, attempts__lt=settings.EXPORT_MAX_ATTEMPTS
    ).update(
        status=ExportStatus.RUNNING, started_at=now, heartbeat_at=now, done=0, attempts=F("attempts") + 1
    )
    return changed == 1


def run(job_id: int) -> str:
    if not claim(job_id):
        return SKIPPED
    job = ExportJob.objects.select_related("instansi", "opd", "decree__instansi", "package__instansi").get(
        pk=job_id
    )
    try:
        content, name = build(job)
    except Exception:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id, status=ExportStatus.RUNNING).update(
            status=ExportStatus.FAILED, error=FAILURE_MESSAGE, finished_at=timezone.now()
        )
        return FAILED
    finish(job, content, name)
    return CLAIMED


def pending_ids(older_than_seconds: int) -> list[int]:
    """Jobs still waiting (message lost at commit) or running with a silent worker (it died)."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=older_than_seconds)
    waiting = Q(status=ExportStatus.PENDING, created_at__lt=cutoff)
    silent = Q(
        status=ExportStatus.RUNNING,
        heartbeat_at__lt=now - datetime.timedelta(seconds=settings.EXPORT_STALE_SECONDS),
    )
    claimable = ExportJob.objects.filter(waiting | silent, attempts__lt=settings.EXPORT_MAX_ATTEMPTS)
    return list(claimable.values_list("pk", flat=True))


def finish(job: ExportJob, content: bytes, name: str) -> None:
    stored: str = job.file.storage.save(job.file.field.generate_filename(job, name), ContentFile(content))
    now = timezone.now()
    finished = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.DONE,
        file=stored,
        filename=name,
        done=F("total"),
        finished_at=now,
        expires_at=now + datetime.timedelta(hours=settings.EXPORT_FILE_TTL_HOURS),
    )
    if not finished:  # someone else finished or failed it meanwhile: keep no orphan file
        job.file.storage.delete(stored)


def reporter(job_id: int, extra_steps: int = 1) -> Callable[[int, int], None]:
    """Progress into the job row (the last step, writing the file, is counted too); a heartbeat as well."""

    def report(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job_id, status=ExportStatus.RUNNING).update(
            done=done, total=total + extra_steps, heartbeat_at=timezone.now()
        )

    return report


def build(job: ExportJob) -> tuple[bytes, str]:
    landscape = job.orientation == Orientation.LANDSCAPE
    report = reporter(job.pk)
    if job.kind == ExportKind.STANDARD:
        submission = export_queryset().get(pk=job.submission_id or 0)
        render = render_pdf if job.format == ExportFormat.PDF else render_docx
        report(0, 1)
        return render(submission, landscape=landscape), export_filename(submission, job.format)
    assert job.instansi is not None
    if job.kind == ExportKind.RECAP:
        stem = EffectiveStandards(job.instansi, job.opd).filename_stem().replace("Buku-SKJ", "Rekap-SKJ")
        recap = build_recap(job.instansi, job.opd, progress=report, late_days=working_days_late)
        return recap, f"{stem}.xlsx"
    source = book_source(job)
    frame = frame_of(source)
    views = standard_views(source, progress=report)
    if job.format == ExportFormat.PDF:
        return render_book_pdf(frame, views, landscape=landscape), f"{source.filename_stem()}.pdf"
    return build_book(frame, views, landscape=landscape), f"{source.filename_stem()}.docx"


def book_source(job: ExportJob) -> BookSource:
    if job.kind == ExportKind.DECREE_BOOK and job.decree is not None:
        return DecreeBook(job.decree)
    if job.kind == ExportKind.PACKAGE_BOOK and job.package is not None:
        return PackageBook(job.package)
    assert job.instansi is not None
    return EffectiveStandards(job.instansi, job.opd)


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Delete the files of jobs past their expiry; the rows stay (status expired) as a record."""
    moment = now or timezone.now()
    purged = 0
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=moment).only("pk", "file"):
        if ExportJob.objects.filter(pk=job.pk, status=ExportStatus.DONE).update(status=ExportStatus.EXPIRED):
            if job.file.name:
                job.file.storage.delete(job.file.name)
            purged += 1
    return purged
