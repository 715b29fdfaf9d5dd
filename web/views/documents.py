"""The document page (header, tables, state, deadline, history, diff, actions) and its actions."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services as notification_services
from notifications.models import Notification
from submissions.exports import export_queryset, file_response
from submissions.exports.content import enacting_decree
from submissions.header import header_of
from submissions.models import Submission
from web.forms.transitions import TransitionForm
from web.presenters import competency_groups, requirement_blocks, round_diff
from web.views.base import AuthedRequest, status_for, submission_or_404
from web.views.comments import comment_context
from workflow import extensions, services
from workflow.comments import open_comments
from workflow.errors import WorkflowError
from workflow.extensions import extension_allowed
from workflow.inputs import COMMENT_MAX_LENGTH, EXTENSION_MAX_DAYS
from workflow.machine import TRANSITIONS, USER_TRANSITIONS, State, user_steps
from workflow.roles import may_edit
from workflow.rules import CONFLICT, FORBIDDEN, INVALID
from workflow.scoping import visible_submissions
from workflow.selectors import allowed_transitions, history, is_overdue, reason_codes
from workflow.setup.administration import can_administer
from workflow.setup.consistency import differing_peers
from workflow.snapshots import current_content


@login_required
def document_detail(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = submission_or_404(request.user, submission_id)
    _mark_notification_read(request)
    return render(request, "web/documents/detail.html", _document_context(request, submission))


def _mark_notification_read(request: AuthedRequest) -> None:
    """A link from the inbox or an email carries `?notifikasi=<id>`: opening it reads it."""
    try:
        notification_id = int(request.GET.get("notifikasi", ""))
    except ValueError:
        return
    with contextlib.suppress(Notification.DoesNotExist):
        notification_services.mark_read(notification_id=notification_id, user=request.user)


@login_required
def export_docx(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """The standard as a Word file in the official layout (`?orientasi=landscape` for landscape A4)."""
    return _download(request, submission_id, "docx")


@login_required
def export_pdf(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """The same standard as a PDF, from the same arrangement."""
    return _download(request, submission_id, "pdf")


def _download(request: AuthedRequest, submission_id: int, extension: str) -> HttpResponse:
    submission = submission_or_404(request.user, submission_id)
    fresh = export_queryset().get(pk=submission.pk)
    return file_response(fresh, extension, landscape=request.GET.get("orientasi") == "landscape")


def _document_context(request: AuthedRequest, submission: Submission) -> dict[str, Any]:
    content = current_content(submission)
    actions = allowed_transitions(submission, request.user)
    can_edit = may_edit(request.user, submission)
    comments = comment_context(request, submission, content, back="dokumen")
    by_round: dict[int, list[Any]] = {}
    for thread in comments["comment_threads"]:
        by_round.setdefault(thread.round, []).append(thread)
    return {
        **comments,
        "comments_by_round": by_round,
        "submission": submission,
        "position": submission.position,
        "header": header_of(submission),
        "decree": enacting_decree(submission),
        "summary": content["summary"],
        "groups": competency_groups(content["competencies"]),
        "requirements": requirement_blocks(content["requirements"]),
        "history": list(history(submission)),
        "diff": round_diff(submission, content),
        "actions": [(option, TransitionForm(spec=TRANSITIONS[option.name])) for option in actions],
        "can_edit": can_edit,
        "problems": submission.validity_problems() if can_edit else [],
        "overdue": is_overdue(submission),
        "superseded_by": visible_submissions(request.user)
        .filter(position=submission.position, version__gt=submission.version, state=State.APPROVED)
        .first()
        if submission.state == State.SUPERSEDED
        else None,
        "versions": visible_submissions(request.user)
        .filter(position=submission.position)
        .exclude(pk=submission.pk)
        .order_by("-version"),
        "transition_labels": {step.name: _(step.label) for step in user_steps()},
        "send_back_names": [step.name for step in user_steps() if step.send_back],
        "may_extend": extension_allowed(submission, request.user),
        "limits": {"comment": COMMENT_MAX_LENGTH, "extension_days": EXTENSION_MAX_DAYS},
        "reason_labels": {reason.code: reason.label for reason in reason_codes()},
        "peers": _peers(request, submission),
    }


def _peers(request: AuthedRequest, submission: Submission) -> list[Any]:
    """While Bagian Organisasi verifies: same-named positions of other OPDs whose standard differs."""
    if submission.state != State.COMPILATION:
        return []
    if not can_administer(request.user, submission.position.opd.instansi_id):
        return []
    return differing_peers(submission)


@login_required
def transition(request: AuthedRequest, submission_id: int, name: str) -> HttpResponse:
    """GET: the confirmation page (the dialog without JavaScript); POST: fire the transition."""
    submission = submission_or_404(request.user, submission_id)
    if name not in USER_TRANSITIONS:
        raise Http404("Tindakan tidak dikenal.")
    spec = TRANSITIONS[name]
    form = TransitionForm(request.POST if request.method == "POST" else None, spec=spec)
    status = 200
    remedies: dict[str, Any] = {}
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.submission_fire_transition(
                    submission_id=submission.pk,
                    name=name,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except WorkflowError as error:
                _add_errors(form, error)
                status = status_for(error)
                remedies = _remedies(request, submission, error)
            else:
                messages.success(request, _("%(label)s: berhasil.") % {"label": _(spec.label)})
                return redirect("web:document", submission_id=submission.pk)
    context = {"submission": submission, "spec": spec, "form": form, **remedies}
    if spec.send_back:
        context["open_threads"] = list(open_comments(submission))
    return render(request, "web/documents/transition.html", context, status=status)


CONTENT_FIELDS = ("summary", "competencies", "requirements")


def _remedies(request: AuthedRequest, submission: Submission, error: WorkflowError) -> dict[str, Any]:
    """Where a refused action can be put right: the editor, one's roles, or the document as it is now.

    A conflict means someone acted first: the page says who and when (the latest log entry).
    """
    fixes: list[tuple[str, str]] = []
    if error.kind == INVALID and may_edit(request.user, submission):
        fields = [str(item.get("field") or "") for item in error.errors]
        if any(field.startswith(CONTENT_FIELDS) for field in fields) or error.code == "incomplete":
            fixes.append((_("Perbaiki isian di editor"), reverse("web:editor", args=[submission.pk])))
    if error.kind == FORBIDDEN:
        fixes.append((_("Lihat peran Anda dan siapa yang dapat bertindak"), reverse("web:roles")))
    latest = None
    if error.kind == CONFLICT:
        latest = submission.log_entries.select_related("actor").order_by("at", "id").last()
        fixes.append((_("Lihat status terbaru dokumen"), reverse("web:document", args=[submission.pk])))
    return {"fixes": fixes, "latest": latest}


def _add_errors(form: TransitionForm, error: WorkflowError) -> None:
    for item in error.errors:
        field = item.get("field") or None
        form.add_error(field if field in form.fields else None, item["message"])


@login_required
@require_POST
def extend_deadline(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = submission_or_404(request.user, submission_id)
    try:
        days: object = int(request.POST.get("hari", ""))
    except ValueError:
        days = None
    try:
        extensions.extend_deadline(
            submission_id=submission.pk,
            actor=request.user,
            working_days=days,
            reason=request.POST.get("alasan"),
        )
    except WorkflowError as error:
        status_for(error)
        messages.error(request, _("Tenggat tidak diubah: %(why)s") % {"why": error.message})
    else:
        messages.success(request, _("Tenggat diperpanjang."))
    return redirect("web:document", submission_id=submission.pk)
