"""Migration 0012 moves the texts existing rows copied into shared level texts, keeping each row's
wording and each document's search vector as they were."""

from __future__ import annotations

import pytest
from django.db import connection

from submissions.models import level_text_for
from tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 (autouse)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the vector triggers are PostgreSQL's"),
]

BEFORE = [("submissions", "0011_submission_search_vector")]
AFTER = [("submissions", "0012_level_texts")]
INTEGRITAS = ("M.01", "Integritas", "Jujur dalam bekerja.", ["1.1 Jujur"])


def _vectors() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM submissions_submission")
        return dict(cursor.fetchall())


def test_rows_with_the_same_wording_share_one_text_and_keep_what_they_said() -> None:
    old = migrate_to(BEFORE)
    models = {
        name: old.get_model("submissions", name) for name in ("Instansi", "OPD", "Position", "Submission")
    }
    row_model = old.get_model("submissions", "CompetencyRow")
    instansi = models["Instansi"].objects.create(name="Pemerintah Kota Lama", kind="kota")
    opd = models["OPD"].objects.create(instansi=instansi, name="Dinas Lama")
    documents = []
    for name in ("Camat", "Lurah"):
        position = models["Position"].objects.create(opd=opd, name=name, kind="administrator")
        documents.append(
            models["Submission"].objects.create(position=position, opd=opd, instansi=instansi, state="draft")
        )
    code, name, description, indicators = INTEGRITAS
    for document in documents:
        row_model.objects.create(
            submission=document,
            group="managerial",
            level=2,
            code=code,
            name=name,
            description=description,
            indicators=indicators,
        )
    row_model.objects.create(submission=documents[1], group="technical", level=3, name="Pemetaan Wilayah")
    vectors = _vectors()

    new = migrate_to(AFTER)

    rows = new.get_model("submissions", "CompetencyRow").objects.order_by("id")
    texts = new.get_model("submissions", "LevelText").objects
    assert texts.count() == 2
    first, second, technical = rows.select_related("text")
    assert first.text_id == second.text_id
    assert (first.text.code, first.text.name, first.text.description, first.text.indicators) == INTEGRITAS
    assert (technical.text.code, technical.text.name) == ("", "Pemetaan Wilayah")
    assert _vectors() == vectors
    with connection.cursor() as cursor:
        cursor.execute("SELECT submissions_refresh_vectors(ARRAY(SELECT id FROM submissions_submission))")
    assert _vectors() == vectors  # the replaced functions build the same vector from the texts
    # The application finds the migrated text by its digest instead of storing a second one.
    assert (
        level_text_for(code=code, name=name, description=description, indicators=indicators).pk
        == first.text_id
    )
