"""One version of one position's standard, with its competency and requirement rows."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.db import models
from django.db.models import Q

from submissions.models.dictionary import LEVEL_RANGE_MESSAGE, Competency, CompetencyGroup
from submissions.models.positions import Position
from submissions.models.requirements import Importance, RequirementSection
from submissions.validity import Content, Problem, content_problems, minimum_rule_for
from workflow.machine import EDITABLE_STATES, OPEN_STATES, State, SubmissionWorkflow


class Submission(SubmissionWorkflow):
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="submissions", verbose_name="jabatan"
    )
    version = models.PositiveIntegerField("versi", default=1)
    summary = models.TextField("ikhtisar jabatan", blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="revisi dari",
    )
    revision_reason = models.TextField("alasan revisi", blank=True)
    legal_basis = models.TextField("dasar hukum", blank=True)

    due_at = models.DateTimeField("tenggat", null=True, blank=True)
    stage_entered_at = models.DateTimeField("masuk tahap ini", null=True, blank=True)
    next_reminder_at = models.DateTimeField("pengingat berikutnya", null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField("pengingat terkirim di tahap ini", default=0)
    escalations_sent = models.PositiveSmallIntegerField("eskalasi terkirim di tahap ini", default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibuat oleh",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diajukan oleh (putaran ini)",
    )
    approved_at = models.DateTimeField("disetujui", null=True, blank=True)
    # Items 1-5 of the header as they stood when the version left draft and when it was approved
    # (submissions.header): an approved version keeps them whatever happens to the position later.
    header = models.JSONField("kepala dokumen (dibekukan)", default=dict, blank=True)

    # Bumped on every content change: the API's ETag and the editor's guard against lost updates.
    content_revision = models.PositiveIntegerField("revisi isi", default=1)
    # Who saved the content last, and when: a stale editor says who changed the document meanwhile.
    content_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="isi terakhir diubah oleh",
    )
    content_edited_at = models.DateTimeField("isi terakhir diubah", null=True, blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "dokumen SKJ"
        verbose_name_plural = "dokumen SKJ"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "version"],
                name="submission_version_unique_per_position",
                violation_error_message="Jabatan ini sudah memiliki versi dengan nomor yang sama.",
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(state__in=OPEN_STATES),
                name="submission_one_open_version_per_position",
                violation_error_message="Jabatan ini sudah memiliki versi yang sedang diproses.",
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(state=State.APPROVED),
                name="submission_one_approved_version_per_position",
                violation_error_message="Jabatan ini sudah memiliki versi yang disetujui.",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1) & Q(round__gte=1),
                name="submission_version_and_round_positive",
                violation_error_message="Versi dan putaran dimulai dari 1.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=State.values),
                name="submission_state_valid",
                violation_error_message="Status dokumen tidak dikenal.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(next_reminder_at__isnull=False),
                name="submission_reminder_due",
            ),
            models.Index(fields=["state", "due_at"], name="submission_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.position.name} v{self.version}"

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # The state changes only through transitions; django-fsm refuses to have it set again.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    def content(self) -> Content:
        """The stored rows in the shape the checks (and the API's document JSON) read."""
        competencies = [
            {
                "group": row.group,
                "code": row.code or None,
                "name": row.name,
                "level": row.level,
                "description": row.description,
                "indicators": list(row.indicators or []),
            }
            for row in self.competency_rows.all()
        ]
        requirements = [
            {"section": row.section, "text": row.text, "importance": row.importance}
            for row in self.requirement_rows.all()
        ]
        return Content(summary=self.summary, competencies=competencies, requirements=requirements)

    def validity_problems(self) -> list[Problem]:
        return content_problems(self.content(), minimum_rule_for(self.position))

    def validity_errors(self) -> list[Problem]:
        return [problem for problem in self.validity_problems() if problem.is_error]

    @property
    def is_editable(self) -> bool:
        """Whether its content may change now (who may change it: `workflow.roles.may_edit`)."""
        return bool(self.state in EDITABLE_STATES)


class CompetencyRow(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="competency_rows")
    group = models.CharField("kelompok", max_length=20, choices=CompetencyGroup.choices)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dari kamus",
    )
    code = models.CharField("kode", max_length=30, blank=True)
    name = models.CharField("nama kompetensi", max_length=255)
    level = models.PositiveSmallIntegerField("level")
    description = models.TextField("deskripsi", blank=True)
    indicators = models.JSONField("indikator kompetensi", default=list, blank=True)

    class Meta:
        verbose_name = "baris kompetensi"
        verbose_name_plural = "baris kompetensi"
        ordering = ["submission", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5),
                name="competency_row_level_in_range",
                violation_error_message=LEVEL_RANGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(group__in=CompetencyGroup.values),
                name="competency_row_group_valid",
                violation_error_message="Kelompok kompetensi tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code or '-'} {self.name} ({self.level})"


class RequirementRow(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="requirement_rows")
    section = models.CharField("jenis persyaratan", max_length=30, choices=RequirementSection.choices)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    text = models.TextField("uraian")
    importance = models.CharField("tingkat pentingnya", max_length=10, choices=Importance.choices)

    class Meta:
        verbose_name = "baris persyaratan"
        verbose_name_plural = "baris persyaratan"
        ordering = ["submission", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(importance__in=Importance.values),
                name="requirement_row_importance_valid",
                violation_error_message="Tingkat pentingnya harus Mutlak, Penting, atau Perlu.",
            ),
            models.CheckConstraint(
                condition=Q(section__in=RequirementSection.values),
                name="requirement_row_section_valid",
                violation_error_message="Jenis persyaratan tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text}"
