"""Which instansi a set-up page works on, and turning service errors into form errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from submissions.models import Instansi
from web.views.base import AuthedRequest
from workflow.errors import WorkflowError
from workflow.setup.administration import administered_instansi


def current_instansi(request: AuthedRequest) -> Instansi:
    """The instansi named by `?instansi=` (the administrator's choice), else the user's own."""
    instansi = administered_instansi(request.user).order_by("name")
    if not instansi.exists():
        raise PermissionDenied(_("Hanya Bagian Organisasi dan administrator yang dapat mengatur instansi."))
    wanted = request.GET.get("instansi") or request.POST.get("instansi")
    if wanted:
        chosen = instansi.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        if chosen is None:
            raise Http404(_("Instansi tidak ditemukan."))
        return chosen
    first = instansi.first()
    assert first is not None
    return first


def base_context(request: AuthedRequest, instansi: Instansi) -> dict[str, Any]:
    return {
        "instansi": instansi,
        "choices": administered_instansi(request.user).order_by("name")[:600],
        "query": f"?instansi={instansi.pk}",
    }


def add_errors(form: forms.Form, error: WorkflowError) -> None:
    for problem in error.errors:
        field = problem.get("field") or None
        form.add_error(field if field in form.fields else None, problem["message"])


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The page to return to, if it is one of ours; never an address elsewhere."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return reverse(fallback)
