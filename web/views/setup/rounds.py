"""Drafting rounds: open one, announce it to the OPDs, close it, follow its progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.forms.setup import AnnounceForm, RoundForm
from web.selectors import progress_boards
from web.views.base import AuthedRequest
from web.views.setup.common import add_errors, base_context, current_instansi
from workflow.errors import WorkflowError
from workflow.setup.rounds import round_announce, round_close, round_open, visible_rounds


@login_required
def rounds(request: AuthedRequest) -> HttpResponse:
    instansi = current_instansi(request)
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            drafting = round_open(
                actor=request.user,
                instansi_id=instansi.pk,
                name=form.cleaned_data["name"],
                deadline=form.cleaned_data["deadline"],
            )
        except WorkflowError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s dibuka. Umumkan ke OPD agar penyusun tahu.") % {"name": drafting.name}
            )
            return redirect(f"{request.path}?instansi={instansi.pk}")
    boards = [board for board in progress_boards(request.user) if board.instansi == instansi.name]
    context = {
        **base_context(request, instansi),
        "form": form,
        "announce_form": AnnounceForm(),
        "rounds": visible_rounds(request.user).filter(instansi=instansi),
        "board": boards[0] if boards else None,
    }
    return render(request, "web/setup/rounds.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def announce(request: AuthedRequest, round_id: int) -> HttpResponse:
    form = AnnounceForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        count = round_announce(actor=request.user, round_id=round_id, message=message)
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
    else:
        if count:
            messages.success(request, _("Pengumuman dikirim ke %(n)s penyusun dan pemeriksa.") % {"n": count})
        else:
            messages.info(request, _("Putaran ini sudah diumumkan; tidak ada penerima baru."))
    return redirect("web:setup_rounds")


@login_required
@require_POST
def close(request: AuthedRequest, round_id: int) -> HttpResponse:
    try:
        round_close(actor=request.user, round_id=round_id)
    except WorkflowError as error:
        if error.kind == "not_found":
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("Putaran ditutup."))
    return redirect("web:setup_rounds")
