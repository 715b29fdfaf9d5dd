"""Enactment decrees, the standards in force, and the letters' PDF files."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import OrderedKeysetPagination, ReferencePagination
from api.parsers import JSONParser
from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers.packages import DecreeInputSerializer, DecreeSerializer, EffectiveStandardSerializer
from api.views.common import bilingual, validated
from api.views.packages import UPLOAD_NOTE, _plain, own_instansi
from api.views.workflow import FirstRenderer
from submissions.models import PositionKind
from workflow.decrees.selectors import (
    decrees_for,
    effective_order,
    effective_standards,
    enactable_submissions,
)
from workflow.decrees.services import DecreeInput, record_decree
from workflow.models import Enactment
from workflow.scoping import visible_letters


def _decrees(user: Any) -> QuerySet[Any]:
    enactments = Enactment.objects.order_by("submission_id")
    return decrees_for(user).prefetch_related(Prefetch("enactments", queryset=enactments))


class DecreeQuery(serializers.Serializer):
    instansi = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


@extend_schema_view(
    get=extend_schema(
        operation_id="decrees_list",
        tags=["decrees"],
        parameters=[OpenApiParameter("instansi", int, description="Id instansi.")],
        responses=responses({200: DecreeSerializer(many=True)}, *LIST),
        summary="Keputusan penetapan / enactment decrees",
    ),
    post=extend_schema(
        operation_id="decrees_create",
        tags=["decrees"],
        request={"application/json": DecreeInputSerializer, "multipart/form-data": DecreeInputSerializer},
        responses=responses({201: DecreeSerializer}, *WRITE),
        summary="Catat keputusan / record a decree",
        description=bilingual(
            "Standar yang ditetapkan: `submissions` (daftar id), atau semua yang disetujui dari "
            "`package` atau "
            "`opd`. Setiap versi harus disetujui dan belum ditetapkan (400, setiap versi disebutkan). ",
            "What it enacts: `submissions` (ids), or every approved item of a `package` or an `opd`. Each "
            "version must be approved and not enacted yet (400, each one named). ",
        )
        + UPLOAD_NOTE,
    ),
)
class DecreeListView(generics.ListAPIView):
    serializer_class = DecreeSerializer
    pagination_class = ReferencePagination
    filter_backends: list[Any] = []
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Any]:
        params = validated(DecreeQuery, self.request.query_params.dict())
        queryset = _decrees(self.request.user)
        return queryset.filter(instansi_id=params["instansi"]) if "instansi" in params else queryset

    def post(self, request: Request) -> Response:
        data = validated(DecreeInputSerializer, _plain(request.data))
        instansi_id = data.get("instansi") or own_instansi(request.user)
        ids = list(data.get("submissions", []))
        if "package" in data or "opd" in data:
            chosen = enactable_submissions(
                request.user, instansi_id, package_id=data.get("package"), opd_id=data.get("opd")
            )
            ids += [pk for pk in chosen.values_list("pk", flat=True) if pk not in ids]
        upload = data.get("letter_file")
        decree = record_decree(
            instansi_id=instansi_id,
            actor=request.user,  # type: ignore[arg-type]
            decree=DecreeInput(
                kind=data["kind"],
                head=data["head"],
                number=data["number"],
                date=data["date"],
                title=data["title"],
                signatory_name=data.get("signatory_name", ""),
                signatory_office=data.get("signatory_office", ""),
            ),
            submission_ids=ids,
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
        body = DecreeSerializer(_decrees(request.user).get(pk=decree.pk), context={"request": request}).data
        return Response(body, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="decrees_retrieve",
        tags=["decrees"],
        responses=responses({200: DecreeSerializer}, *READ_ONE),
        summary="Satu keputusan / one decree",
    )
)
class DecreeDetailView(generics.RetrieveAPIView):
    serializer_class = DecreeSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return _decrees(self.request.user)


class EffectivePagination(OrderedKeysetPagination):
    """Keyset pages, no count: by unit id for nationwide readers, by name within an instansi."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        self.keys = effective_order(request.user)
        return super().paginate_queryset(queryset, request, view)


class EffectiveQuery(serializers.Serializer):
    instansi = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    opd = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    urusan = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=PositionKind.choices, required=False)


@extend_schema_view(
    get=extend_schema(
        operation_id="effective_standards_list",
        tags=["decrees"],
        parameters=[
            OpenApiParameter("instansi", int, description="Id instansi."),
            OpenApiParameter("opd", int, description="Id OPD."),
            OpenApiParameter("urusan", str, description="Nama urusan. / Government affair's name."),
            OpenApiParameter("kind", str, enum=PositionKind.values, description="Kelompok jabatan. / Kind."),
        ],
        responses=responses({200: EffectiveStandardSerializer(many=True)}, *LIST),
        summary="Standar yang berlaku / standards in force",
        description=bilingual(
            "Untuk setiap jabatan: versi yang berlaku, keputusan penetapannya dan kode jabatannya, "
            "sebagaimana dibekukan saat disetujui. Halaman kursor (`next`) tanpa jumlah total: menurut "
            "unit dan nama dalam satu instansi, menurut id unit bagi pembaca seluruh instansi.",
            "For every position: the version in force, its decree and its kode jabatan, "
            "as frozen at approval. Keyset pages (`next`), no total: by unit and name within one "
            "instansi, by unit id for readers of every instansi.",
        ),
    )
)
class EffectiveStandardListView(generics.ListAPIView):
    serializer_class = EffectiveStandardSerializer
    pagination_class = EffectivePagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        params = validated(EffectiveQuery, self.request.query_params.dict())
        return effective_standards(
            self.request.user,
            instansi_id=params.get("instansi"),
            opd_id=params.get("opd"),
            urusan=params.get("urusan", ""),
            kind=params.get("kind", ""),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="letters_download",
        tags=["decrees"],
        responses=responses(
            {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF.")}, *READ_ONE
        ),
        summary="Unduh surat / download a letter",
        description=bilingual(
            "Surat pengantar, jawaban KemenPAN-RB atau keputusan, bagi yang boleh melihat "
            "paket atau keputusannya.",
            "A cover letter, ministry answer or decree, for those who may see its package or decree.",
        ),
    )
)
class LetterView(APIView):
    content_negotiation_class = FirstRenderer

    def get(self, request: Request, pk: int) -> FileResponse:
        letter = get_object_or_404(visible_letters(request.user), pk=pk)
        return letter_response(letter)


def letter_response(letter: Any) -> FileResponse:
    name = f"surat-{letter.pk}.pdf"
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )
