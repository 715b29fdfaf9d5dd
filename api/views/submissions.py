"""Documents: the list (keyset pages), creating a draft, reading and editing the whole document."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.etag import document_etag, expected_revision, not_modified
from api.filters import SubmissionFilter
from api.pagination import KeysetPagination, SearchPagination
from api.requests import AuthenticatedRequest, user_of
from api.schema import IF_MATCH, IF_NONE_MATCH, LIST, NOT_MODIFIED, READ_ONE, WRITE, responses
from api.serializers.documents import (
    DocumentPatchSerializer,
    DocumentSerializer,
    SubmissionCreateSerializer,
    SubmissionListSerializer,
)
from api.views.common import bilingual, validated
from submissions.models import CONTENT_ROWS, CONTENT_SETS
from workflow.scoping import visible_submissions
from workflow.services import submission_create_draft, submission_update_content

ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description=(
        "Versi representasi ini, untuk If-Match dan If-None-Match. / This representation's version, "
        'for If-Match and If-None-Match, e.g. "12-3-9f86d081884c7d659a2feaa0".'
    ),
)
DOCUMENT_EXAMPLE = {
    "id": 12,
    "position": {
        "id": 3,
        "name": "Kepala Seksi Surveilans",
        "kind": "pengawas",
        "rank": None,
        "opd": {"id": 1, "name": "Dinas Kesehatan"},
    },
    "version": 1,
    "round": 1,
    "state": "draft",
    "state_label": "Draf",
    "due_at": "2026-12-04T16:00:00Z",
    "overdue": False,
    "updated_at": "2026-11-20T03:12:00Z",
    "summary": "Melaksanakan surveilans penyakit menular.",
    "competencies": [
        {
            "group": "managerial",
            "code": "M.01",
            "name": "Integritas",
            "level": 2,
            "description": "Mampu mengingatkan rekan kerja untuk bertindak sesuai nilai.",
            "indicators": ["Mengingatkan rekan kerja untuk bertindak sesuai etika."],
        }
    ],
    "requirements": [{"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"}],
}


def documents(user: Any) -> QuerySet[Any]:
    return (
        visible_submissions(user)
        .select_related("position__opd", *CONTENT_SETS)
        .prefetch_related(*CONTENT_ROWS)
    )


def document_body(submission: Any) -> tuple[Any, str]:
    data = DocumentSerializer(submission).data
    return data, document_etag(submission, data)


def document_response(submission: Any, code: int = status.HTTP_200_OK) -> Response:
    data, etag = document_body(submission)
    return Response(data, status=code, headers={"ETag": etag})


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_list",
        tags=["submissions"],
        responses=responses({200: SubmissionListSerializer(many=True)}, *LIST),
        summary="Daftar dokumen / documents",
        description=bilingual(
            "Dokumen dalam cakupan, terbaru dahulu, per halaman kursor (`next`). Tanpa isi baris.",
            "Documents in scope, newest first, keyset-paginated (`next`). Without content rows.",
        ),
    ),
    post=extend_schema(
        operation_id="submissions_create",
        tags=["submissions"],
        request=SubmissionCreateSerializer,
        parameters=[ETAG_HEADER],
        responses=responses({201: DocumentSerializer}, *WRITE, 409),
        summary="Buat draf / create a draft",
        description=bilingual(
            "Penyusun OPD jabatan membuat draf berisi 8 kompetensi manajerial dan 1 sosial "
            "kultural pada level "
            "minimum. Jabatan di luar cakupan: 404; sudah ada dokumen: 409 `already_exists`.",
            "A drafter of the position's OPD creates a draft prefilled with the 8 managerial and 1 "
            "socio-cultural rows at the minimum level. Position out of scope: 404; exists: 409.",
        ),
        examples=[OpenApiExample("Draf baru", value={"position": 3}, request_only=True)],
    ),
)
class SubmissionListView(generics.ListCreateAPIView):
    serializer_class = SubmissionListSerializer
    pagination_class = KeysetPagination
    filterset_class = SubmissionFilter

    @property
    def paginator(self) -> Any:
        if not hasattr(self, "_paginator"):
            ranked = bool(self.request.query_params.get("q", "").strip())
            self._paginator = SearchPagination() if ranked else KeysetPagination()
        return self._paginator

    def get_queryset(self) -> QuerySet[Any]:
        return visible_submissions(self.request.user).select_related("position__opd")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(SubmissionCreateSerializer, request.data)
        submission = submission_create_draft(position_id=data["position"], actor=user_of(request))
        return document_response(documents(request.user).get(pk=submission.pk), status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_retrieve",
        parameters=[ETAG_HEADER, IF_NONE_MATCH],
        tags=["submissions"],
        responses=responses({200: DocumentSerializer, **NOT_MODIFIED}, *READ_ONE),
        summary="Dokumen lengkap / the whole document",
        description=bilingual(
            "Dengan `If-None-Match` berisi ETag terakhir: 304 tanpa isi bila dokumen tidak berubah.",
            "With `If-None-Match` holding the last ETag: 304 without a body when nothing changed.",
        ),
        examples=[OpenApiExample("Dokumen", value=DOCUMENT_EXAMPLE, response_only=True)],
    ),
    patch=extend_schema(
        operation_id="submissions_update",
        tags=["submissions"],
        parameters=[IF_MATCH, ETAG_HEADER],
        request=DocumentPatchSerializer,
        responses=responses({200: DocumentSerializer}, *WRITE, 409, 412),
        summary="Ubah isi draf / edit a draft",
        description=bilingual(
            "Hanya pada status draf (409 `not_editable`) oleh penyusun OPD-nya (403). Daftar yang dikirim "
            "menggantikan seluruh daftar. Baris kamus cukup `code` dan `level`: nama, "
            "deskripsi dan indikator "
            "diisi dari kamus. Kolom hanya-baca (mis. `state`): 400 `read_only_field`; kolom "
            "tak dikenal: 400 "
            "`unknown_field`. Kirim `If-Match` berisi ETag: tag lain (juga tag lemah `W/`) 412 `stale`, "
            "salah format 400 `invalid_if_match`.",
            "Only in draft (409 `not_editable`) by a drafter of its OPD (403). A list replaces the whole "
            "list. A dictionary row needs only `code` and `level`. Read-only fields: 400 `read_only_field`; "
            "unknown fields: 400 `unknown_field`. Send `If-Match` with the ETag: any other tag (a weak "
            "`W/` one too) 412 `stale`, a malformed header 400 `invalid_if_match`.",
        ),
        examples=[
            OpenApiExample(
                "Isi dari kamus / rows from the dictionary",
                value={
                    "summary": "Melaksanakan surveilans penyakit menular.",
                    "competencies": [
                        {"group": "managerial", "code": "M.01", "level": 3},
                        {"group": "technical", "code": "T.01", "level": 3},
                    ],
                },
                request_only=True,
            )
        ],
    ),
)
class SubmissionDetailView(APIView):
    def get(self, request: AuthenticatedRequest, pk: int) -> Any:
        data, etag = document_body(get_object_or_404(documents(request.user), pk=pk))
        unchanged = not_modified(request.headers.get("If-None-Match"), etag)
        return unchanged or Response(data, headers={"ETag": etag})

    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        header = request.headers.get("If-Match")
        revision = None
        if header is not None:
            current = get_object_or_404(documents(request.user), pk=pk)
            # A tag that is not current still goes to the service: it refuses (403, 409) before
            # it answers 412, as RFC 9110 §13.2.1 orders the checks.
            revision = expected_revision(header, document_body(current)[1], current.content_revision)
        else:
            get_object_or_404(visible_submissions(request.user).only("id"), pk=pk)
        data = validated(DocumentPatchSerializer, request.data)
        submission_update_content(
            submission_id=pk,
            actor=request.user,
            expected_revision=revision,
            summary=data.get("summary"),
            competencies=[dict(row) for row in data["competencies"]] if "competencies" in data else None,
            requirements=[dict(row) for row in data["requirements"]] if "requirements" in data else None,
        )
        return document_response(documents(request.user).get(pk=pk))
