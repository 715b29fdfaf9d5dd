"""Schemathesis against the WSGI app, for every operation and every role: no server error, and
every answer (status, content type, body) as the OpenAPI schema says.

Roles take turns, so every role sends a share of every operation's examples. Each request is
sent once as generated (ids are mostly unknown: 404 paths) and, for
operations on one object, once more against an object that exists, so the successful and the
refused answers of real objects are checked too. Examples are derandomized: the run is repeatable.
"""

from __future__ import annotations

import datetime
import io
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from integrations.services import service_account_create
from integrations.tokens import token_issue
from notifications.models import Notification, WebhookSubscription
from submissions.models import ExportJob, ImportBatch, ImportKind
from tests.api.conftest import ROLES
from tests.builders import World
from tests.documents import LETTER, document_in
from tests.events import integration_account
from tests.letters import pdf_bytes
from tests.workflow.packages_world import agree_all, compiled_standards
from workflow.decrees.services import DecreeInput, record_decree
from workflow.models import DraftingRound
from workflow.packages.services import create_package, send_package

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ_ROLES = (*ROLES, "second_drafter")


@pytest.fixture
def tokens(world: World) -> dict[str, str]:
    return {role: token_issue(user=getattr(world, role)).secret for role in FUZZ_ROLES}


@pytest.fixture
def real_ids(world: World) -> dict[str, int]:
    in_review = document_in(world, "opd_review")
    notification = Notification.objects.filter(recipient=world.reviewer).first()
    drafting = DraftingRound.objects.create(
        instansi=world.instansi,
        name="Penyusunan SKJ 2026",
        deadline=datetime.date(2026, 12, 31),
        opened_at=datetime.date(2026, 1, 5),
    )
    batch = ImportBatch.objects.create(
        kind=ImportKind.OPDS,
        instansi=world.instansi,
        uploaded_by=world.organisasi,
        filename="opd.csv",
        content=b"nama\nDinas Baru\n",
    )
    package, decree = _package_and_decree(world)
    return {
        "submissions": in_review.pk,
        "positions": world.position.pk,
        "notifications": notification.pk if notification else 1,
        "opds": world.position.opd_id,
        "role-assignments": world.drafter.role_assignments.first().pk,  # type: ignore[union-attr]
        "drafting-rounds": drafting.pk,
        "webhooks": WebhookSubscription.objects.create(
            owner=integration_account("simpeg.kota", world.instansi),
            url="http://127.0.0.1:9/",
            kinds=["transition"],
            secret="rahasia-penerima-uji-2026",
        ).pk,
        "imports": batch.pk,
        # A job of Bagian Organisasi: its own for that role, out of scope (404) for the others.
        "exports": ExportJob.objects.create(
            requested_by=world.organisasi, kind="book", format="pdf", instansi=world.instansi
        ).pk,
        "packages": package.pk,
        "decrees": decree.pk,
        "letters": package.cover_letter_id or 1,
        # A token of someone who never calls here: every caller's DELETE is a 404, none is revoked.
        "auth": token_issue(user=world.second_reviewer, name="bukan milik pemanggil").label.pk,
        "integrations": service_account_create(
            actor=world.organisasi, name="SIMPEG", reason="Uji", instansi_id=world.instansi.pk
        ).pk,
    }


def _package_and_decree(world: World) -> tuple[Any, Any]:
    """A sent package (with its cover letter) of two standards, one agreed and enacted by a decree."""
    documents = compiled_standards(world, 2)
    package = create_package(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        title="Paket",
        submission_ids=[d.pk for d in documents],
    )
    package = send_package(
        package_id=package.pk, actor=world.organisasi, letter_file=io.BytesIO(pdf_bytes()), **LETTER
    )
    agree_all(world, package, documents[:1])
    decree = record_decree(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        decree=DecreeInput(
            kind="keputusan", head="wali_kota", number="1", date=LETTER["letter_date"], title="SKJ"
        ),
        submission_ids=[documents[0].pk],
    )
    return package, decree


def _real_id(case: Any, real_ids: dict[str, int]) -> int | None:
    if "id" not in case.path_parameters:
        return None
    return real_ids[case.operation.path.removeprefix("/api/v1/").split("/")[0]]


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """As Django's test client does: a request's end must not close the test's transaction
    (on PostgreSQL it would; an in-memory SQLite hides it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def next_role() -> Iterator[str]:
    return itertools.cycle(FUZZ_ROLES)


@schema.parametrize()
@settings(
    max_examples=27,  # three per role
    deadline=None,
    derandomize=True,
    database=None,  # repeatable by derandomize; nothing written to .hypothesis/
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_answers_as_its_schema_says_for_every_role(
    case: Any,
    tokens: dict[str, str],
    real_ids: dict[str, int],
    next_role: Iterator[str],
    keep_connection: None,
) -> None:
    headers = {"Authorization": f"Token {tokens[next(next_role)]}"}
    case.call_and_validate(headers=headers, checks=CHECKS)
    real = _real_id(case, real_ids)
    if real is not None:
        case.path_parameters["id"] = real
        case.call_and_validate(headers=headers, checks=CHECKS)
