"""Builders for a small, complete world: dictionary, minimum levels, roles, a valid document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from submissions.models import (
    OPD,
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    Instansi,
    MinimumLevel,
    Position,
    PositionKind,
    Role,
)
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES
from tests.factories import (
    InstansiFactory,
    OPDFactory,
    PositionFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from workflow.models import ReasonCode

REASONS = ("incomplete", "level_below_minimum", "technical_competency", "requirements", "wording", "other")


def build_dictionary(instansi: Instansi | None = None) -> None:
    for code in (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES):
        group = CompetencyGroup.MANAGERIAL if code.startswith("M.") else CompetencyGroup.SOCIOCULTURAL
        competency, _ = Competency.objects.get_or_create(
            code=code, instansi=None, defaults={"name": f"Kompetensi {code}", "group": group}
        )
        for level in range(1, 6):
            CompetencyLevel.objects.get_or_create(
                competency=competency,
                level=level,
                defaults={
                    "description": f"Deskripsi {code} level {level}",
                    "indicators": [f"{level}.{i} Indikator {code}" for i in range(1, 4)],
                },
            )
    if instansi is not None:
        technical, _ = Competency.objects.get_or_create(
            code="T.01",
            instansi=instansi,
            defaults={"name": "Surveilans Kesehatan", "group": CompetencyGroup.TECHNICAL},
        )
        for level in range(1, 6):
            CompetencyLevel.objects.get_or_create(
                competency=technical,
                level=level,
                defaults={"description": f"Surveilans level {level}", "indicators": [f"{level}.1 Teknis"]},
            )
    MinimumLevel.objects.get_or_create(kind=PositionKind.PENGAWAS, rank="", defaults={"level": 2})
    for code in REASONS:
        ReasonCode.objects.get_or_create(code=code, defaults={"label": code})


@dataclass
class World:
    instansi: Instansi
    opd: OPD
    other_opd: OPD
    other_instansi_opd: OPD
    position: Position
    drafter: User
    second_drafter: User
    reviewer: User
    second_reviewer: User
    organisasi: User
    ministry: User
    other_drafter: User
    other_reviewer: User
    other_organisasi: User
    outsider: User


def _user(username: str, role: str, *, opd: OPD | None = None, instansi: Instansi | None = None) -> Any:
    user = UserFactory.create(username=username)
    RoleAssignmentFactory.create(user=user, role=role, opd=opd, instansi=instansi)
    return user


def build_world() -> World:
    instansi = InstansiFactory.create(name="Pemerintah Kota Uji")
    other_instansi = InstansiFactory.create(name="Pemerintah Kabupaten Lain")
    opd = OPDFactory.create(instansi=instansi, name="Dinas Kesehatan")
    other_opd = OPDFactory.create(instansi=instansi, name="Dinas Pendidikan")
    other_instansi_opd = OPDFactory.create(instansi=other_instansi, name="Dinas Perhubungan")
    build_dictionary(instansi)
    return World(
        instansi=instansi,
        opd=opd,
        other_opd=other_opd,
        other_instansi_opd=other_instansi_opd,
        position=PositionFactory.create(opd=opd, name="Kepala Seksi Surveilans", kind=PositionKind.PENGAWAS),
        drafter=_user("penyusun", Role.DRAFTER, opd=opd),
        second_drafter=_user("penyusun2", Role.DRAFTER, opd=opd),
        reviewer=_user("pemeriksa", Role.REVIEWER, opd=opd),
        second_reviewer=_user("pemeriksa2", Role.REVIEWER, opd=opd),
        organisasi=_user("organisasi", Role.BAGIAN_ORGANISASI, instansi=instansi),
        ministry=_user("kemenpan", Role.MINISTRY),
        other_drafter=_user("penyusun.lain", Role.DRAFTER, opd=other_opd),
        other_reviewer=_user("pemeriksa.lain", Role.REVIEWER, opd=other_opd),
        other_organisasi=_user("organisasi.lain", Role.BAGIAN_ORGANISASI, instansi=other_instansi),
        outsider=UserFactory.create(username="tanpa.peran"),
    )


def valid_content() -> dict[str, Any]:
    fixed = [{"group": "managerial", "code": code, "level": 2} for code in MANAGERIAL_CODES] + [
        {"group": "sociocultural", "code": "SK.01", "level": 2}
    ]
    return {
        "summary": "Melaksanakan surveilans penyakit menular di wilayah kota.",
        "competencies": [*fixed, {"group": "technical", "code": "T.01", "level": 3}],
        "requirements": [
            {"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"},
            {"section": "field_of_study", "text": "Kesehatan Masyarakat", "importance": "penting"},
            {"section": "experience", "text": "Pengelola program kesehatan 2 tahun", "importance": "perlu"},
        ],
    }
