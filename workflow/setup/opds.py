"""Creating, renaming and deactivating the OPDs of an instansi: one transaction per action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from submissions.models import OPD
from workflow.errors import Conflict, InvalidContent, NotFound
from workflow.setup.administration import administered_instansi, instansi_to_administer

if TYPE_CHECKING:
    from workflow.roles import AnyUser

NAME_LENGTH = OPD._meta.get_field("name").max_length or 200
SHORT_LENGTH = OPD._meta.get_field("short_name").max_length or 40
DUPLICATE = "Instansi ini sudah memiliki OPD dengan nama yang sama."


def opd_create(*, actor: AnyUser, instansi_id: int, name: str, short_name: str = "") -> OPD:
    with transaction.atomic(durable=True):
        instansi = instansi_to_administer(actor, instansi_id)
        opd = OPD(instansi=instansi, name=_clean(name), short_name=_clean(short_name))
        _check(opd)
        _save(opd)
        return opd


def opd_update(
    *,
    actor: AnyUser,
    opd_id: int,
    name: str | None = None,
    short_name: str | None = None,
    active: bool | None = None,
) -> OPD:
    """Rename, change the short name, deactivate or reactivate (positions and history stay)."""
    with transaction.atomic(durable=True):
        opd = locked_opd(actor, opd_id)
        if name is not None:
            opd.name = _clean(name)
        if short_name is not None:
            opd.short_name = _clean(short_name)
        if active is not None:
            opd.active = active
        _check(opd)
        _save(opd)
        return opd


def locked_opd(actor: AnyUser, opd_id: int) -> OPD:
    opd = (
        OPD.objects.select_for_update(of=("self",))
        .select_related("instansi")
        .filter(pk=opd_id, instansi__in=administered_instansi(actor))
        .first()
    )
    if opd is None:
        raise NotFound("OPD tidak ditemukan.")
    return opd


def _clean(value: str | None) -> str:
    return " ".join(str(value or "").split())


def _check(opd: OPD) -> None:
    errors = []
    if not opd.name:
        errors.append({"code": "name_required", "message": "Nama OPD wajib diisi.", "field": "name"})
    elif len(opd.name) > NAME_LENGTH or "\x00" in opd.name:
        errors.append(
            {
                "code": "name_invalid",
                "message": f"Nama OPD paling panjang {NAME_LENGTH} karakter.",
                "field": "name",
            }
        )
    if len(opd.short_name) > SHORT_LENGTH or "\x00" in opd.short_name:
        message = f"Singkatan paling panjang {SHORT_LENGTH} karakter."
        errors.append({"code": "short_name_invalid", "message": message, "field": "short_name"})
    if errors:
        raise InvalidContent("Data OPD belum benar.", errors=errors)
    twins = OPD.objects.filter(instansi_id=opd.instansi_id, name__iexact=opd.name).exclude(pk=opd.pk)
    if twins.exists():
        raise Conflict(DUPLICATE, code="opd_exists")


def _save(opd: OPD) -> None:
    try:
        with transaction.atomic():
            opd.save()
    except IntegrityError as error:  # a concurrent create of the same name
        raise Conflict(DUPLICATE, code="opd_exists") from error
