"""What the workflow records and is configured by: the log, snapshots, reason codes, deadlines."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from workflow.inputs import LETTER_NUMBER_MAX_LENGTH, REASON_CODE_MAX_LENGTH
from workflow.machine import State


class TransitionLogQuerySet(models.QuerySet["TransitionLog"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Log transisi hanya dapat ditambah, tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Log transisi hanya dapat ditambah, tidak dapat dihapus.")


class TransitionLog(models.Model):
    """One row per committed transition; append-only (on PostgreSQL a trigger enforces it)."""

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.PROTECT, related_name="log_entries"
    )
    transition = models.CharField(_("transisi"), max_length=40)
    from_state = models.CharField(_("dari status"), max_length=30, choices=State.choices)
    to_state = models.CharField(_("ke status"), max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    acting_for = models.CharField(_("bertindak untuk (Plt./Plh.)"), max_length=255, blank=True)
    comment = models.TextField(_("catatan"), blank=True)
    reason_code = models.CharField(_("kode alasan"), max_length=REASON_CODE_MAX_LENGTH, blank=True)
    letter_number = models.CharField(_("nomor surat"), max_length=LETTER_NUMBER_MAX_LENGTH, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    # The consultation package the transition went through, or the decree of an enactment row.
    # Most rows have neither: their indexes are partial (Meta), 27 MB each at 4 million rows if not.
    package = models.ForeignKey(
        "workflow.ConsultationPackage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paket konsultasi"),
        db_index=False,
    )
    decree = models.ForeignKey(
        "workflow.Decree",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keputusan penetapan"),
        db_index=False,
    )
    # The working days an `extend_deadline` row added, so a recomputed deadline can add them again.
    extension_days = models.PositiveSmallIntegerField(_("tambahan hari kerja"), null=True, blank=True)
    round = models.PositiveIntegerField(_("putaran"))
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    objects = TransitionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("log transisi")
        verbose_name_plural = pgettext_lazy("plural", "log transisi")
        ordering = ["at", "id"]
        indexes = [
            models.Index(
                fields=["package"], condition=Q(package__isnull=False), name="transitionlog_package"
            ),
            models.Index(fields=["decree"], condition=Q(decree__isnull=False), name="transitionlog_decree"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.transition} ({self.from_state} -> {self.to_state})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Log transisi hanya dapat ditambah, tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Log transisi hanya dapat ditambah, tidak dapat dihapus.")


class Snapshot(models.Model):
    """The document's content each time it leaves `draft` (one per round and version)."""

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="snapshots"
    )
    round = models.PositiveIntegerField(_("putaran"))
    content = models.JSONField(_("isi"))
    log_entry = models.OneToOneField(
        TransitionLog, on_delete=models.PROTECT, null=True, related_name="snapshot"
    )
    taken_at = models.DateTimeField(_("diambil"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuplikan isi")
        verbose_name_plural = pgettext_lazy("plural", "cuplikan isi")
        ordering = ["submission", "taken_at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id} putaran {self.round}"


class ReasonCode(models.Model):
    """Why a document is sent back; administrators may add codes."""

    code = models.SlugField(_("kode"), max_length=REASON_CODE_MAX_LENGTH, unique=True)
    label = models.CharField(_("keterangan"), max_length=200)
    active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kode alasan pengembalian")
        verbose_name_plural = pgettext_lazy("plural", "kode alasan pengembalian")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class StageBudget(models.Model):
    """Working days a stage may take, per instansi (defaults in settings)."""

    instansi = models.ForeignKey(
        "submissions.Instansi", on_delete=models.CASCADE, related_name="stage_budgets"
    )
    state = models.CharField(
        _("tahap"),
        max_length=30,
        choices=[(s.value, s.label) for s in State if s not in (State.APPROVED, State.SUPERSEDED)],
    )
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))

    class Meta:
        verbose_name = _("batas waktu tahap")
        verbose_name_plural = pgettext_lazy("plural", "batas waktu tahap")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "state"],
                name="stage_budget_unique",
                violation_error_message="Batas waktu tahap ini sudah diatur untuk instansi tersebut.",
            ),
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=365),
                name="stage_budget_in_range",
                violation_error_message="Batas waktu harus antara 1 dan 365 hari kerja.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi}: {self.get_state_display()} {self.working_days} hari kerja"


class CalendarDay(models.Model):
    """An administrator's correction to the working-day calendar, nationwide or per instansi."""

    date = models.DateField(_("tanggal"))
    instansi = models.ForeignKey(
        "submissions.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        help_text=_("Kosong untuk seluruh Indonesia."),
    )
    is_working_day = models.BooleanField(
        _("hari kerja"),
        help_text=_("Centang untuk menjadikan tanggal ini hari kerja; kosongkan untuk hari libur."),
    )
    description = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("koreksi kalender kerja")
        verbose_name_plural = pgettext_lazy("plural", "koreksi kalender kerja")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(instansi__isnull=True),
                name="calendar_day_unique_national",
                violation_error_message="Tanggal ini sudah dikoreksi secara nasional.",
            ),
            models.UniqueConstraint(
                fields=["date", "instansi"],
                name="calendar_day_unique_in_instansi",
                violation_error_message="Tanggal ini sudah dikoreksi untuk instansi tersebut.",
            ),
        ]

    def __str__(self) -> str:
        kind = "hari kerja" if self.is_working_day else "libur"
        return f"{self.date}: {self.description} ({kind})"


class DraftingRound(models.Model):
    """A drafting campaign of an instansi (e.g. "Penyusunan SKJ 2026") with its deadline."""

    instansi = models.ForeignKey(
        "submissions.Instansi", on_delete=models.CASCADE, related_name="drafting_rounds"
    )
    name = models.CharField(_("nama"), max_length=200)
    deadline = models.DateField(_("tenggat"))
    opened_at = models.DateField(_("dibuka"))
    closed = models.BooleanField(_("ditutup"), default=False)

    class Meta:
        verbose_name = _("putaran penyusunan")
        verbose_name_plural = pgettext_lazy("plural", "putaran penyusunan")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opened_at")),
                name="drafting_round_deadline_after_opening",
                violation_error_message="Tenggat tidak boleh sebelum tanggal dibuka.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.instansi})"


def letter_path(instance: Letter | None, filename: str) -> str:
    # Generated: the uploader's name never reaches the file system or the bucket.
    return f"surat/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Letter(models.Model):
    """One uploaded letter (PDF): a cover letter, a ministry answer or a decree."""

    file = models.FileField(_("berkas"), upload_to=letter_path, max_length=200)
    original_name = models.CharField(_("nama berkas asal"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("pengunggah"),
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("berkas surat")
        verbose_name_plural = pgettext_lazy("plural", "berkas surat")

    def __str__(self) -> str:
        return self.original_name or str(self.file.name)


# The batch work of Bagian Organisasi lives in its own modules; importing them here registers
# their models with the workflow app.
from workflow.decrees.models import Decree, Enactment  # noqa: E402
from workflow.events.models import Event  # noqa: E402
from workflow.packages.models import ConsultationPackage, MinistryAnswer, PackageItem  # noqa: E402

__all__ = [
    "CalendarDay",
    "ConsultationPackage",
    "Decree",
    "DraftingRound",
    "Enactment",
    "Event",
    "Letter",
    "MinistryAnswer",
    "PackageItem",
    "ReasonCode",
    "Snapshot",
    "StageBudget",
    "TransitionLog",
]


class CommentAnchor(models.TextChoices):
    SUMMARY = "summary", gettext_noop("Ikhtisar jabatan")
    COMPETENCY = "competency", gettext_noop("Baris kompetensi")
    REQUIREMENT = "requirement", gettext_noop("Baris persyaratan")


class RowComment(models.Model):
    """A remark on one row of a document, kept with the round it was written in.

    Rows are rewritten whenever a draft is saved, so a comment is anchored by the row's stable
    key (a competency's code or name, a requirement's section and text), not by its database id.
    An answer is a comment with a `parent`; only a top-level comment is resolved.
    """

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="row_comments"
    )
    round = models.PositiveIntegerField(_("putaran"))
    anchor = models.CharField(_("bagian"), max_length=20, choices=CommentAnchor.choices)
    anchor_key = models.CharField(_("kunci baris"), max_length=300, blank=True)
    anchor_label = models.CharField(_("baris"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("penulis")
    )
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(_("ditulis"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )

    class Meta:
        verbose_name = _("komentar baris")
        verbose_name_plural = pgettext_lazy("plural", "komentar baris")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["submission", "round"], name="row_comment_round")]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.anchor_label}"

    @property
    def is_open(self) -> bool:
        return self.parent_id is None and self.resolved_at is None
