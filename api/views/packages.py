"""Consultation packages: list, create, read, change while draft, send, record the ministry's answers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import ReferencePagination
from api.parsers import JSONParser
from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers.packages import (
    AnswerInput,
    AnswerSerializer,
    LetterInput,
    PackageCreateInput,
    PackageDetailSerializer,
    PackageQuery,
    PackageSerializer,
    PackageUpdateInput,
)
from api.views.common import bilingual, validated
from submissions.models import Role
from workflow.errors import InvalidContent
from workflow.packages import services
from workflow.packages.models import PackageStatus
from workflow.packages.selectors import package_answers, package_items, packages_for
from workflow.roles import assignments_of
from workflow.scoping import visible_packages

UPLOAD_NOTE = bilingual(
    "Berkas surat opsional (`letter_file`, PDF, paling besar 10 MB) dikirim sebagai multipart/form-data.",
    "An optional letter file (`letter_file`, PDF, at most 10 MB) is sent as multipart/form-data.",
)


def detail(request: Request, package_id: int) -> dict[str, Any]:
    package = packages_for(request.user).get(pk=package_id)
    package.listed_items = list(package_items(package))  # type: ignore[attr-defined]
    package.listed_answers = list(package_answers(package))  # type: ignore[attr-defined]
    return dict(PackageDetailSerializer(package, context={"request": request}).data)


def own_instansi(user: Any) -> int:
    """The one instansi a Bagian Organisasi user works for (a package names it when there are more)."""
    ids = {a.instansi_id for a in assignments_of(user) if a.role == Role.BAGIAN_ORGANISASI and a.instansi_id}
    if len(ids) != 1:
        raise InvalidContent(
            "Sebutkan instansi paket (`instansi`).",
            code="instansi_required",
            errors=[{"code": "instansi_required", "message": "Sebutkan instansi.", "field": "instansi"}],
        )
    return ids.pop()


@extend_schema_view(
    get=extend_schema(
        operation_id="packages_list",
        tags=["packages"],
        parameters=[
            OpenApiParameter(
                "status", str, enum=PackageStatus.values, description="Status turunan. / Derived status."
            ),
            OpenApiParameter("instansi", int, description="Id instansi."),
        ],
        responses=responses({200: PackageSerializer(many=True)}, *LIST),
        summary="Paket konsultasi / consultation packages",
        description=bilingual(
            "Bagian Organisasi melihat paket instansinya; KemenPAN-RB paket yang dikirim "
            "dari semua instansi.",
            "Bagian Organisasi sees its instansi's packages; the ministry those sent from every instansi.",
        ),
    ),
    post=extend_schema(
        operation_id="packages_create",
        tags=["packages"],
        request=PackageCreateInput,
        responses=responses({201: PackageDetailSerializer}, *WRITE),
        summary="Buat paket / create a package",
        description=bilingual(
            "Dokumen berstatus verifikasi dan kompilasi dari instansi yang sama dan tidak ada di paket "
            "terbuka "
            "lain; setiap dokumen yang tidak memenuhi disebutkan dan tidak ada yang berubah (400).",
            "Standards in compilation of the same instansi and in no other open package; each that is not is "
            "named and nothing changes (400).",
        ),
        examples=[
            OpenApiExample(
                "Paket", value={"title": "Konsultasi SKJ tahap 1", "submissions": [12, 15]}, request_only=True
            )
        ],
    ),
)
class PackageListView(generics.ListAPIView):
    serializer_class = PackageSerializer
    pagination_class = ReferencePagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        params = validated(PackageQuery, self.request.query_params.dict())
        return packages_for(
            self.request.user, status=params.get("status", ""), instansi_id=params.get("instansi")
        )

    def post(self, request: Request) -> Response:
        data = validated(PackageCreateInput, request.data)
        package = services.create_package(
            instansi_id=data.get("instansi") or own_instansi(request.user),
            actor=request.user,  # type: ignore[arg-type]
            title=data["title"],
            submission_ids=data.get("submissions", []),
        )
        return Response(detail(request, package.pk), status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="packages_retrieve",
        tags=["packages"],
        responses=responses({200: PackageDetailSerializer}, *READ_ONE),
        summary="Satu paket / one package",
        description=bilingual(
            "Isi paket dengan status tiap dokumen, hasil jawabannya, dan surat-suratnya.",
            "The items with their states and outcomes, the answers and the letters.",
        ),
    ),
    patch=extend_schema(
        operation_id="packages_update",
        tags=["packages"],
        request=PackageUpdateInput,
        responses=responses({200: PackageDetailSerializer}, *WRITE, 409),
        summary="Ubah paket draf / change a draft package",
        description=bilingual(
            "Judul; `submissions` mengganti seluruh isi, atau `add`/`remove`. Paket terkirim: 409.",
            "Title; `submissions` replaces the whole list, or `add`/`remove`. A sent package: 409.",
        ),
    ),
)
class PackageDetailView(APIView):
    def get(self, request: Request, pk: int) -> Response:
        get_object_or_404(visible_packages(request.user).only("id"), pk=pk)
        return Response(detail(request, pk))

    def patch(self, request: Request, pk: int) -> Response:
        data = validated(PackageUpdateInput, request.data)
        services.update_package(
            package_id=pk,
            actor=request.user,  # type: ignore[arg-type]
            title=data.get("title"),
            add=data.get("add", []),
            remove=data.get("remove", []),
            submission_ids=data.get("submissions"),
        )
        return Response(detail(request, pk))


@extend_schema_view(
    post=extend_schema(
        operation_id="packages_send",
        tags=["packages"],
        request={"application/json": LetterInput, "multipart/form-data": LetterInput},
        responses=responses({200: PackageDetailSerializer}, *WRITE, 409),
        summary="Kirim paket ke KemenPAN-RB / send the package",
        description=bilingual(
            "Nomor dan tanggal surat pengantar wajib; semua dokumen berpindah ke konsultasi KemenPAN-RB "
            "dalam satu transaksi, atau tidak satu pun (setiap masalah disebutkan). ",
            "The cover letter's number and date are required; every item moves to the ministry's "
            "consultation in one transaction, or none does (every problem listed). ",
        )
        + UPLOAD_NOTE,
    )
)
class PackageSendView(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    def post(self, request: Request, pk: int) -> Response:
        get_object_or_404(visible_packages(request.user).only("id"), pk=pk)
        data = validated(LetterInput, _plain(request.data))
        upload = data.get("letter_file")
        services.send_package(
            package_id=pk,
            actor=request.user,  # type: ignore[arg-type]
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
        return Response(detail(request, pk))


@extend_schema_view(
    post=extend_schema(
        operation_id="packages_answers",
        tags=["packages"],
        request={"application/json": AnswerInput, "multipart/form-data": AnswerInput},
        responses=responses({201: AnswerSerializer}, *WRITE, 409),
        summary="Catat jawaban KemenPAN-RB / record the ministry's answer",
        description=bilingual(
            "Per dokumen: `agreed` (dengan `position_code` opsional) atau `returned` "
            "(dengan `reason_code` dan "
            "`notes`). Sebagian dokumen boleh dijawab; dokumen yang sudah dijawab: 409. Dalam multipart, "
            "`items` berupa teks JSON. ",
            "Per item: `agreed` (optional `position_code`) or `returned` (`reason_code` and `notes`). "
            "Part of "
            "the items may be answered; an item answered already: 409. In multipart, `items` is JSON text. ",
        )
        + UPLOAD_NOTE,
        examples=[
            OpenApiExample(
                "Jawaban",
                value={
                    "letter_number": "B/321/M.SM.01.00/2026",
                    "letter_date": "2026-11-20",
                    "items": [
                        {"submission": 12, "outcome": "agreed", "position_code": "JF.1.2.3"},
                        {
                            "submission": 15,
                            "outcome": "returned",
                            "reason_code": "wording",
                            "notes": "Perbaiki.",
                        },
                    ],
                },
                request_only=True,
            )
        ],
    )
)
class PackageAnswerView(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    def post(self, request: Request, pk: int) -> Response:
        get_object_or_404(visible_packages(request.user).only("id"), pk=pk)
        data = validated(AnswerInput, _plain(request.data))
        upload = data.get("letter_file")
        answer = services.record_answer(
            package_id=pk,
            actor=request.user,  # type: ignore[arg-type]
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            answers=[
                services.ItemAnswer(
                    submission_id=item["submission"],
                    outcome=item["outcome"],
                    position_code=item.get("position_code", ""),
                    reason_code=item.get("reason_code", ""),
                    notes=item.get("notes", ""),
                )
                for item in data["items"]
            ],
            letter_file=upload,
            letter_name=getattr(upload, "name", ""),
        )
        answer = package_answers(answer.package).get(pk=answer.pk)
        return Response(AnswerSerializer(answer, context={"request": request}).data, status.HTTP_201_CREATED)


def _plain(data: Any) -> Any:
    """A multipart QueryDict as a plain dict of single values (JSON bodies pass through)."""
    if hasattr(data, "dict"):
        return data.dict()
    return data
