"""The project's URLs plus the bare view the status endpoint is compared with (bench only)."""

from __future__ import annotations

import json
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


# The columns the API's save changes when a document goes to the ministry (machine.py's
# `send_to_ministry` and deadlines.enter_stage): the state, the ministry's scope flag with its
# partial indexes, the stage clock, the deadline and the reminder schedule. The deadline here is
# a fixed 10 days (the API reads the stage budget and the calendar): the same row write, not the
# same arithmetic. The `state` condition is the API's optimistic check (ConcurrentTransitionMixin).
FLOOR_UPDATE = """
UPDATE submissions_submission
SET state = 'ministry_consultation', reached_ministry = true, stage_entered_at = now(),
    due_at = now() + interval '10 days', next_reminder_at = now() + interval '8 days',
    reminders_sent = 0, escalations_sent = 0, updated_at = now()
WHERE id = %s AND state = 'compilation'
"""
FLOOR_LOG = """
INSERT INTO workflow_transitionlog
  (submission_id, transition, from_state, to_state, actor_id, acting_for, comment, reason_code,
   letter_number, letter_date, round, at)
VALUES (%s, 'send_to_ministry', 'compilation', 'ministry_consultation', %s, '', '', '', %s, %s, %s, now())
RETURNING id
"""
# The feed's event of the transition (workflow.events.services.record_transitions); the table's
# trigger numbers it at commit, as for the API's row.
FLOOR_EVENT = """
INSERT INTO workflow_event
  (kind, at, actor_kind, submission_id, version, round, position_id, opd_id, instansi_id,
   transition, from_state, to_state, log_entry_id, data)
VALUES ('transition', now(), 'bagian_organisasi', %s, %s, %s, %s, %s, %s,
        'send_to_ministry', 'compilation', 'ministry_consultation', %s, '{}'::jsonb)
"""
# As the API writes them: the subject rendered, the bodies left to delivery with their context
# frozen as JSON (the keys a send_to_ministry email is given, with values of typical length).
FLOOR_CONTEXT = json.dumps(
    {
        "recipient_name": "Kepala Bagian Organisasi",
        "site_url": "https://skj.example.go.id",
        "document_url": "https://skj.example.go.id/dokumen/1/",
        "preferences_url": "https://skj.example.go.id/notifikasi/pengaturan/",
        "position_name": "Analis Kebijakan Ahli Muda",
        "opd_name": "Dinas Komunikasi dan Informatika",
        "instansi_name": "Instansi Skala 001",
        "version": 1,
        "round": 1,
        "state_label": "Konsultasi KemenPAN-RB",
        "due_label": "Senin, 14 Desember 2026 23:59 WIB",
        "due_day_label": "Senin, 14 Desember 2026",
        "actor_name": "Kepala Bagian Organisasi",
        "acting_for": "",
        "comment": "",
        "reason_label": "",
        "letter_number": "B/100/ORG/2026",
        "letter_date": {"__date__": "2026-12-02"},
        "next_step": "Tinjau dokumen dan catat jawaban KemenPAN-RB.",
        "nationwide": True,
    }
)
FLOOR_NOTIFY = """
INSERT INTO notifications_notification
  (kind, submission_id, recipient_id, actor_id, event_key, idempotency_key, delivery, subject,
   body_text, body_html, context, needs_body, status, attempts, last_error, created_at)
SELECT 'send_to_ministry', %s, r.user_id, %s, %s, %s || r.user_id, 'email', 'Dokumen dikirim ke KemenPAN-RB',
       '', '', %s::jsonb, true, 'pending', 0, '', now()
FROM (SELECT id AS user_id FROM auth_user WHERE is_active ORDER BY id LIMIT %s) r
"""


class TransitionFloor(APIView):
    """The floor of a transition: the same row writes in raw SQL, served like the API (bench only).

    Behind the API's authentication, throttling and rendering, in one transaction: lock the
    document, move it from compilation to ministry consultation with every column the API's save
    changes (the scope flag `reached_ministry`, the stage clock, deadline and reminder schedule),
    write its log row with the cover letter's number and date from the request body, the feed's
    event, and `?rows=N` notification rows (bench.transition_burst passes as many as the API
    wrote). No scoping, no rules, no rendering, no task, no cache; no webhook deliveries, since
    the benchmark databases have no subscription.
    """

    def post(self, request: Request, pk: int) -> Response:
        body = request.data if isinstance(request.data, dict) else {}
        letter_number, letter_date = str(body.get("letter_number", "")), body.get("letter_date") or None
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT state, round, version, position_id, opd_id, instansi_id "
                "FROM submissions_submission WHERE id = %s FOR UPDATE",
                [pk],
            )
            found = cursor.fetchone()
            if found is None or found[0] != "compilation":
                raise NotFound
            _, round_, version, position_id, opd_id, instansi_id = found
            cursor.execute(FLOOR_UPDATE, [pk])
            cursor.execute(FLOOR_LOG, [pk, request.user.pk, letter_number, letter_date, round_])
            log_id = cursor.fetchone()[0]
            cursor.execute(FLOOR_EVENT, [pk, version, round_, position_id, opd_id, instansi_id, log_id])
            rows = int(request.query_params.get("rows", "1"))
            key = f"floor:{pk}:{time.time_ns()}:"
            cursor.execute(FLOOR_NOTIFY, [pk, request.user.pk, f"floor:{pk}", key, FLOOR_CONTEXT, rows])
        return Response({"id": pk, "state": "ministry_consultation"})


urlpatterns = [
    path("bench/floor-transition/<int:pk>/", TransitionFloor.as_view()),
    path("bench/bare-status/<int:pk>/", bare_status),
    path("bench/drf-status/<int:pk>/", DrfFloor.as_view()),
    path("", include("config.urls")),
]
