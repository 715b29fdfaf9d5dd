"""One version of one position's standard; its competency and requirement rows are shared sets."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.models.content_sets import CompetencyRow, CompetencySet, RequirementRow, RequirementSet
from submissions.models.organisation import OPD, Instansi
from submissions.models.positions import Position
from submissions.validity import Content, Problem, content_problems, minimum_rule_for
from workflow.machine import EDITABLE_STATES, OPEN_STATES, State, SubmissionWorkflow

_Row = TypeVar("_Row", bound=models.Model, covariant=True)


class Rows(Protocol[_Row]):
    """What a document's rows offer: a set's related manager, or a queryset when it has none."""

    def all(self) -> models.QuerySet[_Row]: ...
    def filter(self, *args: Any, **kwargs: Any) -> models.QuerySet[_Row]: ...
    def exclude(self, *args: Any, **kwargs: Any) -> models.QuerySet[_Row]: ...
    def order_by(self, *fields: str) -> models.QuerySet[_Row]: ...
    def get(self, *args: Any, **kwargs: Any) -> _Row: ...
    def count(self) -> int: ...
    def exists(self) -> bool: ...
    def values_list(self, *fields: str, flat: bool = ...) -> models.QuerySet[Any]: ...


# A document's rows in two queries: `.select_related(*CONTENT_SETS).prefetch_related(*CONTENT_ROWS)`
# (the prefetch alone also works, with a query more per set kind).
CONTENT_SETS = ("competency_set", "requirement_set")
CONTENT_ROWS = ("competency_set__rows", "requirement_set__rows")


class SubmissionManager(models.Manager["Submission"]):
    def bulk_create(self, objs: Iterable[Submission], *args: Any, **kwargs: Any) -> list[Submission]:
        """bulk_create skips save(): the documents' scope is filled here, one query for all."""
        objs = list(objs)
        missing = {o.position_id for o in objs if o.opd_id is None or o.instansi_id is None}
        rows = Position.objects.filter(pk__in=missing).values_list("pk", "opd_id", "opd__instansi_id")
        scope = {pk: (opd_id, instansi_id) for pk, opd_id, instansi_id in rows} if missing else {}
        for obj in objs:
            if obj.position_id in scope:
                obj.opd_id, obj.instansi_id = scope[obj.position_id]
        return super().bulk_create(objs, *args, **kwargs)


class Submission(SubmissionWorkflow):
    # No index of its own: the unique (position, version) constraint leads with it.
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("jabatan"),
        db_index=False,
    )
    # The position's OPD and instansi, copied when the document is created, so that scoping a list
    # is one indexed column instead of two joins (positions never change OPD, nor OPDs instansi; on
    # PostgreSQL composite foreign keys with ON UPDATE CASCADE keep the copies equal regardless).
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"), editable=False, db_index=False
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi"),
        editable=False,
        db_index=False,
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    summary = models.TextField(_("ikhtisar jabatan"), blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revisi dari"),
    )
    revision_reason = models.TextField(_("alasan revisi"), blank=True)
    # The rows, stored once for every document with the same list (submissions.models.content_sets);
    # none is no rows. No index of their own: a set is deleted only when no document points at it.
    competency_set = models.ForeignKey(
        CompetencySet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("daftar kompetensi"),
        db_index=False,
    )
    requirement_set = models.ForeignKey(
        RequirementSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("daftar persyaratan"),
        db_index=False,
    )
    legal_basis = models.TextField(_("dasar hukum"), blank=True)

    due_at = models.DateTimeField(_("tenggat"), null=True, blank=True)
    stage_entered_at = models.DateTimeField(_("masuk tahap ini"), null=True, blank=True)
    next_reminder_at = models.DateTimeField(_("pengingat berikutnya"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("pengingat terkirim di tahap ini"), default=0)
    escalations_sent = models.PositiveSmallIntegerField(_("eskalasi terkirim di tahap ini"), default=0)

    # No index on who created or submitted: no list filters by them (a user is never deleted while
    # his documents exist, PROTECT checks that on the rare delete).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diajukan oleh (putaran ini)"),
    )
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    # Items 1-5 of the header as they stood when the version left draft and when it was approved
    # (submissions.header): an approved version keeps them whatever happens to the position later.
    header = models.JSONField(_("kepala dokumen (dibekukan)"), default=dict, blank=True)

    # Bumped on every content change: the API's ETag and the editor's guard against lost updates.
    content_revision = models.PositiveIntegerField(_("revisi isi"), default=1)
    # Who saved the content last, and when: a stale editor says who changed the document meanwhile.
    content_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("isi terakhir diubah oleh"),
    )
    content_edited_at = models.DateTimeField(_("isi terakhir diubah"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = SubmissionManager()

    class Meta:
        verbose_name = _("dokumen SKJ")
        verbose_name_plural = pgettext_lazy("plural", "dokumen SKJ")
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
            # Scoped lists walk these newest first (keyset on id) without sorting the scope.
            models.Index(fields=["opd", "id"], name="submission_opd_id"),
            models.Index(fields=["instansi", "id"], name="submission_instansi_id"),
            # The ministry's scope: only documents that ever reached it (a minority, growing).
            models.Index(fields=["id"], condition=Q(reached_ministry=True), name="submission_ministry_id"),
            # The ministry's list filtered by state. Not partial: the planner estimates a partial
            # index's rows as if state and reached_ministry were independent (10% of the ministry's
            # 500,000 for "compilation", where there are none) and walked the whole scope instead;
            # with both as columns and the statistics of migration 0013 it knows the real count.
            models.Index(fields=["reached_ministry", "state", "id"], name="submission_ministry_state"),
            models.Index(
                fields=["position"], condition=Q(reached_ministry=True), name="submission_ministry_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position.name} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.opd_id is None or self.instansi_id is None:
            self.opd_id, self.instansi_id = _scope_of(self)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # The state changes only through transitions; django-fsm refuses to have it set again.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    # Like the related managers the rows had when they belonged to the document: `.all()` reads a
    # prefetch of CONTENT_ROWS when there is one, `.filter()` and the others always query.
    @property
    def competency_rows(self) -> Rows[CompetencyRow]:
        """Its competency rows, in order."""
        return _rows_of(self, "competency_set", CompetencyRow)

    @property
    def requirement_rows(self) -> Rows[RequirementRow]:
        """Its requirement rows, in order."""
        return _rows_of(self, "requirement_set", RequirementRow)

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


def _rows_of(submission: Submission, field: str, row_model: Any) -> Any:
    """The rows of the document's set `field`: its related manager when the set is loaded (so
    `.all()` reads a prefetch of CONTENT_ROWS), else a query by the set's id; no set, no rows."""
    set_id = getattr(submission, f"{field}_id")
    if set_id is None:
        return row_model.objects.none()
    if Submission._meta.get_field(field).is_cached(submission):
        return getattr(submission, field).rows
    return row_model.objects.filter(set_id=set_id)


def _scope_of(submission: Submission) -> tuple[int, int]:
    """(OPD id, instansi id) of the document's position; the services have them loaded already."""
    if Submission.position.is_cached(submission) and Position.opd.is_cached(submission.position):
        return submission.position.opd_id, submission.position.opd.instansi_id
    rows = Position.objects.filter(pk=submission.position_id).values_list("opd_id", "opd__instansi_id")
    return rows.get()
