"""The document models refuse impossible values, in the database and with a clear message."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from submissions.models import (
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    CompetencyRow,
    CompetencySet,
    FunctionalRank,
    Importance,
    MinimumLevel,
    PositionKind,
    RequirementRow,
    RequirementSection,
    RequirementSet,
    Role,
    RoleAssignment,
    Submission,
)
from tests.factories import (
    InstansiFactory,
    OPDFactory,
    PositionFactory,
    RoleAssignmentFactory,
    UserFactory,
    competency_row,
)
from workflow.machine import State

pytestmark = pytest.mark.django_db

LEVEL_MESSAGE = "Level kompetensi harus antara 1 dan 5."


def assert_refused(obj: models.Model, message: str) -> None:
    """Validation names the problem in Indonesian, and the database refuses the row anyway."""
    with pytest.raises(ValidationError) as caught:
        validate(obj)
    assert message in str(caught.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def validate(obj: models.Model) -> None:
    if isinstance(obj, Submission):
        # full_clean() re-assigns every field, which django-fsm forbids for the protected state;
        # the constraints are what a form or serializer would check.
        obj.validate_constraints()
    else:
        obj.full_clean()


def a_submission(**fields: Any) -> Submission:
    fields.setdefault("position", PositionFactory.create())
    return Submission.objects.create(**fields)


# Submissions


def test_a_position_cannot_have_two_versions_with_the_same_number() -> None:
    first = a_submission(state=State.APPROVED)
    second = Submission(position=first.position, version=1, state=State.SUPERSEDED)
    assert_refused(second, "Jabatan ini sudah memiliki versi dengan nomor yang sama.")


def test_a_position_cannot_have_two_versions_in_progress_at_once() -> None:
    first = a_submission()
    second = Submission(position=first.position, version=2)
    assert_refused(second, "Jabatan ini sudah memiliki versi yang sedang diproses.")


def test_a_position_cannot_have_two_approved_versions() -> None:
    first = a_submission(state=State.APPROVED)
    second = Submission(position=first.position, version=2, state=State.APPROVED)
    assert_refused(second, "Jabatan ini sudah memiliki versi yang disetujui.")


def test_a_new_version_may_be_drafted_while_the_approved_one_stays_effective() -> None:
    approved = a_submission(state=State.APPROVED)
    revision = Submission(position=approved.position, version=2, based_on=approved)
    validate(revision)
    revision.save()
    assert approved.position.submissions.count() == 2


def test_a_submission_with_an_unknown_state_is_refused_by_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        a_submission(state="lost")


def test_the_state_of_a_stored_submission_cannot_be_assigned_directly() -> None:
    submission = a_submission()
    with pytest.raises(AttributeError):
        submission.state = State.APPROVED


def test_version_zero_is_refused() -> None:
    assert_refused(
        Submission(position=PositionFactory.create(), version=0), "Versi dan putaran dimulai dari 1."
    )


# Levels 1-5 everywhere


def _competency_row(level: int) -> CompetencyRow:
    return competency_row(
        set=CompetencySet.objects.get_or_create(digest="uji")[0],
        group=CompetencyGroup.MANAGERIAL,
        code="M.01",
        name="Integritas",
        level=level,
    )


def _competency_level(level: int) -> CompetencyLevel:
    competency, _ = Competency.objects.get_or_create(
        code="T.X.01", instansi=None, defaults={"name": "Uji", "group": CompetencyGroup.TECHNICAL}
    )
    return CompetencyLevel(competency=competency, level=level, description="Deskripsi", indicators=["a"])


def _minimum_level(level: int) -> MinimumLevel:
    return MinimumLevel(kind=PositionKind.PENGAWAS, level=level)


@pytest.mark.parametrize("build", [_competency_row, _competency_level, _minimum_level])
@pytest.mark.parametrize("level", [0, 6])
def test_a_level_outside_one_to_five_is_refused(build: Callable[[int], models.Model], level: int) -> None:
    assert_refused(build(level), LEVEL_MESSAGE)


@pytest.mark.parametrize("build", [_competency_row, _competency_level, _minimum_level])
def test_levels_one_and_five_are_accepted(build: Callable[[int], models.Model]) -> None:
    for level in (1, 5):
        obj = build(level)
        obj.full_clean()


def test_a_competency_level_appears_once_per_competency() -> None:
    stored = _competency_level(2)
    stored.save()
    duplicate = CompetencyLevel(competency=stored.competency, level=2, description="Lain", indicators=["b"])
    assert_refused(duplicate, "Level ini sudah ada untuk kompetensi tersebut.")


def test_a_national_competency_code_is_unique() -> None:
    Competency.objects.create(code="M.01", name="Integritas", group=CompetencyGroup.MANAGERIAL)
    duplicate = Competency(code="M.01", name="Integritas lain", group=CompetencyGroup.MANAGERIAL)
    assert_refused(duplicate, "Kode kompetensi ini sudah ada di kamus nasional.")


def test_two_instansi_may_use_the_same_technical_code() -> None:
    instansis: list[Any] = [InstansiFactory.create(), InstansiFactory.create()]
    for instansi in instansis:
        Competency.objects.create(
            code="T.ADM.01", name="Administrasi", group=CompetencyGroup.TECHNICAL, instansi=instansi
        )
    assert Competency.objects.filter(code="T.ADM.01").count() == 2


def test_a_minimum_level_is_set_once_per_kind_and_rank() -> None:
    MinimumLevel.objects.create(kind=PositionKind.PENGAWAS, level=2)
    assert_refused(
        MinimumLevel(kind=PositionKind.PENGAWAS, level=3),
        "Level minimum untuk kelompok dan jenjang ini sudah ada.",
    )


# Requirements


def a_requirement_set() -> RequirementSet:
    return RequirementSet.objects.create(digest="uji")


def test_an_importance_other_than_mutlak_penting_or_perlu_is_refused() -> None:
    row = RequirementRow(
        set=a_requirement_set(), section=RequirementSection.EDUCATION_LEVEL, text="S-1", importance="wajib"
    )
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "importance" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_an_empty_importance_is_refused_by_the_database() -> None:
    row = RequirementRow(
        set=a_requirement_set(), section=RequirementSection.EDUCATION_LEVEL, text="S-1", importance=""
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_an_unknown_requirement_section_is_refused() -> None:
    row = RequirementRow(set=a_requirement_set(), section="hobby", text="Catur", importance=Importance.PERLU)
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "section" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


# Positions


def test_a_non_functional_position_cannot_have_a_rank() -> None:
    position = PositionFactory.build(
        opd=OPDFactory.create(), kind=PositionKind.PENGAWAS, rank=FunctionalRank.AHLI_MUDA
    )
    assert_refused(position, "Jenjang hanya diisi untuk jabatan fungsional.")


def test_a_functional_position_must_have_a_rank() -> None:
    position = PositionFactory.build(opd=OPDFactory.create(), kind=PositionKind.FUNGSIONAL, rank="")
    assert_refused(position, "Pilih jenjang untuk jabatan fungsional.")


def test_a_functional_position_with_a_rank_is_accepted() -> None:
    position = PositionFactory.build(
        opd=OPDFactory.create(), kind=PositionKind.FUNGSIONAL, rank=FunctionalRank.AHLI_MUDA
    )
    position.full_clean()
    assert position.kind_label == "Fungsional Ahli Muda"


def test_the_same_position_name_may_repeat_in_different_units_of_one_opd() -> None:
    opd = OPDFactory.create()
    PositionFactory.create(opd=opd, name="Kepala Seksi", sub_unit="Bidang A")
    PositionFactory.create(opd=opd, name="Kepala Seksi", sub_unit="Bidang B")
    duplicate = PositionFactory.build(opd=opd, name="Kepala Seksi", sub_unit="Bidang A")
    assert_refused(duplicate, "Unit ini sudah memiliki jabatan dengan nama yang sama.")


# Role assignments

SCOPE_MESSAGES = {
    "opd": "Penyusun dan pemeriksa wajib terikat pada satu OPD.",
    "instansi": "Bagian Organisasi wajib terikat pada satu instansi.",
    "none": "Peran ini tidak terikat pada OPD atau instansi.",
}


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (Role.DRAFTER, "instansi", SCOPE_MESSAGES["opd"]),
        (Role.REVIEWER, "none", SCOPE_MESSAGES["opd"]),
        (Role.BAGIAN_ORGANISASI, "opd", SCOPE_MESSAGES["instansi"]),
        (Role.BAGIAN_ORGANISASI, "none", SCOPE_MESSAGES["instansi"]),
        (Role.MINISTRY, "instansi", SCOPE_MESSAGES["none"]),
        (Role.ADMINISTRATOR, "opd", SCOPE_MESSAGES["none"]),
    ],
)
def test_a_role_bound_to_the_wrong_kind_of_scope_is_refused(role: str, scope: str, message: str) -> None:
    opd: Any = OPDFactory.create()
    user: Any = UserFactory.create()
    assignment = RoleAssignment(
        user=user,
        role=role,
        opd=opd if scope == "opd" else None,
        instansi=opd.instansi if scope == "instansi" else None,
    )
    assert_refused(assignment, message)


def test_an_acting_assignment_without_an_end_date_is_refused() -> None:
    assignment = RoleAssignmentFactory.build(
        user=UserFactory.create(),
        opd=OPDFactory.create(),
        role=Role.REVIEWER,
        acting="plt",
        acting_for="Kepala Dinas",
    )
    assert_refused(assignment, "Penugasan Plt./Plh. wajib memiliki tanggal akhir.")


def test_an_assignment_ending_before_it_starts_is_refused() -> None:
    assignment = RoleAssignmentFactory.build(
        user=UserFactory.create(),
        opd=OPDFactory.create(),
        valid_from=datetime.date(2026, 3, 1),
        valid_until=datetime.date(2026, 2, 1),
    )
    assert_refused(assignment, "Tanggal akhir tidak boleh sebelum tanggal mulai.")


def test_active_on_keeps_only_the_assignments_valid_that_day() -> None:
    day = datetime.date(2026, 6, 15)
    opd = OPDFactory.create()

    def assignment(start: datetime.date | None, end: datetime.date | None) -> Any:
        return RoleAssignmentFactory.create(opd=opd, valid_from=start, valid_until=end)

    open_ended = assignment(None, None)
    running = assignment(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
    starts_today = assignment(day, None)
    ends_today = assignment(None, day)
    assignment(datetime.date(2026, 1, 1), datetime.date(2026, 6, 14))  # ended yesterday
    assignment(datetime.date(2026, 6, 16), None)  # starts tomorrow

    active = set(RoleAssignment.objects.active_on(day))

    assert active == {open_ended, running, starts_today, ends_today}
