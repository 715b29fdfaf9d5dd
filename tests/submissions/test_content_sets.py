"""A document's rows are stored once per distinct list and never change: documents with the same
rows share a set, an edit points the document at another one, and the versions already approved,
submitted or shared keep reading what they were written with."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from submissions.models import CompetencySet, RequirementRow, RequirementSet, Submission, stored_set
from tests.at_once import at_once
from tests.builders import World, valid_content
from tests.documents import complete_draft, document_in
from tests.factories import PositionFactory
from workflow import services

pytestmark = pytest.mark.django_db


def _education(text: str) -> RequirementRow:
    return RequirementRow(section="education_level", text=text, importance="mutlak")


def test_two_documents_with_the_same_rows_share_their_sets(world: World) -> None:
    first = complete_draft(world)
    second = complete_draft(world, PositionFactory.create(opd=world.opd).pk)

    assert first.competency_set_id is not None
    assert (first.competency_set_id, first.requirement_set_id) == (
        second.competency_set_id,
        second.requirement_set_id,
    )
    assert CompetencySet.objects.count() == 2  # the new drafts' fixed rows, then the complete list
    assert RequirementRow.objects.count() == len(valid_content()["requirements"])


def test_an_edit_of_one_document_leaves_the_rows_of_the_other_as_they_were(world: World) -> None:
    first = complete_draft(world)
    second = complete_draft(world, PositionFactory.create(opd=world.opd).pk)
    content = valid_content()
    content["requirements"][0]["text"] = "S-2 Kesehatan Masyarakat"

    services.submission_update_content(submission_id=first.pk, actor=world.drafter, **content)

    texts = [row.text for row in Submission.objects.get(pk=second.pk).requirement_rows.all()]
    assert texts[0] == "S-1/D-IV"
    assert Submission.objects.get(pk=first.pk).requirement_rows.all()[0].text == "S-2 Kesehatan Masyarakat"


def test_a_revision_starts_from_the_approved_rows_and_its_edits_leave_the_approved_version_alone(
    world: World,
) -> None:
    approved = document_in(world, "approved")
    revision = services.submission_start_revision(
        position_id=approved.position_id, actor=world.drafter, reason="Peraturan baru", legal_basis="Permen 1"
    )
    assert revision.requirement_set_id == approved.requirement_set_id

    content = valid_content()
    content["requirements"] = content["requirements"][:1]
    services.submission_update_content(submission_id=revision.pk, actor=world.drafter, **content)

    assert Submission.objects.get(pk=approved.pk).requirement_rows.count() == 3
    assert Submission.objects.get(pk=revision.pk).requirement_rows.count() == 1


def test_no_rows_is_no_set_and_the_same_rows_find_the_same_set() -> None:
    assert stored_set(RequirementSet, []) is None
    first = stored_set(RequirementSet, [_education("S-1"), _education("S-2")])
    again = stored_set(RequirementSet, [_education("S-1"), _education("S-2")])
    reordered = stored_set(RequirementSet, [_education("S-2"), _education("S-1")])

    assert first is not None
    assert again is not None
    assert reordered is not None
    assert again.pk == first.pk
    assert reordered.pk != first.pk  # the order is part of what a document says
    assert [row.order for row in first.rows.all()] == [0, 1]


def test_a_stored_set_cannot_be_changed_through_the_orm() -> None:
    stored = stored_set(RequirementSet, [_education("S-1")])
    assert stored is not None

    with pytest.raises(PermissionError, match="tidak dapat diubah"):
        RequirementRow.objects.filter(set=stored).update(text="S-3")
    with pytest.raises(PermissionError):
        RequirementSet.objects.filter(pk=stored.pk).update(digest="lain")

    assert [row.text for row in stored.rows.all()] == ["S-1"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE submissions_requirementrow SET text = 'S-3' WHERE set_id = %s",
        "UPDATE submissions_requirementset SET digest = 'lain' WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_a_stored_set(statement: str) -> None:
    stored = stored_set(RequirementSet, [_education("S-1")])
    assert stored is not None

    refused = pytest.raises(DatabaseError, match="tidak dapat diubah")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [stored.pk])

    assert [row.text for row in stored.rows.all()] == ["S-1"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_ten_writers_storing_the_same_new_list_at_once_store_it_once() -> None:
    def store() -> int:
        with transaction.atomic():
            stored = stored_set(RequirementSet, [_education("S-1 Serentak"), _education("S-2")])
        assert stored is not None
        return stored.pk

    found = at_once(10, store)

    assert len(found) == 10
    assert len(set(found)) == 1
    assert RequirementSet.objects.count() == 1
    assert RequirementRow.objects.filter(set_id=found[0]).count() == 2
