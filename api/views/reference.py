"""Reference data in the caller's scope: OPDs, the competency dictionary, reason codes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from api.filters import CompetencyFilter, OPDFilter
from api.pagination import ReferencePagination
from api.schema import LIST, responses
from api.serializers.reference import CompetencySerializer, OPDSerializer, ReasonCodeSerializer
from api.views.common import bilingual
from workflow.scoping import visible_competencies, visible_opds
from workflow.selectors import reason_codes


@extend_schema_view(
    get=extend_schema(
        operation_id="opds_list",
        tags=["reference"],
        responses=responses({200: OPDSerializer(many=True)}, *LIST),
        summary="Daftar OPD / OPDs in scope",
        description=bilingual(
            "OPD yang terlihat oleh pengguna (OPD-nya, instansinya; KemenPAN-RB: semua).",
            "OPDs the caller can see (own OPD, own instansi; the ministry sees all).",
        ),
    )
)
class OPDListView(generics.ListAPIView):
    serializer_class = OPDSerializer
    pagination_class = ReferencePagination
    filterset_class = OPDFilter

    def get_queryset(self) -> QuerySet[Any]:
        return (
            visible_opds(self.request.user)
            .select_related("instansi")
            .order_by("instansi__name", "name", "id")
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="competencies_list",
        tags=["reference"],
        responses=responses({200: CompetencySerializer(many=True)}, *LIST),
        summary="Kamus kompetensi / competency dictionary",
        description=bilingual(
            "Kamus nasional ditambah kamus teknis instansi pengguna, dengan deskripsi dan "
            "indikator tiap level.",
            "The national dictionary plus the caller's instansi's technical entries, with every level.",
        ),
    )
)
class CompetencyListView(generics.ListAPIView):
    serializer_class = CompetencySerializer
    pagination_class = ReferencePagination
    filterset_class = CompetencyFilter

    def get_queryset(self) -> QuerySet[Any]:
        return (
            visible_competencies(self.request.user)
            .select_related("instansi")
            .prefetch_related("levels")
            .order_by("group", "code", "id")
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="reason_codes_list",
        tags=["reference"],
        responses=responses({200: ReasonCodeSerializer(many=True)}, *LIST),
        summary="Kode alasan pengembalian / reason codes",
        description=bilingual(
            "Kode alasan yang dapat dipakai saat mengembalikan dokumen (`reason_code`).",
            "Reason codes accepted by send-back transitions (`reason_code`).",
        ),
    )
)
class ReasonCodeListView(generics.ListAPIView):
    serializer_class = ReasonCodeSerializer
    pagination_class = ReferencePagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        return reason_codes().order_by("order", "code")
