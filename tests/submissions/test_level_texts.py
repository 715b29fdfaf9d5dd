"""A dictionary level's texts are stored once and never change: documents share them, and an
approved version shows what it was approved with after the dictionary is edited."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from submissions.exports import export_queryset, render_docx
from submissions.imports import import_dictionary
from submissions.models import CompetencyLevel, CompetencyRow, LevelText, Submission, level_text_for
from tests.api.conftest import client_for
from tests.at_once import at_once
from tests.builders import World
from tests.documents import complete_draft, document_in
from tests.factories import PositionFactory
from tests.submissions.test_imports import workbook

OLD_DESCRIPTION = "Surveilans level 3"
OLD_INDICATORS = ["3.1 Teknis"]
NEW_DESCRIPTION = "Merancang sistem surveilans terpadu lintas wilayah."
NEW_INDICATORS = ["Merancang alur data", "Menilai mutu data"]


def technical_row(submission: Submission) -> CompetencyRow:
    return submission.competency_rows.get(group="technical")


def edit_the_dictionary(world: World, tmp_path: Path) -> None:
    """The instansi's T.01 level 3 gets a new description and new indicators, through the import."""
    sheet = [("T.01", "Surveilans Kesehatan", "teknis", "", 3, NEW_DESCRIPTION, "\n".join(NEW_INDICATORS))]
    result = import_dictionary(workbook(tmp_path / "kamus.xlsx", sheet), world.instansi)
    assert not result.problems
    level = CompetencyLevel.objects.get(competency__code="T.01", competency__instansi=world.instansi, level=3)
    assert (level.description, level.indicators) == (NEW_DESCRIPTION, NEW_INDICATORS)


def page_text(world: World, submission: Submission) -> str:
    client = Client()
    client.force_login(world.organisasi, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(f"/dokumen/{submission.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def export_text(submission: Submission) -> str:
    document = docx.Document(io.BytesIO(render_docx(export_queryset().get(pk=submission.pk))))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


@pytest.mark.django_db
def test_two_documents_with_the_same_dictionary_level_share_one_text(world: World) -> None:
    first = complete_draft(world)
    second = complete_draft(world, PositionFactory.create(opd=world.opd, kind="pengawas").pk)

    assert technical_row(first).text_id == technical_row(second).text_id
    # 8 managerial, 1 socio-cultural and 1 technical wording, whatever the number of documents.
    assert LevelText.objects.count() == 10
    assert technical_row(first).description == OLD_DESCRIPTION


@pytest.mark.django_db
def test_the_same_parts_give_the_same_text_and_any_difference_a_new_one() -> None:
    text = level_text_for(code="T.09", name="Statistik", description="Mengolah data.", indicators=["1.1 a"])

    again = level_text_for(code="T.09", name="Statistik", description="Mengolah data.", indicators=["1.1 a"])
    other = level_text_for(code="T.09", name="Statistik", description="Mengolah data.", indicators=["1.1 b"])

    assert again.pk == text.pk
    assert other.pk != text.pk


@pytest.mark.django_db
def test_an_approved_version_keeps_its_texts_after_the_dictionary_level_is_edited(
    world: World, tmp_path: Path
) -> None:
    approved = document_in(world, "approved")

    edit_the_dictionary(world, tmp_path)

    row = technical_row(approved)
    assert (row.description, row.indicators) == (OLD_DESCRIPTION, OLD_INDICATORS)
    shown = client_for(world.drafter).get(f"/api/v1/submissions/{approved.pk}/").json()["competencies"]
    technical = next(competency for competency in shown if competency["group"] == "technical")
    assert (technical["description"], technical["indicators"]) == (OLD_DESCRIPTION, OLD_INDICATORS)
    page = page_text(world, approved)
    assert OLD_DESCRIPTION in page
    assert NEW_DESCRIPTION not in page
    exported = export_text(approved)
    assert OLD_DESCRIPTION in exported
    assert NEW_DESCRIPTION not in exported


@pytest.mark.django_db
def test_a_document_written_after_the_edit_reads_the_new_texts(world: World, tmp_path: Path) -> None:
    approved = document_in(world, "approved")
    edit_the_dictionary(world, tmp_path)

    later = complete_draft(world, PositionFactory.create(opd=world.opd, kind="pengawas").pk)

    row = technical_row(later)
    assert (row.description, row.indicators) == (NEW_DESCRIPTION, NEW_INDICATORS)
    assert row.text_id != technical_row(approved).text_id


@pytest.mark.django_db
def test_a_stored_text_cannot_be_changed_or_deleted_through_the_orm() -> None:
    text = level_text_for(code="M.01", name="Integritas", description="Jujur.", indicators=[])

    text.description = "Diubah."
    with pytest.raises(PermissionError):
        text.save()
    with pytest.raises(PermissionError):
        LevelText.objects.filter(pk=text.pk).update(description="Diubah.")
    with pytest.raises(PermissionError):
        text.delete()
    with pytest.raises(PermissionError):
        LevelText.objects.filter(pk=text.pk).delete()
    assert LevelText.objects.get(pk=text.pk).description == "Jujur."


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE submissions_leveltext SET description = 'Diubah.' WHERE id = %s",
        "DELETE FROM submissions_leveltext WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_a_stored_text(statement: str) -> None:
    text = level_text_for(code="M.01", name="Integritas", description="Jujur.", indicators=[])

    refused = pytest.raises(DatabaseError, match="tidak dapat diubah atau dihapus")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [text.pk])

    assert LevelText.objects.get(pk=text.pk).description == "Jujur."


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_ten_writers_storing_the_same_new_text_at_once_store_it_once() -> None:
    def store() -> int:
        with transaction.atomic():
            return level_text_for(code="T.77", name="Baru", description="Serentak.", indicators=["a"]).pk

    found = at_once(10, store)

    assert len(found) == 10
    assert len(set(found)) == 1
    assert LevelText.objects.filter(code="T.77").count() == 1
