"""The set-up home, the OPDs of the instansi, and the peta jabatan with its positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from submissions.models import OPD
from web.forms.setup import OpdForm, PositionPetaForm
from web.views.base import AuthedRequest, position_or_404
from web.views.setup.common import add_errors, base_context, current_instansi
from workflow.errors import WorkflowError
from workflow.positions import position_update
from workflow.setup.administration import ROLE_DESCRIPTIONS, administered_instansi, can_administer
from workflow.setup.consistency import consistency_report
from workflow.setup.opds import opd_create, opd_update
from workflow.setup.peta import peta_jabatan


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    peta = peta_jabatan(instansi)
    context = {**base_context(request, instansi), "coverage": peta.coverage, "roles": ROLE_DESCRIPTIONS}
    return render(request, "web/setup/index.html", context)


@login_required
def opd_list(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    form = OpdForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opd = opd_create(
                actor=request.user, instansi_id=instansi.pk, name=data["name"], short_name=data["short_name"]
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("OPD %(name)s ditambahkan.") % {"name": opd.name})
            return redirect(f"{request.path}?instansi={instansi.pk}")
    opds = OPD.objects.filter(instansi=instansi).order_by("-active", "name")
    context = {**base_context(request, instansi), "form": form, "opds": opds}
    return render(request, "web/setup/opds.html", context, status=400 if form.errors else 200)


@login_required
def opd_edit(request: AuthedRequest, opd_id: int) -> HttpResponse:
    opd = get_object_or_404(OPD.objects.filter(instansi__in=administered_instansi(request.user)), pk=opd_id)
    initial = {"name": opd.name, "short_name": opd.short_name, "active": opd.active}
    form = OpdForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opd_update(
                actor=request.user,
                opd_id=opd.pk,
                name=data["name"],
                short_name=data["short_name"],
                active=data["active"],
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("OPD %(name)s disimpan.") % {"name": data["name"]})
            return redirect(f"{reverse('web:setup_opds')}?instansi={opd.instansi_id}")
    context = {**base_context(request, opd.instansi), "form": form, "opd": opd}
    return render(request, "web/setup/opd_edit.html", context, status=400 if form.errors else 200)


@login_required
def peta(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    opd_id = request.GET.get("opd")
    chosen = int(opd_id) if opd_id and opd_id.isdigit() else None
    result = peta_jabatan(instansi, opd_id=chosen)
    maps = [(opd_map, opd_map.rows()) for opd_map in result.opds]
    context = {**base_context(request, instansi), "peta": result, "maps": maps, "chosen": chosen}
    context["opds"] = OPD.objects.filter(instansi=instansi).order_by("name")
    return render(request, "web/setup/peta.html", context)


@login_required
def position_edit(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = position_or_404(request.user, position_id)
    if not can_administer(request.user, position.opd.instansi_id):
        raise_forbidden()
    initial = {
        "name": position.name,
        "sub_unit": position.sub_unit,
        "code": position.code,
        "parent": position.parent_id,
        "bezetting": position.bezetting,
        "kebutuhan": position.kebutuhan,
        "active": position.active,
    }
    form = PositionPetaForm(
        request.POST if request.method == "POST" else None, initial=initial, position=position
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {**data, "parent": data["parent"].pk if data["parent"] else None}
        try:
            position_update(actor=request.user, position_id=position.pk, **changes)
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Jabatan %(name)s disimpan.") % {"name": data["name"]})
            peta = reverse("web:setup_peta")
            return redirect(f"{peta}?instansi={position.opd.instansi_id}&opd={position.opd_id}")
    context = {**base_context(request, position.opd.instansi), "form": form, "position": position}
    return render(request, "web/setup/position_edit.html", context, status=400 if form.errors else 200)


@login_required
def consistency(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    context = {**base_context(request, instansi), "report": consistency_report(instansi)}
    return render(request, "web/setup/consistency.html", context)


def raise_forbidden() -> None:
    raise PermissionDenied(_("Hanya Bagian Organisasi instansi ini yang dapat mengubah jabatan."))
