"""The admin shows reference data and documents, but a document's state never changes there."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from submissions.models import (
    OPD,
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    Instansi,
    MinimumLevel,
    Position,
    PositionKind,
    RequirementRow,
    RoleAssignment,
    Submission,
    Urusan,
)
from tests.factories import PositionFactory, RoleAssignmentFactory, competency_row, give_rows
from workflow.machine import State

pytestmark = pytest.mark.django_db

MODELS = (Instansi, OPD, Urusan, Position, Competency, MinimumLevel, Submission, RoleAssignment)


@pytest.fixture
def admin_client_() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@demo.alur-skj.id", "skj-demo-2026"))
    return client


@pytest.fixture
def objects() -> dict[type, Any]:
    position: Any = PositionFactory.create(kind=PositionKind.PENGAWAS)
    competency = Competency.objects.create(code="M.01", name="Integritas", group=CompetencyGroup.MANAGERIAL)
    CompetencyLevel.objects.create(competency=competency, level=1, description="Jujur", indicators=["1.1 a"])
    return {
        Instansi: position.opd.instansi,
        OPD: position.opd,
        Urusan: position.urusan.first(),
        Position: position,
        Competency: competency,
        MinimumLevel: MinimumLevel.objects.create(kind=PositionKind.PENGAWAS, level=2),
        Submission: Submission.objects.create(position=position),
        RoleAssignment: RoleAssignmentFactory.create(opd=position.opd),
    }


def admin_url(model: Any, action: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_admin_lists_and_opens_every_model(
    admin_client_: Client, objects: dict[type, Any], model: type
) -> None:
    listing = admin_client_.get(admin_url(model, "changelist"))
    detail = admin_client_.get(admin_url(model, "change", objects[model].pk))
    assert listing.status_code == 200
    assert detail.status_code == 200


def test_a_documents_page_shows_its_rows_read_only(admin_client_: Client, objects: dict[type, Any]) -> None:
    submission = give_rows(
        objects[Submission],
        competencies=[competency_row(group="managerial", code="M.01", name="Integritas", level=3)],
        requirements=[RequirementRow(section="education_level", text="S-1 <Hukum>", importance="mutlak")],
    )

    page = admin_client_.get(admin_url(Submission, "change", submission.pk)).content.decode()

    assert "<td>Integritas</td><td>3</td>" in page
    assert "<td>S-1 &lt;Hukum&gt;</td>" in page  # escaped, as every text the admin shows
    assert 'name="competency_rows-TOTAL_FORMS"' not in page  # no form: rows change by editing


def test_the_admin_search_and_filters_answer(admin_client_: Client, objects: dict[type, Any]) -> None:
    queries = {
        Position: "?q=Kepala&kind=pengawas",
        Competency: "?q=M.01&group=managerial",
        Submission: f"?q=Kepala&state={State.DRAFT}",
        RoleAssignment: "?q=pengguna&role=drafter",
    }
    for model, query in queries.items():
        response = admin_client_.get(admin_url(model, "changelist") + query)
        assert response.status_code == 200, model
        assert response.context["cl"].result_count == 1, model


def test_a_document_cannot_be_added_or_deleted_in_the_admin(
    admin_client_: Client, objects: dict[type, Any]
) -> None:
    submission = objects[Submission]
    assert admin_client_.get(admin_url(Submission, "add")).status_code == 403
    assert admin_client_.get(admin_url(Submission, "delete", submission.pk)).status_code == 403


def test_posting_a_state_in_the_admin_does_not_change_it(
    admin_client_: Client, objects: dict[type, Any]
) -> None:
    submission = objects[Submission]
    url = admin_url(Submission, "change", submission.pk)
    form = {
        "state": State.APPROVED,
        "summary": "Diubah lewat admin",
    }

    response = admin_client_.post(url, form)

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.DRAFT
    # Decrees are recorded on their own pages now (workflow.Decree); the admin changes nothing here.
    assert submission.summary != "Diubah lewat admin"


def test_minimum_levels_are_edited_from_the_list(admin_client_: Client, objects: dict[type, Any]) -> None:
    row = objects[MinimumLevel]
    form = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(row.pk),
        "form-0-level": "3",
        "_save": "Simpan",
    }
    response = admin_client_.post(admin_url(MinimumLevel, "changelist"), form)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.level, row.blocking) == (3, False)
