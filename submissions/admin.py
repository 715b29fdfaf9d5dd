"""Django admin for reference data, organisations, roles and (read-mostly) documents.

Documents change state only through the workflow services, so the admin shows a document's
state and rows but never lets anyone edit the state or add and delete documents here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from submissions.models import (
    OPD,
    Competency,
    CompetencyLevel,
    Instansi,
    MinimumLevel,
    Position,
    RoleAssignment,
    Submission,
    Urusan,
)


class ReadOnlyInline(admin.TabularInline):
    """Rows shown for context; they are edited elsewhere (the editor or their own admin page)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "time_zone", "opd_count")
    list_filter = ("kind", "time_zone")
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instansi]:
        return super().get_queryset(request).annotate(opd_total=Count("opds"))

    @admin.display(description=_("jumlah OPD"), ordering="opd_total")
    def opd_count(self, obj: Any) -> int:
        return int(obj.opd_total)


class PositionInline(ReadOnlyInline):
    model = Position
    fields = ("name", "sub_unit", "kind", "rank", "code")


@admin.register(OPD)
class OPDAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "instansi", "position_count")
    list_filter = ("instansi",)
    list_select_related = ("instansi",)
    search_fields = ("name", "short_name", "instansi__name")
    inlines = (PositionInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[OPD]:
        return super().get_queryset(request).annotate(position_total=Count("positions"))

    @admin.display(description=_("jumlah jabatan"), ordering="position_total")
    def position_count(self, obj: Any) -> int:
        return int(obj.position_total)


@admin.register(Urusan)
class UrusanAdmin(admin.ModelAdmin):
    list_display = ("name", "position_count")
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Urusan]:
        return super().get_queryset(request).annotate(position_total=Count("positions"))

    @admin.display(description=_("jumlah jabatan"), ordering="position_total")
    def position_count(self, obj: Any) -> int:
        return int(obj.position_total)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("name", "sub_unit", "opd", "kind_label", "code")
    list_filter = ("kind", "rank", "opd__instansi")
    list_select_related = ("opd__instansi",)
    search_fields = ("name", "code", "sub_unit", "opd__name")
    filter_horizontal = ("urusan",)
    autocomplete_fields = ("opd",)

    @admin.display(description=_("kelompok jabatan"), ordering="kind")
    def kind_label(self, obj: Position) -> str:
        return obj.kind_label


class CompetencyLevelInline(admin.StackedInline):
    model = CompetencyLevel
    extra = 0
    max_num = 5
    fields = ("level", "description", "indicators")


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group", "owner")
    list_filter = ("group", "instansi")
    list_select_related = ("instansi",)
    search_fields = ("code", "name")
    inlines = (CompetencyLevelInline,)

    @admin.display(description=_("pemilik"), ordering="instansi__name")
    def owner(self, obj: Competency) -> str:
        return obj.instansi.name if obj.instansi else "Kamus nasional"


@admin.register(MinimumLevel)
class MinimumLevelAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "rank", "level", "blocking")
    list_display_links = ("__str__",)
    list_editable = ("level", "blocking")
    list_filter = ("kind", "blocking")


def _rows_table(headings: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return "-"
    head = format_html_join("", "<th>{}</th>", ((heading,) for heading in headings))
    body = format_html_join(
        "", "<tr>{}</tr>", ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows)
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("position", "opd", "version", "round", "state_label", "due_at", "updated_at")
    list_filter = ("state", "position__opd__instansi", "position__opd")
    list_select_related = ("position__opd__instansi",)
    search_fields = ("position__name", "position__opd__name")
    date_hierarchy = "updated_at"
    # Read-only: states move through the workflow, decrees are recorded on the Keputusan pages.
    fields = (
        "position",
        "version",
        "state",
        "round",
        "summary",
        "based_on",
        "revision_reason",
        "legal_basis",
        "competency_table",
        "requirement_table",
        "due_at",
        "approved_at",
        "created_by",
        "submitted_by",
        "created_at",
        "updated_at",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Submission | None = None) -> tuple[str, ...]:
        return self.fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Submission | None = None) -> bool:
        return False

    # The rows belong to sets other documents share (submissions.models.content_sets): shown here,
    # changed only through the editor or the API, which point the document at another set.
    @admin.display(description=_("kompetensi"))
    def competency_table(self, obj: Submission) -> str:
        rows = [
            (row.order + 1, row.get_group_display(), row.code or "-", row.name, row.level)
            for row in obj.competency_rows.all()
        ]
        return _rows_table(("No", "Kelompok", "Kode", "Nama", "Level"), rows)

    @admin.display(description=_("persyaratan"))
    def requirement_table(self, obj: Submission) -> str:
        rows = [
            (row.order + 1, row.get_section_display(), row.text, row.get_importance_display())
            for row in obj.requirement_rows.all()
        ]
        return _rows_table(("No", "Jenis", "Uraian", "Tingkat pentingnya"), rows)

    @admin.display(description=_("status"), ordering="state")
    def state_label(self, obj: Submission) -> str:
        return obj.get_state_display()

    @admin.display(description=_("OPD"), ordering="position__opd__name")
    def opd(self, obj: Submission) -> OPD:
        return obj.position.opd


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "full_name", "role", "scope", "acting", "valid_from", "valid_until")
    list_filter = ("role", "acting")
    list_select_related = ("user", "opd__instansi", "instansi")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "opd", "instansi")

    @admin.display(description=_("nama"))
    def full_name(self, obj: RoleAssignment) -> str:
        return obj.user.get_full_name()

    @admin.display(description=_("lingkup"))
    def scope(self, obj: RoleAssignment) -> str:
        if obj.opd:
            return str(obj.opd)
        return obj.instansi.name if obj.instansi else "Semua instansi"
