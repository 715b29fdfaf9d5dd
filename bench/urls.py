"""The project's URLs plus the bare view the status endpoint is compared with (bench only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import include, path
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from submissions.models import Submission

STATUS_FIELDS = ("id", "state", "version", "round", "due_at", "updated_at")


def bare_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The floor: the same single indexed query, no framework, no authentication, no scoping."""
    row = Submission.objects.filter(pk=pk).values(*STATUS_FIELDS).first()
    if row is None:
        raise Http404
    return JsonResponse(row)


class DrfFloor(APIView):
    """The same query behind the API's own authentication, permission, throttling and rendering.

    Between the bare view and the status endpoint: what DRF and token auth cost before any of the
    application's work (scoping, allowed transitions, serializer) starts.
    """

    def get(self, request: Request, pk: int) -> Response:
        row = Submission.objects.filter(pk=pk).values(*STATUS_FIELDS).first()
        if row is None:
            raise NotFound
        return Response(row)


urlpatterns = [
    path("bench/bare-status/<int:pk>/", bare_status),
    path("bench/drf-status/<int:pk>/", DrfFloor.as_view()),
    path("", include("config.urls")),
]
