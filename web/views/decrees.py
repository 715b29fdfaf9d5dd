"""Pages of enactment decrees, the standards in force, and the letters' files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from submissions.header import header_of
from submissions.models import Instansi
from web.forms.packages import DecreeForm, EffectiveFilterForm
from web.selectors import organisasi_instansi_ids
from web.views.base import CURSOR, AuthedRequest, keyset_page
from workflow.books import DecreeBook
from workflow.decrees.models import HEAD_FOR_INSTANSI_KIND
from workflow.decrees.selectors import (
    BY_NAME,
    BY_UNIT,
    decrees_for,
    effective_order,
    effective_standards,
    enactable_submissions,
    enacted_versions,
)
from workflow.decrees.services import DecreeInput, record_decree
from workflow.errors import WorkflowError
from workflow.exports import may_have_book
from workflow.models import Decree
from workflow.scoping import visible_instansi, visible_letters, visible_opds

PAGE_SIZE = 100


@login_required
def decree_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(decrees_for(request.user), PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {
        "page": page,
        "decrees": page.object_list,
        "can_create": bool(organisasi_instansi_ids(request.user)),
    }
    return render(request, "web/decrees/list.html", context)


@login_required
def decree_detail(request: AuthedRequest, decree_id: int) -> HttpResponse:
    decree = decrees_for(request.user).filter(pk=decree_id).first()
    if decree is None:
        raise Http404("Keputusan tidak ditemukan.")
    context = {
        "decree": decree,
        "versions": enacted_versions(decree),
        "may_book": may_have_book(request.user, DecreeBook(decree)),
    }
    return render(request, "web/decrees/detail.html", context)


@login_required
def decree_create(request: AuthedRequest) -> HttpResponse:
    """Record a decree over approved versions: all agreed items of a package, of an OPD, or chosen by hand."""
    instansi_ids = sorted(organisasi_instansi_ids(request.user))
    if not instansi_ids:
        raise Http404
    instansi = Instansi.objects.get(pk=instansi_ids[0])
    package_id = _int(request.GET.get("paket"))
    opd_id = _int(request.GET.get("opd"))
    candidates = enactable_submissions(request.user, instansi.pk, package_id=package_id, opd_id=opd_id)
    initial = {
        "head": HEAD_FOR_INSTANSI_KIND.get(instansi.kind, ""),
        "title": _("Standar Kompetensi Jabatan"),
    }
    form = DecreeForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        chosen = [int(v) for v in request.POST.getlist("dokumen") if v.isdigit() and len(v) < 12]
        if form.is_valid():
            decree = _record(request, form, instansi.pk, chosen)
            if decree is not None:
                messages.success(request, _("Keputusan dicatat untuk %(n)s standar.") % {"n": len(chosen)})
                return redirect("web:decree", decree.pk)
    context = {
        "form": form,
        "candidates": candidates,
        "opds": visible_opds(request.user).filter(instansi_id=instansi.pk),
        "package_id": package_id,
        "opd_id": opd_id,
        "preselect": package_id is not None or opd_id is not None,
    }
    return render(request, "web/decrees/create.html", context, status=status)


def _record(request: AuthedRequest, form: DecreeForm, instansi_id: int, chosen: list[int]) -> Decree | None:
    data = form.cleaned_data
    upload = data["letter_file"]
    try:
        return record_decree(
            instansi_id=instansi_id,
            actor=request.user,
            decree=DecreeInput(
                kind=data["kind"],
                head=data["head"],
                number=data["number"],
                date=data["date"],
                title=data["title"],
                signatory_name=data["signatory_name"],
                signatory_office=data["signatory_office"],
            ),
            submission_ids=chosen,
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
    except WorkflowError as error:
        for problem in error.errors:
            field = problem["field"] if problem["field"] in form.fields else None
            form.add_error(field, problem["message"])
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


@login_required
def effective(request: AuthedRequest) -> HttpResponse:
    form = _effective_form(request)
    filters = form.cleaned_data if form.is_valid() else {}
    standards = effective_standards(
        request.user,
        instansi_id=filters.get("instansi"),
        opd_id=filters.get("opd"),
        urusan=filters.get("urusan", ""),
        kind=filters.get("kind", ""),
    )
    # Keyset pages, no count: page 1,000 costs what page 1 costs (the positions page does the same).
    # One instansi chosen: its few thousand standards sorted by unit and name.
    keys = BY_NAME if filters.get("instansi") else effective_order(request.user)
    page = keyset_page(request, standards, keys, PAGE_SIZE)
    rows = [(version, header_of(version), getattr(version, "enactment", None)) for version in page.rows]
    query = request.GET.copy()
    query.pop(CURSOR, None)
    context = {"form": form, "rows": rows, "page": page, "filters": query.urlencode()}
    return render(request, "web/decrees/effective.html", context)


def _effective_form(request: AuthedRequest) -> EffectiveFilterForm:
    """Instansi first for a reader of every instansi: every OPD of the country as options (13,661
    at 1,000,000 standards) would cost more to render than the page's rows; its OPDs follow once
    an instansi is chosen."""
    opds = visible_opds(request.user)
    instansi = None
    if effective_order(request.user) == BY_UNIT:
        instansi = list(visible_instansi(request.user).order_by("name").values_list("pk", "name"))
        chosen = _int(request.GET.get("instansi"))
        opds = opds.filter(instansi_id=chosen) if chosen else opds.none()
    choices = list(opds.order_by("name").values_list("pk", "name")[:500])
    return EffectiveFilterForm(request.GET or None, opds=choices, instansi=instansi)


@login_required
def letter(request: AuthedRequest, letter_id: int) -> FileResponse:
    found = visible_letters(request.user).filter(pk=letter_id).first()
    if found is None:
        raise Http404("Surat tidak ditemukan.")
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"surat-{found.pk}.pdf",
        content_type="application/pdf",
    )
