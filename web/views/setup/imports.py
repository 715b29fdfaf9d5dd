"""Imports: download a template, upload a file, read the preview of every row, commit it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from submissions.imports import KINDS, template_file, template_filename
from submissions.models import ImportKind
from web.forms.setup import UploadForm
from web.views.base import AuthedRequest, status_for
from web.views.setup.common import add_errors, base_context, current_instansi
from workflow.errors import WorkflowError
from workflow.setup.administration import is_administrator
from workflow.setup.imports import import_commit, import_preview, import_upload, visible_batches

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 2000


@login_required
def upload(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        national = request.POST.get("national") == "1" and is_administrator(request.user)
        file = form.cleaned_data["file"]
        try:
            batch, _preview = import_upload(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                instansi_id=None if national else instansi.pk,
                filename=file.name,
                content=file.read(),
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            return redirect("web:setup_import", batch_id=batch.pk)
    context = {
        **base_context(request, instansi),
        "form": form,
        "kinds": ImportKind.choices,
        "batches": visible_batches(request.user).select_related("instansi", "uploaded_by")[:20],
        "national": is_administrator(request.user),
    }
    return render(request, "web/setup/imports.html", context, status=400 if form.errors else 200)


@login_required
def batch(request: AuthedRequest, batch_id: int) -> HttpResponse:
    try:
        found, preview = import_preview(actor=request.user, batch_id=batch_id)
    except WorkflowError as error:
        raise Http404(error.message) from None
    rows = preview.rows if preview.ok else preview.errors + [row for row in preview.rows if row.ok]
    context = {
        "batch": found,
        "preview": preview,
        "rows": rows[:PREVIEW_ROWS],
        "more": max(0, len(rows) - PREVIEW_ROWS),
    }
    return render(request, "web/setup/import_preview.html", context)


@login_required
@require_POST
def commit(request: AuthedRequest, batch_id: int) -> HttpResponse:
    try:
        _found, preview = import_commit(actor=request.user, batch_id=batch_id)
    except WorkflowError as error:
        status_for(error)
        messages.error(request, error.message)
        return redirect("web:setup_import", batch_id=batch_id)
    if preview.committed:
        messages.success(request, preview.summary)
    else:
        messages.error(request, preview.summary)
    return redirect("web:setup_import", batch_id=batch_id)


@login_required
def template(request: AuthedRequest, kind: str) -> HttpResponse:
    current_instansi(request)  # only those who set up an instansi
    if kind not in KINDS:
        raise Http404(_("Templat tidak ditemukan."))
    file_format = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content_type = "text/csv; charset=utf-8" if file_format == "csv" else XLSX
    response = HttpResponse(template_file(kind, file_format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{template_filename(kind, file_format)}"'
    return response
