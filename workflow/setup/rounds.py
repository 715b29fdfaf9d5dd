"""Drafting rounds: open one with its deadline, announce it to the OPDs, read its progress."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from notifications.models import Kind
from notifications.services import Recipient, record_notifications
from submissions.models import RoleAssignment
from submissions.models.roles import OPD_ROLES
from workflow.deadlines import local_today
from workflow.errors import Conflict, InvalidContent, NotFound
from workflow.models import DraftingRound
from workflow.roles import in_force
from workflow.setup.administration import administered_instansi, instansi_to_administer

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from workflow.roles import AnyUser

NAME_LENGTH = DraftingRound._meta.get_field("name").max_length or 200


def visible_rounds(actor: AnyUser) -> QuerySet[DraftingRound]:
    return DraftingRound.objects.filter(instansi__in=administered_instansi(actor)).select_related("instansi")


def round_open(
    *,
    actor: AnyUser,
    instansi_id: int,
    name: str,
    deadline: datetime.date,
    opened_at: datetime.date | None = None,
) -> DraftingRound:
    with transaction.atomic(durable=True):
        instansi = instansi_to_administer(actor, instansi_id)
        name = " ".join((name or "").split())
        opened = opened_at or local_today(instansi, timezone.now())
        errors = []
        if not name or len(name) > NAME_LENGTH or "\x00" in name:
            message = f"Nama putaran wajib diisi, paling panjang {NAME_LENGTH} karakter."
            errors.append({"code": "name_required", "message": message, "field": "name"})
        if not isinstance(deadline, datetime.date) or deadline < opened:
            message = "Tenggat tidak boleh sebelum tanggal dibuka."
            errors.append({"code": "deadline_invalid", "message": message, "field": "deadline"})
        if errors:
            raise InvalidContent("Putaran penyusunan belum benar.", errors=errors)
        return DraftingRound.objects.create(instansi=instansi, name=name, deadline=deadline, opened_at=opened)


def round_close(*, actor: AnyUser, round_id: int) -> DraftingRound:
    with transaction.atomic(durable=True):
        drafting = _locked(actor, round_id)
        if drafting.closed:
            raise Conflict("Putaran ini sudah ditutup.", code="round_closed")
        drafting.closed = True
        drafting.save(update_fields=["closed"])
        return drafting


def round_announce(*, actor: AnyUser, round_id: int, message: str = "") -> int:
    """Tell every drafter and reviewer of the instansi's active OPDs; a second call adds nothing."""
    with transaction.atomic(durable=True):
        drafting = _locked(actor, round_id)
        if drafting.closed:
            raise Conflict("Putaran ini sudah ditutup; tidak dapat diumumkan.", code="round_closed")
        holders = in_force(
            RoleAssignment.objects.filter(
                role__in=OPD_ROLES, opd__instansi_id=drafting.instansi_id, opd__active=True
            ).select_related("user", "opd"),
            timezone.now(),
        )
        recipients = [
            Recipient(
                user=assignment.user, context={"opd_name": assignment.opd.name if assignment.opd else ""}
            )
            for assignment in holders
        ]
        rows = record_notifications(
            kind=Kind.ROUND_ANNOUNCED,
            event_key=f"round:{drafting.pk}:announced",
            recipients=recipients,
            actor=actor if isinstance(actor, User) else None,
            context={
                "round_name": drafting.name,
                "deadline": drafting.deadline,
                "instansi_name": drafting.instansi.name,
                "message": (message or "").strip()[:2000],
                "next_step": "Susun dan ajukan standar jabatan OPD Anda sebelum tenggat.",
            },
        )
        return len(rows)


def _locked(actor: AnyUser, round_id: int) -> DraftingRound:
    drafting = (
        DraftingRound.objects.select_for_update(of=("self",))
        .select_related("instansi")
        .filter(pk=round_id, instansi__in=administered_instansi(actor))
        .first()
    )
    if drafting is None:
        raise NotFound("Putaran penyusunan tidak ditemukan.")
    return drafting
