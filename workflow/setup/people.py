"""Inviting people and giving or ending their roles, inside the actor's instansi.

An invitation creates the account without a password, gives it its first role, and writes the
invitation email to the outbox in the same transaction (delivered once committed).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from notifications.models import Kind
from notifications.services import Recipient, record_notifications
from submissions.models import OPD, ActingKind, Instansi, Role, RoleAssignment
from submissions.models.roles import OPD_ROLES
from workflow.errors import Conflict, InvalidContent, NotFound
from workflow.setup.administration import (
    administered_instansi,
    instansi_to_administer,
    people_of,
)
from workflow.setup.invitations import invitation_url, max_age_seconds

if TYPE_CHECKING:
    from workflow.roles import AnyUser

GRANTABLE = (Role.DRAFTER, Role.REVIEWER, Role.BAGIAN_ORGANISASI)
GRANTABLE_CHOICES = [(role.value, role.label) for role in GRANTABLE]  # for the API's and the pages' fields


def _error(field: str, message: str, code: str) -> dict[str, str]:
    return {"code": code, "message": message, "field": field}


def user_invite(
    *,
    actor: AnyUser,
    instansi_id: int,
    username: str,
    email: str,
    name: str = "",
    role: str,
    opd_id: int | None = None,
) -> User:
    with transaction.atomic(durable=True):
        instansi = instansi_to_administer(actor, instansi_id)
        username, email, name = (
            (username or "").strip(),
            (email or "").strip().lower(),
            " ".join((name or "").split()),
        )
        _check_identity(username, email)
        opd = _scope(instansi, role, opd_id)
        user = User(username=username, email=email, first_name=name[:150])
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:
            raise Conflict("Username ini sudah dipakai.", code="username_exists") from error
        RoleAssignment.objects.create(
            user=user, role=role, opd=opd, instansi=instansi if opd is None else None
        )
        send_invitations(actor=actor, users=[user], instansi=instansi)
        return user


def invitation_resend(*, actor: AnyUser, user_id: int) -> User:
    with transaction.atomic(durable=True):
        user = people_of(actor).filter(pk=user_id).select_for_update().first()
        if user is None:
            raise NotFound("Pengguna tidak ditemukan.")
        if user.has_usable_password():
            raise Conflict(
                "Pengguna ini sudah membuat kata sandi; undangan tidak diperlukan.", code="already_joined"
            )
        instansi = _instansi_of(user, actor)
        send_invitations(actor=actor, users=[user], instansi=instansi)
        return user


def send_invitations(*, actor: AnyUser | None, users: Iterable[User], instansi: Instansi | None) -> int:
    """Write one invitation per user to the outbox (inside the caller's transaction), in one batch."""
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    days = max_age_seconds() // 86400
    ids = [user.pk for user in users]
    invited = User.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("opd"))
    )
    recipients = [
        Recipient(
            user=user,
            context={
                "invitation_url": invitation_url(user),
                "username": user.username,
                "roles": _roles(user),
            },
        )
        for user in invited
    ]
    rows = record_notifications(
        kind=Kind.INVITATION,
        event_key=f"invitation:{stamp}",
        recipients=recipients,
        actor=actor if isinstance(actor, User) else None,
        context={
            "instansi_name": instansi.name if instansi else "",
            "valid_days": days,
            "next_step": (
                f"Buka tautan di bawah dalam {days} hari untuk membuat kata sandi Anda. "
                "Tautan hanya dapat dipakai sekali."
            ),
        },
    )
    return len(rows)


def _roles(user: User) -> str:
    return ", ".join(
        assignment.get_role_display() + (f" {assignment.opd.name}" if assignment.opd else "")
        for assignment in user.role_assignments.all()
    )


def _instansi_of(user: User, actor: AnyUser) -> Instansi | None:
    administered = administered_instansi(actor)
    for assignment in user.role_assignments.select_related("opd__instansi", "instansi"):
        instansi = assignment.opd.instansi if assignment.opd else assignment.instansi
        if instansi is not None and administered.filter(pk=instansi.pk).exists():
            return instansi
    return None


def _check_identity(username: str, email: str) -> None:
    errors = []
    try:
        UnicodeUsernameValidator()(username)
        if not username or len(username) > 150:
            raise ValidationError("bad")
    except ValidationError:
        message = "Username wajib diisi: huruf, angka, dan . @ + - _ saja, paling panjang 150 karakter."
        errors.append(_error("username", message, "username_invalid"))
    try:
        validate_email(email)
    except ValidationError:
        errors.append(_error("email", "Alamat email tidak sah.", "email_invalid"))
    if errors:
        raise InvalidContent("Data pengguna belum benar.", errors=errors)
    if User.objects.filter(username=username).exists():
        raise Conflict("Username ini sudah dipakai.", code="username_exists")
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("Alamat email ini sudah dipakai pengguna lain.", code="email_exists")


def _scope(instansi: Instansi, role: str, opd_id: int | None) -> OPD | None:
    if role not in GRANTABLE:
        message = "Peran di luar instansi; yang dapat diberikan: penyusun, pemeriksa, Bagian Organisasi."
        raise InvalidContent(message, errors=[_error("role", message, "role_outside_instansi")])
    if role in OPD_ROLES:
        opd = OPD.objects.filter(pk=opd_id, instansi=instansi).first() if opd_id else None
        if opd is None:
            message = "Pilih OPD instansi ini untuk penyusun atau pemeriksa."
            raise InvalidContent(message, errors=[_error("opd", message, "opd_required")])
        return opd
    if opd_id:
        message = "Bagian Organisasi terikat pada instansi, bukan pada OPD."
        raise InvalidContent(message, errors=[_error("opd", message, "opd_not_allowed")])
    return None


def role_assign(
    *,
    actor: AnyUser,
    user_id: int,
    instansi_id: int,
    role: str,
    opd_id: int | None = None,
    acting: str = "",
    acting_for: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> RoleAssignment:
    """Give a role (definitive, or Plt./Plh. with its end date) to a person of the instansi."""
    with transaction.atomic(durable=True):
        instansi = instansi_to_administer(actor, instansi_id)
        user = people_of(actor).filter(pk=user_id).select_for_update().first()
        if user is None:
            raise NotFound("Pengguna tidak ditemukan.")
        opd = _scope(instansi, role, opd_id)
        assignment = RoleAssignment(
            user=user,
            role=role,
            opd=opd,
            instansi=instansi if opd is None else None,
            acting=acting or "",
            acting_for=(acting_for or "").strip()[:255],
            valid_from=valid_from,
            valid_until=valid_until,
        )
        _check_period(assignment)
        assignment.save()
        return assignment


def _check_period(assignment: RoleAssignment) -> None:
    errors = []
    if assignment.acting not in ActingKind.values:
        errors.append(_error("acting", "Jenis penugasan harus definitif, Plt., atau Plh.", "acting_invalid"))
    elif assignment.acting and assignment.valid_until is None:
        errors.append(
            _error("valid_until", "Penugasan Plt./Plh. wajib memiliki tanggal akhir.", "valid_until_required")
        )
    if assignment.valid_from and assignment.valid_until and assignment.valid_until < assignment.valid_from:
        errors.append(
            _error("valid_until", "Tanggal akhir tidak boleh sebelum tanggal mulai.", "period_reversed")
        )
    if errors:
        raise InvalidContent("Penugasan belum benar.", errors=errors)


def role_end(*, actor: AnyUser, assignment_id: int, on: datetime.date | None = None) -> RoleAssignment | None:
    """End a role on `on` (today): its last day. A role that had not started yet is removed."""
    with transaction.atomic(durable=True):
        assignment = _locked_assignment(actor, assignment_id)
        day = on or timezone.localdate()
        if assignment.valid_from and assignment.valid_from > day:
            assignment.delete()
            return None
        if assignment.valid_until is not None and assignment.valid_until <= day:
            raise Conflict("Peran ini sudah berakhir.", code="already_ended")
        assignment.valid_until = day
        assignment.save(update_fields=["valid_until"])
        return assignment


def _locked_assignment(actor: AnyUser, assignment_id: int) -> RoleAssignment:
    administered = administered_instansi(actor)
    assignment = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("opd__instansi", "instansi", "user")
        .filter(pk=assignment_id)
        .first()
    )
    instansi_id = assignment.scope_instansi_id if assignment else None
    if assignment is None or instansi_id is None or not administered.filter(pk=instansi_id).exists():
        raise NotFound("Penugasan tidak ditemukan.")
    return assignment
