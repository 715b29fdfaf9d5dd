"""Long outputs as background jobs: ask (`POST /exports/`), watch (`GET /exports/{id}/`), download."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.requests import AuthenticatedRequest
from api.schema import READ_ONE, WRITE, responses
from api.serializers.exports import ExportInput, ExportJobSerializer
from api.views.common import bilingual, validated
from api.views.workflow import FirstRenderer
from submissions.exports import CONTENT_TYPES
from submissions.models import ExportStatus
from workflow.errors import NotFound
from workflow.exports import ExportRequest, job_for, request_export


class ExportListView(APIView):
    @extend_schema(
        operation_id="exports_create",
        tags=["exports"],
        request=ExportInput,
        responses=responses({202: ExportJobSerializer}, *WRITE),
        summary="Minta ekspor / request an export",
        description=bilingual(
            "Membuat pekerjaan latar belakang (buku, buku lampiran keputusan, buku paket konsultasi, "
            "rekap, atau satu standar) dan langsung menjawab nomornya. Pilihan kosong ditolak (400, "
            "code selection_empty) tanpa membuat pekerjaan.",
            "Creates a background job (book, a decree's or a package's book, recap, or one standard) "
            "and answers its id at once. An empty selection is refused (400, code selection_empty) "
            "and no job is created.",
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        data = validated(ExportInput, request.data)
        export = ExportRequest(
            kind=data["kind"],
            format=data["format"],
            instansi_id=data.get("instansi"),
            opd_id=data.get("opd"),
            submission_id=data.get("submission"),
            decree_id=data.get("decree"),
            package_id=data.get("package"),
            orientation=data["orientation"],
        )
        job = request_export(actor=request.user, request=export)
        return Response(ExportJobSerializer(job, context={"request": request}).data, status=202)


class ExportDetailView(APIView):
    @extend_schema(
        operation_id="exports_retrieve",
        tags=["exports"],
        responses=responses({200: ExportJobSerializer}, *READ_ONE),
        summary="Kemajuan ekspor / export progress",
        description=bilingual(
            "Status dan kemajuan pekerjaan milik pemanggil; bila selesai, alamat unduhan.",
            "The caller's job: status, progress and, when done, the download address.",
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        job = job_for(request.user, pk)
        return Response(ExportJobSerializer(job, context={"request": request}).data)


class ExportDownloadView(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(
        operation_id="exports_download",
        tags=["exports"],
        responses=responses(
            {200: OpenApiResponse(OpenApiTypes.BINARY, description="Berkas / the file.")}, *READ_ONE
        ),
        summary="Unduh hasil ekspor / download",
        description=bilingual(
            "Berkas yang sudah selesai, selama belum kedaluwarsa.", "The finished file, until it expires."
        ),
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> FileResponse:
        job = job_for(request.user, pk)
        if job.status != ExportStatus.DONE or not job.file:
            raise NotFound("Berkas belum siap atau sudah kedaluwarsa.")
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=CONTENT_TYPES[job.format],
        )
