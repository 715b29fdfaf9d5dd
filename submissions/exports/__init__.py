"""The outputs of the system, from one arrangement of the content (`content`) and several renderers.

    render_docx(submission)                   # one standard in Word, the form's layout (bytes)
    render_pdf(submission, landscape=True)    # the same standard as a PDF
    export_filename(submission, "pdf")        # "SKJ-kepala-seksi-surveilans-v2.pdf"
    file_response(submission, "pdf")          # the download, for the API and the pages alike

Books (`book`) and the Excel recap (`recap`) are long outputs: they run as background jobs
(`workflow.export_jobs`). Callers that fetch the submission themselves should start from
`export_queryset()` (after scoping it), so a standard costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.text import slugify

from submissions.exports.content import StandardView, load, standard_view
from submissions.exports.docx_standard import build_document
from submissions.exports.pdf import render_standard_pdf
from submissions.exports.verification import verification_for
from submissions.header import header_of
from submissions.models import CONTENT_SETS, Submission

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
_SLUG_LENGTH = 80

__all__ = [
    "CONTENT_TYPES",
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "arranged",
    "export_filename",
    "export_queryset",
    "file_response",
    "render_docx",
    "render_pdf",
]


def export_queryset(queryset: QuerySet[Submission] | None = None) -> QuerySet[Submission]:
    base = Submission.objects.all() if queryset is None else queryset
    return base.select_related("position__opd__instansi", "verification", "enactment__decree", *CONTENT_SETS)


def arranged(submission: Submission) -> StandardView:
    """The standard's arrangement, with the verification code of an enacted version (issued once)."""
    loaded = load(submission)
    return standard_view(loaded, verification_for(loaded))


def render_docx(submission: Submission, *, landscape: bool = False) -> bytes:
    document = build_document(arranged(submission), landscape=landscape)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(submission: Submission, *, landscape: bool = False) -> bytes:
    return render_standard_pdf(arranged(submission), landscape=landscape)


def export_filename(submission: Submission, extension: str = "docx") -> str:
    # slugify drops what is not ASCII after NFKD, so the name is safe in a Content-Disposition header.
    slug = slugify(header_of(submission).position_name)[:_SLUG_LENGTH].strip("-") or "jabatan"
    return f"SKJ-{slug}-v{submission.version}.{extension}"


def file_response(
    submission: Submission, extension: str = "docx", *, landscape: bool = False
) -> HttpResponse:
    """The standard as a Word or PDF file to download."""
    render = render_pdf if extension == "pdf" else render_docx
    response = HttpResponse(render(submission, landscape=landscape), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(submission, extension)}"'
    return response
