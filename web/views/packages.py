"""Pages of consultation packages: the compilation list, packages, a package (add, remove, send, answer)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.forms.packages import AnswerLetterForm, CompilationFilterForm, PackageTitleForm, SendForm
from web.selectors import organisasi_instansi_ids
from web.views.base import AuthedRequest
from workflow.books import PackageBook
from workflow.errors import WorkflowError
from workflow.exports import may_have_book
from workflow.machine import State
from workflow.models import PackageItem
from workflow.packages import services
from workflow.packages.models import Outcome
from workflow.packages.selectors import (
    addable_submissions,
    open_packages_of,
    package_answers,
    package_items,
    packages_for,
    status_of,
    with_completeness,
)
from workflow.scoping import visible_opds, visible_submissions
from workflow.selectors import reason_codes

PAGE_SIZE = 50


def _package_or_404(user: Any, package_id: int) -> Any:
    package = packages_for(user).filter(pk=package_id).first()
    if package is None:
        raise Http404("Paket tidak ditemukan.")
    return package


def _show_errors(request: AuthedRequest, error: WorkflowError) -> None:
    messages.error(request, error.message)
    for problem in error.errors:
        if problem["message"] != error.message:
            messages.error(request, problem["message"])


@login_required
def package_list(request: AuthedRequest) -> HttpResponse:
    packages = packages_for(request.user)
    page = Paginator(packages, PAGE_SIZE).get_page(request.GET.get("hal"))
    rows = [(package, status_of(package)) for package in page.object_list]
    context = {"rows": rows, "page": page, "can_create": bool(organisasi_instansi_ids(request.user))}
    return render(request, "web/packages/list.html", context)


@login_required
def compilation(request: AuthedRequest) -> HttpResponse:
    """Standards in compilation, with checkboxes and "Tambahkan ke paket"."""
    instansi = sorted(organisasi_instansi_ids(request.user))
    opds = list(visible_opds(request.user).filter(instansi_id__in=instansi).values_list("pk", "name"))
    form = CompilationFilterForm(request.GET or None, opds=opds)
    documents = (
        visible_submissions(request.user)
        .filter(state=State.COMPILATION, instansi_id__in=instansi)
        .select_related("position__opd__instansi")
        .order_by("position__opd__name", "position__name", "pk")
    )
    if form.is_valid():
        if form.cleaned_data["opd"]:
            documents = documents.filter(opd_id=form.cleaned_data["opd"])
        if form.cleaned_data["kind"]:
            documents = documents.filter(position__kind=form.cleaned_data["kind"])
        if form.cleaned_data["complete"] is not None:
            documents = documents.filter(
                pk__in=[d.pk for d in with_completeness(documents, form.cleaned_data["complete"])]
            )
    busy = dict(
        PackageItem.objects.filter(submission__in=documents, outcome=Outcome.PENDING).values_list(
            "submission_id", "package__title"
        )
    )
    context = {
        "form": form,
        "documents": [(document, busy.get(document.pk)) for document in documents],
        "packages": open_packages_of(request.user, instansi),
    }
    return render(request, "web/packages/compilation.html", context)


@login_required
@require_POST
def add_to_package(request: AuthedRequest) -> HttpResponse:
    """From the compilation list: the chosen standards into a draft package, or into a new one."""
    ids = _chosen(request)
    target = request.POST.get("paket", "")
    try:
        if target.isdigit():
            package = services.update_package(package_id=int(target), actor=request.user, add=ids)
        else:
            instansi = sorted(organisasi_instansi_ids(request.user))
            if not instansi:
                raise Http404
            title = request.POST.get("judul", "") or _("Paket konsultasi baru")
            package = services.create_package(
                instansi_id=instansi[0], actor=request.user, title=title, submission_ids=ids
            )
    except WorkflowError as error:
        _show_errors(request, error)
        return redirect("web:compilation")
    messages.success(
        request, _("%(n)s dokumen ditambahkan ke paket %(title)s.") % {"n": len(ids), "title": package.title}
    )
    return redirect("web:package", package.pk)


def _chosen(request: AuthedRequest) -> list[int]:
    return [int(value) for value in request.POST.getlist("dokumen") if value.isdigit() and len(value) < 12]


@login_required
def package_detail(request: AuthedRequest, package_id: int) -> HttpResponse:
    package = _package_or_404(request.user, package_id)
    items = list(package_items(package))
    context = {
        "package": package,
        "status": status_of(package),
        "items": items,
        "pending": [item for item in items if item.outcome == Outcome.PENDING],
        "answers": list(package_answers(package)),
        "is_organisasi": services.is_organisasi_of(request.user, package.instansi_id),
        "may_answer": services.may_answer(request.user, package.instansi_id),
        "addable": addable_submissions(request.user, package)[:200] if package.is_draft else [],
        "title_form": PackageTitleForm(initial={"title": package.title}),
        "send_form": SendForm(),
        "answer_form": AnswerLetterForm(),
        "reasons": list(reason_codes()),
        "outcomes": Outcome,
        "may_book": may_have_book(request.user, PackageBook(package)),
    }
    return render(request, "web/packages/detail.html", context, status=200)


@login_required
@require_POST
def package_edit(request: AuthedRequest, package_id: int) -> HttpResponse:
    """Rename, add the chosen standards, or remove the chosen items (a draft package only)."""
    _package_or_404(request.user, package_id)
    action = request.POST.get("aksi", "")
    try:
        if action == "judul":
            services.update_package(
                package_id=package_id, actor=request.user, title=request.POST.get("title", "")
            )
        elif action == "tambah":
            services.update_package(package_id=package_id, actor=request.user, add=_chosen(request))
        elif action == "hapus":
            services.update_package(package_id=package_id, actor=request.user, remove=_chosen(request))
        else:
            raise Http404
    except WorkflowError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("Paket disimpan."))
    return redirect("web:package", package_id)


@login_required
@require_POST
def package_send(request: AuthedRequest, package_id: int) -> HttpResponse:
    _package_or_404(request.user, package_id)
    form = SendForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, form, package_id)
    upload = form.cleaned_data["letter_file"]
    try:
        services.send_package(
            package_id=package_id,
            actor=request.user,
            letter_number=form.cleaned_data["letter_number"],
            letter_date=form.cleaned_data["letter_date"],
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
    except WorkflowError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("Paket dikirim ke KemenPAN-RB."))
    return redirect("web:package", package_id)


@login_required
@require_POST
def package_answer(request: AuthedRequest, package_id: int) -> HttpResponse:
    """One form for many items: each row's outcome (or none), kode jabatan, reason and notes."""
    package = _package_or_404(request.user, package_id)
    form = AnswerLetterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, form, package_id)
    answers = [
        services.ItemAnswer(
            submission_id=item.submission_id,
            outcome=request.POST.get(f"hasil_{item.submission_id}", ""),
            position_code=request.POST.get(f"kode_{item.submission_id}", ""),
            reason_code=request.POST.get(f"alasan_{item.submission_id}", ""),
            notes=request.POST.get(f"catatan_{item.submission_id}", ""),
        )
        for item in package_items(package).filter(outcome=Outcome.PENDING)
        if request.POST.get(f"hasil_{item.submission_id}") in (Outcome.AGREED, Outcome.RETURNED)
    ]
    upload = form.cleaned_data["letter_file"]
    try:
        services.record_answer(
            package_id=package_id,
            actor=request.user,
            letter_number=form.cleaned_data["letter_number"],
            letter_date=form.cleaned_data["letter_date"],
            answers=answers,
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
    except WorkflowError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("Jawaban KemenPAN-RB dicatat untuk %(n)s dokumen.") % {"n": len(answers)})
    return redirect("web:package", package_id)


def _form_errors(request: AuthedRequest, form: Any, package_id: int) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("web:package", package_id)
