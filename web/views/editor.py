"""The editor of a draft: levels filled from the dictionary, technical search, requirement rows,
validity problems next to their fields, and no lost work on an error or a concurrent change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from submissions.models import CompetencyGroup, Submission
from submissions.validity import Content, content_problems, minimum_rule_for
from web.forms import editor as editor_form
from web.selectors import dictionary_level, search_technical
from web.views.base import AuthedRequest, status_for, submission_or_404
from web.views.comments import comment_context
from workflow import services
from workflow.diff import diff_contents
from workflow.errors import StaleContent, WorkflowError
from workflow.machine import Actor
from workflow.roles import may_act_as
from workflow.rules import INVALID
from workflow.selectors import reason_codes
from workflow.snapshots import current_content


def _editable_or_deny(request: AuthedRequest, submission_id: int) -> Submission:
    submission = submission_or_404(request.user, submission_id)
    if not may_act_as(request.user, submission, Actor.OPD_DRAFTER):
        raise PermissionDenied(_("Hanya penyusun OPD ini yang dapat mengubah dokumen."))
    return submission


@login_required
def edit(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = _editable_or_deny(request, submission_id)
    if request.method == "POST":
        # Even when a colleague submitted meanwhile: the service refuses, and the page keeps the work.
        return _save(request, submission)
    if not submission.is_editable:
        messages.info(request, _("Dokumen hanya dapat diubah selama berstatus Draf."))
        return redirect("web:document", submission_id=submission.pk)
    stored = current_content(submission)
    data = editor_form.editor_from_content(stored)
    _check(data, submission, stored)
    return _render(request, submission, data, revision=submission.content_revision)


def _check(data: editor_form.EditorData, submission: Submission, content: dict[str, Any]) -> None:
    """Show what would stop `submit` now, next to the fields, before the user presses it.

    The stored content is checked (not the editor rows): empty starter rows are not content yet.
    """
    problems = content_problems(Content(**content), minimum_rule_for(submission.position))
    data.attach(problem.as_dict() for problem in problems)


def _save(request: AuthedRequest, submission: Submission) -> HttpResponse:
    data = editor_form.parse_editor(request.POST)
    revision = _int(request.POST.get("content_revision"))
    if data.has_errors:
        return _render(request, submission, data, revision=revision, status=400, refused=True)
    try:
        services.submission_update_content(
            submission_id=submission.pk,
            actor=request.user,
            expected_revision=revision,
            **data.content(),
        )
    except StaleContent as stale:
        return _stale(request, submission, data, stale)
    except WorkflowError as error:
        if error.kind == INVALID:  # problems of the content go next to their fields
            data.attach(error.errors)
        messages.error(request, error.message)
        return _render(request, submission, data, revision=revision, status=status_for(error), refused=True)
    messages.success(request, _("Perubahan disimpan."))
    return redirect("web:editor", submission_id=submission.pk)


def _stale(
    request: AuthedRequest, submission: Submission, data: editor_form.EditorData, stale: StaleContent
) -> HttpResponse:
    """Keep what the user typed, say the document changed, and list how the stored one differs."""
    submission.refresh_from_db()
    stored = current_content(submission)
    changes = diff_contents(data.content(), stored)
    messages.warning(
        request,
        _(
            "Dokumen ini telah diubah oleh pengguna lain sejak Anda membukanya. Isian Anda belum "
            "disimpan dan tetap ada di bawah. Periksa perbedaannya; tekan Simpan lagi untuk menimpa "
            "versi tersimpan dengan isian Anda."
        ),
    )
    return _render(
        request,
        submission,
        data,
        revision=stale.current_revision,
        status=409,
        stale_changes=changes,
        refused=True,
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _render(
    request: AuthedRequest,
    submission: Submission,
    data: editor_form.EditorData,
    *,
    revision: int | None,
    status: int = 200,
    stale_changes: list[Any] | None = None,
    refused: bool = False,
) -> HttpResponse:
    context = {
        "refused": refused,
        "name_limit": editor_form.NAME_MAX_LENGTH,
        **comment_context(request, submission, current_content(submission), back="editor"),
        "reason_labels": {reason.code: reason.label for reason in reason_codes()},
        "submission": submission,
        "position": submission.position,
        "data": data,
        "revision": revision,
        "stale_changes": stale_changes,
        "levels": editor_form.LEVELS,
        "sections": editor_form.SECTIONS,
        "importances": editor_form.IMPORTANCES,
        "minimum": minimum_rule_for(submission.position),
    }
    return render(request, "web/editor/edit.html", context, status=status)


@login_required
@require_GET
def competency_row(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """htmx: one competency row; choosing a level (or a dictionary entry) fills its texts."""
    submission = _editable_or_deny(request, submission_id)
    if request.GET.get("new"):
        row = editor_form.CompetencyInput(
            key=editor_form.new_key(),
            group=CompetencyGroup.TECHNICAL,
            code=request.GET.get("code", "")[:30],
            level=request.GET.get("level", "1"),
        )
    else:
        row = editor_form.competency_from(request.GET, request.GET.get("c_key", ""))
        row.errors.clear()
    if row.code and row.level_number:
        _fill_from_dictionary(request, submission, row)
    context = {
        "row": row,
        "levels": editor_form.LEVELS,
        "submission": submission,
        "announce": True,
        "minimum": minimum_rule_for(submission.position),
        "name_limit": editor_form.NAME_MAX_LENGTH,
    }
    return render(request, "web/editor/_competency_row.html", context)


def _fill_from_dictionary(
    request: AuthedRequest, submission: Submission, row: editor_form.CompetencyInput
) -> None:
    entry = dictionary_level(request.user, submission, row.code, row.level_number or 0)
    if entry is None:
        return
    row.name = entry.competency.name
    row.description = entry.description
    row.indicators = "\n".join(entry.indicators or [])


@login_required
@require_GET
def competency_search(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """htmx: technical competencies of the dictionary matching the words typed."""
    submission = _editable_or_deny(request, submission_id)
    query = request.GET.get("q", "").strip()[:100]
    results = search_technical(request.user, submission, query) if len(query) >= 2 else []
    context = {"results": results, "query": query, "submission": submission}
    return render(request, "web/editor/_search_results.html", context)


@login_required
@require_GET
def requirement_row(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """htmx: an empty requirement row to append."""
    submission = _editable_or_deny(request, submission_id)
    row = editor_form.RequirementInput(key=editor_form.new_key())
    context = {
        "row": row,
        "sections": editor_form.SECTIONS,
        "importances": editor_form.IMPORTANCES,
        "submission": submission,
        "announce": True,
    }
    return render(request, "web/editor/_requirement_row.html", context)
