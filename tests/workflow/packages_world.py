"""Standards in compilation from three OPDs of one instansi, built through the services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from submissions.models import OPD, PositionKind, Role, RoleAssignment, Submission
from tests.builders import World, valid_content
from tests.documents import LETTER
from tests.factories import OPDFactory, PositionFactory, RoleAssignmentFactory, UserFactory
from workflow import services
from workflow.packages.services import ItemAnswer, create_package, record_answer, send_package


@dataclass
class Unit:
    opd: OPD
    drafter: User
    reviewer: User


def units(world: World) -> list[Unit]:
    third = OPDFactory.create(instansi=world.instansi, name="Badan Kepegawaian Daerah")
    drafter, reviewer = (
        UserFactory.create(username="penyusun.bkd"),
        UserFactory.create(username="pemeriksa.bkd"),
    )
    RoleAssignmentFactory.create(user=drafter, role=Role.DRAFTER, opd=third)
    RoleAssignmentFactory.create(user=reviewer, role=Role.REVIEWER, opd=third)
    return [
        Unit(world.opd, world.drafter, world.reviewer),
        Unit(world.other_opd, world.other_drafter, world.other_reviewer),
        Unit(third, drafter, reviewer),
    ]


def in_compilation(unit: Unit, name: str) -> Submission:
    position = PositionFactory.create(opd=unit.opd, name=name, kind=PositionKind.PENGAWAS)
    draft = services.submission_create_draft(position_id=position.pk, actor=unit.drafter)
    services.submission_update_content(submission_id=draft.pk, actor=unit.drafter, **valid_content())
    services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=unit.drafter)
    return services.submission_fire_transition(submission_id=draft.pk, name="forward", actor=unit.reviewer)


def compiled_standards(world: World, count: int) -> list[Submission]:
    """`count` standards in compilation, spread over three OPDs in turn."""
    teams = units(world)
    return [in_compilation(teams[i % 3], f"Kepala Seksi {i + 1:02d}") for i in range(count)]


def compile_again(documents: list[Submission]) -> list[Submission]:
    """Returned drafts submitted and forwarded again by their OPD's drafter and reviewer."""
    again = []
    for document in documents:
        roles = {a.role: a.user for a in RoleAssignment.objects.filter(opd_id=document.position.opd_id)}
        services.submission_fire_transition(
            submission_id=document.pk, name="submit", actor=roles[Role.DRAFTER]
        )
        again.append(
            services.submission_fire_transition(
                submission_id=document.pk, name="forward", actor=roles[Role.REVIEWER]
            )
        )
    return again


def sent_package(world: World, documents: list[Submission], title: str = "Paket konsultasi 1") -> Any:
    package = create_package(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        title=title,
        submission_ids=[d.pk for d in documents],
    )
    return send_package(package_id=package.pk, actor=world.organisasi, **LETTER)


def agree_all(world: World, package: Any, documents: list[Submission], actor: Any = None) -> Any:
    return record_answer(
        package_id=package.pk,
        actor=actor or world.ministry,
        answers=[ItemAnswer(d.pk, "agreed", position_code=f"KJ.{d.pk}") for d in documents],
        **LETTER,
    )
