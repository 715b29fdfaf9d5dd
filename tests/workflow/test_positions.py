"""Position services: Bagian Organisasi of the instansi creates and changes positions."""

from __future__ import annotations

import pytest

from submissions.models import PositionKind, Urusan
from tests.builders import World
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.positions import position_create, position_update


def test_urusan_names_reuse_existing_rows_whatever_their_case(world: World) -> None:
    Urusan.objects.get_or_create(name="Kesehatan")

    position = position_create(
        actor=world.organisasi,
        opd_id=world.opd.pk,
        name="Analis",
        kind="pelaksana",
        urusan=["kesehatan", "Gizi"],
    )

    assert sorted(position.urusan.values_list("name", flat=True)) == ["Gizi", "Kesehatan"]
    assert Urusan.objects.filter(name__iexact="kesehatan").count() == 1


def test_leaving_the_functional_kind_drops_the_rank(world: World) -> None:
    position = position_create(
        actor=world.organisasi, opd_id=world.opd.pk, name="Epidemiolog", kind="fungsional", rank="ahli_muda"
    )

    changed = position_update(actor=world.organisasi, position_id=position.pk, kind=PositionKind.PELAKSANA)

    assert (changed.kind, changed.rank) == ("pelaksana", "")


def test_every_problem_is_reported_at_once(world: World) -> None:
    with pytest.raises(InvalidContent) as refused:
        position_create(actor=world.organisasi, opd_id=world.opd.pk, name=" ", kind="fungsional", rank="")

    assert {error["code"] for error in refused.value.errors} == {"name_required", "rank_required"}


def test_renaming_onto_an_existing_name_is_a_conflict(world: World) -> None:
    other = position_create(actor=world.organisasi, opd_id=world.opd.pk, name="Analis", kind="pelaksana")

    with pytest.raises(Conflict):
        position_update(actor=world.organisasi, position_id=other.pk, name=world.position.name)


def test_scope_and_role_are_checked(world: World) -> None:
    with pytest.raises(NotPermitted):
        position_create(actor=world.drafter, opd_id=world.opd.pk, name="Analis", kind="pelaksana")
    with pytest.raises(NotFound):
        position_create(actor=world.other_organisasi, opd_id=world.opd.pk, name="Analis", kind="pelaksana")
    with pytest.raises(NotFound):
        position_update(actor=world.other_organisasi, position_id=world.position.pk, name="X")
