"""Positions: everyone in scope reads them; Bagian Organisasi of the instansi creates and edits them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.filters import PositionFilter
from api.pagination import OrderedKeysetPagination
from api.requests import AuthenticatedRequest, user_of
from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers.reference import PositionCreateInput, PositionSerializer, PositionUpdateInput
from api.views.common import bilingual, validated
from submissions.models import Urusan
from workflow.keyset import Key
from workflow.positions import position_create, position_update
from workflow.scoping import visible_positions
from workflow.search import FOUND_NEWEST


def _positions(user: Any) -> QuerySet[Any]:
    # The urusan without Urusan's default ordering: sorting them by name cost more than the page.
    urusan = Prefetch("urusan", queryset=Urusan.objects.order_by())
    return visible_positions(user).select_related("opd__instansi").prefetch_related(urusan)


class PositionPagination(OrderedKeysetPagination):
    # By name, walking the index on (name, sub_unit, id): flat at any depth and any scope.
    keys = (Key("name"), Key("sub_unit"), Key("id"))


class FoundPositionPagination(OrderedKeysetPagination):
    """With `?q=`: newest first, walking the ids (workflow.search: sorting every match by name
    costs what the matches cost, 51,601 for a common word at 1,000,000 standards)."""

    keys = FOUND_NEWEST


@extend_schema_view(
    get=extend_schema(
        operation_id="positions_list",
        tags=["positions"],
        responses=responses({200: PositionSerializer(many=True)}, *LIST),
        summary="Daftar jabatan / positions",
        description=bilingual(
            "Jabatan dalam cakupan pengguna, urut nama. Dengan `q`: yang terbaru lebih dahulu.",
            "Positions in the caller's scope, by name. With `q`: newest first.",
        ),
    ),
    post=extend_schema(
        operation_id="positions_create",
        tags=["positions"],
        request=PositionCreateInput,
        responses=responses({201: PositionSerializer}, *WRITE, 409),
        summary="Buat jabatan / create a position",
        description=bilingual(
            "Hanya Bagian Organisasi instansi pemilik OPD (lainnya 403). `rank` wajib untuk "
            "jabatan fungsional "
            "dan dilarang untuk lainnya (400). `urusan` berupa daftar nama. OPD di luar cakupan: 404. "
            "Nama yang sudah ada di unit yang sama: 409 `position_exists`.",
            "Bagian Organisasi of the OPD's instansi only (others 403). `rank` is required for functional "
            "positions and refused otherwise (400). `urusan` is a list of names. OPD out of scope: 404. "
            "Duplicate name in the same unit: 409 `position_exists`.",
        ),
        examples=[
            OpenApiExample(
                "Jabatan fungsional",
                value={
                    "name": "Epidemiolog Kesehatan Ahli Muda",
                    "opd": 1,
                    "kind": "fungsional",
                    "rank": "ahli_muda",
                    "urusan": ["Kesehatan"],
                },
                request_only=True,
            )
        ],
    ),
)
class PositionListView(generics.ListCreateAPIView):
    serializer_class = PositionSerializer
    pagination_class = PositionPagination
    filterset_class = PositionFilter

    @property
    def paginator(self) -> Any:
        if not hasattr(self, "_paginator"):
            found = bool(self.request.query_params.get("q", "").strip())
            self._paginator = FoundPositionPagination() if found else PositionPagination()
        return self._paginator

    def get_queryset(self) -> QuerySet[Any]:
        return _positions(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(PositionCreateInput, request.data)
        position = position_create(
            actor=user_of(request),
            opd_id=data["opd"],
            name=data["name"],
            kind=data["kind"],
            rank=data.get("rank") or "",
            urusan=data.get("urusan", []),
            code=data.get("code", ""),
            sub_unit=data.get("sub_unit", ""),
        )
        return Response(
            PositionSerializer(_positions(request.user).get(pk=position.pk)).data, status.HTTP_201_CREATED
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="positions_retrieve",
        tags=["positions"],
        responses=responses({200: PositionSerializer}, *READ_ONE),
        summary="Satu jabatan / one position",
    ),
    patch=extend_schema(
        operation_id="positions_update",
        tags=["positions"],
        request=PositionUpdateInput,
        responses=responses({200: PositionSerializer}, *WRITE, 409),
        summary="Ubah jabatan / change a position",
        description=bilingual(
            "Hanya Bagian Organisasi instansinya. OPD tidak dapat diubah (400 `read_only_field`).",
            "Bagian Organisasi of its instansi only. The OPD cannot be changed (400 `read_only_field`).",
        ),
    ),
)
class PositionDetailView(generics.RetrieveAPIView):
    serializer_class = PositionSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return _positions(self.request.user)

    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        data = validated(PositionUpdateInput, request.data)
        position_update(actor=request.user, position_id=pk, **data)
        return Response(PositionSerializer(_positions(request.user).get(pk=pk)).data)
