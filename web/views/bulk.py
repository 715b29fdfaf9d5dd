"""The lists' batch actions: forward several, return several with one reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.views.base import AuthedRequest
from workflow import batches
from workflow.errors import WorkflowError


@login_required
@require_POST
def bulk(request: AuthedRequest) -> HttpResponse:
    ids = [int(value) for value in request.POST.getlist("dokumen") if value.isdigit()]
    if not ids:
        messages.error(request, _("Pilih paling sedikit satu dokumen."))
        return _back(request)
    try:
        results = batches.fire_each(
            submission_ids=ids,
            name=request.POST.get("tindakan", ""),
            actor=request.user,
            reason_code=request.POST.get("reason_code", ""),
            comment=request.POST.get("comment", ""),
        )
    except WorkflowError as error:
        messages.error(request, error.message)
        return _back(request)
    done = sum(1 for result in results if result.done)
    if done:
        messages.success(request, _("%(n)s dokumen diproses.") % {"n": done})
    for result in results:
        if not result.done:
            messages.error(
                request, _("Dokumen %(id)s: %(why)s") % {"id": result.submission_id, "why": result.message}
            )
    return _back(request)


def _back(request: AuthedRequest) -> HttpResponse:
    target = request.POST.get("kembali", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("web:positions")
