"""Every API operation and page on one object, for every role of the world (the demo's roles), on a
document or position of the drafter's OPD: what each answers, from one table.

Seen from each role the object is its own (drafter, reviewer, Bagian Organisasi of that instansi),
of another OPD (other_drafter, other_reviewer), of another instansi (other_organisasi), or
nobody's business (ministry before consultation, outsider without a role). Out of scope is always
404, in scope but not allowed 403 (or 409 for a state the action needs), and only the roles the
rules name get a 2xx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from notifications.models import Notification
from submissions.models import PositionKind, Submission
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import document_in
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "drafter",
    "reviewer",
    "organisasi",
    "ministry",
    "other_drafter",
    "other_reviewer",
    "other_organisasi",
    "outsider",
)


@dataclass(frozen=True)
class Operation:
    name: str
    request: str  # "METHOD path"; in the path {doc}, {position}, {snapshot}, {notification}
    state: str  # the document's state before the request
    answers: str  # one status per role, in ROLES' order

    @property
    def method(self) -> str:
        return self.request.split()[0].lower()

    @property
    def path(self) -> str:
        return self.request.split()[1]

    @property
    def web(self) -> bool:
        return not self.path.startswith("/api/")

    @property
    def expected(self) -> tuple[int, ...]:
        return tuple(int(code) for code in self.answers.split())


# Dated today: the letter rules refuse a date before the document reached the ministry.
LETTER = {"letter_number": "B/1/2026", "letter_date": timezone.localdate().isoformat()}
BODIES: dict[str, Any] = {
    "patch": {"summary": "Baru."},
    "submit": {"name": "submit"},
    "forward": {"name": "forward"},
    "send": {"name": "send_to_ministry", **LETTER},
    "agree": {"name": "ministry_agree", **LETTER},
    "position_patch": {"sub_unit": "Seksi Baru"},
    "create_draft": {"position": "{position}"},
    "page_forward": {},
    "revision": {"reason": "Peraturan baru.", "legal_basis": "Permenpan 2026"},
}
# Roles, in order: drafter reviewer organisasi ministry other_drafter other_reviewer other_organisasi outsider
MATRIX = (
    # API: reading a document and everything about it.
    Operation(
        "submission", "GET /api/v1/submissions/{doc}/", "opd_review", "200 200 200 404 404 404 404 404"
    ),
    Operation(
        "status", "GET /api/v1/submissions/{doc}/status/", "opd_review", "200 200 200 404 404 404 404 404"
    ),
    Operation(
        "history", "GET /api/v1/submissions/{doc}/history/", "opd_review", "200 200 200 404 404 404 404 404"
    ),
    Operation(
        "snapshots",
        "GET /api/v1/submissions/{doc}/snapshots/",
        "opd_review",
        "200 200 200 404 404 404 404 404",
    ),
    Operation(
        "diff",
        "GET /api/v1/submissions/{doc}/diff/?from={snapshot}",
        "opd_review",
        "200 200 200 404 404 404 404 404",
    ),
    Operation(
        "export", "GET /api/v1/submissions/{doc}/export.docx", "opd_review", "200 200 200 404 404 404 404 404"
    ),
    Operation(
        "consulted",
        "GET /api/v1/submissions/{doc}/",
        "ministry_consultation",
        "200 200 200 200 404 404 404 404",
    ),
    # API: changing it.
    Operation("patch", "PATCH /api/v1/submissions/{doc}/", "draft", "200 403 403 404 404 404 404 404"),
    Operation(
        "submit", "POST /api/v1/submissions/{doc}/transitions/", "draft", "200 403 403 404 404 404 404 404"
    ),
    Operation(
        "forward",
        "POST /api/v1/submissions/{doc}/transitions/",
        "opd_review",
        "403 200 403 404 404 404 404 404",
    ),
    Operation(
        "send",
        "POST /api/v1/submissions/{doc}/transitions/",
        "compilation",
        "403 403 200 404 404 404 404 404",
    ),
    Operation(
        "agree",
        "POST /api/v1/submissions/{doc}/transitions/",
        "ministry_consultation",
        "403 403 200 200 404 404 404 404",
    ),
    # API: positions and notifications (a new draft of an approved position is a revision: 409).
    Operation("position", "GET /api/v1/positions/{position}/", "draft", "200 200 200 404 404 404 404 404"),
    Operation(
        "position_patch", "PATCH /api/v1/positions/{position}/", "draft", "403 403 200 404 404 404 404 404"
    ),
    Operation("create_draft", "POST /api/v1/submissions/", "approved", "409 403 403 403 404 404 404 404"),
    Operation(
        "read_notification",
        "POST /api/v1/notifications/{notification}/read/",
        "opd_review",
        "404 200 404 404 404 404 404 404",
    ),
    # Pages.
    Operation("page", "GET /dokumen/{doc}/", "opd_review", "200 200 200 404 404 404 404 404"),
    Operation(
        "page_export", "GET /dokumen/{doc}/unduh.docx", "opd_review", "200 200 200 404 404 404 404 404"
    ),
    Operation("editor", "GET /dokumen/{doc}/ubah/", "draft", "200 403 403 404 404 404 404 404"),
    Operation(
        "editor_row", "GET /dokumen/{doc}/ubah/baris-persyaratan/", "draft", "200 403 403 404 404 404 404 404"
    ),
    Operation(
        "page_forward",
        "POST /dokumen/{doc}/tindakan/forward/",
        "opd_review",
        "403 302 403 404 404 404 404 404",
    ),
    Operation("revision", "POST /jabatan/{position}/revisi/", "approved", "302 403 302 403 404 404 404 404"),
)


def _ids(submission: Submission, world: World) -> dict[str, Any]:
    snapshot = submission.snapshots.order_by("id").first()
    notification = Notification.objects.filter(recipient=world.reviewer).order_by("id").first()
    return {
        "doc": submission.pk,
        "position": submission.position_id,
        "snapshot": snapshot.pk if snapshot else 0,
        "notification": notification.pk if notification else 0,
    }


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        return int(ids[value[1:-1]]) if value[1:-1] in ids and value.startswith("{") else value.format(**ids)
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


def _send(op: Operation, user: Any, submission: Submission, world: World) -> int:
    ids = _ids(submission, world)
    path, body = op.path.format(**ids), _fill(BODIES.get(op.name), ids)
    if op.web:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(path) if op.method == "get" else client.post(path, body or {})
        return int(response.status_code)
    api = client_for(user)
    headers = {"HTTP_IF_MATCH": "*"} if op.method == "patch" else {}
    if op.method == "patch" and "submissions" in path:
        # The current ETag, as the caller would have read it (none for a document he cannot see).
        headers = {"HTTP_IF_MATCH": api.get(path).headers.get("ETag", '"tidak-terlihat"')}
    return int(getattr(api, op.method)(path, body, format="json", **headers).status_code)


@pytest.mark.parametrize("op", MATRIX, ids=[op.name for op in MATRIX])
def test_every_operation_answers_each_role_as_the_table_says(world: World, op: Operation) -> None:
    submission = document_in(world, op.state)
    answered = {}
    for role in ROLES:
        answered[role] = _send(op, getattr(world, role), submission, world)
        if answered[role] < 400 and op.method != "get":
            # The action happened: the next role meets a fresh document in the same state.
            submission = document_in(
                world, op.state, PositionFactory.create(opd=world.opd, kind=PositionKind.PENGAWAS)
            )

    assert answered == dict(zip(ROLES, op.expected, strict=True))
