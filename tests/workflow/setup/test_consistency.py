"""Positions of the same name and kind in other OPDs whose levels or requirements differ."""

from __future__ import annotations

from typing import Any

from django.test import Client

from submissions.models import Position, PositionKind, Submission
from tests.builders import World, valid_content
from tests.factories import copy_of, give_rows
from workflow import services
from workflow.setup.consistency import consistency_report, differing_peers


def standard_in_compilation(world: World, position: Position, drafter: Any, reviewer: Any) -> Submission:
    draft = services.submission_create_draft(position_id=position.pk, actor=drafter)
    services.submission_update_content(submission_id=draft.pk, actor=drafter, **valid_content())
    services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=drafter)
    return services.submission_fire_transition(submission_id=draft.pk, name="forward", actor=reviewer)


def test_a_peer_with_other_levels_is_shown_side_by_side_and_in_the_report(world: World) -> None:
    twin = Position.objects.create(opd=world.other_opd, name=world.position.name, kind=PositionKind.PENGAWAS)
    mine = standard_in_compilation(world, world.position, world.drafter, world.reviewer)
    theirs = services.submission_create_draft(position_id=twin.pk, actor=world.other_drafter)
    services.submission_update_content(submission_id=theirs.pk, actor=world.other_drafter, **valid_content())
    theirs.refresh_from_db()
    rows = list(theirs.competency_rows.all())
    row = next(row for row in rows if row.group == "managerial")
    give_rows(theirs, competencies=[copy_of(r, level=r.level + 1) if r == row else copy_of(r) for r in rows])

    [difference] = differing_peers(mine)

    assert difference.peer.opd == "Dinas Pendidikan"
    assert difference.levels == [(row.name, row.level, row.level + 1)]
    [group] = consistency_report(world.instansi)
    assert group.name == world.position.name
    page = Client()
    page.force_login(world.organisasi, backend="django.contrib.auth.backends.ModelBackend")
    assert "Jabatan sama di OPD lain yang berbeda" in page.get(f"/dokumen/{mine.pk}/").content.decode()
    assert row.name in page.get("/pengaturan/konsistensi/").content.decode()


def test_peers_that_agree_are_not_listed(world: World) -> None:
    twin = Position.objects.create(opd=world.other_opd, name=world.position.name, kind=PositionKind.PENGAWAS)
    mine = standard_in_compilation(world, world.position, world.drafter, world.reviewer)
    theirs = services.submission_create_draft(position_id=twin.pk, actor=world.other_drafter)
    services.submission_update_content(submission_id=theirs.pk, actor=world.other_drafter, **valid_content())

    assert differing_peers(mine) == []
    assert consistency_report(world.instansi) == []
