"""Positions of my OPD (or instansi) with their standard's status; create one; start a draft or revision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.forms.positions import PositionFilterForm, PositionForm, RevisionForm
from web.selectors import (
    PositionFilters,
    default_sort,
    drafter_opd_ids,
    organisasi_instansi_ids,
    positions_with_status,
    sees_many_instansi,
)
from web.views.base import CURSOR, AuthedRequest, keyset_page, position_or_404, status_for
from workflow import batches, services
from workflow.errors import WorkflowError
from workflow.machine import TRANSITIONS, State
from workflow.positions import position_create as position_service_create
from workflow.selectors import reason_codes

PAGE_SIZE = 100


@login_required
def position_list(request: AuthedRequest) -> HttpResponse:
    form = PositionFilterForm(request.GET or None, user=request.user)
    filters = PositionFilters(sort=default_sort(request.user))
    if form.is_valid():
        data = form.cleaned_data
        filters = PositionFilters(
            opd_id=data["opd"].pk if data["opd"] else None,
            instansi_id=data["instansi"].pk if data.get("instansi") else None,
            query=data["q"] or "",
            state=data["state"] or "",
            kind=data["kind"] or "",
            deadline=data["tenggat"] or "",
            sort=data["urut"],  # the form fills in the default order when none is asked for
        )
    positions = positions_with_status(request.user, filters)
    # Keyset pages: no count and no offset, so the 1,000th page costs what the first does.
    page = keyset_page(request, positions, filters.keys, PAGE_SIZE)
    kept = request.GET.copy()
    kept.pop(CURSOR, None)
    context = {
        "form": form,
        "positions": page.rows,
        "page": page,
        "filters": kept.urlencode(),
        "drafter_opds": drafter_opd_ids(request.user),
        "organisasi_instansi": organisasi_instansi_ids(request.user),
        "states": State,
        "show_instansi": sees_many_instansi(request.user),
        "bulk_actions": batches.batch_actions(request.user),
        "bulk_states": batches.batch_states(request.user),
        "bulk_reasons": list(reason_codes())
        if any(TRANSITIONS[name].send_back for name, _l in batches.batch_actions(request.user))
        else [],
    }
    return render(request, "web/positions/list.html", context)


@login_required
def position_create(request: AuthedRequest) -> HttpResponse:
    form = PositionForm(request.POST if request.method == "POST" else None, user=request.user)
    # The ignore: `fields` holds plain Fields for mypy; "opd" is the form's ModelChoiceField.
    if not form.fields["opd"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied(_("Hanya Bagian Organisasi yang dapat menambah jabatan."))
    if request.method == "POST" and form.is_valid():
        try:
            position = _create_position(request.user, form.cleaned_data)
        except WorkflowError as error:
            for problem in error.errors:
                form.add_error(
                    problem["field"] if problem["field"] in form.fields else None, problem["message"]
                )
        else:
            messages.success(request, _("Jabatan %(name)s ditambahkan.") % {"name": position.name})
            return redirect("web:positions")
    return render(request, "web/positions/create.html", {"form": form}, status=400 if form.errors else 200)


def _create_position(user: Any, data: dict[str, Any]) -> Any:
    """The form checked the input; the service checks the role and writes, in its own transaction."""
    return position_service_create(
        actor=user,
        opd_id=data["opd"].pk,
        name=data["name"],
        kind=data["kind"],
        rank=data["rank"],
        urusan=[urusan.name for urusan in data["urusan"]],
        code=data["code"],
        sub_unit=data["sub_unit"],
    )


@login_required
@require_POST
def start_draft(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = position_or_404(request.user, position_id)
    try:
        submission = services.submission_create_draft(position_id=position.pk, actor=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
        return redirect("web:positions")
    messages.success(request, _("Draf SKJ %(name)s dibuat. Lengkapi isinya.") % {"name": position.name})
    return redirect("web:editor", submission_id=submission.pk)


@login_required
def start_revision(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = position_or_404(request.user, position_id)
    form = RevisionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_start_revision(
                position_id=position.pk,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
            status = status_for(error)
        else:
            messages.success(request, _("Versi %(v)s dimulai sebagai draf.") % {"v": submission.version})
            return redirect("web:editor", submission_id=submission.pk)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "position": position}
    return render(request, "web/positions/revision.html", context, status=status)
