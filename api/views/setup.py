"""Set-up of an instansi through the API: OPDs, people and roles, rounds, imports, the peta jabatan.

Bagian Organisasi of an instansi and the administrator only; an instansi or object out of the
caller's reach answers 404. Each write calls one service in `workflow.setup`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import ReferencePagination
from api.schema import LIST, READ_ONE, WRITE, responses
from api.serializers import setup as io
from api.views.common import bilingual, validated
from api.views.reference import OPDListView
from submissions.imports import Preview
from submissions.models import ImportBatch, RoleAssignment
from workflow.errors import NotFound, NotPermitted
from workflow.setup import opds, people, rounds
from workflow.setup.administration import administered_instansi, administers_anything, instansi_to_administer
from workflow.setup.imports import import_commit, import_preview, import_upload
from workflow.setup.peta import peta_jabatan

TAG = ["setup"]


def _require_setup(user: Any) -> None:
    if not administers_anything(user):
        raise NotPermitted("Hanya Bagian Organisasi dan administrator yang dapat mengatur instansi.")


class OPDDetailView(APIView):
    @extend_schema(
        operation_id="opds_update",
        tags=TAG,
        request=io.OPDUpdateInput,
        responses=responses({200: io.OPDOutput}, *WRITE, 409),
        summary="Ubah OPD / rename or deactivate an OPD",
        description=bilingual(
            "Ganti nama, singkatan, atau `active` (nonaktifkan/aktifkan). Nama kembar: 409 `opd_exists`.",
            "Rename, change the short name or `active`. A duplicate name: 409 `opd_exists`.",
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = validated(io.OPDUpdateInput, request.data)
        opd = opds.opd_update(actor=request.user, opd_id=pk, **data)
        return Response(io.OPDOutput(opd).data)


class OPDListCreateView(OPDListView):
    """The reference list of OPDs in scope, plus creating one (Bagian Organisasi, administrator)."""

    @extend_schema(
        operation_id="opds_create",
        tags=TAG,
        request=io.OPDCreateInput,
        responses=responses({201: io.OPDOutput}, *WRITE, 409),
        summary="Buat OPD / create an OPD",
    )
    def post(self, request: Request) -> Response:
        data = validated(io.OPDCreateInput, request.data)
        opd = opds.opd_create(
            actor=request.user,
            instansi_id=data["instansi"],
            name=data["name"],
            short_name=data.get("short_name", ""),
        )
        return Response(io.OPDOutput(opd).data, status.HTTP_201_CREATED)


class InvitationView(APIView):
    @extend_schema(
        operation_id="invitations_create",
        tags=TAG,
        request=io.InvitationInput,
        responses=responses({201: io.UserOutput}, *WRITE, 409),
        summary="Undang pengguna / invite a user",
        description=bilingual(
            "Membuat akun tanpa kata sandi dengan peran pertamanya dan mengirim tautan sekali pakai "
            "lewat email.",
            "Creates the account without a password, with its first role, and emails a one-time link.",
        ),
    )
    def post(self, request: Request) -> Response:
        data = validated(io.InvitationInput, request.data)
        user = people.user_invite(
            actor=request.user,
            instansi_id=data["instansi"],
            username=data["username"],
            email=data["email"],
            name=data.get("name", ""),
            role=data["role"],
            opd_id=data.get("opd"),
        )
        return Response(io.UserOutput(user).data, status.HTTP_201_CREATED)


class RoleAssignmentListView(generics.ListAPIView):
    serializer_class = io.RoleAssignmentOutput
    pagination_class = ReferencePagination

    def get_queryset(self) -> QuerySet[Any]:
        instansi = administered_instansi(self.request.user)
        return (
            RoleAssignment.objects.filter(Q(instansi__in=instansi) | Q(opd__instansi__in=instansi))
            .select_related("user")
            .order_by("id")
        )

    @extend_schema(
        operation_id="role_assignments_list",
        tags=TAG,
        responses=responses({200: io.RoleAssignmentOutput(many=True)}, *LIST),
        summary="Peran di instansi / roles in the instansi",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="role_assignments_create",
        tags=TAG,
        request=io.RoleAssignmentInput,
        responses=responses({201: io.RoleAssignmentOutput}, *WRITE),
        summary="Beri peran / give a role",
        description=bilingual(
            "Penyusun/pemeriksa sebuah OPD instansi, atau Bagian Organisasi; Plt./Plh. wajib `valid_until`.",
            "Drafter/reviewer of an OPD of the instansi, or Bagian Organisasi; Plt./Plh. need `valid_until`.",
        ),
    )
    def post(self, request: Request) -> Response:
        data = validated(io.RoleAssignmentInput, request.data)
        assignment = people.role_assign(
            actor=request.user,
            user_id=data["user"],
            instansi_id=data["instansi"],
            role=data["role"],
            opd_id=data.get("opd"),
            acting=data.get("acting") or "",
            acting_for=data.get("acting_for", ""),
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
        )
        return Response(io.RoleAssignmentOutput(assignment).data, status.HTTP_201_CREATED)


class RoleEndView(APIView):
    @extend_schema(
        operation_id="role_assignments_end",
        tags=TAG,
        request=io.RoleEndInput,
        responses=responses({204: None}, *WRITE, 409),
        summary="Akhiri peran / end a role",
        description=bilingual(
            "Hari terakhir `on` (bawaan hari ini); peran yang belum mulai dihapus.",
            "Its last day is `on` (today by default); a role not yet started is removed.",
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        data = validated(io.RoleEndInput, request.data if request.data else {})
        people.role_end(actor=request.user, assignment_id=pk, on=data.get("on"))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoundListView(generics.ListAPIView):
    serializer_class = io.RoundOutput
    pagination_class = ReferencePagination

    def get_queryset(self) -> QuerySet[Any]:
        return rounds.visible_rounds(self.request.user).order_by("-opened_at", "id")

    @extend_schema(
        operation_id="drafting_rounds_list",
        tags=TAG,
        responses=responses({200: io.RoundOutput(many=True)}, *LIST),
        summary="Putaran penyusunan / drafting rounds",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="drafting_rounds_create",
        tags=TAG,
        request=io.RoundInput,
        responses=responses({201: io.RoundOutput}, *WRITE),
        summary="Buka putaran / open a drafting round",
    )
    def post(self, request: Request) -> Response:
        data = validated(io.RoundInput, request.data)
        drafting = rounds.round_open(
            actor=request.user, instansi_id=data["instansi"], name=data["name"], deadline=data["deadline"]
        )
        return Response(io.RoundOutput(drafting).data, status.HTTP_201_CREATED)


class RoundAnnounceView(APIView):
    @extend_schema(
        operation_id="drafting_rounds_announce",
        tags=TAG,
        request=io.AnnounceInput,
        responses=responses({200: io.AnnounceOutput}, *WRITE, 409),
        summary="Umumkan putaran ke OPD / announce a round to the OPDs",
        description=bilingual(
            "Memberi tahu penyusun dan pemeriksa setiap OPD aktif; diulang tidak mengirim dua kali.",
            "Tells every drafter and reviewer of the active OPDs; repeating it sends nothing twice.",
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        data = validated(io.AnnounceInput, request.data if request.data else {})
        count = rounds.round_announce(actor=request.user, round_id=pk, message=data.get("message", ""))
        return Response({"notified": count})


def _import_body(batch: ImportBatch, preview: Preview) -> dict[str, Any]:
    return {
        **preview.as_dict(),
        "id": batch.pk,
        "filename": batch.filename,
        "instansi": batch.instansi_id,
        "committed_at": batch.committed_at,
    }


class ImportUploadView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="imports_create",
        tags=TAG,
        request={"multipart/form-data": io.ImportUploadInput},
        responses=responses({201: io.ImportOutput}, *WRITE),
        summary="Unggah berkas impor / upload a file to import",
        description=bilingual(
            "XLSX atau CSV (dikenali dari isinya). Jawaban: pratinjau setiap baris (baru, berubah, tidak "
            "berubah, salah dengan alasannya); belum ada yang disimpan. Simpan dengan "
            "`/imports/{id}/commit/`.",
            "XLSX or CSV (told by content). The answer previews every row (new, changed, unchanged, error "
            "with its reason); nothing is saved until `/imports/{id}/commit/`.",
        ),
    )
    def post(self, request: Request) -> Response:
        _require_setup(request.user)
        serializer = io.ImportUploadInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data["file"]
        batch, preview = import_upload(
            actor=request.user,  # type: ignore[arg-type]
            kind=data["kind"],
            instansi_id=data.get("instansi"),
            filename=upload.name or "berkas",
            content=upload.read(),
        )
        return Response(_import_body(batch, preview), status.HTTP_201_CREATED)


class ImportDetailView(APIView):
    @extend_schema(
        operation_id="imports_retrieve",
        tags=TAG,
        responses=responses({200: io.ImportOutput}, *READ_ONE),
        summary="Pratinjau impor / an import's preview",
    )
    def get(self, request: Request, pk: int) -> Response:
        batch, preview = import_preview(actor=request.user, batch_id=pk)
        return Response(_import_body(batch, preview))


class ImportCommitView(APIView):
    @extend_schema(
        operation_id="imports_commit",
        tags=TAG,
        request=None,
        responses=responses({200: io.ImportOutput}, *WRITE, 409),
        summary="Simpan impor / commit an import",
        description=bilingual(
            "Semua atau tidak sama sekali: diperiksa lagi; bila ada baris salah, tidak ada yang disimpan "
            "(400 dengan setiap masalah). Sudah disimpan: 409 `already_committed`.",
            "All or nothing: checked again; with any bad row nothing is saved (400 listing every problem). "
            "Already committed: 409 `already_committed`.",
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        batch, preview = import_commit(actor=request.user, batch_id=pk)
        if not preview.committed:
            errors = [
                {"code": "row_invalid", "message": line, "field": ""} for line in preview.all_problems()
            ]
            return Response({"detail": preview.summary, "errors": errors}, status.HTTP_400_BAD_REQUEST)
        return Response(_import_body(batch, preview))


class PetaJabatanView(APIView):
    @extend_schema(
        operation_id="peta_jabatan_retrieve",
        tags=TAG,
        parameters=[io.PetaQuery],
        responses=responses({200: io.PetaOutput}, *LIST),
        summary="Peta jabatan dan cakupan / position tree and coverage",
        description=bilingual(
            "Pohon jabatan tiap OPD dengan bezetting, kebutuhan, status standar, dan cakupan (persentase "
            "jabatan dengan standar disetujui dan ditetapkan) per OPD dan untuk instansi.",
            "Each OPD's position tree with headcount, standard state and coverage (share of positions with "
            "an approved and an enacted standard) per OPD and for the instansi.",
        ),
    )
    def get(self, request: Request) -> Response:
        _require_setup(request.user)
        query = io.PetaQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data.get("instansi")
        if wanted is None:
            first = administered_instansi(request.user).order_by("name").first()
            if first is None:
                raise NotFound("Instansi tidak ditemukan.")
            wanted = first.pk
        instansi = instansi_to_administer(request.user, wanted)
        peta = peta_jabatan(instansi, opd_id=query.validated_data.get("opd"))
        body = {
            "instansi": peta.instansi,
            "coverage": peta.coverage.as_dict(),
            "opds": [opd_map.as_dict() for opd_map in peta.opds],
        }
        return Response(body)
