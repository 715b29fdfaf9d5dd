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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class EventKind(models.TextChoices):
    TRANSITION = "transition", gettext_noop("Transisi dokumen")
    PACKAGE_SENT = "package_sent", gettext_noop("Paket konsultasi dikirim")
    PACKAGE_ANSWERED = "package_answered", gettext_noop("Jawaban paket konsultasi dicatat")
    DECREE_RECORDED = "decree_recorded", gettext_noop("Keputusan penetapan dicatat")
    POSITION_CREATED = "position_created", gettext_noop("Jabatan dibuat")
    POSITION_CHANGED = "position_changed", gettext_noop("Jabatan diubah")


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Peristiwa hanya dapat ditambah, tidak dapat dihapus.")


class Event(models.Model):
    id = models.BigAutoField(primary_key=True)
    seq = models.BigIntegerField(_("urutan commit"), null=True, blank=True, editable=False)
    kind = models.CharField(_("jenis"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("waktu"))
    actor_kind = models.CharField(_("peran pelaku"), max_length=30, blank=True)
    submission_id = models.IntegerField(_("dokumen"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versi"), null=True, blank=True)
    round = models.PositiveIntegerField(_("putaran"), null=True, blank=True)
    position_id = models.IntegerField(_("jabatan"), null=True, blank=True)
    opd_id = models.IntegerField(_("OPD"), null=True, blank=True)
    instansi_id = models.IntegerField(_("instansi"), null=True, blank=True)
    package_id = models.IntegerField(_("paket"), null=True, blank=True)
    decree_id = models.IntegerField(_("keputusan"), null=True, blank=True)
    transition = models.CharField(_("transisi"), max_length=40, blank=True)
    from_state = models.CharField(_("dari status"), max_length=30, blank=True)
    to_state = models.CharField(_("ke status"), max_length=30, blank=True)
    # The transition log row this event tells of (one event per row), for audits and tests.
    log_entry_id = models.BigIntegerField(_("baris log"), null=True, blank=True, unique=True)
    data = models.JSONField(_("rincian"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("peristiwa")
        verbose_name_plural = pgettext_lazy("plural", "peristiwa")
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
