"""Who may administer an instansi (its OPDs, positions, people, rounds and imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from submissions.models import Instansi, Role, RoleAssignment
from workflow.errors import NotFound, NotPermitted
from workflow.roles import assignments_of

if TYPE_CHECKING:
    from workflow.roles import AnyUser


def is_administrator(user: AnyUser) -> bool:
    """The national administrator: a superuser or a holder of the administrator role."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser) or any(a.role == Role.ADMINISTRATOR for a in assignments_of(user))


def administered_instansi_ids(user: AnyUser) -> set[int] | None:
    """The instansi the user administers; None means every instansi (the administrator)."""
    if is_administrator(user):
        return None
    return {a.instansi_id for a in assignments_of(user) if a.role == Role.BAGIAN_ORGANISASI and a.instansi_id}


def administered_instansi(user: AnyUser) -> QuerySet[Instansi]:
    ids = administered_instansi_ids(user)
    return Instansi.objects.all() if ids is None else Instansi.objects.filter(pk__in=ids)


def can_administer(user: AnyUser, instansi_id: int | None) -> bool:
    """Bagian Organisasi of that instansi, or the administrator; only he for national data (None)."""
    ids = administered_instansi_ids(user)
    if ids is None:
        return True
    return instansi_id is not None and instansi_id in ids


def administers_anything(user: AnyUser) -> bool:
    ids = administered_instansi_ids(user)
    return ids is None or bool(ids)


def instansi_to_administer(user: AnyUser, instansi_id: int) -> Instansi:
    """The instansi if the user administers it; one he cannot administer is not found (404)."""
    instansi = administered_instansi(user).filter(pk=instansi_id).first()
    if instansi is None:
        raise NotFound("Instansi tidak ditemukan.")
    return instansi


def require_administrator_of(user: AnyUser, instansi: Instansi) -> None:
    if not can_administer(user, instansi.pk):
        raise NotPermitted(f"Hanya Bagian Organisasi {instansi.name} yang dapat mengatur instansi ini.")


def people_of(user: AnyUser) -> QuerySet[User]:
    """The accounts an administrator of instansi sees: those holding a role in his instansi."""
    ids = administered_instansi_ids(user)
    if ids is None:
        return User.objects.all()
    holders = RoleAssignment.objects.filter(Q(instansi_id__in=ids) | Q(opd__instansi_id__in=ids))
    return User.objects.filter(pk__in=holders.values("user_id"))


ROLE_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    (Role.DRAFTER, "Menyusun dan mengajukan standar jabatan OPD-nya; mengubah draf."),
    (
        Role.REVIEWER,
        "Mereviu standar OPD-nya: meneruskan ke Bagian Organisasi atau mengembalikan ke penyusun.",
    ),
    (
        Role.BAGIAN_ORGANISASI,
        "Mengatur instansinya (OPD, peta jabatan, pengguna dan peran, putaran penyusunan, impor, "
        "kamus teknis instansi); memverifikasi, menghimpun, dan mengonsultasikan standar ke KemenPAN-RB.",
    ),
    (Role.MINISTRY, "Menjawab konsultasi: menyetujui atau mengembalikan standar yang dikonsultasikan."),
    (
        Role.ADMINISTRATOR,
        "Mengatur semua instansi dan kamus nasional; Django admin tetap untuk administrator.",
    ),
)
