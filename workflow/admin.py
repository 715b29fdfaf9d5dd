"""Administration of the workflow's settings, and a read-only view of what it recorded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workflow.models import (
    CalendarDay,
    DraftingRound,
    Event,
    ReasonCode,
    Snapshot,
    StageBudget,
    TransitionLog,
)
from workflow.recompute import recompute_running_deadlines

# django-stubs makes ModelAdmin generic, but at run time it cannot be subscripted (django_stubs_ext,
# which would patch that, is only a development dependency): mypy sees the generic, Django the class.
if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


@admin.register(ReasonCode)
class ReasonCodeAdmin(ModelAdmin):
    list_display = ("code", "label", "active", "order")
    list_editable = ("active", "order")
    list_filter = ("active",)
    search_fields = ("code", "label")


class RecomputesDeadlines(ModelAdmin):
    """Saving or deleting a row counts the running deadlines it reaches again, in the same transaction.

    The admin's own transaction holds both the change and the recomputation: either both are
    kept or neither. The row as it was before an edit is reached too (a date moved from one day to
    another frees the first and takes the second).
    """

    def reach(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = self.reach(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        self._recompute(request, [before, self.reach(obj)])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        reach = self.reach(obj)
        super().delete_model(request, obj)
        self._recompute(request, [reach])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        reaches = [self.reach(obj) for obj in queryset]
        super().delete_queryset(request, queryset)
        self._recompute(request, reaches)

    def _recompute(self, request: HttpRequest, reaches: Sequence[dict[str, Any] | None]) -> None:
        unique = {tuple(sorted(reach.items())): reach for reach in reaches if reach is not None}
        moved = sum(recompute_running_deadlines(**reach).documents for reach in unique.values())
        if moved:
            self.message_user(
                request,
                ngettext(
                    "Tenggat %(count)d dokumen yang sedang berjalan dihitung ulang.",
                    "Tenggat %(count)d dokumen yang sedang berjalan dihitung ulang.",
                    moved,
                )
                % {"count": moved},
            )


@admin.register(StageBudget)
class StageBudgetAdmin(RecomputesDeadlines):
    list_display = ("instansi", "state", "working_days")
    list_filter = ("state", "instansi")
    search_fields = ("instansi__name",)
    list_select_related = ("instansi",)

    def reach(self, obj: StageBudget) -> dict[str, Any]:
        return {"instansi_id": obj.instansi_id, "states": (obj.state,)}


@admin.register(CalendarDay)
class CalendarDayAdmin(RecomputesDeadlines):
    list_display = ("date", "description", "is_working_day", "scope")
    list_filter = ("is_working_day", ("instansi", admin.EmptyFieldListFilter), "instansi")
    search_fields = ("description", "instansi__name")
    date_hierarchy = "date"
    list_select_related = ("instansi",)

    @admin.display(description=_("berlaku untuk"), ordering="instansi__name")
    def scope(self, obj: CalendarDay) -> str:
        return obj.instansi.name if obj.instansi else "Seluruh Indonesia"

    def reach(self, obj: CalendarDay) -> dict[str, Any]:
        # A national correction reaches every instansi (those with their own row find nothing to move).
        return {"instansi_id": obj.instansi_id, "day": obj.date}


@admin.register(DraftingRound)
class DraftingRoundAdmin(ModelAdmin):
    list_display = ("name", "instansi", "opened_at", "deadline", "closed")
    list_filter = ("closed", "instansi")
    search_fields = ("name", "instansi__name")
    date_hierarchy = "deadline"
    list_select_related = ("instansi",)


class ReadOnlyAdmin(ModelAdmin):
    """What the workflow recorded: visible to administrators, changed by nobody."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TransitionLog)
class TransitionLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "submission", "transition", "from_state", "to_state", "actor", "round")
    list_filter = ("transition", "to_state", "reason_code")
    search_fields = ("submission__position__name", "actor__username", "comment", "letter_number")
    date_hierarchy = "at"
    list_select_related = ("submission__position", "actor")


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ("submission", "round", "taken_at")
    search_fields = ("submission__position__name",)
    date_hierarchy = "taken_at"
    list_select_related = ("submission__position",)


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "kind", "transition", "submission_id", "position_id", "instansi_id")
    list_filter = ("kind",)
    search_fields = ("transition",)
    ordering = ("-seq",)
    # The feed grows to millions of rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
