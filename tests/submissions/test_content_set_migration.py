"""Migration 0014 moves each document's rows into sets shared by every document with the same rows,
keeping what each document says and its search vector; going back gives every document its rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from submissions.models import CompetencyRow, CompetencySet, stored_set
from tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("submissions", "0013_ministry_state_index_and_statistics")]
AFTER = [("submissions", "0014_content_sets")]


def _vectors() -> dict[int, str]:
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM submissions_submission")
        return dict(cursor.fetchall())


def _documents(apps: Any) -> list[Any]:
    """Three documents: two with the same rows, one with a requirement of its own."""
    models = {name: apps.get_model("submissions", name) for name in ("Instansi", "OPD", "Position")}
    document_model = apps.get_model("submissions", "Submission")
    text = apps.get_model("submissions", "LevelText").objects.create(
        digest="a" * 64, code="M.01", name="Integritas", description="Jujur.", indicators=["1.1 Jujur"]
    )
    instansi = models["Instansi"].objects.create(name="Pemerintah Kota Lama", kind="kota")
    opd = models["OPD"].objects.create(instansi=instansi, name="Dinas Lama")
    documents = []
    for name, requirement in (("Camat", "S-1"), ("Lurah", "S-1"), ("Sekretaris", "S-2 Hukum")):
        position = models["Position"].objects.create(opd=opd, name=name, kind="administrator")
        document = document_model.objects.create(position=position, opd=opd, instansi=instansi, state="draft")
        apps.get_model("submissions", "CompetencyRow").objects.create(
            submission=document, group="managerial", order=0, level=2, text=text
        )
        rows = apps.get_model("submissions", "RequirementRow").objects
        rows.create(
            submission=document, section="education_level", order=0, text=requirement, importance="mutlak"
        )
        rows.create(submission=document, section="experience", order=1, text="2 tahun", importance="perlu")
        documents.append(document)
    return documents


def test_documents_with_the_same_rows_share_one_set_and_keep_what_they_said() -> None:
    camat, lurah, sekretaris = _documents(migrate_to(BEFORE))
    vectors = _vectors()

    new = migrate_to(AFTER)

    documents = new.get_model("submissions", "Submission").objects.in_bulk()
    assert len({document.competency_set_id for document in documents.values()}) == 1
    assert documents[camat.pk].requirement_set_id == documents[lurah.pk].requirement_set_id
    assert documents[sekretaris.pk].requirement_set_id != documents[camat.pk].requirement_set_id
    rows = new.get_model("submissions", "RequirementRow").objects
    assert rows.count() == 4  # two lists of two rows, instead of three
    said = rows.filter(set_id=documents[sekretaris.pk].requirement_set_id).order_by("order")
    assert list(said.values_list("text", flat=True)) == ["S-2 Hukum", "2 tahun"]
    assert new.get_model("submissions", "CompetencyRow").objects.count() == 1
    assert _vectors() == vectors
    # The application finds the migrated set by its digest instead of storing a second one.
    [row] = new.get_model("submissions", "CompetencyRow").objects.all()
    again = CompetencyRow(group=row.group, competency_id=None, level=row.level, text_id=row.text_id)
    found = stored_set(CompetencySet, [again])
    assert found is not None
    assert found.pk == documents[camat.pk].competency_set_id


def test_going_back_gives_every_document_its_own_rows_again() -> None:
    camat, lurah, sekretaris = _documents(migrate_to(BEFORE))
    migrate_to(AFTER)
    vectors = _vectors()

    old = migrate_to(BEFORE)

    rows = old.get_model("submissions", "RequirementRow").objects.order_by("order")
    assert [r.text for r in rows.filter(submission_id=lurah.pk)] == ["S-1", "2 tahun"]
    assert [r.text for r in rows.filter(submission_id=sekretaris.pk)] == ["S-2 Hukum", "2 tahun"]
    assert old.get_model("submissions", "CompetencyRow").objects.filter(submission_id=camat.pk).count() == 1
    assert rows.count() == 6
    assert _vectors() == vectors
