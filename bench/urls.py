"""The project's URLs plus the bare view the status endpoint is compared with (bench only)."""

from __future__ import annotations

import time

from django.db import connection, transaction
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


FLOOR_UPDATE = """
UPDATE submissions_submission
SET state = 'ministry_consultation', stage_entered_at = now(), updated_at = now()
WHERE id = %s
"""
FLOOR_LOG = """
INSERT INTO workflow_transitionlog
  (submission_id, transition, from_state, to_state, actor_id, acting_for, comment, reason_code,
   letter_number, round, at)
VALUES (%s, 'send_to_ministry', 'compilation', 'ministry_consultation', %s, '', '', '', '', %s, now())
"""
FLOOR_NOTIFY = """
INSERT INTO notifications_notification
  (kind, submission_id, recipient_id, actor_id, event_key, idempotency_key, delivery, subject,
   body_text, body_html, status, attempts, last_error, created_at)
SELECT 'send_to_ministry', %s, r.user_id, %s, %s, %s || r.user_id, 'email', 'Dokumen dikirim ke KemenPAN-RB',
       'Dokumen dikirim.', '<p>Dokumen dikirim.</p>', 'pending', 0, '', now()
FROM (SELECT id AS user_id FROM auth_user WHERE is_active ORDER BY id LIMIT %s) r
"""


class TransitionFloor(APIView):
    """The floor of a transition: the same row writes in raw SQL, served like the API (bench only).

    Behind the API's authentication, throttling and rendering, in one transaction: lock the
    document, move it from compilation to ministry consultation, write its log row and `?rows=N`
    notification rows (bench.transition_burst passes as many as the API wrote). No scoping, no
    rules, no email, no task.
    """

    def post(self, request: Request, pk: int) -> Response:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT state, round FROM submissions_submission WHERE id = %s FOR UPDATE", [pk])
            found = cursor.fetchone()
            if found is None or found[0] != "compilation":
                raise NotFound
            cursor.execute(FLOOR_UPDATE, [pk])
            cursor.execute(FLOOR_LOG, [pk, request.user.pk, found[1]])
            rows = int(request.query_params.get("rows", "1"))
            key = f"floor:{pk}:{time.time_ns()}:"
            cursor.execute(FLOOR_NOTIFY, [pk, request.user.pk, f"floor:{pk}", key, rows])
        return Response({"id": pk, "state": "ministry_consultation"})


urlpatterns = [
    path("bench/floor-transition/<int:pk>/", TransitionFloor.as_view()),
    path("bench/bare-status/<int:pk>/", bare_status),
    path("bench/drf-status/<int:pk>/", DrfFloor.as_view()),
    path("", include("config.urls")),
]
