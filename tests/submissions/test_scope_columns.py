"""The scope a document stores about itself (issue 15): its OPD, its instansi, and whether it ever
reached the ministry. Lists filter on these columns, so they must never disagree with the source."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from submissions.models import Submission
from tests.builders import World
from tests.documents import INPUTS, advance, complete_draft, fire, revision_of
from tests.factories import OPDFactory, PositionFactory
from workflow.machine import State


def test_a_new_draft_stores_the_opd_and_instansi_of_its_position(world: World) -> None:
    draft = complete_draft(world)

    stored = Submission.objects.values("opd_id", "instansi_id").get(pk=draft.pk)

    assert stored == {"opd_id": world.position.opd_id, "instansi_id": world.instansi.pk}


def test_a_revision_stores_the_same_scope_as_the_approved_version(world: World) -> None:
    approved = advance(world, complete_draft(world), State.APPROVED)
    revision = revision_of(world, approved)

    assert (revision.opd_id, revision.instansi_id) == (approved.opd_id, approved.instansi_id)


def test_a_document_reaches_the_ministry_when_sent_and_keeps_the_flag_when_sent_back(world: World) -> None:
    compiled = advance(world, complete_draft(world), State.COMPILATION)
    assert not Submission.objects.get(pk=compiled.pk).reached_ministry

    consulted = advance(world, compiled, State.MINISTRY_CONSULTATION)
    assert Submission.objects.get(pk=consulted.pk).reached_ministry

    returned = fire(consulted, "ministry_return", world.ministry, **INPUTS["ministry_return"])
    assert returned.state == State.DRAFT
    assert Submission.objects.get(pk=returned.pk).reached_ministry


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the composite foreign keys are PostgreSQL's")
def test_the_database_refuses_a_copied_opd_that_is_not_the_positions(world: World) -> None:
    draft = complete_draft(world)

    def point_at_another_opd() -> None:
        with transaction.atomic():
            Submission.objects.filter(pk=draft.pk).update(opd_id=world.other_opd.pk)
            connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")

    with pytest.raises(IntegrityError):
        point_at_another_opd()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the composite foreign keys are PostgreSQL's")
def test_moving_a_position_to_another_opd_carries_its_documents_along(world: World) -> None:
    position = PositionFactory.create(opd=world.opd, name="Analis Kebijakan Ahli Muda")
    draft = complete_draft(world, position.pk)
    elsewhere = OPDFactory.create(instansi=world.instansi, name="Dinas Sosial")

    type(position).objects.filter(pk=position.pk).update(opd_id=elsewhere.pk)

    assert Submission.objects.get(pk=draft.pk).opd_id == elsewhere.pk
