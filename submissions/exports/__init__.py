"""The standard as a Word document in the official layout (DOMAIN.md, "One standard").

    document = render_docx(submission)          # bytes of a .docx
    name = export_filename(submission)          # "SKJ-kepala-seksi-surveilans-v2.docx"
    response = docx_response(submission)        # the download, for the API and the pages alike

Callers that fetch the submission themselves should start from `export_queryset()` (after scoping it),
so the export costs three more queries whatever the size of the document.
"""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.text import slugify

from submissions.exports.content import load, standard_view
from submissions.exports.layout import build_document
from submissions.header import header_of
from submissions.models import Submission

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SLUG_LENGTH = 80

__all__ = ["DOCX_CONTENT_TYPE", "docx_response", "export_filename", "export_queryset", "render_docx"]


def export_queryset(queryset: QuerySet[Submission] | None = None) -> QuerySet[Submission]:
    base = Submission.objects.all() if queryset is None else queryset
    return base.select_related("position__opd__instansi", "enactment__decree")


def render_docx(submission: Submission) -> bytes:
    document = build_document(standard_view(load(submission)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_filename(submission: Submission) -> str:
    # slugify drops what is not ASCII after NFKD, so the name is safe in a Content-Disposition header.
    slug = slugify(header_of(submission).position_name)[:_SLUG_LENGTH].strip("-") or "jabatan"
    return f"SKJ-{slug}-v{submission.version}.docx"


def docx_response(submission: Submission) -> HttpResponse:
    """The standard as a Word file to download."""
    response = HttpResponse(render_docx(submission), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(submission)}"'
    return response
