"""A document's competency rows and requirement rows, each list stored once and never changed.

Every row used to belong to one document: a million documents held ten million competency rows,
although most documents of a kind share the same list (the eight managerial and one socio-cultural
competencies at the position's level, and the technical ones of its function). A list is now a
set, content-addressed like the level texts (the digest of its rows in order is unique): documents
with the same rows point at the same set, a saved edit points the document at another set (found
or made), and nothing changes a stored set, so an approved version reads exactly the rows it was
approved with. On PostgreSQL a trigger refuses an UPDATE of a set or of its rows (migration 0014).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, overload

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.models.dictionary import LEVEL_RANGE_MESSAGE, Competency, CompetencyGroup
from submissions.models.requirements import Importance, RequirementSection
from submissions.models.texts import LevelText, canonical_digest

SET_CHANGE_REFUSED = "Daftar baris yang sudah dipakai dokumen tidak dapat diubah; simpan daftar baru."


def rows_digest(rows: Iterable[Sequence[Any]]) -> str:
    """The digest of the rows' values in order (migration 0014 keeps a frozen copy of this)."""
    return canonical_digest([list(row) for row in rows])


_M = TypeVar("_M", bound=models.Model)


class _AppendOnlyQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError(SET_CHANGE_REFUSED)


class _AppendOnlyManager(models.Manager[_M]):
    def get_queryset(self) -> models.QuerySet[_M]:
        return _AppendOnlyQuerySet(self.model, using=self._db)


class _ContentSet(models.Model):
    """Rows shared by every document that has exactly these rows, in this order."""

    digest = models.CharField(_("sidik isi"), max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.digest[:12]}"


class CompetencySet(_ContentSet):
    objects = _AppendOnlyManager["CompetencySet"]()

    class Meta:
        verbose_name = _("daftar kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "daftar kompetensi")


class RequirementSet(_ContentSet):
    objects = _AppendOnlyManager["RequirementSet"]()

    class Meta:
        verbose_name = _("daftar persyaratan")
        verbose_name_plural = pgettext_lazy("plural", "daftar persyaratan")


class CompetencyRowManager(_AppendOnlyManager["CompetencyRow"]):
    def get_queryset(self) -> models.QuerySet[CompetencyRow]:
        # Every reader shows the texts: joined here, so a set's rows and every prefetch of them
        # read them in the same query (no lookup per row).
        return super().get_queryset().select_related("text")


class CompetencyRow(models.Model):
    set = models.ForeignKey(
        CompetencySet, on_delete=models.CASCADE, related_name="rows", verbose_name=_("daftar")
    )
    group = models.CharField(_("kelompok"), max_length=20, choices=CompetencyGroup.choices)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dari kamus"),
    )
    level = models.PositiveSmallIntegerField(_("level"))
    # The code, name, description and indicators, shared with every row of the same wording and
    # never changed (submissions.models.texts). No index: texts are never deleted, so nothing
    # looks rows up by their text.
    text = models.ForeignKey(
        LevelText, on_delete=models.PROTECT, related_name="+", verbose_name=_("teks"), db_index=False
    )

    objects = CompetencyRowManager()

    class Meta:
        verbose_name = _("baris kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "baris kompetensi")
        ordering = ["set", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="competency_row_level_in_range",
                violation_error_message=LEVEL_RANGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(group__in=CompetencyGroup.values),
                name="competency_row_group_valid",
                violation_error_message="Kelompok kompetensi tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code or '-'} {self.name} ({self.level})"

    @property
    def code(self) -> str:
        return self.text.code

    @property
    def name(self) -> str:
        return self.text.name

    @property
    def description(self) -> str:
        return self.text.description

    @property
    def indicators(self) -> list[str]:
        return list(self.text.indicators)

    @property
    def identity(self) -> tuple[Any, ...]:
        """What makes two rows the same row (the set's digest is over these, in order)."""
        return (self.group, self.competency_id, self.level, self.text_id)


class RequirementRow(models.Model):
    set = models.ForeignKey(
        RequirementSet, on_delete=models.CASCADE, related_name="rows", verbose_name=_("daftar")
    )
    section = models.CharField(_("jenis persyaratan"), max_length=30, choices=RequirementSection.choices)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.TextField(_("uraian"))
    importance = models.CharField(_("tingkat pentingnya"), max_length=10, choices=Importance.choices)

    objects = _AppendOnlyManager["RequirementRow"]()

    class Meta:
        verbose_name = _("baris persyaratan")
        verbose_name_plural = pgettext_lazy("plural", "baris persyaratan")
        ordering = ["set", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__in=Importance.values),
                name="requirement_row_importance_valid",
                violation_error_message="Tingkat pentingnya harus Mutlak, Penting, atau Perlu.",
            ),
            models.CheckConstraint(
                condition=models.Q(section__in=RequirementSection.values),
                name="requirement_row_section_valid",
                violation_error_message="Jenis persyaratan tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text}"

    @property
    def identity(self) -> tuple[Any, ...]:
        return (self.section, self.text, self.importance)


@overload
def stored_set(set_model: type[CompetencySet], rows: Sequence[CompetencyRow]) -> CompetencySet | None: ...
@overload
def stored_set(set_model: type[RequirementSet], rows: Sequence[RequirementRow]) -> RequirementSet | None: ...
def stored_set(set_model: Any, rows: Sequence[Any]) -> Any:
    """The stored set holding exactly `rows` (unsaved, in order), made if no document had them.

    No rows is no set. Safe when two transactions store the same new list at once: the unique
    digest makes the second INSERT wait for the first and then skip (ON CONFLICT DO NOTHING); the
    loser's rows are never written, and the SELECT that follows sees the winner's set.
    """
    if not rows:
        return None
    digest = rows_digest(row.identity for row in rows)
    found = set_model.objects.filter(digest=digest).first()
    if found is not None:
        return found
    set_model.objects.bulk_create([set_model(digest=digest)], ignore_conflicts=True)
    stored = set_model.objects.get(digest=digest)
    # Ours (new, empty) unless another transaction stored the same list first, rows and all.
    if not stored.rows.exists():
        for order, row in enumerate(rows):
            row.set_id, row.order = stored.pk, order
        type(rows[0]).objects.bulk_create(rows)
    return stored
