"""Uploading a file for import, previewing it, and committing it all or nothing.

The upload is kept (ImportBatch) so the commit reads exactly the file that was previewed, checked
again against what exists at that moment. A commit is one transaction that holds the instansi's
row lock, so two imports into one instansi run one after the other. New users of a people import
get their invitation in that same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from submissions.imports import KINDS, Preview, plan_import, preview_import
from submissions.imports.base import Written
from submissions.models import ImportBatch, ImportKind, Instansi, Position
from workflow.errors import Conflict, InvalidContent, NotFound, NotPermitted
from workflow.events import services as events
from workflow.events.models import EventKind
from workflow.roles import HOLDERS
from workflow.setup.administration import administered_instansi_ids, can_administer, is_administrator
from workflow.setup.people import send_invitations

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

    from workflow.roles import AnyUser

FILENAME_LENGTH = 255


def import_upload(
    *, actor: User, kind: str, instansi_id: int | None, filename: str, content: bytes
) -> tuple[ImportBatch, Preview]:
    """Keep the file and return the preview of every row; nothing is imported yet."""
    if kind not in KINDS:
        message = "Jenis impor tidak dikenal."
        raise InvalidContent(message, errors=[{"code": "kind_invalid", "message": message, "field": "kind"}])
    instansi = _target(actor, kind, instansi_id)
    batch = ImportBatch.objects.create(
        kind=kind,
        instansi=instansi,
        uploaded_by=actor,
        filename=(filename or "berkas")[-FILENAME_LENGTH:],
        content=content,
    )
    preview = preview_import(kind, content, instansi)
    batch.summary = {"counts": preview.counts, "ok": preview.ok}
    batch.save(update_fields=["summary"])
    return batch, preview


def import_preview(*, actor: AnyUser, batch_id: int) -> tuple[ImportBatch, Preview]:
    batch = visible_batches(actor).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound("Berkas impor tidak ditemukan.")
    preview = preview_import(batch.kind, bytes(batch.content), batch.instansi)
    preview.committed = batch.committed_at is not None
    return batch, preview


def import_commit(*, actor: AnyUser, batch_id: int) -> tuple[ImportBatch, Preview]:
    """Commit the previewed file if every row is right; otherwise nothing is written."""
    with transaction.atomic(durable=True):
        batch = visible_batches(actor).select_for_update(of=("self",)).filter(pk=batch_id).first()
        if batch is None:
            raise NotFound("Berkas impor tidak ditemukan.")
        if batch.committed_at is not None:
            raise Conflict("Berkas ini sudah disimpan sebelumnya.", code="already_committed")
        preview = apply_import(
            kind=batch.kind, content=bytes(batch.content), instansi=batch.instansi, actor=actor
        )
        if preview.committed:
            batch.committed_at = timezone.now()
            batch.summary = {"counts": preview.counts, "ok": True}
            batch.save(update_fields=["committed_at", "summary"])
        return batch, preview


def apply_import(*, kind: str, content: bytes, instansi: Instansi | None, actor: AnyUser | None) -> Preview:
    """Inside the caller's transaction: lock the instansi, re-check, write, invite (commands too)."""
    if instansi is not None:
        Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
    plan = plan_import(kind, content, instansi)
    if not plan.preview.ok:
        return plan.preview
    written = plan.write()
    # The people import writes users and roles in bulk (no signals): the copies of who holds
    # which role are read again.
    HOLDERS.bump()
    if written.new_user_ids:
        from django.contrib.auth.models import User

        users = list(User.objects.filter(pk__in=written.new_user_ids))
        send_invitations(actor=actor, users=users, instansi=instansi)
    _record_positions(written, actor)
    plan.preview.committed = True
    return plan.preview


def _record_positions(written: Written, actor: AnyUser | None) -> None:
    """A peta jabatan import tells the feed of each position it created or changed."""
    ids = [*written.new_position_ids, *written.changed_position_ids]
    if not ids:
        return
    found = Position.objects.select_related("opd__instansi").in_bulk(ids)
    new = set(written.new_position_ids)
    events.record_positions(
        [
            (
                found[pk],
                EventKind.POSITION_CREATED if pk in new else EventKind.POSITION_CHANGED,
                [] if pk in new else ["imported"],
            )
            for pk in ids
            if pk in found
        ],
        actor=actor,
    )


def visible_batches(actor: AnyUser) -> QuerySet[ImportBatch]:
    ids = administered_instansi_ids(actor)
    if ids is None:
        return ImportBatch.objects.all()
    return ImportBatch.objects.filter(instansi_id__in=ids)


def _target(actor: AnyUser, kind: str, instansi_id: int | None) -> Instansi | None:
    if instansi_id is None:
        if not is_administrator(actor):
            raise NotPermitted("Hanya administrator yang mengimpor kamus nasional; pilih instansi Anda.")
        if kind != ImportKind.DICTIONARY:
            raise InvalidContent("Pilih instansi tujuan impor.")
        return None
    if not can_administer(actor, instansi_id):
        raise NotFound("Instansi tidak ditemukan.")
    return Instansi.objects.get(pk=instansi_id)
