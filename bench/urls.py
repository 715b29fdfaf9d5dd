"""The project's URLs plus the bare view the status endpoint is compared with (bench only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import include, path

from submissions.models import Submission

STATUS_FIELDS = ("id", "state", "version", "round", "due_at", "updated_at")


def bare_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The floor: the same single indexed query, no framework, no authentication, no scoping."""
    row = Submission.objects.filter(pk=pk).values(*STATUS_FIELDS).first()
    if row is None:
        raise Http404
    return JsonResponse(row)


urlpatterns = [
    path("bench/bare-status/<int:pk>/", bare_status),
    path("", include("config.urls")),
]
