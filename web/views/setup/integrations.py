"""Service accounts of other systems on the set-up pages: create, issue a token (shown once on
the page that answers the POST, never stored), deactivate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrations.models import ServiceAccount
from integrations.services import (
    service_account_create,
    service_account_deactivate,
    service_account_issue_token,
    service_accounts_for,
)
from integrations.tokens import IssuedToken, tokens_of
from submissions.models import Instansi
from web.forms.integrations import ServiceAccountForm
from web.views.base import AuthedRequest
from web.views.setup.common import add_errors, base_context, current_instansi
from workflow.errors import WorkflowError
from workflow.setup.administration import is_administrator


@login_required
def accounts(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    form = ServiceAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = service_account_create(
                actor=request.user,
                name=data["name"],
                reason=data["reason"],
                instansi_id=None if data["nationwide"] else instansi.pk,
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Akun integrasi %(name)s dibuat.") % {"name": account.name})
            return redirect(f"{request.path}?instansi={instansi.pk}")
    return _page(request, instansi, form=form, status=400 if form.errors else 200)


@login_required
@require_POST
def issue_token(request: AuthedRequest, account_id: int) -> HttpResponse:
    instansi = current_instansi(request)
    try:
        issued = service_account_issue_token(
            actor=request.user, account_id=account_id, name=request.POST.get("name", "")[:100]
        )
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
        return redirect(f"/pengaturan/integrasi/?instansi={instansi.pk}")
    return _page(request, instansi, form=ServiceAccountForm(), issued=issued)


@login_required
@require_POST
def deactivate(request: AuthedRequest, account_id: int) -> HttpResponse:
    instansi = current_instansi(request)
    try:
        account = service_account_deactivate(actor=request.user, account_id=account_id)
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Akun %(name)s dinonaktifkan; semua tokennya dicabut.") % {"name": account.name}
        )
    return redirect(f"/pengaturan/integrasi/?instansi={instansi.pk}")


def _page(
    request: AuthedRequest,
    instansi: Instansi,
    *,
    form: ServiceAccountForm,
    issued: IssuedToken | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = service_accounts_for(request.user).filter(Q(instansi=instansi) | Q(instansi__isnull=True))
    rows = [_row(account) for account in shown]
    context: dict[str, Any] = {
        **base_context(request, instansi),
        "form": form,
        "accounts": rows,
        "issued": issued,
        "may_go_nationwide": is_administrator(request.user),
    }
    return render(request, "web/setup/integrations.html", context, status=status)


def _row(account: ServiceAccount) -> dict[str, Any]:
    return {"account": account, "tokens": list(tokens_of(account.user)) if account.is_active else []}
