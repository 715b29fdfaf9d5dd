"""Comments anchored to a row of a document (DESIGN.md section 6)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import StrictSerializer, TextField
from workflow.comments import ANCHOR_KEY_LENGTH, COMMENT_MAX_LENGTH
from workflow.models import CommentAnchor


class CommentInput(StrictSerializer):
    """A new remark (`anchor`, `anchor_key`, `body`) or, with `parent`, an answer (`parent`, `body`)."""

    anchor = serializers.ChoiceField(choices=CommentAnchor.choices, required=False)
    anchor_key = TextField(max_length=ANCHOR_KEY_LENGTH)
    # The ignore: `parent` shadows Field.parent (the enclosing serializer) in the DRF stubs.
    parent = serializers.IntegerField(required=False, min_value=1)  # type: ignore[assignment]
    body = TextField(max_length=COMMENT_MAX_LENGTH, required=True, allow_blank=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "parent" not in attrs and "anchor" not in attrs:
            raise serializers.ValidationError(
                {"anchor": ["Pilih baris yang dikomentari (summary, competency, requirement)."]},
                code="required",
            )
        return attrs


class CommentAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.SerializerMethodField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField())
    def get_author(self, comment: Any) -> str:
        return str(comment.author.username)


class CommentSerializer(CommentAnswerSerializer):
    round = serializers.IntegerField()
    anchor = serializers.ChoiceField(choices=CommentAnchor.choices)
    anchor_key = serializers.CharField(allow_blank=True)
    anchor_label = serializers.CharField()
    resolved = serializers.SerializerMethodField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolved_by = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    def get_resolved(self, comment: Any) -> bool:
        return comment.resolved_at is not None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_resolved_by(self, comment: Any) -> str | None:
        return comment.resolved_by.username if comment.resolved_by else None

    @extend_schema_field(CommentAnswerSerializer(many=True))
    def get_answers(self, comment: Any) -> list[dict[str, Any]]:
        return list(CommentAnswerSerializer(comment.answers.all(), many=True).data)
