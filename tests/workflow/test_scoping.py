"""Who sees what: every queryset a user reaches starts from these, and out of scope is not found."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from submissions.models import Competency, CompetencyGroup, Role, RoleAssignment
from tests.builders import World
from tests.documents import INPUTS, LETTER, advance, complete_draft, document_in, fire
from tests.factories import PositionFactory, UserFactory
from workflow import scoping
from workflow.machine import State


@dataclass
class Scene:
    world: World
    users: dict[str, Any]
    documents: dict[str, Any]
    positions: dict[str, Any]


def _returned_by_the_ministry(world: World, position: Any) -> Any:
    submission = advance(world, complete_draft(world, position.pk), State.MINISTRY_CONSULTATION)
    return fire(submission, "ministry_return", world.ministry, **INPUTS["ministry_return"])


def _users(world: World) -> dict[str, Any]:
    users: dict[str, Any] = {
        name: getattr(world, name)
        for name in (
            "drafter",
            "reviewer",
            "organisasi",
            "ministry",
            "other_drafter",
            "other_reviewer",
            "other_organisasi",
            "outsider",
        )
    }
    users["superuser"] = get_user_model().objects.create_superuser("admin", "admin@example.go.id", "x")
    users["administrator"] = UserFactory.create(username="administrator")
    RoleAssignment.objects.create(user=users["administrator"], role=Role.ADMINISTRATOR)
    users["integration"] = UserFactory.create(username="simpeg.kota-uji")
    RoleAssignment.objects.create(user=users["integration"], role=Role.INTEGRATION, instansi=world.instansi)
    users["national_integration"] = UserFactory.create(username="dasbor.nasional")
    RoleAssignment.objects.create(user=users["national_integration"], role=Role.INTEGRATION)
    users["anonymous"] = AnonymousUser()
    return users


@pytest.fixture
def scene(world: World) -> Scene:
    """Documents of Dinas Kesehatan in several states, one of Dinas Pendidikan, one of another instansi."""
    positions: dict[str, Any] = {
        "own": world.position,
        "consulted": PositionFactory.create(opd=world.opd),
        "returned": PositionFactory.create(opd=world.opd),
        "compiled": PositionFactory.create(opd=world.opd),
        "empty": PositionFactory.create(opd=world.opd),
        "sibling": PositionFactory.create(opd=world.other_opd),
        "foreign": PositionFactory.create(opd=world.other_instansi_opd),
    }
    foreign_drafter: Any = UserFactory.create(username="penyusun.dishub")
    RoleAssignment.objects.create(user=foreign_drafter, role=Role.DRAFTER, opd=world.other_instansi_opd)
    documents = {
        "own": document_in(world, State.DRAFT),
        "consulted": advance(
            world, complete_draft(world, positions["consulted"].pk), State.MINISTRY_CONSULTATION
        ),
        "returned": _returned_by_the_ministry(world, positions["returned"]),
        "compiled": advance(world, complete_draft(world, positions["compiled"].pk), State.COMPILATION),
        "sibling": complete_draft(world, positions["sibling"].pk, drafter=world.other_drafter),
        "foreign": complete_draft(world, positions["foreign"].pk, drafter=foreign_drafter),
    }
    return Scene(world=world, users=_users(world), documents=documents, positions=positions)


DINKES = ["own", "consulted", "returned", "compiled"]
EVERY_DOCUMENT = [*DINKES, "sibling", "foreign"]

SUBMISSIONS: dict[str, list[str]] = {
    "drafter": DINKES,
    "reviewer": DINKES,
    "organisasi": [*DINKES, "sibling"],
    "ministry": ["consulted", "returned"],
    "other_drafter": ["sibling"],
    "other_reviewer": ["sibling"],
    "other_organisasi": ["foreign"],
    "outsider": [],
    "anonymous": [],
    "superuser": EVERY_DOCUMENT,
    "administrator": EVERY_DOCUMENT,
    "integration": [*DINKES, "sibling"],
    "national_integration": EVERY_DOCUMENT,
}

POSITIONS: dict[str, list[str]] = {
    "drafter": [*DINKES, "empty"],
    "organisasi": [*DINKES, "empty", "sibling"],
    "ministry": ["consulted", "returned"],
    "other_drafter": ["sibling"],
    "other_organisasi": ["foreign"],
    "outsider": [],
    "anonymous": [],
    "administrator": [*DINKES, "empty", "sibling", "foreign"],
    "integration": [*DINKES, "empty", "sibling"],
    "national_integration": [*DINKES, "empty", "sibling", "foreign"],
}

# OPDs by name: Dinas Kesehatan and Dinas Pendidikan are in Kota Uji, Dinas Perhubungan elsewhere.
EVERY_OPD = ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan"]
OPDS: dict[str, list[str]] = {
    "drafter": ["Dinas Kesehatan"],
    "other_reviewer": ["Dinas Pendidikan"],
    "organisasi": ["Dinas Kesehatan", "Dinas Pendidikan"],
    "other_organisasi": ["Dinas Perhubungan"],
    "ministry": EVERY_OPD,
    "superuser": EVERY_OPD,
    "integration": ["Dinas Kesehatan", "Dinas Pendidikan"],
    "national_integration": EVERY_OPD,
    "outsider": [],
}

INSTANSI: dict[str, list[str]] = {
    "drafter": ["Pemerintah Kota Uji"],
    "organisasi": ["Pemerintah Kota Uji"],
    "other_organisasi": ["Pemerintah Kabupaten Lain"],
    "ministry": ["Pemerintah Kabupaten Lain", "Pemerintah Kota Uji"],
    "outsider": [],
}


def _names(objects: Any, table: dict[str, Any]) -> list[str]:
    by_pk = {item.pk: name for name, item in table.items()}
    return sorted(by_pk[item.pk] for item in objects)


@pytest.mark.parametrize(("role", "expected"), SUBMISSIONS.items(), ids=list(SUBMISSIONS))
def test_each_role_sees_exactly_the_documents_of_its_scope(
    scene: Scene, role: str, expected: list[str]
) -> None:
    visible = scoping.visible_submissions(scene.users[role])

    assert _names(visible, scene.documents) == sorted(expected)


@pytest.mark.parametrize(("role", "expected"), SUBMISSIONS.items(), ids=list(SUBMISSIONS))
def test_the_written_out_row_of_the_status_check_sees_exactly_the_same_documents(
    scene: Scene, role: str, expected: list[str]
) -> None:
    columns = ("id", "state", "round", "due_at", "opd_id", "instansi_id")
    for name, document in scene.documents.items():
        found = scoping.visible_submission_values(scene.users[role], document.pk, columns)
        orm = scoping.visible_submissions(scene.users[role]).filter(pk=document.pk).values_list(*columns)

        assert found == next(iter(orm), None), (role, name)
        assert (found is not None) == (name in expected), (role, name)


def test_the_written_out_row_covers_a_user_of_two_opds_and_two_instansi(scene: Scene) -> None:
    world = scene.world
    user = UserFactory.create(username="penyusun.dua")
    RoleAssignment.objects.create(user=user, role=Role.DRAFTER, opd=world.opd)
    RoleAssignment.objects.create(user=user, role=Role.DRAFTER, opd=world.other_opd)
    RoleAssignment.objects.create(user=user, role=Role.BAGIAN_ORGANISASI, instansi=world.instansi)
    RoleAssignment.objects.create(
        user=user, role=Role.BAGIAN_ORGANISASI, instansi=world.other_instansi_opd.instansi
    )

    seen = {
        name
        for name, document in scene.documents.items()
        if scoping.visible_submission_values(user, document.pk, ("id",)) is not None
    }

    assert seen == set(EVERY_DOCUMENT)
    assert (
        scoping.visible_submission_values(user, max(d.pk for d in scene.documents.values()) + 1, ("id",))
        is None
    )


@pytest.mark.parametrize(("role", "expected"), POSITIONS.items(), ids=list(POSITIONS))
def test_each_role_sees_exactly_the_positions_of_its_scope(
    scene: Scene, role: str, expected: list[str]
) -> None:
    visible = scoping.visible_positions(scene.users[role])

    assert _names(visible, scene.positions) == sorted(expected)


@pytest.mark.parametrize(("role", "expected"), OPDS.items(), ids=list(OPDS))
def test_each_role_sees_exactly_the_opds_of_its_scope(scene: Scene, role: str, expected: list[str]) -> None:
    visible = scoping.visible_opds(scene.users[role])

    assert sorted(opd.name for opd in visible) == expected


@pytest.mark.parametrize(("role", "expected"), INSTANSI.items(), ids=list(INSTANSI))
def test_each_role_sees_exactly_the_instansi_of_its_scope(
    scene: Scene, role: str, expected: list[str]
) -> None:
    visible = scoping.visible_instansi(scene.users[role])

    assert sorted(instansi.name for instansi in visible) == expected


def test_the_ministry_loses_no_document_when_it_sends_one_back_and_gains_none_before(scene: Scene) -> None:
    world = scene.world
    compiled = scene.documents["compiled"]
    assert not scoping.visible_submissions(world.ministry).filter(pk=compiled.pk).exists()

    fire(compiled, "send_to_ministry", world.organisasi, **LETTER)

    assert scoping.visible_submissions(world.ministry).filter(pk=compiled.pk).exists()


@pytest.fixture
def dictionaries(world: World) -> dict[str, Any]:
    """The national dictionary, Kota Uji's T.01 (from build_dictionary), and another instansi's T.09."""
    other = Competency.objects.create(
        code="T.09",
        name="Manajemen Lalu Lintas",
        group=CompetencyGroup.TECHNICAL,
        instansi=world.other_instansi_opd.instansi,
    )
    national = sorted(Competency.objects.filter(instansi__isnull=True).values_list("code", flat=True))
    return {"national": national, "other": other}


@pytest.mark.parametrize(
    ("role", "technical"),
    [
        ("drafter", ["T.01"]),
        ("reviewer", ["T.01"]),
        ("organisasi", ["T.01"]),
        ("other_organisasi", ["T.09"]),
        ("other_drafter", ["T.01"]),  # Dinas Pendidikan is in Kota Uji too
        ("ministry", ["T.01", "T.09"]),
        ("outsider", []),
    ],
)
def test_each_role_sees_the_national_dictionary_and_only_its_own_instansis_technical_entries(
    world: World, dictionaries: dict[str, Any], role: str, technical: list[str]
) -> None:
    visible = list(scoping.visible_competencies(getattr(world, role)).values_list("code", flat=True))

    assert sorted(visible) == sorted([*dictionaries["national"], *technical])  # and no duplicates


def test_only_bagian_organisasi_of_the_instansi_or_an_administrator_may_create_positions(
    world: World,
) -> None:
    instansi_id = world.instansi.pk
    admin = get_user_model().objects.create_superuser("admin", "admin@example.go.id", "x")

    assert scoping.can_create_positions(world.organisasi, instansi_id)
    assert scoping.can_create_positions(admin, instansi_id)
    assert not scoping.can_create_positions(world.other_organisasi, instansi_id)
    assert not scoping.can_create_positions(world.drafter, instansi_id)
    assert not scoping.can_create_positions(world.ministry, instansi_id)


def test_an_expired_assignment_shows_nothing(world: World) -> None:
    today = timezone.localdate()
    former: Any = UserFactory.create(username="mantan.organisasi")
    RoleAssignment.objects.create(
        user=former,
        role=Role.BAGIAN_ORGANISASI,
        instansi=world.instansi,
        valid_from=today - datetime.timedelta(days=60),
        valid_until=today - datetime.timedelta(days=1),
    )
    document_in(world, State.COMPILATION)

    assert not scoping.visible_submissions(former).exists()
    assert not scoping.visible_positions(former).exists()
    assert not scoping.visible_opds(former).exists()
    assert not scoping.can_create_positions(former, world.instansi.pk)
