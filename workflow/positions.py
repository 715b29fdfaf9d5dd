"""Creating and changing positions (jabatan): Bagian Organisasi of the position's instansi only.

Each service is one transaction. An OPD outside the actor's sight is not found (so ids cannot be
probed); an OPD in sight but of another role's reach is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from config.memo import read_ahead
from submissions.models import OPD, FunctionalRank, Position, PositionKind, Urusan
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.events import services as events
from workflow.events.models import EventKind
from workflow.scoping import can_create_positions, visible_opds
from workflow.services import locked_position

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_URUSAN = 20
DUPLICATE_MESSAGE = "Unit ini sudah memiliki jabatan dengan nama yang sama."


def position_create(
    *,
    actor: User,
    opd_id: int,
    name: str,
    kind: str,
    rank: str | None = "",
    urusan: Iterable[str] = (),
    code: str = "",
    sub_unit: str = "",
) -> Position:
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        opd = visible_opds(actor).select_related("instansi").filter(pk=opd_id).first()
        if opd is None:
            raise NotFound(
                "OPD tidak ditemukan.", errors=[_error("opd", "OPD tidak ditemukan.", "not_found")]
            )
        _require_organisasi(actor, opd)
        position = Position(opd=opd, name=(name or "").strip(), kind=kind, rank=rank or "")
        position.code, position.sub_unit = (code or "").strip(), (sub_unit or "").strip()
        names = _check(position, urusan)
        _save(position)
        position.urusan.set(_urusan(names))
        events.record_positions([(position, EventKind.POSITION_CREATED, [])], actor=actor)
        return position


def position_update(*, actor: User, position_id: int, **changes: Any) -> Position:
    """Change name, sub_unit, kind, rank, code, urusan, parent, headcount or active; never the OPD.

    Once a standard of the position exists its kind stays: a new kind comes with a new version.
    """
    read_ahead()  # the memos' versions, before the locks (config/memo.py)
    with transaction.atomic(durable=True):
        position = locked_position(position_id, actor)
        _require_organisasi(actor, position.opd)
        before = _watched(position)
        for field in ("name", "code", "sub_unit"):
            if field in changes:
                setattr(position, field, (changes[field] or "").strip())
        _set_peta(position, changes)
        if "kind" in changes and changes["kind"] != position.kind and position.submissions.exists():
            message = (
                "Kelompok jabatan tidak dapat diubah karena standarnya sudah disusun; "
                "kelompok baru berlaku melalui versi baru standar."
            )
            raise InvalidContent(message, errors=[_error("kind", message, "kind_fixed")])
        if "kind" in changes:
            position.kind = changes["kind"]
            position.rank = "" if changes["kind"] != PositionKind.FUNGSIONAL else position.rank
        if "rank" in changes:
            position.rank = changes["rank"] or ""
        names = _check(position, changes.get("urusan"))
        _save(position)
        changed = _changes(before, _watched(position))
        if "urusan" in changes:
            urusan_before = set(position.urusan.values_list("pk", flat=True))
            position.urusan.set(_urusan(names))
            if set(position.urusan.values_list("pk", flat=True)) != urusan_before:
                changed.append("urusan_changed")
        if changed:
            events.record_positions([(position, EventKind.POSITION_CHANGED, changed)], actor=actor)
        return position


# What the feed says changed (position_changed's `data.changes`), by the fields it watches.
WATCHED = {
    "name": "renamed",
    "sub_unit": "sub_unit_changed",
    "parent_id": "moved",
    "kind": "kind_changed",
    "rank": "kind_changed",
    "code": "code_changed",
    "bezetting": "headcount_changed",
    "kebutuhan": "headcount_changed",
}


def _watched(position: Position) -> dict[str, Any]:
    return {field: getattr(position, field) for field in (*WATCHED, "active")}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    changes = [WATCHED[field] for field in WATCHED if before[field] != after[field]]
    if before["active"] != after["active"]:
        changes.append("closed" if not after["active"] else "reopened")
    return list(dict.fromkeys(changes))


MAX_HEADCOUNT = 999_999


def _set_peta(position: Position, changes: dict[str, Any]) -> None:
    """The peta jabatan fields: parent (same OPD, no cycle), bezetting and kebutuhan, active."""
    errors = []
    for field in ("bezetting", "kebutuhan"):
        if field in changes:
            value = changes[field]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_HEADCOUNT:
                errors.append(_error(field, "Isi bilangan bulat 0 atau lebih.", "headcount_invalid"))
            else:
                setattr(position, field, value)
    if "active" in changes:
        position.active = bool(changes["active"])
    if "parent" in changes:
        problem = _parent_problem(position, changes["parent"])
        if problem:
            errors.append(_error("parent", problem, "parent_invalid"))
        else:
            position.parent_id = changes["parent"]
    if errors:
        raise InvalidContent("Data jabatan belum benar; periksa kolom yang ditandai.", errors=errors)


def _parent_problem(position: Position, parent_id: int | None) -> str:
    if parent_id is None:
        return ""
    if not isinstance(parent_id, int) or isinstance(parent_id, bool):
        return "Atasan tidak ditemukan."
    ancestors: dict[int, int | None] = {}
    opd_of: dict[int, int] = {}
    same_instansi = Position.objects.filter(opd__instansi_id=position.opd.instansi_id)
    for pk, parent, opd_id in same_instansi.values_list("pk", "parent_id", "opd_id"):
        ancestors[pk], opd_of[pk] = parent, opd_id
    if parent_id not in opd_of:
        return "Atasan tidak ditemukan."
    if opd_of[parent_id] != position.opd_id:
        return "Atasan harus jabatan di OPD yang sama."
    current: int | None = parent_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == position.pk:
            return "Atasan ini membentuk lingkaran: jabatan tidak boleh berada di bawah bawahannya sendiri."
        seen.add(current)
        current = ancestors.get(current)
    return ""


def _require_organisasi(actor: User, opd: OPD) -> None:
    if not can_create_positions(actor, opd.instansi_id):
        raise NotPermitted(f"Hanya Bagian Organisasi {opd.instansi.name} yang dapat mengelola jabatan.")


def _error(field: str, message: str, code: str) -> dict[str, str]:
    return {"code": code, "message": message, "field": field}


def _check(position: Position, urusan: Iterable[str] | None) -> list[str]:
    errors = []
    if not position.name:
        errors.append(_error("name", "Nama jabatan wajib diisi.", "name_required"))
    if position.kind not in PositionKind.values:
        errors.append(_error("kind", "Kelompok jabatan tidak dikenal.", "invalid_kind"))
    elif position.kind == PositionKind.FUNGSIONAL and position.rank not in FunctionalRank.values:
        errors.append(_error("rank", "Pilih jenjang untuk jabatan fungsional.", "rank_required"))
    elif position.kind != PositionKind.FUNGSIONAL and position.rank:
        errors.append(_error("rank", "Jenjang hanya diisi untuk jabatan fungsional.", "rank_not_allowed"))
    names = sorted({" ".join(str(n).split()) for n in (urusan or ())} - {""})
    if len(names) > MAX_URUSAN:
        errors.append(_error("urusan", f"Paling banyak {MAX_URUSAN} urusan.", "too_many"))
    if errors:
        raise InvalidContent("Data jabatan belum benar; periksa kolom yang ditandai.", errors=errors)
    duplicate = Position.objects.filter(
        opd_id=position.opd_id, name=position.name, sub_unit=position.sub_unit
    )
    if duplicate.exclude(pk=position.pk).exists():
        raise Conflict(DUPLICATE_MESSAGE, code="position_exists")
    return names


def _save(position: Position) -> None:
    try:
        with transaction.atomic():
            position.save()
    except IntegrityError as exc:  # a concurrent create of the same name
        raise Conflict(DUPLICATE_MESSAGE, code="position_exists") from exc


def _urusan(names: list[str]) -> list[Urusan]:
    return [_one_urusan(name) for name in names]


def _one_urusan(name: str) -> Urusan:
    existing = Urusan.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Urusan.objects.create(name=name)
    except IntegrityError:  # created meanwhile by a concurrent request
        return Urusan.objects.get(name=name)
