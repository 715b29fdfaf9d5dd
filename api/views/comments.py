"""A document's row comments: list, write or answer, resolve."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import OldestFirstPagination
from api.requests import AuthenticatedRequest
from api.schema import LIST, WRITE, responses
from api.serializers.comments import CommentInput, CommentSerializer
from api.views.common import bilingual, validated
from workflow import comments
from workflow.scoping import visible_submissions


def _reloaded(comment: Any) -> Any:
    top_id = comment.parent_id or comment.pk
    return comments.comments_of(comment.submission).get(pk=top_id)


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_comments",
        tags=["workflow"],
        responses=responses({200: CommentSerializer(many=True)}, *LIST),
        summary="Komentar baris / row comments",
        description=bilingual(
            "Komentar pada baris kompetensi, baris persyaratan atau ikhtisar, setiap putaran, "
            "terlama dahulu, dengan jawabannya.",
            "Comments on a competency row, a requirement row or the summary, every round, oldest first, "
            "with their answers.",
        ),
    ),
    post=extend_schema(
        operation_id="submissions_comment_create",
        tags=["workflow"],
        request=CommentInput,
        responses=responses({201: CommentSerializer}, *WRITE),
        summary="Tulis atau jawab komentar / write or answer a comment",
        description=bilingual(
            "Pemeriksa pada tahapnya menulis komentar (`anchor`, `anchor_key`, `body`); peserta dokumen "
            "menjawab dengan `parent`. `anchor_key`: kode kompetensi (atau nama kompetensi teknis), "
            "`bagian:uraian` untuk persyaratan, kosong untuk ikhtisar.",
            "The reviewer of the stage writes a comment; participants answer with `parent`. "
            "`anchor_key`: the competency code (or technical name), `section:text` for a requirement, "
            "empty for the summary.",
        ),
        examples=[
            OpenApiExample(
                "Komentar / comment",
                value={"anchor": "competency", "anchor_key": "M.01", "body": "Level terlalu rendah."},
                request_only=True,
            )
        ],
    ),
)
class CommentListView(generics.ListAPIView):
    serializer_class = CommentSerializer
    pagination_class = OldestFirstPagination
    filter_backends: list[Any] = []

    def document(self) -> Any:
        return generics.get_object_or_404(
            visible_submissions(self.request.user).only("id"), pk=self.kwargs["pk"]
        )

    def get_queryset(self) -> QuerySet[Any]:
        return comments.comments_of(self.document())

    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        self.document()
        data = validated(CommentInput, request.data)
        if "parent" in data:
            comment = comments.answer_comment(
                submission_id=pk, comment_id=data["parent"], actor=request.user, body=data["body"]
            )
        else:
            comment = comments.add_comment(
                submission_id=pk,
                actor=request.user,
                anchor=data["anchor"],
                anchor_key=data.get("anchor_key", ""),
                body=data["body"],
            )
        return Response(CommentSerializer(_reloaded(comment)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        operation_id="submissions_comment_resolve",
        tags=["workflow"],
        request=None,
        responses=responses({200: CommentSerializer}, *WRITE, 409),
        summary="Tandai komentar selesai / resolve a comment",
        description=bilingual(
            "Penyusun dokumen atau penulis komentar menandainya selesai; 409 bila sudah selesai.",
            "The drafter or the comment's author marks it resolved; 409 when it already is.",
        ),
    )
)
class CommentResolveView(APIView):
    def post(self, request: AuthenticatedRequest, pk: int, cid: int) -> Response:
        generics.get_object_or_404(visible_submissions(request.user).only("id"), pk=pk)
        comment = comments.resolve_comment(submission_id=pk, comment_id=cid, actor=request.user)
        return Response(CommentSerializer(_reloaded(comment)).data)
