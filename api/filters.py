"""Query-parameter filters. Ids are bounded integers and never validated against the database,
so a filter on an unseen OPD gives an empty list rather than revealing that the OPD exists."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from api.converters import MAX_ID
from submissions.models import CompetencyGroup, PositionKind
from workflow.machine import ACTIVE_STATES, State
from workflow.search import matching

SEARCH_MAX = 100


class IdFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _search(*fields: str) -> Any:
    def search(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return search


class SubmissionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices, help_text="Status dokumen. / Document state.")
    opd = IdFilter(field_name="opd_id", help_text="Id OPD.")
    position = IdFilter(field_name="position_id", help_text="Id jabatan. / Position id.")
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", help_text="true: melewati tenggat. / past due."
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=SEARCH_MAX,
        help_text=(
            "Cari di nama jabatan, ikhtisar, kompetensi (mis. `Komunikasi 4`) dan persyaratan (mis. "
            "`S-1 Hukum`); 200 kecocokan terbaru diurutkan menurut kecocokan, sisanya terbaru dahulu; "
            "halaman kursor (`next`) tanpa jumlah total. / Full-text search over position names, "
            "summaries, competencies and requirements: the 200 newest matches best first, then the "
            "rest newest first; keyset pages (`next`), no total."
        ),
    )

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # Only the match: the order (best first) and the pages are api.pagination.SearchPagination's.
        return matching(queryset, value) if value.strip() else queryset

    def filter_overdue(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        late = Q(due_at__lt=timezone.now(), state__in=ACTIVE_STATES)
        return queryset.filter(late) if value else queryset.exclude(late)


class PositionFilter(django_filters.FilterSet):
    opd = IdFilter(field_name="opd_id")
    instansi = IdFilter(field_name="opd__instansi_id")
    kind = django_filters.ChoiceFilter(choices=PositionKind.choices)
    q = django_filters.CharFilter(method=_search("name", "code", "sub_unit"), max_length=SEARCH_MAX)


class OPDFilter(django_filters.FilterSet):
    instansi = IdFilter(field_name="instansi_id")
    q = django_filters.CharFilter(method=_search("name", "short_name"), max_length=SEARCH_MAX)


class CompetencyFilter(django_filters.FilterSet):
    group = django_filters.ChoiceFilter(choices=CompetencyGroup.choices)
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact", max_length=30)
    q = django_filters.CharFilter(method=_search("code", "name"), max_length=SEARCH_MAX)


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="true: belum dibaca."
    )
