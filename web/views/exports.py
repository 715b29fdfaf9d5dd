"""Books and recaps on the pages: ask for one, watch its progress (htmx polling), download the file."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from submissions.exports import CONTENT_TYPES
from submissions.models import ExportFormat, ExportJob, ExportKind, ExportStatus, Orientation
from web.views.base import AuthedRequest
from workflow.errors import NotFound, WorkflowError
from workflow.exports import ExportRequest, job_for, request_export
from workflow.scoping import visible_instansi, visible_opds

CHOICES = (
    ("book-pdf", ExportKind.BOOK, ExportFormat.PDF, "Buku standar yang berlaku (PDF)"),
    ("book-docx", ExportKind.BOOK, ExportFormat.DOCX, "Buku standar yang berlaku (Word)"),
    ("recap-xlsx", ExportKind.RECAP, ExportFormat.XLSX, "Rekap jabatan (Excel)"),
)
# The book buttons of the decree and package pages post here too, with the decree's or package's id.
SOURCE_CHOICES = (
    ("decree_book-pdf", ExportKind.DECREE_BOOK, ExportFormat.PDF, "Buku lampiran keputusan (PDF)"),
    ("decree_book-docx", ExportKind.DECREE_BOOK, ExportFormat.DOCX, "Buku lampiran keputusan (Word)"),
    ("package_book-pdf", ExportKind.PACKAGE_BOOK, ExportFormat.PDF, "Buku paket konsultasi (PDF)"),
    ("package_book-docx", ExportKind.PACKAGE_BOOK, ExportFormat.DOCX, "Buku paket konsultasi (Word)"),
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


@login_required
def export_form(request: AuthedRequest) -> HttpResponse:
    context = {
        "choices": CHOICES,
        "instansi": visible_instansi(request.user),
        "opds": visible_opds(request.user).select_related("instansi"),
        "orientations": Orientation.choices,
        "jobs": ExportJob.objects.filter(requested_by=request.user)[:10],
    }
    if request.method != "POST":
        return render(request, "web/exports/form.html", context)
    picked = {choice[0]: choice for choice in CHOICES + SOURCE_CHOICES}.get(request.POST.get("what", ""))
    if picked is None:
        messages.error(request, "Pilih jenis berkas yang akan dibuat.")
        return render(request, "web/exports/form.html", context, status=400)
    opd_id = _int(request.POST.get("opd"))
    export = ExportRequest(
        kind=picked[1],
        format=picked[2],
        instansi_id=None if opd_id else _int(request.POST.get("instansi")),
        opd_id=opd_id,
        decree_id=_int(request.POST.get("decree")),
        package_id=_int(request.POST.get("package")),
        orientation=request.POST.get("orientation") or Orientation.PORTRAIT,
    )
    try:
        job = request_export(actor=request.user, request=export)
    except WorkflowError as error:
        messages.error(request, error.message)
        return render(request, "web/exports/form.html", context, status=error.http_status)
    return redirect("web:export", job_id=job.pk)


def _own_job(request: AuthedRequest, job_id: int) -> ExportJob:
    try:
        return job_for(request.user, job_id)
    except NotFound as error:
        raise Http404(error.message) from None


@login_required
@require_GET
def export_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    return render(request, "web/exports/detail.html", {"job": job, "poll": settings.EXPORT_POLL_SECONDS})


@login_required
@require_GET
def export_progress(request: AuthedRequest, job_id: int) -> HttpResponse:
    """The progress block alone, which the page polls until the job is done or failed."""
    job = _own_job(request, job_id)
    return render(request, "web/exports/_progress.html", {"job": job, "poll": settings.EXPORT_POLL_SECONDS})


@login_required
@require_GET
def export_download(request: AuthedRequest, job_id: int) -> FileResponse:
    job = _own_job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404("Berkas belum siap atau sudah kedaluwarsa.")
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=CONTENT_TYPES[job.format],
    )
