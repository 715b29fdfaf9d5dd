"""Asking for a long output (a book, a recap, one standard as a file): the rules both the API and the
pages apply, in one place. The job itself runs in Celery (`workflow.tasks.run_export`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction

from submissions.exports.book import BookSource, EffectiveStandards
from submissions.exports.recap import positions_of
from submissions.models import (
    OPD,
    ExportFormat,
    ExportJob,
    ExportKind,
    ExportStatus,
    Instansi,
    Orientation,
    Submission,
)
from workflow.books import DecreeBook, PackageBook
from workflow.errors import InvalidContent, NotFound
from workflow.models import ConsultationPackage, Decree
from workflow.scoping import (
    covers_unit,
    visible_decrees,
    visible_instansi,
    visible_opds,
    visible_packages,
    visible_submissions,
)

if TYPE_CHECKING:
    from workflow.roles import AnyUser

FORMATS = {
    ExportKind.STANDARD: (ExportFormat.DOCX, ExportFormat.PDF),
    ExportKind.BOOK: (ExportFormat.DOCX, ExportFormat.PDF),
    ExportKind.RECAP: (ExportFormat.XLSX,),
    ExportKind.DECREE_BOOK: (ExportFormat.DOCX, ExportFormat.PDF),
    ExportKind.PACKAGE_BOOK: (ExportFormat.DOCX, ExportFormat.PDF),
}
EMPTY_BOOK = "Tidak ada standar yang berlaku (disetujui) untuk pilihan ini, jadi tidak ada buku yang dibuat."
EMPTY_RECAP = "Pilihan ini tidak memiliki jabatan, jadi tidak ada rekap yang dibuat."
EMPTY_DECREE = "Keputusan ini belum menetapkan standar apa pun, jadi tidak ada buku yang dibuat."
EMPTY_PACKAGE = "Paket ini belum berisi standar, jadi tidak ada buku yang dibuat."
OUT_OF_SCOPE = "Instansi, OPD, atau dokumen tidak ditemukan."
DECREE_NOT_FOUND = "Keputusan tidak ditemukan."
PACKAGE_NOT_FOUND = "Paket konsultasi tidak ditemukan."


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    format: str
    instansi_id: int | None = None
    opd_id: int | None = None
    submission_id: int | None = None
    decree_id: int | None = None
    package_id: int | None = None
    orientation: str = Orientation.PORTRAIT


def request_export(*, actor: User, request: ExportRequest) -> ExportJob:
    """Check the request and the selection, create the job, and queue it once the row is committed."""
    fields = _checked(actor, request)
    with transaction.atomic(durable=True):
        job = ExportJob.objects.create(requested_by=actor, status=ExportStatus.PENDING, **fields)
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id), robust=True)
    return job


def _enqueue(job_id: int) -> None:
    from workflow.tasks import run_export  # the task module imports the renderers; load it late

    run_export.delay(job_id)


def _checked(actor: AnyUser, request: ExportRequest) -> dict[str, object]:
    if request.kind not in FORMATS:
        raise InvalidContent(
            "Jenis ekspor tidak dikenal.",
            code="export_kind_invalid",
            errors=[_error("export_kind_invalid", "Jenis ekspor tidak dikenal.", "kind")],
        )
    if request.format not in FORMATS[ExportKind(request.kind)]:
        allowed = ", ".join(FORMATS[ExportKind(request.kind)])
        message = f"Format ini tidak tersedia untuk jenis ekspor tersebut; pilih {allowed}."
        raise InvalidContent(
            message, code="export_format_invalid", errors=[_error("export_format_invalid", message, "format")]
        )
    if request.orientation not in Orientation.values:
        message = "Orientasi halaman harus portrait atau landscape."
        raise InvalidContent(
            message,
            code="orientation_invalid",
            errors=[_error("orientation_invalid", message, "orientation")],
        )
    common = {"kind": request.kind, "format": request.format, "orientation": request.orientation}
    if request.kind == ExportKind.STANDARD:
        return {**common, "submission": _submission(actor, request.submission_id)}
    if request.kind == ExportKind.DECREE_BOOK:
        decree = decree_for_book(actor, request.decree_id)
        return {**common, "decree": decree, "instansi": decree.instansi}
    if request.kind == ExportKind.PACKAGE_BOOK:
        package = package_for_book(actor, request.package_id)
        return {**common, "package": package, "instansi": package.instansi}
    instansi, opd = _unit(actor, request, approved_only=request.kind == ExportKind.BOOK)
    _not_empty(request.kind, instansi, opd)
    return {**common, "instansi": instansi, "opd": opd}


def _error(code: str, message: str, field: str) -> dict[str, str]:
    return {"code": code, "message": message, "field": field}


def _submission(actor: AnyUser, submission_id: int | None) -> Submission:
    if submission_id is None:
        message = "Pilih dokumen yang akan diekspor."
        raise InvalidContent(
            message, code="selection_empty", errors=[_error("selection_empty", message, "submission")]
        )
    submission = visible_submissions(actor).filter(pk=submission_id).first()
    if submission is None:
        raise NotFound(OUT_OF_SCOPE)
    return submission


def _missing(field: str, message: str) -> InvalidContent:
    return InvalidContent(message, code="selection_empty", errors=[_error("selection_empty", message, field)])


def _whole_book_visible(actor: AnyUser, source: BookSource, empty: str) -> None:
    """A book is for whoever sees every standard in it (out of scope is not found); none is no book."""
    standards = source.standards()
    if not standards.exists():
        raise _missing("", empty)
    if standards.exclude(pk__in=visible_submissions(actor).values("pk")).exists():
        raise NotFound(OUT_OF_SCOPE)


def decree_for_book(actor: AnyUser, decree_id: int | None) -> Decree:
    """The decree whose lampiran the actor may have as a book; refused with a reason otherwise."""
    if decree_id is None:
        raise _missing("decree", "Pilih keputusan yang lampirannya akan dibuat.")
    decree = visible_decrees(actor).select_related("instansi").filter(pk=decree_id).first()
    if decree is None:
        raise NotFound(DECREE_NOT_FOUND)
    _whole_book_visible(actor, DecreeBook(decree), EMPTY_DECREE)
    return decree


def package_for_book(actor: AnyUser, package_id: int | None) -> ConsultationPackage:
    if package_id is None:
        raise _missing("package", "Pilih paket konsultasi yang akan dibuat bukunya.")
    package = visible_packages(actor).select_related("instansi").filter(pk=package_id).first()
    if package is None:
        raise NotFound(PACKAGE_NOT_FOUND)
    _whole_book_visible(actor, PackageBook(package), EMPTY_PACKAGE)
    return package


def may_have_book(actor: AnyUser, source: BookSource) -> bool:
    """Whether the page offers the book button: something in it, and all of it within sight."""
    standards = source.standards()
    hidden = standards.exclude(pk__in=visible_submissions(actor).values("pk"))
    return standards.exists() and not hidden.exists()


def _unit(actor: AnyUser, request: ExportRequest, *, approved_only: bool) -> tuple[Instansi, OPD | None]:
    opd = None
    if request.opd_id is not None:
        opd = visible_opds(actor).select_related("instansi").filter(pk=request.opd_id).first()
        if opd is None or (request.instansi_id is not None and opd.instansi_id != request.instansi_id):
            raise NotFound(OUT_OF_SCOPE)
    if opd is not None:
        instansi = opd.instansi
    elif request.instansi_id is not None:
        found = visible_instansi(actor).filter(pk=request.instansi_id).first()
        if found is None:
            raise NotFound(OUT_OF_SCOPE)
        instansi = found
    else:
        message = "Pilih instansi atau OPD yang akan diekspor."
        raise InvalidContent(
            message, code="selection_empty", errors=[_error("selection_empty", message, "instansi")]
        )
    if not covers_unit(
        actor, instansi_id=instansi.pk, opd_id=opd.pk if opd else None, approved_only=approved_only
    ):
        raise NotFound(OUT_OF_SCOPE)
    return instansi, opd


def _not_empty(kind: str, instansi: Instansi, opd: OPD | None) -> None:
    if kind == ExportKind.BOOK and not EffectiveStandards(instansi, opd).standards().exists():
        raise InvalidContent(
            EMPTY_BOOK, code="selection_empty", errors=[_error("selection_empty", EMPTY_BOOK, "")]
        )
    if kind == ExportKind.RECAP and not positions_of(instansi, opd).exists():
        raise InvalidContent(
            EMPTY_RECAP, code="selection_empty", errors=[_error("selection_empty", EMPTY_RECAP, "")]
        )


def job_for(actor: User, job_id: int) -> ExportJob:
    """A job of the caller's own; anyone else's is not found."""
    job = ExportJob.objects.filter(pk=job_id, requested_by_id=actor.pk).first()
    if job is None:
        raise NotFound("Ekspor tidak ditemukan.")
    return job
