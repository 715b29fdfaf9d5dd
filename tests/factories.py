"""factory_boy factories for the document model; the workflow's states come from its services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from submissions.models import (
    OPD,
    CompetencyRow,
    CompetencySet,
    Instansi,
    InstansiKind,
    Position,
    PositionKind,
    RequirementRow,
    RequirementSet,
    Role,
    RoleAssignment,
    Submission,
    Urusan,
    level_text_for,
    stored_set,
)

DEMO_PASSWORD = "skj-demo-2026"


class InstansiFactory(factory.django.DjangoModelFactory[Instansi]):
    class Meta:
        model = Instansi
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Pemerintah Kota Contoh {n}")
    kind = InstansiKind.KOTA


class OPDFactory(factory.django.DjangoModelFactory[OPD]):
    class Meta:
        model = OPD

    instansi = factory.SubFactory(InstansiFactory)
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")


class UrusanFactory(factory.django.DjangoModelFactory[Urusan]):
    class Meta:
        model = Urusan
        django_get_or_create = ("name",)

    name = "Kesehatan"


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position
        skip_postgeneration_save = True

    opd = factory.SubFactory(OPDFactory)
    name = factory.Sequence(lambda n: f"Kepala Seksi Contoh {n}")
    kind = PositionKind.PENGAWAS
    rank = ""

    @factory.post_generation
    def urusan(self, create: bool, extracted: list[Urusan] | None, **kwargs: object) -> None:
        if create:
            self.urusan.set(extracted or [UrusanFactory.create()])


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.id")
    password = factory.django.Password(DEMO_PASSWORD)


class RoleAssignmentFactory(factory.django.DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.DRAFTER
    opd = factory.SubFactory(OPDFactory)
    instansi = None


def competency_row(
    *,
    code: str = "",
    name: str = "",
    description: str = "",
    indicators: Sequence[str] = (),
    **fields: Any,
) -> CompetencyRow:
    """A competency row built as the services build one (unsaved): its texts stored once, referenced."""
    text = level_text_for(code=code, name=name, description=description, indicators=indicators)
    return CompetencyRow(text=text, **fields)


def copy_of(row: CompetencyRow | RequirementRow, **changes: Any) -> Any:
    """An unsaved copy of a stored row, with `changes`: what an edit of that row in a document builds."""
    if isinstance(row, CompetencyRow):
        fields: dict[str, Any] = {"group": row.group, "competency_id": row.competency_id, "level": row.level}
        fields["text"] = row.text
        return CompetencyRow(**{**fields, **changes})
    fields = {"section": row.section, "text": row.text, "importance": row.importance}
    return RequirementRow(**{**fields, **changes})


def give_rows(
    submission: Submission,
    *,
    competencies: Sequence[CompetencyRow] | None = None,
    requirements: Sequence[RequirementRow] | None = None,
) -> Submission:
    """Point `submission` at the sets holding these rows (unsaved, in order), as a saved edit does.

    None leaves that kind as it is; an empty list leaves the document without rows of that kind.
    """
    if competencies is not None:
        submission.competency_set = stored_set(CompetencySet, list(competencies))
    if requirements is not None:
        submission.requirement_set = stored_set(RequirementSet, list(requirements))
    submission.save(update_fields=["competency_set", "requirement_set"])
    return submission
