"""Shared helpers of the views: scoped lookups and turning workflow errors into pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from submissions.models import Position, Submission
from workflow import keyset
from workflow.errors import WorkflowError
from workflow.scoping import visible_positions, visible_submissions

if TYPE_CHECKING:
    from workflow.roles import AnyUser


class AuthedRequest(HttpRequest):
    """A request behind `login_required`: its user is a real account (and django-htmx's details)."""

    user: User
    htmx: HtmxDetails


def submission_or_404(user: AnyUser, submission_id: int) -> Submission:
    """A document in the user's scope; anything else is 404 so ids cannot be probed."""
    try:
        return (
            visible_submissions(user)
            .select_related("position__opd__instansi", "submitted_by", "based_on")
            .get(pk=submission_id)
        )
    except Submission.DoesNotExist:
        raise Http404("Dokumen tidak ditemukan.") from None


def position_or_404(user: AnyUser, position_id: int) -> Position:
    try:
        return visible_positions(user).select_related("opd__instansi").get(pk=position_id)
    except Position.DoesNotExist:
        raise Http404("Jabatan tidak ditemukan.") from None


def status_for(error: WorkflowError) -> int:
    if error.kind == "not_found":
        raise Http404(error.message)
    return error.http_status


# The query parameter of every keyset-paged page.
CURSOR = "kursor"
_Row = TypeVar("_Row", bound=Model)


def keyset_page(
    request: HttpRequest, rows: QuerySet[_Row], keys: Sequence[keyset.Key], size: int
) -> keyset.Page[_Row]:
    """The page the request's cursor points at; the first page for a cursor we did not write."""
    try:
        return keyset.page(rows, keys, request.GET.get(CURSOR), size)
    except keyset.InvalidCursor:
        return keyset.page(rows, keys, None, size)
