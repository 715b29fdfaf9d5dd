"""A document's workflow: cheap status, transitions, history, snapshots, diff, and the Word and PDF export."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.etag import not_modified, status_etag
from api.pagination import OldestFirstPagination
from api.requests import AuthenticatedRequest
from api.schema import ERROR_EXAMPLE, IF_NONE_MATCH, LIST, NOT_MODIFIED, READ_ONE, WRITE, responses
from api.serializers.workflow import (
    DiffQuery,
    DiffSerializer,
    HistoryEntrySerializer,
    SnapshotSerializer,
    StatusSerializer,
    TransitionInput,
    status_body,
)
from api.views.common import bilingual, validated
from submissions.exports import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, export_queryset, file_response
from workflow.diff import diff_contents
from workflow.scoping import visible_submissions
from workflow.selectors import history
from workflow.services import submission_fire_transition
from workflow.snapshots import current_content
from workflow.status import StatusSource, status_row


def status_response(request: Request, document: StatusSource) -> Response:
    data = status_body(document, request.user)
    return Response(data, headers={"ETag": status_etag(data)})


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_status",
        tags=["workflow"],
        parameters=[IF_NONE_MATCH],
        responses=responses({200: StatusSerializer, **NOT_MODIFIED}, *READ_ONE),
        summary="Status ringkas / cheap status",
        description=bilingual(
            "Status, tenggat dan tindakan yang boleh dilakukan pemanggil, tanpa membaca isi dokumen. "
            "`submit` dapat muncul walau dokumen belum lengkap: saat ditekan, jawabannya 400 "
            "dengan semua masalah. Dengan `If-None-Match` berisi ETag terakhir: 304 tanpa isi selama "
            "tidak ada perubahan.",
            "State, deadline and the caller's allowed transitions, without reading the content. `submit` may "
            "be listed for an incomplete document: firing it then answers 400 listing every problem. "
            "With `If-None-Match` holding the last ETag: 304 without a body while nothing changed.",
        ),
    )
)
class StatusView(APIView):
    def get(self, request: AuthenticatedRequest, pk: int) -> Any:
        # One row of one table, scoped by the document's own OPD and instansi columns.
        document = status_row(request.user, pk)
        if document is None:
            raise Http404
        response = status_response(request, document)
        return not_modified(request.headers.get("If-None-Match"), response["ETag"]) or response


@extend_schema_view(
    post=extend_schema(
        operation_id="submissions_transition",
        tags=["workflow"],
        request=TransitionInput,
        responses=responses({200: StatusSerializer}, *WRITE, 409),
        summary="Jalankan transisi / fire a transition",
        description=bilingual(
            "Nama: submit, withdraw, return_to_drafter, forward, return_to_opd, "
            "send_to_ministry, ministry_agree, "
            "ministry_return. 403: bukan wewenang Anda; 409: tidak mungkin dari status "
            "sekarang atau kalah cepat; "
            "400: dokumen belum lengkap atau isian wajib kosong (semua masalah dicantumkan).",
            "403: not allowed for this user; 409: not possible from the current state or "
            "lost a race; 400: the "
            "document is incomplete or a required field is missing (every problem listed).",
        ),
        examples=[
            OpenApiExample("Ajukan / submit", value={"name": "submit"}, request_only=True),
            OpenApiExample(
                "Kembalikan / send back",
                value={
                    "name": "return_to_drafter",
                    "reason_code": "wording",
                    "comment": "Perbaiki ikhtisar.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Persetujuan KemenPAN-RB",
                value={
                    "name": "ministry_agree",
                    "letter_number": "B/123/M.SM.01/2026",
                    "letter_date": "2026-11-20",
                },
                request_only=True,
            ),
            ERROR_EXAMPLE,
        ],
    )
)
class TransitionView(APIView):
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        # Out of scope is 404 before the input is judged. The service reads the document in the
        # user's scope anyway (404 when out of it), so only input found wrong asks whether the
        # document is in scope: the transitions themselves spare that query.
        try:
            data = validated(TransitionInput, request.data)
        except ValidationError:
            if not visible_submissions(request.user).filter(pk=pk).exists():
                raise Http404 from None
            raise
        submission = submission_fire_transition(
            submission_id=pk,
            name=data["name"],
            actor=request.user,
            comment=data.get("comment", ""),
            reason_code=data.get("reason_code", ""),
            letter_number=data.get("letter_number", ""),
            letter_date=data.get("letter_date"),
        )
        return status_response(request, submission)


class _OfDocument(generics.ListAPIView):
    pagination_class = OldestFirstPagination
    filter_backends: list[Any] = []

    def document(self) -> Any:
        # With its state: django-fsm reads the state of every loaded document, deferred or not.
        queryset = visible_submissions(self.request.user).only("id", "state")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_history",
        tags=["workflow"],
        responses=responses({200: HistoryEntrySerializer(many=True)}, *LIST),
        summary="Riwayat transisi / transition log",
        description=bilingual("Log transisi, terlama dahulu.", "The transition log, oldest first."),
    )
)
class HistoryView(_OfDocument):
    serializer_class = HistoryEntrySerializer

    def get_queryset(self) -> QuerySet[Any]:
        return history(self.document())


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_snapshots",
        tags=["workflow"],
        responses=responses({200: SnapshotSerializer(many=True)}, *LIST),
        summary="Cuplikan isi per putaran / content per round",
        description=bilingual(
            "Isi dokumen setiap kali meninggalkan draf, terlama dahulu; `id` dipakai oleh /diff/.",
            "The content each time the document left draft, oldest first; use `id` with /diff/.",
        ),
    )
)
class SnapshotsView(_OfDocument):
    serializer_class = SnapshotSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return self.document().snapshots.select_related("log_entry").order_by("taken_at", "id")


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_diff",
        tags=["workflow"],
        parameters=[
            OpenApiParameter(
                "from", int, required=True, description="Id cuplikan awal. / Snapshot id to compare from."
            ),
            OpenApiParameter(
                "to",
                int,
                required=False,
                description=(
                    "Id cuplikan akhir; kosong: isi saat ini. / Snapshot id; omitted: the current content."
                ),
            ),
        ],
        responses=responses({200: DiffSerializer}, *LIST),
        summary="Apa yang berubah / what changed",
        description=bilingual(
            "Perubahan dari cuplikan `from` ke cuplikan `to` (atau ke isi saat ini), dalam kalimat.",
            "Changes from snapshot `from` to snapshot `to` (or to the current content), in words.",
        ),
    )
)
class DiffView(APIView):
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        submission = get_object_or_404(visible_submissions(request.user), pk=pk)
        query = validated(DiffQuery, request.query_params.dict())
        old = get_object_or_404(submission.snapshots.all(), pk=query["from_"])
        if "to" in query:
            new_content = get_object_or_404(submission.snapshots.all(), pk=query["to"]).content
        else:
            new_content = current_content(submission)
        changes = [change.as_dict() for change in diff_contents(old.content, new_content)]
        body = {"from_snapshot": old.pk, "to_snapshot": query.get("to"), "changes": changes}
        return Response(DiffSerializer(body).data)


ORIENTATION = OpenApiParameter(
    "orientation", str, enum=["portrait", "landscape"], description="A4 portrait (default) or landscape"
)


class FirstRenderer(BaseContentNegotiation):
    """The export answers a file whatever Accept says; errors stay JSON."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_export_docx",
        tags=["submissions"],
        parameters=[ORIENTATION],
        responses=responses(
            {
                (200, DOCX_CONTENT_TYPE): OpenApiResponse(
                    OpenApiTypes.BINARY, description="Dokumen Word. / Word file."
                )
            },
            *READ_ONE,
        ),
        summary="Unduh Word / export as .docx",
        description=bilingual(
            "Standar kompetensi dalam tata letak resmi (.docx).",
            "The standard in the official layout (.docx).",
        ),
    )
)
class ExportView(APIView):
    content_negotiation_class = FirstRenderer

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        submission = get_object_or_404(export_queryset(visible_submissions(request.user)), pk=pk)
        return file_response(submission, "docx", landscape=_landscape(request))


def _landscape(request: AuthenticatedRequest) -> bool:
    return request.query_params.get("orientation") == "landscape"


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_export_pdf",
        tags=["submissions"],
        parameters=[ORIENTATION],
        responses=responses(
            {(200, PDF_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="PDF.")},
            *READ_ONE,
        ),
        summary="Unduh PDF / export as .pdf",
        description=bilingual(
            "Standar kompetensi dalam tata letak resmi (PDF), dari susunan yang sama dengan Word.",
            "The standard in the official layout (PDF), from the same arrangement as the Word file.",
        ),
    )
)
class PdfExportView(APIView):
    content_negotiation_class = FirstRenderer

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        submission = get_object_or_404(export_queryset(visible_submissions(request.user)), pk=pk)
        return file_response(submission, "pdf", landscape=_landscape(request))
