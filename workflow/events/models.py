"""One Event row per thing that happened (a transition's log row, a package sent, a decree ...).

`seq` is the commit order, not the insert order. PostgreSQL: a deferred constraint trigger
(migration 0007) runs when the writing transaction commits, takes a transaction-level advisory
lock and sets `seq = nextval(...)`; the lock is released only once the commit is visible, so a
transaction that gets a higher number commits after every one with a lower number. A reader that
sees `seq = n` therefore sees every committed `seq < n`, and a cursor `seq > n` never skips a
row that commits later. An autoincrement id has no such property: ids are handed out at insert,
and a later id can commit first. SQLite (one writer at a time) copies the id.

The ids of the things an event is about are plain columns, not foreign keys: the feed is a
history, it must not stop a position from being deleted, and it is read without joins.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class EventKind(models.TextChoices):
    TRANSITION = "transition", "Transisi dokumen"
    PACKAGE_SENT = "package_sent", "Paket konsultasi dikirim"
    PACKAGE_ANSWERED = "package_answered", "Jawaban paket konsultasi dicatat"
    DECREE_RECORDED = "decree_recorded", "Keputusan penetapan dicatat"
    POSITION_CREATED = "position_created", "Jabatan dibuat"
    POSITION_CHANGED = "position_changed", "Jabatan diubah"


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat dihapus.")


class Event(models.Model):
    id = models.BigAutoField(primary_key=True)
    seq = models.BigIntegerField("urutan commit", null=True, blank=True, editable=False)
    kind = models.CharField("jenis", max_length=30, choices=EventKind.choices)
    at = models.DateTimeField("waktu")
    actor_kind = models.CharField("peran pelaku", max_length=30, blank=True)
    submission_id = models.IntegerField("dokumen", null=True, blank=True)
    version = models.PositiveIntegerField("versi", null=True, blank=True)
    round = models.PositiveIntegerField("putaran", null=True, blank=True)
    position_id = models.IntegerField("jabatan", null=True, blank=True)
    opd_id = models.IntegerField("OPD", null=True, blank=True)
    instansi_id = models.IntegerField("instansi", null=True, blank=True)
    package_id = models.IntegerField("paket", null=True, blank=True)
    decree_id = models.IntegerField("keputusan", null=True, blank=True)
    transition = models.CharField("transisi", max_length=40, blank=True)
    from_state = models.CharField("dari status", max_length=30, blank=True)
    to_state = models.CharField("ke status", max_length=30, blank=True)
    # The transition log row this event tells of (one event per row), for audits and tests.
    log_entry_id = models.BigIntegerField("baris log", null=True, blank=True, unique=True)
    data = models.JSONField("rincian", default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "peristiwa"
        verbose_name_plural = "peristiwa"
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["seq"], name="event_seq_unique"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
        ]
        # Keyset pages of each scope: `seq > cursor ORDER BY seq LIMIT n` walks one of these.
        indexes = [
            models.Index(fields=["instansi_id", "seq"], name="event_instansi_seq"),
            models.Index(fields=["opd_id", "seq"], name="event_opd_seq"),
            models.Index(fields=["kind", "seq"], name="event_kind_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.seq or '-'} {self.kind} {self.transition}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat dihapus.")
