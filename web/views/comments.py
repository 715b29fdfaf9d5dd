"""Row comments on the pages: write one, answer it, mark it resolved; back to where the user was."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from submissions.models import Submission
from web.views.base import AuthedRequest, status_for, submission_or_404
from workflow import comments
from workflow.errors import WorkflowError
from workflow.machine import Actor
from workflow.roles import grant_for
from workflow.selectors import send_back_of

# Where the forms send the user back: the document page or the editor, never an outside address.
BACK = {"dokumen": "web:document", "editor": "web:editor"}


def _back(request: AuthedRequest, submission_id: int) -> HttpResponse:
    target = BACK.get(request.POST.get("kembali", ""), "web:document")
    return redirect(target, submission_id=submission_id)


@login_required
@require_POST
def add(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = submission_or_404(request.user, submission_id)
    anchor, _sep, key = request.POST.get("baris", "").partition(":")
    try:
        if request.POST.get("induk"):
            comments.answer_comment(
                submission_id=submission.pk,
                comment_id=_int(request.POST["induk"]),
                actor=request.user,
                body=request.POST.get("isi", ""),
            )
        else:
            comments.add_comment(
                submission_id=submission.pk,
                actor=request.user,
                anchor=anchor,
                anchor_key=key,
                body=request.POST.get("isi", ""),
            )
    except WorkflowError as error:
        status_for(error)
        messages.error(request, _("Komentar tidak disimpan: %(why)s") % {"why": error.message})
    else:
        messages.success(request, _("Komentar disimpan."))
    return _back(request, submission.pk)


@login_required
@require_POST
def resolve(request: AuthedRequest, submission_id: int, comment_id: int) -> HttpResponse:
    submission = submission_or_404(request.user, submission_id)
    try:
        comments.resolve_comment(submission_id=submission.pk, comment_id=comment_id, actor=request.user)
    except WorkflowError as error:
        status_for(error)
        messages.error(request, error.message)
    else:
        messages.success(request, _("Komentar ditandai selesai."))
    return _back(request, submission.pk)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def comment_context(
    request: AuthedRequest, submission: Submission, content: dict[str, Any], back: str
) -> dict[str, Any]:
    """What the comment panel and the send-back banner need, for the document page and the editor."""
    threads = list(comments.comments_of(submission))
    return {
        "comment_threads": threads,
        "open_threads": [thread for thread in threads if thread.is_open],
        "placed_comments": comments.by_anchor([thread for thread in threads if thread.is_open]),
        "may_comment": comments.may_comment(submission, request.user),
        "may_answer": comments.may_answer(submission, request.user),
        "is_drafter": grant_for(request.user, submission, Actor.OPD_DRAFTER) is not None,
        "anchors": comments.anchors_of(content),
        "comment_limit": comments.COMMENT_MAX_LENGTH,
        "back": back,
        "send_back": send_back_of(submission),
    }
